//! The gazetteer's patterns compiled for an anchored search: which is the longest pattern that
//! starts at a given byte of the text?
//!
//! Entity matching only ever asks that question (at word starts; [`crate::mentions`]), and text
//! in capitals asks it from each byte of a short title-cased copy ([`crate::shouted`]). An
//! Aho-Corasick automaton answers it too, but building one computes a failure transition for
//! every state, which only an unanchored scan uses: for the bundled gazetteers (110,000 patterns)
//! that was two thirds of the program's start-up, about 0.9 billion instructions. A plain trie,
//! built from the sorted patterns in one breadth-first pass, answers the same question with the
//! same walk (one step per byte, ending where no pattern goes on) and costs a tenth of that to
//! build.
//!
//! Layout: the children of a node are consecutive nodes, in byte order, and a node holds its first
//! child, how many it has, the byte that leads to its first child and the pattern that ends at it
//! (one read per step of the walk); `label[c]` is the byte that leads to node `c`, so no array of
//! edge targets is needed. A node with one child (most, deep in a name) compares the byte it holds,
//! one with up to sixteen compares their labels at once. The nodes are numbered depth first, a
//! node's children when the build reaches the node, so a chain of nodes with one child each is a
//! run of consecutive nodes: the walk down a name reads one stretch of memory, not a node in each
//! level of the trie far from the last (the walk waits on memory more than it computes). The nodes
//! two bytes deep are also reached at once through a table indexed by the two bytes
//! (`first << 8 | second`), because the walk is asked from places whose first two bytes are
//! already known to start some pattern; and the nodes five bytes deep, with the patterns shorter
//! than that, are found by one look-up of the text's first five bytes (or fewer) in a hash table,
//! so that entity matching walks on from there instead of through the first levels, whose nodes
//! have the most children ([`PatternTrie::opened`]), and reads the node it finds in the table's
//! slot.

use crate::gazetteer::StartPairs;
use crate::swar::le64_padded;
use crate::text::equal_among_sixteen;
use aho_corasick::Match;

/// No pattern ends at a node; no node for a pair of bytes.
const NONE: u32 = u32::MAX;

/// An anchored longest-match trie over a list of patterns; a pattern's
/// [`aho_corasick::PatternID`] is its index in the list. Empty patterns never match.
#[derive(Debug, Clone)]
pub struct PatternTrie {
    /// Each node: its children and the pattern that ends at it, read together in one step of the
    /// walk.
    nodes: Vec<Node>,
    /// The byte that leads to each node (0 for the root), then sixteen bytes of padding: the
    /// labels of a node's children, compared when it has more than one.
    label: Vec<u8>,
    /// The node two bytes deep for each pair of bytes (`first << 8 | second`), or `NONE`.
    pairs: Box<[u32]>,
    /// The pattern of one byte for each byte, or `NONE`.
    single: Box<[u32; 256]>,
    /// The nodes [`OPENING`] bytes deep and the shorter patterns, found by the bytes they open
    /// with ([`PatternTrie::longest_at_opened`]).
    openings: Openings,
}

/// How deep [`Openings`] reaches into the trie: a walk from a place whose first `OPENING` bytes
/// lead to a node starts at that node.
const OPENING: usize = 5;

/// The trie's nodes [`OPENING`] bytes deep, and its patterns shorter than that, in one
/// open-addressing table keyed by their bytes and their number ([`opening_key`]): an anchored
/// search looks up the text's first `OPENING` bytes and walks on from the node they lead to, or,
/// when they lead to none, looks up its shorter openings, longest first, for a whole pattern. On
/// news text most places a name may start at start none ("The g…" of "The government"), and a walk
/// through the first levels of the trie, whose nodes have the most children, is what a look-up
/// saves.
#[derive(Debug, Clone)]
struct Openings {
    /// The slots; a key of 0 is an empty slot (every key holds its number of bytes, at least 1).
    slots: Box<[Opening]>,
    /// The number of slots less one (a power of two less one).
    mask: usize,
    /// Right shift that maps a hashed key to a slot.
    shift: u32,
    /// For each pair of first bytes (`first << 8 | second`, the second 0 past the text's end),
    /// bit `n` (1 to `OPENING - 1`) set when a pattern of `n` bytes starts with it; a pattern of
    /// one byte sets its bit for every second byte.
    lengths: Box<[u8]>,
}

/// One slot of [`Openings`]. A slot of a node [`OPENING`] bytes deep holds what the walk reads of
/// that node (its first child, their number and the first one's byte), so that the walk on from
/// it reads no node before its child.
#[derive(Debug, Clone, Copy, Default)]
struct Opening {
    /// The [`opening_key`] of the node's bytes (bits 0 to 42), with the length of `pattern` from
    /// bit [`LEN_SHIFT`], and for a node `OPENING` bytes deep its number of children from bit
    /// [`CHILDREN_SHIFT`] and the byte that leads to its first child from bit [`LABEL_SHIFT`].
    key: u64,
    /// The first child of the node the bytes lead to (when they are `OPENING` bytes).
    first_child: u32,
    /// The longest pattern that the bytes start with (ending at the node or above it), or `NONE`.
    pattern: u32,
}

/// The bits of an [`Opening::key`] that are the [`opening_key`].
const KEY_BITS: u64 = (1 << 43) - 1;
/// Where an [`Opening::key`] holds the length of its pattern (three bits: at most [`OPENING`]).
const LEN_SHIFT: u32 = 43;
/// Where an [`Opening::key`] holds its node's number of children (nine bits: at most 256).
const CHILDREN_SHIFT: u32 = 46;
/// Where an [`Opening::key`] holds the byte that leads to its node's first child (eight bits).
const LABEL_SHIFT: u32 = 55;

/// The key of the first `n` bytes of `word` (up to [`OPENING`], the text's bytes in little-endian
/// order): the bytes, and their number above them (bits 40 to 42).
#[inline(always)]
fn opening_key(word: u64, n: usize) -> u64 {
    word & ((1u64 << (8 * n)) - 1) | (n as u64) << 40
}

impl Openings {
    /// The slot where the search for `key` starts.
    #[inline(always)]
    fn slot_of(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// The entry of `key`, if any.
    #[inline(always)]
    fn get(&self, key: u64) -> Option<Opening> {
        let mut k = self.slot_of(key);
        loop {
            let slot = self.slots[k];
            if slot.key & KEY_BITS == key {
                return Some(slot);
            }
            if slot.key == 0 {
                return None;
            }
            k = (k + 1) & self.mask;
        }
    }

    /// Adds `entry` (its key not yet in the table, which has an empty slot).
    fn insert(&mut self, entry: Opening) {
        let mut k = self.slot_of(entry.key & KEY_BITS);
        while self.slots[k].key != 0 {
            k = (k + 1) & self.mask;
        }
        self.slots[k] = entry;
    }
}

/// What the openings of a place say ([`PatternTrie::opened`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    /// No pattern starts there.
    Nothing,
    /// This pattern is the longest that starts there.
    Found(Match),
    /// The place's first [`OPENING`] bytes lead to a node: the walk goes on from it
    /// ([`PatternTrie::walk_on`]).
    Node {
        /// The node, as the walk reads it (the pattern that ends at it is in `longest`).
        node: Node,
        /// The byte after the bytes that lead to it.
        end: usize,
        /// The longest pattern those bytes start with (`u32::MAX` for none), and its end.
        longest: (u32, usize),
    },
}

/// One node of a [`PatternTrie`]: what one step of the walk reads of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Node {
    /// Its first child (the children are consecutive nodes).
    first_child: u32,
    /// The pattern that ends at it, or `NONE`.
    pattern: u32,
    /// How many children it has (at most 256).
    children: u16,
    /// The byte that leads to its first child (0 when it has none): a node with one child
    /// compares it alone, without reading `label`.
    first_label: u8,
}

impl Node {
    /// A node not yet given its children and pattern.
    const BLANK: Node = Node {
        first_child: 0,
        pattern: NONE,
        children: 0,
        first_label: 0,
    };
}

impl PatternTrie {
    /// The trie of `patterns`. Patterns must be distinct (a later copy of a pattern would never be
    /// found); the empty pattern is left out.
    pub fn new<P: AsRef<[u8]>>(patterns: &[P]) -> PatternTrie {
        let bytes = |p: u32| patterns[p as usize].as_ref();
        // Sorted by their first eight bytes read as one number (a shorter pattern padded with
        // zeros), then on a tie by all their bytes: most patterns differ within eight, so most
        // comparisons are one of integers. Where the numbers differ, the bytes differ the same
        // way (a pattern whose padding differs from another's bytes is its prefix).
        let first_eight = |p: u32| {
            let b = bytes(p);
            let mut w = [0u8; 8];
            let n = b.len().min(8);
            w[..n].copy_from_slice(&b[..n]);
            u64::from_be_bytes(w)
        };
        let keyed: Vec<(u64, u32)> = (0..patterns.len() as u32)
            .filter(|&p| !bytes(p).is_empty())
            .map(|p| (first_eight(p), p))
            .collect();
        // Placed first by their first two bytes (a counting sort on the number's top sixteen
        // bits), then each group sorted: the same order as one sort, with a few comparisons
        // in each of many small groups instead of many in one large one.
        let mut starts = vec![0u32; (1 << 16) + 1];
        for &(k, _) in &keyed {
            starts[(k >> 48) as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut placed = vec![(0u64, 0u32); keyed.len()];
        let mut next = starts.clone();
        for &(k, p) in &keyed {
            let slot = &mut next[(k >> 48) as usize];
            placed[*slot as usize] = (k, p);
            *slot += 1;
        }
        for group in starts.windows(2) {
            let group = &mut placed[group[0] as usize..group[1] as usize];
            if group.len() > 1 {
                group.sort_unstable_by(|a, b| {
                    a.0.cmp(&b.0).then_with(|| bytes(a.1).cmp(bytes(b.1)))
                });
            }
        }
        let order: Vec<u32> = placed.into_iter().map(|(_, p)| p).collect();
        debug_assert!(order.windows(2).all(|w| bytes(w[0]) < bytes(w[1])));
        // The patterns' bytes in that order, read without going through `patterns` again.
        let sorted: Vec<&[u8]> = order.iter().map(|&p| bytes(p)).collect();
        // The number of nodes, to make room for them at once: each pattern adds one for each of
        // its bytes past what it shares with the pattern before it.
        let mut count = 1;
        let mut before: &[u8] = &[];
        for &b in &sorted {
            let shared = b.iter().zip(before).take_while(|(x, y)| x == y).count();
            count += b.len() - shared;
            before = b;
        }
        // Depth first, the first child's subtree before the second's, a node's children numbered
        // when it is reached: right after the nodes numbered before, so the only child of a node
        // comes right after the node and its siblings, and a chain of such nodes has consecutive
        // numbers. Each node is the range of `order` that shares its path, and its depth.
        let mut ranges: Vec<(u32, u32, u32)> = Vec::with_capacity(count);
        ranges.push((0, order.len() as u32, 0));
        let mut nodes = vec![Node::BLANK; count];
        // With sixteen bytes of padding at the end.
        let mut label = vec![0u8; count + 16];
        // The nodes numbered but not yet reached, as runs of consecutive siblings, the run of the
        // deepest last, the next node to reach first in its run.
        let mut runs: Vec<(u32, u32)> = vec![(0, 1)];
        while let Some(run) = runs.last_mut() {
            let node = run.0;
            run.0 += 1;
            if run.0 == run.1 {
                runs.pop();
            }
            let (mut lo, hi, depth) = ranges[node as usize];
            // Sorted, so a pattern that ends here comes first in the range.
            let ends_here = lo < hi && sorted[lo as usize].len() == depth as usize;
            let pattern = if ends_here { order[lo as usize] } else { NONE };
            lo += u32::from(ends_here);
            let first_child = ranges.len() as u32;
            let at = |i: u32| sorted[i as usize][depth as usize];
            while lo < hi {
                let b = at(lo);
                let mut end = lo + 1;
                while end < hi && at(end) == b {
                    end += 1;
                }
                label[ranges.len()] = b;
                ranges.push((lo, end, depth + 1));
                lo = end;
            }
            let after = ranges.len() as u32;
            nodes[node as usize] = Node {
                first_child,
                pattern,
                children: (after - first_child) as u16,
                // 0 when there are none: that label is not written yet.
                first_label: label[first_child as usize],
            };
            if after > first_child {
                runs.push((first_child, after));
            }
        }
        debug_assert_eq!(ranges.len(), count);
        let mut trie = PatternTrie {
            nodes,
            label,
            pairs: vec![NONE; 1 << 16].into_boxed_slice(),
            single: Box::new([NONE; 256]),
            openings: Openings {
                slots: Box::new([]),
                mask: 0,
                shift: 0,
                lengths: vec![0u8; 1 << 16].into_boxed_slice(),
            },
        };
        for one in trie.children(0) {
            let first = usize::from(trie.label[one as usize]);
            trie.single[first] = trie.nodes[one as usize].pattern;
            for two in trie.children(one) {
                trie.pairs[first << 8 | usize::from(trie.label[two as usize])] = two;
            }
        }
        trie.openings = trie.openings_table();
        trie
    }

    /// The [`Openings`] of the trie: depth first from the root to [`OPENING`] bytes deep, each
    /// node that deep and each node above it where a pattern ends, with the longest pattern on
    /// its path.
    fn openings_table(&self) -> Openings {
        // (node, depth, its bytes as a little-endian number, longest pattern on the path, its
        // length).
        let mut stack: Vec<(u32, usize, u64, u32, usize)> = vec![(0, 0, 0, NONE, 0)];
        let mut entries = Vec::new();
        let mut lengths = vec![0u8; 1 << 16].into_boxed_slice();
        while let Some((node, depth, word, mut longest, mut len)) = stack.pop() {
            let pattern = self.nodes[node as usize].pattern;
            if depth > 0 && pattern != NONE {
                (longest, len) = (pattern, depth);
            }
            let entry = |n: usize| Opening {
                key: opening_key(word, n) | (len as u64) << LEN_SHIFT,
                first_child: 0,
                pattern: longest,
            };
            if depth == OPENING {
                let n = &self.nodes[node as usize];
                entries.push(Opening {
                    key: entry(depth).key
                        | u64::from(n.children) << CHILDREN_SHIFT
                        | u64::from(n.first_label) << LABEL_SHIFT,
                    first_child: n.first_child,
                    ..entry(depth)
                });
                continue;
            }
            if depth > 0 && pattern != NONE {
                entries.push(entry(depth));
                let first = (word & 0xff) as usize;
                let seconds = if depth == 1 {
                    0..256
                } else {
                    let second = (word >> 8 & 0xff) as usize;
                    second..second + 1
                };
                for second in seconds {
                    lengths[first << 8 | second] |= 1 << depth;
                }
            }
            for child in self.children(node) {
                let b = u64::from(self.label[child as usize]);
                stack.push((child, depth + 1, word | b << (8 * depth), longest, len));
            }
        }
        // At most half the slots full.
        let size = (2 * entries.len()).next_power_of_two().max(16);
        let mut table = Openings {
            slots: vec![Opening::default(); size].into_boxed_slice(),
            mask: size - 1,
            shift: 64 - size.trailing_zeros(),
            lengths,
        };
        for e in entries {
            table.insert(e);
        }
        table
    }

    /// The children of `node`, as node numbers.
    fn children(&self, node: u32) -> std::ops::Range<u32> {
        let n = &self.nodes[node as usize];
        n.first_child..n.first_child + u32::from(n.children)
    }

    /// The child of `node` reached by byte `b`, or `NONE`. Deep in a name most nodes have one
    /// child, whose byte the node holds; the labels of a node with up to sixteen are compared
    /// at once, and those of a node with more (the first letters after "Sa") sixteen at a time
    /// (`label` ends in sixteen bytes of padding, so every load is whole).
    #[inline(always)]
    fn child(&self, node: &Node, b: u8) -> u32 {
        let lo = node.first_child as usize;
        match node.children {
            0 => NONE,
            1 => {
                if node.first_label == b {
                    node.first_child
                } else {
                    NONE
                }
            }
            n @ 2..=16 => {
                let chunk: &[u8; 16] = self.label[lo..lo + 16].try_into().expect("sixteen bytes");
                let hits = equal_among_sixteen(chunk, b) & ((1 << n) - 1);
                if hits == 0 {
                    NONE
                } else {
                    node.first_child + hits.trailing_zeros()
                }
            }
            n => {
                let end = lo + n as usize;
                let mut at = lo;
                while at < end {
                    let chunk: &[u8; 16] =
                        self.label[at..at + 16].try_into().expect("sixteen bytes");
                    let left = end - at;
                    let hits = equal_among_sixteen(chunk, b)
                        & if left < 16 { (1 << left) - 1 } else { !0 };
                    if hits != 0 {
                        return (at + hits.trailing_zeros() as usize) as u32;
                    }
                    at += 16;
                }
                NONE
            }
        }
    }

    /// The longest pattern that `bytes[at..]` starts with, if any (what a leftmost-longest
    /// Aho-Corasick automaton finds in an anchored search from `at`).
    #[inline]
    pub fn longest_at(&self, bytes: &[u8], at: usize) -> Option<Match> {
        let &first = bytes.get(at)?;
        // The pattern of one byte, then the walk from the node of the first two.
        let node = bytes.get(at + 1).map_or(NONE, |&second| {
            self.pairs[usize::from(first) << 8 | usize::from(second)]
        });
        let single = (self.single[usize::from(first)], at + 1);
        if node == NONE {
            let (p, end) = single;
            return (p != NONE).then(|| Match::must(p as usize, at..end));
        }
        self.walk_on(bytes, at, self.nodes[node as usize], at + 2, single)
    }

    /// The longest pattern that `bytes[at..]` starts with, as [`PatternTrie::longest_at`] finds
    /// it, by way of the openings: [`PatternTrie::opened`], then [`PatternTrie::walk_on`].
    pub fn longest_at_opened(&self, bytes: &[u8], at: usize) -> Option<Match> {
        match self.opened(bytes, at) {
            Opened::Nothing => None,
            Opened::Found(m) => Some(m),
            Opened::Node { node, end, longest } => self.walk_on(bytes, at, node, end, longest),
        }
    }

    /// What the openings say of byte `at` of `bytes` (below their length): its first
    /// [`OPENING`] bytes are looked up, and when they lead to no node, its shorter openings that
    /// some pattern has (longest first), each a whole pattern when found.
    #[inline(always)]
    pub fn opened(&self, bytes: &[u8], at: usize) -> Opened {
        let o = &self.openings;
        let rest = bytes.len() - at;
        let word = le64_padded(&bytes[at..]);
        if rest >= OPENING {
            if let Some(e) = o.get(opening_key(word, OPENING)) {
                let len = (e.key >> LEN_SHIFT & 0b111) as usize;
                return Opened::Node {
                    node: Node {
                        first_child: e.first_child,
                        pattern: NONE,
                        children: (e.key >> CHILDREN_SHIFT & 0x1ff) as u16,
                        first_label: (e.key >> LABEL_SHIFT) as u8,
                    },
                    end: at + OPENING,
                    longest: (e.pattern, at + len),
                };
            }
        }
        // Past the text's end the second byte reads as 0 (`word` holds only the text's bytes).
        let pair = (word & 0xff) << 8 | (word >> 8 & 0xff);
        let mut lengths =
            u32::from(o.lengths[pair as usize]) & ((2u32 << rest.min(OPENING - 1)) - 1);
        while lengths != 0 {
            let n = 31 - lengths.leading_zeros() as usize;
            if let Some(e) = o.get(opening_key(word, n)) {
                return Opened::Found(Match::must(e.pattern as usize, at..at + n));
            }
            lengths &= !(1 << n);
        }
        Opened::Nothing
    }

    /// The walk of [`PatternTrie::longest_at`] from byte `at` of `bytes`, gone on from `node`
    /// (as read from the trie or from [`PatternTrie::opened`]), which the bytes before `end` lead
    /// to, with `longest` the longest pattern they start with (pattern, or `u32::MAX` for none,
    /// and its end). Always inlined, as [`crate::gazetteer::Gazetteer::walk_on`] is: a walk is
    /// three steps on average, and a call for it (five arguments on the stack, six registers
    /// saved) cost a quarter of the walk.
    #[inline(always)]
    pub fn walk_on(
        &self,
        bytes: &[u8],
        at: usize,
        mut node: Node,
        mut end: usize,
        mut longest: (u32, usize),
    ) -> Option<Match> {
        loop {
            if node.pattern != NONE {
                longest = (node.pattern, end);
            }
            let Some(&b) = bytes.get(end) else {
                break;
            };
            let child = self.child(&node, b);
            if child == NONE {
                break;
            }
            node = self.nodes[child as usize];
            end += 1;
        }
        let (p, end) = longest;
        (p != NONE).then(|| Match::must(p as usize, at..end))
    }

    /// The pairs of first two bytes some pattern starts with (a pattern of one byte starts every
    /// pair that opens with its byte): the set [`crate::gazetteer::Gazetteer::start_pairs`] lists,
    /// with the patterns shorter than [`OPENING`] bytes and the first `OPENING` bytes of the
    /// others ([`StartPairs::may_open`]), from the openings.
    pub fn start_pairs(&self) -> StartPairs {
        const _: () = assert!(
            OPENING == 5,
            "StartPairs holds five bytes of a long pattern"
        );
        let mut set = StartPairs::NONE;
        for (pair, &lengths) in self.openings.lengths.iter().enumerate() {
            // Patterns of one and two bytes.
            if lengths & 0b110 != 0 {
                set.insert(pair);
            }
        }
        for slot in self.openings.slots.iter() {
            let n = (slot.key >> 40 & 0b111) as usize;
            if n >= 3 {
                set.insert_opening(slot.key, n);
            }
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::XorShift;
    use aho_corasick::automaton::Automaton;
    use aho_corasick::nfa::contiguous::NFA;
    use aho_corasick::{Anchored, Input, MatchKind};

    /// The leftmost-longest match in `bytes[from..]`: the longest pattern starting at the first
    /// byte where one starts.
    fn leftmost_longest(trie: &PatternTrie, bytes: &[u8], from: usize) -> Option<Match> {
        (from..bytes.len()).find_map(|at| trie.longest_at(bytes, at))
    }

    fn reference(patterns: &[&str]) -> NFA {
        NFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns)
            .unwrap()
    }

    /// Compares both searches with a leftmost-longest Aho-Corasick automaton at every place.
    fn agrees(patterns: &[&str], text: &str) {
        let trie = PatternTrie::new(patterns);
        let nfa = reference(patterns);
        let bytes = text.as_bytes();
        for at in 0..=bytes.len() {
            let anchored = Input::new(text)
                .span(at..text.len())
                .anchored(Anchored::Yes);
            let want = nfa.try_find(&anchored).unwrap();
            assert_eq!(
                trie.longest_at(bytes, at),
                want,
                "anchored at {at} of {text:?}"
            );
            if at < bytes.len() {
                assert_eq!(
                    trie.longest_at_opened(bytes, at),
                    want,
                    "by the openings at {at} of {text:?}"
                );
            }
            let unanchored = Input::new(text).span(at..text.len());
            let want = nfa.try_find(&unanchored).unwrap();
            assert_eq!(
                leftmost_longest(&trie, bytes, at),
                want,
                "from {at} of {text:?}"
            );
        }
    }

    #[test]
    fn finds_what_an_aho_corasick_automaton_finds() {
        let patterns = [
            "Iran",
            "Iranian",
            "I",
            "Ir",
            "U.S.",
            "US",
            "USA",
            "New York",
            "New York Times",
            "the New York Times",
            "The New York Times",
            "Tehran",
            "Zürich",
            "Ö",
            "ab",
            "abc",
            "b",
        ];
        for text in [
            "",
            "I",
            "Ir",
            "Iranian leaders in Iran met U.S. and USA envoys; USAF. The New York Times",
            "the New York Time, New York Times, New Yor",
            "Zürich Ö Öl abcabd ab b bc",
        ] {
            agrees(&patterns, text);
        }
    }

    #[test]
    fn random_patterns_and_texts_agree() {
        // Small alphabets so that patterns share prefixes and texts hold many of them.
        let mut rng = XorShift(0x5eed_7123);
        let alphabet = ["a", "b", "c", " ", "é", "A"];
        let word = |rng: &mut XorShift, max: u64| -> String {
            let n = 1 + rng.step() % max;
            (0..n)
                .map(|_| alphabet[(rng.step() % alphabet.len() as u64) as usize])
                .collect()
        };
        for _ in 0..40 {
            let mut patterns: Vec<String> = (0..1 + rng.step() % 60)
                .map(|_| word(&mut rng, 7))
                .collect();
            patterns.sort();
            patterns.dedup();
            // Any order of ids.
            for i in (1..patterns.len()).rev() {
                let j = (rng.step() % (i as u64 + 1)) as usize;
                patterns.swap(i, j);
            }
            let refs: Vec<&str> = patterns.iter().map(String::as_str).collect();
            let trie = PatternTrie::new(&refs);
            let starts = trie.start_pairs();
            for _ in 0..5 {
                let text = word(&mut rng, 40);
                agrees(&refs, &text);
                // The start pairs pass over no place where a pattern starts.
                let bytes = text.as_bytes();
                for at in 0..bytes.len() {
                    if trie.longest_at(bytes, at).is_some() {
                        assert!(starts.may_open_at(bytes, at), "{text:?} at {at}");
                    }
                }
            }
        }
    }

    #[test]
    fn start_pairs_are_the_first_two_bytes_of_the_patterns() {
        let trie = PatternTrie::new(&["ab", "abc", "c", "dé", ""]);
        let set = trie.start_pairs();
        let pair = |a: u8, b: u8| usize::from(a) << 8 | usize::from(b);
        let mut want = vec![pair(b'a', b'b'), pair(b'd', "é".as_bytes()[0])];
        want.extend((0..=255).map(|b| pair(b'c', b)));
        for p in 0..1 << 16 {
            assert_eq!(set.holds(p), want.contains(&p), "pair {p:#06x}");
        }
    }

    #[test]
    fn empty_patterns_never_match_and_ids_are_list_indices() {
        let trie = PatternTrie::new(&["", "ab", "a"]);
        let m = trie.longest_at(b"abc", 0).unwrap();
        assert_eq!((m.pattern().as_usize(), m.range()), (1, 0..2));
        let m = trie.longest_at(b"ax", 0).unwrap();
        assert_eq!((m.pattern().as_usize(), m.range()), (2, 0..1));
        assert_eq!(trie.longest_at(b"x", 0), None);
        assert_eq!(trie.longest_at(b"", 0), None);
        assert_eq!(trie.nodes.len(), 3, "the root and one node a byte");
    }

    #[test]
    fn a_chain_of_only_children_is_consecutive_nodes() {
        let trie = PatternTrie::new(&["Iran", "Iraq", "Idaho"]);
        let path = |word: &str| {
            let mut node = 0;
            let mut path = vec![];
            for &b in word.as_bytes() {
                node = trie.child(&trie.nodes[node as usize], b);
                path.push(node);
            }
            path
        };
        // "I", then its children "Id" and "Ir" in byte order; the chain below "Id" right after
        // them, then the one below "Ir", which ends in the siblings "Iran" and "Iraq".
        assert_eq!(path("Idaho"), [1, 2, 4, 5, 6]);
        assert_eq!(path("Iran"), [1, 3, 7, 8]);
        assert_eq!(path("Iraq"), [1, 3, 7, 9]);
    }

    #[test]
    fn an_opening_with_every_byte_after_it_walks_on() {
        // A node five bytes deep with 256 children (the most an opening's slot holds), and one
        // with a single child.
        let mut patterns: Vec<Vec<u8>> = (0..=255u8)
            .map(|b| [b"abcde", &[b][..], b"x"].concat())
            .collect();
        patterns.push(b"fghijk".to_vec());
        let trie = PatternTrie::new(&patterns);
        for (id, p) in patterns.iter().enumerate() {
            let text = [&p[..], b" "].concat();
            let m = trie.longest_at_opened(&text, 0).expect("found");
            assert_eq!((m.pattern().as_usize(), m.range()), (id, 0..p.len()));
            assert_eq!(trie.longest_at(&text, 0), Some(m));
            assert_eq!(trie.longest_at_opened(&text[..p.len() - 1], 0), None);
        }
        assert_eq!(trie.longest_at_opened(b"fghijx", 0), None);
    }
}
