//! What the tests share with the library's own unit tests: skipping a test that cannot run here,
//! and texts made at random from pieces ([`random_texts`]).
//!
//! A test that needs something this machine may lack (the corpora of `../shared`, a browser,
//! PySpark, networkx, the right to drop a capability) calls [`skip`] and returns. A skip is never
//! silent: it prints a `SKIPPED` line and appends it to `target/skipped-tests.txt`, which `.ci/run`
//! lists after the tests; under CI (`CI` set), where `.ci/run` installs everything, it fails.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The file skipped tests are listed in: `skipped-tests.txt` in the target folder of the running
/// test binary (`target/<profile>/deps/NAME` → `target/`).
pub fn skipped_list() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.parent()?.parent()?.join("skipped-tests.txt"))
}

/// Skips the calling test, saying why: prints `SKIPPED <binary> <test>: <why>` on stderr and
/// appends it to [`skipped_list`]. Under CI (`CI` set) it panics instead: there, everything a test
/// needs is installed, and a skipped test would be a silent pass.
pub fn skip(why: &str) {
    let under_ci = std::env::var_os("CI").is_some();
    skip_in(under_ci, skipped_list().as_deref(), why);
}

/// The bundled gazetteers (`gazetteers/` of the repository), loaded once per test binary, for unit
/// tests that run the pipeline on real text.
#[cfg(test)]
pub(crate) fn bundled_gazetteer() -> &'static crate::gazetteer::Gazetteer {
    static GAZETTEER: std::sync::OnceLock<crate::gazetteer::Gazetteer> = std::sync::OnceLock::new();
    GAZETTEER.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteers");
        crate::gazetteer::Gazetteer::load_dir(&dir).unwrap_or_else(|e| panic!("{e}"))
    })
}

/// The texts of the first `per_topic` articles (by file name) of each of the five topics of the BBC
/// corpus in `../shared/corpora/bbc-news`, for unit tests that check a shortcut against the full path
/// on real text. `None`, after [`skip`], when the corpus is not there.
#[cfg(test)]
pub(crate) fn bbc_articles(per_topic: usize) -> Option<Vec<String>> {
    let Some(corpus) = crate::eval::brat::shared_dir()
        .map(|d| d.join("corpora/bbc-news"))
        .filter(|c| c.exists())
    else {
        skip("../shared/corpora/bbc-news not found");
        return None;
    };
    let mut texts = Vec::new();
    for topic in ["business", "entertainment", "politics", "sport", "tech"] {
        let mut files: Vec<_> = std::fs::read_dir(corpus.join(topic))
            .unwrap_or_else(|e| panic!("{e}"))
            .map(|e| e.unwrap_or_else(|e| panic!("{e}")).path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files.iter().take(per_topic) {
            let text =
                std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            texts.push(text);
        }
    }
    Some(texts)
}

/// [`skip`], told whether it runs under CI and where to list the skip.
fn skip_in(under_ci: bool, list: Option<&Path>, why: &str) {
    let exe = std::env::current_exe().ok();
    let binary = exe
        .as_ref()
        .and_then(|e| e.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Test binaries are named NAME-HASH.
    let binary = binary
        .rsplit_once('-')
        .map_or(binary.as_str(), |(name, _)| name);
    let current = std::thread::current();
    let test = current.name().unwrap_or("?");
    let line = format!("SKIPPED {binary} {test}: {why}");
    if under_ci {
        panic!("{line}: a test may not be skipped under CI (.ci/run installs what it needs)");
    }
    eprintln!("{line}");
    if let Some(list) = list {
        // One write of the whole line, so that tests skipping at once on other threads do not
        // interleave their lines. A failure to list the skip must not fail the test: the line
        // above was printed.
        let _ = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(list)
            .and_then(|mut f| f.write_all(format!("{line}\n").as_bytes()));
    }
}

/// A xorshift generator of 64-bit numbers (shifts 13, 7, 17): the same numbers from the same seed
/// on every run, for tests that try many made-up inputs.
#[derive(Debug, Clone)]
pub struct XorShift(pub u64);

impl XorShift {
    /// Moves to the next number and returns it.
    pub fn step(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// `count` texts, each of up to `most_pieces - 1` pieces of `pieces` chosen at random (a xorshift
/// generator from `seed`, so every run makes the same texts): for testing a quick path against a
/// plain one on every mix of the pieces.
pub fn random_texts<'p>(
    pieces: &'p [&'p str],
    count: usize,
    most_pieces: u64,
    seed: u64,
) -> impl Iterator<Item = String> + 'p {
    let mut rng = XorShift(seed);
    let mut next = move || rng.step();
    (0..count).map(move |_| {
        let n = next() % most_pieces;
        (0..n)
            .map(|_| pieces[(next() >> 32) as usize % pieces.len()])
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_skip_is_listed_and_fails_under_ci() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("skipped-tests.txt");
        skip_in(false, Some(&list), "no browser");
        skip_in(false, Some(&list), "no PySpark");
        let listed = std::fs::read_to_string(&list).unwrap();
        let lines: Vec<&str> = listed.lines().collect();
        assert_eq!(lines.len(), 2, "{listed}");
        assert!(lines[0].starts_with("SKIPPED claimgraph "), "{listed}");
        assert!(lines[0].ends_with(": no browser"), "{listed}");
        let failed = std::panic::catch_unwind(|| skip_in(true, Some(&list), "no browser"));
        let message = *failed.unwrap_err().downcast::<String>().unwrap();
        assert!(message.contains("may not be skipped under CI"), "{message}");
        assert_eq!(std::fs::read_to_string(&list).unwrap(), listed);
        assert!(skipped_list().unwrap().ends_with("skipped-tests.txt"));
    }
}
