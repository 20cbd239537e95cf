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
    // "Another superdelegate, Michael Brown …, explained the reason for …": a phrase after the
    // cue that names no speaker and that more words follow is the cue's object, and the words
    // before the comma its subject, not a clause ("…, says the watchdog." stays a tag).
    let speaker_after = sp.span.start >= e.toks[s.hit.last].end;
    if speaker_after && !e.speaker_head(&sp) {
        let next = sp.end_token(e);
        if next < e.sent_toks[s.si].end && e.is_word(next) {
            return Outcome::Pass;
        }
    }
    // "In response, Trump assured voters …": a fronted adverbial is the tag's own clause's.
    // A tag that names a speaker and whose cue ends its clause ("Since then nothing has changed,
    // he said.") reports the words before the comma unless they are only an adverbial's few.
    let fronted = |c: &std::ops::Range<usize>| {
        let after_cue = s.hit.last + 1;
        let heads_clause =
            after_cue < e.sent_toks[s.si].end && e.is_word(after_cue) || !e.speaker_head(&sp);
        !speaker_after && e.fronted_adverbial(c, heads_clause)
    };
    match e
        .clause_before(s.h, &sp, s.si)
        .filter(|c| !e.covered(c) && !fronted(c))
    {
        Some(content) => {
            let kind = e.reported_kind(&content);
            // "The plan, he said, is dead": the tag between its commas is no content.
            let tag = e
                .parenthetical(s.h, &sp, s.si)
                .map(|(open, close)| e.bytes(open, close))
                .filter(|t| content.start < t.start && t.end < content.end);
            let mut c = Candidate::with_hit(e, kind, content, Some(sp), s.h);
            c.tag = tag;
            Outcome::Claim(c)
        }
        None => Outcome::Pass,
    }
}
