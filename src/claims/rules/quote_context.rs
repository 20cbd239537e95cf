//! `quote_context`: a quote no cue introduces, attributed from its context.
//!
//! PolNeAR-style news annotates nearly every quoted clause as somebody's words, even without a
//! speech verb next to it (“…” opening a paragraph after a speaker's turn, *Trump turned on CNN, a
//! network that “doesn’t treat me properly”*). After the cue rules have run on a sentence, a quote
//! that is a clause, is not a title and lies in no claim yet becomes a claim of the sentence's
//! subject (a quote inside the sentence; failing one, a person named at the sentence's start) or
//! of the most recent speaker (a quote opening it). A quoted fragment ("called her “third-rate”")
//! is a claim only when the sentence's subject is a known person in the same clause, and a
//! fragment of one word only with the words of the predicate before it ("called him a
//! “co-founder”", not "he found “evidence” that …"); fragments joined by "and" or "or" are one
//! claim. A quote after a quote claim of the same sentence whose
//! speaker it would get goes on that claim (*called the judge a “hater” who had “railroaded” him*
//! is one attribution, as PolNeAR annotates it).
//!
//! When none of these gives a speaker, the quote is no claim. Two further guesses were tried and
//! dropped for their precision on PolNeAR train (a claim right less than about 0.44 of the time
//! costs the quoted content+speaker F1 more than it brings): the person or personal pronoun
//! nearest before the quote (right 19 times of 57: 18 wrong speakers, 20 quotes gold attributes to
//! no one) and, for a quote opening its sentence with no recent speaker, the previous sentence's
//! subject (right 3 times of 13).

use super::Rule;
use crate::claims::attribution::{Candidate, Engine, Outcome, Speaker};
use crate::claims::function_words::WordClass as W;
use crate::claims::quotes::{has_quote_mark, is_clause, is_one_word, is_title};
use crate::claims::speaker::{Phrase, Role};
use crate::claims::tokens::possessive_stem;
use crate::claims::{ClaimKind, SpeakerType};
use std::ops::Range;

/// How many tokens into its sentence a person's name may start to be taken for the subject of a
/// quote inside the sentence, when no other subject is found.
const SUBJECT_REACH: usize = 5;

/// Marks that end a clause or open an aside: a "that" before a quotation opens what a speaker's
/// verb reports only with none of them between it and the quotation.
const CLAUSE_MARKS: &[char] = &[',', ';', ':', '—', '–'];

/// Applies `quote_context` to quote `qi` of sentence `si`, which no claim holds.
pub(super) fn apply(e: &Engine<'_>, qi: usize, si: usize) -> Outcome {
    let q = &e.quotes[qi];
    let inner = q.inner.clone();
    if is_title(&e.text[inner.clone()]) {
        return Outcome::Pass;
    }
    if !is_clause(e.text, q) {
        // "“boasters” and “blasphemers”": a fragment joined to the quotation closing the
        // sentence's last claim by "and", "or" or a comma belongs to that claim.
        let joined = e.claims.last().is_some_and(|c| {
            c.sentence == si
                && c.kind == ClaimKind::Mixed
                && c.content.end <= q.open
                && (e.tok_at(c.content.end)..e.quote_open_tok(qi))
                    .all(|t| !e.is_word(t) || e.word_in(t, W::FragmentCoordinator))
        });
        if joined {
            return Outcome::Extends {
                claim: e.claims.len() - 1,
                end: inner.end,
            };
        }
        return match fragment_speaker(e, qi, si) {
            Some(sp) => same_speaker_claim(e, qi, si, &sp).unwrap_or_else(|| {
                let content = match lead_in(e, qi, si, &sp) {
                    Some(content) => content,
                    // "he found “evidence” that …": one quoted word alone is a scare quote.
                    None if lone_word(e, qi) => return Outcome::Pass,
                    None => inner,
                };
                Outcome::Claim(Candidate::with_cue(
                    ClaimKind::Mixed,
                    content,
                    Some(sp),
                    None,
                ))
            }),
            None => Outcome::Pass,
        };
    }
    let open_tok = e.quote_open_tok(qi);
    let opens_sentence = open_tok == e.sent_toks[si].start;
    let after_break = open_tok > 0 && e.is_punct(open_tok - 1, &[',', ':']);
    let sp = if opens_sentence {
        recent_speaker(e, si)
    } else {
        relative_subject(e, open_tok, si)
            .or_else(|| e.sentence_subject(open_tok, si))
            .filter(|s| e.plausible_subject(s))
            .or_else(|| {
                // "Washington, star of “Scandal,” thanked Obama for “…”": a person
                // named at the sentence's start.
                let before = e.sentences[si].start..q.open;
                e.person_speakers(e.mentions_in(&before))
                    .next()
                    .filter(|s| s.first_token(e) < e.sent_toks[si].start + SUBJECT_REACH)
            })
    };
    let Some(sp) = sp else {
        return Outcome::Pass;
    };
    if let Some(joined) = same_speaker_claim(e, qi, si, &sp) {
        return joined;
    }
    let (kind, content) = if opens_sentence || after_break {
        (ClaimKind::Direct, inner)
    } else {
        let content = match lead_in(e, qi, si, &sp) {
            Some(content) => content,
            // "The ad, titled “Unifier?”, …": one quoted word inside the sentence, alone.
            None if lone_word(e, qi) => return Outcome::Pass,
            None => inner,
        };
        (ClaimKind::Mixed, content)
    };
    Outcome::Claim(Candidate::with_cue(kind, content, Some(sp), None))
}

/// Whether quote `qi` is one word with no quote joined to it after by "and", "or" or a comma
/// ("he found “evidence” that …", not "returned to “low-energy” and “overrated”", one claim of
/// both fragments): a scare quote or a name, which PolNeAR gives to no one.
fn lone_word(e: &Engine<'_>, qi: usize) -> bool {
    if !is_one_word(e.text, &e.quotes[qi]) {
        return false;
    }
    let Some(between) = (qi + 1 < e.quotes.len())
        .then(|| e.quote_close_tok(qi)..e.quote_open_tok(qi + 1))
        .filter(|r| !r.is_empty())
    else {
        return true;
    };
    !between
        .into_iter()
        .all(|t| e.is_punct(t, &[',']) || e.is_word(t) && e.word_in(t, W::FragmentCoordinator))
}

/// "Rubio’s catch phrase was that Crist “would say or do anything”", "Cruz is praising Jeb Bush
/// as “a man who …”": a quotation inside the sentence of the speaker it is given to, who stands
/// right before a verb, ends what that verb reports, and PolNeAR's content runs from the word
/// after the verb (with its auxiliaries, adverbs and particle: "has consistently pushed", "talked
/// up"), or from the nearest "that" before the quotation, to the closing mark. On its train
/// split, 137 of the 158 mixed claims of this rule whose content was the quotation alone had a
/// gold content starting before it. None (the quotation alone) when no verb follows the
/// speaker (a comma, an appositive), a claim of the sentence lies between them, or the
/// quotation comes right after the verb. The range is in bytes.
fn lead_in(e: &Engine<'_>, qi: usize, si: usize, sp: &Speaker) -> Option<Range<usize>> {
    let q = &e.quotes[qi];
    let open = e.quote_open_tok(qi);
    let after_speaker = sp.end_token(e);
    if sp.span.start < e.sentences[si].start
        || sp.span.end > q.open
        || e.floor(si, open) > after_speaker
    {
        return None;
    }
    // "Trump’s old friends … saw him in a shirt with “…”": a possessive speaker is no subject,
    // so only a "that" opens what it reports ("Rubio’s catch phrase was that …").
    let possessive = possessive_stem(&e.text[sp.span.clone()]).is_some();
    // "Trump did post on Twitter Friday that his claims were “sarcasm”": the nearest "that"
    // before the quotation, with no comma between, opens what is reported.
    let that = (after_speaker..open)
        .rev()
        .take_while(|&t| !e.is_punct(t, CLAUSE_MARKS))
        .find(|&t| e.word_in(t, W::Complementizer) && !e.quoted[t]);
    if possessive && that.is_none() {
        return None;
    }
    // "Trump turned on CNN in Georgia, a network that “…”": a "that" after an appositive
    // ("a network") is a relative pronoun of the appositive's noun, reporting nothing.
    let appositive = that.is_some_and(|that| {
        (after_speaker..that)
            .rev()
            .find(|&t| e.is_punct(t, CLAUSE_MARKS))
            .is_some_and(|mark| e.word_in(mark + 1, W::TrailingAppositive))
    });
    if appositive {
        return None;
    }
    let mut t = after_speaker;
    while that.is_none()
        && t < open
        && (e.is_adverb(t) || e.date_word(t) || e.be_have_or_auxiliary(t))
    {
        t += 1;
    }
    if let Some(that) = that {
        t = that;
    } else {
        if t >= open || !e.is_word(t) || e.quoted[t] {
            return None;
        }
        t += 1;
        if t < open && (e.word_in(t, W::VerbParticle) || e.word_in(t, W::CuePreposition)) {
            t += 1;
        }
    }
    // To the closing mark, when there is one (an unclosed quotation ends at its words).
    let end = if has_quote_mark(&e.text[q.inner.end..q.close]) {
        q.close
    } else {
        q.inner.end
    };
    (t < open && e.is_word(t)).then(|| e.toks[t].start..end)
}

/// "Trump called the judge a “hater” who had “railroaded” him", "“A,” Obama “B.”": a quote after
/// a quote claim of the same sentence whose speaker is the one this quote would get is the same
/// attribution going on (PolNeAR annotates one), not a claim of its own. A mixed claim's content
/// is extended over it; a direct claim is continued by it (its speaker and cue).
fn same_speaker_claim(e: &Engine<'_>, qi: usize, si: usize, sp: &Speaker) -> Option<Outcome> {
    let q = &e.quotes[qi];
    let (i, c) = e
        .claims
        .iter()
        .enumerate()
        .rev()
        .take_while(|(_, c)| c.sentence == si)
        .filter(|(_, c)| {
            matches!(c.kind, ClaimKind::Direct | ClaimKind::Mixed)
                && c.rule != Rule::Label
                && c.content.end <= q.open
        })
        .max_by_key(|(_, c)| c.content.end)?;
    let same = c.speaker.as_ref() == Some(&sp.span)
        || (sp.entity.is_some() && c.speaker_entity == sp.entity);
    if !same {
        return None;
    }
    // "X insisted it is “not in my mind,” he admitted “everything is possible”": a mixed content
    // is not extended over its own speaker or cue; the quote continues the claim instead.
    let own_tag = c
        .speaker
        .iter()
        .chain(c.cue.iter())
        .any(|r| (c.content.end..q.open).contains(&r.start));
    Some(match c.kind {
        ClaimKind::Mixed if !own_tag => Outcome::Extends {
            claim: i,
            end: q.inner.end,
        },
        _ => Outcome::Continues {
            claim: i,
            content: q.inner.clone(),
        },
    })
}

/// "Trump, who has called himself the “law and order candidate,”": a quote in a relative clause
/// is the words of its "who", which resolves to the name before it.
fn relative_subject(e: &Engine<'_>, open: usize, si: usize) -> Option<Speaker> {
    let floor = e.sent_toks[si].start;
    let t = (floor + 1..open)
        .rev()
        .take_while(|&t| !e.is_punct(t, &[',', ';', ':']) && !e.quoted[t])
        .find(|&t| e.word_in(t, W::PersonalRelative) && e.role(t) == Some(Role::Relative))
        .filter(|&t| e.is_punct(t - 1, &[',']))?;
    Some(e.speaker(Phrase { first: t, last: t }, si))
}

/// "Trump later called her “third-rate”": a quoted fragment in a sentence whose subject is a
/// known person (named, or a pronoun resolved to one), with no punctuation between subject and
/// quote, is that person's words. (Fragments with any other subject are more often spurious.)
fn fragment_speaker(e: &Engine<'_>, qi: usize, si: usize) -> Option<Speaker> {
    let open = e.quote_open_tok(qi);
    if open == e.sent_toks[si].start {
        return None;
    }
    let sp = e.sentence_subject(open, si)?;
    let person = sp.ty == SpeakerType::Person && sp.entity.is_some();
    let end = sp.end_token(e);
    let same_clause = sp.span.end <= e.quotes[qi].open
        && (end..open).all(|t| !e.is_punct(t, &[',', ';', ':', '—']));
    (person && same_clause).then_some(sp)
}

/// The speaker of the latest quote claim (else the latest claim) within a paragraph of
/// sentence `si`.
fn recent_speaker(e: &Engine<'_>, si: usize) -> Option<Speaker> {
    let c = match e.last_quote_claim() {
        Some(i) => &e.claims[i],
        None => e.claims.last()?,
    };
    let near = e.paragraph(si).saturating_sub(e.paragraph(c.sentence)) <= 1;
    near.then(|| e.claim_speaker(c)).flatten()
}
