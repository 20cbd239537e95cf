//! Team sports: in a match report or a results service a town's, county's or state's name stands for
//! its team ("Leicestershire beat Somerset", "Seattle 5 Oakland 3", "NEW YORK AT CALIFORNIA").
//!
//! A town's name is its team where the words right before it say so, in any document: a word or
//! phrase of `lexicons/team_before.txt` ("Chelsea beat Leeds", "a 3-2 victory over Liverpool",
//! "signed for Cardiff", "the manager of Leicester"). Discovery's own evidence counts too: a town
//! named in a results line or with a club word after it (rules `team` and `club` in `discover.rs`:
//! "Leeds 2 Chelsea 1", "Leicester v Bath", "Newcastle manager", "Liverpool have").
//!
//! A town so shown to be a team is that team throughout the document, and in a team-sports document
//! (its first line opens with a word of `lexicons/team_sports.txt` followed by " -" or ":", the
//! wire's sports slug: "CRICKET - …", "SOCCER - …") every town, city, county or state is. Either way
//! a mention becomes one of the organisation of the same name (rule `team`), unless
//! - a word of `lexicons/place_before.txt` comes right before it ("in Leeds", "at Headingley", "the
//!   Leeds ground"), or
//! - it is in a dateline ("LONDON 1996-08-30", "ARLINGTON , Texas 1996-08-30").
//!
//! Countries, former countries and regions stay places: a national team named by its country
//! ("Australia beat Sri Lanka") is conventionally annotated as the place (CoNLL-2003 does so).

use crate::discover::Named;
use crate::entity::{source_bytes, Entity, EntityType, GAZETTEER_SOURCE, RULE_SOURCE};
use crate::gazetteer::Gazetteer;
use crate::lexicon::{
    FirstByteLengths, WordList, WordShapes, COMPETITION_AFTER, COMPETITION_BEFORE,
    COMPETITION_HEADS, PLACE_BEFORE, TEAM_BEFORE, TEAM_SPORTS,
};
use crate::mentions::{How, Mention};
use crate::sentences::Sentence;
use crate::text::{is_ascii_space, last_word};
use once_cell::sync::Lazy;
use rustc_hash::{FxHashMap, FxHashSet};

/// The rule name recorded in `how` and `source` ([`crate::discover::Rule::Team`]).
pub const RULE: &str = crate::discover::Rule::Team.name();

/// The discovery rule of a club's name: a town's name with a fixture, a score or a club word next
/// to it, which shows the town is a team as one piece of evidence, or a run that opens with a word
/// of `lexicons/club_prefixes.txt` ([`crate::discover::Rule::Club`]).
pub const CLUB: &str = crate::discover::Rule::Club.name();

/// The gazetteer file of sports bodies and clubs.
pub const GAZETTEER_FILE: &str = "sports.tsv";

/// The sources of the clubs and teams ([`is_club`]), whole: one comparison each.
const LISTED_SOURCE: [u8; GAZETTEER_SOURCE.len() + GAZETTEER_FILE.len()] =
    source_bytes(GAZETTEER_SOURCE, GAZETTEER_FILE);
const TEAM_SOURCE: [u8; RULE_SOURCE.len() + RULE.len()] = source_bytes(RULE_SOURCE, RULE);
const CLUB_SOURCE: [u8; RULE_SOURCE.len() + CLUB.len()] = source_bytes(RULE_SOURCE, CLUB);

/// Whether `entity` is a club or team: listed in [`GAZETTEER_FILE`] or discovered by the rule
/// [`RULE`] or [`CLUB`].
#[inline]
pub fn is_club(entity: &Entity) -> bool {
    let source = entity.source.as_bytes();
    source == LISTED_SOURCE || source == TEAM_SOURCE || source == CLUB_SOURCE
}

/// The evidence that shows a town is a team throughout a document: a results line (discovery's rule
/// `team`) or a phrase of `lexicons/team_before.txt` once, or the `club` rule twice ("Glastonbury
/// fans" alone does not make a festival's town a club, nor "Swansea have" a city).
const STRONG: u32 = 2;

/// Turns the team mentions of a document into organisation mentions (see the module documentation).
/// `mentions` are the document's, sorted; entities are created through `named`.
pub(crate) fn retype_teams(
    text: &str,
    sentences: &[Sentence],
    gaz: &Gazetteer,
    named: &mut Named,
    mentions: &mut [Mention],
) {
    let slug = is_team_sports(text);
    // The evidence that a town is a team, by the lower-case text of its mentions.
    let mut evidence: FxHashMap<String, u32> = FxHashMap::default();
    for m in mentions.iter() {
        let weight = match m.how {
            How::Rule(r) if r == RULE => STRONG,
            How::Rule(r) if r == CLUB => 1,
            _ => continue,
        };
        *evidence
            .entry(text[m.start..m.end].to_lowercase())
            .or_default() += weight;
    }
    // The towns that may be teams: every place mention that passes the tests of context, in a
    // team-sports document; elsewhere only the mentions of a town shown to be a team (its evidence
    // at least STRONG), whose evidence may come from a phrase of `team_before.txt` before any of
    // its mentions. Such a phrase ends in one of a few words, which the word before a mention is
    // told by first: most documents show no town to be a team, and their places are then passed
    // over without the tests.
    let mut towns = Vec::new();
    for (k, m, entity, sentence) in places(text, sentences, gaz, &*mentions) {
        let before = &text[sentence.start.min(m.start)..m.start];
        if !slug && !may_end_team_before(before) {
            continue;
        }
        if !stands_for_team_here(text, &sentence, m, entity) {
            continue;
        }
        if team_before(before) {
            *evidence
                .entry(text[m.start..m.end].to_lowercase())
                .or_default() += STRONG;
        }
        if slug {
            towns.push(k);
        }
    }
    if !slug && evidence.values().any(|&w| w >= STRONG) {
        for (k, m, entity, sentence) in places(text, sentences, gaz, &*mentions) {
            let shown = evidence
                .get(&text[m.start..m.end].to_lowercase())
                .is_some_and(|&w| w >= STRONG);
            if shown && stands_for_team_here(text, &sentence, m, entity) {
                towns.push(k);
            }
        }
    }
    for k in towns {
        let m = &mut mentions[k];
        let name = gaz.entities[m.entity as usize].name.clone();
        m.entity = named.entity(name, EntityType::Organization, RULE, gaz);
        m.how = How::Rule(RULE);
    }
}

/// The mentions of gazetteer places that may stand for a team by their kind of mention (a name,
/// not a demonym), in order: (index in `mentions`, the mention, its place, the range of its
/// sentence, or of the whole text when it lies in none).
fn places<'a>(
    text: &'a str,
    sentences: &'a [Sentence],
    gaz: &'a Gazetteer,
    mentions: &'a [Mention],
) -> impl Iterator<
    Item = (
        usize,
        &'a Mention,
        &'a crate::entity::Entity,
        std::ops::Range<usize>,
    ),
> + 'a {
    // The sentences and the mentions are both in order: one cursor walks the sentences along.
    let mut s = 0;
    mentions.iter().enumerate().filter_map(move |(k, m)| {
        if m.how == How::Demonym {
            return None;
        }
        let entity = gaz
            .entities
            .get(m.entity as usize)
            .filter(|e| e.kind == EntityType::Place)?;
        while s + 1 < sentences.len() && sentences[s].end <= m.start {
            s += 1;
        }
        let sentence = sentences.get(s).map_or(0..text.len(), Sentence::range);
        Some((k, m, entity, sentence))
    })
}

/// Whether the place mention `m` of `entity`, in the sentence `sentence`, may stand for its team
/// by its context: no dateline, the words around it ([`team_context`]) and its kind of place.
fn stands_for_team_here(
    text: &str,
    sentence: &std::ops::Range<usize>,
    m: &Mention,
    entity: &crate::entity::Entity,
) -> bool {
    // The entity's attributes are read last: parsing them costs the most.
    !is_dateline(&text[sentence.clone()])
        && team_context(text, sentence.start, m)
        && stands_for_team(entity)
}

/// The last words of the phrases of `lexicons/team_before.txt`, which [`team_before`] compares
/// with the word right before a town, lowered; and their first bytes and lengths, which tell most
/// words apart without lowering or hashing them.
static TEAM_BEFORE_LAST: Lazy<(FxHashSet<&'static [u8]>, FirstByteLengths)> = Lazy::new(|| {
    let words: FxHashSet<&'static [u8]> = TEAM_BEFORE
        .iter()
        .filter_map(|phrase| phrase.split(' ').next_back())
        .map(str::as_bytes)
        .collect();
    let shapes = FirstByteLengths::of(words.iter().copied());
    (words, shapes)
});

/// Builds the last words of the team phrases now (see [`crate::pipeline::prepare`]).
pub fn prepare() {
    Lazy::force(&TEAM_BEFORE_LAST);
    Lazy::force(&COMPETITION_HEAD_SHAPES);
}

/// The shapes of the words of `lexicons/competition_heads.txt`, of which their last bytes ("e" of
/// "League") are read: a name that ends in another byte ends in no such word, which tells most
/// names without reading their last word.
static COMPETITION_HEAD_SHAPES: Lazy<WordShapes> = Lazy::new(|| COMPETITION_HEADS.shapes());

/// Whether [`team_before`] may hold for `before`: it ends in a space and its last word, lowered,
/// ends a phrase of `lexicons/team_before.txt`. A word read back to a byte beyond ASCII is not
/// told apart.
fn may_end_team_before(before: &str) -> bool {
    let bytes = before.as_bytes();
    if bytes.last() != Some(&b' ') {
        return false;
    }
    // The white space before the word read back over ASCII bytes; a byte beyond ASCII after
    // them may be white space too, which `trim_end` tells.
    let mut end = bytes.len();
    while end > 0 && is_ascii_space(bytes[end - 1]) {
        end -= 1;
    }
    if end > 0 && !bytes[end - 1].is_ascii() {
        end = before.trim_end().len();
    }
    // The last word of `split_whitespace`, read back over ASCII bytes.
    let mut start = end;
    while start > 0 && !is_ascii_space(bytes[start - 1]) {
        if !bytes[start - 1].is_ascii() {
            return true;
        }
        start -= 1;
    }
    let word = &bytes[start..end];
    let (words, shapes) = &*TEAM_BEFORE_LAST;
    if !shapes.may_hold(word) {
        return false;
    }
    let mut buf = [0u8; 32];
    match buf.get_mut(..word.len()) {
        Some(lower) => {
            lower.copy_from_slice(word);
            lower.make_ascii_lowercase();
            words.contains(&*lower)
        }
        None => words.contains(word.to_ascii_lowercase().as_slice()),
    }
}

/// Drops the mentions of competitions discovered as organisations: a name that ends in a word of
/// `lexicons/competition_heads.txt` ("Champions League") where a word of
/// `lexicons/competition_after.txt` follows one of its mentions in the document ("Champions League
/// tie") or a phrase of `lexicons/competition_before.txt` comes before one ("qualify for the
/// Champions League"). A competition, like the events of `lexicons/event_heads.txt`, is not an
/// entity. Names the gazetteers list ("Premier League") stay organisations.
pub(crate) fn drop_competitions(text: &str, gaz: &Gazetteer, mentions: &mut Vec<Mention>) {
    // A word of the list is a name's last word, when it is, up to the name's last byte.
    let heads = &*COMPETITION_HEAD_SHAPES;
    let discovered = |m: &Mention| {
        (m.entity as usize) >= gaz.entities.len()
            && matches!(m.how, How::Rule(_))
            && m.end > m.start
            && heads.may_end(text.as_bytes()[m.end - 1])
            && COMPETITION_HEADS.contains(last_word(&text[m.start..m.end], char::is_alphanumeric))
    };
    // Most mentions are the gazetteer's, told by their entity before the call.
    let competitions: FxHashSet<u32> = mentions
        .iter()
        .filter(|m| (m.entity as usize) >= gaz.entities.len() && discovered(m))
        .filter(|m| {
            let next = text[m.end..]
                .trim_start_matches(' ')
                .split(|c: char| !(c.is_alphanumeric() || c == '-'))
                .next()
                .unwrap_or("");
            COMPETITION_AFTER.contains(&next.to_lowercase())
                || phrase_before(&text[..m.start], &COMPETITION_BEFORE, 4)
        })
        .map(|m| m.entity)
        .collect();
    if !competitions.is_empty() {
        mentions.retain(|m| !(discovered(m) && competitions.contains(&m.entity)));
    }
}

/// Whether the text before a town's name ends with a word or phrase of `lexicons/team_before.txt`
/// ("Chelsea beat", "a 3-2 victory over"), compared in lower case, word by word.
fn team_before(before: &str) -> bool {
    phrase_before(before, &TEAM_BEFORE, 3)
}

/// Whether `before` ends, after one space, with a phrase of `list` of up to `longest` words,
/// compared in lower case.
fn phrase_before(before: &str, list: &WordList, longest: usize) -> bool {
    if !before.ends_with(' ') {
        return false;
    }
    let mut phrase = String::new();
    for (n, w) in before.split_whitespace().rev().take(longest).enumerate() {
        let mut longer = w.to_lowercase();
        if n > 0 {
            longer.push(' ');
            longer.push_str(&phrase);
        }
        phrase = longer;
        if list.contains(&phrase) {
            return true;
        }
    }
    false
}

/// Whether the words around a place mention let it stand for a team: no word of
/// `lexicons/place_before.txt` right before it (in any case: "In Seattle", "At Portsmouth :"); not a
/// venue (before " :" or " (", or inside parentheses: "Leicester : Leicestershire beat Somerset",
/// "( at The Oval , London )"); not "-based"; and not part of a longer capitalised name ("Devon
/// White", "SC Freiburg", "Dublin Newsroom"), in text not written in capitals.
fn team_context(text: &str, sentence_start: usize, m: &Mention) -> bool {
    let before = text[sentence_start.min(m.start)..m.start].trim_end_matches(' ');
    let after = text[m.end..].trim_start_matches(' ');
    // The tests that read a byte or two come first.
    if after.starts_with([':', '(', ')', '-']) || before.ends_with('(') {
        return false;
    }
    let prev = last_word(before, |c| c.is_alphanumeric() || c == '-');
    let prev = (!prev.is_empty() && before.ends_with(prev)).then_some(prev);
    // An ASCII word without a capital is its own lower case.
    let place_before = |w: &str| {
        PLACE_BEFORE.contains(w)
            || if w.is_ascii() {
                w.bytes().any(|b| b.is_ascii_uppercase())
                    && PLACE_BEFORE.contains(&w.to_ascii_lowercase())
            } else {
                PLACE_BEFORE.contains(&w.to_lowercase())
            }
    };
    if prev.is_some_and(place_before) {
        return false;
    }
    let mixed_case_name =
        |w: &str| crate::tokens::is_capitalized(w) && w.chars().any(char::is_lowercase);
    // The word after is cut out only when it is asked about.
    let next = || {
        after
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .next()
            .unwrap_or("")
    };
    !(prev.is_some_and(mixed_case_name)
        || (text[m.end..].starts_with(' ') && mixed_case_name(next())))
}

/// A place that can stand for a team: a town, city, county or state, not a country or a region.
fn stands_for_team(entity: &crate::entity::Entity) -> bool {
    !entity.kind_is(&["country", "former_country", "region", "site"])
}

/// Whether the document's first line opens with a team sport and " -" or ":".
pub fn is_team_sports(text: &str) -> bool {
    let first = text.trim_start().lines().next().unwrap_or("");
    let bytes = first.as_bytes();
    // What comes before the first " -", or else before the first ":".
    let end = memchr::memchr_iter(b'-', bytes)
        .find(|&i| i > 0 && bytes[i - 1] == b' ')
        .map(|i| i - 1)
        .or_else(|| memchr::memchr(b':', bytes));
    let Some(slug) = end.map(|end| first[..end].trim()) else {
        return false;
    };
    slug.split_whitespace().count() <= 3 && TEAM_SPORTS.contains(&slug.to_lowercase())
}

/// A dateline: a short sentence of capitalised words and commas ending in a date
/// ("LONDON 1996-08-30", "ARLINGTON , Texas 1996-08-30").
fn is_dateline(sentence: &str) -> bool {
    // A date ends in a digit: most sentences are told by their last byte (a sentence ends with its
    // last token, and only the whole text, which may end in spaces, is trimmed first).
    if !sentence
        .trim_end()
        .as_bytes()
        .last()
        .is_some_and(u8::is_ascii_digit)
    {
        return false;
    }
    // Most sentences do not end in a date: their words are not split.
    let ends_in_date = sentence
        .split_whitespace()
        .next_back()
        .is_some_and(|last| last.len() == 10 && last.as_bytes()[4] == b'-');
    if !ends_in_date {
        return false;
    }
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let Some((last, rest)) = words.split_last() else {
        return false;
    };
    let date = last.len() == 10
        && last.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    date && rest.len() <= 6
        && rest
            .iter()
            .all(|w| *w == "," || crate::tokens::is_capitalized(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::discover::tests::found;

    #[test]
    fn towns_are_teams_in_team_sports_documents() {
        let text = "CRICKET - ADELAIDE WIN\nTEHRAN 1996-08-30\nAdelaide beat Tehran by five \
                    wickets in Adelaide . Iran were third .\nAt Tehran : Adelaide 83 .\n";
        let got = found(text);
        let teams: Vec<&str> = got
            .iter()
            .filter(|g| g.1.starts_with("organization:"))
            .map(|g| g.0.as_str())
            .collect();
        assert_eq!(
            teams,
            ["ADELAIDE", "Adelaide", "Tehran", "Adelaide"],
            "{got:?}"
        );
        assert!(got.iter().any(|g| g.0 == "TEHRAN" && g.1 == "place:tehran"));
        assert!(got.iter().any(|g| g.0 == "Iran" && g.1 == "place:iran"));
        assert!(got
            .iter()
            .any(|g| g.1 == "organization:adelaide" && g.2 == RULE));
        // Without the sports slug, the results line ("Adelaide 83") and "beat Tehran" show both
        // towns to be teams: the same mentions are.
        let got = found(&text.replacen("CRICKET -", "Report:", 1));
        let unslugged: Vec<&str> = got
            .iter()
            .filter(|g| g.1.starts_with("organization:"))
            .map(|g| g.0.as_str())
            .collect();
        assert_eq!(unslugged, teams, "{got:?}");
        // Without them, every town is a place.
        let got = found("Report: ADELAIDE WIN\nAdelaide met Tehran in Adelaide .\n");
        assert!(got.iter().all(|g| g.1.starts_with("place:")), "{got:?}");
    }

    #[test]
    fn a_town_shown_to_be_a_team_is_the_team_throughout_the_document() {
        let got = found(
            "Adelaide lost to Tehran on Saturday . Tehran had won twice . Fans in Tehran cheered \
             . Adelaide is a city .\n",
        );
        let tehran: Vec<&str> = got
            .iter()
            .filter(|g| g.0 == "Tehran")
            .map(|g| g.1.as_str())
            .collect();
        assert_eq!(
            tehran,
            ["organization:tehran", "organization:tehran", "place:tehran"],
            "{got:?}"
        );
        assert!(got
            .iter()
            .all(|g| g.0 != "Adelaide" || g.1 == "place:adelaide"));
        // One club word is not enough to make every mention of a town its team.
        let got = found("Tehran fans were happy . Tehran is a big city .\n");
        let tehran: Vec<&str> = got
            .iter()
            .filter(|g| g.0 == "Tehran")
            .map(|g| g.1.as_str())
            .collect();
        assert_eq!(tehran, ["organization:tehran", "place:tehran"], "{got:?}");
    }

    #[test]
    fn competitions_are_not_entities() {
        let got = found(
            "The Acme League is old . Rovers lost the Acme League final . The Zeta League met .\n",
        );
        assert!(got.iter().all(|g| g.0 != "Acme League"), "{got:?}");
        assert!(
            got.iter()
                .any(|g| g.0 == "Zeta League" && g.1 == "organization:zeta-league"),
            "{got:?}"
        );
        // So is one a phrase of competition_before.txt comes before.
        let got = found("They hope to qualify for the Acme League . The Acme League is old .\n");
        assert!(got.iter().all(|g| g.0 != "Acme League"), "{got:?}");
        // A competition is no club either.
        let got = found("He joined a Championship side .\n");
        assert!(got.is_empty(), "{got:?}");
        // Every head word's last byte lets a name ending in it be read.
        for head in COMPETITION_HEADS.iter() {
            let last = head.as_bytes()[head.len() - 1];
            assert!(COMPETITION_HEAD_SHAPES.may_end(last), "{head}");
        }
    }

    #[test]
    fn phrases_before_a_team() {
        assert!(team_before("Chelsea beat "));
        assert!(team_before("a 3-2 Victory over "));
        assert!(team_before("He signed for "));
        assert!(!team_before("He moved to "));
        assert!(!team_before("Chelsea beat"));
        assert!(!team_before(""));
        assert!(phrase_before(
            "They may Qualify for the ",
            &COMPETITION_BEFORE,
            4
        ));
        assert!(!phrase_before(
            "They may qualify for ",
            &COMPETITION_BEFORE,
            4
        ));
    }

    #[test]
    fn the_last_word_tells_every_phrase_before_a_team() {
        // `may_end_team_before` holds wherever `team_before` does.
        for phrase in TEAM_BEFORE.iter() {
            for before in [
                format!("{phrase} "),
                format!("Then a {} ", phrase.to_uppercase()),
                format!("x\t{phrase}  "),
            ] {
                assert!(may_end_team_before(&before), "{before:?}");
            }
        }
        for before in ["He moved to ", "Chelsea beat", "", " ", "a café "] {
            assert!(!team_before(before) || may_end_team_before(before));
        }
        assert!(!may_end_team_before("He said "));
        assert!(!may_end_team_before("Chelsea beat"));
        // A word read back to a byte beyond ASCII is not told apart.
        assert!(may_end_team_before("a café "));
        // White space beyond ASCII before the space is white space still; a word of another
        // first byte or length than the phrases' last words is told by them.
        for (before, may) in [
            ("Chelsea beat\u{a0} ", true),
            ("Chelsea BEAT\u{2003}\t ", true),
            ("He said\u{a0} ", false),
            ("He was in ", false),
            ("He saw the ", false),
            ("Played FOR ", true),
        ] {
            assert_eq!(may_end_team_before(before), may, "{before:?}");
        }
    }

    #[test]
    fn team_sports_slug() {
        assert!(is_team_sports(
            "CRICKET - LEICESTERSHIRE TAKE OVER\nLONDON 1996-08-30\n"
        ));
        assert!(is_team_sports("RUGBY UNION - WASPS WIN"));
        assert!(is_team_sports("Soccer - results"));
        assert!(!is_team_sports("TENNIS - AGASSI WINS"));
        assert!(!is_team_sports("Leeds council meets"));
        assert!(!is_team_sports("Cricket is a game played - in England"));
        assert!(is_team_sports("Soccer: results"));
        // The first " -" comes before a ":".
        assert!(!is_team_sports("Soccer: results - and more"));
        assert!(!is_team_sports("Soccer-results: today"));
        assert!(!is_team_sports("-"));
    }

    #[test]
    fn datelines() {
        assert!(is_dateline("LONDON 1996-08-30"));
        assert!(is_dateline("ARLINGTON , Texas 1996-08-30"));
        assert!(!is_dateline("Essex beat Kent on 1996-08-30"));
        assert!(!is_dateline("Leeds 2 Hull 1"));
    }
}
