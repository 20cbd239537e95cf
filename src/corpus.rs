//! Reading a corpus: folders, text files, JSONL and CSV, into normalised [`Document`]s.
//!
//! Reading never fails a run because of one document: a file that cannot be decoded, a binary file or
//! a malformed JSONL line becomes a document with status `skipped` (or `warning` when it could still
//! be read) and a reason, which `documents.csv` reports.

use crate::boilerplate;
use crate::text::normalize;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Outcome of reading one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Read cleanly.
    Ok,
    /// Read, but something was repaired (invalid UTF-8, unbalanced quotes …); see the reasons.
    Warning,
    /// Not processed; see the reasons.
    Skipped,
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::Ok => "ok",
            Status::Warning => "warning",
            Status::Skipped => "skipped",
        })
    }
}

/// One normalised input document.
#[derive(Debug, Clone)]
pub struct Document {
    /// Stable id: the path relative to the input root without extension, or the id field.
    pub id: String,
    /// Where it came from (`file` or `file:line` for JSONL/CSV rows).
    pub path: String,
    /// Normalised text (BOM stripped, CRLF/CR → LF); all offsets point into this.
    pub text: String,
    /// Read status.
    pub status: Status,
    /// Why the status is not `ok`, one reason per problem.
    pub reasons: Vec<String>,
    /// Date from the page furniture or a date field.
    pub date: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Byte ranges of page furniture, sorted, excluded from extraction.
    pub boilerplate: Vec<Range<usize>>,
}

impl Document {
    /// Builds a document from already-decoded text: normalises it and recognises its furniture.
    pub fn from_text(id: String, path: String, raw: &str) -> Document {
        let text = normalize(raw).into_owned();
        let furniture = boilerplate::recognise(&text);
        Document {
            id,
            path,
            text,
            status: Status::Ok,
            reasons: Vec::new(),
            date: furniture.date,
            title: furniture.title,
            boilerplate: furniture.ranges,
        }
    }

    /// A document that could not be read; it still gets a row in `documents.csv`.
    pub fn skipped(id: String, path: String, reason: String) -> Document {
        Document {
            id,
            path,
            text: String::new(),
            status: Status::Skipped,
            reasons: vec![reason],
            date: None,
            title: None,
            boilerplate: Vec::new(),
        }
    }

    /// Records a repaired problem, raising the status to `warning` (a skipped document stays skipped).
    pub fn warn(&mut self, reason: impl Into<String>) {
        if self.status == Status::Ok {
            self.status = Status::Warning;
        }
        self.reasons.push(reason.into());
    }

    /// True when byte offset range `r` overlaps page furniture.
    pub fn in_boilerplate(&self, r: &Range<usize>) -> bool {
        self.boilerplate
            .iter()
            .any(|b| b.start < r.end && r.start < b.end)
    }
}

/// How an input file is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One document per file.
    Text,
    /// One JSON object per line.
    Jsonl,
    /// One document per CSV row (with a header row).
    Csv,
}

/// One file to read and the root its document ids are relative to.
#[derive(Debug, Clone)]
pub struct InputFile {
    /// The file.
    pub path: PathBuf,
    /// The folder given on the command line (or the file's parent for a single file).
    pub root: PathBuf,
    /// How to read it.
    pub format: Format,
}

/// Field names for structured input.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// JSONL/CSV field holding the text.
    pub text_field: String,
    /// JSONL/CSV field holding the id; a missing id falls back to `file:line`.
    pub id_field: String,
    /// JSONL/CSV field holding the date, if any.
    pub date_field: String,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            text_field: "text".into(),
            id_field: "id".into(),
            date_field: "date".into(),
        }
    }
}

fn format_of(path: &Path) -> Option<Format> {
    match path.extension()?.to_str()? {
        "txt" | "md" | "text" => Some(Format::Text),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        "csv" => Some(Format::Csv),
        _ => None,
    }
}

/// Expands the command-line inputs into files: folders recursively (hidden entries skipped, only
/// `.txt`, `.md`, `.jsonl`, `.csv`), sorted by path so runs are deterministic. A file named directly
/// is read whatever its extension (as text unless it is `.jsonl` or `.csv`).
pub fn list_inputs(inputs: &[PathBuf]) -> anyhow::Result<Vec<InputFile>> {
    let mut out = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input)
            .map_err(|e| anyhow::anyhow!("cannot read input {}: {e}", input.display()))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            walk(input, &mut files)?;
            files.sort();
            out.extend(files.into_iter().filter_map(|p| {
                format_of(&p).map(|format| InputFile {
                    path: p,
                    root: input.clone(),
                    format,
                })
            }));
        } else {
            let root = input.parent().map(Path::to_path_buf).unwrap_or_default();
            out.push(InputFile {
                format: format_of(input).unwrap_or(Format::Text),
                path: input.clone(),
                root,
            });
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| anyhow::anyhow!("cannot list {}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if entry.file_type()?.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// The id of a text file: its path relative to the root, without extension, with `/` separators.
fn file_id(file: &InputFile) -> String {
    let rel = file.path.strip_prefix(&file.root).unwrap_or(&file.path);
    let rel = rel.with_extension("");
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads every document in one input file. Never fails: problems become skipped documents.
pub fn read_file(file: &InputFile, opts: &ReadOptions) -> Vec<Document> {
    let id = file_id(file);
    let path = file.path.display().to_string();
    let bytes = match std::fs::read(&file.path) {
        Ok(b) => b,
        Err(e) => {
            return vec![Document::skipped(
                id,
                path,
                format!("cannot read file: {e}"),
            )]
        }
    };
    match file.format {
        Format::Text => vec![decode_document(id, path, &bytes)],
        Format::Jsonl => read_jsonl(&id, &path, &bytes, opts),
        Format::Csv => read_csv(&id, &path, &bytes, opts),
    }
}

/// Decodes one document's bytes: binary content is skipped, invalid UTF-8 is replaced and flagged.
pub fn decode_document(id: String, path: String, bytes: &[u8]) -> Document {
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Document::skipped(
            id,
            path,
            format!("binary file (NUL byte at offset {pos}); not text"),
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Document::from_text(id, path, s),
        Err(e) => {
            let lossy = String::from_utf8_lossy(bytes);
            let mut doc = Document::from_text(id, path, &lossy);
            doc.warn(format!(
                "invalid UTF-8 at byte {}; invalid bytes replaced with U+FFFD",
                e.valid_up_to()
            ));
            doc
        }
    }
}

fn read_jsonl(file_id: &str, path: &str, bytes: &[u8], opts: &ReadOptions) -> Vec<Document> {
    let text = String::from_utf8_lossy(bytes);
    let mut docs = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let lineno = i + 1;
        let fallback_id = format!("{file_id}:{lineno}");
        let where_ = format!("{path}:{lineno}");
        let value: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                docs.push(Document::skipped(
                    fallback_id,
                    where_,
                    format!("invalid JSON: {e}"),
                ));
                continue;
            }
        };
        let field = |name: &str| -> Option<String> {
            match value.get(name)? {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Null => None,
                other => Some(other.to_string()),
            }
        };
        let id = field(&opts.id_field).unwrap_or(fallback_id);
        docs.push(structured_document(
            id,
            where_,
            field(&opts.text_field),
            field(&opts.date_field),
            &opts.text_field,
        ));
    }
    docs
}

fn read_csv(file_id: &str, path: &str, bytes: &[u8], opts: &ReadOptions) -> Vec<Document> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers = match reader.byte_headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return vec![Document::skipped(
                file_id.to_owned(),
                path.to_owned(),
                format!("cannot read CSV header: {e}"),
            )]
        }
    };
    let col = |name: &str| headers.iter().position(|h| h == name.as_bytes());
    let (text_col, id_col, date_col) = (
        col(&opts.text_field),
        col(&opts.id_field),
        col(&opts.date_field),
    );
    if text_col.is_none() {
        return vec![Document::skipped(
            file_id.to_owned(),
            path.to_owned(),
            format!(
                "CSV has no {:?} column (choose one with --text-field)",
                opts.text_field
            ),
        )];
    }
    let mut docs = Vec::new();
    for (i, record) in reader.byte_records().enumerate() {
        // Line numbers count the header as line 1; multi-line cells make this the record's first line.
        let lineno = i + 2;
        let fallback_id = format!("{file_id}:{lineno}");
        let where_ = format!("{path}:{lineno}");
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                docs.push(Document::skipped(
                    fallback_id,
                    where_,
                    format!("invalid CSV row: {e}"),
                ));
                continue;
            }
        };
        let get = |c: Option<usize>| {
            c.and_then(|c| record.get(c))
                .map(|b| String::from_utf8_lossy(b).into_owned())
        };
        let id = get(id_col).filter(|s| !s.is_empty()).unwrap_or(fallback_id);
        docs.push(structured_document(
            id,
            where_,
            get(text_col),
            get(date_col).filter(|s| !s.is_empty()),
            &opts.text_field,
        ));
    }
    docs
}

fn structured_document(
    id: String,
    path: String,
    text: Option<String>,
    date: Option<String>,
    text_field: &str,
) -> Document {
    let Some(text) = text else {
        return Document::skipped(
            id,
            path,
            format!("no {text_field:?} field (choose one with --text-field)"),
        );
    };
    let mut doc = Document::from_text(id, path, &text);
    if date.is_some() {
        doc.date = date;
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_and_invalid_utf8() {
        let d = decode_document("a".into(), "a.txt".into(), b"ab\0cd");
        assert_eq!(d.status, Status::Skipped);
        assert!(d.reasons[0].contains("NUL byte at offset 2"));
        let d = decode_document("b".into(), "b.txt".into(), b"Iran \xff said");
        assert_eq!(d.status, Status::Warning);
        assert_eq!(d.text, "Iran \u{fffd} said");
        assert!(d.reasons[0].contains("invalid UTF-8 at byte 5"));
    }

    #[test]
    fn bom_and_crlf_are_normalised() {
        let d = decode_document(
            "c".into(),
            "c.txt".into(),
            "\u{feff}One.\r\nTwo.\rThree.".as_bytes(),
        );
        assert_eq!(d.text, "One.\nTwo.\nThree.");
        assert_eq!(d.status, Status::Ok);
    }

    #[test]
    fn jsonl_rows_and_bad_lines() {
        let opts = ReadOptions::default();
        let src = b"{\"id\":\"x1\",\"text\":\"Hello.\",\"date\":\"2024-01-02\"}\nnot json\n\n{\"body\":\"no text\"}\n";
        let docs = read_jsonl("f", "f.jsonl", src, &opts);
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0].id, "x1");
        assert_eq!(docs[0].date.as_deref(), Some("2024-01-02"));
        assert_eq!(docs[1].status, Status::Skipped);
        assert_eq!(docs[1].path, "f.jsonl:2");
        assert!(docs[2].reasons[0].contains("\"text\""));
    }

    #[test]
    fn csv_rows() {
        let opts = ReadOptions::default();
        let docs = read_csv("f", "f.csv", b"id,text\na,\"Hi, there.\"\n,Second\n", &opts);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "Hi, there.");
        assert_eq!(docs[1].id, "f:3");
        let docs = read_csv("f", "f.csv", b"id,body\na,b\n", &opts);
        assert_eq!(docs[0].status, Status::Skipped);
    }
}
