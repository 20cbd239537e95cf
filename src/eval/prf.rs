//! Precision, recall and F1 counts, plus the one-to-one matcher shared by the
//! attribution and entity scorers.

use std::fmt;

/// Panics unless there is one prediction list per gold document: a mismatch is a bug in the caller,
/// and a silently shortened evaluation would report wrong numbers.
pub fn assert_paired(what: &str, gold: usize, predicted: usize) {
    assert_eq!(
        gold, predicted,
        "{what} score: {gold} gold documents but {predicted} prediction lists; \
         predicted[i] must hold the predictions for gold[i]"
    );
}

/// Counts of true positives, false positives and false negatives for one
/// evaluation, from which precision, recall and F1 are derived.
///
/// Counts are kept instead of ratios so that results from many documents can
/// be summed (micro-averaging) without losing information.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prf {
    /// Predictions that matched a gold item.
    pub tp: usize,
    /// Predictions that matched no gold item.
    pub fp: usize,
    /// Gold items that no prediction matched.
    pub fn_: usize,
}

impl Prf {
    /// Builds counts from their three parts.
    pub fn new(tp: usize, fp: usize, fn_: usize) -> Prf {
        Prf { tp, fp, fn_ }
    }

    /// `tp / (tp + fp)`, or 0.0 when nothing was predicted.
    ///
    /// 0.0 rather than NaN keeps tables and CSV files free of values that
    /// spreadsheets and comparisons handle badly.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// `tp / (tp + fn)`, or 0.0 when there is no gold item.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// Harmonic mean of precision and recall, or 0.0 when both are 0.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Adds another set of counts into this one (micro-averaging).
    pub fn add(&mut self, other: Prf) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

impl fmt::Display for Prf {
    /// Formats as `P 0.912  R 0.874  F1 0.893  (tp 120, fp 12, fn 17)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "P {:.3}  R {:.3}  F1 {:.3}  (tp {}, fp {}, fn {})",
            self.precision(),
            self.recall(),
            self.f1(),
            self.tp,
            self.fp,
            self.fn_
        )
    }
}

/// Writes a score table: a header, then one row per `(label, label, counts)` with P, R, F1 and the
/// counts, the two label columns `widths` characters wide. Both evaluation reports print this shape.
pub fn write_table<'a>(
    f: &mut fmt::Formatter<'_>,
    headers: [&str; 2],
    widths: [usize; 2],
    rows: impl IntoIterator<Item = (&'a str, &'a str, Prf)>,
) -> fmt::Result {
    let [a, b] = widths;
    writeln!(
        f,
        "{:<a$} {:<b$} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
        headers[0], headers[1], "P", "R", "F1", "tp", "fp", "fn"
    )?;
    for (x, y, p) in rows {
        writeln!(
            f,
            "{x:<a$} {y:<b$} {:>6.3} {:>6.3} {:>6.3} {:>6} {:>6} {:>6}",
            p.precision(),
            p.recall(),
            p.f1(),
            p.tp,
            p.fp,
            p.fn_
        )?;
    }
    Ok(())
}

/// `num / den`, or 0.0 when `den` is 0 (no NaN in tables).
pub(crate) fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

/// A gold/prediction pair that passed a scorer's match criterion, waiting to
/// be chosen by [`match_one_to_one`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Index of the gold item.
    pub gold: usize,
    /// Index of the predicted item.
    pub pred: usize,
    /// Overlap in code points; larger overlaps are chosen first.
    pub overlap: usize,
    /// Start offset of the gold item, used only to break ties.
    pub gold_start: usize,
    /// Start offset of the predicted item, used only to break ties.
    pub pred_start: usize,
}

/// Chooses a one-to-one matching greedily: the candidate with the largest
/// overlap first, ties broken by earlier gold start, then earlier predicted
/// start, then index.
///
/// Greedy is not an optimal assignment, but it is what the spec asks for and
/// it is deterministic, so two runs over the same input always agree. Returns
/// `(gold, pred)` index pairs sorted by gold index.
pub fn match_one_to_one(mut candidates: Vec<Candidate>) -> Vec<(usize, usize)> {
    candidates.sort_by_key(|c| {
        (
            std::cmp::Reverse(c.overlap),
            c.gold_start,
            c.pred_start,
            c.gold,
            c.pred,
        )
    });
    let mut used_gold = std::collections::HashSet::new();
    let mut used_pred = std::collections::HashSet::new();
    let mut pairs = vec![];
    for c in candidates {
        if used_gold.contains(&c.gold) || used_pred.contains(&c.pred) {
            continue;
        }
        used_gold.insert(c.gold);
        used_pred.insert(c.pred);
        pairs.push((c.gold, c.pred));
    }
    pairs.sort_unstable();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_and_display() {
        let p = Prf::new(120, 12, 17);
        assert!((p.precision() - 120.0 / 132.0).abs() < 1e-12);
        assert!((p.recall() - 120.0 / 137.0).abs() < 1e-12);
        assert_eq!(
            p.to_string(),
            "P 0.909  R 0.876  F1 0.892  (tp 120, fp 12, fn 17)"
        );
    }

    #[test]
    fn undefined_ratios_are_zero() {
        let empty = Prf::default();
        assert_eq!(empty.precision(), 0.0);
        assert_eq!(empty.recall(), 0.0);
        assert_eq!(empty.f1(), 0.0);
        // Only false negatives: precision undefined, recall 0.
        let missed = Prf::new(0, 0, 3);
        assert_eq!(missed.precision(), 0.0);
        assert_eq!(missed.f1(), 0.0);
    }

    #[test]
    fn add_sums_counts() {
        let mut a = Prf::new(1, 2, 3);
        a.add(Prf::new(10, 20, 30));
        assert_eq!(a, Prf::new(11, 22, 33));
    }

    fn cand(gold: usize, pred: usize, overlap: usize) -> Candidate {
        Candidate {
            gold,
            pred,
            overlap,
            gold_start: gold * 10,
            pred_start: pred * 10,
        }
    }

    #[test]
    fn greedy_takes_largest_overlap_first() {
        // Gold 0 overlaps both predictions; pred 1 is its better match, which
        // leaves pred 0 free for gold 1.
        let pairs = match_one_to_one(vec![cand(0, 0, 5), cand(0, 1, 9), cand(1, 0, 4)]);
        assert_eq!(pairs, vec![(0, 1), (1, 0)]);
    }

    #[test]
    fn greedy_is_one_to_one_and_ties_go_to_earlier_position() {
        // Two gold items tie for one prediction: the earlier gold wins and the
        // prediction is not reused.
        let pairs = match_one_to_one(vec![cand(1, 0, 5), cand(0, 0, 5)]);
        assert_eq!(pairs, vec![(0, 0)]);
    }
}
