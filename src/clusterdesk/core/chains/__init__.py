"""Chain maps: template validation and keyword mapping of enterprises to segments (pyahocorasick, OpenCC).

Not re-exported from `clusterdesk.core`: import from ``clusterdesk.core.chains``.
"""

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
    "POSITIONS",
    "ChainTemplate",
    "EdgeTemplate",
    "Evidence",
    "MappingError",
    "SegmentMatch",
    "SegmentMatcher",
    "SegmentRule",
    "SegmentTemplate",
    "TemplateError",
    "normalise_text",
    "template_errors",
    "template_from_dict",
    "template_to_dict",
]
