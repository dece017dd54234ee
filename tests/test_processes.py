"""Signals become an exception that runs every clean-up, and a child is stopped when its parent is interrupted."""

import os
import signal
import subprocess
import threading
import time

import pytest
from stride_harness.processes import Interrupted, run_child, stopping_on_signals


def signal_me_soon(signum: int, after: float = 0.3) -> None:
    threading.Timer(after, os.kill, (os.getpid(), signum)).start()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_stop_signal_unwinds_through_finally_then_handlers_come_back(signum):
    before = signal.getsignal(signum)
    cleaned = []
    with pytest.raises(Interrupted) as caught, stopping_on_signals():
        try:
            signal_me_soon(signum)
            time.sleep(5)
        finally:
            cleaned.append(True)
    assert cleaned == [True]
    assert caught.value.exit_code == 128 + signum
    assert signal.getsignal(signum) == before


def test_an_interrupted_run_child_stops_its_child(monkeypatch):
    started = []
    original_popen = subprocess.Popen

    def remember(*args, **kwargs):
        started.append(original_popen(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(subprocess, "Popen", remember)
    with pytest.raises(Interrupted), stopping_on_signals():
        signal_me_soon(signal.SIGTERM)
        run_child(["sleep", "30"])
    assert started[0].returncode == -signal.SIGTERM
