//! `claimcheck merge SHARD.jsonl...`: the full report (claim statuses,
//! contradictions, source reliability) from the records of streamed runs
//! ([`crate::stream`]), identical to one run over the concatenated stream.
//!
//! Sources are taken in the order their records appear, file after file;
//! sentences are numbered source by source, as in a corpus in memory, and
//! the contradiction audit ([`crate::audit::contradictions_in`]) runs on
//! the `verdict` and `dated` records.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::BufRead;

use crate::audit::{self, AuditCorpus, EvidenceRef};
use crate::check::{SourceInfo, analyzer_for, finish_report};
use crate::claims::ClaimSet;
use crate::index::SentenceIndex;
use crate::matcher::ClaimQuery;
use crate::report::{ClaimReport, ContradictionSide, Report, SourceVerdict};
use crate::stream::Record;
use crate::verdict::{ClaimStatus, Verdict};

/// Shard records being combined.
#[derive(Debug, Default)]
pub struct Merger {
    sources: Vec<SourceInfo>,
    /// First global sentence number of each source.
    offsets: Vec<usize>,
    sentence_count: usize,
    by_name: HashMap<String, usize>,
    /// (claim id, source index) → verdict record parts.
    verdicts: HashMap<String, Vec<(usize, SourceVerdict, Vec<EvidenceRef>)>>,
    dates: HashMap<usize, Vec<(i32, u8, u8)>>,
    dated: BTreeMap<(u8, u8), Vec<(usize, i32)>>,
    keys: HashMap<usize, HashSet<String>>,
    sides: HashMap<usize, ContradictionSide>,
}

impl Merger {
    /// An empty merger.
    pub fn new() -> Merger {
        Merger::default()
    }

    /// Read one shard's records. `name` names it in errors.
    pub fn read(&mut self, name: &str, input: impl BufRead) -> Result<(), String> {
        for (n, line) in input.lines().enumerate() {
            let line = line.map_err(|e| format!("{name}: {e}"))?;
            if line.trim().is_empty() {
                continue;
            }
            let record: Record = serde_json::from_str(&line).map_err(|e| {
                format!(
                    "{name}:{}: not a shard record ({e}); write shards with `check --sources - --format jsonl`",
                    n + 1
                )
            })?;
            self.add(record)
                .map_err(|e| format!("{name}:{}: {e}", n + 1))?;
        }
        Ok(())
    }

    fn source_index(&self, source: &str) -> Result<usize, String> {
        // Records of a document follow its `source` record.
        match self.by_name.get(source) {
            Some(&i) => Ok(i),
            None => Err(format!("record for `{source}` before its source record")),
        }
    }

    /// Add one record.
    pub fn add(&mut self, record: Record) -> Result<(), String> {
        match record {
            Record::Source {
                source,
                published,
                title,
                sentences,
            } => {
                self.by_name.insert(source.clone(), self.sources.len());
                self.offsets.push(self.sentence_count);
                self.sentence_count += sentences;
                self.sources.push(SourceInfo {
                    name: source,
                    published,
                    title,
                });
            }
            Record::Verdict {
                claim,
                source,
                verdict,
                confidence,
                evidence,
                refs,
                ..
            } => {
                let index = self.source_index(&source)?;
                let offset = self.offsets[index];
                let mut evidence_refs = Vec::with_capacity(refs.len());
                for r in refs {
                    let id = offset + r.sentence;
                    self.sides.entry(id).or_insert_with(|| ContradictionSide {
                        source: source.clone(),
                        line: r.line,
                        column: r.column,
                        sentence: r.text.clone(),
                    });
                    evidence_refs.push(EvidenceRef {
                        sentence: id,
                        stance: r.stance,
                        reason: r.reason,
                        detail: r.detail,
                        confidence: r.confidence,
                    });
                }
                self.verdicts.entry(claim).or_default().push((
                    index,
                    SourceVerdict {
                        source,
                        verdict,
                        confidence,
                        evidence,
                    },
                    evidence_refs,
                ));
            }
            Record::Dated {
                source,
                sentence,
                line,
                column,
                text,
                dates,
                keys,
            } => {
                let index = self.source_index(&source)?;
                let id = self.offsets[index] + sentence;
                for &(year, month, day) in &dates {
                    self.dated.entry((month, day)).or_default().push((id, year));
                }
                self.dates.insert(id, dates);
                self.keys.insert(id, keys.into_iter().collect());
                self.sides.insert(
                    id,
                    ContradictionSide {
                        source,
                        line,
                        column,
                        sentence: text,
                    },
                );
            }
        }
        Ok(())
    }

    /// The full report for `claims` (the claims the shards were run with).
    pub fn report(mut self, claims: &ClaimSet) -> Report {
        // Shards are read in order, so dated sentences are in corpus
        // order already unless a file came out of order: make sure.
        for list in self.dated.values_mut() {
            list.sort_by_key(|&(id, _)| id);
        }
        let analyzer = analyzer_for(claims);
        let empty = SentenceIndex::default();
        let queries: Vec<ClaimQuery> = claims
            .claims
            .iter()
            .map(|c| ClaimQuery::new(&c.text, &c.about, &analyzer, &empty))
            .collect();
        let mut claim_reports = Vec::with_capacity(claims.claims.len());
        let mut evidence = Vec::with_capacity(claims.claims.len());
        let mut matrix = Vec::with_capacity(claims.claims.len());
        for claim in &claims.claims {
            let mut found = self.verdicts.remove(&claim.id).unwrap_or_default();
            found.sort_by_key(|(index, ..)| *index);
            let mut row = vec![Verdict::NotMentioned; self.sources.len()];
            let mut refs = Vec::new();
            let mut verdicts = Vec::with_capacity(found.len());
            for (index, verdict, evidence_refs) in found {
                row[index] = verdict.verdict;
                refs.extend(evidence_refs);
                verdicts.push(verdict);
            }
            claim_reports.push(ClaimReport {
                id: claim.id.clone(),
                text: claim.text.clone(),
                status: ClaimStatus::from_verdicts(verdicts.iter().map(|v| v.verdict)),
                verdicts,
            });
            evidence.push(refs);
            matrix.push(row);
        }
        let query_refs: Vec<&ClaimQuery> = queries.iter().collect();
        let contradictions = audit::contradictions_in(&self, claims, &query_refs, &evidence);
        finish_report(claim_reports, contradictions, &matrix, &self.sources)
    }
}

impl AuditCorpus for Merger {
    fn source_of(&self, sentence: usize) -> usize {
        self.offsets
            .partition_point(|&start| start <= sentence)
            .saturating_sub(1)
    }

    fn full_dates(&self, sentence: usize) -> Vec<(i32, u8, u8)> {
        self.dates.get(&sentence).cloned().unwrap_or_default()
    }

    fn dated_on(&self, month: u8, day: u8) -> &[(usize, i32)] {
        self.dated.get(&(month, day)).map_or(&[], Vec::as_slice)
    }

    fn shared_entities(&self, sentence: usize, keys: &[&str]) -> usize {
        self.keys.get(&sentence).map_or(0, |found| {
            keys.iter().filter(|k| found.contains(**k)).count()
        })
    }

    fn side(&self, sentence: usize) -> ContradictionSide {
        self.sides
            .get(&sentence)
            .cloned()
            .unwrap_or_else(|| ContradictionSide {
                source: String::new(),
                line: 0,
                column: 0,
                sentence: String::new(),
            })
    }
}
