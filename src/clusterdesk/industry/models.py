"""Industry codes (GB/T 4754-2017), clusters, chains, chain segments and the supply edges between them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.models import BaseModel, CleanTextMixin, RestrictedQuerySet

from .choices import ClusterLevelChoices, IndustryLevelChoices, SegmentPositionChoices

__all__ = ["BusinessScope", "Chain", "ChainLeaderEnterprise", "ChainSegment", "Cluster", "ClusterTarget",
           "ConcentrationTarget", "IndustryCode", "PurchaseRecord", "SegmentMapping", "SegmentSupplyTarget",
           "SupplyEdge", "TaskForceMember"]


class IndustryCode(CleanTextMixin, models.Model):
    """One entry of GB/T 4754-2017: a section, division, group or class. Reference data."""

    code = models.CharField(_("code"), max_length=5, unique=True, help_text=_("Section letter and digits, e.g. C3841"))
    numeric_code = models.CharField(_("code as printed"), max_length=4)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=10, choices=IndustryLevelChoices.choices, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("industry code")
        verbose_name_plural = _("industry codes")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"  # C3841 锂离子电池制造: the section letter as officials write it


class Cluster(BaseModel):
    """An industrial cluster (产业集群) of a region, with its leading industries and targets."""

    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey("regions.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="clusters")
    level = models.CharField(_("level"), max_length=20, choices=ClusterLevelChoices.choices)
    leading_industries = models.ManyToManyField(IndustryCode, verbose_name=_("leading industries"), blank=True,
                                                related_name="clusters")
    description = models.TextField(_("description"), blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    baseline_output_wan = models.DecimalField(_("baseline output (10k yuan)"), max_digits=16, decimal_places=2,
                                              null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    target_output_wan = models.DecimalField(_("target output (10k yuan)"), max_digits=16, decimal_places=2,
                                            null=True, blank=True)
    target_above_scale_count = models.PositiveIntegerField(_("target above-scale enterprises"), null=True,
                                                           blank=True)

    class Meta:
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        ordering = ["region__code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="%(app_label)s_%(class)s_unique_region_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("industry:cluster_detail", args=[self.pk])


class Chain(BaseModel):
    """An industrial chain (产业链) of a cluster, mapped as segments from upstream to downstream."""

    name = models.CharField(_("name"), max_length=100)
    cluster = models.ForeignKey(Cluster, verbose_name=_("cluster"), on_delete=models.CASCADE, related_name="chains")
    description = models.TextField(_("description"), blank=True)
    chief = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("chain chief"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="chains_led",
                              help_text=_("The leader responsible for the chain."))
    chief_title = models.CharField(_("chain chief's title"), max_length=100, blank=True,
                                   help_text=_("As shown, e.g. 市委副书记."))

    class Meta:
        verbose_name = _("chain")
        verbose_name_plural = _("chains")
        ordering = ["cluster__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "name"], name="%(app_label)s_%(class)s_unique_cluster_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("industry:chain_detail", args=[self.pk])


class ChainSegment(BaseModel):
    """A link of a chain (环节): its position, the industry codes and keywords that identify it."""

    chain = models.ForeignKey(Chain, verbose_name=_("chain"), on_delete=models.CASCADE, related_name="segments")
    name = models.CharField(_("name"), max_length=100)
    position = models.CharField(_("position"), max_length=20, choices=SegmentPositionChoices.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    industry_codes = models.ManyToManyField(IndustryCode, verbose_name=_("industry codes"), blank=True,
                                            related_name="chain_segments")
    keywords = models.JSONField(_("keywords"), default=list, blank=True,
                                help_text=_("Words that identify enterprises and projects of this segment."))
    exclusions = models.JSONField(_("exclusion words"), default=list, blank=True,
                                  help_text=_("Words that cancel a keyword they overlap, e.g. 电池回收 for 电池."))
    parent = models.ForeignKey("self", verbose_name=_("parent segment"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="children")

    class Meta:
        verbose_name = _("chain segment")
        verbose_name_plural = _("chain segments")
        ordering = ["chain", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "name"], name="%(app_label)s_%(class)s_unique_chain_name")
        ]

    def __str__(self) -> str:
        return f"{self.chain.name} · {self.name}"


class SupplyEdge(BaseModel):
    """A supply relation: segment ``source`` supplies segment ``target`` within one chain."""

    source = models.ForeignKey(ChainSegment, verbose_name=_("supplier segment"), on_delete=models.CASCADE,
                               related_name="supplies")
    target = models.ForeignKey(ChainSegment, verbose_name=_("customer segment"), on_delete=models.CASCADE,
                               related_name="supplied_by")
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("supply edge")
        verbose_name_plural = _("supply edges")
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="%(app_label)s_%(class)s_unique_pair"),
            models.CheckConstraint(condition=~models.Q(source=models.F("target")),
                                   name="%(app_label)s_%(class)s_no_self_loop"),
        ]

    def __str__(self) -> str:
        return f"{self.source.name} → {self.target.name}"


class BusinessScope(BaseModel):
    """An enterprise's business scope (经营范围) as registered: the text the segment mapping reads."""

    enterprise = models.OneToOneField("enterprises.Enterprise", verbose_name=_("enterprise"),
                                      on_delete=models.CASCADE, related_name="business_scope")
    text = models.TextField(_("business scope"))
    source = models.CharField(_("source"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("business scope")
        verbose_name_plural = _("business scopes")
        ordering = ["enterprise"]

    def __str__(self) -> str:
        return f"{self.enterprise}: {self.text[:30]}"


class SegmentMapping(BaseModel):
    """An enterprise placed in a chain segment, with the evidence of the rule that placed it and a user's verdict.

    ``suggested`` mappings come from the rules and are refreshed with them; ``confirmed`` and ``rejected``
    ones are a user's decision and are never overwritten by a refresh. ``manual`` mappings were added by a user.
    """

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    class Origin(models.TextChoices):
        RULES = "rules", _("Rules")
        MANUAL = "manual", _("Manual")

    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name=_("enterprise"), on_delete=models.CASCADE,
                                   related_name="segment_mappings", db_index=False)  # (enterprise, segment) unique
    segment = models.ForeignKey(ChainSegment, verbose_name=_("chain segment"), on_delete=models.CASCADE,
                                related_name="mappings")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUGGESTED,
                              db_index=True)
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.RULES)
    score = models.PositiveSmallIntegerField(_("score"), default=0)
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("segment mapping")
        verbose_name_plural = _("segment mappings")
        ordering = ["segment", "-score", "enterprise"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "segment"], name="%(app_label)s_%(class)s_unique_pair")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} → {self.segment.name}"

    def get_absolute_url(self) -> str:
        return reverse("industry:mapping_list") + f"?chain={self.segment.chain_id}"


class PurchaseRecord(BaseModel):
    """A purchase of a chain leader (链主) from a supplier: the raw data of the local supporting rate."""

    buyer = models.ForeignKey("enterprises.Enterprise", verbose_name=_("buyer"), on_delete=models.CASCADE,
                              related_name="purchases")
    supplier = models.ForeignKey("enterprises.Enterprise", verbose_name=_("supplier"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="sales")
    supplier_name = models.CharField(_("supplier name"), max_length=200)
    supplier_region = models.ForeignKey("regions.Region", verbose_name=_("supplier region"), null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")
    segment = models.ForeignKey(ChainSegment, verbose_name=_("chain segment"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="purchases")
    item = models.CharField(_("item"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    amount_wan = models.DecimalField(_("amount (10k yuan)"), max_digits=16, decimal_places=2)

    class Meta:
        verbose_name = _("purchase record")
        verbose_name_plural = _("purchase records")
        ordering = ["buyer", "-year", "-month"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_wan__gte=0), name="%(app_label)s_%(class)s_amount"),
            models.CheckConstraint(condition=models.Q(month__isnull=True) | models.Q(month__gte=1, month__lte=12),
                                   name="%(app_label)s_%(class)s_month"),
        ]

    def __str__(self) -> str:
        return f"{self.buyer} ← {self.supplier_name} {self.year}"

    @property
    def period(self) -> str:
        """``2024`` or ``2024-03``."""
        return f"{self.year}" if not self.month else f"{self.year}-{self.month:02d}"


class TaskForceMember(BaseModel):
    """A unit or a person of a chain's task force (专班), with its duty in it (牵头单位, 成员单位, 联络员 …)."""

    chain = models.ForeignKey(Chain, verbose_name=_("chain"), on_delete=models.CASCADE, related_name="task_force")
    unit = models.ForeignKey("accounts.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="+")
    duty = models.CharField(_("duty"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("task force member")
        verbose_name_plural = _("task force members")
        ordering = ["chain", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(unit__isnull=False) | models.Q(person__isnull=False),
                                   name="%(app_label)s_%(class)s_unit_or_person"),
        ]

    def __str__(self) -> str:
        who = " · ".join(str(x) for x in (self.unit, self.person) if x is not None)
        return f"{self.chain.name}: {who}"

    def get_absolute_url(self) -> str:
        return self.chain.get_absolute_url()


class ChainLeaderEnterprise(BaseModel):
    """A chain-leader enterprise (链主) of a chain, with a note on its role (e.g. 整车龙头，带动配套企业 30 家)."""

    chain = models.ForeignKey(Chain, verbose_name=_("chain"), on_delete=models.CASCADE,
                              related_name="leader_enterprises")
    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name=_("enterprise"), on_delete=models.CASCADE,
                                   related_name="chains_as_leader")
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("chain-leader enterprise")
        verbose_name_plural = _("chain-leader enterprises")
        ordering = ["chain", "enterprise__name"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "enterprise"], name="%(app_label)s_%(class)s_unique_pair")
        ]

    def __str__(self) -> str:
        return f"{self.chain.name}: {self.enterprise}"

    def get_absolute_url(self) -> str:
        return self.chain.get_absolute_url()


class ClusterTarget(BaseModel):
    """A cluster's targets for one year: output (万元), above-size enterprises, and 本地配套率 by segment."""

    cluster = models.ForeignKey(Cluster, verbose_name=_("cluster"), on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    output_wan = models.DecimalField(_("target output (10k yuan)"), max_digits=16, decimal_places=2, null=True,
                                     blank=True)
    above_scale_count = models.PositiveIntegerField(_("target above-scale enterprises"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("cluster target")
        verbose_name_plural = _("cluster targets")
        ordering = ["cluster", "year"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year"], name="%(app_label)s_%(class)s_unique_year"),
            models.CheckConstraint(condition=models.Q(year__gte=2000, year__lte=2100),
                                   name="%(app_label)s_%(class)s_year_range"),
            models.CheckConstraint(condition=models.Q(output_wan__isnull=True) | models.Q(output_wan__gte=0),
                                   name="%(app_label)s_%(class)s_output"),
        ]

    def __str__(self) -> str:
        return f"{self.cluster.name} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("industry:cluster_detail", args=[self.cluster_id]) + f"?year={self.year}"


class SegmentSupplyTarget(BaseModel):
    """The 本地配套率 target of one chain segment in a cluster's yearly targets, in percent."""

    target = models.ForeignKey(ClusterTarget, verbose_name=_("cluster target"), on_delete=models.CASCADE,
                               related_name="segment_rates")
    segment = models.ForeignKey(ChainSegment, verbose_name=_("chain segment"), on_delete=models.CASCADE,
                                related_name="+")
    rate_percent = models.DecimalField(_("local supply rate target (%)"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("segment local supply target")
        verbose_name_plural = _("segment local supply targets")
        ordering = ["target", "segment"]
        constraints = [
            models.UniqueConstraint(fields=["target", "segment"], name="%(app_label)s_%(class)s_unique_pair"),
            models.CheckConstraint(condition=models.Q(rate_percent__gte=0, rate_percent__lte=100),
                                   name="%(app_label)s_%(class)s_rate"),
        ]

    def __str__(self) -> str:
        return f"{self.target} · {self.segment.name} {self.rate_percent}%"

    def get_absolute_url(self) -> str:
        return self.target.get_absolute_url()


class ConcentrationTarget(BaseModel):
    """A region's target share of industrial output inside parks (工业向园区集中), in percent.

    A region without one takes the nearest region above it that has one, else
    ``CLUSTERDESK["PARK_CONCENTRATION_TARGET"]``.
    """

    region = models.OneToOneField("regions.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                                  related_name="+")
    output_share_percent = models.DecimalField(_("target share of output in parks (%)"), max_digits=5,
                                               decimal_places=2)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("park concentration target")
        verbose_name_plural = _("park concentration targets")
        ordering = ["region__code"]
        constraints = [
            models.CheckConstraint(condition=models.Q(output_share_percent__gte=0, output_share_percent__lte=100),
                                   name="%(app_label)s_%(class)s_share"),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.output_share_percent}%"

    def get_absolute_url(self) -> str:
        return reverse("regions:region_detail", args=[self.region_id])
