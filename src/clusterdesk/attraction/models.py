"""Investment leads (招商线索) of chain-based attraction, targeted at chain segments, scoped by region and park."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.models import BaseModel

from .choices import FollowUpKindChoices, LeadStageChoices, TransferTypeChoices

__all__ = ["Lead", "LeadFollowUp", "LeadStageChange"]


class Lead(BaseModel):
    """A lead: a company that may invest, the chain segment it would fill, and how far talks have gone."""

    name = models.CharField(_("lead"), max_length=200, help_text=_("What the investment would be."))
    company = models.CharField(_("target company"), max_length=200, blank=True,
                               help_text=_("Left blank while the company to approach is not known yet."))
    region = models.ForeignKey("regions.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="leads")
    park = models.ForeignKey("parks.Park", verbose_name=_("park"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="leads")
    cluster = models.ForeignKey("industry.Cluster", verbose_name=_("cluster"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="leads")
    chain_segment = models.ForeignKey("industry.ChainSegment", verbose_name=_("target chain segment"), null=True,
                                      blank=True, on_delete=models.SET_NULL, related_name="leads")
    transfer_type = models.CharField(_("industry-transfer type"), max_length=20, choices=TransferTypeChoices.choices,
                                     blank=True)
    stage = models.CharField(_("stage"), max_length=20, choices=LeadStageChoices.choices,
                             default=LeadStageChoices.LEAD, db_index=True)
    planned_investment_wan = models.DecimalField(_("planned investment (10k yuan)"), max_digits=16, decimal_places=2,
                                                 null=True, blank=True)
    land_area_mu = models.DecimalField(_("land (mu)"), max_digits=12, decimal_places=2, null=True, blank=True)
    industry = models.ForeignKey("industry.IndustryCode", verbose_name=_("industry"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="leads")
    source = models.CharField(_("source"), max_length=100, blank=True, help_text=_("E.g. 以商招商, 驻点招商."))
    owner_unit = models.CharField(_("follow-up unit"), max_length=200, blank=True)
    assigned_unit = models.ForeignKey("accounts.Unit", verbose_name=_("responsible unit"), null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    assigned_person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("responsible person"), null=True,
                                        blank=True, on_delete=models.SET_NULL, related_name="+")
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    next_step_date = models.DateField(_("next step by"), null=True, blank=True)
    stage_date = models.DateField(_("in this stage since"), null=True, blank=True, editable=False)
    termination_reason = models.CharField(_("termination reason"), max_length=300, blank=True)
    expected_sign_date = models.DateField(_("expected signing"), null=True, blank=True)
    signed_date = models.DateField(_("signed"), null=True, blank=True)
    project = models.ForeignKey("projects.Project", verbose_name=_("landed as project"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="leads")
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("investment lead")
        verbose_name_plural = _("investment leads")
        ordering = ["-last_updated", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="%(app_label)s_%(class)s_unique_region_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("attraction:lead_detail", args=[self.pk])

    def clean(self) -> None:
        """A signed lead has a signing date; a landed lead names the project it became."""
        from django.core.exceptions import ValidationError

        errors = {}
        if self.stage in (LeadStageChoices.SIGNED, LeadStageChoices.LANDED) and self.signed_date is None:
            errors["signed_date"] = _("A signed lead needs its signing date.")
        if self.stage == LeadStageChoices.LANDED and self.project_id is None:
            errors["project"] = _("A landed lead names the project it became.")
        if self.next_step_date and not self.next_step.strip():
            errors["next_step"] = _("Say what the next step is.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        """Not landed nor terminated: the lead is still pursued."""
        return self.stage not in (LeadStageChoices.LANDED, LeadStageChoices.TERMINATED)


class LeadFollowUp(BaseModel):
    """One follow-up of a lead (跟进记录): a contact, visit, offer or round of talks, by whom, and what comes next."""

    lead = models.ForeignKey(Lead, verbose_name=_("lead"), on_delete=models.CASCADE, related_name="follow_ups")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=FollowUpKindChoices.choices,
                            default=FollowUpKindChoices.CONTACT)
    summary = models.TextField(_("summary"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    by_name = models.CharField(_("by (name)"), max_length=100, blank=True)
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    next_step_date = models.DateField(_("next step by"), null=True, blank=True)

    class Meta:
        verbose_name = _("lead follow-up")
        verbose_name_plural = _("lead follow-ups")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("attraction:lead_detail", args=[self.lead_id])


class LeadStageChange(BaseModel):
    """One stage transition of a lead, with the day it took effect (the funnel's days per stage come from these)."""

    lead = models.ForeignKey(Lead, verbose_name=_("lead"), on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(_("from"), max_length=20, choices=LeadStageChoices.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=20, choices=LeadStageChoices.choices)
    date = models.DateField(_("date"), db_index=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("lead stage change")
        verbose_name_plural = _("lead stage changes")
        ordering = ["lead", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_stage_display() or '—'} → {self.get_to_stage_display()}"

    def get_absolute_url(self) -> str:
        return reverse("attraction:lead_detail", args=[self.lead_id])
