"""`digest`: the daily digest — open tasks by light and unread notifications, by e-mail and in the application."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from clusterdesk.changelog.context import change_context
from clusterdesk.core.dates import parse_date
from clusterdesk.core.exceptions import CoreError
from clusterdesk.notifications.services import digests_send


class Command(BaseCommand):
    help = "Send the daily digests (to everyone who wants one, or those who chose --hour)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="run as of this day (default: today)")
        parser.add_argument("--hour", type=int, help="only the people who chose this hour (default: everyone)")

    def handle(self, *args, date=None, hour=None, **options) -> None:
        try:
            day = parse_date(date) if date else timezone.localdate()
        except CoreError as exc:
            raise CommandError(f"--date：{exc}") from exc
        with change_context(actor=None, source="job", message=f"digest {day}"):
            counts = digests_send(day=day, hour=hour)
        self.stdout.write(f"digest {day}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
