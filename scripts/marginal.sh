#!/usr/bin/env bash
# Instructions per input byte by callgrind, as docs/performance.md quotes them: the whole process on
# c1 (the bench's 2.08 MB of BBC articles as JSONL, 975 documents) and on c2 (c1 twice, the second
# copy under new ids), and the marginal figure (c2 − c1) / bytes(c1): the per-document cost with
# start-up (gazetteer load, automaton build) left out. callgrind counts instructions, not seconds, so
# the figure repeats whatever else the machine is doing; compare only figures of this script.
#
#   scripts/marginal.sh [BIN] [NAME]     BIN defaults to target/cgu1/claimgraph (the release build in
#                                        one codegen unit: `cargo build --profile cgu1`; several units
#                                        move code between functions from build to build)
#
# Environment: FORMATS (default csv,gexf: report.html fills after ~6.5 MB and would dominate 2 MB),
# WORK (default target/marginal), TOP (default 25: the functions of largest marginal self cost).
# Writes WORK/NAME-c1.out and WORK/NAME-c2.out (callgrind files) and prints one line
# `NAME whole c1 X c2 Y marginal Z` plus the top self costs. Needs valgrind and the shared data
# ($CLAIMGRAPH_SHARED, else ../shared) for the BBC articles.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/cgu1/claimgraph}
name=${2:-$(basename "$(dirname "$bin")")}
formats=${FORMATS:-csv,gexf}
work=${WORK:-target/marginal}
shared=${CLAIMGRAPH_SHARED:-../shared}
mkdir -p "$work"
c1=$work/c1.jsonl; c2=$work/c2.jsonl
if [ ! -s "$c2" ]; then
  "$bin" bench "$shared/corpora/bbc-news" --size-mb 2 --skip-stages --rounds 1 --work-dir "$work/gen" \
    --json "$work/gen.jsonl" >/dev/null 2>&1
  cp "$work/gen/bench-corpus.jsonl" "$c1"
  python3 - "$c1" "$c2" <<'PY'
import json, sys
rows = open(sys.argv[1], encoding="utf-8").read().splitlines()
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for r in rows:
        out.write(r + "\n")
    for r in rows:
        d = json.loads(r)
        d["id"] = "r1/" + d["id"]
        out.write(json.dumps(d, ensure_ascii=False) + "\n")
PY
  rm -rf "$work/gen" "$work/gen.jsonl"
fi
bytes=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].encode()) for l in open(sys.argv[1], encoding='utf-8')))" "$c1")
for c in c1 c2; do
  rm -rf "$work/out-$c"
  valgrind --tool=callgrind --callgrind-out-file="$work/$name-$c.out" "$bin" run "$work/$c.jsonl" \
    --gazetteers gazetteers --out "$work/out-$c" --threads 1 --quiet --formats "$formats" \
    >/dev/null 2>&1
done
python3 - "$work/$name-c1.out" "$work/$name-c2.out" "$bytes" "$name" "${TOP:-25}" <<'PY'
import re, subprocess, sys
f1, f2, nbytes, name, top = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
def total(f):
    for line in open(f):
        if line.startswith("totals:") or line.startswith("summary:"):
            return int(line.split()[1])
def selfcost(f):
    out = subprocess.run(["callgrind_annotate", "--threshold=100", "--inclusive=no", "--tree=none", "--auto=no", f], capture_output=True, text=True).stdout
    costs = {}
    for line in out.splitlines():
        m = re.match(r"\s*([\d,]+) \([^)]*\)\s+(?:\S+:)?(.*)$", line)
        if m and "PROGRAM TOTALS" not in line and "=>" not in line and "events annotated" not in line:
            fn = re.sub(r"\s*\[[^\]]*\]$", "", m.group(2).strip())
            costs[fn] = costs.get(fn, 0) + int(m.group(1).replace(",", ""))
    return costs
t1, t2 = total(f1), total(f2)
print(f"{name} whole c1 {t1/nbytes:.2f} c2 {t2/nbytes:.2f} marginal {(t2-t1)/nbytes:.2f} per byte ({nbytes} bytes)")
s1, s2 = selfcost(f1), selfcost(f2)
rows = sorted(((s2.get(k, 0) - s1.get(k, 0)) / nbytes, k) for k in set(s1) | set(s2))
for v, k in reversed(rows[-top:]):
    print(f"  {v:7.2f}  {k[:140]}")
PY
