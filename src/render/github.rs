//! GitHub Actions workflow commands: one annotation per finding
//! (`::error file=…,line=…,col=…,title=…::message`). Property values and
//! messages are escaped as the Actions toolkit does: `%`, CR and LF
//! everywhere, and `:` and `,` in properties.

use std::io::{self, Write};

use super::Context;
use super::findings::{BaselineState, Level, findings};
use super::testrun::{detail_lines, summary};
use crate::expect::TestRun;
use crate::report::Report;

/// Escape a message (the part after `::`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value (`file=`, `title=`…).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command with a location.
pub fn command(
    level: &str,
    file: &str,
    line: usize,
    column: usize,
    title: &str,
    message: &str,
) -> String {
    let file = file.strip_prefix("./").unwrap_or(file);
    format!(
        "::{level} file={},line={line},col={column},title={}::{}",
        escape_property(file),
        escape_property(title),
        escape_data(message)
    )
}

/// Annotate the findings of `check`. With a baseline only what is new or
/// updated is annotated, and resolved contradictions become notices.
pub fn render_check(report: &Report, context: &Context, out: &mut dyn Write) -> io::Result<()> {
    for f in findings(report, context) {
        if f.baseline == Some(BaselineState::Unchanged) {
            continue;
        }
        let level = match f.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        let message = format!("{}\n“{}”", f.message, f.place.sentence);
        writeln!(
            out,
            "{}",
            command(
                level,
                &f.place.path,
                f.place.line,
                f.place.column,
                &format!("claimcheck {}", f.title),
                &message
            )
        )?;
    }
    if let Some(changes) = &context.changes {
        for c in &changes.resolved_contradictions {
            writeln!(
                out,
                "::notice title={}::{}",
                escape_property(&format!("claimcheck resolved {}", c.claim)),
                escape_data(&format!(
                    "contradiction on claim `{}` between {} and {} is gone since the baseline: {} ({})",
                    c.claim, c.a.source, c.b.source, c.reason, c.detail
                ))
            )?;
        }
    }
    Ok(())
}

/// Annotate every failed expectation at the claim in its claims file,
/// then print the summary line.
pub fn render_test(run: &TestRun, context: &Context, out: &mut dyn Write) -> io::Result<()> {
    for (claim, m) in run.mismatches() {
        let mut message = m.headline();
        for line in detail_lines(m, context) {
            message.push('\n');
            message.push_str(&line);
        }
        writeln!(
            out,
            "{}",
            command(
                "error",
                &claim.location.file,
                claim.location.line,
                claim.location.column,
                &format!("claimcheck expectation {}", claim.id),
                &message
            )
        )?;
    }
    writeln!(out, "{}", summary(run))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_toolkit() {
        assert_eq!(escape_data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn command_shape() {
        assert_eq!(
            command(
                "error",
                "./seeds/a,b.txt",
                3,
                7,
                "claimcheck refutes x",
                "no: really\nyes"
            ),
            "::error file=seeds/a%2Cb.txt,line=3,col=7,title=claimcheck refutes x::no: really%0Ayes"
        );
    }
}
