"""Monthly monitoring of key enterprises (运行监测): warning rules with levels, explained in Chinese."""

from clusterdesk.core.monitoring.periods import MonthError, month_date, month_index, month_label, month_of_index
from clusterdesk.core.monitoring.rules import (
    DEFAULT_MONITORING_RULES,
    Figures,
    Finding,
    Level,
    MonitoringError,
    MonitoringRules,
    Rule,
    Tiers,
    capacity_utilisation,
    colour,
    evaluate_month,
    worst_level,
    yoy_change_pct,
)

__all__ = [
    "DEFAULT_MONITORING_RULES",
    "Figures",
    "Finding",
    "Level",
    "MonitoringError",
    "MonitoringRules",
    "MonthError",
    "Rule",
    "Tiers",
    "capacity_utilisation",
    "colour",
    "evaluate_month",
    "month_date",
    "month_index",
    "month_label",
    "month_of_index",
    "worst_level",
    "yoy_change_pct",
]
