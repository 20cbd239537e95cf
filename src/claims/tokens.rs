//! Word tokens over a document's sentences, the unit the attribution rules look at.
//!
//! A word is a run of letters and digits that may hold inner apostrophes, periods, hyphens and
//! ampersands ("Iran’s", "U.S", "co-founder", "AT&T"); a known abbreviation or an initial keeps its
//! final period ("Mr.", "U.S.", "J."). Everything else that is not a space is a one-character token,
//! except two ASCII apostrophes in a row (`''`), which some newspapers use as a double quote.

use crate::lexicon::ABBREVIATIONS;
use crate::sentences::Sentence;
use crate::text::{char_within, is_word_char};
use std::ops::Range;

/// One token: a byte span of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// Whether the token is a word (starts with a letter or digit).
    pub word: bool,
}

impl Tok {
    /// The byte range of the token.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// The tokens of every sentence, in document order, and each sentence's token range.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    /// All tokens.
    pub toks: Vec<Tok>,
    /// For each sentence, the range of `toks` it covers.
    pub sentences: Vec<Range<usize>>,
}

/// Tokenizes the sentences of `text`.
pub fn tokenize(text: &str, sentences: &[Sentence]) -> Tokens {
    let mut out = Tokens {
        toks: Vec::with_capacity(text.len() / 5),
        sentences: Vec::with_capacity(sentences.len()),
    };
    for s in sentences {
        let first = out.toks.len();
        tokenize_range(text, s.range(), &mut out.toks);
        out.sentences.push(first..out.toks.len());
    }
    out
}

fn tokenize_range(text: &str, range: Range<usize>, out: &mut Vec<Tok>) {
    let mut i = range.start;
    while let Some((c, len)) = char_within(text, i, range.end) {
        if c.is_whitespace() {
            i += len;
            continue;
        }
        let word = is_word_char(c);
        let end = if word {
            word_end(text, i, range.end)
        } else if c == '\'' && text.as_bytes().get(i + 1) == Some(&b'\'') {
            i + 2
        } else {
            i + len
        };
        out.push(Tok {
            start: i,
            end,
            word,
        });
        i = end;
    }
}

/// The end of the word starting at `start`.
fn word_end(text: &str, start: usize, limit: usize) -> usize {
    let bytes = &text.as_bytes()[..limit];
    let mut end = start;
    loop {
        // ASCII letters and digits, most of any word, are taken without decoding them.
        end += bytes[end..]
            .iter()
            .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'_')
            .count();
        let Some((c, len)) = char_within(text, end, limit) else {
            break;
        };
        // A letter beyond ASCII, or an inner apostrophe, period, hyphen or ampersand before more of
        // the word.
        let goes_on = is_word_char(c)
            || matches!(c, '\'' | '’' | '.' | '-' | '&')
                && char_within(text, end + len, limit).is_some_and(|(n, _)| is_word_char(n));
        if !goes_on {
            break;
        }
        end += len;
    }
    // "Mr." and "U.S." keep their period; a sentence-final period stays a token of its own.
    if text[end..limit].starts_with('.') {
        let word = &text[start..end];
        let initial = word.chars().count() == 1 && word.starts_with(char::is_uppercase);
        if initial || ABBREVIATIONS.contains(word) {
            end += 1;
        }
    }
    end
}

/// Lowercases an ASCII word (with ’ as '), for looking it up in a lexicon without allocating: the
/// word itself when it is already folded, else a copy in `buf`. Returns None for words that cannot
/// be in a lexicon (non-ASCII letters, too long).
pub fn fold<'a>(word: &'a str, buf: &'a mut [u8; 48]) -> Option<&'a str> {
    if word.len() > buf.len() {
        return None;
    }
    if word.is_ascii() {
        if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return Some(word);
        }
        let folded = buf.get_mut(..word.len())?;
        folded.copy_from_slice(word.as_bytes());
        folded.make_ascii_lowercase();
        return std::str::from_utf8(folded).ok();
    }
    let mut n = 0;
    for c in word.chars() {
        let b = match c {
            '’' => b'\'',
            c if c.is_ascii() => c.to_ascii_lowercase() as u8,
            _ => return None,
        };
        *buf.get_mut(n)? = b;
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// The word without its possessive ending ("Sony's", "Iran’s" → "Sony", "Iran"), if it has one.
pub fn possessive_stem(word: &str) -> Option<&str> {
    word.strip_suffix("'s").or_else(|| word.strip_suffix("’s"))
}

/// True when the word starts with an uppercase letter or a digit-free capital ("Parsi", "U.S.").
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;

    fn words(raw: &str) -> Vec<String> {
        let doc = Document::from_text("t".into(), "t".into(), raw);
        let s = crate::sentences::split(&doc);
        let t = tokenize(&doc.text, &s);
        t.toks
            .iter()
            .map(|t| doc.text[t.range()].to_owned())
            .collect()
    }

    #[test]
    fn words_keep_inner_punctuation_and_abbreviation_periods() {
        assert_eq!(
            words("Mr. Parsi’s co-founder said ''no'' to U.S. officials."),
            vec![
                "Mr.",
                "Parsi’s",
                "co-founder",
                "said",
                "''",
                "no",
                "''",
                "to",
                "U.S.",
                "officials",
                "."
            ]
        );
        assert_eq!(
            words("“Yes,” he said."),
            vec!["“", "Yes", ",", "”", "he", "said", "."]
        );
    }

    #[test]
    fn fold_lowercases_without_allocating() {
        let mut buf = [0u8; 48];
        assert_eq!(fold("Didn’t", &mut buf), Some("didn't"));
        assert_eq!(fold("Téhéran", &mut buf), None);
        assert_eq!(fold(&"x".repeat(60), &mut buf), None);
    }
}
