"""The briefings' scheduled job: last month's briefings for every subscription, on the 3rd at 07:00 (reports of the
month are due on the 5th; the job may be re-run, and a subscriber is told of each briefing once)."""

from django.utils.translation import gettext_lazy as _

from clusterdesk.changelog.context import change_context
from clusterdesk.common.jobs import JobContext, register_job

from .services import briefings_monthly_run

__all__ = ["monthly_briefings"]


def monthly_briefings(context: JobContext) -> str:
    """Generate and deliver last month's briefings to their subscribers."""
    with change_context(actor=None, source="job", message="monthly briefings"):
        counts = briefings_monthly_run()
    return "briefings: " + ", ".join(f"{k} {v}" for k, v in counts.items())


register_job("briefings", monthly_briefings, schedule="0 7 3 * *", order=80, title=_("Monthly briefings"))
