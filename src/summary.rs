//! `--summary`: a short table of what a run found, printed to stdout at the end.

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
            add(&mut self.by_kind, c.kind.as_str(), 1);
            if let Some(e) = c.speaker_entity {
                add(&mut self.by_speaker, &entities.get(e).id, 1);
            }
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
                let label = graph.entity(&id).map_or(id.clone(), |s| s.label.clone());
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
