//! `signature`: a quote that is a paragraph of its own, signed on the next line by a dash and its
//! speaker: "“…”\n\n- Bernie Sanders." or "-Jane Roe, Philadelphia." Fact checks and quote
//! round-ups present each quote this way, with no cue word anywhere.

use super::{Engine, Speaker};
use crate::claims::speaker;
use crate::claims::tokens::is_capitalized;

/// The lemma written for the dash cue: "“Y” - X" reads "X says Y".
pub(super) const LEMMA: &str = "say";

/// At most this many words on a signature line: a name and a short description, not a sentence.
const MAX_WORDS: usize = 12;

impl Engine<'_> {
    /// The speaker signing quote `qi` (which closes in sentence `close_sentence`), and the dash's
    /// token, when the quote fills its paragraph and the next paragraph is one dash-led line
    /// opening with a name.
    pub(super) fn signature(&self, qi: usize, close_sentence: usize) -> Option<(Speaker, usize)> {
        let q = &self.quotes[qi];
        let si = self.sentence_of(q.open);
        let para = self.paragraph(si);
        let opens_paragraph =
            self.tok_at(q.open) == self.sent_toks[si].start && self.opens_paragraph(si);
        let closes_paragraph = self.paragraph(close_sentence) == para
            && (self.tok_at(q.close)..self.sent_toks[close_sentence].end)
                .all(|t| !self.toks[t].word);
        let line = close_sentence + 1;
        let one_line = self.sentences.get(line)?.paragraph != para && !self.paragraph_goes_on(line);
        if !(opens_paragraph && closes_paragraph && one_line) {
            return None;
        }
        let r = self.sent_toks[line].clone();
        let words = r.clone().filter(|&t| self.toks[t].word).count();
        if r.len() < 2 || words > MAX_WORDS || !self.is_punct(r.start, &['-', '–', '—']) {
            return None;
        }
        let p = speaker::after(self.text, self.toks, r.start + 1, r.end)?;
        // The name ends the line or a comma follows it: "- Clinton.", "-Jane Roe, Philadelphia."
        let closed = p.last + 1 == r.end || self.is_punct(p.last + 1, &[',', '.']);
        (p.first == r.start + 1 && is_capitalized(self.word(p.last)) && closed)
            .then(|| (self.speaker(p, line), r.start))
    }
}

#[cfg(test)]
mod tests {
    use crate::claims::attribution::tests::claims;
    use crate::claims::attribution::tests::columns3;

    #[test]
    fn a_quote_signed_on_the_next_line() {
        let got = claims("Here is the list.\n\n\"The plan will cut taxes for everyone.\"\n\n- John Bolton.\n\nThe plan does not.\n\n“We need a new deal.”\n\n-Jane Roe, Philadelphia.\n\n“It is over.”\n\n- and then the vote came.");
        let signed: Vec<_> = columns3(&got, 1, 2, 4)
            .into_iter()
            .filter(|(rule, _, _)| *rule == "signature")
            .collect();
        // A dash line that opens with no name signs nothing.
        assert_eq!(
            signed,
            vec![
                (
                    "signature",
                    "The plan will cut taxes for everyone.",
                    "John Bolton"
                ),
                ("signature", "We need a new deal.", "Jane Roe"),
            ]
        );
    }
}
