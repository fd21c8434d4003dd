//! Command-line flags as the user typed them (clap), and their conversion,
//! once, into validated [`Options`]. Nothing below this module sees clap.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::eval::{DatasetKind, EvalOptions};
use crate::render::{Format, Style};

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
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every claim against every source (the default).
    Check {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Show why each source got its verdict on one claim.
    Explain {
        /// The claim id.
        claim: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
        format: ExplainFormat,
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
    },
    /// `explain CLAIM`.
    Explain {
        /// The claim id.
        claim: String,
        /// JSON instead of text.
        json: bool,
    },
    /// `eval --dataset KIND PATH`.
    Eval(EvalOptions),
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
}

impl Options {
    /// Build options from parsed flags; `stdout_is_terminal` and `no_color`
    /// (the `NO_COLOR` variable is set and not empty) decide `auto` colour.
    pub fn from_cli(cli: Cli, stdout_is_terminal: bool, no_color: bool) -> Options {
        let action = match cli.command {
            None => Action::Check {
                format: Format::Table,
            },
            Some(Command::Check { format }) => Action::Check { format },
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
        };
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
        Options {
            action,
            claims: or_default(cli.inputs.claims, DEFAULT_CLAIMS),
            sources: or_default(cli.inputs.sources, DEFAULT_SOURCES),
            style: Style { color },
        }
    }

    /// Parse the process arguments and environment.
    pub fn from_env() -> Options {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Options::from_cli(Cli::parse(), std::io::stdout().is_terminal(), no_color)
    }
}
