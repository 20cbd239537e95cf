//! The `run` job: read a corpus, analyse and format its documents on the worker threads, a few
//! consecutive documents per job, while a bounded window of documents is in flight, write the rows
//! in input order, and write the aggregate tables at the end.

use crate::claims::boundaries::Bounds;
use crate::corpus::{self, DocumentStream, Ignored, InputFile, Pending, ReadOptions, Status};
use crate::gazetteer::Gazetteer;
use crate::graph::DocGraph;
use crate::isolate;
use crate::merge::{Aggregate, Output, Prepare};
use crate::partial::PartialWriter;
use crate::pipeline::Analysis;
use crate::record::{DocRecord, ReadyDoc};
use crate::report::Limits;
use crate::summary::{ClaimCounts, DocTally};
use anyhow::Context;
use std::collections::{BTreeMap, VecDeque};
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
    /// Most documents in flight (read and not yet written); bounds memory.
    pub batch_size: usize,
    /// Most bytes of document text in flight (at least one document); bounds memory whatever the
    /// documents' sizes, since analysis takes memory a few times a document's size.
    pub batch_bytes: usize,
    /// Field names for JSONL/CSV input.
    pub read: ReadOptions,
    /// Show a progress bar (only honoured when stderr is a terminal).
    pub progress: bool,
    /// Which outputs to write.
    pub formats: Formats,
    /// How much of the corpus report.html embeds.
    pub report_limits: Limits,
    /// Whose content bounds the claims keep: the rules' (the default) or the learned model's.
    pub bounds: Bounds,
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
/// A few consecutive documents (see `JobSize`) make a job on the worker threads (analysis, then
/// rows formatted); the calling thread reads documents while the window of documents in flight
/// admits them and writes the finished ones in input order, so writing costs no parallel time and
/// no thread waits at a batch boundary. On one thread the calling thread runs each job itself
/// between reading it and writing it, and no other thread works.
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
    let mut window = Window {
        max_docs: opts.batch_size.max(1),
        max_bytes: opts.batch_bytes,
        docs: 0,
        bytes: 0,
    };
    let job_size = JobSize::for_window(&window, pool.current_num_threads());
    // One thread does all the work itself: reading, analysing and writing take turns on it, so
    // that `--threads 1` uses one core, as it says. (With a worker beside it, the reading and
    // writing thread kept a second core about a fifth busy.)
    let inline = pool.current_num_threads() == 1;
    // Each job, a run of consecutive documents, is analysed and formatted on the pool; this thread
    // reads documents while the window admits them and writes the finished ones in input order.
    let (tx, rx) = std::sync::mpsc::channel::<(u64, JobDone)>();
    // Each job in flight, in input order.
    let mut in_flight: VecDeque<InFlight> = VecDeque::new();
    let mut finished: BTreeMap<u64, JobDone> = BTreeMap::new();
    let (mut next_seq, mut next_write) = (0u64, 0u64);
    let mut carry: Option<Pending> = None;
    let mut exhausted = false;
    let mut failed: Option<anyhow::Error> = None;
    let prepare = prepare.as_ref();
    pool.in_place_scope(|scope| loop {
        while failed.is_none() && !exhausted {
            let mut job = Vec::new();
            let mut held = InFlight::default();
            while job.len() < job_size.docs && held.bytes < job_size.bytes {
                let Some(p) = carry.take().or_else(|| stream.next()) else {
                    exhausted = true;
                    break;
                };
                let size = text_bytes(&p);
                if !window.admits(size) {
                    carry = Some(p);
                    break;
                }
                window.add(size);
                held.bytes += size;
                held.docs += 1;
                held.files += usize::from(matches!(p, Pending::File(_)));
                job.push(p);
            }
            // Ended by a document the window does not admit yet: it waits for a job to be written.
            let full = carry.is_some();
            if job.is_empty() {
                break;
            }
            in_flight.push_back(held);
            let (tx, seq) = (tx.clone(), next_seq);
            next_seq += 1;
            if inline {
                let _ = tx.send((seq, finish_job(job, opts, gaz, prepare)));
                // Written before the next job is read, as a worker's would be while it runs.
                break;
            }
            scope.spawn(move |_| {
                // The receiver lives until every job has sent.
                let _ = tx.send((seq, finish_job(job, opts, gaz, prepare)));
            });
            if full {
                break;
            }
        }
        if in_flight.is_empty() {
            break;
        }
        let (seq, done) = rx.recv().expect("this thread holds a sender");
        finished.insert(seq, done);
        while let Some(job) = finished.remove(&next_write) {
            next_write += 1;
            let held = in_flight.pop_front().expect("one entry per job");
            window.remove(held.docs, held.bytes);
            for done in job {
                if failed.is_none() {
                    failed = done.and_then(|d| sink.write(d)).err();
                }
            }
            if let (true, Some(p)) = (held.files > 0, &sink.progress) {
                p.inc(held.files as u64);
            }
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    if let Some(p) = &sink.progress {
        p.finish_and_clear();
    }
    // The claims `add_parts` counted by index, named.
    sink.aggregate.tally.settle(gaz);
    let mut summary = match sink.destination {
        Destination::Outputs(output) => {
            output.finish_on(sink.aggregate, pool.current_num_threads())?
        }
        Destination::Partial(writer, mut summary) => {
            summary.entities = sink.aggregate.graph.entity_count();
            summary.edges = sink.aggregate.graph.edge_count();
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
// `Ready` is the variant of every document of a run that writes outputs (`Analysed` only of one
// that writes a partial), moved once into its job's vector: boxing its graph or tally would cost
// an allocation a document, which their recycling (`DocGraph`, `DocTally::recycle`) saves.
#[allow(clippy::large_enum_variant)]
enum Done {
    /// Formatted for the outputs on a worker thread (see [`Output::prepare`]), with its graph and
    /// claim tally; the rest of its analysis is dropped there.
    Ready(Box<ReadyDoc>, DocGraph, DocTally),
    /// Whole, for a partial.
    Analysed(Box<Analysis>),
}

/// A finished job: a run of consecutive documents analysed on one worker thread, each in input
/// order (an error: the run fails there).
type JobDone = Vec<anyhow::Result<Done>>;

/// How many documents, and about how many bytes of text, one job takes at the most (at least one
/// document). Handing documents to a worker and their results back costs a wake-up of a thread on
/// each side (a system call, and a switch of threads on a busy core); a job of a few short
/// documents pays it once. Jobs stay small enough that the window holds several per worker.
#[derive(Debug, Clone, Copy)]
struct JobSize {
    docs: usize,
    bytes: usize,
}

impl JobSize {
    /// Most documents per job.
    const DOCS: usize = 16;
    /// Most bytes of text per job (a job of short news articles takes a few milliseconds).
    const BYTES: usize = 64 << 10;

    /// Jobs small enough that `window` holds four per worker thread.
    fn for_window(window: &Window, threads: usize) -> JobSize {
        let share = |n: usize| n / (4 * threads.max(1));
        JobSize {
            docs: share(window.max_docs).clamp(1, Self::DOCS),
            bytes: share(window.max_bytes).clamp(1, Self::BYTES),
        }
    }
}

/// What a job in flight holds.
#[derive(Debug, Default)]
struct InFlight {
    docs: usize,
    bytes: usize,
    /// Documents that are whole files (the progress bar counts files).
    files: usize,
}

/// The sequential end of the run: rows in input order, the aggregate state.
struct Sink<'g> {
    destination: Destination,
    aggregate: Aggregate,
    progress: Option<indicatif::ProgressBar>,
    gaz: &'g Gazetteer,
}

impl Sink<'_> {
    /// Writes the next document in input order and adds it to the aggregate.
    fn write(&mut self, done: Done) -> anyhow::Result<()> {
        match (done, &mut self.destination) {
            (Done::Ready(doc, graph, tally), Destination::Outputs(output)) => {
                output.write(&doc)?;
                doc.rows.recycle();
                self.aggregate.add_parts(graph, &tally, self.gaz);
                tally.recycle();
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
        Ok(())
    }
}

/// Decodes, analyses and (when `prepare` is given) formats each document of a job, in order.
/// Runs on a worker thread; a panic costs its document only (see [`isolate`]).
fn finish_job(
    job: Vec<Pending>,
    opts: &RunOptions,
    gaz: &Gazetteer,
    prepare: Option<&Prepare>,
) -> JobDone {
    job.into_iter()
        .map(|p| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                finish_document(p, opts, gaz, prepare)
            }))
            .unwrap_or_else(|_| Err(anyhow::anyhow!("internal error formatting a document")))
        })
        .collect()
}

/// Decodes and analyses one document and, when `prepare` is given, formats it for the outputs,
/// keeping only what the sequential end needs.
fn finish_document(
    p: Pending,
    opts: &RunOptions,
    gaz: &Gazetteer,
    prepare: Option<&Prepare>,
) -> anyhow::Result<Done> {
    let mut a = isolate::analyze_pending(p, &opts.read, gaz, opts.bounds);
    let Some(prepare) = prepare else {
        return Ok(Done::Analysed(Box::new(a)));
    };
    let tally = DocTally::of(&a, gaz);
    let doc = prepare.ready_analysis(&mut a, gaz);
    Ok(Done::Ready(
        Box::new(doc),
        std::mem::take(&mut a.graph),
        tally,
    ))
}

/// The documents in flight (read and not yet written): at most `max_docs` of them and, unless
/// a single document is bigger, at most `max_bytes` of text (as far as [`text_bytes`] can tell
/// before decoding). This is what bounds a run's memory, whatever the documents' sizes.
#[derive(Debug)]
struct Window {
    max_docs: usize,
    max_bytes: usize,
    docs: usize,
    bytes: usize,
}

impl Window {
    /// Whether a document of `size` bytes may start now.
    fn admits(&self, size: usize) -> bool {
        self.docs == 0
            || (self.docs < self.max_docs && self.bytes.saturating_add(size) <= self.max_bytes)
    }

    fn add(&mut self, size: usize) {
        self.docs += 1;
        self.bytes = self.bytes.saturating_add(size);
    }

    /// Lets `docs` documents holding `bytes` of text go (written).
    fn remove(&mut self, docs: usize, bytes: usize) {
        self.docs -= docs;
        self.bytes = self.bytes.saturating_sub(bytes);
    }
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

    /// How many documents of the given sizes the window holds at each admission, writing the
    /// oldest when the next does not fit.
    fn in_flight(doc_sizes: &[usize], max_docs: usize, max_bytes: usize) -> Vec<usize> {
        let mut w = Window {
            max_docs,
            max_bytes,
            docs: 0,
            bytes: 0,
        };
        let mut queue = std::collections::VecDeque::new();
        let mut held = Vec::new();
        for &size in doc_sizes {
            while !w.admits(size) {
                w.remove(1, queue.pop_front().unwrap());
            }
            w.add(size);
            queue.push_back(size);
            held.push(w.docs);
        }
        held
    }

    #[test]
    fn jobs_are_small_enough_for_four_per_worker() {
        let window = |max_docs, max_bytes| Window {
            max_docs,
            max_bytes,
            docs: 0,
            bytes: 0,
        };
        let size = |w: &Window, threads| {
            let j = JobSize::for_window(w, threads);
            (j.docs, j.bytes)
        };
        // The defaults (256 documents, 12 MB) on 2 threads: the caps.
        assert_eq!(size(&window(256, 12 << 20), 2), (16, 64 << 10));
        // Many threads, or a small window: smaller jobs, never empty ones.
        assert_eq!(size(&window(256, 12 << 20), 32), (2, 64 << 10));
        assert_eq!(size(&window(256, 1 << 20), 8), (8, 32 << 10));
        assert_eq!(size(&window(1, 0), 2), (1, 1));
        assert_eq!(size(&window(4, 100), 0), (1, 25));
    }

    #[test]
    fn the_window_is_capped_by_bytes_and_by_documents() {
        assert_eq!(in_flight(&[5, 5, 5, 5, 5], 256, 12), vec![1, 2, 2, 2, 2]);
        // A document bigger than the cap is alone in flight.
        assert_eq!(in_flight(&[3, 40, 3, 3], 256, 10), vec![1, 1, 1, 2]);
        assert_eq!(in_flight(&[1, 1, 1], 2, 100), vec![1, 2, 2]);
        assert_eq!(in_flight(&[1, 1], 256, 0), vec![1, 1]);
    }
}
