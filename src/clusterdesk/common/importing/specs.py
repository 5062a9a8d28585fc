"""How each kind of record is imported and exported: a short declarative `ImportSpec` per kind.

A spec names the model, its columns (core `ColumnSpec`: header, synonyms, kind, unit, bounds; a column is
required where the model requires its field), the natural key
that finds an existing record, the columns that refer to other records (`Ref`: which model, matched by which
fields, in the user's scope), row rules (the owning app's core validators), and how rows are written: through
the app's bulk service (large lists: enterprises, projects) or its single-object services (parks with
positioning, monthly reports, users).

Each app declares its kinds in its own ``imports.py`` and registers them from its ``AppConfig.ready()`` with
``registry.register_import_kind`` (`clusterdesk.common.registry`); `spec_for(kind)` and
`spec_for_model(model)` read that registry, so this package names no app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation

from clusterdesk.common.registry import registry
from clusterdesk.core.importing import ColumnSpec, RowRule

__all__ = ["ImportSpec", "Ref", "choices_of", "kind_names", "spec_for", "spec_for_model", "specs"]


@dataclass(frozen=True)
class Ref:
    """A column naming another record: the model and the fields a cell may match, the first being the export form.

    ``many`` columns list several records separated by 、，,;； (a park's leading industries). References are
    looked up in the importing user's view scope unless ``scoped`` is False (public reference data).
    """

    model: str
    lookups: tuple[str, ...]
    select_related: tuple[str, ...] = ()
    many: bool = False
    scoped: bool = True
    export_path: str = ""


@dataclass
class ImportSpec:
    """One kind of record in Excel: see the module notes."""

    kind: str
    model: str
    title: str
    title_en: str
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...]
    refs: dict[str, Ref] = field(default_factory=dict)
    rules: tuple[RowRule, ...] = ()
    unique_in_file: tuple[tuple[str, ...], ...] = ()
    writer: str = "bulk"  # bulk | service | custom
    # bulk: the app's bulk service. bulk_check(changes) -> {index: {field: [messages]}} checks without writing;
    # bulk_write(changes, *, actor) checks the same, writes all or raises common.bulk.BulkValidationError.
    bulk_check: Callable | None = None
    bulk_write: Callable | None = None
    save: Callable | None = None  # service writer: save(instance, *, actor, extras, created) -> instance
    extras: tuple[str, ...] = ()  # columns that are not model fields (written by `save`)
    read_extras: Callable | None = None  # read_extras(instance) -> {field: value} for diffs and exports
    export_queryset: Callable | None = None  # (queryset) -> queryset with what the export reads
    # custom: plan_rows(plan, parsed_rows, actor) fills the plan; apply(plan, actor) writes it; export_rows(queryset)
    # yields the export's rows (a sheet that is not one row per record, such as users' scopes).
    plan_rows: Callable | None = None
    apply: Callable | None = None
    export_rows: Callable | None = None
    admin_only: bool = False
    sheet_name: str = ""
    parent_field: str | None = None
    order: int = 100  # where the kind is listed among the others
    # Columns read on import but never exported: the owner's credit code (the owner column exports it already),
    # a per-year figure (``extra={"per_year": True}``: 2025年计划投资), whose year an export header cannot name.
    # Their values reach the hooks below through each row plan's ``extras``.
    import_only: tuple[ColumnSpec, ...] = ()
    # A section heading (一、续建项目) gives ``section_field`` to the rows below it that leave it empty:
    # section_value(title) -> the field's value, or None when the heading names none.
    section_field: str | None = None
    section_value: Callable | None = None
    # Hooks of a bulk kind, each given (plan, actor): ``resolve`` resolves the references named in ``resolves``
    # itself (after the others, on the rows still valid: (plan, parsed_rows, actor)); ``after_plan`` adds what
    # the rows change beyond the model's fields; ``before_write`` and ``after_write`` write what goes with the
    # rows (records the rows refer to, yearly figures) in the same transaction, adding any error to the plan.
    resolves: tuple[str, ...] = ()
    resolve: Callable | None = None
    after_plan: Callable | None = None
    before_write: Callable | None = None
    after_write: Callable | None = None

    @property
    def model_class(self):
        return apps.get_model(self.model)

    def column(self, name: str) -> ColumnSpec:
        return next(c for c in (*self.columns, *self.import_only) if c.field == name)

    @property
    def read_columns(self) -> tuple[ColumnSpec, ...]:
        """The columns an import reads: every column but the export-only ones, and the import-only ones."""
        return tuple(c for c in (*self.columns, *self.import_only) if not c.export_only)


_BUILT: dict[str, ImportSpec] = {}


def _model_requires(model, name: str) -> bool:
    """Whether the model refuses a record without this field (not blank, no default): then so does the sheet."""
    try:
        f = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return f.concrete and not f.many_to_many and not f.blank and not f.has_default()


def _build(kind: str) -> ImportSpec:
    if kind not in _BUILT:
        with translation.override("zh-hans"):
            spec = registry.import_kinds[kind]()
        # Which columns are required is the model's rule, not restated per sheet.
        model = spec.model_class
        spec.columns = tuple(
            replace(c, required=True) if not c.required and not c.export_only and c.field not in spec.extras
            and _model_requires(model, c.field) else c
            for c in spec.columns)
        _BUILT[kind] = spec
    return _BUILT[kind]


def specs() -> list[ImportSpec]:
    """Every registered kind's spec, in their listing order."""
    return sorted((_build(kind) for kind in registry.import_kinds), key=lambda s: s.order)


def kind_names() -> list[str]:
    return [spec.kind for spec in specs()]


def spec_for(kind: str) -> ImportSpec:
    """The spec of a kind; raises KeyError with the list of kinds when unknown."""
    if kind not in registry.import_kinds:
        raise KeyError(f"未知的数据类型“{kind}”，可用：{'、'.join(kind_names())} / unknown kind {kind!r}")
    return _build(kind)


def spec_for_model(model) -> ImportSpec | None:
    """The spec that imports and exports ``model``, if there is one."""
    label = model._meta.label
    return next((s for s in specs() if s.model == label), None)


def choices_of(choices) -> tuple[tuple[str, str, str], ...]:
    """(value, Chinese label, English label) for each choice of a Django TextChoices class."""
    result = []
    for value, label in choices.choices:
        value = str(value)  # integer choices (协调层级 1–4) are read and compared as text
        with translation.override("zh-hans"):
            zh = str(label)
        with translation.override("en"):
            en = str(label)
        result.append((value, zh, en))
    return tuple(result)
