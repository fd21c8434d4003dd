//! Substituted complements: the sentence repeats the claim's "N of X"
//! with another X ("a brand of drugs" for "a brand of cream", "the trade
//! of humans" for "the trade of animals").

use super::{Effect, Finding, Rule, RuleInput};
use crate::matcher::WordMatch;
use crate::text::{Analysis, TermKind};
use crate::verdict::{Reason, Stance};

/// Articles that may stand between "of" and its complement.
const ARTICLES: &[&str] = &["a", "an", "the"];

/// Flags a claim word that completes a stated noun with "of" and that
/// the sentence completes with another content word.
pub struct SubstitutionRule;

impl Rule for SubstitutionRule {
    fn name(&self) -> &'static str {
        "substitution"
    }

    fn check(&self, input: &RuleInput<'_>) -> Option<Finding> {
        let query = input.query;
        let claim = &query.analysis;
        let sentence = &input.sentence.analysis;
        for (w, word) in query.words.iter().enumerate() {
            if input.alignment.matched.iter().any(|m| m.word == w) {
                continue;
            }
            // The claim: HEAD of [article] WORD, HEAD stated as such.
            let Some(head_at) = head_of_complement(claim, word.token) else {
                continue;
            };
            let Some(head) = input
                .alignment
                .matched
                .iter()
                .find(|m| m.how == WordMatch::Exact && query.words[m.word].token == head_at)
            else {
                continue;
            };
            // The sentence: the same HEAD of [article] OTHER.
            let Some(other_at) = complement_of(sentence, head.token) else {
                continue;
            };
            let Some(other) = sentence
                .term_at(other_at)
                .filter(|t| t.first_token() == other_at && t.kind == TermKind::Word)
            else {
                continue;
            };
            let known = query.words.iter().any(|q| q.key == other.key.as_str());
            if known
                || input.analyzer.kind_includes(&word.key, &other.key)
                || input.analyzer.kind_includes(&other.key, &word.key)
            {
                continue;
            }
            let said = sentence.tokens[other_at].span();
            return Some(Finding {
                effect: Effect::Takes(Stance::Refutes),
                reason: Reason::WordMismatch,
                detail: format!(
                    "claim says {} of {}, source says {} of {}",
                    claim.tokens[head_at].span().slice(&query.text),
                    claim.tokens[word.token].span().slice(&query.text),
                    sentence.tokens[head.token].span().slice(input.text),
                    said.slice(input.text)
                ),
                strength: 0.7,
                highlight: Some(said),
            });
        }
        None
    }
}

/// For a word at `at` that completes "HEAD of [article] …", HEAD's token.
fn head_of_complement(analysis: &Analysis, at: usize) -> Option<usize> {
    let tokens = &analysis.tokens;
    let mut of = at.checked_sub(1)?;
    if ARTICLES.contains(&tokens[of].norm.as_str()) {
        of = of.checked_sub(1)?;
    }
    (tokens[of].norm == "of").then_some(of.checked_sub(1)?)
}

/// For a noun at `head`, the token completing "HEAD of [article] …".
fn complement_of(analysis: &Analysis, head: usize) -> Option<usize> {
    let tokens = &analysis.tokens;
    if tokens.get(head + 1)?.norm != "of" {
        return None;
    }
    let mut at = head + 2;
    if ARTICLES.contains(&tokens.get(at)?.norm.as_str()) {
        at += 1;
    }
    (at < tokens.len()).then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, effect};

    #[test]
    fn another_complement_refutes() {
        let found = check(
            &SubstitutionRule,
            "Tylenol is a brand of cream.",
            "Tylenol is a brand of drugs advertised for reducing pain.",
        )
        .expect("a finding");
        assert_eq!(found.effect, Effect::Takes(Stance::Refutes));
        assert_eq!(
            found.detail,
            "claim says brand of cream, source says brand of drugs"
        );
    }

    #[test]
    fn the_same_or_a_general_complement_is_no_substitute() {
        assert_eq!(
            check(
                &SubstitutionRule,
                "Tylenol is a brand of drugs.",
                "Tylenol is a brand of drugs advertised for reducing pain."
            ),
            None
        );
        assert_eq!(
            effect(check(
                &SubstitutionRule,
                "Renato Balestra came from a family of architects.",
                "Renato Balestra comes from a family of Italian architects."
            )),
            None
        );
    }
}
