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
//! **Re-runs.** A document's statistics are a function of its input
//! line (name, text, published date, title), the claims and this build;
//! its records, of those and the corpus statistics (`--stats`). A
//! [`ResultStore`] (the on-disk cache) keeps both for *groups* of
//! consecutive documents ([`Grouping`]: content-defined, 64 on average),
//! under a BLAKE3 hash of the group's raw lines, the claims and the
//! build ([`RESULTS_VERSION`]): a re-run hashes every line (in the
//! worker threads), reads one entry per group and parses nothing; a
//! group holding a changed, inserted or removed document is computed
//! again (from the documents' kept analyses), the others are not
//! shifted. Records are kept as the bytes written, after a hash of the
//! statistics they were computed with, so a re-run writes exactly what
//! a first run wrote. Records kept for other statistics are replaced
//! only once a run repeats the previous run's statistics ([`Memo`]):
//! after an edit that changes the statistics they are recomputed but not
//! rewritten, and kept again for reverting (or for a `check` that pins
//! the old `--stats` file).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, Write};
use std::sync::Arc;

use anyhow::Context as _;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
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
    "+results.2.",
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
    /// they will likely change again, and rewriting every group's
    /// records would cost more than computing them; once a run repeats
    /// the statistics, they are kept for the next one.
    replace: bool,
}

impl Memo<'_> {
    /// The key of a result of kind `kind` for the group of input lines
    /// whose hashes are `lines` (in order).
    fn key(&self, kind: &str, lines: &[[u8; 32]]) -> [u8; 32] {
        let mut hasher = blake3::Hasher::new();
        hasher.update(b"claimcheck ");
        hasher.update(kind.as_bytes());
        hasher.update(b"\0");
        hasher.update(RESULTS_VERSION.as_bytes());
        hasher.update(b"\0");
        hasher.update(&self.claims);
        hasher.update(&(lines.len() as u64).to_le_bytes());
        for line in lines {
            hasher.update(line);
        }
        *hasher.finalize().as_bytes()
    }
}

/// A hash of what `value` prints as with `{:?}` (every field, in a fixed
/// order, within one build: [`RESULTS_VERSION`] is part of every key).
fn fingerprint(value: &impl std::fmt::Debug) -> [u8; 32] {
    *blake3::hash(format!("{value:?}").as_bytes()).as_bytes()
}

/// Documents read before they are checked together (in parallel);
/// with [`BATCH_BYTES`], caps the text held in memory.
pub const BATCH_DOCUMENTS: usize = 1024;
/// Text bytes read before a batch is checked, whatever its length.
pub const BATCH_BYTES: usize = 16 * 1024 * 1024;

/// How documents are grouped for the [`ResultStore`]: the results of a
/// group of consecutive documents are kept together, under a hash of
/// the group's lines, so that a re-run reads one entry per group rather
/// than one per document. Groups are *content-defined*: a group ends
/// after a line whose hash is a multiple of `documents` (or once it
/// holds `max_documents` lines or `max_bytes` bytes), so an edited,
/// inserted or removed document changes its own group (and at most the
/// next one), never shifts the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grouping {
    /// Documents a group holds on average.
    pub documents: u32,
    /// Most documents in a group.
    pub max_documents: usize,
    /// Most text bytes in a group (a longer document is a group alone).
    pub max_bytes: usize,
}

impl Grouping {
    /// Groups of 64 documents on average: at 1 GB, about 2,600 entries
    /// per pass, and an edit recomputes some 64 documents (from their
    /// kept analyses, ~30 ms).
    pub const DEFAULT: Grouping = Grouping {
        documents: 64,
        max_documents: 1024,
        max_bytes: 8 * 1024 * 1024,
    };

    /// Whether a group ends after the line hashed `hash`.
    fn ends_after(&self, hash: &[u8; 32]) -> bool {
        let value = u32::from_le_bytes([hash[0], hash[1], hash[2], hash[3]]);
        value.is_multiple_of(self.documents.max(1))
    }
}

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
    /// Where each claim's entities start in a flat list of all claims'
    /// entities (one more: the total), for [`Checker::claims_in`].
    pair_base: Vec<usize>,
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
        let pair_base = std::iter::once(0)
            .chain(queries.iter().scan(0, |total, q| {
                *total += q.entities.len();
                Some(*total)
            }))
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
            pair_base,
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
        // Dense marks rather than a hash set of (claim, entity) pairs:
        // at 10,000 claims a document places thousands of pairs, and
        // growing a set per document was a tenth of `check`.
        let mut placed = vec![false; self.pair_base[self.queries.len()]];
        let mut count = vec![0u32; self.queries.len()];
        let mut place = |c: usize, e: usize| {
            let mark = &mut placed[self.pair_base[c] + e];
            if !*mark {
                *mark = true;
                count[c] += 1;
            }
        };
        for id in 0..index.key_count() {
            if let Some(pairs) = self.probes.get(last_word(index.key(id as u32))) {
                for &(c, e) in pairs {
                    place(c, e);
                }
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
                    place(c, 0);
                }
            }
        }
        (0..self.queries.len())
            .filter(|&c| count[c] as usize >= self.needs[c])
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
        // A dense (weight, count) per claim rather than a hash map: the
        // sums are the same (each claim's weights are added in the same
        // order), without hashing and growing a map per document.
        let mut held = vec![(0.0f32, 0u32); self.queries.len()];
        for word in self.topic_words_in(index) {
            for &(c, weight) in self.topic_claims.get(word).into_iter().flatten() {
                if weight > 0.0 {
                    let entry = &mut held[c];
                    entry.0 += weight;
                    entry.1 += 1;
                }
            }
        }
        held.iter()
            .enumerate()
            .filter(|(_, (weight, count))| {
                *count as usize >= crate::topic::TOPIC_MIN_TERMS
                    && *weight >= crate::topic::TOPIC_MIN_WEIGHT
            })
            .map(|(c, _)| c)
            .collect()
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
            let key = memo.key("last statistics", &[]);
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

    /// The statistics of one input line.
    fn stats(&self, line: &str) -> Result<CorpusStats, String> {
        Ok(self.stats_of(self.source(parse(line)?)?))
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

    /// The records of one input line, as written (JSON Lines).
    fn check(&self, claims: &ClaimSet, line: &str) -> Result<Vec<u8>, String> {
        Ok(lines(&self.records(claims, self.source(parse(line)?)?)))
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

/// A document of an input line (`Err`: why it is not one).
fn parse(line: &str) -> Result<Document, String> {
    serde_json::from_str::<Document>(line).map_err(|e| e.to_string())
}

/// A line of the input that is not blank.
struct Line {
    /// 1-based line number.
    number: usize,
    /// The line, without its end.
    text: String,
}

/// Read the lines of `input` that are not blank, in batches (at most
/// [`BATCH_DOCUMENTS`] lines, or [`BATCH_BYTES`] and one line more),
/// handing each batch to `each` with whether it is the last. The next
/// batch is read (on another thread) while `each` works on this one.
fn read_batches(
    input: impl BufRead + Send,
    mut each: impl FnMut(Vec<Line>, bool) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    std::thread::scope(|scope| {
        let (send, batches) = std::sync::mpsc::sync_channel(1);
        scope.spawn(move || {
            let read = read_lines(input, |batch, last| {
                // Fails only when the receiver stopped: nothing to do.
                send.send(Ok((batch, last)))
                    .map_err(|_| anyhow::anyhow!("stopped"))
            });
            if let Err(e) = read {
                let _ = send.send(Err(e));
            }
        });
        for batch in batches {
            let (batch, last) = batch?;
            each(batch, last)?;
        }
        Ok(())
    })
}

/// [`read_batches`] on this thread.
fn read_lines(
    mut input: impl BufRead,
    mut each: impl FnMut(Vec<Line>, bool) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut batch: Vec<Line> = Vec::new();
    let mut bytes = 0;
    let mut number = 0;
    let mut raw = Vec::new();
    loop {
        raw.clear();
        if input
            .read_until(b'\n', &mut raw)
            .context("reading standard input")?
            == 0
        {
            break;
        }
        number += 1;
        if raw.last() == Some(&b'\n') {
            raw.pop();
            if raw.last() == Some(&b'\r') {
                raw.pop();
            }
        }
        let text = std::str::from_utf8(&raw)
            .context("reading standard input")
            .context("stream did not contain valid UTF-8")?;
        if text.trim().is_empty() {
            continue;
        }
        bytes += text.len();
        batch.push(Line {
            number,
            text: text.to_string(),
        });
        if batch.len() >= BATCH_DOCUMENTS || bytes >= BATCH_BYTES {
            each(std::mem::take(&mut batch), false)?;
            bytes = 0;
        }
    }
    each(batch, true)
}

/// What one pass computes for a document, and for a group of them.
trait Outcome: Default + Serialize + serde::de::DeserializeOwned + Send {
    /// Add the outcome of the next document.
    fn push(&mut self, next: Self);
}

impl Outcome for CorpusStats {
    fn push(&mut self, next: Self) {
        self.add(&next);
    }
}

impl Outcome for Vec<u8> {
    fn push(&mut self, next: Self) {
        self.extend_from_slice(&next);
    }
}

/// The outcome of a group of lines: its documents' outcomes together,
/// and the lines that are not documents (their place in the group, and
/// why). What a [`ResultStore`] keeps for a group.
#[derive(Default, Serialize, Deserialize)]
struct Pack<T> {
    outcome: T,
    problems: Vec<(u32, String)>,
}

/// One pass over the stream: the outcome of every line, computed by
/// `compute` unless a [`Memo`] keeps it, handed to `emit` in order, a
/// group of lines at a time (`kind` names the pass in keys). Kept
/// outcomes of records start with the statistics' hash (`prefixed`).
struct Pass<'a, 's, T> {
    memo: Option<&'a Memo<'s>>,
    kind: &'static str,
    prefixed: bool,
    grouping: Grouping,
    compute: &'a (dyn Fn(&str) -> Result<T, String> + Sync),
}

impl<T: Outcome> Pass<'_, '_, T> {
    /// Read `input` and hand every group's outcome to `emit`, counting
    /// documents and problems in `summary`.
    fn run(
        &self,
        input: impl BufRead + Send,
        summary: &mut StreamSummary,
        mut emit: impl FnMut(T) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let mut pending: Vec<(Line, [u8; 32])> = Vec::new();
        read_batches(input, |batch, last| {
            let hashed: Vec<(Line, [u8; 32])> = match self.memo {
                Some(_) => batch
                    .into_par_iter()
                    .map(|line| {
                        let hash = *blake3::hash(line.text.as_bytes()).as_bytes();
                        (line, hash)
                    })
                    .collect(),
                None => batch.into_iter().map(|line| (line, [0; 32])).collect(),
            };
            pending.extend(hashed);
            let groups = self.cut(&mut pending, last);
            for (group, pack) in groups.iter().zip(self.outcomes(&groups)) {
                summary.documents += group.len() - pack.problems.len();
                for (at, problem) in pack.problems {
                    let number = group[at as usize].0.number;
                    summary.problems.push(format!("line {number}: {problem}"));
                }
                emit(pack.outcome)?;
            }
            Ok(())
        })
    }

    /// Take the groups that are complete (all of them if `last`) out of
    /// `pending`; without a memo, every line is a group of its own.
    fn cut(&self, pending: &mut Vec<(Line, [u8; 32])>, last: bool) -> Vec<Vec<(Line, [u8; 32])>> {
        let mut groups = Vec::new();
        let mut group = Vec::new();
        let mut bytes = 0;
        for (line, hash) in pending.drain(..) {
            bytes += line.text.len();
            let ends = self.memo.is_none()
                || self.grouping.ends_after(&hash)
                || group.len() + 1 >= self.grouping.max_documents
                || bytes >= self.grouping.max_bytes;
            group.push((line, hash));
            if ends {
                groups.push(std::mem::take(&mut group));
                bytes = 0;
            }
        }
        if last && !group.is_empty() {
            groups.push(group);
        } else {
            *pending = group;
        }
        groups
    }

    /// The outcome of each group, kept or computed (in parallel).
    fn outcomes(&self, groups: &[Vec<(Line, [u8; 32])>]) -> Vec<Pack<T>> {
        let found: Vec<Found<T>> = groups.par_iter().map(|g| self.find(g)).collect();
        // Every line of a group not found, computed in parallel.
        let todo: Vec<(usize, usize)> = found
            .iter()
            .enumerate()
            .filter(|(_, f)| !matches!(f, Found::Kept(_)))
            .flat_map(|(g, _)| (0..groups[g].len()).map(move |i| (g, i)))
            .collect();
        let mut computed: Vec<Result<T, String>> = todo
            .par_iter()
            .map(|&(g, i)| (self.compute)(&groups[g][i].0.text))
            .collect::<Vec<_>>();
        computed.reverse();
        found
            .into_iter()
            .zip(groups)
            .map(|(found, group)| {
                let replaced = match found {
                    Found::Kept(pack) => return pack,
                    Found::Other => true,
                    Found::Nothing => false,
                };
                let mut pack: Pack<T> = Pack::default();
                for at in 0..group.len() {
                    match computed.pop() {
                        Some(Ok(outcome)) => pack.outcome.push(outcome),
                        Some(Err(problem)) => pack.problems.push((at as u32, problem)),
                        None => {}
                    }
                }
                if !replaced || self.memo.is_some_and(|m| m.replace) {
                    self.keep(group, &pack);
                }
                pack
            })
            .collect()
    }

    /// The key of a group.
    fn key(&self, memo: &Memo, group: &[(Line, [u8; 32])]) -> [u8; 32] {
        let hashes: Vec<[u8; 32]> = group.iter().map(|(_, hash)| *hash).collect();
        memo.key(self.kind, &hashes)
    }

    /// The outcome kept for a group, if any.
    fn find(&self, group: &[(Line, [u8; 32])]) -> Found<T> {
        let Some(memo) = self.memo else {
            return Found::Nothing;
        };
        let Some(bytes) = memo.store.load_result(&self.key(memo, group)) else {
            return Found::Nothing;
        };
        let payload = match self.prefixed {
            true => match bytes.strip_prefix(&memo.stats[..]) {
                Some(payload) => payload,
                None => return Found::Other,
            },
            false => &bytes[..],
        };
        match postcard::from_bytes::<Pack<T>>(payload) {
            Ok(pack)
                if pack
                    .problems
                    .iter()
                    .all(|(at, _)| (*at as usize) < group.len()) =>
            {
                Found::Kept(pack)
            }
            _ => Found::Nothing,
        }
    }

    /// Keep the outcome of a group.
    fn keep(&self, group: &[(Line, [u8; 32])], pack: &Pack<T>) {
        let Some(memo) = self.memo else {
            return;
        };
        let mut bytes = Vec::new();
        if self.prefixed {
            bytes.extend_from_slice(&memo.stats);
        }
        if let Ok(bytes) = postcard::to_extend(pack, bytes) {
            memo.store.store_result(&self.key(memo, group), &bytes);
        }
    }
}

/// What a [`ResultStore`] holds for a group.
enum Found<T> {
    /// Its outcome, for these statistics.
    Kept(Pack<T>),
    /// Its records for other statistics.
    Other,
    /// Nothing usable.
    Nothing,
}

/// Check every document of `input` (JSON Lines) against `claims` and
/// write the shard records to `out`, batch by batch, with weights from
/// `stats` when given (see the module documentation). Documents analysed
/// before are taken from `store` when it holds them, and their records
/// from `results` when it holds them for these claims and statistics.
pub fn check_stream(
    claims: &ClaimSet,
    stats: Option<CorpusStats>,
    input: impl BufRead + Send,
    out: &mut dyn Write,
    store: Option<&dyn AnalysisStore>,
    results: Option<&dyn ResultStore>,
) -> anyhow::Result<StreamSummary> {
    check_stream_with(claims, stats, input, out, store, results, Grouping::DEFAULT)
}

/// [`check_stream`] with results kept in groups of `grouping`.
pub fn check_stream_with(
    claims: &ClaimSet,
    stats: Option<CorpusStats>,
    input: impl BufRead + Send,
    out: &mut dyn Write,
    store: Option<&dyn AnalysisStore>,
    results: Option<&dyn ResultStore>,
    grouping: Grouping,
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
    let pass = Pass {
        memo: checker.memo.as_ref(),
        kind: "records",
        prefixed: true,
        grouping,
        compute: &|line: &str| checker.check(claims, line),
    };
    pass.run(input, &mut summary, |records: Vec<u8>| {
        out.write_all(&records)?;
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
    input: impl BufRead + Send,
    store: Option<&dyn AnalysisStore>,
    results: Option<&dyn ResultStore>,
) -> anyhow::Result<(CorpusStats, StreamSummary)> {
    stats_stream_with(claims, input, store, results, Grouping::DEFAULT)
}

/// [`stats_stream`] with results kept in groups of `grouping`.
pub fn stats_stream_with(
    claims: &ClaimSet,
    input: impl BufRead + Send,
    store: Option<&dyn AnalysisStore>,
    results: Option<&dyn ResultStore>,
    grouping: Grouping,
) -> anyhow::Result<(CorpusStats, StreamSummary)> {
    let checker = Checker::new(claims, None, store, results);
    let mut summary = StreamSummary::default();
    let mut total = CorpusStats {
        r#type: "stats".to_string(),
        ..CorpusStats::default()
    };
    let pass = Pass {
        memo: checker.memo.as_ref(),
        kind: "stats",
        prefixed: false,
        grouping,
        compute: &|line: &str| checker.stats(line),
    };
    pass.run(input, &mut summary, |stats: CorpusStats| {
        total.add(&stats);
        Ok(())
    })?;
    // Every claim key is counted, zero included: `check --stats` tells
    // statistics of other claims by a key without a count.
    for key in checker.claim_keys() {
        total.df.entry(key.to_string()).or_insert(0);
    }
    Ok((total, summary))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{AnalysisKey, Sentence};
    use crate::synth::{Generator, SynthOptions};
    use rustc_hash::FxHashSet;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Results in memory, counting what is written.
    #[derive(Default)]
    struct Memory {
        kept: Mutex<FxHashMap<[u8; 32], Vec<u8>>>,
        written: AtomicUsize,
    }

    impl ResultStore for Memory {
        fn load_result(&self, key: &[u8; 32]) -> Option<Vec<u8>> {
            self.kept.lock().unwrap().get(key).cloned()
        }
        fn store_result(&self, key: &[u8; 32], bytes: &[u8]) {
            self.written.fetch_add(1, Ordering::Relaxed);
            self.kept.lock().unwrap().insert(*key, bytes.to_vec());
        }
    }

    /// An analysis store that keeps nothing and counts the documents
    /// analysed.
    #[derive(Default)]
    struct Analysed(AtomicUsize);

    impl AnalysisStore for Analysed {
        fn load(&self, _: &AnalysisKey) -> Option<Vec<Sentence>> {
            self.0.fetch_add(1, Ordering::Relaxed);
            None
        }
        fn store(&self, _: &AnalysisKey, _: &[Sentence]) {}
    }

    const SMALL: Grouping = Grouping {
        documents: 4,
        max_documents: 12,
        max_bytes: 1 << 20,
    };

    fn corpus() -> (ClaimSet, Vec<String>) {
        let seeds = crate::synth::read_seed_texts(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/seeds"
        )))
        .unwrap();
        let generator = Generator::new(
            &seeds,
            SynthOptions {
                mb: 0.2,
                claims: 30,
                seed: 5,
            },
        );
        let claims = crate::claims::parse_claims(&generator.claims_yaml, "c.yaml").unwrap();
        let lines = generator
            .map(|a| {
                serde_json::json!({"source": a.name, "text": a.text, "published": a.published})
                    .to_string()
            })
            .collect();
        (claims, lines)
    }

    /// The dense prefilters pick the same claims as the hash-map
    /// versions they replaced (placed pairs in a set, weights summed per
    /// claim in a map, in the same order).
    #[test]
    fn prefilters_match_their_hash_map_versions() {
        let (claims, lines) = corpus();
        let (stats, _, _, _) = run(&claims, &lines.join("\n"), None, None);
        let checker = Checker::new(&claims, Some(stats), None, None);
        let mut seen = 0;
        for line in &lines {
            let engine = checker.engine(checker.source(parse(line).unwrap()).unwrap());
            let index = engine.index();
            let mut placed: FxHashSet<(usize, usize)> = FxHashSet::default();
            for id in 0..index.key_count() {
                if let Some(pairs) = checker.probes.get(last_word(index.key(id as u32))) {
                    placed.extend(pairs.iter().copied());
                }
            }
            if !index.openers().is_empty() {
                for (c, query) in checker.queries.iter().enumerate() {
                    if query
                        .entities
                        .first()
                        .is_some_and(|e| crate::matcher::is_subject(query, e))
                    {
                        placed.insert((c, 0));
                    }
                }
            }
            let mut count = vec![0usize; checker.queries.len()];
            for (c, _) in placed {
                count[c] += 1;
            }
            let expected: Vec<usize> = (0..checker.queries.len())
                .filter(|&c| count[c] >= checker.needs[c])
                .filter(|&c| {
                    crate::matcher::may_have_evidence(&checker.queries[c], index, &checker.analyzer)
                })
                .collect();
            assert_eq!(checker.claims_in(index), expected);
            let mut held: FxHashMap<usize, (f32, usize)> = FxHashMap::default();
            for word in checker.topic_words_in(index) {
                for &(c, weight) in checker.topic_claims.get(word).into_iter().flatten() {
                    if weight > 0.0 {
                        let entry = held.entry(c).or_default();
                        entry.0 += weight;
                        entry.1 += 1;
                    }
                }
            }
            let mut topical: Vec<usize> = held
                .into_iter()
                .filter(|(_, (w, n))| {
                    *n >= crate::topic::TOPIC_MIN_TERMS && *w >= crate::topic::TOPIC_MIN_WEIGHT
                })
                .map(|(c, _)| c)
                .collect();
            topical.sort_unstable();
            seen += expected.len() + topical.len();
            assert_eq!(checker.topical_claims_in(index), topical);
        }
        assert!(seen > 0, "the corpus should place some claims");
    }

    /// Statistics, records and problems of one run, and how many
    /// documents were analysed.
    fn run(
        claims: &ClaimSet,
        input: &str,
        stats: Option<&CorpusStats>,
        memory: Option<&Memory>,
    ) -> (CorpusStats, Vec<u8>, Vec<String>, usize) {
        let analysed = Analysed::default();
        let results = memory.map(|m| m as &dyn ResultStore);
        let (total, summary) =
            stats_stream_with(claims, input.as_bytes(), Some(&analysed), results, SMALL).unwrap();
        let mut out = Vec::new();
        let stats = stats.cloned().unwrap_or_else(|| total.clone());
        let checked = check_stream_with(
            claims,
            Some(stats),
            input.as_bytes(),
            &mut out,
            Some(&analysed),
            results,
            SMALL,
        )
        .unwrap();
        assert_eq!(summary, checked);
        (total, out, checked.problems, analysed.0.into_inner())
    }

    #[test]
    fn groups_are_reused_and_an_edit_recomputes_only_its_own() {
        let (claims, lines) = corpus();
        assert!(lines.len() > 30, "{}", lines.len());
        let mut input: String = lines.iter().map(|l| format!("{l}\n")).collect();
        // a line that is no document, and a blank one
        input.insert_str(0, "\n{\"source\": \"broken\"}\n");
        let memory = Memory::default();
        let off = run(&claims, &input, None, None);
        assert!(off.1.len() > 1000 && off.2.len() == 1, "{:?}", off.2);
        assert_eq!(off.3, 2 * lines.len(), "analysed twice without results");
        let cold = run(&claims, &input, None, Some(&memory));
        assert_eq!((&cold.0, &cold.1, &cold.2), (&off.0, &off.1, &off.2));
        let packs = memory.written.load(Ordering::Relaxed);
        assert!(
            packs > 6 && packs < lines.len(),
            "{packs} groups of {}",
            lines.len()
        );
        let warm = run(&claims, &input, None, Some(&memory));
        assert_eq!(
            (&warm.0, &warm.1, &warm.2, warm.3),
            (&off.0, &off.1, &off.2, 0)
        );
        assert_eq!(
            memory.written.load(Ordering::Relaxed),
            packs,
            "nothing rewritten"
        );

        // Lines moved by a blank line: the same groups, other numbers.
        let moved = format!("\n{input}");
        let shifted = run(&claims, &moved, None, Some(&memory));
        assert_eq!((&shifted.1, shifted.3), (&off.1, 0));
        assert_eq!(shifted.2, vec![off.2[0].replace("line 2", "line 3")]);

        // One document edited in place (same statistics): its group is
        // recomputed, the others are read.
        let middle = lines.len() / 2;
        let edited_line = lines[middle].replacen(" the ", " this ", 1);
        assert_ne!(edited_line, lines[middle]);
        let edited = input.replacen(&lines[middle], &edited_line, 1);
        let fresh = run(&claims, &edited, None, None);
        let again = run(&claims, &edited, None, Some(&memory));
        assert_eq!(
            (&again.0, &again.1, &again.2),
            (&fresh.0, &fresh.1, &fresh.2)
        );
        assert!(
            again.3 > 0 && again.3 <= 2 * 2 * SMALL.max_documents,
            "{} documents analysed",
            again.3
        );
        // One inserted: the same.
        let inserted = input.replacen(
            &lines[middle],
            &format!(
                "{}\n{}",
                lines[3].replace(".txt\"", "-copy.txt\""),
                lines[middle]
            ),
            1,
        );
        let fresh = run(&claims, &inserted, None, None);
        let again = run(&claims, &inserted, None, Some(&memory));
        assert_eq!(
            (&again.0, &again.1, &again.2),
            (&fresh.0, &fresh.1, &fresh.2)
        );
        assert!(again.3 <= 2 * 2 * SMALL.max_documents, "{}", again.3);

        // Statistics pinned to the first run's: every other group's
        // records are read.
        let mut doc: serde_json::Value = serde_json::from_str(&lines[middle]).unwrap();
        doc["text"] = format!(
            "{}\nA late correction was added on Tuesday.\n",
            doc["text"].as_str().unwrap()
        )
        .into();
        let appended = input.replacen(&lines[middle], &doc.to_string(), 1);
        let fresh = run(&claims, &appended, Some(&off.0), None);
        let pinned = run(&claims, &appended, Some(&off.0), Some(&memory));
        assert_eq!((&pinned.1, &pinned.2), (&fresh.1, &fresh.2));
        assert!(pinned.3 <= 2 * 2 * SMALL.max_documents, "{}", pinned.3);

        // An entry that does not decode is recomputed and rewritten.
        for bytes in memory.kept.lock().unwrap().values_mut() {
            bytes.truncate(bytes.len() / 2);
        }
        let damaged = run(&claims, &input, None, Some(&memory));
        assert_eq!(
            (&damaged.0, &damaged.1, &damaged.2),
            (&off.0, &off.1, &off.2)
        );
        let warm = run(&claims, &input, None, Some(&memory));
        assert_eq!((&warm.1, warm.3), (&off.1, 0));
    }

    #[test]
    fn groups_are_cut_by_content_and_size() {
        let grouping = Grouping {
            documents: 3,
            max_documents: 5,
            max_bytes: 100,
        };
        let memory = Memory::default();
        let memo = Memo {
            store: &memory,
            claims: [0; 32],
            stats: [0; 32],
            replace: false,
        };
        let compute = |_: &str| Ok(Vec::new());
        let pass = Pass {
            memo: Some(&memo),
            kind: "records",
            prefixed: true,
            grouping,
            compute: &compute,
        };
        let lines: Vec<(Line, [u8; 32])> = (0..200)
            .map(|i| {
                let text = if i == 50 {
                    "x".repeat(300)
                } else {
                    format!("line {i}")
                };
                let hash = *blake3::hash(text.as_bytes()).as_bytes();
                (
                    Line {
                        number: i + 1,
                        text,
                    },
                    hash,
                )
            })
            .collect();
        let mut pending = lines;
        let groups = pass.cut(&mut pending, false);
        let sizes: Vec<usize> = groups.iter().map(Vec::len).collect();
        assert!(sizes.iter().all(|&n| n <= 5), "{sizes:?}");
        assert!(groups.len() > 200 / 5 && groups.len() < 200, "{sizes:?}");
        for group in &groups {
            let (last, hash) = group.last().unwrap();
            let bytes: usize = group.iter().map(|(l, _)| l.text.len()).sum();
            assert!(
                grouping.ends_after(hash) || group.len() == 5 || bytes >= 100,
                "{}",
                last.number
            );
        }
        assert!(
            !pending.is_empty() || grouping.ends_after(&groups.last().unwrap().last().unwrap().1)
        );
        let all: Vec<usize> = groups
            .iter()
            .flatten()
            .chain(&pending)
            .map(|(l, _)| l.number)
            .collect();
        assert_eq!(
            all,
            (1..=200).collect::<Vec<_>>(),
            "every line once, in order"
        );
    }
}
