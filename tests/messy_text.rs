//! Property: no text makes analysis panic, and every span it returns (mention, claim content,
//! speaker, cue) lies on character boundaries, in order, and inside the document. The pieces are the
//! words and marks the rules key on (speech verbs, titles, quote marks, separators, parentheses,
//! "according to", list commas), glued in any order, so that the rules meet the malformed
//! neighbourhoods real archives hold (", , ", a quote mark at a sentence's end, a dangling "said").

use claimgraph::corpus::Document;
use claimgraph::gazetteer::Gazetteer;
use claimgraph::pipeline::analyze;
use proptest::prelude::*;
use std::ops::Range;
use std::path::PathBuf;

fn gazetteer() -> Gazetteer {
    let tsv = "id\ttype\tname\taliases\tdemonyms\tattributes\n\
               \tplace\tIran\t\tIranian\t\n\
               \tperson\tTrita Parsi\t\t\t\n\
               \torganization\tInternational Atomic Energy Agency\tIAEA\t\t\n\
               \torganization\tLabour Party\tLabour\t\t\n";
    Gazetteer::from_sources(&[(PathBuf::from("g.tsv"), tsv.into())]).unwrap()
}

fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "Trita Parsi",
        "Parsi",
        "Smith",
        "Jones",
        "Mr",
        "Dr.",
        "The",
        "the",
        "IBM",
        "IAEA",
        "Party",
        "Labour",
        "Iran",
        "said",
        "told",
        "says",
        "according to",
        "that",
        "and",
        "of",
        "who",
        "he",
        "she",
        "they",
        "it",
        "It's",
        "asked",
        "declined to comment",
        "added",
        ",",
        ", ,",
        ",,",
        ".",
        ". ",
        ":",
        ";",
        " - ",
        "—",
        "\"",
        "“",
        "”",
        "'",
        "‘",
        "’",
        "’s",
        "(",
        ")",
        "( ",
        "\n",
        "\n\n",
        " ",
        "  ",
        "5",
        "1,000",
        "A",
        "?",
        "!",
        "…",
        "é",
        "Zürich",
        "spokesman",
        "officials",
        "a source",
        "an official",
    ])
}

fn check(text: &str, span: &Range<usize>, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} {span:?} out of the text"
    );
    prop_assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} not on character boundaries"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]
    #[test]
    fn any_arrangement_of_rule_words_is_analysed_with_sound_spans(
        pieces in prop::collection::vec((piece(), prop::bool::ANY), 0..60)
    ) {
        let mut raw = String::new();
        for (p, space) in &pieces {
            raw.push_str(p);
            if *space {
                raw.push(' ');
            }
        }
        let a = analyze(Document::from_text("d".into(), "d".into(), &raw), &gazetteer());
        let text = &a.doc.text;
        let mut last_end = 0;
        for m in &a.mentions {
            check(text, &m.range(), "mention")?;
            prop_assert!(m.start >= last_end, "mentions overlap");
            last_end = m.end;
        }
        for c in &a.claims {
            check(text, &c.content, "claim")?;
            prop_assert!(c.content.start < c.content.end, "empty claim {:?}", c.content);
            for (span, what) in [(&c.speaker, "speaker"), (&c.speaker_name, "speaker name"), (&c.cue, "cue")] {
                if let Some(span) = span {
                    check(text, span, what)?;
                }
            }
        }
    }
}
