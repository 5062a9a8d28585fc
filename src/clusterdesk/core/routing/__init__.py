"""Routing work to units: matching the names people write to the units on record, the inbox's lights, leaders'
instructions and the 督办 board's figures."""

from .board import BoardFigures, board_figures
from .instructions import INSTRUCTION_WORKFLOW, RELATION_SUPERVISOR, InstructionStatus
from .lights import TaskLight, task_light
from .names import UnitName, match_unit, normalize_unit_name

__all__ = ["INSTRUCTION_WORKFLOW", "RELATION_SUPERVISOR", "BoardFigures", "InstructionStatus", "TaskLight",
           "UnitName", "board_figures", "match_unit", "normalize_unit_name", "task_light"]
