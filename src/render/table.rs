//! The table renderer: the claims × sources verdict matrix, the
//! contradictions with both sentences, and the source-reliability table.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table};

use super::Style;
use crate::report::Report;
use crate::verdict::{ClaimStatus, Verdict};

/// Longest sentence excerpt shown in the contradictions table.
const EXCERPT_CHARS: usize = 110;

/// Write the three tables.
pub fn render(report: &Report, style: Style, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "Verdicts ({} claims × {} sources)",
        report.claims.len(),
        report.sources.len()
    )?;
    writeln!(out, "{}", matrix(report, style))?;
    writeln!(out, "Sources: {}", legend(report))?;
    writeln!(out)?;
    if report.contradictions.is_empty() {
        writeln!(out, "Contradictions: none found")?;
    } else {
        writeln!(out, "Contradictions ({})", report.contradictions.len())?;
        writeln!(out, "{}", contradictions(report, style))?;
    }
    writeln!(out)?;
    writeln!(out, "Source reliability")?;
    writeln!(out, "{}", reliability(report, style))?;
    Ok(())
}

/// A table in the project's style: condensed borders, wrapped to the
/// terminal (160 columns when piped), styled only when colour is on.
pub(crate) fn new_table(style: Style) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    if table.width().is_none() {
        table.set_width(160);
    }
    table
}

/// Short column label of a source: its name up to the first `_`, or
/// without extension.
fn short(source: &str) -> String {
    let base = source.rsplit('/').next().unwrap_or(source);
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    match stem.split_once('_') {
        Some((head, _)) if !head.is_empty() => head.to_string(),
        _ => stem.to_string(),
    }
}

fn legend(report: &Report) -> String {
    report
        .sources
        .iter()
        .map(|s| format!("{} = {}", short(&s.source), s.source))
        .collect::<Vec<_>>()
        .join(", ")
}

fn verdict_cell(verdict: Verdict, style: Style) -> Cell {
    let (text, color) = match verdict {
        Verdict::Supports => ("supports", Color::Green),
        Verdict::Refutes => ("refutes", Color::Red),
        Verdict::Mixed => ("mixed", Color::Yellow),
        Verdict::Discusses => ("discusses", Color::Cyan),
        Verdict::NotMentioned => ("·", Color::DarkGrey),
    };
    let cell = Cell::new(text);
    if style.color { cell.fg(color) } else { cell }
}

fn status_cell(status: ClaimStatus, style: Style) -> Cell {
    let color = match status {
        ClaimStatus::Supported => Color::Green,
        ClaimStatus::Refuted => Color::Red,
        ClaimStatus::Disputed => Color::Yellow,
        ClaimStatus::Unverified => Color::DarkGrey,
    };
    let cell = Cell::new(status.as_str());
    if style.color {
        cell.fg(color).add_attribute(Attribute::Bold)
    } else {
        cell
    }
}

fn matrix(report: &Report, style: Style) -> Table {
    let mut table = new_table(style);
    let mut header = vec![Cell::new("claim"), Cell::new("status")];
    header.extend(report.sources.iter().map(|s| Cell::new(short(&s.source))));
    table.set_header(header);
    for claim in &report.claims {
        let mut row = vec![Cell::new(&claim.id), status_cell(claim.status, style)];
        for source in &report.sources {
            row.push(verdict_cell(claim.verdict_of(&source.source), style));
        }
        table.add_row(row);
    }
    table
}

fn excerpt(sentence: &str) -> String {
    if sentence.chars().count() <= EXCERPT_CHARS {
        return sentence.to_string();
    }
    let cut: String = sentence.chars().take(EXCERPT_CHARS - 1).collect();
    format!("{cut}…")
}

fn contradictions(report: &Report, style: Style) -> Table {
    let mut table = new_table(style);
    table.set_header(vec!["claim", "reason", "one side", "other side"]);
    for c in &report.contradictions {
        let side = |s: &crate::report::ContradictionSide| {
            format!(
                "{}:{}:{}\n“{}”",
                s.source,
                s.line,
                s.column,
                excerpt(&s.sentence)
            )
        };
        let reason = format!("{}\n{}", c.reason, c.detail);
        let reason = if style.color {
            Cell::new(reason).fg(Color::Red)
        } else {
            Cell::new(reason)
        };
        table.add_row(vec![
            Cell::new(&c.claim),
            reason,
            Cell::new(side(&c.a)),
            Cell::new(side(&c.b)),
        ]);
    }
    table
}

fn reliability(report: &Report, style: Style) -> Table {
    let mut table = new_table(style);
    table.set_header(vec![
        "source",
        "reliability",
        "supports",
        "refutes",
        "mixed",
        "discusses",
        "self-contradictions",
        "agrees",
        "disagrees",
        "published",
    ]);
    for s in &report.sources {
        table.add_row(vec![
            s.source.clone(),
            format!("{:.2}", s.reliability),
            s.supports.to_string(),
            s.refutes.to_string(),
            s.mixed.to_string(),
            s.discusses.to_string(),
            s.self_contradictions.to_string(),
            s.agreements.to_string(),
            s.disagreements.to_string(),
            s.published.clone().unwrap_or_else(|| "—".to_string()),
        ]);
    }
    table
}
