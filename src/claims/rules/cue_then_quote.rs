//! `cue_then_quote`: X said: “…” / X said, “…” / X told reporters “…”; a paragraph ending "X
//! added:" before a quoted paragraph; "Jane Roe agreed. “…”" (a sentence that is only a speaker and
//! a cue tags the quote opening the next).

use crate::claims::attribution::{Engine, Outcome, QuoteSlot, Speaker};
use crate::claims::cues::Frame;
use crate::claims::function_words::{self, WordClass as W};
use crate::claims::speaker::Role;
use crate::claims::ClaimKind;

/// Most tokens between a cue and the quote it introduces ("said in a statement on Tuesday, “…”").
const MAX_CUE_GAP: usize = 10;

/// Applies `cue_then_quote` to a quote.
pub(super) fn apply(e: &Engine<'_>, s: &QuoteSlot) -> Outcome {
    match cue_then_quote(e, s.open_tok, s.si, || s.clause(e)) {
        Some((sp, h)) => {
            let mut c = s.direct_with_hit(e, sp, h);
            if let Some(first) = c.speaker.as_ref().and_then(|sp| opener(e, s, sp, h)) {
                // The quote goes on with the clause the sentence opened: the clause is the content.
                c.kind = ClaimKind::Mixed;
                c.content = e.toks[first].start..e.quotes[s.qi].close;
            } else if let Some(that) = lead_in(e, s, h) {
                // The clause from the "that" is the content, and it goes on past the quote when
                // the clause does ("that Trump is “very involved …” in the design process").
                c.kind = ClaimKind::Mixed;
                let close = e.quotes[s.qi].close;
                c.content = e.toks[that].start..close;
                if let Some(r) = e.clause_after(h, s.si) {
                    if r.start == c.content.start && r.end > close {
                        c.content = r;
                    }
                }
            }
            Outcome::Claim(c)
        }
        None => Outcome::Pass,
    }
}

/// "Cruz, Blackwell wrote, “has consistently demonstrated …”": a quote right after its tag that
/// opens in lower case goes on with the words before the tag, which open its clause, and PolNeAR
/// annotates them and the quote as one content around the tag (a mixed quote; the scorer reads it
/// without the tag). Returns the clause's first token: the sentence's start, or the end of the
/// sentence's last claim before the tag. Only for a tag between commas; not when the words before
/// it hold a cue, a quotation or a colon.
fn opener(e: &Engine<'_>, s: &QuoteSlot, sp: &Speaker, h: usize) -> Option<usize> {
    let hit = &e.hits[h];
    let tag = sp.first_token(e).min(hit.first);
    let floor = e.floor(s.si, tag);
    let comma = tag.checked_sub(1)?;
    if comma <= floor || !e.is_punct(comma, &[',']) {
        return None;
    }
    let gap = hit.last.max(sp.end_token(e) - 1) + 1..s.open_tok;
    let right_after = gap.len() == 1 && e.is_punct(gap.start, &[',']);
    let lowercase = (s.open_tok + 1..s.close_tok)
        .find(|&t| e.is_word(t))
        .is_some_and(|t| e.word(t).starts_with(|c: char| c.is_lowercase()));
    let lo = e.hits.partition_point(|x| x.last < floor);
    let cue_inside = e.hits.get(lo).is_some_and(|x| x.first < tag);
    let clean = (floor..comma).all(|t| !e.quoted[t] && !e.is_punct(t, &[':']));
    (right_after && lowercase && !cue_inside && clean).then_some(floor)
}

/// "Trump told Newsmax that Mitt Romney “had a crazy policy …”": a "that" between the cue and
/// the quote with words after it opens a reported clause the quote goes on, and PolNeAR annotates
/// the clause from the "that" as one (mixed) content (on PolNeAR train 18 such quotes were
/// annotated so, none as the quote alone). Returns the "that"'s token: the first "that" outside
/// quotation marks between the cue and the quote with a word after it; none for "said that “…”"
/// or "said that, “…”", which stay direct.
fn lead_in(e: &Engine<'_>, s: &QuoteSlot, h: usize) -> Option<usize> {
    let that = (e.hits[h].last + 1..s.open_tok)
        .find(|&t| e.word_in(t, W::Complementizer) && !e.quoted[t])?;
    (that + 1..s.open_tok).any(|t| e.is_word(t)).then_some(that)
}

/// X said: “…” / X said, “…” / X told reporters, “…”; also a cue ending the previous sentence
/// with a colon.
/// `clause`: whether the quote is a clause; without a colon or comma, "X wrote “War and Peace”"
/// names a title, not a quote.
fn cue_then_quote(
    e: &Engine<'_>,
    open_tok: usize,
    si: usize,
    clause: impl Fn() -> bool + Copy,
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
    e.tag_sentence(prev, si - 1).filter(|_| clause())
}

/// The quote cue ending at most [`MAX_CUE_GAP`] tokens before token `limit` (not before `floor`) that
/// introduces the quote opening at `limit`, with its speaker.
fn quote_cue_before(
    e: &Engine<'_>,
    limit: usize,
    floor: usize,
    si: usize,
    clause: impl Fn() -> bool,
) -> Option<(Speaker, usize)> {
    let k = e.hits.partition_point(|h| h.last < limit);
    let h = k.checked_sub(1)?;
    let cue = &e.hits[h];
    if cue.first < floor || !cue.cue.has(Frame::Quote) || limit - cue.last > MAX_CUE_GAP {
        return None;
    }
    let gap = cue.last + 1..limit;
    // The words of the gap: how many, and the first.
    let mut words = gap.clone().filter(|&t| e.is_word(t));
    let first_word = words.next();
    let word_count = first_word.map_or(0, |_| 1 + words.count());
    let ends_with_colon_or_comma = gap
        .clone()
        .rev()
        .find(|&t| !e.word_in(t, W::Complementizer))
        .is_some_and(|t| e.is_punct(t, &[':', ',']));
    let object = cue.cue.has(Frame::Object) && word_count <= 4 && gap.clone().all(|t| e.is_word(t));
    // "X said in a statement, “…”", "X said Tuesday: “…”", "X asked Trump, “…”": words
    // between cue and quote are an adverbial or a hearer; "the Senate goes on recess, “…”"
    // is no cue of the quote.
    let adverbial = first_word.is_none_or(|t| {
        e.word_in(t, W::Complementizer)
            || e.capitalized(t)
            || e.is_adverb(t)
            || matches!(e.role(t), Some(Role::Preposition | Role::Stop))
    });
    let hearer = cue.cue.has(Frame::Object) && word_count <= 4;
    if !(adverbial || hearer) {
        return None;
    }
    let direct = ends_with_colon_or_comma
        || (word_count == 0
            || word_count == 1
                && first_word.is_some_and(|t| function_words::is(e.word(t), W::Complementizer))
            || object)
            && clause();
    // A used cue introduces this quote too only as the second half of a split quote: “A,” he
    // said of Trump, “B.”
    let split = e.claims.last().is_some_and(|c| {
        c.kind == ClaimKind::Direct && c.cue == Some(e.bytes(cue.first, cue.last))
    });
    if !direct || (!e.unused(h) && word_count > 0 && !split) {
        return None;
    }
    let sp = e.subject(h, si)?;
    (!e.reported_by_outer_cue(&sp, h, si)).then_some((sp, h))
}
