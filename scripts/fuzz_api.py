"""The full API fuzz: schemathesis, 30 examples per operation, all checks, every phase (examples, coverage,
fuzzing, stateful), as an administrator and as a county officer, against `clusterdesk serve` on a demo database.

    .venv/bin/python scripts/fuzz_api.py                      # builds the quick demo in a temporary directory
    .venv/bin/python scripts/fuzz_api.py --data-dir /tmp/d    # reuses (and writes into) that demo database
    .venv/bin/python scripts/fuzz_api.py --examples 5 --users admin

The server listens on the loopback address only; the fuzzer writes into the demo database it serves (never the
configured one unless --data-dir points at it). Prints, per user, the operations fuzzed, the requests sent, the
time, the failures by schemathesis code and every failure; exits 1 when any failure other than a rule refusal
(a schema-valid request refused with a 422 and its reason) was found.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from clusterdesk.testing import free_port

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
USERS = {"admin": "administrator", "county": "county officer (县级业务人员)"}


def _run(args: list[str], env: dict) -> None:
    subprocess.run([str(BIN / "clusterdesk"), *args], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def _tokens(env: dict, users: list[str]) -> dict[str, str]:
    code = (
        "from clusterdesk.accounts.models import User\n"
        "from clusterdesk.accounts.services import api_token_create\n"
        "from clusterdesk.changelog.context import change_context\n"
        "with change_context(actor=None, source='cli', message='API fuzz'):\n"
        f"    for name in {users!r}:\n"
        "        print(name, api_token_create(user=User.objects.get(username=name), description='fuzz', days=1)[1])\n"
    )
    out = subprocess.run([str(BIN / "clusterdesk"), "manage", "shell", "-c", code], env=env, cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    pairs = (line.split() for line in out.splitlines())
    return {pair[0]: pair[1] for pair in pairs if len(pair) == 2 and pair[0] in users}


def _wait(url: str, server: subprocess.Popen) -> None:
    for _ in range(600):
        if server.poll() is not None:
            raise SystemExit(f"the server stopped (exit {server.returncode})")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError as exc:
            if getattr(exc, "code", None):  # an HTTP answer (401): it is up
                return
            time.sleep(0.5)
    raise SystemExit("the server did not answer")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", help="a demo data directory (default: build the quick demo in a temp dir)")
    parser.add_argument("--examples", type=int, default=30, help="examples per operation (default 30)")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--users", default="admin,county", help="demo accounts, comma-separated")
    args = parser.parse_args()
    users = [u.strip() for u in args.users.split(",") if u.strip()]

    data_dir = args.data_dir or tempfile.mkdtemp(prefix="clusterdesk-fuzz-")
    env = {**os.environ, "CLUSTERDESK_DATA_DIR": data_dir}
    env.pop("DATABASE_URL", None)
    if not Path(data_dir, "clusterdesk.sqlite3").exists():
        print(f"building the quick demo in {data_dir} …", flush=True)
        _run(["manage", "migrate", "-v0"], env)
        _run(["manage", "load_refdata"], env)
        _run(["build-demo", "--no-progress"], env)
    tokens = _tokens(env, users)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterdesk.config.settings.test")
    import django

    django.setup()
    from clusterdesk.testing.api_fuzz import fuzz_api

    port = free_port()
    server = subprocess.Popen([str(BIN / "clusterdesk"), "serve", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    departures = 0
    try:
        url = f"http://127.0.0.1:{port}"
        _wait(f"{url}/api/openapi.json", server)
        for user in users:
            result = fuzz_api(url, tokens[user], max_examples=args.examples, seed=args.seed)
            found = result.departures()
            departures += len(found) + len(result.errors)
            print(f"\n== {user} ({USERS.get(user, user)}): {result.operations} operations, {result.cases} requests, "
                  f"{result.seconds:.0f} s, {args.examples} examples per operation, seed {args.seed}")
            print(f"   failures by code: {result.by_code() or 'none'}")
            print(f"   server errors and departures from the schema: {len(found)}; run errors: {len(result.errors)}")
            for line in [*result.errors, *result.failures]:
                print("   " + line)
            sys.stdout.flush()
    finally:
        server.terminate()
        server.wait(timeout=30)
    sys.exit(1 if departures else 0)


if __name__ == "__main__":
    main()
