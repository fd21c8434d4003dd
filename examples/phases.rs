//! Wall time of each phase of a run, for profiling at scale:
//!
//! ```sh
//! cargo run --release --example phases -- CLAIMS SOURCES [JOBS [CACHE_DIR]]
//! ```
//!
//! Prints load, segmentation alone, full ingestion (segment + analyze +
//! dates + numbers), index build and claim checking, with MB/s. Uses
//! mimalloc, as the `claimcheck` binary does. On Linux it also prints the
//! CPU time of each phase (all threads, from `/proc/self/stat`) and MB
//! per CPU second: per-core throughput, which a busy machine's wall
//! time does not show. With a `CACHE_DIR` (emptied first), also the
//! analysis cache: hashing the sources into keys, a cold build (analyse
//! and write every entry), and a warm one (read, check and decode every
//! entry), split into reading the entry files and checking + decoding
//! them.

use std::path::PathBuf;
use std::time::Instant;

use claimcheck::cache::{self, AnalysisCache};
use claimcheck::check::Engine;
use claimcheck::corpus::{AnalysisKey, Corpus};
use claimcheck::index::SentenceIndex;
use claimcheck::load::{load_claims, load_sources};
use claimcheck::text::{AliasTable, Analyzer};
use rayon::prelude::*;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: phases CLAIMS SOURCES [JOBS [CACHE_DIR]]");
        std::process::exit(2);
    }
    if let Some(jobs) = args.get(2).and_then(|j| j.parse().ok()) {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build_global()
            .expect("one pool");
    }
    let t = (Instant::now(), cpu_seconds());
    let claims = load_claims(&[PathBuf::from(&args[0])]).expect("claims");
    let sources = load_sources(&[PathBuf::from(&args[1])]).sources;
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let mb = bytes as f64 / 1e6;
    let report = |what: &str, (t, cpu): (Instant, Option<f64>)| {
        let s = t.elapsed().as_secs_f64();
        print!("{what:<28} {s:>8.3} s {:>9.1} MB/s", mb / s);
        match (cpu, cpu_seconds()) {
            (Some(a), Some(b)) => println!(
                " {:>8.2} CPU s {:>9.1} MB/CPU s",
                b - a,
                mb / (b - a).max(0.01)
            ),
            _ => println!(),
        }
    };
    report("load (read + decode)", t);
    let t = (Instant::now(), cpu_seconds());
    let sentences: usize = sources
        .par_iter()
        .map(|s| claimcheck::segment::segment(&s.text).len())
        .sum();
    report("segment only", t);
    let analyzer = Analyzer::new(AliasTable::builtin());
    let t = (Instant::now(), cpu_seconds());
    let corpus = Corpus::build(sources.clone(), &analyzer);
    report("ingest (segment+analyze)", t);
    let t = (Instant::now(), cpu_seconds());
    let index = SentenceIndex::build(&corpus);
    report("index build", t);
    println!(
        "{sentences} sentences, {} keys, {mb:.1} MB",
        index.key_count()
    );
    drop((corpus, index));
    if let Some(dir) = args.get(3) {
        let root = PathBuf::from(dir);
        cache::clear(&root).expect("clear the cache");
        let t = (Instant::now(), cpu_seconds());
        let keys: Vec<AnalysisKey> = sources
            .par_iter()
            .map(|s| AnalysisKey::of(s, &analyzer))
            .collect();
        report("cache keys (BLAKE3)", t);
        let cold = AnalysisCache::open(&root).expect("cache");
        let t = (Instant::now(), cpu_seconds());
        drop(Corpus::build_with(sources.clone(), &analyzer, Some(&cold)));
        report("cold build (analyse+write)", t);
        let warm = AnalysisCache::open(&root).expect("cache");
        let t = (Instant::now(), cpu_seconds());
        let corpus = Corpus::build_with(sources.clone(), &analyzer, Some(&warm));
        report("warm build (read+decode)", t);
        println!("cache: cold {:?}, warm {:?}", cold.stats(), warm.stats());
        drop(corpus);
        let t = (Instant::now(), cpu_seconds());
        let entries: Vec<Vec<u8>> = keys
            .par_iter()
            .map(|k| std::fs::read(warm.entry_path(k)).expect("an entry"))
            .collect();
        let stored: usize = entries.iter().map(Vec::len).sum();
        report("  read entry files", t);
        let t = (Instant::now(), cpu_seconds());
        let sentences: usize = keys
            .par_iter()
            .zip(&entries)
            .map(|(k, bytes)| cache::decode(k, bytes).expect("a good entry").len())
            .sum();
        report("  check + decode entries", t);
        println!(
            "{sentences} sentences, {:.1} MB of entries ({:.1} bytes per byte of text)",
            stored as f64 / 1e6,
            stored as f64 / bytes as f64
        );
    }
    let t = (Instant::now(), cpu_seconds());
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

/// CPU time of this process so far (user + system, every thread), from
/// `/proc/self/stat`; `None` where that file is missing (not Linux).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) in brackets.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    // The kernel's USER_HZ, 100 on every Linux platform in use.
    Some(ticks / 100.0)
}
