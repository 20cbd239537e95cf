//! `label`: a name given with no one giving it, "a memo titled “The Facts”", "the island was
//! known as ''the Poorhouse of the Caribbean''". PolNeAR annotates the quoted name as an
//! attribution without a source, unless the sentence's subject gives or uses it ("Robby Mook
//! released a memo titled “…”", "whom he dubbed “…”"). The only rule tried on a cue inside another
//! claim's content.

use crate::claims::attribution::{Candidate, CueSlot, Engine, Outcome, Speaker};
use crate::claims::cues::Frame;
use crate::claims::function_words::WordClass as W;
use crate::claims::quotes::is_one_word;
use crate::claims::ClaimKind;

/// Applies `label` to a cue: the quotation opening right after the cue (or after an article, "has
/// been called the “Trump of the East”"), unless a claim already holds it. Besides the label cues,
/// a naming verb after a form of "be" gives a name no one in the text gives ("what is called a
/// “debate”"). Takes every label cue, and a passive naming verb with its quotation.
pub(super) fn apply(e: &Engine<'_>, s: &CueSlot) -> Outcome {
    let (h, si, hit) = (s.h, s.si, s.hit);
    let passive = hit.cue.has(Frame::Naming)
        && hit.first == hit.last
        && e.word_in(hit.first, W::PastEnding)
        && hit.first > e.sent_toks[si].start
        && after_be(e, hit.first);
    if !hit.cue.has(Frame::Label) && !passive {
        return Outcome::Pass;
    }
    let next = hit.last + 1;
    let article = next < e.sent_toks[si].end && e.word_in(next, W::Article);
    let open = next + usize::from(article);
    // A passive naming verb without a quotation is left to the other rules, and so is a label
    // cue that the `passive` rule reads ("Manafort is not known as a debate expert").
    let unquoted = if passive || hit.cue.has(Frame::Passive) {
        Outcome::Pass
    } else {
        Outcome::Taken
    };
    let Some(at) = e.toks.get(open).map(|t| t.start) else {
        return unquoted;
    };
    let k = e.quotes.partition_point(|q| q.open < at);
    let Some(q) = e.quotes.get(k).filter(|q| q.open == at) else {
        return unquoted;
    };
    // "has been called “strategic ambiguity” by Joshua Hendrick".
    let agent = e
        .by_agent(e.quote_close_tok(k), e.sent_toks[si].end, si)
        .map(|(s, _)| s);
    // A one-word name ("the spot, titled “Arrogant,”", "chants of “no.”") is given to no one
    // in PolNeAR: as good as no quotation, unless a "by" phrase names who gives it ("is
    // nicknamed “Hurricane” by fans").
    if agent.is_none() && is_one_word(e.text, q) {
        return unquoted;
    }
    let content = e.toks[next].start..q.close;
    if e.covered(&content) {
        return Outcome::Taken;
    }
    let sp = agent.or_else(|| label_giver(e, hit.first, si));
    Outcome::Claim(Candidate::with_hit(e, ClaimKind::Mixed, content, sp, h))
}

/// Whether the token before `t` is a form of "be": "she is nicknamed", "has been called".
fn after_be(e: &Engine<'_>, t: usize) -> bool {
    e.word_in(t - 1, W::BeForm)
}

/// Who a label before token `cue` is ascribed to: the subject of a relative clause ("what one
/// Latino conservative has dubbed “…”", "who he dubbed “…”"); else, in "Robby Mook released a
/// memo titled “…”", the sentence's subject, when it is a likely speaker and the label stands
/// in its predicate, not in the subject itself ("The ad, titled “…”, features") nor after a
/// form of "be" ("she is nicknamed “…”", a name no one gives).
fn label_giver(e: &Engine<'_>, cue: usize, si: usize) -> Option<Speaker> {
    let floor = e.sent_toks[si].start;
    let prev = cue.checked_sub(1).filter(|&p| p >= floor)?;
    if after_be(e, cue) {
        return None;
    }
    let verb = if e.word_in(prev, W::HaveForm) {
        prev
    } else {
        cue
    };
    let relative = e
        .phrase_before(verb, floor)
        .filter(|p| p.first > floor && e.word_in(p.first - 1, W::RelativeOpener));
    if let Some(p) = relative {
        return Some(e.speaker(p, si));
    }
    let sp = e
        .sentence_subject(cue, si)
        .filter(|s| e.plausible_subject(s))?;
    let after = sp.end_token(e);
    let words = (after..cue).filter(|&t| e.is_word(t)).count();
    (words >= 2 || after == cue).then_some(sp)
}
