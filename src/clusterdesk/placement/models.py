"""Interest-sharing agreements (利益保障机制) for projects referred from one district to a park in another."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.models import BaseModel

__all__ = ["InterestAgreement"]

PCT = {"max_digits": 5, "decimal_places": 2, "validators": [MinValueValidator(0), MaxValueValidator(100)]}


class InterestAgreement(BaseModel):
    """The referring district's shares of a project's tax and statistical output for a term of years."""

    project = models.ForeignKey("projects.Project", verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="interest_agreements")
    referring_region = models.ForeignKey("regions.Region", verbose_name=_("referring district"),
                                         on_delete=models.PROTECT, related_name="referred_agreements")
    hosting_region = models.ForeignKey("regions.Region", verbose_name=_("hosting district"),
                                       on_delete=models.PROTECT, related_name="hosted_agreements")
    tax_share_pct = models.DecimalField(_("referring share of tax (%)"), default=50, **PCT)
    output_share_pct = models.DecimalField(_("referring share of output (%)"), default=50, **PCT)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    years = models.PositiveSmallIntegerField(_("term (years)"), default=5, validators=[MinValueValidator(1)])
    signed_date = models.DateField(_("signed"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("interest-sharing agreement")
        verbose_name_plural = _("interest-sharing agreements")
        ordering = ["-start_year", "project__name"]
        constraints = [models.UniqueConstraint(fields=["project"], name="%(app_label)s_%(class)s_one_per_project")]

    def __str__(self) -> str:
        return f"{self.project} · {self.referring_region.name} → {self.hosting_region.name}"

    def get_absolute_url(self) -> str:
        return reverse("placement:agreement_detail", args=[self.pk])

    def clean(self) -> None:
        """The referring and hosting districts differ."""
        if self.referring_region_id and self.referring_region_id == self.hosting_region_id:
            raise ValidationError({"referring_region": _("The referring district must differ from the hosting one.")})
