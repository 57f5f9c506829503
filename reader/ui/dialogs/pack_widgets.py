"""The parts of the Language Packs dialog: the banner, the pack list, the progress row and the cache box.

Each part builds its widgets and shows a :class:`~reader.ui.dialogs.pack_list_model.PackState`; the dialog
(:mod:`reader.ui.dialogs.pack_manager`) runs the operations and tells the parts what to show.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.core.textio import format_size
from reader.ui.dialogs.pack_list_model import PackColumn, PackListModel, PackRow, PackState


def restyle(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def display_path(path: Path) -> str:
    """``path`` with the home folder written as ``~``, as people recognise it."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)


class PackBanner(QFrame):
    """The coloured box at the top: whether machine translation is on, and with which pack."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PackBanner")
        self.setProperty("state", "scanning")
        self.label = QLabel("Looking for installed language packs…", self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.label)

    def show_state(self, state: PackState) -> None:
        """Say whether a Chinese→English pack is in use."""
        pack = state.in_use
        if pack is not None:
            self.setProperty("state", "ok")
            self.label.setText(
                "<b>Machine translation is on.</b> Chinese is translated into English on this computer, "
                f"without internet.<br>Pack in use: <b>{escape(pack.name)}</b>, version {escape(pack.version or '?')}."
            )
        else:
            self.setProperty("state", "missing")
            self.label.setText(
                "<b>No Chinese→English language pack is installed, so machine translation is unavailable.</b><br>"
                "Articles you add show no English beside their paragraphs; the bundled sample article still shows "
                "its reference translation. Download the pack (needs internet once, then works offline) or "
                "install a <i>.argosmodel</i> file you already have."
            )
        restyle(self)


class PackListPane(QWidget):
    """The installed packs (or a note that there are none) and the folder they are in."""

    def __init__(self, model: PackListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.table = QTableView(self)
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PackColumn.NAME, QHeaderView.ResizeMode.Stretch)
        self.empty_label = QLabel(
            "No language packs are installed yet.\nUse “Download Chinese→English Pack” or “Install from File…” below.",
            self,
        )
        self.empty_label.setObjectName("PackListEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)
        self.folder_label = QLabel(self)
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.stack)
        box.addWidget(self.folder_label)

    def show_state(self, state: PackState) -> None:
        """List ``state``'s packs, keeping the selection on the same pack if it is still there."""
        selected = self.selected()
        self.model.set_rows(state.packs)
        self.stack.setCurrentWidget(self.table if state.packs else self.empty_label)
        self.reselect(selected.info.name if selected is not None else None)
        count = len(state.packs)
        listed = "No language packs are installed" if not count else f"{count} pack{'s' * (count != 1)} installed"
        self.folder_label.setText(
            f"{listed} in {display_path(state.packages_dir)} (shared with Argos Translate, so packs installed "
            "with argospm appear here too; not in Reader's data folder)."
        )

    def selected(self) -> PackRow | None:
        """The pack selected in the list, or ``None``."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.pack_row(rows[0].row()) if rows else None

    def reselect(self, name: str | None) -> bool:
        """Select the pack whose folder is ``name`` (else nothing); return whether it is listed."""
        for row in range(self.model.rowCount()):
            pack = self.model.pack_row(row)
            if pack is not None and pack.info.name == name:
                self.table.selectRow(row)
                return True
        self.table.clearSelection()
        return False


class OperationRow(QWidget):
    """What the running operation is doing, a progress bar and its Cancel button (hidden while idle)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(220)
        self.cancel_button = QPushButton("Cancel", self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.bar)
        row.addWidget(self.cancel_button)
        self.end()

    def begin(self, label: str, *, cancellable: bool) -> None:
        """Show ``label`` with a busy bar, and Cancel if the operation can be cancelled."""
        self.label.setText(label)
        self.bar.setRange(0, 0)
        self.label.show()
        self.bar.show()
        self.cancel_button.setVisible(cancellable)
        self.cancel_button.setEnabled(True)

    def report(self, done: int, total: int, message: str) -> None:
        """Show how far the operation is (``total`` 0: unknown)."""
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)
        if message:
            self.label.setText(message)

    def cancelling(self) -> None:
        """Say the operation is being stopped; Cancel cannot be pressed twice."""
        self.cancel_button.setEnabled(False)
        self.label.setText("Cancelling…")

    def end(self) -> None:
        """Hide the row: no operation runs."""
        for widget in (self.label, self.bar, self.cancel_button):
            widget.hide()


class CacheBox(QGroupBox):
    """How many machine translations are cached, and the button that clears them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Translation cache", parent)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.clear_button = QPushButton("Clear Translation Cache", self)
        self.clear_button.setToolTip("Forget every machine translation; sentences are translated again")
        row = QHBoxLayout(self)
        row.addWidget(self.label, 1)
        row.addWidget(self.clear_button)

    def show_state(self, state: PackState) -> None:
        """Say how many translations are cached and how much room they take."""
        if state.cache_count is None:
            self.label.setText("Machine translations are not cached.")
        elif state.cache_count == 0:
            self.label.setText("The cache is empty: no machine translation is stored.")
        else:
            size = f" ({format_size(state.cache_bytes)} on disk)" if state.cache_bytes else ""
            self.label.setText(
                f"{state.cache_count:,} translated sentence{'s' * (state.cache_count != 1)} cached{size}, "
                "so they are never translated twice."
            )


def removal_question(selected: PackRow, state: PackState | None) -> str:
    """The confirmation asked before removing ``selected``: what it is, and what stops working without it."""
    info = selected.info
    consequence = ""
    if selected.in_use:
        others = [
            row
            for row in (state.packs if state is not None else ())
            if row is not selected and (row.info.from_code, row.info.to_code) == (info.from_code, info.to_code)
        ]
        if not others:
            consequence = (
                "\n\nMachine translation from Chinese will be unavailable until you install a pack again; "
                "the bundled sample keeps its reference translation."
            )
    return (
        f"Remove {info.name} ({info.languages}, version {info.version or '?'}, "
        f"{format_size(selected.size_bytes)}) from this computer?{consequence}"
    )
