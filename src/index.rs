//! The inverted index from term keys to the sentences that hold them, so
//! that a claim is compared only with sentences sharing its words, never
//! with the whole corpus.

use std::collections::HashMap;

use crate::corpus::Corpus;

/// Term key → ids of the sentences holding it, with document frequencies
/// for IDF weights.
#[derive(Debug, Default)]
pub struct SentenceIndex {
    postings: HashMap<String, Vec<u32>>,
    sentence_count: usize,
}

impl SentenceIndex {
    /// Index every sentence of the corpus by its term keys.
    pub fn build(corpus: &Corpus) -> Self {
        let mut postings: HashMap<String, Vec<u32>> = HashMap::new();
        for (id, sentence) in corpus.sentences.iter().enumerate() {
            let id = u32::try_from(id).unwrap_or(u32::MAX);
            for term in &sentence.analysis.terms {
                let list = postings.entry(term.key.clone()).or_default();
                // terms repeat within a sentence; keep one posting
                if list.last() != Some(&id) {
                    list.push(id);
                }
            }
        }
        SentenceIndex {
            postings,
            sentence_count: corpus.sentences.len(),
        }
    }

    /// Sentences that hold `key`, in corpus order.
    pub fn postings(&self, key: &str) -> &[u32] {
        self.postings.get(key).map_or(&[], Vec::as_slice)
    }

    /// Weight of `key` in [0.5, 1]: BM25's inverse document frequency over
    /// sentences, scaled by its largest possible value so that weights
    /// stay comparable between a one-sentence corpus and an archive.
    /// Unknown terms get the full weight: a claim word that no sentence
    /// uses is the most telling.
    pub fn weight(&self, key: &str) -> f32 {
        let n = self.sentence_count as f32;
        let df = self.postings(key).len() as f32;
        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        let max = (1.0 + (n + 0.5) / 0.5).ln();
        0.5 + 0.5 * (idf / max).clamp(0.0, 1.0)
    }
}
