"""Routing work to units: matching the names people write to the units on record, the standard offices, the inbox's
lights, leaders' instructions, the 督办 board's figures, and reminders."""

from clusterdesk.core.routing.board import BoardFigures, board_figures
from clusterdesk.core.routing.instructions import INSTRUCTION_WORKFLOW, RELATION_SUPERVISOR, InstructionStatus
from clusterdesk.core.routing.lights import TaskLight, task_light
from clusterdesk.core.routing.names import UnitIndex, UnitName, match_unit, normalize_unit_name
from clusterdesk.core.routing.reminders import (
    Reminder,
    ReminderKind,
    ReminderRuleError,
    ReminderRules,
    reminder_rules,
    reminders_due,
)
from clusterdesk.core.routing.standard import (
    STANDARD_OFFICES,
    StandardOffice,
    StandardUnit,
    office_names,
    park_committee,
    standard_units,
)

__all__ = [
    "INSTRUCTION_WORKFLOW",
    "RELATION_SUPERVISOR",
    "STANDARD_OFFICES",
    "BoardFigures",
    "InstructionStatus",
    "Reminder",
    "ReminderKind",
    "ReminderRuleError",
    "ReminderRules",
    "StandardOffice",
    "StandardUnit",
    "TaskLight",
    "UnitIndex",
    "UnitName",
    "board_figures",
    "match_unit",
    "normalize_unit_name",
    "office_names",
    "park_committee",
    "reminder_rules",
    "reminders_due",
    "standard_units",
    "task_light",
]
