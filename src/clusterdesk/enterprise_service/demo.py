"""The enterprise-service phase of the demo build: five years of monthly figures for every key enterprise, visits
with follow-up tasks, appeals in every status, and then the service's own jobs (warnings, candidates, escalation).

Each key enterprise gets 60 months up to the month before the reference date: output follows its annual revenue
with a seasonal shape (the Spring Festival dip in February, the year-end push in December), a growth trend and
noise; revenue, orders, capacity, electricity, tax and employees follow from output. A share of enterprises is
given a story the warning rules should catch: a slump in the last months with falling orders, a capacity left
idle, electricity that drops while reported output does not, a report that stops coming, a month lost in the
middle. Small industrial firms near the 2,000 万元 line report this year's months, so that the candidate detector
finds 准规上 and 达标应入 units. Everything comes from the build's seeded streams.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from clusterdesk.accounts.models import User
from clusterdesk.common.registry import DemoPhase, registry
from clusterdesk.demo.context import DemoContext, RowSink

from .inclusion import candidates_detect
from .models import Appeal, FollowUpTask, MonthlyFigure, Visit
from .services import appeals_escalate, warnings_recompute

__all__ = [
    "FIGURE_FIELDS",
    "MONTHS",
    "NEAR_FIELDS",
    "SEASON",
    "STORIES",
    "build_enterprise_service",
    "monthly_figures",
    "monthly_rows",
    "register",
]

MONTHS = 60
STORIES = ("slump", "idle", "power", "silent", "gap", "slump", "power")
#: Month-of-year factors: the Spring Festival dip, the year-end push (mean 1).
SEASON = (0.92, 0.70, 1.02, 1.00, 1.01, 1.04, 0.98, 0.97, 1.03, 1.02, 1.06, 1.25)
UNITS = {"C36": "辆", "C37": "辆", "C38": "台", "C39": "万件", "C26": "吨", "C30": "吨", "C31": "吨", "C32": "吨",
         "C33": "吨", "C34": "台", "C35": "台", "C13": "吨", "C14": "吨", "C15": "万升", "C17": "万米", "C27": "万盒"}
TOPICS = ("生产经营情况", "用工需求", "融资需求", "扩产用地", "技改项目申报", "订单与市场", "能耗指标", "安全生产",
          "惠企政策兑现")
TASKS = (("协调银行开展授信对接", "地方金融管理局"), ("组织专场招聘会", "人力资源和社会保障局"),
         ("协调解决扩产用地指标", "自然资源和规划局"), ("指导申报技改专项资金", "工业和信息化局"),
         ("协调电力增容", "发展和改革委员会"), ("对接物流园区运力", "交通运输局"), ("帮办环评审批", "行政审批服务局"))
APPEALS = (("land", "扩产项目用地指标未落实", "二期厂房需新增用地约{n}亩，用地指标尚未落实。"),
           ("financing", "流动资金贷款续贷困难", "一笔{n}00万元流动资金贷款即将到期，续贷审批进展缓慢。"),
           ("labour", "技术工人招聘难", "新产线投产需熟练技工约{n}0人，招聘缺口较大。"),
           ("energy", "用电增容申请", "新增设备需增容约{n}000千伏安，申请已提交供电部门。"),
           ("logistics", "原材料运输成本上升", "园区至港口运力紧张，物流成本同比上升约{n}%。"),
           ("permits", "新建项目环评审批", "{n}号车间技改项目环评审批尚未办结。"),
           ("policy", "奖补资金兑现", "上年度技改奖补资金约{n}0万元尚未兑现。"),
           ("other", "周边道路施工影响出入", "厂区东门外道路施工已持续{n}个月，影响车辆进出。"))


#: The columns of a key enterprise's monthly rows, and of a near-threshold firm's, in their order.
FIGURE_FIELDS = ("enterprise", "period", "output_wan", "revenue_wan", "orders_on_hand_wan", "new_orders_wan",
                 "capacity", "capacity_output", "capacity_unit", "utilisation_pct", "electricity_wan_kwh", "tax_wan",
                 "employees", "planned_output_wan", "production_plan", "source")
NEAR_FIELDS = ("enterprise", "period", "revenue_wan", "output_wan", "tax_wan", "electricity_wan_kwh", "source")
#: Of the latest month's figures, the first is returned with `RETURN_REASON`, and two in every ``FILED_EVERY`` still
#: wait for review (填报 → 审核); the rest are accepted. No draw: the other streams stay as they were.
FILED_EVERY = 20
RETURN_REASON = "产值与用电量变动不一致，请核实后重新填报"


def _money(value: float) -> Decimal:
    return Decimal(round(value * 100)) / 100


def _month_start(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def _scenario(rng: random.Random) -> str:
    draw = rng.random()
    for name, share in (("slump", 0.08), ("idle", 0.05), ("power", 0.03), ("silent", 0.03), ("gap", 0.04)):
        if draw < share:
            return name
        draw -= share
    return "normal"


def monthly_rows(rng: random.Random, enterprise_id: int, industry: str, annual_revenue: float, last: int,
                 months: int = MONTHS, scenario: str | None = None) -> list[tuple]:
    """The monthly figures of one key enterprise for ``months`` months ending at month index ``last``, as rows
    of `FIGURE_FIELDS`."""
    scenario = scenario or _scenario(rng)
    first = last - months + 1
    growth = rng.gauss(0.06, 0.07)
    base = annual_revenue / 12 / (1 + growth) ** (months / 12)
    unit = UNITS.get(industry[:3], "万件" if industry.startswith("C") else "")
    price = rng.uniform(0.5, 5.0)
    utilisation = rng.uniform(0.72, 0.93)
    capacity = base * 1.25 / price / utilisation if unit else None
    power_per_wan = rng.uniform(0.01, 0.08) if industry[:1] in "BCD" else rng.uniform(0.002, 0.01)
    target_cover = rng.uniform(1.5, 3.0)  # months of output the order book holds, around which it wanders
    cover = target_cover
    silent_from = last - rng.randint(0, 2) if scenario == "silent" else None
    gap = rng.randint(last - 10, last - 1) if scenario == "gap" else None
    rows = []
    for index in range(first, last + 1):
        if (silent_from is not None and index >= silent_from) or index == gap:
            continue
        t = (index - first) / 12
        output = base * (1 + growth) ** t * SEASON[index % 12] * rng.uniform(0.93, 1.07)
        power_factor = 1.0
        if scenario == "slump" and index > last - 6:
            output *= 0.55 + 0.06 * (last - index)
        if scenario == "power" and index == last:
            power_factor = rng.uniform(0.45, 0.7)
        used = utilisation * rng.uniform(0.95, 1.05) * (0.62 if scenario == "idle" and index > last - 4 else 1)
        slump = 0.88 ** (index - last + 7) if scenario == "slump" and index > last - 7 else 1
        level = base * (1 + growth) ** t * slump
        cover = cover * rng.uniform(0.95, 1.05) + (target_cover - cover) * 0.25
        orders = level * cover
        rows.append((
            enterprise_id, _month_start(index), _money(output), _money(output * rng.uniform(0.9, 1.03)),
            _money(orders), _money(output * rng.uniform(0.85, 1.15)), _money(capacity) if capacity else None,
            _money(capacity * used) if capacity else None, unit, _money(used * 100) if capacity else None,
            _money(output * power_per_wan * rng.uniform(0.95, 1.05) * power_factor),
            _money(output * rng.uniform(0.02, 0.06)), max(20, int(output * 12 / rng.uniform(80, 150))),
            _money(output * rng.uniform(0.95, 1.12)) if index == last else None,
            "下月订单饱满，计划两班倒生产" if index == last and scenario == "normal" else "",
            "enterprise" if rng.random() < 0.7 else "secretary",
        ))
    return rows


def monthly_figures(rng: random.Random, enterprise_id: int, industry: str, annual_revenue: float, last: int,
                    months: int = MONTHS, scenario: str | None = None) -> list[MonthlyFigure]:
    """The monthly figures of one key enterprise for ``months`` months ending at month index ``last``, as
    unsaved `MonthlyFigure` instances (the rows of `monthly_rows`)."""
    names = ["enterprise_id", *FIGURE_FIELDS[1:]]
    return [MonthlyFigure(**dict(zip(names, row, strict=True)))
            for row in monthly_rows(rng, enterprise_id, industry, annual_revenue, last, months, scenario)]


def _near_threshold(rng: random.Random, ent, last: int) -> list[tuple]:
    """This year's months for a small industrial firm near the line, as rows of `NEAR_FIELDS`; a third report only
    tax and electricity."""
    months = last % 12 + 1
    monthly = ent.revenue_cents / 100 / 12 * rng.uniform(1.0, 1.6)
    estimates_only = rng.random() < 0.33
    rows = []
    for index in range(last - months + 1, last + 1):
        value = monthly * SEASON[index % 12] * rng.uniform(0.9, 1.1)
        rows.append((ent.pk, _month_start(index), None if estimates_only else _money(value),
                     None if estimates_only else _money(value * rng.uniform(0.95, 1.05)),
                     _money(value * rng.uniform(0.035, 0.05)), _money(value * rng.uniform(0.03, 0.06)), "import"))
    return rows


def _visits(rng, key, secretary, reference: dt.date) -> tuple[list[Visit], list[tuple[int, FollowUpTask]]]:
    visits, tasks = [], []
    for ent in key:
        for _ in range(rng.choice((0, 1, 2, 2, 3, 4) if ent.pk in secretary["served"] else (0, 0, 1, 2))):
            day = reference - dt.timedelta(days=rng.randint(3, 330))
            visit = Visit(enterprise_id=ent.pk, visit_date=day, topics="、".join(rng.sample(TOPICS, 2)),
                          visitors=secretary["name"] if ent.pk in secretary["served"] else "市工信局企业服务科",
                          secretary_id=secretary["pk"] if ent.pk in secretary["served"] else None,
                          notes="企业生产经营总体平稳，反映的困难已记录并交办。")
            visits.append(visit)
            for _ in range(rng.choice((0, 1, 1, 2))):
                text, unit = rng.choice(TASKS)
                due = day + dt.timedelta(days=rng.randint(10, 60))
                done = due < reference and rng.random() < 0.7
                tasks.append((len(visits) - 1, FollowUpTask(
                    enterprise_id=ent.pk, description=text, owner_unit=unit, due_date=due,
                    owner_id=secretary["pk"] if ent.pk in secretary["served"] else None,
                    status="done" if done else "open", done_date=min(due, reference) if done else None)))
    return visits, tasks


def _appeals(rng, key, secretary_pk, reference: dt.date) -> list[Appeal]:
    from clusterdesk.core.appeals import DEFAULT_APPEAL_RULES, appeal_due_date

    rows = []
    for ent in key:
        if rng.random() > 0.55:
            continue
        category, title, text = rng.choice(APPEALS)
        raised = reference - dt.timedelta(days=rng.randint(1, 200))
        due = appeal_due_date(raised, category)
        age = (reference - raised).days
        status = "raised" if age < 3 else rng.choice(("accepted", "in_progress", "answered", "closed", "closed"))
        answered = raised + dt.timedelta(days=rng.randint(2, max(3, int((due - raised).days * 1.6))))
        if status in ("answered", "closed") and answered > reference:
            status = "in_progress"
        closed = status == "closed"
        rows.append(Appeal(
            enterprise_id=ent.pk, title=title, description=text.format(n=rng.randint(2, 9)), category=category,
            raised_date=raised, due_date=due, unit=DEFAULT_APPEAL_RULES.routes[category], status=status,
            raised_by_id=secretary_pk, accepted_date=raised + dt.timedelta(days=1) if status != "raised" else None,
            answered_date=answered if status in ("answered", "closed") else None,
            answer="已协调相关部门，明确解决路径和时限。" if status in ("answered", "closed") else "",
            closed_date=min(answered + dt.timedelta(days=3), reference) if closed else None,
            satisfaction=rng.choice((3, 4, 4, 5, 5, 5)) if closed else None))
    return rows


def _own_appeals(reference: dt.date) -> list[Appeal]:
    """The demo enterprise user's own appeals: one answered (waiting for its rating), one just filed."""
    from clusterdesk.core.appeals import DEFAULT_APPEAL_RULES, appeal_due_date

    user = User.objects.filter(username="enterprise").first()
    enterprise_id = user.scope_enterprises.values_list("pk", flat=True).first() if user else None
    if enterprise_id is None:
        return []
    answered_raised, new_raised = reference - dt.timedelta(days=20), reference - dt.timedelta(days=1)
    return [
        Appeal(enterprise_id=enterprise_id, title="新建车间电力增容", category="energy", raised_by_id=user.pk,
               description="新增两条产线需增容约3000千伏安，申请已提交供电部门，希望协调加快办理。",
               raised_date=answered_raised, due_date=appeal_due_date(answered_raised, "energy"),
               unit=DEFAULT_APPEAL_RULES.routes["energy"], status="answered",
               accepted_date=answered_raised + dt.timedelta(days=1), answered_date=reference - dt.timedelta(days=3),
               answer="已协调供电公司，增容方案已批复，预计下月底前送电；如有延误请直接联系发改委能源科。"),
        Appeal(enterprise_id=enterprise_id, title="技术工人招聘难", category="labour", raised_by_id=user.pk,
               description="新产线投产需熟练技工约40人，希望对接职业院校定向培养。", raised_date=new_raised,
               due_date=appeal_due_date(new_raised, "labour"), unit=DEFAULT_APPEAL_RULES.routes["labour"]),
    ]


def build_enterprise_service(ctx: DemoContext) -> None:
    """Write the service's demonstration data for the demo enterprises, then run the service's jobs."""
    reference = ctx.reference_date
    rng = ctx.rng("enterprise_service")
    last = reference.year * 12 + reference.month - 2  # the month before the reference month
    key = [e for e in ctx.ents if e.key]
    secretary = User.objects.filter(username="secretary").first()
    served = set(secretary.served_enterprises.values_list("pk", flat=True)) if secretary else set()
    # The demo secretary's own enterprises show every story at least once; the others draw theirs.
    stories = dict(zip(sorted(served), STORIES, strict=False))
    own = User.objects.filter(username="enterprise").values_list("scope_enterprises", flat=True).first()
    if own is not None:
        stories[own] = "slump"   # the demo enterprise user sees its warnings
    with ctx.progress.bar("写入月度数据 monthly figures", len(key) * MONTHS) as bar:
        sink = RowSink(MonthlyFigure, (*FIGURE_FIELDS, "review_status", "return_reason"), bar)
        latest, seen = _month_start(last), 0
        for ent in key:
            for row in monthly_rows(rng, ent.pk, ent.industry, ent.revenue_cents / 100, last,
                                    scenario=stories.get(ent.pk)):
                status, reason = "accepted", ""
                # Issue 12: a few of the latest month's figures wait for review (填报 → 审核); the first is returned.
                if row[1] == latest:
                    seen += 1
                if row[1] == latest and seen % FILED_EVERY in (1, 2):
                    status, reason = ("returned", RETURN_REASON) if seen == 1 else ("filed", "")
                sink.add((*row, status, reason))
        sink.flush()
        near_sink = RowSink(MonthlyFigure, (*NEAR_FIELDS, "review_status"), bar)
        near = [e for e in ctx.ents if not e.key and not e.above_scale and e.industry[:1] in "BCD"
                and e.revenue_cents >= 1200_00]
        for ent in rng.sample(near, min(len(near), max(30, len(ctx.ents) // 100))):
            for row in _near_threshold(rng, ent, last):
                near_sink.add((*row, "accepted"))
        near_sink.flush()
    ctx.counts["monthly_figures"] = sink.count + near_sink.count
    who = {"pk": secretary.pk if secretary else None, "name": secretary.display_name if secretary else "",
           "served": served}
    visits, tasks = _visits(rng, key, who, reference)
    Visit.objects.bulk_create(visits, batch_size=2000)
    for position, task in tasks:
        task.visit_id = visits[position].pk
    FollowUpTask.objects.bulk_create([t for _, t in tasks], batch_size=2000)
    appeals = _appeals(rng, key, who["pk"], reference) + _own_appeals(reference)
    Appeal.objects.bulk_create(appeals, batch_size=2000)
    ctx.counts.update(visits=len(visits), follow_up_tasks=len(tasks), appeals=len(appeals))
    for back in (2, 1, 0):
        run = warnings_recompute(period=_month_start(last - back), actor=None)
    candidates = candidates_detect(actor=None, as_of=reference)
    appeals_escalate(actor=None, today=reference)
    ctx.counts.update(warnings=run.counts["warnings"], inclusion_candidates=candidates.counts["new"])


def register() -> None:
    """Register the enterprise-service phase (called from `EnterpriseServiceConfig.ready`)."""
    registry.register_demo_phase(DemoPhase("enterprise_service", build_enterprise_service, 100))
