//! `quote_then_cue`: “…,” he said / “…,” said X / “…,” X, a fellow at Y, said / “Why?” Trump asked.
//! / “…,” the senator and candidate told ABC. A tag right after the quote: a quote cue with its
//! speaker before or after it, in the quote's sentence or, when the splitter ended the sentence at
//! the quote, in the next one.

use crate::claims::attribution::{Engine, Hit, Outcome, QuoteSlot, Speaker};
use crate::claims::cues::Frame;
use crate::claims::function_words::WordClass as W;
use crate::claims::quotes::is_title;
use crate::claims::speaker::{Phrase, Role};
use crate::claims::ClaimKind;

/// At most this many tokens of a loose speaker phrase between a quote and its cue (see
/// [`speaker_run_then_cue`]).
const MAX_RUN: usize = 16;

/// Most tokens of an appositive between a loose speaker phrase and its cue ("X and Y, both
/// Republicans, said").
const MAX_APPOSITIVE: usize = 6;

/// Applies `quote_then_cue` to a quote.
pub(super) fn apply(e: &Engine<'_>, s: &QuoteSlot) -> Outcome {
    let (qi, si, close_tok, close_sentence) = (s.qi, s.si, s.close_tok, s.close_sentence);
    let clause = || s.clause(e);
    let content = &s.content;
    let mut ceil = e.sent_toks[close_sentence].end;
    if qi + 1 < e.quotes.len() {
        ceil = ceil.min(e.quote_open_tok(qi + 1));
    }
    let after = quote_then_cue(e, close_tok, ceil, si, clause).or_else(|| {
        // “Why?” Trump asked. — the splitter ends a sentence at a closing quote before a capital.
        let next = close_sentence + 1;
        if close_tok != e.sent_toks[close_sentence].end || !e.paragraph_goes_on(close_sentence) {
            return None;
        }
        // “… in the state.” She noted a rally …: a quote closed by a full stop is no tag's,
        // unless the next sentence is nothing but a speaker and a cue (“….” Trump said.).
        if e.text[content.clone()].trim_end().ends_with('.') {
            return e
                .tag_sentence(e.sent_toks[next].clone(), next)
                .filter(|(_, h)| e.hits[*h].cue.has(Frame::Quote));
        }
        let end = e.sent_toks[next].end;
        // Unless a reported clause follows the cue ("Trump asked whether …"), the sentence
        // is the quote's tag, however it goes on: "said Murphy, who thinks of it", "Trump
        // asked, turning to the crowd", "He tweeted when Clinton ended a debate".
        quote_then_cue(e, close_tok, end, next, clause)
            .filter(|(_, h)| {
                // "Trump went on, as if he didn't hear her" is still the tag: a comma
                // ends the cue's own words.
                let after = e.hits[*h].last + 1;
                (after..end.min(after + 3))
                    .take_while(|&t| !e.is_punct(t, &[',']))
                    .all(|t| {
                        !e.word_in(t, W::Complementizer) && !e.word_in(t, W::QuestionComplementizer)
                    })
            })
            .filter(|(_, h)| {
                // A quote opening right after the cue ("Trump asked, “…”") is the cue's
                // own; one further on ("Clinton asks as a man walks in, saying “…”")
                // belongs to a later cue.
                let after = e.hits[*h].last + 1;
                e.quotes.get(qi + 1).is_none_or(|n| {
                    n.open >= e.sentences[next].end || e.quote_open_tok(qi + 1) > after + 2
                })
            })
    });
    // “Sunday Morning Futures,” Rep. Darrell Issa said Clinton's judgment is in question: a
    // title before a cue with a clause of its own is not what was said.
    let after = after.filter(|(_, h)| {
        let cue_sentence = e.sentence_of_near(e.toks[e.hits[*h].first].start, si);
        !(is_title(&e.text[content.clone()]) && e.clause_after(*h, cue_sentence).is_some())
    });
    let Some((sp, h)) = after else {
        return Outcome::Pass;
    };
    let mut c = s.direct_with_hit(e, sp, h);
    if let Some(first) = lead_in(e, s) {
        // The quote ends a clause that opens before it: the clause is the content.
        c.kind = ClaimKind::Mixed;
        c.content = e.toks[first].start..e.quotes[s.qi].close;
    }
    if let Some((source, k)) = according_to_after(e, h) {
        c.speaker = Some(source);
        c.uses[1] = Some(k);
    }
    Outcome::Claim(c)
}

/// The media are “shaping this campaign,” he said: a quote opening inside its sentence, after words
/// of the speaker's clause, ends that clause, and PolNeAR annotates the whole clause as the content
/// (a mixed quote). Returns the clause's first word: at or after the sentence's start or the end of
/// the sentence's last claim before the quote. The clause may open with a phrase closed by a comma
/// ("In this election, “resources don't …,” said X") and hold scare quotes of no claim ("The
/// program was a “good thing” that yielded “frankly good information,” he said"), and a cue when
/// a comma closes the quote and none stands between that cue and the quote ("Polling shows that
/// “…,” said X": X's content holds the poll's). Not when those words hold a cue otherwise (it is
/// the quote's own tag: "he warned, “…”", "Trump said on Tuesday that “…” he could remember"), a
/// colon, or end with a dash or parenthesis before the quote.
fn lead_in(e: &Engine<'_>, s: &QuoteSlot) -> Option<usize> {
    let floor = e.floor(s.si, s.open_tok);
    let before = s.open_tok.checked_sub(1)?;
    let first = opening_mark(e, s, floor, (floor..s.open_tok).find(|&t| e.is_word(t))?)?;
    if !(e.is_word(before) || e.is_punct(before, &[','])) {
        return None;
    }
    let lo = e.hits.partition_point(|h| h.last < floor);
    let cue_inside = e.hits.get(lo).filter(|h| h.first < s.open_tok);
    // "Grayson said Randolph “would have no chance,” the source recalled": a cue inside the
    // clause is part of it when the quote is closed by a tag's comma and no comma stands between
    // that cue and the quote; else the cue is the quote's own tag ("he warned, “…”").
    let tag_comma = e.text[s.content.end..e.quotes[s.qi].close].contains(',')
        || s.close_tok < e.toks.len() && e.is_punct(s.close_tok, &[',']);
    let tag_of_its_own = cue_inside.is_some_and(|h| {
        !tag_comma || !e.is_word(before) || (h.last + 1..s.open_tok).any(|t| e.is_punct(t, &[',']))
    });
    let colon = (floor..s.open_tok).any(|t| e.is_punct(t, &[':']));
    (!tag_of_its_own && !colon).then_some(first)
}

/// The clause's first token given its first word `first`: the opening mark of a quote the word
/// opens (“Cats” was a hit, “…,” X said), so that the content keeps both of its marks. None when
/// the word lies inside a quote opening before `floor`: no balanced clause starts there.
fn opening_mark(e: &Engine<'_>, s: &QuoteSlot, floor: usize, first: usize) -> Option<usize> {
    let at = e.toks[first].start;
    let before = &e.quotes[..s.qi];
    let Some(q) = before.get(before.partition_point(|q| q.close <= at)) else {
        return Some(first);
    };
    if q.open >= at {
        return Some(first);
    }
    (first > floor && e.toks[first - 1].start == q.open).then(|| first - 1)
}

/// “…,” he said / “…,” said X / “…,” X, a fellow at Y, said. `clause`: whether the quote is a
/// clause rather than a title (see [`speaker_run_then_cue`]).
fn quote_then_cue(
    e: &Engine<'_>,
    mut k: usize,
    ceil: usize,
    si: usize,
    clause: impl Fn() -> bool,
) -> Option<(Speaker, usize)> {
    // ",''' he said": the closing mark of a quote nested at the end is skipped too.
    while k < ceil && !e.is_word(k) && e.is_punct(k, &[',', '—', '–', '-', '\'', '’']) {
        k += 1;
    }
    if k >= ceil {
        return None;
    }
    let quote_cue = |h: &Hit| h.cue.has(Frame::Quote);
    if let Some(h) = e.hit_at(k).filter(|&h| quote_cue(&e.hits[h])) {
        let cue = &e.hits[h];
        if cue.cue.has(Frame::After) {
            // "“sociopath,” said he doesn’t believe …": a phrase a clause follows is that
            // clause's subject; the cue reports the clause, and the quote is not its.
            if let Some(p) = e
                .phrase_after(cue.last + 1, ceil)
                .filter(|&p| !e.subject_of_clause(p, ceil))
            {
                return Some((e.speaker(p, si), h));
            }
        }
        return None;
    }
    let Some(p) = e.phrase_after(k, ceil) else {
        return speaker_run_then_cue(e, k, ceil, si, clause);
    };
    let mut m = p.last + 1;
    while m < ceil && e.is_adverb(m) {
        m += 1;
    }
    if m >= ceil {
        return None;
    }
    if let Some(h) = e.hit_at(m) {
        let cue = &e.hits[h];
        return (quote_cue(cue) && cue.cue.has(Frame::Before)).then(|| (e.speaker(p, si), h));
    }
    if e.is_punct(m, &[',']) {
        // An appositive between speaker and cue: the cue follows the closing comma.
        let lo = e.hits.partition_point(|h| h.first <= m);
        let limit = ceil.min(m + 20);
        for h in lo..e.hits.len() {
            let cue = &e.hits[h];
            if cue.first >= limit {
                break;
            }
            if e.is_punct(cue.first - 1, &[',']) && quote_cue(cue) && cue.cue.has(Frame::Before) {
                return Some((e.speaker(p, si), h));
            }
        }
    }
    speaker_run_then_cue(e, k, ceil, si, clause)
}

/// “…,” the Post's senior politics editor Steven Ginsberg responded: a speaker phrase longer or
/// looser than [`Engine::phrase_after`] walks (lowercase words after a name, "(D-Wash.)"), accepted
/// because a quote cue closes it. Every token up to the cue must be a word that may belong to a
/// noun phrase, a preposition or "and" inside it, or inside a parenthesis (a closing one is left
/// out of the phrase); and the quote must be a `clause`, since a looser phrase after a title
/// (“Morning Joe,” co-host Mika Brzezinski asked) is often its sentence's subject.
fn speaker_run_then_cue(
    e: &Engine<'_>,
    k: usize,
    ceil: usize,
    si: usize,
    clause: impl Fn() -> bool,
) -> Option<(Speaker, usize)> {
    let h = e.hits.partition_point(|h| h.first <= k);
    let hit = e.hits.get(h)?;
    // (Whether the quote is a clause is asked last: most quotes have no such cue.)
    if hit.first >= ceil.min(k + MAX_RUN)
        || !hit.cue.has(Frame::Quote)
        || !hit.cue.has(Frame::Before)
        || !clause()
    {
        return None;
    }
    let mut last = hit.first - 1;
    while last > k && e.is_adverb(last) {
        last -= 1;
    }
    // "Rep. Earl Blumenauer (D-Ore.) said": the phrase ends before the parenthesis.
    last = e.skip_parenthesis(last + 1, k).saturating_sub(1).max(k);
    // "X and Y, both Republicans, said": the phrase ends before a short appositive.
    if last > k && e.is_punct(last, &[',']) {
        let comma = (k + 1..last)
            .rev()
            .take_while(|&t| last - t <= MAX_APPOSITIVE)
            .find(|&t| e.is_punct(t, &[',']))
            .filter(|&c| (c + 1..last).all(|t| e.is_word(t)))?;
        last = comma - 1;
    }
    let mut in_parens = false;
    let noun_phrase = (k..=last).all(|t| {
        let tok = &e.toks[t];
        // "(D-N.Y.)": anything goes inside a parenthesis.
        if e.is_punct(t, &['(', ')']) {
            in_parens = e.is_punct(t, &['(']);
            return true;
        }
        if in_parens {
            return true;
        }
        if !tok.word {
            return false;
        }
        // "the Florida senator and Republican presidential candidate", "Jeffrey Lewis of the
        // James Martin Center for Nonproliferation Studies".
        match e.role(t) {
            Some(Role::Preposition) => t > k,
            // "CBS This Morning co-anchor X": a capitalised stop word belongs to a name.
            Some(Role::Stop) => {
                e.capitalized(t) || e.word_in(t, W::PhraseCoordinator) && t > k && t < last
            }
            Some(Role::Pronoun(_) | Role::Relative | Role::Adverb) => false,
            _ => true,
        }
    });
    (noun_phrase && e.is_word(k) && e.is_word(last))
        .then(|| (e.speaker(Phrase { first: k, last }, si), h))
}

/// “…,” Walker said, according to an Associated Press account: the source the quote is
/// attributed to is the account, whose "according to" the claim then uses up.
/// Returns the source and the "according to" hit.
fn according_to_after(e: &Engine<'_>, h: usize) -> Option<(Speaker, usize)> {
    let hit = e.hits[h];
    let si = e.sentence_of(e.toks[hit.first].start);
    let end = e.sent_toks[si].end;
    let k = h + 1;
    let next = e.hits.get(k).filter(|n| n.first < end && e.unused(k))?;
    // "…,” McCain said, citing low growth": only "according to" names the source.
    if !next.cue.has(Frame::According) || !e.is_punct(next.first - 1, &[',']) {
        return None;
    }
    let p = e.phrase_after(next.last + 1, end)?;
    Some((e.speaker(p, si), k))
}
