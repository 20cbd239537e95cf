//! The output tables: their columns and how each row is formatted.
//!
//! Column order is part of the contract with users' spreadsheets and Gephi imports; change it only
//! deliberately and document it in the README.

use crate::corpus::Status;
use crate::graph::Graph;
use crate::output::{CsvTable, OutputSet};
use crate::record::DocRecord;

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

/// The per-document tables, streamed as documents are analysed.
pub struct DocumentTables {
    documents: CsvTable,
    mentions: CsvTable,
    claims: CsvTable,
}

impl DocumentTables {
    /// Opens `documents.csv`, `mentions.csv` and `claims.csv` in `set` (under temporary names).
    pub fn create(set: &OutputSet) -> anyhow::Result<DocumentTables> {
        Ok(DocumentTables {
            documents: CsvTable::create(set, "documents.csv", DOCUMENTS)?,
            mentions: CsvTable::create(set, "mentions.csv", MENTIONS)?,
            claims: CsvTable::create(set, "claims.csv", CLAIMS)?,
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
        self.documents.row([
            id,
            &rec.path,
            &status.to_string(),
            reasons,
            &rec.date,
            &rec.title,
            &rec.chars.to_string(),
            &rec.sentences.to_string(),
            &rec.mentions.len().to_string(),
        ])?;
        for m in &rec.mentions {
            self.mentions.row([
                id,
                &m.start.to_string(),
                &m.end.to_string(),
                &m.text,
                &m.entity_id,
                &m.kind,
                &m.sentence.to_string(),
                &m.how,
            ])?;
        }
        let offsets = |span: Option<[u64; 2]>| span.map(|[s, e]| [s.to_string(), e.to_string()]);
        for (n, c) in rec.claims.iter().enumerate() {
            let [speaker_start, speaker_end] = offsets(c.speaker_span).unwrap_or_default();
            let [cue_start, cue_end] = offsets(c.cue_span).unwrap_or_default();
            self.claims.row([
                claim_id(id, n).as_str(),
                id,
                &c.kind,
                &c.start.to_string(),
                &c.end.to_string(),
                &c.text,
                &c.speaker,
                &c.speaker_id,
                &c.speaker_type,
                &speaker_start,
                &speaker_end,
                &c.speaker_text,
                &c.cue,
                &cue_start,
                &cue_end,
                &c.rule,
                &c.confidence,
                &c.sentence.to_string(),
                &c.entities.join("|"),
            ])?;
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

/// Writes `entities.csv`, `edges.csv` and `candidates.csv` from the corpus graph into `set`.
pub fn write_graph(set: &mut OutputSet, graph: &Graph) -> anyhow::Result<()> {
    let mut entities = CsvTable::create(set, "entities.csv", ENTITIES)?;
    let mut candidates = CsvTable::create(set, "candidates.csv", CANDIDATES)?;
    for (id, stats) in graph.entities_sorted() {
        let (mentions, documents) = (stats.mentions.to_string(), stats.documents.to_string());
        entities.row([
            id.as_str(),
            &stats.label,
            stats.kind.as_str(),
            &stats.aliases(),
            &mentions,
            &documents,
            &stats.source,
            &stats.external_ids,
        ])?;
        if let Some(rule) = stats.source.strip_prefix("rule:") {
            candidates.row([
                id.as_str(),
                &stats.label,
                stats.kind.as_str(),
                &mentions,
                &documents,
                rule,
                stats.example.as_deref().unwrap_or(""),
            ])?;
        }
    }
    let mut edges = CsvTable::create(set, "edges.csv", EDGES)?;
    for ((kind, source, target), stats) in graph.edges_sorted() {
        edges.row([
            source.as_str(),
            target.as_str(),
            if kind.directed() {
                "Directed"
            } else {
                "Undirected"
            },
            &stats.weight.to_string(),
            kind.as_str(),
            &stats.documents.to_string(),
        ])?;
    }
    entities.finish(set)?;
    edges.finish(set)?;
    candidates.finish(set)
}
