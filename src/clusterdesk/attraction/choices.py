"""Choices of investment leads: the pipeline stages and the industry-transfer types."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["LeadStageChoices", "TransferTypeChoices"]


class LeadStageChoices(models.TextChoices):
    """线索 → 接洽 → 考察 → 谈判 → 签约 → 落地 (a landed lead becomes a project)."""

    LEAD = "lead", _("Lead")
    CONTACT = "contact", _("Contact")
    INSPECTION = "inspection", _("Site inspection")
    NEGOTIATION = "negotiation", _("Negotiation")
    SIGNED = "signed", _("Signed")
    LANDED = "landed", _("Landed")


class TransferTypeChoices(models.TextChoices):
    """Industry-transfer type (成本/资源/市场/服务配套导向型产业)."""

    COST = "cost", _("Cost-oriented")
    RESOURCE = "resource", _("Resource-oriented")
    MARKET = "market", _("Market-oriented")
    SUPPORTING = "supporting", _("Supporting-services-oriented")
