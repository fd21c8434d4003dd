//! Fake News Challenge stage 1 (FNC-1): headlines (claims) against full
//! news articles (sources), labelled agree / disagree / discuss /
//! unrelated ↔ `supports` / `refutes` / `discusses` / `not_mentioned`.
//!
//! Two CSV files: stances (`Headline, Body ID, Stance`) and bodies
//! (`Body ID, articleBody`, bodies hold quoted newlines). The path is the
//! folder holding them (the stances file is `stances_dev.csv`, else the
//! only `*stances*.csv`; the bodies `bodies.csv`, else the only
//! `*bodies*.csv`), or the stances file itself with its bodies beside it.
//! Each body is source `body-<id>.txt`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::metrics::Scheme;
use super::{Builder, Dataset, Level, VERDICT_COLUMNS, class_of};

/// FNC-1's labels, in class order.
pub const LABELS: [&str; 4] = ["agree", "disagree", "discuss", "unrelated"];

/// The FNC-1 scheme: four classes over the five verdicts (`mixed` is
/// always wrong, though it counts as related in the weighted score).
pub fn scheme() -> Scheme {
    Scheme::exact(
        &[
            ("agree", "supports"),
            ("disagree", "refutes"),
            ("discuss", "discusses"),
            ("unrelated", "not_mentioned"),
        ],
        VERDICT_COLUMNS.to_vec(),
    )
}

/// Read the stances and bodies under `path`.
pub fn load(path: &Path, limit: Option<usize>) -> anyhow::Result<Dataset> {
    let (stances, bodies) = files(path)?;
    let bodies = read_bodies(&bodies)?;
    let mut builder = Builder::new(&stances);
    let mut reader = csv::Reader::from_path(&stances)
        .with_context(|| format!("reading {}", stances.display()))?;
    let headers = reader
        .headers()
        .with_context(|| format!("reading {}", stances.display()))?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}').trim() == name)
            .with_context(|| format!("{}: no `{name}` column", stances.display()))
    };
    let (headline_at, body_at, stance_at) =
        (column("Headline")?, column("Body ID")?, column("Stance")?);
    for record in reader.records() {
        if builder.full(limit) {
            break;
        }
        let record = record.with_context(|| format!("reading {}", stances.display()))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let origin = builder.origin(line);
        let field = |i: usize| record.get(i).unwrap_or("").trim();
        let (headline, body_id, stance) = (field(headline_at), field(body_at), field(stance_at));
        let gold = class_of(&LABELS, stance, &origin)?;
        let body = bodies
            .get(body_id)
            .with_context(|| format!("{origin}: no body with Body ID `{body_id}`"))?;
        if headline.is_empty() || body.trim().is_empty() {
            builder.skip();
            continue;
        }
        let claim = builder.claim(headline, line);
        let source = builder.source(body_id, &format!("body-{body_id}.txt"), body);
        builder.item(claim, vec![source], gold, line);
    }
    let mut dataset = builder.finish(scheme(), Level::Verdict);
    dataset.fnc_unrelated = Some(3);
    Ok(dataset)
}

/// The stances file and the bodies file for `path`.
fn files(path: &Path) -> anyhow::Result<(PathBuf, PathBuf)> {
    if path.is_dir() {
        let stances = pick(path, "stances_dev.csv", "stances")?;
        let bodies = pick(path, "bodies.csv", "bodies")?;
        return Ok((stances, bodies));
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let sibling = dir.join(name.replace("stances", "bodies"));
    let bodies = if name.contains("stances") && sibling.is_file() {
        sibling
    } else {
        pick(dir, "bodies.csv", "bodies")?
    };
    Ok((path.to_path_buf(), bodies))
}

/// `preferred` in `dir`, else the only CSV whose name contains `word`.
fn pick(dir: &Path, preferred: &str, word: &str) -> anyhow::Result<PathBuf> {
    let direct = dir.join(preferred);
    if direct.is_file() {
        return Ok(direct);
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "csv")
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.contains(word))
        })
        .collect();
    found.sort();
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => anyhow::bail!("{}: no {preferred} (or *{word}*.csv) here", dir.display()),
        _ => anyhow::bail!(
            "{}: several *{word}*.csv files; name the stances file instead of the folder",
            dir.display()
        ),
    }
}

/// Body ID → article text.
fn read_bodies(path: &Path) -> anyhow::Result<HashMap<String, String>> {
    let mut reader =
        csv::Reader::from_path(path).with_context(|| format!("reading {}", path.display()))?;
    let headers = reader
        .headers()
        .with_context(|| format!("reading {}", path.display()))?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}').trim() == name)
            .with_context(|| format!("{}: no `{name}` column", path.display()))
    };
    let (id_at, body_at) = (column("Body ID")?, column("articleBody")?);
    let mut bodies = HashMap::new();
    for record in reader.records() {
        let record = record.with_context(|| format!("reading {}", path.display()))?;
        let id = record.get(id_at).unwrap_or("").trim().to_string();
        let body = record.get(body_at).unwrap_or("").to_string();
        bodies.insert(id, body);
    }
    Ok(bodies)
}
