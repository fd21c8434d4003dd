//! Polarity: a claim and a sentence that disagree on whether the
//! predicate holds ("supports" / "does not support").

use super::{Effect, Finding, Rule, RuleInput};
use crate::lexicon::{DIMINISHERS, NEGATING_VERBS, NEGATION_CUES};
use crate::matcher::{ClaimQuery, WordMatch};
use crate::text::Token;
use crate::verdict::{Reason, Stance};

/// How many tokens before a word a negation cue may stand.
const NEGATION_REACH: usize = 4;
/// How many tokens before a word a diminishing verb may stand.
const DIMINISHER_REACH: usize = 3;

/// Flags a polarity difference between claim and sentence.
pub struct NegationRule;

impl Rule for NegationRule {
    fn name(&self) -> &'static str {
        "negation"
    }

    fn check(&self, input: &RuleInput<'_>) -> Option<Finding> {
        // An antonym with a negation is the antonym rule's business.
        if input.alignment.has_antonym() {
            return None;
        }
        let claim_negated = claim_is_negated(input.query);
        let tokens = &input.sentence.analysis.tokens;
        let sentence_cue = input
            .alignment
            .matched
            .iter()
            .filter(|m| m.how != WordMatch::Antonym)
            .find_map(|m| negation_cue_before(tokens, input.text, m.token).map(|c| (c, m.token)));
        if let Some((cue, word)) = diminished(input) {
            return Some(Finding {
                effect: Effect::Unrelated,
                reason: Reason::Negation,
                detail: format!(
                    "lessened, neither asserted nor denied: “{}”",
                    crate::span::Span::new(tokens[cue].span().start, tokens[word].span().end)
                        .slice(input.text)
                ),
                strength: 0.0,
                highlight: None,
            });
        }
        match (claim_negated, sentence_cue) {
            (false, Some((cue, word))) => Some(Finding {
                effect: Effect::Takes(Stance::Refutes),
                reason: Reason::Negation,
                detail: format!(
                    "the source negates it: “{}”",
                    crate::span::Span::new(tokens[cue].span().start, tokens[word].span().end)
                        .slice(input.text)
                ),
                strength: 0.9,
                highlight: Some(crate::span::Span::new(
                    tokens[cue].span().start,
                    tokens[word].span().end,
                )),
            }),
            (true, None) => Some(Finding {
                effect: Effect::Takes(Stance::Refutes),
                reason: Reason::Negation,
                detail: "the claim is negative, the source states it positively".to_string(),
                strength: 0.75,
                highlight: None,
            }),
            _ => None,
        }
    }
}

/// Whether a negation cue governs one of the claim's words or entities
/// ("Kelly Preston was not in Broken Bridges").
pub fn claim_is_negated(query: &ClaimQuery) -> bool {
    let tokens = &query.analysis.tokens;
    query
        .words
        .iter()
        .chain(&query.entities)
        .any(|term| negation_cue_before(tokens, &query.text, term.token).is_some())
}

/// A diminishing verb ("reduced", "cut") right before a matched claim
/// word, when the claim has none: (cue token, word token).
fn diminished(input: &RuleInput<'_>) -> Option<(usize, usize)> {
    let is_diminisher = |t: &Token| DIMINISHERS.iter().any(|d| t.norm.starts_with(d));
    if input.query.analysis.tokens.iter().any(is_diminisher) {
        return None;
    }
    let tokens = &input.sentence.analysis.tokens;
    input.alignment.matched.iter().find_map(|m| {
        (m.token.saturating_sub(DIMINISHER_REACH)..m.token)
            .find(|&i| is_diminisher(&tokens[i]))
            .map(|i| (i, m.token))
    })
}

/// Whether the token at `at` is a negation cue ("not", "never") or a
/// negating verb before "to" ("refused to").
pub fn is_negation_cue(tokens: &[Token], at: usize) -> bool {
    tokens.get(at).is_some_and(|cue| {
        NEGATION_CUES.contains(&cue.norm.as_str())
            || (NEGATING_VERBS.iter().any(|v| cue.norm.starts_with(v))
                && tokens.get(at + 1).is_some_and(|t| t.norm == "to"))
    })
}

/// The index of a negation cue that governs the token at `at`: within
/// [`NEGATION_REACH`] tokens before it, in the same clause. "not only"
/// does not negate.
pub fn negation_cue_before(tokens: &[Token], text: &str, at: usize) -> Option<usize> {
    let word = tokens.get(at)?;
    let from = at.saturating_sub(NEGATION_REACH);
    (from..at).rev().find(|&i| {
        let cue = &tokens[i];
        if !is_negation_cue(tokens, i) {
            return false;
        }
        if cue.norm == "not" && tokens.get(i + 1).is_some_and(|t| t.norm == "only") {
            return false;
        }
        let between = text.get(cue.span().end..word.span().start).unwrap_or("");
        let clause_break = between.contains([',', ';', ':', '(', ')', '—', '–'])
            || tokens[i + 1..at]
                .iter()
                .any(|t| matches!(t.norm.as_str(), "but" | "while" | "although" | "whereas"));
        !clause_break
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, effect};

    #[test]
    fn negated_sentence_refutes() {
        let found = check(
            &NegationRule,
            "Russia supports North Korea militarily.",
            "Russia has made clear that it does not support Pyongyang either economically or militarily.",
        );
        let found = found.expect("a finding");
        assert_eq!(found.effect, Effect::Takes(Stance::Refutes));
        assert!(found.detail.contains("not support"), "{}", found.detail);
    }

    #[test]
    fn reduced_aid_is_not_evidence() {
        assert_eq!(
            effect(check(
                &NegationRule,
                "Moscow gives Pyongyang financial aid.",
                "Russia reduced financial and military aid to North Korea."
            )),
            Some(Effect::Unrelated)
        );
    }

    #[test]
    fn both_negated_agree() {
        assert_eq!(
            check(
                &NegationRule,
                "Russia does not support North Korea militarily.",
                "Russia does not support Pyongyang militarily."
            ),
            None
        );
    }

    #[test]
    fn negative_claim_against_positive_sentence_refutes() {
        assert_eq!(
            effect(check(
                &NegationRule,
                "Russia never supplied weapons to North Korea.",
                "Russia has regularly supplied North Korea with weapons."
            )),
            Some(Effect::Takes(Stance::Refutes))
        );
    }

    #[test]
    fn negation_in_another_clause_does_not_count() {
        assert_eq!(
            check(
                &NegationRule,
                "Russia supplies weapons to North Korea.",
                "It is not surprising, but Russia supplies weapons to North Korea."
            ),
            None
        );
    }

    #[test]
    fn refusal_negates() {
        assert_eq!(
            effect(check(
                &NegationRule,
                "China signed the treaty with North Korea.",
                "China refused to sign the treaty with North Korea."
            )),
            Some(Effect::Takes(Stance::Refutes))
        );
    }

    #[test]
    fn inability_and_yet_to_negate() {
        for claim in [
            "The Daily Show is incapable of focusing on recent news stories.",
            "The Daily Show is unable to focus on recent news stories.",
            "The Daily Show has yet to focus on recent news stories.",
        ] {
            assert_eq!(
                effect(check(
                    &NegationRule,
                    claim,
                    "The Daily Show focuses on recent news stories and political figures."
                )),
                Some(Effect::Takes(Stance::Refutes)),
                "{claim}"
            );
        }
    }

    #[test]
    fn not_only_is_not_negation() {
        assert_eq!(
            check(
                &NegationRule,
                "Russia supplies weapons to North Korea.",
                "Russia not only supplies weapons to North Korea but also food."
            ),
            None
        );
    }
}
