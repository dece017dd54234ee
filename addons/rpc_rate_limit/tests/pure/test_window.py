"""Pure tests of lib/window.py: the hour a request is counted in, and the Retry-After of a refusal."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.rpc_rate_limit.lib.window import HOUR, retry_after, window_start

START = 1_780_002_000  # 2026-05-28 21:00:00 UTC, a whole hour


def test_a_window_is_the_clock_hour():
    assert window_start(START) == START
    assert window_start(START + 1) == START
    assert window_start(START + HOUR - 0.001) == START
    assert window_start(START + HOUR) == START + HOUR


def test_retry_after_counts_whole_seconds_to_the_next_hour():
    assert retry_after(START) == HOUR
    assert retry_after(START + 600) == 3000
    assert retry_after(START + 600.2) == 3000  # rounded up: retrying at once would still be refused
    assert retry_after(START + HOUR - 0.5) == 1


def test_other_window_lengths():
    assert window_start(125, period=60) == 120
    assert retry_after(125, period=60) == 55


@pytest.mark.parametrize("period", [0, -3600])
def test_a_window_has_a_positive_length(period):
    with pytest.raises(ValueError):
        window_start(START, period)


@given(now=st.floats(min_value=0, max_value=4_000_000_000, allow_nan=False), period=st.integers(1, 86_400))
def test_retrying_after_the_delay_lands_in_the_next_window(now, period):
    start = window_start(now, period)
    assert start <= now < start + period
    delay = retry_after(now, period)
    assert 1 <= delay <= period
    assert window_start(now + delay, period) == start + period
