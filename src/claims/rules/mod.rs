//! The attribution rules as one ordered table.
//!
//! Every rule is a variant of [`Rule`], declared once below with the name written to claims.csv's
//! `rule` column, its confidence, what it applies to ([`Trigger`]) and the line that documents it.
//! The order of the table is the precedence order: for each quote, cue or paragraph, the rules that
//! apply to it are tried in this order and the first that decides wins (see
//! [`super::attribution`] for the conflict policy). The README's rule table is generated from this
//! table ([`readme_table`]) and a test checks that the README holds it verbatim.
//!
//! Two rules write one name with two confidences: a quote tag found late in the sentence or with a
//! verb no lexicon lists is a `quote_then_cue` claim, trusted less than a tag right after the quote;
//! a belief cue's clause is a `cue_clause` claim, trusted less than a speech cue's. They are
//! variants of their own here ([`Rule::LateTag`], [`Rule::UnlistedTag`], [`Rule::BeliefClause`]),
//! so that each confidence has its line in the table.
//!
//! # Confidences
//!
//! A rule's two confidences, for a claim whose speaker is resolved and for one whose speaker is
//! unresolved (none, or a pronoun, relative or role noun with no antecedent), are measured: the
//! share of the rule's claims on that side, on PolNeAR train, whose content and speaker match the
//! annotation (`claimgraph evaluate attributions ../shared/eval/polnear/train --by-rule`, the
//! `+speaker` column; a quote's continuation counts with its turn), rounded to 0.05 and at most 0.95.
//! A side with fewer than [`CALIBRATION_MIN_CLAIMS`] claims takes the share over all the rule's
//! claims; a rule with fewer than that in all (`signature`, `quote_then_cue (unlisted verb)`) keeps
//! its earlier fixed value, and that ×0.8 to 0.05 for an unresolved speaker. `tests/polnear.rs`
//! checks every measured confidence against the share it was set from, so a rule change that moves
//! a share by more than 0.05 asks for the table to be measured again.
//!
//! What each rule finds is shown by the attribution cases, `tests/attribution_cases.toml`: sentences
//! and the claims (kind, rule, content, speaker) expected from them, run by one test. A rule change
//! adds or updates its cases there.

mod according_to;
mod asked;
mod clause_then_cue;
mod colon_quote;
mod cue_clause;
mod cue_then_quote;
mod declined;
mod evidential;
pub(crate) mod headline;
mod label;
mod late_tag;
pub(crate) mod noun_cue;
mod participle;
mod passive;
mod passive_agent;
mod quote_context;
mod quote_continuation;
mod quote_then_cue;
mod signature;
mod unlisted_tag;

use super::attribution::{CueSlot, Engine, Hit, Outcome, QuoteSlot};
use super::cues::{Cue, Frame};

/// The lemma written for a cue that is no lexicon entry: a headline's or a quote's colon ("X: Y"
/// reads "X says Y"), a signature's dash, a verb no lexicon lists ("“…,” X retaliated").
const SAY: &str = "say";
use std::fmt;

/// What a rule is tried on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// The first sentence of each paragraph, before anything else in it.
    Paragraph,
    /// Each quote opening in the sentence, unless it opens inside the latest claim's content.
    Quote,
    /// Each verb or prepositional cue of the sentence that no claim has used, even one inside an
    /// earlier claim's content.
    AnyCue,
    /// Each verb or prepositional cue of the sentence that no claim has used and no claim's
    /// content holds.
    Cue,
    /// Each noun cue after a possessive ("her claim that") that no claim's content holds.
    NounCue,
    /// Each quote of the sentence that no claim holds once the other rules have run.
    LeftoverQuote,
}

impl Trigger {
    /// How the README names it.
    pub fn describe(self) -> &'static str {
        match self {
            Trigger::Paragraph => "paragraph",
            Trigger::Quote => "quote",
            Trigger::AnyCue => "cue, even in a claim",
            Trigger::Cue => "cue",
            Trigger::NounCue => "noun cue",
            Trigger::LeftoverQuote => "unclaimed quote",
        }
    }
}

/// A rule's function, by what it is offered: it reads the engine and proposes an [`Outcome`].
#[derive(Clone, Copy)]
pub(crate) enum Apply {
    /// Offered a sentence (index) that opens a paragraph.
    Paragraph(fn(&Engine<'_>, usize) -> Outcome),
    /// Offered a quote.
    Quote(fn(&Engine<'_>, &QuoteSlot) -> Outcome),
    /// Offered a cue, nested or not.
    AnyCue(fn(&Engine<'_>, &CueSlot) -> Outcome),
    /// Offered a cue outside other claims.
    Cue(fn(&Engine<'_>, &CueSlot) -> Outcome),
    /// Offered a noun cue and its sentence.
    NounCue(fn(&Engine<'_>, &Hit, usize) -> Outcome),
    /// Offered an unclaimed quote (index) and its sentence.
    LeftoverQuote(fn(&Engine<'_>, usize, usize) -> Outcome),
}

impl Apply {
    /// What the function is offered.
    pub const fn trigger(self) -> Trigger {
        match self {
            Apply::Paragraph(_) => Trigger::Paragraph,
            Apply::Quote(_) => Trigger::Quote,
            Apply::AnyCue(_) => Trigger::AnyCue,
            Apply::Cue(_) => Trigger::Cue,
            Apply::NounCue(_) => Trigger::NounCue,
            Apply::LeftoverQuote(_) => Trigger::LeftoverQuote,
        }
    }
}

/// One row of the rule table.
#[derive(Clone, Copy)]
pub struct RuleDef {
    /// The rule.
    pub rule: Rule,
    /// The value of claims.csv's `rule` column.
    pub name: &'static str,
    /// For a rule that shares its name with another, what sets it apart (shown in the README).
    pub variant: Option<&'static str>,
    /// The confidence of its claims whose speaker is resolved: the share of them whose content and
    /// speaker match PolNeAR train's annotation (see the module docs, "Confidences").
    pub confidence: f32,
    /// The confidence of its claims whose speaker is unresolved (none, or a pronoun, relative or
    /// role noun with no antecedent), measured likewise.
    pub unresolved_confidence: f32,
    /// What it is tried on, and the function that applies it.
    pub(crate) apply: Apply,
    /// For a cue rule, the frames ([`Frame`] bits) of which a cue must support one for the rule
    /// to be tried on it; 0 for every cue. The rule itself passes over a cue with none of them
    /// (its first test), so the engine does not call it for one: a cue is offered only to the
    /// rules that can fire on it.
    pub(crate) frames: u32,
    /// What it finds, with examples (the README's pattern column).
    pub doc: &'static str,
}

macro_rules! rules {
    ($(
        $variant:ident: $name:literal $(($label:literal))?, $confidence:literal / $unresolved:literal,
        $trigger:ident($apply:path) $(if [$($frame:ident)|+])?, $doc:literal;
    )*) => {
        /// An attribution rule. The variants are in precedence order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $(
                #[doc = $doc]
                $variant,
            )*
        }

        /// Every rule, in precedence order.
        pub const RULES: &[RuleDef] = &[
            $(RuleDef {
                rule: Rule::$variant,
                name: $name,
                variant: rules!(@variant $($label)?),
                confidence: $confidence,
                unresolved_confidence: $unresolved,
                apply: Apply::$trigger($apply),
                frames: 0 $($(| Frame::$frame as u32)+)?,
                doc: $doc,
            },)*
        ];
    };
    (@variant) => { None };
    (@variant $label:literal) => { Some($label) };
}

rules! {
    Headline: "headline", 0.75 / 0.75, Paragraph(headline::apply),
        "a paragraph opening *Bernie Sanders: ‘Of Course’ Clinton Is Qualified* or a transcript line \
        *Matthews: Well, …*; labels that are not speakers (*Correction:*, *The Latest:*) are listed \
        in `lexicons/headline_labels.txt`";
    QuoteThenCue: "quote_then_cue", 0.95 / 0.95, Quote(quote_then_cue::apply),
        "*“…,” he said* · *“…,” said X* · *“…,” X, a fellow at Y, said* · *“Why?” Trump asked.* · \
        *“…,” the senator and candidate told ABC* · *The plan is “dead on arrival,” he said* (words \
        of the clause before the quote make it a mixed claim of the whole clause)";
    Signature: "signature", 0.85 / 0.7, Quote(signature::apply),
        "a quotation that fills its paragraph, signed on the next line by a dash and a name \
        (*“…” / - Bernie Sanders.*), as fact checks and quote round-ups print them";
    CueThenQuote: "cue_then_quote", 0.95 / 0.9, Quote(cue_then_quote::apply),
        "*X said: “…”* · *X said, “…”* · *X told reporters “…”* · a paragraph ending *X added:* \
        before a quoted paragraph · *Jane Roe agreed. “…”* (a sentence that is only a speaker and \
        a cue) · *The plan, he said, “will not work”* (a quote opening in lower case right after \
        its tag goes on with the words before the tag: they and the quote are one mixed content)";
    ColonQuote: "colon_quote", 0.85 / 0.8, Quote(colon_quote::apply),
        "*… doesn’t surprise pollster Daron Shaw: “…”* · *Trump issued the following statement: \
        “…”* · *Cruz turned on them: “…”* (the sentence's subject)";
    LateTag: "quote_then_cue" ("late tag"), 0.95 / 0.95, Quote(late_tag::apply),
        "a tag closing the quote's sentence after more words: *“…” that is sexist, X said.*";
    UnlistedTag: "quote_then_cue" ("unlisted verb"), 0.8 / 0.65, Quote(unlisted_tag::apply),
        "*“…,” an angry X retaliated.* (a verb no lexicon lists, or one listed for other \
        constructions, ending the sentence or before an adverbial: *“…,” X fumed on Tuesday.*) · \
        *“…?” reacted X.* (a past form in -ed before a speaker that ends the sentence)";
    QuoteContinuation: "quote_continuation", 0.95 / 0.95, Quote(quote_continuation::apply),
        "a quote opening a sentence right after an attributed quote (same or next paragraph, no \
        new cue), a quote continued over paragraphs (each paragraph reopens it, only the last \
        closes it), or the second half of a quote split by its tag (*“A,” said X, an economist, \
        “b.”*): same speaker and cue";
    Label: "label", 0.75 / 0.75, AnyCue(label::apply) if [Label | Naming],
        "a name given by no one in the text: *a memo titled “…”* · *known as “…”* · *what had \
        been called the “Golden Week”* (cues with the `label` frame; no speaker unless *by X*, a \
        relative clause's subject or the sentence's subject gives it); the only rule that applies \
        to a cue inside another claim's content";
    Asked: "asked", 0.8 / 0.8, Cue(asked::apply) if [Question],
        "a question put to someone: *When asked about …* · *X was asked, “…”* (the question is \
        the content, after *about*; no speaker unless *by X*)";
    Declined: "declined", 0.75 / 0.8, Cue(declined::apply) if [Decline],
        "*X declined to comment* · *X did not respond to a request for comment* · *declining to \
        address the matter*";
    AccordingTo: "according_to", 0.9 / 0.9, Cue(according_to::apply) if [According],
        "*According to X, …* · *…, according to X.* · *A, according to X, B.* · *In a CNN/ORC \
        poll, 38 percent said …* (cues with the `opening` frame: only opening the sentence, before \
        a phrase headed by a noun of `lexicons/poll_heads.txt`; the content is the rest of the \
        sentence)";
    Evidential: "evidential", 0.65 / 0.65, Cue(evidential::apply) if [Raising],
        "*Washington appears weak* · *The closures appear to have brought stability* · *it seems \
        that …* · *Trump is expected to win* (cues with the `raising` frame, in the passive when \
        they also take a speaker: the writer's evidential; no speaker, and the content is the \
        subject and what follows the cue, read as two pieces around it; a closing *, according \
        to Z* makes the clause Z's, with that cue)";
    Passive: "passive", 0.75 / 0.75, Cue(passive::apply) if [Passive],
        "*Clinton is widely seen as the favorite* · *Trump was criticized for his remarks* · \
        *Sanders was declared the winner* (cues with the `passive` frame after a form of *be*, \
        with no *by* after them in their clause: the writer's report, with no speaker; the content is the \
        passive's subject and the complement after the cue, read as two pieces around it, as \
        for `evidential`; a preposition of `lexicons/passive_complements.txt` right after the cue, \
        *for*, *of*, *with*, *as*, is part of the cue; not a relative's passive: *who was \
        charged with …*)";
    PassiveAgent: "passive_agent", 0.6 / 0.55, Cue(passive_agent::apply) if [Before],
        "*The proposal was rejected by 64 percent of voters* · *The meeting was first reported by \
        Politico* · *the bill, opposed by House Republicans, …* · *candidates backed by super PACs* \
        (a cue in *-ed* right before *by* and a speaker: the agent is the speaker and the phrase \
        the participle is said of, the subject of a finite passive, the content; not cues taking a \
        hearer or a question, nor belief cues without the `stance` frame)";
    Participle: "participle", 0.75 / 0.5, Cue(participle::apply) if [Participle],
        "*X sought a meeting, asserting that …* (speaker = the sentence's subject; *with X noting \
        …*, *…, X said, adding …*: X; *… when X went on the record endorsing …*: X, the subject of \
        the subordinate clause it stands in; *clips of supporters saying …*: the speaker noun or \
        name it follows, not a document: *X issued a statement saying …*: X; *Citing a poll, X \
        said …* · *After saying …, X asked …*: a participle opening the sentence, alone or after \
        one subordinator or preposition, is the main clause's subject's, and its content ends at \
        the comma before that subject)";
    CueClause: "cue_clause", 0.9 / 0.7, Cue(cue_clause::apply),
        "*X said (that) …* · *X told reporters that …* · *X called the law “…”* · *what X \
        described as “…”* · *X vowed to …* (cues with the `infinitive` frame) · *X endorsed Clinton* \
        (cues with the `stance` frame: a one-word object is content too; not before *by* or a \
        particle, nor in a question) · *Voters see Clinton as electable* (cues with the `regard` \
        frame: without *that*, only an object read *as* something) · *Trump bragged about his \
        wealth* (a verb and its preposition, with the `stance` frame) · *Cruz is skeptical of \
        the deal* (cues with the `adjective` frame: after a form of *be*) · *the plan, which X \
        said was a disaster* · *what officials called a hate crime* · *a step they believe could \
        help* (a relative or a noun phrase with an article that the clause lacks, right before \
        the speaker, opens the content, which holds the speaker and cue) · *X asked voters if …* (cues with the `query` \
        frame: the question starts at its word, after the hearer)";
    BeliefClause: "cue_clause" ("belief cue"), 0.75 / 0.55, Cue(cue_clause::apply_belief),
        "the same with a cue of the `belief` class: *X believes …* · *U.S. officials fear that …*";
    ClauseThenCue: "clause_then_cue", 0.9 / 0.75, Cue(clause_then_cue::apply) if [Final],
        "*…, X said.* · *…, said X, an economist.* · *The plan, he said, is dead.* (not a short \
        phrase opening with a preposition or subordinator, or a lone adverb, before the tag: *In \
        her speech, X warned against …*; nor a phrase after the cue that names no speaker and that \
        more words follow: *…, wrote an assessment of …*)";
    NounCue: "noun_cue", 0.7 / 0.4, NounCue(noun_cue::apply),
        "*her claim that …* · *Trump's assertion that “…”* (cues with the `noun` frame after a \
        possessive; the content ends with its first quotation, else at a comma) · *X expressed \
        concern that …* · *amid speculation that …* (the same nouns with *that* right after them \
        and no possessor: the content ends at a comma, the speaker is the subject of a verb of \
        `lexicons/voicing_verbs.txt` before the noun, else there is none)";
    QuoteContext: "quote_context", 0.6 / 0.6, LeftoverQuote(quote_context::apply),
        "a quoted clause no cue introduces: *Trump turned on CNN, a network that “doesn’t treat me \
        properly”* (the *who* of a relative clause holding the quote: *Trump, who has postured \
        himself as the “law and order candidate”*; else the sentence's subject, when it is an \
        entity, a personal pronoun or a speaker noun; else a person named within the sentence's \
        first five tokens: *Washington, star of “Scandal,” thanked Obama for “…”*; else no claim) · \
        a quote opening a sentence after another claim (that claim's speaker; else no claim); \
        a quote after a quote claim of its sentence with the speaker it would get goes on that \
        claim: a mixed claim's content is extended over it (*called the judge a “hater” who had \
        “railroaded” him*), a direct one is continued with its cue (*“…,” Obama “opted for …”*); \
        titles (*the “Ban on Face Coverings” initiative*) are skipped; `cue` is empty";
}

/// The rules tried on the triggers `first` to `last` (in the order the engine visits them), in
/// precedence order: one run of [`RULES`], which holds its rules in the order of their triggers (a
/// test checks it). Found when the crate is compiled, so that the engine offers an item to its own
/// rules without reading the others.
const fn run_of(first: Trigger, last: Trigger) -> &'static [RuleDef] {
    const fn tried_on(d: &RuleDef, trigger: Trigger) -> bool {
        d.apply.trigger() as u8 == trigger as u8
    }
    let mut lo = 0;
    while lo < RULES.len() && !tried_on(&RULES[lo], first) {
        lo += 1;
    }
    let mut hi = lo;
    while hi < RULES.len() && !tried_on(&RULES[hi], last) {
        hi += 1;
    }
    while hi < RULES.len() && tried_on(&RULES[hi], last) {
        hi += 1;
    }
    RULES.split_at(hi).0.split_at(lo).1
}

/// The rules tried on the first sentence of a paragraph ([`Trigger::Paragraph`]).
pub(crate) const PARAGRAPH_RULES: &[RuleDef] = run_of(Trigger::Paragraph, Trigger::Paragraph);
/// The rules tried on a quote ([`Trigger::Quote`]).
pub(crate) const QUOTE_RULES: &[RuleDef] = run_of(Trigger::Quote, Trigger::Quote);
/// The rules tried on a cue: those for any cue ([`Trigger::AnyCue`]), then those for a cue outside
/// other claims ([`Trigger::Cue`]).
pub(crate) const CUE_RULES: &[RuleDef] = run_of(Trigger::AnyCue, Trigger::Cue);
/// The rules tried on a noun cue ([`Trigger::NounCue`]).
pub(crate) const NOUN_CUE_RULES: &[RuleDef] = run_of(Trigger::NounCue, Trigger::NounCue);
/// The rules tried on a quote no claim holds ([`Trigger::LeftoverQuote`]).
pub(crate) const LEFTOVER_QUOTE_RULES: &[RuleDef] =
    run_of(Trigger::LeftoverQuote, Trigger::LeftoverQuote);

impl RuleDef {
    /// How the README names it: its name, and its variant in brackets when it has one
    /// (`quote_then_cue (late tag)`).
    pub fn label(&self) -> String {
        match self.variant {
            Some(v) => format!("{} ({v})", self.name),
            None => self.name.to_owned(),
        }
    }

    /// What the rule is tried on.
    pub fn trigger(&self) -> Trigger {
        self.apply.trigger()
    }

    /// Whether the rule is tried on a cue of lexicon entry `cue`: it supports one of the rule's
    /// [`RuleDef::frames`], or the rule names none.
    #[inline]
    pub(crate) fn offered(&self, cue: &Cue) -> bool {
        self.frames == 0 || cue.has_any(self.frames)
    }
}

impl Rule {
    /// The rule's row in [`RULES`].
    pub fn def(self) -> &'static RuleDef {
        &RULES[self as usize]
    }

    /// The value of claims.csv's `rule` column.
    pub fn name(self) -> &'static str {
        self.def().name
    }

    /// The confidence of a claim of this rule whose speaker is resolved.
    pub fn confidence(self) -> f32 {
        self.def().confidence
    }

    /// The confidence a claim of this rule carries: [`RuleDef::confidence`], or
    /// [`RuleDef::unresolved_confidence`] when its speaker is `unresolved`.
    pub fn claim_confidence(self, unresolved: bool) -> f32 {
        let d = self.def();
        if unresolved {
            d.unresolved_confidence
        } else {
            d.confidence
        }
    }
}

/// The fewest claims a side of a rule (resolved or unresolved speaker) needs on PolNeAR train for
/// its confidence to be its own share (see the module docs, "Confidences").
pub const CALIBRATION_MIN_CLAIMS: usize = 20;

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The README's rule table (Markdown), generated from [`RULES`].
pub fn readme_table() -> String {
    let mut out = String::from(
        "| precedence | rule | confidence (speaker resolved / unresolved) | tried on | pattern |\n|---|---|---|---|---|\n",
    );
    for (i, d) in RULES.iter().enumerate() {
        let variant = d.variant.map(|v| format!(" ({v})")).unwrap_or_default();
        out.push_str(&format!(
            "| {} | `{}`{variant} | {:.2} / {:.2} | {} | {} |\n",
            i + 1,
            d.name,
            d.confidence,
            d.unresolved_confidence,
            d.trigger().describe(),
            d.doc
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_variant_order() {
        for (i, d) in RULES.iter().enumerate() {
            assert_eq!(d.rule as usize, i, "{:?}", d.rule);
            assert!(std::ptr::eq(d.rule.def(), d));
        }
        // Rules sharing a name are told apart by their variant.
        for a in RULES {
            for b in RULES {
                if a.rule != b.rule && a.name == b.name {
                    assert_ne!(a.variant, b.variant, "{:?} and {:?}", a.rule, b.rule);
                }
            }
        }
        // The triggers come in the order the engine visits them in a sentence.
        assert!(RULES
            .windows(2)
            .all(|w| trigger_order(w[0].trigger()) <= trigger_order(w[1].trigger())));
        // So each trigger's run holds all its rules, in table order.
        for (triggers, run) in [
            (&[Trigger::Paragraph][..], PARAGRAPH_RULES),
            (&[Trigger::Quote], QUOTE_RULES),
            (&[Trigger::AnyCue, Trigger::Cue], CUE_RULES),
            (&[Trigger::NounCue], NOUN_CUE_RULES),
            (&[Trigger::LeftoverQuote], LEFTOVER_QUOTE_RULES),
        ] {
            let all: Vec<Rule> = RULES
                .iter()
                .filter(|d| triggers.contains(&d.trigger()))
                .map(|d| d.rule)
                .collect();
            let runs: Vec<Rule> = run.iter().map(|d| d.rule).collect();
            assert!(!all.is_empty());
            assert_eq!(runs, all, "{triggers:?}");
        }
    }

    /// The engine tries a cue rule only on cues with one of its frames ([`RuleDef::offered`]):
    /// every cue rule passes over any other cue, wherever it stands, so the outcome is the same.
    #[test]
    fn a_cue_rule_passes_over_a_cue_without_its_frames() {
        use crate::claims::attribution::CueSlot;
        use crate::claims::cues::CUES;
        use crate::claims::{quotes, tokens::tokenize};
        let gaz = crate::gazetteer::tests::sample();
        let mut tried = 0;
        for text in [
            "Parsi said the talks would go on, according to the AP.",
            "The plan was rejected by voters, who were asked whether it seemed fair.",
            "“It is over,” said John Bolton, declining to comment, and he appeared calm.",
            "Her claim that Iran is expected to agree was called “a fantasy” by Trump.",
        ] {
            let doc = crate::corpus::Document::from_text("t".into(), "t".into(), text);
            let a = crate::pipeline::analyze(doc, &gaz);
            let text = a.doc.text.as_str();
            let tokens = tokenize(text, &a.sentences);
            // One paragraph, the whole text.
            let paragraph = 0..text.len();
            let (quotes, _) = quotes::find(text, std::slice::from_ref(&paragraph), &tokens);
            let entities = a.entities(&gaz);
            let e = Engine::new(text, &a.sentences, &tokens, &a.mentions, entities, &quotes);
            assert!(!e.hits.is_empty(), "{text}");
            for (h, hit) in e.hits.iter().enumerate() {
                let si = e.sentence_of(e.toks[hit.first].start);
                for cue in CUES.cues() {
                    for d in RULES.iter().filter(|d| !d.offered(cue)) {
                        let (Apply::Cue(f) | Apply::AnyCue(f)) = d.apply else {
                            panic!("{:?} names frames but is no cue rule", d.rule);
                        };
                        let slot = CueSlot::new(h, si, Hit { cue, ..*hit }, false);
                        let outcome = f(&e, &slot);
                        assert!(
                            matches!(outcome, Outcome::Pass),
                            "{:?} on {:?} in {text:?}: {outcome:?}",
                            d.rule,
                            cue.lemma
                        );
                        tried += 1;
                    }
                }
            }
        }
        assert!(tried > 1000, "{tried}");
    }

    fn trigger_order(t: Trigger) -> usize {
        [
            Trigger::Paragraph,
            Trigger::Quote,
            Trigger::AnyCue,
            Trigger::Cue,
            Trigger::NounCue,
            Trigger::LeftoverQuote,
        ]
        .iter()
        .position(|&x| x == t)
        .unwrap_or(usize::MAX)
    }

    #[test]
    fn the_readme_holds_the_rule_table() {
        let readme = include_str!("../../../README.md");
        let table = readme_table();
        assert!(
            readme.contains(&table),
            "README.md's rule table differs from the Rule enum; replace it with:\n\n{table}"
        );
    }
}
