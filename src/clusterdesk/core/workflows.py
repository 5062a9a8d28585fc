"""Every workflow definition of clusterdesk, by name: where a reader (or a page that draws them) finds them all.

Each definition lives in the module of its domain; this module only lists them. A new workflow is a new
definition (states, transitions, guards, who may act) made with `clusterdesk.core.workflow` and named here.

Examples
--------
>>> sorted(WORKFLOWS)  # doctest: +NORMALIZE_WHITESPACE
['appeal', 'evaluation_run', 'evaluation_sheet', 'follow_up', 'inclusion_candidate', 'instruction', 'lead',
 'observation_round', 'problem', 'review']
>>> [s.label for s in WORKFLOWS["appeal"].states]
['已提出', '已受理', '办理中', '已答复', '已办结']
"""

from types import MappingProxyType

from clusterdesk.core.appeals.rules import APPEAL_WORKFLOW
from clusterdesk.core.attraction.stages import LEAD_WORKFLOW
from clusterdesk.core.evaluation.runs import EVALUATION_RUN_WORKFLOW, SHEET_WORKFLOW
from clusterdesk.core.observation.workflow import ROUND_WORKFLOW
from clusterdesk.core.review import REVIEW_WORKFLOW
from clusterdesk.core.routing.instructions import INSTRUCTION_WORKFLOW
from clusterdesk.core.statistics.workflow import CANDIDATE_WORKFLOW
from clusterdesk.core.supervision.problems import PROBLEM_WORKFLOW
from clusterdesk.core.visits.followups import FOLLOW_UP_WORKFLOW
from clusterdesk.core.workflow import Workflow

__all__ = ["WORKFLOWS"]

#: Workflow name → definition.
WORKFLOWS: MappingProxyType[str, Workflow] = MappingProxyType({w.name: w for w in (
    PROBLEM_WORKFLOW, APPEAL_WORKFLOW, FOLLOW_UP_WORKFLOW, CANDIDATE_WORKFLOW, EVALUATION_RUN_WORKFLOW,
    SHEET_WORKFLOW, REVIEW_WORKFLOW, INSTRUCTION_WORKFLOW, LEAD_WORKFLOW, ROUND_WORKFLOW)})
