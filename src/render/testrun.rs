//! The result of `test` for people (a diff-like list of failed
//! expectations with the evidence found now) and as JSON.

use std::io::{self, Write};

use super::Context;
use crate::expect::{Mismatch, MismatchKind, TestRun};

/// The lines under a mismatch's headline: each evidence sentence found
/// now (`path:line:col stance, reason (detail)` then the sentence), or
/// "no evidence"; for a status, the verdicts behind it.
pub fn detail_lines(m: &Mismatch, context: &Context) -> Vec<String> {
    match &m.kind {
        MismatchKind::Verdict { got: None, .. } => {
            vec!["no evidence: the source is not among the loaded --sources".to_string()]
        }
        MismatchKind::Verdict { evidence, .. } if evidence.is_empty() => {
            vec!["no evidence".to_string()]
        }
        MismatchKind::Verdict {
            source, evidence, ..
        } => {
            let path = context.path_of(source);
            let mut lines = Vec::new();
            for e in evidence {
                let detail = if e.detail.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", e.detail)
                };
                lines.push(format!(
                    "{path}:{}:{}: {}, {}{detail}",
                    e.line, e.column, e.stance, e.reason
                ));
                lines.push(format!("  “{}”", e.sentence));
            }
            lines
        }
        MismatchKind::Status { verdicts, .. } if verdicts.is_empty() => {
            vec!["no source mentions it".to_string()]
        }
        MismatchKind::Status { verdicts, .. } => vec![format!(
            "verdicts: {}",
            verdicts
                .iter()
                .map(|(s, v)| format!("{s} {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        )],
    }
}

/// The summary line: `N expectations, M failed`.
pub fn summary(run: &TestRun) -> String {
    format!("{} expectations, {} failed", run.expectations, run.failed)
}

/// Write every failed expectation, then the summary.
pub fn render_text(run: &TestRun, context: &Context, out: &mut dyn Write) -> io::Result<()> {
    for (claim, m) in run.mismatches() {
        writeln!(out, "{}", m.headline())?;
        for line in detail_lines(m, context) {
            writeln!(out, "    {line}")?;
        }
        writeln!(out, "    (expected at {})", claim.location)?;
        writeln!(out)?;
    }
    writeln!(out, "{}", summary(run))
}

/// Write the comparison as pretty JSON.
pub fn render_json(run: &TestRun, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, run)?;
    writeln!(out)
}
