"""What several subcommands share: opening the database of the data folder for one command."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from reader.core.paths import resolve_user_paths
from reader.core.store.db import Store, open_store


@contextmanager
def user_store(args: argparse.Namespace, *, check: bool = True) -> Iterator[Store]:
    """Open the database of the data folder ``args.data_dir`` for the block, and close it when the block ends.

    ``check=False`` opens a damaged database without refusing it (for ``reader check``).
    """
    store = open_store(resolve_user_paths(args.data_dir).database, check=check)
    try:
        yield store
    finally:
        store.close()
