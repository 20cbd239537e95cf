//! `headline`: a paragraph opening "Bernie Sanders: ‘It Is Not A Radical Idea’ …" (a headline) or
//! "Matthews: Well, …" (a transcript line): the capitalised words before the colon are the speaker,
//! the rest of the paragraph is the claim. On a title line before a quotation, lowercase words may be
//! part of the speaker phrase ("WSJ editorial: 'Deport Nikki Haley.'"). Labels such as "Correction:"
//! are listed in `lexicons/headline_labels.txt`.

use super::SAY;
use crate::claims::attribution::{Candidate, Engine, Outcome};
use crate::claims::function_words::WordClass as W;
use crate::claims::quotes::has_quote_mark;
use crate::claims::speaker::{Phrase, Role};
use crate::claims::tokens::is_capitalized;
use crate::claims::ClaimKind;
use crate::lexicon::WordList;
use once_cell::sync::Lazy;

/// Paragraph-opening labels that are not speakers (`lexicons/headline_labels.txt`).
static LABELS: Lazy<WordList> = Lazy::new(|| crate::lexicon::word_list("headline_labels.txt"));

/// Reads the headline labels now (see [`crate::pipeline::prepare`]).
pub(crate) fn prepare() {
    Lazy::force(&LABELS);
}

/// At most this many tokens before a headline's colon: a name with a title, not a sentence.
const MAX_LABEL: usize = 6;

/// Applies `headline` to sentence `si`, the first of its paragraph.
pub(super) fn apply(e: &Engine<'_>, si: usize) -> Outcome {
    let r = e.sent_toks[si].clone();
    if !e.sentence_has(si, ':') {
        return Outcome::Pass;
    }
    let Some(colon) =
        (r.start + 1..r.end.min(r.start + MAX_LABEL + 1)).find(|&t| e.is_punct(t, &[':']))
    else {
        return Outcome::Pass;
    };
    let label_ok = (r.start..colon).all(|t| {
        let w = e.word(t);
        e.is_word(t) && (is_capitalized(w) || e.word_in(t, W::NameMinor))
    });
    // A title line "WSJ editorial: 'Deport Nikki Haley.'", "Republicans' reaction: 'Is that all
    // there is?'": before a quotation, a phrase with lowercase words names the speaker too.
    // Not with a cue or a pronoun in it ("He told reporters: …"), and not in the body, where
    // "Sanders delivered a snappy retort: “…”" is a sentence that other rules read.
    let phrase_ok = || {
        // The document's first line, a paragraph of its own.
        si == 0
            && !e.paragraph_goes_on(si)
            && e.text[e.toks[colon].end..]
                .trim_start()
                .starts_with(['“', '"', '‘', '\''])
            && e.capitalized(r.start)
            && (r.start..colon).all(|t| {
                (e.is_word(t) || e.is_punct(t, &['\'', '’']))
                    && e.hit_at(t).is_none()
                    && !matches!(e.role(t), Some(Role::Pronoun(_) | Role::Relative))
            })
    };
    let label = &e.text[e.bytes(r.start, colon - 1)];
    if !(label_ok || phrase_ok()) || LABELS.contains(&label.to_lowercase()) {
        return Outcome::Pass;
    }
    let mut last = si;
    while e.paragraph_goes_on(last) {
        last += 1;
    }
    let end = e.sent_toks[last].end;
    let words = (colon + 1..end).filter(|&t| e.is_word(t)).count();
    let Some(content) = e.trimmed(colon + 1, end).filter(|_| words >= 3) else {
        return Outcome::Pass;
    };
    let body = &e.text[content.clone()];
    let kind = if body.starts_with(['“', '"', '‘', '\'', '«']) {
        ClaimKind::Direct
    } else if has_quote_mark(body) || body.contains(" ‘") || body.contains(" '") {
        ClaimKind::Mixed
    } else {
        ClaimKind::Indirect
    };
    let sp = e.speaker(
        Phrase {
            first: r.start,
            last: colon - 1,
        },
        si,
    );
    let cue = (e.bytes(colon, colon), SAY);
    Outcome::Claim(Candidate::with_cue(kind, content, Some(sp), Some(cue)))
}
