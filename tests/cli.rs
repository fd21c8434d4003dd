//! CLI scenario tests: run the `claimcheck` binary on the fixtures under
//! `fixtures/` and check exit codes, stdout, stderr and the JSON contract.
//!
//! `fixtures/mini` is a hand-written corpus where every verdict is known:
//! see the `note:`s in `fixtures/mini/claims.yaml`. `fixtures/bad` holds
//! one malformed claims file per error. Binary and non-UTF-8 articles are
//! generated at test time in a temporary directory.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use claimcheck::report::{ClaimReport, REPORT_VERSION, Report};
use claimcheck::verdict::{ClaimStatus, Reason, Stance, Verdict};

/// The cache the binary writes to in these tests: under the target
/// directory, never the user's.
const TEST_CACHE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/cache");

const MINI_CLAIMS: &str = "fixtures/mini/claims.yaml";
const MINI_SOURCES: &str = "fixtures/mini/sources";
/// Readable sources (`good.txt`, `empty.txt`) for the malformed-claims runs.
const PLAIN_SOURCES: &str = "fixtures/bad/sources";

/// The binary, run from the crate root, with no colour hints from the
/// environment of whoever runs the tests.
fn claimcheck() -> Command {
    let mut cmd = Command::cargo_bin("claimcheck").expect("the claimcheck binary is built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("CLAIMCHECK_CACHE_DIR", TEST_CACHE)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("FORCE_COLOR");
    cmd
}

/// Run `cmd` and check the one thing every run must satisfy: it did not
/// panic, whatever it printed.
fn run(cmd: &mut Command) -> Output {
    let output = cmd.output().expect("claimcheck runs");
    let (stdout, stderr) = texts(&output);
    assert!(
        !stdout.contains("panicked"),
        "stdout mentions a panic:\n{stdout}"
    );
    assert!(
        !stderr.contains("panicked"),
        "stderr mentions a panic:\n{stderr}"
    );
    output
}

fn texts(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn code(output: &Output) -> i32 {
    output
        .status
        .code()
        .expect("claimcheck exits normally, not by a signal")
}

/// `check --format json` on the mini corpus.
fn mini_json() -> Output {
    run(claimcheck().args([
        "check",
        "--format",
        "json",
        "--claims",
        MINI_CLAIMS,
        "--sources",
        MINI_SOURCES,
    ]))
}

fn parse_report(output: &Output) -> Report {
    let (stdout, stderr) = texts(output);
    serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("stdout is not a Report ({e}):\n{stdout}\nstderr:\n{stderr}"))
}

fn claim<'r>(report: &'r Report, id: &str) -> &'r ClaimReport {
    report
        .claims
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| {
            let ids: Vec<&str> = report.claims.iter().map(|c| c.id.as_str()).collect();
            panic!("no claim `{id}` in the report; claims: {ids:?}")
        })
}

/// The reasons of the evidence `source` gave for `claim`.
fn reasons(claim: &ClaimReport, source: &str) -> Vec<(Stance, Reason)> {
    claim
        .verdicts
        .iter()
        .filter(|v| v.source == source)
        .flat_map(|v| v.evidence.iter().map(|e| (e.stance, e.reason)))
        .collect()
}

/// Run with one malformed claims file and the good sources; check exit 2,
/// no report, and an error naming the file with a `:LINE:COL:` location.
/// Returns stderr for the file-specific checks.
fn bad_claims(file: &str) -> String {
    let output = run(claimcheck().args(["--claims", file, "--sources", PLAIN_SOURCES]));
    let (stdout, stderr) = texts(&output);
    assert_eq!(
        code(&output),
        2,
        "{file}: expected exit 2; stderr:\n{stderr}"
    );
    assert!(
        stdout.is_empty(),
        "{file}: no report expected, got:\n{stdout}"
    );
    assert!(
        stderr.contains("claimcheck: error: "),
        "{file}: expected `claimcheck: error: ...`, got:\n{stderr}"
    );
    assert!(
        has_location(&stderr, file),
        "{file}: expected `{file}:LINE:COL:` in stderr, got:\n{stderr}"
    );
    stderr
}

/// Whether `text` holds `file:LINE:COL:` with numeric line and column.
fn has_location(text: &str, file: &str) -> bool {
    line_col_after(text, file).any(|rest| rest.starts_with(':'))
}

/// Whether `text` holds `file:LINE:COL`, however it goes on.
fn has_line_col(text: &str, file: &str) -> bool {
    line_col_after(text, file).next().is_some()
}

/// For each `file:LINE:COL` in `text`, the text after it.
fn line_col_after<'t>(text: &'t str, file: &str) -> impl Iterator<Item = &'t str> {
    let needle = format!("{file}:");
    let found: Vec<&str> = text
        .match_indices(&needle)
        .map(|(at, m)| &text[at + m.len()..])
        .filter_map(|rest| {
            let rest = digits_then(rest, ':')?;
            let col_len = rest.bytes().take_while(u8::is_ascii_digit).count();
            (col_len > 0).then(|| &rest[col_len..])
        })
        .collect();
    found.into_iter()
}

/// `s` without its leading digits and then `sep`, if it has both.
fn digits_then(s: &str, sep: char) -> Option<&str> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    (n > 0).then(|| s[n..].strip_prefix(sep)).flatten()
}

// --- the default run ----------------------------------------------------------

#[test]
fn default_run_in_repo_root_prints_three_tables() {
    let output = run(&mut claimcheck());
    let (stdout, stderr) = texts(&output);
    assert_eq!(code(&output), 0, "stderr:\n{stderr}");
    for heading in ["Verdicts", "Contradictions", "Source reliability"] {
        assert!(stdout.contains(heading), "no `{heading}` in:\n{stdout}");
    }
}

#[test]
fn check_subcommand_is_the_default() {
    let args = [
        "--claims",
        MINI_CLAIMS,
        "--sources",
        MINI_SOURCES,
        "--color",
        "never",
    ];
    let implicit = run(claimcheck().args(args));
    let explicit = run(claimcheck().arg("check").args(args));
    assert_eq!(code(&implicit), 0);
    assert_eq!(code(&explicit), 0);
    assert_eq!(implicit.stdout, explicit.stdout);
}

// --- the JSON contract on the mini corpus -------------------------------------

#[test]
fn json_report_parses_with_version_1() {
    let output = mini_json();
    assert_eq!(code(&output), 0, "stderr:\n{}", texts(&output).1);
    let report = parse_report(&output);
    assert_eq!(report.version, 1);
    assert_eq!(report.version, REPORT_VERSION);
    let ids: Vec<&str> = report.claims.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "treaty-2021",
            "marlow-port",
            "carpathia-grain",
            "drusselstein-weapons",
            "moon-station"
        ],
        "claims in claims-file order"
    );
    let sources: Vec<&str> = report.sources.iter().map(|s| s.source.as_str()).collect();
    assert_eq!(
        sources,
        ["a.txt", "b.txt"],
        "sources.yaml is metadata, not a source"
    );
}

#[test]
fn json_exact_statement_is_supported() {
    let report = parse_report(&mini_json());
    let c = claim(&report, "marlow-port");
    assert_eq!(c.verdict_of("a.txt"), Verdict::Supports);
    assert_eq!(c.verdict_of("b.txt"), Verdict::NotMentioned);
    assert_eq!(c.status, ClaimStatus::Supported);
    assert!(reasons(c, "a.txt").contains(&(Stance::Supports, Reason::LexicalMatch)));

    let c = claim(&report, "treaty-2021");
    assert_eq!(c.verdict_of("a.txt"), Verdict::Supports);
    let evidence = &c
        .verdicts
        .iter()
        .find(|v| v.source == "a.txt")
        .unwrap()
        .evidence[0];
    assert_eq!(
        evidence.sentence,
        "Atlantis and Borduria signed a trade treaty on March 3, 2021."
    );
    assert_eq!((evidence.line, evidence.column), (3, 1));
}

#[test]
fn json_date_mismatch_refutes_and_is_a_contradiction() {
    let report = parse_report(&mini_json());
    let c = claim(&report, "treaty-2021");
    assert_eq!(c.verdict_of("b.txt"), Verdict::Refutes);
    assert!(
        reasons(c, "b.txt").contains(&(Stance::Refutes, Reason::DateMismatch)),
        "{:?}",
        reasons(c, "b.txt")
    );
    assert_eq!(
        c.status,
        ClaimStatus::Disputed,
        "a.txt supports, b.txt refutes"
    );
    let contradiction = report
        .contradictions
        .iter()
        .find(|x| x.claim == "treaty-2021")
        .unwrap_or_else(|| {
            panic!(
                "no contradiction for treaty-2021: {:?}",
                report.contradictions
            )
        });
    assert_eq!(contradiction.reason, Reason::DateMismatch);
    let mut sides = [
        contradiction.a.source.as_str(),
        contradiction.b.source.as_str(),
    ];
    sides.sort_unstable();
    assert_eq!(sides, ["a.txt", "b.txt"]);
}

#[test]
fn json_negation_refutes() {
    let report = parse_report(&mini_json());
    let c = claim(&report, "carpathia-grain");
    assert_eq!(c.verdict_of("b.txt"), Verdict::Refutes);
    assert_eq!(c.verdict_of("a.txt"), Verdict::NotMentioned);
    assert_eq!(c.status, ClaimStatus::Refuted);
    assert!(
        reasons(c, "b.txt").contains(&(Stance::Refutes, Reason::Negation)),
        "{:?}",
        reasons(c, "b.txt")
    );
}

#[test]
fn json_hedged_statement_is_discussed() {
    let report = parse_report(&mini_json());
    let c = claim(&report, "drusselstein-weapons");
    assert_eq!(c.verdict_of("b.txt"), Verdict::Discusses);
    assert_eq!(c.verdict_of("a.txt"), Verdict::NotMentioned);
    assert_eq!(
        c.status,
        ClaimStatus::Unverified,
        "discussing is not asserting"
    );
    assert!(
        reasons(c, "b.txt").contains(&(Stance::Discusses, Reason::Hedged)),
        "{:?}",
        reasons(c, "b.txt")
    );
}

#[test]
fn json_unmentioned_claim_is_unverified_with_no_verdicts() {
    let report = parse_report(&mini_json());
    let c = claim(&report, "moon-station");
    assert!(c.verdicts.is_empty(), "{:?}", c.verdicts);
    assert_eq!(c.status, ClaimStatus::Unverified);
    assert!(
        report
            .contradictions
            .iter()
            .all(|x| x.claim != "moon-station")
    );
}

#[test]
fn json_sidecar_metadata_reaches_the_report() {
    let report = parse_report(&mini_json());
    let a = report
        .sources
        .iter()
        .find(|s| s.source == "a.txt")
        .expect("a.txt");
    assert_eq!(a.published.as_deref(), Some("2021-05-01"));
    assert_eq!(
        a.title.as_deref(),
        Some("Atlantis and Borduria sign landmark trade treaty")
    );
    let b = report
        .sources
        .iter()
        .find(|s| s.source == "b.txt")
        .expect("b.txt");
    assert_eq!(b.published, None);
    for s in &report.sources {
        assert!(
            (0.0..=1.0).contains(&s.reliability),
            "{}: {}",
            s.source,
            s.reliability
        );
    }
}

#[test]
fn json_output_is_identical_across_runs() {
    let first = mini_json();
    let second = mini_json();
    assert_eq!(code(&first), 0);
    assert!(!first.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&first.stdout),
        String::from_utf8_lossy(&second.stdout)
    );
}

// --- malformed claims files ---------------------------------------------------

#[test]
fn bad_yaml_syntax_unclosed_bracket() {
    bad_claims("fixtures/bad/syntax.yaml");
}

#[test]
fn bad_yaml_unknown_field_suggests_text() {
    let stderr = bad_claims("fixtures/bad/unknown-field.yaml");
    assert!(stderr.contains("`txt`"), "{stderr}");
    assert!(stderr.contains("did you mean `text`"), "{stderr}");
}

#[test]
fn bad_yaml_claims_is_a_mapping_not_a_list() {
    let stderr = bad_claims("fixtures/bad/wrong-type.yaml");
    assert!(stderr.contains("sequence"), "{stderr}");
}

#[test]
fn bad_yaml_empty_file_says_no_claims() {
    let file = "fixtures/bad/empty.yaml";
    let output = run(claimcheck().args(["--claims", file, "--sources", PLAIN_SOURCES]));
    let (stdout, stderr) = texts(&output);
    assert_eq!(code(&output), 2, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains(file), "{stderr}");
    assert!(stderr.contains("no claims"), "{stderr}");
}

#[test]
fn bad_yaml_empty_file_error_has_a_location() {
    let stderr = bad_claims("fixtures/bad/empty.yaml");
    assert!(stderr.contains("no claims"), "{stderr}");
}

#[test]
fn bad_yaml_empty_text() {
    let stderr = bad_claims("fixtures/bad/empty-text.yaml");
    assert!(stderr.contains("empty `text`"), "{stderr}");
    assert!(
        stderr.contains("fixtures/bad/empty-text.yaml:4:"),
        "points at the text line: {stderr}"
    );
}

#[test]
fn bad_yaml_duplicate_id_names_both_files() {
    let (a, b) = ("fixtures/bad/dup-a.yaml", "fixtures/bad/dup-b.yaml");
    let output = run(claimcheck().args(["--claims", a, "--claims", b, "--sources", PLAIN_SOURCES]));
    let (stdout, stderr) = texts(&output);
    assert_eq!(code(&output), 2, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("duplicate"), "{stderr}");
    assert!(stderr.contains("same-id"), "{stderr}");
    assert!(
        has_location(&stderr, b),
        "the second definition is the error: {stderr}"
    );
    assert!(
        has_line_col(&stderr, a),
        "the first definition is named too: {stderr}"
    );
}

#[test]
fn bad_yaml_verdict_word_mentions_supported() {
    let stderr = bad_claims("fixtures/bad/bad-verdict.yaml");
    assert!(stderr.contains("supported"), "{stderr}");
}

#[test]
fn bad_yaml_billion_laughs_is_rejected() {
    bad_claims("fixtures/bad/billion-laughs.yaml");
}

#[test]
fn bad_yaml_deep_nesting_is_rejected() {
    bad_claims("fixtures/bad/deep.yaml");
}

// --- missing paths ------------------------------------------------------------

#[test]
fn missing_claims_directory() {
    let path = "fixtures/no-such-claims-dir";
    let output = run(claimcheck().args(["--claims", path, "--sources", MINI_SOURCES]));
    let (stdout, stderr) = texts(&output);
    assert_eq!(code(&output), 2, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains(path), "{stderr}");
}

#[test]
fn missing_sources_directory() {
    let path = "fixtures/no-such-sources-dir";
    let output = run(claimcheck().args(["--claims", MINI_CLAIMS, "--sources", path]));
    let (_, stderr) = texts(&output);
    assert_eq!(code(&output), 2, "{stderr}");
    assert!(stderr.contains(path), "{stderr}");
}

// --- unreadable articles ------------------------------------------------------

#[test]
fn binary_sources_are_skipped_and_latin1_is_read_with_a_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        root.join(PLAIN_SOURCES).join("good.txt"),
        dir.path().join("good.txt"),
    )
    .expect("copy good.txt");
    std::fs::write(
        dir.path().join("binary.txt"),
        b"PK\x03\x04\x00\x00binary\x00data\x00",
    )
    .expect("write binary.txt");
    std::fs::write(
        dir.path().join("latin1.txt"),
        b"Atlantis opened a caf\xe9 in Marlow.\n",
    )
    .expect("write latin1.txt");

    let output = run(claimcheck().args([
        "check",
        "--format",
        "json",
        "--claims",
        MINI_CLAIMS,
        "--sources",
        dir.path().to_str().expect("UTF-8 temp path"),
    ]));
    let (_, stderr) = texts(&output);
    assert_eq!(code(&output), 2, "warnings make exit 2; stderr:\n{stderr}");
    let warning = |name: &str| {
        stderr
            .lines()
            .find(|l| l.starts_with("claimcheck: warning: ") && l.contains(name))
            .unwrap_or_else(|| panic!("no warning naming {name}:\n{stderr}"))
            .to_string()
    };
    assert!(warning("binary.txt").contains("binary"), "{stderr}");
    assert!(warning("latin1.txt").contains("Windows-1252"), "{stderr}");
    assert!(!stderr.contains("good.txt"), "good.txt is fine:\n{stderr}");

    let report = parse_report(&output);
    let sources: Vec<&str> = report.sources.iter().map(|s| s.source.as_str()).collect();
    assert_eq!(
        sources,
        ["good.txt", "latin1.txt"],
        "the report covers the good source and the decoded one, not the binary"
    );
    assert_eq!(
        claim(&report, "marlow-port").verdict_of("good.txt"),
        Verdict::Supports
    );
}

// --- explain ------------------------------------------------------------------

#[test]
fn explain_prints_claim_and_evidence() {
    let output = run(claimcheck().args([
        "explain",
        "treaty-2021",
        "--claims",
        MINI_CLAIMS,
        "--sources",
        MINI_SOURCES,
    ]));
    let (stdout, stderr) = texts(&output);
    assert_eq!(code(&output), 0, "{stderr}");
    assert!(stdout.contains("treaty-2021"), "{stdout}");
    assert!(
        stdout.contains("Atlantis and Borduria signed a trade treaty on March 3, 2021."),
        "{stdout}"
    );
    assert!(
        stdout.contains("On March 3, 2020, Atlantis and Borduria signed the trade treaty."),
        "{stdout}"
    );
    assert!(stdout.contains("a.txt:3:1"), "{stdout}");
    assert!(stdout.contains("date_mismatch"), "{stdout}");
}

#[test]
fn explain_json_is_json() {
    let output = run(claimcheck().args([
        "explain",
        "carpathia-grain",
        "--format",
        "json",
        "--claims",
        MINI_CLAIMS,
        "--sources",
        MINI_SOURCES,
    ]));
    let (stdout, stderr) = texts(&output);
    assert_eq!(code(&output), 0, "{stderr}");
    let value: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}:\n{stdout}"));
    assert_eq!(value["claim"]["id"], "carpathia-grain");
    assert_eq!(value["claim"]["verdicts"][0]["verdict"], "refutes");
}

#[test]
fn explain_misspelt_id_suggests_the_right_one() {
    let output = run(claimcheck().args([
        "explain",
        "treaty-2012",
        "--claims",
        MINI_CLAIMS,
        "--sources",
        MINI_SOURCES,
    ]));
    let (stdout, stderr) = texts(&output);
    assert_eq!(code(&output), 2, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("treaty-2012"), "{stderr}");
    assert!(stderr.contains("did you mean `treaty-2021`"), "{stderr}");
}

// --- colour -------------------------------------------------------------------

fn table(color: &str, no_color_env: bool) -> String {
    let mut cmd = claimcheck();
    cmd.args([
        "--claims",
        MINI_CLAIMS,
        "--sources",
        MINI_SOURCES,
        "--color",
        color,
    ]);
    if no_color_env {
        cmd.env("NO_COLOR", "1");
    }
    let output = run(&mut cmd);
    assert_eq!(code(&output), 0, "{}", texts(&output).1);
    texts(&output).0
}

#[test]
fn color_never_has_no_escapes() {
    let stdout = table("never", false);
    assert!(stdout.contains("Verdicts"), "{stdout}");
    assert!(!stdout.contains("\x1b["), "{stdout}");
}

#[test]
fn no_color_env_has_no_escapes() {
    let stdout = table("auto", true);
    assert!(stdout.contains("Verdicts"), "{stdout}");
    assert!(!stdout.contains("\x1b["), "{stdout}");
}

#[test]
fn color_always_has_escapes() {
    let stdout = table("always", false);
    assert!(stdout.contains("\x1b["), "{stdout}");
}
