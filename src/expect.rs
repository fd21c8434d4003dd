//! Expectations against results: compare every claim's `expect` (one
//! expected verdict per source) and `expect_status` with a [`Report`].
//! Pure: no I/O, the `test` command renders what comes out.
//!
//! Rules. A claim with `expect` is compared on every loaded source: a
//! source it does not list is expected `not_mentioned`. A listed source
//! that was not loaded fails unless it was expected `not_mentioned`. A
//! claim without `expect` is not compared source by source. A claim with
//! `expect_status` is compared on its status.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::claims::{ClaimSet, Origin};
use crate::report::{ClaimReport, Evidence, Report};
use crate::verdict::{ClaimStatus, Verdict};

/// Where an expectation is written (the claim's `id` line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The claims file, as the user named it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

impl From<&Origin> for Location {
    fn from(o: &Origin) -> Self {
        Location {
            file: o.file.clone(),
            line: o.line,
            column: o.column,
        }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// One expectation that did not hold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mismatch {
    /// The claim id.
    pub claim: String,
    /// What differs.
    #[serde(flatten)]
    pub kind: MismatchKind,
}

/// What differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MismatchKind {
    /// One source's verdict.
    Verdict {
        /// The source name (relative to its root).
        source: String,
        /// The verdict `expect` gives (or `not_mentioned` when unlisted).
        expected: Verdict,
        /// The verdict found; `None` when the source was not loaded.
        got: Option<Verdict>,
        /// The evidence found now, strongest first (empty: no evidence).
        evidence: Vec<Evidence>,
    },
    /// The claim's status across sources.
    Status {
        /// The status `expect_status` gives.
        expected: ClaimStatus,
        /// The status found.
        got: ClaimStatus,
        /// The verdicts behind it (sources not listed: not mentioned).
        verdicts: BTreeMap<String, Verdict>,
    },
}

impl Mismatch {
    /// One line for people: `claim ID, SOURCE: expected X → got Y`.
    pub fn headline(&self) -> String {
        match &self.kind {
            MismatchKind::Verdict {
                source,
                expected,
                got,
                ..
            } => {
                let got = got.map_or_else(|| "source not loaded".to_string(), |v| v.to_string());
                format!(
                    "claim {}, {source}: expected {expected} → got {got}",
                    self.claim
                )
            }
            MismatchKind::Status { expected, got, .. } => {
                format!(
                    "claim {}: expected status {expected} → got {got}",
                    self.claim
                )
            }
        }
    }
}

/// The expectations of one claim and how they went.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimResult {
    /// The claim id.
    pub id: String,
    /// The claim text.
    pub text: String,
    /// Where the claim is written.
    pub location: Location,
    /// How many expectations it has (0: nothing to compare).
    pub expectations: usize,
    /// The ones that failed.
    pub mismatches: Vec<Mismatch>,
}

/// The whole comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TestRun {
    /// Expectations compared.
    pub expectations: usize,
    /// Expectations that failed.
    pub failed: usize,
    /// One entry per claim, in claims-file order.
    pub claims: Vec<ClaimResult>,
}

impl TestRun {
    /// Every mismatch, claim by claim.
    pub fn mismatches(&self) -> impl Iterator<Item = (&ClaimResult, &Mismatch)> {
        self.claims
            .iter()
            .flat_map(|c| c.mismatches.iter().map(move |m| (c, m)))
    }

    /// No expectation failed.
    pub fn passed(&self) -> bool {
        self.failed == 0
    }
}

/// Compare every claim of `claims` with its entry in `report`.
pub fn compare(claims: &ClaimSet, report: &Report) -> TestRun {
    let by_id: BTreeMap<&str, &ClaimReport> =
        report.claims.iter().map(|c| (c.id.as_str(), c)).collect();
    let loaded: BTreeSet<&str> = report.sources.iter().map(|s| s.source.as_str()).collect();
    let mut run = TestRun {
        expectations: 0,
        failed: 0,
        claims: Vec::with_capacity(claims.claims.len()),
    };
    for claim in &claims.claims {
        let mut result = ClaimResult {
            id: claim.id.clone(),
            text: claim.text.clone(),
            location: Location::from(&claim.origin),
            expectations: 0,
            mismatches: Vec::new(),
        };
        let found = by_id.get(claim.id.as_str()).copied();
        if let Some(expect) = &claim.expect {
            for source in &report.sources {
                let name = source.source.as_str();
                result.expectations += 1;
                let expected = expect.get(name).copied().unwrap_or(Verdict::NotMentioned);
                let verdict = found.and_then(|c| c.verdicts.iter().find(|v| v.source == name));
                let got = verdict.map_or(Verdict::NotMentioned, |v| v.verdict);
                if got != expected {
                    result.mismatches.push(Mismatch {
                        claim: claim.id.clone(),
                        kind: MismatchKind::Verdict {
                            source: name.to_string(),
                            expected,
                            got: Some(got),
                            evidence: verdict.map(|v| v.evidence.clone()).unwrap_or_default(),
                        },
                    });
                }
            }
            for (name, expected) in expect {
                if loaded.contains(name.as_str()) {
                    continue;
                }
                result.expectations += 1;
                if *expected != Verdict::NotMentioned {
                    result.mismatches.push(Mismatch {
                        claim: claim.id.clone(),
                        kind: MismatchKind::Verdict {
                            source: name.clone(),
                            expected: *expected,
                            got: None,
                            evidence: Vec::new(),
                        },
                    });
                }
            }
        }
        if let Some(expected) = claim.expect_status {
            result.expectations += 1;
            let got = found.map_or(ClaimStatus::Unverified, |c| c.status);
            if got != expected {
                result.mismatches.push(Mismatch {
                    claim: claim.id.clone(),
                    kind: MismatchKind::Status {
                        expected,
                        got,
                        verdicts: found
                            .map(|c| {
                                c.verdicts
                                    .iter()
                                    .map(|v| (v.source.clone(), v.verdict))
                                    .collect()
                            })
                            .unwrap_or_default(),
                    },
                });
            }
        }
        run.expectations += result.expectations;
        run.failed += result.mismatches.len();
        run.claims.push(result);
    }
    run
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::parse_claims;
    use crate::report::{SourceReport, SourceVerdict};
    use crate::verdict::{Reason, Stance};

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

    fn verdict(source: &str, verdict: Verdict) -> SourceVerdict {
        SourceVerdict {
            source: source.to_string(),
            verdict,
            confidence: 0.9,
            evidence: vec![Evidence {
                sentence: format!("Evidence in {source}."),
                line: 2,
                column: 1,
                stance: Stance::Supports,
                reason: Reason::LexicalMatch,
                detail: String::new(),
                confidence: 0.9,
                start: 0,
                end: 10,
            }],
        }
    }

    fn report(verdicts: Vec<SourceVerdict>) -> Report {
        let status = ClaimStatus::from_verdicts(verdicts.iter().map(|v| v.verdict));
        Report {
            version: 1,
            claims: vec![ClaimReport {
                id: "c".to_string(),
                text: "Text.".to_string(),
                status,
                verdicts,
            }],
            contradictions: Vec::new(),
            sources: vec![source("a.txt"), source("b.txt")],
        }
    }

    fn claims(yaml_tail: &str) -> ClaimSet {
        parse_claims(
            &format!("claims:\n  - id: c\n    text: Text.\n{yaml_tail}"),
            "c.yaml",
        )
        .unwrap()
    }

    #[test]
    fn all_expectations_hold() {
        let set = claims("    expect:\n      a.txt: supports\n    expect_status: supported\n");
        let run = compare(&set, &report(vec![verdict("a.txt", Verdict::Supports)]));
        assert_eq!(run.expectations, 3, "two sources + status");
        assert!(run.passed(), "{run:?}");
    }

    #[test]
    fn unlisted_source_is_expected_not_mentioned() {
        let set = claims("    expect:\n      a.txt: supports\n");
        let run = compare(
            &set,
            &report(vec![
                verdict("a.txt", Verdict::Supports),
                verdict("b.txt", Verdict::Refutes),
            ]),
        );
        assert_eq!(run.failed, 1);
        let (_, m) = run.mismatches().next().unwrap();
        assert_eq!(
            m.headline(),
            "claim c, b.txt: expected not_mentioned → got refutes"
        );
        let MismatchKind::Verdict { evidence, .. } = &m.kind else {
            panic!("verdict mismatch expected")
        };
        assert_eq!(evidence[0].sentence, "Evidence in b.txt.");
    }

    #[test]
    fn missing_verdict_has_no_evidence() {
        let set = claims("    expect:\n      a.txt: supports\n");
        let run = compare(&set, &report(vec![]));
        let (result, m) = run.mismatches().next().unwrap();
        assert_eq!(result.location.to_string(), "c.yaml:2:9");
        assert_eq!(
            m.headline(),
            "claim c, a.txt: expected supports → got not_mentioned"
        );
        assert!(matches!(&m.kind, MismatchKind::Verdict { evidence, .. } if evidence.is_empty()));
    }

    #[test]
    fn status_mismatch_lists_the_verdicts() {
        let set = claims("    expect_status: supported\n");
        let run = compare(
            &set,
            &report(vec![
                verdict("a.txt", Verdict::Supports),
                verdict("b.txt", Verdict::Refutes),
            ]),
        );
        assert_eq!(run.expectations, 1, "no `expect`: sources are not compared");
        let (_, m) = run.mismatches().next().unwrap();
        assert_eq!(
            m.headline(),
            "claim c: expected status supported → got disputed"
        );
        let MismatchKind::Status { verdicts, .. } = &m.kind else {
            panic!("status mismatch expected")
        };
        assert_eq!(verdicts.len(), 2);
    }

    #[test]
    fn no_expectations_means_nothing_compared() {
        let run = compare(
            &claims(""),
            &report(vec![verdict("a.txt", Verdict::Refutes)]),
        );
        assert_eq!((run.expectations, run.failed), (0, 0));
        assert_eq!(run.claims[0].expectations, 0);
    }

    #[test]
    fn listed_source_not_loaded_fails_unless_not_mentioned() {
        let set = claims("    expect:\n      gone.txt: supports\n      other.txt: not_mentioned\n");
        let run = compare(&set, &report(vec![]));
        assert_eq!(run.expectations, 4);
        assert_eq!(run.failed, 1);
        let (_, m) = run.mismatches().next().unwrap();
        assert_eq!(
            m.headline(),
            "claim c, gone.txt: expected supports → got source not loaded"
        );
    }

    #[test]
    fn empty_expect_means_no_source_mentions_it() {
        let set = claims("    expect: {}\n");
        assert!(compare(&set, &report(vec![])).passed());
        assert!(!compare(&set, &report(vec![verdict("a.txt", Verdict::Discusses)])).passed());
    }
}
