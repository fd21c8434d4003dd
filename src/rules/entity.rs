//! Entities in a role: a sentence that states everything the claim says
//! but gives one role to another entity ("China", not "Russia") refutes it.

use super::{Effect, Finding, Rule, RuleInput};
use crate::matcher::EntityPlace;
use crate::verdict::{Reason, Stance};

/// Least share of the claim's words a sentence must state before a
/// substituted entity counts against the claim.
const MIN_WORDS_FOR_SUBSTITUTION: f32 = 0.9;
/// Furthest a substitute may stand from the predicate, in tokens.
const MAX_ROLE_DISTANCE: usize = 4;

/// Strength of a country substituted for a claim's only entity: the
/// missing entity is all the claim's entity weight, so relevance is
/// lower than when another claim entity is named; this lets a sentence
/// that states every claim word count.
const LONE_COUNTRY_STRENGTH: f32 = 0.8;

/// Flags a different entity in the role of a missing claim entity.
pub struct EntityRule;

impl Rule for EntityRule {
    fn name(&self) -> &'static str {
        "entity"
    }

    fn check(&self, input: &RuleInput<'_>) -> Option<Finding> {
        let alignment = input.alignment;
        if alignment.word_coverage < MIN_WORDS_FOR_SUBSTITUTION {
            return None;
        }
        let missing: Vec<usize> = alignment
            .entities
            .iter()
            .enumerate()
            .filter(|(_, p)| **p == EntityPlace::Missing)
            .map(|(i, _)| i)
            .collect();
        let [missing] = missing.as_slice() else {
            return None;
        };
        let claim_entity = &input.query.entities[*missing];
        let first_word = input.query.words.iter().map(|w| w.token).min()?;
        let claim_side_before = claim_entity.token < first_word;
        let known: Vec<&str> = input
            .query
            .entities
            .iter()
            .map(|e| e.key.as_str())
            .collect();
        // Every other claim entity must be named in the sentence itself,
        // and the substitute must stand next to the predicate, on the side
        // where the claim puts the missing entity.
        let others_here = alignment.entities.iter().enumerate().all(|(i, p)| {
            i == *missing || matches!(p, EntityPlace::Here(_) | EntityPlace::Affiliated(_))
        });
        if !others_here {
            return None;
        }
        // The substitute stands next to a stated claim word, on the side
        // where the claim puts the missing entity.
        let nearest_word = |at: usize| {
            alignment
                .matched
                .iter()
                .map(|m| m.token)
                .min_by_key(|m| m.abs_diff(at))
        };
        // A claim's one entity, a country, gives way only to a country.
        let lone_country = crate::matcher::lone_country_object(input.query);
        let substitute = input.sentence.analysis.terms.iter().find(|t| {
            t.is_entity()
                && (!lone_country || input.analyzer.is_country(&t.key))
                && !known.contains(&t.key.as_str())
                && input
                    .analyzer
                    .affiliation(&t.key)
                    .is_none_or(|a| !known.contains(&a))
                && nearest_word(t.first_token()).is_some_and(|word| {
                    (t.first_token() < word) == claim_side_before
                        && t.first_token().abs_diff(word) <= MAX_ROLE_DISTANCE
                })
        })?;
        let span = input.sentence.analysis.term_span(substitute);
        let claim_name = input.query.analysis.tokens[claim_entity.token]
            .span()
            .slice(&input.query.text);
        Some(Finding {
            effect: Effect::Takes(Stance::Refutes),
            reason: Reason::EntityMismatch,
            detail: format!(
                "claim says {claim_name}, source says {}",
                span.slice(input.text)
            ),
            strength: if lone_country {
                LONE_COUNTRY_STRENGTH
            } else {
                0.7
            },
            highlight: Some(span),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::check;

    #[test]
    fn other_entity_in_subject_role_refutes() {
        let found = check(
            &EntityRule,
            "Vietnam closed all North Korean restaurants in Hanoi.",
            "Laos closed all North Korean restaurants in Vientiane.",
        )
        .expect("a finding");
        assert_eq!(found.effect, Effect::Takes(Stance::Refutes));
        assert_eq!(found.detail, "claim says Vietnam, source says Laos");
    }

    #[test]
    fn other_entity_in_another_role_is_not_a_substitute() {
        assert_eq!(
            check(
                &EntityRule,
                "Xi Jinping held a summit with Kim Jong Un.",
                "Kim Jong Un held a summit with Xi Jinping and Putin."
            ),
            None
        );
    }

    #[test]
    fn another_country_in_a_lone_country_role_refutes() {
        let found = check(
            &EntityRule,
            "Daggering originated in Australia.",
            "Daggering is a form of dance originating from Jamaica.",
        )
        .expect("a finding");
        assert_eq!(found.effect, Effect::Takes(Stance::Refutes));
        assert_eq!(found.detail, "claim says Australia, source says Jamaica");
        // Only a country takes a country's place.
        assert_eq!(
            check(
                &EntityRule,
                "Daggering originated in Australia.",
                "Daggering is a form of dance originating from Kingston."
            ),
            None
        );
    }
}
