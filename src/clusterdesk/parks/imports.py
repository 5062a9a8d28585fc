# ruff: noqa: E501  (a declarative table of Chinese headers; CJK characters count double)
"""The import and export of parks with their positioning, saved through the park services."""

from dataclasses import replace
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from clusterdesk.common.importing.specs import ImportSpec, Ref, choices_of
from clusterdesk.core.importing import ColumnSpec as C

__all__ = ["PARK", "parks_spec", "register_imports"]

#: A park by name or short name, among those the importing user may see.
PARK = Ref("parks.Park", ("name", "short_name"), select_related=("region__parent",))
ZERO = Decimal(0)


def _park_extras(park) -> dict:
    """A park's positioning as the sheet writes it: leading and featured industry codes."""
    rows = sorted(park.park_industries.all(), key=lambda pi: pi.industry.code)
    return {"leading_industries": [pi.industry for pi in rows if pi.role == "leading"],
            "featured_industries": [pi.industry for pi in rows if pi.role == "featured"]}


def _park_save(park, *, actor, extras: dict, created: bool):
    from .services import park_create, park_update

    leading, featured = extras.get("leading_industries"), extras.get("featured_industries")
    if created:
        return park_create(park=park, actor=actor, leading=leading or [], featured=featured or [])
    return park_update(park=park, actor=actor, leading=leading, featured=featured)


def parks_spec() -> ImportSpec:
    from clusterdesk.core.validation import park_errors
    from clusterdesk.industry.imports import INDUSTRY
    from clusterdesk.regions.imports import REGION, region_column

    from .choices import FeaturedStatusChoices, ParkLevelChoices, ParkTypeChoices

    return ImportSpec(
        kind="parks", model="parks.Park", title=str(_("parks")), title_en="parks", key=("name",), order=10,
        columns=(
            C("name", "园区名称", "text", "name", ("园区", "名称", "园区全称", "开发区名称"), max_length=100,
              note="园区全称，用于识别已有园区", example="长沙经济技术开发区"),
            C("short_name", "简称", "text", "short name", ("园区简称",), max_length=50, example="长沙经开区"),
            C("level", "园区级别", "choice", "level", ("级别", "园区等级"),
              choices=choices_of(ParkLevelChoices)),
            C("park_type", "园区类型", "choice", "type", ("类型",), choices=choices_of(ParkTypeChoices)),
            region_column(),
            C("planned_area_mu", "规划面积", "area", "planned area", ("规划面积",), unit="亩", min_value=ZERO),
            C("built_area_mu", "建成面积", "area", "built area", ("已建成面积", "建成区面积"), unit="亩", min_value=ZERO),
            C("available_land_mu", "可用土地", "area", "available land", ("可供土地", "剩余可用地", "可用地面积"), unit="亩",
              min_value=ZERO),
            C("longitude", "经度", "decimal", "longitude", min_value=Decimal(-180), max_value=Decimal(180)),
            C("latitude", "纬度", "decimal", "latitude", min_value=Decimal(-90), max_value=Decimal(90)),
            C("featured_status", "特色园区状态", "choice", "featured-park status", ("特色园区",),
              choices=choices_of(FeaturedStatusChoices)),
            C("established_date", "设立日期", "date", "established", ("批准设立时间", "设立时间", "成立时间")),
            C("management_body", "管理机构", "text", "management committee", ("管委会", "管理机构名称"), max_length=200),
            C("leading_industries", "主导产业", "ref", "leading industries", ("主导产业代码",),
              note="行业代码或名称，多个用、分隔；国家级园区最多 3 个，省市级最多 2 个", example="C3841、C3670"),
            C("featured_industries", "特色产业", "ref", "featured industries", ("特色产业代码",),
              note="行业代码或名称，多个用、分隔；最多 2 个"),
        ),
        refs={"region": REGION, "leading_industries": replace(INDUSTRY, many=True),
              "featured_industries": replace(INDUSTRY, many=True)},
        rules=(park_errors,),
        writer="service", save=_park_save, extras=("leading_industries", "featured_industries"),
        read_extras=_park_extras,
        export_queryset=lambda qs: qs.select_related("region").prefetch_related("park_industries__industry"),
    )


def register_imports() -> None:
    """Register this app's import kinds (from ``ParksConfig.ready``)."""
    from clusterdesk.common.registry import registry

    registry.register_import_kind("parks", parks_spec)
