//! The attribution test cases of `tests/attribution_cases.toml`, run by one test (the file's header
//! describes the format).

use crate::corpus::Document;
use crate::gazetteer::tests::sample;
use crate::pipeline::analyze;
use serde::Deserialize;

/// The cases file, embedded so the test needs nothing at run time.
const CASES: &str = include_str!("../../tests/attribution_cases.toml");

/// The whole file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cases {
    case: Vec<Case>,
}

/// One case: a text and the claims expected from it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    #[serde(default)]
    check: Check,
    #[serde(default)]
    #[allow(dead_code)]
    note: String,
    #[serde(default)]
    claim: Vec<Expected>,
}

/// How the expected claims relate to the claims found.
#[derive(Deserialize, Default, Clone, Copy, PartialEq)]
#[serde(rename_all = "lowercase")]
enum Check {
    /// Exactly the claims found, in order.
    #[default]
    All,
    /// Found in this order, among possibly more claims.
    Some,
}

/// The fields of an expected claim; a field left out is not checked.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Expected {
    kind: Option<String>,
    rule: Option<String>,
    content: Option<String>,
    speaker: Option<String>,
    speaker_text: Option<String>,
    speaker_type: Option<String>,
}

/// A claim found, with the fields of [`Expected`] as claims.csv would hold them.
#[derive(Debug)]
struct Found {
    kind: String,
    rule: String,
    content: String,
    speaker: String,
    speaker_text: String,
    speaker_type: String,
}

impl Expected {
    /// The fields it names, with their values and the found claim's.
    fn fields<'a>(&'a self, f: &'a Found) -> [(&'a Option<String>, &'a str); 6] {
        [
            (&self.kind, &f.kind),
            (&self.rule, &f.rule),
            (&self.content, &f.content),
            (&self.speaker, &f.speaker),
            (&self.speaker_text, &f.speaker_text),
            (&self.speaker_type, &f.speaker_type),
        ]
    }

    /// Whether every field it names equals the found claim's.
    fn matches(&self, f: &Found) -> bool {
        self.fields(f)
            .iter()
            .all(|(want, got)| want.as_deref().is_none_or(|w| w == *got))
    }

    /// Whether it names no field at all.
    fn is_blank(&self) -> bool {
        let none = Found {
            kind: String::new(),
            rule: String::new(),
            content: String::new(),
            speaker: String::new(),
            speaker_text: String::new(),
            speaker_type: String::new(),
        };
        self.fields(&none).iter().all(|(want, _)| want.is_none())
    }
}

/// The claims of `text`, analysed as one document with the test gazetteer.
fn found(text: &str) -> Vec<Found> {
    let gaz = sample();
    let a = analyze(Document::from_text("t".into(), "t".into(), text), &gaz);
    let entities = a.entities(&gaz);
    let t = &a.doc.text;
    let slice = |r: &Option<std::ops::Range<usize>>| {
        r.as_ref()
            .map_or(String::new(), |r| t[r.clone()].to_owned())
    };
    a.claims
        .iter()
        .map(|c| Found {
            kind: c.kind.as_str().to_owned(),
            rule: c.rule.name().to_owned(),
            content: t[c.content.clone()].to_owned(),
            speaker: match c.speaker_entity {
                Some(e) => entities.get(e).name.clone(),
                None => slice(&c.speaker_name),
            },
            speaker_text: slice(&c.speaker),
            speaker_type: c.speaker_type.as_str().to_owned(),
        })
        .collect()
}

/// Why `case` fails, if it does.
fn failure(case: &Case) -> Option<String> {
    if case.check == Check::Some && case.claim.iter().any(Expected::is_blank) {
        return Some("a claim table of a 'some' case names no field".into());
    }
    let got = found(&case.text);
    let ok = match case.check {
        Check::All => {
            got.len() == case.claim.len() && case.claim.iter().zip(&got).all(|(e, f)| e.matches(f))
        }
        Check::Some => {
            let mut rest = got.iter();
            case.claim.iter().all(|e| rest.any(|f| e.matches(f)))
        }
    };
    (!ok).then(|| format!("expected {:#?}\nfound {got:#?}", case.claim))
}

#[test]
fn attribution_cases() {
    // Display, not Debug: the error names the line and column without the whole file.
    let cases: Cases = toml::from_str(CASES)
        .unwrap_or_else(|e| panic!("tests/attribution_cases.toml does not parse: {e}"));
    let mut names = std::collections::HashSet::new();
    for case in &cases.case {
        assert!(names.insert(&case.name), "two cases named {:?}", case.name);
    }
    let failures: Vec<String> = cases
        .case
        .iter()
        .filter_map(|c| failure(c).map(|why| format!("case {:?}: {why}", c.name)))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} attribution cases fail:\n{}",
        failures.len(),
        cases.case.len(),
        failures.join("\n\n")
    );
}
