//! Corpus-level aggregation: the entity table and weighted edges.
//!
//! Each document produces a small [`Graph`]; graphs merge commutatively, so batches processed on any
//! number of threads combine into the same result. A graph numbers its entities ([`EntityKey`]) in
//! the order it meets them, and keys its edges by those numbers: building a document's graph and
//! merging it into the corpus's (on the serial path of a run) hash and compare an entity's id once
//! per graph, not once per edge and mention. Everything that writes output goes through
//! [`Graph::entities_sorted`] and [`Graph::edges_sorted`], by id, so output never depends on the
//! numbering, on hashing or on thread scheduling.

use crate::dates::{Day, Span};
use crate::entity::{Entity, EntityText, EntityType};
use hashbrown::HashTable;
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::collections::BTreeSet;
use std::hash::BuildHasher;
use std::sync::Arc;

/// Most distinct surface forms kept per entity for the `aliases` column.
pub const MAX_SURFACE_FORMS: usize = 25;
/// Longest example sentence kept for a discovered entity, in characters.
const MAX_EXAMPLE_CHARS: usize = 300;

/// The relation an edge stands for; written to the `kind` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    /// Both entities appear in the same sentence (undirected).
    CoOccurrence,
    /// A speaker made a claim mentioning the target (directed).
    ClaimsAbout,
    /// A person is described as part of an organisation (directed).
    AffiliatedWith,
}

impl EdgeKind {
    /// Every kind, in output order.
    pub const ALL: [EdgeKind; 3] = [
        EdgeKind::CoOccurrence,
        EdgeKind::ClaimsAbout,
        EdgeKind::AffiliatedWith,
    ];

    /// The lowercase name used in CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::CoOccurrence => "co_occurrence",
            EdgeKind::ClaimsAbout => "claims_about",
            EdgeKind::AffiliatedWith => "affiliated_with",
        }
    }

    /// Whether Gephi should treat the edge as directed.
    pub fn directed(self) -> bool {
        !matches!(self, EdgeKind::CoOccurrence)
    }
}

/// Counts for one entity, with what the entity table needs to describe it.
///
/// The descriptive fields (label, type, source, example) are those of the document that mentions
/// the entity first in corpus order, whose ordinal is `first`; the counts and the surface forms
/// merge in any order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityStats {
    /// Canonical label (shared, as are the source and external ids: see [`EntityText`]).
    pub label: Arc<str>,
    /// Person, organisation or place.
    pub kind: EntityType,
    /// `gazetteer:<file>` or `rule:<name>`.
    pub source: Arc<str>,
    /// Identifiers in other datasets, `scheme:value` pairs joined by `|` (see
    /// [`Entity::external_ids`]); empty for discovered entities.
    pub external_ids: Arc<str>,
    /// For discovered entities: the first sentence it was found in (for candidates.csv).
    pub example: Option<String>,
    /// Ordinal (0-based, in corpus order) of the first document that mentions it, relative to the
    /// first document of the graph it is in (see [`Graph::merge`]).
    pub first: u64,
    /// Number of mentions.
    pub mentions: u64,
    /// Number of documents with at least one mention.
    pub documents: u64,
    /// Distinct surface forms seen: the alphabetically first [`MAX_SURFACE_FORMS`].
    pub surface_forms: BTreeSet<String>,
    /// First and last day of the dated documents it was mentioned in (None: no dated document).
    pub seen: Option<Span>,
}

impl EntityStats {
    /// The surface forms other than the label, `|`-joined (the `aliases` column).
    pub fn aliases(&self) -> String {
        let forms: Vec<&str> = self
            .surface_forms
            .iter()
            .map(String::as_str)
            .filter(|f| *f != &*self.label)
            .collect();
        forms.join("|")
    }
}

/// Weight and document count of one edge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EdgeStats {
    /// Sentences (co-occurrence) or claims (claims_about) or appositions (affiliated_with).
    pub weight: u64,
    /// Number of documents contributing.
    pub documents: u64,
    /// First and last day of the dated documents contributing (None: no dated document).
    pub seen: Option<Span>,
}

/// An edge as output reads it: kind, source id, target id (for undirected kinds source < target).
pub type EdgeKey<'a> = (EdgeKind, &'a str, &'a str);

/// An entity's number in one [`Graph`] (given in the order the graph meets the entities; another
/// graph numbers them otherwise, and [`Graph::merge`] maps one numbering onto the other).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityKey(u32);

impl EntityKey {
    /// The key as an index: a graph's keys are `0..`[`Graph::key_count`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Entity and edge aggregates for a set of documents.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    /// Each entity's id, by key.
    ids: Vec<String>,
    /// The keys, found by the hash of their id.
    index: HashTable<EntityKey>,
    /// Each entity's counts, by key; None for an entity that is only the end of an edge, which
    /// no mention of these documents names.
    stats: Vec<Option<EntityStats>>,
    /// How many of `stats` are counts.
    counted: usize,
    /// Per edge: kind and the keys of its ends, an undirected edge's smaller key first.
    edges: FxHashMap<(EdgeKind, EntityKey, EntityKey), EdgeStats>,
}

/// The hash of an entity id in [`Graph::index`].
fn hash(id: &str) -> u64 {
    FxBuildHasher.hash_one(id)
}

impl PartialEq for Graph {
    /// The same entities and edges, with the same counts, however numbered.
    fn eq(&self, other: &Graph) -> bool {
        self.entities_sorted() == other.entities_sorted()
            && self.edges_sorted() == other.edges_sorted()
    }
}

impl Eq for Graph {}

impl Graph {
    /// Room for `n` more entities and edges.
    pub fn reserve(&mut self, n: usize) {
        self.ids.reserve(n);
        self.stats.reserve(n);
        let ids = &self.ids;
        self.index.reserve(n, |k| hash(&ids[k.index()]));
        self.edges.reserve(n);
    }

    /// The key of entity `id`, numbering it if the graph has not met it.
    pub fn key(&mut self, id: &str) -> EntityKey {
        let h = hash(id);
        let ids = &self.ids;
        if let Some(&k) = self.index.find(h, |k| ids[k.index()] == id) {
            return k;
        }
        self.number(id.to_owned(), h)
    }

    /// [`Graph::key`] of an id given as a String, kept if the graph has not met it.
    fn key_owned(&mut self, id: String) -> EntityKey {
        let h = hash(&id);
        let ids = &self.ids;
        if let Some(&k) = self.index.find(h, |k| ids[k.index()] == id) {
            return k;
        }
        self.number(id, h)
    }

    /// Numbers a new entity `id`, whose hash is `h`.
    fn number(&mut self, id: String, h: u64) -> EntityKey {
        let k = EntityKey(u32::try_from(self.ids.len()).expect("fewer than 2^32 entities"));
        self.ids.push(id);
        self.stats.push(None);
        let ids = &self.ids;
        self.index.insert_unique(h, k, |k| hash(&ids[k.index()]));
        k
    }

    /// The key of `id`, if the graph has met it.
    fn find(&self, id: &str) -> Option<EntityKey> {
        self.index
            .find(hash(id), |k| self.ids[k.index()] == id)
            .copied()
    }

    /// Number of keys given: entities, and ends of edges that no mention names.
    pub fn key_count(&self) -> usize {
        self.ids.len()
    }

    /// Number of entities (with counts: rows of the entity table).
    pub fn entity_count(&self) -> usize {
        self.counted
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// The counts of entity `id`, if a mention named it.
    pub fn entity(&self, id: &str) -> Option<&EntityStats> {
        self.stats[self.find(id)?.index()].as_ref()
    }

    /// The edge of `kind` from `source` to `target` (either way round for an undirected kind).
    pub fn edge(&self, kind: EdgeKind, source: &str, target: &str) -> Option<&EdgeStats> {
        let (a, b) = (self.find(source)?, self.find(target)?);
        self.edges.get(&Graph::edge_key(kind, a, b))
    }

    /// The entities with their ids, in no order.
    pub fn entities(&self) -> impl Iterator<Item = (&str, &EntityStats)> {
        self.ids
            .iter()
            .zip(&self.stats)
            .filter_map(|(id, s)| Some((id.as_str(), s.as_ref()?)))
    }

    /// The edges by their ends' ids, in no order.
    pub fn edges(&self) -> impl Iterator<Item = (EdgeKey<'_>, &EdgeStats)> {
        self.edges.iter().map(|(&(kind, a, b), e)| {
            let (s, t) = (self.ids[a.index()].as_str(), self.ids[b.index()].as_str());
            let (s, t) = if !kind.directed() && t < s {
                (t, s)
            } else {
                (s, t)
            };
            ((kind, s, t), e)
        })
    }

    /// The entities in id order, the order of every output.
    pub fn entities_sorted(&self) -> Vec<(&str, &EntityStats)> {
        let mut all: Vec<_> = self.entities().collect();
        all.sort_unstable_by(|a, b| a.0.cmp(b.0));
        all
    }

    /// The edges in (kind, source, target) order, the order of every output.
    pub fn edges_sorted(&self) -> Vec<(EdgeKey<'_>, &EdgeStats)> {
        let mut all: Vec<_> = self.edges().collect();
        all.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        all
    }

    /// Records one mention of `entity` with surface text `surface`, found in `sentence`.
    pub fn add_mention(&mut self, entity: &Entity, surface: &str, sentence: &str) {
        self.add_mention_with(entity, || entity.text(), surface, sentence);
    }

    /// [`Graph::add_mention`], with the entity's [`Entity::text`] given by `text` when the graph
    /// first sees the entity (a gazetteer keeps them: [`Gazetteer::entity_text`]).
    ///
    /// [`Gazetteer::entity_text`]: crate::gazetteer::Gazetteer::entity_text
    pub fn add_mention_with(
        &mut self,
        entity: &Entity,
        text: impl FnOnce() -> EntityText,
        surface: &str,
        sentence: &str,
    ) {
        let key = self.key(&entity.id);
        self.add_mention_at(key, entity, text, surface, sentence);
    }

    /// [`Graph::add_mention_with`] of the entity whose key is `key` ([`Graph::key`] of its id).
    pub fn add_mention_at(
        &mut self,
        key: EntityKey,
        entity: &Entity,
        text: impl FnOnce() -> EntityText,
        surface: &str,
        sentence: &str,
    ) {
        let slot = &mut self.stats[key.index()];
        if slot.is_none() {
            self.counted += 1;
        }
        let stats = slot.get_or_insert_with(|| {
            let EntityText {
                label,
                source,
                external_ids,
            } = text();
            EntityStats {
                label,
                kind: entity.kind,
                source,
                external_ids,
                example: None,
                first: 0,
                mentions: 0,
                documents: 0,
                surface_forms: BTreeSet::new(),
                seen: None,
            }
        });
        if stats.example.is_none() && entity.source.starts_with("rule:") {
            // Cut at a character boundary and copy once, rather than pushing char by char. A
            // sentence of no more bytes than that many characters is whole.
            let end = if sentence.len() <= MAX_EXAMPLE_CHARS {
                sentence.len()
            } else {
                sentence
                    .char_indices()
                    .nth(MAX_EXAMPLE_CHARS)
                    .map_or(sentence.len(), |(i, _)| i)
            };
            stats.example = Some(sentence[..end].to_owned());
        }
        stats.mentions += 1;
        if !stats.surface_forms.contains(surface) {
            stats.surface_forms.insert(surface.to_owned());
            cap_forms(&mut stats.surface_forms);
        }
    }

    /// The key of an edge of `kind` between `a` and `b`: an undirected edge's smaller key first.
    fn edge_key(kind: EdgeKind, a: EntityKey, b: EntityKey) -> (EdgeKind, EntityKey, EntityKey) {
        if !kind.directed() && b < a {
            (kind, b, a)
        } else {
            (kind, a, b)
        }
    }

    /// Adds `weight` to an edge within one document. Call [`Graph::close_document`] once the document is
    /// done so document counts are right.
    pub fn add_edge(&mut self, kind: EdgeKind, source: &str, target: &str, weight: u64) {
        let (a, b) = (self.key(source), self.key(target));
        self.add_edge_between(kind, a, b, weight);
    }

    /// [`Graph::add_edge`] between the entities whose keys are `source` and `target`.
    pub fn add_edge_between(
        &mut self,
        kind: EdgeKind,
        source: EntityKey,
        target: EntityKey,
        weight: u64,
    ) {
        let e = self
            .edges
            .entry(Graph::edge_key(kind, source, target))
            .or_default();
        e.weight += weight;
        e.documents = 1;
    }

    /// Marks every entity and edge of this single-document graph as seen in one document.
    pub fn close_document(&mut self) {
        for s in self.stats.iter_mut().flatten() {
            s.documents = 1;
        }
    }

    /// Dates this single-document graph: every entity and edge was seen on `day`.
    pub fn set_day(&mut self, day: Day) {
        let seen = Some(Span::day(day));
        self.stats.iter_mut().flatten().for_each(|s| s.seen = seen);
        self.edges.values_mut().for_each(|e| e.seen = seen);
    }

    /// Sets the counts of entity `id` (reading a partial result: [`crate::partial`]).
    pub fn insert_entity(&mut self, id: String, stats: EntityStats) {
        let key = self.key_owned(id);
        let slot = &mut self.stats[key.index()];
        if slot.is_none() {
            self.counted += 1;
        }
        *slot = Some(stats);
    }

    /// Sets the counts of an edge (reading a partial result: [`crate::partial`]).
    pub fn insert_edge(&mut self, (kind, source, target): EdgeKey, stats: EdgeStats) {
        let (a, b) = (self.key(source), self.key(target));
        self.edges.insert(Graph::edge_key(kind, a, b), stats);
    }

    /// Adds `other`, a graph of documents whose first is document `offset` of `self`'s (a
    /// document's graph: its ordinal; a partial's: the documents before it), into `self`.
    ///
    /// Counts, spans and surface forms merge commutatively; the descriptive fields come from the
    /// entity's first document, by ordinal, so graphs may be merged in any order.
    pub fn merge(&mut self, other: Graph, offset: u64) {
        // `other`'s keys in `self`'s numbering: each id is hashed once here, edges not at all.
        let keys: Vec<EntityKey> = other.ids.into_iter().map(|id| self.key_owned(id)).collect();
        for (k, o) in keys.iter().zip(other.stats) {
            let Some(mut o) = o else {
                continue;
            };
            o.first += offset;
            let slot = &mut self.stats[k.index()];
            let Some(s) = slot else {
                *slot = Some(o);
                self.counted += 1;
                continue;
            };
            if o.first < s.first {
                s.first = o.first;
                s.label = o.label;
                s.kind = o.kind;
                s.source = o.source;
                s.external_ids = o.external_ids;
                s.example = o.example;
            }
            s.mentions += o.mentions;
            s.documents += o.documents;
            s.seen = Span::union(s.seen, o.seen);
            s.surface_forms.extend(o.surface_forms);
            cap_forms(&mut s.surface_forms);
        }
        for ((kind, a, b), o) in other.edges {
            let key = Graph::edge_key(kind, keys[a.index()], keys[b.index()]);
            let e = self.edges.entry(key).or_default();
            e.weight += o.weight;
            e.documents += o.documents;
            e.seen = Span::union(e.seen, o.seen);
        }
    }
}

/// Keeps the alphabetically first forms, so the kept set does not depend on merge order.
fn cap_forms(forms: &mut BTreeSet<String>) {
    while forms.len() > MAX_SURFACE_FORMS {
        forms.pop_last();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(pairs: &[(&str, &str)]) -> Graph {
        let mut g = Graph::default();
        let entity = |id: &str| Entity {
            id: id.to_owned(),
            name: id.to_owned(),
            kind: EntityType::Place,
            aliases: Vec::new(),
            demonyms: Vec::new(),
            attributes: String::new(),
            source: "test".into(),
        };
        for (a, b) in pairs {
            g.add_mention(&entity(a), a, "");
            g.add_mention(&entity(b), b, "");
            g.add_edge(EdgeKind::CoOccurrence, a, b, 1);
        }
        g.close_document();
        g
    }

    impl Graph {
        /// Shifts every ordinal by `n`, as if the graph's documents came later.
        fn first_at(&mut self, n: u64) {
            self.stats.iter_mut().flatten().for_each(|s| s.first += n);
        }
    }

    #[test]
    fn first_seen_fields_come_from_the_first_document_in_any_merge_order() {
        let named = |label: &str| {
            let mut g = Graph::default();
            let e = Entity {
                id: "person:x".into(),
                name: label.into(),
                kind: EntityType::Person,
                aliases: Vec::new(),
                demonyms: Vec::new(),
                attributes: String::new(),
                source: format!("rule:{label}"),
            };
            g.add_mention(&e, label, label);
            g.close_document();
            g
        };
        let docs = [named("First"), named("Second"), named("Third")];
        let mut forward = Graph::default();
        for (n, g) in docs.iter().enumerate() {
            forward.merge(g.clone(), n as u64);
        }
        let mut backward = Graph::default();
        for (n, g) in docs.iter().enumerate().rev() {
            backward.merge(g.clone(), n as u64);
        }
        assert_eq!(forward, backward);
        let x = forward.entity("person:x").unwrap();
        assert_eq!((&*x.label, &*x.source), ("First", "rule:First"));
        assert_eq!(x.example.as_deref(), Some("First"));
        assert_eq!((x.first, x.mentions, x.documents), (0, 3, 3));
        // A partial of the last two documents, merged after the first: the same graph.
        let mut tail = Graph::default();
        tail.merge(docs[1].clone(), 0);
        tail.merge(docs[2].clone(), 1);
        let mut parts = Graph::default();
        parts.merge(docs[0].clone(), 0);
        parts.merge(tail, 1);
        assert_eq!(parts, forward);
    }

    #[test]
    fn undirected_edges_are_canonical_and_merge_commutes() {
        let a = doc(&[("place:iran", "person:x"), ("person:x", "place:iran")]);
        let b = doc(&[("place:iran", "person:x")]);
        let mut ab = a.clone();
        ab.merge(b.clone(), 1);
        let mut ba = b;
        ba.first_at(1);
        ba.merge(a, 0);
        assert_eq!(ab, ba);
        let e = ab
            .edge(EdgeKind::CoOccurrence, "person:x", "place:iran")
            .unwrap();
        assert_eq!((e.weight, e.documents), (3, 2));
        assert_eq!(
            ab.edge(EdgeKind::CoOccurrence, "place:iran", "person:x"),
            Some(e)
        );
        assert_eq!(
            ab.edges_sorted()[0].0,
            (EdgeKind::CoOccurrence, "person:x", "place:iran")
        );
        assert_eq!(ab.entity("place:iran").unwrap().documents, 2);
        assert_eq!(ab.entity("place:iran").unwrap().mentions, 3);
    }

    #[test]
    fn seen_spans_merge_to_first_and_last_day() {
        let day = |s| crate::dates::Day::find(s).unwrap();
        let (mut a, mut b) = (
            doc(&[("place:iran", "person:x")]),
            doc(&[("place:iran", "person:x")]),
        );
        a.set_day(day("2024-05-01"));
        b.set_day(day("2023-01-09"));
        let undated = doc(&[("place:iran", "place:gaza")]);
        let mut all = a.clone();
        all.merge(undated.clone(), 1);
        all.merge(b.clone(), 2);
        let mut reversed = b;
        reversed.first_at(2);
        reversed.merge(undated, 1);
        reversed.merge(a, 0);
        assert_eq!(all, reversed);
        let seen = all.entity("place:iran").unwrap().seen.unwrap();
        assert_eq!(
            (seen.first, seen.last),
            (day("2023-01-09"), day("2024-05-01"))
        );
        assert_eq!(all.entity("place:gaza").unwrap().seen, None);
    }
}
