//! People in lists: team sheets, squads and line-ups name players one after another ("Pakistan - Aamir
//! Sohail , Saeed Anwar , Ijaz Ahmed , Mushtaq Ahmed , Waqar Younis"), and when most names of such a
//! list are known people, the others are people too, whatever their given names.
//!
//! A sentence is split into items at commas and semicolons. An item is its name: without a leading
//! "and", a shirt number ("14 - Zorba Swart"), a parenthesised note ("Wasim Akram ( captain )") or, in
//! the first item, what comes before a dash or colon ("Pakistan - "). A list is a sentence of at
//! least three items of one to four name-shaped words, at least two of them exactly a person's
//! mention and at least three quarters of them people or unmentioned names. Its unmentioned names
//! of two words or more (or hyphenated: "Inzamam-ul-Haq") become people (rule `name_list`).

use crate::discover::Named;
use crate::entity::{DocEntities, EntityType};
use crate::gazetteer::Gazetteer;
use crate::lexicon::{NOT_NAMES, SURNAME_PARTICLES};
use crate::mentions::{How, Mention};
use crate::sentences::Sentence;
use crate::tokens::{Punct, SentenceBits, Tokens};

/// The rule name recorded in `how` and `source`.
pub const RULE: &str = "name_list";

/// What an item of a list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    /// Exactly one person mention.
    Person,
    /// Name-shaped words no mention touches, at this byte range.
    Unknown(usize, usize),
    /// Anything else.
    Other,
}

/// Finds the people of lists (see the module documentation). `mentions` are the document's, sorted;
/// the new mentions are merged into them.
pub(crate) fn find(
    text: &str,
    sentences: &[Sentence],
    table: &Tokens,
    gaz: &Gazetteer,
    named: &mut Named,
    mentions: &mut Vec<Mention>,
) {
    let mut added: Vec<(usize, usize)> = Vec::new();
    // The separators of a sentence, from its tokens: a comma or semicolon is always a token of its
    // own (see crate::tokens).
    let mut cuts: Vec<usize> = Vec::new();
    // The items of a sentence read as a list, kept from one sentence to the next.
    let mut items: Vec<Item> = Vec::new();
    // The first mention that does not start before the sentence: the sentences are in order, so
    // it is walked along to each sentence read.
    let mut first = 0;
    for (si, (s, toks)) in sentences.iter().zip(&table.sentences).enumerate() {
        // A list is cut by commas or semicolons, which the sentence's bits tell it has or not.
        let uncut =
            |bits: &SentenceBits| !bits.has_mark(Punct::of(',')) && !bits.has_mark(Punct::of(';'));
        if table.sentence_bits.get(si).is_some_and(uncut) {
            continue;
        }
        // Two people are two mentions inside the sentence (mentions are sorted and do not overlap):
        // most sentences have fewer, and are no list.
        while mentions.get(first).is_some_and(|m| m.start < s.start) {
            first += 1;
        }
        if mentions.get(first + 1).is_none_or(|m| m.end > s.end) {
            continue;
        }
        let entities = DocEntities {
            known: &gaz.entities,
            found: &named.found,
        };
        // A list names two people at least: each is a person's mention inside the sentence.
        let people = mentions[first..]
            .iter()
            .take_while(|m| m.start < s.end)
            .filter(|m| m.end <= s.end && entities.get(m.entity).kind == EntityType::Person)
            .take(2)
            .count();
        if people < 2 {
            continue;
        }
        cuts.clear();
        cuts.extend(
            table.toks[toks.clone()]
                .iter()
                .filter(|t| !t.word && matches!(text.as_bytes()[t.start], b',' | b';'))
                .map(|t| t.start - s.start),
        );
        if cuts.len() < 2 {
            continue;
        }
        let sentence = &text[s.range()];
        // A list has one item more than separators, at most a quarter of them neither people
        // nor unmentioned names: the items are read until more than that are other (most
        // sentences with commas are clauses, told by their first items).
        let count = cuts.len() + 1;
        let mut others = 0;
        items.clear();
        for (a, b) in pieces(sentence, &cuts) {
            let item = classify(text, s.start + a, s.start + b, mentions, entities);
            others += usize::from(item == Item::Other);
            if 4 * others > count {
                break;
            }
            items.push(item);
        }
        let people = items.iter().filter(|i| **i == Item::Person).count();
        let unknown = items
            .iter()
            .filter(|i| matches!(i, Item::Unknown(..)))
            .count();
        if 4 * others > count || people < 2 || unknown == 0 {
            continue;
        }
        for item in &items {
            if let Item::Unknown(a, b) = *item {
                let name = &text[a..b];
                if name.contains(' ') || name.contains('-') {
                    added.push((a, b));
                }
            }
        }
    }
    add_people(text, &added, RULE, gaz, named, mentions);
}

/// Makes each `start..end` of `added` a mention of the person of that name (its spaces made single)
/// found by `rule`, and sorts `mentions` again.
pub(crate) fn add_people(
    text: &str,
    added: &[(usize, usize)],
    rule: &'static str,
    gaz: &Gazetteer,
    named: &mut Named,
    mentions: &mut Vec<Mention>,
) {
    if added.is_empty() {
        return;
    }
    for &(a, b) in added {
        let name = text[a..b].split_whitespace().collect::<Vec<_>>().join(" ");
        let entity = named.entity(name, EntityType::Person, rule, gaz);
        mentions.push(Mention {
            start: a,
            end: b,
            entity,
            how: How::Rule(rule),
        });
    }
    mentions.sort_by_key(|m| m.start);
}

/// The byte ranges (within `sentence`) of its items' names, trimmed as the module documentation says;
/// `cuts` are the byte offsets of its separators, in order.
fn pieces<'a>(sentence: &'a str, cuts: &'a [usize]) -> impl Iterator<Item = (usize, usize)> + 'a {
    let starts = std::iter::once(0).chain(cuts.iter().map(|&c| c + 1));
    let ends = cuts.iter().copied().chain(std::iter::once(sentence.len()));
    let mut first = true;
    starts.zip(ends).map(move |(start, end)| {
        let piece = &sentence[start..end];
        let (mut a, mut b) = (start, end);
        if first {
            first = false;
            let dash = piece.rfind(" - ").map(|k| k + 3);
            if let Some(k) = dash.or_else(|| piece.rfind(": ").map(|k| k + 2)) {
                a = start + k;
            }
        }
        // An item of spaces only (", , ") trims to nothing at its end.
        let trimmed = |a: usize, b: usize| {
            let t = &sentence[a..b];
            let lead = t.len() - t.trim_start().len();
            (a + lead, a + lead + t.trim().len())
        };
        (a, b) = trimmed(a, b);
        // A parenthesised note, a final period.
        if let Some(k) = sentence[a..b].find('(') {
            b = a + k;
        }
        (a, b) = trimmed(a, b);
        if sentence[a..b].ends_with('.') && !sentence[a..b - 1].ends_with(char::is_uppercase) {
            b -= 1;
        }
        // "and Waqar Younis", "14 - Zorba Swart".
        if let Some(rest) = sentence[a..b].strip_prefix("and ") {
            a = b - rest.len();
        }
        let t = &sentence[a..b];
        let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 {
            let rest = t[digits..].trim_start_matches([' ', '-', '.']);
            a = b - rest.len();
        }
        trimmed(a, b)
    })
}

/// What the item at `start..end` of the document holds.
fn classify(
    text: &str,
    start: usize,
    end: usize,
    mentions: &[Mention],
    entities: DocEntities,
) -> Item {
    let name = &text[start..end];
    // One to four words, all name-shaped: most items are clauses, settled by their first words.
    let mut words = name.split_whitespace();
    let Some(first) = words.next() else {
        return Item::Other;
    };
    if !name_word(first) || !words.by_ref().take(3).all(name_word) || words.next().is_some() {
        return Item::Other;
    }
    let k = mentions.partition_point(|m| m.end <= start);
    match mentions.get(k) {
        Some(m) if m.start == start && m.end == end => {
            if entities.get(m.entity).kind == EntityType::Person {
                Item::Person
            } else {
                Item::Other
            }
        }
        Some(m) if m.start < end => Item::Other,
        _ if NOT_NAMES.contains(first) => Item::Other,
        _ => Item::Unknown(start, end),
    }
}

/// A word of a name: capitalised letters with inner hyphens, apostrophes or periods ("O'Neill",
/// "Inzamam-ul-Haq", "J."), or a surname particle ("de", "van").
pub(crate) fn name_word(w: &str) -> bool {
    if SURNAME_PARTICLES.contains(w) {
        return true;
    }
    crate::tokens::is_capitalized(w)
        && w.chars().any(char::is_lowercase)
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(text: &str) -> Vec<String> {
        crate::discover::tests::found_by(text, RULE)
    }

    #[test]
    fn unknown_names_in_a_list_of_people() {
        assert_eq!(
            people("Iran - Trita Parsi , Saqlain Mushtaq , John Bolton ( captain ) , Zorba Quux-Lee , and Chaminda Vaas ."),
            ["Saqlain Mushtaq", "Zorba Quux-Lee", "Chaminda Vaas"]
        );
        assert_eq!(
            people("15 - Trita Parsi , 14 - Zorba Swart , 13 - John Bolton ( Joel Stransky , 48 mins )"),
            ["Zorba Swart"]
        );
    }

    #[test]
    fn other_lists_name_no_one() {
        // Too few people, or too many other items.
        assert!(people("Trita Parsi , Acme Widgets , Foo Bar and Baz Quux met.").is_empty());
        assert!(
            people("Trita Parsi , John Bolton , a lawyer , the mayor , and Foo Bar met.")
                .is_empty()
        );
        // One-word items are not taken; a colon without a dash is handled.
        assert!(people("Note: Trita Parsi , John Bolton , Smith , Jones .").is_empty());
        assert!(people("Ünï: é, Trita Parsi , ü , John Bolton").is_empty());
        assert!(people("Trita Parsi , John Bolton , Smith , Jones .").is_empty());
    }

    #[test]
    fn an_item_of_spaces_only_is_an_empty_item() {
        // Used to slice backwards (begin > end) and cost the document.
        assert!(people("Smith said , , Party Party Mr The").is_empty());
        assert!(people("Smith said, , Party Party Mr The").is_empty());
        // Counted as an empty item, as ",," is.
        let list = "Iran - Trita Parsi , Saqlain Mushtaq , John Bolton , Zorba Quux-Lee , and Chaminda Vaas .";
        assert_eq!(people(list).len(), 3);
        assert_eq!(
            people(&list.replace(" , Zorba", " , , Zorba")),
            people(&list.replace(" , Zorba", " ,, Zorba"))
        );
        let cuts = [3, 5];
        let got: Vec<_> = pieces("ab , cd", &cuts).collect();
        assert_eq!(got, [(0, 2), (5, 5), (6, 7)]);
    }
}
