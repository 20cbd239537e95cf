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
//! rules that apply to nested cues (`label`). A cue or quote tag whose speaker stands right after
//! another unused cue that takes a clause ("Trump said he responded: “…”") is left to that outer cue
//! ([`Engine::reported_by_outer_cue`]). Rules only read the engine; every change of state
//! (claims, used cues, the last speakers for pronoun resolution) happens here, in
//! `Engine::accept`.
//!
//! A quote no rule claims (a scare quote, a title) is not a claim. Speakers that are pronouns
//! ("he"), relatives ("who") or definite role nouns ("the official") resolve to an earlier speaker.

use super::cues::{Cue, CueClass, CueLexicon, Frame, CUES};
use super::function_words::{self, FunctionWords, WordClass, FUNCTION_WORDS};
use super::quotes::{has_quote_mark, is_clause, is_title, Quote};
use super::rules::{self, Apply, Rule, RuleDef};
use super::speaker::{self, Phrase, Role, Sex};
use super::tokens::{possessive_stem, Classes, Shape, Tok, Tokens};
use super::{Claim, ClaimKind, SpeakerType};
use crate::entity::DocEntities;
use crate::lexicon;
use crate::mentions::Mention;
use crate::sentences::Sentence;
use crate::tokens::{Punct, SentenceBits, TokenId};
use std::cell::{Cell, OnceCell};
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
    /// The first and last token of `span`, when the speaker was found as a phrase of tokens (not
    /// a mention or an earlier claim's speaker): the rules that ask for them then need no search.
    pub tokens: Option<(usize, usize)>,
}

impl Speaker {
    /// The first token of the speaker's words (`span`).
    pub fn first_token(&self, e: &Engine<'_>) -> usize {
        self.tokens
            .map_or_else(|| e.tok_at(self.span.start), |(first, _)| first)
    }

    /// The token after the speaker's words: the first starting at or after `span`'s end.
    pub fn end_token(&self, e: &Engine<'_>) -> usize {
        self.tokens
            .map_or_else(|| e.tok_at(self.span.end), |(_, last)| last + 1)
    }
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
    /// A parenthetical tag inside the content, its commas included ([`Claim::tag`]).
    pub tag: Option<Range<usize>>,
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
            tag: None,
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
            tag: None,
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
    /// Whether the quote is a clause rather than a scare quote ([`is_clause`]), once a rule has
    /// asked ([`QuoteSlot::clause`]): most quotes are claimed, or passed over, without it.
    clause: OnceCell<bool>,
}

impl QuoteSlot {
    /// Whether the quote is a clause rather than a scare quote ([`is_clause`]), read once.
    pub fn clause(&self, e: &Engine<'_>) -> bool {
        *self
            .clause
            .get_or_init(|| is_clause(e.text, &e.quotes[self.qi]))
    }

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
    speaker: OnceCell<Option<Speaker>>,
    /// The reported clause after the cue, as tokens ([`Engine::clause_tokens_after_with`]).
    clause: OnceCell<Option<Range<usize>>>,
    /// The speaker phrase of the cue ([`Engine::subject`]).
    subject: OnceCell<Option<Speaker>>,
    /// The speaker heading a long subject phrase ([`Engine::head_subject`]).
    head_subject: OnceCell<Option<Speaker>>,
}

impl CueSlot {
    /// Cue hit `hit` (index `h`) of sentence `si`, offered to the rules; `nested`: whether it
    /// lies inside an earlier claim's content. Nothing about it is found yet.
    pub fn new(h: usize, si: usize, hit: Hit, nested: bool) -> CueSlot {
        CueSlot {
            h,
            si,
            hit,
            nested,
            speaker: OnceCell::new(),
            clause: OnceCell::new(),
            subject: OnceCell::new(),
            head_subject: OnceCell::new(),
        }
    }

    /// The speaker phrase of the cue ([`Engine::subject`]), found once: the speaker of reported
    /// speech and the clause of an `evidence` cue both ask for it.
    pub fn subject(&self, e: &Engine<'_>) -> Option<Speaker> {
        self.subject
            .get_or_init(|| e.subject(self.h, self.si))
            .clone()
    }

    /// The speaker heading a long subject phrase ([`Engine::head_subject`]), found once.
    pub fn head_subject(&self, e: &Engine<'_>) -> Option<Speaker> {
        self.head_subject
            .get_or_init(|| e.head_subject(self.h, self.si))
            .clone()
    }

    /// The tokens of the reported clause after the cue (its content is their bytes,
    /// [`Engine::bytes`]), found once.
    /// A cue of the `evidence` frame takes a bare clause or phrase when its speaker is a
    /// document ("the poll showed Trump leading").
    pub fn clause_after(&self, e: &Engine<'_>) -> Option<Range<usize>> {
        self.clause
            .get_or_init(|| {
                let document =
                    |sp: Option<Speaker>| sp.is_some_and(|sp| sp.ty == SpeakerType::Document);
                // "The poll by the Public Policy Institute showed …", "New polls released Sunday
                // show …": the head of a long subject phrase may be the document.
                let bare = self.hit.cue.has(Frame::Evidence)
                    && (document(self.subject(e)) || document(self.head_subject(e)));
                e.clause_tokens_after_with(self.h, self.si, bare)
            })
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
    /// For each sentence, what its tokens hold ([`SentenceBits`]): a rule passes over a sentence
    /// without the mark it looks for.
    pub(crate) sent_bits: &'a [SentenceBits],
    pub(crate) mentions: &'a [Mention],
    pub(crate) entities: DocEntities<'a>,
    pub(crate) quotes: &'a [Quote],
    /// The bundled function words ([`FUNCTION_WORDS`]), fetched once for the document rather than
    /// at each of the many words the rules ask about.
    pub(crate) function_words: &'static FunctionWords,
    /// For each token, whether it lies inside a quote (marks included).
    pub(crate) quoted: Vec<bool>,
    /// For each quote, the token at its opening mark and the first token after its closing one
    /// ([`Engine::tok_at`] of its `open` and `close`), found once.
    quote_toks: Vec<(usize, usize)>,
    pub(crate) hits: Vec<Hit>,
    /// The hits (indices, in text order) whose cue has the `according` frame ("according to"), which
    /// few documents hold: [`Engine::according_to_closing`] looks among them only.
    pub(crate) according: Vec<usize>,
    /// Noun cues after a possessive ("her claim that"), kept apart from the verb cues.
    pub(crate) nouns: Vec<Hit>,
    pub(crate) claims: Vec<Claim>,
    /// Most recent named person speaker and its paragraph, for pronoun resolution.
    pub(crate) last_person: Option<(Speaker, u32)>,
    /// The named person speaker before `last_person` (another person), for a pronoun that does
    /// not agree with the latest ("she" after a man spoke).
    pub(crate) prev_person: Option<(Speaker, u32)>,
    /// Most recent group or organisation speaker and its paragraph, for "they".
    pub(crate) last_group: Option<(Speaker, u32)>,
    /// For each mention, the sex its name tells ([`Engine::speaker_sex`]) once a pronoun or role
    /// noun has asked for it (None inside: not asked yet): a mention is a candidate antecedent
    /// of many of them, and its name is read once for the document.
    pub(crate) mention_sex: OnceCell<Vec<Cell<Option<Option<Sex>>>>>,
    /// The mention (index) [`Engine::mention_from`] found last, where it starts the next search:
    /// the rules ask about mentions in or near the sentence offered, which moves on through the
    /// text.
    mention_hint: Cell<usize>,
}

/// Whether cue token `t` is a past form of `cue`: neither its dictionary form nor a form in -s
/// ("said", "told", "argued"; not "says" or "reports"), nor a participle form (a cue with the
/// participle frame: "saying", or the surname in "Hayley Yelling said") or an adverb
/// ("reportedly"), so a verb even right before another cue.
fn past_form(text: &str, toks: &[Tok], t: usize, cue: &Cue) -> bool {
    let word = &text[toks[t].range()];
    let lemma = cue.lemma.split(' ').next().unwrap_or_default();
    !word.eq_ignore_ascii_case(lemma)
        && !word.ends_with('s')
        && !cue.has(Frame::Participle)
        && !speaker::is_adverb(text, toks, t)
}

/// Whether cue `h` is a word of a name: capitalised after a lowercase word and before a
/// capitalised one, outside a title-case line ("Trump spokeswoman Hope Hicks said").
/// Asked of every cue: most ("said", "told") fail on the capital their token's shape tells, in
/// line, before the text is read.
#[inline]
fn in_name(text: &str, toks: &[Tok], h: &Hit) -> bool {
    let capitalized = |t: usize| toks.get(t).is_some_and(|t| t.word && t.capitalised());
    let lowercase = |t: usize| {
        toks.get(t)
            .is_some_and(|t| t.word && text[t.range()].starts_with(|c: char| c.is_lowercase()))
    };
    h.first == h.last
        && capitalized(h.first)
        && text.as_bytes()[toks[h.first].start].is_ascii_uppercase()
        && capitalized(h.first + 1)
        && h.first.checked_sub(1).is_some_and(lowercase)
}

/// Most words between a determiner and a cue that [`noun_after_modifier`] reads as a noun ("a
/// sustained clarion call").
const MAX_NOUN_MODIFIERS: usize = 3;

/// Whether cue `h` is a noun after a determiner and its modifiers: "an unprompted call for …",
/// "his oft-stated promise to …", "the debunked claim that …". The cue is in its dictionary form
/// (not a past form written the same, "the statement read"), or in -s before a finite auxiliary
/// ([`plural_before_auxiliary`]: "the chemical weapons charges are …"), right after one to
/// [`MAX_NOUN_MODIFIERS`] lowercase words of letters and hyphens that are no speaker word of
/// speakers.tsv, the first right after a determiner of `noun_determiner`: as a verb it would
/// have no subject it agrees with, whereas a listed noun may be a plural subject ("the crowd
/// chant", "the email read").
fn noun_after_modifier(text: &str, toks: &[Tok], h: &Hit) -> bool {
    if h.cue.class == CueClass::Source {
        return false;
    }
    // Whatever the cue's form, the word right before it must be a modifier: nearly every cue
    // ("Trump said", "he said", "…,” said") fails on its capital or role before its form is read;
    // its bytes are read ([`may_modify`], at the first step of the walk below) only before a cue
    // in a form a noun may have.
    if !h
        .first
        .checked_sub(1)
        .is_some_and(|p| lowercase_without_role(text, &toks[p]))
    {
        return false;
    }
    // The dictionary form is the lemma's first word; most cues ("said", "says") fail on the
    // length alone, read off the bytes (no slice of the text to check).
    let word = &text.as_bytes()[toks[h.first].range()];
    let lemma = h.cue.lemma.as_str();
    let base = lemma.len() >= word.len()
        && lemma.as_bytes().get(word.len()).is_none_or(|&b| b == b' ')
        && word.eq_ignore_ascii_case(&lemma.as_bytes()[..word.len()]);
    let plural = !base && plural_before_auxiliary(text, toks, h);
    if !(base || plural) {
        return false;
    }
    for n in 1..=MAX_NOUN_MODIFIERS + 1 {
        let Some(p) = h.first.checked_sub(n) else {
            return false;
        };
        let t = &toks[p];
        let w = &text[t.range()];
        let is = |class| function_words::token_is(text, t, class);
        if n > 1 && is(WordClass::NounDeterminer) {
            // "those on the island believe": a phrase after a preposition is its object, inside
            // a longer subject.
            return (p == 0 || speaker::role(text, &toks[p - 1]) != Some(Role::Preposition))
                && (plural || !function_words::is(&lemma[..word.len()], WordClass::UnchangedPast));
        }
        let modifier = may_modify(text, t)
            // A plural right before the cue may be its subject ("their supporters plan", "the
            // women say", "the pair claim"), but not of a form in -s ("the weapons charges
            // are").
            && !(n == 1 && !plural && (w.ends_with('s') || is(WordClass::PluralSubject)));
        if !modifier {
            return false;
        }
    }
    false
}

/// Whether token `t` may be one of the words between a determiner and a noun cue that
/// [`noun_after_modifier`] reads: a lowercase word of letters and hyphens, with no speaker role,
/// that is no finite auxiliary. Told by the token first (a capital, a role: "Trump said", "he
/// said", "officials said"), in line where it is asked, then by its bytes
/// ([`lowercase_modifier`]).
#[inline(always)]
fn may_modify(text: &str, t: &Tok) -> bool {
    lowercase_without_role(text, t) && lowercase_modifier(text, t)
}

/// The part of [`may_modify`] the token tells without its bytes: a lowercase word with no speaker
/// role.
#[inline(always)]
fn lowercase_without_role(text: &str, t: &Tok) -> bool {
    t.word && !t.capitalised() && speaker::role(text, t).is_none()
}

/// [`may_modify`] of a lowercase word with no role: letters and hyphens, and no finite auxiliary.
fn lowercase_modifier(text: &str, t: &Tok) -> bool {
    text.as_bytes()[t.range()]
        .iter()
        .all(|&b| b.is_ascii_lowercase() || b == b'-')
        && !function_words::token_is(text, t, WordClass::FiniteAuxiliary)
}

/// Whether cue `h` is one word in -s made from its lemma's first word ("remarks", "charges",
/// "worries") right before a finite auxiliary ("his sexist remarks are …"): a verb in -s is
/// followed by its clause, not by another finite verb, so after a determiner and modifiers
/// ([`noun_after_modifier`]) it is a plural noun, the subject of that auxiliary.
#[inline]
fn plural_before_auxiliary(text: &str, toks: &[Tok], h: &Hit) -> bool {
    // Most cues ("said", "told") fail on their last byte, before the word is sliced and the
    // lemma looked at.
    let tok = &toks[h.first];
    if h.first != h.last || text.as_bytes()[tok.end - 1] != b's' {
        return false;
    }
    let word = &text[tok.range()];
    let head = h.cue.lemma.split(' ').next().unwrap_or_default();
    let stem = &head[..head.len().saturating_sub(1)];
    let after = h.last + 1;
    word.len() > head.len()
        && word.is_char_boundary(stem.len())
        && word[..stem.len()].eq_ignore_ascii_case(stem)
        && toks.get(after).is_some_and(|t| {
            t.word && function_words::token_is(text, t, WordClass::FiniteAuxiliary)
        })
}

/// The index of the first of `toks` (in text order) that starts at or after byte `b`, as
/// `toks.partition_point(|t| t.start < b)` gives it: found near the front by steps that double (a
/// quote's marks lie a few dozen tokens apart), then by binary search within the last step.
fn first_from(toks: &[Tok], b: usize) -> usize {
    let mut bound = 1;
    while bound < toks.len() && toks[bound].start < b {
        bound *= 2;
    }
    // Every token before `bound / 2` starts before `b` (the last step tested it), and the one
    // at `bound`, if any, does not.
    let lo = bound / 2;
    let hi = (bound + 1).min(toks.len());
    lo + toks[lo..hi].partition_point(|t| t.start < b)
}

/// Whether token `i` opens its sentence (one of `sentences`, token ranges in order), alone or
/// after an opening connective ("But in a poll, …"), and a noun of `lexicons/poll_heads.txt`
/// stands among the words after it before the first comma: "In a CNN/ORC poll, …", "In the new
/// Morning Consult poll, conducted March 11-13, …" (a cue of the `opening` frame). Asked of every
/// "in" that is no quoted word: the word before nearly every one, a word of its own sentence that
/// is no connective (told by its function-word code, `function_words` being the bundled ones),
/// answers it in line.
#[inline(always)]
fn opens_on_poll(
    text: &str,
    toks: &[Tok],
    sentences: &[Range<usize>],
    i: usize,
    function_words: &FunctionWords,
) -> bool {
    let connective =
        |t: &Tok| t.word && function_words.token_in(text, t, WordClass::OpeningConnective);
    if i > 0 && toks[i - 1].word && !connective(&toks[i - 1]) {
        return false;
    }
    opening_on_poll(text, toks, sentences, i, connective)
}

/// [`opens_on_poll`] for a token `i` with no word before it or a connective (`connective` tells
/// one): out of line.
#[inline(never)]
fn opening_on_poll(
    text: &str,
    toks: &[Tok],
    sentences: &[Range<usize>],
    i: usize,
    connective: impl Fn(&Tok) -> bool,
) -> bool {
    let k = sentences.partition_point(|r| r.end <= i);
    let Some(r) = sentences.get(k).filter(|r| r.start <= i) else {
        return false;
    };
    let mut words = toks[r.start..i].iter().filter(|t| t.word);
    let opens = match (words.next(), words.next()) {
        (None, _) => true,
        (Some(w), None) => connective(w),
        _ => false,
    };
    opens
        && toks[i + 1..r.end]
            .iter()
            .take_while(|t| t.punct != Punct::of(','))
            .any(|t| t.word && lexicon::is_poll_head(&text[t.range()]))
}

/// The quotation-mark tokens of a document ([`Tokens::quotation_marks`]), walked in step with its
/// quotes, whose marks they nearly always are: each answer is the token [`first_from`] would find
/// from the front of the table, or None (then it is searched for). The bytes asked never
/// decrease from one call to the next.
struct MarkCursor<'t> {
    toks: &'t [Tok],
    marks: &'t [TokenId],
    /// The first mark not yet passed.
    next: usize,
}

impl MarkCursor<'_> {
    /// The mark starting at byte `b` (an opening mark's), if any: the first token starting at or
    /// after `b`.
    fn starting_at(&mut self, b: usize) -> Option<usize> {
        while (self.marks.get(self.next)).is_some_and(|m| self.toks[m.index()].start < b) {
            self.next += 1;
        }
        let k = self.marks.get(self.next)?.index();
        (self.toks[k].start == b).then_some(k)
    }

    /// The first token starting at or after byte `b`, when a mark ends at `b` (a closing mark's:
    /// the token after it) or starts there (the opening mark of the next quote, which reopens
    /// at the end of a quoted sentence).
    fn first_at_mark_edge(&mut self, b: usize) -> Option<usize> {
        while (self.marks.get(self.next)).is_some_and(|m| self.toks[m.index()].end < b) {
            self.next += 1;
        }
        let k = self.marks.get(self.next)?.index();
        let t = &self.toks[k];
        if t.end == b {
            Some(k + 1)
        } else {
            (t.start == b).then_some(k)
        }
    }
}

/// How many mentions [`Engine::mention_from`] walks on from the one it found last before it searches
/// the rest (a sentence holds about one mention on average).
const MENTION_WALK: usize = 4;

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
        // A token is quoted when it starts inside a quote (from its opening mark to just after its
        // closing one). Quotes come in order and never overlap, so each marks its own run of
        // tokens: read off its marks, the quotation-mark tokens walked in step with the quotes,
        // or else (a quote closed at its paragraph's end) searched for from the end of the
        // previous quote's run.
        debug_assert!(quotes.windows(2).all(|w| w[0].close <= w[1].open));
        let mut quoted = vec![false; toks.len()];
        let mut quote_toks = Vec::with_capacity(quotes.len());
        let mut marks = MarkCursor {
            toks,
            marks: &tokens.quotation_marks,
            next: 0,
        };
        let mut from = 0;
        for q in quotes {
            let first = marks
                .starting_at(q.open)
                .unwrap_or_else(|| from + first_from(&toks[from..], q.open));
            let end = marks
                .first_at_mark_edge(q.close)
                .unwrap_or_else(|| first + first_from(&toks[first..], q.close));
            from = end;
            quoted[first..end.max(first)].fill(true);
            quote_toks.push((first, end));
        }
        // A cue starts only at a cue's first word, which the token pass listed (the bundled
        // lexicon marks its first words on the tokens); a cue's own words start none.
        let mut hits: Vec<Hit> = Vec::with_capacity(tokens.cue_first.len());
        let function_words: &FunctionWords = &FUNCTION_WORDS;
        // The cue lexicon fetched once for the document, not through its lazy cell at each of the
        // ~23,000 listed words a pass.
        let cues: &CueLexicon = &CUES;
        let mut next = 0;
        for &start in &tokens.cue_first {
            let i = start.token.index();
            // (Every token listed is a word: the token pass gives no other token classes.)
            debug_assert!(toks[i].word);
            if i < next || quoted[i] {
                continue;
            }
            if let Some((cue, n)) = cues.match_start(text, toks, start) {
                // "In a CNN/ORC poll, 38 percent said …": a cue of the `opening` frame is one only
                // there; any other "in" is no cue.
                if cue.has(Frame::Opening)
                    && !opens_on_poll(text, toks, &tokens.sentences, i, function_words)
                {
                    continue;
                }
                hits.push(Hit {
                    first: i,
                    last: i + n - 1,
                    cue,
                    used: false,
                });
                next = i + n;
            }
        }
        // "news reports said", "the said document", "Trump's stated desire": a cue right before
        // another cue, or after a determiner or a possessive, is a noun or adjective; not after a
        // determiner that stands for a group ("most said"), nor a past form, the verb whose
        // clause the next cue's word opens ("“…,” Clinton said answering a question", "Trump said
        // praise from Putin would not …"), nor a cue ending in a preposition, whose object the
        // next cue opens ("did not respond to emailed questions").
        // The hits kept are moved down in place, and the noun cues among the others gathered:
        // each hit is judged by itself and the hit after it, which no move has reached yet.
        let mut nouns: Vec<Hit> = Vec::new();
        let mut according: Vec<usize> = Vec::new();
        let mut kept = 0;
        for k in 0..hits.len() {
            let keep = {
                let h = &hits[k];
                let before_cue = hits.get(k + 1).is_some_and(|n| {
                    n.first == h.last + 1
                        && !past_form(text, toks, h.first, h.cue)
                        && speaker::role(text, &toks[h.last]) != Some(Role::Preposition)
                });
                // (A possessive has an apostrophe, which no plain word holds: only a word of
                // another shape is read.)
                let after_det = h.cue.class != CueClass::Source
                    && !h.cue.has(Frame::Label)
                    && h.first.checked_sub(1).is_some_and(|p| {
                        let t = &toks[p];
                        speaker::role(text, t) == Some(Role::Determiner)
                            && !speaker::is_group_determiner(text, t)
                            || t.shape.has(Shape::OTHER_WORD)
                                && possessive_stem(&text[t.range()]).is_some()
                                && speaker::contracted_pronoun(text, t).is_none()
                    });
                // A cue that is only ever a noun ("statement") is kept for its possessive use.
                !(before_cue
                    || in_name(text, toks, h)
                    || after_det
                    || h.cue.only(Frame::Noun)
                    || noun_after_modifier(text, toks, h))
            };
            let h = hits[k];
            if keep {
                if h.cue.has(Frame::According) {
                    according.push(kept);
                }
                hits[kept] = h;
                kept += 1;
            } else if rules::noun_cue::is_noun_use(text, toks, &h) {
                // "her claim that …", "Trump's assertion that …": a noun cue after a possessive.
                nouns.push(h);
            }
        }
        hits.truncate(kept);
        // Nearly every claim is a cue's or a quote's.
        let claims = Vec::with_capacity(hits.len() + quotes.len());
        Engine {
            text,
            sentences,
            toks,
            sent_toks: &tokens.sentences,
            sent_bits: &tokens.sentence_bits,
            mentions,
            entities,
            quotes,
            function_words,
            quoted,
            quote_toks,
            hits,
            according,
            nouns,
            claims,
            last_person: None,
            prev_person: None,
            last_group: None,
            mention_sex: OnceCell::new(),
            mention_hint: Cell::new(0),
        }
    }

    /// Applies the rules to every sentence (see the module's conflict policy); returns the claims
    /// ordered by content start.
    pub fn run(mut self) -> Vec<Claim> {
        // Quotes, cues and noun cues come in document order: each is found by a cursor that only
        // moves on, sentence by sentence.
        let (mut q, mut next_hit, mut next_noun) = (0, 0, 0);
        for si in 0..self.sentences.len() {
            let s = self.sentences[si];
            let r = self.sent_toks[si].clone();
            let opens = self.opens_paragraph(si);
            // A sentence that opens no paragraph and holds no quote opening, cue or noun cue (the
            // next of each is after it) offers nothing: passed over before the cursors move.
            if !opens
                && self.quotes.get(q).is_none_or(|x| x.open >= s.end)
                && self.hits.get(next_hit).is_none_or(|h| h.first >= r.end)
                && self.nouns.get(next_noun).is_none_or(|h| h.first >= r.end)
            {
                continue;
            }
            if opens {
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
            let (lo, hi) = Self::items_within(&self.hits, &mut next_hit, &r);
            // A headline's verb is no speech cue unless it is one ("Trump Seeks Khamenei Meeting"
            // is no claim; "Trump Says Iran Agreed" is). Asked only of a sentence with cues.
            let headline = lo < hi && self.is_headline(si);
            for h in lo..hi {
                let hit = &self.hits[h];
                let stance_in_headline = headline && hit.cue.class != CueClass::Speech;
                if !hit.used && !stance_in_headline {
                    self.offer_cue(h, si);
                }
            }
            let (lo, hi) = Self::items_within(&self.nouns, &mut next_noun, &r);
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

    /// The hits (indices) of `hits` whose first token is in `toks`, moving the cursor `next` past
    /// them; the hits before `next` are before `toks`.
    #[inline]
    fn items_within(hits: &[Hit], next: &mut usize, toks: &Range<usize>) -> (usize, usize) {
        while hits.get(*next).is_some_and(|h| h.first < toks.start) {
            *next += 1;
        }
        let lo = *next;
        while hits.get(*next).is_some_and(|h| h.first < toks.end) {
            *next += 1;
        }
        (lo, *next)
    }

    /// Whether sentence `si` is a headline: a whole line that no sentence punctuation or quotation
    /// mark closes, and either the document's first line ("Bargain calls widen Softbank loss", as
    /// BBC writes titles in sentence case) or words in title case (quotes::is_title) anywhere.
    fn is_headline(&self, si: usize) -> bool {
        let s = self.sentences[si];
        // A whole line: a line break (or the text's edge) on both sides, told by the bytes
        // before the text is sliced.
        let bytes = self.text.as_bytes();
        let line = s.start == 0 || bytes[s.start - 1] == b'\n';
        let whole = line && bytes.get(s.end).is_none_or(|&b| b == b'\n');
        if !whole {
            return false;
        }
        let words = self.text[s.start..s.end].trim_end();
        !words.ends_with(['.', '!', '?', ':', ';', '"', '”', '’', '\''])
            && (self.text[..s.start].trim().is_empty() || is_title(words))
    }

    /// Whether sentence `si` is a headline ([`Engine::is_headline`]) or the document's first line,
    /// a title whatever it ends with ("UKIP MEP attacked German 'empire'").
    fn is_title_line(&self, si: usize) -> bool {
        let s = self.sentences[si];
        let bytes = self.text.as_bytes();
        let first_line =
            self.text[..s.start].trim().is_empty() && bytes.get(s.end).is_none_or(|&b| b == b'\n');
        first_line || self.is_headline(si)
    }

    // ---- the conflict policy -------------------------------------------------------------------

    /// Offers an item of sentence `si` to `rules` in table order: `apply` runs a rule on it (or
    /// passes, for a rule not tried on it), and the first outcome that does not pass is carried
    /// out ([`Engine::accept`]). A plain loop, so that an outcome (a whole candidate claim) is
    /// written once by the rule and read in place, not moved through iterator adaptors.
    #[inline(always)]
    fn offer_to(
        &mut self,
        rules: &'static [RuleDef],
        si: usize,
        apply: impl Fn(&Self, &'static RuleDef) -> Outcome,
    ) {
        for d in rules {
            let outcome = apply(self, d);
            if !matches!(outcome, Outcome::Pass) {
                self.accept(d.rule, outcome, si);
                return;
            }
        }
    }

    /// Offers sentence `si`, the first of its paragraph, to the paragraph rules.
    fn offer_paragraph(&mut self, si: usize) {
        self.offer_to(rules::PARAGRAPH_RULES, si, |e, d| match d.apply {
            Apply::Paragraph(f) => f(e, si),
            _ => Outcome::Pass,
        });
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
            open_tok: self.quote_open_tok(qi),
            close_tok: self.quote_close_tok(qi),
            close_sentence: self.sentence_of_near(q.close.saturating_sub(1), si).max(si),
            content: q.inner.clone(),
            clause: OnceCell::new(),
        };
        self.offer_to(rules::QUOTE_RULES, si, |e, d| match d.apply {
            Apply::Quote(f) => f(e, &slot),
            _ => Outcome::Pass,
        });
    }

    /// Offers unused cue `h` of sentence `si` to the cue rules; a cue inside an earlier claim's
    /// content only to those that take nested cues.
    fn offer_cue(&mut self, h: usize, si: usize) {
        let hit = self.hits[h];
        let slot = CueSlot::new(h, si, hit, self.nested(&hit));
        // Only the rules that can fire on the cue's frames are tried ([`RuleDef::offered`]).
        self.offer_to(rules::CUE_RULES, si, |e, d| match d.apply {
            _ if !d.offered(hit.cue) => Outcome::Pass,
            Apply::AnyCue(f) => f(e, &slot),
            Apply::Cue(f) if !slot.nested => f(e, &slot),
            _ => Outcome::Pass,
        });
    }

    /// Offers noun cue `k` of sentence `si` to the noun cue rules.
    fn offer_noun(&mut self, k: usize, si: usize) {
        let hit = self.nouns[k];
        self.offer_to(rules::NOUN_CUE_RULES, si, |e, d| match d.apply {
            Apply::NounCue(f) => f(e, &hit, si),
            _ => Outcome::Pass,
        });
    }

    /// Offers quote `qi` of sentence `si`, which no claim holds, to the rules for unclaimed quotes.
    fn offer_leftover(&mut self, qi: usize, si: usize) {
        self.offer_to(rules::LEFTOVER_QUOTE_RULES, si, |e, d| match d.apply {
            Apply::LeftoverQuote(f) => f(e, qi, si),
            _ => Outcome::Pass,
        });
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
                c.confidence = rule.claim_confidence(c.speaker_type == SpeakerType::Unresolved);
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
                    self.role(s.first_token(self)),
                    Some(Role::Pronoun(_) | Role::Relative)
                );
            // A headline's role noun with no entity ("UKIP MEP attacked …", "…, says minister")
            // stands for someone the body names: no antecedent for the pronouns after it.
            let head = s.end_token(self).saturating_sub(1);
            let headline_role = s.entity.is_none()
                && (!self.capitalized(head) || matches!(self.role(head), Some(Role::Noun(_))))
                && self.is_title_line(si);
            if named && !headline_role {
                match s.ty {
                    SpeakerType::Person => {
                        let last = self.last_person.replace((s.clone(), para));
                        if let Some(last) = last.filter(|(l, _)| l.name != s.name) {
                            self.prev_person = Some(last);
                        }
                    }
                    SpeakerType::Group | SpeakerType::Organization => {
                        self.last_group = Some((s.clone(), para))
                    }
                    _ => {}
                }
            }
        }
        let mut c = c;
        // "said “we need more information” about how …": a quotation whose clause goes on past
        // its closing mark takes the rest of the clause (not a label's name: "a memo titled
        // “X” on …").
        if matches!(c.kind, ClaimKind::Direct | ClaimKind::Mixed) && rule != Rule::Label {
            if let Some(end) = self.past_closing_quote(&c.content, si) {
                // A content that is the quotation's words alone becomes the quotation and the
                // words after it: from its opening mark.
                let k = self.quotes.partition_point(|q| q.close < c.content.end);
                if c.content.start == self.quotes[k].inner.start {
                    c.content.start = self.quotes[k].open;
                }
                c.kind = ClaimKind::Mixed;
                c.content.end = end;
            }
        }
        if matches!(c.kind, ClaimKind::Mixed | ClaimKind::Indirect) {
            c.content.end = self.through_open_quote(&c.content);
        }
        let sp = c.speaker;
        let unresolved = sp.as_ref().is_none_or(|s| s.ty == SpeakerType::Unresolved);
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
            confidence: rule.claim_confidence(unresolved),
            sentence: si,
            mentions,
            tag: c.tag,
        });
    }

    /// The end of a reported clause's `content`, carried on to the closing mark of a quotation
    /// it opens and leaves open: in *X said that he'll “need help. So we'll see.”* the rule stops
    /// at the sentence's end, but PolNeAR's content runs to the mark. A quotation its paragraph
    /// leaves unclosed (no closing mark) is not followed.
    fn through_open_quote(&self, content: &Range<usize>) -> usize {
        let k = self.quotes.partition_point(|q| q.open < content.start);
        self.quotes[k..]
            .iter()
            .take_while(|q| q.open < content.end)
            .filter(|q| {
                content.end < q.inner.end && has_quote_mark(&self.text[q.inner.end..q.close])
            })
            .map(|q| q.close)
            .last()
            .unwrap_or(content.end)
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
            .filter(|(_, c)| {
                matches!(c.kind, ClaimKind::Direct | ClaimKind::Mixed) && c.rule != Rule::Label
            })
            // The last in the text, not the last found: a quote read by its context after the
            // cue rules (“a,” … “B,” X wrote) comes before the quote of the tag.
            .max_by_key(|(_, c)| c.content.start)
            .map(|(i, _)| i)
    }

    /// The first mention (index) of which `before` does not hold, where `before` holds of a run
    /// of the first mentions and of no other ("starts before byte b", "ends before byte b": the
    /// mentions are in order and never overlap, so ordered by their ends too): `partition_point`.
    /// Walked a few mentions on from the one found last ([`Engine::mention_hint`]) when the one
    /// before that is before, as the rules ask about mentions in or near the sentence offered;
    /// searched beyond the walk, and among the mentions before it otherwise.
    #[inline]
    pub(crate) fn mention_from(&self, before: impl Fn(&Mention) -> bool) -> usize {
        let k = self.mention_hint.get();
        let found = if k > 0 && !before(&self.mentions[k - 1]) {
            self.mentions[..k - 1].partition_point(before)
        } else {
            let mut i = k;
            loop {
                match self.mentions.get(i) {
                    Some(m) if before(m) => {}
                    _ => break i,
                }
                i += 1;
                if i == k + MENTION_WALK {
                    break i + self.mentions[i..].partition_point(before);
                }
            }
        };
        self.mention_hint.set(found);
        found
    }

    /// The mentions (indices) that start inside byte range `r`.
    pub(crate) fn mentions_in(&self, r: &Range<usize>) -> Range<usize> {
        let a = self.mention_from(|m| m.start < r.start);
        // A content holds few mentions: counted from the first, not searched for again.
        let b = a + self.mentions[a..]
            .iter()
            .take_while(|m| m.start < r.end)
            .count();
        a..b
    }

    // ---- token access: how rules read tokens ---------------------------------------------------

    /// The text of token `t`.
    pub(crate) fn word(&self, t: usize) -> &'a str {
        &self.text[self.toks[t].range()]
    }

    /// Whether token `t` starts with an upper-case letter ([`Tok::capitalised`]).
    #[inline]
    pub(crate) fn capitalized(&self, t: usize) -> bool {
        self.toks[t].capitalised()
    }

    /// Whether token `t` is the dash typed as two hyphens, "--": told by its mark first
    /// ([`Engine::is_punct`]), so that no other token's text is read.
    #[inline]
    pub(crate) fn is_double_dash(&self, t: usize) -> bool {
        self.is_punct(t, &['-']) && self.word(t) == "--"
    }

    /// Whether token `t` is a word (not punctuation).
    pub(crate) fn is_word(&self, t: usize) -> bool {
        self.toks[t].word
    }

    /// Whether token `t` is punctuation starting with one of `chars`; false past the last token
    /// (rules look one or two tokens past a cue, which may end the document).
    /// The rules ask this of nearly every token they pass, with a short list of marks written in
    /// the call: a mark that is ASCII or one of [`Punct::MARKS`] (every mark the rules name) is
    /// told by the token's [`Tok::punct`] code, which a word's never equals, with no look at the
    /// text; any other character by the text.
    #[inline(always)]
    pub(crate) fn is_punct(&self, t: usize, chars: &[char]) -> bool {
        let Some(tok) = self.toks.get(t) else {
            return false;
        };
        for &c in chars {
            let is = if c.is_ascii() {
                // (A word's code is 0, which no mark is: `c` is never a NUL.)
                c != '\0' && tok.punct.byte() == c as u8
            } else {
                match Punct::of(c) {
                    Punct::OTHER => !tok.word && self.text[tok.range()].starts_with(c),
                    mark => tok.punct == mark,
                }
            };
            if is {
                return true;
            }
        }
        false
    }

    /// The first token at or after `t` (and before `end`, or `end`) that is none of the marks
    /// `chars` ([`Engine::is_punct`]): "said, that …" read past its comma.
    #[inline(always)]
    pub(crate) fn past_punct(&self, mut t: usize, end: usize, chars: &[char]) -> usize {
        while t < end && self.is_punct(t, chars) {
            t += 1;
        }
        t
    }

    /// The commas among tokens `lo..hi` (none when `hi <= lo`), in order: the tokens for which
    /// [`Engine::is_punct`] of `','` holds, told by their [`Tok::punct`] code in a walk over the
    /// token table alone; not the separator inside a number ("1,400": [`Engine::in_number`]),
    /// which ends no clause.
    #[inline]
    pub(crate) fn commas(
        &self,
        lo: usize,
        hi: usize,
    ) -> impl DoubleEndedIterator<Item = usize> + '_ {
        const COMMA: Punct = Punct::of(',');
        let hi = hi.min(self.toks.len());
        let lo = lo.min(hi);
        self.toks[lo..hi]
            .iter()
            .enumerate()
            .filter(|(_, tok)| tok.punct == COMMA)
            .map(move |(i, _)| lo + i)
            .filter(move |&t| !self.in_number(t))
    }

    /// Whether some token of sentence `si` is the mark `c` (ASCII or one of [`Punct::MARKS`]): when
    /// not, no token of the sentence passes [`Engine::is_punct`] for `c`.
    #[inline]
    pub(crate) fn sentence_has(&self, si: usize, c: char) -> bool {
        self.sent_bits[si].has_mark(Punct::of(c))
    }

    /// Whether token `t`, as written, is in function-word class `class`
    /// (`lexicons/function_words/`): told by the code of its classes that the token pass stored
    /// on it ([`Classes::function_code`](crate::word_classes::Classes::function_code)).
    #[inline(always)]
    pub(crate) fn word_in(&self, t: usize, class: WordClass) -> bool {
        self.function_words
            .token_in(self.text, &self.toks[t], class)
    }

    /// The speaker-phrase role of token `t` (`lexicons/speakers.tsv`), if its word has one.
    pub(crate) fn role(&self, t: usize) -> Option<Role> {
        speaker::role(self.text, &self.toks[t])
    }

    /// The role of token `t` as a speaker phrase's word ([`speaker::phrase_role`]): its role, or
    /// for a pronoun contracted with "is" or "has" ("he's", "who's") the pronoun's.
    pub(crate) fn speaker_role(&self, t: usize) -> Option<Role> {
        speaker::phrase_role(self.text, &self.toks[t])
    }

    /// Whether token `t` is an adverb that may stand between a speaker and its cue.
    pub(crate) fn is_adverb(&self, t: usize) -> bool {
        speaker::is_adverb(self.text, self.toks, t)
    }

    /// Whether token `t` is a form of "be" or "have" or a finite auxiliary (classes `be_form`,
    /// `have_form`, `finite_auxiliary` of `lexicons/function_words/`): the verb words the rules
    /// know without a cue or participle ending.
    pub(crate) fn be_have_or_auxiliary(&self, t: usize) -> bool {
        self.word_in(t, WordClass::BeForm)
            || self.word_in(t, WordClass::HaveForm)
            || self.word_in(t, WordClass::FiniteAuxiliary)
    }

    /// The speaker phrase ending just before token `end`, not reaching before `floor`. A phrase
    /// stops at "of" ("the head of the agency" is "the agency"), except inside a name that holds
    /// one: when a mention starts before the phrase's "of" and ends within the phrase ("The Bank
    /// of England is warning", "Bank of England governor Mervyn King has warned"), the phrase is
    /// the name and the rest of the phrase, with the words `before` takes in front of the name
    /// ("The").
    pub(crate) fn phrase_before(&self, end: usize, floor: usize) -> Option<Phrase> {
        let p = speaker::before(self.text, self.toks, end, floor)?;
        if p.first <= floor || !self.word_in(p.first - 1, WordClass::PhraseOf) {
            return Some(p);
        }
        let of = &self.toks[p.first - 1];
        let k = self.mention_from(|m| m.end <= of.end);
        let across = self.mentions.get(k).filter(|m| {
            m.start < of.start
                && m.end <= self.toks[p.last].end
                && m.start >= self.toks[floor].start
        });
        let Some(m) = across else {
            return Some(p);
        };
        let name_first = self.tok_at(m.start);
        let first = speaker::before(self.text, self.toks, name_first + 1, floor)
            .map_or(name_first, |lead| lead.first);
        Some(Phrase {
            first,
            last: p.last,
        })
    }

    /// The speaker phrase starting at token `start`, ending before `ceil`.
    pub(crate) fn phrase_after(&self, start: usize, ceil: usize) -> Option<Phrase> {
        speaker::after(self.text, self.toks, start, ceil)
    }

    /// Index of the first token starting at or after byte `b`.
    pub(crate) fn tok_at(&self, b: usize) -> usize {
        self.toks.partition_point(|t| t.start < b)
    }

    /// The token at quote `k`'s opening mark: [`Engine::tok_at`] of its `open`.
    pub(crate) fn quote_open_tok(&self, k: usize) -> usize {
        self.quote_toks[k].0
    }

    /// The first token after quote `k`: [`Engine::tok_at`] of its `close`.
    pub(crate) fn quote_close_tok(&self, k: usize) -> usize {
        self.quote_toks[k].1
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

    /// [`Engine::sentence_of`], answered without a search when `b` lies in sentence `si` (as
    /// most bytes the rules ask about lie in the sentence offered).
    pub(crate) fn sentence_of_near(&self, b: usize, si: usize) -> usize {
        let s = &self.sentences[si];
        if s.start <= b && b < s.end {
            si
        } else {
            self.sentence_of(b)
        }
    }

    /// The cue hit starting at token `t`, if any.
    pub(crate) fn hit_at(&self, t: usize) -> Option<usize> {
        // A cue starts only at a word the token pass marked as a cue's first word: most tokens
        // asked about are answered by that mark, without a search.
        if !self
            .toks
            .get(t)
            .is_some_and(|tok| tok.classes.has(Classes::CUE_FIRST))
        {
            return None;
        }
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
mod tests {
    use crate::corpus::Document;
    use crate::gazetteer::tests::sample;
    use crate::pipeline::analyze;

    // The attribution cases (sentence -> expected claims) are data: tests/attribution_cases.toml,
    // run by claims::cases.

    #[test]
    fn a_token_is_found_from_the_front_as_by_binary_search() {
        let text =
            "He said “it is over, done” and then “we’ll see” — a b c d e f g h i j k l m n o p.";
        let doc = Document::from_text("t".into(), "t".into(), text);
        let (_, tokens) = crate::sentences::split_and_tokenize(&doc);
        let toks = &tokens.toks;
        for from in 0..=toks.len() {
            for b in 0..=text.len() + 1 {
                let toks = &toks[from..];
                assert_eq!(
                    super::first_from(toks, b),
                    toks.partition_point(|t| t.start < b),
                    "{from} {b}"
                );
            }
        }
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
