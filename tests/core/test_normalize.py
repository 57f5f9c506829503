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
