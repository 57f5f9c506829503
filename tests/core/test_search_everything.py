"""Library search finds every text the learner sees: pinyin as Find reads it, reference English, notes, folding."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.core.importers import ImportedSource, SourceKind
from reader.core.model import Token
from reader.core.store import search as search_module
from reader.core.store import search_index
from reader.core.store.annotations import Annotations
from reader.core.store.db import Store
from reader.core.store.library import Library
from reader.core.store.search import Search, SearchScope
from reader.core.translation.translator import Translation
from reader.core.usecases.importing import add_source
from tests.core.store_helpers import make_article_lines

pytestmark = pytest.mark.core

TEXT = ["科举制度在中国延续了一千多年。", "他去银行取钱。", "5G网络很快。"]


@pytest.fixture
def library(store: Store) -> Library:
    return Library(store)


@pytest.fixture
def search(store: Store, library: Library) -> Search:
    library.add_article(make_article_lines(*TEXT, title="科举"))
    return Search(store)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("keju", "科举"),  # toneless, no syllable boundary: what a learner types
        ("ke ju", "科举"),  # syllables apart
        ("ke1ju3", "科举"),  # tone numbers that agree with the text
        ("kē jǔ", "科举"),  # tone marks (syllables apart, as Find needs them)
        ("KeJu", "科举"),  # upper case
        ("ke4ju3", None),  # a tone that disagrees
        ("kej", None),  # not whole syllables
        ("zhongguo", "中国"),  # another word, mid-sentence
        ("qianduo", "千多"),  # a run across jieba's word boundary is still a run of syllables
        ("wangluo", "网络"),  # after Latin letters and a digit
    ],
)
def test_pinyin_finds_characters_as_find_does(search: Search, query: str, found: str | None) -> None:
    hits = search.search(query, scope=SearchScope.CHINESE)
    if found is None:
        assert hits == []
    else:
        assert [hit.sentence[hit.match_start : hit.match_end] for hit in hits] == [found]


def test_pinyin_of_a_polyphone_follows_the_analysis_once_stored(store: Store, library: Library) -> None:
    article = make_article_lines("他去银行取钱。")
    article_id = library.add_article(article)
    search = Search(store)
    assert search.search("yinhang") == []  # before analysis: 行 has its usual reading xíng
    sentence = article.blocks[0].sentences[0]
    readings = [["ta1"], ["qu4"], ["yin2", "hang2"], ["qu3"], ["qian2"], None]
    offset = 0
    for word, reading in zip(["他", "去", "银行", "取", "钱", "。"], readings, strict=True):
        sentence.tokens.append(Token(word, offset, reading))  # type: ignore[arg-type]
        offset += len(word)
    assert library.save_analysis(article_id, article, "key")
    assert [hit.sentence for hit in search.search("yinhang")] == ["他去银行取钱。"]


def test_reference_translation_is_found_after_import(store: Store, library: Library) -> None:
    source = ImportedSource("科举", SourceKind.TEXT, raw_text="\n".join(TEXT))

    def lookup(sentences):
        return [
            Translation("The imperial examinations lasted a thousand years.", "reference") if "科举" in s else None
            for s in sentences
        ]

    add_source(library, source, lines_as_paragraphs=True, lookup=lookup)
    hits = Search(store).search("imperial examinations")
    assert [(hit.sentence, hit.in_translation) for hit in hits] == [(TEXT[0], True)]


def test_notes_are_searched(store: Store, library: Library, search: Search) -> None:
    article_id = library.list_articles()[0].id
    Annotations(store).add_highlight(article_id, 0, 2, note="imperial exams, abolished 1905")
    hits = search.search("abolished")
    assert [(hit.sentence, hit.note) for hit in hits] == [("科举", "imperial exams, abolished 1905")]
    assert hits[0].block_index == 0


def test_matching_articles_for_the_library_filter(store: Store, library: Library, search: Search) -> None:
    other = library.add_article(make_article_lines("今天天气很好。"))
    assert search.matching_articles("keju") == {library.list_articles()[-1].id}
    assert search.matching_articles("tianqi") == {other}
    assert search.matching_articles("天气") == {other}
    assert search.matching_articles("") == set()


def test_the_fold_hook_makes_scripts_meet_and_hits_show_the_text_as_written(
    store: Store, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fold(text: str) -> str:
        return text.replace("區", "区")

    monkeypatch.setattr(search_index, "fold_for_index", fold)
    monkeypatch.setattr(search_module, "fold_for_index", fold)
    library.add_article(make_article_lines("深圳是經濟特區。"))
    hits = Search(store).search("特区")
    assert [hit.sentence for hit in hits] == ["深圳是經濟特區。"]


def test_articles_stored_before_the_pinyin_index_are_found_after_the_upgrade(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlite_utils import Database

    from reader.core.store import db as store_db

    path = tmp_path / "old.sqlite"
    database = Database(sqlite3.connect(path))
    store_db.open_store(":memory:").close()  # every migration set registered
    for migrations in store_db._MIGRATION_SETS:
        migrations.apply(database, stop_before="m002_pinyin" if migrations.name == "search" else None)
    with monkeypatch.context() as patch:
        patch.setattr(search_index, "index_pinyin", lambda *_args: None)  # the old code had no pinyin index
        Library(Store(database, path)).add_article(make_article_lines(*TEXT, title="科举"))
    database.conn.close()
    store = store_db.open_store(path)
    try:
        assert [hit.sentence for hit in Search(store).search("keju")] == ["科举制度在中国延续了一千多年。"]
    finally:
        store.close()


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("深圳是經濟特區。", "特区"),  # simplified query, traditional text
        ("深圳是经济特区。", "特區"),  # traditional query, simplified text
        ("深圳是經濟特區。", "經濟特區"),  # four characters: the trigram index, folded on both sides
    ],
)
def test_search_finds_either_script_and_shows_the_text_as_written(
    store: Store, library: Library, text: str, query: str
) -> None:
    library.add_article(make_article_lines(text))
    assert [hit.sentence for hit in Search(store).search(query)] == [text]
