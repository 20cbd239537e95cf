//! Typing a speaker phrase and resolving it: a pronoun, relative or definite role noun to an
//! earlier speaker, a name to its entity; and the tests of what looks like a speaker.

use crate::affiliation::MAX_APPOSITIVE;
use crate::claims::attribution::{Engine, Speaker};
use crate::claims::function_words::WordClass as W;
use crate::claims::speaker::{self, Phrase, Role, Sex};
use crate::claims::tokens::possessive_stem;
use crate::claims::{Claim, SpeakerType};
use crate::entity::EntityType;
use crate::lexicon::{ABBREVIATIONS, POST_NOMINALS, SURNAMES};
use crate::mentions::Mention;
use crate::plural::{is_plural_form, person_words};
use std::cell::Cell;
use std::ops::Range;

/// How many mentions before a role noun are searched for the person it names.
const ROLE_REACH: usize = 50;

/// How many tokens before or after a person's mention a role word may stand to be its title or
/// apposition ("Vermont Sen. Bernie Sanders", "Sanders, the Vermont senator").
const ROLE_WINDOW: usize = 4;

/// How many mentions before a role noun that names its organisation ("the IAEA chief") are searched
/// for the person who holds the role: the person is often introduced once, with the organisation,
/// paragraphs before ("Rafael Grossi, head of the International Atomic Energy Agency (IAEA), …").
const ORGANISATION_ROLE_REACH: usize = 400;

/// How many tokens before a person's name an organisation's name and title may stand ("International
/// Atomic Energy Agency Director General Rafael Grossi").
const TITLE_REACH: usize = 8;

/// Fewest letters of an abbreviated title that may stand for the role word it begins ("Sen.",
/// "Gov."; not "Mr.").
const MIN_ROLE_ABBREVIATION: usize = 3;

impl Engine<'_> {
    /// Types and resolves a speaker phrase.
    pub(crate) fn speaker(&self, p: Phrase, si: usize) -> Speaker {
        let p = self.whole_name(p);
        let span = self.bytes(p.first, p.last);
        let para = self.paragraph(si);
        let recent = |slot: &Option<(Speaker, u32)>| {
            slot.as_ref()
                .filter(|(_, p)| para.saturating_sub(*p) <= 2)
                .map(|(s, _)| s.clone())
        };
        // "he's predicting": a pronoun contracted with "is" or "has" stands for the pronoun.
        let contracted = speaker::contracted_pronoun(self.text, &self.toks[p.last]);
        let head_role = match self.speaker_role(p.last) {
            // "his claim", "their view": a possessive stands for its pronoun.
            Some(Role::Determiner) if self.word_in(p.last, W::PersonPossessive) => {
                Some(Role::Pronoun(SpeakerType::Person))
            }
            Some(Role::Determiner) if self.word_in(p.last, W::GroupPossessive) => {
                Some(Role::Pronoun(SpeakerType::Group))
            }
            r => r,
        };
        let antecedent = match head_role {
            Some(Role::Pronoun(SpeakerType::Person)) => {
                // "she said": the latest speaker or person named before whose sex, when a title
                // or given name tells it, agrees with the pronoun's.
                let pronoun = contracted.map_or(self.word(p.last), |(stem, _)| stem);
                let sex = speaker::word_sex(pronoun);
                let agrees = |s: &Speaker| {
                    sex.is_none() || self.speaker_sex(s).is_none_or(|other| Some(other) == sex)
                };
                // "… but he said": a person who opens a clause before, for a pronoun that tells
                // a sex ("he", "she"; not "his" nor "I").
                let subject = (sex.is_some() && !self.word_in(p.last, W::PersonPossessive))
                    .then(|| self.clause_subject_before(p))
                    .flatten();
                subject
                    .filter(&agrees)
                    .or_else(|| recent(&self.last_person).filter(&agrees))
                    .or_else(|| recent(&self.prev_person).filter(&agrees))
                    .or_else(|| self.person_mention_before(span.start, agrees))
            }
            Some(Role::Pronoun(SpeakerType::Group)) => recent(&self.last_group),
            // "it said": the latest organisation that spoke.
            Some(Role::Pronoun(SpeakerType::Unresolved))
                if contracted.map_or_else(
                    || self.word_in(p.last, W::ThingPronoun),
                    |(stem, _)| self.function_words.is(stem, W::ThingPronoun),
                ) =>
            {
                recent(&self.last_group).filter(|s| s.ty == SpeakerType::Organization)
            }
            Some(Role::Relative) => self.relative_antecedent(p, si),
            // "the Vermont senator said": the person the role noun stands for.
            Some(Role::Noun(SpeakerType::Person)) if self.word_in(p.first, W::DefiniteArticle) => {
                self.role_antecedent(p, recent(&self.last_person))
            }
            Some(Role::Noun(_)) if self.word_in(p.first, W::DefiniteArticle) => {
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
                tokens: Some((p.first, p.last)),
            };
        }
        let role_noun = matches!(head_role, Some(Role::Noun(SpeakerType::Person)))
            && self.word_in(p.first, W::DefiniteArticle);
        if matches!(head_role, Some(Role::Pronoun(_) | Role::Relative)) || role_noun {
            // A pronoun, relative or definite role noun with no antecedent found names no one we
            // know: its type is unknown.
            return Speaker {
                name: span.clone(),
                span,
                entity: None,
                ty: SpeakerType::Unresolved,
                tokens: Some((p.first, p.last)),
            };
        }
        // "Sony's assertion that …": the possessive is not part of the name.
        let named = &self.text[span.clone()];
        let end = span.start + possessive_stem(named).unwrap_or(named).len();
        let entity = self
            .person_before_of(p, span.start)
            .or_else(|| self.person_before_post_nominals(p, span.start))
            .or_else(|| self.mention_ending(end, span.start).map(|m| m.entity));
        let anonymous = || {
            let sentence_end = self.sentences[self.sentence_of_near(span.start, si)].end;
            let rest = span.end..sentence_end.max(span.end);
            speaker::says_anonymous_in(self.text, self.toks, p.last + 1, rest)
        };
        // The phrase's own type (`speaker::phrase_type`) is asked only here: a pronoun, an
        // antecedent or an entity decides the type without it.
        let ty = if let Some(e) = entity {
            match self.entities.get(e).kind {
                EntityType::Person => SpeakerType::Person,
                _ => SpeakerType::Organization,
            }
        } else if !self.capitalized(p.last) && anonymous() {
            SpeakerType::Anonymous
        } else {
            match speaker::phrase_type(self.text, self.toks, p) {
                SpeakerType::Person if self.organisation_name(p) => SpeakerType::Organization,
                t => t,
            }
        };
        Speaker {
            name: span.clone(),
            span,
            entity,
            ty,
            tokens: Some((p.first, p.last)),
        }
    }

    /// Phrase `p`, or when a mention starts in it and ends after it, `p` to the mention's end:
    /// the phrase readers stop at a word that may end a name ("the Office for National
    /// Statistics" at "for", "Theresa May" at the month, "Standard & Poor's" at "&"), and a
    /// speaker is the whole name. Not over a cue or a quotation.
    fn whole_name(&self, p: Phrase) -> Phrase {
        let end = self.toks[p.last].end;
        let k = self.mention_from(|m| m.end <= end);
        let Some(m) = self
            .mentions
            .get(k)
            .filter(|m| m.start < end && m.start >= self.toks[p.first].start)
        else {
            return p;
        };
        let last = self.tok_at(m.end) - 1;
        let clear = (p.last + 1..=last).all(|t| !self.quoted[t] && self.hit_at(t).is_none());
        if clear && self.toks[last].end == m.end {
            Phrase { last, ..p }
        } else {
            p
        }
    }

    /// Whether phrase `p`, of no entity, is an organisation's name that opens with the name of
    /// another organisation or a place: "UK Coal", "BBC Sport", "BT Retail", "Swiss Re", "the
    /// Downing Street Strategy Unit" (after an article, the mention of an organisation or place,
    /// not possessive, then only capitalised words, none a speaker noun or hyphenated, no given
    /// name or title in the phrase, and no surname or plural of letters after a name ending it:
    /// "Labour MPs"). Not "BBC director", "France's Snecma", "Virginia Madsen".
    fn organisation_name(&self, p: Phrase) -> bool {
        let first = if self.word_in(p.first, W::DefiniteArticle) {
            p.first + 1
        } else {
            p.first
        };
        let Some(m) = self.mention_at(first).filter(|m| {
            m.end < self.toks[p.last].start
                && self.entities.get(m.entity).kind != EntityType::Person
        }) else {
            return false;
        };
        let after = self.tok_at(m.end);
        if after == 0 || self.toks[after - 1].end != m.end {
            return false;
        }
        // A hyphenated word may be a role the speaker lexicon lists without its prefix
        // ("Co-Chairman").
        let words = (after..=p.last).all(|t| {
            self.is_word(t)
                && self.capitalized(t)
                && !matches!(self.role(t), Some(Role::Noun(_)))
                && !self.word(t).contains('-')
        }) && !person_words((first..=p.last).map(|t| self.word(t)));
        let head = self.word(p.last);
        let plural_letters = head
            .strip_suffix('s')
            .is_some_and(|w| POST_NOMINALS.contains(w));
        // "Virginia Madsen": a surname after a place's name is a person's name (a surname that is
        // also a word is left so too: "Swiss Re").
        words && !plural_letters && !SURNAMES.contains(head)
    }

    /// The person named right before the first "of" of phrase `p` (class `phrase_of` of
    /// `lexicons/function_words/`), which starts at byte `start`: "A of B" is A, so "John Brady of
    /// ABN AMRO", "retail analyst Nick Bubb of Evolution Securities" and "Lord Nicholls of
    /// Birkenhead" are the person, not the organisation or place after "of". None when no person's
    /// mention ends right before the "of" ("the head of the agency"; "the Bank of England", whose
    /// mention holds it).
    fn person_before_of(&self, p: Phrase, start: usize) -> Option<u32> {
        let of = (p.first + 1..p.last).find(|&t| self.word_in(t, W::PhraseOf))?;
        self.person_ending_at(of - 1, start)
    }

    /// The person named before the letters ending phrase `p` (`lexicons/post_nominals.txt`),
    /// which starts at byte `start`: "Guy Mansfield QC", "Frank Field MP". None when the phrase
    /// ends in no such letters, or the words before them end in no person's mention ("Labour
    /// MP": a party).
    fn person_before_post_nominals(&self, p: Phrase, start: usize) -> Option<u32> {
        let mut last = p.last;
        while last > p.first && POST_NOMINALS.contains(self.word(last)) {
            last -= 1;
        }
        (last < p.last)
            .then(|| self.person_ending_at(last, start))
            .flatten()
    }

    /// Whether phrase `p` ends in a person's name (before any letters after it, "QC") with words
    /// before the name: "the Environmental Audit Committee Peter Ainsworth", "Labour leader Jo
    /// Roe"; not a bare name.
    pub(crate) fn titled_person(&self, p: Phrase) -> bool {
        let after_first = self.toks[p.first].end;
        self.person_ending_at(p.last, after_first)
            .or_else(|| self.person_before_post_nominals(p, after_first))
            .is_some()
    }

    /// The entity of the person's mention that ends with token `t` and starts at or after byte
    /// `start`, if any.
    pub(crate) fn person_ending_at(&self, t: usize, start: usize) -> Option<u32> {
        self.mention_ending(self.toks[t].end, start)
            .filter(|m| self.entities.get(m.entity).kind == EntityType::Person)
            .map(|m| m.entity)
    }

    /// The mention that ends at byte `end` and starts at or after byte `start`, if one does (the
    /// name a speaker phrase ends in: [`Engine::speaker`], [`Engine::person_ending_at`]).
    fn mention_ending(&self, end: usize, start: usize) -> Option<&Mention> {
        let k = self.mention_from(|m| m.end < end);
        self.mentions
            .get(k)
            .filter(|m| m.end == end && m.start >= start)
    }

    /// The person a definite role noun `p` ("the senator", "the former secretary of state", "the
    /// IAEA chief") stands for: the nearest person named before it whose title or apposition is
    /// the same role word ("Sen. Bernie Sanders … the Vermont senator", "Rafael Grossi, the
    /// agency's chief"), else `latest`, the latest person who spoke nearby, when its sex agrees
    /// with the role word's ("the congresswoman") and the role is not one that stands for someone
    /// else ("the spokesman", "the president": `lexicons/role_titled_only.txt`). None when the
    /// phrase holds a name of its own ("the Christie supporter").
    pub(crate) fn role_antecedent(&self, p: Phrase, latest: Option<Speaker>) -> Option<Speaker> {
        let span = self.bytes(p.first, p.last);
        let held = self.mentions_in(&span);
        if !held.is_empty() {
            return self.organisation_role_holder(held, span.start, self.word(p.last));
        }
        // "the company's chief executive, John J. Ferriola, said": the name in apposition.
        let after = p.last + 1;
        if after + 1 < self.toks.len() && self.is_punct(after, &[',']) {
            let k = self.mention_from(|m| m.start < self.toks[after + 1].start);
            let named = self
                .person_speakers(k..(k + 1).min(self.mentions.len()))
                .find(|s| s.span.start == self.toks[after + 1].start);
            if named.is_some() {
                return named;
            }
        }
        let head = self.word(p.last);
        let k = self.mention_from(|m| m.start < span.start);
        // "Sen. Bernie Sanders … the senator", "Gov. Scott Walker … the governor": an
        // abbreviation (`lexicons/abbreviations.txt`) with its period stands for the role word it
        // begins.
        let abbreviates = |t: usize| {
            // The token keeps its period ("Sen.").
            let Some(w) = self.word(t).strip_suffix('.') else {
                return false;
            };
            w.len() >= MIN_ROLE_ABBREVIATION
                && ABBREVIATIONS.contains(w)
                && head.len() > w.len()
                && head.is_char_boundary(w.len())
                && head[..w.len()].eq_ignore_ascii_case(w)
        };
        let same_role = |t: usize| {
            t < self.toks.len() && (self.word(t).eq_ignore_ascii_case(head) || abbreviates(t))
        };
        let titled = self
            .person_speakers(k.saturating_sub(ROLE_REACH)..k)
            .rev()
            .find(|s| {
                let (a, b) = (self.tok_at(s.span.start), self.tok_at(s.span.end));
                // A title: the role word, then only capitalised words up to the name ("FBI
                // Director James Comey"); an apposition: a comma after the name, and the role word
                // before the next punctuation ("Sanders, the Vermont senator").
                let title = (a.saturating_sub(ROLE_WINDOW)..a).rev().find(|&t| {
                    !(self.is_word(t) && self.capitalized(t) || self.is_punct(t, &['.']))
                        || same_role(t)
                });
                let apposition = b < self.toks.len()
                    && self.is_punct(b, &[','])
                    && (b + 1..(b + 1 + ROLE_WINDOW).min(self.toks.len()))
                        .take_while(|&t| self.is_word(t) && self.hit_at(t).is_none())
                        .any(same_role);
                title.is_some_and(same_role) || apposition
            });
        if titled.is_some() {
            return titled;
        }
        if speaker::role_titled_only(head) {
            return None;
        }
        let sex = speaker::word_sex(head);
        let agrees =
            |s: &Speaker| sex.is_none() || self.speaker_sex(s).is_none_or(|o| Some(o) == sex);
        let para = self.paragraph(self.sentence_of(span.start));
        let near =
            |s: &Speaker| para.saturating_sub(self.paragraph(self.sentence_of(s.span.start))) <= 1;
        // The person a sentence before is about: its first person named, not "… met with Pope
        // Francis" or "… Donald Trump's plan".
        let first_in_sentence = |s: &Speaker| {
            let from = self.sentences[self.sentence_of(s.span.start)].start;
            let a = self.mention_from(|m| m.start < from);
            let b = self.mention_from(|m| m.start < s.span.start);
            self.person_speakers(a..b).next().is_none()
        };
        self.person_mention_before(span.start, |s| near(s) && agrees(s) && first_in_sentence(s))
            .or_else(|| latest.filter(&agrees))
    }

    /// The person a definite role noun that names its organisation stands for ("the IAEA chief",
    /// "the Apple boss"): of the people named before byte `pos` (within
    /// [`ORGANISATION_ROLE_REACH`] mentions), the one whose apposition ("Rafael Grossi, head of the
    /// International Atomic Energy Agency (IAEA)") or title ("IAEA Director General Rafael
    /// Grossi") names the same organisation and the same role (`head`, or another word for the
    /// organisation's head: [`speaker::same_role_at_organisation`]), when exactly one person is
    /// so named. `held` (mention
    /// indices) is what the phrase names: one organisation and nothing else, else None ("the
    /// Christie supporter" names a person of its own; "the Apple and Google chiefs" two
    /// organisations).
    fn organisation_role_holder(
        &self,
        held: Range<usize>,
        pos: usize,
        head: &str,
    ) -> Option<Speaker> {
        let [org] = &self.mentions[held] else {
            return None;
        };
        if self.entities.get(org.entity).kind != EntityType::Organization {
            return None;
        }
        // Tokens `ts` hold the organisation's name, and tokens `roles` the role word.
        let names_role = |ts: Range<usize>, roles: Range<usize>| {
            let (from, to) = (self.toks[ts.start].start, self.toks[ts.end - 1].end);
            self.mentions[self.mentions_in(&(from..to))]
                .iter()
                .any(|m| m.entity == org.entity && m.end <= to)
                && roles
                    .filter(|&t| self.is_word(t))
                    .any(|t| speaker::same_role_at_organisation(self.word(t), head))
        };
        let k = self.mentions.partition_point(|m| m.start < pos);
        let mut holder: Option<Speaker> = None;
        for s in self
            .person_speakers(k.saturating_sub(ORGANISATION_ROLE_REACH)..k)
            .rev()
        {
            let (a, b) = (self.tok_at(s.span.start), self.tok_at(s.span.end));
            // A title: the organisation's name, then only capitalised words and role nouns
            // (speakers.tsv's, or the role word itself: "boss" is no speaker noun) up to the
            // person's ("IAEA Director General Rafael Grossi", "IAEA chief Rafael Grossi", "IAEA
            // boss John Bolton"; not "the IAEA and Rafael Grossi").
            let title_from = (a.saturating_sub(TITLE_REACH)..a)
                .rev()
                .take_while(|&t| {
                    self.is_word(t)
                        && (self.capitalized(t)
                            || matches!(self.speaker_role(t), Some(Role::Noun(_)))
                            || speaker::same_role_at_organisation(self.word(t), head))
                })
                .last();
            let title = title_from.is_some_and(|t| names_role(t..a, t..a));
            // An apposition: a comma after the name, the role word among its first words, and the
            // organisation before the next comma, semicolon, dash or the sentence's end, within the
            // length an apposition runs ("Michael Howard, the Tory leader,"; not "John Weaver,
            // tells reporters that the Republican candidate …").
            let apposition = b + 1 < self.toks.len() && self.is_punct(b, &[',']) && {
                let end = self.sentences[self.sentence_of(s.span.start)].end;
                let limit = self.toks[b].end + MAX_APPOSITIVE;
                let stop = (b + 1..self.toks.len())
                    .take_while(|&t| self.toks[t].start < end.min(limit))
                    .find(|&t| self.is_punct(t, &[',', ';', '—']))
                    .unwrap_or_else(|| self.tok_at(end.min(limit)));
                stop > b + 1 && names_role(b + 1..stop, b + 1..stop.min(b + 1 + ROLE_WINDOW))
            };
            if !(title || apposition) {
                continue;
            }
            match &holder {
                None => holder = Some(s),
                // The same person named again: the nearest naming stays.
                Some(h) if h.entity == s.entity => {}
                // Two people hold a role at the organisation: which one is meant is not known.
                Some(_) => return None,
            }
        }
        holder
    }

    /// "X, who said …": X; "those who say …", "analysts who follow the firm say …": the phrase
    /// right before, when it names a person or a known speaker noun; "X, a lawyer who says …": X.
    pub(crate) fn relative_antecedent(&self, p: Phrase, si: usize) -> Option<Speaker> {
        let floor = self.sent_toks[si].start;
        let before = p.first.checked_sub(1).filter(|&c| c > floor)?;
        if !self.is_punct(before, &[',']) {
            let a = self.phrase_before(p.first, floor)?;
            // "Jane Roe, a lawyer who has argued …": an appositive after a person's name stands
            // for the name.
            let named = a
                .first
                .checked_sub(1)
                .filter(|&c| c > floor && self.is_punct(c, &[',']))
                .and_then(|c| self.phrase_before(c, floor))
                .map(|n| self.speaker(n, si))
                .filter(|s| s.ty == SpeakerType::Person && s.entity.is_some());
            if named.is_some() {
                return named;
            }
            let sp = self.speaker(a, si);
            return self.plausible_subject(&sp).then_some(sp);
        }
        let a = self.phrase_before(before, floor)?;
        Some(self.speaker(a, si))
    }

    /// The person who opens a clause earlier in the sentence of pronoun phrase `p`, when a word
    /// stands right before the pronoun: "Edward Leigh said the plan was right but he told …", "Mr
    /// Lim reduced the panel to giggles as he outlined …", "Agassi was serving to Andy Roddick when
    /// he decided …" (the nearest person's name, outside quotes, that the sentence, a comma or a
    /// clause coordinator opens, a word following the name after a comma: "In his speech, Mr Blair
    /// contrasted …", not "his film, Donnie Brasco, where he …"; not a preposition's object or a
    /// possessive: "Mr Bush's task"). None after punctuation: "Mr Blair has failed, he claimed"
    /// tags a content that names someone else.
    fn clause_subject_before(&self, p: Phrase) -> Option<Speaker> {
        let start = self.toks[p.first].start;
        let si = self.sentence_of(start);
        let floor = self.sent_toks[si].start;
        let before = p.first.checked_sub(1).filter(|&b| b >= floor)?;
        if !self.is_word(before) || self.quoted[before] {
            return None;
        }
        let a = self.mention_from(|m| m.start < self.sentences[si].start);
        let b = self.mention_from(|m| m.start < start);
        self.person_speakers(a..b).rev().find(|s| {
            let last = self.tok_at(s.span.end).saturating_sub(1);
            if last >= p.first || self.toks[last].end != s.span.end {
                return false;
            }
            self.phrase_before(last + 1, floor).is_some_and(|n| {
                n.last == last
                    && n.first <= self.tok_at(s.span.start)
                    && (n.first == floor
                        || !self.quoted[n.first - 1]
                            && !self.closes_quote(n.first - 1)
                            && (self.is_punct(n.first - 1, &[',']) && self.is_word(last + 1)
                                || self.word_in(n.first - 1, W::ClauseCoordinator)))
            })
        })
    }

    /// The nearest person mention before byte `pos` that is not inside a quote and that `fits`.
    pub(crate) fn person_mention_before(
        &self,
        pos: usize,
        fits: impl Fn(&Speaker) -> bool,
    ) -> Option<Speaker> {
        let k = self.mention_from(|m| m.start < pos);
        self.person_speakers(k.saturating_sub(50)..k)
            .rev()
            .find(|s| fits(s))
    }

    /// The sex of a person speaker as its name tells it: a title right before or in the name
    /// ("Mrs. Clinton"), else the given name of the name or of its entity ("Hillary Clinton").
    /// A speaker whose name is a mention of its entity (every candidate antecedent
    /// [`Engine::person_speakers`] gives) has it read once for the document.
    pub(crate) fn speaker_sex(&self, s: &Speaker) -> Option<Sex> {
        let k = self.mention_from(|m| m.start < s.name.start);
        match self.mentions.get(k) {
            Some(m) if m.end == s.name.end && s.entity == Some(m.entity) => {
                let cache = self
                    .mention_sex
                    .get_or_init(|| vec![Cell::new(None); self.mentions.len()]);
                if let Some(sex) = cache[k].get() {
                    return sex;
                }
                let sex = self.name_sex(s);
                cache[k].set(Some(sex));
                sex
            }
            _ => self.name_sex(s),
        }
    }

    /// [`Engine::speaker_sex`], read from the text.
    fn name_sex(&self, s: &Speaker) -> Option<Sex> {
        let t = self.tok_at(s.name.start);
        let title = (t > 0)
            .then(|| t - 1)
            .map(|b| {
                if self.is_punct(b, &['.']) && b > 0 {
                    b - 1
                } else {
                    b
                }
            })
            .filter(|&b| self.is_word(b) && self.capitalized(b))
            .and_then(|b| speaker::word_sex(self.word(b)));
        title
            .or_else(|| speaker::name_sex(&self.text[s.name.clone()]))
            .or_else(|| {
                s.entity
                    .and_then(|e| speaker::name_sex(&self.entities.get(e).name))
            })
    }

    /// The person mentions outside quotes among mentions `ms` (indices), as speakers.
    pub(crate) fn person_speakers(
        &self,
        ms: Range<usize>,
    ) -> impl DoubleEndedIterator<Item = Speaker> + '_ {
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
                tokens: None,
            })
    }

    /// The speaker of an earlier claim, to attribute another claim to.
    pub(crate) fn claim_speaker(&self, c: &Claim) -> Option<Speaker> {
        let span = c.speaker.clone()?;
        Some(Speaker {
            name: c.speaker_name.clone().unwrap_or(span.clone()),
            span,
            entity: c.speaker_entity,
            ty: c.speaker_type,
            tokens: None,
        })
    }

    /// Whether a word of speaker phrase `s` names a speaker: a capitalised word, a pronoun or
    /// relative, a speaker noun of `speakers.tsv` or a group determiner ("said Lee Epstein", "said
    /// a former spokesman", "said a source close to …", "said many in the party"). Every word is
    /// asked, not only the last: the phrase found may run on past its head ("said one official
    /// involved in the talks").
    pub(crate) fn speaker_head(&self, s: &Speaker) -> bool {
        (s.first_token(self)..s.end_token(self)).any(|k| {
            self.capitalized(k)
                || matches!(
                    self.role(k),
                    Some(Role::Pronoun(_) | Role::Relative | Role::Noun(_))
                )
                || speaker::is_group_determiner(self.text, &self.toks[k])
        })
    }

    /// A name, a pronoun, a known speaker noun, or a phrase with a determiner ("the campaign").
    pub(crate) fn known_speaker(&self, s: &Speaker) -> bool {
        let (first_token, end_token) = (s.first_token(self), s.end_token(self));
        let head = &self.toks[end_token.saturating_sub(1)];
        let first = &self.toks[first_token];
        head.capitalised()
            || matches!(
                speaker::role(self.text, head),
                Some(Role::Pronoun(_) | Role::Relative | Role::Noun(_) | Role::Determiner)
            )
            || speaker::role(self.text, first) == Some(Role::Determiner)
            || self.text[first.range()].ends_with(['s', '’', '\''])
                && self.text[first.range()].contains(['\'', '’'])
            || self.poll_share(s)
            || speaker::ends_in_percent(self.text, self.toks, first_token, end_token)
    }

    /// Whether a speaker phrase ends in a lowercase plural noun: "agents", "lobbyists".
    pub(crate) fn plural_noun(&self, s: &Speaker) -> bool {
        let head = &self.text[self.toks[s.end_token(self).saturating_sub(1)].range()];
        head.starts_with(|c: char| c.is_lowercase()) && is_plural_form(head)
    }

    /// "About six in 10 said", "seven of 10 said", "About 4 in 10 say": a share of those polled,
    /// of which the speaker phrase holds only one number.
    pub(crate) fn poll_share(&self, s: &Speaker) -> bool {
        let first = s.first_token(self);
        let digits = |t: usize| self.word(t).bytes().all(|b| b.is_ascii_digit());
        let number = self.text[s.span.clone()]
            .bytes()
            .all(|b| b.is_ascii_digit());
        number
            && (first > 0 && self.word_in(first - 1, W::ShareOf)
                || first + 2 < self.toks.len()
                    && self.word_in(first + 1, W::ShareOf)
                    && digits(first + 2))
    }

    /// Whether a sentence subject is likely a speaker rather than "NEW YORK", "Tunnels" or "it": a
    /// known entity, a personal pronoun or a speaker noun.
    pub(crate) fn plausible_subject(&self, s: &Speaker) -> bool {
        let head = &self.toks[s.end_token(self).saturating_sub(1)];
        s.entity.is_some()
            || matches!(
                speaker::role(self.text, head),
                Some(Role::Pronoun(SpeakerType::Person | SpeakerType::Group) | Role::Noun(_))
            )
    }
}
