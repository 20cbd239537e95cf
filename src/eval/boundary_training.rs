//! Training the content-boundary model ([`crate::claims::boundaries`]) on a gold attribution
//! corpus: `claimgraph train boundaries SPLIT --out lexicons/boundary_model.tsv`.
//!
//! The pipeline runs on every gold text with the rules' bounds ([`Bounds::Rules`]); its claims are
//! matched to the gold attributions with the scorer's matching ([`matched_pairs`]). A claim that
//! is alone in its prediction (no merged turn) and matches a gold content of one piece is an
//! example: each of its start candidates is good when it starts the gold content's words (a
//! leading "that" aside), each end candidate when it ends them ([`content_words`]). An averaged
//! perceptron then learns the start and the end weights apart, over the examples that have a good
//! candidate, in document order shuffled by a fixed seed, so the weights file is the same on every
//! run. With `--folds N` it also prints the words-exact gain of N-fold cross-validation over the
//! documents (trained on the others, scored on each fold).

use super::attribution_score::{content_words, matched_pairs, score};
use super::attributions::predictions_with_members;
use super::brat::{load_corpus, GoldDoc};
use crate::claims::boundaries::{self, Bounds, Candidate, Candidates, Doc, Layout, Model};
use crate::corpus::Document;
use crate::gazetteer::Gazetteer;
use crate::pipeline::{analyze_with, Analysis};
use crate::tokens::{tokenize, Tokens};
use anyhow::Context;
use rayon::prelude::*;
use std::path::Path;

/// Passes of the perceptron over the examples.
const EPOCHS: usize = 5;
/// The seed of the shuffle.
const SEED: u64 = 1;

/// One claim's candidates, each with whether it gives the gold bound (all false for a claim that
/// matched no single gold piece).
struct Example {
    candidates: Candidates,
    good_starts: Vec<bool>,
    good_ends: Vec<bool>,
}

/// A gold document, the pipeline's analysis of it with the rules' bounds, and its examples.
struct Item {
    gold: GoldDoc,
    analysis: Analysis,
    tokens: Tokens,
    examples: Vec<Option<Example>>,
}

/// A gold corpus read for training.
pub struct Corpus {
    items: Vec<Item>,
    layout: Layout,
}

impl Corpus {
    /// Runs the pipeline (rules' bounds) on the gold corpus in `dir` and builds the examples.
    pub fn load(dir: &Path, gaz: &Gazetteer) -> anyhow::Result<Corpus> {
        let gold = load_corpus(dir)
            .with_context(|| format!("loading gold attributions from {}", dir.display()))?;
        let layout = Layout::bundled();
        let items = gold
            .into_par_iter()
            .map(|g| {
                let doc =
                    Document::from_text(g.stem.clone(), g.ann_path.display().to_string(), &g.text);
                let analysis = analyze_with(doc, gaz, Bounds::Rules);
                let tokens = tokenize(&analysis.doc.text, &analysis.sentences);
                let examples = examples(&g, &analysis, &tokens, &layout, gaz);
                Item {
                    gold: g,
                    analysis,
                    tokens,
                    examples,
                }
            })
            .collect();
        Ok(Corpus { items, layout })
    }

    /// The number of documents.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the corpus has no documents.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The model trained on the documents `docs` selects, as its weights file.
    pub fn train(&self, docs: impl Fn(usize) -> bool) -> String {
        let examples: Vec<&Example> = (0..self.items.len())
            .filter(|&i| docs(i))
            .flat_map(|i| self.items[i].examples.iter().flatten())
            .collect();
        let starts: Vec<(&[Candidate], &[bool])> = examples
            .iter()
            .map(|e| (e.candidates.starts.as_slice(), e.good_starts.as_slice()))
            .collect();
        let ends: Vec<(&[Candidate], &[bool])> = examples
            .iter()
            .map(|e| (e.candidates.ends.as_slice(), e.good_ends.as_slice()))
            .collect();
        let ws = perceptron(&starts, self.layout.len);
        let we = perceptron(&ends, self.layout.len);
        Model::write(&self.layout, &ws, &we)
    }

    /// Words-exact true positives over the documents `docs` selects: with the rules' bounds, and
    /// with `model`'s.
    pub fn words_exact(
        &mut self,
        model: &Model,
        gaz: &Gazetteer,
        docs: impl Fn(usize) -> bool + Sync,
    ) -> (usize, usize) {
        let mut out = (0, 0);
        for with_model in [false, true] {
            let (gold, predicted): (Vec<GoldDoc>, Vec<_>) = self
                .items
                .par_iter_mut()
                .enumerate()
                .filter(|(i, _)| docs(*i))
                .map(|(_, it)| {
                    let rules = it.analysis.claims.clone();
                    if with_model {
                        let a = &mut it.analysis;
                        boundaries::refine(
                            &a.doc.text,
                            &a.sentences,
                            &it.tokens,
                            &a.mentions,
                            &mut a.claims,
                            model,
                        );
                    }
                    let p = predictions_with_members(&it.analysis, gaz).0;
                    it.analysis.claims = rules;
                    (it.gold.clone(), p)
                })
                .unzip();
            let tp = score(&gold, &predicted).words_exact.tp;
            if with_model {
                out.1 = tp;
            } else {
                out.0 = tp;
            }
        }
        out
    }
}

/// The examples of one document: for each claim, its candidates and which give the gold bounds.
fn examples(
    g: &GoldDoc,
    a: &Analysis,
    tokens: &Tokens,
    layout: &Layout,
    gaz: &Gazetteer,
) -> Vec<Option<Example>> {
    let text = a.doc.text.as_str();
    let (predicted, members) = predictions_with_members(a, gaz);
    // Byte offset of each code point (and of the end).
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect();
    let mut gold_of = vec![None; a.claims.len()];
    for (gi, pi) in matched_pairs(&g.attributions, &predicted) {
        let content = &g.attributions[gi].content;
        if let ([piece], [k]) = (content.as_slice(), members[pi].as_slice()) {
            gold_of[*k] = Some(bytes[piece.start]..bytes[piece.end]);
        }
    }
    let doc = Doc::new(text, &a.sentences, tokens, &a.claims, layout);
    (0..a.claims.len())
        .map(|k| {
            let candidates = doc.candidates(&a.claims, k)?;
            let toks = &tokens.toks;
            let (good_starts, good_ends) = match &gold_of[k] {
                Some(gold) => (
                    candidates
                        .starts
                        .iter()
                        .map(|c| {
                            let s = toks[c.tok].start;
                            if s <= gold.start {
                                content_words(&text[s..gold.start]).is_empty()
                            } else {
                                content_words(&text[gold.start..s]).is_empty()
                            }
                        })
                        .collect(),
                    candidates
                        .ends
                        .iter()
                        .map(|c| {
                            let e = toks[c.tok].end;
                            content_words(&text[e.min(gold.end)..e.max(gold.end)]).is_empty()
                        })
                        .collect(),
                ),
                None => (
                    vec![false; candidates.starts.len()],
                    vec![false; candidates.ends.len()],
                ),
            };
            Some(Example {
                candidates,
                good_starts,
                good_ends,
            })
        })
        .collect()
}

/// A fixed-seed generator (SplitMix64) for the shuffle.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// The averaged perceptron ranking each example's candidates (the good ones above the others),
/// over the examples with at least one good candidate: the averaged weights, by feature index.
fn perceptron(examples: &[(&[Candidate], &[bool])], len: usize) -> Vec<f64> {
    let mut items: Vec<&(&[Candidate], &[bool])> = examples
        .iter()
        .filter(|(_, good)| good.contains(&true))
        .collect();
    let (mut w, mut total, mut stamp) = (vec![0.0f64; len], vec![0.0f64; len], vec![0usize; len]);
    let mut t = 0usize;
    let mut rng = SplitMix(SEED);
    let bump = |w: &mut [f64], total: &mut [f64], stamp: &mut [usize], t: usize, f: u32, d: f64| {
        let f = f as usize;
        total[f] += (t - stamp[f]) as f64 * w[f];
        stamp[f] = t;
        w[f] += d;
    };
    let score = |w: &[f64], c: &Candidate| -> f64 {
        c.features
            .iter()
            .filter(|&&i| i != u32::MAX)
            .map(|&i| w[i as usize])
            .sum()
    };
    for _ in 0..EPOCHS {
        for i in (1..items.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
        for (cands, good) in &items {
            t += 1;
            let scores: Vec<f64> = cands.iter().map(|c| score(&w, c)).collect();
            let first_max = |keep: &dyn Fn(usize) -> bool| {
                (0..cands.len())
                    .filter(|&k| keep(k))
                    .fold(None, |b: Option<usize>, k| match b {
                        Some(b) if scores[b] >= scores[k] => Some(b),
                        _ => Some(k),
                    })
            };
            let Some(best) = first_max(&|_| true) else {
                continue;
            };
            if good[best] {
                continue;
            }
            let Some(right) = first_max(&|k| good[k]) else {
                continue;
            };
            for &f in cands[right].features.iter().filter(|&&f| f != u32::MAX) {
                bump(&mut w, &mut total, &mut stamp, t, f, 1.0);
            }
            for &f in cands[best].features.iter().filter(|&&f| f != u32::MAX) {
                bump(&mut w, &mut total, &mut stamp, t, f, -1.0);
            }
        }
    }
    for f in 0..len {
        bump(&mut w, &mut total, &mut stamp, t, f as u32, 0.0);
    }
    let t = t.max(1) as f64;
    total.iter().map(|x| x / t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::boundaries::N_FEATURES;

    fn cand(tok: usize, f: u32) -> Candidate {
        let mut features = [u32::MAX; N_FEATURES];
        features[0] = f;
        Candidate {
            tok,
            bound: tok,
            same: false,
            features,
        }
    }

    #[test]
    fn the_perceptron_learns_to_rank_the_good_candidate_first() {
        // Feature 1 marks the good candidate in every example, feature 0 the bad one.
        let a = [cand(0, 0), cand(1, 1)];
        let b = [cand(0, 1), cand(1, 0)];
        let examples: Vec<(&[Candidate], &[bool])> =
            vec![(&a, &[false, true]), (&b, &[true, false])];
        let w = perceptron(&examples, 2);
        assert!(w[1] > w[0], "{w:?}");
        assert_eq!(perceptron(&examples, 2), w, "deterministic");
    }

    /// As scripts/check_gazetteers.sh does for generated lexicons: the bundled weights are what
    /// training on PolNeAR train writes, byte for byte.
    #[test]
    fn the_bundled_model_is_what_training_on_polnear_train_writes() {
        let Some(dir) = super::super::brat::shared_dir()
            .map(|d| d.join("eval/polnear/train"))
            .filter(|d| d.is_dir())
        else {
            crate::testing::skip("../shared/eval/polnear/train not found");
            return;
        };
        let gaz = crate::testing::bundled_gazetteer();
        crate::pipeline::prepare();
        let corpus = Corpus::load(&dir, gaz).unwrap();
        let weights = corpus.train(|_| true);
        assert!(
            weights == crate::lexicon::bundled(boundaries::MODEL_FILE),
            "lexicons/boundary_model.tsv is not what `claimgraph train boundaries \
             ../shared/eval/polnear/train` writes: retrain"
        );
    }
}
