"""Which personalisation fields apply, given the values the customer chose."""

from collections.abc import Iterable


def field_applies(condition_value_ids: Iterable[int], chosen_value_ids: Iterable[int]) -> bool:
    """A field applies when it has no condition or when one of its condition values is chosen."""
    conditions = set(condition_value_ids)
    return not conditions or bool(conditions & set(chosen_value_ids))


def applicable_fields(fields: Iterable[dict], chosen_value_ids: Iterable[int]) -> list[dict]:
    """The fields (dicts with 'condition_value_ids') that apply, in their order."""
    chosen = set(chosen_value_ids)
    return [field for field in fields if field_applies(field.get("condition_value_ids") or (), chosen)]


def missing_required(fields: Iterable[dict], chosen_value_ids: Iterable[int], filled_line_ids: Iterable[int]) -> list[dict]:
    """The required fields that apply and whose line was not filled (dicts with 'line_id', 'required')."""
    filled = set(filled_line_ids)
    return [
        field for field in applicable_fields(fields, chosen_value_ids)
        if field.get("required") and field["line_id"] not in filled
    ]
