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
use crate::mentions::{is_word_end, is_word_start, preceded_by_other_name, How, Mention};
use crate::text::{capitals_among_sixteen, sixteen_at};
use once_cell::sync::Lazy;
use regex::Regex;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::BTreeMap;

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
    // Short form → (position of a full mention, entity), in text order. Hashed: the scan below
    // takes the forms in no order, and comparing keys down a tree cost more than hashing them.
    // A form is a slice of the text or of a name wherever it can be, not a copy.
    let mut forms = Forms::with_capacity_and_hasher(2 * mentions.len(), Default::default());
    crate::work::add(mentions.len());
    club_short_forms(text, entities, &mut mentions, &mut forms);
    // The short forms of each person's name, worked out once per entity.
    let mut name_forms: FxHashMap<u32, Vec<Cow<'a, str>>> =
        FxHashMap::with_capacity_and_hasher(mentions.len(), Default::default());
    for m in &mentions {
        let entity = entities.get(m.entity);
        if let How::Rule(_) = m.how {
            add(
                &mut forms,
                Cow::Borrowed(&text[m.range()]),
                (m.start, m.entity, How::Repeat),
                false,
            );
        }
        match entity.kind {
            EntityType::Person if m.how != How::Demonym => {
                let by_name = name_forms
                    .entry(m.entity)
                    .or_insert_with(|| short_forms(&entity.name).collect());
                // A mention written as the name has the name's forms, which it already adds.
                let surface = &text[m.range()];
                let by_surface: Vec<Cow<'a, str>> = if surface == entity.name {
                    Vec::new()
                } else {
                    short_forms(surface).collect()
                };
                for form in by_name.iter().chain(&by_surface) {
                    add(
                        &mut forms,
                        form.clone(),
                        (m.start, m.entity, How::Surname),
                        true,
                    );
                }
            }
            EntityType::Organization | EntityType::Place => {
                // The definition opens with a parenthesis after spaces, as the regex asks: most
                // mentions are spared the regex.
                let after = &text[m.end..];
                if !after.trim_start().starts_with('(') {
                    continue;
                }
                if let Some(c) = ACRONYM_DEF.captures(after) {
                    let acronym = c.get(1).expect("group 1").as_str();
                    if !acronym_fits(acronym, entity.kind, &text[m.range()]) {
                        continue;
                    }
                    forms.entry(Cow::Borrowed(acronym)).or_default().push((
                        m.start,
                        m.entity,
                        How::Acronym,
                    ));
                }
            }
            _ => {}
        }
    }
    if forms.is_empty() {
        return mentions;
    }
    let mut added = Vec::new();
    for (start, form) in FormScanner::new(&forms).scan(text) {
        let end = start + form.len();
        if doc.in_boilerplate(&(start..end)) || overlaps(&mentions, start, end) {
            continue;
        }
        let candidates = &forms[form];
        let how = candidates[0].2;
        if how == How::Surname && preceded_by_other_name(text, start) {
            continue;
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
    }
    mentions.extend(added);
    mentions.sort_by_key(|m| m.start);
    mentions
}

/// Short forms and their candidates: (position of a full mention, entity, how), in text order.
type Forms<'a> = FxHashMap<Cow<'a, str>, Vec<(usize, u32, How)>>;

/// Adds `candidate` to the candidates of `form` in `forms`, unless `once` and the same mention
/// already gave the same entity.
fn add<'a>(forms: &mut Forms<'a>, form: Cow<'a, str>, candidate: (usize, u32, How), once: bool) {
    if let Some(candidates) = forms.get_mut(&*form) {
        // Candidates fill in text order, so this mention's entries are the last ones.
        let mut this_mention = candidates.iter().rev().take_while(|c| c.0 == candidate.0);
        if !once || !this_mention.any(|c| c.1 == candidate.1) {
            candidates.push(candidate);
        }
        return;
    }
    let mut candidates = Vec::with_capacity(4);
    candidates.push(candidate);
    forms.insert(form, candidates);
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
    let mut clubs: BTreeMap<&'a str, Vec<(usize, u32, How)>> = BTreeMap::new();
    for m in mentions.iter() {
        let entity = entities.get(m.entity);
        // Clubs: listed in sports.tsv or discovered as a club or team ("Shareholders United" is none).
        let club = matches!(
            entity.source.as_str(),
            "gazetteer:sports.tsv" | "rule:club" | "rule:team"
        );
        if !club || m.how == How::ShortForm {
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
        forms.entry(Cow::Borrowed(form)).or_insert(candidates);
    }
}

/// Finds whole-word occurrences of a document's short forms, leftmost first, longest first.
///
/// A document usually has a handful of forms and is scanned once, so building any automaton costs
/// more than the scan: instead, forms are tried only at word starts whose first byte begins some
/// form, and there only in the lengths of the forms that open with the same two bytes (a form of
/// one byte with the byte 0 after it). A lookup costs one hash probe per distinct length, so a
/// document with thousands of similar names ("Name1" … "Name9999", a roster) stays linear. The forms
/// are looked up in the document's map of forms itself, and the lengths of each two-byte opening
/// are bits of one integer: growing a table per opening cost more than the scan.
struct FormScanner<'f> {
    starts: [bool; 256],
    /// Whether every form starts with an ASCII capital or a byte beyond ASCII (names and acronyms
    /// do): then sixteen bytes without such a byte are passed over at once.
    capital_starts: bool,
    forms: &'f Forms<'f>,
    /// For each two-byte opening, the lengths of its forms below 64 bytes, one bit each.
    lengths: FxHashMap<[u8; 2], u64>,
    /// The lengths of 64 bytes and more, longest first (names are seldom this long).
    long: FxHashMap<[u8; 2], Vec<usize>>,
}

impl<'f> FormScanner<'f> {
    fn new(forms: &'f Forms<'f>) -> FormScanner<'f> {
        let mut scanner = FormScanner {
            starts: [false; 256],
            capital_starts: true,
            forms,
            lengths: FxHashMap::with_capacity_and_hasher(forms.len(), Default::default()),
            long: FxHashMap::default(),
        };
        for form in forms.keys().filter(|f| !f.is_empty()) {
            let b = form.as_bytes();
            scanner.starts[usize::from(b[0])] = true;
            scanner.capital_starts &= b[0].is_ascii_uppercase() || b[0] >= 0x80;
            let opening = [b[0], b.get(1).copied().unwrap_or(0)];
            if form.len() < 64 {
                *scanner.lengths.entry(opening).or_default() |= 1 << form.len();
            } else {
                scanner.long.entry(opening).or_default().push(form.len());
            }
        }
        for lengths in scanner.long.values_mut() {
            lengths.sort_by_key(|&len| std::cmp::Reverse(len));
            lengths.dedup();
        }
        scanner
    }

    /// The longest form that opens with `opening` and stands at byte `p` of `text` as a whole word.
    fn form_at(&self, text: &str, p: usize, opening: [u8; 2]) -> Option<&'f str> {
        let at = |len: usize| {
            let (form, _) = self.forms.get_key_value(text.get(p..p + len)?)?;
            is_word_end(text, p + len).then_some(&**form)
        };
        if let Some(found) = self
            .long
            .get(&opening)
            .and_then(|l| l.iter().find_map(|&n| at(n)))
        {
            return Some(found);
        }
        let mut lengths = *self.lengths.get(&opening)?;
        while lengths != 0 {
            let len = 63 - lengths.leading_zeros() as usize;
            if let Some(found) = at(len) {
                return Some(found);
            }
            lengths &= !(1 << len);
        }
        None
    }

    /// `(start, form)` for each non-overlapping whole-word occurrence.
    fn scan<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, &'f str)> + 't {
        let bytes = text.as_bytes();
        let mut pos = 0;
        std::iter::from_fn(move || {
            while pos < bytes.len() {
                // Straight to the next byte that starts some form.
                let mut at = pos;
                let found = loop {
                    // Every form starts with a capital: straight to the next one among sixteen
                    // bytes, or past all sixteen.
                    if self.capital_starts {
                        if let Some(chunk) = sixteen_at(bytes, at) {
                            let capitals = capitals_among_sixteen(chunk);
                            if capitals == 0 {
                                at += 16;
                                continue;
                            }
                            at += capitals.trailing_zeros() as usize;
                        }
                    }
                    match bytes.get(at) {
                        Some(&b) if self.starts[usize::from(b)] => break Some(at),
                        Some(_) => at += 1,
                        None => break None,
                    }
                };
                crate::work::add(1 + at - pos);
                let Some(p) = found else {
                    pos = bytes.len();
                    break;
                };
                pos = p + 1;
                // UTF-8 continuation bytes never start a form, so `p` is a char boundary here.
                if !is_word_start(text, p) {
                    continue;
                }
                let opening = [bytes[p], bytes.get(p + 1).copied().unwrap_or(0)];
                if let Some(form) = self.form_at(text, p, opening) {
                    pos = p + form.len();
                    return Some((p, form));
                }
            }
            None
        })
    }
}

/// Shorter forms of a multi-word person name: the surname (also in capitals, as headlines write it),
/// and the surname with its particle; for a name that starts with its family name ("Wang Dan"), that
/// first word. A form is a slice of `name` unless it is new text (in capitals).
fn short_forms(name: &str) -> impl Iterator<Item = Cow<'_, str>> {
    // The first word, the last two and how many there are, without collecting them.
    let (mut first, mut before_last, mut last, mut words) = ("", "", "", 0);
    for w in name.split_whitespace() {
        if words == 0 {
            first = w;
        }
        (before_last, last) = (last, w);
        words += 1;
    }
    let mut out = Vec::with_capacity(3);
    if words >= 2 && FAMILY_FIRST.contains(first) {
        out.push(Cow::Borrowed(first));
    } else if words >= 2 {
        // An ASCII word, most, is counted and put in capitals byte by byte.
        let ascii = last.is_ascii();
        let long = if ascii {
            last.len() >= 3
        } else {
            last.chars().count() >= 3
        };
        if long && last.starts_with(|c: char| c.is_uppercase()) {
            out.push(Cow::Borrowed(last));
            // Headlines and datelines in capitals: "KLINSMANN TO RETIRE".
            if ascii {
                if last.bytes().any(|b| b.is_ascii_lowercase()) {
                    out.push(Cow::Owned(last.to_ascii_uppercase()));
                }
            } else {
                let shouted = last.to_uppercase();
                if shouted != last {
                    out.push(Cow::Owned(shouted));
                }
            }
        }
        if words >= 3 && SURNAME_PARTICLES.contains(before_last) {
            // The particle and the surname as the name writes them when one space parts them.
            let at = |word: &str| word.as_ptr() as usize - name.as_ptr() as usize;
            let (from, to) = (at(before_last), at(last) + last.len());
            out.push(if &name[from + before_last.len()..at(last)] == " " {
                Cow::Borrowed(&name[from..to])
            } else {
                Cow::Owned([before_last, " ", last].concat())
            });
        }
    }
    out.into_iter()
}

fn overlaps(sorted: &[Mention], start: usize, end: usize) -> bool {
    let k = sorted.partition_point(|m| m.end <= start);
    sorted.get(k).is_some_and(|m| m.start < end)
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
                std::path::PathBuf::from("sports.tsv"),
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

    #[test]
    fn form_scanner_is_leftmost_longest_on_word_boundaries() {
        let forms: Forms = ["Ben Taleblu", "Taleblu", "Bo", "É"]
            .into_iter()
            .map(|f| (Cow::Borrowed(f), Vec::new()))
            .collect();
        let scanner = FormScanner::new(&forms);
        let text = "Taleblu and Ben Taleblu; Bob, Bo, Éa É.";
        let got: Vec<(usize, &str)> = scanner.scan(text).collect();
        let want: Vec<(usize, &str)> = vec![
            (0, "Taleblu"),
            (12, "Ben Taleblu"),
            (30, "Bo"),
            (text.rfind('É').unwrap(), "É"),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn family_name_first() {
        assert_eq!(short_forms("Wang Dan").collect::<Vec<_>>(), vec!["Wang"]);
        assert_eq!(
            short_forms("Trita Parsi").collect::<Vec<_>>(),
            vec!["Parsi", "PARSI"]
        );
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
