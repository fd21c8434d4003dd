//! The claims file format: parsing YAML into [`Claim`]s with errors that
//! point at file, line and column, and merging files into one [`ClaimSet`].
//!
//! The minimal file is a `claims:` list of `id` + `text`. Everything else
//! (file-level `aliases`, per-claim `about`, `expect`, `expect_status`,
//! `truth`, `note`) is optional. Unknown fields are errors with a
//! "did you mean" hint, because a misspelt `expect` would otherwise
//! silently switch a regression check off.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::verdict::{ClaimStatus, Verdict};

/// Where something was written: file, 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Origin {
    /// The file, as the user named it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// One claim to check.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Unique id, used in reports and on the command line.
    pub id: String,
    /// The claim as one declarative sentence.
    pub text: String,
    /// Extra terms that evidence must mention (hints for short claims).
    pub about: Vec<String>,
    /// Expected verdict per source (path relative to its sources root).
    /// When present, sources not listed are expected `not_mentioned`.
    pub expect: Option<BTreeMap<String, Verdict>>,
    /// Expected status across sources.
    pub expect_status: Option<ClaimStatus>,
    /// An editorial ruling that overrides the sources' status.
    pub truth: Option<bool>,
    /// Free text for people.
    pub note: Option<String>,
    /// Where the claim's `id` was written.
    pub origin: Origin,
}

/// Every claim to check, with the aliases the files declared.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimSet {
    /// Claims in file order, files in the order given.
    pub claims: Vec<Claim>,
    /// Canonical name → other names, from every file's `aliases:`.
    pub aliases: Vec<(String, Vec<String>)>,
}

impl ClaimSet {
    /// The claim with this id.
    pub fn get(&self, id: &str) -> Option<&Claim> {
        self.claims.iter().find(|c| c.id == id)
    }

    /// The known id closest to `id`, for "did you mean".
    pub fn closest_id(&self, id: &str) -> Option<&str> {
        did_you_mean(id, self.claims.iter().map(|c| c.id.as_str()))
    }
}

/// What can be wrong with a claims file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ClaimsError {
    /// The YAML does not parse, or does not fit the format.
    #[error("{origin}: {message}")]
    Invalid {
        /// Where the problem is.
        origin: Origin,
        /// What is wrong, in words.
        message: String,
    },
    /// Two claims share an id.
    #[error("{second}: duplicate claim id `{id}` (first defined at {first})")]
    DuplicateId {
        /// The id used twice.
        id: String,
        /// Where it was first defined.
        first: Origin,
        /// Where it was defined again.
        second: Origin,
    },
    /// A file holds no claims at all.
    #[error("{file}:1:1: no claims in this file (expected a `claims:` list)")]
    Empty {
        /// The file.
        file: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    aliases: BTreeMap<String, Vec<String>>,
    claims: Vec<RawClaim>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClaim {
    id: Spanned<String>,
    text: Spanned<String>,
    #[serde(default)]
    about: Vec<String>,
    #[serde(default)]
    expect: Option<BTreeMap<String, Verdict>>,
    #[serde(default)]
    expect_status: Option<ClaimStatus>,
    #[serde(default)]
    truth: Option<bool>,
    #[serde(default)]
    note: Option<String>,
}

const FILE_FIELDS: &[&str] = &["aliases", "claims"];
const CLAIM_FIELDS: &[&str] = &[
    "id",
    "text",
    "about",
    "expect",
    "expect_status",
    "truth",
    "note",
];

/// The deepest nesting a claims file may use. Real files need four.
pub const MAX_YAML_DEPTH: usize = 32;

/// Parse one claims file. `file` names it in errors.
pub fn parse_claims(yaml: &str, file: &str) -> Result<ClaimSet, ClaimsError> {
    let yaml = yaml.strip_prefix('\u{feff}').unwrap_or(yaml);
    if yaml.trim().is_empty() || is_only_comments(yaml) {
        return Err(ClaimsError::Empty {
            file: file.to_string(),
        });
    }
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_YAML_DEPTH,
        },
        with_snippet: false,
    };
    let raw: RawFile = serde_saphyr::from_str_with_options(yaml, options).map_err(|err| {
        let (line, column) = err
            .location()
            .map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
        ClaimsError::Invalid {
            origin: Origin {
                file: file.to_string(),
                line: line.max(1),
                column: column.max(1),
            },
            message: explain_yaml_error(&err),
        }
    })?;
    let mut set = ClaimSet {
        claims: Vec::with_capacity(raw.claims.len()),
        aliases: raw.aliases.into_iter().collect(),
    };
    for claim in raw.claims {
        let at = |s: &serde_saphyr::Location| Origin {
            file: file.to_string(),
            line: (s.line() as usize).max(1),
            column: (s.column() as usize).max(1),
        };
        let id = claim.id.value.trim().to_string();
        if id.is_empty() {
            return Err(ClaimsError::Invalid {
                origin: at(&claim.id.referenced),
                message: "claim `id` is empty".to_string(),
            });
        }
        if claim.text.value.trim().is_empty() {
            return Err(ClaimsError::Invalid {
                origin: at(&claim.text.referenced),
                message: format!("claim `{id}` has an empty `text`"),
            });
        }
        set.claims.push(Claim {
            id,
            text: claim.text.value.trim().to_string(),
            about: claim.about,
            expect: claim.expect,
            expect_status: claim.expect_status,
            truth: claim.truth,
            note: claim.note,
            origin: at(&claim.id.referenced),
        });
    }
    if set.claims.is_empty() {
        return Err(ClaimsError::Empty {
            file: file.to_string(),
        });
    }
    Ok(set)
}

fn is_only_comments(yaml: &str) -> bool {
    yaml.lines()
        .map(str::trim)
        .all(|l| l.is_empty() || l.starts_with('#') || l == "---" || l == "...")
}

/// Turn a YAML error into one line a user can act on, adding a "did you
/// mean" to unknown fields.
fn explain_yaml_error(err: &serde_saphyr::Error) -> String {
    let full = err.to_string();
    // The library renders a snippet after the first line; keep the message.
    let message = full
        .lines()
        .next()
        .unwrap_or("invalid YAML")
        .trim()
        .to_string();
    let message = strip_location_prefix(&message);
    if let Some(field) = unknown_field(&message) {
        let all = FILE_FIELDS.iter().chain(CLAIM_FIELDS).copied();
        let hint = did_you_mean(&field, all)
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        return format!("unknown field `{field}`{hint}");
    }
    message
}

/// serde-saphyr prefixes some messages with "line X column Y:"; we print
/// our own location, so drop theirs.
fn strip_location_prefix(message: &str) -> String {
    let lower = message.to_lowercase();
    for marker in [" at line ", "at line "] {
        if let Some(pos) = lower.find(marker) {
            let head = message[..pos].trim_end_matches([',', ':', ' ']);
            if !head.is_empty() {
                return head.to_string();
            }
        }
    }
    message.to_string()
}

fn unknown_field(message: &str) -> Option<String> {
    let rest = &message[message.find("unknown field")? + "unknown field".len()..];
    let rest = rest.trim_start();
    let quote = rest.chars().next()?;
    let close = match quote {
        '`' | '"' | '\'' => quote,
        _ => return None,
    };
    let inner = &rest[quote.len_utf8()..];
    let end = inner.find(close)?;
    Some(inner[..end].to_string())
}

/// The candidate closest to `word`, if it is close enough to be a typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Merge parsed files into one set. Every duplicate id is reported with
/// both places.
pub fn merge(files: Vec<ClaimSet>) -> Result<ClaimSet, Vec<ClaimsError>> {
    let mut merged = ClaimSet::default();
    let mut seen: BTreeMap<String, Origin> = BTreeMap::new();
    let mut errors = Vec::new();
    for file in files {
        merged.aliases.extend(file.aliases);
        for claim in file.claims {
            if let Some(first) = seen.get(&claim.id) {
                errors.push(ClaimsError::DuplicateId {
                    id: claim.id.clone(),
                    first: first.clone(),
                    second: claim.origin.clone(),
                });
                continue;
            }
            seen.insert(claim.id.clone(), claim.origin.clone());
            merged.claims.push(claim);
        }
    }
    if errors.is_empty() {
        Ok(merged)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_file_parses() {
        let set = parse_claims(
            "claims:\n  - id: treaty-june-2024\n    text: Russia and North Korea signed a partnership treaty on June 19, 2024.\n",
            "c.yaml",
        )
        .unwrap();
        assert_eq!(set.claims.len(), 1);
        assert_eq!(set.claims[0].id, "treaty-june-2024");
        assert_eq!(set.claims[0].origin.line, 2);
    }

    #[test]
    fn unknown_field_suggests_the_right_one() {
        let err = parse_claims("claims:\n  - id: a\n    txt: hello\n", "c.yaml").unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("c.yaml:3:"), "{text}");
        assert!(text.contains("unknown field `txt`"), "{text}");
        assert!(text.contains("did you mean `text`?"), "{text}");
    }

    #[test]
    fn syntax_error_points_at_line_and_column() {
        let err = parse_claims("claims:\n  - id: a\n    text: [unclosed\n", "c.yaml").unwrap_err();
        let ClaimsError::Invalid { origin, .. } = err else {
            panic!("expected Invalid, got {err:?}");
        };
        assert_eq!(origin.file, "c.yaml");
        assert!(origin.line >= 3, "{origin}");
    }

    #[test]
    fn empty_text_is_an_error() {
        let err = parse_claims("claims:\n  - id: a\n    text: \"  \"\n", "c.yaml").unwrap_err();
        assert!(err.to_string().contains("empty `text`"), "{err}");
        assert!(err.to_string().starts_with("c.yaml:3:"), "{err}");
    }

    #[test]
    fn empty_file_is_an_error() {
        assert!(matches!(
            parse_claims("# nothing\n", "c.yaml"),
            Err(ClaimsError::Empty { .. })
        ));
    }

    #[test]
    fn bad_verdict_word_is_an_error() {
        let err = parse_claims(
            "claims:\n  - id: a\n    text: b\n    expect:\n      x.txt: supported\n",
            "c.yaml",
        )
        .unwrap_err();
        assert!(err.to_string().contains("supported"), "{err}");
    }

    #[test]
    fn duplicate_ids_name_both_places() {
        let a = parse_claims("claims:\n  - id: x\n    text: one\n", "a.yaml").unwrap();
        let b = parse_claims("claims:\n\n  - id: x\n    text: two\n", "b.yaml").unwrap();
        let errors = merge(vec![a, b]).unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "b.yaml:3:9: duplicate claim id `x` (first defined at a.yaml:2:9)"
        );
    }

    #[test]
    fn bom_is_accepted() {
        assert!(parse_claims("\u{feff}claims:\n  - id: a\n    text: b\n", "c.yaml").is_ok());
    }
}
