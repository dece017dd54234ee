import io
import json
import zipfile
from datetime import date, datetime

from odoo.addons.crm_customer_insight.lib.privacy_export import columns_of, csv_cell, to_csv_zip, to_json


def test_json_keeps_sections_in_order_with_iso_dates_and_accents():
    data = to_json({"profile": [{"name": "Zoë", "since": date(2026, 1, 2)}], "orders": []})
    parsed = json.loads(data)
    assert list(parsed) == ["profile", "orders"]
    assert parsed["profile"][0] == {"name": "Zoë", "since": "2026-01-02"}
    assert "Zoë".encode() in data


def test_csv_cell_neutralises_formulas_but_keeps_negative_numbers():
    assert csv_cell('=HYPERLINK("http://evil")') == '\'=HYPERLINK("http://evil")'
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell("-12.5") == "-12.5"
    assert csv_cell(None) == ""
    assert csv_cell(False) == ""
    assert csv_cell(True) == "true"
    assert csv_cell(datetime(2026, 3, 4, 5, 6, 7)) == "2026-03-04T05:06:07"


def test_columns_are_the_union_in_first_seen_order():
    assert columns_of([{"a": 1, "b": 2}, {"c": 3, "a": 4}]) == ["a", "b", "c"]
    assert columns_of([]) == []


def test_csv_zip_has_one_file_per_section_with_header_even_when_empty():
    blob = to_csv_zip({"profile": [{"name": "Ana", "city": "Hà Nội"}], "orders": []})
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        assert archive.namelist() == ["profile.csv", "orders.csv"]
        profile = archive.read("profile.csv").decode("utf-8-sig")
        assert profile.splitlines() == ["name,city", "Ana,Hà Nội"]
        assert archive.read("orders.csv").decode("utf-8-sig").strip() == ""
