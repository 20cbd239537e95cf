//! Entity types and stable ids shared by every stage.

use crate::swar::{ascii_alphanumerics, ascii_lowercase, le64, le64_short, HIGHS};
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex};

/// The three kinds of entity claimgraph tracks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityType {
    /// A named human being.
    Person,
    /// A company, government body, group, party, outlet …
    Organization,
    /// A country, region, city or other geographic or geopolitical place.
    Place,
}

impl EntityType {
    /// Every type, in table order.
    pub const ALL: [EntityType; 3] = [
        EntityType::Person,
        EntityType::Organization,
        EntityType::Place,
    ];

    /// The lowercase name used in ids and CSV cells.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Organization => "organization",
            EntityType::Place => "place",
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EntityType {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "person" => Ok(EntityType::Person),
            "organization" => Ok(EntityType::Organization),
            "place" => Ok(EntityType::Place),
            other => Err(format!(
                "unknown entity type {other:?}: expected person, organization or place"
            )),
        }
    }
}

/// One entity: declared in a gazetteer file, or discovered in a document by a rule.
#[derive(Debug, Clone)]
pub struct Entity {
    /// Stable id, `type:slug`.
    pub id: String,
    /// Canonical label.
    pub name: String,
    /// Person, organisation or place.
    pub kind: EntityType,
    /// Extra surface forms (not including `name`).
    pub aliases: Vec<String>,
    /// Adjective/inhabitant forms ("Iranian").
    pub demonyms: Vec<String>,
    /// Free-form `key=value;key=value` attributes as written (see [`Entity::attributes`]).
    pub attributes: String,
    /// Where the entity came from: `gazetteer:places.tsv`, or `rule:<name>` for discovered ones
    /// ([`RULE_SOURCE`]); shared, not copied, for a discovered one ([`RuleSources`]).
    pub source: Cow<'static, str>,
}

/// How [`Entity::source`] begins for an entity a discovery rule found (`rule:<name>`).
pub const RULE_SOURCE: &str = "rule:";

/// How [`Entity::source`] begins for an entity a gazetteer file declares (`gazetteer:<file>`).
pub const GAZETTEER_SOURCE: &str = "gazetteer:";

/// The [`Entity::source`] `prefix` then `name` as bytes, made at compile time: the source of the
/// entities of one rule ([`RULE_SOURCE`]) or gazetteer file ([`GAZETTEER_SOURCE`]), for a test that
/// compares a source whole. `N` is the two lengths' sum.
pub const fn source_bytes<const N: usize>(prefix: &str, name: &str) -> [u8; N] {
    assert!(prefix.len() + name.len() == N, "N is the source's length");
    let (prefix, name) = (prefix.as_bytes(), name.as_bytes());
    let mut out = [0u8; N];
    let mut i = 0;
    while i < N {
        out[i] = if i < prefix.len() {
            prefix[i]
        } else {
            name[i - prefix.len()]
        };
        i += 1;
    }
    out
}

/// The source `prefix` then `name` ([`RULE_SOURCE`] or [`GAZETTEER_SOURCE`] and a rule's or a
/// gazetteer file's name), made once in the process and shared by every entity of that rule or
/// file: the few distinct sources are kept for the process's life instead of one copy per entity.
pub fn shared_source(prefix: &str, name: &str) -> &'static str {
    static MADE: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let mut made = MADE.lock().unwrap_or_else(|e| e.into_inner());
    let found = made.iter().find(|s| {
        s.len() == prefix.len() + name.len() && s.starts_with(prefix) && s.ends_with(name)
    });
    match found {
        Some(&source) => source,
        None => {
            let source: &'static str = Box::leak(format!("{prefix}{name}").into_boxed_str());
            made.push(source);
            source
        }
    }
}

/// The sources of the entities discovery rules find, `rule:<name>` ([`RULE_SOURCE`]), each made
/// once in the process and shared by every entity its rule finds, so that a discovered entity's
/// source costs no copy. A table remembers the sources it was asked for by the address of the
/// rule's name (a thread keeps one, [`crate::scratch::discover_room`]); the process keeps one copy
/// of each source, and rules are a fixed few.
#[derive(Default)]
pub struct RuleSources {
    asked: Vec<(&'static str, &'static str)>,
}

impl RuleSources {
    /// The source of the entities `rule` finds.
    pub fn of(&mut self, rule: &'static str) -> &'static str {
        if let Some(&(_, source)) = self
            .asked
            .iter()
            .find(|(name, _)| std::ptr::eq(*name, rule))
        {
            return source;
        }
        let source = shared_source(RULE_SOURCE, rule);
        self.asked.push((rule, source));
        source
    }
}

/// The gazetteer attributes that hold an identifier in another dataset, as (attribute key, scheme
/// written in the `external_ids` column), in the column's order: Wikidata items, GeoNames features,
/// ISO 3166-1 country codes (alpha-2, alpha-3), ISINs, exchange tickers and English Wikipedia page
/// titles (as in the page's address).
pub const EXTERNAL_ID_SCHEMES: [(&str, &str); 7] = [
    ("wikidata", "wikidata"),
    ("geonames", "geonames"),
    ("iso2", "iso3166"),
    ("iso3", "iso3166-alpha3"),
    ("isin", "isin"),
    ("ticker", "ticker"),
    ("wikipedia", "wikipedia"),
];

impl Entity {
    /// The `key=value` attribute pairs, in file order.
    pub fn attributes(&self) -> impl Iterator<Item = (&str, &str)> {
        self.attributes
            .split(';')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.trim(), v.trim()))
    }

    /// Whether some `kind` attribute of the entity is one of `kinds` ("kind=country"), as
    /// [`Entity::attributes`] reads them: the pairs are cut by one pass over the bytes instead of
    /// a search per separator.
    pub fn kind_is(&self, kinds: &[&str]) -> bool {
        let mut rest = self.attributes.as_str();
        loop {
            let (pair, more) = match rest.bytes().position(|b| b == b';') {
                Some(i) => (&rest[..i], Some(&rest[i + 1..])),
                None => (rest, None),
            };
            if let Some(eq) = pair.bytes().position(|b| b == b'=') {
                if pair[..eq].trim() == "kind" && kinds.contains(&pair[eq + 1..].trim()) {
                    return true;
                }
            }
            match more {
                Some(more) => rest = more,
                None => return false,
            }
        }
    }

    /// The label, source and external ids of the entity table, shared ([`EntityText`]).
    pub fn text(&self) -> EntityText {
        EntityText {
            label: self.name.as_str().into(),
            source: (*self.source).into(),
            external_ids: self.external_ids().into(),
        }
    }

    /// The identifiers of this entity in other datasets, as `scheme:value` pairs joined by `|` in
    /// [`EXTERNAL_ID_SCHEMES`] order (`wikidata:Q145|iso3166:GB|iso3166-alpha3:GBR`); empty when
    /// the gazetteer gives none (and always for discovered entities).
    pub fn external_ids(&self) -> String {
        let mut out = String::new();
        if self.attributes.is_empty() {
            return out;
        }
        // Parsed once, then read once per scheme: the graph stage asks this of every entity of every
        // document.
        let attributes: Vec<(&str, &str)> = self.attributes().collect();
        for (key, scheme) in EXTERNAL_ID_SCHEMES {
            for &(k, v) in &attributes {
                if k == key && !v.is_empty() {
                    if !out.is_empty() {
                        out.push('|');
                    }
                    out.push_str(scheme);
                    out.push(':');
                    out.push_str(v);
                }
            }
        }
        out
    }
}

/// The entities one document can refer to: the gazetteer's, followed by those discovered in the
/// document. A mention's entity index below the gazetteer's size is a gazetteer entity; above, it is
/// `found[index - gazetteer size]`, so mentions stay small `Copy` values either way.
#[derive(Debug, Clone, Copy)]
pub struct DocEntities<'a> {
    /// The shared gazetteer entities.
    pub known: &'a [Entity],
    /// Entities discovered in this document.
    pub found: &'a [Entity],
}

impl<'a> DocEntities<'a> {
    /// The entity with index `i`.
    pub fn get(&self, i: u32) -> &'a Entity {
        let i = i as usize;
        match i.checked_sub(self.known.len()) {
            Some(k) => &self.found[k],
            None => &self.known[i],
        }
    }

    /// The index the next discovered entity will get.
    pub fn next_index(&self) -> u32 {
        (self.known.len() + self.found.len()) as u32
    }
}

/// Builds the stable id `type:slug` for a name, e.g. `person:trita-parsi`.
///
/// Ids depend only on the type and name, never on input order or thread count, so they stay the same
/// across runs and corpora.
pub fn entity_id(kind: EntityType, name: &str) -> String {
    let mut id = String::new();
    push_entity_id(kind, name, &mut id);
    id
}

/// Appends the id of [`entity_id`] to `out`, which a caller may reuse from one name to the next.
pub fn push_entity_id(kind: EntityType, name: &str, out: &mut String) {
    // Built in place: format! costs several times the slug itself.
    out.reserve(kind.as_str().len() + 1 + name.len());
    out.push_str(kind.as_str());
    out.push(':');
    push_slug(name, out);
}

/// Lowercases, folds common Latin accents and turns every run of other characters into one `-`.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    push_slug(name, &mut out);
    out
}

/// What each ASCII byte is in a slug: a letter in lower case, a digit as it is, 0 for any other
/// byte (a separator).
const SLUG_BYTES: [u8; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// Appends the slug of `name` to `out`.
fn push_slug(name: &str, out: &mut String) {
    let mut buf = [0; SHAPED_MAX + 8];
    if let Some(slug) = shaped_slug(name.as_bytes(), &mut buf) {
        out.push_str(slug);
        return;
    }
    push_slug_by_byte(name, out);
}

/// [`push_slug`] of any name, a byte or a character at a time.
fn push_slug_by_byte(name: &str, out: &mut String) {
    let from = out.len();
    // Most names are ASCII: no accent to fold and one lower-case letter per letter, so the slug
    // is made in one pass over the bytes, each letter or digit lowered as it is copied. A byte
    // beyond ASCII sends the name down the general path, from the start.
    out.reserve(name.len());
    let mut dash = false;
    let mut ascii = true;
    for &b in name.as_bytes() {
        match SLUG_BYTES.get(usize::from(b)) {
            Some(0) => dash = true,
            Some(&lower) => {
                if dash && out.len() > from {
                    out.push('-');
                }
                dash = false;
                out.push(char::from(lower));
            }
            None => {
                ascii = false;
                out.truncate(from);
                break;
            }
        }
    }
    if ascii {
        return;
    }
    let mut dash = false;
    let mut push = |c: char| {
        let c = fold_accent(c);
        // Non-Latin letters are kept: a slug of an Arabic or Cyrillic name must not be empty.
        if c.is_alphanumeric() {
            if dash && out.len() > from {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    };
    for c in name.chars() {
        // ASCII, most names, lowercases to one character without the general case's iterator.
        if c.is_ascii() {
            push(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(&mut push);
        }
    }
}

/// The longest name [`shaped_slug`] reads.
const SHAPED_MAX: usize = 64;

/// The slug of a name of the shape nearly every name has, made eight bytes at a time in `buf`:
/// ASCII, up to [`SHAPED_MAX`] bytes, opening and ending with a letter or digit, and every other
/// byte standing alone between two letters or digits ("Trita Parsi", "Ministry of Foreign
/// Affairs", "al-Assad"). Such a name's slug is its bytes with each letter lowered and each
/// other byte a `-`, as long as the name. `None` for a name of any other shape. (`buf` has
/// eight bytes of room past the longest name, as the slug is written eight bytes at a time.)
#[inline]
fn shaped_slug<'b>(name: &[u8], buf: &'b mut [u8; SHAPED_MAX + 8]) -> Option<&'b str> {
    let n = name.len();
    if n == 0 || n > SHAPED_MAX {
        return None;
    }
    // Whether the byte before the eight read is a separator (before the first: as if it were,
    // so that a name cannot open with one).
    let mut after_separator = true;
    for at in (0..n).step_by(8) {
        let k = (n - at).min(8);
        // Eight bytes read whole; the last few of a longer name as the end of its last eight
        // (no copy of a varying length); a name shorter than eight byte by byte.
        let x = if k == 8 {
            le64(&name[at..])
        } else if n >= 8 {
            le64(&name[n - 8..]) >> (8 * (8 - k))
        } else {
            le64_short(name)
        };
        if x & HIGHS != 0 {
            return None;
        }
        let separators = !ascii_alphanumerics(x) & (HIGHS >> (8 * (8 - k)));
        if separators & (separators << 8 | u64::from(after_separator) << 7) != 0 {
            return None;
        }
        after_separator = separators >> (8 * k - 1) != 0;
        let dashes = separators >> 7;
        let slug = (ascii_lowercase(x) & !(dashes * 0xFF)) | (dashes * u64::from(b'-'));
        // Eight bytes written whole: `buf` has room for them past the name's end.
        buf[at..at + 8].copy_from_slice(&slug.to_le_bytes());
    }
    if after_separator {
        return None;
    }
    // SAFETY: every byte of the slug is ASCII (the name's were, and a letter lowered or a `-`
    // is), and bytes that are all ASCII are valid UTF-8.
    Some(unsafe { std::str::from_utf8_unchecked(&buf[..n]) })
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' | 'ģ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ł' | 'ľ' | 'ļ' => 'l',
        'ñ' | 'ń' | 'ň' | 'ņ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' | 'ș' => 's',
        'ť' | 'ţ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

/// What describes an entity in the entity table: its label, source and external ids ([`Entity::text`]).
/// Shared: a gazetteer entity's is made once per run ([`crate::gazetteer::Gazetteer::entity_text`]),
/// so the graph of a document copies no text to describe the entities it mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityText {
    /// The canonical name.
    pub label: Arc<str>,
    /// `gazetteer:<file>` or `rule:<name>`.
    pub source: Arc<str>,
    /// [`Entity::external_ids`].
    pub external_ids: Arc<str>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_stable_and_ascii_folded() {
        assert_eq!(
            entity_id(EntityType::Person, "Trita Parsi"),
            "person:trita-parsi"
        );
        assert_eq!(slug("Élysée Palace"), "elysee-palace");
        assert_eq!(slug("U.S."), "u-s");
        assert_eq!(slug("  Recep Tayyip Erdoğan "), "recep-tayyip-erdogan");
        // ASCII names take a shorter path; a final non-ASCII mark sends one down the general one,
        // and adds nothing to the slug.
        for name in ["Trita Parsi", "U.S.", " A.B--c  d9 ", "AT&T", "3M", "-", ""] {
            assert_eq!(slug(name), slug(&format!("{name}’")), "{name:?}");
        }
        assert_eq!(slug(" A.B--c  d9 "), "a-b-c-d9");
    }

    #[test]
    fn an_id_appended_to_a_reused_buffer_is_the_id() {
        let mut buf = String::new();
        for (kind, name) in [
            (EntityType::Person, "Trita Parsi"),
            (EntityType::Place, "Élysée Palace"),
            (EntityType::Organization, "AT&T"),
            (EntityType::Person, "Recep Tayyip Erdoğan"),
        ] {
            buf.clear();
            push_entity_id(kind, name, &mut buf);
            assert_eq!(buf, entity_id(kind, name));
        }
        // Appended after the text already there, which a slug's first `-` does not follow.
        let mut after = String::from("x");
        push_slug("-Élysée", &mut after);
        assert_eq!(after, "xelysee");
    }

    proptest::proptest! {
        /// A name of the shape [`shaped_slug`] reads has the slug it would have a byte at a time.
        #[test]
        fn shaped_slugs_are_slugs(
            any in "[a-zA-Z0-9 .&'_\\-é]{0,70}",
            shaped in "[a-zA-Z0-9]{1,9}([ .&'_\\-][a-zA-Z0-9]{1,9}){0,7}",
        ) {
            // A name of the shape, up to the longest the fast path takes, must take it.
            let must = shaped.len() <= SHAPED_MAX;
            for (name, must) in [(any, false), (shaped, must)] {
                let mut by_byte = String::new();
                push_slug_by_byte(&name, &mut by_byte);
                let mut buf = [0; SHAPED_MAX + 8];
                match shaped_slug(name.as_bytes(), &mut buf) {
                    Some(slug) => proptest::prop_assert_eq!(slug, by_byte),
                    None => proptest::prop_assert!(!must, "{name:?} not taken"),
                }
            }
        }
    }

    #[test]
    fn names_of_the_usual_shape_are_slugged_eight_bytes_at_a_time() {
        for (name, slug) in [
            ("Trita Parsi", Some("trita-parsi")),
            (
                "Ministry of Foreign Affairs",
                Some("ministry-of-foreign-affairs"),
            ),
            ("al-Assad", Some("al-assad")),
            ("O'Brien", Some("o-brien")),
            ("AT&T", Some("at-t")),
            ("Z9", Some("z9")),
            ("x", Some("x")),
            ("[x]", None),
            ("U.S.", None),
            ("A  B", None),
            ("A - B", None),
            ("Élysée", None),
            ("", None),
        ] {
            let mut buf = [0; SHAPED_MAX + 8];
            assert_eq!(shaped_slug(name.as_bytes(), &mut buf), slug, "{name:?}");
        }
        let long = "Ab ".repeat(30) + "C";
        let mut buf = [0; SHAPED_MAX + 8];
        assert_eq!(shaped_slug(long.as_bytes(), &mut buf), None);
        assert_eq!(slug(&long), "ab-".repeat(30) + "c");
        let edge = "Abcdefg Hijklmno";
        assert_eq!(
            shaped_slug(edge.as_bytes(), &mut buf),
            Some("abcdefg-hijklmno")
        );
        let edge = "Abcdefgh Ijklmno";
        assert_eq!(
            shaped_slug(edge.as_bytes(), &mut buf),
            Some("abcdefgh-ijklmno")
        );
        let edge = "Abcdefg  Ijklmno";
        assert_eq!(shaped_slug(edge.as_bytes(), &mut buf), None);
    }

    /// A place of the given attributes.
    fn place_with(attributes: &str) -> Entity {
        Entity {
            id: "place:x".into(),
            name: "X".into(),
            kind: EntityType::Place,
            aliases: Vec::new(),
            demonyms: Vec::new(),
            attributes: attributes.into(),
            source: "test".into(),
        }
    }

    #[test]
    fn kinds_are_read_as_the_attributes_are() {
        let e = place_with;
        let kinds = ["country", "region"];
        for attributes in [
            "",
            "kind=country",
            "iso2=GB;kind=country;wikidata=Q145",
            "geonames=1;country=ES;population=5",
            " kind = region ;x=1",
            "kind=city;kind=region",
            "kind;country=kind",
            "kind=countryside",
            "x=1;;kind=region;",
            "kind=city=region",
        ] {
            let parsed = e(attributes)
                .attributes()
                .any(|(k, v)| k == "kind" && kinds.contains(&v));
            assert_eq!(e(attributes).kind_is(&kinds), parsed, "{attributes:?}");
        }
    }

    #[test]
    fn external_ids_in_scheme_order() {
        let e = place_with;
        assert_eq!(
            e("iso2=GB;iso3=GBR;wikidata=Q145;kind=country").external_ids(),
            "wikidata:Q145|iso3166:GB|iso3166-alpha3:GBR"
        );
        assert_eq!(
            e("kind=company;ticker=VOD.L;isin=GB00BH4HKS39;wikipedia=Vodafone").external_ids(),
            "isin:GB00BH4HKS39|ticker:VOD.L|wikipedia:Vodafone"
        );
        assert_eq!(
            e("population=5;geonames=2643743").external_ids(),
            "geonames:2643743"
        );
        assert_eq!(e("kind=city").external_ids(), "");
        assert_eq!(e("").external_ids(), "");
    }

    #[test]
    fn types_round_trip() {
        for t in [
            EntityType::Person,
            EntityType::Organization,
            EntityType::Place,
        ] {
            assert_eq!(t.as_str().parse::<EntityType>().unwrap(), t);
        }
        assert!("city".parse::<EntityType>().is_err());
    }
}
