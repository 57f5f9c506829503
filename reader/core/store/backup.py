"""Daily copies of the database with SQLite's online backup API; listing, pruning and restoring them.

A backup is a complete, self-contained database file (``reader-YYYYmmdd-HHMMSS.sqlite``) written under a temporary
name and renamed when done, so a crash never leaves a half-written backup under a real name. It is taken through a
separate read connection, so the app's own connection (and the GUI) is not blocked while it runs; in WAL mode the
copy is one consistent snapshot.

Restoring and starting fresh never delete anything: the current file is first renamed with
:func:`reader.core.store.db.move_aside`. Both require the store to be closed.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reader.core.atomic import atomic_output
from reader.core.errors import StoreError
from reader.core.store.db import SQLITE_HEADER, Store, StoreCorruptError, move_aside

log = logging.getLogger(__name__)

#: Backups kept by :func:`backup_if_due` unless told otherwise.
DEFAULT_KEEP = 7
_NAME = re.compile(r"^reader-(\d{8}-\d{6})(?:-(\d+))?\.sqlite$")


_SET_ASIDE = re.compile(r"\.bad-(\d{8}-\d{6})(?:-(\d+))?$")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file: where it is, when it was taken (local time), its size in bytes and its kind.

    ``kind`` is ``"backup"`` for a copy Reader made, ``"set aside"`` for a database that Restore or Start Fresh
    moved out of the way (it may hold work done after the newest backup, so it can be restored too).
    """

    path: Path
    created: datetime
    size: int
    kind: str = "backup"

    @property
    def label(self) -> str:
        """How a list of backups shows it (``2026-12-06 10:15 (reader-20261206-101500.sqlite)``)."""
        extra = ", set aside" if self.kind == "set aside" else ""
        return f"{self.created:%Y-%m-%d %H:%M} ({self.path.name}{extra})"


def list_backups(folder: Path) -> list[BackupInfo]:
    """Return the backups in ``folder``, newest first (files not named like a backup are ignored)."""
    found = []
    if not folder.is_dir():
        return []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match and path.is_file():
            created = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
            found.append((created, int(match.group(2) or 0), BackupInfo(path, created, path.stat().st_size)))
    return [info for _created, _n, info in sorted(found, key=lambda item: (item[0], item[1]), reverse=True)]


def list_set_aside(database: Path) -> list[BackupInfo]:
    """Return the databases moved aside beside ``database`` (``reader.sqlite.bad-…``), newest first."""
    found = []
    if not database.parent.is_dir():
        return []
    for path in database.parent.iterdir():
        if not path.name.startswith(database.name + ".bad-") or not path.is_file():
            continue
        match = _SET_ASIDE.search(path.name)
        if match:  # the -wal/-shm companions do not match: they end in -wal/-shm
            created = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
            info = BackupInfo(path, created, path.stat().st_size, "set aside")
            found.append((created, int(match.group(2) or 0), info))
    return [info for _created, _n, info in sorted(found, key=lambda item: (item[0], item[1]), reverse=True)]


def list_restorable(backups: Path, database: Path) -> list[BackupInfo]:
    """Every file Restore can offer: the backups in ``backups`` and the databases set aside beside ``database``."""
    return sorted(list_backups(backups) + list_set_aside(database), key=lambda info: info.created, reverse=True)


def backup_now(store: Store, folder: Path, *, now: datetime | None = None) -> Path:
    """Copy the open database to a new backup file in ``folder`` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = folder / f"reader-{stamp}.sqlite"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"reader-{stamp}-{counter}.sqlite"
    try:
        with atomic_output(target, error=None, prefix=".reader-backup-") as temp:
            _copy_database(store, temp)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"The backup could not be written to {folder} ({exc}).") from exc
    log.info("backed up the database to %s", target)
    return target


def _copy_database(store: Store, target: Path) -> None:
    """Copy ``store`` into the empty file ``target`` as a self-contained database (no WAL)."""
    destination = sqlite3.connect(str(target))
    try:
        if store.path is None:
            with store.read():
                store.conn.backup(destination)
        else:
            source = sqlite3.connect(f"file:{store.path}?mode=ro", uri=True, timeout=10)
            try:
                source.backup(destination)
            finally:
                source.close()
        destination.execute("PRAGMA journal_mode = DELETE").fetchone()
        destination.commit()
    finally:
        destination.close()


def prune_backups(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups (at least one is always kept); return the deleted paths."""
    removed = []
    for info in list_backups(folder)[max(keep, 1) :]:
        info.path.unlink(missing_ok=True)
        removed.append(info.path)
    return removed


def backup_if_due(store: Store, folder: Path, *, keep: int = DEFAULT_KEEP, now: datetime | None = None) -> Path | None:
    """Take today's backup unless one exists (call at start-up, from a worker); prune to ``keep``; return it."""
    now = now or datetime.now()
    newest = next(iter(list_backups(folder)), None)
    if newest is not None and newest.created.date() == now.date():
        return None
    path = backup_now(store, folder, now=now)
    prune_backups(folder, keep)
    return path


def check_backup(path: Path) -> None:
    """Raise :class:`StoreCorruptError` unless ``path`` is a sound SQLite database."""
    try:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                raise StoreCorruptError(f"The backup {path.name} is damaged (not a valid database).")
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = connection.execute("PRAGMA quick_check").fetchall()
        finally:
            connection.close()
    except (OSError, sqlite3.Error) as exc:
        raise StoreCorruptError(f"The backup {path.name} cannot be read ({exc}).") from exc
    if result != [("ok",)]:
        raise StoreCorruptError(f"The backup {path.name} is damaged (not a valid database).")


def restore_backup(backup: Path, database: Path) -> Path | None:
    """Replace the (closed) database with a copy of ``backup``; return where the old file was moved, if anywhere.

    The backup is checked first, so a damaged backup leaves everything as it was; the backup file itself stays.
    ``backup`` may also be a set-aside database (see :func:`list_set_aside`): its ``-wal`` is read with it.
    """
    check_backup(backup)
    database.parent.mkdir(parents=True, exist_ok=True)
    try:
        with atomic_output(database, error=None, prefix=".reader-restore-") as temp:
            _copy_file(backup, temp)
            moved = move_aside(database)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"The backup could not be restored ({getattr(exc, 'strerror', None) or exc}).") from exc
    log.warning("restored %s from %s (old file: %s)", database, backup, moved)
    return moved


def _copy_file(source: Path, target: Path) -> None:
    """Copy the database file ``source`` to ``target`` with SQLite, so a set-aside file's ``-wal`` comes along."""
    origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=10)
    destination = sqlite3.connect(str(target))
    try:
        origin.backup(destination)
        destination.execute("PRAGMA journal_mode = DELETE").fetchone()
        destination.commit()
    finally:
        destination.close()
        origin.close()


def start_fresh(database: Path) -> Path | None:
    """Move the (closed) database aside so that the next :func:`open_store` creates an empty one; return the move."""
    return move_aside(database)


def recovery_choices(error: StoreError, has_backups: bool) -> tuple[str, ...]:
    """What the learner may do about a database that did not open: some of restore, fresh, retry, close.

    Only a damaged database may be restored over or set aside for a fresh one. A locked database is healthy:
    setting it aside would let the other program's next commit land in the set-aside file, so the only ways out
    are to try again or close.
    """
    if isinstance(error, StoreCorruptError):
        return ("restore", "fresh", "retry", "close") if has_backups else ("fresh", "retry", "close")
    return ("retry", "close")
