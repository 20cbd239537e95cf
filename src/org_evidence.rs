//! Organisations named by one word, promoted by what the document says about them.
//!
//! "Pirelli" and "Toshiba" are found because a gazetteer lists them; most one-word organisations are
//! not listed. A lone capitalised word that no mention covers becomes an organisation when a phrase of
//! `lexicons/org_evidence.tsv` stands next to it somewhere in the document: after it ("Magna said in
//! a statement", "Cofinec's chief executive", "CFDT spokesman", for acronyms also "SDA said"), or
//! before it ("shares in Cofinec", "analysts at Mercantile"), or it follows a place's "-based" ("St.
//! Louis-based Mercantile"). Every other uncovered occurrence of the
//! word in the document is then a mention of the same organisation (rule `org_evidence`).
//!
//! The words are those of the document's sentences, read from its token table ([`crate::tokens`]):
//! page furniture, which has no sentences, gives no evidence and no mentions.
//! Most documents have no evidence next to any word that could be promoted, which the token table
//! tells first ([`may_promote`]); only the others make the document's words.
//!
//! A one-word person found only next to a speech verb ("the sum Ruch says") gives way to the
//! organisation. A word is never promoted when it is a given name, a title, a sentence starter or a
//! kind of body ("Commission", "Bank": org heads and patterns) (lexicons), the
//! last word of a person named in the document, written in lower case elsewhere in the document
//! ("Police spokesman" … "the police"), or part of a longer capitalised name, also one joined by a
//! coordinator ("Department for Education and Skills spokeswoman": not "Skills").

use crate::discover::Named;
use crate::entity::{DocEntities, EntityType};
use crate::gazetteer::Gazetteer;
use crate::lexicon::{
    tsv_rows, Bundled, FIRST_NAMES, NAME_COORDINATORS, NOT_ENTITIES, NOT_NAMES, ORG_HEADS,
    ORG_PATTERNS, TITLES,
};
use crate::mentions::{How, Mention};
use crate::text::{char_at, ASCII_ALPHANUMERIC};
use crate::tokens::{is_capitalized, Classes, Key, Shape, Tok, Tokens};
use once_cell::sync::Lazy;
use rustc_hash::{FxHashMap, FxHashSet};

/// The rule name recorded in `how` and `source`.
pub const RULE: &str = "org_evidence";

/// One evidence phrase of `lexicons/org_evidence.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The phrase's words, in lower case.
    pub words: Vec<String>,
    /// True when the phrase follows the word, false when it precedes it.
    pub after: bool,
    /// True when only an acronym may be promoted by it.
    pub acronym_only: bool,
}

/// The evidence phrases of `lexicons/org_evidence.tsv`.
pub static EVIDENCE: Bundled<Vec<Evidence>> =
    Bundled::new(|| parse(crate::lexicon::bundled("org_evidence.tsv")));

/// The evidence phrases by the word that stands next to the promoted word: the first word of a
/// phrase that follows it, the last word of one that precedes it. A lone word then looks up its two
/// neighbours instead of comparing every phrase.
struct PhraseIndex {
    /// Phrases (indices into [`EVIDENCE`]) by the key of their word next to the promoted word.
    by_word: FxHashMap<(Key, bool), Vec<usize>>,
    /// Phrases whose word next to the promoted word has no key (compared every time).
    unkeyed: Vec<usize>,
    /// The second-to-last words of the phrases that precede the promoted word, when each has
    /// two words at least ([`may_end_phrase_before`]).
    seconds: Option<SecondWords>,
}

/// The words that stand second to last in the evidence phrases before the promoted word
/// ("shares" of "shares in", "cent" of "per cent of"), in lower case, with the first bytes of
/// each length as bits: the word before a phrase's last word ("of", "in") is told from all of
/// them by its length and first byte, most of the time, and is otherwise compared with them.
struct SecondWords {
    words: Vec<String>,
    /// By the length in bytes (63 or more: the last), one bit for each first byte in ASCII lower
    /// case, by its five low bits.
    firsts: [u32; 64],
}

impl SecondWords {
    /// The words `words`, in lower case.
    fn new(words: Vec<String>) -> SecondWords {
        let mut firsts = [0; 64];
        for w in &words {
            if let Some(&b) = w.as_bytes().first() {
                firsts[w.len().min(63)] |= SecondWords::first_bit(b);
            }
        }
        SecondWords { words, firsts }
    }

    /// The bit of a word opening with the byte `b` (in any ASCII case) in [`SecondWords::firsts`].
    #[inline]
    fn first_bit(b: u8) -> u32 {
        1 << (b.to_ascii_lowercase() & 31)
    }

    /// Whether `word` is one of the words, ignoring ASCII case.
    #[inline]
    fn has(&self, word: &str) -> bool {
        word.as_bytes().first().is_some_and(|&b| {
            self.firsts[word.len().min(63)] & SecondWords::first_bit(b) != 0
                && self.words.iter().any(|w| w.eq_ignore_ascii_case(word))
        })
    }
}

static PHRASES: Lazy<PhraseIndex> = Lazy::new(|| {
    let mut index = PhraseIndex {
        by_word: FxHashMap::default(),
        unkeyed: Vec::new(),
        seconds: None,
    };
    let before: Vec<&Evidence> = EVIDENCE.iter().filter(|e| !e.after).collect();
    if before.iter().all(|e| e.words.len() >= 2) {
        let words = before
            .iter()
            .map(|e| e.words[e.words.len() - 2].clone())
            .collect();
        index.seconds = Some(SecondWords::new(words));
    }
    for (k, e) in EVIDENCE.iter().enumerate() {
        let next = if e.after {
            e.words.first()
        } else {
            e.words.last()
        };
        match next.and_then(|w| Key::of(w)) {
            Some(key) => index.by_word.entry((key, e.after)).or_default().push(k),
            None => index.unkeyed.push(k),
        }
    }
    index
});

/// Builds the evidence phrases and their index now (see [`crate::pipeline::prepare`]).
pub fn prepare() {
    Lazy::force(&PHRASES);
}

impl PhraseIndex {
    /// The phrases that may stand after (`after`) or before the promoted word, whose word next to
    /// it is `next`: every phrase whose neighbouring word equals `next` ignoring ASCII case is among
    /// them.
    fn candidates<'a>(&'a self, next: &str, after: bool) -> impl Iterator<Item = usize> + 'a {
        // A key folds ASCII case (and ’ to ', which no word of the document holds: words end at
        // apostrophes); a word without one matches no keyed phrase.
        let keyed = Key::of(next)
            .and_then(|k| self.by_word.get(&(k, after)))
            .map_or(&[][..], Vec::as_slice);
        keyed.iter().chain(&self.unkeyed).copied()
    }
}

/// Parses the evidence lexicon; errors name the line.
pub fn parse(source: &str) -> Result<Vec<Evidence>, crate::lexicon::LexiconError> {
    let file = "org_evidence.tsv";
    let mut out = Vec::new();
    for row in tsv_rows(file, source, 3) {
        let (line, f) = row?;
        let bad = |message: String| crate::lexicon::LexiconError {
            file,
            line,
            message,
        };
        let after = match f[1] {
            "after" => true,
            "before" => false,
            other => return Err(bad(format!("side {other:?} must be after or before"))),
        };
        let acronym_only = match f[2] {
            "any" => false,
            "acronym" => true,
            other => return Err(bad(format!("words {other:?} must be any or acronym"))),
        };
        if f[0].chars().any(char::is_uppercase) {
            return Err(bad(format!("phrase {:?} must be in lower case", f[0])));
        }
        out.push(Evidence {
            words: f[0].split_whitespace().map(str::to_owned).collect(),
            after,
            acronym_only,
        });
    }
    Ok(out)
}

/// A word of the document: its byte span and its lexicon classes ([`crate::word_classes`]), in 12
/// bytes (a 5 MB document has about a million words).
#[derive(Debug, Clone, Copy)]
struct Word {
    /// Start byte offset (a text is at most [`crate::pipeline::MAX_TEXT_BYTES`] long).
    from: u32,
    /// End byte offset (exclusive).
    to: u32,
    classes: Classes,
}

impl Word {
    /// The word of `start..end`.
    #[inline]
    fn new(start: usize, end: usize, classes: Classes) -> Word {
        Word {
            from: start as u32,
            to: end as u32,
            classes,
        }
    }

    /// Its start byte offset.
    #[inline]
    fn start(&self) -> usize {
        self.from as usize
    }

    /// Its end byte offset (exclusive).
    #[inline]
    fn end(&self) -> usize {
        self.to as usize
    }
}

/// Whether the word `w` starts with an upper-case letter ([`is_capitalized`]).
#[inline]
fn capitalised_at(text: &str, w: &Word) -> bool {
    is_capitalized(&text[w.start()..])
}

/// The words of the document, from its token table (see [`crate::tokens`]): a plain token is a word
/// (without a final abbreviation period: "U.S." is "U.S"); the few others are read again by
/// [`words_of`], which splits "Magna's" into "Magna" and "s". With them, the indices of the words
/// that start with a capital, which are all the rules look at first.
fn words(text: &str, table: &Tokens) -> (Vec<Word>, Vec<usize>) {
    let mut out = Vec::with_capacity(table.toks.len());
    let mut caps = Vec::with_capacity(table.toks.len() / 4);
    for t in table.toks.iter().filter(|t| t.word) {
        if t.shape.has(Shape::PLAIN) {
            // The token's shape is its word's: they start together; so are its classes, unless
            // the word leaves the token's final period out.
            let (end, classes) = if text.as_bytes()[t.end - 1] == b'.' {
                let end = t.end - 1;
                (end, crate::word_classes::at(text, t.start, end))
            } else {
                (t.end, t.classes)
            };
            if t.capitalised() {
                caps.push(out.len());
            }
            out.push(Word::new(t.start, end, classes));
        } else {
            let from = out.len();
            words_of(&text[t.range()], t.start, &mut out);
            for w in &mut out[from..] {
                w.classes = crate::word_classes::at(text, w.start(), w.end());
            }
            caps.extend((from..out.len()).filter(|&i| capitalised_at(text, &out[i])));
        }
    }
    (out, caps)
}

/// Pushes the words of `text` (a token starting at byte `from` of the document): runs of letters and
/// digits joined by inner hyphens, periods and ampersands ("Mercedes-Benz", "AT&T"); an apostrophe
/// ends a word, so a possessive "'s" is a word of its own ("s"). Their classes are left to the
/// caller.
fn words_of(text: &str, from: usize, out: &mut Vec<Word>) {
    let bytes = text.as_bytes();
    /// Whether the char at `i` is a letter or digit, and its length (0 at the end).
    #[inline(always)]
    fn alnum_at(text: &str, i: usize) -> (bool, usize) {
        match text.as_bytes().get(i) {
            Some(&b) if b.is_ascii() => (ASCII_ALPHANUMERIC[usize::from(b)], 1),
            Some(_) => char_at(text, i).map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8())),
            None => (false, 0),
        }
    }
    let mut start = None;
    let mut i = 0;
    while i < bytes.len() {
        let (alnum, len) = alnum_at(text, i);
        let joins = !alnum
            && start.is_some()
            && matches!(bytes[i], b'-' | b'.' | b'&')
            && alnum_at(text, i + 1).0;
        if alnum || joins {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(Word::new(from + s, from + i, Classes::NONE));
        }
        i += len;
    }
    if let Some(s) = start {
        out.push(Word::new(from + s, from + text.len(), Classes::NONE));
    }
}

/// The places just inside the document's opening parentheses ("(BNP" or "( BNP"), by their first two
/// bytes, so that each promoted word is tested at the parentheses it may open only (a long document
/// has thousands of parentheses and may promote hundreds of words).
struct Parens {
    /// Byte offset of the parenthesis and of the text it opens (after one space, if any), keyed by
    /// that text's first two bytes.
    by_start: FxHashMap<[u8; 2], Vec<(usize, usize)>>,
}

impl Parens {
    fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut by_start: FxHashMap<[u8; 2], Vec<(usize, usize)>> = FxHashMap::default();
        for at in memchr::memchr_iter(b'(', bytes) {
            let mut add = |from: usize| {
                if let Some(&[a, b]) = bytes.get(from..from + 2) {
                    by_start.entry([a, b]).or_default().push((at, from));
                }
            };
            add(at + 1);
            if bytes.get(at + 1) == Some(&b' ') {
                add(at + 2);
            }
        }
        Parens { by_start }
    }

    /// Whether the acronym `w` (two bytes at least) is spelt out in the document right after a
    /// mention ("British National Party (BNP)"): then [`crate::resolve`] resolves it to that name.
    fn define(&self, text: &str, w: &str, mentions: &[Mention], entities: &DocEntities) -> bool {
        let Some(&[a, b]) = w.as_bytes().get(..2) else {
            return false;
        };
        let Some(places) = self.by_start.get(&[a, b]) else {
            return false;
        };
        places.iter().any(|&(at, from)| {
            text[from..].starts_with(w) && {
                let before = text[..at].trim_end_matches(' ').len();
                // As crate::resolve reads them.
                mentions.iter().any(|m| {
                    m.end == before
                        && crate::resolve::acronym_fits(
                            w,
                            entities.get(m.entity).kind,
                            &text[m.range()],
                        )
                })
            }
        })
    }
}

/// `bytes` without the spaces at either end.
fn trim_spaces(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != b' ').unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|&b| b != b' ')
        .map_or(start, |e| e + 1);
    &bytes[start..end]
}

/// Two to six capital letters ("SDA", "CFDT").
pub(crate) fn is_acronym(w: &str) -> bool {
    (2..=6).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase())
}

/// Whether `w` holds two characters at least; a word opening with an ASCII byte does when it has
/// two bytes.
fn two_chars(w: &str) -> bool {
    match w.as_bytes() {
        [first, _, ..] if first.is_ascii() => true,
        _ => w.chars().nth(1).is_some(),
    }
}

/// Whether the mention `m` is a one-word person found only by standing next to a speech verb ("the
/// sum Ruch says"): weaker evidence than the organisation's, which it gives way to.
fn weak(text: &str, m: &Mention) -> bool {
    m.how == How::Rule(crate::discover::Rule::Speaker.name()) && !text[m.range()].contains(' ')
}

/// Whether no mention of the sorted `mentions` but a [`weak`] one covers the word `start..end`, the
/// next of the capitalised words asked in document order: `k` walks the mentions along to the first
/// that ends after the word starts.
#[inline]
fn open_word(text: &str, mentions: &[Mention], k: &mut usize, start: usize, end: usize) -> bool {
    while *k < mentions.len() && mentions[*k].end <= start {
        *k += 1;
    }
    !mentions
        .get(*k)
        .is_some_and(|m| m.start < end && !weak(text, m))
}

/// Whether the word `w` names where something is based ("St. Louis-based").
fn based(w: &str) -> bool {
    w.len() > 6
        && w.is_char_boundary(w.len() - 6)
        && w[w.len() - 6..].eq_ignore_ascii_case("-based")
}

/// Whether the bytes from `a` to `b` are spaces, one at least: what stands between two words of an
/// evidence phrase, and between it and the promoted word.
#[inline]
fn spaces_between(text: &str, a: usize, b: usize) -> bool {
    a < b && text.as_bytes()[a..b].iter().all(|&c| c == b' ')
}

/// Whether the token `t` is a word that is one word of [`words`] from its start to its end: a plain
/// token without a final period.
#[inline]
fn whole_word(text: &str, t: &Tok) -> bool {
    t.word && t.shape.has(Shape::PLAIN) && text.as_bytes()[t.end - 1] != b'.'
}

/// The first (`last` false) or last word of [`words`] that the word token `t` holds, with its
/// classes, if any: the token itself (without a final period) when it is plain, else read again by
/// [`words_of`] into `buf`.
fn edge_word(text: &str, t: &Tok, last: bool, buf: &mut Vec<Word>) -> Option<Word> {
    if t.shape.has(Shape::PLAIN) {
        return Some(if text.as_bytes()[t.end - 1] == b'.' {
            Word::new(
                t.start,
                t.end - 1,
                crate::word_classes::at(text, t.start, t.end - 1),
            )
        } else {
            Word::new(t.start, t.end, t.classes)
        });
    }
    buf.clear();
    words_of(&text[t.range()], t.start, buf);
    let w = if last { buf.last() } else { buf.first() }?;
    Some(Word {
        classes: crate::word_classes::at(text, w.start(), w.end()),
        ..*w
    })
}

/// Whether the evidence phrase `phrase` may follow: its first word is `first`, the first word of
/// the token `toks[y]`, and the rest is read on over the tokens after it. Where a token is not
/// one whole word ([`whole_word`]) the phrase is taken to follow, so that no phrase [`promote`]
/// finds is missed.
fn may_follow(text: &str, toks: &[Tok], y: usize, first: &Word, phrase: &[String]) -> bool {
    if !text[first.start()..first.end()].eq_ignore_ascii_case(&phrase[0]) {
        return false;
    }
    if phrase.len() > 1 && !whole_word(text, &toks[y]) {
        return true;
    }
    for (j, p) in phrase.iter().enumerate().skip(1) {
        let Some(q) = toks.get(y + j) else {
            return false;
        };
        if !q.word || !spaces_between(text, toks[y + j - 1].end, q.start) {
            return false;
        }
        if !whole_word(text, q) {
            return true;
        }
        if !text[q.range()].eq_ignore_ascii_case(p) {
            return false;
        }
    }
    true
}

/// Whether the evidence phrase `phrase` may precede: its last word is `last`, the last word of the
/// token `toks[p]`, and the rest is read back over the tokens before it, as [`may_follow`] reads
/// on.
fn may_precede(text: &str, toks: &[Tok], p: usize, last: &Word, phrase: &[String]) -> bool {
    let n = phrase.len();
    if !text[last.start()..last.end()].eq_ignore_ascii_case(&phrase[n - 1]) {
        return false;
    }
    if n > 1 && !whole_word(text, &toks[p]) {
        return true;
    }
    for j in 1..n {
        let Some(q) = p.checked_sub(j).map(|x| &toks[x]) else {
            return false;
        };
        if !q.word || !spaces_between(text, q.end, toks[p - j + 1].start) {
            return false;
        }
        if !whole_word(text, q) {
            return true;
        }
        if !text[q.range()].eq_ignore_ascii_case(&phrase[n - 1 - j]) {
            return false;
        }
    }
    true
}

/// Whether an evidence phrase before the promoted word may end with the word token `toks[p]`
/// (whose last word is a phrase's last word, "of"), for all the token before it tells: when every
/// such phrase has two words at least, as [`may_precede`] reads them, a word stands before it,
/// spaces only between, that is a phrase's second-to-last word ("shares", [`SecondWords`]) or
/// not one whole word ([`whole_word`]: it may hold one). A token that is not one whole word
/// itself may end any phrase. Most words that end a phrase ("of", "in", "at") are told here
/// without their phrases.
#[inline]
fn may_end_phrase_before(text: &str, toks: &[Tok], p: usize) -> bool {
    let Some(seconds) = &PHRASES.seconds else {
        return true;
    };
    if !whole_word(text, &toks[p]) {
        return true;
    }
    let Some(q) = p.checked_sub(1).map(|k| &toks[k]) else {
        return false;
    };
    q.word
        && spaces_between(text, q.end, toks[p].start)
        && (!whole_word(text, q) || seconds.has(&text[q.range()]))
}

/// Whether the word starting at byte `start` opens a sentence, as far as its text tells (a period,
/// a line break, a colon, a question or exclamation mark before it, but for spaces and quotes).
fn opens_sentence(text: &str, start: usize) -> bool {
    text[..start]
        .trim_end_matches([' ', '"', '“'])
        .ends_with(['.', '\n', ':', '?', '!'])
}

/// Whether the word `w` may be promoted for all its letters tell: not a given name (but for an
/// acronym), a sentence starter, a word that names nothing, a title or a kind of body (org heads
/// and patterns).
fn may_name(w: &str) -> bool {
    (is_acronym(w) || !FIRST_NAMES.contains(w))
        && !NOT_NAMES.contains(w)
        && !NOT_ENTITIES.contains(w)
        && !TITLES.contains(w)
        && !ORG_HEADS.contains(w)
        && !ORG_PATTERNS.contains(w)
}

/// Whether an evidence phrase or a "-based" may stand next to the capitalised word `start..end`
/// of the token `toks[x]`, as [`promote`] reads evidence: right before the word when it opens its
/// token, right after it when it ends its token (or after its possessive "'s", which ends at
/// `possessive` when it is in the same token). `first`: the word is the document's first. A word
/// that opens a sentence has none, unless it is an acronym or has a possessive.
fn may_be_evident_at(
    text: &str,
    toks: &[Tok],
    x: usize,
    (start, end): (usize, usize),
    (possessive, first): (Option<usize>, bool),
    buf: &mut Vec<Word>,
) -> bool {
    let t = &toks[x];
    let acronym = is_acronym(&text[start..end]);
    // Where the evidence after it may start: after the word, or after its possessive.
    let (from, y) = match possessive {
        Some(s) => (s, (s == t.end).then_some(x + 1)),
        None if end != t.end => (end, None),
        // "Ruch 's": an apostrophe and an "s" of their own.
        None => match (toks.get(x + 1), toks.get(x + 2)) {
            (Some(a), Some(s)) if !a.word && s.word => match edge_word(text, s, false, buf) {
                Some(w)
                    if &text[w.start()..w.end()] == "s"
                        && matches!(text[end..w.start()].trim(), "'" | "’") =>
                {
                    (w.end(), (w.end() == s.end).then_some(x + 3))
                }
                _ => (end, Some(x + 1)),
            },
            _ => (end, Some(x + 1)),
        },
    };
    if !acronym && from == end && (first || opens_sentence(text, start)) {
        return false;
    }
    let fits = |k: &usize| acronym || !EVIDENCE[*k].acronym_only;
    // Before it: the last word of the token before, spaces only between.
    if start == t.start && x > 0 {
        let p = &toks[x - 1];
        if p.word && spaces_between(text, p.end, start) {
            if let Some(last) = edge_word(text, p, true, buf).filter(|w| w.end() == p.end) {
                let w = &text[last.start()..last.end()];
                if based(w)
                    || last.classes.has(Classes::EVIDENCE_BEFORE)
                        && may_end_phrase_before(text, toks, x - 1)
                        && PHRASES
                            .candidates(w, false)
                            .filter(fits)
                            .any(|k| may_precede(text, toks, x - 1, &last, &EVIDENCE[k].words))
                {
                    return true;
                }
            }
        }
    }
    // After it: the first word of the token after, spaces only between.
    let Some(y) = y else {
        return false;
    };
    let Some(n) = toks
        .get(y)
        .filter(|n| n.word && spaces_between(text, from, n.start))
    else {
        return false;
    };
    let Some(first) = edge_word(text, n, false, buf).filter(|w| w.start() == n.start) else {
        return false;
    };
    (first.classes.has(Classes::EVIDENCE_AFTER)
        || acronym && first.classes.has(Classes::EVIDENCE_AFTER_ACRONYM))
        && PHRASES
            .candidates(&text[first.start()..first.end()], true)
            .filter(fits)
            .any(|k| may_follow(text, toks, y, &first, &EVIDENCE[k].words))
}

/// Whether the tokens around the plain capitalised token `toks[x]` may hold evidence for it, by
/// their bits alone: a word token before it that may end an evidence phrase
/// ([`may_be_evidence_before`]), or a token after it that may start one
/// ([`may_be_evidence_after`]). Most capitalised words have none, and [`may_be_evident_at`] is
/// not asked.
#[inline]
fn may_have_evidence(text: &str, toks: &[Tok], x: usize) -> bool {
    x.checked_sub(1)
        .is_some_and(|k| may_be_evidence_before(text, toks, k))
        || toks
            .get(x + 1)
            .is_some_and(|n| may_be_evidence_after(text, n, || is_acronym(&text[toks[x].range()])))
}

/// Whether the token `toks[k]` may hold evidence for a capitalised word right after it, by its
/// bits: a word that an evidence phrase may end with (by its class, and by the word before it:
/// [`may_end_phrase_before`]), that may end in "-based", or that is not plain (it may hold
/// anything). Every such token is an evidence site ([`Tokens::evidence_sites`]).
#[inline]
fn may_be_evidence_before(text: &str, toks: &[Tok], k: usize) -> bool {
    let p = &toks[k];
    p.word
        && (!p.shape.has(Shape::PLAIN)
            || p.classes.has(Classes::EVIDENCE_BEFORE) && may_end_phrase_before(text, toks, k)
            || crate::tokens::may_end_based(text.as_bytes(), p.start, p.end))
}

/// Whether the token `n` may hold evidence for a capitalised word right before it, by its bits: a
/// word that an evidence phrase may start with (a phrase for acronyms only when `acronym` says
/// the word is one: "SDA said", not "Brown said"), that ends with a period, which [`words`]
/// leaves out, or that is not plain; or an apostrophe. Every such token is an evidence site
/// ([`Tokens::evidence_sites`]).
#[inline]
fn may_be_evidence_after(text: &str, n: &Tok, acronym: impl FnOnce() -> bool) -> bool {
    if n.word {
        !n.shape.has(Shape::PLAIN)
            || n.classes.has(Classes::EVIDENCE_AFTER)
            // As `may_be_evident_at` reads the word after a token without a final period (after
            // one, it reads no evidence after the word).
            || n.classes.has(Classes::EVIDENCE_AFTER_ACRONYM) && acronym()
            || text.as_bytes()[n.end - 1] == b'.'
    } else {
        n.is_mark(&APOSTROPHES)
    }
}

/// Whether the plain capitalised token `toks[x]` stands next to another capitalised word, spaces
/// only between (but for a sentence starter or a "-based" before it): then its word is part of a
/// longer name, which [`promote`] does not promote ("Royal Mail shares").
#[inline]
fn in_capitalised_run(text: &str, toks: &[Tok], x: usize) -> bool {
    let t = &toks[x];
    let capitalised_word = |n: &Tok| n.word && n.shape.has(Shape::PLAIN) && n.capitalised();
    toks.get(x + 1).is_some_and(|n| {
        capitalised_word(n) && whole_word(text, t) && spaces_between(text, t.end, n.start)
    }) || x.checked_sub(1).map(|k| &toks[k]).is_some_and(|p| {
        capitalised_word(p)
            && whole_word(text, p)
            && spaces_between(text, p.end, t.start)
            && !NOT_NAMES.contains(&text[p.range()])
            && !based(&text[p.range()])
    })
}

/// Whether `token` has an upper-case letter in it, which every word of it that [`is_capitalized`]
/// opens with: an ASCII one told by its byte, one beyond ASCII by decoding the token.
#[inline]
fn may_hold_capital(token: &str) -> bool {
    token.bytes().any(|b| b.is_ascii_uppercase())
        || !token.is_ascii() && token.chars().any(char::is_uppercase)
}

/// The marks of a possessive's apostrophe standing apart ("Ruch 's").
const APOSTROPHES: [crate::tokens::Punct; 2] = [
    crate::tokens::Punct::of('\''),
    crate::tokens::Punct::of('’'),
];

/// Whether [`promote`] may promote a word of the document, read off the token table `toks`
/// without making the document's words: some capitalised word that no mention but a weak one
/// covers (found as [`promote`] finds them) has an evidence phrase or a "-based" next to it
/// ([`may_be_evident_at`]), stands alone ([`in_capitalised_run`]) and may be promoted for all
/// its letters tell ([`may_name`]). Where a
/// token holds other than one word, the test gives way, so that it is false only where
/// [`promote`] promotes nothing.
///
/// Only the capitalised words and the words that are not plain can be promoted or hold a word
/// that can (the table's capitals, [`Tokens::capitals`]), and of those only the words that are
/// not plain, which are evidence sites ([`Tokens::evidence_sites`]), and the plain ones beside a
/// site that may hold evidence on their side: a plain capitalised word has evidence by
/// [`may_have_evidence`] only from a token before it that [`may_be_evidence_before`] or one after
/// it that [`may_be_evidence_after`], and each such token is a site. Those are all the test
/// visits, in order, each once.
fn may_promote(text: &str, table: &Tokens, mentions: &[Mention]) -> bool {
    // A phrase without a key has no class to find it by.
    if !PHRASES.unkeyed.is_empty() {
        return true;
    }
    let toks = &table.toks[..];
    let mut gate = Gate::new(text, toks, mentions);
    // The first token that may still be visited: the sites are in order, and so are the tokens
    // each visits (the one before it, itself, the one after it), so each token is visited once at
    // most, in order.
    let mut next = 0;
    for j in table.evidence_sites.iter().map(|s| s.index()) {
        let site = &toks[j];
        // A plain capital has evidence only from a site beside it that may hold evidence on its
        // side ([`may_have_evidence`]): the capital before a site is visited only when the site
        // may be evidence after a word, the capital after it only when it may be evidence before
        // one (asked last: [`may_end_phrase_before`] reads on). A site that is not plain is
        // visited itself.
        if j > next
            && is_capital(&toks[j - 1])
            && may_be_evidence_after(text, site, || is_acronym(&text[toks[j - 1].range()]))
            && gate.may_promote_at(j - 1, true)
        {
            return true;
        }
        if j >= next
            && !site.shape.has(Shape::PLAIN)
            && is_capital(site)
            && gate.may_promote_at(j, false)
        {
            return true;
        }
        // The site itself is visited, or left to the site after it when it is plain.
        if !site.shape.has(Shape::PLAIN) {
            next = next.max(j + 1);
        }
        if toks.get(j + 1).is_some_and(is_capital) && may_be_evidence_before(text, toks, j) {
            if gate.may_promote_at(j + 1, true) {
                return true;
            }
            next = j + 2;
        }
    }
    false
}

/// Whether the token `t` is one of the table's capitals ([`Tokens::capitals`]): capitalised, or a
/// word that is not plain.
#[inline]
fn is_capital(t: &Tok) -> bool {
    t.capitalised() || t.shape.has(Shape::OTHER_WORD)
}

/// [`may_promote`]'s test of each capital it visits, with what it keeps from one to the next:
/// the mention the walk along the mentions has come to, and room for words.
struct Gate<'a> {
    text: &'a str,
    toks: &'a [Tok],
    mentions: &'a [Mention],
    /// The document's first word, which has no evidence before it.
    first: Option<usize>,
    /// The first mention that may cover a word not yet asked ([`open_word`]).
    k: usize,
    /// The words of a token that is not plain.
    inner: Vec<Word>,
    /// Room for [`may_be_evident_at`].
    buf: Vec<Word>,
}

impl<'a> Gate<'a> {
    /// The test of the capitals of `toks`, a document's tokens of `text`, whose mentions are
    /// `mentions`.
    fn new(text: &'a str, toks: &'a [Tok], mentions: &'a [Mention]) -> Gate<'a> {
        Gate {
            text,
            toks,
            mentions,
            first: toks.iter().position(|t| t.word),
            k: 0,
            inner: Vec::new(),
            buf: Vec::new(),
        }
    }

    /// Whether the capital `toks[x]` ([`is_capital`]) is or holds a word that [`promote`] may
    /// promote, as [`may_promote`] tells; asked of the capitals in order. `evident`: a token
    /// beside it is known to may hold evidence for it ([`may_have_evidence`], asked otherwise).
    #[inline]
    fn may_promote_at(&mut self, x: usize, evident: bool) -> bool {
        let (text, toks, mentions) = (self.text, self.toks, self.mentions);
        let may_name = |w: &str| two_chars(w) && !w.contains('.') && may_name(w);
        let t = &toks[x];
        let was_first = self.first == Some(x);
        if t.shape.has(Shape::PLAIN) {
            if !(evident || may_have_evidence(text, toks, x)) || in_capitalised_run(text, toks, x) {
                return false;
            }
            let end = if text.as_bytes()[t.end - 1] == b'.' {
                t.end - 1
            } else {
                t.end
            };
            // Asked of the capitalised words in order, but not of all of them: the walk along
            // the mentions skips those before the word either way.
            let at = (None, was_first);
            open_word(text, mentions, &mut self.k, t.start, end)
                && may_be_evident_at(text, toks, x, (t.start, end), at, &mut self.buf)
                && may_name(&text[t.start..end])
        } else {
            // Only a token with a capital letter in it holds a capitalised word ("don't",
            // "1,000" hold none).
            if !may_hold_capital(&text[t.range()]) {
                return false;
            }
            let inner = &mut self.inner;
            inner.clear();
            words_of(&text[t.range()], t.start, inner);
            for (n, w) in inner.iter().enumerate() {
                if !capitalised_at(text, w)
                    || !open_word(text, mentions, &mut self.k, w.start(), w.end())
                {
                    continue;
                }
                let possessive = inner
                    .get(n + 1)
                    .filter(|s| {
                        &text[s.start()..s.end()] == "s"
                            && matches!(text[w.end()..s.start()].trim(), "'" | "’")
                    })
                    .map(|s| s.end());
                let at = (possessive, was_first && n == 0);
                if may_be_evident_at(text, toks, x, (w.start(), w.end()), at, &mut self.buf)
                    && may_name(&text[w.start()..w.end()])
                {
                    return true;
                }
            }
            false
        }
    }
}

/// Promotes lone capitalised words to organisations by the document's evidence (see the module
/// documentation). `mentions` are the document's, sorted; the new mentions are merged into them.
// Kept out of line, so that a profile shows it as a step of discovery of its own.
#[inline(never)]
pub(crate) fn promote(
    text: &str,
    table: &Tokens,
    gaz: &Gazetteer,
    named: &mut Named,
    mentions: &mut Vec<Mention>,
) {
    // Most documents have no evidence next to any word that could be promoted, which the token
    // table tells without making the document's words ([`may_promote`]). The unit tests make the
    // words anyway and check that nothing is promoted where the table said so.
    let may = may_promote(text, table, mentions);
    if !may && !cfg!(test) {
        return;
    }
    let (words, caps) = words(text, table);
    let weak = |m: &Mention| weak(text, m);
    // Only a capitalised word that no mention covers can be promoted: the rules below look at those
    // and their neighbours. Which words a mention covers is found by walking both sorted lists.
    let mut k = 0;
    let open: Vec<usize> = caps
        .into_iter()
        .filter(|&i| open_word(text, mentions, &mut k, words[i].start(), words[i].end()))
        .collect();
    // A lone word: uncovered, capitalised, and no capitalised word right beside it (but for a
    // sentence starter before it: "The SDA said").
    // "Douglas & Lomason", "McDonald & Co": an ampersand joins names too.
    let joined = |a: usize, b: usize| {
        let gap = &text.as_bytes()[words[a].end()..words[b].start()];
        gap.first() == Some(&b' ') && matches!(trim_spaces(gap), b"" | b"&")
    };
    let word = |i: usize| &text[words[i].start()..words[i].end()];
    let based = |i: usize| based(word(i));
    // Asked of capitalised words no mention covers only (`open`).
    let lone = |i: usize| {
        let w = word(i);
        two_chars(w)
            && !w.bytes().any(|b| b == b'.')
            && !(i > 0
                && joined(i - 1, i)
                && is_capitalized(word(i - 1))
                && !NOT_NAMES.contains(word(i - 1))
                && !based(i - 1))
            && !(i + 1 < words.len() && joined(i, i + 1) && is_capitalized(word(i + 1)))
    };
    // The phrase's words at `from`, separated by spaces only, as is the gap from `word` to them.
    let spaced = |a: usize, b: usize| {
        let gap = &text[words[a].end()..words[b].start()];
        !gap.is_empty() && gap.bytes().all(|c| c == b' ')
    };
    let phrase_at = |from: usize, phrase: &[String], word: usize| {
        phrase.len() <= words.len().saturating_sub(from)
            && phrase
                .iter()
                .zip(&words[from..])
                .all(|(p, w)| text[w.start()..w.end()].eq_ignore_ascii_case(p))
            && (from..from + phrase.len() - 1).all(|k| spaced(k, k + 1))
            && if from > word {
                spaced(from - 1, from)
            } else {
                spaced(from + phrase.len() - 1, word)
            }
    };
    // Evidence stands only next to a word that an evidence phrase starts or ends with, which its
    // classes tell, or after a "-based": the other tests wait for that. (A phrase whose word next to
    // the promoted one has no key has no class either: then every word is tested.)
    let filtered = PHRASES.unkeyed.is_empty();
    let may_be_evident = |i: usize| {
        let acronym = is_acronym(word(i));
        // The phrase after the word follows it or its possessive "'s".
        let after = |k: usize| {
            words.get(k).is_some_and(|w| {
                w.classes.has(Classes::EVIDENCE_AFTER)
                    || (acronym && w.classes.has(Classes::EVIDENCE_AFTER_ACRONYM))
            })
        };
        !filtered
            || after(i + 1)
            || after(i + 2)
            || (i > 0 && (words[i - 1].classes.has(Classes::EVIDENCE_BEFORE) || based(i - 1)))
    };
    let mut promoted: FxHashSet<&str> = FxHashSet::default();
    for &i in &open {
        if !may_be_evident(i) || !lone(i) {
            continue;
        }
        let w = word(i);
        if promoted.contains(w) {
            continue;
        }
        // "Magna 's chief executive", "Magna's chief executive": the possessive is skipped.
        let after = match words.get(i + 1) {
            Some(n)
                if &text[n.start()..n.end()] == "s"
                    && matches!(text[words[i].end()..n.start()].trim(), "'" | "’") =>
            {
                i + 2
            }
            _ => i + 1,
        };
        let acronym = is_acronym(w);
        // A capitalised word opening a sentence may be any word ("Total shares offered").
        if !acronym && after == i + 1 && (i == 0 || opens_sentence(text, words[i].start())) {
            continue;
        }
        // "Department for Education and Skills spokeswoman": the tail of a longer name joined by a
        // coordinator is no name of its own (an acronym is: "Brian Kerr and FAI officials").
        if !acronym
            && i >= 2
            && spaced(i - 2, i - 1)
            && spaced(i - 1, i)
            && NAME_COORDINATORS.contains(word(i - 1))
            && is_capitalized(word(i - 2))
        {
            continue;
        }
        // "acquisition of Boatmen's Bancshares": the word is part of a longer name.
        if after == i + 2
            && after < words.len()
            && spaced(i + 1, after)
            && is_capitalized(word(after))
        {
            continue;
        }
        // "St. Louis-based Mercantile": what a place is the base of is an organisation.
        let phrase = |k: usize| {
            let e = &EVIDENCE[k];
            (acronym || !e.acronym_only)
                && if e.after {
                    phrase_at(after, &e.words, i)
                } else {
                    i >= e.words.len() && phrase_at(i - e.words.len(), &e.words, i)
                }
        };
        let evident = (i > 0 && spaced(i - 1, i) && based(i - 1))
            || words
                .get(after)
                .is_some_and(|_| PHRASES.candidates(word(after), true).any(phrase))
            || (i > 0 && PHRASES.candidates(word(i - 1), false).any(phrase));
        if evident {
            promoted.insert(w);
        }
    }
    if promoted.is_empty() {
        #[cfg(test)]
        tests::gate_told(may, &promoted);
        return;
    }
    // Words that name people or are ordinary words in this document are not promoted.
    let entities = DocEntities {
        known: &gaz.entities,
        found: &named.found,
    };
    let person_words: FxHashSet<&str> = mentions
        .iter()
        .filter(|m| entities.get(m.entity).kind == EntityType::Person && !weak(m))
        .flat_map(|m| text[m.range()].split_whitespace())
        .collect();
    // The search of the whole text for a definition comes last.
    let mut parens: Option<Parens> = None;
    promoted.retain(|w| {
        may_name(w)
            && !person_words.contains(w)
            && !parens
                .get_or_insert_with(|| Parens::new(text))
                .define(text, w, mentions, &entities)
    });
    #[cfg(test)]
    tests::gate_told(may, &promoted);
    if promoted.is_empty() {
        return;
    }
    // Nor is a word written in lower case elsewhere in the document: the words not capitalised
    // whose lower case is a promoted word's. A first letter tells most of them apart without
    // lowercasing the whole word (no word's first letter lowercases as a final sigma).
    let promoted_lower: FxHashSet<String> = promoted.iter().map(|w| w.to_lowercase()).collect();
    let first_letters: FxHashSet<char> = promoted_lower
        .iter()
        .filter_map(|w| w.chars().next())
        .collect();
    // Most words open with an ASCII byte: one not in lower case, or none of the promoted words'
    // first letters, settles them by a bit; the rest of an ASCII word is compared ignoring ASCII
    // case, which for it is lowercasing.
    let mut ascii_firsts = 0u128;
    for c in first_letters.iter().filter(|c| c.is_ascii()) {
        ascii_firsts |= 1 << u32::from(*c);
    }
    // An ASCII word is lowered into one reused buffer and looked up: a document with many promoted
    // words (a long one-paragraph file) then costs one hash per word, not one comparison per pair.
    let mut lowered = String::new();
    // And an ASCII word's length must be an ASCII promoted word's (lengths of 64 bytes and more share
    // the last bit).
    let length_bit = |w: &str| 1u64 << w.len().min(63);
    let ascii_lengths = promoted_lower
        .iter()
        .filter(|w| w.is_ascii())
        .fold(0u64, |bits, w| bits | length_bit(w));
    // A word opening with an ASCII byte that settles it is passed over by that byte, before its
    // text is taken.
    let bytes = text.as_bytes();
    let written_lower: FxHashSet<String> = words
        .iter()
        .filter(|w| {
            let b = bytes[w.start()];
            !b.is_ascii() || b.is_ascii_lowercase() && ascii_firsts & 1 << b != 0
        })
        .map(|w| &text[w.start()..w.end()])
        .filter(|w| match w.as_bytes()[0] {
            // (The filter before has passed only the ASCII openings that may be promoted.)
            b if b.is_ascii() => {
                if w.is_ascii() {
                    ascii_lengths & length_bit(w) != 0 && {
                        lowered.clear();
                        lowered.push_str(w);
                        lowered.make_ascii_lowercase();
                        promoted_lower.contains(lowered.as_str())
                    }
                } else {
                    promoted_lower.contains(&w.to_lowercase())
                }
            }
            _ => {
                !is_capitalized(w)
                    && w.chars()
                        .next()
                        .and_then(|c| c.to_lowercase().next())
                        .is_some_and(|c| first_letters.contains(&c))
                    && promoted_lower.contains(&w.to_lowercase())
            }
        })
        .map(str::to_lowercase)
        .collect();
    promoted.retain(|w| !written_lower.contains(&w.to_lowercase()));
    if promoted.is_empty() {
        return;
    }
    // The occurrences, each with the end of its possessive "'s" when it has one.
    let possessive = |i: usize| {
        words.get(i + 1).and_then(|n| {
            (&text[n.start()..n.end()] == "s"
                && matches!(text[words[i].end()..n.start()].trim(), "'" | "’"))
            .then_some(n.end())
        })
    };
    let found: Vec<(usize, Option<usize>)> = open
        .iter()
        .copied()
        .filter(|&i| promoted.contains(word(i)) && lone(i))
        .map(|i| (i, possessive(i)))
        .collect();
    // A name always written with "'s" ends in it ("Boatmen's", "Sainsbury's"): whether each promoted
    // word is, over all its occurrences.
    let mut always_possessive: FxHashMap<&str, bool> = FxHashMap::default();
    for &(i, own) in &found {
        *always_possessive.entry(word(i)).or_insert(true) &= own.is_some();
    }
    let mut added = Vec::new();
    for &(i, own) in &found {
        let w = word(i);
        let always = always_possessive[w];
        let (end, name) = match own {
            Some(end) if always => (end, format!("{w}'s")),
            _ => (words[i].end(), w.to_owned()),
        };
        let entity = named.entity(name, EntityType::Organization, RULE, gaz);
        added.push(Mention {
            start: words[i].start(),
            end,
            entity,
            how: How::Rule(RULE),
        });
    }
    mentions.retain(|m| !(weak(m) && promoted.contains(&text[m.range()])));
    mentions.extend(added);
    mentions.sort_by_key(|m| m.start);
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::discover::tests::found_by;

    std::thread_local! {
        /// How many documents the token table told to hold no evidence ([`may_promote`]), and
        /// how many it told may hold some, in this thread.
        static GATE: std::cell::Cell<(usize, usize)> = const { std::cell::Cell::new((0, 0)) };
    }

    /// Checks [`may_promote`] where [`promote`] would pass over the document by it: the words
    /// found evident there (`promoted`) are none.
    pub(super) fn gate_told(may: bool, promoted: &FxHashSet<&str>) {
        assert!(
            may || promoted.is_empty(),
            "the token table told no evidence, but {promoted:?} are evident"
        );
        GATE.with(|g| {
            let (no, yes) = g.get();
            g.set(if may { (no, yes + 1) } else { (no + 1, yes) });
        });
    }

    fn orgs(text: &str) -> Vec<String> {
        found_by(text, RULE)
    }

    #[test]
    fn bundled_lexicon_parses() {
        assert!(EVIDENCE.iter().any(|e| e.after && e.words == ["spokesman"]));
        let err = parse("x\tsideways\tany\n").unwrap_err();
        assert!(err.to_string().contains("org_evidence.tsv:1"), "{err}");
        assert!(parse("Shares in\tbefore\tany\n").is_err());
    }

    #[test]
    fn every_phrase_is_a_candidate_next_to_its_word() {
        for (k, e) in EVIDENCE.iter().enumerate() {
            let next = if e.after {
                &e.words[0]
            } else {
                &e.words[e.words.len() - 1]
            };
            // Compared ignoring ASCII case, as the phrases are.
            for w in [next.clone(), next.to_ascii_uppercase()] {
                assert!(PHRASES.candidates(&w, e.after).any(|c| c == k), "{e:?}");
            }
            // A phrase that follows is no candidate before, nor the other way round.
            assert!(!PHRASES.candidates(next, !e.after).any(|c| c == k), "{e:?}");
            // The word's classes say so, which the evidence is first tested by.
            let class = match (e.after, e.acronym_only) {
                (true, false) => Classes::EVIDENCE_AFTER,
                (true, true) => Classes::EVIDENCE_AFTER_ACRONYM,
                (false, _) => Classes::EVIDENCE_BEFORE,
            };
            for w in [next.clone(), next.to_ascii_uppercase()] {
                assert!(crate::word_classes::of(&w).has(class), "{e:?}");
            }
        }
        assert_eq!(
            PHRASES.candidates("Zyx", true).count(),
            PHRASES.unkeyed.len()
        );
        // Every phrase before has a second-to-last word, which the word before its last is
        // told by, in any ASCII case.
        let seconds = PHRASES
            .seconds
            .as_ref()
            .expect("the bundled phrases before have two words");
        for e in EVIDENCE.iter().filter(|e| !e.after) {
            let second = &e.words[e.words.len() - 2];
            for w in [
                second.clone(),
                second.to_ascii_uppercase(),
                crate::text::title_case(second),
            ] {
                assert!(seconds.has(&w), "{e:?}");
            }
        }
        assert!(!seconds.has("Bank") && !seconds.has("x"));
        assert_eq!(trim_spaces(b"  & "), b"&");
        assert_eq!(trim_spaces(b"   "), b"");
    }

    #[test]
    fn evidence_promotes_every_mention_of_the_word() {
        assert_eq!(
            orgs("Cofinec fell 5 percent. Traders bought shares in Cofinec on Monday."),
            ["Cofinec", "Cofinec"]
        );
        assert_eq!(
            orgs("He said Magna's chief executive left. Magna makes car parts."),
            ["Magna", "Magna"]
        );
        assert_eq!(
            orgs("\"No,\" CFDT spokesman Francois Cabrera said."),
            ["CFDT"]
        );
        assert_eq!(orgs("The SDA said it would stay."), ["SDA"]);
        assert_eq!(orgs("He likes Tehran-based Mercantile."), ["Mercantile"]);
        assert_eq!(
            orgs("He bid for Boatmen's. Boatmen's was the prize."),
            ["Boatmen's", "Boatmen's"]
        );
    }

    #[test]
    fn the_token_table_tells_where_evidence_may_stand() {
        let told = |text: &str| {
            let before = GATE.with(std::cell::Cell::get);
            let got = orgs(text);
            let after = GATE.with(std::cell::Cell::get);
            (got, after.0 - before.0, after.1 - before.1)
        };
        // Evidence before and after the word, after a possessive of one token or of two, after a
        // "-based": the table says it may stand there.
        for text in [
            "Traders bought shares in Cofinec on Monday.",
            "He said Magna's chief executive left.",
            "It is more than Ruch 's shares.",
            "He likes Tehran-based Mercantile.",
            "He said per cent of Zyxel went.",
        ] {
            let (got, no, yes) = told(text);
            assert!(!got.is_empty() && (no, yes) == (0, 1), "{text}: {got:?}");
        }
        // No phrase next to an open capitalised word: told without the words.
        for text in [
            "Traders bought shares of many firms in March.",
            "He met the chief executive of Magna.",
            "Magna, chief executive, left.",
            "Brown said so.",
        ] {
            let (got, no, yes) = told(text);
            assert!(got.is_empty() && (no, yes) == (1, 0), "{text}: {got:?}");
        }
    }

    #[test]
    fn the_token_table_agrees_with_the_words_on_corpus_documents() {
        let Some(articles) = crate::testing::bbc_articles(60) else {
            return;
        };
        let g = crate::testing::bundled_gazetteer();
        let before = GATE.with(std::cell::Cell::get);
        for text in &articles {
            let doc = crate::corpus::Document::from_text("t".into(), "t".into(), text);
            let s = crate::sentences::split(&doc);
            crate::discover::discover(
                &doc,
                &s,
                &crate::tokens::tokenize(&doc.text, &s),
                g,
                crate::mentions::find(&doc, g),
            );
        }
        // Every document passed over was checked (`gate_told`); most are.
        let (no, yes) = GATE.with(std::cell::Cell::get);
        let (no, yes) = (no - before.0, yes - before.1);
        assert!(no + yes == 300 && no > 150, "{no} passed over, {yes} read");
    }

    /// [`may_promote`] by a visit of every capital of the table, not only those beside an
    /// evidence site.
    fn may_promote_by_capitals(text: &str, table: &Tokens, mentions: &[Mention]) -> bool {
        if !PHRASES.unkeyed.is_empty() {
            return true;
        }
        let mut gate = Gate::new(text, &table.toks, mentions);
        table
            .capitals
            .iter()
            .any(|x| gate.may_promote_at(x.index(), false))
    }

    #[test]
    fn the_gate_visits_every_capital_that_may_have_evidence() {
        let mut texts: Vec<String> = [
            "Traders bought shares in Cofinec on Monday.",
            "He said Magna's chief executive left.",
            "It is more than Ruch 's shares. Ruch ’ s board, Ruch '' s board.",
            "He likes Tehran-based Mercantile. The U.S. Acme said. J. Acme spoke.",
            "He said per cent of Zyxel went. SDA said; FAI officials met.",
            "Brown said so. Magna, chief executive, left. Acme shareholders.",
        ]
        .map(String::from)
        .into();
        texts.extend(crate::testing::bbc_articles(60).unwrap_or_default());
        let g = crate::testing::bundled_gazetteer();
        let mut told = [0; 2];
        for text in &texts {
            let doc = crate::corpus::Document::from_text("t".into(), "t".into(), text);
            let table = crate::tokens::tokenize(&doc.text, &crate::sentences::split(&doc));
            let toks = &table.toks;
            let sites: FxHashSet<usize> = table.evidence_sites.iter().map(|s| s.index()).collect();
            for x in table.capitals.iter().map(|x| x.index()) {
                let t = &toks[x];
                if !t.shape.has(Shape::PLAIN) {
                    assert!(sites.contains(&x), "{:?}", &doc.text[t.range()]);
                } else if may_have_evidence(&doc.text, toks, x) {
                    // The site on the side the evidence may stand on, as `may_promote` visits.
                    let before = x.checked_sub(1).is_some_and(|p| {
                        may_be_evidence_before(&doc.text, toks, p) && sites.contains(&p)
                    });
                    let after = toks.get(x + 1).is_some_and(|n| {
                        may_be_evidence_after(&doc.text, n, || true) && sites.contains(&(x + 1))
                    });
                    assert!(before || after, "{:?}", &doc.text[t.range()]);
                }
            }
            let mentions = crate::mentions::find(&doc, g);
            let may = may_promote(&doc.text, &table, &mentions);
            assert_eq!(
                may,
                may_promote_by_capitals(&doc.text, &table, &mentions),
                "{text:?}"
            );
            told[usize::from(may)] += 1;
        }
        // Both answers were given.
        assert!(told[0] > 0 && told[1] > 0, "{told:?}");
    }

    #[test]
    fn parentheses_are_indexed_by_the_text_they_open() {
        let text = "Acme (AWI), Beta ( AWI ), (A, (";
        let parens = Parens::new(text);
        let places = |key: &[u8; 2]| parens.by_start.get(key).cloned().unwrap_or_default();
        // "(AWI" at 5, and "( AWI" at 17 (its text after the space).
        assert_eq!(places(b"AW"), [(5, 6), (17, 19)]);
        // "( " is itself an opening, and a parenthesis with one byte or none after it has none.
        assert_eq!(places(b" A"), [(17, 18)]);
        assert_eq!(places(b"A,"), [(26, 27)]);
        assert!(parens.by_start.values().flatten().all(|&(at, _)| at != 30));
    }

    #[test]
    fn definitions_and_possessives_are_read_per_word() {
        // Spelt out before "( AWI" as before "(AWI".
        assert!(orgs("The Acme Widget Institute ( AWI ) met. AWI said no.").is_empty());
        // A name with "'s" ends in it only when every occurrence has it.
        assert_eq!(
            orgs("He bid for Boatmen's. Boatmen's was the prize. Boatmen fell 5 percent."),
            ["Boatmen", "Boatmen", "Boatmen"]
        );
    }

    #[test]
    fn names_words_and_longer_names_are_not_promoted() {
        // An ordinary word (lower case elsewhere), a person's surname, a given name.
        assert!(orgs("Police spokesman Joe Bloggs said the police would act.").is_empty());
        assert!(orgs("Trita Parsi resigned. Parsi spokesman Al Jones said so.").is_empty());
        assert!(orgs("Shares in Michael rose.").is_empty());
        // Mixed-case words need more than "said"; the phrase must follow the word directly; some
        // acronyms name things.
        assert!(orgs("Frater said it was over.").is_empty());
        assert!(orgs("\"It is on P2P,\" said Mr Jones. It was on P2P, said he.").is_empty());
        assert!(orgs("He said TV officials were wrong.").is_empty());
        assert!(orgs("The Acme Widget Institute (AWI) met. AWI said no.").is_empty());
        // Part of a longer name, a sentence's first word.
        assert!(orgs("Shares in Acme Widgets rose.").is_empty());
        assert!(orgs("He saw analysts at Douglas & Lomason.").is_empty());
        assert!(orgs("A fall. Total shares rose.").is_empty());
        // The tail of a coordinated name; a word that names a kind of body ("the Commission").
        assert!(orgs("A Department for Education and Skills spokeswoman said so.").is_empty());
        assert!(orgs("He met Work and Pensions Secretary Alan Jones.").is_empty());
        assert_eq!(orgs("Jones and FAI officials met."), ["FAI"]);
        assert!(orgs(
            "In letters, the Commission alleged abuse. Commission spokesman Al Jones said so."
        )
        .is_empty());
        // ... but may, with a possessive, and a speaker found by its verb alone gives way.
        assert_eq!(
            orgs("Ruch 's shares rose. It is more than Ruch says it needs."),
            ["Ruch", "Ruch"]
        );
    }
}
