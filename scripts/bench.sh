#!/usr/bin/env bash
# The documented way to run the bench: builds what is missing or stale, then runs `claimgraph bench`
# with the release/bench build.
#
#   scripts/bench.sh [--size-mb N] [other `claimgraph bench` flags and inputs]
#
# 1. the acscan reference program (../shared/bench/acscan, with its own settings: `lto = true`,
#    one codegen unit), into target/acscan/ (cargo decides whether it is stale);
# 2. the profile-guided build (scripts/build-pgo.sh: profile `dist`, fat LTO, one codegen unit,
#    PGO trained on PolNeAR's training texts, not on the bench's BBC articles), into
#    target/pgo/dist/claimgraph, when it is missing or older than any file it is built from;
# 3. `target/pgo/dist/claimgraph bench --acscan-program target/acscan/release/acscan ARGS`: the
#    report's first line names the build; its ratios are to acscan's own program (the headline
#    line, which repeats the build), the in-process reference's a secondary line.
#
# `cargo build --release` stays the everyday build (tests, CI); its bench figures are lower and
# its `bench` says it is not this build. Needs the shared data (the BBC articles and the acscan
# reference): $CLAIMGRAPH_SHARED, else ../shared beside the repository, as the other scripts and
# the tests read it. Output is byte-identical to the everyday build's (scripts/build-pgo.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

shared=${CLAIMGRAPH_SHARED:-../shared}
acscan_dir=$shared/bench/acscan
if [ ! -f "$acscan_dir/Cargo.toml" ] || [ ! -d "$shared/corpora/bbc-news" ]; then
  echo "bench: $shared is absent or incomplete: the bench needs $acscan_dir (the acscan reference)" >&2
  echo "bench: and $shared/corpora/bbc-news (its text); set CLAIMGRAPH_SHARED or put ../shared beside" >&2
  echo "bench: this repository; nothing was built" >&2
  exit 2
fi
# Absolute, for build-pgo.sh and the bench's defaults (its input and the names file).
CLAIMGRAPH_SHARED=$(cd "$shared" && pwd)
export CLAIMGRAPH_SHARED

echo "bench: 1/3 acscan reference program" >&2
cargo build --release --quiet --locked --manifest-path "$acscan_dir/Cargo.toml" \
  --target-dir target/acscan
acscan=target/acscan/release/acscan

bin=target/pgo/dist/claimgraph
# Everything the binary is built from (the gazetteers are read at run time, not built in).
sources=(src lexicons build.rs Cargo.toml Cargo.lock scripts/build-pgo.sh)
if [ ! -x "$bin" ] || [ -n "$(find "${sources[@]}" -newer "$bin" -print -quit)" ]; then
  echo "bench: 2/3 profile-guided build ($bin missing or stale)" >&2
  bash scripts/build-pgo.sh
  # cargo leaves the binary alone when only the profile changed: mark it as built from these sources.
  touch "$bin"
else
  echo "bench: 2/3 profile-guided build up to date ($bin)" >&2
fi

echo "bench: 3/3 $bin bench $*" >&2
exec "$bin" bench --acscan-program "$acscan" "$@"
