"""Listed companies from the PyPI package ``pytickersymbols`` (MIT; its index tables are built from
Wikipedia), with the short forms news uses, written to ``gazetteers/companies.tsv`` after the cities,
whose forms a company may not claim.

Companies (``companies.tsv``, written after the cities, whose forms it may not claim). Each company
of pytickersymbols' index tables (one row however many indices list it) has candidate forms: its
listed name, cleaned of qualifiers ("Rio Tinto (corporation)"), share classes and a leading "The";
other spellings of its legal suffix ("Target Corporation" -> "Target Corp.", "Target Corp"); the
name without legal and group suffixes (``data/legal_suffixes.tsv``: "Lufthansa Group" -> "Lufthansa", "Roche
Holding AG" -> "Roche") and, when one word remains, without a descriptive one
(``data/descriptive_suffixes.txt``: "Infineon Technologies" -> "Infineon"). Then:

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
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from .common import TOKEN_RE, data_list, data_map, data_rows, data_set, fold, has_diacritics, is_latin, key, slug
from .handwritten import GENERATED_MARK, HEADER, HandWritten
from .judge import CONNECTORS, Judge

VERSION = "1.17.10"
PTS_ATTRIBUTION = (
    "Index constituents from the PyPI package pytickersymbols 1.17.10 (MIT licence); selected, "
    "shortened and reformatted by scripts/import_gazetteers.py."
)

# The curated lists (data/*): see each file's header for what it holds and why.
LEGAL_SUFFIXES = [s for s, _kind in data_rows("legal_suffixes.tsv", 2)]
# The legal forms alone (not "Group", "Holdings"): "Bancorp Inc." is a generic word with a legal form,
# "Partners Group" is a name.
LEGAL_FORMS = [s for s, kind in data_rows("legal_suffixes.tsv", 2) if kind == "form"]
DESCRIPTIVE_SUFFIXES = data_list("descriptive_suffixes.txt")
SUFFIX_VARIANTS = {k: v.split("|") for k, v in data_map("suffix_variants.tsv").items()}
MAJOR_INDICES = data_set("major_indices.txt")
INDEX_COUNTRY = data_map("index_country.tsv")
COUNTRY_FIXES = data_map("country_fixes.tsv")
WORDNET_BRAND_SENSES = data_set("wordnet_brand_senses.txt")
GENERIC_HEADS = data_set("generic_heads.txt")
COMPANY_SHORT_ALLOW = data_set("company_short_allow.txt")
COMPANY_TYPE_SUFFIX = data_rows("company_type_suffix.tsv", 2)
COMPANY_STOP_ALIASES = data_set("company_stop_aliases.txt")
COMPANY_AMBIGUOUS_FORMS = data_set("company_ambiguous_forms.txt")
COMPANY_SURNAME_RANK = 5_000  # a one-word form that is a surname this common needs support ("Hilton", "Roche")
BAD_CHARS_COMPANY = re.compile(r"[()\[\],/;:!?=*\"|\t_@#%<>{}~]")


def installed_version() -> str:
    """The installed version of ``pytickersymbols`` ("?" when it cannot tell)."""
    try:
        from importlib.metadata import version

        return version("pytickersymbols")
    except Exception:  # pragma: no cover - metadata missing
        return "?"


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
        sys.exit(f"pytickersymbols missing: pip install pytickersymbols=={VERSION}")
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
    """The company's name as the package lists it."""
    return rec["src"]["name"]


def write_companies(rows: list[dict], path: Path) -> None:
    """Writes the rows of ``import_companies`` as a gazetteer file with its provenance header."""
    lines = [
        f"# Listed companies. {GENERATED_MARK} -- do not edit;",
        "# change the rules in the script (or the hand-written gazetteers) and regenerate.",
        f"# {PTS_ATTRIBUTION}",
        "# One row per index constituent not already in organizations.tsv: the name news uses, the listed",
        "# name and its suffix spellings as aliases; forms that are common words or names need support in",
        "# the document (ambiguous column). Provenance and licences: gazetteers/SOURCES.md.",
        HEADER + "\tambiguous",
    ]
    for r in rows:
        lines.append(
            "\t".join([r["id"], "organization", r["name"], "|".join(r["aliases"]), "", r["attributes"],
                       "|".join(r["ambiguous"])])
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


