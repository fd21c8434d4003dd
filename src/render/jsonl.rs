//! JSON Lines: one compact object per line, each with a `type`:
//! `verdict` for every (claim, source) pair — `not_mentioned` included,
//! which the JSON contract leaves out — then `contradiction`, then, with
//! `--baseline`, one `change` per change. Easy to grep, `jq` and load.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::json;

use super::Context;
use crate::report::{Contradiction, Evidence, Report};
use crate::verdict::{ClaimStatus, Verdict};

#[derive(Serialize)]
struct VerdictRecord<'a> {
    r#type: &'static str,
    claim: &'a str,
    status: ClaimStatus,
    source: &'a str,
    path: &'a str,
    verdict: Verdict,
    confidence: Option<f32>,
    evidence: &'a [Evidence],
}

#[derive(Serialize)]
struct ContradictionRecord<'a> {
    r#type: &'static str,
    #[serde(flatten)]
    contradiction: &'a Contradiction,
}

#[derive(Serialize)]
struct ChangeRecord<T: Serialize> {
    r#type: &'static str,
    change: &'static str,
    #[serde(flatten)]
    data: T,
}

fn change(out: &mut dyn Write, change: &'static str, data: impl Serialize) -> io::Result<()> {
    line(
        out,
        &ChangeRecord {
            r#type: "change",
            change,
            data,
        },
    )
}

fn line(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    writeln!(out)
}

/// Write the records.
pub fn render(report: &Report, context: &Context, out: &mut dyn Write) -> io::Result<()> {
    for claim in &report.claims {
        for source in &report.sources {
            let name = source.source.as_str();
            let found = claim.verdicts.iter().find(|v| v.source == name);
            line(
                out,
                &VerdictRecord {
                    r#type: "verdict",
                    claim: &claim.id,
                    status: claim.status,
                    source: name,
                    path: context.path_of(name),
                    verdict: found.map_or(Verdict::NotMentioned, |v| v.verdict),
                    confidence: found.map(|v| v.confidence),
                    evidence: found.map_or(&[], |v| v.evidence.as_slice()),
                },
            )?;
        }
    }
    for contradiction in &report.contradictions {
        line(
            out,
            &ContradictionRecord {
                r#type: "contradiction",
                contradiction,
            },
        )?;
    }
    if let Some(changes) = &context.changes {
        for c in &changes.new_contradictions {
            change(out, "new_contradiction", c)?;
        }
        for c in &changes.resolved_contradictions {
            change(out, "resolved_contradiction", c)?;
        }
        for f in &changes.flipped_verdicts {
            change(out, "verdict_changed", f)?;
        }
        for e in &changes.evidence_changed {
            change(out, "evidence_changed", e)?;
        }
        for s in &changes.sources_added {
            change(out, "source_added", json!({ "source": s }))?;
        }
        for s in &changes.sources_removed {
            change(out, "source_removed", json!({ "source": s }))?;
        }
        for c in &changes.claims_added {
            change(out, "claim_added", json!({ "claim": c }))?;
        }
        for c in &changes.claims_removed {
            change(out, "claim_removed", json!({ "claim": c }))?;
        }
    }
    Ok(())
}
