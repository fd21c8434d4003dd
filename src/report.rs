//! The result of a run, as plain data: the versioned JSON contract
//! (`--format json`) and what every renderer reads.
//!
//! Field names and verdict words are part of the contract; add fields,
//! never rename them. Bump [`REPORT_VERSION`] on any incompatible change.

use serde::{Deserialize, Serialize};

use crate::verdict::{ClaimStatus, Reason, Stance, Verdict};

/// Version of the JSON contract.
pub const REPORT_VERSION: u32 = 1;

/// Everything one run found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Contract version ([`REPORT_VERSION`]).
    pub version: u32,
    /// One entry per claim, in claims-file order.
    pub claims: Vec<ClaimReport>,
    /// Pairs of evidence sentences that cannot both be right.
    pub contradictions: Vec<Contradiction>,
    /// One entry per source, in load order, with its reliability.
    pub sources: Vec<SourceReport>,
}

/// One claim's verdicts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimReport {
    /// The claim id.
    pub id: String,
    /// The claim text.
    pub text: String,
    /// Where the claim stands across sources.
    pub status: ClaimStatus,
    /// Verdicts of the sources that mention the claim (sources left out
    /// do not mention it), in source order.
    pub verdicts: Vec<SourceVerdict>,
}

impl ClaimReport {
    /// The verdict of `source`, `not_mentioned` when it is not listed.
    pub fn verdict_of(&self, source: &str) -> Verdict {
        self.verdicts
            .iter()
            .find(|v| v.source == source)
            .map_or(Verdict::NotMentioned, |v| v.verdict)
    }
}

/// What one source does to one claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceVerdict {
    /// Source path relative to its `--sources` root.
    pub source: String,
    /// The verdict.
    pub verdict: Verdict,
    /// Confidence in [0, 1].
    pub confidence: f32,
    /// The sentences that decided, strongest first.
    pub evidence: Vec<Evidence>,
}

/// One evidence sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The sentence text.
    pub sentence: String,
    /// 1-based line of the sentence start.
    pub line: usize,
    /// 1-based column (in characters) of the sentence start.
    pub column: usize,
    /// What the sentence does to the claim.
    pub stance: Stance,
    /// The rule that decided.
    pub reason: Reason,
    /// Human detail of the reason.
    pub detail: String,
    /// Confidence in [0, 1].
    pub confidence: f32,
    /// Byte offset of the sentence start in the source.
    pub start: usize,
    /// Byte offset one past the sentence end in the source.
    pub end: usize,
}

/// Two sentences that take opposite stances on one claim, or give
/// different values for one date slot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contradiction {
    /// The claim id.
    pub claim: String,
    /// Why they conflict (the refuting side's reason).
    pub reason: Reason,
    /// Human detail.
    pub detail: String,
    /// The supporting (or first) side.
    pub a: ContradictionSide,
    /// The refuting (or second) side.
    pub b: ContradictionSide,
}

/// One side of a contradiction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContradictionSide {
    /// Source path relative to its root.
    pub source: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The sentence text.
    pub sentence: String,
}

/// One source's standing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceReport {
    /// Source path relative to its root.
    pub source: String,
    /// Trust in [0, 1] from the truth-discovery iteration (see README).
    pub reliability: f32,
    /// Claims it supports.
    pub supports: usize,
    /// Claims it refutes.
    pub refutes: usize,
    /// Claims it is mixed on.
    pub mixed: usize,
    /// Claims it only discusses.
    pub discusses: usize,
    /// Contradictions between two of its own sentences.
    pub self_contradictions: usize,
    /// Its verdicts that side with the claim's consensus.
    pub agreements: usize,
    /// Its verdicts that go against the claim's consensus.
    pub disagreements: usize,
    /// Published date used to resolve relative dates, ISO form.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub published: Option<String>,
    /// Title, from the sidecar metadata.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub title: Option<String>,
}

/// Everything `explain` shows about one claim.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// The claim's verdicts, as in the report.
    pub claim: ClaimReport,
    /// Entities the claim names (comparison keys).
    pub entities: Vec<String>,
    /// Content words (concept keys).
    pub words: Vec<String>,
    /// Dates the claim states, ISO form.
    pub dates: Vec<String>,
    /// Numbers the claim states, as written.
    pub numbers: Vec<String>,
    /// Every judged sentence, per source, including weak ones.
    pub judged: Vec<(String, Vec<Evidence>)>,
    /// Sentences that shared words with the claim but were not evidence.
    pub near_misses: Vec<NearMissView>,
}

/// A sentence that came close.
#[derive(Debug, Clone, Serialize)]
pub struct NearMissView {
    /// Source path.
    pub source: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The sentence.
    pub sentence: String,
    /// Its relevance.
    pub relevance: f32,
    /// Why it was not evidence.
    pub why: String,
}
