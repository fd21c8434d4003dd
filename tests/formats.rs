//! Every output format of `check` and `test` on fixtures/regress: insta
//! snapshots, plus validity checks (SARIF shape, JUnit parses as XML,
//! ClaimReview fields, JSON Lines, workflow commands).
//!
//! Runs the library in-process with relative paths (cargo runs tests in
//! the package root), so the snapshots hold no machine-specific paths.

use std::path::PathBuf;

use claimcheck::app::{self, Outcome};
use claimcheck::baseline::Baseline;
use claimcheck::cli::{Action, Options};
use claimcheck::cli::{CacheChoice, ConfigChoice};
use claimcheck::gate::FailOn;
use claimcheck::render::{Format, Style, TestFormat};
use claimcheck::verdict::Verdict;
use serde_json::Value;

const CLAIMS: &str = "fixtures/regress/claims.yaml";
const WRONG: &str = "fixtures/regress/wrong/claims.yaml";
const SOURCES: &str = "fixtures/regress/sources";

fn run_with(action: Action, claims: &str) -> (Outcome, String, String) {
    let options = Options {
        action,
        claims: vec![PathBuf::from(claims)],
        sources: vec![PathBuf::from(SOURCES)],
        style: Style { color: false },
        config: ConfigChoice::Off,
        claims_given: true,
        sources_given: true,
        jobs: None,
        limits: Default::default(),
        stats: Vec::new(),
        // In-process runs leave the user's cache alone.
        cache: CacheChoice::Off,
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let outcome = app::run(&options, &mut out, &mut err).expect("run");
    (
        outcome,
        String::from_utf8(out).expect("utf-8 output"),
        String::from_utf8(err).expect("utf-8 diagnostics"),
    )
}

fn check(format: Format) -> String {
    let (outcome, out, err) = run_with(
        Action::Check {
            format,
            baseline: None,
            fail_on: vec![FailOn::Never],
        },
        CLAIMS,
    );
    assert_eq!(outcome, Outcome::Clean, "{err}");
    out
}

fn test(format: TestFormat, claims: &str) -> (Outcome, String) {
    let (outcome, out, _) = run_with(Action::Test { format }, claims);
    (outcome, out)
}

/// A baseline of the fixture in which the contradiction is missing and
/// one verdict differs, so that `check --baseline` has changes to show.
fn stale_baseline(dir: &tempfile::TempDir) -> PathBuf {
    let report_json = check(Format::Json);
    let report: claimcheck::report::Report = serde_json::from_str(&report_json).unwrap();
    let mut baseline = Baseline::from_report(&report);
    baseline.contradictions.clear();
    let flip = baseline
        .verdicts
        .iter_mut()
        .find(|v| v.claim == "carpathia-timber" && v.source == "gazette.txt")
        .unwrap();
    flip.verdict = Verdict::Discusses;
    baseline.sources.push("retired.txt".to_string());
    let path = dir.path().join("claimcheck.baseline.json");
    baseline.write(&path).unwrap();
    path
}

fn check_with_baseline(format: Format) -> String {
    let dir = tempfile::tempdir().unwrap();
    let baseline = stale_baseline(&dir);
    let (outcome, out, err) = run_with(
        Action::Check {
            format,
            baseline: Some(baseline),
            fail_on: Vec::new(),
        },
        CLAIMS,
    );
    assert_eq!(outcome, Outcome::Clean, "{err}");
    out
}

// ---- snapshots: check ------------------------------------------------------

#[test]
fn snapshot_check_table_with_baseline() {
    insta::assert_snapshot!("check_table_baseline", check_with_baseline(Format::Table));
}

#[test]
fn snapshot_check_json_with_baseline() {
    insta::assert_snapshot!("check_json_baseline", check_with_baseline(Format::Json));
}

#[test]
fn snapshot_check_jsonl() {
    insta::assert_snapshot!("check_jsonl", check(Format::Jsonl));
}

#[test]
fn snapshot_check_sarif() {
    insta::assert_snapshot!("check_sarif", check(Format::Sarif));
}

#[test]
fn snapshot_check_junit() {
    insta::assert_snapshot!("check_junit", check(Format::Junit));
}

#[test]
fn snapshot_check_github() {
    insta::assert_snapshot!("check_github", check(Format::Github));
}

#[test]
fn snapshot_check_claimreview() {
    insta::assert_snapshot!("check_claimreview", check(Format::Claimreview));
}

// ---- snapshots: test -------------------------------------------------------

#[test]
fn snapshot_test_text_passing() {
    let (outcome, out) = test(TestFormat::Text, CLAIMS);
    assert_eq!(outcome, Outcome::Clean);
    insta::assert_snapshot!("test_text_passing", out);
}

#[test]
fn snapshot_test_text_failing() {
    let (outcome, out) = test(TestFormat::Text, WRONG);
    assert_eq!(outcome, Outcome::Failed);
    insta::assert_snapshot!("test_text_failing", out);
}

#[test]
fn snapshot_test_junit_failing() {
    let (outcome, out) = test(TestFormat::Junit, WRONG);
    assert_eq!(outcome, Outcome::Failed);
    insta::assert_snapshot!("test_junit_failing", out);
}

#[test]
fn snapshot_test_github_failing() {
    let (outcome, out) = test(TestFormat::Github, WRONG);
    assert_eq!(outcome, Outcome::Failed);
    insta::assert_snapshot!("test_github_failing", out);
}

#[test]
fn snapshot_test_json_failing() {
    let (outcome, out) = test(TestFormat::Json, WRONG);
    assert_eq!(outcome, Outcome::Failed);
    insta::assert_snapshot!("test_json_failing", out);
}

// ---- validity --------------------------------------------------------------

#[test]
fn sarif_is_valid_2_1_0() {
    let text = check(Format::Sarif);
    let sarif: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(sarif["$schema"].as_str().unwrap().contains("sarif"));
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "claimcheck");
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let rule = result["ruleId"].as_str().unwrap();
        assert!(rule.starts_with("claimcheck/"), "{rule}");
        assert!(rules.contains(&rule), "rule {rule} is declared");
        assert!(matches!(
            result["level"].as_str(),
            Some("error" | "warning")
        ));
        assert!(!result["message"]["text"].as_str().unwrap().is_empty());
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.starts_with("fixtures/regress/sources/"), "{uri}");
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(location["region"]["startColumn"].as_u64().unwrap() >= 1);
    }
    let levels: Vec<(&str, &str)> = results
        .iter()
        .map(|r| (r["ruleId"].as_str().unwrap(), r["level"].as_str().unwrap()))
        .collect();
    assert!(
        levels.contains(&("claimcheck/date_mismatch", "error")),
        "{levels:?}"
    );
    assert!(
        levels.contains(&("claimcheck/negation", "error")),
        "{levels:?}"
    );
    assert!(
        levels.contains(&("claimcheck/hedged", "warning")),
        "{levels:?}"
    );
    assert!(
        levels.contains(&("claimcheck/contradiction/date_mismatch", "error")),
        "{levels:?}"
    );
    // And it reads back into the typed SARIF model.
    let typed: serde_sarif::sarif::Sarif = serde_json::from_str(&text).unwrap();
    assert_eq!(typed.runs.len(), 1);
}

#[test]
fn sarif_marks_baseline_state() {
    let sarif: Value = serde_json::from_str(&check_with_baseline(Format::Sarif)).unwrap();
    let states: Vec<(&str, &str)> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap(),
                r["baselineState"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        states.contains(&("claimcheck/contradiction/date_mismatch", "new")),
        "{states:?}"
    );
    assert!(
        states.contains(&("claimcheck/negation", "new")),
        "{states:?}"
    );
    assert!(
        states.contains(&("claimcheck/hedged", "unchanged")),
        "{states:?}"
    );
}

fn junit_cases(xml: &str) -> Vec<(String, bool, bool)> {
    let doc = roxmltree::Document::parse(xml).expect("JUnit output is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), 1, "one test suite");
    suites[0]
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .map(|case| {
            let failed = case.children().any(|n| n.has_tag_name("failure"));
            let skipped = case.children().any(|n| n.has_tag_name("skipped"));
            (case.attribute("name").unwrap().to_string(), failed, skipped)
        })
        .collect()
}

#[test]
fn junit_check_parses_and_fails_refuted_and_disputed() {
    let cases = junit_cases(&check(Format::Junit));
    assert_eq!(cases.len(), 6, "one test case per claim");
    let failed: Vec<&str> = cases.iter().filter(|c| c.1).map(|c| c.0.as_str()).collect();
    assert_eq!(failed, ["fishing-2021", "carpathia-timber"]);
}

#[test]
fn junit_test_parses_with_failures_and_skips() {
    let (_, xml) = test(TestFormat::Junit, WRONG);
    let cases = junit_cases(&xml);
    assert_eq!(cases.len(), 5);
    let failed: Vec<&str> = cases.iter().filter(|c| c.1).map(|c| c.0.as_str()).collect();
    assert_eq!(failed, ["bridge-2019", "carpathia-timber", "moon-landing"]);
    let skipped: Vec<&str> = cases.iter().filter(|c| c.2).map(|c| c.0.as_str()).collect();
    assert_eq!(skipped, ["harbour-workers"]);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let failure = doc
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert!(
        failure
            .attribute("message")
            .unwrap()
            .contains("claim bridge-2019, gazette.txt: expected refutes → got supports")
    );
}

#[test]
fn claimreview_has_the_schema_org_fields() {
    let reviews: Value = serde_json::from_str(&check(Format::Claimreview)).unwrap();
    let reviews = reviews.as_array().unwrap();
    assert_eq!(reviews.len(), 6);
    for review in reviews {
        assert_eq!(review["@context"], "https://schema.org");
        assert_eq!(review["@type"], "ClaimReview");
        assert!(review["claimReviewed"].is_string());
        let rating = &review["reviewRating"];
        assert_eq!(rating["@type"], "Rating");
        assert!(rating["alternateName"].is_string());
        let value = rating["ratingValue"].as_u64().unwrap();
        assert!((1..=5).contains(&value));
        assert_eq!(review["itemReviewed"]["@type"], "Claim");
        assert!(review["itemReviewed"]["appearance"].is_array());
        assert_eq!(review["author"]["name"], "claimcheck");
        assert_eq!(
            review["datePublished"], "2021-07-15",
            "the newest source's date"
        );
    }
    let rating = |id: &str| {
        let r = reviews.iter().find(|r| r["identifier"] == id).unwrap();
        (
            r["reviewRating"]["alternateName"].clone(),
            r["reviewRating"]["ratingValue"].clone(),
        )
    };
    assert_eq!(rating("bridge-2019"), ("supported".into(), 5.into()));
    assert_eq!(rating("carpathia-timber"), ("refuted".into(), 1.into()));
    assert_eq!(rating("fishing-2021"), ("disputed".into(), 3.into()));
    assert_eq!(rating("moon-landing"), ("unverified".into(), 3.into()));
    let harbor = reviews
        .iter()
        .find(|r| r["identifier"] == "bridge-2019")
        .unwrap()["itemReviewed"]["appearance"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["identifier"] == "harbor.txt")
        .unwrap()
        .clone();
    assert_eq!(harbor["url"], "https://example.org/news/marlow-harbour");
}

#[test]
fn jsonl_lists_every_pair_and_contradiction() {
    let out = check(Format::Jsonl);
    let records: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let verdicts = records.iter().filter(|r| r["type"] == "verdict").count();
    assert_eq!(
        verdicts,
        6 * 2,
        "every (claim, source), not_mentioned included"
    );
    assert!(
        records
            .iter()
            .any(|r| r["type"] == "verdict" && r["verdict"] == "not_mentioned")
    );
    assert_eq!(
        records
            .iter()
            .filter(|r| r["type"] == "contradiction")
            .count(),
        1
    );
}

#[test]
fn github_lines_are_workflow_commands() {
    let out = check(Format::Github);
    assert!(!out.is_empty());
    for line in out.lines() {
        assert!(
            line.starts_with("::error file=fixtures/regress/sources/")
                || line.starts_with("::warning file=fixtures/regress/sources/"),
            "{line}"
        );
        let (properties, message) = line[2..].split_once("::").unwrap();
        assert!(
            properties.contains(",line=")
                && properties.contains(",col=")
                && properties.contains(",title=claimcheck ")
        );
        assert!(!message.contains('\n'));
    }
}

#[test]
fn plain_check_is_unchanged_by_the_new_code() {
    // Without --baseline the table and JSON are exactly what `render`
    // writes, with no changes section or field.
    let table = check(Format::Table);
    assert!(!table.contains("Changes since baseline"));
    let json: Value = serde_json::from_str(&check(Format::Json)).unwrap();
    assert!(json.get("changes").is_none());
}
