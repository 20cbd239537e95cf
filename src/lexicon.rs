//! Word lists that linguists edit: abbreviations, titles and (later) cues.
//!
//! The lists live as plain files under `lexicons/` in the repository and are compiled into the binary,
//! so a release build needs no data directory at run time. Edit the file and rebuild.

use once_cell::sync::Lazy;
use rustc_hash::FxHashSet;

/// A set of entries read from a one-entry-per-line file with `#` comments.
#[derive(Debug, Clone, Default)]
pub struct WordList {
    entries: FxHashSet<String>,
}

impl WordList {
    /// Parses a one-entry-per-line list: blank lines and lines starting with `#` are skipped and
    /// surrounding whitespace is trimmed.
    pub fn parse(source: &str) -> WordList {
        let entries = source
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_owned)
            .collect();
        WordList { entries }
    }

    /// True when `word` is in the list (case-sensitive).
    pub fn contains(&self, word: &str) -> bool {
        self.entries.contains(word)
    }

    /// Iterates over the entries in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(String::as_str)
    }
}

/// A malformed line in a bundled lexicon file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("lexicons/{file}:{line}: {message}")]
pub struct LexiconError {
    /// File name under `lexicons/`.
    pub file: &'static str,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// The data rows of a tab-separated lexicon: (1-based line number, fields). Blank lines and lines
/// starting with `#` are skipped; rows must have exactly `columns` fields, none empty.
pub fn tsv_rows<'a>(
    file: &'static str,
    source: &'a str,
    columns: usize,
) -> impl Iterator<Item = Result<(usize, Vec<&'a str>), LexiconError>> + 'a {
    source
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(move |(i, l)| {
            let fields: Vec<&str> = l.split('\t').map(str::trim).collect();
            if fields.len() != columns || fields.iter().any(|f| f.is_empty()) {
                return Err(LexiconError {
                    file,
                    line: i + 1,
                    message: format!(
                        "expected {columns} non-empty tab-separated fields, found {}",
                        fields.len()
                    ),
                });
            }
            Ok((i + 1, fields))
        })
}

/// Lowercase words allowed inside a capitalised name ("Bank of England", "Osama bin Laden")
/// (`lexicons/name_connectors.txt`).
pub static NAME_CONNECTORS: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/name_connectors.txt")));

/// Connectors a person's name does not run on through ("John Casesa of Schroder")
/// (`lexicons/person_name_stops.txt`).
pub static PERSON_NAME_STOPS: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/person_name_stops.txt")));

/// Words opening a relative clause after a name and a comma ("X, who met …")
/// (`lexicons/relative_pronouns.txt`).
pub static RELATIVE_PRONOUNS: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/relative_pronouns.txt")));

/// Abbreviations whose period does not end a sentence (`lexicons/abbreviations.txt`).
pub static ABBREVIATIONS: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/abbreviations.txt")));

/// Words that open a sentence after an abbreviation that may end one (`lexicons/sentence_openers.txt`).
pub static SENTENCE_OPENERS: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/sentence_openers.txt")));

/// Titles and roles that may precede a person's name (`lexicons/titles.txt`).
pub static TITLES: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/titles.txt")));

/// Capitalised sentence starters that are not given names (`lexicons/not_names.txt`).
pub static NOT_NAMES: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/not_names.txt")));

/// Given names: evidence that a capitalised word starts a person's name (`lexicons/first_names.txt`:
/// US Census and faker; `lexicons/first_names_nam_dict.txt`: nam_dict's given names of 54 countries,
/// GNU FDL 1.2, kept in a file of its own).
pub static FIRST_NAMES: Lazy<WordList> = Lazy::new(|| {
    WordList::parse(concat!(
        include_str!("../lexicons/first_names.txt"),
        "\n",
        include_str!("../lexicons/first_names_nam_dict.txt")
    ))
});

/// Particles that belong to a surname ("da Vinci", "Ben Taleblu") (`lexicons/surname_particles.txt`).
pub static SURNAME_PARTICLES: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/surname_particles.txt")));

/// Common surnames (US Census): evidence that a capitalised word ends a person's name
/// (`lexicons/surnames.txt`).
pub static SURNAMES: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/surnames.txt")));

/// Family names written first (Chinese, Korean, Vietnamese) (`lexicons/family_first.txt`).
pub static FAMILY_FIRST: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/family_first.txt")));

/// Prepositions that mark an ambiguous place name as a place (`lexicons/locatives.txt`).
pub static LOCATIVES: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/locatives.txt")));

/// Coordinators inside a longer capitalised name ("Education and Skills")
/// (`lexicons/name_coordinators.txt`).
pub static NAME_COORDINATORS: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/name_coordinators.txt")));

/// Last words of organisation names (`lexicons/org_heads.txt`).
pub static ORG_HEADS: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/org_heads.txt")));

/// Words after a city's name that show it stands for its club (`lexicons/club_context.txt`).
pub static CLUB_CONTEXT: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/club_context.txt")));

/// Plural verbs after a city's name that show it stands for its club (`lexicons/club_verbs.txt`).
pub static CLUB_VERBS: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/club_verbs.txt")));

/// Last words of club names that stand alone for the club ("United")
/// (`lexicons/club_short_forms.txt`).
pub static CLUB_SHORT_FORMS: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/club_short_forms.txt")));

/// Nouns naming a kind of creative work, before its title ("the film Vera Drake")
/// (`lexicons/work_cues.txt`).
pub static WORK_CUES: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/work_cues.txt")));

/// First words of sports club names (`lexicons/club_prefixes.txt`).
pub static CLUB_PREFIXES: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/club_prefixes.txt")));

/// First words of "<word> of/for/on …" organisation names (`lexicons/org_patterns.txt`).
pub static ORG_PATTERNS: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/org_patterns.txt")));

/// Last words of event, prize and treaty names, which are not entities (`lexicons/event_heads.txt`).
pub static EVENT_HEADS: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/event_heads.txt")));

/// First words of a team-sports document's first line (`lexicons/team_sports.txt`, lower case).
pub static TEAM_SPORTS: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/team_sports.txt")));

/// Words before a place's name that keep it a place in a team-sports document
/// (`lexicons/place_before.txt`).
pub static PLACE_BEFORE: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/place_before.txt")));

/// Words, mostly acronyms, that name no entity (`lexicons/not_entities.txt`).
pub static NOT_ENTITIES: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/not_entities.txt")));

/// Conjunctions opening a subordinate clause at a sentence's start (`lexicons/subordinators.txt`).
pub static SUBORDINATORS: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/subordinators.txt")));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lists_load() {
        assert!(ABBREVIATIONS.contains("Mr"));
        assert!(ABBREVIATIONS.contains("U.S"));
        assert!(TITLES.contains("Supreme Leader"));
        assert!(!TITLES.contains("# Titles"));
        assert!(SUBORDINATORS.contains("although"));
    }
}
