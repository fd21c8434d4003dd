//! Output formats of `draft`: linter lines with a snippet and a caret
//! underline (for people), a JSON array of findings, SARIF 2.1.0 (code
//! scanning) and GitHub Actions workflow commands (annotations).
//!
//! Columns count characters everywhere and `end_column` is one past the
//! last character, as SARIF's regions are. The caret line is laid out in
//! display columns, so wide (CJK) characters before the finding still
//! line the carets up under it.

use std::io::{self, Write};

use serde::Deserialize;
use serde_json::{Value, json};
use unicode_width::UnicodeWidthChar;

use super::{DraftReport, Located, Severity, Snippet};
use crate::render::Style;

/// Output formats of `draft`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum DraftFormat {
    /// One finding per line with a snippet, like a compiler or linter.
    #[default]
    Line,
    /// A JSON array of findings.
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions annotations (`::error file=…::…`).
    Github,
}

/// Widest snippet shown, in display columns; longer lines are cut
/// around the finding.
pub const SNIPPET_WIDTH: usize = 100;
/// Columns kept before the finding when a long line is cut.
const LEAD_WIDTH: usize = 30;
/// Tabs are shown as this many spaces.
const TAB_WIDTH: usize = 4;

/// Write every draft's findings in `format`.
pub fn render(
    reports: &[DraftReport],
    format: DraftFormat,
    least: Severity,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        DraftFormat::Line => lines(reports, least, style, out),
        DraftFormat::Json => {
            let all: Vec<&Located> = reports.iter().flat_map(|r| &r.findings).collect();
            serde_json::to_writer_pretty(&mut *out, &all)?;
            writeln!(out)
        }
        DraftFormat::Sarif => {
            serde_json::to_writer_pretty(&mut *out, &sarif(reports))?;
            writeln!(out)
        }
        DraftFormat::Github => github(reports, out),
    }
}

fn paint(style: Style, code: &str, text: &str) -> String {
    if style.color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

fn severity_colour(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
    }
}

fn lines(
    reports: &[DraftReport],
    least: Severity,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    for report in reports {
        for f in &report.findings {
            let colour = severity_colour(f.severity);
            writeln!(
                out,
                "{}: {} {}",
                paint(style, "1", &format!("{}:{}:{}", f.path, f.line, f.column)),
                paint(
                    style,
                    colour,
                    &format!("{}[{}]", f.severity.as_str(), f.code)
                ),
                f.message
            )?;
            writeln!(out, "  claim {} ({})", f.claim, f.standing)?;
            snippet(&f.snippet, |s| paint(style, colour, s), out)?;
            writeln!(out)?;
        }
        writeln!(out, "{}", summary(report, least))?;
    }
    Ok(())
}

/// "a.md: 1 error, 0 warnings (12 sentences, 9 match no claim)".
pub fn summary(report: &DraftReport, least: Severity) -> String {
    let count = |severity: Severity, word: &str| {
        let n = report
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .count();
        format!("{n} {word}{}", if n == 1 { "" } else { "s" })
    };
    let mut counts = vec![
        count(Severity::Error, "error"),
        count(Severity::Warning, "warning"),
    ];
    if least == Severity::Info {
        counts.push(count(Severity::Info, "info"));
    }
    let mut notes = vec![format!(
        "{} sentence{}, {} match{} no claim",
        report.sentences,
        if report.sentences == 1 { "" } else { "s" },
        report.unchecked,
        if report.unchecked == 1 { "es" } else { "" }
    )];
    if report.suppressed > 0 {
        notes.push(format!("{} suppressed", report.suppressed));
    }
    if report.hidden > 0 {
        notes.push(format!(
            "{} below --min-severity {}",
            report.hidden,
            least.as_str()
        ));
    }
    format!(
        "{}: {} ({})",
        report.name,
        counts.join(", "),
        notes.join("; ")
    )
}

/// The snippet: a gutter, the line (cut around the finding when long),
/// and carets under the finding.
fn snippet(s: &Snippet, paint: impl Fn(&str) -> String, out: &mut dyn Write) -> io::Result<()> {
    let number = s.line.to_string();
    let gutter = " ".repeat(number.len() + 1);
    let chars: Vec<char> = s.text.chars().collect();
    let width = |c: char| {
        if c == '\t' {
            TAB_WIDTH
        } else {
            c.width().unwrap_or(0)
        }
    };
    let total: usize = chars.iter().map(|&c| width(c)).sum();
    // The window of characters shown.
    let (mut from, mut to) = (0, chars.len());
    if total > SNIPPET_WIDTH {
        let mut lead = 0;
        from = s.start.min(chars.len());
        while from > 0 && lead + width(chars[from - 1]) <= LEAD_WIDTH {
            from -= 1;
            lead += width(chars[from]);
        }
        let mut used = 0;
        to = from;
        while to < chars.len() && used + width(chars[to]) <= SNIPPET_WIDTH {
            used += width(chars[to]);
            to += 1;
        }
    }
    let show = |c: char| {
        if c == '\t' {
            " ".repeat(TAB_WIDTH)
        } else {
            c.to_string()
        }
    };
    let mut line = String::new();
    let mut carets = String::new();
    if from > 0 {
        line.push('…');
        carets.push(' ');
    }
    for (i, &c) in chars.iter().enumerate().take(to).skip(from) {
        line.push_str(&show(c));
        let fill = if i >= s.start && i < s.end.max(s.start + 1) {
            "^"
        } else {
            " "
        };
        if i < s.end.max(s.start + 1) {
            carets.push_str(&fill.repeat(width(c).max(1)));
        }
    }
    if to < chars.len() {
        line.push('…');
    }
    if s.start >= to {
        // The finding starts at the end of the line (or past the cut).
        carets.push('^');
    }
    let marks = carets.trim_start();
    let pad = &carets[..carets.len() - marks.len()];
    writeln!(out, "{gutter}|")?;
    writeln!(out, "{number} | {line}")?;
    writeln!(out, "{gutter}| {pad}{}", paint(marks.trim_end()))
}

/// SARIF level of a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// What a finding code means, for SARIF's rule descriptions.
pub fn describe_code(code: &str) -> &'static str {
    match code {
        "date_mismatch" => "The draft dates an event otherwise than the sources establish.",
        "number_mismatch" => "The draft gives another number than the sources establish.",
        "negation" => "The draft negates an established claim.",
        "antonym" => "The draft states the opposite of an established claim.",
        "entity_mismatch" => "The draft puts another party in an established claim's role.",
        "kind_mismatch" => "The draft defines a subject otherwise than the sources establish.",
        "word_mismatch" => "The draft completes a phrase otherwise than the sources.",
        "exclusivity" => "The draft says \"only\" where the sources list more.",
        "repeats_refuted" => "The draft repeats a claim the sources refute.",
        "repeats_disputed" => "The draft repeats a claim the sources dispute.",
        "repeats_false" => "The draft repeats a claim the claims file rules false.",
        "agrees" => "The draft agrees with an established claim.",
        _ => "The draft contradicts an established claim.",
    }
}

/// A relative URI for a path: `/` separators, reserved bytes escaped.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The SARIF 2.1.0 log of every draft's findings.
pub fn sarif(reports: &[DraftReport]) -> Value {
    let findings: Vec<&Located> = reports.iter().flat_map(|r| &r.findings).collect();
    let mut codes: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    let rules: Vec<Value> = codes
        .iter()
        .map(|code| {
            json!({
                "id": code,
                "shortDescription": { "text": describe_code(code) },
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let rule_index = codes.iter().position(|c| *c == f.code).unwrap_or(0);
            let mut properties = json!({
                "claim": f.claim,
                "claimText": f.claim_text,
                "kind": f.kind.as_str(),
                "reason": f.reason.as_str(),
                "standing": f.standing,
            });
            if let Some(s) = &f.suggestion {
                properties["suggestion"] = json!(s);
            }
            json!({
                "ruleId": f.code,
                "ruleIndex": rule_index,
                "level": level(f.severity),
                "message": { "text": format!("{} (claim {}: {})", f.message, f.claim, f.standing) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&f.path) },
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line,
                            "endColumn": f.end_column,
                            "snippet": { "text": f.text },
                        },
                    },
                }],
                "properties": properties,
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "claimcheck",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                },
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// Escape workflow-command data.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a workflow-command property.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn github(reports: &[DraftReport], out: &mut dyn Write) -> io::Result<()> {
    for f in reports.iter().flat_map(|r| &r.findings) {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&f.path),
            f.line,
            f.column,
            f.end_line,
            f.end_column,
            escape_property(&format!("claimcheck {}", f.code)),
            escape_data(&format!(
                "{} (claim {}: {})",
                f.message, f.claim, f.standing
            )),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draw(s: &Snippet) -> String {
        let mut out = Vec::new();
        snippet(s, |x| x.to_string(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn carets_line_up_under_wide_characters() {
        let s = Snippet {
            line: 7,
            text: "東京 in 2023.".to_string(),
            start: 6,
            end: 10,
        };
        assert_eq!(draw(&s), "  |\n7 | 東京 in 2023.\n  |         ^^^^\n");
    }

    #[test]
    fn long_lines_are_cut_around_the_finding() {
        let text = format!("{} 2023 {}", "a".repeat(200), "b".repeat(200));
        let s = Snippet {
            line: 1,
            text,
            start: 201,
            end: 205,
        };
        let drawn = draw(&s);
        let lines: Vec<&str> = drawn.lines().collect();
        assert!(lines[1].starts_with("1 | …"), "{drawn}");
        assert!(lines[1].ends_with('…'), "{drawn}");
        let caret = lines[2].chars().position(|c| c == '^').unwrap();
        let under: String = lines[1].chars().skip(caret).take(4).collect();
        assert_eq!(under, "2023", "{drawn}");
    }

    #[test]
    fn github_escapes() {
        assert_eq!(escape_property("a,b:c%"), "a%2Cb%3Ac%25");
        assert_eq!(escape_data("x\ny"), "x%0Ay");
    }

    #[test]
    fn uris_escape_reserved_bytes() {
        assert_eq!(uri("dir\\my draft.md"), "dir/my%20draft.md");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
    }
}
