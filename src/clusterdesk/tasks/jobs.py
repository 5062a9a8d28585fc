"""The inbox's scheduled jobs: the reports and figures due of last month, and the escalation of overdue
instructions (issue 12). Each runs the same command as the command line (`clusterdesk tasks …`)."""

import io

from django.core.management import call_command
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.jobs import JobContext, register_job

__all__ = ["escalate_instructions", "generate_reports_due"]


def generate_reports_due(context: JobContext) -> str:
    """Last month's monthly reports and figures due, as tasks of the units and secretaries that file them."""
    out = io.StringIO()
    call_command("tasks", "generate-reports", stdout=out)
    return out.getvalue()


def escalate_instructions(context: JobContext) -> str:
    """Overdue leaders' instructions go up one level, as problems do."""
    out = io.StringIO()
    call_command("tasks", "escalate", stdout=out)
    return out.getvalue()


# Before the reminders (07:30): the day's report tasks exist when the reminders are worked out.
register_job("tasks-reports-due", generate_reports_due, schedule="0 5 * * *", order=40,
             title=_("Monthly reports and figures due"))
register_job("tasks-escalate", escalate_instructions, schedule="15 6 * * *", order=50,
             title=_("Escalation of overdue instructions"))
