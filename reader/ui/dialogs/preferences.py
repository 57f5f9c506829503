"""The Preferences dialog: how the reading view shows pinyin, translations and text."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QGroupBox,
    QVBoxLayout,
    QWidget,
)

from reader.core.pinyin.styles import PinyinStyle
from reader.core.script import CharacterForm
from reader.ui.settings import MAX_FONT_SIZE, MIN_FONT_SIZE, PinyinMode, Theme, TranslationPosition, ViewSettings
from reader.ui.theme import default_cjk_family
from reader.ui.widgets import ChoiceCombo, run_dialog


class PreferencesDialog(QDialog):
    """Edit :class:`ViewSettings`; open it with :meth:`edit`."""

    def __init__(self, settings: ViewSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setObjectName("PreferencesDialog")
        self._build_pinyin(settings)
        self._build_text(settings)
        self._build_translation(settings)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for group in (self.pinyin_group, self.text_group, self.translation_group):
            layout.addWidget(group)
        layout.addWidget(buttons)

    @classmethod
    def edit(cls, settings: ViewSettings, parent: QWidget | None = None) -> tuple[ViewSettings, bool]:
        """Show the dialog; return the edited settings and whether the user pressed OK."""
        dialog = cls(settings, parent)
        edited, accepted = run_dialog(dialog, dialog.settings)
        return (edited if accepted else settings), accepted

    def _build_pinyin(self, settings: ViewSettings) -> None:
        self.pinyin_group = QGroupBox("Pinyin", self)
        form = QFormLayout(self.pinyin_group)
        self.pinyin_mode = _combo(
            self,
            [("All words", PinyinMode.ALL), ("Words I don't know yet", PinyinMode.UNKNOWN), ("None", PinyinMode.OFF)],
            settings.pinyin_mode,
        )
        self.pinyin_style = _combo(
            self,
            [
                ("Tone marks (hǎo)", PinyinStyle.MARKS),
                ("Tone numbers (hao3)", PinyinStyle.NUMBERS),
                ("Zhuyin (ㄏㄠˇ)", PinyinStyle.ZHUYIN),
            ],
            settings.pinyin_style,
        )
        self.tone_colors = QCheckBox("Colour pinyin by tone", self)
        self.tone_colors.setChecked(settings.tone_colors)
        self.tone_sandhi = QCheckBox("Show spoken tones (一, 不 and third-tone sandhi)", self)
        self.tone_sandhi.setChecked(settings.tone_sandhi)
        self.citation_tones = QCheckBox("Give every character its own tone (知识 zhīshí, not zhīshi)", self)
        self.citation_tones.setToolTip("Particles such as 的 and 了 keep their neutral tone")
        self.citation_tones.setChecked(settings.citation_tones)
        form.addRow("Show pinyin for:", self.pinyin_mode)
        form.addRow("Write pinyin as:", self.pinyin_style)
        form.addRow("", self.tone_colors)
        form.addRow("", self.tone_sandhi)
        form.addRow("", self.citation_tones)

    def _build_text(self, settings: ViewSettings) -> None:
        self.text_group = QGroupBox("Text", self)
        form = QFormLayout(self.text_group)
        self.font_family = QFontComboBox(self)
        self.font_family.setWritingSystem(QFontDatabase.WritingSystem.SimplifiedChinese)
        self.font_family.setCurrentFont(QFont(settings.font_family or default_cjk_family()))
        self.font_size = QDoubleSpinBox(self)
        self.font_size.setRange(MIN_FONT_SIZE, MAX_FONT_SIZE)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(settings.font_size)
        self.word_gaps = QCheckBox("Leave a small gap between words", self)
        self.word_gaps.setChecked(settings.word_gaps)
        self.theme = _combo(
            self, [("Follow the system", Theme.SYSTEM), ("Light", Theme.LIGHT), ("Dark", Theme.DARK)], settings.theme
        )
        form.addRow("Chinese font:", self.font_family)
        form.addRow("Size:", self.font_size)
        form.addRow("", self.word_gaps)
        form.addRow("Colours:", self.theme)
        self.characters = _combo(self, [(form.label, form) for form in CharacterForm], settings.characters)
        self.characters.setToolTip("How articles are shown unless you choose otherwise in View ▸ Characters")
        form.addRow("Characters:", self.characters)

    def _build_translation(self, settings: ViewSettings) -> None:
        self.translation_group = QGroupBox("Translation", self)
        form = QFormLayout(self.translation_group)
        self.show_translation = QCheckBox("Show the English translation of each paragraph", self)
        self.show_translation.setChecked(settings.show_translation)
        self.position = _combo(
            self,
            [
                ("Beside the paragraph when the window is wide enough", TranslationPosition.AUTO),
                ("Always beside", TranslationPosition.BESIDE),
                ("Always below", TranslationPosition.BELOW),
            ],
            settings.translation_position,
        )
        form.addRow("", self.show_translation)
        form.addRow("Position:", self.position)

    def settings(self) -> ViewSettings:
        """The settings as the dialog shows them."""
        family = self.font_family.currentFont().family()
        return ViewSettings(
            pinyin_mode=self.pinyin_mode.current_value(),
            tone_colors=self.tone_colors.isChecked(),
            pinyin_style=self.pinyin_style.current_value(),
            show_translation=self.show_translation.isChecked(),
            translation_position=self.position.current_value(),
            font_size=self.font_size.value(),
            font_family="" if family == default_cjk_family() else family,
            word_gaps=self.word_gaps.isChecked(),
            tone_sandhi=self.tone_sandhi.isChecked(),
            citation_tones=self.citation_tones.isChecked(),
            theme=self.theme.current_value(),
            characters=self.characters.current_value(),
        )


def _combo(parent: QWidget, items: list[tuple[str, object]], current: object) -> ChoiceCombo:
    return ChoiceCombo(parent, items, current)
