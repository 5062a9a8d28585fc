"""The `clusterdesk` command: run, set up and look after a clusterdesk installation.

    clusterdesk demo [--port 8000] [--scale quick|province]   build the demo database if missing, then serve it
    clusterdesk serve [--host 127.0.0.1] [--port 8000]        serve the configured database (--with-worker)
    clusterdesk worker                                        run the scheduled jobs (and beat the heartbeat)
    clusterdesk jobs list | run KEY [--queue]                 the scheduled jobs; run one now
    clusterdesk migrate                                       create or upgrade the database schema
    clusterdesk load-refdata                                  load regions (GB/T 2260) and industries (GB/T 4754)
    clusterdesk build-demo [--scale …] [--seed N] [--force]   generate the demonstration province
    clusterdesk createuser NAME --role ROLE [--region CODE]…  create a user
    clusterdesk service-job warnings|candidates|escalate      enterprise-service jobs (预警, 入统候选, 诉求升级)
    clusterdesk reminders [--date D]                          the day's reminders of open tasks (issue 12)
    clusterdesk digest [--date D] [--hour H]                  the daily digests by e-mail and in the application
    clusterdesk briefing KIND --period YYYY-MM [--region CODE] [--user NAME] --out F.docx|F.pdf   a briefing (通报)
    clusterdesk tasks rebuild|generate-reports|escalate       inbox jobs ([--month 2026-10] [--date D])
    clusterdesk import KIND FILE [--dry-run]                  import an Excel list (one transaction)
    clusterdesk export KIND FILE                              export a kind of record to .xlsx
    clusterdesk intake FILE --json                            normalise a briefing and list its entities
    clusterdesk units match [--dry-run] [--seed-standard] [--out F.xlsx]   link free-text owners to units
    clusterdesk manage …                                      any Django management command
    clusterdesk backup FILE [--force]                         back up the database (SQLite file or pg_dump archive)
    clusterdesk restore FILE [--force]                        replace the database's contents with a backup
    clusterdesk allocate --projects P.csv --parks K.csv --candidates C.csv --out A.csv   batch allocation
    clusterdesk relatedness IN.csv --out OUT.csv              economic complexity (--compat, --backend)
    clusterdesk analytics cluster-metrics …                   cluster metrics over Parquet (DuckDB or Spark)

Settings come from environment variables (README, "Deploying"); the default is SQLite in ./var.
"""

import argparse
import os
import sys

__all__ = ["database_problem", "default_workers", "main"]

DEFAULT_SETTINGS = "clusterdesk.config.settings.local"


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    import django

    django.setup()


def _call(name: str, *args: str, **options) -> None:
    from django.core.management import call_command

    call_command(name, *args, **options)


def cmd_migrate(args) -> None:
    _call("migrate", interactive=False, verbosity=1)


def cmd_load_refdata(args) -> None:
    _call("load_refdata")


def cmd_build_demo(args) -> None:
    _call("build_demo", scale=args.scale, seed=args.seed, force=args.force, no_progress=args.no_progress)


def cmd_createuser(args) -> None:
    options = {"role": args.role, "region": args.region or [], "park": args.park or [],
               "enterprise": args.enterprise or [], "full_name": args.full_name}
    if args.password:
        options["password"] = args.password
    from django.core.management.base import CommandError

    try:
        _call("create_user", args.username, **options)
    except CommandError as exc:  # one line, not a traceback
        raise SystemExit(f"clusterdesk createuser: {exc}") from None


def cmd_pipeline(args) -> None:
    # issue 3: the pipeline's jobs (management commands in clusterdesk.projects)
    if args.command == "pipeline-month":
        _call("pipeline_month", **{k: v for k, v in (("month", args.month), ("today", args.today)) if v})
    else:
        _call("escalate_problems", **{k: v for k, v in (("days", args.days), ("today", args.today)) if v is not None})


def cmd_serve(args) -> None:
    _serve(args.host, args.port, args.workers, with_worker=args.with_worker)


# Issue 12: scheduled jobs (the work is in clusterdesk.common.jobs and clusterdesk.common.worker).
def cmd_worker(args) -> None:
    from clusterdesk.common.worker import run_worker

    run_worker()


def cmd_jobs(args) -> None:
    from clusterdesk.common import jobs

    if args.action == "list":
        from clusterdesk.common.selectors import job_overview

        for row in job_overview():
            last = row["last"]
            state = f"{last.get_status_display()} {last.started or last.created:%Y-%m-%d %H:%M}" if last else "-"
            print(f"{row['key']:<20} {row['cron']:<14} {row['words']:<22} {row['title']}  [{state}]")
        return
    try:
        job = jobs.get_job(args.key)
    except KeyError as exc:
        raise SystemExit(f"clusterdesk jobs run: {exc.args[0]}") from None
    if args.queue:
        run_id = jobs.enqueue_job(job.key, trigger="command")
        print(f"已加入队列 / queued: {job.key} (run {run_id})")
        return
    ok, summary = jobs.run_job_here(job.key, trigger="command")
    print(summary)
    if not ok:
        raise SystemExit(1)


def cmd_demo(args) -> None:
    from clusterdesk.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
    from clusterdesk.demo.status import demo_database_ready

    _call("migrate", interactive=False, verbosity=0)
    if demo_database_ready():
        print("复用已有的演示数据库 / reusing the existing demo database")
    else:
        _call("load_refdata")
        _call("build_demo", scale=args.scale, seed=args.seed, force=False)
    url = f"http://{args.host}:{args.port}/"
    print(f"\nclusterdesk 已启动 / is running at {url}\n")
    print(f"演示账号 / demo accounts (密码 password: {DEMO_PASSWORD}):")
    for account in DEMO_ACCOUNTS:
        print(f"  {account.username:<12} {account.role_label:<28} {account.scope_label}")
    if not args.no_worker:
        print(f"\n定时任务执行器随服务一起运行 / the job worker runs beside the server ({url}jobs/)")
    print()
    _serve(args.host, args.port, args.workers, with_worker=not args.no_worker)


def default_workers() -> int:
    """Worker processes when --workers is not given: two at least, so one that dies never leaves no one serving."""
    return min(4, max(2, os.cpu_count() or 1))


def _serve(host: str, port: int, workers: int | None, *, with_worker: bool = False) -> None:
    from django.conf import settings
    from granian import Granian
    from granian.constants import Interfaces

    from clusterdesk.common.importing.journal import recover

    if not settings.DEBUG and settings.STATIC_ROOT and not os.path.isdir(settings.STATIC_ROOT):
        os.makedirs(settings.STATIC_ROOT, exist_ok=True)
    recover()  # undo an import whose process died half-way (SQLite writes imports in chunks)
    # A worker that dies (killed, out of memory, a native abort) is replaced; without respawn granian would shut
    # the whole server down when the first one exits.
    server = Granian("clusterdesk.config.wsgi:application", address=host, port=port, interface=Interfaces.WSGI,
                     workers=workers or default_workers(), blocking_threads=4, respawn_failed_workers=True,
                     respawn_interval=1.0)
    if not with_worker:
        server.serve()
        return
    from clusterdesk.common.worker import start_beside_server

    with start_beside_server():  # the job worker runs beside the server and stops with it
        server.serve()


def cmd_service_job(args) -> None:
    _call("service_job", args.job, month=args.month, date=args.date)


def cmd_briefing(args) -> None:
    # issue 14: generated briefings (management command in clusterdesk.briefings); `briefing list` lists the kinds
    options = {k: v for k, v in (("period", args.period), ("region", args.region), ("user", args.user),
                                 ("out", args.out), ("annex", args.annex)) if v}
    from django.core.management.base import CommandError

    try:
        _call("briefing", args.kind, **options)
    except CommandError as exc:  # one line, not a traceback
        raise SystemExit(f"clusterdesk briefing: {exc}") from None


def cmd_notifications(args) -> None:
    # issue 12: the daily reminder and digest jobs (management commands in clusterdesk.notifications)
    options = {"date": args.date} if args.date else {}
    if args.command == "digest" and args.hour is not None:
        options["hour"] = args.hour
    from django.core.management.base import CommandError

    try:
        _call(args.command, **options)
    except CommandError as exc:  # one line, not a traceback
        raise SystemExit(f"clusterdesk {args.command}: {exc}") from None


def cmd_units(args) -> None:
    _call("units", args.action, dry_run=args.dry_run, seed_standard=args.seed_standard, region=args.region or [],
          out=args.out)


def cmd_tasks(args) -> None:
    _call("tasks", args.job, month=args.month, date=args.date)


def cmd_manage(args) -> None:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["clusterdesk manage", *args.rest])


def cmd_allocate(args) -> None:
    from clusterdesk.placement.batch import AllocationInputError, run_allocation, summary_json

    try:
        summary = run_allocation(projects=args.projects, parks=args.parks, candidates=args.candidates, out=args.out,
                                 limits=args.limits, require_all=args.require_all, time_limit=args.time_limit,
                                 gap=args.gap, workers=args.workers)
    except AllocationInputError as exc:
        print(str(exc), file=sys.stderr)
        raise SystemExit(2) from exc
    print(summary_json(summary))


# Issue 16, operations: backup and restore of the configured database (the work is in clusterdesk.common.backup).
def cmd_backup(args) -> None:
    from clusterdesk.common.backup import BackupError, backup_database

    print(f"正在备份到 {args.file} / backing up to {args.file}", file=sys.stderr, flush=True)
    try:
        result = backup_database(args.file, force=args.force)
    except BackupError as exc:
        print(f"clusterdesk backup: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc
    print(result.describe("已备份到", "backed up to"))


def cmd_restore(args) -> None:
    from clusterdesk.common.backup import BackupError, restore_database

    try:
        result = restore_database(args.file, force=args.force)
    except BackupError as exc:
        print(f"clusterdesk restore: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc
    print(result.describe("已从备份恢复", "restored from"))
    if (problem := database_problem()) is not None:
        print(f"{problem}：请运行 `clusterdesk migrate` / run `clusterdesk migrate`", file=sys.stderr)
    print("请重启服务 / restart the server")


def _backup_parsers(sub) -> None:
    backup = sub.add_parser("backup", help="back up the database to FILE (SQLite copy or pg_dump archive)")
    backup.add_argument("file", help="the backup file to write")
    backup.add_argument("--force", action="store_true", help="replace FILE if it exists")
    backup.set_defaults(func=cmd_backup)
    restore = sub.add_parser("restore", help="replace the database's contents with the backup in FILE")
    restore.add_argument("file", help="a file written by `clusterdesk backup`")
    restore.add_argument("--force", action="store_true", help="replace a database that already holds data")
    restore.set_defaults(func=cmd_restore)


def _allocate_parser(sub) -> None:
    p = sub.add_parser("allocate", help="allocate projects to parks from CSV files (prints objective, bound, gap)")
    p.add_argument("--projects", required=True, help="CSV: project_id, land_mu")
    p.add_argument("--parks", required=True, help="CSV: park_id, available_land_mu[, max_projects]")
    p.add_argument("--candidates", required=True, help="CSV: project_id, park_id, score")
    p.add_argument("--out", required=True, help="CSV written: project_id, park_id, score, land_mu")
    p.add_argument("--limits", choices=["auto", "land", "count"], default="auto")
    p.add_argument("--require-all", action="store_true", help="every project must be placed")
    p.add_argument("--time-limit", type=float, default=60.0, help="seconds (land limits)")
    p.add_argument("--gap", type=float, default=0.005, help="stop at this certified gap (land limits)")
    p.add_argument("--workers", type=int, default=2, help="CP-SAT workers")
    p.set_defaults(func=cmd_allocate, django=False)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="clusterdesk", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    def serving(p):
        p.add_argument("--host", default="127.0.0.1")
        p.add_argument("--port", type=int, default=8000)
        p.add_argument("--workers", type=int, default=None,
                       help="worker processes (default: the number of CPUs, at least 2 and at most 4)")

    demo = sub.add_parser("demo", help="build the demo database if it is missing, then serve it")
    serving(demo)
    demo.add_argument("--scale", choices=["quick", "province"], default="quick")
    demo.add_argument("--seed", type=int, default=2026)
    demo.add_argument("--no-worker", action="store_true", help="do not run the job worker beside the server")
    demo.set_defaults(func=cmd_demo)

    serve = sub.add_parser("serve", help="serve the configured database")
    serving(serve)
    serve.add_argument("--with-worker", action="store_true", help="run the job worker beside the server")
    serve.set_defaults(func=cmd_serve)

    sub.add_parser("worker", help="run the scheduled jobs").set_defaults(func=cmd_worker)
    jobs = sub.add_parser("jobs", help="list the scheduled jobs, or run one now")
    jobs_sub = jobs.add_subparsers(dest="action", required=True)
    jobs_sub.add_parser("list", help="each job: key, schedule, title, last run")
    run = jobs_sub.add_parser("run", help="run a job now in this process (--queue: hand it to the worker)")
    run.add_argument("key")
    run.add_argument("--queue", action="store_true", help="put it in the worker's queue instead")
    jobs.set_defaults(func=cmd_jobs)

    sub.add_parser("migrate", help="create or upgrade the database schema").set_defaults(func=cmd_migrate)
    sub.add_parser("load-refdata", help="load regions and industry codes").set_defaults(func=cmd_load_refdata)

    build = sub.add_parser("build-demo", help="generate the demonstration province")
    build.add_argument("--scale", choices=["quick", "province"], default="quick")
    build.add_argument("--seed", type=int, default=2026)
    build.add_argument("--force", action="store_true", help="replace existing demo data")
    build.add_argument("--no-progress", action="store_true", help="no progress bars (for scripts)")
    build.set_defaults(func=cmd_build_demo)

    user = sub.add_parser("createuser", help="create a user with a role and a scope")
    user.add_argument("username")
    user.add_argument("--role", required=True)
    user.add_argument("--full-name", default="")
    user.add_argument("--password", help="prompted for when omitted")
    user.add_argument("--region", action="append", help="GB/T 2260 code of a scope region (repeatable)")
    user.add_argument("--park", action="append", help="name of a scope park (repeatable)")
    user.add_argument("--enterprise", action="append",
                      help="credit code (USCC) of a scope enterprise (repeatable; an enterprise user takes one)")
    user.set_defaults(func=cmd_createuser)

    # issue 3: the pipeline's monthly lights and the problem escalation job
    month = sub.add_parser("pipeline-month", help="recompute every schedule and traffic light for a month")
    month.add_argument("--month", help="report month, e.g. 2026-10 (default: last month)")
    month.add_argument("--today", help="day the schedules are judged on (default: the month's end)")
    month.set_defaults(func=cmd_pipeline)
    escalate = sub.add_parser("escalate-problems", help="escalate overdue problems one coordination level")
    escalate.add_argument("--days", type=int, help="days overdue before each escalation (default 15)")
    escalate.add_argument("--today", help="run as of this day (default: today)")
    escalate.set_defaults(func=cmd_pipeline)
    job = sub.add_parser("service-job", help="enterprise service: recompute warnings, detect candidates, escalate")
    job.add_argument("job", choices=["warnings", "candidates", "escalate"])
    job.add_argument("--month", help="report month for warnings (2026-10); default: the latest reported")
    job.add_argument("--date", help="as-of date for candidates and escalation; default: today")
    job.set_defaults(func=cmd_service_job)
    reminders = sub.add_parser("reminders", help="send the day's reminders of open tasks (once a day each)")
    reminders.add_argument("--date", help="run as of this day (default: today)")
    reminders.set_defaults(func=cmd_notifications)
    digest = sub.add_parser("digest", help="send the daily digests (open tasks by light, unread notifications)")
    digest.add_argument("--date", help="run as of this day (default: today)")
    digest.add_argument("--hour", type=int, help="only the people who chose this digest hour")
    digest.set_defaults(func=cmd_notifications)
    briefing = sub.add_parser("briefing", help="generate a briefing (通报) as .docx or PDF with its .xlsx annex")
    briefing.add_argument("kind", help="a registered kind (clusterdesk briefing list)")
    briefing.add_argument("--period", help="the month, e.g. 2026-10")
    briefing.add_argument("--region", help="GB/T 2260 code of the region covered (default: the user's scope)")
    briefing.add_argument("--user", help="whose scope the figures follow (default: the first administrator)")
    briefing.add_argument("--out", help="FILE.docx or FILE.pdf (the extension picks the format)")
    briefing.add_argument("--annex", help="the .xlsx annex (default: beside --out)")
    briefing.set_defaults(func=cmd_briefing)
    units = sub.add_parser("units", help="units: match the free-text responsible units to unit records")
    units.add_argument("action", choices=["match"])
    units.add_argument("--dry-run", action="store_true", help="report what would be linked; write nothing")
    units.add_argument("--seed-standard", action="store_true",
                       help="first create the standard offices of --region (or of every city with a park)")
    units.add_argument("--region", action="append", help="GB/T 2260 code of a city or county (repeatable)")
    units.add_argument("--out", help="write the unmatched rows to this .xlsx file")
    units.set_defaults(func=cmd_units)
    tasks = sub.add_parser("tasks", help="inbox: rebuild every task, generate the month's reports due, escalate")
    tasks.add_argument("job", choices=["rebuild", "generate-reports", "escalate"])
    tasks.add_argument("--month", help="month of the reports due (2026-10); default: the month before --date")
    tasks.add_argument("--date", help="as-of date; default: today")
    tasks.set_defaults(func=cmd_tasks)
    # Issue 7: Excel import/export, templates and text intake (the work is in clusterdesk.intake.cli).
    from clusterdesk.intake.cli import add_subcommands as add_intake_subcommands

    add_intake_subcommands(sub)

    manage = sub.add_parser("manage", help="run any Django management command")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    _allocate_parser(sub)
    _backup_parsers(sub)  # issue 16: backup, restore

    from clusterdesk.analytics.cli import add_commands as add_analytics_commands  # issue 5: relatedness, analytics

    add_analytics_commands(sub)
    return parser


#: Commands that prepare the database themselves, or work without one.
_NO_DATABASE_CHECK = frozenset({"migrate", "demo", "manage", "intake", "backup", "restore"})


def database_problem() -> str | None:
    """Why the configured database cannot be used yet (missing, unreachable, not migrated), or None when it can.

    A SQLite file that does not exist is reported, not created: connecting would leave an empty file behind.
    """
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    name = str(connection.settings_dict.get("NAME") or "")
    if connection.vendor == "sqlite" and not connection.creation.is_in_memory_db(name) and not os.path.exists(name):
        return f"数据库文件不存在（{name}）/ no database file at {name}"
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        return f"无法连接数据库 / cannot reach the database: {str(exc).strip().splitlines()[0]}"
    if pending:
        return f"数据库尚有 {len(pending)} 项迁移未执行 / {len(pending)} migrations not applied"
    return None


def _require_database(command: str) -> None:
    problem = database_problem()
    if problem is not None:
        print(f"clusterdesk {command}: {problem}。请先运行 `clusterdesk migrate`，再运行 `clusterdesk load-refdata` "
              f"/ run `clusterdesk migrate`, then `clusterdesk load-refdata`, first", file=sys.stderr)
        raise SystemExit(3)


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    if getattr(args, "django", True):  # allocate, relatedness and analytics read files, not the database
        _setup_django()
        if args.command not in _NO_DATABASE_CHECK:
            _require_database(args.command)
    args.func(args)


if __name__ == "__main__":
    main(sys.argv[1:])
