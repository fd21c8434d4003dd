//! Sources and their sentences: what the matcher searches.
//!
//! A [`Source`] is one article: its name (the path relative to the
//! `--sources` root it was found under), its text and its metadata. A
//! [`Corpus`] segments and analyzes every source once into
//! [`Sentence`]s, resolving relative dates against each source's
//! published date.

use rayon::prelude::*;

use crate::dates::{self, PartialDate};
use crate::html::Original;
use crate::numbers::{self, NumberMention};
use crate::segment::segment;
use crate::span::{LineCol, LineIndex, Span};
use crate::text::{Analysis, Analyzer};

/// How many sentences back an anaphor ("it", "the two countries") may
/// find the entities it stands for.
pub const CONTEXT_SENTENCES: usize = 2;

/// Optional facts about a source, from a sidecar file or its dateline.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceMeta {
    /// Headline or title.
    pub title: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// When it was published; resolves "last June 19" and "In October".
    pub published: Option<PartialDate>,
    /// Where it was published.
    pub url: Option<String>,
}

/// One article to check claims against.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to the sources root it was found under, `/`-separated.
    pub name: String,
    /// The full text.
    pub text: String,
    /// Metadata; `published` falls back to the article's dateline.
    pub meta: SourceMeta,
    lines: LineIndex,
    /// For a source whose `text` was extracted from markup (HTML): the
    /// file as written, so that line and column point into it.
    original: Option<Box<Original>>,
}

impl Source {
    /// A source from its name, text and metadata. When no published date
    /// is given, the article's own dateline is used if it states one.
    pub fn new(name: impl Into<String>, text: impl Into<String>, mut meta: SourceMeta) -> Self {
        let text = text.into();
        if meta.published.is_none() {
            meta.published = dates::find_dateline(&text);
        }
        let lines = LineIndex::new(&text);
        Source {
            name: name.into(),
            text,
            meta,
            lines,
            original: None,
        }
    }

    /// This source, its `text` extracted from the markup of `original`
    /// ([`crate::html`]): line and column then point into the file.
    pub fn with_original(mut self, original: Original) -> Self {
        self.original = Some(Box::new(original));
        self
    }

    /// Line and column of a byte offset of `text`, in the file as written.
    pub fn line_col(&self, offset: usize) -> LineCol {
        match &self.original {
            Some(original) => original.line_col(offset),
            None => self.lines.line_col(&self.text, offset),
        }
    }
}

/// A date stated in a sentence, resolved against the published date.
#[derive(Debug, Clone, PartialEq)]
pub struct DateFact {
    /// Where the date is written, in source coordinates.
    pub span: Span,
    /// The date as written, made absolute where the published date allows.
    pub date: PartialDate,
}

/// One analyzed sentence of a source.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// Index of the source in the corpus.
    pub source: usize,
    /// Where the sentence is in its source.
    pub span: Span,
    /// Tokens and terms; token spans are relative to `span.start`.
    pub analysis: Analysis,
    /// Dates stated, spans in source coordinates.
    pub dates: Vec<DateFact>,
    /// Numbers stated (not dates), spans relative to `span.start`.
    pub numbers: Vec<NumberMention>,
}

/// Most sentences of a snippet ([`Corpus::opens_snippet`]).
pub const SNIPPET_SENTENCES: usize = 3;

/// Every source, segmented and analyzed.
#[derive(Debug)]
pub struct Corpus {
    /// The sources, in load order.
    pub sources: Vec<Source>,
    /// Every sentence of every source, source by source, in text order.
    pub sentences: Vec<Sentence>,
    /// For each source, the range of its sentences in `sentences`.
    pub source_sentences: Vec<std::ops::Range<usize>>,
}

impl Corpus {
    /// Segment and analyze every source, sources in parallel (rayon's
    /// pool); the result does not depend on the number of threads.
    pub fn build(sources: Vec<Source>, analyzer: &Analyzer) -> Corpus {
        let analyzed: Vec<Vec<Sentence>> = sources
            .par_iter()
            .enumerate()
            .map(|(index, source)| analyze_source(index, source, analyzer))
            .collect();
        let mut sentences = Vec::with_capacity(analyzed.iter().map(Vec::len).sum());
        let mut source_sentences = Vec::with_capacity(sources.len());
        for list in analyzed {
            let first = sentences.len();
            sentences.extend(list);
            source_sentences.push(first..sentences.len());
        }
        Corpus {
            sources,
            sentences,
            source_sentences,
        }
    }

    /// The text of a sentence.
    pub fn sentence_text(&self, sentence: &Sentence) -> &str {
        sentence.span.slice(&self.sources[sentence.source].text)
    }

    /// The sentences an anaphor in sentence `index` may refer back to: up
    /// to [`CONTEXT_SENTENCES`] before it in the same source, nearest first.
    pub fn context(&self, index: usize) -> Vec<&Sentence> {
        let range = &self.source_sentences[self.sentences[index].source];
        (range.start.max(index.saturating_sub(CONTEXT_SENTENCES))..index)
            .rev()
            .map(|i| &self.sentences[i])
            .collect()
    }

    /// Whether sentence `index` opens a snippet with a personal pronoun
    /// ("He was born in 1956."): a source of at most
    /// [`SNIPPET_SENTENCES`] that speaks of someone it never names (an
    /// evidence passage, a quote). A longer source is an article whose
    /// opening pronoun cannot be resolved.
    pub fn opens_snippet(&self, index: usize) -> bool {
        let Some(sentence) = self.sentences.get(index) else {
            return false;
        };
        let range = &self.source_sentences[sentence.source];
        range.start == index
            && range.len() <= SNIPPET_SENTENCES
            && crate::matcher::opens_with_pronoun(&sentence.analysis.tokens)
    }

    /// The sentence before `index` in the same source, if any.
    pub fn previous(&self, index: usize) -> Option<&Sentence> {
        let sentence = &self.sentences[index];
        let range = &self.source_sentences[sentence.source];
        (index > range.start).then(|| &self.sentences[index - 1])
    }
}

/// Segment and analyze one source, the `index`-th of the corpus.
pub fn analyze_source(index: usize, source: &Source, analyzer: &Analyzer) -> Vec<Sentence> {
    segment(&source.text)
        .into_iter()
        .map(|span| {
            analyze_sentence(
                index,
                span,
                span.slice(&source.text),
                source.meta.published,
                analyzer,
            )
        })
        .collect()
}

/// Analyze one sentence: terms, dates (resolved against `published`)
/// and numbers.
pub fn analyze_sentence(
    source: usize,
    span: Span,
    text: &str,
    published: Option<PartialDate>,
    analyzer: &Analyzer,
) -> Sentence {
    let mut analysis = analyzer.analyze(text);
    // Kept for the whole run: no spare capacity (terms are reserved for
    // one per token).
    analysis.tokens.shrink_to_fit();
    analysis.terms.shrink_to_fit();
    let mentions = dates::extract_dates(text);
    let date_spans: Vec<Span> = mentions.iter().map(|m| m.span).collect();
    let numbers = numbers::extract_numbers(text, &date_spans);
    let dates = mentions
        .iter()
        .map(|m| DateFact {
            span: m.span.shifted(span.start),
            date: dates::resolve(m, published),
        })
        .collect();
    Sentence {
        source,
        span,
        analysis,
        dates,
        numbers,
    }
}
