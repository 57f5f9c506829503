"""Write a file so that it is either the old one or the complete new one, never half-written.

Every file Reader writes (exports, backups, the restored database, the dictionary index, downloaded packs,
jieba's merged dictionary) goes through :func:`atomic_output`, and every rename over an existing file through
:func:`replace_file`, the only call to :func:`os.replace` in Reader:

* the new content goes to a temporary file beside the destination, is flushed to disk, then renamed over it;
* a destination that is a symbolic link is written through: the link stays, its target gets the new content;
* an existing file keeps its permission bits; a new file gets the usual ``0666 & ~umask`` (not ``mkstemp``'s 0600);
* any ``OSError`` becomes :class:`AtomicWriteError` with one sentence, and the temporary file is removed.
"""

from __future__ import annotations

import os
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reader.core.errors import ReaderError

_UMASK_LOCK = threading.Lock()


class AtomicWriteError(ReaderError):
    """A file cannot be written (missing folder, no permission, disk full)."""


def destination_of(path: Path) -> Path:
    """The file that writing ``path`` should change: the final target of a symbolic link, else ``path`` itself."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


@contextmanager
def atomic_output(
    path: Path,
    error: type[Exception] | None = AtomicWriteError,
    *,
    prefix: str | None = None,
    suffix: str = ".tmp",
) -> Iterator[Path]:
    """Yield a temporary path beside ``path``'s destination; when the block succeeds, rename it into place.

    If the block raises, the temporary file is removed and the destination is left as it was. ``OSError`` (and
    a folder where the file should be, or a missing folder) becomes ``error`` with one sentence; with
    ``error=None`` the ``OSError`` itself propagates, for callers that word their own message.
    """
    path = Path(path)
    target = destination_of(path)
    if target.is_dir():
        raise _failure(error, f"{path} is a folder; give a file name to write to.")
    if not target.parent.is_dir():
        raise _failure(error, f"The folder {target.parent} does not exist.")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=prefix or f".{target.name}.", suffix=suffix, dir=target.parent)
    except OSError as exc:
        if error is None:
            raise
        raise error(f"{path} cannot be written ({exc.strerror or exc}).") from exc
    os.close(handle)
    temp = Path(temp_name)
    try:
        yield temp
        os.chmod(temp, _mode_for(target))
        _fsync(temp)
        replace_file(temp, target)
    except OSError as exc:
        if error is None:
            raise
        raise error(f"{path} cannot be written ({exc.strerror or exc}).") from exc
    finally:
        temp.unlink(missing_ok=True)


def replace_file(source: Path | str, target: Path | str) -> None:
    """Rename ``source`` over ``target`` in one step (the old ``target``, if any, is gone only once this succeeds).

    Raises :class:`OSError` as :func:`os.replace` does; both paths should be in the same folder or file system.
    """
    os.replace(source, target)


def _failure(error: type[Exception] | None, sentence: str) -> Exception:
    """The exception to raise for a failure found before writing: ``error(sentence)``, else an ``OSError``."""
    return error(sentence) if error is not None else OSError(sentence)


def write_text_atomic(
    path: Path,
    text: str,
    *,
    encoding: str = "utf-8",
    newline: str | None = "\n",
    error: type[AtomicWriteError] = AtomicWriteError,
) -> Path:
    """Write ``text`` to ``path`` through :func:`atomic_output`; return ``path``.

    ``newline`` is as for :func:`open` (``"\\n"``: line feeds as given on every platform; ``""``: no translation).
    Raises ``error`` (an :class:`AtomicWriteError`) with one sentence if the file cannot be written.
    """
    path = Path(path)
    with atomic_output(path, error) as temp:
        try:
            with open(temp, "w", encoding=encoding, newline=newline) as stream:
                stream.write(text)
        except OSError as exc:
            raise error(f"{path} cannot be written ({exc.strerror or exc}).") from exc
    return path


def _mode_for(target: Path) -> int:
    """Permission bits for the new file: the existing file's, else ``0666`` less the process's umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask (read by setting it, so under a lock against other threads doing the same)."""
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def _fsync(path: Path) -> None:
    """Flush the file's content to disk before it is renamed into place."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
