//! Helpers shared by the end-to-end tests: run the binary, read its CSV output.
#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root (where `seeds/` and `gazetteers/` live).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the repository, or `$CLAIMGRAPH_SHARED`; None if absent, after
/// [`skip`](claimgraph::testing::skip) (which fails the test under CI).
pub fn shared(sub: &str) -> Option<PathBuf> {
    let base = std::env::var_os("CLAIMGRAPH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared"));
    let p = base.join(sub);
    if p.exists() {
        Some(p)
    } else {
        claimgraph::testing::skip(&format!(
            "{} not found (needs ../shared beside the repo)",
            p.display()
        ));
        None
    }
}

/// Runs `claimgraph ARGS`, panicking with its stderr if it fails; returns (stdout, stderr).
pub fn claimgraph_output(args: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_claimgraph"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("run claimgraph");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success(),
        "claimgraph {args:?} failed:\n{stderr}"
    );
    (String::from_utf8_lossy(&out.stdout).into_owned(), stderr)
}

/// Runs `claimgraph ARGS`, panicking with its stderr if it fails; returns stderr.
pub fn claimgraph(args: &[&str]) -> String {
    claimgraph_output(args).1
}

/// The arguments of `claimgraph run INPUT --out OUT --quiet EXTRA…`.
pub fn run_args<'a>(input: &'a Path, out: &'a Path, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "run",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ];
    args.extend_from_slice(extra);
    args
}

/// Runs `claimgraph run INPUT --out OUT --quiet EXTRA…`; returns stderr.
pub fn run_into(input: &Path, out: &Path, extra: &[&str]) -> String {
    claimgraph(&run_args(input, out, extra))
}

/// Runs `claimgraph run seeds` with the repository's gazetteers on `threads` threads into a fresh
/// temporary folder, which is returned (it is deleted when dropped).
pub fn run_on_seeds(threads: &str) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    claimgraph(&[
        "run",
        "seeds",
        "--gazetteers",
        "gazetteers",
        "--out",
        out.path().to_str().unwrap(),
        "--threads",
        threads,
        "--quiet",
    ]);
    out
}

/// Runs claimgraph with `stdin` as its standard input; panics with stderr on failure.
pub fn claimgraph_with_stdin(args: &[&str], stdin: &[u8]) -> String {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimgraph"))
        .args(args)
        .current_dir(repo())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run claimgraph");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success(),
        "claimgraph {args:?} failed:\n{stderr}"
    );
    stderr
}

/// Runs `claimgraph ARGS` expecting failure; returns stderr.
pub fn claimgraph_fails(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_claimgraph"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("run claimgraph");
    assert!(
        !out.status.success(),
        "claimgraph {args:?} unexpectedly succeeded"
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Reads a CSV file into rows keyed by header name.
pub fn read_csv(path: &Path) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

/// Reads the header row of a CSV file.
pub fn header(path: &Path) -> Vec<String> {
    let mut r = csv::Reader::from_path(path).unwrap();
    r.headers().unwrap().iter().map(str::to_owned).collect()
}

/// Reads a document the way claimgraph normalises it (BOM stripped, CRLF/CR → LF) as chars.
pub fn normalised_chars(path: &Path) -> Vec<char> {
    let raw = std::fs::read(path).unwrap();
    let s = String::from_utf8_lossy(&raw);
    let s = s.strip_prefix('\u{feff}').unwrap_or(&s);
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .collect()
}

/// The code-point slice `[start, end)` of `chars`.
pub fn slice(chars: &[char], start: &str, end: &str) -> String {
    let (s, e): (usize, usize) = (start.parse().unwrap(), end.parse().unwrap());
    chars[s..e].iter().collect()
}

/// Every file of an output folder, by name.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Asserts that two output folders hold the same files with the same bytes.
pub fn assert_same_outputs(expected: &Path, got: &Path, what: &str) {
    let (a, b) = (files(expected), files(got));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "{what}: not the same files"
    );
    assert!(
        a.len() >= 8,
        "{what}: expected every output, got {:?}",
        a.keys()
    );
    for (name, bytes) in &a {
        assert!(
            bytes == &b[name],
            "{what}: {name} differs from a single run's"
        );
    }
}
