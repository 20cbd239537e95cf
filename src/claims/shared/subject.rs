//! Finding the speaker phrase of a cue: before it, after it, across an appositive, or the
//! sentence's subject.

use crate::claims::attribution::{Engine, Speaker};
use crate::claims::cues::{CueClass, Frame};
use crate::claims::function_words::{self, WordClass as W};
use crate::claims::speaker::{self, Phrase, Role};
use crate::claims::tokens::{is_capitalized, possessive_stem};
use crate::claims::SpeakerType;
use crate::entity::EntityType;
use crate::mentions::Mention;
use crate::plural::is_plural_form;
use std::ops::Range;

/// Most tokens [`Engine::head_subject`] reads between a speaker phrase and its cue.
const MAX_TAIL_TOKENS: usize = 40;

/// Most words of an appositive between a name opening its sentence and the comma before its cue
/// ("Mike Morrell, a 30-year veteran of the CIA who retired as acting director in 2013, said");
/// beyond [`MAX_SHORT_APPOSITIVE_WORDS`], only after a name the text knows.
const MAX_APPOSITIVE_WORDS: usize = 16;

/// Most tokens of an aside of several words between a speaker and the comma before its cue
/// ("The campaign, for example, said"); see [`Engine::long_aside`].
const MAX_ASIDE_TOKENS: usize = 10;

/// Most words of an appositive after any capitalised phrase opening its sentence.
const MAX_SHORT_APPOSITIVE_WORDS: usize = 12;

/// Most tokens between a relative pronoun and the cue after its clause ([`Engine::relative_head`]).
const MAX_RELATIVE_TOKENS: usize = 16;

/// Most words between "with" and the phrase before a participle it opens ("with former Maryland
/// Gov. Martin O’Malley calling", "with the American Federation of Teachers calling").
const MAX_WITH_GAP: usize = 6;

/// Most words after an article that [`Engine::article_phrase`] reads as its subject's noun (the
/// last of them its verb when no verb form follows). PolNeAR train and dev give the same claims
/// with 2 or 4 (main 508a180); on BBC, 2 changes 5 speakers, 4 cutting a noun of three words to
/// two ("The relay pair refused" is "The relay"), and 4 changes 2, one taking the verb after
/// three words into the noun ("The relay pair face").
const MAX_ARTICLE_WORDS: usize = 3;

/// Most words between the subject of "… V1 … and V2" and the coordinator (see
/// [`Engine::coordinated_subject`]).
const MAX_COORDINATED_WORDS: usize = 12;

impl Engine<'_> {
    /// The speaker of a cue: the phrase before it ("X said"), after it ("…, said X"), before an
    /// appositive ("X, a fellow at Y, said"), or the sentence's subject for a participle. Failing
    /// all of them, the same read before an aside of a few words ([`Engine::long_aside`]): "The
    /// senator's campaign, for example, said".
    pub(crate) fn subject(&self, h: usize, si: usize) -> Option<Speaker> {
        let near = self.subject_before(h, si, None).or_else(|| {
            let floor = self.sent_toks[si].start;
            let aside = self.long_aside(self.subject_end(h)?, floor)?;
            self.subject_before(h, si, Some(aside))
        });
        self.relative_head(h, si, near.as_ref()).or(near)
    }

    /// The head of a subject that a restrictive relative clause runs from up to cue `h`: "Voters
    /// who support Trump said", "Democrats in Iowa who watched the debate said", "Officials who
    /// spoke with The Post said": the phrase before "who" (lexicons/function_words/
    /// modifier_relative.txt) when it opens its clause and looks like a speaker, not the
    /// relative's object the phrase reader finds next to the cue (`near`). Not when the phrase
    /// next to the cue is the relative's own subject ("the plan which officials said was …"), nor
    /// across a comma, dash, parenthesis or quotation ("X, who …, said" is the appositive path's).
    fn relative_head(&self, h: usize, si: usize, near: Option<&Speaker>) -> Option<Speaker> {
        let hit = self.hits[h];
        if !hit.cue.has(Frame::Before)
            || hit.cue.has(Frame::Participle)
            || self.capitalized(hit.first)
        {
            return None;
        }
        let floor = self.sent_toks[si].start;
        let mut end = self.subject_end(h)?;
        while end > floor + 1 && self.is_adverb(end - 1) {
            end -= 1;
        }
        // "… who hosts a radio show, was asked by a caller": a passive's speaker is its agent.
        if end > floor + 1 && self.word_in(end - 1, W::BeForm) {
            return None;
        }
        let lo = floor.max(end.saturating_sub(MAX_RELATIVE_TOKENS));
        let rel = (lo + 1..end)
            .rev()
            .take_while(|&t| {
                !self.quoted[t] && (self.is_word(t) || self.is_punct(t, &['\'', '’', '.', '-']))
            })
            .find(|&t| self.word_in(t, W::ModifierRelative))?;
        // A verb of the relative clause stands between "who" and the phrase next to the cue.
        // Not a pronoun, nor a phrase after a conjunction: those are the subject of a clause
        // inside the relative ("the congressman who gained attention when he yelled …").
        let near_first = near.map_or(end, |sp| sp.first_token(self));
        if near_first <= rel + 1
            || near_first > end
            || matches!(self.role(near_first), Some(Role::Pronoun(_)))
            || self.word_in(near_first - 1, W::ClauseCoordinator)
            || self.is_subordinator(near_first - 1)
        {
            return None;
        }
        let mut p = self.phrase_before(rel, floor)?;
        // "Democrats in Iowa who …": the phrase before a preposition's object.
        if p.first > floor + 1
            && (self.role(p.first - 1) == Some(Role::Preposition)
                || self.word_in(p.first - 1, W::PhraseOf))
        {
            p = self.phrase_before(p.first - 1, floor)?;
        }
        // "Current and former officials who …", "Hawkins and others who …": both phrases.
        if p.first > floor + 1 && self.word_in(p.first - 1, W::PhraseCoordinator) {
            if let Some(q) = self.phrase_before(p.first - 1, floor) {
                p.first = q.first;
            }
        }
        if !(p.first == floor || self.phrase_may_open(p.first, floor)) {
            return None;
        }
        let sp = self.speaker(p, si);
        (self.known_speaker(&sp) || self.plural_noun(&sp)).then_some(sp)
    }

    /// [`Engine::subject`], with the speaker phrase ending at `end` when given (else at the cue).
    fn subject_before(&self, h: usize, si: usize, end: Option<usize>) -> Option<Speaker> {
        let hit = self.hits[h];
        let r = self.sent_toks[si].clone();
        let floor = r.start;
        if hit.cue.has(Frame::Participle) {
            // "Citing a poll, Trump said …": a participle opening the sentence is the main
            // clause's subject's.
            if let Some((_, p)) = self.opening_participle(h, si) {
                return Some(self.speaker(p, si));
            }
            // "Kasich's campaign is already claiming …", "while Trump is arguing …": the subject of
            // a progressive is the phrase before its form of be, not the sentence's; unless a cue
            // before it in the sentence reports it ("The Ebelings said they were hoping …").
            let mut be = hit.first;
            while be > floor + 1 && self.is_adverb(be - 1) {
                be -= 1;
            }
            let reported = self.hits.partition_point(|x| x.first < floor)
                < self.hits.partition_point(|x| x.first < be);
            if !reported && be > floor + 1 && self.word_in(be - 1, W::BeForm) {
                if let Some(p) = self.phrase_before(be - 1, floor) {
                    return Some(self.speaker(p, si));
                }
            }
            // "with Gorka noting …": the participle's own subject.
            // "with former Maryland Gov. Martin O’Malley calling": lowercase modifiers the phrase
            // does not take in may stand between "with" and the name.
            // "with the American Federation of Teachers calling", "with many marchers and
            // spectators chanting": a phrase joined by "of" or "and" is the whole phrase after
            // "with".
            let with_subject = self.phrase_before(hit.first, floor).and_then(|p| {
                let w = (p.first.saturating_sub(MAX_WITH_GAP).max(floor)..p.first)
                    .rev()
                    .take_while(|&t| self.is_word(t))
                    .find(|&t| self.word_in(t, W::AbsoluteMarker))?;
                let joined = (w + 1..p.first)
                    .any(|t| self.word_in(t, W::PhraseOf) || self.word_in(t, W::PhraseCoordinator));
                Some(if joined {
                    Phrase {
                        first: w + 1,
                        last: p.last,
                    }
                } else {
                    p
                })
            });
            if let Some(p) = with_subject {
                return Some(self.speaker(p, si));
            }
            // "911 calls saying …", "featuring Hispanics telling …", "an item suggesting …": a
            // participle right after a noun phrase, with no comma between, modifies it, and that
            // phrase is its speaker, not the sentence's subject.
            if let Some(sp) = self.modified_noun(hit.first, floor, si) {
                return Some(sp);
            }
            // "…, Spicer said, adding, “…”", "with Trump tweeting that … and asking, “…”": the
            // subject of the cue the participle follows.
            if let Some(prev) = self.cue_before_participle(h, floor) {
                if let Some(sp) = self.subject(prev, si) {
                    return Some(sp);
                }
            }
            if let Some(p) = self
                .subordinate_subject(hit.first, floor)
                .or_else(|| self.nearest_clause_subject(hit.first, floor))
            {
                return Some(self.speaker(p, si));
            }
            return self.sentence_subject(hit.first, si);
        }
        let after_break = hit.first == floor
            || self.is_punct(hit.first - 1, &[',', '”', '"', '—', '\''])
            || self.quoted[hit.first - 1];
        let after_comma = hit.first > floor && self.is_punct(hit.first - 1, &[',']);
        // "Insiders in two states — Nevada and South Carolina — said it is …": after an aside's
        // closing dash too.
        let after_dash = hit.first > floor
            && (self.is_punct(hit.first - 1, &['—', '–']) || self.is_double_dash(hit.first - 1));
        if after_comma {
            // "Rahm Emanuel, his chief of staff, urged a strong stand": a name opening the
            // sentence, then an appositive, is the subject; the phrase after the cue its object.
            if let Some(sp) = self.opening_appositive(hit.first - 1, si) {
                return Some(sp);
            }
        }
        if hit.cue.has(Frame::After) && after_break {
            if let Some(p) = self.phrase_after(hit.last + 1, r.end) {
                // "Frank Luntz, an expert, said Mr. Cameron had failed": after a comma, a phrase
                // that more of a clause follows is the reported clause's subject, not the speaker.
                // Nor is one a clause follows after a closing quote ("“sociopath,” said he
                // doesn’t believe").
                if !((after_comma || after_dash) && self.clause_goes_on(p.last + 1, r.end)
                    || self.subject_of_clause(p, r.end))
                {
                    return Some(self.speaker(p, si));
                }
            }
        }
        if !hit.cue.has(Frame::Before) {
            return None;
        }
        let subject_end = match end {
            Some(end) => end,
            None => self.skip_progressive(self.subject_end(h)?, floor),
        };
        let raised = self.skip_raising(subject_end, floor);
        // "While in the US drivers tend to prefer SUVs, …, Mr Panke said.": a speaker a
        // catenative or raising word carries to its infinitive cue stands in the clause of a
        // closing tag later in the sentence, which is the tag's account.
        if raised < subject_end && self.closing_tag_after(h, si) {
            return None;
        }
        let before_cue = self.skip_intensifier(
            self.skip_aside(
                self.skip_date(self.skip_parenthesis(raised, floor), floor),
                floor,
            ),
            floor,
        );
        // "leading many to wonder whether …", "Clinton to call for …": a name, a speaker noun or
        // a group determiner right before the "to" of an infinitive cue that no catenative word
        // carries is its speaker when a causative verb makes it act, or when it opens the
        // sentence; not a preposition's object ("went to New York to endorse"). After a verb of
        // lexicons/directives.txt ("told reporters to say") it has none. Any other verb's
        // object stands in a purpose clause, whose speaker is the sentence's subject ("Khan has
        // mounted a campaign to condemn …", "He will meet Minister Li to discuss …").
        if before_cue == subject_end
            && before_cue > floor + 1
            && self.word_in(before_cue - 1, W::InfinitiveMarker)
        {
            if let Some(p) = self
                .phrase_before(before_cue - 1, floor)
                .filter(|p| self.infinitive_subject(*p, floor))
            {
                let caused = p.first > floor && speaker::is_causative(self.word(p.first - 1));
                if (caused || p.first == floor && self.capitalized(p.last))
                    && !self.closing_tag_after(h, si)
                {
                    return Some(self.speaker(p, si));
                }
                if self.directed_infinitive(hit.first, floor) {
                    return None;
                }
                return self.sentence_subject(hit.first, si);
            }
        }
        if let Some(mut p) = self.phrase_before(before_cue, floor) {
            // "Trump at the time said": the phrase after a preposition is its object; not a
            // subject pronoun ("as she said", "after they said"), nor a name or a speaker noun
            // after a subordinator ("ever since Bernie Sanders announced", "as a new poll
            // showed").
            let subordinate_name = p.first > floor
                && self.is_subordinator(p.first - 1)
                && (self.capitalized(p.last) && self.bare_subject(p)
                    || matches!(self.role(p.last), Some(Role::Noun(_))));
            if p.first > floor
                && self.role(p.first - 1) == Some(Role::Preposition)
                && !matches!(self.role(p.last), Some(Role::Pronoun(_) | Role::Relative))
                && !subordinate_name
            {
                // ("Shares rose 3% after the firm said": a percentage is no preposition's
                // subject.)
                if let Some(q) = self.phrase_before(p.first - 1, floor).filter(|q| {
                    !speaker::ends_in_percent(self.text, self.toks, q.first, q.last + 1)
                }) {
                    p = self.object_or_title(q, p);
                    if let Some(n) = self.name_before_role(p, floor) {
                        p = n;
                    }
                }
            }
            // "Trump and Sanders have both argued": a floating quantifier stands for the phrase
            // before it.
            if p.first == p.last && self.word_in(p.first, W::FloatingQuantifier) {
                if let Some(q) = self.quantified_phrase(p.first, floor) {
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
        while j > floor && self.is_adverb(j) {
            j -= 1;
        }
        if j > floor && self.word_in(j, W::ClauseCoordinator) {
            // "at the mention of email she laughed and admitted": a pronoun right before the
            // first verb is its subject.
            let pronoun = (j >= floor + 2).then(|| j - 2).filter(|&p| {
                self.is_word(j - 1)
                    && self.role(j - 1).is_none()
                    && matches!(
                        self.role(p),
                        Some(Role::Pronoun(SpeakerType::Person | SpeakerType::Group))
                    )
            });
            if let Some(p) = pronoun.or_else(|| self.coordinated_subject(j, floor)) {
                return Some(self.speaker(Phrase { first: p, last: p }, si));
            }
            // "The crowd cheered when Trump spotted a sign and asked …": the subject of the
            // subordinate clause both verbs stand in.
            if let Some(p) = self.subordinate_subject(j, floor) {
                return Some(self.speaker(p, si));
            }
            // "McConnell was quick to embrace him and said": the subject of both verbs.
            // "The pilot checked the weight and said": an article and a noun the phrase reader
            // does not know open the sentence.
            return self
                .sentence_subject(hit.first, si)
                .or_else(|| self.article_subject(h, si))
                .or_else(|| {
                    let p = self.article_phrase(self.subject_start(hit.first, si)?, j)?;
                    Some(self.speaker(p, si))
                });
        }
        // "Humphrey, who calls Trump a “sociopath,” said": a comma inside the quotation that
        // closes an aside closes the aside.
        if j > floor + 1
            && !self.is_word(j)
            && self.quoted[j]
            && self.is_punct(j - 1, &[','])
            && self.closes_quote(j)
        {
            j -= 1;
        }
        if j <= floor || !self.is_punct(j, &[',']) {
            return None;
        }
        // "Smith urged lawmakers to act, proposed that …": a cue in a list of predicates.
        if let Some(sp) = self.predicate_list_speaker(h, j, si) {
            return Some(sp);
        }
        // "…, Gov. John Kasich (R-OH), said": the name before the parenthesis, not an earlier
        // comma's phrase in the sentence's opening.
        let paren = self.skip_parenthesis(j, floor);
        if paren < j {
            if let Some(p) = self
                .phrase_before(paren, floor)
                .filter(|p| self.capitalized(p.last))
            {
                return Some(self.speaker(p, si));
            }
        }
        // "Clinton's campaign chairman, John Podesta, said": failing a leftmost name, the
        // appositive right before the cue.
        let lo = floor.max(j.saturating_sub(40));
        self.commas(lo, j + 1)
            .filter(|&c| !self.quoted[c])
            .find_map(|c| {
                let mut p = self.phrase_before(self.skip_parenthesis(c, floor), floor)?;
                // "Senator Bernie Sanders of Vermont, a Democratic rival, assailed": a name after
                // "of" that is no person belongs to the name before it.
                if p.first > floor + 1
                    && self.word_in(p.first - 1, W::PhraseOf)
                    && self.capitalized(p.last)
                    && self.speaker(p, si).ty != SpeakerType::Person
                {
                    if let Some(q) = self
                        .phrase_before(p.first - 1, floor)
                        .filter(|q| self.capitalized(q.last))
                    {
                        p = self.object_or_title(q, p);
                    }
                }
                let named =
                    self.capitalized(p.last) || matches!(self.role(p.last), Some(Role::Pronoun(_)));
                let object = p.first > floor && self.role(p.first - 1) == Some(Role::Preposition);
                (named && !object).then(|| self.speaker(p, si))
            })
    }

    /// The speaker phrase of `q`, a phrase before a preposition, and `p`, the preposition's
    /// object, which ends the speaker phrase: `q`, unless the preposition is "of", `q` ends in a
    /// capitalised word and `p` has words before a person's name at its end; then both, the
    /// person's ("Chairman of the Environmental Audit Committee Peter Ainsworth said", "Friends of
    /// the Earth campaigner Jo Roe said"; but "the wife of Labour leader Jo Roe" is the wife).
    fn object_or_title(&self, q: Phrase, p: Phrase) -> Phrase {
        if self.word_in(p.first - 1, W::PhraseOf)
            && self.capitalized(q.last)
            && self.titled_person(p)
        {
            Phrase {
                first: q.first,
                last: p.last,
            }
        } else {
            q
        }
    }

    /// The person's name before the comma that opens role phrase `p`, when the name opens its
    /// clause: "Howard Archer, economist at Global Insight said", "Anais Faraj, an analyst at
    /// Nomura told" (an appositive whose closing comma the text leaves out, so the phrase next to
    /// the cue is the role's preposition's object). None when `p`'s head is capitalised, a pronoun
    /// or a relative ("Beck, who at a rally called"), or no person's mention ends the phrase
    /// before the comma, or a word or a quotation stands before that phrase ("In a letter to Jo
    /// Roe, a spokesman for the firm said" is the spokesman; "“…,” Jo Roe, an analyst at X told"
    /// is left to the quotation's rules).
    fn name_before_role(&self, p: Phrase, floor: usize) -> Option<Phrase> {
        if self.capitalized(p.last)
            || matches!(self.role(p.last), Some(Role::Pronoun(_) | Role::Relative))
            || p.first < floor + 2
            || !self.is_punct(p.first - 1, &[','])
        {
            return None;
        }
        let n = self.phrase_before(p.first - 1, floor)?;
        let opens = n.first == floor
            || !self.is_word(n.first - 1)
                && !self.quoted[n.first - 1]
                && !self.closes_quote(n.first - 1);
        (opens
            && self
                .person_ending_at(n.last, self.toks[n.first].start)
                .is_some())
        .then_some(n)
    }

    /// The subject of a finite cue coordinated with the sentence's first cue (a verb with its
    /// speaker before it) when the sentence opens with an article and a common noun phrase that
    /// runs right up to that first cue: "The
    /// show's producers defended Rock and confirmed that …", "The producers praised him and said
    /// …" (the phrase reader takes a capitalised word for the start of a name, so
    /// [`Engine::sentence_subject`] finds no phrase after "The"). None otherwise.
    fn article_subject(&self, h: usize, si: usize) -> Option<Speaker> {
        let floor = self.sent_toks[si].start;
        if !(self.capitalized(floor)
            && (self.word_in(floor, W::DefiniteArticle)
                || self.word_in(floor, W::IndefiniteArticle)))
        {
            return None;
        }
        // Two finite verbs ("defended … and confirmed"): not a participle after "and", which may
        // be another verb's ("The duo face charges of … and refusing to …").
        if self.word_in(self.hits[h].first, W::GerundEnding) {
            return None;
        }
        let i = self.hits.partition_point(|x| x.first <= floor);
        let first = self.hits[..h].get(i).filter(|x| x.cue.has(Frame::Before))?;
        let first_cue = first.first;
        let p = self
            .phrase_after(floor + 1, first_cue)
            .filter(|p| p.first == floor + 1 && p.last + 1 == first_cue)?;
        Some(self.speaker(
            Phrase {
                first: floor,
                last: p.last,
            },
            si,
        ))
    }

    /// Whether a closing tag follows cue `h` in sentence `si` and reports the clause that holds
    /// it: "…, according to X", a cue of the `after` frame right after a comma ("…, said Travis
    /// Kalanick"), or a cue of the `final` frame after a comma and its speaker phrase that ends
    /// the sentence or comes before a mark ("…, Mr Panke said.", "…, the BBC's Jonathan Beale
    /// reports, and …").
    fn closing_tag_after(&self, h: usize, si: usize) -> bool {
        let end = self.sent_toks[si].end;
        let from = self.hits[h].last + 1;
        self.hits[h + 1..]
            .iter()
            .take_while(|n| n.first < end)
            .any(|n| {
                let comma_before = |t: usize| t > from && self.is_clause_punct(t - 1, &[',']);
                if (n.cue.has(Frame::According) || n.cue.has(Frame::After)) && comma_before(n.first)
                {
                    return true;
                }
                n.cue.has(Frame::Final)
                    && (n.last + 1 >= end || !self.is_word(n.last + 1))
                    && self
                        .phrase_before(n.first, from)
                        .is_some_and(|p| comma_before(p.first))
            })
    }

    /// Whether the cue at token `first` is an infinitive after a verb of
    /// `lexicons/directives.txt` and its object ("The minister told reporters to say nothing",
    /// "hired lawyers to argue that …"): the verb only asks for the act, so the object would act,
    /// if anyone did, and the infinitive is no purpose clause of the subject's; the cue has no
    /// speaker. A lowercase verb the phrase before the "to" took in counts ("The firm hired
    /// lawyers").
    pub(crate) fn directed_infinitive(&self, first: usize, floor: usize) -> bool {
        if first < floor + 2 || !self.word_in(first - 1, W::InfinitiveMarker) {
            return false;
        }
        self.phrase_before(first - 1, floor).is_some_and(|p| {
            (p.first.saturating_sub(1).max(floor)..p.last)
                .any(|t| !self.capitalized(t) && speaker::is_directive(self.word(t)))
        })
    }

    /// Whether phrase `p`, right before the "to" of an infinitive cue, is the infinitive's own
    /// subject ("many to wonder", "Clinton to call for"): headed by a name, a speaker noun or a
    /// group determiner standing alone ("many"), opening with a determiner, a capital or its head
    /// ("not trust politicians to tell" is no phrase "trust politicians"), and no preposition's
    /// object. A capitalised word alone opening the sentence is a name only when the text knows
    /// it ("Plans to portray …" is no speaker).
    fn infinitive_subject(&self, p: Phrase, floor: usize) -> bool {
        let opens = p.first == p.last
            || self.capitalized(p.first)
            || self.role(p.first) == Some(Role::Determiner);
        if !opens {
            return false;
        }
        let object = p.first > floor && self.role(p.first - 1) == Some(Role::Preposition);
        let opening_word = p.first == floor && p.first == p.last && {
            let r = self.toks[p.first].range();
            self.mentions_in(&r).is_empty()
        };
        let head = self.capitalized(p.last) && !opening_word
            || matches!(self.role(p.last), Some(Role::Noun(_)))
            || p.first == p.last && speaker::is_group_determiner(self.text, &self.toks[p.first]);
        head && !object
    }

    /// The speaker a participle at token `at` modifies: the phrase right before it, with no comma
    /// or adverb between ("supporters seeking", "featuring Hispanics telling", "footage of Trump
    /// talking about"), when it names people: a name the text knows or a speaker noun for a
    /// person or group. Not a document ("issued a statement saying" is the issuer's), and not the
    /// object of a preposition other than "of" ("wrote a letter to Zucker asking", "was on CNN
    /// talking about": the sentence's subject speaks).
    pub(crate) fn modified_noun(&self, at: usize, floor: usize, si: usize) -> Option<Speaker> {
        let j = at.checked_sub(1).filter(|&j| j > floor)?;
        if !self.is_word(j) || self.quoted[j] {
            return None;
        }
        // A phrase reaching back to the sentence's start has swallowed its verb ("The senator
        // emailed supporters saying").
        let mut p = self.phrase_before(at, floor)?;
        if p.last != j || p.first <= floor {
            return None;
        }
        // "At the rally featuring supporters saying": a lowercase "-ed" or "-ing" word before the
        // head is the verb whose object the phrase is, not part of it ("a fired staffer" loses
        // its modifier too).
        if let Some(verb) = (p.first..p.last).rev().find(|&t| {
            !self.capitalized(t)
                && (self.word_in(t, W::PastEnding) || self.word_in(t, W::GerundEnding))
        }) {
            p.first = verb + 1;
        }
        let object = self.role(p.first - 1) == Some(Role::Preposition)
            && !self.word_in(p.first - 1, W::PhraseOf);
        if object {
            return None;
        }
        let noun = matches!(
            self.role(p.last),
            Some(Role::Noun(
                SpeakerType::Person | SpeakerType::Group | SpeakerType::Anonymous
            ))
        );
        let sp = self.speaker(p, si);
        (noun || self.capitalized(p.last) && sp.entity.is_some()).then_some(sp)
    }

    /// The subject both verbs of "… V1 … and V2" share when it is a relative set off by a comma or
    /// a dash, or a personal pronoun opening the first verb's clause: "Ben Terris, who saw the incident and described it",
    /// "Sanders - who digested his new circumstances and discussed …", "when she took the stage
    /// and said …". The nearest relative or personal pronoun before the coordinator at token `and`,
    /// over at most [`MAX_COORDINATED_WORDS`] plain words; a personal pronoun must open its clause
    /// (after punctuation, a coordinator or a subordinator; "said they had to act and urged" is the
    /// sentence subject's).
    fn coordinated_subject(&self, and: usize, floor: usize) -> Option<usize> {
        let lo = floor.max(and.saturating_sub(MAX_COORDINATED_WORDS + 1));
        let mut t = and;
        while t > lo {
            t -= 1;
            if !self.is_word(t) || self.quoted[t] {
                return None;
            }
            match self.role(t) {
                // "Terris, who saw …", "Sanders - who digested …": a relative after a comma or
                // dash (one after a noun may belong to its object: "mothers who have lost
                // children … and said").
                Some(Role::Relative) => {
                    let set_off = t > floor
                        && (self.is_punct(t - 1, &[',', '—', '–']) || self.is_double_dash(t - 1));
                    return (set_off && t + 1 < and).then_some(t);
                }
                Some(Role::Pronoun(SpeakerType::Person | SpeakerType::Group)) => {
                    let opens = t == floor
                        || !self.is_word(t - 1)
                        || self.word_in(t - 1, W::ClauseCoordinator)
                        || self.is_subordinator(t - 1);
                    return (opens && t + 1 < and).then_some(t);
                }
                Some(Role::Pronoun(_)) => return None,
                _ => {}
            }
        }
        None
    }

    /// The subject of the subordinate clause that token `end` stands in: "… when he went on the
    /// record endorsing …", "… as he did two years ago by announcing …", "… when Trump spotted a
    /// sign and asked …". The nearest subordinator before `end` with only plain words between
    /// (no punctuation, quotation, relative or other personal pronoun), then a name or a
    /// personal pronoun, then a word. PolNeAR takes that subject for the source, not the main
    /// clause's ("Sessions caused a stir when he went on the record endorsing Trump": "he").
    fn subordinate_subject(&self, end: usize, floor: usize) -> Option<Phrase> {
        let plain = |t: usize| {
            self.is_word(t)
                && !self.quoted[t]
                && !self.word_in(t, W::RelativeOpener)
                && !self.word_in(t, W::Complementizer)
        };
        let k = (floor..end)
            .rev()
            .take_while(|&t| plain(t))
            .find(|&t| self.is_subordinator(t))?;
        let p = self.phrase_after(k + 1, end)?;
        // Another subject between ("when he saw Trump announce …") makes another clause.
        let other_subject = (p.last + 1..end).any(|t| {
            matches!(
                self.role(t),
                Some(Role::Pronoun(SpeakerType::Person | SpeakerType::Group))
            )
        });
        (p.first == k + 1 && self.bare_subject(p) && p.last + 1 < end && !other_subject)
            .then_some(p)
    }

    /// Whether phrase `p` can only be a clause's subject after a word that is a subordinator or a
    /// preposition ("since", "before", "as"): a personal pronoun, or a name of capitalised words
    /// with no possessive and no date in it ("since Bernie Sanders announced", not "before
    /// Tuesday's New Hampshire primary" or "since the Sept. 11 attacks").
    fn bare_subject(&self, p: Phrase) -> bool {
        if p.first == p.last
            && matches!(
                self.role(p.first),
                Some(Role::Pronoun(SpeakerType::Person | SpeakerType::Group))
            )
        {
            return true;
        }
        (p.first..=p.last).all(|t| {
            let w = self.word(t);
            is_capitalized(w)
                && self.role(t).is_none()
                && possessive_stem(w).is_none()
                && !self.word_in(t, W::DateWord)
        })
    }

    /// The phrase a floating quantifier at token `q` stands for: "Trump and Sanders have both
    /// argued", "He and Goodlatte (R-Va.) both condemned", "Carson, Cruz and Paul have all
    /// attacked". The phrase right before it, past forms of "have" and "be" and a parenthesis,
    /// when it names someone: a name, a personal pronoun, a relative ("McConnell, who has both
    /// endorsed") or a plural noun.
    fn quantified_phrase(&self, q: usize, floor: usize) -> Option<Phrase> {
        let mut end = q;
        while end > floor + 1
            && (self.word_in(end - 1, W::HaveForm) || self.word_in(end - 1, W::BeForm))
        {
            end -= 1;
        }
        let end = self.skip_parenthesis(end, floor);
        let p = self.phrase_before(end, floor)?;
        let head = self.word(p.last);
        let names = is_capitalized(head)
            || matches!(
                self.role(p.last),
                Some(
                    Role::Pronoun(SpeakerType::Person | SpeakerType::Group)
                        | Role::Noun(_)
                        | Role::Relative
                )
            )
            || is_plural_form(head);
        (p.last + 1 == end && names).then_some(p)
    }

    /// The subject of the clause nearest before token `end` that a coordinator after a comma opens
    /// (", and the New Jersey governor tripped up Rubio by calling …", ", but Wallace brought him
    /// back, asking …"): a name, pronoun or speaker noun with a word after it. None when the
    /// nearest such coordinator (outside quotes) has no such subject. A subordinate clause ("after
    /// Ohio eliminated …, saying") is no participle's subject.
    fn nearest_clause_subject(&self, end: usize, floor: usize) -> Option<Phrase> {
        let k = (floor + 1..end).rev().find(|&k| {
            !self.quoted[k] && self.word_in(k, W::ClauseCoordinator) && self.is_punct(k - 1, &[','])
        })?;
        let p = self.phrase_after(k + 1, end)?;
        let named = self.capitalized(p.last)
            || matches!(self.role(p.last), Some(Role::Pronoun(_) | Role::Noun(_)));
        (named && p.last + 1 < end && self.is_word(p.last + 1)).then_some(p)
    }

    /// The head of a long speaker phrase the other paths give up on: a phrase opening its clause,
    /// then a modifier that runs up to the cue, the speaker being the head phrase. The modifier is
    /// a prepositional or participle tail ("People briefed on the move said", "sources close to
    /// her campaign say", "Democrats trying to regain the Senate say"), a relative clause
    /// ("executives who have worked with him say", "Wilcox, whose education …, said") or an aside
    /// between dashes or parentheses ("Many speakers at the service — including … — said", "Sen.
    /// Chris Murphy (a Connecticut Democrat …) says"); see [`Engine::modifier_tail`]. The leftmost
    /// such phrase that looks like a speaker wins; failing one, the same before an aside of a few
    /// words ([`Engine::long_aside`]): "Federal officials familiar with the server, speaking on
    /// condition of anonymity, said".
    pub(crate) fn head_subject(&self, h: usize, si: usize) -> Option<Speaker> {
        let hit = self.hits[h];
        if !hit.cue.has(Frame::Before) || hit.cue.has(Frame::Participle) {
            return None;
        }
        let floor = self.floor(si, hit.first);
        if self.directed_infinitive(hit.first, floor) {
            return None;
        }
        let end = self.subject_end(h)?;
        self.head_subject_before(si, floor, end)
            .or_else(|| {
                let aside = self.long_aside(end, floor)?;
                self.head_subject_before(si, floor, aside)
            })
            .or_else(|| self.aside_relative_head(si, floor, end))
    }

    /// The phrase a relative clause set off by commas follows, when the sentence's last claim is
    /// that clause's (its speaker the relative pronoun) and ends right before `end`, where the
    /// cue's speaker phrase ends: "A White House official, who requested anonymity to discuss a
    /// private conversation, said …" (the relative's claim, "anonymity to discuss …", is an aside
    /// of the cue's speaker, no bound before it). `floor` is where that claim ends. The phrase
    /// opens the sentence or a clause ([`Engine::phrase_may_open`]; not "after the Post, which
    /// said …, said", a subordinator's subject) and is headed by a speaker noun or a name the
    /// text knows.
    fn aside_relative_head(&self, si: usize, floor: usize, end: usize) -> Option<Speaker> {
        let start = self.sent_toks[si].start;
        if floor <= start || floor >= end {
            return None;
        }
        let r = self
            .claims
            .last()
            .filter(|c| c.sentence == si && self.tok_at(c.content.end) == floor)
            .and_then(|c| c.speaker.as_ref())
            .map(|sp| self.tok_at(sp.start))
            .filter(|&r| {
                r > start + 1
                    && self.speaker_role(r) == Some(Role::Relative)
                    && self.is_punct(r - 1, &[','])
            })?;
        if !(floor..end).all(|t| self.is_punct(t, &[',', '”', '"', '\''])) {
            return None;
        }
        let lo = self.floor(si, r - 1);
        let p = self
            .phrase_before(r - 1, lo)
            .filter(|p| p.first == lo || self.phrase_may_open(p.first, lo))?;
        let sp = self.speaker(p, si);
        let noun = matches!(self.role(p.last), Some(Role::Noun(_)));
        (noun || self.capitalized(p.last) && sp.entity.is_some()).then_some(sp)
    }

    /// [`Engine::head_subject`] with the speaker phrase and its modifier ending at `end`.
    fn head_subject_before(&self, si: usize, floor: usize, mut end: usize) -> Option<Speaker> {
        while end > floor + 1 && self.is_adverb(end - 1) {
            end -= 1;
        }
        let lo = floor.max(end.saturating_sub(MAX_TAIL_TOKENS));
        (lo..end)
            .filter(|&k| k == floor || self.phrase_may_open(k, floor))
            .find_map(|k| {
                let mut p = self.phrase_after(k, end)?;
                // "sources close to her campaign": the phrase ends with its last speaker noun.
                if let Some(noun) = (p.first..p.last)
                    .rev()
                    .find(|&t| matches!(self.role(t), Some(Role::Noun(_))))
                    .filter(|_| self.role(p.last).is_none() && !self.capitalized(p.last))
                {
                    p.last = noun;
                }
                let tail = p.last + 1;
                if tail >= end {
                    return None;
                }
                // A role noun ("people", "sources", "many") or a common noun after a determiner
                // takes any modifier; a name only one
                // set off by commas, dashes or parentheses, and only when it names an entity
                // ("It's impossible to …" is no speaker with a tail). Told first: a phrase that is
                // neither needs no look at its tail.
                let noun = match self.role(p.last) {
                    Some(Role::Noun(_)) => true,
                    Some(Role::Determiner) => {
                        speaker::is_group_determiner(self.text, &self.toks[p.last])
                    }
                    // "Many speakers at the service": a common noun after a determiner.
                    None => {
                        p.first < p.last
                            && self.role(p.first) == Some(Role::Determiner)
                            && !self.capitalized(p.last)
                    }
                    _ => false,
                };
                let set_off =
                    self.is_punct(tail, &[',', '—', '–', '(']) || self.is_double_dash(tail);
                if !(noun || set_off) {
                    return None;
                }
                // "the experts I interviewed said": a contact relative's head names people (a
                // speaker noun for a person or group, or a lowercase plural), not "a point he
                // likes to make" or "all she could do was shout".
                let people = matches!(
                    self.role(p.last),
                    Some(Role::Noun(
                        SpeakerType::Person | SpeakerType::Group | SpeakerType::Anonymous
                    ))
                ) || !self.capitalized(p.last) && is_plural_form(self.word(p.last));
                if matches!(
                    self.role(tail),
                    Some(Role::Pronoun(SpeakerType::Person | SpeakerType::Group))
                ) && !people
                {
                    return None;
                }
                // "A 2014 study that appeared in the journal found": a document's relative.
                let document = (p.first..=p.last)
                    .any(|t| self.role(t) == Some(Role::Noun(SpeakerType::Document)));
                if !self.modifier_tail(tail, end, document) {
                    return None;
                }
                let sp = self.speaker(p, si);
                (noun || set_off && sp.entity.is_some()).then_some(sp)
            })
    }

    /// Whether a speaker phrase may open at token `k` inside a sentence starting at `floor`: after
    /// a comma, semicolon or colon, after one word opening the sentence ("Yet some voters …"), or
    /// after a conjunction opening a clause (", but people close to him …").
    fn phrase_may_open(&self, k: usize, floor: usize) -> bool {
        let b = k - 1;
        if !self.is_word(b) {
            // "A USA TODAY/Suffolk University poll released this week found …": a slash between
            // two capitalised words joins two names, and the second may head the phrase.
            if self.is_punct(b, &['/']) {
                return b > floor && self.capitalized(b - 1) && self.capitalized(k);
            }
            return self.is_punct(b, &[',', ';', ':']) && !self.quoted[b];
        }
        // "Yet some voters …" opening the sentence; ", but people close to him …".
        let opener = b == floor && matches!(self.role(b), Some(Role::Stop | Role::Adverb));
        // Where a clause may open (cheap) before what opens it (word lists).
        // "And while a poll released last week showed …": a subordinator after such a word
        // opening the sentence.
        let clause_may_open = b == floor
            || self.is_punct(b - 1, &[',', ';'])
            || b - 1 == floor
                && matches!(self.role(b - 1), Some(Role::Stop | Role::Adverb))
                && self.is_subordinator(b);
        let conjunction = || {
            self.word_in(b, W::ClauseCoordinator)
                || self.word_in(b, W::ClauseBoundary)
                || self.is_subordinator(b)
        };
        opener || clause_may_open && conjunction()
    }

    /// Whether tokens `a..end` modify the speaker phrase before them and hold no clause of their
    /// own: a preposition, a participle or adjective before a preposition ("briefed on", "close
    /// to") or an "-ing" word opening words that are no verb, conjunction or cue; a relative clause
    /// ("who …", ", which …,"; after a phrase holding a document noun, `document`, "that …" too),
    /// after such words or alone; asides between dashes or parentheses.
    pub(crate) fn modifier_tail(&self, a: usize, end: usize, document: bool) -> bool {
        // A document's "that" opens a relative only before a verb ("a study that appeared in"),
        // not before a subject ("reports that Blair is planning …" is their content).
        let verb = |t: usize| {
            t < end
                && !self.capitalized(t)
                && (self.be_have_or_auxiliary(t) || self.word_in(t, W::PastEnding))
        };
        let relative = |t: usize| {
            self.word_in(t, W::ModifierRelative)
                || document && self.word_in(t, W::DocumentRelative) && verb(t + 1)
        };
        if a >= end || end - a > MAX_TAIL_TOKENS {
            return false;
        }
        // "the experts I interviewed say", "Several people I have spoken with over the last weeks
        // said": a personal pronoun right after the phrase, then a lowercase word (its verb, or
        // an auxiliary), opens a contact relative clause that runs up to the cue.
        if matches!(
            self.role(a),
            Some(Role::Pronoun(SpeakerType::Person | SpeakerType::Group))
        ) {
            let next = (a + 1..end).find(|&t| self.is_word(t));
            return next.is_some_and(|v| {
                !self.capitalized(v)
                    && self.hit_at(v).is_none()
                    && (self.role(v).is_none() || self.be_have_or_auxiliary(v))
            }) && self.modifier_clause(a + 1, end);
        }
        // "a poll last week", "New polls released Sunday", "A poll out Monday": a date, alone or
        // after a participle or particle, is a modifier too.
        let dated = |t: usize| t < end && self.date_word(t);
        let opens = self.is_punct(a, &['—', '–', '-', '('])
            || self.role(a) == Some(Role::Preposition)
            || relative(a)
            || self.is_punct(a, &[','])
            || dated(a)
            || self.is_word(a)
                && self.role(a).is_none()
                && self.hit_at(a).is_none()
                && !self.capitalized(a)
                && (self.word_in(a, W::GerundEnding)
                    || a + 1 < end && self.role(a + 1) == Some(Role::Preposition)
                    || dated(a + 1));
        if !opens {
            return false;
        }
        let mut t = a;
        while t < end {
            if self.quoted[t] {
                return false;
            }
            if relative(t) {
                // "people who have seen him on the trail say": the rest is the relative clause.
                return self.modifier_clause(t + 1, end);
            }
            if self.is_punct(t, &[',']) {
                // "Wilcox, whose education … program, said": a relative clause set off by commas
                // runs to the comma before the cue.
                return t + 1 < end
                    && self.word_in(t + 1, W::ModifierRelative)
                    && self.is_punct(end - 1, &[','])
                    && self.modifier_clause(t + 2, end - 1);
            }
            if let Some(close) = self.aside_close(t, end) {
                t = close + 1;
                continue;
            }
            let plain = if self.is_word(t) {
                self.hit_at(t).is_none()
                    && (self.date_word(t)
                        || match self.role(t) {
                            None | Some(Role::Noun(_) | Role::Determiner | Role::Preposition) => {
                                true
                            }
                            // "a poll last year", "the group on Tuesday": a date word.
                            // "a poll by The Washington Post and ABC News": a coordinator
                            // inside the tail joins two of its phrases.
                            Some(Role::Stop) => {
                                self.capitalized(t)
                                    || t > a && t + 1 < end && self.word_in(t, W::PhraseCoordinator)
                            }
                            _ => false,
                        })
            } else {
                // "a poll from USA TODAY/Suffolk University": a slash joins two names.
                self.is_punct(t, &['\'', '’', '-', '.', '%', '$', '/'])
            };
            if !plain {
                return false;
            }
            t += 1;
        }
        true
    }

    /// The closing token of an aside opening at token `t` before `end`: a dash to the next dash,
    /// a parenthesis to its close, holding no sentence break.
    fn aside_close(&self, t: usize, end: usize) -> Option<usize> {
        let close: &[char] = if self.is_punct(t, &['—', '–']) || self.is_double_dash(t) {
            &['—', '–', '-']
        } else if self.is_punct(t, &['(']) {
            &[')']
        } else {
            return None;
        };
        let c = (t + 1..end).find(|&c| self.is_punct(c, close))?;
        (t + 1..c)
            .all(|k| !self.is_punct(k, &['.', ';', ':', '(']) && !self.quoted[k])
            .then_some(c)
    }

    /// Whether tokens `a..end` may be a relative clause inside a speaker phrase: words, no
    /// sentence break, colon or quotation, and no comma before a clause coordinator (", and …").
    fn modifier_clause(&self, a: usize, end: usize) -> bool {
        let breaks = |t: usize| {
            self.quoted[t]
                || self.is_punct(t, &['.', ';', ':', '?', '!'])
                || self.is_punct(t, &[','])
                    && t + 1 < end
                    && self.word_in(t + 1, W::ClauseCoordinator)
        };
        a < end && !(a..end).any(breaks)
    }

    /// The cue a participle `h` goes on from: one right before its comma ("Spicer said, adding"),
    /// or another participle before its "and" ("tweeting that … and asking").
    pub(crate) fn cue_before_participle(&self, h: usize, floor: usize) -> Option<usize> {
        let hit = self.hits[h];
        let mut j = hit.first.checked_sub(1).filter(|&j| j > floor)?;
        while j > floor && self.is_adverb(j) {
            j -= 1;
        }
        if self.is_punct(j, &[',']) {
            let prev = h.checked_sub(1)?;
            let p = &self.hits[prev];
            return (p.last + 1 == j && p.first >= floor && p.cue.has(Frame::Before))
                .then_some(prev);
        }
        if self.word_in(j, W::PhraseCoordinator) {
            return (0..h)
                .rev()
                .take_while(|&k| self.hits[k].first >= floor)
                .find(|&k| self.hits[k].cue.has(Frame::Participle));
        }
        None
    }

    /// "Name, appositive," opening sentence `si` (after a conjunction: "But Asa Khalif, an
    /// organizer with …, said") and closing with the comma at token `comma`: the name (or a phrase
    /// headed by a speaker noun, "Another pollster, David Woodard of …, said") as a speaker. The appositive may hold no cue and no comma but one between two capitalised words
    /// ("a delegate from Houston, Texas,"), and is no name of its own.
    pub(crate) fn opening_appositive(&self, comma: usize, si: usize) -> Option<Speaker> {
        let mut floor = self.sent_toks[si].start;
        if floor + 1 < comma
            && function_words::is(&self.word(floor).to_lowercase(), W::ClauseCoordinator)
        {
            floor += 1;
        }
        let p = self.phrase_after(floor, comma)?;
        let first_comma = p.last + 1;
        // "Another pollster, David Woodard of Clemson University, said": a speaker noun heads the
        // phrase as a name does.
        let head = self.capitalized(p.last) || matches!(self.role(p.last), Some(Role::Noun(_)));
        if first_comma >= comma || !self.is_punct(first_comma, &[',']) || !head {
            return None;
        }
        let appositive = first_comma + 1..comma;
        let words = appositive.clone().filter(|&t| self.is_word(t)).count();
        let place_comma = |t: usize| {
            self.is_punct(t, &[','])
                && t > first_comma + 1
                && t + 1 < comma
                && self.capitalized(t - 1)
                && self.capitalized(t + 1)
        };
        let np = words > 0
            && words <= MAX_APPOSITIVE_WORDS
            && appositive.clone().all(|t| {
                self.is_word(t) && self.hit_at(t).is_none()
                    || self.is_punct(t, &['(', ')', '-', '.'])
                    || place_comma(t)
            });
        // After a conjunction, or with a long appositive or a place in it, the phrase must be a
        // name the text knows ("Currently, India has six big developers …, said the report" is
        // no speaker's).
        let loose = floor > self.sent_toks[si].start
            || words > MAX_SHORT_APPOSITIVE_WORDS
            || appositive.clone().any(place_comma);
        if loose && self.mentions_in(&self.bytes(p.first, p.last)).is_empty() {
            return None;
        }
        // "But the chairman of Migration Watch UK, Sir Andrew Green, said": a name in apposition
        // is the speaker's name, which the commas before the cue give.
        let named = appositive
            .clone()
            .filter(|&t| self.is_word(t))
            .all(|t| self.capitalized(t));
        (np && !named).then(|| self.speaker(p, si))
    }

    /// Whether token `t` (before `end`) carries a clause on: after any adverbs ("said Roe
    /// yesterday."), a word that is not a preposition or a relative.
    pub(crate) fn clause_goes_on(&self, mut t: usize, end: usize) -> bool {
        while t < end && self.is_adverb(t) {
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
            || self.is_word(t) && !matches!(self.role(t), Some(Role::Preposition | Role::Relative))
    }

    /// Whether phrase `p`, right after a cue, is the subject of the clause the cue reports rather
    /// than the cue's inverted speaker: a subject pronoun a clause goes on after ("…, said he was
    /// unaware", "“…,” said he doesn’t believe …"), or a phrase an auxiliary follows ("said the
    /// candidate could win"). "said he.", "said Smith on Monday", "said Clinton ally James
    /// Carville" stay tags.
    pub(crate) fn subject_of_clause(&self, p: Phrase, end: usize) -> bool {
        let next = p.last + 1;
        if next >= end {
            return false;
        }
        if p.first == p.last && self.word_in(p.first, W::ClauseSubject) {
            return self.clause_goes_on(next, end);
        }
        self.word_in(next, W::FiniteAuxiliary)
    }

    /// Whether token `t` is the closing mark of a quote.
    pub(crate) fn closes_quote(&self, t: usize) -> bool {
        let end = self.toks[t].end;
        self.quotes.binary_search_by_key(&end, |q| q.close).is_ok()
    }

    /// `end`, or the start of a date right before it: "Ryan on Tuesday called", "Cruz Monday
    /// said" (a day or month is a capitalised stop word in `speakers.tsv`), "Priebus this past
    /// week announced" (a time word after date modifiers), "Spicer on Thursday evening said" (a time
    /// word after a day).
    pub(crate) fn skip_date(&self, end: usize, floor: usize) -> usize {
        let Some(mut d) = end.checked_sub(1).filter(|&d| d > floor) else {
            return end;
        };
        let day = |t: usize| self.capitalized(t) && self.role(t) == Some(Role::Stop);
        // "Spicer on Thursday evening said": a time word after a day belongs to its date.
        if d - 1 > floor && !self.capitalized(d) && self.word_in(d, W::DateWord) && day(d - 1) {
            d -= 1;
        }
        let date = day(d);
        let modified = self.word_in(d, W::DateWord) && self.word_in(d - 1, W::DateModifier);
        if !date && !modified {
            return end;
        }
        if modified {
            while d - 1 > floor && self.word_in(d - 1, W::DateModifier) {
                d -= 1;
            }
        }
        if d - 1 > floor && self.role(d - 1) == Some(Role::Preposition) {
            d - 1
        } else {
            d
        }
    }

    /// The agent after "by" at token `t`, before token `end` ("asked by Thrush if …", "called
    /// “…” by Joshua Hendrick"), and the token after its phrase.
    pub(crate) fn by_agent(&self, t: usize, end: usize, si: usize) -> Option<(Speaker, usize)> {
        if t + 1 >= end || !self.word_in(t, W::AgentMarker) {
            return None;
        }
        let p = self.phrase_after(t + 1, end)?;
        Some((self.speaker(p, si), p.last + 1))
    }

    /// `end`, or the comma opening a one-word aside right before it: "The two lawmakers, however,
    /// argue", "Cruz, meanwhile, warned", "Proponents, clearly, say".
    pub(crate) fn skip_aside(&self, end: usize, floor: usize) -> usize {
        let aside = end >= floor + 4
            && self.is_punct(end - 1, &[','])
            && self.is_punct(end - 3, &[','])
            // Adverbs (speakers.tsv: "however", "meanwhile", "too") and asides that are not
            // (lexicons/function_words/aside.txt: "though").
            && (self.is_adverb(end - 2) || self.word_in(end - 2, W::Aside));
        if aside {
            end - 3
        } else {
            end
        }
    }

    /// `end`, or the token of a one-word aside (lexicons/function_words/aside.txt) between a
    /// speaker and its cue without commas, adverbs before `end` aside: a reflexive stressing the
    /// speaker ("Ford itself said", "The president himself has said") or "since" after a form of
    /// "have" ("Mrs. Clinton has since said"). The phrase reader skips the adverbs and
    /// auxiliaries before it.
    pub(crate) fn skip_intensifier(&self, end: usize, floor: usize) -> usize {
        let mut k = end;
        while k > floor + 1 && self.is_adverb(k - 1) {
            k -= 1;
        }
        if k > floor + 1 && self.is_word(k - 1) && self.word_in(k - 1, W::Aside) {
            k - 1
        } else {
            end
        }
    }

    /// The comma opening an aside of a few plain words right before `end` (itself a comma): one
    /// opening with a preposition, an adverb or an "-ing" word ("The senator's campaign, for
    /// example, said", "Ms. Roe, in an opinion article, rebuked", "Officials, speaking on
    /// condition of anonymity, said"), at most [`MAX_ASIDE_TOKENS`] tokens, no quotation. The
    /// speaker paths try it only when they find no speaker without it, as "Stephen Douglas, 26,
    /// from Wales, said" is a name and its appositives.
    pub(crate) fn long_aside(&self, end: usize, floor: usize) -> Option<usize> {
        if end < floor + 4 || !self.is_punct(end - 1, &[',']) {
            return None;
        }
        let lo = (floor + 1).max(end.saturating_sub(MAX_ASIDE_TOKENS + 2));
        let comma = self.commas(lo, end - 2).rev().find(|&t| !self.quoted[t])?;
        let first = comma + 1;
        let plain = (first..end - 1).all(|t| self.is_word(t) && !self.quoted[t]);
        let opens = self.role(first) == Some(Role::Preposition)
            || self.is_adverb(first)
            || self.word_in(first, W::GerundEnding);
        (plain && opens).then_some(comma)
    }

    /// Where the speaker phrase of cue `h` ends (exclusive): the cue's first token, or for an
    /// adjective cue the form of be before it and the adverbs between ("Cruz is skeptical of",
    /// "X has long been critical of"); None for an adjective cue with no form of be before it.
    #[inline(always)]
    pub(crate) fn subject_end(&self, h: usize) -> Option<usize> {
        let hit = self.hits[h];
        // Nearly every cue is no adjective: told where it is asked, without a call.
        if !hit.cue.has(Frame::Adjective) {
            return Some(hit.first);
        }
        self.adjective_subject_end(hit.first)
    }

    /// [`Engine::subject_end`] of an adjective cue whose first token is `first`.
    fn adjective_subject_end(&self, first: usize) -> Option<usize> {
        let mut k = first;
        while k > 0 && self.is_adverb(k - 1) && !self.word_in(k - 1, W::BeForm) {
            k -= 1;
        }
        (k > 0 && self.word_in(k - 1, W::BeForm)).then(|| k - 1)
    }

    /// `end`, or the first token of an evidential cue and the "to" after it right before `end`
    /// (cues with the `raising` frame): the speaker of "urge" in "Rubio seemed to urge …" stands
    /// before "seemed to"; or the first of the words of `lexicons/function_words/catenative.txt`
    /// (no cue: verbs and adjectives that only carry the infinitive) and forms of "be" and adverbs
    /// before that "to": "Clinton is trying to show …", "Trump was quick to add …".
    pub(crate) fn skip_raising(&self, end: usize, floor: usize) -> usize {
        if end < floor + 2 || !self.word_in(end - 1, W::InfinitiveMarker) {
            return end;
        }
        let k = self.hits.partition_point(|h| h.last < end - 2);
        if let Some(h) = self.hits.get(k) {
            if h.last == end - 2 && h.cue.has(Frame::Raising) {
                return h.first;
            }
        }
        // "Lewandowski continued to say …", "He went on to endorse …", "Clinton is trying to
        // show …": a verb that only carries the infinitive (two in a row for "went on"), and the
        // forms of "be" of a progressive before it.
        // "Trump was quick to add …", "He has often been careful not to mention …": an adjective
        // of the class after a form of "be" as well, a negation between it and its "to", and
        // adverbs among the forms of "be" ("Cruz is now trying to cast …").
        let mut v = end - 2;
        if !self.word_in(v, W::Catenative)
            && v > floor
            && self.is_adverb(v)
            && self.word_in(v - 1, W::Catenative)
        {
            v -= 1;
        }
        if !self.word_in(v, W::Catenative) {
            return end;
        }
        if v > floor && self.word_in(v - 1, W::Catenative) {
            v -= 1;
        }
        while v > floor + 1 && (self.word_in(v - 1, W::BeForm) || self.is_adverb(v - 1)) {
            v -= 1;
        }
        v
    }

    /// `end`, or for a cue in "-ing" at token `end` the form of "be" of its progressive right
    /// before it, adverbs between ("Dayton is backing Clinton", "her campaign is now planning to
    /// …"): the speaker phrase ends before the form of "be".
    pub(crate) fn skip_progressive(&self, end: usize, floor: usize) -> usize {
        if !self.word_in(end, W::GerundEnding) {
            return end;
        }
        let mut k = end;
        while k > floor + 1 && self.is_adverb(k - 1) {
            k -= 1;
        }
        if k > floor + 1 && self.word_in(k - 1, W::BeForm) {
            k - 1
        } else {
            end
        }
    }

    /// `end`, or the start of a short parenthesis right before it ("Marco Rubio (R-Fla.) said").
    pub(crate) fn skip_parenthesis(&self, end: usize, floor: usize) -> usize {
        if end <= floor || !self.is_punct(end - 1, &[')']) {
            return end;
        }
        (floor.max(end.saturating_sub(8))..end - 1)
            .rev()
            .find(|&t| self.is_punct(t, &['(']))
            .unwrap_or(end)
    }

    /// The speaker of a cue in a list of predicates ("Smith urged lawmakers to act, proposed that
    /// the state raise taxes, and pushed …"): the comma at token `comma`, right before the cue,
    /// closes the clause of the sentence's last claim (its content ends there: "X said the plan,
    /// published in May, was …" is not a list), whose cue comes right after its speaker
    /// (adverbs aside), the sentence's subject, with no comma, quote mark or coordinator between
    /// that cue and the comma; and the cue is followed by no preposition but an infinitive's.
    fn predicate_list_speaker(&self, h: usize, comma: usize, si: usize) -> Option<Speaker> {
        // "the White Paper, published in December 2003, was …": a participle before a
        // preposition opens an aside (an infinitive's "to" aside: "declined to affirm").
        let hit = self.hits[h];
        let next = hit.last + 1;
        if next < self.toks.len()
            && self.role(next) == Some(Role::Preposition)
            && !hit.cue.has(Frame::Infinitive)
        {
            return None;
        }
        let c = self.claims.last().filter(|c| c.sentence == si)?;
        let (cue, speaker) = (c.cue.clone()?, c.speaker.clone()?);
        let (cue_first, after_cue) = (self.tok_at(cue.start), self.tok_at(cue.end));
        let speaker_end = self.tok_at(speaker.end);
        if speaker.end > cue.start || after_cue >= comma || c.content.end > self.toks[comma].start {
            return None;
        }
        // The earlier cue's speaker is the sentence's subject: no punctuation or quote mark before
        // that cue in the sentence ("X, who called …, said" is X's, not the relative's).
        let floor = self.sent_toks[si].start;
        let subject = (floor..cue_first).all(|t| !self.quoted[t] && self.is_word(t))
            && self.role(self.tok_at(speaker.start)) != Some(Role::Relative);
        let adjacent = subject && (speaker_end..cue_first).all(|t| self.is_adverb(t));
        let plain = (after_cue..comma).all(|t| {
            !self.quoted[t]
                && !self.is_punct(t, &[',', ';', ':'])
                && !self.word_in(t, W::ClauseCoordinator)
        });
        (adjacent && plain).then(|| self.claim_speaker(c)).flatten()
    }

    /// The subject of the sentence before token `before`: an earlier claim's speaker in the same
    /// sentence, else the first phrase of the sentence (after an opening "On Monday,").
    pub(crate) fn sentence_subject(&self, before: usize, si: usize) -> Option<Speaker> {
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
        let k = self.subject_start(before, si)?;
        // The subject ends at the first cue: "The former candidate continued, saying …".
        let first_cue = self.hits.partition_point(|h| h.first < k);
        let ceil = self
            .hits
            .get(first_cue)
            .map_or(before, |h| h.first.min(before));
        let p = self.phrase_after(k, ceil)?;
        let head = |t: usize| {
            self.capitalized(t) || matches!(self.role(t), Some(Role::Pronoun(_) | Role::Noun(_)))
        };
        // "the senators met on Tuesday and said …": a phrase running on past its speaker noun
        // into lowercase words ends at that noun.
        let last = (p.first..=p.last).rev().find(|&t| head(t))?;
        Some(self.speaker(
            Phrase {
                first: p.first,
                last,
            },
            si,
        ))
    }

    /// Where the subject of sentence `si` starts, before token `before`: after a dateline, an
    /// opening connective and the opening phrases ("On Monday, X …"). None when an opening
    /// phrase runs up to `before` with no comma closing it.
    fn subject_start(&self, before: usize, si: usize) -> Option<usize> {
        let mut k = self.sent_toks[si].start;
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
        // "But the former president showed restraint and described …": a connective opening
        // the sentence without a comma stands before its subject.
        if k + 1 < before && self.word_in(k, W::OpeningConnective) && self.is_word(k + 1) {
            k += 1;
        }
        while k < before && self.opens_phrase(k) {
            // "Later John Bolton turned …", "Then he cut into Bush, calling …": an adverb right
            // before a name or a pronoun is one word long ("Earlier this week, X" is not; "Once he
            // was president, X" opens a subordinate clause).
            let adverb = self.role(k) == Some(Role::Adverb)
                && !self.is_subordinator(k)
                && k + 1 < before
                && self.is_word(k + 1)
                && (self.capitalized(k + 1) || matches!(self.role(k + 1), Some(Role::Pronoun(_))));
            k = match self.commas(k, before).next() {
                _ if adverb => k + 1,
                Some(comma) => comma + 1,
                None => return None,
            };
        }
        Some(k)
    }

    /// The subject phrase an article at token `k` opens when its noun is no speaker noun the
    /// phrase reader knows ("The pilot checked the weight and said …", "A neighbor came in and
    /// told me …": after a capitalised article it reads a name, and a lowercase word is none).
    /// The article and the plain lowercase words after it (at most [`MAX_ARTICLE_WORDS`], before
    /// `ceil`): all of them when a word that looks like a verb follows (an "-ed" or "-ing" form, a
    /// form of "be" or "have", an auxiliary: "The rules committee report was …"), else all but
    /// the last, which is then the verb ("The bank gave the …", "A neighbor came in").
    fn article_phrase(&self, k: usize, ceil: usize) -> Option<Phrase> {
        if !(self.word_in(k, W::DefiniteArticle) || self.word_in(k, W::IndefiniteArticle)) {
            return None;
        }
        let verb = |t: usize| {
            self.word_in(t, W::PastEnding)
                || self.word_in(t, W::GerundEnding)
                || self.be_have_or_auxiliary(t)
        };
        let plain = |t: usize| {
            self.is_word(t)
                && !self.quoted[t]
                && !self.capitalized(t)
                && self.role(t).is_none()
                && !verb(t)
        };
        let limit = ceil.min(k + 1 + MAX_ARTICLE_WORDS);
        let stop = (k + 1..limit).find(|&t| !plain(t)).unwrap_or(limit);
        let verb_next = stop < ceil && self.is_word(stop) && !self.capitalized(stop) && verb(stop);
        let last = if verb_next {
            stop - 1
        } else {
            stop.saturating_sub(2)
        };
        (last > k).then_some(Phrase { first: k, last })
    }

    /// The mention that starts at token `k`, if one does.
    pub(crate) fn mention_at(&self, k: usize) -> Option<&Mention> {
        let start = self.toks[k].start;
        let m = self.mention_from(|m| m.end <= start);
        self.mentions.get(m).filter(|m| m.start == start)
    }

    /// Whether a place's name (a mention of a [`EntityType::Place`]) starts at token `k`.
    pub(crate) fn place_at(&self, k: usize) -> bool {
        self.mention_at(k)
            .is_some_and(|m| self.entities.get(m.entity).kind == EntityType::Place)
    }

    /// Whether token `k` opens an adverbial phrase before a sentence's subject: a stop word,
    /// preposition or adverb, a capitalised participle that is no name ("Speaking", "Asked"), or a
    /// place name before a comma (the state in "Birmingham, Alabama,").
    pub(crate) fn opens_phrase(&self, k: usize) -> bool {
        if matches!(
            self.role(k),
            Some(Role::Stop | Role::Preposition | Role::Adverb)
        ) {
            return true;
        }
        match self.mention_at(k) {
            Some(m) => {
                self.entities.get(m.entity).kind == EntityType::Place
                    && self.is_punct(self.tok_at(m.end), &[','])
            }
            None => {
                // "Asked about the plan, X …", "Pressed on it, X …": a past participle as well.
                // A name such as "Boreing" is followed by its verb, not a phrase.
                let w = self.word(k);
                w.len() > 4
                    && (self.word_in(k, W::GerundEnding) || self.word_in(k, W::PastEnding))
                    && is_capitalized(w)
                    && self.hit_at(k + 1).is_none()
            }
        }
    }

    /// "Dianne Bystrom agreed. “…”": a sentence that is nothing but a speaker and a cue, maybe
    /// with an adverbial of occasion after it ("Jo Roe said in a statement."), tags the quote
    /// opening the next sentence. The speaker may be a name before its role's appositive that no
    /// comma closes ("Jo Roe, the director of the party said.": [`Engine::name_before_role`]).
    pub(crate) fn tag_sentence(&self, prev: Range<usize>, si: usize) -> Option<(Speaker, usize)> {
        if prev.len() < 3 || !self.is_punct(prev.end - 1, &['.']) {
            return None;
        }
        let stop = prev.end - 1;
        let h = self
            .hits
            .partition_point(|h| h.last < stop)
            .checked_sub(1)?;
        let hit = self.hits[h];
        let occasion = || {
            self.object_occasion(hit.last + 1, stop) == Some(hit.last + 1)
                && (hit.last + 1..stop).all(|t| self.is_word(t))
        };
        if hit.last < prev.start
            || hit.last + 1 < stop && !occasion()
            || hit.used
            || !hit.cue.has(Frame::Before)
            || !matches!(hit.cue.class, CueClass::Speech | CueClass::Belief)
        {
            return None;
        }
        let mut p = self.phrase_before(hit.first, prev.start)?;
        if p.first > prev.start + 1 && self.role(p.first - 1) == Some(Role::Preposition) {
            if let Some(n) = self
                .phrase_before(p.first - 1, prev.start)
                .and_then(|q| self.name_before_role(q, prev.start))
            {
                p = n;
            }
        }
        (p.first == prev.start).then(|| (self.speaker(p, si), h))
    }
}
