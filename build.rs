//! Embeds every file of `lexicons/function_words/` in the binary, as `(name, contents)` pairs
//! (`function_words.rs` in `OUT_DIR`), so that the folder's `manifest.tsv` alone decides which
//! word lists the claims rules read: adding a list needs no code change.

use std::path::Path;
use std::{env, fs};

fn main() {
    let dir = Path::new("lexicons/function_words");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("lexicons/function_words/ is missing")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    let mut out = String::from("&[\n");
    for n in &names {
        out.push_str(&format!(
            "    (\"function_words/{n}\", include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \
             \"/lexicons/function_words/{n}\"))),\n"
        ));
    }
    out.push_str("]\n");
    let target =
        Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("function_words.rs");
    fs::write(target, out).expect("cannot write function_words.rs");
}
