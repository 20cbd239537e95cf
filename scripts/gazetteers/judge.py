"""The precision rules shared by the importers: what the word lists, the name lists, WordNet and the
hand-written gazetteers say about a surface form, and the rules for a city's alias (see ``geonames``
for the reasoning and the thresholds)."""

from __future__ import annotations

import re

from .common import (
    APOSTROPHES,
    TOKEN_RE,
    WORD_RE,
    data_list,
    data_set,
    fold,
    has_diacritics,
    is_latin,
    key,
)
from .handwritten import HandWritten
from .wordnet import WordNet

CONNECTORS = data_set("connectors.txt")
EXTRA_PERSON_NAMES = data_set("extra_person_names.txt")
FIRST_NAME_DROP = data_set("first_name_drop.txt")
STOP_ALIASES = data_set("stop_aliases.txt")
DICT_WORD_ALLOW = data_set("dict_word_allow.txt")
PREFIX_WORDS = data_set("prefix_words.txt")
SAINTS = data_set("saints.txt")
MONTHS_DAYS = data_set("months_days.txt")

BAD_CHARS = re.compile(r"[0-9()\[\],/;:!?&+=*\"|\t_@#%<>{}~]")
ARTEFACT_WORD = re.compile(r"^[A-Z]{2,}[a-z]")  # "ILondon", "GJong", "IJohannesburg"
ELIDED = re.compile(r"^[a-z]+['’][A-Z]")  # "d'Hebron", "nell'Emilia"
# East Asian administrative suffixes written as lower-case words ("Goyang-si", "Nara-shi").
ADMIN_SUFFIX = re.compile("-(" + "|".join(map(re.escape, data_list("admin_suffixes.txt"))) + ")$")


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


class Judge:
    """Applies the precision rules to one alias of one city, and holds the word and name lists the
    other importers consult (``words``, ``first_k``, ``last_k``, ``wordnet``, ``hand`` ...)."""

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
