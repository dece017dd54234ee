import pytest

from odoo.addons.crm_customer_insight.lib.customer_search import (
    ascii_digits,
    fold_text,
    phone_keys,
    phone_search_terms,
)

CODES = frozenset({"1", "33", "44", "49", "84", "86", "91", "351"})


def _finds(stored_phone, country_code, term):
    keys = " ".join(phone_keys(stored_phone, country_code, CODES))
    terms = phone_search_terms(term, CODES)
    return bool(terms) and any(term in keys for term in terms)


@pytest.mark.parametrize(
    ("value", "folded"),
    [
        ("Nguyễn Văn Đức", "nguyen van duc"),
        ("  JOSÉ   Müller ", "jose muller"),
        ("Łukasz Øster", "lukasz oster"),
        ("Straße", "strasse"),
        ("王小明", "王小明"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_text_removes_accents_case_and_extra_spaces(value, folded):
    assert fold_text(value) == folded


def test_fold_text_makes_the_term_and_the_name_meet():
    assert fold_text("nguyen") in fold_text("Trần Thị Nguyễn")


def test_ascii_digits_reads_any_script_and_drops_superscripts():
    assert ascii_digits("٠٩١٢ ٣") == "09123"
    assert ascii_digits("x²+1") == "1"
    assert ascii_digits(None) == ""


@pytest.mark.parametrize(
    ("stored", "country", "keys"),
    [
        ("0912 345 678", "84", ["912345678", "84912345678"]),
        ("+84 912-345-678", None, ["912345678", "84912345678"]),
        ("0084.912.345.678", "33", ["912345678", "84912345678"]),
        ("912345678", None, ["912345678"]),
        ("+351 912 345 678", "84", ["912345678", "351912345678"]),
        ("12", "84", []),
        ("", "84", []),
    ],
)
def test_phone_keys_hold_the_national_and_international_forms(stored, country, keys):
    assert phone_keys(stored, country, CODES) == keys


@pytest.mark.parametrize(
    "term",
    [
        "0912345678",
        "0912 345 678",
        "0912-345-678",
        "0912.345.678",
        "+84912345678",
        "+84 912 345 678",
        "0084 912 345 678",
        "84912345678",
        "912345678",
        "345 678",
        "(+84) 912.345.678",
        "٠٩١٢٣٤٥٦٧٨",
    ],
)
def test_a_vietnamese_mobile_is_found_in_any_format(term):
    assert _finds("0912 345 678", "84", term)
    assert _finds("+84 912 345 678", None, term)


@pytest.mark.parametrize("term", ["SO0042", "Nguyen", "12", "0912345678a", "²³⁴⁵", "<script>1234</script>", ""])
def test_terms_that_are_no_phone_number_search_no_phone(term):
    assert phone_search_terms(term, CODES) == []


def test_another_number_is_not_found():
    assert not _finds("0912 345 678", "84", "0913 345 678")
