"""Panels of the main window (library, word, highlights, bookmarks)."""
