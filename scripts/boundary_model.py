#!/usr/bin/env python3
"""Measures a learned content-boundary model for claims against PolNeAR (issue #15).

The question: can a small linear model, trained on PolNeAR train, choose each claim's content start
and end among candidate token boundaries better than the rules do, as counted by `evaluate
attributions`' content words-exact? This script answers it without touching the Rust code:

1. It re-implements the scorer of src/eval/attribution_score.rs (gold parsing, turn merging, a
   content holding its own tag read as two pieces, one-to-one greedy matching, words-exact), and
   prints the words-exact tp it gets from a run's claims.csv, to compare with `evaluate`'s figure.
2. Inter-annotator agreement: PolNeAR has several annotators for a few articles; each annotator is
   scored against each other one with the same matching, which bounds how exact boundaries can be.
3. Candidates: for each claim, token boundaries where a clause may start or end (sentence and
   paragraph edges, punctuation, conjunctions and subordinators, the cue) from the sentence before
   the claim's start to the sentence after its end, plus the rules' own choice. The oracle ceiling
   counts the matched claims whose gold bounds are among them.
4. Model: an averaged perceptron ranks the start candidates and, separately, the end candidates, over
   general features (the boundary's word class, the words beside it, distance from the rules' choice in
   buckets, sentence and paragraph crossings, quote marks or another claim's cue in between, claim
   kind and rule). A claim moves only when the best candidate beats the rules' choice by a margin.
   It is scored by 4-fold cross-validation over train's articles and trained on all of train for dev.

Usage (RUN folders from `claimgraph run SPLIT/text --out RUN`, which writes RUN/claims.csv):

    scripts/boundary_model.py TRAIN_SPLIT TRAIN_RUN/claims.csv DEV_SPLIT DEV_RUN/claims.csv \
        [--rules] [--write WEIGHTS.tsv]

`--rules` prints the cross-validated and dev gain per rule; `--write` writes the weights trained on
all of train (feature, weight; deterministic). Prints counts only, nothing from the articles.
Python 3.11 standard library only; deterministic (fixed article order and a seeded shuffle).
"""
import bisect
import collections
import csv
import os
import random
import re
import sys

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
    """The attributions of one brat file: content, source and cue pieces, content text."""
    text, m = normalize(raw), norm_map(raw)
    lines = open(path, encoding='utf-8').read().split('\n')
    spans, atts = {}, []
    for line in lines:
        f = line.split('\t')
        if line.startswith('T') and len(f) >= 3:
            offs = f[1].split(' ', 1)[1]
            spans[f[0]] = [tuple(map(int, p.split())) for p in offs.split(';')]
    for line in lines:
        if not line.startswith('E'):
            continue
        eid, args = line.split('\t', 1)
        roles = {'Content': [], 'Source': [], 'Cue': []}
        for a in args.split()[1:]:
            role, tid = a.split(':')
            roles[role.rstrip('0123456789')].extend(spans[tid])
        if not roles['Content']:
            continue
        def remap(p):
            return merge([(m[s], m[e]) for s, e in p] if m else p)
        content = remap(roles['Content'])
        atts.append(dict(id=eid, content=content, source=remap(roles['Source']),
                         text=' '.join(text[a:b] for a, b in content)))
    return atts


def load_gold(split):
    """{stem: {text, atts}} with the first annotator's file per article, as `evaluate` reads it."""
    adir = os.path.join(split, 'attributions')
    first = {}
    for n in sorted(os.listdir(adir)):
        if n.endswith('.ann'):
            first.setdefault(n[:-4].rsplit('_', 1)[0], n)
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
    """Words-exact share of matched pairs between annotators of the same article."""
    matched = exact = 0
    for split in splits:
        adir = os.path.join(split, 'attributions')
        groups = collections.defaultdict(list)
        for n in sorted(os.listdir(adir)):
            groups[n[:-4].rsplit('_', 1)[0]].append(n)
        for stem, names in sorted(groups.items()):
            if len(names) < 2:
                continue
            raw = open(os.path.join(split, 'text', stem + '.txt'), encoding='utf-8').read()
            anns = [read_ann(os.path.join(adir, n), raw) for n in names]
            for i, a in enumerate(anns):
                for j, b in enumerate(anns):
                    if i == j:
                        continue
                    preds = [dict(start=x['content'][0][0], end=x['content'][-1][1]) for x in b]
                    for gi, pi in match(a, preds):
                        matched += 1
                        exact += words(a[gi]['text']) == words(b[pi]['text'])
    return matched, exact

# --- candidates and features ----------------------------------------------------------------


TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
FUNCTION = set('''and but or nor so yet that which who whom whose where when while although though
because since if unless whereas as after before until once even than the a an of to in on for with by
at from about he she they it we i you his her their its this these those is was are were be been has
have had will would could should may might not no also said says say told according'''.split())
QUOTES = set('"“”‘’\'«»')
OPENS = set('''and but or that which who because if while although though when as since so whereas
unless after before until than where said says told according to'''.split())
NEXT_ENDS = OPENS | {'he', 'she', 'they'}


def wclass(w):
    """A word's class: itself if a function word, else its shape or punctuation."""
    if w is None:
        return 'NONE'
    if w.lower() in FUNCTION:
        return w.lower()
    if w in QUOTES:
        return 'Q'
    if w in '.!?':
        return 'END'
    if not w[0].isalnum():
        return w
    return 'DIG' if w[0].isdigit() else 'CAP' if w[0].isupper() else 'low'


def bucket(d):
    sign = '-' if d < 0 else '+'
    return sign + next((str(b) for b in (0, 1, 2, 3, 5, 8, 13, 21) if abs(d) <= b), 'many')


class Doc:
    """Tokens of a text with their sentence and paragraph numbers."""

    def __init__(self, text):
        self.text = text
        self.tk = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
        self.starts = [t[0] for t in self.tk]
        self.ends = [t[1] for t in self.tk]
        self.sid, self.para = [], []
        sid = para = 0
        for i, (s, _, _) in enumerate(self.tk):
            if i:
                pe, pw = self.tk[i - 1][1], self.tk[i - 1][2]
                gap = text[pe:s]
                ended = pw in '.!?' or (pw in QUOTES and i > 1 and self.tk[i - 2][2] in '.!?')
                if '\n' in gap:
                    para += 1
                if '\n' in gap or (ended and gap):
                    sid += 1
            self.sid.append(sid)
            self.para.append(para)

    def word(self, i):
        return self.tk[i][2] if 0 <= i < len(self.tk) else None

    def opens(self, i):
        """Whether a clause may start at token i."""
        if i == 0 or self.sid[i] != self.sid[i - 1]:
            return True
        pw, w = self.tk[i - 1][2], self.tk[i][2]
        return (not pw[0].isalnum() or wclass(pw) in OPENS
                or wclass(w) in ('that', 'which', 'who', 'because', 'if', 'while', 'although',
                                 'though', 'when', 'and', 'but'))

    def closes(self, i):
        """Whether a clause may end with token i."""
        if i == len(self.tk) - 1 or self.sid[i] != self.sid[i + 1]:
            return True
        nw, w = self.tk[i + 1][2], self.tk[i][2]
        return not nw[0].isalnum() or not w[0].isalnum() or wclass(nw) in NEXT_ENDS


def features(doc, c, i, cur, cue, other_cues, end):
    """Features of candidate boundary token i (a first token, or a last one when `end`)."""
    side = doc.word(i + 1) if end else doc.word(i - 1)
    cur_side = doc.word(cur + 1) if end else doc.word(cur - 1)
    d, rule, kind = i - cur, c['rule'], c['kind']
    lo, hi = (min(i, cur) + 1, max(i, cur) + 1) if end else (min(i, cur), max(i, cur))
    f = ['bias', 'cur=%d' % (i == cur), 'side=%s' % wclass(side), 'w=%s' % wclass(doc.word(i)),
         'w,side=%s,%s' % (wclass(doc.word(i)), wclass(side)), 'd=%s' % bucket(d),
         'kind,d=%s,%s' % (kind, bucket(d)), 'rule,cur=%s,%d' % (rule, i == cur),
         'rule,side=%s,%s' % (rule, wclass(side)), 'sent=%d' % (doc.sid[i] - doc.sid[cur]),
         'para=%d' % (doc.para[i] != doc.para[cur]),
         'quote_between=%d' % any(doc.tk[j][2] in QUOTES for j in range(lo, hi)),
         'cue_between=%d' % any(lo <= j < hi for j in other_cues), 'cur_side=%s' % wclass(cur_side)]
    if cue is not None:
        f.append('from_cue=%s' % bucket(i - cue))
    return f


# Rules whose contents the model leaves alone: moving them lost words-exact matches in
# cross-validation on train (a clause around its own tag, `according to`, labels).
KEEP_RULES = ('clause_then_cue', 'according_to', 'label')


def instances(gold, claims):
    """Per claim: its candidates (token, features, whether it gives the gold bound) for start and end."""
    _, rows = score(gold, claims)
    label = {id(p['claim']): g for _, g, p, _ in rows if len(g['content']) == 1 and len(p['members']) == 1}
    out = []
    for stem in gold:
        doc = Doc(gold[stem]['text'])
        cls = claims.get(stem, [])
        first = lambda pos: bisect.bisect_left(doc.starts, pos)
        cues = [first(c['cue'][0]) for c in cls if c['cue']]
        for c in cls:
            cs, ce = first(c['start']), bisect.bisect_right(doc.ends, c['end']) - 1
            if c['end'] <= c['start'] or cs >= len(doc.tk) or ce < cs:
                continue
            cue = first(c['cue'][0]) if c['cue'] else None
            others = [j for j in cues if j != cue]
            lo, hi = cs, ce
            while lo > 0 and doc.sid[lo - 1] >= doc.sid[cs] - 1:
                lo -= 1
            while hi + 1 < len(doc.tk) and doc.sid[hi + 1] <= doc.sid[ce] + 1:
                hi += 1
            g = label.get(id(c))
            t = doc.text
            def ok_start(i):
                if g is None:
                    return None
                s, gs = doc.tk[i][0], g['content'][0][0]
                return words(t[s:gs]) in ([], ['that'], ['That']) if s <= gs else not words(t[gs:s])
            def ok_end(i):
                if g is None:
                    return None
                e, ge = doc.tk[i][1], g['content'][0][1]
                return not words(t[min(e, ge):max(e, ge)])
            fixed = c['rule'] in KEEP_RULES
            S = [i for i in range(lo, ce + 1) if i == cs or (not fixed and doc.opens(i))]
            E = [i for i in range(cs, hi + 1) if i == ce or (not fixed and doc.closes(i))]
            out.append(dict(stem=stem, c=c, doc=doc, cs=cs, ce=ce,
                            S=[(i, features(doc, c, i, cs, cue, others, False), ok_start(i)) for i in S],
                            E=[(i, features(doc, c, i, ce, cue, others, True), ok_end(i)) for i in E]))
    return out


def train(data, key, epochs=5, seed=1):
    """Averaged perceptron ranking the candidates of `key` ('S' or 'E')."""
    w, total, stamp, t = collections.defaultdict(float), collections.defaultdict(float), {}, 0
    items = [d[key] for d in data if d['c']['rule'] not in KEEP_RULES and any(x[2] for x in d[key])]
    rnd = random.Random(seed)
    def bump(f, delta):
        total[f] += (t - stamp.get(f, 0)) * w[f]
        stamp[f] = t
        w[f] += delta
    for _ in range(epochs):
        rnd.shuffle(items)
        for cands in items:
            t += 1
            sc = [sum(w[f] for f in fs) for _, fs, _ in cands]
            best = max(range(len(cands)), key=lambda k: (sc[k], -k))
            if cands[best][2]:
                continue
            good = max((k for k in range(len(cands)) if cands[k][2]), key=lambda k: (sc[k], -k))
            for f in cands[good][1]:
                bump(f, 1.0)
            for f in cands[best][1]:
                bump(f, -1.0)
    for f in list(w):
        bump(f, 0.0)
    return {f: total[f] / t for f in sorted(w) if total[f]}


def apply(data, ws, we, margin):
    """Claims by document with the model's bounds where they beat the rules' by `margin`."""
    out = collections.defaultdict(list)
    def pick(cands, w, cur):
        sc = {i: sum(w.get(f, 0.0) for f in fs) for i, fs, _ in cands}
        best = max(sc, key=lambda i: (sc[i], -abs(i - cur)))
        return best if sc[best] > sc[cur] + margin else cur
    for d in data:
        c = dict(d['c'])
        si = pick(d['S'], ws, d['cs'])
        ends = [x for x in d['E'] if x[0] >= si]
        ei = pick(ends, we, d['ce']) if any(x[0] == d['ce'] for x in ends) else d['ce']
        if si <= ei:
            c['start'], c['end'] = d['doc'].tk[si][0], d['doc'].tk[ei][1]
        out[d['stem']].append(c)
    return out


def by_rule(rows):
    n = collections.Counter()
    for _, _, p, ex in rows:
        n[p['rule']] += ex
    return n


def main():
    args = sys.argv[1:]
    show_rules = '--rules' in args
    write = args[args.index('--write') + 1] if '--write' in args else None
    train_split, train_claims, dev_split, dev_claims = [a for a in args if not a.startswith('--') and a != write][:4]
    margin, folds = 4.0, 4
    gt, ct = load_gold(train_split), load_claims(train_claims)
    gd, cd = load_gold(dev_split), load_claims(dev_claims)
    base_t, rows_t = score(gt, ct)
    base_d, rows_d = score(gd, cd)
    print('words-exact tp (compare `evaluate attributions`): train %d of %d matched, dev %d of %d'
          % (base_t, len(rows_t), base_d, len(rows_d)))
    m, e = agreement([train_split, dev_split])
    print('inter-annotator words-exact: %d of %d matched pairs = %.3f (rules: train %.3f, dev %.3f)'
          % (e, m, e / m, base_t / len(rows_t), base_d / len(rows_d)))
    dt, dd = instances(gt, ct), instances(gd, cd)
    for name, data, base in (('train', dt, base_t), ('dev', dd, base_d)):
        both = sum(1 for d in data if any(x[2] for x in d['S']) and any(x[2] for x in d['E']))
        now = sum(1 for d in data if any(x[2] and x[0] == d['cs'] for x in d['S'])
                  and any(x[2] and x[0] == d['ce'] for x in d['E']))
        print('oracle %s: gold bounds among the candidates for %d single-piece matched claims, '
              'the rules have %d: ceiling +%d' % (name, both, now, both - now))
    stems = sorted(gt)
    cv_gain, cv_rules = 0, collections.Counter()
    for f in range(folds):
        test = set(stems[f::folds])
        fit = [d for d in dt if d['stem'] not in test]
        ws, we = train(fit, 'S'), train(fit, 'E')
        g = {s: gt[s] for s in stems if s in test}
        before, rb = score(g, {s: ct.get(s, []) for s in test})
        after, ra = score(g, apply([d for d in dt if d['stem'] in test], ws, we, margin))
        cv_gain += after - before
        cv_rules.update(by_rule(ra))
        cv_rules.subtract(by_rule(rb))
    ws, we = train(dt, 'S'), train(dt, 'E')
    after_d, ra_d = score(gd, apply(dd, ws, we, margin))
    print('model (margin %.0f): train %d-fold cross-validated words-exact %+d, dev %+d (%d -> %d)'
          % (margin, folds, cv_gain, after_d - base_d, base_d, after_d))
    if show_rules:
        dev_rules = by_rule(ra_d)
        dev_rules.subtract(by_rule(rows_d))
        for r in sorted(set(cv_rules) | set(dev_rules)):
            if cv_rules[r] or dev_rules[r]:
                print('  %-20s train cv %+5d  dev %+4d' % (r, cv_rules[r], dev_rules[r]))
    if write:
        with open(write, 'w', encoding='utf-8') as out:
            for key, w in (('start', ws), ('end', we)):
                for f in sorted(w):
                    out.write('%s\t%s\t%.6f\n' % (key, f, w[f]))


if __name__ == '__main__':
    main()
