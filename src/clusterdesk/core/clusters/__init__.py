"""Cluster metrics (LQ, CAGR, shift-share, peer specialisation, strong-cluster flags, quadrants) on numpy arrays.

Not re-exported from `clusterdesk.core`: import from ``clusterdesk.core.clusters``.
"""

from clusterdesk.core.clusters.metrics import (
    QUADRANTS,
    ShiftShare,
    StrongClusterRule,
    cagr,
    location_quotient,
    peer_location_quotient,
    percentile,
    quadrant,
    shift_share,
    strong_cluster_flags,
)
from clusterdesk.core.clusters.reference import (
    REFERENCE_KINDS,
    code_matches,
    location_quotients,
    reference_sum,
    reference_values,
    share_location_quotient,
)
from clusterdesk.core.clusters.targets import (
    ConcentrationShares,
    LocalSupply,
    TargetProgress,
    concentration_shares,
    local_supply_rates,
    target_progress,
    year_elapsed_share,
)

__all__ = [
    "QUADRANTS",
    "REFERENCE_KINDS",
    "ConcentrationShares",
    "LocalSupply",
    "ShiftShare",
    "StrongClusterRule",
    "TargetProgress",
    "cagr",
    "code_matches",
    "concentration_shares",
    "local_supply_rates",
    "location_quotient",
    "location_quotients",
    "peer_location_quotient",
    "percentile",
    "quadrant",
    "reference_sum",
    "reference_values",
    "share_location_quotient",
    "shift_share",
    "strong_cluster_flags",
    "target_progress",
    "year_elapsed_share",
]
