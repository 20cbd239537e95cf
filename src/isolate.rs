//! Per-document fault isolation: a panic while decoding or analysing one document costs that
//! document, never the run.
//!
//! [`analyze_pending`] decodes and analyses one document inside [`std::panic::catch_unwind`]. A
//! panic marks the document `skipped` with the reason `internal error in <stage>: <message> at
//! <file:line>` (the stage comes from [`enter_stage`], which [`crate::pipeline`] calls before each
//! stage), sets [`Analysis::internal_error`], and the run writes everything else and exits
//! non-zero asking for a bug report.
//!
//! While a document is analysed under isolation, the process's panic hook records the message
//! instead of printing a backtrace; panics anywhere else are printed as usual.
//!
//! For tests of this path, the environment variable `CLAIMGRAPH_INJECT_PANIC=STAGE:DOC_ID` makes
//! the named stage panic on the document with that id (for example `claims:politics/abbas-talks`).

use crate::claims::boundaries::Bounds;
use crate::corpus::{Document, Pending, ReadOptions, Status};
use crate::gazetteer::Gazetteer;
use crate::pipeline::{self, Analysis};
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// The stage this thread is running, for the reason of an internal error.
    static STAGE: Cell<&'static str> = const { Cell::new("reading") };
    /// Whether this thread is inside [`guarded`] (its panics are recorded, not printed).
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// The last recorded panic: message and location.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Where to report an internal error.
pub const BUG_REPORT_HINT: &str = "this is a bug: please report it to the claimgraph maintainers, \
     attaching the document(s) named in documents.csv (status skipped, reason \"internal error in …\")";

/// `CLAIMGRAPH_INJECT_PANIC=STAGE:DOC_ID`, read once: the stage to fail and the document to fail it on.
static INJECTED: once_cell::sync::Lazy<Option<(String, String)>> =
    once_cell::sync::Lazy::new(|| {
        let spec = std::env::var("CLAIMGRAPH_INJECT_PANIC").ok()?;
        let (stage, id) = spec.split_once(':')?;
        Some((stage.to_string(), id.to_string()))
    });

thread_local! {
    /// Whether the document being analysed is the one `CLAIMGRAPH_INJECT_PANIC` names.
    static ARMED: Cell<bool> = const { Cell::new(false) };
}

/// Records that this thread starts analysing the document `id`.
#[inline]
pub fn begin_document(id: &str) {
    let armed = INJECTED.as_ref().is_some_and(|(_, target)| target == id);
    ARMED.with(|a| a.set(armed));
}

/// The stage this thread runs (the one last named to [`enter_stage`]).
pub fn current_stage() -> &'static str {
    STAGE.with(|s| s.get())
}

/// Records that this thread now runs `stage` (named in the reason if it panics).
#[inline]
pub fn enter_stage(stage: &'static str) {
    STAGE.with(|s| s.set(stage));
    if ARMED.with(|a| a.get()) && INJECTED.as_ref().is_some_and(|(s, _)| s == stage) {
        panic!("injected by CLAIMGRAPH_INJECT_PANIC");
    }
}

fn install_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if GUARDED.with(|g| g.get()) {
                let payload = info.payload();
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".to_string());
                let at = info
                    .location()
                    .map(|l| format!(" at {}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{message}{at}")));
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs `f`, turning a panic into `Err("internal error in <stage>: <message> at <file:line>")`.
pub fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    enter_stage("reading");
    let was = GUARDED.with(|g| g.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was));
    result.map_err(|_| {
        let message = LAST_PANIC
            .with(|p| p.borrow_mut().take())
            .unwrap_or_else(|| "unknown panic".to_string());
        let stage = STAGE.with(|s| s.get());
        format!("internal error in {stage}: {message}")
    })
}

/// Decodes and analyses one pending document; a panic in either step yields a skipped document
/// whose reason names the stage and the message.
pub fn analyze_pending(
    p: Pending,
    read: &ReadOptions,
    gaz: &Gazetteer,
    bounds: Bounds,
) -> Analysis {
    let name = p.name();
    let doc = match guarded(|| p.into_document(read)) {
        Ok(doc) => doc,
        Err(reason) => {
            let (id, path) = name.id_and_path();
            return failed(Document::skipped(id, path, reason.clone()), reason);
        }
    };
    analyze_isolated(doc, gaz, bounds)
}

/// Analyses one document; a panic yields the document marked skipped with the internal error as
/// its reason (the text is kept, so `chars` stays right) and no extracted rows.
pub fn analyze_isolated(mut doc: Document, gaz: &Gazetteer, bounds: Bounds) -> Analysis {
    match guarded(|| pipeline::run_stages_with(&mut doc, gaz, bounds)) {
        Ok(stages) => stages.into_analysis(doc),
        Err(reason) => failed(doc, reason),
    }
}

fn failed(mut doc: Document, reason: String) -> Analysis {
    if doc.status != Status::Skipped {
        doc.status = Status::Skipped;
        doc.reasons.push(reason);
    }
    let mut a = pipeline::empty(doc);
    a.internal_error = true;
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_reason_naming_the_stage_and_place() {
        let err = guarded(|| {
            enter_stage("claims");
            let v: Vec<u8> = Vec::new();
            v[std::hint::black_box(3)]
        })
        .unwrap_err();
        assert!(
            err.starts_with("internal error in claims: index out of bounds"),
            "{err}"
        );
        assert!(err.contains("src/isolate.rs:"), "{err}");
        assert_eq!(guarded(|| 7).unwrap(), 7);
    }

    #[test]
    fn a_panicking_document_is_skipped_with_its_metadata() {
        let doc = Document::from_text("d".into(), "d.txt".into(), "Hello world.");
        let a = failed(doc, "internal error in claims: boom".into());
        assert!(a.internal_error);
        assert_eq!(a.doc.status, Status::Skipped);
        assert_eq!(a.doc.reasons, vec!["internal error in claims: boom"]);
        assert_eq!(a.doc.text, "Hello world.");
        assert!(a.mentions.is_empty() && a.claims.is_empty());
    }
}
