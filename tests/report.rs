//! `report.html`, `--formats` and `--summary`, end to end. The browser tests drive Debian's chromium
//! through playwright-core (tests/browser/); they skip with a reason when it is not installed, except
//! under CI (`CI` set), where `.ci/run` installs it and a missing browser is a failure.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A document whose text holds markup that must be shown as text, and a claim so it is embedded.
const HOSTILE: &str = "<script>alert(1)</script> Talks resumed.\n\n\
“We will <img src=x onerror=alert(2)> never accept this deal, whatever they offer us,” said John Bolton.\n";

fn run_on(input: &Path, extra: &[&str]) -> (tempfile::TempDir, String) {
    let out = tempfile::tempdir().unwrap();
    let (stdout, _) = claimgraph_output(&run_args(input, out.path(), extra));
    (out, stdout)
}

fn hostile_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("2024-03-05-hostile.txt"), HOSTILE).unwrap();
    dir
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn formats_choose_the_outputs() {
    let (out, _) = run_on(&repo().join("seeds"), &["--formats", "gexf,html"]);
    assert_eq!(files(out.path()), ["graph.gexf", "report.html"]);
    let (out, _) = run_on(&repo().join("seeds"), &["--formats", "csv"]);
    assert!(files(out.path()).iter().all(|f| f.ends_with(".csv")));
    let err = claimgraph_fails(&["run", "--formats", "csv,pdf", "--out", "target/unused"]);
    assert!(err.contains("pdf") && err.contains("gexf"), "{err}");
}

#[test]
fn summary_prints_a_table() {
    let (_out, stdout) = run_on(&repo().join("seeds"), &["--summary", "--formats", "csv"]);
    for want in [
        "documents",
        "entities by type",
        "person",
        "claims by kind",
        "direct",
        "declined",
        "top speakers",
        "Trita Parsi",
    ] {
        assert!(stdout.contains(want), "{want:?} missing from:\n{stdout}");
    }
    let (_out, quiet) = run_on(&repo().join("seeds"), &["--formats", "csv"]);
    assert!(quiet.is_empty(), "stdout without --summary: {quiet}");
}

#[test]
fn report_limits_are_flags() {
    // Documents are embedded whole, in input order, while they fit: seed 000 has four claims, 003 more.
    let claim_docs = |extra: &[&str]| {
        let mut args = vec!["--formats", "html"];
        args.extend_from_slice(extra);
        let (out, _) = run_on(&repo().join("seeds"), &args);
        let html = std::fs::read_to_string(out.path().join("report.html")).unwrap();
        [r#""id":"000_"#, r#""id":"003_"#].map(|id| html.contains(id))
    };
    assert_eq!(claim_docs(&["--report-claims", "5"]), [true, false]);
    assert_eq!(claim_docs(&[]), [true, true]);
}

#[test]
fn report_keeps_document_markup_inert() {
    let corpus = hostile_corpus();
    let (out, _) = run_on(corpus.path(), &["--formats", "html,csv"]);
    let html = std::fs::read_to_string(out.path().join("report.html")).unwrap();
    assert!(!html.contains("<script>alert") && !html.contains("<img src=x"));
    assert!(html.contains("\\u003cscript>alert(1)\\u003c/script>"));
    let claims = read_csv(&out.path().join("claims.csv"));
    assert_eq!(claims.len(), 1, "{claims:?}");
}

#[test]
fn dates_in_file_names_give_gexf_spells() {
    let corpus = hostile_corpus();
    let (out, _) = run_on(corpus.path(), &["--formats", "gexf"]);
    let gexf = std::fs::read_to_string(out.path().join("graph.gexf")).unwrap();
    assert!(gexf.contains(r#"timeformat="date""#), "{gexf}");
    assert!(gexf.contains(r#"<spell start="2024-03-05" end="2024-03-05"/>"#));
}

/// The node script and what it needs, or None (with a printed reason) when the browser is missing.
fn browser() -> Option<PathBuf> {
    let chromium = std::env::var_os("CHROMIUM").unwrap_or("/usr/bin/chromium".into());
    let dir = repo().join("tests/browser");
    let missing = if !Path::new(&chromium).exists() {
        Some(format!(
            "{} not found (apt-get install chromium)",
            Path::new(&chromium).display()
        ))
    } else if !dir.join("node_modules/playwright-core").exists() {
        Some("playwright-core not installed (npm ci --prefix tests/browser)".to_string())
    } else {
        None
    };
    match missing {
        None => Some(dir.join("report.mjs")),
        Some(why) => {
            claimgraph::testing::skip(&format!("browser test: {why}"));
            None
        }
    }
}

fn node(script: &Path, args: &[&Path]) {
    let out = Command::new("node")
        .arg(script)
        .args(args)
        .output()
        .expect("node is installed");
    assert!(
        out.status.success(),
        "browser check failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn browser_lists_and_highlights_taleblus_claim() {
    let Some(script) = browser() else { return };
    let out = run_on_seeds("2");
    // Kept as a CI artefact (output/ is git-ignored).
    let shot = repo().join("output/report-screenshot.png");
    std::fs::create_dir_all(shot.parent().unwrap()).unwrap();
    node(
        &script,
        &[Path::new("seeds"), &out.path().join("report.html"), &shot],
    );
    assert!(std::fs::metadata(&shot).unwrap().len() > 10_000);
}

#[test]
fn browser_stays_responsive_at_ten_thousand_claims() {
    let Some(script) = browser() else { return };
    let corpus = tempfile::tempdir().unwrap();
    let mut jsonl = String::new();
    for d in 0..1000 {
        let quotes: Vec<String> = (0..10)
            .map(|k| {
                format!("“Sanctions on Iran number {d}-{k} will not work, and Tehran knows it,” said John Bolton.")
            })
            .collect();
        let row = serde_json::json!({"id": format!("doc{d:04}"), "text": quotes.join("\n\n")});
        jsonl.push_str(&format!("{row}\n"));
    }
    std::fs::write(corpus.path().join("many.jsonl"), jsonl).unwrap();
    let (out, stdout) = run_on(corpus.path(), &["--formats", "html", "--summary"]);
    assert!(stdout.contains("10000"), "{stdout}");
    node(
        &script,
        &[
            Path::new("scale"),
            &out.path().join("report.html"),
            Path::new("10000"),
        ],
    );
}

#[test]
fn browser_renders_document_script_as_text() {
    let Some(script) = browser() else { return };
    let corpus = hostile_corpus();
    let (out, _) = run_on(corpus.path(), &["--formats", "html"]);
    node(
        &script,
        &[Path::new("escape"), &out.path().join("report.html")],
    );
}
