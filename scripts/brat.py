"""Reading PolNeAR's brat standoff attribution files: shared by the scripts in this folder.

A PolNeAR split holds `text/<stem>.txt` and `attributions/<stem>_<annotator>.ann`. Text-bound lines
(`T1<TAB>Cue 10 14;20 25<TAB>…`) give a label and pieces as (start, end) code-point offsets into the
raw text; event lines (`E1<TAB>Attribution:T3 Source:T1 Cue:T2 Content:T4`) tie roles to them, a
role repeated with a number (`Source2:T7`). `claimgraph evaluate attributions` reads the first
annotator's file of each article (by name); `first_annotator_files` chooses the same one.
Python 3 standard library only.
"""
import argparse
import os


def first_annotator_files(ann_dir):
    """{stem: file name} of one .ann file per article in `ann_dir`: the first by name."""
    chosen = {}
    for name in sorted(os.listdir(ann_dir)):
        if name.endswith(".ann"):
            chosen.setdefault(name[:-4].rsplit("_", 1)[0], name)
    return chosen


def annotator_files(ann_dir):
    """{stem: [file names]}: every annotator's .ann file of each article, sorted by name."""
    groups = {}
    for name in sorted(os.listdir(ann_dir)):
        if name.endswith(".ann"):
            groups.setdefault(name[:-4].rsplit("_", 1)[0], []).append(name)
    return groups


def events(ann_path):
    """Every event of a brat file, in file order, as {role: [(label, pieces), …]}: the role's
    number dropped (`Source2` is a `Source`), its spans in the order the event lists them."""
    for _, roles in events_with_ids(ann_path):
        yield roles


def events_with_ids(ann_path):
    """Every event of a brat file as (event id, roles), as `events` reads them: the id (`E3`) is
    the `gold_id` column of `claimgraph evaluate attributions --errors`."""
    with open(ann_path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    spans = {}
    for line in lines:
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (label, [tuple(map(int, p.split())) for p in offsets.split(";")])
    for line in lines:
        if not line.startswith("E"):
            continue
        roles = {}
        eid, _, args = line.partition("\t")
        for arg in args.split()[1:]:
            role, _, tid = arg.partition(":")
            if tid in spans:
                roles.setdefault(role.rstrip("0123456789"), []).append(spans[tid])
        yield eid, roles


def split_arguments(doc, min_count):
    """An argument parser for a script that counts a gold split beside a second one: GOLD_DIR
    (default ../shared/eval/polnear/train beside the repository), its `--errors` file, `--also` (a
    second split, such as dev, counted beside it and never used to choose) with `--also-errors`,
    and `--min-count` (default `min_count`). The script adds its own options."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("gold", nargs="?", default=os.path.join(root, "../shared/eval/polnear/train"))
    ap.add_argument("--errors", help="evaluate attributions --errors file of GOLD_DIR")
    ap.add_argument("--also", help="a second split counted beside the first (dev)")
    ap.add_argument("--also-errors", help="the --errors file of the second split")
    ap.add_argument("--min-count", type=int, default=min_count)
    return ap
