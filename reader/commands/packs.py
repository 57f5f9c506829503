"""``reader packs list|install FILE|remove NAME|download|clear-cache``: manage Argos language packs.

Packs live in Argos Translate's own folder (``$ARGOS_PACKAGES_DIR`` or ``~/.local/share/argos-translate/packages``),
so packs installed with ``argospm`` are listed here and the other way round.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reader.core.paths import resolve_user_paths
from reader.core.textio import format_size
from reader.core.translation.cache import TranslationCache
from reader.core.translation.download import DEFAULT_TIMEOUT
from reader.core.translation.packs import PackInfo, find_pack, list_packs
from reader.core.translation.settings import resolve_argos_settings
from reader.core.translation.translator import CACHE_FILE_NAME
from reader.core.usecases.packs import download_and_install, find_download, install_file, remove


def register(subparsers: Any) -> None:
    """Add the ``packs`` subcommand and its actions."""
    parser = subparsers.add_parser(
        "packs",
        help="list, install, download or remove translation language packs",
        description="Manage the Argos Translate language packs Reader translates with (shared with argospm).",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help="list the installed packs").set_defaults(handler=run_list)
    install = actions.add_parser("install", help="install a pack from a .argosmodel file")
    install.add_argument("file", type=Path, help="the .argosmodel file")
    install.set_defaults(handler=run_install)
    remove = actions.add_parser("remove", help="remove an installed pack")
    remove.add_argument("name", help="the pack's name (translate-zh_en) or folder name, as `reader packs list` shows")
    remove.set_defaults(handler=run_remove)
    download = actions.add_parser("download", help="download and install the Chinese→English pack (needs internet)")
    download.add_argument("--index-url", metavar="URL", help="package index (default: Argos' index)")
    download.add_argument("--from", dest="from_code", default="zh", help="source language code (default: zh)")
    download.add_argument("--to", dest="to_code", default="en", help="target language code (default: en)")
    download.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds to wait for the server")
    download.set_defaults(handler=run_download)
    actions.add_parser("clear-cache", help="delete every cached machine translation").set_defaults(
        handler=run_clear_cache
    )


class _ProgressLine:
    """Print ``Downloading … 42%`` on one refreshed line of stderr when it is a terminal; stay silent otherwise."""

    def __init__(self) -> None:
        self.label = ""
        self.shown = -1
        self.enabled = sys.stderr.isatty()

    def __call__(self, label: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if label != self.label:
            self.finish()
            self.label, self.shown = label, -1
        percent = int(100 * done / total) if total else -1
        if percent != self.shown:
            self.shown = percent
            where = f"{percent}%" if total else format_size(done)
            sys.stderr.write(f"\r{self.label} {where}   ")
            sys.stderr.flush()

    def finish(self) -> None:
        """End the progress line."""
        if self.enabled and self.shown != -1:
            sys.stderr.write("\n")
            self.shown = -1


def run_list(args: argparse.Namespace) -> int:
    """Print the installed packs, marking the one Reader translates with."""
    settings = resolve_argos_settings()
    packs = list_packs(settings)
    if not packs:
        print(f"No language packs installed in {settings.packages_dir}.")
        print("Install one with `reader packs install FILE.argosmodel` or `reader packs download`.")
        return 0
    in_use = find_pack(settings)
    for pack in packs:
        mark = "  (in use)" if in_use is not None and pack.path == in_use.path else ""
        print(
            f"{pack.code:<18} {pack.version:<8} {pack.languages:<22} {format_size(pack.size_bytes()):>9}  "
            f"{pack.path}{mark}"
        )
    return 0


def run_install(args: argparse.Namespace) -> int:
    """Install a pack file into Argos' folder."""
    progress = _ProgressLine()
    try:
        pack = install_file(args.file, resolve_argos_settings(), progress=progress)
    finally:
        progress.finish()
    _print_installed(pack)
    return 0


def run_remove(args: argparse.Namespace) -> int:
    """Remove the named pack."""
    for pack in remove(args.name, resolve_argos_settings()):
        print(f"Removed {pack.code} {pack.version} ({pack.path}).")
    return 0


def run_download(args: argparse.Namespace) -> int:
    """Download the newest pack for the language pair from the package index, then install it."""
    settings = resolve_argos_settings()
    offer = find_download(settings, args.from_code, args.to_code, index_url=args.index_url, timeout=args.timeout)
    if offer.up_to_date:
        print(offer.up_to_date_note)
        return 0
    progress = _ProgressLine()
    try:
        pack = download_and_install(offer.entry, settings, progress=progress, timeout=args.timeout)
    finally:
        progress.finish()
    _print_installed(pack)
    return 0


def _print_installed(pack: PackInfo) -> None:
    print(f"Installed {pack.code} {pack.version} ({pack.languages}) in {pack.path}.")


def run_clear_cache(args: argparse.Namespace) -> int:
    """Empty the machine-translation cache."""
    cache = TranslationCache(resolve_user_paths(args.data_dir).cache / CACHE_FILE_NAME)
    try:
        deleted = cache.clear()
    finally:
        cache.close()
    print(f"Cleared {deleted} cached translations.")
    return 0
