//! `evidential`: *Washington appears weak* · *The closures appear to have brought some stability* ·
//! *it seems that …* · *Trump is expected to win*. An evidential or epistemic verb (a cue with the `raising` frame) says how
//! something seems to the writer, who is its source: the claim has no speaker. Its content is the
//! clause's subject and the complement after the cue, which PolNeAR annotates as one discontinuous
//! content ("Sanders … to have a slight lead"); claims.csv holds their envelope, cue included, and
//! the scorer reads the two sides of the cue as the content's pieces. After an expletive subject
//! ("it appears that …") the content is the "that" clause alone.

use crate::claims::attribution::{Candidate, CueSlot, Engine, Outcome};
use crate::claims::cues::Frame;
use crate::claims::function_words::WordClass as W;
use crate::claims::speaker::Role;

/// Most words a raised subject may have; a longer run before the cue is no subject phrase.
const MAX_SUBJECT_WORDS: usize = 12;

/// Applies `evidential` to a cue of the `raising` frame (in the passive when it also has
/// `before`); such a cue is then nobody else's, so the rule takes it even when it finds no claim
/// ("appeared on Fox News" is no evidential use).
pub(super) fn apply(e: &Engine<'_>, s: &CueSlot) -> Outcome {
    if !s.hit.cue.has(Frame::Raising) {
        return Outcome::Pass;
    }
    writers_claim(e, s, Reading::Raising)
}

/// How [`writers_claim`] reads its cue.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Reading {
    /// An evidential verb (the `raising` frame): "appears weak"; in the passive only when the cue
    /// also takes a speaker before it ("is expected to win").
    Raising,
    /// A cue of the `passive` frame in an agentless passive ("was criticized for …", "is seen
    /// as …"): only after a form of be, and its complement may open with a preposition of
    /// `lexicons/passive_complements.txt` ("for", "of"), which the cue then takes in.
    Passive,
}

/// The claim with no speaker, the writer's, of cue `s` read as `reading`: the clause's subject
/// and the complement after the cue (their envelope, cue included), or [`Outcome::Taken`] when
/// the cue is read so but no claim is found, or [`Outcome::Pass`] when it is not read so (not in
/// the passive where the reading asks for one).
pub(super) fn writers_claim(e: &Engine<'_>, s: &CueSlot, reading: Reading) -> Outcome {
    let (hit, si) = (s.hit, s.si);
    let end = e.sent_toks[si].end;
    let floor = e.floor(si, hit.first);
    // "has seemed", "does not appear", "would seem": auxiliaries and adverbs belong to the cue.
    // A cue that also takes a speaker before it ("expected", "believed") raises only in the
    // passive: "Trump is widely expected to win"; so does a cue of the `passive` frame.
    let passive_only = reading == Reading::Passive || hit.cue.has(Frame::Before);
    let mut v = hit.first;
    let mut passive = false;
    while v > floor && (auxiliary(e, v - 1) || passive_only && e.word_in(v - 1, W::BeForm)) {
        passive |= e.word_in(v - 1, W::BeForm);
        v -= 1;
    }
    if passive_only && !passive {
        return Outcome::Pass;
    }
    if reading == Reading::Passive {
        match agent_after(e, hit.last + 1, end) {
            // "was hotly criticized by economists", "was seen by some as …": the agent speaks
            // (`passive_agent`).
            Some(true) => return Outcome::Pass,
            // "are considered unclean by Muslims", "was described as “…” by his office": so does
            // an agent after the complement, which no rule reads there.
            Some(false) => return Outcome::Taken,
            None => {}
        }
    }
    // "to appear flustered": the infinitive of another verb, whose subject is no subject here.
    if v > floor && e.word_in(v - 1, W::InfinitiveMarker) {
        return Outcome::Taken;
    }
    let Some(b) = subject_start(e, v, floor) else {
        return Outcome::Taken;
    };
    // "who was charged with plotting …", "which was seen as a failure": a relative clause's
    // passive describes its noun, and PolNeAR seldom annotates it (train: 3 of 20 such claims
    // right).
    if reading == Reading::Passive && e.word_in(b, W::ModifierRelative) {
        return Outcome::Taken;
    }
    // The complement: an infinitive, "like …", "that …" or a predicate ("weak", "poised to win");
    // not a place or time ("appeared on Fox News", "appeared Tuesday").
    let mut c = hit.last + 1;
    while c < end && e.is_adverb(c) {
        c += 1;
    }
    let infinitive = c < end && e.word_in(c, W::InfinitiveMarker);
    // "was criticized for …", "is accused of …": a passive's complement may open with one of a
    // few prepositions, which then ends the cue.
    let opener = reading == Reading::Passive
        && c < end
        && crate::lexicon::PASSIVE_COMPLEMENTS.contains_lowercased(e.word(c));
    if c >= end
        || !e.is_word(c)
        || !infinitive && !opener && (e.role(c) == Some(Role::Preposition) || e.capitalized(c))
    {
        return Outcome::Taken;
    }
    // "Rubio seemed to urge the opposite tactic": a cue of its own after "to" reports its
    // subject's words (`shared::subject` looks past "seemed to" for its speaker).
    let mut inner = c + 1;
    while inner < end && e.is_adverb(inner) {
        inner += 1;
    }
    if infinitive
        && e.hit_at(inner)
            .is_some_and(|n| e.hits[n].cue.has(Frame::Before) && !e.hits[n].cue.has(Frame::Raising))
    {
        return Outcome::Taken;
    }
    let stop = match e.clause_after_with(s.h, si, true) {
        Some(r) => r.end,
        // A one-word predicate: "Washington appears weak." (or words and numbers up to a mark:
        // "is believed to date from about 6,000 BC").
        None => {
            let last = (c..end)
                .take_while(|&t| e.is_word(t) || e.in_number(t))
                .last()
                .unwrap_or(c);
            e.toks[last].end
        }
    };
    // The complement ends at the first clause boundary after its first words: "Cruz seemed lost,
    // applauding …", "seemed to be shrinking even if …".
    let stop = (c + 2..e.tok_at(stop))
        .find(|&t| {
            !e.quoted[t]
                && (e.is_clause_punct(t, &[',', ';', ':', '—', '–', '-', '('])
                    || e.is_word(t)
                        && (e.word_in(t, W::ClauseBoundary)
                            || e.is_subordinator(t)
                            || reading == Reading::Passive && second_predicate(e, t, end)))
        })
        .map_or(stop, |t| e.toks[t - 1].end);
    // "it was viewed as a threat": before a passive's complement "it" is a subject, an
    // expletive only before "that" ("it was reported that …").
    let expletive = b + 1 == v
        && e.word_in(b, W::ExpletiveSubject)
        && (reading == Reading::Raising || e.word_in(c, W::Complementizer));
    let start = if expletive && !infinitive {
        e.toks[c].start
    } else {
        e.toks[b].start
    };
    let content = start..stop;
    if stop <= e.toks[c].start || e.covered(&content) {
        return Outcome::Taken;
    }
    // "The GOP leaners seem enamored with Trump, according to Politico.": a closing "according
    // to" makes the clause its source's account, with that cue, as it does a reported clause
    // ([`Engine::according_to_closing`]); the evidential cue is used up with it.
    if let Some((clause, sp, k)) = e.according_to_closing(&(e.tok_at(start)..e.tok_at(stop)), si) {
        let content = e.bytes(clause.start, clause.end - 1);
        let mut claim = Candidate::with_hit(e, e.reported_kind(&content), content, Some(sp), k);
        claim.uses[1] = Some(s.h);
        return Outcome::Claim(claim);
    }
    // A passive's preposition is part of its cue ("was accused of", "were charged with"), as
    // PolNeAR annotates it more often than not: the content's pieces are the subject and what
    // follows the preposition.
    let last = if opener { c } else { hit.last };
    let cue = (e.bytes(v, last), hit.cue.lemma.as_str());
    let kind = e.reported_kind(&content);
    let mut claim = Candidate::with_cue(kind, content, None, Some(cue));
    claim.uses[0] = Some(s.h);
    Outcome::Claim(claim)
}

/// Where a passive's agent stands after its cue, from token `t` on (before `end`): Some(true) for
/// "by" right after it (adverbs aside), Some(false) for "by" later in its clause (before a comma
/// or colon), None for no agent. "by" before a gerund is a manner, no agent ("accused of breaching
/// duties by depriving shareholders").
fn agent_after(e: &Engine<'_>, t: usize, end: usize) -> Option<bool> {
    let mut a = t;
    while a < end && e.is_adverb(a) {
        a += 1;
    }
    if a < end && e.word_in(a, W::AgentMarker) {
        return Some(true);
    }
    (a..end)
        .take_while(|&k| !e.is_clause_punct(k, &[',', ';', ':', '—', '–', '(']))
        .any(|k| {
            e.word_in(k, W::AgentMarker) && !(k + 1 < end && e.word_in(k + 1, W::GerundEnding))
        })
        .then_some(false)
}

/// Whether token `t` (before `end`) joins a second predicate to the subject: a coordinator before
/// a verb with no subject ("Ginsburg is known for speaking her mind and is celebrated as …").
fn second_predicate(e: &Engine<'_>, t: usize, end: usize) -> bool {
    e.word_in(t, W::ClauseCoordinator) && e.verb_starts(t + 1, end)
}

/// Whether token `t` belongs to the cue after it: an auxiliary, a negation (one written as part
/// of its auxiliary too: "doesn't") or an adverb ([`Engine::is_adverb`]).
fn auxiliary(e: &Engine<'_>, t: usize) -> bool {
    e.is_adverb(t)
}

/// The first token of the subject phrase ending before token `v`, not before `floor`: back to a
/// clause boundary (a comma, a coordinator that joins clauses, a subordinator, "that"), or a
/// relative that opens it ("what appears to be …", "who seemed …"). A one-word aside between
/// commas is passed over. None when no subject phrase is there.
fn subject_start(e: &Engine<'_>, v: usize, floor: usize) -> Option<usize> {
    let mut b = v;
    while b > floor {
        let t = b - 1;
        if e.is_word(t) && e.word_in(t, W::RelativeOpener) && !e.word_in(t, W::Complementizer) {
            b = t;
            break;
        }
        if b == v {
            if e.is_word(t) && e.word_in(t, W::ClauseCoordinator) {
                // "X has money and seems to think …": a second verb of the subject's.
                return None;
            }
            // An aside right before the cue: "Ebeling's story, however, seemed …".
            let k = e.skip_aside(b, floor);
            if k < b {
                b = k;
                continue;
            }
        }
        let boundary = e.is_clause_punct(t, &[',', ';', ':', '—', '–', '-', '(', ')'])
            || e.is_word(t)
                && (e.word_in(t, W::ClauseCoordinator) && !e.word_in(t, W::PhraseCoordinator)
                    || e.word_in(t, W::ClauseBoundary)
                    || e.word_in(t, W::Complementizer)
                    || e.is_subordinator(t));
        if boundary {
            break;
        }
        b = t;
    }
    // Not the word that joins the clause to what comes before: "and the front-runner seemed …",
    // "that support seems …", "But it was not expected …", nor an opening quote mark.
    while b < v
        && (!e.is_word(b)
            || e.word_in(b, W::ClauseCoordinator)
            || e.word_in(b, W::Complementizer)
            || e.word_in(b, W::OpeningConnective))
    {
        b += 1;
    }
    let words = (b..v).filter(|&t| e.is_word(t)).count();
    (1..=MAX_SUBJECT_WORDS).contains(&words).then_some(b)
}
