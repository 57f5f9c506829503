"""Errors of the translation package, each with one sentence for the user."""

from __future__ import annotations

from reader.core.errors import TranslationError


class PackError(TranslationError):
    """A language pack file or folder is not a usable Argos translation pack, or cannot be installed/removed."""


class DownloadError(TranslationError):
    """The package index or a pack could not be downloaded (offline, timed out, wrong size or checksum)."""


class OperationCancelledError(TranslationError):
    """The user cancelled an install or a download; nothing was left half-done."""

    def __init__(self, message: str = "The operation was cancelled.") -> None:
        super().__init__(message)
