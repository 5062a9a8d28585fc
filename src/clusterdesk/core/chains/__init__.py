"""Chain maps: template validation and keyword mapping of enterprises to segments (pyahocorasick, OpenCC).

Not re-exported from `clusterdesk.core`: import from ``clusterdesk.core.chains``.
"""

from clusterdesk.core.chains.gaps import (
    GAP_STATUSES,
    Candidate,
    ChainGaps,
    GapThresholds,
    Purchase,
    SegmentGap,
    SegmentStrength,
    SupportingRate,
    attraction_targets,
    chain_gaps,
    rank_candidates,
    supporting_rates,
)
from clusterdesk.core.chains.mapping import (
    DEFAULT_NEGATIONS,
    Evidence,
    MappingError,
    SegmentMatch,
    SegmentMatcher,
    SegmentRule,
    normalise_text,
)
from clusterdesk.core.chains.templates import (
    POSITIONS,
    ChainTemplate,
    EdgeTemplate,
    SegmentTemplate,
    TemplateError,
    template_errors,
    template_from_dict,
    template_to_dict,
)

__all__ = [
    "DEFAULT_NEGATIONS",
    "GAP_STATUSES",
    "POSITIONS",
    "Candidate",
    "ChainGaps",
    "ChainTemplate",
    "EdgeTemplate",
    "Evidence",
    "GapThresholds",
    "MappingError",
    "Purchase",
    "SegmentGap",
    "SegmentMatch",
    "SegmentMatcher",
    "SegmentRule",
    "SegmentStrength",
    "SegmentTemplate",
    "SupportingRate",
    "TemplateError",
    "attraction_targets",
    "chain_gaps",
    "normalise_text",
    "rank_candidates",
    "supporting_rates",
    "template_errors",
    "template_from_dict",
    "template_to_dict",
]
