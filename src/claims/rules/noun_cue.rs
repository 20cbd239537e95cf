//! `noun_cue`: a cue used as a noun after its possessor, "her claim that …", "Trump's assertion
//! that “…”". The possessor is the speaker; the content is the "that" clause, ending with its
//! first quotation (or, without one, at the first comma), since the sentence usually goes on with
//! a verb of its own ("… makes clear that …").

use crate::claims::attribution::{Candidate, Engine, Hit, Outcome};
use crate::claims::cues::Frame;
use crate::claims::function_words::{self, WordClass as W};
use crate::claims::speaker::{Phrase, Role};
use crate::claims::tokens::{possessive_stem, Tok};
use crate::lexicon::VOICING_VERBS;

/// How many words before a noun cue without a possessor a voicing verb may stand ("made a public
/// prediction that").
const VOICING_REACH: usize = 3;

/// How many tokens after the noun its "that" may come ("her assertion during the debate that").
const THAT_REACH: usize = 6;

/// Whether `h`, a cue dropped as a noun (after a determiner, a possessive or a modifier, or a
/// form that is only ever a noun), is a noun cue with its clause: a lexicon noun form after
/// "his", "her", "their", "its" or a name in "'s", with "that" close after it; or any such noun
/// with "that" right after it ("an assertion that …", "expressed concern that …").
pub(crate) fn is_noun_use(text: &str, toks: &[Tok], h: &Hit) -> bool {
    if !h.cue.has(Frame::Noun) || h.first == 0 {
        return false;
    }
    possessive(text, &toks[h.first - 1]) && that_after(text, toks, h.last + 1).is_some()
        || that_right_after(text, toks, h.last + 1)
}

/// Whether token `p` is a possessive: "his", "her", "their", "its" or a name in "'s".
fn possessive(text: &str, p: &Tok) -> bool {
    function_words::token_is(text, p, W::PersonPossessive)
        || function_words::token_is(text, p, W::GroupPossessive)
        || possessive_stem(&text[p.range()]).is_some()
}

/// Whether token `t` is "that".
fn that_right_after(text: &str, toks: &[Tok], t: usize) -> bool {
    toks.get(t)
        .is_some_and(|k| function_words::token_is(text, k, W::Complementizer))
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
    let possessor = hit.first - 1;
    if !possessive(e.text, &e.toks[possessor]) {
        return without_possessor(e, hit, si);
    }
    let Some(content) = noun_content(e, that, r.end) else {
        return Outcome::Pass;
    };
    if e.covered(&content) {
        return Outcome::Pass;
    }
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

/// `noun_cue` on a noun with "that" right after it and no possessor ("stirred controversy with
/// an assertion that …", "expressed concern that …"): the content is the clause to its first
/// comma, semicolon or colon outside a quotation (or the sentence end; not a clause cut after a
/// finite auxiliary); the speaker is the subject of a verb of `lexicons/voicing_verbs.txt` that
/// stands within three words before the noun, else there is none ("is examining allegations
/// that …", "amid concern that …"). A "that" before a finite auxiliary or a lowercase past form
/// opens a relative clause, no content ("a concern that has dogged …").
fn without_possessor(e: &Engine<'_>, hit: &Hit, si: usize) -> Outcome {
    let end = e.sent_toks[si].end;
    let that = hit.last + 1;
    let first = that + 1;
    if first >= end
        || !e.is_word(first)
        || e.word_in(first, W::FiniteAuxiliary)
        || e.word_in(first, W::PastEnding) && !e.capitalized(first)
    {
        return Outcome::Pass;
    }
    let stop = (first..end)
        .find(|&t| !e.quoted[t] && e.is_clause_punct(t, &[',', ';', ':']))
        .unwrap_or(end);
    // "the view that the campaign has, to all intents, …": a clause cut before its verb's rest.
    if (first..stop).filter(|&t| e.is_word(t)).count() < 2
        || e.word_in(stop - 1, W::FiniteAuxiliary)
    {
        return Outcome::Pass;
    }
    let Some(content) = e.trimmed(that, stop) else {
        return Outcome::Pass;
    };
    if e.covered(&content) {
        return Outcome::Pass;
    }
    let floor = e.sent_toks[si].start;
    let voicing = (hit.first.saturating_sub(VOICING_REACH).max(floor)..hit.first)
        .rev()
        .take_while(|&t| e.is_word(t))
        .find(|&t| VOICING_VERBS.contains_lowercased(e.word(t)));
    // The voicing verb's subject, before its adverbs and auxiliaries ("He did express concern",
    // "analysts have also raised concerns").
    let sp = voicing.and_then(|v| {
        let mut k = v;
        while k > floor && (e.is_adverb(k - 1) || e.word_in(k - 1, W::FiniteAuxiliary)) {
            k -= 1;
        }
        e.phrase_before(k, floor).map(|p| e.speaker(p, si))
    });
    let kind = e.reported_kind(&content);
    let cue = (e.bytes(hit.first, hit.last), hit.cue.lemma.as_str());
    Outcome::Claim(Candidate::with_cue(kind, content, sp, Some(cue)))
}
