"""The notifications' scheduled jobs: the day's reminders, and the digests of the hour (issue 12).

Each runs the same command as the command line (`clusterdesk reminders`, `clusterdesk digest --hour H`).
"""

import io

from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.jobs import JobContext, register_job

__all__ = ["digest_of_the_hour", "reminders"]


def reminders(context: JobContext) -> str:
    """The day's reminders to every task's people, then deliveries and retries (提醒)."""
    out = io.StringIO()
    call_command("reminders", stdout=out)
    return out.getvalue()


def digest_of_the_hour(context: JobContext) -> str:
    """The digests of those who chose this hour (each person's is sent once a day)."""
    out = io.StringIO()
    call_command("digest", "--hour", str(timezone.localtime().hour), stdout=out)
    return out.getvalue()


register_job("reminders", reminders, schedule="30 7 * * *", order=60, title=_("Reminders of the day"))
register_job("digest", digest_of_the_hour, schedule="0 * * * *", order=70, title=_("Daily digests"))
