//! `graph.gexf`: the corpus graph as a GEXF 1.3 file for Gephi, with node types, colours and counts,
//! edge kinds, weights and directions, and — when documents have dates — a timeline.
//!
//! By default ([`EdgeStyle::Mixed`]) the graph is *mixed*: `co_occurrence` edges are undirected,
//! `claims_about` and `affiliated_with` directed (GEXF's default edge type is `undirected`; each edge
//! states its own `type`). Gephi reads mixed graphs; networkx (`read_gexf`) does not, and fails with
//! "Directed edge found in undirected graph". [`EdgeStyle::Directed`] writes a directed graph that
//! every reader loads: each `co_occurrence` edge becomes two directed edges, one each way, with the
//! same weight (ids `eN` and `eNr`). Each edge also carries its kind in the GEXF 1.3 `kind`
//! attribute, which lets Gephi keep parallel edges of different kinds between the same two entities.
//!
//! When at least one entity was seen in a dated document the graph is `mode="dynamic"` with
//! `timeformat="date"`: every dated node and edge holds one spell from the first to the last day it was
//! seen (see [`crate::dates`]), so Gephi's timeline shows entities and relations appearing over time.
//! Undated nodes and edges have no spell, which GEXF reads as "always present".
//!
//! The XML is produced by quick-xml, which escapes every attribute value and text; characters that XML
//! 1.0 cannot carry at all (most C0 controls) are replaced with U+FFFD first.

use crate::dates::Span;
use crate::entity::EntityType;
use crate::graph::Graph;
use crate::output::OutputSet;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use std::borrow::Cow;
use std::io::{self, Write};

/// The GEXF 1.3 namespace.
pub const NS: &str = "http://gexf.net/1.3";
/// The GEXF 1.3 visualisation namespace (node colours).
pub const NS_VIZ: &str = "http://gexf.net/1.3/viz";

/// Node attributes: (id, title, GEXF type).
const NODE_ATTRIBUTES: [(&str, &str, &str); 6] = [
    ("type", "type", "string"),
    ("mentions", "mentions", "integer"),
    ("documents", "documents", "integer"),
    ("aliases", "aliases", "string"),
    ("source", "source", "string"),
    ("external_ids", "external_ids", "string"),
];
/// Edge attributes: (id, title, GEXF type).
const EDGE_ATTRIBUTES: [(&str, &str, &str); 2] = [
    ("kind", "kind", "string"),
    ("documents", "documents", "integer"),
];

/// The node colour of an entity type, as (r, g, b): people red, organisations blue, places green.
pub fn colour(kind: EntityType) -> (u8, u8, u8) {
    match kind {
        EntityType::Person => (225, 87, 89),
        EntityType::Organization => (78, 121, 167),
        EntityType::Place => (89, 161, 79),
    }
}

/// How `graph.gexf` holds the undirected `co_occurrence` edges beside the directed ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EdgeStyle {
    /// A mixed graph: `co_occurrence` edges undirected (Gephi; not networkx).
    #[default]
    Mixed,
    /// A directed graph: each `co_occurrence` edge written once in each direction (every reader).
    Directed,
}

/// Writes `graph.gexf` into `set`.
pub fn write(set: &mut OutputSet, graph: &Graph, style: EdgeStyle) -> anyhow::Result<()> {
    let mut w = Writer::new_with_indent(set.create("graph.gexf")?, b' ', 2);
    write_graph(&mut w, graph, style)?;
    let mut file = w.into_inner();
    file.write_all(b"\n")?;
    set.stage(file)
}

/// The whole document: declaration, `<gexf>`, `<meta>` and the `<graph>`.
fn write_graph<W: Write>(w: &mut Writer<W>, graph: &Graph, style: EdgeStyle) -> io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let dynamic = graph.entities().any(|(_, s)| s.seen.is_some());
    let mode = if dynamic { "dynamic" } else { "static" };
    let mut graph_attrs = vec![
        (
            "defaultedgetype",
            match style {
                EdgeStyle::Mixed => "undirected",
                EdgeStyle::Directed => "directed",
            },
        ),
        ("idtype", "string"),
        ("mode", mode),
    ];
    if dynamic {
        graph_attrs.push(("timeformat", "date"));
    }
    w.create_element("gexf")
        .with_attributes([
            ("xmlns", NS),
            ("xmlns:viz", NS_VIZ),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
            ),
            ("version", "1.3"),
        ])
        .write_inner_content(|w| {
            w.create_element("meta").write_inner_content(|w| {
                let creator = format!("claimgraph {}", env!("CARGO_PKG_VERSION"));
                w.create_element("creator")
                    .write_text_content(BytesText::new(&creator))?;
                w.create_element("description")
                    .write_text_content(BytesText::new(
                        "Entities and who-claims-about-whom from news text (co_occurrence, \
                     claims_about, affiliated_with edges)",
                    ))?;
                Ok(())
            })?;
            w.create_element("graph")
                .with_attributes(graph_attrs)
                .write_inner_content(|w| {
                    attribute_declarations(w, "node", &NODE_ATTRIBUTES)?;
                    attribute_declarations(w, "edge", &EDGE_ATTRIBUTES)?;
                    nodes(w, graph)?;
                    edges(w, graph, style)
                })?;
            Ok(())
        })?;
    Ok(())
}

/// Declares the attributes (`<attributes class="node|edge">`) that `<attvalue for=…>` refers to.
fn attribute_declarations<W: Write>(
    w: &mut Writer<W>,
    class: &str,
    attrs: &[(&str, &str, &str)],
) -> io::Result<()> {
    w.create_element("attributes")
        .with_attribute(("class", class))
        .write_inner_content(|w| {
            for (id, title, kind) in attrs {
                w.create_element("attribute")
                    .with_attributes([("id", *id), ("title", *title), ("type", *kind)])
                    .write_empty()?;
            }
            Ok(())
        })?;
    Ok(())
}

/// One `<node>` per entity, in id order, with its counts, spell and type colour.
fn nodes<W: Write>(w: &mut Writer<W>, graph: &Graph) -> io::Result<()> {
    counted(w, "nodes", graph.entity_count(), |w| {
        for (id, s) in graph.entities_sorted() {
            let values = [
                ("type", Cow::Borrowed(s.kind.as_str())),
                ("mentions", s.mentions.to_string().into()),
                ("documents", s.documents.to_string().into()),
                ("aliases", s.aliases().into()),
                ("source", (&*s.source).into()),
                ("external_ids", (&*s.external_ids).into()),
            ];
            let (r, g, b) = colour(s.kind);
            let (id, label) = (xml_safe(id), xml_safe(&s.label));
            w.create_element("node")
                .with_attributes([("id", &*id), ("label", &*label)])
                .write_inner_content(|w| {
                    attvalues(w, &values)?;
                    spells(w, s.seen)?;
                    w.create_element("viz:color")
                        .with_attributes([
                            ("r", r.to_string().as_str()),
                            ("g", g.to_string().as_str()),
                            ("b", b.to_string().as_str()),
                        ])
                        .write_empty()?;
                    Ok(())
                })?;
        }
        Ok(())
    })?;
    Ok(())
}

/// One `<edge>` per (kind, source, target), in key order; ids `e0`, `e1` … follow that order. With
/// [`EdgeStyle::Directed`] an undirected edge `eN` is followed by its reverse, `eNr`.
fn edges<W: Write>(w: &mut Writer<W>, graph: &Graph, style: EdgeStyle) -> io::Result<()> {
    let doubled = |directed: bool| style == EdgeStyle::Directed && !directed;
    let count = graph.edge_count()
        + graph
            .edges()
            .filter(|((kind, _, _), _)| doubled(kind.directed()))
            .count();
    counted(w, "edges", count, |w| {
        for (n, ((kind, source, target), s)) in graph.edges_sorted().into_iter().enumerate() {
            let values = [
                ("kind", Cow::Borrowed(kind.as_str())),
                ("documents", s.documents.to_string().into()),
            ];
            let (id, weight) = (format!("e{n}"), s.weight.to_string());
            let (source, target) = (xml_safe(source), xml_safe(target));
            let mut edge = |id: &str, source: &str, target: &str, direction: &str| {
                w.create_element("edge")
                    .with_attributes([
                        ("id", id),
                        ("source", source),
                        ("target", target),
                        ("type", direction),
                        ("weight", &weight),
                        ("kind", kind.as_str()),
                        ("label", kind.as_str()),
                    ])
                    .write_inner_content(|w| {
                        attvalues(w, &values)?;
                        spells(w, s.seen)
                    })
                    .map(|_| ())
            };
            if doubled(kind.directed()) {
                edge(&id, &source, &target, "directed")?;
                edge(&format!("{id}r"), &target, &source, "directed")?;
            } else if kind.directed() {
                edge(&id, &source, &target, "directed")?;
            } else {
                edge(&id, &source, &target, "undirected")?;
            }
        }
        Ok(())
    })?;
    Ok(())
}

/// A `<nodes>` or `<edges>` element with its `count` and the children `body` writes.
fn counted<W: Write>(
    w: &mut Writer<W>,
    name: &str,
    count: usize,
    body: impl FnOnce(&mut Writer<W>) -> io::Result<()>,
) -> io::Result<()> {
    let count = count.to_string();
    w.create_element(name)
        .with_attribute(("count", count.as_str()))
        .write_inner_content(body)?;
    Ok(())
}

/// `<attvalues>` holding one `<attvalue>` per (declared id, value).
fn attvalues<W: Write>(w: &mut Writer<W>, values: &[(&str, Cow<'_, str>)]) -> io::Result<()> {
    w.create_element("attvalues").write_inner_content(|w| {
        for (id, value) in values {
            w.create_element("attvalue")
                .with_attributes([("for", *id), ("value", &xml_safe(value))])
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

/// `<spells>` with the one spell from first to last day seen; nothing for an undated item.
fn spells<W: Write>(w: &mut Writer<W>, seen: Option<Span>) -> io::Result<()> {
    let Some(span) = seen else {
        return Ok(());
    };
    let (start, end) = (span.first.to_string(), span.last.to_string());
    w.create_element("spells").write_inner_content(|w| {
        w.create_element("spell")
            .with_attributes([("start", start.as_str()), ("end", end.as_str())])
            .write_empty()?;
        Ok(())
    })?;
    Ok(())
}

/// `s` with the characters XML 1.0 cannot represent (C0 controls other than tab, LF and CR, and the
/// non-characters U+FFFE/U+FFFF) replaced by U+FFFD.
fn xml_safe(s: &str) -> Cow<'_, str> {
    let bad = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    if s.contains(bad) {
        Cow::Owned(
            s.chars()
                .map(|c| if bad(c) { '\u{fffd}' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Entity;
    use crate::graph::EdgeKind;

    fn render(graph: &Graph) -> String {
        render_as(graph, EdgeStyle::Mixed)
    }

    fn render_as(graph: &Graph, style: EdgeStyle) -> String {
        let mut w = Writer::new(Vec::new());
        write_graph(&mut w, graph, style).unwrap();
        String::from_utf8(w.into_inner()).unwrap()
    }

    #[test]
    fn the_directed_style_writes_undirected_edges_both_ways() {
        let mut g = Graph::default();
        g.add_edge(EdgeKind::CoOccurrence, "place:a", "place:b", 3);
        g.add_edge(EdgeKind::ClaimsAbout, "place:a", "place:b", 2);
        let xml = render_as(&g, EdgeStyle::Directed);
        assert!(xml.contains(r#"defaultedgetype="directed""#), "{xml}");
        assert!(xml.contains(r#"<edges count="3">"#), "{xml}");
        assert!(!xml.contains("undirected"), "{xml}");
        for want in [
            r#"source="place:a" target="place:b" type="directed" weight="3" kind="co_occurrence""#,
            r#"source="place:b" target="place:a" type="directed" weight="3" kind="co_occurrence""#,
            r#"source="place:a" target="place:b" type="directed" weight="2" kind="claims_about""#,
        ] {
            assert!(xml.contains(want), "{want} in {xml}");
        }
        assert!(!xml.contains(r#"source="place:b" target="place:a" type="directed" weight="2""#));
    }

    #[test]
    fn undated_graphs_are_static_and_labels_are_escaped() {
        let mut g = Graph::default();
        let entity = Entity {
            id: "organization:a-b".into(),
            name: "A <&> \"B\"\u{1}".into(),
            kind: EntityType::Organization,
            aliases: Vec::new(),
            demonyms: Vec::new(),
            attributes: String::new(),
            source: "test".into(),
        };
        g.add_mention(&entity, "A", "");
        g.add_edge(EdgeKind::ClaimsAbout, "organization:a-b", "place:x", 2);
        let xml = render(&g);
        assert!(
            xml.contains(r#"mode="static""#) && !xml.contains("timeformat"),
            "{xml}"
        );
        assert!(
            xml.contains("label=\"A &lt;&amp;&gt; &quot;B&quot;\u{fffd}\""),
            "{xml}"
        );
        assert!(
            xml.contains(r#"type="directed" weight="2" kind="claims_about""#),
            "{xml}"
        );
        assert!(
            xml.contains(r#"<viz:color r="78" g="121" b="167"/>"#),
            "{xml}"
        );
    }

    #[test]
    fn xml_safe_only_replaces_what_xml_cannot_hold() {
        assert!(matches!(xml_safe("tab\tand\nnewline é"), Cow::Borrowed(_)));
        assert_eq!(xml_safe("a\u{0}b\u{ffff}"), "a\u{fffd}b\u{fffd}");
    }
}
