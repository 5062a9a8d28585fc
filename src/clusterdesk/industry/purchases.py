"""Purchase records of chain leaders from a CSV or Excel file: parsed and checked row by row, nothing saved here.

Columns (Chinese or English headers): 采购方信用代码 buyer_uscc, 供应商名称 supplier_name, 供应商信用代码
supplier_uscc (optional), 供应商所在地 supplier_region (GB/T 2260 code, optional when the supplier is in the
register), 环节 segment (a segment name of the chain, optional), 采购内容 item, 年份 year, 月份 month (optional),
金额（万元） amount_wan (any form `parse_money_wan` reads: 1,200 / 1200万元 / 0.12亿元).
"""


from django.utils.translation import gettext as _

from clusterdesk.common.importing.reader import TableDecodeError, WorkbookError, read_table
from clusterdesk.core.exceptions import CoreError
from clusterdesk.core.units import parse_money_wan

from .models import Chain, PurchaseRecord

__all__ = ["COLUMNS", "PurchaseImportError", "parse_purchase_file"]

COLUMNS = {
    "buyer_uscc": ("采购方信用代码", "buyer_uscc"),
    "supplier_name": ("供应商名称", "supplier_name"),
    "supplier_uscc": ("供应商信用代码", "supplier_uscc"),
    "supplier_region": ("供应商所在地", "supplier_region"),
    "segment": ("环节", "segment"),
    "item": ("采购内容", "item"),
    "year": ("年份", "year"),
    "month": ("月份", "month"),
    "amount_wan": ("金额（万元）", "金额(万元)", "amount_wan"),
}
REQUIRED = ("buyer_uscc", "supplier_name", "year", "amount_wan")


class PurchaseImportError(ValueError):
    """Rows that cannot be imported: ``problems`` lists ``(place, message)``."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("；".join(f"{p}: {m}" for p, m in self.problems))


def _rows(content: bytes, filename: str) -> list[dict]:
    try:  # a CSV saved by Excel in Chinese Windows is GBK
        return read_table(content, filename, encodings=("utf-8-sig", "gb18030"))
    except TableDecodeError:
        raise PurchaseImportError([(filename, _("The file is neither UTF-8 nor GBK text."))]) from None
    except WorkbookError as exc:
        raise PurchaseImportError([(filename, str(exc))]) from None


def _field(row: dict, name: str) -> str:
    for header in COLUMNS[name]:
        if header in row and row[header] is not None:
            return str(row[header]).strip()
    return ""


def parse_purchase_file(content: bytes, filename: str, *, chain: Chain, user) -> list[PurchaseRecord]:
    """Parse and check every row; raises `PurchaseImportError` naming file, row and column of every problem."""
    from clusterdesk.enterprises.models import Enterprise
    from clusterdesk.regions.models import Region

    rows = _rows(content, filename)
    if not rows:
        raise PurchaseImportError([(filename, _("The file has no rows."))])
    present = {h for row in rows[:1] for h in row}
    missing = [COLUMNS[c][0] for c in REQUIRED if not any(h in present for h in COLUMNS[c])]
    if missing:
        raise PurchaseImportError([(filename, _("Missing columns: %s") % "、".join(missing))])
    segments = {s.name: s for s in chain.segments.all()}
    visible = Enterprise.objects.restrict(user, "change")
    problems, records = [], []
    for number, row in enumerate(rows, start=2):
        def bad(column: str, message: str, number=number) -> None:
            problems.append((f"{filename} 第 {number} 行 {column}", message))

        buyer = visible.filter(uscc=_field(row, "buyer_uscc").upper()).select_related("region").first()
        if buyer is None:
            bad(COLUMNS["buyer_uscc"][0], _("No enterprise you may change has this credit code."))
        supplier = None
        if _field(row, "supplier_uscc"):
            supplier = Enterprise.objects.filter(uscc=_field(row, "supplier_uscc").upper()).first()
        region = None
        code = _field(row, "supplier_region")
        if code:
            region = Region.objects.filter(code=code).first()
            if region is None:
                bad(COLUMNS["supplier_region"][0], _("Unknown region code %s.") % code)
        elif supplier is not None:
            region = supplier.region
        segment = None
        if _field(row, "segment"):
            segment = segments.get(_field(row, "segment"))
            if segment is None:
                bad(COLUMNS["segment"][0], _("The chain has no segment %s.") % _field(row, "segment"))
        try:
            year = int(float(_field(row, "year")))
            month = int(float(_field(row, "month"))) if _field(row, "month") else None
            if not 1949 <= year <= 2100 or (month is not None and not 1 <= month <= 12):
                raise ValueError
        except ValueError:
            bad(COLUMNS["year"][0], _("Year or month is not valid."))
            year, month = 0, None
        try:
            amount = parse_money_wan(_field(row, "amount_wan"))
            if amount < 0:
                raise CoreError(_("must not be negative"))
        except CoreError as exc:
            bad(COLUMNS["amount_wan"][0], str(exc))
            amount = None
        if not _field(row, "supplier_name"):
            bad(COLUMNS["supplier_name"][0], _("Required."))
        if buyer is not None and amount is not None and year:
            records.append(PurchaseRecord(buyer=buyer, supplier=supplier, supplier_name=_field(row, "supplier_name"),
                                          supplier_region=region, segment=segment, item=_field(row, "item")[:200],
                                          year=year, month=month, amount_wan=amount))
    if problems:
        raise PurchaseImportError(problems)
    return records
