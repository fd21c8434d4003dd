//! Scenario tests of `claimcheck draft`: one fixture per finding kind
//! against the bundled claims/ and seeds/, exit codes, standard input,
//! severity flags, the project config, and a snapshot of every format on
//! a small self-contained world (fixtures/drafts/world/).

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

/// The cache the binary writes to in these tests: under the target
/// directory, never the user's.
const TEST_CACHE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/cache");

const WORLD_CLAIMS: &str = "fixtures/drafts/world/claims.yaml";
const WORLD_SOURCES: &str = "fixtures/drafts/world/sources";
const WORLD_DRAFT: &str = "fixtures/drafts/world/draft.md";

/// `claimcheck --no-config --color never draft ARGS...` in the crate root.
fn draft(args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("claimcheck").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("CLAIMCHECK_CACHE_DIR", TEST_CACHE)
        .args(["--no-config", "--color", "never", "draft"])
        .args(args);
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

/// The header lines (`path:line:col: severity[code] message`) only.
fn headers(out: &str) -> Vec<&str> {
    out.lines()
        .filter(|l| l.starts_with("fixtures/") || l.starts_with("<stdin>"))
        .filter(|l| l.contains(": error[") || l.contains(": warning[") || l.contains(": info["))
        .collect()
}

#[test]
fn contradicting_an_established_claim_is_an_error() {
    let assert = draft(&["fixtures/drafts/contradicts.md"]).assert().code(1);
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert_eq!(
        headers(&out),
        [
            "fixtures/drafts/contradicts.md:5:58: error[date_mismatch] \"1971\" — the sources give 1961",
            "fixtures/drafts/contradicts.md:8:6: error[number_mismatch] \"three\" — the sources give five",
        ],
        "{out}"
    );
    assert!(
        out.contains(
            "  claim china-nk-alliance-1961 (supported by 1 source: 000_21df63cfc96a9831.txt:15)"
        ),
        "{out}"
    );
    assert!(out.contains("5 | China and North Korea have had a military alliance since 1971. The two\n  |                                                          ^^^^\n"), "{out}");
    assert!(
        out.ends_with(
            "fixtures/drafts/contradicts.md: 2 errors, 0 warnings (5 sentences, 3 match no claim)\n"
        ),
        "{out}"
    );
}

#[test]
fn repeating_a_refuted_claim_is_a_warning() {
    let assert = draft(&["fixtures/drafts/repeats.md"]).assert().code(0);
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert_eq!(
        headers(&out),
        [
            "fixtures/drafts/repeats.md:3:1: warning[repeats_refuted] repeats a refuted claim: Vietnam does not enforce sanctions on North Korea."
        ],
        "{out}"
    );
    assert!(
        out.contains(
            "claim vietnam-ignores-sanctions (refuted by 1 source: 000_21df63cfc96a9831.txt:43)"
        ),
        "{out}"
    );
}

#[test]
fn agreeing_is_info_shown_only_with_verbose() {
    let quiet = stdout_of(&mut draft(&["fixtures/drafts/agrees.md"]));
    assert!(headers(&quiet).is_empty(), "{quiet}");
    assert!(quiet.contains("1 below --min-severity warning"), "{quiet}");
    let assert = draft(&["fixtures/drafts/agrees.md", "--verbose"])
        .assert()
        .code(0);
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert_eq!(
        headers(&out),
        [
            "fixtures/drafts/agrees.md:3:1: info[agrees] agrees with the sources: Kim Jong-un met Putin in the Russian Far East in 2019."
        ],
        "{out}"
    );
}

#[test]
fn prose_no_claim_speaks_to_is_unchecked() {
    draft(&["fixtures/drafts/unchecked.md", "--verbose"])
        .assert()
        .code(0)
        .stdout("fixtures/drafts/unchecked.md: 0 errors, 0 warnings, 0 infos (3 sentences, 3 match no claim)\n");
}

#[test]
fn suppression_comments_silence_findings() {
    let assert = draft(&["fixtures/drafts/suppressed.md"]).assert().code(0);
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert_eq!(
        headers(&out),
        [
            "fixtures/drafts/suppressed.md:14:1: warning[repeats_refuted] repeats a refuted claim: Vietnam does not enforce sanctions on North Korea."
        ],
        "{out}"
    );
    assert!(out.contains("3 suppressed"), "{out}");
}

#[test]
fn columns_survive_front_matter_code_tables_and_multibyte_text() {
    let assert = draft(&["fixtures/drafts/tricky.md"]).assert().code(1);
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert_eq!(
        headers(&out),
        ["fixtures/drafts/tricky.md:20:83: error[date_mismatch] \"1971\" — the sources give 1961"],
        "{out}"
    );
    // The carets sit under "1971" in display columns: 東京 is two wide.
    let caret_line = out.lines().find(|l| l.contains('^')).unwrap();
    let text_line = out.lines().find(|l| l.starts_with("20 | ")).unwrap();
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let caret_at = width(&caret_line[..caret_line.find('^').unwrap()]);
    let year_at = width(&text_line[..text_line.rfind("1971").unwrap()]);
    assert_eq!(caret_at, year_at, "{out}");

    let json = stdout_of(&mut draft(&[
        "fixtures/drafts/tricky.md",
        "--format",
        "json",
    ]));
    let findings: serde_json::Value = serde_json::from_str(&json).unwrap();
    let f = &findings[0];
    assert_eq!(
        (&f["line"], &f["column"], &f["end_line"], &f["end_column"]),
        (&20.into(), &83.into(), &20.into(), &87.into())
    );
    assert_eq!(f["text"], "1971");
}

#[test]
fn standard_input_is_read_as_markdown() {
    let text = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/drafts/contradicts.md"),
    )
    .unwrap();
    let assert = draft(&["-"]).write_stdin(text).assert().code(1);
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(
        out.starts_with("<stdin>:5:58: error[date_mismatch]"),
        "{out}"
    );
}

#[test]
fn plain_text_drafts_are_segmented_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    fs::write(
        &path,
        "Notes\n\nOnly three socialist states remain today.\n",
    )
    .unwrap();
    let assert = draft(&[path.to_str().unwrap()]).assert().code(1);
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(
        out.contains("notes.txt:3:6: error[number_mismatch] \"three\""),
        "{out}"
    );
}

#[test]
fn min_severity_error_hides_warnings() {
    draft(&["fixtures/drafts/repeats.md", "--min-severity", "error"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning[").not())
        .stdout(predicate::str::contains("below --min-severity error"));
}

#[test]
fn min_severity_info_shows_agreements() {
    draft(&["fixtures/drafts/agrees.md", "--min-severity", "info"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("info[agrees]"));
}

#[test]
fn no_exit_reports_errors_but_exits_zero() {
    draft(&["fixtures/drafts/contradicts.md", "--no-exit"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("error[date_mismatch]"));
}

#[test]
fn unreadable_draft_is_an_input_error() {
    draft(&["fixtures/drafts/no-such-draft.md"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("no-such-draft.md: cannot read"));
}

#[test]
fn no_exit_does_not_hide_input_errors() {
    draft(&[
        "fixtures/drafts/contradicts.md",
        "--no-exit",
        "--claims",
        "fixtures/drafts/none.yaml",
    ])
    .assert()
    .code(2);
}

#[test]
fn misspelt_directives_and_unknown_ids_are_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.md");
    fs::write(
        &path,
        "<!-- claimcheck-disabel -->\n\n<!-- claimcheck-disable five-socialist-state -->\n\nOnly three socialist states remain today.\n",
    )
    .unwrap();
    // Neither comment silences anything: the error stands.
    draft(&[path.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "1:1: unknown directive `claimcheck-disabel`; did you mean `claimcheck-disable`?",
        ))
        .stderr(predicate::str::contains(
            "3:1: no claim with id `five-socialist-state`; did you mean `five-socialist-states`?",
        ));
}

#[test]
fn a_draft_that_is_a_source_does_not_vouch_for_itself() {
    draft(&["seeds/000_21df63cfc96a9831.txt"])
        .assert()
        .stderr(predicate::str::contains(
            "source 000_21df63cfc96a9831.txt is the draft itself; left out",
        ));
}

// --- project config ---------------------------------------------------------

/// A project in a temporary directory: the world fixture plus `config`.
fn project(config: &str) -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("data/sources")).unwrap();
    fs::create_dir_all(dir.path().join("articles")).unwrap();
    fs::copy(root.join(WORLD_CLAIMS), dir.path().join("data/claims.yaml")).unwrap();
    for name in ["a.txt", "b.txt"] {
        fs::copy(
            root.join(WORLD_SOURCES).join(name),
            dir.path().join("data/sources").join(name),
        )
        .unwrap();
    }
    fs::copy(root.join(WORLD_DRAFT), dir.path().join("articles/draft.md")).unwrap();
    fs::write(dir.path().join("claimcheck.toml"), config).unwrap();
    dir
}

fn in_project(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("claimcheck").unwrap();
    cmd.current_dir(dir)
        .env("CLAIMCHECK_CACHE_DIR", TEST_CACHE)
        .args(["--color", "never"])
        .args(args);
    cmd
}

#[test]
fn config_is_discovered_upwards_with_paths_relative_to_it() {
    let dir = project(
        "claims = [\"data/claims.yaml\"]\nsources = [\"data/sources\"]\nformat = \"github\"\n",
    );
    in_project(&dir.path().join("articles"), &["draft", "draft.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "::error file=draft.md,line=10,col=26,",
        ));
}

#[test]
fn flags_override_the_config() {
    let dir = project(
        "claims = [\"data/claims.yaml\"]\nsources = [\"data/sources\"]\nformat = \"github\"\nmin_severity = \"error\"\n",
    );
    in_project(
        &dir.path().join("articles"),
        &[
            "draft",
            "draft.md",
            "--format",
            "json",
            "--min-severity",
            "warning",
        ],
    )
    .assert()
    .code(1)
    .stdout(predicate::str::starts_with("[\n"))
    .stdout(predicate::str::contains("\"severity\": \"warning\""));
}

#[test]
fn config_applies_to_check_too() {
    let dir = project("claims = [\"data/claims.yaml\"]\nsources = [\"data/sources\"]\n");
    in_project(dir.path(), &["check", "--format", "json"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"treaty-2021\""));
}

#[test]
fn unknown_config_key_is_an_input_error_with_a_hint() {
    let dir = project("claims = [\"data/claims.yaml\"]\nsoruces = [\"data/sources\"]\n");
    in_project(dir.path(), &["draft", "articles/draft.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "claimcheck.toml:2:1: unknown key `soruces`",
        ))
        .stderr(predicate::str::contains("did you mean `sources`?"));
}

#[test]
fn no_config_and_explicit_config() {
    let dir = project("soruces = 1\n");
    // --no-config skips the broken file.
    in_project(
        dir.path(),
        &[
            "--no-config",
            "draft",
            "articles/draft.md",
            "--claims",
            "data/claims.yaml",
            "--sources",
            "data/sources",
        ],
    )
    .assert()
    .code(1);
    // --config names another file.
    fs::write(
        dir.path().join("other.toml"),
        "claims = [\"data/claims.yaml\"]\nsources = [\"data/sources\"]\n",
    )
    .unwrap();
    in_project(
        dir.path(),
        &["--config", "other.toml", "draft", "articles/draft.md"],
    )
    .assert()
    .code(1);
}

// --- snapshots of every format -------------------------------------------------

fn world(format: &str) -> String {
    stdout_of(&mut draft(&[
        WORLD_DRAFT,
        "--claims",
        WORLD_CLAIMS,
        "--sources",
        WORLD_SOURCES,
        "--verbose",
        "--format",
        format,
    ]))
}

#[test]
fn snapshot_line() {
    insta::assert_snapshot!("world_line", world("line"));
}

#[test]
fn snapshot_json() {
    insta::assert_snapshot!("world_json", world("json"));
}

#[test]
fn snapshot_sarif() {
    insta::assert_snapshot!("world_sarif", world("sarif"));
}

#[test]
fn snapshot_github() {
    insta::assert_snapshot!("world_github", world("github"));
}

#[test]
fn standings_agree_with_check() {
    let mut check = Command::cargo_bin("claimcheck").unwrap();
    check
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("CLAIMCHECK_CACHE_DIR", TEST_CACHE)
        .args(["--no-config", "check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout_of(&mut check)).unwrap();
    let status = |id: &str| {
        report["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .map(|c| c["status"].as_str().unwrap().to_string())
            .unwrap()
    };
    let mut args = vec!["--verbose", "--format", "json"];
    let drafts = [
        "fixtures/drafts/contradicts.md",
        "fixtures/drafts/repeats.md",
        "fixtures/drafts/agrees.md",
        "fixtures/drafts/suppressed.md",
        "fixtures/drafts/tricky.md",
    ];
    args.extend(drafts);
    let findings: serde_json::Value = serde_json::from_str(&stdout_of(&mut draft(&args))).unwrap();
    let findings = findings.as_array().unwrap();
    for d in drafts {
        assert!(findings.iter().any(|f| f["path"] == d), "no finding in {d}");
    }
    for f in findings {
        let expected = match f["code"].as_str().unwrap() {
            "repeats_refuted" => "refuted",
            "repeats_disputed" => "disputed",
            _ => "supported",
        };
        let claim = f["claim"].as_str().unwrap();
        assert_eq!(status(claim), expected, "{claim} in {}", f["path"]);
    }
}
