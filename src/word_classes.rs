//! The lexicon classes of the token layer: what each word of the lexicons the claims rules ask on
//! every token is, looked up once per token by the token pass and stored on the token
//! ([`crate::tokens::Tok::classes`]), so no rule folds a word into a key and looks it up again.
//!
//! The classes come from the bundled lexicons: `lexicons/speakers.tsv` (a word's speaker-phrase
//! role, and whether a determiner stands for a group of speakers) and `lexicons/cues.tsv` (whether
//! the word is the first word of a cue). A word is matched as the lexicons match it, by its
//! [`Key`]: ASCII case folded, ’ read as '.
//!
//! Entity discovery's word lists, which are case-sensitive, are classes too ([`ENTITY_LISTS`]):
//! there a class says that the word *may* be listed (an entry has the word's key), so discovery
//! asks the list itself only about the few words whose class is set ([`Classes::may_be`]).

use crate::claims::cues::CUES;
use crate::claims::speaker::{Role, WORDS};
use crate::claims::SpeakerType;
use crate::lexicon::{
    WordList, ABBREVIATIONS, CLUB_CONTEXT, CLUB_PREFIXES, CLUB_VERBS, EVENT_HEADS, NAME_CONNECTORS,
    NOT_NAMES, ORG_HEADS, ORG_PATTERNS, PERSON_NAME_BREAKS, PERSON_NAME_STOPS,
    SCORECARD_DISMISSALS, SUBORDINATORS, TITLES, WORK_CUES,
};
use crate::tokens::Key;
use once_cell::sync::Lazy;

/// The classes of one word, as bits: its speaker-phrase role (a small code) and flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Classes(u32);

/// The bits of the role code (0: no role).
const ROLE_MASK: u32 = 0x1f;

/// Where the code of the word's function-word classes starts (see [`Classes::function_code`]).
const FUNCTION_SHIFT: u32 = 32 - crate::claims::function_words::CODE_BITS;

/// The bits of the function-word code.
const FUNCTION_MASK: u32 = u32::MAX << FUNCTION_SHIFT;

// The code takes bits no flag uses.
const _: () = assert!(Classes::ABBREVIATION.0 < 1 << FUNCTION_SHIFT);

impl Classes {
    /// A word of no class (and every token that is not a word).
    pub const NONE: Classes = Classes(0);
    /// A determiner that stands for its speakers by itself ("most said"): a `determiner` row of
    /// `speakers.tsv` with the type `group`.
    pub const GROUP_DETERMINER: Classes = Classes(1 << 5);
    /// The first word of a cue of `cues.tsv` ("said", "according", "didn't").
    pub const CUE_FIRST: Classes = Classes(1 << 6);

    /// An entry of `lexicons/not_names.txt` ("The", "Monday") has the word's key.
    pub const NOT_NAME: Classes = Classes(1 << 7);
    /// An entry of `lexicons/name_connectors.txt` ("of", "bin") has the word's key.
    pub const NAME_CONNECTOR: Classes = Classes(1 << 8);
    /// The first word of an entry of `lexicons/titles.txt` ("Mr", "Prime" of "Prime Minister") has
    /// the word's key.
    pub const TITLE_FIRST: Classes = Classes(1 << 9);
    /// An entry of `lexicons/org_heads.txt` ("Institute") has the word's key.
    pub const ORG_HEAD: Classes = Classes(1 << 10);
    /// An entry of `lexicons/org_patterns.txt` ("Ministry") has the word's key.
    pub const ORG_PATTERN: Classes = Classes(1 << 11);
    /// An entry of `lexicons/club_prefixes.txt` ("Real") has the word's key.
    pub const CLUB_PREFIX: Classes = Classes(1 << 12);
    /// An entry of `lexicons/event_heads.txt` ("Cup") has the word's key.
    pub const EVENT_HEAD: Classes = Classes(1 << 13);
    /// An entry of `lexicons/person_name_stops.txt` ("of") has the word's key.
    pub const NAME_STOP: Classes = Classes(1 << 14);
    /// The first word of an evidence phrase of `lexicons/org_evidence.tsv` that follows the word it
    /// promotes, for any word ("spokesman", "shares"), has the word's key.
    pub const EVIDENCE_AFTER: Classes = Classes(1 << 15);
    /// The same for a phrase that promotes an acronym only ("said" of "SDA said").
    pub const EVIDENCE_AFTER_ACRONYM: Classes = Classes(1 << 16);
    /// The last word of an evidence phrase that comes before the word it promotes ("in" of "shares
    /// in") has the word's key.
    pub const EVIDENCE_BEFORE: Classes = Classes(1 << 17);
    /// Any of the three classes of the evidence phrases' words next to the word they promote
    /// ([`Classes::EVIDENCE_AFTER`], [`Classes::EVIDENCE_AFTER_ACRONYM`],
    /// [`Classes::EVIDENCE_BEFORE`]), for [`Classes::any`].
    pub const EVIDENCE: Classes = Classes(1 << 15 | 1 << 16 | 1 << 17);
    /// An entry of `lexicons/scorecard_dismissals.txt` ("c", "b") has the word's key.
    pub const DISMISSAL: Classes = Classes(1 << 18);
    /// An entry of `lexicons/person_name_breaks.txt` ("the", "against") has the word's key.
    pub const NAME_BREAK: Classes = Classes(1 << 19);
    /// An entry of `lexicons/work_cues.txt` ("film", "album") has the word's key.
    pub const WORK_CUE: Classes = Classes(1 << 20);
    /// An entry of `lexicons/club_context.txt` ("manager", "fans") has the word's key.
    pub const CLUB_CONTEXT: Classes = Classes(1 << 21);
    /// An entry of `lexicons/club_verbs.txt` ("have") has the word's key.
    pub const CLUB_VERB: Classes = Classes(1 << 22);
    /// The word may have no key (a byte beyond ASCII, or longer than [`Key::MAX`]): its other
    /// classes cannot tell which entity lists do not hold it.
    pub const KEYLESS: Classes = Classes(1 << 23);
    /// A subordinating conjunction of `lexicons/subordinators.txt` ("when", "although"), in any
    /// case: the claims rules ask it of the words around a reported clause.
    pub const SUBORDINATOR: Classes = Classes(1 << 24);
    /// An entry of `lexicons/abbreviations.txt` ("Mr", "U.S") has the word's key: the token pass
    /// asks the list itself whether the word keeps a period after it only when this is set.
    pub const ABBREVIATION: Classes = Classes(1 << 25);

    /// Whether `word`, whose classes these are, may be an entry of the entity word list that
    /// `flag` stands for ([`ENTITY_LISTS`]): the class is set, or the word has no key (a letter
    /// beyond ASCII or ’, or longer than [`Key::MAX`]; such entries have no class either), so its
    /// classes cannot tell. A word for which this is false is not in the list.
    #[inline]
    pub fn may_be(self, flag: Classes, word: &str) -> bool {
        self.0 & flag.0 != 0 || word.len() > Key::MAX || !word.is_ascii()
    }

    /// [`Classes::may_be`] told by the bits alone, for classes a token was given
    /// ([`crate::tokens::Tok::classes`], [`at`]), which say when the word may have no key.
    #[inline]
    pub fn may_list(self, flag: Classes) -> bool {
        self.0 & (flag.0 | Classes::KEYLESS.0) != 0
    }

    /// Whether every bit of `flag` is set.
    #[inline]
    pub fn has(self, flag: Classes) -> bool {
        self.0 & flag.0 == flag.0
    }

    /// Whether any bit of `flags` is set.
    #[inline]
    pub fn any(self, flags: Classes) -> bool {
        self.0 & flags.0 != 0
    }

    /// These classes with the flags of `other` added (not its role nor its function-word code:
    /// a code is no flag, and two codes ORed mean nothing).
    #[inline]
    pub fn or_flags(self, other: Classes) -> Classes {
        Classes(self.0 | other.0 & !(ROLE_MASK | FUNCTION_MASK))
    }

    /// The code of the word's classes among the claims rules' function words
    /// ([`crate::claims::function_words::FunctionWords::codes`]; 0: in none), which
    /// `FunctionWords::is_coded` reads instead of the word.
    #[inline]
    pub fn function_code(self) -> u8 {
        (self.0 >> FUNCTION_SHIFT) as u8
    }

    /// The role's code (0: no role); see [`Classes::role`].
    #[inline]
    pub(crate) fn role_code(self) -> u32 {
        self.0 & ROLE_MASK
    }

    /// The classes as bits (for ORing many: [`crate::tokens::SentenceBits`]).
    #[inline]
    pub(crate) fn bits(self) -> u32 {
        self.0
    }

    /// Classes from [`Classes::bits`].
    #[inline]
    pub(crate) fn from_bits(bits: u32) -> Classes {
        Classes(bits)
    }

    /// The word's role in a speaker phrase (`speakers.tsv`), if it has one: read from its code
    /// ([`role_code`]) by a table of every role, with no look-up in the lexicon's tables (the
    /// claims rules ask it of nearly every token they pass).
    #[inline]
    pub fn role(self) -> Option<Role> {
        ROLES[(self.0 & ROLE_MASK) as usize]
    }
}

/// The code of `role` in [`Classes`]' role bits: the pronouns by their speaker type, 1 to 6;
/// the nouns, 7 to 12; then the roles of no type, 13 to 17 (0: no role).
const fn role_code(role: Role) -> u32 {
    match role {
        Role::Pronoun(t) => 1 + t as u32,
        Role::Noun(t) => 1 + SpeakerType::ALL.len() as u32 + t as u32,
        Role::Relative => 13,
        Role::Determiner => 14,
        Role::Adverb => 15,
        Role::Stop => 16,
        Role::Preposition => 17,
    }
}

// Every role has a code of its own within the role bits.
const _: () = assert!(role_code(Role::Preposition) <= ROLE_MASK);
const _: () = assert!(role_code(Role::Noun(SpeakerType::Unresolved)) < role_code(Role::Relative));

/// Every role by its code ([`role_code`]); None for 0 and the codes no role has.
const ROLES: [Option<Role>; ROLE_MASK as usize + 1] = {
    let mut table = [None; ROLE_MASK as usize + 1];
    let mut i = 0;
    while i < SpeakerType::ALL.len() {
        let t = SpeakerType::ALL[i];
        table[role_code(Role::Pronoun(t)) as usize] = Some(Role::Pronoun(t));
        table[role_code(Role::Noun(t)) as usize] = Some(Role::Noun(t));
        i += 1;
    }
    let untyped = [
        Role::Relative,
        Role::Determiner,
        Role::Adverb,
        Role::Stop,
        Role::Preposition,
    ];
    let mut i = 0;
    while i < untyped.len() {
        table[role_code(untyped[i]) as usize] = Some(untyped[i]);
        i += 1;
    }
    table
};

/// The classes of every lexicon word, by key. Most running words are short: a word of up to eight
/// bytes is looked up as one integer, its bytes in ASCII lowercase, in a table of its own; longer
/// words by their [`Key`], after a quick test that passes over most of them.
#[derive(Debug)]
struct Table {
    /// An open-addressing table of the short words (linear probing; 0, which no word packs to,
    /// marks a free slot) and, in the same slots, their classes and cue numbers: a look-up is a
    /// multiply and a compare or two.
    short: Box<ShortWords>,
    /// In the same slots, the words' numbers in the content-boundary model's vocabulary
    /// ([`crate::claims::boundaries::vocabulary`]; 0: none), read only by [`number_at`].
    short_numbers: Box<[u8; SHORT_SLOTS]>,
    /// The same for the longer words' keys ([`Key::EMPTY`] marks a free slot), and the numbers of
    /// the bundled cue lexicon's first words
    /// ([`crate::claims::cues::CueLexicon::numbered_first_words`]; 0: none).
    keys: Vec<Key>,
    classes: Vec<Classes>,
    numbers: Vec<u8>,
    cues: Vec<u16>,
    /// The [`shape`]s of the listed words, one bit each: most words of a text have a shape no
    /// listed word has, and are passed over without a key or a look-up.
    shapes: [u64; SHAPE_BITS / 64],
}

/// Slots of the key table: a power of two, several times the number of listed words.
const SLOTS: usize = 1 << 12;

/// Slots of the table of short words ([`ShortWords`]), which the token pass asks of nearly every
/// word: a power of two, more than twice the number of listed short words (1,283). The token
/// pass reads one slot a word without a branch on it ([`Lookup::short_entry`]), so the table's
/// size counts for the cache it takes (32 KiB of words and 32 KiB of entries), and only words
/// whose first slot is marked [`WordEntry::ONWARD`] (about 4 in 100) probe on.
const SHORT_SLOTS: usize = 1 << 12;

/// The table's short words (packed as [`Key::short`] gives them; 0 marks a free slot) and, in the
/// same slots, their entries: one allocation, so that a caller that looks up many words (the
/// token pass, [`Lookup`]) reaches both from one pointer, which it keeps in one register.
#[derive(Debug)]
struct ShortWords {
    words: [u64; SHORT_SLOTS],
    entries: [WordEntry; SHORT_SLOTS],
}

impl ShortWords {
    /// The slot holding the short word `word` (packed as [`Key::short`] gives it), or the free
    /// slot where it would go: the one probe of the table, for building it and for every look-up
    /// that probes ([`Table::classes_of`], [`Slot::at`], and [`Lookup::short_entry`] past a
    /// marked slot).
    #[inline(always)]
    fn slot_of(&self, word: u64) -> usize {
        let mut i = home_of_short(word);
        while self.words[i] != word && self.words[i] != 0 {
            i = (i + 1) & (SHORT_SLOTS - 1);
        }
        i
    }
}

impl Table {
    /// The first slot to try for `key`.
    #[inline]
    fn slot(key: &Key) -> usize {
        (key.mixed().wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOTS.trailing_zeros())) as usize
    }

    /// The slot holding `key`, or the free slot where it would go.
    #[inline]
    fn find(&self, key: &Key) -> usize {
        let mut i = Table::slot(key);
        while self.keys[i] != *key && self.keys[i] != Key::EMPTY {
            i = (i + 1) & (SLOTS - 1);
        }
        i
    }

    /// The classes of the word whose key is `key`.
    #[inline]
    fn classes_of(&self, key: &Key) -> Classes {
        match key.short() {
            Some(word) => self.short.entries[self.short.slot_of(word)].classes(),
            None => self.classes[self.find(key)],
        }
    }
}

/// The first slot to try for the short word `word` (packed as [`Key::short`] gives it) in the
/// table of short words.
#[inline(always)]
fn home_of_short(word: u64) -> usize {
    (word.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SHORT_SLOTS.trailing_zeros())) as usize
}

/// Bits for word shapes: many times the number of listed words, so that a word shaped like none of
/// them seldom shares a bit with one.
const SHAPE_BITS: usize = 16384;

/// A word's shape as a bit index: its first and last bytes, ASCII lowercase, and its length in
/// bytes. Words with the same key have the same first and last bytes when these are ASCII, and
/// lengths that differ by two for each ’ read as '.
fn shape(first: u8, last: u8, len: usize) -> usize {
    let a = usize::from(first.to_ascii_lowercase());
    let z = usize::from(last.to_ascii_lowercase());
    // A small odd multiplier spreads the three parts over the bits (the classic string-hash step).
    ((a * 31 + z) * 31 + len) % SHAPE_BITS
}

/// A table of `N` slots, each `free`; fixed in size, so that an index masked to the table's size
/// needs no bounds check.
fn slots<T: Copy, const N: usize>(free: T) -> Box<[T; N]> {
    match vec![free; N].into_boxed_slice().try_into() {
        Ok(table) => table,
        Err(_) => unreachable!("a vector of N slots"),
    }
}

static TABLE: Lazy<Table> = Lazy::new(|| {
    let mut table = Table {
        short: Box::new(ShortWords {
            words: [0; SHORT_SLOTS],
            entries: [WordEntry::default(); SHORT_SLOTS],
        }),
        short_numbers: slots(0),
        keys: vec![Key::EMPTY; SLOTS],
        classes: vec![Classes::NONE; SLOTS],
        numbers: vec![0; SLOTS],
        cues: vec![0; SLOTS],
        shapes: [0; SHAPE_BITS / 64],
    };
    // Adds a word's classes (and boundary-vocabulary number) and returns its slot.
    let add = |table: &mut Table, key: Key, classes: Classes, number: u8| -> Slot {
        let bytes = key.bytes();
        if let (Some(&a), Some(&z)) = (bytes.first(), bytes.last()) {
            // "didn't" is also "didn’t", two bytes longer.
            let apostrophes = bytes.iter().filter(|&&b| b == b'\'').count();
            for extra in 0..=apostrophes {
                let bit = shape(a, z, bytes.len() + 2 * extra);
                crate::swar::set_bit(&mut table.shapes, bit);
            }
        }
        if let Some(word) = key.short() {
            let i = table.short.slot_of(word);
            let home = home_of_short(word);
            if i != home {
                // The word goes past its first slot: a look-up that finds another word there
                // goes on ([`Lookup::short_entry`]).
                table.short.entries[home].0 |= WordEntry::ONWARD;
            }
            table.short.words[i] = word;
            table.short.entries[i].0 |= u64::from(classes.0);
            table.short_numbers[i] |= number;
            Slot::Short(i)
        } else {
            let i = table.find(&key);
            table.keys[i] = key;
            table.classes[i].0 |= classes.0;
            table.numbers[i] |= number;
            Slot::Long(i)
        }
    };
    for (key, role, group) in WORDS.words() {
        let mut classes = Classes(role_code(role));
        if group {
            classes.0 |= Classes::GROUP_DETERMINER.0;
        }
        add(&mut table, key, classes, 0);
    }
    for (key, number) in CUES.numbered_first_words() {
        let number = u16::try_from(number).expect("fewer cue first words than 2^16");
        match add(&mut table, key, Classes::CUE_FIRST, 0) {
            Slot::Short(i) => table.short.entries[i].0 |= u64::from(number) << 32,
            Slot::Long(i) => table.cues[i] = number,
        }
    }
    for (list, class) in ENTITY_LISTS.iter() {
        for entry in list.iter() {
            // A title's first word: discovery tries a title only where one can start.
            let word = match *class {
                Classes::TITLE_FIRST => entry.split(' ').next().unwrap_or(entry),
                _ => entry,
            };
            if let Some(key) = Key::of(word) {
                add(&mut table, key, *class, 0);
            }
        }
    }
    for entry in SUBORDINATORS.iter() {
        if let Some(key) = Key::of(entry) {
            add(&mut table, key, Classes::SUBORDINATOR, 0);
        }
    }
    for entry in ABBREVIATIONS.iter() {
        if let Some(key) = Key::of(entry) {
            add(&mut table, key, Classes::ABBREVIATION, 0);
        }
    }
    // The claims rules' function words, each with the code of its classes.
    for &(key, code) in crate::claims::function_words::FUNCTION_WORDS.codes() {
        add(
            &mut table,
            key,
            Classes(u32::from(code) << FUNCTION_SHIFT),
            0,
        );
    }
    // The content-boundary model's words, numbered from 1.
    for (i, key) in crate::claims::boundaries::vocabulary().iter().enumerate() {
        add(&mut table, *key, Classes::NONE, (i + 1) as u8);
    }
    // The organisation evidence phrases' words next to the word they promote.
    for phrase in crate::org_evidence::EVIDENCE.iter() {
        let (next, class) = match (phrase.after, phrase.acronym_only) {
            (true, false) => (phrase.words.first(), Classes::EVIDENCE_AFTER),
            (true, true) => (phrase.words.first(), Classes::EVIDENCE_AFTER_ACRONYM),
            (false, _) => (phrase.words.last(), Classes::EVIDENCE_BEFORE),
        };
        if let Some(key) = next.and_then(|w| Key::of(w)) {
            add(&mut table, key, class, 0);
        }
    }
    let used = table.keys.iter().filter(|k| **k != Key::EMPTY).count();
    let short = table.short.words.iter().filter(|&&w| w != 0).count();
    assert!(
        used * 2 < SLOTS && short * 2 < SHORT_SLOTS,
        "the word-class table needs more slots"
    );
    table
});

/// Entity discovery's word lists and their classes (for [`Classes::TITLE_FIRST`], the class of the
/// first word of each entry).
pub static ENTITY_LISTS: [(&Lazy<WordList>, Classes); 13] = [
    (&NOT_NAMES, Classes::NOT_NAME),
    (&NAME_CONNECTORS, Classes::NAME_CONNECTOR),
    (&TITLES, Classes::TITLE_FIRST),
    (&ORG_HEADS, Classes::ORG_HEAD),
    (&ORG_PATTERNS, Classes::ORG_PATTERN),
    (&CLUB_PREFIXES, Classes::CLUB_PREFIX),
    (&EVENT_HEADS, Classes::EVENT_HEAD),
    (&PERSON_NAME_STOPS, Classes::NAME_STOP),
    (&SCORECARD_DISMISSALS, Classes::DISMISSAL),
    (&PERSON_NAME_BREAKS, Classes::NAME_BREAK),
    (&WORK_CUES, Classes::WORK_CUE),
    (&CLUB_CONTEXT, Classes::CLUB_CONTEXT),
    (&CLUB_VERBS, Classes::CLUB_VERB),
];

/// The classes of the word `text[start..end]` (a token).
#[inline(always)]
pub fn at(text: &str, start: usize, end: usize) -> Classes {
    // A short ASCII word, most running words: packed straight from the text.
    match Key::short_at(text, start, end) {
        Some(word) => Lookup::get().short(word),
        None => at_long(text, start, end),
    }
}

/// The number of the word `text[start..end]` (a token) in the content-boundary model's
/// vocabulary ([`crate::claims::boundaries::vocabulary`]; 0: none), by the same look-up as [`at`].
#[inline]
pub fn number_at(text: &str, start: usize, end: usize) -> u8 {
    let table = &*TABLE;
    match Slot::at(table, text, start, end) {
        Some(Slot::Short(i)) => table.short_numbers[i],
        Some(Slot::Long(i)) => table.numbers[i],
        None => 0,
    }
}

/// The number of the word `text[start..end]` (a token) among the first words of the bundled
/// cue lexicon ([`crate::claims::cues::CueLexicon::numbered_first_words`]; 0: none), by the same
/// look-up as [`at`].
#[inline]
pub fn cue_number_at(text: &str, start: usize, end: usize) -> u16 {
    let table = &*TABLE;
    match Slot::at(table, text, start, end) {
        Some(Slot::Short(i)) => table.short.entries[i].cue(),
        Some(Slot::Long(i)) => table.cues[i],
        None => 0,
    }
}

/// Where a word is in the table: its slot among the short words or among the longer words' keys.
enum Slot {
    Short(usize),
    Long(usize),
}

impl Slot {
    /// The slot of the word `text[start..end]` (a token), or None when it has no key.
    #[inline]
    fn at(table: &Table, text: &str, start: usize, end: usize) -> Option<Slot> {
        let short = |word: u64| Slot::Short(table.short.slot_of(word));
        match Key::short_at(text, start, end) {
            Some(word) => Some(short(word)),
            None => Key::at(text, start, end).map(|key| {
                key.short()
                    .map_or_else(|| Slot::Long(table.find(&key)), short)
            }),
        }
    }
}

/// [`at`] for a word longer than eight bytes or beyond ASCII (or near the end of the text).
#[inline(never)]
fn at_long(text: &str, start: usize, end: usize) -> Classes {
    let table = &*TABLE;
    let b = &text.as_bytes()[start..end];
    let (Some(&a), Some(&z)) = (b.first(), b.last()) else {
        return Classes::NONE;
    };
    // As `Classes::may_be` tells a word that may have no key.
    let keyless = if b.len() > Key::MAX || !b.is_ascii() {
        Classes::KEYLESS
    } else {
        Classes::NONE
    };
    let bit = shape(a, z, b.len());
    if a.is_ascii() && z.is_ascii() && !crate::swar::bit(&table.shapes, bit) {
        return keyless;
    }
    let Some(key) = Key::at(text, start, end) else {
        return keyless;
    };
    Classes(table.classes_of(&key).0 | keyless.0)
}

/// The table of classes held for a caller that looks up many words, such as the token pass
/// ([`crate::tokens`]): the table is reached once, not once per word.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lookup {
    table: &'static Table,
    /// The table's short words and their classes, reached once (not through the table per word).
    short: &'static ShortWords,
}

impl Lookup {
    /// The table (built on first use).
    #[inline]
    pub(crate) fn get() -> Lookup {
        let table: &'static Table = &TABLE;
        Lookup {
            table,
            short: &table.short,
        }
    }

    /// The classes of a word of one to eight ASCII bytes packed as [`Key::short`] gives it (what
    /// [`at`] answers for the word).
    #[inline(always)]
    pub(crate) fn short(self, word: u64) -> Classes {
        self.short_entry(word).classes()
    }

    /// [`Lookup::short`], and the word's number among the bundled cue lexicon's first words (what
    /// [`cue_number_at`] answers; 0: none), read with the classes in one load, so the token pass
    /// stores the number of a cue's first word ([`crate::tokens::CueStart`]) at no cost to the
    /// other words.
    ///
    /// Read without a branch on whether the word is listed: the word's first slot and its entry
    /// are loaded together, and the entry is kept if the slot holds the word, else an empty one
    /// taken (a select, not a jump). Only a first slot marked [`WordEntry::ONWARD`] (some listed
    /// word that would have gone there sits further on: a few in a hundred slots) that holds
    /// another word sends the look-up on to probe. So the token pass, which asks this of nearly
    /// every word, listed or not in no order a predictor can learn, does not wait for the table
    /// at a mispredicted branch. (The entry of a listed word may carry its slot's mark, which
    /// neither [`WordEntry::classes`] nor [`WordEntry::cue`] reads.)
    #[inline(always)]
    pub(crate) fn short_entry(self, word: u64) -> WordEntry {
        let i = home_of_short(word);
        let (held, entry) = (self.short.words[i], self.short.entries[i]);
        let found = std::hint::select_unpredictable(held == word, entry.0, 0);
        // (The mark is in `entry` and not in `found` only when the slot holds another word.)
        if (entry.0 ^ found) & WordEntry::ONWARD != 0 {
            return self.probed_entry(word);
        }
        WordEntry(found)
    }

    /// [`Lookup::short_entry`] by probing the table, for a word whose first slot is marked
    /// [`WordEntry::ONWARD`]. Out of line, as few look-ups come here.
    #[cold]
    #[inline(never)]
    fn probed_entry(self, word: u64) -> WordEntry {
        self.short.entries[self.short.slot_of(word)]
    }

    /// The classes of a word of nine to sixteen ASCII bytes, letters and digits perhaps with the
    /// inner marks `'`, `.`, `-` and `&` ("co-founder", "U.S"), letters in lowercase, as two
    /// integers (its first eight bytes, then the rest with zeros beyond the word): what [`at`]
    /// answers for the word, by the same test of its shape before the look-up.
    #[inline(always)]
    pub(crate) fn plain(self, parts: [u64; 2], len: usize) -> Classes {
        debug_assert!((9..=16).contains(&len));
        let last = (parts[1] >> (8 * (len - 9))) as u8;
        let bit = shape(parts[0] as u8, last, len);
        if !crate::swar::bit(&self.table.shapes, bit) {
            return Classes::NONE;
        }
        self.table.classes[self.table.find(&Key::of_two(parts, len))]
    }

    /// [`Lookup::short_entry`] for a word of nine to sixteen ASCII bytes (letters and digits,
    /// perhaps with inner marks), as [`Lookup::plain`] takes it.
    #[inline(always)]
    pub(crate) fn plain_entry(self, parts: [u64; 2], len: usize) -> WordEntry {
        let classes = self.plain(parts, len);
        let cue = if classes.has(Classes::CUE_FIRST) {
            self.table.cues[self.table.find(&Key::of_two(parts, len))]
        } else {
            0
        };
        WordEntry::new(classes, cue)
    }
}

/// A word's classes (the low 32 bits) and its number among the bundled cue lexicon's first words
/// (the 16 above them; 0: none), one integer: one load reads both from the table of short words,
/// and the token pass takes the number apart only for a cue's first word. In the table of short
/// words the top bit is [`WordEntry::ONWARD`] of the slot, which neither part reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct WordEntry(u64);

impl WordEntry {
    /// In the table of short words, the mark of a slot that is the first slot of some listed word
    /// which sits further on (the slot was taken when it came): a look-up that finds another word
    /// in such a slot goes on probing ([`Lookup::short_entry`]).
    const ONWARD: u64 = 1 << 63;

    /// The entry of a word of `classes` and cue number `cue`.
    #[inline(always)]
    pub(crate) fn new(classes: Classes, cue: u16) -> WordEntry {
        WordEntry(u64::from(classes.0) | u64::from(cue) << 32)
    }

    /// The word's classes.
    #[inline(always)]
    pub(crate) fn classes(self) -> Classes {
        Classes(self.0 as u32)
    }

    /// The word's cue number (0: none).
    #[inline(always)]
    pub(crate) fn cue(self) -> u16 {
        (self.0 >> 32) as u16
    }
}

/// Builds the table of classes now (see [`crate::pipeline::prepare`]); with it the entity word
/// lists of [`ENTITY_LISTS`].
pub fn prepare() {
    Lazy::force(&TABLE);
}

/// The classes of `word`.
pub fn of(word: &str) -> Classes {
    at(word, 0, word.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::SpeakerType;
    use crate::text::title_case;

    #[test]
    fn every_role_reads_back_from_its_code() {
        let mut roles = vec![
            Role::Relative,
            Role::Determiner,
            Role::Adverb,
            Role::Stop,
            Role::Preposition,
        ];
        for t in SpeakerType::ALL {
            roles.extend([Role::Pronoun(t), Role::Noun(t)]);
        }
        let mut codes: Vec<u32> = roles.iter().map(|&r| role_code(r)).collect();
        for (&r, &code) in roles.iter().zip(&codes) {
            assert!(code != 0 && code <= ROLE_MASK, "{r:?}");
            assert_eq!(Classes(code).role(), Some(r));
        }
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), roles.len(), "one code per role");
        assert_eq!(Classes::NONE.role(), None);
    }

    #[test]
    fn the_token_pass_look_up_answers_as_the_probe_does() {
        let table = &*TABLE;
        let lookup = Lookup::get();
        let probe = |word: u64| table.short.entries[table.short.slot_of(word)];
        let same = |a: WordEntry, b: WordEntry| a.classes() == b.classes() && a.cue() == b.cue();
        // Every listed short word, those past their first slot included.
        let listed: Vec<u64> = table
            .short
            .words
            .iter()
            .copied()
            .filter(|&w| w != 0)
            .collect();
        let onward = listed
            .iter()
            .filter(|&&w| table.short.slot_of(w) != home_of_short(w))
            .count();
        assert!(onward > 0, "some listed words sit past their first slot");
        for &word in &listed {
            let entry = lookup.short_entry(word);
            assert!(same(entry, probe(word)), "{word:#x}");
            assert_ne!(entry.classes(), Classes::NONE, "{word:#x}");
        }
        // Words of up to three lowercase letters, most not listed: some meet another word in
        // their first slot, some a slot marked onward.
        let mut met = [0; 3];
        for n in 1..=3u32 {
            for i in 0..26u64.pow(n) {
                let mut word = 0;
                for k in 0..n {
                    word |= (u64::from(b'a') + i / 26u64.pow(k) % 26) << (8 * k);
                }
                assert!(same(lookup.short_entry(word), probe(word)), "{word:#x}");
                assert_eq!(lookup.short(word), probe(word).classes(), "{word:#x}");
                let home = home_of_short(word);
                let held = table.short.words[home];
                met[0] += usize::from(held != 0 && held != word);
                met[1] += usize::from(table.short.entries[home].0 & WordEntry::ONWARD != 0);
                met[2] += usize::from(lookup.short_entry(word).classes() != Classes::NONE);
            }
        }
        assert!(met.iter().all(|&m| m > 0), "{met:?}");
    }

    #[test]
    fn classes_are_the_lexicons_answers_in_any_case() {
        assert_eq!(of("he").role(), Some(Role::Pronoun(SpeakerType::Person)));
        assert_eq!(of("He").role(), of("he").role());
        assert_eq!(of("the").role(), Some(Role::Determiner));
        assert!(!of("the").has(Classes::GROUP_DETERMINER));
        assert!(of("most").has(Classes::GROUP_DETERMINER));
        assert!(of("said").has(Classes::CUE_FIRST) && of("SAID").has(Classes::CUE_FIRST));
        assert!(of("according").has(Classes::CUE_FIRST));
        assert!(of("didn’t").has(Classes::CUE_FIRST) && of("didn't").has(Classes::CUE_FIRST));
        assert!(!of("to").has(Classes::CUE_FIRST));
        assert_eq!(of("Parsi"), Classes::NONE);
        assert_eq!(of("Téhéran"), Classes::KEYLESS);
        assert_eq!(of(&"x".repeat(24)), Classes::KEYLESS);
        assert_eq!(of(&"x".repeat(23)), Classes::NONE);
        assert_eq!(of(""), Classes::NONE);
        // Every listed word has its lexicon's role and cue flag.
        for (key, role, group) in WORDS.words() {
            let word = String::from_utf8(key.bytes().to_vec()).unwrap();
            let c = of(&word);
            // In running text a short word is read eight bytes at a time, past its end.
            let padded = format!("{} and more", word.to_uppercase());
            assert_eq!(at(&padded, 0, word.len()), c, "{word}");
            assert_eq!(c.role(), Some(role), "{word}");
            assert_eq!(c.has(Classes::GROUP_DETERMINER), group, "{word}");
        }
        // Every entry of an entity list may be listed, in any case; other words mostly not.
        for (list, class) in ENTITY_LISTS.iter() {
            for entry in list.iter() {
                let first = entry.split(' ').next().unwrap();
                for word in [first.to_owned(), first.to_lowercase(), first.to_uppercase()] {
                    assert!(of(&word).may_be(*class, &word), "{word}");
                }
            }
        }
        assert!(of("Monday").has(Classes::NOT_NAME) && of("MONDAY").has(Classes::NOT_NAME));
        assert!(of("Prime").has(Classes::TITLE_FIRST) && of("prime").has(Classes::TITLE_FIRST));
        assert!(!of("Parsi").may_be(Classes::NOT_NAME, "Parsi"));
        assert!(Classes::NONE.may_be(Classes::NOT_NAME, "Émile"));
        // Every cue first word has its number in the lexicon, in any case and spelling.
        for (key, number) in CUES.numbered_first_words() {
            let word = String::from_utf8(key.bytes().to_vec()).unwrap();
            for form in [word.clone(), word.to_uppercase(), word.replace('\'', "’")] {
                let number = u16::try_from(number).unwrap();
                assert_eq!(cue_number_at(&form, 0, form.len()), number, "{form}");
                let padded = format!("{form} and more");
                assert_eq!(cue_number_at(&padded, 0, form.len()), number, "{form}");
            }
        }
        for word in ["to", "Parsi", "Téhéran", ""] {
            assert_eq!(cue_number_at(word, 0, word.len()), 0, "{word}");
        }
        for key in CUES.first_words() {
            let word = String::from_utf8(key.bytes().to_vec()).unwrap();
            assert!(of(&word).has(Classes::CUE_FIRST), "{word}");
            let padded = format!("{word} and more");
            assert!(at(&padded, 0, word.len()).has(Classes::CUE_FIRST), "{word}");
            assert!(
                of(&word.replace('\'', "’")).has(Classes::CUE_FIRST),
                "{word}"
            );
        }
        // Every abbreviation is one (the token pass asks the list only about these).
        for entry in ABBREVIATIONS.iter() {
            assert!(of(entry).has(Classes::ABBREVIATION), "{entry}");
            let padded = format!("{entry} and more");
            assert!(at(&padded, 0, entry.len()).has(Classes::ABBREVIATION));
        }
        // The subordinators, in any case, and no other word.
        for entry in SUBORDINATORS.iter() {
            for word in [entry.to_owned(), entry.to_uppercase(), title_case(entry)] {
                assert!(of(&word).has(Classes::SUBORDINATOR), "{word}");
                let padded = format!("{word} and more");
                assert!(at(&padded, 0, word.len()).has(Classes::SUBORDINATOR));
            }
        }
        for word in [
            "said",
            "Said",
            "the",
            ",",
            "whenever",
            "Téhéran",
            "",
            "although’s",
        ] {
            let listed = SUBORDINATORS.contains_lowercased(word);
            assert_eq!(of(word).has(Classes::SUBORDINATOR), listed, "{word}");
        }
    }
}
