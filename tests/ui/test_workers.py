"""Background tasks: a result that arrives after its window is gone touches nothing."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QObject, QThreadPool
from PySide6.QtWidgets import QApplication

from reader.ui.workers import Dispatcher

pytestmark = pytest.mark.gui


@pytest.mark.parametrize(("owner_deleted", "calls"), [(False, [42]), (True, [])])
def test_a_late_result_skips_a_deleted_owner(qapp, owner_deleted: bool, calls: list[int]) -> None:
    pool = QThreadPool()
    dispatcher = Dispatcher(pool)
    owner = QObject()
    received: list[int] = []
    dispatcher.start("task", lambda job: 42, on_finished=received.append, owner=owner)
    assert pool.waitForDone(5000)  # the result is queued to the GUI thread, not yet delivered
    if owner_deleted:
        shiboken6.delete(owner)  # the window closed before the event loop delivered the result
    QApplication.processEvents()
    assert received == calls
    assert not dispatcher.busy
