//! Team sports: in a match report or a results service a town's, county's or state's name stands for
//! its team ("Leicestershire beat Somerset", "Seattle 5 Oakland 3", "NEW YORK AT CALIFORNIA").
//!
//! A document is a team-sports document when its first line opens with a word of
//! `lexicons/team_sports.txt` followed by " -" or ":" (the wire's sports slug: "CRICKET - …",
//! "SOCCER - …"). There, every mention of a gazetteer place that is a town, city, county or state
//! becomes a mention of the organisation of the same name (rule `team`), unless
//! - a word of `lexicons/place_before.txt` comes right before it ("in Leeds", "at Headingley", "the
//!   Leeds ground"), or
//! - it is in a dateline ("LONDON 1996-08-30", "ARLINGTON , Texas 1996-08-30").
//!
//! Countries, former countries and regions stay places: a national team named by its country
//! ("Australia beat Sri Lanka") is conventionally annotated as the place (CoNLL-2003 does so).

use crate::discover::Named;
use crate::entity::EntityType;
use crate::gazetteer::Gazetteer;
use crate::lexicon::{PLACE_BEFORE, TEAM_SPORTS};
use crate::mentions::{How, Mention};
use crate::sentences::Sentence;
use crate::text::last_word;

/// The rule name recorded in `how` and `source`.
pub const RULE: &str = "team";

/// Turns the team mentions of a team-sports document into organisation mentions (see the module
/// documentation). `mentions` are the document's, sorted; entities are created through `named`.
pub(crate) fn retype_teams(
    text: &str,
    sentences: &[Sentence],
    gaz: &Gazetteer,
    named: &mut Named,
    mentions: &mut [Mention],
) {
    if !is_team_sports(text) {
        return;
    }
    let mut s = 0;
    for m in mentions.iter_mut() {
        if m.how == How::Demonym || (m.entity as usize) >= gaz.entities.len() {
            continue;
        }
        let entity = &gaz.entities[m.entity as usize];
        if entity.kind != EntityType::Place || !stands_for_team(entity) {
            continue;
        }
        while s + 1 < sentences.len() && sentences[s].end <= m.start {
            s += 1;
        }
        let sentence = sentences.get(s).map_or(0..text.len(), Sentence::range);
        if is_dateline(&text[sentence.clone()]) {
            continue;
        }
        if !team_context(text, sentence.start, m) {
            continue;
        }
        let name = entity.name.clone();
        m.entity = named.entity(name, EntityType::Organization, RULE, gaz);
        m.how = How::Rule(RULE);
    }
}

/// Whether the words around a place mention let it stand for a team: no word of
/// `lexicons/place_before.txt` right before it (in any case: "In Seattle", "At Portsmouth :"); not a
/// venue (before " :" or " (", or inside parentheses: "Leicester : Leicestershire beat Somerset",
/// "( at The Oval , London )"); not "-based"; and not part of a longer capitalised name ("Devon
/// White", "SC Freiburg", "Dublin Newsroom"), in text not written in capitals.
fn team_context(text: &str, sentence_start: usize, m: &Mention) -> bool {
    let before = text[sentence_start.min(m.start)..m.start].trim_end_matches(' ');
    let after = text[m.end..].trim_start_matches(' ');
    let prev = last_word(before, |c| c.is_alphanumeric() || c == '-');
    let prev = (!prev.is_empty() && before.ends_with(prev)).then_some(prev);
    if prev.is_some_and(|w| PLACE_BEFORE.contains(w) || PLACE_BEFORE.contains(&w.to_lowercase())) {
        return false;
    }
    if after.starts_with([':', '(', ')', '-']) || before.ends_with('(') {
        return false;
    }
    let mixed_case_name =
        |w: &str| w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase);
    let next = after
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .next()
        .unwrap_or("");
    !(prev.is_some_and(mixed_case_name)
        || (text[m.end..].starts_with(' ') && mixed_case_name(next)))
}

/// A place that can stand for a team: a town, city, county or state, not a country or a region.
fn stands_for_team(entity: &crate::entity::Entity) -> bool {
    !entity
        .attributes()
        .any(|(k, v)| k == "kind" && matches!(v, "country" | "former_country" | "region" | "site"))
}

/// Whether the document's first line opens with a team sport and " -" or ":".
pub fn is_team_sports(text: &str) -> bool {
    let first = text.trim_start().lines().next().unwrap_or("");
    let Some(slug) = first
        .split_once(" -")
        .or_else(|| first.split_once(':'))
        .map(|(s, _)| s.trim())
    else {
        return false;
    };
    slug.split_whitespace().count() <= 3 && TEAM_SPORTS.contains(&slug.to_lowercase())
}

/// A dateline: a short sentence of capitalised words and commas ending in a date
/// ("LONDON 1996-08-30", "ARLINGTON , Texas 1996-08-30").
fn is_dateline(sentence: &str) -> bool {
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
            .all(|w| *w == "," || w.starts_with(|c: char| c.is_uppercase()))
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
        // The same sentences in a document without a sports slug name places, but for the team in
        // the results line (the discovery rule `team`).
        let got = found(&text.replacen("CRICKET -", "Report:", 1));
        let teams = got.iter().filter(|g| g.1.starts_with("organization:"));
        assert_eq!(teams.count(), 1, "{got:?}");
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
    }

    #[test]
    fn datelines() {
        assert!(is_dateline("LONDON 1996-08-30"));
        assert!(is_dateline("ARLINGTON , Texas 1996-08-30"));
        assert!(!is_dateline("Essex beat Kent on 1996-08-30"));
        assert!(!is_dateline("Leeds 2 Hull 1"));
    }
}
