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

__all__ = ["SCOPE_TYPES", "register_imports", "scopes_spec", "unit_notes", "units_spec", "users_spec"]

#: (value, Chinese, English) of the scope types in the scopes sheet.
SCOPE_TYPES = (("region", "地区", "region"), ("park", "园区", "park"), ("enterprise", "企业", "enterprise"))

_TARGETS = {
    "region": ("scope_regions", Ref("regions.Region", ("code", "full_name", "name"), scoped=False)),
    "park": ("scope_parks", Ref("parks.Park", ("name", "short_name"), scoped=False)),
    "enterprise": ("scope_enterprises", Ref("enterprises.Enterprise", ("uscc", "name"), scoped=False)),
}


def _user_region(user):
    """Where a user works, to find their unit nearest to it: their first scope region, else their first park's."""
    if not user.pk:
        return None
    region = user.scope_regions.order_by("pk").first()
    park = None if region else user.scope_parks.order_by("pk").first()
    return region or (park.region if park else None)


def _user_extras(user) -> dict:
    """The 单位 cell of a user: their unit's name, or the text typed before units were records."""
    return {"unit_name": user.unit.name if user.unit_id else user.unit_name}


def _user_save(user, *, actor, extras: dict, created: bool):
    import secrets

    from .services import user_create, user_update
    from .units import unit_find

    text = extras.get("unit_name")
    if created:
        # Passwords never travel in spreadsheets: a new account gets a random one, which an administrator resets.
        made = user_create(username=user.username, password=secrets.token_urlsafe(24), role=user.role, actor=actor,
                           full_name=user.full_name, unit=text or None)
        changed = [f for f in ("phone", "email", "is_active") if getattr(user, f) != getattr(made, f)]
        if changed:
            for name in changed:
                setattr(made, name, getattr(user, name))
            return user_update(user=made, actor=actor)
        return made
    if text is not None:
        # A unit the text names (nearest the user's scope) links the user; an unmatched text is kept as typed.
        user.unit = unit_find(text, region=_user_region(user)) if text.strip() else None
        user.unit_name = "" if user.unit_id else text
    return user_update(user=user, actor=actor)


def _user_unit_notes(plan, actor) -> None:
    from .units import unit_find

    for r in plan.rows:
        text = (r.extras.get("unit_name") or "").strip()
        if r.action != "unchanged" and text and unit_find(text, region=_user_region(r.stored or r.instance)) is None:
            plan.note(r.row, "unit_name", f"没有名为“{text}”的单位记录：保留为文字，可在“单位 → 未匹配”中处理",
                      f"no unit named “{text}”: kept as text, listed under units → unmatched")


def users_spec() -> ImportSpec:
    from .roles import Role

    return ImportSpec(
        kind="users", model="accounts.User", title=str(_("users")), title_en="users", key=("username",), order=100,
        columns=(
            C("username", "用户名", "text", "user name", ("账号", "登录名"), max_length=150),
            C("full_name", "姓名", "text", "full name", ("名字",), max_length=100),
            C("role", "角色", "choice", "role", ("用户角色",), required=True, choices=choices_of(Role)),
            C("unit_name", "单位", "text", "unit", ("工作单位", "所在单位"), max_length=200,
              note="单位名称、简称或别名（市发改委）；找不到对应单位时保留为文字并提示"),
            C("phone", "电话", "text", "phone", ("联系电话", "手机"), max_length=30),
            C("email", "邮箱", "text", "email", ("电子邮箱", "Email"), max_length=254),
            C("is_active", "启用", "bool", "active", ("是否启用", "状态")),
        ),
        writer="service", save=_user_save, admin_only=True, extras=("unit_name",), read_extras=_user_extras,
        after_plan=_user_unit_notes, export_queryset=lambda qs: qs.select_related("unit").order_by("username"),
    )


def _plan_scopes(plan, parsed, actor) -> None:
    from clusterdesk.common.importing.pipeline import RowPlan, resolve_values

    from .roles import SINGLE_ENTERPRISE_ROLES

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
        if user.role in SINGLE_ENTERPRISE_ROLES and len(wanted["scope_enterprises"]) != 1:
            plan.errors.append(RowError(plan.sheet, rows[0].row, "C", "范围", "企业用户须绑定且只能绑定一家企业",
                                        "an enterprise user is bound to exactly one enterprise", "scope", ""))
            continue
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


# ---------------------------------------------------------------------------------------------------------- units

_ALIAS_SPLIT = r"[、，,;；/\n]+"


def _unit_extras(unit) -> dict:
    return {"parent": unit.parent.name if unit.parent_id else "", "aliases": "、".join(unit.alias_list)}


def _unit_save(unit, *, actor, extras: dict, created: bool):
    import re

    from django.core.exceptions import ValidationError

    from .services import unit_create, unit_update
    from .units import unit_find

    if "parent" in extras:
        text = (extras["parent"] or "").strip()
        # A parent earlier in the sheet is already saved (rows are ordered parents first): one rule for both.
        unit.parent = unit_find(text, region=unit.region_id) if text else None
        if text and unit.parent is None:
            raise ValidationError({"parent": f"找不到上级单位“{text}”"})
    if extras.get("aliases") is not None:
        unit.aliases = "\n".join(a.strip() for a in re.split(_ALIAS_SPLIT, extras["aliases"]) if a.strip())
    return (unit_create if created else unit_update)(unit=unit, actor=actor)


def _sheet_names(values: dict) -> set[str]:
    import re

    from clusterdesk.core.routing import normalize_unit_name

    names = [values.get("name") or "", values.get("short_name") or "",
             *re.split(_ALIAS_SPLIT, values.get("aliases") or "")]
    return {normalize_unit_name(n) for n in names if n and n.strip()}


def _resolve_parents(plan, parsed, actor) -> None:
    """Each 上级单位 names a unit of the sheet (above or below the row) or one on record nearest to the row's region;
    otherwise the row's 上级单位 cell is an error."""
    from clusterdesk.core.routing import normalize_unit_name

    from .units import unit_find

    in_sheet = set().union(*(_sheet_names(row.values) for row in parsed)) if parsed else set()
    for row in parsed:
        text = (row.values.get("parent") or "").strip()
        if not text or normalize_unit_name(text) in in_sheet:
            continue
        if unit_find(text, region=row.values.get("region")) is None:
            plan.errors.append(plan.error(row.row, "parent", f"找不到上级单位“{text}”（表中和系统中都没有，或有多个同样近的同名单位）",
                                          f"no parent unit “{text}” in the sheet or on record (or several as near)", text))
            row.valid = False


def _parents_first(plan, actor) -> None:
    """Write a unit before the units of the sheet that name it as their parent (a parent may come later)."""
    from clusterdesk.core.routing import normalize_unit_name

    by_name: dict[str, int] = {}
    for index, r in enumerate(plan.rows):
        for name in _sheet_names({"name": r.instance.name, "short_name": r.instance.short_name,
                                  "aliases": r.extras.get("aliases") or ""}):
            by_name.setdefault(name, index)
    ordered: list[int] = []
    state: dict[int, int] = {}

    def visit(index: int) -> None:
        if state.get(index) == 2:
            return
        if state.get(index) == 1:
            plan.errors.append(plan.error(plan.rows[index].row, "parent", "上级单位成环", "the parent units form a cycle"))
            return
        state[index] = 1
        parent = normalize_unit_name(plan.rows[index].extras.get("parent") or "")
        if parent and by_name.get(parent, index) != index:
            visit(by_name[parent])
        state[index] = 2
        ordered.append(index)

    for index in range(len(plan.rows)):
        visit(index)
    plan.rows[:] = [plan.rows[i] for i in ordered]


def units_spec() -> ImportSpec:
    from .models import UnitKind

    return ImportSpec(
        kind="units", model="accounts.Unit", title=str(_("units")), title_en="units", key=("region", "name"), order=95,
        columns=(
            C("name", "单位名称", "text", "name", ("单位", "单位全称", "名称"), required=True, max_length=200,
              example="长沙市发展和改革委员会"),
            C("short_name", "简称", "text", "short name", ("单位简称",), max_length=50, example="市发改委"),
            C("kind", "类型", "choice", "kind", ("单位类型",), choices=choices_of(UnitKind)),
            C("parent", "上级单位", "text", "parent unit", ("上级", "主管单位"), max_length=200,
              note="上级单位的名称、简称或别名；可以是本表中的单位（在前在后均可）或系统中已有的单位"),
            C("region", "所属地区", "ref", "region", ("地区", "所在地区", "行政区划代码", "区划代码"), required=True,
              note="GB/T 2260 六位代码（如 430100），或地区名称（长沙市）", example="430100"),
            C("park", "园区", "ref", "park", ("所属园区",), note="园区管委会：所管理的园区"),
            C("aliases", "别名", "text", "other names", ("其他名称",), note="多个用、分隔：发改委、市发改委"),
            C("phone", "电话", "text", "phone", ("联系电话",), max_length=30),
            C("is_active", "启用", "bool", "active", ("是否启用", "状态")),
        ),
        refs={"region": Ref("regions.Region", ("code", "full_name", "name"), scoped=False),
              "park": Ref("parks.Park", ("name", "short_name"))},
        writer="service", save=_unit_save, extras=("parent", "aliases"), read_extras=_unit_extras,
        resolve=_resolve_parents, after_plan=_parents_first,
        export_queryset=lambda qs: qs.select_related("region", "park", "parent").order_by("region__code", "name"),
    )


def unit_notes(plan, *, text_field: str, region) -> None:
    """For a sheet of records with a responsible unit: a note on each row whose 责任单位 text names no unit (the
    text is kept; a real office's sheet is never refused for it). ``region(instance)`` is the row's region id.
    A row whose text changes loses the unit the old text gave, so that the services link the new one."""
    from .units import unit_finder

    find = None
    for r in plan.rows:
        if r.action == "update" and any(change[0] == text_field for change in r.changes):
            r.instance.assigned_unit = None  # a new text names the unit anew (the services match it)
        text = (getattr(r.instance, text_field, "") or "").strip()
        if r.action == "unchanged" or not text or getattr(r.instance, "assigned_unit_id", None):
            continue
        find = find or unit_finder()
        if find(text, region(r.instance)) is None:
            plan.note(r.row, text_field, f"没有名为“{text}”的单位记录：保留为文字，可在“单位 → 未匹配”中处理",
                      f"no unit named “{text}”: kept as text, listed under units → unmatched")


def register_imports() -> None:
    """Register this app's import kinds (from ``AccountsConfig.ready``)."""
    from clusterdesk.common.registry import registry

    registry.register_import_kind("units", units_spec)
    registry.register_import_kind("users", users_spec)
    registry.register_import_kind("scopes", scopes_spec)
