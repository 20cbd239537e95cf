//! `graph.gexf` from the seeds: the structure and datatypes the GEXF 1.3 schema requires (checked with
//! an XML parser, since no package ships the XSD), Gephi-relevant content and identical bytes on any
//! thread count. tests/hardening.rs loads it with networkx's stock reader.

mod common;
use common::*;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// One element of the file: its name, attributes and parent's name.
#[derive(Debug)]
struct Element {
    name: String,
    parent: String,
    attrs: HashMap<String, String>,
}

/// Parses the file into its elements in document order, failing on malformed XML.
fn elements(path: &Path) -> Vec<Element> {
    let xml = std::fs::read_to_string(path).unwrap();
    let mut reader = Reader::from_str(&xml);
    let mut stack: Vec<String> = Vec::new();
    let mut out = Vec::new();
    let attrs = |e: &BytesStart| -> HashMap<String, String> {
        e.attributes()
            .map(|a| {
                let a = a.expect("well-formed attribute");
                let value = a
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .expect("valid escapes")
                    .into_owned();
                (a.key.as_ref().to_owned(), value)
            })
            .collect()
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let name = e.name().as_ref().to_owned();
                out.push(Element {
                    parent: stack.last().cloned().unwrap_or_default(),
                    attrs: attrs(&e),
                    name: name.clone(),
                });
                stack.push(name);
            }
            Event::Empty(e) => out.push(Element {
                name: e.name().as_ref().to_owned(),
                parent: stack.last().cloned().unwrap_or_default(),
                attrs: attrs(&e),
            }),
            Event::End(_) => {
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty(), "unclosed elements {stack:?}");
    out
}

fn is_xsd_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

#[test]
fn gexf_follows_the_schema_and_holds_the_graph() {
    let out = run_on_seeds("2");
    let path = out.path().join("graph.gexf");
    let els = elements(&path);

    // Root and graph: the attributes and enumerations of gexf.xsd / dynamics.xsd.
    let root = &els[0];
    assert_eq!((root.name.as_str(), root.parent.as_str()), ("gexf", ""));
    assert_eq!(root.attrs["version"], "1.3");
    assert_eq!(root.attrs["xmlns"], "http://gexf.net/1.3");
    assert_eq!(root.attrs["xmlns:viz"], "http://gexf.net/1.3/viz");
    let graph = els.iter().find(|e| e.name == "graph").unwrap();
    assert_eq!(graph.parent, "gexf");
    assert_eq!(graph.attrs["defaultedgetype"], "undirected");
    assert_eq!(graph.attrs["mode"], "dynamic", "seed 000 has a date");
    assert_eq!(graph.attrs["timeformat"], "date");

    // Every element is one the schema allows, under the parent it allows.
    let allowed: HashMap<&str, &[&str]> = HashMap::from([
        ("meta", &["gexf"][..]),
        ("creator", &["meta"][..]),
        ("description", &["meta"][..]),
        ("graph", &["gexf"][..]),
        ("attributes", &["graph"][..]),
        ("attribute", &["attributes"][..]),
        ("nodes", &["graph"][..]),
        ("node", &["nodes"][..]),
        ("edges", &["graph"][..]),
        ("edge", &["edges"][..]),
        ("attvalues", &["node", "edge"][..]),
        ("attvalue", &["attvalues"][..]),
        ("spells", &["node", "edge"][..]),
        ("spell", &["spells"][..]),
        ("viz:color", &["node"][..]),
    ]);
    for e in &els[1..] {
        let parents = allowed
            .get(e.name.as_str())
            .unwrap_or_else(|| panic!("element {} is not in the schema", e.name));
        assert!(parents.contains(&e.parent.as_str()), "{e:?}");
    }

    // Declared attributes: required id/title/type, type from attrtype-type; attvalues refer to them.
    let mut declared: HashMap<String, HashSet<String>> = HashMap::new();
    let mut class = String::new();
    for e in &els {
        match e.name.as_str() {
            "attributes" => class = e.attrs["class"].clone(),
            "attribute" => {
                assert!(["string", "integer", "double"].contains(&e.attrs["type"].as_str()));
                assert!(e.attrs.contains_key("title"));
                declared
                    .entry(class.clone())
                    .or_default()
                    .insert(e.attrs["id"].clone());
            }
            _ => {}
        }
    }
    let mut ids = HashSet::new();
    let mut owner = "";
    let mut node_types = BTreeMap::new();
    for e in &els {
        match e.name.as_str() {
            "node" => {
                owner = "node";
                assert!(ids.insert(e.attrs["id"].clone()), "duplicate node {e:?}");
                assert!(!e.attrs["label"].is_empty());
            }
            "edge" => owner = "edge",
            "attvalue" => {
                assert!(declared[owner].contains(&e.attrs["for"]), "{e:?}");
                if e.attrs["for"] == "mentions" || e.attrs["for"] == "documents" {
                    e.attrs["value"].parse::<u64>().expect("integer attvalue");
                }
            }
            "spell" => {
                assert!(is_xsd_date(&e.attrs["start"]) && is_xsd_date(&e.attrs["end"]));
                assert!(e.attrs["start"] <= e.attrs["end"]);
            }
            "viz:color" => {
                for c in ["r", "g", "b"] {
                    e.attrs[c].parse::<u8>().expect("colour component 0-255");
                }
            }
            _ => {}
        }
    }
    let count = |name: &str| els.iter().filter(|e| e.name == name).count();
    let declared_count = |name: &str| -> usize {
        els.iter().find(|e| e.name == name).unwrap().attrs["count"]
            .parse()
            .unwrap()
    };
    assert_eq!(declared_count("nodes"), count("node"));
    assert_eq!(declared_count("edges"), count("edge"));
    for e in els.iter().filter(|e| e.name == "edge") {
        assert!(
            ids.contains(&e.attrs["source"]) && ids.contains(&e.attrs["target"]),
            "{e:?}"
        );
        assert!(["directed", "undirected"].contains(&e.attrs["type"].as_str()));
        assert!(e.attrs["weight"].parse::<f64>().unwrap() >= 1.0);
        let directed = e.attrs["kind"] != "co_occurrence";
        assert_eq!(e.attrs["type"] == "directed", directed, "{e:?}");
    }

    // Gephi-relevant content: types with colours, the claim edges, and the timeline.
    for (i, e) in els.iter().enumerate().filter(|(_, e)| e.name == "attvalue") {
        if e.attrs["for"] == "type" {
            let node = els[..i].iter().rev().find(|n| n.name == "node").unwrap();
            node_types.insert(node.attrs["id"].clone(), e.attrs["value"].clone());
        }
    }
    assert_eq!(node_types["person:trita-parsi"], "person");
    assert_eq!(node_types["place:iran"], "place");
    let colours: HashSet<String> = els
        .iter()
        .filter(|e| e.name == "viz:color")
        .map(|e| format!("{},{},{}", e.attrs["r"], e.attrs["g"], e.attrs["b"]))
        .collect();
    assert_eq!(colours.len(), 3, "one colour per entity type");
    assert!(els.iter().any(|e| e.name == "edge"
        && e.attrs["kind"] == "affiliated_with"
        && e.attrs["source"] == "person:behnam-ben-taleblu"
        && e.attrs["target"] == "organization:foundation-for-defense-of-democracies"));
    assert!(els.iter().any(|e| e.name == "edge"
        && e.attrs["kind"] == "claims_about"
        && e.attrs["source"] == "person:behnam-ben-taleblu"));
    assert!(
        els.iter()
            .any(|e| e.name == "spell" && e.attrs["start"] == "2026-06-03"),
        "seed 000's archive date gives spells"
    );
}

#[test]
fn gexf_and_report_are_identical_on_one_and_two_threads() {
    let (a, b) = (run_on_seeds("1"), run_on_seeds("2"));
    for name in ["graph.gexf", "report.html", "claims.csv"] {
        let x = std::fs::read(a.path().join(name)).unwrap();
        let y = std::fs::read(b.path().join(name)).unwrap();
        assert!(x == y, "{name} differs between 1 and 2 threads");
    }
}
