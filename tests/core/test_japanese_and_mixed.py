"""Japanese text is named as such (and opens when the learner insists); a file mixing GBK and Big5 is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.core.chars import LooksJapaneseError, check_not_japanese
from reader.core.errors import InputError
from reader.core.importers import import_pasted, import_path
from reader.core.textio import decode_text

pytestmark = pytest.mark.core

JAPANESE = "日本国憲法は、日本の最高法規であり、国の基本的なあり方を定めています。私たちは毎日学校へ行きます。"
KANJI_HEAVY = "内閣総理大臣は国会議員の中から国会の議決で指名する。この指名は他の全ての案件に先だって行う。"


@pytest.mark.parametrize(
    ("text", "japanese"),
    [
        (JAPANESE, True),  # ordinary Japanese: kana throughout
        (KANJI_HEAVY, True),  # kanji-heavy Japanese still writes its particles in kana
        ("我们在银行工作。他喜欢看《哈利・波特》。", False),  # the katakana middle dot is used in Chinese names
        ("他说这家店叫“さくら”，很好吃。" + "我们今天去公园散步，天气很好。" * 10, False),  # a few kana in Chinese
        ("这部动画叫ドラえもん。" + "小朋友都很喜欢看，每天放学以后就回家看。" * 5, False),  # one quoted name
        ("银行ー行长", False),  # the long-vowel mark alone is not Japanese
    ],
)
def test_check_not_japanese(text: str, japanese: bool) -> None:
    if japanese:
        with pytest.raises(LooksJapaneseError, match="looks like Japanese"):
            check_not_japanese(text)
    else:
        check_not_japanese(text)


def test_japanese_file_is_refused_then_opened_on_insistence(tmp_path: Path) -> None:
    path = tmp_path / "kenpo.txt"
    path.write_text(JAPANESE * 3, encoding="utf-8")
    with pytest.raises(LooksJapaneseError, match=r"kenpo\.txt looks like Japanese"):
        import_path(path)
    assert "日本国憲法" in import_path(path, allow_japanese=True).text


def test_pasted_japanese_is_refused_then_opened_on_insistence() -> None:
    with pytest.raises(LooksJapaneseError):
        import_pasted(JAPANESE)
    assert import_pasted(JAPANESE, allow_japanese=True).text


def test_cli_names_the_flag_and_the_flag_opens_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "kenpo.txt"
    path.write_text(JAPANESE * 3, encoding="utf-8")
    assert main(["import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "looks like Japanese" in err and "--allow-japanese" in err and err.count("\n") == 1
    assert main(["import", "--allow-japanese", str(path)]) == 0


SIMPLIFIED = "我们今天去公园散步，天气很好，大家都很高兴。学生们在学校里认真学习，老师说明天要考试。\n"
TRADITIONAL = "我們今天去公園散步，天氣很好，大家都很高興。學生們在學校裡認真學習，老師說明天要考試。\n"


@pytest.mark.parametrize(
    ("data", "accepted"),
    [
        # first half GBK, second half Big5: one decoding shows mojibake for half the file
        ((SIMPLIFIED * 200).encode("gbk") + (TRADITIONAL * 200).encode("big5"), False),
        # the same the other way round
        ((TRADITIONAL * 200).encode("big5") + (SIMPLIFIED * 200).encode("gbk"), False),
        # all GBK: fine
        ((SIMPLIFIED * 400).encode("gbk"), True),
        # all Big5: fine
        ((TRADITIONAL * 400).encode("big5"), True),
    ],
)
def test_mixed_gbk_and_big5_is_refused(data: bytes, accepted: bool) -> None:
    if accepted:
        assert "今天" in decode_text(data)
    else:
        with pytest.raises(InputError, match="mixes two Chinese encodings"):
            decode_text(data)
