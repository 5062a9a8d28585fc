"""Routing work to units: matching the names people write to the units on record, the inbox's lights, reminders."""

from clusterdesk.core.routing.lights import TaskLight, task_light
from clusterdesk.core.routing.names import UnitName, match_unit, normalize_unit_name
from clusterdesk.core.routing.reminders import (
    Reminder,
    ReminderKind,
    ReminderRuleError,
    ReminderRules,
    reminder_rules,
    reminders_due,
)

__all__ = [
    "Reminder",
    "ReminderKind",
    "ReminderRuleError",
    "ReminderRules",
    "TaskLight",
    "UnitName",
    "match_unit",
    "normalize_unit_name",
    "reminder_rules",
    "reminders_due",
    "task_light",
]
