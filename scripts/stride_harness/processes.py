"""Signals and child processes: whatever the harness started stops with it, however the harness is stopped."""

import contextlib
import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
PR_SET_PDEATHSIG = 1  # linux/prctl.h


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


def stop_with_parent() -> None:
    """On Linux, get SIGTERM when the process that started us ends: a wrapper shell or job runner stopped with
    SIGTERM does not pass it on, and we would keep Odoo and PostgreSQL running as orphans. Elsewhere, nothing."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    parent = os.getppid()
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # orphaned between the two calls, before the request took effect
        os.kill(os.getpid(), signal.SIGTERM)


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
