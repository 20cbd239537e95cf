//! Recognising page furniture (navigation, archive stamps, duplicated titles) so that it stays out of
//! entity and claim extraction, and lifting the document's date and title out of it.
//!
//! The rules are data, in `lexicons/boilerplate.tsv`; only the top and bottom of a document are
//! examined, because that is where scrapers leave their furniture and it keeps the cost per document
//! constant.

use crate::corpus::Document;
use crate::lexicon::LexiconError;
use once_cell::sync::Lazy;
use regex::Regex;
use std::ops::Range;

/// Lines at the top of a document examined for boilerplate.
const HEAD_LINES: usize = 6;
/// Lines at the bottom of a document examined for boilerplate.
const TAIL_LINES: usize = 4;
/// A first line longer than this is body text, not a title.
const MAX_TITLE_CHARS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Drop,
    Date,
}

struct Rule {
    action: Action,
    regex: Regex,
}

/// The lexicon file of the rules.
const FILE: &str = "boilerplate.tsv";

static RULES: Lazy<Vec<Rule>> =
    Lazy::new(|| parse_rules(crate::lexicon::bundled(FILE)).unwrap_or_else(|e| panic!("{e}")));

/// Checks the bundled rules (for `lexicon::check_all`): the first fault as `lexicons/FILE:LINE`.
pub fn check_rules() -> Result<(), LexiconError> {
    parse_rules(crate::lexicon::bundled(FILE)).map(drop)
}

fn parse_rules(source: &str) -> Result<Vec<Rule>, LexiconError> {
    let mut rules = Vec::new();
    for (i, line) in source.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |message: String| LexiconError {
            file: FILE,
            line: i + 1,
            message,
        };
        let (action, pattern) = line
            .split_once('\t')
            .ok_or_else(|| err("expected action<TAB>regex".into()))?;
        let action = match action {
            "drop" => Action::Drop,
            "date" => Action::Date,
            other => return Err(err(format!("unknown action {other:?} (drop or date)"))),
        };
        let regex = Regex::new(pattern).map_err(|e| err(e.to_string()))?;
        rules.push(Rule { action, regex });
    }
    Ok(rules)
}

/// What was recognised in one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Furniture {
    /// Byte ranges (whole lines, without their newline) to keep out of extraction, sorted.
    pub ranges: Vec<Range<usize>>,
    /// The archive date or timestamp, as written.
    pub date: Option<String>,
    /// The headline: the first non-boilerplate line when it is short and not a sentence.
    pub title: Option<String>,
}

/// The pipeline's page-furniture stage: records `doc`'s boilerplate lines and title, and the date
/// they hold unless the input gave the document one (a JSONL or CSV date field wins).
pub fn furnish(doc: &mut Document) {
    let furniture = recognise(&doc.text);
    doc.boilerplate = furniture.ranges;
    doc.title = furniture.title;
    if doc.date.is_none() {
        doc.date = furniture.date;
    }
}

/// Finds boilerplate lines, the date and the title of a normalised document.
pub fn recognise(text: &str) -> Furniture {
    let lines: Vec<Range<usize>> = line_ranges(text)
        .filter(|r| !text[r.clone()].trim().is_empty())
        .collect();
    let mut out = Furniture::default();
    let n = lines.len();
    let mut prev: Option<&str> = None;
    for (k, r) in lines.iter().enumerate() {
        let line = text[r.clone()].trim();
        let examined = k < HEAD_LINES || k + TAIL_LINES >= n;
        let mut dropped = false;
        if examined {
            // A rule is tested first (cheap: the rules are anchored, most fail at once); only a
            // date rule that matches is run again for its capture.
            if let Some(rule) = RULES.iter().find(|rule| rule.regex.is_match(line)) {
                if rule.action == Action::Date && out.date.is_none() {
                    out.date = rule
                        .regex
                        .captures(line)
                        .and_then(|caps| caps.get(1))
                        .map(|m| m.as_str().to_owned());
                }
                dropped = true;
            }
            if !dropped && k < HEAD_LINES && prev == Some(line) {
                dropped = true;
            }
        }
        if dropped {
            out.ranges.push(r.clone());
        } else if out.title.is_none() && k < HEAD_LINES && out.ranges.len() == k && is_title(line) {
            // Only the first body line can be the title: every earlier non-empty line was furniture.
            out.title = Some(line.to_owned());
        }
        prev = Some(line);
    }
    out
}

fn is_title(line: &str) -> bool {
    line.chars().count() <= MAX_TITLE_CHARS && !line.ends_with(['.', '"', '”', '?', '!', ':'])
}

/// Byte ranges of the lines of `text`, without their `\n`.
pub fn line_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    text.split('\n').map(move |l| {
        let r = start..start + l.len();
        start = r.end + 1;
        r
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archive_page_furniture() {
        let text = "Back to Some Vault / Permanent Record\n[ARCHIVE]2026-06-03T12:04:54.967039+00:00\nHeadline Here\n\nHeadline Here\n\nBody sentence.\nView Original SourceClassification: Open";
        let f = recognise(text);
        assert_eq!(f.date.as_deref(), Some("2026-06-03T12:04:54.967039+00:00"));
        assert_eq!(f.title.as_deref(), Some("Headline Here"));
        let dropped: Vec<&str> = f.ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            dropped,
            vec![
                "Back to Some Vault / Permanent Record",
                "[ARCHIVE]2026-06-03T12:04:54.967039+00:00",
                "Headline Here",
                "View Original SourceClassification: Open"
            ]
        );
        // The first copy of the headline stays in the body; the duplicate is the one dropped.
        assert_eq!(f.ranges[2].start, text.rfind("Headline Here").unwrap());
    }

    #[test]
    fn plain_article_has_title_and_no_furniture() {
        let f = recognise("Abbas 'will not tolerate' attacks\n\nPalestinian leader said so.\n");
        assert!(f.ranges.is_empty());
        assert_eq!(
            f.title.as_deref(),
            Some("Abbas 'will not tolerate' attacks")
        );
        assert_eq!(recognise("A sentence that ends.\nMore.").title, None);
    }

    #[test]
    fn bundled_rules_parse() {
        assert!(RULES.len() >= 4);
        assert!(parse_rules("zap\t.*").is_err());
    }
}
