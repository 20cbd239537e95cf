//! `cue_then_quote`: X said: “…” / X said, “…” / X told reporters “…”; a paragraph ending "X
//! added:" before a quoted paragraph; "Jane Roe agreed. “…”" (a sentence that is only a speaker and
//! a cue tags the quote opening the next).

use crate::claims::attribution::{Engine, Outcome, QuoteSlot, Speaker};
use crate::claims::cues::Frame;
use crate::claims::function_words::{self, WordClass as W};
use crate::claims::speaker::Role;
use crate::claims::tokens::is_capitalized;
use crate::claims::ClaimKind;

/// Most tokens between a cue and the quote it introduces ("said in a statement on Tuesday, “…”").
const MAX_CUE_GAP: usize = 10;

/// Applies `cue_then_quote` to a quote.
pub(super) fn apply(e: &Engine<'_>, s: &QuoteSlot) -> Outcome {
    match cue_then_quote(e, s.open_tok, s.si, s.clause) {
        Some((sp, h)) => Outcome::Claim(s.direct_with_hit(e, sp, h)),
        None => Outcome::Pass,
    }
}

/// X said: “…” / X said, “…” / X told reporters, “…”; also a cue ending the previous sentence
/// with a colon.
/// `clause`: whether the quote is a clause; without a colon or comma, "X wrote “War and Peace”"
/// names a title, not a quote.
fn cue_then_quote(
    e: &Engine<'_>,
    open_tok: usize,
    si: usize,
    clause: bool,
) -> Option<(Speaker, usize)> {
    let floor = e.sent_toks[si].start;
    let found = quote_cue_before(e, open_tok, floor, si, clause);
    if found.is_some() || open_tok != floor || si == 0 {
        return found;
    }
    let prev = e.sent_toks[si - 1].clone();
    if prev.is_empty() {
        return None;
    }
    if e.is_punct(prev.end - 1, &[':']) {
        return quote_cue_before(e, prev.end, prev.start, si - 1, clause);
    }
    e.tag_sentence(prev, si - 1).filter(|_| clause)
}

/// The quote cue ending at most [`MAX_CUE_GAP`] tokens before token `limit` (not before `floor`) that
/// introduces the quote opening at `limit`, with its speaker.
fn quote_cue_before(
    e: &Engine<'_>,
    limit: usize,
    floor: usize,
    si: usize,
    clause: bool,
) -> Option<(Speaker, usize)> {
    let k = e.hits.partition_point(|h| h.last < limit);
    let h = k.checked_sub(1)?;
    let cue = &e.hits[h];
    if cue.first < floor || !cue.cue.has(Frame::Quote) || limit - cue.last > MAX_CUE_GAP {
        return None;
    }
    let gap = cue.last + 1..limit;
    let words: Vec<&str> = gap
        .clone()
        .filter(|&t| e.is_word(t))
        .map(|t| e.word(t))
        .collect();
    let ends_with_colon_or_comma = gap
        .clone()
        .rev()
        .find(|&t| !e.word_in(t, W::Complementizer))
        .is_some_and(|t| e.is_punct(t, &[':', ',']));
    let object =
        cue.cue.has(Frame::Object) && words.len() <= 4 && gap.clone().all(|t| e.is_word(t));
    // "X said in a statement, “…”", "X said Tuesday: “…”", "X asked Trump, “…”": words
    // between cue and quote are an adverbial or a hearer; "the Senate goes on recess, “…”"
    // is no cue of the quote.
    let adverbial = gap.clone().find(|&t| e.is_word(t)).is_none_or(|t| {
        e.word_in(t, W::Complementizer)
            || is_capitalized(e.word(t))
            || e.is_adverb(t)
            || matches!(e.role(t), Some(Role::Preposition | Role::Stop))
    });
    let hearer = cue.cue.has(Frame::Object) && words.len() <= 4;
    if !(adverbial || hearer) {
        return None;
    }
    let direct = ends_with_colon_or_comma
        || (words.is_empty()
            || words.len() == 1 && function_words::is(words[0], W::Complementizer)
            || object)
            && clause;
    // A used cue introduces this quote too only as the second half of a split quote: “A,” he
    // said of Trump, “B.”
    let split = e.claims.last().is_some_and(|c| {
        c.kind == ClaimKind::Direct && c.cue == Some(e.bytes(cue.first, cue.last))
    });
    if !direct || (!e.unused(h) && !words.is_empty() && !split) {
        return None;
    }
    let sp = e.subject(h, si)?;
    (!e.reported_by_outer_cue(&sp, h, si)).then_some((sp, h))
}
