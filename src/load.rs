//! Reading claims and sources from disk: the only module of the library
//! that touches the file system. Nothing here prints; problems come back
//! as values, fatal ones as errors and per-file ones as [`LoadProblem`]s
//! so that one unreadable article never stops the run.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;
use walkdir::WalkDir;

use crate::claims::{self, ClaimSet, ClaimsError};
use crate::corpus::{Source, SourceMeta};
use crate::dates;

/// File extensions read as sources.
pub const SOURCE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text"];
/// File extensions read as claims files.
pub const CLAIMS_EXTENSIONS: &[&str] = &["yaml", "yml"];
/// Name of the optional metadata sidecar in a sources directory.
pub const SIDECAR_NAME: &str = "sources.yaml";
/// Largest source file read, in bytes; larger files are skipped with a
/// problem report.
pub const MAX_SOURCE_BYTES: u64 = 256 * 1024 * 1024;

/// A file that could not be used; the run goes on without it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadProblem {
    /// The file, as found.
    pub path: String,
    /// What went wrong.
    pub message: String,
}

impl std::fmt::Display for LoadProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Why claims could not be loaded at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LoadError {
    /// A path given does not exist or cannot be read.
    #[error("{path}: {message}")]
    Path {
        /// The path as given.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A claims file is malformed.
    #[error(transparent)]
    Claims(#[from] ClaimsError),
}

/// Load and merge every claims file under `paths` (files, or directories
/// searched for `*.yaml`/`*.yml`). Every error found is returned, not only
/// the first.
pub fn load_claims(paths: &[PathBuf]) -> Result<ClaimSet, Vec<LoadError>> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match claims_files(path) {
            Ok(found) => files.extend(found),
            Err(e) => errors.push(e),
        }
    }
    let mut sets = Vec::new();
    for file in files {
        let shown = file.display().to_string();
        match fs::read(&file) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => match claims::parse_claims(&text, &shown) {
                    Ok(set) => sets.push(set),
                    Err(e) => errors.push(e.into()),
                },
                Err(e) => errors.push(LoadError::Path {
                    path: shown,
                    message: format!(
                        "not valid UTF-8 (first bad byte at offset {})",
                        e.utf8_error().valid_up_to()
                    ),
                }),
            },
            Err(e) => errors.push(LoadError::Path {
                path: shown,
                message: format!("cannot read: {e}"),
            }),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    claims::merge(sets).map_err(|errs| errs.into_iter().map(LoadError::from).collect())
}

fn claims_files(path: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let shown = path.display().to_string();
    let meta = fs::metadata(path).map_err(|e| LoadError::Path {
        path: shown.clone(),
        message: format!("cannot read claims: {e}"),
    })?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = WalkDir::new(path)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && has_extension(e.path(), CLAIMS_EXTENSIONS))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(LoadError::Path {
            path: shown,
            message: "no claims files (*.yaml, *.yml) in this directory".to_string(),
        });
    }
    Ok(files)
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Sources found under `paths`, and the files that could not be used.
#[derive(Debug, Default)]
pub struct LoadedSources {
    /// Readable sources, in path order.
    pub sources: Vec<Source>,
    /// Files skipped, with why.
    pub problems: Vec<LoadProblem>,
}

/// Load every source under `paths`: directories are walked recursively
/// (symlink loops are reported, not followed forever), single files are
/// read as given. A missing path is a problem, not a crash. Files are
/// read and decoded in parallel; sources and problems keep walk order.
pub fn load_sources(paths: &[PathBuf]) -> LoadedSources {
    let mut loaded = LoadedSources::default();
    for root in paths {
        let shown = root.display().to_string();
        let meta = match fs::metadata(root) {
            Ok(meta) => meta,
            Err(e) => {
                loaded.problems.push(LoadProblem {
                    path: shown,
                    message: format!("cannot read sources: {e}"),
                });
                continue;
            }
        };
        if meta.is_file() {
            let name = root
                .file_name()
                .map_or(shown.clone(), |n| n.to_string_lossy().into_owned());
            let sidecar = root.parent().map(|p| read_sidecar(p, &mut loaded.problems));
            let meta = sidecar
                .and_then(|s| s.get(&name).cloned())
                .unwrap_or_default();
            match read_source(root, name, meta) {
                Ok(source) => loaded.sources.push(source),
                Err(problem) => loaded.problems.push(problem),
            }
            continue;
        }
        let sidecar = read_sidecar(root, &mut loaded.problems);
        let before = loaded.sources.len();
        let mut found: Vec<Result<(PathBuf, String, SourceMeta), LoadProblem>> = Vec::new();
        for entry in WalkDir::new(root).follow_links(true).sort_by_file_name() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    found.push(Err(LoadProblem {
                        path: e.path().map_or(shown.clone(), |p| p.display().to_string()),
                        message: walk_error_message(&e),
                    }));
                    continue;
                }
            };
            if !entry.file_type().is_file() || !has_extension(entry.path(), SOURCE_EXTENSIONS) {
                continue;
            }
            let name = relative_name(root, entry.path());
            let meta = sidecar.get(&name).cloned().unwrap_or_default();
            found.push(Ok((entry.into_path(), name, meta)));
        }
        let read: Vec<Result<Source, LoadProblem>> = found
            .into_par_iter()
            .map(|item| item.and_then(|(path, name, meta)| read_source(&path, name, meta)))
            .collect();
        for item in read {
            match item {
                Ok(source) => loaded.sources.push(source),
                Err(problem) => loaded.problems.push(problem),
            }
        }
        if loaded.sources.len() == before {
            loaded.problems.push(LoadProblem {
                path: shown,
                message: format!(
                    "no sources ({}) in this directory",
                    SOURCE_EXTENSIONS
                        .iter()
                        .map(|e| format!("*.{e}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
    }
    loaded
}

fn walk_error_message(e: &walkdir::Error) -> String {
    if e.loop_ancestor().is_some() {
        "symlink loop, not followed".to_string()
    } else {
        format!(
            "cannot read: {}",
            e.io_error().map_or(e.to_string(), |io| io.to_string())
        )
    }
}

fn relative_name(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn read_source(path: &Path, name: String, meta: SourceMeta) -> Result<Source, LoadProblem> {
    let problem = |message: String| LoadProblem {
        path: path.display().to_string(),
        message,
    };
    match fs::metadata(path) {
        Ok(m) if m.len() > MAX_SOURCE_BYTES => {
            return Err(problem(format!(
                "skipped: {} bytes is over the {MAX_SOURCE_BYTES}-byte limit",
                m.len()
            )));
        }
        Ok(_) => {}
        Err(e) => return Err(problem(format!("cannot read: {e}"))),
    }
    let bytes = fs::read(path).map_err(|e| problem(format!("cannot read: {e}")))?;
    match decode(&bytes) {
        Ok(text) => Ok(Source::new(name, text, meta)),
        Err(message) => Err(problem(message)),
    }
}

/// Decode a source's bytes: UTF-8 (a BOM is dropped). Binary files and
/// other encodings are refused with a reason rather than garbled.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().take(8192).any(|b| *b == 0) {
        return Err("skipped: binary file (NUL bytes)".to_string());
    }
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        format!(
            "skipped: not valid UTF-8 (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Sidecar {
    sources: std::collections::BTreeMap<String, SidecarEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SidecarEntry {
    title: Option<String>,
    author: Option<String>,
    published: Option<String>,
    url: Option<String>,
}

/// The metadata sidecar of a sources directory, by source name.
fn read_sidecar(
    dir: &Path,
    problems: &mut Vec<LoadProblem>,
) -> std::collections::BTreeMap<String, SourceMeta> {
    let path = dir.join(SIDECAR_NAME);
    let Ok(text) = fs::read_to_string(&path) else {
        return Default::default();
    };
    match parse_sidecar(&text) {
        Ok(map) => map,
        Err(message) => {
            problems.push(LoadProblem {
                path: path.display().to_string(),
                message,
            });
            Default::default()
        }
    }
}

/// A `published:` value: the first date with a year it states.
pub fn parse_published(raw: &str) -> Option<dates::PartialDate> {
    dates::extract_dates(raw)
        .into_iter()
        .map(|m| m.date)
        .find(|d| d.year.is_some())
}

/// Parse a sidecar's text into metadata by source name.
pub fn parse_sidecar(text: &str) -> Result<std::collections::BTreeMap<String, SourceMeta>, String> {
    let sidecar: Sidecar = serde_saphyr::from_str(text).map_err(|e| {
        let at = e
            .location()
            .map(|l| format!("{}:{}: ", l.line(), l.column()))
            .unwrap_or_default();
        format!(
            "{at}{}",
            e.to_string().lines().next().unwrap_or("invalid YAML")
        )
    })?;
    sidecar
        .sources
        .into_iter()
        .map(|(name, entry)| {
            let published =
                match entry.published {
                    Some(raw) => Some(parse_published(&raw).ok_or_else(|| {
                        format!("{name}: cannot read `published: {raw}` as a date")
                    })?),
                    None => None,
                };
            Ok((
                name,
                SourceMeta {
                    title: entry.title,
                    author: entry.author,
                    published,
                    url: entry.url,
                },
            ))
        })
        .collect()
}
