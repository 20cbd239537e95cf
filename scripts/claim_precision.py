#!/usr/bin/env python3
"""Precision of claims.csv's claims on a gold attribution corpus, by rule and by confidence.

    scripts/claim_precision.py [GOLD_DIR] [--bin BIN] [--gazetteers DIR]
    scripts/claim_precision.py --claims CLAIMS_CSV --errors ERRORS_CSV --eval EVAL_TXT

GOLD_DIR defaults to ../shared/eval/polnear/train (calibrate on train; read dev only to check). The
first form runs BIN (default target/release/claimgraph) twice into a temporary folder: `run` over
GOLD_DIR/text for claims.csv, and `evaluate attributions GOLD_DIR --errors` for the scorer's verdicts
and figures; the second form reads those three files (the figures as `evaluate attributions`
printed them) from an earlier run of the same binary on the same split.

The claims are grouped into the predictions the scorer scored, as `evaluate attributions` groups them
(src/eval/attributions.rs, predictions_with_members): a direct claim with the same speaker span and
cue span as the direct or mixed claim that opened one of the four turns before it (the last such) is
merged into that turn, whose content is the envelope of its claims. Each claim is given the verdict of
its turn, read off the errors file's row for the turn's content span: `spurious` (it matches no gold
content), `content` (it matches one), of those `content+speaker` (no `wrong_speaker` row) and `exact`
(no `inexact_content` row: words-exact). A turn the errors file names in no row is a match with the
right speaker and exact content. The turns' totals (predictions, content+speaker and words-exact
matches) are checked against the scorer's figures: the script stops with an error when they differ,
as its shares would then not be the scorer's.

It prints, for each rule (the `rule` column; a rule with several rows in README's table shares one
name) and then for each rule confidence: the claims, and the share of them that match content,
content+speaker and words-exact, with the speakers typed `unresolved` counted apart. The confidence
table keys a claim by its rule's confidence: an unresolved speaker's claim, whose `confidence` column
is x0.8, at the column / 0.8 when a claim with a resolved speaker has that value (a continuation
keeps 0.8 whatever its speaker, and stays at 0.8). It marks with `<` a confidence whose
content+speaker share is below that of a lower one, both of at least MIN_FLAGGED claims: the rule
confidences do not order claims by precision there. A calibrated confidence would be a rule's
content+speaker share on train (`cs` below), rounded to 0.05, and the unresolved factor that share
over the resolved one; the column is not changed by this script, and a change to it is measured
before it lands (claims.csv's bytes change on every corpus).
"""

import argparse
import csv
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path


# The least claims a confidence and the lower one it is compared with have for a `<` mark: below
# it, a share differs from another by chance as much as by calibration.
MIN_FLAGGED = 30

# What claims.csv's confidence is for a claim whose speaker is unresolved (src/claims/rules/mod.rs).
UNRESOLVED_FACTOR = 0.8


def verdicts(errors_csv):
    """Per document, the scored predictions' content spans (code points) with the error kinds of
    each: {doc: {(start, end): set of kinds}}."""
    out = defaultdict(lambda: defaultdict(set))
    with open(errors_csv, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["pred_start"]:
                out[r["doc"]][(int(r["pred_start"]), int(r["pred_end"]))].add(r["kind"])
    return out


class Turn:
    """One scored prediction: the claims merged into it, and the key the merge compares."""

    def __init__(self, c):
        self.doc, self.kind = c["doc_id"], c["kind"]
        self.speaker = (c["speaker_start"], c["speaker_end"])
        self.cue = (c["cue_start"], c["cue_end"])
        self.start, self.end = int(c["start"]), int(c["end"])
        self.claims = [c]


def turns(claims_csv):
    """The claims of `claims_csv` grouped into the scorer's predictions, in order."""
    out = []
    with open(claims_csv, newline="", encoding="utf-8") as f:
        by_doc = defaultdict(list)
        for c in csv.DictReader(f):
            by_doc[c["doc_id"]].append(c)
    for claims in by_doc.values():
        doc_turns = []
        for c in claims:
            opener = next((t for t in reversed(doc_turns[-4:])
                           if t.kind in ("direct", "mixed")), None)
            if (opener and c["kind"] == "direct"
                    and opener.speaker == (c["speaker_start"], c["speaker_end"])
                    and opener.cue == (c["cue_start"], c["cue_end"])):
                opener.claims.append(c)
                opener.end = int(c["end"])
            else:
                doc_turns.append(Turn(c))
        out.extend(doc_turns)
    return out


def judged(claims_csv, errors_csv):
    """Every claim of `claims_csv` as (rule, confidence, unresolved, kinds): the error kinds of
    its turn (empty: matched, right speaker, exact); and the turns' kinds."""
    spans = verdicts(errors_csv)
    rows, turn_kinds = [], []
    for t in turns(claims_csv):
        kinds = spans[t.doc].pop((t.start, t.end), set())
        turn_kinds.append(kinds)
        for c in t.claims:
            rows.append((c["rule"], c["confidence"], c["speaker_type"] == "unresolved", kinds))
    left = sum(len(d) for d in spans.values())
    if left:
        sys.exit(f"claim_precision: {left} scored predictions of the errors file are no turn of "
                 "the claims file (not the same run?)")
    return rows, turn_kinds


def scorer_figures(eval_txt):
    """The scorer's (tp, fp) for `all` content+speaker and words-exact, from its printed table."""
    figures = {}
    for line in Path(eval_txt).read_text(encoding="utf-8").splitlines():
        f = line.split()
        if len(f) == 8 and f[0] == "all":
            figures[f[1]] = (int(f[5]), int(f[6]))
    missing = {"content+speaker", "words-exact"} - figures.keys()
    if missing:
        sys.exit(f"claim_precision: no `all` {', '.join(sorted(missing))} row in {eval_txt}")
    return figures


def check_totals(turn_kinds, figures):
    """Stops with an error when the turns' totals are not the scorer's."""
    n = len(turn_kinds)
    ours = {
        "content+speaker": sum(not k & {"spurious", "wrong_speaker"} for k in turn_kinds),
        "words-exact": sum(not k & {"spurious", "inexact_content"} for k in turn_kinds),
    }
    for match, tp in ours.items():
        if (tp, n - tp) != figures[match]:
            sys.exit(f"claim_precision: {match}: {tp} matched of {n} predictions here, "
                     f"{figures[match][0]} of {sum(figures[match])} by evaluate attributions")


def base_confidence(conf, unresolved, resolved_values):
    """The rule confidence a claim's `confidence` column comes from (see the module's doc)."""
    if unresolved:
        base = f"{float(conf) / UNRESOLVED_FACTOR:.2f}"
        if base in resolved_values:
            return base
    return conf


class Tally:
    """Claims and their matches: content, content+speaker, words-exact."""

    def __init__(self):
        self.n = self.content = self.cs = self.exact = 0

    def add(self, kinds):
        self.n += 1
        if "spurious" in kinds:
            return
        self.content += 1
        self.cs += "wrong_speaker" not in kinds
        self.exact += "inexact_content" not in kinds

    def share(self, k):
        return k / self.n if self.n else float("nan")

    def cells(self):
        return (
            f"{self.n:6d} {self.share(self.content):7.3f} {self.share(self.cs):7.3f}"
            f" {self.share(self.exact):7.3f}"
        )


def table(title, groups, key_width, order, mark=None):
    print(f"{title:{key_width}s} {'claims':>6s} {'content':>7s} {'cs':>7s} {'exact':>7s}"
          f"   {'unres.':>6s} {'cs':>7s}")
    for key in order:
        whole, unresolved = groups[key]
        flag = mark(key) if mark else ""
        unres = (f"{unresolved.n:6d} {unresolved.share(unresolved.cs):7.3f}"
                 if unresolved.n else f"{0:6d} {'-':>7s}")
        print(f"{key:{key_width}s} {whole.cells()}   {unres} {flag}")
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", default="../shared/eval/polnear/train")
    ap.add_argument("--bin", default="target/release/claimgraph")
    ap.add_argument("--gazetteers", default="gazetteers")
    ap.add_argument("--claims")
    ap.add_argument("--errors")
    ap.add_argument("--eval")
    a = ap.parse_args()
    if len({bool(a.claims), bool(a.errors), bool(a.eval)}) > 1:
        sys.exit("--claims, --errors and --eval go together")
    with tempfile.TemporaryDirectory() as tmp:
        claims, errors, eval_txt = a.claims, a.errors, a.eval
        if not claims:
            claims, errors = Path(tmp, "out", "claims.csv"), Path(tmp, "errors.csv")
            eval_txt = Path(tmp, "eval.txt")
            gaz = ["--gazetteers", a.gazetteers]
            subprocess.run([a.bin, "run", str(Path(a.gold, "text")), "--out",
                            str(Path(tmp, "out")), "--quiet", *gaz],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            with open(eval_txt, "w", encoding="utf-8") as out:
                subprocess.run([a.bin, "evaluate", "attributions", a.gold, "--errors",
                                str(errors), *gaz], check=True, stdout=out,
                               stderr=subprocess.DEVNULL)
        rows, turn_kinds = judged(claims, errors)
        check_totals(turn_kinds, scorer_figures(eval_txt))
    by_rule = defaultdict(lambda: (Tally(), Tally()))
    by_conf = defaultdict(lambda: (Tally(), Tally()))
    total = (Tally(), Tally())
    resolved_values = {conf for _, conf, unresolved, _ in rows if not unresolved}
    for rule, conf, unresolved, kinds in rows:
        conf = base_confidence(conf, unresolved, resolved_values)
        for groups in (by_rule[rule], by_conf[conf], total):
            groups[0].add(kinds)
            if unresolved:
                groups[1].add(kinds)
    by_rule["(all)"] = total
    rules = sorted((r for r in by_rule if r != "(all)"), key=lambda r: -by_rule[r][0].share(
        by_rule[r][0].cs)) + ["(all)"]
    table("rule", by_rule, 20, rules)
    confs = sorted(by_conf, key=float, reverse=True)

    def inverted(c):
        whole = by_conf[c][0]
        if whole.n < MIN_FLAGGED:
            return ""
        lower = [by_conf[d][0] for d in confs if float(d) < float(c)]
        return "<" if any(d.n >= MIN_FLAGGED and d.share(d.cs) > whole.share(whole.cs)
                          for d in lower) else ""

    table("confidence", by_conf, 20, confs, inverted)


if __name__ == "__main__":
    main()
