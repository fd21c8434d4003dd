//! `claimcheck eval`: verdict accuracy on public labelled datasets.
//!
//! Each adapter ([`fnc1`], [`fever`], [`climate_fever`], [`vitaminc`],
//! [`jsonl`]) reads one dataset format into a [`Dataset`]: the unique
//! claims, the unique sources and the labelled [`Item`]s (a claim, the
//! source or sources it is judged against, and the gold class). The run
//! then goes through the very pipeline of `check`: one
//! [`Engine`] over every source of the dataset, one
//! [`Engine::check`](crate::check::Engine::check) over every claim, and
//! each item's output read from the [`Report`] with
//! [`ClaimReport::verdict_of`](crate::report::ClaimReport::verdict_of) (or, for claim-level data, the
//! [`ClaimStatus`] of the claim's own sources). [`metrics`] scores the
//! outputs; `--errors N` lists misclassified examples with what the
//! matcher saw.
//!
//! The datasets are read at run time from wherever they are; none is part
//! of the repository. `docs/eval.md` has the commands and numbers.

pub mod climate_fever;
pub mod fever;
pub mod fnc1;
pub mod jsonl;
pub mod metrics;
mod render;
pub mod vitaminc;

use std::collections::HashMap;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use serde::Serialize;

use crate::app::Outcome;
use crate::check::{Engine, one_line};
use crate::claims::{Claim, ClaimSet, Origin};
use crate::corpus::{Source, SourceMeta};
use crate::report::{Evidence, Report};
use crate::verdict::{ClaimStatus, Verdict};
use metrics::{Confusion, FncScore, Scheme, Scores};

/// The datasets `eval` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DatasetKind {
    /// Fake News Challenge stage 1: a folder with `stances*.csv` and
    /// `bodies.csv`, or the stances file itself.
    Fnc1,
    /// FEVER-style JSONL with the evidence text (FEVER-Symmetric, FEVER
    /// NLI dev); two classes, or three when NOT ENOUGH INFO occurs.
    Fever,
    /// Climate-FEVER, one item per (claim, evidence sentence).
    ClimateFever,
    /// Climate-FEVER, one item per claim: its status over its five
    /// evidence sentences against the claim label (DISPUTED ↔ disputed).
    ClimateFeverClaims,
    /// VitaminC JSONL `{claim, evidence, label}`; a file or a folder.
    Vitaminc,
    /// RTE JSONL `{premise, hypothesis, label: True|False}`; a file or a
    /// folder.
    Rte,
    /// The neutral format: `{"claim", "evidence", "label"}` per line.
    Jsonl,
}

impl DatasetKind {
    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            DatasetKind::Fnc1 => "fnc1",
            DatasetKind::Fever => "fever",
            DatasetKind::ClimateFever => "climate-fever",
            DatasetKind::ClimateFeverClaims => "climate-fever-claims",
            DatasetKind::Vitaminc => "vitaminc",
            DatasetKind::Rte => "rte",
            DatasetKind::Jsonl => "jsonl",
        }
    }
}

/// What `eval` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalOptions {
    /// Which adapter reads `path`.
    pub dataset: DatasetKind,
    /// The dataset file or folder.
    pub path: PathBuf,
    /// JSON instead of text.
    pub json: bool,
    /// Misclassified examples to list per confusion cell.
    pub errors: Option<usize>,
    /// Read only the first N items.
    pub limit: Option<usize>,
}

/// The five verdict words, as confusion columns.
pub const VERDICT_COLUMNS: [&str; 5] =
    ["supports", "refutes", "mixed", "discusses", "not_mentioned"];

/// The four status words, as confusion columns.
pub const STATUS_COLUMNS: [&str; 4] = ["supported", "refuted", "disputed", "unverified"];

/// What one item is scored on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The verdict of the item's one source.
    Verdict,
    /// The claim status over the item's sources.
    Status,
}

/// One labelled item.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Index into [`Dataset::claims`].
    pub claim: usize,
    /// Indices into [`Dataset::sources`] (one for verdict-level items).
    pub sources: Vec<usize>,
    /// Index of the gold class in the scheme.
    pub gold: usize,
    /// Where the item is written in the dataset.
    pub origin: Origin,
}

/// A dataset read into claims, sources and labelled items.
#[derive(Debug)]
pub struct Dataset {
    /// The label space and how outputs map onto it.
    pub scheme: Scheme,
    /// What items are scored on.
    pub level: Level,
    /// Unique claims, ids `claim-1`, `claim-2`, …
    pub claims: Vec<Claim>,
    /// Unique sources, unique names.
    pub sources: Vec<Source>,
    /// The labelled items, in dataset order.
    pub items: Vec<Item>,
    /// Rows left out (empty claim or evidence).
    pub skipped: usize,
    /// For FNC-1: the class of unrelated pairs, for the weighted score.
    pub fnc_unrelated: Option<usize>,
}

/// Collects unique claims and sources while an adapter reads rows.
#[derive(Debug)]
pub struct Builder {
    file: String,
    claims: Vec<Claim>,
    claim_index: HashMap<String, usize>,
    sources: Vec<Source>,
    source_index: HashMap<String, usize>,
    names: HashSet<String>,
    items: Vec<Item>,
    skipped: usize,
}

impl Builder {
    /// A builder for items read from `file`.
    pub fn new(file: &Path) -> Builder {
        Builder {
            file: file.display().to_string(),
            claims: Vec::new(),
            claim_index: HashMap::new(),
            sources: Vec::new(),
            source_index: HashMap::new(),
            names: HashSet::new(),
            items: Vec::new(),
            skipped: 0,
        }
    }

    /// Items from now on are read from `file`.
    pub fn set_file(&mut self, file: &Path) {
        self.file = file.display().to_string();
    }

    /// Items added so far.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Sources added so far.
    pub fn source_count(&self) -> usize {
        self.sources.len()
    }

    /// Whether no item was added.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Whether `limit` items were added already.
    pub fn full(&self, limit: Option<usize>) -> bool {
        limit.is_some_and(|n| self.items.len() >= n)
    }

    /// Count a row left out.
    pub fn skip(&mut self) {
        self.skipped += 1;
    }

    /// Where line `line` of the current file is.
    pub fn origin(&self, line: usize) -> Origin {
        Origin {
            file: self.file.clone(),
            line,
            column: 1,
        }
    }

    /// The claim with this text, added on first sight (first at `line`).
    pub fn claim(&mut self, text: &str, line: usize) -> usize {
        let text = text.trim();
        if let Some(&i) = self.claim_index.get(text) {
            return i;
        }
        let i = self.claims.len();
        self.claims.push(Claim {
            id: format!("claim-{}", i + 1),
            text: text.to_string(),
            about: Vec::new(),
            expect: None,
            expect_status: None,
            truth: None,
            note: None,
            origin: self.origin(line),
        });
        self.claim_index.insert(text.to_string(), i);
        i
    }

    /// The source known by `key`, added on first sight under `name` (made
    /// unique with a `-2`, `-3`… suffix when taken).
    pub fn source(&mut self, key: &str, name: &str, text: &str) -> usize {
        if let Some(&i) = self.source_index.get(key) {
            return i;
        }
        let mut unique = name.to_string();
        let mut n = 1;
        while self.names.contains(&unique) {
            n += 1;
            unique = match name.rsplit_once('.') {
                Some((stem, ext)) => format!("{stem}-{n}.{ext}"),
                None => format!("{name}-{n}"),
            };
        }
        self.names.insert(unique.clone());
        let i = self.sources.len();
        self.sources
            .push(Source::new(unique, text.to_string(), SourceMeta::default()));
        self.source_index.insert(key.to_string(), i);
        i
    }

    /// Add a labelled item read at `line`.
    pub fn item(&mut self, claim: usize, sources: Vec<usize>, gold: usize, line: usize) {
        let origin = self.origin(line);
        self.items.push(Item {
            claim,
            sources,
            gold,
            origin,
        });
    }

    /// The dataset, scored with `scheme` at `level`.
    pub fn finish(self, scheme: Scheme, level: Level) -> Dataset {
        Dataset {
            scheme,
            level,
            claims: self.claims,
            sources: self.sources,
            items: self.items,
            skipped: self.skipped,
            fnc_unrelated: None,
        }
    }
}

/// Read `path` with the adapter of `kind`, keeping the first `limit`
/// items.
pub fn load(kind: DatasetKind, path: &Path, limit: Option<usize>) -> anyhow::Result<Dataset> {
    let dataset = match kind {
        DatasetKind::Fnc1 => fnc1::load(path, limit)?,
        DatasetKind::Fever => fever::load(path, limit)?,
        DatasetKind::ClimateFever => climate_fever::load(path, limit, false)?,
        DatasetKind::ClimateFeverClaims => climate_fever::load(path, limit, true)?,
        DatasetKind::Vitaminc => vitaminc::load(path, limit, false)?,
        DatasetKind::Rte => vitaminc::load(path, limit, true)?,
        DatasetKind::Jsonl => jsonl::load(path, limit)?,
    };
    if dataset.items.is_empty() {
        anyhow::bail!("{}: no labelled items found", path.display());
    }
    Ok(dataset)
}

/// The result of one evaluation: what `--format json` prints.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    /// The dataset kind.
    pub dataset: String,
    /// The dataset path as given.
    pub path: String,
    /// `pair` (one verdict per item) or `claim` (one status per item).
    pub unit: &'static str,
    /// Labelled items scored.
    pub items: usize,
    /// Rows left out (empty claim or evidence).
    pub skipped: usize,
    /// Unique claims checked.
    pub claims: usize,
    /// Unique sources analyzed.
    pub sources: usize,
    /// Wall-clock seconds, reading to scoring.
    pub seconds: f64,
    /// The confusion columns: every output claimcheck can give.
    pub columns: Vec<String>,
    /// For each column, the gold label it counts as right for (`null`:
    /// wrong for every label).
    pub credit: Vec<Option<String>>,
    /// One row per gold class, counts aligned with `columns`.
    pub confusion: Vec<ConfusionRow>,
    /// Per-class scores, macro-F1 and accuracy.
    #[serde(flatten)]
    pub scores: Scores,
    /// The FNC-1 weighted score (FNC-1 only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fnc_score: Option<FncScore>,
    /// Misclassified examples per wrong cell, largest cell first (with
    /// `--errors`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<ErrorCell>>,
}

/// One row of the confusion matrix.
#[derive(Debug, Clone, Serialize)]
pub struct ConfusionRow {
    /// The dataset's label.
    pub label: String,
    /// What it means in claimcheck's words.
    pub means: String,
    /// Counts per column.
    pub counts: Vec<usize>,
}

/// The misclassified items of one (gold, predicted) cell.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorCell {
    /// The gold label.
    pub gold: String,
    /// What claimcheck said.
    pub predicted: String,
    /// Items in the cell.
    pub count: usize,
    /// The first few, in dataset order.
    pub examples: Vec<ErrorExample>,
}

/// One misclassified item, with what the matcher saw.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorExample {
    /// Where the item is in the dataset (`file:line`).
    pub origin: String,
    /// The claim text.
    pub claim: String,
    /// How the claim was read: its entities (comparison keys).
    pub entities: Vec<String>,
    /// How the claim was read: its content words (concept keys).
    pub words: Vec<String>,
    /// How the claim was read: its dates (ISO) and numbers (as written).
    pub values: Vec<String>,
    /// The item's sources.
    pub sources: Vec<ErrorSource>,
}

/// What the matcher saw in one source of a misclassified item.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorSource {
    /// Source name.
    pub source: String,
    /// The source's verdict.
    pub verdict: Verdict,
    /// The source text, on one line, cut at [`EXCERPT_CHARS`].
    pub text: String,
    /// Every sentence the rules judged, strongest first (weak ones
    /// included), at most [`SHOWN`].
    pub judged: Vec<Evidence>,
    /// Sentences that shared words but were not evidence, with why, at
    /// most [`SHOWN`].
    pub near_misses: Vec<NearMissText>,
}

/// A sentence that came close.
#[derive(Debug, Clone, Serialize)]
pub struct NearMissText {
    /// The sentence.
    pub sentence: String,
    /// Its relevance.
    pub relevance: f32,
    /// Why it was not evidence.
    pub why: String,
}

/// Longest source excerpt in error examples.
pub const EXCERPT_CHARS: usize = 300;
/// Judged sentences and near misses shown per source in error examples.
pub const SHOWN: usize = 3;

/// Run `eval`: read, check, score, write the report to `out`. Problems
/// with the dataset are reported on `err` (exit 2).
pub fn run(
    options: &EvalOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let progress = Progress::new();
    progress.stage(format!("reading {}", options.path.display()));
    let dataset = match load(options.dataset, &options.path, options.limit) {
        Ok(dataset) => dataset,
        Err(e) => {
            progress.done();
            writeln!(err, "claimcheck: error: {e:#}")?;
            return Ok(Outcome::InputErrors);
        }
    };
    let mut report = evaluate(dataset, options.errors, &progress);
    progress.done();
    report.dataset = options.dataset.as_str().to_string();
    report.path = options.path.display().to_string();
    report.seconds = (started.elapsed().as_secs_f64() * 10.0).round() / 10.0;
    if options.json {
        serde_json::to_writer_pretty(&mut *out, &report).context("writing the report")?;
        writeln!(out)?;
    } else {
        render::render(&report, out).context("writing the report")?;
    }
    Ok(Outcome::Clean)
}

/// Check every claim of `dataset` against every source in one engine and
/// score each item; with `errors`, list that many misclassified examples
/// per wrong cell. `dataset`, `path` and `seconds` are left for the caller.
pub fn evaluate(dataset: Dataset, errors: Option<usize>, progress: &Progress) -> EvalReport {
    let Dataset {
        scheme,
        level,
        claims,
        sources,
        items,
        skipped,
        fnc_unrelated,
    } = dataset;
    let claims = ClaimSet {
        claims,
        aliases: Vec::new(),
    };
    progress.stage(format!("analysing {} sources", sources.len()));
    let engine = Engine::new(&claims, sources);
    progress.stage(format!(
        "checking {} claims against {} sources",
        claims.claims.len(),
        engine.corpus().sources.len()
    ));
    let report = engine.check(&claims);
    progress.stage(format!("scoring {} items", items.len()));
    let predicted: Vec<usize> = items
        .iter()
        .map(|item| predict(&scheme, level, &engine, &report, item))
        .collect();
    let mut confusion = Confusion::new(&scheme);
    for (item, &column) in items.iter().zip(&predicted) {
        confusion.add(item.gold, column);
    }
    let scores = metrics::score(&scheme, &confusion);
    let fnc_score = fnc_unrelated.and_then(|unrelated| {
        let column = scheme.column(Verdict::NotMentioned.as_str())?;
        Some(metrics::fnc_score(&scheme, &confusion, unrelated, column))
    });
    let errors = errors.map(|n| {
        progress.stage("collecting misclassified examples".to_string());
        error_cells(
            &scheme, &engine, &claims, &report, &items, &predicted, &confusion, n,
        )
    });
    EvalReport {
        dataset: String::new(),
        path: String::new(),
        unit: match level {
            Level::Verdict => "pair",
            Level::Status => "claim",
        },
        items: items.len(),
        skipped,
        claims: claims.claims.len(),
        sources: engine.corpus().sources.len(),
        seconds: 0.0,
        columns: scheme.columns.iter().map(|c| (*c).to_string()).collect(),
        credit: scheme
            .credit
            .iter()
            .map(|c| c.map(|c| scheme.classes[c].label.clone()))
            .collect(),
        confusion: scheme
            .classes
            .iter()
            .zip(&confusion.counts)
            .map(|(class, counts)| ConfusionRow {
                label: class.label.clone(),
                means: class.means.clone(),
                counts: counts.clone(),
            })
            .collect(),
        scores,
        fnc_score,
        errors,
    }
}

/// The column of what claimcheck said about `item`.
fn predict(scheme: &Scheme, level: Level, engine: &Engine, report: &Report, item: &Item) -> usize {
    let claim = &report.claims[item.claim];
    let verdict = |s: usize| claim.verdict_of(&engine.corpus().sources[s].name);
    let word = match level {
        Level::Verdict => verdict(item.sources[0]).as_str(),
        Level::Status => {
            ClaimStatus::from_verdicts(item.sources.iter().map(|&s| verdict(s))).as_str()
        }
    };
    scheme
        .column(word)
        .expect("every output of the level is a column of its scheme")
}

#[allow(clippy::too_many_arguments)]
fn error_cells(
    scheme: &Scheme,
    engine: &Engine,
    claims: &ClaimSet,
    report: &Report,
    items: &[Item],
    predicted: &[usize],
    confusion: &Confusion,
    n: usize,
) -> Vec<ErrorCell> {
    let mut cells: Vec<(usize, usize, usize)> = Vec::new();
    for (class, row) in confusion.counts.iter().enumerate() {
        for (column, &count) in row.iter().enumerate() {
            if count > 0 && !scheme.is_correct(class, column) {
                cells.push((class, column, count));
            }
        }
    }
    cells.sort_by(|a, b| b.2.cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
    cells
        .into_iter()
        .map(|(class, column, count)| ErrorCell {
            gold: scheme.classes[class].label.clone(),
            predicted: scheme.columns[column].to_string(),
            count,
            examples: items
                .iter()
                .zip(predicted)
                .filter(|(item, p)| item.gold == class && **p == column)
                .take(n)
                .map(|(item, _)| example(engine, claims, report, item))
                .collect(),
        })
        .collect()
}

fn example(engine: &Engine, claims: &ClaimSet, report: &Report, item: &Item) -> ErrorExample {
    let claim = &claims.claims[item.claim];
    let assessment = engine.assess(claim);
    let corpus = engine.corpus();
    let sources = item
        .sources
        .iter()
        .map(|&s| {
            let source = &corpus.sources[s];
            ErrorSource {
                source: source.name.clone(),
                verdict: report.claims[item.claim].verdict_of(&source.name),
                text: excerpt(&source.text, EXCERPT_CHARS),
                judged: assessment.judged[s]
                    .iter()
                    .take(SHOWN)
                    .map(|j| engine.evidence(j))
                    .collect(),
                near_misses: assessment
                    .near_misses
                    .iter()
                    .filter(|m| corpus.sentences[m.sentence].source == s)
                    .take(SHOWN)
                    .map(|m| NearMissText {
                        sentence: one_line(corpus.sentence_text(&corpus.sentences[m.sentence])),
                        relevance: (m.relevance * 100.0).round() / 100.0,
                        why: m.why.to_string(),
                    })
                    .collect(),
            }
        })
        .collect();
    ErrorExample {
        origin: format!("{}:{}", item.origin.file, item.origin.line),
        claim: claim.text.clone(),
        entities: assessment
            .query
            .entities
            .iter()
            .map(|e| e.key.clone())
            .collect(),
        words: assessment
            .query
            .words
            .iter()
            .map(|w| w.key.clone())
            .collect(),
        values: (assessment.query.dates.iter().map(|d| d.to_iso()))
            .chain(
                assessment
                    .query
                    .numbers
                    .iter()
                    .map(|n| n.span.slice(&assessment.query.text).to_string()),
            )
            .collect(),
        sources,
    }
}

/// `text` on one line, cut to `max` characters with an ellipsis.
pub fn excerpt(text: &str, max: usize) -> String {
    let line = one_line(text);
    match line.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", line[..at].trim_end()),
        None => line,
    }
}

pub use crate::progress::Progress;

/// The files to read under `path`: the file itself, or every `*.jsonl`
/// file of the folder, sorted by name.
pub fn jsonl_files(path: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .with_context(|| format!("reading {}", path.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    if files.is_empty() {
        anyhow::bail!("{}: no *.jsonl files in this folder", path.display());
    }
    Ok(files)
}

/// Call `row` with the 1-based line number and parsed value of every
/// non-blank line of a JSONL file, until it returns `false`.
pub fn read_jsonl<T: serde::de::DeserializeOwned>(
    path: &Path,
    mut row: impl FnMut(usize, T) -> anyhow::Result<bool>,
) -> anyhow::Result<()> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: T = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not a valid row", path.display(), i + 1))?;
        if !row(i + 1, value)? {
            break;
        }
    }
    Ok(())
}

/// The class of `label`, or an error naming the line and the labels known.
pub fn class_of(scheme_labels: &[&str], label: &str, origin: &Origin) -> anyhow::Result<usize> {
    scheme_labels
        .iter()
        .position(|l| l.eq_ignore_ascii_case(label.trim()))
        .ok_or_else(|| {
            anyhow::anyhow!(
                "{origin}: unknown label `{label}`, expected one of: {}",
                scheme_labels.join(", ")
            )
        })
}
