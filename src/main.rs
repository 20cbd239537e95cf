//! The `claimgraph` command line: parses arguments and dispatches to the library.

use anyhow::Context;
use claimgraph::claims::boundaries::Bounds;
use claimgraph::corpus::ReadOptions;
use claimgraph::gazetteer::Gazetteer;
use claimgraph::report::Limits;
use claimgraph::run::{run, Formats, RunOptions, RunSummary};
use claimgraph::threads::Beside;
use clap::{Args, Parser, Subcommand};
use libmimalloc_sys as mi;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

// The pipeline allocates many small, short-lived vectors per document on every thread; mimalloc's
// thread-local heaps make that markedly cheaper than the system allocator.
#[global_allocator]
static GLOBAL: Mimalloc = Mimalloc;

/// A block of `layout` from `plain` (given the size) when the layout is aligned to a word or less,
/// else from `aligned` (given the size and the alignment).
///
/// # Safety
/// The layout's size is not zero; `plain` and `aligned` are mimalloc's allocating functions.
#[inline(always)]
unsafe fn by_alignment(
    layout: std::alloc::Layout,
    plain: unsafe extern "C" fn(usize) -> *mut std::ffi::c_void,
    aligned: unsafe extern "C" fn(usize, usize) -> *mut std::ffi::c_void,
) -> *mut u8 {
    // SAFETY: plain calls to mimalloc (this function's contract).
    unsafe {
        if layout.align() <= MI_WORD_ALIGN {
            plain(layout.size()).cast()
        } else {
            aligned(layout.size(), layout.align()).cast()
        }
    }
}

/// The largest alignment every block of mimalloc's `mi_malloc` has, whatever its size: a machine
/// word (mimalloc's blocks are whole words, in pages that start on a word; mimalloc.h).
const MI_WORD_ALIGN: usize = std::mem::size_of::<usize>();

/// mimalloc as the global allocator, asked for an alignment only when a layout needs more than a
/// word. The `mimalloc` crate's `MiMalloc` calls `mi_malloc_aligned` for every layout, whose fast
/// path costs about twice `mi_malloc`'s and which takes every block over 1 KiB through its generic
/// over-allocating path (about 225 instructions a call); nearly every layout here (bytes, `u32`,
/// words, structs of words) is aligned to a word or less, which every mimalloc block already is.
struct Mimalloc;

// SAFETY: every block comes from mimalloc and goes back to it: `mi_malloc`/`mi_zalloc`/`mi_realloc`
// return blocks aligned to at least a word (MI_WORD_ALIGN), so they are used only for layouts whose
// alignment is at most that, and the `_aligned` variants for the others; `mi_free` frees a block
// of either kind, and `mi_realloc` keeps the word alignment (as `mi_realloc_aligned` does for an
// alignment of a word or less, which calls the same function).
unsafe impl std::alloc::GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: the layout's size is not zero (GlobalAlloc's contract).
        unsafe { by_alignment(layout, mi::mi_malloc, mi::mi_malloc_aligned) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: as in `alloc`.
        unsafe { by_alignment(layout, mi::mi_zalloc, mi::mi_zalloc_aligned) }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        // SAFETY: `ptr` came from this allocator, so from mimalloc (the caller's contract).
        unsafe { mi::mi_free(ptr.cast()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from this allocator with `layout` (the caller's contract).
        unsafe {
            if layout.align() <= MI_WORD_ALIGN {
                mi::mi_realloc(ptr.cast(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
            }
        }
    }
}

/// mimalloc's `mi_option_purge_delay` (its position in `mi_option_e`, mimalloc.h; libmimalloc-sys
/// names the options around it but not this one).
const MI_OPTION_PURGE_DELAY: mi::mi_option_t = 15;

/// How long mimalloc keeps freed memory before it returns it to the system, in milliseconds.
const PURGE_DELAY_MS: std::ffi::c_long = 100;

/// mimalloc's `mi_option_allow_thp` (its position in `mi_option_e`, mimalloc.h, v3).
const MI_OPTION_ALLOW_THP: mi::mi_option_t = 43;

/// Lets mimalloc return freed memory to the system after [`PURGE_DELAY_MS`] instead of its
/// default second. A large document frees tens of megabytes at once as the next one allocates as
/// much: with the default delay both stay resident, and a folder of 20 documents of 5 MB peaked
/// at 290–305 MB on 2 threads (with 100 ms: about 250 MB; 50 MB of articles: 149 MB, was 158)
/// at no CPU time we could measure. `MIMALLOC_PURGE_DELAY` in the environment wins.
///
/// And turns transparent huge pages off for the process: mimalloc asks for them on its memory
/// (where the system grants them on request, as most Linux distributions do), and a 2 MiB page
/// is resident as a whole as soon as one byte of it is touched, and is given back only as a
/// whole. Without them a run on the seed documents peaks at 128 MB instead of 151, one of 5 MB
/// on one thread at about 145 MB instead of 175 (docs/performance.md, "Writing and memory"), for
/// a few percent more user CPU time. `MIMALLOC_ALLOW_THP` in the environment wins.
fn tune_allocator() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: setting an option is a plain call with no pointer arguments; the program has
        // one thread here.
        unsafe { mi::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
    }
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // SAFETY: as above. mimalloc has mapped memory before `main` already, so the process is
        // also told not to use huge pages, which covers those mappings too (mimalloc itself
        // does the same when the option is set in the environment).
        unsafe {
            mi::mi_option_set(MI_OPTION_ALLOW_THP, 0);
            #[cfg(target_os = "linux")]
            libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
        }
    }
}

/// Extract people, organisations, places and who-claims-what from news text into Gephi-ready CSV.
#[derive(Parser)]
#[command(name = "claimgraph", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Process a corpus and write the CSV tables, graph.gexf and report.html.
    ///
    /// Example: `claimgraph run seeds/ --out output/`. Inputs may be folders (read recursively:
    /// files named .txt, .text, .jsonl, .ndjson or .csv, optionally .gz, in any case; other files,
    /// .md included, are left out and counted in a note), single files (any name: text unless
    /// JSONL or CSV), JSONL (one JSON object per line) or CSV with a header. UTF-8, or UTF-16 with
    /// a byte-order mark.
    Run(Box<RunArgs>),
    /// Merge partial results (`run --partial`) into exactly the outputs one run writes.
    ///
    /// Example: `claimgraph merge parts/p0 parts/p1 parts/p2 --out output/`. The partials are
    /// merged in the order given, which must be the corpus order; duplicate document ids across
    /// them are renamed as one run would. Every partial is checked (format version, sizes,
    /// checksums) and nothing is written if one is incomplete or corrupt.
    Merge(MergeArgs),
    /// Work with gazetteers.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
    /// Measure throughput: the acscan reference, the raw scan, each stage alone, and the whole run on 1 and N threads.
    ///
    /// Builds a corpus of --size-mb by repeating the input documents, prints MB/s, documents/s, CPU
    /// time, peak memory and the ratio of each figure to the acscan reference scan (a raw scan of
    /// 311,223 GeoNames names, ../shared/bench/acscan) and to the raw scan of the same text with our
    /// own gazetteer trie. It prints which build it is (profile, PGO): the project's figures come
    /// from the profile-guided build that scripts/bench.sh makes and runs.
    Bench(BenchArgs),
    /// Measure accuracy against gold-standard corpora.
    #[command(subcommand)]
    Evaluate(EvaluateCommand),
    /// Train a learned component on gold data and write its weights.
    #[command(subcommand)]
    Train(TrainCommand),
    /// Check the word lists compiled into this binary and list them (lexicons/manifest.tsv).
    ///
    /// Every command checks them before it starts; this one prints each file with its kind, its
    /// number of entries and its use. After editing a list, rebuild and run it: a fault is reported
    /// as lexicons/FILE:LINE.
    Lexicons {
        /// Print README's Lexicons section (generated from the manifest) instead of the table.
        #[arg(long)]
        markdown: bool,
    },
}

#[derive(Subcommand)]
enum TrainCommand {
    /// The content-boundary model, from a PolNeAR-layout split (its train split).
    ///
    /// Runs the pipeline with the rules' content bounds on every text of SPLIT, matches its claims
    /// to the gold attributions as `evaluate attributions` does, and trains the averaged
    /// perceptron that re-chooses content starts and ends (deterministic: the same file on every
    /// run). Rebuild to use it. Example: `claimgraph train boundaries
    /// ../shared/eval/polnear/train --out lexicons/boundary_model.tsv --folds 4`.
    Boundaries {
        /// Gold corpus folder (text/ and attributions/)
        #[arg(value_name = "SPLIT")]
        gold: PathBuf,
        #[command(flatten)]
        gazetteers: GazetteerArg,
        /// The weights file to write
        #[arg(
            long,
            value_name = "FILE",
            default_value = "lexicons/boundary_model.tsv"
        )]
        out: PathBuf,
        /// Also print the words-exact gain of N-fold cross-validation over the split's documents
        #[arg(long, value_name = "N", default_value_t = 0)]
        folds: usize,
    },
}

#[derive(Subcommand)]
enum EvaluateCommand {
    /// Entity accuracy on CoNLL-format gold (token per line, IOB tags PER/ORG/LOC; MISC ignored).
    ///
    /// Each document's tokens are joined with single spaces and its sentences with newlines; the
    /// pipeline runs on that text and its person/organization/place mentions are scored for exact and
    /// overlapping span + type matches.
    Entities {
        /// CoNLL file, e.g. ../shared/eval/conllpp/dev.txt
        #[arg(value_name = "GOLD")]
        gold: PathBuf,
        #[command(flatten)]
        gazetteers: GazetteerArg,
        /// Write missed and spurious spans to this CSV
        #[arg(long, value_name = "FILE", default_value = "output/entity-errors.csv")]
        errors: PathBuf,
    },
    /// Claim accuracy on brat attribution annotations (PolNeAR layout).
    ///
    /// GOLD_DIR holds text/<stem>.txt and attributions/<stem>_<annotator>.ann (the first annotator file
    /// by name is used). Prints precision, recall and F1 for content only and content + speaker, over
    /// all attributions and over quoted ones, and writes every missed claim, spurious claim and wrong
    /// speaker to a CSV. Example: `claimgraph evaluate attributions ../shared/eval/polnear/dev`.
    Attributions {
        /// Gold corpus folder
        #[arg(value_name = "GOLD_DIR")]
        gold: PathBuf,
        #[command(flatten)]
        gazetteers: GazetteerArg,
        /// Write missed claims, spurious claims and wrong speakers to this CSV
        #[arg(
            long,
            value_name = "FILE",
            default_value = "output/attribution-errors.csv"
        )]
        errors: PathBuf,
        /// Score the content bounds of the learned content-boundary model, not the claim rules'
        #[arg(long)]
        boundary_model: bool,
        /// Also print each rule's claims by kind, with its confidence and its precision at each
        /// match level (content, +speaker, words-exact): how far each rule's claims can be trusted
        #[arg(long)]
        by_rule: bool,
    },
}

#[derive(Args)]
struct RunArgs {
    /// Files or folders to read; `-` reads JSONL from standard input (rows `stdin:LINE`); .gz files are decompressed [default: seeds/]
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Folder of gazetteer .tsv files (format: docs/gazetteer-format.md) [default: gazetteers/ here, else the bundled one]
    #[arg(long, value_name = "DIR")]
    gazetteers: Option<PathBuf>,
    /// Output folder; created if missing and locked while the run writes; the outputs replace the
    /// previous ones together at the end, or not at all
    #[arg(long, value_name = "DIR", default_value = "output")]
    out: PathBuf,
    /// Worker threads [default: one per core]; output is identical for any value
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Most documents in flight (read and not yet written); bounds memory, does not change output
    #[arg(long, value_name = "N", default_value_t = 256)]
    batch_size: usize,
    /// Most MB of document text in flight (at least one document); bounds memory whatever the
    /// documents' sizes, does not change output (analysis holds about 12 times a document's text; the
    /// default keeps 20 documents of 5 MB under 300 MiB on 2 threads)
    #[arg(long, value_name = "MB", default_value_t = 12)]
    batch_mb: usize,
    /// JSONL/CSV field holding the document text
    #[arg(long, value_name = "NAME", default_value = "text")]
    text_field: String,
    /// JSONL/CSV field holding the document id (missing ids become FILE:LINE)
    #[arg(long, value_name = "NAME", default_value = "id")]
    id_field: String,
    /// JSONL/CSV field holding the document date
    #[arg(long, value_name = "NAME", default_value = "date")]
    date_field: String,
    /// JSONL/CSV field holding the document's path for documents.csv (and file-name dates)
    /// [default: FILE:LINE]
    #[arg(long, value_name = "NAME")]
    path_field: Option<String>,
    /// Add N to the line numbers of JSONL/CSV rows (in FILE:LINE ids and paths): for a slice of a
    /// file that starts after line N
    #[arg(long, value_name = "N", default_value_t = 0)]
    line_offset: usize,
    /// Read the input `-` (standard input) as if it were the file PATH: its ids, paths and format
    /// (JSONL unless PATH ends in .csv or .txt)
    #[arg(long, value_name = "PATH")]
    stdin_as: Option<PathBuf>,
    /// Read the files listed in FILE (`-`: standard input), one path per line, absolute or
    /// relative to --root, in that order, instead of INPUT; document ids are relative to --root,
    /// as in a run over the folder --root
    #[arg(long, value_name = "FILE", conflicts_with = "inputs")]
    files_from: Option<PathBuf>,
    /// The folder --files-from paths and document ids are relative to
    #[arg(long, value_name = "DIR", requires = "files_from")]
    root: Option<PathBuf>,
    /// Print the files the run would read, one per line in corpus order, and exit
    #[arg(long)]
    list_inputs: bool,
    /// Largest document analysed, in MB; bigger ones are skipped and reported in documents.csv
    /// (analysis takes memory several times a document's size)
    #[arg(long, value_name = "MB", default_value_t = ReadOptions::default().max_doc_bytes >> 20)]
    max_doc_mb: usize,
    /// Do not show a progress bar
    #[arg(long)]
    quiet: bool,
    /// Re-choose each claim's content start and end with the learned content-boundary model
    /// (lexicons/boundary_model.tsv) instead of keeping the claim rules' bounds; slower
    #[arg(long)]
    boundary_model: bool,
    /// Write a partial result for `claimgraph merge` to this folder instead of the outputs
    /// (format: docs/partial-format.md); --report-claims/--report-text-mb cap what merges of it
    /// may embed in report.html
    #[arg(long, value_name = "DIR", conflicts_with_all = ["out", "formats", "gexf_edges", "summary"])]
    partial: Option<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
}

/// Merge partial results of `run --partial` into the outputs of one run over all their documents.
#[derive(Args)]
struct MergeArgs {
    /// Partial folders, in corpus order (the order their documents come in the outputs)
    #[arg(value_name = "PART", required = true)]
    partials: Vec<PathBuf>,
    /// Output folder; created if missing, existing tables replaced atomically
    #[arg(long, value_name = "DIR", default_value = "output")]
    out: PathBuf,
    #[command(flatten)]
    output: OutputArgs,
}

/// What a run or a merge writes.
#[derive(Args)]
struct OutputArgs {
    /// Outputs to write, comma-separated: csv (the tables), gexf (graph.gexf), html (report.html)
    #[arg(
        long,
        value_name = "LIST",
        value_enum,
        value_delimiter = ',',
        default_value = "csv,gexf,html"
    )]
    formats: Vec<OutputFormat>,
    /// How graph.gexf holds co_occurrence edges: mixed (undirected beside the directed claim edges;
    /// Gephi reads it, networkx.read_gexf does not) or directed (each co_occurrence edge both ways;
    /// every reader, networkx included, loads it)
    #[arg(long, value_name = "STYLE", value_enum, default_value = "mixed")]
    gexf_edges: GexfEdges,
    /// Print a table of documents, entities by type, claims by kind and top speakers to stdout
    #[arg(long)]
    summary: bool,
    /// Most claims report.html embeds (claims.csv always has them all)
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_claims)]
    report_claims: usize,
    /// Most document text report.html embeds, in MB; bigger pages open slowly in a browser
    #[arg(long, value_name = "MB", default_value_t = Limits::default().max_text_bytes >> 20)]
    report_text_mb: usize,
}

/// A value of `--gexf-edges`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum GexfEdges {
    Mixed,
    Directed,
}

impl OutputArgs {
    fn formats(&self) -> Formats {
        Formats {
            csv: self.formats.contains(&OutputFormat::Csv),
            gexf: self.formats.contains(&OutputFormat::Gexf),
            html: self.formats.contains(&OutputFormat::Html),
            gexf_edges: match self.gexf_edges {
                GexfEdges::Mixed => claimgraph::gexf::EdgeStyle::Mixed,
                GexfEdges::Directed => claimgraph::gexf::EdgeStyle::Directed,
            },
        }
    }

    fn report_limits(&self) -> Limits {
        Limits {
            max_claims: self.report_claims,
            max_text_bytes: self.report_text_mb << 20,
            ..Limits::default()
        }
    }
}

/// An output family for `--formats`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum OutputFormat {
    Csv,
    Gexf,
    Html,
}

#[derive(Args)]
struct BenchArgs {
    /// Documents to repeat into the benchmark corpus [default: SHARED/corpora/bbc-news, where
    /// SHARED is $CLAIMGRAPH_SHARED, else ../shared here, else beside the source tree]
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Corpus size in MB of document text
    #[arg(long, value_name = "MB", default_value_t = 200.0)]
    size_mb: f64,
    #[command(flatten)]
    gazetteers: GazetteerArg,
    /// Threads for the parallel run [default: one per core]
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Scratch folder for the generated corpus and outputs
    #[arg(long, value_name = "DIR", default_value = "target/bench")]
    work_dir: PathBuf,
    /// Append the results as one JSON line to this file
    #[arg(long, value_name = "FILE", default_value = "output/bench.jsonl")]
    json: PathBuf,
    /// Only measure the raw scans and the whole run (the stage timings hold the corpus in memory)
    #[arg(long)]
    skip_stages: bool,
    /// Names file of the acscan reference scan (see SHARED/bench/acscan/README.md)
    /// [default: SHARED/bench/acscan/geonames-names.txt]
    #[arg(long, value_name = "FILE")]
    reference: Option<PathBuf>,
    /// The acscan program built from SHARED/bench/acscan with its own settings (scripts/bench.sh
    /// builds it): it scans the same text, and the ratios are to it (the headline), the in-process
    /// reference's a secondary figure
    #[arg(long, value_name = "FILE")]
    acscan_program: Option<PathBuf>,
    /// Only the in-process acscan reference over the inputs as they are (no corpus, no runs, no
    /// JSON line): scripts/build-pgo.sh trains the profile-guided build with it
    #[arg(long)]
    reference_only: bool,
    /// Rounds of the timed runs: the whole runs and the acscan references are measured once per
    /// round, alternately; the report gives each measure's median round and every round's ratio
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u16).range(1..))]
    rounds: u16,
}

#[derive(Subcommand)]
enum GazetteerCommand {
    /// Validate a gazetteer folder and report every problem as FILE:LINE: message.
    Check {
        /// Folder of .tsv files [default: gazetteers/ here, else the bundled one]
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    tune_allocator();
    let cli = Cli::parse();
    if let Err(e) = claimgraph::output::remove_temporaries_on_signal() {
        eprintln!("claimgraph: warning: {e:#}");
    }
    // The word lists are compiled in, so a fault is a build defect; finding it here, before any
    // work, stops the program with the file and line instead of failing every document. A run on
    // more than one thread checks them beside the gazetteer's loading instead, and stops the
    // same way before any work.
    let threads = match &cli.command {
        Command::Run(args) => run_threads(args.threads),
        _ => 1,
    };
    if threads == 1 {
        if let Err(e) = claimgraph::lexicon::check_all() {
            eprintln!("claimgraph: error: {}", lexicon_fault(e));
            return ExitCode::FAILURE;
        }
    }
    let result = match cli.command {
        Command::Lexicons { markdown } => {
            cmd_lexicons(markdown);
            Ok(())
        }
        Command::Run(args) => cmd_run(*args, threads),
        Command::Merge(args) => cmd_merge(args),
        Command::Gazetteer(GazetteerCommand::Check { dir }) => {
            cmd_gazetteer_check(&gazetteer_dir(dir))
        }
        Command::Bench(args) => cmd_bench(args),
        Command::Evaluate(EvaluateCommand::Entities {
            gold,
            gazetteers,
            errors,
        }) => cmd_evaluate_entities(&gold, &gazetteers.dir(), &errors),
        Command::Evaluate(EvaluateCommand::Attributions {
            gold,
            gazetteers,
            errors,
            boundary_model,
            by_rule,
        }) => cmd_evaluate_attributions(
            &gold,
            &gazetteers.dir(),
            &errors,
            bounds(boundary_model),
            by_rule,
        ),
        Command::Train(TrainCommand::Boundaries {
            gold,
            gazetteers,
            out,
            folds,
        }) => cmd_train_boundaries(&gold, &gazetteers.dir(), &out, folds),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("claimgraph: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// `--gazetteers DIR`, as the commands that only read a gazetteer take it (`run` says more in its
/// help: the format's documentation).
#[derive(Args)]
struct GazetteerArg {
    /// Folder of gazetteer .tsv files [default: gazetteers/ here, else the bundled one]
    #[arg(long, value_name = "DIR")]
    gazetteers: Option<PathBuf>,
}

impl GazetteerArg {
    /// The folder to read ([`gazetteer_dir`]).
    fn dir(self) -> PathBuf {
        gazetteer_dir(self.gazetteers)
    }
}

/// The gazetteer folder to read: the one the user names, else `gazetteers/` in the working
/// directory, else the bundled folder of the source tree the binary was built from, so
/// `target/release/claimgraph` (or an installed copy) works from any folder.
fn gazetteer_dir(named: Option<PathBuf>) -> PathBuf {
    named.unwrap_or_else(|| {
        let here = PathBuf::from("gazetteers");
        if here.is_dir() {
            here
        } else {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteers")
        }
    })
}

/// The worker threads of a run: `--threads`, else (or for `--threads 0`, as the thread pool reads
/// it) one per core. Never 0, so that "one thread" and "more than one" are the only two cases.
fn run_threads(threads: Option<usize>) -> usize {
    match threads {
        Some(n) if n > 0 => n,
        _ => std::thread::available_parallelism().map_or(1, |n| n.get()),
    }
}

/// A fault in the bundled word lists, as the error that stops the program.
fn lexicon_fault(e: claimgraph::lexicon::LexiconError) -> anyhow::Error {
    anyhow::anyhow!("bundled word list: {e}")
}

/// [`load_gazetteer`] for a run on `threads` threads: with more than one, the bundled word lists
/// are checked ([`claimgraph::lexicon::check_all`], which `main` left to this) and the stages'
/// lexicons built on a second thread while this one loads the gazetteer, itself on two threads.
/// A fault in the word lists is reported first, as `main` reports it; a fault in the gazetteer
/// names the folder.
fn load_gazetteer_on(dir: &Path, threads: usize) -> anyhow::Result<(Gazetteer, f64)> {
    let context = || format!("loading gazetteers from {}", dir.display());
    if threads == 1 {
        return load_gazetteer(dir).with_context(context);
    }
    std::thread::scope(|scope| {
        let lexicons = Beside::start(scope, true, || {
            claimgraph::lexicon::check_all().map(|()| claimgraph::pipeline::prepare())
        });
        let t = Instant::now();
        let gaz = Gazetteer::load_dir_on(dir, threads);
        let secs = t.elapsed().as_secs_f64();
        lexicons.join().map_err(lexicon_fault)?;
        Ok((gaz.with_context(context)?, secs))
    })
}

fn load_gazetteer(dir: &Path) -> anyhow::Result<(Gazetteer, f64)> {
    let t = Instant::now();
    let gaz = Gazetteer::load_dir(dir)?;
    let secs = t.elapsed().as_secs_f64();
    // Every command that loads a gazetteer analyses documents: their lexicons are built now.
    claimgraph::pipeline::prepare();
    Ok((gaz, secs))
}

/// The content bounds `--boundary-model` asks for.
fn bounds(boundary_model: bool) -> Bounds {
    if boundary_model {
        Bounds::Model
    } else {
        Bounds::Rules
    }
}

/// `claimgraph run` on `threads` threads ([`run_threads`]); with more than one, `main` has left
/// the check of the bundled word lists to it.
fn cmd_run(args: RunArgs, threads: usize) -> anyhow::Result<()> {
    let inputs = if args.inputs.is_empty() && args.files_from.is_none() {
        vec![PathBuf::from("seeds")]
    } else {
        args.inputs
    };
    let opts = RunOptions {
        inputs,
        files_from: args.files_from,
        root: args.root.unwrap_or_default(),
        stdin_as: args.stdin_as,
        out: args.out,
        partial: args.partial,
        threads: args.threads,
        batch_size: args.batch_size,
        batch_bytes: args.batch_mb << 20,
        read: ReadOptions {
            text_field: args.text_field,
            id_field: args.id_field,
            date_field: args.date_field,
            path_field: args.path_field,
            line_offset: args.line_offset,
            max_doc_bytes: args.max_doc_mb << 20,
        },
        progress: !args.quiet,
        formats: args.output.formats(),
        report_limits: args.output.report_limits(),
        bounds: bounds(args.boundary_model),
    };
    if args.list_inputs {
        if threads > 1 {
            claimgraph::lexicon::check_all().map_err(lexicon_fault)?;
        }
        let mut out = std::io::stdout().lock();
        for f in claimgraph::run::input_files(&opts)? {
            writeln!(out, "{}", f.path.display())?;
        }
        return Ok(());
    }
    let gazetteers = gazetteer_dir(args.gazetteers);
    let (gaz, secs) = load_gazetteer_on(&gazetteers, threads)?;
    let t = Instant::now();
    let s = run(&opts, &gaz)?;
    eprintln!(
        "gazetteer: {} entities, {} aliases, loaded in {:.2}s",
        gaz.entities.len(),
        gaz.alias_count(),
        secs
    );
    // The process ends with this command: its memory goes back to the system whole, without
    // freeing the gazetteer's hundreds of thousands of allocations one by one (about 16 million
    // instructions).
    std::mem::forget(gaz);
    if opts.partial.is_some() {
        // The merge reports internal errors (and fails); a partial task that failed would only
        // be retried.
        if !s.internal_errors.is_empty() {
            eprintln!(
                "note: {} document(s) hit an internal error and were skipped; the merge will \
                 report them",
                s.internal_errors.len()
            );
        }
        return finish(&s, t, false, false);
    }
    finish(&s, t, args.output.summary, true)
}

fn cmd_merge(args: MergeArgs) -> anyhow::Result<()> {
    let opts = claimgraph::merge::MergeOptions {
        partials: args.partials,
        out: args.out,
        formats: args.output.formats(),
        report_limits: args.output.report_limits(),
    };
    let t = Instant::now();
    let s = claimgraph::merge::merge(&opts)?;
    finish(&s, t, args.output.summary, true)
}

/// Reports what a run or merge did on stderr (and the `--summary` table on stdout); fails if a
/// document hit an internal error and `fail_on_internal_errors`.
fn finish(
    s: &RunSummary,
    t: Instant,
    summary: bool,
    fail_on_internal_errors: bool,
) -> anyhow::Result<()> {
    eprintln!(
        "{} documents ({} warnings, {} skipped), {} mentions, {} entities, {} edges in {:.2}s",
        s.documents,
        s.warnings,
        s.skipped,
        s.mentions,
        s.entities,
        s.edges,
        t.elapsed().as_secs_f64()
    );
    for f in &s.files {
        eprintln!("wrote {}", f.display());
    }
    for note in &s.notes {
        eprintln!("note: {note}");
    }
    if summary {
        print!("{}", s.counts.table(s.documents, s.warnings, s.skipped));
    }
    if fail_on_internal_errors && !s.internal_errors.is_empty() {
        let n = s.internal_errors.len();
        let shown: Vec<&str> = s
            .internal_errors
            .iter()
            .take(5)
            .map(String::as_str)
            .collect();
        let more = if n > shown.len() { ", …" } else { "" };
        anyhow::bail!(
            "{n} document(s) hit an internal error and were skipped ({}{more}); every other \
             document was analysed and all outputs were written; {}",
            shown.join(", "),
            claimgraph::isolate::BUG_REPORT_HINT
        );
    }
    Ok(())
}

fn cmd_lexicons(markdown: bool) {
    if markdown {
        print!("{}", claimgraph::lexicon::readme_section());
        return;
    }
    println!("lexicons: ok (checked against lexicons/manifest.tsv)");
    for (file, kind, count, purpose) in claimgraph::lexicon::summary() {
        let count = if count == 0 {
            "-".to_string()
        } else {
            count.to_string()
        };
        println!("{file:<26} {kind:<12} {count:>6}  {purpose}");
    }
}

fn cmd_gazetteer_check(dir: &Path) -> anyhow::Result<()> {
    let (gaz, secs) = load_gazetteer(dir)?;
    let count = |k| gaz.entities.iter().filter(|e| e.kind == k).count();
    use claimgraph::entity::EntityType::*;
    println!(
        "{}: ok — {} entities ({} person, {} organization, {} place), {} aliases \
         ({} trie patterns), built in {:.2}s",
        dir.display(),
        gaz.entities.len(),
        count(Person),
        count(Organization),
        count(Place),
        gaz.alias_count(),
        gaz.pattern_count(),
        secs
    );
    Ok(())
}

fn cmd_evaluate_entities(gold: &Path, gazetteers: &Path, errors: &Path) -> anyhow::Result<()> {
    let (gaz, _) = load_gazetteer(gazetteers)?;
    let report = claimgraph::eval::entities::evaluate(gold, &gaz, Some(errors))?;
    println!("{report}");
    eprintln!("wrote {}", errors.display());
    Ok(())
}

fn cmd_evaluate_attributions(
    gold: &Path,
    gazetteers: &Path,
    errors: &Path,
    bounds: Bounds,
    by_rule: bool,
) -> anyhow::Result<()> {
    let (gaz, _) = load_gazetteer(gazetteers)?;
    let report = claimgraph::eval::attributions::evaluate(gold, &gaz, bounds)?;
    print!("{report}");
    if by_rule {
        print!("\n{}", report.by_rule_table());
    }
    if let Some(dir) = errors.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create folder {}", dir.display()))?;
    }
    report.write_errors_csv(errors)?;
    eprintln!(
        "wrote {} ({} errors)",
        errors.display(),
        report.errors.len()
    );
    Ok(())
}

fn cmd_train_boundaries(
    gold: &Path,
    gazetteers: &Path,
    out: &Path,
    folds: usize,
) -> anyhow::Result<()> {
    use claimgraph::claims::boundaries::{Layout, Model};
    let (gaz, _) = load_gazetteer(gazetteers)?;
    let mut corpus = claimgraph::eval::boundary_training::Corpus::load(gold, &gaz)?;
    let model = |text: &str| {
        Model::parse("trained model", text, Layout::bundled())
            .map_err(|e| anyhow::anyhow!("the trained model does not read back: {e}"))
    };
    let mut gain = 0isize;
    for f in 0..folds {
        let weights = corpus.train(|i| i % folds != f);
        let (before, after) = corpus.words_exact(&model(&weights)?, &gaz, |i| i % folds == f);
        println!("fold {}: words-exact {before} -> {after}", f + 1);
        gain += after as isize - before as isize;
    }
    if folds > 0 {
        println!("{folds}-fold cross-validated words-exact gain: {gain:+}");
    }
    let weights = corpus.train(|_| true);
    let (before, after) = corpus.words_exact(&model(&weights)?, &gaz, |_| true);
    println!(
        "trained on {} documents; words-exact on them (in-sample) {before} -> {after}",
        corpus.len()
    );
    std::fs::write(out, weights).with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!("wrote {}", out.display());
    Ok(())
}

/// The shared data folder the bench's defaults come from: `$CLAIMGRAPH_SHARED` when set (as the
/// scripts and tests read it), else `../shared` when it is a folder, else `../shared` beside the
/// source tree.
fn shared_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CLAIMGRAPH_SHARED").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let here = Path::new("../shared");
    if here.is_dir() {
        here.to_path_buf()
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
    }
}

fn cmd_bench(args: BenchArgs) -> anyhow::Result<()> {
    let exe = std::env::current_exe().context("cannot find the claimgraph executable")?;
    let shared = shared_dir();
    let inputs = if args.inputs.is_empty() {
        vec![shared.join("corpora/bbc-news")]
    } else {
        args.inputs
    };
    let reference = args
        .reference
        .unwrap_or_else(|| shared.join("bench/acscan/geonames-names.txt"));
    let opts = claimgraph::bench::BenchOptions {
        inputs,
        reference: Some(reference),
        size_mb: args.size_mb,
        gazetteers: args.gazetteers.dir(),
        threads: args.threads,
        work_dir: args.work_dir,
        json: Some(args.json),
        skip_stages: args.skip_stages,
        acscan_program: args.acscan_program,
        reference_only: args.reference_only,
        rounds: usize::from(args.rounds),
    };
    claimgraph::bench::bench(&opts, &exe)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// mimalloc's default purge delay, in milliseconds (v3's `options.c`; its header says 10).
    const MI_DEFAULT_PURGE_DELAY: std::ffi::c_long = 1000;

    #[test]
    fn the_purge_delay_option_is_the_one_the_environment_sets() {
        use libmimalloc_sys::{mi_option_get, mi_option_set};
        // Option 15 holds mimalloc's purge delay default, so it is the option named so (a
        // renumbered or re-defaulted mimalloc fails here, not silently in production).
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        assert_eq!(
            unsafe { mi_option_get(MI_OPTION_PURGE_DELAY) },
            MI_DEFAULT_PURGE_DELAY
        );
        tune_allocator();
        assert_eq!(
            unsafe { mi_option_get(MI_OPTION_PURGE_DELAY) },
            PURGE_DELAY_MS
        );
        unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, MI_DEFAULT_PURGE_DELAY) };
    }
}
