#!/usr/bin/env bash
# Writes every output of a claimgraph binary on the reference corpora into one folder, so that a
# refactor can be checked byte-identical with `diff -r BEFORE AFTER`.
#
#   scripts/snapshot.sh [BIN] OUTDIR      BIN defaults to target/release/claimgraph
#
# Corpora: the bundled seeds; with ../shared beside the repository (or $CLAIMGRAPH_SHARED), the BBC
# articles, PolNeAR train and dev texts (plus `evaluate attributions` on both) and CoNLL++ dev
# (`evaluate entities`). Timing lines (stderr) are left out, so two snapshots of the same behaviour
# are byte-identical.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 2 ]; then bin=$1; out=$2; else bin=target/release/claimgraph; out=$1; fi
shared=${CLAIMGRAPH_SHARED:-../shared}
rm -rf "$out"; mkdir -p "$out"
run() { # NAME INPUT...
  local name=$1; shift
  "$bin" run "$@" --gazetteers gazetteers --out "$out/$name" --quiet --threads 2 --summary \
    >"$out/$name.summary" 2>/dev/null || echo "run $name failed" >>"$out/FAILURES"
}
run seeds seeds
if [ -d "$shared" ]; then
  run bbc "$shared/corpora/bbc-news"
  for split in train dev; do
    run "polnear-$split" "$shared/eval/polnear/$split/text"
    "$bin" evaluate attributions "$shared/eval/polnear/$split" --gazetteers gazetteers \
      --errors "$out/polnear-$split-errors.csv" >"$out/polnear-$split-eval.txt" 2>/dev/null
  done
  "$bin" evaluate entities "$shared/eval/conllpp/dev.txt" --gazetteers gazetteers \
    --errors "$out/conll-dev-errors.csv" >"$out/conll-dev-eval.txt" 2>/dev/null
else
  echo "note: $shared not found; only the seeds were snapshotted" >&2
fi
echo "snapshot in $out"
