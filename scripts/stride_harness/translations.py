"""The translation check: every addon ships ``i18n/<addon>.pot`` and a complete ``.po`` for each shop language."""

from pathlib import Path

from babel.messages.pofile import PoFileError, read_po

from .addons import Addon

LANGUAGES = ("vi", "es", "fr", "de", "zh_CN")
EXAMPLES = 3


def _read(path: Path):
    with path.open("rb") as handle:
        return read_po(handle, abort_invalid=True)


def _translated(message) -> bool:
    """A usable translation: every msgstr (all plural forms) filled, and not a fuzzy guess left by msgmerge."""
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return not message.fuzzy and all(strings)


def untranslated(pot: Path, po: Path) -> tuple[int, list[str]]:
    """How many messages of the template ``pot`` the catalogue ``po`` lacks or leaves empty or fuzzy (the header
    does not count), with their msgids."""
    catalog = _read(po)
    missing = []
    template = [message for message in _read(pot) if message.id]
    for message in template:
        translation = catalog.get(message.id, message.context)
        if translation is None or not _translated(translation):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return len(template), missing


def check_translations(addon: Addon, languages: tuple[str, ...] = LANGUAGES) -> list[str]:
    """The translation problems of one addon: a missing template or catalogue, or messages left untranslated."""
    folder = addon.path / "i18n"
    pot = folder / f"{addon.name}.pot"
    if not pot.is_file():
        return [f"{addon.name}: i18n/{pot.name} is missing (export it from a database, see scripts/i18n)"]
    problems = []
    for language in languages:
        po = folder / f"{language}.po"
        if not po.is_file():
            problems.append(f"{addon.name}/{language}: i18n/{po.name} is missing")
            continue
        try:
            total, missing = untranslated(pot, po)
        except (PoFileError, ValueError, IndexError) as error:  # babel names only some of its parse errors
            problems.append(f"{addon.name}/{language}: i18n/{po.name} cannot be read: {error}")
            continue
        if missing:
            examples = "; ".join(repr(msgid[:60]) for msgid in missing[:EXAMPLES])
            problems.append(f"{addon.name}/{language}: {len(missing)} of {total} msgid(s) untranslated, "
                            f"e.g. {examples}")
    return problems
