"""pytest-odoo gets a real use: product_shoe's Odoo tests run through pytest against a database of a throwaway
cluster (``scripts/test --pytest-odoo``). Minutes: scripts/test leaves it to ``python3 -m pytest tests``."""

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from stride_harness.odoo_env import find_odoo
from stride_harness.postgres import PostgresError, _pg_binary

ROOT = Path(__file__).resolve().parents[1]


def _why_not() -> str:
    if importlib.util.find_spec("pytest_odoo") is None:
        return "pytest-odoo is not installed (pip install -r requirements-test.txt)"
    try:
        _pg_binary("initdb")
    except PostgresError:
        if not os.environ.get("PGHOST"):
            return "no PostgreSQL server to run on"
    odoo, why_not = find_odoo()
    return "" if odoo else why_not


pytestmark = [pytest.mark.database, pytest.mark.skipif(bool(_why_not()), reason=_why_not() or "ready")]


def test_product_shoe_odoo_tests_run_through_pytest_odoo():
    tests = ROOT / "addons" / "product_shoe" / "tests"
    written = sum(len(re.findall(r"^    def test_", source.read_text(), re.MULTILINE))
                  for source in tests.glob("test_*.py"))
    completed = subprocess.run(
        [sys.executable, "-m", "stride_harness", "test", "--pytest-odoo", "--addon", "product_shoe", "--skip-static",
         "--skip-pure"], cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT / "scripts")), capture_output=True,
        text=True, timeout=1800, check=False)
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output[-3000:]
    # Every test method of the addon ran through pytest (none skipped, none left to Odoo's own runner).
    assert f"pytest-odoo: {written} passed, 0 failed" in output, output[-3000:]
