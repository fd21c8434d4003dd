//! Renderers: one output format each, writing a [`Report`] into a
//! caller-supplied writer. Colour is decided once by the caller
//! ([`Style`]) and only the table renderer uses it.

mod changes;
mod claimreview;
mod explain;
mod findings;
mod github;
mod json;
mod jsonl;
mod junit;
mod sarif;
mod table;
mod testrun;

use std::collections::BTreeMap;
use std::io::{self, Write};

pub use explain::render_explanation;

use crate::baseline::Changes;
use crate::expect::TestRun;
use crate::report::Report;

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Tables for people: verdict matrix, contradictions, reliability.
    #[default]
    Table,
    /// The versioned JSON contract.
    Json,
    /// One JSON object per line: every (claim, source) verdict, then
    /// every contradiction (and change, with --baseline); see `type`.
    Jsonl,
    /// SARIF 2.1.0 for code-scanning tools.
    Sarif,
    /// JUnit XML: one test case per claim, refuted and disputed fail.
    Junit,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// schema.org ClaimReview JSON-LD, one per claim.
    Claimreview,
}

/// Output formats of `test`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum TestFormat {
    /// Every failed expectation with the evidence found, and a summary.
    #[default]
    Text,
    /// JUnit XML: one test case per claim.
    Junit,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// The comparison as JSON.
    Json,
}

/// Where a source can be opened, beyond its name in the report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceLink {
    /// The path as the user can open it (its root joined with its name).
    pub path: String,
    /// Its URL, from the sidecar metadata.
    pub url: Option<String>,
}

/// What some formats show beyond the report.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Source name → where it is; a name not listed is shown as is.
    pub sources: BTreeMap<String, SourceLink>,
    /// What changed since the baseline (`check --baseline`).
    pub changes: Option<Changes>,
}

impl Context {
    /// The path of `source` as the user can open it.
    pub fn path_of<'a>(&'a self, source: &'a str) -> &'a str {
        self.sources.get(source).map_or(source, |s| s.path.as_str())
    }
}

/// Whether to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Use ANSI colours.
    pub color: bool,
}

/// Write `report` in `format` to `out`.
pub fn render(
    report: &Report,
    format: Format,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    render_with(report, format, style, &Context::default(), out)
}

/// Write `report` in `format` to `out`, with source paths and baseline
/// changes from `context`.
pub fn render_with(
    report: &Report,
    format: Format,
    style: Style,
    context: &Context,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => {
            table::render(report, style, out)?;
            match &context.changes {
                Some(changes) => changes::render(changes, style, out),
                None => Ok(()),
            }
        }
        Format::Json => match &context.changes {
            Some(changes) => changes::render_json(report, changes, out),
            None => json::render(report, out),
        },
        Format::Jsonl => jsonl::render(report, context, out),
        Format::Sarif => sarif::render(report, context, out),
        Format::Junit => junit::render_check(report, context, out),
        Format::Github => github::render_check(report, context, out),
        Format::Claimreview => claimreview::render(report, context, out),
    }
}

/// Write the result of `test` in `format` to `out`.
pub fn render_test(
    run: &TestRun,
    format: TestFormat,
    context: &Context,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        TestFormat::Text => testrun::render_text(run, context, out),
        TestFormat::Json => testrun::render_json(run, out),
        TestFormat::Junit => junit::render_test(run, context, out),
        TestFormat::Github => github::render_test(run, context, out),
    }
}
