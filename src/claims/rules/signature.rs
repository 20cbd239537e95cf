//! `signature`: a quote that is a paragraph of its own, signed on the next line by a dash and its
//! speaker: "“…”\n\n- Bernie Sanders." or "-Jane Roe, Philadelphia." Fact checks and quote
//! round-ups present each quote this way, with no cue word anywhere.

use super::SAY;
use crate::claims::attribution::{Engine, Outcome, QuoteSlot, Speaker};

/// At most this many words on a signature line: a name and a short description, not a sentence.
const MAX_WORDS: usize = 12;

/// Applies `signature` to a quote.
pub(super) fn apply(e: &Engine<'_>, s: &QuoteSlot) -> Outcome {
    match signature(e, s) {
        Some((sp, dash)) => s.direct_with_token(e, sp, dash, SAY),
        None => Outcome::Pass,
    }
}

/// The speaker signing quote `s`, and the dash's token, when the quote fills its paragraph and
/// the next paragraph is one dash-led line opening with a name. The line after the quote is
/// looked at first: most quotes have none of their own.
fn signature(e: &Engine<'_>, s: &QuoteSlot) -> Option<(Speaker, usize)> {
    let (si, close_sentence) = (s.si, s.close_sentence);
    let para = e.paragraph(si);
    let line = close_sentence + 1;
    let one_line = e.sentences.get(line)?.paragraph != para && !e.paragraph_goes_on(line);
    if !one_line {
        return None;
    }
    let opens_paragraph = s.open_tok == e.sent_toks[si].start && e.opens_paragraph(si);
    let closes_paragraph = e.paragraph(close_sentence) == para
        && (s.close_tok..e.sent_toks[close_sentence].end).all(|t| !e.is_word(t));
    if !(opens_paragraph && closes_paragraph) {
        return None;
    }
    let r = e.sent_toks[line].clone();
    let words = r.clone().filter(|&t| e.is_word(t)).count();
    if r.len() < 2 || words > MAX_WORDS || !e.is_punct(r.start, &['-', '–', '—']) {
        return None;
    }
    let p = e.phrase_after(r.start + 1, r.end)?;
    // The name ends the line or a comma follows it: "- Clinton.", "-Jane Roe, Philadelphia."
    let closed = p.last + 1 == r.end || e.is_punct(p.last + 1, &[',', '.']);
    (p.first == r.start + 1 && e.capitalized(p.last) && closed)
        .then(|| (e.speaker(p, line), r.start))
}
