"""View settings remembered between sessions (QSettings in an ini file in the data folder)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QSettings

from reader.core.pinyin.styles import PinyinStyle, ToneOptions
from reader.core.script import CharacterForm


class PinyinMode(StrEnum):
    """Which words show pinyin."""

    ALL = "all"
    UNKNOWN = "unknown"  # only words the learner does not know yet
    OFF = "off"


class TranslationPosition(StrEnum):
    """Where the English goes: beside each paragraph, below it, or beside when the window is wide enough."""

    AUTO = "auto"
    BESIDE = "beside"
    BELOW = "below"


class Theme(StrEnum):
    """Colour scheme."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


DEFAULT_FONT_SIZE = 20.0
MIN_FONT_SIZE = 10.0
MAX_FONT_SIZE = 48.0


@dataclass(frozen=True)
class ViewSettings:
    """Everything the View menu toggles."""

    pinyin_mode: PinyinMode = PinyinMode.ALL
    tone_colors: bool = True
    pinyin_style: PinyinStyle = PinyinStyle.MARKS
    show_translation: bool = True
    translation_position: TranslationPosition = TranslationPosition.AUTO
    font_size: float = DEFAULT_FONT_SIZE
    font_family: str = ""  # empty: the best installed Chinese font
    word_gaps: bool = True  # a small gap between words shows where jieba split the text
    tone_sandhi: bool = False  # show spoken tones (一, 不, 3-3) instead of dictionary tones
    citation_tones: bool = False  # each character's own tone instead of neutral tones in words (知识 zhīshí)
    theme: Theme = Theme.SYSTEM
    characters: CharacterForm = CharacterForm.AS_WRITTEN  # the default of View ▸ Characters (each article may differ)

    @property
    def tone_options(self) -> ToneOptions:
        """The pinyin style and tone display options, as ``reader annotate`` takes them too."""
        return ToneOptions(self.pinyin_style, self.citation_tones, self.tone_sandhi)

    def with_changes(self, **changes: object) -> ViewSettings:
        """Return a copy with ``changes`` applied."""
        return replace(self, **changes)  # type: ignore[arg-type]


def settings_store(home: Path) -> QSettings:
    """The QSettings of the data folder (an ini file, so tests and portable installs stay self-contained)."""
    return QSettings(str(home / "reader.ini"), QSettings.Format.IniFormat)


def load_view_settings(store: QSettings) -> ViewSettings:
    """Read the view settings, falling back to the default for anything missing or invalid."""
    defaults = ViewSettings()
    values: dict[str, object] = {}
    for field in fields(ViewSettings):
        raw = store.value(f"view/{field.name}")
        if raw is None:
            continue
        default = getattr(defaults, field.name)
        try:
            if isinstance(default, bool):
                values[field.name] = raw if isinstance(raw, bool) else str(raw).lower() == "true"
            elif isinstance(default, float):
                values[field.name] = min(MAX_FONT_SIZE, max(MIN_FONT_SIZE, float(raw)))
            elif isinstance(default, StrEnum):
                values[field.name] = type(default)(str(raw))
            else:
                values[field.name] = str(raw)
        except (TypeError, ValueError):
            continue
    return replace(defaults, **values)  # type: ignore[arg-type]


def save_view_settings(store: QSettings, settings: ViewSettings) -> None:
    """Write the view settings."""
    for name, value in asdict(settings).items():
        store.setValue(f"view/{name}", value.value if isinstance(value, StrEnum) else value)
    store.sync()
