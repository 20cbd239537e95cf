//! The `claimgraph` command line: parses arguments and dispatches to the library.

use anyhow::Context;
use claimgraph::corpus::ReadOptions;
use claimgraph::gazetteer::Gazetteer;
use claimgraph::report::Limits;
use claimgraph::run::{run, Formats, RunOptions};
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

// The pipeline allocates many small, short-lived vectors per document on every thread; mimalloc's
// thread-local heaps make that markedly cheaper than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// .txt, .md, .jsonl, .csv), single files, JSONL (one JSON object per line) or CSV with a header.
    Run(RunArgs),
    /// Work with gazetteers.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
    /// Measure throughput: the acscan reference, the raw scan, each stage alone, and the whole run on 1 and N threads.
    ///
    /// Builds a corpus of --size-mb by repeating the input documents, prints MB/s, documents/s, CPU
    /// time, peak memory and the ratio of each figure to the acscan reference scan (a raw scan of
    /// 311,223 GeoNames names, ../shared/bench/acscan) and to the raw scan of the same text with our
    /// own automaton.
    Bench(BenchArgs),
    /// Measure accuracy against gold-standard corpora.
    #[command(subcommand)]
    Evaluate(EvaluateCommand),
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
        /// Folder of gazetteer .tsv files [default: gazetteers/ here, else the bundled one]
        #[arg(long, value_name = "DIR")]
        gazetteers: Option<PathBuf>,
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
        /// Folder of gazetteer .tsv files [default: gazetteers/ here, else the bundled one]
        #[arg(long, value_name = "DIR")]
        gazetteers: Option<PathBuf>,
        /// Write missed claims, spurious claims and wrong speakers to this CSV
        #[arg(
            long,
            value_name = "FILE",
            default_value = "output/attribution-errors.csv"
        )]
        errors: PathBuf,
    },
}

#[derive(Args)]
struct RunArgs {
    /// Files or folders to read; `-` reads JSONL from standard input; .gz files are decompressed [default: seeds/]
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
    /// Most documents analysed together; bounds memory, does not change output
    #[arg(long, value_name = "N", default_value_t = 256)]
    batch_size: usize,
    /// Most MB of document text analysed together (at least one document); bounds memory whatever
    /// the documents' sizes, does not change output
    #[arg(long, value_name = "MB", default_value_t = 16)]
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
    /// Largest document analysed, in MB; bigger ones are skipped and reported in documents.csv
    /// (analysis takes memory several times a document's size)
    #[arg(long, value_name = "MB", default_value_t = ReadOptions::default().max_doc_bytes >> 20)]
    max_doc_mb: usize,
    /// Do not show a progress bar
    #[arg(long)]
    quiet: bool,
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

/// An output family for `--formats`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum OutputFormat {
    Csv,
    Gexf,
    Html,
}

#[derive(Args)]
struct BenchArgs {
    /// Documents to repeat into the benchmark corpus
    #[arg(value_name = "INPUT", default_value = "../shared/corpora/bbc-news")]
    inputs: Vec<PathBuf>,
    /// Corpus size in MB of document text
    #[arg(long, value_name = "MB", default_value_t = 200.0)]
    size_mb: f64,
    /// Folder of gazetteer .tsv files [default: gazetteers/ here, else the bundled one]
    #[arg(long, value_name = "DIR")]
    gazetteers: Option<PathBuf>,
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
    /// Names file of the acscan reference scan, the denominator of the speed ratio (see
    /// ../shared/bench/acscan/README.md) [default: ../shared/bench/acscan/geonames-names.txt here,
    /// else beside the source tree]
    #[arg(long, value_name = "FILE")]
    reference: Option<PathBuf>,
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
    let cli = Cli::parse();
    if let Err(e) = claimgraph::output::remove_temporaries_on_signal() {
        eprintln!("claimgraph: warning: {e:#}");
    }
    let result = match cli.command {
        Command::Run(args) => cmd_run(args),
        Command::Gazetteer(GazetteerCommand::Check { dir }) => {
            cmd_gazetteer_check(&gazetteer_dir(dir))
        }
        Command::Bench(args) => cmd_bench(args),
        Command::Evaluate(EvaluateCommand::Entities {
            gold,
            gazetteers,
            errors,
        }) => cmd_evaluate_entities(&gold, &gazetteer_dir(gazetteers), &errors),
        Command::Evaluate(EvaluateCommand::Attributions {
            gold,
            gazetteers,
            errors,
        }) => cmd_evaluate_attributions(&gold, &gazetteer_dir(gazetteers), &errors),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("claimgraph: error: {e:#}");
            ExitCode::FAILURE
        }
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

fn load_gazetteer(dir: &Path) -> anyhow::Result<(Gazetteer, f64)> {
    let t = Instant::now();
    let gaz = Gazetteer::load_dir(dir)?;
    Ok((gaz, t.elapsed().as_secs_f64()))
}

fn cmd_run(args: RunArgs) -> anyhow::Result<()> {
    let inputs = if args.inputs.is_empty() {
        vec![PathBuf::from("seeds")]
    } else {
        args.inputs
    };
    let gazetteers = gazetteer_dir(args.gazetteers);
    let (gaz, secs) = load_gazetteer(&gazetteers)
        .with_context(|| format!("loading gazetteers from {}", gazetteers.display()))?;
    let opts = RunOptions {
        inputs,
        out: args.out,
        threads: args.threads,
        batch_size: args.batch_size,
        batch_bytes: args.batch_mb << 20,
        read: ReadOptions {
            text_field: args.text_field,
            id_field: args.id_field,
            date_field: args.date_field,
            max_doc_bytes: args.max_doc_mb << 20,
        },
        progress: !args.quiet,
        formats: Formats {
            csv: args.formats.contains(&OutputFormat::Csv),
            gexf: args.formats.contains(&OutputFormat::Gexf),
            html: args.formats.contains(&OutputFormat::Html),
            gexf_edges: match args.gexf_edges {
                GexfEdges::Mixed => claimgraph::gexf::EdgeStyle::Mixed,
                GexfEdges::Directed => claimgraph::gexf::EdgeStyle::Directed,
            },
        },
        report_limits: Limits {
            max_claims: args.report_claims,
            max_text_bytes: args.report_text_mb << 20,
            ..Limits::default()
        },
    };
    let t = Instant::now();
    let s = run(&opts, &gaz)?;
    eprintln!(
        "gazetteer: {} entities, {} aliases, loaded in {:.2}s",
        gaz.entities.len(),
        gaz.alias_count(),
        secs
    );
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
    if args.summary {
        print!("{}", s.counts.table(s.documents, s.warnings, s.skipped));
    }
    if !s.internal_errors.is_empty() {
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

fn cmd_gazetteer_check(dir: &Path) -> anyhow::Result<()> {
    let (gaz, secs) = load_gazetteer(dir)?;
    let count = |k| gaz.entities.iter().filter(|e| e.kind == k).count();
    use claimgraph::entity::EntityType::*;
    println!(
        "{}: ok — {} entities ({} person, {} organization, {} place), {} aliases \
         ({} automaton patterns), built in {:.2}s",
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

fn cmd_evaluate_attributions(gold: &Path, gazetteers: &Path, errors: &Path) -> anyhow::Result<()> {
    let (gaz, _) = load_gazetteer(gazetteers)?;
    let report = claimgraph::eval::attributions::evaluate(gold, &gaz)?;
    print!("{report}");
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

fn cmd_bench(args: BenchArgs) -> anyhow::Result<()> {
    let exe = std::env::current_exe().context("cannot find the claimgraph executable")?;
    let opts = claimgraph::bench::BenchOptions {
        inputs: args.inputs,
        size_mb: args.size_mb,
        gazetteers: gazetteer_dir(args.gazetteers),
        threads: args.threads,
        work_dir: args.work_dir,
        json: Some(args.json),
        skip_stages: args.skip_stages,
        reference: Some(args.reference.unwrap_or_else(|| {
            let names = Path::new("bench/acscan/geonames-names.txt");
            let here = Path::new("../shared").join(names);
            if here.is_file() {
                here
            } else {
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../shared")
                    .join(names)
            }
        })),
    };
    claimgraph::bench::bench(&opts, &exe)?;
    Ok(())
}
