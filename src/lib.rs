//! claimcheck: claim verification and source reliability, lexical and
//! rule-based.
//!
//! The pipeline, one module per stage: [`claims`] (YAML in) and [`load`]
//! (files in) → [`corpus`] ([`segment`] + [`text`] analysis, [`dates`],
//! [`numbers`]) → [`index`] → [`matcher`] (candidates and alignment) →
//! [`rules`] (one stance rule per file) → [`check`] (verdicts per source)
//! → [`audit`] (contradictions) and [`reliability`] → [`report`] →
//! [`render`]. [`app`] runs one command for the thin binary; nothing in
//! the library prints. [`cache`] keeps each source's analysed sentences
//! on disk, keyed by a hash of its content ([`corpus::AnalysisKey`]), so
//! that a run re-analyses only the files that changed.
//!
//! For CI, [`regress`] runs `test` ([`expect`]: expectations against
//! verdicts), `baseline update` and `check --baseline` ([`baseline`]:
//! what changed since a snapshot) and `check --fail-on` ([`gate`]).
//! [`eval`] scores the same pipeline on labelled datasets.
#![warn(clippy::print_stdout, clippy::print_stderr, missing_docs)]

pub mod app;
pub mod audit;
pub mod baseline;
pub mod cache;
pub mod check;
pub mod claims;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod dates;
pub mod definition;
pub mod draft;
pub mod eval;
pub mod expect;
pub mod gate;
pub mod html;
pub mod index;
pub mod lexicon;
pub mod lifespan;
pub mod load;
pub mod matcher;
pub mod merge;
pub mod numbers;
pub mod passage;
pub mod progress;
pub mod regress;
pub mod reliability;
pub mod render;
pub mod report;
pub mod rules;
pub mod segment;
pub mod span;
pub mod stream;
pub mod synth;
#[cfg(test)]
mod test_texts;
pub mod text;
pub mod topic;
pub mod verdict;
