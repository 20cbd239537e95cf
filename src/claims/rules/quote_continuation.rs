//! `quote_continuation`: a quote opening a sentence right after an attributed quote (same or next
//! paragraph, no new cue), or a quote continued from the previous paragraph, is the same speaker's.

use crate::claims::attribution::{Engine, Outcome, QuoteSlot};

/// Applies `quote_continuation` to a quote.
pub(super) fn apply(e: &Engine<'_>, s: &QuoteSlot) -> Outcome {
    match continued_claim(e, s.qi, s.open_tok, s.si, s.clause) {
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
    clause: bool,
) -> Option<usize> {
    let last = e.last_quote_claim()?;
    let c = &e.claims[last];
    let q = &e.quotes[qi];
    if q.continued {
        return Some(last);
    }
    let near = e.paragraph(si).saturating_sub(e.paragraph(c.sentence)) <= 1;
    let opens_sentence = open_tok == e.sent_toks[si].start;
    (near && opens_sentence && clause).then_some(last)
}
