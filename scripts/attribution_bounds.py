#!/usr/bin/env python3
# Boundary classes of the inexact contents of `claimgraph evaluate attributions`: for each
# inexact_content row of the error CSV, whether the predicted content starts later or earlier than
# the gold (and, when later, whether the gold holds the prediction's cue: an outer attribution, or
# a direct quote inside a clause) and ends later or earlier, counted by class; with a class name,
# lists its rows (the words between the two bounds, rule, kind, predicted and gold content).
#
#   claimgraph evaluate attributions SPLIT --errors ERR.csv
#   claimgraph run SPLIT/text --out RUN
#   scripts/attribution_bounds.py SPLIT ERR.csv RUN/claims.csv [CLASS [N]]
#
# SPLIT is a PolNeAR split folder (../shared/eval/polnear/train); prints nothing from the articles
# into the repository.
import csv, sys, re, collections, os
corpus, errs, claims = sys.argv[1:4]
show = sys.argv[4] if len(sys.argv) > 4 else None
texts = {}
def text(doc):
    if doc not in texts:
        texts[doc] = open(os.path.join(corpus, 'text', doc + '.txt'), encoding='utf-8').read()
    return texts[doc]
cl = {}
for r in csv.DictReader(open(claims, encoding='utf-8')):
    cl[(r['doc_id'], int(r['start']))] = r
W = re.compile(r'\w+')
def words(s): return W.findall(s)
classes = collections.Counter(); ex = collections.defaultdict(list)
for r in csv.DictReader(open(errs, encoding='utf-8')):
    if r['kind'] != 'inexact_content': continue
    t = text(r['doc'])
    gs, ge, ps, pe = int(r['gold_start']), int(r['gold_end']), int(r['pred_start']), int(r['pred_end'])
    c = cl.get((r['doc'], ps))
    cs = int(c['cue_start']) if c and c['cue_start'] else None
    a = words(t[min(gs,ps):max(gs,ps)]); b = words(t[min(ge,pe):max(ge,pe)])
    if len(a) == 1 and a[0].lower() == 'that' and ps > gs: a = []
    ks = []
    rule = r['pred_rule']; kind = r['pred_kind']
    if a:
        if ps > gs:
            if cs is not None and gs <= cs < ge: k = 'start_later:gold_holds_cue'
            elif kind == 'direct': k = 'start_later:direct_in_clause(mixed)'
            elif cs is not None and cs > pe: k = 'start_later:content_before_cue'
            else: k = 'start_later:other'
        else:
            k = 'start_earlier'
        ks.append((k, a))
    if b:
        if pe > ge:
            if cs is not None and gs <= cs < pe and cs >= ge: k='end_later:pred_holds_tag'
            else: k = 'end_later'
        else: k = 'end_earlier' + (':direct' if kind=='direct' else '')
        ks.append((k, b))
    if not ks: ks = [('inner', [])]
    for k, w in ks:
        classes[k] += 1
        ex[k].append((r['doc'][:25], ' '.join(w)[:90], rule, kind, '||', t[ps:pe][:100].replace('\n',' '), '||', r['gold_content'][:100]))
for k, n in sorted(classes.items()): print(n, k)
if show:
    for e in ex[show][:int(sys.argv[5]) if len(sys.argv)>5 else 50]: print(' | '.join(e))
