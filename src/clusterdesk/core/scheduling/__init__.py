"""Scheduling of project milestones: critical-path method (倒排工期) and MS Project XML (MSPDI) conversion."""

from clusterdesk.core.scheduling.mspdi import MSPDI_NAMESPACE, MspdiError, mspdi_to_tasks, tasks_to_mspdi
from clusterdesk.core.scheduling.network import (
    CyclicDependencyError,
    Dependency,
    DependencyKind,
    InvalidScheduleError,
    LateTimes,
    Schedule,
    Task,
    TaskTimes,
    UnknownTaskError,
    backward_pass,
    schedule,
    topological_order,
)

__all__ = [
    "MSPDI_NAMESPACE",
    "CyclicDependencyError",
    "Dependency",
    "DependencyKind",
    "InvalidScheduleError",
    "LateTimes",
    "MspdiError",
    "Schedule",
    "Task",
    "TaskTimes",
    "UnknownTaskError",
    "backward_pass",
    "mspdi_to_tasks",
    "schedule",
    "tasks_to_mspdi",
    "topological_order",
]
