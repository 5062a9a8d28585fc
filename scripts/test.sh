#!/usr/bin/env bash
# The README's second command: install what the tests need (Python packages, PostgreSQL, Chromium, CJK fonts)
# and run the whole suite twice: on SQLite, then on a throwaway local PostgreSQL server.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PYTHON=${PYTHON:-python3}

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need_apt+=(fonts-noto-cjk)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v java >/dev/null 2>&1 || need_apt+=(openjdk-17-jre-headless)  # Spark tests of the analytics layer
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-writer-nogui)  # briefings as PDF (issue 14)
command -v pdftoppm >/dev/null 2>&1 || need_apt+=(poppler-utils)  # the briefing PDF's page image in the tests
fc-list 2>/dev/null | grep -qi "Noto Serif CJK" || need_apt+=(fonts-noto-cjk-extra)  # 仿宋/宋体 substitutes
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing system packages: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'

export CLUSTERDESK_ARTIFACTS="$ROOT/test-artifacts"
mkdir -p "$CLUSTERDESK_ARTIFACTS"

echo "== lint =="
.venv/bin/ruff check src tests bench scripts
.venv/bin/mypy --strict src/clusterdesk/core

echo "== tests on SQLite =="
env -u DATABASE_URL .venv/bin/python -m pytest -q "$@"

echo "== tests on PostgreSQL (the database-independent core and analytics tests ran above) =="
PG_BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
PG_DIR=$(mktemp -d /tmp/clusterdesk-pg.XXXXXX)
PG_PORT=${PG_PORT:-54329}
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
PG_USER=$([ "$(id -u)" -eq 0 ] && echo postgres || id -un)
[ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U "$PG_USER" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
  -o "-k $PG_DIR -p $PG_PORT -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
trap 'as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$PG_DIR"' EXIT
DATABASE_URL="postgres://$PG_USER@/clusterdesk?host=$PG_DIR&port=$PG_PORT" .venv/bin/python -m pytest -q \
  --ignore=src/clusterdesk/core --ignore=src/clusterdesk/analytics "$@"
