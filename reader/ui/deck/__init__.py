"""The vocabulary deck window (window.py): its table (columns, sorting, selection), undoable edits, model,
delegates, filter bar and detail pane.

Nothing is imported here: the export dialog imports the filter bar, and the window imports the dialog.
"""
