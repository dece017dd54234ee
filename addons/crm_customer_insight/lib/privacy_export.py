"""Serialise the export of everything held on one customer: JSON, or a zip of one CSV per kind (no ORM here)."""

import csv
import io
import json
import zipfile
from datetime import date, datetime

# A cell starting with one of these is read as a formula by spreadsheets (CSV injection): such cells are quoted.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def json_value(value):
    """A JSON-ready value: dates in ISO 8601, everything else unknown as text."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def to_json(sections: dict[str, list[dict]]) -> bytes:
    """The export as one UTF-8 JSON document, one key per kind of data, in the given order."""
    return json.dumps(sections, default=json_value, ensure_ascii=False, indent=2).encode()


def csv_cell(value) -> str:
    """One CSV cell: empty for nothing, ISO dates, and text a spreadsheet never runs as a formula."""
    if value is None or value is False:
        return ""
    if value is True:
        return "true"
    text = json_value(value) if isinstance(value, (datetime, date)) else str(value)
    if text.startswith(FORMULA_PREFIXES) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def columns_of(rows: list[dict]) -> list[str]:
    """Every key of the rows, in the order first seen (rows of one kind may differ, e.g. added by a bridge)."""
    columns = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    return list(columns)


def to_csv_zip(sections: dict[str, list[dict]]) -> bytes:
    """A zip holding ``<kind>.csv`` per kind of data (UTF-8 with a BOM, so that spreadsheets read accents)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in sections.items():
            text = io.StringIO()
            columns = columns_of(rows)
            writer = csv.writer(text)
            writer.writerow(columns)
            for row in rows:
                writer.writerow([csv_cell(row.get(column)) for column in columns])
            archive.writestr(f"{name}.csv", "\ufeff" + text.getvalue())
    return buffer.getvalue()
