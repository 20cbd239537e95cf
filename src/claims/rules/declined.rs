//! `declined`: X declined to comment / did not respond to a request for comment / declining to
//! address the matter. The content is what was declined: the words after the cue up to a
//! punctuation mark (or before "but said …", the claim the speaker did make), else the cue itself.

use crate::claims::attribution::{Candidate, CueSlot, Engine, Outcome};
use crate::claims::cues::Frame;
use crate::claims::function_words::WordClass as W;
use crate::claims::ClaimKind;

/// Applies `declined` to a cue of the `decline` frame, which it takes even when it finds no
/// speaker.
pub(super) fn apply(e: &Engine<'_>, s: &CueSlot) -> Outcome {
    let (hit, si) = (s.hit, s.si);
    if !hit.cue.has(Frame::Decline) {
        return Outcome::Pass;
    }
    let Some(sp) = e.subject(s.h, si) else {
        return Outcome::Taken;
    };
    let end = e.sent_toks[si].end;
    let mut stop = hit.last + 1;
    while stop < end
        && !e.is_punct(stop, &[',', '.', ';', ':', '—', '('])
        && !(e.word_in(stop, W::ClauseCoordinator) && e.hit_at(stop + 1).is_some())
    {
        stop += 1;
    }
    // The shared trimming: "declined - to comment" leaves its dash outside the content.
    let content = e
        .trimmed(hit.last + 1, stop)
        .unwrap_or_else(|| e.bytes(hit.first, hit.last));
    Outcome::Claim(Candidate::with_hit(
        e,
        ClaimKind::Declined,
        content,
        Some(sp),
        s.h,
    ))
}
