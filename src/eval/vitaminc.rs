//! VitaminC and RTE samples.
//!
//! * VitaminC (`--dataset vitaminc`): `{claim, evidence, label, id}` per
//!   line; supports / refutes / not enough info ↔ `supports` / `refutes`
//!   / `not_mentioned` or `discusses` (raised, not settled). Contrastive Wikipedia revisions, many of them
//!   number and date edits; the text is FEVER-tokenised and is
//!   [detokenised](super::fever::detokenize).
//! * RTE (`--dataset rte`): `{premise, hypothesis, label: True|False}`;
//!   the hypothesis is the claim, the premise the evidence. True ↔
//!   `supports`; False (not entailed: contradicted or not stated) is
//!   credited to every other verdict.
//!
//! The path is a file or a folder (every `*.jsonl` in it, by name). Each
//! distinct evidence text is one source, `evidence-<n>.txt`.

use std::path::Path;

use serde::Deserialize;

use super::fever::detokenize;
use super::metrics::{Class, Scheme};
use super::{Builder, Dataset, Level, VERDICT_COLUMNS, class_of, jsonl_files, read_jsonl};

/// VitaminC's labels, in class order.
pub const VITAMINC_LABELS: [&str; 3] = ["supports", "refutes", "not enough info"];
/// RTE's labels, in class order.
pub const RTE_LABELS: [&str; 2] = ["True", "False"];

#[derive(Deserialize)]
struct VitamincRow {
    claim: String,
    evidence: String,
    label: String,
}

#[derive(Deserialize)]
struct RteRow {
    premise: String,
    hypothesis: String,
    label: serde_json::Value,
}

/// The VitaminC scheme (three classes over the five verdicts).
pub fn vitaminc_scheme() -> Scheme {
    Scheme::exact(
        &[
            ("supports", "supports"),
            ("refutes", "refutes"),
            ("not enough info", "not_mentioned"),
        ],
        VERDICT_COLUMNS.to_vec(),
    )
    .also("discusses", "not enough info")
}

/// The RTE scheme: True is `supports`, False is any other verdict.
pub fn rte_scheme() -> Scheme {
    Scheme {
        classes: vec![
            Class {
                label: "True".to_string(),
                means: "supports".to_string(),
            },
            Class {
                label: "False".to_string(),
                means: "not supports".to_string(),
            },
        ],
        columns: VERDICT_COLUMNS.to_vec(),
        credit: VERDICT_COLUMNS
            .iter()
            .map(|c| Some(usize::from(*c != "supports")))
            .collect(),
    }
}

/// Read a VitaminC (or, with `rte`, an RTE) file or folder.
pub fn load(path: &Path, limit: Option<usize>, rte: bool) -> anyhow::Result<Dataset> {
    let mut builder = Builder::new(path);
    for file in jsonl_files(path)? {
        builder.set_file(&file);
        if rte {
            read_jsonl(&file, |line, row: RteRow| {
                let label = match &row.label {
                    serde_json::Value::Bool(b) => if *b { "True" } else { "False" }.to_string(),
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let gold = class_of(&RTE_LABELS, &label, &builder.origin(line))?;
                Ok(add(
                    &mut builder,
                    limit,
                    line,
                    &row.hypothesis,
                    &row.premise,
                    gold,
                ))
            })?;
        } else {
            read_jsonl(&file, |line, row: VitamincRow| {
                let gold = class_of(&VITAMINC_LABELS, &row.label, &builder.origin(line))?;
                let (claim, evidence) = (detokenize(&row.claim), detokenize(&row.evidence));
                Ok(add(&mut builder, limit, line, &claim, &evidence, gold))
            })?;
        }
        if builder.full(limit) {
            break;
        }
    }
    let scheme = if rte { rte_scheme() } else { vitaminc_scheme() };
    Ok(builder.finish(scheme, Level::Verdict))
}

/// Add one pair; `false` once `limit` items are in.
fn add(
    builder: &mut Builder,
    limit: Option<usize>,
    line: usize,
    claim: &str,
    evidence: &str,
    gold: usize,
) -> bool {
    if builder.full(limit) {
        return false;
    }
    if claim.trim().is_empty() || evidence.trim().is_empty() {
        builder.skip();
        return true;
    }
    let claim = builder.claim(claim, line);
    let name = format!("evidence-{}.txt", builder.source_count() + 1);
    let source = builder.source(evidence.trim(), &name, evidence);
    builder.item(claim, vec![source], gold, line);
    true
}
