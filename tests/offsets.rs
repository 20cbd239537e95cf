//! Property: every mention's text equals the code-point slice of the normalised document, for any
//! Unicode input (including CR, BOM, curly quotes and names glued to other scripts).

use claimgraph::corpus::Document;
use claimgraph::gazetteer::Gazetteer;
use claimgraph::pipeline::analyze;
use claimgraph::text::CharIndex;
use proptest::prelude::*;
use std::path::PathBuf;

fn gazetteer() -> Gazetteer {
    let tsv = "id\ttype\tname\taliases\tdemonyms\tattributes\n\
               \tplace\tIran\t\tIranian\t\n\
               \tplace\tUnited States\tU.S.|US\tAmerican\t\n\
               \tperson\tTrita Parsi\t\t\t\n\
               \torganization\tInternational Atomic Energy Agency\tIAEA\t\t\n\
               \tplace\tZürich\t\t\t\n";
    Gazetteer::from_sources(&[(PathBuf::from("g.tsv"), tsv.into())]).unwrap()
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Iran".to_string()),
        Just("Iranian".to_string()),
        Just("U.S.".to_string()),
        Just("Trita Parsi".to_string()),
        Just("Parsi".to_string()),
        Just("’s".to_string()),
        Just("International Atomic Energy Agency (IAEA)".to_string()),
        Just("IAEA".to_string()),
        Just("Zürich".to_string()),
        Just("\r\n".to_string()),
        Just("\u{feff}".to_string()),
        Just(". ".to_string()),
        Just("“".to_string()),
        Just("-".to_string()),
        "\\PC{0,6}",
        " {1,2}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn mention_text_equals_code_point_slice(pieces in prop::collection::vec(piece(), 0..40)) {
        let raw: String = pieces.concat();
        let gaz = gazetteer();
        let a = analyze(Document::from_text("d".into(), "d".into(), &raw), &gaz);
        let chars: Vec<char> = a.doc.text.chars().collect();
        let idx = CharIndex::new(&a.doc.text);
        let mut last_end = 0;
        for m in &a.mentions {
            let (s, e) = (idx.char_offset(m.start), idx.char_offset(m.end));
            let slice: String = chars[s..e].iter().collect();
            prop_assert_eq!(&slice, &a.doc.text[m.range()]);
            prop_assert!(m.start >= last_end, "mentions overlap");
            last_end = m.end;
        }
        for s in &a.sentences {
            prop_assert!(s.start < s.end && a.doc.text.is_char_boundary(s.start));
        }
    }
}
