//! `quote_then_cue`, late tag: “…” that is blatantly sexist, Brock said. A tag closing the quote's
//! sentence after more of the speaker's words.

use crate::claims::attribution::{Engine, Outcome, QuoteSlot, Speaker};
use crate::claims::cues::Frame;
use crate::claims::speaker::Role;

/// Applies the late tag rule to a quote.
pub(super) fn apply(e: &Engine<'_>, s: &QuoteSlot) -> Outcome {
    match late_tag(e, s) {
        Some((sp, h)) => Outcome::Claim(s.direct_with_hit(e, sp, h)),
        None => Outcome::Pass,
    }
}

/// “…” that is blatantly sexist, Brock said.: a tag closing the quote's sentence after more of
/// the speaker's words. The speaker phrase must follow a comma, and at most an adverbial the
/// cue.
fn late_tag(e: &Engine<'_>, s: &QuoteSlot) -> Option<(Speaker, usize)> {
    let (close_tok, sentence) = (s.close_tok, s.close_sentence);
    let end = e.sent_toks[sentence].end;
    let lo = e.hits.partition_point(|h| h.first < close_tok);
    let h = lo
        + e.hits[lo..]
            .iter()
            .take_while(|h| h.first < end)
            .position(|h| !h.used && h.cue.has(Frame::Quote) && h.cue.has(Frame::Before))?;
    // (Asked once a tag is found: most quotes here have none.)
    if !s.clause(e) {
        return None;
    }
    let hit = &e.hits[h];
    if e.quotes
        .get(s.qi + 1)
        .is_some_and(|n| n.open < e.toks[hit.first].start)
    {
        return None;
    }
    let p = e.phrase_before(hit.first, close_tok)?;
    // "…, CBS said it was canceling …": a clause after the cue is its own content.
    let after = hit.last + 1;
    let ends = after >= end
        || e.is_punct(after, &['.', ',', ';', '!', '?'])
        || e.is_adverb(after)
        || matches!(e.role(after), Some(Role::Preposition));
    let tagged =
        p.first > close_tok && e.is_punct(p.first - 1, &[',']) && ends && e.short_tail(after, end);
    tagged.then(|| (e.speaker(p, s.si), h))
}
