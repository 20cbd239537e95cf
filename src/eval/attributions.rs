//! Running the pipeline on a gold attribution corpus and scoring its claims.
//!
//! The gold corpus is brat standoff as in PolNeAR (`text/*.txt` + `attributions/*.ann`, see
//! [`crate::eval::brat`]); scoring is [`crate::eval::attribution_score`]. Each gold text goes through
//! the same [`analyze`] as `claimgraph run`, so the figures measure exactly what users get.

use super::attribution_score::{score, AttributionReport, PredictedClaim};
use super::brat::{load_corpus, Span};
use crate::claims::{Claim, ClaimKind};
use crate::corpus::Document;
use crate::gazetteer::Gazetteer;
use crate::pipeline::{analyze, Analysis};
use crate::text::CharIndex;
use anyhow::Context;
use rayon::prelude::*;
use std::ops::Range;
use std::path::Path;

/// Scores the pipeline's claims on the gold corpus in `gold_dir`.
pub fn evaluate(gold_dir: &Path, gaz: &Gazetteer) -> anyhow::Result<AttributionReport> {
    let gold = load_corpus(gold_dir)
        .with_context(|| format!("loading gold attributions from {}", gold_dir.display()))?;
    let predicted: Vec<Vec<PredictedClaim>> = gold
        .par_iter()
        .map(|g| {
            let doc =
                Document::from_text(g.stem.clone(), g.ann_path.display().to_string(), &g.text);
            predictions(&analyze(doc, gaz), gaz)
        })
        .collect();
    Ok(score(&gold, &predicted))
}

/// An analysis's claims in the scorer's terms: code-point offsets, kind and rule names.
///
/// PolNeAR annotates one attribution per cue: a quote, the quotes that continue it and the second
/// half of a quote split by its cue (“A,” he said, “B.”) form one discontinuous content, even when
/// other claims come between them (“A,” he said, claiming that X. “B.”), while a
/// quote brought in by a cue of its own (“…,” he said, adding, “…”) is another attribution. So a
/// direct claim with the same speaker span and the same cue as the direct claim right before it (a
/// continuation repeats the cue it continues) is merged into that one (its content becomes the
/// envelope of both), matching the gold convention. claims.csv keeps them apart, because each piece
/// is a claim an analyst can check on its own. The merged turn's pieces are kept for the
/// words-exact comparison, which reads them as one content without the tags between them.
pub fn predictions(a: &Analysis, gaz: &Gazetteer) -> Vec<PredictedClaim> {
    let text = &a.doc.text;
    let index = CharIndex::new(text);
    let entities = a.entities(gaz);
    // (content pieces as byte ranges, claim), turns merged; the content is the pieces' envelope.
    // Claims of other kinds between the two quotes (“A,” he said, claiming that X. “B.”) do not
    // break the turn.
    let mut turns: Vec<(Vec<Range<usize>>, &Claim)> = Vec::with_capacity(a.claims.len());
    for c in &a.claims {
        let last_direct = turns
            .iter_mut()
            .rev()
            .take(4)
            .find(|(_, prev)| prev.kind == ClaimKind::Direct);
        match last_direct {
            Some((pieces, prev))
                if c.kind == ClaimKind::Direct
                    && prev.speaker == c.speaker
                    && prev.cue == c.cue =>
            {
                pieces.push(c.content.clone());
            }
            _ => turns.push((vec![c.content.clone()], c)),
        }
    }
    let span = |r: &Range<usize>| Span::new(index.char_offset(r.start), index.char_offset(r.end));
    turns
        .into_iter()
        .map(|(pieces, c)| {
            let content = pieces[0].start..pieces[pieces.len() - 1].end;
            PredictedClaim {
                start: index.char_offset(content.start),
                end: index.char_offset(content.end),
                speaker: c.speaker.as_ref().map(span),
                speaker_text: match (c.speaker_entity, &c.speaker_name) {
                    (Some(e), _) => entities.get(e).name.clone(),
                    (None, Some(r)) => text[r.clone()].to_owned(),
                    (None, None) => String::new(),
                },
                text: text[content].to_owned(),
                pieces_text: if pieces.len() > 1 {
                    let texts: Vec<&str> = pieces.into_iter().map(|p| &text[p]).collect();
                    texts.join(" ")
                } else {
                    String::new()
                },
                kind: c.kind.as_str().to_owned(),
                rule: c.rule.name().to_owned(),
            }
        })
        .collect()
}
