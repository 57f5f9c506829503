"""Fixtures for GUI tests: the guard every GUI test runs under, an application context, and the main window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

from reader.core.paths import UserPaths
from reader.core.services import build_services
from reader.core.store.db import open_store
from reader.ui.context import AppContext
from reader.ui.settings import load_view_settings, settings_store
from reader.ui.theme import fit_widgets_to_palette
from tests.conftest import share_dictionary_index
from tests.ui import journey


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/ui is a GUI test."""
    for item in items:
        if "tests/ui/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.gui)


def _flush_deletes() -> None:
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()


@pytest.fixture(autouse=True)
def gui_guard(request: pytest.FixtureRequest, qapp, reader_home: Path, tmp_path: Path) -> Iterator[None]:
    """Fail a GUI test that leaves something behind a person would hit later.

    Exceptions that reach Qt's event loop already fail the test (pytest-qt's capture). On top of that, after the
    test's own fixtures are torn down: no crash log was written, no window it opened is still alive, no timer
    of the app still runs (a debounce timer firing into a closed store crashed a later test), and every menu
    path its ``journey`` marker names was really triggered through :func:`tests.ui.journey.trigger`.
    """
    _flush_deletes()
    windows_before = set(QApplication.topLevelWidgets())
    journey.TRIGGERED.clear()
    yield
    _flush_deletes()
    problems: list[str] = []
    crash_logs = sorted({*reader_home.rglob("crash-*.log"), *tmp_path.rglob("crash-*.log")})
    if crash_logs:
        problems.append(f"the crash hook wrote {[p.name for p in crash_logs]}")
    left: list[QWidget] = [w for w in QApplication.topLevelWidgets() if w not in windows_before]
    if left:
        problems.append(f"windows outlived the test: {[type(w).__name__ + ' ' + w.objectName() for w in left]}")
    timers = journey.live_timers([qapp, *left])
    if timers:
        problems.append(f"timers still running: {[(t.parent().__class__.__name__, t.interval()) for t in timers]}")
    for widget in left:  # leave a clean slate for the next test whatever happened
        widget.close()
        widget.deleteLater()
    _flush_deletes()
    for marker in request.node.iter_markers("journey"):
        missing = [path for path in marker.args if path not in journey.TRIGGERED]
        if missing:
            problems.append(f"journey marker names menu items the test never triggered: {missing}")
    if problems:
        pytest.fail("; ".join(problems), pytrace=False)


@pytest.fixture
def app_context(qapp, tmp_path: Path, shared_cache: Path, dictionary) -> Iterator[AppContext]:
    """An AppContext with its own database and settings; the derived caches (jieba, dictionary) are shared."""
    home = tmp_path / "home"
    home.mkdir()
    shared = shared_cache / "ui_cache"
    shared.mkdir(exist_ok=True)
    share_dictionary_index(dictionary, shared)
    (home / "cache").symlink_to(shared, target_is_directory=True)
    paths = UserPaths(home).ensure()
    store = open_store(paths.database)
    settings = settings_store(home)
    context = AppContext(paths, build_services(paths), store, settings, load_view_settings(settings))
    yield context
    context.dispatcher.cancel_all()
    context.dispatcher.wait(10_000)
    context.services.translator.close()
    store.close()


@pytest.fixture
def main_window(app_context: AppContext, qtbot):
    """The main window on the test context, shown offscreen."""
    from reader.ui.main_window import MainWindow

    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


def pytest_terminal_summary(terminalreporter) -> None:
    """Print how many menu items the journey tests drove (when the coverage test ran)."""
    from tests.ui.test_journey_coverage import coverage_line

    line = coverage_line()
    if line:
        terminalreporter.write_line(line)


@pytest.fixture(autouse=True)
def restore_look(qapp: QApplication) -> Iterator[None]:
    """Put the application's style, palette and style sheet back after each test.

    A test that chooses the dark theme (Preferences, View ▸ Theme) must not leave it to the next one: a later test
    that measures how light the window is would pass or fail with the order the tests run in.
    """
    style, palette, sheet = qapp.style().name(), QPalette(qapp.palette()), qapp.styleSheet()
    yield
    if qapp.style().name() != style:
        qapp.setStyle(QStyleFactory.create(style))
    if qapp.palette() != palette or qapp.styleSheet() != sheet:
        qapp.setPalette(palette)
        qapp.setStyleSheet(sheet)
        fit_widgets_to_palette(qapp)
