"""The dependency direction the README states, checked on every import of every module."""

import ast
from pathlib import Path

import pytest

ORDER = ["siteinfo", "core", "toolkits", "history", "resources", "home", "audit", "sites", "alerts", "ops"]
ROOT = Path(__file__).resolve().parent.parent


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & set(ORDER)


@pytest.mark.parametrize("app", ORDER)
def test_each_app_imports_only_the_apps_below_it(app):
    allowed = set(ORDER[: ORDER.index(app) + 1])
    offending = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) - allowed)
        for path in (ROOT / app).rglob("*.py")
        if imported_apps(path) - allowed
    }
    assert offending == {}


def test_no_app_looks_up_another_apps_models_by_name():
    """``apps.get_model("other_app", ...)`` would hide an import against the direction."""
    found = [
        str(path.relative_to(ROOT))
        for app in ORDER
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and "get_model(" in path.read_text()
    ]
    assert found == []
