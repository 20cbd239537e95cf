//! `according_to`: according to X, … / …, according to X. / A, according to X, B. The speaker is
//! the phrase after the cue; the content is the rest of the sentence on the side of the comma that
//! holds the clause. The phrase after the cue is the source up to the next comma: "…, according to
//! a count by The Associated Press." and "…, according to a CNN tally, but …" are the clause before
//! the cue; only "A, according to X, B" with B going on with A's clause is both sides.

use crate::claims::attribution::{Candidate, CueSlot, Engine, Outcome};
use crate::claims::cues::Frame;
use crate::claims::function_words::WordClass as W;

/// Applies `according_to` to a cue of the `according` frame, which it takes even when it finds no
/// claim.
pub(super) fn apply(e: &Engine<'_>, s: &CueSlot) -> Outcome {
    let (h, si, hit) = (s.h, s.si, s.hit);
    if !hit.cue.has(Frame::According) {
        return Outcome::Pass;
    }
    let r = e.sent_toks[si].clone();
    // "according to early results of …": an adjective the lexicon lists as an adverb may open
    // the source phrase.
    let mut first = hit.last + 1;
    while first + 1 < r.end && e.is_adverb(first) && e.is_word(first + 1) {
        first += 1;
    }
    let Some(p) = e.phrase_after(first, r.end) else {
        return Outcome::Taken;
    };
    let sp = e.speaker(p, si);
    // The source phrase runs to the next comma ("according to a count by the AP, …") or, without
    // one, to the end of the sentence ("…, according to a count by the AP.").
    let comma = (p.last + 1..r.end).find(|&t| e.is_punct(t, &[',']));
    let mut after = comma.map_or(p.last + 1, |c| c + 1);
    while after < r.end && e.is_punct(after, &[',']) {
        after += 1;
    }
    // At the start, after at most an opening word ("But according to X, …", "However, …").
    let at_start = (r.start..hit.first).filter(|&t| e.is_word(t)).count() <= 1;
    // A coordinated clause after the source is not the source's ("…, according to a CNN tally,
    // but his path is narrowing").
    let new_clause = after < r.end
        && (e.word_in(after, W::ClauseCoordinator) || e.word_in(after, W::ClauseBoundary));
    let content = if at_start {
        e.trimmed(after, r.end)
    } else if after >= r.end
        || e.is_punct(after, &['.', '!', '?', ';'])
        || comma.is_none()
        || new_clause
    {
        e.trimmed(e.floor(si, hit.first), hit.first)
    } else {
        e.trimmed(e.floor(si, hit.first), r.end)
    };
    let Some(content) = content else {
        return Outcome::Taken;
    };
    let kind = e.reported_kind(&content);
    Outcome::Claim(Candidate::with_hit(e, kind, content, Some(sp), h))
}
