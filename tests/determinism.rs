//! Output bytes do not depend on the thread count or the batch size in documents or bytes (not
//! timed).
//!
//! The corpus mixes the bundled seeds with, when `../shared` is present, 300 BBC articles, so a run
//! spans many batches and both threads get work.

mod common;
use common::*;
use std::path::Path;

fn run(input: &Path, threads: &str, batch: &str, batch_mb: &str) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    claimgraph(&[
        "run",
        input.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--threads",
        threads,
        "--batch-size",
        batch,
        "--batch-mb",
        batch_mb,
        "--quiet",
    ]);
    out
}

#[test]
fn same_bytes_for_any_threads_and_batch_size() {
    let corpus = tempfile::tempdir().unwrap();
    let input = corpus.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    for entry in std::fs::read_dir(repo().join("seeds")).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, input.join(p.file_name().unwrap())).unwrap();
    }
    if let Some(bbc) = shared("corpora/bbc-news/politics") {
        let mut files: Vec<_> = std::fs::read_dir(bbc)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for p in files.iter().take(300) {
            std::fs::copy(p, input.join(p.file_name().unwrap())).unwrap();
        }
    }
    let reference = run(&input, "1", "256", "16");
    // --batch-mb 0: one document per batch, whatever --batch-size says.
    let variants = [
        ("2", "256", "16"),
        ("2", "1", "16"),
        ("1", "7", "16"),
        ("2", "100000", "1000"),
        ("2", "100000", "0"),
    ];
    let names: Vec<String> = std::fs::read_dir(reference.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| {
            [".csv", ".gexf", ".html"]
                .iter()
                .any(|ext| n.ends_with(ext))
        })
        .collect();
    assert!(names.len() >= 5, "{names:?}");
    for (threads, batch, batch_mb) in variants {
        let other = run(&input, threads, batch, batch_mb);
        for name in &names {
            let a = std::fs::read(reference.path().join(name)).unwrap();
            let b = std::fs::read(other.path().join(name)).unwrap();
            assert!(
                a == b,
                "{name} differs with --threads {threads} --batch-size {batch} --batch-mb {batch_mb}"
            );
        }
    }
}
