//! Discovering people and organisations that no gazetteer holds.
//!
//! Runs after the gazetteer pass, on runs of capitalised words ("Behnam Ben Taleblu", "Ministry of
//! Defence"), and names an entity only when a rule gives positive evidence. Each rule has a name that
//! is recorded in the mention's `how` and the entity's `source` (`rule:<name>`):
//!
//! | rule | evidence |
//! |---|---|
//! | `org_head` | the run ends with an organisation head word (`lexicons/org_heads.txt`: Institute, Party, Corp …) |
//! | `club` | the run starts with a club word (`lexicons/club_prefixes.txt`: Real, Dynamo …) |
//! | `org_pattern` | the run starts with a pattern word followed by of/for/on (`lexicons/org_patterns.txt`: Ministry of …) |
//! | `title` | a title or role comes right before the run (`lexicons/titles.txt`: Mr, President, spokesperson …) |
//! | `apposition` | the run is followed by ", a senior fellow at …", ", co-founder of …", ", 45," or ", who …" |
//! | `nationality` | a place in parentheses follows ("Jansher Khan (Pakistan)") |
//! | `initials` | the run starts with an initial ("J. Russell") |
//! | `speaker` | a speech verb right after or before it ("Frater said", "said Washington"; `lexicons/cues.tsv`) |
//! | `family_name` | the run starts with a family name written first (`lexicons/family_first.txt`: "Wang Dan") |
//! | `first_name` | the run starts with a known given name (`lexicons/first_names.txt`) |
//! | `club` | a city's name with a fixture "v" (`lexicons/fixture_words.txt`), a score ("27-27") or a club word after it ("Newcastle manager", "Leicester have"; `lexicons/club_context.txt`) |
//! | `team` | a name in a results line, between scores ("Somerset 83 and 174", "Puchon 3 1 0 6") |
//!
//! An organisation run may swallow place mentions inside it ("University of Texas", "Israeli Defense
//! Forces"): the organisation wins. A run that contains a person or organisation mention is left alone.
//!
//! **Words.** Discovery reads each sentence from the token table ([`crate::tokens`]), not from a
//! tokenizer of its own. Its words are *name words*, narrower than the table's words in two ways:
//! a word token splits at an apostrophe not followed by a capital ("Iran’s" is "Iran", "s";
//! "O'Brien" stays whole), at an ampersand ("AT&T") and at `_`, and keeps a final period only on
//! initials and abbreviations, as the token does; and a word is cut where a gazetteer mention
//! starts or ends inside it ("Iran" of "U.S.-Iran"), so a rule never takes half a mention. A plain
//! token ([`Shape::PLAIN`]: ASCII letters and digits joined by inner hyphens and periods) is its
//! own name word, so a sentence with no other word token ([`Shape::OTHER_WORD`]) and no mention
//! inside a token is read as its tokens themselves; the others get a derived view, the tokens with
//! those that differ replaced by their name words (`name_words`). On the 2,095 BBC articles,
//! 10,055 of the 684,141 word tokens of the sentences discovery reads differ (9,964 at an
//! apostrophe, 91 at an ampersand) and 369 sentences have a token a mention cuts: about one
//! sentence in four (8,797 of 34,585) needs the derived view.

use crate::claims::cues::{Frame, CUES};
use crate::corpus::Document;
use crate::entity::{push_entity_id, DocEntities, Entity, EntityType, RuleSources};
use crate::gazetteer::Gazetteer;
use crate::lexicon::{FirstByteLengths, WordList, WordShapes};
use crate::lexicon::{
    CLUB_CONTEXT, CLUB_PREFIXES, CLUB_VERBS, EVENT_HEADS, FAMILY_FIRST, FIRST_NAMES, FIXTURE_WORDS,
    NAME_CONNECTORS, NOT_NAMES, ORG_HEADS, ORG_PATTERNS, PERSON_NAME_BREAKS, PERSON_NAME_STOPS,
    POST_NOMINALS, SCORE_LINE_BEFORE, SURNAMES, TITLES, WORK_CUES,
};
use crate::mentions::{How, Mention};
use crate::plural::plural_name;
use crate::sentences::Sentence;
use crate::text::{char_within, last_word, title_case, ASCII_ALPHANUMERIC};
use crate::tokens::{Classes, Punct, SentenceBits, Shape, Tok, TokenId, Tokens};
use hashbrown::HashTable;
use once_cell::sync::Lazy;
use regex::Regex;
use rustc_hash::{FxBuildHasher, FxHashSet};
use std::borrow::Cow;
use std::hash::BuildHasher;
use std::ops::Range;

/// What follows a person's name in an apposition: a comma, then a determiner, at most four
/// lowercase words and a preposition ("Kell, the head of"), an age ("Kell, 54,") or a personal
/// relative pronoun ("Kell, who"). The words are data: `lexicons/apposition_determiners.txt`,
/// `apposition_prepositions.txt` and `person_relatives.txt`.
static APPOSITION: Lazy<Regex> = Lazy::new(|| {
    let alternatives = |file: &'static str| {
        let mut words: Vec<String> = crate::lexicon::word_list(file)
            .iter()
            .map(regex::escape)
            .collect();
        // The list is a set: sort for one regex whatever the hash order.
        words.sort();
        words.join("|")
    };
    Regex::new(&format!(
        r"^ ?, (?:(?:{}) (?:[\p{{Ll}}-]+ ){{0,4}}?(?:{}) |\d{{1,3}} ?,|(?:{}) )",
        alternatives("apposition_determiners.txt"),
        alternatives("apposition_prepositions.txt"),
        alternatives("person_relatives.txt"),
    ))
    .expect("the apposition pattern is valid for any checked word list")
});

/// The bytes that may follow the comma and space of an apposition ([`APPOSITION`]): an ASCII digit
/// (an age) or the first byte of a determiner or a relative pronoun of its word lists. Most text
/// after a name and a comma (", said", ", and") is told by that byte without the regex.
static APPOSITION_FIRST: Lazy<WordShapes> = Lazy::new(|| {
    crate::lexicon::word_lists(&["apposition_determiners.txt", "person_relatives.txt"])
        .shapes()
        .or_starting(b'0'..=b'9')
});

/// Whether the apposition pattern may match `after`, which opens with ", " (maybe after one space):
/// the byte after the comma and space is one an apposition opens with.
fn may_be_apposition(after: &str) -> bool {
    let rest = after.strip_prefix(' ').unwrap_or(after);
    rest.as_bytes()
        .get(2)
        .is_some_and(|&b| APPOSITION_FIRST.may_start(b))
}

/// The last bytes and the lengths of the nouns naming a kind of work (`lexicons/work_cues.txt`):
/// most words before a name end in another byte or are of another length, and are told from every
/// cue without looking them up.
struct CueShapes {
    words: WordShapes,
    /// The last two bytes of the cues, one bit for each pair (first byte high), when every cue has
    /// two bytes at least; None otherwise.
    last_two: Option<Box<[u64; 1024]>>,
}

impl CueShapes {
    /// Whether a word ending in the bytes `a` and `b` may be a cue (of two bytes or more): they
    /// end one, or the cues' last two bytes are not known.
    #[inline]
    fn may_end(&self, a: u8, b: u8) -> bool {
        let pair = usize::from(a) << 8 | usize::from(b);
        self.last_two
            .as_ref()
            .is_none_or(|bits| crate::swar::bit(&bits[..], pair))
    }

    /// Whether `word` may be a cue: its last byte and length are a cue's.
    fn may_be(&self, word: &str) -> bool {
        word.as_bytes()
            .last()
            .is_some_and(|&b| self.words.may_end(b))
            && self.words.may_have_len(word.len())
    }
}

static WORK_CUE_SHAPES: Lazy<CueShapes> = Lazy::new(|| {
    let mut shapes = CueShapes {
        words: WORK_CUES.shapes(),
        last_two: Some(Box::new([0; 1024])),
    };
    for cue in WORK_CUES.iter() {
        match (cue.as_bytes(), &mut shapes.last_two) {
            ([.., a, b], Some(bits)) => {
                let pair = usize::from(*a) << 8 | usize::from(*b);
                crate::swar::set_bit(&mut bits[..], pair);
            }
            _ => shapes.last_two = None,
        }
    }
    shapes
});

/// Builds discovery's patterns now (see [`crate::pipeline::prepare`]).
pub fn prepare() {
    Lazy::force(&APPOSITION);
    Lazy::force(&APPOSITION_FIRST);
    Lazy::force(&WORK_CUE_SHAPES);
    Lazy::force(&FIXTURES);
    Lazy::force(&SPEECH_WORD_SHAPES);
}

/// The fixture words (`lexicons/fixture_words.txt`: "v", "vs") as a short list compared word by
/// word, which costs less than a hash probe for the few entries there are: [`city_club`] asks it of
/// every short neighbour of a one-word run ("of", "in").
struct Fixtures {
    /// The words, in no particular order.
    words: Vec<&'static str>,
    /// Their shapes: a word longer than the longest is no fixture word, told without reading it,
    /// and a word opening with another byte than theirs ("of", "in") is none either.
    shapes: WordShapes,
}

impl Fixtures {
    /// Whether `word` is a fixture word.
    fn has(&self, word: &str) -> bool {
        word.len() <= self.shapes.longest() && self.words.contains(&word)
    }

    /// Whether the word `text[t.start..t.end]` may be a fixture word, by its length and first
    /// byte.
    #[inline]
    fn may_be(&self, text: &str, t: &Tok) -> bool {
        t.end - t.start <= self.shapes.longest() && self.shapes.may_start(text.as_bytes()[t.start])
    }
}

/// [`Fixtures`] from the lexicon.
static FIXTURES: Lazy<Fixtures> = Lazy::new(|| Fixtures {
    words: FIXTURE_WORDS.iter().collect(),
    shapes: FIXTURE_WORDS.shapes(),
});

/// The rules of this stage (the table in the module documentation), each with its name, which is
/// recorded in the mention's `how` and the entity's `source` (`rule:<name>`). Every rule name of
/// discovery is written here once; [`crate::sports`] finds the teams and clubs the last two name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// The run ends with an organisation head word.
    OrgHead,
    /// A club's name: a run that opens with a club word, or a town's name with a fixture, a score
    /// or a club word next to it ([`crate::sports`]).
    Club,
    /// The run starts with a pattern word followed by of/for/on.
    OrgPattern,
    /// A title or role comes right before the run.
    Title,
    /// The run is followed by an apposition.
    Apposition,
    /// A place in parentheses follows the run.
    Nationality,
    /// The run starts with an initial.
    Initials,
    /// A speech verb comes right after or before the run.
    Speaker,
    /// The run starts with a family name written first.
    FamilyName,
    /// The run starts with a known given name.
    FirstName,
    /// A name in a results line, between scores ([`crate::sports`]).
    Team,
}

impl Rule {
    /// Every rule, in the order of the module documentation's table.
    pub const ALL: [Rule; 11] = [
        Rule::OrgHead,
        Rule::Club,
        Rule::OrgPattern,
        Rule::Title,
        Rule::Apposition,
        Rule::Nationality,
        Rule::Initials,
        Rule::Speaker,
        Rule::FamilyName,
        Rule::FirstName,
        Rule::Team,
    ];

    /// The rule's name (`org_head`, `first_name` …), as the `how` column and `rule:<name>` write it.
    pub const fn name(self) -> &'static str {
        match self {
            Rule::OrgHead => "org_head",
            Rule::Club => "club",
            Rule::OrgPattern => "org_pattern",
            Rule::Title => "title",
            Rule::Apposition => "apposition",
            Rule::Nationality => "nationality",
            Rule::Initials => "initials",
            Rule::Speaker => "speaker",
            Rule::FamilyName => "family_name",
            Rule::FirstName => "first_name",
            Rule::Team => "team",
        }
    }
}

/// What a run that names no entity but hides the mentions inside it has for a rule name: no
/// [`Rule`], never recorded.
const NOT_AN_ENTITY: &str = "not_an_entity";

/// A word of a capitalised run, with the mention that covers it: what the rules read of a run.
/// (A sentence's other words are read as the [`Tok`]s of its view, [`name_words`].)
#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
    /// Index of the mention covering the token, if any.
    covered: Option<usize>,
    /// Whether the word starts with a capital, which the run rules ask of every word.
    capitalised: bool,
    /// The word's lexicon classes, which say which word lists may hold it.
    classes: Classes,
}

impl Token {
    /// The run word of the view's word `t`, which a mention `covered` covers or none.
    #[inline]
    fn of(t: &Tok, covered: Option<usize>) -> Token {
        Token {
            start: t.start,
            end: t.end,
            covered,
            capitalised: t.capitalised(),
            classes: t.classes,
        }
    }
}

impl Token {
    /// Whether the word may be an entry of the list whose class is `class`, one of
    /// [`crate::word_classes::ENTITY_LISTS`]: [`Classes::may_list`], told without the word's text.
    #[inline]
    fn may_be(&self, class: Classes) -> bool {
        self.classes.may_list(class)
    }

    /// Whether the word is an entry of `list`, the list of the class `class` ([`listed`]).
    #[inline]
    fn listed(&self, text: &str, class: Classes, list: &Lazy<WordList>) -> bool {
        listed(text, self.start..self.end, self.classes, class, list)
    }
}

/// Whether the word `text[span]`, of the lexicon classes `classes`, is an entry of `list`, the
/// list of the class `class`: the list is asked (and reached through its `Lazy`, a load and a
/// test) only when the word's classes allow it ([`Classes::may_list`]). A token that is no word
/// has no class, so no list holds it.
#[inline]
fn listed(
    text: &str,
    span: Range<usize>,
    classes: Classes,
    class: Classes,
    list: &Lazy<WordList>,
) -> bool {
    classes.may_list(class) && list.contains(&text[span])
}

/// Finds entities no gazetteer holds. Returns the discovered entities (indexed after the gazetteer's,
/// see [`DocEntities`]) and all mentions, sorted and non-overlapping.
pub fn discover(
    doc: &Document,
    sentences: &[Sentence],
    table: &Tokens,
    gaz: &Gazetteer,
    mentions: Vec<Mention>,
) -> (Vec<Entity>, Vec<Mention>) {
    let text = doc.text.as_str();
    // The tables of the thread's last document, emptied: one buffer for the sentences whose words
    // are derived from their tokens, one for the words of a run, one for what each run names
    // (growing fresh vectors per sentence, run or document cost more than filling them).
    let DiscoverRoom {
        view: mut pieces,
        mut words,
        mut cands,
        mut deferred,
        mut removed,
        by_id,
        by_name,
        sources,
        added,
    } = crate::scratch::discover_room();
    let mut out = Named {
        by_id,
        by_name,
        sources,
        added,
        ..Named::default()
    };
    removed.resize(mentions.len(), false);
    let mut surnames = PersonLastWords::default();
    // The first mention that ends after the sentence starts: the sentences and the mentions are
    // both in order, so one cursor walks them along.
    let mut first = 0;
    // The document's capitals ([`Tokens::capitals`]) from the first of the sentence's on: the
    // sentences and the capitals are both in order, so one cursor walks them along too.
    let mut capitals = &table.capitals[..];
    for ((s, range), bits) in sentences
        .iter()
        .zip(&table.sentences)
        .zip(&table.sentence_bits)
    {
        let toks = &table.toks[range.clone()];
        while mentions.get(first).is_some_and(|m| m.end <= s.start) {
            first += 1;
        }
        // A sentence has a few capitals, and those before it are page furniture's, if any: a
        // walk finds them sooner than a search.
        let mut skip = 0;
        while capitals.get(skip).is_some_and(|k| k.index() < range.start) {
            skip += 1;
        }
        let mut end = skip;
        while capitals.get(end).is_some_and(|k| k.index() < range.end) {
            end += 1;
        }
        let own = Capitals {
            of: &capitals[skip..end],
            base: range.start,
        };
        capitals = &capitals[end..];
        if quiet(text, s, toks, own, &mentions[first..]) {
            continue;
        }
        let (view, pieces_read) =
            name_words(text, s, toks, own, bits, &mentions, first, &mut pieces);
        crate::work::add(view.len());
        // Whether the sentence is in capitals, asked only when a run names something.
        let mut shouts = None;
        // A score line's name is followed by a number: in a sentence whose own view holds no
        // token opening with a digit (told by its bits), no run is one. (A derived view's words
        // read again may open with one where no token does: "abc_12".)
        let may_score = pieces_read.is_some() || bits.may_have_shape(Shape::DIGIT);
        // The mention covering a run's word: the runs are in order, so one cursor walks along.
        let mut cover = first;
        // Where the runs start: the sentence's capitals when its view is its tokens, else the
        // view's capitalised words.
        let mut starts = RunStarts {
            capitals: (view.as_ptr() == toks.as_ptr()).then_some(own),
            next: 0,
        };
        let mut i = 0;
        while let Some(at) = starts.next(view, i) {
            i = at;
            let j = run_end(text, view, i);
            // The run's words are consecutive tokens: a token between two words would stand
            // between them instead of one space. Most runs are one word.
            let one;
            let run = if j == i + 1 {
                one = Token::of(&view[i], covering(&mentions, &mut cover, &view[i]));
                std::slice::from_ref(&one)
            } else {
                words.clear();
                words.extend(
                    view[i..j]
                        .iter()
                        .map(|t| Token::of(t, covering(&mentions, &mut cover, t))),
                );
                &words[..]
            };
            let prev = prev_word(view, i);
            // Only the sentence's first word opens it.
            let initial = prev.is_none();
            let lead = usize::from(initial && run[0].listed(text, Classes::NOT_NAME, &NOT_NAMES));
            // A sentence starter ("The", "But") is no part of a name, and alone names nothing.
            if i + lead >= j {
                i = j;
                continue;
            }
            // The words either side of the run without its sentence starter.
            let around = Around {
                before: if lead == 1 { Some(i) } else { prev },
                after: next_word(view, j),
            };
            // The tests check the sentence's gate wherever it is taken.
            #[cfg(test)]
            assert!(may_score || !in_score_line(text, view, &run[lead..], around));
            let team = if may_score && in_score_line(text, view, &run[lead..], around) {
                Some(Rule::Team.name())
            } else if city_club(text, view, &run[lead..], around, &mentions, gaz, |w| {
                surnames.update(text, &mentions, &out, gaz).contains(w)
            }) {
                Some(Rule::Club.name())
            } else {
                None
            };
            if let Some(rule) = team {
                let run = &run[lead..];
                let (start, end) = (run[0].start, run[run.len() - 1].end);
                let swallow: Vec<usize> = run.iter().filter_map(|t| t.covered).collect();
                let only_places = swallow.iter().all(|&k| {
                    (mentions[k].entity as usize) < gaz.entities.len()
                        && gaz.entities[mentions[k].entity as usize].kind == EntityType::Place
                        && mentions[k].start >= start
                        && mentions[k].end <= end
                });
                if only_places {
                    for &k in &swallow {
                        removed[k] = true;
                    }
                    out.name(text, start, end, EntityType::Organization, rule, gaz);
                    i = j;
                    continue;
                }
            }
            let after_role = prev.is_some_and(|p| is_role_before(text, &view[p], run[0].start));
            // The run without its sentence starter, which opens the sentence only when there is
            // none.
            let (run, initial) = (&run[lead..], initial && lead == 0);
            // Most runs are one word, and most of those name nothing: they are told so without
            // `classify`.
            if let [t] = run {
                if lone_word_names_nothing(text, t, after_role) {
                    // The tests check the shortcut against `classify` wherever it is taken.
                    #[cfg(test)]
                    tests::lone_word_told(text, t, &mentions, gaz, after_role, initial);
                    i = j;
                    continue;
                }
            }
            cands.clear();
            classify(text, run, &mentions, gaz, after_role, initial, &mut cands);
            // A sentence in capitals names nothing by its capitals. Most runs name nothing
            // anyway (a place the gazetteer found, a sentence's first word), so the vote is
            // taken only for a run that would.
            if cands.is_empty()
                || *shouts.get_or_insert_with(|| {
                    capital_voters(text, toks, own, bits, pieces_read).is_some_and(|most| {
                        let shouts = shouting(text, view, most);
                        // The tests check the bound against the whole vote wherever it is taken.
                        #[cfg(test)]
                        assert_eq!(shouts, shouting(text, view, usize::MAX), "{:?}", s.range());
                        shouts
                    })
                })
            {
                i = j;
                continue;
            }
            for cand in cands.drain(..) {
                match cand {
                    Candidate::Deferred(a, b, rule) => deferred.push((a, b, rule)),
                    Candidate::Found(start, end, kind, rule, swallow) => {
                        for k in swallow {
                            removed[k] = true;
                        }
                        if rule != NOT_AN_ENTITY {
                            out.name(text, start, end, kind, rule, gaz);
                        }
                    }
                }
            }
            i = j;
        }
    }
    // "Mr Abbas", "Parsi said" name a new person only when no full name in the document ends with
    // that word; otherwise resolution links it to that person. (The names are gathered only for
    // a document with such a word.)
    if !deferred.is_empty() {
        let surnames = surnames.update(text, &mentions, &out, gaz);
        for &(start, end, rule) in &deferred {
            if !surnames.contains(&text[start..end]) {
                out.name(text, start, end, EntityType::Person, rule, gaz);
            }
        }
    }
    // The gazetteer's mentions no name swallowed, with the names found merged in: both are
    // sorted by start once the names (found in order but for the deferred ones) are.
    let mut all = mentions;
    let mut k = 0;
    all.retain(|_| {
        k += 1;
        !removed[k - 1]
    });
    out.added.sort_by_key(|m| m.start);
    crate::mentions::merge_sorted(&mut all, &out.added);
    out.added.clear();
    crate::sports::retype_teams(text, sentences, gaz, &mut out, &mut all);
    crate::sports::drop_competitions(text, gaz, &mut all);
    crate::org_evidence::promote(text, table, gaz, &mut out, &mut all);
    crate::name_lists::find(text, sentences, table, gaz, &mut out, &mut all);
    crate::scorecards::find(text, table, gaz, &mut out, &mut all);
    crate::scratch::keep_discover_room(DiscoverRoom {
        view: pieces,
        words,
        cands,
        deferred,
        removed,
        by_id: out.by_id,
        by_name: out.by_name,
        sources: out.sources,
        added: out.added,
    });
    (out.found, all)
}

/// Discovery's tables for one document, which the thread keeps from one document to the next
/// ([`crate::scratch::discover_room`]) instead of allocating and growing them again. None holds
/// anything of a document once kept ([`Kept::clear`](crate::scratch::Kept::clear)).
#[derive(Default)]
pub struct DiscoverRoom {
    /// The derived views of sentences (`name_words`).
    view: ViewRoom,
    /// The words of a run.
    words: Vec<Token>,
    /// What a run names.
    cands: Vec<Candidate>,
    /// The single words decided once the whole document is seen (`Candidate::Deferred`).
    deferred: Vec<(usize, usize, &'static str)>,
    /// Which of the gazetteer's mentions a discovered name swallows.
    removed: Vec<bool>,
    /// The discovered entities' positions by their ids (`Named::by_id`).
    by_id: HashTable<u32>,
    /// The discovered entities' positions by their names (`Named::by_name`).
    by_name: HashTable<u32>,
    /// The discovered entities' sources (`Named::sources`): kept, as they hold nothing of a
    /// document.
    sources: RuleSources,
    /// The mentions discovered (`Named::added`).
    added: Vec<Mention>,
}

impl crate::scratch::Kept for DiscoverRoom {
    /// Empties the tables, keeping their room.
    fn clear(&mut self) {
        self.view.words.clear();
        self.view.again.clear();
        self.words.clear();
        self.cands.clear();
        self.deferred.clear();
        self.removed.clear();
        self.by_id.clear();
        self.by_name.clear();
        self.added.clear();
    }

    /// The room of its largest table, in entries.
    fn room(&self) -> usize {
        [
            self.view.words.capacity(),
            self.view.again.capacity(),
            self.words.capacity(),
            self.cands.capacity(),
            self.deferred.capacity(),
            self.removed.capacity(),
            self.by_id.capacity(),
            self.by_name.capacity(),
            self.added.capacity(),
        ]
        .into_iter()
        .max()
        .unwrap_or(0)
    }
}

/// The entities and mentions discovered in one document so far.
#[derive(Default)]
pub(crate) struct Named {
    /// The entities discovered so far, indexed after the gazetteer's.
    pub(crate) found: Vec<Entity>,
    /// The positions in `found` by their entities' ids: the id is hashed once and kept only in
    /// the entity.
    by_id: HashTable<u32>,
    /// The positions in `found` by the names their entities were created with: a name seen
    /// again is found without making its id (the slug) or asking the gazetteer, since the same
    /// type and name always make the same id.
    by_name: HashTable<u32>,
    /// The sources of the rules' entities, shared ([`RuleSources`]).
    sources: RuleSources,
    added: Vec<Mention>,
    /// The id of the last name asked for, when it named an entity already known: its buffer is
    /// reused for the next (a new entity takes it).
    id: String,
}

impl Named {
    /// Records a mention of the name at `start..end`, creating its entity on first sight (or reusing
    /// the gazetteer's, when the discovered name has a gazetteer id). A person's name ends before
    /// the post-nominals after it (`lexicons/post_nominals.txt`: "Ben Emmerson QC"); one that is a
    /// single word without them ("Central MP") names no one.
    ///
    /// The name is words of a run ([`run_end`]): tokens, which hold no white space, one space
    /// apart. So it is spaced as an entity's name is already (the tests check it against
    /// `normalize_space`), and its last word follows its last space.
    fn name(
        &mut self,
        text: &str,
        start: usize,
        mut end: usize,
        kind: EntityType,
        rule: &'static str,
        gaz: &Gazetteer,
    ) {
        #[cfg(test)]
        assert_eq!(
            normalize_space(&text[start..end]),
            &text[start..end],
            "a name of words one space apart"
        );
        if kind == EntityType::Person {
            let full = end;
            while let Some(space) = text.as_bytes()[start..end].iter().rposition(|&b| b == b' ') {
                if !POST_NOMINALS.contains(&text[start + space + 1..end]) {
                    break;
                }
                end = start + space;
            }
            if end < full && !text.as_bytes()[start..end].contains(&b' ') {
                return;
            }
        }
        let entity = self.entity_of(Cow::Borrowed(&text[start..end]), kind, rule, gaz);
        self.added.push(Mention {
            start,
            end,
            entity,
            how: How::Rule(rule),
        });
    }
}

impl Named {
    /// The index of the entity named `name` of type `kind`: the gazetteer's when it has that id,
    /// else one discovered in the document, created by `rule` on first sight.
    pub(crate) fn entity(
        &mut self,
        name: String,
        kind: EntityType,
        rule: &'static str,
        gaz: &Gazetteer,
    ) -> u32 {
        self.entity_of(Cow::Owned(name), kind, rule, gaz)
    }

    /// [`Named::entity`] of a name that is copied only when it names a new entity.
    fn entity_of(
        &mut self,
        name: Cow<'_, str>,
        kind: EntityType,
        rule: &'static str,
        gaz: &Gazetteer,
    ) -> u32 {
        let name_hash = FxBuildHasher.hash_one::<&str>(&name);
        let found = &self.found;
        if let Some(&k) = self.by_name.find(name_hash, |&k| {
            let e = &found[k as usize];
            e.kind == kind && e.name == *name
        }) {
            return (gaz.entities.len() as u32) + k;
        }
        let mut id = std::mem::take(&mut self.id);
        id.clear();
        push_entity_id(kind, &name, &mut id);
        if let Some(i) = gaz.index_of(&id) {
            self.id = id;
            return i;
        }
        let hash = FxBuildHasher.hash_one(id.as_str());
        let found = &self.found;
        if let Some(&k) = self.by_id.find(hash, |&k| found[k as usize].id == id) {
            self.id = id;
            return (gaz.entities.len() as u32) + k;
        }
        let k = self.found.len() as u32;
        let index = gaz.entities.len() as u32 + k;
        let found = &self.found;
        self.by_id.insert_unique(hash, k, |&k| {
            FxBuildHasher.hash_one(found[k as usize].id.as_str())
        });
        self.by_name.insert_unique(name_hash, k, |&k| {
            FxBuildHasher.hash_one(found[k as usize].name.as_str())
        });
        self.found.push(Entity {
            id,
            name: name.into_owned(),
            kind,
            aliases: Vec::new(),
            demonyms: Vec::new(),
            attributes: String::new(),
            source: Cow::Borrowed(self.sources.of(rule)),
        });
        index
    }
}

enum Candidate {
    /// (start, end, type, rule, mentions to replace)
    Found(usize, usize, EntityType, &'static str, Vec<usize>),
    /// A single word after a title or next to a speech verb (with the rule), decided once the whole
    /// document is seen.
    Deferred(usize, usize, &'static str),
}

/// The buffers [`name_words`] derives a view in, kept from sentence to sentence: growing fresh
/// vectors per sentence cost more than filling them.
#[derive(Default)]
struct ViewRoom {
    /// The derived view's tokens.
    words: Vec<Tok>,
    /// The tokens of the sentence read again.
    again: Vec<usize>,
}

/// The sentence `s` as discovery reads it (with, for a derived view, how many of its words were
/// read again in place of tokens): its tokens, in which every word is either wholly
/// inside one mention or outside all of them (a word that a mention boundary cuts, "Parsi-Iran"
/// after "Trita Parsi", is split there, so a rule can never take half a mention), and is a name
/// word as the module docs define it.
///
/// Most sentences are their tokens `toks` themselves: no word token is other than plain (`bits`,
/// [`Shape::OTHER_WORD`]) and no mention cuts one. Otherwise the view is derived in `buf`: the
/// tokens as they are, but for each word token that is not its own name word, its name words in
/// its place: a plain token that a mention cuts is split there; any other word token is read
/// again with the name word definition ([`words_in`]), and its words split where a mention starts
/// or ends.
///
/// `first` is the first of the sorted `mentions` that ends after the sentence starts. The tokens
/// read again are found without walking them all: the words that are not plain are among the
/// sentence's `capitals`, and a plain word a mention cuts holds one of the mentions' boundaries.
// Kept out of line: inlined, the per-token loop shares registers with the whole of `discover` and
// pays for it.
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn name_words<'v>(
    text: &str,
    s: &Sentence,
    toks: &'v [Tok],
    capitals: Capitals,
    bits: &SentenceBits,
    mentions: &[Mention],
    first: usize,
    room: &'v mut ViewRoom,
) -> (&'v [Tok], Option<usize>) {
    if !bits.may_have_shape(Shape::OTHER_WORD) && !may_cut(text, s, toks, &mentions[first..]) {
        return (toks, None);
    }
    // The tokens to read again, in order: the words that are not plain, and the plain words
    // that a mention boundary falls inside.
    let ViewRoom { words: buf, again } = room;
    again.clear();
    again.extend(
        capitals
            .iter()
            .filter(|&x| toks[x].shape.has(Shape::OTHER_WORD)),
    );
    find_cut_tokens(text, s, toks, &mentions[first..], |x| {
        if toks[x].word && toks[x].shape.has(Shape::PLAIN) {
            again.push(x);
        }
        false
    });
    again.sort_unstable();
    again.dedup();
    buf.clear();
    // The tokens before `copied` are in `buf`; `replaced` of them are read again.
    let mut copied = 0;
    let mut replaced = 0;
    let mut k = first;
    for &x in again.iter() {
        let t = &toks[x];
        if t.shape.has(Shape::PLAIN) {
            if cut(mentions, &mut k, t) {
                buf.extend_from_slice(&toks[copied..x]);
                copied = x + 1;
                replaced += 1;
                split_at_mentions(text, t.start, t.end, mentions, &mut k, buf);
            }
        } else {
            buf.extend_from_slice(&toks[copied..x]);
            copied = x + 1;
            replaced += 1;
            for (start, end) in words_in(text, t.start, t.end, s.end) {
                let end = name_word_end(text, start, end);
                split_at_mentions(text, start, end, mentions, &mut k, buf);
            }
        }
    }
    if copied == 0 {
        return (toks, None);
    }
    buf.extend_from_slice(&toks[copied..]);
    // The words read again, in place of `replaced` tokens.
    let read = buf.len() + replaced - toks.len();
    (buf, Some(read))
}

/// Whether a mention of `after` (the mentions from the first that ends after the sentence `s`
/// starts) may start or end inside a token of `toks`, the sentence's tokens, all of whose words
/// are plain ([`find_cut_tokens`]).
fn may_cut(text: &str, s: &Sentence, toks: &[Tok], after: &[Mention]) -> bool {
    find_cut_tokens(text, s, toks, after, |_| true)
}

/// The bytes a plain word may hold (ASCII letters and digits, `-`, `.`) as a byte table: one load
/// tells each byte beside a mention boundary ([`find_cut_tokens`]).
const PLAIN_WORD_BYTES: [bool; 256] = {
    let mut table = ASCII_ALPHANUMERIC;
    table[b'-' as usize] = true;
    table[b'.' as usize] = true;
    table
};

/// Calls `found` with each token of `toks` (the sentence `s`'s, as an index into `toks`) that a
/// start or end of a mention of `after` (the mentions from the first that ends after the sentence
/// starts) falls inside, in the mentions' order (a token twice when two boundaries cut it), until
/// it returns true: whether it did. Only a place between two bytes that a plain word may hold
/// (ASCII letters and digits, `-`, `.`) may be inside a plain word, and only there is the token
/// looked up.
#[inline(always)]
fn find_cut_tokens(
    text: &str,
    s: &Sentence,
    toks: &[Tok],
    after: &[Mention],
    mut found: impl FnMut(usize) -> bool,
) -> bool {
    let bytes = text.as_bytes();
    let inner = |b: u8| PLAIN_WORD_BYTES[usize::from(b)];
    for m in after.iter().take_while(|m| m.start < s.end) {
        for b in [m.start, m.end] {
            if b > s.start && b < s.end && inner(bytes[b - 1]) && inner(bytes[b]) {
                let x = toks.partition_point(|t| t.end <= b);
                if toks.get(x).is_some_and(|t| t.start < b) && found(x) {
                    return true;
                }
            }
        }
    }
    false
}

/// Whether a mention boundary falls inside the token `t`, which ends after the next mention
/// starts; `k` walks the sorted `mentions` along to the first that ends after `t` starts.
#[inline(always)]
fn cut(mentions: &[Mention], k: &mut usize, t: &Tok) -> bool {
    while *k < mentions.len() && mentions[*k].end <= t.start {
        *k += 1;
    }
    mentions
        .get(*k)
        .is_some_and(|m| m.start < t.end && (m.start > t.start || m.end < t.end))
}

/// The mention covering the word `t` of a view ([`name_words`]), if any: the first that ends
/// after the word starts, if it starts at the word or before. `k` walks the sorted `mentions`
/// along, for words asked in order.
#[inline(always)]
fn covering(mentions: &[Mention], k: &mut usize, t: &Tok) -> Option<usize> {
    while *k < mentions.len() && mentions[*k].end <= t.start {
        *k += 1;
    }
    mentions.get(*k).filter(|m| m.start <= t.start).map(|_| *k)
}

/// The first capitalised token of `view` from its token `i` on, where a run starts (only words
/// are capitalised).
// Kept out of line: inlined, the loop over every token keeps several counters of `discover` in
// step.
#[inline(never)]
fn next_capitalised(view: &[Tok], mut i: usize) -> Option<usize> {
    while i < view.len() {
        if view[i].capitalised() {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// A sentence's capitals ([`Tokens::capitals`]): the indices of its capitalised words and of its
/// words that are not plain, as indices into the document's tokens, of which the sentence's
/// start at `base`.
#[derive(Clone, Copy)]
struct Capitals<'c> {
    of: &'c [TokenId],
    base: usize,
}

impl<'c> Capitals<'c> {
    /// The capitals among `all` (a document's) of the sentence whose tokens are `range`.
    #[cfg(test)]
    fn within(all: &'c [TokenId], range: Range<usize>) -> Capitals<'c> {
        let from = all.partition_point(|k| k.index() < range.start);
        let to = all.partition_point(|k| k.index() < range.end);
        Capitals {
            of: &all[from..to],
            base: range.start,
        }
    }

    /// The capitals as indices into the sentence's tokens.
    fn iter(self) -> impl Iterator<Item = usize> + 'c {
        self.of.iter().map(move |k| k.index() - self.base)
    }
}

/// Where the capitalised runs of a sentence's view ([`name_words`]) start: its capitalised words.
/// A view that is the sentence's tokens has them among its [`Capitals`]; a view derived from them
/// is read word by word ([`next_capitalised`]).
struct RunStarts<'c> {
    /// The sentence's capitals, when the view is its tokens.
    capitals: Option<Capitals<'c>>,
    /// The first of them not yet passed over.
    next: usize,
}

impl RunStarts<'_> {
    /// The first capitalised token of `view` from its token `i` on, asked with `i` growing.
    #[inline]
    fn next(&mut self, view: &[Tok], i: usize) -> Option<usize> {
        let Some(capitals) = self.capitals else {
            return next_capitalised(view, i);
        };
        while let Some(&k) = capitals.of.get(self.next) {
            let k = k.index() - capitals.base;
            if k >= i && view[k].capitalised() {
                return Some(k);
            }
            self.next += 1;
        }
        None
    }
}

/// The words either side of a run, as indices into its sentence's view ([`name_words`]).
#[derive(Clone, Copy)]
struct Around {
    /// The last word before the run.
    before: Option<usize>,
    /// The first word after it.
    after: Option<usize>,
}

/// The last word of `view` before its token `i`.
#[inline]
fn prev_word(view: &[Tok], i: usize) -> Option<usize> {
    // Mostly the token right before: asked first.
    match i.checked_sub(1) {
        Some(k) if view[k].word => Some(k),
        _ => view[..i].iter().rposition(|t| t.word),
    }
}

/// The first word of `view` from its token `i` on.
#[inline]
fn next_word(view: &[Tok], i: usize) -> Option<usize> {
    // Mostly the token `i` itself: asked first.
    match view.get(i) {
        Some(t) if t.word => Some(i),
        _ => {
            let rest = view.get(i..)?;
            rest.iter().position(|t| t.word).map(|p| i + p)
        }
    }
}

/// Whether the sentence `s`, of the tokens `toks`, holds no run a rule can read: no mention touches
/// it, and no word of it is capitalised or can hold a capitalised word of discovery's (a token
/// with a capital, `_`, `&` or a byte beyond ASCII inside, which [`words_in`] may split), but for a
/// first word that opens sentences (`lexicons/not_names.txt`: "The", "But"), which no rule reads.
/// Such a sentence's runs are that first word alone, and discovery passes it over by its tokens'
/// bits without making its words. `after` are the mentions from the first that ends after the
/// sentence starts. Only the sentence's `capitals` can be other than calm: a word that is neither
/// capitalised nor other than plain is plain and holds no capital.
fn quiet(text: &str, s: &Sentence, toks: &[Tok], capitals: Capitals, after: &[Mention]) -> bool {
    if after.first().is_some_and(|m| m.start < s.end) {
        return false;
    }
    let calm = |t: &Tok| {
        !t.capitalised()
            && (t.shape.has(Shape::PLAIN)
                || !text.as_bytes()[t.range()]
                    .iter()
                    .any(|&b| b.is_ascii_uppercase() || matches!(b, b'_' | b'&') || !b.is_ascii()))
    };
    let opener = |t: &Tok| {
        t.capitalised()
            && t.shape.has(Shape::PLAIN)
            && t.classes.may_list(Classes::NOT_NAME)
            && NOT_NAMES.contains(&text[t.range()])
    };
    // The sentence's first word, which may be an opener, is asked for only when a capital may be
    // one.
    let mut first = None;
    capitals.iter().all(|k| {
        let t = &toks[k];
        calm(t)
            || opener(t)
                && *first.get_or_insert_with(|| toks.iter().position(|t| t.word)) == Some(k)
    })
}

/// The end of the word `start..end` of [`words_in`]: a final period is kept only on initials and
/// abbreviations ("F.", "Jr.").
fn name_word_end(text: &str, start: usize, end: usize) -> usize {
    if text.as_bytes()[end - 1] == b'.' {
        let core = &text[start..end - 1];
        if !is_initial(&text[start..end]) && !crate::lexicon::ABBREVIATIONS.contains(core) {
            return end - 1;
        }
    }
    end
}

/// Pushes the word `start..end` as name words, cut where a mention starts or ends; `k` walks the
/// sorted `mentions` along.
#[inline(always)]
fn split_at_mentions(
    text: &str,
    start: usize,
    end: usize,
    mentions: &[Mention],
    k: &mut usize,
    out: &mut Vec<Tok>,
) {
    let mut piece = start;
    while piece < end {
        while *k < mentions.len() && mentions[*k].end <= piece {
            *k += 1;
        }
        let piece_end = match mentions.get(*k) {
            Some(m) if m.start <= piece => m.end.min(end),
            Some(m) if m.start < end => m.start,
            _ => end,
        };
        // A word starts with a letter or digit, so only a piece after a mention boundary needs
        // looking at.
        if piece == start || text[piece..piece_end].chars().any(char::is_alphanumeric) {
            out.push(name_word(text, piece, piece_end));
        }
        piece = piece_end;
    }
}

/// The word `start..end` of `text` as a token of a derived view ([`name_words`]): its shape says
/// only whether it is capitalised and whether it opens with an ASCII digit, as a token's does
/// ([`Shape::CAPITALISED`], [`Shape::DIGIT`]).
fn name_word(text: &str, start: usize, end: usize) -> Tok {
    // A word opening with an ASCII byte, most, is told without decoding.
    let shape = match text.as_bytes().get(start) {
        Some(&b) if b.is_ascii() && start < end => {
            if b.is_ascii_uppercase() {
                Shape::CAPITALISED
            } else if b.is_ascii_digit() {
                Shape::DIGIT
            } else {
                Shape::default()
            }
        }
        _ if char_within(text, start, end).is_some_and(|(c, _)| c.is_uppercase()) => {
            Shape::CAPITALISED
        }
        _ => Shape::default(),
    };
    Tok {
        start,
        end,
        word: true,
        shape,
        punct: Punct::NONE,
        classes: crate::word_classes::at(text, start, end),
    }
}

/// A name in a results or standings line: followed by a score and preceded by a number, the start of
/// the sentence, or a word of `lexicons/fixture_words.txt` or `score_line_before.txt` ("v", "beat")
/// ("Somerset 83 and 174", "Puchon 3 1 0 6", "NEW YORK 5 CHICAGO 3").
/// The name is `run`, of the sentence's `view`, with the words `around` it.
fn in_score_line(text: &str, view: &[Tok], run: &[Token], around: Around) -> bool {
    let last = run[run.len() - 1];
    // A word opens with a letter or digit: most next words are told by their shape.
    let next = around
        .after
        .map(|n| &view[n])
        .filter(|t| t.shape.has(Shape::DIGIT));
    let Some(next) = next.filter(|t| {
        one_space(text, last.end, t.start)
            && text[t.start..t.end].bytes().all(|b| b.is_ascii_digit())
    }) else {
        return false;
    };
    // "(Wyness 82)", "Riggott 74, Graham 86.": scorers and their minutes, not scores.
    let after_score = &text[next.end..];
    if after_score.starts_with([')', ',', '.']) {
        return false;
    }
    let first = &text[run[0].start..run[0].end];
    let plain = run.iter().all(|t| {
        let w = &text[t.start..t.end];
        t.capitalised && !NOT_NAMES.contains(&title_case(w.trim_end_matches('.')))
    });
    if !plain || is_initial(first) {
        return false;
    }
    // "Colin Montgomerie 68 76 77 69", "Ijaz Ahmed 79": a given name and a known surname is a
    // player with his score, not a team ("Bradford Bulls 36", "Ross County 1", "Hansa Rostock 0").
    if run.len() >= 2
        && FIRST_NAMES.contains(first)
        && last.covered.is_none()
        && SURNAMES.contains(&text[last.start..last.end])
    {
        return false;
    }
    let Some(prev) = around.before.map(|k| view[k]) else {
        return true;
    };
    let word = &text[prev.start..prev.end];
    !one_space(text, prev.end, run[0].start)
        || word.bytes().all(|b| b.is_ascii_digit())
        || FIXTURES.has(word)
        || SCORE_LINE_BEFORE.contains(word)
}

/// A city's name standing for its sports club: one word and a fixture word ("v",
/// `lexicons/fixture_words.txt`) before or after it, a score like "27-27" after it, or a word from
/// `lexicons/club_context.txt` after it ("Newcastle manager"). A word the gazetteer knows as a city
/// (not a country or region) may also be followed by a plural verb from `lexicons/club_verbs.txt`
/// ("Leicester have"); an unknown word may not, since "We have" and "MPs are" take them too, and an
/// unknown word that ends a person's name in the document is that person, as is the other side of a
/// fixture with such a word ("Roddick v Moya").
fn city_club(
    text: &str,
    view: &[Tok],
    run: &[Token],
    around: Around,
    mentions: &[Mention],
    gaz: &Gazetteer,
    mut is_surname: impl FnMut(&str) -> bool,
) -> bool {
    let [this] = run else {
        return false;
    };
    // The context is a fixture word (no longer than the longest of `lexicons/fixture_words.txt`,
    // and opening with the first byte of one) either side, or after the word a score (opening
    // with a digit), a club-context word or a club verb (which the word's classes allow): a word
    // with no such neighbour, most, is told by their lengths and bits alone.
    let fixtures = &*FIXTURES;
    let short = |t: &Tok| fixtures.may_be(text, t);
    let may_context = around.before.is_some_and(|k| short(&view[k]))
        || around.after.is_some_and(|n| {
            let t = &view[n];
            t.classes.may_list(Classes::CLUB_CONTEXT)
                || t.classes.may_list(Classes::CLUB_VERB)
                || t.shape.has(Shape::DIGIT)
                || short(t)
        });
    if !may_context {
        return false;
    }
    let word = |t: &Tok| &text[t.start..t.end];
    let known_city = |m: &Mention| {
        (m.entity as usize) < gaz.entities.len() && {
            let e = &gaz.entities[m.entity as usize];
            e.kind == EntityType::Place
                && m.start == this.start
                && m.end == this.end
                && !e.kind_is(&["country", "former_country", "region", "us_state"])
        }
    };
    // A word inside a mention is a club only as a known city. Reading the entity's attributes to
    // tell costs more than finding the context, so it waits for the context.
    let covering = match this.covered {
        // "Championship side": a competition is no club.
        None if this.listed(text, Classes::NOT_NAME, &NOT_NAMES)
            || this.listed(text, Classes::EVENT_HEAD, &EVENT_HEADS) =>
        {
            return false
        }
        None => None,
        Some(k) => Some(&mentions[k]),
    };
    let city = || covering.is_some_and(known_city);
    let next_index = around
        .after
        .filter(|&n| one_space(text, this.end, view[n].start));
    let next_token = next_index.map(|n| &view[n]);
    let next = next_token.map(word);
    let prev_index = around.before;
    let prev = prev_index
        .map(|k| &view[k])
        .filter(|t| one_space(text, t.end, this.start))
        .map(word);
    // A score opens with a digit: other words are spared the search for its hyphen.
    let score = |w: &str| {
        w.starts_with(|c: char| c.is_ascii_digit())
            && w.split_once('-').is_some_and(|(a, b)| {
                !a.is_empty()
                    && !b.is_empty()
                    && (a.bytes().chain(b.bytes())).all(|c| c.is_ascii_digit())
            })
    };
    let fixture = |w: Option<&str>| w.is_some_and(|w| fixtures.has(w));
    let context = fixture(prev)
        || next_token.is_some_and(|t| {
            let w = word(t);
            fixture(Some(w))
                || score(w)
                || listed(
                    text,
                    t.range(),
                    t.classes,
                    Classes::CLUB_CONTEXT,
                    &CLUB_CONTEXT,
                )
                || (listed(text, t.range(), t.classes, Classes::CLUB_VERB, &CLUB_VERBS) && city())
        });
    if !context {
        return false;
    }
    if covering.is_some() {
        return city();
    }
    // In "Roddick v Moya" both sides are players.
    let opponent = if fixture(prev) {
        prev_index.and_then(|k| prev_word(view, k))
    } else if fixture(next) {
        next_index.and_then(|n| next_word(view, n + 1))
    } else {
        None
    };
    !(is_surname(&text[this.start..this.end])
        || opponent.is_some_and(|k| is_surname(word(&view[k]))))
}

/// The last words of the names of the persons mentioned in the document so far: anywhere, by the
/// gazetteer, or in an earlier sentence, by discovery ("Parsi" of "Trita Parsi"). Gathered on first
/// use and then only extended by the names discovered since, so asking after every run of a long
/// document stays linear. A document asks about a few words and names a few persons: their words
/// are compared one by one until there are [`PersonLastWords::LISTED`] of them, and only then put
/// in a set (hashing every word cost more than the few comparisons).
#[derive(Default)]
struct PersonLastWords<'t> {
    /// The words, while there are at most [`PersonLastWords::LISTED`]: the first `count` (on the
    /// stack, as most documents need no more).
    listed: [&'t str; PersonLastWords::LISTED],
    /// How many words there are (while they are listed: after that, more than listed).
    count: usize,
    /// The words, once there are more.
    words: FxHashSet<&'t str>,
    /// Whether the gazetteer's mentions are among the words.
    started: bool,
    /// How many of [`Named::added`] are among the words.
    added: usize,
}

impl<'t> PersonLastWords<'t> {
    /// How many words are compared one by one at most.
    const LISTED: usize = 16;

    /// The words, brought up to date with `named`.
    fn update(
        &mut self,
        text: &'t str,
        mentions: &[Mention],
        named: &Named,
        gaz: &Gazetteer,
    ) -> &Self {
        let entities = DocEntities {
            known: &gaz.entities,
            found: &named.found,
        };
        let from_gazetteer = if self.started { &[][..] } else { mentions };
        crate::work::add(from_gazetteer.len() + named.added.len() - self.added);
        let words = from_gazetteer
            .iter()
            .chain(&named.added[self.added..])
            .filter(|m| entities.get(m.entity).kind == EntityType::Person)
            .map(|m| last_word(&text[m.range()], |c| c != ' '));
        for w in words {
            // A person is mostly named several times: a word is listed once.
            if let Some(listed) = self.listed.get(..self.count) {
                if listed.contains(&w) {
                    continue;
                }
            }
            if let Some(slot) = self.listed.get_mut(self.count) {
                *slot = w;
            } else {
                if self.count == Self::LISTED {
                    self.words.extend(self.listed.iter().copied());
                }
                self.words.insert(w);
            }
            self.count += 1;
        }
        self.started = true;
        self.added = named.added.len();
        self
    }

    /// Whether `word` is one of the words.
    fn contains(&self, word: &str) -> bool {
        match self.listed.get(..self.count) {
            Some(listed) => listed.contains(&word),
            None => self.words.contains(word),
        }
    }
}

/// Byte spans of the words in `text[from..to]` that open before `until`: letters and digits, joined
/// by inner hyphens and periods ("U.S", "al-Assad") and by an apostrophe before a capital
/// ("O'Brien"), plus a final period (kept or dropped by the caller).
fn words_in(
    text: &str,
    from: usize,
    until: usize,
    to: usize,
) -> impl Iterator<Item = (usize, usize)> + '_ {
    // ASCII bytes, most of any text, are read without decoding.
    let bytes = &text.as_bytes()[..to];
    let ascii_alphanumeric = |&b: &u8| ASCII_ALPHANUMERIC[usize::from(b)];
    let mut at = from;
    std::iter::from_fn(move || {
        let start = loop {
            // A word opening at `until` or after is none of those asked for: not read.
            if at >= until {
                return None;
            }
            let b = bytes.get(at)?;
            if ascii_alphanumeric(b) {
                break at;
            }
            if b.is_ascii() {
                at += 1;
                continue;
            }
            let (c, len) = char_within(text, at, to)?;
            if c.is_alphanumeric() {
                break at;
            }
            at += len;
        };
        let mut end;
        loop {
            at += bytes[at..]
                .iter()
                .take_while(|b| ascii_alphanumeric(b))
                .count();
            end = at;
            let Some((c, len)) = char_within(text, at, to) else {
                break;
            };
            // The ASCII letters and digits are all taken above.
            if !c.is_ascii() && c.is_alphanumeric() {
                at += len;
                continue;
            }
            // Most words end at a space: the next character is decoded only for a joiner.
            let next = || char_within(text, at + len, to).map(|(n, _)| n);
            let joins = match c {
                '-' | '.' => next().is_some_and(char::is_alphanumeric),
                '\'' | '’' => next().is_some_and(char::is_uppercase),
                _ => false,
            };
            // Either way `c` is read: a joiner is part of the word, anything else starts none.
            at += len;
            if !joins {
                if c == '.' {
                    end = at;
                }
                break;
            }
        }
        Some((start, end))
    })
}

/// How many words of the sentence of the tokens `toks` may vote for capitals in [`shouting`] at
/// most, or None when too few may for the sentence to be in capitals. Such a word (two letters or
/// more, none in lower case) of the tokens opens with a digit (counted only when the sentence's
/// `bits` say a token may) or a capital, and then is among the `capitals` and does not open with
/// two ASCII letters, one in lower case ("Mr", "Blair"); the other tokens are plain words opening
/// with a lower-case letter, which vote against or not at all. In a view derived from the tokens
/// ([`name_words`]), `read` of its words were read again in place of tokens: any of them may vote
/// for capitals too. The sentence is in capitals only when two words at least vote for capitals
/// and outnumber those voting against, of which the tokens' capitals that open with two ASCII
/// letters, one in lower case, are some (in its own view): most sentences are told without
/// walking their words, and the walk of the others ends once the words voting against reach the
/// bound. (The tests check it against [`shouting`].)
fn capital_voters(
    text: &str,
    toks: &[Tok],
    capitals: Capitals,
    bits: &SentenceBits,
    read: Option<usize>,
) -> Option<usize> {
    // Words opening with a digit ("2WD") may vote for capitals too: counted when there are any.
    let digits = if bits.may_have_shape(Shape::DIGIT) {
        toks.iter().filter(|t| t.shape.has(Shape::DIGIT)).count()
    } else {
        0
    };
    let (mut lower, mut other) = (0, digits);
    let mut left = capitals.of.len();
    for k in capitals.iter() {
        let t = &toks[k];
        left -= 1;
        if votes_lower(&text.as_bytes()[t.start..t.end]) {
            lower += 1;
            // In its own view, once the capitals left could no longer outnumber the votes against
            // even if they all voted for capitals, the sentence is not in capitals.
            if read.is_none() && lower >= other + left {
                break;
            }
        } else {
            other += 1;
        }
    }
    let most = match read {
        None => Some(other).filter(|&n| n > lower),
        Some(read) => Some(other + read),
    }
    .filter(|&n| n >= 2);
    #[cfg(test)]
    assert!(
        most.is_some() || read.is_some() || !shouting(text, toks, usize::MAX),
        "capital_voters passed over a sentence in capitals: {:?}",
        &text[toks[0].start..toks[toks.len() - 1].end]
    );
    most
}

/// Whether a word opens with two ASCII letters, one in lower case ("the", "Mr"), which settles
/// its vote in [`shouting`] without decoding: it votes against capitals.
#[inline]
fn votes_lower(word: &[u8]) -> bool {
    // An ASCII letter with bit 5 set is in lower case.
    let letter = |c: u8| (c | 0x20).wrapping_sub(b'a') < 26;
    matches!(word, [a, b, ..] if letter(*a) & letter(*b) & ((a | b) & 0x20 != 0))
}

/// A sentence written in capitals (a headline) gives no capitalisation evidence. `view` is the
/// sentence's view ([`name_words`]): its tokens that are no words do not vote. At `most` words of
/// it may vote for capitals ([`capital_voters`]; `usize::MAX`: any): once as many vote against,
/// the vote is lost.
fn shouting(text: &str, view: &[Tok], most: usize) -> bool {
    let (mut words, mut upper) = (0, 0);
    for (k, t) in view.iter().enumerate() {
        if !t.word {
            continue;
        }
        let (mut letters, mut lower) = (0, false);
        // Most words open with two ASCII letters, one in lower case, which settles their vote
        // without decoding.
        if votes_lower(&text.as_bytes()[t.start..t.end]) {
            (letters, lower) = (2, true);
        } else {
            for c in text[t.start..t.end].chars() {
                if c.is_alphabetic() {
                    letters += 1;
                    lower |= c.is_lowercase();
                    // Two letters, one in lower case: the rest of the word cannot change its
                    // vote.
                    if letters >= 2 && lower {
                        break;
                    }
                }
            }
        }
        // Numbers and initials say nothing about how the sentence is capitalised.
        if letters < 2 {
            continue;
        }
        words += 1;
        upper += usize::from(!lower);
        // Even if every word left were in capitals, they would not be the majority. (The tokens
        // left, words or not, bound the words left: the vote may end later, never otherwise.)
        let left = view.len() - k - 1;
        if 2 * (upper + left) <= words + left || words - upper >= most {
            return false;
        }
    }
    words >= 3 && upper * 2 > words
}

/// Whether [`classify`] finds nothing in a run of the one word `t`, told without it: a word that
/// a mention covers is left to that mention unless it names a work after a noun naming a kind of
/// work ("his album Egypt"); a word of its own is a person's name only after a title or role
/// (`after_role`), or as a known surname next to a speech verb (see [`person`]: most surnames
/// stand next to none, and are told here too). (A word of its own after a noun naming a kind of
/// work is a title, which names nothing and hides no mention.)
fn lone_word_names_nothing(text: &str, t: &Token, after_role: bool) -> bool {
    match t.covered {
        Some(_) => !after_work_cue(text, t.start),
        None => {
            let speaker = || {
                SURNAMES.contains(&text[t.start..t.end])
                    && next_to_speech_word(text, t.start, t.end)
            };
            !after_role && !speaker()
        }
    }
}

/// The end (exclusive token index) of the capitalised run starting at the token `i` of a
/// sentence's `view`, a capitalised word. Words must be separated by a single space; connectors
/// may sit between capitalised words. (Only words are capitalised, and a token that is no word
/// joins no run, so a run's words are consecutive tokens.)
fn run_end(text: &str, view: &[Tok], i: usize) -> usize {
    let mut j = i + 1;
    let mut last_cap = i + 1;
    while let Some(t) = view.get(j) {
        let capitalised = t.capitalised();
        // A word neither capitalised nor possibly a connector ends the run however it is spaced:
        // most runs end at such a word, told by its bits before the gap before it is read.
        if !capitalised && !t.classes.may_list(Classes::NAME_CONNECTOR)
            || !one_space(text, view[j - 1].end, t.start)
        {
            break;
        }
        // "Real on Wednesday", "Roma in January": a connector before a day, month or function word
        // ends the name instead of joining it.
        if capitalised
            && last_cap < j
            && listed(text, t.range(), t.classes, Classes::NOT_NAME, &NOT_NAMES)
        {
            break;
        }
        if capitalised {
            last_cap = j + 1;
        } else if !NAME_CONNECTORS.contains(&text[t.range()]) {
            break;
        }
        j += 1;
    }
    last_cap
}

/// A lowercase role word right before the run ("spokesperson Steven Cheung").
fn is_role_before(text: &str, prev: &Tok, run_start: usize) -> bool {
    // Most words are told by their classes, before the gap is read.
    prev.classes.may_list(Classes::TITLE_FIRST)
        && one_space(text, prev.end, run_start)
        && TITLES.contains(&text[prev.range()])
}

/// Whether `text[a..b]` is one space (as `&text[a..b] == " "` tells, by one byte).
#[inline(always)]
fn one_space(text: &str, a: usize, b: usize) -> bool {
    b == a + 1 && text.as_bytes()[a] == b' '
}

/// The number of words at the start of `run` that are titles ("Supreme Leader", "Mr", "Prime
/// Minister"), trying the longest title first. A title opens the run, or follows a portfolio word
/// in a run of four words or more: most runs have no word that may start one there (by its
/// classes) and are told inline; the others are read by [`leading_titles_read`].
#[inline]
fn leading_titles(text: &str, run: &[Token], initial: bool) -> usize {
    let may_start = |k: usize| run.get(k).is_some_and(|t| t.may_be(Classes::TITLE_FIRST));
    if !may_start(0) && (run.len() < 4 || !may_start(1)) {
        return 0;
    }
    leading_titles_read(text, run, initial)
}

/// [`leading_titles`], read.
fn leading_titles_read(text: &str, run: &[Token], initial: bool) -> usize {
    let mut skip = 0;
    while skip < run.len() {
        // A title starts with the first word of one.
        let can_start = |t: &Token| t.may_be(Classes::TITLE_FIRST);
        let title = if !can_start(&run[skip]) {
            None
        } else {
            (1..=3.min(run.len() - skip)).rev().find(|&n| {
                let title = &text[run[skip].start..run[skip + n - 1].end];
                // A sentence opens with a capital: "Singer Kate Bush" is "singer", but "Star Trek" is
                // no star, so a full name must follow.
                TITLES.contains(title)
                    || (initial
                        && skip == 0
                        && run.len() >= n + 2
                        && TITLES.contains(&lower_first(title)))
            })
        };
        // "Culture Secretary Tessa Jowell", "Shadow Home Secretary David Davis": one word naming
        // the portfolio before a capitalised title, when a full name follows. Not a place ("US
        // Secretary of Energy" is the organisation rule's), and not a role of something
        // ("Secretary of Energy").
        let portfolio_title = || {
            // Two words of title and a full name after the portfolio word, at least.
            if run.len() < skip + 4 {
                return None;
            }
            (2..=3).filter(|&n| run.len() >= skip + n + 2).find(|&n| {
                let title = &text[run[skip + 1].start..run[skip + n - 1].end];
                run[skip].covered.is_none()
                    && run[skip + 1].capitalised
                    && can_start(&run[skip + 1])
                    && TITLES.contains(title)
                    && run[skip + n].capitalised
            })
        };
        let Some(n) = title.or_else(portfolio_title) else {
            break;
        };
        skip += n;
    }
    skip
}

/// Opening quotation marks before a title after a noun naming a kind of work.
const OPENING_QUOTES: [char; 4] = ['"', '\'', '“', '‘'];
/// Double quotation marks around a title on its own (single ones are apostrophes too: "Lib Dems'").
const OPENING_DOUBLE_QUOTES: [char; 2] = ['"', '“'];
const CLOSING_DOUBLE_QUOTES: [char; 2] = ['"', '”'];

/// Whether the name at `start` follows a noun naming a kind of work (`lexicons/work_cues.txt`),
/// maybe with an opening quotation mark between: "the film Vera Drake", "the song “Angels”".
/// Most names follow a space after a byte that ends no cue ([`CueShapes`]), told here inline;
/// the others are read by [`after_work_cue_read`].
#[inline(always)]
fn after_work_cue(text: &str, start: usize) -> bool {
    if let &[.., p, b' '] = &text.as_bytes()[..start] {
        if p.is_ascii()
            && !matches!(p, b'"' | b'\'')
            && !(p.is_ascii_alphanumeric() && WORK_CUE_SHAPES.words.may_end(p))
        {
            return false;
        }
    }
    after_work_cue_read(text, start)
}

/// [`after_work_cue`], read. (Kept out of line, so that the test before it is inlined alone.)
#[inline(never)]
fn after_work_cue_read(text: &str, start: usize) -> bool {
    // One space before the name, or an opening quotation mark with a space either side or none
    // after it ("film Vera", "film “Vera", "film \" Vera").
    let head = &text[..start];
    // Most names follow a space after a word or a punctuation mark that opens no quotation: the
    // word before the space is the cue (none after a punctuation mark).
    let before = match head.as_bytes() {
        [.., p, b' '] if p.is_ascii() && !matches!(p, b'"' | b'\'') => {
            // The cue ends with that byte, and with the one before it (a cue has two bytes at
            // least when the pairs are known).
            if !p.is_ascii_alphanumeric() || !WORK_CUE_SHAPES.words.may_end(*p) {
                return false;
            }
            if let [.., o, _, _] = head.as_bytes() {
                if !WORK_CUE_SHAPES.may_end(*o, *p) {
                    return false;
                }
            }
            &head[..start - 1]
        }
        _ => {
            let unspaced = head.strip_suffix(' ').unwrap_or(head);
            let before = match unspaced.strip_suffix(OPENING_QUOTES) {
                Some(quoted) => quoted.strip_suffix(' '),
                None => head.strip_suffix(' '),
            };
            let Some(before) = before else {
                return false;
            };
            before
        }
    };
    // The word before: ASCII letters and digits are read backwards without decoding; a byte
    // beyond ASCII needs the characters.
    let bytes = before.as_bytes();
    let mut cue_start = bytes.len()
        - bytes
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
    if cue_start > 0 && !bytes[cue_start - 1].is_ascii() {
        cue_start = before
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8());
    }
    let cue = &before[cue_start..];
    // `before` starts the text: the word's classes are read there, and the list asked only when
    // they allow it.
    WORK_CUE_SHAPES.may_be(cue)
        && crate::word_classes::at(text, cue_start, before.len()).may_be(Classes::WORK_CUE, cue)
        && WORK_CUES.contains(cue)
}

/// Whether the name at `start..end` is the whole of a quotation ("“Genius Loves Company”", "\"
/// Genius Loves Company \""): a title.
fn quoted_alone(text: &str, start: usize, end: usize) -> bool {
    // An opening double quotation mark ends in `"` or in the last byte of `“`: most names follow
    // another byte, told without slicing the text.
    let head = &text.as_bytes()[..start];
    let head = head.strip_suffix(b" ").unwrap_or(head);
    if !matches!(head.last(), Some(b'"' | 0x9C)) {
        return false;
    }
    let before = text[..start].strip_suffix(' ').unwrap_or(&text[..start]);
    let after = text[end..].strip_prefix(' ').unwrap_or(&text[end..]);
    // "“Hillary Clinton’s campaign": an apostrophe before a letter closes nothing.
    let closes = after
        .strip_prefix(CLOSING_DOUBLE_QUOTES)
        .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric));
    before.ends_with(OPENING_DOUBLE_QUOTES) && closes
}

/// Decides what a capitalised run names, and pushes that to `out`.
/// `initial` says that the run opens its sentence; a sentence starter before it ("The", "But",
/// `lexicons/not_names.txt`) is left out by the caller.
fn classify(
    text: &str,
    run: &[Token],
    mentions: &[Mention],
    gaz: &Gazetteer,
    after_role: bool,
    initial: bool,
    out: &mut Vec<Candidate>,
) {
    // Strip leading titles ("Supreme Leader", "Mr").
    let titles = leading_titles(text, run, initial);
    let mut skip = titles;
    let mut titled = after_role || titles > 0;
    // "Bishop of Durham", "MP for Richmond", "Chief Executive of Acme Trust": a title followed by a
    // connector is a role, not a title before a name; what follows the connector is no person.
    if titles > 0 && run.get(skip).is_some_and(|t| is_connector_of(text, t)) {
        skip += 1;
        titled = false;
    }
    let run = &run[skip..];
    if run.is_empty() {
        return;
    }
    let start = run[0].start;
    let end = run[run.len() - 1].end;
    // The mentions inside the run, collected only for the runs that swallow them.
    let covered = || {
        let mut covered: Vec<usize> = run.iter().filter_map(|t| t.covered).collect();
        covered.dedup();
        covered
    };
    // "the song Britons would like": a people named by its demonym is no title.
    let demonym = run.len() == 1
        && run[0].covered.is_some_and(|k| {
            mentions[k].how == How::Demonym && mentions[k].start == start && mentions[k].end == end
        });
    if after_work_cue(text, start) && !demonym
        || run.len() >= 2
            && run.iter().all(|t| t.covered.is_none())
            && quoted_alone(text, start, end)
    {
        // "the film Vera Drake", "his album Egypt": a title of a work is no entity, nor are the
        // names inside it; a name of unknown words quoted on its own ("“Genius Loves Company”",
        // "“Merry Christmas”") is a title too, but a known name in quotes stays ("“Old Europe”").
        out.push(Candidate::Found(
            start,
            end,
            EntityType::Place,
            NOT_AN_ENTITY,
            covered(),
        ));
        return;
    }
    if run.len() >= 2 && run[run.len() - 1].listed(text, Classes::EVENT_HEAD, &EVENT_HEADS) {
        // "U.S. Open", "World Cup": neither the event nor the places inside it are entities.
        out.push(Candidate::Found(
            start,
            end,
            EntityType::Place,
            NOT_AN_ENTITY,
            covered(),
        ));
        return;
    }
    // "Panamanian Boxing Association": a leading demonym is not part of the organisation's name.
    let lead = run
        .iter()
        .take_while(|t| t.covered.is_some_and(|k| mentions[k].how == How::Demonym))
        .count();
    if let Some((span, rule)) = org_rule(text, &run[lead..]) {
        let org = &run[lead + span.start..lead + span.end];
        let (o_start, o_end) = (org[0].start, org[org.len() - 1].end);
        let swallowed: Vec<usize> = org.iter().filter_map(|t| t.covered).collect();
        let only_names = swallowed.iter().all(|&k| {
            matches!(mentions[k].how, How::Name | How::Alias)
                && mentions[k].start >= o_start
                && mentions[k].end <= o_end
        });
        if only_names && org.iter().any(|t| t.covered.is_none()) {
            let mut swallowed = swallowed;
            swallowed.dedup();
            // Who comes before "of" ("Richard Yamarone of Argus Research").
            if span.start > 0 {
                let before = ..lead + span.start - 1;
                classify(text, &run[before], mentions, gaz, titled, false, out);
            }
            out.push(Candidate::Found(
                o_start,
                o_end,
                EntityType::Organization,
                rule,
                swallowed,
            ));
            // What follows the organisation ("… Association President Ramon Manzanares").
            let rest = lead + span.end;
            if rest < run.len() {
                classify(text, &run[rest..], mentions, gaz, false, false, out);
            }
            return;
        }
    }
    // Person rules look only at the uncovered stretches of the run.
    let mut a = 0;
    while a < run.len() {
        if run[a].covered.is_some() {
            a += 1;
            continue;
        }
        let mut b = a;
        while b < run.len() && run[b].covered.is_none() {
            b += 1;
        }
        // Trim connectors at the ends.
        let (mut x, mut y) = (a, b);
        while x < y && !run[x].capitalised {
            x += 1;
        }
        while y > x && !run[y - 1].capitalised {
            y -= 1;
        }
        // "Russian Prime Minister Viktor Chernomyrdin": titles after a covered word.
        let inner = if a > 0 {
            leading_titles(text, &run[x..y], false)
        } else {
            0
        };
        x += inner;
        if x < y {
            let evidence = Evidence {
                titled: (titled && a == 0) || inner > 0,
                text,
                span: run[x].start..run[y - 1].end,
                mentions,
                gaz,
            };
            if let Some(c) = person(text, &run[x..y], evidence) {
                out.push(c);
            }
        }
        a = b;
    }
}

/// The words of `run` that name an organisation, and the rule that says so.
fn org_rule(text: &str, run: &[Token]) -> Option<(Range<usize>, &'static str)> {
    if run.len() < 2 {
        return None;
    }
    // "National Bank of Poland", "Ministry of Foreign Affairs of Iran": the whole run.
    let pattern = (0..run.len().saturating_sub(2)).any(|i| {
        run[i].listed(text, Classes::ORG_PATTERN, &ORG_PATTERNS)
            && is_connector_of(text, &run[i + 1])
    });
    if pattern {
        return Some((0..run.len(), Rule::OrgPattern.name()));
    }
    if run[0].listed(text, Classes::CLUB_PREFIX, &CLUB_PREFIXES) {
        return Some((0..run.len(), Rule::Club.name()));
    }
    // "Daniels Pharmaceuticals Inc of St. Petersburg": up to the last head word.
    let end = (1..run.len())
        .rev()
        .find(|&k| run[k].listed(text, Classes::ORG_HEAD, &ORG_HEADS))?
        + 1;
    // "Richard Yamarone of Argus Research": a person's name before "of" is no part of the
    // organisation's ("Victims of Crime Trust", "Banc of America Capital" are whole names).
    let start = match run[..end].iter().position(|t| is_connector_of(text, t)) {
        Some(c @ 2..=3) if FIRST_NAMES.contains(&text[run[0].start..run[0].end]) => c + 1,
        _ => 0,
    };
    (end - start >= 2).then_some((start..end, Rule::OrgHead.name()))
}

/// "of", "for" or "on": the words that join a role or a body to what it belongs to.
fn is_connector_of(text: &str, t: &Token) -> bool {
    t.listed(text, Classes::NAME_STOP, &PERSON_NAME_STOPS)
}

/// Whether the word `t`, `word`, starts with a capital and holds a lower-case letter, or is at most
/// two letters long ("Parsi", "Xu", but not "NATO"). A word with a key is ASCII and read by its
/// bytes.
fn name_shaped(t: &Token, word: &str) -> bool {
    if !t.classes.has(Classes::KEYLESS) {
        let b = word.as_bytes();
        return b.first().is_some_and(u8::is_ascii_uppercase)
            && (b.len() <= 2 || b[1..].iter().any(u8::is_ascii_lowercase));
    }
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && (word.chars().nth(2).is_none() || chars.any(char::is_lowercase))
}

/// Context around a run that says it is a person.
struct Evidence<'a> {
    /// A title or role right before it.
    titled: bool,
    /// The document's text, the run's span and the mentions, for the evidence found on demand
    /// (most runs are settled without it).
    text: &'a str,
    span: Range<usize>,
    mentions: &'a [Mention],
    gaz: &'a Gazetteer,
}

impl Evidence<'_> {
    /// A place in parentheses right after it ("Jansher Khan ( Pakistan )").
    fn nationality(&self) -> bool {
        followed_by_place(self.text, self.span.end, self.mentions, self.gaz)
    }

    /// A speech verb right after or before it ("Frater said", "said Washington").
    fn speaks(&self) -> bool {
        next_to_speech_word(self.text, self.span.start, self.span.end)
    }
}

/// The first bytes and lengths of the speech words ([`CueLexicon::speech_words`]), which tell most
/// words beside a name from them without looking them up ([`next_to_speech_word`]).
///
/// [`CueLexicon::speech_words`]: crate::claims::cues::CueLexicon::speech_words
static SPEECH_WORD_SHAPES: Lazy<FirstByteLengths> = Lazy::new(|| {
    let words: Vec<Vec<u8>> = CUES.speech_words().collect();
    FirstByteLengths::of(words.iter().map(Vec::as_slice))
});

/// True when a one-word speech cue stands right after `end` ("Frater said") or right before `start`
/// ("said Washington", where the name must then close the clause: not "said Eagles owner Lurie").
/// The cue is the word of alphabetic characters after `end` and a space, or before `start` and a
/// space. A speech word is written in lower-case ASCII letters
/// ([`CueLexicon::is_speech_word`](crate::claims::cues::CueLexicon::is_speech_word)), so only a
/// word of them is looked up: one that goes on with another letter (a capital, or one beyond
/// ASCII) is no speech word, and the words are found by their bytes without decoding. A word
/// whose first byte and length no speech word has is none ([`SPEECH_WORD_SHAPES`]).
fn next_to_speech_word(text: &str, start: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    // Only the first word of a cue can be a speech word: the word's classes tell most apart.
    let speech = |from: usize, to: usize, frame: Frame| {
        SPEECH_WORD_SHAPES.may_hold(&bytes[from..to])
            && crate::word_classes::at(text, from, to).has(Classes::CUE_FIRST)
            && CUES.is_speech_word(&text[from..to], frame)
    };
    if bytes.get(end) == Some(&b' ') {
        let from = end + 1;
        let mut to = from;
        while bytes.get(to).is_some_and(u8::is_ascii_lowercase) {
            to += 1;
        }
        // The word ends here unless another letter follows.
        let ends = match bytes.get(to) {
            None => true,
            Some(b) if b.is_ascii() => !b.is_ascii_uppercase(),
            Some(_) => !char_within(text, to, text.len()).is_some_and(|(c, _)| c.is_alphabetic()),
        };
        if ends && speech(from, to, Frame::Before) {
            return true;
        }
    }
    // Before the name, the cue counts only when the name closes the clause.
    let mut next = end;
    while bytes.get(next) == Some(&b' ') {
        next += 1;
    }
    let closes = match bytes.get(next) {
        None | Some(b'.' | b',' | b';' | b':' | b'"' | b'\n') => true,
        Some(_) => text[next..].starts_with('\u{201d}'),
    };
    if !closes || start == 0 || bytes[start - 1] != b' ' {
        return false;
    }
    let to = start - 1;
    let mut from = to;
    while from > 0 && bytes[from - 1].is_ascii_lowercase() {
        from -= 1;
    }
    // The word starts here unless another letter comes before.
    let starts = match from.checked_sub(1).map(|k| bytes[k]) {
        None => true,
        Some(b) if b.is_ascii() => !b.is_ascii_uppercase(),
        Some(_) => !text[..from]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic),
    };
    starts && speech(from, to, Frame::After)
}

/// True when `( <place> )` follows byte `end`, with optional spaces inside.
fn followed_by_place(text: &str, end: usize, mentions: &[Mention], gaz: &Gazetteer) -> bool {
    let rest = &text[end..];
    let Some(open) = rest.strip_prefix(" (").map(|r| r.trim_start_matches(' ')) else {
        return false;
    };
    let at = text.len() - open.len();
    let k = mentions.partition_point(|m| m.start < at);
    mentions.get(k).is_some_and(|m| {
        m.start == at
            && (m.entity as usize) < gaz.entities.len()
            && gaz.entities[m.entity as usize].kind == EntityType::Place
            && text[m.end..].trim_start_matches(' ').starts_with(')')
    })
}

fn person(text: &str, run: &[Token], evidence: Evidence) -> Option<Candidate> {
    let word = |t: &Token| &text[t.start..t.end];
    // A person's name does not run on through "of", "for" or "on" ("John Casesa of Schroder").
    let cut = run
        .iter()
        .position(|t| is_connector_of(text, t))
        .unwrap_or(run.len());
    let mut run = &run[..cut];
    // A capitalised article or preposition ends no person's name and stands inside none ("Vadim
    // Mitroshin The firm", "Citizens Against Crime said", "Stars In Their Eyes").
    let breaks =
        |t: &Token| t.end - t.start <= 7 && t.may_be(Classes::NAME_BREAK) && is_name_break(word(t));
    if run.len() >= 2 && breaks(&run[run.len() - 1]) {
        run = &run[..run.len() - 1];
    }
    if run.is_empty() {
        return None;
    }
    let (start, end) = (run[0].start, run[run.len() - 1].end);
    if !run.iter().all(|t| {
        name_shaped(t, word(t)) || t.listed(text, Classes::NAME_CONNECTOR, &NAME_CONNECTORS)
    }) || run.len() > 4
    {
        return None;
    }
    let found_as = |ty, rule| Some(Candidate::Found(start, end, ty, rule, Vec::new()));
    let found = |rule| found_as(EntityType::Person, rule);
    // A name opening with an organisation's head word ("Bank", "Court", "League Against Cruel
    // Sports said") is no person's: one word alone names nothing here, more name the organisation
    // when it speaks.
    if run[0].listed(text, Classes::ORG_HEAD, &ORG_HEADS) && (run.len() == 1 || !evidence.titled) {
        if run.len() >= 2 && evidence.speaks() {
            return found_as(EntityType::Organization, Rule::Speaker.name());
        }
        return None;
    }
    if run.iter().skip(1).any(breaks) {
        return None;
    }
    if evidence.titled {
        if run.len() == 1 {
            return Some(Candidate::Deferred(start, end, Rule::Title.name()));
        }
        return found(Rule::Title.name());
    }
    // A lone capitalised word at the start of a sentence is a name only if it is a known surname
    // ("Traders said", "Police said" are not people).
    let lone_initial = || run.len() == 1 && !SURNAMES.contains(word(&run[0]));
    let not_name = |k: usize| run[k].listed(text, Classes::NOT_NAME, &NOT_NAMES);
    if !not_name(0) && !lone_initial() && evidence.speaks() {
        if run.len() == 1 {
            return Some(Candidate::Deferred(start, end, Rule::Speaker.name()));
        }
        // "The Law Lords said", "Capital Economics said": a plural name names a body or a group.
        if let Some((last, before)) = run.split_last() {
            if plural_name(before.iter().map(word), word(last)) {
                return found_as(EntityType::Organization, Rule::Speaker.name());
            }
        }
        return found(Rule::Speaker.name());
    }
    if run.len() < 2 {
        return None;
    }
    // Every apposition opens with a comma, so the regex runs only after one.
    let after = &text[end..];
    let comma = after.strip_prefix(' ').unwrap_or(after).starts_with(", ");
    if comma && may_be_apposition(after) && APPOSITION.is_match(after) {
        return found(Rule::Apposition.name());
    }
    if evidence.nationality() {
        return found(Rule::Nationality.name());
    }
    if is_initial(word(&run[0])) && !run[1..].iter().any(|t| is_initial(word(t))) {
        return found(Rule::Initials.name());
    }
    if FIRST_NAMES.contains(word(&run[0])) && !not_name(1) {
        return found(Rule::FirstName.name());
    }
    if FAMILY_FIRST.contains(word(&run[0])) && run.len() <= 3 && !not_name(1) {
        return found(Rule::FamilyName.name());
    }
    None
}

/// Whether `word` (of at most seven bytes), in lower case, is a capitalised article or preposition
/// of `lexicons/person_name_breaks.txt`. An ASCII word, most, is lowered on the stack.
fn is_name_break(word: &str) -> bool {
    let mut lower = [0u8; 7];
    match lower.get_mut(..word.len()) {
        Some(buf) if word.is_ascii() => {
            buf.copy_from_slice(word.as_bytes());
            buf.make_ascii_lowercase();
            std::str::from_utf8(buf).is_ok_and(|w| PERSON_NAME_BREAKS.contains(w))
        }
        _ => PERSON_NAME_BREAKS.contains(&word.to_lowercase()),
    }
}

/// The word with its first letter in lower case ("Singer" → "singer").
fn lower_first(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// "J.": one capital letter and its period (a bare "J" is too often a word or a list label).
fn is_initial(word: &str) -> bool {
    let Some(core) = word.strip_suffix('.') else {
        return false;
    };
    let mut chars = core.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

/// The name `s` with its words joined by single spaces. Most names, ASCII words one space apart,
/// are that already and borrowed whole. ([`Named::name`]'s names are spaced so: the tests check
/// them with it.)
#[cfg(test)]
fn normalize_space(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    // One pass: every byte printable ASCII or a space after another byte (none first, none
    // doubled), and none last.
    let mut prev = b' ';
    let spaced = b.iter().all(|&c| {
        let fits = (c > b' ' && c.is_ascii()) || (c == b' ' && prev != b' ');
        prev = c;
        fits
    }) && prev != b' '
        || b.is_empty();
    if spaced {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::gazetteer::tests::sample;
    use crate::sentences;
    use crate::text::first_word;

    /// (text, entity id, how) of each mention that matching and discovery find in `text` with the
    /// sample gazetteer: the view the tests of every discovery rule (org evidence, sports, name
    /// lists) compare against.
    pub(crate) fn found(text: &str) -> Vec<(String, String, &'static str)> {
        let g = sample();
        let doc = Document::from_text("t".into(), "t".into(), text);
        let s = sentences::split(&doc);
        let (ents, ms) = discover(
            &doc,
            &s,
            &crate::tokens::tokenize(&doc.text, &s),
            &g,
            crate::mentions::find(&doc, &g),
        );
        let all = DocEntities {
            known: &g.entities,
            found: &ents,
        };
        crate::mentions::tests::describe(&doc, all, &ms)
    }

    std::thread_local! {
        /// How many runs of one word the shortcut told to name nothing, in this thread.
        static LONE_WORDS_TOLD: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    /// Checks [`lone_word_names_nothing`] where discovery takes it: [`classify`] finds nothing in
    /// the run of the one word `t` either (no name, no deferred name, no mention hidden; at most a
    /// title of a work that hides nothing).
    pub(super) fn lone_word_told(
        text: &str,
        t: &Token,
        mentions: &[Mention],
        gaz: &Gazetteer,
        after_role: bool,
        initial: bool,
    ) {
        let mut cands = Vec::new();
        classify(
            text,
            std::slice::from_ref(t),
            mentions,
            gaz,
            after_role,
            initial,
            &mut cands,
        );
        // A title of a work ("his album Egypt") is found as no entity hiding no mention: nothing.
        let effect = cands.iter().find(|c| {
            !matches!(c, Candidate::Found(_, _, _, NOT_AN_ENTITY, swallow) if swallow.is_empty())
        });
        assert!(
            effect.is_none(),
            "the shortcut passed over {:?} (covered: {}, after a role: {after_role}, opening: \
             {initial}), in which classify finds {}",
            &text[t.start..t.end],
            t.covered.is_some(),
            match effect {
                Some(Candidate::Found(.., rule, swallow)) => format!("{rule}, hiding {swallow:?}"),
                Some(Candidate::Deferred(.., rule)) => format!("a deferred {rule}"),
                None => String::new(),
            }
        );
        LONE_WORDS_TOLD.with(|n| n.set(n.get() + 1));
    }

    /// Runs matching and discovery on `text` with the gazetteer `g`, so that every run of one word
    /// the shortcut passes over is checked ([`lone_word_told`]); returns how many were.
    fn lone_words_told_in(text: &str, g: &Gazetteer) -> usize {
        let before = LONE_WORDS_TOLD.with(std::cell::Cell::get);
        let doc = Document::from_text("t".into(), "t".into(), text);
        let s = sentences::split(&doc);
        discover(
            &doc,
            &s,
            &crate::tokens::tokenize(&doc.text, &s),
            g,
            crate::mentions::find(&doc, g),
        );
        LONE_WORDS_TOLD.with(std::cell::Cell::get) - before
    }

    #[test]
    fn the_lone_word_shortcut_agrees_with_classify_on_random_runs() {
        // Words every rule of `classify` reads: titles and roles, given names, surnames, family
        // names, work cues, sentence starters, organisation heads and patterns, club words, speech
        // verbs, the sample gazetteer's places, and connectors and marks; each list sorted (they
        // are sets) and sampled.
        let mut pool: Vec<String> = Vec::new();
        for list in [
            &TITLES,
            &FIRST_NAMES,
            &SURNAMES,
            &FAMILY_FIRST,
            &WORK_CUES,
            &NOT_NAMES,
            &ORG_HEADS,
            &ORG_PATTERNS,
            &CLUB_PREFIXES,
            &CLUB_CONTEXT,
            &POST_NOMINALS,
        ] {
            let mut words: Vec<&str> = list.iter().filter(|w| !w.contains(' ')).collect();
            words.sort_unstable();
            let step = (words.len() / 40).max(1);
            pool.extend(words.iter().step_by(step).map(|w| w.to_string()));
        }
        for w in [
            "said", "says", "told", "added", "the", "of", "and", "for", "a", "his", "album",
            "Paris", "London", "Berlin", ",", ".", "\"", "(", ")", "-", "27-27", "v", "45", "who",
        ] {
            pool.push(w.to_string());
        }
        let g = sample();
        // A fixed linear congruential sequence: the same sentences on every run.
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % n
        };
        let mut told = 0;
        for _ in 0..600 {
            let mut text = String::new();
            for _ in 0..8 {
                let len = 3 + next(10);
                for k in 0..len {
                    let w = &pool[next(pool.len())];
                    let w = if next(3) == 0 {
                        title_case(w)
                    } else {
                        w.clone()
                    };
                    if k > 0 {
                        text.push(' ');
                    }
                    text.push_str(&w);
                    // Lower-case words between, so that most runs are one word.
                    if next(2) == 0 {
                        text.push(' ');
                        text.push_str(["the", "said", "and", "in", "a", "told", "his"][next(7)]);
                    }
                }
                text.push_str(". ");
            }
            told += lone_words_told_in(&text, &g);
        }
        assert!(told > 1000, "only {told} runs of one word told");
    }

    /// [`next_to_speech_word`] as it was before it told the words by their bytes: the alphabetic
    /// words either side, sliced and looked up whole.
    fn next_to_speech_word_by_words(text: &str, start: usize, end: usize) -> bool {
        let after = text[end..]
            .strip_prefix(' ')
            .map(|r| first_word(r, char::is_alphabetic));
        let before = || {
            text[..start]
                .strip_suffix(' ')
                .map(|r| last_word(r, char::is_alphabetic))
        };
        let closes = text[end..]
            .trim_start_matches(' ')
            .chars()
            .next()
            .is_none_or(|c| matches!(c, '.' | ',' | ';' | ':' | '"' | '\u{201d}' | '\n'));
        let cue_first = |at: usize, w: &str| {
            crate::word_classes::at(text, at, at + w.len()).has(Classes::CUE_FIRST)
        };
        after.is_some_and(|w| cue_first(end + 1, w) && CUES.is_speech_word(w, Frame::Before))
            || (closes
                && before().is_some_and(|w| {
                    cue_first(start - 1 - w.len(), w) && CUES.is_speech_word(w, Frame::After)
                }))
    }

    #[test]
    fn speech_words_told_by_bytes_are_those_read_as_words() {
        let mut texts: Vec<String> = [
            "Frater said.",
            "said Frater.",
            "said Frater, and",
            "said Eagles owner Lurie",
            "Parsi said\u{c9} so",
            "Parsi Said so",
            "Parsi said\u{2019}s",
            "Xsaid Parsi.",
            "\u{e9}said Parsi.",
            "\u{2014}said Parsi \u{201d}",
            "said  Parsi  ;",
            "Parsi  said",
            "told Parsi",
            "Parsi says",
            "said Parsi",
            " Parsi added",
            "Parsi said2",
            "said-Parsi.",
            "Parsi insisted;",
            "said Parsi\n",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        if let Some(articles) = crate::testing::bbc_articles(40) {
            texts.extend(articles);
        }
        let (mut asked, mut speech) = (0, 0);
        for text in &texts {
            // Every word's span, as the rules ask about them.
            for (start, end) in words_in(text, 0, text.len(), text.len()) {
                let want = next_to_speech_word_by_words(text, start, end);
                assert_eq!(
                    next_to_speech_word(text, start, end),
                    want,
                    "{:?} at {start}",
                    &text[start..end]
                );
                asked += 1;
                speech += usize::from(want);
            }
        }
        assert!(
            asked > 10_000 && speech > 100,
            "{asked} words, {speech} next to speech"
        );
    }

    #[test]
    fn the_lone_word_shortcut_agrees_with_classify_on_corpus_runs() {
        let Some(articles) = crate::testing::bbc_articles(40) else {
            return;
        };
        let g = crate::testing::bundled_gazetteer();
        let mut told = 0;
        for text in &articles {
            told += lone_words_told_in(text, g);
        }
        assert!(told > 1000, "only {told} runs of one word told");
    }

    /// [`capital_voters`] against [`shouting`] on every sentence of `text` (the sentence's own
    /// view): never None where the sentence is in capitals, and the vote bounded by it the
    /// whole vote. Returns how many sentences it passed over.
    fn shouts_told_in(text: &str) -> usize {
        let doc = Document::from_text("t".into(), "t".into(), text);
        let sentences = crate::sentences::split(&doc);
        let table = crate::tokens::tokenize(&doc.text, &sentences);
        let mut passed = 0;
        for (r, bits) in table.sentences.iter().zip(&table.sentence_bits) {
            let toks = &table.toks[r.clone()];
            let capitals = Capitals::within(&table.capitals, r.clone());
            let whole = shouting(&doc.text, toks, usize::MAX);
            match capital_voters(&doc.text, toks, capitals, bits, None) {
                Some(most) => assert_eq!(shouting(&doc.text, toks, most), whole),
                None => assert!(!whole, "{:?}", &doc.text),
            }
            passed += usize::from(capital_voters(&doc.text, toks, capitals, bits, None).is_none());
        }
        passed
    }

    #[test]
    fn a_sentence_in_capitals_is_told_by_its_capitals() {
        let text = "POLICE SAY BLAIR MET BUSH IN LONDON .\nMr Blair met Bush in London .\n";
        let doc = Document::from_text("t".into(), "t".into(), text);
        let sentences = crate::sentences::split(&doc);
        let table = crate::tokens::tokenize(&doc.text, &sentences);
        let told: Vec<(bool, bool)> = table
            .sentences
            .iter()
            .zip(&table.sentence_bits)
            .map(|(r, bits)| {
                let toks = &table.toks[r.clone()];
                let capitals = Capitals::within(&table.capitals, r.clone());
                (
                    capital_voters(&doc.text, toks, capitals, bits, None).is_some(),
                    shouting(&doc.text, toks, usize::MAX),
                )
            })
            .collect();
        assert_eq!(told, [(true, true), (false, false)]);
        // Two acronyms among lower-case words are no headline, though they are looked at.
        assert_eq!(shouts_told_in("The BBC and the IOC met again .\n"), 0);
        assert_eq!(
            shouts_told_in("The BBC met Blair and Bush in London .\n"),
            1
        );
    }

    #[test]
    fn capital_voters_agree_with_shouting_on_corpus_sentences() {
        let Some(articles) = crate::testing::bbc_articles(40) else {
            return;
        };
        let passed: usize = articles.iter().map(|t| shouts_told_in(t)).sum();
        assert!(passed > 100, "only {passed} sentences passed over");
    }

    /// The texts of the mentions of [`found`] that the discovery rule `rule` made.
    pub(crate) fn found_by(text: &str, rule: &str) -> Vec<String> {
        found(text)
            .into_iter()
            .filter(|g| g.2 == rule)
            .map(|g| g.0)
            .collect()
    }

    #[test]
    fn every_rule_has_its_row_in_the_module_documentation_and_its_own_name() {
        let source = include_str!("discover.rs");
        let names: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
        for name in &names {
            assert!(source.contains(&format!("//! | `{name}` | ")), "{name}");
        }
        assert_eq!(
            names,
            [
                "org_head",
                "club",
                "org_pattern",
                "title",
                "apposition",
                "nationality",
                "initials",
                "speaker",
                "family_name",
                "first_name",
                "team"
            ]
        );
        assert_eq!((crate::sports::RULE, crate::sports::CLUB), ("team", "club"));
    }

    /// `Rule::ALL` holds every variant once, in order: the match below is exhaustive, so a new
    /// variant does not compile until it has its place here, and then fails until it is in `ALL`.
    #[test]
    fn the_rule_list_holds_every_variant_in_order() {
        fn place(rule: Rule) -> usize {
            match rule {
                Rule::OrgHead => 0,
                Rule::Club => 1,
                Rule::OrgPattern => 2,
                Rule::Title => 3,
                Rule::Apposition => 4,
                Rule::Nationality => 5,
                Rule::Initials => 6,
                Rule::Speaker => 7,
                Rule::FamilyName => 8,
                Rule::FirstName => 9,
                Rule::Team => 10,
            }
        }
        let places: Vec<usize> = Rule::ALL.iter().map(|&r| place(r)).collect();
        assert_eq!(places, (0..Rule::ALL.len()).collect::<Vec<_>>());
    }

    fn has(got: &[(String, String, &str)], text: &str, id: &str, how: &str) -> bool {
        got.iter().any(|g| g.0 == text && g.1 == id && g.2 == how)
    }

    #[test]
    fn transport_for_a_city_is_an_organisation() {
        let got = found("He works at Transport for Tehran now .\n");
        assert!(
            has(
                &got,
                "Transport for Tehran",
                "organization:transport-for-tehran",
                "org_pattern"
            ),
            "{got:?}"
        );
    }

    #[test]
    fn a_demonym_after_a_work_cue_is_no_title() {
        let got = found("It is the song Iranians like best .\n");
        assert!(has(&got, "Iranians", "place:iran", "demonym"), "{got:?}");
    }

    #[test]
    fn post_nominals_are_no_part_of_a_name() {
        let got = found(
            "Fellow guest Ruth Kelly MP was hit . The Glasgow Kelvin MP , who spoke , left .\n",
        );
        assert!(
            has(&got, "Ruth Kelly", "person:ruth-kelly", "first_name"),
            "{got:?}"
        );
        assert!(got.iter().all(|g| !g.0.contains("MP")), "{got:?}");
        assert!(got.iter().all(|g| g.1 != "person:kelvin"), "{got:?}");
    }

    #[test]
    fn organisations_by_head_and_pattern() {
        let got = found(
            "He joined the Acme Widget Institute and the Ministry of Foreign Affairs of Iran.",
        );
        assert!(
            has(
                &got,
                "Acme Widget Institute",
                "organization:acme-widget-institute",
                "org_head"
            ),
            "{got:?}"
        );
        assert!(
            has(
                &got,
                "Ministry of Foreign Affairs of Iran",
                "organization:ministry-of-foreign-affairs-of-iran",
                "org_pattern"
            ),
            "{got:?}"
        );
    }

    #[test]
    fn every_apposition_passes_its_first_byte_test() {
        let mut afters = vec![
            ", 45,".to_owned(),
            " , 7 ,".to_owned(),
            ", said".to_owned(),
            ", and".to_owned(),
            ",".to_owned(),
            ", ".to_owned(),
        ];
        let prepositions = crate::lexicon::word_list("apposition_prepositions.txt");
        let preposition = prepositions.iter().next().unwrap_or("of").to_owned();
        for file in ["apposition_determiners.txt", "person_relatives.txt"] {
            for word in crate::lexicon::word_list(file).iter() {
                afters.push(format!(", {word} "));
                afters.push(format!(" , {word} head {preposition} "));
                afters.push(format!(", {word} senior fellow {preposition} "));
            }
        }
        for after in &afters {
            if APPOSITION.is_match(after) {
                assert!(may_be_apposition(after), "{after:?}");
            }
        }
        assert!(afters.iter().any(|a| APPOSITION.is_match(a)));
    }

    #[test]
    fn people_by_title_apposition_and_first_name() {
        let got = found("Trump spokesperson Steven Cheung declined. Behnam Ben Taleblu, a senior fellow at the Acme Institute, said so. Later Mary Smith spoke.");
        assert!(
            has(&got, "Steven Cheung", "person:steven-cheung", "title"),
            "{got:?}"
        );
        assert!(
            has(
                &got,
                "Behnam Ben Taleblu",
                "person:behnam-ben-taleblu",
                "apposition"
            ),
            "{got:?}"
        );
        assert!(
            has(&got, "Mary Smith", "person:mary-smith", "first_name"),
            "{got:?}"
        );
    }

    #[test]
    fn appositions_by_age_and_relative_pronoun() {
        // Neither name has a known given name or a title: the apposition alone makes it a person.
        let got = found("Yesterday Zorvek Quaxley, 54, arrived late. Then Brannoc Telvyr, who arrived early, left.");
        assert!(
            has(
                &got,
                "Zorvek Quaxley",
                "person:zorvek-quaxley",
                "apposition"
            ),
            "{got:?}"
        );
        assert!(
            has(
                &got,
                "Brannoc Telvyr",
                "person:brannoc-telvyr",
                "apposition"
            ),
            "{got:?}"
        );
        // A relative pronoun not in person_relatives.txt ("which") is no evidence.
        let got = found("Yesterday Zorvek Quaxley, which arrived late, left.");
        assert!(
            !has(
                &got,
                "Zorvek Quaxley",
                "person:zorvek-quaxley",
                "apposition"
            ),
            "{got:?}"
        );
    }

    #[test]
    fn given_names_of_nam_dict_start_a_person() {
        // "Mushtaq" and "Stilian" are in lexicons/first_names_nam_dict.txt only (GNU FDL part).
        let got = found("Later Mushtaq Ahmed bowled. Celtic wanted Stilian Petrov back.");
        assert!(
            has(&got, "Mushtaq Ahmed", "person:mushtaq-ahmed", "first_name"),
            "{got:?}"
        );
        assert!(
            has(
                &got,
                "Stilian Petrov",
                "person:stilian-petrov",
                "first_name"
            ),
            "{got:?}"
        );
    }

    #[test]
    fn titles_of_works_are_not_entities() {
        let got =
            found("She starred in the film Vera Drake. His album \"Genius Loves Company\" sold.");
        assert!(got.is_empty(), "{got:?}");
        // A report named after its author is no person (event_heads.txt).
        let got = found("Savings follow the Gershon Report on waste.");
        assert!(got.is_empty(), "{got:?}");
        assert!(after_work_cue("the song “Angels", 12));
        assert!(!after_work_cue("the filmmaker Mary Smith", 14));
        assert!(quoted_alone("“Genius Loves Company”", 3, 23));
        assert!(!quoted_alone("“Genius Loves Company is”", 3, 23));
        assert!(!quoted_alone("“Hillary Clinton’s campaign", 3, 18));
        assert!(!quoted_alone("‘Lib Dems’ sums", 3, 11));
    }

    #[test]
    fn family_name_first() {
        // "Zhou" is a family name only; "Wang" is also a given name (first_names_nam_dict.txt).
        let got = found("Police detained Zhou Donghai on Friday. Zhou was jailed.");
        assert!(
            has(&got, "Zhou Donghai", "person:zhou-donghai", "family_name"),
            "{got:?}"
        );
    }

    #[test]
    fn people_by_initials_and_nationality() {
        let got = found("Results: Jansher Khan (Iran) beat A. Fraser in Tehran.");
        assert!(
            has(&got, "Jansher Khan", "person:jansher-khan", "nationality"),
            "{got:?}"
        );
        assert!(
            has(&got, "A. Fraser", "person:a-fraser", "initials"),
            "{got:?}"
        );
    }

    #[test]
    fn teams_in_results_lines() {
        let got = found("Standings: Acme Rovers 3 1 0 Tehran 2 0 1");
        assert!(
            has(&got, "Acme Rovers", "organization:acme-rovers", "team"),
            "{got:?}"
        );
        assert!(
            has(&got, "Tehran", "organization:tehran", "team"),
            "{got:?}"
        );
        let got = found("Results on May 24 and AUGUST 3 were late.");
        assert!(got.is_empty(), "{got:?}");
        let got = found("In Tehran 5 people were hurt.");
        assert!(has(&got, "Tehran", "place:tehran", "name"), "{got:?}");
        let got = found("Goals: Riggott 74, Ali Smith 86.");
        assert!(!got.iter().any(|g| g.2 == "team"), "{got:?}");
        // A given name and a known surname before a score is a player.
        let got = found("Leading scores : Colin Mitchell 68 76 77 69 , Peter Jones 70 71 72 73 .");
        assert!(
            has(
                &got,
                "Colin Mitchell",
                "person:colin-mitchell",
                "first_name"
            ),
            "{got:?}"
        );
        assert!(!got.iter().any(|g| g.2 == "team"), "{got:?}");
        // A club's abbreviation after its town is part of its name.
        let got = found("It was a 2-1 win over Tehran AK on Thursday.");
        assert!(
            has(&got, "Tehran AK", "organization:tehran-ak", "org_head"),
            "{got:?}"
        );
    }

    #[test]
    fn names_are_spaced_once_and_borrowed_when_they_are() {
        for (name, spaced) in [
            ("Trita Parsi", "Trita Parsi"),
            ("", ""),
            ("Trita  Parsi", "Trita Parsi"),
            (" Trita Parsi", "Trita Parsi"),
            ("Trita Parsi ", "Trita Parsi"),
            ("Trita\nParsi", "Trita Parsi"),
            ("Recep Tayyip\u{a0}Erdoğan", "Recep Tayyip Erdoğan"),
            ("Erdoğan", "Erdoğan"),
        ] {
            let got = normalize_space(name);
            assert_eq!(got, spaced, "{name:?}");
            // An ASCII name spaced already is the text itself.
            assert_eq!(
                matches!(got, Cow::Borrowed(_)),
                name.is_ascii() && name == spaced,
                "{name:?}"
            );
        }
    }

    #[test]
    fn word_spans() {
        let text = "Mr. O'Brien’s U.S.-Iran al-Assad, J. Doe.";
        let got: Vec<&str> = words_in(text, 0, text.len(), text.len())
            .map(|(a, b)| &text[a..b])
            .collect();
        assert_eq!(
            got,
            vec!["Mr.", "O'Brien", "s", "U.S.", "Iran", "al-Assad", "J.", "Doe."]
        );
    }

    /// The words of each sentence's view ([`name_words`]) and the mention each is covered by
    /// ([`covering`]), against the name words of the text read with [`words_in`] and cut where
    /// the mentions at the spans of `marked` start and end.
    fn view_against_text(raw: &str, marked: &[&str]) {
        let doc = Document::from_text("t".into(), "t".into(), raw);
        let text = doc.text.as_str();
        let mut mentions: Vec<Mention> = marked
            .iter()
            .map(|m| {
                let start = text.find(m).unwrap_or_else(|| panic!("{m} in {raw}"));
                Mention {
                    start,
                    end: start + m.len(),
                    entity: 0,
                    how: How::Name,
                }
            })
            .collect();
        mentions.sort_by_key(|m| m.start);
        let sentences = crate::sentences::split(&doc);
        let table = crate::tokens::tokenize(text, &sentences);
        let (mut got, mut want, mut pieces) = (vec![], vec![], vec![]);
        let mut buf = ViewRoom::default();
        let mut first = 0;
        for ((s, r), bits) in sentences
            .iter()
            .zip(&table.sentences)
            .zip(&table.sentence_bits)
        {
            while mentions.get(first).is_some_and(|m| m.end <= s.start) {
                first += 1;
            }
            let toks = &table.toks[r.clone()];
            let (view, read) = name_words(
                text,
                s,
                toks,
                Capitals::within(&table.capitals, r.clone()),
                bits,
                &mentions,
                first,
                &mut buf,
            );
            // A derived view says how many of its words were read again.
            assert_eq!(read.is_some(), view.as_ptr() != toks.as_ptr());
            assert!(read.is_none_or(|n| n >= 1 && n <= view.len()));
            let mut k = first;
            got.extend(
                view.iter()
                    .filter(|t| t.word)
                    .map(|t| (&text[t.range()], covering(&mentions, &mut k, t))),
            );
            let mut k = first;
            for (a, b) in words_in(text, s.start, s.end, s.end) {
                pieces.clear();
                split_at_mentions(
                    text,
                    a,
                    name_word_end(text, a, b),
                    &mentions,
                    &mut k,
                    &mut pieces,
                );
                let mut c = first;
                want.extend(
                    pieces
                        .iter()
                        .map(|t| (&text[t.range()], covering(&mentions, &mut c, t))),
                );
            }
        }
        assert_eq!(got, want, "{raw}");
    }

    #[test]
    fn words_from_the_token_table_are_the_words_of_the_text() {
        let texts = [
            "Mr. O'Brien’s U.S.-Iran al-Assad, J. Doe.",
            "AT&T. Iran’s foo_bar _x É.Émile said a.b.c. x-y-Z 3.5% Jr. F. co-op's.",
            "“Hi,” said Zoë–Jane in São Paulo (U.K.) on 5/6. McDonald & Co. rose.",
        ];
        for raw in texts {
            view_against_text(raw, &[]);
        }
    }

    #[test]
    fn words_of_the_view_are_cut_where_mentions_start_and_end() {
        // Mentions inside a plain token ("Iran" of "U.S.-Iran", "Parsi" of "Parsi-Iran"), ending
        // before an abbreviation's period ("U.S"), across tokens ("Procter & Gamble") and at
        // tokens' edges, in sentences all of whose words are plain and in others.
        let cases: [(&str, &[&str]); 5] = [
            ("Talks on U.S.-Iran ties went on.", &["Iran"]),
            ("Trita Parsi-Iran talks. Parsi said so.", &["Trita Parsi"]),
            (
                "The U.S. side and Procter & Gamble met.",
                &["U.S", "Procter & Gamble"],
            ),
            (
                "Iran’s envoy met Acme-Beta in Paris.",
                &["Iran", "Beta", "Paris"],
            ),
            ("Paris. London is big.", &["Paris", "London"]),
        ];
        for (raw, marked) in cases {
            view_against_text(raw, marked);
        }
    }

    #[test]
    fn speakers_of_speech_verbs() {
        let got =
            found("\"It was tight,\" said Woods. Later Frater said so. Then Acme Rovers said no.");
        assert!(has(&got, "Woods", "person:woods", "speaker"), "{got:?}");
        // A lone unknown word that is not a known surname may as well be a company.
        assert!(!got.iter().any(|g| g.0 == "Frater"), "{got:?}");
        assert!(
            has(&got, "Acme Rovers", "organization:acme-rovers", "org_head"),
            "{got:?}"
        );
        // A known surname is a person by a speech verb only.
        let got = found("Later Woods arrived. Then Woods said so.");
        assert_eq!(got.iter().filter(|g| g.0 == "Woods").count(), 1, "{got:?}");
        // A name opening with an organisation's head word is no person: the organisation when it
        // speaks, nothing when it is one word.
        let got = found("But the League Against Acme Sports said no. The Bank said yes.");
        assert!(
            has(
                &got,
                "League Against Acme Sports",
                "organization:league-against-acme-sports",
                "speaker"
            ),
            "{got:?}"
        );
        assert!(got.iter().all(|g| g.0 != "Bank"), "{got:?}");
        // A capitalised article or preposition ends a name, or makes it no person's.
        let got = found("Chief Vadim Petrov The firm said so. Citizens Against Acme said no.");
        assert!(
            has(&got, "Vadim Petrov", "person:vadim-petrov", "title"),
            "{got:?}"
        );
        assert!(
            got.iter().all(|g| g.0 != "The" && !g.0.contains("Against")),
            "{got:?}"
        );
        // A plural name that speaks is a body or a group, unless it ends in a surname or opens
        // with a given name.
        let got = found("The Law Lords said no. Later Tiger Woods said yes.");
        assert!(
            has(&got, "Law Lords", "organization:law-lords", "speaker"),
            "{got:?}"
        );
        assert!(
            has(&got, "Tiger Woods", "person:tiger-woods", "speaker"),
            "{got:?}"
        );
    }

    #[test]
    fn rules_never_take_part_of_a_mention() {
        let g = sample();
        let doc = Document::from_text(
            "t".into(),
            "t".into(),
            "Trita Parsi-Iran-IranInternational Atomic Energy Agency (IAEA) met.",
        );
        let s = sentences::split(&doc);
        let (_, ms) = discover(
            &doc,
            &s,
            &crate::tokens::tokenize(&doc.text, &s),
            &g,
            crate::mentions::find(&doc, &g),
        );
        assert!(ms.windows(2).all(|w| w[0].end <= w[1].start), "{ms:?}");
        assert_eq!(&doc.text[ms[0].range()], "Trita Parsi");
        assert_eq!(&doc.text[ms[1].range()], "Iran");
    }

    #[test]
    fn cities_standing_for_their_clubs() {
        let got = found("Tehran manager Ali Daei was happy. Tehran have won. Acme v Tehran. Iran have won. He lives in Tehran.");
        let clubs = got.iter().filter(|g| g.1 == "organization:tehran").count();
        assert_eq!(clubs, 3, "{got:?}");
        assert!(has(&got, "Acme", "organization:acme", "club"), "{got:?}");
        assert!(has(&got, "Iran", "place:iran", "name"), "{got:?}");
        assert!(
            got.iter().any(|g| g.0 == "Tehran" && g.1 == "place:tehran"),
            "{got:?}"
        );
    }

    #[test]
    fn every_fixture_word_makes_the_cities_beside_it_clubs() {
        // Whatever lexicons/fixture_words.txt lists, long or short (city_club tells most words by
        // their length against the longest entry before reading them).
        for w in FIXTURE_WORDS.iter() {
            let got = found(&format!("Acme {w} Tehran. He lives in Tehran."));
            assert!(
                has(&got, "Acme", "organization:acme", "club"),
                "{w}: {got:?}"
            );
            let clubs = got.iter().filter(|g| g.1 == "organization:tehran").count();
            assert_eq!(clubs, 1, "{w}: {got:?}");
        }
    }

    #[test]
    fn unknown_words_need_more_than_a_plural_verb_to_be_clubs() {
        let got = found(
            "We have won. I have no idea. MPs are angry. Andy Roddick won. Roddick v Moya is next.",
        );
        assert!(
            !got.iter().any(|g| g.1.starts_with("organization:")),
            "{got:?}"
        );
    }

    #[test]
    fn a_capitalised_role_noun_opening_a_sentence_is_a_title() {
        let got = found("Comedian Chris Morris is back. Star Trek fans are not.");
        assert!(
            has(&got, "Chris Morris", "person:chris-morris", "title"),
            "{got:?}"
        );
        assert!(!got.iter().any(|g| g.0.contains("Trek")), "{got:?}");
    }

    #[test]
    fn a_portfolio_before_a_title_is_part_of_the_title() {
        let got = found(
            "Culture Secretary Tessa Jowell spoke. Then Shadow Home Secretary David Davis left. \
             Fly-half Charlie Hodgson left. The Secretary of Energy Spencer Abraham stayed.",
        );
        for (name, id) in [
            ("Tessa Jowell", "person:tessa-jowell"),
            ("David Davis", "person:david-davis"),
            ("Charlie Hodgson", "person:charlie-hodgson"),
        ] {
            assert!(has(&got, name, id, "title"), "{name}: {got:?}");
        }
        assert!(
            !got.iter().any(|g| g.0.contains("Energy Spencer")),
            "{got:?}"
        );
    }

    #[test]
    fn a_person_of_an_organisation_is_two_entities() {
        let got =
            found("Analyst Richard Yamarone of Argus Research said so. Christian Aid said no.");
        assert!(
            has(
                &got,
                "Argus Research",
                "organization:argus-research",
                "org_head"
            ),
            "{got:?}"
        );
        assert!(
            has(&got, "Richard Yamarone", "person:richard-yamarone", "title"),
            "{got:?}"
        );
        assert!(
            has(
                &got,
                "Christian Aid",
                "organization:christian-aid",
                "org_head"
            ),
            "{got:?}"
        );
        let got = found("The Victims of Crime Trust met.");
        assert!(
            has(
                &got,
                "Victims of Crime Trust",
                "organization:victims-of-crime-trust",
                "org_head"
            ),
            "{got:?}"
        );
    }

    #[test]
    fn a_day_after_a_connector_ends_the_name() {
        let got = found("The Acme Trust on Wednesday said no.");
        assert!(
            has(&got, "Acme Trust", "organization:acme-trust", "org_head"),
            "{got:?}"
        );
    }

    #[test]
    fn headings_and_sentence_starters_are_not_entities() {
        assert!(found(
            "Executive Summary\n\nStrategic Impact Assessment\n\nThe Big Picture is unclear."
        )
        .is_empty());
        assert!(found("LEICESTERSHIRE TAKE OVER AT TOP").is_empty());
    }

    #[test]
    fn single_surname_after_title_defers_to_full_name() {
        let got = found("Mr Abbas spoke. Later Mr Zogby spoke. John Bolton met Mr Bolton.");
        assert!(has(&got, "Abbas", "person:abbas", "title"), "{got:?}");
        assert!(has(&got, "Zogby", "person:zogby", "title"), "{got:?}");
        assert!(!got.iter().any(|g| g.0 == "Bolton"), "{got:?}");
    }

    #[test]
    fn events_hide_the_places_inside_them() {
        let got = found("She won the U.S. Open in New York.");
        assert_eq!(
            got,
            vec![("New York".into(), "place:new-york".into(), "name")]
        );
    }

    #[test]
    fn organisation_swallows_a_place_inside_it() {
        let got = found("She studied at the University of Tehran last year.");
        assert!(
            has(
                &got,
                "University of Tehran",
                "organization:university-of-tehran",
                "org_pattern"
            ),
            "{got:?}"
        );
        assert!(!got.iter().any(|g| g.1 == "place:tehran"), "{got:?}");
    }
}
