# ruff: noqa: E501  (a declarative table of Chinese headers; CJK characters count double)
"""The import/export declaration of each kind of record. A field change is a one-line edit here.

Headers are Chinese (the label, with the unit for money and area); synonyms are the other ways real sheets
name a column. Money is in 万元 and land in 亩 unless the header says otherwise (总投资(亿元)).
"""

from dataclasses import replace
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from clusterdesk.core.importing import ColumnSpec as C

from .specs import ImportSpec, Ref, choices_of, register

__all__: list[str] = []

ZERO = Decimal(0)
REGION = Ref("regions.Region", ("code", "full_name", "name"), scoped=False)
PARK = Ref("parks.Park", ("name", "short_name"), select_related=("region__parent",))
ENTERPRISE = Ref("enterprises.Enterprise", ("uscc", "name"))
PROJECT = Ref("projects.Project", ("code", "name"), select_related=("region", "park", "owner"))
INDUSTRY = Ref("industry.IndustryCode", ("code", "numeric_code", "name"), scoped=False)
CLUSTER = Ref("industry.Cluster", ("name",), select_related=("region",))
SEGMENT = Ref("industry.ChainSegment", ("name",), select_related=("chain__cluster__region",))

REGION_NOTE = "GB/T 2260 六位代码（如 430100），或地区名称（长沙市）"
INDUSTRY_NOTE = "GB/T 4754-2017 行业代码（如 C3841 或 3841），或行业名称"


def _not_after(first: str, second: str, first_label: str, second_label: str):
    """A row rule: ``first`` (a date or an amount) may not exceed ``second``."""

    def rule(values: dict) -> list:
        a, b = values.get(first), values.get(second)
        if a is not None and b is not None and a > b:
            return [(second, f"“{second_label}”不能早于（小于）“{first_label}”",
                     f"“{second_label}” must not be before (less than) “{first_label}”")]
        return []

    return rule


def _region(label="所在地区", required=True):
    return C("region", label, "ref", "region", ("所属地区", "地区", "行政区划", "行政区划代码", "区划代码", "所在地",
                                               "所在区县", "县市区"), required=required, note=REGION_NOTE,
             example="430100")


@register("parks")
def parks() -> ImportSpec:
    from clusterdesk.parks.choices import FeaturedStatusChoices, ParkLevelChoices, ParkTypeChoices

    from .writers import park_extras, park_save

    return ImportSpec(
        kind="parks", model="parks.Park", title=str(_("parks")), title_en="parks", key=("name",),
        columns=(
            C("name", "园区名称", "text", "name", ("园区", "名称", "园区全称", "开发区名称"), required=True, max_length=100,
              note="园区全称，用于识别已有园区", example="长沙经济技术开发区"),
            C("short_name", "简称", "text", "short name", ("园区简称",), max_length=50, example="长沙经开区"),
            C("level", "园区级别", "choice", "level", ("级别", "园区等级"), required=True,
              choices=choices_of(ParkLevelChoices)),
            C("park_type", "园区类型", "choice", "type", ("类型",), required=True, choices=choices_of(ParkTypeChoices)),
            _region(),
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
        rules=(_not_after("built_area_mu", "planned_area_mu", "建成面积", "规划面积"),),
        writer="service", save=park_save, extras=("leading_industries", "featured_industries"),
        read_extras=park_extras,
        export_queryset=lambda qs: qs.select_related("region").prefetch_related("park_industries__industry"),
    )


@register("enterprises")
def enterprises() -> ImportSpec:
    return ImportSpec(
        kind="enterprises", model="enterprises.Enterprise", title=str(_("enterprises")), title_en="enterprises",
        key=("uscc",),
        columns=(
            C("uscc", "统一社会信用代码", "uscc", "credit code", ("信用代码", "社会信用代码", "统一代码", "USCC"),
              required=True, note="18 位，GB 32100 校验位", example="91430100MA4L0XXX0X"),
            C("name", "企业名称", "text", "name", ("企业", "名称", "单位名称", "企业全称"), required=True, max_length=200),
            _region(),
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
        unique_in_file=(("name",),), unique_in_db=(("name",),),
        export_queryset=lambda qs: qs.select_related("region", "park", "industry", "secretary"),
    )


@register("projects")
def projects() -> ImportSpec:
    from clusterdesk.projects.choices import KeyLevelChoices, ProjectStageChoices, ProjectTypeChoices, SectorChoices

    from .writers import project_after_write, project_check

    def dates(name, label, synonyms=()):
        return C(name, label, "date", label, (label + "时间", label + "日期", *synonyms))

    return ImportSpec(
        kind="projects", model="projects.Project", title=str(_("projects")), title_en="projects", key=("code",),
        columns=(
            C("code", "项目编码", "text", "project code", ("项目代码", "项目编号", "编码", "备案代码"), required=True,
              max_length=40, note="识别已有项目；同一编码再次导入即更新", example="2024-430100-38-01-000001"),
            C("name", "项目名称", "text", "name", ("项目", "名称"), required=True, max_length=200),
            C("owner", "业主单位", "ref", "owner enterprise", ("项目单位", "建设单位", "业主企业", "投资主体", "业主"),
              note="统一社会信用代码或企业名称（须为已登记企业）"),
            _region(),
            C("park", "所在园区", "ref", "park", ("园区", "所属园区"), note="园区名称或简称"),
            C("cluster", "所属集群", "ref", "cluster", ("产业集群", "集群")),
            C("chain_segment", "产业链环节", "ref", "chain segment", ("链条环节", "环节")),
            C("industry", "所属行业", "ref", "industry", ("行业", "行业代码"), note=INDUSTRY_NOTE),
            C("total_investment_wan", "总投资", "money", "total investment", ("计划总投资", "项目总投资", "投资额"),
              unit="万元", required=True, min_value=ZERO, example="98000"),
            C("investment_completed_wan", "累计完成投资", "money", "investment completed",
              ("已完成投资", "完成投资", "累计投资"), unit="万元", min_value=ZERO),
            C("land_area_mu", "用地面积", "area", "land", ("用地", "占地面积", "用地规模"), unit="亩", min_value=ZERO),
            C("stage", "项目阶段", "choice", "stage", ("阶段", "所处阶段", "项目状态"), choices=choices_of(ProjectStageChoices)),
            C("key_level", "重点级别", "choice", "key level", ("项目级别", "重点项目级别"), choices=choices_of(KeyLevelChoices)),
            C("project_type", "项目类型", "choice", "project type", ("类型",), choices=choices_of(ProjectTypeChoices)),
            C("sector", "所属领域", "choice", "sector", ("领域", "行业领域"), choices=choices_of(SectorChoices)),
            C("construction_content", "建设内容", "text", "construction content", ("建设规模及内容", "主要建设内容")),
            dates("planned_start_date", "计划开工"), dates("planned_completion_date", "计划竣工"),
            dates("planned_production_date", "计划投产"), dates("actual_start_date", "实际开工", ("开工时间",)),
            dates("actual_completion_date", "实际竣工"), dates("actual_production_date", "实际投产"),
            C("responsible_leader", "责任领导", "text", "responsible leader", ("联系领导", "包联领导", "联系市领导"),
              max_length=50),
            C("responsible_unit", "责任单位", "text", "responsible unit", ("牵头单位",), max_length=200),
            C("green_channel", "绿色通道", "bool", "green channel", ("是否绿色通道",)),
            C("land_secured", "用地已落实", "bool", "land secured", ("土地落实", "用地落实")),
            C("signed_date", "签约日期", "date", "contract signed", ("签约时间",)),
        ),
        refs={"owner": ENTERPRISE, "region": REGION, "park": PARK, "cluster": CLUSTER, "chain_segment": SEGMENT,
              "industry": INDUSTRY},
        rules=(
            _completed_not_above_total,
            _not_after("planned_start_date", "planned_completion_date", "计划开工", "计划竣工"),
            _not_after("actual_start_date", "actual_completion_date", "实际开工", "实际竣工"),
        ),
        unique_in_db=(("name", "region"),), check=project_check, after_write=project_after_write,
        export_queryset=lambda qs: qs.select_related("owner", "region", "park", "cluster", "chain_segment",
                                                     "industry"),
    )


def _completed_not_above_total(values: dict) -> list:
    done, total = values.get("investment_completed_wan"), values.get("total_investment_wan")
    if done is not None and total is not None and done > total:
        return [("investment_completed_wan", f"累计完成投资（{done} 万元）不能超过总投资（{total} 万元）",
                 f"investment completed ({done}) exceeds the total investment ({total})")]
    return []


@register("milestones")
def milestones() -> ImportSpec:
    from .writers import milestone_save

    return ImportSpec(
        kind="milestones", model="projects.Milestone", title=str(_("milestones")), title_en="milestones",
        key=("project", "name"), parent_field="project", writer="service", save=milestone_save,
        columns=(
            C("project", "项目编码", "ref", "project", ("项目", "项目代码", "项目名称"), required=True,
              note="项目编码或项目名称"),
            C("sequence", "节点顺序", "int", "sequence", ("顺序", "节点序号"), min_value=ZERO),
            C("code", "节点编码", "text", "node code", ("节点代码",), max_length=40, note="模板节点的编码（如 start）"),
            C("name", "节点名称", "text", "name", ("节点", "里程碑"), required=True, max_length=100),
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


@register("progress-reports")
def progress_reports() -> ImportSpec:
    from .writers import report_save

    def month_start(values: dict) -> list:
        if values.get("period") is not None:
            values["period"] = values["period"].replace(day=1)
        return []

    def money(name, label, en, synonyms=(), **kw):
        return C(name, label, "money", en, synonyms, unit="万元", min_value=ZERO, **kw)

    return ImportSpec(
        kind="progress-reports", model="projects.ProgressReport", title=str(_("progress reports")),
        title_en="monthly progress reports", key=("project", "period"), parent_field="project",
        writer="service", save=report_save, read_extras=_report_figures,
        extras=("investment_cumulative_wan", "year_to_date_wan", "previous_years_wan"),
        columns=(
            C("project", "项目编码", "ref", "project", ("项目", "项目代码", "项目名称"), required=True),
            C("period", "填报月份", "date", "month", ("月份", "报告期", "统计月份", "期间"), required=True,
              note="如 2024-07 或 2024年7月；按月记录", example="2024-07"),
            money("investment_month_wan", "本月完成投资", "investment this month", ("当月完成投资", "本月投资"),
                  required=True),
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


@register("problems")
def problems() -> ImportSpec:
    from clusterdesk.projects.choices import CoordinationLevelChoices, ProblemCategoryChoices, ProblemStatusChoices

    from .writers import problem_save

    # Issue 3: four coordination levels (1 project leader … 4 principal leader), stored as numbers.
    levels = tuple((str(value), zh, en) for value, zh, en in choices_of(CoordinationLevelChoices))

    def level_number(values: dict) -> list:
        if values.get("coordination_level") not in (None, ""):
            values["coordination_level"] = int(values["coordination_level"])
        return []

    return ImportSpec(
        kind="problems", model="projects.Problem", title=str(_("problems")), title_en="problems",
        key=("project", "category", "description"), parent_field="project", writer="service", save=problem_save,
        columns=(
            C("project", "项目编码", "ref", "project", ("项目", "项目代码", "项目名称"), required=True),
            C("category", "问题类别", "choice", "category", ("类别", "问题类型"), required=True,
              choices=choices_of(ProblemCategoryChoices)),
            C("description", "问题描述", "text", "description", ("问题", "存在问题", "问题内容"), required=True),
            C("raised_by_name", "提出人", "text", "raised by", ("反映人",), max_length=100),
            C("owner_unit", "责任单位", "text", "owner unit", ("牵头单位", "承办单位"), required=True, max_length=200),
            C("owner_person", "责任人", "text", "owner person", ("联系人",), max_length=100),
            C("raised_date", "提出日期", "date", "raised", ("提出时间",), required=True),
            C("due_date", "办结时限", "date", "due", ("完成时限", "办结时间"), required=True),
            C("coordination_level", "协调层级", "choice", "coordination level", ("层级", "协调级别"),
              choices=levels),
            C("status", "状态", "choice", "status", choices=choices_of(ProblemStatusChoices), export_only=True,
              note="仅导出：状态须通过办理流程变更"),
            C("resolved_date", "解决日期", "date", "resolved", export_only=True, note="仅导出"),
            C("resolution", "解决情况", "text", "resolution", ("办理情况",)),
        ),
        refs={"project": PROJECT}, rules=(level_number, _not_after("raised_date", "due_date", "提出日期", "办结时限")),
        export_queryset=lambda qs: qs.select_related("project"),
    )


@register("enterprise-figures")
def enterprise_figures() -> ImportSpec:
    """Key enterprises' monthly figures (issue 6's enterprise service), saved through its service."""
    from .writers import figure_save

    def money(name, label, en, synonyms=()):
        return C(name, label, "money", en, synonyms, unit="万元", min_value=ZERO)

    return ImportSpec(
        kind="enterprise-figures", model="enterprise_service.MonthlyFigure", title=str(_("monthly figures")),
        title_en="enterprise monthly figures", key=("enterprise", "period"), parent_field="enterprise",
        writer="service", save=figure_save,
        columns=(
            C("enterprise", "统一社会信用代码", "ref", "enterprise", ("信用代码", "企业", "企业名称"), required=True,
              note="统一社会信用代码或企业名称"),
            C("period", "月份", "date", "month", ("填报月份", "统计月份", "报告期"), required=True, example="2024-07"),
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
            C("utilisation_pct", "产能利用率(%)", "decimal", "capacity utilisation", export_only=True,
              note="仅导出：由实际产量 ÷ 产能计算"),
        ),
        refs={"enterprise": ENTERPRISE}, unique_in_file=(("enterprise", "period"),),
        export_queryset=lambda qs: qs.select_related("enterprise").order_by("enterprise__uscc", "period"),
    )


@register("purchase-records")
def purchase_records() -> ImportSpec:
    """Chain leaders' purchases (issue 5), the raw data of the local supporting rate."""
    from .writers import purchase_save

    return ImportSpec(
        kind="purchase-records", model="industry.PurchaseRecord", title=str(_("purchase records")),
        title_en="purchase records", key=("buyer", "supplier_name", "item", "year", "month"), parent_field="buyer",
        writer="service", save=purchase_save,
        columns=(
            C("buyer", "采购企业", "ref", "buyer", ("链主企业", "采购方", "采购方信用代码"), required=True,
              note="链主企业的统一社会信用代码或名称"),
            C("supplier_name", "供应商名称", "text", "supplier name", ("供应商", "供货单位"), required=True, max_length=200),
            C("supplier", "供应商信用代码", "ref", "supplier", ("供应商代码",), note="已登记的供应商（可不填）"),
            C("supplier_region", "供应商所在地区", "ref", "supplier region", ("供应商地区",), note=REGION_NOTE),
            C("segment", "产业链环节", "ref", "chain segment", ("环节",)),
            C("item", "采购内容", "text", "item", ("采购产品", "物料"), max_length=200),
            C("year", "年份", "int", "year", ("年度",), required=True, min_value=Decimal(2000), max_value=Decimal(2100)),
            C("month", "月份", "int", "month", ("月",), min_value=Decimal(1), max_value=Decimal(12)),
            C("amount_wan", "采购金额", "money", "amount", ("金额", "采购额"), unit="万元", required=True, min_value=ZERO),
        ),
        refs={"buyer": ENTERPRISE, "supplier": ENTERPRISE, "supplier_region": REGION, "segment": SEGMENT},
        export_queryset=lambda qs: qs.select_related("buyer", "supplier", "supplier_region", "segment"),
    )


@register("leads")
def leads() -> ImportSpec:
    """Investment leads (attraction app), 线索 → 接洽 → 考察 → 谈判 → 签约 → 落地."""
    from clusterdesk.attraction.choices import LeadStageChoices, TransferTypeChoices

    from .writers import lead_save

    return ImportSpec(
        kind="leads", model="attraction.Lead", title=str(_("investment leads")), title_en="investment leads",
        key=("region", "name"), writer="service", save=lead_save,
        columns=(
            C("name", "线索名称", "text", "lead", ("项目线索", "线索", "拟投资项目"), required=True, max_length=200),
            C("company", "目标企业", "text", "target company", ("投资方", "企业名称", "客商"), required=True,
              max_length=200),
            _region(),
            C("park", "拟落户园区", "ref", "park", ("园区", "意向园区")),
            C("cluster", "所属集群", "ref", "cluster", ("产业集群",)),
            C("chain_segment", "目标产业链环节", "ref", "target chain segment", ("产业链环节", "环节")),
            C("transfer_type", "产业转移类型", "choice", "industry-transfer type", ("转移类型",),
              choices=choices_of(TransferTypeChoices)),
            C("stage", "进展阶段", "choice", "stage", ("阶段", "进展"), choices=choices_of(LeadStageChoices)),
            C("planned_investment_wan", "拟投资额", "money", "planned investment", ("计划投资", "投资额"), unit="万元",
              min_value=ZERO),
            C("source", "线索来源", "text", "source", ("来源",), max_length=100),
            C("owner_unit", "跟进单位", "text", "follow-up unit", ("责任单位",), max_length=200),
            C("contact_person", "联系人", "text", "contact person", ("对接人",), max_length=50),
            C("expected_sign_date", "预计签约日期", "date", "expected signing", ("预计签约时间",)),
            C("signed_date", "签约日期", "date", "signed", ("签约时间",)),
            C("project", "落地项目编码", "ref", "landed as project", ("落地项目",)),
            C("notes", "备注", "text", "notes", ("说明",)),
        ),
        refs={"region": REGION, "park": PARK, "cluster": CLUSTER, "chain_segment": SEGMENT, "project": PROJECT},
        export_queryset=lambda qs: qs.select_related("region", "park", "cluster", "chain_segment", "project"),
    )


@register("users")
def users() -> ImportSpec:
    from clusterdesk.accounts.roles import Role

    from .writers import user_save

    return ImportSpec(
        kind="users", model="accounts.User", title=str(_("users")), title_en="users", key=("username",),
        columns=(
            C("username", "用户名", "text", "user name", ("账号", "登录名"), required=True, max_length=150),
            C("full_name", "姓名", "text", "full name", ("名字",), max_length=100),
            C("role", "角色", "choice", "role", ("用户角色",), required=True, choices=choices_of(Role)),
            C("unit", "单位", "text", "unit", ("工作单位", "所在单位"), max_length=200),
            C("phone", "电话", "text", "phone", ("联系电话", "手机"), max_length=30),
            C("email", "邮箱", "text", "email", ("电子邮箱", "Email"), max_length=254),
            C("is_active", "启用", "bool", "active", ("是否启用", "状态")),
        ),
        writer="service", save=user_save, admin_only=True,
        export_queryset=lambda qs: qs.order_by("username"),
    )


@register("scopes")
def scopes() -> ImportSpec:
    from .writers import SCOPE_TYPES

    return ImportSpec(
        kind="scopes", model="accounts.User", title=str(_("user scopes")), title_en="user scopes", key=(),
        columns=(
            C("user", "用户名", "ref", "user name", ("账号", "登录名"), required=True),
            C("scope_type", "范围类型", "choice", "scope type", ("类型",), required=True, choices=SCOPE_TYPES),
            C("scope", "范围", "text", "scope", ("地区", "园区", "企业", "范围代码"), required=True,
              note="地区：GB/T 2260 代码或名称；园区：名称；企业：统一社会信用代码或名称。每个用户的范围以本表为准"),
        ),
        refs={"user": Ref("accounts.User", ("username",), scoped=False)},
        unique_in_file=(("user", "scope_type", "scope"),), writer="scopes", admin_only=True,
    )
