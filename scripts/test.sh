#!/usr/bin/env bash
# Set everything up and run the test suite. Tests that need ../shared/ skip when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
.venv/bin/python -m pytest "$@"
