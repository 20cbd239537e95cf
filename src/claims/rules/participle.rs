//! `participle`: X sought a meeting, asserting that … The speaker of a participle cue is the
//! sentence's subject ("with X noting …" and "…, X said, adding …": X), or the subject of the
//! subordinate clause it stands in ("Sessions caused a stir when he went on the record endorsing
//! Trump": he), or the speaker noun or name it directly follows ("clips of supporters saying …":
//! supporters; not a document: "X issued a statement saying …" is X's); the content is the
//! reported clause after it, as for `cue_clause`.

use crate::claims::attribution::{CueSlot, Engine, Outcome};
use crate::claims::cues::Frame;

/// Applies `participle` to a cue of the `participle` frame.
pub(super) fn apply(e: &Engine<'_>, s: &CueSlot) -> Outcome {
    if !s.hit.cue.has(Frame::Participle) {
        return Outcome::Pass;
    }
    e.reported_claim(s)
}
