//! `noun_cue`: a cue used as a noun after its possessor, "her claim that …", "Trump's assertion
//! that “…”". The possessor is the speaker; the content is the "that" clause, ending with its
//! first quotation (or, without one, at the first comma), since the sentence usually goes on with
//! a verb of its own ("… makes clear that …").

use crate::claims::attribution::{Candidate, Engine, Hit, Outcome};
use crate::claims::cues::Frame;
use crate::claims::function_words::{self, WordClass as W};
use crate::claims::speaker::{Phrase, Role};
use crate::claims::tokens::{possessive_stem, Tok};

/// How many tokens after the noun its "that" may come ("her assertion during the debate that").
const THAT_REACH: usize = 6;

/// Whether `h`, a cue dropped for following a possessive, is a noun cue with its clause: a
/// lexicon noun form after "his", "her", "their", "its" or a name in "'s", with "that" close
/// after it.
pub(crate) fn is_noun_use(text: &str, toks: &[Tok], h: &Hit) -> bool {
    if !h.cue.has(Frame::Noun) || h.first == 0 {
        return false;
    }
    let p = &toks[h.first - 1];
    let possessive = function_words::token_is(text, p, W::PersonPossessive)
        || function_words::token_is(text, p, W::GroupPossessive)
        || possessive_stem(&text[p.range()]).is_some();
    possessive && that_after(text, toks, h.last + 1).is_some()
}

/// The "that" within reach after token `from`, before any punctuation.
fn that_after(text: &str, toks: &[Tok], from: usize) -> Option<usize> {
    (from..toks.len().min(from + THAT_REACH))
        .take_while(|&t| toks[t].word)
        .find(|&t| function_words::token_is(text, &toks[t], W::Complementizer))
}

/// Applies `noun_cue` to noun cue `hit` of sentence `si`.
pub(super) fn apply(e: &Engine<'_>, hit: &Hit, si: usize) -> Outcome {
    let r = e.sent_toks[si].clone();
    let Some(that) = that_after(e.text, e.toks, hit.last + 1).filter(|&t| t < r.end) else {
        return Outcome::Pass;
    };
    let Some(content) = noun_content(e, that, r.end) else {
        return Outcome::Pass;
    };
    if e.covered(&content) {
        return Outcome::Pass;
    }
    let possessor = hit.first - 1;
    let p = if e.role(possessor) == Some(Role::Determiner) {
        Phrase {
            first: possessor,
            last: possessor,
        }
    } else {
        match e.phrase_before(hit.first, r.start) {
            Some(p) => p,
            None => return Outcome::Pass,
        }
    };
    let sp = e.speaker(p, si);
    let kind = e.reported_kind(&content);
    let cue = (e.bytes(hit.first, hit.last), hit.cue.lemma.as_str());
    Outcome::Claim(Candidate::with_cue(kind, content, Some(sp), Some(cue)))
}

/// The clause from "that" at token `that`: through its first quotation, else to the first
/// comma or the sentence end `end`.
fn noun_content(e: &Engine<'_>, that: usize, end: usize) -> Option<std::ops::Range<usize>> {
    let k = e.quotes.partition_point(|q| q.open < e.toks[that].start);
    let quote_end = (k < e.quotes.len())
        .then(|| e.quote_close_tok(k))
        .filter(|&c| c <= end);
    let stop = match quote_end {
        Some(c) => c,
        None => (that..end)
            .find(|&t| !e.quoted[t] && e.is_clause_punct(t, &[',', ';']))
            .unwrap_or(end),
    };
    let words = (that + 1..stop).filter(|&t| e.is_word(t)).count();
    if words < 2 {
        return None;
    }
    e.trimmed(that, stop)
}
