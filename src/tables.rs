//! The output tables: their columns and how each row is formatted.
//!
//! Column order is part of the contract with users' spreadsheets and Gephi imports; change it only
//! deliberately and document it in the README.

use crate::corpus::Status;
use crate::graph::Graph;
use crate::output::{CsvTable, OutputSet};
use crate::record::{ClaimRow, DocRecord, MentionRow};

/// Columns of `documents.csv`.
pub const DOCUMENTS: &[&str] = &[
    "doc_id",
    "path",
    "status",
    "reason",
    "date",
    "title",
    "chars",
    "sentences",
    "mentions",
];
/// Columns of `mentions.csv`.
pub const MENTIONS: &[&str] = &[
    "doc_id",
    "start",
    "end",
    "text",
    "entity_id",
    "type",
    "sentence",
    "how",
];
/// Columns of `claims.csv`.
pub const CLAIMS: &[&str] = &[
    "claim_id",
    "doc_id",
    "kind",
    "start",
    "end",
    "text",
    "speaker",
    "speaker_id",
    "speaker_type",
    "speaker_start",
    "speaker_end",
    "speaker_text",
    "cue",
    "cue_start",
    "cue_end",
    "rule",
    "confidence",
    "sentence",
    "entities",
];
/// Columns of `entities.csv` (a Gephi node table).
pub const ENTITIES: &[&str] = &[
    "Id",
    "Label",
    "type",
    "aliases",
    "mentions",
    "documents",
    "source",
    "external_ids",
];
/// Columns of `candidates.csv`: discovered entities an analyst may promote into a gazetteer.
pub const CANDIDATES: &[&str] = &[
    "id",
    "surface",
    "type",
    "count",
    "documents",
    "rule",
    "example",
];
/// Columns of `edges.csv` (a Gephi edge table).
pub const EDGES: &[&str] = &["Source", "Target", "Type", "Weight", "kind", "documents"];

/// One document's `mentions.csv` and `claims.csv` rows, formatted without the cells that hold its
/// final id (`doc_id`, `claim_id`), which only the writer in corpus order knows (see
/// [`crate::merge::UniqueIds`]). A run formats them on the worker threads, so writing in corpus
/// order only copies bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocRows {
    /// The mentions.csv rows, each from the comma after `doc_id` to its CRLF.
    mentions: Vec<u8>,
    /// End of each row in `mentions`.
    mention_ends: Vec<usize>,
    /// The claims.csv rows, each from the comma after `doc_id` to its CRLF.
    claims: Vec<u8>,
    /// End of each row in `claims`.
    claim_ends: Vec<usize>,
    /// Room for a claim's `entities` cell while it is formatted; empty between claims.
    joined: String,
    /// Where each id in `joined` ends (the ids written so far), to write each id once.
    joined_ends: Vec<usize>,
}

impl DocRows {
    /// Formats the rows of `rec`.
    pub fn of(rec: &DocRecord) -> DocRows {
        let mut rows = DocRows::default();
        rows.reserve(
            rec.mentions.iter().map(MentionRow::text_bytes).sum(),
            rec.mentions.len(),
            rec.claims.iter().map(ClaimRow::text_bytes).sum(),
            rec.claims.len(),
        );
        for m in &rec.mentions {
            rows.push_mention(m);
        }
        for c in &rec.claims {
            rows.push_claim(c);
        }
        rows
    }

    /// Makes room for `mentions` mention rows and `claims` claim rows whose text cells hold
    /// about `mention_text` and `claim_text` bytes (see [`MentionRow::text_bytes`] and
    /// [`ClaimRow::text_bytes`]), so that a large document's rows are not copied as the buffers
    /// double, nor hold up to twice their size.
    pub fn reserve(
        &mut self,
        mention_text: usize,
        mentions: usize,
        claim_text: usize,
        claims: usize,
    ) {
        // The cells other than the text: offsets, sentence, type, how and separators (about 40
        // bytes a mention row, 120 a claim row on news text).
        self.mentions.reserve(mention_text + mentions * 48);
        self.mention_ends.reserve(mentions);
        self.claims.reserve(claim_text + claims * 128);
        self.claim_ends.reserve(claims);
    }

    /// Appends the mentions.csv row of `m`.
    pub fn push_mention(&mut self, m: &MentionRow) {
        use crate::output::{cell_bound, push_within, NUMBER_BOUND};
        let bound = 3 * NUMBER_BOUND
            + cell_bound(m.text.len())
            + cell_bound(m.entity_id.len())
            + cell_bound(m.kind.len())
            + cell_bound(m.how.len())
            + 6;
        push_within(&mut self.mentions, bound, |row| {
            row.comma_number(m.start);
            row.comma_number(m.end);
            for cell in [&m.text, &m.entity_id, &m.kind] {
                row.byte(b',');
                row.cell(cell);
            }
            row.comma_number(m.sentence);
            row.byte(b',');
            row.cell(&m.how);
            row.bytes(b"\r\n");
        });
        self.mention_ends.push(self.mentions.len());
    }

    /// Appends the claims.csv row of `c`.
    pub fn push_claim(&mut self, c: &ClaimRow) {
        self.push_claim_with(c, c.entities.iter().map(AsRef::as_ref));
    }

    /// Appends the claims.csv row of `c` whose `entities` cell lists `entities` (the ids of the
    /// entities its content mentions, in order, each written once however often it comes), not
    /// `c.entities`: a run's rows need no vector of the ids per claim.
    pub fn push_claim_with<'e>(&mut self, c: &ClaimRow, entities: impl Iterator<Item = &'e str>) {
        use crate::output::{cell_bound, push_within, RowWriter, NUMBER_BOUND};
        // The `entities` cell, in a buffer reused from claim to claim (left empty).
        let (joined, ends) = (&mut self.joined, &mut self.joined_ends);
        for e in entities {
            let mut start = 0;
            let seen = ends.iter().any(|&end| {
                let id = &joined[start..end];
                start = end + 1;
                id == e
            });
            if seen {
                continue;
            }
            if !ends.is_empty() {
                joined.push('|');
            }
            joined.push_str(e);
            ends.push(joined.len());
        }
        let offsets = |row: &mut RowWriter, span: Option<[u64; 2]>| {
            if let Some([s, e]) = span {
                row.comma_number(s);
                row.comma_number(e);
            } else {
                row.bytes(b",,");
            }
        };
        let bound = 7 * NUMBER_BOUND
            + [
                &c.kind,
                &c.text,
                &c.speaker,
                &c.speaker_id,
                &c.speaker_type,
                &c.speaker_text,
                &c.cue,
                &c.rule,
                &c.confidence,
            ]
            .iter()
            .map(|cell| cell_bound(cell.len()))
            .sum::<usize>()
            + cell_bound(joined.len())
            + 12;
        push_within(&mut self.claims, bound, |row| {
            row.byte(b',');
            row.cell(&c.kind);
            row.comma_number(c.start);
            row.comma_number(c.end);
            for cell in [&c.text, &c.speaker, &c.speaker_id, &c.speaker_type] {
                row.byte(b',');
                row.cell(cell);
            }
            offsets(row, c.speaker_span);
            for cell in [&c.speaker_text, &c.cue] {
                row.byte(b',');
                row.cell(cell);
            }
            offsets(row, c.cue_span);
            for cell in [&c.rule, &c.confidence] {
                row.byte(b',');
                row.cell(cell);
            }
            row.comma_number(c.sentence);
            row.byte(b',');
            row.cell(joined);
            row.bytes(b"\r\n");
        });
        joined.clear();
        ends.clear();
        self.claim_ends.push(self.claims.len());
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.mentions.capacity()
            + self.claims.capacity()
            + (self.mention_ends.capacity() + self.claim_ends.capacity()) * 8
    }
}

/// The `documents.csv` fields of one document apart from its id, status and reason.
#[derive(Debug, Clone, Copy)]
pub struct DocFields<'a> {
    /// `path`.
    pub path: &'a str,
    /// `date`, or empty.
    pub date: &'a str,
    /// `title`, or empty.
    pub title: &'a str,
    /// `chars`.
    pub chars: u64,
    /// `sentences`.
    pub sentences: u64,
    /// `mentions`.
    pub mentions: u64,
}

/// The per-document tables, streamed as documents are analysed.
pub struct DocumentTables {
    documents: CsvTable,
    mentions: CsvTable,
    claims: CsvTable,
    /// The documents.csv row being assembled (starting with the id cell), reused from document
    /// to document.
    cell: Vec<u8>,
    /// The claim id cell being assembled.
    claim_cell: Vec<u8>,
}

impl DocumentTables {
    /// Opens `documents.csv`, `mentions.csv` and `claims.csv` in `set` (under temporary names).
    pub fn create(set: &OutputSet) -> anyhow::Result<DocumentTables> {
        Ok(DocumentTables {
            documents: CsvTable::create(set, "documents.csv", DOCUMENTS)?,
            mentions: CsvTable::create(set, "mentions.csv", MENTIONS)?,
            claims: CsvTable::create(set, "claims.csv", CLAIMS)?,
            cell: Vec::new(),
            claim_cell: Vec::new(),
        })
    }

    /// Writes one document's rows under its final `id`, `status` and `reasons` (which duplicate
    /// renaming may have changed from the record's).
    pub fn write(
        &mut self,
        id: &str,
        status: Status,
        reasons: &str,
        rec: &DocRecord,
    ) -> anyhow::Result<()> {
        let fields = DocFields {
            path: &rec.path,
            date: &rec.date,
            title: &rec.title,
            chars: rec.chars,
            sentences: rec.sentences,
            mentions: rec.mentions.len() as u64,
        };
        self.write_rows(id, status, reasons, fields, &DocRows::of(rec))
    }

    /// Writes one document's rows, formatted beforehand by [`DocRows::of`], under its final `id`,
    /// `status` and `reasons`.
    pub fn write_rows(
        &mut self,
        id: &str,
        status: Status,
        reasons: &str,
        fields: DocFields,
        rows: &DocRows,
    ) -> anyhow::Result<()> {
        use crate::output::{push_cell, push_number};
        let DocumentTables {
            documents,
            mentions,
            claims,
            cell: line,
            claim_cell,
        } = self;
        line.clear();
        push_cell(line, id);
        let id_cell = line.len();
        for cell in [
            fields.path,
            status.as_str(),
            reasons,
            fields.date,
            fields.title,
        ] {
            line.push(b',');
            push_cell(line, cell);
        }
        for n in [fields.chars, fields.sentences, fields.mentions] {
            line.push(b',');
            push_number(line, n);
        }
        line.extend_from_slice(b"\r\n");
        documents.raw(line)?;
        let id_cell = &line[..id_cell];
        let mut start = 0;
        for &end in &rows.mention_ends {
            mentions.raw(id_cell)?;
            mentions.raw(&rows.mentions[start..end])?;
            start = end;
        }
        let mut start = 0;
        for (n, &end) in rows.claim_ends.iter().enumerate() {
            claim_cell.clear();
            push_claim_id(claim_cell, id, id_cell, n);
            claim_cell.push(b',');
            claim_cell.extend_from_slice(id_cell);
            claims.raw(claim_cell)?;
            claims.raw(&rows.claims[start..end])?;
            start = end;
        }
        Ok(())
    }

    /// Finishes the tables and adds them to `set`.
    pub fn finish(self, set: &mut OutputSet) -> anyhow::Result<()> {
        self.documents.finish(set)?;
        self.mentions.finish(set)?;
        self.claims.finish(set)
    }
}

/// The id of the `n`th claim (0-based, in content order) of a document: `<doc_id>#c<n+1>`.
///
/// Positional ids are stable across runs and thread counts because claims are ordered by their
/// content offsets; they change only when the text or the rules change.
pub fn claim_id(doc_id: &str, n: usize) -> String {
    format!("{doc_id}#c{}", n + 1)
}

/// Appends the cell of [`claim_id`]`(id, n)` to `out`, given `id_cell`, the cell of `id` as
/// [`crate::output::push_cell`] wrote it. The claim id is the document id and `#c<n+1>`, which
/// holds nothing that is quoted or guarded: its cell is the id's cell with that suffix (inside the
/// closing quote when the id's cell is quoted), with no formatting and no second scan of the id.
fn push_claim_id(out: &mut Vec<u8>, id: &str, id_cell: &[u8], n: usize) {
    let quoted = id_cell.last() == Some(&b'"') && id_cell.len() > id.len();
    let body = if quoted {
        &id_cell[..id_cell.len() - 1]
    } else {
        id_cell
    };
    out.extend_from_slice(body);
    out.extend_from_slice(b"#c");
    out.extend_from_slice(itoa::Buffer::new().format(n + 1).as_bytes());
    if quoted {
        out.push(b'"');
    }
}

/// Writes `entities.csv`, `edges.csv` and `candidates.csv` from the corpus graph into `set`.
pub fn write_graph(set: &mut OutputSet, graph: &Graph) -> anyhow::Result<()> {
    let mut entities = CsvTable::create(set, "entities.csv", ENTITIES)?;
    let mut candidates = CsvTable::create(set, "candidates.csv", CANDIDATES)?;
    for (id, stats) in graph.entities_sorted() {
        let (mut m, mut d) = (itoa::Buffer::new(), itoa::Buffer::new());
        let (mentions, documents) = (m.format(stats.mentions), d.format(stats.documents));
        entities.row([
            id,
            &stats.label,
            stats.kind.as_str(),
            &stats.aliases(),
            mentions,
            documents,
            &stats.source,
            &stats.external_ids,
        ])?;
        if let Some(rule) = stats.source.strip_prefix("rule:") {
            candidates.row([
                id,
                &stats.label,
                stats.kind.as_str(),
                mentions,
                documents,
                rule,
                stats.example.as_deref().unwrap_or(""),
            ])?;
        }
    }
    let mut edges = CsvTable::create(set, "edges.csv", EDGES)?;
    let (mut weight, mut documents) = (itoa::Buffer::new(), itoa::Buffer::new());
    for ((kind, source, target), stats) in graph.edges_sorted() {
        edges.row([
            source,
            target,
            if kind.directed() {
                "Directed"
            } else {
                "Undirected"
            },
            weight.format(stats.weight),
            kind.as_str(),
            documents.format(stats.documents),
        ])?;
    }
    entities.finish(set)?;
    edges.finish(set)?;
    candidates.finish(set)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::push_cell;

    #[test]
    fn a_claim_id_cell_is_the_cell_of_the_claim_id() {
        for id in [
            "a",
            "",
            "a,b",
            "say \"x\"",
            "=x",
            "'=x",
            "'",
            "''",
            "x\ny",
            "r0/b/c~2",
        ] {
            let mut id_cell = Vec::new();
            push_cell(&mut id_cell, id);
            for n in [0, 9, 41] {
                let (mut want, mut got) = (Vec::new(), Vec::new());
                push_cell(&mut want, &claim_id(id, n));
                push_claim_id(&mut got, id, &id_cell, n);
                assert_eq!(got, want, "{id:?} {n}");
            }
        }
    }
}
