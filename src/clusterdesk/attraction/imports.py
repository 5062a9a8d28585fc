# ruff: noqa: E501  (a declarative table of Chinese headers; CJK characters count double)
"""The import and export of investment leads, saved through the lead services."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from clusterdesk.common.importing.specs import ImportSpec, choices_of
from clusterdesk.core.importing import ColumnSpec as C

__all__ = ["leads_spec", "register_imports"]


def _lead_save(lead, *, actor, extras: dict, created: bool):
    from .services import lead_create, lead_update

    return (lead_create if created else lead_update)(lead=lead, actor=actor)


def _unit_notes(plan, actor) -> None:
    from clusterdesk.accounts.imports import unit_notes

    unit_notes(plan, text_field="owner_unit", region=lambda lead: lead.region_id)


def leads_spec() -> ImportSpec:
    """Investment leads (attraction app), 线索 → 初步接洽 → 考察洽谈 → 意向谈判 → 签约 → 落地, or 终止; a stage change
    on an existing lead must be a step of the lead workflow (`services.lead_update`)."""
    from clusterdesk.industry.imports import CLUSTER, INDUSTRY, INDUSTRY_NOTE, SEGMENT
    from clusterdesk.parks.imports import PARK
    from clusterdesk.projects.imports import PROJECT
    from clusterdesk.regions.imports import REGION, region_column

    from .choices import LeadStageChoices, TransferTypeChoices

    return ImportSpec(
        kind="leads", model="attraction.Lead", title=str(_("investment leads")), title_en="investment leads",
        key=("region", "name"), writer="service", save=_lead_save, order=90,
        columns=(
            C("name", "线索名称", "text", "lead", ("项目线索", "线索", "拟投资项目"), max_length=200),
            C("company", "目标企业", "text", "target company", ("投资方", "企业名称", "客商"),
              max_length=200),
            region_column(),
            C("park", "拟落户园区", "ref", "park", ("园区", "意向园区")),
            C("cluster", "所属集群", "ref", "cluster", ("产业集群",)),
            C("chain_segment", "目标产业链环节", "ref", "target chain segment", ("产业链环节", "环节")),
            C("transfer_type", "产业转移类型", "choice", "industry-transfer type", ("转移类型",),
              choices=choices_of(TransferTypeChoices)),
            C("stage", "进展阶段", "choice", "stage", ("阶段", "进展"), choices=choices_of(LeadStageChoices)),
            C("planned_investment_wan", "拟投资额", "money", "planned investment", ("计划投资", "投资额"), unit="万元",
              min_value=Decimal(0)),
            C("land_area_mu", "用地面积", "area", "land", ("用地", "拟用地面积", "用地规模"), unit="亩",
              min_value=Decimal(0)),
            C("industry", "所属行业", "ref", "industry", ("行业", "行业代码"), note=INDUSTRY_NOTE),
            C("source", "线索来源", "text", "source", ("来源",), max_length=100),
            C("owner_unit", "跟进单位", "text", "follow-up unit", ("责任单位",), max_length=200),
            C("contact_person", "联系人", "text", "contact person", ("对接人",), max_length=50),
            C("next_step", "下一步工作", "text", "next step", ("下一步",), max_length=300),
            C("next_step_date", "下一步完成日期", "date", "next step by", ("下一步时间",)),
            C("termination_reason", "终止原因", "text", "termination reason", (), max_length=300),
            C("expected_sign_date", "预计签约日期", "date", "expected signing", ("预计签约时间",)),
            C("signed_date", "签约日期", "date", "signed", ("签约时间",)),
            C("project", "落地项目编码", "ref", "landed as project", ("落地项目",)),
            C("notes", "备注", "text", "notes", ("说明",)),
        ),
        refs={"region": REGION, "park": PARK, "cluster": CLUSTER, "chain_segment": SEGMENT, "project": PROJECT,
              "industry": INDUSTRY},
        after_plan=_unit_notes, export_queryset=lambda qs: qs.select_related("region", "park", "cluster", "chain_segment", "project",
                                                     "industry"),
    )


def register_imports() -> None:
    """Register this app's import kinds (from ``AttractionConfig.ready``)."""
    from clusterdesk.common.registry import registry

    registry.register_import_kind("leads", leads_spec)
