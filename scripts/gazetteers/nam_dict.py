"""Given names of 54 countries from Jörg Michael's ``nam_dict.txt`` (GNU Free Documentation License
1.2 or later), as shipped by the PyPI package ``gender-guesser`` 0.4.0 (code GPLv3; only the data file
is read, nothing of the code is used or copied).

The list holds ~46,000 given names with a frequency per country, hand-collected for the gender
program ``gender.c``; it reaches the names of South Asia, the Arab world, Iran, Turkey, the former
Soviet Union and the Balkans that neither the 1990 US Census nor faker has ("Mushtaq", "Wasim",
"Waqar", "Muthiah", "Stilian", "Platon"). Names whose frequency is 1 (rare) in every country are left
out: about half the list, and as often British surnames, places or brands ("Sinclair", "Balfour",
"Leyton", "Llyn", "Ultima"); on BBC news they added 34 right and 10 wrong people. Line format (fixed columns): a gender code, the name
in columns 4-29, a sort marker in column 30 (a '+' marks a duplicate line sorted with expanded
umlauts: skipped, as the file asks), then one hexadecimal frequency per country. A '+' inside a name
stands for '-', ' ' or nothing ("Jun+Wei": Jun-Wei, Jun Wei, JunWei); '=' lines are equivalences.
"""

from __future__ import annotations

import sys
from pathlib import Path

VERSION = "0.4.0"
PACKAGE = "gender-guesser"
NAME_COLUMNS = slice(3, 29)
SORT_MARK_COLUMN = 29
FREQUENCY_COLUMNS = slice(30, 85)  # one hexadecimal digit per country, 1 (rare) .. D (extremely common)
MIN_FREQUENCY = 2  # a name rare in every country (1) is as often a surname or place ("Sinclair", "Llyn")


def installed_version() -> str:
    """The installed version of ``gender-guesser``."""
    from importlib.metadata import version

    return version(PACKAGE)


def data_file() -> Path:
    """The path of ``nam_dict.txt`` inside the installed package."""
    try:
        import gender_guesser
    except ImportError:
        sys.exit(f"{PACKAGE} missing: pip install {PACKAGE}=={VERSION}")
    return Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"


def max_frequency(line: str) -> int:
    """The highest of a name line's country frequencies (0 when it has none)."""
    return max((int(c, 16) for c in line[FREQUENCY_COLUMNS] if c in "0123456789ABCDEFabcdef"), default=0)


def parse(lines, min_frequency: int = MIN_FREQUENCY) -> set[str]:
    """The names of the list's name lines that are at least ``min_frequency`` common in some
    country, ``+`` expanded to its three spellings."""
    out: set[str] = set()
    for line in lines:
        line = line.rstrip("\r\n")
        if not line or line[0] in "#=" or len(line) <= SORT_MARK_COLUMN:
            continue
        if line[SORT_MARK_COLUMN] == "+" or max_frequency(line) < min_frequency:
            continue
        name = " ".join(line[NAME_COLUMNS].split())
        if not name:
            continue
        if "+" in name:
            out.update(name.replace("+", r) for r in ("-", " ", ""))
        else:
            out.add(name)
    return out


def load_given_names() -> set[str]:
    """Every given name of the installed ``nam_dict.txt`` that passes ``MIN_FREQUENCY``."""
    with open(data_file(), encoding="utf-8") as f:
        return parse(f)
