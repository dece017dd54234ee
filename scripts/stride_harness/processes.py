"""Signals and child processes: whatever the harness started stops with it, however the harness is stopped."""

import contextlib
import os
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Interrupted(BaseException):  # noqa: N818 -- like KeyboardInterrupt: `except Exception` must not catch it
    """A signal (Ctrl-C, SIGTERM, SIGHUP) asked the harness to stop; raised so that every ``finally`` runs."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """What a shell reports for a process killed by this signal."""
        return 128 + self.signum


@contextlib.contextmanager
def stopping_on_signals():
    """Within this block SIGINT, SIGTERM and SIGHUP raise :class:`Interrupted` (SIGTERM would otherwise end Python
    without running any ``finally``, and leave our PostgreSQL and Odoo running)."""

    def interrupt(signum, _frame):
        # The clean-up that follows must not be cut short by a second Ctrl-C or by the SIGHUP of a closing terminal.
        for other in STOP_SIGNALS:
            signal.signal(other, signal.SIG_IGN)
        raise Interrupted(signum)

    previous = {signum: signal.signal(signum, interrupt) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def stop_process(process: subprocess.Popen, grace: float = 15) -> None:
    """Stop a child still running: SIGTERM (Odoo closes its cursors), then SIGKILL after ``grace`` seconds."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def run_child(args: list[str], **popen_options) -> int:
    """Run a command to its end, like ``subprocess.run``, but stop it gently if the harness is interrupted."""
    process = subprocess.Popen(args, **popen_options)
    try:
        return process.wait()
    finally:
        stop_process(process)


def run_logged(args: list[str], log_path: Path, echo: Callable[[str], None]) -> int:
    """Run a command to its end with its output (stdout and stderr) written to ``log_path``, each line also given
    to ``echo``; its exit code. Stopped gently if the harness is interrupted, like :func:`run_child`."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                   env=dict(os.environ, PYTHONUNBUFFERED="1"))
        try:
            for line in process.stdout:
                log.write(line)
                echo(line)
            return process.wait()
        finally:
            stop_process(process)
