//! Affiliations from appositives: "Behnam Ben Taleblu, a senior fellow at the Foundation for Defense of
//! Democracies" or "Trita Parsi, co-founder of the Quincy Institute" link a person to an organisation.
//!
//! The rule: a person mention followed by a comma and an appositive that starts with a lowercase word
//! (a role: "a senior fellow", "co-founder", "head") and runs to the next comma, semicolon or sentence
//! end; every organisation mentioned in it is an affiliation of the person.

use crate::entity::{DocEntities, EntityType};
use crate::mentions::Mention;
use crate::sentences::Sentence;

/// Longest appositive considered, in bytes; longer stretches are clauses, not descriptions.
const MAX_APPOSITIVE: usize = 160;

/// (person entity, organisation entity) pairs, one per appositive and organisation, in text order.
pub fn find(
    text: &str,
    sentences: &[Sentence],
    mentions: &[Mention],
    entities: DocEntities,
) -> Vec<(u32, u32)> {
    let kind = |m: &Mention| entities.get(m.entity).kind;
    let mut out = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        if kind(m) != EntityType::Person {
            continue;
        }
        let Some(rest) = text[m.end..].strip_prefix(", ") else {
            continue;
        };
        // A role ("a senior fellow", "head of"), not a relative clause ("who met …").
        let first_word = rest
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let relative = matches!(first_word, "who" | "whose" | "whom" | "which" | "that");
        if !rest.starts_with(|c: char| c.is_lowercase()) || relative {
            continue;
        }
        let start = m.end + 2;
        let k = sentences.partition_point(|s| s.end <= m.start);
        let sentence_end = sentences.get(k).map_or(text.len(), |s| s.end);
        let window = &text[start..sentence_end.max(start)];
        let len = window
            .find([',', ';', '—'])
            .unwrap_or(window.len())
            .min(MAX_APPOSITIVE);
        let end = start + len;
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
        let got: Vec<(&str, &str)> = super::find(&a.doc.text, &a.sentences, &a.mentions, e)
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
