"""Template helpers for the pipeline pages: stage and status labels."""

from django import template

from clusterdesk.projects.choices import NodeStatusChoices, ProblemStatusChoices, ProjectStageChoices

register = template.Library()


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
