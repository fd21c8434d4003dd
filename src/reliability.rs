//! Source reliability by truth discovery over the claim × source verdicts.
//!
//! The method is TruthFinder-style, in the form of a Beta-smoothed
//! fixed point:
//!
//! * every claim has two facts, *true* and *false*. A source that
//!   supports a claim votes for *true* with weight 1, one that refutes
//!   votes for *false*; a mixed source votes for both with weight ½ each;
//!   discussing or not mentioning is no vote.
//! * the confidence of a fact is `1 − Π (1 − w·t(s))` over the sources
//!   voting for it, and its belief is its confidence over the sum of both
//!   facts' confidences (the two exclude each other).
//! * a source's trust is `(1·½ + Σ w·belief) / (1 + Σ w + c)`: a Beta(1,1)
//!   prior worth one vote at ½, plus its votes weighted by how much they
//!   are believed, where each of its `c` self-contradictions counts as a
//!   vote with belief 0.
//!
//! Iterating from trust ½ converges in a few rounds; sources that agree
//! with well-supported claims gain trust, sources that stand alone against
//! them or contradict themselves lose it.

use crate::verdict::Verdict;

/// Rounds of the fixed-point iteration (it settles well before).
const ROUNDS: usize = 50;
/// Stop when no trust moves more than this.
const EPSILON: f32 = 1e-6;

/// Trust per source, with the vote counts that explain it.
#[derive(Debug, Clone, PartialEq)]
pub struct Trust {
    /// Reliability per source, in [0, 1].
    pub reliability: Vec<f32>,
    /// Votes per source on the side believed more (belief > ½).
    pub agreements: Vec<usize>,
    /// Votes per source on the side believed less (belief < ½).
    pub disagreements: Vec<usize>,
}

/// Score sources from `matrix[claim][source]` and each source's count of
/// self-contradictions.
pub fn score(matrix: &[Vec<Verdict>], self_contradictions: &[usize]) -> Trust {
    let rows: Vec<Vec<(usize, Verdict)>> = matrix
        .iter()
        .map(|row| row.iter().copied().enumerate().collect())
        .collect();
    score_sparse(&rows, self_contradictions)
}

/// [`score`] of a sparse matrix: `rows[claim]` lists (source, verdict) in
/// source order; a source not listed has not mentioned the claim. The
/// result is bit-identical to the dense one: cells that cast no vote are
/// skipped, and skipping a factor of exactly 1 or a term of exactly 0
/// changes no floating-point value; the others are visited in the same
/// order.
pub fn score_sparse(rows: &[Vec<(usize, Verdict)>], self_contradictions: &[usize]) -> Trust {
    let sources = self_contradictions.len();
    // Cells with a vote, by claim and by source, in the dense order.
    let rows: Vec<Vec<(usize, (f32, f32))>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|&(s, v)| (s, votes(v)))
                .filter(|(_, w)| *w != (0.0, 0.0))
                .collect()
        })
        .collect();
    let mut columns: Vec<Vec<(usize, (f32, f32))>> = vec![Vec::new(); sources];
    for (claim, row) in rows.iter().enumerate() {
        for &(s, w) in row {
            columns[s].push((claim, w));
        }
    }
    let mut trust = vec![0.5_f32; sources];
    let mut beliefs = vec![(0.5_f32, 0.5_f32); rows.len()];
    for _ in 0..ROUNDS {
        // Each claim's belief from its sources' votes, weighted by trust.
        for (claim, row) in rows.iter().enumerate() {
            let (mut not_true, mut not_false) = (1.0_f32, 1.0_f32);
            for &(s, (w_true, w_false)) in row {
                not_true *= 1.0 - w_true * trust[s];
                not_false *= 1.0 - w_false * trust[s];
            }
            let (c_true, c_false) = (1.0 - not_true, 1.0 - not_false);
            beliefs[claim] = if c_true + c_false > 0.0 {
                (c_true / (c_true + c_false), c_false / (c_true + c_false))
            } else {
                (0.5, 0.5)
            };
        }
        // Each source's trust from the beliefs of the claims it voted on.
        let mut moved = 0.0_f32;
        for (s, t) in trust.iter_mut().enumerate() {
            let mut earned = 0.5;
            let mut weight = 1.0 + self_contradictions[s] as f32;
            for &(claim, (w_true, w_false)) in &columns[s] {
                earned += w_true * beliefs[claim].0 + w_false * beliefs[claim].1;
                weight += w_true + w_false;
            }
            let next = earned / weight;
            moved = moved.max((next - *t).abs());
            *t = next;
        }
        if moved < EPSILON {
            break;
        }
    }
    let mut agreements = vec![0; sources];
    let mut disagreements = vec![0; sources];
    for (claim, row) in rows.iter().enumerate() {
        for &(s, w) in row {
            let belief = match w {
                (1.0, 0.0) => beliefs[claim].0,
                (0.0, 1.0) => beliefs[claim].1,
                _ => continue,
            };
            if belief > 0.5 {
                agreements[s] += 1;
            } else if belief < 0.5 {
                disagreements[s] += 1;
            }
        }
    }
    Trust {
        reliability: trust,
        agreements,
        disagreements,
    }
}

fn votes(verdict: Verdict) -> (f32, f32) {
    match verdict {
        Verdict::Supports => (1.0, 0.0),
        Verdict::Refutes => (0.0, 1.0),
        Verdict::Mixed => (0.5, 0.5),
        Verdict::Discusses | Verdict::NotMentioned => (0.0, 0.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Verdict::*;

    /// The dense algorithm as it was, for comparison with the sparse one.
    fn dense_reference(matrix: &[Vec<Verdict>], self_contradictions: &[usize]) -> Trust {
        let sources = self_contradictions.len();
        let mut trust = vec![0.5_f32; sources];
        let mut beliefs = vec![(0.5_f32, 0.5_f32); matrix.len()];
        for _ in 0..ROUNDS {
            for (claim, row) in matrix.iter().enumerate() {
                let (mut not_true, mut not_false) = (1.0_f32, 1.0_f32);
                for (s, verdict) in row.iter().enumerate() {
                    let (w_true, w_false) = votes(*verdict);
                    not_true *= 1.0 - w_true * trust[s];
                    not_false *= 1.0 - w_false * trust[s];
                }
                let (c_true, c_false) = (1.0 - not_true, 1.0 - not_false);
                beliefs[claim] = if c_true + c_false > 0.0 {
                    (c_true / (c_true + c_false), c_false / (c_true + c_false))
                } else {
                    (0.5, 0.5)
                };
            }
            let mut moved = 0.0_f32;
            for (s, t) in trust.iter_mut().enumerate() {
                let mut earned = 0.5;
                let mut weight = 1.0 + self_contradictions[s] as f32;
                for (claim, row) in matrix.iter().enumerate() {
                    let (w_true, w_false) = votes(row[s]);
                    earned += w_true * beliefs[claim].0 + w_false * beliefs[claim].1;
                    weight += w_true + w_false;
                }
                let next = earned / weight;
                moved = moved.max((next - *t).abs());
                *t = next;
            }
            if moved < EPSILON {
                break;
            }
        }
        let mut agreements = vec![0; sources];
        let mut disagreements = vec![0; sources];
        for (claim, row) in matrix.iter().enumerate() {
            for (s, verdict) in row.iter().enumerate() {
                let belief = match verdict {
                    Verdict::Supports => beliefs[claim].0,
                    Verdict::Refutes => beliefs[claim].1,
                    _ => continue,
                };
                if belief > 0.5 {
                    agreements[s] += 1;
                } else if belief < 0.5 {
                    disagreements[s] += 1;
                }
            }
        }
        Trust {
            reliability: trust,
            agreements,
            disagreements,
        }
    }

    #[test]
    fn sparse_scores_are_bit_identical_to_dense() {
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let kinds = [Supports, Refutes, Mixed, Discusses];
        for _ in 0..50 {
            let (claims, sources) = (1 + next() as usize % 30, 1 + next() as usize % 12);
            let matrix: Vec<Vec<Verdict>> = (0..claims)
                .map(|_| {
                    (0..sources)
                        .map(|_| match next() % 10 {
                            0..=5 => NotMentioned,
                            k => kinds[k as usize - 6],
                        })
                        .collect()
                })
                .collect();
            let self_contradictions: Vec<usize> =
                (0..sources).map(|_| next() as usize % 3).collect();
            let dense = dense_reference(&matrix, &self_contradictions);
            let sparse = score(&matrix, &self_contradictions);
            let bits = |t: &Trust| {
                t.reliability
                    .iter()
                    .map(|r| r.to_bits())
                    .collect::<Vec<_>>()
            };
            assert_eq!(bits(&dense), bits(&sparse));
            assert_eq!(dense.agreements, sparse.agreements);
            assert_eq!(dense.disagreements, sparse.disagreements);
        }
    }

    #[test]
    fn a_lone_dissenter_loses_trust() {
        let matrix = vec![
            vec![Supports, Supports, Refutes],
            vec![Supports, Supports, Refutes],
            vec![Supports, NotMentioned, Refutes],
        ];
        let trust = score(&matrix, &[0, 0, 0]);
        assert!(trust.reliability[0] > 0.5);
        assert!(trust.reliability[2] < trust.reliability[0]);
        assert_eq!(trust.disagreements[2], 3);
        assert_eq!(trust.agreements[0], 3);
    }

    #[test]
    fn self_contradictions_cost_trust() {
        let matrix = vec![vec![Supports, Supports]];
        let clean = score(&matrix, &[0, 0]);
        let torn = score(&matrix, &[0, 2]);
        assert!(torn.reliability[1] < clean.reliability[1]);
    }

    #[test]
    fn silent_sources_keep_the_prior() {
        let trust = score(&[vec![NotMentioned, Supports]], &[0, 0]);
        assert_eq!(trust.reliability[0], 0.5);
        for t in trust.reliability {
            assert!((0.0..=1.0).contains(&t));
        }
    }
}
