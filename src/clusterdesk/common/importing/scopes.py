"""The scopes sheet: one row per (user, scope type, region/park/enterprise); each listed user's scope is replaced."""

from collections import defaultdict

from clusterdesk.accounts.services import user_update
from clusterdesk.core.importing import RowError

from .pipeline import RowPlan, _resolve_values
from .specs import Ref

__all__ = ["apply_scopes", "plan_scopes", "scope_rows"]

TARGETS = {
    "region": ("scope_regions", Ref("regions.Region", ("code", "full_name", "name"), scoped=False)),
    "park": ("scope_parks", Ref("parks.Park", ("name", "short_name"), scoped=False)),
    "enterprise": ("scope_enterprises", Ref("enterprises.Enterprise", ("uscc", "name"), scoped=False)),
}


def plan_scopes(plan, parsed, actor) -> None:
    by_user: dict[int, list] = defaultdict(list)
    for row in parsed:
        by_user[row.values["user"].pk].append(row)
    found = {kind: _resolve_values(ref, {r.values["scope"] for r in parsed if r.values["scope_type"] == kind}, actor)
             for kind, (_, ref) in TARGETS.items()}
    for rows in by_user.values():
        user = rows[0].values["user"]
        wanted: dict[str, set] = {attr: set() for attr, _ in TARGETS.values()}
        for row in rows:
            kind, text = row.values["scope_type"], row.values["scope"]
            objs = found[kind].get(text)
            if not objs or len({o.pk for o in objs}) > 1:
                why = "找不到" if not objs else "有多个匹配："
                plan.errors.append(RowError(plan.sheet, row.row, "C", "范围", f"{why}“{text}”",
                                            f"“{text}” {'not found' if not objs else 'is ambiguous'}", "scope", text))
                continue
            wanted[TARGETS[kind][0]].add(objs[0].pk)
        current = {attr: set(getattr(user, attr).values_list("pk", flat=True)) for attr in wanted}
        changes = [(attr, sorted(current[attr]), sorted(wanted[attr])) for attr in wanted
                   if current[attr] != wanted[attr]]
        plan.rows.append(RowPlan(rows[0].row, "update" if changes else "unchanged", user, user, changes,
                                 {attr: sorted(pks) for attr, pks in wanted.items()}))


def apply_scopes(plan, actor) -> None:
    from .pipeline import ImportFailed

    for r in plan.rows:
        if r.action == "update":
            user_update(user=r.instance, actor=actor, regions=r.extras["scope_regions"],
                        parks=r.extras["scope_parks"], enterprises=r.extras["scope_enterprises"])
    if plan.errors:
        raise ImportFailed(plan.errors)


def scope_rows(users) -> list[dict]:
    """The export rows of the scopes sheet: one per scope item of each user."""
    rows = []
    for user in users:
        for region in user.scope_regions.all().order_by("code"):
            rows.append({"user": user.username, "scope_type": "region", "scope": region.code})
        for park in user.scope_parks.all().order_by("name"):
            rows.append({"user": user.username, "scope_type": "park", "scope": park.name})
        for enterprise in user.scope_enterprises.all().order_by("uscc"):
            rows.append({"user": user.username, "scope_type": "enterprise", "scope": enterprise.uscc})
    return rows


