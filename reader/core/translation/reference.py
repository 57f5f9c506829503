"""Human-written reference translations (the bundled sample's), looked up by sentence.

The sample must show English on first start, before any language pack is installed, so its translation ships in
``translations_cache/sample_reference.json``: written by people, labelled ``reference`` and never presented as
machine output. Entries are keyed by their Chinese text with white space removed and compatibility forms folded
(NFKC), so small changes in line joining or spacing keep matching. If text repair someday splits sentences
differently, a sentence that is two or more consecutive reference sentences run together still gets their
translations joined.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reader.core.errors import TranslationError
from reader.core.paths import TRANSLATIONS_CACHE_DIR

log = logging.getLogger(__name__)

REFERENCE_FILE = TRANSLATIONS_CACHE_DIR / "sample_reference.json"
#: The ``translation_source`` of a reference translation.
REFERENCE_SOURCE = "reference"
REFERENCE_FORMAT = 1
_SPACES = re.compile(r"\s+")


def reference_key(text: str) -> str:
    """Return the lookup key of a sentence: NFKC with every white-space character removed."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True, slots=True)
class ReferenceEntry:
    """One sentence of the reference text and its English."""

    zh: str
    en: str


class ReferenceTranslations:
    """The reference translations of one or more texts, in reading order."""

    def __init__(self, entries: list[ReferenceEntry]) -> None:
        self.entries = entries
        self._by_key: dict[str, str] = {}
        self._positions: dict[str, list[int]] = {}
        for position, entry in enumerate(entries):
            key = reference_key(entry.zh)
            self._by_key.setdefault(key, entry.en)
            self._positions.setdefault(key[:1], []).append(position)

    @classmethod
    def load(cls, path: Path = REFERENCE_FILE) -> ReferenceTranslations:
        """Read a reference file (see ``translations_cache/README.md``); raise :class:`TranslationError` if bad."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise TranslationError(f"The reference translations in {path.name} cannot be read ({exc}).") from exc
        if not isinstance(data, dict) or data.get("format") != REFERENCE_FORMAT:
            raise TranslationError(f"{path.name} is not a reference translation file of format {REFERENCE_FORMAT}.")
        entries = [
            ReferenceEntry(str(sentence["zh"]), str(sentence["en"]))
            for article in data.get("articles", [])
            for sentence in article.get("sentences", [])
        ]
        return cls(entries)

    @classmethod
    def load_bundled(cls) -> ReferenceTranslations:
        """The bundled sample's translations, or none (logged) if the file is missing from this install."""
        try:
            return cls.load(REFERENCE_FILE)
        except TranslationError as exc:
            log.warning("%s", exc)
            return cls([])

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, text: str) -> str | None:
        """Return the reference English of ``text``, or ``None`` if it is not a reference sentence."""
        key = reference_key(text)
        if not key:
            return None
        found = self._by_key.get(key)
        return found if found is not None else self._joined(key)

    def _joined(self, key: str) -> str | None:
        """Translate ``key`` as a run of consecutive reference sentences, if it is one."""
        for start in self._positions.get(key[:1], []):
            parts: list[str] = []
            rest = key
            position = start
            while rest and position < len(self.entries):
                piece = reference_key(self.entries[position].zh)
                if not piece or not rest.startswith(piece):
                    break
                parts.append(self.entries[position].en)
                rest = rest[len(piece) :]
                position += 1
            if not rest and len(parts) > 1:
                return " ".join(parts)
        return None
