//! Reading a corpus: folders, text files, JSONL and CSV, into normalised [`Document`]s.
//!
//! Reading never fails a run because of one document: a file that cannot be decoded, a binary file or
//! a malformed JSONL line becomes a document with status `skipped` (or `warning` when it could still
//! be read) and a reason, which `documents.csv` reports.
//!
//! Input is UTF-8; a UTF-8 byte-order mark is dropped, and a file (or standard input) that starts
//! with a UTF-16 byte-order mark is decoded from UTF-16, its documents warned so (see
//! [`crate::encoding`]).

use crate::csv_lines::{Lines, Tracked};
use crate::encoding;
use crate::text::normalize;
use encoding_rs::Encoding;
use flate2::read::MultiGzDecoder;
use std::borrow::Cow;
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

/// Outcome of reading one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Read cleanly.
    Ok,
    /// Read, but something was repaired (invalid UTF-8, unbalanced quotes …); see the reasons.
    Warning,
    /// Not processed; see the reasons.
    Skipped,
}

impl Status {
    /// The lowercase name written to documents.csv.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warning => "warning",
            Status::Skipped => "skipped",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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
    /// Builds a document from already-decoded text and normalises it. Its page furniture (the
    /// boilerplate lines, the title and, unless the input gave one, the date) is recognised by the
    /// pipeline's first stage, [`crate::boilerplate::furnish`].
    pub fn from_text(id: String, path: String, raw: &str) -> Document {
        Document::normalised(id, path, normalize(raw).into_owned())
    }

    /// [`Document::from_text`] of an owned text, which becomes the document's without a copy
    /// when it needs no normalising (no byte-order mark, no carriage return).
    pub fn from_string(id: String, path: String, text: String) -> Document {
        match normalize(&text) {
            Cow::Borrowed(t) if t.len() == text.len() => Document::normalised(id, path, text),
            normalised => {
                let normalised = normalised.into_owned();
                Document::normalised(id, path, normalised)
            }
        }
    }

    /// [`Document::from_string`] of a text known to hold no carriage return: only a byte-order
    /// mark at its start is left to strip, and the text is not searched for one.
    fn from_string_without_cr(id: String, path: String, text: String) -> Document {
        if text.starts_with('\u{feff}') {
            Document::from_string(id, path, text)
        } else {
            Document::normalised(id, path, text)
        }
    }

    /// A document of text already normalised.
    fn normalised(id: String, path: String, text: String) -> Document {
        Document {
            id,
            path,
            text,
            status: Status::Ok,
            reasons: Vec::new(),
            date: None,
            title: None,
            boilerplate: Vec::new(),
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
    /// The file (`-` for standard input, read as JSONL), or the name standard input is read as
    /// (`--stdin-as`).
    pub path: PathBuf,
    /// Whether the content comes from standard input.
    pub stdin: bool,
    /// The folder given on the command line (or the file's parent for a single file).
    pub root: PathBuf,
    /// How to read it.
    pub format: Format,
    /// Whether it is gzip-compressed (`.gz`).
    pub gzip: bool,
    /// Why it cannot be read at all (a folder that cannot be listed, a FIFO, socket or device in a
    /// folder): it is listed in documents.csv as skipped with this reason and never opened.
    pub problem: Option<String>,
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
    /// JSONL/CSV field holding the document's `path` (for documents.csv and file-name dates),
    /// instead of `file:line`.
    pub path_field: Option<String>,
    /// Added to the line numbers of JSONL/CSV rows (in `file:line` ids and paths), for a slice of a
    /// file read on its own.
    pub line_offset: usize,
    /// Largest document read, in bytes; a bigger one is skipped with a reason, since analysing it
    /// takes memory several times its size.
    pub max_doc_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            text_field: "text".into(),
            id_field: "id".into(),
            date_field: "date".into(),
            path_field: None,
            line_offset: 0,
            max_doc_bytes: 32 << 20,
        }
    }
}

impl ReadOptions {
    /// The reason to skip a document of `len` bytes, if it is over the limit.
    fn too_large(&self, len: usize) -> Option<String> {
        (len > self.max_doc_bytes)
            .then(|| self.over_limit(&format!("of {:.1} MB ", len as f64 / 1e6)))
    }

    fn over_limit(&self, size: &str) -> String {
        format!(
            "document {size}is over the {} MB limit (--max-doc-mb); split it or raise the limit",
            self.max_doc_bytes >> 20
        )
    }
}

/// The format of a path from its extension(s), in any case (`.TXT`, `.Jsonl.GZ`), and whether it
/// is gzip-compressed.
fn format_of(path: &Path) -> Option<(Format, bool)> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let (name, gzip) = match name.strip_suffix(".gz") {
        Some(n) => (n, true),
        None => (name.as_str(), false),
    };
    let format = match name.rsplit_once('.')?.1 {
        "txt" | "md" | "text" => Format::Text,
        "jsonl" | "ndjson" => Format::Jsonl,
        "csv" => Format::Csv,
        _ => return None,
    };
    Some((format, gzip))
}

/// Expands the command-line inputs into files: folders recursively (hidden entries skipped, only
/// regular files named `.txt`, `.text`, `.jsonl`, `.ndjson` or `.csv`, optionally `.gz`, in any
/// case), sorted by path so runs are deterministic. A file named directly is read whatever its extension (as text unless it is JSONL
/// or CSV) and whatever it is (a FIFO such as `<(zcat …)` too); `-` is JSONL on standard input.
///
/// Nothing found in a folder fails the run or hangs it: a subfolder that cannot be listed, and a
/// FIFO, socket or device with a document's name (reading one could block forever), become
/// [`InputFile::problem`]s, listed as skipped documents. Only an input that does not exist is an
/// error.
pub fn list_inputs(inputs: &[PathBuf]) -> anyhow::Result<Vec<InputFile>> {
    Ok(scan_inputs(inputs)?.0)
}

/// What a folder scan left out: files whose names do not say they are documents (a `LICENSE`, a
/// `.html` or `.pdf`, the `.md` documentation of a corpus), for the run's closing `note:`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ignored {
    /// How many files were left out.
    pub count: usize,
    /// The first of them, in corpus order.
    pub example: Option<PathBuf>,
}

impl Ignored {
    fn add(&mut self, path: &Path) {
        self.count += 1;
        if self.example.is_none() {
            self.example = Some(path.to_path_buf());
        }
    }

    /// The note a run prints about the files left out, if there were any.
    pub fn note(&self) -> Option<String> {
        let example = self.example.as_ref()?;
        Some(format!(
            "{} file(s) in the input folders were not read: their names do not end in .txt, \
             .text, .jsonl, .ndjson or .csv (optionally .gz), or they are a folder's .md \
             documentation (e.g. {}); name a file on the command line to read it",
            self.count,
            example.display()
        ))
    }
}

/// [`list_inputs`], also returning what the folder scans left out.
pub fn scan_inputs(inputs: &[PathBuf]) -> anyhow::Result<(Vec<InputFile>, Ignored)> {
    let mut out = Vec::new();
    let mut ignored = Ignored::default();
    for input in inputs {
        if input.as_os_str() == "-" {
            out.push(InputFile {
                path: input.clone(),
                stdin: true,
                root: PathBuf::new(),
                format: Format::Jsonl,
                gzip: false,
                problem: None,
            });
            continue;
        }
        let meta = std::fs::metadata(input)
            .map_err(|e| anyhow::anyhow!("cannot read input {}: {e}", input.display()))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(input, &mut found);
            found.sort_by(|a, b| a.0.cmp(&b.0));
            // Markdown in a corpus folder documents the corpus (README.md, SOURCE.md); it is
            // read only when named on the command line.
            let markdown = |p: &Path| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .map(str::to_ascii_lowercase)
                    .is_some_and(|n| n.ends_with(".md") || n.ends_with(".md.gz"))
            };
            for (path, found) in found {
                let (format, gzip) = match (format_of(&path), &found) {
                    (_, Found::Folder(_)) => (Format::Text, false),
                    (Some(f), _) if !markdown(&path) => f,
                    _ => {
                        ignored.add(&path);
                        continue;
                    }
                };
                let problem = match found {
                    Found::File => None,
                    Found::Unreadable(reason) | Found::Folder(reason) => Some(reason),
                };
                out.push(InputFile {
                    path,
                    stdin: false,
                    root: input.clone(),
                    format,
                    gzip,
                    problem,
                });
            }
        } else {
            let root = input.parent().map(Path::to_path_buf).unwrap_or_default();
            let (format, gzip) = format_of(input).unwrap_or((Format::Text, false));
            out.push(InputFile {
                format,
                gzip,
                path: input.clone(),
                stdin: false,
                root,
                problem: None,
            });
        }
    }
    Ok((out, ignored))
}

/// Standard input read as if it were the file `name` (`--stdin-as`): ids, paths and the format
/// (JSONL unless the extension says otherwise) are those of `name`.
pub fn stdin_as(name: &Path) -> InputFile {
    let (format, gzip) = format_of(name).unwrap_or((Format::Jsonl, false));
    InputFile {
        path: name.to_path_buf(),
        stdin: true,
        root: name.parent().map(Path::to_path_buf).unwrap_or_default(),
        format,
        gzip,
        problem: None,
    }
}

/// The files named in a list (`--files-from`), one path per line, absolute or relative to `root`,
/// in the list's order, read as a folder run over `root` reads its files: ids relative to `root`,
/// the format from the extension (a file of any other extension is read as text, as a file named
/// on the command line is), and only regular files (anything else is listed as skipped, with the
/// reasons a folder scan gives). Blank lines are ignored.
pub fn list_files_from(list: impl BufRead, root: &Path) -> std::io::Result<Vec<InputFile>> {
    let mut out = Vec::new();
    for line in list.lines() {
        let line = line?;
        let line = line.strip_suffix('\r').unwrap_or(&line);
        if line.trim().is_empty() {
            continue;
        }
        let path = root.join(line);
        let (format, gzip) = format_of(&path).unwrap_or((Format::Text, false));
        out.push(InputFile {
            problem: listed_problem(&path),
            path,
            stdin: false,
            root: root.to_path_buf(),
            format,
            gzip,
        });
    }
    Ok(out)
}

/// Why a listed path is not read, as [`walk`] would say it: not a regular file, a folder that
/// cannot be listed (a folder scan lists those too), a link to a folder. None for a regular file,
/// or for a path that cannot be examined (opening it says why).
fn listed_problem(path: &Path) -> Option<String> {
    let link = std::fs::symlink_metadata(path)
        .ok()?
        .file_type()
        .is_symlink();
    let meta = std::fs::metadata(path).ok()?;
    if meta.is_file() {
        None
    } else if meta.is_dir() && link {
        Some(LINKED_FOLDER.into())
    } else if meta.is_dir() {
        Some(match std::fs::read_dir(path) {
            Err(e) => cannot_list(e),
            Ok(_) => "a folder (list the files in it instead)".into(),
        })
    } else {
        Some(not_regular(&meta.file_type()))
    }
}

/// What a folder scan found at a path.
enum Found {
    /// A regular file (or a link to one): read it if its name says it is a document.
    File,
    /// Something that is not read: listed as skipped with this reason if its name says it is a
    /// document (a FIFO, socket or device).
    Unreadable(String),
    /// A folder whose documents cannot be reached: always listed as skipped with this reason.
    Folder(String),
}

/// Collects what is below `dir` (hidden entries skipped); never fails: problems are [`Found`]s.
fn walk(dir: &Path, out: &mut Vec<(PathBuf, Found)>) {
    let cannot_list = |e: std::io::Error| Found::Folder(cannot_list(e));
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return out.push((dir.to_path_buf(), cannot_list(e))),
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => return out.push((dir.to_path_buf(), cannot_list(e))),
        };
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let kind = match entry.file_type() {
            Ok(t) if t.is_symlink() => match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => {
                    out.push((path, Found::Folder(LINKED_FOLDER.into())));
                    continue;
                }
                Ok(m) => m.file_type(),
                // A dangling link: opening it says why.
                Err(_) => {
                    out.push((path, Found::File));
                    continue;
                }
            },
            Ok(t) => t,
            Err(e) => {
                out.push((path, Found::Unreadable(format!("cannot read file: {e}"))));
                continue;
            }
        };
        if kind.is_dir() {
            walk(&path, out);
        } else if kind.is_file() {
            out.push((path, Found::File));
        } else {
            out.push((path, Found::Unreadable(not_regular(&kind))));
        }
    }
}

/// Why a symbolic link to a folder is not read.
const LINKED_FOLDER: &str =
    "a symbolic link to a folder, not followed (name it on the command line to read it)";

/// Why a folder's files are missing.
fn cannot_list(e: std::io::Error) -> String {
    format!("cannot list folder: {e}")
}

/// Why a file of this type is not read from a folder.
fn not_regular(t: &std::fs::FileType) -> String {
    format!(
        "not a regular file ({}); only regular files are read from a folder",
        special_kind(t)
    )
}

/// What a file that is neither a regular file nor a folder is, in words.
fn special_kind(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else {
        "a special file"
    }
}

/// The id of a file: its path relative to the root, without extension(s), with `/` separators.
fn file_id(file: &InputFile) -> String {
    if file.stdin && file.path.as_os_str() == "-" {
        return "stdin".into();
    }
    let rel = file.path.strip_prefix(&file.root).unwrap_or(&file.path);
    let mut rel = rel.to_path_buf();
    if file.gzip {
        rel = rel.with_extension("");
    }
    rel.with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The file's name in documents.csv's `path` column: its path, or `stdin` for standard input read
/// as `-` (its rows are `stdin:LINE`, as their ids are).
fn shown_path(file: &InputFile) -> String {
    if file.stdin && file.path.as_os_str() == "-" {
        "stdin".into()
    } else {
        file.path.display().to_string()
    }
}

/// The id of an input that cannot be read: a file's usual id; a folder's path relative to the root
/// (extensions kept: they are part of a folder's name), or the whole path for the root itself.
fn problem_id(file: &InputFile) -> String {
    if !file.path.is_dir() {
        return file_id(file);
    }
    let rel = file.path.strip_prefix(&file.root).unwrap_or(&file.path);
    let rel = if rel.as_os_str().is_empty() {
        &file.path
    } else {
        rel
    };
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A document not yet decoded: reading is sequential and cheap, decoding and parsing happen later in
/// parallel.
#[derive(Debug)]
pub enum Pending {
    /// A whole text file, read when decoded.
    File(InputFile),
    /// One JSONL line, as read: its `file:line` id and `path:line` are formatted, and its bytes
    /// decoded, by whichever thread decodes it.
    Json {
        /// The file's id (the fallback id is `file_id:line`).
        file_id: Arc<str>,
        /// The file's path as documents.csv shows it (the document's is `path:line`).
        path: Arc<str>,
        /// The line's number (input line offset included).
        line_no: usize,
        /// The raw line: UTF-8, invalid sequences replaced when decoded.
        line: Vec<u8>,
        /// The encoding the file was decoded from (UTF-16 with a byte-order mark), for a warning.
        decoded: Option<&'static Encoding>,
    },
    /// A document that is already complete (a CSV row or a read error).
    Ready(Box<Document>),
}

impl Pending {
    /// What the document will be called, kept before it is decoded so that a failure to decode
    /// can name it ([`PendingName::id_and_path`]); a JSONL line's `file:line` id and path are
    /// formatted only then.
    pub fn name(&self) -> PendingName {
        match self {
            Pending::File(file) => PendingName::Known(file_id(file), shown_path(file)),
            Pending::Json {
                file_id,
                path,
                line_no,
                ..
            } => PendingName::Line {
                file_id: Arc::clone(file_id),
                path: Arc::clone(path),
                line_no: *line_no,
            },
            Pending::Ready(doc) => PendingName::Known(doc.id.clone(), doc.path.clone()),
        }
    }

    /// Decodes into a document. Never fails: problems become skipped documents.
    pub fn into_document(self, opts: &ReadOptions) -> Document {
        match self {
            Pending::File(file) => read_text_file(&file, opts),
            Pending::Json {
                file_id,
                path,
                line_no,
                line,
                decoded,
            } => {
                let (id, path) = (at_line(&file_id, line_no), at_line(&path, line_no));
                // A line of ASCII (most: JSON writers escape the rest) is taken as it is, after
                // a test that reads it faster than the validation of UTF-8 does.
                let mut invalid = None;
                let line = if crate::text::is_ascii(&line) {
                    // SAFETY: bytes that are all ASCII are valid UTF-8.
                    unsafe { String::from_utf8_unchecked(line) }
                } else {
                    match String::from_utf8(line) {
                        Ok(line) => line,
                        Err(e) => {
                            invalid = Some(e.utf8_error().valid_up_to());
                            String::from_utf8_lossy(e.as_bytes()).into_owned()
                        }
                    }
                };
                let mut doc = json_document(id, path, &line, opts);
                note_decoded(&mut doc, decoded);
                if let Some(at) = invalid {
                    doc.warn(invalid_utf8(at, " of the line"));
                }
                doc
            }
            Pending::Ready(doc) => *doc,
        }
    }
}

/// The name of a [`Pending`] document ([`Pending::name`]).
#[derive(Debug)]
pub enum PendingName {
    /// A JSONL line's: its file's id and path and its number.
    Line {
        /// The file's id.
        file_id: Arc<str>,
        /// The file's path as documents.csv shows it.
        path: Arc<str>,
        /// The line's number (input line offset included).
        line_no: usize,
    },
    /// Any other document's id and documents.csv path.
    Known(String, String),
}

impl PendingName {
    /// The id and documents.csv path the document will have (for reporting a failure to decode).
    pub fn id_and_path(self) -> (String, String) {
        match self {
            PendingName::Line {
                file_id,
                path,
                line_no,
            } => (at_line(&file_id, line_no), at_line(&path, line_no)),
            PendingName::Known(id, path) => (id, path),
        }
    }
}

/// `name:line`, the fallback id and the path of a JSONL line (`format!` costs about five times
/// as much, once per document).
fn at_line(name: &str, line: usize) -> String {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(line);
    let mut s = String::with_capacity(name.len() + 1 + digits.len());
    s.push_str(name);
    s.push(':');
    s.push_str(digits);
    s
}

/// Opens a file (standard input: see [`open_stdin`]), decompressing `.gz`.
fn open(file: &InputFile) -> std::io::Result<Box<dyn BufRead + Send>> {
    let raw = File::open(&file.path)?;
    Ok(buffered(if file.gzip {
        Box::new(MultiGzDecoder::new(BufReader::new(raw)))
    } else {
        Box::new(raw)
    }))
}

fn buffered(raw: Box<dyn Read + Send>) -> Box<dyn BufRead + Send> {
    Box::new(BufReader::with_capacity(1 << 16, raw))
}

/// The first bytes of every gzip stream.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Whether an error reading through a gzip decoder means the compressed data is damaged (rather
/// than, say, a failing disk).
fn is_corruption(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(e.kind(), InvalidInput | InvalidData | UnexpectedEof)
}

/// The reason a damaged gzip file is skipped.
fn corrupt_gzip(e: &std::io::Error) -> String {
    format!("corrupt gzip data ({e}); nothing was read from it")
}

/// The reason a damaged gzip file is skipped, given `compressed`, its data from the start, again:
/// when its members are whole and bytes that are no gzip member follow them (decompressing them
/// fails with 'invalid gzip header' or 'unexpected end of file', as if the stream were cut), it
/// says so.
fn gzip_damage(compressed: impl Read, e: &std::io::Error) -> String {
    match trailing_bytes(compressed) {
        Some(n) => format!(
            "corrupt gzip data: {n} byte(s) that are no gzip member follow the compressed \
             stream (trailing data); nothing was read from it"
        ),
        None => corrupt_gzip(e),
    }
}

/// How many bytes follow the last whole gzip member of `compressed` when they do not start
/// another, or None (a member is damaged, or the data could not be read).
fn trailing_bytes(compressed: impl Read) -> Option<u64> {
    let mut input = BufReader::with_capacity(1 << 16, compressed);
    loop {
        let mut member = flate2::bufread::GzDecoder::new(&mut input);
        std::io::copy(&mut member, &mut std::io::sink()).ok()?;
        let rest = input.fill_buf().ok()?;
        // (A buffer may end between the two magic bytes: then the next turn reads the header.)
        let another = rest.iter().zip(GZIP_MAGIC).all(|(b, m)| *b == m);
        if rest.is_empty() || !another {
            return std::io::copy(&mut input, &mut std::io::sink())
                .ok()
                .filter(|n| *n > 0);
        }
    }
}

/// Decompresses gzip data once, keeping nothing, so that damage is found before any document of it
/// is used: a stream that fails its checksum halfway must not feed the rows before the failure
/// (possibly garbage) into the outputs. Decompression is cheap next to analysis.
fn verify_gzip(mut compressed: impl Read + Seek) -> Result<(), String> {
    let mut decoder = MultiGzDecoder::new(BufReader::with_capacity(1 << 16, &mut compressed));
    match std::io::copy(&mut decoder, &mut std::io::sink()) {
        Ok(_) => Ok(()),
        Err(e) if is_corruption(&e) => {
            drop(decoder);
            Err(match compressed.rewind() {
                Ok(()) => gzip_damage(compressed, &e),
                Err(_) => corrupt_gzip(&e),
            })
        }
        Err(e) => Err(format!("cannot read file: {e}")),
    }
}

/// Opens an input for streaming, after verifying it if it is compressed.
fn open_verified(file: &InputFile) -> Result<Box<dyn BufRead + Send>, String> {
    if file.stdin {
        return open_stdin(file.gzip);
    }
    if file.gzip {
        verify_gzip(File::open(&file.path).map_err(|e| format!("cannot read file: {e}"))?)?;
    }
    open(file).map_err(|e| format!("cannot read file: {e}"))
}

/// Standard input, decompressed when its name says so (`--stdin-as x.jsonl.gz`) or it starts with
/// the gzip magic bytes. Compressed input is first copied (still compressed) to an anonymous
/// temporary file and verified, as a `.gz` file is.
fn open_stdin(gzip: bool) -> Result<Box<dyn BufRead + Send>, String> {
    let cannot = |e: std::io::Error| format!("cannot read standard input: {e}");
    let mut stdin = std::io::stdin();
    let mut head = Vec::with_capacity(2);
    (&mut stdin)
        .take(2)
        .read_to_end(&mut head)
        .map_err(cannot)?;
    let compressed = gzip || head == GZIP_MAGIC;
    let input = std::io::Cursor::new(head).chain(stdin);
    if !compressed {
        return Ok(buffered(Box::new(input)));
    }
    let mut spool = tempfile::tempfile().map_err(cannot)?;
    std::io::copy(&mut BufReader::new(input), &mut spool).map_err(cannot)?;
    spool.rewind().map_err(cannot)?;
    verify_gzip(&mut spool)?;
    spool.rewind().map_err(cannot)?;
    Ok(buffered(Box::new(MultiGzDecoder::new(BufReader::new(
        spool,
    )))))
}

fn read_text_file(file: &InputFile, opts: &ReadOptions) -> Document {
    let id = file_id(file);
    let path = shown_path(file);
    let mut bytes = Vec::new();
    // One byte past the limit is enough to know the document is too large.
    let limit = opts.max_doc_bytes as u64 + 1;
    // A text file is read whole before it is used, so a damaged .gz file is never half-read
    // (standard input is verified first, as it cannot be read twice).
    let reader = if file.stdin {
        open_verified(file)
    } else {
        open(file).map_err(|e| format!("cannot read file: {e}"))
    };
    let reader = match reader {
        Ok(r) => r,
        Err(reason) => return Document::skipped(id, path, reason),
    };
    match reader.take(limit).read_to_end(&mut bytes) {
        Ok(n) if n > opts.max_doc_bytes => {
            // The size on disk is the document's size unless it is compressed.
            let reason = std::fs::metadata(&file.path)
                .ok()
                .filter(|_| !file.gzip)
                .and_then(|m| opts.too_large(m.len() as usize))
                .unwrap_or_else(|| opts.over_limit(""));
            Document::skipped(id, path, reason)
        }
        Ok(_) => decode_document(id, path, &bytes),
        Err(e) if file.gzip && is_corruption(&e) => {
            let reason = match File::open(&file.path) {
                Ok(compressed) => gzip_damage(compressed, &e),
                Err(_) => corrupt_gzip(&e),
            };
            Document::skipped(id, path, reason)
        }
        Err(e) => Document::skipped(id, path, format!("cannot read file: {e}")),
    }
}

/// Streams [`Pending`] documents from a list of files, in order, holding at most one open file.
pub struct DocumentStream {
    files: std::vec::IntoIter<InputFile>,
    current: Option<Structured>,
    opts: ReadOptions,
}

// One per open file, never moved in a loop: the size difference between the variants costs nothing.
#[allow(clippy::large_enum_variant)]
enum Structured {
    Jsonl {
        file_id: Arc<str>,
        path: Arc<str>,
        reader: Box<dyn BufRead + Send>,
        lineno: usize,
        decoded: Option<&'static Encoding>,
        /// The capacity to read the next line into (see [`line_capacity`]).
        capacity: usize,
    },
    Csv {
        file_id: String,
        path: String,
        reader: csv::Reader<Tracked<Box<dyn BufRead + Send>>>,
        /// Where the records start and which quotes swallow rows (what the csv crate does not say).
        lines: Arc<Mutex<Lines>>,
        columns: [Option<usize>; 4],
        /// How many cells the header has.
        width: usize,
        decoded: Option<&'static Encoding>,
    },
}

impl DocumentStream {
    /// Starts streaming the given files.
    pub fn new(files: Vec<InputFile>, opts: ReadOptions) -> DocumentStream {
        DocumentStream {
            files: files.into_iter(),
            current: None,
            opts,
        }
    }

    /// Opens a structured file; a file that cannot be opened yields one skipped document.
    fn start(&mut self, file: InputFile) -> Option<Pending> {
        let file_id = file_id(&file);
        let path = shown_path(&file);
        // A byte-order mark is dropped; UTF-16 is decoded as it is read.
        let opened = open_verified(&file)
            .and_then(|r| encoding::sniff(r).map_err(|e| format!("cannot read file: {e}")));
        let (reader, decoded) = match opened {
            Ok(r) => r,
            Err(reason) => return Some(ready(Document::skipped(file_id, path, reason))),
        };
        match file.format {
            Format::Text => unreachable!("text files are not structured"),
            Format::Jsonl => {
                self.current = Some(Structured::Jsonl {
                    file_id: file_id.into(),
                    path: path.into(),
                    reader,
                    lineno: 0,
                    decoded,
                    capacity: line_capacity(0),
                });
                None
            }
            Format::Csv => {
                let (tracked, lines) = Tracked::new(reader);
                let mut reader = csv::ReaderBuilder::new()
                    .flexible(true)
                    .from_reader(tracked);
                let headers = match reader.byte_headers() {
                    Ok(h) => {
                        lock(&lines).next_start();
                        h.clone()
                    }
                    Err(e) => {
                        return Some(ready(Document::skipped(
                            file_id,
                            path,
                            format!("cannot read CSV header: {e}"),
                        )))
                    }
                };
                if headers.is_empty() {
                    let reason = "the CSV file is empty (no header row, no rows)";
                    return Some(ready(Document::skipped(file_id, path, reason.into())));
                }
                if let Some(reason) = repeated_column(&headers, &self.opts) {
                    return Some(ready(Document::skipped(file_id, path, reason)));
                }
                let col = |name: &str| headers.iter().position(|h| h == name.as_bytes());
                let columns = [
                    col(&self.opts.text_field),
                    col(&self.opts.id_field),
                    col(&self.opts.date_field),
                    self.opts.path_field.as_deref().and_then(col),
                ];
                if columns[0].is_none() {
                    return Some(ready(Document::skipped(
                        file_id,
                        path,
                        format!(
                            "CSV has no {:?} column (choose one with --text-field)",
                            self.opts.text_field
                        ),
                    )));
                }
                self.current = Some(Structured::Csv {
                    file_id,
                    path,
                    reader,
                    lines,
                    columns,
                    width: headers.len(),
                    decoded,
                });
                None
            }
        }
    }

    /// The next item of the open structured file, or None when it is exhausted.
    fn next_structured(&mut self) -> Option<Pending> {
        match self.current.as_mut()? {
            Structured::Jsonl {
                file_id,
                path,
                reader,
                lineno,
                decoded,
                capacity,
            } => loop {
                let mut buf = Vec::with_capacity(*capacity);
                *lineno += 1;
                let at = *lineno + self.opts.line_offset;
                match read_line(reader, &mut buf) {
                    Ok(0) => return None,
                    Ok(_) => {}
                    Err(e) => {
                        let doc = Document::skipped(
                            format!("{file_id}:{at}"),
                            format!("{path}:{at}"),
                            format!("cannot read: {e}"),
                        );
                        self.current = None;
                        return Some(ready(doc));
                    }
                }
                if blank_line(&buf) {
                    continue;
                }
                *capacity = line_capacity(buf.len());
                return Some(Pending::Json {
                    file_id: Arc::clone(file_id),
                    path: Arc::clone(path),
                    line_no: at,
                    line: buf,
                    decoded: *decoded,
                });
            },
            Structured::Csv {
                file_id,
                path,
                reader,
                lines,
                columns,
                width,
                decoded,
            } => {
                let mut record = csv::ByteRecord::new();
                let result = reader.read_byte_record(&mut record);
                // The record's first line (the header is line 1) and the quotes that may have
                // swallowed rows into it, from the tracker: the csv crate counts a line too few
                // after a CRLF.
                let (start, suspects) = match result {
                    Ok(true) => {
                        let mut lines = lock(lines);
                        let start = lines.next_start();
                        let suspects = start.map(|s| lines.suspects_from(s)).unwrap_or_default();
                        (start, suspects)
                    }
                    _ => (None, Vec::new()),
                };
                let lineno = start
                    .unwrap_or_else(|| record.position().map_or(0, |p| p.line() as usize))
                    + self.opts.line_offset;
                let fallback_id = format!("{file_id}:{lineno}");
                let where_ = format!("{path}:{lineno}");
                match result {
                    Ok(false) => None,
                    Err(e) => {
                        self.current = None;
                        Some(ready(Document::skipped(
                            fallback_id,
                            where_,
                            format!("invalid CSV row: {e}"),
                        )))
                    }
                    Ok(true) => {
                        let get = |c: Option<usize>| {
                            c.and_then(|c| record.get(c))
                                .map(|b| String::from_utf8_lossy(b).into_owned())
                                .filter(|s| !s.is_empty())
                        };
                        let id = get(columns[1]).filter(|s| !blank(s)).unwrap_or(fallback_id);
                        let where_ = get(columns[3]).unwrap_or(where_);
                        if let Some(reason) = self.opts.too_large(record.as_slice().len()) {
                            return Some(ready(Document::skipped(id, where_, reason)));
                        }
                        // The column exists (checked on opening); a row may be too short for it.
                        let text_column = columns[0].unwrap_or_default();
                        if record.len() <= text_column {
                            let reason = format!(
                                "no text: the row has {} cell(s), and the {:?} column is number {}",
                                record.len(),
                                self.opts.text_field,
                                text_column + 1
                            );
                            return Some(ready(Document::skipped(id, where_, reason)));
                        }
                        let mut doc = structured_document(
                            id,
                            where_,
                            Some(get(columns[0]).unwrap_or_default()),
                            get(columns[2]),
                            &self.opts.text_field,
                            true,
                        );
                        for suspect in suspects {
                            doc.warn(suspect.warning(path, self.opts.line_offset));
                        }
                        note_decoded(&mut doc, *decoded);
                        // Text in cells past the header's: a comma in an unquoted cell may have
                        // cut the text short (empty ones, a trailing comma, are no sign of it).
                        if record.iter().skip(*width).any(|cell| !cell.is_empty()) {
                            doc.warn(format!(
                                "the row has {} cells and the header {}: the cells past the \
                                 header's are left out (a comma in a cell that is not quoted?)",
                                record.len(),
                                width
                            ));
                        }
                        let invalid = record.iter().enumerate().find_map(|(k, cell)| {
                            std::str::from_utf8(cell)
                                .err()
                                .map(|e| (k, e.valid_up_to()))
                        });
                        if let Some((k, at)) = invalid {
                            doc.warn(invalid_utf8(at, &format!(" of cell {}", k + 1)));
                        }
                        Some(ready(doc))
                    }
                }
            }
        }
    }
}

/// The CSV tracker's state (a panic while it was held cannot leave it half-updated).
fn lock(lines: &Mutex<Lines>) -> MutexGuard<'_, Lines> {
    lines.lock().unwrap_or_else(|e| e.into_inner())
}

/// Warns that a document was decoded from UTF-16, if it was.
fn note_decoded(doc: &mut Document, decoded: Option<&'static Encoding>) {
    if let Some(encoding) = decoded {
        doc.warn(encoding::decoded_note(encoding));
    }
}

/// The capacity to read a JSONL line into after a line of `last` bytes: a little more than that
/// line, so that a line like it is read without growing the buffer (each growth copies the line),
/// and no more than 64 KB, since the buffer travels with its document and every byte of it beyond
/// the line is memory held while the document is in flight.
fn line_capacity(last: usize) -> usize {
    (last + last / 4).clamp(1 << 10, 1 << 16)
}

/// Whether a JSONL line holds only white space (as [`str::trim`] defines it), without decoding a
/// line that opens with anything else: such a line is no document and has no row.
fn blank_line(line: &[u8]) -> bool {
    let first = line.iter().position(|&b| !crate::text::is_ascii_space(b));
    match first {
        None => true,
        Some(i) if line[i].is_ascii() => false,
        // Non-ASCII white space (such as U+00A0) may follow: decode to tell.
        Some(i) => String::from_utf8_lossy(&line[i..]).trim().is_empty(),
    }
}

fn ready(doc: Document) -> Pending {
    Pending::Ready(Box::new(doc))
}

impl Iterator for DocumentStream {
    type Item = Pending;

    fn next(&mut self) -> Option<Pending> {
        loop {
            if self.current.is_some() {
                if let Some(p) = self.next_structured() {
                    return Some(p);
                }
                self.current = None;
            }
            let file = self.files.next()?;
            if let Some(reason) = &file.problem {
                let path = shown_path(&file);
                return Some(ready(Document::skipped(
                    problem_id(&file),
                    path,
                    reason.clone(),
                )));
            }
            if file.format == Format::Text {
                return Some(Pending::File(file));
            }
            if let Some(p) = self.start(file) {
                return Some(p);
            }
        }
    }
}

/// Why a file whose decoded text is `text` holds no document, if it holds none.
fn no_text(bytes: &[u8], text: &str) -> Option<String> {
    let blank = text.trim_start_matches('\u{feff}').trim().is_empty();
    match (bytes.is_empty(), blank) {
        (true, _) => Some("no text: the file is empty".into()),
        (false, true) => Some("no text: the file holds only white space".into()),
        _ => None,
    }
}

/// Decodes one document's bytes: UTF-16 with a byte-order mark is decoded (and flagged), other
/// binary content is skipped, invalid UTF-8 is replaced and flagged. A file with no text (empty,
/// or only white space and a byte-order mark) is skipped with the reason `no text: …`, as a
/// JSONL or CSV row with an empty text field is.
pub fn decode_document(id: String, path: String, bytes: &[u8]) -> Document {
    if let Some(encoding) = encoding::utf16_bom(bytes) {
        let (text, note) = encoding::decode_utf16(encoding, bytes);
        if let Some(reason) = no_text(bytes, &text) {
            return Document::skipped(id, path, reason);
        }
        let mut doc = Document::from_text(id, path, &text);
        doc.warn(note);
        return doc;
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Document::skipped(
            id,
            path,
            format!("binary file (NUL byte at offset {pos}); not text"),
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => match no_text(bytes, s) {
            Some(reason) => Document::skipped(id, path, reason),
            None => Document::from_text(id, path, s),
        },
        Err(e) => {
            let lossy = String::from_utf8_lossy(bytes);
            let mut doc = Document::from_text(id, path, &lossy);
            doc.warn(invalid_utf8(e.valid_up_to(), ""));
            doc
        }
    }
}

/// The warning of a document whose bytes were not all UTF-8: where the first invalid sequence
/// starts: byte `at` (from 0) of the file, or of what `within` names (" of the line", " of cell 2").
fn invalid_utf8(at: usize, within: &str) -> String {
    format!("invalid UTF-8 at byte {at}{within}; invalid bytes replaced with U+FFFD")
}

fn json_document(fallback_id: String, path: String, line: &str, opts: &ReadOptions) -> Document {
    if let Some(reason) = opts.too_large(line.len()) {
        return Document::skipped(fallback_id, path, reason);
    }
    match crate::jsonl::FlatObject::parse(line) {
        Some(flat) => flat_document(fallback_id, path, flat, opts),
        None => value_document(fallback_id, path, line, opts),
    }
}

/// [`json_document`] of a line of one flat object of strings (and nulls): the same document as
/// [`value_document`] makes of it, with the text moved out of the line's parse, not copied.
fn flat_document(
    fallback_id: String,
    path: String,
    mut flat: crate::jsonl::FlatObject<'_>,
    opts: &ReadOptions,
) -> Document {
    let (id, path, date) = id_path_date(fallback_id, path, opts, |name| {
        flat.get(name).flatten().map(str::to_owned)
    });
    let carriage_return = flat.holds_carriage_return();
    let text = match flat.take(&opts.text_field) {
        Some(None) => return null_text(id, path, &opts.text_field),
        text => text.flatten(),
    };
    structured_document(id, path, text, date, &opts.text_field, carriage_return)
}

/// The skipped document of a JSONL row whose text field is `null` (it read as "no such field").
fn null_text(id: String, path: String, text_field: &str) -> Document {
    Document::skipped(id, path, format!("no text: {text_field:?} is null"))
}

/// What kind of JSON value `value` is, for a message ("an array").
fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// [`json_document`] of any other line, by serde_json's `Value`.
fn value_document(fallback_id: String, path: String, line: &str, opts: &ReadOptions) -> Document {
    let value: serde_json::Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => {
            // A lone surrogate escape ("\ud800") becomes U+FFFD, as invalid UTF-8 does.
            if let Some((mended, n)) = crate::jsonl::mend_lone_surrogates(line) {
                let mut doc = value_document(fallback_id, path, &mended, opts);
                doc.warn(format!(
                    "{n} lone UTF-16 surrogate escape(s) (\\ud800 to \\udfff) replaced with U+FFFD"
                ));
                return doc;
            }
            return Document::skipped(fallback_id, path, format!("invalid JSON: {e}"));
        }
    };
    if !value.is_object() {
        // (It read as an object without the text field.)
        let why = format!(
            "the line is {}, not a JSON object (a JSONL row is one object)",
            json_kind(&value)
        );
        return Document::skipped(fallback_id, path, why);
    }
    let field = |name: &str| -> Option<String> {
        match value.get(name)? {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Null => None,
            serde_json::Value::Number(n) => {
                Some(number_as_written(line, name).unwrap_or_else(|| n.to_string()))
            }
            other => Some(other.to_string()),
        }
    };
    let (id, path, date) = id_path_date(fallback_id, path, opts, field);
    // An id or a date may be a number; the text may not: its JSON rendering ("[\"a\", \"b\"]",
    // "123") is no article, so the row is reported rather than analysed.
    match value.get(&opts.text_field) {
        Some(serde_json::Value::Null) => return null_text(id, path, &opts.text_field),
        Some(serde_json::Value::String(_)) | None => {}
        Some(other) => {
            let (field, kind) = (&opts.text_field, json_kind(other));
            let why =
                format!("{field:?} is {kind}, not a string (choose another with --text-field)");
            return Document::skipped(id, path, why);
        }
    }
    let text = field(&opts.text_field);
    structured_document(id, path, text, date, &opts.text_field, true)
}

/// Why a CSV file whose header names a column the reader takes (text, id, date or path) more than
/// once is skipped: which cell holds it would be a guess.
fn repeated_column(headers: &csv::ByteRecord, opts: &ReadOptions) -> Option<String> {
    let names = [&opts.text_field, &opts.id_field, &opts.date_field];
    let names = names.into_iter().chain(opts.path_field.as_ref());
    names.into_iter().find_map(|name| {
        let cells: Vec<String> = (headers.iter().enumerate())
            .filter(|(_, h)| *h == name.as_bytes())
            .map(|(i, _)| (i + 1).to_string())
            .collect();
        (cells.len() > 1).then(|| {
            let line = headers.position().map_or(1, |p| p.line());
            format!(
                "the CSV header (line {line}) names the {name:?} column more than once (cells {}): \
                 which one to read is unclear",
                cells.join(", ")
            )
        })
    })
}

/// The text of the number in field `name` of the JSON object `line`, as written: serde_json's
/// `Value` holds a number as a u64, i64 or f64, so an id of more digits than they keep
/// (`12345678901234567890123`) would read as `1.2345678901234568e+22`. Of repeated names the last
/// counts, as in `Value`'s map.
fn number_as_written(line: &str, name: &str) -> Option<String> {
    let fields: std::collections::HashMap<String, &serde_json::value::RawValue> =
        serde_json::from_str(line).ok()?;
    fields.get(name).map(|raw| raw.get().to_owned())
}

/// A JSONL document's id, path and date from its fields (`field`: a field's text, None when the
/// line has no such field or it is null): an id that is blank and a path that is empty are the
/// fallbacks'.
fn id_path_date(
    fallback_id: String,
    path: String,
    opts: &ReadOptions,
    field: impl Fn(&str) -> Option<String>,
) -> (String, String, Option<String>) {
    let id = field(&opts.id_field)
        .filter(|s| !blank(s))
        .unwrap_or(fallback_id);
    let path = opts
        .path_field
        .as_deref()
        .and_then(&field)
        .filter(|s| !s.is_empty())
        .unwrap_or(path);
    (id, path, field(&opts.date_field))
}

/// Whether an id is empty or only white space (then the row gets its `file:line` id).
fn blank(id: &str) -> bool {
    id.trim().is_empty()
}

/// The document of a JSONL or CSV row from its fields: skipped when it has no text. When
/// `carriage_return` is false the text is known to hold none (see
/// [`crate::jsonl::FlatObject::holds_carriage_return`]), and is not searched for one.
fn structured_document(
    id: String,
    path: String,
    text: Option<String>,
    date: Option<String>,
    text_field: &str,
    carriage_return: bool,
) -> Document {
    let Some(text) = text else {
        return Document::skipped(
            id,
            path,
            format!("no {text_field:?} field (choose one with --text-field)"),
        );
    };
    if text.trim().is_empty() {
        return Document::skipped(id, path, format!("no text: {text_field:?} is empty"));
    }
    let mut doc = if carriage_return {
        Document::from_string(id, path, text)
    } else {
        Document::from_string_without_cr(id, path, text)
    };
    // A date field wins over a date in the page furniture (see `boilerplate::furnish`).
    doc.date = date;
    doc
}

/// Appends the bytes of `reader` up to and including the next newline to `buf` (all that is left
/// when no newline comes) and returns how many: `BufRead::read_until(b'\n', buf)`, whose loop
/// this is, with the newline found by the `memchr` crate's vectorised search rather than the
/// standard library's byte-wise one (a JSONL document is one line, so every input byte is
/// searched once).
fn read_line<R: BufRead + ?Sized>(reader: &mut R, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    let mut read = 0;
    loop {
        let (done, used) = {
            let available = match reader.fill_buf() {
                Ok(available) => available,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            match memchr::memchr(b'\n', available) {
                Some(i) => {
                    buf.extend_from_slice(&available[..=i]);
                    (true, i + 1)
                }
                None => {
                    buf.extend_from_slice(available);
                    (false, available.len())
                }
            }
        };
        reader.consume(used);
        read += used;
        if done || used == 0 {
            return Ok(read);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_read_as_read_until_reads_them() {
        // A buffer of three bytes makes lines span several fills.
        for input in [
            &b""[..],
            b"\n",
            b"a",
            b"ab\ncd",
            b"abc\n\nde\r\nf\n",
            b"{\"x\": 1}\n{}",
        ] {
            for capacity in [1, 3, 64] {
                let (mut ours, mut std) = (
                    BufReader::with_capacity(capacity, input),
                    BufReader::with_capacity(capacity, input),
                );
                loop {
                    let (mut a, mut b) = (Vec::new(), Vec::new());
                    let n = read_line(&mut ours, &mut a).unwrap();
                    assert_eq!(n, std.read_until(b'\n', &mut b).unwrap());
                    assert_eq!(a, b, "{input:?} {capacity}");
                    if n == 0 {
                        break;
                    }
                }
            }
        }
    }

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
    fn utf16_with_a_byte_order_mark_is_decoded() {
        let mut bytes = vec![0xff, 0xfe];
        bytes.extend("Hé said.".encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode_document("u".into(), "u.txt".into(), &bytes);
        assert_eq!((d.text.as_str(), d.status), ("Hé said.", Status::Warning));
        assert_eq!(d.reasons, ["decoded from UTF-16LE (byte-order mark)"]);
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
    fn a_numeric_jsonl_id_is_read_as_written() {
        let docs = stream(
            "a.jsonl",
            b"{\"id\": 12345678901234567890123, \"text\": \"Iran said so.\"}\n\
              {\"id\":42,\"text\":\"Iran said so.\",\"id\": 1.50 }\n\
              {\"id\":-7,\"text\":\"Iran said so.\"}\n",
        );
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["12345678901234567890123", "1.50", "-7"]);
    }

    #[test]
    fn a_csv_header_naming_a_column_twice_is_reported() {
        for (header, why) in [
            (
                "id,text,text",
                "the \"text\" column more than once (cells 2, 3)",
            ),
            (
                "id,text,id",
                "the \"id\" column more than once (cells 1, 3)",
            ),
        ] {
            let docs = stream("a.csv", format!("{header}\na,Iran said so.,b\n").as_bytes());
            assert_eq!(docs.len(), 1, "{header}");
            assert_eq!(docs[0].status, Status::Skipped);
            let reason =
                format!("the CSV header (line 1) names {why}: which one to read is unclear");
            assert_eq!(docs[0].reasons, [reason], "{header}");
        }
    }

    #[test]
    fn an_empty_csv_file_is_reported_as_empty() {
        for content in ["", "\n\n", "\u{feff}"] {
            let docs = stream("a.csv", content.as_bytes());
            assert_eq!(docs.len(), 1, "{content:?}");
            assert_eq!(docs[0].status, Status::Skipped);
            assert_eq!(
                docs[0].reasons,
                ["the CSV file is empty (no header row, no rows)"],
                "{content:?}"
            );
        }
    }

    /// A .gz file whose whole members are followed by bytes that are no gzip member was skipped
    /// as 'unexpected end of file' (short garbage) or 'invalid gzip header', as if cut or damaged.
    #[test]
    fn trailing_bytes_after_a_gzip_stream_are_named() {
        use std::io::Write;
        let member = |text: &str| {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            gz.write_all(text.as_bytes()).unwrap();
            gz.finish().unwrap()
        };
        let mut two = member("{\"text\":\"Iran said so.\"}\n");
        two.extend(member("{\"text\":\"Israel said so.\"}\n"));
        for (name, garbage) in [("a.jsonl.gz", &b"xyz"[..]), ("b.txt.gz", &[0u8; 40][..])] {
            let mut bytes = two.clone();
            bytes.extend(garbage);
            let docs = stream(name, &bytes);
            assert_eq!(docs.len(), 1, "{name}");
            assert_eq!(docs[0].status, Status::Skipped);
            let reason = format!(
                "corrupt gzip data: {} byte(s) that are no gzip member follow the compressed \
                 stream (trailing data); nothing was read from it",
                garbage.len()
            );
            assert_eq!(docs[0].reasons, [reason], "{name}");
        }
        // A damaged member is not trailing data.
        let mut cut = two.clone();
        cut.truncate(two.len() - 3);
        let docs = stream("c.jsonl.gz", &cut);
        assert!(
            docs[0].reasons[0].starts_with("corrupt gzip data (")
                && docs[0].reasons[0].ends_with("); nothing was read from it")
        );
        assert_eq!(stream("d.jsonl.gz", &two).len(), 2);
    }

    /// Each document's id, text, status and reasons.
    fn outcomes(docs: &[Document]) -> Vec<(&str, &str, Status, &[String])> {
        docs.iter()
            .map(|d| (d.id.as_str(), d.text.as_str(), d.status, &d.reasons[..]))
            .collect()
    }

    fn stream(name: &str, content: &[u8]) -> Vec<Document> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let files = list_inputs(std::slice::from_ref(&path)).unwrap();
        let opts = ReadOptions::default();
        DocumentStream::new(files, opts.clone())
            .map(|p| p.into_document(&opts))
            .collect()
    }

    #[test]
    fn folders_skip_markdown_named_files_do_not() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.txt", "README.md", "notes.md.gz", "LICENSE"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let names = |inputs: &[PathBuf]| -> Vec<String> {
            list_inputs(inputs)
                .unwrap()
                .iter()
                .map(|f| f.path.file_name().unwrap().to_string_lossy().into_owned())
                .collect()
        };
        assert_eq!(names(&[dir.path().to_path_buf()]), ["a.txt"]);
        assert_eq!(names(&[dir.path().join("README.md")]), ["README.md"]);
    }

    #[test]
    fn documents_over_the_size_limit_are_skipped_with_a_reason() {
        let opts = ReadOptions {
            max_doc_bytes: 1 << 20,
            ..ReadOptions::default()
        };
        let dir = tempfile::tempdir().unwrap();
        let big = "word ".repeat(300_000);
        std::fs::write(dir.path().join("big.txt"), &big).unwrap();
        std::fs::write(dir.path().join("small.txt"), "Fine.").unwrap();
        std::fs::write(
            dir.path().join("rows.jsonl"),
            format!("{{\"text\":\"{big}\"}}\n{{\"text\":\"ok\"}}\n"),
        )
        .unwrap();
        let files = list_inputs(&[dir.path().to_path_buf()]).unwrap();
        let docs: Vec<Document> = DocumentStream::new(files, opts.clone())
            .map(|p| p.into_document(&opts))
            .collect();
        let status: Vec<(&str, Status)> = docs.iter().map(|d| (d.id.as_str(), d.status)).collect();
        assert_eq!(
            status,
            [
                ("big", Status::Skipped),
                ("rows:1", Status::Skipped),
                ("rows:2", Status::Ok),
                ("small", Status::Ok)
            ]
        );
        assert_eq!(
            docs[0].reasons[0],
            "document of 1.5 MB is over the 1 MB limit (--max-doc-mb); split it or raise the limit"
        );
    }

    #[test]
    fn jsonl_rows_and_bad_lines() {
        let src = b"{\"id\":\"x1\",\"text\":\"Hello.\",\"date\":\"2024-01-02\"}\nnot json\n\n{\"body\":\"no text\"}\n";
        let docs = stream("f.jsonl", src);
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0].id, "x1");
        assert_eq!(docs[0].date.as_deref(), Some("2024-01-02"));
        assert_eq!(docs[1].status, Status::Skipped);
        assert!(docs[1].path.ends_with("f.jsonl:2"));
        assert_eq!(docs[1].id, "f:2");
        assert!(docs[2].reasons[0].contains("\"text\""));
    }

    #[test]
    fn a_text_that_is_no_string_is_reported_and_numeric_ids_are_kept() {
        let src = b"{\"id\":7,\"text\":123}\n{\"id\":8,\"text\":[\"a\",\"b\"]}\n{\"id\":9,\"text\":{\"p\":1}}\n{\"id\":10,\"text\":true}\n{\"id\":11,\"text\":\"Fine.\"}\n";
        let docs = stream("f.jsonl", src);
        let got: Vec<(&str, Status)> = docs.iter().map(|d| (d.id.as_str(), d.status)).collect();
        use Status::{Ok as Fine, Skipped};
        assert_eq!(
            got,
            [
                ("7", Skipped),
                ("8", Skipped),
                ("9", Skipped),
                ("10", Skipped),
                ("11", Fine)
            ]
        );
        assert_eq!(
            docs[0].reasons,
            ["\"text\" is a number, not a string (choose another with --text-field)"]
        );
        assert!(docs[1].reasons[0].contains("is an array"));
        assert!(docs[2].reasons[0].contains("is an object"));
        assert!(docs[3].reasons[0].contains("is a boolean"));
    }

    /// A line that is JSON but no object, and a null text, say so (each read as 'no "text"
    /// field', as if the row lacked it); null in both the flat and the general reading.
    #[test]
    fn lines_that_are_no_object_and_null_texts_say_so() {
        let src = b"[1,2]\n\"text\"\n42\nnull\n{\"id\":\"a\",\"text\":null}\n{\"id\":\"b\",\"n\":1,\"text\":null}\n{\"id\":\"c\"}\n";
        let reasons: Vec<String> = stream("f.jsonl", src)
            .into_iter()
            .map(|d| format!("{} {:?}: {}", d.id, d.status, d.reasons.join("; ")))
            .collect();
        let no_object = |kind: &str| {
            format!("Skipped: the line is {kind}, not a JSON object (a JSONL row is one object)")
        };
        assert_eq!(
            reasons,
            [
                format!("f:1 {}", no_object("an array")),
                format!("f:2 {}", no_object("a string")),
                format!("f:3 {}", no_object("a number")),
                format!("f:4 {}", no_object("null")),
                "a Skipped: no text: \"text\" is null".into(),
                "b Skipped: no text: \"text\" is null".into(),
                "c Skipped: no \"text\" field (choose one with --text-field)".into(),
            ]
        );
    }

    #[test]
    fn gzip_jsonl() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"{\"text\":\"Zipped.\"}\n").unwrap();
        let docs = stream("a.jsonl.gz", &gz.finish().unwrap());
        assert_eq!(docs.len(), 1);
        assert_eq!(
            (docs[0].id.as_str(), docs[0].text.as_str()),
            ("a:1", "Zipped.")
        );
    }

    #[test]
    fn csv_rows() {
        let docs = stream("f.csv", b"id,text\na,\"Hi, there.\"\n,Second\n");
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "Hi, there.");
        assert_eq!(docs[1].id, "f:3");
        let docs = stream("g.csv", b"id,body\na,b\n");
        assert_eq!(docs[0].status, Status::Skipped);
    }

    /// A JSONL row with a lone surrogate escape ("\ud800", as Python writes text that was not
    /// valid Unicode) is read with U+FFFD in its place and flagged (it was skipped as "invalid
    /// JSON: unexpected end of hex escape").
    #[test]
    fn jsonl_lone_surrogates_become_replacement_characters() {
        let docs = stream(
            "f.jsonl",
            br#"{"id":"a","text":"Iran \ud800 said so."}
{"id":"b","text":"\udc00\ud800x \ud83d\ude00 \\ud800"}
{"id":"c","text":"Fine."}
"#,
        );
        let got = outcomes(&docs);
        let reason = |n: usize| {
            vec![format!(
                "{n} lone UTF-16 surrogate escape(s) (\\ud800 to \\udfff) replaced with U+FFFD"
            )]
        };
        assert_eq!(
            got,
            [
                (
                    "a",
                    "Iran \u{fffd} said so.",
                    Status::Warning,
                    &reason(1)[..]
                ),
                (
                    "b",
                    "\u{fffd}\u{fffd}x \u{1F600} \\ud800",
                    Status::Warning,
                    &reason(2)[..]
                ),
                ("c", "Fine.", Status::Ok, &[][..]),
            ]
        );
    }

    /// A CSV row with text in cells past the header's (an unquoted comma in its text, most
    /// likely, which cut the text short) is flagged; empty cells there (a trailing comma) are not.
    #[test]
    fn csv_rows_longer_than_the_header_are_flagged() {
        let docs = stream(
            "f.csv",
            b"id,text,date\na,Iran, Israel and Egypt said so.,2024-01-02\nb,Fine.,2024-01-03,,\nc,Short.\n",
        );
        let got = outcomes(&docs);
        let long = [
            "the row has 4 cells and the header 3: the cells past the header's are left \
             out (a comma in a cell that is not quoted?)"
                .to_string(),
        ];
        assert_eq!(
            got,
            [
                ("a", "Iran", Status::Warning, &long[..]),
                ("b", "Fine.", Status::Ok, &[][..]),
                ("c", "Short.", Status::Ok, &[][..]),
            ]
        );
    }

    /// Invalid UTF-8 in a CSV row is replaced and flagged, as in a text file (it was replaced
    /// and the row `ok`).
    #[test]
    fn csv_rows_with_invalid_utf8_are_flagged() {
        let docs = stream(
            "f.csv",
            b"id,text
a,Jos\xe9 said so.\nb\xff,Fine.\nc,Fine too.\n",
        );
        let got = outcomes(&docs);
        let reason = |r: &str| vec![r.to_string()];
        assert_eq!(
            got,
            [
                (
                    "a",
                    "Jos\u{fffd} said so.",
                    Status::Warning,
                    &reason(
                        "invalid UTF-8 at byte 3 of cell 2; invalid bytes replaced with U+FFFD"
                    )[..]
                ),
                (
                    "b\u{fffd}",
                    "Fine.",
                    Status::Warning,
                    &reason(
                        "invalid UTF-8 at byte 1 of cell 1; invalid bytes replaced with U+FFFD"
                    )[..]
                ),
                ("c", "Fine too.", Status::Ok, &[][..]),
            ]
        );
    }
    #[test]
    fn a_file_list_reads_like_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        for (name, text) in [("sub/b.txt", "B."), ("a.txt", "A."), ("bin.txt", "x\0y")] {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let fifo = std::ffi::CString::new(dir.path().join("fifo.txt").to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
        let opts = ReadOptions::default();
        let read = |files: Vec<InputFile>| -> Vec<(String, String, Status, Vec<String>)> {
            DocumentStream::new(files, opts.clone())
                .map(|p| p.into_document(&opts))
                .map(|d| (d.id, d.path, d.status, d.reasons))
                .collect()
        };
        let folder = read(list_inputs(&[dir.path().to_path_buf()]).unwrap());
        let bin = dir.path().join("bin.txt");
        let list = format!("a.txt\r\n\n{}\nfifo.txt\nsub/b.txt\n", bin.display());
        let listed = read(list_files_from(list.as_bytes(), dir.path()).unwrap());
        assert_eq!(folder, listed);
        assert_eq!(listed[3].0, "sub/b");
        assert_eq!(listed[2].2, Status::Skipped, "a FIFO is never opened");
        assert_eq!(listed[1].2, Status::Skipped);
    }

    #[test]
    fn empty_ids_fall_back_and_a_path_field_names_the_row() {
        let opts = ReadOptions {
            path_field: Some("url".into()),
            line_offset: 10,
            ..ReadOptions::default()
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.jsonl");
        std::fs::write(
            &path,
            "{\"id\":\"\",\"text\":\"A.\"}\n{\"id\":\" \",\"text\":\"B.\",\"url\":\"x/2024-02-03.html\"}\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("g.csv"), "id,text,url\n,C.,y.html\n").unwrap();
        let files = list_inputs(&[dir.path().to_path_buf()]).unwrap();
        let docs: Vec<Document> = DocumentStream::new(files, opts.clone())
            .map(|p| p.into_document(&opts))
            .collect();
        let got: Vec<(&str, &str)> = docs
            .iter()
            .map(|d| (d.id.as_str(), d.path.as_str()))
            .collect();
        let at = |n: usize| format!("{}:{n}", path.display());
        assert_eq!(
            got,
            [
                ("f:11", at(11).as_str()),
                ("f:12", "x/2024-02-03.html"),
                ("g:12", "y.html")
            ]
        );
        assert_eq!(
            crate::dates::Day::of(&docs[1]).unwrap().to_string(),
            "2024-02-03"
        );
    }

    #[test]
    fn a_blank_line_is_what_trim_empties() {
        let lines: [&[u8]; 10] = [
            b"",
            b"\n",
            b" \t\x0b\x0c\r\n",
            "\u{a0} \u{2003}\n".as_bytes(),
            b"{}\n",
            b"  {\"text\": \"A.\"}",
            "\u{a0}x".as_bytes(),
            b"\xff\n",
            b" \xc3",
            "\u{feff}\n".as_bytes(),
        ];
        for line in lines {
            let decoded = String::from_utf8_lossy(line);
            assert_eq!(blank_line(line), decoded.trim().is_empty(), "{line:?}");
        }
    }

    #[test]
    fn jsonl_lines_keep_ids_and_replace_invalid_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.jsonl");
        let mut bytes = b"{\"text\":\"A.\"}\n \t\n{\"text\":\"B \xff.\"}\n".to_vec();
        bytes.extend_from_slice(format!("{{\"text\":\"{}\"}}\n", "C".repeat(5000)).as_bytes());
        bytes.extend_from_slice(b"{\"text\":\"D.\"}");
        std::fs::write(&path, bytes).unwrap();
        let opts = ReadOptions::default();
        let files = list_inputs(std::slice::from_ref(&path)).unwrap();
        let docs: Vec<Document> = DocumentStream::new(files, opts.clone())
            .map(|p| p.into_document(&opts))
            .collect();
        let got: Vec<(&str, usize)> = docs.iter().map(|d| (d.id.as_str(), d.text.len())).collect();
        assert_eq!(got, [("f:1", 2), ("f:3", 6), ("f:4", 5000), ("f:5", 2)]);
        assert_eq!(docs[1].text, "B \u{fffd}.");
        // Flagged, as a text file is (the row was `ok`).
        assert_eq!(docs[1].status, Status::Warning);
        assert_eq!(
            docs[1].reasons,
            ["invalid UTF-8 at byte 11 of the line; invalid bytes replaced with U+FFFD"]
        );
        assert_eq!(docs[0].status, Status::Ok);
        assert_eq!(docs[0].path, format!("{}:1", path.display()));
    }
}
