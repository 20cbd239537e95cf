//! `--summary`: a short table of what a run found, printed to stdout at the end.

use crate::claims::ClaimKind;
use crate::entity::EntityType;
use crate::gazetteer::Gazetteer;
use crate::graph::Graph;
use crate::pipeline::Analysis;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write;

/// How many speakers the summary lists.
pub const TOP_SPEAKERS: usize = 10;

/// Claim counts gathered while a run streams. Speakers are counted by entity id only, so memory is
/// bounded by the entity table rather than by the number of distinct speaker phrases.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimTally {
    /// Claims per kind.
    by_kind: BTreeMap<String, u64>,
    /// Claims per speaker entity id.
    by_speaker: BTreeMap<String, u64>,
}

impl ClaimTally {
    /// Counts one document's claims.
    pub fn add(&mut self, a: &Analysis, gaz: &Gazetteer) {
        let entities = a.entities(gaz);
        for c in &a.claims {
            self.count(
                c.kind,
                c.speaker_entity.map(|e| entities.get(e).id.as_str()),
            );
        }
    }

    /// Counts one document's claims, gathered by [`DocTally::of`]; `gaz` is the one it was given.
    pub fn add_doc(&mut self, doc: &DocTally, gaz: &Gazetteer) {
        for (kind, n) in &doc.kinds {
            add(&mut self.by_kind, kind.as_str(), *n);
        }
        for (speaker, n) in &doc.speakers {
            let id = match speaker {
                Speaker::Known(e) => gaz.entities[*e as usize].id.as_str(),
                Speaker::Found(id) => id.as_str(),
            };
            add(&mut self.by_speaker, id, *n);
        }
    }

    /// Counts one claim of `kind`, made by the entity with id `speaker` if it is one.
    fn count(&mut self, kind: ClaimKind, speaker: Option<&str>) {
        add(&mut self.by_kind, kind.as_str(), 1);
        if let Some(id) = speaker {
            add(&mut self.by_speaker, id, 1);
        }
    }

    /// Adds the counts of `other`.
    pub fn merge(&mut self, other: ClaimTally) {
        for (kind, n) in other.by_kind {
            *self.by_kind.entry(kind).or_default() += n;
        }
        for (id, n) in other.by_speaker {
            *self.by_speaker.entry(id).or_default() += n;
        }
    }

    /// The final counts, with speakers named from the corpus graph.
    pub fn finish(self, graph: &Graph) -> ClaimCounts {
        let mut top: Vec<(String, String, u64)> = self
            .by_speaker
            .into_iter()
            .map(|(id, n)| {
                let label = graph
                    .entity(&id)
                    .map_or(id.clone(), |s| s.label.to_string());
                (label, id, n)
            })
            .collect();
        top.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
        top.truncate(TOP_SPEAKERS);
        let mut entities_by_type: BTreeMap<&'static str, u64> =
            EntityType::ALL.iter().map(|t| (t.as_str(), 0)).collect();
        for (_, s) in graph.entities() {
            *entities_by_type.entry(s.kind.as_str()).or_default() += 1;
        }
        ClaimCounts {
            by_kind: self.by_kind,
            entities_by_type,
            top_speakers: top,
        }
    }
}

/// One document's claims as [`ClaimTally`] counts them, gathered on the worker thread that analysed
/// it: claims per kind and per speaker entity, a gazetteer entity by its index (no text copied),
/// one discovered in the document by its id. The writer in corpus order adds them to the run's
/// tally ([`ClaimTally::add_doc`]), one look-up per kind and speaker of the document, with no map
/// of one document built, merged and freed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocTally {
    /// Claims per kind.
    kinds: Vec<(ClaimKind, u64)>,
    /// Claims per speaker entity.
    speakers: Vec<(Speaker, u64)>,
}

/// A claim's speaker entity in a [`DocTally`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Speaker {
    /// The gazetteer entity with this index.
    Known(u32),
    /// An entity discovered in the document, by its id.
    Found(String),
}

impl DocTally {
    /// The claims of `a`, whose gazetteer is `gaz`.
    pub fn of(a: &Analysis, gaz: &Gazetteer) -> DocTally {
        let entities = a.entities(gaz);
        let mut kinds: Vec<ClaimKind> = a.claims.iter().map(|c| c.kind).collect();
        let mut speakers: Vec<Speaker> = a
            .claims
            .iter()
            .filter_map(|c| c.speaker_entity)
            .map(|e| {
                if (e as usize) < gaz.entities.len() {
                    Speaker::Known(e)
                } else {
                    Speaker::Found(entities.get(e).id.clone())
                }
            })
            .collect();
        kinds.sort_unstable();
        speakers.sort_unstable();
        DocTally {
            kinds: counted(kinds),
            speakers: counted(speakers),
        }
    }
}

/// The runs of equal items of sorted `items`, each with its length.
fn counted<T: PartialEq>(items: Vec<T>) -> Vec<(T, u64)> {
    let mut runs: Vec<(T, u64)> = Vec::new();
    for item in items {
        match runs.last_mut() {
            Some((last, n)) if *last == item => *n += 1,
            _ => runs.push((item, 1)),
        }
    }
    runs
}

/// Adds `n` to `key`'s count, copying the key only when it is new.
fn add(counts: &mut BTreeMap<String, u64>, key: &str, n: u64) {
    match counts.get_mut(key) {
        Some(count) => *count += n,
        None => {
            counts.insert(key.to_owned(), n);
        }
    }
}

/// Claims by kind, entities by type and the most frequent resolved speakers of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimCounts {
    /// Claims per kind (`direct`, `mixed` …).
    pub by_kind: BTreeMap<String, u64>,
    /// Entities per type.
    pub entities_by_type: BTreeMap<&'static str, u64>,
    /// (label, id, claims) of the speakers resolved to an entity with the most claims.
    pub top_speakers: Vec<(String, String, u64)>,
}

impl ClaimCounts {
    /// The `--summary` table: documents (`documents`, `warnings`, `skipped` come from the run),
    /// entities by type, claims by kind and top speakers.
    pub fn table(&self, documents: usize, warnings: usize, skipped: usize) -> String {
        let mut out = String::from("documents\n");
        line(&mut out, "total", documents as u64);
        line(&mut out, "with warnings", warnings as u64);
        line(&mut out, "skipped", skipped as u64);
        out.push_str("entities by type\n");
        for (kind, n) in &self.entities_by_type {
            line(&mut out, kind, *n);
        }
        line(&mut out, "total", self.entities_by_type.values().sum());
        out.push_str("claims by kind\n");
        for kind in ["direct", "mixed", "indirect", "declined"] {
            line(&mut out, kind, self.by_kind.get(kind).copied().unwrap_or(0));
        }
        line(&mut out, "total", self.by_kind.values().sum());
        out.push_str("top speakers (resolved to an entity)\n");
        for (label, _, n) in &self.top_speakers {
            line(&mut out, label, *n);
        }
        if self.top_speakers.is_empty() {
            out.push_str("  (none)\n");
        }
        out
    }
}

/// One indented `label  count` row of the summary table.
fn line(out: &mut String, label: &str, n: u64) {
    let _ = writeln!(out, "  {label:<40} {n:>9}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_tally_counts_as_the_document_does() {
        let gaz = crate::gazetteer::tests::sample();
        let text =
            "“Iran will fail,” said John Bolton. Trita Parsi said the talks would go on.\n\n\
                    “We are ready,” Trita Parsi said. Zorblax Quentin said it was over. \
                    Analysts said prices would rise.";
        let d = crate::corpus::Document::from_text("x".into(), "x".into(), text);
        let a = crate::pipeline::analyze(d, &gaz);
        assert!(a.claims.len() >= 4);
        let (mut whole, mut parts) = (ClaimTally::default(), ClaimTally::default());
        for _ in 0..2 {
            whole.add(&a, &gaz);
            parts.add_doc(&DocTally::of(&a, &gaz), &gaz);
        }
        assert_eq!(parts, whole);
        assert!(!whole.by_speaker.is_empty());
    }
}
