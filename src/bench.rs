//! The `bench` command: throughput of each stage and of the whole run, as a ratio to the acscan
//! reference and to the raw scan of the same text with our own gazetteer ([`Gazetteer::scan`]).
//!
//! Absolute MB/s depend on the machine and on what else it is doing; the ratio to a reference scan
//! of the same text, measured in the same bench, is what we track. The reference is acscan
//! (`../shared/bench/acscan`): a leftmost-longest scan of 311,223 GeoNames names with word
//! boundaries checked and nothing done with the matches, which is what a plain world-scale gazetteer
//! stage costs. Its own program, built with its own settings, is the headline denominator when
//! given ([`BenchOptions::acscan_program`], as scripts/bench.sh does); [`acscan`] runs the same scan
//! in this process (same crate, same builder settings, same names file), compiled with this
//! build's settings: the secondary ratio, and the only one with a CPU time. The whole run is
//! measured in a child process (`claimgraph run`) so its peak memory and CPU time are its own.

use crate::corpus::{self, Document, DocumentStream, ReadOptions};
use crate::gazetteer::Gazetteer;
use crate::graph::Graph;
use crate::pipeline::{Work, STAGES};
use crate::record::DocRecord;
use crate::tables::DocumentTables;
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
    /// The acscan reference's names file (`../shared/bench/acscan/geonames-names.txt`); None or a
    /// missing file: the reference is not measured, with a printed reason.
    pub reference: Option<PathBuf>,
    /// The acscan program itself, built from `../shared/bench/acscan` with its own settings
    /// (scripts/bench.sh builds it): when given, it scans the same text as the in-process
    /// reference, and its MB/s is reported beside it ([`ACSCAN_PROGRAM`]), so a reference slowed or
    /// sped up by this build's settings (profile-guided layout, say) shows. When it is measured it
    /// is the denominator of every ratio (the headline), the in-process reference a secondary one.
    pub acscan_program: Option<PathBuf>,
    /// Run only the in-process acscan reference, over the inputs as they are (no corpus is built,
    /// nothing is run or written): scripts/build-pgo.sh runs this in its training so the
    /// reference's code is laid out like the rest of a profile-guided build.
    pub reference_only: bool,
    /// Rounds of the timed runs (at least 1): the whole runs and both acscan references are measured
    /// once per round, alternately, and the report gives each measure's median round (peak RSS: the
    /// first round's) and the headline ratio of every round, so a single run disturbed by
    /// the machine's other work is seen for what it is.
    pub rounds: usize,
}

/// One measured line of the report.
#[derive(Debug, Clone)]
pub struct Measure {
    /// What was measured.
    pub name: String,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// CPU seconds (user + system) of the measured work: on a machine that other programs share,
    /// a steadier figure than the wall clock for one thread.
    pub cpu_seconds: f64,
    /// Peak resident memory in bytes, where measured.
    pub peak_rss: Option<u64>,
}

/// Name of the acscan reference line in the report (the ratios' denominator when measured).
pub const ACSCAN: &str = "acscan reference scan (1 thread)";
/// Name of the raw scan with our own gazetteer ([`Gazetteer::scan`]).
pub const RAW_SCAN: &str = "raw gazetteer scan (1 thread)";
/// Name of the acscan program's own scan of the same text ([`BenchOptions::acscan_program`]; its
/// CPU time is not known: it reports MB/s by the clock only).
pub const ACSCAN_PROGRAM: &str = "acscan program, own build (1 thread)";

/// Which build this binary is (set by build.rs): the Cargo profile, opt-level, whether it is
/// profile-guided, and the note of the script that built it, e.g. `profile dist, opt-level 3, PGO
/// (profile-use); fat LTO, 1 codegen unit, trained on …`. Printed with every bench figure.
pub const BUILD: &str = env!("CLAIMGRAPH_BUILD");

/// The build scripts/bench.sh makes and the project's speed figures are quoted from.
const BENCH_BUILD: &str = "scripts/bench.sh: profile dist, fat LTO, PGO";

/// Runs the benchmark, printing a table to stdout; returns the measurements.
pub fn bench(opts: &BenchOptions, exe: &Path) -> anyhow::Result<Vec<Measure>> {
    println!("build: {BUILD}");
    if opts.reference_only {
        let texts = load_texts(&opts.inputs)?;
        let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
        return match acscan(opts.reference.as_deref(), &texts)? {
            Ok(m) => {
                println!("{}: {mb:.1} MB at {:.1} MB/s", m.name, mb / m.seconds);
                Ok(vec![m])
            }
            Err(why) => anyhow::bail!("acscan reference not measured: {why}"),
        };
    }
    if !is_bench_build() {
        println!("note: not the documented bench build ({BENCH_BUILD}); do not quote its ratios as the project's");
    }
    let t = Instant::now();
    let gaz = Gazetteer::load_dir(&opts.gazetteers)?;
    let build = t.elapsed().as_secs_f64();
    std::fs::create_dir_all(&opts.work_dir)
        .with_context(|| format!("cannot create {}", opts.work_dir.display()))?;
    let corpus_path = opts.work_dir.join("bench-corpus.jsonl");
    let (bytes, docs) = build_corpus(&opts.inputs, opts.size_mb, &corpus_path)?;
    let mb = bytes as f64 / 1e6;
    println!(
        "gazetteer: {} entities, {} aliases ({} trie patterns), load + build {:.3}s",
        gaz.entities.len(),
        gaz.alias_count(),
        gaz.pattern_count(),
        build
    );
    println!(
        "corpus: {mb:.1} MB, {docs} documents ({})",
        corpus_path.display()
    );
    // Each round: the whole runs first, while this process holds no text (a child's peak RSS as the
    // kernel reports it can include pages the parent had when it was spawned), then the texts are
    // read for the two acscan references. The last round keeps them for the raw scan and stages.
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = opts.threads.unwrap_or(cpus);
    let rounds = opts.rounds.max(1);
    let mut by_round: Vec<Vec<Measure>> = Vec::with_capacity(rounds);
    let mut texts = Vec::new();
    for round in 0..rounds {
        let mut measures = Vec::new();
        for n in [1, threads] {
            let out = opts.work_dir.join(format!("bench-out-{n}"));
            measures.push(run_child(exe, &corpus_path, &opts.gazetteers, &out, n)?);
            if threads == 1 {
                break;
            }
        }
        texts = load_texts(std::slice::from_ref(&corpus_path))?;
        match acscan(opts.reference.as_deref(), &texts)? {
            Ok(m) => measures.push(m),
            Err(why) if round == 0 => println!("acscan reference not measured: {why}"),
            Err(_) => {}
        }
        if let (Some(program), Some(names)) = (&opts.acscan_program, &opts.reference) {
            // Like the in-process reference: a program that cannot run costs its line, not the bench.
            match acscan_program(program, names, &texts, &opts.work_dir) {
                Ok(m) => measures.push(m),
                Err(why) if round == 0 => println!("acscan program not measured: {why:#}"),
                Err(_) => {}
            }
        }
        by_round.push(measures);
        if round + 1 < rounds {
            texts = Vec::new();
        }
    }
    let round_ratios = round_ratios(&by_round);
    let mut measures = median_round(&by_round);
    let runs: Vec<Measure> = measures
        .iter()
        .filter(|m| m.peak_rss.is_some())
        .cloned()
        .collect();
    measures.retain(|m| m.peak_rss.is_none());
    let t = Clock::start();
    let mut hits = 0usize;
    for text in &texts {
        hits += gaz.scan(text).count();
    }
    measures.push(t.measure(RAW_SCAN));
    std::hint::black_box(hits);

    let mut sizes = Vec::new();
    if !opts.skip_stages {
        sizes = by_document_size(&gaz, &texts);
        stages(&gaz, texts, &opts.work_dir, &mut measures)?;
    } else {
        drop(texts);
    }

    measures.extend(runs);
    print_report(&measures, mb, docs);
    print_rounds(&round_ratios);
    print_sizes(&sizes, &measures, mb);
    if let Some(path) = &opts.json {
        append_json(
            path,
            &measures,
            &sizes,
            &round_ratios,
            mb,
            docs,
            &gaz,
            build,
        )?;
    }
    Ok(measures)
}

/// Sizes of the one-line documents of [`by_document_size`], in MB.
const LONG_DOCUMENT_MB: [usize; 3] = [1, 8, 32];

/// The analysis of one document at each size of [`LONG_DOCUMENT_MB`] (a single line of the corpus's
/// text, repeated if need be), on one thread: `(MB, measure)`. Every stage must be O(n log n) or
/// better in a document's length, so MB/s should not fall with the size.
fn by_document_size(gaz: &Gazetteer, texts: &[String]) -> Vec<(usize, Measure)> {
    let mut out = Vec::new();
    if texts.iter().all(|t| t.trim().is_empty()) {
        return out;
    }
    for mb in LONG_DOCUMENT_MB {
        let target = mb * 1_000_000;
        let mut line = String::with_capacity(target + 100_000);
        for word in texts.iter().cycle().flat_map(|t| t.split_whitespace()) {
            if line.len() >= target {
                break;
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        let clock = Clock::start();
        let mut doc = Document::from_text("long".into(), String::new(), &line);
        std::hint::black_box(crate::pipeline::run_stages(&mut doc, gaz));
        let mut m = clock.measure(&format!("one-line document of {mb} MB"));
        // Per byte of this document, like every other line's seconds per byte of the corpus.
        let scale = 1.0 / line.len() as f64;
        m.seconds *= scale;
        m.cpu_seconds *= scale;
        out.push((mb, m));
    }
    out
}

fn print_sizes(sizes: &[(usize, Measure)], measures: &[Measure], mb: f64) {
    if sizes.is_empty() {
        return;
    }
    // The headline reference's seconds per byte.
    let reference = headline(measures).map_or(f64::NAN, |(_, s)| s / (mb * 1e6));
    println!("one-line documents by size (1 thread, in process, the declared stages):");
    for (size, m) in sizes {
        println!(
            "  {size:>3} MB: {:>7.1} MB/s by the clock ({:.2}x acscan), {:>7.1} MB/s by CPU time",
            1e-6 / m.seconds,
            reference / m.seconds,
            1e-6 / m.cpu_seconds.max(f64::MIN_POSITIVE)
        );
    }
}

/// The acscan reference, in process: the names file's non-empty lines compiled as acscan compiles
/// them (aho-corasick, leftmost-longest, default settings otherwise) and run over the documents
/// joined as acscan joins files (each followed by a newline), counting matches with an ASCII
/// letter or digit on neither side. `Ok(Err(reason))` when there is no names file to use.
pub fn acscan(names: Option<&Path>, texts: &[String]) -> anyhow::Result<Result<Measure, String>> {
    let Some(names) = names else {
        return Ok(Err("no names file given (--reference)".into()));
    };
    let Ok(list) = std::fs::read_to_string(names) else {
        return Ok(Err(format!("cannot read {}", names.display())));
    };
    let patterns: Vec<&str> = list.lines().filter(|l| !l.is_empty()).collect();
    let ac = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&patterns)
        .context("cannot build the acscan automaton")?;
    let mut text = Vec::with_capacity(texts.iter().map(|t| t.len() + 1).sum());
    for t in texts {
        text.extend_from_slice(t.as_bytes());
        text.push(b'\n');
    }
    let t = Clock::start();
    let mut n = 0usize;
    for m in ac.find_iter(&text) {
        let before = m.start() == 0 || !text[m.start() - 1].is_ascii_alphanumeric();
        let after = m.end() == text.len() || !text[m.end()].is_ascii_alphanumeric();
        n += usize::from(before && after);
    }
    let mut m = t.measure(ACSCAN);
    std::hint::black_box(n);
    // The scan read one newline more per document than the documents hold; the report divides
    // the documents' bytes by every time, so the time is scaled to those bytes.
    let scale = texts.iter().map(String::len).sum::<usize>() as f64 / text.len().max(1) as f64;
    m.seconds *= scale;
    m.cpu_seconds *= scale;
    Ok(Ok(m))
}

/// Wall-clock and CPU time of this thread since [`Clock::start`].
struct Clock {
    wall: Instant,
    cpu: f64,
}

impl Clock {
    fn start() -> Clock {
        Clock {
            wall: Instant::now(),
            cpu: thread_cpu_seconds(),
        }
    }

    fn measure(&self, name: &str) -> Measure {
        Measure {
            name: name.to_owned(),
            seconds: self.wall.elapsed().as_secs_f64(),
            cpu_seconds: thread_cpu_seconds() - self.cpu,
            peak_rss: None,
        }
    }
}

/// CPU seconds this thread has used.
fn thread_cpu_seconds() -> f64 {
    // SAFETY: timespec is plain old data, fully written by clock_gettime on success.
    let mut ts: libc::timespec = unsafe { std::mem::zeroed() };
    // SAFETY: a valid clock id and a valid pointer for the call.
    let r = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if r != 0 {
        return 0.0;
    }
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
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

fn load_texts(inputs: &[PathBuf]) -> anyhow::Result<Vec<String>> {
    let files = corpus::list_inputs(inputs)?;
    let opts = ReadOptions::default();
    Ok(DocumentStream::new(files, opts.clone())
        .map(|p| p.into_document(&opts).text)
        .collect())
}

/// Times each stage of the declared list ([`crate::pipeline::STAGES`], the list `run` runs) on
/// one thread, document by document, then the writing of each document's rows and the merge of its
/// graph. CPU time is measured for the whole pass and shared among the stages by their wall time.
fn stages(
    gaz: &Gazetteer,
    texts: Vec<String>,
    work: &Path,
    out: &mut Vec<Measure>,
) -> anyhow::Result<()> {
    let dir = work.join("bench-stage-csv");
    let mut set = crate::output::OutputSet::open(&dir)?;
    let mut tables = DocumentTables::create(&set)?;
    let mut graph = Graph::default();
    // Seconds reading, in each stage, writing.
    let mut wall = vec![0.0; STAGES.len() + 2];
    let pass = Clock::start();
    for (n, text) in texts.into_iter().enumerate() {
        let t = Instant::now();
        let mut doc = Document::from_text(n.to_string(), String::new(), &text);
        drop(text);
        wall[0] += t.elapsed().as_secs_f64();
        let mut w = Work::new(&mut doc, gaz);
        for (k, stage) in STAGES.iter().enumerate() {
            let t = Instant::now();
            (stage.run)(&mut w);
            wall[k + 1] += t.elapsed().as_secs_f64();
        }
        let t = Instant::now();
        let mut a = w.into_stages().into_analysis(doc);
        let rec = DocRecord::of(&a, gaz);
        tables.write(&rec.id, rec.status, &rec.reasons.join("; "), &rec)?;
        graph.merge_doc(std::mem::take(&mut a.graph), gaz, n as u64);
        wall[STAGES.len() + 1] += t.elapsed().as_secs_f64();
    }
    tables.finish(&mut set)?;
    drop(set);
    let total = pass.measure("");
    let names = std::iter::once("normalise".to_string())
        .chain(STAGES.iter().map(|s| s.name.to_string()))
        .chain(std::iter::once("rows, CSV and graph merge".to_string()));
    let sum: f64 = wall.iter().sum();
    for (name, seconds) in names.zip(wall) {
        out.push(Measure {
            name: format!("stage: {name}"),
            seconds,
            cpu_seconds: total.cpu_seconds * seconds / sum.max(f64::MIN_POSITIVE),
            peak_rss: None,
        });
    }
    Ok(())
}

/// Runs `claimgraph run` as a child; returns its wall and CPU seconds and its peak RSS.
fn run_child(
    exe: &Path,
    corpus: &Path,
    gazetteers: &Path,
    out: &Path,
    threads: usize,
) -> anyhow::Result<Measure> {
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
    let (status, usage) = wait_with_rusage(child.id() as i32)?;
    let seconds = t.elapsed().as_secs_f64();
    anyhow::ensure!(status == 0, "claimgraph run exited with status {status}");
    let time = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    Ok(Measure {
        name: format!(
            "whole run ({threads} thread{})",
            if threads == 1 { "" } else { "s" }
        ),
        seconds,
        cpu_seconds: time(usage.ru_utime) + time(usage.ru_stime),
        peak_rss: Some(usage.ru_maxrss as u64 * 1024),
    })
}

/// Waits for a child and returns its exit status and the kernel's accounting of its resources.
fn wait_with_rusage(pid: i32) -> anyhow::Result<(i32, libc::rusage)> {
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
    Ok((code, usage))
}

/// Whether this binary is the documented bench build: profile-guided, in the `dist` profile.
fn is_bench_build() -> bool {
    BUILD.starts_with("profile dist,") && BUILD.contains("PGO (profile-use)")
}

/// [`BUILD`] in a few words for the ratio line: the profile and PGO or not.
fn short_build() -> String {
    let profile = BUILD.split(',').next().unwrap_or(BUILD);
    let pgo = if BUILD.contains("PGO (profile-use)") {
        "PGO"
    } else {
        "no PGO"
    };
    format!("{profile}, {pgo}")
}

/// Runs the acscan program (`acscan NAMES DIR`) over the texts joined as [`acscan`] joins them,
/// written to one file of `work/acscan-text/`; its wall seconds, from the MB/s it prints, are
/// scaled to the documents' bytes like [`acscan`]'s. CPU time: not measured (NaN).
fn acscan_program(
    program: &Path,
    names: &Path,
    texts: &[String],
    work: &Path,
) -> anyhow::Result<Measure> {
    let dir = work.join("acscan-text");
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut file = std::io::BufWriter::new(std::fs::File::create(dir.join("corpus.txt"))?);
    for t in texts {
        file.write_all(t.as_bytes())?;
        file.write_all(b"\n")?;
    }
    file.flush()?;
    drop(file);
    let output = Command::new(program)
        .arg(names)
        .arg(&dir)
        .output()
        .with_context(|| format!("cannot start {}", program.display()))?;
    anyhow::ensure!(
        output.status.success(),
        "{} failed: {}",
        program.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    // `patterns N build_s S bytes B scan_MBps X matches M`
    let line = String::from_utf8_lossy(&output.stdout);
    let field = |key: &str| -> Option<f64> {
        let mut words = line.split_whitespace();
        words.find(|w| *w == key)?;
        words.next()?.parse().ok()
    };
    let Some(mbps) = field("scan_MBps") else {
        anyhow::bail!("cannot read {}'s output: {line}", program.display());
    };
    // It scanned one newline more per document at `mbps`: the documents' bytes at the same rate.
    let bytes = texts.iter().map(String::len).sum::<usize>() as f64;
    Ok(Measure {
        name: ACSCAN_PROGRAM.to_owned(),
        seconds: bytes / (mbps * 1e6),
        cpu_seconds: f64::NAN,
        peak_rss: None,
    })
}

/// Each measure's median round by wall seconds (for an even count of rounds, the slower of the two
/// middle ones), in the order of the first round. Its peak RSS is the first round's: later rounds
/// start their runs after this process has read the texts, and the kernel's peak for a child can
/// include pages of its parent.
fn median_round(by_round: &[Vec<Measure>]) -> Vec<Measure> {
    let Some(first) = by_round.first() else {
        return Vec::new();
    };
    first
        .iter()
        .map(|m| {
            let mut same: Vec<&Measure> = by_round
                .iter()
                .filter_map(|round| round.iter().find(|r| r.name == m.name))
                .collect();
            same.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
            let mut median = same[same.len() / 2].clone();
            median.peak_rss = m.peak_rss;
            median
        })
        .collect()
}

/// The headline ratio of each round: the whole run on 1 thread against the reference of
/// [`headline`] measured in the same round (empty when either is missing).
fn round_ratios(by_round: &[Vec<Measure>]) -> Vec<f64> {
    by_round
        .iter()
        .filter_map(|round| {
            let (_, reference) = headline(round)?;
            let one = round.iter().find(|m| m.peak_rss.is_some())?;
            Some(reference / one.seconds)
        })
        .collect()
}

/// One line of the headline ratio per round, when there was more than one.
fn print_rounds(ratios: &[f64]) {
    if ratios.len() < 2 {
        return;
    }
    let each: Vec<String> = ratios.iter().map(|r| format!("{r:.2}x")).collect();
    let mut sorted = ratios.to_vec();
    sorted.sort_by(f64::total_cmp);
    println!(
        "rounds: {} (whole run (1 thread) / reference of the same round: {}; median {:.2}x); the table gives each measure's median round, peak RSS the first round's",
        ratios.len(),
        each.join(", "),
        sorted[sorted.len() / 2]
    );
}

/// Wall seconds of the named measure.
fn seconds_of(measures: &[Measure], name: &str) -> Option<f64> {
    measures.iter().find(|m| m.name == name).map(|m| m.seconds)
}

/// The denominator of the report's ratios, `(name, wall seconds)`: acscan's own program when it was
/// measured (built with its own settings, so a layout this build gives the in-process copy of its
/// code cannot flatter or spoil the ratio), else the in-process reference.
fn headline(measures: &[Measure]) -> Option<(&'static str, f64)> {
    [ACSCAN_PROGRAM, ACSCAN]
        .into_iter()
        .find_map(|name| Some((name, seconds_of(measures, name)?)))
}

fn print_report(measures: &[Measure], mb: f64, docs: usize) {
    let raw = seconds_of(measures, RAW_SCAN).unwrap_or(f64::NAN);
    let (reference_name, reference) = headline(measures).unwrap_or((ACSCAN, f64::NAN));
    println!("ratios \"vs acscan\" are to the {reference_name}");
    println!(
        "{:<36} {:>9} {:>9} {:>10} {:>11} {:>10} {:>9} {:>10}",
        "measure", "seconds", "cpu s", "MB/s", "docs/s", "vs acscan", "vs raw", "peak RSS"
    );
    for m in measures {
        println!(
            "{:<36} {:>9.3} {:>9.3} {:>10.1} {:>11.0} {:>9.2}x {:>8.2}x {:>10}",
            m.name,
            m.seconds,
            m.cpu_seconds,
            mb / m.seconds,
            docs as f64 / m.seconds,
            reference / m.seconds,
            raw / m.seconds,
            m.peak_rss
                .map(|b| format!("{:.0} MB", b as f64 / 1e6))
                .unwrap_or_default()
        );
    }
    let runs: Vec<&Measure> = measures.iter().filter(|m| m.peak_rss.is_some()).collect();
    let Some(one) = runs.first() else {
        return;
    };
    let in_process = seconds_of(measures, ACSCAN).unwrap_or(f64::NAN);
    let cpu_in_process = measures
        .iter()
        .find(|m| m.name == ACSCAN)
        .map_or(f64::NAN, |m| m.cpu_seconds);
    let secondary = format!(
        "{:.2}x by the clock, {:.2}x by CPU time; / raw scan: {:.2}x",
        in_process / one.seconds,
        cpu_in_process / one.cpu_seconds,
        raw / one.seconds,
    );
    if reference_name == ACSCAN_PROGRAM {
        // The headline first: the program's CPU time is not known, so by the clock only.
        println!(
            "whole run (1 thread) / acscan program (own build): {:.2}x by the clock [{}]",
            reference / one.seconds,
            short_build()
        );
        println!(
            "  secondary, / in-process acscan reference (compiled in this build): {secondary}"
        );
    } else {
        println!(
            "whole run (1 thread) / in-process acscan reference: {secondary} [{}]",
            short_build()
        );
    }
    if let Some(many) = runs.get(1) {
        println!(
            "speed-up on {}: {:.2}x",
            many.name
                .trim_start_matches("whole run (")
                .trim_end_matches(')'),
            one.seconds / many.seconds
        );
    }
    // The clock counts the time spent waiting for a core, which CPU time does not.
    if let Some(load) = load_average() {
        println!(
            "load average {load:.2} on {} cores: when it exceeds the cores, read the CPU-time ratio",
            std::thread::available_parallelism().map_or(1, |n| n.get())
        );
    }
}

/// The one-minute load average (Linux), to say how busy the machine was.
fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

// One JSON line holds every figure of the bench: each argument is one of them.
#[allow(clippy::too_many_arguments)]
fn append_json(
    path: &Path,
    measures: &[Measure],
    sizes: &[(usize, Measure)],
    round_ratios: &[f64],
    mb: f64,
    docs: usize,
    gaz: &Gazetteer,
    build: f64,
) -> anyhow::Result<()> {
    let raw = seconds_of(measures, RAW_SCAN);
    let reference = headline(measures);
    let in_process = seconds_of(measures, ACSCAN);
    let rows: Vec<serde_json::Value> = measures
        .iter()
        .map(|m| {
            serde_json::json!({
                "name": m.name, "seconds": m.seconds, "cpu_seconds": m.cpu_seconds,
                "mb_per_s": mb / m.seconds, "docs_per_s": docs as f64 / m.seconds,
                "vs_acscan": reference.map(|(_, r)| r / m.seconds),
                "vs_acscan_in_process": in_process.map(|r| r / m.seconds),
                "vs_raw": raw.map(|r| r / m.seconds),
                "peak_rss_bytes": m.peak_rss,
            })
        })
        .collect();
    let by_size: Vec<serde_json::Value> = sizes
        .iter()
        .map(|(size, m)| {
            serde_json::json!({
                "document_mb": size, "mb_per_s": 1e-6 / m.seconds,
                "cpu_mb_per_s": 1e-6 / m.cpu_seconds.max(f64::MIN_POSITIVE),
            })
        })
        .collect();
    let line = serde_json::json!({
        "build": BUILD, "vs_acscan_is_to": reference.map(|(name, _)| name), "corpus_mb": mb, "documents": docs, "gazetteer_entities": gaz.entities.len(),
        "gazetteer_aliases": gaz.alias_count(),
        "gazetteer_patterns": gaz.pattern_count(), "gazetteer_build_s": build, "measures": rows,
        "one_line_documents": by_size, "rounds": round_ratios.len().max(1), "round_ratios": round_ratios,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn measure(name: &str, seconds: f64, rss: Option<u64>) -> Measure {
        Measure {
            name: name.to_owned(),
            seconds,
            cpu_seconds: seconds,
            peak_rss: rss,
        }
    }

    #[test]
    fn rounds_give_each_measure_its_median_and_each_round_its_ratio() {
        let round = |whole: f64, acscan: f64, rss: u64| {
            vec![
                measure("whole run (1 thread)", whole, Some(rss)),
                measure(ACSCAN_PROGRAM, acscan, None),
            ]
        };
        let rounds = [
            round(4.0, 2.0, 100),
            round(5.0, 2.0, 300),
            round(3.0, 1.8, 200),
        ];
        let median = median_round(&rounds);
        assert_eq!(median.len(), 2);
        assert_eq!(median[0].name, "whole run (1 thread)");
        assert_eq!(median[0].seconds, 4.0);
        // The first round's peak: later rounds start after the bench has read the texts.
        assert_eq!(median[0].peak_rss, Some(100));
        assert_eq!(median[1].seconds, 2.0);
        let ratios = round_ratios(&rounds);
        assert_eq!(ratios, vec![0.5, 0.4, 0.6]);
        // Two rounds: the slower of the middle two.
        assert_eq!(median_round(&rounds[..2])[0].seconds, 5.0);
    }

    #[test]
    fn the_build_is_described() {
        // build.rs: the profile's folder, its opt-level, and PGO or not.
        assert!(BUILD.starts_with("profile "), "{BUILD}");
        assert!(BUILD.contains(", opt-level "), "{BUILD}");
        assert!(BUILD.contains("PGO"), "{BUILD}");
        assert!(short_build().starts_with("profile "));
    }

    #[test]
    fn the_acscan_program_is_read_by_its_mb_per_second() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let program = dir.path().join("acscan");
        std::fs::write(
            &program,
            "#!/bin/sh\necho patterns 3 build_s 0.100 bytes 12 scan_MBps 2.0 matches 1\n",
        )
        .unwrap();
        std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
        let texts = ["Paris".to_string(), "Rome".to_string()];
        let m = acscan_program(&program, Path::new("names"), &texts, dir.path()).unwrap();
        assert_eq!(m.name, ACSCAN_PROGRAM);
        // 9 bytes of documents at 2 MB/s.
        assert!((m.seconds - 9.0 / 2e6).abs() < 1e-12, "{}", m.seconds);
        let written = std::fs::read_to_string(dir.path().join("acscan-text/corpus.txt")).unwrap();
        assert_eq!(written, "Paris\nRome\n");
    }
}
