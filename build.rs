//! Embeds the word lists in the binary, as `(name under lexicons/, contents)` pairs in `OUT_DIR`:
//! every file of `lexicons/` (`lexicons.rs`, read through `lexicons/manifest.tsv` by
//! `src/lexicon.rs`) and every file of `lexicons/function_words/` (`function_words.rs`, read
//! through that folder's `manifest.tsv` by `src/claims/function_words.rs`). The manifests alone
//! decide which files are word lists and how they are checked: adding a list needs no build change.

use std::path::Path;
use std::{env, fs};

/// Writes `OUT_DIR/<out>`: a slice expression of `(name, include_str!(…))` for every regular file of
/// `folder` (relative to the crate), named `<prefix><file name>`, in name order.
fn embed(folder: &str, prefix: &str, out: &str) {
    let dir = Path::new(folder);
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{folder}/ is missing: {e}"))
        .filter_map(|e| {
            let e = e.ok()?;
            e.file_type().ok()?.is_file().then_some(())?;
            e.file_name().into_string().ok()
        })
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    let mut text = String::from("&[\n");
    for n in &names {
        text.push_str(&format!(
            "    (\"{prefix}{n}\", include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \
             \"/{folder}/{n}\"))),\n"
        ));
    }
    text.push_str("]\n");
    let target = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join(out);
    fs::write(target, text).unwrap_or_else(|e| panic!("cannot write {out}: {e}"));
}

fn main() {
    embed("lexicons", "", "lexicons.rs");
    embed(
        "lexicons/function_words",
        "function_words/",
        "function_words.rs",
    );
}
