//! `report.html`: one self-contained claim-audit page (inline CSS, JS and data; no network).
//!
//! The run streams: a report cannot hold every document of a large corpus, so it embeds a bounded
//! sample chosen by a simple, documented policy ([`Limits`]):
//! - only documents **with claims** are embedded (with their full text, so each claim can be shown in
//!   context), in input order, until the next one would pass [`Limits::max_claims`] claims or
//!   [`Limits::max_text_bytes`] of text; from then on documents are only counted, and the page (and
//!   stderr) says the report is truncated;
//! - the entity view holds the [`Limits::max_entities`] most-mentioned entities and the claim and
//!   affiliation edges among them, at most [`Limits::max_edges`], heaviest first.
//!
//! Documents are written as JSON rows to an anonymous temporary file in the output folder while the
//! run goes on ([`ReportWriter::add`]), so memory stays bounded; [`ReportWriter::finish`] assembles the
//! page around them at the end. Everything from documents reaches the page only as JSON inside
//! `<script type="application/json">` (with every `<` written as `\u003c`, so no text can close the
//! element), and the page's script inserts it with `textContent`, never as markup.

use crate::graph::{EdgeKind, Graph};
use crate::json_out;
use crate::output::{OutputFile, OutputSet};
use crate::record::{ClaimRow, DocRecord};
use anyhow::Context;
use serde::Serialize;
use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

const TEMPLATE: &str = include_str!("report/report.html");
const STYLE: &str = include_str!("report/report.css");
const SCRIPT: &str = include_str!("report/report.js");

/// How much of a corpus the report embeds (see the module docs for the policy).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most claims embedded.
    pub max_claims: usize,
    /// Most bytes of document text embedded.
    pub max_text_bytes: usize,
    /// Most entities in the entity view.
    pub max_entities: usize,
    /// Most claims_about / affiliated_with edges in the entity view.
    pub max_edges: usize,
}

impl Default for Limits {
    /// Sized so that the page stays quick to open in a browser (tens of MB at most).
    fn default() -> Limits {
        Limits {
            max_claims: 25_000,
            max_text_bytes: 48 << 20,
            max_entities: 20_000,
            max_edges: 50_000,
        }
    }
}

/// One document's entry in the page (`{"id":…,"title":…,"date":…,"text":…,"claims":[{"id":…,
/// "kind":…},…]}`), serialised without the document and claim ids, which only the writer in corpus
/// order knows (see [`crate::merge::UniqueIds`]). A run serialises entries on the worker threads
/// while the report still takes documents, so writing one only copies bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportEntry {
    /// `,"title":…,"date":…,"text":…,"claims":[`.
    head: Vec<u8>,
    /// Each claim from the comma after its id to its closing brace, one after the other.
    claims: Vec<u8>,
    /// End of each claim in `claims`.
    claim_ends: Vec<usize>,
}

impl ReportEntry {
    /// The entry of `rec`, whose text is `text`.
    pub fn of(rec: &DocRecord, text: &str) -> ReportEntry {
        let mut e = ReportEntry::begin(&rec.title, &rec.date, text);
        for c in &rec.claims {
            e.push_claim(c);
        }
        e
    }

    /// The entry of a document with this title, date and text, its claims to follow
    /// ([`ReportEntry::push_claim`]).
    pub fn begin(title: &str, date: &str, text: &str) -> ReportEntry {
        let mut e = ReportEntry::default();
        let head = &mut e.head;
        // The text is most of the entry: reserve for it and a little escaping at once, rather
        // than doubling the buffer as it grows (which, on a 5 MB document, held up to twice the
        // text and copied it several times).
        head.reserve(text.len() + text.len() / 32 + title.len() + date.len() + 64);
        for (key, value) in [
            (&b",\"title\":"[..], title),
            (b",\"date\":", date),
            (b",\"text\":", text),
        ] {
            head.extend_from_slice(key);
            json_out::push_str(head, value);
        }
        head.extend_from_slice(b",\"claims\":[");
        e
    }

    /// Adds claim `c`, the next in content order: from the comma that follows its id to its
    /// closing brace (`,"kind":…,"entities":[…]}`; offsets are code points into the document
    /// text, like claims.csv), written field by field.
    pub fn push_claim(&mut self, c: &ClaimRow) {
        let o = &mut self.claims;
        fn field(o: &mut Vec<u8>, key: &[u8], value: &str) {
            o.extend_from_slice(key);
            json_out::push_str(o, value);
        }
        field(o, b",\"kind\":", &c.kind);
        o.extend_from_slice(b",\"content\":");
        json_out::push_pair(o, [c.start, c.end]);
        field(o, b",\"speaker\":", &c.speaker);
        field(o, b",\"speaker_id\":", &c.speaker_id);
        field(o, b",\"speaker_type\":", &c.speaker_type);
        o.extend_from_slice(b",\"speaker_span\":");
        json_out::push_optional_pair(o, c.speaker_span);
        field(o, b",\"cue\":", &c.cue);
        o.extend_from_slice(b",\"cue_span\":");
        json_out::push_optional_pair(o, c.cue_span);
        field(o, b",\"rule\":", &c.rule);
        field(o, b",\"confidence\":", &c.confidence);
        o.extend_from_slice(b",\"entities\":");
        json_out::push_str_array(o, &c.entities);
        o.push(b'}');
        self.claim_ends.push(o.len());
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.head.capacity() + self.claims.capacity() + self.claim_ends.capacity() * 8
    }

    /// Writes the entry under document id `id`.
    fn write_to<W: Write>(&self, w: &mut W, id: &str) -> io::Result<()> {
        // `{"id":"ID` (the id as a JSON string without its closing quote): each claim's id is
        // the document's and `#cN` ([`crate::tables::claim_id`]), which JSON writes as they are.
        let mut open = b"{\"id\":".to_vec();
        json_out::push_str(&mut open, id);
        open.pop();
        w.write_all(&open)?;
        w.write_all(b"\"")?;
        w.write_all(&self.head)?;
        let mut start = 0;
        for (n, &end) in self.claim_ends.iter().enumerate() {
            if n > 0 {
                w.write_all(b",")?;
            }
            w.write_all(&open)?;
            w.write_all(b"#c")?;
            w.write_all(itoa::Buffer::new().format(n + 1).as_bytes())?;
            w.write_all(b"\"")?;
            w.write_all(&self.claims[start..end])?;
            start = end;
        }
        w.write_all(b"]}")
    }
}

/// Counts the page shows in its header (and whether it is truncated).
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Coverage {
    /// Documents in the run.
    pub documents: u64,
    /// Documents with at least one claim.
    pub documents_with_claims: u64,
    /// Claims in the run.
    pub claims: u64,
    /// Documents embedded in the page.
    pub documents_embedded: u64,
    /// Claims embedded in the page.
    pub claims_embedded: u64,
    /// Entities in the run.
    pub entities: u64,
    /// Entities in the page's entity view.
    pub entities_embedded: u64,
    /// True when some documents with claims (or entities) were left out.
    pub truncated: bool,
}

/// Streams documents into the report and assembles `report.html` at the end.
pub struct ReportWriter {
    rows: BufWriter<File>,
    limits: Limits,
    budget: Budget,
    coverage: Coverage,
    /// Set once the report takes no more documents (see [`ReportWriter::taking`]).
    full: Arc<AtomicBool>,
}

/// The embedding policy's running state: documents with claims are embedded in input order until
/// the first one that would pass [`Limits::max_claims`] or [`Limits::max_text_bytes`]; after it,
/// none is.
///
/// A partial run keeps the text of the documents its own budget admits: in the whole corpus, more
/// claims and text come before each of them, so every document the merged report embeds is one of
/// those (as long as the merge's limits are not higher than the partial's).
#[derive(Debug, Clone)]
pub struct Budget {
    max_claims: usize,
    max_text_bytes: usize,
    claims: usize,
    text_bytes: usize,
    full: bool,
}

impl Budget {
    /// An empty budget under `limits`.
    pub fn new(limits: &Limits) -> Budget {
        Budget {
            max_claims: limits.max_claims,
            max_text_bytes: limits.max_text_bytes,
            claims: 0,
            text_bytes: 0,
            full: false,
        }
    }

    /// Whether a document with `claims` claims (at least one) and `text_bytes` bytes of text is
    /// embedded; if so, it is counted.
    pub fn admit(&mut self, claims: usize, text_bytes: usize) -> bool {
        let fits = self.claims + claims <= self.max_claims
            && self.text_bytes + text_bytes <= self.max_text_bytes;
        // Once one document does not fit, stop embedding, so the page holds a prefix of the input.
        self.full |= !fits;
        if self.full {
            return false;
        }
        self.claims += claims;
        self.text_bytes += text_bytes;
        true
    }
}

impl ReportWriter {
    /// Starts a report whose rows are buffered in an anonymous scratch file of `set` (removed by
    /// the operating system however the run ends).
    pub fn create(set: &OutputSet, limits: Limits) -> anyhow::Result<ReportWriter> {
        let file = set.scratch()?;
        Ok(ReportWriter {
            rows: BufWriter::with_capacity(1 << 16, file),
            limits,
            budget: Budget::new(&limits),
            coverage: Coverage::default(),
            full: Arc::default(),
        })
    }

    /// A flag that is false while the report may still embed documents: once it is true, no
    /// later document is embedded, so its [`ReportEntry`] need not be made. Worker threads read it
    /// to skip that work; the output never depends on when they see it change.
    pub fn taking(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.full)
    }

    /// Counts one document and embeds it, under its final `id`, if it has claims and still fits.
    ///
    /// Fails if the document is to be embedded but `rec` has no text (a partial written with
    /// lower report limits than the merge's).
    pub fn add(&mut self, id: &str, rec: &DocRecord) -> anyhow::Result<()> {
        let entry = match rec.text.as_deref() {
            Some(text) if !rec.claims.is_empty() => Some(ReportEntry::of(rec, text)),
            _ => None,
        };
        self.add_entry(id, rec.claims.len(), rec.bytes, entry.as_ref())
    }

    /// [`ReportWriter::add`] for a document of `claims` claims and `bytes` bytes of text whose
    /// entry is made already (None: it has no text, or no claims).
    pub fn add_entry(
        &mut self,
        id: &str,
        claims: usize,
        bytes: u64,
        entry: Option<&ReportEntry>,
    ) -> anyhow::Result<()> {
        let c = &mut self.coverage;
        c.documents += 1;
        if claims == 0 {
            return Ok(());
        }
        c.documents_with_claims += 1;
        c.claims += claims as u64;
        if !self.budget.admit(claims, bytes as usize) {
            c.truncated = true;
            self.full.store(true, Ordering::Relaxed);
            return Ok(());
        }
        let Some(entry) = entry else {
            anyhow::bail!(
                "the text of document {id:?} is needed for report.html but was not kept: the \
                 partial was written with lower --report-claims or --report-text-mb than this merge"
            );
        };
        c.documents_embedded += 1;
        c.claims_embedded += claims as u64;
        if c.documents_embedded > 1 {
            self.rows.write_all(b",\n")?;
        }
        entry.write_to(&mut self.rows, id)?;
        Ok(())
    }

    /// Writes `report.html` into `set`; returns what it covers.
    pub fn finish(self, set: &mut OutputSet, graph: &Graph) -> anyhow::Result<Coverage> {
        let out = set.create("report.html")?;
        let (out, coverage) = self.finish_into(out, graph)?;
        set.stage(out)?;
        Ok(coverage)
    }

    /// [`ReportWriter::finish`] into `out`, `report.html` made by the caller, which stages it (see
    /// [`crate::merge::Output::finish_on`]); returns it with what the report covers.
    pub fn finish_into(
        mut self,
        mut out: OutputFile,
        graph: &Graph,
    ) -> anyhow::Result<(OutputFile, Coverage)> {
        let (entities, edges) = entity_view(graph, &self.limits);
        self.coverage.entities = graph.entity_count() as u64;
        self.coverage.entities_embedded = entities.len() as u64;
        self.coverage.truncated |= entities.len() < graph.entity_count();
        let mut rows = self
            .rows
            .into_inner()
            .map_err(|e| e.into_error())
            .context("cannot write the report's temporary file")?;
        rows.rewind()?;
        let mut parts = TEMPLATE.split("<!--{{");
        out.write_all(parts.next().unwrap_or_default().as_bytes())?;
        for part in parts {
            let (marker, rest) = part
                .split_once("}}-->")
                .expect("report template markers are <!--{{name}}-->");
            match marker {
                "style" => out.write_all(STYLE.as_bytes())?,
                "script" => out.write_all(SCRIPT.as_bytes())?,
                "data" => {
                    data_element(&mut out, "cg-coverage", |w| write_json(w, &self.coverage))?;
                    data_element(&mut out, "cg-entities", |w| write_json(w, &entities))?;
                    data_element(&mut out, "cg-edges", |w| write_json(w, &edges))?;
                    data_element(&mut out, "cg-docs", |w| {
                        w.write_all(b"[\n")?;
                        io::copy(&mut rows, w)?;
                        w.write_all(b"\n]")
                    })?;
                }
                other => panic!("unknown report template marker {other:?}"),
            }
            out.write_all(rest.as_bytes())?;
        }
        Ok((out, self.coverage))
    }
}

impl Coverage {
    /// A one-line note for stderr when the report is truncated.
    pub fn truncation_note(&self) -> Option<String> {
        self.truncated.then(|| {
            format!(
                "report.html is truncated: it embeds {} of {} documents with claims ({} of {} claims) \
                 and {} of {} entities; claims.csv has them all (raise --report-claims or \
                 --report-text-mb for more)",
                self.documents_embedded,
                self.documents_with_claims,
                self.claims_embedded,
                self.claims,
                self.entities_embedded,
                self.entities
            )
        })
    }
}

/// An entity of the entity view: id, label, type, mentions, documents, external ids (a JSON array in
/// the page).
type EntityRow<'a> = (&'a str, &'a str, &'static str, u64, u64, &'a str);
/// An edge of the entity view: source, target, kind, weight.
type EdgeRow<'a> = (&'a str, &'a str, &'static str, u64);

/// The entity view: the most-mentioned entities (most first, then by id) and the `claims_about` and
/// `affiliated_with` edges among them (heaviest first), both capped by `limits`.
fn entity_view<'a>(graph: &'a Graph, limits: &Limits) -> (Vec<EntityRow<'a>>, Vec<EdgeRow<'a>>) {
    let mut entities: Vec<EntityRow> = graph
        .entities()
        .map(|(id, s)| {
            (
                id,
                &*s.label,
                s.kind.as_str(),
                s.mentions,
                s.documents,
                &*s.external_ids,
            )
        })
        .collect();
    entities.sort_by(|a, b| b.3.cmp(&a.3).then(a.0.cmp(b.0)));
    entities.truncate(limits.max_entities);
    let kept: std::collections::BTreeSet<&str> = entities.iter().map(|e| e.0).collect();
    let mut edges: Vec<EdgeRow> = graph
        .edges()
        .filter(|((kind, s, t), _)| {
            *kind != EdgeKind::CoOccurrence && kept.contains(s) && kept.contains(t)
        })
        .map(|((kind, s, t), e)| (s, t, kind.as_str(), e.weight))
        .collect();
    edges.sort_by(|a, b| {
        b.3.cmp(&a.3)
            .then_with(|| (a.2, a.0, a.1).cmp(&(b.2, b.0, b.1)))
    });
    edges.truncate(limits.max_edges);
    (entities, edges)
}

/// Writes `value` as JSON with every `<` escaped, so it is inert inside a `<script>` element.
/// The JSON goes to `w` as it is made (a document's text is not copied into a buffer first).
fn write_json<W: Write, T: Serialize + ?Sized>(w: &mut W, value: &T) -> io::Result<()> {
    serde_json::to_writer(Inert(w), value).map_err(io::Error::other)
}

/// A writer that writes every `<` as `\u003c`. JSON has `<` only inside strings, where the
/// escape stands for the same character.
struct Inert<'w, W: Write>(&'w mut W);

impl<W: Write> Write for Inert<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let mut rest = buf;
        while let Some(i) = memchr::memchr(b'<', rest) {
            self.0.write_all(&rest[..i])?;
            self.0.write_all(b"\\u003c")?;
            rest = &rest[i + 1..];
        }
        self.0.write_all(rest)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Writes a `<script type="application/json">` element whose content `body` writes (as JSON that
/// [`write_json`] made inert).
fn data_element<W: Write>(
    w: &mut W,
    id: &str,
    body: impl FnOnce(&mut W) -> io::Result<()>,
) -> io::Result<()> {
    write!(w, "<script type=\"application/json\" id=\"{id}\">")?;
    body(w)?;
    w.write_all(b"</script>\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn json_cannot_close_a_script_element() {
        let mut out = Vec::new();
        write_json(&mut out, &"</script><script>alert(1)</script>").unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(!s.contains('<'), "{s}");
        let back: String = serde_json::from_str(&s).unwrap();
        assert_eq!(back, "</script><script>alert(1)</script>");
    }

    #[test]
    fn embeds_a_prefix_of_documents_with_claims_and_says_when_truncated() {
        let gaz = crate::gazetteer::tests::sample();
        let doc = |id: &str, text: &str| {
            let d = crate::corpus::Document::from_text(id.into(), id.into(), text);
            crate::pipeline::analyze(d, &gaz)
        };
        let quote = "“The talks on Iran will fail, whatever anyone offers,” said John Bolton.";
        let docs = [
            doc("a", quote),
            doc("none", "Iran met Israel."),
            doc("b", quote),
        ];
        let dir = tempfile::tempdir().unwrap();
        let limits = Limits {
            max_claims: 1,
            ..Limits::default()
        };
        let mut graph = Graph::default();
        let mut set = OutputSet::open(dir.path()).unwrap();
        let mut report = ReportWriter::create(&set, limits).unwrap();
        for (n, a) in docs.iter().enumerate() {
            assert!(a.claims.len() <= 1);
            report.add(&a.doc.id, &DocRecord::of(a, &gaz)).unwrap();
            graph.merge_doc(a.graph.clone(), &gaz, n as u64);
        }
        let coverage = report.finish(&mut set, &graph).unwrap();
        let path = set.commit().unwrap().pop().unwrap();
        assert_eq!(coverage.documents, 3);
        assert_eq!(coverage.documents_with_claims, 2);
        assert_eq!(
            (coverage.documents_embedded, coverage.claims_embedded),
            (1, 1)
        );
        assert!(coverage.truncated);
        let note = coverage.truncation_note().unwrap();
        assert!(note.contains("1 of 2 documents"), "{note}");
        let html = std::fs::read_to_string(path).unwrap();
        assert!(html.contains(r#""id":"a#c1""#) && !html.contains(r#""id":"b#c1""#));
        // Only report.html is left: the rows' temporary file is gone.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_entry_is_the_json_of_the_document_under_its_final_id() {
        let gaz = crate::gazetteer::tests::sample();
        let text = "“Iran <b>will</b> fail,” said John Bolton. “And Israel too,” he added.";
        let d = crate::corpus::Document::from_text("x".into(), "x".into(), text);
        let a = crate::pipeline::analyze(d, &gaz);
        let rec = DocRecord::of(&a, &gaz);
        assert!(rec.claims.len() >= 2, "{:?}", rec.claims);
        let mut out = Vec::new();
        ReportEntry::of(&rec, text)
            .write_to(&mut out, "new<id>")
            .unwrap();
        let json = String::from_utf8(out).unwrap();
        assert!(!json.contains('<'), "{json}");
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["id"], "new<id>");
        assert_eq!(v["text"], text);
        assert_eq!(v["claims"][1]["id"], "new<id>#c2");
        assert_eq!(v["claims"][0]["kind"], rec.claims[0].kind.as_ref());
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 5);
    }

    /// A claim as serde_json wrote it before [`ReportEntry::push_claim`] wrote it by hand.
    #[derive(Serialize)]
    struct ClaimBody<'a> {
        kind: &'a str,
        content: [u64; 2],
        speaker: &'a str,
        speaker_id: &'a str,
        speaker_type: &'a str,
        speaker_span: Option<[u64; 2]>,
        cue: &'a str,
        cue_span: Option<[u64; 2]>,
        rule: &'a str,
        confidence: &'a str,
        entities: &'a [Cow<'a, str>],
    }

    #[test]
    fn a_claim_is_written_as_serde_json_wrote_its_body() {
        let gaz = crate::gazetteer::tests::sample();
        let text = "“Iran <b>will</b> fail,” said John Bolton. \"And Israel\ntoo,\" he added.";
        let d = crate::corpus::Document::from_text("x".into(), "x".into(), text);
        let a = crate::pipeline::analyze(d, &gaz);
        let rec = DocRecord::of(&a, &gaz);
        let mut claims = rec.claims.clone();
        assert!(!claims.is_empty());
        let mut odd = claims[0].clone();
        odd.speaker = "<script>\u{1}é\\".into();
        odd.speaker_span = None;
        odd.cue_span = Some([7, u64::MAX]);
        odd.entities = vec!["a<b".into(), "".into()];
        claims.push(odd);
        for c in &claims {
            let mut entry = ReportEntry::default();
            entry.push_claim(c);
            let body = ClaimBody {
                kind: &c.kind,
                content: [c.start, c.end],
                speaker: &c.speaker,
                speaker_id: &c.speaker_id,
                speaker_type: &c.speaker_type,
                speaker_span: c.speaker_span,
                cue: &c.cue,
                cue_span: c.cue_span,
                rule: &c.rule,
                confidence: &c.confidence,
                entities: &c.entities,
            };
            let mut want = Vec::new();
            write_json(&mut want, &body).unwrap();
            want[0] = b',';
            assert_eq!(
                String::from_utf8(entry.claims).unwrap(),
                String::from_utf8(want).unwrap()
            );
        }
    }

    #[test]
    fn template_has_every_marker_once() {
        for marker in ["style", "data", "script"] {
            assert_eq!(
                TEMPLATE
                    .matches(&format!("<!--{{{{{marker}}}}}-->"))
                    .count(),
                1
            );
        }
    }
}
