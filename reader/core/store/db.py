"""Open the database safely: WAL, foreign keys, a busy timeout, one writer at a time, versioned schema.

Each part of the store (library, deck, annotations…) declares its tables in its own named
``sqlite_utils.migrations.Migrations`` set and registers it with :func:`register_migrations`; :func:`open_store`
applies the pending migrations of every registered set, in registration order, all in one ``BEGIN IMMEDIATE``
transaction, so a second process opening a new data folder waits instead of racing the first.

Threads: the GUI thread and workers share one connection (``check_same_thread=False``) guarded by a re-entrant
lock, so they never see "database is locked" from each other; other processes (the CLI while the GUI runs) wait
up to :data:`BUSY_TIMEOUT_MS` for the write lock.

A file that cannot be used raises a :class:`StoreError` subclass naming the cause in one sentence:
:class:`StoreLockedError`, :class:`StoreReadOnlyError` or :class:`StoreCorruptError`. For a damaged file the app
offers to restore a backup or start fresh; both first call :func:`move_aside`, which renames the bad file (with its
``-wal`` and ``-shm`` companions) and never deletes anything.
"""

from __future__ import annotations

import importlib
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from reader.core.atomic import replace_file
from reader.core.errors import StoreError
from reader.core.paths import unusable_folder

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
#: SQLite's ``synchronous`` setting: FULL, as Anki uses, so a committed deck word or highlight survives a power cut
#: too, not only a crash (the cost per write is in bench/RESULTS.md, "Reliability").
SYNCHRONOUS = "FULL"
SQLITE_HEADER = b"SQLite format 3\x00"
#: Files that belong to a database in WAL mode, beside the main file.
COMPANION_SUFFIXES = ("-wal", "-shm")

_MIGRATION_SETS: list[Migrations] = []

#: Modules that register a migration set, imported by :func:`open_store` in this order (tables that others
#: reference come first).
STORE_MODULES: tuple[str, ...] = (
    "reader.core.store.library",
    "reader.core.store.words",
    "reader.core.store.deck",
    "reader.core.store.corrections",
    "reader.core.store.reading_corrections",
    "reader.core.store.search_index",
    "reader.core.store.annotations",
    "reader.core.store.dropped",
)


class StoreLockedError(StoreError):
    """Another program holds the database's lock for longer than the busy timeout."""


class StoreReadOnlyError(StoreError):
    """The database file (or its folder) cannot be written."""


class StoreCorruptError(StoreError):
    """The file is not a valid SQLite database or its pages are damaged: restore a backup or start fresh."""


def register_migrations(migrations: Migrations) -> Migrations:
    """Add a migration set to those :func:`open_store` applies (once per set name); return it."""
    if all(existing.name != migrations.name for existing in _MIGRATION_SETS):
        _MIGRATION_SETS.append(migrations)
    return migrations


class Store:
    """An open Reader database.

    Use :meth:`read` for queries and :meth:`write` for changes; both hold the store's lock, and ``write`` wraps
    its block in one transaction (``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back if the block raises). SQLite
    errors that mean the file is locked, read-only, damaged or the disk is full come out as :class:`StoreError`.
    """

    def __init__(self, db: Database, path: Path | None) -> None:
        self.db = db
        self.path = path
        self._lock = threading.RLock()

    @property
    def conn(self) -> sqlite3.Connection:
        """The underlying connection (hold :meth:`read` or :meth:`write` while using it)."""
        return self.db.conn

    @contextmanager
    def read(self) -> Iterator[Database]:
        """Hold the lock while reading."""
        with self._lock:
            try:
                yield self.db
            except sqlite3.IntegrityError:
                raise
            except sqlite3.DatabaseError as exc:
                raise store_error(exc, self.path) from exc

    @contextmanager
    def write(self) -> Iterator[Database]:
        """Run the block in one transaction; nested calls join the outer transaction."""
        with self._lock:
            conn = self.db.conn
            if conn.in_transaction:
                yield self.db
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.DatabaseError as exc:
                raise store_error(exc, self.path) from exc
            try:
                yield self.db
            except sqlite3.IntegrityError:
                conn.rollback()
                raise
            except sqlite3.DatabaseError as exc:
                conn.rollback()
                raise store_error(exc, self.path) from exc
            except BaseException:
                conn.rollback()
                raise
            try:
                conn.commit()
            except sqlite3.DatabaseError as exc:
                conn.rollback()
                raise store_error(exc, self.path) from exc

    def integrity_problems(self, *, full: bool = False) -> list[str]:
        """Return what SQLite's ``quick_check`` (or ``integrity_check`` with ``full``) finds; empty means sound."""
        pragma = "integrity_check" if full else "quick_check"
        with self.read() as db:
            rows = db.execute(f"PRAGMA {pragma}").fetchall()
        problems = [str(row[0]) for row in rows]
        return [] if problems == ["ok"] else problems

    def close(self) -> None:
        """Close the connection (the WAL is checkpointed into the main file)."""
        with self._lock:
            self.db.conn.close()


def store_error(exc: sqlite3.Error, path: Path | None) -> StoreError:
    """Turn an sqlite3 error into a :class:`StoreError` whose message is one sentence for the user."""
    name = path.name if path else "The database"
    message = str(exc).lower()
    if "locked" in message or "busy" in message:
        return StoreLockedError(f"{name} is locked by another program; close it and try again.")
    if "readonly" in message or "read-only" in message:
        return StoreReadOnlyError(f"{name} is read-only; Reader cannot save changes to it.")
    if "not a database" in message or "malformed" in message or "corrupt" in message:
        return StoreCorruptError(f"{name} is damaged (not a valid database); restore a backup or start fresh.")
    if "disk" in message and ("full" in message or "i/o" in message):
        return StoreError(f"{name} cannot be written: the disk is full or failing.")
    if "unable to open" in message:
        return StoreError(f"{name} cannot be opened (check the folder exists and is writable).")
    return StoreError(f"{name} could not be used: {exc}.")


def open_store(
    path: Path | str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS, check: bool = True, synchronous: str = SYNCHRONOUS
) -> Store:
    """Open (or create) the database at ``path`` (``":memory:"`` for a throw-away one) and migrate it.

    The file's header is checked before SQLite touches it, and SQLite reads the schema at once, so a file that is
    not a database fails here; ``check`` (the default) also runs ``PRAGMA quick_check`` over every page (80 ms for
    a 167 MB library of 1,000 articles, see bench/RESULTS.md), which finds damage inside a file whose header and
    schema are intact. Pass ``check=False`` where start-up time matters more and check later from a worker with
    :meth:`Store.integrity_problems`.
    Raises :class:`StoreLockedError`, :class:`StoreReadOnlyError`, :class:`StoreCorruptError` or
    :class:`StoreError`, each with one clear sentence.
    """
    for module in STORE_MODULES:
        importlib.import_module(module)
    memory = str(path) == ":memory:"
    file_path = None if memory else Path(path)
    if file_path is not None:
        _check_file(file_path)
    try:
        conn = sqlite3.connect(
            ":memory:" if memory else str(file_path), timeout=busy_timeout_ms / 1000, check_same_thread=False
        )
    except sqlite3.Error as exc:
        raise store_error(exc, file_path) from exc
    try:
        store = _configure(conn, file_path, busy_timeout_ms, check, synchronous)
    except BaseException:
        conn.close()
        raise
    return store


def _configure(
    conn: sqlite3.Connection, path: Path | None, busy_timeout_ms: int, check: bool, synchronous: str
) -> Store:
    """Set the pragmas, check the file and apply pending migrations."""
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # fails at once on a file that is not a database
        if path is not None:
            _use_wal(conn, busy_timeout_ms)
        conn.execute("PRAGMA foreign_keys = ON")
        if synchronous.upper() not in ("OFF", "NORMAL", "FULL", "EXTRA"):
            raise ValueError(f"unknown synchronous setting {synchronous!r}")
        conn.execute(f"PRAGMA synchronous = {synchronous.upper()}")
        store = Store(Database(conn), path)
        if check and path is not None and (problems := store.integrity_problems()):
            log.error("integrity check of %s failed: %s", path, problems[:5])
            name = path.name if path else "The database"
            raise StoreCorruptError(f"{name} is damaged (not a valid database); restore a backup or start fresh.")
        with store._lock:
            _migrate(store.db)
    except sqlite3.IntegrityError as exc:
        raise store_error(exc, path) from exc
    except sqlite3.DatabaseError as exc:
        raise store_error(exc, path) from exc
    return store


def _use_wal(conn: sqlite3.Connection, busy_timeout_ms: int) -> None:
    """Switch a file database to WAL, waiting like any other statement while another process holds it.

    Turning WAL on needs an exclusive lock, and SQLite answers "database is locked" at once instead of calling the
    busy handler when a second process opens a new database at the same moment; so retry until the busy timeout.
    """
    deadline = time.monotonic() + busy_timeout_ms / 1000
    delay = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.1)


def _migrate(db: Database) -> None:
    """Apply every pending migration under one exclusive write lock, so two processes never race them.

    Another process opening a new data folder at the same moment waits (up to the busy timeout) for the lock,
    then finds nothing pending: the check for pending migrations is made again once the lock is held.
    """
    if not any(migrations.pending(db) for migrations in _MIGRATION_SETS):
        return  # the usual case: no lock taken just to open the database
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        for migrations in _MIGRATION_SETS:
            migrations.apply(db)  # inside our transaction, each migration is a savepoint
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise


def _check_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database or cannot be written, before SQLite opens it."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(unusable_folder(folder, exc)) from exc
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file.")
    if path.exists():
        try:
            with path.open("rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise StoreError(f"{path.name} cannot be read ({exc.strerror or exc}).") from exc
        if header and header != SQLITE_HEADER:
            raise StoreCorruptError(f"{path.name} is damaged (not a valid database); restore a backup or start fresh.")
        if not os.access(path, os.W_OK):
            raise StoreReadOnlyError(f"{path.name} is read-only; Reader cannot save changes to it.")
    if not os.access(folder, os.W_OK):
        raise StoreReadOnlyError(f"The folder {folder} is read-only; Reader cannot save its database there.")


def move_aside(path: Path | str, *, now: datetime | None = None) -> Path | None:
    """Rename a bad database file (and its ``-wal``/``-shm`` files) to ``NAME.bad-YYYYmmdd-HHMMSS``; never delete.

    Returns the new path of the main file, or ``None`` if there was no file. The database must be closed.
    """
    path = Path(path)
    if not path.exists():
        return None
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.bad-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.bad-{stamp}-{counter}")
    try:
        for suffix in COMPANION_SUFFIXES:
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                replace_file(companion, target.with_name(target.name + suffix))
        replace_file(path, target)
    except OSError as exc:
        raise StoreError(f"{path.name} could not be moved aside ({exc.strerror or exc}).") from exc
    log.warning("moved %s aside to %s", path, target)
    return target
