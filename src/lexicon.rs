//! Word lists that linguists edit: abbreviations, titles and (later) cues.
//!
//! The lists live as plain files under `lexicons/` in the repository and are compiled into the binary,
//! so a release build needs no data directory at run time. Edit the file and rebuild.

use once_cell::sync::Lazy;
use std::collections::HashSet;

/// A set of entries read from a one-entry-per-line file with `#` comments.
#[derive(Debug, Clone, Default)]
pub struct WordList {
    entries: HashSet<String>,
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

/// Abbreviations whose period does not end a sentence (`lexicons/abbreviations.txt`).
pub static ABBREVIATIONS: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/abbreviations.txt")));

/// Titles and roles that may precede a person's name (`lexicons/titles.txt`).
pub static TITLES: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/titles.txt")));

/// Capitalised sentence starters that are not given names (`lexicons/not_names.txt`).
pub static NOT_NAMES: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/not_names.txt")));

/// Given names: evidence that a capitalised word starts a person's name (`lexicons/first_names.txt`).
pub static FIRST_NAMES: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/first_names.txt")));

/// Last words of organisation names (`lexicons/org_heads.txt`).
pub static ORG_HEADS: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/org_heads.txt")));

/// First words of "<word> of/for/on …" organisation names (`lexicons/org_patterns.txt`).
pub static ORG_PATTERNS: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/org_patterns.txt")));

/// Last words of event, prize and treaty names, which are not entities (`lexicons/event_heads.txt`).
pub static EVENT_HEADS: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../lexicons/event_heads.txt")));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lists_load() {
        assert!(ABBREVIATIONS.contains("Mr"));
        assert!(ABBREVIATIONS.contains("U.S"));
        assert!(TITLES.contains("Supreme Leader"));
        assert!(!TITLES.contains("# Titles"));
    }
}
