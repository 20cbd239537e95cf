//! `clause_then_cue`: …, X said. / …, said X, an economist. / The plan, he said, is dead. A cue
//! of the `final` frame after the clause it reports (or inside it, between commas).

use crate::claims::attribution::{Candidate, CueSlot, Engine, Outcome};
use crate::claims::cues::Frame;

/// Applies `clause_then_cue` to a cue of the `final` frame.
pub(super) fn apply(e: &Engine<'_>, s: &CueSlot) -> Outcome {
    if !s.hit.cue.has(Frame::Final) {
        return Outcome::Pass;
    }
    let Some(sp) = s.reported_speaker(e) else {
        return Outcome::Pass;
    };
    match e.clause_before(s.h, &sp, s.si).filter(|c| !e.covered(c)) {
        Some(content) => {
            let kind = e.reported_kind(&content);
            Outcome::Claim(Candidate::with_hit(e, kind, content, Some(sp), s.h))
        }
        None => Outcome::Pass,
    }
}
