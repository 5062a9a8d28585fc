"""The observation panel on a project's page, fed by `selectors.project_observation_results` (projects never
import this app: their page only includes ``observation/_project.html``)."""

from django import template

from ..selectors import project_observation_results

register = template.Library()


@register.inclusion_tag("observation/project_panel.html", takes_context=True)
def project_observation_panel(context, project):
    """Render the published observation results of ``project`` that the current user may see."""
    return {"observation_results": project_observation_results(user=context["request"].user, project=project)}
