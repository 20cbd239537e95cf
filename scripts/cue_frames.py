#!/usr/bin/env python3
"""Gold cues of a brat attribution corpus (PolNeAR layout) by lemma and frame, for review.

    scripts/cue_frames.py [GOLD_DIR] [--errors FILE] [--also DIR [--also-errors FILE]]
                          [--min-count N] [--top N] [--lemma L]

GOLD_DIR defaults to ../shared/eval/polnear/train (tune on train; `--also` adds a second split, such
as dev, counted beside it but never used to choose rows). Where scripts/cue_candidates.py lists cue
words, this script groups every annotated attribution (first annotator file per article) by

  - its **lemma**: the cue span's head, its first word that is no auxiliary, negation or adverb
    (forms of be and have and the finite auxiliaries of lexicons/function_words/, the adverbs of
    lexicons/speakers.tsv, and the few words of SKIP below), lowercased; a form lexicons/cues.tsv
    lists gives its lemma there, any other loses an inflection by ENDINGS below (a crude stem:
    "offering", "offers" and "offered" all become "offer"); a head followed by a preposition or
    particle inside the cue span ("focused on") keeps it ("focus on");
  - its **frame**: where the source and content stand relative to the cue: `src<` source before,
    `src>` after, `nosrc` none; `con<` content before the cue, `con>` right after it, `that>` after
    "that", `later>` after other words (a hearer, a date); and, when the words before the head say
    so, `passive` (a form of be right before a past form: "is expected") or `noun` (an article,
    possessive or determiner right before the head: "the claim that", "his decision to").

For every (lemma, frame) pair it prints how many gold attributions take it, and with `--errors` (the
file `claimgraph evaluate attributions --errors` writes for the same split) how many of those the
engine missed; then the forms of the lemma seen as heads, each with the times it heads a gold cue,
the times the word appears in the split's texts and that ratio (a form that is a cue in few of its
occurrences is no cue a rule can trust), and `*` after a form lexicons/cues.tsv lists. Rows are
sorted by missed count (or gold count without `--errors`); `--lemma` prints one lemma's rows only.
The output is a list to review, not a lexicon: a pair goes into lexicons/cues.tsv by hand, with the
frames the engine already has (see that file's header). The thresholds are the defaults below; a
commit message that uses the list names them, so it can be regenerated.
"""

import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

import brat
from cue_candidates import count_occurrences, words

# A pair must head at least this many gold cues (in the first split) to be printed.
MIN_COUNT = 5
# Rows printed.
TOP = 80
# Words skipped before a cue's head besides the lexicons' auxiliaries and adverbs: contractions'
# second halves, the infinitive marker, and a few adverbs the speakers table does not list.
SKIP = {"'s", "s", "'ll", "ll", "'d", "d", "'ve", "ve", "'re", "re", "to", "isn't", "wasn't",
        "don't", "doesn't", "didn't", "won't", "can't", "hasn't", "haven't", "being", "been",
        "be", "am", "actually", "really", "certainly", "apparently"}
# Inflections stripped from a head no cues.tsv form gives a lemma for, longest first; the stem
# keeps at least three letters, and a doubled final consonant is undone ("planned" -> "plan").
ENDINGS = [("ying", "y"), ("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""),
           ("s", ""), ("e", "")]
# Words before a head that make it a noun.
NOUN_BEFORE = {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this",
               "that", "these", "those", "'s", "s", "no", "any", "new", "latest"}

def read_list(path):
    """The entries of a one-word-a-line lexicon file."""
    return {
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }


def lexicon(root):
    """(forms of cues.tsv -> lemma, words skipped before a head, prepositions and particles)."""
    lex = root / "lexicons"
    lemmas = {}
    for line in (lex / "cues.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            cols = line.split("\t")
            lemmas[cols[0].strip().replace("’", "'")] = cols[1].strip()
    skip = set(SKIP)
    fw = lex / "function_words"
    for name in ("be_form.txt", "have_form.txt", "finite_auxiliary.txt"):
        skip |= read_list(fw / name)
    preps = read_list(fw / "verb_particle.txt")
    for line in (lex / "speakers.tsv").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 2 and not line.startswith("#"):
            if cols[1] == "adverb":
                skip.add(cols[0].strip())
            elif cols[1] == "preposition":
                preps.add(cols[0].strip())
    return lemmas, skip, preps


def stem(word):
    """A crude lemma of a word no lexicon lists: one inflection off (see ENDINGS)."""
    for ending, repl in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)] + repl
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsfz":
        word = word[:-1]
    return word


def head(cue_words, lemmas, skip, preps):
    """(index of the head, lemma) of a cue's words, or None when all are auxiliaries."""
    for i, w in enumerate(cue_words):
        if w in skip:
            continue
        lemma = lemmas.get(w) or stem(w)
        if i + 1 < len(cue_words) and cue_words[i + 1] in preps:
            lemma += " " + cue_words[i + 1]
        return i, lemma
    return None


def frame(text, cue, content, source, head_word, before):
    """The frame of one attribution (see the module doc)."""
    cue_start, cue_end = cue[0][0], cue[-1][1]
    parts = ["nosrc" if source is None else ("src<" if source < cue_start else "src>")]
    if content is None:
        parts.append("con?")
    elif content < cue_start:
        parts.append("con<")
    else:
        gap = words(text[cue_end:content])
        parts.append("con>" if not gap else ("that>" if gap == ["that"] else "later>"))
    if before and before[-1] in NOUN_BEFORE:
        parts.append("noun")
    elif before and before[-1] in {"is", "was", "are", "were", "be", "been", "being"} and (
        head_word.endswith("ed") or head_word.endswith("en")
    ):
        parts.append("passive")
    return " ".join(parts)


def missed_ids(errors):
    """(doc, gold id) of every missed gold attribution in an --errors file."""
    if not errors:
        return None
    with open(errors, encoding="utf-8") as f:
        return {(r["doc"], r["gold_id"]) for r in csv.DictReader(f) if r["kind"] == "missed"}


def count(gold, errors, lexicons):
    """Per (lemma, frame): [gold, missed]; per lemma: Counter of head forms; all texts."""
    lemmas, skip, preps = lexicons
    missed = missed_ids(errors)
    pairs = defaultdict(lambda: [0, 0])
    forms = defaultdict(Counter)
    texts = []
    ann_dir = gold / "attributions"
    for stem_name, ann in brat.first_annotator_files(ann_dir).items():
        txt = gold / "text" / f"{stem_name}.txt"
        if not txt.exists():
            continue
        text = txt.read_text(encoding="utf-8")
        texts.append(text)
        for eid, roles in brat.events_with_ids(ann_dir / ann):
            cue = roles.get("Cue", [None])[0]
            if not cue or cue[0] != "Cue":
                continue
            cue_words = words(" ".join(text[a:b] for a, b in cue[1]))
            found = head(cue_words, lemmas, skip, preps)
            if found is None:
                continue
            i, lemma = found
            before = words(text[max(0, cue[1][0][0] - 40) : cue[1][0][0]]) + cue_words[:i]
            content = roles.get("Content", [None])[0]
            source = roles.get("Source", [None])[0]
            fr = frame(
                text,
                cue[1],
                min(a for a, _ in content[1]) if content else None,
                min(a for a, _ in source[1]) if source else None,
                cue_words[i],
                before,
            )
            row = pairs[(lemma, fr)]
            row[0] += 1
            if missed is not None and (stem_name, eid) in missed:
                row[1] += 1
            forms[lemma][cue_words[i]] += 1
    return pairs, forms, texts


def main():
    root = Path(__file__).resolve().parent.parent
    ap = brat.split_arguments(__doc__, MIN_COUNT)
    ap.add_argument("--top", type=int, default=TOP)
    ap.add_argument("--lemma", help="only this lemma's rows")
    args = ap.parse_args()
    lexicons = lexicon(root)
    gold = Path(args.gold)
    if not (gold / "attributions").is_dir():
        sys.exit(f"{gold}: no attributions/ folder (PolNeAR layout expected)")
    pairs, forms, texts = count(gold, args.errors, lexicons)
    also = count(Path(args.also), args.also_errors, lexicons)[0] if args.also else None
    seen = count_occurrences(texts, {f for fs in forms.values() for f in fs})
    by = 1 if args.errors else 0
    rows = [
        (key, row)
        for key, row in pairs.items()
        if row[0] >= args.min_count and (args.lemma is None or key[0] == args.lemma)
    ]
    rows.sort(key=lambda kr: (-kr[1][by], -kr[1][0], kr[0]))
    listed = lexicons[0]
    print(f"# {gold}: min count {args.min_count}" + (f"; beside {args.also}" if also else ""))
    cols = ["lemma", "frame", "gold"] + (["missed"] if args.errors else [])
    cols += ["also_gold", "also_missed"] if also else []
    print("\t".join(cols + ["forms: cue/seen ratio, * listed"]))
    for (lemma, fr), row in rows[: args.top]:
        out = [lemma, fr, str(row[0])] + ([str(row[1])] if args.errors else [])
        if also:
            other = also.get((lemma, fr), [0, 0])
            out += [str(other[0]), str(other[1])]
        shown = []
        for f, n in forms[lemma].most_common(6):
            total = max(seen[f], n)
            shown.append(f"{f}{'*' if f in listed else ''} {n}/{total} {n / total:.2f}")
        print("\t".join(out + ["; ".join(shown)]))


if __name__ == "__main__":
    main()
