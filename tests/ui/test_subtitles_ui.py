"""A bilingual subtitle file in the reading window: English labelled as the file's, cue times on hover."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from reader.ui.main_window import MainWindow
from reader.ui.reading.view import WordRef
from tests.core.importers.test_subtitles import BILINGUAL

pytestmark = pytest.mark.gui


def test_subtitle_english_is_labelled_and_cue_time_shows_on_hover(
    main_window: MainWindow, qtbot, tmp_path: Path
) -> None:
    path = tmp_path / "vlog.srt"
    path.write_text(BILINGUAL, encoding="utf-8")
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=60_000):
        main_window.files.open_files([path])
    first = main_window.view.layout_for(0)
    assert first.translation is not None and first.translation.text() == "Sun Li"
    assert first.label == "SUBTITLE TRANSLATION (from the file)"
    viewport = main_window.view.viewport()
    center = main_window.view.word_rect(WordRef(0, 0)).center().toPoint()
    event = QHelpEvent(QEvent.Type.ToolTip, center, viewport.mapToGlobal(center))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(lambda: QToolTip.text() == "00:00:01.080 → 00:00:01.720", timeout=2_000)
    QToolTip.hideText()
    away = QHelpEvent(QEvent.Type.ToolTip, QPoint(1, viewport.height() - 2), viewport.mapToGlobal(QPoint(1, 1)))
    QApplication.sendEvent(viewport, away)
