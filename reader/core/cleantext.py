"""Text that is safe to store and export: no control characters, no lone surrogates.

One function for every way in: :func:`clean_field` runs on each deck field when it is stored and again on every
export format (older rows, or fields set before this rule, may still hold a control character). U+001F is
Anki's field separator: one in a definition made Anki refuse a whole ``.apkg``. :func:`storable` makes a file name
that is not valid UTF-8 (Python keeps its bytes as lone surrogates, ``\\udcff``) storable in SQLite.
"""

from __future__ import annotations

import re

#: C0 controls and DEL, except tab, line feed and carriage return (each format decides what those become).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Lone surrogates: the undecodable bytes of a file name (``os.fsdecode``'s surrogateescape).
_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_field(text: str, replacement: str = " ") -> str:
    """Return ``text`` with control characters (not tab/newline) replaced by ``replacement`` and made storable.

    The default replacement is one space, so offsets into the text (a word's place in its sentence) still hold.
    """
    return _CONTROLS.sub(replacement, storable(text))


def storable(text: str) -> str:
    """Return ``text`` with lone surrogates (undecodable file-name bytes) replaced by U+FFFD."""
    return _SURROGATES.sub("\ufffd", text)
