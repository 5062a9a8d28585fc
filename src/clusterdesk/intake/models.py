"""Visits and meetings, recorded from briefings or by hand; the instructions given there are `tasks.Instruction`."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.models import BaseModel

__all__ = ["Visit"]


class Visit(BaseModel):
    """A leader's visit (调研) or a meeting, with the records it concerns; usually confirmed from a briefing."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("Visit")
        MEETING = "meeting", _("Meeting")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.VISIT)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"), null=True, blank=True)
    people = models.CharField(_("people"), max_length=300, blank=True, help_text=_("Names with titles."))
    places = models.CharField(_("places"), max_length=300, blank=True)
    region = models.ForeignKey("regions.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="intake_visits")
    clusters = models.ManyToManyField("industry.Cluster", verbose_name=_("clusters"), blank=True, related_name="+")
    parks = models.ManyToManyField("parks.Park", verbose_name=_("parks"), blank=True, related_name="intake_visits")
    enterprises = models.ManyToManyField("enterprises.Enterprise", verbose_name=_("enterprises"), blank=True,
                                         related_name="intake_visits")
    projects = models.ManyToManyField("projects.Project", verbose_name=_("projects"), blank=True,
                                      related_name="intake_visits")
    source_text = models.TextField(_("source text"), blank=True, help_text=_("The normalised briefing."))
    source_original = models.TextField(_("original text"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("visit or meeting")
        verbose_name_plural = _("visits and meetings")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("intake:visit_detail", args=[self.pk])

