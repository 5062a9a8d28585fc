"""Routing work to units: matching the names people write to the units on record, and the inbox's lights."""

from .lights import TaskLight, task_light
from .names import UnitName, match_unit, normalize_unit_name

__all__ = ["TaskLight", "UnitName", "match_unit", "normalize_unit_name", "task_light"]
