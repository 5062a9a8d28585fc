"""Layer rules, checked by reading the source: core is pure; views, API handlers and commands never write models."""

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "clusterdesk"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(*patterns: str) -> list[Path]:
    found = []
    for pattern in patterns:
        found += [p for p in PACKAGE.glob(pattern) if "tests" not in p.parts]
    return sorted(found)


def test_core_imports_nothing_but_stdlib_and_core():
    offenders = {}
    for path in _modules("core/**/*.py"):
        bad = {name for name in _imports(path)
               if name.split(".")[0] in {"django", "ninja", "psycopg", "duckdb"}
               or (name.startswith("clusterdesk.") and not name.startswith("clusterdesk.core"))}
        if bad:
            offenders[str(path.relative_to(PACKAGE))] = sorted(bad)
    assert offenders == {}


WRITE_CALLS = {"save", "delete", "create", "bulk_create", "update", "bulk_update", "get_or_create", "update_or_create"}


def _model_writes(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WRITE_CALLS:
            target = ast.unparse(node.func.value)
            if target.endswith("objects") or target in {"obj", "instance", "project", "park", "enterprise"}:
                found.append(f"{path.name}:{node.lineno} {ast.unparse(node.func)}")
    return found


@pytest.mark.parametrize("path", _modules("*/views.py", "*/api.py", "*/forms.py"),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_views_api_and_forms_write_only_through_services(path):
    assert _model_writes(path) == []


def test_the_architecture_check_would_catch_a_write(tmp_path):
    bad = tmp_path / "views.py"
    bad.write_text("def v(request):\n    Project.objects.create(name='x')\n    obj.save()\n")
    assert len(_model_writes(bad)) == 2


# Foundations import no domain app; views, API, forms, commands and CLIs read other apps through selectors (issue 11).

FOUNDATIONS = ("common", "accounts", "changelog")
#: What a foundation may import of clusterdesk: the pure core and the other foundations.
FOUNDATION_IMPORTS = frozenset({"core", *FOUNDATIONS})
#: The modules of an app that read through other apps' selectors, never their models.
READER_MODULES = ("*/views.py", "*/pipeline_views.py", "*/api.py", "*/api/**/*.py", "*/forms.py", "*/forms/**/*.py",
                  "*/management/commands/*.py", "*/cli.py", "cli.py", "api/**/*.py")


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imported_modules(path: Path, root: Path, *, type_checking: bool = True) -> list[tuple[int, str]]:
    """Every module a file imports, at any depth (inside functions too), as absolute dotted names.

    ``from x import y`` yields ``x`` and ``x.y`` (``y`` may be a module); relative imports are resolved against
    the file's package. With ``type_checking=False``, imports under ``if TYPE_CHECKING:`` are left out: they
    name a type for the checker and read nothing at run time.
    """
    # The package a relative import starts from: the folder of the file (for an __init__.py, its own package).
    package = path.relative_to(root.parent).parts[:-1]
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and not type_checking and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package[: len(package) - node.level + 1]
                base = ".".join((*anchor, *([node.module] if node.module else [])))
            found.append((node.lineno, base))
            found.extend((node.lineno, f"{base}.{alias.name}") for alias in node.names if alias.name != "*")
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def _outside_tests(paths) -> list[Path]:
    return sorted(p for p in paths if "tests" not in p.parts and "migrations" not in p.parts)


def foundation_offenders(root: Path = PACKAGE) -> dict[str, list[str]]:
    """Modules of the foundations that import a clusterdesk package other than the core and the foundations."""
    offenders = {}
    for foundation in FOUNDATIONS:
        for path in _outside_tests((root / foundation).rglob("*.py")):
            bad = {(line, f"clusterdesk.{name.split('.')[1]}") for line, name in _imported_modules(path, root)
                   if name.startswith("clusterdesk.") and name.split(".")[1] not in FOUNDATION_IMPORTS}
            if bad:
                offenders[path.relative_to(root).as_posix()] = [f"{line}: {name}" for line, name in sorted(bad)]
    return offenders


def cross_app_model_readers(root: Path = PACKAGE) -> dict[str, list[str]]:
    """Views, pipeline views, API modules, forms, commands and CLIs that import another app's models."""
    offenders = {}
    paths = {p for pattern in READER_MODULES for p in root.glob(pattern)}
    for path in _outside_tests(paths):
        relative = path.relative_to(root)
        own = relative.parts[0] if len(relative.parts) > 1 else None
        bad = set()
        for line, name in _imported_modules(path, root, type_checking=False):
            parts = name.split(".")
            if parts[0] == "clusterdesk" and len(parts) > 2 and parts[2] == "models" and parts[1] != own:
                bad.add((line, ".".join(parts[:3])))
        if bad:
            offenders[relative.as_posix()] = [f"{line}: {name}" for line, name in sorted(bad)]
    return offenders


def test_foundations_import_no_domain_app():
    assert foundation_offenders() == {}


def test_views_api_forms_commands_and_cli_read_other_apps_through_selectors():
    assert cross_app_model_readers() == {}


def test_the_foundation_check_would_catch_a_domain_import(tmp_path):
    root = tmp_path / "clusterdesk"
    for folder in ("common/tests", "accounts", "changelog"):
        (root / folder).mkdir(parents=True)
    (root / "common" / "filtersets.py").write_text("from clusterdesk.core.codes import region\n"
                                                    "from clusterdesk.accounts.scoping import restrict\n")
    (root / "accounts" / "scoping.py").write_text(
        "def f():\n    if True:\n        from clusterdesk.regions.models import Region\n")
    (root / "changelog" / "recording.py").write_text("from ..projects import models\n")
    (root / "common" / "tests" / "test_x.py").write_text("from clusterdesk.projects.models import Project\n")
    assert foundation_offenders(root) == {
        "accounts/scoping.py": ["3: clusterdesk.regions"],
        "changelog/recording.py": ["1: clusterdesk.projects"],
    }


def test_the_selector_check_would_catch_a_model_read(tmp_path):
    root = tmp_path / "clusterdesk"
    for folder in ("parks/api", "parks/management/commands", "projects", "api"):
        (root / folder).mkdir(parents=True)
    (root / "parks" / "views.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "from clusterdesk.projects.selectors import project_list\n"
        "from .models import Park\n"
        "if TYPE_CHECKING:\n    from clusterdesk.regions.models import Region\n"
        "def v(request):\n    from clusterdesk.enterprises.models import Enterprise\n")
    (root / "parks" / "api" / "parks.py").write_text("from clusterdesk.projects import models\n")
    (root / "parks" / "management" / "commands" / "load.py").write_text("import clusterdesk.regions.models.codes\n")
    (root / "projects" / "forms.py").write_text("from ..industry.models import IndustryCode\n")
    (root / "projects" / "services.py").write_text("from clusterdesk.parks.models import Park\n")
    (root / "api" / "auth.py").write_text("from clusterdesk.accounts.models import ApiToken\n")
    assert cross_app_model_readers(root) == {
        "api/auth.py": ["1: clusterdesk.accounts.models"],
        "parks/api/parks.py": ["1: clusterdesk.projects.models"],
        "parks/management/commands/load.py": ["1: clusterdesk.regions.models"],
        "parks/views.py": ["7: clusterdesk.enterprises.models"],
        "projects/forms.py": ["1: clusterdesk.industry.models"],
    }


REGISTRY_CALLS = {"register_scope", "register_scopes", "register_grants"}


def test_scope_rules_are_registered_one_way_each_app_its_own_models():
    """Scope paths and grants are registered only through the registry, by each app for its own models."""
    import importlib

    from clusterdesk.accounts.scoping import SCOPE_PATHS
    from clusterdesk.common.registry import registry

    callers = set()
    for path in _outside_tests(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            called = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr
            if called in REGISTRY_CALLS:
                callers.add(path.relative_to(PACKAGE).as_posix())
            # The old ways: writing into the scoping table or a grants table by hand.
            if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store):
                assert ast.unparse(node.value) not in {"SCOPE_PATHS", "ROLE_GRANTS", "registry.scopes"}, path
    assert {c for c in callers if not c.endswith("/scopes.py")} == {
        "accounts/apps.py", "changelog/apps.py", "common/registry.py"}
    for caller in sorted(callers):
        if caller.endswith("/scopes.py"):
            app = caller.split("/")[0]
            module = importlib.import_module(f"clusterdesk.{app}.scopes")
            labels = set(module.PATHS) | {label for grants in module.GRANTS.values() for label in grants}
            assert {label.split(".")[0] for label in labels} <= {app}, caller
    assert SCOPE_PATHS is registry.scopes

# One write path (issue 11): the import pipeline is a foundation, and bulk writes stay in the owning app --------

FOUNDATIONS = {"core", "common", "accounts", "changelog"}


def _clusterdesk_imports(path: Path) -> set[str]:
    """Every clusterdesk module a file imports, relative imports resolved, including imports inside functions."""
    package = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                names.add(".".join([*base, *([node.module] if node.module else [])]))
            elif node.module:
                names.add(node.module)
    return {name for name in names if name.startswith("clusterdesk.")}


def test_the_import_pipeline_imports_no_domain_app():
    offenders = {}
    for path in _modules("common/importing/**/*.py"):
        bad = sorted(name for name in _clusterdesk_imports(path) if name.split(".")[1] not in FOUNDATIONS)
        if bad:
            offenders[str(path.relative_to(PACKAGE))] = bad
    assert offenders == {}


BULK_CALLS = {"bulk_create", "bulk_update"}
BULK_HELPERS = {"insert_rows", "insert_instances", "bulk_save"}  # common.bulk: the first argument is the model
_INSERT = re.compile(r"INSERT\s+INTO\s+[\"'`]?(\w+)", re.IGNORECASE)


def _app_of(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0]


def _model_apps(tree: ast.AST, own: str) -> dict[str, str]:
    """Names bound to models by ``from <app>.models import X`` (absolute or relative), mapped to their app."""
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                app = own
            elif module.startswith("clusterdesk."):
                app = module.split(".")[1]
            else:
                continue
            if module.split(".")[-1] == "models" or ".models." in f".{module}.":
                for alias in node.names:
                    found[alias.asname or alias.name] = app
    return found


def _root(node: ast.AST) -> str | None:
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _cross_app_bulk_writes(path: Path, labels: set[str], own: str | None = None) -> list[str]:
    """Bulk writes (bulk_create/bulk_update, the common.bulk helpers, raw INSERT SQL) on another app's models."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = own or _app_of(path)
    models = _model_apps(tree, own)
    found = []

    def other(name: str | None) -> bool:
        return name is not None and name in models and models[name] != own

    for node in ast.walk(tree):
        where = f"{path.name}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in BULK_CALLS:
            if other(_root(node.func.value)):
                found.append(f"{where} {ast.unparse(node.func)}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute) and node.args:
            name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
            if name in BULK_HELPERS and other(_root(node.args[0])):
                found.append(f"{where} {name}({ast.unparse(node.args[0])}, …)")
        elif isinstance(node, ast.JoinedStr) and re.search(r"INSERT\s+INTO", ast.unparse(node), re.IGNORECASE):
            if any(other(_root(v.value)) for v in node.values if isinstance(v, ast.FormattedValue)):
                found.append(f"{where} INSERT into another app's table")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            for table in _INSERT.findall(node.value):
                label = max((label for label in labels if table.startswith(f"{label}_")), key=len, default=None)
                if label is not None and label != own:
                    found.append(f"{where} INSERT INTO {table}")
    return found


def _app_labels() -> set[str]:
    return {p.parent.name for p in PACKAGE.glob("*/apps.py")}


@pytest.mark.parametrize("path", [p for p in _modules("*/**/*.py") if "migrations" not in p.parts
                                  and _app_of(p) not in {"demo", "core"}],
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_bulk_writes_stay_in_the_owning_app(path):
    """Only an app's own modules (its services) write its models in bulk; migrations, tests and the demo build
    are the exceptions. The import pipeline calls the owning app's bulk service instead."""
    assert _cross_app_bulk_writes(path, _app_labels()) == []


def test_the_bulk_write_check_would_catch_a_cross_app_write(tmp_path):
    module = tmp_path / "pipeline.py"
    source = ("from clusterdesk.projects.models import Project, StageTransition\n"
              "from clusterdesk.common.bulk import insert_rows\n"
              "Project.objects.bulk_create([])\nStageTransition.objects.all().bulk_update([], ['x'])\n"
              "insert_rows(Project, [])\nsql = f'INSERT INTO {Project._meta.db_table} VALUES (1)'\n"
              "cursor.execute('INSERT INTO projects_project (id) VALUES (1)')\n"
              "model.objects.bulk_create([])\n")
    module.write_text(source, encoding="utf-8")
    assert len(_cross_app_bulk_writes(module, {"projects", "common"}, own="common")) == 5
    assert _cross_app_bulk_writes(module, {"projects", "common"}, own="projects") == []
