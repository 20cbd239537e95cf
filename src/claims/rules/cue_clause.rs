//! `cue_clause`: X said (that) … / X told reporters that … / X believes … / X called the law “…” /
//! what X described as “…” / X vowed to … The speaker before the cue, the reported clause after it
//! ([`Engine::clause_after`]); `mixed` when the clause holds a quotation. A belief cue's claim is the
//! same rule with less trust ([`apply_belief`]).

use crate::claims::attribution::{CueSlot, Engine, Outcome};
use crate::claims::cues::{CueClass, Frame};

/// Applies `cue_clause` to a cue that is neither a participle nor a belief cue.
pub(super) fn apply(e: &Engine<'_>, s: &CueSlot) -> Outcome {
    let cue = s.hit.cue;
    if cue.has(Frame::Participle) || cue.class == CueClass::Belief {
        return Outcome::Pass;
    }
    e.reported_claim(s)
}

/// Applies `cue_clause` to a belief cue ("believes", "fears") that is not a participle.
pub(super) fn apply_belief(e: &Engine<'_>, s: &CueSlot) -> Outcome {
    let cue = s.hit.cue;
    if cue.has(Frame::Participle) || cue.class != CueClass::Belief {
        return Outcome::Pass;
    }
    e.reported_claim(s)
}
