//! `claimcheck draft`: fact-check an article draft with editor-style
//! findings.
//!
//! The draft is read as prose ([`markdown`]: Markdown-aware, with a byte
//! map back to the draft as written), added to the corpus as one more
//! source, and every claim is assessed with the same engine as `check`.
//! The draft's judged sentences are then weighed against where each
//! claim stands in the *other* sources, or against the claims file's
//! `truth:` ruling ([`findings`]): contradicting an established claim is
//! an error, repeating a refuted or disputed one a warning, agreeing an
//! info. Suppression comments in the draft ([`suppress`]) silence
//! findings, and [`render`] writes them as linter lines, JSON, SARIF or
//! GitHub annotations. The draft is never rewritten.

pub mod findings;
pub mod markdown;
pub mod render;
pub mod suppress;

use std::collections::BTreeSet;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::app::Outcome;
use crate::check::{Engine, MIN_CONFIDENCE};
use crate::claims::ClaimSet;
use crate::cli::Options;
use crate::corpus::{AnalysisStore, Source, SourceMeta};
use crate::dates;
use crate::load::{self, LoadedSources};
use crate::span::{LineIndex, Span};

pub use findings::{Finding, Kind, Severity, SourceRef};
pub use render::DraftFormat;

/// The name a draft read from standard input goes by.
pub const STDIN_NAME: &str = "<stdin>";

/// Validated flags of `draft`; `None` is "not given" (the config or the
/// default decides).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftOptions {
    /// Draft paths; `-` is standard input.
    pub paths: Vec<PathBuf>,
    /// Output format.
    pub format: Option<DraftFormat>,
    /// Least severity reported.
    pub min_severity: Option<Severity>,
    /// Exit 0 even with error findings.
    pub no_exit: bool,
    /// Report agreements (info) too.
    pub verbose: bool,
}

impl DraftOptions {
    /// The least severity reported: the flag or config, else `info` with
    /// `--verbose`, else `warning`.
    pub fn least_severity(&self) -> Severity {
        match (self.min_severity, self.verbose) {
            (Some(level), _) => level,
            (None, true) => Severity::Info,
            (None, false) => Severity::Warning,
        }
    }
}

/// One draft to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The name shown in findings (the path as given, or `<stdin>`).
    pub name: String,
    /// The text as written.
    pub text: String,
    /// Read as Markdown (else as plain text).
    pub markdown: bool,
}

impl Draft {
    /// A draft named `name`; Markdown unless the name ends in `.txt` or
    /// `.text` (standard input is read as Markdown, a superset of prose).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let name = name.into();
        let lower = name.to_ascii_lowercase();
        let markdown = !(lower.ends_with(".txt") || lower.ends_with(".text"));
        Draft {
            name,
            text: text.into(),
            markdown,
        }
    }
}

/// A finding placed in the draft as written.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Located {
    /// The draft's name.
    pub path: String,
    /// 1-based line of the first conflicting character.
    pub line: usize,
    /// 1-based column (in characters) of the first conflicting character.
    pub column: usize,
    /// 1-based line of the last conflicting character.
    pub end_line: usize,
    /// 1-based column one past the last conflicting character.
    pub end_column: usize,
    /// How serious it is.
    pub severity: Severity,
    /// What the draft does to the claim.
    pub kind: Kind,
    /// The claim id.
    pub claim: String,
    /// The rule behind the draft sentence's stance.
    pub reason: crate::verdict::Reason,
    /// One line for people.
    pub message: String,
    /// The established value, where there is one.
    pub suggestion: Option<String>,
    /// Short code: the reason of a contradiction, else the kind.
    pub code: String,
    /// The claim text.
    pub claim_text: String,
    /// Where the claim stands, in words.
    pub standing: String,
    /// The sources on each side.
    pub sources: Vec<SourceRef>,
    /// The conflicting words as written in the draft, on one line.
    pub text: String,
    /// The draft sentence, on one line.
    pub sentence: String,
    /// The line of the draft to show, and the columns to underline.
    #[serde(skip)]
    pub snippet: Snippet,
}

/// One line of the draft with the columns to underline.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snippet {
    /// 1-based line number.
    pub line: usize,
    /// The line's text, without its line break.
    pub text: String,
    /// First underlined character, 0-based.
    pub start: usize,
    /// One past the last underlined character on this line, 0-based.
    pub end: usize,
}

/// What `draft` found in one draft.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftReport {
    /// The draft's name.
    pub name: String,
    /// Findings shown, in draft order.
    pub findings: Vec<Located>,
    /// Sentences of prose checked.
    pub sentences: usize,
    /// Sentences that no claim speaks to.
    pub unchecked: usize,
    /// Findings silenced by comments.
    pub suppressed: usize,
    /// Findings below the least severity.
    pub hidden: usize,
    /// Problems with the draft's own comments, as `line:col: message`.
    pub problems: Vec<String>,
}

/// Check `drafts` against `claims` over `sources`, keeping findings of
/// at least `least` severity.
pub fn check(
    claims: &ClaimSet,
    sources: Vec<Source>,
    drafts: &[Draft],
    least: Severity,
) -> Vec<DraftReport> {
    check_with(claims, sources, drafts, least, None)
}

/// [`check`], taking analysed sources from `store` when it holds them
/// ([`Engine::new_with`]).
pub fn check_with(
    claims: &ClaimSet,
    sources: Vec<Source>,
    drafts: &[Draft],
    least: Severity,
    store: Option<&dyn AnalysisStore>,
) -> Vec<DraftReport> {
    let proses: Vec<markdown::Prose> = drafts
        .iter()
        .map(|d| {
            if d.markdown {
                markdown::markdown(&d.text)
            } else {
                markdown::plain(&d.text)
            }
        })
        .collect();
    let first_draft = sources.len();
    let mut all = sources;
    for (draft, prose) in drafts.iter().zip(&proses) {
        let meta = SourceMeta {
            published: prose
                .front_matter
                .and_then(|body| published_in(body.slice(&draft.text))),
            ..SourceMeta::default()
        };
        all.push(Source::new(draft.name.clone(), prose.text.clone(), meta));
    }
    let draft_sources: Vec<usize> = (first_draft..first_draft + drafts.len()).collect();
    let engine = Engine::new_with(claims, all, store);

    let mut found: Vec<Finding> = Vec::new();
    let mut spoken_to: BTreeSet<usize> = BTreeSet::new();
    for claim in &claims.claims {
        let assessment = engine.assess_evidence(claim);
        for &d in &draft_sources {
            spoken_to.extend(
                assessment.judged[d]
                    .iter()
                    .filter(|j| j.judgement.confidence >= MIN_CONFIDENCE)
                    .map(|j| j.sentence),
            );
        }
        found.extend(findings::claim_findings(
            &engine,
            claim,
            &assessment,
            &draft_sources,
        ));
    }
    let found = drop_echoes(found);

    let corpus = engine.corpus();
    drafts
        .iter()
        .zip(&proses)
        .zip(&draft_sources)
        .map(|((draft, prose), &source)| {
            let range = corpus.source_sentences[source].clone();
            let sentences = range.len();
            let unchecked = range.clone().filter(|i| !spoken_to.contains(i)).count();
            let index = LineIndex::new(&draft.text);
            let (placed, bad) = suppress::directives(&draft.text, &prose.html);
            let mut problems: Vec<String> = bad
                .iter()
                .map(|b| {
                    let at = index.line_col(&draft.text, b.span.start);
                    format!("{}:{}: {}", at.line, at.column, b.message)
                })
                .collect();
            for p in &placed {
                for id in p.directive.ids() {
                    if claims.get(id).is_none() {
                        let at = index.line_col(&draft.text, p.span.start);
                        let hint = claims
                            .closest_id(id)
                            .map(|c| format!("; did you mean `{c}`?"))
                            .unwrap_or_default();
                        problems.push(format!(
                            "{}:{}: no claim with id `{id}`{hint}",
                            at.line, at.column
                        ));
                    }
                }
            }
            let silenced = suppress::Suppressions::new(&draft.text, &index, &placed);
            let mut report = DraftReport {
                name: draft.name.clone(),
                findings: Vec::new(),
                sentences,
                unchecked,
                suppressed: 0,
                hidden: 0,
                problems,
            };
            for finding in found.iter().filter(|f| f.source == source) {
                let located = locate(
                    draft,
                    prose,
                    &index,
                    corpus.sources[source].text.as_str(),
                    finding,
                );
                let sentence = prose.map.span(finding.sentence);
                let first = index.line_col(&draft.text, sentence.start).line;
                let last = index
                    .line_col(
                        &draft.text,
                        sentence.end.saturating_sub(1).max(sentence.start),
                    )
                    .line;
                let offset = prose.map.start(finding.highlight.start);
                if finding.severity < least {
                    report.hidden += 1;
                } else if silenced.silences(&finding.claim, offset, first, last) {
                    report.suppressed += 1;
                } else {
                    report.findings.push(located);
                }
            }
            report.findings.sort_by(|a, b| {
                (a.line, a.column)
                    .cmp(&(b.line, b.column))
                    .then(b.severity.cmp(&a.severity))
                    .then(a.claim.cmp(&b.claim))
            });
            report
        })
        .collect()
}

/// A sentence that contradicts an established claim often also repeats
/// its refuted twin ("since 1971" against both "since 1961" and "since
/// 1971"): when the twin is refuted by the very sentences that support
/// the contradicted claim, the error says it all and the warning on the
/// same sentence is dropped.
fn drop_echoes(found: Vec<Finding>) -> Vec<Finding> {
    type Place = (String, usize);
    let place = |r: &SourceRef| (r.source.clone(), r.line);
    let errors: Vec<(usize, Span, Vec<Place>)> = found
        .iter()
        .filter(|f| f.kind == Kind::Contradicts)
        .map(|f| {
            (
                f.source,
                f.sentence,
                f.standing.supporting.iter().map(place).collect(),
            )
        })
        .collect();
    found
        .into_iter()
        .filter(|f| {
            let refuting: Vec<Place> = f.standing.refuting.iter().map(place).collect();
            f.kind != Kind::Repeats
                || refuting.is_empty()
                || !errors.iter().any(|(source, sentence, supporting)| {
                    *source == f.source
                        && *sentence == f.sentence
                        && refuting.iter().all(|r| supporting.contains(r))
                })
        })
        .collect()
}

/// Place a finding in the draft as written.
fn locate(
    draft: &Draft,
    prose: &markdown::Prose,
    index: &LineIndex,
    prose_text: &str,
    f: &Finding,
) -> Located {
    let text = &draft.text;
    let span = prose.map.span(f.highlight);
    let start = index.line_col(text, span.start);
    let end = index.line_col(text, span.end);
    let line_span = line_of(text, index, start.line);
    let line_text = line_span.slice(text).to_string();
    let line_chars = line_text.chars().count();
    let snippet_end = if end.line == start.line {
        end.column - 1
    } else {
        line_chars
    };
    Located {
        path: draft.name.clone(),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        severity: f.severity,
        kind: f.kind,
        claim: f.claim.clone(),
        reason: f.reason,
        message: f.message.clone(),
        suggestion: f.suggestion.clone(),
        code: f.code(),
        claim_text: f.claim_text.clone(),
        standing: f.standing.describe(),
        sources: f
            .standing
            .supporting
            .iter()
            .chain(&f.standing.refuting)
            .cloned()
            .collect(),
        text: crate::check::one_line(span.slice(text)),
        sentence: crate::check::one_line(f.sentence.slice(prose_text)),
        snippet: Snippet {
            line: start.line,
            text: line_text,
            start: start.column - 1,
            end: snippet_end
                .max(start.column)
                .min(line_chars.max(start.column)),
        },
    }
}

/// The span of 1-based `line` without its line break.
fn line_of(text: &str, index: &LineIndex, line: usize) -> Span {
    let start = index
        .offset(text, crate::span::LineCol { line, column: 1 })
        .unwrap_or(text.len());
    let end = text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| start + i);
    Span::new(start, end)
}

/// The published date in a front matter (`date:` or `published:`).
pub fn published_in(front_matter: &str) -> Option<dates::PartialDate> {
    front_matter.lines().find_map(|line| {
        let (key, value) = line.split_once([':', '='])?;
        let key = key.trim().trim_matches('"').to_ascii_lowercase();
        if !matches!(key.as_str(), "date" | "published" | "pubdate") {
            return None;
        }
        let value = value.trim().trim_matches(['"', '\'']);
        dates::extract_dates(value)
            .into_iter()
            .map(|m| m.date)
            .find(|d| d.year.is_some())
            .or_else(|| iso_date(value))
    })
}

/// `2024-06-20` (optionally followed by a time).
fn iso_date(value: &str) -> Option<dates::PartialDate> {
    let day = value.get(..10)?;
    let mut parts = day.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let date = parts.next()?.parse().ok()?;
    Some(dates::PartialDate::ymd(year, month, date))
}

/// Largest draft read, in bytes.
pub const MAX_DRAFT_BYTES: u64 = load::MAX_SOURCE_BYTES;

/// Read one draft: a file, or standard input for `-`.
pub fn read_draft(path: &Path) -> Result<Draft, String> {
    let bytes = if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(MAX_DRAFT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{STDIN_NAME}: cannot read: {e}"))?;
        bytes
    } else {
        let shown = path.display().to_string();
        let meta = fs::metadata(path).map_err(|e| format!("{shown}: cannot read: {e}"))?;
        if !meta.is_file() {
            return Err(format!("{shown}: not a file"));
        }
        fs::read(path).map_err(|e| format!("{shown}: cannot read: {e}"))?
    };
    let name = if path == Path::new("-") {
        STDIN_NAME.to_string()
    } else {
        path.display().to_string()
    };
    if bytes.len() as u64 > MAX_DRAFT_BYTES {
        return Err(format!("{name}: over the {MAX_DRAFT_BYTES}-byte limit"));
    }
    let text = load::decode(&bytes).map_err(|m| format!("{name}: {m}"))?;
    Ok(Draft::new(name, text))
}

/// Run `draft` with `options` (the config already applied).
pub fn run(
    options: &Options,
    draft: &DraftOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let mut drafts = Vec::with_capacity(draft.paths.len());
    for path in &draft.paths {
        match read_draft(path) {
            Ok(d) => drafts.push(d),
            Err(message) => {
                writeln!(err, "claimcheck: error: {message}")?;
                return Ok(Outcome::InputErrors);
            }
        }
    }
    let Some(claims) = crate::app::load_claims_or_report(options, err)? else {
        return Ok(Outcome::InputErrors);
    };
    let LoadedSources { sources, problems } =
        load::load_sources_with(&options.sources, &options.limits);
    for problem in &problems {
        writeln!(err, "claimcheck: warning: {problem}")?;
    }
    if sources.is_empty() {
        writeln!(err, "claimcheck: error: no readable sources")?;
        return Ok(Outcome::InputErrors);
    }
    // A draft that is itself one of the sources would vouch for itself.
    let sources: Vec<Source> = sources
        .into_iter()
        .filter(|s| {
            let own = drafts.iter().any(|d| d.text == s.text);
            if own {
                let _ = writeln!(
                    err,
                    "claimcheck: note: source {} is the draft itself; left out",
                    s.name
                );
            }
            !own
        })
        .collect();
    let least = draft.least_severity();
    let cache = crate::app::open_cache(options, err)?;
    let reports = check_with(&claims, sources, &drafts, least, crate::app::store(&cache));
    crate::app::report_cache(&cache, err)?;
    for report in &reports {
        for problem in &report.problems {
            writeln!(err, "claimcheck: warning: {}:{problem}", report.name)?;
        }
    }
    let format = draft.format.unwrap_or_default();
    render::render(&reports, format, least, options.style, out)?;
    let errors = reports
        .iter()
        .flat_map(|r| &r.findings)
        .any(|f| f.severity == Severity::Error);
    Ok(if !problems.is_empty() {
        Outcome::InputErrors
    } else if errors && !draft.no_exit {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_decide_markdown() {
        assert!(Draft::new("a.md", "").markdown);
        assert!(Draft::new(STDIN_NAME, "").markdown);
        assert!(!Draft::new("a.TXT", "").markdown);
    }

    #[test]
    fn front_matter_dates() {
        assert_eq!(
            published_in("title: x\ndate: 2024-06-20\n"),
            Some(dates::PartialDate::ymd(2024, 6, 20))
        );
        assert_eq!(
            published_in("published = \"June 20, 2024\"\n"),
            Some(dates::PartialDate::ymd(2024, 6, 20))
        );
        assert_eq!(published_in("title: x\n"), None);
    }

    #[test]
    fn least_severity_defaults() {
        let mut o = DraftOptions {
            paths: vec![],
            format: None,
            min_severity: None,
            no_exit: false,
            verbose: false,
        };
        assert_eq!(o.least_severity(), Severity::Warning);
        o.verbose = true;
        assert_eq!(o.least_severity(), Severity::Info);
        o.min_severity = Some(Severity::Error);
        assert_eq!(o.least_severity(), Severity::Error);
    }
}
