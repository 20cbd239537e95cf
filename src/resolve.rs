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
use crate::text::capital_among_eight;
use once_cell::sync::Lazy;
use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
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
pub fn resolve(doc: &Document, entities: DocEntities, mut mentions: Vec<Mention>) -> Vec<Mention> {
    let text = doc.text.as_str();
    // Short form → (position of a full mention, entity), in text order. Hashed: the scan below
    // takes the forms in no order, and comparing keys down a tree cost more than hashing them.
    let mut forms = Forms::with_capacity_and_hasher(2 * mentions.len(), Default::default());
    crate::work::add(mentions.len());
    club_short_forms(text, entities, &mut mentions, &mut forms);
    // The short forms of each person's name, worked out once per entity.
    let mut name_forms: FxHashMap<u32, Vec<String>> =
        FxHashMap::with_capacity_and_hasher(mentions.len(), Default::default());
    for m in &mentions {
        let entity = entities.get(m.entity);
        if let How::Rule(_) = m.how {
            slot(&mut forms, &text[m.range()]).push((m.start, m.entity, How::Repeat));
        }
        match entity.kind {
            EntityType::Person if m.how != How::Demonym => {
                let by_name = name_forms
                    .entry(m.entity)
                    .or_insert_with(|| short_forms(&entity.name).collect());
                // A mention written as the name has the name's forms, which it already adds.
                let surface = &text[m.range()];
                let by_surface: Vec<String> = if surface == entity.name {
                    Vec::new()
                } else {
                    short_forms(surface).collect()
                };
                for form in by_name.iter().chain(&by_surface) {
                    let candidates = slot(&mut forms, form);
                    // Slots fill in text order, so this mention's entries are the last ones.
                    let mut this_mention = candidates.iter().rev().take_while(|c| c.0 == m.start);
                    if !this_mention.any(|c| c.1 == m.entity) {
                        candidates.push((m.start, m.entity, How::Surname));
                    }
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
                    let acronym = c.get(1).expect("group 1").as_str().to_owned();
                    if !acronym_fits(&acronym, entity.kind, &text[m.range()]) {
                        continue;
                    }
                    forms
                        .entry(acronym)
                        .or_default()
                        .push((m.start, m.entity, How::Acronym));
                }
            }
            _ => {}
        }
    }
    if forms.is_empty() {
        return mentions;
    }
    let mut added = Vec::new();
    for (start, form) in FormScanner::new(forms.keys().map(String::as_str)).scan(text) {
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
type Forms = FxHashMap<String, Vec<(usize, u32, How)>>;

/// The candidates of `form` in `forms`, a new empty list if it has none yet (the key is copied only
/// then).
fn slot<'f>(forms: &'f mut Forms, form: &str) -> &'f mut Vec<(usize, u32, How)> {
    if !forms.contains_key(form) {
        forms.insert(form.to_owned(), Vec::new());
    }
    forms.get_mut(form).expect("inserted above")
}

/// Clubs named in full whose last word stands alone for them ("Manchester United" → "United",
/// `lexicons/club_short_forms.txt`): the word becomes a short form of the club in `forms`, and a
/// mention of it discovered as an organisation of its own ("the United board") is the club's (the
/// nearest named before it, else the first after it).
fn club_short_forms(
    text: &str,
    entities: DocEntities,
    mentions: &mut [Mention],
    forms: &mut Forms,
) {
    let mut clubs: BTreeMap<&str, Vec<(usize, u32, How)>> = BTreeMap::new();
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
        forms.entry(form.to_owned()).or_insert(candidates);
    }
}

/// Finds whole-word occurrences of a document's short forms, leftmost first, longest first.
///
/// A document usually has a handful of forms and is scanned once, so building any automaton costs
/// more than the scan: instead, forms are bucketed by their first two bytes and, within a bucket, by
/// length, and tried only at word starts whose first byte begins some form. A lookup costs one hash
/// probe per distinct length, so a document with thousands of similar names ("Name1" … "Name9999",
/// a roster) stays linear.
struct FormScanner<'f> {
    starts: [bool; 256],
    /// Whether every form starts with an ASCII capital or a byte beyond ASCII (names and acronyms
    /// do): then eight bytes without such a byte are passed over at once.
    capital_starts: bool,
    by_prefix: FxHashMap<[u8; 2], Vec<(usize, FxHashSet<&'f str>)>>,
}

impl<'f> FormScanner<'f> {
    fn new(forms: impl Iterator<Item = &'f str>) -> FormScanner<'f> {
        let mut starts = [false; 256];
        let mut by_prefix: FxHashMap<[u8; 2], Vec<(usize, FxHashSet<&'f str>)>> =
            FxHashMap::default();
        for form in forms.filter(|f| !f.is_empty()) {
            let b = form.as_bytes();
            starts[b[0] as usize] = true;
            let bucket = by_prefix
                .entry([b[0], b.get(1).copied().unwrap_or(0)])
                .or_default();
            match bucket.iter_mut().find(|(len, _)| *len == form.len()) {
                Some((_, set)) => {
                    set.insert(form);
                }
                None => bucket.push((form.len(), std::iter::once(form).collect())),
            }
        }
        for bucket in by_prefix.values_mut() {
            bucket.sort_by_key(|(len, _)| std::cmp::Reverse(*len));
        }
        let capital_starts = (0..=255u8)
            .filter(|&b| starts[usize::from(b)])
            .all(|b| b.is_ascii_uppercase() || b >= 0x80);
        FormScanner {
            starts,
            capital_starts,
            by_prefix,
        }
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
                    if self.capital_starts && !capital_among_eight(bytes, at) {
                        at += 8;
                        continue;
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
                let key = [bytes[p], bytes.get(p + 1).copied().unwrap_or(0)];
                let Some(bucket) = self.by_prefix.get(&key) else {
                    continue;
                };
                let found = bucket.iter().find_map(|(len, set)| {
                    let end = p + len;
                    let form = set.get(text.get(p..end)?)?;
                    is_word_end(text, end).then_some(*form)
                });
                if let Some(form) = found {
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
/// first word.
fn short_forms(name: &str) -> impl Iterator<Item = String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut out = Vec::new();
    if words.len() >= 2 && FAMILY_FIRST.contains(words[0]) {
        out.push(words[0].to_owned());
    } else if words.len() >= 2 {
        let last = words[words.len() - 1];
        if last.chars().count() >= 3 && last.starts_with(|c: char| c.is_uppercase()) {
            out.push(last.to_owned());
            // Headlines and datelines in capitals: "KLINSMANN TO RETIRE".
            let shouted = last.to_uppercase();
            if shouted != last {
                out.push(shouted);
            }
        }
        if words.len() >= 3 && SURNAME_PARTICLES.contains(words[words.len() - 2]) {
            out.push(words[words.len() - 2..].join(" "));
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
        let scanner = FormScanner::new(["Ben Taleblu", "Taleblu", "Bo", "É"].into_iter());
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
