//! `claimcheck eval` end to end on the small fixtures in fixtures/eval/.
//!
//! Assertions on predictions are limited to clear-cut pairs (a sentence
//! that restates the claim, a source about something else) so that rule
//! tuning does not break them; everything else checks the bookkeeping.

use std::fs;

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use serde_json::Value;

/// The cache the binary writes to in these tests: under the target
/// directory, never the user's.
const TEST_CACHE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/cache");

const FIX: &str = "fixtures/eval";

fn eval_json(args: &[&str]) -> Value {
    let output = cargo_bin_cmd!("claimcheck")
        .arg("eval")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "exit {:?}: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stderr.is_empty(),
        "no progress output off a terminal"
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn labels(report: &Value) -> Vec<String> {
    report["classes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["label"].as_str().unwrap().to_string())
        .collect()
}

/// Count of (gold label, predicted column).
fn cell(report: &Value, gold: &str, predicted: &str) -> u64 {
    let column = report["columns"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c == predicted)
        .unwrap();
    let row = report["confusion"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["label"] == gold)
        .unwrap();
    row["counts"][column].as_u64().unwrap()
}

fn row_total(report: &Value, gold: &str) -> u64 {
    let row = report["confusion"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["label"] == gold)
        .unwrap();
    row["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .sum()
}

#[test]
fn fnc1_reads_quoted_newlines_and_scores_the_weighted_score() {
    let r = eval_json(&["--dataset", "fnc1", &format!("{FIX}/fnc1_stances.csv")]);
    assert_eq!(r["dataset"], "fnc1");
    assert_eq!(r["unit"], "pair");
    assert_eq!(
        (
            r["items"].as_u64(),
            r["claims"].as_u64(),
            r["sources"].as_u64()
        ),
        (Some(6), Some(4), Some(3))
    );
    assert_eq!(labels(&r), ["agree", "disagree", "discuss", "unrelated"]);
    assert_eq!(
        r["columns"],
        serde_json::json!(["supports", "refutes", "mixed", "discusses", "not_mentioned"])
    );
    assert_eq!(
        r["credit"],
        serde_json::json!(["agree", "disagree", null, "discuss", "unrelated"])
    );
    for (label, n) in [
        ("agree", 2),
        ("disagree", 1),
        ("discuss", 1),
        ("unrelated", 2),
    ] {
        assert_eq!(row_total(&r, label), n, "{label}");
    }
    // both agree bodies restate the headline; the unrelated bodies are
    // about something else
    assert_eq!(cell(&r, "agree", "supports"), 2);
    assert_eq!(cell(&r, "unrelated", "not_mentioned"), 2);
    // max = 4 related × 1 + 2 unrelated × 0.25
    assert_eq!(r["fnc_score"]["max"].as_f64(), Some(4.5));
    let score = r["fnc_score"]["score"].as_f64().unwrap();
    assert!((0.0..=4.5).contains(&score));
    let accuracy = r["accuracy"].as_f64().unwrap();
    assert_eq!(r["correct"].as_u64().unwrap() as f64 / 6.0, accuracy);
}

#[test]
fn fnc1_folder_finds_its_two_csv_files() {
    let by_file = eval_json(&["--dataset", "fnc1", &format!("{FIX}/fnc1_stances.csv")]);
    let by_folder = eval_json(&["--dataset", "fnc1", FIX]);
    assert_eq!(by_file["confusion"], by_folder["confusion"]);
}

#[test]
fn fever_two_class_detokenizes_and_dedupes_sources() {
    let r = eval_json(&["--dataset", "fever", &format!("{FIX}/fever.jsonl")]);
    assert_eq!(labels(&r), ["SUPPORTS", "REFUTES"]);
    assert_eq!(
        (
            r["items"].as_u64(),
            r["claims"].as_u64(),
            r["sources"].as_u64()
        ),
        (Some(4), Some(4), Some(2))
    );
    assert!(r.get("fnc_score").is_none());
    // a restated birth year supports; another year refutes
    assert!(cell(&r, "SUPPORTS", "supports") >= 1);
    assert!(cell(&r, "REFUTES", "refutes") >= 1);
    assert_eq!(r["total"], 4);

    cargo_bin_cmd!("claimcheck")
        .args([
            "eval",
            "--dataset",
            "fever",
            &format!("{FIX}/fever.jsonl"),
            "--errors",
            "5",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("accuracy"))
        .stdout(predicate::str::contains("-LRB-").not());
}

#[test]
fn climate_fever_at_sentence_and_claim_level() {
    let path = format!("{FIX}/climate-fever.jsonl");
    let r = eval_json(&["--dataset", "climate-fever", &path]);
    assert_eq!(labels(&r), ["SUPPORTS", "REFUTES", "NOT_ENOUGH_INFO"]);
    // five labelled sentences, one of them evidence for two claims
    assert_eq!(
        (r["items"].as_u64(), r["sources"].as_u64()),
        (Some(5), Some(4))
    );
    assert_eq!(row_total(&r, "NOT_ENOUGH_INFO"), 3);
    assert_eq!(cell(&r, "SUPPORTS", "supports"), 1);

    let r = eval_json(&["--dataset", "climate-fever-claims", &path]);
    assert_eq!(r["unit"], "claim");
    assert_eq!(
        labels(&r),
        ["SUPPORTS", "REFUTES", "DISPUTED", "NOT_ENOUGH_INFO"]
    );
    assert_eq!(
        r["columns"],
        serde_json::json!(["supported", "refuted", "disputed", "unverified"])
    );
    assert_eq!(r["items"], 3);
    assert_eq!(cell(&r, "SUPPORTS", "supported"), 1);
    assert_eq!(cell(&r, "NOT_ENOUGH_INFO", "unverified"), 1);
    // DISPUTED never occurs: it stays out of the macro average
    assert!(r["macro_classes"].as_u64().unwrap() <= 3);
}

#[test]
fn vitaminc_and_rte() {
    let r = eval_json(&["--dataset", "vitaminc", &format!("{FIX}/vitaminc.jsonl")]);
    assert_eq!(labels(&r), ["supports", "refutes", "not enough info"]);
    assert_eq!(r["items"], 3);
    assert_eq!(cell(&r, "not enough info", "not_mentioned"), 1);

    let r = eval_json(&["--dataset", "rte", &format!("{FIX}/rte.jsonl")]);
    assert_eq!(labels(&r), ["True", "False"]);
    // False is credited to every verdict but supports
    assert_eq!(
        r["credit"],
        serde_json::json!(["True", "False", "False", "False", "False"])
    );
    assert_eq!(cell(&r, "True", "supports"), 1);
    assert_eq!(cell(&r, "False", "supports"), 0);
    assert_eq!(r["accuracy"].as_f64(), Some(1.0));
}

#[test]
fn neutral_jsonl_skips_blank_lines_and_uses_the_labels_that_occur() {
    let r = eval_json(&["--dataset", "jsonl", &format!("{FIX}/neutral.jsonl")]);
    assert_eq!(
        labels(&r),
        ["supports", "refutes", "discusses", "not_mentioned"]
    );
    assert_eq!(r["items"], 4);
    assert_eq!(cell(&r, "supports", "supports"), 1);
    assert_eq!(cell(&r, "not_mentioned", "not_mentioned"), 1);
}

#[test]
fn limit_keeps_the_first_items() {
    let r = eval_json(&[
        "--dataset",
        "fnc1",
        &format!("{FIX}/fnc1_stances.csv"),
        "--limit",
        "2",
    ]);
    assert_eq!(r["items"], 2);
    assert_eq!(labels(&r).len(), 4);
    assert_eq!(row_total(&r, "agree") + row_total(&r, "disagree"), 2);
}

#[test]
fn errors_list_examples_per_wrong_cell_with_what_the_matcher_saw() {
    let r = eval_json(&[
        "--dataset",
        "fever",
        &format!("{FIX}/fever.jsonl"),
        "--errors",
        "1",
    ]);
    let cells = r["errors"].as_array().unwrap();
    let wrong = 4 - r["correct"].as_u64().unwrap();
    assert_eq!(
        cells
            .iter()
            .map(|c| c["count"].as_u64().unwrap())
            .sum::<u64>(),
        wrong
    );
    for c in cells {
        assert_ne!(c["predicted"], c["gold"].as_str().unwrap().to_lowercase());
        assert_eq!(c["examples"].as_array().unwrap().len(), 1);
        let example = &c["examples"][0];
        assert!(example["origin"].as_str().unwrap().contains("fever.jsonl:"));
        assert!(example["sources"][0]["text"].as_str().is_some());
    }
    // without --errors there is no such field
    let r = eval_json(&["--dataset", "fever", &format!("{FIX}/fever.jsonl")]);
    assert!(r.get("errors").is_none());
}

#[test]
fn text_output_has_the_tables_and_the_fnc_score() {
    cargo_bin_cmd!("claimcheck")
        .args([
            "eval",
            "--dataset",
            "fnc1",
            &format!("{FIX}/fnc1_stances.csv"),
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Confusion"))
        .stdout(predicate::str::contains("unrelated (not_mentioned)"))
        .stdout(predicate::str::contains("Per class"))
        .stdout(predicate::str::contains("macro-F1"))
        .stdout(predicate::str::contains("FNC-1 weighted score"));
}

#[test]
fn bad_label_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.jsonl");
    fs::write(
        &path,
        "{\"claim\": \"a b\", \"evidence\": \"a b\", \"label\": \"supports\"}\n\
         {\"claim\": \"a b\", \"evidence\": \"c d\", \"label\": \"supported\"}\n",
    )
    .unwrap();
    cargo_bin_cmd!("claimcheck")
        .args(["eval", "--dataset", "jsonl"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.jsonl:2"))
        .stderr(predicate::str::contains("unknown label `supported`"));
}

#[test]
fn missing_dataset_is_an_input_error() {
    cargo_bin_cmd!("claimcheck")
        .args(["eval", "--dataset", "fever", "no/such/file.jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/file.jsonl"));
}

/// `eval` is `check` on the same claims and sources: running `check` over
/// the neutral fixture written out as a claims file and a sources folder
/// gives the verdicts that `eval` scored.
#[test]
fn eval_agrees_with_check_on_the_same_pairs() {
    let rows: Vec<Value> = fs::read_to_string(format!("{FIX}/neutral.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let sources = dir.path().join("sources");
    fs::create_dir(&sources).unwrap();
    let (mut claims, mut evidences): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    let mut pairs = Vec::new();
    for row in &rows {
        let (c, e) = (
            row["claim"].as_str().unwrap(),
            row["evidence"].as_str().unwrap(),
        );
        let ci = claims.iter().position(|x| x == c).unwrap_or_else(|| {
            claims.push(c.to_string());
            claims.len() - 1
        });
        let ei = evidences.iter().position(|x| x == e).unwrap_or_else(|| {
            evidences.push(e.to_string());
            fs::write(sources.join(format!("evidence-{}.txt", evidences.len())), e).unwrap();
            evidences.len() - 1
        });
        pairs.push((ci, ei, row["label"].as_str().unwrap().to_string()));
    }
    let mut yaml = String::from("claims:\n");
    for (i, c) in claims.iter().enumerate() {
        yaml.push_str(&format!(
            "  - id: claim-{}\n    text: {}\n",
            i + 1,
            serde_json::to_string(c).unwrap()
        ));
    }
    let claims_file = dir.path().join("claims.yaml");
    fs::write(&claims_file, yaml).unwrap();
    let output = cargo_bin_cmd!("claimcheck")
        .env("CLAIMCHECK_CACHE_DIR", TEST_CACHE)
        .args(["check", "--format", "json", "--claims"])
        .arg(&claims_file)
        .arg("--sources")
        .arg(&sources)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let check: Value = serde_json::from_slice(&output.stdout).unwrap();

    let r = eval_json(&["--dataset", "jsonl", &format!("{FIX}/neutral.jsonl")]);
    let mut expected = std::collections::BTreeMap::new();
    for (ci, ei, label) in pairs {
        let verdicts = check["claims"][ci]["verdicts"].as_array().unwrap();
        let name = format!("evidence-{}.txt", ei + 1);
        let verdict = verdicts
            .iter()
            .find(|v| v["source"] == name.as_str())
            .map_or("not_mentioned".to_string(), |v| {
                v["verdict"].as_str().unwrap().to_string()
            });
        *expected.entry((label, verdict)).or_insert(0u64) += 1;
    }
    for ((label, verdict), n) in expected {
        assert_eq!(cell(&r, &label, &verdict), n, "{label} → {verdict}");
    }
}
