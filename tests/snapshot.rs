//! Corpus snapshots: the verdict of every bundled claim on every seed,
//! the contradictions and the reliability table. Any change to the
//! matcher that moves a verdict shows up here as a diff to review
//! (`cargo insta review`).

use std::fmt::Write;
use std::path::PathBuf;

use claimcheck::check::Engine;
use claimcheck::load::{load_claims, load_sources};
use claimcheck::report::Report;

fn run(claims: &str, sources: &str) -> Report {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let claims = load_claims(&[root.join(claims)]).expect("bundled claims load");
    let loaded = load_sources(&[root.join(sources)]);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    Engine::new(&claims, loaded.sources).check(&claims)
}

/// One line per claim: status, then each source's verdict (· = not mentioned).
fn verdict_matrix(report: &Report) -> String {
    let mut out = String::new();
    for claim in &report.claims {
        let cells: Vec<String> = report
            .sources
            .iter()
            .map(|s| {
                let v = claim.verdict_of(&s.source);
                let short = &s.source[..s.source.len().min(3)];
                match v.as_str() {
                    "not_mentioned" => format!("{short}=·"),
                    word => format!("{short}={word}"),
                }
            })
            .collect();
        writeln!(
            out,
            "{:<34} {:<10} {}",
            claim.id,
            claim.status,
            cells.join(" ")
        )
        .unwrap();
    }
    out
}

#[test]
fn seed_verdicts() {
    let report = run("claims", "seeds");
    insta::assert_snapshot!(verdict_matrix(&report));
}

#[test]
fn seed_contradictions_and_reliability() {
    let report = run("claims", "seeds");
    let mut out = String::new();
    for c in &report.contradictions {
        writeln!(
            out,
            "{} {}: {}:{}:{} <> {}:{}:{} ({})",
            c.claim,
            c.reason,
            c.a.source,
            c.a.line,
            c.a.column,
            c.b.source,
            c.b.line,
            c.b.column,
            c.detail
        )
        .unwrap();
    }
    for s in &report.sources {
        writeln!(
            out,
            "{} reliability={:.2} supports={} refutes={} mixed={} discusses={} self_contradictions={}",
            s.source, s.reliability, s.supports, s.refutes, s.mixed, s.discusses, s.self_contradictions
        )
        .unwrap();
    }
    insta::assert_snapshot!(out);
}

#[test]
fn the_brief_conflicts_are_found() {
    let report = run("claims", "seeds");
    // 003 dates the agreements to June 19, 2023 and the summit to "last June 19" (2024).
    assert!(report.contradictions.iter().any(|c| {
        c.claim == "treaty-june-2024"
            && c.a.source.starts_with("003")
            && c.b.source.starts_with("003")
            && c.detail.contains("2023-06-19")
            && c.detail.contains("2024-06-19")
    }));
    // 001 says Russia supplied weapons and that it does not support Pyongyang militarily.
    let torn = report
        .contradictions
        .iter()
        .find(|c| c.claim == "russia-supports-nk-militarily" && c.b.source.starts_with("001"))
        .expect("001's negated support is contradicted");
    assert!(torn.b.sentence.contains("does not support Pyongyang"));
    let treaty = report
        .claims
        .iter()
        .find(|c| c.id == "treaty-june-2024")
        .unwrap();
    assert_eq!(
        treaty.verdict_of("003_ef28c2ca4e18e128.txt").as_str(),
        "refutes"
    );
}

#[test]
fn json_contract_round_trips() {
    let report = run("claims", "seeds");
    let json = serde_json::to_string(&report).unwrap();
    let back: Report = serde_json::from_str(&json).unwrap();
    assert_eq!(back, report);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["version"], 1);
    let evidence = &value["claims"][0]["verdicts"][0]["evidence"][0];
    for field in ["sentence", "line", "column", "stance", "reason", "detail"] {
        assert!(evidence.get(field).is_some(), "evidence lacks {field}");
    }
}

#[test]
fn runs_are_deterministic() {
    assert_eq!(run("claims", "seeds"), run("claims", "seeds"));
}
