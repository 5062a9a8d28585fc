#!/usr/bin/env bash
# The README's first command: install clusterdesk into .venv and start it on SQLite with the demo province.
# A second run reuses the database in ./var. Pass --port N to change the port.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
# Briefings as PDF (issue 14): LibreOffice's Writer converts the .docx offline, with the Noto CJK fonts.
need_apt=()
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-writer-nogui)
fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || need_apt+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -i "Noto Serif CJK" >/dev/null || need_apt+=(fonts-noto-cjk-extra)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing system packages: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
exec .venv/bin/clusterdesk demo "$@"
