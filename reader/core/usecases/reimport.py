"""Re-import a library article from its file (after the file changed, or after text repair improved).

The file is read again through :func:`reader.core.importers.import_path`; the article at the same position in the
file replaces the stored text, and highlights and bookmarks are re-anchored in the same transaction
(:func:`reader.core.store.annotations.reimport_article`): those whose text is gone are reported, never dropped.
"""

from __future__ import annotations

from pathlib import Path

from reader.core.errors import InputError
from reader.core.importers import CancelCheck, ProgressCallback, import_path
from reader.core.model import Article
from reader.core.pipeline import structure_source
from reader.core.store.annotations import Annotations, ReanchorReport, reimport_article
from reader.core.store.library import ArticleSource, Library
from reader.core.usecases.importing import stored_articles


def reimport_from_source(
    library: Library,
    annotations: Annotations,
    article_id: int,
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> ReanchorReport:
    """Read the article's source file again and replace its content; return what happened to its marks.

    Raises :class:`InputError` if the article was pasted (it has no file), the file is gone or unreadable, or the
    file no longer holds a matching article. The title the user gave the article is kept.
    """
    summary = library.get_summary(article_id)
    if not summary.source.path:
        raise InputError(f"“{summary.title}” was pasted, so there is no file to import it from again.")
    source = import_path(Path(summary.source.path), progress=progress, cancelled=cancelled)
    articles = structure_source(source).articles
    if summary.book_id is not None:
        # A chapter, or a part of a long text or chapter (see reader.core.usecases.importing): match what was stored.
        articles = stored_articles(source, articles)
    article = _matching_article(articles, summary.source.index, summary.title)
    if article is None:
        raise InputError(f"{Path(summary.source.path).name} no longer contains the article “{summary.title}”.")
    new_source = ArticleSource(summary.source.path, source.kind.value, articles.index(article))
    return reimport_article(library, annotations, article_id, article, new_source)


def _matching_article(articles: list[Article], index: int, title: str) -> Article | None:
    """The article at the same position, else the one with the same title, else the only one."""
    if len(articles) == 1:
        return articles[0]
    for article in articles:
        if article.title and " ".join(article.title.split()) == title:
            return article
    return articles[index] if index < len(articles) else None
