//! The application layer: run one validated command, writing results to
//! `out` and diagnostics to `err`, and say how the run went. The binary
//! only maps [`Outcome`] to an exit code.

use std::io::Write;

use anyhow::Context;

use crate::cache::{self, AnalysisCache};
use crate::check::{Assessment, Engine};
use crate::claims::ClaimSet;
use crate::cli::{Action, CacheChoice, CacheCommand, Options};
use crate::corpus::AnalysisStore;
use crate::load::{self, LoadedSources};
use crate::progress::Progress;
use crate::regress;
use crate::render::render_explanation;
use crate::report::{Explanation, NearMissView};

/// How many near misses `explain` lists.
const NEAR_MISSES_SHOWN: usize = 5;

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything ran and every input was read (exit 0).
    Clean,
    /// Everything ran, but an expectation did not hold (`test`) or a
    /// `--fail-on` condition was met (`check`) (exit 1).
    Failed,
    /// Everything ran and `draft` found an error in the draft (exit 1).
    Findings,
    /// The run finished but some input was skipped, or the input was
    /// unusable (exit 2).
    InputErrors,
}

impl Outcome {
    /// The process exit code.
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Clean => 0,
            Outcome::Failed => 1,
            Outcome::Findings => 1,
            Outcome::InputErrors => 2,
        }
    }
}

/// Run `options`. I/O errors writing `out` are returned (a closed pipe is
/// the caller's to ignore); input problems are reported on `err`.
pub fn run(options: &Options, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    if let Action::Eval(eval) = &options.action {
        return crate::eval::run(eval, out, err);
    }
    if let Action::Cache(command) = &options.action {
        return cache_command(options, *command, out, err);
    }
    let cwd = std::env::current_dir().context("reading the working directory")?;
    let options = &match crate::config::apply(options, &cwd) {
        Ok((options, _)) => options,
        Err(e) => {
            writeln!(err, "claimcheck: error: {e}")?;
            return Ok(Outcome::InputErrors);
        }
    };
    if let Action::Draft(draft) = &options.action {
        return crate::draft::run(options, draft, out, err);
    }
    let Some(claims) = load_claims_or_report(options, err)? else {
        return Ok(Outcome::InputErrors);
    };
    if let Action::Merge { files, format } = &options.action {
        return merge(options, &claims, files, *format, out, err);
    }
    let from_stdin = options.sources.len() == 1 && options.sources[0].as_os_str() == "-";
    if let Action::Stats = &options.action {
        if !from_stdin {
            writeln!(
                err,
                "claimcheck: error: `stats` reads documents from standard input: add `--sources -`"
            )?;
            return Ok(Outcome::InputErrors);
        }
        let cache = open_cache(options, err)?;
        let (stats, summary) =
            crate::stream::stats_stream(&claims, stdin(), store(&cache), results(&cache))?;
        report_cache(&cache, err)?;
        serde_json::to_writer(&mut *out, &stats)?;
        writeln!(out)?;
        return streamed(&summary, err);
    }
    if from_stdin {
        return stream(options, &claims, out, err);
    }
    let progress = Progress::new();
    progress.stage("reading sources".to_string());
    let LoadedSources { sources, problems } =
        load::load_sources_with(&options.sources, &options.limits);
    progress.done();
    for problem in &problems {
        writeln!(err, "claimcheck: warning: {problem}")?;
    }
    if sources.is_empty() {
        writeln!(err, "claimcheck: error: no readable sources")?;
        return Ok(Outcome::InputErrors);
    }
    let cache = open_cache(options, err)?;
    let progress = Progress::new();
    progress.stage(format!("analysing {} sources", sources.len()));
    let engine = Engine::new_with(&claims, sources, store(&cache));
    progress.done();
    report_cache(&cache, err)?;
    let inputs = regress::Inputs {
        engine: &engine,
        claims: &claims,
        roots: &options.sources,
        style: options.style,
    };
    let mut outcome = Outcome::Clean;
    match &options.action {
        Action::Check {
            format,
            baseline,
            fail_on,
        } => {
            outcome = regress::check(inputs, *format, baseline.as_deref(), fail_on, out, err)?;
        }
        Action::Test { format } => {
            outcome = regress::test(inputs, *format, out, err)?;
        }
        Action::BaselineUpdate { output } => {
            outcome = regress::baseline_update(inputs, output, !problems.is_empty(), out, err)?;
        }
        Action::Explain { claim, json } => {
            let Some(found) = claims.get(claim) else {
                let hint = claims
                    .closest_id(claim)
                    .map(|c| format!("; did you mean `{c}`?"))
                    .unwrap_or_default();
                writeln!(err, "claimcheck: error: no claim with id `{claim}`{hint}")?;
                return Ok(Outcome::InputErrors);
            };
            let explanation = explain(&engine, &claims, found);
            if *json {
                serde_json::to_writer_pretty(&mut *out, &explanation)?;
                writeln!(out)?;
            } else {
                render_explanation(&explanation, out)?;
            }
        }
        Action::Draft(_) => unreachable!("`draft` returned above"),
        Action::Eval(_) => unreachable!("eval runs before claims are loaded"),
        Action::Merge { .. } | Action::Stats | Action::Cache(_) => {
            unreachable!("returned above")
        }
    }
    drop_in_background(engine);
    Ok(if problems.is_empty() {
        outcome
    } else {
        Outcome::InputErrors
    })
}

/// `check --sources - --format jsonl`: shard records from documents on
/// standard input.
fn stream(
    options: &Options,
    claims: &ClaimSet,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    match &options.action {
        Action::Check {
            format: crate::render::Format::Jsonl,
            baseline: None,
            fail_on,
        } if fail_on.iter().all(|f| *f == crate::gate::FailOn::Never) => {}
        _ => {
            writeln!(
                err,
                "claimcheck: error: `--sources -` streams documents: use it with `check --format jsonl` (no --baseline or --fail-on), then `claimcheck merge`"
            )?;
            return Ok(Outcome::InputErrors);
        }
    }
    let mut stats: Option<crate::stream::CorpusStats> = None;
    for file in &options.stats {
        let read = std::fs::read_to_string(file)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                serde_json::from_str::<crate::stream::CorpusStats>(&text).map_err(|e| e.to_string())
            });
        match read {
            Ok(s) => stats.get_or_insert_with(Default::default).add(&s),
            Err(e) => {
                writeln!(err, "claimcheck: error: {}: {e}", file.display())?;
                return Ok(Outcome::InputErrors);
            }
        }
    }
    let cache = open_cache(options, err)?;
    let summary =
        crate::stream::check_stream(claims, stats, stdin(), out, store(&cache), results(&cache))?;
    report_cache(&cache, err)?;
    streamed(&summary, err)
}

/// Standard input for a streamed run, read in large blocks (by another
/// thread than the one checking: `Stdin` rather than its lock).
fn stdin() -> std::io::BufReader<std::io::Stdin> {
    std::io::BufReader::with_capacity(1 << 20, std::io::stdin())
}

/// The cache of analysed sources that `options` ask for, or none: off,
/// or it cannot be opened (a warning; the run goes on without it, and
/// its results are the same).
pub fn open_cache(
    options: &Options,
    err: &mut dyn Write,
) -> std::io::Result<Option<AnalysisCache>> {
    let Some(root) = cache_root(options) else {
        if options.cache != CacheChoice::Off {
            writeln!(
                err,
                "claimcheck: warning: cache: no cache directory on this system (set --cache-dir or {}); going on without it",
                cache::CACHE_DIR_ENV
            )?;
        }
        return Ok(None);
    };
    match AnalysisCache::open(&root) {
        Ok(cache) => Ok(Some(cache)),
        Err(problem) => {
            writeln!(
                err,
                "claimcheck: warning: cache: {problem}; going on without it (--no-cache turns it off)"
            )?;
            Ok(None)
        }
    }
}

/// Where the cache is (`None`: off, or no cache directory here).
fn cache_root(options: &Options) -> Option<std::path::PathBuf> {
    match &options.cache {
        CacheChoice::Off => None,
        CacheChoice::Dir(dir) => Some(dir.clone()),
        CacheChoice::Default => cache::default_root(),
    }
}

/// The cache as a store of analysed sources, for the engine.
pub fn store(cache: &Option<AnalysisCache>) -> Option<&dyn AnalysisStore> {
    cache.as_ref().map(|c| c as &dyn AnalysisStore)
}

/// The cache as a store of streamed results.
pub fn results(cache: &Option<AnalysisCache>) -> Option<&dyn crate::stream::ResultStore> {
    cache.as_ref().map(|c| c as &dyn crate::stream::ResultStore)
}

/// The claims files of `options`, or `None` after writing every load
/// error to `err` (the run then ends with [`Outcome::InputErrors`]).
pub fn load_claims_or_report(
    options: &Options,
    err: &mut dyn Write,
) -> std::io::Result<Option<crate::claims::ClaimSet>> {
    match load::load_claims_with(&options.claims, &options.limits) {
        Ok(claims) => Ok(Some(claims)),
        Err(errors) => {
            for e in errors {
                writeln!(err, "claimcheck: error: {e}")?;
            }
            Ok(None)
        }
    }
}

/// Warn, once, when the cache could not be written to.
pub fn report_cache(cache: &Option<AnalysisCache>, err: &mut dyn Write) -> std::io::Result<()> {
    if let Some(problem) = cache.as_ref().and_then(AnalysisCache::problem) {
        writeln!(
            err,
            "claimcheck: warning: cache: {problem}; going on without writing to it (--no-cache turns it off, --cache-dir moves it)"
        )?;
    }
    Ok(())
}

/// `cache dir|info|clear`.
fn cache_command(
    options: &Options,
    command: CacheCommand,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let root = match &options.cache {
        CacheChoice::Dir(dir) => Some(dir.clone()),
        CacheChoice::Default | CacheChoice::Off => cache::default_root(),
    };
    let Some(root) = root else {
        writeln!(
            err,
            "claimcheck: error: no cache directory on this system (set --cache-dir or {})",
            cache::CACHE_DIR_ENV
        )?;
        return Ok(Outcome::InputErrors);
    };
    match command {
        CacheCommand::Dir => writeln!(out, "{}", root.display())?,
        CacheCommand::Info => {
            writeln!(out, "cache directory: {}", root.display())?;
            let versions = cache::info(&root);
            if versions.is_empty() {
                writeln!(out, "empty")?;
            }
            for v in versions {
                writeln!(
                    out,
                    "{}{}: {} entries, {} result entries, {:.1} MB",
                    v.name,
                    if v.current { " (this version)" } else { "" },
                    v.entries,
                    v.results,
                    v.bytes as f64 / 1e6
                )?;
            }
        }
        CacheCommand::Clear => {
            let removed = cache::clear(&root)
                .with_context(|| format!("clearing the cache in {}", root.display()))?;
            let (entries, results, bytes) = removed.iter().fold((0, 0, 0), |(e, r, b), v| {
                (e + v.entries, r + v.results, b + v.bytes)
            });
            writeln!(
                out,
                "removed {entries} entries and {results} result entries ({:.1} MB) from {}",
                bytes as f64 / 1e6,
                root.display()
            )?;
        }
    }
    Ok(Outcome::Clean)
}

/// The outcome of a streamed run, its problems reported.
fn streamed(
    summary: &crate::stream::StreamSummary,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    for problem in &summary.problems {
        writeln!(err, "claimcheck: warning: standard input {problem}")?;
    }
    if summary.documents == 0 {
        writeln!(err, "claimcheck: error: no documents on standard input")?;
        return Ok(Outcome::InputErrors);
    }
    Ok(if summary.problems.is_empty() {
        Outcome::Clean
    } else {
        Outcome::InputErrors
    })
}

/// `merge FILE...`: the full report from shard records.
fn merge(
    options: &Options,
    claims: &ClaimSet,
    files: &[std::path::PathBuf],
    format: crate::render::Format,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let mut merger = crate::merge::Merger::new();
    for file in files {
        let result = if file.as_os_str() == "-" {
            merger.read("<stdin>", std::io::stdin().lock())
        } else {
            match std::fs::File::open(file) {
                Ok(f) => merger.read(&file.display().to_string(), std::io::BufReader::new(f)),
                Err(e) => Err(format!("{}: cannot read: {e}", file.display())),
            }
        };
        if let Err(message) = result {
            writeln!(err, "claimcheck: error: {message}")?;
            return Ok(Outcome::InputErrors);
        }
    }
    let report = merger.report(claims);
    let context = crate::render::Context {
        sources: Default::default(),
        changes: None,
    };
    crate::render::render_with(&report, format, options.style, &context, out)
        .context("writing the report")?;
    Ok(Outcome::Clean)
}

/// Free the analysed corpus on a thread of its own. It holds a few
/// strings per word of every source, and freeing them takes about a
/// tenth of a run; the command line is about to exit, which does not
/// wait for that thread (a library caller still gets the memory back).
fn drop_in_background(engine: Engine) {
    // When no thread can be had, `spawn` drops the closure, and the
    // engine with it, right here.
    let _ = std::thread::Builder::new()
        .name("claimcheck-drop".into())
        .spawn(move || drop(engine));
}

/// Build the explanation of one claim.
pub fn explain(engine: &Engine, claims: &ClaimSet, claim: &crate::claims::Claim) -> Explanation {
    let assessment: Assessment = engine.assess(claim);
    let single = ClaimSet {
        claims: vec![claim.clone()],
        aliases: claims.aliases.clone(),
    };
    let report = engine.report(&single, std::slice::from_ref(&assessment));
    let corpus = engine.corpus();
    let judged = assessment
        .judged
        .iter()
        .enumerate()
        .filter(|(_, j)| !j.is_empty())
        .map(|(i, j)| {
            (
                corpus.sources[i].name.clone(),
                j.iter().map(|s| engine.evidence(s)).collect(),
            )
        })
        .collect();
    let near_misses = assessment
        .near_misses
        .iter()
        .take(NEAR_MISSES_SHOWN)
        .map(|m| {
            let sentence = &corpus.sentences[m.sentence];
            let source = &corpus.sources[sentence.source];
            let at = source.line_col(sentence.span.start);
            NearMissView {
                source: source.name.clone(),
                line: at.line,
                column: at.column,
                sentence: crate::check::one_line(corpus.sentence_text(sentence)),
                relevance: (m.relevance * 100.0).round() / 100.0,
                why: m.why.to_string(),
            }
        })
        .collect();
    let query = &assessment.query;
    Explanation {
        claim: report
            .claims
            .into_iter()
            .next()
            .expect("one claim in, one report out"),
        entities: query.entities.iter().map(|e| e.key.clone()).collect(),
        words: query.words.iter().map(|w| w.key.clone()).collect(),
        dates: query.dates.iter().map(|d| d.to_iso()).collect(),
        numbers: query
            .numbers
            .iter()
            .map(|n| n.span.slice(&query.text).to_string())
            .collect(),
        judged,
        near_misses,
    }
}
