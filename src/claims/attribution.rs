//! The attribution rules: pairing quotes and reported clauses with cues and speakers.
//!
//! One pass over the sentences in order. In each sentence, the paragraph's headline rule runs first,
//! then quotes are attributed (they are the most reliable evidence), then every cue not used by a
//! quote may yield a reported claim, then noun cues, then quotes still unclaimed. The rules, their
//! names in claims.csv, confidences and precedence are the table in [`super::rules`].
//!
//! A quote no rule claims (a scare quote, a title) is not a claim. Speakers that are pronouns
//! ("he"), relatives ("who") or definite role nouns ("the official") resolve to an earlier speaker.

use super::cues::{Cue, CueClass, Frame, CUES};
use super::quotes::{is_clause, Quote};
use super::rules::Rule;
use super::speaker::{self, Phrase, Role};
use super::tokens::{is_capitalized, possessive_stem, Tok, Tokens};
use super::{Claim, ClaimKind, SpeakerType};
use crate::entity::{DocEntities, EntityType};
use crate::lexicon::SUBORDINATORS;
use crate::mentions::Mention;
use crate::sentences::Sentence;
use std::ops::Range;

mod asked;
mod colon;
mod context;
mod label;
mod noun;
mod signature;

/// A cue found in the text.
#[derive(Debug, Clone, Copy)]
struct Hit {
    /// First token.
    first: usize,
    /// Last token (inclusive).
    last: usize,
    cue: &'static Cue,
    /// Already the cue of a claim.
    used: bool,
}

/// A speaker as found: its phrase span, the name it resolves to, entity and type.
#[derive(Debug, Clone)]
struct Speaker {
    span: Range<usize>,
    name: Range<usize>,
    entity: Option<u32>,
    ty: SpeakerType,
}

/// The rule engine over one document.
pub struct Engine<'a> {
    text: &'a str,
    sentences: &'a [Sentence],
    toks: &'a [Tok],
    sent_toks: &'a [Range<usize>],
    mentions: &'a [Mention],
    entities: DocEntities<'a>,
    quotes: &'a [Quote],
    /// For each token, whether it lies inside a quote (marks included).
    quoted: Vec<bool>,
    hits: Vec<Hit>,
    /// Noun cues after a possessive ("her claim that"), kept apart from the verb cues.
    nouns: Vec<Hit>,
    claims: Vec<Claim>,
    /// Most recent named person speaker and its paragraph, for pronoun resolution.
    last_person: Option<(Speaker, u32)>,
    /// Most recent group or organisation speaker and its paragraph, for "they".
    last_group: Option<(Speaker, u32)>,
}

const MAX_CUE_GAP: usize = 10;

/// Most tokens a reported clause may span. Real clauses are far shorter; the cap keeps a run-on
/// "sentence" (a list or table with no full stops) from making each cue scan all the cues after it.
const MAX_CLAUSE_TOKENS: usize = 250;

/// At most this many tokens of a loose speaker phrase between a quote and its cue (see
/// [`Engine::speaker_run_then_cue`]).
const MAX_RUN: usize = 16;

/// Most tokens of an appositive between a loose speaker phrase and its cue ("X and Y, both
/// Republicans, said").
const MAX_APPOSITIVE: usize = 6;

/// The lemma written for a verb no lexicon lists that tags a quote ("retaliated"): it reads "say".
const TAG_LEMMA: &str = "say";

impl<'a> Engine<'a> {
    /// Prepares the engine: marks quoted tokens and finds cues outside quotes.
    pub fn new(
        text: &'a str,
        sentences: &'a [Sentence],
        tokens: &'a Tokens,
        mentions: &'a [Mention],
        entities: DocEntities<'a>,
        quotes: &'a [Quote],
    ) -> Engine<'a> {
        let toks = tokens.toks.as_slice();
        let mut quoted = vec![false; toks.len()];
        let mut q = 0;
        for (i, t) in toks.iter().enumerate() {
            while q < quotes.len() && quotes[q].close <= t.start {
                q += 1;
            }
            quoted[i] = q < quotes.len() && quotes[q].open <= t.start;
        }
        let mut hits: Vec<Hit> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let found = if quoted[i] || !toks[i].word {
                None
            } else {
                CUES.match_at(text, toks, i)
            };
            match found {
                Some((cue, n)) => {
                    hits.push(Hit {
                        first: i,
                        last: i + n - 1,
                        cue,
                        used: false,
                    });
                    i += n;
                }
                None => i += 1,
            }
        }
        // "news reports said", "the said document", "Trump's stated desire": a cue right before
        // another cue, or after a determiner or a possessive, is a noun or adjective; not after a
        // determiner that stands for a group ("most said").
        let keep: Vec<bool> = (0..hits.len())
            .map(|k| {
                let h = &hits[k];
                let before_cue = hits.get(k + 1).is_some_and(|n| n.first == h.last + 1);
                let after_det = h.first.checked_sub(1).is_some_and(|p| {
                    let w = &text[toks[p].range()];
                    speaker::role(text, &toks[p]) == Some(Role::Determiner)
                        && !speaker::is_group_determiner(text, &toks[p])
                        || possessive_stem(w).is_some()
                }) && h.cue.class != CueClass::Source
                    && !h.cue.has(Frame::Label);
                // A cue that is only ever a noun ("statement") is kept for its possessive use.
                !(before_cue || after_det || h.cue.only(Frame::Noun))
            })
            .collect();
        // "her claim that …", "Trump's assertion that …": a noun cue after a possessive.
        let nouns: Vec<Hit> = hits
            .iter()
            .zip(&keep)
            .filter(|(h, keep)| !**keep && noun::is_noun_use(text, toks, h))
            .map(|(h, _)| *h)
            .collect();
        let mut k = 0;
        hits.retain(|_| {
            k += 1;
            keep[k - 1]
        });
        Engine {
            text,
            sentences,
            toks,
            sent_toks: &tokens.sentences,
            mentions,
            entities,
            quotes,
            quoted,
            hits,
            nouns,
            claims: Vec::new(),
            last_person: None,
            last_group: None,
        }
    }

    /// Applies the rules to every sentence; returns the claims ordered by content start.
    pub fn run(mut self) -> Vec<Claim> {
        let mut q = 0;
        for si in 0..self.sentences.len() {
            let s = self.sentences[si];
            self.headline(si);
            while q < self.quotes.len() && self.quotes[q].open < s.start {
                q += 1;
            }
            let first_quote = q;
            while q < self.quotes.len() && self.quotes[q].open < s.end {
                self.attribute_quote(q, si);
                q += 1;
            }
            let r = self.sent_toks[si].clone();
            let lo = self.hits.partition_point(|h| h.first < r.start);
            let hi = self.hits.partition_point(|h| h.first < r.end);
            for h in lo..hi {
                if !self.hits[h].used {
                    self.reported(h, si);
                }
            }
            self.noun_claims(si);
            self.context_quotes(first_quote..q, si);
        }
        let mut claims = self.claims;
        claims.sort_by_key(|c| (c.content.start, c.content.end));
        claims
    }

    // ---- small helpers -------------------------------------------------------------------------

    fn word(&self, t: usize) -> &'a str {
        &self.text[self.toks[t].range()]
    }

    /// Whether token `t` is punctuation starting with one of `chars`; false past the last token
    /// (rules look one or two tokens past a cue, which may end the document).
    fn is_punct(&self, t: usize, chars: &[char]) -> bool {
        self.toks
            .get(t)
            .is_some_and(|tok| !tok.word && self.text[tok.range()].starts_with(chars))
    }

    /// Index of the first token starting at or after byte `b`.
    fn tok_at(&self, b: usize) -> usize {
        self.toks.partition_point(|t| t.start < b)
    }

    /// Index of the sentence containing byte `b` (or the last one before it).
    fn sentence_of(&self, b: usize) -> usize {
        self.sentences
            .partition_point(|s| s.end <= b)
            .min(self.sentences.len().saturating_sub(1))
    }

    fn hit_at(&self, t: usize) -> Option<usize> {
        let k = self.hits.partition_point(|h| h.first < t);
        (k < self.hits.len() && self.hits[k].first == t).then_some(k)
    }

    fn bytes(&self, first: usize, last: usize) -> Range<usize> {
        self.toks[first].start..self.toks[last].end
    }

    fn paragraph(&self, si: usize) -> u32 {
        self.sentences[si].paragraph
    }

    /// Whether a sentence follows sentence `si` in the same paragraph.
    fn paragraph_goes_on(&self, si: usize) -> bool {
        self.sentences
            .get(si + 1)
            .is_some_and(|n| n.paragraph == self.paragraph(si))
    }

    /// Whether sentence `si` is the first of its paragraph.
    fn opens_paragraph(&self, si: usize) -> bool {
        si == 0 || !self.paragraph_goes_on(si - 1)
    }

    // ---- quotes --------------------------------------------------------------------------------

    fn attribute_quote(&mut self, qi: usize, si: usize) {
        let q = &self.quotes[qi];
        if self.claims.last().is_some_and(|c| c.content.end > q.open) {
            // Already inside a mixed claim's content.
            return;
        }
        let open_tok = self.tok_at(q.open);
        let close_tok = self.tok_at(q.close);
        let close_sentence = self.sentence_of(q.close.saturating_sub(1)).max(si);
        let mut ceil = self.sent_toks[close_sentence].end;
        if let Some(next) = self.quotes.get(qi + 1) {
            ceil = ceil.min(self.tok_at(next.open));
        }
        let content = q.inner.clone();
        let clause = is_clause(self.text, q);
        let after = self
            .quote_then_cue(close_tok, ceil, si, clause)
            .or_else(|| {
                // “Why?” Trump asked. — the splitter ends a sentence at a closing quote before a capital.
                let next = close_sentence + 1;
                if close_tok != self.sent_toks[close_sentence].end
                    || !self.paragraph_goes_on(close_sentence)
                {
                    return None;
                }
                // “… in the state.” She noted a rally …: a quote closed by a full stop is no tag's,
                // unless the next sentence is nothing but a speaker and a cue (“….” Trump said.).
                if self.text[content.clone()].trim_end().ends_with('.') {
                    return self
                        .tag_sentence(self.sent_toks[next].clone(), next)
                        .filter(|(_, h)| self.hits[*h].cue.has(Frame::Quote));
                }
                let end = self.sent_toks[next].end;
                // Unless a reported clause follows the cue ("Trump asked whether …"), the sentence
                // is the quote's tag, however it goes on: "said Murphy, who thinks of it", "Trump
                // asked, turning to the crowd", "He tweeted when Clinton ended a debate".
                self.quote_then_cue(close_tok, end, next, clause)
                    .filter(|(_, h)| {
                        // "Trump went on, as if he didn't hear her" is still the tag: a comma
                        // ends the cue's own words.
                        let after = self.hits[*h].last + 1;
                        (after..end.min(after + 3))
                            .take_while(|&t| !self.is_punct(t, &[',']))
                            .all(|t| !matches!(self.word(t), "that" | "whether" | "if"))
                    })
                    .filter(|(_, h)| {
                        // A quote opening right after the cue ("Trump asked, “…”") is the cue's
                        // own; one further on ("Clinton asks as a man walks in, saying “…”")
                        // belongs to a later cue.
                        let after = self.hits[*h].last + 1;
                        self.quotes.get(qi + 1).is_none_or(|n| {
                            n.open >= self.sentences[next].end || self.tok_at(n.open) > after + 2
                        })
                    })
            });
        // “Sunday Morning Futures,” Rep. Darrell Issa said Clinton's judgment is in question: a
        // title before a cue with a clause of its own is not what was said.
        let title = context::is_title(&self.text[q.inner.clone()]);
        let after = after.filter(|(_, h)| {
            let cue_sentence = self.sentence_of(self.toks[self.hits[*h].first].start);
            !(title && self.clause_after(*h, cue_sentence).is_some())
        });
        if let Some((sp, h)) = after {
            let sp = self.according_to_after(h).unwrap_or(sp);
            self.push_quote(content, sp, h, Rule::QuoteThenCue, si);
        } else if let Some((sp, dash)) = self.signature(qi, close_sentence) {
            let cue = (self.bytes(dash, dash), signature::LEMMA);
            self.push_with_cue(
                ClaimKind::Direct,
                content,
                Some(sp),
                Some(cue),
                Rule::Signature,
                si,
            );
        } else if let Some((sp, h)) = self.cue_then_quote(qi, open_tok, si) {
            self.push_quote(content, sp, h, Rule::CueThenQuote, si);
        } else if let Some((sp, colon)) = self.colon_quote(open_tok, si) {
            let cue = (self.bytes(colon, colon), colon::COLON_LEMMA);
            self.push_with_cue(
                ClaimKind::Direct,
                content,
                Some(sp),
                Some(cue),
                Rule::ColonQuote,
                si,
            );
        } else if let Some((sp, h)) = self.late_tag(qi, si) {
            self.push_quote(content, sp, h, Rule::LateTag, si);
        } else if let Some((sp, verb, h)) = self.unlisted_tag(qi, si) {
            match h {
                Some(h) => self.push_quote(content, sp, h, Rule::UnlistedTag, si),
                None => self.push_with_cue(
                    ClaimKind::Direct,
                    content,
                    Some(sp),
                    Some((verb, TAG_LEMMA)),
                    Rule::UnlistedTag,
                    si,
                ),
            }
        } else if let Some(prev) = self.continued_claim(qi, open_tok, si) {
            let mut c = self.claims[prev].clone();
            c.content = content;
            c.kind = ClaimKind::Direct;
            c.rule = Rule::QuoteContinuation;
            c.confidence = Rule::QuoteContinuation.confidence();
            c.sentence = si;
            c.mentions = self.mentions_in(&c.content);
            self.claims.push(c);
        }
    }

    /// “…,” he said / “…,” said X / “…,” X, a fellow at Y, said. `clause`: whether the quote is a
    /// clause rather than a title (see [`Engine::speaker_run_then_cue`]).
    fn quote_then_cue(
        &self,
        mut k: usize,
        ceil: usize,
        si: usize,
        clause: bool,
    ) -> Option<(Speaker, usize)> {
        // ",''' he said": the closing mark of a quote nested at the end is skipped too.
        while k < ceil && !self.toks[k].word && self.is_punct(k, &[',', '—', '–', '-', '\'', '’'])
        {
            k += 1;
        }
        if k >= ceil {
            return None;
        }
        let quote_cue = |h: &Hit| h.cue.has(Frame::Quote);
        if let Some(h) = self.hit_at(k).filter(|&h| quote_cue(&self.hits[h])) {
            let cue = &self.hits[h];
            if cue.cue.has(Frame::After) {
                if let Some(p) = speaker::after(self.text, self.toks, cue.last + 1, ceil) {
                    return Some((self.speaker(p, si), h));
                }
            }
            return None;
        }
        let Some(p) = speaker::after(self.text, self.toks, k, ceil) else {
            return self.speaker_run_then_cue(k, ceil, si, clause);
        };
        let mut m = p.last + 1;
        while m < ceil && speaker::is_adverb(self.text, self.toks, m) {
            m += 1;
        }
        if m >= ceil {
            return None;
        }
        if let Some(h) = self.hit_at(m) {
            let cue = &self.hits[h];
            return (quote_cue(cue) && cue.cue.has(Frame::Before))
                .then(|| (self.speaker(p, si), h));
        }
        if self.is_punct(m, &[',']) {
            // An appositive between speaker and cue: the cue follows the closing comma.
            let lo = self.hits.partition_point(|h| h.first <= m);
            let limit = ceil.min(m + 20);
            for h in lo..self.hits.len() {
                let cue = &self.hits[h];
                if cue.first >= limit {
                    break;
                }
                if self.is_punct(cue.first - 1, &[','])
                    && quote_cue(cue)
                    && cue.cue.has(Frame::Before)
                {
                    return Some((self.speaker(p, si), h));
                }
            }
        }
        self.speaker_run_then_cue(k, ceil, si, clause)
    }

    /// “…,” the Post's senior politics editor Steven Ginsberg responded: a speaker phrase longer or
    /// looser than [`speaker::after`] walks (lowercase words after a name, "(D-Wash.)"), accepted
    /// because a quote cue closes it. Every token up to the cue must be a word that may belong to a
    /// noun phrase, a preposition or "and" inside it, or inside a parenthesis (a closing one is left
    /// out of the phrase); and the quote must be a `clause`, since a looser phrase after a title
    /// (“Morning Joe,” co-host Mika Brzezinski asked) is often its sentence's subject.
    fn speaker_run_then_cue(
        &self,
        k: usize,
        ceil: usize,
        si: usize,
        clause: bool,
    ) -> Option<(Speaker, usize)> {
        if !clause {
            return None;
        }
        let h = self.hits.partition_point(|h| h.first <= k);
        let hit = self.hits.get(h)?;
        if hit.first >= ceil.min(k + MAX_RUN)
            || !hit.cue.has(Frame::Quote)
            || !hit.cue.has(Frame::Before)
        {
            return None;
        }
        let mut last = hit.first - 1;
        while last > k && speaker::is_adverb(self.text, self.toks, last) {
            last -= 1;
        }
        // "Rep. Earl Blumenauer (D-Ore.) said": the phrase ends before the parenthesis.
        last = self.skip_parenthesis(last + 1, k).saturating_sub(1).max(k);
        // "X and Y, both Republicans, said": the phrase ends before a short appositive.
        if last > k && self.is_punct(last, &[',']) {
            let comma = (k + 1..last)
                .rev()
                .take_while(|&t| last - t <= MAX_APPOSITIVE)
                .find(|&t| self.is_punct(t, &[',']))
                .filter(|&c| (c + 1..last).all(|t| self.toks[t].word))?;
            last = comma - 1;
        }
        let mut in_parens = false;
        let noun_phrase = (k..=last).all(|t| {
            let tok = &self.toks[t];
            // "(D-N.Y.)": anything goes inside a parenthesis.
            if self.is_punct(t, &['(', ')']) {
                in_parens = self.is_punct(t, &['(']);
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
            match speaker::role(self.text, tok) {
                Some(Role::Preposition) => t > k,
                // "CBS This Morning co-anchor X": a capitalised stop word belongs to a name.
                Some(Role::Stop) => {
                    is_capitalized(self.word(t)) || self.word(t) == "and" && t > k && t < last
                }
                Some(Role::Pronoun(_) | Role::Relative | Role::Adverb) => false,
                _ => true,
            }
        });
        (noun_phrase && self.toks[k].word && self.toks[last].word)
            .then(|| (self.speaker(Phrase { first: k, last }, si), h))
    }

    /// “…” that is blatantly sexist, Brock said.: a tag closing the quote's sentence after more of
    /// the speaker's words. The speaker phrase must follow a comma, and at most an adverbial the
    /// cue.
    fn late_tag(&self, qi: usize, si: usize) -> Option<(Speaker, usize)> {
        let q = &self.quotes[qi];
        if !is_clause(self.text, q) {
            return None;
        }
        let close_tok = self.tok_at(q.close);
        let sentence = self.sentence_of(q.close.saturating_sub(1)).max(si);
        let end = self.sent_toks[sentence].end;
        let lo = self.hits.partition_point(|h| h.first < close_tok);
        let h = lo
            + self.hits[lo..]
                .iter()
                .take_while(|h| h.first < end)
                .position(|h| !h.used && h.cue.has(Frame::Quote) && h.cue.has(Frame::Before))?;
        let hit = &self.hits[h];
        if self
            .quotes
            .get(qi + 1)
            .is_some_and(|n| n.open < self.toks[hit.first].start)
        {
            return None;
        }
        let p = speaker::before(self.text, self.toks, hit.first, close_tok)?;
        // "…, CBS said it was canceling …": a clause after the cue is its own content.
        let after = hit.last + 1;
        let ends = after >= end
            || self.is_punct(after, &['.', ',', ';', '!', '?'])
            || speaker::is_adverb(self.text, self.toks, after)
            || matches!(
                speaker::role(self.text, &self.toks[after]),
                Some(Role::Preposition)
            );
        let tagged = p.first > close_tok
            && self.is_punct(p.first - 1, &[','])
            && ends
            && self.short_tail(after, end);
        tagged.then(|| (self.speaker(p, si), h))
    }

    /// “…,” an angry Hollande retaliated. / “…,” her husband cut in. A quote closed by a comma (or a
    /// question or exclamation mark) and followed by a speaker phrase and one or two lowercase
    /// words that end the sentence is tagged by them, though the verb is in no lexicon (or is a cue
    /// the lexicon lists for other constructions only: "“…?” Beck questioned."). Returns the
    /// speaker, the verb's bytes and its cue, if listed.
    fn unlisted_tag(&self, qi: usize, si: usize) -> Option<(Speaker, Range<usize>, Option<usize>)> {
        let q = &self.quotes[qi];
        if !is_clause(self.text, q) {
            return None;
        }
        let tail = &self.text[q.inner.end..q.close];
        let before_mark = self.text[..q.inner.end].chars().next_back();
        if !tail.contains(',') && !matches!(before_mark, Some('?' | '!')) {
            return None;
        }
        let mut sentence = self.sentence_of(q.close.saturating_sub(1)).max(si);
        let mut k = self.tok_at(q.close);
        if k >= self.sent_toks[sentence].end && self.paragraph_goes_on(sentence) {
            // “Why?” Beck questioned. — the splitter ends a sentence at “?”” before a capital.
            sentence += 1;
        }
        let end = self.sent_toks[sentence].end;
        while k < end && self.is_punct(k, &[',', '\'', '’']) {
            k += 1;
        }
        let p = speaker::after(self.text, self.toks, k, end)?;
        let head = &self.toks[p.last];
        let speaker_like = is_capitalized(self.word(p.last))
            || matches!(
                speaker::role(self.text, head),
                Some(Role::Pronoun(SpeakerType::Person | SpeakerType::Group) | Role::Noun(_))
            );
        let verb = p.last + 1;
        let lowercase_verb = |t: usize| {
            t < end
                && self.toks[t].word
                && !is_capitalized(self.word(t))
                && speaker::role(self.text, &self.toks[t]).is_none()
                && self
                    .hit_at(t)
                    .is_none_or(|h| !self.hits[h].used && self.hits[h].cue.has(Frame::Before))
        };
        if !speaker_like || !lowercase_verb(verb) {
            return None;
        }
        let last = if lowercase_verb(verb + 1) {
            verb + 1
        } else {
            verb
        };
        let closes = last + 1 >= end || self.is_punct(last + 1, &['.', ',', '!', '?']);
        closes.then(|| {
            (
                self.speaker(p, si),
                self.bytes(verb, last),
                self.hit_at(verb),
            )
        })
    }

    /// X said: “…” / X said, “…” / X told reporters, “…”; also a cue ending the previous sentence
    /// with a colon.
    fn cue_then_quote(&self, qi: usize, open_tok: usize, si: usize) -> Option<(Speaker, usize)> {
        let floor = self.sent_toks[si].start;
        // Without a colon or comma, "X wrote “War and Peace”" names a title, not a quote.
        let clause = is_clause(self.text, &self.quotes[qi]);
        let found = self.quote_cue_before(open_tok, floor, si, clause);
        if found.is_some() || open_tok != floor || si == 0 {
            return found;
        }
        let prev = self.sent_toks[si - 1].clone();
        if prev.is_empty() {
            return None;
        }
        if self.is_punct(prev.end - 1, &[':']) {
            return self.quote_cue_before(prev.end, prev.start, si - 1, clause);
        }
        self.tag_sentence(prev, si - 1).filter(|_| clause)
    }

    /// "Dianne Bystrom agreed. “…”": a sentence that is nothing but a speaker and a cue tags the
    /// quote opening the next sentence.
    fn tag_sentence(&self, prev: Range<usize>, si: usize) -> Option<(Speaker, usize)> {
        if prev.len() < 3 || !self.is_punct(prev.end - 1, &['.']) {
            return None;
        }
        let h = self.hits.partition_point(|h| h.last < prev.end - 2);
        let hit = self.hits.get(h).filter(|h| h.last == prev.end - 2)?;
        if hit.used
            || !hit.cue.has(Frame::Before)
            || !matches!(hit.cue.class, CueClass::Speech | CueClass::Belief)
        {
            return None;
        }
        let p = speaker::before(self.text, self.toks, hit.first, prev.start)?;
        (p.first == prev.start).then(|| (self.speaker(p, si), h))
    }

    fn quote_cue_before(
        &self,
        limit: usize,
        floor: usize,
        si: usize,
        clause: bool,
    ) -> Option<(Speaker, usize)> {
        let k = self.hits.partition_point(|h| h.last < limit);
        let h = k.checked_sub(1)?;
        let cue = &self.hits[h];
        if cue.first < floor || !cue.cue.has(Frame::Quote) || limit - cue.last > MAX_CUE_GAP {
            return None;
        }
        let gap = cue.last + 1..limit;
        let words: Vec<&str> = gap
            .clone()
            .filter(|&t| self.toks[t].word)
            .map(|t| self.word(t))
            .collect();
        let ends_with_colon_or_comma = gap
            .clone()
            .rev()
            .find(|&t| self.word(t) != "that")
            .is_some_and(|t| self.is_punct(t, &[':', ',']));
        let object = cue.cue.has(Frame::Object)
            && words.len() <= 4
            && gap.clone().all(|t| self.toks[t].word);
        // "X said in a statement, “…”", "X said Tuesday: “…”", "X asked Trump, “…”": words
        // between cue and quote are an adverbial or a hearer; "the Senate goes on recess, “…”"
        // is no cue of the quote.
        let adverbial = gap.clone().find(|&t| self.toks[t].word).is_none_or(|t| {
            self.word(t) == "that"
                || is_capitalized(self.word(t))
                || speaker::is_adverb(self.text, self.toks, t)
                || matches!(
                    speaker::role(self.text, &self.toks[t]),
                    Some(Role::Preposition | Role::Stop)
                )
        });
        let hearer = cue.cue.has(Frame::Object) && words.len() <= 4;
        if !(adverbial || hearer) {
            return None;
        }
        let direct =
            ends_with_colon_or_comma || (words.is_empty() || words == ["that"] || object) && clause;
        // A used cue introduces this quote too only as the second half of a split quote: “A,” he
        // said of Trump, “B.”
        let split = self.claims.last().is_some_and(|c| {
            c.kind == ClaimKind::Direct && c.cue == Some(self.bytes(cue.first, cue.last))
        });
        if !direct || (cue.used && !words.is_empty() && !split) {
            return None;
        }
        Some((self.subject(h, si)?, h))
    }

    /// “…,” Walker said, according to an Associated Press account: the source the quote is
    /// attributed to is the account, whose "according to" is then used up.
    fn according_to_after(&mut self, h: usize) -> Option<Speaker> {
        let hit = self.hits[h];
        let si = self.sentence_of(self.toks[hit.first].start);
        let end = self.sent_toks[si].end;
        let k = h + 1;
        let next = self.hits.get(k).filter(|n| n.first < end && !n.used)?;
        // "…,” McCain said, citing low growth": only "according to" names the source.
        if !next.cue.has(Frame::According) || !self.is_punct(next.first - 1, &[',']) {
            return None;
        }
        let p = speaker::after(self.text, self.toks, next.last + 1, end)?;
        self.hits[k].used = true;
        Some(self.speaker(p, si))
    }

    /// The claim a quote continues, if it continues one (see `quote_continuation`).
    fn continued_claim(&self, qi: usize, open_tok: usize, si: usize) -> Option<usize> {
        let last = self.last_quote_claim()?;
        let c = &self.claims[last];
        let q = &self.quotes[qi];
        if q.continued {
            return Some(last);
        }
        let near = self
            .paragraph(si)
            .saturating_sub(self.paragraph(c.sentence))
            <= 1;
        let opens_sentence = open_tok == self.sent_toks[si].start;
        (near && opens_sentence && is_clause(self.text, q)).then_some(last)
    }

    /// The latest quote claim (direct or mixed), when only claims of its own sentence came after
    /// it: in “…,” Johnson said, referring to a town hall where he declined to comment, the quote
    /// is still the turn a next quote continues.
    fn last_quote_claim(&self) -> Option<usize> {
        let sentence = self.claims.last()?.sentence;
        self.claims
            .iter()
            .enumerate()
            .rev()
            .take_while(|(_, c)| c.sentence == sentence)
            // A label ("a memo titled “…”") is a name, not a turn that the next quote goes on.
            .find(|(_, c)| {
                matches!(c.kind, ClaimKind::Direct | ClaimKind::Mixed) && c.rule != Rule::Label
            })
            .map(|(i, _)| i)
    }

    fn push_quote(&mut self, content: Range<usize>, sp: Speaker, h: usize, rule: Rule, si: usize) {
        self.hits[h].used = true;
        let hit = self.hits[h];
        self.push(ClaimKind::Direct, content, Some(sp), &hit, rule, si);
    }

    // ---- reported speech -----------------------------------------------------------------------

    fn reported(&mut self, h: usize, si: usize) {
        let hit = self.hits[h];
        let cue = hit.cue;
        let end = self.sent_toks[si].end;
        if self.label(h, si) {
            return;
        }
        if self.nested(&hit) || self.asked(h, si) {
            return;
        }
        if cue.has(Frame::Decline) {
            let Some(sp) = self.subject(h, si) else {
                return;
            };
            // The refusal ends at a punctuation mark, or before "but said …", the claim the
            // speaker did make.
            let mut e = hit.last + 1;
            while e < end
                && !self.is_punct(e, &[',', '.', ';', ':', '—', '('])
                && !(matches!(self.word(e), "but" | "and") && self.hit_at(e + 1).is_some())
            {
                e += 1;
            }
            let content = if e > hit.last + 1 {
                self.bytes(hit.last + 1, e - 1)
            } else {
                self.bytes(hit.first, hit.last)
            };
            self.hits[h].used = true;
            self.push(
                ClaimKind::Declined,
                content,
                Some(sp),
                &hit,
                Rule::Declined,
                si,
            );
            return;
        }
        if cue.has(Frame::According) {
            self.according_to(h, si);
            return;
        }
        let r = self.sent_toks[si].clone();
        let quote_next = r.end < self.toks.len() && self.quoted[r.end];
        if cue.has(Frame::Quote) && quote_next && !r.is_empty() && self.is_punct(r.end - 1, &[':'])
        {
            // "X said in a statement:" introduces the quote that follows.
            return;
        }
        // Without quote marks as evidence, the speaker must look like one: a name, a pronoun or a
        // known speaker noun ("adds layers of complexity" is not speech). A quotation in the clause
        // is that evidence for a plural noun too ("Border Patrol agents described the ground as
        // ''Swiss cheese''").
        let Some(sp) = self.subject(h, si).filter(|s| {
            self.known_speaker(s)
                || self.plural_noun(s)
                    && self
                        .clause_after(h, si)
                        .is_some_and(|c| self.reported_kind(&c) == ClaimKind::Mixed)
        }) else {
            return;
        };
        let speaker_after = sp.span.start >= self.toks[hit.last].end;
        let parenthetical = !speaker_after
            && hit.last + 1 < end
            && self.is_punct(hit.last + 1, &[','])
            && self.clause_before(h, &sp, si).is_some();
        // A clause holding words already claimed ("Trump said: “…,” the Times reported") is
        // another source's account.
        if let Some(content) = self
            .clause_after(h, si)
            .filter(|c| !speaker_after && !parenthetical && !self.covered(c))
        {
            let rule = if cue.has(Frame::Participle) {
                Rule::Participle
            } else if cue.class == CueClass::Belief {
                Rule::BeliefClause
            } else {
                Rule::CueClause
            };
            self.hits[h].used = true;
            let (content, sp) = self
                .what_pronoun_names(&hit, &sp, si)
                .map(|(what, outer)| (self.toks[what].start..content.end, outer))
                .unwrap_or((content, sp));
            let (content, sp) = self
                .according_to_closing(&content, si)
                .or_else(|| self.tag_closing(&content, si))
                .unwrap_or((content, sp));
            let kind = self.reported_kind(&content);
            self.push(kind, content, Some(sp), &hit, rule, si);
            return;
        }
        if cue.has(Frame::Final) {
            if let Some(content) = self.clause_before(h, &sp, si).filter(|c| !self.covered(c)) {
                self.hits[h].used = true;
                let kind = self.reported_kind(&content);
                self.push(kind, content, Some(sp), &hit, Rule::ClauseThenCue, si);
            }
        }
    }

    fn reported_kind(&self, content: &Range<usize>) -> ClaimKind {
        let k = self.quotes.partition_point(|q| q.open < content.start);
        if self.quotes.get(k).is_some_and(|q| q.open < content.end) {
            ClaimKind::Mixed
        } else {
            ClaimKind::Indirect
        }
    }

    /// according to X, … / …, according to X. / A, according to X, B.
    fn according_to(&mut self, h: usize, si: usize) {
        let hit = self.hits[h];
        let r = self.sent_toks[si].clone();
        let Some(p) = speaker::after(self.text, self.toks, hit.last + 1, r.end) else {
            return;
        };
        let sp = self.speaker(p, si);
        let mut after = p.last + 1;
        while after < r.end && self.is_punct(after, &[',']) {
            after += 1;
        }
        let at_start = hit.first == r.start;
        let content = if at_start {
            self.trimmed(after, r.end)
        } else if after >= r.end || self.is_punct(after, &['.', '!', '?', ';']) {
            self.trimmed(self.floor(si, hit.first), hit.first)
        } else {
            self.trimmed(self.floor(si, hit.first), r.end)
        };
        let Some(content) = content else { return };
        self.hits[h].used = true;
        let kind = self.reported_kind(&content);
        self.push(kind, content, Some(sp), &hit, Rule::AccordingTo, si);
    }

    /// "Cruz has railed against what he calls the “Washington cartel”": a naming cue after "what"
    /// and a pronoun names what the sentence's subject talks about, and PolNeAR makes the whole
    /// "what he calls …" the content of that subject (on its train split, 21 of 23 such phrases
    /// with "he" or "she"; the subject is usually the pronoun's antecedent, and when it is not,
    /// "The remarks suggest … what he calls …", it is still the source annotated). "what it
    /// calls" and "what they call" are more often left to the pronoun. Returns the "what" token
    /// and the subject.
    fn what_pronoun_names(&self, hit: &Hit, sp: &Speaker, si: usize) -> Option<(usize, Speaker)> {
        if !hit.cue.has(Frame::Naming) {
            return None;
        }
        let pronoun = self.tok_at(sp.span.start);
        let what = pronoun.checked_sub(1)?;
        let single_pronoun = pronoun + 1 == hit.first
            && matches!(
                speaker::role(self.text, &self.toks[pronoun]),
                Some(Role::Pronoun(SpeakerType::Person))
            );
        if !single_pronoun || what <= self.sent_toks[si].start || self.word(what) != "what" {
            return None;
        }
        let outer = self
            .sentence_subject(what, si)
            .filter(|s| s.span.end <= self.toks[what].start)?;
        Some((what, outer))
    }

    /// "Trump said he was happy, according to The New York Times.": a reported clause closing its
    /// sentence with ", according to Z" is Z's account of what was said. PolNeAR annotates such a
    /// sentence as one attribution whose source is Z (on its train split, 27 of 31 sentences), so
    /// the clause without the "according to" phrase becomes Z's claim, and the phrase's cue is
    /// used up. Returns the shortened content and Z.
    fn according_to_closing(
        &mut self,
        content: &Range<usize>,
        si: usize,
    ) -> Option<(Range<usize>, Speaker)> {
        let end = self.sent_toks[si].end;
        let first = self.tok_at(content.start);
        let lo = self.hits.partition_point(|h| h.first <= first);
        let h = lo
            + self.hits[lo..]
                .iter()
                .take_while(|h| h.first < end)
                .position(|h| h.cue.has(Frame::According))?;
        let hit = self.hits[h];
        // The comma may stand inside a closing quotation mark: "“… confirmation,” according to".
        let word_before = (first..hit.first).rev().find(|&t| self.toks[t].word)?;
        let comma = (word_before + 1..hit.first).any(|t| self.is_punct(t, &[',']));
        if hit.used || !comma || self.quoted[hit.first] {
            return None;
        }
        let p = speaker::after(self.text, self.toks, hit.last + 1, end)?;
        // The clause must reach the "according to" (a content that stops at a quotation, "said
        // the order was to “avoid …,” according to the report", runs on to it), and no other
        // cue's clause may follow it.
        let inside = self.toks[hit.first].start < content.end;
        let adjoins = (self.tok_at(content.end)..hit.first).all(|t| !self.toks[t].word);
        if !inside && !adjoins || self.hits.get(h + 1).is_some_and(|n| n.first < end) {
            return None;
        }
        let shortened = self.trimmed(first, hit.first)?;
        self.hits[h].used = true;
        Some((shortened, self.speaker(p, si)))
    }

    /// "In one email, Carter discussed how he had placed a note in a “burn bag,” the Times
    /// reported.": a reported clause followed by a tag that closes its sentence (", X reported.",
    /// "…,” wrote X.") is the tag speaker's account, as with "according to" (see
    /// [`Engine::according_to_closing`]). The tag's cue is used up. Returns the content and the
    /// tag's speaker.
    fn tag_closing(
        &mut self,
        content: &Range<usize>,
        si: usize,
    ) -> Option<(Range<usize>, Speaker)> {
        let end = self.sent_toks[si].end;
        let after = self.tok_at(content.end);
        // The tag's first word, right after the content and a comma.
        let tag = (after..end).find(|&t| self.toks[t].word)?;
        if !(after..tag).any(|t| self.is_punct(t, &[','])) {
            return None;
        }
        let h = self.hits.partition_point(|h| h.first < tag);
        let hit = *self.hits.get(h).filter(|n| n.first < end && !n.used)?;
        if !hit.cue.has(Frame::Final) || self.hits.get(h + 1).is_some_and(|n| n.first < end) {
            return None;
        }
        // "…, wrote Pete Hidalgo." or "…, the Times reported."; then at most an adverbial.
        let (p, tail) = if hit.first == tag {
            let p = speaker::after(self.text, self.toks, hit.last + 1, end)?;
            (p, p.last + 1)
        } else {
            let p =
                speaker::before(self.text, self.toks, hit.first, tag).filter(|p| p.first == tag)?;
            (p, hit.last + 1)
        };
        if !self.short_tail(tail, end) {
            return None;
        }
        self.hits[h].used = true;
        Some((content.clone(), self.speaker(p, si)))
    }

    /// The reported clause after a cue: "that …", or a bare clause for cues that allow one.
    fn clause_after(&self, h: usize, si: usize) -> Option<Range<usize>> {
        let hit = self.hits[h];
        let cue = hit.cue;
        let end = self.sent_toks[si].end.min(hit.last + 1 + MAX_CLAUSE_TOKENS);
        let mut start = hit.last + 1;
        if start >= end {
            return None;
        }
        // "that" within a few words: "said on Tuesday that", "told reporters that".
        // A quoted title may come first: "told ABC’s “Good Morning America” that …".
        // Not past a participle: in "calling it “disqualifying” and asserting that …" the "that"
        // is the participle's.
        let that = (start..end.min(start + 8))
            .take_while(|&t| {
                // A comma ends the search ("who says allies should send troops, tweeted that
                // …"), and so does a participle ("urged a stand, saying that …").
                !self.is_punct(t, &['.', ';', '(', ','])
                    && !self
                        .hit_at(t)
                        .is_some_and(|n| self.hits[n].cue.has(Frame::Participle))
            })
            .find(|&t| self.word(t) == "that" && !self.quoted[t]);
        let mut to = start;
        while to < end && speaker::is_adverb(self.text, self.toks, to) {
            to += 1;
        }
        if cue.has(Frame::Infinitive) && to < end && self.word(to) == "to" {
            // "vowed to bomb them", "plans to run again": the infinitive is the content.
            start = to;
        } else if cue.has(Frame::Naming) && to + 1 < end && self.word(to) == "as" {
            // "what Zimmerman described as a “piece of history”": the name given follows "as".
            start = to + 1;
        } else if let Some(t) = that {
            start = t;
        } else {
            if !cue.has(Frame::Clause) {
                return None;
            }
            if cue.has(Frame::Object) {
                if let Some(p) = speaker::after(self.text, self.toks, start, end) {
                    start = p.last + 1;
                }
            }
            while start < end && self.is_punct(start, &[',', ':']) {
                start += 1;
            }
            if start < end && speaker::role(self.text, &self.toks[start]) == Some(Role::Preposition)
            {
                // "said on Tuesday, …": the clause starts after the adverbial.
                let comma = (start..end.min(start + 8)).find(|&t| self.is_punct(t, &[',']))?;
                start = comma + 1;
            }
            if start >= end {
                return None;
            }
        }
        // Stop before the next cue's own clause: "…, adding that …", "…, and Trump vowed to …",
        // "…, while Cruz said …".
        let next = self.hits.partition_point(|x| x.first <= hit.last);
        let boundary = self.hits[next..]
            .iter()
            .take_while(|n| n.first < end)
            .find_map(|n| {
                if n.cue.has(Frame::Participle) {
                    return Some(n.first);
                }
                // "he did say X and called Y “Z”": the same speaker's next claim.
                let mut b = n.first - 1;
                while b > start && speaker::is_adverb(self.text, self.toks, b) {
                    b -= 1;
                }
                if b > start && matches!(self.word(b), "and" | "but") {
                    return Some(b);
                }
                if b > start && self.main_verb_after(b) {
                    return Some(b);
                }
                let p = speaker::before(self.text, self.toks, n.first, start)?;
                let w = self.word(p.first - 1);
                if matches!(
                    w,
                    "," | ";" | "and" | "but" | "while" | "whereas" | "although" | "though"
                ) {
                    return Some(p.first);
                }
                // "Clinton suggested that the plan was unserious - “Again, we need details,” she
                // said - and …": a quote with a tag of its own ends the clause before it opens.
                if self.quoted[p.first - 1] {
                    let k = self
                        .quotes
                        .partition_point(|q| q.close <= self.toks[p.first - 1].start);
                    let q = self.quotes.get(k)?;
                    return Some(self.tok_at(q.open).max(start));
                }
                None
            });
        let mut stop = boundary.unwrap_or(end);
        if self.opens_subordinate(si, hit.first) {
            // "Although in September she said it was a mistake, at the town hall she said …": a
            // cue in an opening subordinate clause reports no further than its comma; the main
            // clause after it has a claim of its own.
            if let Some(c) =
                (start + 2..stop).find(|&t| self.is_punct(t, &[',']) && !self.quoted[t])
            {
                stop = c;
            }
        }
        if cue.has(Frame::Naming) && stop > start {
            // "who has called Mr. Trump's comments ''racially toxic,'' portrayed …": the name
            // given is the first quotation; the clause ends with it.
            let k = self
                .quotes
                .partition_point(|q| q.open < self.toks[start].start);
            if let Some(q) = self
                .quotes
                .get(k)
                .filter(|q| q.open < self.toks[stop - 1].end)
            {
                stop = stop.min(self.tok_at(q.close));
            } else if let Some(c) = (start..stop).find(|&t| self.is_punct(t, &[',', ';'])) {
                // "what he calls political correctness, and has made …": without a quotation,
                // the name ends at the first comma.
                stop = c;
            }
        }
        while stop > start && matches!(self.word(stop - 1), "," | "and" | "but" | "while") {
            stop -= 1;
        }
        let content = self.trimmed(start, stop)?;
        let words = (start..stop).filter(|&t| self.toks[t].word).count();
        (words >= 2).then_some(content)
    }

    /// The verb cue after token `t` and any adverbs, if one follows.
    fn cue_after(&self, t: usize) -> Option<&'static Cue> {
        let mut v = t + 1;
        while v < self.toks.len() && speaker::is_adverb(self.text, self.toks, v) {
            v += 1;
        }
        self.hit_at(v).map(|h| self.hits[h].cue)
    }

    /// Whether token `t` is a comma closing a relative clause or participle phrase before its
    /// main clause's verb cue: "Graham, who says allies should send troops, tweeted that …". The
    /// clause before the comma ends there.
    fn main_verb_after(&self, t: usize) -> bool {
        self.is_punct(t, &[','])
            && !self.quoted[t]
            && self
                .cue_after(t)
                .is_some_and(|c| c.has(Frame::Before) && !c.has(Frame::Participle))
    }

    /// Whether sentence `si` opens with a subordinating conjunction ("Although", "When", "As";
    /// `lexicons/subordinators.txt`) that token `t`, later in the sentence, may belong to.
    fn opens_subordinate(&self, si: usize, t: usize) -> bool {
        let first = self.sent_toks[si].start;
        t > first && self.is_subordinator(first)
    }

    /// Whether token `t` is a subordinating conjunction, in any case ("When", "when").
    fn is_subordinator(&self, t: usize) -> bool {
        SUBORDINATORS.contains(&self.word(t).to_ascii_lowercase())
    }

    /// The clause before "…, X said." / "…, said X, a fellow at Y." or around "A, he said, B."
    fn clause_before(&self, h: usize, sp: &Speaker, si: usize) -> Option<Range<usize>> {
        let hit = self.hits[h];
        let r = self.sent_toks[si].clone();
        let speaker_after = sp.span.start >= self.toks[hit.last].end;
        // The comma before the speaker+cue group.
        let group_start = if speaker_after {
            hit.first
        } else {
            self.tok_at(sp.span.start).min(hit.first)
        };
        if group_start == r.start || !self.is_punct(group_start - 1, &[',']) {
            return None;
        }
        let floor = self.floor(si, group_start);
        // "A, X said, adding …": the participle opens a claim of its own.
        let participle_next = self.is_punct(hit.last + 1, &[','])
            && self
                .hit_at(hit.last + 2)
                .is_some_and(|n| self.hits[n].cue.has(Frame::Participle));
        if speaker_after || participle_next || self.short_tail(hit.last + 1, r.end) {
            self.trimmed(floor, group_start - 1)
        } else if self.is_punct(hit.last + 1, &[',']) {
            self.trimmed(floor, r.end)
        } else {
            None
        }
    }

    /// Whether tokens `from..end` are at most an adverbial ("on Tuesday in a video message to the
    /// convention."): a few words, no comma, no "that", no colon (which opens a quote of its own).
    fn short_tail(&self, from: usize, end: usize) -> bool {
        let words = (from..end).filter(|&t| self.toks[t].word).count();
        words <= 10 && (from..end).all(|t| !self.is_punct(t, &[',', ':']) && self.word(t) != "that")
    }

    /// Where reported content before token `before` may start in sentence `si`: the sentence
    /// start, or after the last claim of the sentence that ends before `before` (a quote later in
    /// the sentence, claimed first, is no bound: "A, X said, adding, “B.”").
    fn floor(&self, si: usize, before: usize) -> usize {
        let start = self.sent_toks[si].start;
        let limit = self.toks[before.min(self.toks.len() - 1)].start;
        self.claims
            .iter()
            .rev()
            .take_while(|c| c.sentence == si)
            .filter(|c| c.content.end <= limit)
            .map(|c| self.tok_at(c.content.end))
            .max()
            .map_or(start, |t| t.max(start))
    }

    /// The byte range of tokens `start..end` without trailing punctuation (closing quotes stay).
    fn trimmed(&self, start: usize, end: usize) -> Option<Range<usize>> {
        let mut e = end;
        while e > start && self.is_punct(e - 1, &['.', ',', ';', ':', '—', '–', '-', '(']) {
            e -= 1;
        }
        let mut s = start;
        while s < e && self.is_punct(s, &[',', ':', '—', '–']) {
            s += 1;
        }
        (s < e).then(|| self.bytes(s, e - 1))
    }

    // ---- speakers ------------------------------------------------------------------------------

    /// The speaker of a cue: the phrase before it ("X said"), after it ("…, said X"), before an
    /// appositive ("X, a fellow at Y, said"), or the sentence's subject for a participle.
    fn subject(&self, h: usize, si: usize) -> Option<Speaker> {
        let hit = self.hits[h];
        let r = self.sent_toks[si].clone();
        let floor = r.start;
        if hit.cue.has(Frame::Participle) {
            // "with Gorka noting …": the participle's own subject.
            // "with former Maryland Gov. Martin O’Malley calling": lowercase modifiers the phrase
            // does not take in may stand between "with" and the name.
            let with_subject =
                speaker::before(self.text, self.toks, hit.first, floor).filter(|p| {
                    (p.first.saturating_sub(3).max(floor)..p.first)
                        .rev()
                        .take_while(|&t| self.toks[t].word)
                        .any(|t| self.word(t).eq_ignore_ascii_case("with"))
                });
            if let Some(p) = with_subject {
                return Some(self.speaker(p, si));
            }
            // "…, Spicer said, adding, “…”", "with Trump tweeting that … and asking, “…”": the
            // subject of the cue the participle follows.
            if let Some(prev) = self.cue_before_participle(h, floor) {
                if let Some(sp) = self.subject(prev, si) {
                    return Some(sp);
                }
            }
            return self.sentence_subject(hit.first, si);
        }
        let after_break = hit.first == floor
            || self.is_punct(hit.first - 1, &[',', '”', '"', '—', '\''])
            || self.quoted[hit.first - 1];
        let after_comma = hit.first > floor && self.is_punct(hit.first - 1, &[',']);
        if after_comma {
            // "Rahm Emanuel, his chief of staff, urged a strong stand": a name opening the
            // sentence, then an appositive, is the subject; the phrase after the cue its object.
            if let Some(sp) = self.opening_appositive(hit.first - 1, si) {
                return Some(sp);
            }
        }
        if hit.cue.has(Frame::After) && after_break {
            if let Some(p) = speaker::after(self.text, self.toks, hit.last + 1, r.end) {
                // "Frank Luntz, an expert, said Mr. Cameron had failed": after a comma, a phrase
                // that more of a clause follows is the reported clause's subject, not the speaker.
                if !(after_comma && self.clause_goes_on(p.last + 1, r.end)) {
                    return Some(self.speaker(p, si));
                }
            }
        }
        if !hit.cue.has(Frame::Before) {
            return None;
        }
        let before_cue = self.skip_aside(
            self.skip_date(self.skip_parenthesis(hit.first, floor), floor),
            floor,
        );
        if let Some(mut p) = speaker::before(self.text, self.toks, before_cue, floor) {
            // "Trump at the time said": the phrase after a preposition is its object; not a
            // subject pronoun ("as she said", "after they said").
            if p.first > floor
                && speaker::role(self.text, &self.toks[p.first - 1]) == Some(Role::Preposition)
                && !matches!(
                    speaker::role(self.text, &self.toks[p.last]),
                    Some(Role::Pronoun(_) | Role::Relative)
                )
            {
                if let Some(q) = speaker::before(self.text, self.toks, p.first - 1, floor) {
                    p = q;
                }
            }
            if !self.quoted[p.last] {
                return Some(self.speaker(p, si));
            }
        }
        // "X, a senior fellow at Y, said" / "X, chairman of Y, the group's arm, said": the leftmost
        // name before one of the commas (quoted commas aside), not a preposition's object.
        let mut j = before_cue.checked_sub(1)?;
        while j > floor && speaker::is_adverb(self.text, self.toks, j) {
            j -= 1;
        }
        if j > floor && matches!(self.word(j), "and" | "but") {
            // "at the mention of email she laughed and admitted": a pronoun right before the
            // first verb is its subject.
            let pronoun = (j >= floor + 2).then(|| j - 2).filter(|&p| {
                self.toks[j - 1].word
                    && speaker::role(self.text, &self.toks[j - 1]).is_none()
                    && matches!(
                        speaker::role(self.text, &self.toks[p]),
                        Some(Role::Pronoun(SpeakerType::Person | SpeakerType::Group))
                    )
            });
            if let Some(p) = pronoun {
                return Some(self.speaker(Phrase { first: p, last: p }, si));
            }
            // "McConnell was quick to embrace him and said": the subject of both verbs.
            return self.sentence_subject(hit.first, si);
        }
        if j <= floor || !self.is_punct(j, &[',']) {
            return None;
        }
        // "…, Gov. John Kasich (R-OH), said": the name before the parenthesis, not an earlier
        // comma's phrase in the sentence's opening.
        let paren = self.skip_parenthesis(j, floor);
        if paren < j {
            if let Some(p) = speaker::before(self.text, self.toks, paren, floor)
                .filter(|p| is_capitalized(self.word(p.last)))
            {
                return Some(self.speaker(p, si));
            }
        }
        // "Clinton's campaign chairman, John Podesta, said": failing a leftmost name, the
        // appositive right before the cue.
        let lo = floor.max(j.saturating_sub(40));
        (lo..=j)
            .filter(|&c| self.is_punct(c, &[',']) && !self.quoted[c])
            .find_map(|c| {
                let p =
                    speaker::before(self.text, self.toks, self.skip_parenthesis(c, floor), floor)?;
                let head = &self.toks[p.last];
                let named = is_capitalized(self.word(p.last))
                    || matches!(speaker::role(self.text, head), Some(Role::Pronoun(_)));
                let object = p.first > floor
                    && speaker::role(self.text, &self.toks[p.first - 1]) == Some(Role::Preposition);
                (named && !object).then(|| self.speaker(p, si))
            })
    }

    /// The cue a participle `h` goes on from: one right before its comma ("Spicer said, adding"),
    /// or another participle before its "and" ("tweeting that … and asking").
    fn cue_before_participle(&self, h: usize, floor: usize) -> Option<usize> {
        let hit = self.hits[h];
        let mut j = hit.first.checked_sub(1).filter(|&j| j > floor)?;
        while j > floor && speaker::is_adverb(self.text, self.toks, j) {
            j -= 1;
        }
        if self.is_punct(j, &[',']) {
            let prev = h.checked_sub(1)?;
            let p = &self.hits[prev];
            return (p.last + 1 == j && p.first >= floor && p.cue.has(Frame::Before))
                .then_some(prev);
        }
        if self.word(j) == "and" {
            return (0..h)
                .rev()
                .take_while(|&k| self.hits[k].first >= floor)
                .find(|&k| self.hits[k].cue.has(Frame::Participle));
        }
        None
    }

    /// "Name, appositive," opening sentence `si` and closing with the comma at token `comma`: the
    /// name as a speaker. The appositive may hold no cue and no further comma-free clause break.
    fn opening_appositive(&self, comma: usize, si: usize) -> Option<Speaker> {
        let floor = self.sent_toks[si].start;
        let p = speaker::after(self.text, self.toks, floor, comma)?;
        let first_comma = p.last + 1;
        if first_comma >= comma
            || !self.is_punct(first_comma, &[','])
            || !is_capitalized(self.word(p.last))
        {
            return None;
        }
        let appositive = first_comma + 1..comma;
        let words = appositive.clone().filter(|&t| self.toks[t].word).count();
        let np = words > 0
            && words <= 12
            && appositive.clone().all(|t| {
                self.toks[t].word && self.hit_at(t).is_none()
                    || self.is_punct(t, &['(', ')', '-', '.'])
            });
        np.then(|| self.speaker(p, si))
    }

    /// Whether token `t` (before `end`) carries a clause on: after any adverbs ("said Roe
    /// yesterday."), a word that is not a preposition or a relative.
    fn clause_goes_on(&self, mut t: usize, end: usize) -> bool {
        while t < end && speaker::is_adverb(self.text, self.toks, t) {
            t += 1;
        }
        if t >= end {
            return false;
        }
        // "said the golf industry had “made great strides”": a quotation goes on too.
        let opens_quote = self
            .quotes
            .binary_search_by_key(&self.toks[t].start, |q| q.open)
            .is_ok();
        opens_quote
            || self.toks[t].word
                && !matches!(
                    speaker::role(self.text, &self.toks[t]),
                    Some(Role::Preposition | Role::Relative)
                )
    }

    /// `end`, or the start of a date right before it: "Ryan on Tuesday called", "Cruz Monday
    /// said" (a day or month is a capitalised stop word in `speakers.tsv`).
    fn skip_date(&self, end: usize, floor: usize) -> usize {
        let Some(d) = end.checked_sub(1).filter(|&d| d > floor) else {
            return end;
        };
        let date = is_capitalized(self.word(d))
            && speaker::role(self.text, &self.toks[d]) == Some(Role::Stop);
        if !date {
            return end;
        }
        if d - 1 > floor && speaker::role(self.text, &self.toks[d - 1]) == Some(Role::Preposition) {
            d - 1
        } else {
            d
        }
    }

    /// The agent after "by" at token `t`, before token `end` ("asked by Thrush if …", "called
    /// “…” by Joshua Hendrick"), and the token after its phrase.
    fn by_agent(&self, t: usize, end: usize, si: usize) -> Option<(Speaker, usize)> {
        if t + 1 >= end || self.word(t) != "by" {
            return None;
        }
        let p = speaker::after(self.text, self.toks, t + 1, end)?;
        Some((self.speaker(p, si), p.last + 1))
    }

    /// `end`, or the comma opening a one-word aside right before it: "The two lawmakers, however,
    /// argue", "Cruz, meanwhile, warned", "Proponents, clearly, say".
    fn skip_aside(&self, end: usize, floor: usize) -> usize {
        let aside = end >= floor + 4
            && self.is_punct(end - 1, &[','])
            && self.is_punct(end - 3, &[','])
            // Adverbs (speakers.tsv: "however", "meanwhile", "too") and these, which are not.
            && (speaker::is_adverb(self.text, self.toks, end - 2)
                || matches!(
                    self.word(end - 2).to_ascii_lowercase().as_str(),
                    "though" | "nonetheless" | "nevertheless"
                ));
        if aside {
            end - 3
        } else {
            end
        }
    }

    /// `end`, or the start of a short parenthesis right before it ("Marco Rubio (R-Fla.) said").
    fn skip_parenthesis(&self, end: usize, floor: usize) -> usize {
        if end <= floor || !self.is_punct(end - 1, &[')']) {
            return end;
        }
        (floor.max(end.saturating_sub(8))..end - 1)
            .rev()
            .find(|&t| self.is_punct(t, &['(']))
            .unwrap_or(end)
    }

    /// The subject of the sentence before token `before`: an earlier claim's speaker in the same
    /// sentence, else the first phrase of the sentence (after an opening "On Monday,").
    fn sentence_subject(&self, before: usize, si: usize) -> Option<Speaker> {
        // A claim of this sentence, or a quote closing in it ("“Let’s say. Let’s see,” X said,
        // adding …"), gives the subject.
        let start = self.sentences[si].start;
        if let Some(sp) = self
            .claims
            .last()
            .filter(|c| c.sentence == si || c.cue.as_ref().is_some_and(|q| q.start >= start))
            .and_then(|c| self.claim_speaker(c))
        {
            return Some(sp);
        }
        let r = self.sent_toks[si].clone();
        let mut k = r.start;
        if k >= before {
            return None;
        }
        // "NEW YORK (AP) — X …", "Washington (AFP) – X …": a dateline comes before the subject.
        let first = self.word(k);
        let dash = (k..before.min(k + 8)).find(|&t| self.is_punct(t, &['—', '–', '-']));
        if let Some(d) = dash {
            let capitals = first.len() > 1 && first.chars().all(|c| !c.is_lowercase());
            if capitals || d > k && self.is_punct(d - 1, &[')']) {
                k = d + 1;
            }
        }
        // "On Monday, X …", "In an interview with Y, X …", "Hours later, X …", "Speaking in his
        // own voice, X …", "At a rally in Birmingham, Alabama, on Saturday, X …": the subject
        // follows the opening phrases.
        while k < before && self.opens_phrase(k) {
            // "Later John Bolton turned …", "Then he cut into Bush, calling …": an adverb right
            // before a name or a pronoun is one word long ("Earlier this week, X" is not; "Once he
            // was president, X" opens a subordinate clause).
            let adverb = speaker::role(self.text, &self.toks[k]) == Some(Role::Adverb)
                && !self.is_subordinator(k)
                && k + 1 < before
                && self.toks[k + 1].word
                && (is_capitalized(self.word(k + 1))
                    || matches!(
                        speaker::role(self.text, &self.toks[k + 1]),
                        Some(Role::Pronoun(_))
                    ));
            k = match (k..before).find(|&t| self.is_punct(t, &[','])) {
                _ if adverb => k + 1,
                Some(comma) => comma + 1,
                None => return None,
            };
        }
        // The subject ends at the first cue: "The former candidate continued, saying …".
        let first_cue = self.hits.partition_point(|h| h.first < k);
        let ceil = self
            .hits
            .get(first_cue)
            .map_or(before, |h| h.first.min(before));
        let p = speaker::after(self.text, self.toks, k, ceil)?;
        let head = &self.toks[p.last];
        let ok = is_capitalized(self.word(p.last))
            || matches!(
                speaker::role(self.text, head),
                Some(Role::Pronoun(_) | Role::Noun(_))
            );
        ok.then(|| self.speaker(p, si))
    }

    /// Whether token `k` opens an adverbial phrase before a sentence's subject: a stop word,
    /// preposition or adverb, a capitalised participle that is no name ("Speaking", "Asked"), or a
    /// place name before a comma (the state in "Birmingham, Alabama,").
    fn opens_phrase(&self, k: usize) -> bool {
        if matches!(
            speaker::role(self.text, &self.toks[k]),
            Some(Role::Stop | Role::Preposition | Role::Adverb)
        ) {
            return true;
        }
        let start = self.toks[k].start;
        let m = self.mentions.partition_point(|m| m.end <= start);
        let mention = self.mentions.get(m).filter(|m| m.start == start);
        match mention {
            Some(m) => {
                self.entities.get(m.entity).kind == EntityType::Place
                    && self.is_punct(self.tok_at(m.end), &[','])
            }
            None => {
                // "Asked about the plan, X …", "Pressed on it, X …": a past participle as well.
                // A name such as "Boreing" is followed by its verb, not a phrase.
                let w = self.word(k);
                w.len() > 4
                    && (w.ends_with("ing") || w.ends_with("ed"))
                    && is_capitalized(w)
                    && self.hit_at(k + 1).is_none()
            }
        }
    }

    /// The speaker of an earlier claim, to attribute another claim to.
    fn claim_speaker(&self, c: &Claim) -> Option<Speaker> {
        let span = c.speaker.clone()?;
        Some(Speaker {
            name: c.speaker_name.clone().unwrap_or(span.clone()),
            span,
            entity: c.speaker_entity,
            ty: c.speaker_type,
        })
    }

    /// Whether cue `hit` lies inside the content of an earlier claim: in "Trump said that he
    /// believed X" or "Sanders said an effort that Obama said would fail is wrong", the inner cue is
    /// part of what was reported. News annotation (PolNeAR) rarely takes such a cue for an
    /// attribution of its own: on its train split, nine in ten were spurious.
    fn nested(&self, hit: &Hit) -> bool {
        let at = self.toks[hit.first].start;
        self.claims
            .iter()
            .rev()
            .take(4)
            .any(|c| c.content.start <= at && at < c.content.end)
    }

    /// A name, a pronoun, a known speaker noun, or a phrase with a determiner ("the campaign").
    fn known_speaker(&self, s: &Speaker) -> bool {
        let head = &self.toks[self.tok_at(s.span.end).saturating_sub(1)];
        let first = &self.toks[self.tok_at(s.span.start)];
        is_capitalized(&self.text[head.range()])
            || matches!(
                speaker::role(self.text, head),
                Some(Role::Pronoun(_) | Role::Relative | Role::Noun(_) | Role::Determiner)
            )
            || speaker::role(self.text, first) == Some(Role::Determiner)
            || self.text[first.range()].ends_with(['s', '’', '\''])
                && self.text[first.range()].contains(['\'', '’'])
            || self.poll_share(s)
    }

    /// Whether a speaker phrase ends in a lowercase plural noun: "agents", "lobbyists".
    fn plural_noun(&self, s: &Speaker) -> bool {
        let head = &self.text[self.toks[self.tok_at(s.span.end).saturating_sub(1)].range()];
        head.len() > 3
            && head.starts_with(|c: char| c.is_lowercase())
            && head.ends_with('s')
            && !head.ends_with("ss")
    }

    /// "About six in 10 said", "seven of 10 said": a share of those polled, of which the speaker
    /// phrase holds only the number.
    fn poll_share(&self, s: &Speaker) -> bool {
        let first = self.tok_at(s.span.start);
        first > 0
            && self.text[s.span.clone()]
                .bytes()
                .all(|b| b.is_ascii_digit())
            && matches!(self.word(first - 1), "in" | "of")
    }

    /// Types and resolves a speaker phrase.
    fn speaker(&self, p: Phrase, si: usize) -> Speaker {
        let span = self.bytes(p.first, p.last);
        let mut ty = speaker::phrase_type(self.text, self.toks, p);
        let para = self.paragraph(si);
        let recent = |slot: &Option<(Speaker, u32)>| {
            slot.as_ref()
                .filter(|(_, p)| para.saturating_sub(*p) <= 2)
                .map(|(s, _)| s.clone())
        };
        let head_role = match speaker::role(self.text, &self.toks[p.last]) {
            // "his claim", "their view": a possessive stands for its pronoun.
            Some(Role::Determiner) => match self.word(p.last).to_ascii_lowercase().as_str() {
                "his" | "her" => Some(Role::Pronoun(SpeakerType::Person)),
                "their" | "its" => Some(Role::Pronoun(SpeakerType::Group)),
                _ => Some(Role::Determiner),
            },
            r => r,
        };
        if let Some(Role::Pronoun(t)) = head_role {
            ty = t;
        }
        let antecedent = match head_role {
            Some(Role::Pronoun(SpeakerType::Person)) => {
                recent(&self.last_person).or_else(|| self.person_mention_before(span.start))
            }
            Some(Role::Pronoun(SpeakerType::Group)) => recent(&self.last_group),
            Some(Role::Relative) => self.relative_antecedent(p, si),
            Some(Role::Noun(_)) if self.word(p.first).eq_ignore_ascii_case("the") => {
                let head = self.word(p.last);
                recent(&self.last_person).filter(|s| self.text[s.span.clone()].ends_with(head))
            }
            _ => None,
        };
        if let Some(a) = antecedent {
            return Speaker {
                span,
                name: a.name,
                entity: a.entity,
                ty: a.ty,
            };
        }
        // "Sony's assertion that …": the possessive is not part of the name.
        let named = &self.text[span.clone()];
        let end = span.start + possessive_stem(named).unwrap_or(named).len();
        let k = self.mentions.partition_point(|m| m.end < end);
        let entity = self
            .mentions
            .get(k)
            .filter(|m| m.end == end && m.start >= span.start)
            .map(|m| m.entity);
        if let Some(e) = entity {
            ty = match self.entities.get(e).kind {
                EntityType::Person => SpeakerType::Person,
                _ => SpeakerType::Organization,
            };
        } else if !matches!(head_role, Some(Role::Pronoun(_))) && !is_capitalized(self.word(p.last))
        {
            let sentence_end = self.sentences[self.sentence_of(span.start)].end;
            let rest = span.end..sentence_end.max(span.end);
            if speaker::says_anonymous(&self.text[rest]) {
                ty = SpeakerType::Anonymous;
            }
        }
        Speaker {
            name: span.clone(),
            span,
            entity,
            ty,
        }
    }

    /// "X, who said …": X.
    fn relative_antecedent(&self, p: Phrase, si: usize) -> Option<Speaker> {
        let floor = self.sent_toks[si].start;
        let comma = p.first.checked_sub(1).filter(|&c| c > floor)?;
        if !self.is_punct(comma, &[',']) {
            return None;
        }
        let a = speaker::before(self.text, self.toks, comma, floor)?;
        Some(self.speaker(a, si))
    }

    /// The nearest person mention before byte `pos` that is not inside a quote.
    fn person_mention_before(&self, pos: usize) -> Option<Speaker> {
        let k = self.mentions.partition_point(|m| m.start < pos);
        self.person_speakers(k.saturating_sub(50)..k).next_back()
    }

    /// The person mentions outside quotes among mentions `ms` (indices), as speakers.
    fn person_speakers(&self, ms: Range<usize>) -> impl DoubleEndedIterator<Item = Speaker> + '_ {
        self.mentions[ms]
            .iter()
            .filter(|m| {
                self.entities.get(m.entity).kind == EntityType::Person
                    && !self.quoted[self.tok_at(m.start).min(self.toks.len() - 1)]
            })
            .map(|m| Speaker {
                span: m.range(),
                name: m.range(),
                entity: Some(m.entity),
                ty: SpeakerType::Person,
            })
    }

    fn mentions_in(&self, r: &Range<usize>) -> Range<usize> {
        let a = self.mentions.partition_point(|m| m.start < r.start);
        let b = self.mentions.partition_point(|m| m.start < r.end);
        a..b.max(a)
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        kind: ClaimKind,
        content: Range<usize>,
        sp: Option<Speaker>,
        hit: &Hit,
        rule: Rule,
        si: usize,
    ) {
        let cue = (self.bytes(hit.first, hit.last), hit.cue.lemma.as_str());
        self.push_with_cue(kind, content, sp, Some(cue), rule, si);
    }

    /// [`Engine::push`] for a cue that is not a lexicon entry (the colon of "Name: claim"), given
    /// as its span and lemma, or for no cue at all.
    #[allow(clippy::too_many_arguments)]
    fn push_with_cue(
        &mut self,
        kind: ClaimKind,
        content: Range<usize>,
        sp: Option<Speaker>,
        cue: Option<(Range<usize>, &'static str)>,
        rule: Rule,
        si: usize,
    ) {
        let para = self.paragraph(si);
        if let Some(s) = &sp {
            let named = s.name != s.span
                || !matches!(
                    speaker::role(self.text, &self.toks[self.tok_at(s.span.start)]),
                    Some(Role::Pronoun(_) | Role::Relative)
                );
            if named {
                match s.ty {
                    SpeakerType::Person => self.last_person = Some((s.clone(), para)),
                    SpeakerType::Group | SpeakerType::Organization => {
                        self.last_group = Some((s.clone(), para))
                    }
                    _ => {}
                }
            }
        }
        let unresolved = sp.as_ref().is_none_or(|s| s.ty == SpeakerType::Unresolved);
        let confidence = rule.confidence();
        let mentions = self.mentions_in(&content);
        self.claims.push(Claim {
            kind,
            content,
            speaker: sp.as_ref().map(|s| s.span.clone()),
            speaker_name: sp.as_ref().map(|s| s.name.clone()),
            speaker_entity: sp.as_ref().and_then(|s| s.entity),
            speaker_type: sp.map_or(SpeakerType::Unresolved, |s| s.ty),
            cue_lemma: cue.as_ref().map_or("", |c| c.1),
            cue: cue.map(|c| c.0),
            rule,
            confidence: if unresolved {
                confidence * 0.8
            } else {
                confidence
            },
            sentence: si,
            mentions,
        });
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::corpus::Document;
    use crate::gazetteer::tests::sample;
    use crate::pipeline::analyze;

    /// (kind, rule, content, speaker span text, resolved speaker name, speaker type) per claim.
    pub(crate) type Got = (String, String, String, String, String, String);

    /// Field `i` of a [`Got`] row, in the order above.
    fn field(g: &Got, i: usize) -> &str {
        [&g.0, &g.1, &g.2, &g.3, &g.4, &g.5][i]
    }

    /// Fields `i` and `j` of every row.
    pub(crate) fn columns2(got: &[Got], i: usize, j: usize) -> Vec<(&str, &str)> {
        got.iter().map(|g| (field(g, i), field(g, j))).collect()
    }

    /// Fields `i`, `j` and `k` of every row.
    pub(crate) fn columns3(got: &[Got], i: usize, j: usize, k: usize) -> Vec<(&str, &str, &str)> {
        got.iter()
            .map(|g| (field(g, i), field(g, j), field(g, k)))
            .collect()
    }

    pub(crate) fn claims(text: &str) -> Vec<Got> {
        let gaz = sample();
        let a = analyze(Document::from_text("t".into(), "t".into(), text), &gaz);
        let entities = a.entities(&gaz);
        let t = &a.doc.text;
        a.claims
            .iter()
            .map(|c| {
                let slice = |r: &Option<std::ops::Range<usize>>| {
                    r.as_ref()
                        .map_or(String::new(), |r| t[r.clone()].to_owned())
                };
                let name = match c.speaker_entity {
                    Some(e) => entities.get(e).name.clone(),
                    None => slice(&c.speaker_name),
                };
                (
                    c.kind.as_str().to_owned(),
                    c.rule.name().to_owned(),
                    t[c.content.clone()].to_owned(),
                    slice(&c.speaker),
                    name,
                    c.speaker_type.as_str().to_owned(),
                )
            })
            .collect()
    }

    fn row(k: &str, r: &str, c: &str, s: &str, n: &str, ty: &str) -> Got {
        (k.into(), r.into(), c.into(), s.into(), n.into(), ty.into())
    }

    #[test]
    fn a_possessive_speaker_is_its_named_entity() {
        let got = claims("The IAEA's assertion that Iran complied was disputed.");
        assert_eq!(
            columns3(&got, 3, 4, 5),
            vec![(
                "The IAEA's",
                "International Atomic Energy Agency",
                "organization"
            )]
        );
    }

    #[test]
    fn quote_then_cue_with_pronoun_and_inverted_speaker() {
        assert_eq!(
            claims("Trita Parsi spoke first. “We are ready to talk,” he said. “Never,” said Donald Trump."),
            vec![
                row("direct", "quote_then_cue", "We are ready to talk", "he", "Trita Parsi", "person"),
                row("direct", "quote_then_cue", "Never", "Donald Trump", "Donald Trump", "person"),
            ]
        );
    }

    #[test]
    fn quote_then_cue_across_an_appositive() {
        let got = claims("“The talks failed,” Jane Roe, a fellow at the Example Institute, said.");
        assert_eq!(
            got,
            vec![row(
                "direct",
                "quote_then_cue",
                "The talks failed",
                "Jane Roe",
                "Jane Roe",
                "person"
            )]
        );
    }

    #[test]
    fn quote_then_cue_after_a_question_that_ends_the_sentence() {
        let got = claims("“Why would we do that?” Trump asked.");
        assert_eq!(got[0].1, "quote_then_cue");
        assert_eq!(got[0].4, "Donald Trump");
    }

    #[test]
    fn cue_then_quote_with_colon_comma_and_hearer() {
        let got = claims(
            "John Bolton said: “The deal is dead.” Trump told reporters, “We will see.”\nParsi added:\n“It is over.”",
        );
        let short = columns3(&got, 1, 2, 4);
        assert_eq!(
            short,
            vec![
                ("cue_then_quote", "The deal is dead.", "John Bolton"),
                ("cue_then_quote", "We will see.", "Donald Trump"),
                ("cue_then_quote", "It is over.", "Parsi"),
            ]
        );
    }

    #[test]
    fn subject_after_an_adverbial_opening() {
        for text in [
            "Hours later, Trump returned the favour, telling Reuters, “He is an amazing man.”",
            "Speaking in his own voice, Trump went on, saying: “He is an amazing man.”",
            "Meanwhile, Trump went on, saying: “He is an amazing man.”",
            "At a rally in Tehran, Iran, on Saturday, Trump went on, saying: “He is an amazing man.”",
        ] {
            let got = claims(text);
            assert_eq!(got[0].4, "Donald Trump", "{text}");
        }
    }

    #[test]
    fn a_tag_sentence_whose_quote_comes_after_a_later_cue() {
        let got = claims("“How many states have we lost? Two? Three?” Jane Roe asks as an aide walks in, saying he is “here to fix the wall.”");
        assert_eq!(
            columns3(&got, 1, 2, 3)[0],
            (
                "quote_then_cue",
                "How many states have we lost? Two? Three?",
                "Jane Roe"
            )
        );
    }

    #[test]
    fn a_one_word_adverb_before_the_subject() {
        let got = claims("John Bolton spoke first. Then he cut into the budget, calling it a \"disaster\" for the state. Earlier this week, Jane Roe pressed the mayor, insisting that the plan was \"dead.\"");
        assert_eq!(
            columns3(&got, 1, 3, 4),
            vec![
                ("participle", "he", "John Bolton"),
                ("participle", "Jane Roe", "Jane Roe")
            ]
        );
    }

    #[test]
    fn a_cue_inside_a_reported_clause_is_no_second_claim() {
        let got = claims("Trump said on Sunday that he believed the talks would fail. Jane Roe said that a plan Bolton said would work is dead.");
        let contents: Vec<&str> = got.iter().map(|g| g.2.as_str()).collect();
        assert_eq!(
            contents,
            vec![
                "that he believed the talks would fail",
                "that a plan Bolton said would work is dead"
            ]
        );
    }

    #[test]
    fn a_quote_tagged_inside_a_clause_is_its_own_speakers() {
        let got = claims("Clinton suggested that the plan was unserious - “Again, we need to get into the details,” she said - and left. Trump said: “There will always be exceptions,” the Times reported.");
        let short = columns3(&got, 1, 2, 3);
        assert_eq!(
            short,
            vec![
                ("cue_clause", "that the plan was unserious", "Clinton"),
                (
                    "quote_then_cue",
                    "Again, we need to get into the details",
                    "she"
                ),
                (
                    "quote_then_cue",
                    "There will always be exceptions",
                    "the Times"
                ),
            ]
        );
    }

    #[test]
    fn group_determiners_poll_shares_and_a_quote_after_the_clause_subject() {
        let got = claims("Most said they were “very worried.” About six in 10 said they were “angry” with it. Jane Roe, who appraises courses for a firm, said the industry had “made great strides” lately.");
        let short = columns2(&got, 1, 3);
        assert_eq!(
            short,
            vec![
                ("cue_clause", "Most"),
                ("cue_clause", "10"),
                ("cue_clause", "Jane Roe")
            ]
        );
    }

    #[test]
    fn participle_subjects_after_with_and_opening_appositives() {
        let got = claims("Both men saw it as a sign of disarray, with Jane Roe noting “a couple of hundred guys here.” Candidates went further, with former Maryland Gov. Martin O’Malley calling Trump “a fascist.” Early in his campaign, Trump attacked Bolton, calling him “a failed candidate.” Trita Parsi, his chief of staff, urged a strong stand, saying that Iran would “walk all over us.”");
        let speakers: Vec<&str> = got.iter().map(|g| g.4.as_str()).collect();
        assert_eq!(
            speakers,
            vec![
                "Jane Roe",
                "Martin O’Malley",
                "Donald Trump",
                "Trita Parsi",
                "Trita Parsi"
            ],
            "{got:?}"
        );
    }

    #[test]
    fn a_naming_participle_before_another_participles_that() {
        let got = claims("Jane Roe went after Trump on Wednesday, calling it “disqualifying” and asserting that the only explanation is a bombshell.");
        assert_eq!(
            columns3(&got, 1, 2, 4),
            vec![
                ("participle", "it “disqualifying”", "Jane Roe"),
                (
                    "participle",
                    "that the only explanation is a bombshell",
                    "Jane Roe"
                ),
            ]
        );
    }

    #[test]
    fn portraying_names_its_object() {
        let got = claims("On Monday, Jane Roe tried to turn the tables, portraying Trita Parsi as hypocritical because he had accepted \"about $200,000\" from Wall Street firms.");
        assert_eq!(
            columns3(&got, 1, 2, 4),
            vec![(
                "participle",
                "Trita Parsi as hypocritical because he had accepted \"about $200,000\"",
                "Jane Roe"
            )]
        );
    }

    #[test]
    fn a_plural_noun_speaker_needs_a_quotation() {
        let got = claims("Border Patrol agents described the ground underneath the city as ''Swiss cheese.'' Tunnel engineers described the ground as soft.");
        assert_eq!(
            columns3(&got, 1, 2, 3),
            vec![(
                "cue_clause",
                "the ground underneath the city as ''Swiss cheese.''",
                "Border Patrol agents"
            )]
        );
    }

    #[test]
    fn talking_about_a_topic() {
        let got = claims("Jane Roe talked about continuing the “progress we had under President Obama” and her plans.");
        assert_eq!(
            columns3(&got, 1, 2, 4),
            vec![(
                "cue_clause",
                "continuing the “progress we had under President Obama” and her plans",
                "Jane Roe"
            )]
        );
    }

    #[test]
    fn a_speaker_before_a_one_word_aside() {
        let got = claims("Proponents of the new bill, however, say it would keep enough safeguards in place by having the department act as an “umpire.”");
        assert_eq!(
            columns3(&got, 1, 2, 3),
            vec![(
                "cue_clause",
                "it would keep enough safeguards in place by having the department act as an “umpire.”",
                "Proponents"
            )]
        );
    }

    #[test]
    fn adverbs_in_ly_coordinated_pronouns_and_quote_gaps() {
        let got = claims("The senator said he rarely asks surrogates, “except for people I am very close to.” At the mention of email she laughed and admitted “emails have been wonderful, although a curse.” Jane Roe said that once the Senate goes on recess, “I intend to do as much as I can.”");
        let short = columns2(&got, 1, 3);
        assert_eq!(
            short,
            vec![
                ("cue_clause", "The senator"),
                ("cue_then_quote", "she"),
                ("cue_clause", "Jane Roe")
            ]
        );
    }

    #[test]
    fn a_clause_stops_before_another_subjects_cue() {
        let got = claims("Jane Roe suggested that the plan failed, while Trita Parsi said that the “stakes are too high.”");
        let short = columns2(&got, 2, 3);
        assert_eq!(
            short,
            vec![
                ("that the plan failed", "Jane Roe"),
                ("that the “stakes are too high.”", "Trita Parsi")
            ]
        );
    }

    #[test]
    fn infinitive_content_and_a_refusal_then_a_claim() {
        let got = claims("Trump vowed to “bomb the hell” out of them. A spokesman declined to address the report but said in a statement that the firm did nothing wrong.");
        let short = columns3(&got, 0, 2, 3);
        assert_eq!(
            short,
            vec![
                ("mixed", "to “bomb the hell” out of them", "Trump"),
                ("declined", "to address the report", "A spokesman"),
                ("indirect", "that the firm did nothing wrong", "A spokesman"),
            ]
        );
    }

    #[test]
    fn tags_with_unlisted_verbs_and_after_more_words() {
        let got = claims("“France is no longer France,” Trump said.\n“France will always be France,” an angry Jane Roe retaliated.\n“You have got one candidate who is vying to be first” that is sexist, Bolton said.");
        let short = columns2(&got, 1, 3);
        assert_eq!(
            short,
            vec![
                ("quote_then_cue", "Trump"),
                ("quote_then_cue", "an angry Jane Roe"),
                ("quote_then_cue", "Bolton")
            ]
        );
    }

    #[test]
    fn long_speaker_phrases_between_quote_and_cue() {
        let got = claims("“There is tremendous energy in a whole host of races,” Rep. Jane Roe (D-Ore.) said. “China is equally concerned about what is going on,” the independent Vermont senator and Democratic presidential candidate told ABC. “Tritium would enable new designs,” Jeffrey Lewis of the James Martin Center for Nonproliferation Studies wrote.");
        let speakers: Vec<&str> = got.iter().map(|g| g.3.as_str()).collect();
        assert_eq!(
            speakers,
            vec![
                "Rep. Jane Roe",
                "the independent Vermont senator and Democratic presidential candidate",
                "Jeffrey Lewis of the James Martin Center for Nonproliferation Studies"
            ]
        );
    }

    #[test]
    fn a_name_given_after_as() {
        let got = claims("The listing was pulled before bidding on what Jane Roe described as a “piece of history.”");
        assert_eq!(
            (got[0].1.as_str(), got[0].2.as_str(), got[0].3.as_str()),
            ("cue_clause", "a “piece of history.”", "Jane Roe")
        );
    }

    #[test]
    fn participles_after_a_cue_and_pronouns_after_as() {
        let got = claims("Ryan and Trump will meet next week, Jane Roe said, adding, “They need to sit down and talk.” Jabbing her finger at an activist as she angrily said, “I am so sick of the campaign lying.”");
        let speakers = columns2(&got, 1, 3);
        assert_eq!(
            speakers,
            vec![
                ("clause_then_cue", "Jane Roe"),
                ("cue_then_quote", "Jane Roe"),
                ("cue_then_quote", "she")
            ]
        );
    }

    #[test]
    fn a_date_between_speaker_and_cue_and_a_title_before_a_late_cue() {
        let got = claims("Jane Roe, the senator, on Tuesday called Trump's remarks “racist.” ABC is axing its revival of “The Muppets,” and on Monday, CBS said it was canceling a show.");
        let short = columns2(&got, 1, 3);
        assert_eq!(
            short,
            vec![("cue_clause", "Jane Roe"), ("cue_clause", "CBS")]
        );
    }

    #[test]
    fn tags_with_a_name_holding_stop_words_or_a_cue_listed_for_clauses() {
        let got = claims("“But that was the first time in a long time,” CBS This Morning co-anchor Jane Roe said. “What was the massive pivot point to change him?” Bolton questioned.");
        let short = columns2(&got, 1, 3);
        assert_eq!(
            short,
            vec![
                ("quote_then_cue", "CBS This Morning co-anchor Jane Roe"),
                ("quote_then_cue", "Bolton")
            ]
        );
    }

    #[test]
    fn a_speaker_and_cue_sentence_after_a_full_stop_quote() {
        let got = claims("“Russia, if you are listening, I hope you find the emails.” Trump said.");
        assert_eq!(
            (got[0].1.as_str(), got[0].3.as_str()),
            ("quote_then_cue", "Trump")
        );
    }

    #[test]
    fn a_sentence_of_speaker_and_cue_tags_the_next_quote() {
        let got = claims("Jane Roe agreed. “Mainstream Republicans are running out of time.”");
        assert_eq!(
            (got[0].1.as_str(), got[0].3.as_str()),
            ("cue_then_quote", "Jane Roe")
        );
    }

    #[test]
    fn speakers_after_openings_parentheses_and_but() {
        let short = |text: &str| -> Vec<(String, String)> {
            claims(text)
                .into_iter()
                .map(|g| (g.1, g.3))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            short("Asked on Monday whether he would run, Jane Roe shook her head and said, “No, that is not so.”"),
            vec![
                ("asked".into(), String::new()),
                ("cue_then_quote".into(), "Jane Roe".into())
            ]
        );
        assert_eq!(
            short("On Tuesday in Berea, OH, after winning, Gov. John Kasich (R-OH), said, “We will rent a covered wagon.”"),
            vec![("cue_then_quote".into(), "Gov. John Kasich".into())]
        );
        assert_eq!(
            short("Jane Roe said the members will meet, but said, “It is time we change how we do it.”"),
            vec![
                ("cue_clause".into(), "Jane Roe".into()),
                ("cue_then_quote".into(), "Jane Roe".into())
            ]
        );
        assert_eq!(
            short("“It also would have improved the situation,” the White House press secretary, Josh Earnest, said."),
            vec![("quote_then_cue".into(), "the White House press secretary".into())]
        );
    }

    #[test]
    fn participle_after_a_quote_of_two_sentences() {
        let got =
            claims("“Let’s say they win. Let’s see,” Trump said, adding that the odds were good.");
        let short = columns2(&got, 1, 4);
        assert_eq!(
            short,
            vec![
                ("quote_then_cue", "Donald Trump"),
                ("participle", "Donald Trump")
            ]
        );
    }

    #[test]
    fn citing_after_a_quote_tag_names_no_source() {
        let got = claims("“It is a reflection of anger,” Trump said, citing low economic growth.");
        assert_eq!(
            (got[0].1.as_str(), got[0].4.as_str()),
            ("quote_then_cue", "Donald Trump")
        );
    }

    #[test]
    fn a_quote_closed_by_a_full_stop_is_not_tagged_by_the_next_sentence() {
        let got = claims(
            "Trita Parsi spoke first. “We are ready to talk,” he said. “We feel good about it.” Trump noted a rally in Iowa.",
        );
        assert_eq!(
            (got[1].1.as_str(), got[1].4.as_str()),
            ("quote_continuation", "Trita Parsi")
        );
    }

    #[test]
    fn continuation_in_the_same_and_next_paragraph() {
        let got = claims(
            "“They rejected him,” Parsi said. “It left Trump in a bind.”\n“And it still does today, sadly.”\n“Multi-paragraph quote starts here.\n“And ends here,” Bolton said.",
        );
        let rules = columns2(&got, 1, 4);
        assert_eq!(
            rules,
            vec![
                ("quote_then_cue", "Parsi"),
                ("quote_continuation", "Parsi"),
                ("quote_continuation", "Parsi"),
                ("quote_continuation", "Parsi"),
                ("quote_then_cue", "Bolton"),
            ]
        );
    }

    #[test]
    fn scare_quotes_and_titles_are_not_claims() {
        assert!(claims(
            "The so-called “maximum pressure” strategy failed. The book “War and Peace” sold well."
        )
        .is_empty());
        assert!(claims("It was a 'success' and an 'Iran war' of sorts.").is_empty());
    }

    #[test]
    fn cue_clause_indirect_and_mixed() {
        let got = claims("Trita Parsi argued that Iran may view this as a chance. John Bolton said the plan was “dead on arrival” in Congress.");
        assert_eq!(
            got,
            vec![
                row(
                    "indirect",
                    "cue_clause",
                    "that Iran may view this as a chance",
                    "Trita Parsi",
                    "Trita Parsi",
                    "person"
                ),
                row(
                    "mixed",
                    "cue_clause",
                    "the plan was “dead on arrival” in Congress",
                    "John Bolton",
                    "John Bolton",
                    "person"
                ),
            ]
        );
    }

    #[test]
    fn cue_clause_group_belief_and_appositive_speaker() {
        let got = claims("U.S. officials believe that Tehran holds sway. Trita Parsi, co-founder of a think tank, cautioned that talks may stall.");
        assert_eq!(got[0].3, "U.S. officials");
        assert_eq!(got[0].5, "group");
        assert_eq!(got[1].4, "Trita Parsi");
        assert_eq!(got[1].2, "that talks may stall");
    }

    #[test]
    fn clause_then_cue_final_inverted_and_parenthetical() {
        let got = claims("The economy is slowing, analysts said. Prices will rise, said Jane Roe, an economist. The plan, he said, is dead.");
        let short = columns3(&got, 1, 2, 3);
        assert_eq!(
            short,
            vec![
                ("clause_then_cue", "The economy is slowing", "analysts"),
                ("clause_then_cue", "Prices will rise", "Jane Roe"),
                ("clause_then_cue", "The plan, he said, is dead", "he"),
            ]
        );
    }

    #[test]
    fn appositive_speaker_before_a_bare_clause_and_elided_subject() {
        let got = claims("Frank Luntz, a Republican expert on messaging, said Mr. Cameron had failed to connect. Ryan was quick to embrace him and said this week that Trump is competitive. The economy is slowing, said Jane Roe yesterday.");
        let short = columns2(&got, 2, 3);
        assert_eq!(
            short,
            vec![
                ("Mr. Cameron had failed to connect", "Frank Luntz"),
                ("that Trump is competitive", "Ryan"),
                ("The economy is slowing", "Jane Roe"),
            ]
        );
    }

    #[test]
    fn a_quote_tag_reported_by_another_source() {
        let got = claims("“Delegates should vote the way they see fit,” Walker said, according to an Associated Press account.");
        assert_eq!(got.len(), 1);
        assert!(got[0].3.starts_with("an Associated Press"), "{got:?}");
    }

    #[test]
    fn participle_takes_the_sentence_subject() {
        let got = claims("Former President Donald Trump sought a meeting, asserting that Iran has already agreed to stop, and declaring victory.");
        assert_eq!(
            got[1],
            row(
                "indirect",
                "participle",
                "that Iran has already agreed to stop",
                "Former President Donald Trump",
                "Donald Trump",
                "person"
            )
        );
    }

    #[test]
    fn according_to_at_start_middle_and_end() {
        let got = claims("According to The New York Times, the talks failed. Iranian officials, according to the report, framed it as a gesture. The vote was close, according to Reuters.");
        let short = columns3(&got, 2, 3, 5);
        assert_eq!(
            short,
            vec![
                ("the talks failed", "The New York Times", "organization"),
                (
                    "Iranian officials, according to the report, framed it as a gesture",
                    "the report",
                    "organization"
                ),
                // Not in the test gazetteer, and no given name or surname: its kind is unknown.
                ("The vote was close", "Reuters", "unresolved"),
            ]
        );
    }

    #[test]
    fn a_cue_in_an_opening_subordinate_clause_stops_at_its_comma() {
        let got = claims("Although in September she said the decision was a mistake, at the town hall this week Hillary Clinton said she did not regret it.");
        assert_eq!(
            columns3(&got, 1, 2, 3),
            vec![
                ("cue_clause", "the decision was a mistake", "she"),
                ("cue_clause", "she did not regret it", "Hillary Clinton"),
            ]
        );
    }

    #[test]
    fn a_relative_clause_ends_at_the_comma_before_the_main_verb() {
        let got = claims("Lindsey Graham, who says the allies should contribute troops, tweeted that the strategy is weak.");
        assert_eq!(
            columns3(&got, 2, 3, 4),
            vec![
                (
                    "the allies should contribute troops",
                    "who",
                    "Lindsey Graham"
                ),
                (
                    "that the strategy is weak",
                    "Lindsey Graham",
                    "Lindsey Graham"
                ),
            ]
        );
    }

    #[test]
    fn a_loose_speaker_phrase_may_end_with_an_appositive() {
        let got = claims("The ruling came down. “We can only wonder if the intent is to reopen the door,” state Senate leader Phil Berger and House Speaker Tim Moore, both Republicans, said in a statement.");
        assert_eq!(
            columns3(&got, 1, 2, 3),
            vec![(
                "quote_then_cue",
                "We can only wonder if the intent is to reopen the door",
                "state Senate leader Phil Berger and House Speaker Tim Moore"
            )]
        );
    }

    #[test]
    fn a_tag_after_a_question_may_go_on_after_a_comma() {
        let got = claims(
            "Kelly smiled. “You know, it happens, right?” Trump went on, as if he didn’t hear her.",
        );
        assert_eq!(
            columns3(&got, 1, 2, 3),
            vec![("quote_then_cue", "You know, it happens, right?", "Trump")]
        );
    }

    #[test]
    fn a_reported_clause_closed_by_a_tag_is_the_tag_speakers() {
        let got = claims("The witness said the order was meant to “avoid effecting the outcome of the confirmation,” according to the records. During the investigation, Manafort acknowledged that the work he performed could be termed influence peddling, The Washington Post reported in 1991.");
        assert_eq!(
            columns2(&got, 1, 3),
            vec![
                ("cue_clause", "the records"),
                ("cue_clause", "The Washington Post")
            ]
        );
    }

    #[test]
    fn what_he_calls_is_the_sentence_subjects() {
        let got = claims(
            "Ted Cruz has railed against what he calls the “Washington cartel” in every speech.",
        );
        assert_eq!(
            columns3(&got, 1, 2, 3),
            vec![(
                "cue_clause",
                "what he calls the “Washington cartel”",
                "Ted Cruz"
            )]
        );
    }

    #[test]
    fn reported_clause_closed_by_according_to_is_the_account() {
        let got = claims("Trump said the plan was dead, according to two people briefed on the talks. Most voters said the economy mattered, according to exit polls conducted by Edison.");
        assert_eq!(
            columns3(&got, 1, 2, 3),
            vec![
                ("cue_clause", "the plan was dead", "two people briefed"),
                ("cue_clause", "the economy mattered", "exit polls conducted"),
            ]
        );
    }

    #[test]
    fn cue_words_used_as_nouns_or_adjectives_are_not_cues() {
        assert!(claims("Trump's stated desire to meet him represents a shift.").is_empty());
        assert!(claims("The said document and news reports said nothing new at all.").len() <= 1);
    }

    #[test]
    fn declined_to_comment() {
        let got = claims("A spokesman for the campaign declined to comment. Trump spokesperson Steven Cheung did not respond to a request for comment.");
        assert_eq!(got[0].0, "declined");
        assert_eq!(
            (got[0].2.as_str(), got[0].3.as_str()),
            ("to comment", "A spokesman")
        );
        assert_eq!(got[1].0, "declined");
        assert_eq!(got[1].3, "Trump spokesperson Steven Cheung");
    }

    #[test]
    fn anonymous_sources_and_relative_speakers() {
        let got = claims("“They can try,” said a former official, who spoke on the condition of anonymity. Trita Parsi, who said that talks were over, left.");
        assert_eq!(got[0].5, "anonymous");
        assert_eq!(got[0].3, "a former official");
        assert_eq!(
            (got[1].3.as_str(), got[1].4.as_str()),
            ("who", "Trita Parsi")
        );
    }

    #[test]
    fn unbalanced_quotes_warn_and_never_panic() {
        let gaz = sample();
        for text in [
            "“",
            "”",
            "\"",
            "''",
            "He said “",
            "“A\n“B",
            "said",
            ", said",
            "according to",
            "\n\n“x”\n",
        ] {
            analyze(Document::from_text("t".into(), "t".into(), text), &gaz);
        }
        let a = analyze(
            Document::from_text("t".into(), "t".into(), "Parsi said “it is over.\nNext."),
            &gaz,
        );
        assert_eq!(a.doc.status, crate::corpus::Status::Warning);
        assert!(a.doc.reasons[0].starts_with("unbalanced quotation mark at char 11"));
    }
}
