"""One place for application-wide signals; widgets emit requests here and the main window connects them."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Hub(QObject):
    """Typed signals shared by the main window's panels and dialogs."""

    article_opened = Signal(int)  # library id of the article now shown (-1: not in the library)
    article_changed = Signal(int)  # an article's title, tags or progress changed
    library_changed = Signal()  # articles added or removed
    word_looked_up = Signal(str)  # a word's entry was shown
    deck_changed = Signal()  # entries added, edited or removed
    word_status_changed = Signal()  # known/learning/unknown statuses changed
    highlights_changed = Signal(int)  # article id
    bookmarks_changed = Signal()
    translations_ready = Signal()  # the language pack was installed or removed
    open_article_requested = Signal(int, int)  # article id, block to show (-1: the saved position)
    status_message = Signal(str)  # a short message for the status bar
    progress = Signal(str, int, int)  # message, done, total: background work the status bar shows
