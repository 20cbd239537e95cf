//! The token layer: every sentence of a document tokenized once, by the stage `sentences and
//! tokens` in the same pass that splits the sentences ([`crate::sentences::split_and_tokenize`]),
//! into one table that the later stages read instead of scanning the text again.
//!
//! **The word.** A word is a run of letters and digits (and `_`) that may hold inner apostrophes,
//! periods, hyphens and ampersands, each followed by another letter or digit ("Iran’s", "U.S",
//! "co-founder", "AT&T"); a known abbreviation (`lexicons/abbreviations.txt`) or an initial keeps
//! its final period ("Mr.", "U.S.", "J."). Everything else that is not a space is a one-character
//! token, except two ASCII apostrophes in a row (`''`), which some newspapers use as a double quote.
//! Claims read these tokens as they are. Entity discovery reads names, which are narrower: its words
//! split a token at an apostrophe not followed by a capital ("Iran", "s" but "O'Brien"), at an
//! ampersand and at `_`. A token of ASCII letters and digits joined by hyphens and periods (most of
//! them) is its own name word and says so in its [`Shape`], so discovery looks again only at the
//! few others.

use crate::gazetteer::StartPairs;
use crate::lexicon::ABBREVIATIONS;
use crate::sentences::Sentence;
use crate::swar::{ascii_alphanumerics, ascii_lowercase, le64, HIGHS};
use crate::text::{
    ascii_alphanumerics_among_sixteen, char_within, is_word_char, sixteen_at, ByteSets,
    ASCII_ALPHANUMERIC,
};
pub use crate::word_classes::Classes;
use crate::word_classes::{Lookup, WordEntry};
use std::hash::{Hash, Hasher};
use std::ops::Range;

/// What a token looks like, as bits: found while tokenizing, so no stage decodes the token again to
/// ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Shape(u8);

impl Shape {
    /// The token starts with an upper-case letter ("Parsi", "U.S.", "Émile").
    pub const CAPITALISED: Shape = Shape(1);
    /// The token is a word of ASCII letters and digits, joined only by inner hyphens and periods,
    /// with at most a final abbreviation period ("Parsi", "co-founder", "U.S."): discovery's word
    /// definition gives the same span.
    pub const PLAIN: Shape = Shape(2);
    /// The token starts with an ASCII digit ("13", "10-0-41-2").
    pub const DIGIT: Shape = Shape(4);
    /// The token is a word that is not [`Shape::PLAIN`] ("Iran’s", "AT&T", "Zoë"): discovery
    /// reads its name words again. A sentence without one ([`SentenceBits::may_have_shape`]) is
    /// its own name words wherever no mention cuts a token.
    pub const OTHER_WORD: Shape = Shape(8);

    /// Whether every bit of `flag` is set.
    #[inline]
    pub fn has(self, flag: Shape) -> bool {
        self.0 & flag.0 == flag.0
    }

    /// The shape of a token that starts with `first`, a word or not as `word` says; `plain` as
    /// [`Shape::PLAIN`] says.
    #[inline(always)]
    fn of(first: char, word: bool, plain: bool) -> Shape {
        let capitalised = if first.is_ascii() {
            first.is_ascii_uppercase()
        } else {
            first.is_uppercase()
        };
        Shape(
            u8::from(capitalised)
                | u8::from(plain) << 1
                | u8::from(first.is_ascii_digit()) << 2
                | u8::from(word && !plain) << 3,
        )
    }
}

/// The punctuation mark a token that is no word starts with, as one byte, so that a rule asking
/// "is this a comma?" compares a byte instead of decoding the text: an ASCII mark is its own byte, a
/// mark beyond ASCII that news text uses ([`Punct::MARKS`]) has a code of its own, and every other
/// character beyond ASCII is [`Punct::OTHER`]. A word is [`Punct::NONE`]. (The token `''`, two
/// ASCII apostrophes, is `'`.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Punct(u8);

impl Punct {
    /// A word: no mark.
    pub const NONE: Punct = Punct(0);
    /// A character beyond ASCII that is none of [`Punct::MARKS`] (a symbol, an emoji…): every such
    /// token has this code, so a rule that needs to tell them apart reads the text.
    pub const OTHER: Punct = Punct(0x80);
    /// The marks beyond ASCII that have a code of their own, the code `0x81` plus the index.
    pub const MARKS: [char; 13] = [
        '—', '–', '…', '‘', '’', '“', '”', '«', '»', '•', '·', '′', '„',
    ];

    /// The code of a token that starts with `c` (a word's is [`Punct::NONE`]; see [`Tok::punct`]).
    /// For an ASCII character or one of [`Punct::MARKS`] the code is `c`'s alone.
    pub const fn of(c: char) -> Punct {
        if c.is_ascii() {
            return Punct(c as u8);
        }
        let mut i = 0;
        while i < Punct::MARKS.len() {
            if Punct::MARKS[i] == c {
                return Punct(0x81 + i as u8);
            }
            i += 1;
        }
        Punct::OTHER
    }

    /// The bit of this mark in a sentence's [`SentenceBits::marks`]: the ASCII marks and
    /// [`Punct::MARKS`] have one each; letters, digits, controls and [`Punct::OTHER`] share bit 63.
    #[inline]
    pub const fn bit(self) -> u64 {
        MARK_MASK[self.0 as usize]
    }

    /// Whether a token of this code may be a quotation mark: `"`, `'` (and the token `''`), “, ”,
    /// „, « or » ([`Tokens::quotation_marks`]).
    #[inline]
    pub const fn is_quotation_mark(self) -> bool {
        QUOTATION_MARK_BITS & self.bit() != 0
    }

    /// The code as a byte (an ASCII mark's own byte).
    #[inline]
    pub const fn byte(self) -> u8 {
        self.0
    }
}

/// For each [`Punct`] code, its bit in [`SentenceBits::marks`] ([`Punct::bit`]), as a mask: what
/// [`SentenceBits::of`] ORs, read in one load. The ASCII marks and [`Punct::MARKS`] have a bit each,
/// in code order; every other code shares bit 63.
static MARK_MASK: [u64; 256] = {
    let mut masks = [1u64 << 63; 256];
    let mut next = 0u32;
    let mut b = 0x21;
    while b < 0x7f {
        if !(b as u8).is_ascii_alphanumeric() && b != b'_' as usize {
            masks[b] = 1 << next;
            next += 1;
        }
        b += 1;
    }
    let mut i = 0;
    while i < Punct::MARKS.len() {
        masks[0x81 + i] = 1 << next;
        next += 1;
        i += 1;
    }
    assert!(next < 63, "every mark has a bit of its own");
    masks
};

/// The [`Punct::bit`]s of the quotation marks ([`Punct::is_quotation_mark`]).
const QUOTATION_MARK_BITS: u64 = {
    let marks = ['"', '\'', '“', '”', '„', '«', '»'];
    let mut bits = 0;
    let mut i = 0;
    while i < marks.len() {
        bits |= Punct::of(marks[i]).bit();
        i += 1;
    }
    bits
};

/// What the tokens of one sentence hold, ORed together, so that a rule can pass over a sentence in
/// which what it looks for cannot be: [`Tokens::sentence_bits`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SentenceBits {
    /// The words' [`Classes`] ORed, role codes included: a flag is right, a role code is not (two
    /// codes ORed mean nothing), so only [`SentenceBits::any_role`] reads those bits.
    classes: Classes,
    shapes: Shape,
    marks: u64,
}

impl SentenceBits {
    /// The bits of `toks`.
    ///
    /// Four tokens to a turn of the loop, each mark's bit read whole from [`MARK_MASK`]: about
    /// four instructions a token.
    pub fn of(toks: &[Tok]) -> SentenceBits {
        let (mut classes, mut shapes, mut marks) = (0, 0, 0);
        let mut add = |t: &Tok| {
            classes |= t.classes.bits();
            shapes |= t.shape.0;
            marks |= MARK_MASK[usize::from(t.punct.0)];
        };
        let mut fours = toks.chunks_exact(4);
        for four in &mut fours {
            four.iter().for_each(&mut add);
        }
        fours.remainder().iter().for_each(add);
        SentenceBits {
            classes: Classes::from_bits(classes),
            shapes: Shape(shapes),
            marks,
        }
    }

    /// Whether some word of the sentence has every flag of `flag` ([`Classes::has`]).
    #[inline]
    pub fn has(&self, flag: Classes) -> bool {
        Classes::NONE.or_flags(self.classes).has(flag)
    }

    /// Whether some word of the sentence has some flag of `flags` ([`Classes::any`]).
    #[inline]
    pub fn any(&self, flags: Classes) -> bool {
        Classes::NONE.or_flags(self.classes).any(flags)
    }

    /// Whether some word of the sentence has a speaker-phrase role ([`Classes::role`]).
    #[inline]
    pub fn any_role(&self) -> bool {
        self.classes.role_code() != 0
    }

    /// Whether some token of the sentence has every bit of `shape` ([`Shape::has`]).
    #[inline]
    pub fn may_have_shape(&self, shape: Shape) -> bool {
        self.shapes.has(shape)
    }

    /// Whether some token is the mark `p`; for [`Punct::OTHER`], some character beyond ASCII
    /// that is none of [`Punct::MARKS`].
    #[inline]
    pub fn has_mark(&self, p: Punct) -> bool {
        self.marks & p.bit() != 0
    }

    /// Whether some token is one of the marks whose [`Punct::bit`]s `bits` ORs together.
    #[inline]
    pub fn any_mark(&self, bits: u64) -> bool {
        self.marks & bits != 0
    }
}

/// The place of a token in its document's table, an index into [`Tokens::toks`]: what the
/// table's lists of tokens ([`Tokens::capitals`]) hold, so that it is not taken for an index into
/// a sentence's tokens or for a byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TokenId(usize);

impl TokenId {
    /// The id of the token at `index` of [`Tokens::toks`].
    #[inline]
    pub fn new(index: usize) -> TokenId {
        TokenId(index)
    }

    /// The token's index in [`Tokens::toks`].
    #[inline]
    pub fn index(self) -> usize {
        self.0
    }
}

/// A token that is the first word of a cue ([`Classes::CUE_FIRST`]) and the word's number among
/// the bundled cue lexicon's first words ([`crate::claims::cues::CueLexicon::numbered_first_words`],
/// from 1), found by the token pass, so the claims engine reads the cue's forms without looking
/// the word up again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueStart {
    /// The token.
    pub token: TokenId,
    /// The number of its word among the cue lexicon's first words.
    pub number: u16,
}

/// One token: a byte span of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// Whether the token is a word (starts with a letter or digit).
    pub word: bool,
    /// What the token looks like.
    pub shape: Shape,
    /// The mark a token that is no word starts with ([`Punct::NONE`] for a word).
    pub punct: Punct,
    /// The lexicon classes of its word ([`crate::word_classes`]), looked up once here; none for a
    /// token that is not a word.
    pub classes: Classes,
}

impl Tok {
    /// The byte range of the token.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Whether the token starts with an upper-case letter ("Parsi", "U.S.", "Émile"):
    /// [`is_capitalized`] of its text, told by its shape ([`Shape::CAPITALISED`]) without reading
    /// it. Every stage asks a token this way.
    #[inline]
    pub fn capitalised(&self) -> bool {
        self.shape.has(Shape::CAPITALISED)
    }

    /// Whether the token is no word and starts with one of `marks`: what reading its text with
    /// `!tok.word && text[tok.range()].starts_with(chars)` tells, for marks that are ASCII or
    /// among [`Punct::MARKS`] (`marks` made by [`Punct::of`]).
    #[inline]
    pub fn is_mark(&self, marks: &[Punct]) -> bool {
        self.punct != Punct::NONE && marks.contains(&self.punct)
    }
}

/// The token table of a document: the tokens of every sentence, in document order, and each
/// sentence's token range (sentence `i` of the `sentences` stage holds `toks[sentences[i]]`).
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    /// All tokens.
    pub toks: Vec<Tok>,
    /// For each sentence, the range of `toks` it covers.
    pub sentences: Vec<Range<usize>>,
    /// For each sentence, what its tokens hold ([`SentenceBits`]): a rule can pass over a
    /// sentence without the classes, shapes or marks it needs.
    pub sentence_bits: Vec<SentenceBits>,
    /// The tokens that are the first word of a cue ([`Classes::CUE_FIRST`]), in order, with the
    /// word's number in the cue lexicon: the claims engine looks for cues only there.
    pub cue_first: Vec<CueStart>,
    /// The word tokens that are capitalised or not plain ([`Shape::CAPITALISED`],
    /// [`Shape::OTHER_WORD`]), in order: the only ones that may start a name or hold a capitalised
    /// word, which entity discovery visits instead of every token.
    pub capitals: Vec<TokenId>,
    /// The tokens beside which organisation evidence may stand ([`is_evidence_site`]), in order:
    /// a capitalised word that has none of them beside it has no evidence phrase next to it, so
    /// [`crate::org_evidence`]'s gate visits only the capitals beside these.
    pub evidence_sites: Vec<TokenId>,
    /// The byte offsets where a gazetteer name may start, in order: every word start (a place
    /// after a character that is no word character: a token's start, or inside a token after an
    /// inner mark, "U.S.-Iran") where the [`StartPairs`] the token pass was given say a pattern
    /// may start ([`StartPairs::may_open`]: its first two bytes start one, and its first five
    /// those of a long one or its pair a short one). Entity matching asks the trie only here
    /// ([`crate::mentions::find_at`]).
    pub name_starts: Vec<usize>,
    /// The tokens that are quotation marks ([`Punct::is_quotation_mark`]), in order: the only
    /// places where the claims stage's quote finder may meet a quote's mark, and the tokens that
    /// open and close nearly every quote it finds.
    pub quotation_marks: Vec<TokenId>,
}

impl crate::scratch::Kept for Tokens {
    /// Empties the table, keeping its room (see [`crate::scratch`]).
    fn clear(&mut self) {
        self.toks.clear();
        self.sentences.clear();
        self.sentence_bits.clear();
        self.cue_first.clear();
        self.capitals.clear();
        self.evidence_sites.clear();
        self.name_starts.clear();
        self.quotation_marks.clear();
    }

    /// The room of its longest list, in entries: at least the capacity of each of them.
    fn room(&self) -> usize {
        [
            self.toks.capacity(),
            self.sentences.capacity(),
            self.sentence_bits.capacity(),
            self.cue_first.capacity(),
            self.capitals.capacity(),
            self.evidence_sites.capacity(),
            self.name_starts.capacity(),
            self.quotation_marks.capacity(),
        ]
        .into_iter()
        .max()
        .unwrap_or(0)
    }
}

/// The pairs that start no name: the token pass given these lists no [`Tokens::name_starts`].
pub static NO_PAIRS: StartPairs = StartPairs::NONE;

/// Whether the character before byte `i` is a word character ([`is_word_char`]).
#[inline(always)]
fn follows_word(text: &str, i: usize) -> bool {
    match i.checked_sub(1).map(|k| text.as_bytes()[k]) {
        None => false,
        Some(b) if b < 0x80 => KIND[usize::from(b)] == WORD,
        Some(_) => text[..i].chars().next_back().is_some_and(is_word_char),
    }
}

/// [`list_name_starts`] for a word of ASCII letters and digits joined by inner hyphens, periods,
/// apostrophes and ampersands (with a final abbreviation period, if any), which starts a word
/// itself (the token before it ends with no word character, or a space comes between): its
/// start, and each place after an inner mark.
#[inline(never)]
fn list_ascii_name_starts(
    bytes: &[u8],
    start: usize,
    end: usize,
    pairs: &StartPairs,
    out: &mut Vec<usize>,
) {
    if pairs.may_open_at(bytes, start) {
        out.push(start);
    }
    for (k, &b) in (start + 1..).zip(&bytes[start..end - 1]) {
        if matches!(b, b'.' | b'-' | b'\'' | b'&') && pairs.may_open_at(bytes, k) {
            out.push(k);
        }
    }
}

/// Lists onto `out` the word starts of the token `text[start..end]` that `pairs` may open (see
/// [`Tokens::name_starts`]): its start unless a word character comes before it, and each place
/// inside it after a character that is no word character.
#[inline(never)]
fn list_name_starts(
    text: &str,
    start: usize,
    end: usize,
    pairs: &StartPairs,
    out: &mut Vec<usize>,
) {
    let bytes = text.as_bytes();
    let mut after_word = follows_word(text, start);
    let mut k = start;
    while k < end {
        let b = bytes[k];
        let (word, len) = if b < 0x80 {
            (KIND[usize::from(b)] == WORD, 1)
        } else {
            let c = text[k..].chars().next().unwrap_or(' ');
            (is_word_char(c), c.len_utf8())
        };
        if !after_word && pairs.may_open_at(bytes, k) {
            out.push(k);
        }
        after_word = word;
        k += len;
    }
}

/// Tokenizes the sentences of `text`. (The pipeline splits and tokenizes in one pass,
/// [`crate::sentences::split_and_tokenize`]; the tokens are the same.)
pub fn tokenize(text: &str, sentences: &[Sentence]) -> Tokens {
    let mut out = Tokens {
        toks: Vec::with_capacity(text.len() / 5),
        sentences: Vec::with_capacity(sentences.len()),
        sentence_bits: Vec::with_capacity(sentences.len()),
        cue_first: Vec::new(),
        capitals: Vec::new(),
        evidence_sites: Vec::new(),
        name_starts: Vec::new(),
        quotation_marks: Vec::new(),
    };
    let mut ends = Vec::new();
    for s in sentences {
        let first = out.toks.len();
        tokenize_range(text, s.range(), &mut out, &mut ends, &NO_PAIRS);
        out.sentences.push(first..out.toks.len());
        out.sentence_bits.push(SentenceBits::of(&out.toks[first..]));
    }
    out
}

/// Bytes by what they are to the token loop: space (ASCII space as [`char::is_whitespace`] says),
/// an ASCII word character (letter, digit, `_`), an ASCII mark that is a one-byte token by itself
/// (every other ASCII byte but `'`, which may be half of `''`), or anything else (`'` and the bytes
/// beyond ASCII), which [`token_at`] reads.
const SPACE: u8 = 1;
const WORD: u8 = 2;
const MARK: u8 = 3;
const KIND: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if crate::text::is_ascii_space(c) {
            SPACE
        } else if c.is_ascii_alphanumeric() || c == b'_' {
            WORD
        } else if c == b'\'' {
            0
        } else {
            MARK
        };
        b += 1;
    }
    table
};

/// The bytes after which a word of ASCII letters and digits ends for sure: ASCII, and none of the
/// inner marks `'`, `.`, `-`, `&` or `_` that may go on a word (see [`word_end`]).
const ENDS_ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = !c.is_ascii_alphanumeric() && !matches!(c, b'\'' | b'.' | b'-' | b'&' | b'_');
        b += 1;
    }
    table
};

/// The [`Shape`] of a plain word that starts with the ASCII letter or digit `b` ([`Shape::of`]);
/// a byte for each entry, those beyond ASCII (which start no plain word) included, so that a word's
/// first byte reads it without a mask.
const PLAIN_SHAPE: [Shape; 256] = {
    let mut table = [Shape(0); 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] =
            Shape(c.is_ascii_uppercase() as u8 | Shape::PLAIN.0 | (c.is_ascii_digit() as u8) << 2);
        b += 1;
    }
    table
};

/// How many of the eight bytes of `w` (little-endian: its first byte the lowest) are ASCII
/// letters and digits before the first that is not one (8 if all are): the first byte that
/// [`ascii_alphanumerics`] does not mark.
#[inline(always)]
fn alphanumeric_prefix(w: u64) -> usize {
    ((!ascii_alphanumerics(w) & HIGHS).trailing_zeros() / 8) as usize
}

/// Tokenizes `text[range]` onto `tokens.toks` (and `tokens.cue_first`, `tokens.capitals`, and `tokens.name_starts` by
/// `pairs`), and pushes onto `ends` the
/// index of each token that may end a sentence: a `.`, `!`, `?` or `…` of its own, or a word
/// ending in a period ("U.S."). (The range is a sentence, or a whole paragraph: a sentence ends
/// before a space, where no token goes on, so the tokens are the same either way.)
///
/// The range is read 64 bytes at a time ([`Block`]): each block classified at once into bits
/// (letters and digits, spaces, periods and hyphens), and its tokens walked by those bits.
///
/// On a processor with AVX2, BMI1 and BMI2 the walk is compiled for them
/// ([`tokenize_range_avx2`]): a block's bytes are classified by nibble look-ups, and its bit
/// counts and shifts are one instruction each. On any other the blocks are classified by the
/// vector instructions every processor of its architecture has ([`Classify::Baseline`]: SSE2
/// compares on x86_64, NEON look-ups on aarch64), byte by byte only on others.
pub(crate) fn tokenize_range(
    text: &str,
    range: Range<usize>,
    tokens: &mut Tokens,
    ends: &mut Vec<usize>,
    pairs: &StartPairs,
) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2")
        && std::arch::is_x86_feature_detected!("bmi1")
        && std::arch::is_x86_feature_detected!("bmi2")
    {
        // SAFETY: the processor has AVX2, BMI1 and BMI2.
        return unsafe { tokenize_range_avx2(text, range, tokens, ends, pairs) };
    }
    walk_range::<{ Classify::Baseline as u8 }>(text, range, tokens, ends, pairs);
}

/// [`tokenize_range`] compiled for AVX2, BMI1 and BMI2.
///
/// # Safety
/// The processor must have AVX2, BMI1 and BMI2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,bmi1,bmi2")]
unsafe fn tokenize_range_avx2(
    text: &str,
    range: Range<usize>,
    tokens: &mut Tokens,
    ends: &mut Vec<usize>,
    pairs: &StartPairs,
) {
    walk_range::<{ Classify::Avx2 as u8 }>(text, range, tokens, ends, pairs);
}

/// How the token pass classifies a block's bytes ([`Block::at`]), a constant of each build of
/// [`walk_range`]: the classes are the same every way (a test checks each against
/// [`Classify::ByteByByte`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Classify {
    /// Byte by byte ([`ByteSets::among_sixty_four`]): the definition.
    ByteByByte,
    /// By the vector instructions every processor of the architecture has
    /// ([`baseline_byte_sets`]).
    Baseline,
    /// By AVX2 ([`ByteSets::among_sixty_four_avx2`]): only in a caller compiled for it.
    #[cfg(target_arch = "x86_64")]
    Avx2,
}

/// The body of [`tokenize_range`], inlined into each of its builds; `CLASSIFY` (a [`Classify`])
/// says how the blocks' bytes are classified.
#[inline(always)]
fn walk_range<const CLASSIFY: u8>(
    text: &str,
    range: Range<usize>,
    tokens: &mut Tokens,
    ends: &mut Vec<usize>,
    pairs: &StartPairs,
) {
    let lookup = Lookup::get();
    let limit = range.end;
    let mut i = range.start;
    // The last block of a text shorter than 80 bytes from its start, zero after the text.
    let mut padded = [0u8; 80];
    while i < limit {
        i = Block::at::<CLASSIFY>(text.as_bytes(), i, limit, &mut padded)
            .walk(text, lookup, tokens, ends, pairs);
    }
}

/// What a byte is to a block's walk, one bit per set of [`BYTE_SETS`]: an ASCII letter or digit
/// ([`ALNUM`]), a space ([`SPACE`]), a byte after which a word of ASCII letters and digits ends
/// for sure ([`ENDS_ASCII_WORD`]), or an ASCII mark that is a one-byte token by itself ([`MARK`]).
const IS_ALNUM: u8 = 1;
const IS_SPACE: u8 = 2;
const IS_END: u8 = 4;
const IS_MARK: u8 = 8;

/// The four sets of a block's bytes ([`IS_ALNUM`], [`IS_SPACE`], [`IS_END`], [`IS_MARK`]).
static BYTE_SETS: ByteSets<4> = ByteSets::new({
    let mut member = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        member[b] = (c.is_ascii_alphanumeric() as u8 * IS_ALNUM)
            | ((KIND[b] == SPACE) as u8 * IS_SPACE)
            | (ENDS_ASCII_WORD[b] as u8 * IS_END)
            | ((KIND[b] == MARK) as u8 * IS_MARK);
        b += 1;
    }
    member
});

/// [`BYTE_SETS`] of `chunk` by the vector instructions every processor of the architecture has:
/// SSE2 compares on x86_64 ([`byte_sets_sse2`]), NEON look-ups on aarch64
/// ([`ByteSets::among_sixty_four_neon`]), byte by byte elsewhere.
#[inline(always)]
fn baseline_byte_sets(chunk: &[u8; 64]) -> [u64; 4] {
    #[cfg(target_arch = "x86_64")]
    {
        let mut sets = [0; 4];
        for (k, part) in chunk.chunks_exact(16).enumerate() {
            let part: &[u8; 16] = part.try_into().expect("chunks of sixteen bytes");
            // SAFETY: SSE2 is part of x86_64: every x86_64 processor has it.
            let bits = unsafe { byte_sets_sse2(part) };
            for (set, bits) in sets.iter_mut().zip(bits) {
                *set |= u64::from(bits) << (16 * k);
            }
        }
        sets
    }
    #[cfg(target_arch = "aarch64")]
    {
        BYTE_SETS.among_sixty_four_neon(chunk)
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    {
        BYTE_SETS.among_sixty_four(chunk)
    }
}

/// [`BYTE_SETS`] of sixteen bytes by SSE2 compares (SSE2 has no nibble look-up): the ASCII
/// letters and digits, the spaces (tab to carriage return, and space), the bytes that end a word
/// for sure (ASCII, and no letter, digit, `'`, `.`, `-`, `&` or `_`) and the marks (ASCII, and
/// no space, letter, digit, `_` or `'`), one bit each, as [`KIND`] and [`ENDS_ASCII_WORD`] define
/// them (a test checks every byte).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn byte_sets_sse2(chunk: &[u8; 16]) -> [u32; 4] {
    use crate::text::sse2::{load, within};
    use std::arch::x86_64::{_mm_cmpeq_epi8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8};
    let v = load(chunk);
    let is = |b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
    let bits = |m| _mm_movemask_epi8(m) as u32;
    let beyond_ascii = bits(v);
    let letters = within(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', b'z');
    let alphanumeric = bits(_mm_or_si128(letters, within(v, b'0', b'9')));
    let spaces = bits(_mm_or_si128(within(v, b'\t', b'\r'), is(b' ')));
    let joiners = bits(_mm_or_si128(is(b'_'), is(b'\'')));
    let inner = bits(_mm_or_si128(_mm_or_si128(is(b'.'), is(b'-')), is(b'&')));
    let ends = !(beyond_ascii | alphanumeric | joiners | inner) & 0xffff;
    let marks = !(beyond_ascii | alphanumeric | spaces | joiners) & 0xffff;
    [alphanumeric, spaces, ends, marks]
}

/// Sixty-four bytes of a range from byte `base` of the text, which the token pass walks by the
/// bits of its ASCII letters and digits, spaces, marks and the bytes that end a word.
struct Block<'a> {
    /// The bytes (zero past the text's end), and sixteen more, so that a word's key can be read
    /// as two integers at any of the 64: the text itself, or a padded copy of its end.
    bytes: &'a [u8; 80],
    /// The ASCII letters and digits among the first `len` bytes, one bit each (bit k for byte k).
    alphanumeric: u64,
    /// The bytes after which a word of ASCII letters and digits ends for sure
    /// ([`ENDS_ASCII_WORD`]), among all 64.
    ends: u64,
    /// The ASCII marks that are one-byte tokens by themselves ([`MARK`]) among all 64.
    marks: u64,
    /// The bytes among the first `len` that are no space: where a token may start.
    starts: u64,
    /// How many of the 64 bytes are in the range.
    len: usize,
    /// Where the block starts in the text.
    base: usize,
    /// Where the range ends in the text.
    limit: usize,
}

/// `padded` holding the first bytes of `bytes` (fewer than 80), zero after its end.
#[cold]
fn pad<'a>(bytes: &[u8], padded: &'a mut [u8; 80]) -> &'a [u8; 80] {
    padded.fill(0);
    padded[..bytes.len()].copy_from_slice(bytes);
    padded
}

/// The bits from `from` up (`from` below 64).
#[inline(always)]
fn from_bit(from: usize) -> u64 {
    u64::MAX << (from & 63)
}

/// What [`Block::plain_word`] makes of a word.
enum Plain {
    /// Taken: the next token may start at this byte of the block.
    Next(usize),
    /// The word may go on past the block: read it in a block that starts with it.
    Crosses,
    /// Not a plain word: [`any_token_at`] reads it.
    Other,
}

impl<'a> Block<'a> {
    /// The block of `bytes` from `base`, of a range that ends at `limit` (beyond `base`); near the
    /// text's end its bytes are copied into `padded`. Its bytes are classified as `CLASSIFY` (a
    /// [`Classify`]) says.
    #[inline(always)]
    fn at<const CLASSIFY: u8>(
        bytes: &'a [u8],
        base: usize,
        limit: usize,
        padded: &'a mut [u8; 80],
    ) -> Block<'a> {
        let block = match bytes.get(base..).and_then(|rest| rest.first_chunk::<80>()) {
            Some(part) => part,
            None => pad(&bytes[base..], padded),
        };
        let len = (limit - base).min(64);
        let chunk = block.first_chunk::<64>().unwrap_or(&[0; 64]);
        let [alphanumeric, spaces, ends, marks] = match CLASSIFY {
            // SAFETY: `Classify::Avx2` is given only in a caller compiled for AVX2.
            #[cfg(target_arch = "x86_64")]
            c if c == Classify::Avx2 as u8 => unsafe { BYTE_SETS.among_sixty_four_avx2(chunk) },
            c if c == Classify::Baseline as u8 => baseline_byte_sets(chunk),
            c if c == Classify::ByteByByte as u8 => BYTE_SETS.among_sixty_four(chunk),
            _ => unreachable!("a Classify"),
        };
        let within = if len < 64 { !from_bit(len) } else { u64::MAX };
        Block {
            bytes: block,
            alphanumeric: alphanumeric & within,
            ends,
            marks,
            starts: !spaces & within,
            len,
            base,
            limit,
        }
    }

    /// Tokenizes the block, as [`tokenize_range`] says, up to where a token may go on past the
    /// block: returns where the next block starts.
    ///
    /// The walk goes from token to token by the block's bits, passing over spaces at once. Most
    /// tokens are a word of ASCII letters and digits followed by a byte that cannot go on a word,
    /// or an ASCII mark: these are taken here (a word of up to sixteen bytes in a straight line,
    /// any other by [`Block::plain_word`]); every other token by [`any_token_at`].
    #[inline(always)]
    fn walk(
        &self,
        text: &str,
        lookup: Lookup,
        tokens: &mut Tokens,
        ends: &mut Vec<usize>,
        pairs: &StartPairs,
    ) -> usize {
        let (base, limit) = (self.base, self.limit);
        // Room for a token at each of the block's 64 bytes, so that the tokens it pushes are
        // written into the table in place ([`Room`], [`push_reserved`]): each turn of the loop
        // below pushes at most one token, which starts at the turn's byte `k`, and clears at
        // least bit `k` of `todo` (the walk moves past each token's start), so it turns at most
        // 64 times.
        tokens.toks.reserve(BLOCK_TOKENS);
        let mut room = Room::of(&mut tokens.toks);
        // The bytes where the next token may start: no space, not yet passed.
        let mut todo = self.starts;
        // The bytes that are no ASCII letter or digit (those past the range included).
        let stops = !self.alphanumeric;
        let next = 'walk: {
            while todo != 0 {
                let k = todo.trailing_zeros() as usize;
                // The ASCII letters and digits from byte `k` on: none when byte `k` is no word's,
                // 64 when they run to the block's end.
                let run = (stops >> k).trailing_zeros() as usize;
                if run != 0 {
                    // Most words: up to sixteen ASCII letters and digits ended inside the block by a
                    // byte that cannot go on a word (no inner mark to follow), or by a period
                    // that ends a sentence (one followed by such a byte, or by the range's end),
                    // taken here in a straight line; any other by [`Block::plain_word`].
                    let end = k + run;
                    if end >= 64 {
                        if k > 0 {
                            // The word may go on past the block: read it in a block that starts
                            // with it.
                            break 'walk base + k;
                        }
                    } else if run <= 16 {
                        if self.ends >> end & 1 != 0 {
                            // (The next start first: `end` is not kept across the look-up.)
                            todo &= from_bit(end);
                            let entry = self.short_entry(k, run, lookup);
                            // SAFETY: one token this turn (see `room` above).
                            unsafe { self.push_short(k, end, entry, tokens, &mut room, pairs) };
                            continue;
                        }
                        if self.period_ends_word(end) {
                            let entry = self.short_entry(k, run, lookup);
                            if !keeps_period(entry.classes(), run, self.bytes[k & 63]) {
                                // SAFETY: one token this turn (see `room` above).
                                unsafe { self.push_short(k, end, entry, tokens, &mut room, pairs) };
                                todo &= from_bit(end);
                                continue;
                            }
                        }
                    }
                    // SAFETY: the table the room was taken from, untouched since.
                    unsafe { room.close(&mut tokens.toks) };
                    let plain = self.plain_word(text, base, k, lookup, tokens, pairs);
                    room = Room::of(&mut tokens.toks);
                    match plain {
                        Plain::Next(next) if next >= 64 => break 'walk base + next,
                        Plain::Next(next) => {
                            todo &= from_bit(next);
                            continue;
                        }
                        Plain::Crosses if k > 0 => break 'walk base + k,
                        _ => {}
                    }
                } else if self.marks >> k & 1 != 0 {
                    let b = self.bytes[k & 63];
                    let i = base + k;
                    let id = room.next_id();
                    if matches!(b, b'.' | b'!' | b'?') {
                        ends.push(id.index());
                    }
                    if pairs.may_open(self.word(k)) && !self.follows_word(text, k) {
                        tokens.name_starts.push(i);
                    }
                    // (Of the quotation marks only `"` is an ASCII mark of its own: `'` may be half
                    // of `''`, and is read by `token_at`.)
                    if b == b'"' {
                        tokens.quotation_marks.push(id);
                    }
                    let mark = Tok {
                        start: i,
                        end: i + 1,
                        word: false,
                        shape: Shape(0),
                        punct: Punct(b),
                        classes: Classes::NONE,
                    };
                    // SAFETY: one token this turn (see `room` above).
                    unsafe { room.push(mark) };
                    todo &= todo - 1;
                    continue;
                }
                // SAFETY: the table the room was taken from, untouched since.
                unsafe { room.close(&mut tokens.toks) };
                let next = any_token_at(text, base + k, limit, lookup, tokens, ends, pairs);
                room = Room::of(&mut tokens.toks);
                if next >= base + 64 {
                    break 'walk next;
                }
                todo &= from_bit(next - base);
            }
            base + self.len
        };
        // SAFETY: the table the room was taken from, untouched since.
        unsafe { room.close(&mut tokens.toks) };
        next
    }

    /// Takes the word at byte `k` of the block (from byte `base` of the text), an ASCII letter or
    /// digit, when it is ASCII letters and digits joined by inner periods, hyphens, apostrophes
    /// and ampersands ("Iran's", "AT&T"; [`Shape::PLAIN`] when only periods and hyphens join them)
    /// and what ends it is plain too: a byte that cannot go on a word, the range's end, or one of
    /// those marks not followed by more of the word (a period that is the word's own only after
    /// an abbreviation or an initial).
    ///
    /// A word of up to sixteen bytes (most words) is keyed from one or two integers read at once
    /// ([`Key::short`], [`Lookup::plain`]).
    #[inline(never)]
    fn plain_word(
        &self,
        text: &str,
        base: usize,
        k: usize,
        lookup: Lookup,
        tokens: &mut Tokens,
        pairs: &StartPairs,
    ) -> Plain {
        let alphanumeric = self.alphanumeric;
        let mut end = (!alphanumeric & from_bit(k)).trailing_zeros() as usize;
        let mut inner = false;
        let mut plain = true;
        // The byte after the word, or 0 past the range.
        let stop = loop {
            if end >= 64 {
                return Plain::Crosses;
            }
            let stop = self.bytes[end];
            // (Past the range's end, a byte that cannot go on a word ends the word as the end
            // does; any other is taken as the end below.)
            if ENDS_ASCII_WORD[usize::from(stop)] {
                break stop;
            }
            if end == self.len {
                break 0;
            }
            if !matches!(stop, b'.' | b'-' | b'\'' | b'&') {
                return Plain::Other;
            }
            // An inner mark goes on with a letter or digit (the word is plain only after a
            // period or hyphen); it ends the word before any other ASCII byte but `_`, or the
            // range's end.
            let after = end + 1;
            if after == 64 {
                return Plain::Crosses;
            }
            if after == self.len {
                break stop;
            }
            if alphanumeric >> after & 1 != 0 {
                inner = true;
                plain &= matches!(stop, b'.' | b'-');
                end = (!alphanumeric & from_bit(after)).trailing_zeros() as usize;
                continue;
            }
            let next = self.bytes[after];
            if next >= 0x80 || next == b'_' {
                return Plain::Other;
            }
            break stop;
        };
        let len = end - k;
        let i = base + k;
        // `names`: whether a name may start at the word's start ([`Tokens::name_starts`]): 0 no,
        // 1 yes, 2 ask [`list_ascii_name_starts`], as the word has marks inside ("U.S",
        // "co-founder", "Iran's"), after which names may start too.
        // A word with marks inside is keyed from the block as well: its marks (`'`, `.`, `-`,
        // `&`) have bit 5 set, so [`lowered`] lowercases it as [`Key::at`] does.
        let (entry, names) = if len <= 16 {
            let names = if inner {
                2
            } else {
                u8::from(pairs.may_open(self.word(k)))
            };
            (self.short_entry(k, len, lookup), names)
        } else {
            (entry_at(text, i, i + len), 2)
        };
        let classes = entry.classes();
        if stop == b'.' && keeps_period(classes, len, self.bytes[k & 63]) {
            return Plain::Other;
        }
        let shape = PLAIN_SHAPE[usize::from(self.bytes[k & 63])];
        let shape = if plain {
            shape
        } else {
            Shape(shape.0 & !Shape::PLAIN.0 | Shape::OTHER_WORD.0)
        };
        push_word(
            text,
            word_tok(i, i + len, shape, classes),
            entry,
            names,
            tokens,
            |out| self.list_name_starts(k, end, pairs, out),
        );
        Plain::Next(end + usize::from(stop == b' '))
    }

    /// [`list_ascii_name_starts`] for the word from byte `k` to byte `end` of the block (below
    /// 64) that [`Block::plain_word`] takes: its start, and the place after each of its inner
    /// marks, which are the bytes among them that are no ASCII letter or digit; read by the
    /// block's bits, not byte by byte.
    #[inline(always)]
    fn list_name_starts(&self, k: usize, end: usize, pairs: &StartPairs, out: &mut Vec<usize>) {
        if pairs.may_open(self.word(k)) {
            out.push(self.base + k);
        }
        let mut marks = !self.alphanumeric & from_bit(k) & !from_bit(end);
        while marks != 0 {
            let after = marks.trailing_zeros() as usize + 1;
            if pairs.may_open(self.word(after)) {
                out.push(self.base + after);
            }
            marks &= marks - 1;
        }
    }

    /// Pushes the word of ASCII letters and digits from byte `k` to byte `end` of the block (one
    /// to sixteen bytes), of `entry`, into `room`, and its start onto the name starts if a name
    /// may start there.
    ///
    /// # Safety
    /// A slot of `room` must be free ([`Room::push`]).
    #[inline(always)]
    unsafe fn push_short(
        &self,
        k: usize,
        end: usize,
        entry: WordEntry,
        tokens: &mut Tokens,
        room: &mut Room,
        pairs: &StartPairs,
    ) {
        if pairs.may_open(self.word(k)) {
            tokens.name_starts.push(self.base + k);
        }
        let shape = PLAIN_SHAPE[usize::from(self.bytes[k & 63])];
        let id = room.next_id();
        push_listed(entry, id, false, tokens);
        push_capital(shape, id, tokens);
        let word = word_tok(self.base + k, self.base + end, shape, entry.classes());
        // SAFETY: a slot is free (the caller's contract).
        unsafe { room.push(word) };
    }

    /// Whether the byte `end` of the block (below 64), after a word of ASCII letters and digits, is
    /// a period that is no part of the word unless the word keeps it ([`keeps_period`]): within
    /// the range, and followed by a byte after which a word ends for sure, or by the range's end
    /// (what [`Block::plain_word`] reads as a plain word's final period).
    #[inline(always)]
    fn period_ends_word(&self, end: usize) -> bool {
        self.bytes[end] == b'.' && end < self.len && self.ends >> end >> 1 & 1 != 0
    }

    /// The classes and cue number of the word of `len` (one to sixteen) ASCII bytes at byte `k`
    /// of the block, letters and digits perhaps with the inner marks `'`, `.`, `-` and `&` (which
    /// [`lowered`] leaves as they are), keyed from one or two integers read at once
    /// ([`Lookup::short_entry`], [`Lookup::plain_entry`]).
    #[inline(always)]
    fn short_entry(&self, k: usize, len: usize, lookup: Lookup) -> WordEntry {
        let half = |h: usize| {
            let part = self.bytes[(k & 63) + 8 * h..][..8]
                .try_into()
                .unwrap_or_default();
            u64::from_le_bytes(part)
        };
        let first = half(0);
        if len <= 8 {
            lookup.short_entry(lowered(first, len))
        } else {
            lookup.plain_entry([lowered(first, 8), lowered(half(1), len - 8)], len)
        }
    }

    /// Whether the character before byte `k` of the block is a word character ([`follows_word`]):
    /// read from the block when it is an ASCII byte of it.
    #[inline(always)]
    fn follows_word(&self, text: &str, k: usize) -> bool {
        match k.checked_sub(1).map(|j| self.bytes[j & 63]) {
            Some(b) if b < 0x80 => KIND[usize::from(b)] == WORD,
            _ => follows_word(text, self.base + k),
        }
    }

    /// The eight bytes from byte `k` of the block, little-endian (zero past the text's end), as
    /// [`StartPairs::may_open`] reads them.
    #[inline(always)]
    fn word(&self, k: usize) -> u64 {
        le64(&self.bytes[k & 63..])
    }
}

/// For each count `n` of bytes from 0 to 8, the bits of the first `n` bytes of an integer of eight
/// (little-endian: its first byte the lowest), then bit 5 of each of them: [`lowered`]'s masks,
/// one table, so that both are read from the count without a shift.
static LOWERED: [[u64; 9]; 2] = {
    let mut masks = [[0; 9]; 2];
    let mut n = 1;
    while n <= 8 {
        masks[0][n] = u64::MAX >> (64 - 8 * n);
        masks[1][n] = masks[0][n] & 0x2020_2020_2020_2020;
        n += 1;
    }
    masks
};

/// The first `n` (at most 8) bytes of `word` (little-endian), ASCII letters and digits (and the
/// inner marks `'`, `.`, `-`, `&`, left as they are), in lowercase, and zero after them: how [`Key::short`] packs a word, and the parts of a longer one
/// that [`Lookup::plain`] takes. (Bit 5 set lowercases an ASCII letter and leaves a digit as it
/// is.)
#[inline(always)]
fn lowered(word: u64, n: usize) -> u64 {
    word & LOWERED[0][n] | LOWERED[1][n]
}

/// Whether a word of `len` bytes that starts with `first`, of `classes`, keeps a period after it
/// (within the range) as its own: an abbreviation ("Mr", "U.S") or an initial.
#[inline(always)]
fn keeps_period(classes: Classes, len: usize, first: u8) -> bool {
    classes.any(Classes::ABBREVIATION.or_flags(Classes::KEYLESS))
        || len == 1 && first.is_ascii_uppercase()
}

/// Pushes `word`, a word of ASCII letters and digits (perhaps joined by inner marks), onto
/// `tokens`: onto [`Tokens::cue_first`] too, with its cue number from `entry`, when its classes say so,
/// onto [`Tokens::capitals`]
/// when its shape does, and its name starts by
/// `names` (0: none, 1: its start, 2: ask `list_names`, which lists them onto the name starts as
/// [`list_ascii_name_starts`] does).
#[inline(always)]
fn push_word(
    text: &str,
    word: Tok,
    entry: WordEntry,
    names: u8,
    tokens: &mut Tokens,
    list_names: impl FnOnce(&mut Vec<usize>),
) {
    let id = TokenId::new(tokens.toks.len());
    // Only a word with marks inside ("Iran's", "St.-Louis-based") may be no plain word or end in
    // "-based".
    let site = names > 1
        && (!word.shape.has(Shape::PLAIN) || may_end_based(text.as_bytes(), word.start, word.end));
    push_listed(entry, id, site, tokens);
    push_capital(word.shape, id, tokens);
    match names {
        0 => {}
        1 => tokens.name_starts.push(word.start),
        _ => list_names(&mut tokens.name_starts),
    }
    push_reserved(&mut tokens.toks, word);
}

/// The most tokens one block's walk pushes ([`Block::walk`]): one at each of its 64 bytes.
const BLOCK_TOKENS: usize = 64;

/// Pushes `tok` onto `toks`, which has room for it: the walk of a block makes room for all the
/// tokens it pushes ([`BLOCK_TOKENS`]) before it pushes any, so the push writes the token in
/// place, and the path that grows the table, kept for a caller that made no room, is out of line
/// ([`make_room`]); a `Vec::push` in the walk cost 0.7 instructions a byte of text more.
#[inline(always)]
fn push_reserved(toks: &mut Vec<Tok>, tok: Tok) {
    let n = toks.len();
    if n == toks.capacity() {
        make_room(toks);
    }
    // SAFETY: `n < toks.capacity()` (room was made above if there was none): the slot at `n` is
    // allocated and holds no element yet; after the write, the first `n + 1` are initialised.
    unsafe {
        toks.as_mut_ptr().add(n).write(tok);
        toks.set_len(n + 1);
    }
}

/// The free slots of the token table while a block's walk writes its tokens ([`Block::walk`]):
/// the table's length kept by the walk, not read from the table and written back to it at each
/// token as [`push_reserved`] does (the walk made room for every token it may write first). The
/// table's length is set from it ([`Room::close`]) before the walk hands the table to a function
/// that reads it or pushes tokens itself, and at the block's end; a new room is taken after.
struct Room {
    /// The table's first slot.
    slots: *mut Tok,
    /// The tokens the table holds, those written into the room included.
    len: usize,
    /// The table's capacity (checked in debug builds only).
    capacity: usize,
}

impl Room {
    /// The free slots of `toks`.
    #[inline(always)]
    fn of(toks: &mut Vec<Tok>) -> Room {
        Room {
            slots: toks.as_mut_ptr(),
            len: toks.len(),
            capacity: toks.capacity(),
        }
    }

    /// The id of the next token written.
    #[inline(always)]
    fn next_id(&self) -> TokenId {
        TokenId::new(self.len)
    }

    /// Writes `tok` into the next free slot.
    ///
    /// # Safety
    /// A slot must be free: the table had room for as many tokens as the walk writes since it
    /// took the room.
    #[inline(always)]
    unsafe fn push(&mut self, tok: Tok) {
        // Checked in the crate's tests and debug builds (the release test run included), as
        // `output::RowWriter` checks its rows: a walk that broke the one-token-per-byte bound
        // would otherwise write past the table's allocation unnoticed.
        if cfg!(any(test, debug_assertions)) {
            assert!(
                self.len < self.capacity,
                "a block writes at most BLOCK_TOKENS"
            );
        }
        // SAFETY: `len < capacity` (the caller's contract): the slot is allocated and holds no
        // token yet.
        unsafe { self.slots.add(self.len).write(tok) };
        self.len += 1;
    }

    /// Sets the length of `toks` to the tokens written.
    ///
    /// # Safety
    /// `toks` must be the table the room was taken from ([`Room::of`]), not touched since.
    #[inline(always)]
    unsafe fn close(&self, toks: &mut Vec<Tok>) {
        debug_assert!(toks.as_mut_ptr() == self.slots && toks.len() <= self.len);
        // SAFETY: the first `len` slots of the table are tokens: those it held when the room was
        // taken (the caller's contract), and those written into the room since; `len` is within
        // its capacity ([`Room::push`]).
        unsafe { toks.set_len(self.len) };
    }
}

/// Room for a block's tokens in a table that has none left ([`push_reserved`]): never taken in
/// the walk, which makes the room first.
#[cold]
#[inline(never)]
fn make_room(toks: &mut Vec<Tok>) {
    toks.reserve(BLOCK_TOKENS);
}

/// Records the token about to be pushed onto `tokens.toks` as `id`, of the classes and cue
/// number of `entry`: in [`Tokens::cue_first`] when it is a cue's first word, in
/// [`Tokens::evidence_sites`] when its classes have an evidence phrase's word
/// ([`Classes::EVIDENCE`]) or `site` says it is one for what else it is ([`is_evidence_site`]).
/// One test of the classes passes over most words.
#[inline(always)]
fn push_listed(entry: WordEntry, id: TokenId, site: bool, tokens: &mut Tokens) {
    let classes = entry.classes();
    if classes.any(Classes::CUE_FIRST.or_flags(Classes::EVIDENCE)) || site {
        if classes.has(Classes::CUE_FIRST) {
            tokens.cue_first.push(CueStart {
                token: id,
                number: entry.cue(),
            });
        }
        if site || classes.any(Classes::EVIDENCE) {
            tokens.evidence_sites.push(id);
        }
    }
}

/// Whether the word `bytes[start..end]` has a hyphen six bytes before its end, as one ending in
/// "-based" has ("St. Louis-based"): what [`crate::org_evidence`] reads as a "-based" before a
/// capitalised word, by its bytes alone.
#[inline(always)]
pub(crate) fn may_end_based(bytes: &[u8], start: usize, end: usize) -> bool {
    end - start > 6 && bytes[end - 6] == b'-'
}

/// Whether the token `t` of `text` is listed in [`Tokens::evidence_sites`]: a word of an evidence
/// phrase's class ([`Classes::EVIDENCE`]), a word that is not plain, one that ends with a period
/// or may end in "-based" ([`may_end_based`]), or an apostrophe standing alone (`'`, `''` or `’`).
/// What [`crate::org_evidence`] reads beside a capitalised word for evidence is one of these.
pub fn is_evidence_site(text: &str, t: &Tok) -> bool {
    if t.word {
        t.classes.any(Classes::EVIDENCE)
            || !t.shape.has(Shape::PLAIN)
            || text.as_bytes()[t.end - 1] == b'.'
            || may_end_based(text.as_bytes(), t.start, t.end)
    } else {
        is_apostrophe(t.punct)
    }
}

/// Whether `punct` is the mark of an apostrophe standing alone (`'`, `''`, `’`).
#[inline(always)]
fn is_apostrophe(punct: Punct) -> bool {
    punct == Punct::of('\'') || punct == Punct::of('’')
}

/// The classes of the word `text[start..end]` ([`crate::word_classes::at`]) and, when they have
/// [`Classes::CUE_FIRST`], its cue number ([`crate::word_classes::cue_number_at`]; else 0): for
/// the words the quick paths leave.
#[inline(always)]
fn entry_at(text: &str, start: usize, end: usize) -> WordEntry {
    let classes = crate::word_classes::at(text, start, end);
    let cue = if classes.has(Classes::CUE_FIRST) {
        crate::word_classes::cue_number_at(text, start, end)
    } else {
        0
    };
    WordEntry::new(classes, cue)
}

/// Records the token about to be pushed onto `tokens.toks` as `id`, of `shape`, in
/// [`Tokens::capitals`] when it is capitalised or a word that is not plain (only words are
/// either).
#[inline(always)]
fn push_capital(shape: Shape, id: TokenId, tokens: &mut Tokens) {
    if shape.0 & (Shape::CAPITALISED.0 | Shape::OTHER_WORD.0) != 0 {
        tokens.capitals.push(id);
    }
}

/// A word token of `text[start..end]`, of `shape` and `classes`.
#[inline(always)]
fn word_tok(start: usize, end: usize, shape: Shape, classes: Classes) -> Tok {
    Tok {
        start,
        end,
        word: true,
        shape,
        punct: Punct::NONE,
        classes,
    }
}

/// Reads the token at byte `i` (no space) of a range that ends at `limit`, a plain word by
/// [`plain_word`] when it can, else by [`token_at`]: returns where the next one may start.
#[inline(never)]
fn any_token_at(
    text: &str,
    i: usize,
    limit: usize,
    lookup: Lookup,
    tokens: &mut Tokens,
    ends: &mut Vec<usize>,
    pairs: &StartPairs,
) -> usize {
    if KIND[usize::from(text.as_bytes()[i])] == WORD {
        if let Some(next) = plain_word(text, i, limit, lookup, tokens, pairs) {
            return next;
        }
    }
    token_at(text, i, limit, tokens, ends, pairs)
}

/// Takes the word at byte `i` (an ASCII word character) of a range that ends at `limit` when it is
/// plain ([`Shape::PLAIN`]: ASCII letters and digits, joined by inner hyphens and periods) and
/// what ends it is plain too: a byte that cannot go on a word, the range's end, or a period that
/// is the word's own only after an abbreviation or an initial. Returns where the next token may
/// start, or None (nothing pushed) for any other word, which [`token_at`] reads.
///
/// A word of one to fifteen letters and digits (most words) is measured in one classification of
/// sixteen bytes ([`ascii_alphanumerics_among_sixteen`]) and keyed straight from them: up to eight
/// bytes as one integer ([`Key::short`]), longer ones as two ([`Lookup::plain`]).
#[inline(always)]
fn plain_word(
    text: &str,
    i: usize,
    limit: usize,
    lookup: Lookup,
    tokens: &mut Tokens,
    pairs: &StartPairs,
) -> Option<usize> {
    let bytes = text.as_bytes();
    // `names`: whether a name may start at the word's start ([`Tokens::name_starts`]): 0 no, 1
    // yes, 2 ask [`list_ascii_name_starts`], as the word may have marks inside ("U.S",
    // "co-founder"), after which names may start too.
    let (end, entry, names) = match sixteen_at(bytes, i) {
        Some(chunk) => {
            let len = (!ascii_alphanumerics_among_sixteen(chunk)).trailing_zeros() as usize;
            // The byte after the word, when the word is shorter than sixteen.
            let next = chunk[len & 15];
            if len.wrapping_sub(1) < 15 && i + len <= limit && ENDS_ASCII_WORD[usize::from(next)] {
                let half = |k: usize| {
                    let part = chunk[8 * k..8 * k + 8].try_into().unwrap_or_default();
                    u64::from_le_bytes(part)
                };
                let entry = if len <= 8 {
                    lookup.short_entry(lowered(half(0), len))
                } else {
                    lookup.plain_entry([lowered(half(0), 8), lowered(half(1), len - 8)], len)
                };
                let word = le64(chunk);
                (i + len, entry, u8::from(pairs.may_open(word)))
            } else {
                // The first `len` bytes are letters and digits already counted.
                let end = plain_word_end(bytes, i, (i + len).min(limit), limit)?;
                (end, entry_at(text, i, end), 2)
            }
        }
        None => {
            let end = plain_word_end(bytes, i, i, limit)?;
            (end, entry_at(text, i, end), 2)
        }
    };
    let classes = entry.classes();
    if end < limit && bytes[end] == b'.' && keeps_period(classes, end - i, bytes[i]) {
        return None;
    }
    // A word starts after a character that is no word character (its token would go on after
    // one that is).
    let shape = PLAIN_SHAPE[usize::from(bytes[i])];
    push_word(
        text,
        word_tok(i, end, shape, classes),
        entry,
        names,
        tokens,
        |out| list_ascii_name_starts(bytes, i, end, pairs, out),
    );
    Some(end + usize::from(bytes.get(end) == Some(&b' ')))
}

/// The end of the plain word at byte `i` as [`plain_word`] takes it, or None when the word is
/// not plain or may go on past a mark that [`word_end`] has to read. The bytes from `i` to `from`
/// (at most `limit`) are known to be ASCII letters and digits: the scan starts after them.
#[inline(never)]
fn plain_word_end(bytes: &[u8], i: usize, from: usize, limit: usize) -> Option<usize> {
    debug_assert!(
        i <= from && from <= limit && bytes[i..from].iter().all(u8::is_ascii_alphanumeric)
    );
    let mut end = from;
    loop {
        // A run of ASCII letters and digits, eight bytes at a time while eight are left.
        while let Some(&part) = bytes
            .get(end..limit)
            .and_then(|rest| rest.first_chunk::<8>())
        {
            let n = alphanumeric_prefix(u64::from_le_bytes(part));
            end += n;
            if n < 8 {
                break;
            }
        }
        while end < limit && bytes[end].is_ascii_alphanumeric() {
            end += 1;
        }
        if end == i {
            // '_' starts the word.
            return None;
        }
        let Some(&b) = bytes[..limit].get(end) else {
            return Some(end);
        };
        if ENDS_ASCII_WORD[usize::from(b)] {
            return Some(end);
        }
        if !matches!(b, b'.' | b'-') {
            return None;
        }
        // A hyphen or period before an ASCII letter or digit is inside the word; before anything
        // else ASCII but '_', or the range's end, it ends the word.
        match bytes[..limit].get(end + 1) {
            Some(n) if n.is_ascii_alphanumeric() => end += 1,
            Some(&n) if !n.is_ascii() || n == b'_' => return None,
            _ => return Some(end),
        }
    }
}

/// Reads the token (or the space) at byte `i` of a range that ends at `limit`, as
/// [`tokenize_range`] says, for any token: returns where the next one may start.
#[inline(never)]
fn token_at(
    text: &str,
    i: usize,
    limit: usize,
    tokens: &mut Tokens,
    ends: &mut Vec<usize>,
    pairs: &StartPairs,
) -> usize {
    let bytes = text.as_bytes();
    let b = bytes[i];
    let (c, len, word) = if b.is_ascii() {
        if KIND[usize::from(b)] == SPACE {
            return i + 1;
        }
        (char::from(b), 1, KIND[usize::from(b)] == WORD)
    } else {
        let Some((c, len)) = char_within(text, i, limit) else {
            return limit;
        };
        if c.is_whitespace() {
            return i + len;
        }
        (c, len, is_word_char(c))
    };
    let (end, plain, punct) = if word {
        let (end, plain) = word_end(text, i, limit);
        (end, plain, Punct::NONE)
    } else if c == '\'' && bytes.get(i + 1) == Some(&b'\'') {
        (i + 2, false, Punct(b'\''))
    } else if b.is_ascii() {
        (i + 1, false, Punct(b))
    } else {
        (i + len, false, Punct::of(c))
    };
    let ends_sentence = if word {
        bytes[end - 1] == b'.'
    } else {
        matches!(c, '.' | '!' | '?' | '…')
    };
    let out = &mut tokens.toks;
    if ends_sentence {
        ends.push(out.len());
    }
    let entry = if word {
        entry_at(text, i, end)
    } else {
        WordEntry::default()
    };
    let classes = entry.classes();
    let shape = Shape::of(c, word, plain);
    let tok = Tok {
        start: i,
        end,
        word,
        shape,
        punct,
        classes,
    };
    let id = TokenId::new(tokens.toks.len());
    let site = if word {
        !plain || bytes[end - 1] == b'.' || may_end_based(bytes, i, end)
    } else {
        is_apostrophe(punct)
    };
    push_listed(entry, id, site, tokens);
    push_capital(shape, id, tokens);
    if punct.is_quotation_mark() {
        tokens.quotation_marks.push(id);
    }
    list_name_starts(text, i, end, pairs, &mut tokens.name_starts);
    push_reserved(&mut tokens.toks, tok);
    // Most tokens are followed by one plain space: passed over here, not by another turn of the
    // loop. (Past the range's end it only ends the loop, as the loop's test would.)
    end + usize::from(bytes.get(end) == Some(&b' '))
}

/// [`tokenize_range`] with every token read by [`token_at`], to test the quick paths against.
#[cfg(test)]
fn tokenize_range_by_token_at(
    text: &str,
    range: Range<usize>,
    tokens: &mut Tokens,
    ends: &mut Vec<usize>,
    pairs: &StartPairs,
) {
    let mut i = range.start;
    while i < range.end {
        i = token_at(text, i, range.end, tokens, ends, pairs);
    }
}

/// The end of the word starting at `start`, and whether the word is plain ([`Shape::PLAIN`]).
fn word_end(text: &str, start: usize, limit: usize) -> (usize, bool) {
    let bytes = &text.as_bytes()[..limit];
    let mut end = start;
    let mut plain = true;
    loop {
        // ASCII letters and digits, most of any word, are taken without decoding them.
        end += bytes[end..]
            .iter()
            .take_while(|&&b| ASCII_ALPHANUMERIC[usize::from(b)])
            .count();
        // Most words end at a space or a punctuation mark that cannot go on a word.
        match bytes.get(end) {
            None => break,
            Some(&b) if b.is_ascii() && !matches!(b, b'\'' | b'.' | b'-' | b'&' | b'_') => break,
            _ => {}
        }
        let Some((c, len)) = char_within(text, end, limit) else {
            break;
        };
        // A letter beyond ASCII or `_`, or an inner apostrophe, period, hyphen or ampersand before
        // more of the word; only a hyphen or period before an ASCII letter or digit keeps it plain.
        let goes_on = if is_word_char(c) {
            plain = false;
            true
        } else if matches!(c, '\'' | '’' | '.' | '-' | '&') {
            match char_within(text, end + len, limit) {
                Some((n, _)) if is_word_char(n) => {
                    plain &= matches!(c, '.' | '-') && n.is_ascii_alphanumeric();
                    true
                }
                _ => false,
            }
        } else {
            false
        };
        if !goes_on {
            break;
        }
        end += len;
    }
    // "Mr." and "U.S." keep their period; a sentence-final period stays a token of its own.
    if bytes.get(end) == Some(&b'.') {
        let word = &text[start..end];
        let initial = word.chars().count() == 1 && word.starts_with(char::is_uppercase);
        if initial || ABBREVIATIONS.contains(word) {
            end += 1;
        }
    }
    (end, plain)
}

/// A word as the lexicons list it: ASCII lowercase, with ’ read as ' ("Didn’t" → "didn't"). The
/// claims stage looks up nearly every word it reads, so a key is packed straight from the text into
/// three integers, eight bytes each, with no string to build: it is lowercased eight letters at a
/// time, and hashes and compares as integers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key([u64; 3]);

impl Key {
    /// The longest word, in bytes, that has a key. The last byte holds the length.
    pub const MAX: usize = 23;

    /// The key of the empty word, which no token has (tables of keys mark free slots with it).
    pub const EMPTY: Key = Key([0; 3]);

    /// The key of `word`, or None for a word no lexicon can list: one with a letter beyond ASCII,
    /// or longer than [`Key::MAX`].
    pub fn of(word: &str) -> Option<Key> {
        let bytes = word.as_bytes();
        if bytes.len() <= Key::MAX {
            let mut words = [0u64; 3];
            for (i, &b) in bytes.iter().enumerate() {
                words[i / 8] |= u64::from(b) << (i % 8 * 8);
            }
            if words.iter().all(|w| w & HIGHS == 0) {
                let mut key = words.map(ascii_lowercase);
                key[2] |= (bytes.len() as u64) << 56;
                return Some(Key(key));
            }
        }
        // A word with ’ (E2 80 99 in UTF-8) or a letter beyond ASCII, or a long one: folded byte by
        // byte, then keyed as ASCII.
        let mut folded = [0u8; Key::MAX];
        let mut n = 0;
        let mut rest = bytes.iter();
        while let Some(&b) = rest.next() {
            let b = match b {
                _ if b.is_ascii() => b,
                0xE2 if rest.next() == Some(&0x80) && rest.next() == Some(&0x99) => b'\'',
                _ => return None,
            };
            *folded.get_mut(n)? = b;
            n += 1;
        }
        Key::of(std::str::from_utf8(&folded[..n]).ok()?)
    }

    /// Whether a word whose first byte is `b` may have this key: not when `b` is ASCII and
    /// another letter than the key's first (case aside), which is told without making the word's
    /// key (a word beyond ASCII, "’s", is keyed to be told).
    #[inline]
    pub fn may_start_with(self, b: u8) -> bool {
        !b.is_ascii() || b.to_ascii_lowercase() == self.0[0] as u8
    }

    /// The key of `text[start..end]`, the same as [`Key::of`] but read eight bytes at a time
    /// straight from the text (the token layer keys nearly every word this way).
    #[inline]
    pub fn at(text: &str, start: usize, end: usize) -> Option<Key> {
        let bytes = text.as_bytes();
        let len = end - start;
        if len <= Key::MAX && start + 24 <= bytes.len() {
            let load = |k: usize| {
                let at = start + 8 * k;
                let word = le64(&bytes[at..]);
                // The bytes of this part that belong to the word: none, some or all eight.
                match len.saturating_sub(8 * k) {
                    0 => 0,
                    keep @ 1..=7 => word & ((1u64 << (8 * keep)) - 1),
                    _ => word,
                }
            };
            // Most words fit in the first part.
            let key = if len <= 8 {
                [load(0), 0, 0]
            } else {
                [load(0), load(1), load(2)]
            };
            if (key[0] | key[1] | key[2]) & HIGHS == 0 {
                let mut key = key.map(ascii_lowercase);
                key[2] |= (len as u64) << 56;
                return Some(Key(key));
            }
        }
        Key::of(&text[start..end])
    }

    /// The key of a word of nine to sixteen ASCII bytes already lowercased, as two integers (the
    /// second's bytes beyond the word zero).
    #[inline(always)]
    pub(crate) fn of_two(parts: [u64; 2], len: usize) -> Key {
        Key([parts[0], parts[1], (len as u64) << 56])
    }

    /// A word of one to eight bytes as one integer: the first part of its key, which alone tells
    /// such words apart (no byte of a word is 0). None for a longer word (or the empty one).
    #[inline]
    pub fn short(&self) -> Option<u64> {
        matches!(self.0[2] >> 56, 1..=8).then_some(self.0[0])
    }

    /// [`Key::short`] of `text[start..end]` read straight from the text, for a word of one to eight
    /// ASCII bytes (None for any other word, which [`Key::at`] keys).
    #[inline(always)]
    pub fn short_at(text: &str, start: usize, end: usize) -> Option<u64> {
        let bytes = text.as_bytes();
        let len = end.wrapping_sub(start);
        let part = bytes.get(start..start + 8)?;
        if !(1..=8).contains(&len) {
            return None;
        }
        let word = u64::from_le_bytes(part.try_into().ok()?) & (u64::MAX >> (64 - 8 * len));
        (word & HIGHS == 0).then(|| ascii_lowercase(word))
    }

    /// The key mixed into one integer (what it hashes as), for tables of keys.
    #[inline]
    pub fn mixed(&self) -> u64 {
        let [a, b, c] = self.0;
        a ^ b.rotate_left(21) ^ c.rotate_left(42)
    }

    /// The key's bytes: the word in ASCII lowercase, with ' for ’.
    pub fn bytes(&self) -> Vec<u8> {
        let len = (self.0[2] >> 56) as usize;
        (0..len)
            .map(|i| (self.0[i / 8] >> (i % 8 * 8)) as u8)
            .collect()
    }
}

impl Hash for Key {
    /// The three integers, mixed into one: FxHash takes it in a single multiply. The rotations
    /// (a third and two thirds of 64 bits) keep equal bytes at the same place in two integers from
    /// cancelling out.
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.mixed());
    }
}

/// The word without its possessive ending ("Sony's", "Iran’s" → "Sony", "Iran"), if it has one.
pub fn possessive_stem(word: &str) -> Option<&str> {
    word.strip_suffix("'s").or_else(|| word.strip_suffix("’s"))
}

/// Whether `word` starts with an upper-case letter ("Parsi", "U.S.", "Émile"): the test a token's
/// [`Shape::CAPITALISED`] records ([`Tok::capitalised`]), for a word that is no token.
/// A word that opens with an ASCII byte, nearly every one, is told by that byte without decoding.
#[inline]
pub fn is_capitalized(word: &str) -> bool {
    match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => word.chars().next().is_some_and(char::is_uppercase),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;
    use crate::testing::XorShift;

    fn words(raw: &str) -> Vec<String> {
        let doc = Document::from_text("t".into(), "t".into(), raw);
        let s = crate::sentences::split(&doc);
        let t = tokenize(&doc.text, &s);
        t.toks
            .iter()
            .map(|t| doc.text[t.range()].to_owned())
            .collect()
    }

    #[test]
    fn capitalised_tokens_are_told_by_their_shape() {
        let text = "Émile said “Yes” to él, U.S. and the 3 ÉTATS; Ñ ñ ’Twas «A».";
        let doc = Document::from_text("t".into(), "t".into(), text);
        for t in tokenize(text, &crate::sentences::split(&doc)).toks {
            let word = &text[t.range()];
            assert_eq!(t.capitalised(), is_capitalized(word), "{word}");
        }
    }

    #[test]
    fn words_keep_inner_punctuation_and_abbreviation_periods() {
        assert_eq!(
            words("Mr. Parsi’s co-founder said ''no'' to U.S. officials."),
            vec![
                "Mr.",
                "Parsi’s",
                "co-founder",
                "said",
                "''",
                "no",
                "''",
                "to",
                "U.S.",
                "officials",
                "."
            ]
        );
        assert_eq!(
            words("“Yes,” he said."),
            vec!["“", "Yes", ",", "”", "he", "said", "."]
        );
    }

    #[test]
    fn shapes_say_capitalised_and_plain() {
        let doc = Document::from_text(
            "t".into(),
            "t".into(),
            "Mr. Émile’s co-op x_y U.S. AT&T 3.5 von É.",
        );
        let s = crate::sentences::split(&doc);
        let got: Vec<(&str, bool, bool)> = tokenize(&doc.text, &s)
            .toks
            .iter()
            .map(|t| {
                let w = &doc.text[t.range()];
                (w, t.capitalised(), t.shape.has(Shape::PLAIN))
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("Mr.", true, true),
                ("Émile’s", true, false),
                ("co-op", false, true),
                ("x_y", false, false),
                ("U.S.", true, true),
                ("AT&T", true, false),
                ("3.5", false, true),
                ("von", false, true),
                ("É.", true, false),
            ]
        );
    }

    #[test]
    fn marks_tell_what_the_text_tells() {
        let text = "Yes, he said: \"No\" — ‘maybe’… (or ’not’); ''x'' – € ¿? «a» 5′ • x·y! „Ja“";
        let doc = Document::from_text("t".into(), "t".into(), text);
        let (sentences, tokens) = crate::sentences::split_and_tokenize(&doc);
        let mut candidates: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        candidates.extend(['a', 'Z', '€', '¿']);
        for t in &tokens.toks {
            assert_eq!(t.punct == Punct::NONE, t.word);
            for &c in &candidates {
                if c.is_ascii() || Punct::MARKS.contains(&c) {
                    let by_text = !t.word && doc.text[t.range()].starts_with(c);
                    assert_eq!(
                        t.is_mark(&[Punct::of(c)]),
                        by_text,
                        "{c} at {:?}",
                        t.range()
                    );
                }
            }
        }
        assert_eq!(Punct::of('€'), Punct::OTHER);
        assert_eq!(Punct::of(',').byte(), b',');
        // Every mark code has its own bit; letters and OTHER share one.
        let mut bits: Vec<u64> = (0x21u8..0x7f)
            .filter(|b| !b.is_ascii_alphanumeric() && *b != b'_')
            .map(|b| Punct::of(char::from(b)).bit())
            .chain(Punct::MARKS.iter().map(|&c| Punct::of(c).bit()))
            .collect();
        let n = bits.len();
        bits.sort_unstable();
        bits.dedup();
        assert_eq!(bits.len(), n);
        assert!(!bits.contains(&Punct::OTHER.bit()));
        // A sentence's bits are its tokens' ORed.
        assert_eq!(tokens.sentence_bits.len(), sentences.len());
        for (range, bits) in tokens.sentences.iter().zip(&tokens.sentence_bits) {
            let toks = &tokens.toks[range.clone()];
            for t in toks {
                assert!(bits.has_mark(t.punct) || t.word);
                assert!(bits.has(Classes::NONE.or_flags(t.classes)));
                assert!(bits.any_role() || t.classes.role().is_none());
                assert!(bits.may_have_shape(t.shape));
            }
            let commas = toks.iter().any(|t| t.is_mark(&[Punct::of(',')]));
            assert_eq!(bits.has_mark(Punct::of(',')), commas);
        }
        assert!(tokens.sentence_bits[0].has_mark(Punct::of(',')));
        assert!(tokens.sentence_bits[0].has(Classes::CUE_FIRST), "said");
        assert!(!tokens.sentence_bits[0].has(Classes::DISMISSAL));
        let tokenized = tokenize(&doc.text, &sentences);
        assert_eq!(tokenized.sentence_bits, tokens.sentence_bits);
    }

    #[test]
    fn the_ascii_table_agrees_with_char() {
        for b in 0u8..128 {
            let c = char::from(b);
            let kind = KIND[usize::from(b)];
            assert_eq!(kind == SPACE, c.is_whitespace(), "{b}");
            assert_eq!(kind == WORD, is_word_char(c), "{b}");
            assert_eq!(
                kind == MARK,
                !c.is_whitespace() && !is_word_char(c) && c != '\'',
                "{b}"
            );
        }
        for b in 128..=255u8 {
            assert_eq!(KIND[usize::from(b)], 0);
        }
    }

    #[test]
    fn the_alphanumeric_prefix_counts_letters_and_digits() {
        let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
        for _ in 0..200_000 {
            let state = rng.step();
            // Bytes near the ranges' edges more often than the rest.
            let mut w = state;
            if state.is_multiple_of(3) {
                let edges = b"/09:@AZ[`az{_ \x7f\x80\xc3\xff-.'";
                w = (0..8).fold(0u64, |acc, k| {
                    acc | u64::from(edges[((state >> (5 * k)) % edges.len() as u64) as usize])
                        << (8 * k)
                });
            }
            let bytes = w.to_le_bytes();
            let expected = bytes
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            assert_eq!(alphanumeric_prefix(w), expected, "{bytes:?}");
        }
    }

    /// Up to `most` - 1 of `pieces` drawn by a xorshift of `state`, each followed by what
    /// `between` makes of the draw.
    fn random_text(
        rng: &mut XorShift,
        pieces: &[&str],
        most: u64,
        between: impl Fn(u64) -> Option<char>,
    ) -> String {
        let mut text = String::new();
        for _ in 0..(rng.0 % most) {
            let n = rng.step();
            text.push_str(pieces[(n % pieces.len() as u64) as usize]);
            text.extend(between(n));
        }
        text
    }

    #[test]
    fn the_quick_paths_give_what_token_at_gives() {
        let pieces = [
            "Mr.",
            "U.S.",
            "said",
            "SAID",
            "Didn’t",
            "didn't",
            "''",
            "'",
            "x_y",
            "_a",
            "co-op",
            "AT&T",
            "3.5",
            "Émile",
            "É.",
            "…",
            "—",
            "“",
            "”",
            "\"",
            "„",
            "«",
            "a",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "according",
            "Acknowledged",
            ".",
            ",",
            "!",
            "?",
            "(",
            ")",
            " ",
            "  ",
            "\n",
            "\t",
            "7",
            "J.",
            "e.g.",
            "x.",
            "end.",
            "foo-",
            "bar&",
            "baz'",
            "q’",
            "Straße",
            "naïve",
            "\u{a0}",
            "abcdefghijklmnop",
            "ABCDEFGHIJKLMNOPQ",
            "U.S.-led",
            "a.-b",
            "9._",
            "a-é",
            "w.é",
            "x..",
            "-",
            "e.g",
            "Louis-based",
            "x-based",
            "of",
            "spokeswoman",
            "’",
        ];
        let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
        for n in 0..45_000 {
            // Every third text long enough to cross a block of 64 bytes, or several.
            let most = if n % 3 == 0 { 60 } else { 12 };
            let text = random_text(&mut rng, &pieces, most, |s| (s & 0x100 != 0).then_some(' '));
            // A range that ends before the text does, at a character boundary, and may start
            // after its first bytes.
            let mut limit = text.len().saturating_sub((rng.step() % 4) as usize);
            while !text.is_char_boundary(limit) {
                limit -= 1;
            }
            let mut start = ((rng.step() % 3) as usize).min(limit);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let (mut quick, mut slow) = (Tokens::default(), Tokens::default());
            let (mut quick_ends, mut slow_ends) = (Vec::new(), Vec::new());
            tokenize_range(&text, start..limit, &mut quick, &mut quick_ends, &NO_PAIRS);
            tokenize_range_by_token_at(&text, start..limit, &mut slow, &mut slow_ends, &NO_PAIRS);
            assert_eq!(quick.toks, slow.toks, "{text:?} up to {limit}");
            assert_eq!(quick.cue_first, slow.cue_first, "{text:?}");
            // The quotation marks are the tokens whose mark is one.
            let marks: Vec<TokenId> = (slow.toks.iter().enumerate())
                .filter(|(_, t)| t.punct.is_quotation_mark())
                .map(|(i, _)| TokenId::new(i))
                .collect();
            assert_eq!(quick.quotation_marks, marks, "{text:?}");
            assert_eq!(slow.quotation_marks, marks, "{text:?}");
            // Each cue's first word carries its number in the cue lexicon.
            for c in &quick.cue_first {
                let t = &quick.toks[c.token.index()];
                assert!(t.classes.has(Classes::CUE_FIRST), "{text:?}");
                let number = crate::word_classes::cue_number_at(&text, t.start, t.end);
                assert_eq!((c.number, number > 0), (number, true), "{text:?}");
            }
            assert_eq!(quick.capitals, slow.capitals, "{text:?}");
            // The capitals are the capitalised tokens and the words that are not plain.
            let capitals: Vec<TokenId> = (0..quick.toks.len())
                .filter(|&k| {
                    let t = &quick.toks[k];
                    t.capitalised() || t.shape.has(Shape::OTHER_WORD)
                })
                .map(TokenId::new)
                .collect();
            assert_eq!(quick.capitals, capitals, "{text:?}");
            assert_eq!(quick.evidence_sites, slow.evidence_sites, "{text:?}");
            // The evidence sites are the tokens `is_evidence_site` tells.
            let sites: Vec<TokenId> = (0..quick.toks.len())
                .filter(|&k| is_evidence_site(&text, &quick.toks[k]))
                .map(TokenId::new)
                .collect();
            assert_eq!(quick.evidence_sites, sites, "{text:?}");
            assert_eq!(quick_ends, slow_ends, "{text:?}");
            assert_same_walks(&text, start..limit);
        }
    }

    /// Asserts that the walk with the blocks classified byte by byte gives the token table (and
    /// the tokens that may end a sentence) that [`tokenize_range`] gives, which on this machine
    /// may classify them with AVX2; name starts by the pairs that start with a capital, a digit,
    /// a mark or a byte beyond ASCII, and the pair "le".
    fn assert_same_walks(text: &str, range: Range<usize>) {
        let mut pairs = StartPairs::NONE;
        for first in (0..=255u8).filter(|b| !b.is_ascii_lowercase()) {
            for second in 0..256 {
                pairs.insert(usize::from(first) << 8 | second);
            }
        }
        pairs.insert(usize::from(b'l') << 8 | usize::from(b'e'));
        let pairs = &pairs;
        // Each walk's token table and sentence ends.
        type Walk = fn(&str, Range<usize>, &mut Tokens, &mut Vec<usize>, &StartPairs);
        let table = |walk: Walk| {
            let (mut tokens, mut ends) = (Tokens::default(), Vec::new());
            walk(text, range.clone(), &mut tokens, &mut ends, pairs);
            (tokens, ends)
        };
        let (portable, portable_ends) = table(walk_range::<{ Classify::ByteByByte as u8 }>);
        // The walk this processor runs, and the one by the vector instructions every processor
        // has (what a processor without AVX2 runs), give the same table.
        for (walk, (tokens, ends)) in [
            ("fast", table(tokenize_range)),
            (
                "baseline",
                table(walk_range::<{ Classify::Baseline as u8 }>),
            ),
        ] {
            assert_eq!(tokens.toks, portable.toks, "{walk} {text:?}");
            assert_eq!(tokens.cue_first, portable.cue_first, "{walk} {text:?}");
            assert_eq!(tokens.capitals, portable.capitals, "{walk} {text:?}");
            let sites = &tokens.evidence_sites;
            assert_eq!(sites, &portable.evidence_sites, "{walk} {text:?}");
            assert_eq!(tokens.name_starts, portable.name_starts, "{walk} {text:?}");
            let marks = &tokens.quotation_marks;
            assert_eq!(marks, &portable.quotation_marks, "{walk} {text:?}");
            assert_eq!(ends, portable_ends, "{walk} {text:?}");
        }
    }

    #[test]
    fn every_classifier_gives_the_byte_sets_of_every_byte() {
        // Each byte value at each of the 64 places, among random neighbours.
        let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
        for b in 0..=255u8 {
            for at in 0..64 {
                let mut chunk = [0u8; 64];
                for (k, byte) in chunk.iter_mut().enumerate() {
                    *byte = if k == at { b } else { rng.step() as u8 };
                }
                let expected = BYTE_SETS.among_sixty_four(&chunk);
                assert_eq!(baseline_byte_sets(&chunk), expected, "{b:#x} at {at}");
                #[cfg(target_arch = "x86_64")]
                if std::arch::is_x86_feature_detected!("avx2") {
                    // SAFETY: the processor has AVX2.
                    let avx2 = unsafe { BYTE_SETS.among_sixty_four_avx2(&chunk) };
                    assert_eq!(avx2, expected, "{b:#x} at {at}");
                }
            }
        }
    }

    #[test]
    fn both_walks_give_one_token_table() {
        // Made-up edge cases: a character beyond ASCII across a block's end, apostrophes,
        // quotes, hyphens, digits with separators, a block of spaces, the last partial block.
        let mut cases: Vec<String> = Vec::new();
        for pad in 58..66 {
            let lead = "a".repeat(pad);
            for tail in [
                "é x",
                "’s x",
                "’",
                "'' y",
                "-led z",
                "3,000.50 q",
                "U.S. x",
                "…",
            ] {
                cases.push(format!("{lead}{tail}"));
                cases.push(format!("{} {tail}", "b".repeat(pad - 1)));
            }
        }
        cases.push(" ".repeat(200));
        cases.push(format!("{}Word", " ".repeat(127)));
        cases.push("“Quoted,” he said. Don’t co-operate at 10-0-41-2 or 1,234.5!".repeat(5));
        cases.push(format!("{}{}", "x".repeat(70), "y.z-w&v'u_t".repeat(9)));
        for text in &cases {
            for start in [0, 1, 3] {
                if text.is_char_boundary(start) && start < text.len() {
                    assert_same_walks(text, start..text.len());
                }
            }
        }
        // Real text: each paragraph of the first articles of each BBC topic.
        let Some(articles) = crate::testing::bbc_articles(40) else {
            return;
        };
        for text in &articles {
            let mut at = 0;
            for line in text.split_inclusive('\n') {
                assert_same_walks(text, at..at + line.trim_end().len());
                at += line.len();
            }
            assert_same_walks(text, 0..text.len());
        }
    }

    #[test]
    fn name_starts_are_the_word_starts_whose_pair_is_listed() {
        // Pairs as a gazetteer's patterns would set them: "Ir", "U.", "S.", "le", "'s", "’s",
        // "(R", "Ré", "co", "7" (one byte: every pair it starts) and "''".
        let mut pairs = StartPairs::NONE;
        let mut set = |pair: usize| pairs.insert(pair);
        for p in ["Ir", "U.", "S.", "le", "'s", "’s", "(R", "Ré", "co", "''"] {
            let b = p.as_bytes();
            set(usize::from(b[0]) << 8 | usize::from(b[1]));
        }
        for second in 0..256 {
            set(usize::from(b'7') << 8 | second);
        }
        let pieces = [
            "Iran",
            "Iran’s",
            "Iran's",
            "U.S.",
            "U.S.-led",
            "co-led",
            "(Reuters)",
            "''Iran''",
            "Ré",
            "x_Ir",
            "7",
            "a7",
            "…Iran",
            "—Iran",
            "é",
            "Mr.",
            "le",
            "Le",
            "\u{a0}",
            "'s",
        ];
        let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
        for n in 0..20_000 {
            // Every fourth text long enough to cross a block of 64 bytes.
            let most = if n % 4 == 0 { 40 } else { 10 };
            let text = random_text(&mut rng, &pieces, most, |s| {
                (s & 0x300 != 0).then_some(if s & 0x400 != 0 { ' ' } else { '\n' })
            });
            let mut tokens = Tokens::default();
            tokenize_range(&text, 0..text.len(), &mut tokens, &mut Vec::new(), &pairs);
            let bytes = text.as_bytes();
            let expected: Vec<usize> = text
                .char_indices()
                .filter(|&(k, c)| {
                    !c.is_whitespace()
                        && !text[..k].chars().next_back().is_some_and(is_word_char)
                        && pairs.holds_at(bytes, k)
                })
                .map(|(k, _)| k)
                .collect();
            assert_eq!(tokens.name_starts, expected, "{text:?}");
            let mut slow = Tokens::default();
            tokenize_range_by_token_at(&text, 0..text.len(), &mut slow, &mut Vec::new(), &pairs);
            assert_eq!(slow.name_starts, expected, "{text:?}");
            let mut none = Tokens::default();
            tokenize_range(&text, 0..text.len(), &mut none, &mut Vec::new(), &NO_PAIRS);
            assert!(none.name_starts.is_empty());
            assert_eq!(none.toks, tokens.toks);
        }
    }

    #[test]
    fn keys_fold_case_and_apostrophes() {
        let key = |w: &str| Key::of(w);
        assert_eq!(key("Didn’t"), key("didn't"));
        assert_eq!(key("@AZaz[`{"), key("@azaz[`{"));
        assert_ne!(key("said"), key("sai"));
        assert_ne!(key("said"), key("said\0"));
        assert_eq!(key("Téhéran"), None);
        assert_eq!(key(&"X".repeat(23)), key(&"x".repeat(23)));
        assert_eq!(key(&"x".repeat(24)), None);
        assert_eq!(key(""), Some(Key::EMPTY));
        let long = format!("{}’s", "x".repeat(20));
        assert_eq!(key(&long), key(&long.replace('’', "'")));
    }

    #[test]
    fn keys_read_from_the_text_equal_keys_of_the_word() {
        let text =
            "Said didn’t x AbCdEfGhIjKlMnOpQrStUvW AbCdEfGhIjKlMnOpQrStUvWx Téhéran 12345678 \
                    abcdefgh ABCDEFGHIJKLMNOP end";
        let tail = text.len();
        for start in 0..tail {
            for end in start..=tail.min(start + 30) {
                if text.is_char_boundary(start) && text.is_char_boundary(end) {
                    let expected = Key::of(&text[start..end]);
                    if let Some(short) = Key::short_at(text, start, end) {
                        assert_eq!(expected.and_then(|k| k.short()), Some(short));
                    } else if start + 8 <= tail && text[start..end].is_ascii() {
                        assert!(!(1..=8).contains(&(end - start)), "{start}..{end}");
                    }
                    assert_eq!(
                        Key::at(text, start, end),
                        expected,
                        "{:?}",
                        &text[start..end]
                    );
                }
            }
        }
    }
}
