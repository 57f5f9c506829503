"""View ▸ Characters: show the open article as written, in simplified, or in Taiwan or Hong Kong traditional.

The choice is kept per article (in the settings file, by library id); an article without one uses the default
from Preferences. Only drawing changes: the stored text, its offsets, and so pinyin, highlights, notes, bookmarks
and the reading position stay as they are (:mod:`reader.core.script` converts one character for one).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from reader.core.script import CharacterForm
from reader.ui.actions import exclusive_group, make_action

#: Menu text per form (mnemonics added; :attr:`CharacterForm.label` is the plain text).
_MENU_TEXT = {
    CharacterForm.AS_WRITTEN: "&As Written",
    CharacterForm.SIMPLIFIED: "&Simplified",
    CharacterForm.TAIWAN: "Traditional (&Taiwan)",
    CharacterForm.HONG_KONG: "Traditional (&Hong Kong)",
}
_TIPS = {
    CharacterForm.AS_WRITTEN: "Show the characters of this article as the file has them",
    CharacterForm.SIMPLIFIED: "Show this article in simplified characters",
    CharacterForm.TAIWAN: "Show this article in traditional characters, Taiwan standard",
    CharacterForm.HONG_KONG: "Show this article in traditional characters, Hong Kong standard",
}


def _key(article_id: int) -> str:
    return f"characters/article_{article_id}"


class CharacterActions(QObject):
    """The four exclusive actions of View ▸ Characters and the per-article choice behind them."""

    changed = Signal()

    def __init__(self, parent: QWidget, settings: QSettings, default: CharacterForm) -> None:
        super().__init__(parent)
        self._settings = settings
        self.default = default
        self.article_id: int | None = None
        self.actions: dict[CharacterForm, QAction] = {
            form: make_action(parent, text, partial(self._chosen, form), tip=_TIPS[form])
            for form, text in _MENU_TEXT.items()
        }
        exclusive_group(parent, list(self.actions.values()))
        self._check()

    def add_menu(self, menu: QMenu) -> QMenu:
        """Add the Characters submenu to ``menu`` and return it."""
        submenu = menu.addMenu("&Characters")
        submenu.addActions(list(self.actions.values()))
        return submenu

    @property
    def form(self) -> CharacterForm:
        """How the open article is shown: its own choice, else the default."""
        if self.article_id is not None:
            stored = self._settings.value(_key(self.article_id))
            if stored is not None:
                return CharacterForm.parse(str(stored), self.default)
        return self.default

    def set_article(self, article_id: int | None) -> None:
        """Another article is open: check its form."""
        self.article_id = article_id
        self._check()

    def set_default(self, default: CharacterForm) -> None:
        """The default changed (Preferences); articles without their own choice follow it."""
        self.default = default
        self._check()
        self.changed.emit()

    def _chosen(self, form: CharacterForm) -> None:
        if self.article_id is None:
            self.default = form  # nothing open: the choice is the default for what opens next
        else:
            self._settings.setValue(_key(self.article_id), form.value)
            self._settings.sync()
        self._check()
        self.changed.emit()

    def _check(self) -> None:
        self.actions[self.form].setChecked(True)
