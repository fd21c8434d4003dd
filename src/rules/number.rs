//! Numbers: a sentence that counts the same thing as the claim ("five
//! socialist states") with another number refutes it.

use super::{Effect, Finding, Rule, RuleInput};
use crate::numbers::NumberMention;
use crate::text::Analyzer;
use crate::verdict::{Reason, Stance};

/// Compares numbers that count the same noun (or sums of the same
/// currency), reading bounds: "more than 400 films" holds against "512
/// films" and fails against "zero films".
pub struct NumberRule;

impl Rule for NumberRule {
    fn name(&self) -> &'static str {
        "number"
    }

    fn check(&self, input: &RuleInput<'_>) -> Option<Finding> {
        let mut agreement = None;
        let mut mismatch = None;
        for claimed in &input.query.numbers {
            let claim_slot = slot(claimed, &input.query.text, input.analyzer);
            if claim_slot.is_empty() {
                continue;
            }
            let claim_range = Range::of(claimed, &input.query.text);
            let mut agreed = false;
            let mut disagreeing = None;
            for stated in &input.sentence.numbers {
                if stated.kind != claimed.kind {
                    continue;
                }
                let stated_slot = slot(stated, input.text, input.analyzer);
                if !claim_slot.iter().any(|k| stated_slot.contains(k)) {
                    continue;
                }
                match claim_range.compare(&Range::of(stated, input.text)) {
                    Some(true) => {
                        agreed = true;
                        agreement.get_or_insert(Finding {
                            effect: Effect::Agrees,
                            reason: Reason::LexicalMatch,
                            detail: format!("number {} agrees", stated.span.slice(input.text)),
                            strength: 1.0,
                            highlight: Some(stated.span),
                        });
                    }
                    Some(false) => {
                        disagreeing.get_or_insert(stated);
                    }
                    None => {}
                }
            }
            // Another number for the same thing is no contradiction when
            // the sentence also states the claim's ("first-week sales of
            // 25,000 copies … selling 100,000 copies").
            if let (false, Some(stated)) = (agreed, disagreeing) {
                mismatch.get_or_insert(Finding {
                    effect: Effect::Takes(Stance::Refutes),
                    reason: Reason::NumberMismatch,
                    detail: format!(
                        "claim says {} {}, source says {} {}",
                        claimed.span.slice(&input.query.text),
                        counted(claimed),
                        stated.span.slice(input.text),
                        counted(stated),
                    ),
                    strength: 0.9,
                    highlight: Some(stated.span),
                });
            }
        }
        mismatch.or(agreement)
    }
}

/// The values a number allows, from the words before it: "more than
/// 400" is 400 and up, "about 100" is 90 to 110.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Range {
    low: f64,
    high: f64,
    approximate: bool,
}

/// Words before a number that make it a lower bound.
const AT_LEAST: &[&str] = &[
    "more than",
    "over",
    "at least",
    "upwards of",
    "in excess of",
    "exceeding",
    "above",
    "greater than",
];
/// Words before a number that make it an upper bound.
const AT_MOST: &[&str] = &[
    "less than",
    "fewer than",
    "under",
    "below",
    "at most",
    "up to",
    "no more than",
    "not more than",
];
/// Words before a number that make it approximate.
const ABOUT: &[&str] = &[
    "about",
    "around",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "circa",
    "some",
    "an estimated",
    "close to",
];
/// How many characters before a number may hold its bound ("not more
/// than" is 13; the character before a cue must be seen too).
const CUE_TAIL_CHARS: usize = 24;
/// How far from its value an approximate number reaches, as a share of it.
const APPROXIMATION: f64 = 0.1;

impl Range {
    fn of(number: &NumberMention, text: &str) -> Range {
        let value = number.value;
        // The longest cue is three short words: look at a short tail only,
        // not the whole sentence before the number.
        let before = text.get(..number.span.start).unwrap_or("").trim_end();
        let tail_start = before
            .char_indices()
            .rev()
            .nth(CUE_TAIL_CHARS - 1)
            .map_or(0, |(i, _)| i);
        let before = before[tail_start..].to_lowercase();
        let ends_with = |list: &[&str]| {
            list.iter().any(|w| {
                before.ends_with(w)
                    && before[..before.len() - w.len()]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphanumeric())
            })
        };
        // The longer phrases first: "no more than" is an upper bound.
        if ends_with(AT_MOST) {
            Range {
                low: f64::NEG_INFINITY,
                high: value,
                approximate: false,
            }
        } else if ends_with(AT_LEAST) {
            Range {
                low: value,
                high: f64::INFINITY,
                approximate: false,
            }
        } else if ends_with(ABOUT) {
            let reach = value.abs() * APPROXIMATION;
            Range {
                low: value - reach,
                high: value + reach,
                approximate: true,
            }
        } else {
            Range {
                low: value,
                high: value,
                approximate: false,
            }
        }
    }

    /// `Some(true)` when `stated` holds within the claim's range (or,
    /// either being approximate, overlaps it), `Some(false)` when the two
    /// cannot both hold, `None` when the sentence is too vague to tell.
    fn compare(&self, stated: &Range) -> Option<bool> {
        let largest = [self.low, self.high, stated.low, stated.high]
            .into_iter()
            .filter(|v| v.is_finite())
            .fold(1.0_f64, |m, v| m.max(v.abs()));
        let tolerance = 1e-9 * largest;
        let overlap = stated.low <= self.high + tolerance && self.low <= stated.high + tolerance;
        let within = self.low <= stated.low + tolerance && stated.high <= self.high + tolerance;
        if !overlap {
            Some(false)
        } else if within || self.approximate || stated.approximate {
            Some(true)
        } else {
            None
        }
    }
}

/// The keys of the (at most two) content words a number counts: the words
/// right after it, up to the first stop word ("leaders of states" counts
/// leaders), passing over coordination ("400 propaganda and training
/// films" counts training films too) and initials. A sum of money counts
/// its currency.
fn slot(number: &NumberMention, text: &str, analyzer: &Analyzer) -> Vec<String> {
    let written = number.span.slice(text);
    if let Some(currency) = currency_of(written) {
        return vec![currency.to_string()];
    }
    let counted: Vec<String> = number
        .following
        .iter()
        .filter(|w| w.chars().count() > 1 && !matches!(w.as_str(), "and" | "or"))
        .take_while(|w| !analyzer.is_stop_word(w))
        .take(3)
        .map(|w| analyzer.word_key(&analyzer.stem(w)))
        .collect();
    if !counted.is_empty() {
        return counted;
    }
    // Nothing after it ("The Amazing Spider-Man #68."): the word it
    // numbers, right before it, in a slot of its own.
    preceding_word(text, number.span.start)
        .filter(|w| !analyzer.is_stop_word(w))
        .map(|w| format!("before {}", analyzer.word_key(&analyzer.stem(&w))))
        .into_iter()
        .collect()
}

/// The word right before byte `at` of `text`, lower-cased, passing over
/// "#" and "no.".
fn preceding_word(text: &str, at: usize) -> Option<String> {
    let before = text.get(..at)?.trim_end_matches([' ', '#']);
    let before = before.strip_suffix("no.").unwrap_or(before).trim_end();
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect::<Vec<char>>()
        .into_iter()
        .rev()
        .collect();
    (word.chars().count() > 1 && word.chars().all(char::is_alphabetic)).then(|| word.to_lowercase())
}

/// The first word after a number that is not an initial, for details.
fn counted(number: &NumberMention) -> &str {
    number
        .following
        .iter()
        .find(|w| w.chars().count() > 1)
        .map_or("", String::as_str)
}

/// The currency a written number is a sum of: its sign.
fn currency_of(written: &str) -> Option<&'static str> {
    ["$", "€", "£", "¥"]
        .into_iter()
        .find(|sign| written.contains(sign))
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

    #[test]
    fn bounds_are_read() {
        let refutes = Some(Effect::Takes(Stance::Refutes));
        // "zero" is below "more than 400"
        assert_eq!(
            effect(check(
                &NumberRule,
                "The unit produced zero training films.",
                "It produced more than 400 propaganda and training films."
            )),
            refutes
        );
        assert_eq!(
            effect(check(
                &NumberRule,
                "Artpop sold more than 100,000 copies.",
                "It ended up selling 757,000 copies."
            )),
            Some(Effect::Agrees)
        );
        assert_eq!(
            effect(check(
                &NumberRule,
                "Artpop sold fewer than 100,000 copies.",
                "It ended up selling 757,000 copies."
            )),
            refutes
        );
        assert_eq!(
            effect(check(
                &NumberRule,
                "Artpop sold about 100,000 copies.",
                "It ended up selling 97,000 copies."
            )),
            Some(Effect::Agrees)
        );
        // A bound in the sentence looser than the claim tells nothing.
        assert_eq!(
            check(
                &NumberRule,
                "Artpop sold 500,000 copies.",
                "It ended up selling more than 100,000 copies."
            ),
            None
        );
    }

    #[test]
    fn the_claims_number_among_others_agrees() {
        assert_eq!(
            effect(check(
                &NumberRule,
                "Artpop sold 100,000 copies.",
                "It had first-week sales of 25,000 copies, selling 100,000 copies in all."
            )),
            Some(Effect::Agrees)
        );
    }

    #[test]
    fn sums_of_money_compare_by_currency() {
        assert_eq!(
            effect(check(
                &NumberRule,
                "Poseidon grossed less than $1 million at the box office.",
                "Poseidon grossed $181,674,817 at the worldwide box office."
            )),
            Some(Effect::Takes(Stance::Refutes))
        );
    }

    #[test]
    fn initials_are_not_what_is_counted() {
        // Not "U"s: the 19 are Justices, and the five are what the alumni
        // "include".
        assert_eq!(
            effect(check(
                &NumberRule,
                "Yale alumni include five U.S. Presidents.",
                "Its alumni include five U.S. Presidents and 19 U.S. Supreme Court Justices."
            )),
            Some(Effect::Agrees)
        );
    }

    #[test]
    fn a_number_at_the_end_numbers_the_word_before_it() {
        assert_eq!(
            effect(check(
                &NumberRule,
                "The Prowler first appeared in The Amazing Spider-Man #68.",
                "Prowler made his first appearance in The Amazing Spider-Man # 78."
            )),
            Some(Effect::Takes(Stance::Refutes))
        );
        // A number after another word is not in that slot.
        assert_eq!(
            check(
                &NumberRule,
                "The Prowler first appeared in The Amazing Spider-Man #68.",
                "Prowler appeared in 78 issues."
            ),
            None
        );
    }
}
