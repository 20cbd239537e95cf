//! Text written in capitals ("TEHRAN, Iran —", "SOCCER - JAPAN GET LUCKY WIN"), read as its names are
//! written in the gazetteer.
//!
//! The automaton holds every alias as written plus a flipped first letter, not in capitals: doubling
//! it for headlines and datelines would double its build time. Instead, each run of words in
//! capitals is title-cased in two copies of the text, one with every word capitalised ("LA CORUNA"
//! → "La Coruna", "O'NEILL" → "O'Neill") and one that keeps in lower case the words names hold in
//! lower case ("BOSNIA AND HERZEGOVINA" → "Bosnia and Herzegovina"), and the automaton scans the
//! copies there. A copy has the same byte length character by character, so its offsets are the
//! document's.

use crate::gazetteer::Gazetteer;
use aho_corasick::{Input, Match};
use std::ops::Range;

/// The document's runs of words in capitals and their title-cased copies.
pub struct Shouted {
    /// The document text with every word of every run capitalised; empty when there is no run.
    titled: String,
    /// The same with the gazetteer's lowercase words in lower case, when that changes anything.
    connected: Option<String>,
    /// Byte ranges of the runs, in order.
    runs: Vec<Range<usize>>,
}

impl Shouted {
    /// Finds the runs of `text` (words of two or more letters, none lowercase, separated by
    /// anything but letters and digits) and title-cases them.
    pub fn new(text: &str, gaz: &Gazetteer) -> Shouted {
        let mut runs: Vec<Range<usize>> = Vec::new();
        let mut run_words: Vec<Vec<Range<usize>>> = Vec::new();
        let mut prev_end = None;
        for w in words(text) {
            let shouted = is_shouted(&text[w.clone()]);
            let joins = prev_end
                .is_some_and(|e: usize| !text[e..w.start].chars().any(char::is_alphanumeric));
            match (shouted, joins, runs.last_mut(), run_words.last_mut()) {
                (true, true, Some(r), Some(ws)) => {
                    r.end = w.end;
                    ws.push(w.clone());
                }
                (true, _, _, _) => {
                    runs.push(w.clone());
                    run_words.push(vec![w.clone()]);
                }
                _ => {}
            }
            prev_end = shouted.then_some(w.end);
        }
        if runs.is_empty() {
            return Shouted {
                titled: String::new(),
                connected: None,
                runs,
            };
        }
        let copy = |connectors: bool| {
            let mut copy = String::with_capacity(text.len());
            let mut from = 0;
            for ws in &run_words {
                for (k, w) in ws.iter().enumerate() {
                    copy.push_str(&text[from..w.start]);
                    let keep_lower = |part: &str| connectors && k > 0 && gaz.keeps_lowercase(part);
                    title_case_into(&text[w.clone()], keep_lower, &mut copy);
                    from = w.end;
                }
            }
            copy.push_str(&text[from..]);
            debug_assert_eq!(copy.len(), text.len());
            copy
        };
        let titled = copy(false);
        let connected = Some(copy(true)).filter(|c| *c != titled);
        Shouted {
            titled,
            connected,
            runs,
        }
    }

    /// The leftmost-longest automaton match in a run at or after byte `pos` that `keep` accepts,
    /// in either copy.
    pub fn find(
        &self,
        gaz: &Gazetteer,
        pos: usize,
        keep: impl Fn(&Match) -> bool,
    ) -> Option<Match> {
        let first = self.runs.partition_point(|r| r.end <= pos);
        self.runs[first..].iter().find_map(|r| {
            let span = pos.max(r.start)..r.end;
            std::iter::once(&self.titled)
                .chain(&self.connected)
                .filter_map(|copy| first_kept(gaz, copy, span.clone(), &keep))
                .min_by_key(|m| (m.start(), std::cmp::Reverse(m.end())))
        })
    }
}

/// The first leftmost-longest match of `copy[span]` that `keep` accepts.
fn first_kept(
    gaz: &Gazetteer,
    copy: &str,
    span: Range<usize>,
    keep: impl Fn(&Match) -> bool,
) -> Option<Match> {
    let mut at = span.start;
    while at < span.end {
        let m = gaz.automaton().find(Input::new(copy).span(at..span.end))?;
        if keep(&m) {
            return Some(m);
        }
        at = m.start() + copy[m.start()..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Byte ranges of the words of `text`: letters joined by inner apostrophes and hyphens.
fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let joins = matches!(c, '\'' | '’' | '-')
            && start.is_some()
            && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic());
        if c.is_alphabetic() || joins {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            // A digit glued to the word ("F16") makes it no word in capitals.
            if c.is_numeric() {
                while chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric()) {
                    chars.next();
                }
                continue;
            }
            out.push(s..i);
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// Two or more letters and no lowercase letter.
fn is_shouted(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// Appends `word` title-cased: each hyphen-separated part capitalised and the rest in lower case,
/// or all in lower case when `keep_lower` says so of the part; after an apostrophe that follows a
/// single letter ("O'NEILL"), a capital. Characters whose case pair has another UTF-8 length are
/// kept as they are, so the copy stays aligned with the text.
fn title_case_into(word: &str, keep_lower: impl Fn(&str) -> bool, out: &mut String) {
    for (k, part) in word.split('-').enumerate() {
        if k > 0 {
            out.push('-');
        }
        let lower: String = part.chars().map(same_len_lower).collect();
        if keep_lower(&lower) {
            out.push_str(&lower);
            continue;
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

    fn copies(text: &str) -> (String, Option<String>) {
        let s = Shouted::new(text, &sample());
        if s.runs.is_empty() {
            (text.to_owned(), None)
        } else {
            (s.titled, s.connected)
        }
    }

    fn copy(text: &str) -> String {
        copies(text).0
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
