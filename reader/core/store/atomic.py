"""Write a file so that it is either the old one or the complete new one, never half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from reader.core.errors import ReaderError


def write_text_atomic(path: Path, text: str, *, encoding: str = "utf-8") -> Path:
    """Write ``text`` to a temporary file beside ``path``, flush it to disk and rename it over ``path``.

    Raises :class:`ReaderError` with one sentence if the folder cannot be written.
    """
    path = Path(path)
    temp_name = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "w", encoding=encoding, newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except OSError as exc:
        if temp_name is not None and os.path.exists(temp_name):
            os.unlink(temp_name)
        raise ReaderError(f"{path} could not be written ({exc.strerror or exc}).") from exc
    return path
