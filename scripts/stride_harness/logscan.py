"""Reading an Odoo log: test results, per-module test counts and the lines that must fail a run."""

import re
from dataclasses import dataclass, field

LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \d+ (?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL) "
    r"(?P<db>\S+) (?P<logger>[\w.]+): (?P<message>.*)$"
)
RESULT = re.compile(r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<total>\d+) tests when loading database")
TEST_START = re.compile(r"^odoo\.addons\.(?P<module>\w+)\.tests\.")


@dataclass
class LogReport:
    total: int = 0
    failed: int = 0
    errors: int = 0
    result_seen: bool = False
    tests_per_module: dict[str, int] = field(default_factory=dict)
    offending: list[str] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return max(self.total - self.failed - self.errors, 0)

    @property
    def ok(self) -> bool:
        return self.result_seen and not self.failed and not self.errors and not self.offending


def concerns_project(logger: str, message: str, project_addons: set[str]) -> bool:
    """Whether a log record comes from, or names, one of the project's addons."""
    for addon in project_addons:
        if logger == f"odoo.addons.{addon}" or logger.startswith(f"odoo.addons.{addon}."):
            return True
        if re.search(rf"(?<![\w.]){re.escape(addon)}(?![\w])", message) or f"addons/{addon}/" in message:
            return True
    return False


def scan(lines, project_addons: set[str]) -> LogReport:
    """Read Odoo log lines: every ERROR/CRITICAL, and every WARNING about our addons, is an offence."""
    report = LogReport()
    for raw in lines:
        match = LOG_LINE.match(raw.rstrip("\n"))
        if not match:
            continue
        level, logger, message = match["level"], match["logger"], match["message"]
        test_start = TEST_START.match(logger) if level == "INFO" and message.startswith("Starting ") else None
        if test_start:
            module = test_start["module"]
            report.tests_per_module[module] = report.tests_per_module.get(module, 0) + 1
            continue
        result = RESULT.search(message) if logger == "odoo.tests.result" else None
        if result:
            report.result_seen = True
            report.total += int(result["total"])
            report.failed += int(result["failed"])
            report.errors += int(result["errors"])
            continue
        if level in ("ERROR", "CRITICAL") or (level == "WARNING" and concerns_project(logger, message, project_addons)):
            report.offending.append(raw.rstrip("\n"))
    return report
