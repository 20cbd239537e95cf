//! Regressions for the hardening issue: inputs, neighbours or failures that once crashed a run,
//! hung it, or left a mixed set of outputs. Each test reproduces the original failure.

mod common;
use common::*;
use std::fs;
use std::process::Command;

/// Defect 1: a document ending "…, he said" with no full stop panicked the claims engine and took
/// the whole run down (exit 101, no outputs).
#[test]
fn a_document_ending_he_said_without_a_full_stop() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    fs::write(&input, "It was a mistake, he said").unwrap();
    let out = dir.path().join("out");
    run_into(&input, &out, &[]);
    let claims = read_csv(&out.join("claims.csv"));
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0]["text"], "It was a mistake");
    assert_eq!(claims[0]["rule"], "clause_then_cue");
}

/// Defect 1, the general case: a panic inside one document's analysis costs that document only. It
/// is listed as skipped with the stage and message, everything else is written, and the run exits
/// non-zero asking for a bug report. `CLAIMGRAPH_INJECT_PANIC` makes a chosen stage panic.
#[test]
fn a_panic_in_one_document_costs_that_document_not_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(&input).unwrap();
    for f in fs::read_dir(repo().join("seeds")).unwrap() {
        let f = f.unwrap().path();
        fs::copy(&f, input.join(f.file_name().unwrap())).unwrap();
    }
    fs::write(
        input.join("zz.jsonl"),
        "{\"id\":\"row\",\"text\":\"Iran said so.\"}\n",
    )
    .unwrap();
    for stage in ["sentences", "entity discovery", "claims", "graph"] {
        let out = dir.path().join("out");
        let result = Command::new(env!("CARGO_BIN_EXE_claimgraph"))
            .args(run_args(&input, &out, &[]))
            .env(
                "CLAIMGRAPH_INJECT_PANIC",
                format!("{stage}:000_a6784129de98afe4"),
            )
            .current_dir(repo())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(1), "{stage}: {stderr}");
        assert!(
            stderr.contains("1 document(s) hit an internal error"),
            "{stderr}"
        );
        assert!(stderr.contains("000_a6784129de98afe4"), "{stderr}");
        assert!(stderr.contains("please report it"), "{stderr}");
        assert!(
            !stderr.contains("panicked at"),
            "no backtrace noise: {stderr}"
        );
        let docs = read_csv(&out.join("documents.csv"));
        assert_eq!(docs.len(), 3, "{docs:?}");
        let failed = &docs[0];
        assert_eq!(failed["status"], "skipped");
        assert!(
            failed["reason"].starts_with(&format!(
                "internal error in {stage}: injected by CLAIMGRAPH_INJECT_PANIC at src/"
            )),
            "{failed:?}"
        );
        assert_eq!(failed["chars"], "3943", "the text is still counted");
        assert_eq!(docs[1]["status"], "ok");
        assert!(docs[1]["mentions"].parse::<usize>().unwrap() > 50);
        assert_eq!(docs[2]["doc_id"], "row");
        let mentions = read_csv(&out.join("mentions.csv"));
        assert!(mentions
            .iter()
            .all(|m| m["doc_id"] != "000_a6784129de98afe4"));
        for f in [
            "claims.csv",
            "entities.csv",
            "edges.csv",
            "graph.gexf",
            "report.html",
        ] {
            assert!(out.join(f).exists(), "{f} written");
        }
        fs::remove_dir_all(&out).unwrap();
    }
}
