"""Character normalisation of imported text."""

from __future__ import annotations

import pytest

from reader.core.normalize import normalize_text

pytestmark = pytest.mark.core


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("⾛路", "走路"),  # Kangxi radical U+2F9B from a PDF text layer becomes the ordinary character
        ("⼀带⼀路", "一带一路"),  # Kangxi radical one
        ("⼤家", "大家"),  # Kangxi radical big
        ("\uf907龜", "龜龜"),  # CJK compatibility ideograph U+F907 maps to its unified form (NFC)
        ("中文，标点。（括号）", "中文，标点。（括号）"),  # full-width punctuation is not turned into ASCII
        ("ＡＢＣ１２３", "ＡＢＣ１２３"),  # full-width Latin stays as typed: NFKC is never applied to the text
        ("第一行\r\n第二行\r第三行", "第一行\n第二行\n第三行"),  # CRLF and CR
        ("甲\u2028乙", "甲\n乙"),  # Unicode line separator
        ("零\u200b宽\u200d字\ufeff符", "零宽字符"),  # zero-width characters vanish
        ("不\u00a0换行", "不 换行"),  # no-break space becomes a plain space
        ("\u3000\u3000缩进", "\u3000\u3000缩进"),  # ideographic spaces survive: they mark paragraph indents
        ("e\u0301", "é"),  # combining accent composed (NFC)
        ("软\u00ad连字符", "软连字符"),  # soft hyphen vanishes
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    "unit",
    [
        "中文。\r\n",  # Windows line breaks: a pair is never cut between slices
        "e\u0301段\n",  # a combining accent composes inside its line
        "\u2f9b\u200b\u00a0走\n",  # radical, zero-width and no-break spaces, as in a short text
        "没有换行的长段落" * 20,  # no line break for a long stretch: the slice runs on to the next one
    ],
)
def test_a_long_text_is_normalised_in_slices_exactly_as_in_one_pass(unit: str) -> None:
    from reader.core import normalize

    text = unit * (3 * normalize._SLICE // len(unit) + 7)
    assert normalize.normalize_text(text) == normalize._normalize_slice(text)


@pytest.mark.parametrize(
    "text",
    [
        "",  # nothing to count
        "汉字abc" * 40_000,  # longer than a slice: counted across slice boundaries
        "a" * 70_000 + "字",  # the only Han character in the second slice
        "\U00020000" * 66_000,  # Extension B characters (outside the BMP) are one character each
    ],
)
def test_count_han_in_slices_counts_every_character(text: str) -> None:
    from reader.core.chars import count_han, is_han

    assert count_han(text) == sum(1 for char in text if is_han(char))
