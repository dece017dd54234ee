"""Reading the project's addons: manifests, dependency closure, install order and template keys."""

import ast
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Addon:
    name: str
    path: Path
    manifest: dict = field(hash=False, compare=False)

    @property
    def depends(self) -> list[str]:
        return list(self.manifest.get("depends", []))


def read_manifest(path: Path) -> dict:
    """The manifest of the addon in ``path`` as a dict (a literal, never executed)."""
    return ast.literal_eval((path / "__manifest__.py").read_text(encoding="utf-8"))


def discover(addons_dir: Path) -> dict[str, Addon]:
    """Every addon folder (one holding a ``__manifest__.py``) under ``addons_dir``, by name."""
    found = {}
    for manifest in sorted(addons_dir.glob("*/__manifest__.py")):
        found[manifest.parent.name] = Addon(manifest.parent.name, manifest.parent, read_manifest(manifest.parent))
    return found


def project_closure(selected: list[str], depends: dict[str, list[str]]) -> list[str]:
    """The selected project addons plus the project addons they depend on, in install order (dependencies first)."""
    ordered: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in ordered:
            return
        if name in visiting:
            raise ValueError(f"dependency cycle through {name}")
        visiting.add(name)
        for dependency in sorted(depends.get(name, [])):
            if dependency in depends:
                visit(dependency)
        visiting.discard(name)
        ordered.append(name)

    for name in sorted(selected):
        if name not in depends:
            raise ValueError(f"unknown addon {name}")
        visit(name)
    return ordered


def external_dependencies(project_addons: list[str], depends: dict[str, list[str]]) -> list[str]:
    """The non-project modules that the given project addons depend on directly (sorted, without duplicates)."""
    external = {dep for name in project_addons for dep in depends.get(name, []) if dep not in depends}
    return sorted(external)


def template_key(odoo_version: str, modules: list[str], with_demo: bool, languages: list[str], salt: str = "1") -> str:
    """A short stable key naming a cached template database built from exactly these inputs."""
    payload = json.dumps(
        {"odoo": odoo_version, "modules": sorted(set(modules)), "demo": with_demo,
         "languages": sorted(set(languages)), "salt": salt},
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def choose_template(needed: set[str], cached: dict[str, set[str]], exact_key: str, max_missing: int = 4) -> str | None:
    """The cached template to start from: the exact one, else the largest one holding only needed modules and
    missing at most ``max_missing`` of them (Odoo installs those with our addons); None means build a new one."""
    if exact_key in cached:
        return exact_key
    usable = [(len(modules), key) for key, modules in cached.items()
              if modules <= needed and len(needed - modules) <= max_missing]
    return max(usable)[1] if usable else None
