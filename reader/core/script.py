"""Simplified and traditional characters: detect which script a text is in, convert between them, fold for search.

Everything here keeps offsets: a converted text has exactly as many characters as the original, character ``i``
of the output standing for character ``i`` of the input, so tokens, highlights, notes and bookmarks found on one
form apply to the other unchanged. OpenCC converts by phrase first (顯著 stays 显著, 看著 becomes 看着), then by
character; if a phrase ever changes length, that run of Han characters is converted character by character instead.

The conversion tables are OpenCC's, read through the pure-Python ``opencc-purepy`` package (see
docs/ARCHITECTURE.md for why not the C++ wheels). They load on first use (about 0.05 s) and are read-only after.

- :meth:`ScriptConverter.simplified_view` (OpenCC ``tw2t`` then ``hk2s``: Taiwan and Hong Kong variants, then
  traditional to simplified) gives the *simplified view* on which words are cut and readings chosen;
- :meth:`ScriptConverter.to_traditional` (``s2tw`` or ``s2hk``: character standards of Taiwan or Hong Kong, no
  vocabulary changes) and :meth:`ScriptConverter.convert` serve the View ▸ Characters toggle;
- :func:`fold` is what search compares (学习 and 學習 fold to the same string).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from reader.core.chars import is_han
from reader.core.dictionary.entries import Entry
from reader.core.model import Article


class Script(StrEnum):
    """The script a text is written in; ``NEUTRAL`` when no character tells (我是人 reads the same in both)."""

    SIMPLIFIED = "simplified"
    TRADITIONAL = "traditional"
    NEUTRAL = "neutral"


class CharacterForm(StrEnum):
    """How characters are shown: as stored, or converted (View ▸ Characters, ``reader annotate --script``)."""

    AS_WRITTEN = "as-written"
    SIMPLIFIED = "simplified"
    TAIWAN = "traditional-tw"
    HONG_KONG = "traditional-hk"

    @property
    def label(self) -> str:
        """The menu text of the form."""
        return _LABELS[self]

    @classmethod
    def parse(cls, value: str | None, default: CharacterForm | None = None) -> CharacterForm:
        """The form named ``value`` (``traditional`` means Taiwan); ``default`` (or as written) if unknown."""
        aliases = {"traditional": cls.TAIWAN, "tw": cls.TAIWAN, "hk": cls.HONG_KONG, "written": cls.AS_WRITTEN}
        if value is None:
            return default if default is not None else cls.AS_WRITTEN
        if value in aliases:
            return aliases[value]
        try:
            return cls(value)
        except ValueError:
            return default if default is not None else cls.AS_WRITTEN


_LABELS = {
    CharacterForm.AS_WRITTEN: "As Written",
    CharacterForm.SIMPLIFIED: "Simplified",
    CharacterForm.TAIWAN: "Traditional (Taiwan)",
    CharacterForm.HONG_KONG: "Traditional (Hong Kong)",
}

#: Runs of Han characters: OpenCC's phrases never cross punctuation, spaces or Latin text.
_HAN_RUN = re.compile(r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")

#: OpenCC configurations used: the simplified view, simplified to each traditional standard, traditional to each
#: standard's variants (裏 → 裡 for Taiwan), and plain s2t for detection.
_CONFIGS = ("hk2s", "tw2t", "s2t", "s2tw", "s2hk", "t2tw", "t2hk")


class ScriptConverter:
    """Converts between scripts with OpenCC's tables, one character for one character.

    Thread-safe: the tables load once, under a lock, on the first conversion; conversions only read them.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._converters: dict[str, Callable[[str], str]] = {}
        self._classes: dict[str, int] = {}  # character → 1 traditional-only, -1 simplified-only, 0 neither

    def _converter(self, config: str) -> Callable[[str], str]:
        converter = self._converters.get(config)
        if converter is None:
            with self._lock:
                if not self._converters:
                    from opencc_purepy import OpenCC

                    self._converters = {name: _bound_convert(OpenCC(name)) for name in _CONFIGS}
            converter = self._converters[config]
        return converter

    def _same_length(self, config: str, text: str) -> str:
        """``text`` converted by ``config``, each run of Han characters keeping its length."""
        if not any(is_han(char) for char in text):
            return text
        convert = self._converter(config)
        return _HAN_RUN.sub(lambda match: _convert_run(convert, match.group()), text)

    def to_simplified(self, text: str) -> str:
        """The simplified view of ``text`` (Taiwan and Hong Kong forms too), as long as ``text``.

        Simplified text passes through almost unchanged; a few characters that are also traditional forms
        (著, 乾, 於) may change, so analysis converts only text detected as traditional (:meth:`analysis_view`).
        """
        return self._same_length("hk2s", text)

    def simplified_view(self, text: str) -> str:
        """The simplified view of a text known to be traditional: :meth:`to_simplified` after Taiwan's variants.

        Taiwan writes 幺 (yāo, "one" in numbers) as 么, which simplified text uses for 麼; OpenCC's ``tw2t`` turns
        it back into 幺 first. Only for traditional text: in simplified text 么 is 麼, so search folding and
        :meth:`to_simplified` leave it alone.
        """
        return self._same_length("hk2s", self._same_length("tw2t", text))

    def to_traditional(self, text: str, region: str = "tw") -> str:
        """``text`` in the traditional characters of Taiwan (``tw``) or Hong Kong (``hk``), as long as ``text``."""
        return self._same_length("s2hk" if region == "hk" else "s2tw", text)

    def convert(self, text: str, form: CharacterForm) -> str:
        """``text`` shown in ``form``; simplified or traditional input alike, the length never changes.

        Traditional is reached through the simplified view, so a Taiwan text shown in Hong Kong forms (or the
        reverse) changes only the characters the two standards write differently.
        """
        if form is CharacterForm.AS_WRITTEN:
            return text
        simplified = self.simplified_view(text) if self.detect(text) is Script.TRADITIONAL else text
        if form is CharacterForm.SIMPLIFIED:
            return simplified
        region = "hk" if form is CharacterForm.HONG_KONG else "tw"
        converted = self.to_traditional(simplified, region)
        # A traditional character the writer chose stays that character in the region's standard (乾隆 keeps 乾,
        # 頭髮 keeps 髮, 裏 becomes Taiwan's 裡; OpenCC's Hong Kong standard accepts 裡 as it is); a simplified
        # or shared character takes OpenCC's phrase-based choice.
        direct = self._same_length(f"t2{region}", text)
        return "".join(d if o != s else c for o, s, c, d in zip(text, simplified, converted, direct, strict=True))

    def counts(self, text: str) -> tuple[int, int]:
        """(traditional-only, simplified-only) character counts of ``text``: what :meth:`detect` weighs.

        A character counts when OpenCC would convert it *and* the other script's character set lacks it: 著, 乾
        and 於 are converted by ``t2s`` but are GB2312 characters too (著名, 乾隆), and 台, 面, 只 are converted
        by ``s2t`` but are Big5 characters too, so none of them tells. Each distinct character is classified once.
        """
        traditional = simplified = 0
        classes = self._classes
        for char in text:
            kind = classes.get(char)
            if kind is None:
                kind = classes[char] = self._classify(char)
            if kind > 0:
                traditional += 1
            elif kind < 0:
                simplified += 1
        return traditional, simplified

    def _classify(self, char: str) -> int:
        """1 for a traditional-only character, -1 for a simplified-only one, 0 for one both scripts write."""
        if not is_han(char):
            return 0
        if self._converter("hk2s")(char) != char and not _encodes(char, "gb2312"):
            return 1
        if self._converter("s2t")(char) != char and not _encodes(char, "big5"):
            return -1
        return 0

    def detect(self, text: str) -> Script:
        """The script ``text`` is written in, by which characters only one script uses (這 or 这)."""
        return _verdict(*self.counts(text))

    def detect_paragraphs(self, paragraphs: Iterable[str]) -> Script:
        """The script of a whole article from its paragraphs' counts (the majority of telling characters)."""
        traditional = simplified = 0
        for paragraph in paragraphs:
            t, s = self.counts(paragraph)
            traditional += t
            simplified += s
        return _verdict(traditional, simplified)

    def analysis_view(self, text: str) -> str:
        """What words are cut and read on: the simplified view of traditional text, simplified text unchanged."""
        if self.detect(text) is Script.TRADITIONAL:
            return self.simplified_view(text)
        return text

    def word_view(self, word: str) -> str:
        """What the analyser cuts for ``word`` on its own: the simplified view unless it is simplified already."""
        script = self.detect(word)
        if script is Script.TRADITIONAL:
            return self.simplified_view(word)
        return self.to_simplified(word) if script is Script.NEUTRAL else word

    def fold(self, text: str) -> str:
        """The search key of ``text``: every traditional form folded to simplified, same length (学习 = 學習)."""
        return self.to_simplified(text)


@dataclass(frozen=True, slots=True)
class WordForms:
    """A word in both scripts: what the deck stores, and what the pop-up shows beside the form in the text."""

    simplified: str
    traditional: str

    def other(self, written: str) -> str:
        """The form that is not ``written`` (empty when both scripts write the word alike)."""
        if self.simplified == self.traditional:
            return ""
        return self.simplified if written == self.traditional else self.traditional


def word_forms(
    word: str,
    reading: Sequence[str | None] | None,
    entries: Iterable[Entry],
    converter: ScriptConverter | None = None,
) -> WordForms:
    """Both forms of ``word`` as read ``reading``: from the dictionary entry with that reading, else by OpenCC.

    The entry decides where one traditional form stands for several simplified ones: 著 read ``zhe5`` is 着, read
    ``zhu4`` is 著; 乾 read ``qian2`` is 乾, read ``gan1`` is 干. ``entries`` are the dictionary's entries of
    ``word`` (by either headword); a word without one is converted.
    """
    wanted = tuple((s or "").lower() for s in reading or ())
    candidates = [e for e in entries if word in (e.simplified, e.traditional)]
    matching = [e for e in candidates if tuple(s.lower() for s in e.syllables) == wanted] or (
        candidates if not wanted else []
    )
    if matching:
        # The entry whose traditional headword is the word as written wins (著 → 着/著 zhe5, not 著/著 zhu4).
        best = next((e for e in matching if e.traditional == word), matching[0])
        return WordForms(best.simplified, best.traditional)
    converter = converter if converter is not None else shared_converter()
    if converter.detect(word) is Script.TRADITIONAL:
        return WordForms(converter.simplified_view(word), word)
    return WordForms(word, converter.to_traditional(word))


def convert_article(article: Article, form: CharacterForm, converter: ScriptConverter | None = None) -> None:
    """Rewrite the title, blocks, sentences and tokens of ``article`` in ``form``, in place; offsets stay valid.

    Pinyin and translations are left as they are: they belong to the words, whichever way they are written.
    """
    if form is CharacterForm.AS_WRITTEN:
        return
    converter = converter if converter is not None else shared_converter()
    if article.title:
        article.title = converter.convert(article.title, form)
    for block in article.blocks:
        shown = converter.convert(block.text, form)
        block.text = shown
        for sentence in block.sentences:
            sentence.text = shown[sentence.start - block.start : sentence.end - block.start]
            for token in sentence.tokens:
                token.text = shown[token.start - block.start : token.end - block.start]


def _verdict(traditional: int, simplified: int) -> Script:
    if traditional == simplified == 0:
        return Script.NEUTRAL
    return Script.TRADITIONAL if traditional >= simplified else Script.SIMPLIFIED


@cache
def _encodes(char: str, encoding: str) -> bool:
    """True if ``encoding`` (GB2312: the simplified standard set; Big5: the traditional one) has ``char``."""
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _bound_convert(opencc: Any) -> Callable[[str], str]:
    def convert(text: str) -> str:
        return str(opencc.convert(text))

    return convert


def _convert_run(convert: Callable[[str], str], run: str) -> str:
    """One Han run converted by phrase, or character by character if a phrase changed its length."""
    converted = convert(run)
    if len(converted) == len(run):
        return converted
    singles = (convert(char) for char in run)
    return "".join(single if len(single) == 1 else char for single, char in zip(singles, run, strict=True))


@cache
def shared_converter() -> ScriptConverter:
    """The process's converter: OpenCC's tables are read-only, so one copy serves every caller."""
    return ScriptConverter()


def fold(text: str) -> str:
    """The search key of ``text`` (traditional folded to simplified, same length); see :meth:`ScriptConverter.fold`."""
    return shared_converter().fold(text)
