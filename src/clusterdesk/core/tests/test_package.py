"""Package conventions: exceptions, re-exports, `__all__`, documented public functions, standard library only."""

import ast
import importlib
import inspect
import sys
from pathlib import Path

import pytest

import clusterdesk.core as core
from clusterdesk.core import exceptions

CORE = Path(core.__file__).parent
MODULES = sorted(
    ".".join(("clusterdesk", *path.relative_to(CORE.parent).with_suffix("").parts)).removesuffix(".__init__")
    for path in CORE.rglob("*.py")
    if "tests" not in path.relative_to(CORE).parts
)
# Numerical and text-matching packages may use these libraries; they are imported by name (not re-exported by
# core), so that `import clusterdesk.core` stays standard-library.
NUMERIC_PACKAGES = {
    "clusterdesk.core.scoring": {"numpy"},
    "clusterdesk.core.optimization": {"numpy", "ortools"},   # HiGHS only in the tests' oracle
    "clusterdesk.core.complexity": {"numpy", "scipy"},
    "clusterdesk.core.chains": {"numpy", "ahocorasick", "opencc"},
    "clusterdesk.core.clusters": {"numpy", "scipy"},
    "clusterdesk.core.observation": {"numpy"},  # the judges' scores as one array (500 projects × 30 judges)
}


def _numeric_package(module_name: str) -> str | None:
    return next((p for p in NUMERIC_PACKAGES if module_name == p or module_name.startswith(p + ".")), None)


def test_every_core_exception_is_a_value_error_under_core_error():
    names = ["InvalidCodeError", "UnitParseError", "DateParseError", "StageTransitionError", "NumeralParseError"]
    for name in names:
        error = getattr(exceptions, name)
        assert issubclass(error, exceptions.CoreError)
        assert issubclass(error, ValueError)
    assert sorted(exceptions.__all__) == sorted([*names, "CoreError"])


@pytest.mark.parametrize("module_name", MODULES)
def test_every_module_has_a_docstring_and_an_all_of_existing_names(module_name):
    module = importlib.import_module(module_name)
    assert module.__doc__
    assert len(module.__all__) == len(set(module.__all__))
    for name in module.__all__:
        assert hasattr(module, name), name


@pytest.mark.parametrize("module_name", MODULES)
def test_every_public_function_has_a_numpydoc_docstring_with_examples(module_name):
    module = importlib.import_module(module_name)
    for name in module.__all__:
        obj = getattr(module, name)
        if inspect.isfunction(obj) and obj.__module__ == module_name:
            doc = obj.__doc__ or ""
            assert "Examples\n    --------\n    >>>" in doc, f"{module_name}.{name}"
            assert "Returns\n" in doc or "Raises\n" in doc, f"{module_name}.{name}"


def test_core_package_re_exports_every_public_name_of_its_modules():
    for module_name in MODULES:
        if _numeric_package(module_name):
            continue
        module = importlib.import_module(module_name)
        for name in module.__all__:
            assert getattr(core, name) is getattr(module, name), f"{module_name}.{name}"
            assert name in core.__all__


@pytest.mark.parametrize("module_name", MODULES)
def test_core_imports_only_the_standard_library_and_core(module_name):
    path = CORE.parent.joinpath(*module_name.split(".")[1:])
    source = (path / "__init__.py") if path.is_dir() else path.with_suffix(".py")
    imported = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
    allowed = NUMERIC_PACKAGES.get(_numeric_package(module_name) or "", set())
    for name in imported:
        top = name.split(".")[0]
        assert top in sys.stdlib_module_names or top in allowed or name.startswith("clusterdesk.core"), name
