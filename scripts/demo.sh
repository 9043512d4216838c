#!/usr/bin/env bash
# Set everything up and run whimbrel on the bundled sample corpus (examples/corpus).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
DB="${WHIMBREL_DB:-whimbrel.duckdb}"
.venv/bin/whimbrel run examples/corpus --db "$DB"
