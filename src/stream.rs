//! Streaming and sharding: `claimcheck check --sources - --format jsonl`
//! reads documents as JSON Lines from standard input and writes *shard
//! records*; `claimcheck merge` ([`crate::merge`]) combines the records of
//! any number of shards into the full report.
//!
//! Input, one document a line:
//! `{"source": "a.txt", "text": "...", "published": "2024-12-22", "title": "..."}`
//! (`published` and `title` optional; without `published` the article's
//! dateline is read, as for files).
//!
//! Each document is checked on its own, in batches of a few documents in
//! parallel, so memory is bounded by the largest batch, not the corpus.
//! The one corpus-wide quantity, the IDF weight of each claim word and
//! entity, comes from `--stats` files written by `claimcheck stats` over
//! the same stream (one per shard; they are summed): then every record is
//! exactly what `check --sources DIR` finds. Without `--stats`, weights
//! are computed within each document: confidences (and, near a
//! threshold, verdicts) may then differ from `check --sources DIR`, but
//! never depend on how the stream is split into shards.
//!
//! Output records, per document and in this order (one JSON object a
//! line, `type` first):
//! - `source`: `source`, `published`, `title`, `sentences` (how many);
//! - `verdict`: for every claim the document does not leave
//!   `not_mentioned`: `claim`, `source`, `path`, `verdict`, `confidence`
//!   and `evidence` as in the `jsonl` report format, plus `refs`: every
//!   evidence sentence that counts (confidence ≥ 0.45, not only the first
//!   three) with its `sentence` number in the document, exact `confidence`,
//!   `stance`, `reason`, `detail`, `line`, `column` and `text`;
//! - `dated`: every sentence stating a full date: `sentence`, `line`,
//!   `column`, `text`, `dates` (`[year, month, day]`…) and `keys`, the
//!   claim entities named in it or the sentence before it.
//!
//! The `verdict` and `dated` records are what the contradiction audit
//! reads, so `merge` recomputes contradictions across shards (opposite
//! stances and date slots) exactly as a single run over the same stream.
//!
//! **Re-runs.** A document's statistics are a function of its text, its
//! published date, the claims and this build; its records, of those, its
//! name and title, and the corpus statistics (`--stats`). A
//! [`ResultStore`] (the on-disk cache) keeps both, document by document,
//! under a BLAKE3 hash of exactly these ([`RESULTS_VERSION`] for the
//! build): a re-run over a stream of which some documents changed
//! computes only those documents' statistics, and when the statistics
//! come out the same (all weights unchanged), only their records; every
//! other document is parsed and hashed, never analysed. Records are kept
//! as the bytes written, so a re-run writes exactly what a first run
//! wrote. Records kept for other statistics are replaced only once a run
//! repeats the previous run's statistics ([`Memo`]): after an edit they
//! are recomputed but not rewritten, and kept again for reverting.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, Write};
use std::sync::Arc;

use anyhow::Context as _;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::check::{Engine, MAX_EVIDENCE, MIN_CONFIDENCE, analyzer_for, one_line};
use crate::claims::ClaimSet;
use crate::corpus::{AnalysisStore, Source, SourceMeta};
use crate::index::SentenceIndex;
use crate::matcher::ClaimQuery;
use crate::report::Evidence;
use crate::verdict::{Reason, Stance, Verdict};

/// What streamed results are a function of besides their inputs: the
/// crate version and the build script's hash of every source file and
/// `Cargo.lock` (any change to the code makes every kept result a miss).
pub const RESULTS_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "+results.1.",
    env!("CLAIMCHECK_CODE")
);

/// Where the results of streamed runs may be kept between runs, document
/// by document (the on-disk cache is [`crate::cache::AnalysisCache`]).
/// Neither method may fail the run: a store that cannot read or write an
/// entry says it has none, or drops it.
pub trait ResultStore: Sync {
    /// The bytes kept under `key`, whole and unaltered, if any.
    fn load_result(&self, key: &[u8; 32]) -> Option<Vec<u8>>;
    /// Keep `bytes` under `key`, replacing what was there.
    fn store_result(&self, key: &[u8; 32], bytes: &[u8]);
}

/// A [`ResultStore`] and what every result of this run depends on.
struct Memo<'s> {
    store: &'s dyn ResultStore,
    /// Hash of the claims (with their aliases).
    claims: [u8; 32],
    /// Hash of the corpus statistics the weights come from (or of
    /// their absence).
    stats: [u8; 32],
    /// Whether records kept for other statistics are replaced: only
    /// when the previous `check` with these claims had these statistics
    /// too. Right after the statistics changed (a document was edited)
    /// they will likely change again, and rewriting every document's
    /// records would cost more than computing them; once a run repeats
    /// the statistics, they are kept for the next one.
    replace: bool,
}

impl Memo<'_> {
    /// The key of a result of kind `kind` for a document whose analysis
    /// key is `analysis`, and `extra` (its name and title, for records).
    fn key(&self, kind: &str, analysis: &crate::corpus::AnalysisKey, extra: &[&[u8]]) -> [u8; 32] {
        let mut hasher = blake3::Hasher::new();
        hasher.update(b"claimcheck ");
        hasher.update(kind.as_bytes());
        hasher.update(b"\0");
        hasher.update(RESULTS_VERSION.as_bytes());
        hasher.update(b"\0");
        hasher.update(&self.claims);
        hasher.update(&analysis.0);
        for part in extra {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
        *hasher.finalize().as_bytes()
    }
}

/// A hash of what `value` prints as with `{:?}` (every field, in a fixed
/// order, within one build: [`RESULTS_VERSION`] is part of every key).
fn fingerprint(value: &impl std::fmt::Debug) -> [u8; 32] {
    *blake3::hash(format!("{value:?}").as_bytes()).as_bytes()
}

/// Documents checked together (in parallel) before their records are
/// written; also caps the text held in memory.
pub const BATCH_DOCUMENTS: usize = 64;
/// Text bytes read before a batch is checked, whatever its length.
pub const BATCH_BYTES: usize = 64 * 1024 * 1024;

/// Corpus statistics for exact weights across shards: how many
/// sentences, and how many hold each claim key; how many sources, and how
/// many hold each claim word (topic coverage, [`crate::topic`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CorpusStats {
    /// Always `stats`.
    pub r#type: String,
    /// Sentences in the corpus.
    pub sentences: usize,
    /// Claim key → sentences holding it.
    pub df: BTreeMap<String, usize>,
    /// Sources (documents) in the corpus.
    #[serde(default)]
    pub sources: usize,
    /// Claim word (its first topic key) → sources holding it.
    #[serde(default)]
    pub topic_df: BTreeMap<String, usize>,
}

impl CorpusStats {
    /// Add another shard's statistics.
    pub fn add(&mut self, other: &CorpusStats) {
        self.sentences += other.sentences;
        for (key, n) in &other.df {
            *self.df.entry(key.clone()).or_default() += n;
        }
        self.sources += other.sources;
        for (key, n) in &other.topic_df {
            *self.topic_df.entry(key.clone()).or_default() += n;
        }
    }
}

/// One input document.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Its name in reports.
    pub source: String,
    /// Its text.
    pub text: String,
    /// Its published date (any form `sources.yaml` accepts).
    #[serde(default)]
    pub published: Option<String>,
    /// Its title.
    #[serde(default)]
    pub title: Option<String>,
}

/// A shard record (see the module documentation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Record {
    /// A document, before its verdicts.
    Source {
        /// Its name.
        source: String,
        /// Published date, ISO 8601.
        published: Option<String>,
        /// Title.
        title: Option<String>,
        /// How many sentences it has.
        sentences: usize,
    },
    /// The verdict of one document on one claim.
    Verdict {
        /// The claim id.
        claim: String,
        /// The document.
        source: String,
        /// Where to open it (its name).
        path: String,
        /// The verdict.
        verdict: Verdict,
        /// Its confidence, rounded as in reports.
        confidence: f32,
        /// The strongest evidence, as in reports.
        evidence: Vec<Evidence>,
        /// Every evidence sentence that counts, strongest first.
        refs: Vec<Ref>,
    },
    /// A sentence stating a full date.
    Dated {
        /// The document.
        source: String,
        /// Sentence number in the document.
        sentence: usize,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The sentence on one line.
        text: String,
        /// Its full dates, in order.
        dates: Vec<(i32, u8, u8)>,
        /// Claim entity keys named in it or in the sentence before.
        keys: Vec<String>,
    },
}

/// An evidence sentence of a verdict record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ref {
    /// Sentence number in the document.
    pub sentence: usize,
    /// Its stance.
    pub stance: Stance,
    /// Its reason.
    pub reason: Reason,
    /// Human detail.
    pub detail: String,
    /// Exact confidence.
    pub confidence: f32,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The sentence on one line.
    pub text: String,
}

/// What a streamed run read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StreamSummary {
    /// Documents checked.
    pub documents: usize,
    /// Lines that were not documents, with why (1-based line numbers).
    pub problems: Vec<String>,
}

/// The claims, analyzed once for every document.
struct Checker<'s> {
    /// Where analysed documents are cached, if anywhere.
    store: Option<&'s dyn AnalysisStore>,
    /// Where results are kept, if anywhere.
    memo: Option<Memo<'s>>,
    analyzer: Arc<crate::text::Analyzer>,
    queries: Vec<ClaimQuery>,
    entity_keys: BTreeSet<String>,
    stats: Option<CorpusStats>,
    /// Every key whose weight a claim uses, sorted.
    claim_keys: Vec<String>,
    /// Last word of a key → the (claim, entity) pairs that key may place
    /// (see [`last_word`]).
    probes: FxHashMap<String, Vec<(usize, usize)>>,
    /// How many entities each claim needs placed to have evidence.
    needs: Vec<usize>,
    /// Topic key → the claim words (their first keys) it stands for.
    topic_words: FxHashMap<String, BTreeSet<String>>,
    /// Claim word (first topic key) → (claim, weight) of each claim
    /// using it.
    topic_claims: FxHashMap<String, Vec<(usize, f32)>>,
}

/// The last word of a key, without the entity mark: every key through
/// which [`crate::matcher::entity_reach`] places an entity ends with the
/// entity's own last word, or with that of an affiliate or of the entity
/// it is affiliated with.
fn last_word(key: &str) -> &str {
    key.rsplit(' ')
        .next()
        .unwrap_or(key)
        .trim_start_matches('@')
}

impl<'s> Checker<'s> {
    fn new(
        claims: &ClaimSet,
        stats: Option<CorpusStats>,
        store: Option<&'s dyn AnalysisStore>,
        results: Option<&'s dyn ResultStore>,
    ) -> Checker<'s> {
        let memo = results.map(|store| Memo {
            store,
            claims: fingerprint(claims),
            stats: fingerprint(&stats),
            replace: false,
        });
        let analyzer = Arc::new(analyzer_for(claims));
        let empty = SentenceIndex::default();
        let queries: Vec<ClaimQuery> = claims
            .claims
            .iter()
            .map(|c| ClaimQuery::new(&c.text, &c.about, &analyzer, &empty))
            .collect();
        let entity_keys = queries
            .iter()
            .flat_map(|q| q.entities.iter().map(|e| e.key.clone()))
            .collect();
        let queries = match &stats {
            Some(stats) => queries
                .into_iter()
                .map(|mut q| {
                    for term in q.entities.iter_mut().chain(q.words.iter_mut()) {
                        let df = stats.df.get(&term.key).copied().unwrap_or(0);
                        term.weight = crate::index::idf_weight(stats.sentences, df);
                    }
                    for term in &mut q.topics {
                        let df = stats.topic_df.get(&term.keys[0]).copied().unwrap_or(0);
                        term.weight = crate::index::topic_weight(stats.sources, df);
                    }
                    q
                })
                .collect(),
            None => queries,
        };
        let claim_keys: BTreeSet<&str> = queries
            .iter()
            .flat_map(|q| q.entities.iter().chain(&q.words))
            .map(|t| t.key.as_str())
            .collect();
        let claim_keys = claim_keys.into_iter().map(str::to_string).collect();
        let mut probes: FxHashMap<String, Vec<(usize, usize)>> = FxHashMap::default();
        for (c, query) in queries.iter().enumerate() {
            for (e, entity) in query.entities.iter().enumerate() {
                let key = entity.key.as_str();
                let name = key.trim_start_matches('@');
                // every word of the name: a shorter name may start it
                // ("@penguin" for "@penguin books")
                let mut words: BTreeSet<String> = name
                    .split(' ')
                    .chain(analyzer.affiliates(key).map(last_word))
                    .chain(analyzer.affiliation(key).map(last_word))
                    .map(str::to_string)
                    .collect();
                // a one-word name written as a word
                if !name.contains(' ') {
                    let word = analyzer.word_key(&analyzer.stem(name));
                    words.insert(last_word(&word).to_string());
                }
                for word in words {
                    probes.entry(word).or_default().push((c, e));
                }
            }
        }
        let needs = queries
            .iter()
            .map(|q| q.entities.len() - usize::from(q.entities.len() >= 2))
            .collect();
        let mut topic_words: FxHashMap<String, BTreeSet<String>> = FxHashMap::default();
        let mut topic_claims: FxHashMap<String, Vec<(usize, f32)>> = FxHashMap::default();
        for (c, query) in queries.iter().enumerate() {
            for term in &query.topics {
                for key in &term.keys {
                    topic_words
                        .entry(key.clone())
                        .or_default()
                        .insert(term.keys[0].clone());
                }
                topic_claims
                    .entry(term.keys[0].clone())
                    .or_default()
                    .push((c, term.weight));
            }
        }
        Checker {
            store,
            memo,
            topic_words,
            topic_claims,
            analyzer,
            queries,
            entity_keys,
            stats,
            claim_keys,
            probes,
            needs,
        }
    }

    /// Every key whose weight a claim uses.
    fn claim_keys(&self) -> impl Iterator<Item = &str> {
        self.claim_keys.iter().map(String::as_str)
    }

    /// The claims (in order) that may have evidence in a document whose
    /// index is `index`: enough of their entities may be placed there.
    /// The others are not mentioned, without aligning anything.
    fn claims_in(&self, index: &SentenceIndex) -> Vec<usize> {
        let mut placed: FxHashSet<(usize, usize)> = FxHashSet::default();
        for id in 0..index.key_count() {
            if let Some(pairs) = self.probes.get(last_word(index.key(id as u32))) {
                placed.extend(pairs.iter().copied());
            }
        }
        // a document opening with a pronoun may speak of a claim's subject
        if !index.openers().is_empty() {
            for (c, query) in self.queries.iter().enumerate() {
                if query
                    .entities
                    .first()
                    .is_some_and(|e| crate::matcher::is_subject(query, e))
                {
                    placed.insert((c, 0));
                }
            }
        }
        let mut count = vec![0usize; self.queries.len()];
        for (c, _) in placed {
            count[c] += 1;
        }
        (0..self.queries.len())
            .filter(|&c| count[c] >= self.needs[c])
            .filter(|&c| crate::matcher::may_have_evidence(&self.queries[c], index, &self.analyzer))
            .collect()
    }

    /// The claim words (first topic keys) a document holds.
    fn topic_words_in(&self, index: &SentenceIndex) -> BTreeSet<&str> {
        index
            .topic_keys()
            .filter_map(|key| self.topic_words.get(key))
            .flatten()
            .map(String::as_str)
            .collect()
    }

    /// The claims (in order) whose words the document holds enough of
    /// for [`crate::topic::discussions`] to find it about them: a cheap
    /// bound, the exact test is left to the engine.
    fn topical_claims_in(&self, index: &SentenceIndex) -> Vec<usize> {
        let mut held: FxHashMap<usize, (f32, usize)> = FxHashMap::default();
        for word in self.topic_words_in(index) {
            for &(c, weight) in self.topic_claims.get(word).into_iter().flatten() {
                if weight > 0.0 {
                    let entry = held.entry(c).or_default();
                    entry.0 += weight;
                    entry.1 += 1;
                }
            }
        }
        let mut claims: Vec<usize> = held
            .into_iter()
            .filter(|(_, (weight, count))| {
                *count >= crate::topic::TOPIC_MIN_TERMS && *weight >= crate::topic::TOPIC_MIN_WEIGHT
            })
            .map(|(c, _)| c)
            .collect();
        claims.sort_unstable();
        claims
    }

    /// The source of a document.
    fn source(&self, document: Document) -> Result<Source, String> {
        let published = match &document.published {
            Some(raw) => Some(
                crate::load::parse_published(raw)
                    .ok_or_else(|| format!("cannot read `published: {raw}` as a date"))?,
            ),
            None => None,
        };
        let meta = SourceMeta {
            title: document.title,
            published,
            ..SourceMeta::default()
        };
        Ok(Source::new(document.source, document.text, meta))
    }

    /// Note the statistics of this `check` run, and whether the
    /// previous run had the same ([`Memo::replace`]).
    fn note_statistics(&mut self) {
        if let Some(memo) = &mut self.memo {
            let key = memo.key("last statistics", &crate::corpus::AnalysisKey([0; 32]), &[]);
            memo.replace = memo.store.load_result(&key).as_deref() == Some(&memo.stats[..]);
            if !memo.replace {
                memo.store.store_result(&key, &memo.stats);
            }
        }
    }

    /// The engine of one source.
    fn engine(&self, source: Source) -> Engine {
        Engine::with_analyzer_and(self.analyzer.clone(), vec![source], self.store)
    }

    /// The statistics of one document, kept by the [`ResultStore`] if
    /// there is one.
    fn stats(&self, document: Document) -> Result<CorpusStats, String> {
        let source = self.source(document)?;
        let Some(memo) = &self.memo else {
            return Ok(self.stats_of(source));
        };
        let analysis = crate::corpus::AnalysisKey::of(&source, &self.analyzer);
        let key = memo.key("stats", &analysis, &[]);
        if let Some(stats) = memo
            .store
            .load_result(&key)
            .and_then(|bytes| postcard::from_bytes::<CorpusStats>(&bytes).ok())
        {
            return Ok(stats);
        }
        let stats = self.stats_of(source);
        if let Ok(bytes) = postcard::to_allocvec(&stats) {
            memo.store.store_result(&key, &bytes);
        }
        Ok(stats)
    }

    /// The statistics of one source (the claim keys it holds).
    fn stats_of(&self, source: Source) -> CorpusStats {
        let engine = self.engine(source);
        let index = engine.index();
        let df = (0..index.key_count() as u32)
            .map(|id| index.key(id))
            .filter(|key| {
                self.claim_keys
                    .binary_search_by(|k| k.as_str().cmp(key))
                    .is_ok()
            })
            .map(|key| (key.to_string(), index.postings(key).len()))
            .collect();
        let topic_df = self
            .topic_words_in(index)
            .into_iter()
            .map(|word| (word.to_string(), 1))
            .collect();
        CorpusStats {
            r#type: "stats".to_string(),
            sentences: index.sentence_count(),
            df,
            sources: 1,
            topic_df,
        }
    }

    /// The records of one document as written (JSON Lines), kept by the
    /// [`ResultStore`] if there is one: a kept entry is the statistics'
    /// hash, then the bytes.
    fn check(&self, claims: &ClaimSet, document: Document) -> Result<Vec<u8>, String> {
        let source = self.source(document)?;
        let Some(memo) = &self.memo else {
            return Ok(lines(&self.records(claims, source)));
        };
        let analysis = crate::corpus::AnalysisKey::of(&source, &self.analyzer);
        let title = source.meta.title.as_deref();
        let key = memo.key(
            "records",
            &analysis,
            &[
                source.name.as_bytes(),
                &[u8::from(title.is_some())],
                title.unwrap_or_default().as_bytes(),
            ],
        );
        let found = memo.store.load_result(&key);
        if let Some(bytes) = found
            .as_deref()
            .and_then(|kept| kept.strip_prefix(&memo.stats[..]))
        {
            return Ok(bytes.to_vec());
        }
        let bytes = lines(&self.records(claims, source));
        if found.is_some() && !memo.replace {
            return Ok(bytes);
        }
        let mut kept = Vec::with_capacity(memo.stats.len() + bytes.len());
        kept.extend_from_slice(&memo.stats);
        kept.extend_from_slice(&bytes);
        memo.store.store_result(&key, &kept);
        Ok(bytes)
    }

    /// The records of one source.
    fn records(&self, claims: &ClaimSet, source: Source) -> Vec<Record> {
        let engine = self.engine(source);
        let corpus = engine.corpus();
        let source = &corpus.sources[0];
        let name = source.name.clone();
        let mut records = vec![Record::Source {
            source: name.clone(),
            published: source.meta.published.map(|d| d.to_iso()),
            title: source.meta.title.clone(),
            sentences: corpus.sentences.len(),
        }];
        let mut assessed = self.claims_in(engine.index());
        assessed.extend(self.topical_claims_in(engine.index()));
        assessed.sort_unstable();
        assessed.dedup();
        for c in assessed {
            let (claim, template) = (&claims.claims[c], &self.queries[c]);
            let mut query = template.clone();
            if self.stats.is_none() {
                for term in query.entities.iter_mut().chain(query.words.iter_mut()) {
                    term.weight = engine.index().weight(&term.key);
                }
            }
            let assessment = engine.assess_query_evidence(query);
            let (verdict, confidence) = assessment.verdicts[0];
            if verdict == Verdict::NotMentioned {
                continue;
            }
            let counted: Vec<_> = assessment.judged[0]
                .iter()
                .filter(|j| j.judgement.confidence >= MIN_CONFIDENCE)
                .collect();
            records.push(Record::Verdict {
                claim: claim.id.clone(),
                source: name.clone(),
                path: name.clone(),
                verdict,
                confidence: (confidence * 1000.0).round() / 1000.0,
                evidence: counted
                    .iter()
                    .take(MAX_EVIDENCE)
                    .map(|j| engine.evidence(j))
                    .collect(),
                refs: counted
                    .iter()
                    .map(|j| {
                        let sentence = &corpus.sentences[j.sentence];
                        let at = source.line_col(sentence.span.start);
                        Ref {
                            sentence: j.sentence,
                            stance: j.judgement.stance,
                            reason: j.judgement.reason,
                            detail: j.judgement.detail.clone(),
                            confidence: j.judgement.confidence,
                            line: at.line,
                            column: at.column,
                            text: one_line(corpus.sentence_text(sentence)),
                        }
                    })
                    .collect(),
            });
        }
        for (i, sentence) in corpus.sentences.iter().enumerate() {
            let dates: Vec<(i32, u8, u8)> = sentence
                .dates
                .iter()
                .filter_map(|d| Some((d.date.year?, d.date.month?, d.date.day?)))
                .collect();
            if dates.is_empty() {
                continue;
            }
            let before = corpus.previous(i);
            // The claim entities among the terms of both, in order.
            let named: BTreeSet<&String> = sentence
                .analysis
                .terms
                .iter()
                .chain(before.into_iter().flat_map(|b| &b.analysis.terms))
                .filter_map(|t| self.entity_keys.get(t.key.as_str()))
                .collect();
            let keys = named.into_iter().cloned().collect();
            let at = source.line_col(sentence.span.start);
            records.push(Record::Dated {
                source: name.clone(),
                sentence: i,
                line: at.line,
                column: at.column,
                text: one_line(corpus.sentence_text(sentence)),
                dates,
                keys,
            });
        }
        records
    }
}

/// Records as JSON Lines.
fn lines(records: &[Record]) -> Vec<u8> {
    let mut bytes = Vec::new();
    for record in records {
        // Records hold strings, numbers and lists only: this cannot fail.
        if serde_json::to_writer(&mut bytes, record).is_ok() {
            bytes.push(b'\n');
        }
    }
    bytes
}

/// Read documents from `input` (JSON Lines) in batches and hand each
/// batch, with its input line numbers, to `each` (in order). Lines that
/// are not documents are reported in the summary.
fn batches(
    input: impl BufRead,
    summary: &mut StreamSummary,
    mut each: impl FnMut(Vec<(usize, Document)>, &mut StreamSummary) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut batch: Vec<(usize, Document)> = Vec::new();
    let mut bytes = 0;
    for (n, line) in input.lines().enumerate() {
        let line = line.context("reading standard input")?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Document>(&line) {
            Ok(doc) => {
                bytes += doc.text.len();
                batch.push((n + 1, doc));
            }
            Err(e) => summary.problems.push(format!("line {}: {e}", n + 1)),
        }
        if batch.len() >= BATCH_DOCUMENTS || bytes >= BATCH_BYTES {
            each(std::mem::take(&mut batch), summary)?;
            bytes = 0;
        }
    }
    each(batch, summary)
}

/// Check every document of `input` (JSON Lines) against `claims` and
/// write the shard records to `out`, batch by batch, with weights from
/// `stats` when given (see the module documentation). Documents analysed
/// before are taken from `store` when it holds them, and their records
/// from `results` when it holds them for these claims and statistics.
pub fn check_stream(
    claims: &ClaimSet,
    stats: Option<CorpusStats>,
    input: impl BufRead,
    out: &mut dyn Write,
    store: Option<&dyn AnalysisStore>,
    results: Option<&dyn ResultStore>,
) -> anyhow::Result<StreamSummary> {
    if let Some(stats) = &stats {
        let checker = Checker::new(claims, None, None, None);
        if let Some(key) = checker
            .claim_keys()
            .into_iter()
            .find(|k| !stats.df.contains_key(*k))
        {
            anyhow::bail!(
                "the --stats files were written for other claims (no count for `{key}`): run `claimcheck stats` with the same --claims"
            );
        }
    }
    let mut checker = Checker::new(claims, stats, store, results);
    checker.note_statistics();
    let mut summary = StreamSummary::default();
    batches(input, &mut summary, |batch, summary| {
        let results: Vec<(usize, Result<Vec<u8>, String>)> = batch
            .into_par_iter()
            .map(|(line, doc)| (line, checker.check(claims, doc)))
            .collect();
        for (line, result) in results {
            match result {
                Ok(records) => {
                    summary.documents += 1;
                    out.write_all(&records)?;
                }
                Err(e) => summary.problems.push(format!("line {line}: {e}")),
            }
        }
        Ok(())
    })?;
    Ok(summary)
}

/// The statistics of every document of `input` (JSON Lines), summed:
/// what `check --stats` needs for exact weights. Documents analysed
/// before are taken from `store` when it holds them, and their
/// statistics from `results` when it holds them for these claims.
pub fn stats_stream(
    claims: &ClaimSet,
    input: impl BufRead,
    store: Option<&dyn AnalysisStore>,
    results: Option<&dyn ResultStore>,
) -> anyhow::Result<(CorpusStats, StreamSummary)> {
    let checker = Checker::new(claims, None, store, results);
    let mut summary = StreamSummary::default();
    let mut total = CorpusStats {
        r#type: "stats".to_string(),
        ..CorpusStats::default()
    };
    batches(input, &mut summary, |batch, summary| {
        let results: Vec<(usize, Result<CorpusStats, String>)> = batch
            .into_par_iter()
            .map(|(line, doc)| (line, checker.stats(doc)))
            .collect();
        for (line, result) in results {
            match result {
                Ok(stats) => {
                    summary.documents += 1;
                    total.add(&stats);
                }
                Err(e) => summary.problems.push(format!("line {line}: {e}")),
            }
        }
        Ok(())
    })?;
    // Every claim key is counted, zero included: `check --stats` tells
    // statistics of other claims by a key without a count.
    for key in checker.claim_keys() {
        total.df.entry(key.to_string()).or_insert(0);
    }
    Ok((total, summary))
}
