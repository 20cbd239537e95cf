//! Finding double-quoted spans, paragraph by paragraph.
//!
//! Marks: “ „ « open, ” » close; a straight `"` (or the `''` some newspapers print) opens when nothing
//! is open and closes otherwise, except that one after a sentence's end and a space, before a word,
//! ends the open quote there and opens the next ("… semi-finals. "This is …": papers that reopen
//! the quote at each quoted sentence close it only at the last). A curly mark typed the wrong way
//! round is read by its place: “ after closing punctuation and before a space closes an open quote,
//! ” before a word opens one. Single quotes are left alone: ’ is far more often an apostrophe, and
//! single-quoted phrases are scare quotes or titles, not claims.
//!
//! Journalistic convention for a quote running over several paragraphs: each paragraph reopens the
//! quote and only the last one closes it. So a quote still open at the end of a paragraph continues
//! when the next paragraph opens with a quote mark; otherwise it is unbalanced and is closed at the
//! paragraph end, with a warning for documents.csv.

use super::function_words::{self, WordClass, FUNCTION_WORDS};
use crate::swar::{ascii_spaces, HIGHS};
use crate::text::{char_at, char_before};
use crate::tokens::{Tok, TokenId, Tokens};
use std::ops::Range;

/// Unbalanced quotation marks listed one by one in a document's warnings; the rest are counted.
const MAX_LISTED_WARNINGS: usize = 5;

/// One quoted span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// The quoted words: inside the marks, trimmed of spaces and a trailing comma.
    pub inner: Range<usize>,
    /// Byte offset just after the closing mark (the paragraph end when there is none).
    pub close: usize,
    /// Whether this quote continues one left open at the end of the previous paragraph.
    pub continued: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
    /// Straight quote: direction decided by state and context.
    Either,
}

/// The bytes at which a mark may start: the token pass lists them
/// ([`Tokens::quotation_marks`]). Every mark is a token of its own (a quotation mark is no word
/// character, and the token `''` starts at the doubled mark's first apostrophe), so the scan
/// stops only at the starts of the tokens that are quotation marks.
struct MarkStarts<'t> {
    /// The token table.
    toks: &'t [Tok],
    /// The candidates, in order: tokens of `toks`.
    marks: &'t [TokenId],
    /// The first candidate not yet passed.
    next: usize,
}

impl<'t> MarkStarts<'t> {
    fn new(tokens: &'t Tokens) -> MarkStarts<'t> {
        MarkStarts {
            toks: &tokens.toks,
            marks: &tokens.quotation_marks,
            next: 0,
        }
    }

    /// The first mark-start byte at or after `from`, or `end` (the paragraph's) when there is none
    /// before it. `from` never decreases from one call to the next.
    fn next(&mut self, from: usize, end: usize) -> usize {
        let start = |m: &TokenId| self.toks[m.index()].start;
        while self.marks.get(self.next).is_some_and(|m| start(m) < from) {
            self.next += 1;
        }
        self.marks.get(self.next).map_or(end, |m| start(m).min(end))
    }
}

fn mark_at(text: &str, i: usize) -> Option<(Mark, usize)> {
    // An ASCII byte is a character of its own: only `"` and `'` are marks among them (the scan
    // stops at every paragraph's start, where most bytes are letters).
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() && b != b'"' && b != b'\'' {
        return None;
    }
    let c = char_at(text, i)?;
    match c {
        '“' | '„' | '«' => Some((Mark::Open, c.len_utf8())),
        '”' | '»' => Some((Mark::Close, c.len_utf8())),
        '"' => Some((Mark::Either, 1)),
        '\'' if text.as_bytes().get(i + 1) == Some(&b'\'') => Some((Mark::Either, 2)),
        _ => None,
    }
}

/// A mark typed the wrong way round: “Apparently not,“ he said (an opening mark after closing
/// punctuation, before a space, while a quote is open, closes it) and ”Sorry, Sarah,” (a closing
/// mark before a word, while none is open, opens one; so does one opening its paragraph before an
/// ellipsis, ”… if the plan works,” it read). Invisible format characters before the mark (a
/// left-to-right embedding some sites paste before a quoted post) do not count.
fn repaired(text: &str, i: usize, len: usize, mark: Mark, is_open: bool) -> Mark {
    // An ASCII byte before the mark (nearly always: a space, a letter, punctuation) is the
    // character before it, as no format character is ASCII: told without decoding backwards.
    let before = match i.checked_sub(1).map(|j| text.as_bytes()[j]) {
        Some(b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text[..i].trim_end_matches(is_format).chars().next_back(),
        None => None,
    };
    let after = char_at(text, i + len);
    let ellipsis = || {
        let rest = text[i + len..].trim_start_matches(' ');
        before.is_none_or(|c| c == '\n')
            && rest.starts_with(['…', '.'])
            && rest
                .trim_start_matches(['…', '.', ' '])
                .starts_with(char::is_alphanumeric)
    };
    match mark {
        Mark::Open
            if is_open
                && before.is_some_and(|c| matches!(c, ',' | '.' | '?' | '!' | '…'))
                && after.is_none_or(char::is_whitespace) =>
        {
            Mark::Close
        }
        Mark::Close
            if !is_open
                && before.is_none_or(|c| c.is_whitespace())
                && (after.is_some_and(char::is_alphanumeric) || ellipsis()) =>
        {
            Mark::Open
        }
        m => m,
    }
}

/// Invisible format characters: zero-width spaces and joiners, direction marks and embeddings, the
/// word joiner and a byte-order mark.
fn is_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Whether a straight mark at `i`, while a quote is open, opens a new quoted sentence instead of
/// closing the open one: it stands between a sentence's end and a space before it and a word after
/// it ("… semi-finals. "This is …"). Some papers (BBC among them) reopen the quote at each quoted
/// sentence of a paragraph and close it only at the last; read as a closing mark, that mark would
/// pair the writer's words between two quotes as a quotation.
fn reopens(text: &str, i: usize, len: usize, mark: Mark) -> bool {
    if mark != Mark::Either || !char_at(text, i + len).is_some_and(char::is_alphanumeric) {
        return false;
    }
    let before = text[..i].trim_end_matches(' ');
    before.len() < i && before.ends_with(['.', '?', '!'])
}

/// Finds the quotes in `paragraphs` (byte ranges, in order), whose sentences `tokens` holds.
/// Returns them in order, with one warning per quote that had to be closed at a paragraph end.
pub fn find(text: &str, paragraphs: &[Range<usize>], tokens: &Tokens) -> (Vec<Quote>, Vec<String>) {
    // (Two marks to a quote, most often.)
    let mut quotes = Vec::with_capacity(tokens.quotation_marks.len() / 2);
    let mut unbalanced = Vec::new();
    let mut carried = false;
    let mut starts = MarkStarts::new(tokens);
    for (p, para) in paragraphs.iter().enumerate() {
        let mut open: Option<(usize, usize)> = None;
        let mut continued = carried;
        carried = false;
        let mut i = para.start;
        while i < para.end {
            let Some((mark, len)) = mark_at(text, i) else {
                // Every mark starts a token `MarkStarts` lists, so the scan can jump over
                // everything else.
                i = starts.next(i + 1, para.end);
                continue;
            };
            // Only the ASCII doubled quote: « and » are two bytes long too, and stepping one byte
            // into them would split a character.
            if len == 2
                && open.is_some()
                && text.as_bytes()[i] == b'\''
                && text.as_bytes().get(i + 2) == Some(&b'\'')
            {
                // "'What did he mean?''' Mr. Biden said": a single quote closes first, then the
                // doubled one.
                i += 1;
                continue;
            }
            let mark = repaired(text, i, len, mark, open.is_some());
            if let Some((o, olen)) = open.filter(|_| reopens(text, i, len, mark)) {
                // "… semi-finals. "This is …": the open quote ended with its sentence.
                push(text, &mut quotes, o, o + olen..i, i, continued);
                continued = false;
                open = Some((i, len));
                i += len;
                continue;
            }
            let closes = match (mark, open) {
                (Mark::Close, _) => true,
                (Mark::Open, _) => false,
                (Mark::Either, Some(_)) => true,
                (Mark::Either, None) => false,
            };
            match (closes, open) {
                (true, Some((o, olen))) => {
                    push(text, &mut quotes, o, o + olen..i, i + len, continued);
                    continued = false;
                    open = None;
                }
                // A stray closing mark: nothing to close.
                (true, None) => {}
                (false, previous) => {
                    if let Some((o, _)) = previous {
                        unbalanced.push(o);
                    }
                    open = Some((i, len));
                }
            }
            i += len;
        }
        if let Some((o, olen)) = open {
            let next_opens = paragraphs
                .get(p + 1)
                .and_then(|n| mark_at(text, n.start))
                .is_some_and(|(m, _)| m != Mark::Close);
            if next_opens {
                carried = true;
            } else {
                unbalanced.push(o);
            }
            push(
                text,
                &mut quotes,
                o,
                o + olen..para.end,
                para.end,
                continued,
            );
        }
    }
    unbalanced.sort_unstable();
    // Code points are counted from the previous listed quote, not from the start, and only the
    // first few are listed: a document of stray quote marks must not cost quadratic time or make a
    // documents.csv cell of megabytes.
    let (mut chars, mut from) = (0, 0);
    let mut warnings: Vec<String> = unbalanced
        .iter()
        .take(MAX_LISTED_WARNINGS)
        .map(|&o| {
            chars += text[from..o].chars().count();
            from = o;
            format!("unbalanced quotation mark at char {chars}: closed at the end of its paragraph")
        })
        .collect();
    if unbalanced.len() > MAX_LISTED_WARNINGS {
        warnings.push(format!(
            "{} more unbalanced quotation marks, closed the same way",
            unbalanced.len() - MAX_LISTED_WARNINGS
        ));
    }
    (quotes, warnings)
}

fn push(
    text: &str,
    out: &mut Vec<Quote>,
    open: usize,
    inner: Range<usize>,
    close: usize,
    continued: bool,
) {
    let s = &text[inner.clone()];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s[lead..].trim_end().trim_end_matches(',').trim_end();
    if trimmed.is_empty() {
        return;
    }
    let start = inner.start + lead;
    out.push(Quote {
        open,
        inner: start..start + trimmed.len(),
        close,
        continued,
    });
}

/// Whether a byte range of `text` holds a double quote mark (a quotation, for the mixed kind).
pub fn has_quote_mark(text: &str) -> bool {
    text.contains(['“', '”', '"', '„', '«', '»']) || text.contains("''")
}

/// Whether `text` holds a single-quoted phrase: an opening `‘` or `'` at its start or after a space,
/// an opening bracket or a dash, right before a letter, and later a closing `’` or `'` that no letter
/// follows (*NFL has gone ‘soft’ like the US*, *fear 'Europe is disintegrating.'*). Headlines and
/// some papers quote that way; a reported clause holding one is a mixed claim, as PolNeAR reads it.
/// Apostrophes inside words (*Iran’s*, *don't*) and elisions after a space (*'90s*) open nothing.
/// Single-quoted phrases alone are still no claims (see the module docs).
pub fn has_single_quoted(text: &str) -> bool {
    // Only the marks change anything: go from one to the next (`'`, or the lead byte 0xE2 of `‘`
    // and `’`), reading the characters on either side of each.
    let mut open = false;
    for i in memchr::memchr2_iter(b'\'', 0xE2, text.as_bytes()) {
        let c = match text.as_bytes()[i] {
            b'\'' => '\'',
            _ => match text[i..].chars().next() {
                Some(c @ ('‘' | '’')) => c,
                _ => continue,
            },
        };
        let prev = crate::text::char_before(text, i);
        let next = text[i + c.len_utf8()..].chars().next();
        let opens = c != '’'
            && prev.is_none_or(|p| p.is_whitespace() || "([{-\u{2013}\u{2014}".contains(p))
            && next.is_some_and(char::is_alphabetic);
        if opens {
            open = true;
        } else if open && c != '‘' && !next.is_some_and(char::is_alphabetic) {
            return true;
        }
    }
    false
}

/// Whether the quote's words form a clause a person said, rather than a phrase in scare quotes:
/// at least four words, or ending with sentence punctuation.
pub fn is_clause(text: &str, q: &Quote) -> bool {
    // Several rules ask this of the same quote, so stop at the fourth word rather than count
    // every word of a long quote each time.
    has_words(&text[q.inner.clone()], 4)
        || char_before(text, q.inner.end).is_some_and(|c| matches!(c, '.' | '!' | '?' | '…'))
}

/// Whether the quote holds one word ("he found “evidence” that …", "the spot, titled “Arrogant,”"):
/// a scare quote or a name, which PolNeAR gives to no one unless a speech cue introduces it.
pub fn is_one_word(text: &str, q: &Quote) -> bool {
    !has_words(&text[q.inner.clone()], 2)
}

/// Whether `s` holds at least `n` words, as [`str::split_whitespace`] counts them: eight ASCII
/// bytes at a time (their spaces found as bits, [`ascii_spaces`]), else byte by byte, decoding
/// only a character beyond ASCII.
fn has_words(s: &str, n: usize) -> bool {
    let bytes = s.as_bytes();
    let (mut words, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() {
        if let Some(&chunk) = bytes[i..].first_chunk::<8>() {
            let w = u64::from_le_bytes(chunk);
            if w & HIGHS == 0 {
                // A word starts at a byte that is no space after one that is (or after no word).
                let spaces = ascii_spaces(w);
                let others = !spaces & HIGHS;
                let after_space = (spaces << 8) | (u64::from(!in_word) << 7);
                words += (others & after_space).count_ones() as usize;
                if words >= n {
                    return true;
                }
                in_word = others >> 63 != 0;
                i += 8;
                continue;
            }
        }
        let (space, len) = match bytes[i] {
            b if b.is_ascii() => (crate::text::is_ascii_space(b), 1),
            _ => match s[i..].chars().next() {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => break,
            },
        };
        if !space && !in_word {
            words += 1;
            if words == n {
                return true;
            }
        }
        in_word = !space;
        i += len;
    }
    false
}

/// Whether quoted words are a title ("Ban on Face Coverings", "The Art of the Deal"): every word
/// but the minor words of `lexicons/function_words/title_minor.txt` capitalised.
pub fn is_title(words: &str) -> bool {
    // Most quotes are told by their first two or three words, which are mostly ASCII: read as
    // bytes, up to the first word that holds a byte beyond ASCII.
    let bytes = words.as_bytes();
    let mut content_words = 0;
    let mut i = 0;
    loop {
        // (The spaces `char::is_whitespace` tells among ASCII: tab to carriage return, space.)
        let space = |b: u8| b == b' ' || (9..=13).contains(&b);
        while i < bytes.len() && space(bytes[i]) {
            i += 1;
        }
        if i == bytes.len() {
            return content_words >= 2;
        }
        let start = i;
        while i < bytes.len() && !space(bytes[i]) {
            if !bytes[i].is_ascii() {
                return is_title_of_words(words);
            }
            i += 1;
        }
        // An ASCII word between ASCII spaces is a word of `split_whitespace` as it is.
        let w = &bytes[start..i];
        let Some(first) = w.iter().position(u8::is_ascii_alphanumeric) else {
            continue;
        };
        let last = w
            .iter()
            .rposition(u8::is_ascii_alphanumeric)
            .unwrap_or(first);
        let w = &w[first..=last];
        if w[0].is_ascii_uppercase() {
            content_words += 1;
        } else if !FUNCTION_WORDS.is_bytes(w, WordClass::TitleMinor) {
            return false;
        }
    }
}

/// [`is_title`] read word by word as [`str::split_whitespace`] gives them.
fn is_title_of_words(words: &str) -> bool {
    let mut content_words = 0;
    for w in words.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if crate::tokens::is_capitalized(w) {
            content_words += 1;
        } else if !w.is_empty() && !function_words::is(w, WordClass::TitleMinor) {
            return false;
        }
    }
    content_words >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_quoted_phrases() {
        assert!(has_single_quoted("NFL has gone ‘soft’ like the US"));
        assert!(has_single_quoted("'Europe is disintegrating.'"));
        assert!(has_single_quoted("the plan is 'dead on arrival', he said"));
        assert!(has_single_quoted("(‘Bold Move’) praised"));
        assert!(!has_single_quoted("Kim’s team won't budge"));
        assert!(!has_single_quoted("the voters' choice in the '90s"));
        assert!(!has_single_quoted("an open ‘quote that never closes"));
        assert!(!has_single_quoted("it will rain"));
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for s in [
            "",
            " ",
            "a",
            "a b c",
            " a b  c d",
            "a\u{a0}b\u{2003}c d",
            "a\u{a0}b\u{2003}c",
            "é è\tà\nù",
            "“ ” ‘ ’",
            "one two three four five",
        ] {
            for n in 1..6 {
                assert_eq!(
                    has_words(s, n),
                    s.split_whitespace().nth(n - 1).is_some(),
                    "{s:?} {n}"
                );
            }
        }
        // Longer stretches, read eight bytes at a time, with every kind of space and letters
        // beyond ASCII at every place.
        let pieces = [
            "a",
            "bc",
            "defgh",
            " ",
            "  ",
            "\t",
            "\n",
            "\u{b}",
            "\u{c}",
            "\r",
            "\u{1f}",
            "é",
            "\u{a0}",
            "\u{2003}",
            "”",
            ",",
            "123456789",
        ];
        for s in crate::testing::random_texts(&pieces, 4000, 24, 0x2545_f491_4f6c_dd1d) {
            for n in 1..12 {
                assert_eq!(
                    has_words(&s, n),
                    s.split_whitespace().nth(n - 1).is_some(),
                    "{s:?} {n}"
                );
            }
        }
    }

    #[test]
    fn titles() {
        assert!(is_title("Ban on Face Coverings"));
        assert!(is_title(
            "The Trumps: Three Generations That Built an Empire,"
        ));
        assert!(is_title("The Lead with Jake Tapper"));
        assert!(!is_title("We are ready to talk."));
    }

    #[test]
    fn titles_read_as_bytes_as_word_by_word() {
        let words = [
            "Ban", "on", "the", "ready", "(Face)", "“Lead", "Jake”", "--", "’Twas", "Émile",
            "a\u{a0}B", "x\u{85}Y", "\u{b}", "\t", "\u{2003}", "3", "ok,", "-", "Of", "ÉTATS",
        ];
        let mut cases = vec![String::new(), " ".to_owned()];
        for a in words {
            for b in words {
                for c in ["", " The", "\tWith Jake", " we", "\u{a0}Art"] {
                    cases.push(format!("{a} {b}{c}"));
                    cases.push(format!(" {a}\n{b} {c} "));
                }
            }
        }
        for s in &cases {
            assert_eq!(is_title(s), is_title_of_words(s), "{s:?}");
        }
    }

    /// `text`'s quotes, each line a paragraph of one sentence.
    fn find_in_lines(text: &str) -> (Vec<Quote>, Vec<String>) {
        let mut paras = Vec::new();
        let mut sentences = Vec::new();
        let mut start = 0;
        for (p, line) in text.split('\n').enumerate() {
            paras.push(start..start + line.len());
            sentences.push(crate::sentences::Sentence {
                start,
                end: start + line.len(),
                paragraph: p as u32,
            });
            start += line.len() + 1;
        }
        find(text, &paras, &crate::tokens::tokenize(text, &sentences))
    }

    fn quotes(text: &str) -> (Vec<(String, bool)>, Vec<String>) {
        let (q, w) = find_in_lines(text);
        (
            q.iter()
                .map(|q| (text[q.inner.clone()].to_owned(), q.continued))
                .collect(),
            w,
        )
    }

    #[test]
    fn curly_straight_and_doubled_apostrophes() {
        let (q, w) = quotes("“They rejected him,” Parsi said. \"Yes.\" ''Fine,'' he said.");
        let texts: Vec<&str> = q.iter().map(|q| q.0.as_str()).collect();
        assert_eq!(texts, vec!["They rejected him", "Yes.", "Fine"]);
        assert!(w.is_empty());
    }

    #[test]
    fn marks_are_found_among_other_two_and_three_byte_characters() {
        // £ and the no-break space start with 0xC2 like « and »; ’ and – with 0xE2 like “ and ”.
        let (q, w) = quotes(
            "It cost £5\u{a0}m – «Trop cher», dit-il. It’s “fine”, £2 «non» and \"yes\" too.",
        );
        let texts: Vec<&str> = q.iter().map(|q| q.0.as_str()).collect();
        assert_eq!(texts, ["Trop cher", "fine", "non", "yes"]);
        assert!(w.is_empty());
    }

    #[test]
    fn multi_paragraph_quotes_continue() {
        let (q, w) = quotes("“First part of a long quote.\n“Second part,” she said.\nAfter.");
        assert_eq!(
            q,
            vec![
                ("First part of a long quote.".to_owned(), false),
                ("Second part".to_owned(), true)
            ]
        );
        assert!(w.is_empty());
    }

    #[test]
    fn unbalanced_quotes_close_at_paragraph_end_with_a_warning() {
        let (q, w) = quotes("He said “never again.\nNext paragraph.”");
        assert_eq!(q, vec![("never again.".to_owned(), false)]);
        assert_eq!(
            w,
            vec!["unbalanced quotation mark at char 8: closed at the end of its paragraph"]
        );
        let (q, w) = quotes("“a “b” c");
        assert_eq!(q, vec![("b".to_owned(), false)]);
        assert_eq!(w.len(), 1);
        let (_, w) = quotes(&"a “x\n\n".repeat(8));
        assert_eq!(w.len(), 6, "{w:?}");
        assert!(w[1].contains("char 8:"), "{w:?}");
        assert!(w[5].starts_with("3 more"), "{w:?}");
        assert_eq!(quotes("”").0, vec![]);
        assert_eq!(quotes("").0, vec![]);
    }

    #[test]
    fn a_single_quote_closing_inside_a_doubled_one() {
        let (q, _) = quotes("''She'd say, 'What did he mean?''' Mr. Biden said.");
        assert_eq!(q[0].0, "She'd say, 'What did he mean?'");
        // A guillemet before an apostrophe is not a doubled quote (this used to split the «).
        let (q, _) = quotes("He said « yes «' no.");
        assert!(q.iter().all(|q| !q.0.is_empty()));
    }

    #[test]
    fn a_straight_mark_after_a_sentence_and_a_space_reopens_the_quote() {
        // Each quoted sentence reopened, only the last one closed: every sentence is quoted, the
        // writer's sentence after the closing mark is not.
        let (q, w) = quotes("\"In the past it was fine. \"This is the change.\" Despite this, he is hopeful. \"I am fit,\" he said.");
        let texts: Vec<&str> = q.iter().map(|q| q.0.as_str()).collect();
        assert_eq!(
            texts,
            [
                "In the past it was fine.",
                "This is the change.",
                "I am fit"
            ]
        );
        assert!(w.is_empty());
        // A closing mark right after the punctuation, or one before a space, still closes.
        let (q, _) = quotes("\"It is over.\"He left. \"Yes. \" she said.");
        let texts: Vec<&str> = q.iter().map(|q| q.0.as_str()).collect();
        assert_eq!(texts, ["It is over.", "Yes."]);
    }

    #[test]
    fn marks_typed_the_wrong_way_round() {
        let (q, w) = quotes("“Apparently not,“ he said. ”Sorry, Sarah,” she wrote.");
        let texts: Vec<&str> = q.iter().map(|q| q.0.as_str()).collect();
        assert_eq!(texts, vec!["Apparently not", "Sorry, Sarah"]);
        assert!(w.is_empty());
        // After an invisible embedding mark, and before an ellipsis at a paragraph's start.
        let (q, w) = quotes("\u{202A}”This is why,” said Jane Roe.");
        assert_eq!(
            q.iter().map(|q| q.0.as_str()).collect::<Vec<_>>(),
            vec!["This is why"]
        );
        assert!(w.is_empty());
        let (q, w) = quotes("” … if the plan works, so can we,” it read.");
        assert_eq!(
            q.iter().map(|q| q.0.as_str()).collect::<Vec<_>>(),
            vec!["… if the plan works, so can we"]
        );
        assert!(w.is_empty());
        // Not in the middle of a paragraph: a stray closing mark before an ellipsis opens nothing.
        let (q, _) = quotes("He paused ” … and went on.");
        assert!(q.is_empty());
    }

    #[test]
    fn clauses_versus_scare_quotes() {
        let text = "his “maximum pressure” strategy; “It left Trump in a bind.” “No.”";
        let (q, _) = find_in_lines(text);
        let got: Vec<bool> = q.iter().map(|q| is_clause(text, q)).collect();
        assert_eq!(got, vec![false, true, true]);
    }
}
