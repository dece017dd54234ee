import pytest

from odoo.addons.product_shoe.lib.sku import build_sku, ean13_check_digit, internal_ean13, sku_token


def test_sku_pattern_is_readable():
    assert build_sku("Trail Runner", "42", "Black") == "TRAIL-RUNNER-BLA-42"
    assert build_sku("tr", "8.5") == "TR-8H5"
    assert build_sku("%%", "40", "Đỏ") == "SHOE-DO-40"


def test_sku_token_strips_accents():
    assert sku_token("Écru") == "ECR"
    assert sku_token("xanh dương", 5) == "XANHD"


def test_ean13_check_digit_matches_known_code():
    assert ean13_check_digit("400638133393") == "1"


def test_internal_ean13_is_valid_and_in_store_range():
    code = internal_ean13(1234)
    assert code.startswith("200") and len(code) == 13
    assert ean13_check_digit(code[:12]) == code[12]


@pytest.mark.parametrize("bad", [-1, 10**9])
def test_internal_ean13_refuses_out_of_range_numbers(bad):
    with pytest.raises(ValueError):
        internal_ean13(bad)


def test_check_digit_refuses_bad_input():
    with pytest.raises(ValueError):
        ean13_check_digit("12ab")
