//! The stance rules: each one reads a claim and one aligned sentence and
//! says whether, by its own criterion, the sentence supports, refutes,
//! only discusses, or is not about the claim at all.
//!
//! One rule per file, all behind [`Rule`]; [`RULES`] lists them and
//! [`judge`] combines their findings into the sentence's stance. Adding a
//! rule is one file and one line in [`RULES`].

mod antonym;
mod date;
mod entity;
mod exclusive;
mod hedge;
mod negation;
mod number;
mod substitution;

use crate::corpus::Sentence;
use crate::matcher::{Alignment, ClaimQuery};
use crate::span::Span;
use crate::text::Analyzer;
use crate::verdict::{Reason, Stance};

pub use negation::{claim_is_negated, is_negation_cue, negation_cue_before};

/// What a rule sees: the claim, the sentence, how they line up.
#[derive(Debug, Clone, Copy)]
pub struct RuleInput<'a> {
    /// The analyzed claim.
    pub query: &'a ClaimQuery,
    /// The analyzed sentence.
    pub sentence: &'a Sentence,
    /// The sentence's text (token spans index into it).
    pub text: &'a str,
    /// How the sentence lines up with the claim.
    pub alignment: &'a Alignment,
    /// The analyzer (lexicon, stemmer) used for both.
    pub analyzer: &'a Analyzer,
}

/// What a rule concluded about one sentence.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Nothing disagrees; `detail` names what agrees.
    Agrees,
    /// The sentence takes this stance.
    Takes(Stance),
    /// The sentence is about another event (a date of another year with
    /// nothing else tying it to the claim): it is not evidence at all.
    Unrelated,
}

/// One rule's conclusion, with its reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// What the rule concluded.
    pub effect: Effect,
    /// The rule's reason code.
    pub reason: Reason,
    /// Human detail: "claim says 2024-06-19, source says 2023-06-19".
    pub detail: String,
    /// How sure the rule is, in [0, 1]; multiplies the relevance.
    pub strength: f32,
    /// The words that decided, relative to the sentence start.
    pub highlight: Option<Span>,
}

/// A stance rule.
pub trait Rule: Sync {
    /// Short name, for debugging and docs.
    fn name(&self) -> &'static str;
    /// The rule's finding on one sentence, or `None` when it has nothing
    /// to say.
    fn check(&self, input: &RuleInput<'_>) -> Option<Finding>;
}

/// Every rule, in priority order: earlier refuting rules win ties.
pub static RULES: &[&dyn Rule] = &[
    &hedge::HedgeRule,
    &date::DateRule,
    &number::NumberRule,
    &negation::NegationRule,
    &antonym::AntonymRule,
    &exclusive::ExclusiveRule,
    &entity::EntityRule,
    &substitution::SubstitutionRule,
];

/// The stance of one sentence toward a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    /// The stance taken.
    pub stance: Stance,
    /// Why.
    pub reason: Reason,
    /// Human detail.
    pub detail: String,
    /// Relevance × the deciding rule's strength, in [0, 1].
    pub confidence: f32,
    /// The deciding words, relative to the sentence start.
    pub highlight: Option<Span>,
}

/// Run every rule and combine: a sentence about another event is no
/// evidence; a hedge makes any statement a discussion; otherwise the
/// first refuting rule decides; otherwise the sentence supports.
pub fn judge(input: &RuleInput<'_>) -> Option<Judgement> {
    if !input.query.dates.is_empty() && input.sentence.dates.is_empty() {
        // The claim dates the event and the sentence does not: the words
        // may well be about another occasion, so it is no evidence.
        return None;
    }
    let findings: Vec<Finding> = RULES.iter().filter_map(|r| r.check(input)).collect();
    if findings.iter().any(|f| f.effect == Effect::Unrelated) {
        return None;
    }
    let relevance = input.alignment.relevance;
    let decide = |f: &Finding, stance: Stance| Judgement {
        stance,
        reason: f.reason,
        detail: f.detail.clone(),
        confidence: (relevance * f.strength).clamp(0.0, 1.0),
        highlight: f.highlight,
    };
    if let Some(hedge) = findings
        .iter()
        .find(|f| f.effect == Effect::Takes(Stance::Discusses))
    {
        return Some(decide(hedge, Stance::Discusses));
    }
    if let Some(refute) = findings
        .iter()
        .find(|f| f.effect == Effect::Takes(Stance::Refutes))
    {
        // A claim that denies one value ("is not an American series")
        // is borne out by a sentence that states another in that slot
        // ("a French series").
        if let Some(other) = findings.iter().find(|f| {
            f.effect == Effect::Takes(Stance::Refutes) && denies_the_slot(input, f.reason)
        }) {
            return Some(Judgement {
                stance: Stance::Supports,
                reason: Reason::LexicalMatch,
                detail: format!(
                    "the claim denies it and the source says otherwise: {}",
                    other.detail
                ),
                confidence: (relevance * other.strength).clamp(0.0, 1.0),
                highlight: other.highlight,
            });
        }
        return Some(decide(refute, Stance::Refutes));
    }
    // A sentence let in because another entity might take a claim
    // entity's role supports nothing when no rule found that substitution.
    let entity_missing = input
        .alignment
        .entities
        .contains(&crate::matcher::EntityPlace::Missing);
    if entity_missing && input.query.entities.len() < 3 {
        return None;
    }
    let agreements: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.effect == Effect::Agrees)
        .collect();
    let mut detail = String::from("states the claim's words");
    let mut strength = 1.0_f32;
    for agreement in &agreements {
        detail.push_str("; ");
        detail.push_str(&agreement.detail);
        strength = strength.min(agreement.strength);
    }

    Some(Judgement {
        stance: Stance::Supports,
        reason: Reason::LexicalMatch,
        detail,
        confidence: (relevance * strength).clamp(0.0, 1.0),
        highlight: None,
    })
}

/// Whether the claim's negation governs the slot a mismatch of this
/// kind is about: the missing entity, a claimed number, a claimed date.
fn denies_the_slot(input: &RuleInput<'_>, reason: Reason) -> bool {
    let query = input.query;
    let tokens = &query.analysis.tokens;
    let denied = |span: Span| {
        tokens.iter().enumerate().any(|(at, t)| {
            span.contains(t.span()) && negation_cue_before(tokens, &query.text, at).is_some()
        })
    };
    match reason {
        Reason::EntityMismatch => {
            query
                .entities
                .iter()
                .zip(&input.alignment.entities)
                .any(|(e, place)| {
                    *place == crate::matcher::EntityPlace::Missing
                        && negation_cue_before(tokens, &query.text, e.token).is_some()
                })
        }
        Reason::NumberMismatch => query.numbers.iter().any(|n| denied(n.span)),
        Reason::DateMismatch => crate::dates::extract_dates(&query.text)
            .iter()
            .any(|d| denied(d.span)),
        _ => false,
    }
}

/// Shared test fixtures: a claim and a one-sentence corpus, aligned.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::corpus::{Corpus, Source, SourceMeta};
    use crate::dates::PartialDate;
    use crate::index::SentenceIndex;
    use crate::matcher::{ClaimQuery, align_sentence};
    use crate::text::{AliasTable, Analyzer};

    /// Run `rule` on `claim` against `sentence` (published on `published`).
    pub fn check_with(
        rule: &dyn Rule,
        claim: &str,
        sentence: &str,
        published: Option<PartialDate>,
    ) -> Option<Finding> {
        with_input(claim, sentence, published, |input| rule.check(input))
    }

    /// What [`judge`] makes of `claim` against `sentence`.
    pub fn judged(claim: &str, sentence: &str) -> Option<Judgement> {
        with_input(claim, sentence, None, judge)
    }

    /// `f` on the rule input of `claim` against the last sentence of
    /// `sentence`.
    fn with_input<R>(
        claim: &str,
        sentence: &str,
        published: Option<PartialDate>,
        f: impl FnOnce(&RuleInput<'_>) -> R,
    ) -> R {
        let analyzer = Analyzer::new(AliasTable::builtin());
        let meta = SourceMeta {
            published,
            ..SourceMeta::default()
        };
        let corpus = Corpus::build(vec![Source::new("s.txt", sentence, meta)], &analyzer);
        let index = SentenceIndex::build(&corpus);
        let query = ClaimQuery::new(claim, &[], &analyzer, &index);
        let last = corpus.sentences.len() - 1;
        let previous = corpus.context(last);
        let alignment = align_sentence(
            &query,
            &corpus.sentences[last],
            &crate::matcher::Context::of(&corpus, &previous, last),
            &analyzer,
            last,
        );
        let input = RuleInput {
            query: &query,
            sentence: &corpus.sentences[last],
            text: corpus.sentence_text(&corpus.sentences[last]),
            alignment: &alignment,
            analyzer: &analyzer,
        };
        f(&input)
    }

    /// Run `rule` with no published date.
    pub fn check(rule: &dyn Rule, claim: &str, sentence: &str) -> Option<Finding> {
        check_with(rule, claim, sentence, None)
    }

    /// The effect of a finding, or `None`.
    pub fn effect(finding: Option<Finding>) -> Option<Effect> {
        finding.map(|f| f.effect)
    }
}

#[cfg(test)]
mod tests {
    use super::testing::judged;
    use crate::verdict::Stance;

    fn stance(claim: &str, sentence: &str) -> Option<Stance> {
        judged(claim, sentence).map(|j| j.stance)
    }

    #[test]
    fn a_denied_value_is_borne_out_by_another_in_its_slot() {
        assert_eq!(
            stance(
                "West Ham United was not founded in 1895.",
                "West Ham United was founded in 1900 as Thames Ironworks."
            ),
            Some(Stance::Supports)
        );
        assert_eq!(
            stance(
                "West Ham United was not founded in 1895.",
                "West Ham United was founded in 1895 as Thames Ironworks."
            ),
            Some(Stance::Refutes)
        );
        // The negation is about the sequel, not the year in the title.
        assert_ne!(
            stance(
                "Blade Runner 2049 is not a sequel to the 1984 film.",
                "Blade Runner 2049 is a sequel to the 1982 film."
            ),
            Some(Stance::Supports)
        );
    }

    #[test]
    fn a_negated_entity_negates_the_claim() {
        assert_eq!(
            stance(
                "Kelly Preston was not in Broken Bridges.",
                "Kelly Preston also starred in the films Old Dogs and Broken Bridges."
            ),
            Some(Stance::Refutes)
        );
    }
}
