//! JSON written by hand into a byte buffer, for the rows of `report.html` ([`crate::report`]): a
//! string is copied a run at a time between the bytes it must escape, found sixteen at a time
//! ([`text::inert_json_stops_among_sixteen`]), and each of those is written from one table.
//!
//! The bytes are serde_json's (`serde_json::to_writer`) with every `<` written as `\u003c`, so the
//! JSON is inert inside a `<script>` element: a quote, a backslash and the control characters
//! with a short escape (`\b`, `\t`, `\n`, `\f`, `\r`) as those, every other control character and
//! `<` as `\u00XX` in lowercase hex, every other character (beyond ASCII too) as it is.

use crate::text;

/// The letter of each byte's short escape (`\n` for a line feed), or 0 for a byte written as
/// `\u00XX` (the other control characters and `<`); bytes that are not escaped have 0 too.
const SHORT_ESCAPES: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t
};

/// Lowercase hex digits, as serde_json writes `\u00XX`.
const HEX: &[u8; 16] = b"0123456789abcdef";

/// Appends `s` as a JSON string (quotes included), inert inside a `<script>` element (see the
/// module docs).
pub fn push_str(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    out.push(b'"');
    let mut from = 0;
    let mut at = 0;
    while let Some(stop) = next_stop(b, at) {
        out.extend_from_slice(&b[from..stop]);
        push_escape(out, b[stop]);
        at = stop + 1;
        from = at;
    }
    out.extend_from_slice(&b[from..]);
    out.push(b'"');
}

/// The first byte at or after `at` that [`push_str`] escapes ([`text::next_stop`] of
/// [`text::inert_json_stops_among_sixteen`]).
#[inline(always)]
fn next_stop(b: &[u8], at: usize) -> Option<usize> {
    text::next_stop(
        b,
        at,
        text::inert_json_stops_among_sixteen,
        text::is_inert_json_stop,
    )
}

/// Appends the escape of byte `c`, one that [`text::is_inert_json_stop`] holds.
fn push_escape(out: &mut Vec<u8>, c: u8) {
    match SHORT_ESCAPES[usize::from(c)] {
        0 => out.extend_from_slice(&[
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[usize::from(c >> 4)],
            HEX[usize::from(c & 15)],
        ]),
        letter => out.extend_from_slice(&[b'\\', letter]),
    }
}

/// Appends `n` as a JSON number.
pub fn push_u64(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// Appends `[a,b]`, a span as the page reads it.
pub fn push_pair(out: &mut Vec<u8>, [a, b]: [u64; 2]) {
    out.push(b'[');
    push_u64(out, a);
    out.push(b',');
    push_u64(out, b);
    out.push(b']');
}

/// Appends `[a,b]`, or `null` for no span.
pub fn push_optional_pair(out: &mut Vec<u8>, pair: Option<[u64; 2]>) {
    match pair {
        Some(pair) => push_pair(out, pair),
        None => out.extend_from_slice(b"null"),
    }
}

/// Appends the JSON array of the strings `items` (each as [`push_str`] writes it).
pub fn push_str_array<S: AsRef<str>>(out: &mut Vec<u8>, items: &[S]) {
    out.push(b'[');
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        push_str(out, item.as_ref());
    }
    out.push(b']');
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// serde_json's bytes with every `<` as `\u003c` (what report.html wrote before this module).
    fn serde_inert<T: serde::Serialize + ?Sized>(value: &T) -> Vec<u8> {
        let json = serde_json::to_string(value).unwrap();
        json.replace('<', "\\u003c").into_bytes()
    }

    fn ours(s: &str) -> Vec<u8> {
        let mut out = Vec::new();
        push_str(&mut out, s);
        out
    }

    #[test]
    fn every_byte_is_written_as_serde_json_writes_it_made_inert() {
        for c in (0..=0x7fu8)
            .map(char::from)
            .chain(['é', '\u{2028}', '“', '😀'])
        {
            for len in [0, 1, 15, 16, 17, 40] {
                let s = format!("{}{c}{}", "a".repeat(len), "b".repeat(len % 7));
                assert_eq!(ours(&s), serde_inert(&s), "{s:?}");
            }
        }
        assert_eq!(ours("</script>"), b"\"\\u003c/script>\"");
        assert_eq!(ours("a\u{1f}\u{7f}"), b"\"a\\u001f\x7f\"");
    }

    #[test]
    fn numbers_spans_and_arrays_are_serde_jsons() {
        let mut out = Vec::new();
        push_pair(&mut out, [0, u64::MAX]);
        push_optional_pair(&mut out, None);
        push_str_array(&mut out, &["x<y", "", "\"q\""]);
        push_str_array::<&str>(&mut out, &[]);
        let mut want = serde_inert(&[0, u64::MAX]);
        want.extend(serde_inert(&None::<[u64; 2]>));
        want.extend(serde_inert(&["x<y", "", "\"q\""]));
        want.extend(serde_inert::<[&str]>(&[]));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            String::from_utf8(want).unwrap()
        );
    }

    proptest! {
        #[test]
        fn any_string_is_written_as_serde_json_writes_it_made_inert(
            s in "(\\PC|[\\x00-\\x1f\"\\\\<]|\\u{2028}){0,80}"
        ) {
            prop_assert_eq!(ours(&s), serde_inert(&s));
        }
    }
}
