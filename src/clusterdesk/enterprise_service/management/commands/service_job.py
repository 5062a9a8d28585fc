"""`service_job`: run an enterprise-service job — recompute warnings, detect inclusion candidates, escalate appeals."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from clusterdesk.changelog.context import change_context
from clusterdesk.core.dates import parse_date
from clusterdesk.core.exceptions import CoreError
from clusterdesk.enterprise_service.inclusion import candidates_detect
from clusterdesk.enterprise_service.models import MonthlyFigure
from clusterdesk.enterprise_service.services import appeals_escalate, warnings_recompute


def _date(text: str | None) -> datetime.date | None:
    if not text:
        return None
    try:
        return parse_date(text)
    except CoreError as exc:
        raise CommandError(str(exc)) from exc


class Command(BaseCommand):
    help = "Run an enterprise-service job: warnings (运行监测预警), candidates (入统候选), escalate (诉求升级)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("job", choices=["warnings", "candidates", "escalate"])
        parser.add_argument("--month", help="report month for warnings (2026-10, 2026年10月); default: latest reported")
        parser.add_argument("--date", help="as-of date for candidates and escalation (default: today)")

    def handle(self, *args, job: str, month: str | None = None, date: str | None = None, **options) -> None:
        with change_context(actor=None, source="job", message=f"service job {job}"):
            if job == "warnings":
                period = _date(month) or MonthlyFigure.objects.order_by("-period").values_list(
                    "period", flat=True).first()
                if period is None:
                    raise CommandError("没有月度数据，无法计算预警 / no monthly figures to compute warnings from")
                run = warnings_recompute(period=period.replace(day=1), actor=None)
            elif job == "candidates":
                run = candidates_detect(actor=None, as_of=_date(date))
            else:
                run = appeals_escalate(actor=None, today=_date(date))
        counts = ", ".join(f"{k} {v}" for k, v in run.counts.items())
        self.stdout.write(f"{run.get_kind_display()} {run.period or ''}: {counts} ({run.seconds} s)")
