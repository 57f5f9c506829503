"""Open the database safely: WAL, foreign keys, a busy timeout, one writer at a time, versioned schema.

Each part of the store (library, deck, annotations…) declares its tables in its own named
``sqlite_utils.migrations.Migrations`` set and registers it with :func:`register_migrations`; :func:`open_store`
applies the pending migrations of every registered set, in registration order, each in a transaction.

Threads: the GUI thread and workers share one connection (``check_same_thread=False``) guarded by a re-entrant
lock, so they never see "database is locked" from each other; other processes (the CLI while the GUI runs) wait
up to :data:`BUSY_TIMEOUT_MS` for the write lock.
"""

from __future__ import annotations

import importlib
import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from reader.core.errors import StoreError

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000

_MIGRATION_SETS: list[Migrations] = []

#: Modules that register a migration set, imported by :func:`open_store` in this order (tables that others
#: reference come first).
STORE_MODULES: tuple[str, ...] = ()


def register_migrations(migrations: Migrations) -> Migrations:
    """Add a migration set to those :func:`open_store` applies (once per set name); return it."""
    if all(existing.name != migrations.name for existing in _MIGRATION_SETS):
        _MIGRATION_SETS.append(migrations)
    return migrations


class Store:
    """An open Reader database.

    Use :meth:`read` for queries and :meth:`write` for changes; both hold the store's lock, and ``write`` wraps
    its block in one transaction (``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back if the block raises).
    """

    def __init__(self, db: Database, path: Path | None) -> None:
        self.db = db
        self.path = path
        self._lock = threading.RLock()

    @contextmanager
    def read(self) -> Iterator[Database]:
        """Hold the lock while reading."""
        with self._lock:
            yield self.db

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
            except sqlite3.OperationalError as exc:
                raise _store_error(exc, self.path) from exc
            try:
                yield self.db
            except BaseException:
                conn.rollback()
                raise
            try:
                conn.commit()
            except sqlite3.Error as exc:
                conn.rollback()
                raise _store_error(exc, self.path) from exc

    def close(self) -> None:
        """Close the connection (the WAL is checkpointed into the main file)."""
        with self._lock:
            self.db.conn.close()


def _store_error(exc: sqlite3.Error, path: Path | None) -> StoreError:
    """Turn an sqlite3 error into one sentence for the user."""
    name = path.name if path else "The database"
    message = str(exc).lower()
    if "locked" in message or "busy" in message:
        return StoreError(f"{name} is locked by another program; close it and try again.")
    if "readonly" in message or "read-only" in message:
        return StoreError(f"{name} is read-only; Reader cannot save changes to it.")
    if "not a database" in message or "malformed" in message or "corrupt" in message:
        return StoreError(f"{name} is damaged (not a valid database).")
    if "disk" in message and ("full" in message or "i/o" in message):
        return StoreError(f"{name} cannot be written: the disk is full or failing.")
    if "unable to open" in message:
        return StoreError(f"{name} cannot be opened (check the folder exists and is writable).")
    return StoreError(f"{name} could not be used: {exc}.")


def open_store(path: Path | str) -> Store:
    """Open (or create) the database at ``path`` (``":memory:"`` for a throw-away one) and migrate it.

    Raises :class:`StoreError` with one clear sentence if the file is locked, read-only or damaged.
    """
    for module in STORE_MODULES:
        importlib.import_module(module)
    memory = str(path) == ":memory:"
    file_path = None if memory else Path(path)
    if file_path is not None:
        file_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(
            ":memory:" if memory else str(file_path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA schema_version").fetchone()  # fails at once on a file that is not a database
        if not memory:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        db = Database(conn)
        store = Store(db, file_path)
        with store._lock:
            for migrations in _MIGRATION_SETS:
                migrations.apply(db)
    except sqlite3.Error as exc:
        raise _store_error(exc, file_path) from exc
    return store
