"""Choices of investment leads: the pipeline stages and the industry-transfer types."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["CLOSED_LEAD_STAGES", "FollowUpKindChoices", "LeadStageChoices", "TransferTypeChoices"]


class LeadStageChoices(models.TextChoices):
    """线索 → 初步接洽 → 考察洽谈 → 意向谈判 → 签约 → 落地, or 终止: the states of
    `clusterdesk.core.attraction.LEAD_WORKFLOW` (a test keeps them equal)."""

    LEAD = "lead", _("Lead")
    CONTACT = "contact", _("Contact")
    INSPECTION = "inspection", _("Site inspection")
    NEGOTIATION = "negotiation", _("Negotiation")
    SIGNED = "signed", _("Signed")
    LANDED = "landed", _("Landed")
    TERMINATED = "terminated", _("Terminated")


#: A lead in these stages asks nothing more of anyone (its next step leaves the inbox).
CLOSED_LEAD_STAGES = frozenset({LeadStageChoices.LANDED, LeadStageChoices.TERMINATED})


class FollowUpKindChoices(models.TextChoices):
    """What a follow-up of a lead was (跟进方式)."""

    CONTACT = "contact", _("Call or message")
    VISIT = "visit", _("Visit")
    OFFER = "offer", _("Offer")
    NEGOTIATION = "negotiation", _("Talks")
    OTHER = "other", _("Other")


class TransferTypeChoices(models.TextChoices):
    """Industry-transfer type (成本/资源/市场/服务配套导向型产业)."""

    COST = "cost", _("Cost-oriented")
    RESOURCE = "resource", _("Resource-oriented")
    MARKET = "market", _("Market-oriented")
    SUPPORTING = "supporting", _("Supporting-services-oriented")
