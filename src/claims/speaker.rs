//! Speaker phrases: finding the noun phrase next to a cue, and deciding what kind of speaker it is.
//!
//! Without a parser, a speaker phrase is found by walking over words from the cue outwards, guided by
//! `lexicons/speakers.tsv` (pronouns, determiners, adverbs that may stand between speaker and cue,
//! words that end a phrase, head nouns with a known speaker type). A phrase whose head is a name stays
//! within capitalised words and role nouns ("Trump spokesperson Steven Cheung"); a common-noun phrase
//! runs back to its determiner ("a former Trump administration official").

use super::function_words::{self, WordClass};
use super::tokens::{possessive_stem, Classes, Key, Shape, Tok};
use super::SpeakerType;
use crate::lexicon::{
    tsv_rows, word_list, Bundled, FirstByteLengths, LexiconError, WordList, FIRST_NAMES, ORG_HEADS,
    SURNAMES,
};
use crate::org_evidence::is_acronym;
use crate::plural::{person_words, plural_name};
use crate::text::title_case;
use crate::tokens::Punct;
use aho_corasick::AhoCorasick;
use once_cell::sync::Lazy;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

/// What a word contributes to a speaker phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Stands alone as the speaker ("he"); resolved to an earlier speaker.
    Pronoun(SpeakerType),
    /// "who" in "X, who said …"; resolved to X.
    Relative,
    /// Starts a phrase and belongs to it ("a", "the", "some").
    Determiner,
    /// May stand between speaker and cue ("also", "has").
    Adverb,
    /// Never part of a phrase.
    Stop,
    /// Never part of a phrase, and a reported clause does not start with it ("said on Tuesday").
    Preposition,
    /// A head noun with a known speaker type ("officials").
    Noun(SpeakerType),
}

/// The words of a speaker lexicon: each word's role, and the determiners that stand for a group of
/// speakers by themselves.
#[derive(Debug, Clone, Default)]
pub struct SpeakerWords {
    roles: HashMap<Key, Role>,
    group_determiners: HashSet<Key>,
}

/// The bundled word roles (`lexicons/speakers.tsv`), validated by a unit test.
pub static WORDS: Bundled<SpeakerWords> =
    Bundled::new(|| parse_words("speakers.tsv", crate::lexicon::bundled("speakers.tsv")));

/// Phrases marking an anonymous source (`lexicons/anonymity.txt`, lowercase), found in one pass
/// over the text, ignoring ASCII case; and the words of theirs that tell from the tokens whether a
/// stretch of text may hold one ([`Anchors`]).
static ANONYMITY: Lazy<(AhoCorasick, Anchors)> = Lazy::new(|| {
    let list = crate::lexicon::word_list("anonymity.txt");
    let automaton = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(list.iter())
        .unwrap_or_else(|e| panic!("bundled anonymity phrases are invalid: {e}"));
    (automaton, Anchors::of(list.iter()))
});

/// Fewest letters of a phrase's word after its first that makes it the phrase's anchor: a shorter
/// one ("the", "with") starts too many tokens, and the first word is taken instead.
const MIN_START_ANCHOR: usize = 5;

// A start anchor has a second byte, which [`Anchors::any_in`] tests first.
const _: () = assert!(MIN_START_ANCHOR >= 2);

/// For each phrase of words joined by single spaces, one word that any text holding the phrase
/// shows in its tokens. A word after a space starts a token in that text (a token never holds a
/// space), so a token *starts with* any of the phrase's later words ("anonymity" of "condition of
/// anonymity": "anonymity’s" too); the first word ends where a space follows, so a token *ends
/// with* it ("unfamiliar" holds "familiar with the"). A stretch of tokens with no token that
/// starts with a start anchor or ends with an end anchor (ASCII case aside) holds no phrase, and
/// the automaton need not read it.
#[derive(Debug)]
struct Anchors {
    /// Words (lowercase ASCII) one of which some token starts with.
    starts: Vec<Vec<u8>>,
    /// Words one of which some token ends with.
    ends: Vec<Vec<u8>>,
    /// The first bytes and the second bytes of `starts` and the last bytes of `ends`, in both
    /// cases, as bits: a token is compared with `starts` only when its first byte is one of the
    /// first ones and its second one of the second ones, which few tokens' are.
    first_bytes: [u64; 4],
    second_bytes: [u64; 4],
    last_bytes: [u64; 4],
    /// The length of the shortest word of `starts` and of `ends`.
    min_start: usize,
    min_end: usize,
    /// A phrase without an anchor (one word, or not ASCII): every stretch is searched.
    always: bool,
}

impl Anchors {
    /// The anchors of `phrases`: each phrase's longest word after its first when that has at
    /// least [`MIN_START_ANCHOR`] letters (the later of two as long), else its first word.
    fn of<'p>(phrases: impl Iterator<Item = &'p str>) -> Anchors {
        let mut a = Anchors {
            starts: Vec::new(),
            ends: Vec::new(),
            first_bytes: [0; 4],
            second_bytes: [0; 4],
            last_bytes: [0; 4],
            min_start: usize::MAX,
            min_end: usize::MAX,
            always: false,
        };
        let set = |bits: &mut [u64; 4], b: u8| {
            for b in [b.to_ascii_lowercase(), b.to_ascii_uppercase()] {
                bits[usize::from(b / 64)] |= 1 << (b % 64);
            }
        };
        for phrase in phrases {
            let words: Vec<&str> = phrase.split(' ').collect();
            let ascii = phrase
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b' ');
            if words.len() < 2 || !ascii || words.iter().any(|w| w.is_empty()) {
                a.always = true;
                continue;
            }
            let later = words[1..]
                .iter()
                .rev()
                .max_by_key(|w| w.len())
                .filter(|w| w.len() >= MIN_START_ANCHOR);
            match later {
                Some(w) => {
                    let word = w.to_ascii_lowercase().into_bytes();
                    if !a.starts.contains(&word) {
                        a.min_start = a.min_start.min(word.len());
                        // (An anchor has MIN_START_ANCHOR letters or more, so a second one.)
                        set(&mut a.first_bytes, word[0]);
                        set(&mut a.second_bytes, word[1]);
                        a.starts.push(word);
                    }
                }
                None => {
                    let word = words[0].to_ascii_lowercase().into_bytes();
                    if !a.ends.contains(&word) {
                        a.min_end = a.min_end.min(word.len());
                        set(&mut a.last_bytes, word[word.len() - 1]);
                        a.ends.push(word);
                    }
                }
            }
        }
        a
    }

    /// Whether some token of `toks` that starts before byte `end` starts with a start anchor or
    /// ends with an end anchor (or some phrase has none). Most tokens are told by their length,
    /// and nearly every other by its first two bytes or its last, before any anchor is compared.
    fn any_in(&self, text: &[u8], toks: &[Tok], end: usize) -> bool {
        if self.always {
            return true;
        }
        let has = |bits: &[u64; 4], b: u8| bits[usize::from(b / 64)] & 1 << (b % 64) != 0;
        let shortest = self.min_start.min(self.min_end);
        for t in toks {
            if t.start >= end {
                break;
            }
            let len = t.end - t.start;
            if len < shortest {
                continue;
            }
            let w = &text[t.start..t.end];
            if let [first, second, ..] = *w {
                if len >= self.min_start
                    && has(&self.first_bytes, first)
                    && has(&self.second_bytes, second)
                    && self
                        .starts
                        .iter()
                        .any(|a| w.get(..a.len()).is_some_and(|p| p.eq_ignore_ascii_case(a)))
                {
                    return true;
                }
            }
            if len >= self.min_end
                && has(&self.last_bytes, w[len - 1])
                && self
                    .ends
                    .iter()
                    .any(|a| len >= a.len() && w[len - a.len()..].eq_ignore_ascii_case(a))
            {
                return true;
            }
        }
        false
    }
}

/// A person's sex, as a pronoun, a title or a given name tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    /// "he", "Mr.", "James".
    Male,
    /// "she", "Mrs.", "Mary".
    Female,
}

/// The sex each pronoun or title tells, lowercase: `lexicons/gender_masculine.txt` and
/// `gender_feminine.txt` (a word in both is masculine).
static GENDER_WORDS: Lazy<HashMap<&'static str, Sex>> = Lazy::new(|| {
    let mut m = HashMap::default();
    for (file, sex) in [
        ("gender_feminine.txt", Sex::Female),
        ("gender_masculine.txt", Sex::Male),
    ] {
        m.extend(word_list(file).iter().map(|w| (w, sex)));
    }
    m
});

/// The first bytes and lengths of the words of [`GENDER_WORDS`]: an ASCII word that none has is
/// told apart without being lowercased and looked up, as most words of names are.
static GENDER_SHAPES: Lazy<FirstByteLengths> =
    Lazy::new(|| FirstByteLengths::of(GENDER_WORDS.keys().map(|w| w.as_bytes())));

/// The sex each word of a name tells as written ([`name_sex`]): the given names whose sex is clear
/// (`lexicons/given_names_male.txt`, `given_names_female.txt`: a name in both is male) unless
/// the word is a pronoun or title ([`GENDER_WORDS`]), and the pronouns and titles themselves,
/// lowercase. One probe answers a given name; a word it misses is asked of [`word_sex`] (a
/// capitalised title, "Mrs.").
static NAME_WORDS: Lazy<HashMap<&'static str, Sex>> = Lazy::new(|| {
    let mut m: HashMap<&'static str, Sex> = HashMap::default();
    for (file, sex) in [
        ("given_names_female.txt", Sex::Female),
        ("given_names_male.txt", Sex::Male),
    ] {
        m.extend(word_list(file).iter().map(|w| (w, sex)));
    }
    for (w, sex) in m.iter_mut() {
        *sex = word_sex(w).unwrap_or(*sex);
    }
    m.extend(GENDER_WORDS.iter().map(|(&w, &sex)| (w, sex)));
    m
});

/// Role nouns resolved only through a title or apposition (`lexicons/role_titled_only.txt`).
static ROLE_TITLED_ONLY: Lazy<WordList> = Lazy::new(|| word_list("role_titled_only.txt"));

/// Determiners that leave the person of a role noun unnamed ("our correspondent";
/// `lexicons/unnamed_determiners.txt`).
static UNNAMED_DETERMINERS: Lazy<WordList> = Lazy::new(|| word_list("unnamed_determiners.txt"));

/// Verbs whose object does what the infinitive after it says (`lexicons/causatives.txt`).
static CAUSATIVES: Lazy<WordList> = Lazy::new(|| word_list("causatives.txt"));

/// Whether `word` (any case) is a verb that makes its object do what an infinitive after it says,
/// and tells it was done ("led", "prompting", "forced": `lexicons/causatives.txt`).
pub fn is_causative(word: &str) -> bool {
    CAUSATIVES.contains_lowercased(word)
}

/// Role nouns for the head of an organisation (`lexicons/role_heads.txt`).
static ROLE_HEADS: Lazy<WordList> = Lazy::new(|| word_list("role_heads.txt"));

/// Prepositions that open an adverbial of occasion or time after a stance's object
/// (`lexicons/occasion_prepositions.txt`).
static OCCASION_PREPOSITIONS: Lazy<WordList> = Lazy::new(|| word_list("occasion_prepositions.txt"));

/// Nouns of an occasion where a stance is taken (`lexicons/occasion_nouns.txt`).
static OCCASION_NOUNS: Lazy<WordList> = Lazy::new(|| word_list("occasion_nouns.txt"));

/// Words that carry a quotation's clause on past its closing mark (`lexicons/quote_goes_on.txt`).
static QUOTE_GOES_ON: Lazy<WordList> = Lazy::new(|| word_list("quote_goes_on.txt"));

/// Whether `word`, as written (lowercase), carries a quotation's clause on when it comes right
/// after the closing mark: "“we need more information” about how …", "“much better” than …"
/// (`lexicons/quote_goes_on.txt`).
pub fn goes_on_after_quote(word: &str) -> bool {
    QUOTE_GOES_ON.contains(word)
}

/// The months, capitalised (`lexicons/months.txt`).
static MONTHS: Lazy<WordList> = Lazy::new(|| word_list("months.txt"));

/// Whether `word` (any case) opens an adverbial of occasion or time: "in", "at", "during"
/// (`lexicons/occasion_prepositions.txt`).
pub fn is_occasion_preposition(word: &str) -> bool {
    OCCASION_PREPOSITIONS.contains_lowercased(word)
}

/// Whether `word` (any case) is a noun of an occasion: "interview", "rally", "conference"
/// (`lexicons/occasion_nouns.txt`).
pub fn is_occasion_noun(word: &str) -> bool {
    OCCASION_NOUNS.contains_lowercased(word)
}

/// Whether `word`, as written, is a month ("December"; not "march", `lexicons/months.txt`).
pub fn is_month(word: &str) -> bool {
    MONTHS.contains(word)
}

/// Verbs whose object is the actor of an infinitive after it and that only ask for, permit or
/// want the act (`lexicons/directives.txt`).
static DIRECTIVES: Lazy<WordList> = Lazy::new(|| word_list("directives.txt"));

/// Whether `word` (any case) is a verb whose object is the actor of an infinitive after it and
/// that only asks for, permits or wants the act ("told", "urging", "hired", "allows":
/// `lexicons/directives.txt`): the act may never have happened.
pub fn is_directive(word: &str) -> bool {
    DIRECTIVES.contains_lowercased(word)
}

/// Words that negate the cue after them (`lexicons/negations.txt`).
static NEGATIONS: Lazy<WordList> = Lazy::new(|| word_list("negations.txt"));

/// Whether `word` (any case) negates the verb or adjective after it ("not", "never":
/// `lexicons/negations.txt`); a negated auxiliary written as one word is
/// [`negative_contraction`].
pub fn is_negation(word: &str) -> bool {
    NEGATIONS.contains_lowercased(word)
}

/// Builds the speaker lexicons (word lists and the anonymity automaton) now (see
/// [`crate::pipeline::prepare`]).
pub fn prepare() {
    Lazy::force(&CAUSATIVES);
    Lazy::force(&DIRECTIVES);
    Lazy::force(&NEGATIONS);
    Lazy::force(&OCCASION_PREPOSITIONS);
    Lazy::force(&OCCASION_NOUNS);
    Lazy::force(&MONTHS);
    Lazy::force(&GENDER_WORDS);
    Lazy::force(&GENDER_SHAPES);
    Lazy::force(&NAME_WORDS);
    Lazy::force(&ROLE_TITLED_ONLY);
    Lazy::force(&UNNAMED_DETERMINERS);
    Lazy::force(&ROLE_HEADS);
    Lazy::force(&ANONYMITY);
}

/// Whether a definite role noun ("the spokesman", "the president") stands for someone only a title
/// or apposition names, rather than for the latest speaker.
pub fn role_titled_only(word: &str) -> bool {
    ROLE_TITLED_ONLY.contains(&word.to_lowercase())
}

/// Whether role word `a` may stand for role word `b` in a role noun that names its organisation:
/// the same word, or two words for the organisation's head ("chief" and "head":
/// `lexicons/role_heads.txt`). Case is ignored.
pub fn same_role_at_organisation(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
        || ROLE_HEADS.contains_lowercased(a) && ROLE_HEADS.contains_lowercased(b)
}

/// The sex a pronoun or title ("she", "Mr.") tells, if any.
pub fn word_sex(word: &str) -> Option<Sex> {
    let w = word.trim_end_matches('.');
    // An ASCII word (nearly every one) is lowercased on the stack, if its first byte and length
    // are those of some pronoun or title ([`GENDER_SHAPES`]).
    let mut buf = [0u8; 32];
    let owned: String;
    let lower = match buf.get_mut(..w.len()).filter(|_| w.is_ascii()) {
        Some(b) => {
            if !GENDER_SHAPES.may_hold(w.as_bytes()) {
                return None;
            }
            b.copy_from_slice(w.as_bytes());
            b.make_ascii_lowercase();
            std::str::from_utf8(b).unwrap_or_default()
        }
        None => {
            owned = w.to_lowercase();
            &owned
        }
    };
    GENDER_WORDS.get(lower).copied()
}

/// The sex a person's name tells: a title in it ("Mrs. Clinton") or its first given name
/// ("Hillary Clinton"); None when neither tells.
pub fn name_sex(name: &str) -> Option<Sex> {
    name.split_whitespace()
        .find_map(|w| NAME_WORDS.get(w).copied().or_else(|| word_sex(w)))
}

/// Parses a speaker word lexicon; errors name the line.
pub fn parse_words(file: &'static str, source: &str) -> Result<SpeakerWords, LexiconError> {
    let mut out = SpeakerWords::default();
    for row in tsv_rows(file, source, 3) {
        let (line, f) = row?;
        let err = LexiconError::at(file, line);
        let ty = match f[2] {
            "-" => None,
            t => Some(SpeakerType::parse(t).ok_or_else(|| {
                err(format!(
                    "unknown type {t:?} (expected person, organization, group, anonymous, document, unresolved or -)"
                ))
            })?),
        };
        let role = match (f[1], ty) {
            ("pronoun", Some(t)) => Role::Pronoun(t),
            ("noun", Some(t)) => Role::Noun(t),
            ("relative", None) => Role::Relative,
            ("determiner", None | Some(SpeakerType::Group)) => Role::Determiner,
            ("adverb", None) => Role::Adverb,
            ("stop", None) => Role::Stop,
            ("preposition", None) => Role::Preposition,
            ("pronoun" | "noun", None) => {
                return Err(err(format!("a {} needs a type, not -", f[1])))
            }
            ("determiner", Some(_)) => {
                return Err(err(
                    "a determiner takes the type group (it stands for its speakers: \"most said\") or -"
                        .into(),
                ))
            }
            ("relative" | "adverb" | "stop" | "preposition", Some(_)) => {
                return Err(err(format!("a {} takes no type; write -", f[1])))
            }
            (other, _) => {
                return Err(err(format!(
                    "unknown role {other:?} (expected pronoun, relative, determiner, adverb, stop, preposition or noun)"
                )))
            }
        };
        if f[0].chars().any(char::is_uppercase) {
            return Err(err(format!("word {:?} must be lowercase", f[0])));
        }
        let Some(key) = Key::of(f[0]) else {
            return Err(err(format!(
                "word {:?} is not ASCII or is longer than {} letters",
                f[0],
                Key::MAX
            )));
        };
        if ty.is_some() && role == Role::Determiner {
            out.group_determiners.insert(key);
        }
        if out.roles.insert(key, role).is_some() {
            return Err(err(format!("word {:?} is listed twice", f[0])));
        }
    }
    Ok(out)
}

impl SpeakerWords {
    /// Every listed word: its key, its role, and whether it is a group determiner.
    pub fn words(&self) -> impl Iterator<Item = (Key, Role, bool)> + '_ {
        self.roles
            .iter()
            .map(|(k, r)| (*k, *r, self.group_determiners.contains(k)))
    }
}

/// The role of a token, if its word is in the lexicon (looked up once by the token layer:
/// [`Tok::classes`]). A token that is no word has no classes, so no role.
#[inline]
pub fn role(_text: &str, t: &Tok) -> Option<Role> {
    debug_assert!(t.word || t.classes == Classes::NONE);
    t.classes.role()
}

/// Whether token `t` is an adverb: a lexicon adverb, a lowercase word in "-ly" that no
/// determiner precedes ("he angrily said", "she rarely asks", but "the family said"), or a
/// negated auxiliary written as one word ("he doesn't want", "I don’t think": [`NEGATIVE_CONTRACTION`]),
/// which stands between a speaker and its cue as "does not" does.
/// The rules ask it of many tokens: the token's role and length are read where it is asked, and
/// only a word long enough to end in "-ly", or one with an apostrophe, is read further, by a call.
#[inline]
pub fn is_adverb(text: &str, toks: &[Tok], t: usize) -> bool {
    let tok = &toks[t];
    match role(text, tok) {
        Some(r) => r == Role::Adverb,
        None => {
            tok.word
                && (tok.end - tok.start >= 5 && ly_adverb(text, toks, t)
                    || tok.shape.has(Shape::OTHER_WORD) && negative_contraction(text, tok))
        }
    }
}

/// The ending of a negated auxiliary written as one token ("doesn't", "didn’t").
pub const NEGATIVE_CONTRACTION: [&str; 2] = ["n't", "n’t"];

/// Whether word `tok` is a negated auxiliary written as one token ([`NEGATIVE_CONTRACTION`]).
pub fn negative_contraction(text: &str, tok: &Tok) -> bool {
    let w = &text[tok.range()];
    NEGATIVE_CONTRACTION.iter().any(|n| w.ends_with(n))
}

/// [`is_adverb`] of word `t`, of five bytes or more and with no role: in "-ly", lowercase, after
/// no determiner. The last two bytes first: most words fail on them, before the text is sliced
/// and its first letter decoded.
fn ly_adverb(text: &str, toks: &[Tok], t: usize) -> bool {
    let tok = &toks[t];
    text.as_bytes()[tok.end - 2..tok.end] == *b"ly"
        && text[tok.range()].starts_with(|c: char| c.is_lowercase())
        && t.checked_sub(1)
            .is_none_or(|p| role(text, &toks[p]) != Some(Role::Determiner))
}

/// The pronoun of token `t` when it is a personal or relative pronoun contracted with "is" or
/// "has" ("he's", "She’s", "who's"), with the pronoun's role: its "'s" is a verb, not a
/// possessive, so a cue after it is a verb ("he's predicting that …", "who's called for …").
#[inline]
pub fn contracted_pronoun<'t>(text: &'t str, t: &Tok) -> Option<(&'t str, Role)> {
    // An apostrophe makes a word no plain one: most tokens are answered without reading the text
    // (and without a call).
    if !t.word || !t.shape.has(Shape::OTHER_WORD) {
        return None;
    }
    contracted_stem(text, t)
}

/// [`contracted_pronoun`] of a word of another shape than a plain one.
fn contracted_stem<'t>(text: &'t str, t: &Tok) -> Option<(&'t str, Role)> {
    let stem = possessive_stem(&text[t.range()])?;
    match crate::word_classes::of(stem).role() {
        Some(r @ (Role::Pronoun(_) | Role::Relative)) => Some((stem, r)),
        _ => None,
    }
}

/// The role of token `t` as a speaker phrase's word: its [`role`], or for a pronoun contracted
/// with "is" or "has" ("he's", "who's") the pronoun's ([`contracted_pronoun`]).
pub fn phrase_role(text: &str, t: &Tok) -> Option<Role> {
    role(text, t).or_else(|| contracted_pronoun(text, t).map(|(_, r)| r))
}

/// A speaker phrase: an inclusive token range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase {
    /// First token.
    pub first: usize,
    /// Last token (the head).
    pub last: usize,
}

const MAX_PHRASE: usize = 8;

/// Whether a word may belong to a speaker phrase at all.
fn phrase_word(text: &str, t: &Tok) -> bool {
    t.word
        && match role(text, t) {
            Some(Role::Stop | Role::Preposition | Role::Pronoun(_) | Role::Relative) => false,
            // "a USA TODAY analysis": an adverb written in capitals is a word of a name.
            Some(Role::Adverb) => is_acronym(&text[t.range()]),
            _ => true,
        }
}

/// Whether the comma at token `t` is inside a number written with a thousands separator
/// ("$20,000", "1,400"): digits on both sides, with no space between.
#[inline]
pub(crate) fn in_number(toks: &[Tok], t: usize) -> bool {
    let digit = |k: usize| toks[k].shape.has(Shape::DIGIT);
    t > 0
        && t + 1 < toks.len()
        && digit(t - 1)
        && digit(t + 1)
        && toks[t - 1].end == toks[t].start
        && toks[t].end == toks[t + 1].start
}

/// The speaker phrase ending just before token `end`, not reaching before `floor`. Adverbs between
/// phrase and cue are skipped ("Parsi has also said").
pub fn before(text: &str, toks: &[Tok], end: usize, floor: usize) -> Option<Phrase> {
    let mut j = end.checked_sub(1)?;
    while j > floor && is_adverb(text, toks, j) {
        j -= 1;
    }
    if j < floor {
        return None;
    }
    if j > floor && is_percent_sign(text, toks, j) {
        return percentage_before(text, toks, j, floor);
    }
    let t = &toks[j];
    match phrase_role(text, t) {
        Some(Role::Pronoun(_) | Role::Relative) => {
            return Some(Phrase { first: j, last: j });
        }
        Some(Role::Determiner) if is_group_determiner(text, t) => {
            return Some(Phrase { first: j, last: j });
        }
        _ if !phrase_word(text, t) || role(text, t) == Some(Role::Determiner) => return None,
        _ => {}
    }
    let name_head = t.capitalised();
    let mut i = j;
    while i > floor && j - i + 1 < MAX_PHRASE {
        let p = &toks[i - 1];
        let r = role(text, p);
        if r == Some(Role::Determiner) {
            i -= 1;
            break;
        }
        if !phrase_word(text, p) {
            // "some 1,409 teachers": the comma of a number goes on with its digits.
            if i >= floor + 2 && p.punct == Punct::of(',') && in_number(toks, i - 1) {
                i -= 2;
                continue;
            }
            break;
        }
        // A name extends over names and role nouns only: "a decision Parsi believes" is Parsi.
        if name_head && !p.capitalised() && !matches!(r, Some(Role::Noun(_))) {
            break;
        }
        i -= 1;
    }
    Some(Phrase { first: i, last: j })
}

/// "42% say", "another 11% plan", "Some 47% believe", "The remaining 33% say": a percentage ending
/// at its sign `sign`, with the group determiner or adverb right before its number, or a
/// determiner and one plain word ("jumped 6% after …", "To make matters worse 90% …" keep only the
/// number). None after any other determiner: "than the 0.4% reported" is a figure, not people.
fn percentage_before(text: &str, toks: &[Tok], sign: usize, floor: usize) -> Option<Phrase> {
    let number = sign - 1;
    let first = if number == floor {
        number
    } else {
        let before = &toks[number - 1];
        match role(text, before) {
            Some(Role::Determiner) if is_group_determiner(text, before) => number - 1,
            Some(Role::Determiner) => return None,
            Some(Role::Adverb) => number - 1,
            _ if number > floor + 1
                && role(text, &toks[number - 2]) == Some(Role::Determiner)
                && phrase_word(text, before)
                && !before.capitalised() =>
            {
                number - 2
            }
            _ => number,
        }
    };
    Some(Phrase { first, last: sign })
}

/// Whether tokens `first..end` end in a percent sign after a number ("42%", "about 42%"): a
/// share of those asked.
pub fn ends_in_percent(text: &str, toks: &[Tok], first: usize, end: usize) -> bool {
    end > first + 1 && is_percent_sign(text, toks, end - 1)
}

/// Whether token `j` (not the first) is a percent sign right after a number ("42%"). Asked of the
/// word before nearly every cue: a word is told in line, before any text is read.
#[inline]
fn is_percent_sign(text: &str, toks: &[Tok], j: usize) -> bool {
    let t = &toks[j];
    if t.word {
        return false;
    }
    let n = &toks[j - 1];
    &text[t.range()] == "%" && n.end == t.start && n.shape.has(Shape::DIGIT)
}

/// The speaker phrase starting at token `start`, ending before `ceil`.
pub fn after(text: &str, toks: &[Tok], start: usize, ceil: usize) -> Option<Phrase> {
    let t = toks.get(start).filter(|_| start < ceil)?;
    match role(text, t) {
        Some(Role::Pronoun(_)) => {
            return Some(Phrase {
                first: start,
                last: start,
            })
        }
        Some(Role::Determiner) if is_group_determiner(text, t) => {
            // "one of two witnesses": the phrase goes on over "of".
            let next_is_word = toks
                .get(start + 1)
                .is_some_and(|n| start + 1 < ceil && (phrase_word(text, n) || is_of(text, n)));
            if !next_is_word {
                return Some(Phrase {
                    first: start,
                    last: start,
                });
            }
        }
        _ => {}
    }
    let mut last = None;
    let mut seen_name = false;
    let mut k = start;
    let mut after_of = false;
    while k < ceil && k - start < MAX_PHRASE {
        let tok = &toks[k];
        let r = role(text, tok);
        let of = is_of(text, tok);
        let ok = if (k == start || after_of) && r == Some(Role::Determiner) {
            true
        } else if of {
            // "Joel Pollak of Breitbart", "a poll of voters", "one of two witnesses": only when a
            // phrase word or a determiner follows.
            (last.is_some() || k == start + 1)
                && toks.get(k + 1).is_some_and(|n| {
                    k + 1 < ceil
                        && (phrase_word(text, n) || role(text, n) == Some(Role::Determiner))
                })
        } else if r == Some(Role::Stop)
            && k == start + 1
            && role(text, &toks[start]) == Some(Role::Determiner)
            && tok.capitalised()
        {
            // "a Wednesday editorial", "a September poll": a date word after an article
            // modifies the noun that follows it.
            toks.get(k + 1)
                .is_some_and(|n| k + 1 < ceil && phrase_word(text, n))
        } else if !phrase_word(text, tok) || r == Some(Role::Determiner) && k > start {
            false
        } else if seen_name {
            tok.capitalised()
                || matches!(r, Some(Role::Noun(_)))
                || noun_follows(text, toks, k, ceil)
        } else {
            true
        };
        if !ok {
            break;
        }
        // A capitalised group determiner opens the sentence ("Many speakers at the service"): no
        // name.
        seen_name |= tok.capitalised()
            && r != Some(Role::Stop)
            && !(r == Some(Role::Determiner) && is_group_determiner(text, tok));
        if !of && r != Some(Role::Determiner) {
            last = Some(k);
        }
        after_of = of;
        k += 1;
    }
    last.map(|last| Phrase { first: start, last })
}

/// Whether lowercase token `k` modifies a role noun within the next two words: after a name, "the
/// White House press secretary" and "the former Republican presidential candidate" go on to the
/// noun, while "Trump supporters rallied" stops at the name.
fn noun_follows(text: &str, toks: &[Tok], k: usize, ceil: usize) -> bool {
    (k + 1..ceil.min(k + 3))
        .take_while(|&n| {
            phrase_word(text, &toks[n])
                && role(text, &toks[n]).is_none_or(|r| matches!(r, Role::Noun(_)))
                && !toks[n].capitalised()
        })
        .any(|n| matches!(role(text, &toks[n]), Some(Role::Noun(_))))
}

/// Whether "of" continues a phrase at token `t` ("Joel Pollak of Breitbart"; the class `phrase_of`
/// of `lexicons/function_words/`).
#[inline]
fn is_of(text: &str, t: &Tok) -> bool {
    function_words::token_is(text, t, WordClass::PhraseOf)
}

/// Whether a determiner stands for its speakers by itself ("many said", "some believe", "another
/// tweeted", "the two write"): a `determiner` row of `speakers.tsv` with the type `group`.
pub fn is_group_determiner(_text: &str, t: &Tok) -> bool {
    t.classes.has(Classes::GROUP_DETERMINER)
}

/// The speaker type a phrase shows by itself (before resolution): pronoun and head-noun types from
/// the lexicon, an indefinite role noun as anonymous, a capitalised name as `name_type` says.
pub fn phrase_type(text: &str, toks: &[Tok], p: Phrase) -> SpeakerType {
    let head = &toks[p.last];
    // "42% say": a share of those asked is a group.
    if ends_in_percent(text, toks, p.first, p.last + 1) {
        return SpeakerType::Group;
    }
    let head_role = role(text, head);
    match head_role {
        Some(Role::Pronoun(t)) => return t,
        Some(Role::Determiner) => return SpeakerType::Group,
        _ => {}
    }
    let first = &text[toks[p.first].range()];
    let indefinite = function_words::is(first, WordClass::IndefiniteArticle);
    match head_role {
        // "a correspondent", "our correspondent": a person the text does not name.
        Some(Role::Noun(SpeakerType::Person))
            if indefinite || UNNAMED_DETERMINERS.contains_lowercased(first) =>
        {
            SpeakerType::Anonymous
        }
        Some(Role::Noun(t)) => t,
        _ if head.capitalised() => name_type(text, toks, p),
        _ if indefinite => SpeakerType::Anonymous,
        _ => SpeakerType::Unresolved,
    }
}

/// The type of a capitalised speaker phrase no lexicon knows, before resolution to an entity: an
/// acronym head is an organisation ("NTL said", "the BPI said"); a lone word that is neither a given
/// name nor a surname is as likely a company as a person ("Sophos said", "Netcraft said"), so it
/// stays unresolved. A phrase of more words with no role noun of a person in it is, when its name
/// is plural ([`crate::plural::plural_name`]), an organisation if it is capitalised throughout
/// ("Capital Economics") and a group otherwise ("the Law Lords", "big-bucks super PACs"); when its
/// head is an organisation's head word (`lexicons/org_heads.txt`) and no given name or title
/// stands before it, an organisation ("the Organisation"); anything else is a person ("Iggy Fanlo
/// said", "Collins said").
fn name_type(text: &str, toks: &[Tok], p: Phrase) -> SpeakerType {
    let head = &text[toks[p.last].range()];
    if head.len() >= 2 && head.bytes().all(|b| b.is_ascii_uppercase()) {
        return SpeakerType::Organization;
    }
    if p.first != p.last {
        let before = || {
            (p.first..p.last)
                .filter(|&k| toks[k].capitalised())
                .map(|k| &text[toks[k].range()])
        };
        // "Concord resident Whit Symms", "a spokesman for the Club": a role noun of a person.
        let role_noun = (p.first..p.last).any(|k| {
            matches!(
                role(text, &toks[k]),
                Some(Role::Noun(SpeakerType::Person | SpeakerType::Anonymous))
            )
        });
        if !role_noun && plural_name(before(), head) {
            let proper = role(text, &toks[p.first]) != Some(Role::Determiner)
                && (p.first..=p.last).all(|k| toks[k].capitalised());
            return if proper {
                SpeakerType::Organization
            } else {
                SpeakerType::Group
            };
        }
        if !role_noun && ORG_HEADS.contains(head) && !person_words(before()) {
            return SpeakerType::Organization;
        }
        return SpeakerType::Person;
    }
    if FIRST_NAMES.contains(head) || SURNAMES.contains(head) {
        return SpeakerType::Person;
    }
    // The Census surname list has no apostrophes: "O'Brien" is listed as "Obrien".
    let joined: String = head.chars().filter(|c| !matches!(c, '\'' | '’')).collect();
    if joined.len() < head.len() && SURNAMES.contains(&title_case(&joined)) {
        SpeakerType::Person
    } else {
        SpeakerType::Unresolved
    }
}

/// Whether `text` (the rest of the speaker's sentence) says the source is anonymous.
pub fn says_anonymous(text: &str) -> bool {
    ANONYMITY.0.is_match(text)
}

/// [`says_anonymous`] of `text[rest]`, where `toks[from..]` are the tokens from the first one after
/// `rest.start` on: the phrases are searched for only when a token holds one of their anchors
/// ([`Anchors`]), which few stretches of text do.
pub fn says_anonymous_in(text: &str, toks: &[Tok], from: usize, rest: Range<usize>) -> bool {
    let (automaton, anchors) = &*ANONYMITY;
    let within = toks.get(from..).unwrap_or_default();
    anchors.any_in(text.as_bytes(), within, rest.end) && automaton.is_match(&text[rest])
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;
    use crate::corpus::Document;

    fn setup(text: &str) -> Vec<Tok> {
        let doc = Document::from_text("t".into(), "t".into(), text);
        tokenize(text, &crate::sentences::split(&doc)).toks
    }

    fn word_index(text: &str, toks: &[Tok], w: &str) -> usize {
        toks.iter().position(|t| &text[t.range()] == w).unwrap()
    }

    fn before_text(text: &str, cue: &str) -> Option<(String, SpeakerType)> {
        let toks = setup(text);
        let p = before(text, &toks, word_index(text, &toks, cue), 0)?;
        Some((
            text[toks[p.first].start..toks[p.last].end].to_owned(),
            phrase_type(text, &toks, p),
        ))
    }

    fn after_text(text: &str, cue: &str) -> Option<String> {
        let toks = setup(text);
        let p = after(text, &toks, word_index(text, &toks, cue) + 1, toks.len())?;
        Some(text[toks[p.first].start..toks[p.last].end].to_owned())
    }

    #[test]
    fn names_and_titles_tell_a_sex() {
        assert_eq!(word_sex("she"), Some(Sex::Female));
        assert_eq!(word_sex("Mr."), Some(Sex::Male));
        assert_eq!(word_sex("Clinton"), None);
        assert_eq!(name_sex("Mrs. Clinton"), Some(Sex::Female));
        assert_eq!(name_sex("Hillary Clinton"), Some(Sex::Female));
        assert_eq!(name_sex("Donald Trump"), Some(Sex::Male));
        // A title before the given name decides; a surname alone tells nothing.
        assert_eq!(name_sex("Mr. Hillary Smith"), Some(Sex::Male));
        assert_eq!(name_sex("Trump"), None);
    }

    #[test]
    fn every_pronoun_and_title_passes_the_shape_filter() {
        // Each word of the lists, as written, capitalised, in capitals and with a full stop, is
        // told as the list says; a word one letter longer or shorter is not.
        for (&w, &sex) in GENDER_WORDS.iter() {
            let capital = format!("{}{}", w[..1].to_ascii_uppercase(), &w[1..]);
            for form in [
                w.to_owned(),
                capital.clone(),
                w.to_ascii_uppercase(),
                capital + ".",
            ] {
                assert_eq!(word_sex(&form), Some(sex), "{form}");
            }
            for other in [format!("{w}x"), w[..w.len() - 1].to_owned()] {
                assert_eq!(word_sex(&other), GENDER_WORDS.get(other.as_str()).copied());
            }
        }
        assert_eq!(word_sex(""), None);
        assert_eq!(word_sex("."), None);
    }

    #[test]
    fn bundled_words_are_valid() {
        parse_words("speakers.tsv", crate::lexicon::bundled("speakers.tsv"))
            .unwrap_or_else(|e| panic!("{e}"));
        let e = parse_words("x.tsv", "he\tpronoun\t-\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "lexicons/x.tsv:1: a pronoun needs a type, not -"
        );
        let e = parse_words("x.tsv", "# c\nhe\tpronoun\tperson\nhe\tstop\t-\n").unwrap_err();
        assert_eq!(e.line, 3);
        let e = parse_words("x.tsv", "most\tdeterminer\tperson\n").unwrap_err();
        assert!(
            e.message.starts_with("a determiner takes the type group"),
            "{e}"
        );
        let words = parse_words("x.tsv", "most\tdeterminer\tgroup\nthe\tdeterminer\t-\n").unwrap();
        let key = |w| Key::of(w).unwrap();
        assert!(words.group_determiners.contains(&key("most")));
        assert!(!words.group_determiners.contains(&key("the")));
        assert_eq!(words.roles[&key("the")], Role::Determiner);
        let e = parse_words("x.tsv", "député\tnoun\tperson\n").unwrap_err();
        assert!(e.message.contains("not ASCII"), "{e}");
    }

    #[test]
    fn phrases_before_the_cue() {
        use SpeakerType::*;
        let got = |t, c| before_text(t, c).unwrap();
        assert_eq!(
            got("Then he has also said so.", "said"),
            ("he".into(), Person)
        );
        assert_eq!(
            got(
                "with Trump spokesperson Steven Cheung declining",
                "declining"
            ),
            ("Trump spokesperson Steven Cheung".into(), Person)
        );
        // Before resolution to an entity, a lone capitalised word is a person only when it is a
        // known given name or surname; an acronym is an organisation.
        assert_eq!(
            got("a decision Parsi believes hurt", "believes"),
            ("Parsi".into(), Unresolved)
        );
        assert_eq!(got("but Collins said", "said"), ("Collins".into(), Person));
        assert_eq!(
            got("but Iggy Fanlo said", "said"),
            ("Iggy Fanlo".into(), Person)
        );
        assert_eq!(got("but NTL said", "said"), ("NTL".into(), Organization));
        assert_eq!(
            got("but the BPI said", "said"),
            ("the BPI".into(), Organization)
        );
        assert_eq!(got("but O'Brien said", "said"), ("O'Brien".into(), Person));
        assert_eq!(
            got("Now U.S. officials believe that", "believe"),
            ("U.S. officials".into(), Group)
        );
        assert_eq!(
            got("and a former administration official said", "said"),
            ("a former administration official".into(), Anonymous)
        );
        assert_eq!(got("Many said no.", "said"), ("Many".into(), Group));
        // A demonstrative opens a phrase as an article does: "this source told the Post".
        assert_eq!(
            before_text("”, this source told the Post.", "told").map(|p| p.0),
            Some("this source".into())
        );
        assert_eq!(before_text("The plan, said", "said"), None);
    }

    #[test]
    fn phrases_after_the_cue() {
        assert_eq!(
            after_text(
                "”, said a former Trump administration official, who spoke",
                "said"
            ),
            Some("a former Trump administration official".into())
        );
        assert_eq!(after_text("”, said Parsi.", "said"), Some("Parsi".into()));
        assert_eq!(
            after_text("according to Joel Pollak of Breitbart California, it", "to"),
            Some("Joel Pollak of Breitbart California".into())
        );
        assert_eq!(
            after_text(
                "Reported: Former U.S. President Donald Trump expressed a wish",
                ":"
            ),
            Some("Former U.S. President Donald Trump".into())
        );
        assert_eq!(after_text("”, said Tuesday.", "said"), None);
        assert_eq!(
            after_text("”, reads a Wednesday editorial in the paper.", "reads"),
            Some("a Wednesday editorial".into())
        );
        assert_eq!(
            after_text("”, said one of two witnesses who relayed it.", "said"),
            Some("one of two witnesses".into())
        );
    }

    #[test]
    fn anonymity_phrases() {
        assert!(says_anonymous(", who spoke on the Condition of Anonymity."));
        assert!(!says_anonymous(", who spoke on Monday."));
        // The tokens' anchors answer as the search over the text does.
        let texts = [
            "Officials, who spoke on the Condition of Anonymity, said so.",
            "An aide who requested anonymity’s cover said",
            "A man unfamiliar with the plan said",
            "A man familiar with them said",
            "She was not authorized-to speak, a source said.",
            "He asked not to be NAMED.",
            "Aides spoke anonymously; others did not.",
            "One declined to be identified as such.",
            "A source who spoke on Monday said the plan was named later.",
            "The official, speaking on preconditions of anonymity, said",
            "Staff were not authorised to speak.",
        ];
        for text in texts {
            let toks = setup(text);
            for (i, t) in toks.iter().enumerate() {
                for end in [text.len(), t.end + (text.len() - t.end) / 2] {
                    let end = (t.end..=end)
                        .rev()
                        .find(|&e| text.is_char_boundary(e))
                        .unwrap();
                    let rest = t.end..end;
                    assert_eq!(
                        says_anonymous_in(text, &toks, i + 1, rest.clone()),
                        says_anonymous(&text[rest.clone()]),
                        "{text:?} {rest:?}"
                    );
                }
            }
        }
        // Every phrase has an anchor (none is searched for in every stretch).
        assert!(!ANONYMITY.1.always);
        // The phrases are lowercase, as the file's header says.
        let list = crate::lexicon::word_list("anonymity.txt");
        assert!(list.iter().all(|p| p == p.to_lowercase()));
    }
}
