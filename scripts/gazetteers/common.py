"""Spelling helpers shared by the importers, and the loader of the curated word lists in ``data/``.

Every list a linguist edits (drop lists, stop lists, connectors, legal suffixes ...) is a file in
``data/``: one entry per line (a ``.tsv`` file: tab-separated columns), ``#`` starts a comment line,
blank lines are ignored. Entries are exact (no surrounding spaces) and a file holds each entry once.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


class DataError(ValueError):
    """A malformed curated list: the message names the file and line."""


def data_rows(name: str, columns: int = 1, folder: Path = DATA) -> list[tuple[str, ...]]:
    """The rows of ``data/<name>`` in file order, each a tuple of ``columns`` fields. Raises
    DataError on a wrong column count, a field with surrounding spaces or a repeated first field."""
    rows: list[tuple[str, ...]] = []
    seen: dict[str, int] = {}
    path = folder / name
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = tuple(line.split("\t"))
        if len(fields) != columns:
            raise DataError(f"{path}:{n}: {len(fields)} fields, expected {columns}")
        if any(f != f.strip() or not f for f in fields):
            raise DataError(f"{path}:{n}: empty field or surrounding spaces")
        if fields[0] in seen:
            raise DataError(f"{path}:{n}: {fields[0]!r} already on line {seen[fields[0]]}")
        seen[fields[0]] = n
        rows.append(fields)
    return rows


def data_list(name: str, folder: Path = DATA) -> list[str]:
    """The entries of a one-column list, in file order (for lists whose order matters)."""
    return [r[0] for r in data_rows(name, 1, folder)]


def data_set(name: str, folder: Path = DATA) -> set[str]:
    """The entries of a one-column list."""
    return set(data_list(name, folder))


def data_map(name: str, folder: Path = DATA) -> dict[str, str]:
    """A two-column list as a dict, in file order."""
    return dict(data_rows(name, 2, folder))  # type: ignore[arg-type]


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
    """True when every letter of ``s`` is a Latin letter."""
    return all("LATIN" in unicodedata.name(c, "") for c in s if c.isalpha())


def has_diacritics(s: str) -> bool:
    """True when ASCII-folding changes ``s``."""
    return fold(s) != s


PLAIN_NAME = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")


def is_plain_name(name: str) -> bool:
    """A Latin-script name of letters, with inner hyphens or apostrophes only ("Jean-Claude")."""
    return bool(name) and is_latin(name) and PLAIN_NAME.fullmatch(name) is not None


WORD_RE = re.compile(r"[^\s\-‐–]+")
TOKEN_RE = re.compile(r"[\s\-‐–]+")


def read_word_list(path: Path) -> set[str]:
    """The entries of a claimgraph lexicon (``lexicons/*.txt``); empty when the file is missing."""
    if not path.exists():
        return set()
    return {
        l.strip()
        for l in path.read_text(encoding="utf-8").splitlines()
        if l.strip() and not l.startswith("#")
    }
