"""The per-mu evaluation run (亩均效益评价) as a workflow: its steps and its enterprises' data sheets (一企一单).

The scoring itself is `clusterdesk.core.scoring`; this package holds only the workflow, so that it loads no numpy.
"""

from clusterdesk.core.evaluation.runs import EVALUATION_RUN_WORKFLOW, SHEET_WORKFLOW, RunStatus, SheetStatus

__all__ = ["EVALUATION_RUN_WORKFLOW", "SHEET_WORKFLOW", "RunStatus", "SheetStatus"]
