//! Deciding findings: for one claim, what each draft sentence that speaks
//! to it does against where the claim stands.
//!
//! The claim's standing comes from the sources other than the drafts
//! (their verdicts, summed as `check` sums them), unless the claims file
//! rules on it with `truth:`, which wins. Then, per judged draft
//! sentence:
//!
//! | draft sentence | claim established | claim refuted / disputed |
//! |----------------|-------------------|--------------------------|
//! | refutes        | error: contradicts | —                       |
//! | supports       | info: agrees       | warning: repeats        |
//!
//! Anything else (a hedge, an unverified claim) is left unchecked.
//! Everything here is a pure function of the engine's results.

use serde::{Deserialize, Serialize};

use crate::check::{Assessment, Engine, JudgedSentence, MIN_CONFIDENCE};
use crate::claims::Claim;
use crate::corpus::Sentence;
use crate::dates::{DateComparison, compare};
use crate::numbers::same_quantity;
use crate::span::Span;
use crate::verdict::{ClaimStatus, Reason, Stance, Verdict};

/// How serious a finding is, least first.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The draft agrees with an established claim (shown with --verbose).
    Info,
    /// The draft repeats a refuted or disputed claim.
    Warning,
    /// The draft contradicts an established claim.
    Error,
}

impl Severity {
    /// The word used in every format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What the draft does to the claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Refutes an established claim.
    Contradicts,
    /// Supports a refuted or disputed claim.
    Repeats,
    /// Supports an established claim.
    Agrees,
}

impl Kind {
    /// The word used in every format.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Contradicts => "contradicts",
            Kind::Repeats => "repeats",
            Kind::Agrees => "agrees",
        }
    }

    /// The severity of this kind of finding.
    pub fn severity(self) -> Severity {
        match self {
            Kind::Contradicts => Severity::Error,
            Kind::Repeats => Severity::Warning,
            Kind::Agrees => Severity::Info,
        }
    }
}

/// A source sentence on one side of the claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceRef {
    /// Source name.
    pub source: String,
    /// 1-based line of the sentence.
    pub line: usize,
    /// 1-based column of the sentence.
    pub column: usize,
    /// Its stance on the claim.
    pub stance: Stance,
}

/// Where a claim stands apart from the drafts.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// Status across the sources (drafts excluded).
    pub status: ClaimStatus,
    /// The claims file's ruling, which overrides the status.
    pub truth: Option<bool>,
    /// The strongest supporting sentence of each supporting source.
    pub supporting: Vec<SourceRef>,
    /// The strongest refuting sentence of each refuting source.
    pub refuting: Vec<SourceRef>,
}

impl Standing {
    /// Held true: ruled true, or supported and not ruled false.
    pub fn established(&self) -> bool {
        self.truth.unwrap_or(self.status == ClaimStatus::Supported)
    }

    /// Held false or in doubt: ruled false, or refuted or disputed and
    /// not ruled true.
    pub fn discredited(&self) -> bool {
        match self.truth {
            Some(truth) => !truth,
            None => matches!(self.status, ClaimStatus::Refuted | ClaimStatus::Disputed),
        }
    }

    /// Who establishes it: "the sources" or "the claims file".
    fn authority(&self) -> &'static str {
        match self.truth {
            Some(_) if self.status == ClaimStatus::Unverified => "the claims file",
            Some(truth) if truth != (self.status == ClaimStatus::Supported) => "the claims file",
            _ => "the sources",
        }
    }

    /// "supported by 2 sources: a.txt:40, b.txt:16" and the like.
    pub fn describe(&self) -> String {
        let list = |refs: &[SourceRef]| {
            let n = refs.len();
            let places: Vec<String> = refs
                .iter()
                .map(|r| format!("{}:{}", r.source, r.line))
                .collect();
            format!(
                "{n} source{}: {}",
                if n == 1 { "" } else { "s" },
                places.join(", ")
            )
        };
        let sources = match (self.supporting.is_empty(), self.refuting.is_empty()) {
            (true, true) => "no source supports or refutes it".to_string(),
            (false, true) => format!("supported by {}", list(&self.supporting)),
            (true, false) => format!("refuted by {}", list(&self.refuting)),
            (false, false) => format!(
                "disputed: supported by {}; refuted by {}",
                list(&self.supporting),
                list(&self.refuting)
            ),
        };
        match self.truth {
            Some(true) => format!("ruled true in the claims file; {sources}"),
            Some(false) => format!("ruled false in the claims file; {sources}"),
            None => sources,
        }
    }
}

/// One finding, in the coordinates of the draft's prose.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Index of the draft's source in the corpus.
    pub source: usize,
    /// The draft sentence, in prose coordinates.
    pub sentence: Span,
    /// The conflicting words, in prose coordinates (the sentence when no
    /// rule named them).
    pub highlight: Span,
    /// What the draft does.
    pub kind: Kind,
    /// How serious it is.
    pub severity: Severity,
    /// The rule that decided the draft sentence's stance.
    pub reason: Reason,
    /// The claim id.
    pub claim: String,
    /// The claim text.
    pub claim_text: String,
    /// Where the claim stands.
    pub standing: Standing,
    /// One line for people.
    pub message: String,
    /// The established value, as text, where there is one.
    pub suggestion: Option<String>,
    /// Confidence of the draft sentence's stance.
    pub confidence: f32,
}

impl Finding {
    /// The short code shown in brackets and used as SARIF rule id: the
    /// rule's reason for a contradiction, the kind otherwise.
    pub fn code(&self) -> String {
        match self.kind {
            Kind::Contradicts => self.reason.as_str().to_string(),
            Kind::Repeats if self.standing.truth == Some(false) => "repeats_false".to_string(),
            Kind::Repeats if self.standing.status == ClaimStatus::Disputed => {
                "repeats_disputed".to_string()
            }
            Kind::Repeats => "repeats_refuted".to_string(),
            Kind::Agrees => "agrees".to_string(),
        }
    }
}

/// Where `claim` stands in `assessment`, leaving out the `drafts`
/// sources.
pub fn standing(
    engine: &Engine,
    claim: &Claim,
    assessment: &Assessment,
    drafts: &[usize],
) -> Standing {
    let mut verdicts = Vec::new();
    let mut supporting = Vec::new();
    let mut refuting = Vec::new();
    for (i, (verdict, _)) in assessment.verdicts.iter().enumerate() {
        if drafts.contains(&i) {
            continue;
        }
        verdicts.push(*verdict);
        let best = |stance: Stance| {
            assessment.judged[i]
                .iter()
                .find(|j| j.judgement.stance == stance && j.judgement.confidence >= MIN_CONFIDENCE)
                .map(|j| source_ref(engine, j))
        };
        if matches!(verdict, Verdict::Supports | Verdict::Mixed) {
            supporting.extend(best(Stance::Supports));
        }
        if matches!(verdict, Verdict::Refutes | Verdict::Mixed) {
            refuting.extend(best(Stance::Refutes));
        }
    }
    Standing {
        status: ClaimStatus::from_verdicts(verdicts),
        truth: claim.truth,
        supporting,
        refuting,
    }
}

fn source_ref(engine: &Engine, judged: &JudgedSentence) -> SourceRef {
    let corpus = engine.corpus();
    let sentence = &corpus.sentences[judged.sentence];
    let source = &corpus.sources[sentence.source];
    let at = source.line_col(sentence.span.start);
    SourceRef {
        source: source.name.clone(),
        line: at.line,
        column: at.column,
        stance: judged.judgement.stance,
    }
}

/// The findings of every draft sentence judged for `claim`, drafts being
/// the corpus sources at indices `drafts`.
pub fn claim_findings(
    engine: &Engine,
    claim: &Claim,
    assessment: &Assessment,
    drafts: &[usize],
) -> Vec<Finding> {
    let standing = standing(engine, claim, assessment, drafts);
    let corpus = engine.corpus();
    let mut findings = Vec::new();
    for &draft in drafts {
        for judged in &assessment.judged[draft] {
            let judgement = &judged.judgement;
            if judgement.confidence < MIN_CONFIDENCE {
                continue;
            }
            let kind = match judgement.stance {
                Stance::Refutes if standing.established() => Kind::Contradicts,
                Stance::Supports if standing.discredited() => Kind::Repeats,
                // Attributed or hedged, a discredited claim is still
                // repeated ("…, officials said").
                Stance::Discusses
                    if judgement.reason == Reason::Hedged && standing.discredited() =>
                {
                    Kind::Repeats
                }
                Stance::Supports if standing.established() => Kind::Agrees,
                _ => continue,
            };
            let sentence = &corpus.sentences[judged.sentence];
            let text = corpus.sentence_text(sentence);
            // A hedge's highlight is its cue, not the repeated claim.
            let highlight = judgement
                .highlight
                .filter(|_| judgement.stance != Stance::Discusses);
            let quoted = highlight
                .filter(|h| !h.is_empty() && h.end <= text.len())
                .map(|h| crate::check::one_line(h.slice(text)));
            let highlight = highlight
                .filter(|h| !h.is_empty() && h.end <= text.len())
                .map_or(sentence.span, |h| h.shifted(sentence.span.start));
            let suggestion = match kind {
                Kind::Contradicts => {
                    established_value(engine, assessment, judgement.reason, drafts)
                }
                Kind::Repeats => refuting_value(engine, assessment, drafts),
                Kind::Agrees => None,
            };
            let message = message(
                kind,
                &standing,
                &claim.text,
                quoted.as_deref(),
                suggestion.as_deref(),
            );
            findings.push(Finding {
                source: draft,
                sentence: sentence.span,
                highlight,
                kind,
                severity: kind.severity(),
                reason: judgement.reason,
                claim: claim.id.clone(),
                claim_text: claim.text.clone(),
                standing: standing.clone(),
                message,
                suggestion,
                confidence: judgement.confidence,
            });
        }
    }
    findings
}

fn message(
    kind: Kind,
    standing: &Standing,
    claim: &str,
    quoted: Option<&str>,
    suggestion: Option<&str>,
) -> String {
    let authority = standing.authority();
    let verb = |plural: &str, singular: &str| {
        if authority == "the sources" {
            plural.to_string()
        } else {
            singular.to_string()
        }
    };
    let lead = quoted.map(|q| format!("\"{q}\" — ")).unwrap_or_default();
    match kind {
        Kind::Contradicts => match suggestion {
            Some(value) => format!("{lead}{authority} {} {value}", verb("give", "gives")),
            None => format!("{lead}{authority} {}: {claim}", verb("say", "says")),
        },
        Kind::Repeats => {
            let what = match standing.truth {
                Some(false) => "a claim ruled false in the claims file",
                _ if standing.status == ClaimStatus::Disputed => "a disputed claim",
                _ => "a refuted claim",
            };
            let value = suggestion
                .map(|v| {
                    format!(
                        " {}{} {} {v}.",
                        authority[..1].to_uppercase(),
                        &authority[1..],
                        verb("give", "gives")
                    )
                })
                .unwrap_or_default();
            format!("repeats {what}: {}{value}", full_stop(claim))
        }
        Kind::Agrees => format!("agrees with {authority}: {claim}"),
    }
}

/// `text` ending with a full stop (or its own final punctuation).
fn full_stop(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(['.', '!', '?', '…']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// The sentences of the other sources taking `stance`, strongest first.
fn other_sentences<'a>(
    engine: &'a Engine,
    assessment: &'a Assessment,
    drafts: &'a [usize],
    stance: Stance,
) -> impl Iterator<Item = (&'a JudgedSentence, &'a Sentence)> {
    let mut all: Vec<&JudgedSentence> = assessment
        .judged
        .iter()
        .enumerate()
        .filter(|(i, _)| !drafts.contains(i))
        .flat_map(|(_, list)| list)
        .filter(|j| j.judgement.stance == stance && j.judgement.confidence >= MIN_CONFIDENCE)
        .collect();
    all.sort_by(|a, b| {
        b.judgement
            .confidence
            .total_cmp(&a.judgement.confidence)
            .then(a.sentence.cmp(&b.sentence))
    });
    all.into_iter()
        .map(move |j| (j, &engine.corpus().sentences[j.sentence]))
}

/// The date or number the claim states, as the strongest supporting
/// source writes it; the claim's own when no source supports it (a
/// `truth: true` ruling).
fn established_value(
    engine: &Engine,
    assessment: &Assessment,
    reason: Reason,
    drafts: &[usize],
) -> Option<String> {
    let corpus = engine.corpus();
    let query = &assessment.query;
    match reason {
        Reason::DateMismatch => {
            let claimed = *query.dates.first()?;
            for (_, sentence) in other_sentences(engine, assessment, drafts, Stance::Supports) {
                let source = &corpus.sources[sentence.source].text;
                if let Some(fact) = sentence
                    .dates
                    .iter()
                    .find(|d| compare(&claimed, &d.date) == DateComparison::Agree)
                {
                    return Some(show_date(fact.span.slice(source), &fact.date));
                }
            }
            Some(claimed.to_iso())
        }
        Reason::NumberMismatch => {
            let claimed = query.numbers.first()?;
            for (_, sentence) in other_sentences(engine, assessment, drafts, Stance::Supports) {
                let text = corpus.sentence_text(sentence);
                if let Some(n) = sentence.numbers.iter().find(|n| same_quantity(claimed, n)) {
                    return Some(n.span.slice(text).to_string());
                }
            }
            Some(claimed.span.slice(&query.text).to_string())
        }
        _ => None,
    }
}

/// The date or number that the strongest refuting source gives instead
/// of the claim's.
fn refuting_value(engine: &Engine, assessment: &Assessment, drafts: &[usize]) -> Option<String> {
    let corpus = engine.corpus();
    let (judged, sentence) =
        other_sentences(engine, assessment, drafts, Stance::Refutes).find(|(j, _)| {
            matches!(
                j.judgement.reason,
                Reason::DateMismatch | Reason::NumberMismatch
            )
        })?;
    let highlight = judged.judgement.highlight?;
    let text = corpus.sentence_text(sentence);
    if judged.judgement.reason == Reason::DateMismatch {
        let absolute = highlight.shifted(sentence.span.start);
        if let Some(fact) = sentence.dates.iter().find(|d| d.span == absolute) {
            return Some(show_date(highlight.slice(text), &fact.date));
        }
    }
    Some(crate::check::one_line(highlight.slice(text))).filter(|s| !s.is_empty())
}

/// A date as written when the writing states it whole, else ISO.
fn show_date(written: &str, date: &crate::dates::PartialDate) -> String {
    if date.year_inferred || date.year.is_none() || written.trim().is_empty() {
        date.to_iso()
    } else {
        crate::check::one_line(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn standing(status: ClaimStatus, truth: Option<bool>) -> Standing {
        Standing {
            status,
            truth,
            supporting: vec![],
            refuting: vec![],
        }
    }

    #[test]
    fn truth_overrides_the_sources() {
        assert!(standing(ClaimStatus::Supported, None).established());
        assert!(!standing(ClaimStatus::Supported, Some(false)).established());
        assert!(standing(ClaimStatus::Supported, Some(false)).discredited());
        assert!(standing(ClaimStatus::Refuted, Some(true)).established());
        assert!(!standing(ClaimStatus::Refuted, Some(true)).discredited());
        assert!(standing(ClaimStatus::Disputed, None).discredited());
        let unverified = standing(ClaimStatus::Unverified, None);
        assert!(!unverified.established() && !unverified.discredited());
    }

    #[test]
    fn describes_both_sides() {
        let r = |s: &str, line| SourceRef {
            source: s.to_string(),
            line,
            column: 1,
            stance: Stance::Supports,
        };
        let mut s = standing(ClaimStatus::Disputed, None);
        s.supporting = vec![r("a.txt", 3), r("b.txt", 9)];
        s.refuting = vec![r("c.txt", 1)];
        assert_eq!(
            s.describe(),
            "disputed: supported by 2 sources: a.txt:3, b.txt:9; refuted by 1 source: c.txt:1"
        );
        let ruled = standing(ClaimStatus::Unverified, Some(true));
        assert_eq!(
            ruled.describe(),
            "ruled true in the claims file; no source supports or refutes it"
        );
    }

    #[test]
    fn messages_quote_and_suggest() {
        let s = standing(ClaimStatus::Supported, None);
        assert_eq!(
            message(
                Kind::Contradicts,
                &s,
                "C.",
                Some("June 19, 2023"),
                Some("June 19, 2024")
            ),
            "\"June 19, 2023\" — the sources give June 19, 2024"
        );
        let ruled = standing(ClaimStatus::Unverified, Some(true));
        assert_eq!(
            message(Kind::Contradicts, &ruled, "C.", None, None),
            "the claims file says: C."
        );
        let refuted = standing(ClaimStatus::Refuted, None);
        assert_eq!(
            message(Kind::Repeats, &refuted, "C.", None, Some("2019")),
            "repeats a refuted claim: C. The sources give 2019."
        );
    }
}
