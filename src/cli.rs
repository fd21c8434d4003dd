//! Command-line flags as the user typed them (clap), and their conversion,
//! once, into validated [`Options`]. Nothing below this module sees clap.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::baseline::DEFAULT_BASELINE;
use crate::draft::{DraftFormat, DraftOptions, Severity};
use crate::eval::{DatasetKind, EvalOptions};
use crate::gate::FailOn;
use crate::load::Limits;
use crate::render::{Format, Style, TestFormat};

/// Default claims path, relative to the working directory.
pub const DEFAULT_CLAIMS: &str = "claims";
/// Default sources path, relative to the working directory.
pub const DEFAULT_SOURCES: &str = "seeds";

/// claimcheck: check YAML claims against a corpus of articles, with the
/// evidence sentence and the reason for every verdict.
#[derive(Debug, Parser)]
#[command(name = "claimcheck", version, about, long_about = None)]
pub struct Cli {
    /// What to do (default: check).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Inputs shared by every subcommand.
    #[command(flatten)]
    pub inputs: InputArgs,
}

/// Inputs shared by every subcommand.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Claims file or directory of *.yaml files (repeatable) [default: claims]
    #[arg(long = "claims", value_name = "PATH", global = true)]
    pub claims: Vec<PathBuf>,
    /// Source file or directory of *.txt/*.md articles (repeatable) [default: seeds]
    #[arg(long = "sources", value_name = "PATH", global = true)]
    pub sources: Vec<PathBuf>,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    pub color: ColorWhen,
    /// Project config file [default: claimcheck.toml, searched upwards]
    #[arg(long, value_name = "FILE", global = true, conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore claimcheck.toml.
    #[arg(long, global = true)]
    pub no_config: bool,
    /// Worker threads for analysis and matching [default: one per core].
    /// Results do not depend on it.
    #[arg(long, short = 'j', value_name = "N", global = true, value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Largest article read, in bytes (suffixes K, M, G) [default: 256M]
    #[arg(long, value_name = "BYTES", global = true, value_parser = parse_bytes)]
    pub max_file_bytes: Option<u64>,
    /// Largest claims file or sources.yaml read, in bytes (suffixes K, M, G) [default: 16M]
    #[arg(long, value_name = "BYTES", global = true, value_parser = parse_bytes)]
    pub max_claims_bytes: Option<u64>,
    /// With `--sources -`: corpus statistics written by `claimcheck stats`
    /// (repeatable, one per shard; summed) for exact corpus-wide weights.
    #[arg(long, value_name = "FILE", global = true)]
    pub stats: Vec<PathBuf>,
    /// Where analysed sources are cached between runs [default:
    /// $CLAIMCHECK_CACHE_DIR, else the platform cache directory, e.g.
    /// ~/.cache/claimcheck]. Safe to delete at any time.
    #[arg(long, value_name = "DIR", global = true)]
    pub cache_dir: Option<PathBuf>,
    /// Analyse every source again; neither read nor write the cache.
    /// Results are the same with or without it.
    #[arg(long, global = true)]
    pub no_cache: bool,
}

/// A byte count: digits, optionally followed by `K`, `M` or `G` (powers of
/// 1024; `KB`, `KiB` and lower case work too).
pub fn parse_bytes(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (number, unit) = text.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a byte count (e.g. 1048576, 512K, 64M, 2G)"))?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return Err(format!("unknown unit in `{text}` (use K, M or G)")),
    };
    number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("`{text}` is too large"))
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every claim against every source (the default).
    Check {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Compare with a baseline written by `baseline update` and report
        /// what changed since.
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// Exit 1 when this is found (comma-separated or repeated).
        #[arg(long, value_enum, value_delimiter = ',', default_value = "never")]
        fail_on: Vec<FailOn>,
    },
    /// Show why each source got its verdict on one claim.
    Explain {
        /// The claim id.
        claim: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
        format: ExplainFormat,
    },
    /// Compare every claim's `expect` and `expect_status` with the
    /// verdicts found; exit 1 when one does not hold.
    Test {
        /// Output format.
        #[arg(long, value_enum, default_value_t = TestFormat::Text)]
        format: TestFormat,
    },
    /// Manage the baseline that `check --baseline` compares with.
    Baseline {
        /// What to do with it.
        #[command(subcommand)]
        command: BaselineCommand,
    },
    /// Measure verdict accuracy on a labelled dataset (see docs/eval.md).
    Eval {
        /// Which dataset format PATH is.
        #[arg(long, value_enum)]
        dataset: DatasetKind,
        /// The dataset file or folder.
        path: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
        format: ExplainFormat,
        /// List N misclassified examples per confusion cell, with what
        /// the matcher saw.
        #[arg(long, value_name = "N")]
        errors: Option<usize>,
        /// Read only the first N labelled items (quick runs).
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// Fact-check an article draft against the claims and sources.
    Draft(DraftArgs),
    /// With `--sources -`: count sentences and claim words of the
    /// documents on standard input, for `check --stats` (exact weights
    /// across shards).
    Stats,
    /// Show or clear the cache of analysed sources.
    Cache {
        /// What to do with it.
        #[command(subcommand)]
        command: CacheCommand,
    },
    /// Combine the records of sharded `check --sources - --format jsonl`
    /// runs into the full report (give the same --claims).
    Merge {
        /// Shard record files (JSON Lines); `-` reads standard input.
        #[arg(value_name = "VERDICTS.jsonl", required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

/// The `baseline` subcommands.
#[derive(Debug, Subcommand)]
pub enum BaselineCommand {
    /// Write every verdict and contradiction to the baseline file
    /// (atomically: a temporary file renamed over it).
    Update {
        /// The baseline file.
        #[arg(long, short, value_name = "FILE", default_value = DEFAULT_BASELINE)]
        output: PathBuf,
    },
}

/// The `cache` subcommands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Subcommand)]
pub enum CacheCommand {
    /// Print the cache directory.
    Dir,
    /// Print the cache directory and, per analysis version, its entries
    /// and size.
    Info,
    /// Delete every cached analysis (the next run analyses everything).
    Clear,
}

/// Flags of `draft`.
#[derive(Debug, Args)]
pub struct DraftArgs {
    /// Draft files (Markdown or plain text); `-` reads standard input.
    #[arg(value_name = "DRAFT", required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format [default: line, or `format` in claimcheck.toml]
    #[arg(long, value_enum)]
    pub format: Option<DraftFormat>,
    /// Least severity reported [default: warning, info with --verbose]
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_severity: Option<Severity>,
    /// Exit 0 even with error findings (input errors still exit 2).
    #[arg(long)]
    pub no_exit: bool,
    /// Also report sentences that agree with the sources (info).
    #[arg(short, long)]
    pub verbose: bool,
}

/// When to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Output formats of `explain` and `eval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// Text for people.
    Text,
    /// JSON.
    Json,
}

/// What to run, validated.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// `check`.
    Check {
        /// Output format.
        format: Format,
        /// Baseline to compare with.
        baseline: Option<PathBuf>,
        /// Conditions that fail the run (empty or `never`: none).
        fail_on: Vec<FailOn>,
    },
    /// `explain CLAIM`.
    Explain {
        /// The claim id.
        claim: String,
        /// JSON instead of text.
        json: bool,
    },
    /// `test`.
    Test {
        /// Output format.
        format: TestFormat,
    },
    /// `baseline update`.
    BaselineUpdate {
        /// Where to write the baseline.
        output: PathBuf,
    },
    /// `eval --dataset KIND PATH`.
    Eval(EvalOptions),
    /// `draft PATH...`.
    Draft(DraftOptions),
    /// `stats`.
    Stats,
    /// `merge FILE...`.
    Merge {
        /// Shard record files.
        files: Vec<PathBuf>,
        /// Output format.
        format: Format,
    },
    /// `cache dir|info|clear`.
    Cache(CacheCommand),
}

/// Where the cache of analysed sources is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum CacheChoice {
    /// The platform's cache directory ([`crate::cache::default_root`]).
    #[default]
    Default,
    /// This directory (`--cache-dir`, `CLAIMCHECK_CACHE_DIR`).
    Dir(PathBuf),
    /// No cache (`--no-cache`).
    Off,
}

/// Which project config to read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ConfigChoice {
    /// The nearest `claimcheck.toml` upwards from the working directory.
    #[default]
    Discover,
    /// This file (`--config`).
    File(PathBuf),
    /// None (`--no-config`).
    Off,
}

/// Validated options: everything the application needs, nothing of clap.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// What to run.
    pub action: Action,
    /// Claims paths.
    pub claims: Vec<PathBuf>,
    /// Sources paths.
    pub sources: Vec<PathBuf>,
    /// Colour and such.
    pub style: Style,
    /// Which project config to read.
    pub config: ConfigChoice,
    /// `--claims` was given (it wins over the config).
    pub claims_given: bool,
    /// `--sources` was given (it wins over the config).
    pub sources_given: bool,
    /// Worker threads (`--jobs`); `None`: one per core. The binary sizes
    /// rayon's global pool with it.
    pub jobs: Option<usize>,
    /// Size limits (`--max-file-bytes`, `--max-claims-bytes`).
    pub limits: Limits,
    /// `--stats` files, for `check --sources -`.
    pub stats: Vec<PathBuf>,
    /// The cache of analysed sources.
    pub cache: CacheChoice,
}

impl Options {
    /// Build options from parsed flags; `stdout_is_terminal` and `no_color`
    /// (the `NO_COLOR` variable is set and not empty) decide `auto` colour.
    pub fn from_cli(cli: Cli, stdout_is_terminal: bool, no_color: bool) -> Options {
        let action = match cli.command {
            None => Action::Check {
                format: Format::Table,
                baseline: None,
                fail_on: Vec::new(),
            },
            Some(Command::Check {
                format,
                baseline,
                fail_on,
            }) => Action::Check {
                format,
                baseline,
                fail_on,
            },
            Some(Command::Explain { claim, format }) => Action::Explain {
                claim,
                json: format == ExplainFormat::Json,
            },
            Some(Command::Eval {
                dataset,
                path,
                format,
                errors,
                limit,
            }) => Action::Eval(EvalOptions {
                dataset,
                path,
                json: format == ExplainFormat::Json,
                errors,
                limit,
            }),
            Some(Command::Test { format }) => Action::Test { format },
            Some(Command::Baseline {
                command: BaselineCommand::Update { output },
            }) => Action::BaselineUpdate { output },
            Some(Command::Merge { files, format }) => Action::Merge { files, format },
            Some(Command::Cache { command }) => Action::Cache(command),
            Some(Command::Stats) => Action::Stats,
            Some(Command::Draft(args)) => Action::Draft(DraftOptions {
                paths: args.paths,
                format: args.format,
                min_severity: args.min_severity,
                no_exit: args.no_exit,
                verbose: args.verbose,
            }),
        };
        let config = match (cli.inputs.no_config, cli.inputs.config) {
            (true, _) => ConfigChoice::Off,
            (false, Some(path)) => ConfigChoice::File(path),
            (false, None) => ConfigChoice::Discover,
        };
        let (claims_given, sources_given) = (
            !cli.inputs.claims.is_empty(),
            !cli.inputs.sources.is_empty(),
        );
        let or_default = |paths: Vec<PathBuf>, default: &str| {
            if paths.is_empty() {
                vec![PathBuf::from(default)]
            } else {
                paths
            }
        };
        let color = match cli.inputs.color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => stdout_is_terminal && !no_color,
        };
        let defaults = Limits::default();
        let limits = Limits {
            max_source_bytes: cli
                .inputs
                .max_file_bytes
                .unwrap_or(defaults.max_source_bytes),
            max_claims_file_bytes: cli
                .inputs
                .max_claims_bytes
                .unwrap_or(defaults.max_claims_file_bytes),
        };
        Options {
            action,
            claims: or_default(cli.inputs.claims, DEFAULT_CLAIMS),
            sources: or_default(cli.inputs.sources, DEFAULT_SOURCES),
            style: Style { color },
            config,
            claims_given,
            sources_given,
            jobs: cli.inputs.jobs.map(usize::from),
            limits,
            stats: cli.inputs.stats,
            cache: match (cli.inputs.no_cache, cli.inputs.cache_dir) {
                (true, _) => CacheChoice::Off,
                (false, Some(dir)) => CacheChoice::Dir(dir),
                (false, None) => CacheChoice::Default,
            },
        }
    }

    /// These options with the cache directory of the environment
    /// (`CLAIMCHECK_CACHE_DIR`'s value, when set and not empty) unless
    /// the flags chose one or turned the cache off.
    pub fn with_cache_env(mut self, value: Option<std::ffi::OsString>) -> Options {
        if let (CacheChoice::Default, Some(dir)) = (&self.cache, value)
            && !dir.is_empty()
        {
            self.cache = CacheChoice::Dir(PathBuf::from(dir));
        }
        self
    }

    /// Parse the process arguments and environment.
    pub fn from_env() -> Options {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Options::from_cli(Cli::parse(), std::io::stdout().is_terminal(), no_color)
            .with_cache_env(std::env::var_os(crate::cache::CACHE_DIR_ENV))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_counts_take_units() {
        assert_eq!(parse_bytes("1048576"), Ok(1 << 20));
        assert_eq!(parse_bytes("512K"), Ok(512 << 10));
        assert_eq!(parse_bytes("64M"), Ok(64 << 20));
        assert_eq!(parse_bytes("64mib"), Ok(64 << 20));
        assert_eq!(parse_bytes("2G"), Ok(2 << 30));
        assert!(parse_bytes("").is_err());
        assert!(parse_bytes("12X").is_err());
        assert!(parse_bytes("-1").is_err());
        assert!(parse_bytes("99999999999999999999G").is_err());
    }

    #[test]
    fn limit_flags_reach_the_options() {
        let cli = Cli::parse_from([
            "claimcheck",
            "--max-file-bytes",
            "1K",
            "--max-claims-bytes",
            "2M",
        ]);
        let options = Options::from_cli(cli, false, false);
        assert_eq!(options.limits.max_source_bytes, 1024);
        assert_eq!(options.limits.max_claims_file_bytes, 2 << 20);
        let options = Options::from_cli(Cli::parse_from(["claimcheck"]), false, false);
        assert_eq!(options.limits, Limits::default());
    }

    #[test]
    fn the_cache_flags_win_over_the_environment() {
        let options = |args: &[&str], env: Option<&str>| {
            let cli = Cli::parse_from(std::iter::once("claimcheck").chain(args.iter().copied()));
            Options::from_cli(cli, false, false)
                .with_cache_env(env.map(std::ffi::OsString::from))
                .cache
        };
        let dir = |d: &str| CacheChoice::Dir(PathBuf::from(d));
        assert_eq!(options(&[], None), CacheChoice::Default);
        assert_eq!(options(&[], Some("")), CacheChoice::Default, "empty: unset");
        assert_eq!(options(&[], Some("/env")), dir("/env"));
        assert_eq!(
            options(&["--cache-dir", "/flag"], Some("/env")),
            dir("/flag")
        );
        assert_eq!(options(&["--no-cache"], Some("/env")), CacheChoice::Off);
        assert_eq!(options(&["check", "--no-cache"], None), CacheChoice::Off);
    }
}
