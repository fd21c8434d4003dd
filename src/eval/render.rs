//! The text view of an [`EvalReport`]: confusion matrix, per-class
//! scores, the summary measures and, with `--errors`, the misclassified
//! examples with what the matcher saw.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ContentArrangement, Table};

use super::{ErrorSource, EvalReport};

fn new_table() -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .force_no_tty()
        .set_width(160);
    table
}

fn right_align(table: &mut Table, from: usize) {
    for i in from..table.column_count() {
        if let Some(column) = table.column_mut(i) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
}

/// Write the report as text.
pub fn render(r: &EvalReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "claimcheck eval: {} {}", r.dataset, r.path)?;
    writeln!(
        out,
        "{} {}s scored ({} skipped); {} claims, {} sources; {:.1} s",
        r.items, r.unit, r.skipped, r.claims, r.sources, r.seconds
    )?;
    writeln!(out)?;

    let what = if r.unit == "claim" {
        "status"
    } else {
        "verdict"
    };
    writeln!(
        out,
        "Confusion (rows: gold label; columns: claimcheck {what}; * = counted right)"
    )?;
    let mut table = new_table();
    let mut header = vec!["gold".to_string()];
    header.extend(r.columns.iter().cloned());
    header.push("total".to_string());
    table.set_header(header);
    for row in &r.confusion {
        let mut cells = vec![format!("{} ({})", row.label, row.means)];
        for (col, count) in row.counts.iter().enumerate() {
            let right = r.credit[col].as_deref() == Some(row.label.as_str());
            cells.push(if right {
                format!("{count}*")
            } else {
                count.to_string()
            });
        }
        cells.push(row.counts.iter().sum::<usize>().to_string());
        table.add_row(cells);
    }
    let mut totals = vec!["total".to_string()];
    for col in 0..r.columns.len() {
        totals.push(
            r.confusion
                .iter()
                .map(|row| row.counts[col])
                .sum::<usize>()
                .to_string(),
        );
    }
    totals.push(r.scores.total.to_string());
    table.add_row(totals);
    right_align(&mut table, 1);
    writeln!(out, "{table}")?;
    writeln!(out)?;

    writeln!(out, "Per class")?;
    let mut table = new_table();
    table.set_header([
        "class",
        "means",
        "precision",
        "recall",
        "F1",
        "gold",
        "predicted",
        "right",
    ]);
    for c in &r.scores.classes {
        table.add_row([
            c.label.clone(),
            c.means.clone(),
            format!("{:.3}", c.precision),
            format!("{:.3}", c.recall),
            format!("{:.3}", c.f1),
            c.gold.to_string(),
            c.predicted.to_string(),
            c.correct.to_string(),
        ]);
    }
    right_align(&mut table, 2);
    writeln!(out, "{table}")?;
    writeln!(out)?;
    writeln!(
        out,
        "accuracy  {:.4} ({} of {})",
        r.scores.accuracy, r.scores.correct, r.scores.total
    )?;
    writeln!(
        out,
        "macro-F1  {:.4} (over {} classes)",
        r.scores.macro_f1, r.scores.macro_classes
    )?;
    if let Some(fnc) = &r.fnc_score {
        writeln!(
            out,
            "FNC-1 weighted score  {:.2} % ({:.2} of {:.2})",
            fnc.percent, fnc.score, fnc.max
        )?;
    }

    if let Some(cells) = &r.errors {
        writeln!(out)?;
        writeln!(out, "Misclassified examples, largest cells first")?;
        if cells.is_empty() {
            writeln!(out, "none")?;
        }
        for cell in cells {
            writeln!(out)?;
            writeln!(
                out,
                "== gold {} → predicted {} ({} of {} {}s) ==",
                cell.gold, cell.predicted, cell.count, r.scores.total, r.unit
            )?;
            for (i, example) in cell.examples.iter().enumerate() {
                writeln!(out, "{}. {}", i + 1, example.origin)?;
                writeln!(out, "   claim: {}", example.claim)?;
                writeln!(
                    out,
                    "   read as: entities [{}]; words [{}]; dates and numbers [{}]",
                    example.entities.join(", "),
                    example.words.join(", "),
                    example.values.join(", ")
                )?;
                for source in &example.sources {
                    render_source(source, out)?;
                }
            }
        }
    }
    Ok(())
}

fn render_source(s: &ErrorSource, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "   {} [{}]: {}", s.source, s.verdict, s.text)?;
    for ev in &s.judged {
        writeln!(
            out,
            "     judged {} {} ({:.2}): {}",
            ev.stance, ev.reason, ev.confidence, ev.detail
        )?;
        writeln!(out, "       “{}”", ev.sentence)?;
    }
    for m in &s.near_misses {
        writeln!(out, "     near miss ({:.2}) {}", m.relevance, m.why)?;
        writeln!(out, "       “{}”", m.sentence)?;
    }
    if s.judged.is_empty() && s.near_misses.is_empty() {
        writeln!(out, "     no sentence shared enough words with the claim")?;
    }
    Ok(())
}
