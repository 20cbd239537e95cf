#!/usr/bin/env python3
"""Candidate attribution cues from a brat attribution corpus (PolNeAR layout), for review.

    scripts/cue_candidates.py [GOLD_DIR] [--min-count N] [--min-ratio R] [--all]

GOLD_DIR defaults to ../shared/eval/polnear/train (tune on train only: dev and test are for
measuring). For every annotated Cue span (first annotator file per article, as `claimgraph evaluate
attributions` reads them) the script takes the cue's words, lowercased, as one form (a phrase such as
"went on to say" is one form), and for each single word of a cue span also the word alone. It then
counts how often each form appears anywhere in the texts, and prints, most frequent first, the forms
that

  - are cues at least MIN_COUNT times (default below), and
  - are cues in at least MIN_RATIO of their occurrences (a word that is a cue one time in ten, such as
    "is" or "have", is no cue a rule can trust), and
  - are not yet forms of lexicons/cues.tsv, nor phrases holding one ("has said" is found through
    "said"); --all lists those too, marked `listed` and `covered`.

Columns: form, times it is (part of) a cue, times it appears, the ratio, `new`/`listed`/`covered`. The output is
a list to review, not a lexicon: a candidate goes into lexicons/cues.tsv by hand, with the lemma, class
and frames its uses in the text show (see that file's header). The thresholds are the defaults below;
the list in a commit message names the thresholds it was made with, so it can be regenerated.
"""

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

# A form must be a cue at least this many times on train ...
MIN_COUNT = 5
# ... and in at least this share of its occurrences in the texts.
MIN_RATIO = 0.30
# Longest phrase (in words) counted as one form.
MAX_WORDS = 4

# A word: letters, digits, apostrophes and hyphens, not starting with an apostrophe ("’s" of
# "Trump’s claim" is no form of its own).
WORD = re.compile(r"\w[\w’'-]*")


def words(text):
    """Lowercased words of a text, curly apostrophes made straight."""
    return [w.lower().replace("’", "'") for w in WORD.findall(text)]


def first_annotator_files(ann_dir):
    """One .ann file per article: the first by name (`<stem>_<annotator>.ann`)."""
    chosen = {}
    for path in sorted(ann_dir.glob("*.ann")):
        stem = path.name.rsplit("_", 1)[0]
        chosen.setdefault(stem, path)
    return chosen


def cue_spans(ann_path):
    """Text of every Cue span (its pieces joined by a space)."""
    for line in ann_path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and parts[0].startswith("T") and parts[1].startswith("Cue "):
            yield parts[2]


def listed_forms(cues_tsv):
    """Forms already in lexicons/cues.tsv."""
    forms = set()
    for line in cues_tsv.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            forms.add(line.split("\t")[0].strip().replace("’", "'"))
    return forms


def count_occurrences(texts, forms):
    """How often each form (a run of words) appears in the texts."""
    by_len = {}
    for form in forms:
        by_len.setdefault(len(form.split()), set()).add(form)
    seen = Counter()
    for text in texts:
        ws = words(text)
        for n, group in by_len.items():
            for i in range(len(ws) - n + 1):
                gram = " ".join(ws[i : i + n])
                if gram in group:
                    seen[gram] += 1
    return seen


def main():
    root = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="?", default=str(root / "../shared/eval/polnear/train"))
    ap.add_argument("--min-count", type=int, default=MIN_COUNT)
    ap.add_argument("--min-ratio", type=float, default=MIN_RATIO)
    ap.add_argument("--all", action="store_true", help="also list forms cues.tsv holds")
    args = ap.parse_args()
    gold = Path(args.gold)
    if not (gold / "attributions").is_dir():
        sys.exit(f"{gold}: no attributions/ folder (PolNeAR layout expected)")
    as_cue = Counter()
    texts = []
    for stem, ann in first_annotator_files(gold / "attributions").items():
        txt = gold / "text" / f"{stem}.txt"
        if not txt.exists():
            continue
        texts.append(txt.read_text(encoding="utf-8"))
        for span in cue_spans(ann):
            ws = words(span)
            if not ws or len(ws) > MAX_WORDS:
                continue
            forms = {" ".join(ws)}
            if len(ws) > 1:
                forms.update(ws)
            for form in forms:
                as_cue[form] += 1
    seen = count_occurrences(texts, [f for f, n in as_cue.items() if n >= args.min_count])
    listed = listed_forms(root / "lexicons" / "cues.tsv")
    rows = []
    for form, n in as_cue.items():
        total = max(seen[form], n)
        if n < args.min_count or n / total < args.min_ratio:
            continue
        if form in listed:
            status = "listed"
        elif any(w in listed for w in form.split()):
            status = "covered"
        else:
            status = "new"
        if status != "new" and not args.all:
            continue
        rows.append((form, n, total, n / total, status))
    rows.sort(key=lambda r: (-r[1], r[0]))
    print(f"# {gold}: min count {args.min_count}, min ratio {args.min_ratio}")
    print("form\tas_cue\tseen\tratio\tstatus")
    for form, n, total, ratio, status in rows:
        print(f"{form}\t{n}\t{total}\t{ratio:.2f}\t{status}")


if __name__ == "__main__":
    main()
