//! Hostile and broken input (issue 7): the binary never panics, never
//! silently drops or garbles data, and always says what it did.
//!
//! Fixtures: `fixtures/bad/*.yaml` (claims files) and
//! `fixtures/bad/articles/` (sources). Big, binary, unreadable,
//! vanishing and special files (FIFOs, symlink loops) are made at test
//! time in a temporary directory. See docs/input.md for the behaviour
//! under test.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::Duration;

use assert_cmd::Command;
use claimcheck::report::Report;
use claimcheck::verdict::Verdict;

/// The cache the binary writes to in these tests: under the target
/// directory, never the user's.
const TEST_CACHE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/cache");

const MINI_CLAIMS: &str = "fixtures/mini/claims.yaml";
const MINI_SOURCES: &str = "fixtures/mini/sources";
const PLAIN_SOURCES: &str = "fixtures/bad/sources";
const BAD: &str = "fixtures/bad";
const ARTICLES: &str = "fixtures/bad/articles";
/// Longest a single run may take before the test calls it a hang.
const TIMEOUT: Duration = Duration::from_secs(300);

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn claimcheck() -> Command {
    let mut cmd = Command::cargo_bin("claimcheck").expect("the claimcheck binary is built");
    cmd.current_dir(root())
        .env("RUST_BACKTRACE", "1")
        .env("CLAIMCHECK_CACHE_DIR", TEST_CACHE)
        .env_remove("NO_COLOR")
        .timeout(TIMEOUT);
    cmd
}

/// Run, and check what every run must satisfy: no panic, a normal exit
/// with 0, 1 or 2, and, when it is not 0, a reason on stderr.
fn run(cmd: &mut Command) -> Output {
    let output = cmd.output().expect("claimcheck runs");
    let (stdout, stderr) = texts(&output);
    assert!(!stdout.contains("panicked"), "stdout: {stdout}");
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
    let code = output
        .status
        .code()
        .unwrap_or_else(|| panic!("claimcheck was killed (timeout or signal); stderr:\n{stderr}"));
    assert!((0..=2).contains(&code), "exit {code}; stderr:\n{stderr}");
    if code == 2 {
        assert!(
            stderr.contains("claimcheck: error: ") || stderr.contains("claimcheck: warning: "),
            "exit 2 without a reason:\n{stderr}"
        );
    }
    output
}

fn texts(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("a normal exit")
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// `check --format json` of the mini claims against `sources`.
fn check_json(sources: &[&str]) -> Output {
    let mut cmd = claimcheck();
    cmd.args(["check", "--format", "json", "--claims", MINI_CLAIMS]);
    for source in sources {
        cmd.args(["--sources", source]);
    }
    run(&mut cmd)
}

fn report(output: &Output) -> Report {
    let (stdout, stderr) = texts(output);
    serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("not a report ({e}):\n{stdout}\nstderr:\n{stderr}"))
}

fn source_names(report: &Report) -> Vec<&str> {
    report.sources.iter().map(|s| s.source.as_str()).collect()
}

/// Line and column of the first evidence `source` gave for `marlow-port`.
fn marlow_evidence(report: &Report, source: &str) -> (usize, usize, String) {
    let claim = report
        .claims
        .iter()
        .find(|c| c.id == "marlow-port")
        .expect("marlow-port");
    assert_eq!(claim.verdict_of(source), Verdict::Supports, "{source}");
    let verdict = claim
        .verdicts
        .iter()
        .find(|v| v.source == source)
        .expect("a verdict");
    let evidence = &verdict.evidence[0];
    (evidence.line, evidence.column, evidence.sentence.clone())
}

/// A warning line naming `name`.
fn warning<'s>(stderr: &'s str, name: &str) -> &'s str {
    stderr
        .lines()
        .find(|l| l.starts_with("claimcheck: warning: ") && l.contains(name))
        .unwrap_or_else(|| panic!("no warning naming {name}:\n{stderr}"))
}

/// A temporary sources directory holding a copy of `good.txt`.
fn dir_with_good_source() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        root().join(PLAIN_SOURCES).join("good.txt"),
        dir.path().join("good.txt"),
    )
    .expect("copy good.txt");
    dir
}

// --- every fixture -----------------------------------------------------------

fn files_under(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixtures/bad is readable")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, found);
        } else {
            found.push(path);
        }
    }
}

#[test]
fn every_bad_fixture_runs_without_a_panic() {
    let mut files = Vec::new();
    files_under(&root().join(BAD), &mut files);
    assert!(files.len() > 30, "fixtures found: {files:?}");
    for file in files {
        let rel = file.strip_prefix(root()).expect("under the crate");
        let rel = path_str(rel);
        let is_yaml = rel.ends_with(".yaml") || rel.ends_with(".yml");
        let output = if is_yaml && !rel.starts_with(ARTICLES) {
            run(claimcheck().args(["--claims", rel, "--sources", PLAIN_SOURCES]))
        } else {
            run(claimcheck().args(["--claims", MINI_CLAIMS, "--sources", rel]))
        };
        let (_, stderr) = texts(&output);
        assert!(
            !stderr.contains("stack backtrace"),
            "{rel}: a backtrace:\n{stderr}"
        );
    }
}

// --- claims files ------------------------------------------------------------

/// Run with one bad claims file: exit 2, nothing on stdout, an error
/// naming the file with `:LINE:COL:` (or in words for encoding errors).
fn claims_error(file: &str) -> String {
    let output = run(claimcheck().args(["--claims", file, "--sources", PLAIN_SOURCES]));
    let (stdout, stderr) = texts(&output);
    assert_eq!(code(&output), 2, "{file}: {stderr}");
    assert!(stdout.is_empty(), "{file}: {stdout}");
    assert!(
        stderr.contains(&format!("claimcheck: error: {file}:")),
        "{file}: {stderr}"
    );
    stderr
}

#[test]
fn alias_bomb_is_refused_by_the_alias_limit() {
    let stderr = claims_error("fixtures/bad/alias-bomb.yaml");
    assert!(stderr.contains("more than 1000 aliases"), "{stderr}");
    assert!(stderr.contains("alias-bomb.yaml:7:"), "{stderr}");
}

#[test]
fn alias_expansion_is_refused_by_the_replay_limit() {
    let stderr = claims_error("fixtures/bad/alias-replay.yaml");
    assert!(stderr.contains("expand to more than 100000"), "{stderr}");
}

#[test]
fn deep_nesting_inside_a_claim_is_refused_by_the_depth_limit() {
    let stderr = claims_error("fixtures/bad/deep-about.yaml");
    assert!(stderr.contains("more than 32 levels deep"), "{stderr}");
    assert!(stderr.contains("deep-about.yaml:6:"), "{stderr}");
    let stderr = claims_error("fixtures/bad/deep-block.yaml");
    assert!(stderr.contains("more than 32 levels deep"), "{stderr}");
}

#[test]
fn malformed_claims_say_what_is_wrong_in_plain_words() {
    for (file, words) in [
        ("null-text.yaml", "a value is missing"),
        ("tabs.yaml", "tabs"),
        ("multi-doc.yaml", "more than one YAML document"),
        ("dup-key.yaml", "duplicate key `text`"),
        ("not-a-list.yaml", "expected a list"),
        ("wrong-type.yaml", "expected a list"),
        ("empty-list.yaml", "no claims"),
        ("empty-text.yaml", "empty `text`"),
    ] {
        let stderr = claims_error(&format!("{BAD}/{file}"));
        assert!(stderr.contains(words), "{file}: {stderr}");
    }
}

#[test]
fn latin1_claims_are_an_error_pointing_at_the_byte() {
    let output = run(claimcheck().args([
        "--claims",
        "fixtures/bad/latin1.yaml",
        "--sources",
        PLAIN_SOURCES,
    ]));
    let (stdout, stderr) = texts(&output);
    assert_eq!(code(&output), 2, "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("not valid UTF-8"), "{stderr}");
    assert!(stderr.contains("line 4, column 32"), "{stderr}");
}

#[test]
fn numbers_boms_and_utf16_claims_are_accepted() {
    for (file, id) in [
        ("number-id.yaml", "0012"),
        ("bom.yaml", "with-bom"),
        ("utf16-bom.yaml", "utf16"),
    ] {
        let output = run(claimcheck().args([
            "check",
            "--format",
            "json",
            "--claims",
            &format!("{BAD}/{file}"),
            "--sources",
            MINI_SOURCES,
        ]));
        assert_eq!(code(&output), 0, "{file}: {}", texts(&output).1);
        let report = report(&output);
        assert_eq!(report.claims[0].id, id, "{file}");
        assert_eq!(report.claims[0].verdict_of("a.txt"), Verdict::Supports);
    }
}

#[test]
fn a_50_mb_claims_file_is_refused_by_default_and_read_with_the_flag() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.yaml");
    let note = "The harbour story was checked by two editors and filed. ".repeat(900);
    let mut yaml = String::from("claims:\n");
    let mut count = 0;
    while yaml.len() < 50 * 1024 * 1024 {
        yaml.push_str(&format!(
            "  - id: claim-{count}\n    text: Atlantis opened a new port in Marlow number {count}.\n    note: {note}\n"
        ));
        count += 1;
    }
    std::fs::write(&path, &yaml).expect("write big.yaml");

    let output = run(claimcheck().args(["--claims", path_str(&path), "--sources", MINI_SOURCES]));
    let (stdout, stderr) = texts(&output);
    assert_eq!(code(&output), 2, "{stderr}");
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("over the 16777216-byte limit (raise it with --max-claims-bytes)"),
        "{stderr}"
    );

    let output = run(claimcheck().args([
        "check",
        "--format",
        "json",
        "--max-claims-bytes",
        "64M",
        "--claims",
        path_str(&path),
        "--sources",
        MINI_SOURCES,
    ]));
    assert_eq!(code(&output), 0, "{}", texts(&output).1);
    assert_eq!(report(&output).claims.len(), count);
}

// --- articles ----------------------------------------------------------------

#[test]
fn crlf_lone_cr_and_utf16_keep_line_and_column_right() {
    for (file, column) in [
        ("crlf.txt", 17),
        ("cr.txt", 17),
        ("utf16be.txt", 17),
        // "Crowds in Zürich cheered. ": the ü is one column.
        ("utf16le.txt", 27),
    ] {
        let output = check_json(&[&format!("{ARTICLES}/{file}")]);
        assert_eq!(code(&output), 0, "{file}: {}", texts(&output).1);
        let (line, col, sentence) = marlow_evidence(&report(&output), file);
        assert_eq!((line, col), (4, column), "{file}");
        assert_eq!(sentence, "Atlantis opened a new port in Marlow.");
    }
}

#[test]
fn windows_1252_is_decoded_with_a_warning_and_exit_2() {
    let file = format!("{ARTICLES}/cp1252.txt");
    let output = check_json(&[&file]);
    let (_, stderr) = texts(&output);
    assert_eq!(code(&output), 2, "a warning makes exit 2: {stderr}");
    let line = warning(&stderr, "cp1252.txt");
    assert!(line.contains("read as Windows-1252"), "{line}");
    assert!(line.contains("line 3, column 4"), "{line}");
    // "Café owners cheered “loudly”. " is 30 characters.
    let (line, column, _) = marlow_evidence(&report(&output), "cp1252.txt");
    assert_eq!((line, column), (3, 31));
}

#[test]
fn broken_utf8_bytes_are_replaced_with_a_warning() {
    let output = check_json(&[&format!("{ARTICLES}/broken-utf8.txt")]);
    let (_, stderr) = texts(&output);
    assert_eq!(code(&output), 2, "{stderr}");
    let line = warning(&stderr, "broken-utf8.txt");
    assert!(line.contains("replaced by U+FFFD"), "{line}");
    assert!(line.contains("line 3, column 21"), "{line}");
    marlow_evidence(&report(&output), "broken-utf8.txt");
}

#[test]
fn html_is_read_without_scripts_and_points_into_the_file() {
    let output = check_json(&[&format!("{ARTICLES}/article.html")]);
    let (_, stderr) = texts(&output);
    assert_eq!(code(&output), 0, "{stderr}");
    let report = report(&output);
    // The script, style, noscript and template all deny the claim: none
    // of them may count.
    let (line, column, sentence) = marlow_evidence(&report, "article.html");
    assert_eq!(sentence, "Atlantis opened a new port in Marlow.");
    assert_eq!((line, column), (19, 9), "the <b> on line 19");
    assert!(
        report.contradictions.is_empty(),
        "{:?}",
        report.contradictions
    );
    let json = texts(&output).0;
    assert!(
        !json.contains("did not open"),
        "markup leaked into the report"
    );
}

#[test]
fn unusable_articles_are_skipped_with_a_warning_and_the_rest_is_checked() {
    let dir = dir_with_good_source();
    for file in ["binary.txt", "control.txt", "blank.md", "only-markup.html"] {
        std::fs::copy(root().join(ARTICLES).join(file), dir.path().join(file)).expect("copy");
    }
    std::fs::write(dir.path().join("empty.txt"), "").expect("write empty.txt");
    let output = check_json(&[path_str(dir.path())]);
    let (_, stderr) = texts(&output);
    assert_eq!(code(&output), 2, "skipped files make exit 2: {stderr}");
    for (file, why) in [
        ("binary.txt", "binary file"),
        ("control.txt", "not text"),
        ("blank.md", "empty file"),
        ("empty.txt", "empty file"),
        ("only-markup.html", "no text outside the markup"),
    ] {
        let line = warning(&stderr, file);
        assert!(line.contains("skipped: ") && line.contains(why), "{line}");
    }
    assert_eq!(source_names(&report(&output)), ["good.txt"]);
}

#[test]
fn max_file_bytes_skips_bigger_articles_and_names_the_flag() {
    let dir = dir_with_good_source();
    std::fs::write(dir.path().join("small.txt"), "Atlantis opened a new port.").expect("write");
    let output = run(claimcheck().args([
        "check",
        "--format",
        "json",
        "--max-file-bytes",
        "100",
        "--claims",
        MINI_CLAIMS,
        "--sources",
        path_str(dir.path()),
    ]));
    let (_, stderr) = texts(&output);
    assert_eq!(code(&output), 2, "{stderr}");
    let line = warning(&stderr, "good.txt");
    assert!(line.contains("over the 100-byte limit"), "{line}");
    assert!(line.contains("--max-file-bytes"), "{line}");
    assert_eq!(source_names(&report(&output)), ["small.txt"]);
}

#[test]
fn a_one_megabyte_line_and_100k_character_sentences_complete() {
    let dir = tempfile::tempdir().expect("temp dir");
    let line = "Atlantis opened a new port in Marlow and ".repeat(1024 * 1024 / 41);
    std::fs::write(dir.path().join("line.txt"), &line).expect("write line.txt");
    let long = format!(
        "{} end.\n\nCarpathia exports grain to Borduria.\n{}",
        "x".repeat(100_000),
        "word ".repeat(20_000)
    );
    std::fs::write(dir.path().join("long.txt"), &long).expect("write long.txt");
    let output = check_json(&[path_str(dir.path())]);
    assert_eq!(code(&output), 0, "{}", texts(&output).1);
    let report = report(&output);
    for claim in &report.claims {
        for verdict in &claim.verdicts {
            for evidence in &verdict.evidence {
                assert!(evidence.end - evidence.start <= claimcheck::segment::MAX_SENTENCE_BYTES);
            }
        }
    }
    let grain = report
        .claims
        .iter()
        .find(|c| c.id == "carpathia-grain")
        .expect("carpathia-grain");
    let evidence = &grain.verdicts[0].evidence[0];
    assert_eq!((evidence.line, evidence.column), (3, 1));
}

#[test]
fn a_100_mb_line_is_cut_into_bounded_sentences() {
    let text = "Atlantis opened a new port in Marlow and ".repeat(100 * 1024 * 1024 / 41);
    let spans = claimcheck::segment::segment(&text);
    assert!(spans.len() > 20_000);
    assert!(
        spans
            .iter()
            .all(|s| s.len() <= claimcheck::segment::MAX_SENTENCE_BYTES)
    );
    let source = claimcheck::corpus::Source::new("line.txt", text, Default::default());
    let last = spans.last().expect("sentences");
    assert_eq!(source.line_col(last.start).line, 1);
}

/// The whole run on a 100 MB single-line article (about 35 s and 3.5 GB
/// in a release build): `cargo test --release -- --ignored stress_`.
#[test]
#[ignore = "slow: cargo test --release -- --ignored stress_"]
fn stress_100_mb_single_line_article() {
    let dir = tempfile::tempdir().expect("temp dir");
    let line = "Atlantis opened a new port in Marlow and ".repeat(100 * 1024 * 1024 / 41);
    std::fs::write(dir.path().join("line.txt"), &line).expect("write line.txt");
    let output = check_json(&[path_str(dir.path())]);
    assert_eq!(code(&output), 0, "{}", texts(&output).1);
    marlow_evidence(&report(&output), "line.txt");
}

// --- files that are not what they seem ----------------------------------------

#[test]
fn a_file_listed_then_deleted_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("gone.txt");
    let err = claimcheck::load::read_source_file(&path, claimcheck::load::MAX_SOURCE_BYTES)
        .expect_err("a missing file");
    assert!(err.starts_with("cannot read: "), "{err}");
    let output = check_json(&[path_str(&path)]);
    let (_, stderr) = texts(&output);
    assert_eq!(code(&output), 2);
    assert!(
        warning(&stderr, "gone.txt").contains("cannot read"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn unreadable_files_are_skipped_with_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let dir = dir_with_good_source();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "Atlantis opened a new port in Marlow.").expect("write");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&secret).is_ok() {
        eprintln!("skipped: running as root, a mode-000 file is still readable");
        return;
    }
    let output = check_json(&[path_str(dir.path())]);
    let (_, stderr) = texts(&output);
    assert_eq!(code(&output), 2, "{stderr}");
    assert!(
        warning(&stderr, "secret.txt").contains("cannot read"),
        "{stderr}"
    );
    assert_eq!(source_names(&report(&output)), ["good.txt"]);
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_dangling_links_are_reported_not_followed() {
    let dir = dir_with_good_source();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).expect("mkdir");
    std::os::unix::fs::symlink(dir.path(), sub.join("loop")).expect("symlink loop");
    std::os::unix::fs::symlink(dir.path().join("nowhere.txt"), dir.path().join("dead.txt"))
        .expect("dangling symlink");
    let output = check_json(&[path_str(dir.path())]);
    let (_, stderr) = texts(&output);
    assert_eq!(code(&output), 2, "{stderr}");
    assert!(
        warning(&stderr, "loop").contains("symlink loop"),
        "{stderr}"
    );
    assert!(
        warning(&stderr, "dead.txt").contains("cannot read"),
        "{stderr}"
    );
    assert_eq!(source_names(&report(&output)), ["good.txt"], "read once");
}

/// Make a FIFO with `mkfifo`; `None` where there is none.
#[cfg(unix)]
fn mkfifo(path: &Path) -> Option<()> {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .ok()?;
    status.success().then_some(())
}

#[cfg(unix)]
#[test]
fn fifos_are_never_opened() {
    let dir = dir_with_good_source();
    let fifo = dir.path().join("pipe.txt");
    let sidecar = dir.path().join("sources.yaml");
    if mkfifo(&fifo).and_then(|_| mkfifo(&sidecar)).is_none() {
        eprintln!("skipped: no mkfifo");
        return;
    }
    // Opening either FIFO would block until the timeout kills the run.
    let output = check_json(&[path_str(dir.path())]);
    let (_, stderr) = texts(&output);
    assert_eq!(code(&output), 2, "{stderr}");
    assert!(
        warning(&stderr, "pipe.txt").contains("not a regular file"),
        "{stderr}"
    );
    assert!(
        warning(&stderr, "sources.yaml").contains("not a regular file"),
        "{stderr}"
    );
    assert_eq!(source_names(&report(&output)), ["good.txt"]);

    let output = check_json(&[path_str(&fifo)]);
    assert_eq!(code(&output), 2);
    assert!(texts(&output).1.contains("not a regular file"));

    let output = run(claimcheck().args(["--claims", path_str(&fifo), "--sources", MINI_SOURCES]));
    let (stdout, stderr) = texts(&output);
    assert_eq!(code(&output), 2, "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("not a regular file"), "{stderr}");
}

// --- output ------------------------------------------------------------------

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let claims = dir.path().join("many.yaml");
    let mut yaml = String::from("claims:\n");
    for i in 0..2500 {
        yaml.push_str(&format!(
            "  - id: port-{i}\n    text: Atlantis opened a new port in Marlow number {i}.\n"
        ));
    }
    std::fs::write(&claims, yaml).expect("write many.yaml");
    let bin = assert_cmd::cargo::cargo_bin("claimcheck");
    for format in ["json", "table"] {
        let mut child = std::process::Command::new(&bin)
            .current_dir(root())
            .env("RUST_BACKTRACE", "1")
            .env("CLAIMCHECK_CACHE_DIR", TEST_CACHE)
            .args(["check", "--format", format, "--claims"])
            .arg(&claims)
            .args(["--sources", MINI_SOURCES])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn claimcheck");
        let stdout = child.stdout.take().expect("stdout");
        let mut first = String::new();
        BufReader::new(stdout)
            .read_line(&mut first)
            .expect("one line");
        assert!(!first.is_empty(), "{format}: no output");
        // The reader is dropped here: `claimcheck | head -1`.
        let output = child.wait_with_output().expect("claimcheck exits");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        assert!(
            stderr.is_empty(),
            "{format}: quiet on a closed pipe: {stderr}"
        );
        assert_eq!(output.status.code(), Some(0), "{format}: {stderr}");
    }
}
