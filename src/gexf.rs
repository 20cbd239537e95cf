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
//! The XML is written by hand ([`Xml`]) in the layout and with the escapes of quick-xml's indenting
//! writer, which wrote it before: every attribute value and text is escaped; characters that XML 1.0
//! cannot carry at all (most C0 controls) are replaced with U+FFFD first.

use crate::dates::Span;
use crate::entity::EntityType;
use crate::graph::Graph;
use crate::output::{OutputFile, OutputSet};
use crate::text;
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
    let file = set.create("graph.gexf")?;
    set.stage(write_into(file, graph, style)?)
}

/// Writes the graph into `file`, `graph.gexf` made by the caller, and hands it back to be staged
/// (see [`crate::merge::Output::finish_on`]).
pub fn write_into(file: OutputFile, graph: &Graph, style: EdgeStyle) -> io::Result<OutputFile> {
    let mut file = write_graph(file, graph, style)?;
    file.write_all(b"\n")?;
    Ok(file)
}

/// The whole document into `out`: declaration, `<gexf>`, `<meta>` and the `<graph>`.
fn write_graph<W: Write>(out: W, graph: &Graph, style: EdgeStyle) -> io::Result<W> {
    let mut w = Xml::new(out);
    w.buf
        .extend_from_slice(br#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let dynamic = graph.entities().any(|(_, s)| s.seen.is_some());
    w.tag("gexf")
        .attr("xmlns", NS)
        .attr("xmlns:viz", NS_VIZ)
        .attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
        .attr(
            "xsi:schemaLocation",
            "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
        )
        .attr("version", "1.3")
        .open();
    w.tag("meta").open();
    let creator = format!("claimgraph {}", env!("CARGO_PKG_VERSION"));
    w.text_element("creator", &creator);
    w.text_element("description", DESCRIPTION);
    w.close("meta")?;
    w.tag("graph").attr(
        "defaultedgetype",
        match style {
            EdgeStyle::Mixed => "undirected",
            EdgeStyle::Directed => "directed",
        },
    );
    w.attr("idtype", "string")
        .attr("mode", if dynamic { "dynamic" } else { "static" });
    if dynamic {
        w.attr("timeformat", "date");
    }
    w.open();
    attribute_declarations(&mut w, "node", &NODE_ATTRIBUTES)?;
    attribute_declarations(&mut w, "edge", &EDGE_ATTRIBUTES)?;
    nodes(&mut w, graph)?;
    edges(&mut w, graph, style)?;
    w.close("graph")?;
    w.close("gexf")?;
    w.finish()
}

/// What `<description>` says.
const DESCRIPTION: &str = "Entities and who-claims-about-whom from news text (co_occurrence, \
                           claims_about, affiliated_with edges)";

/// Declares the attributes (`<attributes class="node|edge">`) that `<attvalue for=…>` refers to.
fn attribute_declarations<W: Write>(
    w: &mut Xml<W>,
    class: &str,
    attrs: &[(&str, &str, &str)],
) -> io::Result<()> {
    w.tag("attributes").attr("class", class).open();
    for (id, title, kind) in attrs {
        w.tag("attribute")
            .attr("id", id)
            .attr("title", title)
            .attr("type", kind)
            .empty();
    }
    w.close("attributes")
}

/// One `<node>` per entity, in id order, with its counts, spell and type colour.
fn nodes<W: Write>(w: &mut Xml<W>, graph: &Graph) -> io::Result<()> {
    w.tag("nodes")
        .number("count", graph.entity_count() as u64)
        .open();
    for (id, s) in graph.entities_sorted() {
        w.tag("node")
            .safe_attr("id", id)
            .safe_attr("label", &s.label)
            .open();
        w.tag("attvalues").open();
        w.attvalue("type", |w| w.word(s.kind.as_str()));
        w.attvalue("mentions", |w| w.digits(s.mentions));
        w.attvalue("documents", |w| w.digits(s.documents));
        w.attvalue("aliases", |w| {
            // `EntityStats::aliases`, each form made safe as it is written.
            for (n, form) in s.alias_forms().enumerate() {
                if n > 0 {
                    w.buf.push(b'|');
                }
                w.safe(form);
            }
        });
        w.attvalue("source", |w| w.safe(&s.source));
        w.attvalue("external_ids", |w| w.safe(&s.external_ids));
        w.close("attvalues")?;
        spells(w, s.seen)?;
        let (r, g, b) = colour(s.kind);
        w.tag("viz:color")
            .number("r", r.into())
            .number("g", g.into())
            .number("b", b.into())
            .empty();
        w.close("node")?;
    }
    w.close("nodes")
}

/// One `<edge>` per (kind, source, target), in key order; ids `e0`, `e1` … follow that order. With
/// [`EdgeStyle::Directed`] an undirected edge `eN` is followed by its reverse, `eNr`.
fn edges<W: Write>(w: &mut Xml<W>, graph: &Graph, style: EdgeStyle) -> io::Result<()> {
    let doubled = |directed: bool| style == EdgeStyle::Directed && !directed;
    w.tag("edges")
        .number("count", edge_elements(graph, style) as u64)
        .open();
    for (n, ((kind, source, target), s)) in graph.edges_sorted().into_iter().enumerate() {
        let edge = |w: &mut Xml<W>, reverse: bool, direction: &str| {
            let (from, to) = if reverse {
                (target, source)
            } else {
                (source, target)
            };
            w.tag("edge").attr_with("id", |w| {
                w.buf.push(b'e');
                w.digits(n as u64);
                if reverse {
                    w.buf.push(b'r');
                }
            });
            w.safe_attr("source", from)
                .safe_attr("target", to)
                .word_attr("type", direction)
                .number("weight", s.weight)
                .word_attr("kind", kind.as_str())
                .word_attr("label", kind.as_str())
                .open();
            w.tag("attvalues").open();
            w.attvalue("kind", |w| w.word(kind.as_str()));
            w.attvalue("documents", |w| w.digits(s.documents));
            w.close("attvalues")?;
            spells(w, s.seen)?;
            w.close("edge")
        };
        if doubled(kind.directed()) {
            edge(w, false, "directed")?;
            edge(w, true, "directed")?;
        } else if kind.directed() {
            edge(w, false, "directed")?;
        } else {
            edge(w, false, "undirected")?;
        }
    }
    w.close("edges")
}

/// How many `<edge>` elements `graph` has in `style`: [`EdgeStyle::Directed`] writes each
/// undirected edge twice.
fn edge_elements(graph: &Graph, style: EdgeStyle) -> usize {
    let doubled = graph
        .edges()
        .filter(|((kind, _, _), _)| style == EdgeStyle::Directed && !kind.directed())
        .count();
    graph.edge_count() + doubled
}

/// `<spells>` with the one spell from first to last day seen; nothing for an undated item.
fn spells<W: Write>(w: &mut Xml<W>, seen: Option<Span>) -> io::Result<()> {
    let Some(span) = seen else {
        return Ok(());
    };
    w.tag("spells").open();
    w.tag("spell")
        .attr("start", &span.first.to_string())
        .attr("end", &span.last.to_string())
        .empty();
    w.close("spells")
}

/// An XML writer for GEXF's few shapes of element, into a buffer passed on to `out` element by
/// element: every tag on a line of its own, indented two spaces a level, attribute values escaped
/// as quick-xml escapes them (the layout of its indenting writer, which wrote this file before;
/// the tests hold the two to the same bytes). quick-xml built every tag in a string of its own,
/// escaped each value into another and wrote it piece by piece: 35 instructions a byte of the
/// file, against about 3 here.
struct Xml<W: Write> {
    out: W,
    buf: Vec<u8>,
    /// Elements open.
    depth: usize,
}

/// Bytes gathered in [`Xml::buf`] before they are passed on.
const XML_CHUNK: usize = 1 << 16;

impl<W: Write> Xml<W> {
    fn new(out: W) -> Xml<W> {
        Xml {
            out,
            buf: Vec::with_capacity(XML_CHUNK + 4096),
            depth: 0,
        }
    }

    /// A new line at the depth of the elements open: one copy from [`NEW_LINE`] (the file's
    /// elements nest five deep), not a push per space.
    #[inline(always)]
    fn indent(&mut self) {
        match NEW_LINE.get(..1 + 2 * self.depth) {
            Some(line) => self.buf.extend_from_slice(line),
            None => {
                self.buf.push(b'\n');
                self.buf.extend(std::iter::repeat_n(b' ', 2 * self.depth));
            }
        }
    }

    /// Starts the tag `<name` on a new line; its attributes follow.
    #[inline(always)]
    fn tag(&mut self, name: &str) -> &mut Self {
        self.indent();
        self.buf.push(b'<');
        self.buf.extend_from_slice(name.as_bytes());
        self
    }

    /// ` key="…"`, the value written by `value`.
    #[inline(always)]
    fn attr_with(&mut self, key: &str, value: impl FnOnce(&mut Self)) -> &mut Self {
        self.buf.push(b' ');
        self.buf.extend_from_slice(key.as_bytes());
        self.buf.extend_from_slice(b"=\"");
        value(self);
        self.buf.push(b'"');
        self
    }

    /// ` key="value"`, escaped.
    fn attr(&mut self, key: &str, value: &str) -> &mut Self {
        self.attr_with(key, |w| {
            // (A value with none of [`ESCAPED`] is copied as it is, and so is one whose only
            // bytes of [`ATTENTION`] are others: `push_escaped` copies them.)
            if needs_attention(value.as_bytes()) {
                push_escaped(&mut w.buf, value);
            } else {
                w.buf.extend_from_slice(value.as_bytes());
            }
        })
    }

    /// ` key="value"`, made safe ([`xml_safe`]) and escaped.
    #[inline(always)]
    fn safe_attr(&mut self, key: &str, value: &str) -> &mut Self {
        self.attr_with(key, |w| w.safe(value))
    }

    /// ` key="n"`.
    #[inline(always)]
    fn number(&mut self, key: &str, n: u64) -> &mut Self {
        self.attr_with(key, |w| w.digits(n))
    }

    /// `value` made safe ([`xml_safe`]) and escaped; copied as it is when it holds no byte of
    /// [`ATTENTION`] (most ids and names).
    fn safe(&mut self, value: &str) {
        if needs_attention(value.as_bytes()) {
            push_escaped(&mut self.buf, &xml_safe(value));
        } else {
            self.buf.extend_from_slice(value.as_bytes());
        }
    }

    /// `n` in decimal.
    #[inline(always)]
    fn digits(&mut self, n: u64) {
        self.buf
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    /// `<attvalue for="id" value="…"/>`, the value written by `value`.
    #[inline(always)]
    fn attvalue(&mut self, id: &str, value: impl FnOnce(&mut Self)) {
        self.tag("attvalue")
            .word_attr("for", id)
            .attr_with("value", value);
        self.empty();
    }

    /// ` key="value"` for a `value` the program makes from a fixed list (an attribute's id, an
    /// entity type, an edge kind or direction), which holds no byte that [`Xml::attr`] would
    /// escape: copied as it is, without the test.
    #[inline(always)]
    fn word_attr(&mut self, key: &str, value: &str) -> &mut Self {
        self.attr_with(key, |w| w.word(value))
    }

    /// `word`, a word the program makes from a fixed list ([`Xml::word_attr`]), as it is.
    #[inline(always)]
    fn word(&mut self, word: &str) {
        debug_assert!(!needs_attention(word.as_bytes()), "{word:?} needs escaping");
        self.buf.extend_from_slice(word.as_bytes());
    }

    /// Ends the tag as an element whose children follow, one level deeper.
    fn open(&mut self) {
        self.buf.push(b'>');
        self.depth += 1;
    }

    /// Ends the tag as an empty element.
    fn empty(&mut self) {
        self.buf.extend_from_slice(b"/>");
    }

    /// `<name>text</name>` on a new line, the text made safe and escaped ([`Xml::safe`]) like
    /// every other text (it holds no tab, line break or carriage return, the characters quick-xml
    /// escapes in attribute values and not in text).
    fn text_element(&mut self, name: &str, text: &str) {
        debug_assert!(!text.contains(['\t', '\n', '\r']));
        self.tag(name).buf.push(b'>');
        self.safe(text);
        self.buf.extend_from_slice(b"</");
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.push(b'>');
    }

    /// `</name>` on a new line, one level up; the buffer goes out when it is full.
    fn close(&mut self, name: &str) -> io::Result<()> {
        self.depth -= 1;
        self.indent();
        self.buf.extend_from_slice(b"</");
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.push(b'>');
        if self.buf.len() >= XML_CHUNK {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// The writer, with everything written passed on.
    fn finish(mut self) -> io::Result<W> {
        self.out.write_all(&self.buf)?;
        Ok(self.out)
    }
}

/// The bytes quick-xml writes as a reference in an attribute value (`escape_attribute`):
/// `<`, `>`, `&`, `'`, `"`, tab, LF and CR.
const ESCAPED: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let bytes = b"<>&'\"\t\n\r";
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
};

/// The bytes [`xml_safe`] or [`push_escaped`] may change: those of [`ESCAPED`], every control
/// byte below space, and the first byte of U+FFFE and U+FFFF (0xEF).
const ATTENTION: [bool; 256] = {
    let mut t = ESCAPED;
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[0xef] = true;
    t
};

/// A line break and the indent of an element six levels in (the file's deepest, an `<attvalue>`
/// or a `<spell>`, are five in): [`Xml::indent`] copies its first `1 + 2 × depth` bytes.
const NEW_LINE: &[u8; 13] = b"\n            ";

/// Whether `value` holds a byte of [`ATTENTION`]: sixteen bytes at a time by
/// [`text::xml_attention_among_sixteen`] (the last sixteen overlapping the part before, a value
/// of eight to fifteen bytes as its first and last eight), a shorter one byte by byte. Nearly
/// every value written holds none (ids, names, counts, the program's own words).
fn needs_attention(value: &[u8]) -> bool {
    let n = value.len();
    if n < 8 {
        return value.iter().any(|&b| ATTENTION[usize::from(b)]);
    }
    if n < 16 {
        let mut chunk = [0; 16];
        chunk[..8].copy_from_slice(&value[..8]);
        chunk[8..].copy_from_slice(&value[n - 8..]);
        return text::xml_attention_among_sixteen(&chunk) != 0;
    }
    let mut at = 0;
    loop {
        let chunk = text::sixteen_at(value, at).expect("sixteen bytes from at most n - 16");
        if text::xml_attention_among_sixteen(chunk) != 0 {
            return true;
        }
        if at + 16 == n {
            return false;
        }
        at = (at + 16).min(n - 16);
    }
}

/// Appends `value` with the bytes of [`ESCAPED`] as their references.
fn push_escaped(buf: &mut Vec<u8>, value: &str) {
    let bytes = value.as_bytes();
    let mut from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !ESCAPED[usize::from(b)] {
            continue;
        }
        buf.extend_from_slice(&bytes[from..i]);
        buf.extend_from_slice(match b {
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'&' => b"&amp;",
            b'\'' => b"&apos;",
            b'"' => b"&quot;",
            b'\t' => b"&#9;",
            b'\n' => b"&#10;",
            _ => b"&#13;",
        });
        from = i + 1;
    }
    buf.extend_from_slice(&bytes[from..]);
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

    #[test]
    fn a_value_needs_attention_when_one_of_its_bytes_does() {
        for n in [0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 40] {
            let plain = vec![b'a'; n];
            assert!(!needs_attention(&plain), "{n}");
            for at in 0..n {
                for b in [b'<', b'"', b'\'', b'&', b'>', 0x01, b'\t', 0xef] {
                    let mut value = plain.clone();
                    value[at] = b;
                    assert!(needs_attention(&value), "{n} {at} {b:#x}");
                }
                let mut value = plain.clone();
                value[at] = 0xc3;
                assert!(!needs_attention(&value), "{n} {at}");
            }
        }
    }

    fn render(graph: &Graph) -> String {
        render_as(graph, EdgeStyle::Mixed)
    }

    fn render_as(graph: &Graph, style: EdgeStyle) -> String {
        String::from_utf8(write_graph(Vec::new(), graph, style).unwrap()).unwrap()
    }

    /// The file as quick-xml's indenting writer wrote it before [`Xml`] (session 26): the
    /// reference the hand-written XML must equal byte for byte.
    mod quick_xml_reference {
        use super::super::*;
        use quick_xml::events::{BytesDecl, BytesText, Event};
        use quick_xml::Writer;

        pub fn render(graph: &Graph, style: EdgeStyle) -> String {
            let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
            write_graph(&mut w, graph, style).unwrap();
            String::from_utf8(w.into_inner()).unwrap()
        }

        fn write_graph<W: Write>(
            w: &mut Writer<W>,
            graph: &Graph,
            style: EdgeStyle,
        ) -> io::Result<()> {
            w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
            let dynamic = graph.entities().any(|(_, s)| s.seen.is_some());
            let mode = if dynamic { "dynamic" } else { "static" };
            let direction = match style {
                EdgeStyle::Mixed => "undirected",
                EdgeStyle::Directed => "directed",
            };
            let mut graph_attrs = vec![
                ("defaultedgetype", direction),
                ("idtype", "string"),
                ("mode", mode),
            ];
            if dynamic {
                graph_attrs.push(("timeformat", "date"));
            }
            let schema = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd";
            w.create_element("gexf")
                .with_attributes([
                    ("xmlns", NS),
                    ("xmlns:viz", NS_VIZ),
                    ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                    ("xsi:schemaLocation", schema),
                    ("version", "1.3"),
                ])
                .write_inner_content(|w| {
                    w.create_element("meta").write_inner_content(|w| {
                        let creator = format!("claimgraph {}", env!("CARGO_PKG_VERSION"));
                        w.create_element("creator")
                            .write_text_content(BytesText::new(&creator))?;
                        w.create_element("description")
                            .write_text_content(BytesText::new(DESCRIPTION))?;
                        Ok(())
                    })?;
                    w.create_element("graph")
                        .with_attributes(graph_attrs)
                        .write_inner_content(|w| {
                            declarations(w, "node", &NODE_ATTRIBUTES)?;
                            declarations(w, "edge", &EDGE_ATTRIBUTES)?;
                            nodes(w, graph)?;
                            edges(w, graph, style)
                        })?;
                    Ok(())
                })?;
            Ok(())
        }

        fn declarations<W: Write>(
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

        fn nodes<W: Write>(w: &mut Writer<W>, graph: &Graph) -> io::Result<()> {
            let count = graph.entity_count().to_string();
            w.create_element("nodes")
                .with_attribute(("count", count.as_str()))
                .write_inner_content(|w| {
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

        fn edges<W: Write>(w: &mut Writer<W>, graph: &Graph, style: EdgeStyle) -> io::Result<()> {
            let doubled = |directed: bool| style == EdgeStyle::Directed && !directed;
            let count = edge_elements(graph, style).to_string();
            let all = graph.edges_sorted();
            w.create_element("edges")
                .with_attribute(("count", count.as_str()))
                .write_inner_content(|w| {
                    for (n, ((kind, source, target), s)) in all.into_iter().enumerate() {
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

        fn attvalues<W: Write>(
            w: &mut Writer<W>,
            values: &[(&str, Cow<'_, str>)],
        ) -> io::Result<()> {
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
    }

    /// Graphs with every shape the file has: none, undated and dated nodes and edges, every
    /// edge kind, and names with each character either escape touches.
    fn sample_graphs() -> Vec<Graph> {
        // (U+FEFF and U+FFFD open with 0xEF, as the non-characters do, and are kept; NUL is
        // replaced; DEL and a C1 control are kept.)
        let odd = "A <&> \"B\" 'c'\tTab\nLF\rCR \u{1}\u{fffe}\u{ffff} é \u{feff}\u{fffd}\u{0}\u{7f}\u{85}";
        let entity = |id: &str, name: &str, kind| Entity {
            id: id.into(),
            name: name.into(),
            kind,
            aliases: Vec::new(),
            demonyms: Vec::new(),
            attributes: String::new(),
            source: "test".into(),
        };
        let a = entity("organization:a&b", odd, EntityType::Organization);
        let b = entity("person:b\u{1}", "Bo", EntityType::Person);
        let c = entity("place:c", "C", EntityType::Place);
        let mut undated = Graph::default();
        for (e, forms) in [
            (&a, &[odd, "AB", "a|b"][..]),
            (&b, &["Bo", "B\"o"]),
            (&c, &["C"]),
        ] {
            for form in forms {
                undated.add_mention(e, form, "");
            }
        }
        for kind in [
            EdgeKind::CoOccurrence,
            EdgeKind::ClaimsAbout,
            EdgeKind::AffiliatedWith,
        ] {
            undated.add_edge(kind, "person:b\u{1}", "organization:a&b", 2);
            undated.add_edge(kind, "place:c", "person:b\u{1}", 7);
        }
        let mut dated = undated.clone();
        dated.set_day(crate::dates::Day::find("2024-05-01").unwrap());
        let mut mixed = undated.clone();
        mixed.add_mention(&entity("place:d", "D", EntityType::Place), "D", "");
        mixed.merge(dated.clone(), 1);
        vec![Graph::default(), undated, dated, mixed]
    }

    #[test]
    fn the_hand_written_xml_is_what_quick_xml_wrote() {
        for graph in sample_graphs() {
            for style in [EdgeStyle::Mixed, EdgeStyle::Directed] {
                assert_eq!(
                    render_as(&graph, style),
                    quick_xml_reference::render(&graph, style)
                );
            }
        }
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
    fn a_text_element_is_made_safe_and_escaped_like_every_other_text() {
        let mut w = Xml::new(Vec::new());
        w.text_element(
            "description",
            "a <b> & 'c' \u{0}\u{fffe} \u{feff}\u{fffd}\u{7f}\u{85}",
        );
        let xml = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(
            xml.trim_start(),
            "<description>a &lt;b&gt; &amp; &apos;c&apos; \u{fffd}\u{fffd} \u{feff}\u{fffd}\u{7f}\u{85}</description>"
        );
    }

    #[test]
    fn xml_safe_only_replaces_what_xml_cannot_hold() {
        assert!(matches!(xml_safe("tab\tand\nnewline é"), Cow::Borrowed(_)));
        assert!(matches!(
            xml_safe("\u{feff}\u{fffd}\u{7f}\u{85}"),
            Cow::Borrowed(_)
        ));
        assert_eq!(xml_safe("a\u{0}b\u{ffff}"), "a\u{fffd}b\u{fffd}");
    }
}
