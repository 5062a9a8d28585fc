"""The rules this app applies: the core defaults, overridden by ``settings.CLUSTERDESK["ENTERPRISE_SERVICE"]``.

For example ``{"SECRETARY_LOAD_LIMIT": 25, "YOY_DROP_PCT": [15, 25, 40]}``. Every quoted practice threshold is a
default a deployment may change here, never a constant in code.
"""

from decimal import Decimal

from django.conf import settings

from clusterdesk.core.appeals import DEFAULT_APPEAL_RULES, AppealRules
from clusterdesk.core.monitoring import DEFAULT_MONITORING_RULES, MonitoringRules, Tiers
from clusterdesk.core.statistics import DEFAULT_CALENDAR, DEFAULT_DETECTION_RULES, CalendarRules, DetectionRules
from clusterdesk.core.validation import DEFAULT_BOUNDS, PlausibilityBounds

__all__ = [
    "appeal_rules",
    "calendar_rules",
    "detection_rules",
    "monitoring_rules",
    "new_production_window_days",
    "plausibility_bounds",
    "project_start_window_days",
    "secretary_load_limit",
]


def _options() -> dict:
    return dict(getattr(settings, "CLUSTERDESK", {}).get("ENTERPRISE_SERVICE", {}))


def _tiers(values, ascending: bool = True) -> Tiers:
    watch, warning, serious = (Decimal(str(v)) for v in values)
    return Tiers(watch, warning, serious, ascending=ascending)


def monitoring_rules() -> MonitoringRules:
    """The warning thresholds in force."""
    options = _options()
    if not any(key in options for key in ("YOY_DROP_PCT", "ORDERS_FALLING_MONTHS", "UTILISATION_BELOW_PCT",
                                          "ELECTRICITY_GAP_PP", "MISSING_MONTHS")):
        return DEFAULT_MONITORING_RULES
    base = DEFAULT_MONITORING_RULES
    return MonitoringRules(
        yoy_drop_pct=_tiers(options["YOY_DROP_PCT"]) if "YOY_DROP_PCT" in options else base.yoy_drop_pct,
        orders_falling_months=_tiers(options["ORDERS_FALLING_MONTHS"]) if "ORDERS_FALLING_MONTHS" in options
        else base.orders_falling_months,
        utilisation_below_pct=_tiers(options["UTILISATION_BELOW_PCT"], ascending=False)
        if "UTILISATION_BELOW_PCT" in options else base.utilisation_below_pct,
        electricity_gap_pp=_tiers(options["ELECTRICITY_GAP_PP"]) if "ELECTRICITY_GAP_PP" in options
        else base.electricity_gap_pp,
        missing_months=_tiers(options["MISSING_MONTHS"]) if "MISSING_MONTHS" in options else base.missing_months,
    )


def plausibility_bounds() -> PlausibilityBounds:
    """The plausibility bounds of monthly figures in force (`core.validation.plausibility`).

    ``UTILISATION_CEILING_PCT`` (refused above, default 200), ``UTILISATION_EXPLAIN_ABOVE_PCT`` (explained above,
    100) and ``UTILISATION_JUMP_PP`` (explained when utilisation moves more since last month, 30 points).
    """
    options = _options()
    names = {"UTILISATION_CEILING_PCT": "utilisation_ceiling_pct",
             "UTILISATION_EXPLAIN_ABOVE_PCT": "utilisation_explain_above_pct",
             "UTILISATION_JUMP_PP": "utilisation_jump_pp"}
    given = {field: Decimal(str(options[key])) for key, field in names.items() if key in options}
    return PlausibilityBounds(**given) if given else DEFAULT_BOUNDS


def detection_rules() -> DetectionRules:
    """The inclusion thresholds and estimate ratios in force."""
    return DEFAULT_DETECTION_RULES


def calendar_rules() -> CalendarRules:
    """The application calendar in force."""
    return DEFAULT_CALENDAR


def appeal_rules() -> AppealRules:
    """Appeal routes, time limits and escalation pace in force."""
    return DEFAULT_APPEAL_RULES


def secretary_load_limit() -> int:
    """How many key enterprises one secretary serves before the coverage report calls them overloaded."""
    return int(_options().get("SECRETARY_LOAD_LIMIT", 20))


def project_start_window_days() -> int:
    """How recently a project must have started (or be due to start) to be listed for the investment statistics.

    Projects report their start within weeks (by the 5th of the next month); one started long before is taken to be
    in the statistics already, so only recent starts are listed (92 days by default).
    """
    return int(_options().get("PROJECT_START_WINDOW_DAYS", 92))


def new_production_window_days() -> int:
    """How recently a project must have gone into production for its owner to be followed as a new unit (365)."""
    return int(_options().get("NEW_PRODUCTION_WINDOW_DAYS", 365))
