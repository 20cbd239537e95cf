#!/usr/bin/env python3
"""Candidate attribution cues from a brat attribution corpus (PolNeAR layout), for review.

    scripts/cue_candidates.py [GOLD_DIR] [--min-count N] [--min-ratio R] [--all] [--errors FILE]

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

A single word that a listed phrase holds ("pointed" of "pointed out") is `in_phrase`, not `new`:
the lexicon reaches it where the phrase is written (with --all it is listed too).

With `--errors FILE` (what `claimgraph evaluate attributions GOLD_DIR --errors FILE` writes), a
column `missed` counts the gold attributions of each form the engine misses (no claim overlaps their
content), and a table comes first: the missed gold attributions whose cue span holds no form of
cues.tsv (no lexicon hit at all), by what a rule would have to read (MISS_CLASSES below, the first
that fits), each with its most frequent cue forms:

  no_cue       no cue span, or one with no word (a colon, a dash)
  preposition  every cue word a preposition ("for", "in", "under": "For Sanders, …")
  noun         after an article or possessive ("the criticism of", "his decision to", "Trump's
               attacks on"), or opening with one
  be           after a form of be: a passive or an adjective ("is considered", "were known")
  document     the gold source names a document of speakers.tsv ("the poll found", "data show")
  inflection   one word, another form of a listed lemma's word ("support" beside "supports")
  verb         another single word ("named", "encouraged")
  phrase       other words ("focused on", "made the case")
(Adverbs, auxiliaries, "to" and "not" opening a cue span are read as words before it: "would like"
is a verb, "was also named" a `be`.)
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
    """Every annotated attribution: (event id, cue pieces, content start or None, source pieces
    or None), pieces as (start, end) code-point offsets into the text; an attribution without a
    cue has no pieces."""
    for eid, roles in brat.events_with_ids(ann_path):
        cue = roles.get("Cue", [None])[0]
        content = roles.get("Content", [None])[0]
        source = roles.get("Source", [None])[0]
        yield (
            eid,
            cue[1] if cue and cue[0] == "Cue" else [],
            min(a for a, _ in content[1]) if content else None,
            source[1] if source else None,
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


# The classes of a missed gold attribution whose cue is no lexicon hit, in the order tried.
MISS_CLASSES = ("no_cue", "preposition", "noun", "be", "document", "inflection", "verb", "phrase")


def word_list(path):
    """The words of a one-word-a-line list (lexicons/function_words/), # comments left out."""
    return {
        w.strip()
        for w in path.read_text(encoding="utf-8").splitlines()
        if w.strip() and not w.startswith("#")
    }


def speaker_words(root, role, kind=None):
    """Words of lexicons/speakers.tsv with `role` (and `kind` in the type column, if given)."""
    found = set()
    for line in (root / "lexicons" / "speakers.tsv").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 3 or cols[1] != role:
            continue
        if kind is None or cols[2].strip() == kind:
            found.add(cols[0].strip())
    return found


class MissClassifier:
    """Tells the class (MISS_CLASSES) of a gold attribution whose cue is no lexicon hit."""

    def __init__(self, root, listed, preps):
        fw = root / "lexicons" / "function_words"
        self.listed = listed
        self.preps = preps
        self.noun_before = (
            speaker_words(root, "determiner")
            | word_list(fw / "person_possessive.txt")
            | word_list(fw / "group_possessive.txt")
            | {"'s", "s"}
        )
        self.be = word_list(fw / "be_form.txt")
        # Words a cue span may open with before its head: "would like", "also addressed".
        self.lead = (
            speaker_words(root, "adverb")
            | word_list(fw / "finite_auxiliary.txt")
            | word_list(fw / "have_form.txt")
            | word_list(fw / "infinitive_marker.txt")
            | {"not", "never"}
        )
        self.documents = speaker_words(root, "noun", "document")
        from cue_frames import stem

        self.stem = stem
        self.listed_stems = {stem(f) for f in listed if " " not in f}

    def classify(self, cue_words, before, source_words):
        """The class of a cue of `cue_words`, after the words `before` (the two before the cue,
        lowercase, nearest last), with the gold source's words `source_words`."""
        if not cue_words:
            return "no_cue"
        lead = 0
        while lead + 1 < len(cue_words) and cue_words[lead] in self.lead:
            lead += 1
        before = before + cue_words[:lead]
        cue_words = cue_words[lead:]
        if all(w in self.preps for w in cue_words):
            return "preposition"
        if cue_words[0] in self.noun_before or (before and before[-1] in self.noun_before):
            return "noun"
        if cue_words[0] in self.be or (before and before[-1] in self.be):
            return "be"
        if any(w in self.documents for w in source_words):
            return "document"
        if len(cue_words) == 1:
            return "inflection" if self.stem(cue_words[0]) in self.listed_stems else "verb"
        return "phrase"


def missed_ids(errors):
    """{article stem: gold event ids} of the gold attributions an --errors file lists as missed."""
    import csv

    missed = {}
    with open(errors, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["kind"] == "missed":
                missed.setdefault(row["doc"], set()).add(row["gold_id"])
    return missed


def hit(ws, listed):
    """Whether the words `ws` hold a form of the lexicon anywhere."""
    longest = max(len(f.split()) for f in listed)
    return any(
        " ".join(ws[i : i + n]) in listed
        for n in range(1, longest + 1)
        for i in range(len(ws) - n + 1)
    )


def print_miss_table(by_class, top):
    """The table of missed gold attributions with no lexicon hit, by class."""
    total = sum(sum(c.values()) for c in by_class.values())
    print(f"# missed gold attributions whose cue holds no form of cues.tsv: {total}")
    print("class\tmissed\tforms (missed)")
    for cls in MISS_CLASSES:
        forms = by_class.get(cls, Counter())
        head = ", ".join(f"{f or '-'} {n}" for f, n in forms.most_common(top))
        print(f"{cls}\t{sum(forms.values())}\t{head}")
    print()


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
    ap.add_argument("--errors", help="evaluate attributions --errors file of GOLD_DIR")
    ap.add_argument("--top", type=int, default=12, help="forms shown per class of misses")
    args = ap.parse_args()
    gold = Path(args.gold)
    if not (gold / "attributions").is_dir():
        sys.exit(f"{gold}: no attributions/ folder (PolNeAR layout expected)")
    preps = prepositions(root)
    listed = listed_forms(root / "lexicons" / "cues.tsv")
    missed = missed_ids(args.errors) if args.errors else None
    classifier = MissClassifier(root, listed, preps) if args.errors else None
    by_class = {}
    missed_forms = Counter()
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
        misses = missed.get(stem, set()) if missed is not None else set()
        for eid, pieces, content, source in attributions(ann):
            ws = words(" ".join(text[a:b] for a, b in pieces)) if pieces else []
            if eid in misses and not hit(ws, listed):
                before = words(text[max(0, pieces[0][0] - 40) : pieces[0][0]])[-2:] if ws else []
                src = words(" ".join(text[a:b] for a, b in source)) if source else []
                cls = classifier.classify(ws, before, src)
                by_class.setdefault(cls, Counter())[" ".join(ws)] += 1
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
                if eid in misses:
                    missed_forms[form] += 1
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
                    src_start = min(a for a, _ in source)
                    seen_at["src_before" if src_start < cue_start else "src_after"] += 1
    seen = count_occurrences(texts, [f for f, n in as_cue.items() if n >= args.min_count])
    in_phrases = {w for f in listed if " " in f for w in f.split()}
    rows = []
    for form, n in as_cue.items():
        total = max(seen[form], n)
        if n < args.min_count or n / total < args.min_ratio:
            continue
        if form in listed:
            status = "listed"
        elif any(w in listed for w in form.split()):
            status = "covered"
        elif form in in_phrases:
            status = "in_phrase"
        else:
            status = "new"
        if status != "new" and not args.all:
            continue
        rows.append((form, n, total, n / total, [places[form][p] for p in PLACES], status))
    rows.sort(key=lambda r: (-r[1], r[0]))
    if missed is not None:
        print_miss_table(by_class, args.top)
    print(f"# {gold}: min count {args.min_count}, min ratio {args.min_ratio}")
    extra = ["missed"] if missed is not None else []
    print("\t".join(["form", "as_cue", "seen", "ratio", *extra, *PLACES, "status"]))
    for form, n, total, ratio, at, status in rows:
        miss = [str(missed_forms[form])] if missed is not None else []
        cols = [form, str(n), str(total), f"{ratio:.2f}", *miss, *map(str, at), status]
        print("\t".join(cols))


if __name__ == "__main__":
    main()
