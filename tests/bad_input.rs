//! End-to-end: bad input is reported per document and never stops the run.

mod common;
use common::*;
use std::fs;

#[test]
fn bad_documents_are_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(input.join("sub")).unwrap();
    fs::write(input.join("bad_utf8.txt"), b"Iran \xff\xfe said Israel.").unwrap();
    fs::write(input.join("binary.txt"), b"PK\x03\x04\x00\x00binary").unwrap();
    fs::write(input.join("empty.txt"), b"").unwrap();
    fs::write(input.join("blank.txt"), "\u{feff} \r\n\t\n".as_bytes()).unwrap();
    fs::write(
        input.join("sub/crlf.txt"),
        "\u{feff}Iran’s leaders met.\r\nIsrael replied.\r\n".as_bytes(),
    )
    .unwrap();
    // A 5 MB single line: one very long paragraph without sentence ends.
    let mut long = String::with_capacity(5_300_000);
    while long.len() < 5_000_000 {
        long.push_str("Iran and Israel é talk without end ");
    }
    fs::write(input.join("long.txt"), &long).unwrap();
    fs::write(
        input.join("rows.jsonl"),
        "{\"id\":\"j1\",\"text\":\"Tehran said.\"}\n{broken\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    run_into(&input, &out, &[]);
    let docs = read_csv(&out.join("documents.csv"));
    let by_id = |id: &str| {
        docs.iter()
            .find(|d| d["doc_id"] == id)
            .unwrap_or_else(|| panic!("no row for {id}: {docs:?}"))
    };
    let d = by_id("bad_utf8");
    assert_eq!(d["status"], "warning");
    assert!(d["reason"].contains("invalid UTF-8 at byte 5"), "{d:?}");
    let d = by_id("binary");
    assert_eq!(d["status"], "skipped");
    assert!(d["reason"].contains("binary"), "{d:?}");
    // A file with no text is skipped, as a JSONL or CSV row with an empty text field is.
    let d = by_id("empty");
    assert_eq!(
        (d["status"].as_str(), d["reason"].as_str()),
        ("skipped", "no text: the file is empty")
    );
    let d = by_id("blank");
    assert_eq!(
        (d["status"].as_str(), d["reason"].as_str()),
        ("skipped", "no text: the file holds only white space")
    );
    let d = by_id("sub/crlf");
    assert_eq!(d["status"], "ok");
    assert_eq!(d["mentions"], "2");
    let d = by_id("long");
    assert_eq!(d["status"], "ok");
    assert!(d["mentions"].parse::<usize>().unwrap() > 200_000);
    assert_eq!(by_id("j1")["mentions"], "1");
    let d = by_id("rows:2");
    assert_eq!(d["status"], "skipped");
    assert!(d["reason"].contains("invalid JSON"), "{d:?}");
    assert!(d["path"].ends_with("rows.jsonl:2"), "{d:?}");

    // The CRLF+BOM file's offsets point into the normalised text.
    let mentions = read_csv(&out.join("mentions.csv"));
    let chars = normalised_chars(&input.join("sub/crlf.txt"));
    let crlf: Vec<_> = mentions
        .iter()
        .filter(|m| m["doc_id"] == "sub/crlf")
        .collect();
    assert_eq!(crlf[1]["text"], "Israel");
    assert_eq!(crlf[1]["start"], "20");
    for m in crlf {
        assert_eq!(slice(&chars, &m["start"], &m["end"]), m["text"]);
    }
}

#[test]
fn malformed_gazetteer_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("people.tsv"),
        "# people\nid\ttype\tname\taliases\tdemonyms\tattributes\n\tperson\tA Person\t\t\t\n\tpersn\tB\t\t\t\n",
    )
    .unwrap();
    let gaz = dir.path().to_str().unwrap();
    let err = claimgraph_fails(&["gazetteer", "check", gaz]);
    assert!(
        err.contains("people.tsv:4: unknown entity type \"persn\""),
        "{err}"
    );
    let out = dir.path().join("out");
    let err = claimgraph_fails(&[
        "run",
        "seeds",
        "--gazetteers",
        gaz,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(err.contains("people.tsv:4"), "{err}");
    assert!(!out.join("entities.csv").exists());
}

#[test]
fn missing_input_is_a_clear_error() {
    let err = claimgraph_fails(&["run", "no/such/folder", "--out", "/tmp/claimgraph-never"]);
    assert!(err.contains("no/such/folder"), "{err}");
}

/// Documents built to hit the worst case of each stage: every cue scanning all later cues of a
/// run-on sentence, thousands of look-alike names for alias resolution, and a wall of stray quote
/// marks. With quadratic code any one of them takes minutes; here they must simply come out right.
#[test]
fn adversarial_documents_stay_linear_and_sane() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(&input).unwrap();
    let cues: Vec<&str> = (0..20_000)
        .map(|_| "Smith said that Jones argued that Brown believes")
        .collect();
    fs::write(input.join("cues.txt"), cues.join(" ") + ".").unwrap();
    let names: Vec<String> = (0..20_000)
        .map(|i| format!("Mr Name{i} met Dr Other{i} of the Acme Institute."))
        .collect();
    fs::write(input.join("names.txt"), names.join(" ")).unwrap();
    fs::write(input.join("quotes.txt"), "“".repeat(200_000)).unwrap();
    // 4 MB with no sentence end, a claim every ten words: one sentence took 80 s (the rules look
    // back over their sentence); sentences of at most 1,000 tokens keep it linear.
    fs::write(
        input.join("run-on.txt"),
        "Iran and Israel said that talks go on and on ".repeat(92_000),
    )
    .unwrap();
    // 60,000 speakers whose names open alike ("Ali…"): each place a name may stand was tried
    // against every name of its opening, and each claim's speaker looked up among all before
    // (23 s).
    let speakers: Vec<String> = (0..60_000)
        .map(|i| format!("Ali{i} Bakr{i} said that Mr Bakr{i}'s aide, who said so, told Bakr{i}."))
        .collect();
    fs::write(input.join("speakers.txt"), speakers.join(" ")).unwrap();
    let out = dir.path().join("out");
    run_into(&input, &out, &["--formats", "csv"]);
    let docs = read_csv(&out.join("documents.csv"));
    assert_eq!(docs.len(), 5, "{docs:?}");
    let speakers = docs.iter().find(|d| d["doc_id"] == "speakers").unwrap();
    assert!(
        speakers["mentions"].parse::<usize>().unwrap() >= 180_000,
        "{speakers:?}"
    );
    let run_on = docs.iter().find(|d| d["doc_id"] == "run-on").unwrap();
    assert_eq!(run_on["sentences"], "920", "{run_on:?}");
    let quotes = docs.iter().find(|d| d["doc_id"] == "quotes").unwrap();
    assert_eq!(quotes["status"], "warning");
    assert!(
        quotes["reason"].len() < 1_000 && quotes["reason"].contains("more unbalanced"),
        "{quotes:?}"
    );
    let claims = read_csv(&out.join("claims.csv"));
    let run_on: Vec<_> = claims.iter().filter(|c| c["doc_id"] == "cues").collect();
    assert!(!run_on.is_empty());
    assert!(
        run_on.iter().all(|c| c["text"].chars().count() < 2_000),
        "a reported clause stops within a few hundred words"
    );
    let names = docs.iter().find(|d| d["doc_id"] == "names").unwrap();
    assert!(
        names["mentions"].parse::<usize>().unwrap() >= 40_000,
        "{names:?}"
    );
}
