# ruff: noqa: E501  (a declarative table of Chinese headers; CJK characters count double)
"""The import and export of users and of their scopes, saved through the account services.

The scopes sheet has one row per (user, scope type, region/park/enterprise); each listed user's scope is
replaced by the rows given for them.
"""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from clusterdesk.common.importing.specs import ImportSpec, Ref, choices_of
from clusterdesk.core.importing import ColumnSpec as C
from clusterdesk.core.importing import RowError

__all__ = ["SCOPE_TYPES", "register_imports", "scopes_spec", "users_spec"]

#: (value, Chinese, English) of the scope types in the scopes sheet.
SCOPE_TYPES = (("region", "地区", "region"), ("park", "园区", "park"), ("enterprise", "企业", "enterprise"))

_TARGETS = {
    "region": ("scope_regions", Ref("regions.Region", ("code", "full_name", "name"), scoped=False)),
    "park": ("scope_parks", Ref("parks.Park", ("name", "short_name"), scoped=False)),
    "enterprise": ("scope_enterprises", Ref("enterprises.Enterprise", ("uscc", "name"), scoped=False)),
}


def _user_save(user, *, actor, extras: dict, created: bool):
    import secrets

    from .services import user_create, user_update

    if created:
        # Passwords never travel in spreadsheets: a new account gets a random one, which an administrator resets.
        made = user_create(username=user.username, password=secrets.token_urlsafe(24), role=user.role, actor=actor,
                           full_name=user.full_name, unit=user.unit_name)
        changed = [f for f in ("phone", "email", "is_active") if getattr(user, f) != getattr(made, f)]
        if changed:
            for name in changed:
                setattr(made, name, getattr(user, name))
            return user_update(user=made, actor=actor)
        return made
    return user_update(user=user, actor=actor)


def users_spec() -> ImportSpec:
    from .roles import Role

    return ImportSpec(
        kind="users", model="accounts.User", title=str(_("users")), title_en="users", key=("username",), order=100,
        columns=(
            C("username", "用户名", "text", "user name", ("账号", "登录名"), max_length=150),
            C("full_name", "姓名", "text", "full name", ("名字",), max_length=100),
            C("role", "角色", "choice", "role", ("用户角色",), required=True, choices=choices_of(Role)),
            C("unit_name", "单位", "text", "unit", ("工作单位", "所在单位"), max_length=200),
            C("phone", "电话", "text", "phone", ("联系电话", "手机"), max_length=30),
            C("email", "邮箱", "text", "email", ("电子邮箱", "Email"), max_length=254),
            C("is_active", "启用", "bool", "active", ("是否启用", "状态")),
        ),
        writer="service", save=_user_save, admin_only=True,
        export_queryset=lambda qs: qs.order_by("username"),
    )


def _plan_scopes(plan, parsed, actor) -> None:
    from clusterdesk.common.importing.pipeline import RowPlan, resolve_values

    by_user: dict[int, list] = defaultdict(list)
    for row in parsed:
        by_user[row.values["user"].pk].append(row)
    found = {kind: resolve_values(ref, {r.values["scope"] for r in parsed if r.values["scope_type"] == kind}, actor)
             for kind, (_attr, ref) in _TARGETS.items()}
    for rows in by_user.values():
        user = rows[0].values["user"]
        wanted: dict[str, set] = {attr: set() for attr, _ref in _TARGETS.values()}
        for row in rows:
            kind, text = row.values["scope_type"], row.values["scope"]
            objs = found[kind].get(text)
            if not objs or len({o.pk for o in objs}) > 1:
                why = "找不到" if not objs else "有多个匹配："
                plan.errors.append(RowError(plan.sheet, row.row, "C", "范围", f"{why}“{text}”",
                                            f"“{text}” {'not found' if not objs else 'is ambiguous'}", "scope", text))
                continue
            wanted[_TARGETS[kind][0]].add(objs[0].pk)
        current = {attr: set(getattr(user, attr).values_list("pk", flat=True)) for attr in wanted}
        changes = [(attr, sorted(current[attr]), sorted(wanted[attr])) for attr in wanted
                   if current[attr] != wanted[attr]]
        plan.rows.append(RowPlan(rows[0].row, "update" if changes else "unchanged", user, user, changes,
                                 {attr: sorted(pks) for attr, pks in wanted.items()}))


def _apply_scopes(plan, actor) -> None:
    from clusterdesk.common.importing.pipeline import ImportFailed

    from .services import user_update

    for r in plan.rows:
        if r.action == "update":
            user_update(user=r.instance, actor=actor, regions=r.extras["scope_regions"],
                        parks=r.extras["scope_parks"], enterprises=r.extras["scope_enterprises"])
    if plan.errors:
        raise ImportFailed(plan.errors)


def _scope_rows(users):
    """The export rows of the scopes sheet: one per scope item of each user."""
    labels = {v: zh for v, zh, _en in SCOPE_TYPES}
    for user in users.prefetch_related("scope_regions", "scope_parks", "scope_enterprises"):
        for region in sorted(user.scope_regions.all(), key=lambda r: r.code):
            yield [user.username, labels["region"], region.code]
        for park in sorted(user.scope_parks.all(), key=lambda p: p.name):
            yield [user.username, labels["park"], park.name]
        for enterprise in sorted(user.scope_enterprises.all(), key=lambda e: e.uscc):
            yield [user.username, labels["enterprise"], enterprise.uscc]


def scopes_spec() -> ImportSpec:
    return ImportSpec(
        kind="scopes", model="accounts.User", title=str(_("user scopes")), title_en="user scopes", key=(), order=110,
        columns=(
            C("user", "用户名", "ref", "user name", ("账号", "登录名"), required=True),
            C("scope_type", "范围类型", "choice", "scope type", ("类型",), required=True, choices=SCOPE_TYPES),
            C("scope", "范围", "text", "scope", ("地区", "园区", "企业", "范围代码"), required=True,
              note="地区：GB/T 2260 代码或名称；园区：名称；企业：统一社会信用代码或名称。每个用户的范围以本表为准"),
        ),
        refs={"user": Ref("accounts.User", ("username",), scoped=False)},
        unique_in_file=(("user", "scope_type", "scope"),), writer="custom", admin_only=True,
        plan_rows=_plan_scopes, apply=_apply_scopes, export_rows=_scope_rows,
    )


def register_imports() -> None:
    """Register this app's import kinds (from ``AccountsConfig.ready``)."""
    from clusterdesk.common.registry import registry

    registry.register_import_kind("users", users_spec)
    registry.register_import_kind("scopes", scopes_spec)
