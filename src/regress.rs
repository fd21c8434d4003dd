//! The regression commands, for CI: `test` (expectations), `baseline
//! update`, and `check` with `--baseline` and `--fail-on`. [`crate::app`]
//! loads the inputs and calls these; they decide the [`Outcome`].

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::app::Outcome;
use crate::baseline::{self, Baseline};
use crate::check::Engine;
use crate::claims::ClaimSet;
use crate::corpus::Corpus;
use crate::expect;
use crate::gate::{self, FailOn};
use crate::render::{self, Context, Format, SourceLink, Style, TestFormat};

/// What every regression command reads.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    /// The analyzed sources.
    pub engine: &'a Engine,
    /// The claims.
    pub claims: &'a ClaimSet,
    /// The `--sources` paths as given, to show openable source paths.
    pub roots: &'a [PathBuf],
    /// Colour.
    pub style: Style,
}

/// Where each source can be opened: its `--sources` root joined with its
/// name (the first root that holds it), and its URL from the sidecar.
pub fn source_links(roots: &[PathBuf], corpus: &Corpus) -> BTreeMap<String, SourceLink> {
    corpus
        .sources
        .iter()
        .map(|source| {
            let found = roots.iter().find_map(|root| {
                if root.is_file() {
                    let file_name = root.file_name()?.to_string_lossy();
                    (file_name == source.name).then(|| root.clone())
                } else {
                    let path = root.join(&source.name);
                    path.is_file().then_some(path)
                }
            });
            let path = found.map_or_else(|| source.name.clone(), |p| display(&p));
            let link = SourceLink {
                path,
                url: source.meta.url.clone(),
            };
            (source.name.clone(), link)
        })
        .collect()
}

fn display(path: &Path) -> String {
    let shown = path.to_string_lossy();
    let shown = if cfg!(windows) {
        shown.replace('\\', "/")
    } else {
        shown.into_owned()
    };
    shown
        .strip_prefix("./")
        .map(str::to_string)
        .unwrap_or(shown)
}

/// `check`, with an optional baseline and failure conditions.
pub fn check(
    inputs: Inputs<'_>,
    format: Format,
    baseline: Option<&Path>,
    fail_on: &[FailOn],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    if let (None, Some(needs)) = (baseline, fail_on.iter().find(|f| f.needs_baseline())) {
        writeln!(
            err,
            "claimcheck: error: --fail-on {} compares with a baseline: add --baseline FILE (write one with `claimcheck baseline update`)",
            needs.as_str()
        )?;
        return Ok(Outcome::InputErrors);
    }
    let baseline = match baseline.map(Baseline::read).transpose() {
        Ok(baseline) => baseline,
        Err(message) => {
            writeln!(err, "claimcheck: error: {message}")?;
            return Ok(Outcome::InputErrors);
        }
    };
    let report = inputs.engine.check(inputs.claims);
    let changes = baseline.as_ref().map(|b| baseline::diff(b, &report));
    let context = Context {
        sources: source_links(inputs.roots, inputs.engine.corpus()),
        changes,
    };
    render::render_with(&report, format, inputs.style, &context, out)
        .context("writing the report")?;
    let reasons = gate::triggered(fail_on, &report, context.changes.as_ref());
    for reason in &reasons {
        writeln!(err, "claimcheck: failing: {reason}")?;
    }
    Ok(if reasons.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Failed
    })
}

/// `test`: compare every expectation; fail on any mismatch.
pub fn test(
    inputs: Inputs<'_>,
    format: TestFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let report = inputs.engine.check(inputs.claims);
    let run = expect::compare(inputs.claims, &report);
    if run.expectations == 0 {
        writeln!(
            err,
            "claimcheck: warning: no claim has `expect` or `expect_status`: nothing to test"
        )?;
    }
    let context = Context {
        sources: source_links(inputs.roots, inputs.engine.corpus()),
        changes: None,
    };
    render::render_test(&run, format, &context, out).context("writing the test report")?;
    Ok(if run.passed() {
        Outcome::Clean
    } else {
        Outcome::Failed
    })
}

/// `baseline update`: write the baseline atomically. Refused when some
/// source could not be read, so that a partial corpus never becomes the
/// reference.
pub fn baseline_update(
    inputs: Inputs<'_>,
    output: &Path,
    input_problems: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    if input_problems {
        writeln!(
            err,
            "claimcheck: error: not writing {}: some sources could not be read (see the warnings above)",
            output.display()
        )?;
        return Ok(Outcome::InputErrors);
    }
    let report = inputs.engine.check(inputs.claims);
    let baseline = Baseline::from_report(&report);
    baseline
        .write(output)
        .with_context(|| format!("writing the baseline {}", output.display()))?;
    writeln!(
        out,
        "wrote {}: {} verdicts ({} claims × {} sources), {} contradictions",
        output.display(),
        baseline.verdicts.len(),
        baseline.claims.len(),
        baseline.sources.len(),
        baseline.contradictions.len()
    )?;
    Ok(Outcome::Clean)
}
