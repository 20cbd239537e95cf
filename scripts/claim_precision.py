#!/usr/bin/env python3
"""Precision of claims.csv's claims on a gold attribution corpus, by rule and by confidence.

    scripts/claim_precision.py [GOLD_DIR] [--bin BIN] [--gazetteers DIR]
    scripts/claim_precision.py --claims CLAIMS_CSV --errors ERRORS_CSV

GOLD_DIR defaults to ../shared/eval/polnear/train (calibrate on train; read dev only to check). The
first form runs BIN (default target/release/claimgraph) twice into a temporary folder: `run` over
GOLD_DIR/text for claims.csv, and `evaluate attributions GOLD_DIR --errors` for the scorer's verdicts;
the second form reads those two files from an earlier run of the same binary on the same split.

Each claim of claims.csv is given the verdict of the scored prediction whose content span holds it
(a continued quote is scored with the turn it continues, as `evaluate attributions` merges them):
`spurious` (it matches no gold content), `content` (it matches one), of those `content+speaker` (no
`wrong_speaker` row) and `exact` (no `inexact_content` row: words-exact). A claim the errors file
names in no row is a match with the right speaker and exact content.

It prints, for each rule (the `rule` column; a rule with several rows in README's table shares one
name) and then for each value of the `confidence` column: the claims, and the share of them that
match content, content+speaker and words-exact, with the speakers typed `unresolved` counted apart
(the column is x0.8 for them). The confidence table marks with `<` a value whose content+speaker
share is below that of a lower value: the column does not order claims by precision there. A
calibrated confidence would be a rule's content+speaker share on train (`cs` below), rounded to
0.05, and the unresolved factor that share over the resolved one; the column is not changed by this
script, and a change to it is measured before it lands (claims.csv's bytes change on every corpus).
"""

import argparse
import csv
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path


def verdicts(errors_csv):
    """Per document, the scored predictions' content spans (code points) with the error kinds of
    each: {doc: {(start, end): set of kinds}}."""
    out = defaultdict(lambda: defaultdict(set))
    with open(errors_csv, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["pred_start"]:
                out[r["doc"]][(int(r["pred_start"]), int(r["pred_end"]))].add(r["kind"])
    return out


def judged(claims_csv, errors_csv):
    """Every claim of `claims_csv` as (rule, confidence, unresolved, kinds): the error kinds of the
    scored prediction that holds it (empty: matched, right speaker, exact)."""
    spans = verdicts(errors_csv)
    rows = []
    with open(claims_csv, newline="", encoding="utf-8") as f:
        for c in csv.DictReader(f):
            start, end = int(c["start"]), int(c["end"])
            kinds = set()
            for (ps, pe), k in spans[c["doc_id"]].items():
                if ps <= start and end <= pe:
                    kinds |= k
            rows.append((c["rule"], c["confidence"], c["speaker_type"] == "unresolved", kinds))
    return rows


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
    a = ap.parse_args()
    if bool(a.claims) != bool(a.errors):
        sys.exit("--claims and --errors go together")
    with tempfile.TemporaryDirectory() as tmp:
        claims, errors = a.claims, a.errors
        if not claims:
            claims, errors = Path(tmp, "out", "claims.csv"), Path(tmp, "errors.csv")
            gaz = ["--gazetteers", a.gazetteers]
            subprocess.run([a.bin, "run", str(Path(a.gold, "text")), "--out",
                            str(Path(tmp, "out")), "--quiet", *gaz],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            subprocess.run([a.bin, "evaluate", "attributions", a.gold, "--errors", str(errors),
                            *gaz], check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        rows = judged(claims, errors)
    by_rule = defaultdict(lambda: (Tally(), Tally()))
    by_conf = defaultdict(lambda: (Tally(), Tally()))
    total = (Tally(), Tally())
    for rule, conf, unresolved, kinds in rows:
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
        cs = by_conf[c][0].share(by_conf[c][0].cs)
        lower = [d for d in confs if float(d) < float(c)]
        return "<" if any(by_conf[d][0].share(by_conf[d][0].cs) > cs for d in lower) else ""

    table("confidence", by_conf, 20, confs, inverted)


if __name__ == "__main__":
    main()
