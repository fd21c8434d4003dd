//! Write a deterministic synthetic corpus (see `claimcheck::synth`).
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --mb 10 --claims 1000 --seed 1 --out /tmp/cc10
//! claimcheck test --claims /tmp/cc10/claims.yaml --sources /tmp/cc10/sources
//! ```
//!
//! Written to `--out`:
//! - `sources/NNN/NNNNNN.txt`: the articles (dateline under the title);
//! - `claims.yaml`: the claims, with exact `expect:` and `expect_status:`;
//! - `claims.txt`, `sentences.txt`: one claim / one generated sentence per
//!   line, for the peer benchmarks (`bench/peers/peer.py`);
//! - with `--jsonl`, `sources.jsonl`: the same articles as JSON Lines
//!   `{"source", "text", "published"}`, for `check --sources -`.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use claimcheck::synth::{Generator, SynthOptions};

struct Args {
    options: SynthOptions,
    out: PathBuf,
    seeds: PathBuf,
    jsonl: bool,
}

fn parse_args() -> Args {
    let mut args = Args {
        options: SynthOptions {
            mb: 10.0,
            claims: 1000,
            seed: 1,
        },
        out: PathBuf::from("target/gen"),
        seeds: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds"),
        jsonl: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || {
            it.next()
                .unwrap_or_else(|| usage(&format!("{flag} needs a value")))
        };
        match flag.as_str() {
            "--mb" => args.options.mb = value().parse().unwrap_or_else(|_| usage("--mb N")),
            "--claims" => {
                args.options.claims = value().parse().unwrap_or_else(|_| usage("--claims K"))
            }
            "--seed" => args.options.seed = value().parse().unwrap_or_else(|_| usage("--seed S")),
            "--out" => args.out = PathBuf::from(value()),
            "--seeds" => args.seeds = PathBuf::from(value()),
            "--jsonl" => args.jsonl = true,
            "-h" | "--help" => usage(""),
            other => usage(&format!("unknown flag {other}")),
        }
    }
    args
}

fn usage(problem: &str) -> ! {
    if !problem.is_empty() {
        eprintln!("gen_corpus: {problem}");
    }
    eprintln!("usage: gen_corpus --mb N --claims K --seed S --out DIR [--seeds DIR] [--jsonl]");
    std::process::exit(2)
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).expect("a string serializes")
}

fn main() -> std::io::Result<()> {
    let args = parse_args();
    let seed_texts = claimcheck::synth::read_seed_texts(&args.seeds)?;
    if seed_texts.is_empty() {
        usage(&format!("no seeds/*.txt under {}", args.seeds.display()));
    }
    let generator = Generator::new(&seed_texts, args.options);
    let sources_dir = args.out.join("sources");
    if sources_dir.exists() {
        fs::remove_dir_all(&sources_dir)?;
    }
    fs::create_dir_all(&sources_dir)?;
    fs::write(args.out.join("claims.yaml"), &generator.claims_yaml)?;
    fs::write(
        args.out.join("claims.txt"),
        generator.claim_texts.join("\n") + "\n",
    )?;
    let mut sentences_out = BufWriter::new(fs::File::create(args.out.join("sentences.txt"))?);
    let mut jsonl_out = match args.jsonl {
        true => Some(BufWriter::new(fs::File::create(
            args.out.join("sources.jsonl"),
        )?)),
        false => None,
    };
    let (articles, mut bytes, mut sentences) = (generator.article_count(), 0usize, 0usize);
    for article in generator {
        let path = sources_dir.join(&article.name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, &article.text)?;
        for s in &article.sentences {
            writeln!(sentences_out, "{s}")?;
        }
        if let Some(out) = jsonl_out.as_mut() {
            writeln!(
                out,
                "{{\"source\":{},\"text\":{},\"published\":\"{}\"}}",
                json_string(&article.name),
                json_string(&article.text),
                article.published
            )?;
        }
        bytes += article.text.len();
        sentences += article.sentences.len();
    }
    sentences_out.flush()?;
    if let Some(mut out) = jsonl_out {
        out.flush()?;
    }
    eprintln!(
        "gen_corpus: {articles} articles, {:.1} MB, {sentences} sentences, {} claims in {}",
        bytes as f64 / 1e6,
        args.options.claims,
        args.out.display()
    );
    Ok(())
}
