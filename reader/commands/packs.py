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
from reader.core.translation.download import DEFAULT_TIMEOUT, download_pack, fetch_index, find_entry
from reader.core.translation.errors import DownloadError
from reader.core.translation.packs import find_pack, install_pack, list_packs, remove_pack
from reader.core.translation.settings import ArgosSettings, resolve_argos_settings
from reader.core.translation.translator import CACHE_FILE_NAME


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
    """Print ``label 42%`` on one refreshed line of stderr when it is a terminal; stay silent otherwise."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.shown = -1
        self.enabled = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
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
    settings = resolve_argos_settings()
    progress = _ProgressLine(f"Installing {args.file.name}")
    try:
        pack = install_pack(args.file, settings, progress=progress)
    finally:
        progress.finish()
    print(f"Installed {pack.code} {pack.version} ({pack.languages}) in {pack.path}.")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    """Remove the named pack."""
    for pack in remove_pack(args.name, resolve_argos_settings()):
        print(f"Removed {pack.code} {pack.version} ({pack.path}).")
    return 0


def run_download(args: argparse.Namespace) -> int:
    """Download the newest pack for the language pair from the package index, then install it."""
    settings = resolve_argos_settings()
    url = args.index_url or settings.index_url
    entry = find_entry(fetch_index(url, timeout=args.timeout), args.from_code, args.to_code)
    if entry is None:
        raise DownloadError(f"The package index at {url} offers no {args.from_code}→{args.to_code} pack.")
    progress = _ProgressLine(f"Downloading {entry.code} {entry.version}")
    try:
        path = download_pack(entry, settings.downloads_dir, progress=progress, timeout=args.timeout)
    finally:
        progress.finish()
    try:
        return _install_downloaded(path, settings)
    finally:
        path.unlink(missing_ok=True)


def _install_downloaded(path: Path, settings: ArgosSettings) -> int:
    progress = _ProgressLine(f"Installing {path.name}")
    try:
        pack = install_pack(path, settings, progress=progress)
    finally:
        progress.finish()
    print(f"Installed {pack.code} {pack.version} ({pack.languages}) in {pack.path}.")
    return 0


def run_clear_cache(args: argparse.Namespace) -> int:
    """Empty the machine-translation cache."""
    cache = TranslationCache(resolve_user_paths(args.data_dir).cache / CACHE_FILE_NAME)
    try:
        deleted = cache.clear()
    finally:
        cache.close()
    print(f"Cleared {deleted} cached translations.")
    return 0
