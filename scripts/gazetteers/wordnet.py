"""Proper-noun senses from WordNet 3.0's database files (Debian package ``wordnet-base``)."""

from __future__ import annotations

import os
import re
import sys

from .common import fold

WORDNET = "/usr/share/wordnet"  # Debian package wordnet-base (WordNet 3.0)


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

    def __init__(self, folder: str = WORDNET):
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
