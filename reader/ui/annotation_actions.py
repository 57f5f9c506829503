"""Highlights, notes and bookmarks in the open article: create, edit, delete (undoable), show, export."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QPlainTextEdit, QWidget

from reader.core.errors import ReaderError
from reader.core.export.markdown import export_markdown
from reader.core.pinyin.styles import format_words
from reader.core.store.annotations import HIGHLIGHT_COLOURS, Bookmark
from reader.core.store.annotations import Highlight as StoredHighlight
from reader.ui.actions import make_action
from reader.ui.reading.painter import Highlight
from reader.ui.reading.view import WordRef
from reader.ui.view_actions import ViewActions

log = logging.getLogger(__name__)


def ask_note(parent: QWidget, label: str, note: str) -> tuple[str, bool]:
    """Ask for a note in a box that wraps long lines (Qt's multi-line input does not); return (text, accepted)."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle("Note")
    dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
    dialog.setLabelText(label)
    dialog.setTextValue(note)
    editor = dialog.findChild(QPlainTextEdit)
    if editor is not None:
        editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    dialog.resize(460, 280)
    accepted = dialog.exec() == QInputDialog.DialogCode.Accepted
    text = dialog.textValue()
    dialog.deleteLater()
    return text, accepted


class AnnotationActions(ViewActions):
    """The Annotate menu: highlight colours, notes, bookmarks and Markdown export."""

    highlights_loaded = Signal(list)  # the open article's stored highlights, reading order

    def _build(self) -> None:
        """Create this group's actions and connections (called by ``ViewActions.__init__``)."""
        parent = self.window
        self.stored: list[StoredHighlight] = []
        # the highlight just made or recoloured, and where the focus was then: it stays "the current one" (for
        # Add Note, Remove Highlight) until the learner selects or focuses something else
        self._current: tuple[int, WordRef | None] | None = None
        self.colour_actions = [
            make_action(parent, f"&{name.title()}", lambda c=name: self.highlight(c), f"Ctrl+{index}")
            for index, name in enumerate(HIGHLIGHT_COLOURS, 1)
        ]
        self.act_note = make_action(
            parent,
            "Add or Edit &Note…",
            self.edit_note,
            "N",
            tip="Write a note on the selection or on the highlight under the cursor",
        )
        self.act_remove = make_action(parent, "&Remove Highlight", self.remove_highlight_here, "Ctrl+Shift+H")
        self.act_bookmark = make_action(
            parent, "Toggle &Bookmark", self.toggle_bookmark, "Ctrl+D", tip="Bookmark the paragraph you are reading"
        )
        self.act_export = make_action(parent, "&Export Highlights as Markdown…", self.export_markdown, "Ctrl+Shift+E")
        self.controller.article_shown.connect(lambda _id: self.reload())
        self.app.hub.highlights_changed.connect(lambda _id: self.reload())
        self.app.hub.bookmarks_changed.connect(self._reload_bookmarks)

    def actions(self) -> list[QAction]:
        """Menu order (the colours go in a submenu: see :attr:`colour_actions`)."""
        return [self.act_note, self.act_remove, self.act_bookmark, self.act_export]

    # -- loading -------------------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the open article's highlights and bookmarks and show them."""
        article_id = self.controller.article_id
        if article_id is None:
            return
        self.stored = self.app.annotations.list_highlights(article_id)
        self.view.highlights = [
            Highlight(h.start, h.end, HIGHLIGHT_COLOURS.index(h.colour), h.id, bool(h.note.strip()))
            for h in self.stored
            if not h.orphaned
        ]
        self._reload_bookmarks()
        self.highlights_loaded.emit(self.stored)

    def _reload_bookmarks(self) -> None:
        article_id = self.controller.article_id
        if article_id is None:
            return
        self.view.bookmarked_rows = {
            b.block_index for b in self.app.annotations.list_bookmarks(article_id) if not b.orphaned
        }
        self.view.viewport().update()

    # -- highlights ----------------------------------------------------------------------------------------------

    def _span(self) -> tuple[int, int] | None:
        span = self.view.selection_range()
        if span is not None:
            return span
        current = self._current_highlight()
        if current is not None:
            return current.start, current.end
        ref = self.view.focus_word
        if ref is None:
            return None
        box = self.view.layout_for(ref.row).boxes[ref.box]
        return box.start, box.end

    def _current_highlight(self) -> StoredHighlight | None:
        if self._current is None:
            return None
        highlight_id, focus = self._current
        if focus != self.view.focus_word:
            self._current = None  # the learner moved on
            return None
        return next((h for h in self.stored if h.id == highlight_id and not h.orphaned), None)

    def _make_current(self, highlight_id: int) -> None:
        self._current = (highlight_id, self.view.focus_word)

    def highlight_at(self, start: int, end: int) -> StoredHighlight | None:
        """The stored highlight overlapping ``start``..``end`` (the first one)."""
        return next((h for h in self.stored if not h.orphaned and h.start < end and h.end > start), None)

    def highlight(self, colour: str) -> None:
        """Highlight the selection (or the focused word) in ``colour``; recolour a highlight that is there."""
        article_id = self.controller.article_id
        span = self._span()
        if article_id is None or span is None:
            self.message("Select some text first (drag over words, or Shift+arrow keys).")
            return
        annotations = self.app.annotations
        existing = self.highlight_at(*span)
        if existing is not None and self.view.selection_range() is None:
            self._push_update(f"Change Highlight to {colour.title()}", existing.id, "colour", colour, existing.colour)
            self._make_current(existing.id)
            return
        made: list[StoredHighlight] = []

        def redo() -> None:
            made[:] = [annotations.add_highlight(article_id, span[0], span[1], colour=colour)]

        def undo() -> None:
            for highlight in made:
                annotations.delete_highlight(highlight.id)

        self._push(f"Highlight in {colour.title()}", redo, undo)
        self.view.clear_selection()
        if made:
            self._make_current(made[0].id)

    def edit_note(self) -> None:
        """Write a note on the highlight under the selection (highlighting it in yellow first if needed)."""
        span = self._span()
        if span is None or self.controller.article_id is None:
            self.message("Select some text or a highlight first.")
            return
        existing = self.highlight_at(*span)
        if existing is None:
            self.highlight(HIGHLIGHT_COLOURS[0])
            existing = self.highlight_at(*span)
            if existing is None:
                return
        self.edit_note_of(existing)

    def edit_note_of(self, highlight: StoredHighlight) -> None:
        """Ask for the note of ``highlight``."""
        text, accepted = ask_note(self.window, f"Note on “{highlight.quote[:40]}”:", highlight.note)
        if not accepted or text == highlight.note:
            return
        self._push_update("Edit Note", highlight.id, "note", text, highlight.note)

    def remove_highlight_here(self) -> None:
        """Delete the highlight under the selection or focused word."""
        span = self._span()
        highlight = self.highlight_at(*span) if span else None
        if highlight is None:
            self.message("There is no highlight here.")
            return
        self.remove(highlight)

    def remove(self, highlight: StoredHighlight) -> None:
        """Delete ``highlight`` (undoable)."""
        annotations = self.app.annotations
        kept: list[StoredHighlight] = [highlight]

        def redo() -> None:
            kept[:] = [annotations.delete_highlight(kept[0].id)]

        def undo() -> None:
            kept[:] = [annotations.restore_highlight(kept[0])]

        self._push("Remove Highlight", redo, undo)

    def set_colour(self, highlight: StoredHighlight, colour: str) -> None:
        """Recolour ``highlight`` (undoable)."""
        self._push_update("Change Highlight Colour", highlight.id, "colour", colour, highlight.colour)

    # -- bookmarks -----------------------------------------------------------------------------------------------

    def current_row(self) -> int:
        """The paragraph being read: the focused word's, else the top one on screen."""
        ref = self.view.focus_word
        if ref is not None and ref.row in self.view.visible_rows():
            return ref.row
        rows = self.view.visible_rows()
        return rows.start if rows else 0

    def toggle_bookmark(self) -> None:
        """Bookmark the current paragraph, or remove its bookmark."""
        article_id = self.controller.article_id
        if article_id is None or self.view.row_count() == 0:
            return
        row = self.current_row()
        annotations = self.app.annotations
        existing = annotations.bookmark_at(article_id, row)
        if existing is not None:
            kept = [existing]

            def redo_remove() -> None:
                kept[:] = [annotations.delete_bookmark(kept[0].id)]

            def undo_remove() -> None:
                kept[:] = [annotations.restore_bookmark(kept[0])]

            self._push("Remove Bookmark", redo_remove, undo_remove, bookmarks=True)
            return
        made: list[Bookmark] = []

        def redo() -> None:
            made[:] = [annotations.add_bookmark(article_id, row)]

        def undo() -> None:
            for bookmark in made:
                annotations.delete_bookmark(bookmark.id)

        self._push("Add Bookmark", redo, undo, bookmarks=True)

    # -- export --------------------------------------------------------------------------------------------------

    def export_markdown(self) -> None:
        """Write the article's highlights and notes to a Markdown file."""
        article_id = self.controller.article_id
        if article_id is None:
            return
        if not self.app.annotations.list_highlights(article_id):
            self.message("This article has no highlights to export yet.")
            return
        title = self.app.library.get_summary(article_id).title
        default = Path(str(self.app.settings.value("recent/folder", str(Path.home())))) / f"{title[:40]} highlights.md"
        path, _ = QFileDialog.getSaveFileName(self.window, "Export Highlights", str(default), "Markdown (*.md)")
        if not path:
            return
        answer = QMessageBox.question(self.window, "Export Highlights", "Include the pinyin of each highlight?")
        pinyin = self._pinyin_of if answer == QMessageBox.StandardButton.Yes else None
        try:
            export_markdown(self.app.annotations, article_id, Path(path), pinyin=pinyin, translations=True)
        except ReaderError as error:
            QMessageBox.warning(self.window, "Export Highlights", str(error))
            return
        self.message(f"Highlights exported to {path}.")

    def _pinyin_of(self, text: str) -> str:
        """Pinyin of a quote, word by word, in the pinyin style of the reading view."""
        services = self.app.services
        readings = services.pinyin.annotate(services.segmenter.cut(text))
        return format_words(readings, self.app.view_settings.pinyin_style)

    # -- helpers -------------------------------------------------------------------------------------------------

    def _push(
        self, text: str, redo: Callable[[], object], undo: Callable[[], object], *, bookmarks: bool = False
    ) -> None:
        """Do an annotation change (undoably) and tell the panels."""
        article_id = self.controller.article_id or 0

        def notify() -> None:
            if bookmarks:
                self.app.hub.bookmarks_changed.emit()
            else:
                self.app.hub.highlights_changed.emit(article_id)

        self.push(text, redo, undo, notify)

    def _push_update(self, text: str, highlight_id: int, field: str, new: str, old: str) -> None:
        """Set a highlight's ``field`` (``"note"`` or ``"colour"``) from ``old`` to ``new``, undoably."""
        annotations = self.app.annotations
        self._push(
            text,
            lambda: annotations.update_highlight(highlight_id, **{field: new}),
            lambda: annotations.update_highlight(highlight_id, **{field: old}),
        )
