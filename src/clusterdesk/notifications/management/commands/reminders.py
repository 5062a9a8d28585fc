"""`reminders`: the daily job — every open task's reminders to its people, then the deliveries."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from clusterdesk.changelog.context import change_context
from clusterdesk.core.dates import parse_date
from clusterdesk.core.exceptions import CoreError
from clusterdesk.notifications.services import reminders_run


class Command(BaseCommand):
    help = "Send the day's reminders of open tasks (due soon, due, overdue, escalated), at most once a day each."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="run as of this day (default: today)")

    def handle(self, *args, date=None, **options) -> None:
        try:
            day = parse_date(date) if date else timezone.localdate()
        except CoreError as exc:
            raise CommandError(f"--date：{exc}") from exc
        with change_context(actor=None, source="job", message=f"reminders {day}"):
            counts = reminders_run(today=day)
        self.stdout.write(f"reminders {day}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
