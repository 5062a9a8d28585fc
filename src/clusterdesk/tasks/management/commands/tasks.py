"""`tasks`: look after the inbox — rebuild every task from its source, generate the month's reports and figures due,
escalate overdue instructions."""

import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from clusterdesk.changelog.context import change_context
from clusterdesk.core.dates import parse_date
from clusterdesk.core.exceptions import CoreError
from clusterdesk.tasks.services import (
    figures_tasks_generate,
    report_tasks_generate,
    task_rebuild,
    tasks_escalate_overdue,
)


def _date(text: str | None) -> datetime.date | None:
    if not text:
        return None
    try:
        return parse_date(text)
    except CoreError as exc:
        raise CommandError(str(exc)) from exc


class Command(BaseCommand):
    help = ("Inbox jobs: rebuild (every task from its source), generate-reports (reports and figures due of a "
            "month), escalate (overdue instructions).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("job", choices=["rebuild", "generate-reports", "escalate"])
        parser.add_argument("--month", help="month of the reports due (2026-10); default: the month before --date")
        parser.add_argument("--date", help="as-of date (default: today)")

    def handle(self, *args, job: str, month: str | None = None, date: str | None = None, **options) -> None:
        today = _date(date)
        with change_context(actor=None, source="job", message=f"tasks {job}"):
            if job == "rebuild":
                counts = task_rebuild()
            elif job == "generate-reports":
                period = _date(month)
                try:
                    counts = {"report_due": report_tasks_generate(month=period, today=today),
                              "figures_due": figures_tasks_generate(month=period, today=today)}
                except ValidationError as exc:
                    raise CommandError("；".join(exc.messages)) from exc
            else:
                counts = tasks_escalate_overdue(today=today)
        self.stdout.write(", ".join(f"{k} {v}" for k, v in counts.items()) or "0")
