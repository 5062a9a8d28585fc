# ruff: noqa: E501  (a declarative table of Chinese headers; CJK characters count double)
"""The import and export of the enterprise register, written through the enterprises' bulk service."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from clusterdesk.common.importing.specs import ImportSpec, Ref
from clusterdesk.core.importing import ColumnSpec as C

__all__ = ["ENTERPRISE", "enterprises_spec", "register_imports"]

#: An enterprise by credit code or name, among those the importing user may see.
ENTERPRISE = Ref("enterprises.Enterprise", ("uscc", "name"))
ZERO = Decimal(0)


def enterprises_spec() -> ImportSpec:
    from clusterdesk.industry.imports import INDUSTRY, INDUSTRY_NOTE
    from clusterdesk.parks.imports import PARK
    from clusterdesk.regions.imports import REGION, region_column

    from .services_bulk import enterprises_bulk_check, enterprises_bulk_write

    return ImportSpec(
        kind="enterprises", model="enterprises.Enterprise", title=str(_("enterprises")), title_en="enterprises",
        key=("uscc",), order=20, bulk_check=enterprises_bulk_check, bulk_write=enterprises_bulk_write,
        columns=(
            C("uscc", "统一社会信用代码", "uscc", "credit code", ("信用代码", "社会信用代码", "统一代码", "USCC"), note="18 位，GB 32100 校验位", example="91430100MA4L0XXX0X"),
            C("name", "企业名称", "text", "name", ("企业", "名称", "单位名称", "企业全称"), max_length=200),
            region_column(),
            C("park", "所在园区", "ref", "park", ("园区", "所属园区", "入驻园区"), note="园区名称或简称"),
            C("industry", "所属行业", "ref", "industry", ("行业", "行业代码", "国民经济行业"), note=INDUSTRY_NOTE),
            C("above_scale", "规上企业", "bool", "above designated size", ("是否规上", "规模以上", "是否规模以上")),
            C("key_enterprise", "重点企业", "bool", "key enterprise", ("是否重点企业",)),
            C("chain_leader", "链主企业", "bool", "chain leader", ("是否链主",)),
            C("secretary", "工作秘书", "ref", "work secretary", ("秘书",), note="工作秘书的用户名或姓名"),
            C("legal_representative", "法定代表人", "text", "legal representative", ("法人", "法人代表"), max_length=50),
            C("established_date", "成立日期", "date", "established", ("成立时间", "注册日期")),
            C("registered_capital_wan", "注册资本", "money", "registered capital", unit="万元", min_value=ZERO),
            C("annual_revenue_wan", "年营业收入", "money", "annual revenue", ("营业收入", "主营业务收入", "营收"),
              unit="万元", min_value=ZERO),
            C("employees", "从业人数", "int", "employees", ("员工人数", "职工人数", "用工人数"), min_value=ZERO),
            C("address", "地址", "text", "address", ("注册地址", "企业地址"), max_length=300),
        ),
        refs={"region": REGION, "park": PARK, "industry": INDUSTRY,
              "secretary": Ref("accounts.User", ("username", "full_name"), scoped=False)},
        unique_in_file=(("name",),),
        export_queryset=lambda qs: qs.select_related("region", "park", "industry", "secretary"),
    )


def register_imports() -> None:
    """Register this app's import kinds (from ``EnterprisesConfig.ready``)."""
    from clusterdesk.common.registry import registry

    registry.register_import_kind("enterprises", enterprises_spec)
