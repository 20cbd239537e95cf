//! Eight bytes at a time: the helpers that read a `u64` as eight bytes (little-endian, its first
//! byte the lowest) and answer for each byte at once ("SIMD within a register"). A byte's answer
//! is its high bit (0x80) in the result. The token layer, sentence splitting, slugs, the claims'
//! quote tests and the CSV writer all use these one definitions.

/// 0x01 in every byte of a word.
pub const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of every byte of a word: set only by bytes beyond ASCII.
pub const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The first eight bytes of `bytes` as a word (panics when there are fewer).
#[inline(always)]
pub fn le64(bytes: &[u8]) -> u64 {
    let mut b = [0; 8];
    b.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(b)
}

/// The first four bytes of `bytes` as a word (panics when there are fewer).
#[inline(always)]
pub fn le32(bytes: &[u8]) -> u64 {
    let mut b = [0; 4];
    b.copy_from_slice(&bytes[..4]);
    u64::from(u32::from_le_bytes(b))
}

/// The bytes of `bytes`, fewer than eight, as a word whose bytes beyond them are zero (read one
/// by one: for a slice that may be shorter than eight; [`le64_padded`] chooses).
#[inline(always)]
pub fn le64_short(bytes: &[u8]) -> u64 {
    debug_assert!(bytes.len() < 8);
    bytes.iter().rev().fold(0, |w, &b| w << 8 | u64::from(b))
}

/// The first eight bytes of `bytes` as a word, or, when there are fewer, all of them with zero
/// bytes beyond ([`le64`] or [`le64_short`]).
#[inline(always)]
pub fn le64_padded(bytes: &[u8]) -> u64 {
    match bytes.first_chunk::<8>() {
        Some(eight) => u64::from_le_bytes(*eight),
        None => le64_short(bytes),
    }
}

/// Nonzero exactly when one of the eight bytes of `w` is `b` (the classic zero-byte test on
/// `w ^ b…b`: it may set the high bit of a byte above a true match as well, never of a byte
/// when no byte matches). Any bytes, ASCII or not.
#[inline(always)]
pub fn has_byte(w: u64, b: u8) -> u64 {
    let x = w ^ (ONES * u64::from(b));
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// The high bit of each byte of `x` from `lo` to `hi`, for a word of ASCII bytes (every high bit
/// clear; `lo` at most 0x80, `hi` at most 0x7F): `x + (0x80 - lo)` reaches the high bit from `lo`
/// on and `x + (0x7F - hi)` past `hi`, neither carrying into the next byte.
#[inline(always)]
pub fn lanes_between(x: u64, lo: u8, hi: u8) -> u64 {
    let from = x.wrapping_add(ONES * u64::from(0x80 - lo));
    let past = x.wrapping_add(ONES * u64::from(0x7F - hi));
    from & !past & HIGHS
}

/// The eight ASCII bytes of `w` with each capital lowered: the high bits of [`lanes_between`]
/// `A` and `Z`, moved down to bit 5.
#[inline(always)]
pub fn ascii_lowercase(w: u64) -> u64 {
    w | lanes_between(w, b'A', b'Z') >> 2
}

/// The high bit of each byte of `w` that is an ASCII letter or digit, for any bytes: each is
/// compared without its high bit ([`lanes_between`] `0`–`9`, and with bit 5 set `a`–`z`), and a
/// byte beyond ASCII is none.
#[inline(always)]
pub fn ascii_alphanumerics(w: u64) -> u64 {
    let low = w & !HIGHS;
    let digit = lanes_between(low, b'0', b'9');
    let letter = lanes_between(low | (ONES * 0x20), b'a', b'z');
    (digit | letter) & !w
}

/// The high bit of each byte of `w` (eight ASCII bytes) that [`char::is_whitespace`] tells: a
/// space, or a tab to a carriage return (9 to 13).
#[inline(always)]
pub fn ascii_spaces(w: u64) -> u64 {
    lanes_between(w, b' ', b' ') | lanes_between(w, 9, 13)
}

/// Whether bit `k` of the bit set `set` (bit `k % 64` of word `k / 64`) is set: the one test of
/// the filters that tell a word or pair of bytes no list holds before a table is read (the
/// gazetteer's start pairs, big word lists, resolve's form openings, word shapes, cue endings).
#[inline(always)]
pub fn bit(set: &[u64], k: usize) -> bool {
    set[k >> 6] & 1 << (k & 63) != 0
}

/// Sets bit `k` of the bit set `set` ([`bit`]).
#[inline(always)]
pub fn set_bit(set: &mut [u64], k: usize) {
    set[k >> 6] |= 1 << (k & 63);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bit_set_holds_exactly_the_bits_set() {
        let mut set = [0u64; 4];
        let on = [0, 1, 63, 64, 130, 255];
        for k in on {
            set_bit(&mut set, k);
        }
        for k in 0..256 {
            assert_eq!(bit(&set, k), on.contains(&k), "bit {k}");
        }
        assert_eq!(set[0], 1 | 2 | 1 << 63);
    }

    /// The word whose byte `i` has its high bit set when `f` holds of byte `i` of `w`.
    fn by_byte(w: u64, f: impl Fn(u8) -> bool) -> u64 {
        let bytes = w.to_le_bytes();
        (0..8).fold(0, |acc, i| acc | u64::from(f(bytes[i])) << (8 * i + 7))
    }

    /// Words whose bytes are drawn near the edges of every range tested, plus random ones.
    fn words() -> impl proptest::strategy::Strategy<Value = u64> {
        use proptest::prelude::*;
        let edges = b"\x00\x08\x09\x0d\x0e\x1f /09:@AZ[`az{\x7f\x80\xc3\xff-.,\"\n\r";
        prop_oneof![
            any::<u64>(),
            proptest::collection::vec(proptest::sample::select(edges.to_vec()), 8)
                .prop_map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default())),
        ]
    }

    #[test]
    fn words_are_read_little_endian() {
        let bytes = *b"abcdefghij";
        assert_eq!(le64(&bytes), u64::from_le_bytes(*b"abcdefgh"));
        assert_eq!(le64(&bytes[2..]), u64::from_le_bytes(*b"cdefghij"));
        assert_eq!(le32(&bytes[6..]), u64::from(u32::from_le_bytes(*b"ghij")));
        assert_eq!(
            le64_padded(&bytes[5..]),
            u64::from_le_bytes(*b"fghij\0\0\0")
        );
        assert_eq!(le64_padded(&bytes[1..]), le64(&bytes[1..]));
        assert_eq!(le64_short(b""), 0);
        assert_eq!(le64_short(b"Ab"), 0x6241);
    }

    #[test]
    fn lanes_answer_per_byte() {
        let w = u64::from_le_bytes(*b"Ab 9\tz-.");
        assert_eq!(has_byte(w, b'.'), 0x80 << 56);
        assert_eq!(has_byte(w, b','), 0);
        assert_eq!(ascii_lowercase(w), u64::from_le_bytes(*b"ab 9\tz-."));
        assert_eq!(ascii_alphanumerics(w), by_byte(w, |b| b"Ab9z".contains(&b)));
        assert_eq!(ascii_spaces(w), by_byte(w, |b| b" \t".contains(&b)));
        assert_eq!(lanes_between(w, b'0', b'9'), 0x80 << 24);
    }

    proptest::proptest! {
        /// Every helper answers as a loop over the eight bytes does.
        #[test]
        fn lanes_are_the_byte_loop(w in words(), b in proptest::prelude::any::<u8>(), lo in 0u8..=0x7F, hi in 0u8..=0x7F) {
            // The zero-byte test finds a byte exactly when there is one.
            proptest::prop_assert_eq!(has_byte(w, b) != 0, w.to_le_bytes().contains(&b));
            proptest::prop_assert_eq!(ascii_alphanumerics(w), by_byte(w, |b| b.is_ascii_alphanumeric()));
            // The rest read ASCII words.
            let a = w & !HIGHS;
            proptest::prop_assert_eq!(lanes_between(a, lo, hi), by_byte(a, |b| (lo..=hi).contains(&b)));
            proptest::prop_assert_eq!(ascii_lowercase(a), u64::from_le_bytes(a.to_le_bytes().map(|b| b.to_ascii_lowercase())));
            proptest::prop_assert_eq!(ascii_spaces(a), by_byte(a, |b| char::from(b).is_whitespace()));
        }

        /// A slice of any length is read as its bytes, zero beyond.
        #[test]
        fn padded_words_are_the_bytes(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..12)) {
            let mut eight = [0; 8];
            let n = bytes.len().min(8);
            eight[..n].copy_from_slice(&bytes[..n]);
            proptest::prop_assert_eq!(le64_padded(&bytes), u64::from_le_bytes(eight));
            if n < 8 {
                proptest::prop_assert_eq!(le64_short(&bytes), u64::from_le_bytes(eight));
            } else {
                proptest::prop_assert_eq!(le64(&bytes), u64::from_le_bytes(eight));
            }
            if bytes.len() >= 4 {
                proptest::prop_assert_eq!(le32(&bytes), u64::from_le_bytes(eight) & 0xFFFF_FFFF);
            }
        }
    }
}
