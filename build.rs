//! Embeds the word lists in the binary, as `(name under lexicons/, contents)` pairs in `OUT_DIR`:
//! every file of `lexicons/` (`lexicons.rs`, read through `lexicons/manifest.tsv` by
//! `src/lexicon.rs`) and every file of `lexicons/function_words/` (`function_words.rs`, read
//! through that folder's `manifest.tsv` by `src/claims/function_words.rs`). The manifests alone
//! decide which files are word lists and how they are checked: adding a list needs no build change.
//!
//! Also sets `CLAIMGRAPH_BUILD` for the crate: which build this is (the Cargo profile, its
//! opt-level, whether it is profile-guided, and the note `CLAIMGRAPH_BUILD_NOTE` a build script such
//! as scripts/build-pgo.sh passes), which `claimgraph bench` prints beside its ratios.

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

/// The build's description: `profile P, opt-level N[, debug assertions][, PGO …][; NOTE]`, from what
/// Cargo tells a build script (the profile's folder under the target folder, `OPT_LEVEL`, the
/// encoded `RUSTFLAGS`) and the optional note. Link-time optimisation and codegen units are not
/// told to build scripts: the note (or the profile's entry in Cargo.toml) says them.
fn build_description() -> String {
    println!("cargo:rerun-if-env-changed=CLAIMGRAPH_BUILD_NOTE");
    let out = env::var("OUT_DIR").unwrap_or_default();
    // OUT_DIR is <target>/[<triple>/]<profile folder>/build/<package>-<hash>/out.
    let folder = Path::new(&out)
        .ancestors()
        .nth(3)
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .unwrap_or("unknown");
    let profile = if folder == "debug" { "dev" } else { folder };
    let mut text = format!(
        "profile {profile}, opt-level {}",
        env::var("OPT_LEVEL").unwrap_or_else(|_| "?".into())
    );
    if env::var_os("CARGO_CFG_DEBUG_ASSERTIONS").is_some() {
        text.push_str(", debug assertions");
    }
    let flags = env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    let mut pgo = ", no PGO";
    for flag in flags.split('\x1f') {
        let flag = flag.trim_start_matches("-C").trim_start_matches(' ');
        if flag.starts_with("profile-use") {
            pgo = ", PGO (profile-use)";
        } else if flag.starts_with("profile-generate") {
            pgo = ", PGO-instrumented (profile-generate)";
        } else if let Some(cpu) = flag.strip_prefix("target-cpu=") {
            text.push_str(&format!(", target-cpu {cpu}"));
        }
    }
    text.push_str(pgo);
    if let Ok(note) = env::var("CLAIMGRAPH_BUILD_NOTE") {
        if !note.trim().is_empty() {
            text.push_str("; ");
            text.push_str(note.trim());
        }
    }
    text
}

fn main() {
    println!("cargo:rustc-env=CLAIMGRAPH_BUILD={}", build_description());
    embed("lexicons", "", "lexicons.rs");
    embed(
        "lexicons/function_words",
        "function_words/",
        "function_words.rs",
    );
}
