//! Where reported content starts and ends: the clause after a cue, the clause before a final cue,
//! and the trimming every rule applies to a content's ends.

use crate::claims::attribution::{Engine, Speaker};
use crate::claims::cues::{Cue, CueClass, Frame};
use crate::claims::function_words::WordClass as W;
use crate::claims::quotes;
use crate::claims::speaker::{self, Phrase, Role};
use crate::claims::ClaimKind;
use crate::tokens::Classes;
use std::ops::Range;

/// How many tokens before a trailing contrast a "not" makes it the second half of "not X, but Y".
const CORRELATIVE_REACH: usize = 4;

/// The marks past which no "that" after a cue opens its clause (a comma does not end the search:
/// "said, however, that …").
const THAT_STOPS: &[char] = &['.', ';', '('];

/// How many tokens after a cue a "that" may open its clause when an adverbial with a preposition
/// comes first ("said during a visit to the plant on Monday that …"); else [`NEAR_THAT_REACH`].
const ADVERBIAL_THAT_REACH: usize = 16;

/// How many tokens after a cue its "that" may come without an adverbial opening ("told
/// reporters on Tuesday that …").
const NEAR_THAT_REACH: usize = 8;

/// Most tokens a reported clause may span. Real clauses are far shorter; the cap keeps a run-on
/// "sentence" (a list or table with no full stops) from making each cue scan all the cues after it.
const MAX_CLAUSE_TOKENS: usize = 250;

/// How many of a clause's commas [`Engine::clause_tokens_after_with`] keeps on the stack for the
/// cuts it makes at commas (a clause with more keeps them in a vector).
const SHARED_COMMAS: usize = 16;

/// Most tokens of the object between a `regard` cue and its "as" ("see the elections held
/// Sunday as a test").
const MAX_REGARD_OBJECT: usize = 10;

/// Most words of an adverbial fronted before a tag ([`Engine::fronted_adverbial`]): on PolNeAR
/// train the contents of such tags that open with a preposition or subordinator and hold no comma
/// are never a gold content up to six words ("In her New Year speech"), and are a clause beyond
/// ("Even India has more cultural resonance through Bollywood films, … says").
const MAX_FRONTED_WORDS: usize = 6;

/// Most words of an adverbial fronted before a tag whose cue ends its clause ("After all, he
/// said."): longer, the words before the comma are the clause the tag reports ("In 2015 it was
/// different, the minister said.").
const MAX_BARE_FRONTED_WORDS: usize = 2;

/// Most words of a list item after a comma, before the next comma or "and" ([`Engine::lists_on`]).
const MAX_LIST_ITEM: usize = 3;

/// Most words after the preposition of an adverbial of occasion up to its noun ("at a surprise
/// news conference": [`Engine::object_occasion`]).
const MAX_OCCASION_WORDS: usize = 4;

/// Most tokens of an adverbial with a preposition between a cue and its clause, up to its comma
/// ("said on Monday night in Washington, …").
const MAX_ADVERBIAL_TOKENS: usize = 8;

/// Most words of a short object after a cue of the `clausal` frame ([`Engine::short_object`]):
/// "another 34 servers to …", "her first AAAs title over …".
const MAX_SHORT_OBJECT: usize = 4;

/// Most tokens between the comma opening a parenthetical tag and its speaker's span: the
/// speaker's own phrase ("Mr. de Vos", "an inside source", "F.A.A. records") or "as" ("…, as X
/// reported, …") ([`Engine::parenthetical`]).
const MAX_TAG_LEAD: usize = 3;

/// Most tokens between a parenthetical tag's cue and the comma closing the tag: a hearer or an
/// adverbial ("…, the partner told them, …", "…, X said in an interview, …")
/// ([`Engine::parenthetical`]).
const MAX_TAG_TAIL: usize = 6;

/// Most tokens of an aside opened by a comma and a coordinator right after a cue and closed by a
/// comma ("said, and I quote, …", "warned, but the markets ignored him, …"): within this reach
/// the coordinator is an aside's, not a second verb's ([`Engine::coordinator_after_cue`]).
const MAX_COORDINATED_ASIDE: usize = 6;

impl Engine<'_> {
    /// The reported clause after a cue: "that …", or a bare clause for cues that allow one.
    pub(crate) fn clause_after(&self, h: usize, si: usize) -> Option<Range<usize>> {
        self.clause_after_with(h, si, false)
    }

    /// [`Engine::clause_after`], taking a bare clause after any cue when `bare` is set.
    pub(crate) fn clause_after_with(
        &self,
        h: usize,
        si: usize,
        bare: bool,
    ) -> Option<Range<usize>> {
        self.clause_tokens_after_with(h, si, bare)
            .map(|t| self.bytes(t.start, t.end - 1))
    }

    /// The tokens of [`Engine::clause_after_with`]'s clause (its first and the one after its
    /// last), which the rules that go on shaping the content read instead of searching the tokens
    /// for its bytes.
    pub(crate) fn clause_tokens_after_with(
        &self,
        h: usize,
        si: usize,
        bare: bool,
    ) -> Option<Range<usize>> {
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
        // A subject right after the cue opens the clause there: in "says there needs to be a law
        // that …" or "said he wants a plan that …" the "that" is a relative.
        let mut first = start;
        while first < end && self.is_adverb(first) {
            first += 1;
        }
        if cue.has(Frame::Stance)
            && (self.word_in(start, W::AgentMarker)
                || self.word_in(start, W::VerbParticle)
                || self.is_punct(self.sent_toks[si].end - 1, &['?']))
        {
            // "was backed by X" is X's stance, "backed down" none, and "Do you support X?" asks
            // for one.
            return None;
        }
        let subject_next = first < end && self.word_in(first, W::ClauseSubject);
        // "knows how to use it", "did not indicate whether …": a question right after a cue that
        // reports a clause opens it (a cue of the `query` frame looks past a hearer, below), not
        // one of a choice ("will decide whether …" reports no one's account).
        let asks = !cue.has(Frame::Query)
            && !cue.has(Frame::Stance)
            && !cue.has(Frame::Choice)
            && cue.has_any(Frame::That as u32 | Frame::Finite as u32 | Frame::Clause as u32)
            && first < end
            && !self.quoted[first]
            && self.word_in(first, W::EmbeddedQuestion);
        // A stance cue's "that" is a complementizer only right after it.
        // "said during a visit to the plant on Monday that …": after an adverbial opening with a
        // preposition, the "that" may come later.
        // "told a town hall in Salem on Monday that …": so may one after a hearer. (Whether token
        // `t` opens such an adverbial is asked again below, after a date.)
        let opens_adverbial = |t: usize| {
            t < end && self.role(t) == Some(Role::Preposition) && !self.quantity_at(t, end)
        };
        let reach = if cue.has(Frame::Stance) {
            first + 1
        } else if opens_adverbial(first)
            || cue.has(Frame::Object)
                && self
                    .phrase_after(first, end)
                    .is_some_and(|p| opens_adverbial(p.last + 1))
        {
            start + ADVERBIAL_THAT_REACH
        } else {
            start + NEAR_THAT_REACH
        };
        // A comma ends the search ("who says allies should send troops, tweeted that …"), and
        // so does a participle ("urged a stand, saying that …"): the search stops at the first
        // participle cue within its reach, found among the few cues there before the tokens are
        // read.
        let mut that = None;
        if !subject_next && !asks {
            let mut reach = end.min(reach);
            // The cues from the clause's start on: those after this one (cues are in order and
            // do not overlap).
            let next_hit = h + 1;
            if let Some(x) = self.hits[next_hit..]
                .iter()
                .take_while(|x| x.first < reach)
                .find(|x| x.cue.has(Frame::Participle))
            {
                reach = x.first;
            }
            for t in start..reach {
                // (A word is no mark, and a mark in no class of words: each token is asked only
                // what it may be.)
                if self.is_word(t) {
                    // "drug regulators … that have been linked": a "that" the adverbial reach
                    // finds right before an auxiliary is a relative pronoun, the subject of its
                    // clause.
                    if self.word_in(t, W::Complementizer)
                        && !self.quoted[t]
                        && !(t >= start + NEAR_THAT_REACH
                            && t + 1 < end
                            && self.word_in(t + 1, W::FiniteAuxiliary))
                    {
                        that = Some(t);
                        break;
                    }
                    continue;
                }
                if self.is_punct(t, &[',']) {
                    // "told a town hall in Salem, New Hampshire on Monday that …": a comma between
                    // two capitalised words of a place after a preposition (a town and its
                    // state) goes on with the adverbial.
                    if self.place_comma(start, t, reach) {
                        continue;
                    }
                    // "said, however, that …", "told the local paper, The Chief, that …": a
                    // "that" right after a later comma within the reach still opens the clause.
                    that = (t..reach)
                        .take_while(|&u| !self.is_punct(u, THAT_STOPS) && !self.quoted[u])
                        .find(|&u| {
                            self.is_punct(u, &[',', '—', '–'])
                                && u + 1 < end
                                && self.word_in(u + 1, W::Complementizer)
                                && !self.quoted[u + 1]
                        })
                        .map(|u| u + 1);
                    break;
                }
                if self.is_punct(t, THAT_STOPS) {
                    break;
                }
            }
            // "said the truth is that …", "said a violent hit that used to be …", "said John
            // Bolton told him that …", "denied reports that …": a "that" after words that are no
            // adverbial (a date, a prepositional phrase) and no hearer is a relative, a noun's
            // complement or the complement of a clause that starts right after the cue, another
            // cue's clause among them (the cue's content holds it: PolNeAR annotates no nested
            // attribution); a participle's too ("dismissing the notion that …", "repeating a
            // false claim that …": on PolNeAR train 24 contents more words-exact, 3 fewer). A "that"
            // after a hearer stays (a cue of the `object` frame: "telling a town hall that …"), and
            // so does one after another cue that only auxiliaries part from this one: in "Press
            // reports have speculated that …" this cue is a noun, that cue's subject.
            if that.is_some_and(|t| {
                t > first
                    && cue.has(Frame::Clause)
                    && !cue.has(Frame::Object)
                    && !self.adverbial_gap(first, t, end)
                    && !self.named_hearer(first, t, si)
                    && !self.hits[h + 1..]
                        .first()
                        .is_some_and(|n| n.first < t && self.auxiliaries(hit.first + 1, n.first))
            }) {
                that = None;
            }
        }
        // "asked workers if they planned to …": a question after a hearer starts at its word.
        let question = if asks {
            // "show just how weak …", "knows exactly what …": the adverb is the question's.
            Some(start)
        } else {
            (cue.has(Frame::Query) && that.is_none())
                .then(|| {
                    (start..end.min(start + NEAR_THAT_REACH))
                        // Not past an infinitive: "asked her to call him if possible".
                        .take_while(|&t| {
                            !self.is_punct(t, &['.', ';', '(', ',', ':'])
                                && !self.quoted[t]
                                && !self.word_in(t, W::InfinitiveMarker)
                        })
                        .find(|&t| {
                            self.word_in(t, W::QuestionComplementizer)
                                || self.word_in(t, W::QuestionWord)
                        })
                })
                .flatten()
        };
        let to = first;
        let mut bare_object = false;
        // A light verb's noun before a preposition: the content may be one word ("expressed
        // support for Trump").
        let mut light = false;
        if let Some(q) = question {
            start = q;
        } else if cue.has(Frame::Infinitive) && to < end && self.word_in(to, W::InfinitiveMarker) {
            // "vowed to bomb them", "plans to run again": the infinitive is the content; a
            // negation before it is the content's ("vowed not to vote for him", "decided never to
            // run": PolNeAR keeps it; on its train split 5 contents more words-exact, 1 fewer).
            start = (start..to)
                .find(|&t| speaker::is_negation(self.word(t)))
                .unwrap_or(to);
        } else if cue.has(Frame::Naming) && to + 1 < end && self.word_in(to, W::NamingAs) {
            // "what Zimmerman described as a “piece of history”": the name given follows "as".
            start = to + 1;
        } else if let Some(t) = cue
            .has(Frame::Light)
            .then(|| self.light_noun(first, end))
            .flatten()
        {
            // "expressed confidence that …", "voiced support for the plan": the noun goes with
            // the light verb.
            start = t;
            light = true;
        } else if let Some(t) = that {
            start = t;
        } else {
            // "maintained the case has no merit": a clause with its subject and a finite verb.
            let finite = cue.has(Frame::Finite)
                && self
                    .phrase_after(start, end)
                    .is_some_and(|p| p.first == start && self.subject_of_clause(p, end));
            if !cue.has(Frame::Clause) && !bare && !cue.has(Frame::Regard) && !finite {
                return None;
            }
            bare_object = !finite;
            // "The protester yelled and held up a banner", "has never sought or served": a
            // coordinator right after the cue (or after a comma right after it) joins another
            // verb (or noun) to it, and what follows is none of the cue's. Not after the cue's
            // object ("told reporters and supporters the deal …"), and not an aside closed by a
            // comma ("said, and I quote, the economy …"). (An evidential's bare clause is the
            // complement of its raised subject, which goes on past the coordinator: "has been
            // widely expected and the firm will pay …". A document's is not: "The poll showed and
            // …" joins another verb, and PolNeAR starts no content at a coordinator after its cue.)
            if !(bare && cue.has(Frame::Raising)) && self.coordinator_after_cue(start, end) {
                return None;
            }
            // "claimed the title.", "able to add another 34 servers to …": a cue of the `clausal`
            // frame with a short object is a verb in another sense.
            if cue.has(Frame::Clausal) && !bare && self.short_object(first, end) {
                return None;
            }
            let after_cue = start;
            if cue.has(Frame::Object) {
                // (Not before an infinitive: "told him to resign" keeps its hearer.)
                if let Some(p) = self.phrase_after(start, end).filter(|p| {
                    !(p.last + 1 < end && self.word_in(p.last + 1, W::InfinitiveMarker))
                }) {
                    // "telling delegates Labour cannot be trusted": a capitalised word right
                    // after a plural speaker noun opens the bare clause, which the hearer phrase
                    // ran into (not a date: "told reporters Monday the deal …").
                    start = (p.first + 1..=p.last)
                        .find(|&k| {
                            self.capitalized(k)
                                && !self.capitalized(k - 1)
                                && !self.word_in(k, W::DateWord)
                                && self.role(k - 1)
                                    == Some(Role::Noun(crate::claims::SpeakerType::Group))
                        })
                        .unwrap_or(p.last + 1);
                }
            }
            let objected = start > after_cue;
            start = self.past_punct(start, end, &[',', ':']);
            // After the object, a coordinator joins a second hearer whose clause follows ("told
            // reporters and supporters the deal was dead"), or another verb or noun, none of
            // the cue's ("told Reuters and could rise", "told the Media Summit and Broadcasting
            // Conference last week").
            if !bare && objected && start < end && self.word_in(start, W::CueCoordinator) {
                start = self.clause_after_second_hearer(start + 1, end)?;
            }
            // "said Tuesday the plan …", "said on Monday night the talks …": a date, alone or
            // after a preposition, is no content.
            let dated = if start >= end {
                None
            } else if self.role(start) == Some(Role::Preposition) {
                self.date_run(start + 1, end)
            } else {
                self.date_run(start, end)
            };
            // A comma between digits is a number's ("said at 10,000 rallies").
            let comma = |from: usize| {
                (from..end.min(from + MAX_ADVERBIAL_TOKENS))
                    .find(|&t| self.is_clause_punct(t, &[',']))
            };
            if let Some(after) = dated {
                start = after;
                // "…, the minister said on Tuesday in a statement.": after a date, a phrase with
                // a preposition that ends the sentence is an adverbial too, no clause.
                if opens_adverbial(start)
                    && !self.word_in(start, W::InfinitiveMarker)
                    && end - start <= MAX_ADVERBIAL_TOKENS
                    && comma(start).is_none()
                {
                    return None;
                }
            } else if self.date_to_end(start, end) {
                // "reported last month.", "told POLITICO earlier this week.": a date ending the
                // sentence is when, not what.
                return None;
            } else if opens_adverbial(start) {
                // "said on Tuesday, …": the clause starts after the adverbial; without a comma,
                // after one of occasion before a subject pronoun ("said in a statement it is …").
                start = match comma(start) {
                    Some(c) => c + 1,
                    None => self.occasion_clause(start, end)?,
                };
            }
            if start >= end {
                return None;
            }
        }
        // Stop before the next cue's own clause: "…, adding that …", "…, and Trump vowed to …",
        // "…, while Cruz said …".
        // (The cues after this one: cues are in order and do not overlap.)
        let boundary = self.hits[h + 1..]
            .iter()
            .take_while(|n| n.first < end)
            // "said the police and voters backed his measures": a stance inside the clause is
            // part of what was said.
            .filter(|n| !n.cue.has(Frame::Stance))
            .find_map(|n| {
                // The token before the cue, adverbs aside.
                let mut b = n.first - 1;
                while b > start && self.is_adverb(b) {
                    b -= 1;
                }
                if n.cue.has(Frame::Participle) {
                    // "…, with Jane Roe noting …": the participle's own subject after "with" is
                    // no part of the clause either.
                    let with_subject = self.phrase_before(n.first, start).filter(|p| {
                        p.first > start + 1 && self.word_in(p.first - 1, W::AbsoluteMarker)
                    });
                    if let Some(p) = with_subject {
                        return Some(p.first - 1);
                    }
                    // "…, adding that …", "… and adding …": a participle after a mark or a
                    // coordinator opens a clause of its own; one right after another word of the
                    // clause stands inside it ("for even questioning the technique", "since
                    // announcing his candidacy", "does not feel comfortable telling others …").
                    // A participle after the name or speaker noun it modifies ("footage of Trump
                    // saying …") still reports on its own.
                    let opens = b <= start
                        || !self.is_word(b)
                        || self.word_in(b, W::ClauseCoordinator)
                        || self.modified_noun(n.first, start, si).is_some();
                    return opens.then_some(n.first);
                }
                // "he did say X and called Y “Z”": the same speaker's next claim.
                if b > start && self.word_in(b, W::ClauseCoordinator) {
                    return Some(b);
                }
                if b > start && self.main_verb_after(b) {
                    return Some(b);
                }
                let p = self.phrase_before(n.first, start)?;
                let w = self.share_start(p.first, start) - 1;
                // "said the results in Iowa and New Hampshire show …", "said the system is
                // complex and he feels he can win": a belief cue after "and" without a comma goes
                // on with the report, its subject often a conjunct of a longer phrase (PolNeAR
                // annotates it inside the outer content); "… but critics fear …" and a speech cue
                // after "and" are the next claim.
                if n.cue.class == CueClass::Belief
                    && self.word_in(w, W::PhraseCoordinator)
                    && !self.is_punct(w - 1, &[',', ';'])
                {
                    return None;
                }
                if self.is_clause_punct(w, &[',', ';'])
                    || self.word_in(w, W::ClauseCoordinator)
                    || self.word_in(w, W::ClauseBoundary)
                {
                    return Some(w + 1);
                }
                // "Clinton suggested that the plan was unserious - “Again, we need details,” she
                // said - and …": a quote with a tag of its own ends the clause before it opens.
                if self.quoted[p.first - 1] {
                    let k = self
                        .quotes
                        .partition_point(|q| q.close <= self.toks[p.first - 1].start);
                    self.quotes.get(k)?;
                    return Some(self.quote_open_tok(k).max(start));
                }
                None
            });
        let mut stop = boundary.unwrap_or(end);
        if let Some((comma, _)) = self.opening_participle(h, si) {
            // "Citing a poll, Trump said …": the participle's content ends at its comma.
            stop = stop.min(comma);
        }
        if self.opens_subordinate(si, hit.first) {
            // "Although in September she said it was a mistake, at the town hall she said …": a
            // cue in an opening subordinate clause reports no further than its comma; the main
            // clause after it has a claim of its own.
            if let Some(c) = self.commas(start + 2, stop).find(|&t| !self.quoted[t]) {
                stop = c;
            }
        } else if self.fronted_subordinate(si, hit.first) {
            // "But when Clinton said she would debate, he looked like …", "Last month, when I
            // asked him if he would endorse her, he looked …": a subordinate clause fronted after
            // an opening connective or a comma reports up to the comma before the main clause,
            // a subject and its verb (not a list's comma).
            if let Some(c) = self.commas(start + 2, stop).find(|&t| {
                !self.quoted[t] && !self.lists_on(t, end) && self.main_clause_at(t + 1, end)
            }) {
                stop = c;
            }
        }
        if cue.has(Frame::Naming) && stop > start {
            // "who has called Mr. Trump's comments ''racially toxic,'' portrayed …": the name
            // given is the first quotation; the clause ends with it.
            let k = self
                .quotes
                .partition_point(|q| q.open < self.toks[start].start);
            if self
                .quotes
                .get(k)
                .is_some_and(|q| q.open < self.toks[stop - 1].end)
            {
                // "called the accord “an historic step forward” in global efforts to …": a
                // prepositional phrase right after the name, no punctuation between, goes on
                // with what was said (PolNeAR takes it in 10 times to 1 on train); not the agent
                // of a passive ("named “…” by X").
                let close = self.quote_close_tok(k);
                let goes_on = close + 1 < stop
                    && !self.is_punct(close - 2, &[',', '.', ';', ':', '!', '?'])
                    && self.role(close) == Some(Role::Preposition)
                    && !self.word_in(close, W::AgentMarker)
                    && !self.word_in(close + 1, W::ClauseSubject);
                if !goes_on {
                    stop = stop.min(close);
                } else if let Some(c) = (close + 1..stop).find(|&t| {
                    self.is_clause_punct(t, &[',', ';'])
                        || self.is_subordinator(t)
                        || self.word_in(t, W::TrailingConjunction)
                }) {
                    // The phrase ends at the first comma, conjunction or subordinate clause after
                    // it ("on his show when commenting on …", "in the run-up to the war and now …").
                    stop = c;
                }
            } else if let Some(c) = (start..stop).find(|&t| self.is_clause_punct(t, &[',', ';'])) {
                // "what he calls political correctness, and has made …": without a quotation,
                // the name ends at the first comma.
                stop = c;
            }
        }
        // "praised the ruling, which makes him an outlier": a relative clause after a comma
        // comments on what was reported; PolNeAR leaves it out more often than not. Not an aside
        // a second comma closes before the reported clause's own verb ("the plan, which …, would
        // fail": `closed_aside`).
        // "vowed to repeal the Hyde Amendment, a federal provision that …": a noun phrase after
        // a comma that closes the clause is the writer's appositive or comment.
        // Both cuts are at a comma: a sentence without one has neither.
        // Both walks read only the commas (`closing_appositive` holds at a comma only).
        if self.sentence_has(si, ',') {
            // The three cuts read the same commas, from the clause's start to its end as the cuts
            // before leave it (a cut only moves the end back): found once, in one walk.
            let mut near = [0; SHARED_COMMAS];
            let mut more = Vec::new();
            let mut n = 0;
            for t in self.commas(start + 1, stop.saturating_sub(1)) {
                if n < SHARED_COMMAS {
                    near[n] = t;
                } else {
                    if n == SHARED_COMMAS {
                        more.extend_from_slice(&near);
                    }
                    more.push(t);
                }
                n += 1;
            }
            let commas: &[usize] = if n <= SHARED_COMMAS {
                &near[..n]
            } else {
                &more
            };
            let before = |hi: usize| commas.iter().copied().take_while(move |&t| t < hi);
            if let Some(c) = before(stop.saturating_sub(1)).find(|&t| {
                !self.quoted[t]
                    && self.word_in(t + 1, W::TrailingRelative)
                    && !self.closed_aside(t + 2, stop)
            }) {
                stop = c;
            }
            if let Some(c) =
                before(stop.saturating_sub(1)).find(|&t| self.closing_appositive(t, stop))
            {
                stop = c;
            }
            // "said they backed Clinton, while 13 percent were unsure", "said the race was over,
            // and both sides knew it": a subordinate clause of contrast, or a clause with a
            // subject of its own after "and" or "but", is the writer's; PolNeAR leaves it out.
            // "found 449 back Clinton, while only 19 support Sanders": a finding's contrast is
            // the finding's second half (PolNeAR keeps it after an evidence cue: train 9 of 9).
            let finding = cue.has(Frame::Evidence);
            if let Some(c) = before(stop.saturating_sub(2))
                .find(|&t| !self.quoted[t] && self.closing_clause(t + 1, stop, finding))
            {
                stop = c;
            }
        }
        if bare_object && cue.has(Frame::Stance) {
            // "endorsed Cruz last week", "his support for the Ohio governor on Thursday night": a
            // date after a stance's object says when the stance was taken, not what it is of; so
            // does a month or a year ("endorsed Sanders in December"), and an occasion says
            // where ("endorsed Clinton during a conference call with reporters").
            if let Some(d) = self
                .object_date(start + 1, stop)
                .or_else(|| self.object_occasion(start + 1, stop))
            {
                stop = d;
            }
        }
        while stop > start
            && (self.is_clause_punct(stop - 1, &[','])
                || self.word_in(stop - 1, W::TrailingConjunction))
        {
            stop -= 1;
        }
        if cue.has(Frame::Regard) && that.is_none() && !cue.has(Frame::Clause) && !bare {
            // "see Clinton as the stronger candidate": an object, then "as" before any comma.
            let regarded = (start..stop.min(start + MAX_REGARD_OBJECT + 1))
                .take_while(|&t| !self.is_clause_punct(t, &[',', ';', ':']))
                .any(|t| {
                    // Not "as" opening a clause of its own ("saw sales sink as it battled …").
                    t > start
                        && self.word_in(t, W::NamingAs)
                        && t + 1 < stop
                        && !self.word_in(t + 1, W::ClauseSubject)
                });
            if !regarded {
                return None;
            }
        }
        let content = self.trimmed_tokens(start, stop)?;
        // Two words are enough to know.
        let words = (start..stop).filter(|&t| self.is_word(t)).take(2).count();
        (words >= 2 || words == 1 && (light || cue.has(Frame::Stance))).then_some(content)
    }

    /// Where a speaker phrase starting at token `first` (after `floor`) starts when it is the
    /// whole of a share ("only 49 percent of Republicans", "nine in 10", "26 percent of
    /// Democrats"): back over numbers, "of" and "in" of a share, determiners, adverbs and speaker
    /// nouns, at most six tokens; else `first`. A clause ends before such a speaker's own cue.
    pub(crate) fn share_start(&self, first: usize, floor: usize) -> usize {
        let share_word = |t: usize| {
            self.is_word(t)
                && (self.word(t).bytes().all(|b| b.is_ascii_digit())
                    || self.word_in(t, W::ShareOf)
                    || self.word_in(t, W::PhraseOf)
                    || matches!(
                        self.role(t),
                        Some(Role::Determiner | Role::Adverb | Role::Noun(_))
                    ))
        };
        let mut k = first;
        while k > floor + 1 && first - k < 6 && share_word(k - 1) {
            k -= 1;
        }
        let number = (k..=first).any(|t| self.word(t).bytes().all(|b| b.is_ascii_digit()))
            || self.role(first) == Some(Role::Noun(crate::claims::SpeakerType::Group));
        if number {
            k
        } else {
            first
        }
    }

    /// Whether token `t` (before `end`) opens a quantity rather than a prepositional phrase:
    /// "about half of …", "over 200 people …", "around two-thirds" (an approximator before a
    /// number, a fraction or a group determiner, possibly after an article: "over a third"), or
    /// an equative one: "as many as 3,000 firms …", "as few as" (a group determiner between two
    /// of the same word).
    pub(crate) fn quantity_at(&self, t: usize, end: usize) -> bool {
        let mut n = t + 1;
        if n + 1 < end
            && speaker::is_group_determiner(self.text, &self.toks[n])
            && self.is_word(n + 1)
            && self.word(n + 1).eq_ignore_ascii_case(self.word(t))
        {
            n += 2;
        } else if !self.word_in(t, W::Approximator) {
            return false;
        }
        if n < end && self.word_in(n, W::IndefiniteArticle) {
            n += 1;
        }
        n < end
            && self.is_word(n)
            && (self.word(n).starts_with(|c: char| c.is_ascii_digit())
                || self.word_in(n, W::Fraction)
                || speaker::is_group_determiner(self.text, &self.toks[n]))
    }

    /// The verb cue after token `t` and any adverbs, if one follows.
    pub(crate) fn cue_after(&self, t: usize) -> Option<&'static Cue> {
        let mut v = t + 1;
        while v < self.toks.len() && self.is_adverb(v) {
            v += 1;
        }
        self.hit_at(v).map(|h| self.hits[h].cue)
    }

    /// Whether token `t` is a comma closing a relative clause or participle phrase before its
    /// main clause's verb cue: "Graham, who says allies should send troops, tweeted that …". The
    /// clause before the comma ends there.
    pub(crate) fn main_verb_after(&self, t: usize) -> bool {
        self.is_punct(t, &[','])
            && !self.quoted[t]
            && self
                .cue_after(t)
                .is_some_and(|c| c.has(Frame::Before) && !c.has(Frame::Participle))
    }

    /// Whether sentence `si` opens with a subordinating conjunction ("Although", "When", "As";
    /// `lexicons/subordinators.txt`) that token `t`, later in the sentence, may belong to.
    pub(crate) fn opens_subordinate(&self, si: usize, t: usize) -> bool {
        let first = self.sent_toks[si].start;
        t > first && self.is_subordinator(first)
    }

    /// Whether token `t` (a cue's first word) stands in a subordinate clause fronted before its
    /// sentence's main clause that does not open the sentence: a subordinator
    /// (`lexicons/subordinators.txt`) after an opening connective that opens sentence `si` ("But
    /// when Clinton said …", "And although he thanked …") or after a comma ("Last month, when I
    /// asked …", "However, while the RNC says …"), with no comma, semicolon, colon, dash, bracket
    /// or quotation between it and `t`. ([`Engine::opens_subordinate`] is the one that opens
    /// the sentence.)
    pub(crate) fn fronted_subordinate(&self, si: usize, t: usize) -> bool {
        let first = self.sent_toks[si].start;
        (first..t)
            .rev()
            .take_while(|&k| {
                !self.quoted[k] && !self.is_clause_punct(k, &[',', ';', ':', '—', '–', '('])
            })
            .find(|&k| self.is_word(k) && self.is_subordinator(k))
            .is_some_and(|u| {
                u > first
                    && (self.is_clause_punct(u - 1, &[','])
                        || u == first + 1 && self.word_in(first, W::OpeningConnective))
            })
    }

    /// Whether a main clause starts at token `t` (before `end`): a phrase that is a clause's
    /// subject ([`Engine::subject_of_clause`]: "he looked …", "the race was …"). (Not a verb
    /// alone: in "when X said the deal, which was signed in May, was dead" the verb after the
    /// comma is the reported clause's.)
    fn main_clause_at(&self, t: usize, end: usize) -> bool {
        t < end
            && self
                .phrase_after(t, end)
                .is_some_and(|p| p.first == t && self.subject_of_clause(p, end))
    }

    /// The main clause's subject after a participle cue `h` that opens sentence `si`, alone or
    /// after one subordinator or preposition ("Citing a poll, Trump said …", "After saying he was
    /// nervous, the man ended up …", "In rejecting the challenge, the commission ruled …"): the
    /// first phrase right after a comma (outside quotes) that looks like a speaker and has a word
    /// after it, which is the participle's speaker; the comma ends the participle's content.
    /// PolNeAR annotates that subject as the source (on its train split, listed participle cues
    /// opening a sentence are cues four times in five). Not when that subject and a cue close the
    /// sentence ("Asking firms to …, would stifle innovation, it said": a gerund subject and a
    /// tag). Returns the comma and the phrase.
    #[inline(always)]
    pub(crate) fn opening_participle(&self, h: usize, si: usize) -> Option<(usize, Phrase)> {
        // Nearly every cue is no participle: told where it is asked, without a call.
        if !self.hits[h].cue.has(Frame::Participle) {
            return None;
        }
        self.participle_opening(h, si)
    }

    /// [`Engine::opening_participle`] of participle cue `h`.
    fn participle_opening(&self, h: usize, si: usize) -> Option<(usize, Phrase)> {
        let hit = self.hits[h];
        let r = self.sent_toks[si].clone();
        if hit.first > r.start + 1 || self.quoted[hit.first] {
            return None;
        }
        if hit.first == r.start + 1
            && !(self.is_subordinator(r.start) || self.role(r.start) == Some(Role::Preposition))
        {
            return None;
        }
        self.commas(hit.last + 2, r.end.saturating_sub(2))
            .filter(|&k| !self.quoted[k])
            .find_map(|k| {
                // The phrase ends before the main clause's verb: a cue ("the commission
                // recognized that …") or a lowercase past form ("the man ended up …").
                let next_cue = self.hits.partition_point(|x| x.first <= k);
                let ceil = self
                    .hits
                    .get(next_cue)
                    .map_or(r.end, |x| x.first.min(r.end));
                let mut p = self.phrase_after(k + 1, ceil)?;
                if let Some(past) = (p.first + 1..=p.last)
                    .find(|&t| !self.capitalized(t) && self.word_in(t, W::PastEnding))
                {
                    p.last = past - 1;
                }
                let verb = p.last + 1;
                // "Asking firms to …, would stifle innovation, it said.": a speaker and cue that
                // close the sentence are a tag, and the "-ing" phrase is a subject, not a
                // participle.
                let tag = self
                    .hit_at(verb)
                    .is_some_and(|n| self.hits[n].last + 2 >= r.end);
                let subject = !tag
                    && p.first == k + 1
                    && verb < r.end
                    && self.is_word(verb)
                    && !self.quoted[verb]
                    && !self.word_in(verb, W::PhraseCoordinator)
                    && !self.word_in(verb, W::ClauseCoordinator)
                    && self.known_speaker(&self.speaker(p, si));
                subject.then_some((k, p))
            })
    }

    /// Whether the words from token `t` (before `end`) are a short object rather than a clause:
    /// at most [`MAX_SHORT_OBJECT`] words, none a finite auxiliary, a subject pronoun, a relative or
    /// a lowercase past form, before the sentence's end, a closing mark, or a preposition other
    /// than "of" ("the title.", "another 34 servers to …", "the Cup, and …", "credit for …");
    /// "claimed tobacco firms manipulated …" and "claimed the Fed's assessment of growth was …"
    /// go on as clauses. A quotation after the comma or colon is what the object introduces
    /// ("added the words, “…”").
    pub(crate) fn short_object(&self, t: usize, end: usize) -> bool {
        let mut words = 0;
        for k in t..end {
            if !self.is_word(k) {
                if self.is_clause_punct(k, &['.', ',', ';', ':', '!', '?', '(', '—', '–']) {
                    let quote_next = k + 1 < end && self.quoted[k + 1] && !self.quoted[k];
                    return words > 0 && !quote_next;
                }
                continue;
            }
            if self.word_in(k, W::FiniteAuxiliary)
                || self.word_in(k, W::ClauseSubject)
                || self.role(k) == Some(Role::Relative)
                || !self.capitalized(k) && self.word_in(k, W::PastEnding)
            {
                return false;
            }
            if self.role(k) == Some(Role::Preposition) && !self.word_in(k, W::PhraseOf) {
                return words > 0;
            }
            words += 1;
            if words > MAX_SHORT_OBJECT {
                return false;
            }
        }
        words > 0
    }

    /// Whether token `t` is a subordinating conjunction, in any case ("When", "when").
    pub(crate) fn is_subordinator(&self, t: usize) -> bool {
        self.toks[t].classes.has(Classes::SUBORDINATOR)
    }

    /// The clause before "…, X said." / "…, said X, a fellow at Y." or around "A, he said, B."
    /// (the whole sentence from its floor, with the parenthetical tag inside it:
    /// [`Engine::parenthetical`]).
    pub(crate) fn clause_before(&self, h: usize, sp: &Speaker, si: usize) -> Option<Range<usize>> {
        let hit = self.hits[h];
        let r = self.sent_toks[si].clone();
        let speaker_after = sp.span.start >= self.toks[hit.last].end;
        // The comma before the speaker+cue group.
        let group_start = if speaker_after {
            hit.first
        } else {
            sp.first_token(self).min(hit.first)
        };
        if group_start == r.start {
            return None;
        }
        if !self.is_punct(group_start - 1, &[',']) {
            // "For decades, Mr. de Vos noted, the United States has …": a tag whose speaker's
            // words before its span, or whose hearer after its cue, stand between its commas.
            return self
                .parenthetical(h, sp, si)
                .and_then(|(open, _)| self.trimmed(self.floor(si, open), r.end));
        }
        let floor = self.floor(si, group_start);
        // "A, X said, adding …": the participle opens a claim of its own.
        let participle_next = self.is_punct(hit.last + 1, &[','])
            && self
                .hit_at(hit.last + 2)
                .is_some_and(|n| self.hits[n].cue.has(Frame::Participle));
        let closes = self.short_tail(hit.last + 1, r.end)
            && self.adverbial_after(hit.cue, hit.last + 1, r.end);
        if speaker_after || participle_next || closes {
            self.trimmed(floor, group_start - 1)
        } else if self.parenthetical(h, sp, si).is_some() {
            self.trimmed(floor, r.end)
        } else {
            None
        }
    }

    /// The commas (tokens) around the tag of cue `h` and its speaker `sp` when it stands inside
    /// the clause it reports, "A, X said, B": the comma before the tag and the one after it.
    /// Before the speaker's span, at most [`MAX_TAG_LEAD`] words of its phrase or "as" may stand
    /// ("For decades, Mr. de Vos noted, …", "…, an inside source said, …", "…, as Western
    /// Journalism reported, …"); after the cue, a hearer of a cue of the `object` frame, a date or
    /// a phrase opening with a preposition, of at most [`MAX_TAG_TAIL`] tokens ("…, the partner
    /// told them, …", "…, she said in an interview, …"). None when the speaker comes after the
    /// cue, or when no comma closes the tag before more of the sentence.
    pub(crate) fn parenthetical(
        &self,
        h: usize,
        sp: &Speaker,
        si: usize,
    ) -> Option<(usize, usize)> {
        let hit = self.hits[h];
        let r = self.sent_toks[si].clone();
        // A tag between commas needs a comma before it: a sentence without one (most) has no
        // such tag, which the mark bits tell before any token is read.
        if sp.span.start >= self.toks[hit.last].end || !self.sentence_has(si, ',') {
            return None;
        }
        let group_start = sp.first_token(self).min(hit.first);
        let floor = self.floor(si, group_start);
        let open = (floor.max(group_start.saturating_sub(MAX_TAG_LEAD + 1))..group_start)
            .rev()
            .find(|&t| !self.is_word(t) && !self.is_punct(t, &['.']))
            .filter(|&t| self.is_punct(t, &[',']) && !self.quoted[t] && t > r.start)?;
        // The words between the comma and the speaker: the speaker's phrase, or "as" ("Moments
        // earlier, in his opening remarks, …" is no tag; nor is "…, and as Comey noted, …", whose
        // coordinator joins a clause of the writer's).
        if self.speaker_role(sp.first_token(self)) == Some(Role::Relative)
            || open + 1 < group_start
                && (self.role(open + 1) == Some(Role::Preposition)
                    || self.opens_subordinate(si, open)
                        && !(r.start..open).any(|t| self.is_clause_punct(t, &[','])))
            || (open + 1..group_start).any(|t| {
                self.is_word(t)
                    && (self.is_subordinator(t)
                        || self.word_in(t, W::NamingAs)
                        || self.word_in(t, W::ClauseCoordinator)
                        || self.role(t) == Some(Role::Relative))
            })
        {
            return None;
        }
        let after = hit.last + 1;
        let stop = r.end.min(after + MAX_TAG_TAIL + 1);
        let close = (after..stop).find(|&t| !self.is_word(t) && !self.is_punct(t, &['.']))?;
        if !self.is_clause_punct(close, &[',']) || self.quoted[close] || close + 1 >= r.end {
            return None;
        }
        if close > after {
            let hearer = hit.cue.has(Frame::Object)
                && self
                    .phrase_after(after, close)
                    .is_some_and(|p| p.first == after && p.last + 1 == close);
            let adverbial = self.date_run(after, close).is_some()
                || speaker::is_occasion_preposition(self.word(after));
            // "told Bill O'Reilly of Fox News, that …": a clause after the hearer's comma is
            // the cue's own ("It makes a difference, she said in an interview, that …" stays:
            // the "that" clause is the subject's).
            // "…, Lord Butler said in his interview, which was …", "…, X told reporters,
            // although …": after a hearer or an adverbial, a relative, a subordinate clause or an
            // appositive after the comma comments on the sentence the tag closes. (Right after
            // the cue, "…, he said, because …" goes on with the clause: PolNeAR train loses 7
            // exact contents when these close a tag there too.)
            let comment = self.word_in(close + 1, W::TrailingRelative)
                || self.word_in(close + 1, W::TrailingSubordinate)
                || self.is_subordinator(close + 1)
                || self.closing_appositive(close, r.end);
            if !adverbial && (!hearer || self.word_in(close + 1, W::Complementizer))
                || comment
                || (after..close).any(|t| self.word_in(t, W::Complementizer))
            {
                return None;
            }
        }
        // "…, Huckabee agreed, praising …": the participle opens a claim of its own.
        if self
            .hit_at(close + 1)
            .is_some_and(|n| self.hits[n].cue.has(Frame::Participle))
        {
            return None;
        }
        Some((open, close))
    }

    /// Whether `content` (bytes), the words before the comma of a tag whose speaker stands before
    /// its cue, is only an adverbial fronted to the tag's own clause, not a clause the tag reports:
    /// at most [`MAX_FRONTED_WORDS`] words with no comma but a list's, opening (after an opening
    /// connective) with a preposition or a subordinator ("In response, Trump assured voters …",
    /// "As an immigrant, she felt for me", "But even after the growth cooled, the borrowing
    /// continued"), or a lone adverb ("Meanwhile, John Kasich reminds us of …"). When the tag
    /// names a speaker and its cue ends its clause (`heads_clause` false: "Since then nothing has
    /// changed, he said."), the words before the comma are the clause it reports unless they are
    /// at most [`MAX_BARE_FRONTED_WORDS`] ("After all, he said.").
    pub(crate) fn fronted_adverbial(&self, content: &Range<usize>, heads_clause: bool) -> bool {
        let (mut t, end) = (self.tok_at(content.start), self.tok_at(content.end));
        while t + 1 < end && self.word_in(t, W::OpeningConnective) {
            t += 1;
        }
        let words = (t..end).filter(|&k| self.is_word(k)).count();
        if words == 1 && self.role(t) == Some(Role::Adverb) {
            return true;
        }
        let most = if heads_clause {
            MAX_FRONTED_WORDS
        } else {
            MAX_BARE_FRONTED_WORDS
        };
        words <= most
            && (self.role(t) == Some(Role::Preposition) || self.is_subordinator(t))
            && !(t..end)
                .any(|k| self.is_clause_punct(k, &[',', ';', ':']) && !self.lists_on(k, end))
    }

    /// Whether token `t` is a comma outside quotation marks opening a noun phrase that closes a
    /// clause ending before token `end`: "…, a provision that prohibits …", "…, an advocacy group"
    /// (`trailing_appositive`). Not when a comma follows (an aside: "PAC, an outside group …,
    /// made a change"), nor when "and" or "or" before an article or a number does (a list: "body
    /// armour, a smoke bomb and five shields").
    pub(crate) fn closing_appositive(&self, t: usize, end: usize) -> bool {
        let item = |k: usize| {
            k < end
                && (self.word_in(k, W::TrailingAppositive)
                    || self.word(k).starts_with(|c: char| c.is_ascii_digit())
                    || speaker::is_group_determiner(self.text, &self.toks[k]))
        };
        self.is_clause_punct(t, &[','])
            && !self.quoted[t]
            && t + 1 < end
            && self.word_in(t + 1, W::TrailingAppositive)
            && !(t + 2..end).any(|k| {
                self.is_clause_punct(k, &[',', ';'])
                    || self.word_in(k, W::FragmentCoordinator) && item(k + 1)
            })
    }

    /// Whether token `t`, right after a comma inside a reported clause ending before token `end`,
    /// opens a clause that closes it: a word of `trailing_subordinate` ("…, while 13 percent were
    /// unsure"), or a word of `clause_coordinator` before a subject and its verb ("…, and the
    /// market did nothing", "…, but those rules did not apply"; a subject pronoun with a verb, or
    /// a noun phrase before a finite auxiliary). On PolNeAR train the first cut makes 7 more
    /// contents exact, the second 7 more. After an evidence cue (`finding`: "the poll found …,
    /// while …") the subordinate clause is the finding's own contrast and closes nothing.
    fn closing_clause(&self, t: usize, end: usize, finding: bool) -> bool {
        !finding && self.word_in(t, W::TrailingSubordinate)
            || self.word_in(t, W::ClauseCoordinator)
                && self
                    .phrase_after(t + 1, end)
                    .is_some_and(|p| p.first == t + 1 && self.subject_of_clause(p, end))
    }

    /// Whether the comma at token `t` is inside a number written with a thousands separator
    /// ([`speaker::in_number`]: "$20,000", "1,400").
    pub(crate) fn in_number(&self, t: usize) -> bool {
        speaker::in_number(self.toks, t)
    }

    /// Whether token `t` is one of the marks `chars` ([`Engine::is_punct`]) that may end a
    /// clause: not a comma inside a number ([`Engine::in_number`]).
    #[inline(always)]
    pub(crate) fn is_clause_punct(&self, t: usize, chars: &[char]) -> bool {
        self.is_punct(t, chars) && !self.in_number(t)
    }

    /// Whether the comma at token `t` (before `end`) separates the items of a list: one to
    /// [`MAX_LIST_ITEM`] words after it, then another comma or a word of `fragment_coordinator`
    /// ("attacked women, Mexicans and Muslims", "on Facebook, Twitter, YouTube and Google").
    pub(crate) fn lists_on(&self, t: usize, end: usize) -> bool {
        let stop = end.min(t + 2 + MAX_LIST_ITEM);
        (t + 1..stop)
            .find(|&k| !self.is_word(k) || self.word_in(k, W::FragmentCoordinator))
            .is_some_and(|k| {
                k > t + 1
                    && (self.is_clause_punct(k, &[',']) || self.word_in(k, W::FragmentCoordinator))
            })
    }

    /// Whether what follows a cue that closes its clause with its speaker before it, from token
    /// `t`, is no object of the cue: the sentence's end or a punctuation mark, a preposition other
    /// than the infinitive marker ("said on Tuesday", not "Still, X continues to lead"), a date
    /// ("said Thursday"), or, after a cue of the `object` frame, a hearer ("told CNN"). Otherwise
    /// the cue is a verb of the sentence ("Her father, the Rev. X, knew Y for decades"), not a tag
    /// on the clause before it.
    pub(crate) fn adverbial_after(&self, cue: &Cue, t: usize, end: usize) -> bool {
        t >= end
            || !self.is_word(t)
            || cue.has(Frame::Object)
            || self.role(t) == Some(Role::Preposition) && !self.word_in(t, W::InfinitiveMarker)
            || self.date_word(t)
    }

    /// Whether tokens `from..end` are at most an adverbial ("on Tuesday in a video message to the
    /// convention."): a few words, no comma, no "that", no colon (which opens a quote of its own).
    pub(crate) fn short_tail(&self, from: usize, end: usize) -> bool {
        let words = (from..end).filter(|&t| self.is_word(t)).count();
        words <= 10
            && (from..end)
                .all(|t| !self.is_punct(t, &[',', ':']) && !self.word_in(t, W::Complementizer))
    }

    /// The token after a date starting at token `t` that a clause follows: a day or a time word
    /// after a day or a date modifier ("Tuesday", "Monday night", "last week", "early Sunday"),
    /// then a word that is no possessive ("last year's figures" is content). None when no date
    /// starts there.
    pub(crate) fn date_run(&self, t: usize, end: usize) -> Option<usize> {
        let (k, dated) = self.date_words(t, t, end);
        // (Nearly every run holds no date: the word after it is read only after one.)
        let clause_follows =
            || k < end && self.is_word(k) && !self.word(k).starts_with(['\'', '’']);
        (dated && clause_follows()).then_some(k)
    }

    /// Whether tokens `t..end` are only a date, maybe after a preposition and adverbs, and the
    /// marks closing the sentence: "last month.", "on Tuesday.", "earlier this week.", "late
    /// Thursday." (a date word after a modifier or an adverb, or a capitalised day or time word).
    fn date_to_end(&self, t: usize, end: usize) -> bool {
        let mut k = t;
        if k < end && self.role(k) == Some(Role::Preposition) {
            k += 1;
        }
        while k < end && self.is_word(k) && self.is_adverb(k) {
            k += 1;
        }
        let (k, dated) = self.date_words(t, k, end);
        dated && (k..end).all(|x| !self.is_word(x) && !self.quoted[x])
    }

    /// The token after the date modifiers and date words from token `from` on (before `end`), and
    /// whether they hold a date: a date word after a modifier or after token `t` where the
    /// reading began, or a capitalised one ("last week", "Monday night", "Tuesday"; [`Engine::date_run`],
    /// [`Engine::date_to_end`]).
    fn date_words(&self, t: usize, from: usize, end: usize) -> (usize, bool) {
        let mut k = from;
        let mut dated = false;
        while k < end && self.is_word(k) {
            if self.word_in(k, W::DateModifier) {
                k += 1;
            } else if self.word_in(k, W::DateWord) && (dated || k > t || self.capitalized(k)) {
                dated = true;
                k += 1;
            } else {
                break;
            }
        }
        (k, dated)
    }

    /// Where the clause starts after a second hearer that begins at token `t` (after "and":
    /// "told reporters and supporters the deal was dead" gives "the deal"): the hearer's phrase,
    /// then a phrase that is a clause's subject ([`Engine::subject_of_clause`]), in a sentence
    /// ending before token `end`.
    fn clause_after_second_hearer(&self, t: usize, end: usize) -> Option<usize> {
        let hearer = self.phrase_after(t, end).filter(|p| p.first == t)?;
        let next = hearer.last + 1;
        self.phrase_after(next, end)
            .filter(|p| p.first == next && self.subject_of_clause(*p, end))
            .map(|_| next)
    }

    /// Whether a coordinator (`lexicons/function_words/cue_coordinator.txt`) opens what follows
    /// a cue whose next token is `after` (in a sentence ending before token `end`), so that the
    /// words after it are a second verb's or noun's, not the cue's content.
    fn coordinator_after_cue(&self, after: usize, end: usize) -> bool {
        let k = self.past_punct(after, end, &[',', ':']);
        if k >= end || !self.word_in(k, W::CueCoordinator) {
            return false;
        }
        // Right after the cue: a second verb or noun ("yelled and held up a banner"); after a
        // comma, unless a comma soon closes it as an aside.
        k == after
            || !(k + 1..end.min(k + 1 + MAX_COORDINATED_ASIDE)).any(|t| self.is_punct(t, &[',']))
    }

    /// Whether token `a` is a finite auxiliary and so is every token from it to `b`, adverbs
    /// aside: "have (already) speculated" right after a cue's first word (the auxiliary may be
    /// read as part of the cue) makes that cue a noun, the subject of the verb at `b`.
    fn auxiliaries(&self, a: usize, b: usize) -> bool {
        self.word_in(a, W::FiniteAuxiliary)
            && (a..b).all(|k| self.is_adverb(k) || self.word_in(k, W::FiniteAuxiliary))
    }

    /// Where the content of a light verb's cue ([`Frame::Light`]) starts when token `t`, right
    /// after it, is a bare noun (a lowercase word of no function-word role, outside quotation
    /// marks) that a preposition other than "to" or a "that" follows: after the preposition
    /// ("expressed support for the plan" gives "the plan"), at the "that" ("expressed doubt that
    /// …"), which PolNeAR reads with the cue ("expressed support for"; "expressed doubt as to
    /// whether …" gives "whether …"). Not after a determiner or
    /// a possessive ("expressed their support for …" keeps its object). On its train split 13
    /// contents more words-exact, 3 fewer ("expressed admiration for …").
    fn light_noun(&self, t: usize, end: usize) -> Option<usize> {
        let n = t + 1;
        if n + 1 >= end
            || !self.is_word(t)
            || self.capitalized(t)
            || self.quoted[t]
            || self.role(t).is_some()
            || !self.is_word(n)
            || !self.is_word(n + 1)
        {
            return None;
        }
        if self.word_in(n, W::Complementizer) {
            return Some(n);
        }
        if self.role(n) != Some(Role::Preposition) || self.word_in(n, W::InfinitiveMarker) {
            return None;
        }
        // "expressed doubt as to whether …": a compound preposition goes with the cue too.
        let mut start = n + 1;
        while start + 1 < end && self.role(start) == Some(Role::Preposition) {
            start += 1;
        }
        Some(start)
    }

    /// Whether the comma at token `t`, within the tokens `start..reach` after a cue, stands
    /// between a capitalised word and a place's name in an adverbial (a town and its state): a
    /// preposition before it among the tokens after the cue, and no date before it ("in Salem,
    /// New Hampshire", "at a popular Manchester, New Hampshire breakfast spot", not "in Las
    /// Vegas, Toshiba announced …" nor "said Tuesday, Congress …").
    fn place_comma(&self, start: usize, t: usize, reach: usize) -> bool {
        t > start
            && t + 1 < reach
            && !self.quoted[t]
            && self.is_word(t - 1)
            && self.capitalized(t - 1)
            && !self.date_word(t - 1)
            && self.is_word(t + 1)
            && (start..t - 1).any(|k| self.role(k) == Some(Role::Preposition))
            && self.place_at(t + 1)
    }

    /// Whether tokens `first..that` (of a sentence ending before token `end`), between a cue and
    /// its "that", are adverbials: adverbs, dates ("Tuesday", "last week") and a phrase opened by
    /// a preposition ("in a statement"), or hold a mark (a dash, a quotation) that this reading
    /// cannot tell. Not a noun phrase ("a violent hit that …": a relative; "expressed alarm that
    /// …": a noun's complement) nor a clause ("the truth is that …"). On PolNeAR train, a "that"
    /// after such words opened the gold content of 52 reported claims and came inside it for 175;
    /// keeping the "that" after a noun's complement or a hearer (a "that" before a subject) made
    /// fewer contents exact (9,342 against 9,350).
    fn adverbial_gap(&self, first: usize, that: usize, end: usize) -> bool {
        let mut k = first;
        loop {
            while k < that && self.is_adverb(k) {
                k += 1;
            }
            if k >= that {
                return true;
            }
            if let Some(after) = self.date_run(k, end).filter(|&a| a <= that) {
                k = after;
                continue;
            }
            if self.date_word(k) {
                k += 1;
                continue;
            }
            return !self.is_word(k) || self.role(k) == Some(Role::Preposition);
        }
    }

    /// Whether tokens `first..that` are one name of a person, the hearer of a cue that takes no
    /// object otherwise ("warned Clinton that …", "promised Mr. Weiner that …"): the "that" after
    /// it opens the cue's clause, and the hearer stays out of the content, as after "told".
    fn named_hearer(&self, first: usize, that: usize, si: usize) -> bool {
        self.phrase_after(first, that).is_some_and(|p| {
            p.first == first
                && p.last + 1 == that
                && self.capitalized(p.last)
                && self.speaker(p, si).ty == crate::claims::SpeakerType::Person
        })
    }

    /// Whether token `t` is a word of a date: a day or time word ("Sunday", "week"), or a date
    /// modifier right before one ("last week", "early Sunday").
    pub(crate) fn date_word(&self, t: usize) -> bool {
        self.word_in(t, W::DateWord)
            || self.word_in(t, W::DateModifier)
                && t + 1 < self.toks.len()
                && self.word_in(t + 1, W::DateWord)
    }

    /// The first token of a date among tokens `from..stop` before any comma, semicolon, colon or
    /// quotation: a day ("Tuesday"), a date modifier before a day or time word ("last week", "this
    /// year"), alone or after a preposition ("on Thursday night", "in December" is none: months are no
    /// date words). A
    /// lowercase time word alone ("a year") is no date.
    fn object_date(&self, from: usize, stop: usize) -> Option<usize> {
        let day = |t: usize| {
            t < stop
                && (self.word_in(t, W::DateWord) && self.capitalized(t)
                    || self.word_in(t, W::DateModifier)
                        && t + 1 < stop
                        && self.word_in(t + 1, W::DateWord))
        };
        (from..stop)
            .take_while(|&t| !self.is_punct(t, &[',', ';', ':']) && !self.quoted[t])
            .find(|&t| day(t) || self.role(t) == Some(Role::Preposition) && day(t + 1))
    }

    /// The first token of an adverbial of occasion or time among tokens `from..stop` before any
    /// comma, semicolon, colon or quotation: a preposition of `lexicons/occasion_prepositions.txt`
    /// ("in", "at", "during") before a month ("in December") or, within
    /// [`MAX_OCCASION_WORDS`] words, a noun of `lexicons/occasion_nouns.txt` ("at a surprise news
    /// conference", "in an interview"). Not a year: "opposed a similar bill in 2007" is the bill
    /// of that year as often.
    pub(crate) fn object_occasion(&self, from: usize, stop: usize) -> Option<usize> {
        let occasion = |p: usize| {
            p + 1 < stop
                && (speaker::is_month(self.word(p + 1))
                    || (p + 1..stop.min(p + 1 + MAX_OCCASION_WORDS))
                        .take_while(|&t| self.is_word(t) && !self.quoted[t])
                        .any(|t| speaker::is_occasion_noun(self.word(t))))
        };
        (from..stop)
            .take_while(|&t| !self.is_punct(t, &[',', ';', ':']) && !self.quoted[t])
            .find(|&t| {
                self.is_word(t) && speaker::is_occasion_preposition(self.word(t)) && occasion(t)
            })
    }

    /// The subject pronoun opening a bare clause after an adverbial of occasion at token `p`, right
    /// after a cue, that no comma closes: a preposition of `lexicons/occasion_prepositions.txt`,
    /// then a month or, within [`MAX_OCCASION_WORDS`] words, a noun of
    /// `lexicons/occasion_nouns.txt`, then maybe a date, then a subject pronoun and a lowercase
    /// word that is no noun, determiner or preposition: "said in a statement Thursday night they
    /// pulled …", "said in an interview he would run", "said in November they would strike". None
    /// otherwise: a prepositional phrase after a cue is as often its object, or a relative
    /// clause's ("said in the garden he saw" is no occasion; README, session 25).
    fn occasion_clause(&self, p: usize, end: usize) -> Option<usize> {
        if !speaker::is_occasion_preposition(self.word(p)) {
            return None;
        }
        let noun = if p + 1 < end && speaker::is_month(self.word(p + 1)) {
            p + 1
        } else {
            (p + 1..end.min(p + 1 + MAX_OCCASION_WORDS))
                .take_while(|&t| self.is_word(t) && !self.quoted[t])
                .find(|&t| speaker::is_occasion_noun(self.word(t)))?
        };
        let k = self.date_run(noun + 1, end).unwrap_or(noun + 1);
        let verb = |t: usize| {
            t < end
                && self.is_word(t)
                && !self.quoted[t]
                && !self.capitalized(t)
                && !matches!(
                    self.role(t),
                    Some(
                        Role::Preposition
                            | Role::Noun(_)
                            | Role::Determiner
                            | Role::Pronoun(_)
                            | Role::Relative
                    )
                )
        };
        (k < end
            && !self.quoted[k]
            && matches!(self.role(k), Some(Role::Pronoun(_)))
            && verb(k + 1))
        .then_some(k)
    }

    /// `content` without a contrast the writer adds after a comma: "said he had received offers,
    /// but the senator declined" / "…, but did not say" (PolNeAR leaves it out); not when it goes
    /// on reporting ("…, but that …", "…, but not …", "…, but only …") or a quotation follows
    /// ("…, but “we are still counting”"), nor after "not" shortly before it ("are not threats,
    /// but costs").
    /// `content` is a range of tokens, and so is the result.
    pub(crate) fn before_contrast(&self, content: Range<usize>) -> Range<usize> {
        let (first, last) = (content.start, content.end);
        // (A walk over the commas only, told by the token's `Punct` code.)
        self.commas(first + 1, last.saturating_sub(1))
            .find(|&t| {
                !self.quoted[t]
                    && self.word_in(t + 1, W::TrailingContrast)
                    && !self.word_in(t + 2, W::ContrastGoesOn)
                    && !self.quoted.get(t + 2).is_some_and(|&q| q)
                    && !(t.saturating_sub(CORRELATIVE_REACH).max(first)..t)
                        .any(|k| self.word_in(k, W::CorrelativeNegation))
            })
            .and_then(|c| self.trimmed_tokens(first, c))
            .unwrap_or(content)
    }

    /// Whether the words from token `t` (a relative clause's after its "who" or "which") are an
    /// aside that a comma before `end` closes, with the clause's own verb after it: a word of
    /// `finite_auxiliary` or a lowercase past form, after adverbs ("Sanders, who did win Rhode
    /// Island, would likely place …", "the plan, which friends described as miserable,
    /// contributed …").
    fn closed_aside(&self, t: usize, end: usize) -> bool {
        let Some(close) = self.commas(t, end.saturating_sub(1)).next() else {
            return false;
        };
        !self.quoted[close] && self.verb_starts(close + 1, end)
    }

    /// Whether a verb with no subject before it starts at token `t` (before `end`), after
    /// adverbs: a word of `finite_auxiliary` (read first: "would" has the adverb role too) or a
    /// lowercase past form.
    pub(crate) fn verb_starts(&self, t: usize, end: usize) -> bool {
        let mut k = t;
        while k < end && !self.word_in(k, W::FiniteAuxiliary) && self.is_adverb(k) {
            k += 1;
        }
        k < end
            && self.is_word(k)
            && (self.word_in(k, W::FiniteAuxiliary)
                || !self.capitalized(k) && self.word_in(k, W::PastEnding))
    }

    /// Where reported content before token `before` may start in sentence `si`: the sentence
    /// start, or after the last claim of the sentence that ends before `before` (a quote later in
    /// the sentence, claimed first, is no bound: "A, X said, adding, “B.”").
    pub(crate) fn floor(&self, si: usize, before: usize) -> usize {
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

    /// The byte range of tokens `start..end` without trailing punctuation (closing quotes stay), nor
    /// a leading comma, colon or dash (an aside's dash, "-" included, is outside the content).
    pub(crate) fn trimmed(&self, start: usize, end: usize) -> Option<Range<usize>> {
        self.trimmed_tokens(start, end)
            .map(|t| self.bytes(t.start, t.end - 1))
    }

    /// The tokens of [`Engine::trimmed`]'s range: its first and the one after its last.
    pub(crate) fn trimmed_tokens(&self, start: usize, end: usize) -> Option<Range<usize>> {
        let mut e = end;
        while e > start && self.is_punct(e - 1, &['.', ',', ';', ':', '—', '–', '-', '(']) {
            e -= 1;
        }
        let mut s = start;
        while s < e && self.is_punct(s, &[',', ':', '—', '–', '-']) {
            s += 1;
        }
        (s < e).then_some(s..e)
    }

    /// Where a quoted claim's `content` (bytes) ends when the quotation it ends with goes on as
    /// part of a clause of sentence `si`: "said “we need more information” about how the FBI
    /// came to its conclusion", "says “the wind is at our backs” despite his loss", "called the
    /// law “much better” than No Child Left Behind". The content ends at the quotation (its
    /// closing mark, or its words), the quotation closes with no mark before its closing mark
    /// (not "“…, right?” during a speech"), and the word right after the mark carries the clause
    /// on (`lexicons/quote_goes_on.txt`), not before a date ("“Thank you Indiana!” on Friday
    /// afternoon"). The clause then runs to its first comma, semicolon, colon, question or
    /// exclamation mark, bracket or dash outside quotation marks, to a word of
    /// `trailing_conjunction` ("and", "but", "while" …), or to the sentence's end. None when
    /// the content does not end so. On PolNeAR train such contents (the quotation alone, or a
    /// clause ending with it) had a gold content going on to that end 40 times, stopping at the
    /// quotation 4 times, each after a closing "!" or "?" or before a date.
    pub(crate) fn past_closing_quote(&self, content: &Range<usize>, si: usize) -> Option<usize> {
        let k = self.quotes.partition_point(|q| q.close < content.end);
        let q = self.quotes.get(k)?;
        if !(q.close == content.end || q.inner.end == content.end)
            || !quotes::has_quote_mark(&self.text[q.inner.end..q.close])
        {
            return None;
        }
        // (The quotation's sentence: a tag may stand in the sentence before it.)
        let end = self.sent_toks[self.sentence_of_near(q.close - 1, si)].end;
        let after = self.quote_close_tok(k);
        if after + 1 >= end
            || after < 2
            || self.is_punct(after - 2, &[',', '.', ';', ':', '!', '?'])
            || !self.is_word(after)
            || self.quoted[after]
            || !speaker::goes_on_after_quote(self.word(after))
            || self.date_word(after + 1)
            || speaker::is_month(self.word(after + 1))
        {
            return None;
        }
        let stop = (after + 1..end)
            .find(|&t| {
                !self.quoted[t]
                    && (self.is_clause_punct(t, &[',', ';', ':', '?', '!', '(', '—', '–'])
                        || self.is_double_dash(t)
                        || self.word_in(t, W::TrailingConjunction))
            })
            .unwrap_or(end);
        let last = self.trimmed_tokens(after, stop)?.end - 1;
        Some(self.toks[last].end)
    }

    /// The kind of a reported claim with this content: mixed when it holds a quotation, a double
    /// quote opening inside it ([`Engine::holds_quote`]) or a single-quoted phrase
    /// ([`quotes::has_single_quoted`]: *Trump says NFL has gone ‘soft’*), else indirect.
    pub(crate) fn reported_kind(&self, content: &Range<usize>) -> ClaimKind {
        if self.holds_quote(content) || quotes::has_single_quoted(&self.text[content.clone()]) {
            ClaimKind::Mixed
        } else {
            ClaimKind::Indirect
        }
    }

    /// Whether a double-quoted span opens inside `content`.
    pub(crate) fn holds_quote(&self, content: &Range<usize>) -> bool {
        let k = self.quotes.partition_point(|q| q.open < content.start);
        self.quotes.get(k).is_some_and(|q| q.open < content.end)
    }
}
