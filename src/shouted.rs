//! Text written in capitals ("TEHRAN, Iran —", "SOCCER - JAPAN GET LUCKY WIN"), read as its names are
//! written in the gazetteer.
//!
//! The trie holds every alias as written plus a flipped first letter, not in capitals: doubling
//! it for headlines and datelines would double its build time. Instead, each run of words in
//! capitals is title-cased in two copies, one with every word capitalised ("LA CORUNA" → "La
//! Coruna", "O'NEILL" → "O'Neill") and one that keeps in lower case the words names hold in lower
//! case ("BOSNIA AND HERZEGOVINA" → "Bosnia and Herzegovina"), and the trie is searched in the
//! copies. A copy has the run's byte length character by character, so its offsets map straight back.

use crate::gazetteer::Gazetteer;
use crate::text::next_capital_pairs;
use aho_corasick::Match;
use std::ops::Range;

/// Shortest alias that matches in any capitalisation (shorter ones are case-sensitive): a run of
/// capitals shorter than this cannot hold one.
const MIN_RUN_BYTES: usize = 4;

/// One run of words in capitals and its title-cased copies.
struct Run {
    /// Byte offset of the run in the document.
    start: usize,
    /// Every word capitalised.
    titled: String,
    /// The gazetteer's lowercase words in lower case, when that changes anything.
    connected: Option<String>,
}

impl Run {
    /// The run of the words `ws` of `text`, title-cased; None when it is too short to hold a name
    /// (or has no word).
    fn of(text: &str, ws: &[Range<usize>], gaz: &Gazetteer) -> Option<Run> {
        let (first, last) = (ws.first()?, ws.last()?);
        if last.end - first.start < MIN_RUN_BYTES {
            return None;
        }
        let start = first.start;
        let copy = |connectors: bool| {
            let mut copy = String::with_capacity(last.end - start);
            let mut from = start;
            for (k, w) in ws.iter().enumerate() {
                copy.push_str(&text[from..w.start]);
                // Only the connected copy keeps a word in lower case, and never the first.
                let keep_lower =
                    (connectors && k > 0).then_some(|part: &str| gaz.keeps_lowercase(part));
                title_case_into(&text[w.clone()], keep_lower, &mut copy);
                from = w.end;
            }
            copy
        };
        let titled = copy(false);
        let connected = Some(copy(true)).filter(|c| *c != titled);
        Some(Run {
            start,
            titled,
            connected,
        })
    }
}

/// The document's runs of words in capitals.
pub struct Shouted {
    runs: Vec<Run>,
}

impl Shouted {
    /// Finds the runs of `text` (words of two or more letters, none lowercase, separated by
    /// anything but letters and digits) and title-cases them.
    pub fn new(text: &str, gaz: &Gazetteer) -> Shouted {
        let mut runs = Vec::new();
        // The words of the run being read.
        let mut run: Vec<Range<usize>> = Vec::new();
        for w in shouted_words(text) {
            let joins = run
                .last()
                .is_some_and(|last| !text[last.end..w.start].chars().any(char::is_alphanumeric));
            if !joins {
                runs.extend(Run::of(text, &run, gaz));
                run.clear();
            }
            run.push(w);
        }
        runs.extend(Run::of(text, &run, gaz));
        Shouted { runs }
    }

    /// The leftmost-longest match in a run at or after byte `pos` that `keep` accepts,
    /// in either copy, with document offsets.
    pub fn find(
        &self,
        gaz: &Gazetteer,
        pos: usize,
        keep: impl Fn(&Match) -> bool,
    ) -> Option<Match> {
        let first = self
            .runs
            .partition_point(|r| r.start + r.titled.len() <= pos);
        self.runs[first..].iter().find_map(|r| {
            crate::work::add(1);
            let from = pos.saturating_sub(r.start);
            std::iter::once(&r.titled)
                .chain(&r.connected)
                .filter_map(|copy| first_kept(gaz, copy, from, r.start, &keep))
                .min_by_key(|m| (m.start(), std::cmp::Reverse(m.end())))
        })
    }
}

/// The first leftmost-longest match of `copy[from..]` that `keep` accepts, moved to `offset`.
fn first_kept(
    gaz: &Gazetteer,
    copy: &str,
    mut from: usize,
    offset: usize,
    keep: impl Fn(&Match) -> bool,
) -> Option<Match> {
    while from < copy.len() {
        crate::work::add(1);
        let m = gaz.leftmost_longest(copy, from)?;
        let m = m.offset(offset);
        if keep(&m) {
            return Some(m);
        }
        from = m.start() - offset + 1;
        while !copy.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

/// Byte ranges of the words of `text` in capitals: two or more letters (joined by inner apostrophes
/// and hyphens), none lowercase, no digit. Only the neighbourhood of two adjacent capitals (or
/// non-ASCII bytes) is looked at: sixty-four bytes are classified at once and the pairs among
/// them kept while the scan is inside them, and sixty-three passed over when none starts among
/// them, so ordinary text costs about one instruction per two bytes.
fn shouted_words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    words_in_capitals::<true>(text)
}

/// [`shouted_words`]; with `ASCII`, the pairs of capitals are found sixty-four bytes at a time and
/// a word of ASCII bytes is read from its bytes ([`ascii_word`]), else the text is stepped through
/// byte by byte and every word read from its characters (the definition, which tests compare with).
#[inline(always)]
fn words_in_capitals<const ASCII: bool>(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let capital = |b: u8| b.is_ascii_uppercase() || b >= 0x80;
    let mut i = 0;
    // The last block of sixty-four bytes classified: its start, and the pairs of capitals that
    // start among its first sixty-three bytes (bit k for the pair at start + k).
    let mut block: Option<(usize, u64)> = None;
    std::iter::from_fn(move || {
        while i + 1 < bytes.len() {
            // Straight to the first pair of capitals that starts at or after i among the block's
            // first sixty-three bytes, or past them when none does (the sixty-fourth may start
            // one); a block is classified when i leaves the last one.
            let pairs = match block {
                _ if !ASCII => None,
                Some((start, pairs)) if i - start < 63 && pairs >> (i - start) != 0 => {
                    Some(pairs >> (i - start))
                }
                // Blocks without a pair, most, are passed over in a loop of their own.
                _ => {
                    let (at, pairs) = next_capital_pairs(bytes, i)?;
                    i = at;
                    block = Some((at, pairs));
                    Some(pairs)
                }
            };
            if let Some(pairs) = pairs {
                i += pairs.trailing_zeros() as usize;
            }
            // Without a capital at i + 1 neither the pair at i nor the one at i + 1 matches: most
            // bytes are lower case, so the scan mostly steps two at a time.
            if !capital(bytes[i + 1]) {
                i += 2;
                continue;
            }
            if !capital(bytes[i]) {
                i += 1;
                continue;
            }
            if let Some((word_start, word_end)) = ascii_word(bytes, i).filter(|_| ASCII) {
                // The same word as the characters below read, from its bytes.
                i = word_end.max(i + 1);
                let raw = &bytes[word_start..word_end];
                // The pair of ASCII capitals at i is two letters of the word, which the joiners
                // trimmed off its ends are not, nor are they letters or digits: the word is in
                // capitals when its bytes hold no lower-case letter and no digit.
                if raw
                    .iter()
                    .any(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                {
                    continue;
                }
                let joiner = |b: &u8| matches!(b, b'\'' | b'-');
                let lead = raw.iter().take_while(|b| joiner(b)).count();
                let trail = raw[lead..].iter().rev().take_while(|b| joiner(b)).count();
                return Some(word_start + lead..word_end - trail);
            }
            let mut start = i;
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            // Two non-ASCII bytes may be punctuation ("“"), which starts no word.
            let c = text[start..].chars().next().unwrap_or(' ');
            if !c.is_alphabetic() {
                i = start + c.len_utf8();
                continue;
            }
            let (word_start, word_end) = word_around(text, start);
            i = word_end.max(i + 1);
            let joiner = |c: char| matches!(c, '\'' | '’' | '-');
            let raw = &text[word_start..word_end];
            let word = raw.trim_start_matches(joiner);
            let word_start = word_start + raw.len() - word.len();
            let word = word.trim_end_matches(joiner);
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            let shouted = letters >= 2 && !word.chars().any(|c| c.is_lowercase() || c.is_numeric());
            if shouted {
                return Some(word_start..word_start + word.len());
            }
        }
        None
    })
}

/// The word of letters, digits, apostrophes and hyphens around the character at byte `start`, as
/// `(start, end)` byte offsets.
fn word_around(text: &str, start: usize) -> (usize, usize) {
    let part = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-');
    let word_start = text[..start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| part(c))
        .last()
        .map_or(start, |(k, _)| k);
    let word_end = text[start..]
        .char_indices()
        .find(|&(_, c)| !part(c))
        .map_or(text.len(), |(k, _)| start + k);
    (word_start, word_end)
}

/// The word of ASCII letters, digits, apostrophes and hyphens around the ASCII capital at `i`
/// (`bytes[i]`), as `start..end`, when the bytes on either side of it are ASCII too (else the
/// characters there decide, and this is None).
#[inline]
fn ascii_word(bytes: &[u8], i: usize) -> Option<(usize, usize)> {
    if !bytes[i].is_ascii_uppercase() {
        return None;
    }
    let part = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'\'' | b'-');
    let start = bytes[..i]
        .iter()
        .rposition(|&b| !part(b))
        .map_or(0, |k| k + 1);
    let end = bytes[i..]
        .iter()
        .position(|&b| !part(b))
        .map_or(bytes.len(), |k| i + k);
    let ascii = |k: Option<&u8>| k.is_none_or(u8::is_ascii);
    (ascii(start.checked_sub(1).map(|k| &bytes[k])) && ascii(bytes.get(end)))
        .then_some((start, end))
}

/// Appends `word` title-cased: each hyphen-separated part capitalised and the rest in lower case,
/// or all in lower case when `keep_lower` (if given) says so of the part; after an apostrophe that follows a
/// single letter ("O'NEILL"), a capital. Characters whose case pair has another UTF-8 length are
/// kept as they are, so the copy stays aligned with the text.
fn title_case_into(word: &str, keep_lower: Option<impl Fn(&str) -> bool>, out: &mut String) {
    for (k, part) in word.split('-').enumerate() {
        if k > 0 {
            out.push('-');
        }
        if let Some(keep_lower) = &keep_lower {
            let lower: String = part.chars().map(same_len_lower).collect();
            if keep_lower(&lower) {
                out.push_str(&lower);
                continue;
            }
        }
        let mut capital_next = true;
        let mut letters = 0;
        for c in part.chars() {
            out.push(if capital_next { c } else { same_len_lower(c) });
            letters += usize::from(c.is_alphabetic());
            capital_next = matches!(c, '\'' | '’') && letters == 1;
        }
    }
}

fn same_len_lower(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::tests::sample;

    /// The text with every run replaced by its titled copy, and by its connected copy (None when
    /// no run has one).
    fn copies(text: &str) -> (String, Option<String>) {
        let s = Shouted::new(text, &sample());
        let (mut titled, mut connected) = (text.to_owned(), text.to_owned());
        for r in &s.runs {
            let span = r.start..r.start + r.titled.len();
            titled.replace_range(span.clone(), &r.titled);
            connected.replace_range(span, r.connected.as_ref().unwrap_or(&r.titled));
        }
        let any = s.runs.iter().any(|r| r.connected.is_some());
        (titled, any.then_some(connected))
    }

    fn copy(text: &str) -> String {
        copies(text).0
    }

    #[test]
    fn shouted_words_are_found_past_lower_case_text() {
        let text = "xx ab CD ef “gh” IJ-KL ÉCOLE O'NEILL x";
        let words: Vec<&str> = shouted_words(text).map(|r| &text[r]).collect();
        assert_eq!(words, ["CD", "IJ-KL", "ÉCOLE", "O'NEILL"]);
    }

    #[test]
    fn ascii_words_are_the_words_the_characters_give() {
        let mut rng = crate::testing::XorShift(0x5eed_0c4b);
        let alphabet = ["A", "B", "a", "7", "'", "-", " ", ",", "’", "É", "é", "_"];
        for _ in 0..3000 {
            let n = 1 + rng.step() % 14;
            let text: String = (0..n)
                .map(|_| alphabet[(rng.step() % alphabet.len() as u64) as usize])
                .collect();
            let bytes = text.as_bytes();
            for i in 0..bytes.len() {
                if let Some(word) = ascii_word(bytes, i) {
                    assert_eq!(word, word_around(&text, i), "at {i} of {text:?}");
                }
            }
            let words: Vec<_> = shouted_words(&text).collect();
            let by_characters: Vec<_> = words_in_capitals::<false>(&text).collect();
            assert_eq!(words, by_characters, "{text:?}");
        }
    }

    #[test]
    fn blocks_of_lower_case_text_are_passed_over_as_stepping_through_them_would() {
        let mut rng = crate::testing::XorShift(0x0b10_c4a5);
        let rare = ["A", "B", "'", "-", " ", ",", "’", "É", "é", "7"];
        for _ in 0..400 {
            let n = 1 + rng.step() % 300;
            // Mostly lower case, so that whole blocks hold no pair, and runs of capitals
            // straddle the blocks' ends anywhere.
            let text: String = (0..n)
                .map(|_| match rng.step() % 40 {
                    k @ 0..10 => rare[k as usize],
                    _ => "e",
                })
                .collect();
            let fast: Vec<_> = shouted_words(&text).collect();
            let stepped: Vec<_> = words_in_capitals::<false>(&text).collect();
            assert_eq!(fast, stepped, "{text:?}");
        }
    }

    #[test]
    fn runs_of_capitals_are_title_cased_in_place() {
        assert_eq!(copy("TEHRAN, Iran — NEW YORK"), "Tehran, Iran — New York");
        assert_eq!(
            copy("SOCCER - IRAN'S O'NEILL WINS F16 ÉCOLE"),
            "Soccer - Iran's O'Neill Wins F16 École"
        );
        assert_eq!(copy("A quiet line."), "A quiet line.");
        assert_eq!(
            copies("OF IRAN").1,
            None,
            "a run's first word keeps its capital"
        );
        let text = "İSTANBUL AND ÅLAND";
        assert_eq!(copy(text).len(), text.len());
        assert_eq!(
            copies("BEAT ISLAMIC REPUBLIC OF IRAN"),
            (
                "Beat Islamic Republic Of Iran".into(),
                Some("Beat Islamic Republic of Iran".into())
            )
        );
    }
}

#[cfg(test)]
mod matching {
    use crate::corpus::Document;
    use crate::gazetteer::tests::sample;

    #[test]
    fn names_in_capitals_are_found_acronyms_and_short_forms_stay_exact() {
        let g = sample();
        let text =
            "TEHRAN, Iran — THE ISLAMIC REPUBLIC OF IRAN AND ALI SMITH MET UN AND IAEA STAFF";
        let doc = Document::from_text("d".into(), "d".into(), text);
        let got: Vec<&str> = crate::mentions::find(&doc, &g)
            .iter()
            .map(|m| &text[m.range()])
            .collect();
        assert_eq!(
            got,
            [
                "TEHRAN",
                "Iran",
                "ISLAMIC REPUBLIC OF IRAN",
                "ALI SMITH",
                "UN",
                "IAEA"
            ]
        );
    }
}
