//! Sentence and paragraph splitting.
//!
//! Paragraphs are lines (news text is one paragraph per line); a line that starts with a lowercase
//! letter continues the previous one, so hard-wrapped text still works. Inside a paragraph a sentence
//! ends at `.`, `!`, `?` or `…` (plus any closing quotes and brackets) followed by a space and something
//! that can start a sentence — unless the word before the period is an abbreviation from
//! `lexicons/abbreviations.txt`, an initial ("J."), or a dotted acronym ("U.S."); after any of
//! these, a word from `lexicons/sentence_openers.txt` ("U.S. He said", "you and I. The") still
//! starts a new sentence.

use crate::corpus::Document;
use crate::gazetteer::StartPairs;
use crate::lexicon::{ABBREVIATIONS, SENTENCE_OPENERS};
use crate::swar::{has_byte, HIGHS};
use crate::tokens::{tokenize_range, Classes, SentenceBits, Tok, Tokens, NO_PAIRS};
use std::ops::Range;

/// One sentence: a byte range of the document text, and the paragraph it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Start byte offset (first non-space character).
    pub start: usize,
    /// End byte offset (exclusive, after closing punctuation).
    pub end: usize,
    /// 0-based paragraph number within the document.
    pub paragraph: u32,
}

impl Sentence {
    /// The byte range of the sentence.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

const CLOSERS: &[char] = &['"', '”', '’', '\'', ')', ']', '»'];

/// The most tokens a sentence holds. A longer run with no sentence end (a run-on text without a
/// full stop, a table flattened to one line) is cut into sentences of this many tokens, so that
/// the per-sentence stages, whose rules look back and ahead over their sentence, stay linear in
/// the document's length: a 2 MB sentence took the claims engine 20 s, 4 MB 80 s. News
/// sentences stay far below it (BBC and PolNeAR: under 250 tokens).
pub const MAX_SENTENCE_TOKENS: usize = 1_000;

/// Splits a document's non-boilerplate text into sentences, in order.
pub fn split(doc: &Document) -> Vec<Sentence> {
    split_and_tokenize(doc).0
}

/// Splits a document's non-boilerplate text into sentences and tokenizes them ([`crate::tokens`]),
/// in one pass over each paragraph: the token pass notes the tokens that may end a sentence (a
/// `.`, `!`, `?` or `…`, or a word ending in a period such as "U.S."), and only these are judged.
/// A sentence's range is its tokens' span.
pub fn split_and_tokenize(doc: &Document) -> (Vec<Sentence>, Tokens) {
    split_and_tokenize_for(doc, &NO_PAIRS)
}

/// [`split_and_tokenize`], listing in the same pass the places where a gazetteer name may start
/// ([`Tokens::name_starts`]) by the pairs of bytes its patterns start with
/// ([`crate::gazetteer::Gazetteer::start_pairs`]).
pub fn split_and_tokenize_for(doc: &Document, pairs: &StartPairs) -> (Vec<Sentence>, Tokens) {
    let text = &doc.text;
    // Room for the sentences and tokens of news text, so the vectors are not regrown as they
    // fill (BBC articles: 75–145 bytes to a sentence, 4.5–5.5 to a token). Room never written
    // costs address space only.
    // The table and lists are the ones this thread kept from its last document ([`crate::scratch`]),
    // emptied: the room is made once per thread, not once per document.
    let sentence_room = text.len() / 64;
    let mut sentences = Vec::with_capacity(sentence_room);
    let mut tokens = crate::scratch::tokens();
    tokens.toks.reserve(text.len() / 4);
    tokens.sentences.reserve(sentence_room);
    tokens.sentence_bits.reserve(sentence_room);
    // About one cue word to 300 bytes, and one place a name may start to 10.
    tokens.cue_first.reserve(text.len() / 256);
    // About one capitalised word to 40 bytes.
    tokens.capitals.reserve(text.len() / 32);
    tokens.name_starts.reserve(text.len() / 8);
    let (mut ends, mut paragraph_list) = crate::scratch::lists();
    paragraphs_into(doc, &mut paragraph_list);
    for (paragraph, range) in paragraph_list.iter().cloned().enumerate() {
        ends.clear();
        let paragraph_first = tokens.toks.len();
        let mut first = paragraph_first;
        tokenize_range(text, range.clone(), &mut tokens, &mut ends, pairs);
        // The sentence so far starts at `start` (before any space); terminators before `scanned`
        // were read with the one before them.
        let mut start = range.start;
        let mut scanned = range.start;
        // Where the paragraph's last token ends (it has one: each of `ends` is a token).
        let last_end = tokens.toks.last().map_or(range.end, |t| t.end);
        for &k in &ends {
            let tok = tokens.toks[k];
            let at = if tok.word { tok.end - 1 } else { tok.start };
            if at < scanned {
                continue;
            }
            if last_end - at <= 4 && only_closing_from(text, at, last_end) {
                // The paragraph's last terminator, with nothing after it but terminators and
                // closing marks (most paragraphs end so): its run takes every token left, so
                // the sentence ends with the paragraph whether the judge says it ends here or
                // not (the push after the loop). Not judged.
                break;
            }
            crate::work::add(1);
            let known = k > paragraph_first && no_abbreviation_before(text, &tokens.toks, k, start);
            let (end, ends) = judge(text, start, at, range.end, known);
            scanned = end;
            if ends {
                // The sentence's tokens are those that start before `end`: every one up to the
                // terminator's (which starts before `end`), then the closing marks after it, a
                // few at most, counted on from there.
                let toks = &tokens.toks;
                let mut to = k.max(first);
                while toks.get(to).is_some_and(|t| t.start < end) {
                    to += 1;
                }
                push_sentence(&mut sentences, &mut tokens, paragraph, first, to);
                first = to;
                start = end;
            }
        }
        let last = tokens.toks.len();
        push_sentence(&mut sentences, &mut tokens, paragraph, first, last);
    }
    crate::scratch::keep_lists(ends, paragraph_list);
    (sentences, tokens)
}

/// Records the sentence of the tokens `tokens.toks[from..to]`, if any, in paragraph `paragraph`
/// (as sentences of [`MAX_SENTENCE_TOKENS`] when it is longer): onto `sentences`, and its token
/// range and [`SentenceBits`] onto `tokens`. Inlined into the splitter's loop (as a closure it
/// was a call per sentence).
#[inline(always)]
fn push_sentence(
    sentences: &mut Vec<Sentence>,
    tokens: &mut Tokens,
    paragraph: usize,
    mut from: usize,
    to: usize,
) {
    while from < to {
        let cut = to.min(from + MAX_SENTENCE_TOKENS);
        let toks = &tokens.toks;
        sentences.push(Sentence {
            start: toks[from].start,
            end: toks[cut - 1].end,
            paragraph: paragraph as u32,
        });
        let bits = SentenceBits::of(&toks[from..cut]);
        tokens.sentences.push(from..cut);
        tokens.sentence_bits.push(bits);
        from = cut;
    }
}

/// Byte ranges of paragraphs, skipping boilerplate lines.
pub fn paragraphs(doc: &Document) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    paragraphs_into(doc, &mut out);
    out
}

/// [`paragraphs`] pushed onto `out`.
fn paragraphs_into(doc: &Document, out: &mut Vec<Range<usize>>) {
    let text = &doc.text;
    let mut open = false;
    for line in crate::boilerplate::line_ranges(text) {
        // An empty line (between most paragraphs of news text) is told without trimming it.
        if line.is_empty() {
            open = false;
            continue;
        }
        let trimmed = crate::boilerplate::trimmed(text, line.clone());
        if trimmed.is_empty() || doc.in_boilerplate(&line) {
            open = false;
            continue;
        }
        let continues =
            open && trimmed.chars().next().is_some_and(char::is_lowercase) && !is_bullet(trimmed);
        match out.last_mut() {
            Some(last) if continues => last.end = line.end,
            _ => out.push(line),
        }
        open = true;
    }
}

fn is_bullet(line: &str) -> bool {
    line.starts_with(['•', '◦', '▪', '‣', '●', '*', '-', '–', '—'])
}

/// Judges the terminator (`.`, `!`, `?` or `…`) at byte `at` of a paragraph that ends at `limit`,
/// in a sentence that started at `start`: returns the end of its run of terminators and closing
/// quotes and brackets, and whether the sentence ends there. `plain_before` says that the word
/// before a period is known to be no abbreviation, initial or dotted acronym
/// ([`no_abbreviation_before`]), so the period ends the sentence when a sentence can start after it.
fn judge(text: &str, start: usize, at: usize, limit: usize, plain_before: bool) -> (usize, bool) {
    let bytes = text.as_bytes();
    // Most terminators are ASCII, and so is what follows them: read as bytes.
    let c = match bytes[at] {
        b if b.is_ascii() => char::from(b),
        _ => text[at..].chars().next().expect("a terminator"),
    };
    let mut end = at + c.len_utf8();
    // The ASCII terminators and closing marks after it as bytes, the rest from the first byte
    // beyond ASCII, if any, by characters.
    while let Some(&b) = bytes[..limit].get(end) {
        if !b.is_ascii() {
            end += text[end..limit]
                .chars()
                .take_while(|&d| is_terminator(d) || CLOSERS.contains(&d))
                .map(char::len_utf8)
                .sum::<usize>();
            break;
        }
        if !(is_terminator(char::from(b)) || CLOSERS.contains(&char::from(b))) {
            break;
        }
        end += 1;
    }
    let ends = (c != '.' || plain_before || ends_sentence_at_period(text, start, at, end, limit))
        && starts_sentence_after(text, end, limit);
    (end, ends)
}

/// Whether the token before token `k` (a period of its own, in a sentence that started at byte
/// `start`) tells that [`ends_sentence_at_period`] would find a period that ends the sentence
/// without reading the text: it is the whole word that function reads before the period (it
/// touches the period, and a space or an opening mark comes before it, or the sentence's start),
/// of two or more ASCII bytes with no period or hyphen inside (no initial, no dotted acronym), and
/// its classes say that no abbreviation has its key ([`Classes::ABBREVIATION`], which every entry
/// of `lexicons/abbreviations.txt` gives the words of its key).
fn no_abbreviation_before(text: &str, toks: &[Tok], k: usize, start: usize) -> bool {
    let (word, dot) = (&toks[k - 1], &toks[k]);
    if dot.word
        || !word.word
        || word.end != dot.start
        || word.end - word.start < 2
        || word
            .classes
            .any(Classes::ABBREVIATION.or_flags(Classes::KEYLESS))
    {
        return false;
    }
    let bytes = text.as_bytes();
    let opens = word.start == start
        || match bytes[word.start - 1] {
            b if b.is_ascii() => bounds_word(char::from(b)),
            _ => text[start..word.start]
                .chars()
                .next_back()
                .is_some_and(bounds_word),
        };
    opens && !has_period_or_hyphen(bytes, word.start, word.end)
}

/// Whether `bytes[start..end]` holds a period or a hyphen: a word of up to eight bytes (most) is
/// tested as one integer read at its start when the text goes on that far, its bytes beyond the
/// word given their top bit (so that none is either), and each of its bytes compared with both
/// by [`has_byte`]; any other byte by byte.
fn has_period_or_hyphen(bytes: &[u8], start: usize, end: usize) -> bool {
    match bytes.get(start..).and_then(|rest| rest.first_chunk::<8>()) {
        Some(eight) if end - start <= 8 => {
            let beyond = u64::MAX.checked_shl(8 * (end - start) as u32).unwrap_or(0);
            let w = u64::from_le_bytes(*eight) | (beyond & HIGHS);
            has_byte(w, b'.') != 0 || has_byte(w, b'-') != 0
        }
        _ => bytes[start..end].iter().any(|&b| matches!(b, b'.' | b'-')),
    }
}

/// Whether `c` ends the word before a period on its left: a space or an opening mark.
fn bounds_word(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘' | '-' | '—')
}

/// Whether `text[at..end]` (a few bytes) holds only terminators and closing marks ([`CLOSERS`]):
/// then the run [`judge`] reads from a terminator at `at` goes on at least to `end`.
fn only_closing_from(text: &str, at: usize, end: usize) -> bool {
    text[at..end]
        .chars()
        .all(|c| is_terminator(c) || CLOSERS.contains(&c))
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Whether the period at byte `dot` ends a sentence, judging by the word before it and, after an
/// abbreviation or a dotted acronym, the word after it (`after`, up to `limit`).
fn ends_sentence_at_period(
    text: &str,
    sentence_start: usize,
    dot: usize,
    after: usize,
    limit: usize,
) -> bool {
    let before = &text[sentence_start..dot];
    let word_start = before
        .rfind(bounds_word)
        .map(|k| k + before[k..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    let mut chars = word.chars();
    // An initial: one capital letter ("John F. Kennedy").
    let initial = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    // A dotted acronym such as "U.S" or "a.m" (the last period is the one being judged); asked
    // only after an initial, and most words hold no period.
    let dotted = || word.contains('.') && word.split('.').all(|p| p.chars().count() == 1);
    if !(initial || dotted() || ABBREVIATIONS.contains(word)) {
        return true;
    }
    // "… attacks in the U.S. He says …", "… to you and I. The threat …": a word that only opens
    // sentences says this one ended.
    let next = text[after..limit]
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    // After an initial, a one-letter opener is the next initial ("J. A. Smith").
    let opener = SENTENCE_OPENERS.contains(next) && !(initial && next.len() == 1);
    after < limit && text[after..limit].starts_with(' ') && opener
}

/// Whether a new sentence can start after byte `end`: whitespace, then a capital, digit, quote or
/// bracket. The end of the paragraph also counts.
fn starts_sentence_after(text: &str, end: usize, limit: usize) -> bool {
    if end >= limit {
        return true;
    }
    let opens = |c: char| {
        c.is_uppercase()
            || c.is_numeric()
            || matches!(
                c,
                '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '•' | '—' | '-'
            )
    };
    // Most terminators are followed by ASCII white space and an ASCII character: told by bytes
    // (the ASCII white space is what `char::is_whitespace` says of ASCII).
    let bytes = &text.as_bytes()[end..limit];
    match bytes
        .iter()
        .position(|&b| !matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r'))
    {
        None => return true,
        Some(0) if bytes[0].is_ascii() => return false,
        Some(k) if k > 0 && bytes[k].is_ascii() => return opens(char::from(bytes[k])),
        _ => {}
    }
    let rest = &text[end..limit];
    let trimmed = rest.trim_start();
    if trimmed.len() == rest.len() {
        return false;
    }
    trimmed.chars().next().is_none_or(opens)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(raw: &str) -> Vec<String> {
        let doc = Document::from_text("t".into(), "t".into(), raw);
        split(&doc)
            .iter()
            .map(|s| doc.text[s.range()].to_owned())
            .collect()
    }

    /// A run-on text with no sentence end is cut every [`MAX_SENTENCE_TOKENS`] tokens (it was one
    /// sentence, over which the claims rules' look-backs went quadratic).
    #[test]
    fn a_run_on_sentence_is_cut_at_the_token_limit() {
        let raw = "Iran and Israel said that talks go on ".repeat(300) + "and on.";
        let doc = Document::from_text("t".into(), "t".into(), &raw);
        let (sentences, tokens) = split_and_tokenize(&doc);
        let lengths: Vec<usize> = tokens.sentences.iter().map(|r| r.len()).collect();
        assert_eq!(lengths, [1_000, 1_000, 403]);
        assert_eq!(sentences.len(), 3);
        // The pieces tile the text's tokens, each sentence's range its tokens' span.
        for (s, r) in sentences.iter().zip(&tokens.sentences) {
            assert_eq!(s.start, tokens.toks[r.start].start);
            assert_eq!(s.end, tokens.toks[r.end - 1].end);
        }
        assert_eq!(tokens.sentences[1].start, tokens.sentences[0].end);
        assert_eq!(sentences[2].end, raw.len());
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        assert_eq!(
            texts("Mr. Bolton met U.S. officials and John F. Kennedy Jr. in Washington. Then he left."),
            vec![
                "Mr. Bolton met U.S. officials and John F. Kennedy Jr. in Washington.",
                "Then he left."
            ]
        );
    }

    #[test]
    fn an_acronym_ends_a_sentence_before_a_sentence_opener() {
        assert_eq!(
            texts("Attacks in the U.S. He says no. The U.S. President and J. A. Smith visited the U.S. Monday."),
            vec![
                "Attacks in the U.S.",
                "He says no.",
                "The U.S. President and J. A. Smith visited the U.S. Monday."
            ]
        );
        assert_eq!(
            texts("It is to you and I. The threat is new, George H. W. Bush said."),
            vec![
                "It is to you and I.",
                "The threat is new, George H. W. Bush said."
            ]
        );
    }

    #[test]
    fn a_word_token_told_plain_before_a_period_is_what_the_text_says() {
        // Wherever the token tells that the word before a period is no abbreviation, initial or
        // dotted acronym, reading the word from the text says so too.
        let text = "He left. Mr. Smith, the co-founder. Paid $100. See (Corp. Ltd.) and U.S. forces. \
                    A. B. Jones met J. Doe in St. Louis. It was 3.5. Then x/y. “Quote.” Go-go. Inc. \
                    Dr. No. Mrs. Gov. Gen. etc. Ok. I. vs. it. No.";
        let mut tokens = Tokens::default();
        let mut ends = Vec::new();
        tokenize_range(text, 0..text.len(), &mut tokens, &mut ends, &NO_PAIRS);
        let toks = &tokens.toks;
        let mut told = 0;
        for k in 1..toks.len() {
            if toks[k].word || &text[toks[k].range()] != "." {
                continue;
            }
            // Any earlier sentence start: the start of the text, or after a space.
            for start in
                (0..=toks[k - 1].start).filter(|&b| b == 0 || text.as_bytes()[b - 1] == b' ')
            {
                if no_abbreviation_before(text, toks, k, start) {
                    told += 1;
                    let dot = toks[k].start;
                    assert!(
                        ends_sentence_at_period(text, start, dot, dot + 1, text.len()),
                        "{}",
                        &text[toks[k - 1].range()]
                    );
                }
            }
        }
        assert!(told > 10);
    }

    #[test]
    fn quotes_that_end_sentences() {
        assert_eq!(
            texts("“They rejected him,” Parsi said. “It left Trump in a bind.” Later, more."),
            vec![
                "“They rejected him,” Parsi said.",
                "“It left Trump in a bind.”",
                "Later, more."
            ]
        );
        assert_eq!(texts("“Why?” he asked."), vec!["“Why?” he asked."]);
    }

    #[test]
    fn a_paragraph_ends_its_last_sentence_whatever_closes_it() {
        // The last terminator of a paragraph, with only terminators and closing marks after it,
        // is not judged: the sentence ends with the paragraph, as the judge would have it.
        let raw =
            "He left. She stayed.\nThey met Mr.\n“Go,” he said. “Now.”\nWhy?! (It was late.)\n\
                   He works in the U.S.\nIt ended. ”\nDone.’”\nNo end";
        assert_eq!(
            texts(raw),
            vec![
                "He left.",
                "She stayed.",
                "They met Mr.",
                "“Go,” he said.",
                "“Now.”",
                "Why?!",
                "(It was late.)",
                "He works in the U.S.",
                "It ended. ”",
                "Done.’”",
                "No end"
            ]
        );
    }

    #[test]
    fn headings_bullets_and_paragraphs() {
        let doc = Document::from_text(
            "t".into(),
            "t".into(),
            "Executive Summary\n\nFirst para. Second sentence.\n  • A bullet point.\n  • Another.\nwrapped line continues\n",
        );
        let s = split(&doc);
        let got: Vec<(&str, u32)> = s
            .iter()
            .map(|s| (&doc.text[s.range()], s.paragraph))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Executive Summary", 0),
                ("First para.", 1),
                ("Second sentence.", 1),
                ("• A bullet point.", 2),
                ("• Another.\nwrapped line continues", 3),
            ]
        );
    }

    #[test]
    fn periods_and_hyphens_are_found_in_words_of_every_length_and_place() {
        let text = "a.b x-y plain words ab.c-d U.S co-op zz. endings-";
        for start in 0..text.len() {
            for end in start..=text.len() {
                assert_eq!(
                    has_period_or_hyphen(text.as_bytes(), start, end),
                    text.as_bytes()[start..end].contains(&b'.')
                        || text.as_bytes()[start..end].contains(&b'-'),
                    "{:?}",
                    &text[start..end]
                );
            }
        }
    }

    #[test]
    fn what_follows_a_terminator_is_told_by_bytes_as_by_characters() {
        // The characters' reading: white space trimmed as `str::trim_start` trims it.
        let by_chars = |rest: &str| {
            let trimmed = rest.trim_start();
            trimmed.len() != rest.len()
                && trimmed.chars().next().is_none_or(|c| {
                    c.is_uppercase()
                        || c.is_numeric()
                        || matches!(
                            c,
                            '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '•' | '—' | '-'
                        )
                })
        };
        for rest in [
            " The",
            " the",
            "The",
            "  9",
            "\t(",
            "\n[x",
            " ",
            " \t\r\n",
            "\u{a0}The",
            " \u{a0}The",
            " \u{2003}a",
            "\u{2003}B",
            " “Q",
            " ‘q",
            " «",
            " •",
            " —",
            " -",
            " _",
            " é",
            " É",
            " ٣",
            "”",
            " \u{b}A",
            " \u{c}a",
            " \"",
            " '",
            " )",
            "x",
        ] {
            let text = format!("Done.{rest}");
            assert_eq!(
                starts_sentence_after(&text, 5, text.len()),
                by_chars(rest),
                "{rest:?}"
            );
        }
    }
}
