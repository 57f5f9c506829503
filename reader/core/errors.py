"""Errors whose message is meant for the user: one clear sentence, no traceback."""

from __future__ import annotations


class ReaderError(Exception):
    """An error with a message a learner can act on.

    The CLI prints ``str(error)`` on one line of stderr and exits with status 2; the GUI shows the same sentence
    in a dialog. Raise it (or a subclass) wherever bad input or a broken environment is detected.
    """


class InputError(ReaderError):
    """The file or text given to Reader cannot be read as a Chinese article."""


class StoreError(ReaderError):
    """The library/deck database cannot be opened or written."""


class TranslationError(ReaderError):
    """A language pack is missing, invalid or failed to run."""
