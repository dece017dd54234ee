"""What a customer may type into a rating form: the score and the comment.

Plain functions, no ORM: the models call them and word the refusals.
"""

RATING_MIN = 1
RATING_MAX = 5
# Long enough for a real review, short enough that a script cannot fill the database through the portal.
COMMENT_MAX_LENGTH = 2000


def parse_rating(value: object) -> int | None:
    """`value` as a whole score from 1 to 5, or None when it is anything else.

    Accepts an int (not a bool) or a string of one ASCII digit, spaces around allowed: what the form's radio buttons
    and API callers send. Unicode digits ("²", "٣"), decimals ("5.0"), signs, lists and empty values are refused
    rather than guessed at.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        score = value
    elif isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        score = int(value.strip())
    else:
        return None
    return score if RATING_MIN <= score <= RATING_MAX else None


def clean_comment(value: object) -> str:
    """The comment as typed, without surrounding blanks; "" for no comment (None, False, or not a string)."""
    return value.strip() if isinstance(value, str) else ""
