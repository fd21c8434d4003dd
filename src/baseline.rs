//! The baseline: a snapshot of every (claim, source) verdict and every
//! contradiction, written by `claimcheck baseline update` and compared
//! with a new run by `claimcheck check --baseline FILE`.
//!
//! The file is JSON meant to live in version control: pretty-printed, one
//! object per verdict, sorted by claim id then source, so that a change in
//! the corpus shows up as a small diff. Evidence is not copied; each
//! verdict keeps a fingerprint (FNV-1a 64) of its evidence sentences'
//! reason and text, and each contradiction the fingerprints of its two
//! sentences. Line numbers are left out on purpose: an edit elsewhere in
//! an article moves lines without changing what the article says.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::report::{Contradiction, Report};
use crate::verdict::{Reason, Verdict};

/// Version of the baseline file format.
pub const BASELINE_VERSION: u32 = 1;
/// Value of the `format` field, so that a stray JSON file is refused.
pub const BASELINE_FORMAT: &str = "claimcheck-baseline";
/// Default baseline path, relative to the working directory.
pub const DEFAULT_BASELINE: &str = "claimcheck.baseline.json";

/// The FNV-1a 64-bit hash: tiny, stable across platforms and releases.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// A fingerprint as written in the file: 16 lowercase hex digits.
pub fn fingerprint(bytes: &[u8]) -> String {
    format!("{:016x}", fnv1a64(bytes))
}

/// The fingerprint of one sentence's text.
pub fn sentence_fingerprint(sentence: &str) -> String {
    fingerprint(sentence.as_bytes())
}

/// The fingerprint of a verdict's evidence: every (reason, sentence) pair,
/// sorted so that a change of confidence order does not count as a change.
pub fn evidence_fingerprint<'a>(evidence: impl IntoIterator<Item = (Reason, &'a str)>) -> String {
    let mut items: Vec<(Reason, &str)> = evidence.into_iter().collect();
    items.sort_unstable();
    let mut bytes = Vec::new();
    for (reason, sentence) in items {
        bytes.extend_from_slice(reason.as_str().as_bytes());
        bytes.push(0x1f);
        bytes.extend_from_slice(sentence.as_bytes());
        bytes.push(0x1e);
    }
    fingerprint(&bytes)
}

/// Everything a later run is compared with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    /// Always [`BASELINE_FORMAT`].
    pub format: String,
    /// [`BASELINE_VERSION`].
    pub version: u32,
    /// Claim ids, sorted.
    pub claims: Vec<String>,
    /// Source names (relative to their root), sorted.
    pub sources: Vec<String>,
    /// Every (claim, source) verdict, `not_mentioned` included, sorted by
    /// claim then source.
    pub verdicts: Vec<BaselineVerdict>,
    /// Every contradiction, sorted.
    pub contradictions: Vec<BaselineContradiction>,
}

/// One (claim, source) verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BaselineVerdict {
    /// The claim id.
    pub claim: String,
    /// The source name.
    pub source: String,
    /// The verdict.
    pub verdict: Verdict,
    /// Fingerprint of the evidence; absent when there is none.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub evidence: Option<String>,
}

/// One contradiction, by the fingerprints of its sentences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BaselineContradiction {
    /// The claim id.
    pub claim: String,
    /// Why the sentences conflict.
    pub reason: Reason,
    /// Human detail, for people reading the file (not compared).
    #[serde(default)]
    pub detail: String,
    /// One side.
    pub a: BaselineSide,
    /// The other side.
    pub b: BaselineSide,
}

/// One side of a contradiction.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BaselineSide {
    /// The source name.
    pub source: String,
    /// Fingerprint of the sentence text.
    pub sentence: String,
}

/// Identity of a contradiction: the claim, the reason and both sides,
/// in either order.
type ContradictionKey = (String, Reason, BaselineSide, BaselineSide);

impl BaselineContradiction {
    /// From a report's contradiction.
    pub fn from_report(c: &Contradiction) -> BaselineContradiction {
        let side = |s: &crate::report::ContradictionSide| BaselineSide {
            source: s.source.clone(),
            sentence: sentence_fingerprint(&s.sentence),
        };
        BaselineContradiction {
            claim: c.claim.clone(),
            reason: c.reason,
            detail: c.detail.clone(),
            a: side(&c.a),
            b: side(&c.b),
        }
    }

    fn key(&self) -> ContradictionKey {
        let (x, y) = if self.a <= self.b {
            (self.a.clone(), self.b.clone())
        } else {
            (self.b.clone(), self.a.clone())
        };
        (self.claim.clone(), self.reason, x, y)
    }
}

impl Baseline {
    /// The baseline of a report.
    pub fn from_report(report: &Report) -> Baseline {
        let mut claims: Vec<String> = report.claims.iter().map(|c| c.id.clone()).collect();
        claims.sort();
        claims.dedup();
        let mut sources: Vec<String> = report.sources.iter().map(|s| s.source.clone()).collect();
        sources.sort();
        sources.dedup();
        let mut verdicts = Vec::with_capacity(claims.len() * sources.len());
        for claim in &report.claims {
            for source in &sources {
                let found = claim.verdicts.iter().find(|v| &v.source == source);
                let (verdict, evidence) = match found {
                    Some(v) if !v.evidence.is_empty() => (
                        v.verdict,
                        Some(evidence_fingerprint(
                            v.evidence.iter().map(|e| (e.reason, e.sentence.as_str())),
                        )),
                    ),
                    Some(v) => (v.verdict, None),
                    None => (Verdict::NotMentioned, None),
                };
                verdicts.push(BaselineVerdict {
                    claim: claim.id.clone(),
                    source: source.clone(),
                    verdict,
                    evidence,
                });
            }
        }
        verdicts.sort_by(|x, y| (&x.claim, &x.source).cmp(&(&y.claim, &y.source)));
        let mut contradictions: Vec<BaselineContradiction> = report
            .contradictions
            .iter()
            .map(BaselineContradiction::from_report)
            .collect();
        contradictions.sort_by_key(BaselineContradiction::key);
        Baseline {
            format: BASELINE_FORMAT.to_string(),
            version: BASELINE_VERSION,
            claims,
            sources,
            verdicts,
            contradictions,
        }
    }

    /// The file's text: pretty JSON and a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a baseline always serializes");
        text.push('\n');
        text
    }

    /// Parse a baseline file's text.
    pub fn from_json(text: &str) -> Result<Baseline, String> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
        if value.get("format").and_then(|f| f.as_str()) != Some(BASELINE_FORMAT) {
            return Err(format!(
                "not a claimcheck baseline (no \"format\": \"{BASELINE_FORMAT}\"); write one with `claimcheck baseline update`"
            ));
        }
        let baseline: Baseline =
            serde_json::from_value(value).map_err(|e| format!("invalid baseline: {e}"))?;
        if baseline.version != BASELINE_VERSION {
            return Err(format!(
                "baseline version {} is not supported (expected {BASELINE_VERSION}); run `claimcheck baseline update`",
                baseline.version
            ));
        }
        Ok(baseline)
    }

    /// Read and parse a baseline file; the error names the file.
    pub fn read(path: &Path) -> Result<Baseline, String> {
        let shown = path.display();
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{shown}: cannot read baseline: {e}"))?;
        Baseline::from_json(&text).map_err(|e| format!("{shown}: {e}"))
    }

    /// Write the baseline to `path` atomically (see [`write_atomic`]).
    pub fn write(&self, path: &Path) -> io::Result<()> {
        write_atomic(path, self.to_json().as_bytes())
    }
}

/// Write `contents` to `path` so that readers only ever see the old file
/// or the new one: write a temporary file in the same directory, flush it
/// to disk, then rename it over `path`. Concurrent writers each rename a
/// complete file; the last rename wins. The file is readable by all
/// (0644 on Unix): a baseline is meant to be shared.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_atomic_with(
        path,
        contents,
        AtomicWrite {
            prefix: ".claimcheck-baseline.",
            durable: true,
            shared: true,
        },
    )
}

/// How [`write_atomic_with`] writes.
#[derive(Debug, Clone, Copy)]
pub struct AtomicWrite {
    /// Name prefix of the temporary file (suffix `.tmp`).
    pub prefix: &'static str,
    /// Flush the file to disk before the rename (`fsync`). Without it a
    /// crash may leave the renamed file empty or partial, which only a
    /// reader that checks what it reads (the analysis cache) can afford.
    pub durable: bool,
    /// Make the file readable by all (0644 on Unix) rather than only by
    /// its owner (0600, as temporary files are created).
    pub shared: bool,
}

/// [`write_atomic`] with a choice of prefix, durability and permissions:
/// the temporary file is made in `path`'s directory and renamed over it.
pub fn write_atomic_with(path: &Path, contents: &[u8], how: AtomicWrite) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new()
        .prefix(how.prefix)
        .suffix(".tmp")
        .tempfile_in(dir)?;
    file.write_all(contents)?;
    if how.durable {
        file.as_file().sync_all()?;
    }
    #[cfg(unix)]
    if how.shared {
        use std::os::unix::fs::PermissionsExt;
        file.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// What changed between a baseline and a new report.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Changes {
    /// Contradictions found now that the baseline did not have.
    pub new_contradictions: Vec<Contradiction>,
    /// Contradictions of the baseline no longer found.
    pub resolved_contradictions: Vec<BaselineContradiction>,
    /// Verdicts that differ, for claims and sources in both.
    pub flipped_verdicts: Vec<VerdictFlip>,
    /// Same verdict, other evidence sentences or reasons.
    pub evidence_changed: Vec<EvidenceChange>,
    /// Sources loaded now that the baseline did not have.
    pub sources_added: Vec<String>,
    /// Sources of the baseline not loaded now.
    pub sources_removed: Vec<String>,
    /// Claims checked now that the baseline did not have.
    pub claims_added: Vec<String>,
    /// Claims of the baseline not checked now.
    pub claims_removed: Vec<String>,
}

/// A verdict that changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerdictFlip {
    /// The claim id.
    pub claim: String,
    /// The source name.
    pub source: String,
    /// The verdict in the baseline.
    pub before: Verdict,
    /// The verdict now.
    pub after: Verdict,
}

/// A verdict whose evidence changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceChange {
    /// The claim id.
    pub claim: String,
    /// The source name.
    pub source: String,
    /// The verdict, the same before and now.
    pub verdict: Verdict,
}

impl Changes {
    /// Nothing changed.
    pub fn is_empty(&self) -> bool {
        self.count() == 0
    }

    /// How many changes, all kinds together.
    pub fn count(&self) -> usize {
        self.new_contradictions.len()
            + self.resolved_contradictions.len()
            + self.flipped_verdicts.len()
            + self.evidence_changed.len()
            + self.sources_added.len()
            + self.sources_removed.len()
            + self.claims_added.len()
            + self.claims_removed.len()
    }
}

/// What changed from `baseline` to `report`.
pub fn diff(baseline: &Baseline, report: &Report) -> Changes {
    let now = Baseline::from_report(report);
    let added = |before: &[String], after: &[String]| -> Vec<String> {
        let before: BTreeSet<&String> = before.iter().collect();
        after
            .iter()
            .filter(|x| !before.contains(x))
            .cloned()
            .collect()
    };
    let mut changes = Changes {
        sources_added: added(&baseline.sources, &now.sources),
        sources_removed: added(&now.sources, &baseline.sources),
        claims_added: added(&baseline.claims, &now.claims),
        claims_removed: added(&now.claims, &baseline.claims),
        ..Changes::default()
    };
    let before: BTreeMap<(&str, &str), &BaselineVerdict> = baseline
        .verdicts
        .iter()
        .map(|v| ((v.claim.as_str(), v.source.as_str()), v))
        .collect();
    for v in &now.verdicts {
        let Some(old) = before.get(&(v.claim.as_str(), v.source.as_str())) else {
            continue;
        };
        if old.verdict != v.verdict {
            changes.flipped_verdicts.push(VerdictFlip {
                claim: v.claim.clone(),
                source: v.source.clone(),
                before: old.verdict,
                after: v.verdict,
            });
        } else if old.evidence != v.evidence {
            changes.evidence_changed.push(EvidenceChange {
                claim: v.claim.clone(),
                source: v.source.clone(),
                verdict: v.verdict,
            });
        }
    }
    let old_keys: BTreeSet<ContradictionKey> = baseline
        .contradictions
        .iter()
        .map(BaselineContradiction::key)
        .collect();
    let new_keys: BTreeSet<ContradictionKey> = now
        .contradictions
        .iter()
        .map(BaselineContradiction::key)
        .collect();
    let mut new_contradictions: Vec<(ContradictionKey, &Contradiction)> = report
        .contradictions
        .iter()
        .map(|c| (BaselineContradiction::from_report(c).key(), c))
        .filter(|(key, _)| !old_keys.contains(key))
        .collect();
    new_contradictions.sort_by(|x, y| x.0.cmp(&y.0));
    new_contradictions.dedup_by(|x, y| x.0 == y.0);
    changes.new_contradictions = new_contradictions
        .into_iter()
        .map(|(_, c)| c.clone())
        .collect();
    let mut resolved: Vec<BaselineContradiction> = baseline
        .contradictions
        .iter()
        .filter(|c| !new_keys.contains(&c.key()))
        .cloned()
        .collect();
    resolved.sort_by_key(BaselineContradiction::key);
    resolved.dedup_by_key(|c| c.key());
    changes.resolved_contradictions = resolved;
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{ClaimReport, ContradictionSide, Evidence, SourceReport, SourceVerdict};
    use crate::verdict::{ClaimStatus, Stance};

    fn evidence(sentence: &str, reason: Reason) -> Evidence {
        Evidence {
            sentence: sentence.to_string(),
            line: 1,
            column: 1,
            stance: Stance::Supports,
            reason,
            detail: String::new(),
            confidence: 0.9,
            start: 0,
            end: sentence.len(),
        }
    }

    fn source(name: &str) -> SourceReport {
        SourceReport {
            source: name.to_string(),
            reliability: 0.5,
            supports: 0,
            refutes: 0,
            mixed: 0,
            discusses: 0,
            self_contradictions: 0,
            agreements: 0,
            disagreements: 0,
            published: None,
            title: None,
        }
    }

    fn report(verdict_b: Verdict, contradiction: bool) -> Report {
        let side = |source: &str, sentence: &str| ContradictionSide {
            source: source.to_string(),
            line: 3,
            column: 1,
            sentence: sentence.to_string(),
        };
        Report {
            version: 1,
            claims: vec![ClaimReport {
                id: "c1".to_string(),
                text: "Something happened in 2021.".to_string(),
                status: ClaimStatus::Supported,
                verdicts: vec![
                    SourceVerdict {
                        source: "a.txt".to_string(),
                        verdict: Verdict::Supports,
                        confidence: 0.9,
                        evidence: vec![evidence("It happened in 2021.", Reason::LexicalMatch)],
                    },
                    SourceVerdict {
                        source: "b.txt".to_string(),
                        verdict: verdict_b,
                        confidence: 0.9,
                        evidence: vec![evidence("It happened in 2020.", Reason::DateMismatch)],
                    },
                ],
            }],
            contradictions: if contradiction {
                vec![Contradiction {
                    claim: "c1".to_string(),
                    reason: Reason::DateMismatch,
                    detail: "2021 vs 2020".to_string(),
                    a: side("a.txt", "It happened in 2021."),
                    b: side("b.txt", "It happened in 2020."),
                }]
            } else {
                Vec::new()
            },
            sources: vec![source("b.txt"), source("a.txt"), source("c.txt")],
        }
    }

    #[test]
    fn fnv1a64_matches_reference_values() {
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn evidence_fingerprint_ignores_order() {
        let x = evidence_fingerprint([(Reason::Negation, "b"), (Reason::LexicalMatch, "a")]);
        let y = evidence_fingerprint([(Reason::LexicalMatch, "a"), (Reason::Negation, "b")]);
        assert_eq!(x, y);
        assert_ne!(x, evidence_fingerprint([(Reason::LexicalMatch, "a")]));
        assert_eq!(x.len(), 16);
    }

    #[test]
    fn baseline_lists_every_pair_sorted() {
        let b = Baseline::from_report(&report(Verdict::Refutes, true));
        assert_eq!(b.sources, ["a.txt", "b.txt", "c.txt"]);
        let pairs: Vec<(&str, &str, Verdict)> = b
            .verdicts
            .iter()
            .map(|v| (v.claim.as_str(), v.source.as_str(), v.verdict))
            .collect();
        assert_eq!(
            pairs,
            [
                ("c1", "a.txt", Verdict::Supports),
                ("c1", "b.txt", Verdict::Refutes),
                ("c1", "c.txt", Verdict::NotMentioned),
            ]
        );
        assert!(b.verdicts[2].evidence.is_none());
        assert_eq!(b.contradictions.len(), 1);
    }

    #[test]
    fn json_round_trips_and_is_one_object_per_verdict() {
        let b = Baseline::from_report(&report(Verdict::Refutes, true));
        let text = b.to_json();
        assert!(text.ends_with("}\n"));
        assert!(text.contains("\"verdict\": \"not_mentioned\""));
        assert_eq!(Baseline::from_json(&text).unwrap(), b);
    }

    #[test]
    fn foreign_json_is_refused() {
        let err = Baseline::from_json("{\"version\": 1}").unwrap_err();
        assert!(err.contains("not a claimcheck baseline"), "{err}");
        assert!(
            Baseline::from_json("[")
                .unwrap_err()
                .contains("not valid JSON")
        );
        let future = Baseline::from_report(&report(Verdict::Refutes, true))
            .to_json()
            .replace("\"version\": 1", "\"version\": 99");
        assert!(
            Baseline::from_json(&future)
                .unwrap_err()
                .contains("version 99")
        );
    }

    #[test]
    fn same_report_has_no_changes() {
        let r = report(Verdict::Refutes, true);
        assert!(diff(&Baseline::from_report(&r), &r).is_empty());
    }

    #[test]
    fn flips_and_contradictions_are_reported() {
        let before = Baseline::from_report(&report(Verdict::Supports, false));
        let changes = diff(&before, &report(Verdict::Refutes, true));
        assert_eq!(changes.flipped_verdicts.len(), 1);
        assert_eq!(changes.flipped_verdicts[0].before, Verdict::Supports);
        assert_eq!(changes.flipped_verdicts[0].after, Verdict::Refutes);
        assert_eq!(changes.new_contradictions.len(), 1);
        assert!(changes.resolved_contradictions.is_empty());

        let back = diff(
            &Baseline::from_report(&report(Verdict::Refutes, true)),
            &report(Verdict::Supports, false),
        );
        assert_eq!(back.resolved_contradictions.len(), 1);
        assert!(back.new_contradictions.is_empty());
    }

    #[test]
    fn swapped_sides_are_the_same_contradiction() {
        let r = report(Verdict::Refutes, true);
        let mut b = Baseline::from_report(&r);
        let c = &mut b.contradictions[0];
        std::mem::swap(&mut c.a, &mut c.b);
        assert!(diff(&b, &r).is_empty());
    }

    #[test]
    fn sources_and_claims_added_and_removed() {
        let r = report(Verdict::Refutes, false);
        let mut b = Baseline::from_report(&r);
        b.sources.retain(|s| s != "c.txt");
        b.sources.push("gone.txt".to_string());
        b.claims = vec!["old".to_string()];
        let changes = diff(&b, &r);
        assert_eq!(changes.sources_added, ["c.txt"]);
        assert_eq!(changes.sources_removed, ["gone.txt"]);
        assert_eq!(changes.claims_added, ["c1"]);
        assert_eq!(changes.claims_removed, ["old"]);
    }

    #[test]
    fn evidence_change_with_the_same_verdict() {
        let r = report(Verdict::Refutes, false);
        let b = Baseline::from_report(&r);
        let mut edited = r.clone();
        edited.claims[0].verdicts[0].evidence[0].sentence =
            "It surely happened in 2021.".to_string();
        let changes = diff(&b, &edited);
        assert_eq!(changes.evidence_changed.len(), 1);
        assert_eq!(changes.evidence_changed[0].source, "a.txt");
        assert!(changes.flipped_verdicts.is_empty());
    }

    #[test]
    fn atomic_write_replaces_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary files left behind");
    }

    #[test]
    fn concurrent_writers_never_leave_a_corrupt_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("claimcheck.baseline.json");
        let one = Baseline::from_report(&report(Verdict::Refutes, true));
        let two = Baseline::from_report(&report(Verdict::Supports, false));
        one.write(&path).unwrap();
        let done = std::sync::atomic::AtomicBool::new(false);
        std::thread::scope(|scope| {
            let writers: Vec<_> = [&one, &two]
                .into_iter()
                .map(|baseline| {
                    let path = &path;
                    let (one, two) = (&one, &two);
                    scope.spawn(move || {
                        for _ in 0..20 {
                            baseline.write(path).unwrap();
                            let read = Baseline::read(path).unwrap();
                            assert!(read == *one || read == *two);
                        }
                    })
                })
                .collect();
            let reader = scope.spawn(|| {
                let mut reads = 0;
                while !done.load(std::sync::atomic::Ordering::SeqCst) || reads == 0 {
                    let read = Baseline::read(&path).unwrap();
                    assert!(read == one || read == two);
                    reads += 1;
                }
            });
            for w in writers {
                w.join().unwrap();
            }
            done.store(true, std::sync::atomic::Ordering::SeqCst);
            reader.join().unwrap();
        });
        let left = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(left, 1, "no temporary files left behind");
    }
}
