"""Which personalisation fields apply, given the values the customer chose."""

from collections.abc import Iterable


def field_applies(condition_value_ids: Iterable[int], chosen_value_ids: Iterable[int]) -> bool:
    """A field applies when it has no condition or when one of its condition values is chosen."""
    conditions = set(condition_value_ids)
    return not conditions or bool(conditions & set(chosen_value_ids))


def opted_out(kind: str, chosen_own_value_ids: Iterable[int], custom_value_ids: Iterable[int]) -> bool:
    """A text or image field is skipped when the customer chose one of its values that holds no text or image
    (a Greeting card field's "No card"); with none of its values chosen, it still asks for its text."""
    chosen = set(chosen_own_value_ids)
    return kind in ("text", "image") and bool(chosen) and not chosen & set(custom_value_ids)
