//! Loading, validating and compiling gazetteers.
//!
//! The format is documented in `docs/gazetteer-format.md`. Every alias of every entity, with its
//! other accepted capitalisation ([`case_variants`]), goes into one trie searched for the longest
//! pattern at a place ([`PatternTrie`]); the case rules that decide whether a candidate really
//! matches are applied afterwards by the mention matcher, because they depend on the surrounding
//! text.

pub use crate::entity::Entity;
use crate::entity::{entity_id, shared_source, EntityText, EntityType, GAZETTEER_SOURCE};
use crate::pattern_trie::{Node, Opened, PatternTrie};
use crate::swar::{bit, has_byte, le64_padded, set_bit};
use crate::text::AsciiSet;
use crate::threads::Beside;
use aho_corasick::Match;
use rustc_hash::FxHashSet;
use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// The required header line of every gazetteer file.
pub const HEADER: &str = "id\ttype\tname\taliases\tdemonyms\tattributes";

/// The header of a file that also marks ambiguous forms (see `docs/gazetteer-format.md`).
pub const HEADER_AMBIGUOUS: &str = "id\ttype\tname\taliases\tdemonyms\tattributes\tambiguous";

/// How a surface form relates to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AliasKind {
    /// The canonical name itself.
    Name,
    /// A listed alias.
    Alias,
    /// A demonym ("Iranian" for Iran).
    Demonym,
}

/// One pattern compiled into the trie.
#[derive(Debug, Clone)]
pub struct Alias {
    /// Index of the entity in [`Gazetteer::entities`].
    pub entity: u32,
    /// Name, alias or demonym.
    pub kind: AliasKind,
    /// Acronyms and very short forms must match with exactly this capitalisation.
    pub case_sensitive: bool,
    /// The surface form as written in the gazetteer.
    pub text: String,
    /// Listed in the `ambiguous` column: a common word or first name ("Jordan", "Chad") that counts
    /// only with a stronger signal in the same document.
    pub ambiguous: bool,
}

/// What entity matching reads after a match ([`Gazetteer::matched`]): the facts of the pattern's
/// alias and of its entity that decide whether the match is a mention, one record of eight bytes
/// per pattern. Reading them from the [`Alias`] took a read of the pattern's alias number, of the
/// alias, of its text and of its entity, each far from the last in memory (each a cache miss on
/// news text, about a sixth of entity matching's time); this is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Matched {
    /// [`Alias::entity`].
    pub entity: u32,
    /// [`Alias::kind`].
    pub kind: AliasKind,
    /// The [`Entity::kind`] of the alias's entity.
    pub entity_kind: EntityType,
    /// [`Matched::CASE_SENSITIVE`], [`Matched::AMBIGUOUS`] and [`Matched::SINGLE_WORD`].
    flags: u8,
}

const _: () = assert!(
    std::mem::size_of::<Matched>() == 8,
    "one record, eight bytes"
);

impl Matched {
    /// Flag: [`Alias::case_sensitive`].
    const CASE_SENSITIVE: u8 = 1;
    /// Flag: [`Alias::ambiguous`].
    const AMBIGUOUS: u8 = 2;
    /// Flag: the alias's text is one word (holds no space).
    const SINGLE_WORD: u8 = 4;

    /// The record of `alias`, whose entity is of type `entity_kind`.
    fn of(alias: &Alias, entity_kind: EntityType) -> Matched {
        let flag = |on: bool, f: u8| if on { f } else { 0 };
        Matched {
            entity: alias.entity,
            kind: alias.kind,
            entity_kind,
            flags: flag(alias.case_sensitive, Matched::CASE_SENSITIVE)
                | flag(alias.ambiguous, Matched::AMBIGUOUS)
                // Eight bytes at a time (a call to `memchr` for each of the 110,000 bundled
                // aliases cost more).
                | flag(
                    alias.text.as_bytes().chunks(8).all(|c| has_byte(le64_padded(c), b' ') == 0),
                    Matched::SINGLE_WORD,
                ),
        }
    }

    /// [`Alias::case_sensitive`]: the alias matches only with its exact capitalisation.
    #[inline]
    pub fn case_sensitive(self) -> bool {
        self.flags & Matched::CASE_SENSITIVE != 0
    }

    /// [`Alias::ambiguous`]: the alias counts only with a stronger signal in the same document.
    #[inline]
    pub fn ambiguous(self) -> bool {
        self.flags & Matched::AMBIGUOUS != 0
    }

    /// Whether the alias's text is one word (holds no space).
    #[inline]
    pub fn single_word(self) -> bool {
        self.flags & Matched::SINGLE_WORD != 0
    }
}

/// A location in a gazetteer file, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// File path as given to the loader (shared: every row of a file points at the same path).
    pub file: Arc<Path>,
    /// 1-based line number; 0 for a problem with the whole file or folder.
    pub line: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 => write!(f, "{}", self.file.display()),
            line => write!(f, "{}:{line}", self.file.display()),
        }
    }
}

/// Everything wrong with a gazetteer, each problem with its file and line.
#[derive(Debug, Clone)]
pub struct GazetteerError {
    /// `(location, message)` pairs in file order.
    pub problems: Vec<(Location, String)>,
}

impl fmt::Display for GazetteerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "invalid gazetteer ({} problem(s)):", self.problems.len())?;
        for (loc, msg) in &self.problems {
            writeln!(f, "  {loc}: {msg}")?;
        }
        Ok(())
    }
}

impl std::error::Error for GazetteerError {}

/// The error for gazetteer file `path` that is not UTF-8 (`e`): its line, and the byte in that
/// line (from 0, as in a document's warning) where the first invalid sequence starts. (`read_to_string` said only "stream did
/// not contain valid UTF-8", at line 0 of the folder.)
fn not_utf8(path: &Path, e: &std::string::FromUtf8Error) -> GazetteerError {
    let before = &e.as_bytes()[..e.utf8_error().valid_up_to()];
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let location = Location {
        file: Arc::from(path),
        line: 1 + memchr::memchr_iter(b'\n', before).count(),
    };
    let message = format!(
        "invalid UTF-8 at byte {} of the line (gazetteer files are UTF-8)",
        before.len() - line_start
    );
    GazetteerError {
        problems: vec![(location, message)],
    }
}

/// A set of pairs of first two bytes (`first << 8 | second`), one bit each: the pairs some pattern
/// starts with ([`Gazetteer::start_pairs`]). Past the text's end the second byte reads as 0, which
/// only a pattern of one byte sets (it sets every pair it starts).
///
/// It also tells most places whose pair it holds but where no pattern starts, for the token pass
/// to leave out of [`crate::tokens::Tokens::name_starts`] ([`StartPairs::may_open`]): the pairs
/// that start a pattern of one or two bytes, and, hashed to one bit each, the patterns of three
/// and four bytes and the first five bytes of the longer ones. On news text most places whose
/// pair starts a pattern start none ("The g…" of "The government", "the c…"), and these tell
/// nearly all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartPairs {
    /// The pairs some pattern starts with.
    pairs: [u64; 1 << 10],
    /// The pairs that are a pattern of two bytes or start with one of one byte.
    short: [u64; 1 << 10],
    /// The pairs that start a pattern of three or four bytes: only a place whose pair is one
    /// looks its first three and four bytes up in [`StartPairs::few`].
    few_pairs: [u64; 1 << 10],
    /// The patterns of three and four bytes, one bit each by [`key_bit`] with [`FEW_BITS`].
    few: [u64; 1 << (FEW_BITS - 6)],
    /// The first five bytes of the longer patterns, one bit each by [`key_bit`] with
    /// [`FIVE_BITS`].
    fives: [u64; 1 << (FIVE_BITS - 6)],
}

/// The bits of [`StartPairs::few`], as a power of two: 2^16 for about 1,600 patterns of three and
/// four bytes in the bundled gazetteers.
const FEW_BITS: u32 = 16;

/// The bits of [`StartPairs::fives`], as a power of two: 2^19 for about 43,000 five-byte
/// openings in the bundled gazetteers, so that about one bit in twelve is set.
const FIVE_BITS: u32 = 19;

/// The bit among 2^`bits` of the first `n` bytes of `word` (little-endian). (A pattern has no
/// zero byte, so the keys of three and four bytes that share [`StartPairs::few`] differ.)
#[inline(always)]
fn key_bit(word: u64, n: usize, bits: u32) -> usize {
    ((word & (u64::MAX >> (64 - 8 * n))).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits))
        as usize
}

/// The bit of the pair `first << 8 | second` in the sets of pairs: its two bytes in text order
/// read as a little-endian integer (`second << 8 | first`), as the first two bytes of a place
/// read from the text are ([`slot_of`]), so that [`StartPairs::may_open`] takes them as they are.
#[inline(always)]
fn slot(pair: usize) -> usize {
    pair >> 8 | (pair & 0xff) << 8
}

/// The bit ([`slot`]) of the pair of the first two bytes of `word` (little-endian).
#[inline(always)]
fn slot_of(word: u64) -> usize {
    (word & 0xffff) as usize
}

impl StartPairs {
    /// The set of no pair.
    pub const NONE: StartPairs = StartPairs {
        pairs: [0; 1 << 10],
        short: [0; 1 << 10],
        few_pairs: [0; 1 << 10],
        few: [0; 1 << (FEW_BITS - 6)],
        fives: [0; 1 << (FIVE_BITS - 6)],
    };

    /// The pair of the bytes at `at` and `at + 1` of `bytes` (0 for the second past the end).
    #[inline(always)]
    pub fn pair_at(bytes: &[u8], at: usize) -> usize {
        usize::from(bytes[at]) << 8 | bytes.get(at + 1).map_or(0, |&b| usize::from(b))
    }

    /// Adds `pair` (below 2^16) to the set, as the pair of a pattern of two bytes (or one of one
    /// byte and the byte after it): [`StartPairs::may_open`] holds every place it starts.
    pub fn insert(&mut self, pair: usize) {
        set_bit(&mut self.pairs, slot(pair));
        set_bit(&mut self.short, slot(pair));
    }

    /// Adds a pattern of `n` bytes (three, four, or five for the first five of a longer one), the
    /// first `n` of `word` (little-endian).
    pub fn insert_opening(&mut self, word: u64, n: usize) {
        set_bit(&mut self.pairs, slot_of(word));
        match n {
            3 | 4 => {
                set_bit(&mut self.few_pairs, slot_of(word));
                set_bit(&mut self.few, key_bit(word, n, FEW_BITS));
            }
            _ => set_bit(&mut self.fives, key_bit(word, 5, FIVE_BITS)),
        }
    }

    /// Whether the set holds `pair` (below 2^16).
    #[inline(always)]
    pub fn holds(&self, pair: usize) -> bool {
        bit(&self.pairs, slot(pair))
    }

    /// Whether the set holds the pair at `at` of `bytes` ([`StartPairs::pair_at`]).
    #[inline(always)]
    pub fn holds_at(&self, bytes: &[u8], at: usize) -> bool {
        let second = bytes.get(at + 1).map_or(0, |&b| usize::from(b));
        bit(&self.pairs, usize::from(bytes[at]) | second << 8)
    }

    /// Whether a pattern may start at a place whose first eight bytes are `word` (little-endian,
    /// 0 past the text's end): the set holds its pair, and its pair is a pattern (or starts
    /// with one), or its first five bytes are those of a long pattern, or its first three or
    /// four a pattern (or share its bit).
    /// False only where no pattern starts.
    #[inline(always)]
    pub fn may_open(&self, word: u64) -> bool {
        let pair = slot_of(word);
        bit(&self.pairs, pair)
            && (bit(&self.short, pair)
                || bit(&self.fives, key_bit(word, 5, FIVE_BITS))
                || bit(&self.few_pairs, pair)
                    && (bit(&self.few, key_bit(word, 3, FEW_BITS))
                        || bit(&self.few, key_bit(word, 4, FEW_BITS))))
    }

    /// [`StartPairs::may_open`] at byte `at` of `bytes`.
    #[inline(always)]
    pub fn may_open_at(&self, bytes: &[u8], at: usize) -> bool {
        self.may_open(crate::swar::le64_padded(&bytes[at..]))
    }

    /// Whether some pair of the set opens with byte `first` (its 256 pairs are bit `first % 64` of
    /// every fourth word from word `first / 64`: [`slot`]).
    fn opens_with(&self, first: u8) -> bool {
        (0..256).any(|second| bit(&self.pairs, usize::from(first) | second << 8))
    }
}

/// A validated gazetteer compiled into one trie.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    /// All entities, in file-name then line order.
    pub entities: Vec<Entity>,
    /// All surface forms; [`Gazetteer::alias_of`] maps a match's pattern to one of them.
    pub aliases: Vec<Alias>,
    /// The patterns: the aliases as written, then their capitalisation variants.
    trie: PatternTrie,
    /// The pairs of bytes a pattern starts with, one bit each (`first << 8 | second`); a pattern of
    /// one byte sets every pair it starts.
    starts: Box<StartPairs>,
    /// Whether some pattern starts with a space ([`Gazetteer::start_pairs`]).
    space_first: bool,
    /// The ASCII bytes some pattern starts with ([`Gazetteer::first_bytes`]).
    first_bytes: AsciiSet,
    /// Alias index of each pattern (forms as written, then capitalisation variants).
    pattern_alias: Vec<u32>,
    /// What entity matching reads of each pattern's alias and entity ([`Gazetteer::matched`]).
    matched: Vec<Matched>,
    /// Each id's entity (and the row that declared it, kept from the build).
    by_id: StrMap<(u32, Place)>,
    /// Lowercase words inside names ("of", "and", "upon", "al" of "al-Assad").
    lowercase_words: FxHashSet<String>,
    /// Each entity's [`Entity::text`], made the first time a document mentions it.
    texts: Vec<OnceLock<EntityText>>,
}

/// The other capitalisation in which a case-insensitive alias is accepted: a flipped first letter
/// for forms that start lowercase ("al-Qaeda" at a sentence start) or with "The" ("the New York
/// Times"). Text in capitals is matched through a title-cased copy instead (see [`crate::shouted`]).
///
/// Matching variants as separate exact patterns, rather than matching case-insensitively, keeps the
/// trie small and fast to build, and spares the matcher a flood of candidates like "us" for "US".
pub fn case_variants(alias: &str) -> impl Iterator<Item = String> {
    let mut chars = alias.chars();
    let flip: Option<String> = chars.next().and_then(|first| {
        if first.is_lowercase() {
            Some(first.to_uppercase().collect())
        } else if alias.starts_with("The ") {
            Some(first.to_lowercase().collect())
        } else {
            None
        }
    });
    flip.map(|f| f + chars.as_str()).into_iter()
}

/// True when a surface form must match with its exact capitalisation: acronyms ("IAEA", "U.S.") and
/// forms of three characters or fewer ("UN", "Ali").
pub fn is_case_sensitive(alias: &str) -> bool {
    if alias.is_ascii() {
        return alias.len() <= 3 || !alias.bytes().any(|b| b.is_ascii_lowercase());
    }
    alias.chars().count() <= 3 || !alias.chars().any(char::is_lowercase)
}

impl Gazetteer {
    /// Loads every `*.tsv` file in `dir` (sorted by name, skipping names starting with `_` or `.`).
    pub fn load_dir(dir: &Path) -> Result<Gazetteer, GazetteerError> {
        Gazetteer::load_dir_on(dir, 1)
    }

    /// [`Gazetteer::load_dir`] on `threads` threads ([`Gazetteer::from_sources_on`]).
    pub fn load_dir_on(dir: &Path, threads: usize) -> Result<Gazetteer, GazetteerError> {
        let io_problem = |msg: String| GazetteerError {
            problems: vec![(
                Location {
                    file: Arc::from(dir),
                    line: 0,
                },
                msg,
            )],
        };
        let entries = std::fs::read_dir(dir).map_err(|e| {
            io_problem(format!(
                "cannot read gazetteer folder: {e} (pass --gazetteers DIR)"
            ))
        })?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                p.extension().is_some_and(|x| x == "tsv")
                    && !name.starts_with('_')
                    && !name.starts_with('.')
            })
            .collect();
        paths.sort();
        if paths.is_empty() {
            return Err(io_problem("no .tsv files in gazetteer folder".into()));
        }
        let mut sources = Vec::with_capacity(paths.len());
        for p in paths {
            let bytes = std::fs::read(&p)
                .map_err(|e| io_problem(format!("cannot read {}: {e}", p.display())))?;
            let text = String::from_utf8(bytes).map_err(|e| not_utf8(&p, &e))?;
            sources.push((p, text));
        }
        Gazetteer::from_sources_on(&sources, threads)
    }

    /// Builds a gazetteer from `(path, contents)` pairs; the paths are only used in messages and in
    /// each entity's `source`.
    pub fn from_sources(sources: &[(PathBuf, String)]) -> Result<Gazetteer, GazetteerError> {
        Gazetteer::from_sources_on(sources, 1)
    }

    /// [`Gazetteer::from_sources`] on `threads` threads: with more than one, the ids and the
    /// lowercase words inside names are worked out beside the trie. The same gazetteer either way.
    pub fn from_sources_on(
        sources: &[(PathBuf, String)],
        threads: usize,
    ) -> Result<Gazetteer, GazetteerError> {
        let mut b = Builder::default();
        for (path, text) in sources {
            b.add_file(path, text);
        }
        b.finish(threads > 1)
    }

    /// The leftmost-longest match in `text[from..]`: the longest pattern starting at the first
    /// place where one starts.
    pub fn leftmost_longest(&self, text: &str, from: usize) -> Option<Match> {
        (from..text.len()).find_map(|at| self.longest_at(text, at))
    }

    /// Every leftmost-longest match in `text`, in order and none overlapping: what the patterns
    /// alone find, with no rule applied (the raw scan `claimgraph bench` measures).
    pub fn scan<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Match> + 'a {
        let mut from = 0;
        std::iter::from_fn(move || {
            let m = self.leftmost_longest(text, from)?;
            from = m.end();
            Some(m)
        })
    }

    /// The longest pattern starting at byte `at` of `text` (an anchored leftmost-longest search), if
    /// any. Most places start no pattern: their first two bytes are tested against the pairs that
    /// start one, then their first five are looked up among the trie's openings
    /// ([`PatternTrie::opened`]), before the trie is walked on from the node they lead to.
    #[inline(always)]
    pub fn longest_at(&self, text: &str, at: usize) -> Option<Match> {
        if !self.starts.holds_at(text.as_bytes(), at) {
            return None;
        }
        self.longest_at_listed(text, at)
    }

    /// [`Gazetteer::longest_at`] at a place whose first two bytes [`Gazetteer::start_pairs`] is
    /// known to hold (a place of [`crate::tokens::Tokens::name_starts`]): the test of the pair is
    /// left out.
    #[inline(always)]
    pub fn longest_at_listed(&self, text: &str, at: usize) -> Option<Match> {
        let bytes = text.as_bytes();
        debug_assert!(self.starts.holds_at(bytes, at));
        match self.trie.opened(bytes, at) {
            Opened::Nothing => None,
            Opened::Found(m) => Some(m),
            Opened::Node { node, end, longest } => self.walk_on(bytes, at, node, end, longest),
        }
    }

    /// The trie walked on from `node` ([`PatternTrie::walk_on`]) until no pattern goes on: the
    /// longest pattern starting at `at`. Inlined into entity matching's loop over the places a name
    /// may start, most of which walk on (28,322 of 36,479 on the 2 MB sample).
    #[inline(always)]
    fn walk_on(
        &self,
        bytes: &[u8],
        at: usize,
        node: Node,
        end: usize,
        longest: (u32, usize),
    ) -> Option<Match> {
        self.trie.walk_on(bytes, at, node, end, longest)
    }

    /// The pairs of bytes a pattern starts with (`first << 8 | second`, one bit each; a pattern of
    /// one byte sets every pair it starts), for the token pass to list the places where a name may
    /// start ([`crate::tokens::Tokens::name_starts`]): every such place is a word start inside a
    /// token, unless some pattern starts with a space, when this is None and matching scans the
    /// text itself.
    pub fn start_pairs(&self) -> Option<&StartPairs> {
        (!self.space_first).then_some(&*self.starts)
    }

    /// The ASCII bytes some pattern starts with: a place whose first byte is another ASCII byte
    /// starts no pattern (the first half of [`Gazetteer::longest_at`]'s test of the first two
    /// bytes), so a scan may pass over it without asking.
    pub fn first_bytes(&self) -> &AsciiSet {
        &self.first_bytes
    }

    /// The alias a match stands for.
    pub fn alias_of(&self, pattern: aho_corasick::PatternID) -> &Alias {
        &self.aliases[self.pattern_alias[pattern.as_usize()] as usize]
    }

    /// What entity matching reads of the alias a match stands for and of its entity, in one
    /// record ([`Matched`]).
    #[inline]
    pub fn matched(&self, pattern: aho_corasick::PatternID) -> Matched {
        self.matched[pattern.as_usize()]
    }

    /// Number of patterns in the trie (aliases plus capitalisation variants).
    pub fn pattern_count(&self) -> usize {
        self.pattern_alias.len()
    }

    /// Whether names in the gazetteer hold `word` in lower case after their first word ("Bosnia
    /// and Herzegovina", "Newcastle upon Tyne", "Bashar al-Assad"); such a word stays lower case
    /// when a run of capitals is title-cased.
    pub fn keeps_lowercase(&self, word: &str) -> bool {
        self.lowercase_words.contains(word)
    }

    /// Looks up an entity index by id.
    pub fn index_of(&self, id: &str) -> Option<u32> {
        self.by_id.get(id).map(|&(i, _)| i)
    }

    /// The label, source and external identifiers of entity `i` ([`Entity::text`]), made once per
    /// run and shared (the graph stage asks them of every entity of every document); None when `i`
    /// is no gazetteer entity.
    pub fn entity_text(&self, i: u32) -> Option<&EntityText> {
        let cell = self.texts.get(i as usize)?;
        Some(cell.get_or_init(|| self.entities[i as usize].text()))
    }

    /// The external identifiers of entity `i` ([`Entity::external_ids`]), worked out once per run;
    /// None when `i` is no gazetteer entity.
    pub fn external_ids(&self, i: u32) -> Option<&str> {
        self.entity_text(i).map(|t| &*t.external_ids)
    }

    /// Number of compiled surface forms.
    pub fn alias_count(&self) -> usize {
        self.aliases.len()
    }
}

/// A place in one of the files a [`Builder`] has read: the file's number and a 1-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    file: u32,
    line: u32,
}

/// A map keyed by strings, looked up by `&str` and hashed once per look-up or insertion
/// (`entry_ref`), the key copied only when it is new.
type StrMap<V> = hashbrown::HashMap<String, V, rustc_hash::FxBuildHasher>;

#[derive(Default)]
struct Builder {
    entities: Vec<Entity>,
    aliases: Vec<Alias>,
    problems: Vec<(Location, String)>,
    /// The files read, in order ([`Place::file`]).
    files: Vec<Arc<Path>>,
    /// Id → (entity, where it was declared).
    ids: StrMap<(u32, Place)>,
    /// Lowercased alias → entity (its row declared it).
    alias_owner: StrMap<u32>,
    /// The lowercased alias of [`Builder::add_alias`], kept for its room.
    key: String,
}

impl Builder {
    fn add_file(&mut self, path: &Path, text: &str) {
        let source = shared_source(
            GAZETTEER_SOURCE,
            &path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        );
        let file = self.files.len() as u32;
        self.files.push(Arc::from(path));
        let mut header: Option<usize> = None;
        for (i, raw) in crate::text::lines(text).enumerate() {
            let at = Place {
                file,
                line: i as u32 + 1,
            };
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            let line = if i == 0 {
                line.strip_prefix('\u{feff}').unwrap_or(line)
            } else {
                line
            };
            if trim(line).is_empty() || line.starts_with('#') {
                continue;
            }
            let Some(columns) = header else {
                header = match line {
                    HEADER => Some(6),
                    HEADER_AMBIGUOUS => Some(7),
                    _ => {
                        self.problem(
                            at,
                            format!(
                                "first line must be the header {HEADER:?} (or with a 7th column \"ambiguous\")"
                            ),
                        );
                        return;
                    }
                };
                continue;
            };
            self.add_row(line, at, source, columns);
        }
        if header.is_none() {
            self.problem(Place { file, line: 1 }, "file has no header line".into());
        }
    }

    /// Records a problem found at `at`.
    fn problem(&mut self, at: Place, message: String) {
        let loc = self.location(at);
        self.problems.push((loc, message));
    }

    /// The [`Location`] of a place in one of the files read.
    fn location(&self, at: Place) -> Location {
        Location {
            file: self.files[at.file as usize].clone(),
            line: at.line as usize,
        }
    }

    fn add_row(&mut self, line: &str, at: Place, source: &'static str, columns: usize) {
        // Split at each tab byte (a tab is one byte, so every piece is whole characters), found by
        // the `memchr` crate's vectorised search; the columns held in place (a row has six or seven,
        // more only in error).
        let mut cols: [&str; 7] = [""; 7];
        let mut count = 0;
        let mut start = 0;
        for i in memchr::memchr_iter(b'\t', line.as_bytes()) {
            if count < cols.len() {
                cols[count] = &line[start..i];
            }
            count += 1;
            start = i + 1;
        }
        if count < cols.len() {
            cols[count] = &line[start..];
        }
        count += 1;
        // The optional 7th column may be left off rows that have nothing ambiguous.
        if count != 6 && count != columns {
            self.problem(
                at,
                format!(
                    "expected {columns} tab-separated columns (id, type, name, aliases, demonyms, attributes{}), found {}",
                    if columns == 7 { ", ambiguous" } else { "" },
                    count
                ),
            );
            return;
        }
        let kind = match trim(cols[1]).parse::<EntityType>() {
            Ok(k) => k,
            Err(e) => {
                self.problem(at, e);
                return;
            }
        };
        let name = trim(cols[2]);
        if name.is_empty() {
            self.problem(at, "empty name".into());
            return;
        }
        let id = match trim(cols[0]) {
            "" => entity_id(kind, name),
            explicit => explicit.to_owned(),
        };
        let slug = id
            .strip_prefix(kind.as_str())
            .and_then(|rest| rest.strip_prefix(':'));
        if slug.is_none_or(str::is_empty) {
            self.problem(
                at,
                format!("id {id:?} must look like \"{}:<slug>\"", kind.as_str()),
            );
            return;
        }
        for pair in split_list(cols[5], b';') {
            match pair.bytes().position(|b| b == b'=') {
                Some(eq) if !trim(&pair[..eq]).is_empty() => {}
                _ => {
                    self.problem(at, format!("attribute {pair:?} is not key=value"));
                    return;
                }
            }
        }
        let index = self.entities.len() as u32;
        let first = match self.ids.entry_ref(id.as_str()) {
            hashbrown::hash_map::EntryRef::Occupied(e) => Some(e.get().1),
            hashbrown::hash_map::EntryRef::Vacant(e) => {
                e.insert((index, at));
                None
            }
        };
        if let Some(first) = first {
            let first = self.location(first);
            self.problem(
                at,
                format!("duplicate id {id:?} (first declared at {first})"),
            );
            return;
        }
        let aliases: Vec<String> = split_list(cols[3], b'|')
            .filter(|a| *a != name)
            .map(str::to_owned)
            .collect();
        let demonyms: Vec<String> = split_list(cols[4], b'|').map(str::to_owned).collect();
        let ambiguous: Vec<&str> = if count > 6 {
            split_list(cols[6], b'|').collect()
        } else {
            Vec::new()
        };
        if let Some(a) = ambiguous
            .iter()
            .find(|a| **a != name && !aliases.iter().chain(&demonyms).any(|x| x == *a))
        {
            self.problem(
                at,
                format!("ambiguous form {a:?} is not the name, an alias or a demonym of this row"),
            );
            return;
        }
        let first_alias = self.aliases.len();
        self.add_alias(index, AliasKind::Name, name, at);
        for a in &aliases {
            self.add_alias(index, AliasKind::Alias, a, at);
        }
        for d in &demonyms {
            self.add_alias(index, AliasKind::Demonym, d, at);
        }
        if !ambiguous.is_empty() {
            for a in &mut self.aliases[first_alias..] {
                a.ambiguous = ambiguous.contains(&a.text.as_str());
            }
        }
        self.entities.push(Entity {
            id,
            name: name.to_owned(),
            kind,
            aliases,
            demonyms,
            attributes: trim(cols[5]).to_owned(),
            source: Cow::Borrowed(source),
        });
    }

    fn add_alias(&mut self, entity: u32, kind: AliasKind, text: &str, at: Place) {
        // Made in a buffer kept from one alias to the next: the map copies it only when it is new.
        let mut key = std::mem::take(&mut self.key);
        key.clear();
        push_key(text, &mut key);
        let owner = match self.alias_owner.entry_ref(key.as_str()) {
            hashbrown::hash_map::EntryRef::Occupied(e) => Some(*e.get()),
            hashbrown::hash_map::EntryRef::Vacant(e) => {
                e.insert(entity);
                None
            }
        };
        self.key = key;
        match owner {
            Some(owner) if owner == entity => return,
            Some(owner) => {
                let other = &self.entities[owner as usize].id;
                // The owner's row declared the alias first (a row's aliases go in with it).
                let first = self.location(self.ids[other.as_str()].1);
                let message = format!(
                    "alias {text:?} is already used by {other} at {first}; an alias may name only one entity"
                );
                self.problem(at, message);
                return;
            }
            None => {}
        }
        self.aliases.push(Alias {
            entity,
            kind,
            case_sensitive: is_case_sensitive(text),
            text: text.to_owned(),
            ambiguous: false,
        });
    }

    /// The gazetteer, or every problem found. With `beside`, the ids and the lowercase words
    /// inside names are worked out on a second thread while this one builds the trie.
    fn finish(self, beside: bool) -> Result<Gazetteer, GazetteerError> {
        let Builder {
            entities,
            aliases,
            problems,
            ids,
            alias_owner,
            ..
        } = self;
        if !problems.is_empty() {
            return Err(GazetteerError { problems });
        }
        let aliases_ref = &aliases;
        let (patterns, lowercase_words) = std::thread::scope(|scope| {
            let side = Beside::start(scope, beside, move || {
                drop(alias_owner);
                lowercase_words(aliases_ref)
            });
            (Patterns::of(aliases_ref), side.join())
        });
        let entity_count = entities.len();
        // Patterns and aliases share their numbers up to the first capitalisation variant.
        let mut matched: Vec<Matched> = aliases
            .iter()
            .map(|a| Matched::of(a, entities[a.entity as usize].kind))
            .collect();
        debug_assert!(patterns.pattern_alias[..aliases.len()]
            .iter()
            .enumerate()
            .all(|(p, &a)| a as usize == p));
        matched.reserve(patterns.pattern_alias.len() - aliases.len());
        for &a in &patterns.pattern_alias[aliases.len()..] {
            matched.push(matched[a as usize]);
        }
        Ok(Gazetteer {
            entities,
            aliases,
            trie: patterns.trie,
            starts: patterns.starts,
            space_first: patterns.space_first,
            first_bytes: patterns.first_bytes,
            pattern_alias: patterns.pattern_alias,
            matched,
            by_id: ids,
            lowercase_words,
            texts: std::iter::repeat_with(OnceLock::new)
                .take(entity_count)
                .collect(),
        })
    }
}

/// Appends the key under which an alias is owned to `key`: the alias in lower case (the same key
/// either way; the ASCII one without decoding characters). No two aliases of a gazetteer have the
/// same key.
fn push_key(text: &str, key: &mut String) {
    if text.is_ascii() {
        let from = key.len();
        key.push_str(text);
        key[from..].make_ascii_lowercase();
    } else {
        key.push_str(&text.to_lowercase());
    }
}

/// Whether `variant`, the capitalisation variant of `alias` ([`case_variants`]), differs from it
/// and has its key ([`push_key`]): then it is no alias's text (no two aliases share a key) and no
/// other alias's variant. True whenever the first character is ASCII.
fn variant_keeps_key(alias: &str, variant: &str) -> bool {
    if alias.as_bytes().first().is_some_and(u8::is_ascii) {
        return true;
    }
    let (mut a, mut v) = (String::new(), String::new());
    push_key(alias, &mut a);
    push_key(variant, &mut v);
    alias != variant && a == v
}

/// The words in lower case inside names after their first word ([`Gazetteer::keeps_lowercase`]).
fn lowercase_words(aliases: &[Alias]) -> FxHashSet<String> {
    let mut words = FxHashSet::default();
    for a in aliases {
        let text = a.text.as_bytes();
        // Most names are one word: no space or hyphen, no word after the first.
        let Some(first) = memchr::memchr2(b' ', b'-', text) else {
            continue;
        };
        // Spaces and hyphens are ASCII, so every piece between them is whole characters.
        let mut start = first + 1;
        loop {
            let end = text[start..]
                .iter()
                .position(|&b| b == b' ' || b == b'-')
                .map_or(text.len(), |k| start + k);
            let w = &a.text[start..end];
            let upper = if w.is_ascii() {
                w.bytes().any(|b| b.is_ascii_uppercase())
            } else {
                w.chars().any(char::is_uppercase)
            };
            if !w.is_empty() && !upper && !words.contains(w) {
                words.insert(w.to_owned());
            }
            if end == text.len() {
                break;
            }
            start = end + 1;
        }
    }
    words
}

/// The patterns of a gazetteer's aliases compiled: the trie and what tells the places a pattern
/// may start.
struct Patterns {
    trie: PatternTrie,
    starts: Box<StartPairs>,
    space_first: bool,
    first_bytes: AsciiSet,
    pattern_alias: Vec<u32>,
}

impl Patterns {
    /// The aliases as written, then their capitalisation variants ([`case_variants`]) not
    /// already among them, compiled.
    fn of(aliases: &[Alias]) -> Patterns {
        let mut variants = Vec::new();
        // Whether every variant is new (the case whenever names start with ASCII letters).
        let mut all_new = true;
        for (i, a) in aliases.iter().enumerate() {
            if a.case_sensitive {
                continue;
            }
            for v in case_variants(&a.text) {
                all_new &= variant_keeps_key(&a.text, &v);
                variants.push((v, i as u32));
            }
        }
        // Forms as written first, so an exact form wins over another alias's capitalisation variant.
        let mut patterns: Vec<&str> = Vec::with_capacity(aliases.len() + variants.len());
        patterns.extend(aliases.iter().map(|a| a.text.as_str()));
        let mut pattern_alias: Vec<u32> = Vec::with_capacity(patterns.capacity());
        pattern_alias.extend(0..aliases.len() as u32);
        if all_new {
            for (v, i) in &variants {
                patterns.push(v);
                pattern_alias.push(*i);
            }
        } else {
            let mut seen: FxHashSet<&str> = patterns.iter().copied().collect();
            for (v, i) in &variants {
                if seen.insert(v.as_str()) {
                    patterns.push(v);
                    pattern_alias.push(*i);
                }
            }
        }
        let space_first = patterns.iter().any(|p| p.starts_with(char::is_whitespace));
        let trie = PatternTrie::new(&patterns);
        let starts = Box::new(trie.start_pairs());
        let first_bytes = AsciiSet::new(|b| starts.opens_with(b));
        Patterns {
            trie,
            starts,
            space_first,
            first_bytes,
            pattern_alias,
        }
    }
}

/// The pieces of `cell` between the ASCII byte `sep`, trimmed ([`trim`]), the empty ones left out.
fn split_list(cell: &str, sep: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(cell);
    std::iter::from_fn(move || loop {
        let cell = rest?;
        // A byte loop: most pieces are a few bytes long, shorter than a vectorised search's set-up.
        let piece = match cell.bytes().position(|b| b == sep) {
            Some(i) => {
                // `sep` is ASCII, so both sides are whole characters.
                rest = Some(&cell[i + 1..]);
                &cell[..i]
            }
            None => {
                rest = None;
                cell
            }
        };
        let piece = trim(piece);
        if !piece.is_empty() {
            return Some(piece);
        }
    })
}

/// [`str::trim`], answered at once when both ends are printable ASCII (no whitespace there).
fn trim(s: &str) -> &str {
    let kept = |b: Option<&u8>| b.is_some_and(|&b| (b'!'..=b'~').contains(&b));
    if kept(s.as_bytes().first()) && kept(s.as_bytes().last()) {
        s
    } else {
        s.trim()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small gazetteer used by tests across modules.
    pub(crate) fn sample() -> Gazetteer {
        let text = format!(
            "# test\n{HEADER}\n\
             \tperson\tTrita Parsi\t\t\t\n\
             \tperson\tRafael Grossi\tRafael Mariano Grossi\t\t\n\
             \tperson\tDonald Trump\tTrump\t\t\n\
             \tperson\tJohn Bolton\t\t\t\n\
             \tperson\tAli Smith\t\t\t\n\
             \torganization\tInternational Atomic Energy Agency\tIAEA\t\t\n\
             \torganization\tThe New York Times\tNew York Times\t\t\n\
             \torganization\tUnited Nations\tUN|U.N.\t\t\n\
             \tplace\tIran\tIslamic Republic of Iran\tIranian\tiso2=IR;kind=country\n\
             \tplace\tUnited States\tU.S.|US\tAmerican\t\n\
             \tplace\tNew York\t\t\t\n\
             \tplace\tIsrael\t\tIsraeli\t\n\
             \tplace\tTehran\t\t\t\n\
             \tplace\tAdelaide\t\t\t\n"
        );
        Gazetteer::from_sources(&[(PathBuf::from("test.tsv"), text)]).unwrap()
    }

    #[test]
    fn the_record_of_each_pattern_is_its_alias_and_entity() {
        let tsv = format!(
            "{HEADER_AMBIGUOUS}\n\tplace\tJordan\tHashemite Kingdom of Jordan\tJordanian\t\tJordan\n\
             \torganization\tal-Qaeda\tAQ\t\t\t\n\tperson\tAli Smith\tSmith\t\t\t\n"
        );
        let g = Gazetteer::from_sources(&[(PathBuf::from("a.tsv"), tsv)]).unwrap();
        // The aliases, and "Al-Qaeda", a capitalisation variant.
        assert_eq!(g.pattern_count(), g.alias_count() + 1);
        let mut seen = [false; 4];
        for p in 0..g.pattern_count() {
            let id = aho_corasick::PatternID::must(p);
            let (a, m) = (g.alias_of(id), g.matched(id));
            assert_eq!(m.entity, a.entity);
            assert_eq!(m.kind, a.kind);
            assert_eq!(m.entity_kind, g.entities[a.entity as usize].kind);
            assert_eq!(m.case_sensitive(), a.case_sensitive);
            assert_eq!(m.ambiguous(), a.ambiguous);
            assert_eq!(m.single_word(), !a.text.contains(' '));
            for (k, on) in [
                m.case_sensitive(),
                m.ambiguous(),
                m.single_word(),
                !m.single_word(),
            ]
            .into_iter()
            .enumerate()
            {
                seen[k] |= on;
            }
        }
        assert_eq!(
            seen, [true; 4],
            "each flag set somewhere, and some alias of two words"
        );
    }

    #[test]
    fn two_threads_build_the_same_gazetteer() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteers");
        let one = Gazetteer::load_dir_on(&dir, 1).unwrap();
        let two = Gazetteer::load_dir_on(&dir, 2).unwrap();
        let text = "Donald Trump told the New York Times in Tehran that al-Qaeda and the UN met.";
        let found = |g: &Gazetteer| {
            g.scan(text)
                .map(|m| (m.start(), m.end(), m.pattern()))
                .collect::<Vec<_>>()
        };
        assert!(!found(&one).is_empty());
        assert_eq!(found(&one), found(&two));
        assert_eq!(one.pattern_alias, two.pattern_alias);
        assert_eq!(one.matched, two.matched);
        assert_eq!(one.by_id, two.by_id);
        assert_eq!(one.lowercase_words, two.lowercase_words);
        assert_eq!(one.starts, two.starts);
        assert_eq!(one.entities.len(), two.entities.len());
        // Every entity and alias, field by field (neither type compares itself).
        assert_eq!(format!("{:?}", one.entities), format!("{:?}", two.entities));
        assert_eq!(format!("{:?}", one.aliases), format!("{:?}", two.aliases));
    }

    #[test]
    fn the_openings_find_what_the_walk_finds() {
        let text = format!(
            "# test\n{HEADER}\n\
             \tperson\tDonald Trump\tTrump\t\t\n\
             \torganization\tUnited Nations\tUN|U.N.|X\t\t\n\
             \tplace\tIran\t\tIranian\t\n\
             \tplace\tUnited States\tU.S.|US|USA\tAmerican\t\n"
        );
        let g = Gazetteer::from_sources(&[(PathBuf::from("t.tsv"), text)]).unwrap();
        let text = "X UN U.N. US USA USAF Iran Iranian Irate Trumps Trum United Nation \
                    United States X";
        for end in [text.len(), text.len() - 1, text.len() - 2, 6, 3, 1] {
            let t = &text[..end];
            for at in 0..t.len() {
                let walked = g.trie.longest_at(t.as_bytes(), at);
                assert_eq!(g.longest_at(t, at), walked, "{at} of {t:?}");
            }
        }
        // Most places that pass the pair test are passed over by one look-up: "Unit" starts no
        // pattern here; "UN " is a whole pattern shorter than the openings, "Donal" leads on.
        assert_eq!(g.trie.opened(b"Unit of", 0), Opened::Nothing);
        assert!(matches!(g.trie.opened(b"UN ", 0), Opened::Found(m) if m.end() == 2));
        assert!(matches!(
            g.trie.opened(b"Donald Trump", 0),
            Opened::Node { end: 5, .. }
        ));
    }

    #[test]
    fn a_file_that_is_not_utf8_names_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("people.tsv"),
            b"# people\nid\ttype\tname\taliases\tdemonyms\tattributes\n\tperson\tAna Bo\t\t\t\n\tperson\tJos\xe9 Ka\t\t\t\n",
        )
        .unwrap();
        let err = Gazetteer::load_dir(dir.path()).unwrap_err().to_string();
        let file = dir.path().join("people.tsv");
        assert!(
            err.contains(&format!(
                "{}:4: invalid UTF-8 at byte 11 of the line (gazetteer files are UTF-8)",
                file.display()
            )),
            "{err}"
        );
    }

    #[test]
    fn loads_and_derives_ids() {
        let g = sample();
        assert_eq!(g.entities[0].id, "person:trita-parsi");
        assert!(g
            .index_of("organization:international-atomic-energy-agency")
            .is_some());
        let attrs: Vec<(&str, &str)> = g.entities[8].attributes().collect();
        assert_eq!(attrs, vec![("iso2", "IR"), ("kind", "country")]);
        assert!(g.alias_count() > g.entities.len());
    }

    #[test]
    fn external_ids_are_kept_per_entity() {
        let g = sample();
        for (i, e) in g.entities.iter().enumerate() {
            // Twice: worked out, then kept.
            for _ in 0..2 {
                assert_eq!(g.external_ids(i as u32), Some(e.external_ids().as_str()));
            }
        }
        assert_eq!(g.external_ids(8), Some("iso3166:IR"));
        assert_eq!(g.external_ids(g.entities.len() as u32), None);
    }

    #[test]
    fn errors_name_file_and_line() {
        let text = format!(
            "{HEADER}\n\tperson\tA B\t\t\t\n\tcity\tX\t\t\t\n\tplace\tY\t\t\tnot-a-pair\nonly\ttwo\n\tplace\tZ\tA B\t\t\n\tperson\tA B\t\t\t\n"
        );
        let err = Gazetteer::from_sources(&[(PathBuf::from("g/bad.tsv"), text)]).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("g/bad.tsv:3: unknown entity type"), "{msg}");
        assert!(msg.contains("g/bad.tsv:4: attribute"), "{msg}");
        assert!(msg.contains("g/bad.tsv:5: expected 6"), "{msg}");
        assert!(
            msg.contains("g/bad.tsv:6: alias \"A B\" is already used by person:a-b at g/bad.tsv:2"),
            "{msg}"
        );
        assert!(
            msg.contains("g/bad.tsv:7: duplicate id \"person:a-b\""),
            "{msg}"
        );
    }

    #[test]
    fn ambiguous_column() {
        let text = format!(
            "{HEADER_AMBIGUOUS}\n\tplace\tJordan\tHashemite Kingdom\tJordanian\t\tJordan\n\tplace\tIran\t\t\t\n\tplace\tChad\t\t\t\tTchad\n"
        );
        let err = Gazetteer::from_sources(&[(PathBuf::from("a.tsv"), text)]).unwrap_err();
        assert!(
            err.to_string()
                .contains("a.tsv:4: ambiguous form \"Tchad\""),
            "{err}"
        );
        let text = format!(
            "{HEADER_AMBIGUOUS}\n\tplace\tJordan\tHashemite Kingdom\tJordanian\t\tJordan\n"
        );
        let g = Gazetteer::from_sources(&[(PathBuf::from("a.tsv"), text)]).unwrap();
        let weak: Vec<(&str, bool)> = g
            .aliases
            .iter()
            .map(|a| (a.text.as_str(), a.ambiguous))
            .collect();
        assert_eq!(
            weak,
            vec![
                ("Jordan", true),
                ("Hashemite Kingdom", false),
                ("Jordanian", false)
            ]
        );
    }

    #[test]
    fn header_is_required() {
        let err = Gazetteer::from_sources(&[(PathBuf::from("x.tsv"), "name\ttype\n".into())])
            .unwrap_err();
        assert!(err
            .to_string()
            .contains("x.tsv:1: first line must be the header"));
    }

    #[test]
    fn capitalisation_variants() {
        let v = |a: &str| case_variants(a).collect::<Vec<_>>();
        assert_eq!(v("Iran"), Vec::<String>::new());
        assert_eq!(v("al-Qaeda"), vec!["Al-Qaeda"]);
        assert_eq!(v("The New York Times"), vec!["the New York Times"]);
    }

    #[test]
    fn lines_split_as_str_lines_does() {
        for text in [
            "",
            "a",
            "a\n",
            "a\r\n",
            "a\r",
            "a\r\r\nb",
            "\n\nb\r\n\r\nc",
            "x\ty\n#z\r\n\n",
        ] {
            assert_eq!(
                crate::text::lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn lists_split_and_trim_as_str_split_does() {
        let old = |cell: &str, sep: char| -> Vec<String> {
            cell.split(sep)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        };
        for cell in [
            "",
            "|",
            "a",
            " a |b| | c ",
            "Åb|\u{a0}x\u{a0}|\u{2003}",
            "a=1; b = 2;;",
        ] {
            for sep in ['|', ';'] {
                let new: Vec<String> = split_list(cell, sep as u8).map(str::to_owned).collect();
                assert_eq!(new, old(cell, sep), "{cell:?} at {sep:?}");
            }
            assert_eq!(trim(cell), cell.trim());
        }
    }

    #[test]
    fn variants_of_ascii_names_keep_their_key() {
        assert!(variant_keeps_key("al-Qaeda", "Al-Qaeda"));
        assert!(variant_keeps_key("ōsaka", "Ōsaka"));
        // No upper case of its own: the variant is the alias itself.
        assert!(!variant_keeps_key("ĸa", "ĸa"));
    }

    #[test]
    fn case_sensitivity_rule() {
        assert!(is_case_sensitive("IAEA"));
        assert!(is_case_sensitive("U.S."));
        assert!(is_case_sensitive("Ali"));
        assert!(!is_case_sensitive("Iran"));
    }
}
