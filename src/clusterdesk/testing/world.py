"""A small two-city world for tests: everything in city A is in the users' scope, everything in city B is not."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from clusterdesk.accounts.models import User
from clusterdesk.accounts.services import user_create
from clusterdesk.core.codes.uscc import make_uscc
from clusterdesk.enterprises.models import Enterprise
from clusterdesk.enterprises.services import enterprise_create
from clusterdesk.industry.models import Chain, ChainSegment, Cluster, IndustryCode
from clusterdesk.industry.services import chain_create, cluster_create, segment_create
from clusterdesk.parks.models import Park
from clusterdesk.parks.services import park_create
from clusterdesk.projects.models import Milestone, Problem, ProgressReport, Project
from clusterdesk.projects.services import milestone_create, problem_create, progress_report_create, project_create
from clusterdesk.regions.models import Region

__all__ = ["PASSWORD", "Side", "World", "build_world"]

PASSWORD = "test-pass-2026"


@dataclass
class Side:
    """The objects of one city."""

    city: Region
    county: Region
    park: Park
    enterprise: Enterprise
    project: Project
    milestone: Milestone
    report: ProgressReport
    problem: Problem
    cluster: Cluster


@dataclass
class World:
    a: Side
    b: Side
    users: dict[str, User] = field(default_factory=dict)
    chain: Chain | None = None
    segment: ChainSegment | None = None


def _side(admin: User, city_code: str, county_code: str, tag: str, serial: int) -> Side:
    city = Region.objects.get(code=city_code)
    county = Region.objects.get(code=county_code)
    c3711 = IndustryCode.objects.get(code="C3711")
    c37 = IndustryCode.objects.get(code="C37")
    cluster = cluster_create(cluster=Cluster(name=f"轨道交通装备集群{tag}", region=city, level="municipal"),
                             actor=admin, leading_industries=[c37])
    park = park_create(park=Park(name=f"{city.name}测试园区{tag}", level="provincial", park_type="industrial",
                                 region=county, available_land_mu=Decimal("1200")), actor=admin, leading=[c37])
    enterprise = enterprise_create(enterprise=Enterprise(
        uscc=make_uscc(region_code=county_code, serial=serial), name=f"{city.name}测试装备有限公司{tag}",
        region=county, park=park, industry=c3711, above_scale=True, key_enterprise=True), actor=admin)
    project = project_create(project=Project(
        code=f"2025-{county_code}-37-03-00000{serial}", name=f"{city.name}轨道交通部件项目{tag}", owner=enterprise,
        region=county, park=park, cluster=cluster, industry=c3711, total_investment_wan=Decimal("50000"),
        land_area_mu=Decimal("120"), stage="construction", key_level="municipal",
        planned_start_date=datetime.date(2025, 3, 1), actual_start_date=datetime.date(2025, 3, 15),
        land_secured=True), actor=admin)
    milestone = milestone_create(milestone=Milestone(project=project, sequence=1, name="开工",
                                                     planned_date=datetime.date(2025, 3, 1)), actor=admin)
    report = progress_report_create(report=ProgressReport(project=project, period=datetime.date(2025, 4, 1),
                                                          investment_month_wan=Decimal("3000"),
                                                          investment_cumulative_wan=Decimal(0)), actor=admin)
    problem = problem_create(problem=Problem(project=project, category="land", description="用地指标未落实",
                                             owner_unit="自然资源局", raised_date=datetime.date(2025, 4, 1),
                                             due_date=datetime.date(2025, 6, 30)), actor=admin)
    return Side(city, county, park, enterprise, project, milestone, report, problem, cluster)


def build_world() -> World:
    """Create the two cities' objects and one user per role scoped to city A (长沙市, county 芙蓉区); the
    enterprise user is bound to city A's enterprise."""
    admin = user_create(username="admin", password=PASSWORD, role="admin")
    world = World(a=_side(admin, "430100", "430102", "A", 1), b=_side(admin, "430200", "430211", "B", 2))
    chain = chain_create(chain=Chain(name="轨道交通装备产业链", cluster=world.a.cluster), actor=admin)
    world.chain = chain
    world.segment = segment_create(segment=ChainSegment(chain=chain, name="整车制造", position="downstream",
                                                        keywords=["机车", "动车组"]), actor=admin,
                                   industry_codes=[IndustryCode.objects.get(code="C3711")])
    a = world.a
    province = Region.objects.get(code="430000")
    specs = {
        "admin": ("admin", {}),
        "province": ("province_officer", {"regions": [province]}),
        "city": ("city_officer", {"regions": [a.city]}),
        "county": ("county_officer", {"regions": [a.county]}),
        "park": ("park_officer", {"parks": [a.park]}),
        "secretary": ("secretary", {"enterprises": [a.enterprise]}),
        "viewer": ("viewer", {"regions": [a.city]}),
        "enterprise": ("enterprise", {"enterprises": [a.enterprise]}),
    }
    world.users["admin"] = admin
    for name, (role, scope) in specs.items():
        if name != "admin":
            world.users[name] = user_create(username=name, password=PASSWORD, role=role, **scope)
    return world
