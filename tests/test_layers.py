"""The apps are layers: the import-linter contracts of pyproject.toml hold, as `.ci/run` checks
them, so `make test` catches an upward import too."""

import tomllib
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
# The servicedesk modules that are not base helpers: its apps and the composition root, which
# names the apps by string only.
NOT_HELPERS = {"accounts", "notifications", "outbox", "settings", "urls", "celery", "wsgi"}


def _contract(name_start: str) -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c["name"].startswith(name_start))


def test_the_import_contracts_are_kept(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert lint_imports(no_cache=True, no_logo=True) == 0


def test_every_servicedesk_module_is_a_helper_an_app_or_the_composition_root():
    package = ROOT / "servicedesk"
    modules = {
        path.stem if path.is_file() else path.name
        for path in package.iterdir()
        if (path.suffix == ".py" and path.stem != "__init__") or (path / "__init__.py").exists()
    }
    helpers = {
        module.removeprefix("servicedesk.")
        for module in _contract("servicedesk's base helpers")["source_modules"]
    }
    assert modules - NOT_HELPERS == helpers


def test_the_layers_are_the_installed_apps_in_their_order():
    """The layer contract names every domain app, in the order settings install them (lowest
    first): a new app (portal, issue 15) is placed in both or the test says where it is missing."""
    from django.conf import settings

    layers = _contract("The apps are layers")["layers"]
    installed = [
        app.split(".")[0]
        for app in settings.INSTALLED_APPS
        if app.split(".")[0] in set(layers) and not app.startswith("servicedesk.")
    ]
    assert ["servicedesk", *installed] == list(reversed(layers))
