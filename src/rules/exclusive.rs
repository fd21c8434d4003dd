//! Exclusivity: a claim that restricts ("has only ever been an
//! actress", "modelled exclusively for L'Oréal") against a sentence that
//! lists the claim's term beside others ("an actress and author").

use super::{Effect, Finding, Rule, RuleInput};
use crate::lexicon::EXCLUSIVE_CUES;
use crate::matcher::EntityPlace;
use crate::span::Span;
use crate::text::Token;
use crate::verdict::{Reason, Stance};

/// How many tokens after its cue a restricted claim term may stand.
const CUE_REACH: usize = 4;
/// How many tokens from the stated term a list may go on.
const LIST_REACH: usize = 3;

/// Flags a restricted claim term that the sentence states as one of
/// several; agrees when the sentence restricts it too.
pub struct ExclusiveRule;

impl Rule for ExclusiveRule {
    fn name(&self) -> &'static str {
        "exclusive"
    }

    fn check(&self, input: &RuleInput<'_>) -> Option<Finding> {
        let query = input.query;
        let claim_tokens = &query.analysis.tokens;
        let cue = (0..claim_tokens.len()).find(|&at| restricts(claim_tokens, at))?;
        // The claim term the cue restricts, and where the sentence states it.
        let stated = query
            .words
            .iter()
            .enumerate()
            .filter(|(_, w)| w.token > cue && w.token <= cue + CUE_REACH)
            .find_map(|(i, w)| {
                let m = input.alignment.matched.iter().find(|m| m.word == i)?;
                Some((w.token, m.token))
            })
            .or_else(|| {
                query
                    .entities
                    .iter()
                    .zip(&input.alignment.entities)
                    .filter(|(e, _)| e.token > cue && e.token <= cue + CUE_REACH)
                    .find_map(|(e, place)| match place {
                        EntityPlace::Here(at) => Some((e.token, *at)),
                        _ => None,
                    })
            });
        let (_, at) = stated?;
        let tokens = &input.sentence.analysis.tokens;
        let restricted_too = (at.saturating_sub(CUE_REACH)..at)
            .any(|i| EXCLUSIVE_CUES.contains(&tokens[i].norm.as_str()));
        if restricted_too {
            return Some(Finding {
                effect: Effect::Agrees,
                reason: Reason::LexicalMatch,
                detail: "restricted in both".to_string(),
                strength: 1.0,
                highlight: None,
            });
        }
        let other = listed_beside(input, at)?;
        let restricted = claim_tokens[cue].span().slice(&query.text);
        let term = tokens[at].span().slice(input.text);
        Some(Finding {
            effect: Effect::Takes(Stance::Refutes),
            reason: Reason::Exclusivity,
            detail: format!(
                "claim says {restricted} {term}, source also says {}",
                other.slice(input.text)
            ),
            strength: 0.8,
            highlight: Some(other),
        })
    }
}

/// Whether the token at `at` restricts what follows ("only", "solely"),
/// and is not "not only", "the only" (uniqueness of the subject) or a
/// count ("only three", "only sold about 100,000").
fn restricts(tokens: &[Token], at: usize) -> bool {
    let Some(token) = tokens.get(at) else {
        return false;
    };
    if !EXCLUSIVE_CUES.contains(&token.norm.as_str()) {
        return false;
    }
    let before = at.checked_sub(1).map(|i| tokens[i].norm.as_str());
    if matches!(
        before,
        Some("not" | "the" | "an" | "its" | "his" | "her" | "their" | "if")
    ) {
        return false;
    }
    // "only sold about 100,000 copies" says how few, not what else.
    let is_number =
        |t: &Token| t.numeric || !crate::numbers::extract_numbers(&t.norm, &[]).is_empty();
    at + 1 < tokens.len()
        && !tokens[at + 1..tokens.len().min(at + 1 + CUE_REACH)]
            .iter()
            .any(is_number)
}

/// Another content term the sentence lists with the one at `at`: after
/// "and", "or" or a comma right after it ("actress and author"), or
/// before it ("Mango, Ralph Lauren and L'Oréal"). Its span.
fn listed_beside(input: &RuleInput<'_>, at: usize) -> Option<Span> {
    let analysis = &input.sentence.analysis;
    let tokens = &analysis.tokens;
    let is_link = |i: usize| {
        tokens
            .get(i)
            .is_some_and(|t| matches!(t.norm.as_str(), "and" | "or"))
            || comma_between(input, i.saturating_sub(1), i)
    };
    let content_at = |i: usize| {
        if crate::rules::is_negation_cue(tokens, i) {
            return None;
        }
        analysis
            .term_at(i)
            .filter(|t| {
                !input.query.words.iter().any(|w| w.key == t.key.as_str())
                    && !input.query.entities.iter().any(|e| e.key == t.key.as_str())
            })
            .map(|t| analysis.term_span(t))
    };
    let end = analysis.term_at(at).map_or(at + 1, |t| t.end_token());
    // After: "actress and author", "actress, author"; not "and no sons".
    if is_link(end) {
        let negated =
            (end + 1..=end + LIST_REACH).any(|i| crate::rules::is_negation_cue(tokens, i));
        if let Some(span) = (end + 1..=end + LIST_REACH).find_map(content_at)
            && !negated
        {
            return Some(span);
        }
    }
    // Before: "Mango, Ralph Lauren and L'Oréal".
    if at > 0 && is_link(at - 1) {
        return (at.saturating_sub(1 + LIST_REACH)..at - 1)
            .rev()
            .find_map(content_at);
    }
    None
}

/// Whether a comma stands between tokens `a` and `b` (the comma itself
/// is no token).
fn comma_between(input: &RuleInput<'_>, a: usize, b: usize) -> bool {
    let tokens = &input.sentence.analysis.tokens;
    match (tokens.get(a), tokens.get(b)) {
        (Some(x), Some(y)) if a < b => input
            .text
            .get(x.span().end..y.span().start)
            .is_some_and(|between| between.contains(',')),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, effect};

    #[test]
    fn a_list_refutes_a_restriction() {
        let found = check(
            &ExclusiveRule,
            "Lalla Ward has only ever been an actress.",
            "Lalla Ward (born 28 June 1951) is an English actress and author.",
        )
        .expect("a finding");
        assert_eq!(found.effect, Effect::Takes(Stance::Refutes));
        assert_eq!(
            found.detail,
            "claim says only actress, source also says author"
        );
    }

    #[test]
    fn a_restriction_in_both_agrees() {
        assert_eq!(
            effect(check(
                &ExclusiveRule,
                "Lalla Ward has only ever been an actress.",
                "Lalla Ward has only been an actress."
            )),
            Some(Effect::Agrees)
        );
    }

    #[test]
    fn a_negated_item_is_no_other() {
        assert_eq!(
            effect(check(
                &ExclusiveRule,
                "Wolfgang Mozart had only daughters.",
                "Wolfgang Mozart only had two daughters and no sons."
            )),
            Some(Effect::Agrees)
        );
        assert_eq!(
            check(
                &ExclusiveRule,
                "Wolfgang Mozart had only daughters.",
                "Wolfgang Mozart had daughters and no sons."
            ),
            None
        );
    }

    #[test]
    fn not_restrictions() {
        for claim in [
            "Russia is the only ally of North Korea.",
            "Only three socialist states remain.",
            "Artpop only sold about 100,000 copies.",
            "Russia not only supplies weapons to North Korea.",
        ] {
            assert_eq!(
                check(
                    &ExclusiveRule,
                    claim,
                    "Russia supplies weapons and food to North Korea; three socialist states remain."
                ),
                None,
                "{claim}"
            );
        }
    }
}
