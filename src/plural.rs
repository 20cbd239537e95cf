//! Plural forms of words no lexicon lists: "analysts", "Law Lords", "Capital Economics".
//!
//! The endings that make a noun plural ("-s") and those that leave it singular ("-ss", "-us",
//! "-is") are lexicon data (`lexicons/plural_endings.tsv`): the longest listed
//! ending a word has decides, when at least [`MIN_STEM`] letters stand before it. Speaker phrases use
//! it for their head ("a group of agents", "the Music Managers"), and entity discovery for a
//! capitalised name that speaks ("The Law Lords said"): a plural name with no surname at its end
//! and no given name at its start names a body or a group, not a person ([`plural_name`]).

use crate::lexicon::{tsv_rows, Bundled, LexiconError, FIRST_NAMES, SURNAMES, TITLES};

/// The fewest letters a plural form has before its ending: "has", "was" and "its" are no plurals.
pub const MIN_STEM: usize = 3;

/// One row of `lexicons/plural_endings.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ending {
    /// The ending, in lower case.
    pub ending: String,
    /// True when a word with this ending (and no longer listed one) is plural.
    pub plural: bool,
}

/// The bundled endings (`lexicons/plural_endings.tsv`), longest first.
pub static ENDINGS: Bundled<Vec<Ending>> = Bundled::new(|| {
    parse(
        "plural_endings.tsv",
        crate::lexicon::bundled("plural_endings.tsv"),
    )
});

/// Parses an endings table, longest ending first; errors name the line.
pub fn parse(file: &'static str, source: &str) -> Result<Vec<Ending>, LexiconError> {
    let mut out: Vec<Ending> = Vec::new();
    for row in tsv_rows(file, source, 2) {
        let (line, f) = row?;
        let err = LexiconError::at(file, line);
        let plural = match f[1] {
            "plural" => true,
            "singular" => false,
            other => return Err(err(format!("number {other:?} must be plural or singular"))),
        };
        let ending = f[0];
        if ending.is_empty()
            || ending
                .chars()
                .any(|c| !c.is_lowercase() && c != '\'' && c != '’')
        {
            return Err(err(format!(
                "ending {ending:?} must be lowercase letters or apostrophes"
            )));
        }
        if out.iter().any(|e| e.ending == ending) {
            return Err(err(format!("ending {ending:?} is listed twice")));
        }
        out.push(Ending {
            ending: ending.to_owned(),
            plural,
        });
    }
    out.sort_by_key(|e| std::cmp::Reverse(e.ending.len()));
    Ok(out)
}

/// Whether `word` has the form of a plural noun: the longest ending of `lexicons/plural_endings.tsv`
/// it ends with (ignoring ASCII case) is a plural one, with at least [`MIN_STEM`] letters before it.
pub fn is_plural_form(word: &str) -> bool {
    ENDINGS
        .iter()
        .find(|e| ends_with_ignoring_case(word, &e.ending))
        .is_some_and(|e| {
            e.plural && word[..word.len() - e.ending.len()].chars().count() >= MIN_STEM
        })
}

/// Whether `word` ends with the lowercase `ending`, ignoring ASCII case.
fn ends_with_ignoring_case(word: &str, ending: &str) -> bool {
    word.len() >= ending.len()
        && word.is_char_boundary(word.len() - ending.len())
        && word[word.len() - ending.len()..].eq_ignore_ascii_case(ending)
}

/// Whether a capitalised name of the words `before` and then `last` names several, a body or a
/// group, rather than a person: `last` is a plural form that is no surname and no word before it
/// names a person ([`person_words`]) ("Law Lords", "Music Managers", "Capital Economics"; not
/// "Tiger Woods", "Sen. Jeff Sessions", "Chris Evans").
pub fn plural_name<'a>(before: impl IntoIterator<Item = &'a str>, last: &str) -> bool {
    is_plural_form(last) && !SURNAMES.contains(last) && !person_words(before)
}

/// Whether any of `words` is a given name or a title (`lexicons/first_names*.txt`,
/// `lexicons/titles.txt`): the name they open is a person's ("Stephen Vladeck of the University
/// of Texas School", "Sen. Jeff Sessions").
pub fn person_words<'a>(words: impl IntoIterator<Item = &'a str>) -> bool {
    words
        .into_iter()
        .any(|w| FIRST_NAMES.contains(w) || TITLES.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_endings_parse() {
        assert!(ENDINGS.check().is_ok());
    }

    #[test]
    fn plural_forms_are_told_by_their_longest_ending() {
        for w in ["analysts", "Lords", "Managers", "ECONOMICS", "agents"] {
            assert!(is_plural_form(w), "{w}");
        }
        for w in ["press", "census", "analysis", "has", "its", "s", ""] {
            assert!(!is_plural_form(w), "{w}");
        }
    }

    #[test]
    fn plural_names_are_no_people() {
        assert!(plural_name(["Law"], "Lords"));
        assert!(plural_name([], "Lords"));
        assert!(plural_name(["British", "Hit"], "Singles"));
        assert!(!plural_name(["Tiger"], "Woods"));
        assert!(!plural_name(["Bernie"], "Sanders"));
        assert!(!plural_name(["Music"], "Manager"));
        assert!(!plural_name(["Sen.", "Ozzie"], "Reddings"));
    }

    #[test]
    fn bad_rows_name_their_line() {
        let err = parse("t.tsv", "s\tplural\nes\tmany\n").unwrap_err();
        assert!(err.to_string().contains("t.tsv:2"), "{err}");
        let err = parse("t.tsv", "s\tplural\ns\tsingular\n").unwrap_err();
        assert!(err.to_string().contains("t.tsv:2"), "{err}");
        let err = parse("t.tsv", "S\tplural\n").unwrap_err();
        assert!(err.to_string().contains("t.tsv:1"), "{err}");
    }
}
