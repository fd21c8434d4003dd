//! Opposite predicates: the sentence states the antonym of a claim word
//! ("opposed" for "supports", "closed" for "opened").

use super::negation::negation_cue_before;
use super::{Effect, Finding, Rule, RuleInput};
use crate::matcher::WordMatch;
use crate::verdict::{Reason, Stance};

/// Flags an antonym of a claim word, unless a negation cancels it
/// ("did not oppose" agrees with "supports").
pub struct AntonymRule;

impl Rule for AntonymRule {
    fn name(&self) -> &'static str {
        "antonym"
    }

    fn check(&self, input: &RuleInput<'_>) -> Option<Finding> {
        let tokens = &input.sentence.analysis.tokens;
        let opposite = input
            .alignment
            .matched
            .iter()
            .find(|m| m.how == WordMatch::Antonym)?;
        let word = &input.query.words[opposite.word];
        let claim_negated =
            negation_cue_before(&input.query.analysis.tokens, &input.query.text, word.token)
                .is_some();
        let sentence_negated = negation_cue_before(tokens, input.text, opposite.token).is_some();
        if claim_negated != sentence_negated {
            return None; // "not oppose" = "support"
        }
        let claim_word = input.query.analysis.tokens[word.token]
            .span()
            .slice(&input.query.text);
        let said = tokens[opposite.token].span();
        Some(Finding {
            effect: Effect::Takes(Stance::Refutes),
            reason: Reason::Antonym,
            detail: format!(
                "claim says “{claim_word}”, source says “{}”",
                said.slice(input.text)
            ),
            strength: 0.85,
            highlight: Some(said),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, effect};

    #[test]
    fn antonym_refutes() {
        let found = check(
            &AntonymRule,
            "China supports North Korea's possession of nuclear weapons.",
            "The Xi administration has consistently opposed North Korea's possession of nuclear weapons.",
        )
        .expect("a finding");
        assert_eq!(found.effect, Effect::Takes(Stance::Refutes));
        assert!(found.detail.contains("opposed"), "{}", found.detail);
    }

    #[test]
    fn negated_antonym_agrees() {
        assert_eq!(
            check(
                &AntonymRule,
                "China supports the sanctions on North Korea.",
                "China did not oppose the sanctions on North Korea."
            ),
            None
        );
    }

    #[test]
    fn same_word_is_not_an_antonym() {
        assert_eq!(
            effect(check(
                &AntonymRule,
                "All North Korean restaurants in Hanoi have been closed.",
                "All North Korean restaurants in Hanoi have been closed."
            )),
            None
        );
    }
}
