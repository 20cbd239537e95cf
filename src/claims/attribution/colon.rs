//! Attributions that need no cue word, only a colon after the speaker:
//!
//! - `headline`: a paragraph opening "Bernie Sanders: ‘It Is Not A Radical Idea’ …" (a headline) or
//!   "Matthews: Well, …" (a transcript line): the capitalised words before the colon are the speaker,
//!   the rest of the paragraph is the claim. On a title line before a quotation, lowercase words
//!   may be part of the speaker phrase ("WSJ editorial: 'Deport Nikki Haley.'"). Labels such as
//!   "Correction:" are listed in `lexicons/headline_labels.txt`.
//! - `colon_quote`: "… doesn’t surprise Republican pollster Daron Shaw: “…”": a quote right after a
//!   colon that closes a name or a speaker noun phrase.

use super::{Engine, Speaker};
use crate::claims::quotes::has_quote_mark;
use crate::claims::rules::Rule;
use crate::claims::speaker::{self, Phrase, Role};
use crate::claims::tokens::is_capitalized;
use crate::claims::ClaimKind;
use crate::lexicon::WordList;
use once_cell::sync::Lazy;

/// Paragraph-opening labels that are not speakers (`lexicons/headline_labels.txt`).
static LABELS: Lazy<WordList> =
    Lazy::new(|| WordList::parse(include_str!("../../../lexicons/headline_labels.txt")));

/// At most this many tokens before a headline's colon: a name with a title, not a sentence.
const MAX_LABEL: usize = 6;

/// The lemma written for a colon cue: "X: Y" reads "X says Y".
pub(super) const COLON_LEMMA: &str = "say";

impl Engine<'_> {
    /// `headline`: applied to the first sentence of each paragraph, before its quotes.
    pub(super) fn headline(&mut self, si: usize) {
        if !self.opens_paragraph(si) {
            return;
        }
        let r = self.sent_toks[si].clone();
        let Some(colon) =
            (r.start + 1..r.end.min(r.start + MAX_LABEL + 1)).find(|&t| self.is_punct(t, &[':']))
        else {
            return;
        };
        let label_ok = (r.start..colon).all(|t| {
            let w = self.word(t);
            self.toks[t].word && (is_capitalized(w) || matches!(w, "of" | "and" | "at" | "the"))
        });
        // A title line "WSJ editorial: 'Deport Nikki Haley.'", "Republicans' reaction: 'Is that all
        // there is?'": before a quotation, a phrase with lowercase words names the speaker too.
        // Not with a cue or a pronoun in it ("He told reporters: …"), and not in the body, where
        // "Sanders delivered a snappy retort: “…”" is a sentence that other rules read.
        let phrase_ok = || {
            // The document's first line, a paragraph of its own.
            si == 0
                && !self.paragraph_goes_on(si)
                && self.text[self.toks[colon].end..]
                    .trim_start()
                    .starts_with(['“', '"', '‘', '\''])
                && is_capitalized(self.word(r.start))
                && (r.start..colon).all(|t| {
                    (self.toks[t].word || self.is_punct(t, &['\'', '’']))
                        && self.hit_at(t).is_none()
                        && !matches!(
                            speaker::role(self.text, &self.toks[t]),
                            Some(Role::Pronoun(_) | Role::Relative)
                        )
                })
        };
        let label = &self.text[self.bytes(r.start, colon - 1)];
        if !(label_ok || phrase_ok()) || LABELS.contains(&label.to_lowercase()) {
            return;
        }
        let mut last = si;
        while self.paragraph_goes_on(last) {
            last += 1;
        }
        let end = self.sent_toks[last].end;
        let words = (colon + 1..end).filter(|&t| self.toks[t].word).count();
        let Some(content) = self.trimmed(colon + 1, end).filter(|_| words >= 3) else {
            return;
        };
        let body = &self.text[content.clone()];
        let kind = if body.starts_with(['“', '"', '‘', '\'', '«']) {
            ClaimKind::Direct
        } else if has_quote_mark(body) || body.contains(" ‘") || body.contains(" '") {
            ClaimKind::Mixed
        } else {
            ClaimKind::Indirect
        };
        let sp = self.speaker(
            Phrase {
                first: r.start,
                last: colon - 1,
            },
            si,
        );
        let cue = (self.bytes(colon, colon), COLON_LEMMA);
        self.push_with_cue(kind, content, Some(sp), Some(cue), Rule::Headline, si);
    }

    /// `colon_quote`: the speaker of a quote opening right after "Name:" (in the same sentence, or
    /// closing the previous one), with the colon's token.
    pub(super) fn colon_quote(&self, open_tok: usize, si: usize) -> Option<(Speaker, usize)> {
        let floor = self.sent_toks[si].start;
        let (colon, floor, si) = if open_tok > floor {
            (open_tok - 1, floor, si)
        } else {
            let prev = self.sent_toks.get(si.checked_sub(1)?)?.clone();
            (prev.end.checked_sub(1)?, prev.start, si - 1)
        };
        if colon <= floor || !self.is_punct(colon, &[':']) {
            return None;
        }
        self.colon_speaker(colon, floor, si)
            .or_else(|| {
                // "Cruz called them on it: “…”", "Fallon fired back: “…”": no speaker right before
                // the colon, so the clause's subject introduces the quote.
                self.sentence_subject(colon, si)
                    .filter(|s| self.plausible_subject(s))
            })
            .map(|sp| (sp, colon))
    }

    /// The speaker phrase that the colon at token `colon` closes, if any.
    fn colon_speaker(&self, colon: usize, floor: usize, si: usize) -> Option<Speaker> {
        let p = speaker::before(self.text, self.toks, colon, floor)?;
        // "on Twitter:", "in London:" name a place or medium; "from the report:" a source.
        let before = (p.first > floor).then(|| p.first - 1);
        let object_of = |role: Role| {
            before.is_some_and(|b| {
                speaker::role(self.text, &self.toks[b]) == Some(role)
                    && !self.word(b).eq_ignore_ascii_case("from")
            })
        };
        if object_of(Role::Preposition) || before.is_some_and(|b| self.hit_at(b).is_some()) {
            return None;
        }
        if is_capitalized(self.word(p.last)) {
            return Some(self.speaker(p, si));
        }
        if !matches!(
            speaker::role(self.text, &self.toks[p.last]),
            Some(Role::Noun(_))
        ) {
            return None;
        }
        // "Trump issued the following statement:": a noun phrase after a verb is its object, and
        // the sentence's subject is the speaker.
        match before {
            Some(b) if self.toks[b].word && !self.word(b).eq_ignore_ascii_case("from") => {
                self.sentence_subject(p.first, si)
            }
            _ => Some(self.speaker(p, si)),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::claims::attribution::tests::{claims, columns2, columns3};

    #[test]
    fn headlines_and_transcript_lines() {
        let got = claims("Bernie Sanders: ‘Of Course’ Hillary Is Qualified.\nThe Latest: Iran talks resume today.\nMatthews: Well, speculation is bad.");
        assert_eq!(
            columns3(&got, 1, 2, 3),
            vec![
                (
                    "headline",
                    "‘Of Course’ Hillary Is Qualified",
                    "Bernie Sanders"
                ),
                ("headline", "Well, speculation is bad", "Matthews"),
            ]
        );
    }

    #[test]
    fn a_title_with_a_lowercase_speaker_phrase_before_a_quotation() {
        let got = claims("Times editorial: 'Fire the coach.'\nThe board met on Monday. Roe delivered a retort: 'We stay.'");
        assert_eq!(
            columns3(&got, 1, 2, 3),
            vec![("headline", "'Fire the coach.'", "Times editorial")]
        );
    }

    #[test]
    fn quote_after_a_name_and_colon() {
        let got = claims("The surge does not surprise Republican pollster Daron Shaw: “Lesser-known candidates gain the most.” John Bolton issued the following statement: “We mourn.” It trended on Twitter: “Sad!”");
        assert_eq!(
            columns2(&got, 1, 3),
            vec![
                ("colon_quote", "Republican pollster Daron Shaw"),
                ("colon_quote", "John Bolton")
            ]
        );
    }

    #[test]
    fn quote_after_a_clause_and_colon_is_the_subjects() {
        let got = claims("John Bolton turned on them: “The questions show why nobody trusts the media.” Later Jane Roe looked up: “Nobody asked him.”");
        assert_eq!(
            columns2(&got, 1, 3),
            vec![("colon_quote", "John Bolton"), ("colon_quote", "Jane Roe")]
        );
    }
}
