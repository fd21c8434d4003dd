//! The analysis cache from the command line: every output is
//! byte-identical cold (empty cache), warm (full cache) and with
//! `--no-cache`, on the bundled claims and seeds, the fixtures and a
//! generated corpus; after one file changes only that file is analysed
//! again; corrupt entries are rewritten and an unwritable cache directory
//! costs one warning, never a different result or exit code; `cache
//! dir|info|clear` and `--no-cache` do what they say.
//!
//! Every run names its own temporary cache (`CLAIMCHECK_CACHE_DIR`): no
//! test writes to the user's cache.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use claimcheck::synth::{Generator, SynthOptions};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, run from `dir`, caching in `cache`.
fn claimcheck(dir: &Path, cache: &Path) -> Command {
    let mut cmd = Command::cargo_bin("claimcheck").expect("the claimcheck binary is built");
    cmd.current_dir(dir)
        .env("CLAIMCHECK_CACHE_DIR", cache)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("FORCE_COLOR")
        .args(["--no-config", "--color", "never"]);
    cmd
}

fn run(dir: &Path, cache: &Path, args: &[&str]) -> Output {
    claimcheck(dir, cache).args(args).output().expect("runs")
}

/// What a run shows: exit code, standard output, standard error.
fn shown(output: &Output) -> (Option<i32>, String, String) {
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Every cache entry (not the tag, the marker or temporary files), by
/// path under the cache root, with its bytes.
fn entries(cache: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    for entry in walkdir::WalkDir::new(cache)
        .into_iter()
        .filter_map(Result::ok)
    {
        let name = entry.file_name().to_string_lossy();
        if entry.depth() == 3 && entry.file_type().is_file() && !name.starts_with('.') {
            let rel = entry.path().strip_prefix(cache).unwrap().to_path_buf();
            found.insert(rel, fs::read(entry.path()).unwrap());
        }
    }
    found
}

/// Runs `args` cold, warm and without the cache, and checks that the
/// three show exactly the same; returns the output.
fn same_cold_warm_and_off(dir: &Path, args: &[&str]) -> Output {
    let cache = tempfile::tempdir().unwrap();
    let cold = run(dir, cache.path(), args);
    assert!(
        !entries(cache.path()).is_empty(),
        "{args:?}: nothing cached\n{}",
        shown(&cold).2
    );
    let warm = run(dir, cache.path(), args);
    let mut off_args = vec!["--no-cache"];
    off_args.extend_from_slice(args);
    let off = run(dir, cache.path(), &off_args);
    assert_eq!(
        shown(&cold),
        shown(&off),
        "{args:?}: cold differs from --no-cache"
    );
    assert_eq!(
        shown(&warm),
        shown(&off),
        "{args:?}: warm differs from --no-cache"
    );
    assert!(!cold.stdout.is_empty(), "{args:?}: no output");
    cold
}

#[test]
fn bundled_claims_and_fixtures_are_the_same_cold_warm_and_without_the_cache() {
    let root = root();
    for (claims, sources) in [
        ("claims", "seeds"),
        ("fixtures/truth", "seeds"),
        ("fixtures/heldout", "seeds"),
        ("fixtures/regress/claims.yaml", "fixtures/regress/sources"),
        ("fixtures/mini/claims.yaml", "fixtures/mini/sources"),
    ] {
        let inputs = ["--claims", claims, "--sources", sources];
        let with = |args: &[&'static str]| -> Vec<&str> {
            args.iter().copied().chain(inputs.iter().copied()).collect()
        };
        same_cold_warm_and_off(&root, &with(&["check", "--format", "json"]));
        same_cold_warm_and_off(&root, &with(&["test"]));
    }
    // The default run (tables), explain and a draft.
    same_cold_warm_and_off(&root, &[]);
    same_cold_warm_and_off(&root, &["explain", "treaty-june-2024", "--format", "json"]);
    same_cold_warm_and_off(&root, &["draft", "fixtures/drafts/contradicts.md"]);
}

fn write_corpus(dir: &Path) {
    let mut paths: Vec<_> = fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let seeds: Vec<String> = paths
        .iter()
        .map(|p| fs::read_to_string(p).unwrap())
        .collect();
    let generator = Generator::new(
        &seeds,
        SynthOptions {
            mb: 0.4,
            claims: 60,
            seed: 3,
        },
    );
    fs::write(dir.join("claims.yaml"), &generator.claims_yaml).unwrap();
    for article in generator {
        let path = dir.join("sources").join(&article.name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, article.text).unwrap();
    }
}

/// The article files of a generated corpus, sorted.
fn articles(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir.join("sources"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

const CHECK: &[&str] = &[
    "check",
    "--format",
    "json",
    "--claims",
    "claims.yaml",
    "--sources",
    "sources",
];

#[test]
fn a_changed_file_is_the_only_one_analysed_again() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let files = articles(dir.path());
    assert!(files.len() > 40, "{} articles", files.len());
    let out = same_cold_warm_and_off(dir.path(), CHECK);
    assert!(out.stdout.len() > 1000);

    let cache = tempfile::tempdir().unwrap();
    let cold = run(dir.path(), cache.path(), CHECK);
    let before = entries(cache.path());
    assert_eq!(before.len(), files.len(), "one entry per article");
    // Mark every entry as old: a rewrite would show.
    let old = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
    for path in before.keys() {
        fs::File::options()
            .write(true)
            .open(cache.path().join(path))
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    let changed = &files[files.len() / 2];
    let mut text = fs::read_to_string(changed).unwrap();
    text.push_str("\nA late correction was added to this article on Tuesday.\n");
    fs::write(changed, text).unwrap();

    let warm = run(dir.path(), cache.path(), CHECK);
    let after = entries(cache.path());
    let new: Vec<&PathBuf> = after.keys().filter(|p| !before.contains_key(*p)).collect();
    assert_eq!(new.len(), 1, "one new entry: {new:?}");
    for path in before.keys() {
        let modified = fs::metadata(cache.path().join(path))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(modified, old, "{} was written again", path.display());
    }
    let off = run(dir.path(), cache.path(), &[&["--no-cache"], CHECK].concat());
    assert_eq!(shown(&warm), shown(&off));
    assert_eq!(cold.status.code(), warm.status.code());
}

#[test]
fn corrupt_entries_are_analysed_again_and_rewritten() {
    let root = root();
    let cache = tempfile::tempdir().unwrap();
    let args = ["check", "--format", "json"];
    let cold = run(&root, cache.path(), &args);
    let good = entries(cache.path());
    assert_eq!(good.len(), 4, "the four seeds");
    let damage: [fn(&mut Vec<u8>); 4] = [
        |b| b.truncate(b.len() / 2),
        |b| b.truncate(3),
        |b| {
            let last = b.len() - 1;
            b[last] ^= 0x40;
        },
        |b| b.iter_mut().for_each(|x| *x = 0xA5),
    ];
    for ((path, bytes), damage) in good.iter().zip(damage) {
        let mut bad = bytes.clone();
        damage(&mut bad);
        fs::write(cache.path().join(path), bad).unwrap();
    }
    let warm = run(&root, cache.path(), &args);
    assert_eq!(shown(&warm), shown(&cold));
    assert_eq!(entries(cache.path()), good, "every entry rewritten whole");
}

#[test]
fn an_unwritable_cache_warns_once_and_changes_nothing_else() {
    let root = root();
    let args = ["check", "--format", "json"];
    let off = run(
        &root,
        Path::new("unused"),
        &[&["--no-cache"], &args[..]].concat(),
    );
    assert!(off.status.success());
    assert!(off.stderr.is_empty(), "{}", shown(&off).2);

    // The cache directory is a file: the cache cannot be opened.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file");
    fs::write(&file, "not a directory").unwrap();
    let blocked = run(&root, &file, &args);
    let (code, out, err) = shown(&blocked);
    assert_eq!(
        (code, out.as_str()),
        (off.status.code(), shown(&off).1.as_str())
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("claimcheck: warning: cache: cannot create"),
        "{err}"
    );

    // The cache opens, but no entry can be written: every subdirectory
    // an entry would go in is taken by a file.
    let cache = tempfile::tempdir().unwrap();
    let first = run(
        &root,
        cache.path(),
        &["--sources", "fixtures/mini/sources", "check"],
    );
    assert!(first.status.success(), "{}", shown(&first).2);
    let version = fs::read_dir(cache.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_dir())
        .expect("a version directory");
    for entry in fs::read_dir(&version).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            fs::remove_dir_all(path).unwrap();
        }
    }
    for shard in 0..=255u8 {
        fs::write(version.join(format!("{shard:02x}")), "taken").unwrap();
    }
    let full = run(&root, cache.path(), &args);
    let (code, out, err) = shown(&full);
    assert_eq!(
        (code, out.as_str()),
        (off.status.code(), shown(&off).1.as_str())
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("claimcheck: warning: cache: cannot write"),
        "{err}"
    );
}

#[test]
fn no_cache_writes_nothing_and_cache_commands_work() {
    let root = root();
    let cache = tempfile::tempdir().unwrap();
    let dir = cache.path().join("cc");
    let off = run(&root, &dir, &["--no-cache", "check", "--format", "json"]);
    assert!(off.status.success());
    assert!(!dir.exists(), "--no-cache created the cache directory");

    let shown_dir = run(&root, &dir, &["cache", "dir"]);
    assert_eq!(shown(&shown_dir).1.trim_end(), dir.display().to_string());
    let flag = run(
        &root,
        Path::new("ignored"),
        &["--cache-dir", dir.to_str().unwrap(), "cache", "dir"],
    );
    assert_eq!(
        shown(&flag).1.trim_end(),
        dir.display().to_string(),
        "--cache-dir wins over the environment"
    );

    run(&root, &dir, &["check"]);
    let info = shown(&run(&root, &dir, &["cache", "info"])).1;
    assert!(info.contains("(this version): 4 entries"), "{info}");
    let clear = run(&root, &dir, &["cache", "clear"]);
    assert!(clear.status.success());
    assert!(
        shown(&clear).1.starts_with("removed 4 entries"),
        "{}",
        shown(&clear).1
    );
    assert!(!dir.exists(), "an emptied cache directory is removed");
    let info = shown(&run(&root, &dir, &["cache", "info"])).1;
    assert!(info.ends_with("empty\n"), "{info}");
}

/// The generated corpus of [`write_corpus`] as a stream of documents
/// (`sources.jsonl`), every tenth with a title.
fn write_stream(dir: &Path, files: &[PathBuf]) {
    let mut lines = String::new();
    for (i, file) in files.iter().enumerate() {
        let name = file
            .strip_prefix(dir.join("sources"))
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let mut doc = serde_json::json!({
            "source": name,
            "text": fs::read_to_string(file).unwrap(),
        });
        if i % 10 == 0 {
            doc["title"] = format!("Article {i}").into();
        }
        lines.push_str(&doc.to_string());
        lines.push('\n');
    }
    fs::write(dir.join("sources.jsonl"), lines).unwrap();
}

/// `stats`, then `check --stats` on the same stream, of `claims` over
/// `sources.jsonl` (with the cache in `cache`, or `--no-cache`): the
/// statistics and the records, each run checked to succeed.
fn streamed(dir: &Path, cache: Option<&Path>, claims: &str) -> (Vec<u8>, Vec<u8>) {
    let cache_dir = cache.unwrap_or(Path::new("unused"));
    let flags: &[&str] = if cache.is_some() {
        &[]
    } else {
        &["--no-cache"]
    };
    let stats = claimcheck(dir, cache_dir)
        .args(flags)
        .args(["--claims", claims, "stats", "--sources", "-"])
        .pipe_stdin(dir.join("sources.jsonl"))
        .unwrap()
        .output()
        .unwrap();
    assert!(stats.status.success(), "{}", shown(&stats).2);
    assert!(stats.stderr.is_empty(), "{}", shown(&stats).2);
    let stats_file = dir.join(format!("stats-{}.json", cache.is_some()));
    fs::write(&stats_file, &stats.stdout).unwrap();
    let check = claimcheck(dir, cache_dir)
        .args(flags)
        .args(["--claims", claims, "check", "--sources", "-", "--format"])
        .args(["jsonl", "--stats", stats_file.to_str().unwrap()])
        .pipe_stdin(dir.join("sources.jsonl"))
        .unwrap()
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", shown(&check).2);
    assert!(check.stderr.is_empty(), "{}", shown(&check).2);
    (stats.stdout, check.stdout)
}

/// The result entries of a cache (streamed documents' statistics and
/// records), by path, with their bytes.
fn results(cache: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    for entry in walkdir::WalkDir::new(cache)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry.path().strip_prefix(cache).unwrap().to_path_buf();
        let in_results = rel
            .components()
            .nth(1)
            .is_some_and(|c| c.as_os_str() == "results");
        let name = entry.file_name().to_string_lossy();
        if in_results && entry.file_type().is_file() && !name.starts_with('.') {
            found.insert(rel, fs::read(entry.path()).unwrap());
        }
    }
    found
}

/// Streamed runs keep each document's statistics and records; a re-run
/// uses them only while the document, the claims and the corpus
/// statistics are the same, and its output is always that of a run
/// without the cache: nothing stale is ever served.
#[test]
fn streamed_results_are_reused_only_while_their_inputs_are_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    write_corpus(dir);
    let files = articles(dir);
    write_stream(dir, &files);
    let cache = tempfile::tempdir().unwrap();
    let cache = cache.path();
    // Each state: cold or warm and without the cache, the same bytes.
    let same = |claims: &str, what: &str| -> (Vec<u8>, Vec<u8>) {
        let off = streamed(dir, None, claims);
        let with = streamed(dir, Some(cache), claims);
        assert!(off.1.len() > 1000, "{what}: no records");
        assert!(off.0 == with.0, "{what}: the statistics differ");
        assert!(off.1 == with.1, "{what}: the records differ");
        off
    };

    let cold = same("claims.yaml", "cold");
    let kept = results(cache);
    // Statistics and records per group of documents (content-defined,
    // 64 documents on average), and the last statistics.
    let groups = (kept.len() - 1) / 2;
    assert!(
        kept.len() % 2 == 1 && groups >= 1 && kept.len() < files.len(),
        "{} entries for {} documents",
        kept.len(),
        files.len()
    );
    let info = shown(&run(dir, cache, &["cache", "info"])).1;
    assert!(
        info.contains(&format!(" {} result entries", kept.len())),
        "{info}"
    );
    // Warm, without any analysis to read: every document's results are
    // reused, none is analysed (no analysis entry comes back).
    let warm_without_analyses = |what: &str| {
        for path in entries(cache).keys() {
            fs::remove_file(cache.join(path)).unwrap();
        }
        let warm = same("claims.yaml", what);
        assert!(
            entries(cache).is_empty(),
            "{what}: a document was analysed again"
        );
        warm
    };
    assert!(warm_without_analyses("warm") == cold, "warm");
    assert!(results(cache) == kept, "the results changed");

    // Damaged results are recomputed and rewritten whole.
    for (i, (path, bytes)) in kept.iter().enumerate() {
        let mut bad = bytes.clone();
        match i % 3 {
            0 => bad.truncate(bad.len() / 2),
            1 => *bad.last_mut().unwrap() ^= 1,
            _ => bad[60] ^= 0x20,
        }
        fs::write(cache.join(path), bad).unwrap();
    }
    assert!(same("claims.yaml", "damaged") == cold, "damaged");
    assert!(results(cache) == kept, "damaged results rewritten whole");

    // One document edited: its group's statistics are new; the corpus
    // statistics change, so every document's records are made again.
    let jsonl = fs::read_to_string(dir.join("sources.jsonl")).unwrap();
    let edit = |from: &str, to: &str| {
        assert!(jsonl.contains(from), "{from}");
        fs::write(dir.join("sources.jsonl"), jsonl.replacen(from, to, 1)).unwrap();
    };
    let mut docs: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let middle = docs.len() / 2;
    let text = docs[middle]["text"].as_str().unwrap().to_string();
    docs[middle]["text"] =
        format!("{text}\nA late correction was added to this article on Tuesday.\n").into();
    let edited: String = docs.iter().map(|d| format!("{d}\n")).collect();
    fs::write(dir.join("sources.jsonl"), &edited).unwrap();
    // The statistics of the first run, pinned (`check --stats` with
    // the old file after an edit): every other group's records for them
    // are kept, only the edited group is analysed.
    let pinned = |cache: Option<&Path>| {
        let flags: &[&str] = if cache.is_some() {
            &[]
        } else {
            &["--no-cache"]
        };
        fs::write(dir.join("pinned.json"), &cold.0).unwrap();
        let check = claimcheck(dir, cache.unwrap_or(Path::new("unused")))
            .args(flags)
            .args([
                "--claims",
                "claims.yaml",
                "check",
                "--sources",
                "-",
                "--format",
            ])
            .args(["jsonl", "--stats", "pinned.json"])
            .pipe_stdin(dir.join("sources.jsonl"))
            .unwrap()
            .output()
            .unwrap();
        assert!(check.status.success(), "{}", shown(&check).2);
        check.stdout
    };
    for path in entries(cache).keys() {
        fs::remove_file(cache.join(path)).unwrap();
    }
    let with = pinned(Some(cache));
    assert!(
        with == pinned(None),
        "pinned statistics: the records differ"
    );
    assert!(with != cold.1, "pinned statistics: the edit is seen");
    let analysed = entries(cache).len();
    assert!(
        (1..=2 * 64).contains(&analysed),
        "pinned statistics: {analysed} documents analysed"
    );
    let changed = same("claims.yaml", "one document edited");
    assert!(changed.0 != cold.0, "the statistics follow the edit");
    // Right after the statistics changed, records are recomputed but not
    // rewritten; a run repeating them keeps them.
    let after_edit = results(cache);
    let rewritten = |now: &BTreeMap<PathBuf, Vec<u8>>| {
        kept.iter()
            .filter(|(path, bytes)| now.get(*path) != Some(bytes))
            .count()
    };
    assert_eq!(rewritten(&after_edit), 1, "only the last statistics");
    // The edited group's statistics and records (two groups when the
    // edit moved a group's end).
    let new = after_edit.len() - kept.len();
    assert!((2..=4).contains(&new), "{new} new entries");
    assert!(same("claims.yaml", "one document edited, again") == changed);
    assert!(
        warm_without_analyses("one document edited, warm") == changed,
        "a repeat run keeps the records for the new statistics"
    );
    // A document renamed, or retitled: same analysis, other records.
    let first_name = docs[1]["source"].as_str().unwrap().to_string();
    edit(&format!("\"{first_name}\""), "\"renamed/elsewhere.txt\"");
    let renamed = same("claims.yaml", "a document renamed");
    assert!(renamed.1 != cold.1, "the records follow the name");
    edit("\"Article 0\"", "\"Another title\"");
    same("claims.yaml", "a document retitled");
    // A document removed, and one added.
    let without: String = jsonl.lines().skip(1).map(|l| format!("{l}\n")).collect();
    fs::write(dir.join("sources.jsonl"), &without).unwrap();
    same("claims.yaml", "a document removed");
    let mut added = docs[3].clone();
    added["source"] = "copy.txt".into();
    fs::write(dir.join("sources.jsonl"), format!("{jsonl}{added}\n")).unwrap();
    same("claims.yaml", "a document added");
    fs::write(dir.join("sources.jsonl"), &jsonl).unwrap();
    assert!(same("claims.yaml", "restored") == cold, "restored");

    // Claims edited, added, removed, and aliases: other results.
    let claims = fs::read_to_string(dir.join("claims.yaml")).unwrap();
    let ids: Vec<&str> = claims
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("- id: "))
        .collect();
    assert!(ids.len() > 10, "{claims}");
    let variants = [
        ("a claim edited", {
            let at = claims.find("text: ").unwrap() + "text: ".len();
            let end = at + claims[at..].find('\n').unwrap();
            format!(
                "{}Atlantis closed its harbour in 2019.{}",
                &claims[..at],
                &claims[end..]
            )
        }),
        (
            "a claim added",
            format!(
                "{claims}  - id: added-claim\n    text: The harbour of Atlantis opened in 2019.\n"
            ),
        ),
        ("a claim removed", {
            let at = claims.find(&format!("- id: {}", ids[1])).unwrap();
            let end = claims.find(&format!("- id: {}", ids[2])).unwrap();
            format!("{}{}", &claims[..at], &claims[end..])
        }),
        (
            "aliases",
            format!("aliases:\n  Atlantis: [Lost City]\n{claims}"),
        ),
    ];
    for (what, text) in variants {
        fs::write(dir.join("other.yaml"), &text).unwrap();
        let other = same("other.yaml", what);
        if what != "aliases" {
            assert!(other != cold, "{what}: nothing changed");
        }
        // and back: the first claims' results still serve.
        assert!(same("claims.yaml", what) == cold, "{what}: back");
    }
}
