"""Pure tests of lib/one_time_code.py: the code's shape, its hash, its expiry, tries and resend throttle."""

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.auth_signup_confirm_email.lib.one_time_code import (
    CODE_VALIDITY,
    EXPIRED,
    LOCKED,
    MALFORMED,
    MAX_ATTEMPTS,
    MAX_SENDS,
    OK,
    RESEND_COOLDOWN,
    WRONG,
    check_code,
    generate_code,
    hash_code,
    normalize_code,
    resend_wait,
)

KEY = b"database-secret-and-user"
NOW = datetime(2026, 12, 1, 3, 0, 0)


def _stored(code="042917"):
    return hash_code(code, KEY)


def test_generated_codes_are_six_ascii_digits_with_leading_zeros_kept():
    codes = {generate_code() for _ in range(500)}
    assert all(len(code) == 6 and code.isascii() and code.isdigit() for code in codes)
    assert len(codes) > 450  # drawn at random, not a counter or a constant


def test_the_stored_hash_is_not_the_code_and_depends_on_the_key():
    assert "042917" not in _stored()
    assert hash_code("042917", KEY) != hash_code("042917", b"another database")
    assert len(_stored()) == 64


def test_the_right_code_before_expiry_is_ok():
    assert check_code("042917", _stored(), KEY, NOW + CODE_VALIDITY, 0, NOW) == OK


def test_spaces_and_dashes_between_groups_are_forgiven():
    assert check_code(" 042 917 ", _stored(), KEY, NOW + CODE_VALIDITY, 0, NOW) == OK
    assert check_code("042-917", _stored(), KEY, NOW + CODE_VALIDITY, 0, NOW) == OK


def test_decimal_digits_of_other_scripts_count_as_their_value():
    assert normalize_code("٠٤٢٩١٧") == "042917"  # Arabic-Indic
    assert normalize_code("０４２９１７") == "042917"  # full-width


def test_digit_like_characters_that_are_not_decimal_digits_are_malformed():
    assert normalize_code("04291²") is None
    assert normalize_code("①２３４５６") is None
    assert check_code("04291²", _stored(), KEY, NOW + CODE_VALIDITY, 0, NOW) == MALFORMED


def test_scripts_letters_wrong_lengths_and_huge_input_are_malformed():
    for raw in ("<script>alert(1)</script>", "abcdef", "12345", "1234567", "", None, "1" * 100_000, 123456):
        assert normalize_code(raw) is None
        assert check_code(raw, _stored(), KEY, NOW + CODE_VALIDITY, 0, NOW) == MALFORMED


def test_a_wrong_code_is_wrong():
    assert check_code("042918", _stored(), KEY, NOW + CODE_VALIDITY, 0, NOW) == WRONG


def test_a_code_expires_at_its_deadline_even_when_right():
    assert check_code("042917", _stored(), KEY, NOW, 0, NOW) == EXPIRED
    assert check_code("042917", _stored(), KEY, NOW - timedelta(seconds=1), 0, NOW) == EXPIRED


def test_after_the_last_allowed_wrong_try_even_the_right_code_is_refused():
    assert check_code("042917", _stored(), KEY, NOW + CODE_VALIDITY, MAX_ATTEMPTS - 1, NOW) == OK
    assert check_code("042917", _stored(), KEY, NOW + CODE_VALIDITY, MAX_ATTEMPTS, NOW) == LOCKED


def test_a_code_without_a_deadline_is_expired():
    assert check_code("042917", _stored(), KEY, False, 0, NOW) == EXPIRED


def test_a_spent_code_no_longer_matches():
    assert check_code("042917", False, KEY, NOW + CODE_VALIDITY, 0, NOW) == LOCKED


@given(st.text(max_size=40))
def test_any_text_gets_a_verdict_and_only_the_code_is_ok(raw):
    verdict = check_code(raw, _stored(), KEY, NOW + CODE_VALIDITY, 0, NOW)
    assert verdict in (OK, MALFORMED, WRONG)
    assert (verdict == OK) == (normalize_code(raw) == "042917")


def test_resend_waits_for_the_cooldown_then_stops_after_the_last_allowed_mail():
    assert resend_wait(None, 0, NOW) == timedelta(0)
    assert resend_wait(False, 0, NOW) == timedelta(0)  # the ORM's empty date
    assert resend_wait(NOW, 1, NOW) == RESEND_COOLDOWN
    assert resend_wait(NOW - RESEND_COOLDOWN, 1, NOW) == timedelta(0)
    assert resend_wait(NOW - timedelta(days=1), MAX_SENDS, NOW) is None
