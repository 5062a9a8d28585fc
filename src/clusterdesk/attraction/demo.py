"""The attraction phase of the demo build: a few investment leads in every stage (线索 … 签约, 落地, 终止), each with
follow-ups and a next step, the signed and landed ones turned into projects — all through the lead services, so
the stage history, the inbox tasks and the change log are what real use leaves. Small: two leads per stage."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from clusterdesk.accounts.models import User
from clusterdesk.common.registry import DemoPhase, registry
from clusterdesk.demo.context import DemoContext

from . import services
from .models import Lead, LeadFollowUp

__all__ = ["build_leads", "delete_leads", "register"]

#: The stage each demo lead ends in, the path there, and whether it becomes a project.
_PLANS = (
    ("lead", (), False), ("contact", ("contact",), False), ("inspection", ("contact", "inspection"), False),
    ("negotiation", ("inspection", "negotiation"), False), ("signed", ("inspection", "negotiation", "signed"), False),
    ("signed", ("contact", "negotiation", "signed"), True),
    ("landed", ("inspection", "negotiation", "signed", "landed"), True),
    ("terminated", ("contact", "terminated"), False),
)
_PRODUCTS = ("动力电池模组", "轨道交通齿轮箱", "工程机械液压件", "新材料复合板", "智能传感器", "电子级化学品",
             "航空零部件", "医疗器械耗材")
_COMPANIES = ("深圳某新能源科技股份有限公司", "江苏某精密机械有限公司", "上海某智能装备集团",
              "浙江某新材料股份有限公司")
_STEPS = ("寄送园区用地和优惠政策资料", "安排企业高管来湘考察", "商议投资协议条款", "落实项目用地指标")
_KINDS = ("contact", "visit", "offer", "negotiation")


def _segment_for(ctx: DemoContext, city_pk: int):
    for segment in ctx.segments:
        if segment.cluster.city.pk == city_pk and segment.pk:
            return segment
    return None


def build_leads(ctx: DemoContext) -> None:
    """Two rounds of `_PLANS` over the first parks; records the leads and the projects they became in
    ``ids["leads"]`` (for `delete_leads`)."""
    rng = ctx.rng("attraction-leads")
    admin = User.objects.get(username="admin")
    made: dict[str, list[int]] = {"leads": [], "projects": []}
    ctx.ids["leads"] = made
    parks = sorted((p for p in ctx.parks if p.pk), key=lambda p: p.pk)[:8]
    if not parks:
        return
    today = ctx.reference_date
    n = 0
    for round_ in range(2):
        for _stage, path, convert in _PLANS:
            park = parks[n % len(parks)]
            segment = _segment_for(ctx, park.county.city.pk)
            code = next((c for c in park.leading if c in ctx.industry_pk), None)
            start = today - dt.timedelta(days=200 - 7 * n)
            lead = services.lead_create(lead=Lead(
                name=f"{park.short}{_PRODUCTS[n % len(_PRODUCTS)]}项目（{round_ + 1}）",
                company=_COMPANIES[n % len(_COMPANIES)], region_id=park.county.pk, park_id=park.pk,
                cluster_id=segment.cluster.pk if segment else None, chain_segment_id=segment.pk if segment else None,
                transfer_type=("cost", "resource", "market", "supporting")[n % 4],
                planned_investment_wan=Decimal(rng.randrange(5, 60) * 1000),
                land_area_mu=Decimal(rng.randrange(30, 300)),
                industry_id=ctx.industry_pk.get(code) if code else None, source="驻点招商" if n % 2 else "以商招商",
                owner_unit=f"{park.county.name}商务局"), actor=admin, on=start)
            made["leads"].append(lead.pk)
            day = start
            for k, target in enumerate(path):
                day += dt.timedelta(days=rng.randrange(8, 30))
                services.lead_follow_up_add(follow_up=LeadFollowUp(
                    lead=lead, date=day, kind=_KINDS[k % 4], summary=f"与{lead.company}就{lead.name}进行沟通",
                    by_name="招商专员"), actor=admin)
                services.lead_transition(lead=lead, stage=target, actor=admin, on=day, reason="企业调整投资布局"
                                         if target == "terminated" else "")
                if target == "signed" and convert:
                    # the code's serial from the demo's own count, not the lead's id: the same seed, the same data
                    made["projects"].append(services.lead_convert_to_project(
                        lead=lead, actor=admin, planned_start_date=day + dt.timedelta(days=90),
                        code=services.lead_project_code(lead, serial=n + 1)).pk)
            if lead.is_open:
                services.lead_follow_up_add(follow_up=LeadFollowUp(
                    lead=lead, date=day, kind="contact", summary="电话跟进项目进展", by_name="招商专员",
                    next_step=_STEPS[n % len(_STEPS)], next_step_date=today + dt.timedelta(days=rng.randrange(-5, 30))),
                    actor=admin)
            n += 1
    ctx.counts["leads"], ctx.counts["lead_projects"] = len(made["leads"]), len(made["projects"])
    # The projects the leads became get last month's light, as the pipeline phase gave the others.
    from clusterdesk.projects.models import Project
    from clusterdesk.projects.supervision import lights_compute

    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    lights_compute(month=last_month, projects=Project.objects.filter(pk__in=made["projects"]))


def delete_leads(ids) -> dict[str, int]:
    """Delete the demo leads (their follow-ups and history with them) and the projects they became."""
    from clusterdesk.projects.models import Project

    made = ids.get("leads") or {}
    leads = Lead.objects.filter(pk__in=made.get("leads", [])).delete()[0]
    return {"leads": leads, "lead_projects": Project.objects.filter(pk__in=made.get("projects", [])).delete()[0]}


def register() -> None:
    """Register the attraction phase (called from `AttractionConfig.ready`), after the projects' pipeline."""
    registry.register_demo_phase(DemoPhase("leads", build_leads, 95, delete=delete_leads))
