//! The merge rules: how documents, in corpus order, and the aggregate state of a run combine into
//! its outputs. `run` and `merge` share them: a run is one partial result merged in memory.
//!
//! A run's state has two parts:
//! - the **document stream**: one [`DocRecord`] per document, in corpus order. [`Output::document`]
//!   gives each its final id ([`UniqueIds`]: a repeated id gets a `~2`, `~3` … suffix and a
//!   warning) and writes its rows to documents.csv, mentions.csv, claims.csv and report.html;
//! - the **aggregate** ([`Aggregate`]): the entity and edge table, the claim tally and the number
//!   of documents. Aggregates merge in corpus order; the entity fields that depend on order
//!   ("first seen") carry the ordinal of their document, so the result is that of one run.
//!
//! [`Output::finish`] then writes the tables that come from the aggregate (entities, edges,
//! candidates), graph.gexf and report.html, and replaces the previous outputs with them as one set
//! ([`OutputSet`]: the folder is locked from [`Output::create`] on, and on any error the previous
//! outputs stay as they were).

use crate::corpus::Status;
use crate::gazetteer::Gazetteer;
use crate::gexf;
use crate::graph::{DocGraph, Graph};
use crate::output::OutputSet;
use crate::partial::Partial;
use crate::pipeline::Analysis;
use crate::record::{DocRecord, ReadyDoc};
use crate::report::{Limits, ReportWriter};
use crate::run::{Formats, RunSummary};
use crate::summary::{ClaimTally, DocTally};
use crate::tables::{self, DocumentTables};
use crate::threads::Beside;
use anyhow::Context;
use hashbrown::HashTable;
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::hash::BuildHasher;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Everything a run holds across documents, apart from the document stream.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Aggregate {
    /// Number of documents (the next document's ordinal).
    pub documents: u64,
    /// Entities and edges; entity ordinals count from this aggregate's first document.
    pub graph: Graph,
    /// Claims by kind and by speaker.
    pub tally: ClaimTally,
}

impl Aggregate {
    /// Adds the next document in corpus order (its graph is taken out of `a`).
    pub fn add(&mut self, a: &mut Analysis, gaz: &Gazetteer) {
        self.tally.add(a, gaz);
        self.graph
            .merge_doc(std::mem::take(&mut a.graph), gaz, self.documents);
        self.documents += 1;
    }

    /// Adds the next document in corpus order by its graph and its claims ([`DocTally`]), whose
    /// gazetteer is `gaz`; its tally is to be settled ([`ClaimTally::settle`]) before the
    /// aggregate is finished or merged.
    pub fn add_parts(&mut self, graph: DocGraph, tally: &DocTally, gaz: &Gazetteer) {
        self.tally.add_doc(tally, gaz);
        self.graph.merge_doc(graph, gaz, self.documents);
        self.documents += 1;
    }

    /// Adds the aggregate of the documents that follow this one's in corpus order.
    pub fn merge(&mut self, next: Aggregate) {
        self.graph.merge(next.graph, self.documents);
        self.tally.merge(next.tally);
        self.documents += next.documents;
    }
}

/// Gives documents ids that are unique in the whole run: the first document with an id keeps it;
/// a later one gets the first of `id~2`, `id~3` … that no earlier document has (so ids `dup`,
/// `dup`, `dup~2` become `dup`, `dup~2`, `dup~2~2`).
///
/// It holds every id given for the whole run, so what it keeps in memory grows with the corpus:
/// one word per id (in a hash table: the id's place in [`IdText`], which keeps the ids' text in a
/// temporary file, and the high bits of its hash) and two per id given more than once. An id is
/// read back from the file only to confirm a match of those bits: for a repeated id, or one in
/// about 2^24 pairs of different ids.
#[derive(Debug)]
pub struct UniqueIds {
    /// Every id given so far.
    text: IdText,
    /// Every id given so far, as [`entry`] packs it: an id met for the first time (nearly every
    /// one) is hashed once and found absent and placed by the same probe.
    taken: HashTable<u64>,
    /// For each id seen more than once (by its place in `text`), the last suffix tried.
    suffix: FxHashMap<u64, u64>,
}

/// Bits of an [`entry`] that hold the place of its id in [`IdText`] (the file may hold 1 TiB).
const PLACE_BITS: u32 = 40;

/// The mask of the place in an [`entry`].
const PLACE: u64 = (1 << PLACE_BITS) - 1;

/// The entry of [`UniqueIds::taken`] of an id whose hash is `hash` kept at `place`: the hash's
/// high bits above the place.
fn entry(hash: u64, place: u64) -> u64 {
    (hash & !PLACE) | place
}

/// The hash by which [`UniqueIds::taken`] finds `entry`: its hash bits spread over the word (the
/// table takes the bucket from the low bits and a tag from the high ones).
fn table_hash(entry: u64) -> u64 {
    (entry >> PLACE_BITS).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

impl UniqueIds {
    /// Ids whose text goes to a temporary file in `dir` (the output folder: not the system's
    /// temporary folder, which may be memory) once there is more than a block of it.
    pub fn in_dir(dir: &Path) -> UniqueIds {
        UniqueIds {
            text: IdText::in_dir(dir),
            taken: HashTable::new(),
            suffix: FxHashMap::default(),
        }
    }

    /// The id the next document with `id` gets, if it is not `id` itself (an error: the ids'
    /// temporary file could not be written or read).
    pub fn assign(&mut self, id: &str) -> std::io::Result<Option<String>> {
        let place = match take(&mut self.taken, &mut self.text, id)? {
            None => return Ok(None),
            Some(place) => place,
        };
        let n = self.suffix.entry(place).or_insert(1);
        loop {
            *n += 1;
            let candidate = format!("{id}~{n}");
            if take(&mut self.taken, &mut self.text, &candidate)?.is_none() {
                return Ok(Some(candidate));
            }
        }
    }
}

/// Adds `id` to `taken` (its text to `text`) unless it is there already: None if it was not, else
/// its place in `text`.
fn take(taken: &mut HashTable<u64>, text: &mut IdText, id: &str) -> std::io::Result<Option<u64>> {
    let mut record = Vec::with_capacity(id.len() + 10);
    push_record(&mut record, id.as_bytes());
    let hash = entry(FxBuildHasher.hash_one(id.as_bytes()), 0);
    let mut failed = None;
    let found = taken.entry(
        table_hash(hash),
        |&e| {
            e & !PLACE == hash
                && text.holds(e & PLACE, &record).unwrap_or_else(|err| {
                    failed = Some(err);
                    false
                })
        },
        |&e| table_hash(e),
    );
    if let Some(err) = failed {
        return Err(err);
    }
    match found {
        hashbrown::hash_table::Entry::Occupied(e) => Ok(Some(*e.get() & PLACE)),
        hashbrown::hash_table::Entry::Vacant(slot) => {
            let place = text.push(&record)?;
            slot.insert(entry(hash, place));
            Ok(None)
        }
    }
}

/// Appends the record of `bytes` to `out`: their length (LEB128: seven bits a byte, low first,
/// the high bit set on every byte but the last) and the bytes. No record's length part is the
/// start of another's, so two records are equal exactly when their strings are.
fn push_record(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut n = bytes.len() as u64;
    while n >= 0x80 {
        out.push((n & 0x7f) as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
    out.extend_from_slice(bytes);
}

/// The records ([`push_record`]) of the strings kept for the whole run, one after the other in a
/// temporary file (unnamed: it goes when the process does), the last of them in memory until they
/// fill a block. A record's place is its offset in that sequence.
#[derive(Debug)]
struct IdText {
    /// Where the file goes.
    dir: PathBuf,
    /// The file, once a block has been written.
    file: Option<std::fs::File>,
    /// Bytes written to the file.
    written: u64,
    /// The records after those, whole.
    tail: Vec<u8>,
    /// Room to read a record back.
    scratch: Vec<u8>,
}

impl IdText {
    /// Bytes of records kept in memory before they are written out.
    const BLOCK: usize = 64 << 10;

    /// Records to be written to a temporary file in `dir`.
    fn in_dir(dir: &Path) -> IdText {
        IdText {
            dir: dir.to_owned(),
            file: None,
            written: 0,
            tail: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// Keeps `record`; returns its place.
    fn push(&mut self, record: &[u8]) -> std::io::Result<u64> {
        if !self.tail.is_empty() && self.tail.len() + record.len() > Self::BLOCK {
            let file = match &mut self.file {
                Some(file) => file,
                None => self.file.insert(tempfile::tempfile_in(&self.dir)?),
            };
            file.write_all(&self.tail)?;
            self.written += self.tail.len() as u64;
            self.tail.clear();
        }
        let place = self.written + self.tail.len() as u64;
        if place + record.len() as u64 > PLACE {
            return Err(std::io::Error::other("more than 1 TiB of document ids"));
        }
        self.tail.extend_from_slice(record);
        Ok(place)
    }

    /// Whether the record kept at `place` is `record`.
    fn holds(&mut self, place: u64, record: &[u8]) -> std::io::Result<bool> {
        let end = place + record.len() as u64;
        if place >= self.written {
            // Records are written whole: this one is in the tail.
            let at = (place - self.written) as usize;
            return Ok(self.tail.get(at..at + record.len()) == Some(record));
        }
        // A record in the file ends in it: one that ends after is another.
        let Some(file) = self.file.as_ref().filter(|_| end <= self.written) else {
            return Ok(false);
        };
        self.scratch.resize(record.len(), 0);
        read_exact_at(file, &mut self.scratch, place)?;
        Ok(self.scratch == record)
    }
}

/// Fills `buf` from `file` at offset `at`.
#[cfg(unix)]
fn read_exact_at(file: &std::fs::File, buf: &mut [u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, at)
}

/// Fills `buf` from `file` at offset `at`, leaving the file's position at its end (where the next
/// record is written).
#[cfg(not(unix))]
fn read_exact_at(mut file: &std::fs::File, buf: &mut [u8], at: u64) -> std::io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    file.seek(SeekFrom::Start(at))?;
    file.read_exact(buf)?;
    file.seek(SeekFrom::End(0)).map(drop)
}

/// What a document needs formatted before [`Output::write`] takes it: the CSV rows if the tables are
/// written, the report.html entry while the report may still embed documents. Cheap to clone and
/// shared with the worker threads, which format documents as they finish them.
#[derive(Debug, Clone)]
pub struct Prepare {
    csv: bool,
    /// The report's flag (see [`ReportWriter::taking`]), if report.html is written.
    report: Option<Arc<AtomicBool>>,
}

impl Prepare {
    /// Formats `rec` for the output.
    pub fn ready(&self, rec: &DocRecord) -> ReadyDoc {
        ReadyDoc::of(rec, self.csv, self.taking_report())
    }

    /// Formats analysis `a` for the output: [`Prepare::ready`] of its [`DocRecord`], the same
    /// bytes, without holding the record (see [`ReadyDoc::of_analysis`]); the document's strings
    /// are moved out of `a`, not copied ([`ReadyDoc::of_analysis_taking`]): the caller is done
    /// with them.
    pub fn ready_analysis(&self, a: &mut Analysis, gaz: &Gazetteer) -> ReadyDoc {
        ReadyDoc::of_analysis_taking(a, gaz, self.csv, self.taking_report())
    }

    /// Whether the report may still embed documents.
    fn taking_report(&self) -> bool {
        self.report
            .as_ref()
            .is_some_and(|full| !full.load(Ordering::Relaxed))
    }
}

/// Writes a run's outputs: the document stream as it comes, the rest at [`Output::finish`].
pub struct Output {
    set: OutputSet,
    formats: Formats,
    ids: UniqueIds,
    tables: Option<DocumentTables>,
    report: Option<ReportWriter>,
    summary: RunSummary,
}

impl Output {
    /// Locks `dir` and starts writing the outputs `formats` selects into it (under temporary names
    /// until [`Output::finish`]). Fails at once when another claimgraph process is writing `dir`.
    pub fn create(dir: &Path, formats: Formats, limits: Limits) -> anyhow::Result<Output> {
        let set = OutputSet::open(dir)?;
        Ok(Output {
            formats,
            ids: UniqueIds::in_dir(set.dir()),
            tables: formats
                .csv
                .then(|| DocumentTables::create(&set))
                .transpose()?,
            report: formats
                .html
                .then(|| ReportWriter::create(&set, limits))
                .transpose()?,
            summary: RunSummary::default(),
            set,
        })
    }

    /// What the documents need formatted for this output (see [`Prepare`]).
    pub fn prepare(&self) -> Prepare {
        Prepare {
            csv: self.tables.is_some(),
            report: self.report.as_ref().map(ReportWriter::taking),
        }
    }

    /// Writes the next document in corpus order.
    pub fn document(&mut self, rec: &DocRecord) -> anyhow::Result<()> {
        let ready = self.prepare().ready(rec);
        self.write(&ready)
    }

    /// Writes the next document in corpus order, formatted beforehand by [`Output::prepare`]:
    /// gives it its final id and copies its rows.
    pub fn write(&mut self, doc: &ReadyDoc) -> anyhow::Result<()> {
        let renamed = self
            .ids
            .assign(&doc.id)
            .context("cannot keep the document ids in a temporary file")?;
        let mut status = doc.status;
        let mut reasons = doc.reasons.join("; ");
        if let Some(new) = &renamed {
            if status == Status::Ok {
                status = Status::Warning;
            }
            if !reasons.is_empty() {
                reasons.push_str("; ");
            }
            reasons.push_str(&format!(
                "duplicate document id {:?}; renamed to {new:?}",
                &*doc.id
            ));
        }
        let id = renamed.as_deref().unwrap_or(&doc.id);
        self.summary
            .count(id, status, doc.internal_error, doc.mentions);
        if let Some(t) = &mut self.tables {
            t.write_rows(id, status, &reasons, doc.fields(), &doc.rows)?;
        }
        if let Some(r) = &mut self.report {
            r.add_entry(id, doc.claims as usize, doc.bytes, doc.report.as_ref())?;
        }
        Ok(())
    }

    /// Writes the outputs that come from the aggregate and replaces the previous outputs with the
    /// whole set, on this thread ([`Output::finish_on`] with one).
    pub fn finish(self, agg: Aggregate) -> anyhow::Result<RunSummary> {
        self.finish_on(agg, 1)
    }

    /// [`Output::finish`] on `threads` threads: with more than one, `graph.gexf` (the largest of
    /// the files made from the graph) is written on a second thread while this one writes the
    /// tables and `report.html`, since nothing else runs at the end of a run. The files are
    /// staged in the same order either way.
    pub fn finish_on(self, agg: Aggregate, threads: usize) -> anyhow::Result<RunSummary> {
        let Output {
            mut set,
            formats,
            ids,
            tables,
            report,
            mut summary,
        } = self;
        // Every document has its id: the ids' memory goes to the tables and graph.gexf.
        drop(ids);
        let graph = &agg.graph;
        summary.entities = graph.entity_count();
        summary.edges = graph.edge_count();
        let style = formats.gexf_edges;
        let gexf_file = formats.gexf.then(|| set.create("graph.gexf")).transpose()?;
        std::thread::scope(|scope| -> anyhow::Result<()> {
            let gexf = gexf_file.map(|file| {
                Beside::start(scope, threads > 1, move || {
                    gexf::write_into(file, graph, style)
                })
            });
            // Every result is taken before the first error returns, so that the gexf thread is
            // joined here (a panic there goes on as a panic, an error as an error) and the errors
            // come in the order the files are staged: tables, graph.gexf, report.html.
            let tables_done = match tables {
                Some(t) => t
                    .finish(&mut set)
                    .and_then(|()| tables::write_graph(&mut set, graph)),
                None => Ok(()),
            };
            let report = match report {
                Some(r) if tables_done.is_ok() => Some(
                    set.create("report.html")
                        .and_then(|file| r.finish_into(file, graph)),
                ),
                _ => None,
            };
            let gexf = gexf.map(Beside::join);
            tables_done?;
            if let Some(file) = gexf {
                set.stage(file?)?;
            }
            if let Some(report) = report {
                let (out, coverage) = report?;
                set.stage(out)?;
                summary.notes.extend(coverage.truncation_note());
            }
            Ok(())
        })?;
        summary.files = set.commit()?;
        summary.counts = agg.tally.finish(graph);
        Ok(summary)
    }
}

/// What `claimgraph merge` needs.
#[derive(Debug, Clone)]
pub struct MergeOptions {
    /// Partial folders, in corpus order.
    pub partials: Vec<PathBuf>,
    /// Output folder.
    pub out: PathBuf,
    /// Which outputs to write.
    pub formats: Formats,
    /// How much of the corpus report.html embeds (at most what every partial was written for).
    pub report_limits: Limits,
}

/// Merges partial results, in the order given, into the outputs one run over their documents
/// writes. Every partial is checked (format, version, sizes, gazetteer, report limits) before
/// anything is written; a checksum or parse error found while reading fails the merge with no
/// output moved into place.
pub fn merge(opts: &MergeOptions) -> anyhow::Result<RunSummary> {
    anyhow::ensure!(!opts.partials.is_empty(), "no partials to merge");
    let parts = opts
        .partials
        .iter()
        .map(|p| Partial::open(p))
        .collect::<anyhow::Result<Vec<Partial>>>()?;
    let first = &parts[0];
    for p in &parts {
        if p.manifest.gazetteer != first.manifest.gazetteer {
            anyhow::bail!(
                "{} was analysed with another gazetteer than {} ({} against {}); write every \
                 partial with the same gazetteer",
                p.dir.display(),
                first.dir.display(),
                p.manifest.gazetteer,
                first.manifest.gazetteer
            );
        }
        let kept = p.report_limits();
        let wanted = &opts.report_limits;
        if opts.formats.html
            && (wanted.max_claims as u64 > kept.max_claims
                || wanted.max_text_bytes as u64 > kept.max_text_bytes)
        {
            anyhow::bail!(
                "{} was written for report.html limits of {} claims and {} MB of text, lower \
                 than this merge's {} claims and {} MB: merge with --report-claims and \
                 --report-text-mb no higher, or write the partial again with higher ones",
                p.dir.display(),
                kept.max_claims,
                kept.max_text_bytes >> 20,
                wanted.max_claims,
                wanted.max_text_bytes >> 20
            );
        }
    }
    let created = !opts.out.exists();
    let merged = (|| {
        let mut output = Output::create(&opts.out, opts.formats, opts.report_limits)?;
        let mut total = Aggregate::default();
        for p in &parts {
            p.for_each_document(|rec| output.document(&rec))?;
            total.merge(p.aggregate()?);
        }
        output.finish(total)
    })();
    if merged.is_err() && created {
        // Leave no trace: the folder holds nothing but what this merge created and removed.
        let _ = std::fs::remove_dir(&opts.out);
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renamed_ids_never_collide_with_later_ones() {
        let dir = tempfile::tempdir().unwrap();
        let mut ids = UniqueIds::in_dir(dir.path());
        let got: Vec<String> = ["dup", "dup", "dup~2", "a", "dup", "dup~2", "a"]
            .iter()
            .map(|id| ids.assign(id).unwrap().unwrap_or_else(|| id.to_string()))
            .collect();
        assert_eq!(
            got,
            ["dup", "dup~2", "dup~2~2", "a", "dup~3", "dup~2~3", "a~2"]
        );
        let unique: rustc_hash::FxHashSet<&String> = got.iter().collect();
        assert_eq!(unique.len(), got.len());
    }

    /// The renaming rule written plainly, with owned strings: what `UniqueIds` must give.
    fn assign_plainly(
        taken: &mut rustc_hash::FxHashSet<String>,
        last: &mut FxHashMap<String, u64>,
        id: &str,
    ) -> Option<String> {
        if taken.insert(id.to_owned()) {
            return None;
        }
        let n = last.entry(id.to_owned()).or_insert(1);
        loop {
            *n += 1;
            let candidate = format!("{id}~{n}");
            if taken.insert(candidate.clone()) {
                return Some(candidate);
            }
        }
    }

    #[test]
    fn many_ids_over_many_blocks_are_renamed_as_plain_strings_would_be() {
        let dir = tempfile::tempdir().unwrap();
        let mut ids = UniqueIds::in_dir(dir.path());
        let (mut taken, mut last) = (Default::default(), Default::default());
        let mut renamed = 0;
        // Ids of every length class of their LEB128 head, some longer than a block, each given
        // two or three times, some looking like renamed ones.
        for round in 0..3 {
            for i in 0..3000usize {
                if round == 2 && i % 3 != 0 {
                    continue;
                }
                let len = [1, 5, 40, 127, 128, 300, 16_383, 16_384, IdText::BLOCK + 7][i % 9];
                let mut id = format!("{i}/");
                id.extend(std::iter::repeat_n('é', len / 2));
                if i % 7 == 0 {
                    id.push_str("~2");
                }
                let got = ids.assign(&id).unwrap();
                assert_eq!(
                    got,
                    assign_plainly(&mut taken, &mut last, &id),
                    "{i} {round}"
                );
                renamed += usize::from(got.is_some());
            }
        }
        assert_eq!(renamed, 4000);
        assert!(ids.text.written > 100 * IdText::BLOCK as u64);
    }

    #[test]
    fn a_kept_record_is_found_in_the_file_or_in_memory_and_no_other_is() {
        let dir = tempfile::tempdir().unwrap();
        let mut text = IdText::in_dir(dir.path());
        let record = |bytes: &[u8]| {
            let mut r = Vec::new();
            push_record(&mut r, bytes);
            r
        };
        let strings: Vec<Vec<u8>> = [0, 1, 127, 128, 200, 16_383, 16_384, IdText::BLOCK, 3, 2]
            .iter()
            .enumerate()
            .map(|(i, &n)| vec![b'a' + i as u8; n])
            .collect();
        let places: Vec<u64> = strings
            .iter()
            .map(|s| text.push(&record(s)).unwrap())
            .collect();
        // All but the last two have been written out.
        assert_eq!(text.written, places[8]);
        for (i, &p) in places.iter().enumerate() {
            for (j, s) in strings.iter().enumerate() {
                assert_eq!(text.holds(p, &record(s)).unwrap(), i == j, "{i} {j}");
            }
            // The same bytes, one longer or shorter: another record.
            let mut longer = strings[i].clone();
            longer.push(b'a' + i as u8);
            assert!(!text.holds(p, &record(&longer)).unwrap());
            if let Some(shorter) = strings[i].get(1..) {
                assert!(!text.holds(p, &record(shorter)).unwrap());
            }
        }
        // The length 128 takes two bytes, 127 one.
        assert_eq!(record(&strings[2]).len(), 128);
        assert_eq!(record(&strings[3]).len(), 130);
    }

    #[test]
    fn an_entry_keeps_its_place_and_its_hash_bits() {
        let e = entry(u64::MAX, 12345);
        assert_eq!(e & PLACE, 12345);
        assert_eq!(e & !PLACE, !PLACE);
        assert_eq!(table_hash(e), table_hash(entry(u64::MAX, 7)));
        assert_ne!(table_hash(e), table_hash(entry(1 << 63, 12345)));
    }
}
