"""The 1990 US Census given-name and surname files (public domain), via the PyPI package ``names``."""

from __future__ import annotations

import sys
from pathlib import Path

VERSION = "0.3.0"


def title_case(upper: str) -> str:
    """MCDONALD -> McDonald, SMITH -> Smith."""
    t = upper.capitalize()
    if t.startswith("Mc") and len(t) > 3:
        t = "Mc" + t[2:].capitalize()
    return t


def installed_version() -> str:
    """The installed version of ``names`` ("?" when it does not say)."""
    import names as census_names

    return getattr(census_names, "__version__", "?")


def load_census() -> tuple[dict[str, float], dict[str, int]]:
    """Given name -> max frequency (percent) over both sexes; surname -> rank (1 = Smith)."""
    try:
        import names as census_names
    except ImportError:
        sys.exit(f"names missing: pip install names=={VERSION}")
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
