//! The analysis cache: the sentences of every analysed source, kept on
//! disk between runs, so that a second run over a large corpus analyses
//! only the files that changed. With [`load`](crate::load), the part of
//! the library that touches the file system; nothing here prints, and
//! nothing here can fail a run: an entry that cannot be read is analysed
//! again, one that cannot be written is not kept (the first such problem
//! is kept for the caller to report once).
//!
//! **Where.** `--cache-dir DIR`, else `$CLAIMCHECK_CACHE_DIR`, else the
//! platform's cache directory ([`default_root`]: `~/.cache/claimcheck` on
//! Linux, `~/Library/Caches/claimcheck` on macOS, `%LOCALAPPDATA%\claimcheck`
//! on Windows). `--no-cache` turns it off.
//!
//! **Layout.** One directory per analysis version,
//! `ROOT/analysis-VVVVVVVVVVVVVVVV/` ([`version_dir_name`]), holding a
//! `CACHEDIR.TAG` (backup tools skip it), a `last-used` file and one
//! file per analysed source, `KK/KKKK…` (its [`AnalysisKey`] in hex, the
//! first two digits a subdirectory). Opening the cache removes all but
//! the [`KEEP_VERSIONS`] most recently used version directories, so
//! upgrades and rebuilds do not pile up; within a version, entries of
//! files that changed stay until `claimcheck cache clear`. Nothing else
//! under ROOT is ever touched.
//!
//! **Safe to delete** at any time, even during a run: a missing entry is
//! a miss. Writes are atomic (a temporary file in the same directory,
//! renamed: [`crate::baseline::write_atomic_with`]), so concurrent runs
//! each see whole entries; they are not flushed to disk one by one
//! (`fsync` would cost more than the analysis), which is safe because
//! every entry is checked when read.
//!
//! **Entry format** ([`encode`]): the 8-byte [`MAGIC`] (with the format
//! number), the 32-byte key, the payload's length (u64, little-endian),
//! the payload's BLAKE3 hash (32 bytes), then the payload: the sentences
//! in postcard. An entry whose magic, key, length, hash or payload does
//! not check out, or whose spans do not fit the source
//! ([`crate::corpus::fits`]), is a miss and is written anew.
//!
//! **Results** of streamed runs ([`crate::stream::ResultStore`]: the
//! statistics and records of groups of some 64 consecutive documents,
//! which a re-run reuses without parsing or analysing them) live in
//! `results/KK/KKKK…` of the version directory, in the same format with
//! [`RESULTS_MAGIC`] and the bytes the stream module hands over as
//! payload. Their keys hash the whole build
//! ([`crate::stream::RESULTS_VERSION`]), so results of another build are
//! misses, kept until `claimcheck cache clear` like the entries of files
//! that changed.
//!
//! **Size.** Nothing is evicted within a version directory. Any entry
//! may be deleted at any time (a missing entry is a miss), so the cache
//! is bounded from outside: `claimcheck cache clear`, or removing
//! entries by age, e.g. `find "$(claimcheck cache dir)" -path '*/analysis-*/*'
//! -type f -mtime +30 -delete` (entries are written when made, not when
//! read: this removes the oldest, not the least recently used).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::baseline::{AtomicWrite, write_atomic_with};
use crate::corpus::{ANALYSIS_VERSION, AnalysisKey, AnalysisStore, Sentence};
use crate::stream::ResultStore;

/// The environment variable naming the cache directory (`--cache-dir`
/// wins over it).
pub const CACHE_DIR_ENV: &str = "CLAIMCHECK_CACHE_DIR";
/// The first bytes of every entry: a name and the format number (the
/// last byte). A new format also gets a new version directory.
pub const MAGIC: &[u8; 8] = b"ccanlys\x01";
/// The first bytes of every result entry.
pub const RESULTS_MAGIC: &[u8; 8] = b"ccrslts\x02";
/// The subdirectory of a version directory holding result entries.
pub const RESULTS_DIR: &str = "results";
/// Version directories kept: the current one and the most recently used
/// others.
pub const KEEP_VERSIONS: usize = 3;
/// Name prefix of version directories, the only things under the root
/// the cache creates or removes.
pub const VERSION_PREFIX: &str = "analysis-";
/// The file whose modification time says when a version was last used.
const LAST_USED: &str = "last-used";
/// The tag that tells backup and archiving tools to skip a directory
/// (<https://bford.info/cachedir/>).
const CACHEDIR_TAG: &str = "CACHEDIR.TAG";
const CACHEDIR_TAG_TEXT: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
# This file is a cache directory tag created by claimcheck.\n\
# For information about cache directory tags see https://bford.info/cachedir/\n";
/// Bytes before the payload: magic, key, length, hash.
const HEADER: usize = 8 + 32 + 8 + 32;
/// Name prefix of temporary files (before the rename).
const TEMP_PREFIX: &str = ".tmp-";

/// The platform's cache directory for claimcheck, when there is one
/// (`$XDG_CACHE_HOME/claimcheck` or `~/.cache/claimcheck` on Linux).
pub fn default_root() -> Option<PathBuf> {
    dirs::cache_dir().map(|dir| dir.join("claimcheck"))
}

/// The directory of this build's analysis version:
/// `analysis-` and 16 hex digits of a hash of
/// [`ANALYSIS_VERSION`] and the entry format.
pub fn version_dir_name() -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(ANALYSIS_VERSION.as_bytes());
    hasher.update(MAGIC);
    let hash = hasher.finalize();
    let hex: String = hash.as_bytes()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{VERSION_PREFIX}{hex}")
}

/// How a run used the cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Sources whose sentences came from the cache.
    pub hits: usize,
    /// Sources not in the cache.
    pub misses: usize,
    /// Entries found but unusable (truncated, corrupt, another format):
    /// analysed again and rewritten.
    pub corrupt: usize,
    /// Entries written.
    pub written: usize,
    /// Results (of streamed documents) found.
    pub result_hits: usize,
    /// Results not found, or unusable.
    pub result_misses: usize,
    /// Results written.
    pub results_written: usize,
}

/// The analysis cache of one run, in one version directory. See the
/// module documentation.
#[derive(Debug)]
pub struct AnalysisCache {
    dir: PathBuf,
    writable: AtomicBool,
    problem: Mutex<Option<String>>,
    hits: AtomicUsize,
    misses: AtomicUsize,
    corrupt: AtomicUsize,
    written: AtomicUsize,
    result_hits: AtomicUsize,
    result_misses: AtomicUsize,
    results_written: AtomicUsize,
}

impl AnalysisCache {
    /// Open (creating it if needed) the cache under `root`, and remove
    /// version directories beyond the [`KEEP_VERSIONS`] most recently
    /// used. An error says why the cache cannot be used at all (the
    /// directory cannot be created); the run then goes on without it.
    pub fn open(root: &Path) -> Result<AnalysisCache, String> {
        let dir = root.join(version_dir_name());
        fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let cache = AnalysisCache {
            dir,
            writable: AtomicBool::new(true),
            problem: Mutex::new(None),
            hits: AtomicUsize::new(0),
            misses: AtomicUsize::new(0),
            corrupt: AtomicUsize::new(0),
            written: AtomicUsize::new(0),
            result_hits: AtomicUsize::new(0),
            result_misses: AtomicUsize::new(0),
            results_written: AtomicUsize::new(0),
        };
        // Best effort: a read-only cache still serves what it holds.
        let tag = cache.dir.join(CACHEDIR_TAG);
        if !tag.exists()
            && let Err(e) = cache.write_file(&tag, CACHEDIR_TAG_TEXT.as_bytes())
        {
            cache.cannot_write(&tag, &e);
        }
        let last_used = cache.dir.join(LAST_USED);
        if let Err(e) = fs::write(&last_used, ANALYSIS_VERSION) {
            cache.cannot_write(&last_used, &e);
        }
        prune_versions(root, &cache.dir);
        Ok(cache)
    }

    /// The version directory entries are read from and written to.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// What this run found and wrote so far.
    pub fn stats(&self) -> CacheStats {
        CacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            corrupt: self.corrupt.load(Ordering::Relaxed),
            written: self.written.load(Ordering::Relaxed),
            result_hits: self.result_hits.load(Ordering::Relaxed),
            result_misses: self.result_misses.load(Ordering::Relaxed),
            results_written: self.results_written.load(Ordering::Relaxed),
        }
    }

    /// The first write that failed, if one did; nothing more was
    /// written after it.
    pub fn problem(&self) -> Option<String> {
        self.problem.lock().map_or(None, |p| p.clone())
    }

    /// The file of the entry under `key`.
    pub fn entry_path(&self, key: &AnalysisKey) -> PathBuf {
        let hex = key.to_hex();
        self.dir.join(&hex[..2]).join(&hex[2..])
    }

    /// The file of the result entry under `key`.
    pub fn result_path(&self, key: &[u8; 32]) -> PathBuf {
        let hex = AnalysisKey(*key).to_hex();
        self.dir.join(RESULTS_DIR).join(&hex[..2]).join(&hex[2..])
    }

    /// Write an entry, making its subdirectory when first needed (not
    /// looked up for every entry); whether it was written.
    fn write_entry(&self, path: &Path, bytes: &[u8]) -> bool {
        if !self.writable.load(Ordering::Relaxed) {
            return false;
        }
        let written = match self.write_file(path, bytes) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => path
                .parent()
                .map_or(Ok(()), fs::create_dir_all)
                .and_then(|()| self.write_file(path, bytes)),
            other => other,
        };
        match written {
            Ok(()) => true,
            Err(e) => {
                self.cannot_write(path, &e);
                false
            }
        }
    }

    fn write_file(&self, path: &Path, contents: &[u8]) -> io::Result<()> {
        write_atomic_with(
            path,
            contents,
            AtomicWrite {
                prefix: TEMP_PREFIX,
                durable: false,
                shared: false,
            },
        )
    }

    /// Stop writing, keeping the first problem.
    fn cannot_write(&self, path: &Path, e: &io::Error) {
        self.writable.store(false, Ordering::Relaxed);
        if let Ok(mut problem) = self.problem.lock()
            && problem.is_none()
        {
            *problem = Some(format!("cannot write {}: {e}", path.display()));
        }
    }
}

impl AnalysisStore for AnalysisCache {
    fn load(&self, key: &AnalysisKey) -> Option<Vec<Sentence>> {
        let Ok(bytes) = fs::read(self.entry_path(key)) else {
            self.misses.fetch_add(1, Ordering::Relaxed);
            return None;
        };
        match decode(key, &bytes) {
            Some(sentences) => {
                self.hits.fetch_add(1, Ordering::Relaxed);
                Some(sentences)
            }
            None => {
                self.corrupt.fetch_add(1, Ordering::Relaxed);
                None
            }
        }
    }

    fn store(&self, key: &AnalysisKey, sentences: &[Sentence]) {
        if !self.writable.load(Ordering::Relaxed) {
            return;
        }
        let Some(bytes) = encode(key, sentences) else {
            return;
        };
        if self.write_entry(&self.entry_path(key), &bytes) {
            self.written.fetch_add(1, Ordering::Relaxed);
        }
    }
}

impl ResultStore for AnalysisCache {
    fn load_result(&self, key: &[u8; 32]) -> Option<Vec<u8>> {
        let found = fs::read(self.result_path(key))
            .ok()
            .and_then(|bytes| unwrap_entry(RESULTS_MAGIC, key, &bytes).map(<[u8]>::to_vec));
        let counter = match found {
            Some(_) => &self.result_hits,
            None => &self.result_misses,
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    fn store_result(&self, key: &[u8; 32], bytes: &[u8]) {
        let path = self.result_path(key);
        // Replaced entries (records after the statistics changed) are
        // removed first: renaming onto an existing file makes ext4 flush
        // the new one to disk, which costs more than computing it. A run
        // reading the entry meanwhile finds none: a miss.
        let _ = fs::remove_file(&path);
        if self.write_entry(&path, &wrap_entry(RESULTS_MAGIC, key, bytes)) {
            self.results_written.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// An entry of `payload`: `magic`, `key`, the payload's length and hash,
/// the payload.
fn wrap_entry(magic: &[u8; 8], key: &[u8; 32], payload: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(HEADER + payload.len());
    bytes.extend_from_slice(magic);
    bytes.extend_from_slice(key);
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(blake3::hash(payload).as_bytes());
    bytes.extend_from_slice(payload);
    bytes
}

/// The payload of an entry, if it is a whole, unaltered entry with this
/// `magic` for `key`.
fn unwrap_entry<'b>(magic: &[u8; 8], key: &[u8; 32], bytes: &'b [u8]) -> Option<&'b [u8]> {
    if bytes.len() < HEADER || &bytes[..8] != magic || bytes[8..40] != key[..] {
        return None;
    }
    let payload_len = u64::from_le_bytes(bytes[40..48].try_into().ok()?);
    let payload = &bytes[HEADER..];
    (payload.len() as u64 == payload_len && blake3::hash(payload).as_bytes() == &bytes[48..HEADER])
        .then_some(payload)
}

/// An entry: header ([`MAGIC`], `key`, payload length, payload hash) and
/// the sentences in postcard. `None` only if serialization fails, which
/// the types it writes never do.
pub fn encode(key: &AnalysisKey, sentences: &[Sentence]) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(HEADER + 64 * sentences.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&key.0);
    bytes.extend_from_slice(&[0; 8 + 32]);
    let mut bytes = postcard::to_extend(sentences, bytes).ok()?;
    let payload_len = (bytes.len() - HEADER) as u64;
    let hash = blake3::hash(&bytes[HEADER..]);
    bytes[40..48].copy_from_slice(&payload_len.to_le_bytes());
    bytes[48..HEADER].copy_from_slice(hash.as_bytes());
    Some(bytes)
}

/// The sentences of an entry, if it is a whole, unaltered entry of this
/// format for `key` (their `source` fields are 0).
pub fn decode(key: &AnalysisKey, bytes: &[u8]) -> Option<Vec<Sentence>> {
    let payload = unwrap_entry(MAGIC, &key.0, bytes)?;
    match postcard::take_from_bytes::<Vec<Sentence>>(payload) {
        Ok((sentences, [])) => Some(sentences),
        _ => None,
    }
}

/// Remove the version directories under `root` other than `current`
/// beyond the [`KEEP_VERSIONS`] most recently used (by their `last-used`
/// file). Best effort: what cannot be listed or removed stays.
fn prune_versions(root: &Path, current: &Path) {
    let mut others: Vec<(std::time::SystemTime, PathBuf)> = version_dirs(root)
        .into_iter()
        .filter(|dir| dir != current)
        .map(|dir| {
            let used = fs::metadata(dir.join(LAST_USED))
                .or_else(|_| fs::metadata(&dir))
                .and_then(|m| m.modified())
                .unwrap_or(std::time::UNIX_EPOCH);
            (used, dir)
        })
        .collect();
    if others.len() < KEEP_VERSIONS {
        return;
    }
    others.sort_by(|a, b| b.cmp(a));
    for (_, dir) in others.into_iter().skip(KEEP_VERSIONS - 1) {
        let _ = fs::remove_dir_all(dir);
    }
}

/// The version directories under `root`, sorted.
fn version_dirs(root: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(root) else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name().to_string_lossy().starts_with(VERSION_PREFIX)
                && e.file_type().is_ok_and(|t| t.is_dir())
        })
        .map(|e| e.path())
        .collect();
    dirs.sort();
    dirs
}

/// What a version directory holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionInfo {
    /// Its name (`analysis-…`).
    pub name: String,
    /// Whether it is this build's.
    pub current: bool,
    /// Entries (analysed sources).
    pub entries: usize,
    /// Result entries (groups of streamed documents' statistics or
    /// records, under [`RESULTS_DIR`]).
    pub results: usize,
    /// Bytes of every file in it.
    pub bytes: u64,
}

/// The version directories under `root` and their sizes (none when
/// `root` does not exist).
pub fn info(root: &Path) -> Vec<VersionInfo> {
    let current = version_dir_name();
    version_dirs(root)
        .into_iter()
        .map(|dir| {
            let name = dir
                .file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned());
            let (mut entries, mut results, mut bytes) = (0, 0, 0);
            for entry in walkdir::WalkDir::new(&dir)
                .into_iter()
                .filter_map(Result::ok)
            {
                if !entry.file_type().is_file() {
                    continue;
                }
                bytes += entry.metadata().map_or(0, |m| m.len());
                let file = entry.file_name().to_string_lossy();
                if file.starts_with(TEMP_PREFIX) {
                    continue;
                }
                let in_results = entry
                    .path()
                    .strip_prefix(&dir)
                    .is_ok_and(|rel| rel.starts_with(RESULTS_DIR));
                match (entry.depth(), in_results) {
                    (2, false) => entries += 1,
                    (3, true) => results += 1,
                    _ => {}
                }
            }
            VersionInfo {
                current: name == current,
                name,
                entries,
                results,
                bytes,
            }
        })
        .collect()
}

/// Remove every version directory under `root` (what the cache wrote,
/// nothing else), then `root` itself if that leaves it empty. Returns
/// what was removed; a directory that cannot be removed is an error.
pub fn clear(root: &Path) -> io::Result<Vec<VersionInfo>> {
    let removed = info(root);
    for version in &removed {
        fs::remove_dir_all(root.join(&version.name))?;
    }
    // Only if empty: the root may be a directory the user chose.
    let _ = fs::remove_dir(root);
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::analyzer_for;
    use crate::claims::ClaimSet;
    use crate::corpus::{Corpus, Source, SourceMeta, analyze_source, fits};
    use crate::dates::PartialDate;
    use crate::text::{AliasTable, Analyzer};

    fn seeds() -> Vec<Source> {
        crate::load::load_sources(&[PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))])
            .sources
    }

    /// Every field of every sentence, for comparisons (`Sentence` has no
    /// `PartialEq`: floats).
    fn dump(corpus: &Corpus) -> String {
        format!("{:?}", corpus.sentences)
    }

    #[test]
    fn every_seed_sentence_round_trips() {
        let analyzer = Analyzer::new(AliasTable::builtin());
        for (i, source) in seeds().iter().enumerate() {
            let key = AnalysisKey::of(source, &analyzer);
            let sentences = analyze_source(i, source, &analyzer);
            assert!(fits(&sentences, &source.text), "{}", source.name);
            let bytes = encode(&key, &sentences).expect("encodes");
            let mut back = decode(&key, &bytes).expect("decodes");
            for s in &mut back {
                s.source = i;
            }
            assert_eq!(
                format!("{back:?}"),
                format!("{sentences:?}"),
                "{}",
                source.name
            );
        }
    }

    #[test]
    fn a_damaged_entry_never_decodes() {
        let analyzer = Analyzer::new(AliasTable::builtin());
        let source = &seeds()[0];
        let key = AnalysisKey::of(source, &analyzer);
        let bytes = encode(&key, &analyze_source(0, source, &analyzer)).unwrap();
        assert!(decode(&key, &bytes).is_some());
        // Every truncation, and a flipped bit anywhere.
        for len in (0..bytes.len()).step_by(97).chain([bytes.len() - 1]) {
            assert!(decode(&key, &bytes[..len]).is_none(), "truncated to {len}");
        }
        for at in (0..bytes.len()).step_by(89) {
            let mut bad = bytes.clone();
            bad[at] ^= 0x10;
            assert!(decode(&key, &bad).is_none(), "bit flipped at {at}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&key, &longer).is_none());
        let other = AnalysisKey([7; 32]);
        assert!(decode(&other, &bytes).is_none(), "another key's entry");
    }

    #[test]
    fn keys_follow_text_date_and_aliases() {
        let builtin = Analyzer::new(AliasTable::builtin());
        let text = "Atlantis opened a port last June 19.";
        let key = |source: &Source, analyzer: &Analyzer| AnalysisKey::of(source, analyzer);
        let plain = Source::new("a.txt", text, SourceMeta::default());
        let dated = Source::new(
            "a.txt",
            text,
            SourceMeta {
                published: Some(PartialDate::ymd(2024, 12, 22)),
                ..SourceMeta::default()
            },
        );
        let renamed = Source::new("elsewhere/b.txt", text, SourceMeta::default());
        let edited = Source::new("a.txt", format!("{text} "), SourceMeta::default());
        assert_eq!(
            key(&plain, &builtin),
            key(&renamed, &builtin),
            "names do not matter"
        );
        assert_ne!(key(&plain, &builtin), key(&dated, &builtin));
        assert_ne!(key(&plain, &builtin), key(&edited, &builtin));
        let claims = |yaml: &str| crate::claims::parse_claims(yaml, "c.yaml").unwrap();
        let without: ClaimSet = claims("claims:\n  - id: a\n    text: Atlantis opened a port.\n");
        let with: ClaimSet = claims(
            "aliases:\n  Atlantis: [Lost City]\nclaims:\n  - id: a\n    text: Atlantis opened a port.\n",
        );
        assert_eq!(
            key(&plain, &analyzer_for(&without)),
            key(&plain, &builtin),
            "same aliases, same key"
        );
        assert_ne!(key(&plain, &analyzer_for(&with)), key(&plain, &builtin));
    }

    #[test]
    fn a_warm_corpus_is_the_cold_one() {
        let dir = tempfile::tempdir().unwrap();
        let analyzer = Analyzer::new(AliasTable::builtin());
        let cold = Corpus::build(seeds(), &analyzer);
        let cache = AnalysisCache::open(dir.path()).unwrap();
        let first = Corpus::build_with(seeds(), &analyzer, Some(&cache));
        assert_eq!(cache.stats().misses, 4);
        assert_eq!(cache.stats().written, 4);
        let cache = AnalysisCache::open(dir.path()).unwrap();
        let warm = Corpus::build_with(seeds(), &analyzer, Some(&cache));
        assert_eq!(
            cache.stats(),
            CacheStats {
                hits: 4,
                ..CacheStats::default()
            }
        );
        assert_eq!(dump(&first), dump(&cold));
        assert_eq!(dump(&warm), dump(&cold));
        assert_eq!(warm.source_sentences, cold.source_sentences);
    }

    #[test]
    fn a_corrupt_entry_is_analysed_again_and_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let analyzer = Analyzer::new(AliasTable::builtin());
        let cache = AnalysisCache::open(dir.path()).unwrap();
        let cold = Corpus::build_with(seeds(), &analyzer, Some(&cache));
        let sources = seeds();
        let (first, second) = (
            cache.entry_path(&AnalysisKey::of(&sources[0], &analyzer)),
            cache.entry_path(&AnalysisKey::of(&sources[1], &analyzer)),
        );
        let good = fs::read(&first).unwrap();
        fs::write(&first, &good[..good.len() / 2]).unwrap();
        let mut flipped = fs::read(&second).unwrap();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        fs::write(&second, &flipped).unwrap();
        let cache = AnalysisCache::open(dir.path()).unwrap();
        let warm = Corpus::build_with(seeds(), &analyzer, Some(&cache));
        let stats = cache.stats();
        assert_eq!((stats.hits, stats.corrupt, stats.written), (2, 2, 2));
        assert_eq!(dump(&warm), dump(&cold));
        assert_eq!(fs::read(&first).unwrap(), good, "rewritten whole");
    }

    #[test]
    fn an_unwritable_cache_is_reported_once_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let analyzer = Analyzer::new(AliasTable::builtin());
        let cache = AnalysisCache::open(dir.path()).unwrap();
        // The version directory turns into a file under the cache's feet.
        fs::remove_dir_all(cache.dir()).unwrap();
        fs::write(cache.dir(), "not a directory").unwrap();
        let corpus = Corpus::build_with(seeds(), &analyzer, Some(&cache));
        assert_eq!(dump(&corpus), dump(&Corpus::build(seeds(), &analyzer)));
        let stats = cache.stats();
        assert_eq!((stats.hits, stats.written), (0, 0));
        let problem = cache.problem().expect("a problem");
        assert!(problem.starts_with("cannot write "), "{problem}");
        // And a root that is a file cannot be opened at all.
        assert!(AnalysisCache::open(cache.dir()).is_err());
    }

    #[test]
    fn old_versions_are_pruned_and_clear_removes_only_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("mine.txt"), "not the cache's").unwrap();
        for (i, age) in [5u64, 1, 3, 4].iter().enumerate() {
            let old = root.join(format!("{VERSION_PREFIX}old{i}"));
            fs::create_dir_all(old.join("ab")).unwrap();
            fs::write(old.join("ab").join("cdef"), "x").unwrap();
            fs::create_dir_all(old.join(RESULTS_DIR).join("12")).unwrap();
            fs::write(old.join(RESULTS_DIR).join("12").join("3456"), "y").unwrap();
            let used = fs::File::create(old.join(LAST_USED)).unwrap();
            used.set_modified(
                std::time::SystemTime::now() - std::time::Duration::from_secs(age * 3600),
            )
            .unwrap();
        }
        let cache = AnalysisCache::open(root).unwrap();
        let names: Vec<String> = info(root).into_iter().map(|v| v.name).collect();
        let mut expected = vec![
            format!("{VERSION_PREFIX}old1"),
            format!("{VERSION_PREFIX}old2"),
            version_dir_name(),
        ];
        expected.sort();
        assert_eq!(names, expected, "the current one and the two most recent");
        assert!(cache.dir().join(CACHEDIR_TAG).is_file());
        let old = info(root)
            .into_iter()
            .find(|v| v.name.ends_with("old1"))
            .unwrap();
        assert_eq!((old.entries, old.results, old.current), (1, 1, false));
        let removed = clear(root).unwrap();
        assert_eq!(removed.len(), 3);
        assert!(info(root).is_empty());
        assert!(root.join("mine.txt").is_file(), "nothing else is touched");
    }

    #[test]
    fn the_build_script_hashes_every_module_analysis_uses() {
        let files: Vec<&str> = env!("CLAIMCHECK_ANALYSIS_FILES").split(',').collect();
        for file in files.iter().filter(|f| f.ends_with(".rs")) {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
            let text = fs::read_to_string(&path).unwrap();
            let code = text
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            for (at, _) in code.match_indices("crate::") {
                let rest = &code[at + "crate::".len()..];
                let names: Vec<&str> = match rest.strip_prefix('{') {
                    Some(group) => group[..group.find('}').unwrap_or(group.len())]
                        .split(',')
                        .map(|n| n.trim().split("::").next().unwrap_or(""))
                        .collect(),
                    None => vec![
                        rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                            .next()
                            .unwrap_or(""),
                    ],
                };
                for name in names.into_iter().filter(|n| !n.is_empty()) {
                    let module = format!("src/{name}.rs");
                    assert!(
                        files.contains(&module.as_str()),
                        "{file} uses crate::{name}: add {module} to ANALYSIS_FILES in build.rs"
                    );
                }
            }
        }
    }
}
