//! Calendar days for the graph's timeline: a document's day, and the span of days an entity or edge
//! was seen in.
//!
//! A document's day comes from its `date` (the archive timestamp in the page furniture, or the
//! JSONL/CSV date field) or, failing that, a `YYYY-MM-DD` in its file name. Only the day is kept:
//! Gephi's timeline works in days (`timeformat="date"`), and a day is a small `Copy` value, so spans
//! merge commutatively with `min`/`max`.

use crate::corpus::Document;
use std::fmt;
use std::path::Path;

/// A calendar day, ordered chronologically (stored as the number `yyyymmdd`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(u32);

impl Day {
    /// Finds the first `YYYY-MM-DD` in `s` that is not part of a longer number and is a plausible date
    /// (month 1–12, day 1–31).
    pub fn find(s: &str) -> Option<Day> {
        let b = s.as_bytes();
        (0..b.len().saturating_sub(9)).find_map(|i| {
            let w = &b[i..i + 10];
            let digits = |r: std::ops::Range<usize>| {
                w[r].iter().try_fold(0u32, |n, &c| {
                    c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
                })
            };
            let bounded = (i == 0 || !b[i - 1].is_ascii_digit())
                && b.get(i + 10).is_none_or(|c| !c.is_ascii_digit());
            if !bounded || w[4] != b'-' || w[7] != b'-' {
                return None;
            }
            let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
            ((1..=12).contains(&m) && (1..=31).contains(&d))
                .then_some(Day(y * 10_000 + m * 100 + d))
        })
    }

    /// The document's day: from its date, else from a date in its file name.
    pub fn of(doc: &Document) -> Option<Day> {
        doc.date.as_deref().and_then(Day::find).or_else(|| {
            // JSONL/CSV rows have paths like `file.jsonl:12`; the line number holds no date.
            let name = Path::new(&doc.path).file_name()?.to_str()?;
            Day::find(name)
        })
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0;
        write!(f, "{:04}-{:02}-{:02}", n / 10_000, n / 100 % 100, n % 100)
    }
}

/// The first and last day something was seen, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First day seen.
    pub first: Day,
    /// Last day seen.
    pub last: Day,
}

impl Span {
    /// The span of a single day.
    pub fn day(d: Day) -> Span {
        Span { first: d, last: d }
    }

    /// The smallest span covering both; `None` stands for "no dated document".
    pub fn union(a: Option<Span>, b: Option<Span>) -> Option<Span> {
        match (a, b) {
            (Some(a), Some(b)) => Some(Span {
                first: a.first.min(b.first),
                last: a.last.max(b.last),
            }),
            (a, b) => a.or(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_plausible_days_only() {
        let d = Day::find("2026-06-03T12:04:54.967039+00:00").unwrap();
        assert_eq!(d.to_string(), "2026-06-03");
        assert_eq!(Day::find("report-2024-1-02"), None);
        assert_eq!(Day::find("12026-06-03"), None);
        assert_eq!(Day::find("2024-13-01"), None);
        assert_eq!(
            Day::find("x 1999-12-31 y").unwrap().to_string(),
            "1999-12-31"
        );
        assert_eq!(Day::find("2024-02-0"), None);
    }

    #[test]
    fn file_name_date_is_a_fallback() {
        let mut doc = Document::from_text("a".into(), "news/2024-05-06-talks.txt".into(), "Hi.");
        assert_eq!(Day::of(&doc).unwrap().to_string(), "2024-05-06");
        doc.date = Some("2023-01-02".into());
        assert_eq!(Day::of(&doc).unwrap().to_string(), "2023-01-02");
        let row = Document::from_text("b".into(), "2024-05-06.jsonl:3".into(), "Hi.");
        assert_eq!(Day::of(&row).unwrap().to_string(), "2024-05-06");
    }

    #[test]
    fn union_is_commutative() {
        let (a, b) = (Day::find("2024-01-05"), Day::find("2023-12-31"));
        let (a, b) = (a.map(Span::day), b.map(Span::day));
        assert_eq!(Span::union(a, b), Span::union(b, a));
        assert_eq!(Span::union(a, None), a);
        assert_eq!(Span::union(a, b).unwrap().first.to_string(), "2023-12-31");
    }
}
