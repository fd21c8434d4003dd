//! Numbers: a sentence that counts the same thing as the claim ("five
//! socialist states") with another number refutes it.

use super::{Effect, Finding, Rule, RuleInput};
use crate::numbers::{NumberMention, same_quantity};
use crate::text::Analyzer;
use crate::verdict::{Reason, Stance};

/// Compares numbers that count the same noun.
pub struct NumberRule;

impl Rule for NumberRule {
    fn name(&self) -> &'static str {
        "number"
    }

    fn check(&self, input: &RuleInput<'_>) -> Option<Finding> {
        let mut agreement = None;
        for claimed in &input.query.numbers {
            let claim_slot = slot(claimed, input.analyzer);
            if claim_slot.is_empty() {
                continue;
            }
            for stated in &input.sentence.numbers {
                if stated.kind != claimed.kind {
                    continue;
                }
                let stated_slot = slot(stated, input.analyzer);
                if !claim_slot.iter().any(|k| stated_slot.contains(k)) {
                    continue;
                }
                if same_quantity(claimed, stated) {
                    agreement = Some(Finding {
                        effect: Effect::Agrees,
                        reason: Reason::LexicalMatch,
                        detail: format!("number {} agrees", stated.span.slice(input.text)),
                        strength: 1.0,
                        highlight: Some(stated.span),
                    });
                } else {
                    let claim_words = claimed.span.slice(&input.query.text);
                    return Some(Finding {
                        effect: Effect::Takes(Stance::Refutes),
                        reason: Reason::NumberMismatch,
                        detail: format!(
                            "claim says {claim_words} {}, source says {} {}",
                            claimed.following.first().map_or("", String::as_str),
                            stated.span.slice(input.text),
                            stated.following.first().map_or("", String::as_str),
                        ),
                        strength: 0.9,
                        highlight: Some(stated.span),
                    });
                }
            }
        }
        agreement
    }
}

/// The keys of the (at most two) content words a number counts: the words
/// right after it, up to the first stop word ("leaders of states" counts
/// leaders).
fn slot(number: &NumberMention, analyzer: &Analyzer) -> Vec<String> {
    number
        .following
        .iter()
        .take_while(|w| !analyzer.is_stop_word(w))
        .take(2)
        .map(|w| analyzer.word_key(&analyzer.stem(w)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, effect};

    #[test]
    fn other_count_of_same_thing_refutes() {
        let found = check(
            &NumberRule,
            "Only three socialist states remain today.",
            "Only five socialist states remain today, including North Korea.",
        )
        .expect("a finding");
        assert_eq!(found.effect, Effect::Takes(Stance::Refutes));
        assert!(found.detail.contains("three"), "{}", found.detail);
    }

    #[test]
    fn same_count_agrees() {
        assert_eq!(
            effect(check(
                &NumberRule,
                "Five socialist states remain.",
                "Only 5 socialist states remain today."
            )),
            Some(Effect::Agrees)
        );
    }

    #[test]
    fn ordinals_compare_with_ordinals() {
        assert_eq!(
            effect(check(
                &NumberRule,
                "Kim attended the 70th anniversary in Beijing.",
                "Kim Jong Un attended the commemoration of the 80th anniversary in Beijing."
            )),
            Some(Effect::Takes(Stance::Refutes))
        );
    }

    #[test]
    fn numbers_counting_other_things_are_ignored() {
        assert_eq!(
            check(
                &NumberRule,
                "Five socialist states remain.",
                "Two leaders of socialist states met."
            ),
            None
        );
    }
}
