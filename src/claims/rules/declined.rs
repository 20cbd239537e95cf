//! `declined`: X declined to comment / did not respond to a request for comment / declining to
//! address the matter. The content is what was declined: the words after the cue up to a
//! punctuation mark (or before "but said …", the claim the speaker did make), else the cue itself.

use crate::claims::attribution::{Candidate, CueSlot, Engine, Outcome};
use crate::claims::cues::Frame;
use crate::claims::function_words::WordClass as W;
use crate::claims::speaker::Role;
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
    if hit.cue.has(Frame::Infinitive) && !refusal_follows(e, hit.last + 1, end) {
        // "exports declined in the second half", "sales declined by 1.8%", "a long-term decline":
        // a decrease, not a refusal.
        return Outcome::Taken;
    }
    let mut stop = hit.last + 1;
    while stop < end
        && !e.is_clause_punct(stop, &[',', '.', ';', ':', '—', '('])
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

/// Whether what follows a refusal cue that may also mean a decrease ("declined", cues with the
/// `infinitive` frame as well) at token `t` is what was refused: after adverbs, an infinitive
/// whose verb is no number ("declined to comment", not "declined to 300p") or an object ("declined
/// the offer", "declined multiple requests"); not nothing, a number, a preposition, a form of be,
/// or a subordinator or a coordinator ("sales declined by 2%", "exports declined in May", "the
/// decline was seen", "the relative decline and weakness").
fn refusal_follows(e: &Engine<'_>, mut t: usize, end: usize) -> bool {
    // "declined - to comment": a dash the trimming leaves outside the content.
    while t < end && (e.is_adverb(t) || e.is_punct(t, &['-', '—', '–'])) {
        t += 1;
    }
    if t >= end || !e.is_word(t) {
        return false;
    }
    let number = |k: usize| e.word(k).starts_with(|c: char| c.is_ascii_digit());
    if e.word_in(t, W::InfinitiveMarker) {
        return t + 1 < end && e.is_word(t + 1) && !number(t + 1);
    }
    !(number(t)
        || e.word_in(t, W::CueCoordinator)
        || e.role(t) == Some(Role::Preposition)
        || e.word_in(t, W::BeForm)
        || e.is_subordinator(t))
}
