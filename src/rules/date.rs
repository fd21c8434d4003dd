//! Dates: a sentence about the claim's event that dates it otherwise
//! refutes it; a year-less "June 19" does not refute "June 19, 2024".

use super::{Effect, Finding, Rule, RuleInput};
use crate::dates::{DateComparison, PartialDate, compare};
use crate::lexicon::ONCE_ONLY;
use crate::verdict::{Reason, Stance};

/// Compares the claim's dates with the sentence's, field by field.
pub struct DateRule;

impl Rule for DateRule {
    fn name(&self) -> &'static str {
        "date"
    }

    fn check(&self, input: &RuleInput<'_>) -> Option<Finding> {
        let stated = &input.sentence.dates;
        if input.query.dates.is_empty() || stated.is_empty() {
            return None;
        }
        let claimed = &completed(&input.query.dates);
        let offset = input.sentence.span.start;
        // A claim word standing on a date (a life date's "born") or right
        // before one ("born 22 November 1948") names that date's event:
        // the other dates are not its.
        let tokens = &input.sentence.analysis.tokens;
        let pinned: Vec<_> = input
            .alignment
            .matched
            .iter()
            .filter_map(|m| {
                let at = tokens.get(m.token)?.span().shifted(offset);
                let next = next_word_start(tokens, m.token).map(|n| n.shifted(offset).start);
                stated
                    .iter()
                    .find(|d| d.span.contains(at) || Some(d.span.start) == next)
            })
            .cloned()
            .collect();
        let stated = if pinned.is_empty() { stated } else { &pinned };
        // A claimed date is confirmed by a stated date that agrees with it.
        // A conflict is a claimed date that nothing confirms against a
        // stated date that no claimed date confirms: "the 1961 treaty was
        // terminated in 1995" is not refuted by "in 1995", "from 1945 to
        // 1978" is by "from 1945 to 1976".
        let confirmation = |claim_date: &PartialDate| {
            stated
                .iter()
                .find(|s| compare(claim_date, &s.date) == DateComparison::Agree)
        };
        let confirmed = |s: &&crate::corpus::DateFact| {
            claimed
                .iter()
                .any(|c| compare(c, &s.date) == DateComparison::Agree)
        };
        let conflict = claimed
            .iter()
            .filter(|c| confirmation(c).is_none())
            .find_map(|c| {
                stated
                    .iter()
                    .filter(|s| !confirmed(s))
                    .find(|s| matches!(compare(c, &s.date), DateComparison::Conflict { .. }))
                    .map(|s| (*c, s))
            });
        let Some((claim_date, conflict)) = conflict else {
            let agree = claimed.iter().find_map(confirmation)?;
            let strength = if agree.date.year_inferred { 0.9 } else { 1.0 };
            return Some(Finding {
                effect: Effect::Agrees,
                reason: Reason::LexicalMatch,
                detail: format!("date {} agrees", agree.date.to_iso()),
                strength,
                highlight: Some(agree.span.moved_back(offset)),
            });
        };
        // The same event, or another one? A shared month and day, or every
        // claim entity named in the sentence itself, ties it to the claim.
        // A sentence vaguer than the claim (a year against a full date, a
        // decade) cannot tell another date from another event.
        let as_precise = !conflict.date.decade
            && (claim_date.month.is_none() || conflict.date.month.is_some())
            && (claim_date.day.is_none() || conflict.date.day.is_some());
        let same_event = shares_month_day(&claim_date, &conflict.date)
            || (as_precise
                && input.alignment.names_every_entity()
                && input.alignment.word_coverage >= 0.66)
            || (as_precise && once_only(input));
        if !same_event {
            return Some(Finding {
                effect: Effect::Unrelated,
                reason: Reason::DateMismatch,
                detail: format!(
                    "dated {}, another event than the claim's {}",
                    conflict.date.to_iso(),
                    claim_date.to_iso()
                ),
                strength: 0.0,
                highlight: None,
            });
        }
        let inferred = if conflict.date.year_inferred {
            " (year from the article's date)"
        } else {
            ""
        };
        Some(Finding {
            effect: Effect::Takes(Stance::Refutes),
            reason: Reason::DateMismatch,
            detail: format!(
                "claim says {}, source says {}{inferred}",
                claim_date.to_iso(),
                conflict.date.to_iso()
            ),
            strength: if conflict.date.year_inferred {
                0.7
            } else {
                0.95
            },
            highlight: Some(conflict.span.moved_back(offset)),
        })
    }
}

/// Whether the sentence states a claim word naming a once-only event
/// ([`ONCE_ONLY`]: born, died, founded, debut…) for the claim's
/// subject, so that another date is no other event.
fn once_only(input: &RuleInput<'_>) -> bool {
    let subject_placed = input
        .alignment
        .entities
        .first()
        .is_some_and(|e| *e != crate::matcher::EntityPlace::Missing);
    subject_placed
        && input.alignment.matched.iter().any(|m| {
            m.how == crate::matcher::WordMatch::Exact
                && ONCE_ONLY
                    .iter()
                    .any(|w| input.query.words[m.word].stem.starts_with(w))
        })
}

/// The claim's dates with a year-less month or day completed by the
/// claim's one bare year, which it then replaces: "Fantastic Four (2005
/// film) was released in August" dates the release to August 2005.
fn completed(claimed: &[PartialDate]) -> Vec<PartialDate> {
    let bare_year = |d: &PartialDate| d.year.is_some() && d.month.is_none() && !d.decade;
    let yearless = |d: &PartialDate| d.year.is_none() && d.month.is_some();
    let years: Vec<&PartialDate> = claimed.iter().filter(|d| bare_year(d)).collect();
    let [year] = years.as_slice() else {
        return claimed.to_vec();
    };
    if !claimed.iter().any(yearless) {
        return claimed.to_vec();
    }
    claimed
        .iter()
        .filter(|d| !bare_year(d))
        .map(|d| {
            if yearless(d) {
                PartialDate {
                    year: year.year,
                    ..*d
                }
            } else {
                *d
            }
        })
        .collect()
}

/// The span of the first token after `at`, skipping one preposition
/// ("born on", "died in").
fn next_word_start(tokens: &[crate::text::Token], at: usize) -> Option<crate::span::Span> {
    let next = tokens.get(at + 1)?;
    if matches!(next.norm.as_str(), "on" | "in" | "at") {
        return tokens.get(at + 2).map(|t| t.span());
    }
    Some(next.span())
}

fn shares_month_day(a: &PartialDate, b: &PartialDate) -> bool {
    a.month.is_some() && a.day.is_some() && a.month == b.month && a.day == b.day
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, check_with, effect};

    const TREATY: &str = "Russia and North Korea signed a partnership treaty on June 19, 2024.";

    #[test]
    fn other_year_same_day_refutes() {
        let found = check(
            &DateRule,
            TREATY,
            "On June 19, 2023, Russia and North Korea signed military and economic cooperation agreements.",
        )
        .expect("a finding");
        assert_eq!(found.effect, Effect::Takes(Stance::Refutes));
        assert_eq!(
            found.detail,
            "claim says 2024-06-19, source says 2023-06-19"
        );
    }

    #[test]
    fn yearless_date_does_not_refute() {
        assert_eq!(
            effect(check(
                &DateRule,
                TREATY,
                "Russia and North Korea signed the treaty on June 19."
            )),
            Some(Effect::Agrees)
        );
    }

    #[test]
    fn relative_date_resolves_against_publication() {
        let published = Some(PartialDate::ymd(2024, 12, 22));
        let found = check_with(
            &DateRule,
            "Putin and Kim Jong Un held a summit on June 19, 2023.",
            "Putin and Kim Jong Un met at the summit on last June 19.",
            published,
        )
        .expect("a finding");
        assert_eq!(found.effect, Effect::Takes(Stance::Refutes));
        assert!(found.detail.contains("2024-06-19"), "{}", found.detail);
    }

    #[test]
    fn unrelated_year_is_another_event() {
        // the 1961 treaty is not the 2024 one
        assert_eq!(
            effect(check(
                &DateRule,
                TREATY,
                "This contributed to the unravelling of the treaty, signed by Khrushchev and Kim Il-sung in 1961."
            )),
            Some(Effect::Unrelated)
        );
    }

    #[test]
    fn a_once_only_event_dated_otherwise_refutes() {
        let found = check(
            &DateRule,
            "Damon Albarn's debut album was released in 2011.",
            "His debut solo studio album was released on 28 April 2014.",
        );
        assert_eq!(effect(found), Some(Effect::Takes(Stance::Refutes)));
        // a visit may be another visit
        assert_eq!(
            effect(check(
                &DateRule,
                "Kim Jong Un visited Russia in 2023.",
                "Kim Jong Un visited Vladivostok in 2019, meeting officials there.",
            )),
            Some(Effect::Unrelated)
        );
    }

    #[test]
    fn undated_claim_has_nothing_to_compare() {
        assert_eq!(
            check(
                &DateRule,
                "Russia and North Korea signed a treaty.",
                "In 2024 Russia and North Korea signed a treaty."
            ),
            None
        );
    }

    #[test]
    fn a_life_date_is_compared_with_its_own_event() {
        let life = "Maurice Harold Macmillan (10 February 1894 – 29 December 1986) was a British politician.";
        // The year of his death is not the year of his birth.
        assert_eq!(
            effect(check(&DateRule, "Harold Macmillan was born in 1986.", life)),
            Some(Effect::Takes(Stance::Refutes))
        );
        assert_eq!(
            effect(check(&DateRule, "Harold Macmillan died in 1986.", life)),
            Some(Effect::Agrees)
        );
    }

    #[test]
    fn every_claimed_date_must_hold() {
        // The year agrees, the month does not: no longer a confirmation
        // (a release may be another release).
        let found = check(
            &DateRule,
            "Fantastic Four (2005 film) was released in August.",
            "Fantastic Four was released in the United States on July 8, 2005.",
        );
        assert_eq!(effect(found), Some(Effect::Unrelated));
        // The 1961 treaty terminated in 1995.
        assert_eq!(
            effect(check(
                &DateRule,
                "Russia terminated the 1961 treaty in 1995.",
                "Russia officially terminated the treaty in 1995.",
            )),
            Some(Effect::Agrees)
        );
        // Both ends of a span agree.
        assert_eq!(
            effect(check(
                &DateRule,
                "Boyhood was filmed between 2002 and 2013.",
                "Boyhood was filmed from 2002 to 2013 in Texas.",
            )),
            Some(Effect::Agrees)
        );
        // One end agrees, the other does not.
        assert_eq!(
            effect(check(
                &DateRule,
                "North Vietnam existed from 1945 to 1978.",
                "North Vietnam was a state in Southeast Asia which existed from 1945 to 1976.",
            )),
            Some(Effect::Takes(Stance::Refutes))
        );
    }

    #[test]
    fn a_date_right_after_a_claim_word_is_that_word_s() {
        let found = check(
            &DateRule,
            "Sidse Babett Knudsen was born on November 22nd, 1968.",
            "Sidse Babett Knudsen (born 22 November 1948) is a Danish actress who graduated on November 22nd, 1968.",
        );
        assert_eq!(effect(found), Some(Effect::Takes(Stance::Refutes)));
    }
}
