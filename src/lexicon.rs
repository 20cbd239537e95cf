//! Word lists that linguists edit: abbreviations, titles, given names, cues and the rest.
//!
//! The lists live as plain files under `lexicons/` in the repository and are compiled into the binary
//! (`build.rs`), so a release build needs no data directory at run time. Edit the file and rebuild.
//! `lexicons/manifest.tsv` declares every file: how its entries are checked ([`Entries`]), the
//! README group it is listed under and what it is for. [`check_all`] checks every file against it
//! (every command runs it before it starts, so a bad edit stops the program with
//! `lexicons/FILE:LINE: …` instead of failing documents), and README's Lexicons section is
//! [`readme_section`]. What [`check_all`] reads it keeps for the code that uses it (word lists
//! until [`word_lists`] takes them, tables in a [`Bundled`]), so a run reads each file once.

use crate::swar::{le32, le64};
use once_cell::sync::Lazy;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Mutex;

/// Every file of `lexicons/` (not its subfolders) as (name under `lexicons/`, contents), from
/// `build.rs`.
static FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/lexicons.rs"));

/// The manifest's name under `lexicons/`.
const MANIFEST: &str = "manifest.tsv";

/// The contents of bundled file `name` (under `lexicons/`), if there is one.
pub fn source(name: &str) -> Option<&'static str> {
    FILES.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// The contents of a bundled file the code reads by name. A name with no file is a build defect
/// (a test reads every name the code uses), hence the panic.
pub fn bundled(name: &'static str) -> &'static str {
    source(name).unwrap_or_else(|| panic!("lexicons/{name} is not in the binary"))
}

/// How the entries of a file of `lexicons/` are checked (the manifest's `entries` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entries {
    /// One word per line: letters, digits and `.` `'` `’` `-` `&`, matched against one token.
    Word,
    /// One word per line, in lower case.
    LowerWord,
    /// Words as for [`Entries::Word`] separated by single spaces.
    Phrase,
    /// A phrase in lower case.
    LowerPhrase,
    /// Tab-separated rows, checked by the module that reads the file.
    Table,
    /// A folder with a manifest of its own (`function_words/`).
    Folder,
    /// The licence text of a list; not read by the program.
    Licence,
}

impl Entries {
    /// Every kind with its name in the manifest.
    const NAMES: &'static [(&'static str, Entries)] = &[
        ("word", Entries::Word),
        ("lower-word", Entries::LowerWord),
        ("phrase", Entries::Phrase),
        ("lower-phrase", Entries::LowerPhrase),
        ("table", Entries::Table),
        ("folder", Entries::Folder),
        ("licence", Entries::Licence),
    ];

    /// Whether the file is a one-entry-per-line list.
    pub fn is_list(self) -> bool {
        matches!(
            self,
            Entries::Word | Entries::LowerWord | Entries::Phrase | Entries::LowerPhrase
        )
    }

    /// Why `entry` (trimmed, not empty) is not of this kind, if it is not.
    fn fault(self, entry: &str) -> Option<String> {
        let word_char = |c: char| c.is_alphanumeric() || ".'’-&".contains(c);
        let (phrase, lower) = match self {
            Entries::Word => (false, false),
            Entries::LowerWord => (false, true),
            Entries::Phrase => (true, false),
            Entries::LowerPhrase => (true, true),
            _ => return None,
        };
        // Almost every entry is ASCII letters: when every byte is a letter or digit (and a
        // lower-case list's are not capitals) the checks below all pass, and the entry is not
        // decoded character by character.
        let plain = |b: &u8| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || !lower && b.is_ascii_uppercase()
        };
        if entry.bytes().all(|b| plain(&b)) {
            return None;
        }
        if lower && entry.chars().any(char::is_uppercase) {
            return Some(format!("{entry:?}: entries of this list are lower case"));
        }
        if phrase {
            if entry.split(' ').any(str::is_empty) {
                return Some(format!("{entry:?}: words are separated by one space"));
            }
        } else if entry.contains(char::is_whitespace) {
            return Some(format!(
                "{entry:?}: one word per line (the list is matched against single words; \
                 the manifest may declare it a phrase list)"
            ));
        }
        if let Some(c) = entry.chars().find(|&c| c != ' ' && !word_char(c)) {
            return Some(format!(
                "{entry:?}: {c:?} is not a letter, digit or . ' ’ - &"
            ));
        }
        None
    }
}

/// One row of `lexicons/manifest.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileSpec {
    /// The name under `lexicons/`.
    pub file: &'static str,
    /// How its entries are checked.
    pub entries: Entries,
    /// The README group it is listed under.
    pub group: &'static str,
    /// What it is for.
    pub purpose: &'static str,
    /// Its line in the manifest.
    pub line: usize,
}

/// Reads `manifest.tsv` from `files`: one row per file, every file with a row (the manifest itself
/// and subfolders' files aside) and every row with a file, no file twice.
pub fn read_manifest(
    files: &[(&'static str, &'static str)],
) -> Result<Vec<FileSpec>, LexiconError> {
    let source = files
        .iter()
        .find(|(n, _)| *n == MANIFEST)
        .map(|(_, s)| *s)
        .ok_or_else(|| LexiconError {
            file: MANIFEST,
            line: 0,
            message: "missing".into(),
        })?;
    let mut specs: Vec<FileSpec> = Vec::new();
    for row in tsv_rows(MANIFEST, source, 4) {
        let (line, f) = row?;
        let err = LexiconError::at(MANIFEST, line);
        let Some(&(_, entries)) = Entries::NAMES.iter().find(|(n, _)| *n == f[1]) else {
            let known: Vec<&str> = Entries::NAMES.iter().map(|(n, _)| *n).collect();
            return Err(err(format!(
                "unknown entries {:?} (expected one of: {})",
                f[1],
                known.join(", ")
            )));
        };
        if let Some(first) = specs.iter().find(|s| s.file == f[0]) {
            return Err(err(format!(
                "{:?} has a row already (line {})",
                f[0], first.line
            )));
        }
        // A folder's files are checked by its own manifest's reader.
        if entries != Entries::Folder && !files.iter().any(|(n, _)| *n == f[0]) {
            return Err(err(format!("no file {:?} in lexicons/", f[0])));
        }
        specs.push(FileSpec {
            file: f[0],
            entries,
            group: f[2],
            purpose: f[3],
            line,
        });
    }
    for (name, _) in files {
        let top = name.split('/').next().unwrap_or(name);
        if *name != MANIFEST && !specs.iter().any(|s| s.file == top) {
            return Err(LexiconError {
                file: MANIFEST,
                line: 0,
                message: format!("lexicons/{name} has no row: add one saying what it holds"),
            });
        }
    }
    Ok(specs)
}

/// The bundled manifest. [`check_all`] (run by a test and before every command) reports a bad
/// one; here it would be a build defect, hence the panic.
pub static MANIFEST_SPECS: Lazy<Vec<FileSpec>> = Lazy::new(|| {
    read_manifest(FILES).unwrap_or_else(|e| panic!("bundled lexicon manifest is invalid: {e}"))
});

/// Checks the entries of list `file` (contents `source`) against their kind: each valid, none
/// twice, no space around one.
pub fn check_list(file: &'static str, source: &str, entries: Entries) -> Result<(), LexiconError> {
    read_list(file, source, entries).map(drop)
}

/// The entries of list `file` (contents `source`), checked as [`check_list`] says as they are
/// read: one pass over the file, each entry hashed once.
fn read_list<'s>(
    file: &'static str,
    source: &'s str,
    entries: Entries,
) -> Result<FxHashSet<&'s str>, LexiconError> {
    // One slot per line, so that a long list is not rehashed as it grows.
    let lines = memchr::memchr_iter(b'\n', source.as_bytes()).count() + 1;
    let mut set: FxHashSet<&str> = FxHashSet::with_capacity_and_hasher(lines, Default::default());
    for (i, raw) in crate::text::lines(source).enumerate() {
        let line = i + 1;
        // A line that opens and ends with a visible ASCII character is its own trimmed self.
        let visible = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x80);
        let bytes = raw.as_bytes();
        let entry = if visible(bytes.first()) && visible(bytes.last()) {
            raw
        } else {
            raw.trim()
        };
        if entry.is_empty() || entry.starts_with('#') {
            continue;
        }
        let err = LexiconError::at(file, line);
        if entry != raw {
            return Err(err(format!("{entry:?}: space before or after the entry")));
        }
        if let Some(fault) = entries.fault(entry) {
            return Err(err(fault));
        }
        if !set.insert(entry) {
            // Rare: only now look for the first line that holds it.
            let first = source.lines().position(|l| l == entry).map_or(0, |i| i + 1);
            return Err(err(format!("{entry:?} is listed twice (line {first})")));
        }
    }
    Ok(set)
}

/// The word lists [`check_all`] has read (and so checked), each kept until the list's reader
/// takes it ([`word_lists`]), so that a run reads every list once.
static READ: Lazy<Mutex<ReadLists>> = Lazy::new(Mutex::default);

/// See [`READ`].
#[derive(Default)]
struct ReadLists {
    /// Lists checked, whether or not still here.
    checked: FxHashSet<&'static str>,
    /// Lists checked and not yet taken by their reader.
    unread: FxHashMap<&'static str, WordList>,
}

/// Reads and checks bundled list `file` (of kind `entries`) into [`READ`], unless it was already.
fn check_bundled_list(file: &'static str, entries: Entries) -> Result<(), LexiconError> {
    let mut read = READ.lock().unwrap_or_else(|e| e.into_inner());
    if !read.checked.contains(file) {
        let list = WordList::of(read_list(file, bundled(file), entries)?);
        read.checked.insert(file);
        read.unread.insert(file, list);
    }
    Ok(())
}

/// A bundled word list, checked against the manifest (see [`check_all`] for why a fault here
/// panics rather than returns).
pub fn word_list(file: &'static str) -> WordList {
    word_lists(&[file])
}

/// The union of bundled word lists (for lists split by source or licence), each checked: taken as
/// [`check_all`] read it, or read now.
pub fn word_lists(files: &[&'static str]) -> WordList {
    let mut union: Option<WordList> = None;
    for &file in files {
        let taken = READ
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .unread
            .remove(file);
        let list = taken.unwrap_or_else(|| {
            let spec = MANIFEST_SPECS
                .iter()
                .find(|s| s.file == file)
                .unwrap_or_else(|| panic!("lexicons/{file} has no row in lexicons/manifest.tsv"));
            let entries = read_list(file, bundled(file), spec.entries)
                .unwrap_or_else(|e| panic!("bundled word list is invalid: {e}"));
            WordList::of(entries)
        });
        match &mut union {
            None => union = Some(list),
            // The entries are merged here and the probe table built once, after the last file.
            Some(u) => u.entries.extend(list.entries),
        }
    }
    match union {
        Some(u) if files.len() > 1 => WordList::of(u.entries),
        Some(u) => u,
        None => WordList::default(),
    }
}

/// A table or folder of `lexicons/` as the module that reads it parses it, read once: by
/// [`check_all`] (which checks every file before a command starts and keeps what it read) or, if
/// it has not run, on first use. A fault is then a build defect, hence the panic on use.
pub struct Bundled<T> {
    cell: once_cell::sync::OnceCell<T>,
    read: fn() -> Result<T, LexiconError>,
}

impl<T> Bundled<T> {
    /// The value `read` parses, not read yet.
    pub const fn new(read: fn() -> Result<T, LexiconError>) -> Bundled<T> {
        Bundled {
            cell: once_cell::sync::OnceCell::new(),
            read,
        }
    }

    /// Reads the value unless it has been: its first fault as `lexicons/FILE:LINE`.
    pub fn check(&self) -> Result<(), LexiconError> {
        self.cell.get_or_try_init(self.read).map(drop)
    }
}

impl<T> std::ops::Deref for Bundled<T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.cell.get_or_init(|| {
            (self.read)().unwrap_or_else(|e| panic!("bundled lexicon is invalid: {e}"))
        })
    }
}

/// The checks of the tables (`entries` = `table`) and folders, by file name: each module that
/// reads one parses it with its own rules.
fn check_structured(spec: &FileSpec) -> Result<(), LexiconError> {
    match spec.file {
        "cues.tsv" => crate::claims::cues::CUES.check(),
        "speakers.tsv" => crate::claims::speaker::WORDS.check(),
        "plural_endings.tsv" => crate::plural::ENDINGS.check(),
        "org_evidence.tsv" => crate::org_evidence::EVIDENCE.check(),
        "boilerplate.tsv" => crate::boilerplate::check_rules(),
        "function_words" => crate::claims::function_words::check(),
        "boundary_model.tsv" => crate::claims::boundaries::check(),
        other => Err(LexiconError {
            file: MANIFEST,
            line: spec.line,
            message: format!(
                "no reader checks {other:?}: a table or folder needs one (src/lexicon.rs)"
            ),
        }),
    }
}

/// Checks every bundled file against the manifest: the manifest itself, every list's entries and
/// every table through the module that reads it. The first fault, as `lexicons/FILE:LINE: …`.
pub fn check_all() -> Result<(), LexiconError> {
    let specs = read_manifest(FILES)?;
    for spec in &specs {
        match spec.entries {
            Entries::Licence => {}
            Entries::Table | Entries::Folder => check_structured(spec)?,
            kind => check_bundled_list(spec.file, kind)?,
        }
    }
    Ok(())
}

/// One line per file of the manifest: name, kind, number of entries (rows of a table; none counted
/// for a folder or a licence) and use, for `claimgraph lexicons`.
pub fn summary() -> Vec<(&'static str, &'static str, usize, &'static str)> {
    MANIFEST_SPECS
        .iter()
        .map(|s| {
            let kind = Entries::NAMES
                .iter()
                .find(|(_, e)| *e == s.entries)
                .map_or("", |(n, _)| *n);
            let count = match s.entries {
                Entries::Folder | Entries::Licence => 0,
                _ => bundled(s.file)
                    .lines()
                    .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                    .count(),
            };
            (s.file, kind, count, s.purpose)
        })
        .collect()
}

/// README's list of the lexicon files: one item per group in manifest order, one sub-item per
/// file with its kind of entries and its use.
pub fn readme_section() -> String {
    let mut groups: Vec<(&str, Vec<&FileSpec>)> = Vec::new();
    for s in MANIFEST_SPECS.iter() {
        match groups.iter_mut().find(|(g, _)| *g == s.group) {
            Some((_, items)) => items.push(s),
            None => groups.push((s.group, vec![s])),
        }
    }
    let mut out = String::new();
    for (group, specs) in groups {
        out.push_str(&format!("- **{group}**\n"));
        for s in specs {
            let kind = Entries::NAMES
                .iter()
                .find(|(_, e)| *e == s.entries)
                .map_or("", |(n, _)| *n);
            out.push_str(&format!("  - `{}` ({kind}): {}\n", s.file, s.purpose));
        }
    }
    out
}

/// A set of entries read from a one-entry-per-line file with `#` comments.
#[derive(Debug, Clone, Default)]
pub struct WordList {
    /// The entries, as slices of the bundled file.
    entries: FxHashSet<&'static str>,
    /// The entries of up to [`Packed::MAX`] bytes, packed: what [`WordList::contains`] probes.
    packed: PackedSet,
    /// The bytes the entries open with, one bit each (bit `b % 64` of word `b / 64`): a word
    /// that opens with another byte is no entry, told without packing or probing it (a lower-case
    /// word asked of a list of names, a capitalised one of a list of function words).
    firsts: [u64; 4],
}

impl WordList {
    /// The list of `entries`.
    fn of(entries: FxHashSet<&'static str>) -> WordList {
        let packed = PackedSet::of(&entries);
        let mut firsts = [0u64; 4];
        for b in entries.iter().filter_map(|e| e.bytes().next()) {
            firsts[usize::from(b >> 6)] |= 1 << (b & 63);
        }
        WordList {
            entries,
            packed,
            firsts,
        }
    }

    /// Parses a one-entry-per-line list: blank lines and lines starting with `#` are skipped and
    /// surrounding whitespace is trimmed.
    pub fn parse(source: &'static str) -> WordList {
        let entries = crate::text::lines(source)
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        WordList::of(entries)
    }

    /// True when `word` is in the list (case-sensitive). A word of up to [`Packed::MAX`] bytes,
    /// nearly every word asked, is found by its bytes packed into integers, without hashing the
    /// string or comparing it byte by byte.
    pub fn contains(&self, word: &str) -> bool {
        match Packed::of(word.as_bytes()) {
            Some(key) => self.packed.contains(key),
            None => self.packed.long && self.entries.contains(word),
        }
    }

    /// [`WordList::contains`], a word that opens with a byte no entry opens with told first,
    /// inline, by one bit: for a list mostly asked about words it cannot hold (the word before a
    /// place asked of the lists of given names, whose entries open with capitals). Elsewhere the
    /// test costs more than it spares.
    #[inline]
    pub fn contains_by_first(&self, word: &str) -> bool {
        if let Some(&b) = word.as_bytes().first() {
            if self.firsts[usize::from(b >> 6)] & 1 << (b & 63) == 0 {
                return false;
            }
        }
        self.contains(word)
    }

    /// True when `word` with its ASCII letters lowercased is in the list; no allocation for a
    /// word of up to 32 bytes.
    pub fn contains_lowercased(&self, word: &str) -> bool {
        if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return self.contains(word);
        }
        let mut buf = [0u8; 32];
        let Some(lower) = buf.get_mut(..word.len()) else {
            return self.contains(&word.to_ascii_lowercase());
        };
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        // Lowercasing ASCII letters keeps UTF-8 valid.
        std::str::from_utf8(lower).is_ok_and(|w| self.contains(w))
    }

    /// Iterates over the entries in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.entries.iter().copied()
    }

    /// The first bytes, last bytes and lengths of the entries ([`WordShapes`]).
    pub fn shapes(&self) -> WordShapes {
        WordShapes::of(self.iter())
    }
}

/// The first bytes, last bytes and lengths of the words of a list, as tables: a word whose first
/// byte, last byte or length no word of the list has is none of them, which a rule that asks a
/// list of many words of a text tells for most without looking them up ([`WordList::shapes`]).
#[derive(Debug, Clone)]
pub struct WordShapes {
    /// Whether some word starts with the byte.
    first: [bool; 256],
    /// Whether some word ends with the byte.
    last: [bool; 256],
    /// Bit `n` when some word has `n` bytes (bit 63: 63 bytes or more).
    lengths: u64,
    /// The length in bytes of the longest word.
    longest: usize,
}

impl WordShapes {
    /// The shapes of `words`. An empty word may start and end with any byte.
    pub fn of<'w>(words: impl IntoIterator<Item = &'w str>) -> WordShapes {
        let mut shapes = WordShapes {
            first: [false; 256],
            last: [false; 256],
            lengths: 0,
            longest: 0,
        };
        for word in words {
            match word.as_bytes() {
                [first, .., last] | [first @ last] => {
                    shapes.first[usize::from(*first)] = true;
                    shapes.last[usize::from(*last)] = true;
                }
                [] => (shapes.first, shapes.last) = ([true; 256], [true; 256]),
            }
            shapes.lengths |= 1 << word.len().min(63);
            shapes.longest = shapes.longest.max(word.len());
        }
        shapes
    }

    /// These shapes with `bytes` as first bytes too: for a list that stands for more words than
    /// it holds (an age's digits after a name).
    pub fn or_starting(mut self, bytes: impl IntoIterator<Item = u8>) -> WordShapes {
        for b in bytes {
            self.first[usize::from(b)] = true;
        }
        self
    }

    /// Whether some word may start with `b`.
    #[inline]
    pub fn may_start(&self, b: u8) -> bool {
        self.first[usize::from(b)]
    }

    /// Whether some word may end with `b`.
    #[inline]
    pub fn may_end(&self, b: u8) -> bool {
        self.last[usize::from(b)]
    }

    /// Whether some word may be `len` bytes long.
    #[inline]
    pub fn may_have_len(&self, len: usize) -> bool {
        self.lengths & 1 << len.min(63) != 0
    }

    /// The length in bytes of the longest word: a longer one is none of them.
    #[inline]
    pub fn longest(&self) -> usize {
        self.longest
    }
}

/// For each first byte of the words of a list, ASCII case aside, the lengths of the words that
/// start with it, as bits (bit 31: 31 bytes or more): a word whose first byte and length no word
/// of the list has together is none of them, which is told without lowering the word or looking
/// it up (a narrower test than [`WordShapes`]' first bytes and lengths apart, for a list asked of
/// most words of a text in any case: the pronouns and titles of `claims::speaker`, the last words
/// of `sports`' team phrases).
#[derive(Debug, Clone)]
pub struct FirstByteLengths([u32; 256]);

impl FirstByteLengths {
    /// The lengths of `words` by their first byte, lowered (an empty word is left out).
    pub fn of<'w>(words: impl IntoIterator<Item = &'w [u8]>) -> FirstByteLengths {
        let mut lengths = [0u32; 256];
        for word in words {
            if let Some(&first) = word.first() {
                lengths[usize::from(first.to_ascii_lowercase())] |= 1 << word.len().min(31);
            }
        }
        FirstByteLengths(lengths)
    }

    /// Whether `word` may be one of the words, ASCII case aside: some word starts with its first
    /// byte, lowered, and is as long (never the empty word).
    #[inline]
    pub fn may_hold(&self, word: &[u8]) -> bool {
        word.first().is_some_and(|&b| {
            self.0[usize::from(b.to_ascii_lowercase())] & 1 << word.len().min(31) != 0
        })
    }
}

/// A word of one to [`Packed::MAX`] bytes as three integers that tell it from every other such
/// word: its length, and its bytes read from either end (two overlapping reads cover it whole).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Packed {
    /// The first bytes (up to eight).
    head: u64,
    /// The last eight bytes of a word of eight or more; 0 for a shorter one, which `head` holds.
    tail: u64,
    /// The length in bytes (0: a free slot of a [`PackedSet`], as no entry is empty).
    len: u64,
}

impl Packed {
    /// The longest word packed.
    const MAX: usize = 16;

    /// The packed `word`, if it has one to [`Packed::MAX`] bytes.
    #[inline]
    fn of(word: &[u8]) -> Option<Packed> {
        let len = word.len();
        let (head, tail) = match len {
            8..=Packed::MAX => (le64(word), le64(&word[len - 8..])),
            4..=7 => (le32(word) | le32(&word[len - 4..]) << 32, 0),
            1..=3 => (
                u64::from(word[0]) | u64::from(word[len / 2]) << 8 | u64::from(word[len - 1]) << 16,
                0,
            ),
            _ => return None,
        };
        Some(Packed {
            head,
            tail,
            len: len as u64,
        })
    }

    /// A hash of the word, its high bits spread by two multiplications.
    #[inline]
    fn hash(self) -> u64 {
        ((self.head ^ self.len).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ self.tail)
            .wrapping_mul(0xD6E8_FEB8_6659_FD93)
    }
}

/// The packed entries of a [`WordList`]: an open-addressing table (linear probing) at most half
/// full, so that a word not in it, most of those asked, meets a free slot after a slot or two.
#[derive(Debug, Clone)]
struct PackedSet {
    /// The slots, a power of two of them, two at least.
    slots: Box<[Packed]>,
    /// 64 less the bits of a slot's index: a hash shifted right by it is a slot.
    shift: u32,
    /// Whether an entry is too long to be packed, so that a longer word must be asked of the
    /// entries.
    long: bool,
    /// For a table of [`FILTERED_SLOTS`] slots or more (too big to stay in the cache between
    /// look-ups): a bit for each value of a hash's top bits, set for the entries' hashes, eight
    /// to sixteen bits an entry. A word whose bit is clear, most words not in the list, is told by one
    /// load from these few kilobytes instead of a cache miss in the slots. Empty for a smaller
    /// table.
    filter: Box<[u64]>,
    /// 64 less the bits of a bit's index in `filter`: a hash shifted right by it is the bit.
    filter_shift: u32,
}

/// The fewest slots of a [`PackedSet`] given a [`PackedSet::filter`] (4,096 slots of 24 bytes:
/// 96 KiB, more than a core's first-level data cache holds beside a document's work).
const FILTERED_SLOTS: usize = 4096;

impl Default for PackedSet {
    fn default() -> PackedSet {
        PackedSet::of(&FxHashSet::default())
    }
}

impl PackedSet {
    /// The table of the packable `entries`.
    fn of(entries: &FxHashSet<&'static str>) -> PackedSet {
        let size = (2 * entries.len()).next_power_of_two().max(2);
        // Four bits a slot, eight to sixteen an entry (two to four slots an entry): about one
        // word in ten or fewer not in the list finds its bit set.
        let bits = if size >= FILTERED_SLOTS { 4 * size } else { 0 };
        let mut set = PackedSet {
            slots: vec![Packed::default(); size].into_boxed_slice(),
            shift: 64 - size.trailing_zeros(),
            long: false,
            filter: vec![0; bits / 64].into_boxed_slice(),
            filter_shift: 64 - bits.trailing_zeros(),
        };
        for entry in entries {
            match Packed::of(entry.as_bytes()) {
                Some(key) => {
                    let i = set.slot(key);
                    set.slots[i] = key;
                    if !set.filter.is_empty() {
                        let bit = set.filter_bit(key);
                        crate::swar::set_bit(&mut set.filter, bit);
                    }
                }
                None => set.long = true,
            }
        }
        set
    }

    /// `key`'s bit in [`PackedSet::filter`] (which must not be empty).
    #[inline]
    fn filter_bit(&self, key: Packed) -> usize {
        (key.hash() >> self.filter_shift) as usize
    }

    /// The slot holding `key`, or the free slot where it would go.
    #[inline]
    fn slot(&self, key: Packed) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = (key.hash() >> self.shift) as usize;
        loop {
            let s = &self.slots[i];
            if *s == key || s.len == 0 {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// Whether `key` is an entry.
    #[inline]
    fn contains(&self, key: Packed) -> bool {
        if !self.filter.is_empty() {
            let bit = self.filter_bit(key);
            if !crate::swar::bit(&self.filter, bit) {
                return false;
            }
        }
        self.slots[self.slot(key)].len != 0
    }
}

/// A malformed line in a bundled lexicon file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("lexicons/{file}:{line}: {message}")]
pub struct LexiconError {
    /// File name under `lexicons/`.
    pub file: &'static str,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl LexiconError {
    /// The maker of a loader's errors at `file:line`: given the message, the error. It is `Copy`,
    /// so one maker serves `map_err` and `return Err(..)` alike.
    pub fn at(file: &'static str, line: usize) -> impl Fn(String) -> LexiconError + Copy {
        move |message| LexiconError {
            file,
            line,
            message,
        }
    }
}

/// The data rows of a tab-separated lexicon: (1-based line number, fields). Blank lines and lines
/// starting with `#` are skipped; rows must have exactly `columns` fields, none empty.
pub fn tsv_rows<'a>(
    file: &'static str,
    source: &'a str,
    columns: usize,
) -> impl Iterator<Item = Result<(usize, Vec<&'a str>), LexiconError>> + 'a {
    crate::text::lines(source)
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(move |(i, l)| {
            let fields: Vec<&str> = l.split('\t').map(str::trim).collect();
            if fields.len() != columns || fields.iter().any(|f| f.is_empty()) {
                return Err(LexiconError {
                    file,
                    line: i + 1,
                    message: format!(
                        "expected {columns} non-empty tab-separated fields, found {}",
                        fields.len()
                    ),
                });
            }
            Ok((i + 1, fields))
        })
}

/// Lowercase words allowed inside a capitalised name ("Bank of England", "Osama bin Laden")
/// (`lexicons/name_connectors.txt`).
pub static NAME_CONNECTORS: Lazy<WordList> = Lazy::new(|| word_list("name_connectors.txt"));

/// Connectors a person's name does not run on through ("John Casesa of Schroder")
/// (`lexicons/person_name_stops.txt`).
pub static PERSON_NAME_STOPS: Lazy<WordList> = Lazy::new(|| word_list("person_name_stops.txt"));

/// Words opening a relative clause after a name and a comma ("X, who met …")
/// (`lexicons/relative_pronouns.txt`).
pub static RELATIVE_PRONOUNS: Lazy<WordList> = Lazy::new(|| word_list("relative_pronouns.txt"));

/// Abbreviations whose period does not end a sentence (`lexicons/abbreviations.txt`).
pub static ABBREVIATIONS: Lazy<WordList> = Lazy::new(|| word_list("abbreviations.txt"));

/// Words that open a sentence after an abbreviation that may end one (`lexicons/sentence_openers.txt`).
pub static SENTENCE_OPENERS: Lazy<WordList> = Lazy::new(|| word_list("sentence_openers.txt"));

/// Titles and roles that may precede a person's name (`lexicons/titles.txt`).
pub static TITLES: Lazy<WordList> = Lazy::new(|| word_list("titles.txt"));

/// Capitalised sentence starters that are not given names (`lexicons/not_names.txt`).
pub static NOT_NAMES: Lazy<WordList> = Lazy::new(|| word_list("not_names.txt"));

/// Given names: evidence that a capitalised word starts a person's name (`lexicons/first_names.txt`:
/// US Census and faker; `lexicons/first_names_nam_dict.txt`: nam_dict's given names of 54 countries,
/// GNU FDL 1.2, kept in a file of its own).
pub static FIRST_NAMES: Lazy<WordList> =
    Lazy::new(|| word_lists(&["first_names.txt", "first_names_nam_dict.txt"]));

/// Particles that belong to a surname ("da Vinci", "Ben Taleblu") (`lexicons/surname_particles.txt`).
pub static SURNAME_PARTICLES: Lazy<WordList> = Lazy::new(|| word_list("surname_particles.txt"));

/// Common surnames (US Census): evidence that a capitalised word ends a person's name
/// (`lexicons/surnames.txt`).
pub static SURNAMES: Lazy<WordList> = Lazy::new(|| word_list("surnames.txt"));

/// Family names written first (Chinese, Korean, Vietnamese) (`lexicons/family_first.txt`).
pub static FAMILY_FIRST: Lazy<WordList> = Lazy::new(|| word_list("family_first.txt"));

/// Prepositions that mark an ambiguous place name as a place (`lexicons/locatives.txt`).
pub static LOCATIVES: Lazy<WordList> = Lazy::new(|| word_list("locatives.txt"));

/// Coordinators inside a longer capitalised name ("Education and Skills")
/// (`lexicons/name_coordinators.txt`).
pub static NAME_COORDINATORS: Lazy<WordList> = Lazy::new(|| word_list("name_coordinators.txt"));

/// Last words of organisation names (`lexicons/org_heads.txt`).
pub static ORG_HEADS: Lazy<WordList> = Lazy::new(|| word_list("org_heads.txt"));

/// Words after a city's name that show it stands for its club (`lexicons/club_context.txt`).
pub static CLUB_CONTEXT: Lazy<WordList> = Lazy::new(|| word_list("club_context.txt"));

/// Plural verbs after a city's name that show it stands for its club (`lexicons/club_verbs.txt`).
pub static CLUB_VERBS: Lazy<WordList> = Lazy::new(|| word_list("club_verbs.txt"));

/// Words between the two sides of a fixture or result ("Chelsea v Arsenal"; `lexicons/fixture_words.txt`).
pub static FIXTURE_WORDS: Lazy<WordList> = Lazy::new(|| word_list("fixture_words.txt"));

/// Words before a team's name in a results line besides the fixture words ("beat";
/// `lexicons/score_line_before.txt`).
pub static SCORE_LINE_BEFORE: Lazy<WordList> = Lazy::new(|| word_list("score_line_before.txt"));

/// Last words of club names that stand alone for the club ("United")
/// (`lexicons/club_short_forms.txt`).
pub static CLUB_SHORT_FORMS: Lazy<WordList> = Lazy::new(|| word_list("club_short_forms.txt"));

/// Nouns naming a kind of creative work, before its title ("the film Vera Drake")
/// (`lexicons/work_cues.txt`).
pub static WORK_CUES: Lazy<WordList> = Lazy::new(|| word_list("work_cues.txt"));

/// First words of sports club names (`lexicons/club_prefixes.txt`).
pub static CLUB_PREFIXES: Lazy<WordList> = Lazy::new(|| word_list("club_prefixes.txt"));

/// First words of "<word> of/for/on …" organisation names (`lexicons/org_patterns.txt`).
pub static ORG_PATTERNS: Lazy<WordList> = Lazy::new(|| word_list("org_patterns.txt"));

/// Nouns naming a poll: a sentence-opening "In …," phrase holding one is the sentence's source
/// (`lexicons/poll_heads.txt`; the `opening` frame of `lexicons/cues.tsv`).
pub static POLL_HEADS: Lazy<WordList> = Lazy::new(|| word_list("poll_heads.txt"));

/// The first bytes and lengths of the nouns of [`POLL_HEADS`].
static POLL_HEAD_SHAPES: Lazy<FirstByteLengths> =
    Lazy::new(|| FirstByteLengths::of(POLL_HEADS.iter().map(str::as_bytes)));

/// Whether `word`, its ASCII letters lowercased, is a noun of [`POLL_HEADS`]: most words are told
/// by their first byte and length alone, without lowering them or a look-up.
pub fn is_poll_head(word: &str) -> bool {
    POLL_HEAD_SHAPES.may_hold(word.as_bytes()) && POLL_HEADS.contains_lowercased(word)
}

/// Verbs whose subject voices the noun cue that is their object ("expressed concern that …";
/// `lexicons/voicing_verbs.txt`).
pub static VOICING_VERBS: Lazy<WordList> = Lazy::new(|| word_list("voicing_verbs.txt"));
/// Prepositions that may open the complement of a cue read in the agentless passive, and are then
/// part of the cue (the `passive` frame of `lexicons/cues.tsv`: "was criticized for …", "is
/// accused of …";
/// `lexicons/passive_complements.txt`).
pub static PASSIVE_COMPLEMENTS: Lazy<WordList> = Lazy::new(|| word_list("passive_complements.txt"));

/// Last words of event, prize and treaty names, which are not entities (`lexicons/event_heads.txt`).
pub static EVENT_HEADS: Lazy<WordList> = Lazy::new(|| word_list("event_heads.txt"));

/// First words of a team-sports document's first line (`lexicons/team_sports.txt`, lower case).
pub static TEAM_SPORTS: Lazy<WordList> = Lazy::new(|| word_list("team_sports.txt"));

/// Words before a place's name that keep it a place in a team-sports document
/// (`lexicons/place_before.txt`).
pub static PLACE_BEFORE: Lazy<WordList> = Lazy::new(|| word_list("place_before.txt"));

/// Words and phrases before a town's name that show it names the town's team
/// (`lexicons/team_before.txt`, lower case: "beat", "lost to", "signed for").
pub static TEAM_BEFORE: Lazy<WordList> = Lazy::new(|| word_list("team_before.txt"));

/// Letters after a person's name that are no part of it (`lexicons/post_nominals.txt`: QC, MP).
pub static POST_NOMINALS: Lazy<WordList> = Lazy::new(|| word_list("post_nominals.txt"));

/// Last words of names that are competitions in sports text (`lexicons/competition_heads.txt`).
pub static COMPETITION_HEADS: Lazy<WordList> = Lazy::new(|| word_list("competition_heads.txt"));

/// Words after such a name that show it is a competition (`lexicons/competition_after.txt`).
pub static COMPETITION_AFTER: Lazy<WordList> = Lazy::new(|| word_list("competition_after.txt"));

/// Articles and prepositions that, capitalised, end no person's name and stand inside none
/// (`lexicons/person_name_breaks.txt`, lower case: "the", "against").
pub static PERSON_NAME_BREAKS: Lazy<WordList> = Lazy::new(|| word_list("person_name_breaks.txt"));

/// Words of a cricket scorecard before a fielder's or bowler's name
/// (`lexicons/scorecard_dismissals.txt`: "c", "b", "st").
pub static SCORECARD_DISMISSALS: Lazy<WordList> =
    Lazy::new(|| word_list("scorecard_dismissals.txt"));

/// Phrases before such a name that show it is a competition (`lexicons/competition_before.txt`,
/// lower case: "qualify for the").
pub static COMPETITION_BEFORE: Lazy<WordList> = Lazy::new(|| word_list("competition_before.txt"));

/// Words, mostly acronyms, that name no entity (`lexicons/not_entities.txt`).
pub static NOT_ENTITIES: Lazy<WordList> = Lazy::new(|| word_list("not_entities.txt"));

/// Conjunctions opening a subordinate clause at a sentence's start (`lexicons/subordinators.txt`).
pub static SUBORDINATORS: Lazy<WordList> = Lazy::new(|| word_list("subordinators.txt"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_file_passes_its_check_and_has_a_manifest_row() {
        check_all().unwrap_or_else(|e| panic!("{e}"));
        let specs = read_manifest(FILES).unwrap();
        for (name, _) in FILES {
            assert!(
                *name == MANIFEST || specs.iter().any(|s| s.file == *name),
                "{name} has no manifest row"
            );
        }
        // Every list the code reads by name is in the manifest and loads.
        for list in [
            &*ABBREVIATIONS,
            &*SENTENCE_OPENERS,
            &*TITLES,
            &*FIRST_NAMES,
            &*SURNAMES,
            &*NOT_ENTITIES,
            &*FIXTURE_WORDS,
            &*SCORE_LINE_BEFORE,
            &*EVENT_HEADS,
            &*WORK_CUES,
            &*RELATIVE_PRONOUNS,
        ] {
            assert!(list.iter().next().is_some());
        }
    }

    #[test]
    fn the_readme_lists_the_lexicons_as_the_manifest_does() {
        let readme = include_str!("../README.md");
        let block = readme
            .split("<!-- lexicons:begin -->\n")
            .nth(1)
            .and_then(|rest| rest.split("<!-- lexicons:end -->").next())
            .expect("README.md has a lexicons:begin/end block");
        assert_eq!(
            block,
            readme_section(),
            "README's Lexicons list differs from lexicons/manifest.tsv: paste the output of \
             `claimgraph lexicons --markdown` between the markers"
        );
    }

    #[test]
    fn list_faults_name_the_file_and_line() {
        let fault = |source: &str, kind| check_list("x.txt", source, kind).unwrap_err().to_string();
        assert_eq!(
            fault("# c\nGen\nCol\nGen\n", Entries::Word),
            "lexicons/x.txt:4: \"Gen\" is listed twice (line 2)"
        );
        assert!(fault("Grand Prix\n", Entries::Word)
            .starts_with("lexicons/x.txt:1: \"Grand Prix\": one word per line"));
        assert!(fault("a\nThe\n", Entries::LowerWord)
            .starts_with("lexicons/x.txt:2: \"The\": entries of this list are lower case"));
        assert!(fault("the  latest\n", Entries::LowerPhrase).contains("one space"));
        assert!(fault(" Mr\n", Entries::Word).contains("space before or after"));
        assert!(fault("a;b\n", Entries::Word).contains("';' is not a letter"));
        // What a kind allows.
        check_list("x.txt", "Mr.\nO'Neil\nAT&T\nÁdám\nco-op\n", Entries::Word).unwrap();
        check_list("x.txt", "Supreme Leader\nMr\n", Entries::Phrase).unwrap();
        check_list("x.txt", "# A comment\n\nthe latest\n", Entries::LowerPhrase).unwrap();
    }

    #[test]
    fn manifest_faults_name_the_line() {
        let files = |manifest: &'static str| -> Vec<(&'static str, &'static str)> {
            vec![(MANIFEST, manifest), ("a.txt", "x\n"), ("b.tsv", "x\ty\n")]
        };
        let fault =
            |manifest: &'static str| read_manifest(&files(manifest)).unwrap_err().to_string();
        let ok = "a.txt\tword\tG\tuse\nb.tsv\ttable\tG\tuse\n";
        assert_eq!(read_manifest(&files(ok)).unwrap().len(), 2);
        assert!(fault("a.txt\twords\tG\tuse\n")
            .starts_with("lexicons/manifest.tsv:1: unknown entries \"words\""));
        assert!(
            fault("a.txt\tword\tG\tuse\nb.tsv\ttable\tG\tuse\na.txt\tword\tG\tuse\n")
                .starts_with("lexicons/manifest.tsv:3: \"a.txt\" has a row already (line 1)")
        );
        assert!(
            fault("a.txt\tword\tG\tuse\nb.tsv\ttable\tG\tuse\nc.txt\tword\tG\tuse\n")
                .starts_with("lexicons/manifest.tsv:3: no file \"c.txt\"")
        );
        assert!(fault("a.txt\tword\tG\tuse\n").contains("lexicons/b.tsv has no row"));
    }

    #[test]
    fn a_list_checked_at_start_up_is_the_list_its_reader_takes() {
        check_all().unwrap();
        for file in ["titles.txt", "surnames.txt"] {
            let (taken, parsed) = (word_list(file), WordList::parse(bundled(file)));
            let mut taken: Vec<&str> = taken.iter().collect();
            let mut parsed: Vec<&str> = parsed.iter().collect();
            taken.sort_unstable();
            parsed.sort_unstable();
            assert_eq!(taken, parsed, "{file}");
        }
        let names = word_lists(&["first_names.txt", "first_names_nam_dict.txt"]);
        assert!(names.contains("James"));
    }

    #[test]
    fn packed_probes_agree_with_the_entries() {
        // Every list, and near misses of every entry: each byte changed, one byte fewer at either
        // end, one more, another case; plus words of every length around the packed ones.
        let mut asked = 0;
        let mut filtered = 0;
        for spec in MANIFEST_SPECS.iter().filter(|s| s.entries.is_list()) {
            let list = WordList::parse(bundled(spec.file));
            filtered += usize::from(!list.packed.filter.is_empty());
            let mut check = |w: &[u8]| {
                if let Ok(word) = std::str::from_utf8(w) {
                    let expected = list.entries.contains(word);
                    assert_eq!(list.contains(word), expected, "{}: {word:?}", spec.file);
                    let by_first = list.contains_by_first(word);
                    assert_eq!(by_first, expected, "{}: {word:?}", spec.file);
                    asked += 1;
                }
            };
            for entry in list.iter() {
                let b = entry.as_bytes();
                check(b);
                for i in 0..b.len() {
                    for d in [1u8, 32] {
                        let mut w = b.to_vec();
                        w[i] ^= d;
                        check(&w);
                    }
                }
                check(&b[1..]);
                check(&b[..b.len() - 1]);
                check(&[b, b"s"].concat());
                check(&[b"a", b].concat());
                check(entry.to_lowercase().as_bytes());
            }
            for n in 0..=2 * Packed::MAX {
                check("a".repeat(n).as_bytes());
            }
        }
        assert!(asked > 100_000, "{asked}");
        // The big lists' filters are asked too (surnames, given names).
        assert!(filtered >= 2, "{filtered}");
    }

    #[test]
    fn bundled_lists_load() {
        assert!(ABBREVIATIONS.contains("Mr"));
        assert!(ABBREVIATIONS.contains("U.S"));
        assert!(TITLES.contains("Supreme Leader"));
        assert!(!TITLES.contains("# Titles"));
        assert!(SUBORDINATORS.contains("although"));
        for word in ["although", "Although", "ALTHOUGH", "aLtHoUgH"] {
            assert!(SUBORDINATORS.contains_lowercased(word), "{word}");
        }
        let long = format!("{}Although", "é".repeat(20));
        assert!(!SUBORDINATORS.contains_lowercased(&long));
        assert!(!SUBORDINATORS.contains_lowercased("Said"));
    }

    #[test]
    fn word_shapes_let_every_word_of_their_list_through() {
        for file in [
            "fixture_words.txt",
            "work_cues.txt",
            "competition_heads.txt",
            "scorecard_dismissals.txt",
            "apposition_determiners.txt",
            "person_relatives.txt",
        ] {
            let list = word_list(file);
            let shapes = list.shapes();
            for w in list.iter() {
                let b = w.as_bytes();
                assert!(
                    b.first().is_none_or(|&f| shapes.may_start(f)),
                    "{file}: {w}"
                );
                assert!(b.last().is_none_or(|&l| shapes.may_end(l)), "{file}: {w}");
                assert!(shapes.may_have_len(w.len()) && w.len() <= shapes.longest());
            }
        }
        let shapes = WordShapes::of(["of", "in"]).or_starting(b'0'..=b'9');
        assert!(shapes.may_start(b'o') && shapes.may_start(b'7') && !shapes.may_start(b'a'));
        assert!(shapes.may_end(b'f') && shapes.may_end(b'n') && !shapes.may_end(b'o'));
        assert!(shapes.may_have_len(2) && !shapes.may_have_len(3) && !shapes.may_have_len(100));
        assert_eq!(shapes.longest(), 2);
        let any = WordShapes::of(["", &"x".repeat(70)]);
        assert!(any.may_start(b'q') && any.may_end(b'q') && any.may_have_len(0));
        assert!(any.may_have_len(63) && any.may_have_len(200) && !any.may_have_len(5));
    }

    #[test]
    fn first_byte_lengths_tell_words_apart_case_aside() {
        let words = ["he", "she", "mr.", "spokesman"];
        let shapes = FirstByteLengths::of(words.iter().map(|w| w.as_bytes()));
        for w in words {
            assert!(shapes.may_hold(w.as_bytes()) && shapes.may_hold(w.to_uppercase().as_bytes()));
        }
        for w in ["", "h", "hers", "Mrs.", "sh", "x"] {
            assert!(!shapes.may_hold(w.as_bytes()), "{w}");
        }
        let long = "s".repeat(40);
        let shapes = FirstByteLengths::of([long.as_bytes()]);
        // Lengths from 31 on share one bit.
        assert!(
            shapes.may_hold(&long.as_bytes()[..31]) && !shapes.may_hold(&long.as_bytes()[..30])
        );
    }
}
