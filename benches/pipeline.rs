//! Stage benchmarks on a synthetic corpus (`claimcheck::synth`, trained on
//! the repo's seeds): `cargo bench`, or `cargo bench -- segment` for one.
//!
//! Throughputs are reported per byte of article text (segment, analyze,
//! ingest, extractors) or per item (claims, sentence pairs).

use std::path::Path;
use std::sync::LazyLock;

use claimcheck::check::Engine;
use claimcheck::claims::{ClaimSet, parse_claims};
use claimcheck::corpus::{Corpus, Source, SourceMeta};
use claimcheck::index::SentenceIndex;
use claimcheck::matcher::{self, ClaimQuery};
use claimcheck::rules::{self, RuleInput};
use claimcheck::segment::segment;
use claimcheck::synth::{Generator, SynthOptions};
use claimcheck::text::{AliasTable, Analyzer};
use divan::Bencher;
use divan::counter::{BytesCount, ItemsCount};

fn main() {
    divan::main();
}

/// A 2 MB corpus with 200 claims, generated once.
struct Fixture {
    claims: ClaimSet,
    texts: Vec<(String, String)>,
    bytes: usize,
    analyzer: Analyzer,
    corpus: Corpus,
    index: SentenceIndex,
}

fn seeds() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    claimcheck::synth::read_seed_texts(&dir).expect("seeds/*.txt")
}

fn generate(mb: f64, claims: usize) -> (ClaimSet, Vec<(String, String)>) {
    let generator = Generator::new(
        &seeds(),
        SynthOptions {
            mb,
            claims,
            seed: 1,
        },
    );
    let claims = parse_claims(&generator.claims_yaml, "claims.yaml").expect("generated claims");
    let texts = generator.map(|a| (a.name, a.text)).collect();
    (claims, texts)
}

fn sources(texts: &[(String, String)]) -> Vec<Source> {
    texts
        .iter()
        .map(|(name, text)| Source::new(name.clone(), text.clone(), SourceMeta::default()))
        .collect()
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let (claims, texts) = generate(2.0, 200);
    let bytes = texts.iter().map(|(_, t)| t.len()).sum();
    let analyzer = Analyzer::new(AliasTable::builtin());
    let corpus = Corpus::build(sources(&texts), &analyzer);
    let index = SentenceIndex::build(&corpus);
    Fixture {
        claims,
        texts,
        bytes,
        analyzer,
        corpus,
        index,
    }
});

#[divan::bench(sample_count = 20)]
fn segment_text(bencher: Bencher) {
    let f = &*FIXTURE;
    bencher.counter(BytesCount::new(f.bytes)).bench(|| {
        f.texts
            .iter()
            .map(|(_, text)| segment(divan::black_box(text)).len())
            .sum::<usize>()
    });
}

#[divan::bench(sample_count = 10)]
fn tokenize_analyze(bencher: Bencher) {
    let f = &*FIXTURE;
    let sentences: Vec<&str> = f
        .corpus
        .sentences
        .iter()
        .map(|s| f.corpus.sentence_text(s))
        .collect();
    bencher.counter(BytesCount::new(f.bytes)).bench(|| {
        sentences
            .iter()
            .map(|s| f.analyzer.analyze(divan::black_box(s)).terms.len())
            .sum::<usize>()
    });
}

#[divan::bench(sample_count = 10)]
fn dates_numbers(bencher: Bencher) {
    let f = &*FIXTURE;
    let sentences: Vec<&str> = f
        .corpus
        .sentences
        .iter()
        .map(|s| f.corpus.sentence_text(s))
        .collect();
    bencher.counter(BytesCount::new(f.bytes)).bench(|| {
        sentences
            .iter()
            .map(|s| {
                let dates = claimcheck::dates::extract_dates(divan::black_box(s));
                let spans: Vec<_> = dates.iter().map(|d| d.span).collect();
                dates.len() + claimcheck::numbers::extract_numbers(s, &spans).len()
            })
            .sum::<usize>()
    });
}

/// Segmentation, analysis, dates and numbers of every source.
#[divan::bench(sample_count = 10)]
fn ingest(bencher: Bencher) {
    let f = &*FIXTURE;
    bencher
        .counter(BytesCount::new(f.bytes))
        .with_inputs(|| sources(&f.texts))
        .bench_values(|sources| Corpus::build(sources, &f.analyzer).sentences.len());
}

#[divan::bench(sample_count = 10)]
fn index_build(bencher: Bencher) {
    let f = &*FIXTURE;
    bencher
        .counter(ItemsCount::new(f.corpus.sentences.len()))
        .bench(|| SentenceIndex::build(&f.corpus));
}

/// Postings of the claim's words and antonyms, aligned and gated (20
/// claims).
#[divan::bench(sample_count = 10)]
fn candidates_per_claim(bencher: Bencher) {
    let f = &*FIXTURE;
    let queries: Vec<ClaimQuery> = f
        .claims
        .claims
        .iter()
        .take(20)
        .map(|c| ClaimQuery::new(&c.text, &c.about, &f.analyzer, &f.index))
        .collect();
    bencher.counter(ItemsCount::new(queries.len())).bench(|| {
        queries
            .iter()
            .map(|q| matcher::candidates(q, &f.corpus, &f.index, &f.analyzer).len())
            .sum::<usize>()
    });
}

/// What `check` uses: candidates that can name the claim's entities,
/// driven by the entities' postings (all 200 claims).
#[divan::bench(sample_count = 10)]
fn evidence_candidates_per_claim(bencher: Bencher) {
    let f = &*FIXTURE;
    let queries: Vec<ClaimQuery> = f
        .claims
        .claims
        .iter()
        .map(|c| ClaimQuery::new(&c.text, &c.about, &f.analyzer, &f.index))
        .collect();
    bencher.counter(ItemsCount::new(queries.len())).bench(|| {
        queries
            .iter()
            .map(|q| matcher::evidence_candidates(q, &f.corpus, &f.index, &f.analyzer).len())
            .sum::<usize>()
    });
}

/// `align_sentence` + `rules::judge` on (claim, sentence) pairs that share
/// a claim word.
#[divan::bench(sample_count = 10)]
fn score_pair(bencher: Bencher) {
    let f = &*FIXTURE;
    let mut pairs = Vec::new();
    for c in f.claims.claims.iter().take(40) {
        let q = ClaimQuery::new(&c.text, &c.about, &f.analyzer, &f.index);
        let ids: Vec<usize> = matcher::candidates(&q, &f.corpus, &f.index, &f.analyzer)
            .iter()
            .map(|(a, _)| a.sentence)
            .take(250)
            .collect();
        pairs.push((q, ids));
    }
    let count: usize = pairs.iter().map(|(_, ids)| ids.len()).sum();
    bencher.counter(ItemsCount::new(count)).bench(|| {
        let mut judged = 0;
        for (query, ids) in &pairs {
            for &id in ids {
                let sentence = &f.corpus.sentences[id];
                let previous = f.corpus.context(id);
                let alignment = matcher::align_sentence(
                    query,
                    sentence,
                    &matcher::Context::of(&f.corpus, &previous, id),
                    &f.analyzer,
                    id,
                );
                let input = RuleInput {
                    query,
                    sentence,
                    text: f.corpus.sentence_text(sentence),
                    alignment: &alignment,
                    analyzer: &f.analyzer,
                };
                judged += usize::from(rules::judge(&input).is_some());
            }
        }
        judged
    });
}

/// `Engine::new` + `check` on 0.5 MB and 50 claims.
#[divan::bench(sample_count = 5)]
fn end_to_end(bencher: Bencher) {
    let (claims, texts) = generate(0.5, 50);
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    bencher
        .counter(BytesCount::new(bytes))
        .with_inputs(|| sources(&texts))
        .bench_values(|sources| Engine::new(&claims, sources).check(&claims).claims.len());
}
