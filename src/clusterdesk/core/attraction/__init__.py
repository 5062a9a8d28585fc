"""Chain-based investment attraction (精准招商): the lead's stage workflow, the conditions under which a signed lead
becomes a project, and the funnel figures (conversion rates, days per stage) from stage-history rows."""

from clusterdesk.core.attraction.conversion import CONVERSION_ITEMS, conversion_refusals
from clusterdesk.core.attraction.funnel import FUNNEL_STAGES, Funnel, StageEntry, StageFigures, funnel
from clusterdesk.core.attraction.stages import CONVERTIBLE_STAGES, LEAD_WORKFLOW, LeadStage

__all__ = [
    "CONVERSION_ITEMS",
    "CONVERTIBLE_STAGES",
    "FUNNEL_STAGES",
    "LEAD_WORKFLOW",
    "Funnel",
    "LeadStage",
    "StageEntry",
    "StageFigures",
    "conversion_refusals",
    "funnel",
]
