"""The translation check of scripts/test: a .pot and a complete .po per shop language, read as gettext reads them."""

import importlib.util
from pathlib import Path

import pytest
from stride_harness.addons import Addon
from stride_harness.i18n_command import merge_catalogues
from stride_harness.static_checks import run_all
from stride_harness.translations import LANGUAGES, check_translations

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
POT = HEADER + (
    '#. module: my_addon\nmsgid "Size"\nmsgstr ""\n\n'
    '#. module: my_addon\nmsgid ""\n"A long message "\n"on two lines"\nmsgstr ""\n\n'
    '#. module: my_addon\nmsgctxt "shoe"\nmsgid "Width"\nmsgstr ""\n'
)
COMPLETE_PO = HEADER + (
    'msgid "Size"\nmsgstr "Taille"\n\n'
    'msgid "A long message on two lines"\nmsgstr ""\n"Un long message "\n"sur deux lignes"\n\n'
    'msgctxt "shoe"\nmsgid "Width"\nmsgstr "Largeur"\n'
)


def make_addon(tmp_path: Path, po_text: str | None = COMPLETE_PO, pot_text: str | None = POT,
               languages=LANGUAGES) -> Addon:
    i18n = tmp_path / "my_addon" / "i18n"
    i18n.mkdir(parents=True)
    if pot_text is not None:
        (i18n / "my_addon.pot").write_text(pot_text, encoding="utf-8")
    for language in languages:
        if po_text is not None:
            (i18n / f"{language}.po").write_text(po_text, encoding="utf-8")
    return Addon("my_addon", tmp_path / "my_addon", {})


def test_complete_translations_pass(tmp_path):
    assert check_translations(make_addon(tmp_path)) == []


def test_missing_template_fails(tmp_path):
    problems = check_translations(make_addon(tmp_path, pot_text=None))
    assert problems == ["my_addon: i18n/my_addon.pot is missing (export it from a database, see scripts/i18n)"]


def test_each_missing_language_file_is_named(tmp_path):
    problems = check_translations(make_addon(tmp_path, languages=("vi", "es", "fr", "de")))
    assert problems == ["my_addon/zh_CN: i18n/zh_CN.po is missing"]


@pytest.mark.parametrize("po_text", [
    COMPLETE_PO.replace('msgid "Size"\nmsgstr "Taille"\n\n', ""),           # msgid absent
    COMPLETE_PO.replace('msgstr "Taille"', 'msgstr ""'),                       # empty msgstr
    COMPLETE_PO.replace('msgid "Size"', '#, fuzzy\nmsgid "Size"'),             # msgmerge's guess
    COMPLETE_PO.replace('msgid "Size"\nmsgstr "Taille"', '#~ msgid "Size"\n#~ msgstr "Taille"'),  # obsolete
])
def test_a_message_without_a_usable_translation_is_counted_per_language(tmp_path, po_text):
    problems = check_translations(make_addon(tmp_path, po_text=po_text))
    assert problems == [f"my_addon/{language}: 1 of 3 msgid(s) untranslated, e.g. 'Size'" for language in LANGUAGES]


def test_the_context_is_part_of_the_message(tmp_path):
    po_text = COMPLETE_PO.replace('msgctxt "shoe"\n', "")
    problems = check_translations(make_addon(tmp_path, po_text=po_text), ("fr",))
    assert problems == ["my_addon/fr: 1 of 3 msgid(s) untranslated, e.g. 'Width'"]


def test_an_unreadable_catalogue_is_a_problem_not_a_crash(tmp_path):
    problems = check_translations(make_addon(tmp_path, po_text=HEADER + 'msgid "Size"\nnot gettext\n'),
                                  ("de",))
    assert len(problems) == 1 and problems[0].startswith("my_addon/de: i18n/de.po cannot be read")


def test_scripts_test_runs_the_translation_check(tmp_path):
    addon = make_addon(tmp_path, po_text=None)
    results = {result.name: result for result in run_all(tmp_path, [addon], None)}
    assert not results["translations"].ok
    assert len(results["translations"].problems) == len(LANGUAGES)


@pytest.mark.skipif(importlib.util.find_spec("polib") is None, reason="polib (an Odoo requirement) is not installed")
def test_scripts_i18n_merges_new_messages_empty_and_keeps_translations(tmp_path):
    po_text = COMPLETE_PO.replace('msgctxt "shoe"\nmsgid "Width"\nmsgstr "Largeur"\n', 'msgid "Gone"\nmsgstr "Parti"\n')
    addon = make_addon(tmp_path, po_text=po_text, languages=("fr",))
    done = merge_catalogues(addon.path / "i18n", "my_addon", ("fr", "vi"))
    assert done == ["my_addon/fr.po: merged", "my_addon/vi.po: created"]
    fr = (addon.path / "i18n" / "fr.po").read_text(encoding="utf-8")
    assert 'msgstr "Taille"' in fr and "fuzzy" not in fr
    assert '#~ msgid "Gone"' in fr  # no longer in the .pot: kept aside, not counted
    # The new message is there to translate, and the check names it until someone does.
    assert check_translations(addon, ("fr", "vi")) == [
        "my_addon/fr: 1 of 3 msgid(s) untranslated, e.g. 'Width'",
        "my_addon/vi: 3 of 3 msgid(s) untranslated, e.g. 'Size'; 'A long message on two lines'; 'Width'",
    ]
