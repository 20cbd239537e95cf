//! Text normalisation and byte ↔ code-point offset conversion.
//!
//! Every offset claimgraph writes is a Unicode code-point offset into the *normalised* document text.
//! Normalisation is deliberately small so that it is easy to reproduce outside claimgraph:
//! a leading byte-order mark is removed and every CRLF or lone CR becomes LF. Nothing else changes.
//! Internally stages work on byte offsets (what Rust slices by); [`CharIndex`] converts them once per
//! document at output time.

use std::borrow::Cow;

/// The lines of `text` as [`str::lines`] gives them (the line feed and a carriage return before
/// it left off), found by the `memchr` crate's vectorised search (the standard library's reads
/// byte by byte): for the files read at start-up.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let line = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(i) => {
                let line = &rest[..i];
                rest = &rest[i + 1..];
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => std::mem::take(&mut rest),
        };
        Some(line)
    })
}

/// Normalises decoded text: strips a leading BOM and converts CRLF / CR line endings to LF.
///
/// Returns the input unchanged (borrowed) when there is nothing to do, which is the common case.
pub fn normalize(text: &str) -> Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The `memchr` crate's vectorised search: the standard library's reads byte by byte.
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The sixteen bytes of `bytes` at `at`, if there are that many: the unit the scans for capitals
/// and word starts read at once ([`capitals_among_sixteen`], [`ascii_words_among_sixteen`]).
#[inline(always)]
pub fn sixteen_at(bytes: &[u8], at: usize) -> Option<&[u8; 16]> {
    bytes.get(at..at.checked_add(16)?)?.try_into().ok()
}

/// The bytes of `chunk` that are ASCII capitals or beyond ASCII, one bit each (bit k for byte k):
/// where a name may start, and what a pair of capitals is made of.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub fn capitals_among_sixteen(chunk: &[u8; 16]) -> u32 {
    // SAFETY: SSE2 is part of x86_64: every x86_64 processor has it.
    unsafe { sse2::capitals(chunk) }
}

/// The bytes of `chunk` that are ASCII capitals or beyond ASCII, one bit each (bit k for byte k):
/// where a name may start, and what a pair of capitals is made of.
#[cfg(not(target_arch = "x86_64"))]
pub fn capitals_among_sixteen(chunk: &[u8; 16]) -> u32 {
    bits_of(chunk, |b| b.is_ascii_uppercase() || b >= 0x80)
}

/// The bytes of `chunk` beyond ASCII, and its ASCII bytes that are word characters
/// ([`is_word_char`]: letters, digits and `_`), one bit each (bit k for byte k).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub fn ascii_words_among_sixteen(chunk: &[u8; 16]) -> (u32, u32) {
    // SAFETY: SSE2 is part of x86_64: every x86_64 processor has it.
    unsafe { sse2::ascii_words(chunk) }
}

/// The bytes of `chunk` beyond ASCII, and its ASCII bytes that are word characters
/// ([`is_word_char`]: letters, digits and `_`), one bit each (bit k for byte k).
#[cfg(not(target_arch = "x86_64"))]
pub fn ascii_words_among_sixteen(chunk: &[u8; 16]) -> (u32, u32) {
    (
        bits_of(chunk, |b| b >= 0x80),
        bits_of(chunk, |b| b.is_ascii_alphanumeric() || b == b'_'),
    )
}

/// The bytes of `chunk` that are ASCII letters and digits, one bit each (bit k for byte k): how
/// far the token pass's plain word runs.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub fn ascii_alphanumerics_among_sixteen(chunk: &[u8; 16]) -> u32 {
    // SAFETY: SSE2 is part of x86_64: every x86_64 processor has it.
    unsafe { sse2::ascii_alphanumerics(chunk) }
}

/// The bytes of `chunk` that are ASCII letters and digits, one bit each (bit k for byte k): how
/// far the token pass's plain word runs.
#[cfg(not(target_arch = "x86_64"))]
pub fn ascii_alphanumerics_among_sixteen(chunk: &[u8; 16]) -> u32 {
    bits_of(chunk, |b| b.is_ascii_alphanumeric())
}

/// The bytes of `chunk` equal to `b`, one bit each (bit k for byte k): which of up to sixteen
/// sorted labels leads on in a trie ([`crate::pattern_trie`]).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub fn equal_among_sixteen(chunk: &[u8; 16], b: u8) -> u32 {
    // SAFETY: SSE2 is part of x86_64: every x86_64 processor has it.
    unsafe { sse2::equal(chunk, b) }
}

/// The bytes of `chunk` equal to `b`, one bit each (bit k for byte k): which of up to sixteen
/// sorted labels leads on in a trie ([`crate::pattern_trie`]).
#[cfg(not(target_arch = "x86_64"))]
pub fn equal_among_sixteen(chunk: &[u8; 16], b: u8) -> u32 {
    bits_of(chunk, |x| x == b)
}

/// The bytes of `chunk` where a JSON string's plain run stops, one bit each (bit k for byte k): a
/// quote (its end), a backslash (an escape) or a control character (below 0x20, which JSON
/// forbids in a string): what [`crate::jsonl`] looks for as it reads a string.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub fn json_stops_among_sixteen(chunk: &[u8; 16]) -> u32 {
    // SAFETY: SSE2 is part of x86_64: every x86_64 processor has it.
    unsafe { sse2::json_stops(chunk) }
}

/// The bytes of `chunk` where a JSON string's plain run stops, one bit each (bit k for byte k): a
/// quote (its end), a backslash (an escape) or a control character (below 0x20, which JSON
/// forbids in a string): what [`crate::jsonl`] looks for as it reads a string.
#[cfg(not(target_arch = "x86_64"))]
pub fn json_stops_among_sixteen(chunk: &[u8; 16]) -> u32 {
    bits_of(chunk, is_json_stop)
}

/// [`json_stops_among_sixteen`] of thirty-two bytes, by AVX2: a caller compiled for it reads a
/// long string's runs twice as far per step.
///
/// # Safety
/// The processor must have AVX2 (a caller compiled for it has).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
pub fn json_stops_among_thirty_two_avx2(chunk: &[u8; 32]) -> u32 {
    avx2::json_stops(chunk)
}

/// Copies the thirty-two bytes at `from` to `to` and returns [`json_stops_among_sixteen`] of
/// them, by AVX2: one load, stored as it is and tested, for a JSON string's runs between escapes
/// ([`crate::jsonl`]), which are copied as they are searched.
///
/// # Safety
/// The processor must have AVX2 (a caller compiled for it has); `from` must have thirty-two
/// bytes to read and `to` room for thirty-two.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
pub unsafe fn copy_thirty_two_json_stops_avx2(from: *const u8, to: *mut u8) -> u32 {
    // SAFETY: the function's own contract.
    unsafe { avx2::copy_json_stops(from, to) }
}

/// Whether a byte stops a JSON string's plain run ([`json_stops_among_sixteen`], one byte).
#[inline(always)]
pub fn is_json_stop(b: u8) -> bool {
    b == b'"' || b == b'\\' || b < 0x20
}

/// The bytes of `chunk` that a JSON string written into an HTML `<script>` element cannot hold as
/// they are, one bit each (bit k for byte k): those of [`json_stops_among_sixteen`] and `<` (which
/// could close the element): what [`crate::json_out`] looks for as it writes a string.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub fn inert_json_stops_among_sixteen(chunk: &[u8; 16]) -> u32 {
    // SAFETY: SSE2 is part of x86_64: every x86_64 processor has it.
    unsafe { sse2::inert_json_stops(chunk) }
}

/// The bytes of `chunk` that a JSON string written into an HTML `<script>` element cannot hold as
/// they are, one bit each (bit k for byte k): those of [`json_stops_among_sixteen`] and `<` (which
/// could close the element): what [`crate::json_out`] looks for as it writes a string.
#[cfg(not(target_arch = "x86_64"))]
pub fn inert_json_stops_among_sixteen(chunk: &[u8; 16]) -> u32 {
    bits_of(chunk, is_inert_json_stop)
}

/// Whether a byte is one [`inert_json_stops_among_sixteen`] finds (one byte).
#[inline(always)]
pub fn is_inert_json_stop(b: u8) -> bool {
    is_json_stop(b) || b == b'<'
}

/// The bytes of `chunk` that a value written into `graph.gexf` may have to change (see
/// [`crate::gexf`]), one bit each (bit k for byte k): the control characters, `"` `&` `'` `<`
/// `>`, and 0xEF (the first byte of U+FFFE and U+FFFF, which XML cannot hold).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub fn xml_attention_among_sixteen(chunk: &[u8; 16]) -> u32 {
    // SAFETY: SSE2 is part of x86_64: every x86_64 processor has it.
    unsafe { sse2::xml_attention(chunk) }
}

/// The bytes of `chunk` that a value written into `graph.gexf` may have to change (see
/// [`crate::gexf`]), one bit each (bit k for byte k): the control characters, `"` `&` `'` `<`
/// `>`, and 0xEF (the first byte of U+FFFE and U+FFFF, which XML cannot hold).
#[cfg(not(target_arch = "x86_64"))]
pub fn xml_attention_among_sixteen(chunk: &[u8; 16]) -> u32 {
    bits_of(chunk, is_xml_attention)
}

/// Whether a byte is one [`xml_attention_among_sixteen`] finds (one byte).
#[inline(always)]
pub fn is_xml_attention(b: u8) -> bool {
    b < 0x20 || matches!(b, b'"' | b'&' | b'\'' | b'<' | b'>' | 0xef)
}

/// The first byte of `bytes` at or after `at` that is a stop, or None: sixteen bytes tested at
/// once by `among_sixteen` (one bit per stop, bit k for byte k) while there are sixteen, the last
/// few one by one by `is_stop` (which must hold exactly the bytes `among_sixteen` marks). The one
/// scan of [`crate::jsonl`] (the stops of a JSON string being read: [`json_stops_among_sixteen`])
/// and [`crate::json_out`] (the bytes a string being written escapes:
/// [`inert_json_stops_among_sixteen`]); inlined into each, so the stop sets cost no call.
#[inline(always)]
pub fn next_stop(
    bytes: &[u8],
    mut at: usize,
    among_sixteen: impl Fn(&[u8; 16]) -> u32,
    is_stop: impl Fn(u8) -> bool,
) -> Option<usize> {
    while let Some(chunk) = sixteen_at(bytes, at) {
        let stops = among_sixteen(chunk);
        if stops != 0 {
            return Some(at + stops.trailing_zeros() as usize);
        }
        at += 16;
    }
    let k = bytes.get(at..)?.iter().position(|&c| is_stop(c))?;
    Some(at + k)
}

/// The sixty-four bytes of `bytes` at `at`, if there are that many: the unit the scan for pairs of
/// capitals reads at once ([`capitals_among_sixty_four`]).
#[inline(always)]
pub fn sixty_four_at(bytes: &[u8], at: usize) -> Option<&[u8; 64]> {
    bytes.get(at..at.checked_add(64)?)?.try_into().ok()
}

/// The bytes of `chunk` that are ASCII capitals or beyond ASCII, one bit each (bit k for byte k):
/// [`capitals_among_sixteen`] over its four sixteen-byte parts, where words in capitals are
/// looked for.
#[inline(always)]
pub fn capitals_among_sixty_four(chunk: &[u8; 64]) -> u64 {
    chunk
        .chunks_exact(16)
        .enumerate()
        .fold(0, |bits, (k, part)| {
            let part: &[u8; 16] = part.try_into().expect("chunks of sixteen bytes");
            bits | u64::from(capitals_among_sixteen(part)) << (16 * k)
        })
}

/// The places among the sixty-four bytes of `chunk` where a word may start, one bit each (bit k
/// for byte k): its bytes beyond ASCII, and its ASCII word characters (letters, digits and `_`)
/// that do not follow one (`after_word`: the byte before the chunk is one). Every byte that opens
/// a word and is no ASCII character of another kind is among them ([`ascii_words_among_sixteen`]
/// over the four sixteen-byte parts).
#[inline(always)]
pub fn word_starts_among_sixty_four(chunk: &[u8; 64], after_word: bool) -> u64 {
    let (beyond, words) =
        chunk
            .chunks_exact(16)
            .enumerate()
            .fold((0, 0), |(beyond, words), (k, part)| {
                let part: &[u8; 16] = part.try_into().expect("chunks of sixteen bytes");
                let (b, w) = ascii_words_among_sixteen(part);
                (
                    beyond | u64::from(b) << (16 * k),
                    words | u64::from(w) << (16 * k),
                )
            });
    (beyond | words) & !(words << 1 | u64::from(after_word))
}

/// From byte `at` on, sixty-four bytes at a time in steps of sixty-three (a pair of capitals may
/// straddle two blocks), the first block holding a pair of adjacent bytes that are both capitals
/// or beyond ASCII ([`capitals_among_sixty_four`]): its start and its pairs (bit k for the pair at
/// start + k, which starts among its first sixty-three bytes); None when no pair starts at or
/// after `at`. The last block, of fewer bytes, is read padded with bytes that are no capitals. On a
/// processor with AVX2 a block is classified thirty-two bytes at a time: most blocks of news text
/// hold no pair, and are passed over by this loop alone.
pub fn next_capital_pairs(bytes: &[u8], at: usize) -> Option<(usize, u64)> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2.
        return unsafe { avx2::next_capital_pairs(bytes, at) };
    }
    capital_pairs_from(bytes, at, capitals_among_sixty_four)
}

/// [`next_capital_pairs`], each block classified by `capitals`.
#[inline(always)]
fn capital_pairs_from(
    bytes: &[u8],
    mut at: usize,
    capitals: impl Fn(&[u8; 64]) -> u64,
) -> Option<(usize, u64)> {
    let pairs_among = |chunk: &[u8; 64]| {
        let capitals = capitals(chunk);
        capitals & capitals >> 1
    };
    while let Some(chunk) = sixty_four_at(bytes, at) {
        let pairs = pairs_among(chunk);
        if pairs != 0 {
            return Some((at, pairs));
        }
        at += 63;
    }
    let rest = bytes.get(at..).filter(|rest| rest.len() >= 2)?;
    let mut last = [0u8; 64];
    last[..rest.len()].copy_from_slice(rest);
    let pairs = pairs_among(&last);
    (pairs != 0).then_some((at, pairs))
}

/// A set of ASCII bytes that sixteen bytes are tested against at once: with SSSE3, two table
/// look-ups by nibble ([`AsciiSet::among_sixteen_ssse3`]), about ten instructions whatever the set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsciiSet {
    /// For each low nibble `l`, bit `h` set when the byte `h << 4 | l` is in the set (`h` < 8).
    by_low_nibble: [u8; 16],
}

impl AsciiSet {
    /// The ASCII bytes `b` for which `member(b)` holds.
    pub fn new(member: impl Fn(u8) -> bool) -> AsciiSet {
        let mut table = [0u8; 256];
        for b in 0..0x80u8 {
            table[usize::from(b)] = u8::from(member(b));
        }
        AsciiSet {
            by_low_nibble: nibble_row(&table, 0),
        }
    }

    /// The empty set, which [`AsciiSet::insert`] fills byte by byte.
    pub const EMPTY: AsciiSet = AsciiSet {
        by_low_nibble: [0; 16],
    };

    /// Adds the byte `b` when it is ASCII (a byte beyond ASCII is never in the set).
    #[inline]
    pub fn insert(&mut self, b: u8) {
        if b < 0x80 {
            self.by_low_nibble[usize::from(b & 15)] |= 1 << (b >> 4);
        }
    }

    /// Whether byte `b` is in the set (a byte beyond ASCII never is).
    pub fn contains(&self, b: u8) -> bool {
        b < 0x80 && self.by_low_nibble[usize::from(b & 15)] & 1 << (b >> 4) != 0
    }

    /// The bytes of `chunk` in the set, one bit each (bit k for byte k), byte by byte.
    pub fn among_sixteen(&self, chunk: &[u8; 16]) -> u32 {
        bits_of(chunk, |b| self.contains(b))
    }

    /// [`AsciiSet::among_sixteen`] in a few SSSE3 instructions, inline in a caller compiled for
    /// SSSE3.
    ///
    /// # Safety
    /// The processor must have SSSE3 (`is_x86_feature_detected!("ssse3")`).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "ssse3")]
    #[inline]
    pub unsafe fn among_sixteen_ssse3(&self, chunk: &[u8; 16]) -> u32 {
        ssse3::in_set(chunk, &self.by_low_nibble)
    }

    /// The bytes of `chunk` in the set, one bit each (bit k for byte k):
    /// [`AsciiSet::among_sixteen`] of its four parts in a few AVX2 instructions, thirty-two bytes
    /// at a time (as [`ByteSets::among_sixty_four_avx2`] tests one set), inline in a caller
    /// compiled for AVX2.
    ///
    /// # Safety
    /// The processor must have AVX2 (`is_x86_feature_detected!("avx2")`).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    #[inline]
    pub unsafe fn among_sixty_four_avx2(&self, chunk: &[u8; 64]) -> u64 {
        let [bits] = avx2::in_sets(chunk, &[self.by_low_nibble]);
        bits
    }
}

/// Up to eight sets of ASCII bytes that sixty-four bytes are tested against at once: bit `j` of
/// `member[b]` says that byte `b` is in set `j` (no byte beyond ASCII is in any). Byte by byte
/// ([`ByteSets::among_sixty_four`]) each set is a bit of that table; with AVX2
/// ([`ByteSets::among_sixty_four_avx2`]) it is two nibble look-ups (`vpshufb`) per thirty-two
/// bytes, as [`AsciiSet`] does for sixteen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ByteSets<const N: usize> {
    member: [u8; 256],
    /// For each set, what [`AsciiSet`] holds for one: for each low nibble `l`, bit `h` set when
    /// the byte `h << 4 | l` is in the set.
    rows: [[u8; 16]; N],
}

impl<const N: usize> ByteSets<N> {
    /// The sets whose bytes `member` gives (see [`ByteSets`]).
    pub const fn new(member: [u8; 256]) -> ByteSets<N> {
        assert!(N <= 8, "eight sets at most");
        let mut b = 0x80;
        while b < 256 {
            assert!(member[b] == 0, "no byte beyond ASCII is in a set");
            b += 1;
        }
        let mut rows = [[0u8; 16]; N];
        let mut j = 0;
        while j < N {
            rows[j] = nibble_row(&member, j as u32);
            j += 1;
        }
        ByteSets { member, rows }
    }

    /// The bytes of `chunk` in each set, one bit each (bit k for byte k), byte by byte.
    pub fn among_sixty_four(&self, chunk: &[u8; 64]) -> [u64; N] {
        let mut out = [0u64; N];
        for (k, &b) in chunk.iter().enumerate() {
            let m = self.member[usize::from(b)];
            for (j, bits) in out.iter_mut().enumerate() {
                *bits |= u64::from(m >> j & 1) << k;
            }
        }
        out
    }

    /// [`ByteSets::among_sixty_four`] in a few AVX2 instructions a set, inline in a caller
    /// compiled for AVX2.
    ///
    /// # Safety
    /// The processor must have AVX2 (`is_x86_feature_detected!("avx2")`).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    #[inline]
    pub unsafe fn among_sixty_four_avx2(&self, chunk: &[u8; 64]) -> [u64; N] {
        avx2::in_sets(chunk, &self.rows)
    }

    /// [`ByteSets::among_sixty_four`] by NEON table look-ups (`tbl`), as AVX2 does it, sixteen
    /// bytes at a time: NEON is part of every aarch64 processor.
    #[cfg(target_arch = "aarch64")]
    #[inline]
    pub fn among_sixty_four_neon(&self, chunk: &[u8; 64]) -> [u64; N] {
        // SAFETY: NEON is part of aarch64: every aarch64 processor has it.
        unsafe { neon::in_sets(chunk, &self.rows) }
    }
}

/// The nibble table of set `j` of `member` (bit `j` of `member[b]` says that byte `b` is in it),
/// as [`AsciiSet`] and [`ByteSets`] hold a set: for each low nibble `l`, bit `h` set when the
/// ASCII byte `h << 4 | l` is in the set.
const fn nibble_row(member: &[u8; 256], j: u32) -> [u8; 16] {
    let mut row = [0u8; 16];
    let mut b = 0;
    while b < 0x80 {
        if member[b] >> j & 1 != 0 {
            row[b & 15] |= 1 << (b >> 4);
        }
        b += 1;
    }
    row
}

/// One bit per byte of `chunk` that `class` holds (the byte-by-byte definition of the classes).
fn bits_of(chunk: &[u8; 16], class: impl Fn(u8) -> bool) -> u32 {
    chunk
        .iter()
        .enumerate()
        .fold(0, |bits, (k, &b)| bits | u32::from(class(b)) << k)
}

/// The byte classes of sixteen bytes in a few SSE2 instructions: a range of ASCII bytes is one
/// wrapping add that moves it to the bottom of the signed bytes and one signed compare, and the
/// top bits of the sixteen answers are one `pmovmskb`.
#[cfg(target_arch = "x86_64")]
pub(crate) mod sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_add_epi8, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8,
    };

    /// The sixteen bytes in a vector, in one unaligned load (two words joined made three
    /// instructions of it).
    #[target_feature(enable = "sse2")]
    pub(crate) fn load(chunk: &[u8; 16]) -> __m128i {
        // SAFETY: `chunk` is sixteen bytes, which an unaligned load reads.
        unsafe { _mm_loadu_si128(chunk.as_ptr().cast()) }
    }

    /// 0xff for each byte of `v` from `lo` to `hi` (ASCII, `lo` <= `hi`), else 0. Adding
    /// 0x80 - `lo` maps the bytes from `lo` to `hi` (and no others: the add is a bijection) onto
    /// the signed bytes from -128 to -128 + (`hi` - `lo`).
    #[target_feature(enable = "sse2")]
    pub(crate) fn within(v: __m128i, lo: u8, hi: u8) -> __m128i {
        let moved = _mm_add_epi8(v, _mm_set1_epi8(0x80u8.wrapping_sub(lo) as i8));
        _mm_cmplt_epi8(moved, _mm_set1_epi8((0x81 + (hi - lo)) as i8))
    }

    /// [`super::capitals_among_sixteen`].
    #[target_feature(enable = "sse2")]
    pub(super) fn capitals(chunk: &[u8; 16]) -> u32 {
        let v = load(chunk);
        // A byte beyond ASCII has its top bit set already.
        _mm_movemask_epi8(_mm_or_si128(within(v, b'A', b'Z'), v)) as u32
    }

    /// [`super::ascii_words_among_sixteen`].
    #[target_feature(enable = "sse2")]
    pub(super) fn ascii_words(chunk: &[u8; 16]) -> (u32, u32) {
        let v = load(chunk);
        let folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
        let letters = within(folded, b'a', b'z');
        let digits = within(v, b'0', b'9');
        let underscores = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'_' as i8));
        let words = _mm_or_si128(_mm_or_si128(letters, digits), underscores);
        (_mm_movemask_epi8(v) as u32, _mm_movemask_epi8(words) as u32)
    }

    /// [`super::ascii_alphanumerics_among_sixteen`].
    #[target_feature(enable = "sse2")]
    pub(super) fn ascii_alphanumerics(chunk: &[u8; 16]) -> u32 {
        let v = load(chunk);
        let letters = within(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', b'z');
        _mm_movemask_epi8(_mm_or_si128(letters, within(v, b'0', b'9'))) as u32
    }

    /// 0xff for each byte of `v` that stops a JSON string's plain run, else 0.
    #[target_feature(enable = "sse2")]
    fn json_stop_bytes(v: __m128i) -> __m128i {
        let quotes = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8));
        let backslashes = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
        _mm_or_si128(_mm_or_si128(quotes, backslashes), within(v, 0, 0x1f))
    }

    /// [`super::json_stops_among_sixteen`].
    #[target_feature(enable = "sse2")]
    pub(super) fn json_stops(chunk: &[u8; 16]) -> u32 {
        _mm_movemask_epi8(json_stop_bytes(load(chunk))) as u32
    }

    /// [`super::inert_json_stops_among_sixteen`].
    #[target_feature(enable = "sse2")]
    pub(super) fn inert_json_stops(chunk: &[u8; 16]) -> u32 {
        let v = load(chunk);
        let opens = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'<' as i8));
        _mm_movemask_epi8(_mm_or_si128(json_stop_bytes(v), opens)) as u32
    }

    /// [`super::xml_attention_among_sixteen`].
    #[target_feature(enable = "sse2")]
    pub(super) fn xml_attention(chunk: &[u8; 16]) -> u32 {
        let v = load(chunk);
        let is = |b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
        // `&` and `'` are neighbours (0x26, 0x27).
        let marks = _mm_or_si128(
            _mm_or_si128(is(b'"'), within(v, b'&', b'\'')),
            _mm_or_si128(is(b'<'), is(b'>')),
        );
        let bad = _mm_or_si128(within(v, 0, 0x1f), is(0xef));
        _mm_movemask_epi8(_mm_or_si128(marks, bad)) as u32
    }

    /// [`super::is_ascii_64`]: the four sixteen-byte parts ORed, their high bits gathered once.
    #[target_feature(enable = "sse2")]
    pub(super) fn is_ascii_64(block: &[u8; 64]) -> bool {
        let part = |k: usize| -> &[u8; 16] {
            block[16 * k..][..16]
                .try_into()
                .expect("sixteen of sixty-four bytes")
        };
        let high = _mm_or_si128(
            _mm_or_si128(load(part(0)), load(part(1))),
            _mm_or_si128(load(part(2)), load(part(3))),
        );
        _mm_movemask_epi8(high) == 0
    }

    /// [`super::equal_among_sixteen`].
    #[target_feature(enable = "sse2")]
    pub(super) fn equal(chunk: &[u8; 16], b: u8) -> u32 {
        _mm_movemask_epi8(_mm_cmpeq_epi8(load(chunk), _mm_set1_epi8(b as i8))) as u32
    }
}

/// Set membership of sixteen bytes by nibbles: `pshufb` looks the low nibble of each byte up in
/// the set's table (a row of eight bits, one per high nibble) and the high nibble up in a table of
/// single bits; the byte is in the set when the two share a bit. A byte beyond ASCII (high nibble 8
/// or more, or its top bit set, which `pshufb` reads as zero) finds no bit.
#[cfg(target_arch = "x86_64")]
mod ssse3 {
    use std::arch::x86_64::{
        _mm_and_si128, _mm_cmpeq_epi8, _mm_movemask_epi8, _mm_set1_epi8, _mm_setr_epi8,
        _mm_setzero_si128, _mm_shuffle_epi8, _mm_srli_epi16,
    };

    /// [`super::AsciiSet::among_sixteen_ssse3`] of the set whose table is `by_low_nibble`.
    #[target_feature(enable = "ssse3")]
    #[inline]
    pub(super) fn in_set(chunk: &[u8; 16], by_low_nibble: &[u8; 16]) -> u32 {
        let v = super::sse2::load(chunk);
        let rows = super::sse2::load(by_low_nibble);
        let nibble = _mm_set1_epi8(0x0f);
        let low = _mm_and_si128(v, nibble);
        let high = _mm_and_si128(_mm_srli_epi16::<4>(v), nibble);
        let bits = _mm_setr_epi8(1, 2, 4, 8, 16, 32, 64, -128, 0, 0, 0, 0, 0, 0, 0, 0);
        let shared = _mm_and_si128(_mm_shuffle_epi8(rows, low), _mm_shuffle_epi8(bits, high));
        !(_mm_movemask_epi8(_mm_cmpeq_epi8(shared, _mm_setzero_si128())) as u32) & 0xffff
    }
}

/// Set membership of thirty-two bytes by nibbles, as in [`ssse3`], for several sets at once: the
/// nibbles are split once, and each set costs a look-up, an `and`, a compare and a `pmovmskb`.
#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::{
        __m256i, _mm256_add_epi8, _mm256_and_si256, _mm256_broadcastsi128_si256, _mm256_cmpeq_epi8,
        _mm256_cmpgt_epi8, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_or_si256,
        _mm256_set1_epi8, _mm256_setr_epi8, _mm256_setzero_si256, _mm256_shuffle_epi8,
        _mm256_srli_epi16, _mm256_storeu_si256,
    };

    /// [`super::capitals_among_sixty_four`] thirty-two bytes at a time, as
    /// [`super::sse2::within`] tests sixteen: a wrapping add moves 'A' to 'Z' to the bottom of
    /// the signed bytes, one signed compare finds them, and a byte beyond ASCII has its top bit
    /// set already.
    #[target_feature(enable = "avx2")]
    #[inline]
    fn capitals(chunk: &[u8; 64]) -> u64 {
        let moved = _mm256_set1_epi8(0x80u8.wrapping_sub(b'A') as i8);
        let last = _mm256_set1_epi8((0x81 + (b'Z' - b'A')) as i8);
        let mut bits = 0u64;
        for (half, part) in chunk.chunks_exact(32).enumerate() {
            // SAFETY: `part` is thirty-two bytes, which an unaligned load reads.
            let v = unsafe { _mm256_loadu_si256(part.as_ptr().cast()) };
            let capitals = _mm256_cmpgt_epi8(last, _mm256_add_epi8(v, moved));
            let mask = _mm256_movemask_epi8(_mm256_or_si256(capitals, v)) as u32;
            bits |= u64::from(mask) << (32 * half);
        }
        bits
    }

    /// [`super::json_stops_among_thirty_two_avx2`]: the quotes and backslashes by two compares,
    /// the control characters (0 to 0x1f) as [`capitals`] finds a range, by a wrapping add and
    /// one signed compare.
    #[target_feature(enable = "avx2")]
    #[inline]
    pub(super) fn json_stops(chunk: &[u8; 32]) -> u32 {
        // SAFETY: `chunk` is thirty-two bytes, which an unaligned load reads.
        json_stops_of(unsafe { _mm256_loadu_si256(chunk.as_ptr().cast()) })
    }

    /// [`super::copy_thirty_two_json_stops_avx2`]: one load, stored as it is and tested.
    ///
    /// # Safety
    /// `from` must have thirty-two bytes to read, `to` room for thirty-two.
    #[target_feature(enable = "avx2")]
    #[inline]
    pub(super) unsafe fn copy_json_stops(from: *const u8, to: *mut u8) -> u32 {
        // SAFETY: thirty-two bytes to read at `from` and room for them at `to` (the contract).
        let v = unsafe { _mm256_loadu_si256(from.cast()) };
        unsafe { _mm256_storeu_si256(to.cast(), v) };
        json_stops_of(v)
    }

    /// [`json_stops`] of thirty-two bytes loaded.
    #[target_feature(enable = "avx2")]
    #[inline]
    fn json_stops_of(v: __m256i) -> u32 {
        let quotes = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'"' as i8));
        let backslashes = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'\\' as i8));
        // 0 to 0x1f moved to -128 to -97.
        let moved = _mm256_add_epi8(v, _mm256_set1_epi8(-128));
        let controls = _mm256_cmpgt_epi8(_mm256_set1_epi8(-96), moved);
        let stops = _mm256_or_si256(_mm256_or_si256(quotes, backslashes), controls);
        _mm256_movemask_epi8(stops) as u32
    }

    /// [`super::is_ascii`]: a hundred and twenty-eight bytes at a time, four loads whose high bits
    /// are gathered once; the rest by [`super::is_ascii_by_64`].
    #[target_feature(enable = "avx2")]
    pub(super) fn is_ascii(bytes: &[u8]) -> bool {
        let (blocks, rest) = bytes.as_chunks::<128>();
        blocks.iter().all(|block| {
            // SAFETY: each part is thirty-two bytes of the block, which an unaligned load reads.
            let part =
                |k: usize| unsafe { _mm256_loadu_si256(block[32 * k..][..32].as_ptr().cast()) };
            let high = _mm256_or_si256(
                _mm256_or_si256(part(0), part(1)),
                _mm256_or_si256(part(2), part(3)),
            );
            _mm256_movemask_epi8(high) == 0
        }) && super::is_ascii_by_64(rest)
    }

    /// [`super::next_non_ascii_block`] compiled for AVX2: two loads a block, their high bits
    /// gathered once.
    #[target_feature(enable = "avx2")]
    pub(super) fn next_non_ascii_block(bytes: &[u8], at: usize) -> usize {
        super::non_ascii_block_from(bytes, at, |block| {
            // SAFETY: each half is thirty-two bytes of the block, which an unaligned load reads.
            let half =
                |k: usize| unsafe { _mm256_loadu_si256(block[32 * k..][..32].as_ptr().cast()) };
            _mm256_movemask_epi8(_mm256_or_si256(half(0), half(1))) == 0
        })
    }

    /// [`super::next_capital_pairs`] compiled for AVX2.
    #[target_feature(enable = "avx2")]
    pub(super) fn next_capital_pairs(bytes: &[u8], at: usize) -> Option<(usize, u64)> {
        super::capital_pairs_from(bytes, at, |chunk| capitals(chunk))
    }

    /// [`super::ByteSets::among_sixty_four_avx2`] of the sets whose tables are `rows`.
    #[target_feature(enable = "avx2")]
    #[inline]
    pub(super) fn in_sets<const N: usize>(chunk: &[u8; 64], rows: &[[u8; 16]; N]) -> [u64; N] {
        let nibble = _mm256_set1_epi8(0x0f);
        let zero = _mm256_setzero_si256();
        // The bit of each high nibble below 8 (a byte beyond ASCII finds none), in both lanes.
        let bits = _mm256_setr_epi8(
            1, 2, 4, 8, 16, 32, 64, -128, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, -128, 0,
            0, 0, 0, 0, 0, 0, 0,
        );
        let mut out = [0u64; N];
        for (half, part) in chunk.chunks_exact(32).enumerate() {
            // SAFETY: `part` is thirty-two bytes, which an unaligned load reads.
            let v = unsafe { _mm256_loadu_si256(part.as_ptr().cast()) };
            let low = _mm256_and_si256(v, nibble);
            let high =
                _mm256_shuffle_epi8(bits, _mm256_and_si256(_mm256_srli_epi16::<4>(v), nibble));
            for (bits, row) in out.iter_mut().zip(rows) {
                let table = _mm256_broadcastsi128_si256(super::sse2::load(row));
                let shared = _mm256_and_si256(_mm256_shuffle_epi8(table, low), high);
                let none = _mm256_movemask_epi8(_mm256_cmpeq_epi8(shared, zero)) as u32;
                *bits |= u64::from(!none) << (32 * half);
            }
        }
        out
    }
}

/// Set membership of sixty-four bytes by nibbles, as in [`avx2`], sixteen bytes at a time with
/// NEON's table look-up (`tbl`, which gives 0 for an index beyond the table, as a byte beyond
/// ASCII needs); NEON has no `pmovmskb`, so each set's sixty-four answers are weighed by their
/// bit in the byte and summed pairwise into one integer.
#[cfg(target_arch = "aarch64")]
mod neon {
    use std::arch::aarch64::{
        uint8x16_t, vandq_u8, vdupq_n_u8, vgetq_lane_u64, vld1q_u8, vpaddq_u8, vqtbl1q_u8,
        vreinterpretq_u64_u8, vshrq_n_u8, vtstq_u8,
    };

    /// [`super::ByteSets::among_sixty_four_neon`] of the sets whose tables are `rows`.
    #[target_feature(enable = "neon")]
    #[inline]
    pub(super) fn in_sets<const N: usize>(chunk: &[u8; 64], rows: &[[u8; 16]; N]) -> [u64; N] {
        const BITS: [u8; 16] = [1, 2, 4, 8, 16, 32, 64, 128, 0, 0, 0, 0, 0, 0, 0, 0];
        const WEIGHTS: [u8; 16] = [1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128];
        // SAFETY: each pointer is to sixteen bytes, which `vld1q_u8` reads.
        let (bits, weights) = unsafe { (vld1q_u8(BITS.as_ptr()), vld1q_u8(WEIGHTS.as_ptr())) };
        let nibble = vdupq_n_u8(0x0f);
        let mut low = [vdupq_n_u8(0); 4];
        let mut high = [vdupq_n_u8(0); 4];
        for ((low, high), part) in low.iter_mut().zip(&mut high).zip(chunk.chunks_exact(16)) {
            // SAFETY: `part` is sixteen bytes, which `vld1q_u8` reads.
            let v = unsafe { vld1q_u8(part.as_ptr()) };
            *low = vandq_u8(v, nibble);
            // The bit of the high nibble below 8 (a byte beyond ASCII finds none).
            *high = vqtbl1q_u8(bits, vshrq_n_u8::<4>(v));
        }
        let mut out = [0u64; N];
        for (out, row) in out.iter_mut().zip(rows) {
            // SAFETY: `row` is sixteen bytes, which `vld1q_u8` reads.
            let table = unsafe { vld1q_u8(row.as_ptr()) };
            let mut member: [uint8x16_t; 4] = [vdupq_n_u8(0); 4];
            for ((member, low), high) in member.iter_mut().zip(&low).zip(&high) {
                *member = vandq_u8(vtstq_u8(vqtbl1q_u8(table, *low), *high), weights);
            }
            let halves = vpaddq_u8(
                vpaddq_u8(member[0], member[1]),
                vpaddq_u8(member[2], member[3]),
            );
            *out = vgetq_lane_u64::<0>(vreinterpretq_u64_u8(vpaddq_u8(halves, halves)));
        }
        out
    }
}

/// Converts byte offsets of one text into code-point offsets.
///
/// It stores only the positions of multi-byte characters, so an ASCII document costs nothing and a
/// lookup is a binary search.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// (byte offset just after a multi-byte char, extra bytes accumulated up to and including it).
    extra: Vec<(usize, usize)>,
}

impl CharIndex {
    /// Builds the index for `text`. Blocks of sixty-four bytes of ASCII, most of any text, are
    /// passed over in a loop of their own ([`next_non_ascii_block`]); in the others, and in the
    /// last fewer than sixty-four bytes, the multi-byte characters are found by their first
    /// bytes (0xC0 and up: the others beyond ASCII continue a character) eight bytes at a time.
    pub fn new(text: &str) -> CharIndex {
        let bytes = text.as_bytes();
        let mut index = CharIndex { extra: Vec::new() };
        let mut acc = 0;
        let mut at = next_non_ascii_block(bytes, 0);
        while let Some(block) = sixty_four_at(bytes, at) {
            for (j, word) in block.chunks_exact(8).enumerate() {
                index.note_firsts(bytes, at + 8 * j, crate::swar::le64(word), &mut acc);
            }
            at = next_non_ascii_block(bytes, at + 64);
        }
        let (base, rest) = (at, &bytes[at..]);
        for (j, word) in rest.chunks(8).enumerate() {
            let word = crate::swar::le64_padded(word);
            index.note_firsts(bytes, base + 8 * j, word, &mut acc);
        }
        index
    }

    /// Notes the multi-byte characters that start among the eight bytes `word` of `bytes`, from
    /// byte `at` (zero bytes past the text's end start none), `acc` the extra bytes before them.
    #[inline(always)]
    fn note_firsts(&mut self, bytes: &[u8], at: usize, word: u64, acc: &mut usize) {
        // A byte's top bit, and the bit below it moved up to it: both set from 0xC0 on.
        let mut firsts = word & (word << 1) & crate::swar::HIGHS;
        while firsts != 0 {
            let i = at + firsts.trailing_zeros() as usize / 8;
            let n = match bytes[i] {
                b if b >= 0xF0 => 4,
                b if b >= 0xE0 => 3,
                _ => 2,
            };
            *acc += n - 1;
            self.extra.push((i + n, *acc));
            firsts &= firsts - 1;
        }
    }

    /// The code-point offset of byte offset `byte`, which must lie on a char boundary.
    pub fn char_offset(&self, byte: usize) -> usize {
        let k = self.extra.partition_point(|&(end, _)| end <= byte);
        if k == 0 {
            byte
        } else {
            byte - self.extra[k - 1].1
        }
    }
}

/// The first of the blocks of sixty-four bytes of `bytes` at `at`, `at + 64`, … that is not all
/// ASCII, or where the last, shorter part starts when every whole block is: on a processor with
/// AVX2 thirty-two bytes a load, else sixteen ([`is_ascii_64`]).
fn next_non_ascii_block(bytes: &[u8], at: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2.
        return unsafe { avx2::next_non_ascii_block(bytes, at) };
    }
    non_ascii_block_from(bytes, at, is_ascii_64)
}

/// [`next_non_ascii_block`], each block tested by `ascii`.
#[inline(always)]
fn non_ascii_block_from(bytes: &[u8], mut at: usize, ascii: impl Fn(&[u8; 64]) -> bool) -> usize {
    while let Some(block) = sixty_four_at(bytes, at) {
        if !ascii(block) {
            break;
        }
        at += 64;
    }
    at
}

/// Whether `block`, 64 bytes of a text, is all ASCII: with SSE2, which every x86_64 processor
/// has, four loads of sixteen bytes, their high bits gathered once ([`CharIndex::new`] passes over
/// most of a text this way).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn is_ascii_64(block: &[u8; 64]) -> bool {
    // SAFETY: SSE2 is part of x86_64: every x86_64 processor has it.
    unsafe { sse2::is_ascii_64(block) }
}

/// Whether `block`, 64 bytes of a text, is all ASCII: on targets other than x86_64, eight words'
/// high bits.
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn is_ascii_64(block: &[u8; 64]) -> bool {
    let high = block
        .chunks_exact(8)
        .fold(0, |acc, w| acc | crate::swar::le64(w));
    high & crate::swar::HIGHS == 0
}

/// Whether `bytes` are all ASCII: on a processor with AVX2 a hundred and twenty-eight at a time
/// (about a twelfth of an instruction a byte), else sixty-four ([`is_ascii_by_64`], about a
/// fifth), where the validation of `std::str::from_utf8` reads ASCII at about half of one.
pub fn is_ascii(bytes: &[u8]) -> bool {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2.
        return unsafe { avx2::is_ascii(bytes) };
    }
    is_ascii_by_64(bytes)
}

/// [`is_ascii`] sixty-four bytes at a time ([`is_ascii_64`]), the last fewer than sixty-four by
/// the standard library's test.
#[inline(always)]
fn is_ascii_by_64(bytes: &[u8]) -> bool {
    let (blocks, rest) = bytes.as_chunks::<64>();
    blocks.iter().all(is_ascii_64) && rest.is_ascii()
}

/// Returns the char just before byte offset `i`, if any.
pub fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

/// The char at byte `at` of `text[..limit]` and its length in bytes, or None at `limit`. ASCII is
/// read without UTF-8 decoding: the tokenizers call this once per character of every document,
/// hence the inline hint (other modules would otherwise pay a call for it).
#[inline]
pub fn char_within(text: &str, at: usize, limit: usize) -> Option<(char, usize)> {
    let &b = text.as_bytes()[..limit].get(at)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    let c = text[at..].chars().next()?;
    Some((c, c.len_utf8()))
}

/// Returns the char starting at byte offset `i`, if any.
pub fn char_at(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// Whether byte `b` is an ASCII character that [`char::is_whitespace`] holds: space, tab, LF,
/// vertical tab, form feed and CR (unlike [`u8::is_ascii_whitespace`], which leaves out the
/// vertical tab). A byte beyond ASCII is never one; such text is decoded to be told.
#[inline]
pub const fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// True for characters that continue a word: letters, digits and marks.
///
/// Apostrophes and hyphens are not word characters, which is what lets "Iran’s" and "U.S.-Iran"
/// yield their parts.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// ASCII letters and digits as a byte table: one load per byte is the cheapest test for the
/// tokenizers' scans over every letter of every document.
pub const ASCII_ALPHANUMERIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// "AUGUST" → "August", "O'BRIEN" → "O'brien": the first letter upper case, the rest lower, so
/// word lists written in title case also match words in capitals.
pub fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect()
    })
}

/// The word of `part` characters that ends `s` (possibly empty).
pub fn last_word(s: &str, part: impl Fn(char) -> bool) -> &str {
    // ASCII bytes, most of any text, are their own characters and read without decoding; the
    // characters before a byte beyond ASCII are decoded.
    let b = s.as_bytes();
    let mut start = b.len();
    while let Some(&c) = start.checked_sub(1).and_then(|i| b.get(i)) {
        if !c.is_ascii() {
            break;
        }
        if !part(char::from(c)) {
            return &s[start..];
        }
        start -= 1;
    }
    // `start` follows an ASCII byte or ends `s`: a character boundary.
    let start = s[..start]
        .char_indices()
        .rev()
        .find(|&(_, c)| !part(c))
        .map_or(0, |(k, c)| k + c.len_utf8());
    &s[start..]
}

/// The word of `part` characters that starts `s` (possibly empty).
pub fn first_word(s: &str, part: impl Fn(char) -> bool) -> &str {
    // As in `last_word`: ASCII bytes are read without decoding.
    let b = s.as_bytes();
    let mut end = 0;
    while let Some(&c) = b.get(end) {
        if !c.is_ascii() {
            break;
        }
        if !part(char::from(c)) {
            return &s[..end];
        }
        end += 1;
    }
    let end = end + s[end..].find(|c: char| !part(c)).unwrap_or(s.len() - end);
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_attention_bytes_are_found_as_byte_by_byte() {
        for b in 0..=255u8 {
            let mut chunk = [b'a'; 16];
            chunk[b as usize % 16] = b;
            let expected = if is_xml_attention(b) {
                1 << (b as usize % 16)
            } else {
                0
            };
            assert_eq!(xml_attention_among_sixteen(&chunk), expected, "{b:#x}");
        }
    }

    #[test]
    fn next_stop_finds_the_first_stop_of_either_set_in_blocks_and_the_rest() {
        for len in [0, 1, 15, 16, 17, 31, 32, 40] {
            let plain = vec![b'a'; len];
            let json = |b: &[u8], at| next_stop(b, at, json_stops_among_sixteen, is_json_stop);
            let inert =
                |b: &[u8], at| next_stop(b, at, inert_json_stops_among_sixteen, is_inert_json_stop);
            assert_eq!(json(&plain, 0), None, "{len}");
            assert_eq!(inert(&plain, 0), None, "{len}");
            for at in 0..len {
                for (stop, json_stops) in [(b'"', true), (b'\\', true), (0x1f, true), (b'<', false)]
                {
                    let mut b = plain.clone();
                    b[at] = stop;
                    assert_eq!(inert(&b, 0), Some(at), "{len} {at} {stop}");
                    assert_eq!(json(&b, 0), json_stops.then_some(at), "{len} {at} {stop}");
                    // From after it, none; from it, itself.
                    assert_eq!(inert(&b, at + 1), None, "{len} {at} {stop}");
                    assert_eq!(inert(&b, at), Some(at), "{len} {at} {stop}");
                }
            }
        }
    }

    #[test]
    fn is_ascii_reads_every_byte_of_blocks_and_the_rest() {
        for len in [0, 1, 63, 64, 65, 127, 128, 200, 255, 256, 300] {
            let ascii = vec![b'a'; len];
            assert!(is_ascii(&ascii), "{len}");
            for at in 0..len {
                let mut bytes = ascii.clone();
                bytes[at] = 0x80;
                assert!(!is_ascii(&bytes), "{len} at {at}");
            }
        }
    }

    #[test]
    fn json_stops_are_quotes_backslashes_and_control_characters() {
        for b in 0..=255u8 {
            assert_eq!(
                is_json_stop(b),
                b == b'"' || b == b'\\' || b <= 0x1f,
                "{b:#x}"
            );
            for k in 0..16 {
                let mut chunk = [b'a'; 16];
                chunk[k] = b;
                let want = if is_json_stop(b) { 1 << k } else { 0 };
                assert_eq!(json_stops_among_sixteen(&chunk), want, "{b:#x} at {k}");
            }
        }
    }

    #[test]
    fn first_and_last_words_read_ascii_bytes_as_characters() {
        let naive_last = |s: &str, part: &dyn Fn(char) -> bool| -> usize {
            s.char_indices()
                .rev()
                .find(|&(_, c)| !part(c))
                .map_or(0, |(k, c)| k + c.len_utf8())
        };
        let naive_first =
            |s: &str, part: &dyn Fn(char) -> bool| s.find(|c: char| !part(c)).unwrap_or(s.len());
        let parts: [&dyn Fn(char) -> bool; 3] = [
            &char::is_alphanumeric,
            &|c: char| !c.is_whitespace(),
            &|c: char| c.is_alphabetic() || c == '-',
        ];
        for s in [
            "",
            " ",
            "Parsi",
            "Trita Parsi",
            "said Émile",
            "Émile said",
            "a Zoë",
            "Zoë b",
            "ab—cd",
            "x  ",
            "  x",
            "Ünïcödé",
            "St. Louis-based",
            "東京 は",
        ] {
            for part in parts {
                assert_eq!(last_word(s, part), &s[naive_last(s, part)..], "{s:?}");
                assert_eq!(first_word(s, part), &s[..naive_first(s, part)], "{s:?}");
            }
        }
    }

    #[test]
    fn a_set_of_ascii_bytes_is_tested_sixteen_at_a_time_as_byte_by_byte() {
        let members: [fn(u8) -> bool; 4] = [
            |b| b.is_ascii_uppercase() || b == b'\'' || b == b't',
            |_| true,
            |_| false,
            |b| b % 3 == 0,
        ];
        let bytes: Vec<u8> = (0..=255u8)
            .chain((0..=255u8).rev())
            .chain(0..=255u8)
            .collect();
        for member in members {
            let set = AsciiSet::new(member);
            for b in 0..=255u8 {
                assert_eq!(set.contains(b), b < 0x80 && member(b), "{b}");
            }
            for at in 0..bytes.len() - 16 {
                let chunk = sixteen_at(&bytes, at).expect("sixteen bytes");
                let want = bits_of(chunk, |b| b < 0x80 && member(b));
                assert_eq!(set.among_sixteen(chunk), want);
                #[cfg(target_arch = "x86_64")]
                if std::arch::is_x86_feature_detected!("ssse3") {
                    // SAFETY: the processor has SSSE3.
                    assert_eq!(unsafe { set.among_sixteen_ssse3(chunk) }, want);
                }
            }
            // The same set inserted byte by byte; sixty-four bytes at once by AVX2.
            let mut inserted = AsciiSet::EMPTY;
            (0..=255u8)
                .filter(|&b| member(b))
                .for_each(|b| inserted.insert(b));
            assert_eq!(inserted, set);
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                for at in 0..bytes.len() - 64 {
                    let chunk = sixty_four_at(&bytes, at).expect("sixty-four bytes");
                    let want = chunk.iter().enumerate().fold(0u64, |bits, (k, &b)| {
                        bits | u64::from(b < 0x80 && member(b)) << k
                    });
                    // SAFETY: the processor has AVX2.
                    assert_eq!(unsafe { set.among_sixty_four_avx2(chunk) }, want);
                }
            }
        }
    }

    #[test]
    fn sixty_four_bytes_are_classified_into_sets_as_byte_by_byte() {
        // Three sets: letters and digits, spaces, and the ASCII marks but `'` (bits 0, 1 and 2).
        let mut member = [0u8; 256];
        for b in 0..0x80u8 {
            member[usize::from(b)] = u8::from(b.is_ascii_alphanumeric())
                | u8::from(is_ascii_space(b)) << 1
                | u8::from(b.is_ascii_punctuation() && b != b'\'') << 2;
        }
        let sets = ByteSets::<3>::new(member);
        for b in 0..=255u8 {
            for k in [0, 1, 15, 16, 31, 32, 47, 48, 62, 63] {
                for fill in [b'a', b'Z', b' ', b'9', 0xc3, 0x80, b'\'', b'.'] {
                    let mut chunk = [fill; 64];
                    chunk[k] = b;
                    let bits = |class: fn(u8) -> bool| {
                        chunk
                            .iter()
                            .enumerate()
                            .fold(0u64, |bits, (j, &c)| bits | u64::from(class(c)) << j)
                    };
                    let want = [
                        bits(|c| c.is_ascii_alphanumeric()),
                        bits(is_ascii_space),
                        bits(|c| c.is_ascii_punctuation() && c != b'\''),
                    ];
                    assert_eq!(
                        sets.among_sixty_four(&chunk),
                        want,
                        "{b:#x} at {k} in {fill:#x}"
                    );
                    #[cfg(target_arch = "x86_64")]
                    if std::arch::is_x86_feature_detected!("avx2") {
                        // SAFETY: the processor has AVX2.
                        let got = unsafe { sets.among_sixty_four_avx2(&chunk) };
                        assert_eq!(got, want, "{b:#x} at {k} in {fill:#x}");
                    }
                }
            }
        }
    }

    #[test]
    fn sixty_four_bytes_are_classified_as_capitals_as_byte_by_byte() {
        for b in 0..=255u8 {
            for k in [0, 1, 15, 16, 31, 32, 47, 48, 62, 63] {
                for fill in [b'a', b'Z', b' ', b'9', 0xc3, 0x80, b'@', b'['] {
                    let mut chunk = [fill; 64];
                    chunk[k] = b;
                    let want = chunk.iter().enumerate().fold(0u64, |bits, (j, &c)| {
                        bits | u64::from(c.is_ascii_uppercase() || c >= 0x80) << j
                    });
                    assert_eq!(
                        capitals_among_sixty_four(&chunk),
                        want,
                        "{b:#x} at {k} in {fill:#x}"
                    );
                }
            }
        }
        let bytes: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        assert_eq!(
            sixty_four_at(&bytes, bytes.len() - 64).map(|c| c[0]),
            Some(63)
        );
        assert_eq!(sixty_four_at(&bytes, bytes.len() - 63), None);
        assert_eq!(sixty_four_at(&bytes, usize::MAX), None);
    }

    #[test]
    fn the_next_pair_of_capitals_is_found_as_byte_by_byte() {
        let capital = |b: u8| b.is_ascii_uppercase() || b >= 0x80;
        // The first pair at or after `at`, byte by byte.
        let first = |bytes: &[u8], at: usize| {
            (at..bytes.len().saturating_sub(1))
                .find(|&k| capital(bytes[k]) && capital(bytes[k + 1]))
        };
        for len in [0, 1, 2, 63, 64, 65, 126, 127, 128, 200] {
            for pair in [
                None,
                Some(0),
                Some(1),
                Some(62),
                Some(63),
                Some(64),
                Some(126),
                Some(198),
            ] {
                let mut bytes = vec![b'a'; len];
                if let Some(k) = pair.filter(|&k| k + 1 < len) {
                    bytes[k] = b'Q';
                    bytes[k + 1] = 0xc3;
                }
                for at in [0, 1, 63, 64, 127] {
                    let got = next_capital_pairs(&bytes, at).map(|(start, pairs)| {
                        assert!(start >= at && pairs >> 63 == 0);
                        start + pairs.trailing_zeros() as usize
                    });
                    assert_eq!(got, first(&bytes, at), "{len} {pair:?} {at}");
                }
            }
        }
    }

    #[test]
    fn sixteen_bytes_are_classified_as_byte_by_byte() {
        let capital = |b: u8| b.is_ascii_uppercase() || b >= 0x80;
        let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        for b in 0..=255u8 {
            for k in 0..16 {
                for fill in [b'a', b'Z', b' ', 0xc3] {
                    let mut chunk = [fill; 16];
                    chunk[k] = b;
                    assert_eq!(
                        capitals_among_sixteen(&chunk),
                        bits_of(&chunk, capital),
                        "{b:#x} at {k} in {fill:#x}"
                    );
                    assert_eq!(
                        ascii_words_among_sixteen(&chunk),
                        (bits_of(&chunk, |b| b >= 0x80), bits_of(&chunk, word)),
                        "{b:#x} at {k} in {fill:#x}"
                    );
                    assert_eq!(
                        ascii_alphanumerics_among_sixteen(&chunk),
                        bits_of(&chunk, |b| b.is_ascii_alphanumeric()),
                        "{b:#x} at {k} in {fill:#x}"
                    );
                }
            }
        }
        assert!(word(b'_') && !word(b'-') && capital(0x80));
        // Word starts among sixty-four bytes, with the byte before them a word character or not.
        let mut rng = crate::testing::XorShift(0x5eed);
        let alphabet = b"aZ0_ -.'\xc3\xa9\n";
        for _ in 0..2000 {
            let mut chunk = [0u8; 64];
            for b in &mut chunk {
                *b = alphabet[(rng.step() >> 40) as usize % alphabet.len()];
            }
            for after_word in [false, true] {
                let want = (0..64).fold(0u64, |bits, k| {
                    let before = if k == 0 {
                        after_word
                    } else {
                        word(chunk[k - 1])
                    };
                    bits | u64::from((word(chunk[k]) || chunk[k] >= 0x80) && !before) << k
                });
                assert_eq!(word_starts_among_sixty_four(&chunk, after_word), want);
            }
        }
        assert_eq!(
            sixteen_at(b"0123456789abcdefg", 1),
            Some(b"123456789abcdefg")
        );
        assert_eq!(sixteen_at(b"0123456789abcdefg", 2), None);
        assert_eq!(sixteen_at(b"", usize::MAX), None);
    }

    #[test]
    fn normalize_strips_bom_and_line_endings() {
        assert_eq!(normalize("\u{feff}a\r\nb\rc\n"), "a\nb\nc\n");
        assert!(matches!(normalize("plain\ntext"), Cow::Borrowed(_)));
    }

    #[test]
    fn words_at_the_edges() {
        assert_eq!(last_word("a ’Bob", char::is_alphabetic), "Bob");
        assert_eq!(last_word("Bob", char::is_alphabetic), "Bob");
        assert_eq!(last_word("Bob’", char::is_alphabetic), "");
        assert_eq!(first_word("said, so", char::is_alphabetic), "said");
    }

    #[test]
    fn char_index_matches_chars_in_random_text() {
        let mut rng = crate::testing::XorShift(0xc4a2_1dec);
        let alphabet = [
            "a", " ", "é", "’", "𝄞", "£", "\u{7ff}", "\u{800}", "\u{ffff}",
        ];
        for _ in 0..300 {
            let n = rng.step() % 200;
            let text: String = (0..n)
                .map(|_| match rng.step() % 8 {
                    0 => alphabet[(rng.step() % alphabet.len() as u64) as usize],
                    _ => "a",
                })
                .collect();
            let idx = CharIndex::new(&text);
            for (cp, (b, _)) in text.char_indices().enumerate() {
                assert_eq!(idx.char_offset(b), cp, "{text:?}");
            }
            assert_eq!(idx.char_offset(text.len()), text.chars().count());
        }
    }

    #[test]
    fn char_index_matches_chars() {
        let text = "aé’b𝄞c";
        let idx = CharIndex::new(text);
        for (cp, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.char_offset(b), cp);
        }
        assert_eq!(idx.char_offset(text.len()), text.chars().count());
        // Multi-byte characters at every alignment around and across eight-byte runs of ASCII,
        // and around and across 64-byte blocks.
        for pad in (0..17).chain([31, 32, 33, 63, 64, 65, 127, 128, 130]) {
            let text = format!(
                "{}é{}’x𝄞{}ü",
                "a".repeat(pad),
                "b".repeat(pad * 2),
                "c".repeat(9)
            );
            let idx = CharIndex::new(&text);
            for (cp, (b, c)) in text.char_indices().enumerate() {
                assert_eq!(idx.char_offset(b), cp, "{text:?}");
                assert_eq!(idx.char_offset(b + c.len_utf8()), cp + 1, "{text:?}");
            }
        }
    }
}
