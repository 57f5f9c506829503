"""The ``reader`` command: the GUI by default, subcommands for scripting.

Every subcommand lives in :mod:`reader.commands` and registers itself with :func:`register`. Errors meant for
the user (:class:`~reader.core.errors.ReaderError`) end the program with status 2 and one line on stderr; an
unexpected error writes its traceback to the log folder and also prints one line, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import traceback
from collections.abc import Sequence
from datetime import datetime

from reader import __version__
from reader.core.errors import ReaderError
from reader.core.paths import resolve_user_paths

#: Subcommand modules under reader.commands, in the order ``reader --help`` lists them.
COMMAND_MODULES = ("gui", "annotate", "library", "packs", "deck", "dictionary")

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read Chinese texts offline: pinyin above words, English beside paragraphs.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder for the library, deck and caches (default: $READER_HOME or the platform's data folder)",
    )
    parser.add_argument("--debug", action="store_true", help="log debug messages to stderr")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"reader.commands.{name}").register(subparsers)
    return parser


def _with_default_command(argv: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """Insert ``gui`` when no subcommand is named (``reader``, ``reader FILE``, ``reader --data-dir D``)."""
    commands = set(_subcommand_names(parser))
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg in ("-h", "--help", "--version"):
            return argv
        if arg == "--data-dir":
            index += 2
            continue
        if arg.startswith("-"):
            index += 1
            continue
        return argv if arg in commands else [*argv[:index], "gui", *argv[index:]]
    return [*argv, "gui"]


def _subcommand_names(parser: argparse.ArgumentParser) -> list[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []


def _configure_logging(debug: bool, data_dir: str | None) -> None:
    """Log to a file in the data folder, and to stderr with ``--debug``."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    if debug:
        console = logging.StreamHandler(sys.stderr)
        console.setFormatter(fmt)
        root.addHandler(console)
    try:
        logs = resolve_user_paths(data_dir).logs
        logs.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(logs / "reader.log", encoding="utf-8")
    except OSError:
        return
    handler.setFormatter(fmt)
    handler.setLevel(logging.INFO)
    root.addHandler(handler)


def _report_crash(data_dir: str | None) -> str:
    """Write the current exception's traceback to a crash file and return the file's path (or a note)."""
    try:
        logs = resolve_user_paths(data_dir).logs
        logs.mkdir(parents=True, exist_ok=True)
        path = logs / f"crash-{datetime.now():%Y%m%d-%H%M%S}.log"
        path.write_text(traceback.format_exc(), encoding="utf-8")
        return str(path)
    except OSError:
        return "the log could not be written"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``reader`` command and return its exit status."""
    parser = build_parser()
    args = parser.parse_args(_with_default_command(list(sys.argv[1:] if argv is None else argv), parser))
    _configure_logging(args.debug, args.data_dir)
    try:
        return int(args.handler(args))
    except ReaderError as error:
        print(f"reader: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("reader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # a bug: one line for the user, the traceback for us
        logging.getLogger(__name__).exception("unexpected error")
        where = _report_crash(args.data_dir)
        print(f"reader: internal error ({type(error).__name__}); details in {where}", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
