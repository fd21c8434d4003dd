//! The JSON renderer: the report as the versioned contract, pretty-printed.

use std::io::{self, Write};

use crate::report::Report;

/// Write the report as pretty JSON followed by a newline.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}
