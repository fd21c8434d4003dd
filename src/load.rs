//! Reading claims and sources from disk (the library's other file I/O is
//! the analysis cache, [`crate::cache`], and baselines,
//! [`crate::baseline`]). Nothing here prints; problems come back
//! as values, fatal ones as errors and per-file ones as [`LoadProblem`]s
//! so that one unreadable article never stops the run.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;
use walkdir::WalkDir;

use crate::claims::{self, ClaimSet, ClaimsError};
use crate::corpus::{Source, SourceMeta};
use crate::dates;
use crate::html::{self, HTML_EXTENSIONS, Original};
use crate::span::LineIndex;

/// File extensions read as sources: plain text and Markdown, and HTML
/// ([`HTML_EXTENSIONS`], markup stripped by [`crate::html`]).
pub const SOURCE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text", "html", "htm"];
/// File extensions read as claims files.
pub const CLAIMS_EXTENSIONS: &[&str] = &["yaml", "yml"];
/// Name of the optional metadata sidecar in a sources directory.
pub const SIDECAR_NAME: &str = "sources.yaml";
/// Largest source file read, in bytes; larger files are skipped with a
/// problem report. `--max-file-bytes` changes it ([`Limits`]).
pub const MAX_SOURCE_BYTES: u64 = 256 * 1024 * 1024;
/// Largest claims file (or `sources.yaml` sidecar) read, in bytes; a
/// larger one is an error. `--max-claims-bytes` changes it ([`Limits`]).
pub const MAX_CLAIMS_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The size limits of one run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest source file read (`--max-file-bytes`).
    pub max_source_bytes: u64,
    /// Largest claims file read (`--max-claims-bytes`).
    pub max_claims_file_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_source_bytes: MAX_SOURCE_BYTES,
            max_claims_file_bytes: MAX_CLAIMS_FILE_BYTES,
        }
    }
}

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
/// searched for `*.yaml`/`*.yml`), with the default [`Limits`]. Every
/// error found is returned, not only the first.
pub fn load_claims(paths: &[PathBuf]) -> Result<ClaimSet, Vec<LoadError>> {
    load_claims_with(paths, &Limits::default())
}

/// [`load_claims`] with these limits.
pub fn load_claims_with(paths: &[PathBuf], limits: &Limits) -> Result<ClaimSet, Vec<LoadError>> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        files.extend(claims_files(path, &mut errors));
    }
    let yaml_limits = claims::YamlLimits::for_file_bytes(limits.max_claims_file_bytes);
    let mut sets = Vec::new();
    for file in files {
        let shown = file.display().to_string();
        let text = read_regular_file(&file, limits.max_claims_file_bytes, "--max-claims-bytes")
            .and_then(|bytes| decode_exact(&bytes));
        match text {
            Ok(text) => match claims::parse_claims_with(&text, &shown, &yaml_limits) {
                Ok(set) => sets.push(set),
                Err(e) => errors.push(e.into()),
            },
            Err(message) => errors.push(LoadError::Path {
                path: shown,
                message,
            }),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    claims::merge(sets).map_err(|errs| errs.into_iter().map(LoadError::from).collect())
}

/// The claims files named by `path`; what cannot be used goes to `errors`.
fn claims_files(path: &Path, errors: &mut Vec<LoadError>) -> Vec<PathBuf> {
    let shown = path.display().to_string();
    let error = |message: String| LoadError::Path {
        path: shown.clone(),
        message,
    };
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => {
            errors.push(error(format!("cannot read claims: {e}")));
            return Vec::new();
        }
    };
    if meta.is_file() {
        return vec![path.to_path_buf()];
    }
    if !meta.is_dir() {
        errors.push(error(NOT_REGULAR.to_string()));
        return Vec::new();
    }
    let mut files = Vec::new();
    for entry in WalkDir::new(path).follow_links(true).sort_by_file_name() {
        match entry {
            Ok(entry) if has_extension(entry.path(), CLAIMS_EXTENSIONS) => {
                if entry.file_type().is_file() {
                    files.push(entry.into_path());
                } else if !entry.file_type().is_dir() {
                    errors.push(LoadError::Path {
                        path: entry.path().display().to_string(),
                        message: NOT_REGULAR.to_string(),
                    });
                }
            }
            Ok(_) => {}
            Err(e) => errors.push(LoadError::Path {
                path: e.path().map_or(shown.clone(), |p| p.display().to_string()),
                message: walk_error_message(&e),
            }),
        }
    }
    files.sort();
    if files.is_empty() {
        errors.push(error(
            "no claims files (*.yaml, *.yml) in this directory".to_string(),
        ));
    }
    files
}

/// Why a FIFO, socket or device is not read: opening a FIFO would block
/// until something writes to it.
const NOT_REGULAR: &str = "not a regular file or directory (FIFO, socket or device), not read";

/// Read a regular file of at most `max` bytes. A FIFO, socket or device
/// is refused before it is opened; a file that grows past `max` while it
/// is read is refused too. `flag` names the flag that raises `max`.
pub fn read_regular_file(path: &Path, max: u64, flag: &str) -> Result<Vec<u8>, String> {
    let too_big =
        |len: u64| format!("{len} bytes is over the {max}-byte limit (raise it with {flag})");
    let meta = fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err(NOT_REGULAR.to_string());
    }
    if meta.len() > max {
        return Err(too_big(meta.len()));
    }
    let file = fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    // The path may have been replaced between the two looks.
    match file.metadata() {
        Ok(m) if m.is_file() => {}
        Ok(_) => return Err(NOT_REGULAR.to_string()),
        Err(e) => return Err(format!("cannot read: {e}")),
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > max {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
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
    /// Files skipped, or read with a caveat (a guessed encoding), with why.
    pub problems: Vec<LoadProblem>,
}

/// Load every source under `paths` with the default [`Limits`]:
/// directories are walked recursively (symlink loops are reported, not
/// followed forever), single files are read as given. A missing path is a
/// problem, not a crash. Files are read and decoded in parallel; sources
/// and problems keep walk order.
pub fn load_sources(paths: &[PathBuf]) -> LoadedSources {
    load_sources_with(paths, &Limits::default())
}

/// [`load_sources`] with these limits.
pub fn load_sources_with(paths: &[PathBuf], limits: &Limits) -> LoadedSources {
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
            let sidecar = root
                .parent()
                .map(|p| read_sidecar(p, limits, &mut loaded.problems));
            let meta = sidecar
                .and_then(|s| s.get(&name).cloned())
                .unwrap_or_default();
            read_source(root, name, meta, limits).keep_in(&mut loaded);
            continue;
        }
        if !meta.is_dir() {
            loaded.problems.push(LoadProblem {
                path: shown,
                message: format!("skipped: {NOT_REGULAR}"),
            });
            continue;
        }
        let sidecar = read_sidecar(root, limits, &mut loaded.problems);
        let before = (loaded.sources.len(), loaded.problems.len());
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
            if entry.file_type().is_dir() || !has_extension(entry.path(), SOURCE_EXTENSIONS) {
                continue;
            }
            let name = relative_name(root, entry.path());
            let meta = sidecar.get(&name).cloned().unwrap_or_default();
            found.push(Ok((entry.into_path(), name, meta)));
        }
        let read: Vec<ReadSource> = found
            .into_par_iter()
            .map(|item| match item {
                Ok((path, name, meta)) => read_source(&path, name, meta, limits),
                Err(problem) => ReadSource {
                    source: None,
                    problems: vec![problem],
                },
            })
            .collect();
        for item in read {
            item.keep_in(&mut loaded);
        }
        if (loaded.sources.len(), loaded.problems.len()) == before {
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

/// What reading one source file gave: the source, if it can be used, and
/// the problems to report (why it cannot, or caveats on reading it).
struct ReadSource {
    source: Option<Source>,
    problems: Vec<LoadProblem>,
}

impl ReadSource {
    /// Add to `loaded`, problems first.
    fn keep_in(self, loaded: &mut LoadedSources) {
        loaded.problems.extend(self.problems);
        loaded.sources.extend(self.source);
    }
}

fn read_source(path: &Path, name: String, meta: SourceMeta, limits: &Limits) -> ReadSource {
    let shown = path.display().to_string();
    match read_source_file(path, limits.max_source_bytes) {
        Ok(file) => {
            let problems = file
                .notes
                .into_iter()
                .map(|note| LoadProblem {
                    path: shown.clone(),
                    message: note,
                })
                .collect();
            let source = Source::new(name, file.text, meta);
            ReadSource {
                source: Some(match file.original {
                    Some(original) => source.with_original(original),
                    None => source,
                }),
                problems,
            }
        }
        Err(message) => ReadSource {
            source: None,
            problems: vec![LoadProblem {
                path: shown,
                message: format!("skipped: {message}"),
            }],
        },
    }
}

/// One source file, read and decoded.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The text to check (for HTML, the prose extracted from the markup).
    pub text: String,
    /// For HTML, the file as written, for line and column.
    pub original: Option<Original>,
    /// Caveats to report (a guessed encoding, replaced bytes); the file is
    /// used all the same.
    pub notes: Vec<String>,
}

/// Read one source file of at most `max_bytes` bytes: decode it
/// ([`decode_source`]) and, for `.html`/`.htm`, extract its prose. An
/// error says why the file cannot be used: missing or unreadable (it may
/// have vanished since it was listed), not a regular file, too big,
/// binary, not text in a known encoding, or empty.
pub fn read_source_file(path: &Path, max_bytes: u64) -> Result<SourceFile, String> {
    let bytes = read_regular_file(path, max_bytes, "--max-file-bytes")?;
    let decoded = decode_source(&bytes)?;
    let (text, original) = if has_extension(path, HTML_EXTENSIONS) {
        let extracted = html::extract(&decoded.text);
        if extracted.text.trim().is_empty() && !decoded.text.trim().is_empty() {
            return Err("no text outside the markup (nothing to check)".to_string());
        }
        (extracted.text, Some(extracted.original))
    } else {
        (decoded.text, None)
    };
    if text.trim().is_empty() {
        return Err("empty file (nothing to check)".to_string());
    }
    Ok(SourceFile {
        text,
        original,
        notes: decoded.note.into_iter().collect(),
    })
}

/// A source's text and, when decoding it took a guess or lost bytes, a
/// warning saying so.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// What the reader should know about how it was decoded.
    pub note: Option<String>,
}

/// The most bytes of invalid UTF-8 replaced by U+FFFD in a source that
/// is otherwise UTF-8, unless they are under 1% of the file; more means
/// the file is not UTF-8 text.
pub const MAX_REPLACED_BYTES: usize = 16;

/// Decode a source's bytes, never garbling silently:
///
/// - UTF-8 (a BOM is dropped) and UTF-16 with a BOM are read as they are;
/// - NUL bytes (a binary file, or UTF-16 without a BOM) are refused;
/// - bytes that are not UTF-8 and hold no UTF-8 at all are read as
///   Windows-1252 (which covers Latin-1), with a note, when the result is
///   text (no control characters);
/// - UTF-8 with a few broken bytes (at most [`MAX_REPLACED_BYTES`], or
///   under 1% of the file) keeps its text, the broken bytes becoming
///   U+FFFD, with a note saying where;
/// - anything else is refused.
pub fn decode_source(bytes: &[u8]) -> Result<Decoded, String> {
    if let Some(text) = decode_with_bom(bytes)? {
        return Ok(Decoded { text, note: None });
    }
    let bytes = strip_utf8_bom(bytes);
    if bytes.contains(&0) {
        return Err("binary file (NUL bytes; UTF-16 text needs a byte-order mark)".to_string());
    }
    let first_bad = match std::str::from_utf8(bytes) {
        Ok(text) => {
            return Ok(Decoded {
                text: text.to_string(),
                note: None,
            });
        }
        Err(e) => e.valid_up_to(),
    };
    let (mut invalid, mut multibyte) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        invalid += chunk.invalid().len();
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
    }
    if multibyte == 0 {
        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
        if let Some(bad) = text.chars().find(|c| is_control(*c)) {
            return Err(format!(
                "not text: not UTF-8, and control character U+{:04X} as Windows-1252",
                bad as u32
            ));
        }
        let at = line_col_of_byte(bytes, first_bad);
        return Ok(Decoded {
            text: text.into_owned(),
            note: Some(format!(
                "not UTF-8 (first at {at}): read as Windows-1252; convert the file to UTF-8 if accented letters look wrong"
            )),
        });
    }
    // Mostly UTF-8: a few broken bytes (a bad copy, a truncated file).
    if invalid > MAX_REPLACED_BYTES && invalid * 100 > bytes.len() {
        return Err(format!(
            "not valid UTF-8 ({invalid} bad bytes, first at {})",
            line_col_of_byte(bytes, first_bad)
        ));
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    if let Some(bad) = text.chars().find(|c| is_control(*c)) {
        return Err(format!(
            "not text: invalid UTF-8 and control character U+{:04X}",
            bad as u32
        ));
    }
    Ok(Decoded {
        text,
        note: Some(format!(
            "{invalid} byte(s) of invalid UTF-8 replaced by U+FFFD (first at {})",
            line_col_of_byte(bytes, first_bad)
        )),
    })
}

/// Decode text that claimcheck must read exactly (claims files, the
/// sidecar): UTF-8 or, with a BOM, UTF-16. Anything else is an error
/// pointing at the first bad byte.
pub fn decode_exact(bytes: &[u8]) -> Result<String, String> {
    if let Some(text) = decode_with_bom(bytes)? {
        return Ok(text);
    }
    let bytes = strip_utf8_bom(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => Err(format!(
            "not valid UTF-8 (first bad byte at {}); save the file as UTF-8",
            line_col_of_byte(bytes, e.valid_up_to())
        )),
    }
}

/// Text that starts with a UTF-16 byte-order mark, decoded by it; `None`
/// without one.
fn decode_with_bom(bytes: &[u8]) -> Result<Option<String>, String> {
    let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) else {
        return Ok(None);
    };
    if encoding == encoding_rs::UTF_8 {
        return Ok(None);
    }
    let (text, malformed) = encoding.decode_without_bom_handling(&bytes[bom..]);
    if malformed {
        return Err(format!(
            "not valid {} (it starts with that byte-order mark)",
            encoding.name()
        ));
    }
    if text.contains('\0') {
        return Err("binary file (NUL characters)".to_string());
    }
    Ok(Some(text.into_owned()))
}

fn strip_utf8_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Control characters that never occur in text: C0 other than tab, line
/// feed, form feed and carriage return, DEL, and C1.
fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')
}

/// `line N, column C` of the first bad byte of `bytes`, `valid_up_to`
/// being the length of the UTF-8 before it.
fn line_col_of_byte(bytes: &[u8], valid_up_to: usize) -> String {
    let prefix = std::str::from_utf8(&bytes[..valid_up_to.min(bytes.len())]).unwrap_or_default();
    let at = LineIndex::new(prefix).line_col(prefix, prefix.len());
    format!("line {}, column {}", at.line, at.column)
}

/// Decode a source's bytes: UTF-8 (a BOM is dropped). Binary files and
/// other encodings are refused with a reason rather than garbled. (Drafts
/// use this; sources go through [`decode_source`].)
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

/// The metadata sidecar of a sources directory, by source name. A
/// missing sidecar is no problem; one that cannot be read or parsed is.
fn read_sidecar(
    dir: &Path,
    limits: &Limits,
    problems: &mut Vec<LoadProblem>,
) -> std::collections::BTreeMap<String, SourceMeta> {
    let path = dir.join(SIDECAR_NAME);
    if fs::symlink_metadata(&path).is_err() {
        return Default::default();
    }
    let parsed = read_regular_file(&path, limits.max_claims_file_bytes, "--max-claims-bytes")
        .and_then(|bytes| decode_exact(&bytes))
        .and_then(|text| parse_sidecar(&text));
    match parsed {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_and_utf16_with_a_bom_decode_without_a_note() {
        let text = "Zürich – “quoted”\r\nline two";
        for bytes in [
            text.as_bytes().to_vec(),
            [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        ] {
            assert_eq!(
                decode_source(&bytes),
                Ok(Decoded {
                    text: text.to_string(),
                    note: None
                })
            );
        }
        for (bom, big_endian) in [([0xFF, 0xFE], false), ([0xFE, 0xFF], true)] {
            let mut bytes = bom.to_vec();
            for unit in text.encode_utf16() {
                let pair = if big_endian {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                };
                bytes.extend(pair);
            }
            let decoded = decode_source(&bytes).expect("UTF-16 with a BOM");
            assert_eq!(decoded.text, text);
            assert_eq!(decoded.note, None);
        }
    }

    #[test]
    fn windows_1252_is_decoded_with_a_note() {
        let decoded = decode_source(b"Caf\xe9 \x93news\x94\nline").expect("cp1252");
        assert_eq!(decoded.text, "Café “news”\nline");
        let note = decoded.note.expect("a note");
        assert!(note.contains("Windows-1252"), "{note}");
        assert!(note.contains("line 1, column 4"), "{note}");
    }

    #[test]
    fn a_few_broken_bytes_in_utf8_become_replacement_characters_with_a_note() {
        let decoded = decode_source("Zürich\nbad \u{e9}".as_bytes()).expect("valid");
        assert_eq!(decoded.note, None);
        let decoded = decode_source(b"Z\xc3\xbcrich\nbad \xff byte").expect("mostly UTF-8");
        assert_eq!(decoded.text, "Zürich\nbad \u{fffd} byte");
        let note = decoded.note.expect("a note");
        assert!(note.contains("line 2, column 5"), "{note}");
    }

    #[test]
    fn binary_and_control_bytes_are_refused() {
        assert!(
            decode_source(b"PK\x03\x04\x00\x00")
                .unwrap_err()
                .contains("binary")
        );
        assert!(
            decode_source(b"\x01\x02\x81 x")
                .unwrap_err()
                .contains("not text")
        );
        let mostly_garbage: Vec<u8> = "é".bytes().chain((0..100).map(|_| 0xFF)).collect();
        assert!(
            decode_source(&mostly_garbage)
                .unwrap_err()
                .contains("not valid UTF-8")
        );
        // UTF-16 with a BOM and an unpaired surrogate.
        assert!(decode_source(b"\xFF\xFE\x00\xD8a\x00").is_err());
    }

    #[test]
    fn claims_text_must_be_exact() {
        assert_eq!(
            decode_exact(b"\xEF\xBB\xBFclaims:"),
            Ok("claims:".to_string())
        );
        let err = decode_exact(b"claims:\n  - caf\xe9").unwrap_err();
        assert!(err.contains("line 2, column 8"), "{err}");
    }

    #[test]
    fn a_file_that_vanished_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("gone.txt");
        std::fs::write(&gone, "Atlantis opened a new port.").unwrap();
        std::fs::remove_file(&gone).unwrap();
        let err = read_source_file(&gone, MAX_SOURCE_BYTES).unwrap_err();
        assert!(err.starts_with("cannot read: "), "{err}");
    }

    #[test]
    fn size_limit_names_the_flag() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        std::fs::write(&path, "Atlantis opened a new port.").unwrap();
        let err = read_source_file(&path, 10).unwrap_err();
        assert!(err.contains("over the 10-byte limit"), "{err}");
        assert!(err.contains("--max-file-bytes"), "{err}");
        assert!(read_source_file(&path, 27).is_ok());
    }

    #[test]
    fn empty_and_markup_only_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in [
            ("empty.txt", ""),
            ("blank.md", " \n\r\n\t"),
            ("script.html", "<script>var a = 'prose?';</script>"),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            let err = read_source_file(&path, MAX_SOURCE_BYTES).unwrap_err();
            assert!(err.contains("nothing to check"), "{name}: {err}");
        }
    }

    #[test]
    fn html_sources_keep_a_map_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.html");
        std::fs::write(&path, "<p>\n  <i>Atlantis</i> opened a port.</p>").unwrap();
        let file = read_source_file(&path, MAX_SOURCE_BYTES).unwrap();
        assert_eq!(file.text, "Atlantis opened a port.\n\n");
        let source = Source::new("a.html", file.text, SourceMeta::default())
            .with_original(file.original.unwrap());
        let at = source.line_col(0);
        assert_eq!((at.line, at.column), (2, 6));
    }
}
