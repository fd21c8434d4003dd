//! Renderers: one output format each, writing a [`Report`] into a
//! caller-supplied writer. Colour is decided once by the caller
//! ([`Style`]) and only the table renderer uses it.

mod explain;
mod json;
mod table;

use std::io::{self, Write};

pub use explain::render_explanation;

use crate::report::Report;

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Tables for people: verdict matrix, contradictions, reliability.
    #[default]
    Table,
    /// The versioned JSON contract.
    Json,
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
    match format {
        Format::Table => table::render(report, style, out),
        Format::Json => json::render(report, out),
    }
}
