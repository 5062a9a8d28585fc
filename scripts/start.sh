#!/usr/bin/env bash
# The README's first command: install clusterdesk into .venv and start it on SQLite with the demo province.
# A second run reuses the database in ./var. Pass --port N to change the port.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
exec .venv/bin/clusterdesk demo "$@"
