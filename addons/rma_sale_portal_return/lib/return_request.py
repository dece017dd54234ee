"""The portal's return request form, read strictly: rows of (field, text), quantities, ids, and the size limits.

Plain functions, no ORM: the controller and `sale.order._rma_portal_check_request` call them.
"""

import re

MAX_REASON_LENGTH = 2000
MAX_PHOTOS = 3
MAX_PHOTO_BYTES = 5 * 1024 * 1024
# The whole form: the photos plus room for the rows of a large order. Odoo's own limit is far above this.
MAX_BODY_BYTES = MAX_PHOTOS * MAX_PHOTO_BYTES + 256 * 1024
PHOTO_MIMETYPES = frozenset({"image/jpeg", "image/png"})

# The fields of one row of rma_sale's form (`<row>-<field>`); anything else in the form is dropped.
ROW_FIELDS = frozenset(
    {"product_id", "sale_line_id", "quantity", "uom_id", "picking_id", "operation_id", "description"}
)

# re.ASCII: \d would also take "٣" or "²" (Python's int() and float() read many of those).
_QUANTITY = re.compile(r"[0-9]{1,6}(?:\.[0-9]{1,4})?", re.ASCII)
_ID = re.compile(r"[1-9][0-9]{0,9}", re.ASCII)
_ROW = re.compile(r"[0-9]{1,4}", re.ASCII)


def parse_quantity(text: str | None) -> float | None:
    """A quantity typed in the form (ASCII digits, an optional decimal point), 0 when empty, or None when unreadable."""
    text = (text or "").strip()
    if not text:
        return 0.0
    return float(text) if _QUANTITY.fullmatch(text) else None


def parse_id(text: str | None) -> int | None:
    """A record id sent by the form (positive ASCII digits), or None."""
    text = (text or "").strip()
    return int(text) if _ID.fullmatch(text) else None


def form_rows(form: dict) -> dict[str, dict[str, str]]:
    """The rows of the form, `{row: {field: text}}`, from its `<row>-<field>` keys; other keys are left out."""
    rows: dict[str, dict[str, str]] = {}
    for key, value in form.items():
        row, _sep, field = key.partition("-")
        if field in ROW_FIELDS and _ROW.fullmatch(row) and isinstance(value, str):
            rows.setdefault(row, {})[field] = value
    return rows
