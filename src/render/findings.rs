//! The findings that code-scanning formats (SARIF, GitHub annotations)
//! report: sentences that refute a claim (error), that make a source
//! mixed or only discuss it (warning), and contradictions (error), each
//! at the sentence's file, line and column.

use super::Context;
use crate::baseline::{Changes, fingerprint};
use crate::report::{Contradiction, Report};
use crate::verdict::{Reason, Stance, Verdict};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// A source refutes a claim, or two sentences contradict each other.
    Error,
    /// A source is mixed on a claim, or only discusses it.
    Warning,
}

/// Relative to the baseline (SARIF `baselineState`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaselineState {
    /// Not in the baseline.
    New,
    /// In the baseline with other evidence.
    Updated,
    /// In the baseline as it is.
    Unchanged,
}

impl BaselineState {
    /// The SARIF word.
    pub fn as_str(self) -> &'static str {
        match self {
            BaselineState::New => "new",
            BaselineState::Updated => "updated",
            BaselineState::Unchanged => "unchanged",
        }
    }
}

/// A place in a source.
#[derive(Debug, Clone)]
pub struct Place {
    /// The source name (relative to its root).
    pub source: String,
    /// The path as the user can open it.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The sentence.
    pub sentence: String,
}

/// One finding.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The claim id.
    pub claim: String,
    /// The reason of the sentence (the refuting side's, for a contradiction).
    pub reason: Reason,
    /// A contradiction between two sentences, not one sentence's stance.
    pub contradiction: bool,
    /// `claimcheck/<reason>` or `claimcheck/contradiction/<reason>`.
    pub rule_id: String,
    /// Error or warning.
    pub level: Level,
    /// Short title: what and which claim.
    pub title: String,
    /// The message.
    pub message: String,
    /// Where.
    pub place: Place,
    /// The other side of a contradiction.
    pub related: Option<Place>,
    /// Stable identity (claim, rule, sentences), independent of lines.
    pub fingerprint: String,
    /// Relative to the baseline, with `--baseline`.
    pub baseline: Option<BaselineState>,
}

/// The rule id of an evidence sentence's reason.
pub fn rule_id(reason: Reason) -> String {
    format!("claimcheck/{reason}")
}

/// The rule id of a contradiction.
pub fn contradiction_rule_id(reason: Reason) -> String {
    format!("claimcheck/contradiction/{reason}")
}

/// What a rule means, for people.
pub fn rule_description(reason: Reason) -> &'static str {
    match reason {
        Reason::LexicalMatch => "The sentence states the claim's words.",
        Reason::DateMismatch => {
            "A date in the same slot (year, month or day) differs from the claim's."
        }
        Reason::NumberMismatch => "A number counting the same thing differs from the claim's.",
        Reason::Negation => "The predicate is negated in one and not the other.",
        Reason::Antonym => "The sentence uses the opposite predicate.",
        Reason::EntityMismatch => {
            "Another entity fills the role the claim gives to one of its own."
        }
        Reason::KindMismatch => {
            "The sentence defines the claim's subject as another kind of thing."
        }
        Reason::WordMismatch => "The sentence completes the claim's \"N of X\" with another word.",
        Reason::Exclusivity => {
            "The claim says \"only\" and the sentence lists the claim's term beside another."
        }
        Reason::Hedged => {
            "The sentence hedges, attributes or questions the claim without asserting it."
        }
        Reason::TopicMatch => {
            "A passage states the claim's entities and most of its words, but no sentence asserts it."
        }
    }
}

fn with_detail(reason: Reason, detail: &str) -> String {
    if detail.is_empty() {
        reason.to_string()
    } else {
        format!("{reason} ({detail})")
    }
}

fn contradiction_state(changes: Option<&Changes>, c: &Contradiction) -> Option<BaselineState> {
    changes.map(|ch| {
        if ch.new_contradictions.contains(c) {
            BaselineState::New
        } else {
            BaselineState::Unchanged
        }
    })
}

fn verdict_state(changes: Option<&Changes>, claim: &str, source: &str) -> Option<BaselineState> {
    changes.map(|ch| {
        let is = |c: &str, s: &str| c == claim && s == source;
        if ch.flipped_verdicts.iter().any(|f| is(&f.claim, &f.source))
            || ch.claims_added.iter().any(|c| c == claim)
            || ch.sources_added.iter().any(|s| s == source)
        {
            BaselineState::New
        } else if ch.evidence_changed.iter().any(|e| is(&e.claim, &e.source)) {
            BaselineState::Updated
        } else {
            BaselineState::Unchanged
        }
    })
}

/// Every finding of the report, claim by claim, in report order.
pub fn findings(report: &Report, context: &Context) -> Vec<Finding> {
    let changes = context.changes.as_ref();
    let mut found = Vec::new();
    for claim in &report.claims {
        for v in &claim.verdicts {
            let (level, stance) = match v.verdict {
                Verdict::Refutes => (Level::Error, Stance::Refutes),
                Verdict::Mixed => (Level::Warning, Stance::Refutes),
                Verdict::Discusses => (Level::Warning, Stance::Discusses),
                Verdict::Supports | Verdict::NotMentioned => continue,
            };
            for e in v.evidence.iter().filter(|e| e.stance == stance) {
                found.push(Finding {
                    claim: claim.id.clone(),
                    reason: e.reason,
                    contradiction: false,
                    rule_id: rule_id(e.reason),
                    level,
                    title: format!("{} {}", v.verdict, claim.id),
                    message: format!(
                        "{} {} claim `{}` (“{}”): {}",
                        v.source,
                        v.verdict,
                        claim.id,
                        claim.text,
                        with_detail(e.reason, &e.detail)
                    ),
                    place: Place {
                        source: v.source.clone(),
                        path: context.path_of(&v.source).to_string(),
                        line: e.line,
                        column: e.column,
                        sentence: e.sentence.clone(),
                    },
                    related: None,
                    fingerprint: fingerprint(
                        format!(
                            "{}\u{1f}{}\u{1f}{}\u{1f}{}",
                            claim.id, e.reason, v.source, e.sentence
                        )
                        .as_bytes(),
                    ),
                    baseline: verdict_state(changes, &claim.id, &v.source),
                });
            }
        }
    }
    for c in &report.contradictions {
        let place = |s: &crate::report::ContradictionSide| Place {
            source: s.source.clone(),
            path: context.path_of(&s.source).to_string(),
            line: s.line,
            column: s.column,
            sentence: s.sentence.clone(),
        };
        found.push(Finding {
            claim: c.claim.clone(),
            reason: c.reason,
            contradiction: true,
            rule_id: contradiction_rule_id(c.reason),
            level: Level::Error,
            title: format!("contradiction {}", c.claim),
            message: format!(
                "contradiction on claim `{}`: {}; the other side is {}:{}:{} “{}”",
                c.claim,
                with_detail(c.reason, &c.detail),
                context.path_of(&c.a.source),
                c.a.line,
                c.a.column,
                c.a.sentence
            ),
            place: place(&c.b),
            related: Some(place(&c.a)),
            fingerprint: fingerprint(
                format!(
                    "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
                    c.claim, c.reason, c.a.source, c.a.sentence, c.b.source, c.b.sentence
                )
                .as_bytes(),
            ),
            baseline: contradiction_state(changes, c),
        });
    }
    found
}
