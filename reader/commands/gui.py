"""``reader gui [FILE...]``: open the reading window (the default command)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    """Add the ``gui`` subcommand."""
    parser = subparsers.add_parser("gui", help="open the reading window (the default)")
    parser.add_argument("files", nargs="*", type=Path, help="files to open")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Start the Qt application; imported lazily so that scripting commands never load Qt."""
    from reader.ui.app import run_gui

    return run_gui(data_dir=args.data_dir, files=list(args.files), debug=args.debug)
