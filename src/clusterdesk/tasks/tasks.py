"""Leaders' instructions as a task source: each open instruction is its unit's task until closed."""

from django.urls import reverse

from clusterdesk.common.registry import TaskSource, registry

from .models import Instruction, InstructionStatusChoices
from .sources import TaskSpec

__all__ = ["instruction_task", "register"]


def instruction_task(instruction: Instruction) -> TaskSpec:
    """An instruction asks its unit (and person) to carry it out by its due date; closed, the task is done."""
    leader = f"（{instruction.leader_name}）" if instruction.leader_name else ""
    return TaskSpec(
        title=f"督办{leader}：{instruction.text}"[:300], region_id=instruction.region_id,
        url=reverse("tasks:instruction_detail", args=[instruction.pk]), unit_id=instruction.assigned_unit_id,
        person_id=instruction.assigned_person_id, due_date=instruction.due_date,
        done=instruction.status == InstructionStatusChoices.DONE, done_date=instruction.done_date,
        cancelled=instruction.status == InstructionStatusChoices.CANCELLED,
        escalation_level=instruction.escalation_level)


def register() -> None:
    """Hand the instructions' task source to the registry (from ``TasksConfig.ready``)."""
    registry.register_task_source(TaskSource(
        model="tasks.instruction", kind="instruction", spec=instruction_task,
        open_rows=lambda: Instruction.objects.iterator(chunk_size=2000)))
