//! Streaming and sharding: `check --sources - --format jsonl` on shards,
//! then `merge`, gives the report of one run over the whole corpus.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use claimcheck::synth::{Generator, SynthOptions};

/// The cache the binary writes to in these tests: under the target
/// directory, never the user's.
const TEST_CACHE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/cache");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn claimcheck(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("claimcheck").unwrap();
    cmd.current_dir(dir)
        .env("CLAIMCHECK_CACHE_DIR", TEST_CACHE)
        .arg("--no-config");
    cmd
}

fn seeds() -> Vec<String> {
    claimcheck::synth::read_seed_texts(&root().join("seeds")).unwrap()
}

/// A synthetic corpus as files under `dir/sources` and as `shards` JSON
/// Lines files `dir/shard-N.jsonl` (consecutive documents).
fn corpus(dir: &Path, shards: usize) -> Vec<String> {
    let generator = Generator::new(
        &seeds(),
        SynthOptions {
            mb: 0.4,
            claims: 50,
            seed: 11,
        },
    );
    std::fs::write(dir.join("claims.yaml"), &generator.claims_yaml).unwrap();
    let articles: Vec<_> = generator.collect();
    let per_shard = articles.len().div_ceil(shards);
    let mut names = Vec::new();
    for (n, chunk) in articles.chunks(per_shard).enumerate() {
        let mut lines = String::new();
        for article in chunk {
            let path = dir.join("sources").join(&article.name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, &article.text).unwrap();
            let doc = serde_json::json!({
                "source": article.name,
                "text": article.text,
                "published": article.published,
            });
            lines.push_str(&doc.to_string());
            lines.push('\n');
        }
        let name = format!("shard-{n}.jsonl");
        std::fs::write(dir.join(&name), lines).unwrap();
        names.push(name);
    }
    names
}

fn run(dir: &Path, args: &[&str], stdin: Option<&str>) -> Vec<u8> {
    let mut cmd = claimcheck(dir);
    cmd.args(args);
    if let Some(file) = stdin {
        cmd.pipe_stdin(dir.join(file)).unwrap();
    }
    let output = cmd.output().unwrap();
    assert!(output.status.success(), "{args:?}: {output:?}");
    output.stdout
}

/// stats per shard, check per shard with every shard's stats, merge.
fn sharded(dir: &Path, shards: &[String], claims: &str, format: &str) -> Vec<u8> {
    let mut stats = Vec::new();
    for (n, shard) in shards.iter().enumerate() {
        let out = run(
            dir,
            &["stats", "--claims", claims, "--sources", "-"],
            Some(shard),
        );
        let name = format!("stats-{n}.json");
        std::fs::write(dir.join(&name), out).unwrap();
        stats.push(name);
    }
    let mut verdicts = Vec::new();
    for (n, shard) in shards.iter().enumerate() {
        let mut args = vec![
            "check",
            "--claims",
            claims,
            "--sources",
            "-",
            "--format",
            "jsonl",
        ];
        for s in &stats {
            args.extend(["--stats", s.as_str()]);
        }
        let out = run(dir, &args, Some(shard));
        let name = format!("verdicts-{n}.jsonl");
        std::fs::write(dir.join(&name), out).unwrap();
        verdicts.push(name);
    }
    let mut args = vec!["merge", "--claims", claims, "--format", format];
    args.extend(verdicts.iter().map(String::as_str));
    run(dir, &args, None)
}

#[test]
fn shards_merge_into_the_single_run_report() {
    let dir = tempfile::tempdir().unwrap();
    let shards = corpus(dir.path(), 3);
    let single = run(
        dir.path(),
        &[
            "check",
            "--claims",
            "claims.yaml",
            "--sources",
            "sources",
            "--format",
            "json",
        ],
        None,
    );
    let merged = sharded(dir.path(), &shards, "claims.yaml", "json");
    assert!(single.len() > 1000);
    assert!(single == merged, "merged shards differ from one run");
    // the table too (contradictions, reliability)
    let single = run(
        dir.path(),
        &[
            "check",
            "--claims",
            "claims.yaml",
            "--sources",
            "sources",
            "--color",
            "never",
        ],
        None,
    );
    assert!(single == sharded(dir.path(), &shards, "claims.yaml", "table"));
}

#[test]
fn without_stats_the_split_does_not_matter() {
    let dir = tempfile::tempdir().unwrap();
    let shards = corpus(dir.path(), 3);
    let whole: String = shards
        .iter()
        .map(|s| std::fs::read_to_string(dir.path().join(s)).unwrap())
        .collect();
    std::fs::write(dir.path().join("whole.jsonl"), whole).unwrap();
    let check = [
        "check",
        "--claims",
        "claims.yaml",
        "--sources",
        "-",
        "--format",
        "jsonl",
    ];
    std::fs::write(
        dir.path().join("whole.v"),
        run(dir.path(), &check, Some("whole.jsonl")),
    )
    .unwrap();
    let mut parts = Vec::new();
    for (n, shard) in shards.iter().enumerate() {
        let name = format!("part-{n}.v");
        std::fs::write(dir.path().join(&name), run(dir.path(), &check, Some(shard))).unwrap();
        parts.push(name);
    }
    let merge = ["merge", "--claims", "claims.yaml", "--format", "json"];
    let one = run(dir.path(), &[&merge[..], &["whole.v"]].concat(), None);
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let split = run(dir.path(), &[&merge[..], &parts].concat(), None);
    assert!(one == split);
}

#[test]
fn seeds_sharded_match_the_seeds_run() {
    let dir = tempfile::tempdir().unwrap();
    let sidecar = claimcheck::load::parse_sidecar(
        &std::fs::read_to_string(root().join("seeds/sources.yaml")).unwrap(),
    )
    .unwrap();
    let mut names: Vec<_> = sidecar.keys().cloned().collect();
    names.sort();
    let mut shards = Vec::new();
    for (n, pair) in names.chunks(2).enumerate() {
        let mut lines = String::new();
        for name in pair {
            let text = std::fs::read_to_string(root().join("seeds").join(name)).unwrap();
            let doc = serde_json::json!({
                "source": name,
                "text": text,
                "title": sidecar[name].title,
            });
            lines.push_str(&doc.to_string());
            lines.push('\n');
        }
        let shard = format!("seeds-{n}.jsonl");
        std::fs::write(dir.path().join(&shard), lines).unwrap();
        shards.push(shard);
    }
    let claims = root().join("claims");
    let claims = claims.to_str().unwrap();
    let seeds = root().join("seeds");
    let single = run(
        dir.path(),
        &[
            "check",
            "--claims",
            claims,
            "--sources",
            seeds.to_str().unwrap(),
            "--format",
            "json",
        ],
        None,
    );
    assert!(single == sharded(dir.path(), &shards, claims, "json"));
}

#[test]
fn stats_of_other_claims_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let shards = corpus(dir.path(), 1);
    let other = root().join("claims");
    let stats = run(
        dir.path(),
        &[
            "stats",
            "--claims",
            other.to_str().unwrap(),
            "--sources",
            "-",
        ],
        Some(&shards[0]),
    );
    std::fs::write(dir.path().join("other.json"), stats).unwrap();
    claimcheck(dir.path())
        .args([
            "check",
            "--claims",
            "claims.yaml",
            "--sources",
            "-",
            "--format",
            "jsonl",
        ])
        .args(["--stats", "other.json"])
        .pipe_stdin(dir.path().join(&shards[0]))
        .unwrap()
        .assert()
        .failure();
}

#[test]
fn stdin_sources_need_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let shards = corpus(dir.path(), 1);
    claimcheck(dir.path())
        .args([
            "check",
            "--claims",
            "claims.yaml",
            "--sources",
            "-",
            "--format",
            "json",
        ])
        .pipe_stdin(dir.path().join(&shards[0]))
        .unwrap()
        .assert()
        .code(2);
}
