#!/usr/bin/env bash
# Profile-guided release build of claimgraph (a distribution build; `cargo build --release` stays the
# everyday one).
#
#   scripts/build-pgo.sh [TRAINING_INPUT ...]
#
# 1. builds an instrumented binary (rustc `-Cprofile-generate`) into target/pgo-generate/,
# 2. runs it once (`claimgraph run`, 1 thread, every output format) on the training input,
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
# on, so the bench figure is not tuned to its own text) when ../shared is beside the repo, else the
# bundled seeds (too small for a good profile; pass a sample of your own corpus instead).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if [ "$#" -gt 0 ]; then
  inputs=("$@")
elif [ -d ../shared/eval/polnear/train/text ]; then
  inputs=(../shared/eval/polnear/train/text)
else
  echo "build-pgo: ../shared absent; training on seeds/ only (pass a corpus for a better profile)" >&2
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

echo "build-pgo: 3/4 merging the profile" >&2
"$profdata" merge -o "$prof/merged.profdata" "$prof/raw"

echo "build-pgo: 4/4 optimised build" >&2
# The note `claimgraph bench` prints with its figures (build.rs; it finds the profile and PGO itself).
CLAIMGRAPH_BUILD_NOTE="fat LTO, 1 codegen unit, PGO trained on ${inputs[*]} (scripts/build-pgo.sh)" \
  RUSTFLAGS="-Cprofile-use=$prof/merged.profdata" \
  cargo build --profile dist --quiet --target-dir target/pgo

echo "build-pgo: wrote target/pgo/dist/claimgraph" >&2
