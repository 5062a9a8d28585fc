"""Routing work to units: matching the names people write to the units on record, the standard offices, and the
inbox's lights."""

from .lights import TaskLight, task_light
from .names import UnitIndex, UnitName, match_unit, normalize_unit_name
from .standard import STANDARD_OFFICES, StandardOffice, StandardUnit, office_names, park_committee, standard_units

__all__ = ["STANDARD_OFFICES", "StandardOffice", "StandardUnit", "TaskLight", "UnitIndex", "UnitName", "match_unit",
           "normalize_unit_name", "office_names", "park_committee", "standard_units", "task_light"]
