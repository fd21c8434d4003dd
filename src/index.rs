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
    /// Topic key ([`crate::topic::sentence_topic_keys`]) → ids of the
    /// sources holding it, ascending.
    topic_sources: FxHashMap<Box<str>, Vec<u32>>,
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
        for (id, sentence) in corpus.sentences.iter().enumerate() {
            let id = u32::try_from(id).unwrap_or(u32::MAX);
            // sentences come source by source
            let source = u32::try_from(sentence.source).unwrap_or(u32::MAX);
            for key in crate::topic::sentence_topic_keys(&sentence.analysis) {
                match index.topic_sources.get_mut(key) {
                    Some(list) if list.last() == Some(&source) => {}
                    Some(list) => list.push(source),
                    None => {
                        index.topic_sources.insert(key.into(), vec![source]);
                    }
                }
            }
            for term in &sentence.analysis.terms {
                let key = index.intern(&term.key);
                let list = &mut index.postings[key as usize];
                // terms repeat within a sentence; keep one posting
                if list.last() != Some(&id) {
                    list.push(id);
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
        self.topic_sources.get(key).map_or(&[], Vec::as_slice)
    }

    /// First sentences of snippets that open with a personal pronoun, in
    /// corpus order: an unnamed someone the claim's subject may be.
    pub fn openers(&self) -> &[u32] {
        &self.openers
    }

    /// Every topic key some source holds.
    pub fn topic_keys(&self) -> impl Iterator<Item = &str> {
        self.topic_sources.keys().map(|k| &**k)
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
