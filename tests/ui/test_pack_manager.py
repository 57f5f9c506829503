"""The Language Packs dialog: listing, installing, downloading (from 127.0.0.1 only), removing, the cache."""

from __future__ import annotations

import dataclasses
import hashlib
import http.server
import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from reader.core.translation.packs import install_pack
from reader.ui.context import AppContext
from reader.ui.dialogs.pack_list_model import PackColumn, PackRole
from reader.ui.dialogs.pack_manager import ARTICLE_TRANSLATION_TASK, SCAN_TASK, PackManagerDialog
from reader.ui.workers import Job
from tests.core.translation_helpers import TINY_PACK, TINY_TOP, serve_folder, tiny_members, write_zip

pytestmark = pytest.mark.gui

PACK_BYTES = TINY_PACK.read_bytes()
WAIT_MS = 15_000


def _index_item(link: str) -> dict[str, Any]:
    return {
        "type": "translate",
        "code": "translate-zh_en",
        "package_version": "0.1",
        "from_code": "zh",
        "from_name": "Chinese",
        "to_code": "en",
        "to_name": "English",
        "links": [link],
        "size": len(PACK_BYTES),
        "sha256": hashlib.sha256(PACK_BYTES).hexdigest(),
    }


def _use_index(app: AppContext, url: str) -> None:
    translator = app.services.translator
    translator.settings = dataclasses.replace(translator.settings, index_url=url)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def ready_events(app_context: AppContext) -> list[str]:
    """Records each translations_ready emission."""
    events: list[str] = []
    app_context.hub.translations_ready.connect(lambda: events.append("ready"))
    return events


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer Yes to every confirmation, recording the questions asked."""
    asked: list[str] = []

    def answer_yes(parent: object, title: str, text: str, *args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer_yes))
    return asked


def _open(app: AppContext, qtbot) -> PackManagerDialog:
    dialog = PackManagerDialog(app)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.state is not None, timeout=WAIT_MS)
    return dialog


@pytest.fixture
def dialog(app_context: AppContext, qtbot) -> PackManagerDialog:
    """The dialog with no pack installed, its first scan shown."""
    return _open(app_context, qtbot)


@pytest.fixture
def dialog_with_pack(app_context: AppContext, qtbot) -> PackManagerDialog:
    """The dialog with the tiny pack installed before it opened."""
    install_pack(TINY_PACK, app_context.services.translator.settings)
    return _open(app_context, qtbot)


def _wait_idle(dialog: PackManagerDialog, qtbot) -> None:
    """Wait for the operation to end and for the scan that follows a failed one."""
    dispatcher = dialog.app.dispatcher
    qtbot.waitUntil(lambda: not dialog.busy and not dispatcher.is_running(SCAN_TASK), timeout=WAIT_MS)


def _installed(app: AppContext) -> list[str]:
    folder = app.services.translator.settings.packages_dir
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


# -- the no-pack state --------------------------------------------------------------------------------------------


def test_no_pack_state_explains_what_is_missing(dialog: PackManagerDialog) -> None:
    banner = dialog.banner.text()
    assert "No Chinese→English language pack is installed" in banner
    assert "machine translation is unavailable" in banner
    assert "sample article still shows its reference translation" in banner
    assert dialog.model.rowCount() == 0
    assert dialog.download_button.isEnabled() and dialog.install_button.isEnabled()
    assert not dialog.remove_button.isEnabled()


# -- installing from a file ---------------------------------------------------------------------------------------


def test_install_from_file_lists_the_pack_and_enables_translation(
    dialog: PackManagerDialog, app_context: AppContext, qtbot, monkeypatch: pytest.MonkeyPatch, ready_events: list[str]
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(TINY_PACK), "")))
    with qtbot.waitSignal(dialog.refreshed, timeout=WAIT_MS):
        dialog.install_button.click()
    model = dialog.model
    assert model.rowCount() == 1
    assert model.data(model.index(0, PackColumn.NAME)) == TINY_TOP
    assert model.data(model.index(0, PackColumn.LANGUAGES)) == "Chinese → English"
    assert model.data(model.index(0, PackColumn.VERSION)) == "0.1"
    assert model.data(model.index(0, PackColumn.USE), PackRole.IN_USE) is True
    assert app_context.services.translator.available
    assert dialog.selected_pack() is not None and dialog.remove_button.isEnabled()  # the new pack is selected
    assert "Machine translation is on" in dialog.banner.text()
    assert dialog.message.text().startswith("Installed Chinese → English")
    assert dialog.changed and ready_events == ["ready"]


def test_install_shows_progress_and_disables_the_buttons_while_it_runs(dialog: PackManagerDialog, qtbot) -> None:
    dialog.install_file(TINY_PACK)
    assert dialog.busy and dialog.progress_bar.isVisibleTo(dialog) and dialog.cancel_button.isVisibleTo(dialog)
    assert not dialog.install_button.isEnabled() and not dialog.download_button.isEnabled()
    _wait_idle(dialog, qtbot)
    assert not dialog.progress_bar.isVisibleTo(dialog) and dialog.install_button.isEnabled()


@pytest.mark.parametrize("pack_file", ["good", "bad"])
def test_install_stops_the_article_translation_and_asks_for_it_again(
    dialog: PackManagerDialog, app_context: AppContext, qtbot, tmp_path: Path, ready_events: list[str], pack_file: str
) -> None:
    started, cancelled = threading.Event(), threading.Event()

    def translating(job: Job) -> None:  # stands in for ArticleController's translation task
        started.set()
        while not job.cancelled():
            time.sleep(0.005)
        cancelled.set()

    app_context.dispatcher.start(ARTICLE_TRANSLATION_TASK, translating)
    assert started.wait(5)
    dialog.install_file(TINY_PACK if pack_file == "good" else _write(tmp_path / "bad.argosmodel", b"x"))
    assert cancelled.wait(5)
    _wait_idle(dialog, qtbot)
    assert ready_events == ["ready"]  # installed, or not: either way the article is translated again
    assert dialog.changed == (pack_file == "good")


@pytest.mark.parametrize(
    "make_file",
    [
        # not a zip at all
        lambda folder: _write(folder / "notes.argosmodel", b"just some text"),
        # a zip whose member climbs out of the pack folder
        lambda folder: write_zip(folder / "escape.argosmodel", {**tiny_members(), f"{TINY_TOP}/../../evil.txt": b"x"}),
        # a pack without its CTranslate2 model
        lambda folder: write_zip(
            folder / "no-model.argosmodel",
            {name: data for name, data in tiny_members().items() if not name.endswith("model.bin")},
        ),
    ],
    ids=["not-a-zip", "path-traversal", "no-model"],
)
def test_invalid_file_gives_one_sentence_and_changes_nothing(
    dialog: PackManagerDialog, app_context: AppContext, qtbot, tmp_path: Path, ready_events: list[str], make_file: Any
) -> None:
    bad = make_file(tmp_path)
    dialog.install_file(bad)
    _wait_idle(dialog, qtbot)
    message = dialog.message.text()
    assert dialog.message.property("kind") == "error"
    assert bad.name in message and message.endswith(".") and "\n" not in message and "Traceback" not in message
    assert _installed(app_context) == [] and dialog.model.rowCount() == 0
    assert not app_context.services.translator.available
    assert not dialog.changed and ready_events == []


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# -- removing -----------------------------------------------------------------------------------------------------


def test_remove_asks_then_removes_the_pack(
    dialog_with_pack: PackManagerDialog, app_context: AppContext, qtbot, questions: list[str], ready_events: list[str]
) -> None:
    dialog = dialog_with_pack
    assert app_context.services.translator.available
    assert dialog.select_pack(TINY_TOP) and dialog.remove_button.isEnabled()
    with qtbot.waitSignal(dialog.refreshed, timeout=WAIT_MS):
        dialog.remove_button.click()
    assert len(questions) == 1 and TINY_TOP in questions[0] and "unavailable" in questions[0]
    assert dialog.model.rowCount() == 0 and _installed(app_context) == []
    assert not app_context.services.translator.available
    assert "No Chinese→English language pack is installed" in dialog.banner.text()
    assert dialog.changed and ready_events == ["ready"]


def test_remove_declined_keeps_the_pack(
    dialog_with_pack: PackManagerDialog, app_context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *args: QMessageBox.StandardButton.No))
    dialog_with_pack.select_pack(TINY_TOP)
    dialog_with_pack.remove_button.click()
    assert not dialog_with_pack.busy
    assert _installed(app_context) == [TINY_TOP] and app_context.services.translator.available


def test_pack_installed_outside_reader_is_picked_up(app_context: AppContext, qtbot, ready_events: list[str]) -> None:
    translator = app_context.services.translator
    assert not translator.available  # scanned once, before argospm (here: the core) installs a pack
    install_pack(TINY_PACK, translator.settings)
    dialog = _open(app_context, qtbot)
    assert translator.available and dialog.model.rowCount() == 1
    assert dialog.changed and ready_events == ["ready"]


# -- downloading --------------------------------------------------------------------------------------------------


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    """The tiny pack and an index naming it, served on 127.0.0.1; yields the index URL."""
    folder = tmp_path / "site"
    folder.mkdir()
    shutil.copy(TINY_PACK, folder / "translate-zh_en-0_1.argosmodel")
    with serve_folder(folder) as base:
        items = [_index_item(base + "translate-zh_en-0_1.argosmodel")]
        (folder / "index.json").write_text(json.dumps(items), encoding="utf-8")
        yield base + "index.json"


def test_download_from_the_index_installs_the_pack(
    dialog: PackManagerDialog, app_context: AppContext, qtbot, site: str, questions: list[str], ready_events: list[str]
) -> None:
    _use_index(app_context, site)
    dialog.download_button.click()
    qtbot.waitUntil(lambda: app_context.services.translator.available and not dialog.busy, timeout=WAIT_MS)
    assert len(questions) == 1 and "Chinese → English" in questions[0] and "47 KB" in questions[0]
    assert dialog.model.rowCount() == 1
    assert dialog.message.text().startswith("Downloaded and installed")
    assert not any(app_context.services.translator.settings.downloads_dir.iterdir())  # file deleted once installed
    assert ready_events == ["ready"]


def test_download_offline_gives_a_clear_message(
    dialog: PackManagerDialog, app_context: AppContext, qtbot, questions: list[str]
) -> None:
    _use_index(app_context, f"http://127.0.0.1:{_closed_port()}/index.json")
    dialog.download_button.click()
    _wait_idle(dialog, qtbot)
    assert "seems to be offline" in dialog.message.text() and dialog.message.property("kind") == "error"
    assert questions == [] and _installed(app_context) == [] and not dialog.changed


class _GatedHandler(http.server.BaseHTTPRequestHandler):
    """Serves the index at once, but holds the pack's body until the test releases it."""

    requested: threading.Event
    release: threading.Event
    index: bytes

    def do_GET(self) -> None:
        body = self.index if self.path.endswith("index.json") else PACK_BYTES
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body is PACK_BYTES:
            self.requested.set()
            self.release.wait(WAIT_MS / 1000)
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def gated_site() -> Iterator[tuple[str, threading.Event, threading.Event]]:
    """A server whose pack download waits for a go; yields (index URL, requested, release)."""
    requested, release = threading.Event(), threading.Event()
    handler: Any = type("Handler", (_GatedHandler,), {"requested": requested, "release": release})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    handler.index = json.dumps([_index_item(base + "pack.argosmodel")]).encode()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield base + "index.json", requested, release
    finally:
        release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_cancel_during_download_installs_nothing(
    dialog: PackManagerDialog,
    app_context: AppContext,
    qtbot,
    gated_site: tuple[str, threading.Event, threading.Event],
    questions: list[str],
) -> None:
    url, requested, release = gated_site
    _use_index(app_context, url)
    dialog.download_button.click()
    qtbot.waitUntil(requested.is_set, timeout=WAIT_MS)
    assert dialog.busy and dialog.cancel_button.isVisibleTo(dialog)
    dialog.cancel_button.click()
    release.set()
    _wait_idle(dialog, qtbot)
    assert "cancelled" in dialog.message.text() and dialog.message.property("kind") == "info"
    assert _installed(app_context) == [] and not app_context.services.translator.available
    downloads = app_context.services.translator.settings.downloads_dir
    assert not downloads.exists() or not any(downloads.iterdir())
    assert not dialog.changed


def test_closing_during_a_download_cancels_it_first(
    dialog: PackManagerDialog,
    app_context: AppContext,
    qtbot,
    gated_site: tuple[str, threading.Event, threading.Event],
    questions: list[str],
) -> None:
    url, requested, release = gated_site
    _use_index(app_context, url)
    dialog.show()
    dialog.download_button.click()
    qtbot.waitUntil(requested.is_set, timeout=WAIT_MS)
    dialog.reject()
    assert dialog.isVisible()  # still open: it closes once the download has stopped
    release.set()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    assert _installed(app_context) == []


# -- the cache and the dialog's life ------------------------------------------------------------------------------


def test_clear_cache_shows_the_count_then_empties_it(app_context: AppContext, qtbot, questions: list[str]) -> None:
    cache = app_context.services.translator.cache
    assert cache is not None
    cache.clear()  # the cache folder is shared by the GUI tests of one run
    cache.put_many("argos translate-zh_en 0.1", [("你好。", "Hello."), ("再见。", "Goodbye.")])
    dialog = _open(app_context, qtbot)
    assert dialog.cache_label.text().startswith("2 translated sentences cached")
    with qtbot.waitSignal(dialog.refreshed, timeout=WAIT_MS):
        dialog.clear_cache_button.click()
    assert cache.count() == 0 and "empty" in dialog.cache_label.text()
    assert not dialog.clear_cache_button.isEnabled() and "2 cached" in questions[0]


def test_manage_returns_and_frees_the_dialog(app_context: AppContext, qtbot) -> None:
    opened: list[PackManagerDialog] = []

    def close_it() -> None:
        widget = QApplication.activeModalWidget()
        assert isinstance(widget, PackManagerDialog)
        opened.append(widget)
        widget.accept()

    QTimer.singleShot(200, close_it)
    assert PackManagerDialog.manage(app_context) == (False, True)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert len(opened) == 1 and not shiboken6.isValid(opened[0])
