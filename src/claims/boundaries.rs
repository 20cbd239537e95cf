//! Content boundaries: a learned model that re-chooses where each claim's content starts and ends.
//!
//! The last step of the claims stage (the pipeline stage `content boundaries`, after the rules).
//! It **reads** the document's token table ([`Tokens`]: tokens, sentences), its sentences
//! (paragraph numbers), its mentions, and the claims the rules made; it **writes** the claims'
//! content spans (and with them each claim's `sentence` and `mentions`, which follow the content's
//! start and extent), and keeps the claims ordered by content start.
//!
//! For each claim the rules' content start and end are two of a few *candidates*: token boundaries
//! where a reported clause may start (a sentence's first token, after a mark or a word of
//! [`WordClass::ClauseAfter`], or at a word of [`WordClass::ClauseOpener`]) and where one may end (a
//! sentence's last token, before a mark or a word of [`WordClass::ClauseBefore`], or at a mark),
//! at most [`REACH`] tokens out of the rules' content (and no further than the sentence before it
//! or the sentence after it) and [`REACH_IN`] tokens into it. The candidates are found by walking
//! out and in from the rules' bounds, reading each token once: its number in the model's
//! vocabulary comes from the word-class table the token pass reads
//! ([`crate::word_classes::number_at`], a multiply and a compare for most words), asked only for
//! a word with a function-word code (every word of the vocabulary has one), its class and flags
//! from a table by that number. Another claim's cue between a candidate and the rules' bound is
//! told by the nearest cues above and below the bound, found once per side. A linear model (an averaged perceptron, trained by
//! `claimgraph train boundaries` on PolNeAR train: [`crate::eval::boundary_training`]) scores each
//! candidate on general [`FEATURES`]: the word at and beside the boundary (its own name when it is
//! a [`WordClass::BoundaryWord`], else its shape or mark), the distance from the rules' choice,
//! sentence and paragraph crossings, quote marks or another claim's cue in between, the distance
//! from the claim's cue, the claim's kind and rule. A bound moves only when the best candidate
//! beats the rules' choice by [`MARGIN`]; the content then runs from the new start's token to the
//! new end's. A direct claim's content (its quotation) and the contents of the rules in [`FIXED`]
//! keep their bounds; a content that is a quotation's inside (a mixed claim's quoted words) may
//! take a lead-in before the quotation but ends inside it.
//!
//! The weights are `lexicons/boundary_model.tsv` (generated; one row per feature value, a fault
//! reported as file:line). The model runs only when asked (`claimgraph run --boundary-model`,
//! `evaluate attributions --boundary-model`): it costs more than its budget (see
//! docs/performance.md), so by default the rules' bounds stay.

use super::function_words::{WordClass, FUNCTION_WORDS};
use super::rules::{Rule, RULES};
use super::tokens::{Key, Shape, Tok, Tokens};
use super::{Claim, ClaimKind};
use crate::lexicon::{tsv_rows, Bundled, LexiconError};
use crate::mentions::Mention;
use crate::sentences::Sentence;
use crate::tokens::Punct;

/// How much better than the rules' bound a candidate must score to replace it.
pub const MARGIN: f32 = 4.0;

/// Rules whose contents the model leaves alone: moving them lost words-exact matches in
/// cross-validation on PolNeAR train (a clause around its own tag, `according to`, labels).
pub const FIXED: &[Rule] = &[Rule::ClauseThenCue, Rule::AccordingTo, Rule::Label];

/// The weights file under `lexicons/`.
pub const MODEL_FILE: &str = "boundary_model.tsv";

/// Whose content bounds a run writes. A run says which in its options (`RunOptions::bounds`,
/// `--boundary-model` on the command line); [`crate::pipeline::analyze`] keeps the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Bounds {
    /// The rules' own, as the claim rules chose them (the default, and what training reads). The
    /// model is off by default because of its cost (docs/performance.md).
    #[default]
    Rules,
    /// The model's (`--boundary-model`).
    Model,
}

// ---- word classes of the features -----------------------------------------------------------

/// The classes a token has as a feature value, before the boundary words: none (past the
/// document's ends), quote mark, sentence end, digit, capitalised, lower case, then marks.
const SHAPES: &[&str] = &[
    "NONE", "Q", "END", "DIG", "CAP", "low", "COMMA", "COLON", "SEMI", "DASH", "OPEN", "CLOSE",
    "PUNCT",
];
const NONE: Info = 0;
const QUOTE: u16 = 1;

/// The class of a token that is no word, by its mark's code ([`Punct::byte`]): quote marks
/// [`QUOTE`], sentence ends, comma, colon, semicolon, dashes, brackets, else `PUNCT`.
static MARK_CLASS: [u8; 256] = {
    let mut t = [12u8; 256];
    let marks: [(char, u8); 17] = [
        ('"', 1),
        ('“', 1),
        ('”', 1),
        ('‘', 1),
        ('’', 1),
        ('\'', 1),
        ('«', 1),
        ('»', 1),
        ('.', 2),
        ('!', 2),
        ('?', 2),
        (',', 6),
        (':', 7),
        (';', 8),
        ('-', 9),
        ('—', 9),
        ('–', 9),
    ];
    let mut i = 0;
    while i < marks.len() {
        t[Punct::of(marks[i].0).byte() as usize] = marks[i].1;
        i += 1;
    }
    t['(' as usize] = 10;
    t['[' as usize] = 10;
    t[')' as usize] = 11;
    t[']' as usize] = 11;
    t
};

/// The words the model knows, each once: the boundary words (told apart by name), then the other
/// words of the clause lists and "that"; with each its boundary word's name (if it is one) and its
/// flags ([`AFTER`], [`OPENER`], [`BEFORE`], [`THAT`]).
fn listed() -> Vec<(Key, Option<&'static str>, u8)> {
    let fw = &*FUNCTION_WORDS;
    let mut out: Vec<(Key, Option<&'static str>, u8)> = Vec::new();
    for (class, flag) in [
        (WordClass::BoundaryWord, 0),
        (WordClass::ClauseAfter, AFTER),
        (WordClass::ClauseOpener, OPENER),
        (WordClass::ClauseBefore, BEFORE),
        (WordClass::Complementizer, THAT),
    ] {
        for &w in fw.words(class) {
            let Some(k) = Key::of(w) else { continue };
            let i = match out.iter().position(|e| e.0 == k) {
                Some(i) => i,
                None => {
                    out.push((k, None, 0));
                    out.len() - 1
                }
            };
            if class == WordClass::BoundaryWord {
                out[i].1 = Some(w);
            }
            out[i].2 |= flag;
        }
    }
    out.truncate(usize::from(u8::MAX));
    out
}

/// The model's vocabulary as the word-class table numbers it: the word of number `n`
/// ([`crate::word_classes::number_at`]) is entry `n - 1`. Built from the bundled function words
/// (`lexicons/function_words/{boundary_word,clause_after,clause_opener,clause_before,complementizer}.txt`).
pub fn vocabulary() -> Vec<Key> {
    listed().into_iter().map(|(k, _, _)| k).collect()
}

/// What the model knows of words: each boundary word's class number and each clause word's flags,
/// by the word's number ([`crate::word_classes::number_at`]).
#[derive(Debug, Clone)]
pub struct Vocabulary {
    /// The class names: [`SHAPES`], then the boundary words.
    names: Vec<&'static str>,
    /// By word number (0: none): the word's [`Info`], its class [`SHAPED`] for a word told by its
    /// shape.
    by_number: Vec<Info>,
}

/// A token as the model reads it: its class in the low byte, its flags ([`AFTER`], [`OPENER`],
/// [`BEFORE`], [`THAT`], [`WORD`], [`QUOTED`]) in the high byte. Past the document's ends: 0.
type Info = u16;

/// A candidate start may follow the word.
const AFTER: u8 = 1;
/// A candidate start may be at the word.
const OPENER: u8 = 2;
/// A candidate end may come right before the word.
const BEFORE: u8 = 4;
/// The word is a [`WordClass::Complementizer`] ("that"), which words-exact comparison ignores at a
/// content's start: a start moved over it alone changes no words.
const THAT: u8 = 8;
/// The token is a word.
const WORD: u8 = 16;
/// The token is a quote mark.
const QUOTED: u8 = 32;
/// The class byte of a word told by its shape.
const SHAPED: u8 = u8::MAX;

/// Whether `info` has `flag`.
#[inline(always)]
fn has(info: Info, flag: u8) -> bool {
    (info >> 8) as u8 & flag != 0
}

/// The class of `info`.
#[inline(always)]
fn class_of(info: Info) -> usize {
    usize::from(info as u8)
}

impl Vocabulary {
    /// The classes from the bundled function words.
    pub fn bundled() -> Vocabulary {
        let mut names: Vec<&'static str> = SHAPES.to_vec();
        let mut by_number = vec![Info::from(SHAPED)];
        for (_, word, flags) in listed() {
            let class = match word {
                Some(w) if names.len() < usize::from(SHAPED) => {
                    names.push(w);
                    (names.len() - 1) as u8
                }
                _ => SHAPED,
            };
            by_number.push(Info::from(class) | Info::from(flags) << 8);
        }
        Vocabulary { names, by_number }
    }

    /// The number of classes.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there are no classes (never: the shapes are always there).
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Token `t`, whose number in the vocabulary is `number` ([`vocabulary`]), as the model
    /// reads it.
    #[inline(always)]
    fn info(&self, t: &Tok, number: u8) -> Info {
        if !t.word {
            let class = MARK_CLASS[usize::from(t.punct.byte())];
            let quoted = if u16::from(class) == QUOTE { QUOTED } else { 0 };
            return Info::from(class) | Info::from(quoted) << 8;
        }
        let e = self
            .by_number
            .get(usize::from(number))
            .copied()
            .unwrap_or(Info::from(SHAPED))
            | Info::from(WORD) << 8;
        if e as u8 != SHAPED {
            return e;
        }
        let shape = if t.shape.has(Shape::DIGIT) {
            3
        } else if t.capitalised() {
            4
        } else {
            5
        };
        e & 0xff00 | shape
    }
}

// ---- features -----------------------------------------------------------------------------------

/// What one part of a feature's value ranges over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dim {
    /// 0 or 1: whether the candidate is the rules' bound, whether it crosses a paragraph, …
    Bool,
    /// A token's class: its boundary word, else its shape or mark ([`Vocabulary`]).
    Class,
    /// A signed distance in tokens, in buckets (`-many` … `-1`, `+0`, `+1` … `+many`).
    Bucket,
    /// The claim's kind.
    Kind,
    /// The claim's rule.
    Rule,
    /// A difference in sentences, -2 to +2.
    Sentences,
}

/// The feature templates, in the order of [`Candidate::features`]: the name the weights file
/// writes, and the parts of its value. For a start candidate "side" is the token before it, for
/// an end the token after; "cur" is the rules' bound; "between" is between the candidate and it.
/// (The claim's rule with the side's class, `rule,side`, is left out: on main 10afbf3 4-fold
/// cross-validated words-exact on PolNeAR train gained +8 with it and +21 without it, dev with the
/// model 1,107 and 1,115 exact, against the rules' 1,111.)
pub const FEATURES: &[(&str, &[Dim])] = &[
    ("cur", &[Dim::Bool]),
    ("side", &[Dim::Class]),
    ("w", &[Dim::Class]),
    ("w,side", &[Dim::Class, Dim::Class]),
    ("d", &[Dim::Bucket]),
    ("kind,d", &[Dim::Kind, Dim::Bucket]),
    ("rule,cur", &[Dim::Rule, Dim::Bool]),
    ("sent", &[Dim::Sentences]),
    ("para", &[Dim::Bool]),
    ("quote_between", &[Dim::Bool]),
    ("cue_between", &[Dim::Bool]),
    ("from_cue", &[Dim::Bucket]),
];

/// The number of features of a candidate ([`FEATURES`]).
pub const N_FEATURES: usize = 12;

/// The bucket limits of a distance: 0, 1, 2, 3, 5, 8, 13, 21, then many.
const LIMITS: [usize; 8] = [0, 1, 2, 3, 5, 8, 13, 21];
/// Buckets of a signed distance: -many … -1, +0, +1 … +many.
const BUCKETS: usize = 2 * LIMITS.len() + 1;

/// The bucket index (into [`LIMITS`], `LIMITS.len()` for many) of each distance up to the last
/// limit.
const ABS_BUCKET: [u8; 22] = {
    let mut t = [0u8; 22];
    let mut d = 0;
    while d < t.len() {
        let mut b = 0;
        while LIMITS[b] < d {
            b += 1;
        }
        t[d] = b as u8;
        d += 1;
    }
    t
};

/// The bucket of a signed distance (`+0` in the middle).
#[inline]
fn bucket(d: isize) -> usize {
    let b = ABS_BUCKET
        .get(d.unsigned_abs())
        .map_or(LIMITS.len(), |&b| usize::from(b));
    if d < 0 {
        LIMITS.len() - b
    } else {
        LIMITS.len() + b
    }
}

/// A bucket's name in the weights file.
fn bucket_name(b: usize) -> String {
    let m = LIMITS.len();
    let (sign, k) = if b < m { ('-', m - b) } else { ('+', b - m) };
    match LIMITS.get(k) {
        Some(l) => format!("{sign}{l}"),
        None => format!("{sign}many"),
    }
}

const KINDS: [ClaimKind; 4] = [
    ClaimKind::Direct,
    ClaimKind::Mixed,
    ClaimKind::Indirect,
    ClaimKind::Declined,
];

/// A rule's name in the weights file: claims.csv's name, with its variant when it has one.
fn rule_key(rule: Rule) -> String {
    let d = rule.def();
    match d.variant {
        Some(v) => format!("{}/{}", d.name, v.replace(' ', "_")),
        None => d.name.to_owned(),
    }
}

/// Where each feature's weights start in a side's weight vector, and how many there are.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The vocabulary of the class parts.
    pub vocabulary: Vocabulary,
    /// The first index of each template.
    offsets: [u32; N_FEATURES],
    /// The total number of weights of one side.
    pub len: usize,
}

impl Layout {
    fn size(&self, d: Dim) -> usize {
        match d {
            Dim::Bool => 2,
            Dim::Class => self.vocabulary.len(),
            Dim::Bucket => BUCKETS,
            Dim::Kind => KINDS.len(),
            Dim::Rule => RULES.len(),
            Dim::Sentences => 5,
        }
    }

    /// The layout over the bundled vocabulary.
    pub fn bundled() -> Layout {
        let mut l = Layout {
            vocabulary: Vocabulary::bundled(),
            offsets: [0; N_FEATURES],
            len: 0,
        };
        let mut at = 0;
        for (k, (_, dims)) in FEATURES.iter().enumerate() {
            l.offsets[k] = at as u32;
            at += dims.iter().map(|&d| l.size(d)).product::<usize>();
        }
        l.len = at;
        l
    }

    /// The index of template `k` with part values `values`.
    fn index(&self, k: usize, values: &[usize]) -> u32 {
        let mut i = 0;
        for (&d, &v) in FEATURES[k].1.iter().zip(values) {
            i = i * self.size(d) + v;
        }
        self.offsets[k] + i as u32
    }

    /// The name of a part's value.
    fn value_name(&self, d: Dim, v: usize) -> String {
        match d {
            Dim::Bool => v.to_string(),
            Dim::Class => self.vocabulary.names[v].to_owned(),
            Dim::Bucket => bucket_name(v),
            Dim::Kind => KINDS[v].as_str().to_owned(),
            Dim::Rule => rule_key(RULES[v].rule),
            Dim::Sentences => format!("{:+}", v as isize - 2),
        }
    }

    /// The value of a part named `name`.
    fn value_of(&self, d: Dim, name: &str) -> Option<usize> {
        (0..self.size(d)).find(|&v| self.value_name(d, v) == name)
    }

    /// Weight index `i` as (template name, value names joined by commas).
    pub fn name(&self, i: usize) -> (&'static str, String) {
        let k = self
            .offsets
            .iter()
            .rposition(|&o| o as usize <= i)
            .unwrap_or(0);
        let mut rest = i - self.offsets[k] as usize;
        let dims = FEATURES[k].1;
        let mut parts = vec![String::new(); dims.len()];
        for (j, &d) in dims.iter().enumerate().rev() {
            let n = self.size(d);
            parts[j] = self.value_name(d, rest % n);
            rest /= n;
        }
        (FEATURES[k].0, parts.join(","))
    }

    /// The index of the feature `template` with `values` (comma-separated names).
    fn parse(&self, template: &str, values: &str) -> Result<u32, String> {
        let k = FEATURES
            .iter()
            .position(|(n, _)| *n == template)
            .ok_or_else(|| format!("unknown feature {template:?}"))?;
        let dims = FEATURES[k].1;
        let names: Vec<&str> = values.split(',').collect();
        if names.len() != dims.len() {
            return Err(format!("{template} takes {} values", dims.len()));
        }
        let mut v = Vec::with_capacity(dims.len());
        for (&d, n) in dims.iter().zip(names) {
            v.push(
                self.value_of(d, n)
                    .ok_or_else(|| format!("{template}: unknown value {n:?}"))?,
            );
        }
        Ok(self.index(k, &v))
    }
}

/// The weights of the model: for content starts and for content ends, one per feature value.
#[derive(Debug, Clone)]
pub struct Model {
    /// Feature indices and names.
    pub layout: Layout,
    /// Start weights, by feature index.
    pub start: Vec<f32>,
    /// End weights, by feature index.
    pub end: Vec<f32>,
}

/// The bundled model, `lexicons/boundary_model.tsv`.
pub static MODEL: Bundled<Model> = Bundled::new(|| {
    Model::parse(
        MODEL_FILE,
        crate::lexicon::bundled(MODEL_FILE),
        Layout::bundled(),
    )
});

/// Reads the bundled model now, before the first document.
pub fn prepare() {
    let _ = &*MODEL;
}

/// Checks the bundled model (for `lexicon::check_all`): its first fault as `lexicons/FILE:LINE`.
pub fn check() -> Result<(), LexiconError> {
    MODEL.check()
}

impl Model {
    /// Reads a weights file (rows `start` or `end`, feature, values, weight; `#` comments).
    pub fn parse(file: &'static str, source: &str, layout: Layout) -> Result<Model, LexiconError> {
        let mut m = Model {
            start: vec![0.0; layout.len],
            end: vec![0.0; layout.len],
            layout,
        };
        for row in tsv_rows(file, source, 4) {
            let (line, f) = row?;
            let err = LexiconError::at(file, line);
            let i = m.layout.parse(f[1], f[2]).map_err(err)? as usize;
            let w: f32 = f[3]
                .parse()
                .map_err(|_| err(format!("weight {:?} is no number", f[3])))?;
            let side = match f[0] {
                "start" => &mut m.start,
                "end" => &mut m.end,
                s => return Err(err(format!("side {s:?} is neither start nor end"))),
            };
            if side[i] != 0.0 {
                return Err(err(format!("{} {} has a weight already", f[1], f[2])));
            }
            side[i] = w;
        }
        Ok(m)
    }

    /// The weights file of `start` and `end` weights (as training writes it): its nonzero weights
    /// by side and feature index.
    pub fn write(layout: &Layout, start: &[f64], end: &[f64]) -> String {
        let mut out = String::from(
            "# The content-boundary model (src/claims/boundaries.rs), written by `claimgraph train \
             boundaries`:\n# side, feature, value(s), weight. Do not edit: retrain.\n",
        );
        for (side, w) in [("start", start), ("end", end)] {
            for (i, &x) in w.iter().enumerate() {
                if x != 0.0 {
                    let (t, v) = layout.name(i);
                    out.push_str(&format!("{side}\t{t}\t{v}\t{x:.6}\n"));
                }
            }
        }
        out
    }
}

// ---- candidates ---------------------------------------------------------------------------------

/// One candidate bound: its token and its feature indices.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The token: the content's first (a start) or last (an end).
    pub tok: usize,
    /// The token the content takes when the candidate is chosen: `tok`, or for a mark the nearest
    /// word inside the content (a content starts and ends with a word, unless the rules' does).
    pub bound: usize,
    /// Whether choosing it changes none of the content's words (a bound moved over marks alone,
    /// and at the start "that"): then the rules' bound stays.
    pub same: bool,
    /// Its features, one index per template of [`FEATURES`] (`u32::MAX`: none).
    pub features: [u32; N_FEATURES],
}

/// A claim's candidates.
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    /// The rules' first and last tokens.
    pub first: usize,
    /// The rules' last token.
    pub last: usize,
    /// Start candidates, in token order (the rules' among them).
    pub starts: Vec<Candidate>,
    /// End candidates, in token order (the rules' among them).
    pub ends: Vec<Candidate>,
}

/// Whether the model may move claim `c`'s content: not a direct claim's (its content is its
/// quotation, between the quote marks) and not one of a rule of [`FIXED`].
fn movable(c: &Claim) -> bool {
    c.kind != ClaimKind::Direct && !FIXED.contains(&c.rule)
}

/// How far out of the rules' content, in tokens, a candidate may be (and no further than the
/// sentence before the content or the sentence after it).
pub const REACH: usize = 8;

/// How far into the rules' content, in tokens, a candidate may be.
pub const REACH_IN: usize = 4;

/// What the candidates of a document's claims are read from.
pub struct Doc<'a> {
    text: &'a str,
    toks: &'a [Tok],
    sent_toks: &'a [std::ops::Range<usize>],
    sentences: &'a [Sentence],
    layout: &'a Layout,
    /// The cue's first token of each claim, in claim order.
    cues: Vec<Option<usize>>,
    /// The first tokens of the claims' cues, in order, each once.
    cue_toks: Vec<usize>,
}

/// Where a side's candidates go: collected (training) or scored as they come (a run).
trait Sink {
    /// Takes the candidate at token `i` of side `side` with its `features`: `own` is the token the
    /// candidate is read at (its first for a start, its last for an end), `no_words` whether no
    /// word lies between it and the rules' bound.
    fn take<const END: bool>(
        &mut self,
        doc: &Doc,
        side: &Side,
        i: usize,
        own: Info,
        no_words: bool,
        features: [u32; N_FEATURES],
    );
}

impl Sink for Vec<Candidate> {
    fn take<const END: bool>(
        &mut self,
        doc: &Doc,
        side: &Side,
        i: usize,
        own: Info,
        no_words: bool,
        features: [u32; N_FEATURES],
    ) {
        let (bound, same) = doc.bound::<END>(side, i, own, no_words);
        self.push(Candidate {
            tok: i,
            bound,
            same,
            features,
        });
    }
}

/// The candidates of one side of one claim, as [`Doc::side`] walks them.
struct Side<'s> {
    claim: &'s ClaimFacts,
    /// The rules' bound and its sentence.
    cur: usize,
    s_cur: usize,
    /// The paragraph of `s_cur`.
    para: u32,
    /// The tokens a candidate may be.
    window: (usize, usize),
    /// The rules' content.
    content: (usize, usize),
    /// Whether the bound stays inside the quotation the rules' content is the inside of (a
    /// quote mark right before and right after it): an end moves out past no quote mark.
    quotation: bool,
    /// The nearest first token of another claim's cue at or after the first token a walk up
    /// passes (`usize::MAX`: none), and at or before the first token a walk down passes (-1).
    cue_up: usize,
    cue_down: isize,
}

/// What lies between a candidate and the rules' bound: quote marks, words (at a start, "that"
/// aside), other claims' cues.
#[derive(Debug, Clone, Copy, Default)]
struct Passed {
    quotes: bool,
    words: u32,
    cues: bool,
}

impl<'a> Doc<'a> {
    /// The document of `tokens` and `sentences` with the claims `claims` (their cues).
    pub fn new(
        text: &'a str,
        sentences: &'a [Sentence],
        tokens: &'a Tokens,
        claims: &[Claim],
        layout: &'a Layout,
    ) -> Doc<'a> {
        let toks = tokens.toks.as_slice();
        let cues: Vec<Option<usize>> = claims
            .iter()
            .map(|c| {
                let cue = c.cue.as_ref()?;
                let t = toks.partition_point(|t| t.start < cue.start);
                (t < toks.len()).then_some(t)
            })
            .collect();
        let mut cue_toks: Vec<usize> = cues.iter().flatten().copied().collect();
        cue_toks.sort_unstable();
        cue_toks.dedup();
        Doc {
            text,
            toks,
            sent_toks: &tokens.sentences,
            sentences,
            layout,
            cues,
            cue_toks,
        }
    }

    /// Token `t` as the model reads it; 0 past the document's ends. Only a word with a
    /// function-word code (every word of the vocabulary has one) is looked up in the vocabulary.
    #[inline(always)]
    fn info(&self, t: isize) -> Info {
        match usize::try_from(t).ok().and_then(|t| self.toks.get(t)) {
            Some(tok) => {
                let number = if tok.word && tok.classes.function_code() != 0 {
                    crate::word_classes::number_at(self.text, tok.start, tok.end)
                } else {
                    0
                };
                self.layout.vocabulary.info(tok, number)
            }
            None => NONE,
        }
    }

    /// The nearest first token of a claim's cue other than `own` at or after token `from`
    /// (`usize::MAX`: none), and at or before token `to` (-1: none).
    fn other_cues(&self, own: Option<usize>, from: isize, to: isize) -> (usize, isize) {
        let c = &self.cue_toks;
        let up = c.partition_point(|&t| (t as isize) < from);
        let up = c[up..]
            .iter()
            .copied()
            .find(|&t| Some(t) != own)
            .unwrap_or(usize::MAX);
        let down = c.partition_point(|&t| t as isize <= to);
        let down = c[..down]
            .iter()
            .rev()
            .copied()
            .find(|&t| Some(t) != own)
            .map_or(-1, |t| t as isize);
        (up, down)
    }

    /// Whether tokens `first..=last` hold a word other than "that" (a content of marks or "that"
    /// alone says nothing).
    fn has_words(&self, first: usize, last: usize) -> bool {
        (first..=last).any(|t| {
            let i = self.info(t as isize);
            has(i, WORD) && !has(i, THAT)
        })
    }

    /// The sentence of token `t`.
    fn sentence_of(&self, t: usize) -> usize {
        self.sent_toks.partition_point(|r| r.end <= t)
    }

    /// The paragraph of sentence `s`.
    #[inline]
    fn paragraph(&self, s: usize) -> u32 {
        self.sentences.get(s).map_or(0, |s| s.paragraph)
    }

    /// The candidates of claim `k` of `claims` (the claims `new` was given), or None for a claim
    /// the model leaves alone (see [`movable`]), or a content holding no whole token).
    pub fn candidates(&self, claims: &[Claim], k: usize) -> Option<Candidates> {
        let (facts, start, end) = self.sides(claims, k)?;
        let mut out = Candidates {
            first: start.cur,
            last: end.cur,
            ..Candidates::default()
        };
        self.side(&facts, &start, false, &mut out.starts);
        self.side(&facts, &end, true, &mut out.ends);
        out.starts.sort_by_key(|c| c.tok);
        out.ends.sort_by_key(|c| c.tok);
        Some(out)
    }

    /// The claim facts and the start and end sides of claim `k`, or None for a claim left alone.
    fn sides(&self, claims: &[Claim], k: usize) -> Option<(ClaimFacts, SideAt, SideAt)> {
        let c = &claims[k];
        if !movable(c) {
            return None;
        }
        let n = self.toks.len();
        let first = self.toks.partition_point(|t| t.start < c.content.start);
        let last = self.toks.partition_point(|t| t.end <= c.content.end);
        if first >= n || last == 0 || last - 1 < first {
            return None;
        }
        let last = last - 1;
        let (s_first, s_last) = (self.sentence_of(first), self.sentence_of(last));
        if s_last >= self.sent_toks.len() {
            return None;
        }
        let lo = self.sent_toks[s_first.saturating_sub(1)].start;
        let hi_s = (s_last + 1).min(self.sent_toks.len() - 1);
        let hi = self.sent_toks[hi_s].end.max(last + 1) - 1;
        let facts = ClaimFacts {
            kind: KINDS.iter().position(|&x| x == c.kind).unwrap_or(0),
            rule: c.rule as usize,
            cue: self.cues[k],
        };
        // A content that is a quotation's inside ends there: its end moves out past the
        // closing mark into no words after the quotation (its start may take a lead-in).
        let quotation =
            has(self.info(first as isize - 1), QUOTED) && has(self.info(last as isize + 1), QUOTED);
        let side = |cur, s_cur, window, quotation| SideAt {
            cur,
            s_cur,
            window,
            content: (first, last),
            quotation,
        };
        let start_window = (
            lo.max(first.saturating_sub(REACH)),
            last.min(first + REACH_IN),
        );
        let end_window = (
            first.max(last.saturating_sub(REACH_IN)),
            hi.min(last + REACH),
        );
        let start = side(first, s_first, start_window, false);
        let end = side(last, s_last, end_window, quotation);
        Some((facts, start, end))
    }

    /// The start (or, with `END`, the end) candidates of side `at` into `sink`: the rules' bound,
    /// and the sentence and clause edges met walking from it down and up to the window's edges.
    fn side<'s, S: Sink>(
        &self,
        claim: &'s ClaimFacts,
        at: &SideAt,
        end: bool,
        sink: &mut S,
    ) -> Side<'s> {
        // The tokens the walks pass first (see `walk`): up from `cur - off + 1`, down from
        // `cur - off`, where a start (off = 1) is read with the token before it.
        let off = isize::from(!end);
        let cur = at.cur as isize;
        let (cue_up, cue_down) = self.other_cues(claim.cue, cur - off + 1, cur - off);
        let side = Side {
            claim,
            cur: at.cur,
            s_cur: at.s_cur,
            para: self.paragraph(at.s_cur),
            window: at.window,
            content: at.content,
            quotation: at.quotation,
            cue_up,
            cue_down,
        };
        if end {
            self.walk::<true, false, S>(&side, sink);
            self.walk::<true, true, S>(&side, sink);
        } else {
            self.walk::<false, false, S>(&side, sink);
            self.walk::<false, true, S>(&side, sink);
        }
        side
    }

    /// Walks one side from the rules' bound up (`UP`) or down to the window's edge, passing each
    /// candidate met to `sink`; the walk up passes the rules' bound first.
    #[inline(always)]
    fn walk<const END: bool, const UP: bool, S: Sink>(&self, side: &Side, sink: &mut S) {
        let cur = side.cur;
        // A start is read with the token before it (p = i - 1) and itself (p + 1); an end with
        // itself (p = i) and the token after it.
        let off = isize::from(!END);
        let mut p = cur as isize - off;
        let (mut lo_info, mut hi_info) = (self.info(p), self.info(p + 1));
        if UP {
            self.emit::<END, S>(
                side,
                cur,
                side.s_cur,
                Passed::default(),
                lo_info,
                hi_info,
                sink,
            );
        }
        let (a, b) = side.window;
        let sent = self.sent_toks;
        let mut si = side.s_cur;
        let (mut s_start, mut s_end) = (sent[si].start, sent[si].end);
        let mut passed = Passed::default();
        let mut i = cur;
        loop {
            // The token the range between the candidate and the rules' bound gains: at a start
            // the candidate's own token (down) or the one before it (up); at an end one later.
            let x;
            let x_info;
            if UP {
                if i >= b {
                    break;
                }
                i += 1;
                p += 1;
                lo_info = hi_info;
                hi_info = self.info(p + 1);
                (x, x_info) = (p, lo_info);
                while i >= s_end && si + 1 < sent.len() {
                    si += 1;
                    (s_start, s_end) = (sent[si].start, sent[si].end);
                }
            } else {
                if i <= a {
                    break;
                }
                i -= 1;
                p -= 1;
                hi_info = lo_info;
                lo_info = self.info(p);
                (x, x_info) = (p + 1, hi_info);
                while i < s_start && si > 0 {
                    si -= 1;
                    (s_start, s_end) = (sent[si].start, sent[si].end);
                }
            }
            if has(x_info, WORD) {
                if END || !has(x_info, THAT) {
                    passed.words += 1;
                }
            } else if has(x_info, QUOTED) {
                if UP && side.quotation {
                    break;
                }
                passed.quotes = true;
            }
            // Another claim's cue among the tokens passed.
            if UP {
                passed.cues |= x as usize >= side.cue_up;
            } else {
                passed.cues |= x <= side.cue_down;
            }
            // Sentence and clause edges; a content ends on no word a clause starts after
            // ("which", "and", "said").
            let candidate = if END {
                (i + 1 == s_end
                    || !has(hi_info, WORD)
                    || !has(lo_info, WORD)
                    || has(hi_info, BEFORE))
                    && !(has(lo_info, WORD) && has(lo_info, AFTER))
            } else {
                i == s_start || !has(lo_info, WORD) || has(lo_info, AFTER) || has(hi_info, OPENER)
            };
            if candidate {
                self.emit::<END, S>(side, i, si, passed, lo_info, hi_info, sink);
            }
        }
    }

    /// Passes the candidate at token `i` (of sentence `si`) to `sink`, with `passed` between it and
    /// the rules' bound; `lo_info` and `hi_info` are the two tokens it is read with.
    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn emit<const END: bool, S: Sink>(
        &self,
        side: &Side,
        i: usize,
        si: usize,
        passed: Passed,
        lo_info: Info,
        hi_info: Info,
        sink: &mut S,
    ) {
        let (cur, claim) = (side.cur, side.claim);
        let l = &self.layout;
        let (o, nc) = (l.offsets, l.vocabulary.len());
        // For a start the token before it is its side; for an end the token after.
        let (side_class, w, own) = if END {
            (class_of(hi_info), class_of(lo_info), lo_info)
        } else {
            (class_of(lo_info), class_of(hi_info), hi_info)
        };
        let d = bucket(i as isize - cur as isize);
        let is_cur = usize::from(i == cur);
        let sent = (si as isize - side.s_cur as isize).clamp(-2, 2) + 2;
        let features = [
            o[0] + is_cur as u32,
            o[1] + side_class as u32,
            o[2] + w as u32,
            o[3] + (w * nc + side_class) as u32,
            o[4] + d as u32,
            o[5] + (claim.kind * BUCKETS + d) as u32,
            o[6] + (claim.rule * 2 + is_cur) as u32,
            o[7] + sent as u32,
            o[8] + u32::from(self.paragraph(si) != side.para),
            o[9] + u32::from(passed.quotes),
            o[10] + u32::from(passed.cues),
            claim
                .cue
                .map_or(u32::MAX, |q| o[11] + bucket(i as isize - q as isize) as u32),
        ];
        sink.take::<END>(self, side, i, own, passed.words == 0, features);
    }

    /// The bound of the candidate at token `i` of `side`, read at `own`, with `no_words` between
    /// it and the rules' bound, and whether it is the same as the rules' in words: a bound at a
    /// mark is taken to the nearest word inward; one that moves over marks alone (and at the
    /// start "that") changes the content but not its words.
    fn bound<const END: bool>(
        &self,
        side: &Side,
        i: usize,
        own: Info,
        no_words: bool,
    ) -> (usize, bool) {
        let (first, last) = side.content;
        let (a, b) = side.window;
        let toks = self.toks;
        let bound = if has(own, WORD) {
            Some(i)
        } else if END {
            (first.max(a)..i).rev().find(|&t| toks[t].word)
        } else {
            (i + 1..=last.min(b)).find(|&t| toks[t].word)
        };
        match bound {
            Some(t) => (t, no_words),
            None => (i, true),
        }
    }
}

/// Where one side of a claim's content is and where its candidates may be.
struct SideAt {
    cur: usize,
    s_cur: usize,
    window: (usize, usize),
    content: (usize, usize),
    quotation: bool,
}

/// What the features read of a claim: its kind's and rule's numbers and its cue's token.
struct ClaimFacts {
    kind: usize,
    rule: usize,
    cue: Option<usize>,
}

/// The score of `c` under weights `w`.
#[inline(always)]
pub fn score(w: &[f32], c: &Candidate) -> f32 {
    score_of(w, &c.features)
}

/// The score of a candidate of `features` under weights `w`.
#[inline(always)]
fn score_of(w: &[f32], features: &[u32; N_FEATURES]) -> f32 {
    let mut s = 0.0;
    for &i in features {
        if let Some(x) = w.get(i as usize) {
            s += x;
        }
    }
    s
}

/// The candidate a side chooses, as they come: the best scoring (nearest the rules' bound among
/// equals, then the first in token order), when it beats the rules' bound by [`MARGIN`].
struct Chooser<'w> {
    w: &'w [f32],
    cur: usize,
    /// Candidates before this token are not taken (an end before the chosen start).
    from: usize,
    cur_score: f32,
    /// (score, distance from `cur`, tok, the info it is read at, no words between it and `cur`).
    best: Option<(f32, usize, usize, Info, bool)>,
}

impl<'w> Chooser<'w> {
    fn new(w: &'w [f32], cur: usize, from: usize) -> Chooser<'w> {
        Chooser {
            w,
            cur,
            from,
            cur_score: f32::INFINITY,
            best: None,
        }
    }

    /// The chosen candidate of `side` (an end with `END`) as (tok, bound, same), or None when
    /// the rules' bound stays.
    fn chosen<const END: bool>(&self, doc: &Doc, side: &Side) -> Option<(usize, usize, bool)> {
        match self.best {
            Some((s, _, tok, own, no_words)) if s > self.cur_score + MARGIN => {
                let (bound, same) = doc.bound::<END>(side, tok, own, no_words);
                Some((tok, bound, same))
            }
            _ => None,
        }
    }
}

impl Sink for Chooser<'_> {
    #[inline(always)]
    fn take<const END: bool>(
        &mut self,
        _: &Doc,
        _: &Side,
        i: usize,
        own: Info,
        no_words: bool,
        features: [u32; N_FEATURES],
    ) {
        if i < self.from {
            return;
        }
        let s = score_of(self.w, &features);
        if i == self.cur {
            self.cur_score = s;
        }
        let dist = i.abs_diff(self.cur);
        let better = match self.best {
            None => true,
            Some((bs, bd, bt, _, _)) => s > bs || s == bs && (dist < bd || dist == bd && i < bt),
        };
        if better {
            self.best = Some((s, dist, i, own, no_words));
        }
    }
}

/// Re-chooses the content bounds of `claims` (the rules' claims of one document, ordered by
/// content start) with `model`, and keeps them ordered.
pub fn refine(
    text: &str,
    sentences: &[Sentence],
    tokens: &Tokens,
    mentions: &[Mention],
    claims: &mut [Claim],
    model: &Model,
) {
    if !claims.iter().any(movable) {
        return;
    }
    let mut moved = false;
    let doc = Doc::new(text, sentences, tokens, claims, &model.layout);
    for k in 0..claims.len() {
        let Some((facts, start, end)) = doc.sides(claims, k) else {
            continue;
        };
        let (first, last) = (start.cur, end.cur);
        let mut starts = Chooser::new(&model.start, first, 0);
        let side = doc.side(&facts, &start, false, &mut starts);
        let start = starts.chosen::<false>(&doc, &side);
        let mut ends = Chooser::new(&model.end, last, start.map_or(first, |s| s.0));
        let side = doc.side(&facts, &end, true, &mut ends);
        let end = ends.chosen::<true>(&doc, &side);
        let bound = |chosen: Option<(usize, usize, bool)>, cur: usize| match chosen {
            Some((_, b, false)) => b,
            _ => cur,
        };
        let (new_first, new_last) = (bound(start, first), bound(end, last));
        if (new_first, new_last) == (first, last)
            || new_first > new_last
            || !doc.has_words(new_first, new_last)
        {
            continue;
        }
        let claim = &mut claims[k];
        claim.content = tokens.toks[new_first].start..tokens.toks[new_last].end;
        claim.sentence = doc.sentence_of(new_first);
        let a = mentions.partition_point(|m| m.start < claim.content.start);
        let b = mentions.partition_point(|m| m.start < claim.content.end);
        claim.mentions = a..b.max(a);
        moved = true;
    }
    if moved {
        claims.sort_by_key(|c| (c.content.start, c.content.end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_signed_and_named() {
        assert_eq!(bucket_name(bucket(0)), "+0");
        assert_eq!(bucket_name(bucket(-1)), "-1");
        assert_eq!(bucket_name(bucket(4)), "+5");
        assert_eq!(bucket_name(bucket(-22)), "-many");
        assert_eq!(bucket_name(bucket(21)), "+21");
        assert_eq!((0..BUCKETS).filter(|&b| bucket_name(b) == "+0").count(), 1);
    }

    #[test]
    fn every_weight_index_has_a_name_that_parses_back() {
        let l = Layout::bundled();
        for i in (0..l.len).step_by(7) {
            let (t, v) = l.name(i);
            assert_eq!(l.parse(t, &v), Ok(i as u32), "{t} {v}");
        }
    }

    #[test]
    fn a_bad_weights_line_is_reported_with_its_line() {
        let e = Model::parse(
            "m.tsv",
            "# c\nstart\tw\tand\t1.5\nend\tw\tnosuch\t1\n",
            Layout::bundled(),
        )
        .unwrap_err();
        assert_eq!((e.line, e.message.contains("nosuch")), (3, true), "{e}");
        let e = Model::parse("m.tsv", "start\tw\tand\tx\n", Layout::bundled()).unwrap_err();
        assert!(e.message.contains("no number"), "{e}");
        let e = Model::parse("m.tsv", "middle\tw\tand\t1\n", Layout::bundled()).unwrap_err();
        assert!(e.message.contains("neither"), "{e}");
        let m = Model::parse("m.tsv", "start\tw,side\tand,CAP\t1.5\n", Layout::bundled()).unwrap();
        assert_eq!(m.start.iter().filter(|&&w| w != 0.0).count(), 1);
    }

    /// The rules' claims of `text` with its tokens, and the text of claim 0's candidates.
    fn first_claim(text: &str) -> (crate::pipeline::Analysis, Tokens) {
        let gaz = crate::gazetteer::tests::sample();
        let doc = crate::corpus::Document::from_text("t".into(), "t".into(), text);
        let a = crate::pipeline::analyze_with(doc, &gaz, Bounds::Rules);
        let tokens = crate::tokens::tokenize(&a.doc.text, &a.sentences);
        (a, tokens)
    }

    #[test]
    fn candidates_hold_the_rules_bounds_at_clause_edges() {
        let (a, tokens) = first_claim(TEXT);
        assert_eq!(&TEXT[a.claims[0].content.clone()], RULES);
        let layout = Layout::bundled();
        let doc = Doc::new(TEXT, &a.sentences, &tokens, &a.claims, &layout);
        let c = doc.candidates(&a.claims, 0).unwrap();
        let word = |t: usize| &TEXT[tokens.toks[t].range()];
        let starts: Vec<&str> = c.starts.iter().map(|s| word(s.tok)).collect();
        let ends: Vec<&str> = c.ends.iter().map(|s| word(s.tok)).collect();
        // Starts: the sentence's first word, the rules' (after "said"), after a comma.
        // ("is" is more than REACH_IN tokens into the content.)
        assert_eq!(starts, ["Officials", "the", "drafted"]);
        // Ends: before and at marks, and at the next sentence's last word and mark.
        assert_eq!(ends, ["May", ",", "dead", ".", "disagreed", "."]);
        assert_eq!((word(c.first), word(c.last)), ("the", "dead"));
        for (cands, cur) in [(&c.starts, c.first), (&c.ends, c.last)] {
            for cand in cands.iter() {
                let mut feats = cand.features.iter().filter(|&&f| f != u32::MAX);
                assert!(feats.all(|&f| (f as usize) < layout.len));
                assert_eq!(cand.features[0] == layout.index(0, &[1]), cand.tok == cur);
            }
        }
    }

    #[test]
    fn a_quotations_inside_ends_inside_it() {
        // The quotation right after the verb: the content is the quotation alone (a lead-in
        // before it is quote_context's, "worried about being “duped”").
        // ("by" after the closing mark carries no clause on: lexicons/quote_goes_on.txt.)
        let text = "Trump looked “badly duped” by the deal. Others did not.";
        let (a, tokens) = first_claim(text);
        let layout = Layout::bundled();
        let doc = Doc::new(text, &a.sentences, &tokens, &a.claims, &layout);
        let word = |t: usize| &text[tokens.toks[t].range()];
        let k = a
            .claims
            .iter()
            .position(|c| &text[c.content.clone()] == "badly duped")
            .expect("a claim of the quoted words");
        assert_eq!(a.claims[k].kind, ClaimKind::Mixed);
        let c = doc.candidates(&a.claims, k).unwrap();
        let ends: Vec<&str> = c.ends.iter().map(|s| word(s.tok)).collect();
        assert_eq!(ends, ["duped"]);
        // Its start may take a lead-in before the quotation.
        let starts: Vec<&str> = c.starts.iter().map(|s| word(s.tok)).collect();
        assert!(starts.contains(&"Trump"), "{starts:?}");
    }

    #[test]
    fn words_are_numbered_and_classed() {
        let vocabulary = vocabulary();
        assert!(vocabulary.len() < 255);
        // The model looks a word up only when it has a function-word code (`Doc::info`).
        for k in &vocabulary {
            let bytes = k.bytes();
            let w = std::str::from_utf8(&bytes).unwrap();
            assert_ne!(crate::word_classes::of(w).function_code(), 0, "{w}");
        }
        let v = Vocabulary::bundled();
        let text = "The officials SAID that, according to Smith, Zebras graze.";
        let (_, tokens) = first_claim(text);
        for t in &tokens.toks {
            let word = &text[t.range()];
            let listed = Key::of(word).and_then(|k| vocabulary.iter().position(|&x| x == k));
            let number = crate::word_classes::number_at(text, t.start, t.end);
            assert_eq!(number as usize, listed.map_or(0, |i| i + 1), "{word}");
        }
        let info = |w: &str| {
            let t = tokens.toks.iter().find(|t| &text[t.range()] == w).unwrap();
            let number = if t.word {
                crate::word_classes::number_at(text, t.start, t.end)
            } else {
                0
            };
            v.info(t, number)
        };
        assert!(has(info("that"), THAT) && has(info("that"), AFTER));
        assert!(has(info("Zebras"), WORD) && !has(info(","), WORD));
        assert_eq!(v.names[class_of(info("SAID"))], "said");
        assert_eq!(v.names[class_of(info("Zebras"))], "CAP");
        assert_eq!(v.names[class_of(info(","))], "COMMA");
    }

    const TEXT: &str = "Officials said the plan, drafted in May, is dead. Others disagreed.";
    const RULES: &str = "the plan, drafted in May, is dead";

    #[test]
    fn a_bound_moves_only_past_the_margin_and_over_words() {
        let (a, tokens) = first_claim(TEXT);
        let refined = |weights: &str| {
            let model = Model::parse("m.tsv", weights, Layout::bundled()).unwrap();
            let mut claims = a.claims.clone();
            refine(
                TEXT,
                &a.sentences,
                &tokens,
                &a.mentions,
                &mut claims,
                &model,
            );
            TEXT[claims[0].content.clone()].to_string()
        };
        assert_eq!(refined(""), RULES);
        // Below the margin nothing moves.
        assert_eq!(refined("end\tsent\t+1\t3.9\n"), RULES);
        // Past it, the nearest of the best: the next sentence's last word.
        assert_eq!(
            refined("end\tsent\t+1\t5\n"),
            "the plan, drafted in May, is dead. Others disagreed"
        );
        assert_eq!(refined("start\tw\tlow\t5\n"), "drafted in May, is dead");
        // An end chosen at a comma is taken to the word before it.
        assert_eq!(refined("end\tw\tCOMMA\t5\n"), "the plan, drafted in May");
        // An end on the period after "dead" changes no word: the rules' end stays.
        assert_eq!(refined("end\tw\tEND\t5\nend\td\t+1\t1\n"), RULES);
    }
}
