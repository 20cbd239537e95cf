//! Attribution accuracy on PolNeAR dev and entity accuracy on CoNLL++ dev, as regression guards, and
//! no panic on any PolNeAR or BBC article. Skipped (with a printed reason) when ../shared is absent.

mod common;
use claimgraph::corpus::Document;
use claimgraph::eval::attribution_score::AttributionReport;
use claimgraph::gazetteer::Gazetteer;
use claimgraph::pipeline::analyze;
use common::*;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

fn gazetteer() -> Gazetteer {
    Gazetteer::load_dir(&repo().join("gazetteers")).unwrap_or_else(|e| panic!("{e}"))
}

/// The pipeline's claims scored on the PolNeAR split at `path` under ../shared (rules' bounds),
/// or `None` (with the reason printed) when it is absent.
fn attributions(path: &str) -> Option<AttributionReport> {
    let split = shared(path)?;
    Some(
        claimgraph::eval::attributions::evaluate(&split, &gazetteer(), Default::default()).unwrap(),
    )
}

/// Floors just under the figures measured when the rules last changed (see the README's
/// "Accuracy" section): a drop below them is a regression to explain. Quoted content+speaker's
/// floor is issue #15's bar (0.88), met in session 15 (0.883), and all content+speaker's its bar
/// (0.72), met in session 17 (0.721): a change may not take them back.
#[test]
fn polnear_dev_attribution_scores() {
    let Some(r) = attributions("eval/polnear/dev") else {
        return;
    };
    eprintln!("{r}");
    let floors = [
        ("quoted content", r.quoted_content.f1(), 0.92),
        (
            "quoted content+speaker",
            r.quoted_content_speaker.f1(),
            0.88,
        ),
        ("all content+speaker", r.content_speaker.f1(), 0.72),
        ("all words-exact", r.words_exact.f1(), 0.58),
    ];
    for (name, got, floor) in floors {
        assert!(got >= floor, "{name} F1 {got:.3} fell below {floor}");
    }
}

/// The rule table's confidences are the shares they were measured as (src/claims/rules/mod.rs,
/// "Confidences"): for each rule and speaker side (resolved or unresolved), the share of its claims
/// on PolNeAR train whose content and speaker match, at most 0.95, within the 0.05 of rounding and
/// drift. A side with too few claims is measured over all the rule's claims, and a rule with too
/// few in all keeps its fixed value. When this fails after a rule change, set the confidences it
/// names to the shares it prints, rounded to 0.05, and regenerate the README's rule table.
#[test]
fn rule_confidences_are_their_measured_shares_on_polnear_train() {
    use claimgraph::claims::rules::{Rule, CALIBRATION_MIN_CLAIMS, RULES};
    use std::collections::HashMap;
    let Some(r) = attributions("eval/polnear/train") else {
        return;
    };
    // (claims, content+speaker matches) per rule and side.
    let mut sides: HashMap<(Rule, bool), (usize, usize)> = HashMap::new();
    for (key, o) in &r.by_rule {
        let rule = key
            .rule
            .expect("every prediction of the pipeline names its rule");
        let side = sides.entry((rule, key.unresolved)).or_default();
        side.0 += o.claims;
        side.1 += o.content_speaker;
    }
    let mut off = vec![];
    let mut checked = 0;
    for d in RULES {
        let side = |unresolved| sides.get(&(d.rule, unresolved)).copied().unwrap_or((0, 0));
        let (resolved, unresolved) = (side(false), side(true));
        let all = (resolved.0 + unresolved.0, resolved.1 + unresolved.1);
        if all.0 < CALIBRATION_MIN_CLAIMS {
            continue;
        }
        for (is_unresolved, own) in [(false, resolved), (true, unresolved)] {
            let (claims, right) = if own.0 >= CALIBRATION_MIN_CLAIMS {
                own
            } else {
                all
            };
            let share = (right as f64 / claims as f64).min(0.95);
            let declared = f64::from(d.rule.claim_confidence(is_unresolved));
            checked += 1;
            if (declared - share).abs() > 0.05 + 1e-6 {
                off.push(format!(
                    "{}, {} speaker: confidence {declared:.2}, measured {share:.3} of {claims} claims",
                    d.label(),
                    if is_unresolved { "unresolved" } else { "resolved" },
                ));
            }
        }
    }
    assert!(checked >= 30, "only {checked} confidences measured");
    assert!(
        off.is_empty(),
        "confidences to measure again:\n{}",
        off.join("\n")
    );
}

/// Floors just under the figures in the README's "Accuracy on CoNLL++" table.
#[test]
fn conll_dev_entity_scores() {
    let Some(dev) = shared("eval/conllpp/dev.txt") else {
        return;
    };
    let r = claimgraph::eval::entities::evaluate(&dev, &gazetteer(), None).unwrap();
    eprintln!("{r}");
    use claimgraph::entity::EntityType::*;
    let floors = [
        ("micro", r.exact.micro().f1(), 0.835),
        ("person", r.exact.get(Person).f1(), 0.865),
        ("organization", r.exact.get(Organization).f1(), 0.72),
        ("place", r.exact.get(Place).f1(), 0.87),
    ];
    for (name, got, floor) in floors {
        assert!(got >= floor, "{name} exact F1 {got:.3} fell below {floor}");
    }
}

fn text_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            text_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
}

#[test]
fn no_panic_on_polnear_and_bbc() {
    let mut files = Vec::new();
    for sub in [
        "eval/polnear/train/text",
        "eval/polnear/dev/text",
        "corpora/bbc-news",
    ] {
        if let Some(dir) = shared(sub) {
            text_files(&dir, &mut files);
        }
    }
    let gaz = gazetteer();
    let claims: usize = files
        .par_iter()
        .map(|f| {
            let raw = std::fs::read(f).unwrap();
            let doc = Document::from_text(
                f.display().to_string(),
                f.display().to_string(),
                &String::from_utf8_lossy(&raw),
            );
            let a = analyze(doc, &gaz);
            for c in &a.claims {
                // Every span must slice the text (a bad boundary would have panicked already).
                assert!(c.content.start < c.content.end && c.content.end <= a.doc.text.len());
            }
            a.claims.len()
        })
        .sum();
    eprintln!("{} files, {claims} claims", files.len());
}
