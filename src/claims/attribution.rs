//! The rule engine: offers the quotes, cues and paragraphs of each sentence to the attribution
//! rules ([`super::rules`]) and decides between what they propose.
//!
//! **Conflict policy.** One pass over the sentences in order. In each sentence the engine visits, in
//! this order: the sentence itself when it opens a paragraph, each quote opening in it, each cue of
//! it that no claim has used yet, each noun cue, and each of its quotes that no claim holds yet (the
//! [`Trigger`](super::rules::Trigger)s of the rule table, in table order). Each is offered to the rules of its trigger in
//! precedence order (the order of [`super::rules::RULES`]); the first rule that does not pass
//! decides: it proposes a claim, continues or extends an earlier claim, or takes the item without a
//! claim (a cue of the `decline` frame with no speaker is still nobody else's). An accepted claim
//! uses up its cues, so no later item or rule gets them. Two more checks belong to the policy, not
//! to any rule: a quote opening inside the content of the latest claim is part of that claim and is
//! not offered, and a cue inside the content of one of the last few claims is offered only to the
//! rules that apply to nested cues (`label`). Rules only read the engine; every change of state
//! (claims, used cues, the last speakers for pronoun resolution) happens here, in
//! `Engine::accept`.
//!
//! A quote no rule claims (a scare quote, a title) is not a claim. Speakers that are pronouns
//! ("he"), relatives ("who") or definite role nouns ("the official") resolve to an earlier speaker.

use super::cues::{Cue, CueClass, Frame, CUES};
use super::function_words::{WordClass, FUNCTION_WORDS};
use super::quotes::{is_clause, Quote};
use super::rules::{self, Apply, Rule, RuleDef, RULES};
use super::speaker::{self, Phrase, Role};
use super::tokens::{possessive_stem, Tok, Tokens};
use super::{Claim, ClaimKind, SpeakerType};
use crate::entity::DocEntities;
use crate::mentions::Mention;
use crate::sentences::Sentence;
use std::cell::OnceCell;
use std::ops::Range;

/// A cue found in the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    /// First token.
    pub first: usize,
    /// Last token (inclusive).
    pub last: usize,
    /// The lexicon entry.
    pub cue: &'static Cue,
    /// Already the cue of a claim.
    pub used: bool,
}

/// A speaker as found: its phrase span, the name it resolves to, entity and type.
#[derive(Debug, Clone)]
pub(crate) struct Speaker {
    /// The speaker's own words here ("he", "Parsi").
    pub span: Range<usize>,
    /// The phrase that names the speaker (a pronoun's antecedent, else `span`).
    pub name: Range<usize>,
    /// The entity the speaker resolves to.
    pub entity: Option<u32>,
    /// What kind of source it is.
    pub ty: SpeakerType,
}

/// A claim a rule proposes; the engine fills in the rule, sentence, confidence and mentions.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    /// Direct, mixed, indirect or declined.
    pub kind: ClaimKind,
    /// The content's bytes.
    pub content: Range<usize>,
    /// The speaker, if any.
    pub speaker: Option<Speaker>,
    /// The cue's bytes and lemma, if any.
    pub cue: Option<(Range<usize>, &'static str)>,
    /// Cue hits the claim uses up: its own cue's, and one it absorbs ("…,” Walker said, according
    /// to an AP account").
    pub uses: [Option<usize>; 2],
}

impl Candidate {
    /// A claim whose cue is hit `h`, which it uses up.
    pub fn with_hit(
        e: &Engine<'_>,
        kind: ClaimKind,
        content: Range<usize>,
        speaker: Option<Speaker>,
        h: usize,
    ) -> Candidate {
        let hit = &e.hits[h];
        Candidate {
            kind,
            content,
            speaker,
            cue: Some((e.bytes(hit.first, hit.last), hit.cue.lemma.as_str())),
            uses: [Some(h), None],
        }
    }

    /// A claim whose cue is no lexicon hit (a colon, a dash, an unlisted verb), or has none.
    pub fn with_cue(
        kind: ClaimKind,
        content: Range<usize>,
        speaker: Option<Speaker>,
        cue: Option<(Range<usize>, &'static str)>,
    ) -> Candidate {
        Candidate {
            kind,
            content,
            speaker,
            cue,
            uses: [None, None],
        }
    }
}

/// What a rule makes of what it is offered.
#[derive(Debug, Clone)]
pub(crate) enum Outcome {
    /// The rule does not apply; the next rule is tried.
    Pass,
    /// The rule applies but finds no claim; no later rule is tried.
    Taken,
    /// A new claim.
    Claim(Candidate),
    /// The same speaker's words go on: a copy of claim `claim` (its speaker and cue) with this
    /// content.
    Continues {
        /// Index of the claim continued.
        claim: usize,
        /// The new content.
        content: Range<usize>,
    },
    /// Claim `claim`'s content now ends at byte `end` (a fragment joined to it).
    Extends {
        /// Index of the claim extended.
        claim: usize,
        /// The content's new end.
        end: usize,
    },
}

/// A quote offered to the quote rules, with what they all ask of it.
#[derive(Debug, Clone)]
pub(crate) struct QuoteSlot {
    /// Index of the quote.
    pub qi: usize,
    /// Sentence the quote opens in.
    pub si: usize,
    /// The quote's opening mark's token.
    pub open_tok: usize,
    /// The first token after the quote.
    pub close_tok: usize,
    /// The sentence the quote closes in (at least `si`).
    pub close_sentence: usize,
    /// The quoted words.
    pub content: Range<usize>,
    /// Whether the quote is a clause rather than a scare quote ([`is_clause`]).
    pub clause: bool,
}

impl QuoteSlot {
    /// A direct claim of the quoted words by `sp`, whose cue is hit `h`.
    pub fn direct_with_hit(&self, e: &Engine<'_>, sp: Speaker, h: usize) -> Candidate {
        Candidate::with_hit(e, ClaimKind::Direct, self.content.clone(), Some(sp), h)
    }

    /// A direct claim of the quoted words by `sp`, whose cue is token `t` (a colon, a dash), read
    /// as `lemma`.
    pub fn direct_with_token(
        &self,
        e: &Engine<'_>,
        sp: Speaker,
        t: usize,
        lemma: &'static str,
    ) -> Outcome {
        let cue = (e.bytes(t, t), lemma);
        let c = Candidate::with_cue(ClaimKind::Direct, self.content.clone(), Some(sp), Some(cue));
        Outcome::Claim(c)
    }
}

/// A cue offered to the cue rules. The speaker and clause of reported speech, which several rules
/// ask for, are found once.
#[derive(Debug)]
pub(crate) struct CueSlot {
    /// Index of the hit.
    pub h: usize,
    /// Its sentence.
    pub si: usize,
    /// The hit.
    pub hit: Hit,
    /// Whether it lies inside an earlier claim's content.
    pub nested: bool,
    /// The speaker of reported speech ([`Engine::reported_speaker`]).
    pub(crate) speaker: OnceCell<Option<Speaker>>,
    /// The reported clause after the cue ([`Engine::clause_after`]).
    pub(crate) clause: OnceCell<Option<Range<usize>>>,
}

impl CueSlot {
    /// The reported clause after the cue, found once.
    pub fn clause_after(&self, e: &Engine<'_>) -> Option<Range<usize>> {
        self.clause
            .get_or_init(|| e.clause_after(self.h, self.si))
            .clone()
    }

    /// The speaker of reported speech at this cue, found once.
    pub fn reported_speaker(&self, e: &Engine<'_>) -> Option<Speaker> {
        self.speaker
            .get_or_init(|| e.reported_speaker(self))
            .clone()
    }
}

/// The rule engine over one document.
pub struct Engine<'a> {
    pub(crate) text: &'a str,
    pub(crate) sentences: &'a [Sentence],
    pub(crate) toks: &'a [Tok],
    pub(crate) sent_toks: &'a [Range<usize>],
    pub(crate) mentions: &'a [Mention],
    pub(crate) entities: DocEntities<'a>,
    pub(crate) quotes: &'a [Quote],
    /// For each token, whether it lies inside a quote (marks included).
    pub(crate) quoted: Vec<bool>,
    pub(crate) hits: Vec<Hit>,
    /// Noun cues after a possessive ("her claim that"), kept apart from the verb cues.
    pub(crate) nouns: Vec<Hit>,
    pub(crate) claims: Vec<Claim>,
    /// Most recent named person speaker and its paragraph, for pronoun resolution.
    pub(crate) last_person: Option<(Speaker, u32)>,
    /// Most recent group or organisation speaker and its paragraph, for "they".
    pub(crate) last_group: Option<(Speaker, u32)>,
}

/// How many of the latest claims a cue is checked against for nesting (claims are accepted
/// sentence by sentence, so only the last few can hold a cue).
const NESTING_REACH: usize = 4;

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
            .filter(|(h, keep)| !**keep && rules::noun_cue::is_noun_use(text, toks, h))
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

    /// Applies the rules to every sentence (see the module's conflict policy); returns the claims
    /// ordered by content start.
    pub fn run(mut self) -> Vec<Claim> {
        let mut q = 0;
        for si in 0..self.sentences.len() {
            let s = self.sentences[si];
            if self.opens_paragraph(si) {
                self.offer_paragraph(si);
            }
            while q < self.quotes.len() && self.quotes[q].open < s.start {
                q += 1;
            }
            let first_quote = q;
            while q < self.quotes.len() && self.quotes[q].open < s.end {
                self.offer_quote(q, si);
                q += 1;
            }
            let r = self.sent_toks[si].clone();
            let lo = self.hits.partition_point(|h| h.first < r.start);
            let hi = self.hits.partition_point(|h| h.first < r.end);
            for h in lo..hi {
                if !self.hits[h].used {
                    self.offer_cue(h, si);
                }
            }
            let lo = self.nouns.partition_point(|h| h.first < r.start);
            let hi = self.nouns.partition_point(|h| h.first < r.end);
            for k in lo..hi {
                if !self.nested(&self.nouns[k]) {
                    self.offer_noun(k, si);
                }
            }
            for qi in first_quote..q {
                if !self.covered(&self.quotes[qi].inner) {
                    self.offer_leftover(qi, si);
                }
            }
        }
        let mut claims = self.claims;
        claims.sort_by_key(|c| (c.content.start, c.content.end));
        claims
    }

    // ---- the conflict policy -------------------------------------------------------------------

    /// The first rule of `rules` (in table order) that does not pass, and its outcome.
    fn first_decision(
        rules: impl Iterator<Item = (&'static RuleDef, Outcome)>,
    ) -> Option<(Rule, Outcome)> {
        rules
            .filter(|(_, o)| !matches!(o, Outcome::Pass))
            .map(|(d, o)| (d.rule, o))
            .next()
    }

    /// Offers sentence `si`, the first of its paragraph, to the paragraph rules.
    fn offer_paragraph(&mut self, si: usize) {
        let decision = Self::first_decision(RULES.iter().filter_map(|d| match d.apply {
            Apply::Paragraph(f) => Some((d, f(self, si))),
            _ => None,
        }));
        if let Some((rule, outcome)) = decision {
            self.accept(rule, outcome, si);
        }
    }

    /// Offers quote `qi`, opening in sentence `si`, to the quote rules, unless it opens inside the
    /// latest claim's content (a mixed claim's quotation).
    fn offer_quote(&mut self, qi: usize, si: usize) {
        let q = &self.quotes[qi];
        if self.claims.last().is_some_and(|c| c.content.end > q.open) {
            return;
        }
        let slot = QuoteSlot {
            qi,
            si,
            open_tok: self.tok_at(q.open),
            close_tok: self.tok_at(q.close),
            close_sentence: self.sentence_of(q.close.saturating_sub(1)).max(si),
            content: q.inner.clone(),
            clause: is_clause(self.text, q),
        };
        let decision = Self::first_decision(RULES.iter().filter_map(|d| match d.apply {
            Apply::Quote(f) => Some((d, f(self, &slot))),
            _ => None,
        }));
        if let Some((rule, outcome)) = decision {
            self.accept(rule, outcome, si);
        }
    }

    /// Offers unused cue `h` of sentence `si` to the cue rules; a cue inside an earlier claim's
    /// content only to those that take nested cues.
    fn offer_cue(&mut self, h: usize, si: usize) {
        let hit = self.hits[h];
        let slot = CueSlot {
            h,
            si,
            hit,
            nested: self.nested(&hit),
            speaker: OnceCell::new(),
            clause: OnceCell::new(),
        };
        let decision = Self::first_decision(RULES.iter().filter_map(|d| match d.apply {
            Apply::AnyCue(f) => Some((d, f(self, &slot))),
            Apply::Cue(f) if !slot.nested => Some((d, f(self, &slot))),
            _ => None,
        }));
        if let Some((rule, outcome)) = decision {
            self.accept(rule, outcome, si);
        }
    }

    /// Offers noun cue `k` of sentence `si` to the noun cue rules.
    fn offer_noun(&mut self, k: usize, si: usize) {
        let hit = self.nouns[k];
        let decision = Self::first_decision(RULES.iter().filter_map(|d| match d.apply {
            Apply::NounCue(f) => Some((d, f(self, &hit, si))),
            _ => None,
        }));
        if let Some((rule, outcome)) = decision {
            self.accept(rule, outcome, si);
        }
    }

    /// Offers quote `qi` of sentence `si`, which no claim holds, to the rules for unclaimed quotes.
    fn offer_leftover(&mut self, qi: usize, si: usize) {
        let decision = Self::first_decision(RULES.iter().filter_map(|d| match d.apply {
            Apply::LeftoverQuote(f) => Some((d, f(self, qi, si))),
            _ => None,
        }));
        if let Some((rule, outcome)) = decision {
            self.accept(rule, outcome, si);
        }
    }

    /// Carries out `rule`'s decision on an item of sentence `si`: the only place where claims are
    /// added or changed and cues used up.
    fn accept(&mut self, rule: Rule, outcome: Outcome, si: usize) {
        match outcome {
            Outcome::Pass | Outcome::Taken => {}
            Outcome::Claim(c) => {
                for h in c.uses.into_iter().flatten() {
                    self.hits[h].used = true;
                }
                self.push(rule, c, si);
            }
            Outcome::Continues { claim, content } => {
                let mut c = self.claims[claim].clone();
                c.mentions = self.mentions_in(&content);
                c.content = content;
                c.kind = ClaimKind::Direct;
                c.rule = rule;
                c.confidence = rule.confidence();
                c.sentence = si;
                self.claims.push(c);
            }
            Outcome::Extends { claim, end } => {
                let content = self.claims[claim].content.start..end;
                self.claims[claim].mentions = self.mentions_in(&content);
                self.claims[claim].content = content;
            }
        }
    }

    /// Adds a claim of `rule` in sentence `si`, and remembers a named speaker for the pronouns
    /// after it.
    fn push(&mut self, rule: Rule, c: Candidate, si: usize) {
        let para = self.paragraph(si);
        if let Some(s) = &c.speaker {
            let named = s.name != s.span
                || !matches!(
                    self.role(self.tok_at(s.span.start)),
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
        let sp = c.speaker;
        let unresolved = sp.as_ref().is_none_or(|s| s.ty == SpeakerType::Unresolved);
        let confidence = rule.confidence();
        let mentions = self.mentions_in(&c.content);
        self.claims.push(Claim {
            kind: c.kind,
            content: c.content,
            speaker: sp.as_ref().map(|s| s.span.clone()),
            speaker_name: sp.as_ref().map(|s| s.name.clone()),
            speaker_entity: sp.as_ref().and_then(|s| s.entity),
            speaker_type: sp.map_or(SpeakerType::Unresolved, |s| s.ty),
            cue_lemma: c.cue.as_ref().map_or("", |c| c.1),
            cue: c.cue.map(|c| c.0),
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

    /// Whether cue `hit` lies inside the content of an earlier claim: in "Trump said that he
    /// believed X" or "Sanders said an effort that Obama said would fail is wrong", the inner cue is
    /// part of what was reported. News annotation (PolNeAR) rarely takes such a cue for an
    /// attribution of its own: on its train split, nine in ten were spurious.
    fn nested(&self, hit: &Hit) -> bool {
        let at = self.toks[hit.first].start;
        self.claims
            .iter()
            .rev()
            .take(NESTING_REACH)
            .any(|c| c.content.start <= at && at < c.content.end)
    }

    /// Whether a claim already holds part of `inner` (claims are pushed sentence by sentence, so
    /// only the last few can).
    pub(crate) fn covered(&self, inner: &Range<usize>) -> bool {
        self.claims
            .iter()
            .rev()
            .take(8)
            .any(|c| c.content.start < inner.end && inner.start < c.content.end)
    }

    /// Whether hit `h` is still free: no accepted claim has used it.
    pub(crate) fn unused(&self, h: usize) -> bool {
        !self.hits[h].used
    }

    /// The latest quote claim (direct or mixed), when only claims of its own sentence came after
    /// it: in “…,” Johnson said, referring to a town hall where he declined to comment, the quote
    /// is still the turn a next quote continues.
    pub(crate) fn last_quote_claim(&self) -> Option<usize> {
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

    /// The mentions (indices) that start inside byte range `r`.
    pub(crate) fn mentions_in(&self, r: &Range<usize>) -> Range<usize> {
        let a = self.mentions.partition_point(|m| m.start < r.start);
        let b = self.mentions.partition_point(|m| m.start < r.end);
        a..b.max(a)
    }

    // ---- token access: how rules read tokens ---------------------------------------------------

    /// The text of token `t`.
    pub(crate) fn word(&self, t: usize) -> &'a str {
        &self.text[self.toks[t].range()]
    }

    /// Whether token `t` is a word (not punctuation).
    pub(crate) fn is_word(&self, t: usize) -> bool {
        self.toks[t].word
    }

    /// Whether token `t` is punctuation starting with one of `chars`; false past the last token
    /// (rules look one or two tokens past a cue, which may end the document).
    pub(crate) fn is_punct(&self, t: usize, chars: &[char]) -> bool {
        self.toks
            .get(t)
            .is_some_and(|tok| !tok.word && self.text[tok.range()].starts_with(chars))
    }

    /// Whether token `t`, as written, is in function-word class `class`
    /// (`lexicons/function_words/`).
    #[inline(always)]
    pub(crate) fn word_in(&self, t: usize, class: WordClass) -> bool {
        let tok = &self.toks[t];
        FUNCTION_WORDS.is_bytes(&self.text.as_bytes()[tok.start..tok.end], class)
    }

    /// The speaker-phrase role of token `t` (`lexicons/speakers.tsv`), if its word has one.
    pub(crate) fn role(&self, t: usize) -> Option<Role> {
        speaker::role(self.text, &self.toks[t])
    }

    /// Whether token `t` is an adverb that may stand between a speaker and its cue.
    pub(crate) fn is_adverb(&self, t: usize) -> bool {
        speaker::is_adverb(self.text, self.toks, t)
    }

    /// The speaker phrase ending just before token `end`, not reaching before `floor`.
    pub(crate) fn phrase_before(&self, end: usize, floor: usize) -> Option<Phrase> {
        speaker::before(self.text, self.toks, end, floor)
    }

    /// The speaker phrase starting at token `start`, ending before `ceil`.
    pub(crate) fn phrase_after(&self, start: usize, ceil: usize) -> Option<Phrase> {
        speaker::after(self.text, self.toks, start, ceil)
    }

    /// Index of the first token starting at or after byte `b`.
    pub(crate) fn tok_at(&self, b: usize) -> usize {
        self.toks.partition_point(|t| t.start < b)
    }

    /// The bytes of tokens `first..=last`.
    pub(crate) fn bytes(&self, first: usize, last: usize) -> Range<usize> {
        self.toks[first].start..self.toks[last].end
    }

    /// Index of the sentence containing byte `b` (or the last one before it).
    pub(crate) fn sentence_of(&self, b: usize) -> usize {
        self.sentences
            .partition_point(|s| s.end <= b)
            .min(self.sentences.len().saturating_sub(1))
    }

    /// The cue hit starting at token `t`, if any.
    pub(crate) fn hit_at(&self, t: usize) -> Option<usize> {
        let k = self.hits.partition_point(|h| h.first < t);
        (k < self.hits.len() && self.hits[k].first == t).then_some(k)
    }

    /// The paragraph of sentence `si`.
    pub(crate) fn paragraph(&self, si: usize) -> u32 {
        self.sentences[si].paragraph
    }

    /// Whether a sentence follows sentence `si` in the same paragraph.
    pub(crate) fn paragraph_goes_on(&self, si: usize) -> bool {
        self.sentences
            .get(si + 1)
            .is_some_and(|n| n.paragraph == self.paragraph(si))
    }

    /// Whether sentence `si` is the first of its paragraph.
    pub(crate) fn opens_paragraph(&self, si: usize) -> bool {
        si == 0 || !self.paragraph_goes_on(si - 1)
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
                ("cue_clause", "six"),
                ("cue_clause", "Jane Roe")
            ]
        );
    }

    #[test]
    fn every_group_determiner_of_the_lexicon_stands_for_its_speakers() {
        for n in ["five", "six", "ten"] {
            let got = claims(&format!(
                "Of the voters polled, {n} said that the economy mattered most."
            ));
            assert_eq!(columns2(&got, 3, 5), vec![(n, "group")], "{n}");
        }
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
