"""Character-level normalisation of imported text.

NFC for the whole text (which also maps the CJK compatibility ideographs U+F900–U+FAFF and U+2F800–U+2FA1F to
their unified forms, since those have canonical decompositions). Kangxi radicals (U+2F00–U+2FDF) and the few CJK
radical supplements with a compatibility mapping are mapped one character at a time with NFKC: applying NFKC to
the whole text would turn full-width punctuation ，。（） into ASCII.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_LINE_BREAKS = re.compile(r"\r\n|\r|[\u2028\u2029\x0b\x0c\x85]")
#: Characters that carry no text: zero-width spaces and joiners, word joiner, BOM, soft hyphen.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
#: Spaces that are not U+0020 (ideographic space U+3000 is kept: it marks paragraph indents).
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\t]")
_RADICALS = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")


#: CJK Radicals Supplement characters that PDF fonts use for whole characters (a Qt-made PDF of 民风长见鸟 yields
#: ⺠⻛⻓⻅⻦) but that have no compatibility decomposition; the targets are Unicode's EquivalentUnifiedIdeograph.txt.
#: Radicals that only ever occur as components (⺅ for 亻, ⺡ for 氵) are left alone.
_SUPPLEMENT_RADICALS = str.maketrans(
    "⺜⺝⺠⺩⺮⺼⻁⻄⻅⻆⻉⻋⻑⻓⻔⻗⻘⻙⻚⻛⻜⻝⻡⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻭⻮⻯⻰⻱⻲",
    "日月民王竹肉虎西见角贝车長长门雨青韦页风飞食首马骨鬼鱼鸟卤麦黄黾斉齐歯齿竜龙龜亀",
)


@cache
def _radical_to_ideograph(char: str) -> str:
    """Map a Kangxi or supplementary radical to the ordinary ideograph, if Unicode defines one."""
    supplement = char.translate(_SUPPLEMENT_RADICALS)
    if supplement != char:
        return supplement
    mapped = unicodedata.normalize("NFKC", char)
    return mapped if len(mapped) == 1 else char


def normalize_text(text: str) -> str:
    """Return ``text`` in NFC with uniform line breaks, plain spaces and ordinary ideographs.

    Line breaks become ``\\n``; no-break, thin and other spaces (and tabs) become a plain space; zero-width
    characters disappear; Kangxi radicals copied out of PDFs (``⾛`` U+2F9B) become ordinary characters (``走``).
    Full-width punctuation and the ideographic space are left alone. A long text is normalised a slice of lines at a
    time: one pass over a 20 MB text holds the interpreter lock for a fifth of a second, and the window freezes.
    """
    if len(text) > _SLICE:
        return "".join(_normalize_slice(piece) for piece in _line_slices(text))
    return _normalize_slice(text)


#: Characters per slice of :func:`normalize_text` (each slice ends after a line break, so nothing spans two).
_SLICE = 65_536


def _line_slices(text: str) -> list[str]:
    """Cut ``text`` after a ``\n`` about every :data:`_SLICE` characters (a ``\r\n`` pair stays whole)."""
    pieces = []
    start = 0
    while start < len(text):
        end = text.find("\n", start + _SLICE)
        end = len(text) if end < 0 else end + 1
        pieces.append(text[start:end])
        start = end
    return pieces


def _normalize_slice(text: str) -> str:
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _RADICALS.sub(lambda match: _radical_to_ideograph(match.group()), text)
    return unicodedata.normalize("NFC", text)
