//! `passive_agent`: a cue in the passive with its agent after "by": "The proposal was rejected by
//! 64 percent of the electorate", "The meeting was first reported by Politico", "the immigration
//! bill, opposed by House Republicans, …", "candidates backed by super PACs". PolNeAR annotates
//! the agent as the source and the phrase the participle is said of as the content.

use crate::claims::attribution::{Candidate, CueSlot, Engine, Outcome};
use crate::claims::cues::{CueClass, Frame};
use crate::claims::function_words::WordClass as W;

/// Applies `passive_agent` to a cue in "-ed" right before "by" and a speaker phrase. Cues that
/// take a hearer or a question (`object`, `query`, `question`: "was told by aides that …") and
/// belief cues without the `stance` frame ("worried by the news" is the subject's worry) pass, and
/// so does "by" before a gerund.
pub(super) fn apply(e: &Engine<'_>, s: &CueSlot) -> Outcome {
    let (hit, r) = (s.hit, e.sent_toks[s.si].clone());
    // Nearly every cue is told by its frames, its class or the word after it, in this small
    // function; the rest of the rule is read only after a cue in "-ed" and "by".
    let cue = hit.cue;
    if hit.first <= r.start
        || !cue.has(Frame::Before)
        || cue.has(Frame::Object)
        || cue.has(Frame::Query)
        || cue.has(Frame::Question)
        || !(cue.class == CueClass::Speech
            || cue.class == CueClass::Belief && cue.has(Frame::Stance))
        // "by" right after the cue ([`Engine::by_agent`] asks it again), told by its code before
        // the cue's ending is read: nearly every cue fails on it.
        || hit.last + 2 >= r.end
        || !e.word_in(hit.last + 1, W::AgentMarker)
        || !e.word_in(hit.first, W::PastEnding)
    {
        return Outcome::Pass;
    }
    agent_claim(e, s, r)
}

/// [`apply`] to a cue in "-ed" right before "by", in a sentence of tokens `r`: the agent, the
/// passive's subject, and the claim.
fn agent_claim(e: &Engine<'_>, s: &CueSlot, r: std::ops::Range<usize>) -> Outcome {
    let (hit, si, floor) = (s.hit, s.si, r.start);
    let Some((agent, _)) = e.by_agent(hit.last + 1, r.end, si) else {
        return Outcome::Pass;
    };
    // "responded by saying …", "concluded by implying …": "by" and a gerund, an active verb's
    // manner, not an agent.
    if e.word_in(agent.first_token(e), W::GerundEnding) {
        return Outcome::Pass;
    }
    // Back over adverbs ("was first reported"), then over the forms of be and have of a finite
    // passive ("have been echoed by"), or the comma of a participle phrase set off after its noun
    // ("The bill, opposed by …").
    let mut b = hit.first;
    while b > floor + 1 && e.is_adverb(b - 1) {
        b -= 1;
    }
    let finite = e.word_in(b - 1, W::BeForm);
    if finite {
        while b > floor + 1
            && (e.word_in(b - 1, W::BeForm) || e.word_in(b - 1, W::HaveForm) || e.is_adverb(b - 1))
        {
            b -= 1;
        }
    } else if e.is_punct(b - 1, &[',']) {
        b -= 1;
    }
    let Some(p) = e.phrase_before(b, floor) else {
        return Outcome::Pass;
    };
    let content = e.bytes(p.first, p.last);
    if e.covered(&content) || agent.span.start < content.end {
        return Outcome::Pass;
    }
    let kind = e.reported_kind(&content);
    Outcome::Claim(Candidate::with_hit(e, kind, content, Some(agent), s.h))
}
