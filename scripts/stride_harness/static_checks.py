"""Static checks of the addons: they need neither a database nor Odoo itself (Odoo's sources sharpen two of them)."""

import csv
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .addons import Addon
from .translations import check_translations

VERSION_FORMAT = re.compile(r"^19\.0\.\d+\.\d+\.\d+$")
ALLOWED_LICENSES = {"LGPL-3", "AGPL-3"}
MODEL_NAME = re.compile(r"""^\s*_name\s*=\s*['"]([\w.]+)['"]""", re.MULTILINE)
XML_ID = re.compile(r"""<record[^>]*\bid=['"]([\w.]+)['"]""")


@dataclass
class CheckResult:
    name: str
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_manifest(addon: Addon, known_modules: set[str] | None) -> list[str]:
    """Problems of one manifest: version format, license, dependencies that exist, data files that exist."""
    manifest, problems = addon.manifest, []
    version = manifest.get("version", "")
    if not VERSION_FORMAT.match(version):
        problems.append(f"{addon.name}: version {version!r} is not 19.0.x.y.z")
    if manifest.get("license") not in ALLOWED_LICENSES:
        problems.append(f"{addon.name}: license {manifest.get('license')!r} is not one of {sorted(ALLOWED_LICENSES)}")
    if not manifest.get("depends"):
        problems.append(f"{addon.name}: no depends")
    for dependency in manifest.get("depends", []):
        if known_modules is not None and dependency not in known_modules:
            problems.append(f"{addon.name}: depends on unknown module {dependency!r}")
    for key in ("data", "demo"):
        for relative in manifest.get(key, []):
            if not (addon.path / relative).is_file():
                problems.append(f"{addon.name}: {key} file {relative} does not exist")
    return problems


def models_defined_in(folders: list[Path]) -> set[str]:
    """Model names declared with ``_name = '...'`` in the Python files under the given folders."""
    names = set()
    for folder in folders:
        for source in folder.rglob("*.py"):
            names.update(MODEL_NAME.findall(source.read_text(encoding="utf-8", errors="replace")))
    return names


def xml_ids_defined_in(folder: Path) -> set[str]:
    """Record ids declared in one module's XML files (unqualified)."""
    ids = set()
    for source in folder.rglob("*.xml"):
        ids.update(XML_ID.findall(source.read_text(encoding="utf-8", errors="replace")))
    return ids


def check_access_csv(addon: Addon, known_models: set[str], module_paths: dict[str, Path]) -> list[str]:
    """Every access line names a model that exists and a group that exists (where the group's module can be read)."""
    problems = []
    model_ids = {"model_" + name.replace(".", "_") for name in known_models}
    xml_ids_cache: dict[str, set[str]] = {}
    for csv_path in addon.path.rglob("ir.model.access.csv"):
        with csv_path.open(encoding="utf-8", newline="") as handle:
            for line_no, row in enumerate(csv.DictReader(handle), start=2):
                where = f"{csv_path.relative_to(addon.path.parent)}:{line_no}"
                model_ref = row.get("model_id:id", "")
                if model_ref.split(".")[-1] not in model_ids:
                    problems.append(f"{where}: model {model_ref!r} is not defined anywhere known")
                group_ref = row.get("group_id:id", "")
                if not group_ref:
                    continue
                module, _, xml_id = group_ref.rpartition(".")
                module = module or addon.name
                if module not in module_paths:
                    continue
                if module not in xml_ids_cache:
                    xml_ids_cache[module] = xml_ids_defined_in(module_paths[module])
                if xml_id not in xml_ids_cache[module]:
                    problems.append(f"{where}: group {group_ref!r} is not defined in module {module}")
    return problems


def check_xml(addons: list[Addon]) -> list[str]:
    problems = []
    for addon in addons:
        for source in sorted(addon.path.rglob("*.xml")):
            try:
                etree.parse(str(source))
            except etree.XMLSyntaxError as error:
                problems.append(f"{source}: {error}")
    return problems


def _run_tool(command: list[str], cwd: Path) -> list[str]:
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if completed.returncode == 0:
        return []
    output = (completed.stdout + completed.stderr).strip()
    return output.splitlines() or [f"{command[0]} exited with {completed.returncode}"]


def run_all(root: Path, addons: list[Addon], odoo_module_paths: dict[str, Path] | None) -> list[CheckResult]:
    """Every static check on the given addons; ``odoo_module_paths`` (name → folder) sharpens the dependency checks."""
    if not addons:
        return []
    module_paths = dict(odoo_module_paths or {})
    module_paths.update({addon.name: addon.path for addon in addons})
    known_modules = set(module_paths) if odoo_module_paths else None
    known_models = models_defined_in([addon.path for addon in addons] + list((odoo_module_paths or {}).values()))
    folders = [str(addon.path.relative_to(root)) for addon in addons]

    checks: list[tuple[str, Callable[[], list[str]]]] = [
        ("ruff", lambda: _run_tool([sys.executable, "-m", "ruff", "check", "--no-cache", *folders], root)
         if _has_module("ruff") else ["ruff is not installed (pip install -r requirements-test.txt)"]),
        ("pylint-odoo", lambda: _run_tool(
            [sys.executable, "-m", "pylint", "--rcfile=.pylintrc-mandatory", *folders], root)
         if _has_module("pylint_odoo") else ["pylint-odoo is not installed (pip install -r requirements-test.txt)"]),
        ("xml", lambda: check_xml(addons)),
        ("manifests", lambda: [p for addon in addons for p in check_manifest(addon, known_modules)]),
        ("access-csv", lambda: [p for addon in addons for p in check_access_csv(addon, known_models, module_paths)]),
        ("translations", lambda: [p for addon in addons for p in check_translations(addon)]),
    ]
    return [CheckResult(name, run()) for name, run in checks]


def _has_module(name: str) -> bool:
    import importlib.util  # noqa: PLC0415

    return importlib.util.find_spec(name) is not None or shutil.which(name) is not None
