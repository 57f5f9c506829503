"""Issue 5 figures for the reading window: open, paint, resize, cold start, memory.

Run: ``.venv/bin/python -m bench.bench_gui`` (offscreen Qt; a fresh data folder in a temporary directory).

* open: from asking for an article to its first paint with words and pinyin, jieba warm — for a new file
  (import, repair, segmentation and pinyin in the worker) and for an article reopened from the library;
* paint: time to paint one screenful (the viewport repainted synchronously), at every screen of the article;
* resize: time to re-wrap the visible rows and paint after the window width changes;
* cold start: a new process until the window shows the sample's text, and until it shows pinyin;
* memory: peak RSS of that process with the sample open;
* a large library: start-up to a usable window with 1,000 articles (10 M characters) in the library.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from reader.core.paths import SAMPLE_ARTICLE, UserPaths

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

WINDOW = (1440, 900)


def _wait(condition: Callable[[], bool], timeout: float = 120.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if time.perf_counter() > deadline:
            raise TimeoutError("condition not met")


def _window(home: Path) -> MainWindow:
    from reader.core.store.db import open_store
    from reader.ui.app import build_main_window, keep_gui_responsive

    paths = UserPaths(home).ensure()
    window = build_main_window(paths, open_store(paths.database))
    window.resize(*WINDOW)
    window.show()
    keep_gui_responsive(window)
    return window


def _analysed(window: MainWindow) -> bool:
    article = window.model.article
    return bool(article.blocks) and all(s.tokens for b in article.blocks for s in b.sentences)


def _open_file(window: MainWindow, path: Path) -> float:
    done: list[int] = []
    window.controller.analysis_done.connect(done.append)
    start = time.perf_counter()
    window.files.open_files([path])
    _wait(lambda: bool(done))
    window.view.viewport().repaint()
    elapsed = time.perf_counter() - start
    window.controller.analysis_done.disconnect(done.append)
    return elapsed


def _reopen(window: MainWindow, article_id: int) -> float:
    shown: list[int] = []
    window.controller.analysis_done.connect(shown.append)
    start = time.perf_counter()
    window.controller.open_article(article_id)
    _wait(lambda: bool(shown))
    window.view.viewport().repaint()
    elapsed = time.perf_counter() - start
    window.controller.analysis_done.disconnect(shown.append)
    return elapsed


def _paint_times(window: MainWindow) -> list[float]:
    """Paint every screen of the article once its rows are laid out (what scrolling costs per frame)."""
    _wait_idle(window)
    view = window.view
    bar = view.verticalScrollBar()
    times = []
    value = 0
    while True:
        bar.setValue(value)
        start = time.perf_counter()
        view.viewport().repaint()
        times.append(time.perf_counter() - start)
        if value >= bar.maximum():
            break
        value += bar.pageStep()
    return times


def _resize_times(window: MainWindow) -> list[float]:
    """Resize the reading view (its resize event re-wraps the rows on screen), then paint once."""
    view = window.view
    height = view.height()
    times = []
    for width in (900, 760, 1040, 820, 980, 700, 900):
        _wait_idle(window)
        start = time.perf_counter()
        view.resize(width, height)
        view.viewport().repaint()
        times.append(time.perf_counter() - start)
    return times


def _wait_idle(window: MainWindow) -> None:
    """Let the view finish laying out rows in the background."""
    _wait(lambda: not window.view._refine_timer.isActive())


def long_article(times: int) -> str:
    """One article ``times`` as long as the sample: a title and the sample's paragraphs, repeated."""
    from reader.core.model import BlockKind
    from reader.core.pipeline import structure

    document = structure(SAMPLE_ARTICLE.read_text(encoding="utf-8"))
    paragraphs = [b.text for a in document.articles for b in a.blocks if b.kind is BlockKind.PARAGRAPH]
    return "\n\n".join(["长文阅读测试", *(paragraphs * times)])


def cold_start() -> dict[str, float]:
    """A new process on a new data folder: time to the sample's text, to pinyin, and peak memory."""
    code = r"""
import json, os, resource, sys, time
t0 = time.perf_counter()
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from reader.core.paths import resolve_user_paths
from reader.core.store.db import open_store
from reader.ui.app import build_main_window, keep_gui_responsive, start_session
paths = resolve_user_paths(sys.argv[1]).ensure()
window = build_main_window(paths, open_store(paths.database))
window.resize(1440, 900)
window.show()
keep_gui_responsive(window)
QTimer.singleShot(0, lambda: start_session(window, []))
def wait(condition):
    while not condition():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
wait(lambda: window.view.row_count() > 0)
window.view.viewport().repaint()
text = time.perf_counter() - t0
wait(lambda: any(s.tokens for s in window.model.article.blocks[0].sentences))
window.view.viewport().repaint()
pinyin = time.perf_counter() - t0
wait(lambda: all(s.tokens for b in window.model.article.blocks for s in b.sentences))
window.app.dispatcher.wait(60000)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"text": text, "pinyin": pinyin, "rss": rss}))
"""
    with tempfile.TemporaryDirectory() as folder:
        first = subprocess.run([sys.executable, "-c", code, folder], capture_output=True, text=True, check=True)
        second = subprocess.run([sys.executable, "-c", code, folder], capture_output=True, text=True, check=True)
    cold = json.loads(first.stdout.strip().splitlines()[-1])
    warm = json.loads(second.stdout.strip().splitlines()[-1])
    return {
        "first_text": cold["text"],
        "first_pinyin": cold["pinyin"],
        "first_rss": cold["rss"],
        "again_text": warm["text"],
        "again_pinyin": warm["pinyin"],
        "again_rss": warm["rss"],
    }


LARGE_START = r"""
import json, os, sys, time
t0 = time.perf_counter()
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from reader.core.paths import resolve_user_paths
from reader.ui.app import build_main_window, keep_gui_responsive, open_store_or_recover, start_session
paths = resolve_user_paths(sys.argv[1]).ensure()
window = build_main_window(paths, open_store_or_recover(paths, lambda message, backups: "close"))
window.resize(1440, 900)
window.show()
keep_gui_responsive(window)
QTimer.singleShot(0, lambda: start_session(window, []))
def wait(condition):
    while not condition():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
wait(lambda: window.library_panel.model.rowCount() > 0 and window.view.row_count() > 0)
window.view.viewport().repaint()
usable = time.perf_counter() - t0
print(json.dumps({"usable": usable, "articles": window.library_panel.model.rowCount()}))
"""


def large_library_start(articles: int = 1000) -> dict[str, float]:
    """Start-up to a usable window (library listed, last article shown) with a library of ``articles``."""
    from bench.bench_store import build_library
    from reader.core.store.db import open_store
    from reader.core.store.library import Library

    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        UserPaths(home).ensure()
        built = build_library(home / "reader.sqlite", articles)
        store = open_store(home / "reader.sqlite")
        library = Library(store)
        library.mark_opened(library.list_articles()[0].id)
        store.close()
        runs = []
        for _ in range(3):  # the first run also compiles the dictionary and backs the database up
            out = subprocess.run(
                [sys.executable, "-c", LARGE_START, folder], capture_output=True, text=True, check=True
            )
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {
        "usable": min(run["usable"] for run in runs[1:]),
        "articles": runs[-1]["articles"],
        "characters": built["characters"],
    }


def main() -> None:
    """Print the figures as Markdown table rows."""
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        window = _window(home)
        window.app.services.initialize()
        # Warm-up: the first import also compiles caches; measure after it.
        _open_file(window, SAMPLE_ARTICLE)
        variant = home / "sample_variant.txt"
        variant.write_text(SAMPLE_ARTICLE.read_text(encoding="utf-8").replace("发展", "发展。", 1), encoding="utf-8")
        open_new = _open_file(window, variant)
        article_id = window.controller.article_id
        assert article_id is not None, "the variant did not open"
        reopen = statistics.median(_reopen(window, article_id) for _ in range(5))
        paints = _paint_times(window)
        resizes = _resize_times(window)
        ten = home / "sample_x10.txt"
        ten.write_text(long_article(10), encoding="utf-8")
        open_ten = _open_file(window, ten)
        ten_id = window.controller.article_id
        assert ten_id is not None, "the long article did not open"
        reopen_ten = statistics.median(_reopen(window, ten_id) for _ in range(3))
        paints_ten = _paint_times(window)
        resizes_ten = _resize_times(window)
        window.close()
        window.app.dispatcher.wait(10_000)
        QTimer.singleShot(0, app.quit)
    start = cold_start()
    large = large_library_start()
    ms = 1000
    print(
        f"| open a new file: the sample (import, repair, words, pinyin, layout, first paint) | {open_new * ms:.0f} ms |"
    )
    print(f"| reopen the sample from the library (stored analysis) | {reopen * ms:.0f} ms |")
    characters = len(long_article(10))
    print(f"| open a new file: one article ×10 the sample ({characters:,} characters) | {open_ten * ms:.0f} ms |")
    print(f"| reopen the sample ×10 from the library | {reopen_ten * ms:.0f} ms |")
    print(
        f"| paint one screenful, sample: median / worst of {len(paints)} screens | "
        f"{statistics.median(paints) * ms:.1f} / {max(paints) * ms:.1f} ms |"
    )
    print(
        f"| paint one screenful, sample ×10: median / worst of {len(paints_ten)} screens | "
        f"{statistics.median(paints_ten) * ms:.1f} / {max(paints_ten) * ms:.1f} ms |"
    )
    print(
        f"| resize: re-wrap visible rows and paint, sample: median / worst | "
        f"{statistics.median(resizes) * ms:.1f} / {max(resizes) * ms:.1f} ms |"
    )
    print(
        f"| resize, sample ×10: median / worst | "
        f"{statistics.median(resizes_ten) * ms:.1f} / {max(resizes_ten) * ms:.1f} ms |"
    )
    print(
        f"| cold start, first run (empty data folder): window shows the sample's text | {start['first_text']:.2f} s |"
    )
    print(f"| cold start, first run: pinyin shown | {start['first_pinyin']:.2f} s |")
    print(f"| cold start, later run: text / pinyin | {start['again_text']:.2f} s / {start['again_pinyin']:.2f} s |")
    print(
        f"| peak RSS with the sample open (no translation model), first / later run | "
        f"{start['first_rss']:.0f} / {start['again_rss']:.0f} MB |"
    )
    print(
        f"| start-up to a usable window with {large['articles']:,} articles ({large['characters'] / 1e6:.1f} M "
        f"characters) in the library | {large['usable']:.2f} s |"
    )


if __name__ == "__main__":
    main()
