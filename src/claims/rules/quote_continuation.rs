//! `quote_continuation`: a quote opening a sentence right after an attributed quote (same or next
//! paragraph, no new cue), or a quote continued from the previous paragraph, is the same speaker's;
//! so is the second half of a quote split by its tag, after the tag's comma (“A,” said X, an
//! economist, “B.”), when no other cue stands between the tag and it.

use crate::claims::attribution::{Engine, Outcome, QuoteSlot};
use crate::claims::ClaimKind;

/// Most tokens between a quote's tag and the second half of the quote it splits ("said Raffaello
/// Pantucci, director of International Security Studies at the Royal United Services Institute in
/// London, “…”").
const MAX_SPLIT_GAP: usize = 30;

/// Applies `quote_continuation` to a quote.
pub(super) fn apply(e: &Engine<'_>, s: &QuoteSlot) -> Outcome {
    let continued = continued_claim(e, s.qi, s.open_tok, s.si, || s.clause(e))
        .or_else(|| split_quote(e, s.qi, s.open_tok, s.si).filter(|_| s.clause(e)));
    match continued {
        Some(claim) => Outcome::Continues {
            claim,
            content: s.content.clone(),
        },
        None => Outcome::Pass,
    }
}

/// The claim a quote continues, if it continues one (see `quote_continuation`).
fn continued_claim(
    e: &Engine<'_>,
    qi: usize,
    open_tok: usize,
    si: usize,
    clause: impl Fn() -> bool,
) -> Option<usize> {
    let last = e.last_quote_claim()?;
    let c = &e.claims[last];
    let q = &e.quotes[qi];
    if q.continued {
        return Some(last);
    }
    let near = e.paragraph(si).saturating_sub(e.paragraph(c.sentence)) <= 1;
    let opens_sentence = open_tok == e.sent_toks[si].start;
    (near && opens_sentence && clause()).then_some(last)
}

/// The claim whose quote quote `qi` goes on after the tag that split it: “A,” said X, “B.” and
/// “A,” one aide said late last month, “B.” (the tag after the first half, then a comma right
/// before the second half, with no other cue or quote between). The caller asks for a clause: a
/// title after the tag (“A,” said X, who wore the slogan, “Back the Bid”, …) is no second half.
fn split_quote(e: &Engine<'_>, qi: usize, open_tok: usize, si: usize) -> Option<usize> {
    let last = e.last_quote_claim()?;
    let c = &e.claims[last];
    let (Some(cue), Some(sp)) = (&c.cue, &c.speaker) else {
        return None;
    };
    let q = &e.quotes[qi];
    let tag = cue.start.min(sp.start)..cue.end.max(sp.end);
    let tag_end = e.tok_at(tag.end);
    let fits = c.sentence == si
        && c.kind == ClaimKind::Direct
        && c.content.end <= tag.start
        && tag.end <= q.open
        && open_tok > tag_end
        && open_tok - tag_end <= MAX_SPLIT_GAP
        && e.is_punct(open_tok - 1, &[','])
        // Only the tag's own cue between the two halves, and no other quote.
        && e.hits[e.hits.partition_point(|h| h.first < tag_end)..]
            .first()
            .is_none_or(|h| h.first >= open_tok)
        && (qi == 0 || e.quotes[qi - 1].open < c.content.end);
    fits.then_some(last)
}
