"""`pipeline_month`: the monthly job — recompute every schedule, then every project's light for a month."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from clusterdesk.changelog.context import change_context
from clusterdesk.core.dates import parse_date
from clusterdesk.core.exceptions import CoreError
from clusterdesk.projects.supervision import monthly_run


class Command(BaseCommand):
    help = "Recompute every project's schedule and traffic light for a month (月度亮灯), keeping the history."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--month", help="the report month, e.g. 2026-10 or 2026年10月 (default: last month)")
        parser.add_argument("--today", help="the day the schedules are judged on (default: the month's end)")

    def handle(self, *args, month=None, today=None, **options) -> None:
        try:
            first = parse_date(month).replace(day=1) if month else _last_month()
            day = parse_date(today) if today else None
        except CoreError as exc:
            raise CommandError(f"--month/--today：{exc}") from exc
        with change_context(actor=None, source="job", message=f"pipeline month {first:%Y-%m}"):
            result = monthly_run(month=first, today=day)
        schedules, lights = result["schedules"], result["lights"]
        self.stdout.write(f"schedules: {schedules['projects']:,} projects, {schedules['milestones']:,} milestones, "
                          f"{schedules['changed']:,} changed, {schedules['seconds']} s")
        for error in schedules["errors"][:20]:
            self.stderr.write(error)
        self.stdout.write(f"lights {lights['month']}: green {lights['green']:,}, yellow {lights['yellow']:,}, "
                          f"red {lights['red']:,} ({lights['projects']:,} projects, {lights['seconds']} s)")


def _last_month() -> datetime.date:
    today = datetime.date.today()
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
