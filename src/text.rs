//! Text normalisation and byte ↔ code-point offset conversion.
//!
//! Every offset claimgraph writes is a Unicode code-point offset into the *normalised* document text.
//! Normalisation is deliberately small so that it is easy to reproduce outside claimgraph:
//! a leading byte-order mark is removed and every CRLF or lone CR becomes LF. Nothing else changes.
//! Internally stages work on byte offsets (what Rust slices by); [`CharIndex`] converts them once per
//! document at output time.

use std::borrow::Cow;

/// Normalises decoded text: strips a leading BOM and converts CRLF / CR line endings to LF.
///
/// Returns the input unchanged (borrowed) when there is nothing to do, which is the common case.
pub fn normalize(text: &str) -> Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !text.contains('\r') {
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

/// The top bit of each byte of a u64.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The bytes of `w` (eight bytes of text) that are ASCII capitals or beyond ASCII, as their top
/// bits. The top bits cleared, adding 0x80 - 'A' to a byte sets its top bit exactly when it is 'A'
/// or beyond, adding 0x80 - 'Z' - 1 exactly when it is beyond 'Z', and neither carries into the
/// next byte.
#[inline(always)]
fn capitals(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low = w & !HIGH_BITS;
    let from_a = low + ONES * u64::from(0x80 - b'A');
    let beyond_z = low + ONES * u64::from(0x80 - b'Z' - 1);
    (from_a & !beyond_z | w) & HIGH_BITS
}

/// False when the eight bytes at `at` hold no ASCII capital and no byte beyond ASCII, so that a
/// scan for capitals (or for the start of a name) may pass over them at once; true when they may,
/// or when fewer than eight bytes are left.
#[inline(always)]
pub fn capital_among_eight(bytes: &[u8], at: usize) -> bool {
    match bytes.get(at..at + 8) {
        Some(eight) => capitals(u64::from_le_bytes(eight.try_into().unwrap_or_default())) != 0,
        None => true,
    }
}

/// Where the first byte that is an ASCII capital or beyond ASCII stands among the eight bytes at
/// `at`: `Some(k)` for one at `at + k`, `None` when there is none. With fewer than eight bytes
/// left, `Some(0)`: the caller looks byte by byte.
#[inline(always)]
pub fn first_capital_among_eight(bytes: &[u8], at: usize) -> Option<usize> {
    let Some(eight) = bytes.get(at..at + 8) else {
        return Some(0);
    };
    let caps = capitals(u64::from_le_bytes(eight.try_into().unwrap_or_default()));
    // Byte k is the k-th lowest of the word.
    (caps != 0).then(|| caps.trailing_zeros() as usize / 8)
}

/// Where the first two adjacent bytes that are both ASCII capitals or beyond ASCII start among the
/// eight bytes at `at`: `Some(k)` for a pair at `at + k` (`k` below 7), `None` when no pair starts at
/// any of the first seven (one may start at the eighth). With fewer than eight bytes left,
/// `Some(0)`: the caller looks byte by byte.
#[inline(always)]
pub fn capital_pair_among_eight(bytes: &[u8], at: usize) -> Option<usize> {
    let Some(eight) = bytes.get(at..at + 8) else {
        return Some(0);
    };
    let caps = capitals(u64::from_le_bytes(eight.try_into().unwrap_or_default()));
    // Byte k is the k-th lowest of the word: a pair at k has the top bits of bytes k and k + 1.
    let pairs = caps & (caps >> 8);
    (pairs != 0).then(|| pairs.trailing_zeros() as usize / 8)
}

/// True when no two adjacent bytes that are both ASCII capitals or beyond ASCII start among the
/// first fifteen of the sixteen bytes at `at` (see [`capital_pair_among_eight`]), so that a scan
/// for such pairs may pass over fifteen at once; false when one may, or when fewer than sixteen
/// bytes are left.
#[inline(always)]
pub fn no_capital_pair_among_sixteen(bytes: &[u8], at: usize) -> bool {
    let Some(sixteen) = bytes.get(at..at + 16) else {
        return false;
    };
    let (low, high) = sixteen.split_at(8);
    let a = capitals(u64::from_le_bytes(low.try_into().unwrap_or_default()));
    let b = capitals(u64::from_le_bytes(high.try_into().unwrap_or_default()));
    // Pairs within the first eight, across the middle (byte 7 and byte 8), within the last eight.
    a & (a >> 8) | (a >> 56) & b | b & (b >> 8) == 0
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
    /// Builds the index for `text`.
    pub fn new(text: &str) -> CharIndex {
        let mut extra = Vec::new();
        let bytes = text.as_bytes();
        let mut acc = 0;
        let mut i = 0;
        while i < bytes.len() {
            // Runs of ASCII, most of any text, are passed over 32 bytes at a time, then eight.
            if let Some(chunk) = bytes.get(i..i + 32) {
                let high = chunk.chunks_exact(8).fold(0, |acc, w| {
                    acc | u64::from_le_bytes(w.try_into().unwrap_or_default())
                });
                if high & 0x8080_8080_8080_8080 == 0 {
                    i += 32;
                    continue;
                }
            }
            if let Some(chunk) = bytes.get(i..i + 8) {
                let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
                if word & 0x8080_8080_8080_8080 == 0 {
                    i += 8;
                    continue;
                }
            }
            let n = match bytes[i] {
                b if b < 0x80 => 1,
                b if b >= 0xF0 => 4,
                b if b >= 0xE0 => 3,
                _ => 2,
            };
            if n > 1 {
                acc += n - 1;
                extra.push((i + n, acc));
            }
            i += n;
        }
        CharIndex { extra }
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
    let start = s
        .char_indices()
        .rev()
        .find(|&(_, c)| !part(c))
        .map_or(0, |(k, c)| k + c.len_utf8());
    &s[start..]
}

/// The word of `part` characters that starts `s` (possibly empty).
pub fn first_word(s: &str, part: impl Fn(char) -> bool) -> &str {
    let end = s.find(|c: char| !part(c)).unwrap_or(s.len());
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_are_found_eight_bytes_at_a_time() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut eight = [b'a'; 8];
                eight[at] = b;
                let got = capitals(u64::from_le_bytes(eight));
                let want = capital(b);
                assert_eq!(got != 0, want, "{b:#x} at {at}");
                assert_eq!(got, u64::from(want) << (8 * at + 7), "{b:#x} at {at}");
                assert_eq!(capital_among_eight(&eight, 0), want);
            }
        }
        assert!(capital_among_eight(b"abcdefg", 0), "fewer than eight bytes");
    }

    /// A byte the eight-byte tests count as a capital.
    fn capital(b: u8) -> bool {
        b.is_ascii_uppercase() || b >= 0x80
    }

    /// Calls `check` with every placement of two bytes of a few kinds (capitals, their ASCII
    /// neighbours, bytes beyond ASCII, space, digit) among eight lower-case ones.
    fn every_placement_of_two(check: impl Fn([u8; 8])) {
        let kinds = [b'a', b'A', b'Z', b'[', b'@', b'z', 0x80, 0xff, b' ', b'0'];
        for &x in &kinds {
            for &y in &kinds {
                for i in 0..8 {
                    for j in 0..8 {
                        let mut eight = [b'a'; 8];
                        eight[i] = x;
                        eight[j] = y;
                        check(eight);
                    }
                }
            }
        }
    }

    #[test]
    fn the_first_capital_is_found_eight_bytes_at_a_time() {
        every_placement_of_two(|eight| {
            let want = (0..8).find(|&k| capital(eight[k]));
            assert_eq!(first_capital_among_eight(&eight, 0), want, "{eight:?}");
        });
        assert_eq!(first_capital_among_eight(b"abcdefg", 0), Some(0));
    }

    #[test]
    fn pairs_of_capitals_are_found_eight_bytes_at_a_time() {
        every_placement_of_two(|eight| {
            let want = (0..7).find(|&k| capital(eight[k]) && capital(eight[k + 1]));
            assert_eq!(capital_pair_among_eight(&eight, 0), want, "{eight:?}");
        });
        assert_eq!(
            capital_pair_among_eight(b"abcdefg", 0),
            Some(0),
            "fewer than eight"
        );
        assert_eq!(capital_pair_among_eight(b"xxabcdefgAB", 2), None);
        assert_eq!(capital_pair_among_eight(b"xxabcdefAB", 2), Some(6));
    }

    #[test]
    fn sixteen_bytes_without_a_pair_of_capitals() {
        assert!(no_capital_pair_among_sixteen(b"aBcDeFgHiJkLmNoP", 0));
        assert!(
            !no_capital_pair_among_sixteen(b"aBcDeFgHiJkLmNo", 0),
            "fewer than sixteen"
        );
        for k in 0..15 {
            let mut sixteen = *b"abcdefghijklmnop";
            sixteen[k] = b'X';
            sixteen[k + 1] = 0xC3;
            assert!(!no_capital_pair_among_sixteen(&sixteen, 0), "pair at {k}");
        }
        let mut sixteen = *b"abcdefghijklmnop";
        sixteen[15] = b'X';
        assert!(
            no_capital_pair_among_sixteen(&sixteen, 0),
            "a capital at the end"
        );
        assert!(
            no_capital_pair_among_sixteen(b"xxabcdefghijklmnopAB", 2),
            "pair at the 17th"
        );
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
    fn char_index_matches_chars() {
        let text = "aé’b𝄞c";
        let idx = CharIndex::new(text);
        for (cp, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.char_offset(b), cp);
        }
        assert_eq!(idx.char_offset(text.len()), text.chars().count());
        // Multi-byte characters at every alignment around and across eight-byte runs of ASCII.
        for pad in 0..17 {
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
