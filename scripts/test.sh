#!/usr/bin/env bash
# The README's second command: install what the tests need (Python packages, PostgreSQL, Chromium, CJK fonts)
# and run the whole suite twice, at the same time: on SQLite and on a throwaway local PostgreSQL server.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PYTHON=${PYTHON:-python3}

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
# grep reads to the end: with -q it stops at the first match, fc-list may then die of SIGPIPE and, under
# pipefail, the check fails and apt-get runs on every run
fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || need_apt+=(fonts-noto-cjk)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v java >/dev/null 2>&1 || need_apt+=(openjdk-17-jre-headless)  # Spark tests of the analytics layer
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-writer-nogui)  # briefings as PDF (issue 14)
command -v pdftoppm >/dev/null 2>&1 || need_apt+=(poppler-utils)  # the briefing PDF's page image in the tests
fc-list 2>/dev/null | grep -i "Noto Serif CJK" >/dev/null || need_apt+=(fonts-noto-cjk-extra)  # 仿宋/宋体 substitutes
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

# The two passes run at the same time: each is one pytest process that waits for subprocesses, servers, Chromium
# and PostgreSQL much of its time, so together they fill a 2-core machine in a little more than the time of the
# longer one alone. Each pass has its own temporary folder, data folder and log; the logs are printed one after the
# other when both have ended, and the script fails if either failed.
RUN_DIR=$(mktemp -d /tmp/clusterdesk-test.XXXXXX)
chmod 755 "$RUN_DIR"  # the postgres user reaches its data folder and socket in it
PG_DIR="$RUN_DIR/pg"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -f "$PG_DIR/data/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$RUN_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

SQLITE_LOG="$CLUSTERDESK_ARTIFACTS/tests-sqlite.log"
PG_LOG="$CLUSTERDESK_ARTIFACTS/tests-postgresql.log"
echo "== tests on SQLite and on PostgreSQL, at the same time (logs: $SQLITE_LOG, $PG_LOG) =="
mkdir -p "$RUN_DIR/sqlite-data" "$RUN_DIR/postgresql-data" "$CLUSTERDESK_ARTIFACTS/postgresql"
env -u DATABASE_URL CLUSTERDESK_DATA_DIR="$RUN_DIR/sqlite-data" \
  .venv/bin/python -m pytest -q --basetemp="$RUN_DIR/sqlite-tmp" "$@" >"$SQLITE_LOG" 2>&1 &
SQLITE_PID=$!
PIDS+=("$SQLITE_PID")

# PostgreSQL: a throwaway server; the database-independent core and analytics tests run only in the SQLite pass.
PG_BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
PG_PORT=${PG_PORT:-54329}
PG_USER=$([ "$(id -u)" -eq 0 ] && echo postgres || id -un)
mkdir -p "$PG_DIR"
[ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U "$PG_USER" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
  -o "-k $PG_DIR -p $PG_PORT -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
DATABASE_URL="postgres://$PG_USER@/clusterdesk?host=$PG_DIR&port=$PG_PORT" \
  CLUSTERDESK_DATA_DIR="$RUN_DIR/postgresql-data" CLUSTERDESK_ARTIFACTS="$CLUSTERDESK_ARTIFACTS/postgresql" \
  .venv/bin/python -m pytest -q --basetemp="$RUN_DIR/postgresql-tmp" \
  --ignore=src/clusterdesk/core --ignore=src/clusterdesk/analytics "$@" >"$PG_LOG" 2>&1 &
PG_PID=$!
PIDS+=("$PG_PID")

progress() {  # the last "[ NN%]" pytest -q printed, or that it is still collecting and setting up
  local pct
  pct=$(grep -o '\[ *[0-9]*%\]' "$1" 2>/dev/null | tail -n 1 | tr -d '[] ' || true)
  echo "${pct:-starting}"
}
ticks=0
while kill -0 "$SQLITE_PID" 2>/dev/null || kill -0 "$PG_PID" 2>/dev/null; do
  sleep 2
  ticks=$((ticks + 1))
  if [ $((ticks % 30)) -eq 0 ]; then echo "   … SQLite $(progress "$SQLITE_LOG"), PostgreSQL $(progress "$PG_LOG")"; fi
done
sqlite_rc=0; wait "$SQLITE_PID" || sqlite_rc=$?
pg_rc=0; wait "$PG_PID" || pg_rc=$?
PIDS=()

echo "== tests on SQLite =="
cat "$SQLITE_LOG"
echo "== tests on PostgreSQL (the database-independent core and analytics tests ran on SQLite only) =="
cat "$PG_LOG"
echo "== summary =="
verdict() { if [ "$1" -eq 0 ]; then echo "passed"; else echo "FAILED (exit status $1)"; fi; }
echo "SQLite:     $(verdict "$sqlite_rc")"
echo "PostgreSQL: $(verdict "$pg_rc")"
[ "$sqlite_rc" -eq 0 ] && [ "$pg_rc" -eq 0 ]
