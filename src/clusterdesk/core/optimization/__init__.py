"""Optimisation for placing projects: park suitability ranking and batch allocation (OR-Tools).

Import from this package explicitly — the top-level `clusterdesk.core` does not re-export it, so that
code needing only the validators does not load numpy or OR-Tools.
"""

from clusterdesk.core.optimization.allocation import (
    AllocationError,
    AllocationProblem,
    AllocationResult,
    InfeasibleAllocationError,
    allocate,
    allocate_by_count,
    allocate_by_land,
    land_never_binds,
)
from clusterdesk.core.optimization.suitability import (
    CRITERIA,
    DEFAULT_WEIGHTS,
    FIT_LEVELS,
    ParkRanking,
    ParkTable,
    ProjectNeed,
    explain,
    rank_parks,
)

__all__ = [
    "CRITERIA",
    "DEFAULT_WEIGHTS",
    "FIT_LEVELS",
    "AllocationError",
    "AllocationProblem",
    "AllocationResult",
    "InfeasibleAllocationError",
    "ParkRanking",
    "ParkTable",
    "ProjectNeed",
    "allocate",
    "allocate_by_count",
    "allocate_by_land",
    "explain",
    "land_never_binds",
    "rank_parks",
]
