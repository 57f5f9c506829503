"""Offline Chinese→English translation: Argos language packs run by CTranslate2, a cache, reference texts.

* :mod:`.settings` — where Argos keeps packs, resolved as argostranslate does;
* :mod:`.packs` — list, check, install and remove packs;
* :mod:`.download` — the package index and streamed downloads;
* :mod:`.engine` — one pack's model, run directly with Argos' decoding settings;
* :mod:`.cache` — translated sentences in SQLite;
* :mod:`.reference` — the human-written translations of the bundled sample;
* :mod:`.translator` — the service that puts them together (:class:`Translator`).

Importing this package loads neither ctranslate2 nor sentencepiece: the engine imports them on first use.
"""

from __future__ import annotations

from reader.core.translation.cache import TranslationCache, normalize_sentence
from reader.core.translation.errors import DownloadError, OperationCancelledError, PackError
from reader.core.translation.packs import PackInfo, check_archive, find_pack, install_pack, list_packs, remove_pack
from reader.core.translation.reference import REFERENCE_SOURCE, ReferenceTranslations
from reader.core.translation.settings import ArgosSettings, resolve_argos_settings
from reader.core.translation.translator import Translation, Translator

__all__ = [
    "REFERENCE_SOURCE",
    "ArgosSettings",
    "DownloadError",
    "OperationCancelledError",
    "PackError",
    "PackInfo",
    "ReferenceTranslations",
    "Translation",
    "TranslationCache",
    "Translator",
    "check_archive",
    "find_pack",
    "install_pack",
    "list_packs",
    "normalize_sentence",
    "remove_pack",
    "resolve_argos_settings",
]
