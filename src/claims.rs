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
/// The most aliases (`*name`) a claims file may use.
pub const MAX_YAML_ALIASES: usize = 1_000;
/// The most anchors (`&name`) a claims file may define.
pub const MAX_YAML_ANCHORS: usize = 1_000;
/// The most parser events all aliases of a claims file may replay
/// together: what stops an expansion ("billion laughs") bomb that stays
/// under [`MAX_YAML_ALIASES`].
pub const MAX_YAML_ALIAS_EVENTS: usize = 100_000;

/// The YAML budget of one claims file. Depth and aliases are fixed (the
/// constants above); the node and scalar budgets grow with the file-size
/// limit, so that any file under `--max-claims-bytes` that is not a bomb
/// parses (a node takes at least one byte).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YamlLimits {
    /// Deepest nesting of sequences and mappings.
    pub max_depth: usize,
    /// Most alias uses.
    pub max_aliases: usize,
    /// Most anchors.
    pub max_anchors: usize,
    /// Most events replayed by aliases, in total.
    pub max_alias_events: usize,
    /// Most nodes (scalars, sequences, mappings).
    pub max_nodes: usize,
    /// Most bytes of scalar text, in total.
    pub max_scalar_bytes: usize,
}

impl YamlLimits {
    /// The budget for files of at most `max_file_bytes` bytes.
    pub fn for_file_bytes(max_file_bytes: u64) -> Self {
        let bytes = usize::try_from(max_file_bytes).unwrap_or(usize::MAX);
        YamlLimits {
            max_depth: MAX_YAML_DEPTH,
            max_aliases: MAX_YAML_ALIASES,
            max_anchors: MAX_YAML_ANCHORS,
            max_alias_events: MAX_YAML_ALIAS_EVENTS,
            max_nodes: bytes.saturating_add(1024).max(250_000),
            max_scalar_bytes: bytes.max(64 * 1024 * 1024),
        }
    }

    fn options(&self) -> serde_saphyr::Options {
        serde_saphyr::options! {
            budget: serde_saphyr::budget! {
                max_depth: self.max_depth,
                max_aliases: self.max_aliases,
                max_anchors: self.max_anchors,
                max_nodes: self.max_nodes,
                max_events: self.max_nodes.saturating_mul(2),
                max_total_scalar_bytes: self.max_scalar_bytes,
                max_documents: 1,
            },
            alias_limits: serde_saphyr::alias_limits! {
                max_total_replayed_events: self.max_alias_events,
                max_replay_stack_depth: self.max_depth,
            },
            with_snippet: false,
        }
    }
}

impl Default for YamlLimits {
    fn default() -> Self {
        YamlLimits::for_file_bytes(crate::load::MAX_CLAIMS_FILE_BYTES)
    }
}

/// Parse one claims file with the default [`YamlLimits`]. `file` names it
/// in errors.
pub fn parse_claims(yaml: &str, file: &str) -> Result<ClaimSet, ClaimsError> {
    parse_claims_with(yaml, file, &YamlLimits::default())
}

/// Parse one claims file within `limits`. `file` names it in errors.
///
/// The YAML is first scanned for depth and aliases without building
/// anything, so that a deep or alias-heavy document is refused with the
/// limit it broke even where a type error would come first; then it is
/// deserialized with the same budget, alias replays counted.
pub fn parse_claims_with(
    yaml: &str,
    file: &str,
    limits: &YamlLimits,
) -> Result<ClaimSet, ClaimsError> {
    let yaml = yaml.strip_prefix('\u{feff}').unwrap_or(yaml);
    if yaml.trim().is_empty() || is_only_comments(yaml) {
        return Err(ClaimsError::Empty {
            file: file.to_string(),
        });
    }
    let origin = |line: usize, column: usize| Origin {
        file: file.to_string(),
        line: line.max(1),
        column: column.max(1),
    };
    if let Err((line, column, message)) = check_shape(yaml, limits) {
        return Err(ClaimsError::Invalid {
            origin: origin(line, column),
            message,
        });
    }
    let raw: RawFile =
        serde_saphyr::from_str_with_options(yaml, limits.options()).map_err(|err| {
            let (line, column) = err
                .location()
                .map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
            ClaimsError::Invalid {
                origin: origin(line, column),
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

/// Scan `yaml` for nesting depth, aliases and anchors over `limits`,
/// without building anything: `(line, column, message)` of the first
/// breach. Syntax errors are left to the deserializer, which explains
/// them better.
fn check_shape(yaml: &str, limits: &YamlLimits) -> Result<(), (usize, usize, String)> {
    use serde_saphyr::granit_parser::{Event, Parser};
    let (mut depth, mut aliases, mut anchors) = (0usize, 0usize, 0usize);
    for item in Parser::new_from_str(yaml) {
        let Ok((event, span)) = item else {
            return Ok(());
        };
        let at = (span.start.line(), span.start.col() + 1);
        let anchor = match event {
            Event::SequenceStart(_, anchor, _) | Event::MappingStart(_, anchor, _) => {
                depth += 1;
                if depth > limits.max_depth {
                    return Err((
                        at.0,
                        at.1,
                        format!(
                            "nested more than {} levels deep (the limit for a claims file)",
                            limits.max_depth
                        ),
                    ));
                }
                anchor
            }
            Event::SequenceEnd | Event::MappingEnd => {
                depth = depth.saturating_sub(1);
                0
            }
            Event::Alias(_) => {
                aliases += 1;
                if aliases > limits.max_aliases {
                    return Err((
                        at.0,
                        at.1,
                        format!(
                            "more than {} aliases (`*name`) in one claims file (an alias expansion bomb?)",
                            limits.max_aliases
                        ),
                    ));
                }
                0
            }
            Event::Scalar(_, _, anchor, _) => anchor,
            _ => 0,
        };
        if anchor != 0 {
            anchors += 1;
            if anchors > limits.max_anchors {
                return Err((
                    at.0,
                    at.1,
                    format!(
                        "more than {} anchors (`&name`) in one claims file",
                        limits.max_anchors
                    ),
                ));
            }
        }
    }
    Ok(())
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
    if let Some(plain) = explain_budget(err).or_else(|| plain_words(&message)) {
        return plain;
    }
    if let Some(field) = unknown_field(&message) {
        let all = FILE_FIELDS.iter().chain(CLAIM_FIELDS).copied();
        let hint = did_you_mean(&field, all)
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        return format!("unknown field `{field}`{hint}");
    }
    message
}

/// A breach of the YAML budget, in words.
fn explain_budget(err: &serde_saphyr::Error) -> Option<String> {
    use serde_saphyr::budget::BudgetBreach;
    let serde_saphyr::Error::Budget { breach, .. } = err else {
        return None;
    };
    Some(match breach {
        BudgetBreach::Documents { .. } => {
            "more than one YAML document (`---`): put every claim in one `claims:` list".to_string()
        }
        BudgetBreach::Depth { depth } => {
            format!("nested {depth} levels deep, over the limit of {MAX_YAML_DEPTH}")
        }
        BudgetBreach::Aliases { aliases } => format!(
            "{aliases} aliases (`*name`), over the limit of {MAX_YAML_ALIASES} (an alias expansion bomb?)"
        ),
        BudgetBreach::Anchors { anchors } => {
            format!("{anchors} anchors (`&name`), over the limit of {MAX_YAML_ANCHORS}")
        }
        BudgetBreach::AliasAnchorRatio { aliases, anchors } => format!(
            "{aliases} aliases (`*name`) for {anchors} anchor(s): an alias expansion bomb? \
             (more than 10 uses per anchor are refused once there are 100)"
        ),
        other => format!(
            "over the YAML budget of a claims file ({other:?}); \
             a real file this big needs a higher --max-claims-bytes"
        ),
    })
}

/// Messages of the YAML library that speak of its API or of Rust types,
/// in the words of a claims file.
fn plain_words(message: &str) -> Option<String> {
    let lower = message.to_lowercase();
    let plain = if lower.contains("null into string") {
        "a value is missing here (null where text is expected)".to_string()
    } else if lower.starts_with("expected sequence") {
        "expected a list (a YAML sequence) here".to_string()
    } else if lower.starts_with("expected string") {
        "expected text here, found a list or a mapping".to_string()
    } else if lower.starts_with("expected mapping") {
        "expected a mapping (`key: value` lines) here".to_string()
    } else if lower.contains("alias replay limit exceeded") {
        format!(
            "aliases (`*name`) expand to more than {MAX_YAML_ALIAS_EVENTS} YAML events (an alias expansion bomb?)"
        )
    } else if lower.contains("recursion limit exceeded") {
        format!("nested too deep (more than {MAX_YAML_DEPTH} levels are refused)")
    } else if let Some(rest) = lower.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        format!("duplicate key `{key}`")
    } else {
        return None;
    };
    Some(plain)
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

    #[test]
    fn scalars_where_text_is_expected_are_read_as_written() {
        let set = parse_claims(
            "claims:\n  - id: 0012\n    text: 1e3\n    about: [1_000, yes]\n",
            "c.yaml",
        )
        .unwrap();
        let claim = &set.claims[0];
        assert_eq!(claim.id, "0012");
        assert_eq!(claim.text, "1e3");
        assert_eq!(claim.about, ["1_000", "yes"]);
    }

    #[test]
    fn null_and_wrong_shapes_are_errors_in_plain_words() {
        for (yaml, words) in [
            ("claims:\n  - id: a\n    text:\n", "missing"),
            ("claims: {}\n", "expected a list"),
            ("claims:\n  - hello\n", "expected a mapping"),
            ("claims:\n  - id: a\n    text: [x]\n", "expected text"),
            (
                "claims:\n  - id: a\n    id: b\n    text: c\n",
                "duplicate key `id`",
            ),
            ("claims:\n\t- id: a\n", "tabs"),
            (
                "claims:\n  - id: a\n    text: b\n---\nclaims: []\n",
                "more than one YAML document",
            ),
        ] {
            let err = parse_claims(yaml, "c.yaml").unwrap_err().to_string();
            assert!(err.contains(words), "{yaml:?}: {err}");
            assert!(!err.contains("Option<"), "no Rust types in: {err}");
        }
    }

    #[test]
    fn depth_is_refused_where_types_would_fail_later() {
        let deep = format!(
            "claims:\n  - id: a\n    text: b\n    about: {}x{}\n",
            "[".repeat(MAX_YAML_DEPTH + 1),
            "]".repeat(MAX_YAML_DEPTH + 1)
        );
        let err = parse_claims(&deep, "c.yaml").unwrap_err().to_string();
        assert!(err.starts_with("c.yaml:4:"), "{err}");
        assert!(err.contains("levels deep"), "{err}");
    }

    #[test]
    fn alias_bombs_are_refused_in_bounded_time() {
        let many = format!(
            "claims:\n  - id: a\n    text: b\n    about: [&w lol{}]\n",
            ", *w".repeat(MAX_YAML_ALIASES + 1)
        );
        let err = parse_claims(&many, "c.yaml").unwrap_err().to_string();
        assert!(err.contains("aliases"), "{err}");

        let words: Vec<String> = (0..1000).map(|i| format!("w{i}")).collect();
        let mut replay = format!(
            "claims:\n  - id: a\n    text: b\n    about: &w [{}]\n",
            words.join(", ")
        );
        for i in 0..(MAX_YAML_ALIAS_EVENTS / 1000 + 1) {
            replay.push_str(&format!("  - id: c{i}\n    text: b\n    about: *w\n"));
        }
        let err = parse_claims(&replay, "c.yaml").unwrap_err().to_string();
        assert!(err.contains("expand to more than"), "{err}");
    }

    #[test]
    fn a_few_aliases_are_fine() {
        let set = parse_claims(
            "claims:\n  - id: a\n    text: &t Atlantis opened a port.\n    about: &about [port]\n  - id: b\n    text: *t\n    about: *about\n",
            "c.yaml",
        )
        .unwrap();
        assert_eq!(set.claims[1].text, "Atlantis opened a port.");
        assert_eq!(set.claims[1].about, ["port"]);
    }

    #[test]
    fn node_budget_grows_with_the_file_limit() {
        let small = YamlLimits::for_file_bytes(1024);
        let big = YamlLimits::for_file_bytes(1 << 30);
        assert!(big.max_nodes > small.max_nodes);
        assert_eq!(big.max_depth, MAX_YAML_DEPTH);
    }
}
