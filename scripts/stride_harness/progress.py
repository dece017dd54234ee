"""What scripts/serve shows while Odoo installs or updates the demo shop: its steps and a bar, read from Odoo's log
lines (the whole log goes to a file), instead of the thousands of lines themselves."""

import re
import time
from typing import TextIO

MODULE = re.compile(r"Loading module (\S+) \((\d+)/(\d+)\)")
PROBLEM = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ")
# A line of Odoo's log that starts a step → what the step is called on the terminal.
STEPS = (
    ("Initializing database", "Preparing an empty database"),
    ("loading stride_demo/data/stride_demo_data.xml", "Building the demo shop (catalogue, customers, orders)"),
    ("Modules loaded.", "Finishing"),
)
BAR_WIDTH = 30


def bar(done: int, total: int, width: int = BAR_WIDTH) -> str:
    """``[#####.....]  12/40`` for ``done`` of ``total``."""
    filled = width * done // total if total else 0
    return f"[{'#' * filled}{'.' * (width - filled)}] {done:>{len(str(total))}}/{total}"


class InstallProgress:
    """Fed Odoo's log line by line; writes a few lines to ``out``: one per step, the modules' bar (redrawn in place
    on a terminal, every tenth of the way otherwise), and the first line of each error."""

    def __init__(self, out: TextIO, verb: str = "Installing"):
        self.out = out
        self.verb = verb
        self.live = out.isatty()
        self.started = time.monotonic()
        self.step = ""
        self.shown_tenth = -1
        self.bar_open = False
        self.errors = 0

    def line(self, line: str) -> None:
        if PROBLEM.match(line):
            self.errors += 1
            self._print(f"  ! {line.strip()[:200]}")
            return
        module = MODULE.search(line)
        if module:
            self._modules(module.group(1), int(module.group(2)), int(module.group(3)))
            return
        for start, step in STEPS:
            if start in line:
                self._start(step)
                return

    def finish(self, ok: bool) -> None:
        minutes, seconds = divmod(int(time.monotonic() - self.started), 60)
        self._print(f"{'Done' if ok else 'Failed'} in {minutes} min {seconds:02d} s"
                    + (f", {self.errors} error(s) logged" if self.errors else "") + ".")

    def _start(self, step: str) -> None:
        if step != self.step:
            self.step = step
            self.shown_tenth = -1
            self._print(f"- {step}")

    def _modules(self, name: str, done: int, total: int) -> None:
        if total == 1:  # Odoo's first pass loads `base` alone: part of preparing the database
            return
        self._start(f"{self.verb} {total} Odoo modules")
        text = f"  {bar(done, total)}  {name}"
        if self.live:
            self.out.write(f"\r\033[K{text}")
            self.out.flush()
            self.bar_open = done < total
            if not self.bar_open:
                self.out.write("\n")
            return
        tenth = 10 * done // total
        if tenth != self.shown_tenth:
            self.shown_tenth = tenth
            self._print(text)

    def _print(self, text: str) -> None:
        if self.bar_open:
            self.out.write("\n")
            self.bar_open = False
        self.out.write(text + "\n")
        self.out.flush()
