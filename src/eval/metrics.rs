//! Scoring: the confusion matrix of gold labels against claimcheck's
//! outputs, per-class precision/recall/F1, macro-F1, accuracy and the
//! FNC-1 weighted score.
//!
//! Rows are the dataset's classes (its label space); columns are every
//! output claimcheck can give (five verdicts, or four claim statuses), so
//! the matrix shows predictions outside the label space too (a `mixed`
//! verdict on a two-class FEVER set). A [`Scheme`] says which class each
//! column counts as; a column that counts as no class is always wrong.

use serde::Serialize;

/// One class of a dataset's label space.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Class {
    /// The dataset's own word (`agree`, `SUPPORTS`, `True`).
    pub label: String,
    /// What it means in claimcheck's words (`supports`, `not_mentioned`).
    pub means: String,
}

/// The label space and how claimcheck's outputs map onto it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheme {
    /// The dataset's classes, in display order.
    pub classes: Vec<Class>,
    /// Every output claimcheck can give, in display order.
    pub columns: Vec<&'static str>,
    /// For each column, the class it counts as (`None`: always wrong).
    pub credit: Vec<Option<usize>>,
}

impl Scheme {
    /// A scheme whose classes are claimcheck words: each column counts as
    /// the class that `means` the same word. `classes` are (label, means).
    pub fn exact(classes: &[(&str, &str)], columns: Vec<&'static str>) -> Scheme {
        let classes: Vec<Class> = classes
            .iter()
            .map(|(label, means)| Class {
                label: (*label).to_string(),
                means: (*means).to_string(),
            })
            .collect();
        let credit = columns
            .iter()
            .map(|column| classes.iter().position(|c| c.means == *column))
            .collect();
        Scheme {
            classes,
            columns,
            credit,
        }
    }

    /// Credit `column` to the class labelled `label` as well (a verdict
    /// that means what the label means, besides the class's own word):
    /// `discusses`, a source that raises the claim without settling it,
    /// is "not enough info" given that source.
    pub fn also(mut self, column: &str, label: &str) -> Scheme {
        if let (Some(c), Some(k)) = (self.column(column), self.class(label)) {
            self.credit[c] = Some(k);
            let means = &mut self.classes[k].means;
            *means = format!("{means} or {column}");
        }
        self
    }

    /// The index of the column named `word`.
    pub fn column(&self, word: &str) -> Option<usize> {
        self.columns.iter().position(|c| *c == word)
    }

    /// The index of the class whose dataset label is `label`.
    pub fn class(&self, label: &str) -> Option<usize> {
        self.classes.iter().position(|c| c.label == label)
    }

    /// Whether predicting `column` for gold `class` is right.
    pub fn is_correct(&self, class: usize, column: usize) -> bool {
        self.credit[column] == Some(class)
    }
}

/// Counts of (gold class, predicted column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confusion {
    /// `counts[class][column]`.
    pub counts: Vec<Vec<usize>>,
}

impl Confusion {
    /// An empty matrix for `scheme`.
    pub fn new(scheme: &Scheme) -> Confusion {
        Confusion {
            counts: vec![vec![0; scheme.columns.len()]; scheme.classes.len()],
        }
    }

    /// Count one prediction.
    pub fn add(&mut self, class: usize, column: usize) {
        self.counts[class][column] += 1;
    }

    /// Every counted prediction.
    pub fn total(&self) -> usize {
        self.counts.iter().flatten().sum()
    }
}

/// Precision, recall and F1 of one class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassScore {
    /// The dataset's label.
    pub label: String,
    /// What it means in claimcheck's words.
    pub means: String,
    /// Right predictions of this class over all predictions of it.
    pub precision: f64,
    /// Right predictions of this class over its gold count.
    pub recall: f64,
    /// Harmonic mean of precision and recall (0 when both are 0).
    pub f1: f64,
    /// Gold items of this class.
    pub gold: usize,
    /// Predictions counting as this class.
    pub predicted: usize,
    /// Right predictions.
    pub correct: usize,
}

/// Every measure of one run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    /// Per class, in the scheme's order.
    pub classes: Vec<ClassScore>,
    /// Mean F1 over the classes that occur (in the gold labels or the
    /// predictions), as scikit-learn's `f1_score(average="macro")`.
    pub macro_f1: f64,
    /// How many classes the macro-F1 averages.
    pub macro_classes: usize,
    /// Right predictions over all.
    pub accuracy: f64,
    /// Right predictions.
    pub correct: usize,
    /// All predictions.
    pub total: usize,
}

/// Score a confusion matrix.
pub fn score(scheme: &Scheme, confusion: &Confusion) -> Scores {
    let mut classes = Vec::with_capacity(scheme.classes.len());
    for (c, class) in scheme.classes.iter().enumerate() {
        let credited: Vec<usize> = (0..scheme.columns.len())
            .filter(|&col| scheme.credit[col] == Some(c))
            .collect();
        let gold: usize = confusion.counts[c].iter().sum();
        let correct: usize = credited.iter().map(|&col| confusion.counts[c][col]).sum();
        let predicted: usize = credited
            .iter()
            .map(|&col| confusion.counts.iter().map(|row| row[col]).sum::<usize>())
            .sum();
        let precision = ratio(correct, predicted);
        let recall = ratio(correct, gold);
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        classes.push(ClassScore {
            label: class.label.clone(),
            means: class.means.clone(),
            precision,
            recall,
            f1,
            gold,
            predicted,
            correct,
        });
    }
    let present: Vec<f64> = classes
        .iter()
        .filter(|c| c.gold + c.predicted > 0)
        .map(|c| c.f1)
        .collect();
    let macro_f1 = if present.is_empty() {
        0.0
    } else {
        present.iter().sum::<f64>() / present.len() as f64
    };
    let macro_classes = present.len();
    let correct = classes.iter().map(|c| c.correct).sum();
    let total = confusion.total();
    Scores {
        classes,
        macro_f1,
        macro_classes,
        accuracy: ratio(correct, total),
        correct,
        total,
    }
}

/// The FNC-1 weighted score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FncScore {
    /// Points earned.
    pub score: f64,
    /// Points a perfect run earns.
    pub max: f64,
    /// `score / max` in percent.
    pub percent: f64,
}

/// The FNC-1 weighted score: 0.25 for telling related from unrelated,
/// 0.75 more for the exact stance of a related pair. `unrelated` is the
/// class of unrelated pairs and `unrelated_column` the output that means
/// unrelated; every other output counts as related (so `mixed` earns the
/// 0.25 on a related pair, never the 0.75).
pub fn fnc_score(
    scheme: &Scheme,
    confusion: &Confusion,
    unrelated: usize,
    unrelated_column: usize,
) -> FncScore {
    let (mut score, mut max) = (0.0, 0.0);
    for (class, row) in confusion.counts.iter().enumerate() {
        for (column, &n) in row.iter().enumerate() {
            let n = n as f64;
            let gold_related = class != unrelated;
            let predicted_related = column != unrelated_column;
            max += if gold_related { n } else { 0.25 * n };
            if gold_related == predicted_related {
                score += 0.25 * n;
                if gold_related && scheme.is_correct(class, column) {
                    score += 0.75 * n;
                }
            }
        }
    }
    FncScore {
        score,
        max,
        percent: 100.0 * if max > 0.0 { score / max } else { 0.0 },
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VERDICTS: [&str; 5] = ["supports", "refutes", "mixed", "discusses", "not_mentioned"];

    #[test]
    fn also_credits_a_second_column() {
        let scheme = Scheme::exact(
            &[("S", "supports"), ("NEI", "not_mentioned")],
            VERDICTS.to_vec(),
        )
        .also("discusses", "NEI");
        let nei = scheme.class("NEI").unwrap();
        assert!(scheme.is_correct(nei, scheme.column("discusses").unwrap()));
        assert!(scheme.is_correct(nei, scheme.column("not_mentioned").unwrap()));
        assert!(!scheme.is_correct(nei, scheme.column("supports").unwrap()));
        assert_eq!(scheme.classes[nei].means, "not_mentioned or discusses");
        // an unknown label changes nothing
        assert_eq!(scheme.clone().also("discusses", "X").credit, scheme.credit);
    }

    fn fnc() -> Scheme {
        Scheme::exact(
            &[
                ("agree", "supports"),
                ("disagree", "refutes"),
                ("discuss", "discusses"),
                ("unrelated", "not_mentioned"),
            ],
            VERDICTS.to_vec(),
        )
    }

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-12, "{a} != {b}");
    }

    #[test]
    fn exact_scheme_credits_same_word_and_nothing_for_mixed() {
        let s = fnc();
        assert_eq!(s.credit, vec![Some(0), Some(1), None, Some(2), Some(3)]);
        assert!(s.is_correct(0, 0));
        assert!(!s.is_correct(1, 2));
    }

    #[test]
    fn hand_computed_confusion() {
        let s = fnc();
        // rows agree, disagree, discuss, unrelated;
        // columns supports, refutes, mixed, discusses, not_mentioned
        let confusion = Confusion {
            counts: vec![
                vec![4, 1, 1, 0, 4],  // agree: 10
                vec![1, 2, 0, 0, 1],  // disagree: 4
                vec![1, 0, 0, 3, 2],  // discuss: 6
                vec![2, 0, 0, 1, 17], // unrelated: 20
            ],
        };
        let scores = score(&s, &confusion);
        assert_eq!(scores.total, 40);
        assert_eq!(scores.correct, 4 + 2 + 3 + 17);
        close(scores.accuracy, 26.0 / 40.0);
        let agree = &scores.classes[0];
        // predicted supports: 4 + 1 + 1 + 2 = 8
        assert_eq!((agree.gold, agree.predicted, agree.correct), (10, 8, 4));
        close(agree.precision, 0.5);
        close(agree.recall, 0.4);
        close(agree.f1, 2.0 * 0.5 * 0.4 / 0.9);
        let disagree = &scores.classes[1];
        close(disagree.precision, 2.0 / 3.0);
        close(disagree.recall, 0.5);
        close(disagree.f1, 4.0 / 7.0);
        let discuss = &scores.classes[2];
        close(discuss.precision, 0.75);
        close(discuss.recall, 0.5);
        close(discuss.f1, 0.6);
        let unrelated = &scores.classes[3];
        // predicted not_mentioned: 4 + 1 + 2 + 17 = 24
        close(unrelated.precision, 17.0 / 24.0);
        close(unrelated.recall, 17.0 / 20.0);
        close(unrelated.f1, 2.0 * 17.0 / 44.0);
        let f1s = [2.0 * 0.5 * 0.4 / 0.9, 4.0 / 7.0, 0.6, 2.0 * 17.0 / 44.0];
        close(scores.macro_f1, f1s.iter().sum::<f64>() / 4.0);

        let fnc = fnc_score(&s, &confusion, 3, 4);
        // max: 20 related × 1 + 20 unrelated × 0.25 = 25
        close(fnc.max, 25.0);
        // related predicted related: agree 6, disagree 3, discuss 4 → 13 × 0.25
        // exact stance: 4 + 2 + 3 = 9 × 0.75; unrelated right: 17 × 0.25
        close(fnc.score, 13.0 * 0.25 + 9.0 * 0.75 + 17.0 * 0.25);
        // = 3.25 + 6.75 + 4.25 = 14.25 of 25
        close(fnc.percent, 57.0);
    }

    #[test]
    fn two_class_counts_other_outputs_as_wrong() {
        let s = Scheme::exact(
            &[("SUPPORTS", "supports"), ("REFUTES", "refutes")],
            VERDICTS.to_vec(),
        );
        let confusion = Confusion {
            counts: vec![vec![3, 0, 1, 0, 6], vec![1, 1, 0, 0, 8]],
        };
        let scores = score(&s, &confusion);
        close(scores.accuracy, 4.0 / 20.0);
        close(scores.classes[0].precision, 0.75);
        close(scores.classes[0].recall, 0.3);
        close(scores.classes[1].precision, 1.0);
        close(scores.classes[1].recall, 0.1);
    }

    #[test]
    fn absent_class_scores_zero_and_stays_out_of_the_macro() {
        let s = Scheme::exact(
            &[("a", "supports"), ("b", "refutes"), ("c", "not_mentioned")],
            VERDICTS.to_vec(),
        );
        // c never occurs; b occurs only as a prediction
        let confusion = Confusion {
            counts: vec![vec![2, 1, 0, 0, 0], vec![0; 5], vec![0; 5]],
        };
        let scores = score(&s, &confusion);
        assert_eq!(scores.classes[1].f1, 0.0);
        assert_eq!(scores.classes[2].f1, 0.0);
        assert_eq!(scores.classes[2].precision, 0.0);
        assert_eq!(scores.macro_classes, 2);
        // a: p = 1, r = 2/3, F1 = 0.8; b: 0
        close(scores.macro_f1, 0.4);
        close(scores.accuracy, 2.0 / 3.0);
    }
}
