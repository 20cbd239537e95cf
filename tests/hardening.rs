//! Regressions for the hardening issue: inputs, neighbours or failures that once crashed a run,
//! hung it, or left a mixed set of outputs. Each test reproduces the original failure.

mod common;
use common::*;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Defect 1: a document ending "…, he said" with no full stop panicked the claims engine and took
/// the whole run down (exit 101, no outputs).
#[test]
fn a_document_ending_he_said_without_a_full_stop() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    fs::write(&input, "It was a mistake, he said").unwrap();
    let out = dir.path().join("out");
    run_into(&input, &out, &[]);
    let claims = read_csv(&out.join("claims.csv"));
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0]["text"], "It was a mistake");
    assert_eq!(claims[0]["rule"], "clause_then_cue");
}

/// An opening "In a … poll," as a document's last words: the participle test after its comma read
/// one token past the document's end and the claims engine panicked, costing the document
/// (reviewer31, since 039b522).
#[test]
fn a_document_ending_in_an_opening_poll_phrase() {
    for text in [
        "In a poll, ",
        "Voters spoke. In the poll, ",
        "So in a survey,\n\n",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("a.txt");
        fs::write(&input, text).unwrap();
        let out = dir.path().join("out");
        run_into(&input, &out, &[]);
        let docs = read_csv(&out.join("documents.csv"));
        assert_eq!(docs.len(), 1, "{text:?}: {docs:?}");
        assert_eq!(docs[0]["status"], "ok", "{text:?}: {docs:?}");
    }
}

/// Defect 1, the general case: a panic inside one document's analysis costs that document only. It
/// is listed as skipped with the stage and message, everything else is written, and the run exits
/// non-zero asking for a bug report. `CLAIMGRAPH_INJECT_PANIC` makes a chosen stage panic.
#[test]
fn a_panic_in_one_document_costs_that_document_not_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(&input).unwrap();
    for f in fs::read_dir(repo().join("seeds")).unwrap() {
        let f = f.unwrap().path();
        fs::copy(&f, input.join(f.file_name().unwrap())).unwrap();
    }
    fs::write(
        input.join("zz.jsonl"),
        "{\"id\":\"row\",\"text\":\"Iran said so.\"}\n",
    )
    .unwrap();
    for stage in [
        "sentences and tokens",
        "entity discovery",
        "claims",
        "graph",
    ] {
        let out = dir.path().join("out");
        let result = Command::new(env!("CARGO_BIN_EXE_claimgraph"))
            .args(run_args(&input, &out, &[]))
            .env(
                "CLAIMGRAPH_INJECT_PANIC",
                format!("{stage}:000_a6784129de98afe4"),
            )
            .current_dir(repo())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(1), "{stage}: {stderr}");
        assert!(
            stderr.contains("1 document(s) hit an internal error"),
            "{stderr}"
        );
        assert!(stderr.contains("000_a6784129de98afe4"), "{stderr}");
        assert!(stderr.contains("please report it"), "{stderr}");
        assert!(
            !stderr.contains("panicked at"),
            "no backtrace noise: {stderr}"
        );
        let docs = read_csv(&out.join("documents.csv"));
        assert_eq!(docs.len(), 3, "{docs:?}");
        let failed = &docs[0];
        assert_eq!(failed["status"], "skipped");
        assert!(
            failed["reason"].starts_with(&format!(
                "internal error in {stage}: injected by CLAIMGRAPH_INJECT_PANIC at src/"
            )),
            "{failed:?}"
        );
        assert_eq!(failed["chars"], "3943", "the text is still counted");
        assert_eq!(docs[1]["status"], "ok");
        assert!(docs[1]["mentions"].parse::<usize>().unwrap() > 50);
        assert_eq!(docs[2]["doc_id"], "row");
        let mentions = read_csv(&out.join("mentions.csv"));
        assert!(mentions
            .iter()
            .all(|m| m["doc_id"] != "000_a6784129de98afe4"));
        for f in [
            "claims.csv",
            "entities.csv",
            "edges.csv",
            "graph.gexf",
            "report.html",
        ] {
            assert!(out.join(f).exists(), "{f} written");
        }
        fs::remove_dir_all(&out).unwrap();
    }
}

/// Every file in `dir` (hidden ones included) with its bytes, sorted by name.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            (name, fs::read(e.path()).unwrap_or_default())
        })
        .collect()
}

/// Asserts that `dir` holds exactly the files of `before`, byte for byte.
fn assert_unchanged(dir: &Path, before: &BTreeMap<String, Vec<u8>>) {
    let after = snapshot(dir);
    let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&after),
        names(before),
        "the same files, and no others"
    );
    for (name, bytes) in before {
        assert!(after[name] == *bytes, "{name} changed");
    }
}

/// A folder holding one seed article, for a small first run.
fn one_seed(dir: &Path) -> PathBuf {
    let input = dir.join("one");
    fs::create_dir_all(&input).unwrap();
    let seed = fs::read_dir(repo().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap();
    fs::copy(&seed, input.join(seed.file_name().unwrap())).unwrap();
    input
}

/// Defect 2: two runs into the same --out wrote the same fixed temporary names at once and mixed
/// their rows (documents.csv of 2,117 rows after runs of 2,095 and 500 documents, rows of the wrong
/// width in mentions.csv and claims.csv), or one failed renaming the other's file away. Now a run
/// holds a lock on the folder: a second one fails at once, naming the first one's pid, and leaves
/// the outputs alone.
#[test]
fn a_second_run_into_the_same_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run_into(&one_seed(dir.path()), &out, &[]);
    let before = snapshot(&out);
    // This test process plays the first run: it holds the folder as `run` does.
    let first = claimgraph::output::OutputSet::open(&out).unwrap();
    let err = claimgraph_fails(&run_args(&repo().join("seeds"), &out, &[]));
    let want = format!(
        "{} is being written by another claimgraph run, pid {}",
        out.display(),
        std::process::id()
    );
    assert!(err.contains(&want), "{err}");
    assert!(
        !err.contains("gazetteer:"),
        "refused before any work: {err}"
    );
    drop(first);
    assert_unchanged(&out, &before);
    // Once the first writer is done, the next run goes ahead.
    run_into(&repo().join("seeds"), &out, &[]);
    assert_eq!(read_csv(&out.join("documents.csv")).len(), 2);
}

/// Runs `claimgraph run INPUT --out OUT` with files limited to `max_bytes` (RLIMIT_FSIZE, with
/// SIGXFSZ ignored, so a write past the limit fails with EFBIG as a full disk fails with ENOSPC);
/// returns the exit status and stderr.
fn run_with_file_size_limit(input: &Path, out: &Path, max_bytes: u64) -> (Option<i32>, String) {
    use std::os::unix::process::CommandExt;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimgraph"));
    cmd.args(run_args(input, out, &[])).current_dir(repo());
    // SAFETY: only async-signal-safe calls (setrlimit, signal) between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: max_bytes as libc::rlim_t,
                rlim_max: max_bytes as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            Ok(())
        });
    }
    let result = cmd.output().unwrap();
    (
        result.status.code(),
        String::from_utf8_lossy(&result.stderr).into_owned(),
    )
}

/// Defect 3: outputs were renamed into place one by one, so a write that failed late (a full disk
/// while writing graph.gexf) left the new CSVs beside the old graph.gexf and report.html. Now every
/// output is written under a temporary name first and they replace the previous set together: a
/// failed write leaves the previous outputs exactly as they were, removes its temporary files and
/// names the file and the cause.
#[test]
fn a_failed_write_leaves_the_previous_outputs_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run_into(&one_seed(dir.path()), &out, &[]);
    let before = snapshot(&out);
    // On the two seeds every CSV is under 16 KB, graph.gexf and report.html over 32 KB; graph.gexf
    // is written after the CSVs, which the old writer had already renamed into place.
    let (code, err) = run_with_file_size_limit(&repo().join("seeds"), &out, 32 << 10);
    assert_eq!(code, Some(1), "{err}");
    let want = format!(
        "File too large while writing {}",
        out.join("graph.gexf").display()
    );
    assert!(err.contains(&want), "{err}");
    assert_unchanged(&out, &before);
    // Without the limit the same run replaces the whole set.
    run_into(&repo().join("seeds"), &out, &[]);
    assert_eq!(read_csv(&out.join("documents.csv")).len(), 2);
}

/// The `.claimgraph-…` temporary and backup files in `dir`.
fn temporaries(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".claimgraph-"))
                .collect()
        })
        .unwrap_or_default()
}

/// Defect 4 (second half): a run stopped with SIGINT or SIGTERM left its temporary files behind.
/// Now the signal removes them and still ends the process as the signal does.
#[test]
fn sigint_and_sigterm_remove_temporary_files() {
    use std::io::Write;
    use std::os::unix::process::ExitStatusExt;
    for signal in [libc::SIGINT, libc::SIGTERM] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        // Reading standard input that never ends keeps the run waiting with its outputs open.
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimgraph"))
            .args(["run", "-", "--out", out.to_str().unwrap(), "--quiet"])
            .current_dir(repo())
            .stdin(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"{\"text\":\"Iran said so.\"}\n").unwrap();
        while temporaries(&out).len() < 3 {
            assert!(child.try_wait().unwrap().is_none(), "the run ended early");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        // SAFETY: sends a signal to the child this test started.
        assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, signal) }, 0);
        let status = child.wait().unwrap();
        drop(stdin);
        assert_eq!(status.signal(), Some(signal), "{status:?}");
        assert_eq!(temporaries(&out), Vec::<String>::new());
    }
}

/// Runs [`run_watched`] (confined) with the folder `locked` made unreadable (mode 000) for the run
/// and readable again afterwards, so the temporary folder can be removed.
fn run_with_locked_folder(
    input: &Path,
    locked: &Path,
    out: &Path,
) -> Option<(Option<i32>, String)> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(locked, fs::Permissions::from_mode(0o000)).unwrap();
    let result = run_watched(input, out, true);
    fs::set_permissions(locked, fs::Permissions::from_mode(0o755)).unwrap();
    result
}

/// Runs `claimgraph run INPUT --out OUT --quiet` as a child process. With `confined`, it cannot
/// bypass file permissions even as root (CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH are dropped from
/// its bounding set, so a folder with mode 000 is unreadable to it as to anyone else). A run still
/// going after ten minutes counts as hung: it is killed and the test fails. Returns (exit code,
/// stderr); None when this process may not drop the capabilities (the caller skips, saying why).
fn run_watched(input: &Path, out: &Path, confined: bool) -> Option<(Option<i32>, String)> {
    use std::os::unix::process::CommandExt;
    // SAFETY: geteuid has no preconditions.
    let root = confined && unsafe { libc::geteuid() } == 0;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimgraph"));
    cmd.args(run_args(input, out, &[]))
        .current_dir(repo())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    if root {
        // SAFETY: prctl is async-signal-safe; nothing else runs between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                // CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (linux/capability.h).
                for cap in [1 as libc::c_ulong, 2] {
                    if libc::prctl(libc::PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                }
                Ok(())
            });
        }
    }
    let mut child = match cmd.spawn() {
        Ok(child) => child,
        Err(e) if root => {
            claimgraph::testing::skip(&format!(
                "cannot drop CAP_DAC_OVERRIDE to make a folder unreadable: {e}"
            ));
            return None;
        }
        Err(e) => panic!("cannot start claimgraph: {e}"),
    };
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(600) {
            child.kill().unwrap();
            panic!("claimgraph run {} hung", input.display());
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let result = child.wait_with_output().unwrap();
    Some((
        result.status.code(),
        String::from_utf8_lossy(&result.stderr).into_owned(),
    ))
}

/// The named columns of every documents.csv row, in row order.
fn columns<const N: usize>(out: &Path, names: [&str; N]) -> Vec<[String; N]> {
    read_csv(&out.join("documents.csv"))
        .into_iter()
        .map(|r| names.map(|k| r[k].clone()))
        .collect()
}

/// documents.csv rows as (doc_id, status, reason).
fn statuses(out: &Path) -> Vec<(String, String, String)> {
    columns(out, ["doc_id", "status", "reason"])
        .into_iter()
        .map(|[id, status, reason]| (id, status, reason))
        .collect()
}

/// Defect 4: a FIFO named `*.txt` in an input folder hung the run forever (opening it waits for a
/// writer); a socket or a link to a device was opened too. Only regular files are read from a
/// folder now; the others are listed as skipped. A FIFO named on the command line is still read.
#[test]
fn fifos_sockets_and_devices_in_a_folder_are_listed_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(&input).unwrap();
    fs::write(input.join("b.txt"), "Iran said so.").unwrap();
    let fifo = std::ffi::CString::new(input.join("a.txt").to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let _socket = std::os::unix::net::UnixListener::bind(input.join("c.txt")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", input.join("z.txt")).unwrap();
    let out = dir.path().join("out");
    let (code, err) = run_watched(&input, &out, false).unwrap();
    assert_eq!(code, Some(0), "{err}");
    let why = |kind: &str| {
        format!("not a regular file ({kind}); only regular files are read from a folder")
    };
    let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        statuses(&out),
        [
            s("a", "skipped", &why("a FIFO")),
            s("b", "ok", ""),
            s("c", "skipped", &why("a socket")),
            s("z", "skipped", &why("a device")),
        ]
    );
    // Named on the command line, a FIFO is read: that is how `claimgraph run <(zcat …)` works.
    let writer = {
        let fifo = input.join("a.txt");
        std::thread::spawn(move || fs::write(fifo, "Israel said so.").unwrap())
    };
    run_into(&input.join("a.txt"), &out, &[]);
    writer.join().unwrap();
    assert_eq!(statuses(&out), [s("a", "ok", "")]);
}

/// Defect 5: one subfolder that could not be listed aborted the whole run ("cannot list …:
/// Permission denied"). It is now listed in documents.csv with its path and the reason, and every
/// other document is analysed.
#[test]
fn an_unreadable_subfolder_is_listed_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(input.join("locked")).unwrap();
    fs::write(input.join("locked/hidden.txt"), "Iran said so.").unwrap();
    fs::write(input.join("open.txt"), "Israel said so.").unwrap();
    let out = dir.path().join("out");
    let result = run_with_locked_folder(&input, &input.join("locked"), &out);
    let Some((code, err)) = result else { return };
    assert_eq!(code, Some(0), "{err}");
    let docs = read_csv(&out.join("documents.csv"));
    assert_eq!(docs.len(), 2, "{docs:?}");
    assert_eq!(docs[0]["doc_id"], "locked");
    assert_eq!(docs[0]["path"], input.join("locked").display().to_string());
    assert_eq!(docs[0]["status"], "skipped");
    assert!(
        docs[0]["reason"].starts_with("cannot list folder: Permission denied"),
        "{docs:?}"
    );
    assert_eq!(
        (docs[1]["doc_id"].as_str(), docs[1]["status"].as_str()),
        ("open", "ok")
    );
}

/// Defect 7: `networkx.read_gexf` failed on graph.gexf ("Directed edge found in undirected graph"):
/// the graph is mixed (undirected co-occurrence, directed claim edges), which Gephi reads and
/// networkx cannot. `--gexf-edges directed` writes each co-occurrence edge in both directions, and
/// networkx's stock reader loads it with every attribute. (igraph has no GEXF reader and graph-tool
/// is not on PyPI: the README says so.) Skipped without networkx, except under CI.
#[test]
fn networkx_read_gexf_loads_the_directed_graph() {
    let probe = Command::new("python3")
        .args(["-c", "import networkx"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        claimgraph::testing::skip("python3 with networkx is not installed (pip install networkx)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let read = |style: &str| {
        let out = dir.path().join(style);
        run_into(
            &repo().join("seeds"),
            &out,
            &["--formats", "gexf", "--gexf-edges", style],
        );
        Command::new("python3")
            .args(["-c", NETWORKX_CHECK])
            .arg(out.join("graph.gexf"))
            .output()
            .unwrap()
    };
    let mixed = read("mixed");
    assert!(
        String::from_utf8_lossy(&mixed.stderr).contains("Directed edge found in undirected graph"),
        "the mixed graph is the one networkx refuses (the README says so); if networkx now reads \
         it, update the README: {}",
        String::from_utf8_lossy(&mixed.stderr)
    );
    let directed = read("directed");
    assert!(
        directed.status.success(),
        "networkx.read_gexf could not read the directed graph.gexf:\n{}",
        String::from_utf8_lossy(&directed.stderr)
    );
}

/// Loads graph.gexf with `networkx.read_gexf` as it ships and checks what Gephi users rely on.
const NETWORKX_CHECK: &str = r#"
import sys
import networkx as nx
G = nx.read_gexf(sys.argv[1])
assert G.is_directed() and G.is_multigraph(), type(G)
assert G.graph["mode"] == "dynamic", G.graph
parsi = G.nodes["person:trita-parsi"]
assert parsi["type"] == "person" and parsi["mentions"] >= 3, parsi
assert parsi["viz"]["color"]["r"] == 225, parsi
assert "iso3166:IR" in G.nodes["place:iran"]["external_ids"].split("|"), G.nodes["place:iran"]
kinds = {d["kind"] for _, _, d in G.edges(data=True)}
assert kinds == {"co_occurrence", "claims_about", "affiliated_with"}, kinds
assert any(d.get("spells") for _, d in G.nodes(data=True)), "no spells"
co = {(u, v): d["weight"] for u, v, d in G.edges(data=True) if d["kind"] == "co_occurrence"}
assert co and all(co.get((v, u)) == w for (u, v), w in co.items()), "co_occurrence both ways"
claims = {(u, v) for u, v, d in G.edges(data=True) if d["kind"] == "claims_about"}
assert any((v, u) not in claims for u, v in claims), "claims_about keeps its direction"
print(G.number_of_nodes(), "nodes", G.number_of_edges(), "edges")
"#;

/// Defect 10: the formula guard could not always be undone. A cell really starting with `'=` was
/// written unchanged, so the README's "strip one leading `'`" turned it into `=`. Now such cells
/// get one more apostrophe, and the documented rule — strip one `'` from cells matching
/// `^'+[=+\-@\t\r]` — gives back every text, for every guarded character, behind 0, 1 or 2
/// apostrophes, and leaves alone cells that merely start with an apostrophe.
#[test]
fn the_formula_guard_round_trips_every_guarded_character() {
    let mut ids: Vec<String> = Vec::new();
    for c in ['=', '+', '-', '@', '\t', '\r'] {
        for quotes in ["", "'", "''"] {
            ids.push(format!("{quotes}{c}1+2"));
        }
    }
    ids.extend(["'Golden period' ends", "'", "''", "plain"].map(String::from));
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("rows.jsonl");
    let lines: Vec<String> = ids
        .iter()
        .map(|id| serde_json::json!({"id": id, "text": "Iran said so."}).to_string())
        .collect();
    fs::write(&input, lines.join("\n") + "\n").unwrap();
    let out = dir.path().join("out");
    run_into(&input, &out, &["--formats", "csv"]);
    // The rule as the README states it.
    let undo = |cell: &str| -> String {
        let guarded = cell.starts_with('\'')
            && cell
                .trim_start_matches('\'')
                .starts_with(['=', '+', '-', '@', '\t', '\r']);
        if guarded {
            cell[1..].to_string()
        } else {
            cell.to_string()
        }
    };
    let written: Vec<String> = read_csv(&out.join("documents.csv"))
        .iter()
        .map(|r| r["doc_id"].clone())
        .collect();
    assert_eq!(written.len(), ids.len());
    for (cell, id) in written.iter().zip(&ids) {
        assert_eq!(&undo(cell), id, "cell {cell:?}");
        // Still neutralised: no cell starts with a formula character.
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{cell:?}"
        );
    }
    assert_eq!(written[ids.len() - 4], "'Golden period' ends", "left alone");
}

/// `rows` JSONL documents, gzip-compressed.
fn gzipped_jsonl(rows: usize) -> Vec<u8> {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for i in 0..rows {
        let text = format!("Row {i}: Iran said the talks with Israel would resume. ").repeat(20);
        let row = serde_json::json!({"id": format!("r{i}"), "text": text});
        writeln!(gz, "{row}").unwrap();
    }
    gz.finish().unwrap()
}

/// Defect 11: a gzip file damaged mid-stream fed the documents before the damage (140 of 300
/// rows, the last ones possibly garbage) into the outputs before the checksum error stopped it. A
/// .gz file is now verified by a first decompression pass: a damaged one is one skipped row saying
/// why, and nothing of it is analysed. Gzip on standard input is recognised by its magic bytes
/// (before, `cat x.jsonl.gz | claimgraph run -` read the compressed bytes as JSONL) and verified
/// the same way.
#[test]
fn a_damaged_gzip_file_is_skipped_whole() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(&input).unwrap();
    let good = gzipped_jsonl(300);
    let mut damaged = good.clone();
    let middle = damaged.len() / 2;
    for b in &mut damaged[middle..middle + 64] {
        *b ^= 0x5a;
    }
    fs::write(input.join("damaged.jsonl.gz"), &damaged).unwrap();
    fs::write(input.join("short.jsonl.gz"), &good[..good.len() * 2 / 3]).unwrap();
    fs::write(input.join("whole.jsonl.gz"), &good).unwrap();
    let out = dir.path().join("out");
    run_into(&input, &out, &["--formats", "csv"]);
    let docs = read_csv(&out.join("documents.csv"));
    let of = |file: &str| -> Vec<&HashMap<String, String>> {
        docs.iter()
            .filter(|d| d["path"].starts_with(input.join(file).to_str().unwrap()))
            .collect()
    };
    for file in ["damaged.jsonl.gz", "short.jsonl.gz"] {
        let rows = of(file);
        assert_eq!(rows.len(), 1, "{file}: {rows:?}");
        assert_eq!(rows[0]["status"], "skipped");
        assert!(
            rows[0]["reason"].starts_with("corrupt gzip data (")
                && rows[0]["reason"].ends_with("); nothing was read from it"),
            "{rows:?}"
        );
    }
    assert_eq!(of("whole.jsonl.gz").len(), 300);
    let whole: Vec<&str> = of("whole.jsonl.gz")
        .iter()
        .map(|d| d["doc_id"].as_str())
        .collect();
    let mentions = read_csv(&out.join("mentions.csv"));
    assert!(!mentions.is_empty());
    assert!(
        mentions
            .iter()
            .all(|m| whole.contains(&m["doc_id"].as_str())),
        "only the whole file's documents were analysed"
    );

    // The same bytes on standard input.
    for (bytes, want_rows, want_status) in [(&good, 300, "ok"), (&damaged, 1, "skipped")] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimgraph"))
            .args(run_args(Path::new("-"), &out, &["--formats", "csv"]))
            .current_dir(repo())
            .stdin(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let bytes = bytes.clone();
        let feeder = std::thread::spawn(move || {
            use std::io::Write;
            stdin.write_all(&bytes).unwrap();
        });
        let result = child.wait_with_output().unwrap();
        feeder.join().unwrap();
        assert!(result.status.success(), "{result:?}");
        let docs = read_csv(&out.join("documents.csv"));
        assert_eq!(docs.len(), want_rows);
        assert!(docs.iter().all(|d| d["status"] == want_status), "{docs:?}");
    }
}

/// `text` in UTF-16 (little endian unless `big`) with its byte-order mark.
fn utf16(text: &str, big: bool) -> Vec<u8> {
    let mut bytes = if big {
        vec![0xfe, 0xff]
    } else {
        vec![0xff, 0xfe]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if big {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

/// documents.csv rows as (doc_id, status, reason, chars).
fn rows(out: &Path) -> Vec<[String; 4]> {
    columns(out, ["doc_id", "status", "reason", "chars"])
}

/// Defect 9: a UTF-8 byte-order mark at the start of a JSONL file made its first row "invalid JSON",
/// and UTF-16 files with a byte-order mark were skipped as "binary file (NUL byte at offset 2)".
/// The mark is dropped now, and UTF-16 (little or big endian) is decoded, with a warning saying
/// so, in text, JSONL and CSV files, in a folder, a --files-from list and on standard input.
#[test]
fn byte_order_marks_are_dropped_and_utf16_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(&input).unwrap();
    let said = "Iran said so.";
    let files: [(&str, Vec<u8>); 6] = [
        (
            "a.jsonl",
            format!("\u{feff}{{\"text\":\"{said}\"}}\n{{\"text\":\"Two.\"}}\n").into_bytes(),
        ),
        (
            "b.csv",
            format!("\u{feff}text,id\n{said},b1\n").into_bytes(),
        ),
        ("c.txt", utf16(said, false)),
        ("d.txt", utf16(said, true)),
        (
            "e.jsonl",
            utf16(
                &format!("{{\"text\":\"{said}\"}}\r\n{{\"text\":\"Ünï 😀.\"}}\r\n"),
                false,
            ),
        ),
        (
            "f.csv",
            utf16(&format!("text,id\r\n\"{said}\",f1\r\n"), true),
        ),
    ];
    for (name, bytes) in &files {
        fs::write(input.join(name), bytes).unwrap();
    }
    let le = "decoded from UTF-16LE (byte-order mark)";
    let be = "decoded from UTF-16BE (byte-order mark)";
    let row = |id: &str, status: &str, reason: &str, chars: usize| {
        [id, status, reason, &chars.to_string()].map(String::from)
    };
    let expected = [
        row("a:1", "ok", "", said.len()),
        row("a:2", "ok", "", 4),
        row("b1", "ok", "", said.len()),
        row("c", "warning", le, said.len()),
        row("d", "warning", be, said.len()),
        row("e:1", "warning", le, said.len()),
        row("e:2", "warning", le, 6),
        row("f1", "warning", be, said.len()),
    ];
    let out = dir.path().join("out");
    run_into(&input, &out, &[]);
    assert_eq!(rows(&out), expected);
    // Every decoded document is analysed: Iran is found in each, at its place in the text.
    let mentions = read_csv(&out.join("mentions.csv"));
    let found: Vec<(&str, &str, &str)> = mentions
        .iter()
        .map(|m| {
            (
                m["doc_id"].as_str(),
                m["start"].as_str(),
                m["text"].as_str(),
            )
        })
        .collect();
    for id in ["a:1", "b1", "c", "d", "e:1", "f1"] {
        assert!(found.contains(&(id, "0", "Iran")), "{id}: {found:?}");
    }
    // The same files through a --files-from list.
    let list = dir.path().join("list.txt");
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    fs::write(&list, names.join("\n")).unwrap();
    let listed = dir.path().join("listed");
    claimgraph(&[
        "run",
        "--files-from",
        list.to_str().unwrap(),
        "--root",
        input.to_str().unwrap(),
        "--out",
        listed.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(rows(&listed), expected);
    // And on standard input: JSONL with a UTF-8 mark, JSONL in UTF-16, a text in UTF-16.
    let piped = dir.path().join("piped");
    let run_stdin = |extra: &[&str], bytes: &[u8]| {
        let mut args = vec!["run", "-", "--out", piped.to_str().unwrap(), "--quiet"];
        args.extend_from_slice(extra);
        claimgraph_with_stdin(&args, bytes);
        rows(&piped)
    };
    assert_eq!(
        run_stdin(&[], &files[0].1),
        expected[..2]
            .iter()
            .map(|r| {
                let mut r = r.clone();
                r[0] = r[0].replace("a:", "stdin:");
                r
            })
            .collect::<Vec<_>>()
    );
    assert_eq!(
        run_stdin(&[], &files[4].1),
        [
            row("stdin:1", "warning", le, said.len()),
            row("stdin:2", "warning", le, 6)
        ]
    );
    assert_eq!(
        run_stdin(&["--stdin-as", "x.txt"], &files[3].1),
        [row("x", "warning", be, said.len())]
    );
}

/// `s` with every run of white space made one space (clap wraps help text).
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Defect 12: `run --help` said folders are read for `.md` files, which a folder run skips.
#[test]
fn run_help_says_what_a_folder_run_reads() {
    let (help, _) = claimgraph_output(&["run", "--help"]);
    let help = one_line(&help);
    assert!(!help.contains(".txt, .md"), "{help}");
    assert!(
        help.contains(
            "folders (read recursively: files named .txt, .text, .jsonl, .ndjson or .csv, \
             optionally .gz, in any case; other files, .md included, are left out and counted in \
             a note)"
        ),
        "{help}"
    );
}

/// Defect 12: a folder scan ignored `.TXT` and extension-less files silently. Names are matched in
/// any case now, and the files left out are counted in a note at the end of the run.
#[test]
fn a_folder_run_reads_upper_case_names_and_counts_what_it_leaves_out() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(input.join("sub")).unwrap();
    for name in [
        "A.TXT",
        "b.Jsonl",
        "c.txt",
        "LICENSE",
        "notes.md",
        "sub/page.html",
        ".hidden.txt",
    ] {
        let text = if name.ends_with("Jsonl") {
            "{\"text\":\"Iran said so.\"}\n"
        } else {
            "Iran said so."
        };
        fs::write(input.join(name), text).unwrap();
    }
    let out = dir.path().join("out");
    let err = run_into(&input, &out, &[]);
    let ids: Vec<String> = statuses(&out).into_iter().map(|r| r.0).collect();
    assert_eq!(ids, ["A", "b:1", "c"]);
    let note = format!(
        "note: 3 file(s) in the input folders were not read: their names do not end in .txt, \
         .text, .jsonl, .ndjson or .csv (optionally .gz), or they are a folder's .md \
         documentation (e.g. {}); name a file on the command line to read it\n",
        input.join("LICENSE").display()
    );
    assert!(err.ends_with(&note), "{err}");
    // A folder with nothing left out gets no note.
    fs::remove_file(input.join("LICENSE")).unwrap();
    fs::remove_file(input.join("notes.md")).unwrap();
    fs::remove_file(input.join("sub/page.html")).unwrap();
    assert!(!run_into(&input, &out, &[]).contains("note:"));
}

/// Defect 12: documents read from standard input had the path `'-:1` (`-:1` behind the formula
/// guard). They are `stdin:LINE`, as their ids are.
#[test]
fn standard_input_rows_are_named_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let args = run_args(Path::new("-"), &out, &[]);
    claimgraph_with_stdin(
        &args,
        b"{\"text\":\"Iran said so.\"}\n\n{\"text\":\"Two.\"}\n",
    );
    let docs = read_csv(&out.join("documents.csv"));
    let got: Vec<(&str, &str)> = docs
        .iter()
        .map(|d| (d["doc_id"].as_str(), d["path"].as_str()))
        .collect();
    assert_eq!(got, [("stdin:1", "stdin:1"), ("stdin:3", "stdin:3")]);
}

/// Defect 12, CSV: a row with no text cell was `ok` with 0 characters; an unterminated quote
/// swallowed the rows after it without a word; line numbers were one too low with CRLF line ends.
#[test]
fn csv_rows_without_text_broken_quotes_and_crlf_line_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(&input).unwrap();
    let rows = |f: &str| format!("id,text\n{f}a\n{f}b,\n,Iran said so.\n,\"Two\nlines.\"\n");
    fs::write(input.join("lf.csv"), rows("lf")).unwrap();
    fs::write(input.join("r.csv"), rows("r").replace('\n', "\r\n")).unwrap();
    fs::write(
        input.join("s.csv"),
        "id,text\nq1,\"Broken quote\nq2,Second row\nq3,Third row\n",
    )
    .unwrap();
    fs::write(
        input.join("t.csv"),
        "id,text\nq4,\"Broken quote\nq5,\"Fifth\" row\nq6,Sixth row\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    run_into(&input, &out, &[]);
    let docs = read_csv(&out.join("documents.csv"));
    let got: Vec<[&str; 4]> = docs
        .iter()
        .map(|d| ["doc_id", "path", "status", "reason"].map(|k| d[k].as_str()))
        .collect();
    let path = |f: &str, line: usize| format!("{}:{line}", input.join(f).display());
    let short = "no text: the row has 1 cell(s), and the \"text\" column is number 2";
    let empty = "no text: \"text\" is empty";
    let s_csv = input.join("s.csv").display().to_string();
    let t_csv = input.join("t.csv").display().to_string();
    let never = format!(
        "unterminated quote in {s_csv} at line 2: the quoted cell never ends, so this row runs \
         to the end of the file and may hold the rows after it"
    );
    let badly = format!(
        "unterminated quote in {t_csv} at line 2: the quoted cell ends at line 3 with a quote \
         followed by more text, so this row may hold the rows in between (a quote inside a \
         quoted cell is written twice); unbalanced quotation mark at char 21: closed at the end \
         of its paragraph"
    );
    let mut want = Vec::new();
    for f in ["lf", "r"] {
        let file = format!("{f}.csv");
        want.push([
            format!("{f}a"),
            path(&file, 2),
            "skipped".into(),
            short.into(),
        ]);
        want.push([
            format!("{f}b"),
            path(&file, 3),
            "skipped".into(),
            empty.into(),
        ]);
        want.push([format!("{f}:4"), path(&file, 4), "ok".into(), String::new()]);
        want.push([format!("{f}:5"), path(&file, 5), "ok".into(), String::new()]);
    }
    want.push(["q1".into(), path("s.csv", 2), "warning".into(), never]);
    want.push(["q4".into(), path("t.csv", 2), "warning".into(), badly]);
    want.push(["q6".into(), path("t.csv", 4), "ok".into(), String::new()]);
    let want: Vec<[&str; 4]> = want
        .iter()
        .map(|r| r.each_ref().map(String::as_str))
        .collect();
    assert_eq!(got, want);
}

/// The closing bar of #13: one run over a folder holding every hostile input at once (a FIFO, an
/// unreadable subfolder, a truncated .gz, a UTF-16 file, a document ending "he said" without a
/// full stop, a UTF-8 byte-order mark, a CSV quote that is never closed, a file that is not a
/// document) beside normal documents exits 0, without hanging (a watchdog kills a run that does),
/// and lists every input in documents.csv with its status and reason.
#[test]
fn one_run_over_every_hostile_input_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(input.join("locked")).unwrap();
    fs::create_dir_all(input.join("news")).unwrap();
    let mut seeds: Vec<PathBuf> = fs::read_dir(repo().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    for seed in &seeds[..2] {
        fs::copy(seed, input.join("news").join(seed.file_name().unwrap())).unwrap();
    }
    fs::write(input.join("locked/hidden.txt"), "Iran said so.").unwrap();
    let fifo = std::ffi::CString::new(input.join("fifo.txt").to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let gz = gzipped_jsonl(50);
    fs::write(input.join("short.jsonl.gz"), &gz[..gz.len() / 2]).unwrap();
    fs::write(
        input.join("utf16.txt"),
        utf16("Iran said so, he said.", false),
    )
    .unwrap();
    fs::write(input.join("he-said.txt"), "It was a mistake, he said").unwrap();
    fs::write(
        input.join("bom.jsonl"),
        "\u{feff}{\"text\":\"Israel said so.\"}\n",
    )
    .unwrap();
    fs::write(
        input.join("broken.csv"),
        "id,text\nq1,\"Broken\nq2,Second row\n",
    )
    .unwrap();
    fs::write(input.join("LICENSE"), "Not a document.").unwrap();
    let out = dir.path().join("out");
    let result = run_with_locked_folder(&input, &input.join("locked"), &out);
    let Some((code, err)) = result else { return };
    assert_eq!(code, Some(0), "{err}");
    let stem = |p: &PathBuf| p.file_stem().unwrap().to_string_lossy().into_owned();
    let want: Vec<(String, &str, String)> = vec![
        ("bom:1".into(), "ok", String::new()),
        (
            "q1".into(),
            "warning",
            format!(
                "unterminated quote in {}",
                input.join("broken.csv").display()
            ),
        ),
        (
            "fifo".into(),
            "skipped",
            "not a regular file (a FIFO); only regular files are read from a folder".into(),
        ),
        ("he-said".into(), "ok", String::new()),
        (
            "locked".into(),
            "skipped",
            "cannot list folder: Permission denied".into(),
        ),
        (format!("news/{}", stem(&seeds[0])), "ok", String::new()),
        (format!("news/{}", stem(&seeds[1])), "ok", String::new()),
        ("short".into(), "skipped", "corrupt gzip data (".into()),
        (
            "utf16".into(),
            "warning",
            "decoded from UTF-16LE (byte-order mark)".into(),
        ),
    ];
    let got = statuses(&out);
    assert_eq!(got.len(), want.len(), "{got:?}");
    for ((id, status, reason), (want_id, want_status, want_reason)) in got.iter().zip(&want) {
        assert_eq!((id, status.as_str()), (want_id, *want_status), "{got:?}");
        assert!(reason.starts_with(want_reason.as_str()), "{id}: {reason}");
        assert_eq!(reason.is_empty(), want_reason.is_empty(), "{id}: {reason}");
    }
    // Each readable document was analysed: the seeds, the decoded UTF-16 text and the one ending
    // "he said" (the claim whose end once panicked the run).
    let claims = read_csv(&out.join("claims.csv"));
    assert!(claims
        .iter()
        .any(|c| c["doc_id"] == "he-said" && c["text"] == "It was a mistake"));
    let mentions = read_csv(&out.join("mentions.csv"));
    for id in ["utf16", "bom:1", want[5].0.as_str(), want[6].0.as_str()] {
        assert!(mentions.iter().any(|m| m["doc_id"] == id), "{id} analysed");
    }
    assert!(
        err.contains("note: 1 file(s) in the input folders were not read"),
        "{err}"
    );
}
