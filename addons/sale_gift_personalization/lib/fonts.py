"""Fonts offered to personalised texts: the same files feed the live preview (CSS) and the proof (Pillow).

(owner: core) Keys are stored in ``product.attribute.value.personalization_font``; never rename a key.
"""

FONT_SELECTION = [
    ("sans", "Sans"),
    ("script", "Script"),
    ("handwriting", "Handwriting"),
]
