"""scripts/serve's install progress, read from Odoo's log lines (pure: no Odoo, no database)."""

import io

from stride_harness.progress import InstallProgress, bar


def log(message: str, level: str = "INFO") -> str:
    return f"2026-12-01 03:00:00,000 4242 {level} stride odoo.modules.loading: {message}\n"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def odoo_install(progress: InstallProgress, modules: int = 100) -> None:
    progress.line(log("Initializing database stride"))
    progress.line(log("Loading module base (1/1)"))
    for index in range(1, modules + 1):
        progress.line(log(f"Loading module module_{index} ({index}/{modules})"))
        progress.line(log(f"loading module_{index}/views/views.xml"))
    progress.line(log("loading stride_demo/data/stride_demo_data.xml"))
    progress.line(log("Modules loaded."))
    progress.finish(True)


def test_bar_fills_with_the_count():
    assert bar(0, 40, width=10) == "[..........]  0/40"
    assert bar(20, 40, width=10) == "[#####.....] 20/40"
    assert bar(40, 40, width=10) == "[##########] 40/40"


def test_a_log_file_gets_the_steps_and_a_bar_line_every_tenth():
    out = io.StringIO()
    odoo_install(InstallProgress(out))
    lines = out.getvalue().splitlines()
    assert lines[0] == "- Preparing an empty database"
    assert lines[1] == "- Installing 100 Odoo modules"
    assert sum("/100" in line for line in lines) == 11  # 0% ... 100%
    assert lines[-3:-1] == ["- Building the demo shop (catalogue, customers, orders)", "- Finishing"]
    assert lines[-1].startswith("Done in ")


def test_a_terminal_gets_one_bar_redrawn_in_place():
    out = Terminal()
    odoo_install(InstallProgress(out))
    text = out.getvalue()
    assert text.count("\r\033[K") == 100
    assert text.count("\n") == 6  # two steps, the finished bar, two steps and the closing line
    assert "100/100" in text


def test_errors_are_shown_and_counted():
    out = io.StringIO()
    progress = InstallProgress(out, "Updating")
    progress.line(log("loading 3 modules..."))
    progress.line(log("Loading module sale (1/3)"))
    progress.line(log("Failed to load registry", level="CRITICAL"))
    progress.finish(False)
    text = out.getvalue()
    assert "- Updating 3 Odoo modules" in text
    assert "  ! 2026-12-01 03:00:00,000 4242 CRITICAL stride odoo.modules.loading: Failed to load registry" in text
    assert "Failed in" in text and "1 error(s) logged" in text
