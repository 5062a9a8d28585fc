"""The national reference table: output and employment by GB/T 4754 industry code and year, imported from a file."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.models import BaseModel

__all__ = ["NationalReferenceFigure"]


class NationalReferenceFigure(BaseModel):
    """One industry's national figure in one year (no national data ships offline: it is imported, with its source).

    Each year holds one industry level (divisions, groups or classes), so that the total over a year counts
    nothing twice; the import enforces it.
    """

    year = models.PositiveSmallIntegerField(_("year"))
    industry = models.ForeignKey("industry.IndustryCode", verbose_name=_("industry"), on_delete=models.PROTECT,
                                 related_name="+")
    output_wan = models.DecimalField(_("output (10k yuan)"), max_digits=18, decimal_places=2, null=True, blank=True)
    employees = models.PositiveBigIntegerField(_("employees"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200)

    class Meta:
        verbose_name = _("national reference figure")
        verbose_name_plural = _("national reference figures")
        ordering = ["-year", "industry__code"]
        constraints = [
            models.UniqueConstraint(fields=["year", "industry"], name="%(app_label)s_%(class)s_unique_year"),
            models.CheckConstraint(condition=models.Q(year__gte=1949, year__lte=2100),
                                   name="%(app_label)s_%(class)s_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.industry_id}"
