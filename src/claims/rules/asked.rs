//! `asked`: a question put to someone who is not said to ask it, "When asked about the polls, …",
//! "Asked if Trump's comments had rattled them, Ryan said …", "Blumenthal was asked, “…”".
//! PolNeAR annotates the question as an attribution with no source (or the asker after "by"); the
//! person asked answers in a claim of their own.

use crate::claims::attribution::{Candidate, CueSlot, Engine, Outcome};
use crate::claims::cues::Frame;
use crate::claims::function_words::WordClass as W;
use crate::claims::speaker::Role;
use std::ops::Range;

/// Applies `asked` to a cue; takes a passive "asked" whether or not a question follows.
pub(super) fn apply(e: &Engine<'_>, s: &CueSlot) -> Outcome {
    let (h, si, hit) = (s.h, s.si, s.hit);
    let r = e.sent_toks[si].clone();
    if hit.first != hit.last || !hit.cue.has(Frame::Question) {
        return Outcome::Pass;
    }
    let passive = hit.first == r.start || e.word_in(hit.first - 1, W::PassiveMarker);
    if !passive {
        return Outcome::Pass;
    }
    let mut start = hit.last + 1;
    let agent = e.by_agent(start, r.end, si);
    if let Some((_, after)) = &agent {
        start = *after;
    }
    start = e.past_punct(start, r.end, &[',', ':']);
    // "When asked about the polls, …": the topic is the content, "about" goes with the cue.
    if start + 1 < r.end && e.word_in(start, W::QuestionTopic) {
        start += 1;
    } else if let Some(q) = after_adverbial(e, start, r.end) {
        start = q;
    }
    let Some(content) = question(e, start, r.end) else {
        return Outcome::Taken;
    };
    if e.covered(&content) {
        return Outcome::Taken;
    }
    let kind = e.reported_kind(&content);
    let sp = agent.map(|(s, _)| s);
    Outcome::Claim(Candidate::with_hit(e, kind, content, sp, h))
}

/// Most tokens of an adverbial of time or occasion between "asked" and its question ("was
/// asked during a luncheon held by The Wall Street Journal if …").
const MAX_ADVERBIAL: usize = 10;

/// "was asked on Monday whether …", "asked at a briefing Monday in Washington about …": where
/// the question starts after an adverbial opening at token `start` (a date, or a phrase with a
/// preposition other than "about", not the "to" of an infinitive: "asked to decide if …"), at its question word, "whether"/"if" or "about" (which
/// PolNeAR keeps here: the adverbial stands between it and the cue). None when no adverbial opens
/// there, or no such word follows it before a mark or a quotation. On PolNeAR train, starting
/// there made 9 questions words-exact and none inexact.
fn after_adverbial(e: &Engine<'_>, start: usize, end: usize) -> Option<usize> {
    let adverbial = start < end
        && e.is_word(start)
        && (e.role(start) == Some(Role::Preposition)
            && !e.word_in(start, W::InfinitiveMarker)
            && !e.quantity_at(start, end)
            || e.date_run(start, end).is_some());
    if !adverbial {
        return None;
    }
    (start + 1..end.min(start + 1 + MAX_ADVERBIAL))
        .take_while(|&t| e.is_word(t) && !e.quoted[t])
        .find(|&t| {
            e.word_in(t, W::QuestionWord)
                || e.word_in(t, W::QuestionComplementizer)
                || e.word_in(t, W::QuestionTopic)
        })
}

/// The question from token `start`: a quotation opening there, else the words up to the
/// next punctuation outside quotes.
fn question(e: &Engine<'_>, start: usize, end: usize) -> Option<Range<usize>> {
    if start >= end {
        return None;
    }
    if e.is_punct(start, &['“', '"', '\'']) && e.quoted[start] {
        let k = e.quotes.partition_point(|q| q.open < e.toks[start].start);
        let q = e.quotes.get(k)?;
        return Some(q.open..q.close);
    }
    let stop = (start..end)
        .find(|&t| !e.quoted[t] && e.is_clause_punct(t, &[',', ';', '.', ':', '—', '(', '?', '!']))
        .unwrap_or(end);
    e.trimmed(start, stop)
}
