//! Loading CoNLL-2003 style named-entity data and scoring predicted entity
//! spans against it.
//!
//! The input is one token per line (`token POS chunk tag`, tag last), a blank
//! line between sentences and `-DOCSTART-` lines between documents. Each
//! document becomes one text: tokens joined by single spaces, sentences
//! joined by `\n`, so the pipeline can run on it like any other document and
//! its spans can be compared by code-point offset.

use std::fmt;
use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};

use super::prf::{assert_paired, match_one_to_one, write_table, Candidate, Prf};
pub use crate::entity::EntityType;

/// Maps a CoNLL label (`PER`, `ORG`, `LOC`) to a type; `None` for labels the pipeline does not
/// produce, such as `MISC`.
pub fn type_of_label(label: &str) -> Option<EntityType> {
    match label {
        "PER" => Some(EntityType::Person),
        "ORG" => Some(EntityType::Organization),
        "LOC" => Some(EntityType::Place),
        _ => None,
    }
}

/// An entity mention: half-open code-point range plus type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntitySpan {
    /// First code point of the mention.
    pub start: usize,
    /// One past the last code point of the mention.
    pub end: usize,
    /// Entity type.
    pub kind: EntityType,
}

/// One CoNLL document rebuilt as text, with its gold entities.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConllDoc {
    /// Tokens joined by spaces, sentences by newlines.
    pub text: String,
    /// Gold PER/ORG/LOC mentions in text order (MISC dropped).
    pub gold: Vec<EntitySpan>,
}

/// Reads a CoNLL-2003 file; see [`parse_conll`]. Errors name the file and
/// line.
pub fn load_conll(path: &Path) -> Result<Vec<ConllDoc>> {
    let src = fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read as UTF-8 text", path.display()))?;
    parse_conll_named(&src, &path.display().to_string())
}

/// Parses CoNLL-2003 text into documents.
///
/// The tag is the last whitespace-separated column, in IOB2 or IOB1: an
/// `I-X` that does not continue an open `X` entity starts a new one, since
/// that is what the annotator evidently meant and IOB1 files rely on it.
/// Documents without tokens (e.g. a leading `-DOCSTART-`) are dropped.
/// Errors name the line (as `<input>:N`).
pub fn parse_conll(src: &str) -> Result<Vec<ConllDoc>> {
    parse_conll_named(src, "<input>")
}

fn parse_conll_named(src: &str, origin: &str) -> Result<Vec<ConllDoc>> {
    let mut docs = vec![];
    let mut doc = DocBuilder::default();
    for (i, line) in src.lines().enumerate() {
        let lineno = i + 1;
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.is_empty() {
            doc.end_sentence();
            continue;
        }
        if fields[0] == "-DOCSTART-" {
            docs.extend(std::mem::take(&mut doc).finish());
            continue;
        }
        if fields.len() < 2 {
            bail!(
                "{origin}:{lineno}: expected `token ... tag` (CoNLL-2003 has \
                 `token POS chunk tag`), found {line:?}"
            );
        }
        let tag = fields[fields.len() - 1];
        let tag = if tag == "O" {
            None
        } else {
            match tag.split_once('-') {
                Some(("B", label)) if !label.is_empty() => Some((true, label)),
                Some(("I", label)) if !label.is_empty() => Some((false, label)),
                _ => bail!(
                    "{origin}:{lineno}: tag {tag:?} is not O, B-<TYPE> or I-<TYPE>; \
                     is the tag the last column?"
                ),
            }
        };
        doc.token(fields[0], tag);
    }
    docs.extend(doc.finish());
    Ok(docs)
}

/// Accumulates one document's text and entities while lines are read.
#[derive(Default)]
struct DocBuilder {
    text: String,
    /// Length of `text` in code points, kept to avoid recounting.
    len: usize,
    /// Whether the current sentence has a token yet (decides the separator).
    in_sentence: bool,
    /// The entity being built: start offset and raw label (MISC included,
    /// so that `B-MISC I-PER` starts a PER rather than extending the MISC).
    open: Option<(usize, String)>,
    gold: Vec<EntitySpan>,
}

impl DocBuilder {
    fn token(&mut self, token: &str, tag: Option<(bool, &str)>) {
        let continues = matches!(
            (tag, &self.open),
            (Some((false, label)), Some((_, open))) if label == open
        );
        // Close before the separator goes in, so an entity never ends with
        // the space after its last token.
        if !continues {
            self.close();
        }
        if self.in_sentence {
            self.text.push(' ');
            self.len += 1;
        } else if !self.text.is_empty() {
            self.text.push('\n');
            self.len += 1;
        }
        self.in_sentence = true;
        if let (false, Some((_, label))) = (continues, tag) {
            self.open = Some((self.len, label.to_string()));
        }
        self.text.push_str(token);
        self.len += token.chars().count();
    }

    fn close(&mut self) {
        if let Some((start, label)) = self.open.take() {
            if let Some(kind) = type_of_label(&label) {
                self.gold.push(EntitySpan {
                    start,
                    end: self.len,
                    kind,
                });
            }
        }
    }

    fn end_sentence(&mut self) {
        self.close();
        self.in_sentence = false;
    }

    fn finish(mut self) -> Option<ConllDoc> {
        self.close();
        (!self.text.is_empty()).then_some(ConllDoc {
            text: self.text,
            gold: self.gold,
        })
    }
}

/// Per-type counts for one matching criterion.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TypeScores {
    /// Counts for [`EntityType::Person`].
    pub person: Prf,
    /// Counts for [`EntityType::Organization`].
    pub organization: Prf,
    /// Counts for [`EntityType::Place`].
    pub place: Prf,
}

impl TypeScores {
    /// Counts for one type.
    pub fn get(&self, kind: EntityType) -> Prf {
        match kind {
            EntityType::Person => self.person,
            EntityType::Organization => self.organization,
            EntityType::Place => self.place,
        }
    }

    fn get_mut(&mut self, kind: EntityType) -> &mut Prf {
        match kind {
            EntityType::Person => &mut self.person,
            EntityType::Organization => &mut self.organization,
            EntityType::Place => &mut self.place,
        }
    }

    /// Counts summed over all types (micro average).
    pub fn micro(&self) -> Prf {
        let mut all = Prf::default();
        for kind in EntityType::ALL {
            all.add(self.get(kind));
        }
        all
    }
}

/// Entity scores under two criteria: exact span and type, and overlapping
/// span with the same type.
///
/// The overlap score shows how much of the exact-match loss is only boundary
/// disagreement (e.g. "Mr. Smith" vs "Smith"), which matters less for a
/// graph of who said what than a missed or mistyped entity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EntityReport {
    /// Exact start, end and type.
    pub exact: TypeScores,
    /// Same type and at least one shared code point, matched one-to-one.
    pub overlap: TypeScores,
}

impl fmt::Display for EntityReport {
    /// A table with one row per type and criterion, plus micro rows.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rows = [("exact", &self.exact), ("overlap", &self.overlap)]
            .into_iter()
            .flat_map(|(name, scores)| {
                EntityType::ALL
                    .iter()
                    .map(move |k| (name, k.as_str(), scores.get(*k)))
                    .chain([(name, "micro", scores.micro())])
            });
        write_table(f, ["match", "type"], [8, 13], rows)
    }
}

/// Scores `predicted[i]` against `gold[i].gold` for every document.
///
/// Both criteria match one-to-one within each type, so duplicate predictions
/// are false positives rather than free extra hits.
///
/// # Panics
///
/// When the two slices differ in length: that is a bug in the caller, and a
/// silently shortened evaluation would report wrong numbers.
pub fn score_entities(gold: &[ConllDoc], predicted: &[Vec<EntitySpan>]) -> EntityReport {
    assert_paired("entity", gold.len(), predicted.len());
    let mut report = EntityReport::default();
    for (doc, preds) in gold.iter().zip(predicted) {
        for kind in EntityType::ALL {
            let g: Vec<&EntitySpan> = doc.gold.iter().filter(|e| e.kind == kind).collect();
            let p: Vec<&EntitySpan> = preds.iter().filter(|e| e.kind == kind).collect();
            report.exact.get_mut(kind).add(match_spans(&g, &p, |a, b| {
                a.start == b.start && a.end == b.end
            }));
            report
                .overlap
                .get_mut(kind)
                .add(match_spans(&g, &p, |a, b| overlap(a, b) > 0));
        }
    }
    report
}

fn overlap(a: &EntitySpan, b: &EntitySpan) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

fn match_spans(
    gold: &[&EntitySpan],
    pred: &[&EntitySpan],
    accept: impl Fn(&EntitySpan, &EntitySpan) -> bool,
) -> Prf {
    let mut candidates = vec![];
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            if accept(g, p) {
                candidates.push(Candidate {
                    gold: gi,
                    pred: pi,
                    overlap: overlap(g, p),
                    gold_start: g.start,
                    pred_start: p.start,
                });
            }
        }
    }
    let tp = match_one_to_one(candidates).len();
    Prf::new(tp, pred.len() - tp, gold.len() - tp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, kind: EntityType) -> EntitySpan {
        EntitySpan { start, end, kind }
    }

    fn slice(text: &str, e: &EntitySpan) -> String {
        text.chars().skip(e.start).take(e.end - e.start).collect()
    }

    use EntityType::{Organization as Org, Person as Per, Place as Loc};

    #[test]
    fn builds_text_and_spans() {
        let src = "-DOCSTART- -X- -X- O\n\n\
                   Ann NNP B-NP B-PER\nLee NNP I-NP I-PER\nvisited VBD B-VP O\nParis NNP B-NP B-LOC\n. . O O\n\n\
                   Acme NNP B-NP B-ORG\nwon VBD B-VP O\n\n\
                   -DOCSTART- -X- -X- O\n\n\
                   Bob NNP B-NP B-PER\n";
        let docs = parse_conll(src).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "Ann Lee visited Paris .\nAcme won");
        assert_eq!(
            docs[0].gold,
            vec![span(0, 7, Per), span(16, 21, Loc), span(24, 28, Org)]
        );
        assert_eq!(slice(&docs[0].text, &docs[0].gold[2]), "Acme");
        assert_eq!(docs[1].text, "Bob");
        assert_eq!(docs[1].gold, vec![span(0, 3, Per)]);
    }

    #[test]
    fn iob_edge_cases() {
        // I- without B- starts an entity; I- of another type starts a new
        // one; B- right after B- of the same type splits; MISC is dropped
        // but still stops a PER from swallowing it; entity at sentence end
        // closes before the newline.
        let src = "Al X X I-PER\nBo X X I-LOC\nCy X X B-LOC\nDi X X B-MISC\nEd X X I-PER\nFa X X I-PER\n\n\
                   Gu X X B-ORG\n";
        let docs = parse_conll(src).unwrap();
        let d = &docs[0];
        assert_eq!(d.text, "Al Bo Cy Di Ed Fa\nGu");
        let got: Vec<(String, EntityType)> =
            d.gold.iter().map(|e| (slice(&d.text, e), e.kind)).collect();
        let want = [
            ("Al", Per),
            ("Bo", Loc),
            ("Cy", Loc),
            ("Ed Fa", Per),
            ("Gu", Org),
        ];
        let want: Vec<(String, EntityType)> =
            want.iter().map(|(s, k)| (s.to_string(), *k)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn offsets_count_code_points() {
        let docs =
            parse_conll("Zoë X X B-PER\nMüller X X I-PER\nat X X O\nMünchen X X B-LOC\n").unwrap();
        let d = &docs[0];
        assert_eq!(d.gold, vec![span(0, 10, Per), span(14, 21, Loc)]);
        assert_eq!(slice(&d.text, &d.gold[1]), "München");
    }

    #[test]
    fn bad_tag_names_line() {
        let err = parse_conll("a X X O\nb X X S-PER\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("<input>:2:"), "{err}");
        assert!(err.contains("S-PER"), "{err}");
        let err = parse_conll("lonely\n").unwrap_err().to_string();
        assert!(err.starts_with("<input>:1:"), "{err}");
    }

    #[test]
    fn exact_and_overlap_scores() {
        let gold = vec![ConllDoc {
            text: String::new(),
            gold: vec![span(0, 9, Per), span(20, 25, Loc), span(30, 34, Org)],
        }];
        let pred = vec![vec![
            span(0, 9, Per),   // exact
            span(19, 25, Loc), // overlap only
            span(30, 34, Per), // right span, wrong type
            span(0, 3, Per),   // duplicate over an already matched gold
        ]];
        let r = score_entities(&gold, &pred);
        assert_eq!(r.exact.person, Prf::new(1, 2, 0));
        assert_eq!(r.exact.place, Prf::new(0, 1, 1));
        assert_eq!(r.exact.organization, Prf::new(0, 0, 1));
        assert_eq!(r.exact.micro(), Prf::new(1, 3, 2));
        assert_eq!(
            r.overlap.person,
            Prf::new(1, 2, 0),
            "one-to-one: duplicate is fp"
        );
        assert_eq!(r.overlap.place, Prf::new(1, 0, 0));
        assert_eq!(r.overlap.micro(), Prf::new(2, 2, 1));
        let table = r.to_string();
        assert_eq!(table.lines().count(), 9);
        assert!(table.contains("overlap  micro"), "{table}");
    }

    #[test]
    fn overlap_matching_prefers_larger_overlap() {
        // Prediction 5-15 overlaps gold 0-10 by 5 and gold 12-30 by 3; a
        // second prediction 12-14 can only take gold 12-30 if the first goes
        // to gold 0-10, which it does because 5 > 3.
        let gold = vec![ConllDoc {
            text: String::new(),
            gold: vec![span(0, 10, Per), span(12, 30, Per)],
        }];
        let r = score_entities(&gold, &[vec![span(5, 15, Per), span(12, 14, Per)]]);
        assert_eq!(r.overlap.person, Prf::new(2, 0, 0));
    }

    #[test]
    fn conll_dev_counts() {
        let Some(path) = super::super::brat::shared_dir().map(|d| d.join("eval/conllpp/dev.txt"))
        else {
            crate::testing::skip("../shared/eval/conllpp/dev.txt not found");
            return;
        };
        if !path.is_file() {
            crate::testing::skip("../shared/eval/conllpp/dev.txt not found");
            return;
        }
        let docs = load_conll(&path).unwrap_or_else(|e| panic!("{e:#}"));
        let count = |k| {
            docs.iter()
                .flat_map(|d| &d.gold)
                .filter(|e| e.kind == k)
                .count()
        };
        let (per, org, loc) = (count(Per), count(Org), count(Loc));
        eprintln!(
            "conll dev: {} docs, PER {per}, ORG {org}, LOC {loc}",
            docs.len()
        );
        // Matches the B- tag counts of the file: IOB2 gives one B- per entity.
        let src = fs::read_to_string(&path).unwrap();
        let begins = |t: &str| src.lines().filter(|l| l.ends_with(t)).count();
        assert_eq!(
            docs.len(),
            src.lines().filter(|l| l.starts_with("-DOCSTART-")).count()
        );
        assert_eq!(per, begins(" B-PER"));
        assert_eq!(org, begins(" B-ORG"));
        assert_eq!(loc, begins(" B-LOC"));
        // Every entity's text is whole tokens of the rebuilt document.
        for d in &docs {
            for e in &d.gold {
                let s = slice(&d.text, e);
                assert!(!s.is_empty() && !s.starts_with(' ') && !s.ends_with(' '));
            }
        }
    }
}
