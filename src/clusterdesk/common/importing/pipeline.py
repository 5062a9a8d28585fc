"""The import pipeline: validate every row (core), resolve it against the database, then write all or nothing.

`plan_import` reads a sheet into a plan: for each row, create, update (with the changed fields) or unchanged,
and every error with its sheet, row and column. `apply_plan` writes a plan inside the caller's transaction
through the owning app: its bulk service for long lists (which validates every record with the model's rules,
writes, checks the scope and records the changes) or its single-object services row by row. The role and the
scope of existing records are checked while planning, so that a dry run lists them; the services check again.
A failure on any row raises `ImportFailed` and the caller's transaction rolls everything back; every error
found is listed, with the column of the field it names.
"""

import datetime
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import signals
from django.db.models.base import ModelState

from clusterdesk.accounts.scoping import role_permits
from clusterdesk.common.bulk import CHUNK, BulkChange, BulkValidationError
from clusterdesk.common.text import t2s
from clusterdesk.core.importing import (
    ParsedRow,
    RowError,
    SheetLayout,
    column_letter,
    locate_header,
    validate_rows,
)

from .specs import ImportSpec, Ref

__all__ = ["ImportFailed", "Plan", "RowPlan", "YearValue", "apply_plan", "plan_import", "resolve_values"]

_SPLIT = re.compile(r"[、，,;；/\s]+")


class ImportFailed(Exception):
    """Raised inside the import transaction when any row fails, so that nothing is written."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


@dataclass(frozen=True)
class YearValue:
    """A per-year figure of a row (2025年计划投资 = 1200): the year its header (or the title) names, and the value."""

    year: int
    value: object

    def __str__(self) -> str:
        return f"{self.value}（{self.year}年）"


@dataclass
class RowPlan:
    """What one row will do: ``create``, ``update`` (with the changes) or ``unchanged``."""

    row: int
    action: str
    instance: models.Model
    stored: models.Model | None = None
    changes: list[tuple[str, object, object]] = field(default_factory=list)
    extras: dict = field(default_factory=dict)
    before: dict | None = None

    def change(self, name: str, old: object, new: object) -> None:
        """Add a change found after the row was built (a kind's ``after_plan``): an unchanged row becomes an update
        of a copy of the stored record."""
        if self.action == "unchanged":
            self.action, self.instance = "update", _copy(self.stored)
        self.changes.append((name, old, new))


@dataclass
class Plan:
    """The plan of one sheet: row plans, errors, the header row and the ignored columns."""

    spec: ImportSpec
    sheet: str
    rows: list[RowPlan] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored: tuple[str, ...] = ()
    header_row: int | None = None
    present: frozenset[str] = frozenset()
    columns: dict[str, tuple[str | None, str]] = field(default_factory=dict)  # field → (column letter, header)
    layout: SheetLayout = field(default_factory=SheetLayout)  # section headings and total rows, not records
    # What the import recognised or decided without being told, for the preview: section headings, skipped
    # totals, the year of a per-year column, a unit taken from above the header, records it will create.
    notes: list[RowError] = field(default_factory=list)
    years: dict[str, int] = field(default_factory=dict)  # per-year field → its year
    context: dict = field(default_factory=dict)  # what a kind's hooks keep between planning and writing

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    def error(self, row: int | None, name: str, message: str, message_en: str | None = None,
              value: str = "") -> RowError:
        """An error of ``row`` on field ``name``, placed in that field's column when the sheet has it."""
        letter, header = self.columns.get(name, (None, ""))
        return RowError(self.sheet, row, letter, header, message, message if message_en is None else message_en,
                        name, value)

    def note(self, row: int | None, name: str, message: str, message_en: str) -> None:
        """Tell the user what the import read or decided (a section's stage, a skipped total row)."""
        self.notes.append(self.error(row, name, message, message_en))


# ---------------------------------------------------------------------------------------------------- references


def _ref_queryset(ref: Ref, actor):
    from django.apps import apps

    model = apps.get_model(ref.model)
    qs = model.objects.all() if not ref.scoped else model.objects.restrict(actor, "view")
    if ref.model == "accounts.User":
        qs = model.objects.filter(is_active=True)
    return qs.select_related(*ref.select_related)


def resolve_values(ref: Ref, values: set[str], actor) -> dict[str, list]:
    """Map each cell text to the records it names (by the first lookup field that finds any)."""
    found: dict[str, list] = {}
    remaining = set(values)
    qs = _ref_queryset(ref, actor)
    for lookup in ref.lookups:
        if not remaining:
            break
        hits: dict[str, list] = defaultdict(list)
        candidates = list(remaining) + [v.upper() for v in remaining if v != v.upper()]
        for start in range(0, len(candidates), CHUNK):
            for obj in qs.filter(**{f"{lookup}__in": candidates[start:start + CHUNK]}):
                hits[str(getattr(obj, lookup))].append(obj)
        for value in list(remaining):
            objs = hits.get(value) or hits.get(value.upper())
            if objs:
                found[value] = objs
                remaining.discard(value)
    return found


def _split(text: str) -> list[str]:
    return [part for part in _SPLIT.split(text) if part]


def _resolve_refs(spec: ImportSpec, parsed: list[ParsedRow], plan: Plan, header, actor) -> None:
    """Replace each reference cell by its record (or a list for ``many``), recording an error where none fits."""
    columns = {s.field: i for i, s in header.columns.items()}
    bad_rows: set[int] = set()
    for name, ref in spec.refs.items():
        if name not in columns or name in spec.resolves:
            continue
        texts = {t for row in parsed if (v := row.values.get(name)) for t in (_split(v) if ref.many else [v])}
        found = resolve_values(ref, texts, actor)
        model_name = _model_label(ref)
        for row in parsed:
            value = row.values.get(name)
            if not value:
                if name in row.values:
                    row.values[name] = [] if ref.many else None
                continue
            resolved = []
            for text in _split(value) if ref.many else [value]:
                objs = found.get(text)
                message = None
                if not objs:
                    message = (f"找不到{model_name}“{text}”（或不在您的权限范围内）",
                               f"no {ref.model.split('.')[1].lower()} “{text}” found (or it is outside your scope)")
                elif len({o.pk for o in objs}) > 1:
                    message = (f"“{text}”对应多个{model_name}，请改用代码",
                               f"“{text}” names several records; use the code instead")
                if message:
                    plan.errors.append(RowError(plan.sheet, row.row, column_letter(columns[name]),
                                                header.headers[columns[name]], *message, name, text))
                    bad_rows.add(row.row)
                else:
                    resolved.append(objs[0])
            row.values[name] = resolved if ref.many else (resolved[0] if resolved else None)
    parsed[:] = [row for row in parsed if row.row not in bad_rows]


def _model_label(ref: Ref) -> str:
    from django.apps import apps
    from django.utils import translation

    with translation.override("zh-hans"):
        return str(apps.get_model(ref.model)._meta.verbose_name)


# ------------------------------------------------------------------------------------------------- existing rows


def _key_of(values: dict, key: tuple[str, ...]) -> tuple:
    return tuple(v.pk if isinstance(v, models.Model) else v for v in (values.get(k) for k in key))


def _stored_key(obj: models.Model, key: tuple[str, ...]) -> tuple:
    return tuple(getattr(obj, obj._meta.get_field(k).attname) for k in key)


def _existing(spec: ImportSpec, keys: list[tuple]) -> dict[tuple, models.Model]:
    model = spec.model_class
    first = spec.key[0]
    firsts = sorted({k[0] for k in keys}, key=str)
    found: dict[tuple, models.Model] = {}
    for start in range(0, len(firsts), CHUNK):
        qs = model._base_manager.filter(**{f"{model._meta.get_field(first).attname}__in": firsts[start:start + CHUNK]})
        for obj in qs:
            found[_stored_key(obj, spec.key)] = obj
    return found


def _is_fk(model, name: str) -> bool:
    try:
        return model._meta.get_field(name).many_to_one
    except Exception:
        return False


# ----------------------------------------------------------------------------------------------------- diffing


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) < 1e-9
    if isinstance(a, Decimal) and isinstance(b, (Decimal, int)) or isinstance(b, Decimal) and isinstance(a, int):
        return Decimal(a) == Decimal(b)
    return a == b


@dataclass(frozen=True)
class _Field:
    """What `_build` needs to know of one model field, worked out once per import rather than once per cell."""

    name: str
    attname: str
    field: models.Field
    fk: bool
    keep_default: bool  # an empty cell takes the default (create) or keeps the stored value (update)
    blank_text: bool
    places: Decimal | None
    max_abs: Decimal | None
    floating: bool


def _fields(spec: ImportSpec, present: frozenset[str]) -> list[_Field]:
    meta = spec.model_class._meta
    result = []
    import_only = {c.field for c in spec.import_only}
    for name in sorted(present):
        if name in spec.extras or name in import_only:
            continue
        f = meta.get_field(name)
        decimal = isinstance(f, models.DecimalField)
        result.append(_Field(
            # A field with a default (所属领域 → 工业) takes it for an empty cell; a text field whose default is
            # empty is cleared by one.
            name, f.attname, f, f.many_to_one, not f.null and f.has_default() and f.get_default() != "",
            isinstance(f, (models.CharField, models.TextField)) and not f.null,
            Decimal(1).scaleb(-f.decimal_places) if decimal else None,
            Decimal(10) ** (f.max_digits - f.decimal_places) if decimal else None,
            isinstance(f, models.FloatField)))
    return result


def _value(f: _Field, value):
    if value is None:
        return "" if f.blank_text else None
    if f.places is not None:
        return Decimal(value).quantize(f.places, rounding=ROUND_HALF_UP)
    if f.floating:
        return float(value)
    if isinstance(value, datetime.datetime) and isinstance(f.field, models.DateField):
        return value.date()
    if isinstance(value, str) and isinstance(f.field, models.IntegerField) and not f.fk:
        return int(value)  # an integer choice, read as its text
    return value


def _maker(model: type[models.Model]) -> Callable[[], models.Model]:
    """What ``model()`` gives (every field at its default), made by copying one such instance: ``Model.__init__``
    over every field was a tenth of a 100,000-row import. Callable defaults (a new dict or list) are called for
    each instance, as ``__init__`` would; with ``pre_init``/``post_init`` receivers it is ``model`` itself."""
    if signals.pre_init.has_listeners(model) or signals.post_init.has_listeners(model):
        return model
    values = {k: v for k, v in model().__dict__.items() if k != "_state"}
    fresh = [(f.attname, f.get_default) for f in model._meta.concrete_fields if f.has_default() and callable(f.default)]

    def make() -> models.Model:
        instance = _bare(model, values)
        for attname, default in fresh:
            instance.__dict__[attname] = default()
        return instance

    return make


def _build(spec: ImportSpec, row: ParsedRow, stored: models.Model | None, fields: list[_Field], plan: Plan,
           header_cols: dict[str, int], headers: dict[int, str],
           make: Callable[[], models.Model]) -> RowPlan | None:
    changes = []
    extras = {name: row.values.get(name) for name in spec.extras if name in plan.present}
    for column in spec.import_only:
        if column.field in plan.present:
            extras[column.field] = row.values.get(column.field)
    assign: list[tuple[str, object]] = []
    values = row.values
    for f in fields:
        raw = values.get(f.name)
        if f.keep_default and (raw is None or raw == ""):
            if stored is None:
                continue  # an empty cell takes the field's default on create ...
            new = getattr(stored, f.attname)  # ... and keeps the stored value on update
        else:
            new = _value(f, raw)
        if f.max_abs is not None and new is not None and abs(new) >= f.max_abs:
            plan.errors.append(RowError(plan.sheet, row.row, column_letter(header_cols[f.name]),
                                        headers[header_cols[f.name]], f"数值过大：{new}", f"value too large: {new}",
                                        f.name, str(values.get(f.name))))
            return None
        if f.fk:
            if stored is None:
                changes.append((f.name, None, new))
            elif getattr(stored, f.attname) != (new.pk if new is not None else None):
                changes.append((f.name, getattr(stored, f.name), new))
            assign.append((f.name, new))
            continue
        if stored is None:
            changes.append((f.name, None, new))
        else:
            old = getattr(stored, f.attname)
            if not _same(old, new):
                changes.append((f.name, old, new))
        assign.append((f.attname, new))
    if stored is not None and spec.read_extras is not None and extras:
        current = spec.read_extras(stored)
        for name, value in extras.items():
            old = current.get(name)
            if value is None:
                continue
            if isinstance(value, list):
                same = {o.pk for o in old or []} == {o.pk for o in value}
            else:
                same = _same(old, value)
            if not same:
                changes.append((name, old, value))
    if stored is not None and not changes:
        return RowPlan(row.row, "unchanged", stored, stored, [], extras)
    instance = make() if stored is None else _copy(stored)
    for name, value in assign:
        setattr(instance, name, value)
    return RowPlan(row.row, "create" if stored is None else "update", instance, stored, changes, extras)


def _bare(model: type[models.Model], values: dict) -> models.Model:
    """An instance of ``model`` holding ``values`` (attname → value), made without ``Model.__init__``."""
    instance = model.__new__(model)
    instance.__dict__.update(values)
    instance._state = ModelState()
    return instance


def _copy(obj: models.Model) -> models.Model:
    clone = _bare(type(obj), {k: v for k, v in obj.__dict__.items() if k != "_state"})
    clone._state.adding = False
    clone._state.db = obj._state.db
    clone._state.fields_cache = dict(obj._state.fields_cache)
    return clone


# ------------------------------------------------------------------------------------------------- the plan


def _permission_errors(spec: ImportSpec, actor, plan: Plan) -> list[RowError]:
    model = spec.model_class
    errors = []
    for action, zh, en in (("create", "新增", "add"), ("update", "修改", "change")):
        perm = "add" if action == "create" else "change"
        if plan.count(action) and not role_permits(actor, model, perm):
            errors.append(RowError(plan.sheet, None, None, "", f"您的角色不能{zh}{spec.title}",
                                   f"your role may not {en} {spec.title_en}"))
    return errors


def _scope_errors_existing(spec: ImportSpec, actor, plan: Plan) -> None:
    stored = [r for r in plan.rows if r.action == "update"]
    if not stored or spec.admin_only:
        return
    model = spec.model_class
    allowed: set = set()
    pks = [r.stored.pk for r in stored]
    for start in range(0, len(pks), CHUNK):
        allowed |= set(model.objects.restrict(actor, "change").filter(pk__in=pks[start:start + CHUNK])
                       .values_list("pk", flat=True))
    for r in stored:
        if r.stored.pk not in allowed:
            plan.errors.append(RowError(plan.sheet, r.row, None, "", f"已有记录“{r.stored}”不在您的修改权限范围内",
                                        f"the existing record “{r.stored}” is outside the scope you may change"))


def _db_duplicates(spec: ImportSpec, plan: Plan, header_cols: dict[str, int], headers: dict[int, str]) -> None:
    model = spec.model_class
    for fields in getattr(model, "natural_duplicates", ()):
        if not all(f in plan.present for f in fields):
            continue
        rows = [r for r in plan.rows if r.action != "unchanged"]
        firsts = sorted({_stored_key(r.instance, fields)[0] for r in rows} - {None, ""}, key=str)
        owners: dict[tuple, object] = {}
        attname = model._meta.get_field(fields[0]).attname
        for start in range(0, len(firsts), CHUNK):
            for obj in model._base_manager.filter(**{f"{attname}__in": firsts[start:start + CHUNK]}):
                owners.setdefault(_stored_key(obj, fields), obj)
        for r in rows:
            other = owners.get(_stored_key(r.instance, fields))
            if other is not None and other.pk != r.instance.pk:
                index = header_cols[fields[0]]
                same = "、".join(headers[header_cols[f]] for f in fields)
                plan.errors.append(RowError(plan.sheet, r.row, column_letter(index), headers[index],
                                            f"与系统中已有记录“{other}”重复（{same}相同）",
                                            f"duplicates the existing record “{other}”", fields[0],
                                            str(getattr(r.instance, fields[0]))))


def _file_duplicates(spec: ImportSpec, parsed: list[ParsedRow], plan: Plan, header_cols, headers) -> None:
    """Duplicates of keys that name other records, compared after resolution (by code in one row, name in another)."""
    for fields in (spec.key, *spec.unique_in_file):
        if not fields or not any(f in spec.refs for f in fields) or not all(f in header_cols for f in fields):
            continue
        seen: dict[tuple, int] = {}
        for row in parsed:
            key = _key_of(row.values, fields)
            if None in key:
                continue
            if key in seen:
                index = header_cols[fields[0]]
                same = "、".join(headers[header_cols[f]] for f in fields)
                plan.errors.append(RowError(plan.sheet, row.row, column_letter(index), headers[index],
                                            f"与第 {seen[key]} 行重复（{same}相同）",
                                            f"duplicates row {seen[key]} (same {same})", fields[0],
                                            str(row.cells.get(fields[0], ""))))
            else:
                seen[key] = row.row


def plan_import(spec: ImportSpec, rows: list[list[object]], *, actor, sheet: str = "", wrap=None) -> Plan:
    """Validate and resolve every row of a sheet; nothing is written. ``wrap(rows, total)`` may show progress."""
    plan = Plan(spec, sheet)
    if spec.admin_only and not actor.is_administrator:
        plan.errors.append(RowError(sheet, None, None, "", f"只有管理员可以导入{spec.title}",
                                    f"only administrators may import {spec.title_en}"))
        return plan
    header = locate_header(rows, spec.read_columns, sheet=sheet, convert=t2s)
    plan.errors += header.errors
    if header.row_index < 0:
        return plan
    plan.header_row, plan.ignored = header.row_index + 1, header.ignored
    core_keys = [k for k in (spec.key, *spec.unique_in_file) if k and not any(f in spec.refs for f in k)]
    data_rows = rows[header.row_index + 1:]
    parsed, errors = validate_rows(wrap(data_rows, len(data_rows)) if wrap else data_rows, header, sheet=sheet,
                                   keys=core_keys, rules=spec.rules, convert=t2s, keep_invalid=True,
                                   layout=plan.layout)
    plan.errors += [e for e in errors if e not in header.errors]
    header_cols = {s.field: i for i, s in header.columns.items()}
    plan.present = frozenset(header_cols)
    plan.columns = {name: (column_letter(i), header.headers[i]) for name, i in header_cols.items()}
    plan.ignored += _unnamed_columns(rows[header.row_index], data_rows, header)
    _layout_notes(spec, plan, header, parsed)
    missing_keys = [k for k in spec.key if k not in header_cols]
    if any(spec.column(k).required for k in missing_keys):
        return plan  # the header errors name the missing required columns
    _resolve_refs(spec, parsed, plan, header, actor)  # also for rows with bad cells: every error is listed
    if spec.resolve is not None:
        spec.resolve(plan, parsed, actor)
    parsed = [row for row in parsed if row.valid]
    _file_duplicates(spec, parsed, plan, header_cols, header.headers)
    if spec.plan_rows is not None:
        spec.plan_rows(plan, parsed, actor)
        return plan
    existing = _existing(spec, [_key_of(r.values, spec.key) for r in parsed])
    fields, make = _fields(spec, plan.present), _maker(spec.model_class)
    for row in parsed:
        stored = existing.get(_key_of(row.values, spec.key))
        row_plan = _build(spec, row, stored, fields, plan, header_cols, header.headers, make)
        if row_plan is not None:
            plan.rows.append(row_plan)
    _keep_stored_section_values(spec, plan)
    if spec.after_plan is not None:
        spec.after_plan(plan, actor)
    plan.notes.sort(key=lambda n: n.row or 0)
    plan.errors += _permission_errors(spec, actor, plan)
    _scope_errors_existing(spec, actor, plan)
    _db_duplicates(spec, plan, header_cols, header.headers)
    return plan


# ----------------------------------------------------------------------------------------------- the sheet's layout


def _unnamed_columns(header_cells, data_rows, header) -> tuple[str, ...]:
    """Columns that hold data under no header: not read, so listed with the ignored ones (by letter)."""
    width = max((len(r) for r in data_rows), default=0)
    unnamed = [i for i in range(width) if i not in header.columns
               and (i >= len(header_cells) or header_cells[i] is None or not str(header_cells[i]).strip())]
    if not unnamed:
        return ()
    found = [i for i in unnamed if any(i < len(r) and r[i] is not None and str(r[i]).strip() for r in data_rows)]
    return tuple(f"{column_letter(i)} 列（无表头）" for i in found)


def _layout_notes(spec: ImportSpec, plan: Plan, header, parsed: list[ParsedRow]) -> None:
    """Section headings, total rows, per-year columns and units taken from above the header: apply them to the
    rows and say so in the plan's notes, so that nothing in the sheet is read or dropped unannounced."""
    for index, unit in sorted(header.inherited_units.items()):
        plan.note(header.row_index + 1, header.columns[index].field,
                  f"表头未写单位，按表头上方的“{unit}”读", f"no unit in the header: read in {unit}, as stated above it")
    for index, year in sorted(header.years.items()):
        name = header.columns[index].field
        plan.years[name] = year
        plan.note(header.row_index + 1, name, f"按 {year} 年的数据导入", f"imported as the figures of {year}")
        for row in parsed:
            if row.values.get(name) is not None:
                row.values[name] = YearValue(year, row.values[name])
    for index in header.undated:
        name = header.columns[index].field
        if any(row.values.get(name) is not None for row in parsed):
            plan.errors.append(plan.error(
                header.row_index + 1, name, "表头和标题都没有写年份，无法确定是哪一年的数据："
                "请把表头写成“2025年计划投资”这样",
                "neither the header nor the title names the year: write the header as e.g. “2025年计划投资”"))
        for row in parsed:
            row.values.pop(name, None)
    for row_number, label in plan.layout.totals:
        plan.note(row_number, "", f"“{label}”是合计/小计行，已跳过，不作为数据导入",
                  f"“{label}” is a total or subtotal row: skipped, not imported as a record")
    _apply_sections(spec, plan, parsed)


def _keep_stored_section_values(spec: ImportSpec, plan: Plan) -> None:
    """A heading gives its value to new records only: an existing project keeps its stage (moving it is a stage
    change, with its gate and, backwards, a reason), and the preview says so where the two differ."""
    rows = plan.context.get("section_rows")
    if not rows or spec.section_field is None:
        return
    name = spec.section_field
    attname = spec.model_class._meta.get_field(name).attname
    column = spec.column(name)
    labels = {v: zh for v, zh, _ in column.choices}
    for r in plan.rows:
        change = next((c for c in r.changes if c[0] == name), None) if r.row in rows and r.stored else None
        if change is None:
            continue
        r.changes.remove(change)
        setattr(r.instance, attname, change[1])
        plan.note(r.row, name, f"已有记录保持{column.label}“{labels.get(change[1], change[1])}”，不按分组标题改为"
                  f"“{labels.get(change[2], change[2])}”", f"the existing record keeps its {column.label_en or name} "
                  f"“{change[1]}” rather than the heading's “{change[2]}”")
        if not r.changes:
            r.action, r.instance = "unchanged", r.stored


def _apply_sections(spec: ImportSpec, plan: Plan, parsed: list[ParsedRow]) -> None:
    name, value_of = spec.section_field, spec.section_value
    if not plan.layout.sections:
        return
    if name is None or value_of is None:
        for row_number, _level, title in plan.layout.sections:
            plan.note(row_number, "", f"分组标题“{title}”，不作为数据", f"section heading “{title}”: not a record")
        return
    column = spec.column(name)
    labels = {v: zh for v, zh, _ in column.choices}
    has_column = name in plan.present
    counts: dict[str, int] = defaultdict(int)
    for row in parsed:
        value = next((v for t in reversed(row.sections) if (v := value_of(t)) is not None), None)
        if value is not None and row.values.get(name) in (None, ""):
            row.values[name] = value
            counts[row.sections[-1]] += 1
            plan.context.setdefault("section_rows", set()).add(row.row)
    for row_number, _level, title in plan.layout.sections:
        value = value_of(title)
        if value is None:
            plan.note(row_number, "", f"分组标题“{title}”，不作为数据", f"section heading “{title}”: not a record")
            continue
        which = "其下各行" if not has_column else f"其下{column.label}未填的行"
        shown = labels.get(value, value)
        plan.note(row_number, "", f"分组标题“{title}”，不作为数据；{which}的{column.label}按“{shown}”读",
                  f"section heading “{title}”: not a record; its rows{'' if not has_column else ' that leave it empty'}"
                  f" take {column.label_en or name} “{value}”")
    if counts and not has_column:
        plan.present = plan.present | {name}
        plan.columns.setdefault(name, (None, column.label))  # no column: its messages name the field


# ----------------------------------------------------------------------------------------------------- writing


def _changes(plan: Plan, rows: list[RowPlan] | None = None) -> tuple[list[RowPlan], list[BulkChange]]:
    import_only = {c.field for c in plan.spec.import_only}
    # A stored record whose row changes only import-only figures (an annual plan) is not rewritten itself.
    written = [r for r in (plan.rows if rows is None else rows) if r.action == "create" or r.action == "update" and
               (not import_only or any(name not in import_only for name, _, _ in r.changes))]
    extras = {*plan.spec.extras, *import_only}  # not fields of the model
    return written, [BulkChange(r.instance) if r.stored is None else
                     BulkChange(r.instance, r.stored, tuple(name for name, _, _ in r.changes if name not in extras))
                     for r in written]


def _bulk_errors(plan: Plan, written: list[RowPlan], errors: dict[int, dict[str, list]]) -> None:
    for index, by_field in sorted(errors.items()):
        for name, messages in by_field.items():
            for message in messages:
                plan.errors.append(plan.error(written[index].row, name, *(message if isinstance(message, tuple)
                                                                         else (message,))))


def _apply_bulk(plan: Plan, actor, rows: list[RowPlan] | None = None, first: bool = True,
                last: bool = True) -> None:
    if first and plan.spec.before_write is not None:
        plan.spec.before_write(plan, actor)
        if plan.errors:
            raise ImportFailed(plan.errors)
    written, changes = _changes(plan, rows)
    try:
        plan.spec.bulk_write(changes, actor=actor)
    except BulkValidationError as exc:
        _bulk_errors(plan, written, exc.errors)
    except PermissionDenied:
        plan.errors.append(RowError(plan.sheet, None, None, "", f"您的角色不能导入{plan.spec.title}",
                                    f"your role may not import {plan.spec.title_en}"))
    if last and not plan.errors and plan.spec.after_write is not None:
        try:
            plan.spec.after_write(plan, actor)
        except BulkValidationError as exc:
            for by_field in exc.errors.values():
                for messages in by_field.values():
                    for message in messages:
                        zh, en = message if isinstance(message, tuple) else (str(message), str(message))
                        plan.errors.append(RowError(plan.sheet, None, None, "", zh, en))
        except PermissionDenied:
            plan.errors.append(RowError(plan.sheet, None, None, "", f"您的角色不能写入{plan.spec.title}的附带数据",
                                        f"your role may not write what goes with the {plan.spec.title_en}"))
    if plan.errors:
        raise ImportFailed(plan.errors)


def _apply_service(plan: Plan, actor, rows: list[RowPlan] | None = None) -> None:
    for r in plan.rows if rows is None else rows:
        if r.action == "unchanged":
            continue
        try:
            r.instance = plan.spec.save(r.instance, actor=actor, extras=r.extras, created=r.action == "create")
        except ValidationError as exc:
            for name, messages in getattr(exc, "message_dict", {"": exc.messages}).items():
                for message in messages:
                    plan.errors.append(plan.error(r.row, "" if name == "__all__" else name, str(message)))
        except PermissionDenied:
            plan.errors.append(RowError(plan.sheet, r.row, None, "", "该记录不在您的权限范围内",
                                        "this record is outside your scope"))
    if plan.errors:
        raise ImportFailed(plan.errors)


def apply_plan(plan: Plan, *, actor, rows: list[RowPlan] | None = None, first: bool = True,
               last: bool = True) -> None:
    """Write a plan without errors; call inside a transaction, which `ImportFailed` must roll back.

    A plan that already has errors is not written; for a bulk kind, the app's bulk service still checks the
    planned rows, so that the errors of its rules are listed with the others. ``rows`` (a part of ``plan.rows``)
    writes that part only: an import written in chunks (SQLite) calls it once per chunk, each in its own
    transaction, the spec's ``before_write`` with the ``first`` and its ``after_write`` with the ``last``; a kind
    with its own ``apply`` is always written whole.
    """
    if plan.errors:
        if plan.spec.writer == "bulk":
            written, changes = _changes(plan, rows)
            _bulk_errors(plan, written, plan.spec.bulk_check(changes, actor=actor))
        raise ImportFailed(plan.errors)
    if plan.spec.writer == "bulk":
        _apply_bulk(plan, actor, rows, first, last)
    elif plan.spec.apply is not None:
        plan.spec.apply(plan, actor)
    else:
        _apply_service(plan, actor, rows)
