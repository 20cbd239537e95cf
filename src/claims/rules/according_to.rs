//! `according_to`: according to X, … / …, according to X. / A, according to X, B. The speaker is
//! the phrase after the cue; the content is the rest of the sentence on the side of the comma that
//! holds the clause. The phrase after the cue is the source up to the next comma: "…, according to
//! a count by The Associated Press." and "…, according to a CNN tally, but …" are the clause before
//! the cue; only "A, according to X, B" with B going on with A's clause is both sides. A cue of
//! the `opening` frame ("In a CNN/ORC poll, 38 percent said …") is one only where it opens its
//! sentence before a poll's phrase (`Engine::new` keeps no other), whose claim is the rest of the
//! sentence.

use crate::claims::attribution::{Candidate, CueSlot, Engine, Outcome};
use crate::claims::cues::Frame;
use crate::claims::function_words::WordClass as W;
use crate::claims::speaker::Role;
use crate::claims::SpeakerType;
use crate::lexicon::is_poll_head;

/// Most words of the part before the cue in "A, according to X, B" for B to go on with A's clause:
/// a longer A is a clause of its own ("Walker will speak at the convention, according to a report,
/// …"); on PolNeAR train, the As that go on hold 1 to 7 words.
const MAX_OPENING_WORDS: usize = 8;

/// Applies `according_to` to a cue of the `according` frame, which it takes even when it finds no
/// claim.
pub(super) fn apply(e: &Engine<'_>, s: &CueSlot) -> Outcome {
    let (h, si, hit) = (s.h, s.si, s.hit);
    if !hit.cue.has(Frame::According) {
        return Outcome::Pass;
    }
    let r = e.sent_toks[si].clone();
    // "according to early results of …": an adjective the lexicon lists as an adverb may open
    // the source phrase.
    let mut first = hit.last + 1;
    while first + 1 < r.end && e.is_adverb(first) && e.is_word(first + 1) {
        first += 1;
    }
    let Some(p) = e.phrase_after(first, r.end) else {
        return Outcome::Taken;
    };
    let sp = e.speaker(p, si);
    // The source phrase runs to the next comma ("according to a count by the AP, …") or, without
    // one, to the end of the sentence ("…, according to a count by the AP.").
    let mut commas = e.commas(p.last + 1, r.end);
    let mut comma = commas.next();
    // "In the latest poll, conducted in May, Clinton led …": a participle's aside between commas
    // belongs to the source phrase.
    if hit.cue.has(Frame::Opening)
        && comma.is_some_and(|c| c + 1 < r.end && e.word_in(c + 1, W::PastEnding))
    {
        comma = commas.next().or(comma);
    }
    let mut after = comma.map_or(p.last + 1, |c| c + 1);
    while after < r.end && e.is_punct(after, &[',']) {
        after += 1;
    }
    if hit.cue.has(Frame::Opening) && !poll_account(e, p.first, after, si) {
        return Outcome::Taken;
    }
    // At the start, after at most an opening word ("But according to X, …", "However, …").
    let at_start = (r.start..hit.first).filter(|&t| e.is_word(t)).count() <= 1;
    // A coordinated clause after the source is not the source's ("…, according to a CNN tally,
    // but his path is narrowing").
    let new_clause = after < r.end
        && (e.word_in(after, W::ClauseCoordinator) || e.word_in(after, W::ClauseBoundary));
    // B goes on with A's clause only when A is a short opening without a comma of its own ("The
    // implication, according to the aide, is …", "At the heart of the trouble, according to X,
    // was …"), A ends with a coordinator ("… and, according to X, is now worth …") or B is a
    // "that" clause ("there was evidence, according to X, that …"); and B is no appositive or
    // relative clause of the source ("…, according to Jason Delisle, who was …", "…, according
    // to John Weaver, a Republican strategist").
    let floor = e.floor(si, hit.first);
    let one_piece =
        !(floor..hit.first.saturating_sub(1)).any(|t| e.is_clause_punct(t, &[',', ';']));
    let coordinated = (floor..hit.first)
        .rev()
        .find(|&t| e.is_word(t))
        .is_some_and(|t| e.word_in(t, W::ClauseCoordinator));
    let opening = one_piece
        && (floor..hit.first).filter(|&t| e.is_word(t)).count() <= MAX_OPENING_WORDS
        || coordinated
        || after < r.end && e.word_in(after, W::Complementizer);
    let source_goes_on = after < r.end
        && (e.word_in(after, W::TrailingAppositive) || e.word_in(after, W::TrailingRelative));
    // "While most were rated confidential, according to an official, two were upgraded …": after
    // an opening subordinate clause, the source's claim is the main clause after it.
    let after_subordinate = comma.is_some()
        && after < r.end
        && !new_clause
        && !source_goes_on
        && floor == r.start
        && one_piece
        && e.opens_subordinate(si, hit.first);
    // "But the plan, according to X, …": the connective opening the sentence is no part of it.
    let floor =
        if floor == r.start && floor + 1 < hit.first && e.word_in(floor, W::OpeningConnective) {
            floor + 1
        } else {
            floor
        };
    // "A, according to people close to the talks, B": the tag, from its comma to the comma closing the source
    // phrase, is no content (`Claim::tag`).
    let mut tag = None;
    let content = if at_start || after_subordinate {
        e.trimmed(after, r.end)
    } else if after >= r.end
        || e.is_punct(after, &['.', '!', '?', ';'])
        || comma.is_none()
        || new_clause
        || !opening
        || source_goes_on
    {
        e.trimmed(floor, hit.first)
    } else {
        let open = if hit.first > floor && e.is_punct(hit.first - 1, &[',']) {
            hit.first - 1
        } else {
            hit.first
        };
        tag = comma.map(|c| e.bytes(open, c));
        e.trimmed(floor, r.end)
    };
    let Some(content) = content else {
        return Outcome::Taken;
    };
    let kind = e.reported_kind(&content);
    let mut c = Candidate::with_hit(e, kind, content, Some(sp), h);
    c.tag = tag;
    Outcome::Claim(c)
}

/// Whether a sentence opened by a cue of the `opening` frame, whose source phrase starts at token
/// `first` ("In a CNN/ORC poll, …"), is the poll's account of the clause starting at token
/// `after`: a noun of `lexicons/poll_heads.txt` heads the source, before any preposition,
/// lowercase stop word or participle ("In the 13 states where … exit polls …" is a place, "In a
/// memo released as polls closed" a memo), and the clause is no person's or organisation's own
/// claim ("In an online poll …, Democracy Corp found that …" is Democracy Corp's, a name right
/// before its cue; "79 percent of Democrats said …" is what the poll found).
fn poll_account(e: &Engine<'_>, first: usize, after: usize, si: usize) -> bool {
    let end = e.sent_toks[si].end;
    let poll = (first..after)
        .take_while(|&t| {
            !e.is_clause_punct(t, &[','])
                && !match e.role(t) {
                    Some(Role::Preposition | Role::Relative) => true,
                    // ("In a September … poll": a month is a stop word too.)
                    Some(Role::Stop) => !e.capitalized(t),
                    _ => false,
                }
                && !e.word_in(t, W::PastEnding)
                && !e.word_in(t, W::GerundEnding)
        })
        .any(|t| e.is_word(t) && is_poll_head(e.word(t)));
    let own_claim = e.phrase_after(after, end).is_some_and(|q| {
        q.first == after
            && e.capitalized(q.first)
            && e.role(q.first) != Some(Role::Determiner)
            && e.hit_at(q.last + 1).is_some()
            && matches!(
                e.speaker(q, si).ty,
                SpeakerType::Person | SpeakerType::Organization
            )
    });
    poll && !own_claim
}
