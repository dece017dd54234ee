import pytest

from odoo.addons.sale_gift_personalization.lib.text import normalize_text, text_error


def test_normalize_composes_accents_and_strips():
    assert normalize_text("  Ame\u0301lie ") == "Amélie"
    assert normalize_text(None) == ""


@pytest.mark.parametrize("value", ["Anna & Ben", "Amélie 2026!", "Nguyễn Văn An", "Ørsted-Å"])
def test_latin_accepts_latin_text(value):
    assert text_error(normalize_text(value), 30, "latin") is None


@pytest.mark.parametrize("value, char", [("Анна", "А"), ("王小明", "王"), ("I ❤ you", "❤"), ("x²", "²"), ("٣", "٣")])
def test_latin_refuses_other_scripts_symbols_and_unicode_digits(value, char):
    assert text_error(value, 30, "latin") == ("charset", char)


@pytest.mark.parametrize("value", ["Анна", "王小明", "Nguyễn", "مريم ٣", "नमस्ते"])
def test_letters_accepts_any_script(value):
    assert text_error(normalize_text(value), 30, "letters") is None


def test_letters_refuses_emoji():
    assert text_error("Hi 😀", 30, "letters") == ("charset", "😀")


@pytest.mark.parametrize("value, expected", [("2026", None), ("12 34", None), ("12a", ("charset", "a")),
                                             ("²", ("charset", "²")), ("٣", ("charset", "٣"))])
def test_digits_are_ascii_digits_only(value, expected):
    assert text_error(value, 30, "digits") == expected


def test_length_counts_characters_after_normalisation():
    assert text_error("é" * 5, 5, "latin") is None
    assert text_error(normalize_text("e\u0301" * 5), 5, "latin") is None
    assert text_error("x" * 6, 5, "latin") == ("length", "")
    assert text_error("x" * 600, 0, "latin") is None  # 0: no limit


@pytest.mark.parametrize("char", ["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f", "\u061c"])
def test_bidi_overrides_are_refused(char):
    assert text_error(f"abc{char}def", 30, "letters") == ("bidi", char)


@pytest.mark.parametrize("char", ["\x00", "\x07", "\n", "\t", "\x7f", "\u200b", "\ufeff", "\ue000"])
def test_control_and_invisible_characters_are_refused(char):
    assert text_error(f"abc{char}def", 30, "letters") == ("control", char)


def test_control_refused_before_length():
    assert text_error("\x00" * 100, 5, "letters") == ("control", "\x00")


def test_script_payload_is_plain_text_to_the_rules():
    assert text_error("<script>alert(1)</script>", 40, "latin") is None


def test_unknown_charset_is_a_programming_error():
    with pytest.raises(ValueError):
        text_error("a", 3, "klingon")
