//! The output tables: their columns and how each row is formatted.
//!
//! Column order is part of the contract with users' spreadsheets and Gephi imports; change it only
//! deliberately and document it in the README.

use crate::gazetteer::Gazetteer;
use crate::graph::Graph;
use crate::output::CsvTable;
use crate::pipeline::Analysis;
use crate::text::CharIndex;
use std::path::{Path, PathBuf};

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
    /// Creates `documents.csv`, `mentions.csv` and `claims.csv` (under temporary names) in `dir`.
    pub fn create(dir: &Path) -> anyhow::Result<DocumentTables> {
        Ok(DocumentTables {
            documents: CsvTable::create(dir, "documents.csv", DOCUMENTS)?,
            mentions: CsvTable::create(dir, "mentions.csv", MENTIONS)?,
            claims: CsvTable::create(dir, "claims.csv", CLAIMS)?,
        })
    }

    /// Writes one document's rows.
    pub fn write(&mut self, a: &Analysis, gaz: &Gazetteer) -> anyhow::Result<()> {
        let doc = &a.doc;
        let index = CharIndex::new(&doc.text);
        self.documents.row([
            doc.id.as_str(),
            doc.path.as_str(),
            &doc.status.to_string(),
            &doc.reasons.join("; "),
            doc.date.as_deref().unwrap_or(""),
            doc.title.as_deref().unwrap_or(""),
            &index.char_offset(doc.text.len()).to_string(),
            &a.sentences.len().to_string(),
            &a.mentions.len().to_string(),
        ])?;
        let entities = a.entities(gaz);
        for (m, sentence) in a.mentions.iter().zip(&a.mention_sentence) {
            let entity = entities.get(m.entity);
            self.mentions.row([
                doc.id.as_str(),
                &index.char_offset(m.start).to_string(),
                &index.char_offset(m.end).to_string(),
                &doc.text[m.range()],
                &entity.id,
                entity.kind.as_str(),
                &sentence.to_string(),
                m.how.as_str(),
            ])?;
        }
        let offset = |b: usize| index.char_offset(b).to_string();
        let span = |r: &Option<std::ops::Range<usize>>| match r {
            Some(r) => [
                offset(r.start),
                offset(r.end),
                doc.text[r.clone()].to_owned(),
            ],
            None => Default::default(),
        };
        for (n, c) in a.claims.iter().enumerate() {
            let speaker = a.speaker_name(c, entities);
            let [speaker_start, speaker_end, speaker_text] = span(&c.speaker);
            let [cue_start, cue_end, _] = span(&c.cue);
            let ids = a.claim_entity_ids(c, entities);
            self.claims.row([
                claim_id(&doc.id, n).as_str(),
                doc.id.as_str(),
                c.kind.as_str(),
                &offset(c.content.start),
                &offset(c.content.end),
                &doc.text[c.content.clone()],
                speaker,
                c.speaker_entity.map_or("", |e| entities.get(e).id.as_str()),
                c.speaker_type.as_str(),
                &speaker_start,
                &speaker_end,
                &speaker_text,
                c.cue_lemma,
                &cue_start,
                &cue_end,
                c.rule,
                &format!("{:.2}", c.confidence),
                &c.sentence.to_string(),
                &ids.join("|"),
            ])?;
        }
        Ok(())
    }

    /// Moves the tables into place.
    pub fn commit(self) -> anyhow::Result<Vec<PathBuf>> {
        Ok(vec![
            self.documents.commit()?,
            self.mentions.commit()?,
            self.claims.commit()?,
        ])
    }
}

/// The id of the `n`th claim (0-based, in content order) of a document: `<doc_id>#c<n+1>`.
///
/// Positional ids are stable across runs and thread counts because claims are ordered by their
/// content offsets; they change only when the text or the rules change.
pub fn claim_id(doc_id: &str, n: usize) -> String {
    format!("{doc_id}#c{}", n + 1)
}

/// Writes `entities.csv`, `edges.csv` and `candidates.csv` from the corpus graph.
pub fn write_graph(dir: &Path, graph: &Graph) -> anyhow::Result<Vec<PathBuf>> {
    let mut entities = CsvTable::create(dir, "entities.csv", ENTITIES)?;
    let mut candidates = CsvTable::create(dir, "candidates.csv", CANDIDATES)?;
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
    let mut edges = CsvTable::create(dir, "edges.csv", EDGES)?;
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
    Ok(vec![
        entities.commit()?,
        edges.commit()?,
        candidates.commit()?,
    ])
}
