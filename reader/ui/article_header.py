"""The header above the reading view: the open article's title and its statistics (words, known share, HSK)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from reader.core.script import CharacterForm, shared_converter
from reader.core.store.words import ArticleStats
from reader.ui.article_controller import ArticleController
from reader.ui.context import AppContext
from reader.ui.reading.model import ArticleModel


class ArticleHeader(QWidget):
    """The title (in the characters the text is shown in) and the statistics line, computed on a worker."""

    def __init__(self, app: AppContext, controller: ArticleController, model: ArticleModel, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("ArticleHeader")
        self.app = app
        self.controller = controller
        self.model = model
        self.title = ""  # the open article's title as stored (the label may show it converted)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("ArticleTitle")
        self.title_label.setWordWrap(True)
        self.stats_label = QLabel(self)
        self.stats_label.setObjectName("ArticleStats")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 10, 18, 6)
        layout.setSpacing(2)
        layout.addWidget(self.title_label)
        layout.addWidget(self.stats_label)

    def set_title(self, title: str, form: CharacterForm) -> None:
        """Show another article's title, drawn in ``form``."""
        self.title = title
        self.show_title(form)

    def show_title(self, form: CharacterForm) -> None:
        """The article's title above the text, in the characters the text is shown in."""
        self.title_label.setText(shared_converter().convert(self.title, form))

    def update_stats(self, *_args: object) -> None:
        """Compute the article's statistics on a worker (an HSK lookup per distinct word) and show them."""
        article_id = self.controller.article_id
        if article_id is None:
            self.stats_label.setText("")
            return
        words = self.app.words
        dictionary = self.app.services.dictionary
        hsk_level = dictionary.hsk_level if dictionary is not None else None
        self.app.dispatcher.start(
            "stats",
            lambda job: words.article_stats(article_id, hsk_level),
            on_finished=lambda stats: self._show_stats(article_id, stats),
            owner=self,
        )

    def _show_stats(self, article_id: int, stats: ArticleStats) -> None:
        if article_id != self.controller.article_id:
            return
        if not stats.words:
            self.stats_label.setText(f"{len(self.model.article.text):,} characters")
            return
        self.stats_label.setText(
            f"{stats.words:,} words · {stats.distinct_words:,} distinct · {stats.unknown_words:,} unknown · "
            f"<b>{stats.coverage:.0f}% known</b>" + (f" · {bands}" if (bands := stats.hsk_bands()) else "")
        )
