"""Write export files so that they are either absent, the old file, or the complete new one.

The writing itself is :mod:`reader.core.atomic`, shared with every other file Reader writes: through
symbolic links, keeping an existing file's mode, new files by the umask.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reader.core.atomic import AtomicWriteError, write_text_atomic
from reader.core.atomic import atomic_output as _atomic_output


class ExportError(AtomicWriteError):
    """An export file cannot be written (missing folder, no permission, disk full)."""


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path for ``path``; renamed into place when the block succeeds (see the atomic module)."""
    with _atomic_output(path, ExportError) as temp:
        yield temp


def write_text(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically (flushed to disk before the rename), newlines as given."""
    write_text_atomic(path, text, encoding=encoding, newline="", error=ExportError)
