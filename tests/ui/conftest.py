"""Fixtures for GUI tests: an application context on a temporary data folder, and the main window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.paths import UserPaths
from reader.core.services import build_services
from reader.core.store.db import open_store
from reader.ui.context import AppContext
from reader.ui.settings import load_view_settings, settings_store
from tests.conftest import share_dictionary_index


@pytest.fixture
def app_context(qapp, tmp_path: Path, shared_cache: Path, dictionary) -> Iterator[AppContext]:  # type: ignore[no-untyped-def]
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
def main_window(app_context: AppContext, qtbot):  # type: ignore[no-untyped-def]
    """The main window on the test context, shown offscreen."""
    from reader.ui.main_window import MainWindow

    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    return window
