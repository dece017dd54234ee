"""Finding an installed Odoo 19 (pip install, source checkout on the path, or the official Docker image)."""

import json
import os
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PROBE = r"""
import json, os
import odoo.release
from odoo.tools import config
import odoo.addons
paths = [config.addons_base_dir, config.addons_community_dir, *odoo.addons.__path__]
print(json.dumps({"version": odoo.release.version, "serie": odoo.release.serie,
                  "addons_paths": [p for p in dict.fromkeys(paths) if os.path.isdir(p)]}))
"""

HOW_TO_GET_ODOO = (
    "Get Odoo 19.0 Community in one of these ways, then run this command again:\n"
    "  - Docker: `docker compose up` (the official odoo:19.0 image; see README)\n"
    "  - a source checkout of the 19.0 branch: `pip install -r <checkout>/requirements.txt` and "
    "`pip install -e <checkout>` (or put the checkout on PYTHONPATH)\n"
    "  - or point STRIDE_ODOO_PYTHON at a Python interpreter that can `import odoo`."
)


@dataclass
class OdooInstall:
    python: str
    version: str
    addons_paths: list[Path]

    def command(self) -> list[str]:
        """How to start Odoo's command line with this install."""
        return [self.python, "-m", "odoo"]

    def module_paths(self) -> dict[str, Path]:
        """Every Odoo module this install provides, name → folder (first addons path wins, as in Odoo)."""
        modules: dict[str, Path] = {}
        for addons_path in self.addons_paths:
            for manifest in addons_path.glob("*/__manifest__.py"):
                modules.setdefault(manifest.parent.name, manifest.parent)
        return modules


def find_odoo() -> tuple[OdooInstall | None, str]:
    """The Odoo 19 install reachable from STRIDE_ODOO_PYTHON (default: this Python), or None and why not."""
    python = os.environ.get("STRIDE_ODOO_PYTHON") or sys.executable
    try:
        completed = subprocess.run([python, "-c", PROBE], capture_output=True, text=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return None, f"{python} could not be run: {error}"
    if completed.returncode != 0:
        last = (completed.stderr.strip().splitlines() or ["no output"])[-1]
        return None, f"`{shlex.join([python, '-c', 'import odoo'])}` fails: {last}"
    info = json.loads(completed.stdout.strip().splitlines()[-1])
    if info["serie"] != "19.0":
        return None, f"{python} imports Odoo {info['version']}, not 19.0"
    return OdooInstall(python, info["version"], [Path(p) for p in info["addons_paths"]]), ""
