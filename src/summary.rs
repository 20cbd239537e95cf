//! `--summary`: a short table of what a run found, printed to stdout at the end.

use crate::claims::ClaimKind;
use crate::entity::EntityType;
use crate::gazetteer::Gazetteer;
use crate::graph::Graph;
use crate::pipeline::Analysis;
use crate::scratch::{Kept, Spare};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write;

/// How many speakers the summary lists.
pub const TOP_SPEAKERS: usize = 10;

/// Claim counts gathered while a run streams. Speakers are counted by entity id only, so memory is
/// bounded by the entity table rather than by the number of distinct speaker phrases.
///
/// A run's documents come in as [`DocTally`]s ([`ClaimTally::add_doc`]), counted by kind and by
/// gazetteer entity index into [`Unsettled`] with no look-up by name; [`ClaimTally::settle`]
/// moves those counts into the maps before the tally is read, merged or stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimTally {
    /// Claims per kind.
    by_kind: BTreeMap<String, u64>,
    /// Claims per speaker entity id.
    by_speaker: BTreeMap<String, u64>,
    /// Counts added by [`ClaimTally::add_doc`] and not yet settled into the maps.
    #[serde(skip)]
    unsettled: Unsettled,
}

/// Counts of [`ClaimTally`] kept until [`ClaimTally::settle`]: per kind (in the order of
/// [`ClaimKind::ALL`]), per gazetteer entity (by index; grown as speakers come) and per
/// discovered entity (by id, hashed: no ordered look-up per document).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Unsettled {
    /// Claims per kind, by the kind's position in [`ClaimKind::ALL`].
    kinds: [u64; ClaimKind::ALL.len()],
    /// Claims per gazetteer entity index.
    known: Vec<u64>,
    /// Claims per discovered entity id.
    found: FxHashMap<String, u64>,
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
    /// The counts wait for [`ClaimTally::settle`]: kinds and gazetteer entities by index,
    /// discovered entities by id in a hash map.
    pub fn add_doc(&mut self, doc: &DocTally, gaz: &Gazetteer) {
        let unsettled = &mut self.unsettled;
        for (count, n) in unsettled.kinds.iter_mut().zip(doc.kinds) {
            *count += u64::from(n);
        }
        if !doc.known.is_empty() && unsettled.known.len() < gaz.entities.len() {
            unsettled.known.resize(gaz.entities.len(), 0);
        }
        for &e in &doc.known {
            unsettled.known[e as usize] += 1;
        }
        for (id, n) in doc.found() {
            match unsettled.found.get_mut(id) {
                Some(count) => *count += n,
                None => {
                    unsettled.found.insert(id.to_owned(), n);
                }
            }
        }
    }

    /// Moves the counts [`ClaimTally::add_doc`] kept by index into the maps, naming each
    /// gazetteer entity from `gaz` (the one the documents were analysed with); to be called
    /// before the tally is finished, merged or stored.
    pub fn settle(&mut self, gaz: &Gazetteer) {
        let Unsettled {
            kinds,
            known,
            found,
        } = std::mem::take(&mut self.unsettled);
        for (kind, n) in ClaimKind::ALL.iter().zip(kinds) {
            if n > 0 {
                add(&mut self.by_kind, kind.as_str(), n);
            }
        }
        for (e, n) in known.into_iter().enumerate() {
            if n > 0 {
                add(&mut self.by_speaker, &gaz.entities[e].id, n);
            }
        }
        for (id, n) in found {
            *self.by_speaker.entry(id).or_default() += n;
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
        debug_assert!(
            self.unsettled == Unsettled::default() && other.unsettled == Unsettled::default(),
            "a tally merged before it is settled"
        );
        for (kind, n) in other.by_kind {
            *self.by_kind.entry(kind).or_default() += n;
        }
        for (id, n) in other.by_speaker {
            *self.by_speaker.entry(id).or_default() += n;
        }
    }

    /// The final counts, with speakers named from the corpus graph.
    pub fn finish(self, graph: &Graph) -> ClaimCounts {
        debug_assert!(
            self.unsettled == Unsettled::default(),
            "a tally finished before it is settled"
        );
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
/// it: claims per kind, each claim's speaker if it is a gazetteer entity (by its index, no text
/// copied), and claims per speaker discovered in the document (by its id). The writer in corpus
/// order adds them to the run's tally ([`ClaimTally::add_doc`]) by index, with no look-up by name
/// but one per discovered speaker.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocTally {
    /// Claims per kind, by the kind's position in [`ClaimKind::ALL`] (a document holds fewer
    /// than 2^32).
    kinds: [u32; ClaimKind::ALL.len()],
    /// The gazetteer entity index of each claim's speaker that is one, in claim order.
    known: Vec<u32>,
    /// Claims per speaker discovered in the document, in order of first claim: where its id ends
    /// in `found_ids`, and its claims.
    found: Vec<(usize, u64)>,
    /// The ids of `found`, one after another (one buffer, not a string per speaker).
    found_ids: String,
}

/// Emptied [`DocTally`]s whose document the run's tally has counted, for later documents
/// ([`DocTally::of`]): made on a worker thread and counted on the writer's, their buffers went
/// round as new allocations each document.
static SPARE_TALLIES: Spare<DocTally> = Spare::new(SPARE_TALLIES_KEPT, crate::scratch::KEEP_TOKENS);

/// Most emptied tallies kept in [`SPARE_TALLIES`] (about the documents in flight).
const SPARE_TALLIES_KEPT: usize = 64;

impl Kept for DocTally {
    /// Empties the tally, keeping its buffers' room.
    fn clear(&mut self) {
        self.kinds = Default::default();
        self.known.clear();
        self.found.clear();
        self.found_ids.clear();
    }

    /// The room of its largest buffer, in entries (bytes for the ids).
    fn room(&self) -> usize {
        self.known
            .capacity()
            .max(self.found.capacity())
            .max(self.found_ids.capacity())
    }
}

impl DocTally {
    /// The claims of `a`, whose gazetteer is `gaz`, in the buffers of a tally counted before if
    /// one was handed back ([`DocTally::recycle`]).
    pub fn of(a: &Analysis, gaz: &Gazetteer) -> DocTally {
        let entities = a.entities(gaz);
        let mut tally = SPARE_TALLIES.take();
        // Each discovered speaker's place in `found` (a look-up among them all at each claim
        // was quadratic in a document of thousands of speakers); no allocation until one comes.
        let mut places: FxHashMap<&str, usize> = FxHashMap::default();
        for c in &a.claims {
            tally.kinds[c.kind as usize] += 1;
            match c.speaker_entity {
                Some(e) if (e as usize) < gaz.entities.len() => tally.known.push(e),
                Some(e) => {
                    let id = entities.get(e).id.as_str();
                    let k = *places.entry(id).or_insert_with(|| {
                        tally.found_ids.push_str(id);
                        tally.found.push((tally.found_ids.len(), 0));
                        tally.found.len() - 1
                    });
                    tally.found[k].1 += 1;
                }
                None => {}
            }
        }
        tally
    }

    /// Claims per speaker discovered in the document, by its id, in order of first claim.
    fn found(&self) -> impl Iterator<Item = (&str, u64)> + '_ {
        let mut start = 0;
        self.found.iter().map(move |&(end, n)| {
            let id = &self.found_ids[start..end];
            start = end;
            (id, n)
        })
    }

    /// Hands the buffers of this counted tally back, emptied, for a later document's
    /// [`DocTally::of`] (unless one has grown beyond [`crate::scratch::KEEP_TOKENS`] entries or
    /// enough are kept already).
    pub fn recycle(self) {
        SPARE_TALLIES.keep(self);
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
            // Counted, then handed back: the second tally may be made in the first's buffers.
            let tally = DocTally::of(&a, &gaz);
            parts.add_doc(&tally, &gaz);
            tally.recycle();
        }
        parts.settle(&gaz);
        assert_eq!(parts, whole);
        assert!(!whole.by_speaker.is_empty());
        for (n, kind) in ClaimKind::ALL.iter().enumerate() {
            assert_eq!(
                *kind as usize, n,
                "{kind:?}: DocTally counts kinds by position"
            );
        }
    }
}
