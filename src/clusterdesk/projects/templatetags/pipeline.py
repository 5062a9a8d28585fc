"""Template helpers for the pipeline pages: stage and status labels, gate facts and template nodes by name."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterdesk.projects.choices import (
    DependencyKindChoices,
    NodeStatusChoices,
    ProblemStatusChoices,
    ProjectStageChoices,
)

register = template.Library()

#: The project facts a stage gate may test (projects.services._gate_facts), beyond milestone nodes.
GATE_FACTS = ("total_investment_wan", "owner", "park", "region", "planned_start_date", "actual_start_date",
              "land_secured", "signed_date", "actual_completion_date", "actual_production_date", "statistics_date",
              "above_scale")
_NOT_FIELDS = {"above_scale": gettext_lazy("owner above designated size")}


def node_names() -> dict[str, str]:
    """Milestone-template node code → node name (用地预审, not land_preapproval)."""
    from clusterdesk.projects.models import MilestoneTemplate

    return dict(MilestoneTemplate.objects.order_by("project_type", "sequence").values_list("code", "name"))


def gate_fact_choices() -> list[tuple[str, str]]:
    """What a gate rule may test, by name: the project's facts, then the template nodes (for 'done')."""
    from clusterdesk.projects.models import Project

    facts = [(name, str(_NOT_FIELDS.get(name) or Project._meta.get_field(name).verbose_name)) for name in GATE_FACTS]
    nodes = sorted(node_names().items(), key=lambda item: item[1])
    return [(str(_("Project facts")), facts), (str(_("Milestone nodes")), nodes)]


@register.filter
def gate_fact(value: str) -> str:
    """A gate rule's fact by name; ``a|b`` alternatives joined with 或."""
    labels = {code: label for _group, choices in gate_fact_choices() for code, label in choices}
    return str(_(" or ")).join(labels.get(part, part) for part in str(value).split("|"))


@register.filter
def template_link(link) -> str:
    """A milestone-template link by its nodes' names: 用地预审 → 施工许可（完成-开始，+0 天）."""
    names = node_names()
    kind = DependencyKindChoices(link.kind).label if link.kind in DependencyKindChoices.values else link.kind
    return _("%(before)s → %(after)s (%(kind)s, %(lag)+d days)") % {
        "before": names.get(link.predecessor_code, link.predecessor_code),
        "after": names.get(link.successor_code, link.successor_code), "kind": kind, "lag": link.lag_days}


@register.filter
def stage_label(value: str) -> str:
    """The translated label of a stage slug."""
    try:
        return ProjectStageChoices(value).label
    except ValueError:
        return value


@register.filter
def node_status_label(value: str) -> str:
    try:
        return NodeStatusChoices(value).label
    except ValueError:
        return "—"


@register.filter
def problem_status_label(value: str) -> str:
    try:
        return ProblemStatusChoices(value).label
    except ValueError:
        return value
