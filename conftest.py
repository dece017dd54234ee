"""Pytest bootstrap for the pure tests (no database, no Odoo server).

Pure business rules live in ``addons/<addon>/lib/`` and never import Odoo. Their tests import them by their real
name, ``odoo.addons.<addon>.lib.<module>``, so the same import works inside Odoo. Here each addon is registered as
a bare package pointing at its folder, so importing ``lib`` does not run the addon's ``__init__`` (which loads
models and needs Odoo). When Odoo itself is not installed, ``odoo`` and ``odoo.addons`` are bare packages too.
Only ``addons/*/tests/pure/`` and the top-level ``tests/`` hold pytest tests; the other files under ``addons/``
belong to Odoo's test runner.
"""

import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent
ADDONS = ROOT / "addons"


def _bare_package(name: str, path: Path | None) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__path__ = [str(path)] if path else []
    module.__package__ = name
    sys.modules[name] = module
    return module


def _register_addons() -> None:
    try:
        import odoo.addons as odoo_addons  # noqa: PLC0415
    except ImportError:
        _bare_package("odoo", None)
        odoo_addons = _bare_package("odoo.addons", None)
        sys.modules["odoo"].addons = odoo_addons
    for manifest in sorted(ADDONS.glob("*/__manifest__.py")):
        addon = manifest.parent
        setattr(odoo_addons, addon.name, _bare_package(f"odoo.addons.{addon.name}", addon))
        # pytest names a pure test module after its package path (<addon>.tests.pure.test_x): keep the addon's
        # and its tests' __init__ (Odoo-only imports) out of that too.
        _bare_package(addon.name, addon)
        _bare_package(f"{addon.name}.tests", addon / "tests")


_register_addons()
sys.path.insert(0, str(ROOT / "scripts"))


def pytest_ignore_collect(collection_path, config):
    """Under addons/, only the pure test folders are pytest's."""
    try:
        relative = collection_path.relative_to(ADDONS)
    except ValueError:
        return None
    parts = relative.parts
    if collection_path.is_file() and "pure" not in parts:
        return True
    return None
