//! JUnit XML (via `quick-junit`): one test suite, one test case per
//! claim, for CI systems that show test reports. For `check` a claim
//! fails when it is refuted or disputed; for `test` when one of its
//! expectations does not hold (a claim without expectations is skipped).
//! No times or timestamps are written, so the output is reproducible.

use std::io::{self, Write};

use quick_junit::{NonSuccessKind, Report as JunitReport, TestCase, TestCaseStatus, TestSuite};

use super::Context;
use super::testrun::{detail_lines, summary};
use crate::expect::TestRun;
use crate::report::Report;
use crate::verdict::{ClaimStatus, Verdict};

fn write(report: &JunitReport, out: &mut dyn Write) -> io::Result<()> {
    let xml = report.to_string().map_err(io::Error::other)?;
    out.write_all(xml.as_bytes())
}

/// `check`: refuted and disputed claims fail, with the refuting evidence.
pub fn render_check(report: &Report, context: &Context, out: &mut dyn Write) -> io::Result<()> {
    let mut suite = TestSuite::new("claimcheck");
    for claim in &report.claims {
        let status = match claim.status {
            ClaimStatus::Refuted | ClaimStatus::Disputed => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                let against: Vec<String> = claim
                    .verdicts
                    .iter()
                    .filter(|v| matches!(v.verdict, Verdict::Refutes | Verdict::Mixed))
                    .map(|v| format!("{} {}", v.source, v.verdict))
                    .collect();
                status.set_message(format!("{}: {}", claim.status, against.join(", ")));
                status.set_type(claim.status.as_str());
                let mut description = format!("{}\n", claim.text);
                for v in &claim.verdicts {
                    description.push_str(&format!("{}: {}\n", v.source, v.verdict));
                    for e in &v.evidence {
                        description.push_str(&format!(
                            "    {}:{}:{}: {}, {} “{}”\n",
                            context.path_of(&v.source),
                            e.line,
                            e.column,
                            e.stance,
                            e.reason,
                            e.sentence
                        ));
                    }
                }
                status.set_description(description);
                status
            }
            ClaimStatus::Supported | ClaimStatus::Unverified => TestCaseStatus::success(),
        };
        let mut case = TestCase::new(claim.id.clone(), status);
        case.set_classname("claimcheck.check");
        suite.add_test_case(case);
    }
    let mut junit = JunitReport::new("claimcheck");
    junit.add_test_suite(suite);
    write(&junit, out)
}

/// `test`: one test case per claim, failing with its mismatches.
pub fn render_test(run: &TestRun, context: &Context, out: &mut dyn Write) -> io::Result<()> {
    let mut suite = TestSuite::new("claimcheck expectations");
    for claim in &run.claims {
        let status = if claim.expectations == 0 {
            let mut status = TestCaseStatus::skipped();
            status.set_message("no expect or expect_status");
            status
        } else if claim.mismatches.is_empty() {
            TestCaseStatus::success()
        } else {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            let headlines: Vec<String> = claim.mismatches.iter().map(|m| m.headline()).collect();
            status.set_message(headlines.join("; "));
            status.set_type("unexpected verdict");
            let mut description = String::new();
            for m in &claim.mismatches {
                description.push_str(&m.headline());
                description.push('\n');
                for line in detail_lines(m, context) {
                    description.push_str(&format!("    {line}\n"));
                }
            }
            description.push_str(&format!("(expected at {})\n", claim.location));
            status.set_description(description);
            status
        };
        let mut case = TestCase::new(claim.id.clone(), status);
        case.set_classname(claim.location.file.clone());
        case.set_assertions(claim.expectations);
        suite.add_test_case(case);
    }
    suite.add_property(("summary", summary(run).as_str()));
    let mut junit = JunitReport::new("claimcheck");
    junit.add_test_suite(suite);
    write(&junit, out)
}
