"""Crash reports: one file per crash in the log folder, never overwriting an earlier one."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

#: Attempts at a free name before giving up (two crashes in one second take the first two).
_MAX_ATTEMPTS = 1000


def write_crash_log(logs: Path, details: str, *, now: datetime | None = None) -> Path:
    """Write ``details`` to a new ``crash-YYYYmmdd-HHMMSS[-N].log`` in ``logs`` and return its path.

    The file is created exclusively, so two crashes in the same second (or two processes) each keep their own
    report. Raises :class:`OSError` if the folder cannot be written.
    """
    logs.mkdir(parents=True, exist_ok=True)
    stamp = f"crash-{(now or datetime.now()):%Y%m%d-%H%M%S}"
    for attempt in range(_MAX_ATTEMPTS):
        path = logs / (f"{stamp}.log" if attempt == 0 else f"{stamp}-{attempt}.log")
        try:
            with open(path, "x", encoding="utf-8", errors="backslashreplace") as stream:
                stream.write(details)
        except FileExistsError:
            continue
        return path
    raise OSError(f"no free crash log name in {os.fspath(logs)}")
