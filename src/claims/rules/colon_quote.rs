//! `colon_quote`: "… doesn’t surprise Republican pollster Daron Shaw: “…”": a quote right after a
//! colon that closes a name or a speaker noun phrase, or a clause whose subject introduces it
//! ("Cruz called them on it: “…”").

use super::SAY;
use crate::claims::attribution::{Engine, Outcome, QuoteSlot, Speaker};
use crate::claims::function_words::WordClass as W;
use crate::claims::speaker::Role;

/// Applies `colon_quote` to a quote.
pub(super) fn apply(e: &Engine<'_>, s: &QuoteSlot) -> Outcome {
    match colon_quote(e, s.open_tok, s.si) {
        Some((sp, colon)) => s.direct_with_token(e, sp, colon, SAY),
        None => Outcome::Pass,
    }
}

/// `colon_quote`: the speaker of a quote opening right after "Name:" (in the same sentence, or
/// closing the previous one), with the colon's token.
fn colon_quote(e: &Engine<'_>, open_tok: usize, si: usize) -> Option<(Speaker, usize)> {
    let floor = e.sent_toks[si].start;
    let (colon, floor, si) = if open_tok > floor {
        (open_tok - 1, floor, si)
    } else {
        let prev = e.sent_toks.get(si.checked_sub(1)?)?.clone();
        (prev.end.checked_sub(1)?, prev.start, si - 1)
    };
    if colon <= floor || !e.is_punct(colon, &[':']) {
        return None;
    }
    colon_speaker(e, colon, floor, si)
        .or_else(|| {
            // "Cruz called them on it: “…”", "Fallon fired back: “…”": no speaker right before
            // the colon, so the clause's subject introduces the quote.
            e.sentence_subject(colon, si)
                .filter(|s| e.plausible_subject(s))
        })
        .map(|sp| (sp, colon))
}

/// The speaker phrase that the colon at token `colon` closes, if any.
fn colon_speaker(e: &Engine<'_>, colon: usize, floor: usize, si: usize) -> Option<Speaker> {
    let p = e.phrase_before(colon, floor)?;
    // "on Twitter:", "in London:" name a place or medium; "from the report:" a source.
    let before = (p.first > floor).then(|| p.first - 1);
    let object_of = |role: Role| {
        before.is_some_and(|b| e.role(b) == Some(role) && !e.word_in(b, W::SourcePreposition))
    };
    if object_of(Role::Preposition) || before.is_some_and(|b| e.hit_at(b).is_some()) {
        return None;
    }
    if e.capitalized(p.last) {
        return Some(e.speaker(p, si));
    }
    if !matches!(e.role(p.last), Some(Role::Noun(_))) {
        return None;
    }
    // "Trump issued the following statement:": a noun phrase after a verb is its object, and
    // the sentence's subject is the speaker.
    match before {
        Some(b) if e.is_word(b) && !e.word_in(b, W::SourcePreposition) => {
            e.sentence_subject(p.first, si)
        }
        _ => Some(e.speaker(p, si)),
    }
}
