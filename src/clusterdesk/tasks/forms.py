"""Forms of the 督办 pages: an instruction typed in (or added on a visit's page), and the visits entered by hand."""

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.forms import FlexibleDateField, ScopedModelForm

from .models import Instruction, InstructionOrigin
from .services import instruction_create, instruction_update

__all__ = ["InstructionForm"]


class InstructionForm(ScopedModelForm):
    """A leader's instruction typed in: its text, the leader, the responsible unit and person, the dates; the
    coordination meeting it was given at, when added from the meeting's page (``?meeting=…``)."""

    issued_date = FlexibleDateField(label=_("issued"))
    due_date = FlexibleDateField(label=_("due"), required=False)

    class Meta(ScopedModelForm.Meta):
        model = Instruction
        fields = ["text", "leader_name", "origin", "region", "assigned_unit", "assigned_person", "issued_date",
                  "due_date", "meeting"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "meeting": forms.HiddenInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["origin"].choices = [(v, label) for v, label in InstructionOrigin.choices
                                         if v == InstructionOrigin.TYPED or v == self.instance.origin]

    def save_with(self, *, actor) -> Instruction:
        """Save through the services (a new instruction is assigned; a change keeps its status)."""
        instruction = self.instance
        if instruction.pk:
            return instruction_update(instruction=instruction, actor=actor)
        return instruction_create(instruction=instruction, actor=actor)
