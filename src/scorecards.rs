//! Cricket scorecards name players by their surname alone: the fielder and the bowler of a dismissal
//! ("S. Law c Tillekeratne b Dharmasena 13") and the bowlers with their figures ("Bowling : Vaas
//! 7-0-29-0 , de Silva 4-0-25-0"). Those names are people, however unknown the surname.
//!
//! In a sentence, a name (one to three name-shaped words or surname particles, see
//! [`crate::name_lists`]) is a player when
//! - a dismissal word of `lexicons/scorecard_dismissals.txt` ("c", "b", "st") comes right before it
//!   and another dismissal word or a number of runs ("13", "46*") right after it, or
//! - bowling figures (overs, maidens, runs, wickets: "10-0-41-2", "9.3-1-30-3") come right after it
//!   and no name word right before it.
//!
//! A sentence must hold two such players at least, so one stray "b" is no scorecard. A name any
//! mention touches is left to that mention; the others become people (rule `scorecard`), and
//! resolution finds them again where they repeat ("Did not bat : Dharmasena , Vaas").

use crate::discover::Named;
use crate::gazetteer::Gazetteer;
use crate::lexicon::{WordShapes, SCORECARD_DISMISSALS};
use crate::mentions::Mention;
use crate::name_lists::{add_people, name_word};
use crate::tokens::{Classes, SentenceBits, Shape, Tok, Tokens};
use once_cell::sync::Lazy;

/// The rule name recorded in `how` and `source`.
pub const RULE: &str = "scorecard";

/// The longest name of a player, in words ("Aravinda de Silva").
const LONGEST: usize = 3;

/// The hyphens in bowling figures ("10-0-41-2": overs, maidens, runs, wickets; [`is_figures`]).
const FIGURES_HYPHENS: usize = 3;

/// The shapes of the dismissal words (`lexicons/scorecard_dismissals.txt`), of which their length
/// and first bytes are read.
static DISMISSAL_SHAPES: Lazy<WordShapes> = Lazy::new(|| SCORECARD_DISMISSALS.shapes());

/// Builds the shapes of the dismissal words now (see [`crate::pipeline::prepare`]).
pub fn prepare() {
    Lazy::force(&DISMISSAL_SHAPES);
}

/// Finds the players of scorecards (see the module documentation). `mentions` are the document's,
/// sorted; the new mentions are merged into them.
pub(crate) fn find(
    text: &str,
    table: &Tokens,
    gaz: &Gazetteer,
    named: &mut Named,
    mentions: &mut Vec<Mention>,
) {
    let mut added: Vec<(usize, usize)> = Vec::new();
    let mut players: Vec<(usize, usize)> = Vec::new();
    // Dismissal words are short and open with one of a few letters: another word is not looked up.
    let shapes = &*DISMISSAL_SHAPES;
    let dismissals = &*SCORECARD_DISMISSALS;
    let bytes = text.as_bytes();
    let is_dismissal = |t: &Tok| {
        t.end - t.start <= shapes.longest()
            && shapes.may_start(bytes[t.start])
            && dismissals.contains(&text[t.range()])
    };
    // Whether a player may stand next to the word: it may be a dismissal word, which a plain
    // word's class tells (others are asked), or it is bowling figures, which open with a digit.
    let may_mark = |t: &Tok| {
        t.classes.has(Classes::DISMISSAL)
            || t.word && !t.shape.has(Shape::PLAIN) && is_dismissal(t)
            || t.shape.has(Shape::DIGIT) && is_figures(&text[t.range()])
    };
    for (s, toks) in table.sentences.iter().enumerate() {
        // A sentence with no dismissal word by its words' classes (a word that may have no key
        // may be any) and no token opening with a digit has no mark at all: most sentences are
        // passed over by the bits of the whole sentence.
        let no_dismissal =
            |bits: &SentenceBits| !bits.has(Classes::DISMISSAL) && !bits.has(Classes::KEYLESS);
        let unmarked =
            |bits: &SentenceBits| no_dismissal(bits) && !bits.may_have_shape(Shape::DIGIT);
        let bits = table.sentence_bits.get(s);
        if bits.is_some_and(unmarked) {
            continue;
        }
        let toks = &table.toks[toks.clone()];
        // Without a dismissal word (nor a word that may be one), the marks are bowling figures,
        // three hyphens each: a sentence of fewer than six hyphens, most, has fewer than two, which
        // a search of its bytes tells without reading its tokens.
        if bits.is_some_and(no_dismissal) {
            let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
                continue;
            };
            let bytes = &text.as_bytes()[first.start..last.end];
            if memchr::memchr_iter(b'-', bytes)
                .nth(2 * FIGURES_HYPHENS - 1)
                .is_none()
            {
                continue;
            }
        }
        // Every player is found at a word of his own, a dismissal word or figures, and a
        // scorecard needs two: most sentences have fewer such words and are passed over by their
        // tokens' bits.
        let mut marks = 0;
        for t in toks {
            marks += usize::from(may_mark(t));
            if marks == 2 {
                break;
            }
        }
        if marks < 2 {
            continue;
        }
        let word = |k: usize| toks.get(k).filter(|t| t.word).map(|t| &text[t.range()]);
        players.clear();
        for (k, t) in toks.iter().enumerate() {
            // Most words neither open like a dismissal word nor with a digit: they are passed over
            // by their first byte and length, without taking their text.
            if !t.word {
                continue;
            }
            let first = bytes[t.start];
            let dismissal = is_dismissal(t);
            if !dismissal && !first.is_ascii_digit() {
                continue;
            }
            let w = &text[t.range()];
            if dismissal {
                // The name after the dismissal word, up to a dismissal word or runs.
                let names = (k + 1..toks.len().min(k + 1 + LONGEST + 1))
                    .take_while(|&n| word(n).is_some_and(name_word))
                    .count();
                let after = word(k + 1 + names);
                if (1..=LONGEST).contains(&names)
                    && after.is_some_and(|a| dismissals.contains(a) || is_runs(a))
                    && toks[k + names].capitalised()
                {
                    players.push(span(&toks[k + 1..k + 1 + names]));
                }
            } else if is_figures(w) {
                // The name before the figures, after a separator.
                let names = (0..k)
                    .rev()
                    .take(LONGEST + 1)
                    .take_while(|&n| word(n).is_some_and(name_word))
                    .count();
                if (1..=LONGEST).contains(&names) && toks[k - 1].capitalised() {
                    players.push(span(&toks[k - names..k]));
                }
            }
        }
        if players.len() >= 2 {
            added.extend(players.iter().filter(|&&(a, b)| {
                let k = mentions.partition_point(|m| m.end <= a);
                mentions.get(k).is_none_or(|m| m.start >= b)
            }));
        }
    }
    add_people(text, &added, RULE, gaz, named, mentions);
}

/// The byte range from the first token's start to the last one's end.
fn span(toks: &[Tok]) -> (usize, usize) {
    (toks[0].start, toks[toks.len() - 1].end)
}

/// A batsman's runs: digits ("13"); a "not out" star is a token of its own.
fn is_runs(w: &str) -> bool {
    !w.is_empty() && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit())
}

/// Bowling figures: four numbers of one to three digits joined by hyphens, the first (overs) perhaps
/// with a decimal of one digit ("10-0-41-2", "9.3-1-30-3"). Read byte by byte: most words that open
/// with a digit are no figures, and splitting them cost more than the reading.
fn is_figures(w: &str) -> bool {
    let b = w.as_bytes();
    let mut at = 0;
    // The number of digits from `at` on, passed over.
    let digits = |at: &mut usize| {
        let n = b[*at..].iter().take_while(|c| c.is_ascii_digit()).count();
        *at += n;
        n
    };
    if !(1..=3).contains(&digits(&mut at)) {
        return false;
    }
    if b.get(at) == Some(&b'.') {
        at += 1;
        if digits(&mut at) != 1 {
            return false;
        }
    }
    for _ in 0..FIGURES_HYPHENS {
        if b.get(at) != Some(&b'-') {
            return false;
        }
        at += 1;
        if !(1..=3).contains(&digits(&mut at)) {
            return false;
        }
    }
    at == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn players(text: &str) -> Vec<String> {
        crate::discover::tests::found_by(text, RULE)
    }

    #[test]
    fn fielders_bowlers_and_figures_are_people() {
        assert_eq!(
            players("J. Brown c Qarsh b Velund 13 P. Grey c Ostrava b Velund 56 ."),
            ["Qarsh", "Velund", "Ostrava", "Velund"]
        );
        assert_eq!(
            players("Bowling : Qarsh 7-0-29-0 , de Velund 4-0-25-0 , Ostrava 9.3-0-49-1 ."),
            ["Qarsh", "de Velund", "Ostrava"]
        );
    }

    #[test]
    fn two_bowlers_figures_are_a_scorecard() {
        // Six hyphens, the fewest two bowlers' figures have, and no dismissal word.
        assert_eq!(
            players("Qarsh 7-0-29-0 , Velund 4-0-25-0 ."),
            ["Qarsh", "Velund"]
        );
        assert!(players("Qarsh 7-0-29-0 , Velund 4-0-25 .").is_empty());
    }

    #[test]
    fn one_stray_dismissal_word_is_no_scorecard() {
        assert!(players("Plan b Qarsh 13 was dropped .").is_empty());
        assert!(players("The c Qarsh b Velund affair .").is_empty());
        assert!(players("On 1996-08-30 Qarsh and Velund met .").is_empty());
    }

    #[test]
    fn figures() {
        assert!(is_figures("10-0-41-2"));
        assert!(is_figures("9.3-1-30-3"));
        assert!(!is_figures("1996-08-30"));
        assert!(!is_figures("4-0-25"));
        assert!(!is_figures("a-0-25-1"));
        assert!(!is_figures("9.-1-30-3"));
        assert!(!is_figures("9.34-1-30-3"));
        assert!(!is_figures("1234-1-30-3"));
        assert!(!is_figures("1-2-3-4-5"));
        assert!(!is_figures("1-2.5-3-4"));
        assert!(!is_figures("1-2-3-"));
        assert!(!is_figures(""));
    }
}
