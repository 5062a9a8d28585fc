# ruff: noqa: E501  (a declarative table of Chinese headers; CJK characters count double)
"""The import of chain leaders' purchase records, and how other sheets name an industry, cluster or segment."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from clusterdesk.common.importing.specs import ImportSpec, Ref
from clusterdesk.core.importing import ColumnSpec as C

__all__ = ["CLUSTER", "INDUSTRY", "INDUSTRY_NOTE", "SEGMENT", "purchase_records_spec", "register_imports"]

INDUSTRY = Ref("industry.IndustryCode", ("code", "numeric_code", "name"), scoped=False)
CLUSTER = Ref("industry.Cluster", ("name",), select_related=("region",))
SEGMENT = Ref("industry.ChainSegment", ("name",), select_related=("chain__cluster__region",))
INDUSTRY_NOTE = "GB/T 4754-2017 行业代码（如 C3841 或 3841），或行业名称"


def _purchase_save(record, *, actor, extras: dict, created: bool):
    from clusterdesk.common.services import object_update

    from .services import purchase_records_import

    if created:
        purchase_records_import(records=[record], actor=actor)
        return record
    return object_update(instance=record, actor=actor, parent_field="buyer")


def purchase_records_spec() -> ImportSpec:
    """Chain leaders' purchases (issue 5), the raw data of the local supporting rate."""
    from clusterdesk.enterprises.imports import ENTERPRISE
    from clusterdesk.regions.imports import REGION, REGION_NOTE

    return ImportSpec(
        kind="purchase-records", model="industry.PurchaseRecord", title=str(_("purchase records")),
        title_en="purchase records", key=("buyer", "supplier_name", "item", "year", "month"), parent_field="buyer",
        writer="service", save=_purchase_save, order=80,
        columns=(
            C("buyer", "采购企业", "ref", "buyer", ("链主企业", "采购方", "采购方信用代码"),
              note="链主企业的统一社会信用代码或名称"),
            C("supplier_name", "供应商名称", "text", "supplier name", ("供应商", "供货单位"), max_length=200),
            C("supplier", "供应商信用代码", "ref", "supplier", ("供应商代码",), note="已登记的供应商（可不填）"),
            C("supplier_region", "供应商所在地区", "ref", "supplier region", ("供应商地区",), note=REGION_NOTE),
            C("segment", "产业链环节", "ref", "chain segment", ("环节",)),
            C("item", "采购内容", "text", "item", ("采购产品", "物料"), max_length=200),
            C("year", "年份", "int", "year", ("年度",), min_value=Decimal(2000), max_value=Decimal(2100)),
            C("month", "月份", "int", "month", ("月",), min_value=Decimal(1), max_value=Decimal(12)),
            C("amount_wan", "采购金额", "money", "amount", ("金额", "采购额"), unit="万元",
              min_value=Decimal(0)),
        ),
        refs={"buyer": ENTERPRISE, "supplier": ENTERPRISE, "supplier_region": REGION, "segment": SEGMENT},
        export_queryset=lambda qs: qs.select_related("buyer", "supplier", "supplier_region", "segment"),
    )


def register_imports() -> None:
    """Register this app's import kinds (from ``IndustryConfig.ready``)."""
    from clusterdesk.common.registry import registry

    registry.register_import_kind("purchase-records", purchase_records_spec)
