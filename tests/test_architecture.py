"""Layer rules, checked by reading the source: core is pure; views, API handlers and commands never write models."""

import ast
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
