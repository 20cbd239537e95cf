//! Attribution accuracy on PolNeAR dev and entity accuracy on CoNLL++ dev, as regression guards, and
//! no panic on any PolNeAR or BBC article. Skipped (with a printed reason) when ../shared is absent.

mod common;
use claimgraph::corpus::Document;
use claimgraph::gazetteer::Gazetteer;
use claimgraph::pipeline::analyze;
use common::*;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

fn gazetteer() -> Gazetteer {
    Gazetteer::load_dir(&repo().join("gazetteers")).unwrap_or_else(|e| panic!("{e}"))
}

/// Floors just under the figures measured when the rules last changed (see the README's
/// "Accuracy" section): a drop below them is a regression to explain. Quoted content+speaker's
/// floor is issue #15's bar (0.88), met in session 15 (0.883), and all content+speaker's its bar
/// (0.72), met in session 17 (0.721): a change may not take them back.
#[test]
fn polnear_dev_attribution_scores() {
    let Some(dev) = shared("eval/polnear/dev") else {
        return;
    };
    let r =
        claimgraph::eval::attributions::evaluate(&dev, &gazetteer(), Default::default()).unwrap();
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
