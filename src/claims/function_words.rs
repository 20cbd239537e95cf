//! Function words as data: the closed-class words the claims rules look for ("that", "and", forms of
//! "be", possessives, title words), grouped in classes by what the rules do with them.
//!
//! The classes live in `lexicons/function_words/`: `manifest.tsv` lists each class with its word
//! list file, how it matches (`exact`: only as written in lowercase; `any-case`; `suffix`: a word
//! ending in a listed ending, such as the "-ed" of a past form) and what it is for; each list holds
//! one lowercase word (or ending) per line. The rules ask for a class through [`WordClass`] (on
//! tokens, `Engine::word_in`); [`FunctionWords::load`] reads the manifest and the lists and reports
//! any mistake as a [`LexiconError`] naming the file and line. Every file of the folder is compiled
//! into the binary (`build.rs`), so a release build needs no data directory.

use super::tokens::{Key, Tok};
use crate::lexicon::{tsv_rows, Bundled, LexiconError};
use rustc_hash::FxHashMap as HashMap;

/// Every file of `lexicons/function_words/` as (name under `lexicons/`, contents), from `build.rs`.
static FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/function_words.rs"));

/// The manifest's name under `lexicons/`.
const MANIFEST: &str = "function_words/manifest.tsv";

macro_rules! classes {
    ($($(#[doc = $doc:literal])* $variant:ident = $name:literal,)*) => {
        /// A class of function words, as the manifest names it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum WordClass {
            $($(#[doc = $doc])* $variant,)*
        }

        impl WordClass {
            /// Every class, in declaration order.
            pub const ALL: &'static [WordClass] = &[$(WordClass::$variant,)*];

            /// The class's name in `manifest.tsv`.
            pub fn name(self) -> &'static str {
                match self {
                    $(WordClass::$variant => $name,)*
                }
            }
        }
    };
}

classes! {
    /// "that" opening a reported clause.
    Complementizer = "complementizer",
    /// "whether", "if" after a cue: a reported question.
    QuestionComplementizer = "question_complementizer",
    /// "and", "but" joining a speaker's next clause.
    ClauseCoordinator = "clause_coordinator",
    /// "and" inside a speaker phrase or between two participles.
    PhraseCoordinator = "phrase_coordinator",
    /// "and", "or" joining quoted fragments.
    FragmentCoordinator = "fragment_coordinator",
    /// "while", "although" … ending a reported clause before another speaker's cue.
    ClauseBoundary = "clause_boundary",
    /// Conjunctions dropped from the end of a reported clause.
    TrailingConjunction = "trailing_conjunction",
    /// Forms of "be" that make a naming verb passive.
    BeForm = "be_form",
    /// Forms of "have" before a label cue.
    HaveForm = "have_form",
    /// Words opening a relative clause whose subject gives a label.
    RelativeOpener = "relative_opener",
    /// "what" in "what he calls …".
    FreeRelative = "free_relative",
    /// "to" of an infinitive content.
    InfinitiveMarker = "infinitive_marker",
    /// "as" before the name a naming cue gives.
    NamingAs = "naming_as",
    /// "by" before a passive cue's agent.
    AgentMarker = "agent_marker",
    /// "with" before a participle's own subject.
    AbsoluteMarker = "absolute_marker",
    /// One-word asides between a speaker and its cue.
    Aside = "aside",
    /// "in", "of" in a share of those polled ("six in 10").
    ShareOf = "share_of",
    /// Possessives standing for a person pronoun.
    PersonPossessive = "person_possessive",
    /// Possessives standing for a group pronoun.
    GroupPossessive = "group_possessive",
    /// Pronouns standing for an organisation that spoke ("it said").
    ThingPronoun = "thing_pronoun",
    /// "the" before a role noun that resolves to the latest person.
    DefiniteArticle = "definite_article",
    /// Articles between a label cue and its quotation.
    Article = "article",
    /// Articles that make a speaker anonymous.
    IndefiniteArticle = "indefinite_article",
    /// "of" continuing a speaker phrase.
    PhraseOf = "phrase_of",
    /// Words before "asked" that put a question to someone.
    PassiveMarker = "passive_marker",
    /// "from" before a source, not a place, ending in a colon.
    SourcePreposition = "source_preposition",
    /// Relative pronouns standing for a person.
    PersonalRelative = "personal_relative",
    /// Lowercase words a quoted title may hold.
    TitleMinor = "title_minor",
    /// Lowercase words a headline's speaker label may hold.
    NameMinor = "name_minor",
    /// Subjects that open a reported clause right after its cue ("said he …", "says there …").
    ClauseSubject = "clause_subject",
    /// Relatives that, after a comma, end a reported clause ("…, which …").
    TrailingRelative = "trailing_relative",
    /// Subordinators of contrast that, after a comma, end a reported clause ("…, while …").
    TrailingSubordinate = "trailing_subordinate",
    /// Connectives opening a sentence that join it to the one before ("But …", "And …"): no part
    /// of a content the sentence's start opens.
    OpeningConnective = "opening_connective",
    /// Relatives opening a clause inside a long speaker phrase ("people who have …"), or the
    /// subject of a passive cue, which then gives no claim ("who was accused of …").
    ModifierRelative = "modifier_relative",
    /// Relatives opening a clause inside a long speaker phrase only when the phrase holds a
    /// document noun ("a study that appeared in …").
    DocumentRelative = "document_relative",
    /// "it" standing for the clause after an evidential cue ("it appears that …").
    ExpletiveSubject = "expletive_subject",
    /// "about", "over" before a number: a quantity, not a preposition ("said about half …").
    Approximator = "approximator",
    /// Fractions after an approximator ("about half").
    Fraction = "fraction",
    /// Auxiliaries that, right after a phrase following a cue, open a clause ("said the
    /// candidate could …").
    FiniteAuxiliary = "finite_auxiliary",
    /// Particles that make a stance verb another verb ("backed down", "backed off").
    VerbParticle = "verb_particle",
    /// Words that, after a comma, end a reported clause ("…, but the senator declined", "…, compared
    /// with …").
    TrailingContrast = "trailing_contrast",
    /// Words after a trailing contrast that keep it in the clause ("…, but that …", "…, but not …").
    ContrastGoesOn = "contrast_goes_on",
    /// "not" shortly before a trailing contrast: "not X, but Y" stays whole.
    CorrelativeNegation = "correlative_negation",
    /// Days and time words of a date ("Tuesday", "last week", "Monday night").
    DateWord = "date_word",
    /// Words before a time word that belong to the date ("last", "this", "early").
    DateModifier = "date_modifier",
    /// Articles that, after a comma, open a noun phrase closing a reported clause: an appositive
    /// or a comment on what was said ("vowed to repeal the law, a provision that …").
    TrailingAppositive = "trailing_appositive",
    /// Relative pronouns right before a speaker and its cue, gapped in the reported clause after
    /// the cue ("which he said was a mistake").
    GappedRelative = "gapped_relative",
    /// Question words opening a reported question after a hearer ("asked Sanders how …").
    QuestionWord = "question_word",
    /// "about" after a passive "asked": part of the cue, before the question's topic.
    QuestionTopic = "question_topic",
    /// Words opening a reported question right after a cue without a hearer ("knows how …",
    /// "did not indicate whether …").
    EmbeddedQuestion = "embedded_question",
    /// "both", "all" after the phrase they quantify ("Trump and Sanders have both
    /// argued").
    FloatingQuantifier = "floating_quantifier",
    /// Determiners of a singular phrase: a cue in its dictionary form after one and a modifier is
    /// a noun ("an unprompted call", "his oft-stated promise").
    NounDeterminer = "noun_determiner",
    /// Cue lemmas whose past form is written the same ("the statement read").
    UnchangedPast = "unchanged_past",
    /// Nouns without an -s that take a plural verb ("women", "the pair").
    PluralSubject = "plural_subject",
    /// "that", "how" right before a pronoun speaker: its cue stands in a clause another verb
    /// governs ("shared with the crowd that he believes …").
    EmbeddedClause = "embedded_clause",
    /// Words the content-boundary model tells apart by themselves ([`super::boundaries`]).
    BoundaryWord = "boundary_word",
    /// Words a candidate content start may follow ("and", "said").
    ClauseAfter = "clause_after",
    /// Words a candidate content start may be at ("that", "because").
    ClauseOpener = "clause_opener",
    /// Words a candidate content end may come right before ("and", "he").
    ClauseBefore = "clause_before",
    /// Endings of a past form or participle ("-ed": "reported", "backed"), a `suffix` class.
    PastEnding = "past_ending",
    /// Endings of a gerund or present participle ("-ing": "saying", "featuring"), a `suffix` class.
    GerundEnding = "gerund_ending",
    /// A preposition right after the verb whose clause a quotation ends: it goes with the verb,
    /// not the content ("returned to “low-energy”", "referred to him as a “reformer”").
    CuePreposition = "cue_preposition",
    /// Verbs that only carry the infinitive of a cue after them, whose speaker stands before
    /// them ("continued to say", "went on to endorse", "has yet to endorse").
    Catenative = "catenative",
    /// Coordinators that, right after a cue, join another verb or noun to it ("yelled and held
    /// up a banner", "has never sought or served"): the cue then reports nothing.
    CueCoordinator = "cue_coordinator",
}

/// The classes a word belongs to, one bit per [`WordClass`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordClasses(u64);

impl WordClasses {
    /// Whether `class` is among them.
    pub fn has(self, class: WordClass) -> bool {
        self.0 & bit(class) != 0
    }
}

fn bit(class: WordClass) -> u64 {
    1 << class as u32
}

/// One class's words, for asking about one class: most classes hold a word or two, and comparing
/// with them is cheaper than a look-up.
#[derive(Debug, Clone, Default)]
struct List {
    words: Vec<&'static str>,
    exact: bool,
    /// A `suffix` class: its entries are endings, matched at the end of a word.
    suffix: bool,
    /// Bit n set when a word of n bytes is listed.
    lengths: u64,
}

/// The loaded classes.
#[derive(Debug, Clone)]
pub struct FunctionWords {
    /// Each class's list, by [`WordClass`] index.
    lists: Vec<List>,
    /// The classes of each listed word, with their match modes ignored.
    by_key: HashMap<Key, u64>,
    /// The classes that match only a word written in lowercase.
    exact: u64,
    /// The `suffix` classes: kept out of `by_key`, `shapes` and the codes, which hold whole words.
    suffixes: u64,
    /// For each length, the first and last letters (bits 0–25 for a–z) of the listed words of that
    /// length: most words of a text are passed over on this alone, without a key or a look-up.
    shapes: [(u32, u32); MAX_LEN + 1],
    /// The classes of each code ([`FunctionWords::codes`]): code `c` stands for `codes[c]`
    /// (code 0 for no class).
    codes: [u64; 1 << CODE_BITS],
    /// The highest code that stands for a set of classes; a word whose code is above it asks the
    /// lists ([`FunctionWords::is_coded`]).
    last_code: u8,
    /// For each class, bit `c` set for each code `c` a word of the class may have: a code that
    /// stands for a set holding it, a code above `last_code`, and for a `suffix` class every
    /// code. A token whose code's bit is clear is not in the class, which is what the rules hear
    /// for nearly every token they ask about ([`FunctionWords::token_in`]).
    class_codes: [u64; CLASSES],
    /// Each listed word's key and code, in the order the lists first name them.
    coded_words: Vec<(Key, u8)>,
}

/// Bits of a word's code ([`FunctionWords::codes`]): the word-class table stores it in the bits
/// [`crate::word_classes::Classes`] leaves free.
pub const CODE_BITS: u32 = 6;

/// The longest word a list may hold.
const MAX_LEN: usize = 16;

/// How many classes there are.
const CLASSES: usize = WordClass::ALL.len();

// A code is a bit of one `u64` in [`FunctionWords::class_codes`].
const _: () = assert!(CODE_BITS <= 6);

/// The bit of ASCII letter `b` (either case) among a–z, or 0 for any other byte.
fn letter_bit(b: u8) -> u32 {
    let l = b.to_ascii_lowercase();
    if l.is_ascii_lowercase() {
        1 << (l - b'a')
    } else {
        0
    }
}

/// The bundled classes. `cargo test` loads them, so a bad edit fails with its file and line; at run
/// time a malformed file would be a build defect, hence the panic message.
pub static FUNCTION_WORDS: Bundled<FunctionWords> = Bundled::new(|| FunctionWords::load(FILES));

/// Checks the bundled classes (for `lexicon::check_all`, which reads them once for the run): the
/// first fault as `lexicons/FILE:LINE`.
pub fn check() -> Result<(), LexiconError> {
    FUNCTION_WORDS.check()
}

/// Whether `word`, as written, is in `class` (of the bundled classes).
#[inline(always)]
pub fn is(word: &str, class: WordClass) -> bool {
    FUNCTION_WORDS.is(word, class)
}

/// Whether token `tok` of `text`, as written, is in `class` (of the bundled classes): told by the
/// code the token pass stored on it ([`FunctionWords::token_in`]).
#[inline(always)]
pub fn token_is(text: &str, tok: &Tok, class: WordClass) -> bool {
    FUNCTION_WORDS.token_in(text, tok, class)
}

impl FunctionWords {
    /// Reads `function_words/manifest.tsv` and the lists it names from `files` (name under
    /// `lexicons/`, contents). Every class of [`WordClass`] needs a row, and every other file of
    /// the folder a row naming it.
    pub fn load(files: &[(&'static str, &'static str)]) -> Result<FunctionWords, LexiconError> {
        let file = |name: &str| files.iter().find(|(n, _)| *n == name).copied();
        let (manifest, source) = file(MANIFEST).ok_or_else(|| LexiconError {
            file: MANIFEST,
            line: 0,
            message: "missing".into(),
        })?;
        let mut out = FunctionWords {
            lists: vec![List::default(); WordClass::ALL.len()],
            by_key: HashMap::default(),
            exact: 0,
            suffixes: 0,
            shapes: [(0, 0); MAX_LEN + 1],
            codes: [0; 1 << CODE_BITS],
            last_code: 0,
            class_codes: [0; CLASSES],
            coded_words: Vec::new(),
        };
        let mut declared = 0u64;
        let mut listed: Vec<&str> = vec![MANIFEST];
        for row in tsv_rows(manifest, source, 4) {
            let (line, f) = row?;
            let err = LexiconError::at(manifest, line);
            let Some(&class) = WordClass::ALL.iter().find(|c| c.name() == f[0]) else {
                let known: Vec<&str> = WordClass::ALL.iter().map(|c| c.name()).collect();
                return Err(err(format!(
                    "unknown class {:?} (the rules know: {})",
                    f[0],
                    known.join(", ")
                )));
            };
            if declared & bit(class) != 0 {
                return Err(err(format!("class {:?} has a row already", f[0])));
            }
            declared |= bit(class);
            match f[2] {
                "exact" => {
                    out.exact |= bit(class);
                    out.lists[class as usize].exact = true;
                }
                "any-case" => {}
                "suffix" => {
                    out.suffixes |= bit(class);
                    out.lists[class as usize].suffix = true;
                }
                m => {
                    return Err(err(format!(
                        "unknown match {m:?} (expected exact, any-case or suffix)"
                    )))
                }
            }
            let path = format!("function_words/{}", f[1]);
            let Some((list, words)) = file(&path) else {
                return Err(err(format!(
                    "no file {:?} in lexicons/function_words/",
                    f[1]
                )));
            };
            listed.push(list);
            out.add_list(list, words, class)?;
        }
        if let Some(missing) = WordClass::ALL.iter().find(|&&c| declared & bit(c) == 0) {
            return Err(LexiconError {
                file: manifest,
                line: 0,
                message: format!("class {:?} has no row; the rules use it", missing.name()),
            });
        }
        if let Some((stray, _)) = files.iter().find(|(n, _)| !listed.contains(n)) {
            return Err(LexiconError {
                file: stray,
                line: 1,
                message: "no row of function_words/manifest.tsv names this file".into(),
            });
        }
        out.number_sets();
        Ok(out)
    }

    /// Gives each distinct set of classes that a listed word has a code from 1 (the sets held by
    /// more words first), so that a token can carry its word's classes in [`CODE_BITS`] bits. With
    /// more sets than codes, the last code stands for all the sets left over, whose words ask the
    /// lists.
    fn number_sets(&mut self) {
        let mut words: Vec<(Key, u64)> = Vec::new();
        for list in self.lists.iter().filter(|l| !l.suffix) {
            for w in &list.words {
                if let Some(key) = Key::of(w).filter(|k| !words.iter().any(|(o, _)| o == k)) {
                    words.push((key, self.by_key[&key]));
                }
            }
        }
        let mut sets: Vec<(usize, u64)> = Vec::new();
        for &(_, bits) in &words {
            match sets.iter_mut().find(|(_, b)| *b == bits) {
                Some((n, _)) => *n += 1,
                None => sets.push((1, bits)),
            }
        }
        // More words first; ties in the order met (a stable sort).
        sets.sort_by_key(|s| std::cmp::Reverse(s.0));
        let max = (1usize << CODE_BITS) - 1;
        let coded = if sets.len() <= max {
            sets.len()
        } else {
            max - 1
        };
        for (i, &(_, bits)) in sets.iter().take(coded).enumerate() {
            self.codes[i + 1] = bits;
        }
        self.last_code = coded as u8;
        for &class in WordClass::ALL {
            let b = bit(class);
            self.class_codes[class as usize] = if self.suffixes & b != 0 {
                u64::MAX
            } else {
                (1..1usize << CODE_BITS)
                    .filter(|&c| c > coded || self.codes[c] & b != 0)
                    .fold(0, |m, c| m | 1 << c)
            };
        }
        self.coded_words = words
            .into_iter()
            .map(|(key, bits)| {
                let code = sets[..coded]
                    .iter()
                    .position(|&(_, b)| b == bits)
                    .map_or(max, |i| i + 1);
                (key, code as u8)
            })
            .collect();
    }

    /// Each listed word's key and its code: a number of [`CODE_BITS`] bits that
    /// [`FunctionWords::is_coded`] answers from as [`FunctionWords::is`] does from the word (0 is
    /// no word's code).
    pub fn codes(&self) -> &[(Key, u8)] {
        &self.coded_words
    }

    /// Whether token `tok` of `text`, as written, is in `class`: [`FunctionWords::is_coded`] with
    /// the code of its classes that the token pass stored on it
    /// ([`Classes::function_code`](crate::word_classes::Classes::function_code)). The word itself
    /// is sliced from the text only for the few classes that read it (a suffix class, an `exact`
    /// class, a code shared by the sets left over): the rules ask this of nearly every token they
    /// pass.
    #[inline(always)]
    pub fn token_in(&self, text: &str, tok: &Tok, class: WordClass) -> bool {
        self.coded_in(
            tok.classes.function_code(),
            || &text.as_bytes()[tok.start..tok.end],
            class,
        )
    }

    /// [`FunctionWords::is_bytes`] for a word whose code ([`FunctionWords::codes`]; 0 when its key
    /// is no listed word's) is `code`: its classes read from the code, with only an `exact`
    /// class's test of case left to the word.
    #[inline(always)]
    pub fn is_coded(&self, code: u8, word: &[u8], class: WordClass) -> bool {
        self.coded_in(code, || word, class)
    }

    /// [`FunctionWords::is_coded`], with the word read by `word` only when it is needed.
    #[inline(always)]
    fn coded_in<'w>(&self, code: u8, word: impl FnOnce() -> &'w [u8], class: WordClass) -> bool {
        // (A code has CODE_BITS bits.)
        if self.class_codes[class as usize] >> (code & ((1 << CODE_BITS) - 1)) & 1 == 0 {
            return false;
        }
        if self.suffixes & bit(class) != 0 {
            return self.is_bytes(word(), class);
        }
        if code == 0 {
            return false;
        }
        if code > self.last_code {
            return self.is_bytes(word(), class);
        }
        let b = bit(class);
        self.codes[usize::from(code) & ((1 << CODE_BITS) - 1)] & b != 0
            && (self.exact & b == 0 || !word().iter().any(u8::is_ascii_uppercase))
    }

    /// Adds the words of list `file` (contents `source`) to `class`.
    fn add_list(
        &mut self,
        file: &'static str,
        source: &'static str,
        class: WordClass,
    ) -> Result<(), LexiconError> {
        let mut seen: Vec<&str> = Vec::new();
        for (i, line) in source.lines().enumerate() {
            let word = line.trim();
            if word.is_empty() || word.starts_with('#') {
                continue;
            }
            let err = LexiconError::at(file, i + 1);
            if !word.bytes().all(|b| b.is_ascii_lowercase()) {
                return Err(err(format!(
                    "{word:?}: a word is lowercase letters a-z only"
                )));
            }
            if seen.contains(&word) {
                return Err(err(format!("{word:?} is listed twice")));
            }
            seen.push(word);
            let key = Key::of(word)
                .filter(|_| word.len() <= MAX_LEN)
                .ok_or_else(|| err(format!("{word:?} is longer than {MAX_LEN} letters")))?;
            let list = &mut self.lists[class as usize];
            list.words.push(word);
            if list.suffix {
                continue;
            }
            list.lengths |= 1 << word.len();
            *self.by_key.entry(key).or_default() |= bit(class);
            let b = word.as_bytes();
            let shape = &mut self.shapes[b.len()];
            shape.0 |= letter_bit(b[0]);
            shape.1 |= letter_bit(b[b.len() - 1]);
        }
        Ok(())
    }

    /// Whether `word`, as written, is in `class`: equal to a listed word, or equal but for ASCII
    /// case when the class matches in any case; for a `suffix` class, ending in a listed ending
    /// as written (in lowercase).
    #[inline(always)]
    pub fn is(&self, word: &str, class: WordClass) -> bool {
        self.is_bytes(word.as_bytes(), class)
    }

    /// [`FunctionWords::is`] for the word's bytes.
    #[inline(always)]
    pub fn is_bytes(&self, word: &[u8], class: WordClass) -> bool {
        let list = &self.lists[class as usize];
        if list.suffix {
            return list.words.iter().any(|w| word.ends_with(w.as_bytes()));
        }
        if word.len() > MAX_LEN || list.lengths & 1 << word.len() == 0 {
            return false;
        }
        if list.exact {
            list.words.iter().any(|w| w.as_bytes() == word)
        } else {
            list.words
                .iter()
                .any(|w| w.as_bytes().eq_ignore_ascii_case(word))
        }
    }

    /// The words of `class`, in list order.
    pub fn words(&self, class: WordClass) -> &[&'static str] {
        &self.lists[class as usize].words
    }

    /// The classes `word` belongs to as written: the `exact` classes only when it has no capital.
    /// (The same answers as [`FunctionWords::is`], all at once, for a word met many times.)
    pub fn classes(&self, word: &str) -> WordClasses {
        let mut endings = 0;
        for &c in WordClass::ALL {
            if self.suffixes & bit(c) != 0 && self.is(word, c) {
                endings |= bit(c);
            }
        }
        WordClasses(self.word_classes(word).0 | endings)
    }

    /// [`FunctionWords::classes`] among the classes of whole words: all but the `suffix` ones, which
    /// no key or shape holds.
    fn word_classes(&self, word: &str) -> WordClasses {
        let b = word.as_bytes();
        let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
            return WordClasses::default();
        };
        let Some(&(firsts, lasts)) = self.shapes.get(b.len()) else {
            return WordClasses::default();
        };
        if firsts & letter_bit(first) == 0 || lasts & letter_bit(last) == 0 {
            return WordClasses::default();
        }
        let Some(&bits) = Key::of(word).and_then(|k| self.by_key.get(&k)) else {
            return WordClasses::default();
        };
        let lowercase = !b.iter().any(u8::is_ascii_uppercase);
        WordClasses(if lowercase { bits } else { bits & !self.exact })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_words_code_answers_as_the_lists() {
        // Each listed word as written, capitalised, in capitals, with a capital inside, and near
        // misses: the code the word-class table gives it must answer every class as the lists do.
        let w = &*FUNCTION_WORDS;
        let mut words: Vec<String> = vec!["".into(), "said".into(), "Parsi".into(), "’".into()];
        for list in &w.lists {
            for &word in &list.words {
                let mut inner = word.to_string();
                inner.replace_range(word.len() - 1.., &word[word.len() - 1..].to_uppercase());
                let mut capital = word.to_string();
                capital[..1].make_ascii_uppercase();
                words.extend([
                    word.to_string(),
                    capital,
                    word.to_uppercase(),
                    inner,
                    format!("{word}s"),
                    format!("{word}."),
                    format!("{word}’"),
                    word[1..].to_string(),
                ]);
            }
        }
        let mut coded = 0;
        for word in &words {
            let code = crate::word_classes::of(word).function_code();
            coded += usize::from(code != 0);
            for &c in WordClass::ALL {
                assert_eq!(
                    w.is_coded(code, word.as_bytes(), c),
                    w.is(word, c),
                    "{word:?} {c:?}"
                );
            }
        }
        // Every listed word has a code, in any case.
        assert!(coded >= 4 * w.codes().len());
    }

    #[test]
    fn bundled_classes_load_and_match_by_mode() {
        let w = FunctionWords::load(FILES).unwrap_or_else(|e| panic!("{e}"));
        let has = |word: &str, c| w.classes(word).has(c);
        assert!(has("that", WordClass::Complementizer));
        assert!(!has("That", WordClass::Complementizer));
        assert!(has("Was", WordClass::BeForm) && has("WAS", WordClass::BeForm));
        assert!(has("and", WordClass::PhraseCoordinator) && has("and", WordClass::TitleMinor));
        assert!(!has("said", WordClass::Complementizer));
        assert!(!has("", WordClass::Article) && !has("th’at", WordClass::Complementizer));
        assert!(WordClass::ALL.len() <= 64);
        for word in [
            "that",
            "That",
            "THE",
            "the",
            "of",
            "Of",
            "whom",
            "who’",
            "nevertheless",
        ] {
            for &c in WordClass::ALL {
                assert_eq!(w.is(word, c), w.classes(word).has(c), "{word} {c:?}");
            }
        }
    }

    fn load(files: &[(&'static str, &'static str)]) -> Result<FunctionWords, LexiconError> {
        FunctionWords::load(files)
    }

    #[test]
    fn errors_name_file_and_line() {
        let all: String = WordClass::ALL
            .iter()
            .map(|c| format!("{0}\tx.txt\texact\tuse\n", c.name()))
            .collect();
        let all: &'static str = Box::leak(all.into_boxed_str());
        assert!(load(&[(MANIFEST, all), ("function_words/x.txt", "a\n")]).is_ok());
        let e = load(&[(MANIFEST, all), ("function_words/x.txt", "# c\nA\n")]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "lexicons/function_words/x.txt:2: \"A\": a word is lowercase letters a-z only"
        );
        let e = load(&[(MANIFEST, all), ("function_words/x.txt", "a\na\n")]).unwrap_err();
        assert_eq!((e.line, e.message.contains("twice")), (2, true));
        let e = load(&[(MANIFEST, "nouns\tx.txt\texact\tuse\n")]).unwrap_err();
        assert!(e.message.starts_with("unknown class \"nouns\""), "{e}");
        let e = load(&[(MANIFEST, "be_form\tx.txt\tsome\tuse\n")]).unwrap_err();
        assert!(e.message.contains("unknown match"), "{e}");
        let e = load(&[(MANIFEST, "be_form\ty.txt\texact\tuse\n")]).unwrap_err();
        assert!(e.message.contains("no file \"y.txt\""), "{e}");
        let e = load(&[
            (MANIFEST, "be_form\tx.txt\texact\tuse\n"),
            ("function_words/x.txt", ""),
        ])
        .unwrap_err();
        assert!(e.message.contains("has no row"), "{e}");
        let e = load(&[
            (MANIFEST, all),
            ("function_words/x.txt", "a\n"),
            ("function_words/z.txt", "b\n"),
        ])
        .unwrap_err();
        assert_eq!(e.file, "function_words/z.txt");
    }
}
