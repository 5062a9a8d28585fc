"""Investment leads (招商线索) of chain-based attraction, targeted at chain segments, scoped by region and park."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.models import BaseModel

from .choices import LeadStageChoices, TransferTypeChoices

__all__ = ["Lead"]


class Lead(BaseModel):
    """A lead: a company that may invest, the chain segment it would fill, and how far talks have gone."""

    name = models.CharField(_("lead"), max_length=200, help_text=_("What the investment would be."))
    company = models.CharField(_("target company"), max_length=200)
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
    source = models.CharField(_("source"), max_length=100, blank=True, help_text=_("E.g. 以商招商, 驻点招商."))
    owner_unit = models.CharField(_("follow-up unit"), max_length=200, blank=True)
    assigned_unit = models.ForeignKey("accounts.Unit", verbose_name=_("responsible unit"), null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
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

        order = LeadStageChoices.values
        errors = {}
        if order.index(self.stage) >= order.index(LeadStageChoices.SIGNED) and self.signed_date is None:
            errors["signed_date"] = _("A signed lead needs its signing date.")
        if self.stage == LeadStageChoices.LANDED and self.project_id is None:
            errors["project"] = _("A landed lead names the project it became.")
        if errors:
            raise ValidationError(errors)
