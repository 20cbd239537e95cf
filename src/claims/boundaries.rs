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
//! [`WordClass::ClauseAfter`], or at a word of [`WordClass::ClauseOpener`]) from the sentence
//! before the content's first sentence to its last token, and where one may end (a sentence's last
//! token, before a mark or a word of [`WordClass::ClauseBefore`], or at a mark) from its first token
//! to the sentence after its last. A linear model (an averaged perceptron, trained by
//! `claimgraph train boundaries` on PolNeAR train: [`crate::eval::boundary_training`]) scores each
//! candidate on general [`FEATURES`]: the word at and beside the boundary (its own name when it is
//! a [`WordClass::BoundaryWord`], else its shape or mark), the distance from the rules' choice,
//! sentence and paragraph crossings, quote marks or another claim's cue in between, the distance
//! from the claim's cue, the claim's kind and rule. A bound moves only when the best candidate
//! beats the rules' choice by [`MARGIN`]; the content then runs from the new start's token to the
//! new end's. Claims of the rules in [`FIXED`] keep their bounds.
//!
//! The weights are `lexicons/boundary_model.tsv` (generated; one row per feature value, a fault
//! reported as file:line). The model runs only when asked (`claimgraph run --boundary-model`,
//! `evaluate attributions --boundary-model`): it costs far more than its budget (see
//! docs/performance.md), so by default the rules' bounds stay.

use super::function_words::{WordClass, FUNCTION_WORDS};
use super::rules::{Rule, RULES};
use super::tokens::{Key, Shape, Tok, Tokens};
use super::{Claim, ClaimKind};
use crate::lexicon::{tsv_rows, Bundled, LexiconError};
use crate::mentions::Mention;
use crate::sentences::Sentence;
use crate::tokens::Punct;
use rustc_hash::FxHashMap as HashMap;

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
const NONE: u16 = 0;
const QUOTE: u16 = 1;

/// What the model knows of words: each boundary word's class number and each clause word's flags.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    /// The class names: [`SHAPES`], then the boundary words.
    names: Vec<&'static str>,
    /// Listed words by key: (class number or `u16::MAX`, flags [`AFTER`] | [`OPENER`] | [`BEFORE`]).
    by_key: HashMap<Key, (u16, u8)>,
    /// The longest listed word, in bytes.
    longest: usize,
}

/// A candidate start may follow the word.
const AFTER: u8 = 1;
/// A candidate start may be at the word.
const OPENER: u8 = 2;
/// A candidate end may come right before the word.
const BEFORE: u8 = 4;
/// The word is a [`WordClass::Complementizer`] ("that"), which words-exact comparison ignores at a
/// content's start: a start moved over it alone changes no words.
const THAT: u8 = 8;

impl Vocabulary {
    /// The classes from the bundled function words.
    pub fn bundled() -> Vocabulary {
        let fw = &*FUNCTION_WORDS;
        let mut names: Vec<&'static str> = SHAPES.to_vec();
        let mut by_key: HashMap<Key, (u16, u8)> = HashMap::default();
        let mut longest = 0;
        let mut add = |w: &'static str, class: Option<u16>, flag: u8| {
            if let Some(k) = Key::of(w) {
                let e = by_key.entry(k).or_insert((u16::MAX, 0));
                if let Some(c) = class {
                    e.0 = c;
                }
                e.1 |= flag;
                longest = longest.max(w.len());
            }
        };
        for &w in fw.words(WordClass::BoundaryWord) {
            add(w, Some(names.len() as u16), 0);
            names.push(w);
        }
        for (class, flag) in [
            (WordClass::ClauseAfter, AFTER),
            (WordClass::ClauseOpener, OPENER),
            (WordClass::ClauseBefore, BEFORE),
            (WordClass::Complementizer, THAT),
        ] {
            for &w in fw.words(class) {
                add(w, None, flag);
            }
        }
        Vocabulary {
            names,
            by_key,
            longest,
        }
    }

    /// The number of classes.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there are no classes (never: the shapes are always there).
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Token `t`'s class and flags.
    fn of(&self, text: &str, t: &Tok) -> (u16, u8) {
        if !t.word {
            let s = &text[t.range()];
            let c = s.chars().next().unwrap_or(' ');
            let class = match c {
                '"' | '“' | '”' | '‘' | '’' | '\'' | '«' | '»' => QUOTE,
                '.' | '!' | '?' => 2,
                ',' => 6,
                ':' => 7,
                ';' => 8,
                '-' | '—' | '–' => 9,
                '(' | '[' => 10,
                ')' | ']' => 11,
                _ => 12,
            };
            return (class, 0);
        }
        let shape = if t.shape.has(Shape::DIGIT) {
            3
        } else if t.shape.has(Shape::CAPITALISED) {
            4
        } else {
            5
        };
        if t.end - t.start > self.longest {
            return (shape, 0);
        }
        match Key::of(&text[t.range()]).and_then(|k| self.by_key.get(&k)) {
            Some(&(class, flags)) => (if class == u16::MAX { shape } else { class }, flags),
            None => (shape, 0),
        }
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
pub const FEATURES: &[(&str, &[Dim])] = &[
    ("cur", &[Dim::Bool]),
    ("side", &[Dim::Class]),
    ("w", &[Dim::Class]),
    ("w,side", &[Dim::Class, Dim::Class]),
    ("d", &[Dim::Bucket]),
    ("kind,d", &[Dim::Kind, Dim::Bucket]),
    ("rule,cur", &[Dim::Rule, Dim::Bool]),
    ("rule,side", &[Dim::Rule, Dim::Class]),
    ("sent", &[Dim::Sentences]),
    ("para", &[Dim::Bool]),
    ("quote_between", &[Dim::Bool]),
    ("cue_between", &[Dim::Bool]),
    ("from_cue", &[Dim::Bucket]),
];

/// The number of features of a candidate ([`FEATURES`]).
pub const N_FEATURES: usize = 13;

/// The bucket limits of a distance: 0, 1, 2, 3, 5, 8, 13, 21, then many.
const LIMITS: [usize; 8] = [0, 1, 2, 3, 5, 8, 13, 21];
/// Buckets of a signed distance: -many … -1, +0, +1 … +many.
const BUCKETS: usize = 2 * LIMITS.len() + 1;

/// The bucket of a signed distance (`+0` in the middle).
fn bucket(d: isize) -> usize {
    let b = LIMITS
        .iter()
        .position(|&l| d.unsigned_abs() <= l)
        .unwrap_or(LIMITS.len());
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
#[derive(Debug, Clone)]
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

/// What the candidates of a document's claims are read from.
pub struct Doc<'a> {
    text: &'a str,
    toks: &'a [Tok],
    sent_toks: &'a [std::ops::Range<usize>],
    sentences: &'a [Sentence],
    layout: &'a Layout,
    /// Each token's class and flags, found on first use.
    classes: Vec<(u16, u8)>,
    /// The cue's first token of each claim, in claim order.
    cues: Vec<Option<usize>>,
    buffers: Buffers,
}

const UNSEEN: (u16, u8) = (u16::MAX, u8::MAX);

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
        let cues = claims
            .iter()
            .map(|c| {
                let cue = c.cue.as_ref()?;
                let t = toks.partition_point(|t| t.start < cue.start);
                (t < toks.len()).then_some(t)
            })
            .collect();
        Doc {
            text,
            toks,
            sent_toks: &tokens.sentences,
            sentences,
            layout,
            classes: vec![UNSEEN; toks.len()],
            cues,
            buffers: Buffers::default(),
        }
    }

    fn class(&mut self, t: usize) -> (u16, u8) {
        let c = self.classes[t];
        if c != UNSEEN {
            return c;
        }
        let c = self.layout.vocabulary.of(self.text, &self.toks[t]);
        self.classes[t] = c;
        c
    }

    /// The class of token `t`, [`NONE`] past the document's ends.
    fn class_at(&mut self, t: isize) -> u16 {
        if t < 0 || t as usize >= self.toks.len() {
            NONE
        } else {
            self.class(t as usize).0
        }
    }

    /// Whether tokens `first..=last` hold a word other than "that" (a content of marks or "that"
    /// alone says nothing).
    fn has_words(&mut self, first: usize, last: usize) -> bool {
        (first..=last).any(|t| self.toks[t].word && self.class(t).1 & THAT == 0)
    }

    /// The sentence of token `t`.
    fn sentence_of(&self, t: usize) -> usize {
        self.sent_toks.partition_point(|r| r.end <= t)
    }

    /// The candidates of claim `k` of `claims` (the claims `new` was given), or None for a claim
    /// the model leaves alone (a rule of [`FIXED`], or a content holding no whole token).
    pub fn candidates(&mut self, claims: &[Claim], k: usize) -> Option<Candidates> {
        let c = &claims[k];
        if FIXED.contains(&c.rule) {
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
        let claim = ClaimFacts {
            direct: c.kind == ClaimKind::Direct,
            kind: KINDS.iter().position(|&x| x == c.kind).unwrap_or(0),
            rule: c.rule as usize,
            cue: self.cues[k],
        };
        let starts = self.side(
            &claim,
            first,
            (lo.max(first.saturating_sub(REACH)), last.min(first + REACH)),
            (first, last),
            false,
        );
        let ends = self.side(
            &claim,
            last,
            (first.max(last.saturating_sub(REACH)), hi.min(last + REACH)),
            (first, last),
            true,
        );
        Some(Candidates {
            first,
            last,
            starts,
            ends,
        })
    }

    /// The start (or, with `end`, the end) candidates among tokens `a..=b` of a claim whose
    /// content is tokens `content` and whose bound on this side is `cur`.
    fn side(
        &mut self,
        claim: &ClaimFacts,
        cur: usize,
        (a, b): (usize, usize),
        (first, last): (usize, usize),
        end: bool,
    ) -> Vec<Candidate> {
        let n = self.toks.len();
        // Over tokens a..=b+1: each one's sentence and paragraph, and the quote marks, words
        // (without "that" at a start), and other claims' cues before each, counted.
        let top = (b + 1).min(n - 1);
        let mut si = self.sentence_of(a);
        let mut buf = std::mem::take(&mut self.buffers);
        let Buffers {
            sid,
            para,
            quotes,
            words,
            cues,
        } = &mut buf;
        sid.clear();
        para.clear();
        for v in [&mut *quotes, &mut *words, &mut *cues] {
            v.clear();
            v.resize(top + 2 - a, 0);
        }
        for t in a..=top {
            while si + 1 < self.sent_toks.len() && self.sent_toks[si].end <= t {
                si += 1;
            }
            sid.push(si as isize);
            para.push(self.sentences.get(si).map_or(0, |s| s.paragraph));
            let tok = &self.toks[t];
            let j = t - a;
            quotes[j + 1] = quotes[j] + u32::from(tok.is_mark(&QUOTE_MARKS));
            let word = tok.word
                && (end || !FUNCTION_WORDS.is(&self.text[tok.range()], WordClass::Complementizer));
            words[j + 1] = words[j] + u32::from(word);
        }
        for &j in self.cues.iter().flatten() {
            if Some(j) != claim.cue && (a..=top).contains(&j) {
                cues[j - a + 1] += 1;
            }
        }
        for j in 1..cues.len() {
            cues[j] += cues[j - 1];
        }
        let between =
            |p: &[u32], x: usize, y: usize| usize::from(p[x.max(y) - a] != p[x.min(y) - a]);
        let l = &self.layout;
        let (o, nc) = (l.offsets, l.vocabulary.len());
        let mut out = Vec::new();
        for i in a..=b {
            let candidate = if end {
                i == cur
                    || i == last
                    || i + 1 == n
                    || sid.get(i + 1 - a).is_some_and(|&s| s != sid[i - a])
                    || !self.toks[i + 1].word
                    || !self.toks[i].word
                    || self.class(i + 1).1 & BEFORE != 0
            } else {
                i == cur
                    || i == 0
                    || sid[i - a]
                        != if i > a {
                            sid[i - 1 - a]
                        } else {
                            self.sentence_of(i - 1) as isize
                        }
                    || !self.toks[i - 1].word
                    || self.class(i - 1).1 & AFTER != 0
                    || self.class(i).1 & OPENER != 0
            };
            // The tokens between the candidate and the rules' bound: i..cur or cur+1..=i.
            let (x, y) = if end { (i + 1, cur + 1) } else { (i, cur) };
            // A content ends on no word a clause starts after ("which", "and", "said"), and a
            // direct claim's stays between its quote marks.
            let dangling = end && i != cur && self.toks[i].word && self.class(i).1 & AFTER != 0;
            let leaves_quote = claim.direct && between(quotes, x, y) == 1;
            if !candidate || dangling || leaves_quote {
                continue;
            }
            let side = self.class_at(if end { i as isize + 1 } else { i as isize - 1 }) as usize;
            let w = self.class(i).0 as usize;
            let d = bucket(i as isize - cur as isize);
            let is_cur = usize::from(i == cur);
            let sent = (sid[i - a] - sid[cur - a]).clamp(-2, 2) + 2;
            let features = [
                o[0] + is_cur as u32,
                o[1] + side as u32,
                o[2] + w as u32,
                o[3] + (w * nc + side) as u32,
                o[4] + d as u32,
                o[5] + (claim.kind * BUCKETS + d) as u32,
                o[6] + (claim.rule * 2 + is_cur) as u32,
                o[7] + (claim.rule * nc + side) as u32,
                o[8] + sent as u32,
                o[9] + u32::from(para[i - a] != para[cur - a]),
                o[10] + between(quotes, x, y) as u32,
                o[11] + between(cues, x, y) as u32,
                claim
                    .cue
                    .map_or(u32::MAX, |q| o[12] + bucket(i as isize - q as isize) as u32),
            ];
            // A bound at a mark is taken to the nearest word inward; one that moves over marks
            // alone (and at the start "that") changes the content but not its words.
            let bound = if self.toks[i].word {
                Some(i)
            } else if end {
                (first.max(a)..i).rev().find(|&t| self.toks[t].word)
            } else {
                (i + 1..=last.min(b)).find(|&t| self.toks[t].word)
            };
            let (bound, same) = match bound {
                Some(t) if end => (t, between(words, t + 1, cur + 1) == 0),
                Some(t) => (t, between(words, t, cur) == 0),
                None => (i, true),
            };
            out.push(Candidate {
                tok: i,
                bound,
                same,
                features,
            });
        }
        self.buffers = buf;
        out
    }
}

/// The per-token tables of [`Doc::side`], kept between claims.
#[derive(Default)]
struct Buffers {
    sid: Vec<isize>,
    para: Vec<u32>,
    quotes: Vec<u32>,
    words: Vec<u32>,
    cues: Vec<u32>,
}

/// What the features read of a claim: its kind's and rule's numbers and its cue's token.
struct ClaimFacts {
    direct: bool,
    kind: usize,
    rule: usize,
    cue: Option<usize>,
}

/// How far, in tokens, a candidate may be from the rules' bound.
pub const REACH: usize = 1000;

/// The quote marks (a token starting with one is [`QUOTE`] too).
const QUOTE_MARKS: [Punct; 8] = [
    Punct::of('"'),
    Punct::of('“'),
    Punct::of('”'),
    Punct::of('‘'),
    Punct::of('’'),
    Punct::of('\''),
    Punct::of('«'),
    Punct::of('»'),
];

/// The score of `c` under weights `w`.
pub fn score(w: &[f32], c: &Candidate) -> f32 {
    c.features
        .iter()
        .filter(|&&i| i != u32::MAX)
        .map(|&i| w[i as usize])
        .sum()
}

/// The chosen candidate of `cands` (the rules' is `cur`): the best scoring, nearest `cur` among
/// equals, when it beats `cur` by [`MARGIN`]; else `cur`.
/// The chosen candidate of `cands` (the rules' is `cur`): the best scoring, nearest `cur` among
/// equals, when it beats `cur` by [`MARGIN`]; else None.
fn pick<'c>(cands: &'c [Candidate], w: &[f32], cur: usize) -> Option<&'c Candidate> {
    let mut cur_score = None;
    let mut best: Option<(f32, &Candidate, usize)> = None;
    for c in cands {
        let s = score(w, c);
        if c.tok == cur {
            cur_score = Some(s);
        }
        let dist = c.tok.abs_diff(cur);
        if best.is_none_or(|(bs, _, bd)| s > bs || (s == bs && dist < bd)) {
            best = Some((s, c, dist));
        }
    }
    match (best, cur_score) {
        (Some((bs, c, _)), Some(cs)) if bs > cs + MARGIN => Some(c),
        _ => None,
    }
}

/// The first and last tokens `model` chooses for a claim with candidates `c` (the rules' when
/// it moves neither bound).
pub fn choose(model: &Model, c: &Candidates) -> (usize, usize) {
    let start = pick(&c.starts, &model.start, c.first);
    let from = start.map_or(c.first, |s| s.tok);
    let after = c.ends.partition_point(|e| e.tok < from);
    let ends = &c.ends[after..];
    let end = if ends.iter().any(|e| e.tok == c.last) {
        pick(ends, &model.end, c.last)
    } else {
        None
    };
    let bound = |chosen: Option<&Candidate>, cur: usize| match chosen {
        Some(x) if !x.same => x.bound,
        _ => cur,
    };
    (bound(start, c.first), bound(end, c.last))
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
    if claims.iter().all(|c| FIXED.contains(&c.rule)) {
        return;
    }
    let mut moved = false;
    let mut doc = Doc::new(text, sentences, tokens, claims, &model.layout);
    for k in 0..claims.len() {
        let Some(c) = doc.candidates(claims, k) else {
            continue;
        };
        let (first, last) = choose(model, &c);
        if (first, last) == (c.first, c.last) || first > last || !doc.has_words(first, last) {
            continue;
        }
        let claim = &mut claims[k];
        claim.content = tokens.toks[first].start..tokens.toks[last].end;
        claim.sentence = doc.sentence_of(first);
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
        let mut doc = Doc::new(TEXT, &a.sentences, &tokens, &a.claims, &layout);
        let c = doc.candidates(&a.claims, 0).unwrap();
        let word = |t: usize| &TEXT[tokens.toks[t].range()];
        let starts: Vec<&str> = c.starts.iter().map(|s| word(s.tok)).collect();
        let ends: Vec<&str> = c.ends.iter().map(|s| word(s.tok)).collect();
        // Starts: the sentence's first word, the rules' (after "said"), after a comma.
        assert_eq!(starts, ["Officials", "the", "drafted", "is"]);
        // Ends: before and at marks, and at the next sentence's last word and mark.
        assert_eq!(
            ends,
            ["plan", ",", "May", ",", "dead", ".", "disagreed", "."]
        );
        assert_eq!((word(c.first), word(c.last)), ("the", "dead"));
        for (cands, cur) in [(&c.starts, c.first), (&c.ends, c.last)] {
            for cand in cands.iter() {
                let mut feats = cand.features.iter().filter(|&&f| f != u32::MAX);
                assert!(feats.all(|&f| (f as usize) < layout.len));
                assert_eq!(cand.features[0] == layout.index(0, &[1]), cand.tok == cur);
            }
        }
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
