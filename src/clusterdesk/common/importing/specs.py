"""How each kind of record is imported and exported: a short declarative `ImportSpec` per kind.

A spec names the model, its columns (core `ColumnSpec`: header, synonyms, kind, unit, bounds), the natural key
that finds an existing record, the columns that refer to other records (`Ref`: which model, matched by which
fields, in the user's scope), row rules, and how rows are written: in bulk (large lists: enterprises,
projects, monthly reports) or through the app's services (parks with positioning, users).
Register a spec with `register`; `spec_for(kind)` and `spec_for_model(model)` find it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.utils import translation

from clusterdesk.core.importing import ColumnSpec, RowRule

__all__ = ["ImportSpec", "Ref", "choices_of", "kind_names", "register", "spec_for", "spec_for_model", "specs"]


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
    unique_in_db: tuple[tuple[str, ...], ...] = ()
    writer: str = "bulk"  # bulk | service
    save: Callable | None = None  # service writer: save(instance, *, actor, extras, created) -> instance
    check: Callable | None = None  # extra checks: check(instance, stored, values) -> list[(field, zh, en)]
    extras: tuple[str, ...] = ()  # columns that are not model fields (written by `save`)
    after_write: Callable | None = None  # bulk writer: after_write(creates, updates, actor, insert) in the transaction
    read_extras: Callable | None = None  # read_extras(instance) -> {field: value} for diffs and exports
    export_queryset: Callable | None = None  # (queryset) -> queryset with what the export reads
    admin_only: bool = False
    sheet_name: str = ""
    parent_field: str | None = None

    @property
    def model_class(self):
        return apps.get_model(self.model)

    def column(self, name: str) -> ColumnSpec:
        return next(c for c in self.columns if c.field == name)


_REGISTRY: dict[str, Callable[[], ImportSpec]] = {}
_BUILT: dict[str, ImportSpec] = {}


def register(kind: str) -> Callable[[Callable[[], ImportSpec]], Callable[[], ImportSpec]]:
    """Register a function that builds the spec of ``kind`` (built on first use, once translations are ready)."""

    def decorator(factory: Callable[[], ImportSpec]) -> Callable[[], ImportSpec]:
        _REGISTRY[kind] = factory
        return factory

    return decorator


def _load() -> None:
    from clusterdesk.common.importing import kinds  # noqa: F401  (registers the specs)


def kind_names() -> list[str]:
    _load()
    return list(_REGISTRY)


def spec_for(kind: str) -> ImportSpec:
    """The spec of a kind; raises KeyError with the list of kinds when unknown."""
    _load()
    if kind not in _REGISTRY:
        raise KeyError(f"未知的数据类型“{kind}”，可用：{'、'.join(_REGISTRY)} / unknown kind {kind!r}")
    if kind not in _BUILT:
        with translation.override("zh-hans"):
            _BUILT[kind] = _REGISTRY[kind]()
    return _BUILT[kind]


def specs() -> list[ImportSpec]:
    return [spec_for(kind) for kind in kind_names()]


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
