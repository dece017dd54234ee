from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.website_sale_loyalty_tier.lib.throttle import (
    CODE_MAX_LENGTH,
    after_failure,
    clean_code,
    session_key,
    wait_time,
)

NOW = datetime(2026, 11, 30, 9, 0, 0)
WINDOW = timedelta(minutes=15)


def test_a_typed_code_loses_its_blanks():
    assert clean_code("  SUMMER-24 ") == "SUMMER-24"
    assert clean_code("044e-ab12-9f3c") == "044e-ab12-9f3c"


def test_what_cannot_be_a_code_is_refused_before_any_lookup():
    for value in (None, 5, ["CODE"], {"code": 1}, "", "   ", "x" * (CODE_MAX_LENGTH + 1), "AB\x00CD", "AB\nCD"):
        assert clean_code(value) is None, value


def test_unicode_digits_and_scripts_are_just_codes_that_do_not_exist():
    # They reach the lookup (and fail there, counted) like any wrong code: no special meaning, no crash.
    assert clean_code("²٣") == "²٣"
    assert clean_code("<script>alert(1)</script>") == "<script>alert(1)</script>"


def test_the_session_id_is_kept_as_a_digest():
    key = session_key("abc")
    assert key != "abc" and len(key) == 64
    assert key == session_key("abc") != session_key("abd")


def test_a_key_may_try_until_it_reaches_the_limit():
    start = NOW - timedelta(minutes=5)
    assert wait_time(4, start, 5, WINDOW, NOW) == timedelta(0)
    assert wait_time(5, start, 5, WINDOW, NOW) == timedelta(minutes=10)


def test_the_block_lifts_when_the_window_closes():
    start = NOW - WINDOW
    assert wait_time(50, start, 5, WINDOW, NOW) == timedelta(0)
    assert wait_time(50, start, 5, WINDOW, NOW - timedelta(seconds=1)) == timedelta(seconds=1)


def test_a_limit_of_zero_switches_the_limit_off():
    assert wait_time(1000, NOW, 0, WINDOW, NOW) == timedelta(0)


def test_a_key_without_failures_waits_for_nothing():
    assert wait_time(0, None, 5, WINDOW, NOW) == timedelta(0)


def test_failures_count_in_the_open_window_and_start_a_new_one_after_it():
    start = NOW - timedelta(minutes=14)
    assert after_failure(3, start, WINDOW, NOW) == (4, start)
    assert after_failure(3, NOW - WINDOW, WINDOW, NOW) == (1, NOW)
    assert after_failure(0, None, WINDOW, NOW) == (1, NOW)


@given(
    limit=st.integers(min_value=1, max_value=20),
    gaps=st.lists(st.integers(min_value=0, max_value=3600), min_size=1, max_size=60),
)
def test_never_more_than_limit_failures_in_any_window(limit, gaps):
    """A client that tries whenever it is allowed never gets more than ``limit`` wrong codes into one window."""
    failures, start, now, tried = 0, None, NOW, []
    for gap in gaps:
        now += timedelta(seconds=gap)
        if wait_time(failures, start, limit, WINDOW, now):
            continue
        failures, start = after_failure(failures, start, WINDOW, now)
        tried.append((start, now))
    per_window = {}
    for window_start, _at in tried:
        per_window[window_start] = per_window.get(window_start, 0) + 1
    assert max(per_window.values()) <= limit
