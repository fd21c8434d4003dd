//! The inverted index from term keys to the sentences that hold them, so
//! that a claim is compared only with sentences sharing its words, never
//! with the whole corpus.
//!
//! Keys are interned: each distinct key is stored once and numbered
//! ([`KeyId`]); the postings are indexed by that number.

use rustc_hash::FxHashMap;

use crate::corpus::Corpus;

/// The number of an interned term key.
pub type KeyId = u32;

/// Term key → ids of the sentences holding it, with document frequencies
/// for IDF weights.
#[derive(Debug, Default)]
pub struct SentenceIndex {
    ids: FxHashMap<Box<str>, KeyId>,
    keys: Vec<Box<str>>,
    postings: Vec<Vec<u32>>,
    /// Topic key ([`crate::topic::sentence_topic_keys`]) → its number in
    /// `topic_sources`.
    topic_ids: FxHashMap<Box<str>, u32>,
    /// For each topic key, the ids of the sources holding it, ascending.
    topic_sources: Vec<Vec<u32>>,
    /// For every key of several words, each of its word suffixes ("li
    /// qiang", "qiang" for "@premier li qiang") → the keys ending so.
    suffixes: FxHashMap<Box<str>, Vec<KeyId>>,
    sentence_count: usize,
    source_count: usize,
    /// Sentences that open a snippet with a pronoun
    /// ([`Corpus::opens_snippet`]), ascending.
    openers: Vec<u32>,
}

impl SentenceIndex {
    /// Index every sentence of the corpus by its term keys.
    pub fn build(corpus: &Corpus) -> Self {
        let mut index = SentenceIndex {
            sentence_count: corpus.sentences.len(),
            source_count: corpus.sources.len(),
            ..SentenceIndex::default()
        };
        // The topic key of a word whose stem is its term key (most
        // words), by the key's number: one hash lookup per such word.
        let mut topic_of_key: Vec<u32> = Vec::new();
        for (id, sentence) in corpus.sentences.iter().enumerate() {
            let id = u32::try_from(id).unwrap_or(u32::MAX);
            // sentences come source by source
            let source = u32::try_from(sentence.source).unwrap_or(u32::MAX);
            let analysis = &sentence.analysis;
            for term in &analysis.terms {
                let key = index.intern(&term.key);
                let list = &mut index.postings[key as usize];
                // terms repeat within a sentence; keep one posting
                if list.last() != Some(&id) {
                    list.push(id);
                }
                // The topic keys of this term, as
                // `topic::sentence_topic_keys` gives them.
                if term.is_entity() {
                    for key in crate::topic::term_topic_keys(analysis, term) {
                        let topic = index.topic_id(key);
                        index.add_topic_source(topic, source);
                    }
                } else if term.stem_is_key() {
                    let key = key as usize;
                    if topic_of_key.len() <= key {
                        topic_of_key.resize(key + 1, u32::MAX);
                    }
                    if topic_of_key[key] == u32::MAX {
                        topic_of_key[key] = index.topic_id(term.stem());
                    }
                    index.add_topic_source(topic_of_key[key], source);
                } else {
                    let topic = index.topic_id(term.stem());
                    index.add_topic_source(topic, source);
                }
            }
        }
        for range in &corpus.source_sentences {
            if corpus.opens_snippet(range.start) {
                index
                    .openers
                    .push(u32::try_from(range.start).unwrap_or(u32::MAX));
            }
        }
        for (id, key) in index.keys.iter().enumerate() {
            for (at, _) in key.match_indices(' ') {
                index
                    .suffixes
                    .entry(key[at + 1..].into())
                    .or_default()
                    .push(id as KeyId);
            }
        }
        index
    }

    /// The number of topic key `key`, numbered on first sight.
    fn topic_id(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.topic_ids.get(key) {
            return id;
        }
        let id = self.topic_sources.len() as u32;
        self.topic_ids.insert(key.into(), id);
        self.topic_sources.push(Vec::new());
        id
    }

    /// Record that source `source` holds topic key number `topic`
    /// (sources come in ascending order).
    fn add_topic_source(&mut self, topic: u32, source: u32) {
        let list = &mut self.topic_sources[topic as usize];
        if list.last() != Some(&source) {
            list.push(source);
        }
    }

    fn intern(&mut self, key: &str) -> KeyId {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.keys.len() as KeyId;
        self.ids.insert(key.into(), id);
        self.keys.push(key.into());
        self.postings.push(Vec::new());
        id
    }

    /// The number of `key`, when some sentence holds it.
    pub fn key_id(&self, key: &str) -> Option<KeyId> {
        self.ids.get(key).copied()
    }

    /// The key numbered `id`.
    pub fn key(&self, id: KeyId) -> &str {
        &self.keys[id as usize]
    }

    /// How many distinct keys the corpus has.
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// Sentences that hold `key`, in corpus order.
    pub fn postings(&self, key: &str) -> &[u32] {
        self.key_id(key).map_or(&[], |id| self.postings_of(id))
    }

    /// Sentences that hold the key numbered `id`, in corpus order.
    pub fn postings_of(&self, id: KeyId) -> &[u32] {
        &self.postings[id as usize]
    }

    /// Keys of several words whose last words are `suffix` ("@premier li
    /// qiang" for "li qiang").
    pub fn keys_ending_with(&self, suffix: &str) -> &[KeyId] {
        self.suffixes.get(suffix).map_or(&[], Vec::as_slice)
    }

    /// Weight of `key` in [0.5, 1]: BM25's inverse document frequency over
    /// sentences, scaled by its largest possible value so that weights
    /// stay comparable between a one-sentence corpus and an archive.
    /// Unknown terms get the full weight: a claim word that no sentence
    /// uses is the most telling.
    pub fn weight(&self, key: &str) -> f32 {
        idf_weight(self.sentence_count, self.postings(key).len())
    }

    /// Ids of the sources holding the topic key `key`, ascending.
    pub fn topic_sources(&self, key: &str) -> &[u32] {
        self.topic_ids
            .get(key)
            .map_or(&[], |&id| self.topic_sources[id as usize].as_slice())
    }

    /// First sentences of snippets that open with a personal pronoun, in
    /// corpus order: an unnamed someone the claim's subject may be.
    pub fn openers(&self) -> &[u32] {
        &self.openers
    }

    /// Every topic key some source holds.
    pub fn topic_keys(&self) -> impl Iterator<Item = &str> {
        self.topic_ids.keys().map(|k| &**k)
    }

    /// How many sources the corpus has.
    pub fn source_count(&self) -> usize {
        self.source_count
    }

    /// How many sentences the corpus has.
    pub fn sentence_count(&self) -> usize {
        self.sentence_count
    }
}

/// [`SentenceIndex::weight`] of a key held by `df` of `sentences`
/// sentences (also for statistics gathered across shards).
pub fn idf_weight(sentences: usize, df: usize) -> f32 {
    let n = sentences as f32;
    let df = df as f32;
    let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
    let max = (1.0 + (n + 0.5) / 0.5).ln();
    0.5 + 0.5 * (idf / max).clamp(0.0, 1.0)
}

/// Inverse document frequency of a key held by `df` of `sources` sources,
/// `ln((sources + 1) / (df + 1))`: zero for a key every source holds (it
/// tells no source apart), largest for one that no source holds.
pub fn topic_weight(sources: usize, df: usize) -> f32 {
    ((sources as f32 + 1.0) / (df.min(sources) as f32 + 1.0)).ln()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::corpus::{Source, SourceMeta};
    use crate::text::{AliasTable, Analyzer};

    #[test]
    fn topic_sources_are_the_sources_of_each_topic_key() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut paths: Vec<_> = std::fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        let sources = paths
            .iter()
            .map(|p| {
                let text = std::fs::read_to_string(p).unwrap();
                Source::new(p.display().to_string(), text, SourceMeta::default())
            })
            .collect();
        let corpus = Corpus::build(sources, &Analyzer::new(AliasTable::builtin()));
        let index = SentenceIndex::build(&corpus);
        let mut expected: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for sentence in &corpus.sentences {
            for key in crate::topic::sentence_topic_keys(&sentence.analysis) {
                let list = expected.entry(key).or_default();
                if list.last() != Some(&(sentence.source as u32)) {
                    list.push(sentence.source as u32);
                }
            }
        }
        let mut keys: Vec<&str> = index.topic_keys().collect();
        keys.sort_unstable();
        assert_eq!(keys, expected.keys().copied().collect::<Vec<_>>());
        for (key, sources) in &expected {
            assert_eq!(index.topic_sources(key), sources.as_slice(), "{key}");
        }
        assert!(expected.len() > 100);
    }
}
