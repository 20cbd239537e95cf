#!/usr/bin/env python3
"""Entities to judge by hand: a seeded random sample of discovered candidates, or the most frequent.

    target/release/claimgraph run ../shared/corpora/bbc-news --out /tmp/bbc
    scripts/entity_sample.py /tmp/bbc --random 50 --seed 16
    scripts/entity_sample.py /tmp/bbc --top 50

OUT_DIR is the output folder of one `claimgraph run`. It prints one numbered block per entity:

  --random N --seed S  N rows of candidates.csv (the entities discovered by rules, not gazetteer
                       entries) drawn with Python's random.Random(S).sample from the rows in id order,
                       so the same run and seed give the same sample;
  --top N              the N entities of entities.csv with the most mentions (ties by id), gazetteer
                       entries included.

Each block gives the entity's label, type, source (rule or gazetteer file), mentions and documents,
its external ids, and its first mention in context, the mention's span between [[ and ]], read from the
document (documents.csv names its path; offsets are code points into the text with a byte-order mark
stripped and CRLF as LF, as claimgraph reads it). A judge marks each block right when the span is the
whole name and the type is right, and records the verdicts with the seed and the commit
(docs/entity-precision.md).
"""

import argparse
import csv
import random
import sys
from pathlib import Path

# Characters of context shown on either side of a mention, cut at a line end.
CONTEXT = 110


def read_csv(folder, name):
    """Rows of one output table as dicts."""
    with open(folder / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def document_text(path):
    """A document's text as claimgraph reads a .txt file: BOM stripped, CRLF and lone CR as LF."""
    text = Path(path).read_text(encoding="utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def in_context(text, start, end):
    """The mention between [[ and ]], with up to CONTEXT characters either side on its line."""
    left = text[max(0, start - CONTEXT) : start].rsplit("\n", 1)[-1]
    right = text[end : end + CONTEXT].split("\n", 1)[0]
    return f"{left}[[{text[start:end]}]]{right}"


def first_mentions(folder):
    """Each entity's first mention (in mentions.csv order) as (doc_id, start, end)."""
    first = {}
    for m in read_csv(folder, "mentions.csv"):
        if m["entity_id"] and m["entity_id"] not in first:
            first[m["entity_id"]] = (m["doc_id"], int(m["start"]), int(m["end"]))
    return first


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir", type=Path, help="output folder of one claimgraph run")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--random", type=int, metavar="N", help="N seeded random discovered candidates")
    which.add_argument("--top", type=int, metavar="N", help="the N entities with the most mentions")
    parser.add_argument("--seed", type=int, help="seed of the random sample (required with --random)")
    args = parser.parse_args()

    entities = {e["Id"]: e for e in read_csv(args.out_dir, "entities.csv")}
    if args.random is not None:
        if args.seed is None:
            parser.error("--random needs --seed")
        candidates = sorted(read_csv(args.out_dir, "candidates.csv"), key=lambda c: c["id"])
        if args.random > len(candidates):
            parser.error(f"only {len(candidates)} candidates")
        chosen = [c["id"] for c in random.Random(args.seed).sample(candidates, args.random)]
        print(f"# {args.random} of {len(candidates)} discovered candidates, seed {args.seed}")
    else:
        ranked = sorted(entities.values(), key=lambda e: (-int(e["mentions"]), e["Id"]))
        chosen = [e["Id"] for e in ranked[: args.top]]
        print(f"# the {len(chosen)} of {len(entities)} entities with the most mentions")

    paths = {d["doc_id"]: d["path"] for d in read_csv(args.out_dir, "documents.csv")}
    first = first_mentions(args.out_dir)
    texts = {}
    for n, entity_id in enumerate(chosen, 1):
        e = entities.get(entity_id)
        if e is None:
            sys.exit(f"{entity_id} is a candidate but not in entities.csv")
        print(f"\n{n:2}. {e['Label']}  [{e['type']}]  {e['source']}  "
              f"mentions={e['mentions']} documents={e['documents']}")
        if e["aliases"]:
            print(f"    aliases: {e['aliases']}")
        if e["external_ids"]:
            print(f"    ids: {e['external_ids']}")
        if entity_id in first:
            doc, start, end = first[entity_id]
            if doc not in texts:
                texts[doc] = document_text(paths[doc])
            print(f"    {doc}: {in_context(texts[doc], start, end)}")


if __name__ == "__main__":
    main()
