//! Wall time of each phase of a run, for profiling at scale:
//!
//! ```sh
//! cargo run --release --example phases -- CLAIMS SOURCES [JOBS]
//! ```
//!
//! Prints load, segmentation alone, full ingestion (segment + analyze +
//! dates + numbers), index build and claim checking, with MB/s.

use std::path::PathBuf;
use std::time::Instant;

use claimcheck::check::Engine;
use claimcheck::corpus::Corpus;
use claimcheck::index::SentenceIndex;
use claimcheck::load::{load_claims, load_sources};
use claimcheck::text::{AliasTable, Analyzer};
use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: phases CLAIMS SOURCES [JOBS]");
        std::process::exit(2);
    }
    if let Some(jobs) = args.get(2).and_then(|j| j.parse().ok()) {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build_global()
            .expect("one pool");
    }
    let t = Instant::now();
    let claims = load_claims(&[PathBuf::from(&args[0])]).expect("claims");
    let sources = load_sources(&[PathBuf::from(&args[1])]).sources;
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let mb = bytes as f64 / 1e6;
    let report = |what: &str, t: Instant| {
        let s = t.elapsed().as_secs_f64();
        println!("{what:<28} {s:>8.3} s {:>9.1} MB/s", mb / s);
    };
    report("load (read + decode)", t);
    let t = Instant::now();
    let sentences: usize = sources
        .par_iter()
        .map(|s| claimcheck::segment::segment(&s.text).len())
        .sum();
    report("segment only", t);
    let analyzer = Analyzer::new(AliasTable::builtin());
    let t = Instant::now();
    let corpus = Corpus::build(sources.clone(), &analyzer);
    report("ingest (segment+analyze)", t);
    let t = Instant::now();
    let index = SentenceIndex::build(&corpus);
    report("index build", t);
    println!(
        "{sentences} sentences, {} keys, {mb:.1} MB",
        index.key_count()
    );
    drop((corpus, index));
    let t = Instant::now();
    let engine = Engine::new(&claims, sources);
    report("Engine::new", t);
    let t = Instant::now();
    let result = engine.check(&claims);
    let s = t.elapsed().as_secs_f64();
    println!(
        "check {} claims: {s:.3} s ({:.2} ms/claim)",
        result.claims.len(),
        1000.0 * s / result.claims.len().max(1) as f64
    );
}
