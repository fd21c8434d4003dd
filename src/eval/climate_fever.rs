//! Climate-FEVER: real-world climate claims, each with five Wikipedia
//! evidence sentences labelled one by one.
//!
//! Two ways to score it:
//!
//! * sentence level (`--dataset climate-fever`): one item per (claim,
//!   evidence sentence), SUPPORTS / REFUTES / NOT_ENOUGH_INFO ↔
//!   `supports` / `refutes` / `not_mentioned` or `discusses` (raised,
//!   not settled). Each distinct evidence sentence is its own source, named after its `evidence_id`
//!   (`Global_warming_14.txt`), so every verdict is about exactly the
//!   sentence that was labelled.
//! * claim level (`--dataset climate-fever-claims`): one item per claim,
//!   its [`ClaimStatus`](crate::verdict::ClaimStatus) over its own five
//!   sentences against the claim label: SUPPORTS / REFUTES / DISPUTED /
//!   NOT_ENOUGH_INFO ↔ `supported` / `refuted` / `disputed` /
//!   `unverified`.

use std::path::Path;

use serde::Deserialize;

use super::metrics::Scheme;
use super::{Builder, Dataset, Level, STATUS_COLUMNS, VERDICT_COLUMNS, class_of, read_jsonl};

/// Sentence labels, in class order.
pub const SENTENCE_LABELS: [&str; 3] = ["SUPPORTS", "REFUTES", "NOT_ENOUGH_INFO"];
/// Claim labels, in class order.
pub const CLAIM_LABELS: [&str; 4] = ["SUPPORTS", "REFUTES", "DISPUTED", "NOT_ENOUGH_INFO"];

#[derive(Deserialize)]
struct Row {
    claim: String,
    claim_label: String,
    evidences: Vec<EvidenceRow>,
}

#[derive(Deserialize)]
struct EvidenceRow {
    evidence_id: String,
    evidence_label: String,
    evidence: String,
}

/// The sentence-level scheme (three classes over the five verdicts).
pub fn sentence_scheme() -> Scheme {
    Scheme::exact(
        &[
            ("SUPPORTS", "supports"),
            ("REFUTES", "refutes"),
            ("NOT_ENOUGH_INFO", "not_mentioned"),
        ],
        VERDICT_COLUMNS.to_vec(),
    )
    .also("discusses", "NOT_ENOUGH_INFO")
}

/// The claim-level scheme (four classes over the four statuses).
pub fn claim_scheme() -> Scheme {
    Scheme::exact(
        &[
            ("SUPPORTS", "supported"),
            ("REFUTES", "refuted"),
            ("DISPUTED", "disputed"),
            ("NOT_ENOUGH_INFO", "unverified"),
        ],
        STATUS_COLUMNS.to_vec(),
    )
}

/// Read `climate-fever.jsonl`, one item per sentence or per claim.
pub fn load(path: &Path, limit: Option<usize>, claim_level: bool) -> anyhow::Result<Dataset> {
    let mut builder = Builder::new(path);
    read_jsonl(path, |line, row: Row| {
        let origin = builder.origin(line);
        if row.claim.trim().is_empty() {
            builder.skip();
            return Ok(true);
        }
        let claim = builder.claim(&row.claim, line);
        let mut sources = Vec::new();
        for evidence in &row.evidences {
            if builder.full(limit) {
                return Ok(false);
            }
            if evidence.evidence.trim().is_empty() {
                builder.skip();
                continue;
            }
            let name = format!("{}.txt", evidence.evidence_id.replace([' ', ':', '/'], "_"));
            let source = builder.source(&evidence.evidence_id, &name, &evidence.evidence);
            if claim_level {
                sources.push(source);
            } else {
                let gold = class_of(&SENTENCE_LABELS, &evidence.evidence_label, &origin)?;
                builder.item(claim, vec![source], gold, line);
            }
        }
        if claim_level {
            if builder.full(limit) {
                return Ok(false);
            }
            let gold = class_of(&CLAIM_LABELS, &row.claim_label, &origin)?;
            if sources.is_empty() {
                builder.skip();
            } else {
                builder.item(claim, sources, gold, line);
            }
        }
        Ok(true)
    })?;
    let (scheme, level) = if claim_level {
        (claim_scheme(), Level::Status)
    } else {
        (sentence_scheme(), Level::Verdict)
    };
    Ok(builder.finish(scheme, level))
}
