# ruff: noqa: E501  (a declarative table of Chinese headers; CJK characters count double)
"""The import and export of projects, milestones, monthly progress reports and problems.

Projects are written through the bulk service (`services.bulk.projects_bulk_write`); milestones, reports and
problems through their single-object services, row by row. The row rules are the core validators the models'
``clean()`` calls, so a sheet is refused for exactly what the form and the API refuse.
"""

from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.importing.pipeline import YearValue
from clusterdesk.common.importing.specs import ImportSpec, Ref, choices_of
from clusterdesk.core.importing import ColumnSpec as C

__all__ = [
    "PROJECT",
    "milestones_spec",
    "problems_spec",
    "progress_reports_spec",
    "projects_spec",
    "register_imports",
]

#: A project by code or name, among those the importing user may see.
PROJECT = Ref("projects.Project", ("code", "name"), select_related=("region", "park", "owner"))
ZERO = Decimal(0)


def projects_spec() -> ImportSpec:
    from clusterdesk.core.validation import project_errors
    from clusterdesk.enterprises.imports import ENTERPRISE
    from clusterdesk.industry.imports import CLUSTER, INDUSTRY, INDUSTRY_NOTE, SEGMENT
    from clusterdesk.parks.imports import PARK
    from clusterdesk.regions.imports import REGION, region_column

    from .choices import KeyLevelChoices, ProjectStageChoices, ProjectTypeChoices, SectorChoices
    from .services.bulk import projects_bulk_check, projects_bulk_write

    def dates(name, label, synonyms=()):
        return C(name, label, "date", label, (label + "时间", label + "日期", *synonyms))

    return ImportSpec(
        kind="projects", model="projects.Project", title=str(_("projects")), title_en="projects", key=("code",),
        order=30, bulk_check=projects_bulk_check, bulk_write=projects_bulk_write,
        columns=(
            C("code", "项目编码", "text", "project code", ("项目代码", "项目编号", "编码", "备案代码"),
              max_length=40, note="识别已有项目；同一编码再次导入即更新", example="2024-430100-38-01-000001"),
            C("name", "项目名称", "text", "name", ("项目", "名称"), max_length=200),
            C("owner", "业主单位", "ref", "owner enterprise", ("项目单位", "建设单位", "业主企业", "投资主体", "业主"),
              note="统一社会信用代码或企业名称（须为已登记企业）"),
            region_column(),
            C("park", "所在园区", "ref", "park", ("园区", "所属园区"), note="园区名称或简称"),
            C("cluster", "所属集群", "ref", "cluster", ("产业集群", "集群")),
            C("chain_segment", "产业链环节", "ref", "chain segment", ("链条环节", "环节")),
            C("industry", "所属行业", "ref", "industry", ("行业", "行业代码"), note=INDUSTRY_NOTE),
            C("total_investment_wan", "总投资", "money", "total investment", ("计划总投资", "项目总投资", "投资额"),
              unit="万元", min_value=ZERO, example="98000"),
            C("investment_completed_wan", "累计完成投资", "money", "investment completed",
              ("已完成投资", "完成投资", "累计投资"), unit="万元", min_value=ZERO),
            C("land_area_mu", "用地面积", "area", "land", ("用地", "占地面积", "用地规模"), unit="亩", min_value=ZERO),
            C("stage", "项目阶段", "choice", "stage", ("阶段", "所处阶段", "项目状态"), choices=choices_of(ProjectStageChoices),
              note="不填则为谋划"),
            C("key_level", "重点级别", "choice", "key level", ("项目级别", "重点项目级别"), choices=choices_of(KeyLevelChoices),
              note="不填则为一般项目"),
            C("project_type", "项目类型", "choice", "project type", ("类型",), choices=choices_of(ProjectTypeChoices),
              note="不填则为产业项目"),
            C("sector", "所属领域", "choice", "sector", ("领域", "行业领域"), choices=choices_of(SectorChoices),
              note="不填则为工业"),
            C("construction_content", "建设内容", "text", "construction content",
              ("建设规模及内容", "主要建设内容", "建设内容及规模", "主要建设内容及规模", "建设规模和内容", "建设内容和规模")),
            dates("planned_start_date", "计划开工"), dates("planned_completion_date", "计划竣工"),
            dates("planned_production_date", "计划投产"), dates("actual_start_date", "实际开工", ("开工时间",)),
            dates("actual_completion_date", "实际竣工"), dates("actual_production_date", "实际投产"),
            C("responsible_leader", "责任领导", "text", "responsible leader", ("联系领导", "包联领导", "联系市领导"),
              max_length=50),
            C("responsible_unit", "责任单位", "text", "responsible unit", ("牵头单位",), max_length=200),
            C("green_channel", "绿色通道", "bool", "green channel", ("是否绿色通道",)),
            C("land_secured", "用地已落实", "bool", "land secured", ("土地落实", "用地落实")),
            C("signed_date", "签约日期", "date", "contract signed", ("签约时间",)),
            C("longitude", "经度", "decimal", "longitude", ("东经",), min_value=Decimal(-180), max_value=Decimal(180),
              note="项目位置，度（CGCS2000），须在中国范围内"),
            C("latitude", "纬度", "decimal", "latitude", ("北纬",), min_value=Decimal(-90), max_value=Decimal(90)),
        ),
        import_only=(
            C("owner_uscc", "统一社会信用代码", "uscc", "owner's credit code",
              ("业主单位统一社会信用代码", "建设单位统一社会信用代码", "项目单位统一社会信用代码", "社会信用代码", "信用代码"),
              note="业主单位的 18 位代码（GB 32100 校验）：按代码找已登记企业；未登记的随本次导入新建"),
            C("annual_plan_wan", "年度计划投资", "money", "annual planned investment",
              ("计划投资", "本年计划投资", "年计划投资", "年度投资计划", "投资计划", "计划完成投资"), unit="万元", min_value=ZERO,
              note="表头写明年份，如“2025年计划投资”；或在标题中写年份", extra={"per_year": True}),
            C("construction_period", "建设起止年限", "text", "construction period",
              ("建设年限", "起止年限", "建设起止年份", "建设期限", "建设起止时间", "起止年份", "建设起止日期"),
              note="如 2024-2026、2024.3-2026.12：结束年（月）的最后一天为计划竣工；写到月的开始为计划开工。"
                   "表中另有计划开工、计划竣工列的以其为准"),
        ),
        refs={"owner": ENTERPRISE, "region": REGION, "park": PARK, "cluster": CLUSTER, "chain_segment": SEGMENT,
              "industry": INDUSTRY},
        unique_in_file=(("name", "region"),),
        section_field="stage", section_value=_section_stage,
        resolves=("owner",), resolve=_resolve_owners, after_plan=_after_plan, before_write=_create_owners,
        after_write=_write_annual,
        rules=(project_errors,),
        export_queryset=lambda qs: qs.select_related("owner", "region", "park", "cluster", "chain_segment",
                                                     "industry"),
    )


def _section_stage(title: str) -> str | None:
    """The stage a section heading names (一、续建项目 → 在建)."""
    from clusterdesk.core.lifecycle import stage_of_heading

    stage = stage_of_heading(title)
    return None if stage is None else str(stage)


def _resolve_owners(plan, parsed, actor) -> None:
    """The owner of each row: by the owner's credit code, else by the owner column (a code or a name), through
    the enterprises' selectors in the importing user's scope. An owner with a valid code that no registered
    enterprise has is proposed as a new enterprise, created with the import (`_create_owners`); one named
    without a code and not found is an error, since an enterprise is registered by its code."""
    from clusterdesk.common.bulk import CHUNK
    from clusterdesk.enterprises.selectors import enterprise_list
    from clusterdesk.enterprises.services_bulk import enterprise_new

    if "owner" not in plan.present and "owner_uscc" not in plan.present:
        return
    texts = {v for row in parsed for v in (row.values.get("owner"), row.values.get("owner_uscc")) if v}
    visible = enterprise_list(user=actor)
    by_code, by_name = {}, defaultdict(list)
    items = sorted(texts)
    for start in range(0, len(items), CHUNK // 2):  # two lists of parameters per query
        chunk = items[start:start + CHUNK // 2]
        for enterprise in visible.filter(Q(uscc__in=[t.upper() for t in chunk]) | Q(name__in=chunk)):
            by_code[enterprise.uscc] = enterprise
            by_name[enterprise.name].append(enterprise)
    proposed: dict = plan.context.setdefault("new_owners", {})
    for row in parsed:
        values = row.values
        code, name = values.pop("owner_uscc", None), values.get("owner") or ""
        if "owner_uscc" in plan.present and code is None and row.cells.get("owner_uscc"):
            values["owner"] = None  # the code itself is wrong: that error is listed already
            continue
        if code:
            found = by_code.get(code)
            if found is None:
                named = by_name.get(name, [])
                if len(named) == 1:
                    plan.errors.append(plan.error(
                        row.row, "owner_uscc", f"“{name}”已登记的统一社会信用代码为 {named[0].uscc}，与表中的 {code} 不符",
                        f"“{name}” is registered with the credit code {named[0].uscc}, not {code}", code))
                    row.valid = False
                    continue
                if not name:
                    plan.errors.append(plan.error(row.row, "owner", "统一社会信用代码未登记，须填写业主单位名称才能新建该企业",
                                                  "the credit code is not registered: name the owner to register it",
                                                  code))
                    row.valid = False
                    continue
                found = proposed.get(code)
                if found is None:
                    found = proposed[code] = enterprise_new(uscc=code, name=name, region=values.get("region"))
                    plan.note(row.row, "owner", f"业主单位“{name}”（{code}）尚未登记，将随本次导入新建该企业",
                              f"the owner “{name}” ({code}) is not registered: it is registered with this import")
                plan.context.setdefault("owner_rows", defaultdict(list))[code].append(row.row)
            elif name and found.name != name and name != found.uscc:
                plan.note(row.row, "owner", f"按统一社会信用代码取已登记企业“{found.name}”（表中写作“{name}”）",
                          f"the credit code names the registered “{found.name}” (the sheet says “{name}”)")
            values["owner"] = found
            continue
        if not name:
            continue
        hits = [by_code[name.upper()]] if name.upper() in by_code else by_name.get(name, [])
        if len(hits) == 1:
            values["owner"] = hits[0]
            continue
        message = ((f"“{name}”对应多个企业，请填写统一社会信用代码", f"“{name}” names several enterprises; give the credit code")
                   if hits else (f"找不到企业“{name}”（或不在您的权限范围内）：请填写其统一社会信用代码，以便核对或新建",
                                 f"no enterprise “{name}” found (or it is outside your scope): give its credit code"))
        plan.errors.append(plan.error(row.row, "owner", *message, name))
        row.valid = False
    if "owner" not in plan.present and any(row.values.get("owner") is not None for row in parsed):
        plan.present = plan.present | {"owner"}  # a sheet with the owner's code and no owner column
        plan.columns.setdefault("owner", plan.columns["owner_uscc"])


def _create_owners(plan, actor) -> None:
    """Register the owners proposed while planning, through the enterprises' bulk service, before the projects
    that name them are written (in the import's transaction: undone with it)."""
    from clusterdesk.common.bulk import BulkChange, BulkValidationError
    from clusterdesk.enterprises.services_bulk import enterprises_bulk_write

    proposed = plan.context.get("new_owners") or {}
    used = {id(r.instance.owner) for r in plan.rows if r.action != "unchanged" and r.instance.owner_id is None
            and "owner" in r.instance._state.fields_cache}
    owners = [e for e in proposed.values() if id(e) in used]
    if not owners:
        return
    rows = plan.context["owner_rows"]
    try:
        enterprises_bulk_write([BulkChange(e) for e in owners], actor=actor)
    except BulkValidationError as exc:
        for index, by_field in exc.errors.items():
            for messages in by_field.values():
                for message in messages:
                    zh, en = message if isinstance(message, tuple) else (str(message), str(message))
                    for row in rows[owners[index].uscc]:
                        plan.errors.append(plan.error(row, "owner", f"无法新建企业“{owners[index].name}”：{zh}",
                                                      f"cannot register “{owners[index].name}”: {en}"))
        return
    except PermissionDenied:
        plan.errors.append(plan.error(None, "owner", "您的角色不能新增企业，请先登记业主单位",
                                      "your role may not register enterprises: register the owners first"))
        return
    for r in plan.rows:
        owner = r.instance._state.fields_cache.get("owner")
        if owner is not None and r.instance.owner_id is None:
            r.instance.owner = owner  # now saved: sets owner_id


def _after_plan(plan, actor) -> None:
    from clusterdesk.accounts.imports import unit_notes

    _plan_period(plan)
    _plan_annual(plan)
    unit_notes(plan, text_field="responsible_unit", region=lambda project: project.region_id)


def _problem_unit_notes(plan, actor) -> None:
    from clusterdesk.accounts.imports import unit_notes

    unit_notes(plan, text_field="owner_unit", region=lambda problem: problem.project.region_id)


def _plan_period(plan) -> None:
    """The planned start and completion a 建设起止年限 gives (2024-2026, 2024.3-2026.12), where the sheet has no
    date of its own: the end's last day is the planned completion; the start only when it names a month, since
    1 January for a year alone would show every project starting that year as late from February on. A stored
    date within the stated year (or month) is more precise and is kept."""
    from clusterdesk.core.dates import DatePrecision, parse_period, period_end
    from clusterdesk.core.exceptions import DateParseError

    if "construction_period" not in plan.present:
        return
    for name in ("planned_start_date", "planned_completion_date"):
        plan.columns.setdefault(name, plan.columns["construction_period"])  # errors of a derived date point here
    years_only = 0
    for r in plan.rows:
        text = r.extras.get("construction_period")
        if not text:
            continue
        try:
            (start, start_precision), (end, end_precision) = parse_period(text)
        except DateParseError as exc:
            plan.errors.append(plan.error(r.row, "construction_period", str(exc),
                                          "not a construction period (write e.g. 2024-2026 or 2024.3-2026.12)", text))
            continue
        derived = [("planned_completion_date", period_end(end, end_precision), end, end_precision)]
        if start_precision == DatePrecision.YEAR:
            years_only += 1
        else:
            derived.append(("planned_start_date", start, start, start_precision))
        for name, value, first, precision in derived:
            if name in plan.present and getattr(r.instance, name) is not None:
                continue  # the sheet's own 计划开工 / 计划竣工 is the date
            old = getattr(r.stored, name) if r.stored is not None else None
            if old is not None and first <= old <= period_end(first, precision):
                continue
            if r.action == "create":
                r.changes.append((name, None, value))
            else:
                r.change(name, old, value)
            setattr(r.instance, name, value)
    plan.note(plan.header_row, "construction_period", "建设起止年限：结束年（月）的最后一天作为计划竣工日期"
              + (f"；有 {years_only} 行只写了开工年份，未据此填写计划开工日期（按 1 月 1 日计会被误判为未按期开工），"
                 "请在“计划开工”列写到月" if years_only else ""),
              "construction period: the last day of its end is the planned completion"
              + (f"; {years_only} rows give the start as a year only: no planned start is set from it"
                 if years_only else ""))


def _plan_annual(plan) -> None:
    """What each row changes of its project's annual plan (2025年计划投资), compared with the stored plan."""
    from .models import AnnualPlan

    year = plan.years.get("annual_plan_wan")
    if year is None:
        return
    stored = [r.stored.pk for r in plan.rows if r.stored is not None and r.extras.get("annual_plan_wan") is not None]
    current = {}
    for start in range(0, len(stored), 500):
        current.update(AnnualPlan.objects.filter(year=year, project_id__in=stored[start:start + 500])
                       .values_list("project_id", "planned_wan"))
    for r in plan.rows:
        figure = r.extras.get("annual_plan_wan")
        if figure is None:
            continue
        old = current.get(r.stored.pk) if r.stored is not None else None
        new = Decimal(figure.value).quantize(Decimal("0.01"))
        if old is not None and old == new:
            continue
        change = ("annual_plan_wan", None if old is None else YearValue(year, old), YearValue(year, new))
        if r.action == "unchanged":
            r.action = "update"  # the project itself is not rewritten: only its annual plan (see `_changes`)
        r.changes.append(change)


def _write_annual(plan, actor) -> None:
    """Write the annual plans the rows change, once their projects are saved."""
    from .services.bulk import annual_plans_bulk_set

    entries = [(r.instance if r.action != "update" or r.stored is None else r.stored, change[2].year,
                change[2].value) for r in plan.rows for change in r.changes if change[0] == "annual_plan_wan"]
    if entries:
        annual_plans_bulk_set(entries, actor=actor)


def _milestone_save(milestone, *, actor, extras: dict, created: bool):
    from .services import milestone_create, milestone_update

    return (milestone_create if created else milestone_update)(milestone=milestone, actor=actor)


def milestones_spec() -> ImportSpec:
    return ImportSpec(
        kind="milestones", model="projects.Milestone", title=str(_("milestones")), title_en="milestones",
        key=("project", "name"), parent_field="project", writer="service", save=_milestone_save, order=40,
        columns=(
            C("project", "项目编码", "ref", "project", ("项目", "项目代码", "项目名称"),
              note="项目编码或项目名称"),
            C("sequence", "节点顺序", "int", "sequence", ("顺序", "节点序号"), min_value=ZERO),
            C("code", "节点编码", "text", "node code", ("节点代码",), max_length=40, note="模板节点的编码（如 start）"),
            C("name", "节点名称", "text", "name", ("节点", "里程碑"), max_length=100),
            C("planned_date", "计划完成日期", "date", "planned date", ("计划时间", "计划完成时间")),
            C("actual_date", "实际完成日期", "date", "actual date", ("实际时间", "实际完成时间")),
            C("duration_days", "工期(天)", "int", "duration (days)", ("工期", "历时"), min_value=ZERO),
            C("note", "备注", "text", "note", ("说明",), max_length=300),
        ),
        refs={"project": PROJECT}, unique_in_file=(("project", "name"),),
        export_queryset=lambda qs: qs.select_related("project"),
    )


def _report_figures(report) -> dict:
    return {name: getattr(report, name) for name in ("investment_cumulative_wan", "year_to_date_wan",
                                                     "previous_years_wan")}


def _report_save(report, *, actor, extras: dict, created: bool):
    """A monthly report through its service: the typed cumulative figures must match the identities."""
    from .services import progress_report_create, progress_report_update

    typed = {name: value for name, value in extras.items() if value is not None}
    return (progress_report_create if created else progress_report_update)(report=report, actor=actor, typed=typed)


def progress_reports_spec() -> ImportSpec:
    def month_start(values: dict) -> list:
        if values.get("period") is not None:
            values["period"] = values["period"].replace(day=1)
        return []

    def money(name, label, en, synonyms=(), **kw):
        return C(name, label, "money", en, synonyms, unit="万元", min_value=ZERO, **kw)

    return ImportSpec(
        kind="progress-reports", model="projects.ProgressReport", title=str(_("progress reports")),
        title_en="monthly progress reports", key=("project", "period"), parent_field="project",
        writer="service", save=_report_save, read_extras=_report_figures, order=50,
        extras=("investment_cumulative_wan", "year_to_date_wan", "previous_years_wan"),
        columns=(
            C("project", "项目编码", "ref", "project", ("项目", "项目代码", "项目名称")),
            C("period", "填报月份", "date", "month", ("月份", "报告期", "统计月份", "期间"),
              note="如 2024-07 或 2024年7月；按月记录", example="2024-07"),
            money("investment_month_wan", "本月完成投资", "investment this month", ("当月完成投资", "本月投资")),
            money("construction_wan", "建筑工程", "construction works", ("建筑工程投资",)),
            money("installation_wan", "安装工程", "installation works", ("安装工程投资",)),
            money("equipment_wan", "设备购置", "equipment purchase", ("设备工器具购置",)),
            money("other_wan", "其他费用", "other costs", ("其他",)),
            money("year_to_date_wan", "本年累计完成投资", "year to date", ("本年累计", "年度累计"),
                  note="不填则按本年月报自动累计；填写则须与月报一致"),
            money("previous_years_wan", "以前年度累计", "previous years", ("以前年度完成投资",)),
            money("investment_cumulative_wan", "自开工累计完成投资", "cumulative investment", ("累计完成投资", "累计投资"),
                  note="不填则自动计算 = 以前年度累计 + 本年累计"),
            C("progress_text", "形象进度", "text", "progress", ("进展情况", "工程进度", "项目进展")),
        ),
        refs={"project": PROJECT}, unique_in_file=(("project", "period"),), rules=(month_start,),
        export_queryset=lambda qs: qs.select_related("project").order_by("project__code", "period"),
    )


def _problem_save(problem, *, actor, extras: dict, created: bool):
    from .services import problem_create, problem_update

    return (problem_create if created else problem_update)(problem=problem, actor=actor)


def problems_spec() -> ImportSpec:
    from clusterdesk.core.validation import problem_errors

    from .choices import CoordinationLevelChoices, ProblemCategoryChoices, ProblemStatusChoices

    # Issue 3: four coordination levels (1 project leader … 4 principal leader), stored as numbers.
    levels = tuple((str(value), zh, en) for value, zh, en in choices_of(CoordinationLevelChoices))

    def level_number(values: dict) -> list:
        if values.get("coordination_level") not in (None, ""):
            values["coordination_level"] = int(values["coordination_level"])
        return []

    return ImportSpec(
        kind="problems", model="projects.Problem", title=str(_("problems")), title_en="problems",
        key=("project", "category", "description"), parent_field="project", writer="service", save=_problem_save,
        order=60,
        columns=(
            C("project", "项目编码", "ref", "project", ("项目", "项目代码", "项目名称")),
            C("category", "问题类别", "choice", "category", ("类别", "问题类型"),
              choices=choices_of(ProblemCategoryChoices)),
            C("description", "问题描述", "text", "description", ("问题", "存在问题", "问题内容")),
            C("raised_by_name", "提出人", "text", "raised by", ("反映人",), max_length=100),
            C("owner_unit", "责任单位", "text", "owner unit", ("牵头单位", "承办单位"), max_length=200),
            C("owner_person", "责任人", "text", "owner person", ("联系人",), max_length=100),
            C("raised_date", "提出日期", "date", "raised", ("提出时间",)),
            C("due_date", "办结时限", "date", "due", ("完成时限", "办结时间")),
            C("coordination_level", "协调层级", "choice", "coordination level", ("层级", "协调级别"),
              choices=levels),
            C("status", "状态", "choice", "status", choices=choices_of(ProblemStatusChoices), export_only=True,
              note="仅导出：状态须通过办理流程变更"),
            C("resolved_date", "解决日期", "date", "resolved", export_only=True, note="仅导出"),
            C("resolution", "解决情况", "text", "resolution", ("办理情况",)),
        ),
        refs={"project": PROJECT}, rules=(level_number, problem_errors), after_plan=_problem_unit_notes,
        export_queryset=lambda qs: qs.select_related("project"),
    )


def register_imports() -> None:
    """Register this app's import kinds (from ``ProjectsConfig.ready``)."""
    from clusterdesk.common.registry import registry

    registry.register_import_kind("projects", projects_spec)
    registry.register_import_kind("milestones", milestones_spec)
    registry.register_import_kind("progress-reports", progress_reports_spec)
    registry.register_import_kind("problems", problems_spec)
