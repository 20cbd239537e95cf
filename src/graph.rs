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
use crate::entity::{DocEntities, Entity, EntityText, EntityType, RULE_SOURCE};
use crate::gazetteer::Gazetteer;
use hashbrown::HashTable;
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::hash::BuildHasher;
use std::ops::Range;
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

    /// The ends of an edge of this kind as it is stored and written: a directed edge's as given,
    /// an undirected edge's smaller end first.
    pub fn oriented<T: PartialOrd>(self, a: T, b: T) -> (T, T) {
        if !self.directed() && b < a {
            (b, a)
        } else {
            (a, b)
        }
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
    pub surface_forms: SurfaceForms,
    /// First and last day of the dated documents it was mentioned in (None: no dated document).
    pub seen: Option<Span>,
}

impl EntityStats {
    /// Takes the descriptive fields of the earlier document whose ordinal is `first`.
    fn describe(
        &mut self,
        first: u64,
        text: EntityText,
        kind: EntityType,
        example: Option<String>,
    ) {
        self.first = first;
        self.label = text.label;
        self.kind = kind;
        self.source = text.source;
        self.external_ids = text.external_ids;
        self.example = example;
    }

    /// The surface forms other than the label, `|`-joined (the `aliases` column).
    pub fn aliases(&self) -> String {
        self.alias_forms().collect::<Vec<&str>>().join("|")
    }

    /// The surface forms other than the label, in order (the parts of [`EntityStats::aliases`]).
    pub fn alias_forms(&self) -> impl Iterator<Item = &str> {
        self.surface_forms.iter().filter(|f| *f != &*self.label)
    }
}

/// An entity's distinct surface forms: the alphabetically first [`MAX_SURFACE_FORMS`] of those
/// seen, in order. A form met again (most forms of most documents) is found by a scan that
/// compares lengths and only then bytes (most of an entity's forms differ in length), instead of
/// by string orderings down a tree; only a new form is copied.
///
/// The forms lie one after another, each its length ([`push_form_len`]) and its bytes, in the
/// record itself while they fit ([`FormBytes`]): the scan of an entity met again reads the
/// entity's own record, where a block of its own for each form (a `Vec<String>`) had it wait on
/// one cache miss for the list and one more for each form of the length it looks for.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SurfaceForms {
    /// The forms, sorted and distinct, each its length and its bytes.
    bytes: FormBytes,
    /// Number of forms (at most [`MAX_SURFACE_FORMS`]).
    count: u8,
}

/// The most bytes of forms (lengths included) a [`SurfaceForms`] holds in place: one name or a
/// few short ones, as most entities have.
const INLINE_FORM_BYTES: usize = 30;

const _: () = assert!(MAX_SURFACE_FORMS < u8::MAX as usize && INLINE_FORM_BYTES < 256);

/// The bytes of a [`SurfaceForms`]: in place up to [`INLINE_FORM_BYTES`], else in a block of
/// their own.
#[derive(Clone)]
enum FormBytes {
    /// The first `len` bytes of `bytes`.
    Inline {
        len: u8,
        bytes: [u8; INLINE_FORM_BYTES],
    },
    /// More than fit in place (once there, they stay).
    Heap(Vec<u8>),
}

impl Default for FormBytes {
    fn default() -> FormBytes {
        FormBytes::Inline {
            len: 0,
            bytes: [0; INLINE_FORM_BYTES],
        }
    }
}

impl PartialEq for FormBytes {
    fn eq(&self, other: &FormBytes) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for FormBytes {}

impl FormBytes {
    /// The bytes.
    #[inline]
    fn as_slice(&self) -> &[u8] {
        match self {
            FormBytes::Inline { len, bytes } => &bytes[..usize::from(*len)],
            FormBytes::Heap(v) => v,
        }
    }

    /// Puts `entry` at byte `at`, moving the bytes from there on after it.
    fn insert_at(&mut self, at: usize, entry: &[u8]) {
        let total = self.as_slice().len() + entry.len();
        match self {
            FormBytes::Inline { len, bytes } if total <= INLINE_FORM_BYTES => {
                bytes.copy_within(at..usize::from(*len), at + entry.len());
                bytes[at..at + entry.len()].copy_from_slice(entry);
                *len = total as u8;
            }
            _ => {
                let mut v = Vec::with_capacity(total);
                v.extend_from_slice(&self.as_slice()[..at]);
                v.extend_from_slice(entry);
                v.extend_from_slice(&self.as_slice()[at..]);
                *self = FormBytes::Heap(v);
            }
        }
    }

    /// Keeps the first `n` bytes.
    fn truncate(&mut self, n: usize) {
        match self {
            FormBytes::Inline { len, .. } => *len = (*len).min(n as u8),
            FormBytes::Heap(v) => v.truncate(n),
        }
    }
}

/// Appends the length `n` of a form to `bytes`, as [`form_at`] reads it: one byte below 255;
/// else 255 and the length as four bytes, little-endian.
fn push_form_len(bytes: &mut Vec<u8>, n: usize) {
    match u8::try_from(n) {
        Ok(b) if b < u8::MAX => bytes.push(b),
        _ => {
            let n = u32::try_from(n).expect("a surface form under 4 GiB");
            bytes.push(u8::MAX);
            bytes.extend_from_slice(&n.to_le_bytes());
        }
    }
}

/// The bytes of the form whose length [`push_form_len`] wrote at `at`, as a range of `bytes`
/// (the next form's length starts at its end).
#[inline]
fn form_at(bytes: &[u8], at: usize) -> Range<usize> {
    match bytes[at] {
        u8::MAX => {
            let mut n = [0u8; 4];
            n.copy_from_slice(&bytes[at + 1..at + 5]);
            at + 5..at + 5 + u32::from_le_bytes(n) as usize
        }
        b => at + 1..at + 1 + usize::from(b),
    }
}

/// The forms of a run of [`SurfaceForms`] bytes from one form's length byte on: for each form,
/// where its entry starts (its length's byte) and its bytes' range, as [`form_at`] reads them.
struct FormEntries<'a> {
    /// The run of forms.
    bytes: &'a [u8],
    /// Where the next entry starts.
    at: usize,
}

impl<'a> FormEntries<'a> {
    /// The forms of `bytes` from the entry at `at` (a form's length byte, or the end) on.
    #[inline]
    fn new(bytes: &'a [u8], at: usize) -> FormEntries<'a> {
        FormEntries { bytes, at }
    }
}

impl Iterator for FormEntries<'_> {
    /// (Start of the entry, range of the form's bytes.)
    type Item = (usize, Range<usize>);

    #[inline]
    fn next(&mut self) -> Option<(usize, Range<usize>)> {
        if self.at >= self.bytes.len() {
            return None;
        }
        let start = self.at;
        let form = form_at(self.bytes, start);
        self.at = form.end;
        Some((start, form))
    }
}

impl std::fmt::Debug for SurfaceForms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl SurfaceForms {
    /// The forms, in alphabetical order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let bytes = self.bytes.as_slice();
        // Every form was a `&str`, copied whole.
        FormEntries::new(bytes, 0).map(move |(_, form)| {
            std::str::from_utf8(&bytes[form]).expect("a surface form is UTF-8")
        })
    }

    /// Number of forms.
    pub fn len(&self) -> usize {
        usize::from(self.count)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Adds `form` unless it is there or the forms are full of alphabetically earlier ones, so
    /// the kept set does not depend on the order forms come in.
    #[inline]
    pub fn insert(&mut self, form: &str) {
        let form = form.as_bytes();
        let bytes = self.bytes.as_slice();
        if FormEntries::new(bytes, 0).any(|(_, r)| r.len() == form.len() && bytes[r] == *form) {
            return;
        }
        self.insert_new(form);
    }

    /// [`SurfaceForms::insert`] of a form that is not among them.
    #[inline(never)]
    fn insert_new(&mut self, form: &[u8]) {
        // Where the first form after it starts (its length's byte).
        let bytes = self.bytes.as_slice();
        let at = FormEntries::new(bytes, 0)
            .find(|(_, r)| bytes[r.clone()] > *form)
            .map_or(bytes.len(), |(at, _)| at);
        if self.len() >= MAX_SURFACE_FORMS && at == bytes.len() {
            return;
        }
        let mut entry = Vec::with_capacity(form.len() + 5);
        push_form_len(&mut entry, form.len());
        entry.extend_from_slice(form);
        self.bytes.insert_at(at, &entry);
        self.count += 1;
        if self.len() > MAX_SURFACE_FORMS {
            // The last form goes: found from the new one on.
            let bytes = self.bytes.as_slice();
            let (from, _) = FormEntries::new(bytes, at)
                .last()
                .expect("the new form is among them");
            self.bytes.truncate(from);
            self.count -= 1;
        }
    }

    /// Adds the forms of `other`.
    pub fn merge(&mut self, other: SurfaceForms) {
        for form in other.iter() {
            self.insert(form);
        }
    }
}

impl<S: AsRef<str>> FromIterator<S> for SurfaceForms {
    /// The forms of `iter` as [`SurfaceForms::insert`] adds them one by one.
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> SurfaceForms {
        let mut forms = SurfaceForms::default();
        for form in iter {
            forms.insert(form.as_ref());
        }
        forms
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
    /// Per edge: kind and the keys of its ends, an undirected edge's smaller key first, packed
    /// into one integer ([`pack`]: one word to hash and compare per edge merged).
    edges: FxHashMap<u64, EdgeStats>,
    /// The key of each gazetteer entity met through [`Graph::merge_doc`], by its index
    /// ([`NO_KEY`]: not looked up yet), so a document's gazetteer entities are found without
    /// hashing their ids. Empty until the first such document.
    known: Vec<u32>,
    /// [`Graph::merge_doc`]'s key of each node of the document it merges: room kept from one
    /// document to the next (what it holds between them means nothing).
    keys: Vec<EntityKey>,
}

/// An unfilled slot of [`Graph::known`].
const NO_KEY: u32 = u32::MAX;

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
        self.key_hashed(id, hash(id))
    }

    /// [`Graph::key`] of an id whose [`hash`] is `h`.
    fn key_hashed(&mut self, id: &str, h: u64) -> EntityKey {
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
        // An edge packs two keys of 31 bits ([`pack`]).
        assert!(self.ids.len() < 1 << 31, "fewer than 2^31 entities");
        let k = EntityKey(self.ids.len() as u32);
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
        self.edges.iter().map(|(&key, e)| {
            let (kind, a, b) = unpack(key);
            let (s, t) = (self.ids[a as usize].as_str(), self.ids[b as usize].as_str());
            let (s, t) = kind.oriented(s, t);
            ((kind, s, t), e)
        })
    }

    /// The entities in id order, the order of every output.
    pub fn entities_sorted(&self) -> Vec<(&str, &EntityStats)> {
        let mut all: Vec<_> = self.entities().collect();
        all.sort_unstable_by(|a, b| a.0.cmp(b.0));
        all
    }

    /// The edges in (kind, source, target) order, the order of every output. The ids are sorted
    /// once and each edge is sorted by its kind and its ends' places among them, [`pack`]ed into
    /// one integer (the ids are distinct, so the places compare as the ids do), instead of by
    /// comparing ids, which share long prefixes (`organization:`), in every comparison.
    pub fn edges_sorted(&self) -> Vec<(EdgeKey<'_>, &EdgeStats)> {
        let mut by_id: Vec<u32> = (0..self.ids.len() as u32).collect();
        by_id.sort_unstable_by_key(|&k| self.ids[k as usize].as_str());
        let mut place = vec![0u32; self.ids.len()];
        for (n, &k) in by_id.iter().enumerate() {
            place[k as usize] = n as u32;
        }
        let mut all: Vec<(u64, &EdgeStats)> = self
            .edges
            .iter()
            .map(|(&key, e)| {
                let (kind, a, b) = unpack(key);
                let (a, b) = kind.oriented(place[a as usize], place[b as usize]);
                (pack(kind, a, b), e)
            })
            .collect();
        all.sort_unstable_by_key(|&(key, _)| key);
        all.into_iter()
            .map(|(key, e)| {
                let (kind, a, b) = unpack(key);
                let id = |n: u32| self.ids[by_id[n as usize] as usize].as_str();
                ((kind, id(a), id(b)), e)
            })
            .collect()
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
                surface_forms: SurfaceForms::default(),
                seen: None,
            }
        });
        if stats.example.is_none() && entity.source.starts_with(RULE_SOURCE) {
            stats.example = Some(example_of(sentence));
        }
        stats.mentions += 1;
        stats.surface_forms.insert(surface);
    }

    /// The key of an edge of `kind` between `a` and `b`: an undirected edge's smaller key first,
    /// packed ([`pack`]).
    fn edge_key(kind: EdgeKind, a: EntityKey, b: EntityKey) -> u64 {
        let (a, b) = kind.oriented(a, b);
        pack(kind, a.0, b.0)
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
                let text = EntityText {
                    label: o.label,
                    source: o.source,
                    external_ids: o.external_ids,
                };
                s.describe(o.first, text, o.kind, o.example);
            }
            s.mentions += o.mentions;
            s.documents += o.documents;
            s.seen = Span::union(s.seen, o.seen);
            s.surface_forms.merge(o.surface_forms);
        }
        for (key, o) in other.edges {
            let (kind, a, b) = unpack(key);
            let key = Graph::edge_key(kind, keys[a as usize], keys[b as usize]);
            let e = self.edges.entry(key).or_default();
            e.weight += o.weight;
            e.documents += o.documents;
            e.seen = Span::union(e.seen, o.seen);
        }
    }

    /// Adds `doc`, the graph of the document whose ordinal is `offset`, into `self`: the same
    /// result as merging the [`Graph`] of that document. Its gazetteer entities are `gaz`'s (every
    /// document graph merged into one graph must come from the same gazetteer): their keys are
    /// kept by index, and their label, source and external ids come from
    /// [`Gazetteer::entity_text`].
    pub fn merge_doc(&mut self, doc: DocGraph, gaz: &Gazetteer, offset: u64) {
        let seen = doc.day.map(Span::day);
        // The keys of the nodes, in the room the last document's left.
        let mut keys = std::mem::take(&mut self.keys);
        keys.clear();
        keys.reserve(doc.nodes.len());
        let form = |i: u32| {
            let i = i as usize;
            let start = if i == 0 {
                0
            } else {
                doc.form_ends[i - 1] as usize
            };
            &doc.forms[start..doc.form_ends[i] as usize]
        };
        let example = |at: Option<Range<u32>>| {
            at.map(|at| doc.found[at.start as usize..at.end as usize].to_owned())
        };
        for node in &doc.nodes {
            let found = node.found.map(|at| doc.found_text(at));
            let key = match found {
                Some([id, ..]) => self.key_hashed(id, node.id_hash),
                None => self.known_key(node.entity, gaz),
            };
            keys.push(key);
            if node.mentions == 0 {
                continue;
            }
            let text = || match found {
                Some([_, label, source, external_ids]) => EntityText {
                    label: label.into(),
                    source: source.into(),
                    external_ids: external_ids.into(),
                },
                None => gaz
                    .entity_text(node.entity)
                    .cloned()
                    .expect("a document graph's gazetteer entity is the gazetteer's"),
            };
            let slot = &mut self.stats[key.index()];
            let Some(s) = slot else {
                let EntityText {
                    label,
                    source,
                    external_ids,
                } = text();
                let surface_forms = node.forms.clone().map(form).collect();
                *slot = Some(EntityStats {
                    label,
                    kind: node.kind,
                    source,
                    external_ids,
                    example: example(node.example.clone()),
                    first: offset,
                    mentions: node.mentions,
                    documents: 1,
                    surface_forms,
                    seen,
                });
                self.counted += 1;
                continue;
            };
            if offset < s.first {
                s.describe(offset, text(), node.kind, example(node.example.clone()));
            }
            s.mentions += node.mentions;
            s.documents += 1;
            s.seen = Span::union(s.seen, seen);
            for f in node.forms.clone().map(form) {
                s.surface_forms.insert(f);
            }
        }
        for &(kind, a, b, weight) in &doc.edges {
            let key = Graph::edge_key(kind, keys[a as usize], keys[b as usize]);
            let e = self.edges.entry(key).or_default();
            e.weight += weight;
            e.documents += 1;
            e.seen = Span::union(e.seen, seen);
        }
        self.keys = keys;
        doc.recycle();
    }

    /// The key of gazetteer entity `e` of `gaz`, numbering it if the graph has not met it.
    fn known_key(&mut self, e: u32, gaz: &Gazetteer) -> EntityKey {
        if self.known.len() < gaz.entities.len() {
            self.known.resize(gaz.entities.len(), NO_KEY);
        }
        match self.known[e as usize] {
            NO_KEY => {
                let key = self.key(&gaz.entities[e as usize].id);
                self.known[e as usize] = key.0;
                key
            }
            k => EntityKey(k),
        }
    }
}

/// An entity's example: `sentence` cut to [`MAX_EXAMPLE_CHARS`] characters (see [`example_end`]),
/// copied once rather than pushed char by char.
fn example_of(sentence: &str) -> String {
    sentence[..example_end(sentence)].to_owned()
}

/// The byte length of an entity's example taken from `sentence`: the sentence cut to
/// [`MAX_EXAMPLE_CHARS`] characters at a character boundary (a sentence of no more bytes than that
/// many characters is whole, and so many ASCII bytes are as many characters).
fn example_end(sentence: &str) -> usize {
    if sentence.len() <= MAX_EXAMPLE_CHARS {
        sentence.len()
    } else if sentence.as_bytes()[..MAX_EXAMPLE_CHARS].is_ascii() {
        MAX_EXAMPLE_CHARS
    } else {
        sentence
            .char_indices()
            .nth(MAX_EXAMPLE_CHARS)
            .map_or(sentence.len(), |(i, _)| i)
    }
}

/// One document's share of the corpus graph, in the document's own terms: each entity by its
/// index among the document's entities ([`DocEntities`]), with its mention count and distinct
/// surface forms (copied once, into one buffer), and the edges as a sorted list of pairs of those
/// entities. Building it hashes no id; [`Graph::merge_doc`] adds it to the corpus's graph.
#[derive(Debug, Clone, Default)]
pub struct DocGraph {
    /// The entities mentioned or at the end of an edge, in the order the document meets them.
    nodes: Vec<DocNode>,
    /// The distinct surface forms of each node, one after another.
    forms: String,
    /// Where each form of `forms` ends (it starts where the one before ends).
    form_ends: Vec<u32>,
    /// `(kind, node, node, weight)`, sorted and distinct; an undirected edge's smaller node first.
    edges: Vec<(EdgeKind, u32, u32, u64)>,
    /// The document's day, if it has one.
    day: Option<Day>,
    /// The id, label, source and external ids of each entity discovered in the document, one
    /// after another (see [`DocNode::found`]), and their examples ([`DocNode::example`]): one
    /// buffer made on the worker thread, which the corpus graph copies from only for an entity it
    /// has not met.
    found: String,
}

/// Emptied [`DocGraph`]s whose document [`Graph::merge_doc`] has merged, for later documents'
/// [`DocGraphBuilder`]s: a document's graph is made on a worker thread and merged (and was freed)
/// on the writer's, five buffers a document allocated on one side and freed on the other.
static SPARE_GRAPHS: crate::scratch::Spare<DocGraph> =
    crate::scratch::Spare::new(SPARE_GRAPHS_KEPT, crate::scratch::KEEP_TOKENS);

/// Most emptied document graphs kept in [`SPARE_GRAPHS`] (about the documents in flight).
const SPARE_GRAPHS_KEPT: usize = 64;

impl crate::scratch::Kept for DocGraph {
    /// Empties the graph, keeping its buffers' room.
    fn clear(&mut self) {
        let DocGraph {
            nodes,
            forms,
            form_ends,
            edges,
            day,
            found,
        } = self;
        nodes.clear();
        forms.clear();
        form_ends.clear();
        edges.clear();
        *day = None;
        found.clear();
    }

    /// The room of its largest buffer, in entries (bytes for the texts).
    fn room(&self) -> usize {
        [
            self.nodes.capacity(),
            self.forms.capacity(),
            self.form_ends.capacity(),
            self.edges.capacity(),
            self.found.capacity(),
        ]
        .into_iter()
        .max()
        .unwrap_or(0)
    }
}

/// One entity of a [`DocGraph`].
#[derive(Debug, Clone)]
struct DocNode {
    /// Its index among the document's entities.
    entity: u32,
    /// For an entity discovered in the document: where its id, label, source and external ids
    /// start in [`DocGraph::found`], and where the last ends (a gazetteer entity's are the
    /// gazetteer's).
    found: Option<[u32; 5]>,
    /// For an entity discovered in the document, the [`hash`] of its id (made while the document
    /// is analysed, so [`Graph::merge_doc`], which runs in input order, does not hash it); else 0.
    id_hash: u64,
    /// Whether its first mention's sentence is kept as its example (a discovered entity's).
    wants_example: bool,
    /// Its type.
    kind: EntityType,
    /// Its mentions in the document (0: only the end of an edge).
    mentions: u64,
    /// Its surface forms: indices into [`DocGraph::form_ends`].
    forms: Range<u32>,
    /// For a discovered entity: where the sentence of its first mention, cut to
    /// [`MAX_EXAMPLE_CHARS`], is in [`DocGraph::found`].
    example: Option<Range<u32>>,
}

impl DocGraph {
    /// The id, label, source and external ids of a discovered entity, whose node's `found` is
    /// `at`.
    fn found_text(&self, at: [u32; 5]) -> [&str; 4] {
        let part = |k: usize| &self.found[at[k] as usize..at[k + 1] as usize];
        [part(0), part(1), part(2), part(3)]
    }

    /// Number of distinct edges.
    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// Hands the buffers of this merged graph back, emptied, for a later document's
    /// [`DocGraphBuilder`] (unless one has grown beyond [`crate::scratch::KEEP_TOKENS`] entries or
    /// enough are kept already).
    fn recycle(self) {
        SPARE_GRAPHS.keep(self);
    }
}

/// Builds a [`DocGraph`] from a document's mentions and edges.
pub struct DocGraphBuilder<'a> {
    text: &'a str,
    entities: DocEntities<'a>,
    nodes: Vec<DocNode>,
    /// The node of each entity index (`u32::MAX`: not met yet), one entry per entity of
    /// [`DocEntities`]: a dense array instead of a hash map, reset entry by entry in
    /// [`DocGraphBuilder::finish`].
    node_of: Vec<u32>,
    /// Distinct surface forms: byte range in `text` and the node's next form (`u32::MAX`: none).
    surfaces: Vec<(Range<usize>, u32)>,
    /// Each node's first and last form in `surfaces` (`u32::MAX`: none yet).
    chains: Vec<(u32, u32)>,
    /// `(kind, node, node)` once per occurrence, packed into one integer ([`pack`]).
    edges: Vec<u64>,
    /// The node of each mention recorded, in order.
    mention_nodes: Vec<u32>,
    /// [`DocGraphBuilder::link_co_occurrences`]'s tables (see there).
    seen_at: Vec<usize>,
    in_sentence: Vec<u32>,
    /// [`DocGraph::found`].
    found: String,
    /// A merged document's graph handed back ([`SPARE_GRAPHS`]), emptied, whose buffers
    /// [`DocGraphBuilder::finish`] fills (its `nodes` and `found` are the builder's own).
    spare: DocGraph,
}

/// Bytes of example sentence a [`DocGraphBuilder`] makes room for per discovered entity in
/// [`DocGraph::found`] (the buffer grows for longer ones).
const EXAMPLE_ROOM: usize = 160;

/// Entries for discovered entities a [`DocGraphBuilder`]'s node array makes room for beyond a
/// document's own (a document discovers a few dozen at most, as a rule).
const FOUND_ROOM: usize = 256;

/// An edge occurrence as one integer, ordered as `(kind, a, b)` (`a` and `b` under 2^31).
fn pack(kind: EdgeKind, a: u32, b: u32) -> u64 {
    (kind as u64) << 62 | u64::from(a) << 31 | u64::from(b)
}

/// The kind and ends of an edge [`pack`]ed into `packed`.
fn unpack(packed: u64) -> (EdgeKind, u32, u32) {
    (
        EdgeKind::ALL[(packed >> 62) as usize],
        (packed >> 31) as u32 & 0x7fff_ffff,
        packed as u32 & 0x7fff_ffff,
    )
}

impl<'a> DocGraphBuilder<'a> {
    /// A builder for the document whose text is `text` and whose entities are `entities`, with
    /// room for `room` entities.
    pub fn new(text: &'a str, entities: DocEntities<'a>, room: usize) -> DocGraphBuilder<'a> {
        // The builder's own tables are the ones this thread kept from its last document
        // ([`crate::scratch::graph_room`]), emptied.
        let GraphRoom {
            mut node_of,
            mut surfaces,
            mut chains,
            mut edges,
            mention_nodes,
            seen_at,
            in_sentence,
            known: _,
        } = crate::scratch::graph_room();
        // One entry per entity, with room for `FOUND_ROOM` more discovered ones than this
        // document has, so that a later document with a few more seldom grows it; grown
        // exactly, not doubled, as the gazetteer's part is large and never grows.
        let all = entities.known.len() + entities.found.len();
        if node_of.len() < all {
            node_of.reserve_exact(all + FOUND_ROOM - node_of.len());
            node_of.resize(all, u32::MAX);
        }
        surfaces.reserve(room);
        chains.reserve(room);
        // Two edge occurrences per entity of a usual document (a long one's grow past it).
        edges.reserve(2 * room);
        // The id, name and source of each discovered entity are copied once, when the document
        // meets it (its external ids too, which discovered entities seldom have), and its example
        // (room for a sentence of about EXAMPLE_ROOM bytes each).
        let found_room = entities
            .found
            .iter()
            .map(|e| e.id.len() + e.name.len() + e.source.len() + EXAMPLE_ROOM)
            .sum();
        let mut spare = SPARE_GRAPHS.take();
        let mut nodes = std::mem::take(&mut spare.nodes);
        nodes.reserve(room);
        let mut found = std::mem::take(&mut spare.found);
        found.reserve(found_room);
        DocGraphBuilder {
            text,
            entities,
            nodes,
            node_of,
            surfaces,
            chains,
            edges,
            mention_nodes,
            seen_at,
            in_sentence,
            found,
            spare,
        }
    }

    /// Number of nodes so far: nodes are `0..` this.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// The node of entity `e` (its index among the document's entities), made if new.
    #[inline]
    pub fn node(&mut self, e: u32) -> u32 {
        // The lookup is inlined into its callers (it runs once per mention); making a node (once
        // per entity of the document) is a call of its own, so the lookup saves no registers.
        match self.node_of[e as usize] {
            u32::MAX => self.new_node(e),
            n => n,
        }
    }

    /// Makes the node of entity `e`, which has none yet: [`DocGraphBuilder::node`]'s slow path.
    #[inline(never)]
    fn new_node(&mut self, e: u32) -> u32 {
        let n = self.nodes.len() as u32;
        self.node_of[e as usize] = n;
        let entity = self.entities.get(e);
        let found = (e as usize >= self.entities.known.len()).then(|| {
            let mut at = [0; 5];
            at[0] = self.found.len() as u32;
            let external_ids = entity.external_ids();
            for (k, part) in [
                entity.id.as_str(),
                &entity.name,
                &entity.source,
                &external_ids,
            ]
            .into_iter()
            .enumerate()
            {
                self.found.push_str(part);
                at[k + 1] = u32::try_from(self.found.len()).expect("names under 4 GB");
            }
            at
        });
        let id_hash = found.map_or(0, |_| hash(&entity.id));
        self.nodes.push(DocNode {
            entity: e,
            found,
            id_hash,
            wants_example: entity.source.starts_with(RULE_SOURCE),
            kind: entity.kind,
            mentions: 0,
            forms: 0..0,
            example: None,
        });
        self.chains.push((u32::MAX, u32::MAX));
        n
    }

    /// Records a mention of entity `e` at bytes `surface` of the text, in the sentence at bytes
    /// `sentence` of the text (sliced only for a node that keeps its example); returns its node.
    #[inline]
    pub fn mention(&mut self, e: u32, surface: Range<usize>, sentence: Range<usize>) -> u32 {
        let n = self.node(e);
        self.mention_nodes.push(n);
        let node = &mut self.nodes[n as usize];
        if node.wants_example && node.example.is_none() {
            let sentence = &self.text[sentence];
            let from = self.found.len();
            self.found.push_str(&sentence[..example_end(sentence)]);
            let at = |k: usize| u32::try_from(k).expect("names under 4 GB");
            node.example = Some(at(from)..at(self.found.len()));
        }
        node.mentions += 1;
        // A new form of the node, unless one of its forms so far has the same text (compared as
        // bytes: equal bytes are equal text, and the ranges need no test of their ends).
        let bytes = self.text.as_bytes();
        let form = &bytes[surface.clone()];
        let (first, last) = self.chains[n as usize];
        let mut at = first;
        while at != u32::MAX {
            let (range, next) = &self.surfaces[at as usize];
            if &bytes[range.clone()] == form {
                return n;
            }
            at = *next;
        }
        let new = self.surfaces.len() as u32;
        self.surfaces.push((surface, u32::MAX));
        if last == u32::MAX {
            self.chains[n as usize] = (new, new);
        } else {
            self.surfaces[last as usize].1 = new;
            self.chains[n as usize].1 = new;
        }
        n
    }

    /// Adds the co-occurrence edges of the mentions recorded so far, whose sentences are `sent`
    /// (one sentence number per mention, in order; a sentence's mentions together): in each
    /// sentence, its distinct entities in order of first mention, each linked to the next
    /// `window` of them. Returns the number of edges added.
    pub fn link_co_occurrences(&mut self, sent: &[usize], window: usize) -> usize {
        debug_assert_eq!(sent.len(), self.mention_nodes.len());
        // For each node, the first mention of the sentence it was last seen in: the nodes are
        // dense, so telling a sentence's distinct entities takes no hashing.
        self.seen_at.clear();
        self.seen_at.resize(self.nodes.len(), usize::MAX);
        let mut added = 0;
        let mut i = 0;
        while i < sent.len() {
            let mut j = i;
            while j < sent.len() && sent[j] == sent[i] {
                j += 1;
            }
            self.in_sentence.clear();
            for &n in &self.mention_nodes[i..j] {
                if std::mem::replace(&mut self.seen_at[n as usize], i) != i {
                    self.in_sentence.push(n);
                }
            }
            for (k, &a) in self.in_sentence.iter().enumerate() {
                for &b in self.in_sentence.iter().skip(k + 1).take(window) {
                    added += 1;
                    let (a, b) = EdgeKind::CoOccurrence.oriented(a, b);
                    self.edges.push(pack(EdgeKind::CoOccurrence, a, b));
                }
            }
            i = j;
        }
        added
    }

    /// Adds one to the weight of the edge of `kind` between nodes `a` and `b`.
    pub fn edge(&mut self, kind: EdgeKind, a: u32, b: u32) {
        let (a, b) = kind.oriented(a, b);
        self.edges.push(pack(kind, a, b));
    }

    /// The document's graph, dated `day` if it has one.
    pub fn finish(mut self, day: Option<Day>) -> DocGraph {
        let mut forms = std::mem::take(&mut self.spare.forms);
        forms.reserve(self.surfaces.iter().map(|(range, _)| range.len()).sum());
        let mut form_ends = std::mem::take(&mut self.spare.form_ends);
        form_ends.reserve(self.surfaces.len());
        for (node, &(first, _)) in self.nodes.iter_mut().zip(&self.chains) {
            let from = form_ends.len() as u32;
            let mut at = first;
            while at != u32::MAX {
                let (range, next) = &self.surfaces[at as usize];
                forms.push_str(&self.text[range.clone()]);
                form_ends.push(u32::try_from(forms.len()).expect("forms under 4 GB"));
                at = *next;
            }
            node.forms = from..form_ends.len() as u32;
        }
        self.edges.sort_unstable();
        let mut edges = std::mem::take(&mut self.spare.edges);
        edges.reserve(self.edges.len());
        for &packed in &self.edges {
            let (kind, a, b) = unpack(packed);
            match edges.last_mut() {
                Some(last) if (last.0, last.1, last.2) == (kind, a, b) => last.3 += 1,
                _ => edges.push((kind, a, b, 1)),
            }
        }
        for n in &self.nodes {
            self.node_of[n.entity as usize] = u32::MAX;
        }
        crate::scratch::keep_graph_room(GraphRoom {
            node_of: self.node_of,
            surfaces: self.surfaces,
            chains: self.chains,
            edges: self.edges,
            mention_nodes: self.mention_nodes,
            seen_at: self.seen_at,
            in_sentence: self.in_sentence,
            known: self.entities.known.len(),
        });
        DocGraph {
            nodes: self.nodes,
            forms,
            form_ends,
            edges,
            day,
            found: self.found,
        }
    }
}

/// The tables a [`DocGraphBuilder`] uses while it builds and drops when it finishes, which a
/// thread keeps from one document to the next ([`crate::scratch`]).
#[derive(Default)]
pub struct GraphRoom {
    /// [`DocGraphBuilder`]'s node of each entity index, every entry `u32::MAX` (kept that way:
    /// the builder resets the entries it set).
    pub node_of: Vec<u32>,
    /// [`DocGraphBuilder`]'s distinct surface forms.
    pub surfaces: Vec<(Range<usize>, u32)>,
    /// [`DocGraphBuilder`]'s first and last form of each node.
    pub chains: Vec<(u32, u32)>,
    /// [`DocGraphBuilder`]'s edge occurrences.
    pub edges: Vec<u64>,
    /// [`DocGraphBuilder`]'s node of each mention.
    pub mention_nodes: Vec<u32>,
    /// [`DocGraphBuilder::link_co_occurrences`]'s first mention of the sentence each node was
    /// last seen in.
    pub seen_at: Vec<usize>,
    /// [`DocGraphBuilder::link_co_occurrences`]'s distinct nodes of a sentence.
    pub in_sentence: Vec<u32>,
    /// How many of `node_of`'s entries stand for gazetteer entities (the rest for the last
    /// document's discovered ones).
    pub known: usize,
}

impl crate::scratch::Kept for GraphRoom {
    /// Empties the tables, keeping their room.
    fn clear(&mut self) {
        self.surfaces.clear();
        self.chains.clear();
        self.edges.clear();
        self.mention_nodes.clear();
        self.seen_at.clear();
        self.in_sentence.clear();
    }

    /// The room of its largest per-document table, in entries. `node_of`'s entries for the
    /// gazetteer's entities are not counted: there is one per gazetteer entity whatever the
    /// documents (about 4 bytes an entity, once per thread), so they do not grow with a large
    /// document; its entries past them, one per discovered entity of a document, are.
    fn room(&self) -> usize {
        [
            self.node_of.capacity().saturating_sub(self.known),
            self.surfaces.capacity(),
            self.chains.capacity(),
            self.edges.capacity(),
            self.mention_nodes.capacity(),
            self.seen_at.capacity(),
            self.in_sentence.capacity(),
        ]
        .into_iter()
        .max()
        .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the forms were before [`SurfaceForms`]: a sorted set, cut to the first
    /// [`MAX_SURFACE_FORMS`] after each insertion.
    fn forms_by_tree<'a>(forms: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let mut set = std::collections::BTreeSet::new();
        for f in forms {
            set.insert(f.to_owned());
            while set.len() > MAX_SURFACE_FORMS {
                set.pop_last();
            }
        }
        set.into_iter().collect()
    }

    proptest::proptest! {
        #[test]
        fn surface_forms_keep_the_first_distinct_forms_in_any_order(
            forms in proptest::collection::vec("[a-f]{0,3}", 0..80),
            split in 0usize..80,
        ) {
            let kept: SurfaceForms = forms.iter().collect();
            let want = forms_by_tree(forms.iter().map(String::as_str));
            proptest::prop_assert_eq!(kept.iter().collect::<Vec<_>>(), want.clone());
            proptest::prop_assert_eq!(kept.len(), want.len());
            // Merged from two halves, in either order: the same forms.
            let split = split.min(forms.len());
            let (a, b) = forms.split_at(split);
            for (x, y) in [(a, b), (b, a)] {
                let mut merged: SurfaceForms = x.iter().collect();
                merged.merge(y.iter().collect());
                proptest::prop_assert_eq!(&merged, &kept);
            }
        }
    }

    #[test]
    fn surface_forms_of_any_length_are_kept_whole() {
        // Lengths either side of the one-byte length (255 and more take five bytes).
        let forms: Vec<String> = [0, 1, 254, 255, 256, 70_000]
            .iter()
            .map(|&n| "é".repeat(n / 2) + &"a".repeat(n % 2))
            .collect();
        let kept: SurfaceForms = forms.iter().rev().chain(&forms).collect();
        let want = forms_by_tree(forms.iter().map(String::as_str));
        assert_eq!(kept.iter().collect::<Vec<_>>(), want);
        assert_eq!(kept.len(), forms.len());
    }

    #[test]
    fn form_entries_walk_each_entry_once_from_any_entry_start() {
        // Forms of 3, 0 and 300 bytes: entries of 1 + 3, 1 and 5 + 300 bytes.
        let mut bytes = Vec::new();
        for form in ["abc", "", &"x".repeat(300)] {
            push_form_len(&mut bytes, form.len());
            bytes.extend_from_slice(form.as_bytes());
        }
        let all: Vec<_> = FormEntries::new(&bytes, 0).collect();
        assert_eq!(all, [(0, 1..4), (4, 5..5), (5, 10..310)]);
        assert_eq!(bytes.len(), 310);
        // From the second entry on; from the end, none.
        assert_eq!(FormEntries::new(&bytes, 4).collect::<Vec<_>>(), &all[1..]);
        assert_eq!(FormEntries::new(&bytes, 310).next(), None);
        assert_eq!(FormEntries::new(&[], 0).next(), None);
    }

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

    #[test]
    fn an_example_is_cut_at_its_character_limit() {
        let by_chars = |s: &str| s.chars().take(MAX_EXAMPLE_CHARS).collect::<String>();
        let ascii = "word ".repeat(100);
        let accented = format!("{}é{}", "a".repeat(250), "b".repeat(100));
        let late = format!("{}é", "a".repeat(400));
        for s in [
            &ascii,
            &accented,
            &late,
            &"é".repeat(200),
            &"short".to_string(),
        ] {
            assert_eq!(example_of(s), by_chars(s), "{s}");
        }
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
                source: format!("rule:{label}").into(),
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
    fn a_document_graph_merges_as_the_graph_of_its_document() {
        let gaz = crate::gazetteer::tests::sample();
        let found = [Entity {
            id: "person:ann-lee".into(),
            name: "Ann Lee".into(),
            kind: EntityType::Person,
            aliases: Vec::new(),
            demonyms: Vec::new(),
            attributes: String::new(),
            source: "rule:test".into(),
        }];
        let entities = DocEntities {
            known: &gaz.entities,
            found: &found,
        };
        let index = |id: &str| gaz.index_of(id).unwrap();
        let (iran, israel, ann) = (
            index("place:iran"),
            index("place:israel"),
            gaz.entities.len() as u32,
        );
        let text = "Iran and Ann Lee. IRAN, Lee and Iran. Iran again.";
        let sentences = ["Iran and Ann Lee.", "IRAN, Lee and Iran.", "Iran again."]
            .map(|s| text.find(s).map(|at| at..at + s.len()).unwrap());
        let mut at = 0;
        let mentions: Vec<(u32, Range<usize>, Range<usize>)> = [
            (iran, "Iran", 0),
            (ann, "Ann Lee", 0),
            (iran, "IRAN", 1),
            (ann, "Lee", 1),
            (iran, "Iran", 1),
            (iran, "Iran", 2),
        ]
        .into_iter()
        .map(|(e, form, s)| {
            let start = at + text[at..].find(form).unwrap();
            at = start + form.len();
            (e, start..at, sentences[s].clone())
        })
        .collect();
        let day = Day::find("2024-05-01").unwrap();
        // The document's graph as a whole Graph, entity by entity and edge by edge.
        let mut whole = Graph::default();
        for (e, range, sentence) in &mentions {
            let text_of = || {
                gaz.entity_text(*e)
                    .cloned()
                    .unwrap_or_else(|| found[0].text())
            };
            let sentence = &text[sentence.clone()];
            whole.add_mention_with(entities.get(*e), text_of, &text[range.clone()], sentence);
        }
        whole.add_edge(EdgeKind::CoOccurrence, "place:iran", "person:ann-lee", 2);
        whole.add_edge(EdgeKind::ClaimsAbout, "person:ann-lee", "place:iran", 1);
        whole.add_edge(EdgeKind::ClaimsAbout, "person:ann-lee", "place:israel", 1);
        whole.close_document();
        whole.set_day(day);
        let mut builder = DocGraphBuilder::new(text, entities, 2);
        for (e, range, sentence) in &mentions {
            builder.mention(*e, range.clone(), sentence.clone());
        }
        let (i, a, l) = (builder.node(iran), builder.node(ann), builder.node(israel));
        builder.edge(EdgeKind::CoOccurrence, i, a);
        builder.edge(EdgeKind::CoOccurrence, a, i);
        builder.edge(EdgeKind::ClaimsAbout, a, i);
        builder.edge(EdgeKind::ClaimsAbout, a, l);
        let doc = builder.finish(Some(day));
        assert_eq!(doc.edge_count(), 3);
        let mut by_graph = Graph::default();
        let mut by_doc = Graph::default();
        for n in [1, 0, 2] {
            by_graph.merge(whole.clone(), n);
            by_doc.merge_doc(doc.clone(), &gaz, n);
        }
        assert_eq!(by_doc, by_graph);
        let lee = by_doc.entity("person:ann-lee").unwrap();
        assert_eq!((lee.mentions, lee.documents, lee.first), (6, 3, 0));
        assert_eq!(lee.aliases(), "Lee");
        assert_eq!(lee.example.as_deref(), Some("Iran and Ann Lee."));
        assert_eq!(by_doc.entity("place:iran").unwrap().aliases(), "IRAN");
        assert!(by_doc.entity("place:israel").is_none());
    }

    #[test]
    fn a_builder_in_kept_room_numbers_nodes_afresh() {
        let gaz = crate::gazetteer::tests::sample();
        let entities = DocEntities {
            known: &gaz.entities,
            found: &[],
        };
        let text = "Some text.";
        let mut first = DocGraphBuilder::new(text, entities, 2);
        assert_eq!((first.node(2), first.node(0), first.node(2)), (0, 1, 0));
        first.finish(None);
        // The next document on this thread builds in the node array the first one left: the
        // entities the first met are new again, numbered in this document's order.
        let mut second = DocGraphBuilder::new(text, entities, 2);
        assert_eq!((second.node(0), second.node(1), second.node(2)), (0, 1, 2));
        assert_eq!(second.node_count(), 3);
    }

    #[test]
    fn edges_sorted_is_the_order_of_their_keys() {
        let mut g = Graph::default();
        let ids = [
            "place:b",
            "place:a",
            "organization:zz",
            "person:a",
            "place:ab",
            "organization:z",
            "place:",
        ];
        for (n, kind) in EdgeKind::ALL.into_iter().enumerate() {
            for (i, a) in ids.iter().enumerate() {
                for b in &ids[..i] {
                    g.add_edge(kind, a, b, n as u64 + 1);
                    if i % 2 == 0 {
                        g.add_edge(kind, b, a, 1);
                    }
                }
            }
        }
        let mut want: Vec<_> = g.edges().collect();
        want.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(g.edges_sorted(), want);
        assert!(Graph::default().edges_sorted().is_empty());
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
