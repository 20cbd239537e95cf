//! `quote_then_cue`, unlisted verb: “…,” an angry Hollande retaliated. A quote followed by a
//! speaker and a verb that closes the sentence (or comes before an adverbial of time or place:
//! “…,” Toomey fumed on Tuesday), or by such a verb in -ed and a speaker that closes it (“…?”
//! reacted Trump), though no lexicon lists the verb as a quote cue.

use super::SAY;
use crate::claims::attribution::{Candidate, Engine, Outcome, QuoteSlot, Speaker};
use crate::claims::cues::Frame;
use crate::claims::function_words::WordClass as W;
use crate::claims::speaker::{Phrase, Role};
use crate::claims::{ClaimKind, SpeakerType};
use std::ops::Range;

/// Applies the unlisted-verb tag rule to a quote.
pub(super) fn apply(e: &Engine<'_>, s: &QuoteSlot) -> Outcome {
    let Some((sp, verb, h)) = unlisted_tag(e, s) else {
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
/// words that end the sentence (or come before a short adverbial opening with a preposition or a
/// date) is tagged by them, though the verb is in no lexicon (or is a cue
/// the lexicon lists for other constructions only: "“…?” Beck questioned."). Returns the
/// speaker, the verb's bytes and its cue, if listed.
fn unlisted_tag(e: &Engine<'_>, s: &QuoteSlot) -> Option<(Speaker, Range<usize>, Option<usize>)> {
    let (q, si) = (&e.quotes[s.qi], s.si);
    let tail = &e.text[q.inner.end..q.close];
    let before_mark = e.text[..q.inner.end].chars().next_back();
    if !tail.contains(',') && !matches!(before_mark, Some('?' | '!')) || !s.clause(e) {
        return None;
    }
    let mut sentence = s.close_sentence;
    let mut k = s.close_tok;
    if k >= e.sent_toks[sentence].end && e.paragraph_goes_on(sentence) {
        // “Why?” Beck questioned. — the splitter ends a sentence at “?”” before a capital.
        sentence += 1;
    }
    let end = e.sent_toks[sentence].end;
    while k < end && e.is_punct(k, &[',', '\'', '’']) {
        k += 1;
    }
    let speaker_like = |p: Phrase| {
        e.capitalized(p.last)
            || matches!(
                e.role(p.last),
                Some(Role::Pronoun(SpeakerType::Person | SpeakerType::Group) | Role::Noun(_))
            )
    };
    let lowercase_verb = |t: usize| {
        t < end
            && e.is_word(t)
            && !e.capitalized(t)
            && e.role(t).is_none()
            && e.hit_at(t)
                .is_none_or(|h| e.unused(h) && e.hits[h].cue.has(Frame::Before))
    };
    // The tag ends the sentence, or an adverbial of time or place does ("fumed on Tuesday",
    // "snapped in an interview"): a preposition or a date, a few words and no clause.
    let closes = |t: usize| {
        t >= end
            || e.is_punct(t, &['.', ',', '!', '?'])
            || (e.role(t) == Some(Role::Preposition) || e.date_word(t)) && e.short_tail(t, end)
    };
    let Some(p) = e.phrase_after(k, end) else {
        return inverted_tag(e, k, end, si, &lowercase_verb, &speaker_like);
    };
    let verb = p.last + 1;
    if !speaker_like(p) || !lowercase_verb(verb) {
        return inverted_tag(e, k, end, si, &lowercase_verb, &speaker_like);
    }
    let last = if lowercase_verb(verb + 1) {
        verb + 1
    } else {
        verb
    };
    closes(last + 1).then(|| (e.speaker(p, si), e.bytes(verb, last), e.hit_at(verb)))
}

/// “…?” reacted Trump. / “…,” opined the Plain Dealer.: the verb before the speaker, a past form
/// in -ed no lexicon lists as a quote cue, and the speaker phrase ends the sentence.
fn inverted_tag(
    e: &Engine<'_>,
    verb: usize,
    end: usize,
    si: usize,
    lowercase_verb: &dyn Fn(usize) -> bool,
    speaker_like: &dyn Fn(Phrase) -> bool,
) -> Option<(Speaker, Range<usize>, Option<usize>)> {
    if !lowercase_verb(verb) || !e.word_in(verb, W::PastEnding) {
        return None;
    }
    let p = e.phrase_after(verb + 1, end)?;
    let closes = p.last + 1 >= end || e.is_punct(p.last + 1, &['.', '!', '?']);
    (p.first == verb + 1 && speaker_like(p) && closes)
        .then(|| (e.speaker(p, si), e.bytes(verb, verb), e.hit_at(verb)))
}
