"""A cluster's yearly targets from a CSV or Excel file: parsed and checked row by row, nothing saved here.

Columns (Chinese or English headers): 年份 year, 目标产值（万元） output_wan (any form `parse_money_wan` reads:
3000亿元, 30,000,000), 规上企业数 above_scale_count, 环节 segment, 本地配套率目标（%） rate_percent, 备注 note.
A row with a segment sets that segment's 本地配套率 target for the year; the output, count and note of a year
are read from its rows that have them (twice the same figure for a year is an error).
"""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterdesk.core.exceptions import CoreError
from clusterdesk.core.units import parse_money_wan

from .models import ChainSegment, Cluster
from .purchases import PurchaseImportError, _rows

__all__ = ["TARGET_COLUMNS", "TargetYear", "parse_target_file"]

TARGET_COLUMNS = {
    "year": ("年份", "year"),
    "output_wan": ("目标产值（万元）", "目标产值(万元)", "output_wan"),
    "above_scale_count": ("规上企业数", "above_scale_count"),
    "segment": ("环节", "segment"),
    "rate_percent": ("本地配套率目标（%）", "本地配套率目标(%)", "rate_percent"),
    "note": ("备注", "note"),
}


class TargetYear(dict):
    """One year's targets as read: ``output_wan``, ``above_scale_count``, ``note`` and ``rates`` (segment → %)."""


def _field(row: dict, name: str) -> str:
    for header in TARGET_COLUMNS[name]:
        if header in row and row[header] is not None:
            return str(row[header]).strip()
    return ""


def segments_by_written_name(cluster_id: int) -> dict[str, ChainSegment | None]:
    """The cluster's segments by the names people write: the segment's own name, or "链·环节" (产业链名·环节名); a
    name two chains share maps to ``None`` (ambiguous: the chain must be written too)."""
    found: dict[str, ChainSegment | None] = {}
    for segment in ChainSegment.objects.filter(chain__cluster_id=cluster_id).select_related("chain"):
        found[f"{segment.chain.name}·{segment.name}"] = segment
        found[segment.name] = None if segment.name in found else segment
    return found


def segment_written_name(segment: ChainSegment, names: dict[str, ChainSegment | None]) -> str:
    """How to write ``segment`` so that `segments_by_written_name` finds it: its name, or 链·环节 when ambiguous."""
    return segment.name if names.get(segment.name) is not None else f"{segment.chain.name}·{segment.name}"


AMBIGUOUS_SEGMENT = gettext_lazy("Several chains of this cluster have a segment named %s: write it as 产业链·环节.")


def parse_target_file(content: bytes, filename: str, *, cluster: Cluster) -> dict[int, TargetYear]:
    """Parse and check every row; raises `PurchaseImportError` naming file, row and column of every problem."""
    rows = _rows(content, filename)
    if not rows:
        raise PurchaseImportError([(filename, _("The file has no rows."))])
    present = {h for row in rows[:1] for h in row}
    if not any(h in present for h in TARGET_COLUMNS["year"]):
        raise PurchaseImportError([(filename, _("Missing columns: %s") % TARGET_COLUMNS["year"][0])])
    segments = segments_by_written_name(cluster.pk)
    years: dict[int, TargetYear] = {}
    problems = []
    for number, row in enumerate(rows, start=2):
        def bad(column: str, message: str, number=number) -> None:
            problems.append((f"{filename} 第 {number} 行 {TARGET_COLUMNS[column][0]}", message))

        try:
            year = int(float(_field(row, "year")))
            if not 2000 <= year <= 2100:
                raise ValueError
        except (ValueError, OverflowError):
            bad("year", _("Year is not valid."))
            continue
        target = years.setdefault(year, TargetYear(rates={}))
        if _field(row, "output_wan"):
            try:
                amount = parse_money_wan(_field(row, "output_wan"))
                if amount < 0:
                    raise CoreError(_("must not be negative"))
                if "output_wan" in target and target["output_wan"] != amount:
                    raise CoreError(_("A second output target for the same year."))
                target["output_wan"] = amount
            except CoreError as exc:
                bad("output_wan", str(exc))
        if _field(row, "above_scale_count"):
            try:
                target["above_scale_count"] = int(_field(row, "above_scale_count"))
                if target["above_scale_count"] < 0:
                    raise ValueError
            except ValueError:
                bad("above_scale_count", _("Not a whole number."))
        if _field(row, "note"):
            target["note"] = _field(row, "note")[:200]
        name = _field(row, "segment")
        if name or _field(row, "rate_percent"):
            segment = segments.get(name)
            if segment is None:
                bad("segment", (AMBIGUOUS_SEGMENT if name in segments else
                                _("No segment of this cluster's chains is named %s.")) % (name or "—"))
            try:
                rate = Decimal(_field(row, "rate_percent").rstrip("%"))
                if not 0 <= rate <= 100:
                    raise InvalidOperation
            except InvalidOperation:
                bad("rate_percent", _("A percentage from 0 to 100."))
                continue
            if segment is not None:
                if segment in target["rates"]:
                    bad("segment", _("Each segment may have one target."))
                target["rates"][segment] = rate
    if problems:
        raise PurchaseImportError(problems)
    return years
