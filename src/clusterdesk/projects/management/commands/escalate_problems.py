"""`escalate_problems`: the daily job — overdue problems go up one coordination level, recorded."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from clusterdesk.changelog.context import change_context
from clusterdesk.core.dates import parse_date
from clusterdesk.core.exceptions import CoreError
from clusterdesk.core.supervision import DEFAULT_ESCALATION_DAYS
from clusterdesk.projects.services import problems_escalate_overdue


class Command(BaseCommand):
    help = "Escalate every open problem overdue by N days one coordination level (问题逾期自动升级)."

    def add_arguments(self, parser) -> None:
        default = int(settings.CLUSTERDESK.get("PROBLEM_ESCALATION_DAYS", DEFAULT_ESCALATION_DAYS))
        parser.add_argument("--days", type=int, default=default,
                            help=f"days after the due date and after each escalation (default {default})")
        parser.add_argument("--today", help="run as of this day (default: today)")

    def handle(self, *args, days: int, today=None, **options) -> None:
        if days < 0:
            raise CommandError(f"--days 不能为负数：{days}")
        try:
            day = parse_date(today) if today else timezone.localdate()
        except CoreError as exc:
            raise CommandError(f"--today：{exc}") from exc
        with change_context(actor=None, source="job", message=f"escalate problems {day}"):
            done = problems_escalate_overdue(today=day, days=days)
        self.stdout.write(f"{len(done)} problems escalated as of {day} (every {days} days overdue)")
        for escalation in done[:50]:
            self.stdout.write(f"  #{escalation.problem_id} {escalation.from_level} → {escalation.to_level}: "
                              f"{escalation.reason}")
