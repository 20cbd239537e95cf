//! Partial results: what `run --partial DIR` writes and `merge` reads (format: docs/partial-format.md).
//!
//! A partial is a folder holding a run's state over a slice of the corpus, before anything that
//! depends on the rest of the corpus is decided (duplicate ids, first-seen labels, the report's
//! sample):
//! - `documents.jsonl`: one [`DocRecord`] per document, in corpus order;
//! - `entities.jsonl`, `edges.jsonl`: the entity and edge aggregates, one per line, sorted;
//! - `tally.json`: claims by kind and by speaker;
//! - `manifest.json`, renamed into place last: the format and version, the document count, the report limits
//!   the partial was written for, a gazetteer fingerprint, and each file's size, line count and
//!   CRC-32, so a truncated, corrupt or foreign file is an error that names it.
//!
//! [`PartialWriter`] writes one; [`Partial::open`] checks one before anything is merged, and its
//! readers verify every checksum as they go.

use crate::dates::{Day, Span};
use crate::entity::EntityType;
use crate::gazetteer::Gazetteer;
use crate::graph::{EdgeKey, EdgeKind, EdgeStats, EntityStats, Graph};
use crate::merge::Aggregate;
use crate::output::{OutputFile, OutputSet};
use crate::record::DocRecord;
use crate::report::{Budget, Limits};
use crate::summary::ClaimTally;
use anyhow::{bail, Context};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

/// The `format` field of every partial's manifest.
pub const FORMAT: &str = "claimgraph-partial";
/// The version of the format this build writes and reads.
pub const VERSION: u32 = 1;
/// The manifest's file name.
pub const MANIFEST: &str = "manifest.json";
/// The document stream's file name.
pub const DOCUMENTS: &str = "documents.jsonl";
/// The entity aggregate's file name.
pub const ENTITIES: &str = "entities.jsonl";
/// The edge aggregate's file name.
pub const EDGES: &str = "edges.jsonl";
/// The claim tally's file name.
pub const TALLY: &str = "tally.json";
/// Every data file, in the order the manifest lists them.
const FILES: [&str; 4] = [DOCUMENTS, ENTITIES, EDGES, TALLY];

/// `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// The format version ([`VERSION`]).
    pub version: u32,
    /// The claimgraph version that wrote it.
    pub claimgraph: String,
    /// Documents in the partial (lines of documents.jsonl).
    pub documents: u64,
    /// The report limits the kept texts were chosen under (see [`Budget`]).
    pub report_limits: ReportLimits,
    /// Fingerprint of the gazetteer the documents were analysed with.
    pub gazetteer: String,
    /// Each data file's size, line count and checksum.
    pub files: Vec<FileEntry>,
}

/// report.html's limits as the manifest records them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportLimits {
    /// `--report-claims`.
    pub max_claims: u64,
    /// `--report-text-mb`, in bytes.
    pub max_text_bytes: u64,
}

/// One data file in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// File name within the partial.
    pub name: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Number of lines (newline characters).
    pub lines: u64,
    /// CRC-32 (IEEE) of the whole file, 8 lowercase hex digits.
    pub crc32: String,
}

/// A fingerprint of a gazetteer's entities (ids, names, types, sources, aliases, demonyms and
/// attributes): partials analysed with different gazetteers cannot be merged.
pub fn gazetteer_fingerprint(gaz: &Gazetteer) -> String {
    let mut h = crc32fast::Hasher::new();
    for e in &gaz.entities {
        for field in [&e.id, &e.name, e.kind.as_str(), &e.source, &e.attributes]
            .into_iter()
            .chain(e.aliases.iter().map(String::as_str))
            .chain(e.demonyms.iter().map(String::as_str))
        {
            h.update(field.as_bytes());
            h.update(b"\0");
        }
        h.update(b"\n");
    }
    format!(
        "{} entities, crc32 {:08x}",
        gaz.entities.len(),
        h.finalize()
    )
}

/// A writer that counts bytes and lines and checksums what passes through.
struct Checked<W> {
    inner: W,
    hasher: crc32fast::Hasher,
    bytes: u64,
    lines: u64,
}

impl<W: Write> Checked<W> {
    fn new(inner: W) -> Checked<W> {
        Checked {
            inner,
            hasher: crc32fast::Hasher::new(),
            bytes: 0,
            lines: 0,
        }
    }
}

impl<W: Write> Write for Checked<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        self.lines += buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A data file being written into the partial's [`OutputSet`].
struct DataFile {
    name: &'static str,
    out: Checked<OutputFile>,
}

impl DataFile {
    fn create(set: &OutputSet, name: &'static str) -> anyhow::Result<DataFile> {
        Ok(DataFile {
            name,
            out: Checked::new(set.create(name)?),
        })
    }

    /// Writes `value` as one JSON line.
    fn line<T: Serialize>(&mut self, value: &T) -> anyhow::Result<()> {
        serde_json::to_writer(&mut self.out, value).map_err(std::io::Error::from)?;
        self.out.write_all(b"\n")?;
        Ok(())
    }

    /// Stages the file in `set`; returns its manifest entry.
    fn close(self, set: &mut OutputSet) -> anyhow::Result<FileEntry> {
        let Checked {
            inner,
            hasher,
            bytes,
            lines,
        } = self.out;
        set.stage(inner)?;
        Ok(FileEntry {
            name: self.name.to_owned(),
            bytes,
            lines,
            crc32: format!("{:08x}", hasher.finalize()),
        })
    }
}

/// Writes a partial: documents as they come, the aggregate at [`PartialWriter::finish`].
pub struct PartialWriter {
    set: OutputSet,
    documents: DataFile,
    count: u64,
    limits: Limits,
    budget: Budget,
    gazetteer: String,
}

impl PartialWriter {
    /// Locks `dir` (created if needed) and starts a partial in it; an older partial there is
    /// replaced, as a set, when this one is complete. `limits` are the report limits merges of it
    /// may use at most.
    pub fn create(dir: &Path, limits: Limits, gaz: &Gazetteer) -> anyhow::Result<PartialWriter> {
        let set = OutputSet::open(dir)?;
        Ok(PartialWriter {
            documents: DataFile::create(&set, DOCUMENTS)?,
            set,
            count: 0,
            limits,
            budget: Budget::new(&limits),
            gazetteer: gazetteer_fingerprint(gaz),
        })
    }

    /// Writes the next document in corpus order. Its text is kept only if report.html could need
    /// it: it has claims and fits the report limits counting from this partial's start.
    pub fn document(&mut self, mut rec: DocRecord) -> anyhow::Result<()> {
        let keep =
            !rec.claims.is_empty() && self.budget.admit(rec.claims.len(), rec.bytes as usize);
        if !keep {
            rec.text = None;
        }
        self.documents.line(&rec)?;
        self.count += 1;
        Ok(())
    }

    /// Writes the aggregate and the manifest and replaces any previous partial in the folder with
    /// them as a set (the manifest renamed last). Returns the manifest's path.
    pub fn finish(self, agg: Aggregate) -> anyhow::Result<PathBuf> {
        let PartialWriter {
            mut set,
            documents,
            count,
            limits,
            gazetteer,
            ..
        } = self;
        anyhow::ensure!(
            agg.documents == count,
            "internal error: {count} documents written but {} aggregated",
            agg.documents
        );
        let mut files = vec![documents.close(&mut set)?];
        let mut entities = DataFile::create(&set, ENTITIES)?;
        for (id, s) in agg.graph.entities_sorted() {
            entities.line(&EntityLine::of(id, s))?;
        }
        files.push(entities.close(&mut set)?);
        let mut edges = DataFile::create(&set, EDGES)?;
        for (key, e) in agg.graph.edges_sorted() {
            edges.line(&EdgeLine::of(key, e))?;
        }
        files.push(edges.close(&mut set)?);
        let mut tally = DataFile::create(&set, TALLY)?;
        tally.line(&agg.tally)?;
        files.push(tally.close(&mut set)?);
        let manifest = Manifest {
            format: FORMAT.into(),
            version: VERSION,
            claimgraph: env!("CARGO_PKG_VERSION").into(),
            documents: count,
            report_limits: ReportLimits {
                max_claims: limits.max_claims as u64,
                max_text_bytes: limits.max_text_bytes as u64,
            },
            gazetteer,
            files,
        };
        let mut out = set.create(MANIFEST)?;
        serde_json::to_writer_pretty(&mut out, &manifest).map_err(std::io::Error::from)?;
        out.write_all(b"\n")?;
        set.stage(out)?;
        Ok(set.commit()?.pop().expect("the manifest was staged"))
    }
}

/// One line of entities.jsonl.
#[derive(Debug, Serialize, Deserialize)]
struct EntityLine<'a> {
    id: Cow<'a, str>,
    label: Cow<'a, str>,
    #[serde(rename = "type")]
    kind: Cow<'a, str>,
    source: Cow<'a, str>,
    external_ids: Cow<'a, str>,
    example: Option<Cow<'a, str>>,
    first: u64,
    mentions: u64,
    documents: u64,
    surface_forms: Vec<Cow<'a, str>>,
    seen: Option<[String; 2]>,
}

impl<'a> EntityLine<'a> {
    fn of(id: &'a str, s: &'a EntityStats) -> EntityLine<'a> {
        // Destructured in full, so that a new field cannot be left out of the format unnoticed.
        let EntityStats {
            label,
            kind,
            source,
            external_ids,
            example,
            first,
            mentions,
            documents,
            surface_forms,
            seen,
        } = s;
        EntityLine {
            id: Cow::Borrowed(id),
            label: Cow::Borrowed(&**label),
            kind: Cow::Borrowed(kind.as_str()),
            source: Cow::Borrowed(&**source),
            external_ids: Cow::Borrowed(&**external_ids),
            example: example.as_deref().map(Cow::Borrowed),
            first: *first,
            mentions: *mentions,
            documents: *documents,
            surface_forms: surface_forms.iter().map(Cow::Borrowed).collect(),
            seen: seen_out(*seen),
        }
    }

    fn into_stats(self) -> Result<(String, EntityStats), String> {
        let kind: EntityType = self.kind.parse()?;
        Ok((
            self.id.into_owned(),
            EntityStats {
                label: self.label.into(),
                kind,
                source: self.source.into(),
                external_ids: self.external_ids.into(),
                example: self.example.map(Cow::into_owned),
                first: self.first,
                mentions: self.mentions,
                documents: self.documents,
                surface_forms: self.surface_forms.iter().collect(),
                seen: seen_in(self.seen)?,
            },
        ))
    }
}

/// One line of edges.jsonl.
#[derive(Debug, Serialize, Deserialize)]
struct EdgeLine<'a> {
    kind: Cow<'a, str>,
    source: Cow<'a, str>,
    target: Cow<'a, str>,
    weight: u64,
    documents: u64,
    seen: Option<[String; 2]>,
}

impl<'a> EdgeLine<'a> {
    fn of((kind, source, target): EdgeKey<'a>, e: &EdgeStats) -> EdgeLine<'a> {
        let EdgeStats {
            weight,
            documents,
            seen,
        } = e;
        EdgeLine {
            kind: Cow::Borrowed(kind.as_str()),
            source: Cow::Borrowed(source),
            target: Cow::Borrowed(target),
            weight: *weight,
            documents: *documents,
            seen: seen_out(*seen),
        }
    }

    fn into_stats(self) -> Result<((EdgeKind, String, String), EdgeStats), String> {
        let kind = EdgeKind::ALL
            .into_iter()
            .find(|k| k.as_str() == self.kind)
            .ok_or_else(|| format!("unknown edge kind {:?}", self.kind))?;
        Ok((
            (kind, self.source.into_owned(), self.target.into_owned()),
            EdgeStats {
                weight: self.weight,
                documents: self.documents,
                seen: seen_in(self.seen)?,
            },
        ))
    }
}

fn seen_out(seen: Option<Span>) -> Option<[String; 2]> {
    seen.map(|s| [s.first.to_string(), s.last.to_string()])
}

fn seen_in(seen: Option<[String; 2]>) -> Result<Option<Span>, String> {
    let Some([first, last]) = seen else {
        return Ok(None);
    };
    let day = |s: &str| {
        Day::find(s)
            .filter(|d| d.to_string() == s)
            .ok_or_else(|| format!("invalid day {s:?} (expected YYYY-MM-DD)"))
    };
    Ok(Some(Span {
        first: day(&first)?,
        last: day(&last)?,
    }))
}

/// A partial checked against its manifest (format, version, file sizes), ready to be read.
#[derive(Debug, Clone)]
pub struct Partial {
    /// The partial's folder.
    pub dir: PathBuf,
    /// Its manifest.
    pub manifest: Manifest,
}

impl Partial {
    /// Opens the partial in `dir`: reads its manifest and checks the format, the version and that
    /// every data file is there with the size the manifest records (checksums are verified as the
    /// files are read).
    pub fn open(dir: &Path) -> anyhow::Result<Partial> {
        let path = dir.join(MANIFEST);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && dir.is_dir() => bail!(
                "{}: not found: {} is not a complete claimgraph partial (was `run --partial` \
                 interrupted?)",
                path.display(),
                dir.display()
            ),
            Err(e) => bail!("cannot read {}: {e}", path.display()),
        };
        let value: serde_json::Value = serde_json::from_str(&text)
            .with_context(|| format!("{}: not valid JSON (corrupt partial)", path.display()))?;
        if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            bail!(
                "{}: not a claimgraph partial manifest (no \"format\": \"{FORMAT}\")",
                path.display()
            );
        }
        let version = value.get("version").and_then(|v| v.as_u64());
        if version != Some(u64::from(VERSION)) {
            let found = version.map_or("none".to_string(), |v| v.to_string());
            bail!(
                "{}: partial format version {found}, but this claimgraph ({}) reads version \
                 {VERSION}; write the partials again with the same claimgraph as the merge",
                path.display(),
                env!("CARGO_PKG_VERSION")
            );
        }
        let manifest: Manifest = serde_json::from_value(value)
            .with_context(|| format!("{}: invalid manifest (corrupt partial)", path.display()))?;
        for name in FILES {
            let Some(entry) = manifest.files.iter().find(|f| f.name == name) else {
                bail!("{}: does not list {name} (corrupt partial)", path.display());
            };
            let file = dir.join(name);
            let len = std::fs::metadata(&file)
                .with_context(|| format!("cannot read {}", file.display()))?
                .len();
            if len != entry.bytes {
                bail!(
                    "{}: {len} bytes, but the manifest says {}: the partial is truncated or was \
                     modified",
                    file.display(),
                    entry.bytes
                );
            }
        }
        Ok(Partial {
            dir: dir.to_path_buf(),
            manifest,
        })
    }

    /// The report limits merges of this partial may use at most.
    pub fn report_limits(&self) -> ReportLimits {
        self.manifest.report_limits
    }

    /// Calls `f` with each document record, in order; verifies the file's line count and
    /// checksum at the end.
    pub fn for_each_document(
        &self,
        mut f: impl FnMut(DocRecord) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let path = self.dir.join(DOCUMENTS);
        self.lines(DOCUMENTS, |n, line| {
            let rec: DocRecord = serde_json::from_str(line)
                .map_err(|e| corrupt(&path, n, "a document record", e))?;
            f(rec)
        })
    }

    /// Reads the aggregate state (entities, edges, tally), verifying each file.
    pub fn aggregate(&self) -> anyhow::Result<Aggregate> {
        let mut graph = Graph::default();
        let path = self.dir.join(ENTITIES);
        self.lines(ENTITIES, |n, line| {
            let (id, stats) = serde_json::from_str::<EntityLine>(line)
                .map_err(|e| e.to_string())
                .and_then(EntityLine::into_stats)
                .map_err(|e| corrupt(&path, n, "an entity", e))?;
            graph.insert_entity(id, stats);
            Ok(())
        })?;
        let path = self.dir.join(EDGES);
        self.lines(EDGES, |n, line| {
            let (key, stats) = serde_json::from_str::<EdgeLine>(line)
                .map_err(|e| e.to_string())
                .and_then(EdgeLine::into_stats)
                .map_err(|e| corrupt(&path, n, "an edge", e))?;
            let (kind, source, target) = &key;
            graph.insert_edge((*kind, source, target), stats);
            Ok(())
        })?;
        let mut tally = None;
        let path = self.dir.join(TALLY);
        self.lines(TALLY, |n, line| {
            let t = serde_json::from_str::<ClaimTally>(line)
                .map_err(|e| corrupt(&path, n, "a claim tally", e))?;
            tally = Some(t);
            Ok(())
        })?;
        Ok(Aggregate {
            documents: self.manifest.documents,
            graph,
            tally: tally.unwrap_or_default(),
        })
    }

    /// Reads data file `name` line by line (1-based line numbers), checking it against the
    /// manifest; errors of its own name the file, errors of `f` pass through.
    fn lines(
        &self,
        name: &str,
        mut f: impl FnMut(u64, &str) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let path = self.dir.join(name);
        let entry = self
            .manifest
            .files
            .iter()
            .find(|e| e.name == name)
            .expect("checked by open");
        let file = File::open(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let mut reader = BufReader::with_capacity(1 << 16, file);
        let mut hasher = crc32fast::Hasher::new();
        let mut buf = Vec::new();
        let mut n = 0;
        loop {
            buf.clear();
            let read = reader
                .read_until(b'\n', &mut buf)
                .with_context(|| format!("cannot read {}", path.display()))?;
            if read == 0 {
                break;
            }
            hasher.update(&buf);
            n += 1;
            if buf.last() != Some(&b'\n') || n > entry.lines {
                // More bytes than lines listed: a corrupt file (the checksum will not match).
                break;
            }
            let line = std::str::from_utf8(&buf[..buf.len() - 1]).map_err(|_| {
                anyhow::anyhow!(
                    "{}: line {n}: not UTF-8; the partial is corrupt",
                    path.display()
                )
            })?;
            f(n, line)?;
        }
        let mut rest = Vec::new();
        reader.read_to_end(&mut rest)?;
        hasher.update(&rest);
        let crc = format!("{:08x}", hasher.finalize());
        if crc != entry.crc32 || n != entry.lines {
            bail!(
                "{}: checksum {crc} does not match the manifest's {}: the partial is corrupt",
                path.display(),
                entry.crc32
            );
        }
        Ok(())
    }
}

/// The error for line `n` of `path` that does not hold `what`.
fn corrupt(path: &Path, n: u64, what: &str, e: impl std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!(
        "{}: line {n}: not {what} ({e}): the partial is corrupt",
        path.display()
    )
}
