//! What the reported-speech rules (`participle`, `cue_clause`, `clause_then_cue`) share: the
//! speaker of a cue without quote marks, and the claim of the clause after it, which another
//! source's tag closing the sentence may take over.

use crate::claims::attribution::{Candidate, CueSlot, Engine, Hit, Outcome, Speaker};
use crate::claims::cues::{CueClass, Frame};
use crate::claims::function_words::WordClass as W;
use crate::claims::quotes::has_quote_mark;
use crate::claims::speaker::{self, Role};
use crate::claims::SpeakerType;
use std::ops::Range;

impl Engine<'_> {
    /// The speaker of reported speech at cue `s`, or None when the cue reports nothing by itself:
    /// "X said in a statement:" introduces the quote that follows; and without quote marks as
    /// evidence, the speaker must look like one: a name, a pronoun or a known speaker noun ("adds
    /// layers of complexity" is not speech). A plural noun is one before a speech cue that may
    /// also close a sentence as its tag (`final`) when the clause after it opens as a clause ("Cement
    /// makers argued that …", "Her campaign workers said they …"); before any other cue, only with a quotation in the clause as that
    /// evidence ("Border Patrol agents described the ground as ''Swiss cheese''"). An evidence
    /// cue's speaker is a document heading its subject when there is one ("A poll released Sunday
    /// by The Washington Post and ABC News shows …" is the poll's, not ABC News's).
    pub(crate) fn reported_speaker(&self, s: &CueSlot) -> Option<Speaker> {
        let (si, cue) = (s.si, s.hit.cue);
        let r = self.sent_toks[si].clone();
        let quote_next = r.end < self.toks.len() && self.quoted[r.end];
        if cue.has(Frame::Quote) && quote_next && !r.is_empty() && self.is_punct(r.end - 1, &[':'])
        {
            return None;
        }
        // "A poll released Sunday by The Washington Post and ABC News shows …": an evidence cue's
        // speaker is the document heading a long subject, not the name closest to the cue.
        if cue.has(Frame::Evidence) {
            if let Some(d) = s
                .head_subject(self)
                .filter(|d| d.ty == SpeakerType::Document)
            {
                return Some(d);
            }
        }
        s.subject(self)
            .filter(|sp| {
                self.known_speaker(sp)
                    || self.plural_noun(sp)
                        && s.clause_after(self).is_some_and(|c| {
                            self.holds_quote(&self.bytes(c.start, c.end - 1))
                                || cue.class == CueClass::Speech
                                    && cue.has(Frame::Final)
                                    && self.opens_clause(&c, r.end)
                        })
            })
            .or_else(|| s.head_subject(self))
    }

    /// Whether the cue at token `first` of sentence `si` is negated: a word of
    /// `lexicons/negations.txt` or a negated auxiliary ("wasn't") among the auxiliaries, forms
    /// of "be" and adverbs right before it ("was not aware", "has never been aware").
    fn negated(&self, first: usize, si: usize) -> bool {
        let floor = self.sent_toks[si].start;
        (floor..first)
            .rev()
            .take_while(|&t| {
                self.is_adverb(t)
                    || self.word_in(t, W::BeForm)
                    || self.word_in(t, W::FiniteAuxiliary)
            })
            .any(|t| {
                speaker::is_negation(self.word(t))
                    || speaker::negative_contraction(self.text, &self.toks[t])
            })
    }

    /// Whether `content` (tokens, ending before token `end`) opens as a clause: with "that", or with its
    /// subject and a finite verb ("they had been busy"), not a noun phrase ("layers of
    /// complexity").
    fn opens_clause(&self, content: &Range<usize>, end: usize) -> bool {
        let t = content.start;
        self.word_in(t, W::Complementizer)
            || self
                .phrase_after(t, end)
                .is_some_and(|p| p.first == t && self.subject_of_clause(p, end))
    }

    /// [`Engine::reported_clause`] as a rule's outcome: its claim, or a pass without one. The
    /// candidate is built where the outcome is, not moved into it after.
    pub(crate) fn reported_claim(&self, s: &CueSlot) -> Outcome {
        match self.reported_clause(s) {
            Some(c) => Outcome::Claim(c),
            None => Outcome::Pass,
        }
    }

    /// The claim of the reported clause after cue `s` ([`Engine::clause_after`]), unless its
    /// speaker comes after it ("…, said X"), it is a parenthetical ("A, he said, B") or a claim
    /// already holds part of it ("Trump said: “…,” the Times reported" is another source's
    /// account). A closing ", according to Z" or ", Z reported" makes it Z's: the claim of the
    /// whole clause before the tag, with the tag's cue ([`Engine::account_start`]), both cues
    /// used up.
    #[inline(always)]
    fn reported_clause(&self, s: &CueSlot) -> Option<Candidate> {
        let (h, si, hit) = (s.h, s.si, s.hit);
        // "Smith was not aware that …": a negated factive cue reports nothing of the speaker's.
        if hit.cue.has(Frame::Factive) && self.negated(hit.first, si) {
            return None;
        }
        // Without a clause after the cue there is no claim, whatever its speaker. A cue without
        // the `final` frame, whose speaker no later rule asks for (`clause_then_cue` does), has
        // its clause looked for first, so that one with none costs no speaker search.
        if !hit.cue.has(Frame::Final) && s.clause_after(self).is_none() {
            return None;
        }
        let sp = s.reported_speaker(self)?;
        let end = self.sent_toks[si].end;
        // "Citing a poll, Trump said …": the speaker of a participle opening the sentence comes
        // after its content.
        let opening = self.opening_participle(h, si).is_some();
        let speaker_after = sp.span.start >= self.toks[hit.last].end && !opening;
        if !speaker_after && !opening && self.reported_by_outer_cue(&sp, h, si) {
            return None;
        }
        // "The plan, he said, is dead": `clause_then_cue`'s, and so is "The solution, the
        // partner told them, was simple" (a hearer before the tag's second comma) for a cue it
        // takes.
        let parenthetical = !speaker_after
            && hit.last + 1 < end
            && (self.is_punct(hit.last + 1, &[','])
                || hit.cue.has(Frame::Final) && self.parenthetical(h, &sp, si).is_some())
            && self.clause_before(h, &sp, si).is_some();
        // The content as tokens, from here to the claim.
        // (A relative's clause is asked only up to where it ends: in "X, who said … his
        // heritage, issued a statement saying, “…”" the clause runs on into the quote's claim.)
        let content = s.clause_after(self).filter(|c| {
            let own = self.relative_clause(&sp, c.clone());
            !speaker_after && !parenthetical && !self.covered(&self.bytes(own.start, own.end - 1))
        })?;
        let (content, sp) = self
            .what_pronoun_names(&hit, &sp, si)
            .map(|(what, outer)| (what..content.end, outer))
            .unwrap_or((content, sp));
        if self.describing_speaker(&hit, &sp, &content, si) {
            return None;
        }
        let content = self
            .gapped_relative(&hit, &sp, &content, si)
            .unwrap_or(content);
        let content = self.relative_clause(&sp, content);
        // A closing tag takes the whole clause ("A, but B, the source added"); else a contrast
        // after a comma is the writer's. An opening participle's clause ends before the main
        // clause, which is no tag of it ("Citing a poll, Trump said …"); nor is the predicate after
        // a relative clause set off by commas ("Barkley, who said he votes …, said one candidate
        // …": Barkley's second cue, not a tag whose speaker is "one candidate").
        let closing = if opening {
            None
        } else {
            self.according_to_closing(&content, si).or_else(|| {
                (!self.nonrestrictive_relative(&sp, si))
                    .then(|| self.tag_closing(&content, si))
                    .flatten()
            })
        };
        // The tag's account is the whole clause before it, the inner speaker and cue with it
        // ("The Vermont congressman also plans to vote for Sanders, Welch said."), as PolNeAR
        // annotates it: the content starts where the clause does, and the claim's cue is the
        // tag's (the inner one, inside the content, is used up with it).
        let (content, sp, cue, other) = match closing {
            Some((content, tag_speaker, k)) => match self
                .account_start(&sp, h, si)
                .and_then(|floor| self.trimmed_tokens(floor, content.end))
            {
                Some(whole) => (whole, tag_speaker, k, Some(h)),
                None => (content, tag_speaker, h, Some(k)),
            },
            // (The contrast is after a comma: a sentence without one has none.)
            None if self.sentence_has(si, ',') => (self.before_contrast(content), sp, h, None),
            None => (content, sp, h, None),
        };
        let content = self.bytes(content.start, content.end - 1);
        let kind = self.reported_kind(&content);
        let mut c = Candidate::with_hit(self, kind, content, Some(sp), cue);
        c.uses[1] = other;
        Some(c)
    }

    /// Where the clause of cue `h` (of sentence `si`) and its speaker `sp` starts when a tag
    /// closing the sentence makes it another source's account ("The Vermont congressman also
    /// plans to vote for Sanders, Welch said."): PolNeAR's content is that whole clause, from the
    /// sentence's start or the end of the claim before it in the sentence. None when the clause
    /// is no main clause the tag reports: a relative's ("Barkley, who said he votes …, said …")
    /// or a subordinate clause's the cue stands in ("When the moderator pointed out that …, the
    /// candidate said …", a subordinator with no comma between it and the cue): there the tag's
    /// speaker is the main clause's.
    fn account_start(&self, sp: &Speaker, h: usize, si: usize) -> Option<usize> {
        let cue = self.hits[h].first;
        let floor = self.floor(si, cue);
        let first = sp.first_token(self);
        if self.speaker_role(first) == Some(Role::Relative) {
            return None;
        }
        // After the claim before it, the clause holds no quotation mark: a mark there is the
        // earlier claim's (its closing mark or a quote of its own), not this clause's.
        if floor > self.sent_toks[si].start
            && floor < first
            && has_quote_mark(&self.text[self.toks[floor].start..self.toks[first].start])
        {
            return None;
        }
        let subordinate = (floor..cue)
            .rev()
            .take_while(|&t| !self.is_clause_punct(t, &[',']))
            .any(|t| self.is_subordinator(t));
        (!subordinate).then_some(floor)
    }

    /// A reported clause whose speaker is a relative pronoun ("Smith, who said last week that
    /// the plan failed, issued a statement") ends before a second predicate of the relative
    /// ("who backed Clinton but is not working for her") and at its first comma that closes a
    /// clause: the relative clause is over there, and what follows is the sentence's own
    /// predicate. Not a
    /// comma inside a quotation or before one, in a number ("$20,000": no comma to
    /// [`Engine::commas`]) or between the items of a
    /// list ("attacked women, Mexicans and Muslims"), nor one before a name that ends the clause (an
    /// apposition: "met the museum's director, Lonnie Bunch"). On PolNeAR train 94% of the contents
    /// annotated with a relative as their source hold no comma.
    /// `content` is a range of tokens, and so is the result.
    fn relative_clause(&self, sp: &Speaker, content: Range<usize>) -> Range<usize> {
        if self.speaker_role(sp.first_token(self)) != Some(Role::Relative) {
            return content;
        }
        // "who had opposed the bill and did not like the next one", "who backed Clinton but is
        // not working for her": the relative's second predicate, a coordinator before a finite
        // auxiliary or a lowercase past form (adverbs aside), is no part of what was reported.
        // After a subordinator the coordinator joins that clause's predicates ("who said it was
        // banned because it is so ubiquitous and has many loopholes"), and is not looked for.
        let second = (content.start + 1..content.end)
            .take_while(|&t| !self.is_subordinator(t))
            .find(|&t| {
                self.word_in(t, W::ClauseCoordinator)
                    && !self.quoted[t]
                    && self.verb_starts(t + 1, content.end)
            });
        let content = second
            .and_then(|c| self.trimmed_tokens(content.start, c))
            .unwrap_or(content);
        let end = content.end;
        // Only capitalised words from the comma to the clause's end: a name in apposition.
        let names_after = |t: usize| (t + 1..end).all(|k| self.is_word(k) && self.capitalized(k));
        // "who estimates that his costs were “in the seven figures,” described …": a comma that
        // ends a quotation, its closing mark right after it and a verb after that, closes the
        // relative clause too; the quotation stays whole, its comma and mark with it.
        let quote_closed = |t: usize| {
            self.quoted[t]
                && t + 2 < end
                && self.is_punct(t + 1, &['”', '"', '\''])
                && !self.quoted[t + 2]
                && (self.verb_starts(t + 2, end) || self.hit_at(t + 2).is_some())
        };
        self.commas(content.start + 1, end.saturating_sub(1))
            .find_map(|t| {
                if quote_closed(t) {
                    return Some(content.start..t + 2);
                }
                (!self.quoted[t]
                    && !self.quoted[t + 1]
                    && !self.lists_on(t, end)
                    && !names_after(t))
                .then(|| self.trimmed_tokens(content.start, t))
                .flatten()
            })
            .unwrap_or(content)
    }

    /// Whether speaker `sp` of sentence `si` is a relative pronoun after a comma ("Barkley, who
    /// said he votes …, said one candidate …"): its clause is an aside about the phrase before
    /// it, and what follows the aside's closing comma is that phrase's own predicate, never a
    /// tag that reports the relative clause ([`Engine::tag_closing`]).
    fn nonrestrictive_relative(&self, sp: &Speaker, si: usize) -> bool {
        let first = sp.first_token(self);
        first > self.sent_toks[si].start
            && self.speaker_role(first) == Some(Role::Relative)
            && self.is_punct(first - 1, &[','])
    }

    /// Whether speaker `sp` of the reported clause `content` (tokens) opens a clause that tells
    /// about someone rather than reports them, so its cue gives no claim of its own:
    /// - a personal pronoun right after a word of `embedded_clause` ("shared with the crowd that he
    ///   believes …"): the clause belongs to a verb before it, which PolNeAR attributes to that
    ///   verb's subject (on its train split 8 of 36 such claims were right);
    /// - a relative with no comma before it, whose clause is an infinitive ("women who want to
    ///   obtain …", "special interests who seek to control …"): a restrictive relative says which
    ///   of them the sentence means (10 of 40 right; after a comma, "Cruz, who vowed to …", it
    ///   reports them and stays);
    /// - a naming cue right after a phrase opened by an indefinite article whose head is no
    ///   person ("a party called Anti-Prom", "a consulting firm called …"): the cue names the
    ///   thing, no one speaks (on its train split 2 of 16 such claims were right; "a spokesman
    ///   called the plan …" stays).
    fn describing_speaker(
        &self,
        hit: &Hit,
        sp: &Speaker,
        content: &Range<usize>,
        si: usize,
    ) -> bool {
        let first = sp.first_token(self);
        if sp.span.start >= self.toks[content.start].start {
            return false;
        }
        let last = sp.end_token(self) - 1;
        if hit.cue.has(Frame::Naming)
            && last + 1 == hit.first
            && self.word_in(first, W::IndefiniteArticle)
            && !matches!(
                self.role(last),
                Some(Role::Noun(
                    SpeakerType::Person | SpeakerType::Anonymous | SpeakerType::Group
                ))
            )
        {
            return true;
        }
        if first <= self.sent_toks[si].start {
            return false;
        }
        let before = first - 1;
        match self.speaker_role(first) {
            Some(Role::Pronoun(_)) => self.word_in(before, W::EmbeddedClause),
            Some(Role::Relative) => {
                !self.is_punct(before, &[',']) && self.word_in(content.start, W::InfinitiveMarker)
            }
            _ => false,
        }
    }

    /// "Cruz has railed against what he calls the “Washington cartel”": a naming cue after "what"
    /// and a pronoun names what the sentence's subject talks about, and PolNeAR makes the whole
    /// "what he calls …" the content of that subject (on its train split, 21 of 23 such phrases
    /// with "he" or "she"; the subject is usually the pronoun's antecedent, and when it is not,
    /// "The remarks suggest … what he calls …", it is still the source annotated). "what it
    /// calls" and "what they call" are more often left to the pronoun. Returns the "what" token
    /// and the subject.
    pub(crate) fn what_pronoun_names(
        &self,
        hit: &Hit,
        sp: &Speaker,
        si: usize,
    ) -> Option<(usize, Speaker)> {
        if !hit.cue.has(Frame::Naming) {
            return None;
        }
        let pronoun = sp.first_token(self);
        let what = pronoun.checked_sub(1)?;
        let single_pronoun = pronoun + 1 == hit.first
            && matches!(
                self.speaker_role(pronoun),
                Some(Role::Pronoun(SpeakerType::Person))
            );
        if !single_pronoun
            || what <= self.sent_toks[si].start
            || !self.word_in(what, W::FreeRelative)
        {
            return None;
        }
        let outer = self
            .sentence_subject(what, si)
            .filter(|s| s.span.end <= self.toks[what].start)?;
        Some((what, outer))
    }

    /// "the plan, which he said was a disaster": a relative pronoun right before the speaker of a
    /// cue whose bare clause follows stands for that clause's missing subject or object, and
    /// PolNeAR annotates the relative and the clause as one content around the speaker and cue (on
    /// its train split, taking the relative in makes 27 contents words-exact and 7 inexact). So
    /// does the relative before a naming cue's name ("which he called “a cartel”", "what officials
    /// called a hate crime": 5 more exact, 1 fewer; "which he described as …" with its "as"), before an infinitive whose object it is
    /// ("what Sanders wanted to hear"), and "what" after a preposition ("adapt to what she said
    /// is growing demand": 3 more); so does a noun phrase in the relative's place
    /// ([`Engine::contact_antecedent`]). Returns the content from the relative (or the phrase)
    /// on, holding its own speaker and cue (as "The plan, he said, is dead" does); the scorer
    /// compares it without them. `content` is a range of tokens, and so is the result.
    pub(crate) fn gapped_relative(
        &self,
        hit: &Hit,
        sp: &Speaker,
        content: &Range<usize>,
        si: usize,
    ) -> Option<Range<usize>> {
        let cue = hit.cue;
        let rel = sp.first_token(self).checked_sub(1)?;
        let floor = self.sent_toks[si].start;
        let (first, end) = (hit.last + 1, self.sent_toks[si].end);
        // The relative is the clause's subject or object: not "which he says he will …" (a clause
        // with a subject of its own), nor "in which he said …" (a place or time; "to what she
        // said …" is a free relative, the clause's subject still). No other cue, nor a
        // coordinator, stands between the speaker and a naming cue, an infinitive or a cue after
        // "what" after a preposition ("about what she wanted to write …, got a degree and wrote
        // …"; "which Trump had called a disaster and promised to rip up": the second cue reports
        // its own clause).
        let infinitive =
            cue.has(Frame::Infinitive) && first < end && self.word_in(first, W::InfinitiveMarker);
        let after_preposition = rel > floor && self.role(rel - 1) == Some(Role::Preposition);
        // "which he describes as his second home", "whom one insider described as “his
        // brother”": a naming cue's name starts after its "as", which PolNeAR's content holds
        // with the relative (train: 6 contents more words-exact, none fewer).
        let named_as = cue.has(Frame::Naming)
            && content.start == first + 1
            && first < end
            && self.word_in(first, W::NamingAs);
        let adjoins = || {
            !(sp.end_token(self)..hit.first)
                .any(|t| self.hit_at(t).is_some() || self.word_in(t, W::ClauseCoordinator))
        };
        let gapped = rel >= floor
            && (content.start == first || named_as)
            && sp.span.end <= self.toks[hit.first].start
            && cue.has(Frame::Clause)
            && !self.quoted[rel]
            && self.word_in(rel, W::GappedRelative)
            && (!after_preposition || self.word_in(rel, W::FreeRelative))
            && !self.word_in(first, W::Complementizer)
            && !self.word_in(first, W::ClauseCoordinator)
            && (named_as || !self.is_subordinator(first))
            && (self.role(first) != Some(Role::Preposition) || infinitive || named_as)
            && !self
                .phrase_after(first, end)
                .is_some_and(|p| p.first == first && self.subject_of_clause(p, end))
            && (!(cue.has(Frame::Naming) || infinitive || after_preposition) || adjoins());
        if !gapped {
            // No relative: a noun phrase before the speaker may stand for the missing subject.
            let after_cue = content.start == first && sp.span.end <= self.toks[hit.first].start;
            return after_cue
                .then(|| self.contact_antecedent(hit, sp, first, floor, end))
                .flatten()
                .and_then(|np| self.trimmed_tokens(np, content.end));
        }
        // "the plan, which officials said will start soon, will not …": a relative after a comma
        // ends at the next comma.
        let mut last = content.end;
        if rel > floor && self.is_punct(rel - 1, &[',']) {
            // Not the comma of a number ("£2,500": [`Engine::is_clause_punct`]).
            if let Some(c) =
                (first..last).find(|&t| self.is_clause_punct(t, &[',']) && !self.quoted[t])
            {
                last = c;
            }
        }
        self.trimmed_tokens(rel, last)
    }

    /// "a step they believe could help unify the party": a noun phrase opened by an article
    /// (`article`; not a possessive: "His brother Anil said had not been …"), right before the
    /// speaker of a cue whose clause, starting at token `first` (in a sentence from token `floor`
    /// to `end`), starts with its verb, is that clause's subject, as a relative is in
    /// [`Engine::gapped_relative`] (a contact relative), and PolNeAR annotates the phrase and the
    /// clause as one content around the speaker and cue (on its train split 5 contents more
    /// words-exact, none fewer). Not a name ("Trump"), nor a participle cue's clause ("a super
    /// PAC supporting retired …": no verb follows it). Returns the phrase's first token.
    fn contact_antecedent(
        &self,
        hit: &Hit,
        sp: &Speaker,
        first: usize,
        floor: usize,
        end: usize,
    ) -> Option<usize> {
        let cue = hit.cue;
        let speaker = sp.first_token(self);
        if speaker <= floor
            || !cue.has(Frame::Clause)
            || cue.has(Frame::Naming)
            || cue.has(Frame::Participle)
            || self.speaker_role(speaker) == Some(Role::Relative)
            || !self.verb_starts(first, end)
            // The speaker right before its cue, adverbs and auxiliaries aside ("they had hoped").
            || !(sp.end_token(self)..hit.first).all(|t| {
                self.is_adverb(t)
                    || self.word_in(t, W::FiniteAuxiliary)
                    || self.word_in(t, W::HaveForm)
            })
        {
            return None;
        }
        let np = self.phrase_before(speaker, floor)?;
        let common_noun = np.last + 1 == speaker
            && np.first < np.last
            && self.word_in(np.first, W::Article)
            && !self.capitalized(np.last)
            && !self.quoted[np.first]
            && np.first > floor;
        common_noun.then_some(np.first)
    }

    /// "Trump said he was happy, according to The New York Times.": a reported clause closing its
    /// sentence with ", according to Z" is Z's account of what was said. PolNeAR annotates such a
    /// sentence as one attribution whose source is Z (on its train split, 27 of 31 sentences), so
    /// the clause without the "according to" phrase becomes Z's claim (from where the clause
    /// starts: [`Engine::account_start`]), and the phrase's cue is used up. Returns the shortened
    /// content, Z and the "according to" hit; `content` is a range of tokens, and so is the
    /// shortened one.
    pub(crate) fn according_to_closing(
        &self,
        content: &Range<usize>,
        si: usize,
    ) -> Option<(Range<usize>, Speaker, usize)> {
        let end = self.sent_toks[si].end;
        let first = content.start;
        // The first "according to" after the content's start, in the sentence.
        let k = self
            .according
            .partition_point(|&a| self.hits[a].first <= first);
        let h = *self
            .according
            .get(k)
            .filter(|&&a| self.hits[a].first < end)?;
        let hit = self.hits[h];
        // The comma may stand inside a closing quotation mark: "“… confirmation,” according to".
        let word_before = (first..hit.first).rev().find(|&t| self.is_word(t))?;
        let comma = (word_before + 1..hit.first).any(|t| self.is_punct(t, &[',']));
        if !self.unused(h) || !comma || self.quoted[hit.first] {
            return None;
        }
        let p = self.phrase_after(hit.last + 1, end)?;
        // The clause must reach the "according to" (a content that stops at a quotation, "said
        // the order was to “avoid …,” according to the report", runs on to it), and no other
        // cue's clause may follow it.
        let inside = self.toks[hit.first].start < self.toks[content.end - 1].end;
        let adjoins = (content.end..hit.first).all(|t| !self.is_word(t));
        // (A cue word heading the source phrase is its noun: "according to press reports".)
        if !inside && !adjoins
            || self
                .hits
                .get(h + 1)
                .is_some_and(|n| n.first > p.last && n.first < end)
        {
            return None;
        }
        let shortened = self.trimmed_tokens(first, hit.first)?;
        Some((shortened, self.speaker(p, si), h))
    }

    /// "In one email, Carter discussed how he had placed a note in a “burn bag,” the Times
    /// reported.": a reported clause followed by a tag that closes its sentence (", X reported.",
    /// "…,” wrote X.") is the tag speaker's account, as with "according to" (see
    /// [`Engine::according_to_closing`]). The tag's cue is used up. Returns the content, the tag's
    /// speaker and the tag's hit; `content` is a range of tokens.
    pub(crate) fn tag_closing(
        &self,
        content: &Range<usize>,
        si: usize,
    ) -> Option<(Range<usize>, Speaker, usize)> {
        let end = self.sent_toks[si].end;
        let after = content.end;
        // The tag's first word, right after the content and a comma that ends a clause (not the
        // thousands comma of "200,000 shoppers": [`Engine::is_clause_punct`]).
        let tag = (after..end).find(|&t| self.is_word(t))?;
        if !(after..tag).any(|t| self.is_clause_punct(t, &[','])) {
            return None;
        }
        let h = self.hits.partition_point(|h| h.first < tag);
        let hit = *self
            .hits
            .get(h)
            .filter(|n| n.first < end && self.unused(h))?;
        if !hit.cue.has(Frame::Final) || self.hits.get(h + 1).is_some_and(|n| n.first < end) {
            return None;
        }
        // "…, wrote Pete Hidalgo." or "…, the Times reported."; then at most an adverbial.
        let (p, tail) = if hit.first == tag {
            // "…, told reporters the talks had failed": only a cue of the `after` frame takes its
            // speaker after it; the phrase after "told" is its hearer.
            if !hit.cue.has(Frame::After) {
                return None;
            }
            // "…, said he was unaware": a phrase a clause follows is that clause's subject, and
            // the cue reports the clause, not the words before it.
            let p = self
                .phrase_after(hit.last + 1, end)
                .filter(|&p| !self.subject_of_clause(p, end))?;
            (p, p.last + 1)
        } else {
            let p = self
                .phrase_before(hit.first, tag)
                .filter(|p| p.first == tag)?;
            // "…, he showed no remorse and …", "…, he thinks she's done …": a cue followed by
            // its object or clause is the verb of a clause of its own, no tag; a tag's cue ends
            // the sentence or comes before an adverbial ("…, he said on Tuesday."), as
            // `clause_before` asks of "…, X said.".
            if !self.adverbial_after(hit.cue, hit.last + 1, end) {
                return None;
            }
            (p, hit.last + 1)
        };
        // "…, who promised …": a relative pronoun is no tag's speaker.
        if !self.short_tail(tail, end) || self.speaker_role(p.first) == Some(Role::Relative) {
            return None;
        }
        Some((content.clone(), self.speaker(p, si), h))
    }

    /// "Trump said he responded: “…”", "prosecutors say that he told an agent, “…”": a speaker
    /// right after another unused cue that takes a clause (and its "that") is inside that cue's
    /// reported clause. PolNeAR annotates the outer attribution, whose content holds the speaker,
    /// the inner cue and what it reports; so cue `h` (of sentence `si`) is left to the outer cue.
    /// Only a cue of the same sentence reports the speaker (a headline's last word does not).
    pub(crate) fn reported_by_outer_cue(&self, sp: &Speaker, h: usize, si: usize) -> bool {
        let floor = self.sent_toks[si].start;
        let Some(mut t) = sp.first_token(self).checked_sub(1).filter(|&t| t > floor) else {
            return false;
        };
        let that = self.word_in(t, W::Complementizer);
        if that {
            t -= 1;
        }
        // Cue hits are in text order and never overlap, so their last tokens rise: the hit that
        // ends at `t` is found by a binary search (a scan of every earlier hit made this
        // quadratic in a long document's cues).
        let k = self.hits[..h].partition_point(|o| o.last < t);
        let outer = (k < h && self.hits[k].last == t && self.hits[k].first >= floor).then_some(k);
        outer.is_some_and(|o| {
            let cue = self.hits[o].cue;
            // "Speaking after the plan was announced Bob Neill, …, said": a passive without
            // "that" reports no clause.
            let first = self.hits[o].first;
            let passive = first > floor && self.word_in(first - 1, W::BeForm);
            self.unused(o)
                && (that || !passive)
                && (cue.has(Frame::Clause)
                    || cue.has(Frame::Finite)
                    || that && cue.has(Frame::That))
        })
    }
}
