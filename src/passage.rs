//! Passage-level discussion: a source that states the claim's entities and
//! most of its words across a few neighbouring sentences, without any one
//! sentence asserting the claim, raises the claim without taking a side.
//!
//! News reports spread a headline over several sentences ("Officials said
//! on Monday… The group posted a video… It showed…"); no single sentence
//! passes the evidence gate, yet the article is plainly about the claim.
//! Such a source `discusses` the claim, with reason `topic_match`.

use crate::check::JudgedSentence;
use crate::corpus::Corpus;
use crate::dates::{DateComparison, compare};
use crate::matcher::{Alignment, ClaimQuery, EntityPlace, WordMatch};
use crate::rules::Judgement;
use crate::verdict::{Reason, Stance};

/// Sentences in a passage: the sentence and the two after it.
pub const PASSAGE_SENTENCES: usize = 3;
/// Least weighted share of the claim's words the passage must state.
pub const PASSAGE_MIN_WORDS: f32 = 0.75;
/// Discount on a passage's coverage: a passage is weaker than a sentence.
const PASSAGE_CREDIT: f32 = 0.3;
/// Confidence of a passage before its coverage counts (at the verdict
/// threshold, so that a qualifying passage always counts).
const PASSAGE_BASE: f32 = crate::check::MIN_CONFIDENCE;

/// The strongest passage of one source's aligned sentences (in corpus
/// order) that covers the claim, as a `discusses` judgement on its first
/// sentence.
pub fn discussion(
    query: &ClaimQuery,
    corpus: &Corpus,
    aligned: &[&Alignment],
) -> Option<JudgedSentence> {
    if query.words.len() < 2 {
        return None;
    }
    let total: f32 = query.words.iter().map(|w| w.weight).sum();
    let mut best: Option<(f32, usize, usize)> = None;
    for (i, first) in aligned.iter().enumerate() {
        let window: Vec<&Alignment> = aligned[i..]
            .iter()
            .take_while(|a| a.sentence < first.sentence + PASSAGE_SENTENCES)
            .copied()
            .collect();
        let mut words = vec![false; query.words.len()];
        let mut entities = vec![false; query.entities.len()];
        for a in &window {
            for m in a.matched.iter().filter(|m| m.how != WordMatch::Antonym) {
                words[m.word] = true;
            }
            for (e, place) in a.entities.iter().enumerate() {
                entities[e] |= *place != EntityPlace::Missing;
            }
        }
        let stated = words.iter().filter(|w| **w).count();
        let coverage: f32 = query
            .words
            .iter()
            .zip(&words)
            .filter(|(_, w)| **w)
            .map(|(q, _)| q.weight)
            .sum::<f32>()
            / total;
        let missing = entities.iter().filter(|e| !**e).count();
        if stated < 2 || coverage < PASSAGE_MIN_WORDS || missing > query.entities.len() / 3 {
            continue;
        }
        if !query.dates.is_empty() && !dated_alike(query, corpus, &window) {
            continue;
        }
        let last = window.last().map_or(first.sentence, |a| a.sentence);
        if best.is_none_or(|(c, _, _)| coverage > c) {
            best = Some((coverage, first.sentence, last));
        }
    }
    let (coverage, first, last) = best?;
    let at = |s: usize| {
        let sentence = &corpus.sentences[s];
        corpus.sources[sentence.source]
            .line_col(sentence.span.start)
            .line
    };
    Some(JudgedSentence {
        sentence: first,
        judgement: Judgement {
            stance: Stance::Discusses,
            reason: Reason::TopicMatch,
            detail: format!(
                "lines {}–{} state {:.0}% of the claim's words and its entities, but no sentence asserts it",
                at(first),
                at(last),
                coverage * 100.0
            ),
            confidence: PASSAGE_BASE + PASSAGE_CREDIT * coverage,
            highlight: None,
        },
    })
}

/// Whether some sentence of the window states a date agreeing with the
/// claim's.
fn dated_alike(query: &ClaimQuery, corpus: &Corpus, window: &[&Alignment]) -> bool {
    window.iter().any(|a| {
        corpus.sentences[a.sentence].dates.iter().any(|d| {
            query
                .dates
                .iter()
                .any(|c| compare(c, &d.date) == DateComparison::Agree)
        })
    })
}
