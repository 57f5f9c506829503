"""The paragraphs of the open article as a Qt list model (one row per block)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt

from reader.core.model import Article, Block


class Roles(IntEnum):
    """Named data roles of :class:`ArticleModel`."""

    BLOCK = Qt.ItemDataRole.UserRole + 1  # the Block object
    KIND = Qt.ItemDataRole.UserRole + 2  # "heading", "paragraph", "note"
    TRANSLATION = Qt.ItemDataRole.UserRole + 3  # the block's English, or None
    TRANSLATION_SOURCE = Qt.ItemDataRole.UserRole + 4  # "reference", a pack label, or None
    TOKENIZED = Qt.ItemDataRole.UserRole + 5  # True once words and pinyin are known


_Index = QModelIndex | QPersistentModelIndex


class ArticleModel(QAbstractListModel):
    """Rows are the blocks of one article; the Block objects are shared with the workers that fill them.

    Workers never touch the blocks: they send results to the GUI thread, which stores them and calls
    :meth:`rows_changed` so views re-lay-out just those rows.
    """

    def __init__(self, article: Article | None = None, article_id: int | None = None) -> None:
        super().__init__()
        self.article = article or Article(None)
        self.article_id = article_id

    def set_article(self, article: Article, article_id: int | None = None) -> None:
        """Show another article."""
        self.beginResetModel()
        self.article = article
        self.article_id = article_id
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default argument)
        if parent.isValid():
            return 0
        return len(self.article.blocks)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.article.blocks):
            return None
        block = self.article.blocks[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return block.text
        if role == Roles.BLOCK:
            return block
        if role == Roles.KIND:
            return block.kind.value
        if role == Roles.TRANSLATION:
            return block.translation
        if role == Roles.TRANSLATION_SOURCE:
            return next((s.translation_source for s in block.sentences if s.translation_source), None)
        if role == Roles.TOKENIZED:
            return all(s.tokens for s in block.sentences)
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update({role.value: QByteArray(role.name.lower().encode()) for role in Roles})
        return names

    def block(self, row: int) -> Block:
        """The block shown in ``row`` (fast path for the view's layout code)."""
        return self.article.blocks[row]

    def rows_changed(self, first: int, last: int) -> None:
        """Tell views that rows ``first``..``last`` (inclusive) have new words or translations."""
        if self.article.blocks:
            self.dataChanged.emit(self.index(first), self.index(min(last, len(self.article.blocks) - 1)))
