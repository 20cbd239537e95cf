//! `according_to`: according to X, … / …, according to X. / A, according to X, B. The speaker is
//! the phrase after the cue; the content is the rest of the sentence on the side of the comma that
//! holds the clause.

use crate::claims::attribution::{Candidate, CueSlot, Engine, Outcome};
use crate::claims::cues::Frame;

/// Applies `according_to` to a cue of the `according` frame, which it takes even when it finds no
/// claim.
pub(super) fn apply(e: &Engine<'_>, s: &CueSlot) -> Outcome {
    let (h, si, hit) = (s.h, s.si, s.hit);
    if !hit.cue.has(Frame::According) {
        return Outcome::Pass;
    }
    let r = e.sent_toks[si].clone();
    let Some(p) = e.phrase_after(hit.last + 1, r.end) else {
        return Outcome::Taken;
    };
    let sp = e.speaker(p, si);
    let mut after = p.last + 1;
    while after < r.end && e.is_punct(after, &[',']) {
        after += 1;
    }
    let at_start = hit.first == r.start;
    let content = if at_start {
        e.trimmed(after, r.end)
    } else if after >= r.end || e.is_punct(after, &['.', '!', '?', ';']) {
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
