"""Opening articles: import in the background, show text at once, fill in words, pinyin and English as they come.

The flow for one article:

1. ``load`` task: read the article from the library (or import a file into it first) and hand the GUI a copy
   of its blocks and sentences to show straight away;
2. ``analyse`` task: segment and annotate the blocks (starting at the reading position) on a worker, sending
   each batch of finished blocks to the GUI, then store the analysis so the next opening is instant;
3. ``translate`` task: reference and cached translations first, then the language pack for the rest, paragraphs
   on screen first, sending each finished sentence to the GUI and storing the results in the library.

Workers never touch the blocks the view paints: they work on their own copy and send plain values.
Opening another article cancels all three tasks of the previous one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from reader.core.chars import LooksJapaneseError, has_han
from reader.core.importers.source import SUBTITLE_SOURCE
from reader.core.model import Article, Token
from reader.core.script import fold
from reader.core.store.books import Books
from reader.core.store.words import WordStatus, WordStatuses, article_words
from reader.core.translation.translator import Translation
from reader.core.usecases.importing import fill_known_translations, import_file, import_text
from reader.ui.context import AppContext
from reader.ui.reading.layout import TranslationInfo
from reader.ui.reading.model import ArticleModel
from reader.ui.workers import Job, while_alive

log = logging.getLogger(__name__)

#: The dispatcher's name for the translation task (the pack manager stops it before changing packs).
TRANSLATE_TASK = "translate"
IMPORT_TASK = "import"
#: Blocks per batch sent from the analysis worker to the GUI.
ANALYSIS_BATCH = 12
#: Blocks in the first batch: about a screenful, so the visible paragraphs get their pinyin first and soonest.
FIRST_ANALYSIS_BATCH = 4
#: Milliseconds of quiet scrolling before the reading position is saved.
POSITION_DEBOUNCE_MS = 800

_DISPLAY_STATUS = {
    WordStatus.UNKNOWN: "unknown",
    WordStatus.NEW: "learning",
    WordStatus.LEARNING: "learning",
    WordStatus.KNOWN: "known",
    WordStatus.IGNORED: "ignored",
}


@dataclass(frozen=True)
class TokenBatch:
    """Words and pinyin of some blocks, sent by the analysis worker."""

    article_id: int
    blocks: dict[int, list[list[Token]]]  # block index -> tokens of each sentence
    statuses: dict[str, str]  # display status of the batch's words, read by the worker (not the GUI thread)


@dataclass(frozen=True)
class TranslationBatch:
    """Translations of some sentences: (block, sentence, text, source) tuples."""

    article_id: int
    items: list[tuple[int, int, str, str]]


#: The translation column's label for English that is not machine output.
_SOURCE_LABELS = {"reference": "REFERENCE TRANSLATION", SUBTITLE_SOURCE: "SUBTITLE TRANSLATION (from the file)"}


def _statuses(words: WordStatuses, blocks: Mapping[int, list[list[Token]]]) -> dict[str, str]:
    """The display status of the Chinese words in ``blocks`` (one store read, on the worker's thread)."""
    return display_statuses(
        words,
        {token.text for sentences in blocks.values() for tokens in sentences for token in tokens if token.pinyin},
    )


def display_statuses(words: WordStatuses, texts: set[str]) -> dict[str, str]:
    """The display status of each word; a traditional 學習 shows 学习's status (the deck keys simplified forms)."""
    folded = {word: fold(word) for word in texts}
    found = words.statuses(texts | set(folded.values()))
    statuses = {}
    for word in texts:
        status = found[word]
        if status is WordStatus.UNKNOWN and folded[word] != word:
            status = found[folded[word]]
        statuses[word] = _DISPLAY_STATUS.get(status, "")
    return statuses


def _translated_count(article: Article) -> int:
    return sum(1 for block in article.blocks for sentence in block.sentences if sentence.translation)


class ArticleController(QObject):
    """Owns the open article: its model, its background tasks and its reading position."""

    article_shown = Signal(int)  # library id
    analysis_done = Signal(int)
    translation_state = Signal(str)  # "", "translating", "done", "no-pack"
    importing = Signal(bool)  # an import runs (the status bar offers Cancel)
    error = Signal(str)
    imported = Signal(list)  # library ids added by an import
    looks_japanese = Signal(list, str)  # files not imported because they look Japanese, and why (ask to insist)

    def __init__(self, app: AppContext, model: ArticleModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.model = model
        self.article_id: int | None = None
        self.statuses: dict[str, str] = {}
        self.pending_position: tuple[int, int] | None = None  # (block, char offset) to restore once shown
        self._position_timer = QTimer(self)
        self._position_timer.setSingleShot(True)
        self._position_timer.setInterval(POSITION_DEBOUNCE_MS)
        self._position_timer.timeout.connect(self._save_position)
        self._top_block = 0
        self._visible_rows: Sequence[int] = ()

    # -- importing -----------------------------------------------------------------------------------------------

    def import_files(self, paths: Sequence[Path], *, open_first: bool = True, allow_japanese: bool = False) -> None:
        """Import files into the library in the background; open the first new article (a book: where to resume).

        Files that look Japanese are skipped and reported with :attr:`looks_japanese` (the window asks whether to
        import them anyway, with ``allow_japanese``).
        """
        library = self.app.library
        lookup = self.app.services.translator.lookup
        japanese: list[Path] = []
        reasons: list[str] = []

        def work(job: Job) -> list[int]:
            ids: list[int] = []
            for number, path in enumerate(paths):

                def progress(fraction: float, number: int = number, name: str = path.name) -> None:
                    # The file's own progress, scaled into this file's share of the whole import (per mille).
                    doing = "Importing" if fraction < 0.85 else "Cleaning up"
                    job.progress(int(1000 * (number + fraction) / len(paths)), 1000, f"{doing} {name}…")

                try:
                    outcome = import_file(
                        library,
                        path,
                        lookup=lookup,
                        allow_japanese=allow_japanese,
                        progress=progress,
                        cancelled=job.cancelled,
                    )
                except LooksJapaneseError as error:
                    japanese.append(path)
                    reasons.append(str(error))
                    continue
                if job.cancelled():
                    return ids + outcome.ids
                ids += outcome.ids
            return ids

        def finished(ids: list[int]) -> None:
            self._imported(ids, open_first)
            if japanese:
                self.looks_japanese.emit(japanese, reasons[0])

        task = self.app.dispatcher.start(
            IMPORT_TASK,
            work,
            on_finished=finished,
            on_failed=self._import_failed,
            on_progress=self._progress,
            owner=self,
        )
        task.signals.done.connect(while_alive(self, lambda: self.importing.emit(False)))
        self.importing.emit(True)

    def _import_failed(self, message: str) -> None:
        self.app.hub.progress.emit("", 1, 1)
        self.error.emit(message)

    def cancel_import(self) -> None:
        """Stop an import (the status bar's Cancel); what was already added stays in the library."""
        self.app.dispatcher.cancel(IMPORT_TASK)
        self.app.hub.progress.emit("", 1, 1)
        self.app.hub.status_message.emit("Import cancelled.")

    def import_text(self, text: str) -> None:
        """Add pasted text to the library and open it."""
        library = self.app.library

        lookup = self.app.services.translator.lookup

        def work(job: Job) -> list[int]:
            return import_text(library, text, lookup=lookup, cancelled=job.cancelled).ids

        self.app.dispatcher.start(
            IMPORT_TASK,
            work,
            on_finished=lambda ids: self._imported(ids, True),
            on_failed=self._import_failed,
            owner=self,
        )

    def _imported(self, ids: list[int], open_first: bool) -> None:
        self.app.hub.progress.emit("", 1, 1)
        self.app.hub.library_changed.emit()
        self.imported.emit(ids)
        if ids and open_first:
            self.open_article(self._where_to_start(ids[0]))

    def _where_to_start(self, article_id: int) -> int:
        """The article to open after an import: for a book (perhaps imported again), where the reader left off."""
        books = Books(self.app.library)
        book_id = books.book_of(article_id)
        if book_id is None:
            return article_id
        current = books.get_book(book_id).current_chapter
        return current.id if current is not None else article_id

    def _progress(self, done: int, total: int, message: str) -> None:
        self.app.hub.progress.emit(message, done, total)

    # -- opening -------------------------------------------------------------------------------------------------

    def open_article(self, article_id: int, block: int = -1) -> None:
        """Show an article from the library at its saved position (or at ``block``)."""
        self._save_position()
        dispatcher = self.app.dispatcher
        for name in ("load", "analyse", TRANSLATE_TASK):
            dispatcher.cancel(name)
        library = self.app.library
        key = self.app.services.analysis_key
        translator = self.app.services.translator

        def work(job: Job) -> tuple[Article, tuple[int, int]]:
            article = library.load_article(article_id, analysis_key=key)
            known = _translated_count(article)
            fill_known_translations(article, translator.lookup)
            if _translated_count(article) > known:
                library.save_translations(article_id, article)  # so that library search finds them
            position = library.get_position(article_id)
            library.mark_opened(article_id)
            start = position.block_index if block < 0 else block
            return article, (start, position.char_offset if block < 0 else -1)

        dispatcher.start(
            "load",
            work,
            on_finished=lambda result: self._show(article_id, *result),
            on_failed=self.error.emit,
            owner=self,
        )

    def _show(self, article_id: int, article: Article, position: tuple[int, int]) -> None:
        self.article_id = article_id
        self.statuses = {}
        self.pending_position = position
        self.model.set_article(article, article_id)
        self._top_block = max(0, position[0])
        self.article_shown.emit(article_id)
        if all(sentence.tokens for block in article.blocks for sentence in block.sentences):
            self._refresh_statuses()
            self.analysis_done.emit(article_id)
            self.translate()
        else:
            self._analyse(article_id, article.structure_copy(), self._top_block)

    def _analyse(self, article_id: int, article: Article, start_block: int) -> None:
        services = self.app.services
        library = self.app.library
        words = self.app.words
        key = services.analysis_key

        def work(job: Job) -> int:
            services.segmenter.initialize()  # about a second the first time; a no-op afterwards
            order = list(range(start_block, len(article.blocks))) + list(range(start_block))
            batch: dict[int, list[list[Token]]] = {}
            script = services.analyzer.article_script(article)  # what paragraphs that do not tell are read as
            for count, index in enumerate(order, 1):
                if job.cancelled():
                    return article_id
                block = article.blocks[index]
                services.analyzer.tokenize_block(block, script)
                time.sleep(0)  # let the GUI thread take the interpreter lock between paragraphs
                batch[index] = [sentence.tokens for sentence in block.sentences]
                size = FIRST_ANALYSIS_BATCH if count <= FIRST_ANALYSIS_BATCH else ANALYSIS_BATCH
                if len(batch) >= size or count == len(order):
                    job.partial(TokenBatch(article_id, batch, _statuses(words, batch)))
                    job.progress(count, len(order), "Finding words and pinyin…")
                    batch = {}
            library.save_analysis(article_id, article, key)
            words.record_article_words(article_id, article_words(article))
            return article_id

        self.app.dispatcher.start(
            "analyse",
            work,
            on_partial=self._apply_tokens,
            on_finished=self._analysed,
            on_failed=self.error.emit,
            on_progress=self._progress,
            owner=self,
        )

    def _apply_tokens(self, batch: TokenBatch) -> None:
        if batch.article_id != self.article_id:
            return
        blocks = self.model.article.blocks
        for index, sentences in batch.blocks.items():
            for sentence, tokens in zip(blocks[index].sentences, sentences, strict=True):
                sentence.tokens = tokens
        self.statuses.update(batch.statuses)
        self.model.rows_changed(min(batch.blocks), max(batch.blocks))

    def _analysed(self, article_id: int) -> None:
        if article_id != self.article_id:
            return
        self.app.hub.status_message.emit("")
        self.analysis_done.emit(article_id)
        self.translate()

    # -- word statuses -------------------------------------------------------------------------------------------

    def _refresh_statuses(self, blocks: Mapping[int, object] | None = None) -> None:
        """Load the learner's status of the words in ``blocks`` (all blocks if ``None``)."""
        article = self.model.article
        indexes = range(len(article.blocks)) if blocks is None else blocks
        words = {
            token.text
            for index in indexes
            for sentence in article.blocks[index].sentences
            for token in sentence.tokens
            if token.pinyin is not None
        }
        self.statuses.update(display_statuses(self.app.words, words))

    def reload_statuses(self) -> None:
        """Statuses changed (deck or known words): reload them and re-lay-out the article."""
        self.statuses = {}
        self._refresh_statuses()
        if self.model.article.blocks:
            self.model.rows_changed(0, len(self.model.article.blocks) - 1)

    def status_of(self, word: str) -> str:
        """The display status of ``word`` ("unknown", "learning", "known", "ignored" or "")."""
        return self.statuses.get(word, "")

    # -- translating ---------------------------------------------------------------------------------------------

    def set_visible_rows(self, rows: Sequence[int]) -> None:
        """Remember which paragraphs are on screen, to translate them first."""
        self._visible_rows = rows

    def translation_info(self, row: int) -> TranslationInfo:
        """The label and placeholder of a row's translation cell."""
        article = self.model.article
        block = article.blocks[row]
        source = next((s.translation_source for s in block.sentences if s.translation_source), None)
        previous = None
        if row > 0:
            previous = next(
                (s.translation_source for s in article.blocks[row - 1].sentences if s.translation_source), None
            )
        label = ""
        if source and source != previous:
            label = _SOURCE_LABELS.get(source, f"MACHINE TRANSLATION · {source}")
        placeholder = ""
        # without a pack, the main window says so once (PackHintBar) rather than beside every paragraph
        translating = self.app.services.translator.available and self.app.dispatcher.is_running(TRANSLATE_TASK)
        if translating and not block.translation and has_han(block.text):
            placeholder = "Translating…"
        return TranslationInfo(label=label, placeholder=placeholder)

    def needs_pack(self) -> bool:
        """Whether the open article has Chinese paragraphs without English that only a language pack can give."""
        if self.article_id is None or self.app.services.translator.available:
            return False
        return any(not block.translation and has_han(block.text) for block in self.model.article.blocks)

    def translate(self) -> None:
        """Translate the open article in the background (reference and cache first, then the pack)."""
        article_id = self.article_id
        if article_id is None:
            return
        article = self.model.article
        translator = self.app.services.translator
        library = self.app.library
        visible = [row for row in self._visible_rows if 0 <= row < len(article.blocks)]
        shown = set(visible)
        order = visible + [row for row in range(len(article.blocks)) if row not in shown]
        work_items = [
            (row, index, sentence.text)
            for row in order
            for index, sentence in enumerate(article.blocks[row].sentences)
            if not sentence.translation
        ]
        if not work_items:
            self.translation_state.emit("done")
            return
        snapshot = article.structure_copy()

        def work(job: Job) -> int:
            pending: list[tuple[int, int, str, str]] = []

            def on_result(index: int, translation: Translation) -> None:
                row, sentence_index, _ = work_items[index]
                pending.append((row, sentence_index, translation.text, translation.source))
                sentence = snapshot.blocks[row].sentences[sentence_index]
                sentence.translation, sentence.translation_source = translation.text, translation.source

            def progress(done: int, total: int) -> None:
                if pending:
                    job.partial(TranslationBatch(article_id, list(pending)))
                    pending.clear()
                job.progress(done, total, f"Translating… {done}/{total} sentences")

            translator.translate(
                [text for _, _, text in work_items], cancelled=job.cancelled, progress=progress, on_result=on_result
            )
            if pending:
                job.partial(TranslationBatch(article_id, list(pending)))
            library.save_translations(article_id, snapshot)
            return article_id

        self.translation_state.emit("translating" if translator.available else "no-pack")
        self.app.dispatcher.start(
            TRANSLATE_TASK,
            work,
            on_partial=self._apply_translations,
            on_finished=lambda _: self._translated(article_id),
            on_failed=self.error.emit,
            on_progress=self._progress,
            owner=self,  # a result that arrives after the window closed touches nothing
        )

    def _apply_translations(self, batch: TranslationBatch) -> None:
        if batch.article_id != self.article_id:
            return
        blocks = self.model.article.blocks
        rows = set()
        for row, sentence_index, text, source in batch.items:
            sentence = blocks[row].sentences[sentence_index]
            sentence.translation, sentence.translation_source = text, source
            rows.add(row)
        for row in sorted(rows):
            self.model.rows_changed(row, min(row + 1, len(blocks) - 1))  # the next row's label may change

    def _translated(self, article_id: int) -> None:
        if article_id == self.article_id:
            self.app.hub.status_message.emit("")
            self.translation_state.emit("done")
            self.model.rows_changed(0, max(0, len(self.model.article.blocks) - 1))

    def cancel_translation(self) -> None:
        """Stop translating (the Cancel button in the status bar)."""
        self.app.dispatcher.cancel(TRANSLATE_TASK)
        self.translation_state.emit("")

    # -- reading position ----------------------------------------------------------------------------------------

    def top_block_changed(self, block: int) -> None:
        """The paragraph at the top of the screen changed: save the position soon."""
        self._top_block = block
        self._position_timer.start()

    def _save_position(self) -> None:
        if self.article_id is None or not self.model.article.blocks:
            return
        blocks = self.model.article.blocks
        block = max(0, min(self._top_block, len(blocks) - 1))
        end = blocks[min(len(blocks) - 1, block)].end
        try:
            self.app.library.save_position(
                self.article_id, block, blocks[block].start, progress=end / max(1, blocks[-1].end)
            )
        except Exception:  # the article may have been deleted meanwhile; never lose the window over it
            log.exception("could not save the reading position")
        self.app.hub.article_changed.emit(self.article_id)

    def flush(self) -> None:
        """Save the reading position now (the window is closing or another article opens)."""
        if self._position_timer.isActive():
            self._position_timer.stop()
        self._save_position()
