//! The cue lexicon (`lexicons/cues.tsv`): words and phrases that introduce an attribution, with the
//! constructions ("frames") each supports. Linguists extend coverage by editing the file; the rules in
//! [`super::attribution`] only ask which frames a cue allows.

use super::tokens::{Classes, Key, Tok};
use crate::lexicon::{tsv_rows, Bundled, LexiconError};
use crate::tokens::CueStart;
use rustc_hash::FxHashMap as HashMap;

/// What a cue reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueClass {
    /// Speech or writing: said, told, wrote.
    Speech,
    /// Belief or cognition: believes, thinks, fears.
    Belief,
    /// A prepositional source: according to.
    Source,
    /// A refusal to comment: declined, did not respond.
    Decline,
}

/// One construction a cue supports (see the header of `lexicons/cues.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum Frame {
    /// Speaker before the cue: "Parsi said".
    Before = 1,
    /// Speaker right after the cue: "…,” said Parsi".
    After = 2,
    /// A reported clause follows, with or without "that".
    Clause = 4,
    /// A reported clause follows only after "that".
    That = 8,
    /// A hearer may stand before the clause or quote: "told reporters that".
    Object = 16,
    /// The cue may close the sentence after the content: "…, X said."
    Final = 32,
    /// The cue may introduce or follow a direct quote.
    Quote = 64,
    /// The speaker is the sentence's subject: "X left, saying that …".
    Participle = 128,
    /// A prepositional source: "according to X".
    According = 256,
    /// A refusal; the content is what was refused.
    Decline = 512,
    /// Naming: "X called Y “Z”"; the content ends with its first quotation, or with the
    /// prepositional phrase right after it ("called Y “Z” for its …").
    Naming = 1024,
    /// The content may be an infinitive: "X vowed to …".
    Infinitive = 2048,
    /// A noun after its speaker's possessive: "her claim that …".
    Noun = 4096,
    /// A name given with no one giving it: "a memo titled “X”"; the content is the quotation
    /// right after the cue, and there is no speaker.
    Label = 8192,
    /// Passive, a question put to someone: "when asked about …", "X was asked, “…”"; the
    /// content is the question, and there is no speaker unless "by X" names the asker.
    Question = 16384,
    /// With a speaker typed `document` (a poll, study or record), the content may be any phrase
    /// after the cue, "that" or not: "the poll showed Trump leading", "records show he gave".
    Evidence = 32768,
    /// An evidential or epistemic verb that raises its clause's subject ("Washington appears weak",
    /// "the plan seems to work"): the content is the subject and the complement after the cue, read
    /// as one, and no one in the text is its source (the writer is).
    Raising = 65536,
    /// A stance toward a person, party or measure: the content may be one word after the cue, a
    /// name or a pronoun ("who endorsed Clinton", "voters backed him"), and a "that" opens a
    /// reported clause only right after the cue ("supported a ban that …" is a relative).
    Stance = 131072,
    /// A way of regarding something: without "that", the cue reports only an object read "as"
    /// something ("voters see Clinton as electable"); the content is the object and what follows.
    Regard = 262144,
    /// An adjective after a form of be, with its preposition: the speaker is the subject of be,
    /// "X is skeptical of …", "X has long been critical of …"; without a form of be before it
    /// the cue reports nothing.
    Adjective = 524288,
    /// Without "that", a bare clause only when it opens with its subject and then a finite
    /// auxiliary, or with a subject pronoun a clause follows ("maintained the case has no merit",
    /// "pledged he would …"); an object alone ("maintained a lead") reports nothing.
    Finite = 1048576,
    /// A hearer may stand before a reported question, which starts at its question word: "asked
    /// workers if they …", "asked Sanders how he …" (the hearer is no part of the content).
    Query = 2097152,
    /// With `according`: the cue counts only where it opens its sentence (after at most an
    /// opening connective), and its source phrase must name a poll (`lexicons/poll_heads.txt`):
    /// "In a CNN/ORC poll, 38 percent said …"; anywhere else the word is no cue.
    Opening = 4194304,
    /// A choice to be made ("will decide whether …"): a question right after the cue is the
    /// choice, no one's account, so it opens no content (a "that" clause or an infinitive still
    /// does: "decided that …", "decided to run").
    Choice = 8388608,
    /// With `clause`: a bare content must read as a clause; a short object right after the cue
    /// that ends the sentence or meets a comma or a preposition is the verb in another sense and
    /// reports nothing ("claimed the title.", "added another 34 servers to …"), while "claimed
    /// the firm had lied" reports.
    Clausal = 16777216,
    /// Its content holds whatever the speaker thinks ("X is aware that …"): negated ("was not
    /// aware that …", "isn't aware that …"), the cue reports nothing of the speaker's
    /// ([`crate::claims::speaker::is_negation`]).
    Factive = 33554432,
    /// Read in the agentless passive, after a form of be with no "by" agent after it: the
    /// writer's report with no speaker, whose content is the passive's subject and the complement
    /// after the cue, read as one ("Clinton is widely seen as the favorite", "Trump was criticized
    /// for his remarks"); in the active the cue's other frames apply.
    Passive = 67108864,
    /// A light verb: a bare noun right after it belongs to the cue when a preposition or "that"
    /// follows it, and the content starts after the preposition (at the "that"): "expressed
    /// confidence that …", "voiced support for the plan".
    Light = 134217728,
}

const FRAMES: &[(&str, Frame)] = &[
    ("before", Frame::Before),
    ("after", Frame::After),
    ("clause", Frame::Clause),
    ("that", Frame::That),
    ("object", Frame::Object),
    ("final", Frame::Final),
    ("quote", Frame::Quote),
    ("participle", Frame::Participle),
    ("according", Frame::According),
    ("decline", Frame::Decline),
    ("naming", Frame::Naming),
    ("infinitive", Frame::Infinitive),
    ("noun", Frame::Noun),
    ("label", Frame::Label),
    ("question", Frame::Question),
    ("evidence", Frame::Evidence),
    ("raising", Frame::Raising),
    ("stance", Frame::Stance),
    ("regard", Frame::Regard),
    ("adjective", Frame::Adjective),
    ("finite", Frame::Finite),
    ("query", Frame::Query),
    ("opening", Frame::Opening),
    ("choice", Frame::Choice),
    ("clausal", Frame::Clausal),
    ("factive", Frame::Factive),
    ("passive", Frame::Passive),
    ("light", Frame::Light),
];

/// One lexicon entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// Words after the first one ("to" for "according to").
    pub rest: Vec<Key>,
    /// Dictionary form, written to claims.csv.
    pub lemma: String,
    /// What it reports.
    pub class: CueClass,
    frames: u32,
}

impl Cue {
    /// Whether the cue supports `frame`.
    pub fn has(&self, frame: Frame) -> bool {
        self.frames & frame as u32 != 0
    }

    /// Whether the cue supports one of the frames of `frames` (their bits, `Frame as u32`, or'ed).
    #[inline]
    pub fn has_any(&self, frames: u32) -> bool {
        self.frames & frames != 0
    }

    /// Whether `frame` is the only construction the cue supports ("assertion" is only a noun).
    pub fn only(&self, frame: Frame) -> bool {
        self.frames == frame as u32
    }
}

/// The whole lexicon, keyed by a form's first word.
#[derive(Debug, Clone)]
pub struct CueLexicon {
    /// The forms of each first word (longest first), by the first word's number: its index here
    /// plus one ([`CueLexicon::numbered_first_words`]).
    entries: Vec<Vec<Cue>>,
    /// The index in `entries` of each first word.
    by_first: HashMap<Key, usize>,
    /// Whether the token layer marks this lexicon's first words ([`Classes::CUE_FIRST`]): true of
    /// the bundled lexicon, whose words it reads; then a token without the mark is passed over
    /// without a key or a look-up.
    marked_on_tokens: bool,
}

/// The bundled lexicon. The file is checked by a unit test, so a bad edit fails `cargo test` with its
/// line number; at run time a malformed line would be a build defect, hence the panic message.
pub static CUES: Bundled<CueLexicon> = Bundled::new(|| {
    let lex = CueLexicon::parse("cues.tsv", crate::lexicon::bundled("cues.tsv"))?;
    Ok(CueLexicon {
        marked_on_tokens: true,
        ..lex
    })
});

impl CueLexicon {
    /// Whether `word` (lowercase) is a one-word speech cue that takes its speaker in `frame`
    /// position ("said" for both "Parsi said" and "said Parsi"): evidence that the neighbouring name
    /// is a person's, used by entity discovery.
    pub fn is_speech_word(&self, word: &str, frame: Frame) -> bool {
        // The word as written, not folded: a capitalised "Said" does not count.
        let lowercase = word
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase());
        let key = Key::of(word).filter(|_| lowercase);
        key.and_then(|k| self.first(&k)).is_some_and(|cues| {
            cues.iter()
                .any(|c| c.rest.is_empty() && c.class == CueClass::Speech && c.has(frame))
        })
    }

    /// Every entry, by first word.
    #[cfg(test)]
    pub(crate) fn cues(&self) -> impl Iterator<Item = &Cue> {
        self.entries.iter().flatten()
    }

    /// Parses and validates a cue lexicon; errors name the line.
    pub fn parse(file: &'static str, source: &str) -> Result<CueLexicon, LexiconError> {
        let mut lex = CueLexicon {
            entries: Vec::new(),
            by_first: HashMap::default(),
            marked_on_tokens: false,
        };
        let mut seen: HashMap<String, usize> = HashMap::default();
        for row in tsv_rows(file, source, 4) {
            let (line, f) = row?;
            let err = LexiconError::at(file, line);
            let form = f[0];
            if form.chars().any(|c| c.is_uppercase()) || form.contains("  ") {
                return Err(err(format!(
                    "form {form:?} must be lowercase words separated by single spaces"
                )));
            }
            if let Some(first) = seen.insert(form.to_owned(), line) {
                return Err(err(format!(
                    "form {form:?} already defined on line {first}"
                )));
            }
            let class = match f[2] {
                "speech" => CueClass::Speech,
                "belief" => CueClass::Belief,
                "source" => CueClass::Source,
                "decline" => CueClass::Decline,
                other => {
                    return Err(err(format!(
                        "unknown class {other:?} (expected speech, belief, source or decline)"
                    )))
                }
            };
            let mut frames = 0u32;
            for name in f[3].split_whitespace() {
                let Some((_, frame)) = FRAMES.iter().find(|(n, _)| *n == name) else {
                    let known: Vec<&str> = FRAMES.iter().map(|(n, _)| *n).collect();
                    return Err(err(format!(
                        "unknown frame {name:?} (expected some of: {})",
                        known.join(", ")
                    )));
                };
                frames |= *frame as u32;
            }
            if form.contains('’') {
                // Shapes below are registered from the ASCII spelling; both spellings then match.
                return Err(err(format!(
                    "form {form:?}: write the apostrophe as ' (text with ’ matches it too)"
                )));
            }
            let Some(mut words) = form.split(' ').map(Key::of).collect::<Option<Vec<Key>>>() else {
                return Err(err(format!(
                    "form {form:?} has a word that is not ASCII or is longer than {} letters",
                    Key::MAX
                )));
            };
            let first = words.remove(0);
            let cue = Cue {
                rest: words,
                lemma: f[1].to_owned(),
                class,
                frames,
            };
            let next = lex.entries.len();
            let index = *lex.by_first.entry(first).or_insert(next);
            if index == next {
                lex.entries.push(Vec::new());
            }
            let entries = &mut lex.entries[index];
            entries.push(cue);
            // Longest phrase first, so "did not respond" wins over a shorter form.
            entries.sort_by_key(|c| std::cmp::Reverse(c.rest.len()));
        }
        Ok(lex)
    }

    /// The words [`CueLexicon::is_speech_word`] may hold (the first words of the one-word speech
    /// cues, of any frame), as their keys' bytes: lower-case ASCII, as such a word is written.
    pub fn speech_words(&self) -> impl Iterator<Item = Vec<u8>> + '_ {
        self.by_first
            .iter()
            .filter(|&(_, &i)| {
                self.entries[i]
                    .iter()
                    .any(|c| c.rest.is_empty() && c.class == CueClass::Speech)
            })
            .map(|(k, _)| k.bytes())
    }

    /// The first words of the forms, as keys.
    pub fn first_words(&self) -> impl Iterator<Item = Key> + '_ {
        self.by_first.keys().copied()
    }

    /// The first words of the forms and their numbers (from 1), which the word-class table keeps
    /// for the bundled lexicon's words ([`crate::word_classes::cue_number_at`]).
    pub fn numbered_first_words(&self) -> impl Iterator<Item = (Key, usize)> + '_ {
        self.by_first.iter().map(|(k, &i)| (*k, i + 1))
    }

    /// The forms whose first word has key `key`, longest first.
    fn first(&self, key: &Key) -> Option<&[Cue]> {
        self.by_first.get(key).map(|&i| self.entries[i].as_slice())
    }

    /// The longest cue starting at token `i`: the entry and the number of tokens it covers. Inlined
    /// where it is called for every token, so a token the token layer did not mark costs a test.
    #[inline]
    pub fn match_at(&self, text: &str, toks: &[Tok], i: usize) -> Option<(&Cue, usize)> {
        if self.marked_on_tokens && !toks.get(i)?.classes.has(Classes::CUE_FIRST) {
            return None;
        }
        self.match_looked_up(text, toks, i)
    }

    /// [`CueLexicon::match_at`] at a cue's first word that the token pass listed
    /// ([`Tokens::cue_first`](crate::tokens::Tokens::cue_first)) with its number, which this
    /// lexicon must be the bundled one to read (a lexicon of its own looks the word up).
    #[inline]
    pub fn match_start(&self, text: &str, toks: &[Tok], start: CueStart) -> Option<(&Cue, usize)> {
        if !self.marked_on_tokens {
            return self.match_at(text, toks, start.token.index());
        }
        // Most first words are a cue of one form and one word ("said", "told"): found without a
        // look at the words after it, or a call.
        let entries = self
            .entries
            .get(usize::from(start.number).checked_sub(1)?)?;
        let i = start.token.index();
        match entries.as_slice() {
            [cue] if cue.rest.is_empty() => Some((cue, 1)),
            // Most of the others are the first word of one longer form ("is" of "is convinced",
            // "are", "could"), whose next word is told apart by its first byte: no cue there.
            [cue]
                if !toks
                    .get(i + 1)
                    .is_some_and(|t| cue.rest[0].may_start_with(text.as_bytes()[t.start])) =>
            {
                None
            }
            _ => Self::longest_at(entries, text, toks, i),
        }
    }

    /// [`CueLexicon::match_at`] by looking the words up: the first word by its number in the
    /// word-class table for the bundled lexicon, else by its key.
    fn match_looked_up(&self, text: &str, toks: &[Tok], i: usize) -> Option<(&Cue, usize)> {
        if self.marked_on_tokens {
            let t = &toks[i];
            let number = crate::word_classes::cue_number_at(text, t.start, t.end);
            return self.match_numbered(text, toks, i, number);
        }
        let entries = self.first(&Key::at(text, toks[i].start, toks[i].end)?)?;
        Self::longest_at(entries, text, toks, i)
    }

    /// The longest form at token `i` of the first word numbered `number` (from 1).
    fn match_numbered(
        &self,
        text: &str,
        toks: &[Tok],
        i: usize,
        number: u16,
    ) -> Option<(&Cue, usize)> {
        let entries = self.entries.get(usize::from(number).checked_sub(1)?)?;
        Self::longest_at(entries, text, toks, i)
    }

    /// The first of `entries` (the forms of token `i`'s word, longest first) whose other words
    /// follow token `i`, and the number of tokens it covers.
    fn longest_at<'c>(
        entries: &'c [Cue],
        text: &str,
        toks: &[Tok],
        i: usize,
    ) -> Option<(&'c Cue, usize)> {
        // Most next words are told apart by their first byte ("is" before anything but
        // "convinced"), before their key is made.
        let is = |t: &Tok, w: &Key| {
            w.may_start_with(text.as_bytes()[t.start]) && Key::at(text, t.start, t.end) == Some(*w)
        };
        entries.iter().find_map(|cue| {
            let n = 1 + cue.rest.len();
            let fits = cue
                .rest
                .iter()
                .enumerate()
                .all(|(k, w)| toks.get(i + 1 + k).is_some_and(|t| is(t, w)));
            fits.then_some((cue, n))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_speech_word_is_listed_among_the_speech_words() {
        let listed: Vec<Vec<u8>> = CUES.speech_words().collect();
        let mut speech = 0;
        for key in CUES.first_words() {
            let word = String::from_utf8(key.bytes()).unwrap();
            if [Frame::Before, Frame::After]
                .into_iter()
                .any(|f| CUES.is_speech_word(&word, f))
            {
                assert!(listed.contains(&key.bytes()), "{word}");
                speech += 1;
            }
        }
        assert!(
            speech >= 5 && listed.len() >= speech,
            "{speech} of {}",
            listed.len()
        );
    }

    #[test]
    fn bundled_lexicon_is_valid() {
        let lex = CueLexicon::parse("cues.tsv", crate::lexicon::bundled("cues.tsv"))
            .unwrap_or_else(|e| panic!("{e}"));
        let key = |w| Key::of(w).unwrap();
        let said = &lex.first(&key("said")).unwrap()[0];
        assert_eq!(said.lemma, "say");
        assert!(said.has(Frame::After) && said.has(Frame::Quote));
        assert!(!said.has(Frame::Participle));
        assert_eq!(
            lex.first(&key("according")).unwrap()[0].rest,
            vec![key("to")]
        );
    }

    #[test]
    fn errors_name_the_line() {
        let e = CueLexicon::parse(
            "x.tsv",
            "# c\nsaid\tsay\tspeech\tbefore\nsays\tsay\tspeech\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.to_string().starts_with("lexicons/x.tsv:3: expected 4"));
        let e = CueLexicon::parse("x.tsv", "said\tsay\tspeech\tbefore sideways\n").unwrap_err();
        assert!(e.message.contains("unknown frame \"sideways\""), "{e}");
        let e = CueLexicon::parse(
            "x.tsv",
            "said\tsay\tspeech\tbefore\nsaid\tsay\tbelief\tbefore\n",
        )
        .unwrap_err();
        assert_eq!((e.line, e.message.contains("line 1")), (2, true));
        let e = CueLexicon::parse("x.tsv", "Said\tsay\tspeech\tbefore\n").unwrap_err();
        assert!(e.message.contains("lowercase"));
        let e = CueLexicon::parse("x.tsv", "a déclaré\tsay\tspeech\tbefore\n").unwrap_err();
        assert!(e.message.contains("not ASCII"), "{e}");
        let e = CueLexicon::parse("x.tsv", "didn’t say\tsay\tspeech\tbefore\n").unwrap_err();
        assert!(e.message.contains("write the apostrophe as '"), "{e}");
    }

    #[test]
    fn phrases_match_longest_first() {
        let lex = CueLexicon::parse(
            "x.tsv",
            "did\tdo\tspeech\tbefore\ndid not respond\tno comment\tdecline\tbefore decline\n",
        )
        .unwrap();
        let text = "He did not respond to";
        let doc = crate::corpus::Document::from_text("t".into(), "t".into(), text);
        let s = crate::sentences::split(&doc);
        let t = super::super::tokens::tokenize(text, &s);
        let (cue, n) = lex.match_at(text, &t.toks, 1).unwrap();
        assert_eq!((cue.lemma.as_str(), n), ("no comment", 3));
        assert!(lex.match_at(text, &t.toks, 0).is_none());
    }

    #[test]
    fn case_and_curly_apostrophes_match() {
        let lex = CueLexicon::parse(
            "x.tsv",
            "didn't respond\tno comment\tdecline\tbefore decline\nsaid\tsay\tspeech\tbefore\n",
        )
        .unwrap();
        let text = "Officials Didn’t respond. SAID he";
        let doc = crate::corpus::Document::from_text("t".into(), "t".into(), text);
        let t = super::super::tokens::tokenize(text, &crate::sentences::split(&doc));
        // A lexicon of its own is looked up by key; the bundled one through the tokens' marks.
        for lex in [&lex, &*CUES] {
            let lemma = |i| {
                lex.match_at(text, &t.toks, i)
                    .map(|(c, _)| c.lemma.as_str())
            };
            assert_eq!(lemma(1), Some("no comment"));
            assert_eq!(lemma(4), Some("say"));
            assert_eq!(lemma(0), None);
        }
    }
}
