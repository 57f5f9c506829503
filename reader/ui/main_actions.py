"""The main window's own actions, declared as tables by area (file, edit, view, words, maintenance, help).

Each row names the action's text, shortcut, tip and icon, and the slot it calls as a dotted path from the main
window (``files.open_dialog`` is ``window.files.open_dialog``), so the whole set reads as one list and a new action
is one row. Word and annotation actions live with their own groups (:mod:`reader.ui.word_actions`,
:mod:`reader.ui.annotation_actions`); the menus that show all of them are built in :mod:`reader.ui.main_menu`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from functools import partial, reduce
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle, QWidget

from reader.core.pinyin.styles import PinyinStyle
from reader.ui.actions import Shortcut, exclusive_group, make_action
from reader.ui.settings import PinyinMode, TranslationPosition, ViewSettings

_Key = QKeySequence.StandardKey
_Icon = QStyle.StandardPixmap


@dataclass(frozen=True)
class ActionSpec:
    """One action: its key in :class:`MainActions`, menu text, the slot it calls and how it is reached."""

    key: str
    text: str
    slot: str  # dotted path from the main window to the method called
    shortcut: Shortcut | tuple[str, ...] = None
    tip: str = ""
    icon: QStyle.StandardPixmap | None = None
    args: tuple[object, ...] = ()  # given to the slot before the checked state (if checkable)
    checkable: bool = False
    checked_when: Callable[[ViewSettings], bool] | None = None  # initial check state, from the view settings
    widget_only: bool = False  # the shortcut acts only while the reading view has the focus


@dataclass(frozen=True)
class ChoiceSpec:
    """A set of exclusive checkable actions, one per value of a view setting."""

    key: str
    setting: str  # the ViewSettings field the choice shows
    slot: str  # dotted path of the method called with the chosen value
    choices: tuple[tuple[Enum, str], ...]


def _flag(name: str, text: str, shortcut: Shortcut = None, tip: str = "") -> ActionSpec:
    """A checkable action that shows and sets the boolean view setting ``name``."""
    return ActionSpec(
        name,
        text,
        "view_options.set_flag",
        shortcut,
        tip,
        args=(name,),
        checkable=True,
        checked_when=lambda settings: bool(getattr(settings, name)),
    )


FILE_ACTIONS = (
    ActionSpec(
        "open",
        "&Open…",
        "files.open_dialog",
        _Key.Open,
        "Open a text, web page, e-book, PDF, Word or subtitle file",
        _Icon.SP_DialogOpenButton,
    ),
    ActionSpec(
        "paste",
        "&Paste as New Article",
        "files.paste_article",
        "Ctrl+Shift+V",
        "Make an article of the text on the clipboard",
    ),
    ActionSpec("sample", "Open the &Sample Article", "files.open_sample"),
    ActionSpec("quit", "&Quit", "close", "Ctrl+Q"),
)

EDIT_ACTIONS = (
    ActionSpec("copy", "&Copy", "copy_selection", _Key.Copy),
    ActionSpec("preferences", "&Preferences…", "view_options.preferences", "Ctrl+,"),
    ActionSpec("find", "&Find…", "find_bar.open_bar", _Key.Find, "Find characters, pinyin or English in the article"),
    ActionSpec("find_next", "Find &Next", "find_bar.step", _Key.FindNext, args=(1,)),
    ActionSpec("find_previous", "Find Pre&vious", "find_bar.step", _Key.FindPrevious, args=(-1,)),
    ActionSpec(
        "search_library",
        "&Search Library…",
        "search_library",
        "Ctrl+Shift+F",
        "Search every article's Chinese and English",
    ),
)

VIEW_ACTIONS = (
    ActionSpec("zoom_in", "Zoom &In", "view_options.zoom", ("Ctrl+=", "Ctrl++"), icon=_Icon.SP_ArrowUp, args=(1,)),
    ActionSpec("zoom_out", "Zoom &Out", "view_options.zoom", _Key.ZoomOut, icon=_Icon.SP_ArrowDown, args=(-1,)),
    ActionSpec("zoom_reset", "&Actual Size", "view_options.zoom", "Ctrl+0", args=(0,)),
    ActionSpec("full_screen", "&Full Screen", "view_options.toggle_full_screen", "F11", checkable=True),
    ActionSpec("font", "Chinese &Font…", "view_options.choose_font"),
    ActionSpec(
        "toggle_pinyin",
        "Show &Pinyin",
        "view_options.toggle_pinyin",
        "Ctrl+P",
        "Show or hide pinyin above words",
        checkable=True,
        checked_when=lambda settings: settings.pinyin_mode is not PinyinMode.OFF,
    ),
    _flag("tone_colors", "&Tone Colours", "Ctrl+Shift+T"),
    _flag(
        "tone_sandhi",
        "Spoken Tones (Tone &Sandhi)",
        tip="Show 一, 不 and third tones as they are spoken instead of their dictionary tones",
    ),
    _flag(
        "citation_tones",
        "&Citation Tones (zhīshí, not zhīshi)",
        tip="Give every character its own tone instead of the dictionary's neutral tones in words "
        "(知识 zhīshí, 衣服 yīfú); particles such as 的 and 了 stay neutral",
    ),
    _flag("show_translation", "Show &Translation", "Ctrl+T", "Show or hide the English beside each paragraph"),
    _flag("word_gaps", "&Gaps Between Words"),
)

#: The checkable View actions that show a boolean view setting (their key is the setting's name).
FLAG_KEYS = tuple(spec.key for spec in VIEW_ACTIONS if spec.slot == "view_options.set_flag")

VIEW_CHOICES = (
    ChoiceSpec(
        "pinyin_modes",
        "pinyin_mode",
        "view_options.set_pinyin_mode",
        (
            (PinyinMode.ALL, "Pinyin for &All Words"),
            (PinyinMode.UNKNOWN, "Pinyin for &Unknown Words Only"),
            (PinyinMode.OFF, "&No Pinyin"),
        ),
    ),
    ChoiceSpec(
        "style_actions",
        "pinyin_style",
        "view_options.set_pinyin_style",
        (
            (PinyinStyle.MARKS, "Tone &Marks (hǎo)"),
            (PinyinStyle.NUMBERS, "Tone &Numbers (hao3)"),
            (PinyinStyle.ZHUYIN, "&Zhuyin (ㄏㄠˇ)"),
        ),
    ),
    ChoiceSpec(
        "position_actions",
        "translation_position",
        "view_options.set_translation_position",
        (
            (TranslationPosition.AUTO, "Beside When &Wide Enough"),
            (TranslationPosition.BESIDE, "Always &Beside"),
            (TranslationPosition.BELOW, "Always B&elow"),
        ),
    ),
)

WORDS_ACTIONS = (
    ActionSpec("look_up", "&Look Up Word", "look_up_focused", "Return", widget_only=True),
    ActionSpec("deck", "Open &Deck…", "open_deck", "Ctrl+Shift+D", "Your vocabulary: search, edit, export to Anki"),
    ActionSpec("export_deck", "&Export Deck…", "export_deck", "Ctrl+E", "Export the deck to Anki, CSV or Pleco"),
    ActionSpec(
        "known_words",
        "&Import Known Words…",
        "import_known_words",
        tip="Mark the words you already know: HSK levels, a word list or an Anki export",
    ),
)

MAINTENANCE_ACTIONS = (
    ActionSpec(
        "packs",
        "&Language Packs…",
        "language_packs",
        tip="Install, download or remove the Chinese→English translation pack",
    ),
    ActionSpec(
        "backup",
        "&Back Up Library Now",
        "maintenance.back_up_now",
        tip="Copy the library and deck database to the backups folder",
    ),
    ActionSpec("restore", "&Restore a Backup…", "maintenance.restore_backup"),
    ActionSpec(
        "check",
        "Check &Database",
        "maintenance.check_database",
        tip="Check the library and deck database for damage and rebuild the search index",
    ),
    ActionSpec(
        "cedict",
        "Load a Newer &CC-CEDICT File…",
        "maintenance.load_cedict",
        tip="Replace the dictionary with a cedict_ts.u8 file you downloaded",
    ),
)

HELP_ACTIONS = (
    ActionSpec("about", "&About Reader", "menus.about"),
    ActionSpec("shortcuts", "&Keyboard Shortcuts", "menus.show_shortcuts", _Key.HelpContents),
)

#: Every table of plain actions, by area.
AREAS = {
    "file": FILE_ACTIONS,
    "edit": EDIT_ACTIONS,
    "view": VIEW_ACTIONS,
    "words": WORDS_ACTIONS,
    "maintenance": MAINTENANCE_ACTIONS,
    "help": HELP_ACTIONS,
}


def resolve(root: object, path: str) -> Callable[..., Any]:
    """The method at dotted ``path`` from ``root`` (``files.open_dialog``)."""
    found = reduce(getattr, path.split("."), root)
    assert callable(found), path
    return found


def build_action(window: QWidget, spec: ActionSpec, settings: ViewSettings) -> QAction:
    """Create the action a row describes, owned by ``window`` and connected to its slot."""
    slot = resolve(window, spec.slot)
    if spec.args:
        slot = partial(slot, *spec.args)
    shortcut = None if isinstance(spec.shortcut, tuple) else spec.shortcut
    action = make_action(window, spec.text, slot, shortcut, checkable=spec.checkable, tip=spec.tip, icon=spec.icon)
    if isinstance(spec.shortcut, tuple):
        action.setShortcuts([QKeySequence(key) for key in spec.shortcut])
    if spec.widget_only:
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    if spec.checked_when is not None:
        # Quietly: the settings already hold this state, and the slots need the whole window built.
        action.blockSignals(True)
        action.setChecked(spec.checked_when(settings))
        action.blockSignals(False)
    return action


class MainActions:
    """The main window's actions, built from the tables above; ``actions["open"]`` is File ▸ Open…."""

    def __init__(self, window: QWidget, settings: ViewSettings) -> None:
        self.by_key: dict[str, QAction] = {
            spec.key: build_action(window, spec, settings) for specs in AREAS.values() for spec in specs
        }
        self.choices: dict[str, dict[Any, QAction]] = {
            spec.key: self._choice_group(window, spec, settings) for spec in VIEW_CHOICES
        }

    @staticmethod
    def _choice_group(window: QWidget, spec: ChoiceSpec, settings: ViewSettings) -> dict[Any, QAction]:
        slot = resolve(window, spec.slot)
        actions = {value: make_action(window, text, partial(slot, value)) for value, text in spec.choices}
        exclusive_group(window, list(actions.values()))
        actions[getattr(settings, spec.setting)].setChecked(True)
        return actions

    def __getitem__(self, key: str) -> QAction:
        return self.by_key[key]

    @property
    def pinyin_modes(self) -> dict[PinyinMode, QAction]:
        """View ▸ Pinyin's three modes (all words, unknown words, none)."""
        return self.choices["pinyin_modes"]

    @property
    def style_actions(self) -> dict[PinyinStyle, QAction]:
        """View ▸ Pinyin's three ways of writing tones."""
        return self.choices["style_actions"]

    @property
    def position_actions(self) -> dict[TranslationPosition, QAction]:
        """View ▸ Translation Position's three choices."""
        return self.choices["position_actions"]

    def set_checked_quietly(self, key: str, checked: bool) -> None:
        """Check or uncheck an action without calling its slot (the setting already changed)."""
        action = self.by_key[key]
        action.blockSignals(True)
        action.setChecked(checked)
        action.blockSignals(False)
