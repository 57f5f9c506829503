"""The ``reader`` command: the GUI by default, subcommands for scripting.

Every subcommand lives in :mod:`reader.commands` and registers itself with :func:`register`. The exit-status
contract lives here, in :func:`main`, for every subcommand at once:

* 0 — done; also when the reader of standard output went away (a closed pipe, ``reader … | head``), as ``cat``
  does, without a word.
* 2 — the user's input or environment is at fault: one ``reader: <sentence>`` line on stderr. That covers
  :class:`~reader.core.errors.ReaderError`, usage errors (argparse's six lines become one), an unknown command,
  numbers too large for the database, and any ``OSError`` (disk full, unwritable data folder, ``> /dev/full``).
* 1 — a bug: one line naming the crash report (a new file in the log folder), never a traceback.
* 130 — interrupted with Ctrl+C.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import io
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any, NoReturn, TextIO

from reader import __version__
from reader.core.crashlog import write_crash_log
from reader.core.errors import ReaderError
from reader.core.paths import resolve_user_paths

#: Subcommand modules under reader.commands, in the order ``reader --help`` lists them.
COMMAND_MODULES = ("gui", "annotate", "library", "packs", "deck", "dictionary", "store")

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
#: Largest whole number a command-line argument may hold: SQLite's integers are 64-bit.
MAX_INT_ARGUMENT = 2**63 - 1
#: How text that the output encoding cannot carry is written (a file name that is not valid UTF-8: ``\udcff``).
OUTPUT_ERRORS = "backslashreplace"


class UsageError(ReaderError):
    """The command line itself is wrong (unknown option, missing argument, bad number)."""


class OutputError(ReaderError):
    """Standard output could not be written (disk full, device error)."""


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports a usage error as one sentence instead of printing usage and exiting."""

    def error(self, message: str) -> NoReturn:
        """Raise :class:`UsageError` with argparse's message and a pointer to ``--help``."""
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def whole_number(text: str) -> int:
    """Parse a whole-number argument, refusing numbers too large for the database (``OverflowError`` later)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if abs(value) > MAX_INT_ARGUMENT:
        shown = text if len(text) <= 24 else f"{text[:24]}…"
        raise argparse.ArgumentTypeError(f"{shown} is too large a number")
    return value


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every subcommand registered."""
    parser = _Parser(
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
    _bound_whole_numbers(parser)
    return parser


def _bound_whole_numbers(parser: argparse.ArgumentParser) -> None:
    """Give every ``type=int`` argument of every subcommand the bounded :func:`whole_number` parser."""
    for action in parser._actions:
        if action.type is int:
            action.type = whole_number
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _bound_whole_numbers(sub)


def _with_default_command(argv: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """Insert ``gui`` when no subcommand is named (``reader``, ``reader FILE``, ``reader --data-dir D``).

    A first word that is neither a command nor an existing file is a misspelt command: it is left for the parser
    to refuse, rather than opening the window on a file that does not exist.
    """
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
        if arg in commands:
            return argv
        if not os.path.exists(arg):
            raise UsageError(f"{arg!r} is neither a command nor a file (commands: {', '.join(sorted(commands))})")
        return [*argv[:index], "gui", *argv[index:]]
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
        handler = logging.FileHandler(logs / "reader.log", encoding="utf-8", errors=OUTPUT_ERRORS)
    except OSError:
        return
    handler.setFormatter(fmt)
    handler.setLevel(logging.INFO)
    root.addHandler(handler)


def _report_crash(data_dir: str | None) -> str:
    """Write the current exception's traceback to a new crash file and return the file's path (or a note)."""
    try:
        return str(write_crash_log(resolve_user_paths(data_dir).logs, traceback.format_exc()))
    except OSError:
        return "the log could not be written"


class _GuardedOutput(io.TextIOBase):
    """Standard output that turns a write failure into :class:`OutputError` (a closed pipe stays BrokenPipeError)."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream

    def write(self, text: str) -> int:
        """Write ``text``; a disk-full or device error becomes one sentence for the user."""
        try:
            return self.stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(_output_failure(exc)) from exc

    def flush(self) -> None:
        """Flush the underlying stream, with the same error handling as :meth:`write`."""
        try:
            self.stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(_output_failure(exc)) from exc

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)

    def isatty(self) -> bool:
        """Whether the real stream is a terminal."""
        return self.stream.isatty()

    def fileno(self) -> int:
        """The real stream's file descriptor."""
        return self.stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        """The real stream's encoding."""
        return self.stream.encoding


def _output_failure(exc: OSError) -> str:
    return f"standard output could not be written ({exc.strerror or exc})."


def _prepare_streams() -> TextIO:
    """Make stdout/stderr write any file name (backslash escapes) and guard stdout; return the original stdout."""
    original = sys.stdout
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors=OUTPUT_ERRORS)
    sys.stdout = _GuardedOutput(original)
    return original


def _silence_stdout(stream: TextIO) -> None:
    """After a closed pipe: point stdout at the null device so the interpreter's final flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # not a real file (a test's capture): nothing will flush it at exit


def describe_os_error(exc: OSError) -> str:
    """One sentence for an operating-system error: what failed, on which file, and why."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.errno == errno.ENOSPC:
        reason = "the disk is full"
    where = f" ({exc.filename})" if exc.filename else ""
    return f"a file could not be read or written{where}: {reason}."


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``reader`` command and return its exit status (see the module's contract)."""
    stdout = _prepare_streams()
    data_dir: str | None = None
    try:
        parser = build_parser()
        args = parser.parse_args(_with_default_command(list(sys.argv[1:] if argv is None else argv), parser))
        data_dir = args.data_dir
        _configure_logging(args.debug, data_dir)
        status = int(args.handler(args))
        sys.stdout.flush()
        return status
    except ReaderError as error:
        return _fail(str(error), EXIT_USAGE)
    except KeyboardInterrupt:
        return _fail("interrupted", EXIT_INTERRUPTED)
    except BrokenPipeError:
        _silence_stdout(stdout)
        return EXIT_OK
    except OSError as error:  # the environment (disk full, unwritable folder), not a bug
        logging.getLogger(__name__).info("OS error", exc_info=True)
        return _fail(describe_os_error(error), EXIT_USAGE)
    except Exception as error:  # a bug: one line for the user, the traceback for us
        logging.getLogger(__name__).exception("unexpected error")
        where = _report_crash(data_dir)
        return _fail(f"internal error ({type(error).__name__}); details in {where}", EXIT_INTERNAL)
    finally:
        sys.stdout = stdout


def _fail(message: str, status: int) -> int:
    """Print ``reader: message`` as one line on stderr and return ``status``."""
    text = " ".join(message.split())  # one line, whatever the message holds
    with contextlib.suppress(OSError):  # stderr itself is gone: the status still tells
        print(f"reader: {text}", file=sys.stderr, flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
