"""The dictionary's user-facing error."""

from __future__ import annotations

from reader.core.errors import ReaderError


class DictionaryError(ReaderError):
    """The dictionary data is missing, invalid, or a file offered as CC-CEDICT is not one."""
