//! Performance paths must not move a verdict: the pruned candidate search
//! gives the same judged sentences as aligning every candidate, and the
//! report is byte-identical whatever `--jobs` is.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use claimcheck::check::{Assessment, Engine};
use claimcheck::claims::{ClaimSet, parse_claims};
use claimcheck::corpus::{Source, SourceMeta};
use claimcheck::load::{load_claims, load_sources};
use claimcheck::synth::{Generator, SynthOptions};

/// The cache the binary writes to in these tests: under the target
/// directory, never the user's.
const TEST_CACHE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/cache");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seeds() -> Vec<String> {
    claimcheck::synth::read_seed_texts(&root().join("seeds")).unwrap()
}

/// A small synthetic corpus, in memory.
fn synthetic(seed: u64) -> (ClaimSet, Vec<Source>) {
    let generator = Generator::new(
        &seeds(),
        SynthOptions {
            mb: 0.3,
            claims: 40,
            seed,
        },
    );
    let claims = parse_claims(&generator.claims_yaml, "claims.yaml").unwrap();
    let sources = generator
        .map(|a| Source::new(a.name, a.text, SourceMeta::default()))
        .collect();
    (claims, sources)
}

fn same_evidence(full: &Assessment, pruned: &Assessment, claim: &str) {
    assert_eq!(full.verdicts, pruned.verdicts, "verdicts of {claim}");
    for (a, b) in full.judged.iter().zip(&pruned.judged) {
        let a: Vec<_> = a.iter().map(|j| (j.sentence, &j.judgement)).collect();
        let b: Vec<_> = b.iter().map(|j| (j.sentence, &j.judgement)).collect();
        assert_eq!(a, b, "judged sentences of {claim}");
    }
    for miss in &pruned.near_misses {
        assert!(
            full.near_misses
                .iter()
                .any(|m| m.sentence == miss.sentence && m.why == miss.why),
            "near miss of {claim}"
        );
    }
}

fn check_pruning(claims: &ClaimSet, sources: Vec<Source>) {
    let engine = Engine::new(claims, sources);
    for claim in &claims.claims {
        same_evidence(
            &engine.assess(claim),
            &engine.assess_evidence(claim),
            &claim.id,
        );
    }
}

#[test]
fn pruned_candidates_judge_like_all_candidates_on_the_seeds() {
    for claims in [
        "claims",
        "fixtures/truth",
        "fixtures/heldout/claims.yaml",
        "fixtures/regress/claims.yaml",
    ] {
        let claims = load_claims(&[root().join(claims)]).unwrap();
        for sources in ["seeds", "fixtures/regress/sources", "fixtures/mini/sources"] {
            let loaded = load_sources(&[root().join(sources)]);
            check_pruning(&claims, loaded.sources);
        }
    }
}

#[test]
fn pruned_candidates_judge_like_all_candidates_on_a_synthetic_corpus() {
    let (claims, sources) = synthetic(3);
    check_pruning(&claims, sources);
}

fn write_corpus(dir: &Path, seed: u64) {
    let generator = Generator::new(
        &seeds(),
        SynthOptions {
            mb: 0.4,
            claims: 60,
            seed,
        },
    );
    std::fs::write(dir.join("claims.yaml"), &generator.claims_yaml).unwrap();
    for article in generator {
        let path = dir.join("sources").join(&article.name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, article.text).unwrap();
    }
}

fn check_json(dir: &Path, jobs: &str) -> Vec<u8> {
    let output = Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(dir)
        .env("CLAIMCHECK_CACHE_DIR", TEST_CACHE)
        .args(["--no-config", "--jobs", jobs, "check", "--format", "json"])
        .args(["--claims", "claims.yaml", "--sources", "sources"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    output.stdout
}

#[test]
fn jobs_do_not_change_the_report() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path(), 5);
    let one = check_json(dir.path(), "1");
    assert!(one.len() > 1000);
    for jobs in ["2", "3", "8"] {
        assert!(one == check_json(dir.path(), jobs), "--jobs {jobs} differs");
    }
}

#[test]
fn synthetic_expectations_hold() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path(), 9);
    Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(dir.path())
        .env("CLAIMCHECK_CACHE_DIR", TEST_CACHE)
        .args(["--no-config", "test"])
        .args(["--claims", "claims.yaml", "--sources", "sources"])
        .assert()
        .success();
}

#[test]
fn pruned_candidates_find_names_with_a_middle_name() {
    // same_entity matches "John Hovig Dolmayan" for "John Dolmayan": the
    // pruned candidates must reach it too.
    let claims = parse_claims(
        "claims:\n  - id: born\n    text: John Dolmayan was born on July 15, 1973.\n",
        "claims.yaml",
    )
    .unwrap();
    let sources = vec![
        Source::new(
            "a.txt",
            "John Hovig Dolmayan (born July 15, 1973) is an American songwriter and drummer.",
            SourceMeta::default(),
        ),
        Source::new(
            "b.txt",
            "Daron Malakian was born in Hollywood.",
            SourceMeta::default(),
        ),
    ];
    let engine = Engine::new(&claims, sources.clone());
    let pruned = engine.assess_evidence(&claims.claims[0]);
    assert_eq!(pruned.verdicts[0].0, claimcheck::verdict::Verdict::Supports);
    check_pruning(&claims, sources);
}

#[test]
fn a_snippet_opening_with_a_pronoun_may_speak_of_the_claims_subject() {
    let claims = parse_claims(
        "claims:\n  - id: born\n    text: Stephen Hillenburg was born in Lawton, Oklahoma.\n",
        "claims.yaml",
    )
    .unwrap();
    let sources = vec![
        Source::new(
            "snippet.txt",
            "He was born in Lawton, Oklahoma, and raised in Anaheim.",
            SourceMeta::default(),
        ),
        Source::new(
            "article.txt",
            "He was born in Lawton, Oklahoma. The town grew. Its mayor spoke. The council agreed.",
            SourceMeta::default(),
        ),
    ];
    let engine = Engine::new(&claims, sources.clone());
    let pruned = engine.assess_evidence(&claims.claims[0]);
    use claimcheck::verdict::Verdict;
    assert_eq!(pruned.verdicts[0].0, Verdict::Supports, "the snippet");
    // an article's opening pronoun is not resolved
    assert_eq!(pruned.verdicts[1].0, Verdict::NotMentioned, "the article");
    check_pruning(&claims, sources);
}
