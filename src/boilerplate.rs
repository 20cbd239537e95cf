//! Recognising page furniture (navigation, archive stamps, duplicated titles) so that it stays out of
//! entity and claim extraction, and lifting the document's date and title out of it.
//!
//! The rules are data, in `lexicons/boilerplate.tsv`; only the top and bottom of a document are
//! examined, because that is where scrapers leave their furniture and it keeps the cost per document
//! constant.

use crate::corpus::Document;
use crate::lexicon::{Bundled, LexiconError};
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
    /// When the rule is anchored at the line's start: the literals every match starts with (one of
    /// them), so that a line starting with none is passed over without running the regex.
    prefixes: Option<Vec<Vec<u8>>>,
}

impl Rule {
    /// Whether the rule matches `line`. A prefix whose first byte is not the line's is passed
    /// over without comparing the rest (a call to `memcmp`).
    fn is_match(&self, line: &str) -> bool {
        let bytes = line.as_bytes();
        let possible = self.prefixes.as_ref().is_none_or(|prefixes| {
            prefixes
                .iter()
                .any(|p| p.first() == bytes.first() && bytes.starts_with(p))
        });
        possible && self.regex.is_match(line)
    }
}

/// The literals every match of `pattern` starts with (one of them), when the pattern is anchored at
/// the start of the text and they are a finite set of non-empty literals, as the regex crate's own
/// literal extraction finds them; None otherwise (the rule is then always run).
fn required_prefixes(pattern: &str) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::{literal::Extractor, Look};
    let hir = regex_syntax::parse(pattern).ok()?;
    if !hir.properties().look_set_prefix().contains(Look::Start) {
        return None;
    }
    let seq = Extractor::new().extract(&hir);
    let literals = seq.literals()?;
    if literals.is_empty() || literals.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    Some(literals.iter().map(|l| l.as_bytes().to_vec()).collect())
}

/// The lexicon file of the rules.
const FILE: &str = "boilerplate.tsv";

static RULES: Bundled<Rules> =
    Bundled::new(|| parse_rules(crate::lexicon::bundled(FILE)).map(Rules::new));

/// The rules in file order, with the first bytes of the lines any of them may match.
struct Rules {
    list: Vec<Rule>,
    /// Whether a line starting with the byte may match a rule: the first bytes of every rule's
    /// prefixes, or every byte when a rule has none (it is always run).
    may_start: [bool; 256],
    /// Whether a rule has no prefixes, so that an empty line may match too.
    unanchored: bool,
}

impl Rules {
    fn new(list: Vec<Rule>) -> Rules {
        let unanchored = list.iter().any(|rule| rule.prefixes.is_none());
        let mut may_start = [unanchored; 256];
        for prefix in list.iter().flat_map(|rule| rule.prefixes.iter().flatten()) {
            may_start[usize::from(prefix[0])] = true;
        }
        Rules {
            list,
            may_start,
            unanchored,
        }
    }

    /// The first rule that matches `line`. Most lines start with a byte no rule's prefix starts
    /// with, and are passed over by one look-up instead of a comparison per prefix.
    fn first_match(&self, line: &str) -> Option<&Rule> {
        let possible = match line.as_bytes().first() {
            Some(&b) => self.may_start[usize::from(b)],
            None => self.unanchored,
        };
        if !possible {
            return None;
        }
        self.list.iter().find(|rule| rule.is_match(line))
    }
}

/// Checks the bundled rules (for `lexicon::check_all`, which reads them once for the run): the
/// first fault as `lexicons/FILE:LINE`.
pub fn check_rules() -> Result<(), LexiconError> {
    RULES.check()
}

fn parse_rules(source: &str) -> Result<Vec<Rule>, LexiconError> {
    let mut rules = Vec::new();
    for (i, line) in source.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let err = LexiconError::at(FILE, i + 1);
        let (action, pattern) = line
            .split_once('\t')
            .ok_or_else(|| err("expected action<TAB>regex".into()))?;
        let action = match action {
            "drop" => Action::Drop,
            "date" => Action::Date,
            other => return Err(err(format!("unknown action {other:?} (drop or date)"))),
        };
        let regex = Regex::new(pattern).map_err(|e| err(e.to_string()))?;
        rules.push(Rule {
            action,
            regex,
            prefixes: required_prefixes(pattern),
        });
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
    let lines = examined_lines(text);
    let mut out = Furniture::default();
    let mut prev: Option<&str> = None;
    for (k, r) in lines.as_slice().iter().enumerate() {
        let line = trimmed(text, r.clone());
        // A rule is tested first (cheap: the rules are anchored, and a line that does not start
        // with a rule's literal is passed over); only a date rule that matches is run again for
        // its capture.
        let mut dropped = false;
        if let Some(rule) = RULES.first_match(line) {
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

/// Line `r` of `text` without the white space at its ends, as `str::trim` cuts it. A line that
/// starts and ends with a printable ASCII byte other than the space, as most do, has none there:
/// it is taken as it is, with no call to trim it.
#[inline]
pub fn trimmed(text: &str, r: Range<usize>) -> &str {
    let bytes = text.as_bytes();
    let printable = |k: usize| bytes.get(k).is_some_and(|b| b.is_ascii_graphic());
    if r.start < r.end && printable(r.start) && printable(r.end - 1) {
        &text[r]
    } else {
        text[r].trim()
    }
}

/// Whether line `r` of `text` holds only white space (as `str::trim` reads it). A line that
/// starts with a printable ASCII byte other than the space does not, with no call to trim it.
#[inline]
fn blank(text: &str, r: Range<usize>) -> bool {
    let starts_printable = r.start < r.end && text.as_bytes()[r.start].is_ascii_graphic();
    !starts_printable && text[r].trim().is_empty()
}

/// The lines [`recognise`] examines, at most [`HEAD_LINES`] and [`TAIL_LINES`] together, held in
/// place (no allocation per document).
struct Examined {
    /// The lines, `len` of them.
    lines: [Range<usize>; HEAD_LINES + TAIL_LINES],
    /// How many there are.
    len: usize,
}

impl Examined {
    /// The lines, in order.
    fn as_slice(&self) -> &[Range<usize>] {
        &self.lines[..self.len]
    }

    /// Adds line `r` after the others.
    fn push(&mut self, r: Range<usize>) {
        self.lines[self.len] = r;
        self.len += 1;
    }
}

/// The lines [`recognise`] examines, in order: the first [`HEAD_LINES`] that are not blank and
/// the last [`TAIL_LINES`] after them (fewer when the text has fewer). Only they are read: the
/// first from the start of the text, the last from its end, so the cost per document does not
/// grow with its length. An empty line (a newline right after the one before) is told without
/// a search for its end.
fn examined_lines(text: &str) -> Examined {
    let mut lines = Examined {
        lines: [const { 0..0 }; HEAD_LINES + TAIL_LINES],
        len: 0,
    };
    // The head, from the start.
    let mut head_end = None;
    for r in line_ranges(text).filter(|r| !blank(text, r.clone())) {
        let end = r.end;
        lines.push(r);
        if lines.len == HEAD_LINES {
            head_end = Some(end);
            break;
        }
    }
    let Some(last_end) = head_end else {
        return lines;
    };
    // The lines after a full head, up to the last TAIL_LINES.
    if last_end < text.len() {
        let tail = lines.len;
        for r in line_ranges_back(text, last_end + 1)
            .filter(|r| !blank(text, r.clone()))
            .take(TAIL_LINES)
        {
            lines.push(r);
        }
        lines.lines[tail..lines.len].reverse();
    }
    lines
}

fn is_title(line: &str) -> bool {
    line.chars().count() <= MAX_TITLE_CHARS && !line.ends_with(['.', '"', '”', '?', '!', ':'])
}

/// Byte ranges of the lines of `text[from..]`, as [`line_ranges`] cuts them, the last first.
fn line_ranges_back(text: &str, from: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut end = text.len();
    memchr::memrchr_iter(b'\n', &text.as_bytes()[from..])
        .map(move |i| from + i + 1)
        .chain(std::iter::once(from))
        .map(move |start| {
            let r = start..end;
            end = start.saturating_sub(1);
            r
        })
}

/// Byte ranges of the lines of `text`, without their `\n` (as `text.split('\n')` cuts them; the
/// newlines are found by a vectorised search). An empty line (a newline right after the one
/// before, between most paragraphs of news text) is told without a search.
pub fn line_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    // Where the next line starts; None after the last.
    let mut next = Some(0);
    std::iter::from_fn(move || {
        let start = next?;
        let end = match bytes.get(start) {
            Some(&b'\n') => start,
            _ => memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i),
        };
        next = (end < bytes.len()).then_some(end + 1);
        Some(start..end)
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

    /// The lines [`recognise`] examines, chosen from a list of every line that is not blank.
    fn every_line_examined(text: &str) -> Vec<Range<usize>> {
        let lines: Vec<Range<usize>> = line_ranges(text)
            .filter(|r| !text[r.clone()].trim().is_empty())
            .collect();
        let n = lines.len();
        let examined = |k: usize| k < HEAD_LINES || k + TAIL_LINES >= n;
        (0..n)
            .filter(|&k| examined(k))
            .map(|k| lines[k].clone())
            .collect()
    }

    #[test]
    fn only_the_head_and_tail_lines_are_read() {
        let pieces = [
            "\n",
            "\n",
            "\n\n",
            " \n",
            "\u{2003}\n",
            "Title\n",
            "Title",
            "Body line.\n",
            "Back to Some Vault / Permanent Record\n",
            "[ARCHIVE]2026-06-03T12:04:54.967039+00:00\n",
            "[ARCHIVE]2025-01-02T00:00:00+00:00\n",
            "Share this page\n",
            "Classification: Open",
            "Subscribe to our newsletter\n",
            "é “x”",
            "\u{a0}x\u{2003}\n",
            "\tx \n",
            "\u{b}\n",
        ];
        for text in crate::testing::random_texts(&pieces, 20_000, 24, 0x5eed_b01e) {
            for r in line_ranges(&text) {
                let line = &text[r.clone()];
                assert_eq!(trimmed(&text, r.clone()), line.trim(), "{line:?}");
                assert_eq!(blank(&text, r), line.trim().is_empty(), "{line:?}");
            }
            assert_eq!(
                examined_lines(&text).as_slice(),
                every_line_examined(&text),
                "{text:?}"
            );
        }
        for text in ["", "\n", "a", " ", "a\nb", "\n\n\nx\n\n"] {
            assert_eq!(
                examined_lines(text).as_slice(),
                every_line_examined(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn lines_are_the_pieces_between_newlines() {
        for text in ["", "\n", "a", "a\n", "\na\n\nbb\n", "a\nb\nc", "é\n\n“x”"] {
            let mut start = 0;
            let want: Vec<Range<usize>> = text
                .split('\n')
                .map(|l| {
                    let r = start..start + l.len();
                    start = r.end + 1;
                    r
                })
                .collect();
            assert_eq!(line_ranges(text).collect::<Vec<_>>(), want, "{text:?}");
            for from in (0..=text.len()).filter(|&i| i == 0 || text.as_bytes()[i - 1] == b'\n') {
                let mut back: Vec<Range<usize>> = line_ranges_back(text, from).collect();
                back.reverse();
                let shifted = line_ranges(&text[from..]).map(|r| r.start + from..r.end + from);
                assert_eq!(back, shifted.collect::<Vec<_>>(), "{text:?} from {from}");
            }
        }
    }

    #[test]
    fn furniture_at_both_ends_of_a_long_document() {
        let body: Vec<String> = (1..=20).map(|i| format!("Body line {i}.")).collect();
        let text = format!(
            "Back to Some Vault / Permanent Record\nTitle\n\nTitle\n{}\nShare this page\n\nClassification: Open\n",
            body.join("\n\n")
        );
        let f = recognise(&text);
        let dropped: Vec<&str> = f.ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            dropped,
            [
                "Back to Some Vault / Permanent Record",
                "Title",
                "Share this page",
                "Classification: Open"
            ]
        );
        assert_eq!(f.title.as_deref(), Some("Title"));
        // A furniture line in the middle is body text.
        let text = format!("{}\nShare this\n{}", body.join("\n"), body.join("\n"));
        assert!(recognise(&text).ranges.is_empty());
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
    fn anchored_rules_are_passed_over_by_their_prefixes() {
        let prefixes = |p: &str| {
            required_prefixes(p).map(|v| {
                v.into_iter()
                    .map(|l| String::from_utf8(l).unwrap())
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(
            prefixes("^View Original Source"),
            Some(vec!["View Original Source".into()])
        );
        assert_eq!(
            prefixes("^(?:Share this|Follow us on)\\b"),
            Some(vec!["Share this".into(), "Follow us on".into()])
        );
        // Not anchored, or no literal every match starts with: always run.
        assert_eq!(prefixes("View Original Source"), None);
        assert_eq!(prefixes("^\\s*Share"), None);
        assert_eq!(prefixes("^(?:Share|.*x)"), None);
        // Every bundled rule has prefixes, and a line each rule matches starts with one of them.
        assert!(RULES.list.iter().all(|r| r.prefixes.is_some()));
        for line in [
            "Back to Some Vault / Permanent Record",
            "[ARCHIVE]2026-06-03T12:04:54.967039+00:00",
            "View Original SourceClassification: Open",
            "Classification: Open",
            "Share this page",
            "Subscribe to our newsletter",
        ] {
            assert!(RULES.list.iter().any(|r| r.regex.is_match(line)), "{line}");
            for r in RULES.list.iter() {
                assert_eq!(r.is_match(line), r.regex.is_match(line), "{line}");
            }
            let first = RULES.list.iter().find(|r| r.regex.is_match(line));
            assert!(std::ptr::eq(
                RULES.first_match(line).unwrap(),
                first.unwrap()
            ));
        }
    }

    #[test]
    fn the_first_byte_filter_passes_every_line_a_rule_matches() {
        let plain =
            |rules: &Rules, line: &str| rules.list.iter().position(|r| r.regex.is_match(line));
        let found = |rules: &Rules, line: &str| {
            rules
                .first_match(line)
                .map(|r| rules.list.iter().position(|x| std::ptr::eq(x, r)).unwrap())
        };
        let unanchored = Rules::new(parse_rules("drop\t^Share\ndrop\tfoo\ndrop\t^$").unwrap());
        let mut lines: Vec<String> = (0u8..128)
            .map(|b| format!("{}hare foo", b as char))
            .collect();
        lines.extend(
            [
                "",
                "Share",
                "a foo",
                "Back to X / Permanent Record",
                "[ARCHIVE]2026-01-02",
            ]
            .map(String::from),
        );
        for line in &lines {
            assert_eq!(found(&RULES, line), plain(&RULES, line), "{line:?}");
            assert_eq!(
                found(&unanchored, line),
                plain(&unanchored, line),
                "{line:?}"
            );
        }
        assert_eq!(found(&unanchored, ""), Some(2));
        assert_eq!(found(&unanchored, "a foo"), Some(1));
    }

    #[test]
    fn bundled_rules_parse() {
        assert!(RULES.list.len() >= 4);
        assert!(parse_rules("zap\t.*").is_err());
    }
}
