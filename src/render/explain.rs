//! The `explain` view: for one claim, how it was read, each source's
//! verdict with every evidence sentence and its reason, and the sentences
//! that came close but were not evidence, with why.

use std::io::{self, Write};

use crate::report::Explanation;

/// Write the explanation as text.
pub fn render_explanation(e: &Explanation, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "claim {}: {}", e.claim.id, e.claim.text)?;
    writeln!(
        out,
        "  read as: entities [{}]; words [{}]; dates [{}]; numbers [{}]",
        e.entities.join(", "),
        e.words.join(", "),
        e.dates.join(", "),
        e.numbers.join(", ")
    )?;
    writeln!(out, "status: {}", e.claim.status)?;
    writeln!(out)?;
    for (source, evidence) in &e.judged {
        let verdict = e.claim.verdict_of(source);
        writeln!(out, "{source}: {verdict}")?;
        for ev in evidence {
            writeln!(
                out,
                "  {} {} ({:.2}) at {source}:{}:{}: {}",
                ev.stance, ev.reason, ev.confidence, ev.line, ev.column, ev.detail
            )?;
            writeln!(out, "    “{}”", ev.sentence)?;
        }
    }
    if e.judged.is_empty() {
        writeln!(out, "no source states anything about this claim")?;
    }
    if !e.near_misses.is_empty() {
        writeln!(out)?;
        writeln!(out, "near misses (shared words, not evidence):")?;
        for m in &e.near_misses {
            writeln!(
                out,
                "  {}:{}:{} ({:.2}) {}\n    “{}”",
                m.source, m.line, m.column, m.relevance, m.why, m.sentence
            )?;
        }
    }
    Ok(())
}
