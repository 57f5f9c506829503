"""Compile the dictionary index in a separate process, so that its memory never stays in the application.

Parsing CC-CEDICT builds a few hundred megabytes of Python objects; freed inside the application they would not go
back to the operating system (measured: the GUI's first session stayed at 454 MB instead of 255 MB). A child
process builds the index and exits; progress and errors come back through a queue. If a child process cannot be
started (a restricted environment), the index is compiled in this process instead.
"""

from __future__ import annotations

import errno
import logging
import multiprocessing
import queue
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.core.dictionary.build import Progress, compile_index
from reader.core.dictionary.errors import DictionaryError
from reader.core.dictionary.sources import DataSources

log = logging.getLogger(__name__)

#: Seconds between checks that the child is still alive while waiting for its messages.
POLL_SECONDS = 0.2


@dataclass(frozen=True)
class CompileJob:
    """What the child needs to build an index (picklable)."""

    target: Path
    sources: DataSources
    fingerprint: str
    user_file: bool
    source_name: str


def compile_in_child(job: CompileJob, progress: Progress | None = None) -> None:
    """Build the index for ``job`` in a child process; raise :class:`DictionaryError` with the child's message."""
    context = multiprocessing.get_context("spawn")
    messages: Any = context.Queue()
    try:
        child = context.Process(target=_child_main, args=(job, messages), name="reader-dictionary", daemon=True)
        child.start()
    except (OSError, RuntimeError) as error:
        log.warning("cannot start a process to compile the dictionary (%s); compiling here", error)
        try:
            _compile(job, progress)
        except OSError as failure:
            raise DictionaryError(failure_sentence(failure)) from failure
        return
    try:
        _relay(child, messages, progress)
    finally:
        child.join(timeout=5)
        messages.close()


def _relay(child: Any, messages: Any, progress: Progress | None) -> None:
    """Pass the child's progress on until it reports success or failure."""
    while True:
        try:
            kind, *values = messages.get(timeout=POLL_SECONDS)
        except queue.Empty:
            if not child.is_alive():
                raise DictionaryError(
                    f"Compiling the dictionary stopped unexpectedly (exit code {child.exitcode})."
                ) from None
            continue
        if kind == "progress" and progress is not None:
            progress(values[0], values[1])
        elif kind == "done":
            return
        elif kind == "error":
            if len(values) > 1 and values[1]:
                log.warning("dictionary compilation failed in the child process:\n%s", values[1])
            raise DictionaryError(values[0])


def _child_main(job: CompileJob, messages: Any) -> None:
    """The child process: compile, reporting progress (at most every 1 %) and the outcome."""
    last = [-1]

    def report(done: int, total: int) -> None:
        step = done * 100 // max(1, total)
        if step != last[0]:
            last[0] = step
            messages.put(("progress", done, total))

    try:
        _compile(job, report)
    except DictionaryError as error:
        messages.put(("error", str(error), ""))
    except Exception as error:
        # One sentence for the user; the traceback goes to the parent, which logs it to its file. Logging it here
        # would print it on stderr: the spawned child has no handler, so logging's last resort writes there.
        messages.put(("error", failure_sentence(error), traceback.format_exc()))
    else:
        messages.put(("done",))


def failure_sentence(error: BaseException) -> str:
    """One sentence saying why compiling failed (a full disk said plainly)."""
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return "The dictionary could not be compiled: the disk is full (free some space and try again)."
    if isinstance(error, OSError):
        return f"The dictionary could not be compiled: {error.strerror or error}."
    return f"The dictionary could not be compiled ({type(error).__name__}: {error})."


def _compile(job: CompileJob, progress: Progress | None) -> None:
    compile_index(
        job.target,
        job.sources,
        fingerprint=job.fingerprint,
        user_file=job.user_file,
        progress=progress,
        source_name=job.source_name,
    )
