//! End-to-end: `claimgraph run` on the bundled seeds finds the expected entities with exact offsets.

mod common;
use common::*;
use std::collections::{HashMap, HashSet};

fn run_seeds(threads: &str) -> (tempfile::TempDir, Vec<HashMap<String, String>>) {
    let out = run_on_seeds(threads);
    let entities = read_csv(&out.path().join("entities.csv"));
    (out, entities)
}

#[test]
fn seeds_entities_and_resolution() {
    let (out, entities) = run_seeds("1");
    let ids: HashSet<&str> = entities.iter().map(|e| e["Id"].as_str()).collect();
    let expected = [
        "person:trita-parsi",
        "person:behnam-ben-taleblu",
        "person:steven-cheung",
        "person:rafael-grossi",
        "person:elon-musk",
        "person:donald-trump",
        "person:joe-biden",
        "person:john-bolton",
        "person:mike-pompeo",
        "person:qassem-soleimani",
        "person:mojtaba-khamenei",
        "organization:quincy-institute",
        "organization:foundation-for-defense-of-democracies",
        "organization:international-atomic-energy-agency",
        "organization:hezbollah",
        "organization:united-nations",
        "organization:the-new-york-times",
        "place:iran",
        "place:tehran",
        "place:israel",
        "place:united-states",
        "place:gaza",
        "place:lebanon",
        "place:saudi-arabia",
    ];
    for id in expected {
        assert!(ids.contains(id), "missing entity {id}; have {ids:?}");
    }
    let iaea = entities
        .iter()
        .find(|e| e["Id"] == "organization:international-atomic-energy-agency")
        .unwrap();
    assert!(iaea["aliases"].split('|').any(|a| a == "IAEA"), "{iaea:?}");
    // Ids that join other data come from the gazetteer's attributes; a row without them leaves the cell empty.
    let iran = entities.iter().find(|e| e["Id"] == "place:iran").unwrap();
    assert!(
        iran["external_ids"].split('|').any(|x| x == "iso3166:IR"),
        "{iran:?}"
    );
    assert!(entities
        .iter()
        .any(|e| e["source"] == "gazetteer:people.tsv" && e["external_ids"].is_empty()));
    for e in &entities {
        let label = e["Label"].to_lowercase();
        assert!(
            !label.contains("executive summary") && !label.contains("impact assessment"),
            "heading taken for an entity: {e:?}"
        );
        assert!(
            !label.contains("feedintel") && !label.contains("permanent record"),
            "{e:?}"
        );
    }

    let mentions = read_csv(&out.path().join("mentions.csv"));
    let resolved = |text: &str, id: &str| {
        mentions
            .iter()
            .any(|m| m["text"] == text && m["entity_id"] == id)
    };
    assert!(resolved("Parsi", "person:trita-parsi"));
    assert!(resolved("Grossi", "person:rafael-grossi"));
    assert!(resolved("Musk", "person:elon-musk"));
    assert!(resolved("Trump", "person:donald-trump"));
    assert!(
        resolved("Bolton", "person:john-bolton") || resolved("John Bolton", "person:john-bolton")
    );
    // The possessive forms: "Grossi’s", "Musk’s", "Trump’s" yield the bare name followed by ’s.
    let doc003 = normalised_chars(&repo().join("seeds/003_d1ef3c0082dbf65d.txt"));
    for name in ["Grossi", "Musk", "Trump"] {
        assert!(
            mentions.iter().any(|m| {
                m["doc_id"] == "003_d1ef3c0082dbf65d"
                    && m["text"] == name
                    && doc003.get(m["end"].parse::<usize>().unwrap()) == Some(&'’')
            }),
            "possessive {name}’s not resolved"
        );
    }
    assert!(mentions
        .iter()
        .any(|m| m["text"] == "Iranian" && m["how"] == "demonym"));

    // Every mention's text is the code-point slice of its document.
    let mut docs = HashMap::new();
    for m in &mentions {
        let chars = docs.entry(m["doc_id"].clone()).or_insert_with(|| {
            normalised_chars(&repo().join(format!("seeds/{}.txt", m["doc_id"])))
        });
        assert_eq!(slice(chars, &m["start"], &m["end"]), m["text"], "{m:?}");
    }

    // Nothing from seed 000's page furniture: the first two lines, the duplicated title (line 5) and
    // the last line. Ranges are in code points, like the offsets.
    let doc000: String = normalised_chars(&repo().join("seeds/000_a6784129de98afe4.txt"))
        .iter()
        .collect();
    let mut line_starts = vec![0];
    line_starts.extend(
        doc000
            .char_indices()
            .filter(|(_, c)| *c == '\n')
            .map(|(i, _)| i + 1),
    );
    let cp = |byte: usize| doc000[..byte].chars().count();
    let line =
        |k: usize| cp(line_starts[k])..cp(line_starts.get(k + 1).copied().unwrap_or(doc000.len()));
    let furniture = [line(0), line(1), line(4), line(line_starts.len() - 1)];
    assert!(doc000[line_starts[4]..].starts_with("Trump Seeks Khamenei"));
    for m in mentions
        .iter()
        .filter(|m| m["doc_id"] == "000_a6784129de98afe4")
    {
        let start: usize = m["start"].parse().unwrap();
        assert!(
            !furniture.iter().any(|r| r.contains(&start)),
            "mention in page furniture: {m:?}"
        );
    }

    let documents = read_csv(&out.path().join("documents.csv"));
    let d0 = documents
        .iter()
        .find(|d| d["doc_id"] == "000_a6784129de98afe4")
        .unwrap();
    assert_eq!(d0["date"], "2026-06-03T12:04:54.967039+00:00");
    assert_eq!(
        d0["title"],
        "Trump Seeks Khamenei Meeting Amid Claims of Iran Nuclear Agreement"
    );
    assert_eq!(d0["status"], "ok");

    let edges = read_csv(&out.path().join("edges.csv"));
    assert!(edges.iter().any(|e| e["kind"] == "co_occurrence"
        && e["Type"] == "Undirected"
        && e["Source"] == "person:rafael-grossi"
        && e["Target"] == "place:iran"));
}

#[test]
fn output_is_identical_on_one_and_two_threads() {
    let (a, _) = run_seeds("1");
    let (b, _) = run_seeds("2");
    for name in ["entities.csv", "mentions.csv", "edges.csv", "documents.csv"] {
        let x = std::fs::read(a.path().join(name)).unwrap();
        let y = std::fs::read(b.path().join(name)).unwrap();
        assert!(x == y, "{name} differs between 1 and 2 threads");
    }
}

#[test]
fn headers_are_stable() {
    let (out, _) = run_seeds("2");
    assert_eq!(
        header(&out.path().join("entities.csv")),
        [
            "Id",
            "Label",
            "type",
            "aliases",
            "mentions",
            "documents",
            "source",
            "external_ids"
        ]
    );
    assert_eq!(
        header(&out.path().join("mentions.csv")),
        [
            "doc_id",
            "start",
            "end",
            "text",
            "entity_id",
            "type",
            "sentence",
            "how"
        ]
    );
    assert_eq!(
        header(&out.path().join("edges.csv")),
        ["Source", "Target", "Type", "Weight", "kind", "documents"]
    );
    assert_eq!(
        header(&out.path().join("documents.csv")),
        [
            "doc_id",
            "path",
            "status",
            "reason",
            "date",
            "title",
            "chars",
            "sentences",
            "mentions"
        ]
    );
}

#[test]
fn runs_from_any_folder_with_the_bundled_gazetteers() {
    let cwd = tempfile::tempdir().unwrap();
    let seeds = repo().join("seeds");
    let run = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_claimgraph"))
            .args(["run", seeds.to_str().unwrap(), "--out", "out", "--quiet"])
            .args(extra)
            .current_dir(cwd.path())
            .output()
            .unwrap()
    };
    let out = run(&[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let entities = std::fs::read_to_string(cwd.path().join("out/entities.csv")).unwrap();
    assert!(entities.contains("person:trita-parsi"), "{entities}");
    // A folder the user names is never replaced by the bundled one.
    let out = run(&["--gazetteers", "gazetteers"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot read gazetteer folder"), "{err}");
}
