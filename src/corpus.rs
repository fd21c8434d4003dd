//! Sources and their sentences: what the matcher searches.
//!
//! A [`Source`] is one article: its name (the path relative to the
//! `--sources` root it was found under), its text and its metadata. A
//! [`Corpus`] segments and analyzes every source once into
//! [`Sentence`]s, resolving relative dates against each source's
//! published date.
//!
//! Analysis is a pure function of a source's text, its published date,
//! the analyzer's alias table and this code ([`ANALYSIS_VERSION`]): an
//! [`AnalysisKey`] hashes exactly these, so that an [`AnalysisStore`]
//! (the on-disk cache, [`crate::cache`]) can hand back the sentences of
//! a source analysed in an earlier run instead of analysing it again.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateFact {
    /// Where the date is written, in source coordinates.
    pub span: Span,
    /// The date as written, made absolute where the published date allows.
    pub date: PartialDate,
}

/// One analyzed sentence of a source.
///
/// Serialized (without `source`) by the analysis cache ([`crate::cache`]),
/// as are the types it holds: their serde derives are a binary format
/// there, so no field may be skipped conditionally
/// (`skip_serializing_if`); a changed field changes
/// [`ANALYSIS_VERSION`] through the build script.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Sentence {
    /// Index of the source in the corpus.
    #[serde(skip)]
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
        Corpus::build_with(sources, analyzer, None)
    }

    /// [`Corpus::build`], taking the sentences of each source from
    /// `store` when it has them under the source's [`AnalysisKey`], and
    /// storing those it had to analyze. The corpus is the same with or
    /// without a store: what a store hands back is used only when every
    /// span of it lies inside the source's text ([`fits`]); otherwise the
    /// source is analysed again and stored anew.
    pub fn build_with(
        sources: Vec<Source>,
        analyzer: &Analyzer,
        store: Option<&dyn AnalysisStore>,
    ) -> Corpus {
        let Some(store) = store else {
            return Corpus::analyze_in_place(sources, analyzer);
        };
        let analyzed: Vec<Vec<Sentence>> = sources
            .par_iter()
            .enumerate()
            .map(|(index, source)| analyze_or_load(index, source, analyzer, store))
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

    /// [`Corpus::build`] without a store: every source segmented (in
    /// parallel), then every sentence analysed (in parallel) straight into
    /// the corpus's vector, in order, instead of into one vector per
    /// source copied into it afterwards (memory the kernel would zero
    /// twice). The same sentences as [`analyze_source`], source by source.
    fn analyze_in_place(sources: Vec<Source>, analyzer: &Analyzer) -> Corpus {
        let segmented: Vec<Vec<Span>> = sources
            .par_iter()
            .map(|source| segment(&source.text))
            .collect();
        let mut at = Vec::with_capacity(segmented.iter().map(Vec::len).sum());
        let mut source_sentences = Vec::with_capacity(sources.len());
        for (index, spans) in segmented.into_iter().enumerate() {
            let first = at.len();
            at.extend(spans.into_iter().map(|span| (index, span)));
            source_sentences.push(first..at.len());
        }
        let mut sentences = Vec::new();
        at.par_iter()
            .map(|&(index, span)| analyze_span(index, &sources[index], span, analyzer))
            .collect_into_vec(&mut sentences);
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
            && crate::text::opens_with_reference(&sentence.analysis.tokens)
    }

    /// Sentence `index` and the [`CONTEXT_SENTENCES`] after it in its
    /// source: the sentences whose anaphora may refer back to it.
    pub fn with_following(&self, index: u32) -> std::ops::Range<u32> {
        let source = &self.source_sentences[self.sentences[index as usize].source];
        let end = (index as usize + CONTEXT_SENTENCES + 1).min(source.end);
        index..end as u32
    }

    /// The sentence before `index` in the same source, if any.
    pub fn previous(&self, index: usize) -> Option<&Sentence> {
        let sentence = &self.sentences[index];
        let range = &self.source_sentences[sentence.source];
        (index > range.start).then(|| &self.sentences[index - 1])
    }
}

/// The version of analysis: the crate version, a number to bump by hand
/// when analysis changes in a way the sources listed in `build.rs` do not
/// show, and the build script's hash of those sources (segmentation,
/// tokens and terms, the lexicon, dates, numbers, and `Cargo.lock` for
/// the stemmer and the serialization). Part of every [`AnalysisKey`]:
/// when analysis changes, no stored analysis is used again.
pub const ANALYSIS_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "+analysis.1.",
    env!("CLAIMCHECK_ANALYSIS_SOURCES")
);

/// What the sentences of a source are a function of: a BLAKE3 hash of
/// [`ANALYSIS_VERSION`], the analyzer's [`Analyzer::fingerprint`] (its
/// alias table), the source's published date (relative dates resolve
/// against it) and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AnalysisKey(pub [u8; 32]);

impl AnalysisKey {
    /// The key of `source` analysed by `analyzer`.
    pub fn of(source: &Source, analyzer: &Analyzer) -> AnalysisKey {
        let mut hasher = blake3::Hasher::new();
        hasher.update(b"claimcheck analysis\0");
        hasher.update(ANALYSIS_VERSION.as_bytes());
        hasher.update(b"\0");
        hasher.update(analyzer.fingerprint());
        hasher.update(&encode_date(source.meta.published));
        hasher.update(&(source.text.len() as u64).to_le_bytes());
        hasher.update(source.text.as_bytes());
        AnalysisKey(*hasher.finalize().as_bytes())
    }

    /// The key in lower-case hexadecimal (64 digits).
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// A published date as 12 bytes, each field with a flag saying whether
/// it is stated.
fn encode_date(date: Option<PartialDate>) -> [u8; 12] {
    let mut out = [0u8; 12];
    if let Some(d) = date {
        out[0] = 1;
        if let Some(year) = d.year {
            out[1] = 1;
            out[2..6].copy_from_slice(&year.to_le_bytes());
        }
        if let Some(month) = d.month {
            out[6] = 1;
            out[7] = month;
        }
        if let Some(day) = d.day {
            out[8] = 1;
            out[9] = day;
        }
        out[10] = u8::from(d.year_inferred);
        out[11] = u8::from(d.decade);
    }
    out
}

/// Where the sentences of analysed sources may be kept between runs
/// (the on-disk cache is [`crate::cache::AnalysisCache`]). Neither method
/// may fail the run: a store that cannot read or write an entry says it
/// has none, or drops it, and keeps its problems to itself.
pub trait AnalysisStore: Sync {
    /// The sentences stored under `key`, if any (their `source` fields
    /// are set by the caller).
    fn load(&self, key: &AnalysisKey) -> Option<Vec<Sentence>>;
    /// Keep `sentences`, the analysis of the source whose key is `key`.
    fn store(&self, key: &AnalysisKey, sentences: &[Sentence]);
}

/// The sentences of `source` from `store`, or analysed and stored.
fn analyze_or_load(
    index: usize,
    source: &Source,
    analyzer: &Analyzer,
    store: &dyn AnalysisStore,
) -> Vec<Sentence> {
    let key = AnalysisKey::of(source, analyzer);
    if let Some(mut sentences) = store.load(&key)
        && fits(&sentences, &source.text)
    {
        for sentence in &mut sentences {
            sentence.source = index;
        }
        return sentences;
    }
    let sentences = analyze_source(index, source, analyzer);
    store.store(&key, &sentences);
    sentences
}

/// Whether every span of `sentences` lies inside `text` on `char`
/// boundaries (sentence, date spans), inside its sentence (token and
/// number spans, relative to the sentence) and every term inside its
/// sentence's tokens: then nothing downstream can slice out of bounds,
/// whatever a store handed back.
pub fn fits(sentences: &[Sentence], text: &str) -> bool {
    let on_text = |span: &Span| {
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end)
    };
    sentences.iter().all(|s| {
        let Some(sentence) = text.get(s.span.start..s.span.end) else {
            return false;
        };
        let in_sentence = |span: &Span| {
            span.start <= span.end
                && sentence.is_char_boundary(span.start)
                && sentence.is_char_boundary(span.end)
        };
        let tokens = s.analysis.tokens.len();
        on_text(&s.span)
            && s.analysis.tokens.iter().all(|t| in_sentence(&t.span()))
            && s.analysis
                .terms
                .iter()
                .all(|t| t.first_token() <= t.end_token() && t.end_token() <= tokens)
            && s.dates.iter().all(|d| on_text(&d.span))
            && s.numbers.iter().all(|n| in_sentence(&n.span))
    })
}

/// Segment and analyze one source, the `index`-th of the corpus.
pub fn analyze_source(index: usize, source: &Source, analyzer: &Analyzer) -> Vec<Sentence> {
    segment(&source.text)
        .into_iter()
        .map(|span| analyze_span(index, source, span, analyzer))
        .collect()
}

/// Analyze the sentence at `span` of `source`, the `index`-th of the
/// corpus.
fn analyze_span(index: usize, source: &Source, span: Span, analyzer: &Analyzer) -> Sentence {
    analyze_sentence(
        index,
        span,
        span.slice(&source.text),
        source.meta.published,
        analyzer,
    )
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
    let (mut analysis, hints) = analyzer.analyze_with_hints(text);
    let mentions = dates::extract_dates_hinted(text, hints.dates);
    crate::lifespan::add_terms(text, &mentions, &mut analysis, analyzer);
    // Kept for the whole run: no spare capacity (terms are reserved for
    // one per token).
    analysis.tokens.shrink_to_fit();
    analysis.terms.shrink_to_fit();
    let date_spans: Vec<Span> = mentions.iter().map(|m| m.span).collect();
    let numbers = numbers::extract_numbers_hinted(text, &date_spans, hints.numbers);
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
