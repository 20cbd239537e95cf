#!/usr/bin/env python3
"""Candidate attribution cues from a brat attribution corpus (PolNeAR layout), for review.

    scripts/cue_candidates.py [GOLD_DIR] [--min-count N] [--min-ratio R] [--all]

GOLD_DIR defaults to ../shared/eval/polnear/train (tune on train only: dev and test are for
measuring). For every annotated Cue span (first annotator file per article, as `claimgraph evaluate
attributions` reads them) the script takes the cue's words, lowercased, as one form (a phrase such as
"went on to say" is one form), and for each single word of a cue span also the word alone. It then
counts how often each form appears anywhere in the texts. A cue whose span is followed in the text
by a preposition or particle (roles `preposition` of lexicons/speakers.tsv and
lexicons/function_words/verb_particle.txt: "pointed to", "railed against", "criticism of") also
gives the phrase of the cue and that word as a form, since a lexicon cue must hold its preposition
for the rules to take the prepositional object as content. It prints, most frequent first, the
forms that

  - are cues at least MIN_COUNT times (default below), and
  - are cues in at least MIN_RATIO of their occurrences (a word that is a cue one time in ten, such as
    "is" or "have", is no cue a rule can trust), and
  - are not yet forms of lexicons/cues.tsv, nor phrases holding one ("has said" is found through
    "said"); --all lists those too, marked `listed` and `covered`.

Columns: form, times it is (part of) a cue, times it appears, the ratio; then where the gold content
starts, counted over the cues the form was taken from: `next` right after the form (for a phrase
in a preposition, the prepositional object: the `stance` frame), `later` further on (after "that",
a hearer or an adverbial: the `clause` frames), `before` before the cue (the `final` frame); where
the gold source stands: `src_before` (the `before` frame, or a possessor for a noun), `src_after`
("said X", "criticism from X"), `no_src`; and `new`/`listed`/`covered`. The output is
a list to review, not a lexicon: a candidate goes into lexicons/cues.tsv by hand, with the lemma, class
and frames its uses in the text show (see that file's header). The thresholds are the defaults below;
the list in a commit message names the thresholds it was made with, so it can be regenerated.
"""

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import brat

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


def attributions(ann_path):
    """Every annotated attribution with a cue: (cue pieces, content start or None, source start
    or None), pieces as (start, end) code-point offsets into the text."""
    for roles in brat.events(ann_path):
        cue = roles.get("Cue", [None])[0]
        if not cue or cue[0] != "Cue":
            continue
        content = roles.get("Content", [None])[0]
        source = roles.get("Source", [None])[0]
        yield (
            cue[1],
            min(a for a, _ in content[1]) if content else None,
            min(a for a, _ in source[1]) if source else None,
        )


def prepositions(root):
    """Prepositions and verb particles, lowercase: the words that may close a phrase cue."""
    found = set()
    for line in (root / "lexicons" / "speakers.tsv").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 2 and not line.startswith("#") and cols[1] == "preposition":
            found.add(cols[0].strip())
    particles = root / "lexicons" / "function_words" / "verb_particle.txt"
    for line in particles.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            found.add(line.strip())
    return found


# Where the gold content starts, and where the gold source stands, relative to a form.
PLACES = ("next", "later", "before", "src_before", "src_after", "no_src")


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
    preps = prepositions(root)
    as_cue = Counter()
    places = {}
    texts = []
    for stem, ann in brat.first_annotator_files(gold / "attributions").items():
        ann = gold / "attributions" / ann
        txt = gold / "text" / f"{stem}.txt"
        if not txt.exists():
            continue
        text = txt.read_text(encoding="utf-8")
        texts.append(text)
        for pieces, content, source in attributions(ann):
            ws = words(" ".join(text[a:b] for a, b in pieces))
            if not ws or len(ws) > MAX_WORDS:
                continue
            cue_start, cue_end = pieces[0][0], pieces[-1][1]
            # The cue with the preposition or particle right after it, if one follows.
            nxt = re.match(r"\s*(\w+)", text[cue_end:])
            with_prep = None
            if nxt and nxt.group(1).lower() in preps and len(ws) < MAX_WORDS:
                with_prep = (" ".join(ws + [nxt.group(1).lower()]), cue_end + nxt.end())
            forms = {" ".join(ws): cue_end}
            if len(ws) > 1:
                forms.update((w, cue_end) for w in ws if w not in forms)
            if with_prep:
                forms[with_prep[0]] = with_prep[1]
            for form, end in forms.items():
                as_cue[form] += 1
                seen_at = places.setdefault(form, Counter())
                if content is None:
                    pass
                elif content < cue_start:
                    seen_at["before"] += 1
                elif text[end:content].strip() == "":
                    seen_at["next"] += 1
                else:
                    seen_at["later"] += 1
                if source is None:
                    seen_at["no_src"] += 1
                else:
                    seen_at["src_before" if source < cue_start else "src_after"] += 1
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
        rows.append((form, n, total, n / total, [places[form][p] for p in PLACES], status))
    rows.sort(key=lambda r: (-r[1], r[0]))
    print(f"# {gold}: min count {args.min_count}, min ratio {args.min_ratio}")
    print("\t".join(["form", "as_cue", "seen", "ratio", *PLACES, "status"]))
    for form, n, total, ratio, at, status in rows:
        cols = [form, str(n), str(total), f"{ratio:.2f}", *map(str, at), status]
        print("\t".join(cols))


if __name__ == "__main__":
    main()
