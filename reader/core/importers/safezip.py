"""Open EPUB and DOCX archives safely: nothing is extracted to disk, and hostile archives are refused up front.

Checked before any parser sees the archive:

* **zip-slip**: a member name that is absolute, has a drive letter or a ``..`` component is refused (Reader never
  extracts to disk, but a book with such names is not a real book);
* **zip bombs**: at most :data:`MAX_MEMBERS` members, :data:`MAX_UNPACKED_BYTES` unpacked in total, and no member
  larger than 1 MB packed more tightly than :data:`MAX_RATIO` to one. :mod:`zipfile` never returns more bytes
  than a member declares (a lying header fails its CRC check), so checking the declared sizes is enough;
* **XML entity bombs** ("billion laughs") and external entities: a markup member that declares an entity
  (``<!ENTITY``, in any of the ASCII-compatible or UTF-16/32 encodings) is refused before lxml or EbookLib parse
  it. Legitimate EPUB and DOCX files never declare entities;
* password-protected members.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib

from reader.core.errors import InputError
from reader.core.textio import format_size

MAX_MEMBERS = 10_000
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_RATIO = 100
#: Members smaller than this may compress as well as they like (a tiny file of repeated text is harmless).
RATIO_CHECK_BYTES = 1024 * 1024
MARKUP_SUFFIXES = (".xml", ".opf", ".ncx", ".xhtml", ".html", ".htm", ".svg", ".smil", ".rels", ".xht")

_DRIVE = re.compile(r"^[A-Za-z]:")
#: Errors zipfile and zlib raise on damaged archives. RuntimeError covers an encrypted member ("password required")
#: and, through its subclass, a compression method zipfile does not support.
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError, KeyError)


def open_archive(data: bytes, *, name: str, what: str) -> zipfile.ZipFile:
    """Open ``data`` as a ZIP archive after the safety checks of this module.

    ``name`` is the file name for messages and ``what`` the kind of document (``"EPUB book"``). Raises
    :class:`InputError` with one sentence for a damaged, hostile or password-protected archive.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS as error:
        raise InputError(f"{name} is not a valid {what} (the file is damaged or incomplete).") from error
    infos = archive.infolist()
    _check_names(infos, name)
    _check_sizes(infos, name)
    if any(info.flag_bits & 0x1 for info in infos):
        raise InputError(f"{name} is password-protected; Reader cannot open it.")
    _refuse_entities(archive, infos, name, what)
    return archive


def unsafe_member_name(member: str) -> bool:
    """True if ``member`` would point outside the folder an archive is unpacked into."""
    normalised = member.replace("\\", "/")
    if normalised.startswith("/") or _DRIVE.match(normalised) or "\x00" in normalised:
        return True
    return ".." in normalised.split("/") or posixpath.normpath(normalised).startswith("..")


def _check_names(infos: list[zipfile.ZipInfo], name: str) -> None:
    if len(infos) > MAX_MEMBERS:
        raise InputError(f"{name} holds {len(infos):,} files, more than the {MAX_MEMBERS:,} Reader accepts.")
    if any(unsafe_member_name(info.filename) for info in infos):
        raise InputError(f"{name} contains unsafe file paths (such as ../), so Reader will not open it.")


def _check_sizes(infos: list[zipfile.ZipInfo], name: str) -> None:
    total = sum(info.file_size for info in infos)
    if total > MAX_UNPACKED_BYTES:
        raise InputError(
            f"{name} unpacks to {format_size(total)}, more than the {format_size(MAX_UNPACKED_BYTES)} Reader "
            "accepts (it may be a zip bomb)."
        )
    for info in infos:
        if info.file_size > RATIO_CHECK_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(f"{name} is compressed suspiciously tightly (it may be a zip bomb); Reader refuses it.")


def _refuse_entities(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], name: str, what: str) -> None:
    for info in infos:
        if not info.filename.lower().endswith(MARKUP_SUFFIXES):
            continue
        try:
            content = archive.read(info)
        except ZIP_ERRORS as error:
            raise InputError(f"{name} is not a valid {what} (the file is damaged or incomplete).") from error
        # UTF-16/32 markup has NUL bytes beside every ASCII character: drop them to see the declaration.
        if b"<!entity" in content.replace(b"\x00", b"").lower():
            raise InputError(f"{name} declares XML entities (possibly an entity bomb); Reader refuses it for safety.")
