"""Turn the bytes of a text file into a string: size limit, binary detection, encoding detection.

Encodings tried: a BOM (UTF-8, UTF-16 LE/BE, UTF-32) first, then strict UTF-8 (a character cut in half at the
very end, as left by a truncated download, is dropped), then the legacy Chinese encodings GB18030 (a superset of GBK
and GB2312) and Big5. A legacy decoding counts only if its Han characters are mostly among the commonly used
characters of its own standard: real text scores near 1.0, a wrong decoding (Shift-JIS read as GB18030, Big5 read
as GB18030) scatters over the rare levels. A file that is partly valid UTF-8 and partly not is reported as mixing
encodings. charset-normalizer gives a last opinion for files in other encodings, so that a Latin-1 or Shift-JIS
file is reported as "not Chinese" rather than "undecodable".

Web pages and XML declare their encoding (``<meta charset>``, ``<?xml encoding?>``): :func:`decode_markup` tries
the declared Unicode or Chinese encoding first and falls back to detection when the declaration is wrong.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import charset_normalizer

from reader.core.errors import InputError

#: Largest text file Reader opens (a long novel is 2–5 MB; anything bigger is almost certainly not an article).
MAX_TEXT_BYTES = 20 * 1024 * 1024
#: A legacy (GB18030/Big5) decoding is believed only if at least this share of its Han characters is common.
MIN_COMMONNESS = 0.7
#: Below this many Han characters the commonness score says too little to refuse a decoding.
MIN_HAN_FOR_COMMONNESS = 20
#: A web page may have this many damaged characters (or this share of its characters) and still be decoded.
MAX_DAMAGED_CHARS = 8
MAX_DAMAGED_SHARE = 0.0005
#: A file whose non-ASCII lines are at least this share valid UTF-8, but not all of them, mixes encodings.
MIXED_UTF8_SHARE = 0.1

#: Share of plausible characters above which a BOM-less, NUL-poor decoding as UTF-16 is believed.
PLAUSIBLE_UTF16_SHARE = 0.95
_PLAUSIBLE_UTF16 = re.compile("[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2010-\u2027\u0020-\u007e\n\r\t]+")
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""",
    re.IGNORECASE,
)
#: Declared encodings that are trusted, mapped to the Python codec that decodes them best (supersets).
_TRUSTED_DECLARATIONS = {
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb18030": "gb18030",
    "cp936": "gb18030",
    "big5": "cp950",
    "big5-hkscs": "big5hkscs",
    "cp950": "cp950",
}

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an EPUB/DOCX document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc, .xls or .ppt)"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"ID3", "an MP3 file"),
    (b"RIFF", "a media file"),
)


def format_size(size: int) -> str:
    """Return a byte count as a short human string (``60.0 MB``)."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def read_text_file(path: Path, *, max_bytes: int = MAX_TEXT_BYTES) -> str:
    """Read a text file of any supported encoding and return its text.

    Raises :class:`InputError` with one user-facing sentence for a missing file, a folder, an empty, binary,
    oversized or undecodable file.
    """
    data = read_bytes_checked(path, max_bytes=max_bytes)
    return decode_text(data, name=path.name)


def read_bytes_checked(path: Path, *, max_bytes: int) -> bytes:
    """Read a file's bytes after checking it exists, is a regular file and is not larger than ``max_bytes``."""
    if not path.exists():
        raise InputError(f"{path} does not exist.")
    if path.is_dir():
        raise InputError(f"{path} is a folder, not a file.")
    if not path.is_file():
        raise InputError(f"{path} is not a regular file (a device or a pipe).")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path.name} is {format_size(size)}; Reader opens files up to {format_size(max_bytes)}.")
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)  # a file that grows while it is read stops at the limit
        if len(data) > max_bytes:
            raise InputError(f"{path.name} is larger than {format_size(max_bytes)}, Reader's limit.")
        return data
    except PermissionError as exc:
        raise InputError(f"{path} cannot be read: permission denied.") from exc
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror or exc}.") from exc


def decode_text(data: bytes, *, name: str = "The input") -> str:
    """Decode ``data`` to text, detecting its encoding; raise :class:`InputError` if it is not text."""
    if not data.strip():
        raise InputError(f"{name} is empty.")
    text = _decode_with_bom(data, name)
    if text is None:
        kind = _binary_kind(data)
        if kind:
            raise InputError(f"{name} is {kind}, not a text file.")
        try:
            text = _decode_without_bom(data)
        except _MixedLegacyError:
            raise InputError(
                f"{name} mixes two Chinese encodings (GBK and Big5) in one file; save it again as UTF-8 and retry."
            ) from None
    if text is None:
        if _partly_utf8(data):
            raise InputError(f"{name} mixes UTF-8 with another encoding; save it again as UTF-8 and retry.")
        raise InputError(f"{name} could not be decoded as UTF-8, UTF-16, GB18030 or Big5 (unknown encoding).")
    if not text.replace("\ufeff", "").strip():
        raise InputError(f"{name} is empty.")
    return text


def _decode_with_bom(data: bytes, name: str) -> str | None:
    """Decode data that starts with a byte-order mark; ``None`` if it has none."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"{name} starts like {encoding.upper()} text but is damaged.") from exc
    return None


def decode_markup(data: bytes, *, name: str = "The input") -> str:
    """Decode an HTML or XML document: its declared encoding first if it is a Unicode or Chinese one.

    A BOM wins over the declaration; a declaration that does not decode the bytes is ignored (pages that
    say ``utf-8`` but are GBK are common) and the encoding is detected as for a text file.
    """
    if not any(data.startswith(bom) for bom, _ in _BOMS):
        match = _DECLARED_CHARSET.search(data[:4096])
        declared = (match.group(1) or match.group(2) or b"").decode("ascii").lower() if match else ""
        codec = _TRUSTED_DECLARATIONS.get(declared)
        if codec is not None:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                pass
            else:
                if text.strip():
                    return text
            nearly = _nearly_decodes(data, codec)
            if nearly is not None:
                return nearly
    return _tolerant_chinese(data) or decode_text(data, name=name)


def _nearly_decodes(data: bytes, codec: str) -> str | None:
    """Decode ``data`` as ``codec`` with a few damaged characters replaced by U+FFFD, as a browser shows them.

    Web pages cut a two-byte character in half (a truncated title, a stray byte from a template) more often than
    they are in another encoding; ``None`` if more than :data:`MAX_DAMAGED_SHARE` of the characters are damaged.
    """
    text = data.decode(codec, errors="replace")
    damaged = text.count("\ufffd")
    return text if text.strip() and damaged <= max(MAX_DAMAGED_CHARS, MAX_DAMAGED_SHARE * len(text)) else None


def _tolerant_chinese(data: bytes) -> str | None:
    """A page that no Unicode or Chinese codec decodes cleanly but one decodes with a few damaged characters.

    ``None`` if a codec decodes it cleanly (the text-file detection then judges between GB18030 and Big5) or if
    none decodes it nearly (it may be in another encoding).
    """
    candidates: list[tuple[int, str, str]] = []
    for codec in ("utf-8", "gb18030", "big5"):
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            text = _nearly_decodes(data, codec)
            if text is not None:
                candidates.append((text.count("\ufffd"), text, codec))
        else:
            return None
    if not candidates:
        return None
    _, text, codec = min(candidates, key=lambda item: item[0])
    # A Western page with a few Latin-1 accents also "nearly" decodes as UTF-8: only Chinese text is taken here.
    if _han_count(text) < MIN_HAN_FOR_COMMONNESS:
        return None
    if codec != "utf-8" and _commonness(text, codec) < MIN_COMMONNESS:
        return None
    return text


def _binary_kind(data: bytes) -> str | None:
    """Name the kind of a binary file, or return ``None`` if the bytes may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if b"\x00" in data[:8192] and _utf16_without_bom(data) is None:
        return "a binary file"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """Decode UTF-16 text that has no BOM.

    ASCII characters leave NUL bytes on one side, which tells the byte order; text that is nearly all Chinese
    has few NULs, so failing that, a decoding made almost only of plausible characters (Han, CJK punctuation,
    printable ASCII) is accepted: binary data decodes to scattered code points.
    """
    head = data[:4096]
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    if odd_nuls > even_nuls * 4 and odd_nuls > len(head) // 16:
        candidates = ["utf-16-le"]
    elif even_nuls > odd_nuls * 4 and even_nuls > len(head) // 16:
        candidates = ["utf-16-be"]
    elif len(data) % 2 == 0:
        candidates = [encoding for encoding in ("utf-16-le", "utf-16-be") if _plausible_utf16(head, encoding)]
    else:
        return None
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if text.count("\x00") == 0:
            return text
    return None


def _plausible_utf16(head: bytes, encoding: str) -> bool:
    """True if nearly every character of ``head`` decoded as ``encoding`` is one Chinese text is made of."""
    text = head[: len(head) // 2 * 2].decode(encoding, errors="replace")
    plausible = _PLAUSIBLE_UTF16.findall(text)
    return len(text) > 0 and sum(map(len, plausible)) >= PLAUSIBLE_UTF16_SHARE * len(text)


def _decode_without_bom(data: bytes) -> str | None:
    """Try the encodings in order of likelihood; ``None`` if nothing decodes cleanly."""
    utf16 = _utf16_without_bom(data) if b"\x00" in data[:8192] else None
    if utf16 is not None:
        return utf16
    utf8 = _utf8_allowing_cut_end(data)
    if utf8 is not None:
        return utf8
    legacy: list[tuple[float, str, str]] = []
    for encoding in ("gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        legacy.append((_commonness(text, encoding), text, encoding))
    if legacy:
        score, text, encoding = max(legacy, key=lambda item: item[0])
        if score >= MIN_COMMONNESS or _han_count(text) < MIN_HAN_FOR_COMMONNESS:
            if _part_in_other_encoding(data, encoding):
                raise _MixedLegacyError
            return text
    if _partly_utf8(data):
        return None
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding in ("utf_16", "utf_32", "gb18030", "gb2312", "gbk", "big5", "cp950"):
        return None  # a Chinese encoding whose decoding we have just judged wrong, or a guess without a BOM
    return str(best)


class _MixedLegacyError(Exception):
    """Some parts of a legacy-encoded file read well only as GB18030, others only as Big5."""


#: Bytes of whole lines judged together when a legacy file is checked part by part, and at most how many parts.
PART_BYTES = 4096
MAX_PARTS = 200
#: How much more common a part's characters must be in the other encoding for the file to count as mixed.
PART_MARGIN = 0.15


def _part_in_other_encoding(data: bytes, encoding: str) -> bool:
    """True if a part of ``data`` reads as garbage in ``encoding`` but as real text in the other legacy encoding.

    The whole-file score looks at the first 20,000 Han characters only, so a file whose second half is Big5 and
    first half GBK passed as GB18030 and showed mojibake with pinyin. Parts are runs of whole lines (a line feed is
    never the second byte of a GBK or Big5 character), at most :data:`MAX_PARTS` of them spread over the file.
    """
    other = "big5" if encoding == "gb18030" else "gb18030"
    parts = _line_parts(data)
    step = max(1, len(parts) // MAX_PARTS)
    for part in parts[::step]:
        try:
            alternative = part.decode(other)
        except UnicodeDecodeError:
            continue  # the usual case: a part in one encoding is not even valid in the other
        if _han_count(alternative) < MIN_HAN_FOR_COMMONNESS:
            continue
        score = _commonness(part.decode(encoding, errors="replace"), encoding)
        if _commonness(alternative, other) >= max(MIN_COMMONNESS, score + PART_MARGIN):
            return True
    return False


def _line_parts(data: bytes) -> list[bytes]:
    """Split ``data`` into runs of whole lines of about :data:`PART_BYTES` bytes."""
    parts, start = [], 0
    while start < len(data):
        end = data.find(b"\n", start + PART_BYTES)
        end = len(data) if end < 0 else end + 1
        parts.append(data[start:end])
        start = end
    return parts


def _utf8_allowing_cut_end(data: bytes) -> str | None:
    """Decode strict UTF-8, forgiving only a multi-byte character cut off at the very end of the data."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and error.start >= len(data) - 3:
            return data[: error.start].decode("utf-8", errors="strict") if error.start else None
        return None


def _partly_utf8(data: bytes) -> bool:
    """True if some lines of ``data`` are non-ASCII UTF-8 and others are not valid UTF-8 at all.

    Judged line by line: a whole line of GBK or Shift-JIS text is practically never valid UTF-8 by chance,
    while single characters may be.
    """
    valid = invalid = 0
    for line in data[:1_000_000].split(b"\n"):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            invalid += 1
        else:
            valid += 1
    return invalid > 0 and valid >= max(2, MIXED_UTF8_SHARE * (valid + invalid))


def _han_count(text: str) -> int:
    """Number of CJK unified ideographs in the first 20,000 characters of ``text``."""
    return sum(1 for char in text[:20000] if "\u4e00" <= char <= "\u9fff")


def _commonness(text: str, encoding: str) -> float:
    """Share of the Han characters in ``text`` that are in the commonly used level of ``encoding``'s standard.

    GB2312 level 1 (lead bytes B0–D7) holds the 3,755 most used simplified characters; Big5 level 1 (lead bytes
    A4–C6) the 5,401 most used traditional ones. A wrong decoding scatters characters over the rare levels.
    """
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not han:
        return 0.0
    common = 0
    for ch in han[:20000]:
        try:
            lead = ch.encode("gb2312" if encoding == "gb18030" else "big5")[0]
        except UnicodeEncodeError:
            continue
        if (encoding == "gb18030" and 0xB0 <= lead <= 0xD7) or (encoding == "big5" and 0xA4 <= lead <= 0xC6):
            common += 1
    return common / min(len(han), 20000)
