"""The benchmark's own virtual environment (Locust, matplotlib), never installed beside Odoo.

Locust needs newer gevent, greenlet, requests and Werkzeug than Odoo 19 pins; installed beside Odoo it upgrades them.
The load generator and the chart only talk to Odoo over HTTP or read a JSON file, so they run in this environment.
"""

import subprocess
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".cache" / "bench-venv"
REQUIREMENTS = ROOT / "requirements-bench.txt"


def bench_python() -> str:
    """The environment's python, created on first use and refilled whenever requirements-bench.txt changes."""
    python = VENV / "bin" / "python"
    stamp = VENV / "requirements-bench.txt"
    wanted = REQUIREMENTS.read_text(encoding="utf-8")
    if not python.exists():
        print(f"Creating the benchmark's virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    if not stamp.exists() or stamp.read_text(encoding="utf-8") != wanted:
        print(f"Installing {REQUIREMENTS.name} into {VENV}", flush=True)
        command = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", str(REQUIREMENTS)]
        subprocess.run(command, check=True)  # noqa: S603 - our own interpreter and requirements file
        stamp.write_text(wanted, encoding="utf-8")
    return str(python)
