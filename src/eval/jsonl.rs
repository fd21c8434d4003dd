//! The neutral format, for any labelled set converted by hand: one JSON
//! object per line,
//!
//! ```json
//! {"claim": "The bridge opened in 2019.", "evidence": "The bridge opened to traffic in May 2019.", "label": "supports"}
//! ```
//!
//! * `claim`: the claim, one declarative sentence;
//! * `evidence`: the source text, one sentence or a whole article;
//! * `label`: what the evidence does to the claim, a claimcheck verdict
//!   word: `supports`, `refutes`, `not_mentioned` or `discusses`;
//! * `id` (optional) and any other field are ignored.
//!
//! Blank lines are skipped. The classes are the labels that occur, in
//! that order; `mixed` predictions always count as wrong. Claims and
//! evidence texts that repeat are checked once; each distinct evidence
//! is source `evidence-<n>.txt`. The path is a file or a folder of
//! `*.jsonl` files.

use std::path::Path;

use serde::Deserialize;

use super::metrics::Scheme;
use super::{Builder, Dataset, Level, VERDICT_COLUMNS, class_of, jsonl_files, read_jsonl};

/// The labels of the neutral format, in class order.
pub const LABELS: [&str; 4] = ["supports", "refutes", "discusses", "not_mentioned"];

#[derive(Deserialize)]
struct Row {
    claim: String,
    evidence: String,
    label: String,
}

/// Read a neutral JSONL file (or every `*.jsonl` of a folder).
pub fn load(path: &Path, limit: Option<usize>) -> anyhow::Result<Dataset> {
    let mut builder = Builder::new(path);
    let mut seen = [false; LABELS.len()];
    for file in jsonl_files(path)? {
        builder.set_file(&file);
        read_jsonl(&file, |line, row: Row| {
            if builder.full(limit) {
                return Ok(false);
            }
            let gold = class_of(&LABELS, &row.label, &builder.origin(line))?;
            if row.claim.trim().is_empty() || row.evidence.trim().is_empty() {
                builder.skip();
                return Ok(true);
            }
            seen[gold] = true;
            let claim = builder.claim(&row.claim, line);
            let name = format!("evidence-{}.txt", builder.source_count() + 1);
            let source = builder.source(row.evidence.trim(), &name, &row.evidence);
            builder.item(claim, vec![source], gold, line);
            Ok(true)
        })?;
    }
    // classes: the labels that occur; renumber the gold classes to match
    let kept: Vec<usize> = (0..LABELS.len()).filter(|&i| seen[i]).collect();
    let classes: Vec<(&str, &str)> = kept.iter().map(|&i| (LABELS[i], LABELS[i])).collect();
    let mut dataset = builder.finish(
        Scheme::exact(&classes, VERDICT_COLUMNS.to_vec()),
        Level::Verdict,
    );
    for item in &mut dataset.items {
        item.gold = kept
            .iter()
            .position(|&i| i == item.gold)
            .expect("every gold label occurs");
    }
    Ok(dataset)
}
