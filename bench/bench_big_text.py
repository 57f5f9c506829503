"""Issue 17 item 16: a text near the 20 MB limit in the GUI — time to the first analysed screen, stalls, memory.

Run: ``.venv/bin/python -m bench.bench_big_text [MEGABYTES]`` (default 18; offscreen Qt, a fresh data folder).

The text is the bundled sample's paragraphs repeated, each made unique by a running number (so the library does
not merge identical parts), with no chapter headings: the worst case, one article of several million characters.
Measured in the GUI process, warm (the sample opened first, so the dictionary is compiled and jieba loaded):
from File ▸ Open to the first part shown with words and pinyin; opening the next part (Next Chapter, 8 times);
the longest gap between ticks of a 10 ms timer on the GUI thread (an event-loop stall) while all of this runs
(and, as the machine's noise floor, in 5 s of an idle window before), and the process's peak resident memory.
Then, if ``../shared/realdocs`` is there, a real novel (水浒传, 949 KB, 楔子 and 40 chapters) is imported as a book
and chapters 2–9 opened with Next Chapter: time until the chapter's text is shown, until the first batch of
paragraphs (the screen) has its words and pinyin, and until the whole chapter has them.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication

from bench.bench_gui import _open_file, _wait, _window
from reader.core.model import BlockKind
from reader.core.paths import SAMPLE_ARTICLE
from reader.core.pipeline import structure

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


def big_text(megabytes: float) -> str:
    """About ``megabytes`` MB (UTF-8) of Chinese paragraphs without chapter headings, every paragraph unique."""
    document = structure(SAMPLE_ARTICLE.read_text(encoding="utf-8"))
    paragraphs = [b.text for a in document.articles for b in a.blocks if b.kind is BlockKind.PARAGRAPH]
    target = int(megabytes * 1024 * 1024)
    out: list[str] = []
    size = 0
    number = 0
    while size < target:
        paragraph = f"（{number}）{paragraphs[number % len(paragraphs)]}"
        out.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
        number += 1
    return "\n\n".join(out)


class StallMeter:
    """Ticks every 10 ms on the GUI thread and keeps the longest gap between two ticks (an event-loop stall)."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.clock.start()
        self.last = 0
        self.worst = 0
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        """Record the gap since the previous tick."""
        now = self.clock.elapsed()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def reset(self) -> None:
        """Start a new measurement."""
        self.last = self.clock.elapsed()
        self.worst = 0


#: How many times Next Chapter is measured in the big text.
NEXT_STEPS = 8

#: A real novel with chapter headings (shared test documents, not in the repository): chapters open one by one.
NOVEL = Path(__file__).resolve().parents[2] / "shared" / "realdocs" / "novel_shuihuzhuan_utf8_crlf_xiezi-ch40.txt"


def chapter_opening(window: MainWindow, path: Path) -> dict[str, float]:
    """Import a real novel, then open chapters 2–9 with Next Chapter: median ms until shown and until analysed."""
    done: list[int] = []
    window.controller.analysis_done.connect(done.append)
    start = time.perf_counter()
    window.files.open_files([path])
    _wait(lambda: bool(done), timeout=600)
    imported = time.perf_counter() - start
    shown_ms, first_ms, analysed_ms = [], [], []
    shown: list[int] = []
    changed: list[float] = []  # when rows got their words and pinyin (the first batch covers the screen)
    window.controller.article_shown.connect(shown.append)
    window.model.dataChanged.connect(lambda *_args: changed.append(time.perf_counter()))
    for _ in range(8):
        shown.clear()
        done.clear()
        start = time.perf_counter()
        window.book_navigation.act_next.trigger()
        _wait(lambda: bool(shown), timeout=60)
        window.view.viewport().repaint()
        shown_ms.append(1000 * (time.perf_counter() - start))
        changed.clear()
        _wait(lambda: bool(done), timeout=60)
        first_ms.append(1000 * ((changed[0] if changed else time.perf_counter()) - start))
        analysed_ms.append(1000 * (time.perf_counter() - start))
    return {
        "novel_import_and_first_chapter_s": round(imported, 1),
        "chapter_shown_ms_median": round(statistics.median(shown_ms)),
        "chapter_first_screen_analysed_ms_median": round(statistics.median(first_ms)),
        "chapter_analysed_ms_median": round(statistics.median(analysed_ms)),
        "chapter_analysed_ms_max": round(max(analysed_ms)),
    }


def main() -> None:
    """Import and open the big text in the window; print the figures as JSON."""
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 18.0
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.txt"
        path.write_text(big_text(megabytes), encoding="utf-8")
        window = _window(Path(folder) / "home")
        _open_file(window, SAMPLE_ARTICLE)  # warm: the dictionary compiled, jieba and the pinyin model loaded
        meter = StallMeter()
        idle_until = time.perf_counter() + 5
        _wait(lambda: time.perf_counter() > idle_until)  # the noise floor: stalls of an idle window on this machine
        stall_idle = meter.worst
        meter.reset()
        done: list[int] = []
        imported: list[float] = []
        window.controller.analysis_done.connect(done.append)
        window.controller.imported.connect(lambda _ids: imported.append(time.perf_counter()))
        imported.clear()
        start = import_start = time.perf_counter()
        window.files.open_files([path])
        _wait(lambda: bool(done), timeout=900)
        first = time.perf_counter() - start
        stall_import = meter.worst
        article_id = done[-1]
        book = window.book_navigation.books.get_book(window.book_navigation.books.book_of(article_id) or 0)
        stalls_next: list[int] = []
        for _ in range(NEXT_STEPS):  # the first, then more: one step's stall depends on what else ran then
            meter.reset()
            done.clear()
            start = time.perf_counter()
            window.book_navigation.act_next.trigger()
            _wait(lambda: bool(done), timeout=300)
            if not stalls_next:
                next_part = time.perf_counter() - start
            stalls_next.append(meter.worst)
        window.view.viewport().repaint()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        novel = chapter_opening(window, NOVEL) if NOVEL.exists() else {}
        print(
            json.dumps(
                {
                    "megabytes": round(path.stat().st_size / 1024 / 1024, 1),
                    "characters": sum(c.char_count for c in book.chapters),
                    "parts": len(book.chapters),
                    "imported_s": round(imported[0] - import_start, 1) if imported else None,
                    "first_part_analysed_s": round(first, 1),
                    "next_part_analysed_s": round(next_part, 2),
                    "worst_stall_idle_ms": stall_idle,
                    "worst_stall_import_ms": stall_import,
                    "worst_stall_next_part_ms": max(stalls_next),
                    "stall_each_next_part_ms": stalls_next,
                    "peak_rss_mb": round(peak),
                    **novel,
                }
            )
        )
        window.close()
        app.processEvents()


if __name__ == "__main__":
    main()
