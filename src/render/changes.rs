//! What changed since the baseline (`check --baseline`): a "Changes since
//! baseline" table after the report's tables, or a `changes` object added
//! to the JSON contract.

use std::io::{self, Write};

use comfy_table::{Cell, Color};
use serde::Serialize;

use super::Style;
use crate::baseline::Changes;
use crate::report::{ContradictionSide, Report};

/// Longest sentence excerpt shown.
const EXCERPT_CHARS: usize = 90;

fn excerpt(sentence: &str) -> String {
    if sentence.chars().count() <= EXCERPT_CHARS {
        return sentence.to_string();
    }
    let cut: String = sentence.chars().take(EXCERPT_CHARS - 1).collect();
    format!("{cut}…")
}

fn side(s: &ContradictionSide) -> String {
    format!(
        "{}:{}:{} “{}”",
        s.source,
        s.line,
        s.column,
        excerpt(&s.sentence)
    )
}

/// One row per change: what, claim, source(s), detail.
pub fn rows(changes: &Changes) -> Vec<[String; 4]> {
    let mut rows = Vec::new();
    for c in &changes.new_contradictions {
        rows.push([
            "new contradiction".to_string(),
            c.claim.clone(),
            format!("{} / {}", c.a.source, c.b.source),
            format!("{}: {}\n{}\n{}", c.reason, c.detail, side(&c.a), side(&c.b)),
        ]);
    }
    for c in &changes.resolved_contradictions {
        rows.push([
            "resolved contradiction".to_string(),
            c.claim.clone(),
            format!("{} / {}", c.a.source, c.b.source),
            format!("{}: {}", c.reason, c.detail),
        ]);
    }
    for f in &changes.flipped_verdicts {
        rows.push([
            "verdict changed".to_string(),
            f.claim.clone(),
            f.source.clone(),
            format!("{} → {}", f.before, f.after),
        ]);
    }
    for e in &changes.evidence_changed {
        rows.push([
            "evidence changed".to_string(),
            e.claim.clone(),
            e.source.clone(),
            format!("still {}, other sentences", e.verdict),
        ]);
    }
    for s in &changes.sources_added {
        rows.push([
            "source added".to_string(),
            String::new(),
            s.clone(),
            String::new(),
        ]);
    }
    for s in &changes.sources_removed {
        rows.push([
            "source removed".to_string(),
            String::new(),
            s.clone(),
            String::new(),
        ]);
    }
    for c in &changes.claims_added {
        rows.push([
            "claim added".to_string(),
            c.clone(),
            String::new(),
            String::new(),
        ]);
    }
    for c in &changes.claims_removed {
        rows.push([
            "claim removed".to_string(),
            c.clone(),
            String::new(),
            String::new(),
        ]);
    }
    rows
}

/// Write the "Changes since baseline" section.
pub fn render(changes: &Changes, style: Style, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out)?;
    if changes.is_empty() {
        return writeln!(out, "Changes since baseline: none");
    }
    writeln!(out, "Changes since baseline ({})", changes.count())?;
    let mut table = super::table::new_table(style);
    table.set_header(vec!["change", "claim", "source", "detail"]);
    for [what, claim, source, detail] in rows(changes) {
        let color = match what.as_str() {
            "new contradiction" => Some(Color::Red),
            "resolved contradiction" => Some(Color::Green),
            _ => None,
        };
        let what = match (style.color, color) {
            (true, Some(color)) => Cell::new(what).fg(color),
            _ => Cell::new(what),
        };
        table.add_row(vec![
            what,
            Cell::new(claim),
            Cell::new(source),
            Cell::new(detail),
        ]);
    }
    writeln!(out, "{table}")
}

/// The JSON contract with a `changes` object added (additive field).
#[derive(Serialize)]
struct WithChanges<'a> {
    #[serde(flatten)]
    report: &'a Report,
    changes: &'a Changes,
}

/// Write the report as pretty JSON with its `changes`.
pub fn render_json(report: &Report, changes: &Changes, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &WithChanges { report, changes })?;
    writeln!(out)
}
