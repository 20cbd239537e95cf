//! End-to-end: `claimgraph run` on the bundled seeds finds the attributed claims the claims issue
//! lists, with exact code-point offsets, and claims_about / affiliated_with edges.

mod common;
use common::*;
use std::collections::HashMap;
use std::path::Path;

type Row = HashMap<String, String>;

/// The one claim whose text starts with `prefix`; panics listing all claims otherwise.
fn claim<'a>(claims: &'a [Row], prefix: &str) -> &'a Row {
    let found: Vec<&Row> = claims
        .iter()
        .filter(|c| c["text"].starts_with(prefix))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one claim starting {prefix:?}; claims: {:#?}",
        claims.iter().map(|c| &c["text"]).collect::<Vec<_>>()
    );
    found[0]
}

fn check(c: &Row, kind: &str, speaker_id: &str, speaker_type: &str, rule: &str) {
    assert_eq!(
        (
            c["kind"].as_str(),
            c["speaker_id"].as_str(),
            c["speaker_type"].as_str(),
            c["rule"].as_str()
        ),
        (kind, speaker_id, speaker_type, rule),
        "{c:#?}"
    );
}

#[test]
fn seed_claims_speakers_and_kinds() {
    let out = run_on_seeds("2");
    let claims = read_csv(&out.path().join("claims.csv"));
    let taleblu = "person:behnam-ben-taleblu";
    let parsi = "person:trita-parsi";

    // Taleblu: the quote's "he said" resolves to him; his "cautioned that" claim is indirect.
    let c = claim(&claims, "It’s likely that anything Tehran could use");
    check(c, "direct", taleblu, "person", "quote_then_cue");
    assert_eq!(c["speaker_text"], "he");
    let c = claim(&claims, "that Iran’s outreach might be less about genuine");
    check(c, "indirect", taleblu, "person", "cue_clause");
    assert_eq!(c["cue"], "caution");

    // Parsi: two quotes, the second by continuation, and "argued that".
    let c = claim(&claims, "They rejected him for a variety of reasons");
    check(c, "direct", parsi, "person", "quote_then_cue");
    let c = claim(&claims, "It left Trump in a situation");
    check(c, "direct", parsi, "person", "quote_continuation");
    let c = claim(&claims, "that Iran may view this moment");
    check(c, "indirect", parsi, "person", "cue_clause");
    assert_eq!(c["cue"], "argue");

    // The anonymous former official's two quotes.
    for prefix in ["They can try all they want", "We tend to remember things"] {
        let c = claim(&claims, prefix);
        assert_eq!(
            (c["kind"].as_str(), c["speaker_type"].as_str()),
            ("direct", "anonymous"),
            "{c:#?}"
        );
        assert_eq!(c["speaker"], "a former Trump administration official");
    }

    // Cheung declined.
    let c = claim(&claims, "to address the matter");
    check(c, "declined", "person:steven-cheung", "person", "declined");

    // "U.S. officials believe …" is a group claim.
    let c = claim(&claims, "that Tehran holds significant sway");
    assert_eq!(
        (
            c["speaker_type"].as_str(),
            c["speaker_text"].as_str(),
            c["cue"].as_str()
        ),
        ("group", "U.S. officials", "believe")
    );

    // Seed 000: Trump's indirect claim that Iran has already agreed.
    let c = claim(
        &claims,
        "that Iran has already agreed not to pursue nuclear weapons",
    );
    assert_eq!(c["doc_id"], "000_a6784129de98afe4");
    check(c, "indirect", "person:donald-trump", "person", "participle");

    // Scare quotes and titles are not claims.
    for phrase in ["Iran war", "maximum pressure", "success", "deal"] {
        assert!(
            claims.iter().all(|c| {
                let t = c["text"].trim_matches(|ch: char| !ch.is_alphanumeric());
                t != phrase
            }),
            "{phrase:?} must not be a claim"
        );
    }
}

#[test]
fn claim_offsets_are_code_point_slices() {
    let out = run_on_seeds("1");
    let claims = read_csv(&out.path().join("claims.csv"));
    assert!(claims.len() >= 10);
    let mut texts: HashMap<String, Vec<char>> = HashMap::new();
    for c in &claims {
        let chars = texts.entry(c["doc_id"].clone()).or_insert_with(|| {
            normalised_chars(&Path::new("seeds").join(format!("{}.txt", c["doc_id"])))
        });
        // Formula-neutralised cells start with an apostrophe; none of the seed claims do.
        assert_eq!(c["text"], slice(chars, &c["start"], &c["end"]), "{c:#?}");
        if !c["speaker_start"].is_empty() {
            assert_eq!(
                c["speaker_text"],
                slice(chars, &c["speaker_start"], &c["speaker_end"]),
                "{c:#?}"
            );
        }
        assert!(c["claim_id"].starts_with(&format!("{}#c", c["doc_id"])));
    }
}

#[test]
fn claims_header_edges_and_determinism() {
    let a = run_on_seeds("1");
    let b = run_on_seeds("2");
    for name in ["claims.csv", "edges.csv", "documents.csv"] {
        let x = std::fs::read(a.path().join(name)).unwrap();
        let y = std::fs::read(b.path().join(name)).unwrap();
        assert!(x == y, "{name} differs between 1 and 2 threads");
    }
    assert_eq!(
        header(&a.path().join("claims.csv")),
        [
            "claim_id",
            "doc_id",
            "kind",
            "start",
            "end",
            "text",
            "speaker",
            "speaker_id",
            "speaker_type",
            "speaker_start",
            "speaker_end",
            "speaker_text",
            "cue",
            "cue_start",
            "cue_end",
            "rule",
            "confidence",
            "sentence",
            "entities"
        ]
    );
    let edges = read_csv(&a.path().join("edges.csv"));
    let has = |kind: &str, s: &str, t: &str| {
        edges.iter().any(|e| {
            e["kind"] == kind && e["Source"] == s && e["Target"] == t && e["Type"] == "Directed"
        })
    };
    assert!(has(
        "affiliated_with",
        "person:behnam-ben-taleblu",
        "organization:foundation-for-defense-of-democracies"
    ));
    assert!(has(
        "affiliated_with",
        "person:trita-parsi",
        "organization:quincy-institute"
    ));
    assert!(has(
        "claims_about",
        "person:behnam-ben-taleblu",
        "place:tehran"
    ));
    assert!(has("claims_about", "person:trita-parsi", "place:iran"));
}
