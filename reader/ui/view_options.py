"""The main window's View options: pinyin, tones, translation, zoom, font, characters and Preferences.

Each change is saved with the view settings and re-lays-out the reading view; the Details card follows too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QFontDialog

from reader.core.pinyin.styles import PinyinStyle
from reader.ui.main_actions import FLAG_KEYS
from reader.ui.reading.layout import LayoutContext
from reader.ui.settings import (
    DEFAULT_FONT_SIZE,
    MAX_FONT_SIZE,
    MIN_FONT_SIZE,
    PinyinMode,
    TranslationPosition,
    ViewSettings,
    save_view_settings,
)
from reader.ui.theme import apply_theme, default_cjk_family

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


class ViewOptions(QObject):
    """Carries out the View menu for the main window: change a setting, save it, lay out the article again."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.app = window.app

    def layout_context(self) -> LayoutContext:
        """Fonts, settings and callbacks the reading view lays out with."""
        settings = self.app.view_settings
        family = settings.font_family or default_cjk_family()
        return LayoutContext(
            settings,
            family,
            QApplication.font(),
            self.window.controller.status_of,
            self.app.services.pinyin.char_readings,
            self.window.characters.form,
        )

    def update_view(self, **changes: object) -> None:
        """Change view settings, remember them, and re-lay-out the article."""
        self.app.view_settings = self.app.view_settings.with_changes(**changes)
        save_view_settings(self.app.settings, self.app.view_settings)
        self.window.view.relayout(self.layout_context())
        self.window.word_panel.refresh()  # the Details card follows the pinyin style and tone colours too
        self._follow_pinyin_style()

    def _follow_pinyin_style(self) -> None:
        """The open deck window writes pinyin in the style just chosen, like the reading view."""
        from reader.ui.deck.window import DeckWindow  # the deck window is opened from here, never at start-up

        deck = self.window.findChild(DeckWindow)
        if deck is not None:
            deck.follow_pinyin_style()

    def set_flag(self, name: str, on: bool) -> None:
        """A checkable View action was toggled: set the boolean setting ``name``."""
        self.update_view(**{name: on})

    def set_pinyin_style(self, style: PinyinStyle) -> None:
        """Write tones as marks, numbers or zhuyin."""
        self.update_view(pinyin_style=style)

    def set_translation_position(self, position: TranslationPosition) -> None:
        """Put the translation beside or below each paragraph (or beside when wide enough)."""
        self.update_view(translation_position=position)

    def set_pinyin_mode(self, mode: PinyinMode) -> None:
        """Show pinyin for all words, unknown words only, or none."""
        actions = self.window.main_actions
        actions.pinyin_modes[mode].setChecked(True)
        actions.set_checked_quietly("toggle_pinyin", mode is not PinyinMode.OFF)
        if mode is not PinyinMode.OFF:
            self.app.settings.setValue("view/last_pinyin_mode", mode.value)
        self.update_view(pinyin_mode=mode)

    def toggle_pinyin(self, on: bool) -> None:
        """The toolbar's pinyin switch: off, or back to the last mode that showed pinyin."""
        last = PinyinMode(str(self.app.settings.value("view/last_pinyin_mode", PinyinMode.ALL.value)))
        self.set_pinyin_mode(last if on else PinyinMode.OFF)

    def zoom(self, direction: int) -> None:
        """Make hanzi and pinyin bigger (1), smaller (-1) or the default size (0)."""
        size = self.app.view_settings.font_size
        size = DEFAULT_FONT_SIZE if direction == 0 else size * (1.1 if direction > 0 else 1 / 1.1)
        self.update_view(font_size=round(min(MAX_FONT_SIZE, max(MIN_FONT_SIZE, size)), 1))

    def choose_font(self) -> None:
        """Pick the Chinese font."""
        current = self.layout_context().body.font
        ok, font = QFontDialog.getFont(current, self.window, "Chinese Font")
        if ok:
            self.update_view(font_family=font.family())

    def toggle_full_screen(self, on: bool) -> None:
        """Enter or leave full screen."""
        if on:
            self.window.showFullScreen()
        else:
            self.window.showNormal()

    def preferences(self) -> None:
        """Open the preferences dialog."""
        from reader.ui.dialogs.preferences import PreferencesDialog

        settings, accepted = PreferencesDialog.edit(self.app.view_settings, self.window)
        if accepted:
            self.apply_settings(settings)

    def apply_settings(self, settings: ViewSettings) -> None:
        """Apply settings chosen in the preferences dialog."""
        if settings.theme is not self.app.view_settings.theme:
            apply_theme(settings.theme)  # at once, not after a restart (issue 12)
        self.app.view_settings = settings
        save_view_settings(self.app.settings, settings)
        characters = self.window.characters
        characters.default = settings.characters
        characters.set_article(characters.article_id)
        actions = self.window.main_actions
        actions.pinyin_modes[settings.pinyin_mode].setChecked(True)
        actions.style_actions[settings.pinyin_style].setChecked(True)
        actions.position_actions[settings.translation_position].setChecked(True)
        for name in FLAG_KEYS:
            actions.set_checked_quietly(name, bool(getattr(settings, name)))
        self.window.view.relayout(self.layout_context())
        self.window.word_panel.refresh()  # the Details card follows the pinyin style and tone colours too
        self._follow_pinyin_style()

    def characters_changed(self) -> None:
        """View ▸ Characters changed: draw the article in the chosen form (nothing open: it is the new default)."""
        characters = self.window.characters
        if characters.article_id is None:
            self.app.view_settings = self.app.view_settings.with_changes(characters=characters.default)
            save_view_settings(self.app.settings, self.app.view_settings)
        self.window.header.show_title(characters.form)
        self.window.view.relayout(self.layout_context())
