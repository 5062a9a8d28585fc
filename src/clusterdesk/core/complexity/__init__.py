"""Economic complexity and relatedness: RCA, presence, diversity, ubiquity, proximity, density, ECI/PCI, COI, COG.

Vectorised with numpy and scipy. Two conventions (see `clusterdesk.core.complexity.measures`): the Atlas
reference conventions by default, and ``compat="ecomplexity"`` reproducing the PyPI package ``ecomplexity``
0.5.3. Not re-exported from `clusterdesk.core`, so that importing the core stays free of numpy.
"""

from clusterdesk.core.complexity.measures import (
    ATLAS,
    COMPAT_MODES,
    ECOMPLEXITY,
    ComplexityError,
    ComplexityResult,
    complexity,
    complexity_long,
    density,
    diversity_ubiquity,
    eci_pci,
    presence,
    proximity,
    rca,
)
from clusterdesk.core.complexity.opportunity import (
    OPPORTUNITY_PRESETS,
    SORT_KEYS,
    Opportunity,
    opportunity_weights,
    rank_opportunities,
)

__all__ = [
    "ATLAS",
    "COMPAT_MODES",
    "ECOMPLEXITY",
    "OPPORTUNITY_PRESETS",
    "SORT_KEYS",
    "ComplexityError",
    "ComplexityResult",
    "Opportunity",
    "complexity",
    "complexity_long",
    "density",
    "diversity_ubiquity",
    "eci_pci",
    "opportunity_weights",
    "presence",
    "proximity",
    "rank_opportunities",
    "rca",
]
