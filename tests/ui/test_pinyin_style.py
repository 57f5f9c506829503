"""The chosen pinyin style and tone options reach every place pinyin is shown: the reading view and
``reader annotate`` alike (one core function), and the deck window."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from reader.cli import main
from reader.core.pinyin.styles import PinyinStyle
from reader.ui.deck.model import DeckColumn, DeckRole
from reader.ui.deck.window import DeckWindow
from reader.ui.main_window import MainWindow
from tests.conftest import share_dictionary_index
from tests.ui.journey import trigger

pytestmark = pytest.mark.gui

#: 姐姐 (3-3 sandhi after citation tones), 一定 (一 before a fourth tone), 知道 (a neutral tone), 绿 (ü), 了.
TEXT = "我姐姐一定知道绿色的银行了。"


def _cli_pinyin(home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *flags: str) -> Any:
    """Each word's pinyin as ``reader annotate --json`` prints it for ``TEXT`` with ``flags``."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(f"{TEXT}\n".encode())))
    status = main(["--data-dir", str(home), "annotate", "--json", "--keep-lines", "--no-translate", *flags, "-"])
    out, _ = capsys.readouterr()
    assert status == 0
    tokens = json.loads(out)["articles"][0]["blocks"][0]["sentences"][0]["tokens"]
    return [(t["text"], t["pinyin"]) for t in tokens if t["pinyin"] is not None]


def _gui_pinyin(main_window: MainWindow) -> list[tuple[str, list[str]]]:
    """Each word's pinyin as the reading view draws it over the first paragraph."""
    boxes = main_window.view.layout_for(0).boxes
    return [(box.text, [text for text, _ in box.syllables]) for box in boxes if box.syllables]


@pytest.mark.parametrize(
    ("style", "citation", "sandhi"),
    [
        (PinyinStyle.MARKS, False, False),  # the defaults
        (PinyinStyle.NUMBERS, True, False),  # citation tones: 姐姐 jie3 jie3, 知道 zhi1 dao4
        (PinyinStyle.ZHUYIN, False, True),  # spoken tones: 一定 yi2 ding4
        (PinyinStyle.MARKS, True, True),  # both: citation first, then sandhi (姐姐 jié jiě)
    ],
)
def test_reading_view_and_annotate_show_the_same_pinyin(
    main_window: MainWindow,
    qtbot: Any,
    shared_cache: Path,
    dictionary: Any,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    style: PinyinStyle,
    citation: bool,
    sandhi: bool,
) -> None:
    QGuiApplication.clipboard().setText(TEXT)
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=30_000):
        main_window.files.paste_article()
    main_window.view_options.update_view(pinyin_style=style, citation_tones=citation, tone_sandhi=sandhi)
    home = shared_cache / "cli_home"
    share_dictionary_index(dictionary, home / "cache")
    flags = ["--pinyin-style", style.value]
    flags += ["--citation-tones"] if citation else []
    flags += ["--tone-sandhi"] if sandhi else []
    assert _gui_pinyin(main_window) == _cli_pinyin(home, capsys, monkeypatch, *flags)


def _open_deck(main_window: MainWindow, qtbot: Any) -> DeckWindow:
    main_window.app.deck.add("绿色", "lv4 se4", definition="green", sentence="绿色的银行。")
    trigger(main_window, "Words ▸ Open Deck…")
    window = main_window.findChild(DeckWindow)
    assert window is not None
    qtbot.waitExposed(window)
    rect = window.table.visualRect(window.model.index(0, DeckColumn.WORD))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(window.act_copy.isEnabled)
    return window


def _deck_pinyin(window: DeckWindow) -> tuple[str, list[str], str]:
    """The Pinyin cell, the syllables its delegate paints, and what Edit ▸ Copy puts on the clipboard."""
    index = window.model.index(0, DeckColumn.PINYIN)
    syllables = [text for text, _ in window.model.index(0, 0).data(DeckRole.SYLLABLES)]
    trigger(window, "Edit ▸ Copy")
    return index.data(), syllables, QGuiApplication.clipboard().text().split("\t")[1]


@pytest.mark.journey("View ▸ Pinyin ▸ Tone Numbers (hao3)", "View ▸ Pinyin ▸ Zhuyin (ㄏㄠˇ)")
def test_the_deck_window_follows_the_pinyin_style(main_window: MainWindow, qtbot: Any) -> None:
    window = _open_deck(main_window, qtbot)
    assert _deck_pinyin(window) == ("lǜ sè", ["lǜ", "sè"], "lǜ sè")
    trigger(main_window, "View ▸ Pinyin ▸ Tone Numbers (hao3)")
    assert _deck_pinyin(window) == ("lv4 se4", ["lv4", "se4"], "lv4 se4")
    assert "lv4" in window.detail.toPlainText()
    trigger(main_window, "View ▸ Pinyin ▸ Zhuyin (ㄏㄠˇ)")
    assert _deck_pinyin(window) == ("ㄌㄩˋ ㄙㄜˋ", ["ㄌㄩˋ", "ㄙㄜˋ"], "ㄌㄩˋ ㄙㄜˋ")
    assert "ㄌㄩˋ" in window.detail.toPlainText()
    window.close()
