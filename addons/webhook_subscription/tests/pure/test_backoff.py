"""Pure tests of lib/backoff.py: retries over about a day, then dead."""

import pytest

from odoo.addons.webhook_subscription.lib.backoff import MAX_ATTEMPTS, next_delay


def test_delays_grow_exponentially_then_cap():
    assert [next_delay(n) for n in range(1, MAX_ATTEMPTS)] == [
        60, 180, 540, 1620, 4860, 14580, 21600, 21600, 21600,
    ]


def test_retries_span_about_a_day():
    total = sum(next_delay(n) for n in range(1, MAX_ATTEMPTS))
    assert 22 * 3600 <= total <= 26 * 3600


def test_no_retry_after_the_last_attempt():
    assert next_delay(MAX_ATTEMPTS) is None
    assert next_delay(MAX_ATTEMPTS + 5) is None


def test_attempts_start_at_one():
    with pytest.raises(ValueError):
        next_delay(0)
