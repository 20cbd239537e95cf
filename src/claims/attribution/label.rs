//! `label`: a name given with no one giving it, "a memo titled “The Facts”", "the island was
//! known as ''the Poorhouse of the Caribbean''". PolNeAR annotates the quoted name as an
//! attribution without a source, unless the sentence's subject gives or uses it ("Robby Mook
//! released a memo titled “…”", "whom he dubbed “…”").

use super::{Engine, Speaker};
use crate::claims::speaker;
use crate::claims::ClaimKind;

/// The rule's name in claims.csv.
pub(super) const RULE: &str = "label";

/// Trust in a label's claim: the quoted name is someone's words, but whose is not said.
const CONFIDENCE: f32 = 0.6;

impl Engine<'_> {
    /// Applies `label` to cue `h` of sentence `si`: the quotation opening right after the cue,
    /// unless a claim already holds it.
    pub(super) fn label(&mut self, h: usize, si: usize) {
        let hit = self.hits[h];
        let next = hit.last + 1;
        let Some(at) = self.toks.get(next).map(|t| t.start) else {
            return;
        };
        let k = self.quotes.partition_point(|q| q.open < at);
        let Some(q) = self.quotes.get(k).filter(|q| q.open == at) else {
            return;
        };
        let content = q.open..q.close;
        if self.covered(&content) {
            return;
        }
        let sp = self.label_giver(hit.first, si);
        self.hits[h].used = true;
        self.push(ClaimKind::Mixed, content, sp, &hit, RULE, CONFIDENCE, si);
    }

    /// Who a label before token `cue` is ascribed to: the subject of a relative clause ("what one
    /// Latino conservative has dubbed “…”", "who he dubbed “…”"); else, in "Robby Mook released a
    /// memo titled “…”", the sentence's subject, when it is a likely speaker and the label stands
    /// in its predicate, not in the subject itself ("The ad, titled “…”, features") nor after a
    /// form of "be" ("she is nicknamed “…”", a name no one gives).
    fn label_giver(&self, cue: usize, si: usize) -> Option<Speaker> {
        let floor = self.sent_toks[si].start;
        let prev = cue.checked_sub(1).filter(|&p| p >= floor)?;
        let verb = if matches!(self.word(prev), "has" | "have" | "had") {
            prev
        } else {
            cue
        };
        let relative = speaker::before(self.text, self.toks, verb, floor).filter(|p| {
            p.first > floor
                && matches!(
                    self.word(p.first - 1).to_ascii_lowercase().as_str(),
                    "who" | "whom" | "what" | "which" | "that"
                )
        });
        if let Some(p) = relative {
            return Some(self.speaker(p, si));
        }
        if matches!(
            self.word(prev).to_ascii_lowercase().as_str(),
            "is" | "was" | "are" | "were" | "be" | "been" | "being"
        ) {
            return None;
        }
        let sp = self
            .sentence_subject(cue, si)
            .filter(|s| self.plausible_subject(s))?;
        let after = self.tok_at(sp.span.end);
        let words = (after..cue).filter(|&t| self.toks[t].word).count();
        (words >= 2 || after == cue).then_some(sp)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{claims, columns3};

    #[test]
    fn a_name_given_by_no_one_has_no_speaker() {
        let got = claims("The island was known as ''the Poorhouse of the Caribbean,'' with an economy based on sugar. The ad, titled “Unifier,” ran on Sunday.");
        assert_eq!(
            columns3(&got, 1, 2, 3),
            vec![
                ("label", "''the Poorhouse of the Caribbean,''", ""),
                ("label", "“Unifier,”", ""),
            ]
        );
    }

    #[test]
    fn a_name_given_in_the_predicate_or_a_relative_clause_is_the_subjects() {
        let got = claims("Jane Roe released a memo titled “The Facts on Where the Race Stands.” Later Trita Parsi met Donald Trump, whom he dubbed “the little mogul.”");
        assert_eq!(
            columns3(&got, 1, 2, 3),
            vec![
                ("label", "“The Facts on Where the Race Stands.”", "Jane Roe"),
                ("label", "“the little mogul.”", "he"),
            ]
        );
    }
}
