//! `quote_then_cue`, unlisted verb: “…,” an angry Hollande retaliated. A quote followed by a
//! speaker and a verb that closes the sentence, though no lexicon lists the verb as a quote cue.

use super::SAY;
use crate::claims::attribution::{Candidate, Engine, Outcome, QuoteSlot, Speaker};
use crate::claims::cues::Frame;
use crate::claims::speaker::Role;
use crate::claims::tokens::is_capitalized;
use crate::claims::{ClaimKind, SpeakerType};
use std::ops::Range;

/// Applies the unlisted-verb tag rule to a quote.
pub(super) fn apply(e: &Engine<'_>, s: &QuoteSlot) -> Outcome {
    let Some((sp, verb, h)) = unlisted_tag(e, s.qi, s.si, s.clause) else {
        return Outcome::Pass;
    };
    let content = s.content.clone();
    Outcome::Claim(match h {
        Some(h) => s.direct_with_hit(e, sp, h),
        None => Candidate::with_cue(ClaimKind::Direct, content, Some(sp), Some((verb, SAY))),
    })
}

/// “…,” an angry Hollande retaliated. / “…,” her husband cut in. A quote closed by a comma (or a
/// question or exclamation mark) and followed by a speaker phrase and one or two lowercase
/// words that end the sentence is tagged by them, though the verb is in no lexicon (or is a cue
/// the lexicon lists for other constructions only: "“…?” Beck questioned."). Returns the
/// speaker, the verb's bytes and its cue, if listed.
fn unlisted_tag(
    e: &Engine<'_>,
    qi: usize,
    si: usize,
    clause: bool,
) -> Option<(Speaker, Range<usize>, Option<usize>)> {
    let q = &e.quotes[qi];
    if !clause {
        return None;
    }
    let tail = &e.text[q.inner.end..q.close];
    let before_mark = e.text[..q.inner.end].chars().next_back();
    if !tail.contains(',') && !matches!(before_mark, Some('?' | '!')) {
        return None;
    }
    let mut sentence = e.sentence_of(q.close.saturating_sub(1)).max(si);
    let mut k = e.quote_close_tok(qi);
    if k >= e.sent_toks[sentence].end && e.paragraph_goes_on(sentence) {
        // “Why?” Beck questioned. — the splitter ends a sentence at “?”” before a capital.
        sentence += 1;
    }
    let end = e.sent_toks[sentence].end;
    while k < end && e.is_punct(k, &[',', '\'', '’']) {
        k += 1;
    }
    let p = e.phrase_after(k, end)?;
    let speaker_like = is_capitalized(e.word(p.last))
        || matches!(
            e.role(p.last),
            Some(Role::Pronoun(SpeakerType::Person | SpeakerType::Group) | Role::Noun(_))
        );
    let verb = p.last + 1;
    let lowercase_verb = |t: usize| {
        t < end
            && e.is_word(t)
            && !is_capitalized(e.word(t))
            && e.role(t).is_none()
            && e.hit_at(t)
                .is_none_or(|h| e.unused(h) && e.hits[h].cue.has(Frame::Before))
    };
    if !speaker_like || !lowercase_verb(verb) {
        return None;
    }
    let last = if lowercase_verb(verb + 1) {
        verb + 1
    } else {
        verb
    };
    let closes = last + 1 >= end || e.is_punct(last + 1, &['.', ',', '!', '?']);
    closes.then(|| (e.speaker(p, si), e.bytes(verb, last), e.hit_at(verb)))
}
