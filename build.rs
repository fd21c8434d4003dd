//! Build script: fingerprints the code that analysis runs, for the
//! analysis cache (`src/cache.rs`).
//!
//! A cached analysis is valid only for the code that wrote it. Rather
//! than trust everyone who edits the lexicon or the tokenizer to bump a
//! version number, this hashes the source files that segmentation and
//! analysis are made of, and `Cargo.lock` (the stemmer, Unicode tables
//! and the serialization format are dependencies), into
//! `CLAIMCHECK_ANALYSIS_SOURCES`, part of
//! `claimcheck::corpus::ANALYSIS_VERSION`. Any change to them makes every
//! cached analysis a miss. `CLAIMCHECK_ANALYSIS_FILES` lists the files,
//! for the test that keeps the list complete (`cache::tests`).
//!
//! Streamed results (a document's statistics and records) depend on all
//! the code: `CLAIMCHECK_CODE` hashes every `.rs` file under `src/`,
//! `Cargo.lock` and this script, for `stream::RESULTS_VERSION`.

use std::fs;

/// Everything `corpus::analyze_source` depends on, directly or not.
const ANALYSIS_FILES: &[&str] = &[
    "src/corpus.rs",
    "src/dates.rs",
    "src/html.rs",
    "src/lexicon.rs",
    "src/lifespan.rs",
    "src/numbers.rs",
    "src/segment.rs",
    "src/span.rs",
    "src/text.rs",
    // test-only (the bundled texts the scanners' tests read), listed so
    // that the completeness test in `cache::tests` holds
    "src/test_texts.rs",
    "Cargo.lock",
];

fn main() {
    // FNV-1a, 64 bits: a change detector, not a security boundary (the
    // result is hashed again with BLAKE3 into every cache key).
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for file in ANALYSIS_FILES {
        println!("cargo:rerun-if-changed={file}");
        // A crate packaged without its lock file still builds.
        let bytes = fs::read(file).unwrap_or_default();
        feed(file.as_bytes());
        feed(&(bytes.len() as u64).to_le_bytes());
        feed(&bytes);
    }
    println!("cargo:rustc-env=CLAIMCHECK_ANALYSIS_SOURCES={hash:016x}");
    // Every source file: what streamed results (verdicts, statistics)
    // are a function of, besides their inputs (`stream::ResultStore`).
    let mut files = Vec::new();
    rust_files("src", &mut files);
    files.sort();
    let mut code: u64 = 0xcbf2_9ce4_8422_2325;
    for file in files
        .iter()
        .map(String::as_str)
        .chain(["Cargo.lock", "build.rs"])
    {
        let bytes = fs::read(file).unwrap_or_default();
        for b in file
            .as_bytes()
            .iter()
            .chain(&(bytes.len() as u64).to_le_bytes())
            .chain(&bytes)
        {
            code ^= u64::from(*b);
            code = code.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rustc-env=CLAIMCHECK_CODE={code:016x}");
    println!(
        "cargo:rustc-env=CLAIMCHECK_ANALYSIS_FILES={}",
        ANALYSIS_FILES.join(",")
    );
}

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &str, out: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = format!("{dir}/{}", entry.file_name().to_string_lossy());
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            rust_files(&path, out);
        } else if path.ends_with(".rs") {
            out.push(path);
        }
    }
}
