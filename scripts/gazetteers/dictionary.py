"""Common English words from the Debian word lists ``wamerican`` and ``wbritish`` (SCOWL).

Used only to decide what to drop: a city or given name that is an ordinary word ("Reading", "Nice").
"""

from __future__ import annotations

import os
import sys

DICTIONARIES = ["/usr/share/dict/american-english", "/usr/share/dict/british-english"]


def load_dictionary(paths: list[str] = DICTIONARIES) -> set[str]:
    """The all-lower-case entries of the word lists (capitalised entries are proper nouns)."""
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
