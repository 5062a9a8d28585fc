"""Scoring and classing: per-mu evaluation (亩均效益评价), composite park evaluation, featured-park criteria.

Vectorised with numpy; pure (no Django, no I/O). Import from this package explicitly — the top-level
`clusterdesk.core` does not re-export it, so that code needing only the validators does not load numpy.
"""

from clusterdesk.core.scoring.classes import (
    CLASSES,
    RANK_BANDS_20_60_95,
    RANK_BANDS_25_70_95,
    Classing,
    classify,
    competition_rank,
)
from clusterdesk.core.scoring.composite import (
    COMPOSITE_METHODS,
    DEFAULT_CATEGORIES,
    DEFAULT_PARK_SYSTEM,
    CompositeIndicator,
    CompositeResult,
    bottom_flags,
    composite_evaluate,
    rank_movement,
)
from clusterdesk.core.scoring.evaluate import Evaluation, area_values, evaluate
from clusterdesk.core.scoring.featured import (
    DEFAULT_CERTIFICATION,
    DEFAULT_CULTIVATION,
    Criterion,
    CriterionResult,
    Decision,
    check_criteria,
    featured_decision,
)
from clusterdesk.core.scoring.indicators import (
    ABOVE_SCALE_INDICATORS,
    BELOW_SCALE_INDICATORS,
    FIGURE_FIELDS,
    Indicator,
    aggregate_figures,
    per_mu_indicators,
)
from clusterdesk.core.scoring.methods import Method, ScoringError, ScoringMethod, indicator_points
from clusterdesk.core.scoring.policies import (
    DEFAULT_SURCHARGE_YUAN_PER_KWH,
    consecutive_years_in_class,
    electricity_surcharge,
)
from clusterdesk.core.scoring.weights import entropy_weights, topsis

__all__ = [
    "ABOVE_SCALE_INDICATORS",
    "BELOW_SCALE_INDICATORS",
    "CLASSES",
    "COMPOSITE_METHODS",
    "DEFAULT_CATEGORIES",
    "DEFAULT_CERTIFICATION",
    "DEFAULT_CULTIVATION",
    "DEFAULT_PARK_SYSTEM",
    "DEFAULT_SURCHARGE_YUAN_PER_KWH",
    "FIGURE_FIELDS",
    "RANK_BANDS_20_60_95",
    "RANK_BANDS_25_70_95",
    "Classing",
    "CompositeIndicator",
    "CompositeResult",
    "Criterion",
    "CriterionResult",
    "Decision",
    "Evaluation",
    "Indicator",
    "Method",
    "ScoringError",
    "ScoringMethod",
    "aggregate_figures",
    "area_values",
    "bottom_flags",
    "check_criteria",
    "classify",
    "competition_rank",
    "composite_evaluate",
    "consecutive_years_in_class",
    "electricity_surcharge",
    "entropy_weights",
    "evaluate",
    "featured_decision",
    "indicator_points",
    "per_mu_indicators",
    "rank_movement",
    "topsis",
]
