"""The enterprise service's scheduled jobs: monthly warnings and inclusion candidates, daily appeal escalation.

Each runs the same command as the command line (`clusterdesk service-job warnings|candidates|escalate`). The
monthly ones run on the 6th, after the figures' due day (the 5th).
"""

import io

from django.core.management import call_command
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.jobs import JobContext, register_job

__all__ = ["appeals_escalate", "candidates_detect", "warnings_recompute"]


def _service_job(name: str) -> str:
    out = io.StringIO()
    call_command("service_job", name, stdout=out)
    return out.getvalue()


def warnings_recompute(context: JobContext) -> str:
    """The operating warnings of the latest reported month (运行监测预警); nothing to do before any figures."""
    from clusterdesk.enterprise_service.models import MonthlyFigure

    if not MonthlyFigure.objects.exists():
        return "没有月度数据，无需计算预警 / no monthly figures yet: nothing to compute"
    return _service_job("warnings")


def candidates_detect(context: JobContext) -> str:
    """Enterprises and projects that qualify for the statistics but are not in them (入统候选)."""
    return _service_job("candidates")


def appeals_escalate(context: JobContext) -> str:
    """Overdue appeals go up one level (诉求升级)."""
    return _service_job("escalate")


register_job("service-warnings", warnings_recompute, schedule="0 3 6 * *", order=30,
             title=_("Enterprise operating warnings"))
register_job("service-candidates", candidates_detect, schedule="30 3 6 * *", order=40,
             title=_("Statistics inclusion candidates"))
register_job("service-escalate", appeals_escalate, schedule="30 6 * * *", order=50,
             title=_("Escalation of overdue appeals"))
