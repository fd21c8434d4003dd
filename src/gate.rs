//! `check --fail-on`: which findings make the run fail (exit 1), for CI.

use crate::baseline::Changes;
use crate::report::Report;
use crate::verdict::ClaimStatus;

/// A condition that fails `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum FailOn {
    /// Some claim is refuted.
    Refuted,
    /// Some claim is disputed.
    Disputed,
    /// Some contradiction is found.
    Contradiction,
    /// Some contradiction is not in the baseline (needs --baseline).
    NewContradiction,
    /// Anything differs from the baseline (needs --baseline).
    Changed,
    /// Never fail on findings (the default).
    Never,
}

impl FailOn {
    /// The word on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Refuted => "refuted",
            FailOn::Disputed => "disputed",
            FailOn::Contradiction => "contradiction",
            FailOn::NewContradiction => "new-contradiction",
            FailOn::Changed => "changed",
            FailOn::Never => "never",
        }
    }

    /// It compares with a baseline.
    pub fn needs_baseline(self) -> bool {
        matches!(self, FailOn::NewContradiction | FailOn::Changed)
    }
}

/// Why the run fails: one line per condition met, empty when it passes.
/// `changes` is `None` without a baseline; conditions that need one are
/// then not met (the caller refuses that combination beforehand).
pub fn triggered(fail_on: &[FailOn], report: &Report, changes: Option<&Changes>) -> Vec<String> {
    let mut conditions: Vec<FailOn> = fail_on.to_vec();
    conditions.sort();
    conditions.dedup();
    let with_status = |status: ClaimStatus| -> Vec<&str> {
        report
            .claims
            .iter()
            .filter(|c| c.status == status)
            .map(|c| c.id.as_str())
            .collect()
    };
    let mut reasons = Vec::new();
    for condition in conditions {
        let flag = condition.as_str();
        match condition {
            FailOn::Refuted | FailOn::Disputed => {
                let status = if condition == FailOn::Refuted {
                    ClaimStatus::Refuted
                } else {
                    ClaimStatus::Disputed
                };
                let ids = with_status(status);
                if !ids.is_empty() {
                    reasons.push(format!(
                        "{} {status} claim(s): {} (--fail-on {flag})",
                        ids.len(),
                        ids.join(", ")
                    ));
                }
            }
            FailOn::Contradiction => {
                if !report.contradictions.is_empty() {
                    reasons.push(format!(
                        "{} contradiction(s) (--fail-on {flag})",
                        report.contradictions.len()
                    ));
                }
            }
            FailOn::NewContradiction => {
                if let Some(c) = changes.filter(|c| !c.new_contradictions.is_empty()) {
                    reasons.push(format!(
                        "{} new contradiction(s) since the baseline (--fail-on {flag})",
                        c.new_contradictions.len()
                    ));
                }
            }
            FailOn::Changed => {
                if let Some(c) = changes.filter(|c| !c.is_empty()) {
                    reasons.push(format!(
                        "{} change(s) since the baseline (--fail-on {flag})",
                        c.count()
                    ));
                }
            }
            FailOn::Never => {}
        }
    }
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{ClaimReport, Contradiction, ContradictionSide};
    use crate::verdict::Reason;

    fn report(status: ClaimStatus, contradictions: usize) -> Report {
        let side = ContradictionSide {
            source: "a.txt".to_string(),
            line: 1,
            column: 1,
            sentence: "S.".to_string(),
        };
        Report {
            version: 1,
            claims: vec![ClaimReport {
                id: "c".to_string(),
                text: "T.".to_string(),
                status,
                verdicts: Vec::new(),
            }],
            contradictions: (0..contradictions)
                .map(|_| Contradiction {
                    claim: "c".to_string(),
                    reason: Reason::DateMismatch,
                    detail: String::new(),
                    a: side.clone(),
                    b: side.clone(),
                })
                .collect(),
            sources: Vec::new(),
        }
    }

    #[test]
    fn never_and_nothing_never_fail() {
        let r = report(ClaimStatus::Refuted, 1);
        assert!(triggered(&[], &r, None).is_empty());
        assert!(triggered(&[FailOn::Never], &r, None).is_empty());
    }

    #[test]
    fn status_conditions() {
        let r = report(ClaimStatus::Refuted, 0);
        assert_eq!(triggered(&[FailOn::Refuted], &r, None).len(), 1);
        assert!(triggered(&[FailOn::Disputed], &r, None).is_empty());
        let d = report(ClaimStatus::Disputed, 0);
        assert!(
            triggered(&[FailOn::Disputed, FailOn::Never], &d, None)[0]
                .contains("1 disputed claim(s): c")
        );
    }

    #[test]
    fn contradiction_conditions() {
        let r = report(ClaimStatus::Supported, 2);
        assert!(triggered(&[FailOn::Contradiction], &r, None)[0].starts_with("2 contradiction(s)"));
        let none = Changes::default();
        assert!(
            triggered(
                &[FailOn::NewContradiction, FailOn::Changed],
                &r,
                Some(&none)
            )
            .is_empty()
        );
        let new = Changes {
            new_contradictions: r.contradictions.clone(),
            ..Changes::default()
        };
        assert_eq!(
            triggered(&[FailOn::NewContradiction, FailOn::Changed], &r, Some(&new)).len(),
            2
        );
        let moved = Changes {
            sources_added: vec!["x.txt".to_string()],
            ..Changes::default()
        };
        assert!(triggered(&[FailOn::NewContradiction], &r, Some(&moved)).is_empty());
        assert_eq!(triggered(&[FailOn::Changed], &r, Some(&moved)).len(), 1);
    }
}
