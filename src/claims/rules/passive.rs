//! `passive`: *Clinton is widely seen as the favorite* · *Trump was criticized for his remarks* ·
//! *Sanders was declared the winner* · *Ginsburg is known for her liberal bent*. A cue of the
//! `passive` frame in the agentless passive names no one who said or thought it: the writer
//! reports it, so the claim has no speaker. As for an evidential, PolNeAR annotates the passive's
//! subject and the complement after the cue as one discontinuous content ("Trump … for his
//! remarks"); claims.csv holds their envelope, cue included. In the active the cue's other frames
//! apply, and a passive with its agent after "by" is `passive_agent`'s.

use super::evidential::{writers_claim, Reading};
use crate::claims::attribution::{CueSlot, Engine, Outcome};
use crate::claims::cues::Frame;

/// Applies `passive` to a cue of the `passive` frame ([`writers_claim`] read as
/// [`Reading::Passive`]): after a form of be, with no "by" after it in its clause. In the passive
/// the cue is then nobody else's, so the rule takes it even when it finds no claim ("The deal was
/// announced." has no complement); a "by" right after it is `passive_agent`'s.
pub(super) fn apply(e: &Engine<'_>, s: &CueSlot) -> Outcome {
    if !s.hit.cue.has(Frame::Passive) {
        return Outcome::Pass;
    }
    writers_claim(e, s, Reading::Passive)
}
