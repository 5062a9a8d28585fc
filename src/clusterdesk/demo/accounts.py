"""The demonstration accounts: one per role, all with the same published password.

The demo app's own phase of the build (``accounts``, after the projects) creates them with their scopes through
`clusterdesk.accounts.services.user_create` (each with its change record); the `clusterdesk demo` command prints
them so that a first-time user can sign in at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .context import DemoContext

__all__ = ["DEMO_ACCOUNTS", "DEMO_PASSWORD", "DemoAccount", "build_accounts", "delete_accounts"]

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
    DemoAccount("enterprise", "enterprise", "企业用户 enterprise user",
                "株洲市 1 家重点企业 one key enterprise of 株洲"),
)


def build_accounts(ctx: DemoContext) -> None:
    """One account per role with its scope; an account that exists is kept (and noted). The secretary's 15
    enterprises (the largest key enterprises of 株洲) go to ``ctx.ids["served"]`` for the enterprises' phase."""
    from clusterdesk.accounts.models import User
    from clusterdesk.accounts.services import user_create

    park = next((p for p in ctx.parks if p.name == "株洲高新技术产业开发区"), None)
    park = park or next((p for p in ctx.parks if p.county.city.code == "430200"), ctx.parks[0])
    county_code = "430211" if "430211" in ctx.counties else next(iter(ctx.counties))
    zhuzhou = [e for e in ctx.ents if e.county.city.code == "430200"]
    served = sorted((e for e in zhuzhou if e.key), key=lambda e: (-e.revenue_cents, e.uscc))[:15]
    if len(served) < 15:
        chosen = {id(e) for e in served}
        rest = sorted(
            (e for e in ctx.ents if id(e) not in chosen),
            key=lambda e: (e.county.city.code != "430200", not e.key, -e.revenue_cents, e.uscc),
        )
        served += rest[: 15 - len(served)]
    province = ctx.province_code
    # The enterprise user speaks for the first key enterprise the secretary serves: the enterprise-service phase
    # gives it the "slump" story (warnings) and an answered appeal; the evaluation phase a sheet to confirm.
    own = min((e for e in served if e.key), key=lambda e: e.pk, default=None) or min(served, key=lambda e: e.pk)
    scopes = {
        "admin": ("系统管理员", "湖南省发展和改革委员会", {}),
        "province": ("李卫东", "湖南省发展和改革委员会", {"regions": [province]}),
        "changsha": ("陈晓峰", "长沙市发展和改革委员会", {"regions": ["430100"]}),
        "county": ("彭丽娟", f"{ctx.counties[county_code].name}发展和改革局", {"regions": [county_code]}),
        "park": ("谭志刚", f"{park.name}管理委员会", {"parks": [park.pk]}),
        "secretary": ("刘思远", "株洲市工业和信息化局", {"enterprises": [e.pk for e in served]}),
        "viewer": ("周雅琴", "株洲市人民政府", {"regions": ["430200"]}),
        "enterprise": ("张建华", own.name, {"enterprises": [own.pk]}),
    }
    created = []
    for account in DEMO_ACCOUNTS:
        full_name, unit, scope = scopes[account.username]
        user = User.objects.filter(username=account.username).first()
        if user is not None:
            ctx.notes.append(f"用户 {account.username} 已存在，未重建 / user {account.username} exists, kept")
        else:
            user = user_create(
                username=account.username,
                password=DEMO_PASSWORD,
                role=account.role,
                full_name=full_name,
                unit=unit,
                regions=[ctx.region_pk[c] for c in scope.get("regions", [])],
                parks=scope.get("parks", []),
                enterprises=scope.get("enterprises", []),
            )
            created.append(user.pk)
        ctx.users[account.username] = user.pk
    ctx.ids["users"] = created
    ctx.ids["served"] = [e.pk for e in served]
    ctx.ids["own_enterprise"] = own.pk
    ctx.counts["users"] = len(created)


def delete_accounts(ids) -> dict[str, int]:
    """Delete the demo accounts (by name, and those a build recorded), last, after what refers to them."""
    from clusterdesk.accounts.models import User

    usernames = [a.username for a in DEMO_ACCOUNTS]
    usernames += list(User.objects.filter(pk__in=ids.get("users") or []).values_list("username", flat=True))
    return {"users": User.objects.filter(username__in=usernames).delete()[1].get("accounts.User", 0)}
