//! CLI scenarios of the regression commands (issue 3): `test`, `baseline
//! update`, `check --baseline`, `check --fail-on`, every output format,
//! and the exit codes (0 all hold, 1 failed, 2 input errors).

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

/// The cache the binary writes to in these tests: under the target
/// directory, never the user's.
const TEST_CACHE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/cache");

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn root(rel: &str) -> PathBuf {
    Path::new(ROOT).join(rel)
}

fn claimcheck() -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("claimcheck");
    cmd.current_dir(ROOT)
        .env("CLAIMCHECK_CACHE_DIR", TEST_CACHE)
        .env_remove("NO_COLOR")
        .arg("--color=never");
    cmd
}

/// `claimcheck --claims fixtures/regress/claims.yaml --sources SOURCES ARGS…`
fn fixture(sources: &Path, args: &[&str]) -> Command {
    let mut cmd = claimcheck();
    cmd.arg("--claims")
        .arg(root("fixtures/regress/claims.yaml"))
        .arg("--sources")
        .arg(sources)
        .args(args);
    cmd
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no `{from}`", path.display());
    fs::write(path, text.replace(from, to)).unwrap();
}

/// A copy of the fixture sources in a temporary directory.
fn fixture_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let sources = dir.path().join("sources");
    copy_dir(&root("fixtures/regress/sources"), &sources);
    (dir, sources)
}

/// Move the gazette's bridge opening a year back: the gazette now refutes
/// `bridge-2019` and contradicts the harbour article.
fn edit_bridge_date(sources: &Path) {
    replace_in(&sources.join("gazette.txt"), "May 4, 2019", "May 4, 2018");
}

fn fixture_sources() -> PathBuf {
    root("fixtures/regress/sources")
}

// ---- test --------------------------------------------------------------

#[test]
fn test_passes_when_every_expectation_holds() {
    fixture(&fixture_sources(), &["test"])
        .assert()
        .code(0)
        .stdout("15 expectations, 0 failed\n");
}

#[test]
fn test_fails_with_the_mismatch_and_the_evidence() {
    let (_dir, sources) = fixture_copy();
    edit_bridge_date(&sources);
    let gazette = sources.join("gazette.txt");
    fixture(&sources, &["test"])
        .assert()
        .code(1)
        .stdout(contains(
            "claim bridge-2019, gazette.txt: expected supports → got refutes",
        ))
        .stdout(contains(format!(
            "{}:3:1: refutes, date_mismatch",
            gazette.display()
        )))
        .stdout(contains("“The Marlow bridge opened on May 4, 2018.”"))
        .stdout(contains(
            "claim bridge-2019: expected status supported → got disputed",
        ))
        .stdout(contains("15 expectations, 2 failed"));
}

#[test]
fn test_reports_no_evidence() {
    let (_dir, sources) = fixture_copy();
    replace_in(
        &sources.join("gazette.txt"),
        "Carpathia does not export timber to Borduria.\n",
        "",
    );
    fixture(&sources, &["test"])
        .assert()
        .code(1)
        .stdout(contains(
            "claim carpathia-timber, gazette.txt: expected refutes → got not_mentioned\n    no evidence\n",
        ));
}

#[test]
fn test_input_errors_exit_2() {
    claimcheck()
        .args(["test", "--claims", "no/such/claims.yaml"])
        .arg("--sources")
        .arg(fixture_sources())
        .assert()
        .code(2)
        .stderr(contains("no/such/claims.yaml"));
    claimcheck()
        .arg("--claims")
        .arg(root("fixtures/regress/claims.yaml"))
        .args(["test", "--sources", "no/such/dir"])
        .assert()
        .code(2);
}

#[test]
fn test_input_errors_win_over_failures() {
    let (_dir, sources) = fixture_copy();
    edit_bridge_date(&sources);
    fs::write(sources.join("binary.txt"), b"\0\0\0").unwrap();
    fixture(&sources, &["test"])
        .assert()
        .code(2)
        .stdout(contains("expected supports → got refutes"))
        .stderr(contains("binary.txt"));
}

#[test]
fn test_formats() {
    let (_dir, sources) = fixture_copy();
    edit_bridge_date(&sources);
    fixture(&sources, &["test", "--format", "junit"])
        .assert()
        .code(1)
        .stdout(contains("<testsuites").and(contains("<failure")));
    fixture(&sources, &["test", "--format", "github"])
        .assert()
        .code(1)
        .stdout(contains("::error file=").and(contains(
            "claims.yaml,line=4,col=9,title=claimcheck expectation bridge-2019::",
        )));
    let out = fixture(&sources, &["test", "--format", "json"])
        .assert()
        .code(1);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["failed"], 2);
    assert_eq!(json["expectations"], 15);
    fixture(&fixture_sources(), &["test", "--format", "text"])
        .assert()
        .code(0);
    fixture(&fixture_sources(), &["test", "--format", "sarif"])
        .assert()
        .code(2)
        .stderr(contains("invalid value 'sarif'"));
}

/// The scenario of the issue: a date edited in a bundled seed breaks
/// the claim that relied on it.
#[test]
fn edited_seed_breaks_treaty_terminated_1995() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root("seeds"), dir.path());
    // Unedited, that claim holds (other bundled expectations may not yet).
    claimcheck()
        .arg("test")
        .arg("--sources")
        .arg(dir.path())
        .assert()
        .stdout(contains("treaty-terminated-1995").not());
    replace_in(&dir.path().join("002_d7ec3bd28dd0f3c5.txt"), "1995", "1996");
    claimcheck()
        .arg("test")
        .arg("--sources")
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(contains(
            "claim treaty-terminated-1995, 002_d7ec3bd28dd0f3c5.txt: expected supports → got refutes",
        ))
        .stdout(contains("“Russia officially terminated the treaty in 1996.”"));
}

#[test]
fn bundled_claims_hold_on_the_seeds() {
    claimcheck()
        .arg("test")
        .assert()
        .code(0)
        .stdout(contains(", 0 failed"));
}

// ---- baseline ------------------------------------------------------------

#[test]
fn baseline_update_writes_the_default_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = claimcheck();
    cmd.current_dir(dir.path())
        .arg("--claims")
        .arg(root("fixtures/regress/claims.yaml"))
        .arg("--sources")
        .arg(fixture_sources())
        .args(["baseline", "update"])
        .assert()
        .code(0)
        .stdout(contains(
            "wrote claimcheck.baseline.json: 12 verdicts (6 claims × 2 sources), 1 contradictions",
        ));
    let text = fs::read_to_string(dir.path().join("claimcheck.baseline.json")).unwrap();
    let baseline = claimcheck::baseline::Baseline::from_json(&text).unwrap();
    assert_eq!(baseline.verdicts.len(), 12);
    let mut sorted = baseline.verdicts.clone();
    sorted.sort_by(|a, b| (&a.claim, &a.source).cmp(&(&b.claim, &b.source)));
    assert_eq!(sorted, baseline.verdicts, "sorted by claim, then source");
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn baseline_update_refuses_a_partial_corpus() {
    let (dir, sources) = fixture_copy();
    fs::write(sources.join("binary.txt"), b"\0\0\0").unwrap();
    let output = dir.path().join("b.json");
    fixture(&sources, &["baseline", "update", "--output"])
        .arg(&output)
        .assert()
        .code(2)
        .stderr(contains("not writing"));
    assert!(!output.exists());
}

#[test]
fn baseline_unchanged_reports_no_changes() {
    let (dir, sources) = fixture_copy();
    let baseline = dir.path().join("b.json");
    fixture(&sources, &["baseline", "update", "-o"])
        .arg(&baseline)
        .assert()
        .code(0);
    fixture(
        &sources,
        &[
            "check",
            "--fail-on",
            "new-contradiction,changed",
            "--baseline",
        ],
    )
    .arg(&baseline)
    .assert()
    .code(0)
    .stdout(contains("Changes since baseline: none"))
    .stderr("");
    let out = fixture(&sources, &["check", "--format", "json", "--baseline"])
        .arg(&baseline)
        .assert()
        .code(0);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["changes"]["new_contradictions"], serde_json::json!([]));
    assert_eq!(json["version"], 1, "the contract's fields are still there");
}

#[test]
fn baseline_then_edited_date_is_a_new_contradiction() {
    let (dir, sources) = fixture_copy();
    let baseline = dir.path().join("b.json");
    fixture(&sources, &["baseline", "update", "--output"])
        .arg(&baseline)
        .assert()
        .code(0);
    edit_bridge_date(&sources);
    fixture(&sources, &["check", "--baseline"])
        .arg(&baseline)
        .assert()
        .code(0)
        .stdout(contains("Changes since baseline (2)"))
        .stdout(contains("new contradiction"))
        .stdout(contains("supports → refutes"));
    fixture(
        &sources,
        &["check", "--fail-on", "new-contradiction", "--baseline"],
    )
    .arg(&baseline)
    .assert()
    .code(1)
    .stderr(contains("1 new contradiction(s) since the baseline"));
    fixture(&sources, &["check", "--format", "github", "--baseline"])
        .arg(&baseline)
        .assert()
        .code(0)
        .stdout(contains("title=claimcheck contradiction bridge-2019"))
        .stdout(contains("fishing-2021").not());
    // Moving the date back resolves it.
    let fresh = dir.path().join("fresh.json");
    fixture(&sources, &["baseline", "update", "--output"])
        .arg(&fresh)
        .assert()
        .code(0);
    replace_in(&sources.join("gazette.txt"), "May 4, 2018", "May 4, 2019");
    fixture(&sources, &["check", "--baseline"])
        .arg(&fresh)
        .assert()
        .code(0)
        .stdout(contains("resolved contradiction"));
}

#[test]
fn bad_baseline_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.json");
    fixture(&fixture_sources(), &["check", "--baseline"])
        .arg(&missing)
        .assert()
        .code(2)
        .stderr(contains("cannot read baseline"));
    let foreign = dir.path().join("foreign.json");
    fs::write(&foreign, "{\"version\": 1}").unwrap();
    fixture(&fixture_sources(), &["check", "--baseline"])
        .arg(&foreign)
        .assert()
        .code(2)
        .stderr(contains("not a claimcheck baseline"));
}

// ---- --fail-on -----------------------------------------------------------

/// A claims file with only the claim every source supports.
fn quiet_claims(dir: &Path) -> PathBuf {
    let path = dir.join("quiet.yaml");
    fs::write(
        &path,
        "claims:\n  - id: bridge-2019\n    text: The Marlow bridge opened on May 4, 2019.\n",
    )
    .unwrap();
    path
}

#[test]
fn fail_on_each_value() {
    let sources = fixture_sources();
    let dir = tempfile::tempdir().unwrap();
    let quiet = quiet_claims(dir.path());
    let quiet_check = |fail_on: &str| {
        let mut cmd = claimcheck();
        cmd.arg("--claims")
            .arg(&quiet)
            .arg("--sources")
            .arg(&sources)
            .args(["check", "--format", "json", "--fail-on", fail_on]);
        cmd
    };
    // The fixture has a refuted claim, a disputed one and a contradiction.
    for (value, message) in [
        (
            "refuted",
            "1 refuted claim(s): carpathia-timber (--fail-on refuted)",
        ),
        (
            "disputed",
            "1 disputed claim(s): fishing-2021 (--fail-on disputed)",
        ),
        (
            "contradiction",
            "1 contradiction(s) (--fail-on contradiction)",
        ),
    ] {
        fixture(&sources, &["check", "--fail-on", value])
            .assert()
            .code(1)
            .stderr(contains(message));
        quiet_check(value).assert().code(0).stderr("");
    }
    fixture(&sources, &["check", "--fail-on", "never"])
        .assert()
        .code(0);
    fixture(&sources, &["check"]).assert().code(0);
    fixture(&sources, &["check", "--fail-on", "refuted,disputed"])
        .assert()
        .code(1)
        .stderr(contains("refuted claim(s)").and(contains("disputed claim(s)")));
    fixture(&sources, &["check", "--fail-on", "nonsense"])
        .assert()
        .code(2);
    // The baseline conditions need a baseline…
    for value in ["new-contradiction", "changed"] {
        fixture(&sources, &["check", "--fail-on", value])
            .assert()
            .code(2)
            .stderr(contains(format!(
                "--fail-on {value} compares with a baseline"
            )));
    }
    // …and fail only on what changed since.
    let baseline = dir.path().join("b.json");
    fixture(&sources, &["baseline", "update", "-o"])
        .arg(&baseline)
        .assert()
        .code(0);
    for value in ["new-contradiction", "changed"] {
        fixture(&sources, &["check", "--fail-on", value, "--baseline"])
            .arg(&baseline)
            .assert()
            .code(0);
    }
    let (_copy, edited) = fixture_copy();
    replace_in(
        &edited.join("harbor.txt"),
        "after three years of work",
        "after four years of work",
    );
    fixture(
        &edited,
        &["check", "--fail-on", "new-contradiction", "--baseline"],
    )
    .arg(&baseline)
    .assert()
    .code(0);
    fixture(&edited, &["check", "--fail-on", "changed", "--baseline"])
        .arg(&baseline)
        .assert()
        .code(1)
        .stderr(contains("1 change(s) since the baseline"))
        .stdout(contains("evidence changed"));
    edit_bridge_date(&edited);
    fixture(
        &edited,
        &["check", "--fail-on", "new-contradiction", "--baseline"],
    )
    .arg(&baseline)
    .assert()
    .code(1);
}

// ---- formats -------------------------------------------------------------

#[test]
fn check_every_format() {
    let sources = fixture_sources();
    let run = |format: &str| {
        let out = fixture(&sources, &["check", "--format", format])
            .assert()
            .code(0);
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    assert!(run("table").contains("Verdicts (6 claims × 2 sources)"));
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert!(json.get("changes").is_none());
    let jsonl = run("jsonl");
    assert!(
        jsonl
            .lines()
            .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok())
    );
    assert!(jsonl.contains("\"type\":\"contradiction\""));
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        uri.starts_with("file:///") && uri.ends_with("fixtures/regress/sources/gazette.txt"),
        "{uri}"
    );
    assert!(roxmltree::Document::parse(&run("junit")).is_ok());
    assert!(run("github").starts_with("::error file="));
    let reviews: serde_json::Value = serde_json::from_str(&run("claimreview")).unwrap();
    assert_eq!(reviews[0]["@type"], "ClaimReview");
}

#[test]
fn relative_sources_give_relative_paths() {
    let mut cmd = claimcheck();
    cmd.args([
        "--claims",
        "fixtures/regress/claims.yaml",
        "--sources",
        "./fixtures/regress/sources",
        "check",
        "--format",
        "github",
    ])
    .assert()
    .code(0)
    .stdout(contains(
        "::error file=fixtures/regress/sources/gazette.txt,line=4,col=1,",
    ));
}
