"""The one registry through which each domain app hands its parts to the foundations at start-up.

The foundations (`common`, `accounts`) import no domain app. Each app's `AppConfig.ready()` registers here what
the foundations need to know of it: the scope paths of its models and what each role may do with them (read by
`accounts.scoping`), its import kinds (read by `common.importing`), its search sources (the header search), its
exports and its demo phases. A foundation reads a section; it never names an app.

This module imports nothing from clusterdesk, so any module may import it without a cycle.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["DemoPhase", "JobSpec", "Registry", "RegistryError", "SearchSource", "TaskSource", "registry"]


class RegistryError(RuntimeError):
    """Something was registered twice under one name (two apps claiming one model or kind)."""


@dataclass(frozen=True)
class SearchSource:
    """A model the header search looks in: the fields matched (icontains) and the related rows loaded."""

    model: str  # "app_label.ModelName"
    fields: tuple[str, ...]
    select_related: tuple[str, ...] = ()
    order: int = 100


@dataclass(frozen=True)
class DemoPhase:
    """One phase of the demo build: ``build(context)`` runs in ``order``; its time is printed under ``name``.

    ``delete(ids)``, when given, removes what the phase built, from the ids a build recorded (``context.ids``);
    deletions run in the reverse order and return counts by table.
    """

    name: str
    build: Callable[..., Any]
    order: int
    delete: Callable[[Mapping[str, Any]], Mapping[str, int] | None] | None = None


@dataclass(frozen=True)
class TaskSource:
    """A model whose rows ask someone to act (a problem, a decision, an appeal …), as the inbox sees it.

    ``spec(row)`` returns the task's fields (a `clusterdesk.tasks.sources.TaskSpec`) or ``None`` when the row asks
    nothing of anyone now; ``open_rows()`` yields the rows that may ask something (for a full rebuild).
    ``parents`` names the records whose place or name the task copies, as (model, lookup from this model to the
    parent's id): when one of them moves, its dependants' tasks move with it.
    """

    model: str  # "app_label.modelname"
    kind: str
    spec: Callable[[Any], Any]
    open_rows: Callable[[], Any]
    parents: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class JobSpec:
    """A scheduled job (`clusterdesk.common.jobs`): ``func(context)`` runs it and returns a summary of what it did;
    ``schedule`` is a five-field cron expression (server time zone); a failed run is tried ``attempts`` times."""

    key: str
    func: Callable[..., Any]
    schedule: str
    title: Any  # a lazily translated string
    attempts: int = 3
    order: int = 100


class Registry:
    """What the domain apps registered, by section. Each ``register_*`` refuses a name registered before."""

    def __init__(self) -> None:
        self.scopes: dict[str, Any] = {}
        self.grants: dict[str, dict[str, frozenset[str]]] = {}
        self.import_kinds: dict[str, Callable[[], Any]] = {}
        self.search_sources: list[SearchSource] = []
        self.exports: dict[str, Callable[..., Any]] = {}
        self.demo_phases: list[DemoPhase] = []
        self.task_sources: dict[str, TaskSource] = {}
        self.change_listeners: list[Callable[[Any], None]] = []
        self.jobs: dict[str, JobSpec] = {}

    @staticmethod
    def _claim(section: Mapping[str, Any], name: str, what: str) -> None:
        if name in section:
            raise RegistryError(f"{what} {name!r} is registered twice")

    def register_scope(self, label: str, paths: Any) -> None:
        """The lookup paths (an `accounts.scoping.ScopePaths`) from model ``label`` to its region, park, enterprise."""
        self._claim(self.scopes, label, "scope of")
        self.scopes[label] = paths

    def register_scopes(self, paths: Mapping[str, Any], grants: Mapping[str, Mapping[str, frozenset[str]]]) -> None:
        """An app's scope paths by model label, and by role the actions on its models, in one call."""
        for label, model_paths in paths.items():
            self.register_scope(label, model_paths)
        for role, role_grants in grants.items():
            self.register_grants(role, role_grants)

    def register_grants(self, role: str, grants: Mapping[str, frozenset[str]]) -> None:
        """The actions ``role`` may take on each of an app's models (merged with other apps' grants)."""
        mine = self.grants.setdefault(role, {})
        for label, actions in grants.items():
            self._claim(mine, label, f"grant of {role} on")
            mine[label] = frozenset(actions)

    def register_import_kind(self, kind: str, factory: Callable[[], Any]) -> None:
        """A function building the `common.importing.ImportSpec` of ``kind`` (built on first use)."""
        self._claim(self.import_kinds, kind, "import kind")
        self.import_kinds[kind] = factory

    def register_search(self, source: SearchSource) -> None:
        """A model the header search looks in."""
        self._claim({s.model: s for s in self.search_sources}, source.model, "search source")
        self.search_sources.append(source)
        self.search_sources.sort(key=lambda s: s.order)

    def register_export(self, name: str, factory: Callable[..., Any]) -> None:
        """A named export an app offers."""
        self._claim(self.exports, name, "export")
        self.exports[name] = factory

    def register_demo_phase(self, phase: DemoPhase) -> None:
        """A phase of the demo build."""
        self._claim({p.name: p for p in self.demo_phases}, phase.name, "demo phase")
        self.demo_phases.append(phase)
        self.demo_phases.sort(key=lambda p: p.order)

    def register_task_source(self, source: TaskSource) -> None:
        """A model whose rows become tasks in the inboxes (read by the tasks app)."""
        self._claim(self.task_sources, source.model, "task source")
        self.task_sources[source.model] = source

    def register_change_listener(self, listener: Callable[[Any], None]) -> None:
        """A function called with every batch of recorded changes, inside their transaction (the inbox's sync)."""
        if listener not in self.change_listeners:
            self.change_listeners.append(listener)

    def register_job(self, job: JobSpec) -> None:
        """A scheduled job (use `clusterdesk.common.jobs.register_job` in the app's ``jobs.py``)."""
        self._claim(self.jobs, job.key, "job")
        self.jobs[job.key] = job


#: The process-wide registry, filled by the apps' ``ready()``.
registry = Registry()
