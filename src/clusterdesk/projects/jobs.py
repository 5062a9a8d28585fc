"""The pipeline's scheduled jobs: the monthly schedules and lights, the daily problem escalation (issue 12).

Each runs the same command as the command line (`clusterdesk pipeline-month`, `clusterdesk escalate-problems`).
"""

import io

from django.core.management import call_command
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.jobs import JobContext, register_job

__all__ = ["escalate_problems", "pipeline_month"]


def pipeline_month(context: JobContext) -> str:
    """Last month's schedules, then its lights (月度调度、亮灯)."""
    out = io.StringIO()
    call_command("pipeline_month", stdout=out, stderr=out)
    return out.getvalue()


def escalate_problems(context: JobContext) -> str:
    """Overdue problems go up one coordination level (问题逾期升级)."""
    out = io.StringIO()
    call_command("escalate_problems", stdout=out)
    return out.getvalue()


register_job("pipeline-month", pipeline_month, schedule="0 2 1 * *", order=10,
             title=_("Monthly schedules and traffic lights"))
register_job("escalate-problems", escalate_problems, schedule="0 6 * * *", order=20,
             title=_("Escalation of overdue problems"))
