//! Scoring predicted claims against PolNeAR gold attributions.
//!
//! Match rule: a predicted claim's content matches a gold content when they
//! overlap by at least half of the shorter of the two. A discontinuous gold
//! content counts as the sum of its pieces, both for its length and for its
//! overlap. Matching is one-to-one and greedy, largest overlap first (see
//! [`match_one_to_one`]).
//!
//! Speaker rule: a matched claim has the right speaker when its speaker span
//! overlaps any gold Source piece. A gold attribution without a Source
//! (`Attribution-no-source`, e.g. "it was reported that ...") has the right
//! speaker only when the prediction also names no speaker span: claiming a
//! speaker the text does not give is an error, and declining to name one is
//! the correct reading.
//!
//! Words-exact rule: a matched claim has its content words-exact when both contents are the same
//! words in the same order ([`content_words`]): punctuation and quote marks do not count, nor does
//! a leading "that", and a discontinuous content (gold pieces, or the quotes of one predicted turn)
//! is its pieces read as one. This measures content boundaries, which the overlap match does not.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;

use super::brat::{GoldAttribution, GoldDoc, Span};
use super::prf::{assert_paired, match_one_to_one, ratio, write_table, Candidate, Prf};
use crate::claims::rules::Rule;

/// One claim found by the pipeline in a document, in the pipeline's own
/// terms, so that errors can be traced back to the rule that produced it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PredictedClaim {
    /// Code-point offset where the claim's content starts.
    pub start: usize,
    /// Code-point offset one past the content's end.
    pub end: usize,
    /// Where the speaker is mentioned in the text, if anywhere.
    pub speaker: Option<Span>,
    /// The speaker as the pipeline names it (may be a resolved name).
    pub speaker_text: String,
    /// The content text.
    pub text: String,
    /// The content's pieces joined by spaces, when it is discontinuous (the quotes of one turn,
    /// without the tags between them); empty when the content is `text` alone.
    pub pieces_text: String,
    /// `direct`, `mixed`, `indirect` or `declined`; `direct` and `mixed`
    /// (exactly these lowercase strings) form the quoted subset.
    pub kind: String,
    /// Which extraction rule fired, for error analysis.
    pub rule: String,
    /// The [`AttributionReport::by_rule`] rows of the claims the prediction holds: its claim, or
    /// the claims of a merged turn, each under its own rule. Empty for a prediction made outside
    /// the pipeline, which counts under its `rule` name and `kind`.
    pub held: Vec<RuleKey>,
}

impl PredictedClaim {
    /// Whether the claim belongs to the quoted subset (direct or mixed).
    pub fn is_quoted(&self) -> bool {
        self.kind == "direct" || self.kind == "mixed"
    }

    fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }

    /// The content as compared word for word: its pieces, or its text.
    fn content_text(&self) -> &str {
        if self.pieces_text.is_empty() {
            &self.text
        } else {
            &self.pieces_text
        }
    }
}

/// The words of a content, as the words-exact rule compares them: runs of letters and digits
/// (punctuation, quote marks and spaces separate words and are dropped), without a leading "that"
/// (any case).
pub fn content_words(text: &str) -> Vec<&str> {
    let mut words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words
        .first()
        .is_some_and(|w| w.eq_ignore_ascii_case("that"))
    {
        words.remove(0);
    }
    words
}

/// What went wrong for one error row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A gold attribution that no prediction matched.
    Missed,
    /// A prediction that matched no gold attribution.
    Spurious,
    /// Content matched, but the speaker did not.
    WrongSpeaker,
    /// Content matched, but not words-exact (its boundaries differ from the gold's).
    InexactContent,
}

impl ErrorKind {
    /// The name used in CSV output and tables.
    pub fn as_str(&self) -> &'static str {
        match self {
            ErrorKind::Missed => "missed",
            ErrorKind::Spurious => "spurious",
            ErrorKind::WrongSpeaker => "wrong_speaker",
            ErrorKind::InexactContent => "inexact_content",
        }
    }
}

/// One row of the error listing, with enough context to judge it without
/// opening the article: gold and predicted text side by side.
///
/// Gold fields are empty for spurious rows, predicted fields for missed rows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ErrorRow {
    /// Stem of the article.
    pub doc: String,
    /// Kind of error.
    pub kind: ErrorKind,
    /// Brat event id of the gold attribution.
    pub gold_id: String,
    /// Start of the gold content's first piece.
    pub gold_start: Option<usize>,
    /// End of the gold content's last piece.
    pub gold_end: Option<usize>,
    /// Whether the gold content is a quotation.
    pub gold_quoted: Option<bool>,
    /// Gold content text (pieces joined by spaces).
    pub gold_content: String,
    /// Gold source text; empty when the attribution has no source.
    pub gold_source: String,
    /// Start of the predicted content.
    pub pred_start: Option<usize>,
    /// End of the predicted content.
    pub pred_end: Option<usize>,
    /// Predicted kind (direct, mixed, indirect, declined).
    pub pred_kind: String,
    /// Predicted content text.
    pub pred_text: String,
    /// Predicted speaker as the pipeline names it.
    pub pred_speaker: String,
    /// Rule that produced the prediction.
    pub pred_rule: String,
}

/// Scores for all attributions and for the quoted subset, content alone and
/// content with speaker, plus the errors behind them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AttributionReport {
    /// All attributions, content match only.
    pub content: Prf,
    /// All attributions, content and speaker must both match.
    pub content_speaker: Prf,
    /// Quoted gold vs direct/mixed predictions, content only.
    pub quoted_content: Prf,
    /// Quoted gold vs direct/mixed predictions, content and speaker.
    pub quoted_content_speaker: Prf,
    /// All attributions, content matched and words-exact (see the module docs).
    pub words_exact: Prf,
    /// Quoted gold vs direct/mixed predictions, content matched and words-exact.
    pub quoted_words_exact: Prf,
    /// Errors over all attributions (the quoted subset would only repeat
    /// them), ordered by document then offset.
    pub errors: Vec<ErrorRow>,
    /// How each rule's claims fared over all attributions, by rule (in precedence order), kind and
    /// speaker resolution.
    pub by_rule: BTreeMap<RuleKey, RuleOutcomes>,
}

/// A row of [`AttributionReport::by_rule`]: the rule that made a claim, the claim's kind and
/// whether its speaker is unresolved.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct RuleKey {
    /// The rule's enum, which tells apart the variants of one name; orders the rows by
    /// precedence. `None` outside the pipeline.
    pub rule: Option<Rule>,
    /// The rule's name ([`PredictedClaim::rule`]).
    pub name: String,
    /// The claim's kind.
    pub kind: String,
    /// Whether the claim's speaker is unresolved (none, or a pronoun, relative or role noun with
    /// no antecedent), which gives it the rule's other confidence.
    pub unresolved: bool,
}

/// How many of one rule's claims matched a gold attribution, at each match level of the module
/// docs (a claim of a merged turn counts with its turn's outcome). Divided by `claims`, each is
/// that level's precision for the rule: what an analyst can expect of the rule's claims, and what
/// its confidence says (the content+speaker share, measured on PolNeAR train).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RuleOutcomes {
    /// Claims by the rule.
    pub claims: usize,
    /// Of them, matched to a gold content.
    pub content: usize,
    /// Matched, with the right speaker.
    pub content_speaker: usize,
    /// Matched, with the same words as the gold content.
    pub words_exact: usize,
}

impl AttributionReport {
    /// Writes [`AttributionReport::errors`] as CSV with a header row.
    pub fn write_errors_csv(&self, path: &Path) -> Result<()> {
        let mut wtr = csv::Writer::from_path(path)
            .with_context(|| format!("{}: cannot create error CSV", path.display()))?;
        for row in &self.errors {
            wtr.serialize(row)
                .with_context(|| format!("{}: cannot write error row", path.display()))?;
        }
        wtr.flush()
            .with_context(|| format!("{}: cannot write error CSV", path.display()))?;
        Ok(())
    }

    /// [`AttributionReport::by_rule`] as a table: one row per rule, kind and speaker resolution, in
    /// precedence order, with the confidence those claims carry, their count and their precision
    /// at each match level.
    pub fn by_rule_table(&self) -> String {
        let mut out = format!(
            "{:<34} {:<9} {:<10} {:>5} {:>6} {:>8} {:>9} {:>12}\n",
            "rule", "kind", "speaker", "conf", "claims", "content", "+speaker", "words-exact"
        );
        for (key, o) in &self.by_rule {
            let (label, conf) = match key.rule {
                Some(r) => (
                    r.def().label(),
                    format!("{:.2}", r.claim_confidence(key.unresolved)),
                ),
                None => (key.name.clone(), "-".to_owned()),
            };
            out.push_str(&format!(
                "{label:<34} {:<9} {:<10} {conf:>5} {:>6} {:>8.3} {:>9.3} {:>12.3}\n",
                key.kind,
                if key.unresolved {
                    "unresolved"
                } else {
                    "resolved"
                },
                o.claims,
                ratio(o.content, o.claims),
                ratio(o.content_speaker, o.claims),
                ratio(o.words_exact, o.claims),
            ));
        }
        out
    }
}

impl fmt::Display for AttributionReport {
    /// A small table: one row per subset and match level.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rows = [
            ("all", "content", self.content),
            ("all", "content+speaker", self.content_speaker),
            ("quoted", "content", self.quoted_content),
            ("quoted", "content+speaker", self.quoted_content_speaker),
            ("all", "words-exact", self.words_exact),
            ("quoted", "words-exact", self.quoted_words_exact),
        ];
        write_table(f, ["subset", "match"], [7, 16], rows)
    }
}

/// Scores `predicted[i]` against `gold[i]` for every document.
///
/// # Panics
///
/// When the two slices differ in length: that is a bug in the caller, and a
/// silently shortened evaluation would report wrong numbers.
pub fn score(gold: &[GoldDoc], predicted: &[Vec<PredictedClaim>]) -> AttributionReport {
    assert_paired("attribution", gold.len(), predicted.len());
    let mut report = AttributionReport::default();
    for (doc, preds) in gold.iter().zip(predicted) {
        let all_gold: Vec<&GoldAttribution> = doc.attributions.iter().collect();
        let all_pred: Vec<&PredictedClaim> = preds.iter().collect();
        let all = score_subset(&all_gold, &all_pred);
        report.content.add(all.content);
        report.content_speaker.add(all.content_speaker);
        report.words_exact.add(all.words_exact);
        report
            .errors
            .extend(all.error_rows(&doc.stem, &all_gold, &all_pred));
        all.count_by_rule(&all_pred, &mut report.by_rule);

        let q_gold: Vec<&GoldAttribution> = all_gold.iter().copied().filter(|g| g.quoted).collect();
        let q_pred: Vec<&PredictedClaim> =
            all_pred.iter().copied().filter(|p| p.is_quoted()).collect();
        let quoted = score_subset(&q_gold, &q_pred);
        report.quoted_content.add(quoted.content);
        report.quoted_content_speaker.add(quoted.content_speaker);
        report.quoted_words_exact.add(quoted.words_exact);
    }
    report
}

/// The one-to-one matching of the scorer over all attributions of one document: (gold index,
/// prediction index) pairs.
pub fn matched_pairs(
    gold: &[GoldAttribution],
    predicted: &[PredictedClaim],
) -> Vec<(usize, usize)> {
    let gold: Vec<&GoldAttribution> = gold.iter().collect();
    let pred: Vec<&PredictedClaim> = predicted.iter().collect();
    score_subset(&gold, &pred)
        .matched
        .into_iter()
        .map(|(g, p, _, _)| (g, p))
        .collect()
}

/// Whether a predicted content span matches a gold content: overlap of at
/// least half the shorter length. Returns the overlap when it matches.
fn content_overlap(gold: &[Span], pred: Span) -> Option<usize> {
    let overlap: usize = gold.iter().map(|g| g.overlap(&pred)).sum();
    let gold_len: usize = gold.iter().map(Span::len).sum();
    let shorter = gold_len.min(pred.len());
    // `overlap > 0` keeps an empty span from matching everything.
    (overlap > 0 && 2 * overlap >= shorter).then_some(overlap)
}

/// Whether the speaker of a matched prediction is right (see module docs).
fn speaker_correct(gold: &GoldAttribution, pred: &PredictedClaim) -> bool {
    match pred.speaker {
        None => gold.source.is_empty(),
        Some(s) => gold.source.iter().any(|g| g.overlap(&s) > 0),
    }
}

struct SubsetOutcome {
    content: Prf,
    content_speaker: Prf,
    words_exact: Prf,
    /// `(gold index, pred index, speaker correct, content words-exact)`.
    matched: Vec<(usize, usize, bool, bool)>,
    missed: Vec<usize>,
    spurious: Vec<usize>,
}

fn score_subset(gold: &[&GoldAttribution], pred: &[&PredictedClaim]) -> SubsetOutcome {
    let mut candidates = vec![];
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            if let Some(overlap) = content_overlap(&g.content, p.span()) {
                candidates.push(Candidate {
                    gold: gi,
                    pred: pi,
                    overlap,
                    gold_start: g.content[0].start,
                    pred_start: p.start,
                });
            }
        }
    }
    let pairs = match_one_to_one(candidates);
    let mut gold_used = vec![false; gold.len()];
    let mut pred_used = vec![false; pred.len()];
    let mut matched = vec![];
    for (gi, pi) in pairs {
        gold_used[gi] = true;
        pred_used[pi] = true;
        let exact = content_words(&gold[gi].content_text) == content_words(pred[pi].content_text());
        matched.push((gi, pi, speaker_correct(gold[gi], pred[pi]), exact));
    }
    let missed: Vec<usize> = (0..gold.len()).filter(|&i| !gold_used[i]).collect();
    let spurious: Vec<usize> = (0..pred.len()).filter(|&i| !pred_used[i]).collect();
    let wrong = matched.iter().filter(|m| !m.2).count();
    let content = Prf::new(matched.len(), spurious.len(), missed.len());
    // A content match with the wrong speaker is both a false positive (the
    // claim as stated is wrong) and a false negative (the gold claim was
    // not found as stated).
    let content_speaker = Prf::new(
        matched.len() - wrong,
        spurious.len() + wrong,
        missed.len() + wrong,
    );
    // Likewise a content match whose words differ.
    let inexact = matched.iter().filter(|m| !m.3).count();
    let words_exact = Prf::new(
        matched.len() - inexact,
        spurious.len() + inexact,
        missed.len() + inexact,
    );
    SubsetOutcome {
        content,
        content_speaker,
        words_exact,
        matched,
        missed,
        spurious,
    }
}

impl SubsetOutcome {
    /// Adds each prediction's outcome to its rule's row of `by_rule`.
    fn count_by_rule(
        &self,
        pred: &[&PredictedClaim],
        by_rule: &mut BTreeMap<RuleKey, RuleOutcomes>,
    ) {
        let mut outcome = vec![
            RuleOutcomes {
                claims: 1,
                ..Default::default()
            };
            pred.len()
        ];
        for &(_, pi, speaker_ok, exact) in &self.matched {
            let o = &mut outcome[pi];
            o.content = 1;
            o.content_speaker = usize::from(speaker_ok);
            o.words_exact = usize::from(exact);
        }
        for (p, o) in pred.iter().zip(outcome) {
            let own = [RuleKey {
                rule: None,
                name: p.rule.clone(),
                kind: p.kind.clone(),
                unresolved: false,
            }];
            let keys = if p.held.is_empty() { &own[..] } else { &p.held };
            for key in keys {
                let row = by_rule.entry(key.clone()).or_default();
                row.claims += o.claims;
                row.content += o.content;
                row.content_speaker += o.content_speaker;
                row.words_exact += o.words_exact;
            }
        }
    }

    fn error_rows(
        &self,
        stem: &str,
        gold: &[&GoldAttribution],
        pred: &[&PredictedClaim],
    ) -> Vec<ErrorRow> {
        let mut rows = vec![];
        for &gi in &self.missed {
            rows.push(row(stem, ErrorKind::Missed, Some(gold[gi]), None));
        }
        for &pi in &self.spurious {
            rows.push(row(stem, ErrorKind::Spurious, None, Some(pred[pi])));
        }
        for &(gi, pi, speaker_ok, exact) in &self.matched {
            let kinds = [
                (!speaker_ok, ErrorKind::WrongSpeaker),
                (!exact, ErrorKind::InexactContent),
            ];
            for (_, kind) in kinds.into_iter().filter(|k| k.0) {
                rows.push(row(stem, kind, Some(gold[gi]), Some(pred[pi])));
            }
        }
        rows.sort_by_key(|r| (r.gold_start.or(r.pred_start), r.pred_start, r.kind.as_str()));
        rows
    }
}

fn row(
    stem: &str,
    kind: ErrorKind,
    gold: Option<&GoldAttribution>,
    pred: Option<&PredictedClaim>,
) -> ErrorRow {
    ErrorRow {
        doc: stem.to_string(),
        kind,
        gold_id: gold.map(|g| g.id.clone()).unwrap_or_default(),
        gold_start: gold.and_then(|g| g.content.first()).map(|s| s.start),
        gold_end: gold.and_then(|g| g.content.last()).map(|s| s.end),
        gold_quoted: gold.map(|g| g.quoted),
        gold_content: gold.map(|g| g.content_text.clone()).unwrap_or_default(),
        gold_source: gold.map(|g| g.source_text.clone()).unwrap_or_default(),
        pred_start: pred.map(|p| p.start),
        pred_end: pred.map(|p| p.end),
        pred_kind: pred.map(|p| p.kind.clone()).unwrap_or_default(),
        pred_text: pred.map(|p| p.text.clone()).unwrap_or_default(),
        pred_speaker: pred.map(|p| p.speaker_text.clone()).unwrap_or_default(),
        pred_rule: pred.map(|p| p.rule.clone()).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn gold(
        id: &str,
        content: &[(usize, usize)],
        source: &[(usize, usize)],
        quoted: bool,
    ) -> GoldAttribution {
        GoldAttribution {
            id: id.to_string(),
            content: content.iter().map(|&(s, e)| Span::new(s, e)).collect(),
            source: source.iter().map(|&(s, e)| Span::new(s, e)).collect(),
            cue: vec![],
            content_text: format!("content of {id}"),
            source_text: String::new(),
            quoted,
        }
    }

    fn doc(attributions: Vec<GoldAttribution>) -> GoldDoc {
        GoldDoc {
            stem: "d".to_string(),
            text: String::new(),
            ann_path: PathBuf::from("d_x.ann"),
            attributions,
        }
    }

    fn pred(
        start: usize,
        end: usize,
        speaker: Option<(usize, usize)>,
        kind: &str,
    ) -> PredictedClaim {
        PredictedClaim {
            start,
            end,
            speaker: speaker.map(|(s, e)| Span::new(s, e)),
            kind: kind.to_string(),
            rule: "test".to_string(),
            ..Default::default()
        }
    }

    /// The error rows other than inexact contents (the tests' predictions have no text).
    fn without_inexact(r: &AttributionReport) -> Vec<&ErrorRow> {
        r.errors
            .iter()
            .filter(|e| e.kind != ErrorKind::InexactContent)
            .collect()
    }

    #[test]
    fn overlap_threshold_is_half_of_shorter() {
        let g = [Span::new(0, 10)];
        // Exactly half of the shorter (gold, 10): matches.
        assert_eq!(content_overlap(&g, Span::new(5, 40)), Some(5));
        // One code point short of half: no match.
        assert_eq!(content_overlap(&g, Span::new(6, 40)), None);
        // Short prediction fully inside a long gold: half of the shorter
        // (the prediction) is what counts.
        assert_eq!(
            content_overlap(&[Span::new(0, 100)], Span::new(50, 54)),
            Some(4)
        );
        // Odd length 5: overlap 3 >= 2.5 matches, 2 does not.
        assert_eq!(
            content_overlap(&[Span::new(0, 5)], Span::new(2, 9)),
            Some(3)
        );
        assert_eq!(content_overlap(&[Span::new(0, 5)], Span::new(3, 9)), None);
        // Touching spans and empty predictions never match.
        assert_eq!(content_overlap(&g, Span::new(10, 20)), None);
        assert_eq!(content_overlap(&g, Span::new(3, 3)), None);
    }

    #[test]
    fn discontinuous_gold_sums_pieces() {
        // Gold pieces 0-10 and 20-30 (length 20). Prediction 0-30 (length 30)
        // overlaps both pieces: 20 >= 10.
        let g = [Span::new(0, 10), Span::new(20, 30)];
        assert_eq!(content_overlap(&g, Span::new(0, 30)), Some(20));
        // Prediction 5-25 covers 5 + 5 = 10 of the 20 gold code points:
        // exactly half of the shorter (both 20): matches.
        assert_eq!(content_overlap(&g, Span::new(5, 25)), Some(10));
        // Prediction 8-22 covers 2 + 2 = 4 of length 14: 4 < 7.
        assert_eq!(content_overlap(&g, Span::new(8, 22)), None);
    }

    #[test]
    fn one_to_one_greedy_matching() {
        // One long prediction overlapping two gold contents matches only the
        // one it overlaps more; the other is missed.
        let d = doc(vec![
            gold("E1", &[(0, 10)], &[], false),
            gold("E2", &[(12, 40)], &[], false),
        ]);
        let r = score(&[d], &[vec![pred(0, 40, None, "indirect")]]);
        assert_eq!(r.content, Prf::new(1, 0, 1));
        let errors = without_inexact(&r);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].kind, ErrorKind::Missed);
        assert_eq!(errors[0].gold_id, "E1");
    }

    #[test]
    fn duplicate_predictions_count_as_spurious() {
        let d = doc(vec![gold("E1", &[(0, 10)], &[], false)]);
        let r = score(
            &[d],
            &[vec![
                pred(0, 10, None, "indirect"),
                pred(1, 10, None, "indirect"),
            ]],
        );
        assert_eq!(r.content, Prf::new(1, 1, 0));
        let errors = without_inexact(&r);
        assert_eq!(errors[0].kind, ErrorKind::Spurious);
        assert_eq!(
            errors[0].pred_start,
            Some(1),
            "the better-overlapping one matched"
        );
    }

    #[test]
    fn speaker_must_overlap_a_source_piece() {
        let d = doc(vec![
            gold("E1", &[(10, 20)], &[(0, 3), (5, 8)], false),
            gold("E2", &[(30, 40)], &[(22, 25)], false),
            gold("E3", &[(50, 60)], &[(42, 45)], false),
        ]);
        let preds = vec![
            pred(10, 20, Some((6, 7)), "indirect"), // overlaps second piece
            pred(30, 40, Some((25, 28)), "indirect"), // touches only: wrong
            pred(50, 60, None, "indirect"),         // gold has a source: wrong
        ];
        let r = score(&[d], &[preds]);
        assert_eq!(r.content, Prf::new(3, 0, 0));
        assert_eq!(r.content_speaker, Prf::new(1, 2, 2));
        let wrong: Vec<&str> = r
            .errors
            .iter()
            .filter(|e| e.kind == ErrorKind::WrongSpeaker)
            .map(|e| e.gold_id.as_str())
            .collect();
        assert_eq!(wrong, ["E2", "E3"]);
    }

    #[test]
    fn no_source_gold_wants_no_speaker() {
        let d = doc(vec![
            gold("E1", &[(0, 10)], &[], false),
            gold("E2", &[(20, 30)], &[], false),
        ]);
        let preds = vec![
            pred(0, 10, None, "indirect"),
            pred(20, 30, Some((12, 15)), "indirect"),
        ];
        let r = score(&[d], &[preds]);
        assert_eq!(r.content_speaker, Prf::new(1, 1, 1));
    }

    #[test]
    fn quoted_subset_is_matched_separately() {
        let d = doc(vec![
            gold("E1", &[(0, 10)], &[(40, 42)], true),
            gold("E2", &[(20, 30)], &[(40, 42)], false),
        ]);
        let preds = vec![
            // Direct, matching quoted gold E1.
            pred(0, 10, Some((40, 42)), "direct"),
            // Indirect prediction over the quoted gold's twin: ignored in
            // the quoted subset.
            pred(20, 30, Some((40, 42)), "indirect"),
            // Mixed but spurious: fp in both subsets.
            pred(50, 60, None, "mixed"),
        ];
        let r = score(&[d], &[preds]);
        assert_eq!(r.content, Prf::new(2, 1, 0));
        assert_eq!(r.quoted_content, Prf::new(1, 1, 0));
        assert_eq!(r.quoted_content_speaker, Prf::new(1, 1, 0));

        // A quoted gold found only by an indirect prediction is missed in
        // the quoted subset but matched overall.
        let d = doc(vec![gold("E1", &[(0, 10)], &[], true)]);
        let r = score(&[d], &[vec![pred(0, 10, None, "indirect")]]);
        assert_eq!(r.content, Prf::new(1, 0, 0));
        assert_eq!(r.quoted_content, Prf::new(0, 0, 1));
    }

    #[test]
    fn sums_over_documents_and_writes_csv() {
        let docs = vec![
            doc(vec![gold("E1", &[(0, 10)], &[], false)]),
            doc(vec![gold("E1", &[(0, 10)], &[], false)]),
        ];
        let mut found = pred(0, 10, None, "indirect");
        found.text = "content of E1".into();
        let r = score(&docs, &[vec![found], vec![]]);
        assert_eq!(r.content, Prf::new(1, 0, 1));
        let table = r.to_string();
        assert!(
            table
                .lines()
                .nth(1)
                .unwrap()
                .starts_with("all     content "),
            "{table}"
        );

        let path = std::env::temp_dir().join(format!("evalwork-errors-{}.csv", std::process::id()));
        r.write_errors_csv(&path).unwrap();
        let csv = std::fs::read_to_string(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        let mut lines = csv.lines();
        assert!(lines
            .next()
            .unwrap()
            .starts_with("doc,kind,gold_id,gold_start"));
        assert_eq!(
            lines.next().unwrap(),
            "d,missed,E1,0,10,false,content of E1,,,,,,,"
        );
        assert_eq!(lines.next(), None);
    }

    #[test]
    fn polnear_dev_gold_scores_itself_perfectly() {
        let Some(dir) = super::super::brat::shared_dir().map(|d| d.join("eval/polnear/dev")) else {
            crate::testing::skip("../shared/eval/polnear not found");
            return;
        };
        if !dir.is_dir() {
            crate::testing::skip("../shared/eval/polnear not found");
            return;
        }
        let mut docs = crate_load(&dir);
        // Predictions copied from gold must match everything: this catches a
        // matcher that mis-pairs nested or overlapping contents in real data.
        // Discontinuous golds are left out because a single predicted span
        // can only cover them by their envelope, and an envelope whose gap
        // holds another content rightly matches that inner one better.
        for d in &mut docs {
            d.attributions.retain(|a| a.content.len() == 1);
        }
        let preds: Vec<Vec<PredictedClaim>> = docs
            .iter()
            .map(|d| {
                d.attributions
                    .iter()
                    .map(|a| PredictedClaim {
                        start: a.content[0].start,
                        end: a.content[0].end,
                        speaker: a.source.first().copied(),
                        kind: if a.quoted { "direct" } else { "indirect" }.to_string(),
                        text: a.content_text.clone(),
                        ..Default::default()
                    })
                    .collect()
            })
            .collect();
        let r = score(&docs, &preds);
        eprintln!("{r}");
        assert_eq!(r.content.f1(), 1.0);
        assert_eq!(r.quoted_content.f1(), 1.0);
        assert_eq!(r.content_speaker.f1(), 1.0);
        assert_eq!(r.quoted_content_speaker.f1(), 1.0);
        assert_eq!(r.words_exact.f1(), 1.0);
        assert!(r.errors.is_empty());
    }

    fn crate_load(dir: &std::path::Path) -> Vec<GoldDoc> {
        super::super::brat::load_corpus(dir).unwrap_or_else(|e| panic!("{e:#}"))
    }

    #[test]
    fn content_words_ignore_punctuation_quote_marks_and_a_leading_that() {
        assert_eq!(
            content_words("that the plan was “dead on arrival,”"),
            ["the", "plan", "was", "dead", "on", "arrival"]
        );
        assert_eq!(content_words("That it’s over."), ["it", "s", "over"]);
        assert_eq!(content_words("thats all"), ["thats", "all"]);
        assert!(content_words("“…”").is_empty());
    }

    #[test]
    fn each_rule_counts_its_claims_at_each_match_level() {
        let mut g1 = gold("E1", &[(10, 20)], &[(0, 3)], false);
        g1.content_text = "We are ready".into();
        let g2 = gold("E2", &[(30, 40)], &[(22, 25)], false);
        let d = doc(vec![g1, g2]);
        // Rule "a": one exact claim with its speaker, one matched with the wrong speaker and other
        // words, one spurious. Rule "a" as a quote: one exact claim of another kind.
        let mut exact = pred(10, 20, Some((0, 3)), "indirect");
        exact.text = "We are ready.".into();
        exact.rule = "a".into();
        let mut wrong = pred(30, 40, Some((42, 45)), "indirect");
        wrong.text = "not the gold's words".into();
        wrong.rule = "a".into();
        let mut spurious = pred(60, 70, None, "indirect");
        spurious.rule = "a".into();
        let r = score(&[d], &[vec![exact, wrong, spurious]]);
        let rows: Vec<(&str, &str, RuleOutcomes)> = r
            .by_rule
            .iter()
            .map(|(k, o)| (k.name.as_str(), k.kind.as_str(), *o))
            .collect();
        let a = RuleOutcomes {
            claims: 3,
            content: 2,
            content_speaker: 1,
            words_exact: 1,
        };
        assert_eq!(rows, [("a", "indirect", a)]);
        // The table shows the shares, and "-" for the confidence of a rule outside the pipeline.
        let table = r.by_rule_table();
        let row = table.lines().nth(1).unwrap();
        let cells: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(
            cells,
            ["a", "indirect", "resolved", "-", "3", "0.667", "0.333", "0.333"]
        );
    }

    #[test]
    fn a_merged_turn_counts_each_claim_under_its_own_rule_and_side() {
        let mut g = gold("E1", &[(0, 30)], &[(40, 43)], true);
        g.content_text = "We are ready to talk".into();
        let d = doc(vec![g]);
        // One prediction holding two claims: a quote and its continuation, whose speaker is
        // unresolved.
        let mut turn = pred(0, 30, Some((40, 43)), "direct");
        turn.text = "We are ready to talk".into();
        let key = |name: &str, unresolved| RuleKey {
            rule: None,
            name: name.into(),
            kind: "direct".into(),
            unresolved,
        };
        turn.held = vec![key("first", false), key("continuation", true)];
        let r = score(&[d], &[vec![turn]]);
        let right = RuleOutcomes {
            claims: 1,
            content: 1,
            content_speaker: 1,
            words_exact: 1,
        };
        let rows: Vec<(RuleKey, RuleOutcomes)> = r.by_rule.into_iter().collect();
        assert_eq!(
            rows,
            [
                (key("continuation", true), right),
                (key("first", false), right)
            ]
        );
    }

    #[test]
    fn rules_are_listed_in_precedence_order_with_their_variant_and_confidence() {
        use crate::claims::rules::RULES;
        let d = doc(vec![]);
        // Two rules, given in reverse precedence order.
        let (first, last) = (RULES[0], RULES[RULES.len() - 1]);
        let held = |d: &crate::claims::rules::RuleDef| {
            vec![RuleKey {
                rule: Some(d.rule),
                name: d.name.into(),
                kind: "direct".into(),
                unresolved: false,
            }]
        };
        let mut p1 = pred(0, 5, None, "direct");
        p1.held = held(&last);
        let mut p2 = pred(10, 15, None, "direct");
        p2.held = held(&first);
        let r = score(&[d], &[vec![p1, p2]]);
        let table = r.by_rule_table();
        let rows: Vec<&str> = table.lines().skip(1).collect();
        assert_eq!(rows.len(), 2);
        assert!(rows[0].starts_with(first.name), "{table}");
        assert!(rows[1].starts_with(last.name), "{table}");
        assert!(
            rows[0].contains(&format!(" {:.2} ", first.confidence)),
            "{table}"
        );
    }

    #[test]
    fn words_exact_needs_the_same_words_in_order() {
        let mut g = gold("E1", &[(0, 10), (20, 30)], &[], true);
        g.content_text = "“We are ready, ” “to talk.”".into();
        let d = doc(vec![g, gold("E2", &[(40, 50)], &[], false)]);
        let mut turn = pred(0, 30, None, "direct");
        turn.text = "We are ready,” he said, “to talk.".into();
        turn.pieces_text = "We are ready, to talk.".into();
        let mut longer = pred(40, 52, None, "indirect");
        longer.text = "content of E2 too".into();
        let r = score(&[d], &[vec![turn, longer]]);
        assert_eq!(r.content, Prf::new(2, 0, 0));
        // The turn's pieces are the gold's words; the longer content is not.
        assert_eq!(r.words_exact, Prf::new(1, 1, 1));
        assert_eq!(r.quoted_words_exact, Prf::new(1, 0, 0));
        let inexact: Vec<&str> = r
            .errors
            .iter()
            .filter(|e| e.kind == ErrorKind::InexactContent)
            .map(|e| e.gold_id.as_str())
            .collect();
        assert_eq!(inexact, ["E2"]);
    }

    #[test]
    #[should_panic(expected = "predicted[i] must hold the predictions for gold[i]")]
    fn length_mismatch_panics() {
        score(&[doc(vec![])], &[]);
    }
}
