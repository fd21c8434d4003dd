//! Contradictions across the corpus: pairs of sentences that cannot both
//! be right about a claim, within one source or across two.
//!
//! Two kinds are reported. Opposite stances: a sentence supporting the
//! claim and another refuting it (the strongest pair for each pair of
//! sources). Date slots: an evidence sentence dates an event to one
//! day and another sentence about the same entities gives the same day
//! and month in another year ("June 19, 2023" against "last June 19" in
//! an article of December 2024).

use std::collections::{BTreeMap, HashSet};

use crate::check::{Assessment, one_line};
use crate::claims::ClaimSet;
use crate::corpus::Corpus;
use crate::matcher::ClaimQuery;
use crate::report::{Contradiction, ContradictionSide};
use crate::verdict::{Reason, Stance};

/// An evidence sentence of a claim, as the audit needs it.
#[derive(Debug, Clone)]
pub struct EvidenceRef {
    /// Index of the sentence in the corpus.
    pub sentence: usize,
    /// Its stance.
    pub stance: Stance,
    /// Its reason.
    pub reason: Reason,
    /// Human detail.
    pub detail: String,
    /// Confidence.
    pub confidence: f32,
}

/// What the audit reads of the corpus: a [`Corpus`] in memory, or the
/// records of sharded runs (`claimcheck merge`). Sentences are numbered
/// in corpus order (source by source, in text order).
pub trait AuditCorpus {
    /// The index of the source a sentence belongs to.
    fn source_of(&self, sentence: usize) -> usize;
    /// The full dates (year, month, day) a sentence states, in order.
    fn full_dates(&self, sentence: usize) -> Vec<(i32, u8, u8)>;
    /// Every sentence stating a full date on this day and month, with its
    /// year, in corpus order (a sentence once per such date).
    fn dated_on(&self, month: u8, day: u8) -> &[(usize, i32)];
    /// How many of `keys` a sentence or the one before it names.
    fn shared_entities(&self, sentence: usize, keys: &[&str]) -> usize;
    /// A sentence as one side of a contradiction.
    fn side(&self, sentence: usize) -> ContradictionSide;
}

/// Every contradiction, claim by claim.
pub fn contradictions(
    corpus: &Corpus,
    claims: &ClaimSet,
    assessments: &[Assessment],
    evidence: &[Vec<EvidenceRef>],
) -> Vec<Contradiction> {
    let view = CorpusView {
        corpus,
        dated: DatedSentences::new(corpus),
    };
    let queries: Vec<&ClaimQuery> = assessments.iter().map(|a| &a.query).collect();
    contradictions_in(&view, claims, &queries, evidence)
}

/// Every contradiction, claim by claim, from any [`AuditCorpus`]:
/// `queries` and `evidence` are the claims' analyses and evidence
/// sentences, in claim order.
pub fn contradictions_in(
    corpus: &impl AuditCorpus,
    claims: &ClaimSet,
    queries: &[&ClaimQuery],
    evidence: &[Vec<EvidenceRef>],
) -> Vec<Contradiction> {
    let mut found = Vec::new();
    for ((claim, query), refs) in claims.claims.iter().zip(queries).zip(evidence) {
        let mut pairs_seen: HashSet<(usize, usize)> = HashSet::new();
        // Opposite stances: strongest pair per (source, source).
        let mut best: BTreeMap<(usize, usize), (&EvidenceRef, &EvidenceRef, f32)> = BTreeMap::new();
        for support in refs.iter().filter(|r| r.stance == Stance::Supports) {
            for refute in refs.iter().filter(|r| r.stance == Stance::Refutes) {
                let key = (
                    corpus.source_of(support.sentence),
                    corpus.source_of(refute.sentence),
                );
                let strength = support.confidence * refute.confidence;
                if best.get(&key).is_none_or(|(_, _, s)| strength > *s) {
                    best.insert(key, (support, refute, strength));
                }
            }
        }
        for (support, refute, _) in best.into_values() {
            pairs_seen.insert(ordered(support.sentence, refute.sentence));
            found.push(Contradiction {
                claim: claim.id.clone(),
                reason: refute.reason,
                detail: refute.detail.clone(),
                a: corpus.side(support.sentence),
                b: corpus.side(refute.sentence),
            });
        }
        // Date slots: same day and month, another year, same entities.
        // Only a claim that dates its event has such a slot.
        if query.dates.is_empty() {
            continue;
        }
        let entity_keys: Vec<&str> = query.entities.iter().map(|e| e.key.as_str()).collect();
        let needed = entity_keys.len().min(2);
        for r in refs.iter().filter(|r| r.stance != Stance::Discusses) {
            for (year, month, day) in corpus.full_dates(r.sentence) {
                for &(other, other_year) in corpus.dated_on(month, day) {
                    if other_year == year || !pairs_seen.insert(ordered(r.sentence, other)) {
                        continue;
                    }
                    if corpus.shared_entities(other, &entity_keys) < needed {
                        continue;
                    }
                    found.push(Contradiction {
                        claim: claim.id.clone(),
                        reason: Reason::DateMismatch,
                        detail: format!(
                            "one sentence dates it {year:04}-{month:02}-{day:02}, the other {other_year:04}-{month:02}-{day:02}"
                        ),
                        a: corpus.side(r.sentence),
                        b: corpus.side(other),
                    });
                }
            }
        }
    }
    found
}

/// The audit's view of a corpus in memory.
struct CorpusView<'a> {
    corpus: &'a Corpus,
    dated: DatedSentences,
}

impl AuditCorpus for CorpusView<'_> {
    fn source_of(&self, sentence: usize) -> usize {
        self.corpus.sentences[sentence].source
    }

    fn full_dates(&self, sentence: usize) -> Vec<(i32, u8, u8)> {
        self.corpus.sentences[sentence]
            .dates
            .iter()
            .filter_map(|d| Some((d.date.year?, d.date.month?, d.date.day?)))
            .collect()
    }

    fn dated_on(&self, month: u8, day: u8) -> &[(usize, i32)] {
        self.dated.on(month, day)
    }

    fn shared_entities(&self, sentence: usize, keys: &[&str]) -> usize {
        shared_entities(self.corpus, sentence, keys)
    }

    fn side(&self, sentence: usize) -> ContradictionSide {
        side(self.corpus, sentence)
    }
}

fn ordered(a: usize, b: usize) -> (usize, usize) {
    (a.min(b), a.max(b))
}

/// Claim entities named in a sentence or the one before it.
fn shared_entities(corpus: &Corpus, sentence: usize, keys: &[&str]) -> usize {
    let here = &corpus.sentences[sentence];
    let before = corpus.previous(sentence);
    keys.iter()
        .filter(|k| {
            here.analysis.terms.iter().any(|t| t.key == **k)
                || before.is_some_and(|b| b.analysis.terms.iter().any(|t| t.key == **k))
        })
        .count()
}

fn side(corpus: &Corpus, sentence: usize) -> ContradictionSide {
    let s = &corpus.sentences[sentence];
    let source = &corpus.sources[s.source];
    let at = source.line_col(s.span.start);
    ContradictionSide {
        source: source.name.clone(),
        line: at.line,
        column: at.column,
        sentence: one_line(corpus.sentence_text(s)),
    }
}

/// Sentences with a full date, by (month, day).
struct DatedSentences {
    by_day: BTreeMap<(u8, u8), Vec<(usize, i32)>>,
}

impl DatedSentences {
    fn new(corpus: &Corpus) -> Self {
        let mut by_day: BTreeMap<(u8, u8), Vec<(usize, i32)>> = BTreeMap::new();
        for (i, s) in corpus.sentences.iter().enumerate() {
            for d in &s.dates {
                if let (Some(y), Some(m), Some(day)) = (d.date.year, d.date.month, d.date.day) {
                    by_day.entry((m, day)).or_default().push((i, y));
                }
            }
        }
        DatedSentences { by_day }
    }

    fn on(&self, month: u8, day: u8) -> &[(usize, i32)] {
        self.by_day.get(&(month, day)).map_or(&[], Vec::as_slice)
    }
}
