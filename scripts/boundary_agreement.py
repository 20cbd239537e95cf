#!/usr/bin/env python3
"""Measures how exactly annotators bound attribution contents in PolNeAR (issue #15).

The content-boundary model itself is Rust (src/claims/boundaries.rs, trained by `claimgraph train
boundaries`); this script measures what the program does not:

1. It re-implements the scorer of src/eval/attribution_score.rs (gold parsing, turn merging, a
   content holding its own tag read as two pieces, one-to-one greedy matching, words-exact), and
   prints the words-exact tp it gets from a run's claims.csv, to compare with `evaluate`'s figure.
2. Inter-annotator agreement: PolNeAR has several annotators for a few articles; each annotator is
   scored against each other one with the same matching, which bounds how exact boundaries can be.

Usage (RUN folders from `claimgraph run SPLIT/text --out RUN`, which writes RUN/claims.csv):

    scripts/boundary_agreement.py TRAIN_SPLIT TRAIN_RUN/claims.csv DEV_SPLIT DEV_RUN/claims.csv

Prints counts only, nothing from the articles. Python 3.11 standard library only; deterministic.
"""
import collections
import csv
import os
import re
import sys

import brat

csv.field_size_limit(10**9)

# --- the scorer (a replica of src/eval) -------------------------------------------------------


def normalize(raw):
    """The text as the pipeline reads it: no BOM, no carriage returns."""
    if raw.startswith('\ufeff'):
        raw = raw[1:]
    return raw.replace('\r\n', '\n').replace('\r', '\n')


def norm_map(raw):
    """Maps raw code-point offsets to normalised ones, or None when nothing changes."""
    if not raw.startswith('\ufeff') and '\r' not in raw:
        return None
    m, kept = [], 0
    for i, c in enumerate(raw):
        m.append(kept)
        if (i == 0 and c == '\ufeff') or (c == '\r' and raw[i + 1:i + 2] == '\n'):
            continue
        kept += 1
    m.append(kept)
    return m


def merge(pieces):
    out = []
    for s, e in sorted(pieces):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def read_ann(path, raw):
    """The attributions of one brat file: content and source pieces, content text."""
    text, m = normalize(raw), norm_map(raw)

    def remap(p):
        return merge([(m[s], m[e]) for s, e in p] if m else p)

    atts = []
    for roles in brat.events(path):
        pieces = {r: [p for _, ps in roles.get(r, []) for p in ps] for r in ('Content', 'Source')}
        if not pieces['Content']:
            continue
        content = remap(pieces['Content'])
        atts.append(dict(content=content, source=remap(pieces['Source']),
                         text=' '.join(text[a:b] for a, b in content)))
    return atts


def load_gold(split):
    """{stem: {text, atts}} with the first annotator's file per article, as `evaluate` reads it."""
    adir = os.path.join(split, 'attributions')
    first = brat.first_annotator_files(adir)
    docs = {}
    for n in sorted(os.listdir(os.path.join(split, 'text'))):
        stem = n[:-4]
        raw = open(os.path.join(split, 'text', n), encoding='utf-8').read()
        docs[stem] = dict(text=normalize(raw), atts=read_ann(os.path.join(adir, first[stem]), raw))
    return docs


def load_claims(path):
    """claims.csv rows by document: kind, content, speaker and cue offsets (code points), rule."""
    def span(r, k):
        return (int(r[k + '_start']), int(r[k + '_end'])) if r[k + '_start'] else None
    out = collections.defaultdict(list)
    for r in csv.DictReader(open(path, encoding='utf-8')):
        out[r['doc_id']].append(dict(kind=r['kind'], start=int(r['start']), end=int(r['end']),
                                     sp=span(r, 'speaker'), cue=span(r, 'cue'), rule=r['rule']))
    return out


def own_pieces(text, c):
    """src/eval/attributions.rs own_pieces: a content holding its own tag is the two sides."""
    s, e, sp, cue = c['start'], c['end'], c['sp'], c['cue']
    if sp is None and cue is not None:
        before, after = text[s:max(cue[0], s)].rstrip(), text[min(cue[1], e):e].lstrip()
        if cue[0] > s and cue[1] < e and before and after:
            return [(s, s + len(before)), (e - len(after), e)]
        return [(s, e)]
    if sp is None or cue is None:
        return [(s, e)]
    ts, te = min(sp[0], cue[0]), max(sp[1], cue[1])
    if ts <= s or te >= e:
        return [(s, e)]
    b, a = text[s:ts].rstrip(), text[te:e].lstrip()
    b = b[:-1].rstrip() if b.endswith(',') else b
    a = a[1:].lstrip() if a.startswith(',') else a
    return [(s, s + len(b)), (e - len(a), e)] if b and a else [(s, e)]


def predictions(text, claims):
    """src/eval/attributions.rs predictions: a direct claim continuing a turn joins it."""
    turns = []
    for c in claims:
        last = next((t for t in reversed(turns[-4:]) if t[1]['kind'] in ('direct', 'mixed')), None)
        if last and c['kind'] == 'direct' and last[1]['sp'] == c['sp'] and last[1]['cue'] == c['cue']:
            last[0].extend(own_pieces(text, c))
            last[2].append(c)
        else:
            turns.append((own_pieces(text, c), c, [c]))
    out = []
    for pieces, c, members in turns:
        s, e = pieces[0][0], pieces[-1][1]
        wt = ' '.join(text[a:b] for a, b in pieces) if len(pieces) > 1 else text[s:e]
        out.append(dict(start=s, end=e, sp=c['sp'], wtext=wt, rule=c['rule'], claim=c,
                        members=members))
    return out


def words(t):
    """attribution_score.rs content_words."""
    w = [x for x in re.split(r'[\W_]', t) if x]
    return w[1:] if w and w[0].lower() == 'that' else w


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(gold, pred):
    """One-to-one greedy matching, largest overlap first (prf.rs match_one_to_one)."""
    cands = []
    for gi, g in enumerate(gold):
        glen = sum(b - a for a, b in g['content'])
        for pi, p in enumerate(pred):
            ov = sum(overlap(x, (p['start'], p['end'])) for x in g['content'])
            if ov > 0 and 2 * ov >= min(glen, p['end'] - p['start']):
                cands.append((-ov, g['content'][0][0], p['start'], gi, pi))
    used_g, used_p, pairs = set(), set(), []
    for _, _, _, gi, pi in sorted(cands):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def score(gold, claims):
    """(words-exact tp, matched pairs as (stem, gold, prediction, exact))."""
    rows = []
    for stem, d in gold.items():
        preds = predictions(d['text'], claims.get(stem, []))
        for gi, pi in match(d['atts'], preds):
            g, p = d['atts'][gi], preds[pi]
            rows.append((stem, g, p, words(g['text']) == words(p['wtext'])))
    return sum(r[3] for r in rows), rows


def agreement(splits):
    """Annotators of the same article scored against each other, every ordered pair, with the same
    matching: (matched pairs, words-exact pairs, attributions of all the pairs' sides). The
    attributions count twice per pair (once as gold, once as prediction), so 2·matched/attributions
    is their content F1 and 2·exact/attributions their words-exact F1."""
    matched = exact = total = 0
    for split in splits:
        adir = os.path.join(split, 'attributions')
        for stem, names in sorted(brat.annotator_files(adir).items()):
            if len(names) < 2:
                continue
            raw = open(os.path.join(split, 'text', stem + '.txt'), encoding='utf-8').read()
            anns = [read_ann(os.path.join(adir, n), raw) for n in names]
            for i, a in enumerate(anns):
                for j, b in enumerate(anns):
                    if i == j:
                        continue
                    preds = [dict(start=x['content'][0][0], end=x['content'][-1][1]) for x in b]
                    total += len(a) + len(b)
                    for gi, pi in match(a, preds):
                        matched += 1
                        exact += words(a[gi]['text']) == words(b[pi]['text'])
    return matched, exact, total


def main():
    train_split, train_claims, dev_split, dev_claims = sys.argv[1:5]
    gt, ct = load_gold(train_split), load_claims(train_claims)
    gd, cd = load_gold(dev_split), load_claims(dev_claims)
    base_t, rows_t = score(gt, ct)
    base_d, rows_d = score(gd, cd)
    print('words-exact tp (compare `evaluate attributions`): train %d of %d matched, dev %d of %d'
          % (base_t, len(rows_t), base_d, len(rows_d)))
    m, e, total = agreement([train_split, dev_split])
    print('inter-annotator words-exact: %d of %d matched pairs = %.3f (rules: train %.3f, dev %.3f)'
          % (e, m, e / m, base_t / len(rows_t), base_d / len(rows_d)))
    print('inter-annotator F1 (annotators scored against each other): content %.3f, words-exact %.3f'
          % (2 * m / total, 2 * e / total))


if __name__ == '__main__':
    main()
