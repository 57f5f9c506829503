"""The vocabulary deck window: its table (columns, sorting, selection), undoable edits, model, delegates, filter bar
and detail pane."""

from __future__ import annotations

from reader.ui.deck.window import DeckWindow

__all__ = ["DeckWindow"]
