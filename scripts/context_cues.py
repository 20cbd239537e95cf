#!/usr/bin/env python3
"""Verbs no lexicon lists, in the frame `SUBJECT VERB that CLAUSE`: how often they are gold cues.

    scripts/context_cues.py [GOLD_DIR] [--errors FILE] [--also DIR [--also-errors FILE]]
                            [--min-count N] [--verbs]

GOLD_DIR defaults to ../shared/eval/polnear/train (tune on train; `--also` counts a second split,
such as dev, beside it, never used to choose). A word is rarely a cue by itself, but a verb that
no form of lexicons/cues.tsv lists may be one in this frame:

  - SUBJECT: the word right before the verb (one adverb in -ly skipped) is a pronoun or relative
    of lexicons/speakers.tsv (`pron`), a capitalised word (`name`), or another lowercase word that
    is no determiner, preposition or stop word of speakers.tsv (`noun`);
  - VERB: a lowercase word that is no cues.tsv form, no form of be or have and no finite
    auxiliary (lexicons/function_words/); split by its ending: `-ed`, `-s`, other;
  - "that" (lexicons/function_words/complementizer.txt) right after the verb;
  - CLAUSE: the word after "that" opens a subject (it is no finite auxiliary, no punctuation) and
    a finite word (a finite auxiliary, or a lowercase word in -ed or -s) follows within
    CLAUSE_REACH words, in the same sentence.

For every such frame it asks whether the verb lies in a gold cue (the first annotator's file, as
`claimgraph evaluate attributions` reads it) and, if so, whether the gold content is what the
`clause` boundary would most simply give: the words from after "that" to the end of the sentence,
compared as words-exact compares them (same words in the same order, punctuation ignored).
`exact` counts those; `p*x` = exact / frames is the share of frames whose claim would be exact,
which must clear about 29% (words-exact F1 = 2·exact/(predicted+gold) rises by a claim whose
content is exact more often than F1/2). With `--errors`, `missed` counts the gold ones the engine
misses today. Rows: by subject type and verb ending, then (`--verbs`) by verb, most frequent
first, with at least MIN_COUNT frames on the first split. Python 3 standard library only.
"""

import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import brat

# A verb is listed by itself with at least this many frames in the first split.
MIN_COUNT = 5
# The clause after "that" must show a finite word within this many words.
CLAUSE_REACH = 8
# A word, or one punctuation mark.
TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9’'-]*|[^\sA-Za-z0-9]")
# Sentence ends: a period, question or exclamation mark (a closing quote after it kept), or a line
# break.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“A-Z])|\n+")


def read_words(path):
    """The words of a one-word-a-line list, # comments skipped."""
    out = set()
    for line in open(path, encoding="utf-8"):
        line = line.split("#")[0].strip()
        if line:
            out.add(line.lower())
    return out


def lexicons(root):
    """(cue forms, subject pronouns, words that are no subject, auxiliaries, complementizers)."""
    lex = root / "lexicons"
    fw = lex / "function_words"
    forms = set()
    for line in open(lex / "cues.tsv", encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        forms.add(line.split("\t")[0].strip().lower().replace("’", "'"))
    pron, nonsubj = set(), set()
    for line in open(lex / "speakers.tsv", encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        word, role = line.rstrip("\n").split("\t")[:2]
        if role in ("pronoun", "relative"):
            pron.add(word)
        elif role in ("determiner", "preposition", "stop"):
            nonsubj.add(word)
    aux = set()
    for name in ("be_form", "have_form", "finite_auxiliary"):
        aux |= read_words(fw / f"{name}.txt")
    return forms, pron, nonsubj, aux, read_words(fw / "complementizer.txt")


def norm_words(text):
    """The words of a text, lowercased, for words-exact comparison."""
    return [w.lower().replace("’", "'") for w in re.findall(r"[A-Za-z0-9][A-Za-z0-9’'-]*", text)]


def is_finite(word, aux):
    """A finite auxiliary, or a lowercase word in -ed or -s."""
    return word in aux or (word.islower() and len(word) > 3 and word.endswith(("ed", "s")))


def frames(text, lex):
    """Every frame of a text: (verb start, verb end, verb, subject type, content start, content end)."""
    forms, pron, nonsubj, aux, comp = lex
    start = 0
    for m in list(SENTENCE_END.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        sent = [(t.start() + start, t.end() + start, t.group()) for t in TOKEN.finditer(text[start:end])]
        start = m.end() if m else len(text)
        for i in range(1, len(sent) - 2):
            a, b, verb = sent[i]
            low = verb.lower().replace("’", "'")
            if sent[i + 1][2] not in comp or not verb.islower() or not verb.isalpha():
                continue
            if low in forms or low in aux or low in comp:
                continue
            j = i - 1
            if sent[j][2].endswith("ly") and sent[j][2].islower() and j > 0:
                j -= 1
            subj = sent[j][2]
            if subj.lower() in pron:
                kind = "pron"
            elif subj[0].isupper():
                kind = "name"
            elif subj.isalpha() and subj not in nonsubj and subj not in aux and subj not in comp:
                kind = "noun"
            else:
                continue
            rest = sent[i + 2:]
            if not rest or not rest[0][2][0].isalnum() or rest[0][2].lower() in aux:
                continue
            if not any(is_finite(w.lower(), aux) for _, _, w in rest[1:CLAUSE_REACH + 1]):
                continue
            last = len(rest)
            while last > 0 and not rest[last - 1][2][0].isalnum() and rest[last - 1][2] not in "”\"’":
                last -= 1
            yield a, b, low, kind, rest[0][0], rest[last - 1][1]


def ending(verb):
    return "-ed" if verb.endswith("ed") else "-s" if verb.endswith("s") else "other"


def count(gold, errors, lex):
    """{(subject type, ending, verb): Counter(frames, gold, exact, missed)} over a split."""
    missed = set()
    if errors:
        for r in csv.DictReader(open(errors, encoding="utf-8")):
            if r["kind"] == "missed":
                missed.add((r["doc"], r["gold_id"]))
    out = defaultdict(Counter)
    for stem, name in brat.first_annotator_files(f"{gold}/attributions").items():
        text = open(f"{gold}/text/{stem}.txt", encoding="utf-8").read()
        attrs = []
        for eid, roles in brat.events_with_ids(f"{gold}/attributions/{name}"):
            cue = [p for _, ps in roles.get("Cue", []) for p in ps]
            content = [p for _, ps in roles.get("Content", []) for p in ps]
            attrs.append((eid, cue, content))
        for a, b, verb, kind, cs, ce in frames(text, lex):
            c = out[(kind, ending(verb), verb)]
            c["frames"] += 1
            hit = [x for x in attrs if any(p < b and a < q for p, q in x[1])]
            if not hit:
                continue
            eid, _, content = hit[0]
            c["gold"] += 1
            if (stem, eid) in missed:
                c["missed"] += 1
            gold_words = norm_words(" ".join(text[p:q] for p, q in sorted(content)))
            if gold_words and gold_words[0] == "that":
                gold_words = gold_words[1:]
            if gold_words == norm_words(text[cs:ce]):
                c["exact"] += 1
    return out


def row(label, c, also):
    f, g, x = c["frames"], c["gold"], c["exact"]
    line = f"{label:<28}{f:>6}{g:>6}{x:>6}{c['missed']:>7}{g / f if f else 0:>7.2f}{x / f if f else 0:>7.2f}"
    if also is not None:
        f2, g2, x2 = also["frames"], also["gold"], also["exact"]
        line += f"  |{f2:>5}{g2:>5}{x2:>5}{also['missed']:>7}{g2 / f2 if f2 else 0:>7.2f}{x2 / f2 if f2 else 0:>7.2f}"
    return line


def main():
    root = Path(__file__).resolve().parent.parent
    ap = brat.split_arguments(__doc__, MIN_COUNT)
    ap.add_argument("--verbs", action="store_true", help="also one row per verb")
    args = ap.parse_args()
    lex = lexicons(root)
    first = count(args.gold, args.errors, lex)
    second = count(args.also, args.also_errors, lex) if args.also else None

    def group(counts, key):
        out = defaultdict(Counter)
        for k, c in counts.items():
            out[key(k)].update(c)
        return out

    head = f"{'group':<28}{'frames':>6}{'gold':>6}{'exact':>6}{'missed':>7}{'prec':>7}{'p*x':>7}"
    print(head + ("  | same on the second split" if second else ""))
    for key in (lambda k: "all", lambda k: k[0], lambda k: k[1], lambda k: f"{k[0]} {k[1]}"):
        g1 = group(first, key)
        g2 = group(second, key) if second is not None else None
        for label in sorted(g1, key=lambda l: -g1[l]["frames"]):
            print(row(label, g1[label], g2[label] if g2 is not None else None))
        print()
    if args.verbs:
        g1 = group(first, lambda k: k[2])
        g2 = group(second, lambda k: k[2]) if second is not None else None
        for label in sorted(g1, key=lambda l: (-g1[l]["frames"], l)):
            if g1[label]["frames"] >= args.min_count:
                print(row(label, g1[label], g2[label] if g2 is not None else None))


if __name__ == "__main__":
    sys.exit(main())
