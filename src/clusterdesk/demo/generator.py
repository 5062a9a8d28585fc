"""Generate the demonstration province (湖南省) reproducibly from a seed.

`build_demo` writes, in one transaction: clusters with chain maps, parks with their positioning,
enterprises with valid credit codes, projects in every lifecycle stage with milestones, monthly
progress reports and problems, one demonstration account per role, and a `DataLoad` row of kind
``demo`` that marks the database as holding demonstration data.

Everything is computed in Python from ``random.Random`` streams derived from the seed and from a
fixed reference date (`REFERENCE_DATE`), then written with ``bulk_create``: the same seed gives the
same data on every run and on every database. Rows are bulk-inserted, so they get no per-row change
record; the `DataLoad` row records the load (the demo accounts, created by `user_create`, do get one).
"""

from __future__ import annotations

import datetime as dt
import math
import random
import time
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate

from django.core.cache import cache
from django.db import transaction
from tqdm import tqdm

from clusterdesk.accounts.models import User
from clusterdesk.accounts.services import user_create
from clusterdesk.changelog.context import change_context
from clusterdesk.common.models import DataLoad
from clusterdesk.core.codes.uscc import USCC_ALPHABET, make_uscc
from clusterdesk.core.positioning import positioning_errors
from clusterdesk.enterprises.models import Enterprise, EnterpriseYearFigure
from clusterdesk.industry.models import Chain, ChainSegment, Cluster, IndustryCode, SupplyEdge
from clusterdesk.parks.models import Park, ParkIndustry
from clusterdesk.projects.models import Milestone, Problem, ProgressReport, Project
from clusterdesk.regions.models import Region

from .accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from .chains import build_chain_data
from .enterprise_figures import FIGURE_YEARS, build_year_figures
from .parks_evaluation import delete_parks_evaluation
from .pipeline import NAME_CODES as MILESTONE_CODES
from .spec import (
    CITY_POOLS,
    CITY_WEIGHTS,
    CLUSTERS,
    DIVISION_PRODUCTS,
    DIVISION_WORDS,
    GROUP_WORDS,
    INDUSTRY_LABELS,
    REAL_PARKS,
    ClusterSpec,
    SegmentSpec,
)

__all__ = [
    "DEMO_CACHE_KEY",
    "PROVINCE_CODE",
    "REFERENCE_DATE",
    "SCALES",
    "DemoDataError",
    "DemoSize",
    "build_demo",
    "delete_demo",
]

#: "Today" for the demonstration data: reports run up to the month before it. Fixed for determinism.
REFERENCE_DATE = dt.date(2026, 11, 1)
PROVINCE_CODE = "430000"
#: The cache key the page context uses to know whether the database holds demonstration data.
DEMO_CACHE_KEY = "clusterdesk:demo"
BATCH_SIZE = 5000


class DemoDataError(RuntimeError):
    """The demonstration data cannot be built (reference data missing or inconsistent)."""


@dataclass(frozen=True)
class DemoSize:
    """How much to generate. ``cities`` None means every city of the province.

    ``milestones`` selects the milestone template: 20 gives the full list, anything less the short one (8).
    """

    cities: tuple[str, ...] | None
    max_counties: int | None
    parks: int
    enterprises: int
    projects: int
    milestones: int
    report_years: int


QUICK_CITIES = ("430100", "430200", "430300", "430600")
SCALES: dict[str, DemoSize] = {
    "quick": DemoSize(
        cities=QUICK_CITIES,
        max_counties=None,
        parks=40,
        enterprises=2_000,
        projects=1_500,
        milestones=8,
        report_years=3,
    ),
    "province": DemoSize(
        cities=None, max_counties=100, parks=300, enterprises=200_000, projects=30_000, milestones=20, report_years=5
    ),
}

# ---------------------------------------------------------------------------------------------------------
# Fixed vocabularies
# ---------------------------------------------------------------------------------------------------------

STAGE_SHARES = (
    ("planning", 0.10),
    ("reserve", 0.12),
    ("preconstruction", 0.18),
    ("construction", 0.34),
    ("completed", 0.10),
    ("capacity", 0.09),
    ("statistics", 0.07),
)
PROBLEM_RATE = {
    "planning": 0.02,
    "reserve": 0.10,
    "preconstruction": 0.30,
    "construction": 0.22,
    "completed": 0.08,
    "capacity": 0.03,
    "statistics": 0.02,
}

SIGNING = "项目签约"
# (name, segment between anchors: 0 record→start, 1 start→completion, 2 completion→production; position 0..1)
MILESTONES_FULL = (
    (SIGNING, 0, 0.0),
    ("立项备案", 0, 0.08),
    ("用地预审", 0, 0.18),
    ("规划选址", 0, 0.27),
    ("能评审查", 0, 0.36),
    ("环评批复", 0, 0.45),
    ("土地摘牌", 0, 0.55),
    ("用地规划许可", 0, 0.64),
    ("工程规划许可", 0, 0.73),
    ("施工图审查", 0, 0.82),
    ("施工许可", 0, 0.92),
    ("开工", 1, 0.0),
    ("桩基完成", 1, 0.15),
    ("主体封顶", 1, 0.4),
    ("设备采购", 1, 0.55),
    ("设备安装", 1, 0.7),
    ("联合调试", 1, 0.88),
    ("竣工验收", 1, 1.0),
    ("试生产", 2, 0.4),
    ("投产", 2, 1.0),
)
MILESTONES_SHORT = (
    ("立项备案", 0, 0.0),
    ("用地预审", 0, 0.3),
    ("环评批复", 0, 0.55),
    ("施工许可", 0, 0.9),
    ("开工", 1, 0.0),
    ("主体封顶", 1, 0.45),
    ("竣工验收", 1, 1.0),
    ("投产", 2, 1.0),
)

SURNAMES = (
    "刘" * 8
    + "李" * 7
    + "陈" * 6
    + "王" * 6
    + "张" * 5
    + "周" * 5
    + "彭" * 4
    + "谭" * 4
    + "罗" * 4
    + "曾" * 4
    + "唐" * 4
    + "胡" * 4
    + "杨" * 4
    + "黄" * 4
    + "邓" * 3
    + "吴" * 3
    + "贺" * 3
    + "朱" * 3
    + "肖" * 3
    + "何" * 3
    + "龙" * 2
    + "田" * 2
    + "易" * 2
    + "蒋" * 2
    + "廖" * 2
    + "向" * 2
    + "文" * 2
    + "赵" * 2
    + "郭" * 2
    + "欧阳"
    + "许"
    + "邹"
    + "颜"
    + "毛"
    + "夏"
    + "袁"
    + "汤"
    + "石"
    + "段"
    + "戴"
    + "蔡"
    + "孙"
    + "雷"
    + "钟"
    + "宋"
)
_SURNAMES = tuple(s for s in SURNAMES if s not in "欧阳") + ("欧阳",)
GIVEN_CHARS = (
    "建国华明志强伟军平勇杰涛斌鹏辉亮磊俊峰宇浩凯文武新海波红芳丽娟敏静霞燕玲婷雪琳慧颖丹洁晓春秋冬林湘楚"
    "正德安庆福荣贵祥云飞龙刚毅嘉诚光旭东立功忠跃进胜利振兴卫民思远雅琴晨阳子涵梓轩欣怡佳乐"
)
BRAND_CHARS = (
    "恒瑞华鑫泰盛宏达中天科联创新远航兴隆鼎汇信安力通德昌源晟凯祥博宇嘉润丰诚明辉金海正东方长康湘楚潇麓"
    "岳衡韶芙蓉星辰光凌腾飞翔锐捷精工永富荣卓越睿智易元和合众美佳欣顺成立威豪云峰旭晨阳泽蓝青银亿万"
)
ROADS = (
    "长江路",
    "黄河路",
    "珠江路",
    "湘江路",
    "滨江路",
    "科技大道",
    "创业大道",
    "工业大道",
    "人民路",
    "建设路",
    "新华路",
    "金山路",
    "高新大道",
    "环保路",
    "兴业路",
    "栗雨路",
    "仙庾路",
    "车站路",
    "学府路",
    "开元路",
    "明珠路",
    "红旗路",
)
OLD_ORG_PREFIXES = (
    "18",
    "27",
    "55",
    "56",
    "66",
    "67",
    "68",
    "70",
    "71",
    "72",
    "73",
    "74",
    "75",
    "76",
    "77",
    "78",
    "79",
)

PROGRESS_TEXTS = (
    ("桩基工程施工中，完成{p}%", "土方开挖完成{p}%", "基础工程施工中，完成{p}%"),
    ("主体结构施工，完成{p}%", "钢结构厂房吊装完成{p}%", "综合楼主体结构施工至第{k}层", "厂房屋面及墙面围护施工"),
    ("设备进场安装，完成{p}%", "生产线设备调试中", "室外配套管网施工", "水电气接入施工", "厂区道路及绿化施工"),
    ("竣工验收准备中", "开展联合试车", "试生产，产品良率提升至{p}%", "产能逐步释放，产能利用率{p}%"),
)
IDLE_TEXTS = {
    "winter": ("春节假期停工", "受雨雪冰冻天气影响停工"),
    "rain": ("受持续降雨影响停工", "汛期停工"),
    "other": ("等待设备到货，本月未发生投资", "设计变更，暂缓施工", "资金未到位，暂缓施工"),
}

PROBLEMS = {
    "land": (
        (
            "项目用地指标未落实，需调剂用地指标{n}亩",
            "{n}亩建设用地报批未获批复，影响开工",
            "土地征收补偿协议未签订完毕",
        ),
        (
            "经{city}自然资源和规划局协调，用地指标已调剂落实",
            "用地已完成报批并挂牌出让",
            "补偿协议已全部签订，土地交付使用",
        ),
    ),
    "funds": (
        ("项目资本金到位不足，银行贷款{n}万元审批中", "企业融资困难，需协调政策性银行贷款", "奖补资金未拨付到位"),
        ("协调银行发放项目贷款{n}万元", "已纳入专项债支持项目，资金已到位", "奖补资金已拨付"),
    ),
    "approvals": (
        ("施工许可证办理缓慢", "规划方案调整需重新审批", "消防设计审查未通过，需修改设计"),
        ("开辟绿色通道，施工许可证已核发", "规划调整已获批复", "设计修改后审查通过"),
    ),
    "energy": (
        ("节能审查未通过，用能指标缺口{n}吨标准煤", "用能指标不足，需省级统筹"),
        ("通过能耗指标收储调剂解决", "节能审查意见已出具"),
    ),
    "environment": (
        ("环评批复未取得，需补充论证", "排污总量指标不足", "项目选址临近生态保护红线，需调整"),
        ("环评已批复", "排污指标已通过交易取得", "已调整选址并完成论证"),
    ),
    "utilities": (
        ("110千伏专线电力接入滞后", "园区供水管网未接通", "天然气管道未通达", "进场道路未完工"),
        ("供电公司已完成专线接入", "供水管网已接通", "燃气管道已通气", "进场道路已完工通车"),
    ),
    "demolition": (
        ("地块内{k}户房屋征收未完成", "迁坟及管线迁改滞后", "高压线迁改未完成"),
        ("房屋征收已全部完成", "迁改已完成，场地交付", "高压线迁改已完成"),
    ),
    "other": (
        ("施工队伍人员不足，影响进度", "进口设备到货周期延长", "原材料价格上涨导致成本超预算"),
        ("已增加施工人员，进度恢复", "设备已到货安装", "已完成概算调整"),
    ),
}
PROBLEM_WEIGHTS = (
    ("land", 20),
    ("approvals", 18),
    ("funds", 15),
    ("utilities", 12),
    ("environment", 10),
    ("demolition", 10),
    ("energy", 8),
    ("other", 7),
)
PROJECT_TEMPLATES = (
    "年产{n}{unit}{product}项目",
    "{product}智能制造基地项目",
    "{product}生产线智能化改造项目",
    "{product}研发及产业化项目",
    "{product}扩能提质项目",
    "新建{product}生产线项目",
    "年产{n}{unit}{product}扩建项目",
    "{place}{product}产业园项目",
)
UNITLESS_TEMPLATES = ("{product}项目", "{place}{product}建设项目", "{product}升级改造项目")
QUANTITIES = {
    "万吨": (1, 2, 3, 5, 8, 10, 20, 30, 50, 100),
    "吨": (200, 500, 1000, 2000, 5000, 10000),
    "台": (50, 100, 200, 300, 500, 1000, 2000, 5000),
    "辆": (100, 200, 300, 500),
    "架": (10, 20, 50, 100, 200),
    "GWh": (1, 2, 5, 10, 20),
    "GW": (1, 2, 5),
    "亿只": (1, 2, 5, 10, 20),
    "艘": (20, 50, 100),
}
DEFAULT_QUANTITIES = (10, 20, 30, 50, 100, 200, 500)
MANUFACTURING_WEIGHTS = {
    "C13": 6,
    "C14": 4,
    "C15": 2,
    "C17": 3,
    "C18": 3,
    "C19": 1,
    "C20": 2,
    "C21": 2,
    "C22": 2,
    "C23": 1,
    "C24": 1,
    "C26": 5,
    "C27": 4,
    "C28": 1,
    "C29": 4,
    "C30": 6,
    "C31": 2,
    "C32": 3,
    "C33": 6,
    "C34": 8,
    "C35": 6,
    "C36": 4,
    "C37": 2,
    "C38": 6,
    "C39": 5,
    "C40": 2,
    "C41": 1,
    "C42": 1,
    "C43": 1,
}
SERVICES = (("I65", 4), ("M73", 2), ("L72", 2), ("G59", 2))


# ---------------------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------------------


def _month(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def _month_start(m: int) -> dt.date:
    return dt.date(m // 12, m % 12 + 1, 1)


def _add_months(d: dt.date, k: int) -> dt.date:
    m = _month(d) + k
    return dt.date(m // 12, m % 12 + 1, min(d.day, 28))


def _day_in_month(m: int, day: int) -> dt.date:
    return dt.date(m // 12, m % 12 + 1, max(1, min(day, 28)))


def _dec(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def _wan(value: float) -> Decimal:
    return _dec(round(value * 100))


def _short_city(name: str) -> str:
    if name.endswith("自治州"):
        return name[:2]
    return name[:-1] if name.endswith("市") else name


def _short_county(name: str, city_shorts: set[str]) -> str:
    if "自治县" in name:
        return name[:2]
    if len(name) >= 3 and name[-1] in "县市区" and name[:-1] not in city_shorts:
        return name[:-1]
    return name


def _choice_cum(rng: random.Random, items: list, cum: list[float]):
    return items[bisect_right(cum, rng.random() * cum[-1])]


def _weighted(rng: random.Random, pairs) -> object:
    items = [p[0] for p in pairs]
    cum = list(accumulate(p[1] for p in pairs))
    return _choice_cum(rng, items, cum)


def _person(rng: random.Random) -> str:
    given = rng.choice(GIVEN_CHARS) + (rng.choice(GIVEN_CHARS) if rng.random() < 0.7 else "")
    return rng.choice(_SURNAMES) + given


def _serial_of(body: str) -> int:
    value = 0
    for ch in body:
        value = value * 31 + USCC_ALPHABET.index(ch)
    return value


class _Progress:
    """A tqdm bar when progress is wanted, a no-op otherwise."""

    def __init__(self, enabled: bool):
        self.enabled = enabled

    def bar(self, desc: str, total: int | None = None):
        return tqdm(total=total, desc=desc, unit="行", disable=not self.enabled, leave=True, dynamic_ncols=True)


class _Sink:
    """Collects model instances and bulk-inserts them in batches."""

    def __init__(self, model, bar, size: int = BATCH_SIZE, on_flush=None):
        self.model, self.bar, self.size, self.on_flush = model, bar, size, on_flush
        self.buffer: list = []
        self.count = 0

    def add(self, obj) -> None:
        self.buffer.append(obj)
        if len(self.buffer) >= self.size:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.model.objects.bulk_create(self.buffer, batch_size=self.size)
            if self.on_flush is not None:
                self.on_flush(self.count, self.buffer)
            self.count += len(self.buffer)
            self.bar.update(len(self.buffer))
            self.buffer = []


# ---------------------------------------------------------------------------------------------------------
# In-memory records
# ---------------------------------------------------------------------------------------------------------


@dataclass(slots=True, eq=False)
class _City:
    code: str
    name: str
    short: str
    pk: int
    counties: list = field(default_factory=list)
    clusters: list = field(default_factory=list)
    parks: list = field(default_factory=list)


@dataclass(slots=True, eq=False)
class _County:
    code: str
    name: str
    full_name: str
    short: str
    pk: int
    city: _City
    lon: float | None
    lat: float | None
    weight: float = 1.0
    parks: list = field(default_factory=list)


@dataclass(slots=True, eq=False)
class _Seg:
    spec: SegmentSpec
    cluster: _Cluster
    chain_index: int
    pk: int = 0


@dataclass(slots=True, eq=False)
class _Cluster:
    spec: ClusterSpec
    city: _City
    pk: int = 0
    segments: list = field(default_factory=list)
    chain_segments: list = field(default_factory=list)  # per chain, the list of _Seg


@dataclass(slots=True, eq=False)
class _Park:
    name: str
    short: str
    level: str
    park_type: str
    county: _County
    leading: tuple[str, ...]
    featured: tuple[str, ...]
    established_year: int
    featured_status: str
    weight: float = 1.0
    pk: int = 0

    def matches(self, industry_code: str) -> bool:
        return any(industry_code.startswith(code) for code in self.leading + self.featured)


@dataclass(slots=True, eq=False)
class _Ent:
    county: _County
    park: _Park | None
    industry: str
    segments: list
    revenue_cents: int
    established: dt.date
    leader: bool = False
    key: bool = False
    name: str = ""
    uscc: str = ""
    pk: int = 0

    @property
    def above_scale(self) -> bool:
        return self.revenue_cents >= 2000_00


@dataclass(slots=True, eq=False)
class _Plan:
    stage: str
    total_cents: int
    p_rec: dt.date
    p_start: dt.date
    p_comp: dt.date
    p_prod: dt.date
    a_rec: dt.date | None = None
    a_start: dt.date | None = None
    a_comp: dt.date | None = None
    a_prod: dt.date | None = None
    signed: dt.date | None = None
    land_secured: bool = False
    horizon: int = 12
    first_month: int = 0
    months: list = field(default_factory=list)
    county: _County | None = None
    park: _Park | None = None
    pk: int = 0


# ---------------------------------------------------------------------------------------------------------
# The builder
# ---------------------------------------------------------------------------------------------------------


class _Builder:
    def __init__(self, *, scale: str, sizes: DemoSize, seed: int, progress: bool):
        self.scale, self.sizes, self.seed = scale, sizes, seed
        self.progress = _Progress(progress)
        self.window = sizes.report_years * 12
        self.ref_month = _month(REFERENCE_DATE)
        self.window_first = self.ref_month - self.window
        self.counts: dict[str, int] = {}
        self.ids: dict[str, object] = {}

    def rng(self, name: str) -> random.Random:
        return random.Random(f"clusterdesk-demo:{self.seed}:{name}")

    # -- reference data -------------------------------------------------------------------------------------

    def load_reference(self) -> None:
        province = Region.objects.filter(code=PROVINCE_CODE).first()
        if province is None:
            raise DemoDataError(
                "行政区划参考数据未加载，请先运行 `clusterdesk load-refdata`（或 `python -m django load_refdata`）。"
                " / Regions are missing: run `clusterdesk load-refdata` (python -m django load_refdata) first."
            )
        if not IndustryCode.objects.filter(code="C3711").exists():
            raise DemoDataError(
                "国民经济行业分类参考数据未加载，请先运行 `clusterdesk load-refdata`。"
                " / Industry codes are missing: run `clusterdesk load-refdata` first."
            )
        self.province = province
        rows = list(
            Region.objects.filter(code__startswith=PROVINCE_CODE[:2])
            .order_by("code")
            .values("pk", "code", "name", "full_name", "level", "parent__code", "longitude", "latitude")
        )
        self.region_pk = {r["code"]: r["pk"] for r in rows}
        wanted = set(self.sizes.cities) if self.sizes.cities else None
        self.cities: dict[str, _City] = {}
        for r in rows:
            if r["level"] == Region.Level.CITY and (wanted is None or r["code"] in wanted):
                self.cities[r["code"]] = _City(r["code"], r["name"], _short_city(r["name"]), r["pk"])
        if wanted and set(self.cities) != wanted:
            raise DemoDataError(f"区划表缺少城市 {sorted(wanted - set(self.cities))}，请重新运行 load-refdata。")
        city_shorts = {c.short for c in self.cities.values()}
        by_city: dict[str, list] = defaultdict(list)
        city_points = {r["code"]: (r["longitude"], r["latitude"]) for r in rows}
        for r in rows:
            city = self.cities.get(r["parent__code"] or "")
            if r["level"] == Region.Level.COUNTY and city is not None and r["name"] != "市辖区":
                lon, lat = r["longitude"], r["latitude"]
                if lon is None or lat is None:
                    lon, lat = city_points.get(city.code, (None, None))
                by_city[city.code].append(
                    _County(
                        r["code"],
                        r["name"],
                        r["full_name"],
                        _short_county(r["name"], city_shorts),
                        r["pk"],
                        city,
                        lon,
                        lat,
                    )
                )
        if self.sizes.max_counties is not None:
            keep = {code: len(v) for code, v in by_city.items()}
            total = sum(keep.values())
            while total > self.sizes.max_counties:
                code = max(keep, key=lambda c: (keep[c], c))
                keep[code] -= 1
                total -= 1
            by_city = {code: v[: keep[code]] for code, v in by_city.items()}
        rng = self.rng("regions")
        self.counties: dict[str, _County] = {}
        for city in self.cities.values():
            city.counties = by_city.get(city.code, [])
            for county in city.counties:
                county.weight = rng.uniform(0.5, 1.5) * (1.4 if county.name.endswith("区") else 1.0)
                self.counties[county.code] = county
        if not self.counties:
            raise DemoDataError("区划表中没有湖南省的区县，请重新运行 load-refdata。")
        self.city_list = list(self.cities.values())
        self.city_cum = list(accumulate(CITY_WEIGHTS.get(c.code, 3.0) for c in self.city_list))

        codes = list(IndustryCode.objects.order_by("code").values_list("code", "pk", "level", "name"))
        self.industry_pk = {c: pk for c, pk, _, _ in codes}
        self.industry_name = {c: name for c, _, _, name in codes}
        self.classes = [c for c, _, level, _ in codes if level == "class"]
        self._under: dict[str, list[str]] = {}
        needed = set()
        class_set = set(self.classes)
        for spec in CLUSTERS:
            needed |= set(spec.leading)
            for chain in spec.chains:
                for seg in chain.segments:
                    needed |= set(seg.codes)
                    missing_class = [c for c in seg.codes if c in self.industry_pk and c not in class_set]
                    if missing_class:
                        raise DemoDataError(f"产业链环节 {seg.name} 的行业代码 {missing_class} 不是小类")
        for park in REAL_PARKS:
            needed |= set(park.leading) | set(park.featured)
        for pool in CITY_POOLS.values():
            needed |= set(pool)
        needed |= set(MANUFACTURING_WEIGHTS) | {code for code, _ in SERVICES}
        missing = sorted(c for c in needed if c not in self.industry_pk)
        if missing:
            raise DemoDataError(f"行业代码表缺少 {missing}，请重新运行 load-refdata。")

    def classes_under(self, prefix: str) -> list[str]:
        found = self._under.get(prefix)
        if found is None:
            found = [c for c in self.classes if c.startswith(prefix)] or [prefix]
            self._under[prefix] = found
        return found

    def choose_city(self, rng: random.Random) -> _City:
        return _choice_cum(rng, self.city_list, self.city_cum)

    def choose_county(self, rng: random.Random, city: _City) -> _County:
        return _weighted(rng, [(c, c.weight) for c in city.counties])

    def general_industry(self, rng: random.Random, city: _City, services: float) -> str:
        if rng.random() < services:
            return rng.choice(self.classes_under(_weighted(rng, SERVICES)))
        pool = CITY_POOLS.get(city.code, ())
        if pool and rng.random() < 0.55:
            return rng.choice(self.classes_under(rng.choice(pool)))
        return rng.choice(self.classes_under(_weighted(rng, MANUFACTURING_WEIGHTS.items())))

    # -- clusters and chains --------------------------------------------------------------------------------

    def build_clusters(self) -> None:
        rng = self.rng("clusters")
        self.clusters: list[_Cluster] = []
        for spec in CLUSTERS:
            city = self.cities.get(spec.city)
            if city is None:
                continue
            cluster = _Cluster(spec, city)
            city.clusters.append(cluster)
            self.clusters.append(cluster)
        objs = []
        for c in self.clusters:
            objs.append(
                Cluster(
                    name=c.spec.name,
                    region_id=c.city.pk,
                    level=c.spec.level,
                    description=c.spec.description,
                    baseline_year=2023,
                    baseline_output_wan=_wan(c.spec.baseline_output_wan * rng.uniform(0.97, 1.03)),
                    target_year=2027,
                    target_output_wan=Decimal(c.spec.target_output_wan),
                    target_above_scale_count=c.spec.target_above_scale,
                )
            )
        Cluster.objects.bulk_create(objs)
        for c, obj in zip(self.clusters, objs, strict=True):
            c.pk = obj.pk
        through = Cluster.leading_industries.through
        through.objects.bulk_create(
            [
                through(cluster_id=c.pk, industrycode_id=self.industry_pk[code])
                for c in self.clusters
                for code in c.spec.leading
            ]
        )
        chain_objs = [
            Chain(name=chain.name, cluster_id=c.pk, description=chain.description)
            for c in self.clusters
            for chain in c.spec.chains
        ]
        Chain.objects.bulk_create(chain_objs)
        chain_pks = iter(obj.pk for obj in chain_objs)
        seg_objs, segs = [], []
        for c in self.clusters:
            for chain_index, chain in enumerate(c.spec.chains):
                chain_pk = next(chain_pks)
                chain_segs = []
                for order, spec in enumerate(chain.segments):
                    seg_objs.append(
                        ChainSegment(
                            chain_id=chain_pk,
                            name=spec.name,
                            position=spec.position,
                            order=order + 1,
                            keywords=list(spec.keywords),
                        )
                    )
                    seg = _Seg(spec, c, chain_index)
                    segs.append(seg)
                    chain_segs.append(seg)
                    c.segments.append(seg)
                c.chain_segments.append(chain_segs)
        ChainSegment.objects.bulk_create(seg_objs)
        for seg, obj in zip(segs, seg_objs, strict=True):
            seg.pk = obj.pk
        through = ChainSegment.industry_codes.through
        through.objects.bulk_create(
            [
                through(chainsegment_id=s.pk, industrycode_id=self.industry_pk[code])
                for s in segs
                for code in s.spec.codes
            ]
        )
        edges = []
        for c in self.clusters:
            for chain, chain_segs in zip(c.spec.chains, c.chain_segments, strict=True):
                for source, target, text in chain.edges:
                    edges.append(
                        SupplyEdge(source_id=chain_segs[source].pk, target_id=chain_segs[target].pk, description=text)
                    )
        SupplyEdge.objects.bulk_create(edges)
        self.segments = segs
        self.ids["clusters"] = [c.pk for c in self.clusters]
        self.counts.update(
            clusters=len(self.clusters), chains=len(chain_objs), segments=len(segs), supply_edges=len(edges)
        )

    # -- parks ----------------------------------------------------------------------------------------------

    def build_parks(self) -> None:
        rng = self.rng("parks")
        target = self.sizes.parks
        taken = set(Park.objects.values_list("name", flat=True))
        parks: list[_Park] = []

        def add(park: _Park) -> None:
            errors = positioning_errors(level=park.level, leading=park.leading, featured=park.featured)
            if errors:
                raise DemoDataError(f"园区 {park.name} 的产业定位不合规：{errors}")
            if park.name in taken:
                park.name = f"{park.name}（演示）"
            taken.add(park.name)
            parks.append(park)
            park.county.parks.append(park)
            park.county.city.parks.append(park)

        for spec in REAL_PARKS:
            county = self.counties.get(spec.county)
            if county is None or len(parks) >= target:
                continue
            add(
                _Park(
                    spec.name,
                    spec.short_name,
                    spec.level,
                    spec.park_type,
                    county,
                    spec.leading,
                    spec.featured,
                    spec.established_year,
                    spec.featured_status,
                )
            )
        for county in self.counties.values():
            if len(parks) >= target:
                break
            if not county.parks:
                add(self._provincial_park(rng, county))
        county_list = list(self.counties.values())
        county_cum = list(
            accumulate(
                c.weight * CITY_WEIGHTS.get(c.city.code, 3.0) / max(1, len(c.city.counties)) for c in county_list
            )
        )
        attempts = 0
        while len(parks) < target:
            attempts += 1
            if attempts > target * 50:
                raise DemoDataError("无法生成足够的不重名园区")
            park = self._themed_park(rng, _choice_cum(rng, county_list, county_cum), taken)
            if park is not None:
                add(park)

        objs, industry_rows = [], []
        for p in parks:
            county = p.county
            if p.level == "national":
                planned = rng.uniform(3000, 8000) if p.park_type == "bonded" else rng.uniform(15000, 60000)
            elif p.level == "provincial":
                planned = rng.uniform(4000, 20000)
            else:
                planned = rng.uniform(800, 6000)
            planned = round(planned / 10) * 10
            built = round(planned * rng.uniform(0.45, 0.85))
            available = round((planned - built) * rng.uniform(0.25, 0.7))
            p.weight = {"national": 5.0, "provincial": 2.5}.get(p.level, 1.0) * rng.uniform(0.7, 1.3)
            if p.park_type == "bonded":
                p.weight = 0.5
            lon = round(county.lon + rng.uniform(-0.04, 0.04), 5) if county.lon is not None else None
            lat = round(county.lat + rng.uniform(-0.04, 0.04), 5) if county.lat is not None else None
            objs.append(
                Park(
                    name=p.name,
                    short_name=p.short,
                    level=p.level,
                    park_type=p.park_type,
                    region_id=county.pk,
                    planned_area_mu=Decimal(planned),
                    built_area_mu=Decimal(built),
                    available_land_mu=Decimal(available),
                    longitude=lon,
                    latitude=lat,
                    featured_status=p.featured_status,
                    established_date=dt.date(p.established_year, rng.randint(1, 12), 1),
                    management_body=f"{p.name}管理委员会",
                )
            )
        Park.objects.bulk_create(objs)
        for p, obj in zip(parks, objs, strict=True):
            p.pk = obj.pk
            industry_rows += [
                ParkIndustry(park_id=p.pk, industry_id=self.industry_pk[c], role="leading") for c in p.leading
            ]
            industry_rows += [
                ParkIndustry(park_id=p.pk, industry_id=self.industry_pk[c], role="featured") for c in p.featured
            ]
        ParkIndustry.objects.bulk_create(industry_rows)
        self.parks = parks
        self.ids["parks"] = [p.pk for p in parks]
        self.counts.update(parks=len(parks), park_industries=len(industry_rows))
        self._park_cache: dict[tuple[str, str], tuple[list, list[float]]] = {}

    def _pool(self, county: _County) -> list[str]:
        pool = list(CITY_POOLS.get(county.city.code, ("C34", "C13", "C30")))
        for cluster in county.city.clusters:
            pool = list(cluster.spec.leading) + [c for c in pool if c not in cluster.spec.leading]
        return pool

    def _provincial_park(self, rng: random.Random, county: _County) -> _Park:
        pool = self._pool(county)
        prefix = county.short if not county.name.endswith("区") else county.city.short + county.short
        kind = _weighted(rng, (("经济开发区", 50), ("高新技术产业开发区", 40), ("工业集中区", 10)))
        park_type = {"经济开发区": "economic_development", "高新技术产业开发区": "high_tech"}.get(kind, "industrial")
        short = prefix + {"经济开发区": "经开区", "高新技术产业开发区": "高新区"}.get(kind, kind)
        leading = tuple(_distinct(rng, pool[:6], rng.choice((1, 2, 2))))
        rest = [c for c in pool + ["C13", "C30", "C33", "C34", "C38"] if not _overlaps(c, leading)]
        featured = tuple(_distinct(rng, rest, rng.choice((0, 1, 1, 2))))
        status = _weighted(rng, (("none", 77), ("cultivation", 15), ("certified", 8)))
        return _Park(
            prefix + kind, short, "provincial", park_type, county, leading, featured, rng.randint(1995, 2012), status
        )

    def _themed_park(self, rng: random.Random, county: _County, taken: set[str]) -> _Park | None:
        pool = [c for c in self._pool(county) if c in INDUSTRY_LABELS]
        theme = rng.choice(pool)
        label = INDUSTRY_LABELS[theme]
        prefix = county.short if not county.name.endswith("区") else county.city.short + county.short
        for suffix in ("产业园", "产业基地", "特色产业园", "科技产业园", "产业集聚区"):
            name = f"{prefix}{label}{suffix}"
            if name not in taken:
                break
        else:
            return None
        rest = [c for c in pool if not _overlaps(c, (theme,))]
        leading = (theme, *_distinct(rng, rest, rng.choice((0, 1))))
        rest = [c for c in rest if not _overlaps(c, leading)]
        featured = tuple(_distinct(rng, rest, rng.choice((0, 1, 1, 2))))
        park_type = "chemical" if theme.startswith(("C25", "C26")) else "industrial"
        status = _weighted(rng, (("none", 45), ("cultivation", 30), ("certified", 25)))
        return _Park(
            name,
            f"{county.short}{label}{suffix}",
            "municipal",
            park_type,
            county,
            leading,
            featured,
            rng.randint(2005, 2022),
            status,
        )

    def choose_park(self, rng: random.Random, city: _City, industry: str, match_factor: float = 6.0) -> _Park | None:
        key = (city.code, industry)
        cached = self._park_cache.get(key)
        if cached is None:
            parks = [p for p in city.parks if p.park_type != "bonded" or industry.startswith("C39")]
            weights = [p.weight * (match_factor if p.matches(industry) else 1.0) for p in parks]
            cached = (parks, list(accumulate(weights)))
            self._park_cache[key] = cached
        parks, cum = cached
        return _choice_cum(rng, parks, cum) if parks else None

    # -- enterprises ----------------------------------------------------------------------------------------

    def build_enterprises(self) -> None:
        rng = self.rng("enterprises")
        n = self.sizes.enterprises
        ents: list[_Ent] = []
        segs_by_city = {c.code: [s for cl in c.clusters for s in cl.segments] for c in self.city_list}
        with self.progress.bar("生成企业 enterprises", n) as bar:
            for i in range(n):
                city = self.choose_city(rng)
                local = segs_by_city[city.code]
                segments = []
                if local and rng.random() < 0.45:
                    segments = [rng.choice(local)]
                elif self.segments and rng.random() < 0.04:
                    segments = [rng.choice(self.segments)]
                if segments:
                    industry = rng.choice(segments[0].spec.codes)
                    mu = math.log(1500)
                else:
                    industry = self.general_industry(rng, city, services=0.10)
                    mu = math.log(900) if industry[0] != "C" else math.log(1100)
                in_park = rng.random() < (0.75 if industry[0] in "BC" else 0.4)
                park = self.choose_park(rng, city, industry) if in_park else None
                county = park.county if park else self.choose_county(rng, city)
                revenue = min(max(rng.lognormvariate(mu, 1.45), 30.0), 3_000_000.0)
                year = int(rng.triangular(1993, 2026, 2016))
                established = dt.date(min(year, 2025), rng.randint(1, 12), rng.randint(1, 28))
                ents.append(_Ent(county, park, industry, segments, round(revenue * 100), established))
                if i % 1000 == 999:
                    bar.update(1000)
            bar.update(n % 1000)

        # Chain leaders: the largest local enterprises of each chain, made large.
        for cluster in self.clusters:
            for chain_segs in cluster.chain_segments:
                members = {id(s) for s in chain_segs}
                candidates = [
                    (-e.revenue_cents, k)
                    for k, e in enumerate(ents)
                    if e.segments and id(e.segments[0]) in members and e.county.city is cluster.city
                ]
                candidates.sort()
                for _, k in candidates[: 2 if len(chain_segs) >= 6 else 1]:
                    e = ents[k]
                    e.leader = e.key = True
                    e.revenue_cents = max(e.revenue_cents, round(rng.lognormvariate(math.log(500_000), 0.6) * 100))
                    e.established = dt.date(rng.randint(1952, 2005), rng.randint(1, 12), rng.randint(1, 28))
                    others = [s for s in chain_segs if s is not e.segments[0] and s.spec.position == "midstream"]
                    if others and rng.random() < 0.6:
                        e.segments.append(rng.choice(others))
        order = sorted(range(len(ents)), key=lambda k: (-ents[k].revenue_cents, k))
        for k in order[: max(1, round(len(ents) * 0.03))]:
            ents[k].key = True

        self._name_enterprises(rng, ents)
        self.ents = ents

        through = Enterprise.chain_segments.through
        with self.progress.bar("写入企业 enterprises", n) as bar:
            sink = _Sink(Enterprise, bar, on_flush=self._enterprise_pks)
            for e in ents:
                revenue = e.revenue_cents / 100
                capital = revenue * rng.uniform(0.05, 0.4)
                capital = max(10, round(capital / (100 if capital > 1000 else 10)) * (100 if capital > 1000 else 10))
                sink.add(
                    Enterprise(
                        uscc=e.uscc,
                        name=e.name,
                        region_id=e.county.pk,
                        park_id=e.park.pk if e.park else None,
                        industry_id=self.industry_pk[e.industry],
                        above_scale=e.above_scale,
                        key_enterprise=e.key,
                        chain_leader=e.leader,
                        legal_representative=_person(rng),
                        established_date=e.established,
                        registered_capital_wan=Decimal(capital),
                        annual_revenue_wan=_dec(e.revenue_cents),
                        employees=int(8 + revenue / rng.uniform(50, 120)),
                        address=f"{e.county.full_name}{rng.choice(ROADS)}{rng.randint(1, 999)}号",
                    )
                )
            sink.flush()
        rows = [through(enterprise_id=e.pk, chainsegment_id=s.pk) for e in ents for s in e.segments]
        through.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        self.ids["enterprises"] = [min(e.pk for e in ents), max(e.pk for e in ents)] if ents else []
        self.counts.update(enterprises=len(ents), enterprise_segments=len(rows))

        self.by_county: dict[str, list[_Ent]] = defaultdict(list)
        self.by_county_above: dict[str, list[_Ent]] = defaultdict(list)
        self.by_city: dict[str, list[_Ent]] = defaultdict(list)
        self.by_city_above: dict[str, list[_Ent]] = defaultdict(list)
        self.by_seg_county: dict[tuple[int, str], list[_Ent]] = defaultdict(list)
        self.by_seg_city: dict[tuple[int, str], list[_Ent]] = defaultdict(list)
        for e in ents:
            self.by_county[e.county.code].append(e)
            self.by_city[e.county.city.code].append(e)
            if e.above_scale:
                self.by_county_above[e.county.code].append(e)
                self.by_city_above[e.county.city.code].append(e)
            for s in e.segments:
                self.by_seg_county[(s.pk, e.county.code)].append(e)
                self.by_seg_city[(s.pk, e.county.city.code)].append(e)
        self.above = [e for e in ents if e.above_scale]

    def build_year_figures(self) -> None:
        with self.progress.bar("写入年度数据 yearly figures", len(self.ents) * FIGURE_YEARS) as bar:
            self.counts["enterprise_year_figures"] = build_year_figures(
                self.ents, rng=self.rng("year_figures"), last_year=REFERENCE_DATE.year - 1,
                sink=_Sink(EnterpriseYearFigure, bar),
            )

    build_chain_data = build_chain_data  # issue 5: demo/chains.py

    def build_enterprise_service(self) -> None:
        from .enterprise_service import build_enterprise_service

        build_enterprise_service(self, reference=REFERENCE_DATE, sink_class=_Sink)

    def _enterprise_pks(self, start: int, batch: list[Enterprise]) -> None:
        if batch[0].pk is None:  # a backend that cannot return ids from bulk inserts
            found = dict(Enterprise.objects.filter(uscc__in=[o.uscc for o in batch]).values_list("uscc", "pk"))
            for o in batch:
                o.pk = found[o.uscc]
        for e, obj in zip(self.ents[start : start + len(batch)], batch, strict=True):
            e.pk = obj.pk

    def _name_enterprises(self, rng: random.Random, ents: list[_Ent]) -> None:
        names: set[str] = set()
        bodies: set[str] = set()
        existing = set(Enterprise.objects.values_list("uscc", flat=True))
        cutoff = dt.date(2015, 10, 1)
        for e in ents:
            county, city = e.county, e.county.city
            if e.segments:
                words = e.segments[0].spec.words
            else:
                words = GROUP_WORDS.get(e.industry[:4]) or DIVISION_WORDS.get(e.industry[:3], ("科技", "实业"))
            big = e.revenue_cents >= 50_000_00
            if e.revenue_cents >= 300_000_00 and rng.random() < 0.9:
                suffix = rng.choice(("股份有限公司", "集团有限公司", "股份有限公司"))
            elif big and rng.random() < 0.3:
                suffix = "股份有限公司"
            else:
                suffix = "有限责任公司" if rng.random() < 0.08 else "有限公司"
            for attempt in range(40):
                roll = rng.random()
                if roll < (0.45 if big else 0.22):
                    place = "湖南"
                elif roll > 0.85 and not county.name.endswith("区"):
                    place = county.short
                else:
                    place = city.short
                brand = "".join(rng.sample(BRAND_CHARS, 3 if attempt > 20 else 2))
                name = f"{place}{brand}{rng.choice(words)}{suffix}"
                if name not in names:
                    break
            else:
                raise DemoDataError("无法生成不重名的企业名称")
            names.add(name)
            e.name = name
            while True:
                if e.established < cutoff:
                    body = rng.choice(OLD_ORG_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(6))
                else:
                    body = "MA4" + "".join(rng.choice(USCC_ALPHABET) for _ in range(5))
                if body in bodies:
                    continue
                code = make_uscc(region_code=county.code, serial=_serial_of(body))
                if code not in existing:
                    break
            bodies.add(body)
            e.uscc = code

    # -- projects -------------------------------------------------------------------------------------------

    def build_projects(self) -> None:
        rng = self.rng("projects")
        n = self.sizes.projects
        stages: list[str] = []
        for stage, share in STAGE_SHARES:
            stages += [stage] * max(1, round(n * share))
        while len(stages) > n:
            stages.remove("construction")
        while len(stages) < n:
            stages.append("construction")
        rng.shuffle(stages)

        existing_codes = set(Project.objects.values_list("code", flat=True))
        serials: dict[tuple[int, str], int] = {}
        self.plans: list[_Plan] = []
        objs: list[Project] = []
        with self.progress.bar("生成项目 projects", n) as bar:
            for stage in stages:
                city = self.choose_city(rng)
                cluster = seg = None
                if city.clusters and rng.random() < 0.7:
                    cluster = _weighted(rng, [(c, c.spec.weight) for c in city.clusters])
                    seg = _weighted(
                        rng, [(s, 1.3 if s.spec.position == "midstream" else 1.0) for s in cluster.segments]
                    )
                    industry = rng.choice(seg.spec.codes)
                else:
                    industry = self.general_industry(rng, city, services=0.05)
                park = self.choose_park(rng, city, industry, match_factor=12.0) if rng.random() < 0.82 else None
                county = park.county if park else self.choose_county(rng, city)
                owner = self._owner(rng, stage, county, seg)

                total = rng.lognormvariate(math.log(16000), 1.05) * (1.3 if seg else 1.0)
                total = min(max(total, 800.0), 3_000_000.0)
                total = round(total / 100) * 100 if total < 10000 else round(total / 500) * 500
                plan = self._plan(rng, stage, total)
                plan.county, plan.park = county, park

                if total >= 100_000:
                    key_level = _weighted(rng, (("provincial", 55), ("municipal", 40), ("county", 5)))
                elif total >= 30_000:
                    key_level = _weighted(rng, (("municipal", 50), ("county", 35), ("general", 15)))
                elif total >= 10_000:
                    key_level = _weighted(rng, (("county", 45), ("general", 45), ("municipal", 10)))
                else:
                    key_level = _weighted(rng, (("general", 80), ("county", 20)))
                land = round(min(max(total / rng.uniform(220, 480), 5.0), 5000.0), 1)

                record = plan.a_rec or plan.p_rec
                year = min(record.year, REFERENCE_DATE.year)
                key = (year, county.code)
                serial = serials.get(key, rng.randint(0, 300)) + rng.randint(1, 9)
                division = industry[1:3]
                ptype = "02" if (total >= 200_000 and rng.random() < 0.4) or industry[:3] in ("C25",) else "03"
                if rng.random() < 0.03:
                    ptype = "01"
                code = f"{year}-{county.code}-{division}-{ptype}-{serial:06d}"
                while code in existing_codes:
                    serial += 1
                    code = f"{year}-{county.code}-{division}-{ptype}-{serial:06d}"
                serials[key] = serial
                existing_codes.add(code)

                products = seg.spec.products if seg else DIVISION_PRODUCTS.get(industry[:3], (("智能制造", ""),))
                product, unit = rng.choice(products)
                name = self._project_name(rng, product, unit, county, owner)
                leader, unit_name = self._responsible(rng, key_level, county, park)
                area = round(land * rng.uniform(0.6, 1.1) / 15, 1)
                content = (
                    f"项目总用地约{land:g}亩，总建筑面积约{max(area, 0.2):g}万平方米，主要建设{product}生产厂房、"
                    f"研发中心及配套设施，购置生产及检测设备{rng.randint(20, 600)}台（套）。"
                )
                objs.append(
                    Project(
                        code=code,
                        name=name,
                        owner_id=owner.pk if owner else None,
                        region_id=county.pk,
                        park_id=park.pk if park else None,
                        cluster_id=cluster.pk if cluster else None,
                        chain_segment_id=seg.pk if seg else None,
                        industry_id=self.industry_pk[industry],
                        total_investment_wan=_dec(plan.total_cents),
                        investment_completed_wan=_dec(sum(plan.months)),
                        land_area_mu=Decimal(str(land)),
                        stage=stage,
                        key_level=key_level,
                        construction_content=content,
                        planned_start_date=plan.p_start,
                        planned_completion_date=plan.p_comp,
                        planned_production_date=plan.p_prod,
                        actual_start_date=plan.a_start,
                        actual_completion_date=plan.a_comp,
                        actual_production_date=plan.a_prod,
                        responsible_leader=leader,
                        responsible_unit=unit_name,
                        green_channel=rng.random() < (0.25 if key_level in ("provincial", "municipal") else 0.08),
                        land_secured=plan.land_secured,
                        signed_date=plan.signed,
                    )
                )
                self.plans.append(plan)
                bar.update(1)
        with self.progress.bar("写入项目 projects", n) as bar:
            for start in range(0, len(objs), BATCH_SIZE):
                batch = objs[start : start + BATCH_SIZE]
                Project.objects.bulk_create(batch, batch_size=BATCH_SIZE)
                if batch and batch[0].pk is None:
                    found = dict(Project.objects.filter(code__in=[o.code for o in batch]).values_list("code", "pk"))
                    for o in batch:
                        o.pk = found[o.code]
                bar.update(len(batch))
        for plan, obj in zip(self.plans, objs, strict=True):
            plan.pk = obj.pk
        self.ids["projects"] = [min(o.pk for o in objs), max(o.pk for o in objs)] if objs else []
        self.counts["projects"] = len(objs)

    def _owner(self, rng: random.Random, stage: str, county: _County, seg: _Seg | None) -> _Ent | None:
        if stage == "planning" and rng.random() < 0.35:
            return None
        city = county.city.code
        if stage == "statistics":
            lists = [self.by_county_above[county.code], self.by_city_above[city], self.above]
            if seg is not None:
                lists.insert(0, [e for e in self.by_seg_county.get((seg.pk, county.code), ()) if e.above_scale])
        else:
            lists = [self.by_county[county.code], self.by_city[city], self.ents]
            if seg is not None:
                first = self.by_seg_county.get((seg.pk, county.code)) if rng.random() < 0.6 else None
                lists[:0] = [first or [], self.by_seg_city.get((seg.pk, city), [])]
            elif rng.random() < 0.2:
                lists.pop(0)
        for candidates in lists:
            if candidates:
                return rng.choice(candidates)
        if stage == "statistics":
            raise DemoDataError("没有规模以上企业可作为入统项目的业主")
        return None

    def _project_name(self, rng: random.Random, product: str, unit: str, county: _County, owner: _Ent | None) -> str:
        place = county.short if not county.name.endswith("区") else county.city.short
        if unit:
            template = rng.choice(PROJECT_TEMPLATES)
            qty = rng.choice(QUANTITIES.get(unit, DEFAULT_QUANTITIES))
            name = template.format(n=qty, unit=unit, product=product, place=place)
        else:
            name = rng.choice(UNITLESS_TEMPLATES).format(product=product, place=place)
        if owner is not None and rng.random() < 0.45 and not name.startswith(place):
            brand = owner.name
            for prefix in ("湖南", owner.county.city.short, owner.county.short):
                if brand.startswith(prefix):
                    brand = brand[len(prefix) :]
                    break
            brand = brand[:2]
            name = f"{brand}{name}"
        return name

    def _responsible(self, rng: random.Random, key_level: str, county: _County, park: _Park | None) -> tuple[str, str]:
        person = _person(rng)
        city = county.city.name
        head = {"县": "副县长", "区": "副区长", "市": "副市长"}.get(county.name[-1], "副县长")
        if key_level == "provincial":
            return f"{person}（{city}副市长）", f"{city}发展和改革委员会"
        if key_level == "municipal":
            unit = rng.choice((f"{city}发展和改革委员会", f"{city}工业和信息化局", f"{city}商务局"))
            return f"{person}（{city}副市长）", unit
        if key_level == "county" or park is None:
            return f"{person}（{county.name}{head}）", rng.choice(
                (f"{county.name}发展和改革局", f"{county.name}工业和信息化局")
            )
        return f"{person}（{park.short}管委会副主任）", f"{park.name}管理委员会"

    def _plan(self, rng: random.Random, stage: str, total_wan: float) -> _Plan:
        """Dates and monthly investment consistent with the stage, relative to `REFERENCE_DATE`."""
        ref = REFERENCE_DATE
        dp = int(min(max(round(10 + 6 * math.log10(max(total_wan, 1000) / 5000) + rng.uniform(-3, 5)), 6), 36))
        pre = rng.randint(6, 15)
        prod_gap = rng.randint(2, 6)
        w = self.window
        plan_kwargs: dict[str, object] = {}
        if stage in ("planning", "reserve", "preconstruction"):
            ahead = {"planning": (10, 30), "reserve": (4, 18), "preconstruction": (-4, 8)}[stage]
            p_start = _day_in_month(self.ref_month + rng.randint(*ahead), rng.randint(1, 28))
            p_rec = _add_months(p_start, -pre)
            a_rec = None
            if stage == "preconstruction" or (stage == "reserve" and p_rec < ref and rng.random() < 0.6):
                a_rec = min(p_rec + dt.timedelta(days=rng.randint(-10, 30)), ref - dt.timedelta(days=20))
            signed = None
            if stage == "preconstruction" and rng.random() < 0.85:
                signed = (a_rec or p_rec) - dt.timedelta(days=rng.randint(15, 90))
            elif stage == "reserve" and rng.random() < 0.55:
                signed = ref - dt.timedelta(days=rng.randint(30, 300))
            land = {"planning": 0.0, "reserve": 0.15, "preconstruction": 0.45}[stage]
            plan_kwargs = dict(a_rec=a_rec, signed=signed, land_secured=rng.random() < land)
            p_comp = _add_months(p_start, dp)
            return _Plan(
                stage,
                round(total_wan * 100),
                p_rec,
                p_start,
                p_comp,
                _add_months(p_comp, prod_gap),
                horizon=dp,
                **plan_kwargs,
            )

        if stage == "construction":
            age = 1 + int(rng.betavariate(1.2, 2.0) * min(w - 1, dp * 1.4))
            a_start = _day_in_month(self.ref_month - age, rng.randint(1, 28))
            a_comp = a_prod = None
            last = self.ref_month - 1
            elapsed = age
            fraction = min(max(elapsed / dp * rng.uniform(0.55, 1.1), 0.02), 0.92)
        else:
            da = max(4, round(dp * rng.uniform(0.9, 1.35)))
            pgap = rng.randint(1, 6) if stage in ("capacity", "statistics") else 0
            da = max(2, min(da, w - 2 - pgap))
            done_gap = rng.randint(1, max(1, min(12, w - 1 - da - pgap)))
            end = _day_in_month(self.ref_month - done_gap, rng.randint(1, 28))
            if pgap:
                a_prod = end
                a_comp = _add_months(end, -pgap) - dt.timedelta(days=rng.randint(0, 10))
            else:
                a_prod, a_comp = None, end
            a_start = _add_months(a_comp, -da)
            if _month(a_start) < self.window_first:
                a_start = _day_in_month(self.window_first, a_start.day)
            last = min(self.ref_month - 1, _month(a_prod) if a_prod else _month(a_comp) + rng.randint(0, 2))
            fraction = rng.uniform(0.88, 1.0) if stage == "completed" else rng.uniform(0.93, 1.0)
        slip = min(max(round(rng.gauss(25, 40)), -20), 150)
        p_start = a_start - dt.timedelta(days=slip)
        p_comp = _add_months(p_start, dp)
        p_prod = _add_months(p_comp, prod_gap)
        p_rec = _add_months(p_start, -pre)
        a_rec = p_rec + dt.timedelta(days=rng.randint(-10, 30))
        signed = a_rec - dt.timedelta(days=rng.randint(15, 90)) if rng.random() < 0.9 else None
        plan = _Plan(
            stage,
            round(total_wan * 100),
            p_rec,
            p_start,
            p_comp,
            p_prod,
            a_rec=a_rec,
            a_start=a_start,
            a_comp=a_comp,
            a_prod=a_prod,
            signed=signed,
            land_secured=True,
            horizon=dp,
        )
        first = _month(a_start)
        count = last - first + 1
        horizon = max(count, dp) if stage == "construction" else count
        plan.first_month, plan.horizon = first, horizon
        plan.months = _spread(rng, round(plan.total_cents * fraction), count, horizon)
        return plan

    # -- milestones, reports, problems ----------------------------------------------------------------------

    def build_schedules(self) -> None:
        rng = self.rng("schedules")
        template = MILESTONES_FULL if self.sizes.milestones >= 20 else MILESTONES_SHORT
        n_milestones = len(self.plans) * len(template)
        n_reports = sum(len(p.months) for p in self.plans)
        with self.progress.bar("写入节点 milestones", n_milestones) as bar:
            sink = _Sink(Milestone, bar)
            for plan in self.plans:
                for obj in self._milestones(rng, plan, template):
                    sink.add(obj)
            sink.flush()
        self.counts["milestones"] = sink.count
        with self.progress.bar("写入月报 progress reports", n_reports) as bar:
            sink = _Sink(ProgressReport, bar)
            for plan in self.plans:
                running = ytd = before_year = 0
                year = None
                for i, cents in enumerate(plan.months):
                    period = _month_start(plan.first_month + i)
                    if period.year != year:
                        year, ytd, before_year = period.year, 0, running
                    running += cents
                    ytd += cents
                    # Issue 3's breakdown: construction, installation, equipment, other (the rest).
                    parts = _breakdown(cents, i, len(plan.months))
                    sink.add(
                        ProgressReport(
                            project_id=plan.pk,
                            period=period,
                            investment_month_wan=_dec(cents),
                            investment_cumulative_wan=_dec(running),
                            year_to_date_wan=_dec(ytd),
                            previous_years_wan=_dec(before_year),
                            construction_wan=_dec(parts[0]),
                            installation_wan=_dec(parts[1]),
                            equipment_wan=_dec(parts[2]),
                            other_wan=_dec(parts[3]),
                            progress_text=_progress_text(rng, plan, i, cents),
                        )
                    )
            sink.flush()
        self.counts["progress_reports"] = sink.count
        with self.progress.bar("写入问题 problems") as bar:
            sink = _Sink(Problem, bar)
            for plan in self.plans:
                if rng.random() < PROBLEM_RATE[plan.stage]:
                    for _ in range(_weighted(rng, ((1, 70), (2, 22), (3, 8)))):
                        sink.add(self._problem(rng, plan))
            sink.flush()
        self.counts["problems"] = sink.count

    def _milestones(self, rng: random.Random, plan: _Plan, template) -> list[Milestone]:
        ref = REFERENCE_DATE
        planned_anchors = (plan.p_rec, plan.p_start, plan.p_comp, plan.p_prod)
        actual_anchors = (plan.a_rec, plan.a_start, plan.a_comp, plan.a_prod)
        stretch = rng.uniform(1.0, 1.3)
        limit_pre = {"planning": -1.0, "reserve": 0.3}.get(plan.stage, 1.0)
        rows, previous_planned, previous_actual, blocked = [], None, None, False
        for sequence, (name, seg, frac) in enumerate(template, start=1):
            p0, p1 = planned_anchors[seg], planned_anchors[seg + 1]
            planned = p0 + dt.timedelta(days=round((p1 - p0).days * frac))
            a0, a1 = actual_anchors[seg], actual_anchors[seg + 1]
            actual = None
            if name == SIGNING:
                planned = plan.signed or (plan.p_rec - dt.timedelta(days=30))
                actual = plan.signed if plan.signed and plan.signed < ref else None
            elif frac == 0.0 and a0 is not None:
                actual = a0
            elif frac == 1.0:
                actual = a1
            elif a0 is not None and a1 is not None:
                actual = a0 + dt.timedelta(days=round((a1 - a0).days * frac) + rng.randint(-3, 3))
                actual = min(max(actual, a0), a1)
            elif a0 is not None and not blocked and (seg > 0 or frac <= limit_pre):
                actual = a0 + dt.timedelta(days=round((planned - p0).days * stretch) + rng.randint(-5, 20))
                if actual >= ref - dt.timedelta(days=3) or (seg == 0 and rng.random() < 0.1):
                    actual, blocked = None, True
            if actual is not None and previous_actual is not None and actual < previous_actual:
                actual = previous_actual
            if actual is not None:
                previous_actual = actual
            note = ""
            if actual is not None and (actual - planned).days > 30:
                note = f"滞后{(actual - planned).days}天完成"
            elif actual is None and planned < ref:
                note = "已超过计划时间，未完成"
            duration = 30 if previous_planned is None else max(0, (planned - previous_planned).days)
            previous_planned = planned
            rows.append(
                Milestone(
                    project_id=plan.pk,
                    sequence=sequence,
                    name=name,
                    code=MILESTONE_CODES.get(name, ""),  # issue 3: the template node
                    planned_date=planned,
                    actual_date=actual,
                    duration_days=duration,
                    note=note,
                )
            )
        return rows

    def _problem(self, rng: random.Random, plan: _Plan) -> Problem:
        ref = REFERENCE_DATE
        county, city = plan.county, plan.county.city
        category = _weighted(rng, PROBLEM_WEIGHTS)
        descriptions, resolutions = PROBLEMS[category]
        start = plan.a_start or plan.a_rec or plan.signed or (ref - dt.timedelta(days=120))
        start = max(start - dt.timedelta(days=60), _month_start(self.window_first))
        end = (plan.a_comp or ref) - dt.timedelta(days=1)
        if end <= start:
            start = end - dt.timedelta(days=30)
        raised = start + dt.timedelta(days=rng.randint(0, (end - start).days))
        due = raised + dt.timedelta(days=rng.randint(15, 90))
        resolved = rng.random() < (0.8 if raised < ref - dt.timedelta(days=120) else 0.4)
        if plan.stage in ("completed", "capacity", "statistics"):
            resolved = True
        resolved_date = None
        if resolved:
            resolved_date = raised + dt.timedelta(days=rng.randint(5, max(6, (due - raised).days + 45)))
            resolved_date = min(resolved_date, ref - dt.timedelta(days=1))
        overdue = (resolved_date or ref) > due
        escalation = _weighted(
            rng,
            (("county", 60), ("city", 30), ("province", 10))
            if not overdue
            else (("county", 25), ("city", 50), ("province", 25)),
        )
        owner_unit = {
            "land": f"{city.name}自然资源和规划局",
            "funds": rng.choice((f"{city.name}财政局", f"{city.name}地方金融管理局")),
            "approvals": f"{county.name}行政审批服务局",
            "energy": f"{city.name}发展和改革委员会",
            "environment": f"{city.name}生态环境局",
            "utilities": rng.choice((f"国网{city.short}供电公司", f"{county.name}住房和城乡建设局")),
            "demolition": f"{county.name}人民政府",
            "other": f"{county.name}工业和信息化局",
        }[category]
        values = {"n": rng.choice((50, 80, 120, 200, 300, 500, 2000, 5000)), "k": rng.randint(3, 40), "city": city.name}
        # Issue 3's workflow and coordination levels (1 project leader … 4 principal leader), without new draws.
        age = (ref - raised).days
        if resolved:
            status = "closed" if resolved_date < ref - dt.timedelta(days=30) else "resolved"
        else:
            status = "raised" if age <= 7 else "assigned" if age <= 30 else "in_progress"
        return Problem(
            project_id=plan.pk,
            category=category,
            description=rng.choice(descriptions).format(**values),
            owner_unit=owner_unit,
            owner_person=_person(random.Random(plan.pk * 7 + age)) if status != "raised" else "",
            raised_date=raised,
            due_date=due,
            coordination_level={"county": 1, "city": 2, "province": 3}[escalation],
            status=status,
            assigned_date=raised + dt.timedelta(days=min(3, age)) if status != "raised" else None,
            resolved_date=resolved_date,
            closed_date=min(resolved_date + dt.timedelta(days=15), ref) if status == "closed" else None,
            resolution=rng.choice(resolutions).format(**values) if resolved else "",
        )

    # -- accounts -------------------------------------------------------------------------------------------

    def build_parks_evaluation(self) -> None:
        from .parks_evaluation import build_parks_evaluation

        self.counts.update(build_parks_evaluation(seed=self.seed, last_year=REFERENCE_DATE.year - 1, ids=self.ids))

    def build_pipeline(self) -> list[str]:
        from .pipeline import build_pipeline

        return build_pipeline(self, REFERENCE_DATE)

    def build_accounts(self) -> list[str]:
        notes = []
        park = next((p for p in self.parks if p.name == "株洲高新技术产业开发区"), None)
        park = park or next((p for p in self.parks if p.county.city.code == "430200"), self.parks[0])
        county_code = "430211" if "430211" in self.counties else next(iter(self.counties))
        zhuzhou = [e for e in self.ents if e.county.city.code == "430200"]
        served = sorted((e for e in zhuzhou if e.key), key=lambda e: (-e.revenue_cents, e.uscc))[:15]
        if len(served) < 15:
            chosen = {id(e) for e in served}
            rest = sorted(
                (e for e in self.ents if id(e) not in chosen),
                key=lambda e: (e.county.city.code != "430200", not e.key, -e.revenue_cents, e.uscc),
            )
            served += rest[: 15 - len(served)]
        scopes = {
            "admin": ("系统管理员", "湖南省发展和改革委员会", {}),
            "province": ("李卫东", "湖南省发展和改革委员会", {"regions": [PROVINCE_CODE]}),
            "changsha": ("陈晓峰", "长沙市发展和改革委员会", {"regions": ["430100"]}),
            "county": ("彭丽娟", f"{self.counties[county_code].name}发展和改革局", {"regions": [county_code]}),
            "park": ("谭志刚", f"{park.name}管理委员会", {"parks": [park.pk]}),
            "secretary": ("刘思远", "株洲市工业和信息化局", {"enterprises": [e.pk for e in served]}),
            "viewer": ("周雅琴", "株洲市人民政府办公室", {"regions": ["430200"]}),
        }
        users = []
        for account in DEMO_ACCOUNTS:
            full_name, unit, scope = scopes[account.username]
            existing = User.objects.filter(username=account.username).first()
            if existing is not None:
                notes.append(f"用户 {account.username} 已存在，未重建 / user {account.username} exists, kept")
                user = existing
            else:
                user = user_create(
                    username=account.username,
                    password=DEMO_PASSWORD,
                    role=account.role,
                    full_name=full_name,
                    unit=unit,
                    regions=[self.region_pk[c] for c in scope.get("regions", [])],
                    parks=scope.get("parks", []),
                    enterprises=scope.get("enterprises", []),
                )
                users.append(user.pk)
            if account.role == "secretary":
                Enterprise.objects.filter(pk__in=[e.pk for e in served]).update(secretary=user)
        self.ids["users"] = users
        self.counts["users"] = len(users)
        return notes


def _breakdown(cents: int, i: int, count: int) -> tuple[int, int, int, int]:
    """Split a month's investment: construction first, equipment and installation later in the works."""
    position = i / max(count - 1, 1)
    construction = cents * max(20, round(70 - 50 * position)) // 100
    equipment = cents * round(10 + 35 * position) // 100
    installation = cents * round(5 + 10 * position) // 100
    return construction, installation, equipment, cents - construction - equipment - installation


def _distinct(rng: random.Random, pool: list[str], k: int) -> list[str]:
    """Up to k codes from the pool, none a prefix of another (so no code is both leading and featured)."""
    chosen: list[str] = []
    for code in rng.sample(pool, len(pool)):
        if len(chosen) >= k:
            break
        if not _overlaps(code, chosen):
            chosen.append(code)
    return chosen


def _overlaps(code: str, chosen) -> bool:
    return any(code.startswith(c) or c.startswith(code) for c in chosen)


def _spread(rng: random.Random, total_cents: int, count: int, horizon: int) -> list[int]:
    """Split an amount over ``count`` months along an S-curve of ``horizon`` months, with idle months."""
    if count <= 0:
        return []
    weights = []
    for i in range(count):
        x = (i + 0.5) / horizon
        w = (math.sin(math.pi * min(x, 1.0)) ** 0.7 + 0.15) * rng.uniform(0.5, 1.5)
        weights.append(0.0 if count > 2 and rng.random() < 0.06 else w)
    if not any(weights):
        weights[-1] = 1.0
    scale = total_cents / sum(weights)
    months = [int(w * scale) for w in weights]
    months[max(range(count), key=lambda k: weights[k])] += total_cents - sum(months)
    return months


PHASE_BOUNDS = ((0.0, 0.2), (0.2, 0.55), (0.55, 1.0), (0.0, 1.0))


def _progress_text(rng: random.Random, plan: _Plan, i: int, cents: int) -> str:
    month = (plan.first_month + i) % 12 + 1
    if cents == 0:
        season = "winter" if month in (1, 2) else "rain" if month in (5, 6, 7) else "other"
        return rng.choice(IDLE_TEXTS[season])
    if i == 0:
        return "项目正式开工，开展场地平整和临时设施建设"
    position = (i + 1) / max(plan.horizon, 1)
    if plan.a_comp is not None and _month_start(plan.first_month + i) >= plan.a_comp.replace(day=1):
        phase = 3
        within = rng.uniform(0.6, 0.98)
    else:
        phase = 0 if position < 0.2 else 1 if position < 0.55 else 2
        low, high = PHASE_BOUNDS[phase]
        within = min(max((position - low) / (high - low), 0.05), 0.98)
    return rng.choice(PROGRESS_TEXTS[phase]).format(p=round(within * 100), k=max(2, round(within * 18)))


# ---------------------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------------------


def delete_demo(*, progress: bool = False) -> dict[str, int]:
    """Delete the demonstration rows recorded by the demo `DataLoad` rows, and those rows; returns counts."""
    loads = list(DataLoad.objects.filter(kind=DataLoad.Kind.DEMO))
    deleted: dict[str, int] = defaultdict(int)
    usernames = [a.username for a in DEMO_ACCOUNTS]
    bar = _Progress(progress).bar("删除演示数据 deleting demo data")
    for load in loads:
        ids = (load.details or {}).get("ids", {})
        delete_parks_evaluation(ids)
        projects = ids.get("projects") or []
        if projects:
            lo, hi = projects
            for model, key in ((ProgressReport, "progress_reports"), (Milestone, "milestones"), (Problem, "problems")):
                deleted[key] += model.objects.filter(project_id__gte=lo, project_id__lte=hi).delete()[0]
            deleted["projects"] += _chunked_delete(Project, lo, hi, bar)
        enterprises = ids.get("enterprises") or []
        if enterprises:
            lo, hi = enterprises
            through = Enterprise.chain_segments.through
            through.objects.filter(enterprise_id__gte=lo, enterprise_id__lte=hi).delete()
            figures = EnterpriseYearFigure.objects.filter(enterprise_id__gte=lo, enterprise_id__lte=hi)
            deleted["enterprise_year_figures"] += figures.delete()[0]
            deleted["enterprises"] += _chunked_delete(Enterprise, lo, hi, bar)
        deleted["parks"] += Park.objects.filter(pk__in=ids.get("parks") or []).delete()[1].get("parks.Park", 0)
        deleted["clusters"] += (
            Cluster.objects.filter(pk__in=ids.get("clusters") or []).delete()[1].get("industry.Cluster", 0)
        )
        usernames += list(User.objects.filter(pk__in=ids.get("users") or []).values_list("username", flat=True))
    deleted["users"] = User.objects.filter(username__in=usernames).delete()[1].get("accounts.User", 0)
    DataLoad.objects.filter(kind=DataLoad.Kind.DEMO).delete()
    bar.close()
    cache.delete(DEMO_CACHE_KEY)
    return dict(deleted)


def _chunked_delete(model, lo: int, hi: int, bar, chunk: int = 5000) -> int:
    total = 0
    for start in range(lo, hi + 1, chunk):
        _, per_model = model.objects.filter(pk__gte=start, pk__lt=start + chunk).delete()
        count = per_model.get(model._meta.label, 0)
        total += count
        bar.update(count)
    return total


def build_demo(
    *, scale: str = "quick", seed: int = 2026, progress: bool = True, force: bool = False, sizes: DemoSize | None = None
) -> dict:
    """Build the demonstration province into the database; returns what was done, counts and seconds.

    Parameters
    ----------
    scale : str
        ``"quick"`` (4 cities, 2,000 enterprises, 1,500 projects) or ``"province"`` (14 cities, 100 counties,
        200,000 enterprises, 30,000 projects).
    seed : int
        The same seed gives the same data.
    progress : bool
        Show progress bars.
    force : bool
        Delete existing demonstration data first; without it, existing demonstration data is kept and
        nothing is done.
    sizes : DemoSize, optional
        Override the scale's sizes (tests use small sizes).

    Raises
    ------
    DemoDataError
        If the reference data (regions, industry codes) is not loaded.
    """
    if scale not in SCALES and sizes is None:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
    sizes = sizes or SCALES[scale]
    started = time.perf_counter()
    existing = DataLoad.objects.filter(kind=DataLoad.Kind.DEMO).order_by("-loaded_at").first()
    if existing is not None and not force:
        return {
            "created": False,
            "scale": scale,
            "seed": seed,
            "counts": (existing.details or {}).get("counts", {}),
            "seconds": 0.0,
            "message": f"演示数据已存在（{existing.version}），未做任何修改；使用 --force 重建。"
            f" / Demo data already exists ({existing.version}); nothing done. Use --force to rebuild.",
        }
    with change_context(actor=None, source="job", message="demo build"), transaction.atomic():
        deleted = delete_demo(progress=progress) if existing is not None or force else {}
        builder = _Builder(scale=scale, sizes=sizes, seed=seed, progress=progress)
        phases: dict[str, float] = {}
        notes = None
        for phase in (
            "load_reference",
            "build_clusters",
            "build_parks",
            "build_enterprises",
            "build_year_figures",
            "build_chain_data",
            "build_projects",
            "build_schedules",
            "build_accounts",
            "build_pipeline",  # issue 3: demo/pipeline.py
            "build_enterprise_service",
            "build_parks_evaluation",
        ):
            tick = time.perf_counter()
            notes = getattr(builder, phase)() or notes
            phases[phase] = round(time.perf_counter() - tick, 2)
        counts = {"cities": len(builder.cities), "counties": len(builder.counties), **builder.counts}
        elapsed = round(time.perf_counter() - started, 1)
        rows = sum(v for k, v in counts.items() if k not in ("cities", "counties"))
        DataLoad.objects.create(
            name="demo",
            kind=DataLoad.Kind.DEMO,
            source="clusterdesk demo generator",
            version=f"seed {seed}, {scale}",
            row_count=rows,
            details={
                "scale": scale,
                "seed": seed,
                "reference_date": REFERENCE_DATE.isoformat(),
                "counts": counts,
                "seconds": elapsed,
                "phase_seconds": phases,
                "ids": builder.ids,
            },
        )
    cache.delete(DEMO_CACHE_KEY)
    message = f"已生成演示数据：{rows} 行，用时 {elapsed} 秒 / demo data built: {rows} rows in {elapsed} s"
    if notes:
        message += "\n" + "\n".join(notes)
    return {
        "created": True,
        "scale": scale,
        "seed": seed,
        "counts": counts,
        "rows": rows,
        "phase_seconds": phases,
        "seconds": round(time.perf_counter() - started, 1),
        "deleted": deleted,
        "message": message,
    }
