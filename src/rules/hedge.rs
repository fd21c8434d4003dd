//! Hedges and attribution: a sentence that raises the claim without
//! asserting it ("might be supplying", "it is speculated that", "denied
//! allegations", a question) discusses it.

use super::{Effect, Finding, Rule, RuleInput};
use crate::lexicon::HEDGE_CUES;
use crate::matcher::{clause_ids, main_clause};
use crate::span::Span;
use crate::verdict::{Reason, Stance};

/// Flags sentences that hedge, attribute or question the claim.
pub struct HedgeRule;

impl Rule for HedgeRule {
    fn name(&self) -> &'static str {
        "hedge"
    }

    fn check(&self, input: &RuleInput<'_>) -> Option<Finding> {
        let tokens = &input.sentence.analysis.tokens;
        // A claim that hedges itself is matched by hedged sentences.
        if input
            .query
            .analysis
            .tokens
            .iter()
            .any(|t| is_hedge(&t.norm, t.capitalized))
        {
            return None;
        }
        let last_match = input.alignment.matched.iter().map(|m| m.token).max()?;
        // Hedges and attribution govern what follows them; a modal verb
        // or an attribution governs its whole clause, so it counts
        // wherever it stands ("The transfer of weaponry … would align
        // with …", "…, according to officials").
        // Only cues in the clause that states the claim count ("another
        // unlikely friend, even though they had fought a war together").
        let clauses = clause_ids(tokens);
        let main = main_clause(&clauses, &input.alignment.matched);
        let in_main = |i: usize| main.is_none_or(|c| clauses.get(i) == Some(&c));
        let last = last_match.min(tokens.len().saturating_sub(1));
        let cue = (0..=last)
            .find(|&i| in_main(i) && is_hedge(&tokens[i].norm, tokens[i].capitalized))
            .or_else(|| {
                (0..tokens.len()).find(|&i| {
                    in_main(i)
                        && (is_modal(&tokens[i].norm, tokens[i].capitalized)
                            || ATTRIBUTIONS.contains(&tokens[i].norm.as_str()))
                })
            })
            .map(|i| &tokens[i]);
        let cue = cue.or_else(|| trailing_attribution(input.text, tokens));
        if let Some(cue) = cue {
            return Some(Finding {
                effect: Effect::Takes(Stance::Discusses),
                reason: Reason::Hedged,
                detail: format!("hedged by “{}”", cue.span().slice(input.text)),
                strength: 0.8,
                highlight: Some(cue.span()),
            });
        }
        if input
            .text
            .trim_end_matches(['"', '”', '’', ')'])
            .ends_with('?')
        {
            let end = input.text.len();
            return Some(Finding {
                effect: Effect::Takes(Stance::Discusses),
                reason: Reason::Hedged,
                detail: "asked as a question".to_string(),
                strength: 0.8,
                highlight: Some(Span::new(end.saturating_sub(1), end)),
            });
        }
        None
    }
}

/// Words that attribute their whole clause to someone else wherever
/// they stand ("…, according to a newspaper report").
const ATTRIBUTIONS: &[&str] = &[
    "according",
    "reportedly",
    "allegedly",
    "purportedly",
    "purports",
];

/// Reporting verbs that, closing a sentence after a comma, attribute all
/// of it ("…, the newspaper reported on Sunday").
const REPORTING_VERBS: &[&str] = &[
    "said", "says", "reported", "reports", "told", "claimed", "claims",
];

/// The reporting verb of a short closing attribution: the words after
/// the sentence's last comma name a speaker and a reporting verb.
fn trailing_attribution<'t>(
    text: &str,
    tokens: &'t [crate::text::Token],
) -> Option<&'t crate::text::Token> {
    let comma = text.rfind([',', '—'])?;
    let tail: Vec<&crate::text::Token> = tokens.iter().filter(|t| t.span().start > comma).collect();
    if tail.is_empty() || tail.len() > 8 {
        return None;
    }
    tail.into_iter()
        .find(|t| REPORTING_VERBS.contains(&t.norm.as_str()))
}

/// Modal verbs that leave a statement unasserted.
const MODALS: &[&str] = &["might", "could", "would", "may"];

fn is_modal(norm: &str, capitalized: bool) -> bool {
    MODALS.contains(&norm) && !(norm == "may" && capitalized)
}

/// "may" hedges only in lower case: "May" opens a date.
fn is_hedge(norm: &str, capitalized: bool) -> bool {
    if norm == "may" && capitalized {
        return false;
    }
    HEDGE_CUES.contains(&norm)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, effect};

    const CLAIM: &str = "North Korea supplies munitions to Russia.";

    #[test]
    fn modal_hedge_discusses() {
        let found = check(
            &HedgeRule,
            CLAIM,
            "There are concerns that North Korea might be supplying munitions to Russia.",
        );
        assert_eq!(
            effect(found.clone()),
            Some(Effect::Takes(Stance::Discusses))
        );
        assert!(found.unwrap().detail.contains("concerns"));
    }

    #[test]
    fn denial_discusses() {
        let found = check(
            &HedgeRule,
            CLAIM,
            "Both nations have denied allegations of any supply of munitions from North Korea to Russia.",
        );
        assert_eq!(effect(found), Some(Effect::Takes(Stance::Discusses)));
    }

    #[test]
    fn question_discusses() {
        let found = check(
            &HedgeRule,
            CLAIM,
            "Does North Korea supply munitions to Russia?",
        );
        assert_eq!(effect(found), Some(Effect::Takes(Stance::Discusses)));
    }

    #[test]
    fn modal_after_the_matched_words_discusses() {
        let found = check(
            &HedgeRule,
            "Russia supplies weapons to North Korea.",
            "The transfer of Russian weaponry to North Korea would align with its ambitions.",
        );
        assert_eq!(effect(found), Some(Effect::Takes(Stance::Discusses)));
    }

    #[test]
    fn closing_attribution_discusses() {
        for sentence in [
            "North Korea supplies munitions to Russia, according to a newspaper report.",
            "North Korea supplies munitions to Russia, the newspaper reported on Sunday.",
        ] {
            let found = check(&HedgeRule, CLAIM, sentence);
            assert_eq!(
                effect(found),
                Some(Effect::Takes(Stance::Discusses)),
                "{sentence}"
            );
        }
    }

    #[test]
    fn a_long_closing_clause_is_not_an_attribution() {
        assert_eq!(
            check(
                &HedgeRule,
                CLAIM,
                "North Korea supplies munitions to Russia, and the shipments grew after the envoy of the foreign ministry said so."
            ),
            None
        );
    }

    #[test]
    fn plain_statement_is_not_hedged() {
        assert_eq!(
            check(
                &HedgeRule,
                CLAIM,
                "North Korea supplies munitions to Russia."
            ),
            None
        );
    }

    #[test]
    fn may_the_month_is_not_a_hedge() {
        assert_eq!(
            check(
                &HedgeRule,
                CLAIM,
                "In May North Korea supplied munitions to Russia."
            ),
            None
        );
    }
}
