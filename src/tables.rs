//! The output tables: their columns and how each row is formatted.
//!
//! Column order is part of the contract with users' spreadsheets and Gephi imports; change it only
//! deliberately and document it in the README.

use crate::corpus::Status;
use crate::entity::RULE_SOURCE;
use crate::graph::Graph;
use crate::output::{CsvTable, OutputSet, RowWriter};
use crate::record::{ClaimCells, ClaimRow, DocRecord, MentionCells, MentionRow};
use crate::scratch::{Kept, Spare};

/// Writes `cell`, a column whose words the program makes: as it is when `MADE` (the row is the
/// analysis's own, [`RowWriter::made_cell`]), else tested as any cell ([`RowWriter::cell`]).
#[inline(always)]
fn made_cell<const MADE: bool>(row: &mut RowWriter, cell: &str) {
    if MADE {
        row.made_cell(cell);
    } else {
        row.cell(cell);
    }
}

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

/// One document's `mentions.csv` and `claims.csv` rows, formatted whole under the id the document
/// was read with (its `doc_id` and `claim_id` cells included). A run formats them on the worker
/// threads, so the writer in corpus order copies each table's rows in one piece when the document
/// keeps its id, and replaces the id cells row by row only when duplicate renaming gave it another
/// (see [`crate::merge::UniqueIds`] and [`DocumentTables::write_rows`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocRows {
    /// The `doc_id` cell of the id the rows were formatted under.
    id_cell: Vec<u8>,
    /// Whether `id_cell` is quoted (a claim id cell then closes with the quote).
    id_quoted: bool,
    /// The mentions.csv rows, each from its `doc_id` cell to its CRLF.
    mentions: Vec<u8>,
    /// End of each row in `mentions`.
    mention_ends: Vec<usize>,
    /// The claims.csv rows, each from its `claim_id` cell to its CRLF.
    claims: Vec<u8>,
    /// End of each row in `claims`.
    claim_ends: Vec<usize>,
    /// Room for a claim's `entities` cell while it is formatted; empty between claims.
    joined: String,
    /// Where each id in `joined` ends (the ids written so far), to write each id once.
    joined_ends: Vec<usize>,
}

/// Bytes made ready for a claim's `entities` cell in [`DocRows::reserve`] (ids of about 20 bytes,
/// a few to a claim on news text), so that it is not regrown from nothing in every document.
const ENTITIES_CELL_ROOM: usize = 128;

/// Ids made ready for a claim's `entities` cell ([`ENTITIES_CELL_ROOM`]).
const ENTITIES_CELL_IDS: usize = 8;

/// Emptied row buffers the writer handed back ([`DocRows::recycle`]), for the next documents'
/// rows ([`DocRows::new`]): the workers that format rows and the thread that writes them are not
/// the same, so the buffers go round through one shared list rather than a thread's own room.
static SPARE_ROWS: Spare<DocRows> = Spare::new(SPARE_ROWS_KEPT, SPARE_ROWS_ROOM);

/// Most emptied row buffers kept in [`SPARE_ROWS`] (about the documents in flight).
const SPARE_ROWS_KEPT: usize = 64;

/// Most bytes of room a row buffer may hold to be kept ([`DocRows::recycle`]): a large
/// document's buffers are freed instead.
const SPARE_ROWS_ROOM: usize = 1 << 20;

impl Kept for DocRows {
    /// Empties the rows and the id they were formatted under, keeping the buffers' room.
    fn clear(&mut self) {
        let DocRows {
            id_cell,
            id_quoted,
            mentions,
            mention_ends,
            claims,
            claim_ends,
            joined,
            joined_ends,
        } = self;
        id_cell.clear();
        *id_quoted = false;
        mentions.clear();
        mention_ends.clear();
        claims.clear();
        claim_ends.clear();
        joined.clear();
        joined_ends.clear();
    }

    /// The bytes of room of the two tables' rows ([`SPARE_ROWS_ROOM`]).
    fn room(&self) -> usize {
        self.mentions.capacity() + self.claims.capacity()
    }
}

impl DocRows {
    /// No rows yet, to be formatted under the document id `id`, in buffers a written document
    /// handed back if there are some ([`DocRows::recycle`]).
    pub fn new(id: &str) -> DocRows {
        let mut rows = SPARE_ROWS.take();
        crate::output::push_cell(&mut rows.id_cell, id);
        rows.id_quoted = cell_is_quoted(id, &rows.id_cell);
        rows
    }

    /// Hands the buffers of these written rows back, emptied, for a later document's
    /// [`DocRows::new`] (unless they have grown beyond [`SPARE_ROWS_ROOM`] bytes or enough are
    /// kept already), so that a document's rows are not formatted into new allocations.
    pub fn recycle(self) {
        SPARE_ROWS.keep(self);
    }

    /// Formats the rows of `rec` under its id.
    pub fn of(rec: &DocRecord) -> DocRows {
        let mut rows = DocRows::new(&rec.id);
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
        // bytes a mention row, 120 a claim row on news text), and the id cells.
        let id = self.id_cell.len();
        self.mentions.reserve(mention_text + mentions * (48 + id));
        self.mention_ends.reserve(mentions);
        self.claims.reserve(claim_text + claims * (136 + 2 * id));
        self.claim_ends.reserve(claims);
        if claims > 0 {
            // A claim's `entities` cell, made in `joined` claim after claim: room for a few ids.
            self.joined.reserve(ENTITIES_CELL_ROOM);
            self.joined_ends.reserve(ENTITIES_CELL_IDS);
        }
    }

    /// Appends the mentions.csv row of `m`, every cell tested for quotes and the guard (a row read
    /// back from a partial).
    pub fn push_mention(&mut self, m: &MentionRow) {
        self.push_mention_row::<false>(&m.cells());
    }

    /// Appends the mentions.csv row of cells `m` as the analysis made them: its `type` and `how` cells
    /// are the program's own words ([`EntityType::as_str`](crate::entity::EntityType::as_str),
    /// [`How::as_str`](crate::mentions::How::as_str)), copied as they are
    /// ([`RowWriter::made_cell`](crate::output::RowWriter::made_cell)).
    #[inline(always)]
    pub fn push_made_mention(&mut self, m: &MentionCells) {
        self.push_mention_row::<true>(m);
    }

    /// Appends the mentions.csv row of `m`, its program-made cells as they are when `MADE`
    /// ([`DocRows::push_made_mention`]).
    #[inline(always)]
    fn push_mention_row<const MADE: bool>(&mut self, m: &MentionCells) {
        use crate::output::{cell_bound, push_within, NUMBER_BOUND};
        let bound = self.id_cell.len()
            + 3 * NUMBER_BOUND
            + cell_bound(m.text.len())
            + cell_bound(m.entity_id.len())
            + cell_bound(m.kind.len())
            + cell_bound(m.how.len())
            + 6;
        let id_cell = &self.id_cell;
        // SAFETY: `bound` counts every byte the row writes: the id cell, three numbers, four
        // cells at their bounds, four commas and the CRLF.
        unsafe {
            push_within(&mut self.mentions, bound, |row| {
                row.bytes(id_cell);
                row.comma_number(m.start);
                row.comma_number(m.end);
                for cell in [m.text, m.entity_id] {
                    row.byte(b',');
                    row.cell(cell);
                }
                row.byte(b',');
                made_cell::<MADE>(row, m.kind);
                row.comma_number(m.sentence);
                row.byte(b',');
                made_cell::<MADE>(row, m.how);
                row.bytes(b"\r\n");
            })
        };
        self.mention_ends.push(self.mentions.len());
    }

    /// Appends the claims.csv row of `c`, every cell tested for quotes and the guard (a row read
    /// back from a partial).
    pub fn push_claim(&mut self, c: &ClaimRow) {
        self.push_claim_row::<false>(&c.cells(), c.entities.iter().map(AsRef::as_ref));
    }

    /// Appends the claims.csv row of `c` as the analysis made it, whose `entities` cell lists
    /// `entities` (the ids of the entities its content mentions, in order, each written once
    /// however often it comes), not `c.entities`: a run's rows need no vector of the ids per
    /// claim. Its `kind`, `speaker_type`, `rule` and `confidence` cells are the program's own
    /// words, copied as they are
    /// ([`RowWriter::made_cell`](crate::output::RowWriter::made_cell)).
    #[inline(always)]
    pub fn push_made_claim<'e>(&mut self, c: &ClaimCells, entities: impl Iterator<Item = &'e str>) {
        self.push_claim_row::<true>(c, entities);
    }

    /// Appends the claims.csv row of `c` with `entities`, its program-made cells as they are when
    /// `MADE` ([`DocRows::push_made_claim`]).
    #[inline(always)]
    fn push_claim_row<'e, const MADE: bool>(
        &mut self,
        c: &ClaimCells,
        entities: impl Iterator<Item = &'e str>,
    ) {
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
        let bound = claim_prefix_bound(&self.id_cell)
            + 7 * NUMBER_BOUND
            + [
                c.kind,
                c.text,
                c.speaker,
                c.speaker_id,
                c.speaker_type,
                c.speaker_text,
                c.cue,
                c.rule,
                c.confidence,
            ]
            .iter()
            .map(|cell| cell_bound(cell.len()))
            .sum::<usize>()
            + cell_bound(joined.len())
            + 12;
        let (id_cell, id_quoted, n) = (&self.id_cell, self.id_quoted, self.claim_ends.len());
        // SAFETY: `bound` counts every byte the row writes: the claim and document id cells
        // ([`claim_prefix_bound`]), seven numbers (the offsets written as ",," when there are
        // none are fewer), ten cells at their bounds, ten commas and the CRLF.
        unsafe {
            push_within(&mut self.claims, bound, |row| {
                claim_prefix(row, id_cell, id_quoted, n);
                row.byte(b',');
                made_cell::<MADE>(row, c.kind);
                row.comma_number(c.start);
                row.comma_number(c.end);
                for cell in [c.text, c.speaker, c.speaker_id] {
                    row.byte(b',');
                    row.cell(cell);
                }
                row.byte(b',');
                made_cell::<MADE>(row, c.speaker_type);
                offsets(row, c.speaker_span);
                for cell in [c.speaker_text, c.cue] {
                    row.byte(b',');
                    row.cell(cell);
                }
                offsets(row, c.cue_span);
                for cell in [c.rule, c.confidence] {
                    row.byte(b',');
                    made_cell::<MADE>(row, cell);
                }
                row.comma_number(c.sentence);
                row.byte(b',');
                row.cell(joined);
                row.bytes(b"\r\n");
            })
        };
        joined.clear();
        ends.clear();
        self.claim_ends.push(self.claims.len());
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.id_cell.capacity()
            + self.mentions.capacity()
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

impl<'a> DocFields<'a> {
    /// The fields of `rec`.
    pub fn of(rec: &'a DocRecord) -> DocFields<'a> {
        DocFields {
            path: &rec.path,
            date: &rec.date,
            title: &rec.title,
            chars: rec.chars,
            sentences: rec.sentences,
            mentions: rec.mentions.len() as u64,
        }
    }
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
        self.write_rows(id, status, reasons, DocFields::of(rec), &DocRows::of(rec))
    }

    /// Writes one document's rows, formatted beforehand by [`DocRows::of`], under its final `id`,
    /// `status` and `reasons`. Rows formatted under `id` are copied as they are, each table's in
    /// one piece; otherwise (a renamed duplicate) each row's id cells are replaced.
    pub fn write_rows(
        &mut self,
        id: &str,
        status: Status,
        reasons: &str,
        fields: DocFields,
        rows: &DocRows,
    ) -> anyhow::Result<()> {
        use crate::output::{push_cell, push_number, push_within};
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
        if id_cell == rows.id_cell.as_slice() {
            mentions.raw(&rows.mentions)?;
            return claims.raw(&rows.claims);
        }
        let quoted = cell_is_quoted(id, id_cell);
        let old = rows.id_cell.len();
        let mut start = 0;
        for &end in &rows.mention_ends {
            mentions.raw(id_cell)?;
            mentions.raw(&rows.mentions[start + old..end])?;
            start = end;
        }
        let mut start = 0;
        for (n, &end) in rows.claim_ends.iter().enumerate() {
            // The length of the prefix the row was formatted with, then the prefix under `id`.
            claim_cell.clear();
            // SAFETY (both): [`claim_prefix_bound`] is what `claim_prefix` writes at most.
            unsafe {
                push_within(claim_cell, claim_prefix_bound(&rows.id_cell), |row| {
                    claim_prefix(row, &rows.id_cell, rows.id_quoted, n)
                })
            };
            let old = claim_cell.len();
            claim_cell.clear();
            unsafe {
                push_within(claim_cell, claim_prefix_bound(id_cell), |row| {
                    claim_prefix(row, id_cell, quoted, n)
                })
            };
            claims.raw(claim_cell)?;
            claims.raw(&rows.claims[start + old..end])?;
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

/// Whether `id_cell`, the cell of `id` as [`crate::output::push_cell`] wrote it, is quoted: it
/// closes with a quote and is longer than the id (an unquoted cell holds no quote at all).
fn cell_is_quoted(id: &str, id_cell: &[u8]) -> bool {
    id_cell.last() == Some(&b'"') && id_cell.len() > id.len()
}

/// The most bytes [`claim_prefix`] writes for an id cell of this length: the cell twice, `#c`,
/// a number, a quote and a comma.
fn claim_prefix_bound(id_cell: &[u8]) -> usize {
    2 * id_cell.len() + 3 + crate::output::NUMBER_BOUND
}

/// Writes the first two cells of a claims.csv row: the cell of [`claim_id`]`(id, n)` and `id_cell`,
/// the cell of the document id `id` as [`crate::output::push_cell`] wrote it (`quoted`: whether
/// it is quoted, see [`cell_is_quoted`]). The claim id is the document id and `#c<n+1>`, which
/// holds nothing that is quoted or guarded: its cell is the id's cell with that suffix (inside the
/// closing quote when the id's cell is quoted), with no formatting and no second scan of the id.
fn claim_prefix(row: &mut crate::output::RowWriter, id_cell: &[u8], quoted: bool, n: usize) {
    let body = if quoted {
        &id_cell[..id_cell.len() - 1]
    } else {
        id_cell
    };
    row.bytes(body);
    row.bytes(b"#c");
    row.number(n as u64 + 1);
    if quoted {
        row.byte(b'"');
    }
    row.byte(b',');
    row.bytes(id_cell);
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
        if let Some(rule) = stats.source.strip_prefix(RULE_SOURCE) {
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
    use crate::output::{push_cell, push_within};
    use crate::record::DocRecord;
    use std::borrow::Cow;

    /// Ids that are plain, quoted, guarded, both, and empty.
    const IDS: [&str; 10] = [
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
    ];

    #[test]
    fn a_claim_row_starts_with_the_cells_of_the_claim_id_and_the_document_id() {
        for id in IDS {
            let mut id_cell = Vec::new();
            push_cell(&mut id_cell, id);
            for n in [0, 9, 41] {
                let (mut want, mut got) = (Vec::new(), Vec::new());
                push_cell(&mut want, &claim_id(id, n));
                want.push(b',');
                push_cell(&mut want, id);
                // SAFETY: the bound is `claim_prefix`'s (and is asserted in tests).
                unsafe {
                    push_within(&mut got, claim_prefix_bound(&id_cell), |row| {
                        claim_prefix(row, &id_cell, cell_is_quoted(id, &id_cell), n)
                    })
                };
                assert_eq!(got, want, "{id:?} {n}");
            }
        }
    }

    /// The mentions.csv and claims.csv `rows` written under `id`, as files' bytes.
    fn written(id: &str, rec: &DocRecord, rows: &DocRows) -> (Vec<u8>, Vec<u8>) {
        let dir = tempfile::tempdir().unwrap();
        let mut set = OutputSet::unlocked(dir.path()).unwrap();
        let mut tables = DocumentTables::create(&set).unwrap();
        let fields = DocFields::of(rec);
        tables.write_rows(id, Status::Ok, "", fields, rows).unwrap();
        tables.finish(&mut set).unwrap();
        set.commit().unwrap();
        let read = |name: &str| std::fs::read(dir.path().join(name)).unwrap();
        (read("mentions.csv"), read("claims.csv"))
    }

    #[test]
    fn rows_written_under_another_id_are_the_rows_formatted_under_it() {
        let gaz = crate::gazetteer::tests::sample();
        let text = "“Iran will fail,” said John Bolton. Trita Parsi said the talks would go on. \
                    Grossi met Trump in Tehran, and Bolton said Iran had agreed.";
        let d = crate::corpus::Document::from_text("x".into(), "x".into(), text);
        let a = crate::pipeline::analyze(d, &gaz);
        assert!(a.claims.len() >= 2 && !a.mentions.is_empty());
        let rec = DocRecord::of(&a, &gaz);
        for read_as in IDS {
            let read = DocRecord {
                id: Cow::Borrowed(read_as),
                ..rec.clone()
            };
            let rows = DocRows::of(&read);
            for id in IDS.iter().chain(&["a~2", "say \"x\"~2", "=x~2", "''~2"]) {
                let renamed = DocRecord {
                    id: Cow::Borrowed(id),
                    ..rec.clone()
                };
                let (mentions, claims) = written(id, &rec, &rows);
                let want = written(id, &rec, &DocRows::of(&renamed));
                assert_eq!(mentions, want.0, "read as {read_as:?}, written as {id:?}");
                assert_eq!(claims, want.1, "read as {read_as:?}, written as {id:?}");
                if *id == read_as {
                    // Kept: the rows are copied in one piece, after the header.
                    assert!(mentions.ends_with(&rows.mentions) && claims.ends_with(&rows.claims));
                }
            }
        }
    }
}
