#!/usr/bin/env bash
# Profile-guided release build of claimgraph (a distribution build; `cargo build --release` stays the
# everyday one).
#
#   scripts/build-pgo.sh [TRAINING_INPUT ...]
#
# 1. builds an instrumented binary (rustc `-Cprofile-generate`) into target/pgo-generate/,
# 2. runs it once (`claimgraph run`, 1 thread, every output format) on the training input, and runs
#    the in-process acscan reference of `claimgraph bench` over the same input (`--reference-only`)
#    when its names file is there, so the reference's code is laid out as hot code, as in acscan's
#    own build, not as code the training never ran (it would run slower than acscan's program),
# 3. merges the profile with the `llvm-profdata` of rustc's own LLVM (the rustup component
#    `llvm-tools`, installed if missing: the profile format follows the LLVM version),
# 4. builds the optimised binary with `-Cprofile-use` into target/pgo/dist/claimgraph.
#
# scripts/bench.sh runs this when that binary is missing or stale, then runs the bench with it.
#
# Output is byte-identical to the plain release build's: the profile steers only code layout,
# inlining and branch order (check with scripts/snapshot.sh BIN DIR and `diff -r`).
#
# The training input should look like the archives the binary will read: by default the PolNeAR
# training texts (news articles; a different corpus from the BBC articles `claimgraph bench` measures
# on, so the bench figure is not tuned to its own text) when the shared data is there
# ($CLAIMGRAPH_SHARED, else ../shared beside the repo), else the bundled seeds (too small for a good
# profile; pass a sample of your own corpus instead).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=${CLAIMGRAPH_SHARED:-../shared}

if [ "$#" -gt 0 ]; then
  inputs=("$@")
elif [ -d "$shared/eval/polnear/train/text" ]; then
  inputs=("$shared/eval/polnear/train/text")
else
  echo "build-pgo: $shared absent; training on seeds/ only (pass a corpus for a better profile)" >&2
  inputs=(seeds)
fi

sysroot=$(rustc --print sysroot)
host=$(rustc -vV | sed -n 's/^host: //p')
profdata="$sysroot/lib/rustlib/$host/bin/llvm-profdata"
if [ ! -x "$profdata" ]; then
  echo "build-pgo: installing the rustup component llvm-tools (for llvm-profdata)" >&2
  rustup component add llvm-tools >&2
fi

prof="$root/target/pgo-profile"
rm -rf "$prof"
mkdir -p "$prof"

echo "build-pgo: 1/4 instrumented build" >&2
RUSTFLAGS="-Cprofile-generate=$prof/raw" \
  cargo build --profile dist --quiet --target-dir target/pgo-generate

echo "build-pgo: 2/4 training run on ${inputs[*]}" >&2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
target/pgo-generate/dist/claimgraph run "${inputs[@]}" --threads 1 --out "$scratch/out" --quiet
names=$shared/bench/acscan/geonames-names.txt
trained="${inputs[*]}"
if [ -f "$names" ]; then
  target/pgo-generate/dist/claimgraph bench "${inputs[@]}" --reference-only --reference "$names" >&2
  trained="$trained and the in-process acscan reference"
else
  echo "build-pgo: no $names: the bench's in-process acscan reference is not trained" >&2
fi

echo "build-pgo: 3/4 merging the profile" >&2
"$profdata" merge -o "$prof/merged.profdata" "$prof/raw"

echo "build-pgo: 4/4 optimised build" >&2
# The note `claimgraph bench` prints with its figures (build.rs; it finds the profile and PGO itself).
CLAIMGRAPH_BUILD_NOTE="fat LTO, 1 codegen unit, PGO trained on $trained (scripts/build-pgo.sh)" \
  RUSTFLAGS="-Cprofile-use=$prof/merged.profdata" \
  cargo build --profile dist --quiet --target-dir target/pgo

echo "build-pgo: wrote target/pgo/dist/claimgraph" >&2
