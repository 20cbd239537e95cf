//! Running the pipeline on a gold attribution corpus and scoring its claims.
//!
//! The gold corpus is brat standoff as in PolNeAR (`text/*.txt` + `attributions/*.ann`, see
//! [`crate::eval::brat`]); scoring is [`crate::eval::attribution_score`]. Each gold text goes through
//! the same analysis ([`analyze_with`]) as `claimgraph run`, so the figures measure exactly what users get.

use super::attribution_score::{score, AttributionReport, PredictedClaim, RuleKey};
use super::brat::{load_corpus, Span};
use crate::claims::boundaries::Bounds;
use crate::claims::{Claim, ClaimKind, SpeakerType};
use crate::corpus::Document;
use crate::gazetteer::Gazetteer;
use crate::pipeline::{analyze_with, Analysis};
use crate::text::CharIndex;
use anyhow::Context;
use rayon::prelude::*;
use std::ops::Range;
use std::path::Path;

/// Scores the pipeline's claims, with the content bounds `bounds`, on the gold corpus in
/// `gold_dir`.
pub fn evaluate(
    gold_dir: &Path,
    gaz: &Gazetteer,
    bounds: Bounds,
) -> anyhow::Result<AttributionReport> {
    let gold = load_corpus(gold_dir)
        .with_context(|| format!("loading gold attributions from {}", gold_dir.display()))?;
    let predicted: Vec<Vec<PredictedClaim>> = gold
        .par_iter()
        .map(|g| {
            let doc =
                Document::from_text(g.stem.clone(), g.ann_path.display().to_string(), &g.text);
            predictions(&analyze_with(doc, gaz, bounds), gaz)
        })
        .collect();
    Ok(score(&gold, &predicted))
}

/// The pieces of a claim's content (byte ranges): the content, or the two sides of its own speaker
/// and cue when they stand inside it, between commas or not ("The plan, he said, is dead" → "The
/// plan", "is dead"; "which he said was a mistake" → "which", "was a mistake"), as PolNeAR
/// annotates such a content.
///
/// A parenthetical tag the claim marks ([`Claim::tag`]: "For decades, Mr. de Vos noted, the
/// United States has …", "The cost, according to a person close to the talks, was high") is all between its commas: the pieces
/// are the words around it.
///
/// A claim without a speaker whose cue stands inside its content (an evidential, "Washington
/// appears weak") is the two sides of its cue: "Washington", "weak".
fn own_pieces(text: &str, c: &Claim) -> Vec<Range<usize>> {
    let whole = vec![c.content.clone()];
    if let (None, Some(cue)) = (&c.speaker, &c.cue) {
        let before = text[c.content.start..cue.start.max(c.content.start)].trim_end();
        let after = text[cue.end.min(c.content.end)..c.content.end].trim_start();
        return if cue.start > c.content.start
            && cue.end < c.content.end
            && !before.is_empty()
            && !after.is_empty()
        {
            vec![
                c.content.start..c.content.start + before.len(),
                c.content.end - after.len()..c.content.end,
            ]
        } else {
            whole
        };
    }
    // A parenthetical tag between its commas ("For decades, Mr. de Vos noted, the United States
    // has …"): the pieces are the words around it.
    if let Some(tag) = c
        .tag
        .as_ref()
        .filter(|t| c.content.start < t.start && t.end < c.content.end)
    {
        let before = text[c.content.start..tag.start].trim_end();
        let after = text[tag.end..c.content.end].trim_start();
        if !before.is_empty() && !after.is_empty() {
            return vec![
                c.content.start..c.content.start + before.len(),
                c.content.end - after.len()..c.content.end,
            ];
        }
    }
    let (Some(sp), Some(cue)) = (&c.speaker, &c.cue) else {
        return whole;
    };
    let tag = sp.start.min(cue.start)..sp.end.max(cue.end);
    if tag.start <= c.content.start || tag.end >= c.content.end {
        return whole;
    }
    let before = text[c.content.start..tag.start].trim_end();
    let after = text[tag.end..c.content.end].trim_start();
    let b = before.strip_suffix(',').map_or(before, str::trim_end);
    let a = after.strip_prefix(',').map_or(after, str::trim_start);
    match (b, a) {
        (b, a) if !b.is_empty() && !a.is_empty() => vec![
            c.content.start..c.content.start + b.len(),
            c.content.end - a.len()..c.content.end,
        ],
        _ => whole,
    }
}

/// An analysis's claims in the scorer's terms: code-point offsets, kind and rule names.
///
/// PolNeAR annotates one attribution per cue: a quote, the quotes that continue it and the second
/// half of a quote split by its cue (“A,” he said, “B.”) form one discontinuous content, even when
/// other claims come between them (“A,” he said, claiming that X. “B.”), while a
/// quote brought in by a cue of its own (“…,” he said, adding, “…”) is another attribution. So a
/// direct claim with the same speaker span and the same cue as the direct or mixed claim right before
/// it (a continuation repeats the cue it continues) is merged into that one (its content becomes the
/// envelope of both), matching the gold convention. claims.csv keeps them apart, because each piece
/// is a claim an analyst can check on its own. The merged turn's pieces are kept for the
/// words-exact comparison, which reads them as one content without the tags between them; so is a
/// content that holds its own tag between commas ("The plan, he said, is dead": [`own_pieces`]).
pub fn predictions(a: &Analysis, gaz: &Gazetteer) -> Vec<PredictedClaim> {
    predictions_with_members(a, gaz).0
}

/// [`predictions`], and for each the indices of the claims of `a` it holds (one, or the claims
/// of a merged turn).
pub fn predictions_with_members(
    a: &Analysis,
    gaz: &Gazetteer,
) -> (Vec<PredictedClaim>, Vec<Vec<usize>>) {
    let text = &a.doc.text;
    let index = CharIndex::new(text);
    let entities = a.entities(gaz);
    // (content pieces as byte ranges, claim), turns merged; the content is the pieces' envelope.
    // Claims of other kinds between the two quotes (“A,” he said, claiming that X. “B.”) do not
    // break the turn.
    let mut turns: Vec<(Vec<Range<usize>>, &Claim)> = Vec::with_capacity(a.claims.len());
    let mut members: Vec<Vec<usize>> = Vec::with_capacity(a.claims.len());
    for (k, c) in a.claims.iter().enumerate() {
        let last_direct = turns
            .iter_mut()
            .zip(members.iter_mut())
            .rev()
            .take(4)
            .find(|((_, prev), _)| matches!(prev.kind, ClaimKind::Direct | ClaimKind::Mixed));
        match last_direct {
            Some(((pieces, prev), held))
                if c.kind == ClaimKind::Direct
                    && prev.speaker == c.speaker
                    && prev.cue == c.cue =>
            {
                pieces.extend(own_pieces(text, c));
                held.push(k);
            }
            _ => {
                turns.push((own_pieces(text, c), c));
                members.push(vec![k]);
            }
        }
    }
    let span = |r: &Range<usize>| Span::new(index.char_offset(r.start), index.char_offset(r.end));
    let key = |c: &Claim| RuleKey {
        rule: Some(c.rule),
        name: c.rule.name().to_owned(),
        kind: c.kind.as_str().to_owned(),
        unresolved: c.speaker_type == SpeakerType::Unresolved,
    };
    let predicted = turns
        .into_iter()
        .zip(&members)
        .map(|((pieces, c), held)| {
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
                held: held.iter().map(|&k| key(&a.claims[k])).collect(),
            }
        })
        .collect();
    (predicted, members)
}

#[cfg(test)]
mod tests {
    use super::predictions;
    use crate::corpus::Document;
    use crate::gazetteer::tests::sample;
    use crate::pipeline::analyze;

    #[test]
    fn a_content_holding_its_own_tag_is_two_pieces() {
        let gaz = sample();
        let text = "The plan, he said, is dead. “We are ready,” Parsi said, “to talk.”";
        let a = analyze(Document::from_text("t".into(), "t".into(), text), &gaz);
        let got: Vec<(String, String)> = predictions(&a, &gaz)
            .into_iter()
            .map(|p| (p.text, p.pieces_text))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "The plan, he said, is dead".into(),
                    "The plan is dead".into()
                ),
                (
                    "We are ready,” Parsi said, “to talk.".into(),
                    "We are ready to talk.".into()
                ),
            ]
        );
    }

    #[test]
    fn a_parenthetical_tag_is_all_between_its_commas() {
        let gaz = sample();
        let text = "For decades, Mr. de Vos noted, the country has sent observers. \
                    The cost, according to a person close to the talks, was high.";
        let a = analyze(Document::from_text("t".into(), "t".into(), text), &gaz);
        let got: Vec<String> = predictions(&a, &gaz)
            .into_iter()
            .map(|p| p.pieces_text)
            .collect();
        assert_eq!(
            got,
            [
                "For decades the country has sent observers",
                "The cost was high"
            ]
        );
    }
}
