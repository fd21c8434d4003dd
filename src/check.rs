//! The pipeline, top to bottom: analyze the corpus once, then for every
//! claim find candidate sentences, judge each with the rules, decide one
//! verdict per source, and hand the whole matrix to the audit
//! (contradictions) and the reliability scoring.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::audit::{self, EvidenceRef};
use crate::claims::{Claim, ClaimSet};
use crate::corpus::{AnalysisStore, Corpus, Source};
use crate::definition;
use crate::index::SentenceIndex;
use crate::matcher::{self, ClaimQuery};
use crate::passage;
use crate::reliability;
use crate::report::{ClaimReport, Evidence, REPORT_VERSION, Report, SourceReport, SourceVerdict};
use crate::rules::{self, Judgement, RuleInput};
use crate::text::{AliasTable, Analyzer};
use crate::topic;
use crate::verdict::{ClaimStatus, Stance, Verdict};

/// How candidate sentences are found and aligned for a claim.
type Candidates = fn(
    &ClaimQuery,
    &Corpus,
    &SentenceIndex,
    &Analyzer,
) -> Vec<(matcher::Alignment, Result<(), &'static str>)>;

/// Least confidence for a sentence's stance to count in a verdict.
pub const MIN_CONFIDENCE: f32 = 0.45;
/// Evidence sentences kept per (claim, source), strongest first.
pub const MAX_EVIDENCE: usize = 3;

/// The analyzed corpus and everything needed to check claims against it.
#[derive(Debug)]
pub struct Engine {
    analyzer: Arc<Analyzer>,
    corpus: Corpus,
    index: SentenceIndex,
}

/// One judged sentence.
#[derive(Debug, Clone)]
pub struct JudgedSentence {
    /// Index of the sentence in the corpus.
    pub sentence: usize,
    /// What the rules concluded.
    pub judgement: Judgement,
}

/// A sentence that shared words with the claim but was not evidence.
#[derive(Debug, Clone)]
pub struct NearMiss {
    /// Index of the sentence in the corpus.
    pub sentence: usize,
    /// Its relevance.
    pub relevance: f32,
    /// Why it was not evidence.
    pub why: &'static str,
}

/// Everything found for one claim, source by source.
#[derive(Debug, Clone)]
pub struct Assessment {
    /// For each source index, its judged sentences, strongest first.
    pub judged: Vec<Vec<JudgedSentence>>,
    /// For each source index, its verdict and confidence.
    pub verdicts: Vec<(Verdict, f32)>,
    /// Sentences that came close, strongest first (for `explain`).
    pub near_misses: Vec<NearMiss>,
    /// The analyzed claim.
    pub query: ClaimQuery,
}

impl Engine {
    /// Analyze the sources with the built-in aliases plus the claims'.
    pub fn new(claims: &ClaimSet, sources: Vec<Source>) -> Engine {
        Engine::with_analyzer(Arc::new(analyzer_for(claims)), sources)
    }

    /// [`Engine::new`], taking each source's sentences from `store` when
    /// it has them and storing the others ([`Corpus::build_with`]): the
    /// same engine, analysing only what the store does not hold.
    pub fn new_with(
        claims: &ClaimSet,
        sources: Vec<Source>,
        store: Option<&dyn AnalysisStore>,
    ) -> Engine {
        Engine::with_analyzer_and(Arc::new(analyzer_for(claims)), sources, store)
    }

    /// Analyze the sources with an analyzer made by [`analyzer_for`],
    /// shared with other engines (one per document when streaming).
    pub fn with_analyzer(analyzer: Arc<Analyzer>, sources: Vec<Source>) -> Engine {
        Engine::with_analyzer_and(analyzer, sources, None)
    }

    /// [`Engine::with_analyzer`] with a store of analysed sources, as in
    /// [`Engine::new_with`].
    pub fn with_analyzer_and(
        analyzer: Arc<Analyzer>,
        sources: Vec<Source>,
        store: Option<&dyn AnalysisStore>,
    ) -> Engine {
        let corpus = Corpus::build_with(sources, &analyzer, store);
        let index = SentenceIndex::build(&corpus);
        Engine {
            analyzer,
            corpus,
            index,
        }
    }

    /// The analyzed corpus.
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// The analyzer.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// The index of the corpus.
    pub fn index(&self) -> &SentenceIndex {
        &self.index
    }

    /// Judge every candidate sentence for `claim` and decide each
    /// source's verdict. Every sentence sharing a word with the claim is
    /// aligned, and those that are not evidence are kept as near misses
    /// (for `explain`).
    pub fn assess(&self, claim: &Claim) -> Assessment {
        self.assess_with(claim, matcher::candidates)
    }

    /// [`Engine::assess`] without the near misses that name too few of
    /// the claim's entities, which are never aligned: the same judged
    /// sentences and verdicts, much faster on a large corpus
    /// ([`matcher::evidence_candidates`]).
    pub fn assess_evidence(&self, claim: &Claim) -> Assessment {
        self.assess_with(claim, matcher::evidence_candidates)
    }

    fn assess_with(&self, claim: &Claim, candidates: Candidates) -> Assessment {
        let query = ClaimQuery::new(&claim.text, &claim.about, &self.analyzer, &self.index);
        self.assess_query(query, candidates)
    }

    /// [`Engine::assess_evidence`] of a claim analyzed beforehand (its
    /// weights taken from this engine's index).
    pub fn assess_query_evidence(&self, query: ClaimQuery) -> Assessment {
        self.assess_query(query, matcher::evidence_candidates)
    }

    fn assess_query(&self, query: ClaimQuery, candidates: Candidates) -> Assessment {
        let (by_source, mut near_misses) = self.judge_candidates(&query, candidates);
        let mut judged: Vec<Vec<JudgedSentence>> = vec![Vec::new(); self.corpus.sources.len()];
        for (source, list) in by_source {
            judged[source] = list;
        }
        near_misses.sort_by(|a, b| {
            b.relevance
                .total_cmp(&a.relevance)
                .then(a.sentence.cmp(&b.sentence))
        });
        let verdicts = judged.iter().map(|j| decide(j)).collect();
        Assessment {
            judged,
            verdicts,
            near_misses,
            query,
        }
    }

    /// The judged sentences of a claim by source (only sources with some,
    /// each list strongest first, then the passage that discusses the
    /// claim in a source where no sentence speaks to it), and the near
    /// misses, unsorted.
    fn judge_candidates(
        &self,
        query: &ClaimQuery,
        candidates: Candidates,
    ) -> (BTreeMap<usize, Vec<JudgedSentence>>, Vec<NearMiss>) {
        let mut judged: BTreeMap<usize, Vec<JudgedSentence>> = BTreeMap::new();
        let mut near_misses = Vec::new();
        let candidates = candidates(query, &self.corpus, &self.index, &self.analyzer);
        for (alignment, gate) in &candidates {
            let sentence = &self.corpus.sentences[alignment.sentence];
            if let Err(why) = *gate {
                near_misses.push(NearMiss {
                    sentence: alignment.sentence,
                    relevance: alignment.relevance,
                    why,
                });
                continue;
            }
            let input = RuleInput {
                query,
                sentence,
                text: self.corpus.sentence_text(sentence),
                alignment,
                analyzer: &self.analyzer,
            };
            match rules::judge(&input) {
                Some(judgement) => {
                    judged
                        .entry(sentence.source)
                        .or_default()
                        .push(JudgedSentence {
                            sentence: alignment.sentence,
                            judgement,
                        })
                }
                None => near_misses.push(NearMiss {
                    sentence: alignment.sentence,
                    relevance: alignment.relevance,
                    why: "dated to another event",
                }),
            }
        }
        for list in judged.values_mut() {
            list.sort_by(|a, b| {
                b.judgement
                    .confidence
                    .total_cmp(&a.judgement.confidence)
                    .then(a.sentence.cmp(&b.sentence))
            });
        }
        // A source no sentence of which speaks to the claim may define
        // the claim's subject as another kind of thing, or as the same.
        let defined =
            definition::judgements(query, &self.corpus, &self.index, &self.analyzer, |source| {
                settled(&judged, source)
            });
        for (source, judged_sentence) in defined {
            judged.entry(source).or_default().push(judged_sentence);
        }
        // Nor may it discuss it across a passage. Only a source with some
        // aligned sentence can: `passage::discussion` finds nothing in none.
        let mut aligned: BTreeMap<usize, Vec<&matcher::Alignment>> = BTreeMap::new();
        for (alignment, _) in &candidates {
            aligned
                .entry(self.corpus.sentences[alignment.sentence].source)
                .or_default()
                .push(alignment);
        }
        for (source, aligned) in aligned {
            if settled(&judged, source) {
                continue;
            }
            if let Some(passage) = passage::discussion(query, &self.corpus, &aligned) {
                judged.entry(source).or_default().push(passage);
            }
        }
        // Nor any passage, yet the source may be about the claim.
        let topical = topic::discussions(&query.topics, &self.corpus, &self.index, |source| {
            settled(&judged, source)
        });
        for (source, discussion) in topical {
            judged.entry(source).or_default().push(discussion);
        }
        (judged, near_misses)
    }

    /// One claim's part of the report from its judged sentences by source
    /// (sources without any are not mentioned).
    fn claim_outcome<'j>(
        &self,
        claim: &Claim,
        judged: impl IntoIterator<Item = (usize, &'j [JudgedSentence])>,
    ) -> ClaimOutcome {
        let mut verdicts = Vec::new();
        let mut refs = Vec::new();
        let mut row = Vec::new();
        for (source_index, judged) in judged {
            let (verdict, confidence) = decide(judged);
            if verdict == Verdict::NotMentioned {
                continue;
            }
            row.push((source_index, verdict));
            for j in judged
                .iter()
                .filter(|j| j.judgement.confidence >= MIN_CONFIDENCE)
            {
                refs.push(EvidenceRef {
                    sentence: j.sentence,
                    stance: j.judgement.stance,
                    reason: j.judgement.reason,
                    detail: j.judgement.detail.clone(),
                    confidence: j.judgement.confidence,
                });
            }
            verdicts.push(SourceVerdict {
                source: self.corpus.sources[source_index].name.clone(),
                verdict,
                confidence: round(confidence),
                evidence: judged
                    .iter()
                    .filter(|j| j.judgement.confidence >= MIN_CONFIDENCE)
                    .take(MAX_EVIDENCE)
                    .map(|j| self.evidence(j))
                    .collect(),
            });
        }
        ClaimOutcome {
            report: ClaimReport {
                id: claim.id.clone(),
                text: claim.text.clone(),
                status: ClaimStatus::from_verdicts(verdicts.iter().map(|v| v.verdict)),
                verdicts,
            },
            refs,
            row,
        }
    }

    /// The report from every claim's outcome and analysis, in claim order.
    fn report_from(
        &self,
        claims: &ClaimSet,
        outcomes: Vec<ClaimOutcome>,
        queries: &[&ClaimQuery],
    ) -> Report {
        let mut claim_reports = Vec::with_capacity(outcomes.len());
        let mut evidence_refs = Vec::with_capacity(outcomes.len());
        let mut rows = Vec::with_capacity(outcomes.len());
        for outcome in outcomes {
            claim_reports.push(outcome.report);
            evidence_refs.push(outcome.refs);
            rows.push(outcome.row);
        }
        let contradictions =
            audit::contradictions_with(&self.corpus, claims, queries, &evidence_refs);
        let sources: Vec<SourceInfo> = self
            .corpus
            .sources
            .iter()
            .map(|source| SourceInfo {
                name: source.name.clone(),
                published: source.meta.published.map(|d| d.to_iso()),
                title: source.meta.title.clone(),
            })
            .collect();
        finish_report(claim_reports, contradictions, &rows, &sources)
    }

    /// Check every claim and build the full report. Claims are assessed
    /// in parallel (rayon's pool: `--jobs`); the report is the same
    /// whatever the number of threads. Each claim keeps only the sources
    /// it found something in, so the work and memory grow with the
    /// evidence, not with claims × sources.
    pub fn check(&self, claims: &ClaimSet) -> Report {
        let (outcomes, queries): (Vec<ClaimOutcome>, Vec<ClaimQuery>) = claims
            .claims
            .par_iter()
            .map(|claim| {
                let query = ClaimQuery::new(&claim.text, &claim.about, &self.analyzer, &self.index);
                let (judged, _) = self.judge_candidates(&query, matcher::evidence_candidates);
                let outcome =
                    self.claim_outcome(claim, judged.iter().map(|(s, list)| (*s, list.as_slice())));
                (outcome, query)
            })
            .unzip();
        let queries: Vec<&ClaimQuery> = queries.iter().collect();
        self.report_from(claims, outcomes, &queries)
    }

    /// Build the report from assessments (one per claim, in order).
    pub fn report(&self, claims: &ClaimSet, assessments: &[Assessment]) -> Report {
        let outcomes = claims
            .claims
            .iter()
            .zip(assessments)
            .map(|(claim, a)| {
                self.claim_outcome(
                    claim,
                    a.judged
                        .iter()
                        .enumerate()
                        .map(|(s, list)| (s, list.as_slice())),
                )
            })
            .collect();
        let queries: Vec<&ClaimQuery> = assessments.iter().map(|a| &a.query).collect();
        self.report_from(claims, outcomes, &queries)
    }

    /// The evidence record of a judged sentence.
    pub fn evidence(&self, judged: &JudgedSentence) -> Evidence {
        let sentence = &self.corpus.sentences[judged.sentence];
        let source = &self.corpus.sources[sentence.source];
        let at = source.line_col(sentence.span.start);
        Evidence {
            sentence: one_line(self.corpus.sentence_text(sentence)),
            line: at.line,
            column: at.column,
            stance: judged.judgement.stance,
            reason: judged.judgement.reason,
            detail: judged.judgement.detail.clone(),
            confidence: round(judged.judgement.confidence),
            start: sentence.span.start,
            end: sentence.span.end,
        }
    }
}

/// The analyzer for a claim set: the built-in aliases plus the claims'.
pub fn analyzer_for(claims: &ClaimSet) -> Analyzer {
    let mut aliases = AliasTable::builtin();
    for (canonical, others) in &claims.aliases {
        aliases.add(canonical, others.iter().map(String::as_str));
    }
    Analyzer::new(aliases)
}

/// What a report says of a source besides its verdicts.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceInfo {
    /// Its name.
    pub name: String,
    /// Its published date, ISO 8601.
    pub published: Option<String>,
    /// Its title.
    pub title: Option<String>,
}

/// One claim's part of the report.
#[derive(Debug)]
struct ClaimOutcome {
    report: ClaimReport,
    refs: Vec<EvidenceRef>,
    /// (source index, verdict) for every source that mentions the claim,
    /// in source order.
    row: Vec<(usize, Verdict)>,
}

/// The report from its claims, contradictions and verdicts (`rows[claim]`:
/// (source index, verdict) of the sources that are not `not_mentioned`,
/// in source order): self-contradictions and reliability per source.
/// Shared by [`Engine::report`] and `claimcheck merge`.
pub fn finish_report(
    claims: Vec<ClaimReport>,
    contradictions: Vec<crate::report::Contradiction>,
    rows: &[Vec<(usize, Verdict)>],
    sources: &[SourceInfo],
) -> Report {
    let mut self_contradictions = vec![0usize; sources.len()];
    for c in &contradictions {
        if c.a.source == c.b.source
            && let Some(i) = sources.iter().position(|s| s.name == c.a.source)
        {
            self_contradictions[i] += 1;
        }
    }
    let trust = reliability::score_sparse(rows, &self_contradictions);
    let mut counts = vec![[0usize; 4]; sources.len()];
    for row in rows {
        for &(s, verdict) in row {
            let slot = match verdict {
                Verdict::Supports => 0,
                Verdict::Refutes => 1,
                Verdict::Mixed => 2,
                Verdict::Discusses => 3,
                Verdict::NotMentioned => continue,
            };
            counts[s][slot] += 1;
        }
    }
    let sources = sources
        .iter()
        .enumerate()
        .map(|(i, source)| {
            let count = |v: Verdict| match v {
                Verdict::Supports => counts[i][0],
                Verdict::Refutes => counts[i][1],
                Verdict::Mixed => counts[i][2],
                _ => counts[i][3],
            };
            SourceReport {
                source: source.name.clone(),
                reliability: round(trust.reliability[i]),
                supports: count(Verdict::Supports),
                refutes: count(Verdict::Refutes),
                mixed: count(Verdict::Mixed),
                discusses: count(Verdict::Discusses),
                self_contradictions: self_contradictions[i],
                agreements: trust.agreements[i],
                disagreements: trust.disagreements[i],
                published: source.published.clone(),
                title: source.title.clone(),
            }
        })
        .collect();
    Report {
        version: REPORT_VERSION,
        claims,
        contradictions,
        sources,
    }
}

/// Whether a source's judged sentences already give it a verdict (any
/// but `not_mentioned`), so that the later, weaker layers (definitions,
/// passages, topic) leave it alone.
fn settled(judged: &BTreeMap<usize, Vec<JudgedSentence>>, source: usize) -> bool {
    judged
        .get(&source)
        .is_some_and(|list| decide(list).0 != Verdict::NotMentioned)
}

/// One verdict from a source's judged sentences: both strong supporting
/// and refuting sentences make it mixed; otherwise the stronger side; a
/// discussion only when nothing is asserted; weak evidence is no mention.
pub fn decide(judged: &[JudgedSentence]) -> (Verdict, f32) {
    let best = |stance: Stance| {
        judged
            .iter()
            .filter(|j| j.judgement.stance == stance)
            .map(|j| j.judgement.confidence)
            .fold(0.0_f32, f32::max)
    };
    let (supports, refutes, discusses) = (
        best(Stance::Supports),
        best(Stance::Refutes),
        best(Stance::Discusses),
    );
    match (supports >= MIN_CONFIDENCE, refutes >= MIN_CONFIDENCE) {
        (true, true) => (Verdict::Mixed, supports.min(refutes)),
        (false, true) => (Verdict::Refutes, refutes),
        (true, false) => (Verdict::Supports, supports),
        (false, false) if discusses >= MIN_CONFIDENCE => (Verdict::Discusses, discusses),
        (false, false) => (
            Verdict::NotMentioned,
            1.0 - supports.max(refutes).max(discusses),
        ),
    }
}

/// Group verdicts by source name, for callers comparing with expectations.
pub fn verdicts_by_source(report: &ClaimReport) -> BTreeMap<&str, Verdict> {
    report
        .verdicts
        .iter()
        .map(|v| (v.source.as_str(), v.verdict))
        .collect()
}

fn round(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

/// Collapse line breaks inside a sentence for one-line display.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
