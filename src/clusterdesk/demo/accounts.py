"""The demonstration accounts: one per role, all with the same published password.

The generator (`clusterdesk.demo.generator.build_demo`) creates them with their scopes; the
`clusterdesk demo` command prints them so that a first-time user can sign in at once.
"""

from dataclasses import dataclass

__all__ = ["DEMO_ACCOUNTS", "DEMO_PASSWORD", "DemoAccount"]

#: The password of every demonstration account. Demo databases only: never reuse it elsewhere.
DEMO_PASSWORD = "cd-demo-2026"


@dataclass(frozen=True)
class DemoAccount:
    """A demonstration sign-in: user name, role (`clusterdesk.accounts.roles.Role` value) and what it sees."""

    username: str
    role: str
    role_label: str
    scope_label: str


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("admin", "admin", "管理员 administrator", "全部数据 everything"),
    DemoAccount("province", "province_officer", "省级业务人员 province officer", "湖南省 430000"),
    DemoAccount("changsha", "city_officer", "市级业务人员 city officer", "长沙市 430100"),
    DemoAccount("county", "county_officer", "县级业务人员 county officer", "株洲市天元区 430211"),
    DemoAccount("park", "park_officer", "园区业务人员 park officer", "株洲高新技术产业开发区"),
    DemoAccount("secretary", "secretary", "工作秘书 work secretary", "15 家重点企业 15 key enterprises"),
    DemoAccount("viewer", "viewer", "只读用户 read-only viewer", "株洲市 430200"),
)
