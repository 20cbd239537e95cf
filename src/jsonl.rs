//! A JSONL line read without building a `serde_json::Value`.
//!
//! A corpus line is nearly always one flat object of strings (`{"id": "…", "text": "…"}`), and
//! most of its bytes are the text. [`FlatObject::parse`] reads such a line in one pass: the runs of
//! a string between escapes are found by a vectorised search for `"`, `\` and control characters
//! and copied whole, and a string with no escape is borrowed from the line. Anything else (a
//! number, `true`, a nested value, a control character in a string, a syntax error) is not read
//! here: [`FlatObject::parse`] says None and serde_json reads the line, so every such line, and
//! every error message, reads as before. What it does read, it reads as serde_json does (a property
//! test holds it to serde_json).

use crate::text;
use std::borrow::Cow;

/// The fields of a JSON object whose values are all strings or `null`, in the line's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlatObject<'a> {
    fields: Vec<(Cow<'a, str>, Option<Cow<'a, str>>)>,
    /// Whether a string of the object, a name or a value, holds a carriage return.
    carriage_return: bool,
}

impl<'a> FlatObject<'a> {
    /// Reads `line` (white space around the object allowed, a line break included); None when it is
    /// anything but one object whose values are strings or `null`, or is not valid JSON.
    pub fn parse(line: &'a str) -> Option<FlatObject<'a>> {
        let b = line.as_bytes();
        // A control character in a string is an error, found by the search for a string's end
        // ([`string`]): serde_json reads the line. One between tokens is white space (tab, line
        // break) or a syntax error, which the reading below meets.
        let mut i = skip_space(b, 0);
        if b.get(i) != Some(&b'{') {
            return None;
        }
        i = skip_space(b, i + 1);
        let mut fields = Vec::new();
        let mut carriage_return = false;
        if b.get(i) == Some(&b'}') {
            i += 1;
        } else {
            loop {
                if b.get(i) != Some(&b'"') {
                    return None;
                }
                let (key, next, cr) = string(line, i + 1)?;
                carriage_return |= cr;
                i = skip_space(b, next);
                if b.get(i) != Some(&b':') {
                    return None;
                }
                i = skip_space(b, i + 1);
                let value = match b.get(i)? {
                    b'"' => {
                        let (value, next, cr) = string(line, i + 1)?;
                        carriage_return |= cr;
                        i = next;
                        Some(value)
                    }
                    b'n' if b[i..].starts_with(b"null") => {
                        i += 4;
                        None
                    }
                    _ => return None,
                };
                fields.push((key, value));
                i = skip_space(b, i);
                match b.get(i)? {
                    b',' => i = skip_space(b, i + 1),
                    b'}' => {
                        i += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        (skip_space(b, i) == b.len()).then_some(FlatObject {
            fields,
            carriage_return,
        })
    }

    /// Whether a string of the object (a name or a value) holds a carriage return: one written
    /// as an escape (`\r`, `\u000d`), as JSON allows no control character in a string as it is.
    /// An object without one gives text that needs no line ends normalised.
    pub fn holds_carriage_return(&self) -> bool {
        self.carriage_return
    }

    /// The value of the field `name`: None when there is no such field, Some(None) when it is
    /// `null`. Of repeated names the last counts, as in serde_json's map.
    pub fn get(&self, name: &str) -> Option<Option<&str>> {
        self.fields
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_deref())
    }

    /// [`FlatObject::get`], the value taken out as a `String` (moved when it holds escapes, as
    /// the text of an article does: its line breaks are escaped). The field reads as absent after.
    pub fn take(&mut self, name: &str) -> Option<Option<String>> {
        let (_, value) = self.fields.iter_mut().rev().find(|(k, _)| k == name)?;
        let value = value.take().map(Cow::into_owned);
        self.fields.retain(|(k, _)| k != name);
        Some(value)
    }
}

/// The first byte at or after `i` that is not JSON white space.
fn skip_space(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\n' | b'\r' | b'\t')) {
        i += 1;
    }
    i
}

/// The string that starts at byte `start` of `line` (just after its opening quote), the byte
/// after its closing quote, and whether the string holds a carriage return (an escape: one as it
/// is is a control character); None for an escape other than JSON's, a lone surrogate, or no end.
fn string(line: &str, start: usize) -> Option<(Cow<'_, str>, usize, bool)> {
    let b = line.as_bytes();
    let at = next_stop(b, start)?;
    match b[at] {
        b'"' => return Some((Cow::Borrowed(&line[start..at]), at + 1, false)),
        b'\\' => {}
        // A control character: no string, and nothing copied.
        _ => return None,
    }
    let (value, next, carriage_return) = unescaped(b, start, at)?;
    Some((Cow::Owned(value), next, carriage_return))
}

/// [`string`] of a string (from byte `start` of `b`, a line of UTF-8) whose first stop, at `at`,
/// is not its closing quote: its characters copied into a new string, each escape replaced by the
/// character it stands for, the byte after it, and whether an escape stood for a carriage return;
/// None for a control character or what [`escape`] refuses.
///
/// The runs between escapes are copied as they are searched ([`copy_run`]): each
/// block of bytes read once, stored whole and tested for a stop, instead of searched, then copied
/// by a call. On a processor with AVX2 the blocks are thirty-two bytes ([`unescaped_avx2`]),
/// else sixteen.
fn unescaped(b: &[u8], start: usize, at: usize) -> Option<(String, usize, bool)> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2.
        return unsafe { unescaped_avx2(b, start, at) };
    }
    // SAFETY: not `WIDE`: no AVX2 instruction is run.
    unsafe { unescaped_by::<false>(b, start, at) }
}

/// [`unescaped`] compiled for AVX2, its runs copied thirty-two bytes at a time.
///
/// # Safety
/// The processor must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn unescaped_avx2(b: &[u8], start: usize, at: usize) -> Option<(String, usize, bool)> {
    // SAFETY: this function's own contract: the processor has AVX2.
    unsafe { unescaped_by::<true>(b, start, at) }
}

/// The body of [`unescaped`]: `WIDE` says its runs are copied thirty-two bytes at a time by AVX2
/// (only in a caller compiled for it).
///
/// The string's bytes are written through its pointer and counted in a local (`n`), its length
/// set once at the end: the escapes of an article (one to about 116 bytes, most of them `\n` and
/// `\"`) cost a look-up in [`SHORT_ESCAPES`] and a byte stored, not a push and the reloads it
/// brings.
///
/// # Safety
/// When `WIDE`, the processor must have AVX2.
#[inline(always)]
unsafe fn unescaped_by<const WIDE: bool>(
    b: &[u8],
    start: usize,
    mut at: usize,
) -> Option<(String, usize, bool)> {
    // Room for the line's bytes from `start` and a block more: the string never holds more
    // bytes than it has read of the line (an escape is longer than its character), so each
    // write below, a block of a run included, falls inside the room ([`copy_run`]).
    let mut out: Vec<u8> = Vec::with_capacity(b.len() - start + BLOCK);
    let to = out.as_mut_ptr();
    let first = &b[start..at];
    // SAFETY: `first.len()` bytes fit in the room (above), and the line and the new string do
    // not overlap.
    unsafe { std::ptr::copy_nonoverlapping(first.as_ptr(), to, first.len()) };
    let mut n = first.len();
    let mut carriage_return = false;
    loop {
        match b[at] {
            b'"' => {
                // SAFETY: the first `n` bytes were written: runs of the line cut at ASCII
                // stops, and whole characters, so UTF-8 (see [`copy_run`]).
                unsafe { out.set_len(n) };
                let out = unsafe { String::from_utf8_unchecked(out) };
                return Some((out, at + 1, carriage_return));
            }
            b'\\' => {}
            // A control character.
            _ => return None,
        }
        let short = SHORT_ESCAPES[usize::from(*b.get(at + 1)?)];
        let next = if short != 0 {
            // SAFETY: one byte for the two of the escape read (see the room above).
            unsafe { to.add(n).write(short) };
            n += 1;
            carriage_return |= short == b'\r';
            at + 2
        } else {
            let (c, next) = escape(b, at + 1)?;
            carriage_return |= c == '\r';
            let mut utf8 = [0; 4];
            let c = c.encode_utf8(&mut utf8).as_bytes();
            // SAFETY: a character's bytes for the longer escape read (see the room above).
            unsafe { std::ptr::copy_nonoverlapping(c.as_ptr(), to.add(n), c.len()) };
            n += c.len();
            next
        };
        // SAFETY: the string's next byte goes at `n`, with room for the rest of the line and a
        // block (see above); the caller's contract gives AVX2 when `WIDE`.
        at = unsafe { copy_run::<WIDE>(b, next, to.add(n)) }?;
        n += at - next;
    }
}

/// The byte each escape of one character after its backslash stands for when it is no `\u`
/// escape (`\n`, `\"`, `\\`, `\/`, `\b`, `\f`, `\r`, `\t`), 0 for every other byte:
/// [`escape`] reads those.
static SHORT_ESCAPES: [u8; 256] = {
    let mut table = [0; 256];
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table[b'/' as usize] = b'/';
    table[b'b' as usize] = 0x08;
    table[b'f' as usize] = 0x0c;
    table[b'n' as usize] = b'\n';
    table[b'r' as usize] = b'\r';
    table[b't' as usize] = b'\t';
    table
};

/// The most bytes [`copy_run`] stores at once.
const BLOCK: usize = 32;

/// Copies the run of `b` from byte `from` to its next stop (a quote, backslash or control
/// character) to `to`, and returns where the stop is; None when no stop comes before the line's
/// end.
///
/// A block at a time (thirty-two bytes when `WIDE`, by AVX2; then sixteen): each block loaded
/// once, stored whole where the run's bytes go, and tested for a stop, until a block holds one.
/// The bytes stored past the stop are left for the string's next bytes to overwrite.
///
/// # Safety
/// `to` must have room for the bytes of `b` from `from` on and [`BLOCK`] more, and not overlap
/// `b`; when `WIDE`, the processor must have AVX2.
#[inline(always)]
unsafe fn copy_run<const WIDE: bool>(b: &[u8], from: usize, to: *mut u8) -> Option<usize> {
    // Stores `chunk`, the bytes of the line from `i` on, where they go.
    // SAFETY (of each call): a block of the line from `i` (within the line) has room at
    // `i - from` (the function's contract).
    let store = |i: usize, chunk: &[u8]| unsafe {
        std::ptr::copy_nonoverlapping(chunk.as_ptr(), to.add(i - from), chunk.len());
    };
    let mut i = from;
    #[cfg(target_arch = "x86_64")]
    if WIDE && b.len() >= 32 {
        let last = b.len() - 32;
        while i <= last {
            // SAFETY: thirty-two bytes of the line from `i` (`i <= b.len() - 32`), and room for
            // them at `i - from`; AVX2 by the function's contract.
            let stops = unsafe {
                text::copy_thirty_two_json_stops_avx2(b.as_ptr().add(i), to.add(i - from))
            };
            if stops != 0 {
                return Some(i + stops.trailing_zeros() as usize);
            }
            i += 32;
        }
    }
    while let Some(chunk) = text::sixteen_at(b, i) {
        store(i, chunk);
        let stops = text::json_stops_among_sixteen(chunk);
        if stops != 0 {
            return Some(i + stops.trailing_zeros() as usize);
        }
        i += 16;
    }
    let k = b.get(i..)?.iter().position(|&c| text::is_json_stop(c))?;
    store(i, &b[i..i + k]);
    Some(i + k)
}

/// The first quote, backslash or control character of `b` at or after `i`: sixteen bytes at a
/// time ([`text::json_stops_among_sixteen`]), so that the end of a string, its escapes and the
/// control characters JSON forbids in it are found in one pass over its bytes.
fn next_stop(b: &[u8], i: usize) -> Option<usize> {
    text::next_stop(b, i, text::json_stops_among_sixteen, text::is_json_stop)
}

/// The character an escape stands for (`i`: the byte after its backslash) and the byte after it.
#[inline(always)]
fn escape(b: &[u8], i: usize) -> Option<(char, usize)> {
    let c = match *b.get(i)? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let high = hex4(b, i + 1)?;
            if !(0xD800..0xDC00).contains(&high) {
                // A lone trailing surrogate is no char: None.
                return Some((char::from_u32(high)?, i + 5));
            }
            // A leading surrogate and its trailing one.
            if b.get(i + 5..i + 7) != Some(b"\\u") {
                return None;
            }
            let low = hex4(b, i + 7)?;
            if !(0xDC00..0xE000).contains(&low) {
                return None;
            }
            let c = char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))?;
            return Some((c, i + 11));
        }
        _ => return None,
    };
    Some((c, i + 1))
}

/// `line` with every `\u` escape of a lone UTF-16 surrogate (a leading one not followed by a
/// trailing one, or a trailing one alone: `"\ud800"`, which JSON writers such as Python's emit
/// for text that was not valid Unicode) made `\ufffd`, and how many there were; None when there
/// are none. serde_json refuses such a line whole ("unexpected end of hex escape"), where a text
/// file's or a UTF-16 file's invalid sequences become U+FFFD.
pub fn mend_lone_surrogates(line: &str) -> Option<(String, usize)> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let (mut copied, mut i, mut mended) = (0, 0, 0);
    while let Some(k) = memchr::memchr(b'\\', &b[i..]) {
        let at = i + k;
        let surrogate = (b.get(at + 1) == Some(&b'u'))
            .then(|| hex4(b, at + 2))
            .flatten()
            .filter(|u| (0xD800..0xE000).contains(u));
        i = at + 2;
        let Some(u) = surrogate else { continue };
        let paired = u < 0xDC00
            && b.get(at + 6..at + 8) == Some(b"\\u")
            && hex4(b, at + 8).is_some_and(|low| (0xDC00..0xE000).contains(&low));
        if paired {
            i = at + 12;
            continue;
        }
        out.extend_from_slice(&b[copied..at]);
        out.extend_from_slice(b"\\ufffd");
        copied = at + 6;
        i = copied;
        mended += 1;
    }
    if mended == 0 {
        return None;
    }
    out.extend_from_slice(&b[copied..]);
    // Only ASCII escapes were replaced, by ASCII.
    String::from_utf8(out).ok().map(|s| (s, mended))
}

/// The four hex digits at byte `i`, as a number.
fn hex4(b: &[u8], i: usize) -> Option<u32> {
    let digits = b.get(i..i + 4)?;
    digits
        .iter()
        .try_fold(0u32, |n, &d| Some(n << 4 | char::from(d).to_digit(16)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn lone_surrogate_escapes_are_mended() {
        let mend = |s: &str| mend_lone_surrogates(s);
        assert_eq!(
            mend(r#"{"text":"a \ud800 b \udc00\ud800x \ud83d\ude00"}"#),
            Some((
                r#"{"text":"a \ufffd b \ufffd\ufffdx \ud83d\ude00"}"#.into(),
                3
            ))
        );
        // A pair, an escaped backslash before "ud800" (the text \ud800), a short escape: nothing.
        for line in [
            r#"{"text":"\ud83d\ude00"}"#,
            r#"{"text":"\\ud800"}"#,
            r#"{"text":"\ud80"}"#,
            r#"{"text":"a\"}"#,
        ] {
            assert_eq!(mend(line), None, "{line}");
        }
        assert_eq!(
            mend(r#"{"text":"\\\ud800"}"#),
            Some((r#"{"text":"\\\ufffd"}"#.into(), 1))
        );
    }

    /// What serde_json makes of `line`, as [`FlatObject::parse`] would give it, if it is an
    /// object of strings and nulls.
    fn by_serde(line: &str) -> Option<Vec<(String, Option<String>)>> {
        let Value::Object(map) = serde_json::from_str::<Value>(line).ok()? else {
            return None;
        };
        map.into_iter()
            .map(|(k, v)| match v {
                Value::String(s) => Some((k, Some(s))),
                Value::Null => Some((k, None)),
                _ => None,
            })
            .collect()
    }

    /// The fields of `line` as [`FlatObject::get`] gives them, keyed as serde_json's map is.
    fn by_flat(line: &str) -> Option<Vec<(String, Option<String>)>> {
        let flat = FlatObject::parse(line)?;
        let mut keys: Vec<&str> = flat.fields.iter().map(|(k, _)| k.as_ref()).collect();
        keys.sort_unstable();
        keys.dedup();
        Some(
            keys.into_iter()
                .map(|k| (k.to_owned(), flat.get(k).unwrap().map(str::to_owned)))
                .collect(),
        )
    }

    #[test]
    fn flat_objects_read_as_serde_json_reads_them() {
        let lines = [
            "{\"id\":\"a1\",\"text\":\"Hello\\nworld \\\"q\\\" \\\\ \\/ \\t\\b\\f\\r\"}\n",
            "  { \"id\" : null , \"text\" : \"£5 — “quoted” \\u00e9\\u20AC\\ud83d\\ude00\" }  \r\n",
            "{}",
            "{\"a\":\"1\",\"a\":\"2\"}",
            "{\"k\\u0041y\":\"v\"}",
            "{\t\"id\":\t\"a1\",\r\"text\" :\t\"tabs and a return between tokens\"\t}\n",
        ];
        for line in lines {
            assert!(FlatObject::parse(line).is_some(), "{line:?}");
            assert_eq!(by_flat(line), by_serde(line), "{line:?}");
        }
        let flat = FlatObject::parse(lines[1]).unwrap();
        assert_eq!(flat.get("text"), Some(Some("£5 — “quoted” é€😀")));
        // A return between tokens is white space; one escaped in a string is the string's.
        assert!(!flat.holds_carriage_return());
        assert!(FlatObject::parse(lines[0]).unwrap().holds_carriage_return());
        assert_eq!(flat.get("id"), Some(None));
        assert_eq!(flat.get("url"), None);
        assert_eq!(
            FlatObject::parse(lines[3]).unwrap().get("a"),
            Some(Some("2"))
        );
    }

    #[test]
    fn runs_of_every_length_between_escapes_read_as_serde_json_reads_them() {
        // Runs of 0 to 99 bytes (ASCII, and characters of two to four bytes across the blocks'
        // edges) before and after each escape, and at the line's end.
        let escapes = [
            "\\n",
            "\\\"",
            "\\u00e9",
            "\\u20ac",
            "\\ud83d\\ude00",
            "\\\\",
        ];
        for n in 0..100 {
            for (k, escape) in escapes.iter().enumerate() {
                let run: String = (0..n)
                    .map(|j| match (j + k) % 23 {
                        0 => 'é',
                        7 => '€',
                        13 => '😀',
                        _ => char::from(b'a' + (j % 26) as u8),
                    })
                    .collect();
                let tail: String = run.chars().take(n / 2).collect();
                for line in [
                    format!("{{\"text\":\"{run}{escape}{run}\"}}"),
                    format!("{{\"id\":\"{tail}\",\"text\":\"{escape}{run}{escape}{tail}\"}}\n"),
                    format!("{{\"text\":\"{run}{escape}{escape}\",\"date\":\"{run}\"}}"),
                ] {
                    assert!(FlatObject::parse(&line).is_some(), "{line:?}");
                    assert_eq!(by_flat(&line), by_serde(&line), "{line:?}");
                }
            }
        }
    }

    #[test]
    fn anything_else_is_left_to_serde_json() {
        for line in [
            "{\"id\":1,\"text\":\"x\"}",
            "{\"text\":\"x\",\"tags\":[\"a\"]}",
            "{\"text\":\"x\",\"ok\":true}",
            "{\"text\":\"a\tb\"}",
            "{\"id\":\"a long enough id\",\"text\":\"more than sixteen bytes \u{1}\"}",
            "{\"text\":\"more than sixteen bytes, then a line break\nin it\"}",
            "{\"text\":\"an escape\\n, then more than thirty-two bytes before a tab\tin it\"}",
            "{\"text\":\"an escape\\n, then no end: more than thirty-two bytes",
            "{\"text\":\"\\ud800\"}",
            "{\"text\":\"\\udc00\"}",
            "{\"text\":\"\\ud800\\u0041\"}",
            "{\"text\":\"\\x\"}",
            "{\"text\":\"x\"} trailing",
            "{\"text\":\"x\",}",
            "{\"text\":\"unterminated}",
            "{\"text\" \"x\"}",
            "[\"x\"]",
            "\u{feff}{\"text\":\"x\"}",
            "{\"text\":nul}",
            "{\"text\":\"x\"",
            "",
        ] {
            assert_eq!(FlatObject::parse(line), None, "{line:?}");
        }
    }

    #[test]
    fn take_moves_the_last_value_out() {
        let mut flat = FlatObject::parse("{\"t\":\"a\",\"t\":\"b\\n\",\"u\":null}").unwrap();
        assert_eq!(flat.take("t"), Some(Some("b\n".to_owned())));
        assert_eq!(flat.get("t"), None);
        assert_eq!(flat.take("u"), Some(None));
        assert_eq!(flat.take("v"), None);
    }

    proptest::proptest! {
        #[test]
        fn any_line_reads_as_serde_json_reads_it(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("\"".to_owned()),
                    proptest::strategy::Just("\\".to_owned()),
                    "[a-z:,{} \\[\\]\"\\\\/nrtbfu0-9A-Fé£“\u{1F600}\t\n]{0,6}",
                    "\\\\u[dD][89aAbBcCdDeEfF][0-9a-fA-F]{2}",
                    proptest::strategy::Just("null".to_owned()),
                ],
                0..12,
            )
        ) {
            let inner = parts.concat();
            for line in [
                inner.clone(),
                format!("{{\"text\":\"{inner}\"}}"),
                format!("{{\"id\":\"x\",\"text\":\"{inner}\",\"n\":null}}\n"),
                format!("{{\"{inner}\":\"v\"}}"),
            ] {
                if let Some(object) = FlatObject::parse(&line) {
                    let cr = object.fields.iter().any(|(k, v)| {
                        k.contains('\r') || v.as_deref().is_some_and(|v| v.contains('\r'))
                    });
                    proptest::prop_assert_eq!(object.holds_carriage_return(), cr, "{:?}", line);
                }
                let (flat, serde) = (by_flat(&line), by_serde(&line));
                // Whatever is read here reads as serde_json reads it, and only a control
                // character keeps an object of strings from being read here.
                let control = line.trim_end_matches(['\n', '\r']).bytes().any(|c| c < 0x20);
                if flat.is_some() || serde.is_some() && !control {
                    proptest::prop_assert_eq!(flat, serde, "{:?}", line);
                }
            }
        }
    }
}
