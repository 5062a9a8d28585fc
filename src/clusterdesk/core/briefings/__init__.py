"""Generated briefings (通报 / 简报): the document model, the wording templates and the figures' formatting."""

from clusterdesk.core.briefings.document import (
    BriefChart,
    BriefingDocument,
    BriefingError,
    BriefParagraph,
    BriefSection,
    BriefTable,
    briefing_outline,
    briefing_tables,
    chinese_count,
    heading_number,
)
from clusterdesk.core.briefings.figures import competition_ranks, format_money, format_percent, format_wan
from clusterdesk.core.briefings.wording import fill_wording, wording_placeholders

__all__ = [
    "BriefChart",
    "BriefParagraph",
    "BriefSection",
    "BriefTable",
    "BriefingDocument",
    "BriefingError",
    "briefing_outline",
    "briefing_tables",
    "chinese_count",
    "competition_ranks",
    "fill_wording",
    "format_money",
    "format_percent",
    "format_wan",
    "heading_number",
    "wording_placeholders",
]
