"""Changing deck entries from the deck window: inline edits, delete, status and tags, each one undoable.

Every change goes on the window's undo stack as a :class:`~reader.ui.undo.GuardedCommand`; after each (and after
each undo and redo) the application hears ``deck_changed`` (and ``word_status_changed`` when statuses moved) and
the window refreshes once, keeping the selection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog

from reader.core.errors import ReaderError
from reader.core.store.deck import DeckEntry, EntryEdit
from reader.core.store.words import WordStatus
from reader.ui.deck.model import COLUMN_TITLES, EDITABLE_FIELDS, STATUS_LABELS, DeckColumn
from reader.ui.undo import push_done

if TYPE_CHECKING:
    from reader.ui.deck.window import DeckWindow


def entries_text(count: int) -> str:
    """``1 entry``, ``3 entries``."""
    return f"{count:,} entr{'y' if count == 1 else 'ies'}"


class DeckEditor(QObject):
    """The deck window's undoable changes to the selected entries."""

    def __init__(self, window: DeckWindow) -> None:
        super().__init__(window)
        self.window = window
        self.deck = window.app.deck
        self.table = window.table
        self.notifying = False  # our own hub signals: the window refreshes once, not per signal

    def _push(self, text: str, redo: Callable[[], object], undo: Callable[[], object]) -> None:
        push_done(self.window.undo_stack, text, redo, undo, self.window.show_message)

    def edited(self, edit: EntryEdit) -> None:
        """An inline edit was saved: put it on the undo stack and tell the rest of the application."""
        column = next(
            (c for c, name in EDITABLE_FIELDS.items() if getattr(edit.before, name) != getattr(edit.after, name)), None
        )
        label = COLUMN_TITLES[column].lower() if column is not None else "entry"
        deck = self.deck
        statuses = edit.before.status != edit.after.status

        def redo() -> None:
            deck.restore([edit.after])
            self._select_after_undo([edit.after.id], statuses=statuses)

        def undo() -> None:
            deck.restore([edit.before])
            self._select_after_undo([edit.before.id], statuses=statuses)

        self._push(f"Edit {label} of {edit.before.simplified}", redo, undo)
        self.notify(statuses=statuses)
        self.window.show_message(f"Saved the {label} of {edit.after.simplified}.")

    def delete_selected(self) -> None:
        """Delete the selected entries (undoable: Ctrl+Z or the status bar's Undo brings them back, same ids)."""
        ids = self.table.selected_ids()
        if not ids:
            return
        deck = self.deck
        current = self.table.current_id()
        row = self.table.currentIndex().row()
        try:
            deleted = deck.delete(ids)
        except ReaderError as error:
            self.window.show_message(str(error))
            return
        text = entries_text(len(deleted))

        def redo() -> None:
            deck.delete(ids)
            self.notify(statuses=True)
            self.window.show_undo(f"Deleted {text}")

        def undo() -> None:
            deck.restore(deleted)
            self._select_after_undo([entry.id for entry in deleted], statuses=True, current=current)
            self.window.show_message(f"Restored {text}.")

        self._push(f"Delete {text}", redo, undo)
        self.notify(statuses=True)
        model = self.window.model
        if model.ids:
            next_row = min(max(row, 0), len(model.ids) - 1)
            self.table.setCurrentIndex(model.index(next_row, 0))
        self.window.show_undo(f"Deleted {text}")

    def set_status(self, status: WordStatus) -> None:
        """Give the selected entries one status (undoable)."""
        ids = self.table.selected_ids()
        if not ids:
            return
        deck, label = self.deck, STATUS_LABELS[status]
        self._change(
            ids,
            lambda chosen: deck.set_status(chosen, status),
            statuses=True,
            unchanged=f"Already {label.lower()}.",
            said=lambda text: (f"Mark {text} as {label}", f"Marked {text} as {label.lower()}."),
        )

    def add_tag(self, tag: str | None = None) -> None:
        """Add a tag to the selected entries (asks for it unless given; undoable)."""
        self._change_tags(tag, adding=True)

    def remove_tag(self, tag: str | None = None) -> None:
        """Remove a tag from the selected entries (asks for it unless given; undoable)."""
        self._change_tags(tag, adding=False)

    def _change_tags(self, tag: str | None, *, adding: bool) -> None:
        ids = self.table.selected_ids()
        if not ids:
            return
        if tag is None:
            tag = self._ask_tag(adding)
            if not tag:
                return
        deck = self.deck
        add, remove = ([tag], []) if adding else ([], [tag])
        caption, verb = ("Add", "Tagged") if adding else ("Remove", "Untagged")
        self._change(
            ids,
            lambda chosen: deck.tag(chosen, add=add, remove=remove),
            statuses=False,
            unchanged="No entry changed.",
            said=lambda text: (f"{caption} tag {tag}", f"{verb} {text} “{tag}”."),
        )

    def _change(
        self,
        ids: list[int],
        apply: Callable[[list[int]], list[DeckEntry]],
        *,
        statuses: bool,
        unchanged: str,
        said: Callable[[str], tuple[str, str]],
    ) -> None:
        """Change the entries ``ids`` with ``apply`` (which returns them as they were), undoably.

        ``said("3 entries")`` gives the undo caption and the status-bar message; ``unchanged`` is the message when
        no entry changed (nothing goes on the undo stack then).
        """
        try:
            before = apply(ids)
        except ReaderError as error:
            self.window.show_message(str(error))
            return
        if not before:
            self.window.show_message(unchanged)
            return
        caption, message = said(entries_text(len(before)))

        def redo() -> None:
            apply([entry.id for entry in before])
            self.notify(statuses=statuses)

        def undo() -> None:
            self._restore(before, statuses=statuses)

        self._push(caption, redo, undo)
        self.notify(statuses=statuses)
        self.window.show_message(message)

    def _ask_tag(self, adding: bool) -> str:
        if adding:
            tags = [tag for tag, _count in self.deck.all_tags()]
        else:
            tags = sorted({tag for entry in self.table.selected_entries() for tag in entry.tags}, key=str.casefold)
            if not tags:
                self.window.show_message("The selected entries have no tags.")
                return ""
        title = "Add Tag" if adding else "Remove Tag"
        label = "Tag to add to the selected entries:" if adding else "Tag to remove from the selected entries:"
        tag, accepted = QInputDialog.getItem(self.window, title, label, tags, 0, adding)
        return tag.strip() if accepted else ""

    def edit_column(self, column: DeckColumn) -> None:
        """Start editing ``column`` of the current row."""
        row = self.table.currentIndex().row()
        if row >= 0:
            index = self.window.model.index(row, column)
            self.table.setCurrentIndex(index)
            self.table.edit(index)

    def _restore(self, before: list[DeckEntry], *, statuses: bool) -> None:
        """Undo a change: put the entries back as they were and select them."""
        self.deck.restore(before)
        self._select_after_undo([entry.id for entry in before], statuses=statuses)

    def _select_after_undo(self, ids: list[int], *, statuses: bool, current: int | None = None) -> None:
        self.notify(statuses=statuses)
        self.table.select_ids(ids, current=current)

    def notify(self, *, statuses: bool) -> None:
        """Tell the application the deck changed (and maybe word statuses), then refresh once."""
        hub = self.window.app.hub
        self.notifying = True
        try:
            hub.deck_changed.emit()
            if statuses:
                hub.word_status_changed.emit()
        finally:
            self.notifying = False
        self.window.refresh()
