//! Affiliations from appositives: "Behnam Ben Taleblu, a senior fellow at the Foundation for Defense of
//! Democracies" or "Trita Parsi, co-founder of the Quincy Institute" link a person to an organisation.
//!
//! The rule: a person mention followed by a comma and an appositive that starts with a lowercase word
//! (a role: "a senior fellow", "co-founder", "head") and runs to the next comma, semicolon or sentence
//! end; every organisation mentioned in it is an affiliation of the person.

use crate::entity::{DocEntities, EntityType};
use crate::lexicon::RELATIVE_PRONOUNS;
use crate::mentions::Mention;
use crate::sentences::Sentence;
use crate::tokens::Tokens;

/// Longest appositive considered, in bytes; longer stretches are clauses, not descriptions.
pub(crate) const MAX_APPOSITIVE: usize = 160;

/// (person entity, organisation entity) pairs, one per appositive and organisation, in text order.
/// The appositive is read from the document's token table `table` (see [`crate::tokens`]).
pub fn find(
    text: &str,
    sentences: &[Sentence],
    table: &Tokens,
    mentions: &[Mention],
    entities: DocEntities,
) -> Vec<(u32, u32)> {
    let kind = |m: &Mention| entities.get(m.entity).kind;
    let toks = &table.toks;
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        // Most names are not followed by a comma and a space, which the text's bytes tell before
        // the entity is looked up and the tokens after the name are searched for.
        if bytes.get(m.end) != Some(&b',')
            || bytes.get(m.end + 1) != Some(&b' ')
            || kind(m) != EntityType::Person
        {
            continue;
        }
        // A comma right after the name, one space, and a word in lower case.
        let c = toks.partition_point(|t| t.start < m.end);
        let (Some(comma), Some(word)) = (toks.get(c), toks.get(c + 1)) else {
            continue;
        };
        let start = m.end + 2;
        if comma.start != m.end
            || &text[comma.range()] != ","
            || word.start != start
            || !text[word.range()].starts_with(char::is_lowercase)
        {
            continue;
        }
        // A role ("a senior fellow", "head of"), not a relative clause ("who met …").
        let first_word = text[word.range()]
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if RELATIVE_PRONOUNS.contains(first_word) {
            continue;
        }
        // The appositive runs to the next comma, semicolon or dash of the sentence, or its end.
        let k = sentences.partition_point(|s| s.end <= m.start);
        let (sentence_end, last_tok) = sentences.get(k).map_or((text.len(), toks.len()), |s| {
            (s.end, table.sentences[k].end)
        });
        let stop = toks[c + 1..last_tok.max(c + 1)]
            .iter()
            .find(|t| !t.word && text[t.range()].starts_with([',', ';', '—']))
            .map_or(sentence_end.max(start), |t| t.start);
        let end = start + (stop - start).min(MAX_APPOSITIVE);
        let first = out.len();
        crate::work::add(1);
        for o in mentions[i + 1..].iter().take_while(|o| o.end <= end) {
            crate::work::add(1);
            // "the International Atomic Energy Agency (IAEA)" is one affiliation, not two.
            let pair = (m.entity, o.entity);
            if kind(o) == EntityType::Organization && !out[first..].contains(&pair) {
                out.push(pair);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::corpus::Document;
    use crate::gazetteer::tests::sample;
    use crate::pipeline::analyze;

    #[test]
    fn appositives_link_people_to_organisations() {
        let gaz = sample();
        let text =
            "Rafael Grossi, head of the International Atomic Energy Agency (IAEA), visited. \
                    Trita Parsi, who met the United Nations, left. John Bolton, a critic, spoke.";
        let a = analyze(Document::from_text("t".into(), "t".into(), text), &gaz);
        let e = a.entities(&gaz);
        let table = crate::tokens::tokenize(&a.doc.text, &a.sentences);
        let got: Vec<(&str, &str)> = super::find(&a.doc.text, &a.sentences, &table, &a.mentions, e)
            .iter()
            .map(|&(p, o)| (e.get(p).id.as_str(), e.get(o).id.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![(
                "person:rafael-grossi",
                "organization:international-atomic-energy-agency"
            )]
        );
    }
}
