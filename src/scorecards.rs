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
use crate::lexicon::SCORECARD_DISMISSALS;
use crate::mentions::Mention;
use crate::name_lists::{add_people, name_word};
use crate::tokens::{Tok, Tokens};

/// The rule name recorded in `how` and `source`.
pub const RULE: &str = "scorecard";

/// The longest name of a player, in words ("Aravinda de Silva").
const LONGEST: usize = 3;

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
    let longest_dismissal = SCORECARD_DISMISSALS.iter().map(str::len).max().unwrap_or(0);
    let mut opens_dismissal = [false; 256];
    for w in SCORECARD_DISMISSALS.iter() {
        if let Some(&b) = w.as_bytes().first() {
            opens_dismissal[usize::from(b)] = true;
        }
    }
    let dismissals = &*SCORECARD_DISMISSALS;
    let bytes = text.as_bytes();
    for toks in &table.sentences {
        let toks = &table.toks[toks.clone()];
        let word = |k: usize| toks.get(k).filter(|t| t.word).map(|t| &text[t.range()]);
        players.clear();
        for (k, t) in toks.iter().enumerate() {
            // Most words neither open like a dismissal word nor with a digit: they are passed over
            // by their first byte and length, without taking their text.
            if !t.word {
                continue;
            }
            let first = bytes[t.start];
            let dismissal = t.end - t.start <= longest_dismissal
                && opens_dismissal[usize::from(first)]
                && dismissals.contains(&text[t.range()]);
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
                    && capitalised(text, &toks[k + names])
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
                if (1..=LONGEST).contains(&names) && capitalised(text, &toks[k - 1]) {
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

/// Whether a name's last word, its surname, is capitalised (not a bare particle).
fn capitalised(text: &str, last: &Tok) -> bool {
    text[last.range()].starts_with(char::is_uppercase)
}

/// The byte range from the first token's start to the last one's end.
fn span(toks: &[Tok]) -> (usize, usize) {
    (toks[0].start, toks[toks.len() - 1].end)
}

/// A batsman's runs: digits ("13"); a "not out" star is a token of its own.
fn is_runs(w: &str) -> bool {
    !w.is_empty() && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit())
}

/// Bowling figures: four numbers joined by hyphens, the first (overs) perhaps with a decimal
/// ("10-0-41-2", "9.3-1-30-3").
fn is_figures(w: &str) -> bool {
    // Most words do not open with a digit, and are settled without splitting them.
    if !w.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let mut parts = w.split('-');
    let overs = parts.next().unwrap_or("");
    let overs_ok = match overs.split_once('.') {
        Some((whole, ball)) => is_runs(whole) && ball.len() == 1 && is_runs(ball),
        None => is_runs(overs),
    };
    overs_ok && {
        let (mut n, mut runs) = (0, true);
        for p in parts {
            n += 1;
            runs &= is_runs(p);
        }
        n == 3 && runs
    }
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
    }
}
