"""Write export files so that they are either absent, the old file, or the complete new one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reader.core.errors import ReaderError


class ExportError(ReaderError):
    """An export file cannot be written (missing folder, no permission, disk full)."""


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; when the block succeeds, rename it over ``path``.

    If the block raises, the temporary file is removed and ``path`` is left as it was. ``OSError`` becomes
    :class:`ExportError` with one sentence.
    """
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name to export to.")
    if not path.parent.is_dir():
        raise ExportError(f"The folder {path.parent} does not exist.")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise ExportError(f"{path} cannot be written ({exc.strerror or exc}).") from exc
    os.close(handle)
    temp = Path(temp_name)
    try:
        yield temp
        os.replace(temp, path)
    except OSError as exc:
        raise ExportError(f"{path} cannot be written ({exc.strerror or exc}).") from exc
    finally:
        if temp.exists():
            temp.unlink()


def write_text(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically (flushed to disk before the rename), newlines as given."""
    with atomic_output(path) as temp, open(temp, "w", encoding=encoding, newline="") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())
