"""Time the monthly project briefing (重大项目月度调度通报) at province scale as .docx and as PDF; prints seconds.

Issue 14's targets on the province-scale demo: < 20 s as .docx (data, document, charts and the .xlsx annex),
< 40 s as PDF (the same, then LibreOffice's conversion). Give an existing province database with ``--db`` (a SQLite
file; it is migrated first), or a path where none exists yet and the script builds the province demo there (long):

    .venv/bin/python bench/bench_briefing.py --db /tmp/province/clusterdesk.sqlite3 --month 2026-10
    DATABASE_URL=postgres://…/clusterdesk .venv/bin/python bench/bench_briefing.py

The briefing is generated as the administrator (the whole province) and, with ``--user``, as that user.
"""

import argparse
import datetime
import os
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="SQLite file of the province demo (built there when missing)")
    parser.add_argument("--month", default=None, help="report month, YYYY-MM (default: the latest month with lights)")
    parser.add_argument("--user", default=None, help="generate in this user's scope (default: an administrator)")
    parser.add_argument("--out", default="/tmp/bench-briefing", help="folder for the files written")
    args = parser.parse_args()
    if args.db:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(args.db).resolve()}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterdesk.config.settings.local")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import translation

    built = args.db and not Path(args.db).exists()
    call_command("migrate", interactive=False, verbosity=0)
    if built:
        call_command("load_refdata")
        call_command("build_demo", scale="province", seed=2026, force=False, no_progress=True)

    from clusterdesk.briefings.services import briefing_build_document
    from clusterdesk.briefings.writers.charts import render_chart
    from clusterdesk.briefings.writers.docx_writer import write_docx
    from clusterdesk.briefings.writers.pdf import docx_to_pdf
    from clusterdesk.briefings.writers.xlsx_writer import write_xlsx
    from clusterdesk.projects.models import Project, ProjectLight

    users = get_user_model().objects.filter(is_active=True)
    user = users.get(username=args.user) if args.user else (users.filter(role="admin").first()
                                                              or users.filter(is_superuser=True).first())
    latest = ProjectLight.objects.order_by("-month").values_list("month", flat=True).first()
    month = datetime.date.fromisoformat(args.month + "-01") if args.month else latest
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"database: {engine}; projects {Project.objects.count():,}, lights of {month:%Y-%m} "
          f"{ProjectLight.objects.filter(month=month).count():,}; as {user.username} ({user.role})")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with translation.override("zh-hans"):
        start = time.perf_counter()
        document, _region, _park = briefing_build_document(kind="projects-monthly", period=month, user=user)
        data = time.perf_counter()
        docx = write_docx(document, render_chart=render_chart)
        xlsx = write_xlsx(document)
        written = time.perf_counter()
        pdf = docx_to_pdf(docx)
        converted = time.perf_counter()
    (out / "projects-monthly.docx").write_bytes(docx)
    (out / "projects-monthly.xlsx").write_bytes(xlsx)
    (out / "projects-monthly.pdf").write_bytes(pdf)
    rows = sum(len(t.rows) for t in document.sections[1].sections[0].blocks[:1])  # type: ignore[attr-defined]
    print(f"data {data - start:6.2f} s ({rows} counties); .docx + charts + .xlsx {written - data:6.2f} s "
          f"({len(docx) / 1024:,.0f} KiB); docx total {written - start:6.2f} s (target < 20 s)")
    print(f"PDF conversion {converted - written:6.2f} s ({len(pdf) / 1024:,.0f} KiB); "
          f"PDF total {converted - start:6.2f} s (target < 40 s); files in {out}")


if __name__ == "__main__":
    main()
