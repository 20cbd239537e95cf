//! One document's output rows, before its final id is known.
//!
//! A [`DocRecord`] holds everything the per-document outputs need: the `documents.csv` row, the
//! `mentions.csv` and `claims.csv` rows, and the text report.html shows with the claims. Its `id` is
//! the id read from the input: duplicates are renamed only when records are written in corpus order
//! (see [`crate::merge::Output`]), because whether an id repeats depends on every document before it,
//! which a partial run over a slice of the corpus cannot know.
//!
//! A run builds records from its analyses and writes them at once; `run --partial` stores them as
//! JSON lines (see `docs/partial-format.md`) and `merge` reads them back, so both paths go through the
//! same writers. The fields borrow from the analysis or from the JSON line they were read from.

use crate::claims::Claim;
use crate::corpus::Status;
use crate::entity::DocEntities;
use crate::gazetteer::Gazetteer;
use crate::pipeline::Analysis;
use crate::report::ReportEntry;
use crate::tables::{DocFields, DocRows};
use crate::text::CharIndex;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::sync::OnceLock;

/// One document's rows, keyed by the id it was read with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocRecord<'a> {
    /// The id read from the input (before duplicate renaming).
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    /// documents.csv `path`.
    #[serde(borrow)]
    pub path: Cow<'a, str>,
    /// Read status (before duplicate renaming, which can raise `ok` to `warning`).
    pub status: Status,
    /// Why the status is not `ok`, one reason per problem.
    #[serde(borrow)]
    pub reasons: Vec<Cow<'a, str>>,
    /// The document's date, or empty.
    #[serde(borrow)]
    pub date: Cow<'a, str>,
    /// The document's title, or empty.
    #[serde(borrow)]
    pub title: Cow<'a, str>,
    /// Length in code points.
    pub chars: u64,
    /// Length in bytes (UTF-8), which report.html's text limit counts.
    pub bytes: u64,
    /// Number of sentences.
    pub sentences: u64,
    /// Whether analysis hit an internal error (see [`crate::isolate`]).
    pub internal_error: bool,
    /// mentions.csv rows, in order.
    #[serde(borrow)]
    pub mentions: Vec<MentionRow<'a>>,
    /// claims.csv rows, in content order (the n-th is claim `#c<n>`).
    #[serde(borrow)]
    pub claims: Vec<ClaimRow<'a>>,
    /// The normalised text, for report.html: always present in a run; in a partial only for
    /// documents with claims that fit its report limits (see [`crate::report::Budget`]).
    #[serde(borrow)]
    pub text: Option<Cow<'a, str>>,
}

/// A `mentions.csv` row without its `doc_id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionRow<'a> {
    /// Start, in code points.
    pub start: u64,
    /// End, in code points.
    pub end: u64,
    /// The mention's text.
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    /// The entity it refers to.
    #[serde(borrow)]
    pub entity_id: Cow<'a, str>,
    /// The entity's type.
    #[serde(borrow, rename = "type")]
    pub kind: Cow<'a, str>,
    /// Index of its sentence.
    pub sentence: u64,
    /// How it was found.
    #[serde(borrow)]
    pub how: Cow<'a, str>,
}

/// A `claims.csv` row without its `claim_id` and `doc_id` (both derive from the final document id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimRow<'a> {
    /// direct, mixed, indirect or declined.
    #[serde(borrow)]
    pub kind: Cow<'a, str>,
    /// Content start, in code points.
    pub start: u64,
    /// Content end, in code points.
    pub end: u64,
    /// The content.
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    /// The speaker, by name.
    #[serde(borrow)]
    pub speaker: Cow<'a, str>,
    /// The speaker's entity id, or empty.
    #[serde(borrow)]
    pub speaker_id: Cow<'a, str>,
    /// The speaker's type.
    #[serde(borrow)]
    pub speaker_type: Cow<'a, str>,
    /// The speaker's own words: start and end in code points, if there are any.
    pub speaker_span: Option<[u64; 2]>,
    /// The speaker's own words, or empty.
    #[serde(borrow)]
    pub speaker_text: Cow<'a, str>,
    /// The cue's lemma, or empty.
    #[serde(borrow)]
    pub cue: Cow<'a, str>,
    /// The cue's start and end in code points, if there is a cue.
    pub cue_span: Option<[u64; 2]>,
    /// The rule that produced the claim.
    #[serde(borrow)]
    pub rule: Cow<'a, str>,
    /// The rule's confidence, with two decimals.
    #[serde(borrow)]
    pub confidence: Cow<'a, str>,
    /// Index of the sentence holding the content's start.
    pub sentence: u64,
    /// Entities mentioned in the content, in order of first mention.
    #[serde(borrow)]
    pub entities: Vec<Cow<'a, str>>,
}

impl<'a> DocRecord<'a> {
    /// The rows of one analysed document (offsets converted to code points once, here).
    pub fn of(a: &'a Analysis, gaz: &'a Gazetteer) -> DocRecord<'a> {
        let index = CharIndex::new(&a.doc.text);
        DocRecord {
            mentions: mention_cells(a, gaz, &index)
                .map(MentionRow::from)
                .collect(),
            claims: claim_rows(a, gaz, &index).collect(),
            ..DocRecord::head(a, &index)
        }
    }

    /// The record of `a` without its mention and claim rows (which [`mention_cells`] and
    /// [`claim_cells`] make one at a time); `index` is the document text's.
    fn head(a: &'a Analysis, index: &CharIndex) -> DocRecord<'a> {
        let doc = &a.doc;
        DocRecord {
            id: Cow::Borrowed(&doc.id),
            path: Cow::Borrowed(&doc.path),
            status: doc.status,
            reasons: doc
                .reasons
                .iter()
                .map(|r| Cow::Borrowed(r.as_str()))
                .collect(),
            date: Cow::Borrowed(doc.date.as_deref().unwrap_or("")),
            title: Cow::Borrowed(doc.title.as_deref().unwrap_or("")),
            chars: index.char_offset(doc.text.len()) as u64,
            bytes: doc.text.len() as u64,
            sentences: a.sentences.len() as u64,
            internal_error: a.internal_error,
            mentions: Vec::new(),
            claims: Vec::new(),
            text: Some(Cow::Borrowed(&doc.text)),
        }
    }
}

/// The cells of a `mentions.csv` row after its `doc_id`, as plain borrows: what [`DocRows`]
/// writes, from a [`MentionRow`] ([`MentionRow::cells`]) or straight from the analysis (no
/// [`Cow`] to tell apart, nor a row to make first).
#[derive(Debug, Clone, Copy)]
pub struct MentionCells<'a> {
    /// Start, in code points.
    pub start: u64,
    /// End, in code points.
    pub end: u64,
    /// The mention's text.
    pub text: &'a str,
    /// The entity it refers to.
    pub entity_id: &'a str,
    /// The entity's type.
    pub kind: &'a str,
    /// Index of its sentence.
    pub sentence: u64,
    /// How it was found.
    pub how: &'a str,
}

impl MentionRow<'_> {
    /// Bytes of its text cells (text and entity id), for [`DocRows::reserve`].
    pub fn text_bytes(&self) -> usize {
        self.text.len() + self.entity_id.len()
    }

    /// Its cells, borrowed.
    pub fn cells(&self) -> MentionCells<'_> {
        MentionCells {
            start: self.start,
            end: self.end,
            text: &self.text,
            entity_id: &self.entity_id,
            kind: &self.kind,
            sentence: self.sentence,
            how: &self.how,
        }
    }
}

impl<'a> From<MentionCells<'a>> for MentionRow<'a> {
    fn from(c: MentionCells<'a>) -> MentionRow<'a> {
        MentionRow {
            start: c.start,
            end: c.end,
            text: Cow::Borrowed(c.text),
            entity_id: Cow::Borrowed(c.entity_id),
            kind: Cow::Borrowed(c.kind),
            sentence: c.sentence,
            how: Cow::Borrowed(c.how),
        }
    }
}

impl ClaimRow<'_> {
    /// Bytes of its text cells (content, speaker, speaker's words, entity ids), for
    /// [`DocRows::reserve`].
    pub fn text_bytes(&self) -> usize {
        self.text.len()
            + self.speaker.len()
            + self.speaker_id.len()
            + self.speaker_text.len()
            + self.entities.iter().map(|e| e.len() + 1).sum::<usize>()
    }

    /// Its cells but for `entities`, borrowed.
    pub fn cells(&self) -> ClaimCells<'_> {
        ClaimCells {
            kind: &self.kind,
            start: self.start,
            end: self.end,
            text: &self.text,
            speaker: &self.speaker,
            speaker_id: &self.speaker_id,
            speaker_type: &self.speaker_type,
            speaker_span: self.speaker_span,
            speaker_text: &self.speaker_text,
            cue: &self.cue,
            cue_span: self.cue_span,
            rule: &self.rule,
            confidence: &self.confidence,
            sentence: self.sentence,
        }
    }
}

/// The cells of a `claims.csv` row after its `claim_id` and `doc_id`, but for its `entities`, as
/// plain borrows: what [`DocRows`] writes, from a [`ClaimRow`] ([`ClaimRow::cells`]) or straight
/// from the analysis (no [`Cow`] to tell apart, drop, nor a row to make first). The fields are
/// [`ClaimRow`]'s.
#[derive(Debug, Clone, Copy)]
pub struct ClaimCells<'a> {
    /// direct, mixed, indirect or declined.
    pub kind: &'a str,
    /// Content start, in code points.
    pub start: u64,
    /// Content end, in code points.
    pub end: u64,
    /// The content.
    pub text: &'a str,
    /// The speaker, by name.
    pub speaker: &'a str,
    /// The speaker's entity id, or empty.
    pub speaker_id: &'a str,
    /// The speaker's type.
    pub speaker_type: &'a str,
    /// The speaker's own words: start and end in code points, if there are any.
    pub speaker_span: Option<[u64; 2]>,
    /// The speaker's own words, or empty.
    pub speaker_text: &'a str,
    /// The cue's lemma, or empty.
    pub cue: &'a str,
    /// The cue's start and end in code points, if there is a cue.
    pub cue_span: Option<[u64; 2]>,
    /// The rule that produced the claim.
    pub rule: &'a str,
    /// The rule's confidence, with two decimals.
    pub confidence: &'a str,
    /// Index of the sentence holding the content's start.
    pub sentence: u64,
}

impl<'a> From<ClaimCells<'a>> for ClaimRow<'a> {
    /// The row of `c`, its `entities` empty.
    fn from(c: ClaimCells<'a>) -> ClaimRow<'a> {
        ClaimRow {
            kind: Cow::Borrowed(c.kind),
            start: c.start,
            end: c.end,
            text: Cow::Borrowed(c.text),
            speaker: Cow::Borrowed(c.speaker),
            speaker_id: Cow::Borrowed(c.speaker_id),
            speaker_type: Cow::Borrowed(c.speaker_type),
            speaker_span: c.speaker_span,
            speaker_text: Cow::Borrowed(c.speaker_text),
            cue: Cow::Borrowed(c.cue),
            cue_span: c.cue_span,
            rule: Cow::Borrowed(c.rule),
            confidence: Cow::Borrowed(c.confidence),
            sentence: c.sentence,
            entities: Vec::new(),
        }
    }
}

/// The cells of the mentions.csv rows of `a`, in order; `index` is its text's.
fn mention_cells<'a: 'i, 'i>(
    a: &'a Analysis,
    gaz: &'a Gazetteer,
    index: &'i CharIndex,
) -> impl Iterator<Item = MentionCells<'a>> + 'i {
    let text = &a.doc.text;
    let entities = a.entities(gaz);
    a.mentions.iter().zip(&a.mention_sentence).map(
        #[inline(always)]
        move |(m, &sentence)| {
            let entity = entities.get(m.entity);
            MentionCells {
                start: index.char_offset(m.start) as u64,
                end: index.char_offset(m.end) as u64,
                text: &text[m.range()],
                entity_id: &entity.id,
                kind: entity.kind.as_str(),
                sentence: sentence as u64,
                how: m.how.as_str(),
            }
        },
    )
}

/// The claims.csv rows of `a`, in content order; `index` is its text's.
fn claim_rows<'a: 'i, 'i>(
    a: &'a Analysis,
    gaz: &'a Gazetteer,
    index: &'i CharIndex,
) -> impl Iterator<Item = ClaimRow<'a>> + 'i {
    let entities = a.entities(gaz);
    a.claims.iter().map(move |c| ClaimRow {
        // The row's own confidence cell (owned when it is no rule's).
        confidence: confidence_cell(c.confidence),
        entities: a.claim_entity_ids(c, entities),
        ..ClaimRow::from(claim_cells(a, entities, index, c, ""))
    })
}

/// The cells of the claims.csv row of claim `c` of `a` (`index` is its text's), with
/// `confidence` for its confidence cell ([`confidence_cell`]).
#[inline(always)]
fn claim_cells<'a>(
    a: &'a Analysis,
    entities: DocEntities<'a>,
    index: &CharIndex,
    c: &'a Claim,
    confidence: &'a str,
) -> ClaimCells<'a> {
    let text = &a.doc.text;
    let at = |b: usize| index.char_offset(b) as u64;
    let span = |r: &std::ops::Range<usize>| [at(r.start), at(r.end)];
    ClaimCells {
        kind: c.kind.as_str(),
        start: at(c.content.start),
        end: at(c.content.end),
        text: &text[c.content.clone()],
        speaker: a.speaker_name(c, entities),
        speaker_id: c.speaker_entity.map_or("", |e| entities.get(e).id.as_str()),
        speaker_type: c.speaker_type.as_str(),
        speaker_span: c.speaker.as_ref().map(span),
        speaker_text: c.speaker.clone().map_or("", |r| &text[r]),
        cue: c.cue_lemma,
        cue_span: c.cue.as_ref().map(span),
        rule: c.rule.name(),
        confidence,
        sentence: c.sentence as u64,
    }
}

/// The `confidence` cell of a claim whose confidence is `x`: two decimals. The values the rules
/// give (each rule's two confidences, for a resolved and an unresolved speaker) are formatted once
/// per run; any other value is formatted here.
fn confidence_cell(x: f32) -> Cow<'static, str> {
    static KNOWN: OnceLock<Vec<(u32, String)>> = OnceLock::new();
    let known = KNOWN.get_or_init(|| {
        let mut known: Vec<(u32, String)> = Vec::new();
        for d in crate::claims::rules::RULES {
            for x in [d.confidence, d.unresolved_confidence] {
                if !known.iter().any(|(bits, _)| *bits == x.to_bits()) {
                    known.push((x.to_bits(), format!("{x:.2}")));
                }
            }
        }
        known
    });
    match known.iter().find(|(bits, _)| *bits == x.to_bits()) {
        Some((_, text)) => Cow::Borrowed(text),
        None => Cow::Owned(format!("{x:.2}")),
    }
}

/// A document ready to be written in corpus order: its `documents.csv` fields and counts, with its
/// mentions.csv and claims.csv rows ([`DocRows`], under the id it was read with) and its
/// report.html entry ([`ReportEntry`], under no id) already formatted. A run makes these on the
/// worker threads, so the writer in corpus order (see [`crate::merge::Output::write`]) only
/// assigns the final id and copies bytes; `merge`
/// makes them from the records it reads, through the same code.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadyDoc {
    /// The id read from the input (before duplicate renaming).
    pub id: String,
    /// documents.csv `path`.
    pub path: String,
    /// Read status (before duplicate renaming).
    pub status: Status,
    /// Why the status is not `ok`.
    pub reasons: Vec<String>,
    /// The date, or empty.
    pub date: String,
    /// The title, or empty.
    pub title: String,
    /// Length in code points.
    pub chars: u64,
    /// Length in bytes.
    pub bytes: u64,
    /// Number of sentences.
    pub sentences: u64,
    /// Number of mentions.
    pub mentions: u64,
    /// Number of claims.
    pub claims: u64,
    /// Whether analysis hit an internal error.
    pub internal_error: bool,
    /// The mentions.csv and claims.csv rows (empty when the CSV tables are not written).
    pub rows: DocRows,
    /// The report.html entry, when the report may still embed the document and its text is known.
    pub report: Option<ReportEntry>,
}

impl ReadyDoc {
    /// Formats `rec`: its CSV rows if `csv`, its report entry if `report` (and it has claims and
    /// text).
    pub fn of(rec: &DocRecord, csv: bool, report: bool) -> ReadyDoc {
        let report = match rec.text.as_deref() {
            Some(text) if report && !rec.claims.is_empty() => Some(ReportEntry::of(rec, text)),
            _ => None,
        };
        ReadyDoc {
            rows: if csv {
                DocRows::of(rec)
            } else {
                DocRows::default()
            },
            report,
            ..ReadyDoc::head(rec, rec.mentions.len(), rec.claims.len())
        }
    }

    /// [`ReadyDoc::of`] the [`DocRecord`] of `a`, the same bytes, without holding the record:
    /// each mention and claim row is formatted as it is made, so a large document's rows are
    /// never held twice (as rows and as bytes).
    pub fn of_analysis(a: &Analysis, gaz: &Gazetteer, csv: bool, report: bool) -> ReadyDoc {
        let index = CharIndex::new(&a.doc.text);
        let head = DocRecord::head(a, &index);
        let mut ready = ReadyDoc::head(&head, a.mentions.len(), a.claims.len());
        ready.format(a, gaz, &index, csv, report);
        ready
    }

    /// [`ReadyDoc::of_analysis`] of `a`, whose document's id, path, reasons, date and title are
    /// moved into it rather than copied: for a caller done with them (a run drops the analysis
    /// once it is formatted), three allocations a document fewer on each side.
    pub fn of_analysis_taking(
        a: &mut Analysis,
        gaz: &Gazetteer,
        csv: bool,
        report: bool,
    ) -> ReadyDoc {
        let doc = &mut a.doc;
        let (id, path, reasons) = (
            std::mem::take(&mut doc.id),
            std::mem::take(&mut doc.path),
            std::mem::take(&mut doc.reasons),
        );
        let date = doc.date.take().unwrap_or_default();
        let title = doc.title.take().unwrap_or_default();
        let a = &*a;
        let index = CharIndex::new(&a.doc.text);
        // (Its strings are empty now: only its counts are read.)
        let head = DocRecord::head(a, &index);
        let mut ready = ReadyDoc {
            id,
            path,
            reasons,
            date,
            title,
            ..ReadyDoc::counts(&head, a.mentions.len(), a.claims.len())
        };
        ready.format(a, gaz, &index, csv, report);
        ready
    }

    /// Formats the rows of `a` (whose document this is, `index` its text's) if `csv`, and its
    /// report entry if `report` (and it has claims).
    fn format(
        &mut self,
        a: &Analysis,
        gaz: &Gazetteer,
        index: &CharIndex,
        csv: bool,
        report: bool,
    ) {
        if report && !a.claims.is_empty() {
            let entry = ReportEntry::begin(&self.title, &self.date, &a.doc.text);
            self.report = Some(entry);
        }
        if csv {
            self.rows = DocRows::new(&self.id);
            let entities = a.entities(gaz);
            let text_of = |r: &std::ops::Range<usize>| r.end - r.start;
            let mention_text = a
                .mentions
                .iter()
                .map(|m| text_of(&m.range()) + entities.get(m.entity).id.len())
                .sum();
            // Content and speaker's words, and the speaker named again and identified.
            let claim_texts = a
                .claims
                .iter()
                .map(|c| text_of(&c.content) + c.speaker.as_ref().map_or(0, |r| 2 * text_of(r)));
            let (claim_text, longest) =
                claim_texts.fold((0, 0), |(sum, most), n| (sum + n, most.max(n)));
            // Each row is written into room for its longest form (every text byte a doubled
            // quote, [`crate::output::cell_bound`]): the last row's room comes on top of the
            // rows before it, so the buffer holds twice the longest text more, and is not
            // regrown (copied) for the last rows.
            self.rows.reserve(
                mention_text,
                a.mentions.len(),
                claim_text + claim_text / 16 + 2 * longest,
                a.claims.len(),
            );
            for m in mention_cells(a, gaz, index) {
                self.rows.push_made_mention(&m);
            }
        }
        if csv || self.report.is_some() {
            // The report entry needs each claim's entity ids as a vector; the claims.csv row
            // takes them from the claim's mentions.
            let entities = a.entities(gaz);
            for claim in &a.claims {
                let confidence = confidence_cell(claim.confidence);
                let c = claim_cells(a, entities, index, claim, &confidence);
                if csv {
                    self.rows
                        .push_made_claim(&c, a.claim_mention_ids(claim, entities));
                }
                if let Some(entry) = &mut self.report {
                    let entities = a.claim_entity_ids(claim, entities);
                    entry.push_claim(&ClaimRow {
                        entities,
                        ..ClaimRow::from(c)
                    });
                }
            }
        }
    }

    /// The fields of `rec` with `mentions` and `claims` rows, none formatted.
    fn head(rec: &DocRecord, mentions: usize, claims: usize) -> ReadyDoc {
        ReadyDoc {
            id: rec.id.clone().into_owned(),
            path: rec.path.clone().into_owned(),
            reasons: rec.reasons.iter().map(|r| r.clone().into_owned()).collect(),
            date: rec.date.clone().into_owned(),
            title: rec.title.clone().into_owned(),
            ..ReadyDoc::counts(rec, mentions, claims)
        }
    }

    /// [`ReadyDoc::head`] with the id, path, reasons, date and title left empty.
    fn counts(rec: &DocRecord, mentions: usize, claims: usize) -> ReadyDoc {
        ReadyDoc {
            id: String::new(),
            path: String::new(),
            status: rec.status,
            reasons: Vec::new(),
            date: String::new(),
            title: String::new(),
            chars: rec.chars,
            bytes: rec.bytes,
            sentences: rec.sentences,
            mentions: mentions as u64,
            claims: claims as u64,
            internal_error: rec.internal_error,
            rows: DocRows::default(),
            report: None,
        }
    }

    /// The documents.csv fields other than id, status and reason.
    pub fn fields(&self) -> DocFields<'_> {
        DocFields {
            path: &self.path,
            date: &self.date,
            title: &self.title,
            chars: self.chars,
            sentences: self.sentences,
            mentions: self.mentions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_formatted_from_its_analysis_is_its_record_formatted() {
        let gaz = crate::gazetteer::tests::sample();
        let text = "“Iran <b>will</b> fail, \"whatever\" Israel offers,” said John Bolton.\n\n\
                    Trita Parsi said the talks, in Tehran, would go on. Ünïcode Grossi met Trump.";
        let d = crate::corpus::Document::from_text("x".into(), "x".into(), text);
        let a = crate::pipeline::analyze(d, &gaz);
        assert!(!a.claims.is_empty() && !a.mentions.is_empty());
        for (csv, report) in [(true, true), (true, false), (false, true), (false, false)] {
            let streamed = ReadyDoc::of_analysis(&a, &gaz, csv, report);
            let whole = ReadyDoc::of(&DocRecord::of(&a, &gaz), csv, report);
            assert_eq!(streamed, whole, "csv {csv}, report {report}");
            // The same with the document's strings moved out of (a copy of) the analysis.
            let mut taken = crate::pipeline::analyze(a.doc.clone(), &gaz);
            let moved = ReadyDoc::of_analysis_taking(&mut taken, &gaz, csv, report);
            assert_eq!(moved, whole, "csv {csv}, report {report}, moved");
            assert!(taken.doc.id.is_empty() && taken.doc.title.is_none());
        }
    }

    #[test]
    fn the_words_the_program_makes_need_no_quotes_nor_guard() {
        use crate::claims::{ClaimKind, SpeakerType};
        use crate::mentions::How;
        // What the analysis writes in the columns whose cells it copies without the test
        // (`DocRows::push_made_mention`, `DocRows::push_made_claim`): each is written as it is.
        let mut words: Vec<String> = crate::entity::EntityType::ALL
            .iter()
            .map(|t| t.as_str().to_owned())
            .collect();
        for how in How::FIXED {
            words.push(how.as_str().to_owned());
        }
        let discovery = crate::discover::Rule::ALL.map(crate::discover::Rule::name);
        for rule in [
            crate::name_lists::RULE,
            crate::org_evidence::RULE,
            crate::scorecards::RULE,
        ]
        .into_iter()
        .chain(discovery)
        {
            words.push(How::Rule(rule).as_str().to_owned());
        }
        for kind in ClaimKind::ALL {
            words.push(kind.as_str().to_owned());
        }
        for ty in SpeakerType::ALL {
            words.push(ty.as_str().to_owned());
        }
        for d in crate::claims::rules::RULES {
            words.push(d.name.to_owned());
            for x in [d.confidence, d.unresolved_confidence] {
                words.push(confidence_cell(x).into_owned());
            }
        }
        for word in &words {
            let mut out = Vec::new();
            crate::output::push_cell(&mut out, word);
            assert_eq!(out, word.as_bytes(), "{word:?}");
        }
    }
}
