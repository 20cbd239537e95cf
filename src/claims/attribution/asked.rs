//! `asked`: a question put to someone who is not said to ask it, "When asked about the polls, …",
//! "Asked if Trump's comments had rattled them, Ryan said …", "Blumenthal was asked, “…”".
//! PolNeAR annotates the question as an attribution with no source (or the asker after "by"); the
//! person asked answers in a claim of their own.

use super::Engine;
use crate::claims::rules::Rule;
use std::ops::Range;

/// Words before "asked" that make it passive: "when asked", "was asked", "after being asked".
const PASSIVE: &[&str] = &[
    "when", "was", "were", "being", "been", "is", "are", "after", "if", "once", "before",
];

impl Engine<'_> {
    /// Applies `asked` to cue `h` of sentence `si` when it is a passive "asked"; returns whether
    /// it was one (whether or not a question follows).
    pub(super) fn asked(&mut self, h: usize, si: usize) -> bool {
        let hit = self.hits[h];
        let r = self.sent_toks[si].clone();
        if hit.first != hit.last || !self.word(hit.first).eq_ignore_ascii_case("asked") {
            return false;
        }
        let passive = hit.first == r.start
            || PASSIVE.contains(&self.word(hit.first - 1).to_ascii_lowercase().as_str());
        if !passive {
            return false;
        }
        let mut start = hit.last + 1;
        let agent = self.by_agent(start, r.end, si);
        if let Some((_, after)) = &agent {
            start = *after;
        }
        while start < r.end && self.is_punct(start, &[',', ':']) {
            start += 1;
        }
        let Some(content) = self.question(start, r.end) else {
            return true;
        };
        if self.covered(&content) {
            return true;
        }
        self.hits[h].used = true;
        let kind = self.reported_kind(&content);
        let sp = agent.map(|(s, _)| s);
        self.push(kind, content, sp, &hit, Rule::Asked, si);
        true
    }

    /// The question from token `start`: a quotation opening there, else the words up to the
    /// next punctuation outside quotes.
    fn question(&self, start: usize, end: usize) -> Option<Range<usize>> {
        if start >= end {
            return None;
        }
        if self.is_punct(start, &['“', '"', '\'']) && self.quoted[start] {
            let k = self
                .quotes
                .partition_point(|q| q.open < self.toks[start].start);
            let q = self.quotes.get(k)?;
            return Some(q.open..q.close);
        }
        let stop = (start..end)
            .find(|&t| {
                !self.quoted[t] && self.is_punct(t, &[',', ';', '.', ':', '—', '(', '?', '!'])
            })
            .unwrap_or(end);
        self.trimmed(start, stop)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{claims, columns3};

    #[test]
    fn a_question_put_to_someone_has_no_speaker_but_its_asker() {
        let got = claims("When asked about the “not there yet” comment, Jane Roe smiled. Jane Roe was asked, “Would you have told her?” Asked by Trita Parsi if Clinton “gets” race, Jane Roe avoided an answer.");
        let asked: Vec<_> = columns3(&got, 1, 2, 3)
            .into_iter()
            .filter(|c| c.0 == "asked")
            .collect();
        assert_eq!(
            asked,
            vec![
                ("asked", "about the “not there yet” comment", ""),
                ("asked", "“Would you have told her?”", ""),
                ("asked", "if Clinton “gets” race", "Trita Parsi"),
            ]
        );
    }
}
