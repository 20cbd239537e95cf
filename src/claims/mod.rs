//! Claims: who said or believed what, tied to the speaker's words in the text.
//!
//! [`extract`] runs after sentences and mentions. It reads the sentences' tokens ([`tokens`]), finds
//! double-quoted spans ([`quotes`]) and cue words from the data lexicon ([`cues`]), and the engine
//! ([`attribution`]) offers each quote, cue and paragraph to the attribution rules ([`rules`]: one
//! ordered table, one file per rule), which pair it with a speaker phrase ([`speaker`]) using the
//! helpers they share (`shared`). The content-boundary model ([`boundaries`], a stage of its own
//! after this one) then re-chooses each content's start and end. Every claim records the rule that produced it, so an analyst (or
//! the error CSV of `claimgraph evaluate attributions`) can trace why it exists.
//!
//! All spans are byte ranges of the normalised document text; the tables convert them to code points.

pub mod attribution;
pub mod boundaries;
#[cfg(test)]
mod cases;
pub mod cues;
pub mod function_words;
pub mod quotes;
pub mod rules;
mod shared;
pub mod speaker;
pub mod tokens;

use crate::corpus::Document;
use crate::entity::DocEntities;
use crate::mentions::Mention;
use crate::sentences::Sentence;
use rules::Rule;
use std::fmt;
use std::ops::Range;
use tokens::Tokens;

/// How the content is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ClaimKind {
    /// The speaker's own words in quote marks: “…,” he said.
    Direct,
    /// A reported clause holding a quoted fragment: X said the plan was “dead on arrival”.
    Mixed,
    /// Reported speech or belief without quote marks: X argued that …
    Indirect,
    /// The speaker declined to comment (the content is what was declined, when stated).
    Declined,
}

impl ClaimKind {
    /// Every kind, in declaration order (a new variant belongs here too: the tests that check
    /// every kind's name read this list).
    pub const ALL: [ClaimKind; 4] = [
        ClaimKind::Direct,
        ClaimKind::Mixed,
        ClaimKind::Indirect,
        ClaimKind::Declined,
    ];

    /// The lowercase name used in claims.csv.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Direct => "direct",
            ClaimKind::Mixed => "mixed",
            ClaimKind::Indirect => "indirect",
            ClaimKind::Declined => "declined",
        }
    }
}

impl fmt::Display for ClaimKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of source made the claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SpeakerType {
    /// A named or pronoun-referred person.
    Person,
    /// An organisation, publication or government.
    Organization,
    /// A collective: "U.S. officials", "analysts".
    Group,
    /// A deliberately unnamed source: "a former official, who spoke on the condition of anonymity".
    Anonymous,
    /// A poll, study, record or report as the source of what it shows: "FEC records show …",
    /// "a Fox News poll found …" (nouns typed `document` in `lexicons/speakers.tsv`).
    Document,
    /// No speaker found, or one whose kind cannot be told.
    Unresolved,
}

impl SpeakerType {
    /// Every type, in declaration order (a new variant belongs here too: [`SpeakerType::parse`]
    /// reads its names from this list).
    pub const ALL: [SpeakerType; 6] = [
        SpeakerType::Person,
        SpeakerType::Organization,
        SpeakerType::Group,
        SpeakerType::Anonymous,
        SpeakerType::Document,
        SpeakerType::Unresolved,
    ];

    /// The lowercase name used in claims.csv and lexicons.
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerType::Person => "person",
            SpeakerType::Organization => "organization",
            SpeakerType::Group => "group",
            SpeakerType::Anonymous => "anonymous",
            SpeakerType::Document => "document",
            SpeakerType::Unresolved => "unresolved",
        }
    }

    /// Parses the lowercase name ([`SpeakerType::as_str`] of one of [`SpeakerType::ALL`]).
    pub fn parse(s: &str) -> Option<SpeakerType> {
        SpeakerType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// One attributed claim. Spans are byte ranges of the document text.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Direct, mixed, indirect or declined.
    pub kind: ClaimKind,
    /// The content: the quoted words for direct quotes, the reported clause otherwise.
    pub content: Range<usize>,
    /// The speaker's own words in this claim's context ("he", "Parsi", "a former official").
    pub speaker: Option<Range<usize>>,
    /// The phrase that names the speaker: the antecedent of a pronoun, else the speaker span.
    pub speaker_name: Option<Range<usize>>,
    /// The entity the speaker resolves to (an index for [`DocEntities::get`]).
    pub speaker_entity: Option<u32>,
    /// What kind of source the speaker is.
    pub speaker_type: SpeakerType,
    /// The cue words ("said", "according to"); for a continuation, the cue of the quote it continues.
    pub cue: Option<Range<usize>>,
    /// The cue's lemma from the lexicon ("say"), empty when there is no cue.
    pub cue_lemma: &'static str,
    /// The rule that produced the claim.
    pub rule: Rule,
    /// How much the rule is trusted, 0–1 (a fixed value per rule, lowered for unresolved speakers).
    pub confidence: f32,
    /// Index of the sentence holding the claim's start.
    pub sentence: usize,
    /// The document's mentions that fall inside the content, as a range of indices into the mentions.
    pub mentions: Range<usize>,
    /// A parenthetical tag inside the content, from the comma before it to the comma after it
    /// ("The plan, the mayor told reporters, is dead": ", the mayor told reporters,"): the
    /// content is then the two pieces around it, as PolNeAR annotates it. None for any other
    /// claim.
    pub tag: Option<Range<usize>>,
}

/// Claims of one document, and any problems met on the way (for documents.csv).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    /// Claims, ordered by content start.
    pub claims: Vec<Claim>,
    /// Repaired problems, such as unbalanced quotation marks.
    pub warnings: Vec<String>,
}

/// Builds the lexicons the claims stage reads on first use (speaker word lists, the anonymity
/// automaton, headline labels) now, before the first document (see [`crate::pipeline::prepare`]);
/// the cue lexicon, speaker words and function words are read by `lexicon::check_all`.
pub fn prepare() {
    speaker::prepare();
    rules::headline::prepare();
    boundaries::prepare();
}

/// Extracts the claims of one document from its sentences and (resolved, sorted) mentions of
/// `entities`.
pub fn extract(
    doc: &Document,
    sentences: &[Sentence],
    tokens: &Tokens,
    mentions: &[Mention],
    entities: DocEntities,
) -> Extraction {
    let text = doc.text.as_str();
    let paragraphs = paragraph_ranges(sentences);
    let (quotes, warnings) = quotes::find(text, &paragraphs, tokens);
    let claims =
        attribution::Engine::new(text, sentences, tokens, mentions, entities, &quotes).run();
    Extraction { claims, warnings }
}

/// Paragraph byte ranges from the sentences (first sentence start to last sentence end).
fn paragraph_ranges(sentences: &[Sentence]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut last = None;
    for s in sentences {
        match out.last_mut() {
            Some(r) if last == Some(s.paragraph) => r.end = s.end,
            _ => out.push(s.range()),
        }
        last = Some(s.paragraph);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{ClaimKind, SpeakerType};
    use std::collections::HashSet;

    #[test]
    fn every_speaker_type_parses_back_from_its_name() {
        for t in SpeakerType::ALL {
            assert_eq!(SpeakerType::parse(t.as_str()), Some(t), "{t:?}");
        }
        assert_eq!(SpeakerType::parse("Person"), None);
        assert_eq!(SpeakerType::parse(""), None);
    }

    #[test]
    fn kinds_and_speaker_types_are_listed_once_with_distinct_names() {
        let kinds: HashSet<&str> = ClaimKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(kinds.len(), ClaimKind::ALL.len());
        let types: HashSet<&str> = SpeakerType::ALL.iter().map(|t| t.as_str()).collect();
        assert_eq!(types.len(), SpeakerType::ALL.len());
    }
}
