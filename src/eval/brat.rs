//! Loading PolNeAR gold attributions from brat standoff files.
//!
//! A split directory holds `text/<stem>.txt` and one or more
//! `attributions/<stem>_<annotator>.ann` per article. Offsets in the `.ann`
//! files count Unicode code points, not bytes, so every offset in this module
//! is a code-point offset.
//!
//! What the real files contain, beyond the basic `T`/`E` lines:
//! - span text can hold newlines, so one `T` annotation may run over several
//!   physical lines; the loader uses the offsets to know how many lines belong
//!   to it;
//! - discontinuous spans (`0 5;9 12`) write their text as the pieces joined by
//!   a single space, as brat does;
//! - events use the roles `Source`, `Cue`, `Content` and `Content2` (a second
//!   content piece); numbered roles are merged into their base role;
//! - a few events have no `Content` at all; they cannot be matched against a
//!   prediction, so they are skipped;
//! - `#` annotator notes and `Discard`/`Discuss` spans are ignored.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// A half-open range `[start, end)` of code-point offsets into a document.
///
/// Code points (not bytes) because that is what brat and the gold corpora
/// use; converting at the edges keeps the scorers free of UTF-8 concerns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First code point in the span.
    pub start: usize,
    /// One past the last code point in the span.
    pub end: usize,
}

impl Span {
    /// Builds a span from its two offsets.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Number of code points covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no code point at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of code points shared with `other` (0 when disjoint).
    pub fn overlap(&self, other: &Span) -> usize {
        self.end
            .min(other.end)
            .saturating_sub(self.start.max(other.start))
    }
}

impl fmt::Display for Span {
    /// Formats as `start-end`, the form used in error messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

/// One gold attribution: who (source) said or believed (cue) what (content).
///
/// Each role is a list of pieces because brat spans can be discontinuous and
/// PolNeAR sometimes splits a content in two (`Content` + `Content2`). Pieces
/// are sorted by position and overlapping pieces merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldAttribution {
    /// The brat event id, e.g. `E12`, so errors can be traced to the file.
    pub id: String,
    /// Pieces of the attributed content; never empty.
    pub content: Vec<Span>,
    /// Pieces of the source (speaker); empty for `Attribution-no-source`.
    pub source: Vec<Span>,
    /// Pieces of the cue (e.g. "said", "according to").
    pub cue: Vec<Span>,
    /// Content pieces' text joined by single spaces, for error reports.
    pub content_text: String,
    /// Source pieces' text joined by single spaces; empty when no source.
    pub source_text: String,
    /// Whether the content holds a quotation mark; see [`is_quoted`].
    pub quoted: bool,
}

/// One article of a gold split with its attributions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldDoc {
    /// File name of the article without `.txt`.
    pub stem: String,
    /// The article after [`normalize_text`]; all offsets refer to this text.
    pub text: String,
    /// The annotation file the attributions came from.
    pub ann_path: PathBuf,
    /// Attributions in file order.
    pub attributions: Vec<GoldAttribution>,
}

/// Loads a PolNeAR split: every `dir/text/*.txt` with the first (by file
/// name) `dir/attributions/<stem>_<annotator>.ann`, sorted by stem.
///
/// Several annotators annotated some articles; using one file keeps each
/// attribution counted once, and "first by name" makes the choice stable.
/// Errors name the file (and line, for parse errors) that is wrong.
pub fn load_corpus(dir: &Path) -> Result<Vec<GoldDoc>> {
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    let stems = file_names_with_ext(&text_dir, ".txt")?;
    let mut anns: BTreeMap<String, String> = BTreeMap::new();
    for name in file_names_with_ext(&ann_dir, ".ann")? {
        let Some((stem, annotator)) = name.rsplit_once('_') else {
            bail!(
                "{}: annotation file name must look like <stem>_<annotator>.ann",
                ann_dir.join(format!("{name}.ann")).display()
            );
        };
        if annotator.is_empty() {
            bail!(
                "{}: annotation file name has an empty annotator after '_'",
                ann_dir.join(format!("{name}.ann")).display()
            );
        }
        // Names arrive sorted, so the first one seen for a stem is the first
        // by file name.
        anns.entry(stem.to_string()).or_insert(name);
    }
    if let Some(orphan) = anns.keys().find(|s| stems.binary_search(s).is_err()) {
        bail!(
            "{}: annotations for {orphan:?} but no text/{orphan}.txt; is {} a complete split?",
            ann_dir.display(),
            dir.display()
        );
    }
    let mut docs = Vec::with_capacity(stems.len());
    for stem in stems {
        let text_path = text_dir.join(format!("{stem}.txt"));
        let Some(ann_name) = anns.get(&stem) else {
            bail!(
                "{}: no annotation file {}/{stem}_<annotator>.ann",
                text_path.display(),
                ann_dir.display()
            );
        };
        let ann_path = ann_dir.join(format!("{ann_name}.ann"));
        let raw = fs::read_to_string(&text_path)
            .with_context(|| format!("{}: cannot read as UTF-8 text", text_path.display()))?;
        let ann = fs::read_to_string(&ann_path)
            .with_context(|| format!("{}: cannot read as UTF-8 text", ann_path.display()))?;
        let attributions = parse_ann(&ann_path, &ann, &raw)?;
        docs.push(GoldDoc {
            stem,
            text: normalize_text(&raw),
            ann_path,
            attributions,
        });
    }
    Ok(docs)
}

/// Sorted names (without `ext`) of the files in `dir` ending in `ext`.
fn file_names_with_ext(dir: &Path, ext: &str) -> Result<Vec<String>> {
    let entries = fs::read_dir(dir).with_context(|| {
        format!(
            "{}: cannot list directory (a PolNeAR split needs text/ and attributions/)",
            dir.display()
        )
    })?;
    let mut names = vec![];
    for entry in entries {
        let entry = entry.with_context(|| format!("{}: cannot list directory", dir.display()))?;
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            bail!("{}: file name is not valid UTF-8", path.display());
        };
        if let Some(base) = name.strip_suffix(ext) {
            names.push(base.to_string());
        }
    }
    names.sort();
    Ok(names)
}

/// Normalises a document the way the pipeline does: strips a leading BOM and
/// turns CRLF and lone CR into LF.
///
/// Gold offsets are remapped through the same transformation (see
/// [`parse_ann`]), so predictions made on normalised text line up with gold.
pub fn normalize_text(raw: &str) -> String {
    crate::text::normalize(raw).into_owned()
}

/// Normalised text plus, for each raw code-point offset `i` (0..=len), the
/// matching offset in the normalised text. `None` when nothing changed, which
/// is the common case and needs no remapping.
fn normalize_with_map(raw: &str) -> (String, Option<Vec<usize>>) {
    if !raw.starts_with('\u{feff}') && !raw.contains('\r') {
        return (raw.to_string(), None);
    }
    let mut out = String::with_capacity(raw.len());
    let mut map = Vec::with_capacity(raw.len() + 1);
    let mut kept = 0;
    let mut chars = raw.chars().peekable();
    let mut first = true;
    while let Some(c) = chars.next() {
        map.push(kept);
        let is_bom = first && c == '\u{feff}';
        first = false;
        if is_bom || (c == '\r' && chars.peek() == Some(&'\n')) {
            // Dropped: a span starting here starts at the next kept char.
            continue;
        }
        out.push(if c == '\r' { '\n' } else { c });
        kept += 1;
    }
    map.push(kept);
    (out, Some(map))
}

/// Whether a content text counts as a quotation (direct or mixed).
///
/// Counted as quote marks: `"` `“` `”` `„` `«` `»`; two ASCII apostrophes
/// `''` (the New York Times articles write every double quote that way); and
/// an opening single quote (`'` or `‘`) at the start of the text or after
/// whitespace or an opening bracket/dash, directly followed by a letter.
/// PolNeAR headlines quote with single quotes (Mayor calls plan 'reckless').
/// A bare `'` or `’` elsewhere is not counted: in this corpus it is almost
/// always an apostrophe ("Kim’s", "don't"). Known misfires: a leading
/// elision such as "'em".
pub fn is_quoted(text: &str) -> bool {
    const DOUBLE: &[char] = &['"', '\u{201c}', '\u{201d}', '\u{201e}', '\u{ab}', '\u{bb}'];
    if text.contains(DOUBLE) || text.contains("''") {
        return true;
    }
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let opens = (c == '\'' || c == '\u{2018}')
            && prev.is_none_or(|p| p.is_whitespace() || "([{-\u{2013}\u{2014}".contains(p))
            && chars.peek().is_some_and(|n| n.is_alphabetic());
        if opens {
            return true;
        }
        prev = Some(c);
    }
    false
}

/// Parses one brat `.ann` file into attributions whose offsets refer to
/// [`normalize_text`]`(raw_text)`.
///
/// `origin` is only used in error messages. Every span's text is checked
/// against `raw_text`, because a mismatch means the offsets (or the pairing
/// of `.ann` and `.txt`) are wrong and every score built on them would be
/// silently off.
pub fn parse_ann(origin: &Path, ann: &str, raw_text: &str) -> Result<Vec<GoldAttribution>> {
    let at = |line: usize| format!("{}:{}", origin.display(), line);
    let raw_chars: Vec<char> = raw_text.chars().collect();
    let lines: Vec<&str> = ann.split('\n').collect();
    let mut spans: HashMap<&str, Vec<Span>> = HashMap::new();
    let mut events: Vec<(usize, &str)> = vec![];
    let mut i = 0;
    while i < lines.len() {
        let lineno = i + 1;
        let line = lines[i].strip_suffix('\r').unwrap_or(lines[i]);
        i += 1;
        match line.chars().next() {
            None => continue,
            Some('T') => {}
            Some('E') => {
                events.push((lineno, line));
                continue;
            }
            // Notes, attributes, relations, normalisations: nothing to score.
            Some('#' | 'A' | 'R' | 'M' | 'N' | '*') => continue,
            Some(_) => bail!(
                "{}: unrecognised line; expected a brat T, E, A, R, M, N or # \
                 annotation (or a span text continued from the line above): {}",
                at(lineno),
                preview(line)
            ),
        }
        let mut fields = line.splitn(3, '\t');
        let (Some(id), Some(label_offsets), Some(first_text)) =
            (fields.next(), fields.next(), fields.next())
        else {
            bail!(
                "{}: span line needs three tab-separated fields `T<n>`, \
                 `<Label> <start> <end>[;<start> <end>...]` and the text: {}",
                at(lineno),
                preview(line)
            );
        };
        let Some((_label, offsets)) = label_offsets.split_once(' ') else {
            bail!(
                "{}: {id}: expected `<Label> <start> <end>`, found {label_offsets:?}",
                at(lineno)
            );
        };
        let pieces = parse_offsets(offsets, raw_chars.len())
            .with_context(|| format!("{}: {id}: bad offsets {offsets:?}", at(lineno)))?;
        let expected = join_pieces(&raw_chars, &pieces);
        let want_len = expected.chars().count();
        // Span text may contain newlines, which brat writes verbatim, so keep
        // taking lines until the text is as long as the offsets say.
        let mut text = first_text.to_string();
        while text.chars().count() < want_len && i < lines.len() {
            text.push('\n');
            text.push_str(lines[i]);
            i += 1;
        }
        if text != expected {
            bail!(
                "{}: {id}: span text does not match the text file at {offsets}: \
                 .ann has {} but .txt has {}; is this .ann for a different .txt, \
                 or were the offsets counted in bytes instead of code points?",
                at(lineno),
                preview(&text),
                preview(&expected)
            );
        }
        if spans.insert(id, pieces).is_some() {
            bail!("{}: span id {id} is defined twice", at(lineno));
        }
    }

    let (norm_text, map) = normalize_with_map(raw_text);
    let norm_chars: Vec<char> = norm_text.chars().collect();
    let remap = |pieces: Vec<Span>| -> Vec<Span> {
        let pieces = match &map {
            None => pieces,
            Some(m) => pieces
                .into_iter()
                .map(|s| Span::new(m[s.start], m[s.end]))
                .collect(),
        };
        merge_pieces(pieces)
    };

    let mut out = vec![];
    for (lineno, line) in events {
        let Some((id, args)) = line.split_once('\t') else {
            bail!(
                "{}: event line needs `E<n>`, a tab, then `Type:T<n> Role:T<n>...`: {}",
                at(lineno),
                preview(line)
            );
        };
        let mut args = args.split_whitespace();
        let trigger = args.next().unwrap_or("");
        let event_type = trigger.split(':').next().unwrap_or("");
        if event_type != "Attribution" && event_type != "Attribution-no-source" {
            bail!(
                "{}: {id}: event type must be Attribution or \
                 Attribution-no-source, found {trigger:?}",
                at(lineno)
            );
        }
        let (mut content, mut source, mut cue) = (vec![], vec![], vec![]);
        for arg in args {
            let Some((role, tid)) = arg.split_once(':') else {
                bail!("{}: {id}: expected `Role:T<n>`, found {arg:?}", at(lineno));
            };
            let Some(pieces) = spans.get(tid) else {
                bail!(
                    "{}: {id}: role {role} refers to {tid}, which no T line defines",
                    at(lineno)
                );
            };
            // Roles are read by name, not by the label of the span they point
            // to: a handful of PolNeAR events point a role at a span labelled
            // differently, and the role is what the annotator meant.
            let target = match role.trim_end_matches(|c: char| c.is_ascii_digit()) {
                "Content" => &mut content,
                "Source" => &mut source,
                "Cue" => &mut cue,
                _ => bail!(
                    "{}: {id}: unknown role {role:?}; expected Source, Cue or Content",
                    at(lineno)
                ),
            };
            target.extend_from_slice(pieces);
        }
        if content.is_empty() {
            // Nothing a prediction could match.
            continue;
        }
        let content = remap(content);
        let source = remap(source);
        let cue = remap(cue);
        let content_text = join_pieces(&norm_chars, &content);
        let source_text = join_pieces(&norm_chars, &source);
        out.push(GoldAttribution {
            id: id.to_string(),
            quoted: is_quoted(&content_text),
            content,
            source,
            cue,
            content_text,
            source_text,
        });
    }
    Ok(out)
}

/// Parses `s e[;s e...]` and checks each piece lies inside the text.
fn parse_offsets(offsets: &str, text_len: usize) -> Result<Vec<Span>> {
    let mut pieces = vec![];
    for piece in offsets.split(';') {
        let nums: Vec<&str> = piece.split_whitespace().collect();
        let [start, end] = nums[..] else {
            bail!("each piece must be `<start> <end>`, found {piece:?}");
        };
        let start: usize = start
            .parse()
            .with_context(|| format!("start {start:?} is not a number"))?;
        let end: usize = end
            .parse()
            .with_context(|| format!("end {end:?} is not a number"))?;
        if start > end {
            bail!("start {start} is after end {end}");
        }
        if end > text_len {
            bail!("end {end} is past the end of the text ({text_len} code points)");
        }
        pieces.push(Span::new(start, end));
    }
    Ok(pieces)
}

/// The text of `pieces`, joined by single spaces as brat writes them.
fn join_pieces(chars: &[char], pieces: &[Span]) -> String {
    let mut out = String::new();
    for (k, p) in pieces.iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.extend(&chars[p.start..p.end]);
    }
    out
}

/// Sorts pieces and merges overlapping ones, so that overlap sums in the
/// scorer never count a code point twice.
fn merge_pieces(mut pieces: Vec<Span>) -> Vec<Span> {
    pieces.retain(|p| !p.is_empty());
    pieces.sort();
    let mut out: Vec<Span> = vec![];
    for p in pieces {
        match out.last_mut() {
            Some(last) if p.start < last.end => last.end = last.end.max(p.end),
            _ => out.push(p),
        }
    }
    out
}

/// A short, quoted form of `s` for error messages.
fn preview(s: &str) -> String {
    const MAX: usize = 80;
    if s.chars().count() <= MAX {
        format!("{s:?}")
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head:?}...")
    }
}

/// Where the shared evaluation data lives: `$CLAIMGRAPH_SHARED`, else
/// `CARGO_MANIFEST_DIR/../shared`. Tests that need the data skip when this
/// returns `None`, so the crate still tests cleanly without it.
#[cfg(test)]
pub(crate) fn shared_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("CLAIMGRAPH_SHARED") {
        let dir = PathBuf::from(dir);
        if dir.is_dir() {
            return Some(dir);
        }
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    dir.is_dir().then_some(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(ann: &str, text: &str) -> Result<Vec<GoldAttribution>> {
        parse_ann(Path::new("test.ann"), ann, text)
    }

    #[test]
    fn span_overlap() {
        let a = Span::new(0, 10);
        assert_eq!(a.overlap(&Span::new(5, 20)), 5);
        assert_eq!(
            a.overlap(&Span::new(10, 20)),
            0,
            "half-open: touching is not overlapping"
        );
        assert_eq!(Span::new(3, 4).overlap(&a), 1);
        assert!(Span::new(4, 4).is_empty());
    }

    #[test]
    fn basic_attribution() {
        let text = "Bo said it rains.";
        let ann = "T1\tSource 0 2\tBo\nT2\tCue 3 7\tsaid\nT3\tContent 8 16\tit rains\n\
                   T4\tAttribution 3 7\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";
        let got = parse(ann, text).unwrap();
        assert_eq!(got.len(), 1);
        let a = &got[0];
        assert_eq!(a.id, "E1");
        assert_eq!(a.content, vec![Span::new(8, 16)]);
        assert_eq!(a.source, vec![Span::new(0, 2)]);
        assert_eq!(a.cue, vec![Span::new(3, 7)]);
        assert_eq!(a.content_text, "it rains");
        assert_eq!(a.source_text, "Bo");
        assert!(!a.quoted);
    }

    #[test]
    fn offsets_are_code_points() {
        // "Zoë" and "“" are multi-byte: byte offsets would be off by 3 here.
        let text = "Zoë said “hi”.";
        let ann = "T1\tSource 0 3\tZoë\nT2\tContent 9 13\t“hi”\nT3\tCue 4 8\tsaid\n\
                   E1\tAttribution:T2 Source:T1 Cue:T3 Content:T2\n";
        let got = parse(ann, text).unwrap();
        assert_eq!(got[0].content_text, "“hi”");
        assert_eq!(got[0].source_text, "Zoë");
        assert!(got[0].quoted);
    }

    #[test]
    fn discontinuous_and_content2_and_multiline() {
        // Content piece one spans a newline, so the .ann line wraps; Content2
        // adds a third piece; pieces come out sorted.
        let text = "ab\ncd said ef gh";
        let ann = "T1\tContent 0 5;11 13\tab\ncd ef\nT2\tCue 6 10\tsaid\nT3\tContent 14 16\tgh\n\
                   E1\tAttribution-no-source:T2 Cue:T2 Content2:T3 Content:T1\n";
        let got = parse(ann, text).unwrap();
        let a = &got[0];
        assert_eq!(
            a.content,
            vec![Span::new(0, 5), Span::new(11, 13), Span::new(14, 16)]
        );
        assert_eq!(a.content_text, "ab\ncd ef gh");
        assert!(a.source.is_empty());
        assert_eq!(a.source_text, "");
    }

    #[test]
    fn event_without_content_is_skipped_and_notes_ignored() {
        let text = "He said.";
        let ann = "T1\tSource 0 2\tHe\nT2\tCue 3 7\tsaid\n#1\tAnnotatorNotes T1\tunsure\n\
                   E1\tAttribution:T2 Source:T1 Cue:T2\n";
        assert!(parse(ann, text).unwrap().is_empty());
    }

    #[test]
    fn mismatched_text_names_line_and_both_texts() {
        let err = parse("T1\tSource 0 2\tHe\nT2\tCue 0 3\tShe\n", "He said")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("test.ann:2: T2:"), "{err}");
        assert!(err.contains("\"She\"") && err.contains("\"He \""), "{err}");
    }

    #[test]
    fn bad_lines_are_errors_with_line_numbers() {
        let err = parse("T1\tSource 0 99\tHe\n", "He").unwrap_err();
        assert!(format!("{err:#}").contains("past the end"), "{err:#}");
        assert!(err.to_string().starts_with("test.ann:1:"), "{err}");
        let err = parse("T1\tSource 0 2\tHe\nE1\tAttribution:T1 Content:T9\n", "He")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("test.ann:2:") && err.contains("T9"),
            "{err}"
        );
        let err = parse("oops\n", "He").unwrap_err().to_string();
        assert!(err.contains("unrecognised line"), "{err}");
    }

    #[test]
    fn bom_and_crlf_are_normalised_and_offsets_follow() {
        // Raw offsets (as brat counts them) include the BOM and the CR.
        let raw = "\u{feff}A.\r\nBo said \"x\".\rEnd";
        let ann = "T1\tSource 5 7\tBo\nT2\tCue 8 12\tsaid\nT3\tContent 13 16\t\"x\"\n\
                   E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n";
        let got = parse(ann, raw).unwrap();
        let norm = normalize_text(raw);
        assert_eq!(norm, "A.\nBo said \"x\".\nEnd");
        let chars: Vec<char> = norm.chars().collect();
        let c = got[0].content[0];
        assert_eq!(chars[c.start..c.end].iter().collect::<String>(), "\"x\"");
        assert_eq!(got[0].source, vec![Span::new(3, 5)]);
    }

    #[test]
    fn quoted_definition() {
        assert!(is_quoted("he was \"sure\""));
        assert!(is_quoted("“We won,”"));
        assert!(is_quoted("''We will win,''"));
        assert!(is_quoted("Mayor calls plan 'reckless'"));
        assert!(is_quoted("‘Bold Move’ praised"));
        assert!(!is_quoted("Kim’s team won't budge"));
        assert!(!is_quoted("the voters' choice"));
        assert!(!is_quoted("it will rain"));
    }

    #[test]
    fn load_corpus_picks_first_annotator_and_sorts() {
        let dir = std::env::temp_dir().join(format!("evalwork-brat-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("text")).unwrap();
        fs::create_dir_all(dir.join("attributions")).unwrap();
        fs::write(dir.join("text/b_x.txt"), "Al said hi.").unwrap();
        fs::write(dir.join("text/a.txt"), "No claims.").unwrap();
        let e = "T1\tSource 0 2\tAl\nT2\tCue 3 7\tsaid\nT3\tContent 8 10\thi\n\
                 E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n";
        fs::write(dir.join("attributions/b_x_zz.ann"), "").unwrap();
        fs::write(dir.join("attributions/b_x_aa.ann"), e).unwrap();
        fs::write(dir.join("attributions/a_01.ann"), "").unwrap();
        let docs = load_corpus(&dir).unwrap();
        fs::remove_dir_all(&dir).unwrap();
        let stems: Vec<&str> = docs.iter().map(|d| d.stem.as_str()).collect();
        assert_eq!(stems, ["a", "b_x"]);
        assert!(docs[1].ann_path.ends_with("b_x_aa.ann"));
        assert_eq!(docs[1].attributions.len(), 1);
    }

    #[test]
    fn polnear_spans_match_text() {
        let Some(root) = shared_dir().map(|d| d.join("eval/polnear")) else {
            crate::testing::skip("../shared/eval/polnear not found");
            return;
        };
        if !root.is_dir() {
            crate::testing::skip("../shared/eval/polnear not found");
            return;
        }
        for split in ["train", "dev"] {
            // load_corpus checks every T span's text against the .txt.
            let docs = load_corpus(&root.join(split)).unwrap_or_else(|e| panic!("{e:#}"));
            let n_text = fs::read_dir(root.join(split).join("text")).unwrap().count();
            assert_eq!(docs.len(), n_text);
            let (mut n, mut quoted, mut no_source, mut bom_or_cr) = (0, 0, 0, 0);
            let mut events = 0;
            for doc in &docs {
                let ann = fs::read_to_string(&doc.ann_path).unwrap();
                events += ann.lines().filter(|l| l.starts_with('E')).count();
                let chars: Vec<char> = doc.text.chars().collect();
                let txt = root.join(split).join(format!("text/{}.txt", doc.stem));
                if doc.text != fs::read_to_string(txt).unwrap() {
                    bom_or_cr += 1;
                }
                for a in &doc.attributions {
                    assert_eq!(join_pieces(&chars, &a.content), a.content_text);
                    n += 1;
                    quoted += a.quoted as usize;
                    no_source += a.source.is_empty() as usize;
                }
            }
            assert!(n > 0);
            eprintln!(
                "polnear {split}: {} docs, {n} attributions, {quoted} quoted ({:.1}%), \
                 {no_source} without source, {} events without content skipped, \
                 {bom_or_cr} docs changed by normalisation",
                docs.len(),
                100.0 * quoted as f64 / n as f64,
                events - n
            );
            // The other annotators' files are not scored, but their offsets
            // must hold too, or a later switch of annotator would break.
            let ann_dir = root.join(split).join("attributions");
            let mut checked = 0;
            for entry in fs::read_dir(&ann_dir).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_stem().unwrap().to_str().unwrap();
                let stem = name.rsplit_once('_').unwrap().0;
                let txt = root.join(split).join(format!("text/{stem}.txt"));
                let raw = fs::read_to_string(txt).unwrap();
                let ann = fs::read_to_string(&path).unwrap();
                parse_ann(&path, &ann, &raw).unwrap_or_else(|e| panic!("{e:#}"));
                checked += 1;
            }
            eprintln!("polnear {split}: {checked} .ann files checked against their text");
        }
    }
}
