//! Room a worker thread keeps from one document to the next.
//!
//! The token table is the largest thing a document's analysis allocates (about five times its
//! text: 24 bytes a token, with the lists of sentences, cue words and name starts). The thread
//! that analysed a document keeps its table, emptied, for the next document it analyses
//! ([`keep_tokens`], from the graph stage, which no longer reads it; [`tokens`], in the token
//! pass), so the token pass fills room already made instead of allocating it and growing it
//! again; likewise the token pass's own lists of paragraphs and sentence ends, and the tables the
//! graph builder uses while it builds a document's graph ([`crate::graph::GraphRoom`]), alias
//! resolution's ([`crate::resolve::ResolveRoom`]) and discovery's
//! ([`crate::discover::DiscoverRoom`]). A table grown for a large document is freed
//! instead of kept when it has room for more than [`KEEP_TOKENS`] entries, so a thread keeps a few
//! MB at most whatever the documents' sizes.
//! Tables that one thread fills and another is done with (a document's rows, formatted on a worker
//! and written by the writer: [`crate::tables::DocRows`]) go round through one shared list instead,
//! a [`Spare`], by the same rules.
//! Nothing kept outlives its document's contents: each list is emptied before it is kept.

use crate::discover::DiscoverRoom;
use crate::graph::GraphRoom;
use crate::resolve::ResolveRoom;
use crate::tokens::Tokens;
use std::cell::Cell;
use std::ops::Range;
use std::sync::Mutex;
use std::thread::LocalKey;

/// Most tokens of room a thread keeps between documents: the room the token pass makes for about
/// 256 KB of text (1.5 MB of tokens, with the other lists about 2 MB).
pub const KEEP_TOKENS: usize = 1 << 16;

thread_local! {
    /// The token table this thread kept from its last document.
    static TOKENS: Cell<Option<Tokens>> = const { Cell::new(None) };
    /// The token pass's list of sentence ends, kept.
    static ENDS: Cell<Vec<usize>> = const { Cell::new(Vec::new()) };
    /// The token pass's list of paragraphs, kept.
    static PARAGRAPHS: Cell<Vec<Range<usize>>> = const { Cell::new(Vec::new()) };
    /// The graph builder's tables this thread kept from its last document.
    static GRAPH: Cell<Option<GraphRoom>> = const { Cell::new(None) };
    /// Alias resolution's tables this thread kept from its last document.
    static RESOLVE: Cell<Option<ResolveRoom>> = const { Cell::new(None) };
    /// Discovery's tables this thread kept from its last document.
    static DISCOVER: Cell<Option<DiscoverRoom>> = const { Cell::new(None) };
}

/// Tables kept between documents ([`Tokens`], [`GraphRoom`], [`ResolveRoom`], [`DiscoverRoom`] by
/// a thread; [`crate::tables::DocRows`] in a [`Spare`]): what keeping needs to empty one and to
/// tell whether it grew too large to keep.
pub trait Kept: Default {
    /// Empties the tables, keeping their room.
    fn clear(&mut self);
    /// The room of the tables, in the measure of their keeper's limit: the entries of the largest
    /// (the bytes of the rows, for [`crate::tables::DocRows`]).
    fn room(&self) -> usize;
}

/// Whether `tables` are to be kept: they have room for `most` at most, and are emptied then.
fn emptied<T: Kept>(tables: &mut T, most: usize) -> bool {
    if tables.room() > most {
        return false;
    }
    tables.clear();
    true
}

/// Emptied tables that go round between threads, in one shared list: at most `kept` of them, each
/// with room for at most `room` ([`Kept::room`]); larger ones are freed.
pub struct Spare<T> {
    list: Mutex<Vec<T>>,
    kept: usize,
    room: usize,
}

impl<T: Kept> Spare<T> {
    /// An empty list that keeps at most `kept` tables of room at most `room`.
    pub const fn new(kept: usize, room: usize) -> Spare<T> {
        Spare {
            list: Mutex::new(Vec::new()),
            kept,
            room,
        }
    }

    /// Empty tables kept here, or new ones.
    pub fn take(&self) -> T {
        let spare = self.list.lock().ok().and_then(|mut list| list.pop());
        spare.unwrap_or_default()
    }

    /// Keeps `tables`, emptied, for a later [`Spare::take`] (unless they are too large or enough
    /// are kept already).
    pub fn keep(&self, mut tables: T) {
        if !emptied(&mut tables, self.room) {
            return;
        }
        if let Ok(mut list) = self.list.lock() {
            if list.len() < self.kept {
                list.push(tables);
            }
        }
    }
}

/// The empty tables this thread kept in `slot`, or new ones.
fn take<T: Kept>(slot: &'static LocalKey<Cell<Option<T>>>) -> T {
    slot.with(Cell::take).unwrap_or_default()
}

/// Keeps `tables`, emptied, in this thread's `slot` for its next document; tables with room for
/// more than [`KEEP_TOKENS`] entries are freed instead.
fn keep<T: Kept>(slot: &'static LocalKey<Cell<Option<T>>>, mut tables: T) {
    if emptied(&mut tables, KEEP_TOKENS) {
        slot.with(|s| s.set(Some(tables)));
    }
}

/// An empty token table: the one this thread kept from its last document, or a new one.
pub fn tokens() -> Tokens {
    take(&TOKENS)
}

/// Keeps `tokens`, emptied, for this thread's next document; a table with room for more than
/// [`KEEP_TOKENS`] tokens is freed instead.
pub fn keep_tokens(tokens: Tokens) {
    keep(&TOKENS, tokens);
}

/// The empty lists of sentence ends and paragraphs this thread kept, or new ones.
pub fn lists() -> (Vec<usize>, Vec<Range<usize>>) {
    (ENDS.with(Cell::take), PARAGRAPHS.with(Cell::take))
}

/// Keeps the lists of sentence ends and paragraphs, emptied, for this thread's next document
/// (unless they grew past the room of [`KEEP_TOKENS`] tokens).
pub fn keep_lists(mut ends: Vec<usize>, mut paragraphs: Vec<Range<usize>>) {
    if ends.capacity() <= KEEP_TOKENS && paragraphs.capacity() <= KEEP_TOKENS {
        ends.clear();
        paragraphs.clear();
        ENDS.with(|e| e.set(ends));
        PARAGRAPHS.with(|p| p.set(paragraphs));
    }
}

/// The empty tables of a document's graph builder this thread kept, or new ones.
pub fn graph_room() -> GraphRoom {
    take(&GRAPH)
}

/// Keeps a graph builder's tables, emptied, for this thread's next document (unless one has room
/// for more than [`KEEP_TOKENS`] entries).
pub fn keep_graph_room(room: GraphRoom) {
    keep(&GRAPH, room);
}

/// The empty tables of alias resolution this thread kept, or new ones.
pub fn resolve_room() -> ResolveRoom {
    take(&RESOLVE)
}

/// Keeps alias resolution's tables, emptied, for this thread's next document (unless one has
/// room for more than [`KEEP_TOKENS`] entries).
pub fn keep_resolve_room(room: ResolveRoom) {
    keep(&RESOLVE, room);
}

/// The empty tables of discovery this thread kept, or new ones.
pub fn discover_room() -> DiscoverRoom {
    take(&DISCOVER)
}

/// Keeps discovery's tables, emptied, for this thread's next document (unless one has room for
/// more than [`KEEP_TOKENS`] entries).
pub fn keep_discover_room(room: DiscoverRoom) {
    keep(&DISCOVER, room);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_table_comes_back_empty_and_a_large_one_is_not_kept() {
        let mut t = tokens();
        t.toks.reserve(100);
        t.name_starts.extend([1, 2, 3]);
        t.sentences.push(0..0);
        keep_tokens(t);
        let t = tokens();
        assert!(t.toks.is_empty() && t.name_starts.is_empty() && t.sentences.is_empty());
        assert!(t.toks.capacity() >= 100, "the room is kept");
        assert_eq!(tokens().toks.capacity(), 0, "taken once");
        let mut big = Tokens::default();
        big.toks.reserve(KEEP_TOKENS + 1);
        keep_tokens(big);
        assert_eq!(tokens().toks.capacity(), 0, "too large to keep");
    }

    #[test]
    fn a_spare_list_keeps_few_small_tables_and_hands_them_back_empty() {
        let spare: Spare<Tokens> = Spare::new(2, 1000);
        let mut big = Tokens::default();
        big.toks.reserve(1001);
        spare.keep(big);
        for _ in 0..3 {
            let mut t = Tokens::default();
            t.toks.reserve(10);
            t.sentences.push(0..0);
            spare.keep(t);
        }
        for _ in 0..2 {
            let t = spare.take();
            assert!(t.toks.is_empty() && t.sentences.is_empty());
            assert!(t.toks.capacity() >= 10, "the room is kept");
        }
        assert_eq!(
            spare.take().toks.capacity(),
            0,
            "two kept, the large one freed"
        );
    }

    #[test]
    fn resolution_tables_are_kept_and_reused() {
        let text = "Trita Parsi spoke. Parsi left.";
        let doc = crate::corpus::Document::from_text("t".into(), "t".into(), text);
        let g = crate::gazetteer::tests::sample();
        let entities = crate::entity::DocEntities {
            known: &g.entities,
            found: &[],
        };
        let found = crate::mentions::find(&doc, &g);
        let once = crate::resolve::resolve(&doc, entities, found.clone());
        assert!(once.len() > 1, "{once:?}");
        let room = resolve_room();
        assert!(room.room() > 0, "resolve kept its tables");
        keep_resolve_room(room);
        // A document resolved in the kept tables gets the same mentions as in new ones.
        assert_eq!(crate::resolve::resolve(&doc, entities, found), once);
    }

    #[test]
    fn discovery_tables_are_kept_and_reused() {
        use crate::discover::tests::found;
        let first = "Mr Abbas said the Ministry of Defence would act .\n";
        let second = "Frater said that Mr Abbas met the Ministry of Trade .\n";
        assert!(!found(first).is_empty());
        let room = discover_room();
        assert!(room.room() > 0, "discovery kept its tables");
        keep_discover_room(room);
        // The second document, discovered in the tables the first left, gets what new tables get.
        let kept = found(second);
        let _ = discover_room();
        assert_eq!(kept, found(second));
        assert!(!kept.is_empty());
    }

    #[test]
    fn graph_room_counts_only_its_per_document_tables() {
        // A node array as large as a big gazetteer is kept: it does not grow with documents.
        let gazetteer = KEEP_TOKENS * 2;
        let room = GraphRoom {
            node_of: vec![u32::MAX; gazetteer + 10],
            known: gazetteer,
            ..GraphRoom::default()
        };
        keep_graph_room(room);
        assert_eq!(graph_room().node_of.len(), gazetteer + 10, "kept");
        // A document's growing table is still caught: its forms ...
        let mut room = GraphRoom {
            node_of: vec![u32::MAX; gazetteer],
            known: gazetteer,
            ..GraphRoom::default()
        };
        room.surfaces.reserve(KEEP_TOKENS + 1);
        keep_graph_room(room);
        assert!(graph_room().node_of.is_empty(), "too large to keep");
        // ... or the node array's entries past the gazetteer, one per discovered entity.
        let room = GraphRoom {
            node_of: vec![u32::MAX; gazetteer + KEEP_TOKENS + 1],
            known: gazetteer,
            ..GraphRoom::default()
        };
        keep_graph_room(room);
        assert!(graph_room().node_of.is_empty(), "too large to keep");
    }

    #[test]
    fn kept_lists_come_back_empty() {
        let (mut ends, mut paragraphs) = lists();
        ends.extend([4, 5]);
        paragraphs.push(1..2);
        keep_lists(ends, paragraphs);
        let (ends, paragraphs) = lists();
        assert!(ends.is_empty() && paragraphs.is_empty());
        assert!(ends.capacity() >= 2 && paragraphs.capacity() >= 1);
    }
}
