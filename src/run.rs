//! The `run` job: read a corpus in bounded batches, analyse each batch in parallel, stream the
//! per-document rows in input order, and write the aggregate tables at the end.

use crate::corpus::{self, DocumentStream, Ignored, InputFile, Pending, ReadOptions, Status};
use crate::gazetteer::Gazetteer;
use crate::graph::Graph;
use crate::isolate;
use crate::merge::{Aggregate, Output, Prepare};
use crate::partial::PartialWriter;
use crate::pipeline::Analysis;
use crate::record::{DocRecord, ReadyDoc};
use crate::report::Limits;
use crate::summary::{ClaimCounts, ClaimTally};
use anyhow::Context;
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::PathBuf;

/// Everything the run job needs to know.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Files and folders to read.
    pub inputs: Vec<PathBuf>,
    /// Read the files listed in this file instead of `inputs` (`-`: standard input), one path per
    /// line, absolute or relative to `root` (see [`corpus::list_files_from`]).
    pub files_from: Option<PathBuf>,
    /// The folder `files_from` paths, and the ids of the documents they hold, are relative to.
    pub root: PathBuf,
    /// Read standard input (the input `-`) as if it were this file: its ids, paths and format.
    pub stdin_as: Option<PathBuf>,
    /// Output folder.
    pub out: PathBuf,
    /// Write a partial result to this folder instead of the outputs (see [`crate::partial`]).
    pub partial: Option<PathBuf>,
    /// Worker threads (None: one per core).
    pub threads: Option<usize>,
    /// Most documents decoded and analysed together; bounds memory.
    pub batch_size: usize,
    /// Most bytes of document text decoded and analysed together (a batch holds at least one
    /// document); bounds memory whatever the documents' sizes, since analysis takes memory a few
    /// times a document's size.
    pub batch_bytes: usize,
    /// Field names for JSONL/CSV input.
    pub read: ReadOptions,
    /// Show a progress bar (only honoured when stderr is a terminal).
    pub progress: bool,
    /// Which outputs to write.
    pub formats: Formats,
    /// How much of the corpus report.html embeds.
    pub report_limits: Limits,
}

/// Which output files a run writes, and how graph.gexf holds its edges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    /// The CSV tables (documents, mentions, claims, entities, edges, candidates).
    pub csv: bool,
    /// `graph.gexf` for Gephi.
    pub gexf: bool,
    /// `report.html`, the claim-audit page.
    pub html: bool,
    /// Mixed (Gephi) or directed (every GEXF reader, networkx included) `graph.gexf`.
    pub gexf_edges: crate::gexf::EdgeStyle,
}

impl Default for Formats {
    fn default() -> Formats {
        Formats {
            csv: true,
            gexf: true,
            html: true,
            gexf_edges: crate::gexf::EdgeStyle::default(),
        }
    }
}

/// Counts reported at the end of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunSummary {
    /// Documents seen (rows of documents.csv).
    pub documents: usize,
    /// Documents with status `warning`.
    pub warnings: usize,
    /// Documents with status `skipped`.
    pub skipped: usize,
    /// Mentions written.
    pub mentions: usize,
    /// Entities written.
    pub entities: usize,
    /// Edges written.
    pub edges: usize,
    /// Output files, in writing order.
    pub files: Vec<PathBuf>,
    /// Claims by kind, entities by type, top speakers (for `--summary`).
    pub counts: ClaimCounts,
    /// Things the user should know about the outputs (such as a truncated report).
    pub notes: Vec<String>,
    /// Ids of the documents whose analysis hit an internal error (a bug: they are `skipped` in
    /// documents.csv and the run exits non-zero once everything else is written).
    pub internal_errors: Vec<String>,
}

impl RunSummary {
    /// Counts one document under its final `id` and `status`;
    /// `internal_error`: whether its analysis hit one; `mentions`: how many it has.
    pub fn count(&mut self, id: &str, status: Status, internal_error: bool, mentions: u64) {
        self.documents += 1;
        match status {
            Status::Ok => {}
            Status::Warning => self.warnings += 1,
            Status::Skipped => self.skipped += 1,
        }
        if internal_error {
            self.internal_errors.push(id.to_owned());
        }
        self.mentions += mentions as usize;
    }
}

/// Runs the whole pipeline over `opts.inputs` with the given gazetteer.
///
/// Batches flow through two overlapping steps: while the worker threads analyse batch k+1, the
/// calling thread writes batch k's rows and merges its graph, so writing costs no parallel time.
pub fn run(opts: &RunOptions, gaz: &Gazetteer) -> anyhow::Result<RunSummary> {
    let (files, ignored) = input_listing(opts)?;
    let total_files = files.len();
    let mut stream = DocumentStream::new(files, opts.read.clone());
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = opts.threads {
        builder = builder.num_threads(n);
    }
    let pool = builder.build().context("cannot start worker threads")?;
    let destination = match &opts.partial {
        Some(dir) => Destination::Partial(
            PartialWriter::create(dir, opts.report_limits, gaz)?,
            RunSummary::default(),
        ),
        None => Destination::Outputs(Output::create(&opts.out, opts.formats, opts.report_limits)?),
    };
    let prepare = match &destination {
        Destination::Outputs(output) => Some(output.prepare()),
        Destination::Partial(..) => None,
    };
    let mut sink = Sink {
        destination,
        aggregate: Aggregate::default(),
        progress: progress_bar(opts.progress, total_files),
        gaz,
    };
    let mut previous: Vec<Done> = Vec::new();
    let mut carry = None;
    loop {
        let batch = next_batch(&mut stream, &mut carry, opts.batch_size, opts.batch_bytes);
        let last = batch.is_empty();
        let files_done = batch
            .iter()
            .filter(|p| matches!(p, Pending::File(_)))
            .count();
        let done = std::mem::take(&mut previous);
        let (analyses, written) = pool.install(|| {
            rayon::join(
                || finish_batch(batch, &opts.read, gaz, prepare.as_ref()),
                || sink.write(done),
            )
        });
        written?;
        previous = analyses.into_iter().collect::<anyhow::Result<_>>()?;
        if let Some(p) = &sink.progress {
            p.inc(files_done as u64);
        }
        if last {
            break;
        }
    }
    if let Some(p) = &sink.progress {
        p.finish_and_clear();
    }
    let mut summary = match sink.destination {
        Destination::Outputs(output) => output.finish(sink.aggregate)?,
        Destination::Partial(writer, mut summary) => {
            summary.entities = sink.aggregate.graph.entities.len();
            summary.edges = sink.aggregate.graph.edges.len();
            summary.files.push(writer.finish(sink.aggregate)?);
            summary
        }
    };
    summary.notes.extend(ignored.note());
    Ok(summary)
}

/// Where a run's documents go: the outputs, or a partial result (with the run's counts).
// One per run, never moved in a loop: the size difference between the variants costs nothing.
#[allow(clippy::large_enum_variant)]
enum Destination {
    Outputs(Output),
    Partial(PartialWriter, RunSummary),
}

/// One analysed document, as the sequential end of the run takes it.
enum Done {
    /// Formatted for the outputs on a worker thread (see [`Output::prepare`]), with its graph and
    /// claim tally; the rest of its analysis is dropped there.
    Ready(Box<ReadyDoc>, Graph, ClaimTally),
    /// Whole, for a partial.
    Analysed(Box<Analysis>),
}

/// The sequential end of the run: rows in input order, the aggregate state.
struct Sink<'g> {
    destination: Destination,
    aggregate: Aggregate,
    progress: Option<indicatif::ProgressBar>,
    gaz: &'g Gazetteer,
}

impl Sink<'_> {
    fn write(&mut self, done: Vec<Done>) -> anyhow::Result<()> {
        for d in done {
            match (d, &mut self.destination) {
                (Done::Ready(doc, graph, tally), Destination::Outputs(output)) => {
                    output.write(&doc)?;
                    self.aggregate.add_parts(graph, tally);
                }
                (Done::Ready(..), Destination::Partial(..)) => {
                    anyhow::bail!("internal error: a document formatted for outputs, not a partial")
                }
                (Done::Analysed(mut a), destination) => {
                    let rec = DocRecord::of(&a, self.gaz);
                    match destination {
                        Destination::Outputs(output) => output.document(&rec)?,
                        Destination::Partial(writer, summary) => {
                            let mentions = rec.mentions.len() as u64;
                            summary.count(&rec.id, rec.status, rec.internal_error, mentions);
                            writer.document(rec)?;
                        }
                    }
                    self.aggregate.add(&mut a, self.gaz);
                }
            }
        }
        Ok(())
    }
}

/// Decodes and analyses one batch in parallel and, when `prepare` is given, formats each document
/// for the outputs on the same worker thread, keeping only what the sequential end needs. In input
/// order.
fn finish_batch(
    batch: Vec<Pending>,
    read: &ReadOptions,
    gaz: &Gazetteer,
    prepare: Option<&Prepare>,
) -> Vec<anyhow::Result<Done>> {
    batch
        .into_par_iter()
        .map(|p| {
            let mut a = isolate::analyze_pending(p, read, gaz);
            let Some(prepare) = prepare else {
                return Ok(Done::Analysed(Box::new(a)));
            };
            let mut tally = ClaimTally::default();
            tally.add(&a, gaz);
            let doc = prepare.ready(&DocRecord::of(&a, gaz))?;
            Ok(Done::Ready(
                Box::new(doc),
                std::mem::take(&mut a.graph),
                tally,
            ))
        })
        .collect()
}

/// The next batch: documents from `carry` (one left over by the previous batch) and then `stream`,
/// at most `max_docs` of them and, unless the first alone is bigger, at most `max_bytes` of text
/// (as far as [`text_bytes`] can tell before decoding). Empty when the stream is exhausted.
fn next_batch(
    stream: &mut impl Iterator<Item = Pending>,
    carry: &mut Option<Pending>,
    max_docs: usize,
    max_bytes: usize,
) -> Vec<Pending> {
    let mut batch = Vec::new();
    let mut bytes = 0usize;
    while batch.len() < max_docs.max(1) {
        let Some(p) = carry.take().or_else(|| stream.next()) else {
            break;
        };
        let size = text_bytes(&p);
        if !batch.is_empty() && bytes.saturating_add(size) > max_bytes {
            *carry = Some(p);
            break;
        }
        bytes = bytes.saturating_add(size);
        batch.push(p);
    }
    batch
}

/// About how many bytes of text a pending document holds: a text file's size on disk (four times
/// it when gzip-compressed, a typical ratio for text), a JSONL line's length, a ready document's
/// text.
fn text_bytes(p: &Pending) -> usize {
    match p {
        Pending::File(file) => std::fs::metadata(&file.path)
            .map_or(0, |m| usize::try_from(m.len()).unwrap_or(usize::MAX))
            .saturating_mul(if file.gzip { 4 } else { 1 }),
        Pending::Json { line, .. } => line.len(),
        Pending::Ready(doc) => doc.text.len(),
    }
}

/// The files a run reads, in corpus order.
pub fn input_files(opts: &RunOptions) -> anyhow::Result<Vec<InputFile>> {
    Ok(input_listing(opts)?.0)
}

/// The files a run reads, in corpus order, and the files its folder scans left out.
pub fn input_listing(opts: &RunOptions) -> anyhow::Result<(Vec<InputFile>, Ignored)> {
    if let Some(list) = &opts.files_from {
        let files = if list.as_os_str() == "-" {
            corpus::list_files_from(std::io::stdin().lock(), &opts.root)
        } else {
            let file = std::fs::File::open(list)
                .with_context(|| format!("cannot read the file list {}", list.display()))?;
            corpus::list_files_from(std::io::BufReader::new(file), &opts.root)
        };
        let files =
            files.with_context(|| format!("cannot read the file list {}", list.display()))?;
        return Ok((files, Ignored::default()));
    }
    let (mut files, ignored) = corpus::scan_inputs(&opts.inputs)?;
    if let Some(name) = &opts.stdin_as {
        for f in files.iter_mut().filter(|f| f.stdin) {
            *f = corpus::stdin_as(name);
        }
    }
    Ok((files, ignored))
}

/// Decodes and analyses one batch of documents in parallel, returning analyses in input order. A
/// panic in one document costs that document only (see [`isolate`]).
pub fn analyze_batch(batch: Vec<Pending>, read: &ReadOptions, gaz: &Gazetteer) -> Vec<Analysis> {
    batch
        .into_par_iter()
        .map(|p| isolate::analyze_pending(p, read, gaz))
        .collect()
}

fn progress_bar(wanted: bool, files: usize) -> Option<indicatif::ProgressBar> {
    if !wanted || files < 50 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} files  {elapsed} (eta {eta})",
        )
        .expect("valid template"),
    );
    Some(bar)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;

    fn sizes(batches: &[Vec<Pending>]) -> Vec<Vec<usize>> {
        batches
            .iter()
            .map(|b| b.iter().map(text_bytes).collect())
            .collect()
    }

    /// Splits documents of the given sizes into batches as the run does.
    fn batches(doc_sizes: &[usize], max_docs: usize, max_bytes: usize) -> Vec<Vec<usize>> {
        let mut stream = doc_sizes.iter().map(|&n| {
            let doc = Document::from_text("d".into(), "d".into(), &"x".repeat(n));
            Pending::Ready(Box::new(doc))
        });
        let mut carry = None;
        let mut out = Vec::new();
        loop {
            let batch = next_batch(&mut stream, &mut carry, max_docs, max_bytes);
            if batch.is_empty() {
                return sizes(&out);
            }
            out.push(batch);
        }
    }

    #[test]
    fn batches_are_capped_by_bytes_and_by_documents() {
        assert_eq!(
            batches(&[5, 5, 5, 5, 5], 256, 12),
            vec![vec![5, 5], vec![5, 5], vec![5]]
        );
        // A document bigger than the cap makes a batch of its own.
        assert_eq!(
            batches(&[3, 40, 3, 3], 256, 10),
            vec![vec![3], vec![40], vec![3, 3]]
        );
        assert_eq!(batches(&[1, 1, 1], 2, 100), vec![vec![1, 1], vec![1]]);
        assert_eq!(batches(&[1, 1], 256, 0), vec![vec![1], vec![1]]);
    }
}
