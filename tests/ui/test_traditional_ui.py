"""Traditional characters in the window: View ▸ Characters, the default in Preferences, Find and the deck."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from reader.core.script import CharacterForm, ScriptConverter
from reader.ui.dialogs.preferences import PreferencesDialog
from reader.ui.main_window import MainWindow
from reader.ui.reading.view import WordRef
from tests.ui.journey import OPEN_WAIT_MS, click, click_word, on_modal, open_sample, trigger, type_text

pytestmark = pytest.mark.gui

TAIWAN = "他還沒有回來。我們在臺灣學習中文，他看著我說話。"
CHARACTERS = "View ▸ Characters ▸ "


def _checked(window: MainWindow, form: CharacterForm) -> bool:
    return window.characters.actions[form].isChecked()


def _paste(window: MainWindow, qtbot, text: str) -> int:
    QGuiApplication.clipboard().setText(text)
    with qtbot.waitSignal(window.controller.analysis_done, timeout=OPEN_WAIT_MS):
        trigger(window, "File ▸ Paste as New Article")
    assert window.controller.article_id is not None
    return window.controller.article_id


def _shown(window: MainWindow) -> str:
    return "".join(box.display for box in window.view.layout_for(0).boxes)


def _written(window: MainWindow) -> str:
    return "".join(box.text for box in window.view.layout_for(0).boxes)


def _word(window: MainWindow, text: str) -> WordRef:
    for index, box in enumerate(window.view.layout_for(0).boxes):
        if box.text == text:
            return WordRef(0, index)
    raise AssertionError(f"{text} not shown")


@pytest.mark.journey(
    CHARACTERS + "Simplified",
    CHARACTERS + "Traditional (Taiwan)",
    CHARACTERS + "Traditional (Hong Kong)",
    "File ▸ Open the Sample Article",
)
def test_characters_menu_shows_an_article_in_simplified_and_keeps_its_highlight(main_window: MainWindow, qtbot) -> None:
    article_id = _paste(main_window, qtbot, TAIWAN)
    view = main_window.view
    view.select_range(_word(main_window, "學習"), _word(main_window, "學習"))
    main_window.annotation_actions.colour_actions[0].trigger()
    spans = [(h.start, h.end) for h in view.highlights]
    assert _checked(main_window, CharacterForm.AS_WRITTEN)

    title = main_window.header.title_label.text()
    trigger(main_window, CHARACTERS + "Simplified")
    assert _shown(main_window).startswith("他还没有回来。我们在台湾学习中文")
    assert main_window.header.title_label.text() == ScriptConverter().to_simplified(title) != title  # the title too
    assert _written(main_window) == TAIWAN  # the stored text and its offsets do not change
    assert [(h.start, h.end) for h in view.highlights] == spans
    assert main_window.model.article.text[spans[0][0] : spans[0][1]] == "學習"
    assert next(box.syllables for box in view.layout_for(0).boxes if box.text == "還") == [("hái", 2)]

    trigger(main_window, CHARACTERS + "Traditional (Taiwan)")
    assert _shown(main_window) == TAIWAN  # a Taiwan text in Taiwan's standard: as written
    trigger(main_window, CHARACTERS + "Traditional (Hong Kong)")
    assert "説話" in _shown(main_window)  # Hong Kong standard 説

    # The choice belongs to this article: another one opens as written, this one comes back converted.
    open_sample(main_window, qtbot)
    assert _checked(main_window, CharacterForm.AS_WRITTEN)
    with qtbot.waitSignal(main_window.controller.article_shown, timeout=30_000):
        main_window.controller.open_article(article_id)
    assert _checked(main_window, CharacterForm.HONG_KONG)
    assert "説話" in _shown(main_window)


@pytest.mark.journey("Edit ▸ Preferences…", CHARACTERS + "As Written")
def test_preferences_default_shows_a_simplified_article_in_traditional(main_window: MainWindow, qtbot) -> None:
    def choose_taiwan(dialog: QWidget) -> None:
        assert isinstance(dialog, PreferencesDialog)
        dialog.characters.setCurrentIndex(list(CharacterForm).index(CharacterForm.TAIWAN))
        click(qtbot, dialog, "OK")

    with on_modal(choose_taiwan):
        trigger(main_window, "Edit ▸ Preferences…")
    assert main_window.app.view_settings.characters is CharacterForm.TAIWAN
    _paste(main_window, qtbot, "我们在学习中文。")
    assert _checked(main_window, CharacterForm.TAIWAN)
    assert _shown(main_window) == "我們在學習中文。"
    assert _written(main_window) == "我们在学习中文。"
    trigger(main_window, CHARACTERS + "As Written")  # this article only; the default stays
    assert _shown(main_window) == "我们在学习中文。"
    assert main_window.app.view_settings.characters is CharacterForm.TAIWAN


@pytest.mark.journey("Edit ▸ Find…")
def test_find_matches_across_scripts(main_window: MainWindow, qtbot) -> None:
    _paste(main_window, qtbot, TAIWAN)
    trigger(main_window, "Edit ▸ Find…")
    bar = main_window.find_bar
    type_text(qtbot, bar.field, "学习")
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 1", timeout=5_000)
    match = bar.matches[0]
    assert main_window.model.article.text[match.start : match.end] == "學習"


@pytest.mark.journey("Words ▸ Add Word to Deck")
def test_adding_a_traditional_word_stores_both_forms(main_window: MainWindow, qtbot) -> None:
    _paste(main_window, qtbot, "他還沒有回來。")
    click_word(main_window, qtbot, _word(main_window, "還"))
    assert main_window.word_actions.popup.isVisible()
    trigger(main_window, "Words ▸ Add Word to Deck")
    (entry,) = main_window.app.deck.query()
    assert (entry.simplified, entry.traditional, entry.pinyin) == ("还", "還", "hai2")
    assert "still" in entry.definition


@pytest.mark.journey("File ▸ Export Deck…")
def test_export_puts_the_chosen_form_first(main_window: MainWindow, qtbot, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from reader.core.export import FormOrder
    from reader.ui.dialogs.export_deck import ExportDeckDialog

    main_window.app.deck.add("学习", "xue2 xi2", traditional="學習", sentence="我们学习中文。", sentence_offset=2)
    target = tmp_path / "deck.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), "")))

    def export(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDeckDialog)
        dialog.set_choice("csv")
        assert dialog.form_order.isVisibleTo(dialog)
        dialog.form_order.setCurrentIndex(list(FormOrder).index(FormOrder.TRADITIONAL))
        with qtbot.waitSignal(dialog.export_finished, timeout=30_000):
            click(qtbot, dialog, "Export…")
        click(qtbot, dialog, "Close")

    with on_modal(export):
        trigger(main_window, "File ▸ Export Deck…")
    header, row = target.read_text(encoding="utf-8-sig").splitlines()[:2]
    assert header.startswith("hanzi,other_form")
    assert row.startswith("學習,学习,")  # read in simplified, but traditional first as chosen
    assert main_window.app.settings.value("export/form_order") == "traditional"


@pytest.mark.parametrize(
    ("word", "reading", "simplified", "traditional", "other"),
    [
        ("著", "zhe5", "着", "著", "着"),  # the particle's entry, not 著 zhù or zhuó "to wear"
        ("還", "hai2", "还", "還", "还"),
        ("裏面", "li3 mian4", "里面", "裏面", "里面"),  # a Hong Kong variant CC-CEDICT lacks: found by 里面
        ("学习", "xue2 xi2", "学习", "學習", "學習"),  # simplified as written: the traditional form beside it
    ],
)
def test_card_of_a_traditional_word(
    dictionary, word: str, reading: str, simplified: str, traditional: str, other: str
) -> None:
    from reader.core.usecases.lookup import look_up

    card = look_up(dictionary, word, reading.split())
    assert card.found
    assert (card.simplified, card.traditional, card.other_form) == (simplified, traditional, other)
    assert "wear" not in card.definition()


@pytest.mark.journey("Words ▸ Open Deck…")
def test_deck_search_matches_across_scripts(main_window: MainWindow, qtbot) -> None:
    from reader.ui.deck.model import DeckColumn
    from reader.ui.deck.window import DeckWindow

    main_window.app.deck.add("学习", "xue2 xi2", traditional="學習", definition="to study")
    main_window.app.deck.add("里面", "li3 mian4", definition="inside")  # stored without its traditional form
    trigger(main_window, "Words ▸ Open Deck…")
    deck_window = main_window.findChild(DeckWindow)
    assert deck_window is not None and deck_window.isVisible()
    model = deck_window.model

    def words() -> list[str]:
        return [model.data(model.index(row, DeckColumn.WORD)) for row in range(model.rowCount())]

    type_text(qtbot, deck_window.filters.search_field, "學習")
    qtbot.waitUntil(lambda: words() == ["学习"], timeout=5_000)
    deck_window.filters.search_field.clear()
    type_text(qtbot, deck_window.filters.search_field, "裏面")  # Hong Kong form of a word stored in simplified
    qtbot.waitUntil(lambda: words() == ["里面"], timeout=5_000)
    deck_window.close()
