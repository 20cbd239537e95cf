//! In-document alias resolution: surnames and acronyms.
//!
//! News text names a person in full once ("Trita Parsi") and then by surname ("Parsi", "Mr. Parsi",
//! "Parsi’s"); it spells out an organisation once with its acronym in parentheses ("International
//! Atomic Energy Agency (IAEA)") and then uses the acronym. Both short forms are only meaningful inside
//! the document, so they are found with a small per-document automaton after the gazetteer pass and
//! resolved to the nearest full mention (preceding if any, else following).

use crate::corpus::Document;
use crate::entity::DocEntities;
use crate::entity::EntityType;
use crate::lexicon::{CLUB_SHORT_FORMS, FAMILY_FIRST, SURNAME_PARTICLES};
use crate::mentions::{
    is_ascii_word_byte, is_word_end, is_word_start, preceded_by_other_name, How, Mention,
};
use crate::text::{
    capitals_among_sixty_four, is_ascii_space, sixty_four_at, word_starts_among_sixty_four,
    AsciiSet,
};
use hashbrown::HashTable;
use once_cell::sync::Lazy;
use regex::Regex;
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::collections::BTreeMap;
use std::hash::BuildHasher;

/// "(IAEA)" (or "( IAEA )") right after a mention: an acronym defined for this document.
static ACRONYM_DEF: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^\s*\( ?([A-Z][A-Za-z.&]*[A-Z.&]) ?\)").expect("valid regex"));

/// Builds resolution's patterns now (see [`crate::pipeline::prepare`]).
pub fn prepare() {
    Lazy::force(&ACRONYM_DEF);
}

/// Whether `acronym`, in parentheses right after a mention of an entity of `kind` written `name`,
/// stands for that entity. An organisation's always does; a person has none. A place's acronym
/// belongs to a longer name when it has two more capitals than the place has words ("Refugees and
/// Democracy in Rwanda ( RDR )") or does not start with the place's initial ("Transport for London
/// (TfL)").
pub(crate) fn acronym_fits(acronym: &str, kind: EntityType, name: &str) -> bool {
    match kind {
        EntityType::Organization => true,
        EntityType::Person => false,
        EntityType::Place => {
            let letters = acronym.chars().filter(char::is_ascii_uppercase).count();
            let same_initial = acronym
                .chars()
                .next()
                .zip(name.chars().next())
                .is_some_and(|(a, n)| a.eq_ignore_ascii_case(&n));
            same_initial && letters <= name.split_whitespace().count() + 1
        }
    }
}

/// Adds surname and acronym mentions to the gazetteer mentions of one document.
///
/// `mentions` must be sorted and non-overlapping; so is the result.
pub fn resolve<'a>(
    doc: &'a Document,
    entities: DocEntities<'a>,
    mut mentions: Vec<Mention>,
) -> Vec<Mention> {
    let text = doc.text.as_str();
    // The tables this thread kept from its last document, empty.
    let ResolveRoom {
        mut by_name,
        mut name_numbers,
        found,
        bounds,
        candidates,
        slots,
        mut homes,
        mut added,
        built,
    } = crate::scratch::resolve_room();
    // Each short form numbered once, and (form, position of a full mention, entity) in the order
    // found, which is text order but for the clubs' forms, which come first. A form is a slice of
    // the text or of a name wherever it can be, not a copy; else it is written in `built`.
    let mut forms = Forms::with_capacity(2 * mentions.len(), found, built);
    crate::work::add(mentions.len());
    club_short_forms(text, entities, &mut mentions, &mut forms);
    // The numbers of the short forms of each person's name, worked out and numbered once per
    // entity: `by_name[entity]` is a range of `name_numbers`.
    by_name.reserve(mentions.len());
    let mut name_forms: Vec<Form<'a>> = Vec::new();
    let mut surface_forms: Vec<Form<'a>> = Vec::new();
    for m in &mentions {
        let entity = entities.get(m.entity);
        if let How::Rule(_) = m.how {
            let form = &text[m.range()];
            forms.add(Form::Slice(form), (m.start, m.entity, How::Repeat), false);
        }
        match entity.kind {
            EntityType::Person if m.how != How::Demonym => {
                let (from, to) = *by_name.entry(m.entity).or_insert_with(|| {
                    let from = name_numbers.len() as u32;
                    short_forms(&entity.name, &mut name_forms, &mut forms.built);
                    for form in name_forms.drain(..) {
                        name_numbers.push(forms.number(form));
                    }
                    (from, name_numbers.len() as u32)
                });
                let candidate = (m.start, m.entity, How::Surname);
                for &f in &name_numbers[from as usize..to as usize] {
                    forms.add_numbered(f, candidate, true);
                }
                // A mention written as the name has the name's forms, which it has just added.
                let surface = &text[m.range()];
                if surface != entity.name {
                    short_forms(surface, &mut surface_forms, &mut forms.built);
                    for form in surface_forms.drain(..) {
                        forms.add(form, candidate, true);
                    }
                }
            }
            EntityType::Organization | EntityType::Place => {
                // The definition opens with a parenthesis after spaces, as the regex asks: most
                // mentions are spared the regex.
                let after = &text[m.end..];
                if !opens_with_parenthesis(after) {
                    continue;
                }
                if let Some(c) = ACRONYM_DEF.captures(after) {
                    let acronym = c.get(1).expect("group 1").as_str();
                    if !acronym_fits(acronym, entity.kind, &text[m.range()]) {
                        continue;
                    }
                    forms.add(
                        Form::Slice(acronym),
                        (m.start, m.entity, How::Acronym),
                        false,
                    );
                }
            }
            _ => {}
        }
    }
    if forms.found.is_empty() {
        crate::scratch::keep_resolve_room(ResolveRoom {
            by_name,
            name_numbers,
            found: forms.found,
            bounds,
            candidates,
            slots,
            homes,
            added,
            built: forms.built,
        });
        return mentions;
    }
    let (forms, found) = forms.finish(bounds, candidates);
    let scanner = FormScanner::new(&forms, slots, &mut homes);
    // The first mention that ends after the place the scan is at: the scan goes forward, and the
    // mentions are in text order and apart, so they end in order too.
    let mut next = 0;
    scanner.scan(text, |start, len, f| {
        let candidates = forms.candidates(f);
        let end = start + len;
        while mentions.get(next).is_some_and(|m| m.end <= start) {
            next += 1;
        }
        let overlaps = mentions.get(next).is_some_and(|m| m.start < end);
        if overlaps || doc.in_boilerplate(&(start..end)) {
            return;
        }
        let how = candidates[0].2;
        if how == How::Surname && preceded_by_other_name(text, start) {
            return;
        }
        // The last full mention before this one, else the first after it. Candidates are in text
        // order, so this is a binary search (a scan of them all made long documents quadratic).
        let before = candidates.partition_point(|c| c.0 < start);
        crate::work::add(1 + candidates.len().ilog2() as usize);
        let (_, entity, _) = candidates[before.saturating_sub(1)];
        added.push(Mention {
            start,
            end,
            entity,
            how,
        });
    });
    crate::mentions::merge_sorted(&mut mentions, &added);
    let slots = scanner.slots;
    let FinishedForms {
        bounds,
        candidates,
        built,
        ..
    } = forms;
    crate::scratch::keep_resolve_room(ResolveRoom {
        by_name,
        name_numbers,
        found,
        bounds,
        candidates,
        slots,
        homes,
        added,
        built,
    });
    mentions
}

/// The tables [`resolve`] works in, which a thread keeps from one document to the next
/// ([`crate::scratch::resolve_room`]), so a document fills room already made instead of
/// allocating its own. None holds anything of a document once kept ([`Kept::clear`](crate::scratch::Kept::clear)).
#[derive(Default)]
pub struct ResolveRoom {
    /// The range of `name_numbers` of each person entity.
    by_name: FxHashMap<u32, (u32, u32)>,
    /// The numbers of the short forms of the person entities' names.
    name_numbers: Vec<u32>,
    /// [`Forms::found`].
    found: Vec<(u32, Candidate)>,
    /// [`FinishedForms::bounds`].
    bounds: Vec<u32>,
    /// [`FinishedForms::candidates`].
    candidates: Vec<Candidate>,
    /// [`FormScanner::slots`].
    slots: Vec<Slot>,
    /// The slot of each form ([`FormScanner::new`]).
    homes: Vec<u32>,
    /// The mentions through short forms.
    added: Vec<Mention>,
    /// [`Forms::built`].
    built: String,
}

impl crate::scratch::Kept for ResolveRoom {
    /// Empties the tables, keeping their room.
    fn clear(&mut self) {
        self.by_name.clear();
        self.name_numbers.clear();
        self.found.clear();
        self.bounds.clear();
        self.candidates.clear();
        self.slots.clear();
        self.homes.clear();
        self.added.clear();
        self.built.clear();
    }

    /// The room of its largest table, in entries.
    fn room(&self) -> usize {
        [
            self.by_name.capacity(),
            self.name_numbers.capacity(),
            self.found.capacity(),
            self.bounds.capacity(),
            self.candidates.capacity(),
            self.slots.capacity(),
            self.homes.capacity(),
            self.added.capacity(),
            self.built.capacity(),
        ]
        .into_iter()
        .max()
        .unwrap_or(0)
    }
}

/// A full mention a short form may stand for: (its position, its entity, how the short form is
/// resolved).
type Candidate = (usize, u32, How);

/// A short form: a slice of the text or of a name, or text made for the document (a surname in
/// capitals), `built[from..to]` of its [`Forms::built`].
#[derive(Clone, Copy, Debug)]
enum Form<'a> {
    Slice(&'a str),
    Built(u32, u32),
}

impl<'a> Form<'a> {
    /// The form's text, `built` being the text made for the document.
    #[inline]
    fn text<'b>(self, built: &'b str) -> &'b str
    where
        'a: 'b,
    {
        match self {
            Form::Slice(s) => s,
            Form::Built(from, to) => &built[from as usize..to as usize],
        }
    }
}

/// The short forms of a document as they are gathered: each distinct form numbered in the order
/// first met, and every candidate with its form's number in the order added. No vector per
/// form: [`Forms::finish`] puts each form's candidates together once.
struct Forms<'a> {
    /// (form, its number), found by the form's hash.
    numbers: HashTable<(Form<'a>, u32)>,
    /// The forms, by number: what [`FormScanner::new`] reads in order (a table is slower to
    /// walk).
    list: Vec<Form<'a>>,
    /// (form number, candidate), in the order added.
    found: Vec<(u32, Candidate)>,
    /// The text of the forms made for the document, one after another (no string per form).
    built: String,
}

impl<'a> Forms<'a> {
    /// Room for `n` forms, the candidates gathered in `found` (empty), the text made for the
    /// document in `built` (empty).
    fn with_capacity(n: usize, mut found: Vec<(u32, Candidate)>, built: String) -> Forms<'a> {
        found.reserve(2 * n);
        Forms {
            numbers: HashTable::with_capacity(n),
            list: Vec::with_capacity(n),
            found,
            built,
        }
    }

    /// The number of `form`, which the table keeps when the form is new.
    fn number(&mut self, form: Form<'a>) -> u32 {
        let built = self.built.as_str();
        let text = form.text(built);
        let hash = FxBuildHasher.hash_one(text);
        if let Some(&(_, f)) = self.numbers.find(hash, |(g, _)| g.text(built) == text) {
            return f;
        }
        let f = self.list.len() as u32;
        self.numbers.insert_unique(hash, (form, f), |(g, _)| {
            FxBuildHasher.hash_one(g.text(built))
        });
        self.list.push(form);
        f
    }

    /// Adds `candidate` to the candidates of `form`, unless `once` and the same mention already
    /// gave the same entity for it. (A mention's candidates are added together, after every
    /// earlier mention's, so its own are the last ones; the clubs' candidates come first, but a
    /// club is an organisation and `once` is asked for people only.)
    fn add(&mut self, form: Form<'a>, candidate: Candidate, once: bool) {
        let f = self.number(form);
        self.add_numbered(f, candidate, once);
    }

    /// [`Forms::add`] of the form numbered `f`.
    fn add_numbered(&mut self, f: u32, candidate: Candidate, once: bool) {
        if once
            && self
                .found
                .iter()
                .rev()
                .take_while(|(_, c)| c.0 == candidate.0)
                .any(|&(g, c)| g == f && c.1 == candidate.1)
        {
            return;
        }
        self.found.push((f, candidate));
    }

    /// Each form's candidates together, in the order they were added (a counting sort by form
    /// number), in `bounds` and `candidates` (empty); and `found`, for the next document.
    fn finish(
        self,
        mut bounds: Vec<u32>,
        mut candidates: Vec<Candidate>,
    ) -> (FinishedForms<'a>, Vec<(u32, Candidate)>) {
        let n = self.list.len();
        // Counted into `bounds[f + 1]` and summed, so that it is the end of form `f`'s
        // candidates; placed from the last candidate back, which moves it to their start, where
        // `bounds[f + 2]` is their end (`bounds[n + 1]` the end of all).
        bounds.resize(n + 2, 0);
        for &(f, _) in &self.found {
            bounds[f as usize + 1] += 1;
        }
        for k in 1..n + 1 {
            bounds[k] += bounds[k - 1];
        }
        bounds[n + 1] = self.found.len() as u32;
        candidates.resize(self.found.len(), (0, 0, How::Name));
        for &(f, c) in self.found.iter().rev() {
            let end = &mut bounds[f as usize + 1];
            *end -= 1;
            candidates[*end as usize] = c;
        }
        let finished = FinishedForms {
            forms: self.list,
            bounds,
            candidates,
            built: self.built,
        };
        (finished, self.found)
    }
}

/// The short forms of a document and their candidates, in text order (the clubs' first).
struct FinishedForms<'a> {
    /// The forms, by number.
    forms: Vec<Form<'a>>,
    /// Form `f`'s candidates are `candidates[bounds[f + 1]..bounds[f + 2]]`.
    bounds: Vec<u32>,
    candidates: Vec<Candidate>,
    /// [`Forms::built`].
    built: String,
}

impl FinishedForms<'_> {
    /// The candidates of form `f`.
    fn candidates(&self, f: u32) -> &[Candidate] {
        let f = f as usize;
        &self.candidates[self.bounds[f + 1] as usize..self.bounds[f + 2] as usize]
    }
}

/// Clubs named in full whose last word stands alone for them ("Manchester United" → "United",
/// `lexicons/club_short_forms.txt`): the word becomes a short form of the club in `forms`, and a
/// mention of it discovered as an organisation of its own ("the United board") is the club's (the
/// nearest named before it, else the first after it).
fn club_short_forms<'a>(
    text: &str,
    entities: DocEntities<'a>,
    mentions: &mut [Mention],
    forms: &mut Forms<'a>,
) {
    let mut clubs: BTreeMap<&'a str, Vec<Candidate>> = BTreeMap::new();
    for m in mentions.iter() {
        let entity = entities.get(m.entity);
        // Clubs: listed in sports.tsv or discovered as a club or team ("Shareholders United" is none).
        if m.how == How::ShortForm || !crate::sports::is_club(entity) {
            continue;
        }
        let several = entity.name.split_whitespace().nth(1).is_some();
        let last = entity.name.split_whitespace().next_back();
        if let Some(last) = last.filter(|w| several && CLUB_SHORT_FORMS.contains(w)) {
            clubs
                .entry(last)
                .or_default()
                .push((m.start, m.entity, How::ShortForm));
        }
    }
    if clubs.is_empty() {
        return;
    }
    for m in mentions.iter_mut() {
        let Some(candidates) = clubs.get(&text[m.range()]) else {
            continue;
        };
        if matches!(m.how, How::Rule(_)) && entities.get(m.entity).kind == EntityType::Organization
        {
            let before = candidates.partition_point(|c| c.0 < m.start);
            m.entity = candidates[before.saturating_sub(1)].1;
            m.how = How::ShortForm;
        }
    }
    for (form, candidates) in clubs {
        for c in candidates {
            forms.add(Form::Slice(form), c, false);
        }
    }
}

/// Finds whole-word occurrences of a document's short forms, leftmost first, longest first.
///
/// A document usually has a handful of forms and is scanned once, so building any automaton costs
/// more than the scan: instead, forms are tried only at word starts whose first byte begins some
/// form, and there only the forms that open with the same two bytes (a form of one byte with the
/// byte 0 after it), longest first, each compared byte by byte. The forms of each two-byte opening
/// are found in a small open-addressing table of the openings, so a document with thousands of
/// similar names ("Name1" … "Name9999", a roster) stays linear: an opening of more than
/// [`FEW_FORMS`] forms has them sorted by length and bytes and searched, length by length.
struct FormScanner<'f> {
    starts: [bool; 256],
    /// Which bytes the forms may start at, told sixty-four bytes at a time ([`Places`]).
    places: Places,
    /// The ASCII bytes that open a form.
    firsts: AsciiSet,
    /// Whether the places are told by [`AsciiSet::among_sixty_four_avx2`] of `firsts` (on a
    /// processor with AVX2, when every form opens with an ASCII capital: the capitals of
    /// [`Places::Capitals`] narrowed to those that open a form).
    by_firsts: bool,
    /// (form, number), the forms of one opening together and, among them, longest first.
    by_opening: Vec<(&'f str, u32)>,
    /// The openings: each slot empty (`tag` 0) or one opening (`tag` the opening plus one) and
    /// its forms, `by_opening[from..to]`.
    slots: Vec<Slot>,
    /// The number of slots less one (a power of two less one).
    mask: u32,
    /// One bit per [`opening_bit`] of the forms' openings: most capitals in the text open no
    /// form ("The" when the forms open "Tr"), and are passed over without a probe of the slots.
    openings: [u64; 8],
}

/// The bytes of a text a form may start at, as [`FormScanner::scan`] finds them among sixty-four
/// bytes at once: told by the forms' first bytes. In order of more places: the places of two
/// kinds of forms together are the greater's.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Places {
    /// Every form starts with an ASCII capital or a byte beyond ASCII (names and acronyms do):
    /// such bytes ([`capitals_among_sixty_four`]).
    Capitals,
    /// Every form starts with an ASCII word character or a byte beyond ASCII ("van Beethoven"):
    /// the bytes where a word may start ([`word_starts_among_sixty_four`]), as a form must.
    WordStarts,
    /// Any byte.
    Any,
}

impl Places {
    /// The kind of places a form starting with the byte `b` needs at least.
    fn of(b: u8) -> Places {
        if b.is_ascii_uppercase() || b >= 0x80 {
            Places::Capitals
        } else if is_ascii_word_byte(b) {
            Places::WordStarts
        } else {
            Places::Any
        }
    }

    /// The places among the sixty-four bytes `chunk` read at `pos` of `bytes`, one bit each.
    #[inline(always)]
    fn among(self, bytes: &[u8], pos: usize, chunk: &[u8; 64]) -> u64 {
        match self {
            Places::Capitals => capitals_among_sixty_four(chunk),
            Places::WordStarts => {
                let after_word = pos
                    .checked_sub(1)
                    .is_some_and(|k| is_ascii_word_byte(bytes[k]));
                word_starts_among_sixty_four(chunk, after_word)
            }
            Places::Any => u64::MAX,
        }
    }
}

/// The bit of [`FormScanner::openings`] that stands for `opening` (and for the few others that
/// share it).
#[inline]
fn opening_bit(opening: u32) -> usize {
    (opening.wrapping_mul(0x9E37_79B9) >> 23) as usize
}

/// The most forms of one opening that [`FormScanner::form_at`] tries one by one; more are
/// searched by length and bytes.
const FEW_FORMS: usize = 16;

/// The home of an empty form in [`FormScanner::new`]: no slot.
const NO_SLOT: u32 = u32::MAX;

/// A slot of [`FormScanner::slots`].
#[derive(Clone, Copy, Default)]
struct Slot {
    tag: u32,
    from: u32,
    to: u32,
}

/// The first two bytes of `bytes` from `p` as one number (0 for the second past the end).
#[inline]
fn opening_at(bytes: &[u8], p: usize) -> u32 {
    u32::from(bytes[p]) << 8 | bytes.get(p + 1).map_or(0, |&b| u32::from(b))
}

impl<'f> FormScanner<'f> {
    /// The scanner of `forms`, its openings table in `slots` (empty); `homes` is room for the
    /// slot of each form.
    ///
    /// The forms are placed by their opening without a sort: each opening's slot counts its
    /// forms, the counts summed in slot order give each opening its range of `by_opening`, and
    /// each form goes into its range longest first (an insertion among the few of its opening).
    /// Each form's slot is found once, on the first pass, and kept in `homes` for the second.
    fn new(
        forms: &'f FinishedForms<'f>,
        mut slots: Vec<Slot>,
        homes: &mut Vec<u32>,
    ) -> FormScanner<'f> {
        let built = forms.built.as_str();
        // At most half the slots full.
        let size = (2 * forms.forms.len()).next_power_of_two().max(8);
        slots.resize(size, Slot::default());
        let mut scanner = FormScanner {
            starts: [false; 256],
            places: Places::Capitals,
            firsts: AsciiSet::EMPTY,
            by_firsts: false,
            by_opening: Vec::new(),
            slots,
            mask: size as u32 - 1,
            openings: [0; 8],
        };
        // Each opening's slot, its forms counted in `to`; each form's slot in `homes` (an empty
        // form has none and is not placed).
        let mut places = Places::Capitals;
        let mut beyond = false;
        let mut placed = 0;
        homes.clear();
        for form in &forms.forms {
            let b = form.text(built).as_bytes();
            let Some(&first) = b.first() else {
                homes.push(NO_SLOT);
                continue;
            };
            scanner.starts[usize::from(first)] = true;
            scanner.firsts.insert(first);
            beyond |= first >= 0x80;
            places = places.max(Places::of(first));
            let opening = opening_at(b, 0);
            let bit = opening_bit(opening);
            crate::swar::set_bit(&mut scanner.openings, bit);
            let k = scanner.slot_or_free(opening);
            let slot = &mut scanner.slots[k];
            slot.tag = opening + 1;
            slot.to += 1;
            homes.push(k as u32);
            placed += 1;
        }
        scanner.places = places;
        scanner.by_firsts = places == Places::Capitals && !beyond && has_avx2();
        // Each opening's range, `from..from` until its forms are placed.
        let mut from = 0;
        for slot in scanner.slots.iter_mut().filter(|s| s.tag != 0) {
            let count = slot.to;
            (slot.from, slot.to) = (from, from);
            from += count;
        }
        scanner.by_opening = vec![("", 0); placed];
        for (f, (form, &k)) in forms.forms.iter().zip(homes.iter()).enumerate() {
            if k == NO_SLOT {
                continue;
            }
            let form = form.text(built);
            let slot = &mut scanner.slots[k as usize];
            let (first, mut at) = (slot.from as usize, slot.to as usize);
            slot.to += 1;
            if slot.to - slot.from > FEW_FORMS as u32 {
                // Many forms to an opening: placed in order, sorted below.
                scanner.by_opening[at] = (form, f as u32);
                continue;
            }
            // Longest first: the longer ones stay before it, the shorter move up one.
            while at > first && scanner.by_opening[at - 1].0.len() < form.len() {
                scanner.by_opening[at] = scanner.by_opening[at - 1];
                at -= 1;
            }
            scanner.by_opening[at] = (form, f as u32);
        }
        // An opening of many forms (thousands of names "Ali…" in one document): longest first
        // and, among forms of one length, by their bytes, for [`FormScanner::form_at`]'s binary
        // search. (Insertion, and a scan of them all at each place, were quadratic.)
        for slot in scanner
            .slots
            .iter()
            .filter(|s| s.to - s.from > FEW_FORMS as u32)
        {
            scanner.by_opening[slot.from as usize..slot.to as usize].sort_unstable_by(
                |(a, f), (b, g)| (b.len(), a.as_bytes(), f).cmp(&(a.len(), b.as_bytes(), g)),
            );
        }
        scanner
    }

    /// The slot of `opening`, or the free slot where it goes.
    #[inline]
    fn slot_or_free(&self, opening: u32) -> usize {
        let mut k = self.slot_of(opening);
        while self.slots[k].tag != 0 && self.slots[k].tag != opening + 1 {
            k = (k + 1) & self.mask as usize;
        }
        k
    }

    /// Where the search for `opening` starts among the slots.
    #[inline]
    fn slot_of(&self, opening: u32) -> usize {
        (opening.wrapping_mul(0x9E37_79B9) >> 16 & self.mask) as usize
    }

    /// The longest form that opens with `opening` and stands at byte `p` of `text` as a whole
    /// word: its length and number.
    fn form_at(&self, text: &str, p: usize, opening: u32) -> Option<(usize, u32)> {
        let slot = self.slots[self.slot_or_free(opening)];
        if slot.tag == 0 {
            return None;
        }
        let bytes = text.as_bytes();
        let forms = &self.by_opening[slot.from as usize..slot.to as usize];
        // A form is whole characters, so bytes equal to it end on a character boundary.
        if forms.len() <= FEW_FORMS {
            return forms
                .iter()
                .find(|(form, _)| {
                    let end = p + form.len();
                    bytes.get(p..end) == Some(form.as_bytes()) && is_word_end(text, end)
                })
                .map(|&(form, f)| (form.len(), f));
        }
        // Many: each length, longest first, searched for the bytes at `p` (of equal forms the
        // first placed, as the scan above finds it).
        let mut rest = forms;
        while let Some(&(longest, _)) = rest.first() {
            let len = longest.len();
            let (same, shorter) = rest.split_at(rest.partition_point(|(f, _)| f.len() == len));
            rest = shorter;
            let Some(word) = bytes.get(p..p + len) else {
                continue;
            };
            let k = same.partition_point(|(f, _)| f.as_bytes() < word);
            if let Some(&(_, f)) = same.get(k).filter(|(f, _)| f.as_bytes() == word) {
                if is_word_end(text, p + len) {
                    return Some((len, f));
                }
            }
        }
        None
    }

    /// Calls `found(start, length, form number)` for each non-overlapping whole-word occurrence,
    /// in text order.
    fn scan(&self, text: &str, found: impl FnMut(usize, usize, u32)) {
        #[cfg(target_arch = "x86_64")]
        if self.by_firsts {
            // SAFETY: `by_firsts` is set only when the processor has AVX2.
            return unsafe { self.scan_avx2(text, found) };
        }
        self.scan_by(text, found, |bytes, pos, chunk| {
            self.places.among(bytes, pos, chunk)
        });
    }

    /// [`FormScanner::scan`] of a scanner whose places are told by `firsts`, compiled for AVX2
    /// (with what `found` does: one call a document).
    ///
    /// # Safety
    /// The processor must have AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn scan_avx2(&self, text: &str, found: impl FnMut(usize, usize, u32)) {
        self.scan_by(text, found, |_, _, chunk| {
            // SAFETY: compiled for AVX2, which the caller's processor has.
            unsafe { self.firsts.among_sixty_four_avx2(chunk) }
        });
    }

    /// [`FormScanner::scan`], the places among the sixty-four bytes at `pos` told by
    /// `places(bytes, pos, chunk)`; the last 1–63 bytes are read padded with zero bytes, which
    /// no place may be.
    #[inline(always)]
    fn scan_by(
        &self,
        text: &str,
        mut found: impl FnMut(usize, usize, u32),
        places: impl Fn(&[u8], usize, &[u8; 64]) -> u64,
    ) {
        let bytes = text.as_bytes();
        let mut pos = 0;
        while pos < bytes.len() {
            crate::work::add(1);
            let (mut places, mut width) = match sixty_four_at(bytes, pos) {
                Some(chunk) => (places(bytes, pos, chunk), 64),
                None => {
                    let rest = &bytes[pos..];
                    let mut padded = [0; 64];
                    padded[..rest.len()].copy_from_slice(rest);
                    let bits = places(bytes, pos, &padded) & u64::MAX >> (64 - rest.len());
                    (bits, rest.len())
                }
            };
            while places != 0 {
                let p = pos + places.trailing_zeros() as usize;
                places &= places - 1;
                crate::work::add(1);
                // UTF-8 continuation bytes never start a form, so `p` is a char boundary past
                // this test.
                if !self.starts[usize::from(bytes[p])] {
                    continue;
                }
                let opening = opening_at(bytes, p);
                let bit = opening_bit(opening);
                if !crate::swar::bit(&self.openings, bit) || !is_word_start(text, p) {
                    continue;
                }
                if let Some((len, f)) = self.form_at(text, p, opening) {
                    found(p, len, f);
                    // The places before the form's end are inside it: the block's places past
                    // it are tried next, or the block after it is read from there.
                    let end = p + len;
                    if end < pos + width {
                        places &= u64::MAX << (end - pos);
                    } else {
                        (places, width) = (0, end - pos);
                    }
                }
            }
            pos += width;
        }
    }
}

/// Whether the processor has AVX2 ([`FormScanner::scan_avx2`]).
fn has_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Pushes onto `out` the shorter forms of a multi-word person name: the surname (also in capitals,
/// as headlines write it), and the surname with its particle; for a name that starts with its
/// family name ("Wang Dan"), that first word. A form is a slice of `name` unless it is new text (in
/// capitals), which is written at the end of `built`.
fn short_forms<'n>(name: &'n str, out: &mut Vec<Form<'n>>, built: &mut String) {
    // The first word, the last two and how many there are (up to three), without collecting
    // them; an ASCII name (most) is read in one pass over its bytes, its words between ASCII
    // spaces, and only one with a byte beyond ASCII is read again word by word.
    let (mut first, mut before_last, mut last, mut words) = ("", "", "", 0);
    let bytes = name.as_bytes();
    let (mut i, mut high) = (0, 0);
    while i < bytes.len() {
        if is_ascii_space(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !is_ascii_space(bytes[i]) {
            high |= bytes[i];
            i += 1;
        }
        (before_last, last) = (last, &name[start..i]);
        if words == 0 {
            first = last;
        }
        words += 1;
    }
    if high >= 0x80 {
        (first, before_last, last, words) = ("", "", "", 0);
        name.split_whitespace().for_each(|w| {
            if words == 0 {
                first = w;
            }
            (before_last, last) = (last, w);
            words += 1;
        });
    }
    if words >= 2 && FAMILY_FIRST.contains(first) {
        out.push(Form::Slice(first));
    } else if words >= 2 {
        // An ASCII word, most, is counted and put in capitals byte by byte.
        let ascii = high < 0x80 || last.is_ascii();
        let long = if ascii {
            last.len() >= 3
        } else {
            last.chars().count() >= 3
        };
        if long && crate::tokens::is_capitalized(last) {
            out.push(Form::Slice(last));
            // Headlines and datelines in capitals: "KLINSMANN TO RETIRE".
            if ascii {
                if last.bytes().any(|b| b.is_ascii_lowercase()) {
                    let from = built.len();
                    built.push_str(last);
                    built[from..].make_ascii_uppercase();
                    out.push(Form::Built(from as u32, built.len() as u32));
                }
            } else {
                let shouted = last.to_uppercase();
                if shouted != last {
                    let from = built.len() as u32;
                    built.push_str(&shouted);
                    out.push(Form::Built(from, built.len() as u32));
                }
            }
        }
        if words >= 3 && SURNAME_PARTICLES.contains(before_last) {
            // The particle and the surname as the name writes them when one space parts them.
            let at = |word: &str| word.as_ptr() as usize - name.as_ptr() as usize;
            let (from, to) = (at(before_last), at(last) + last.len());
            out.push(if &name[from + before_last.len()..at(last)] == " " {
                Form::Slice(&name[from..to])
            } else {
                let start = built.len() as u32;
                built.extend([before_last, " ", last]);
                Form::Built(start, built.len() as u32)
            });
        }
    }
}

/// Whether `text` starts with `(` after any spaces (`char::is_whitespace`); ASCII spaces, the
/// usual ones, are passed over byte by byte.
fn opens_with_parenthesis(text: &str) -> bool {
    let spaces = text.bytes().take_while(|&b| is_ascii_space(b)).count();
    match text.as_bytes().get(spaces) {
        Some(&b) if b < 0x80 => b == b'(',
        Some(_) => text[spaces..].trim_start().starts_with('('),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::tests::sample;
    use crate::mentions::find;
    use crate::mentions::tests::describe;

    fn resolved(text: &str) -> Vec<(String, String, &'static str)> {
        let g = sample();
        let doc = Document::from_text("t".into(), "t".into(), text);
        let entities = DocEntities {
            known: &g.entities,
            found: &[],
        };
        describe(&doc, entities, &resolve(&doc, entities, find(&doc, &g)))
    }

    #[test]
    fn surnames_resolve_to_full_person() {
        let got = resolved("Parsi spoke first. Trita Parsi argued. Grossi’s trip: Rafael Mariano Grossi came. Mr. Bolton and John Bolton.");
        let want = [
            ("Parsi", "person:trita-parsi", "surname"),
            ("Trita Parsi", "person:trita-parsi", "name"),
            ("Grossi", "person:rafael-grossi", "surname"),
            ("Rafael Mariano Grossi", "person:rafael-grossi", "alias"),
            ("Bolton", "person:john-bolton", "surname"),
            ("John Bolton", "person:john-bolton", "name"),
        ];
        let got: Vec<(&str, &str, &str)> = got
            .iter()
            .map(|(a, b, c)| (a.as_str(), b.as_str(), *c))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn acronym_defined_in_parentheses() {
        let got = resolved("the United Nations (UNO) met. UNO said.");
        assert_eq!(got.len(), 3);
        assert_eq!(
            got[2],
            (
                "UNO".into(),
                "organization:united-nations".into(),
                "acronym"
            )
        );
    }

    #[test]
    fn a_club_short_form_is_the_club_named_in_the_document() {
        let row = |name: &str| {
            format!(
                "{}\n\torganization\t{name}\t\t\t\n",
                crate::gazetteer::HEADER
            )
        };
        let clubs = crate::gazetteer::Gazetteer::from_sources(&[
            (
                std::path::PathBuf::from(crate::sports::GAZETTEER_FILE),
                row("Manchester United"),
            ),
            (
                std::path::PathBuf::from("organizations.tsv"),
                row("Shareholders United"),
            ),
        ])
        .unwrap();
        let got = |t: &str| {
            let doc = Document::from_text("t".into(), "t".into(), t);
            let entities = DocEntities {
                known: &clubs.entities,
                found: &[],
            };
            describe(&doc, entities, &resolve(&doc, entities, find(&doc, &clubs)))
        };
        let united = |id: &str| ("United".to_owned(), id.to_owned(), "short_form");
        assert!(got("Manchester United won. United fans cheered.")
            .contains(&united("organization:manchester-united")));
        // Only a club lends its last word; without a club named in full "United" is nothing.
        assert!(!got("Shareholders United met. United fans cheered.")
            .iter()
            .any(|g| g.0 == "United"));
        assert!(!got("United fans cheered.").iter().any(|g| g.0 == "United"));
    }

    #[test]
    fn a_place_acronym_starts_with_the_place_initial() {
        assert!(acronym_fits("US", EntityType::Place, "United States"));
        assert!(acronym_fits(
            "DRC",
            EntityType::Place,
            "Democratic Republic of Congo"
        ));
        assert!(!acronym_fits("TfL", EntityType::Place, "London"));
        assert!(!acronym_fits("RDR", EntityType::Place, "Rwanda"));
        assert!(acronym_fits(
            "TfL",
            EntityType::Organization,
            "Transport for London"
        ));
        assert!(!acronym_fits("JS", EntityType::Person, "John Smith"));
    }

    /// The forms of `list`, each with no candidate but one, finished.
    fn finished<'a>(list: &[&'a str]) -> FinishedForms<'a> {
        let mut forms = Forms::with_capacity(list.len(), Vec::new(), String::new());
        for (k, &f) in list.iter().enumerate() {
            forms.add(Form::Slice(f), (k, 0, How::Repeat), false);
        }
        forms.finish(Vec::new(), Vec::new()).0
    }

    /// (start, length, form number) of each occurrence `scanner` finds.
    fn all_found(scanner: &FormScanner, text: &str) -> Vec<(usize, usize, u32)> {
        let mut all = Vec::new();
        scanner.scan(text, |p, len, f| all.push((p, len, f)));
        all
    }

    /// (start, form) of each occurrence the scanner finds.
    fn scanned<'a>(forms: &'a FinishedForms<'a>, text: &str) -> Vec<(usize, &'a str)> {
        let form = |f: u32| forms.forms[f as usize].text(&forms.built);
        let scanner = FormScanner::new(forms, Vec::new(), &mut Vec::new());
        all_found(&scanner, text)
            .into_iter()
            .map(|(p, len, f)| {
                assert_eq!(form(f).len(), len);
                (p, form(f))
            })
            .collect()
    }

    #[test]
    fn form_scanner_is_leftmost_longest_on_word_boundaries() {
        let forms = finished(&["Ben Taleblu", "Taleblu", "Bo", "É"]);
        let text = "Taleblu and Ben Taleblu; Bob, Bo, Éa É.";
        let want: Vec<(usize, &str)> = vec![
            (0, "Taleblu"),
            (12, "Ben Taleblu"),
            (30, "Bo"),
            (text.rfind('É').unwrap(), "É"),
        ];
        assert_eq!(scanned(&forms, text), want);
    }

    #[test]
    fn form_scanner_finds_what_a_plain_search_finds() {
        // Forms that share openings and lengths, lowercase and non-ASCII ones, one of one byte
        // (which stands only at the text's end, where the byte after it reads as 0) and one of
        // more than 64 bytes; in one round of four, more forms of the opening "Ab" than
        // [`FEW_FORMS`], which are searched by length and bytes.
        let long = "Abc ".repeat(17) + "Abd";
        let numbered: Vec<String> = (0..40)
            .map(|k| format!("Ab{k}{}", if k % 3 == 0 { " Abc" } else { "" }))
            .collect();
        let mut pool: Vec<&str> = vec![
            "Ab", "Abc", "Abd", "Abc Abd", "AB", "ABC", "de Ab", "d", "Éa", "É", "Ébc", "X", &long,
        ];
        pool.extend(numbered.iter().map(String::as_str));
        let pieces = [
            "Ab", "Abc", "Abd", "AB", "ABC", "de", "d", "Éa", "É", "bc", "X", " ", " ", ", ", "-",
            "_", "'", "é", "\n", "1", "2", "3", "0",
        ];
        let mut rng = crate::testing::XorShift(0x2545_f491_4f6c_dd1d);
        let mut next = move |n: usize| (rng.step() % n as u64) as usize;
        for _ in 0..3000 {
            let count = if next(4) == 0 {
                20 + next(60)
            } else {
                1 + next(6)
            };
            let chosen: Vec<&str> = (0..count).map(|_| pool[next(pool.len())]).collect();
            let mut distinct = chosen.clone();
            distinct.sort_unstable();
            distinct.dedup();
            let forms = finished(&distinct);
            let mut text: String = (0..next(90)).map(|_| pieces[next(pieces.len())]).collect();
            if next(4) == 0 {
                text.push_str(&long);
            }
            // The plain search: at each word start, the longest form with the same two opening
            // bytes (0 past the end) that stands there as a whole word.
            let bytes = text.as_bytes();
            let opening = |b: &[u8], p: usize| (b[p], b.get(p + 1).copied().unwrap_or(0));
            let mut want = Vec::new();
            let mut p = 0;
            while p < text.len() {
                let found = (text.is_char_boundary(p) && is_word_start(&text, p))
                    .then(|| {
                        distinct
                            .iter()
                            .filter(|f| {
                                opening(f.as_bytes(), 0) == opening(bytes, p)
                                    && text[p..].starts_with(**f)
                                    && is_word_end(&text, p + f.len())
                            })
                            .max_by_key(|f| f.len())
                    })
                    .flatten();
                match found {
                    Some(f) => {
                        want.push((p, *f));
                        p += f.len();
                    }
                    None => p += 1,
                }
            }
            assert_eq!(scanned(&forms, &text), want, "{distinct:?} in {text:?}");
        }
    }

    #[test]
    fn a_forms_candidates_stay_in_the_order_added() {
        let mut forms = Forms::with_capacity(4, Vec::new(), String::new());
        forms.add(Form::Slice("B"), (0, 7, How::ShortForm), false);
        forms.add(Form::Slice("A"), (5, 1, How::Surname), true);
        forms.add(Form::Slice("B"), (5, 1, How::Surname), true);
        // The same mention giving the same entity again adds nothing; another entity does.
        forms.add(Form::Slice("A"), (5, 1, How::Surname), true);
        forms.add(Form::Slice("A"), (5, 2, How::Surname), true);
        forms.add(Form::Slice("A"), (9, 1, How::Repeat), false);
        forms.add(Form::Slice("A"), (9, 1, How::Surname), true);
        let (forms, _) = forms.finish(Vec::new(), Vec::new());
        assert_eq!(
            forms.candidates(0),
            [(0, 7, How::ShortForm), (5, 1, How::Surname)]
        );
        assert_eq!(
            forms.candidates(1),
            [
                (5, 1, How::Surname),
                (5, 2, How::Surname),
                (9, 1, How::Repeat)
            ]
        );
    }

    #[test]
    fn the_scan_reads_the_places_forms_may_start_at_as_every_byte() {
        // Forms opening with capitals, with a word character, and with any byte; texts of their
        // pieces with words around them, also ending within sixty-four bytes of a match.
        let kinds: [&[&str]; 3] = [
            &["Parsi", "PARSI", "Émile", "Ab"],
            &["Parsi", "van Beethoven", "al-Assad", "_x", "9to5"],
            &["Parsi", "(BNP)", "-ish", "van"],
        ];
        let pieces = [
            "Parsi",
            "PARSI",
            "Émile",
            "Ab",
            "van Beethoven",
            "al-Assad",
            "_x",
            "9to5",
            "(BNP)",
            "-ish",
            "van",
            " ",
            "a",
            "Z",
            "é",
            "-",
            "_",
            "1",
            ".",
            "\n",
            "Parsi's",
            "xParsi",
            "Parsié",
        ];
        for (want, forms) in [Places::Capitals, Places::WordStarts, Places::Any]
            .into_iter()
            .zip(kinds)
        {
            let mut all = Forms::with_capacity(forms.len(), Vec::new(), String::new());
            for (k, form) in forms.iter().enumerate() {
                all.add(Form::Slice(form), (k, k as u32, How::Surname), false);
            }
            let (finished, _) = all.finish(Vec::new(), Vec::new());
            let mut scanner = FormScanner::new(&finished, Vec::new(), &mut Vec::new());
            assert_eq!(scanner.places, want);
            let by_firsts = scanner.by_firsts;
            for text in crate::testing::random_texts(&pieces, 400, 60, 0x5eed) {
                let got = all_found(&scanner, &text);
                scanner.by_firsts = false;
                let by_places = all_found(&scanner, &text);
                scanner.places = Places::Any;
                let every = all_found(&scanner, &text);
                (scanner.places, scanner.by_firsts) = (want, by_firsts);
                assert_eq!(got, every, "{text:?}");
                assert_eq!(by_places, every, "{text:?}");
            }
        }
        // Forms that all open with an ASCII capital are found by their first bytes with AVX2.
        let mut capitals = Forms::with_capacity(3, Vec::new(), String::new());
        for (k, form) in ["Parsi", "PARSI", "Ab"].into_iter().enumerate() {
            capitals.add(Form::Slice(form), (k, k as u32, How::Surname), false);
        }
        let (finished, _) = capitals.finish(Vec::new(), Vec::new());
        let scanner = FormScanner::new(&finished, Vec::new(), &mut Vec::new());
        assert_eq!(scanner.by_firsts, has_avx2());
        assert_eq!(
            scanned(&finished, "Ab, xParsi PARSI Parsi's Abc"),
            [(0, "Ab"), (11, "PARSI"), (17, "Parsi")]
        );
    }

    #[test]
    fn family_name_first() {
        let forms = |name: &str| {
            let (mut out, mut built) = (Vec::new(), String::new());
            short_forms(name, &mut out, &mut built);
            out.into_iter()
                .map(|f| f.text(&built).to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(forms("Wang Dan"), vec!["Wang"]);
        assert_eq!(forms("Trita Parsi"), vec!["Parsi", "PARSI"]);
        assert_eq!(forms(" Trita\u{b}Parsi "), vec!["Parsi", "PARSI"]);
        assert_eq!(
            forms("Ludwig van Beethoven"),
            vec!["Beethoven", "BEETHOVEN", "van Beethoven"]
        );
        assert_eq!(forms("Émile\u{a0}Zola"), vec!["Zola", "ZOLA"]);
        assert!(forms("Parsi").is_empty());
    }

    #[test]
    fn surname_in_a_headline_in_capitals() {
        let got = resolved("PARSI SPEAKS\nTrita Parsi spoke.");
        assert!(
            got.contains(&("PARSI".into(), "person:trita-parsi".into(), "surname")),
            "{got:?}"
        );
    }

    #[test]
    fn another_persons_surname_stays_unresolved() {
        let got = resolved("Trita Parsi spoke. Golnaz Parsi disagreed.");
        assert_eq!(got.len(), 1);
    }
}
