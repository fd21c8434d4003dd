//! The project file `claimcheck.toml`, found by walking up from the
//! working directory:
//!
//! ```toml
//! claims = ["claims"]          # like --claims (repeatable)
//! sources = ["seeds", "more"]  # like --sources (repeatable)
//! min_severity = "warning"     # draft: error | warning | info
//! format = "line"              # draft: line | json | sarif | github
//! ```
//!
//! Every key is optional; paths are relative to the file's directory.
//! Flags given on the command line win over the file. Unknown keys are
//! errors with a "did you mean", so a typo never silently drops a
//! setting.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::claims::did_you_mean;
use crate::cli::{Action, ConfigChoice, Options};
use crate::draft::{DraftFormat, Severity};
use crate::span::LineIndex;

/// The file name looked for.
pub const FILE_NAME: &str = "claimcheck.toml";

/// The keys of the file, for "did you mean".
const KEYS: &[&str] = &["claims", "sources", "min_severity", "format"];

/// The settings of a `claimcheck.toml`, paths as written.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Claims files or directories.
    pub claims: Option<Vec<PathBuf>>,
    /// Source files or directories.
    pub sources: Option<Vec<PathBuf>>,
    /// Least severity `draft` reports.
    pub min_severity: Option<Severity>,
    /// Output format of `draft`.
    pub format: Option<DraftFormat>,
}

/// What is wrong with a config file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConfigError {
    /// The file cannot be read.
    #[error("{path}: cannot read: {message}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        message: String,
    },
    /// The file does not parse or has a wrong key or value.
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// The nearest `claimcheck.toml` in `start` or one of its ancestors.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|file| file.is_file())
}

/// Parse the text of a config file; `shown` names it in errors.
pub fn parse(text: &str, shown: &str) -> Result<Config, ConfigError> {
    let config: Config = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        let index = LineIndex::new(text);
        let pos = index.line_col(text, at);
        ConfigError::Invalid {
            path: shown.to_string(),
            line: pos.line,
            column: pos.column,
            message: explain(e.message()),
        }
    })?;
    for (key, list) in [("claims", &config.claims), ("sources", &config.sources)] {
        if list.as_ref().is_some_and(Vec::is_empty) {
            let at = text.find(key).unwrap_or(0);
            let pos = LineIndex::new(text).line_col(text, at);
            return Err(ConfigError::Invalid {
                path: shown.to_string(),
                line: pos.line,
                column: pos.column,
                message: format!("`{key}` is empty; remove it to use the default"),
            });
        }
    }
    Ok(config)
}

/// Read and parse `path`, making its paths relative to `cwd` (or
/// absolute) instead of to the file's directory.
pub fn load(path: &Path, cwd: &Path) -> Result<Config, ConfigError> {
    let shown = path.display().to_string();
    let text = fs::read_to_string(path).map_err(|e| ConfigError::Read {
        path: shown.clone(),
        message: e.to_string(),
    })?;
    let mut config = parse(&text, &shown)?;
    let dir = path.parent().unwrap_or(Path::new(""));
    let dir = if dir.is_absolute() {
        dir.to_path_buf()
    } else {
        cwd.join(dir)
    };
    let rebase = |paths: &mut Option<Vec<PathBuf>>| {
        for p in paths.iter_mut().flatten() {
            if p.is_relative() {
                let joined = dir.join(&*p);
                *p = joined
                    .strip_prefix(cwd)
                    .map(Path::to_path_buf)
                    .unwrap_or(joined);
            }
        }
    };
    rebase(&mut config.claims);
    rebase(&mut config.sources);
    Ok(config)
}

/// `options` with the project config applied under the flags: the file
/// given by `--config`, else the one discovered from `cwd`, unless
/// `--no-config`. Returns the options and the file used.
pub fn apply(options: &Options, cwd: &Path) -> Result<(Options, Option<PathBuf>), ConfigError> {
    let path = match &options.config {
        ConfigChoice::Off => None,
        ConfigChoice::File(path) => Some(path.clone()),
        ConfigChoice::Discover => discover(cwd).map(|found| {
            found
                .strip_prefix(cwd)
                .map_or(found.clone(), Path::to_path_buf)
        }),
    };
    let Some(path) = path else {
        return Ok((options.clone(), None));
    };
    let config = load(&path, cwd)?;
    Ok((merge(options, config), Some(path)))
}

/// Apply `config` where the flags left a default.
pub fn merge(options: &Options, config: Config) -> Options {
    let mut merged = options.clone();
    if let (false, Some(claims)) = (options.claims_given, config.claims) {
        merged.claims = claims;
    }
    if let (false, Some(sources)) = (options.sources_given, config.sources) {
        merged.sources = sources;
    }
    if let Action::Draft(draft) = &mut merged.action {
        draft.format = draft.format.or(config.format);
        // --verbose is a flag too: it wins over the file's level.
        if !draft.verbose {
            draft.min_severity = draft.min_severity.or(config.min_severity);
        }
    }
    merged
}

/// Turn serde's message into one line with a "did you mean".
fn explain(message: &str) -> String {
    let message = message.lines().next().unwrap_or(message).trim();
    let ticked: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    if let Some(field) = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())
    {
        let hint = did_you_mean(field, KEYS.iter().copied())
            .map(|k| format!("; did you mean `{k}`?"))
            .unwrap_or_default();
        return format!(
            "unknown key `{field}` (known keys: {}){hint}",
            KEYS.join(", ")
        );
    }
    if let Some((value, expected)) = ticked
        .split_first()
        .filter(|_| message.starts_with("unknown variant `"))
    {
        let hint = did_you_mean(value, expected.iter().copied())
            .map(|k| format!("; did you mean `{k}`?"))
            .unwrap_or_default();
        return format!(
            "unknown value `{value}`, expected one of: {}{hint}",
            expected.join(", ")
        );
    }
    message.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Cli, Options};
    use clap::Parser;

    #[test]
    fn parses_every_key() {
        let config = parse(
            "claims = [\"c\"]\nsources = [\"s\", \"t\"]\nmin_severity = \"info\"\nformat = \"sarif\"\n",
            "claimcheck.toml",
        )
        .unwrap();
        assert_eq!(config.claims, Some(vec![PathBuf::from("c")]));
        assert_eq!(config.sources.as_ref().map(Vec::len), Some(2));
        assert_eq!(config.min_severity, Some(Severity::Info));
        assert_eq!(config.format, Some(DraftFormat::Sarif));
    }

    #[test]
    fn unknown_key_is_an_error_with_a_hint() {
        let err = parse(
            "claims = [\"c\"]\nmin_severty = \"info\"\n",
            "claimcheck.toml",
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("claimcheck.toml:2:1: unknown key `min_severty`"),
            "{text}"
        );
        assert!(text.ends_with("did you mean `min_severity`?"), "{text}");
    }

    #[test]
    fn bad_value_is_an_error_with_a_hint() {
        let err = parse("min_severity = \"warn\"\n", "c.toml")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("c.toml:1:"), "{err}");
        assert!(err.contains("unknown value `warn`"), "{err}");
        assert!(err.contains("did you mean `warning`?"), "{err}");
    }

    #[test]
    fn syntax_error_has_a_position() {
        let err = parse("claims = [\n", "c.toml").unwrap_err();
        assert!(matches!(err, ConfigError::Invalid { .. }), "{err}");
    }

    #[test]
    fn discovers_upwards_and_rebases_paths() {
        let root = tempfile::tempdir().unwrap();
        let nested = root.path().join("a/b");
        fs::create_dir_all(&nested).unwrap();
        fs::write(root.path().join(FILE_NAME), "claims = [\"my-claims\"]\n").unwrap();
        let found = discover(&nested).expect("found upwards");
        assert_eq!(found, root.path().join(FILE_NAME));
        let config = load(&found, &nested).unwrap();
        assert_eq!(config.claims, Some(vec![root.path().join("my-claims")]));
        let here = load(&found, root.path()).unwrap();
        assert_eq!(here.claims, Some(vec![PathBuf::from("my-claims")]));
    }

    #[test]
    fn flags_win_over_the_file() {
        let cli = Cli::parse_from([
            "claimcheck",
            "draft",
            "a.md",
            "--claims",
            "x",
            "--format",
            "json",
        ]);
        let options = Options::from_cli(cli, false, false);
        let config = Config {
            claims: Some(vec!["c".into()]),
            sources: Some(vec!["s".into()]),
            min_severity: Some(Severity::Error),
            format: Some(DraftFormat::Sarif),
        };
        let merged = merge(&options, config);
        assert_eq!(merged.claims, vec![PathBuf::from("x")]);
        assert_eq!(merged.sources, vec![PathBuf::from("s")]);
        let Action::Draft(draft) = merged.action else {
            panic!("draft action");
        };
        assert_eq!(draft.format, Some(DraftFormat::Json));
        assert_eq!(draft.min_severity, Some(Severity::Error));
    }
}
