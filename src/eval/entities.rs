//! Running the pipeline on CoNLL gold documents and scoring its entity mentions.
//!
//! Demonym mentions ("Iranian") are left out of the predictions: CoNLL tags them MISC, and claimgraph
//! marks them as mentions of the place only for the graph's sake.

use super::conll::{load_conll, score_entities, ConllDoc, EntityReport, EntitySpan};
use crate::corpus::Document;
use crate::gazetteer::Gazetteer;
use crate::mentions::How;
use crate::output::{CsvTable, OutputSet};
use crate::pipeline::analyze;
use crate::text::CharIndex;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::Path;

/// Predicted entity spans (code points) for one text.
pub fn predict(text: &str, gaz: &Gazetteer) -> Vec<EntitySpan> {
    let a = analyze(Document::from_text("gold".into(), "gold".into(), text), gaz);
    let index = CharIndex::new(&a.doc.text);
    let entities = a.entities(gaz);
    a.mentions
        .iter()
        .filter(|m| m.how != How::Demonym)
        .map(|m| EntitySpan {
            start: index.char_offset(m.start),
            end: index.char_offset(m.end),
            kind: entities.get(m.entity).kind,
        })
        .collect()
}

/// Loads a CoNLL file, runs the pipeline on each document (in parallel) and scores the result.
/// When `errors` is given, writes every missed and spurious exact span there as CSV.
pub fn evaluate(
    gold: &Path,
    gaz: &Gazetteer,
    errors: Option<&Path>,
) -> anyhow::Result<EntityReport> {
    let docs = load_conll(gold)?;
    let predicted: Vec<Vec<EntitySpan>> = docs.par_iter().map(|d| predict(&d.text, gaz)).collect();
    if let Some(path) = errors {
        write_errors(path, &docs, &predicted)?;
    }
    Ok(score_entities(&docs, &predicted))
}

fn write_errors(
    path: &Path,
    docs: &[ConllDoc],
    predicted: &[Vec<EntitySpan>],
) -> anyhow::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| anyhow::anyhow!("bad errors path {}", path.display()))?;
    let mut set = OutputSet::unlocked(dir)?;
    let mut table = CsvTable::create(
        &set,
        name,
        &["doc", "error", "start", "end", "text", "type", "context"],
    )?;
    for (i, (doc, pred)) in docs.iter().zip(predicted).enumerate() {
        let chars: Vec<char> = doc.text.chars().collect();
        let gold: BTreeSet<EntitySpan> = doc.gold.iter().copied().collect();
        let pred: BTreeSet<EntitySpan> = pred.iter().copied().collect();
        let rows = gold
            .difference(&pred)
            .map(|s| ("missed", s))
            .chain(pred.difference(&gold).map(|s| ("spurious", s)));
        for (kind, s) in rows {
            let text: String = chars[s.start..s.end].iter().collect();
            let context: String = chars[s.start.saturating_sub(40)..(s.end + 40).min(chars.len())]
                .iter()
                .collect();
            table.row([
                i.to_string().as_str(),
                kind,
                &s.start.to_string(),
                &s.end.to_string(),
                &text,
                s.kind.as_str(),
                &context.replace('\n', " "),
            ])?;
        }
    }
    table.finish(&mut set)?;
    set.commit()?;
    Ok(())
}
