//! `quote_context`: a quote no cue introduces, attributed from its context.
//!
//! PolNeAR-style news annotates nearly every quoted clause as somebody's words, even without a
//! speech verb next to it (“…” opening a paragraph after a speaker's turn, *Trump turned on CNN, a
//! network that “doesn’t treat me properly”*). After the cue rules have run on a sentence, a quote
//! that is a clause, is not a title and lies in no claim yet becomes a claim of the sentence's
//! subject (a quote inside the sentence; failing one, a person named at the sentence's start, then
//! the person or personal pronoun nearest before the quote) or of the most recent speaker (a quote
//! opening it; failing one, the previous sentence's subject). A quoted fragment ("called her
//! “third-rate”") is a claim only when the sentence's subject is a known person in the same clause;
//! fragments joined by "and" or "or" are one claim.

use super::{Engine, Speaker};
use crate::claims::quotes::is_clause;
use crate::claims::rules::Rule;
use crate::claims::speaker::{self, Phrase, Role};
use crate::claims::{ClaimKind, SpeakerType};
use crate::entity::EntityType;
use std::ops::Range;

/// How many tokens into its sentence a person's name may start to be taken for the subject of a
/// quote inside the sentence, when no other subject is found.
const SUBJECT_REACH: usize = 5;

impl Engine<'_> {
    /// Applies `quote_context` to the quotes `quotes` (indices) of sentence `si`.
    pub(super) fn context_quotes(&mut self, quotes: Range<usize>, si: usize) {
        for qi in quotes {
            let q = &self.quotes[qi];
            let inner = q.inner.clone();
            if is_title(&self.text[inner.clone()]) || self.covered(&inner) {
                continue;
            }
            if !is_clause(self.text, q) {
                // "“boasters” and “blasphemers”": a fragment joined to the quotation closing the
                // sentence's last claim by "and", "or" or a comma belongs to that claim.
                let joined = self.claims.last().is_some_and(|c| {
                    c.sentence == si
                        && c.kind == ClaimKind::Mixed
                        && c.content.end <= q.open
                        && (self.tok_at(c.content.end)..self.tok_at(q.open))
                            .all(|t| !self.toks[t].word || matches!(self.word(t), "and" | "or"))
                });
                if joined {
                    let last = self.claims.len() - 1;
                    let content = self.claims[last].content.start..inner.end;
                    self.claims[last].mentions = self.mentions_in(&content);
                    self.claims[last].content = content;
                    continue;
                }
                if let Some(sp) = self.fragment_speaker(qi, si) {
                    self.push_with_cue(
                        ClaimKind::Mixed,
                        inner,
                        Some(sp),
                        None,
                        Rule::QuoteContext,
                        si,
                    );
                }
                continue;
            }
            let open_tok = self.tok_at(q.open);
            let opens_sentence = open_tok == self.sent_toks[si].start;
            let after_break = open_tok > 0 && self.is_punct(open_tok - 1, &[',', ':']);
            let sp = if opens_sentence {
                self.recent_speaker(si)
                    .or_else(|| self.previous_subject(si))
            } else {
                self.relative_subject(open_tok, si)
                    .or_else(|| self.sentence_subject(open_tok, si))
                    .filter(|s| self.plausible_subject(s))
                    .or_else(|| {
                        // "Washington, star of “Scandal,” thanked Obama for “…”": a person
                        // named at the sentence's start.
                        let before = self.sentences[si].start..q.open;
                        self.person_speakers(self.mentions_in(&before))
                            .next()
                            .filter(|s| {
                                self.tok_at(s.span.start) < self.sent_toks[si].start + SUBJECT_REACH
                            })
                    })
                    .or_else(|| self.nearest_speaker(open_tok, si))
            };
            if sp.is_none() {
                continue;
            }
            let kind = if opens_sentence || after_break {
                ClaimKind::Direct
            } else {
                ClaimKind::Mixed
            };
            self.push_with_cue(kind, inner, sp, None, Rule::QuoteContext, si);
        }
    }

    /// The speaker closest before token `open` in sentence `si`: a personal pronoun, "who", or a
    /// person's name, outside quotes. In "which he described as “…”", "Beck on Wednesday called
    /// “…”" or "with Cruz recently promising to “…”", the words are the nearest person's.
    fn nearest_speaker(&self, open: usize, si: usize) -> Option<Speaker> {
        let floor = self.sent_toks[si].start;
        let t = (floor..open).rev().find(|&t| {
            if self.quoted[t] || !self.toks[t].word {
                return false;
            }
            match speaker::role(self.text, &self.toks[t]) {
                Some(Role::Pronoun(SpeakerType::Person | SpeakerType::Group)) => true,
                Some(Role::Relative) => self.word(t).eq_ignore_ascii_case("who"),
                _ => self.person_at(t),
            }
        })?;
        let p = match speaker::role(self.text, &self.toks[t]) {
            Some(Role::Pronoun(_) | Role::Relative) => Phrase { first: t, last: t },
            _ => speaker::before(self.text, self.toks, t + 1, floor)?,
        };
        Some(self.speaker(p, si))
    }

    /// "Trump, who has called himself the “law and order candidate,”": a quote in a relative clause
    /// is the words of its "who", which resolves to the name before it.
    fn relative_subject(&self, open: usize, si: usize) -> Option<Speaker> {
        let floor = self.sent_toks[si].start;
        let t = (floor + 1..open)
            .rev()
            .take_while(|&t| !self.is_punct(t, &[',', ';', ':']) && !self.quoted[t])
            .find(|&t| {
                self.word(t).eq_ignore_ascii_case("who")
                    && speaker::role(self.text, &self.toks[t]) == Some(Role::Relative)
            })
            .filter(|&t| self.is_punct(t - 1, &[',']))?;
        Some(self.speaker(Phrase { first: t, last: t }, si))
    }

    /// "Trump later called her “third-rate”": a quoted fragment in a sentence whose subject is a
    /// known person (named, or a pronoun resolved to one), with no punctuation between subject and
    /// quote, is that person's words. (Fragments with any other subject are more often spurious.)
    fn fragment_speaker(&self, qi: usize, si: usize) -> Option<Speaker> {
        let open = self.tok_at(self.quotes[qi].open);
        if open == self.sent_toks[si].start {
            return None;
        }
        let sp = self.sentence_subject(open, si)?;
        let person = sp.ty == SpeakerType::Person && sp.entity.is_some();
        let end = self.tok_at(sp.span.end);
        let same_clause = sp.span.end <= self.quotes[qi].open
            && (end..open).all(|t| !self.is_punct(t, &[',', ';', ':', '—']));
        (person && same_clause).then_some(sp)
    }

    /// Whether token `t` ends a mention of a person.
    fn person_at(&self, t: usize) -> bool {
        let end = self.toks[t].end;
        let k = self.mentions.partition_point(|m| m.end < end);
        self.mentions
            .get(k)
            .is_some_and(|m| m.end == end && self.entities.get(m.entity).kind == EntityType::Person)
    }

    /// Whether a sentence subject is likely a speaker rather than "NEW YORK", "Tunnels" or "it": a
    /// known entity, a personal pronoun or a speaker noun.
    pub(super) fn plausible_subject(&self, s: &Speaker) -> bool {
        let head = &self.toks[self.tok_at(s.span.end).saturating_sub(1)];
        s.entity.is_some()
            || matches!(
                speaker::role(self.text, head),
                Some(Role::Pronoun(SpeakerType::Person | SpeakerType::Group) | Role::Noun(_))
            )
    }

    /// The subject of the sentence before `si` when it is a likely speaker: in "The judge then
    /// turned to me. “Mr. D’Souza?”" the question is the judge's.
    fn previous_subject(&self, si: usize) -> Option<Speaker> {
        let prev = si.checked_sub(1)?;
        if self.paragraph(si) - self.paragraph(prev) > 1 {
            return None;
        }
        self.sentence_subject(self.sent_toks[prev].end, prev)
            .filter(|s| self.plausible_subject(s))
    }

    /// Whether a claim already holds part of `inner` (claims are pushed sentence by sentence, so
    /// only the last few can).
    pub(super) fn covered(&self, inner: &Range<usize>) -> bool {
        self.claims
            .iter()
            .rev()
            .take(8)
            .any(|c| c.content.start < inner.end && inner.start < c.content.end)
    }

    /// The speaker of the latest quote claim (else the latest claim) within a paragraph of
    /// sentence `si`.
    fn recent_speaker(&self, si: usize) -> Option<Speaker> {
        let c = match self.last_quote_claim() {
            Some(i) => &self.claims[i],
            None => self.claims.last()?,
        };
        let near = self
            .paragraph(si)
            .saturating_sub(self.paragraph(c.sentence))
            <= 1;
        near.then(|| self.claim_speaker(c)).flatten()
    }
}

/// Whether quoted words are a title ("Ban on Face Coverings", "The Art of the Deal"): every word
/// but short function words capitalised.
pub(super) fn is_title(words: &str) -> bool {
    let mut content_words = 0;
    for w in words.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty()
            || matches!(
                w,
                "of" | "the"
                    | "and"
                    | "or"
                    | "for"
                    | "on"
                    | "in"
                    | "to"
                    | "a"
                    | "an"
                    | "with"
                    | "at"
                    | "by"
                    | "from"
                    | "vs"
            )
        {
            continue;
        }
        if !w.starts_with(char::is_uppercase) {
            return false;
        }
        content_words += 1;
    }
    content_words >= 2
}

#[cfg(test)]
mod tests {
    use super::is_title;
    use crate::claims::attribution::tests::{claims, columns3};

    #[test]
    fn titles() {
        assert!(is_title("Ban on Face Coverings"));
        assert!(is_title(
            "The Trumps: Three Generations That Built an Empire,"
        ));
        assert!(is_title("The Lead with Jake Tapper"));
        assert!(!is_title("We are ready to talk."));
    }

    #[test]
    fn a_quote_in_a_relative_clause_is_its_whos() {
        let got = claims(
            "John Bolton, who has postured himself as the “last honest man in the room,” spoke.",
        );
        assert_eq!(
            columns3(&got, 1, 3, 4),
            vec![("quote_context", "who", "John Bolton")]
        );
    }

    #[test]
    fn a_fragment_is_its_person_subjects() {
        let got = claims("Donald Trump has often returned to “low-energy” and “overrated” in his speeches. He called her “third-rate” and “overrated” on Monday. The plan was “dead on arrival” there.");
        assert_eq!(
            columns3(&got, 1, 2, 4),
            vec![
                (
                    "quote_context",
                    "low-energy” and “overrated",
                    "Donald Trump"
                ),
                (
                    "cue_clause",
                    "her “third-rate” and “overrated",
                    "Donald Trump"
                ),
            ]
        );
    }

    #[test]
    fn quotes_without_a_cue_take_their_context() {
        let text = "Parsi argued that talks had failed.\n“Nobody expected that, least of all the envoys.”\nTrump turned on CNN in Georgia, a network that “doesn’t treat me properly at all.” The “Ban on Face Coverings” initiative failed.\nTrump’s old friends at the club saw him in a shirt with “we are having a tough night again.”";
        let all = claims(text);
        let got = columns3(&all, 1, 2, 3);
        assert_eq!(
            got[1..],
            [
                (
                    "quote_context",
                    "Nobody expected that, least of all the envoys.",
                    "Parsi"
                ),
                (
                    "quote_context",
                    "doesn’t treat me properly at all.",
                    "Trump"
                ),
                // The possessive names Trump, the nearest person.
                (
                    "quote_context",
                    "we are having a tough night again.",
                    "Trump’s"
                ),
            ]
        );
    }
}
