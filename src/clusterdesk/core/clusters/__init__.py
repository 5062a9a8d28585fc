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

__all__ = [
    "QUADRANTS",
    "ShiftShare",
    "StrongClusterRule",
    "cagr",
    "location_quotient",
    "peer_location_quotient",
    "percentile",
    "quadrant",
    "shift_share",
    "strong_cluster_flags",
]
