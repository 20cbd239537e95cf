//! `noun_cue`: a cue used as a noun after its possessor, "her claim that …", "Trump's assertion
//! that “…”". The possessor is the speaker; the content is the "that" clause, ending with its
//! first quotation (or, without one, at the first comma), since the sentence usually goes on with
//! a verb of its own ("… makes clear that …").

use super::{Engine, Hit};
use crate::claims::cues::Frame;
use crate::claims::rules::Rule;
use crate::claims::speaker::{self, Phrase, Role};
use crate::claims::tokens::{possessive_stem, Tok};

/// How many tokens after the noun its "that" may come ("her assertion during the debate that").
const THAT_REACH: usize = 6;

/// Whether `h`, a cue dropped for following a possessive, is a noun cue with its clause: a
/// lexicon noun form after "his", "her", "their", "its" or a name in "'s", with "that" close
/// after it.
pub(super) fn is_noun_use(text: &str, toks: &[Tok], h: &Hit) -> bool {
    if !h.cue.has(Frame::Noun) || h.first == 0 {
        return false;
    }
    let p = &toks[h.first - 1];
    let w = &text[p.range()];
    let possessive = matches!(
        w.to_ascii_lowercase().as_str(),
        "his" | "her" | "their" | "its"
    ) || possessive_stem(w).is_some();
    possessive && that_after(text, toks, h.last + 1).is_some()
}

/// The "that" within reach after token `from`, before any punctuation.
fn that_after(text: &str, toks: &[Tok], from: usize) -> Option<usize> {
    (from..toks.len().min(from + THAT_REACH))
        .take_while(|&t| toks[t].word)
        .find(|&t| &text[toks[t].range()] == "that")
}

impl Engine<'_> {
    /// Applies `noun_cue` to the noun cues of sentence `si`.
    pub(super) fn noun_claims(&mut self, si: usize) {
        let r = self.sent_toks[si].clone();
        let lo = self.nouns.partition_point(|h| h.first < r.start);
        let hi = self.nouns.partition_point(|h| h.first < r.end);
        for k in lo..hi {
            let hit = self.nouns[k];
            if self.nested(&hit) {
                continue;
            }
            let Some(that) = that_after(self.text, self.toks, hit.last + 1).filter(|&t| t < r.end)
            else {
                continue;
            };
            let Some(content) = self.noun_content(that, r.end) else {
                continue;
            };
            if self.covered(&content) {
                continue;
            }
            let possessor = hit.first - 1;
            let p = if speaker::role(self.text, &self.toks[possessor]) == Some(Role::Determiner) {
                Phrase {
                    first: possessor,
                    last: possessor,
                }
            } else {
                match speaker::before(self.text, self.toks, hit.first, r.start) {
                    Some(p) => p,
                    None => continue,
                }
            };
            let sp = self.speaker(p, si);
            let kind = self.reported_kind(&content);
            self.push(kind, content, Some(sp), &hit, Rule::NounCue, si);
        }
    }

    /// The clause from "that" at token `that`: through its first quotation, else to the first
    /// comma or the sentence end `end`.
    fn noun_content(&self, that: usize, end: usize) -> Option<std::ops::Range<usize>> {
        let k = self
            .quotes
            .partition_point(|q| q.open < self.toks[that].start);
        let quote_end = self
            .quotes
            .get(k)
            .map(|q| self.tok_at(q.close))
            .filter(|&c| c <= end);
        let stop = match quote_end {
            Some(c) => c,
            None => (that..end)
                .find(|&t| !self.quoted[t] && self.is_punct(t, &[',', ';']))
                .unwrap_or(end),
        };
        let words = (that + 1..stop).filter(|&t| self.toks[t].word).count();
        if words < 2 {
            return None;
        }
        self.trimmed(that, stop)
    }
}

#[cfg(test)]
mod tests {
    use crate::claims::attribution::tests::{claims, columns3};

    #[test]
    fn possessive_noun_cues() {
        let text = "Jane Roe spoke at the rally. Her remark that “there is a special place for them” drew boos. Bolton's assertion that the deal is dead, at least for now, surprised nobody. The statement was short.";
        let all = claims(text);
        let got = columns3(&all, 1, 2, 3);
        assert_eq!(
            got,
            [
                (
                    "noun_cue",
                    "that “there is a special place for them”",
                    "Her"
                ),
                ("noun_cue", "that the deal is dead", "Bolton's"),
            ]
        );
    }
}
