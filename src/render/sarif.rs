//! The SARIF 2.1.0 renderer (via `serde-sarif`): one result per finding
//! (see [`super::findings`]), rule ids per reason (`claimcheck/date_mismatch`,
//! `claimcheck/contradiction/date_mismatch`), locations at the sentence's
//! file, line and column. Columns count Unicode code points, as the report
//! does, and the run says so (`columnKind`).

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_sarif::sarif::{
    ArtifactContent, ArtifactLocation, Location, Message, MultiformatMessageString,
    PhysicalLocation, PropertyBag, Region, ReportingConfiguration, ReportingDescriptor,
    Result as SarifResult, ResultLevel, Run, Sarif, Tool, ToolComponent,
};

use super::Context;
use super::findings::{Finding, Level, Place, findings, rule_description};
use crate::report::Report;

/// The `$schema` written: the SARIF 2.1.0 schema at the address GitHub's
/// code-scanning documentation uses.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// A path as a URI reference: relative paths stay relative (resolved
/// against the directory the tool ran in, as code-scanning uploads
/// expect), absolute ones become `file://` URIs. Characters outside the
/// unreserved set are percent-encoded.
pub fn path_to_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                encoded.push(byte as char)
            }
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    if path.starts_with('/') {
        format!("file://{encoded}")
    } else {
        encoded
    }
}

fn location(place: &Place, message: Option<&str>) -> Location {
    let region = Region::builder()
        .start_line(place.line as i64)
        .start_column(place.column as i64)
        .snippet(
            ArtifactContent::builder()
                .text(place.sentence.clone())
                .build(),
        )
        .build();
    let physical = PhysicalLocation::builder()
        .artifact_location(
            ArtifactLocation::builder()
                .uri(path_to_uri(&place.path))
                .build(),
        )
        .region(region)
        .build();
    match message {
        Some(m) => Location::builder()
            .physical_location(physical)
            .message(Message::from(m))
            .build(),
        None => Location::builder().physical_location(physical).build(),
    }
}

fn level(level: Level) -> ResultLevel {
    match level {
        Level::Error => ResultLevel::Error,
        Level::Warning => ResultLevel::Warning,
    }
}

fn rules(found: &[Finding]) -> Vec<ReportingDescriptor> {
    let mut by_id: BTreeMap<&str, &Finding> = BTreeMap::new();
    for f in found {
        by_id.entry(f.rule_id.as_str()).or_insert(f);
    }
    by_id
        .into_values()
        .map(|f| {
            let what = rule_description(f.reason);
            let (name, text, default_level) = if f.contradiction {
                (
                    format!("Contradiction/{}", f.reason),
                    format!("Two sentences cannot both be right about a claim. {what}"),
                    "error",
                )
            } else {
                (f.reason.to_string(), what.to_string(), "warning")
            };
            ReportingDescriptor::builder()
                .id(f.rule_id.clone())
                .name(name)
                .short_description(MultiformatMessageString::builder().text(text).build())
                .default_configuration(
                    ReportingConfiguration::builder()
                        .level(serde_json::Value::from(default_level))
                        .build(),
                )
                .build()
        })
        .collect()
}

/// Build the SARIF log.
pub fn log(report: &Report, context: &Context) -> Sarif {
    let found = findings(report, context);
    let rules = rules(&found);
    let index: BTreeMap<&str, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let results: Vec<SarifResult> = found
        .iter()
        .map(|f| {
            let mut properties = BTreeMap::new();
            properties.insert(
                "claim".to_string(),
                serde_json::Value::from(f.claim.clone()),
            );
            properties.insert(
                "source".to_string(),
                serde_json::Value::from(f.place.source.clone()),
            );
            let mut fingerprints = BTreeMap::new();
            fingerprints.insert("claimcheck/v1".to_string(), f.fingerprint.clone());
            let builder = SarifResult::builder()
                .rule_id(f.rule_id.clone())
                .rule_index(index[f.rule_id.as_str()] as i64)
                .level(level(f.level))
                .message(Message::from(f.message.as_str()))
                .locations(vec![location(&f.place, None)])
                .partial_fingerprints(fingerprints)
                .properties(
                    PropertyBag::builder()
                        .additional_properties(properties)
                        .build(),
                );
            match (&f.related, f.baseline) {
                (Some(r), Some(b)) => builder
                    .related_locations(vec![location(r, Some("the other side"))])
                    .baseline_state(serde_json::Value::from(b.as_str()))
                    .build(),
                (Some(r), None) => builder
                    .related_locations(vec![location(r, Some("the other side"))])
                    .build(),
                (None, Some(b)) => builder
                    .baseline_state(serde_json::Value::from(b.as_str()))
                    .build(),
                (None, None) => builder.build(),
            }
        })
        .collect();
    let driver = ToolComponent::builder()
        .name("claimcheck")
        .version(env!("CARGO_PKG_VERSION"))
        .rules(rules)
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .column_kind(serde_json::Value::from("unicodeCodePoints"))
        .results(results)
        .build();
    Sarif::builder()
        .schema(SARIF_SCHEMA)
        .version(serde_json::Value::from("2.1.0"))
        .runs(vec![run])
        .build()
}

/// Write the SARIF log as pretty JSON.
pub fn render(report: &Report, context: &Context, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(report, context))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::path_to_uri;

    #[test]
    fn uris() {
        assert_eq!(path_to_uri("seeds/a b.txt"), "seeds/a%20b.txt");
        assert_eq!(path_to_uri("./seeds/x.txt"), "seeds/x.txt");
        assert_eq!(path_to_uri("/tmp/x.txt"), "file:///tmp/x.txt");
        assert_eq!(path_to_uri("dir/é.txt"), "dir/%C3%A9.txt");
    }
}
