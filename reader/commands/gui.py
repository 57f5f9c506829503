"""``reader gui [FILE...]``: open the reading window (the default command)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reader.commands.qt_platform import check_qt_platform, missing_library, missing_library_message
from reader.core.errors import ReaderError


def register(subparsers: Any) -> None:
    """Add the ``gui`` subcommand."""
    parser = subparsers.add_parser("gui", help="open the reading window (the default)")
    parser.add_argument("files", nargs="*", type=Path, help="files to open")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Start the Qt application; imported lazily so that scripting commands never load Qt."""
    check_qt_platform()  # before any Qt import: a missing system library would abort the process inside Qt
    try:
        from reader.ui.app import run_gui
    except ImportError as error:  # PySide6.QtGui links libEGL/libGL/libfontconfig from the system
        library = missing_library(error)
        if library is None:
            raise
        raise ReaderError(missing_library_message(library)) from error

    return run_gui(data_dir=args.data_dir, files=list(args.files), debug=args.debug)
