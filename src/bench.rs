//! The `bench` command: throughput of each stage and of the whole run, as a ratio to the raw
//! Aho-Corasick scan of the same text with the same automaton.
//!
//! Absolute MB/s depend on the machine and on what else it is doing; the ratio to the raw scan, measured
//! in the same process on the same text, is what we track. The whole run is measured in a child
//! process (`claimgraph run`) so its peak memory is its own.

use crate::corpus::{self, Document, DocumentStream, ReadOptions};
use crate::entity::{DocEntities, Entity};
use crate::gazetteer::Gazetteer;
use crate::graph::Graph;
use crate::pipeline::{build_graph, sentence_of_each};
use crate::tables::DocumentTables;
use crate::{discover, mentions, resolve, sentences};
use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// What to benchmark.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    /// Source documents, repeated until the corpus reaches `size_mb`.
    pub inputs: Vec<PathBuf>,
    /// Corpus size in MB (10^6 bytes of document text).
    pub size_mb: f64,
    /// Gazetteer folder.
    pub gazetteers: PathBuf,
    /// Threads for the parallel run (None: all cores).
    pub threads: Option<usize>,
    /// Scratch folder for the generated corpus and outputs.
    pub work_dir: PathBuf,
    /// Append a JSON line with the results here.
    pub json: Option<PathBuf>,
    /// Skip the per-stage measurements (they hold the corpus in memory).
    pub skip_stages: bool,
}

/// One measured line of the report.
#[derive(Debug, Clone)]
pub struct Measure {
    /// What was measured.
    pub name: String,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Peak resident memory in bytes, where measured.
    pub peak_rss: Option<u64>,
}

/// Runs the benchmark, printing a table to stdout; returns the measurements.
pub fn bench(opts: &BenchOptions, exe: &Path) -> anyhow::Result<Vec<Measure>> {
    let t = Instant::now();
    let gaz = Gazetteer::load_dir(&opts.gazetteers)?;
    let build = t.elapsed().as_secs_f64();
    std::fs::create_dir_all(&opts.work_dir)
        .with_context(|| format!("cannot create {}", opts.work_dir.display()))?;
    let corpus_path = opts.work_dir.join("bench-corpus.jsonl");
    let (bytes, docs) = build_corpus(&opts.inputs, opts.size_mb, &corpus_path)?;
    let mb = bytes as f64 / 1e6;
    println!(
        "gazetteer: {} entities, {} aliases ({} automaton patterns), load + build {:.3}s",
        gaz.entities.len(),
        gaz.alias_count(),
        gaz.pattern_count(),
        build
    );
    println!(
        "corpus: {mb:.1} MB, {docs} documents ({})",
        corpus_path.display()
    );
    let mut measures = Vec::new();

    // The whole runs go first, while this process is small: a child's peak RSS as the kernel
    // reports it can include pages the parent had when it was spawned.
    let mut runs = Vec::new();
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = opts.threads.unwrap_or(cpus);
    for n in [1, threads] {
        let out = opts.work_dir.join(format!("bench-out-{n}"));
        let (seconds, rss) = run_child(exe, &corpus_path, &opts.gazetteers, &out, n)?;
        runs.push(Measure {
            name: format!("whole run ({n} thread{})", if n == 1 { "" } else { "s" }),
            seconds,
            peak_rss: Some(rss),
        });
        if threads == 1 {
            break;
        }
    }
    let texts = load_texts(&corpus_path)?;
    let t = Instant::now();
    let mut hits = 0usize;
    for text in &texts {
        hits += gaz.automaton().find_iter(text.as_str()).count();
    }
    measures.push(measure("raw aho-corasick scan (1 thread)", t));
    std::hint::black_box(hits);

    if !opts.skip_stages {
        stages(&gaz, texts, &opts.work_dir, &mut measures)?;
    } else {
        drop(texts);
    }

    measures.extend(runs);
    print_report(&measures, mb, docs);
    if let Some(path) = &opts.json {
        append_json(path, &measures, mb, docs, &gaz, build)?;
    }
    Ok(measures)
}

fn measure(name: &str, t: Instant) -> Measure {
    Measure {
        name: name.to_owned(),
        seconds: t.elapsed().as_secs_f64(),
        peak_rss: None,
    }
}

/// Writes a JSONL corpus of at least `size_mb` MB of text by repeating the input documents.
fn build_corpus(inputs: &[PathBuf], size_mb: f64, path: &Path) -> anyhow::Result<(u64, usize)> {
    let files = corpus::list_inputs(inputs)?;
    let opts = ReadOptions::default();
    let source: Vec<Document> = DocumentStream::new(files, opts.clone())
        .map(|p| p.into_document(&opts))
        .filter(|d| !d.text.is_empty())
        .collect();
    anyhow::ensure!(
        !source.is_empty(),
        "no documents to benchmark with in {inputs:?}"
    );
    let target = (size_mb * 1e6) as u64;
    let mut out = std::io::BufWriter::new(
        std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
    );
    let (mut bytes, mut count) = (0u64, 0usize);
    'outer: for round in 0.. {
        for d in &source {
            if bytes >= target {
                break 'outer;
            }
            let line = serde_json::json!({"id": format!("r{round}/{}", d.id), "text": d.text});
            serde_json::to_writer(&mut out, &line)?;
            out.write_all(b"\n")?;
            bytes += d.text.len() as u64;
            count += 1;
        }
    }
    out.flush()?;
    Ok((bytes, count))
}

fn load_texts(path: &Path) -> anyhow::Result<Vec<String>> {
    let files = corpus::list_inputs(&[path.to_path_buf()])?;
    let opts = ReadOptions::default();
    Ok(DocumentStream::new(files, opts.clone())
        .map(|p| p.into_document(&opts).text)
        .collect())
}

/// Times each stage alone on one thread, feeding it the previous stage's output.
fn stages(
    gaz: &Gazetteer,
    texts: Vec<String>,
    work: &Path,
    out: &mut Vec<Measure>,
) -> anyhow::Result<()> {
    let t = Instant::now();
    let docs: Vec<Document> = texts
        .into_iter()
        .enumerate()
        .map(|(i, text)| Document::from_text(i.to_string(), String::new(), &text))
        .collect();
    out.push(measure("stage: normalise + furniture", t));
    let t = Instant::now();
    let sents: Vec<_> = docs.iter().map(sentences::split).collect();
    out.push(measure("stage: sentences", t));
    let t = Instant::now();
    let found: Vec<_> = docs.iter().map(|d| mentions::find(d, gaz)).collect();
    out.push(measure("stage: entity matching", t));
    let t = Instant::now();
    let (discovered, found): (Vec<_>, Vec<_>) = docs
        .iter()
        .zip(&sents)
        .zip(found)
        .map(|((d, s), m)| discover::discover(d, s, gaz, m))
        .unzip();
    out.push(measure("stage: entity discovery", t));
    let t = Instant::now();
    let resolved: Vec<_> = docs
        .iter()
        .zip(&discovered)
        .zip(found)
        .map(|((d, f), m)| resolve::resolve(d, entities(gaz, f), m))
        .collect();
    out.push(measure("stage: alias resolution", t));
    let t = Instant::now();
    let mut claims: Vec<_> = docs
        .iter()
        .zip(&sents)
        .zip(&resolved)
        .zip(&discovered)
        .map(|(((d, s), m), f)| crate::claims::extract(d, s, m, entities(gaz, f)).claims)
        .collect();
    out.push(measure("stage: claims", t));
    let t = Instant::now();
    let mut graph = Graph::default();
    let mut mention_sentences = Vec::with_capacity(docs.len());
    for (((d, s), m), f) in docs.iter().zip(&sents).zip(&resolved).zip(&discovered) {
        let ms = sentence_of_each(s, m);
        graph.merge(build_graph(d, entities(gaz, f), s, m, &ms));
        mention_sentences.push(ms);
    }
    out.push(measure("stage: graph aggregation", t));
    let t = Instant::now();
    let dir = work.join("bench-stage-csv");
    let mut tables = DocumentTables::create(&dir)?;
    for (n, ((((doc, sentences), mentions), mention_sentence), discovered)) in docs
        .into_iter()
        .zip(sents)
        .zip(resolved)
        .zip(mention_sentences)
        .zip(discovered)
        .enumerate()
    {
        let a = crate::pipeline::Analysis {
            doc,
            sentences,
            discovered,
            mentions,
            mention_sentence,
            claims: std::mem::take(&mut claims[n]),
            graph: Graph::default(),
            internal_error: false,
        };
        tables.write(&a, gaz)?;
    }
    tables.commit()?;
    out.push(measure("stage: CSV writing", t));
    Ok(())
}

fn entities<'a>(gaz: &'a Gazetteer, found: &'a [Entity]) -> DocEntities<'a> {
    DocEntities {
        known: &gaz.entities,
        found,
    }
}

/// Runs `claimgraph run` as a child; returns wall seconds and its peak RSS in bytes.
fn run_child(
    exe: &Path,
    corpus: &Path,
    gazetteers: &Path,
    out: &Path,
    threads: usize,
) -> anyhow::Result<(f64, u64)> {
    let t = Instant::now();
    let child = Command::new(exe)
        .arg("run")
        .arg(corpus)
        .arg("--gazetteers")
        .arg(gazetteers)
        .arg("--out")
        .arg(out)
        .arg("--threads")
        .arg(threads.to_string())
        .arg("--quiet")
        .stderr(std::process::Stdio::null())
        .spawn()
        .with_context(|| format!("cannot start {}", exe.display()))?;
    let (status, rss) = wait_with_rusage(child.id() as i32)?;
    let seconds = t.elapsed().as_secs_f64();
    anyhow::ensure!(status == 0, "claimgraph run exited with status {status}");
    Ok((seconds, rss))
}

/// Waits for a child and returns (exit status, peak RSS in bytes) from the kernel's accounting.
fn wait_with_rusage(pid: i32) -> anyhow::Result<(i32, u64)> {
    let mut status = 0;
    // SAFETY: rusage is plain old data, fully written by wait4 on success.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own child, not yet waited for; the pointers are valid for the call.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    anyhow::ensure!(
        r == pid,
        "wait4 failed: {}",
        std::io::Error::last_os_error()
    );
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    Ok((code, usage.ru_maxrss as u64 * 1024))
}

fn print_report(measures: &[Measure], mb: f64, docs: usize) {
    let raw = measures[0].seconds;
    println!(
        "{:<36} {:>9} {:>10} {:>11} {:>9} {:>10}",
        "measure", "seconds", "MB/s", "docs/s", "vs raw", "peak RSS"
    );
    for m in measures {
        println!(
            "{:<36} {:>9.3} {:>10.1} {:>11.0} {:>8.2}x {:>10}",
            m.name,
            m.seconds,
            mb / m.seconds,
            docs as f64 / m.seconds,
            raw / m.seconds,
            m.peak_rss
                .map(|b| format!("{:.0} MB", b as f64 / 1e6))
                .unwrap_or_default()
        );
    }
    let runs: Vec<&Measure> = measures.iter().filter(|m| m.peak_rss.is_some()).collect();
    if let [one, many] = runs.as_slice() {
        println!(
            "whole run / raw scan (1 thread): {:.2}x; speed-up on {}: {:.2}x",
            raw / one.seconds,
            many.name.trim_start_matches("whole run "),
            one.seconds / many.seconds
        );
    }
}

fn append_json(
    path: &Path,
    measures: &[Measure],
    mb: f64,
    docs: usize,
    gaz: &Gazetteer,
    build: f64,
) -> anyhow::Result<()> {
    let rows: Vec<serde_json::Value> = measures
        .iter()
        .map(|m| {
            serde_json::json!({
                "name": m.name, "seconds": m.seconds, "mb_per_s": mb / m.seconds,
                "docs_per_s": docs as f64 / m.seconds, "vs_raw": measures[0].seconds / m.seconds,
                "peak_rss_bytes": m.peak_rss,
            })
        })
        .collect();
    let line = serde_json::json!({
        "corpus_mb": mb, "documents": docs, "gazetteer_entities": gaz.entities.len(),
        "gazetteer_aliases": gaz.alias_count(),
        "gazetteer_patterns": gaz.pattern_count(), "gazetteer_build_s": build, "measures": rows,
    });
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    writeln!(f, "{line}")?;
    Ok(())
}
