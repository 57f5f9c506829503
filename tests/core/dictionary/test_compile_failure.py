"""A full disk while the dictionary compiles: one sentence for the user, the traceback only in the log."""

from __future__ import annotations

import errno
import queue
from typing import Any

import pytest

from reader.core.dictionary import compile_process
from reader.core.dictionary.errors import DictionaryError

pytestmark = pytest.mark.core


class _Child:
    exitcode = 0

    def is_alive(self) -> bool:
        return True


def test_disk_full_in_the_child_is_one_sentence_and_no_stderr(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    def full_disk(job: Any, progress: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(compile_process, "_compile", full_disk)
    messages: queue.Queue[tuple[Any, ...]] = queue.Queue()
    compile_process._child_main(None, messages)  # type: ignore[arg-type]
    assert capsys.readouterr().err == ""  # nothing on stderr from the child
    with pytest.raises(DictionaryError, match="the disk is full") as raised:
        compile_process._relay(_Child(), messages, None)
    assert "\n" not in str(raised.value)
    assert "Traceback" in caplog.text  # the details went to the log
