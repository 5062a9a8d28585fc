# ruff: noqa: E501  (a declarative table of Chinese headers; CJK characters count double)
"""The import and export of key enterprises' monthly figures, saved through `monthly_figure_save`."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from clusterdesk.common.importing.specs import ImportSpec
from clusterdesk.core.importing import ColumnSpec as C

__all__ = ["enterprise_figures_spec", "register_imports"]

ZERO = Decimal(0)


def _figure_save(figure, *, actor, extras: dict, created: bool):
    from .services import monthly_figure_save

    return monthly_figure_save(figure=figure, actor=actor)


def enterprise_figures_spec() -> ImportSpec:
    """Key enterprises' monthly figures (issue 6's enterprise service), saved through its service."""
    from clusterdesk.enterprises.imports import ENTERPRISE

    def money(name, label, en, synonyms=()):
        return C(name, label, "money", en, synonyms, unit="万元", min_value=ZERO)

    return ImportSpec(
        kind="enterprise-figures", model="enterprise_service.MonthlyFigure", title=str(_("monthly figures")),
        title_en="enterprise monthly figures", key=("enterprise", "period"), parent_field="enterprise",
        writer="service", save=_figure_save, order=70,
        columns=(
            C("enterprise", "统一社会信用代码", "ref", "enterprise", ("信用代码", "企业", "企业名称"),
              note="统一社会信用代码或企业名称"),
            C("period", "月份", "date", "month", ("填报月份", "统计月份", "报告期"), example="2024-07"),
            money("output_wan", "产值", "output value", ("工业产值", "工业总产值", "当月产值")),
            money("revenue_wan", "营业收入", "main business revenue", ("主营业务收入", "营收")),
            money("orders_on_hand_wan", "在手订单", "orders on hand", ("在手订单金额",)),
            money("new_orders_wan", "新增订单", "new orders", ("新签订单",)),
            C("capacity", "产能", "decimal", "production capacity", ("设计产能",), min_value=ZERO),
            C("capacity_output", "实际产量", "decimal", "actual output", ("产量",), min_value=ZERO),
            C("capacity_unit", "产能单位", "text", "capacity unit", ("单位",), max_length=20, example="吨"),
            C("electricity_wan_kwh", "用电量(万千瓦时)", "decimal", "electricity use", ("用电量", "用电"), min_value=ZERO),
            money("tax_wan", "税收", "taxes paid", ("纳税", "实缴税金")),
            C("employees", "从业人数", "int", "employees", ("用工人数", "职工人数"), min_value=ZERO),
            money("planned_output_wan", "下月排产产值", "scheduled output next month", ("排产产值",)),
            C("production_plan", "生产计划", "text", "production scheduling plan", ("排产计划",)),
            C("note", "说明", "text", "explanation", ("情况说明", "备注"),
              note="产能利用率超过 100% 或较上月变动超过 30 个百分点时须说明原因"),
            C("utilisation_pct", "产能利用率(%)", "decimal", "capacity utilisation", export_only=True,
              note="仅导出：由实际产量 ÷ 产能计算"),
        ),
        refs={"enterprise": ENTERPRISE}, unique_in_file=(("enterprise", "period"),),
        export_queryset=lambda qs: qs.select_related("enterprise").order_by("enterprise__uscc", "period"),
    )


def register_imports() -> None:
    """Register this app's import kinds (from ``EnterpriseServiceConfig.ready``)."""
    from clusterdesk.common.registry import registry

    registry.register_import_kind("enterprise-figures", enterprise_figures_spec)
