"""``reader check``, ``reader backup [--to DIR]`` and ``reader restore [FILE]``: look after the database."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reader.commands.common import user_store
from reader.core.errors import InputError
from reader.core.paths import resolve_user_paths
from reader.core.store.backup import backup_now, list_restorable, restore_backup
from reader.core.store.maintenance import check_database


def register(subparsers: Any) -> None:
    """Add the ``check``, ``backup`` and ``restore`` subcommands."""
    check = subparsers.add_parser(
        "check",
        help="check the database for damage and rebuild the search index",
        description="Run SQLite's full integrity check, rebuild the search index and report (status 2 if damaged).",
    )
    check.set_defaults(handler=run_check)
    backup = subparsers.add_parser(
        "backup",
        help="copy the library and deck database to a backup file",
        description="Copy the database to a new backup file (a consistent copy, even while the window is open).",
    )
    backup.add_argument(
        "--to", metavar="DIR", type=Path, help="folder for the backup (default: the data folder's backups/)"
    )
    backup.set_defaults(handler=run_backup)
    restore = subparsers.add_parser(
        "restore",
        help="list the backups, or replace the database with one (close the window first)",
        description=(
            "Without FILE, list the backups and set-aside databases, newest first. With FILE, replace the database "
            "with that copy; the current database is kept beside it (renamed .bad-…), never deleted."
        ),
    )
    restore.add_argument("file", nargs="?", type=Path, help="a backup file (from `reader restore` or --to DIR)")
    restore.set_defaults(handler=run_restore)


def run_check(args: argparse.Namespace) -> int:
    """Check the database and print the report; status 2 when it is damaged."""
    with user_store(args, check=False) as store:
        report = check_database(store)
    print(report.summary())
    return 0 if report.sound else 2


def run_backup(args: argparse.Namespace) -> int:
    """Write a backup and print its path."""
    paths = resolve_user_paths(args.data_dir)
    with user_store(args) as store:
        path = backup_now(store, args.to.expanduser() if args.to else paths.backups)
    print(f"Backed up to {path}.")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """List what can be restored, or restore the given file."""
    paths = resolve_user_paths(args.data_dir)
    if args.file is None:
        restorable = list_restorable(paths.backups, paths.database)
        if not restorable:
            print(f"No backups in {paths.backups}; make one with `reader backup`.")
        for info in restorable:
            print(f"{info.created:%Y-%m-%d %H:%M}\t{info.kind}\t{info.path}")
        return 0
    if not args.file.is_file():
        raise InputError(f"{args.file} is not a backup file.")
    moved = restore_backup(args.file, paths.database)
    kept = f" The previous database was kept as {moved}." if moved else ""
    print(f"Restored {args.file}.{kept}")
    return 0
