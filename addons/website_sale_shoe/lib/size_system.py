"""Which shoe size system a visitor reads, and how to word the stock of one size."""

from __future__ import annotations

_BY_COUNTRY = {"US": "us_men", "CA": "us_men", "GB": "uk", "IE": "uk", "JP": "jp", "VN": "vn"}
_BY_LANG = {"en_US": "us_men", "en_GB": "uk", "ja_JP": "jp", "vi_VN": "vn"}


def default_size_system(country_code: str | None, lang_code: str | None) -> str:
    """Size system a visitor most likely knows: from the country first, then the language, else EU."""
    if country_code and country_code.upper() in _BY_COUNTRY:
        return _BY_COUNTRY[country_code.upper()]
    return _BY_LANG.get(lang_code or "", "eu")


def stock_state(free_qty: float, threshold: float, allow_out_of_stock: bool) -> str:
    """'in_stock', 'few_left' (at or under the threshold) or 'out_of_stock' for one size."""
    if free_qty <= 0:
        return "in_stock" if allow_out_of_stock else "out_of_stock"
    return "few_left" if free_qty <= threshold else "in_stock"
