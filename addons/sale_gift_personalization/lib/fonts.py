"""Fonts offered to personalised texts: the same files feed the live preview (CSS) and the proof (Pillow).

(owner: core) Keys are stored in ``product.attribute.value.personalization_font``; never rename a key.
The files are the OFL fonts Odoo ships with its web client, referenced by module path (never copied): the preview
loads ``/<path>`` over HTTP, the proof opens the same file through ``odoo.tools.misc.file_path``.
"""

FONT_SELECTION = [
    ("sans", "Sans"),
    ("script", "Script"),
    ("handwriting", "Handwriting"),
]

FONT_FILES = {
    "sans": "web/static/fonts/sign/NotoSans-Reg.ttf",
    "script": "web/static/fonts/sign/MarckScript-Regular.ttf",
    "handwriting": "web/static/fonts/sign/ShadowsIntoLight-Regular.ttf",
}

DEFAULT_FONT = "sans"


def font_url(key: str | None) -> str:
    """The URL the live preview loads the font from (the default font for an unknown key)."""
    return "/" + FONT_FILES.get(key or DEFAULT_FONT, FONT_FILES[DEFAULT_FONT])
