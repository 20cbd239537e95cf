//! Finding entity mentions with the gazetteer's trie.
//!
//! The trie proposes candidates (exact forms and their accepted capitalisations, see
//! [`crate::gazetteer::case_variants`], and in runs of capitals the forms of a title-cased copy, see
//! [`crate::shouted`]; leftmost-longest); this module decides which are real mentions:
//! whole words only, not inside page furniture, not the tail of another person's name, and no overlap
//! with another mention. When a candidate is rejected the scan resumes one
//! character after its start, so a rejected candidate never hides a valid one that starts later.
//! Since a candidate starting inside a word is always rejected, the forms as written are looked for
//! only where a word starts, by an anchored search there ([`Gazetteer::longest_at`]): the same
//! candidates an unanchored leftmost-longest scan would propose, without walking the trie over
//! every byte.

use crate::corpus::Document;
use crate::entity::EntityType;
use crate::gazetteer::{AliasKind, Gazetteer, Matched};
use crate::lexicon::{
    FAMILY_FIRST, FIRST_NAMES, LOCATIVES, NOT_NAMES, SURNAMES, SURNAME_PARTICLES, TITLES,
};
use crate::shouted::Shouted;
use crate::text::{
    ascii_words_among_sixteen, char_at, char_before, first_word, is_word_char, last_word,
    sixteen_at,
};
use aho_corasick::Match;
use rustc_hash::FxHashSet;
use std::fmt;
use std::ops::Range;

/// How a mention was recognised; written to the `how` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum How {
    /// The entity's canonical name.
    Name,
    /// A gazetteer alias.
    Alias,
    /// A demonym ("Iranian" → Iran).
    Demonym,
    /// A person's surname or shorter form, resolved to a full name in the same document.
    Surname,
    /// An acronym defined in parentheses in the same document.
    Acronym,
    /// A club's short form ("United"), resolved to a club named in full in the same document.
    ShortForm,
    /// Another occurrence of a name discovered by a rule elsewhere in the same document.
    Repeat,
    /// Discovered by the named rule of the `discover` stage.
    Rule(&'static str),
}

impl How {
    /// Every way but [`How::Rule`] (whose word is the rule's name), in declaration order (a new
    /// variant belongs here too: the tests that check every word read this list).
    pub const FIXED: [How; 7] = [
        How::Name,
        How::Alias,
        How::Demonym,
        How::Surname,
        How::Acronym,
        How::ShortForm,
        How::Repeat,
    ];

    /// The lowercase word used in CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            How::Name => "name",
            How::Alias => "alias",
            How::Demonym => "demonym",
            How::Surname => "surname",
            How::Acronym => "acronym",
            How::ShortForm => "short_form",
            How::Repeat => "repeat",
            How::Rule(name) => name,
        }
    }
}

impl fmt::Display for How {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One mention: a byte span of the document and the entity it refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// Entity index: a gazetteer entity or one discovered in the document (see
    /// [`crate::entity::DocEntities`]).
    pub entity: u32,
    /// How it was recognised.
    pub how: How,
}

impl Mention {
    /// The byte range of the mention.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// Finds all gazetteer mentions in a document, sorted by position, never overlapping.
pub fn find(doc: &Document, gaz: &Gazetteer) -> Vec<Mention> {
    find_at(doc, gaz, None)
}

/// [`find`], asking the trie for the forms as written only at `starts` when given: the word
/// starts of the document's paragraphs where a pattern may start (their first two bytes start
/// one, and their first five bytes a long one or their pair a short one), in order, as the token
/// pass lists them ([`crate::tokens::Tokens::name_starts`], given
/// [`Gazetteer::start_pairs`]). The places it leaves out start no pattern (a space; no pattern
/// starts with one) or only mentions that would be dropped (in page furniture, which
/// paragraphs leave out), so the mentions are those of [`find`].
pub fn find_at(doc: &Document, gaz: &Gazetteer, starts: Option<&[usize]>) -> Vec<Mention> {
    let text = doc.text.as_str();
    let shouted = Shouted::new(text, gaz);
    // The next candidate in text written in capitals, kept until the scan passes its start; once
    // there is none at or after some position there is none further on either, and the runs are
    // not searched again (searching them after every mention made long documents quadratic).
    let mut in_capitals: Option<Match> = None;
    let mut capitals_left = true;
    // About one mention to 64 bytes of news text.
    let mut out = Vec::with_capacity(text.len() / 64);
    // The indices in `out` of the mentions through ambiguous forms (few documents have any).
    let mut ambiguous = Vec::new();
    let mut pos = 0;
    // The first of `starts` not yet passed.
    let mut next_start = 0;
    while pos < text.len() {
        crate::work::add(1);
        if capitals_left && in_capitals.is_none_or(|m| m.start() < pos) {
            // Capitals stand for any capitalisation of the names that have one.
            in_capitals = shouted.find(gaz, pos, |m| !gaz.matched(m.pattern()).case_sensitive());
            capitals_left = in_capitals.is_some();
        }
        let as_written = match starts {
            Some(starts) => next_listed(text, gaz, starts, &mut next_start, pos),
            None => next_at_word_start(text, gaz, pos),
        };
        // Leftmost, then longest; the form as written on a tie.
        let m = match (as_written, in_capitals) {
            (Some(a), Some(c)) if (c.start(), a.end()) < (a.start(), c.end()) => c,
            (Some(a), _) => a,
            (None, Some(c)) => c,
            (None, None) => break,
        };
        let matched = gaz.matched(m.pattern());
        match accept(text, m.start(), m.end(), matched, gaz) {
            Some(end) if !doc.in_boilerplate(&(m.start()..end)) => {
                if matched.ambiguous() {
                    ambiguous.push(out.len());
                }
                out.push(Mention {
                    start: m.start(),
                    end,
                    entity: matched.entity,
                    how: match matched.kind {
                        AliasKind::Name => How::Name,
                        AliasKind::Alias => How::Alias,
                        AliasKind::Demonym => How::Demonym,
                    },
                });
                pos = end;
            }
            _ => pos = m.start() + char_at(text, m.start()).map_or(1, char::len_utf8),
        }
    }
    if !ambiguous.is_empty() {
        out = keep_supported(text, gaz, out, &ambiguous);
    }
    out
}

/// Merges `added` into `mentions`, both sorted by start, in place from the back: what `extend`
/// and a stable sort by start would make (a mention of `mentions` before one of `added` with the
/// same start), without the sort.
pub(crate) fn merge_sorted(mentions: &mut Vec<Mention>, added: &[Mention]) {
    let Some(&last) = added.last() else {
        return;
    };
    let mut old = mentions.len();
    mentions.resize(old + added.len(), last);
    let mut new = added.len();
    for k in (0..mentions.len()).rev() {
        if new == 0 {
            break;
        }
        if old > 0 && mentions[old - 1].start > added[new - 1].start {
            mentions[k] = mentions[old - 1];
            old -= 1;
        } else {
            mentions[k] = added[new - 1];
            new -= 1;
        }
    }
}

/// [`next_at_word_start`] asked only at the places of `starts` from `*next` on (which it moves past
/// those before `pos`).
fn next_listed(
    text: &str,
    gaz: &Gazetteer,
    starts: &[usize],
    next: &mut usize,
    pos: usize,
) -> Option<Match> {
    while starts.get(*next).is_some_and(|&k| k < pos) {
        *next += 1;
    }
    starts[*next..]
        .iter()
        .find_map(|&k| gaz.longest_at_listed(text, k))
}

/// The first match of a leftmost-longest scan from byte `pos` that starts a word: a
/// match starting inside a word is never a mention (see [`accept`]), so the trie is asked,
/// anchored, only where a word starts (the longest form starting there, as the scan would find it).
/// Sixteen bytes are classified at once: the places after the separators among their ASCII bytes
/// (up to the first beyond ASCII) are the word starts, and with SSSE3 those whose byte starts no
/// pattern ([`Gazetteer::first_bytes`]: most lowercase letters, most punctuation) are passed over
/// without asking.
fn next_at_word_start(text: &str, gaz: &Gazetteer, pos: usize) -> Option<Match> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("ssse3") {
        // SAFETY: the processor has SSSE3.
        return unsafe { next_at_word_start_ssse3(text, gaz, pos) };
    }
    word_starts::<false>(text, gaz, pos)
}

/// [`next_at_word_start`] compiled for SSSE3.
///
/// # Safety
/// The processor must have SSSE3.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "ssse3")]
unsafe fn next_at_word_start_ssse3(text: &str, gaz: &Gazetteer, pos: usize) -> Option<Match> {
    word_starts::<true>(text, gaz, pos)
}

/// The body of [`next_at_word_start`]; with `SSSE3` (only in a caller compiled for it) the word
/// starts are first narrowed to the bytes that start a pattern.
#[inline(always)]
fn word_starts<const SSSE3: bool>(text: &str, gaz: &Gazetteer, pos: usize) -> Option<Match> {
    let bytes = text.as_bytes();
    let mut in_word = char_before(text, pos).is_some_and(is_word_char);
    let mut i = pos;
    while i < bytes.len() {
        if let Some(chunk) = sixteen_at(bytes, i) {
            let (beyond, words) = ascii_words_among_sixteen(chunk);
            // The ASCII bytes before the first beyond ASCII (all sixteen when none is).
            let ascii = (beyond | 1 << 16).trailing_zeros();
            if ascii > 0 {
                let these = (1u32 << ascii) - 1;
                let separators = !words & these;
                // Byte k may start a word when byte k - 1 is a separator.
                let mut starts = (separators << 1 | u32::from(!in_word)) & these;
                #[cfg(target_arch = "x86_64")]
                if SSSE3 {
                    // SAFETY: only `next_at_word_start_ssse3` sets SSSE3.
                    starts &= unsafe { gaz.first_bytes().among_sixteen_ssse3(chunk) };
                }
                while starts != 0 {
                    if let Some(m) = gaz.longest_at(text, i + starts.trailing_zeros() as usize) {
                        return Some(m);
                    }
                    starts &= starts - 1;
                }
                in_word = separators >> (ascii - 1) & 1 == 0;
                i += ascii as usize;
                continue;
            }
        }
        // Beyond ASCII, or the last few bytes: one character.
        let b = bytes[i];
        let (word, len) = if b < 0x80 {
            (ASCII_WORD[usize::from(b)], 1)
        } else {
            let c = char_at(text, i).unwrap_or(' ');
            (is_word_char(c), c.len_utf8())
        };
        if !in_word {
            if let Some(m) = gaz.longest_at(text, i) {
                return Some(m);
            }
        }
        in_word = word;
        i += len;
    }
    None
}

/// ASCII bytes that are word characters ([`is_word_char`]): letters, digits and `_`.
const ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b as u8 == b'_';
        b += 1;
    }
    table
};

/// Drops mentions through ambiguous forms ("Jordan", "Chad") that nothing supports. A mention is
/// supported when the same document also names the entity unambiguously ("Jordan" after "the
/// Hashemite Kingdom of Jordan"), or, for a place, when a locative comes right before it ("in Jordan").
/// `ambiguous` holds the indices of the mentions through ambiguous forms.
fn keep_supported(
    text: &str,
    gaz: &Gazetteer,
    mentions: Vec<Mention>,
    ambiguous: &[usize],
) -> Vec<Mention> {
    let mut flags = vec![false; mentions.len()];
    for &k in ambiguous {
        flags[k] = true;
    }
    let sure: FxHashSet<u32> = mentions
        .iter()
        .zip(&flags)
        .filter(|(_, a)| !**a)
        .map(|(m, _)| m.entity)
        .collect();
    mentions
        .into_iter()
        .zip(&flags)
        .filter(|(m, a)| {
            !**a || sure.contains(&m.entity) || {
                let place = gaz.entities[m.entity as usize].kind == EntityType::Place;
                let before = text[..m.start]
                    .strip_suffix(' ')
                    .map(|r| last_word(r, char::is_alphabetic));
                place && before.is_some_and(|w| LOCATIVES.contains(w))
            }
        })
        .map(|(m, _)| m)
        .collect()
}

/// Checks a candidate; returns the mention's end (a demonym may grow a plural `s`).
fn accept(text: &str, start: usize, end: usize, alias: Matched, gaz: &Gazetteer) -> Option<usize> {
    if !is_word_start(text, start) {
        return None;
    }
    // A plural demonym: "Iranians", or "IRANIANS" in a headline.
    let plural = match char_at(text, end) {
        Some('s') => true,
        Some('S') => !text[start..end].chars().any(char::is_lowercase),
        _ => false,
    };
    let end = if alias.kind == AliasKind::Demonym && plural && is_word_end(text, end + 1) {
        end + 1
    } else {
        end
    };
    if !is_word_end(text, end) {
        return None;
    }
    if alias.single_word() {
        match alias.entity_kind {
            // "Melania Trump" is not Donald Trump: a bare surname alias needs no other name before it.
            EntityType::Person if preceded_by_other_name(text, start) => return None,
            // "Barbara Windsor", "Mr Cartagena", "Orlando Bloom": a place name inside a person's name.
            EntityType::Place if inside_person_name(text, start, end) => return None,
            // "Annie Lennox", "Nigel Worthington", "Da Vinci Code", "van der Linde": a company
            // (`kind=company`) named after a family is a person's name after a given name or a
            // name particle. Parties and governments are not ("Blair Labour's longest-serving PM").
            EntityType::Organization
                if after_given_name_or_particle(text, start)
                    && gaz.entities[alias.entity as usize]
                        .attributes()
                        .any(|kv| kv == ("kind", "company")) =>
            {
                return None;
            }
            _ => {}
        }
    }
    Some(end)
}

/// True when byte `i` starts a word (nothing word-like right before it). An ASCII character is
/// read from its byte; only one beyond ASCII is decoded.
#[inline]
pub fn is_word_start(text: &str, i: usize) -> bool {
    match i.checked_sub(1).map(|k| text.as_bytes()[k]) {
        None => true,
        Some(b) if b.is_ascii() => !is_ascii_word_byte(b),
        Some(_) => char_before(text, i).is_none_or(|c| !is_word_char(c)),
    }
}

/// True when byte `i` ends a word (nothing word-like right after it). An ASCII character is read
/// from its byte; only one beyond ASCII is decoded.
#[inline]
pub fn is_word_end(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => true,
        Some(&b) if b.is_ascii() => !is_ascii_word_byte(b),
        Some(_) => char_at(text, i).is_none_or(|c| !is_word_char(c)),
    }
}

/// [`is_word_char`] of an ASCII character, from its byte.
#[inline]
pub(crate) fn is_ascii_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The word of `part` characters that ends right before byte `start`, separated from it by exactly
/// one space (None: no such space; the word may be empty after punctuation).
fn word_before(text: &str, start: usize, part: impl Fn(char) -> bool) -> Option<&str> {
    text[..start]
        .strip_suffix(' ')
        .map(|rest| last_word(rest, part))
}

/// True when the word right before byte `start` (separated by one space) is a given name or a
/// surname particle, i.e. a one-word name at `start` is the end of a person's name.
fn after_given_name_or_particle(text: &str, start: usize) -> bool {
    word_before(text, start, is_word_char)
        .is_some_and(|w| FIRST_NAMES.contains_by_first(w) || SURNAME_PARTICLES.contains_by_first(w))
}

/// True when the one-word name at `start..end` is part of a person's name: right after a given name,
/// a family name written first ("Wang Donghai") or a title, or itself a given name right before a
/// known surname.
fn inside_person_name(text: &str, start: usize, end: usize) -> bool {
    // With its period, so "Dr." and "Gen." count as titles.
    let before = word_before(text, start, |c| is_word_char(c) || c == '.');
    // Mostly a lower-case word ("in"), which the lists' first bytes rule out.
    if before.is_some_and(|w| {
        FIRST_NAMES.contains_by_first(w)
            || FAMILY_FIRST.contains_by_first(w)
            || TITLES.contains_by_first(w)
    }) {
        return true;
    }
    // The word after it is read only for a given name (few places are one).
    FIRST_NAMES.contains(&text[start..end])
        && text[end..]
            .strip_prefix(' ')
            .map(|r| first_word(r, is_word_char))
            .is_some_and(|w| SURNAMES.contains(w))
}

/// True when the word right before byte `start` (separated by one space) is a capitalised word that
/// is not a title ("Melania Trump"), i.e. the candidate is the tail of some other name.
///
/// Punctuation in between ("Trump. Trump") means no name precedes. A capitalised word that starts a
/// sentence counts as a name unless it is a common sentence starter (`lexicons/not_names.txt`).
pub fn preceded_by_other_name(text: &str, start: usize) -> bool {
    let Some(word) = word_before(text, start, is_word_char) else {
        return false;
    };
    if !crate::tokens::is_capitalized(word) || TITLES.contains(word) {
        return false;
    }
    // Before the word and its one space.
    let prev = text[..start - 1 - word.len()].trim_end();
    let sentence_start =
        prev.is_empty() || prev.ends_with(['.', '!', '?', '"', '“', '”', ':', '(', '—']);
    !(sentence_start && NOT_NAMES.contains(word))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::gazetteer::tests::sample;

    #[test]
    fn merging_sorted_mentions_is_extending_and_sorting_stably() {
        // Starts drawn from a few values, so that both lists share some; the entity tells the
        // mentions apart.
        let mut rng = crate::testing::XorShift(7);
        let mut next = |n: u64| rng.step() % n;
        for round in 0..200 {
            let mut list = |len: u64, tag: u32| {
                let mut l: Vec<Mention> = (0..next(len))
                    .map(|k| {
                        let start = next(12) as usize;
                        Mention {
                            start,
                            end: start + 1,
                            entity: tag + k as u32,
                            how: How::Name,
                        }
                    })
                    .collect();
                l.sort_by_key(|m| m.start);
                l
            };
            let (mentions, added) = (list(8, 0), list(5, 100));
            let mut sorted = mentions.clone();
            sorted.extend_from_slice(&added);
            sorted.sort_by_key(|m| m.start);
            let mut merged = mentions;
            merge_sorted(&mut merged, &added);
            assert_eq!(merged, sorted, "round {round}");
        }
    }

    /// (text, entity id, how) of each mention, for tests of every stage that produces mentions.
    pub(crate) fn describe(
        doc: &Document,
        entities: crate::entity::DocEntities,
        mentions: &[Mention],
    ) -> Vec<(String, String, &'static str)> {
        mentions
            .iter()
            .map(|m| {
                (
                    doc.text[m.range()].to_owned(),
                    entities.get(m.entity).id.clone(),
                    m.how.as_str(),
                )
            })
            .collect()
    }

    fn found(text: &str) -> Vec<(String, String, &'static str)> {
        let g = sample();
        let mut doc = Document::from_text("t".into(), "t".into(), text);
        crate::boilerplate::furnish(&mut doc);
        let entities = crate::entity::DocEntities {
            known: &g.entities,
            found: &[],
        };
        describe(&doc, entities, &find(&doc, &g))
    }

    #[test]
    fn word_boundaries_possessives_and_hyphens() {
        let got = found("Iranian leaders in Iran’s capital discussed U.S.-Iran ties; Iran-aligned groups. Alice and Ali Smith.");
        let texts: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(
            texts,
            vec!["Iranian", "Iran", "U.S.", "Iran", "Iran", "Ali Smith"]
        );
        assert_eq!(got[0].1, "place:iran");
        assert_eq!(got[0].2, "demonym");
    }

    #[test]
    fn case_rules() {
        assert!(found("let us go to the un meeting").is_empty());
        let got = found("IRAN AND THE US; the New York Times; Israelis");
        let texts: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(texts, vec!["IRAN", "US", "the New York Times", "Israelis"]);
        assert_eq!(got[2].1, "organization:the-new-york-times");
    }

    #[test]
    fn other_persons_surname_is_not_a_match() {
        let got = found("President Trump met Melania Trump. Trump left.");
        let texts: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(texts, vec!["Trump", "Trump"]);
    }

    #[test]
    fn place_names_inside_person_names() {
        let got = found("Mr Tehran met Mary Tehran and Adelaide Smith in Tehran, then Adelaide.");
        let texts: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(texts, vec!["Tehran", "Adelaide"]);
    }

    #[test]
    fn ambiguous_forms_need_support() {
        use crate::gazetteer::HEADER_AMBIGUOUS;
        let tsv = format!(
            "{HEADER_AMBIGUOUS}\n\tplace\tJordan\tHashemite Kingdom of Jordan\t\t\tJordan\n\tplace\tIran\t\t\t\n"
        );
        let g = Gazetteer::from_sources(&[(std::path::PathBuf::from("a.tsv"), tsv)]).unwrap();
        let texts = |raw: &str| {
            let doc = Document::from_text("t".into(), "t".into(), raw);
            find(&doc, &g)
                .iter()
                .map(|m| doc.text[m.range()].to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(texts("Jordan scored for Iran."), vec!["Iran"]);
        assert_eq!(texts("Talks in Jordan went on."), vec!["Jordan"]);
        assert_eq!(
            texts("The Hashemite Kingdom of Jordan said Jordan would."),
            vec!["Hashemite Kingdom of Jordan", "Jordan"]
        );
    }

    #[test]
    fn company_names_inside_person_names() {
        use crate::gazetteer::HEADER;
        let tsv = format!(
            "{HEADER}\n\torganization\tLennox\t\t\tkind=company\n\torganization\tLabour\t\t\tkind=party\n"
        );
        let g = Gazetteer::from_sources(&[(std::path::PathBuf::from("a.tsv"), tsv)]).unwrap();
        let doc = Document::from_text(
            "t".into(),
            "t".into(),
            "Annie Lennox and the da Lennox show; Lennox shares rose. Blair Labour's leader.",
        );
        let got: Vec<(usize, &str)> = find(&doc, &g)
            .iter()
            .map(|m| (m.start, &doc.text[m.range()]))
            .collect();
        assert_eq!(got, vec![(37, "Lennox"), (63, "Labour")]);
    }

    #[test]
    fn word_start_search_is_the_scan_at_word_starts() {
        // From every position, the anchored search at word starts finds what the unanchored
        // leftmost-longest scan finds once its candidates inside words are passed over.
        let g = sample();
        let scan = |text: &str, mut pos: usize| {
            while pos < text.len() {
                let m = g.leftmost_longest(text, pos)?;
                if is_word_start(text, m.start()) {
                    return Some(m);
                }
                pos = m.start() + char_at(text, m.start()).map_or(1, char::len_utf8);
            }
            None
        };
        for text in [
            "Iranian leaders in Iran’s capital discussed U.S.-Iran ties; Iran-aligned groups.",
            "xIran éIran _Iran Iran_ 'Iran the New York Times, The New York Times",
            "In 2019 Iran1, 1Iran, “Iran” and Iran’s Tehran-Iran;Iran(Iran)Iran Iran",
            "Tehran",
            "Ali Smith met Ali, IRAN and Iranians in Adelaide.",
            "The long talks in the capital went on: Tehran—Iran, Iran…Iran; Ali Smith’s Iranx éIran.",
            "",
        ] {
            let found: Vec<_> = (0..=text.len())
                .filter(|&p| text.is_char_boundary(p))
                .map(|p| (p, next_at_word_start(text, &g, p), scan(text, p)))
                .collect();
            assert!(found.iter().any(|(_, a, _)| a.is_some()) || text.len() < 2);
            for (p, a, b) in found {
                assert_eq!(a, b, "{text}");
                // Without SSSE3 every word start is asked, with the same answers.
                assert_eq!(word_starts::<false>(text, &g, p), b, "{text}");
            }
        }
    }

    #[test]
    fn boilerplate_is_skipped() {
        let got = found("Back to Iran Vault / Permanent Record\nIran said.");
        assert_eq!(got.len(), 1);
    }
}
