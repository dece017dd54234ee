from odoo.addons.website_sale_shoe.lib.size_system import default_size_system, stock_state


def test_country_wins_over_language():
    assert default_size_system("us", "vi_VN") == "us_men"
    assert default_size_system("VN", "en_US") == "vn"
    assert default_size_system("FR", "en_GB") == "uk"
    assert default_size_system(None, "ja_JP") == "jp"
    assert default_size_system("DE", "de_DE") == "eu"


def test_stock_state():
    assert stock_state(10, 5, False) == "in_stock"
    assert stock_state(5, 5, False) == "few_left"
    assert stock_state(0, 5, False) == "out_of_stock"
    assert stock_state(-2, 5, True) == "in_stock"
