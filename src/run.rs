//! The `run` job: read a corpus in bounded batches, analyse each batch in parallel, stream the
//! per-document rows in input order, and write the aggregate tables at the end.

use crate::corpus::{self, DocumentStream, Pending, ReadOptions};
use crate::gazetteer::Gazetteer;
use crate::isolate;
use crate::merge::{Aggregate, Output};
use crate::pipeline::Analysis;
use crate::record::DocRecord;
use crate::report::Limits;
use crate::summary::ClaimCounts;
use anyhow::Context;
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::PathBuf;

/// Everything the run job needs to know.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Files and folders to read.
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    pub out: PathBuf,
    /// Worker threads (None: one per core).
    pub threads: Option<usize>,
    /// Documents decoded and analysed together; bounds memory.
    pub batch_size: usize,
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

/// Runs the whole pipeline over `opts.inputs` with the given gazetteer.
///
/// Batches flow through two overlapping steps: while the worker threads analyse batch k+1, the
/// calling thread writes batch k's rows and merges its graph, so writing costs no parallel time.
pub fn run(opts: &RunOptions, gaz: &Gazetteer) -> anyhow::Result<RunSummary> {
    let files = corpus::list_inputs(&opts.inputs)?;
    let total_files = files.len();
    let mut stream = DocumentStream::new(files, opts.read.clone());
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = opts.threads {
        builder = builder.num_threads(n);
    }
    let pool = builder.build().context("cannot start worker threads")?;
    let mut sink = Sink {
        output: Output::create(&opts.out, opts.formats, opts.report_limits)?,
        aggregate: Aggregate::default(),
        progress: progress_bar(opts.progress, total_files),
        gaz,
    };
    let mut previous: Vec<Analysis> = Vec::new();
    loop {
        let batch: Vec<Pending> = stream.by_ref().take(opts.batch_size.max(1)).collect();
        let last = batch.is_empty();
        let files_done = batch
            .iter()
            .filter(|p| matches!(p, Pending::File(_)))
            .count();
        let done = std::mem::take(&mut previous);
        let (analyses, written) = pool.install(|| {
            rayon::join(
                || analyze_batch(batch, &opts.read, gaz),
                || sink.write(done),
            )
        });
        written?;
        previous = analyses;
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
    sink.output.finish(sink.aggregate)
}

/// The sequential end of the run: rows in input order, the aggregate state.
struct Sink<'g> {
    output: Output,
    aggregate: Aggregate,
    progress: Option<indicatif::ProgressBar>,
    gaz: &'g Gazetteer,
}

impl Sink<'_> {
    fn write(&mut self, analyses: Vec<Analysis>) -> anyhow::Result<()> {
        for mut a in analyses {
            self.output.document(&DocRecord::of(&a, self.gaz))?;
            self.aggregate.add(&mut a, self.gaz);
        }
        Ok(())
    }
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
