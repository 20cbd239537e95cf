//! `run --partial` + `merge`: merging the partials of any split of a corpus gives exactly the bytes
//! of one run over it (every output file and the `--summary` table), and a damaged partial is an
//! error that names its file and writes nothing.

mod common;

use common::{
    assert_same_outputs, claimgraph_fails, claimgraph_output, claimgraph_with_stdin, files,
    read_csv, shared,
};
use std::path::{Path, PathBuf};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Runs `claimgraph merge PARTS --out OUT --summary EXTRA`; returns the summary table.
fn merge(parts: &[PathBuf], out: &Path, extra: &[&str]) -> String {
    let mut args = vec!["merge"];
    args.extend(parts.iter().map(|p| s(p)));
    args.extend(["--out", s(out), "--summary"]);
    args.extend_from_slice(extra);
    claimgraph_output(&args).0
}

/// Runs one partial per slice of `files` (paths relative to `root`) cut at `cuts`; returns the
/// partial folders in order.
fn partials(
    files: &[String],
    cuts: &[usize],
    root: &Path,
    work: &Path,
    extra: &[&str],
) -> Vec<PathBuf> {
    let mut bounds = vec![0];
    bounds.extend_from_slice(cuts);
    bounds.push(files.len());
    bounds
        .windows(2)
        .enumerate()
        .map(|(n, w)| {
            let list = work.join(format!("list-{n}.txt"));
            std::fs::write(&list, files[w[0]..w[1]].join("\n")).unwrap();
            let part = work.join(format!("part-{n:05}"));
            let mut args = vec!["run", "--files-from", s(&list), "--root", s(root)];
            args.extend(["--partial", s(&part), "--quiet"]);
            args.extend_from_slice(extra);
            claimgraph_output(&args);
            part
        })
        .collect()
}

/// The files a run over `dir` reads, relative to `dir`, in corpus order.
fn listed(dir: &Path) -> Vec<String> {
    let (stdout, _) = claimgraph_output(&["run", s(dir), "--list-inputs"]);
    let prefix = format!("{}/", dir.display());
    stdout
        .lines()
        .map(|l| l.strip_prefix(&prefix).unwrap_or(l).to_owned())
        .collect()
}

#[test]
fn merging_1_2_3_and_7_partials_of_bbc_equals_one_run() {
    let Some(bbc) = shared("corpora/bbc-news") else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let files = listed(&bbc);
    assert_eq!(files.len(), 2095);
    assert!(files[0].starts_with("business/"), "{}", files[0]);
    // The report limits of the 3-way split truncate report.html inside the second partial.
    let cases: [(&[usize], &[&str]); 4] = [
        (&[], &[]),
        (&[700], &[]),
        (&[400, 1211], &["--report-claims", "4000"]),
        (&[1, 300, 301, 900, 1500, 2094], &[]),
    ];
    for (cuts, extra) in cases {
        let k = cuts.len() + 1;
        let single = work.path().join(format!("single-{k}"));
        let mut args = vec!["run", s(&bbc), "--out", s(&single), "--quiet", "--summary"];
        args.extend_from_slice(extra);
        let (table, _) = claimgraph_output(&args);
        let dir = work.path().join(format!("k{k}"));
        std::fs::create_dir(&dir).unwrap();
        let parts = partials(&files, cuts, &bbc, &dir, extra);
        let merged = dir.join("merged");
        let merged_table = merge(&parts, &merged, extra);
        assert_same_outputs(&single, &merged, &format!("{k} partials"));
        assert_eq!(table, merged_table, "{k} partials: --summary differs");
        if !extra.is_empty() {
            let html = std::fs::read_to_string(merged.join("report.html")).unwrap();
            assert!(
                html.contains(r#""truncated":true"#),
                "the report should be truncated"
            );
        }
    }
}

/// A quote that gives one claim.
const QUOTE: &str = "“The talks on Iran will fail, whatever anyone offers,” said John Bolton.";

#[test]
fn duplicate_and_empty_ids_are_renamed_across_partials_as_in_one_run() {
    let work = tempfile::tempdir().unwrap();
    let row = |id: Option<&str>, extra: &str| {
        let id = id.map_or(String::new(), |id| format!("\"id\":{id:?},"));
        format!("{{{id}\"text\":{QUOTE:?}{extra}}}")
    };
    let lines = [
        row(Some("dup"), ""),
        row(Some("a"), r#","path":"wire/2024-05-06-a.txt""#),
        String::new(),
        row(Some("dup"), r#","date":"2024-01-02""#),
        row(Some(""), ""),
        row(Some("dup~2"), ""),
        row(None, ""),
        row(Some("dup"), r#","path":"wire/2023-11-30-b.txt""#),
    ];
    let corpus = work.path().join("corpus.jsonl");
    std::fs::write(&corpus, lines.join("\n") + "\n").unwrap();
    let single = work.path().join("single");
    let opts = ["--path-field", "path", "--quiet"];
    let mut args = vec!["run", s(&corpus), "--out", s(&single), "--summary"];
    args.extend(opts);
    let (table, _) = claimgraph_output(&args);
    // Three slices of the file, each piped in on its own as tasks of a cluster job would.
    let mut parts = Vec::new();
    for (n, (from, to)) in [(0, 3), (3, 6), (6, 8)].into_iter().enumerate() {
        let part = work.path().join(format!("p{n}"));
        let offset = from.to_string();
        let mut args = vec![
            "run",
            "-",
            "--stdin-as",
            s(&corpus),
            "--line-offset",
            &offset,
        ];
        args.extend(["--partial", s(&part)]);
        args.extend(opts);
        claimgraph_with_stdin(&args, (lines[from..to].join("\n") + "\n").as_bytes());
        parts.push(part);
    }
    let merged = work.path().join("merged");
    let merged_table = merge(&parts, &merged, &[]);
    assert_same_outputs(&single, &merged, "3 partials of a JSONL file");
    assert_eq!(table, merged_table);

    let docs = read_csv(&merged.join("documents.csv"));
    let ids: Vec<&str> = docs.iter().map(|d| d["doc_id"].as_str()).collect();
    assert_eq!(
        ids,
        ["dup", "a", "dup~2", "corpus:5", "dup~2~2", "corpus:7", "dup~3"]
    );
    assert_eq!(docs[2]["status"], "warning");
    assert_eq!(
        docs[4]["reason"],
        r#"duplicate document id "dup~2"; renamed to "dup~2~2""#
    );
    assert!(docs[1]["path"] == "wire/2024-05-06-a.txt");
    assert!(
        docs[3]["path"].ends_with("corpus.jsonl:5"),
        "{}",
        docs[3]["path"]
    );
    let claims = read_csv(&merged.join("claims.csv"));
    let claim_ids: Vec<&str> = claims.iter().map(|c| c["claim_id"].as_str()).collect();
    assert_eq!(
        claim_ids,
        [
            "dup#c1",
            "a#c1",
            "dup~2#c1",
            "corpus:5#c1",
            "dup~2~2#c1",
            "corpus:7#c1",
            "dup~3#c1"
        ]
    );
    let html = std::fs::read_to_string(merged.join("report.html")).unwrap();
    assert!(html.contains(r#""id":"dup~2~2#c1""#));
    // The dates (a date field, and days in --path-field file names) give the graph its spells.
    let gexf = std::fs::read_to_string(merged.join("graph.gexf")).unwrap();
    assert!(
        gexf.contains(r#"<spell start="2023-11-30" end="2024-05-06"/>"#),
        "{gexf}"
    );
}

#[test]
fn an_entity_with_30_aliases_split_over_partials_keeps_the_same_25() {
    let work = tempfile::tempdir().unwrap();
    let gaz = work.path().join("gaz");
    std::fs::create_dir(&gaz).unwrap();
    let words = [
        "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India",
        "Juliett", "Kilo", "Lima", "Mike", "November", "Oscar", "Papa", "Quebec", "Romeo",
        "Sierra", "Tango", "Uniform", "Victor", "Whiskey", "Xray", "Yankee", "Zulu", "One", "Two",
        "Three", "Four",
    ];
    let forms =
        |prefix: &str| -> Vec<String> { words.iter().map(|w| format!("{prefix} {w}")).collect() };
    // The label of the first sorts after all its aliases, that of the second before them.
    let (late, early) = (forms("Kestrel"), forms("Marlin"));
    std::fs::write(
        gaz.join("test.tsv"),
        format!(
            "id\ttype\tname\taliases\tdemonyms\tattributes\n\
             \torganization\tZephyr Holdings\t{}\t\t\n\
             \torganization\tAardvark Group\t{}\t\t\n",
            late.join("|"),
            early.join("|")
        ),
    )
    .unwrap();
    let corpus = work.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    // Ten documents, three forms of each entity apiece: all 30, spread out of order (7 and 30
    // are coprime).
    for d in 0..10 {
        let pick = |f: &[String]| -> Vec<String> {
            (0..3).map(|i| f[7 * (3 * d + i) % 30].clone()).collect()
        };
        let mut text = String::new();
        for (a, b) in pick(&late).iter().zip(pick(&early)) {
            text.push_str(&format!("{a} met {b} on Monday.\n"));
        }
        if d == 9 {
            text.push_str("Zephyr Holdings met Aardvark Group.\n");
        }
        std::fs::write(corpus.join(format!("d{d}.txt")), text).unwrap();
    }
    let gaz_args = ["--gazetteers", s(&gaz)];
    let single = work.path().join("single");
    let mut args = vec![
        "run",
        s(&corpus),
        "--out",
        s(&single),
        "--quiet",
        "--summary",
    ];
    args.extend(gaz_args);
    let (table, _) = claimgraph_output(&args);
    let files = listed(&corpus);
    let parts = partials(&files, &[3, 4, 8], &corpus, work.path(), &gaz_args);
    let merged = work.path().join("merged");
    assert_eq!(table, merge(&parts, &merged, &[]));
    assert_same_outputs(&single, &merged, "4 partials");

    let entities = read_csv(&merged.join("entities.csv"));
    let aliases = |label: &str| -> Vec<String> {
        let e = entities.iter().find(|e| e["Label"] == label).unwrap();
        e["aliases"].split('|').map(str::to_owned).collect()
    };
    let (mut late_seen, mut early_seen) = (late.clone(), early.clone());
    late_seen.sort();
    early_seen.sort();
    // The 25 alphabetically first surface forms, the label counted among them.
    assert_eq!(aliases("Zephyr Holdings"), late_seen[..25]);
    assert_eq!(aliases("Aardvark Group"), early_seen[..24]);
}

/// A partial of the seeds, copied to `name` under `work`.
fn seed_partial(work: &Path, name: &str) -> PathBuf {
    let good = work.join("good");
    if !good.exists() {
        claimgraph_output(&["run", "seeds", "--partial", s(&good), "--quiet"]);
    }
    let copy = work.join(name);
    std::fs::create_dir(&copy).unwrap();
    for e in std::fs::read_dir(&good).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), copy.join(e.file_name())).unwrap();
    }
    copy
}

#[test]
fn a_damaged_partial_is_an_error_naming_the_file_and_nothing_is_written() {
    let work = tempfile::tempdir().unwrap();
    let w = work.path();
    let good = seed_partial(w, "first");

    let truncated = seed_partial(w, "truncated");
    let docs = truncated.join("documents.jsonl");
    let bytes = std::fs::read(&docs).unwrap();
    std::fs::write(&docs, &bytes[..bytes.len() / 2]).unwrap();

    // One byte changed inside a document's text: still valid JSON, so only the checksum tells,
    // after the documents before it have been merged.
    let corrupt = seed_partial(w, "corrupt");
    let docs = corrupt.join("documents.jsonl");
    let mut bytes = std::fs::read(&docs).unwrap();
    let at = bytes.len() - 200
        + bytes[bytes.len() - 200..]
            .iter()
            .position(|b| b.is_ascii_lowercase())
            .unwrap();
    bytes[at] = if bytes[at] == b'x' { b'y' } else { b'x' };
    std::fs::write(&docs, &bytes).unwrap();

    let garbled = seed_partial(w, "garbled");
    let entities = garbled.join("entities.jsonl");
    let mut bytes = std::fs::read(&entities).unwrap();
    bytes[0] = b'[';
    std::fs::write(&entities, &bytes).unwrap();

    let version = seed_partial(w, "version");
    let manifest = version.join("manifest.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        text.replace("\"version\": 1,", "\"version\": 99,"),
    )
    .unwrap();

    let unfinished = seed_partial(w, "unfinished");
    std::fs::remove_file(unfinished.join("manifest.json")).unwrap();

    let low = w.join("low");
    claimgraph_output(&[
        "run",
        "seeds",
        "--partial",
        s(&low),
        "--report-claims",
        "1",
        "--quiet",
    ]);

    let cases: [(&Path, &str, &[&str]); 6] = [
        (&truncated, "documents.jsonl", &["truncated"]),
        (&corrupt, "documents.jsonl", &["checksum", "corrupt"]),
        (&garbled, "entities.jsonl", &["line 1", "corrupt"]),
        (
            &version,
            "manifest.json",
            &["version 99", "reads version 1"],
        ),
        (
            &unfinished,
            "manifest.json",
            &["not a complete claimgraph partial"],
        ),
        (&low, "low", &["--report-claims"]),
    ];
    // An earlier good output set in the folder stays as it was.
    let previous = w.join("previous");
    merge(std::slice::from_ref(&good), &previous, &[]);
    let before = files(&previous);
    for (bad, file, words) in cases {
        for out in [w.join("new"), previous.clone()] {
            let err = claimgraph_fails(&["merge", s(&good), s(bad), "--out", s(&out)]);
            let named = bad.join(file);
            assert!(
                err.contains(s(&named)) || err.contains(s(bad)),
                "the error should name {}: {err}",
                named.display()
            );
            for word in words {
                assert!(
                    err.contains(word),
                    "{}: {word:?} missing from: {err}",
                    bad.display()
                );
            }
            if out == previous {
                assert!(
                    files(&previous) == before,
                    "{}: outputs changed",
                    bad.display()
                );
            } else {
                assert!(
                    !out.exists(),
                    "{}: {} was created",
                    bad.display(),
                    out.display()
                );
            }
        }
    }
}
