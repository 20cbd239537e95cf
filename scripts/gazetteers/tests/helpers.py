"""Small stand-ins for the sources, so the rules can be tested without the source packages."""

from __future__ import annotations

import tempfile
from pathlib import Path

from gazetteers.cli import parse_args
from gazetteers.handwritten import HEADER, HandWritten
from gazetteers.judge import Judge


class FakeWordNet:
    """WordNet with a handful of proper-noun senses."""

    def __init__(self, senses: dict[str, list[str]]):
        self.senses = {k.lower(): v for k, v in senses.items()}

    def proper_senses(self, name: str) -> list[str]:
        return self.senses.get(name.lower(), [])

    def problem(self, name: str) -> str | None:
        s = self.proper_senses(name)
        return f"wordnet:{s[0]}" if s and s[0] != "noun.location" else None


HAND_PLACES = [
    ("place:london", "place", "London", "", "Londoner", "country=GB;kind=capital;geonames=2643743"),
    ("place:jordan", "place", "Jordan", "", "Jordanian", "iso2=JO;kind=country"),
    ("place:germany", "place", "Germany", "", "German", "iso2=DE;kind=country"),
    ("person:tony-blair", "person", "Tony Blair", "", "", ""),
    ("organization:ira", "organization", "Irish Republican Army", "IRA", "", ""),
]


def hand_folder(rows=HAND_PLACES) -> Path:
    """A temporary folder with one hand-written gazetteer of ``rows``."""
    d = Path(tempfile.mkdtemp(prefix="gaz-test-"))
    lines = ["# test gazetteer", HEADER] + ["\t".join(r) for r in rows]
    (d / "places.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d


def make_judge(
    words=("reading", "nice", "long", "beach", "mount", "pleasant", "target", "villa"),
    first=None,
    last=None,
    senses=None,
    reserved_extra=("Mr", "President", "January"),
) -> Judge:
    """A Judge over small word and name lists and the HAND_PLACES gazetteer."""
    first = first if first is not None else {"Victoria": 0.2, "Orlando": 0.01, "Carlos": 0.1, "Mary": 2.6}
    last = last if last is not None else {"Smith": 1, "Jackson": 13, "Sheffield": 3000, "Barbosa": 4000, "Hilton": 900}
    senses = senses if senses is not None else {"Ajax": ["noun.person"], "Leeds": ["noun.location"], "Muslim": ["adj.pert", "noun.person"], "Orion": ["noun.object"]}
    return Judge(parse_args([]), set(words), first, last, set(reserved_extra), HandWritten(hand_folder()), FakeWordNet(senses))
