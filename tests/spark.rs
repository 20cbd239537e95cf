//! The PySpark driver (`contrib/spark/claimgraph_spark.py`) on `local[2]` writes exactly the files of
//! `claimgraph run`: over the BBC folder and over a JSONL copy of it, in 3 partitions each.
//!
//! Needs ../shared, Java and PySpark: the Python that runs the driver is `$CLAIMGRAPH_PYSPARK_PYTHON`
//! (`.ci/run` installs PySpark in a virtual environment and sets it), else `python3` if it imports
//! pyspark. Without one the test is skipped with the reason, except under CI (`CI` set), where it
//! must run.

mod common;

use common::{assert_same_outputs, claimgraph_output, repo, shared};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A Python with PySpark, or why there is none.
fn pyspark_python() -> Result<PathBuf, String> {
    let python = std::env::var_os("CLAIMGRAPH_PYSPARK_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("python3"));
    let ok = Command::new(&python)
        .args(["-c", "import pyspark"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        return Err(format!(
            "{} cannot import pyspark (pip install pyspark, or set CLAIMGRAPH_PYSPARK_PYTHON)",
            python.display()
        ));
    }
    let java = Command::new("java").arg("-version").output();
    if !java.is_ok_and(|o| o.status.success()) {
        return Err("java not found (PySpark needs Java 17 or later)".into());
    }
    Ok(python)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Runs the Spark driver on `local[2]` with 3 partitions; returns its stdout (the summary table).
fn spark_job(python: &Path, input: &Path, out: &Path) -> String {
    let driver = repo().join("contrib/spark/claimgraph_spark.py");
    let result = Command::new(python)
        .arg(&driver)
        .args([
            s(input),
            "--out",
            s(out),
            "--partitions",
            "3",
            "--master",
            "local[2]",
        ])
        .args(["--binary", env!("CARGO_BIN_EXE_claimgraph")])
        .args(["--gazetteers", s(&repo().join("gazetteers")), "--summary"])
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .current_dir(repo())
        .output()
        .expect("run the Spark driver");
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        result.status.success(),
        "the Spark job over {} failed:\n{stderr}",
        input.display()
    );
    assert!(
        stderr.contains("3 partial(s) written"),
        "expected 3 partitions:\n{stderr}"
    );
    String::from_utf8_lossy(&result.stdout).into_owned()
}

/// Runs the Spark job and a single run over `input` and asserts the same bytes in every file.
fn same_as_one_run(python: &Path, input: &Path, work: &Path, name: &str) {
    let single = work.join(format!("{name}-run"));
    let (table, _) =
        claimgraph_output(&["run", s(input), "--out", s(&single), "--quiet", "--summary"]);
    let spark = work.join(format!("{name}-spark"));
    let spark_table = spark_job(python, input, &spark);
    assert_same_outputs(&single, &spark, &format!("Spark job over the {name}"));
    assert_eq!(table, spark_table, "{name}: --summary differs");
}

#[test]
fn the_spark_job_reproduces_one_run_over_a_folder_and_a_jsonl_file() {
    let Some(bbc) = shared("corpora/bbc-news") else {
        return;
    };
    let python = match pyspark_python() {
        Ok(p) => p,
        Err(why) => {
            claimgraph::testing::skip(&format!("Spark test: {why}"));
            return;
        }
    };
    let work = tempfile::tempdir().unwrap();
    same_as_one_run(&python, &bbc, work.path(), "folder");

    // A JSONL copy in corpus order; some rows have no id (FILE:LINE ids) and blank lines shift the
    // line numbers, so ids stay right only if every partition knows where its lines start.
    let (listed, _) = claimgraph_output(&["run", s(&bbc), "--list-inputs"]);
    let mut jsonl = String::new();
    for (n, path) in listed.lines().enumerate() {
        let text = std::fs::read_to_string(path).unwrap();
        let id = Path::new(path)
            .strip_prefix(&bbc)
            .unwrap()
            .with_extension("");
        let row = if n % 100 == 7 {
            serde_json::json!({ "text": text })
        } else {
            serde_json::json!({ "id": id.to_str().unwrap(), "text": text })
        };
        if n % 250 == 3 {
            jsonl.push('\n');
        }
        jsonl.push_str(&row.to_string());
        jsonl.push('\n');
    }
    let copy = work.path().join("bbc.jsonl");
    std::fs::write(&copy, jsonl).unwrap();
    same_as_one_run(&python, &copy, work.path(), "JSONL copy");
}
