"""The deck: entries per (word, reading), edits with undo, search and filters, article links, concurrent writers."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reader.core.errors import InputError
from reader.core.store.db import Store, open_store
from reader.core.store.deck import (
    Deck,
    DeckQuery,
    DuplicateEntryError,
    EntryNotFoundError,
    SortField,
    normalize_tags,
)
from reader.core.store.library import Library
from reader.core.store.words import WordStatus, WordStatuses
from tests.core.deck_helpers import Clock, add_awkward
from tests.core.store_helpers import make_article

pytestmark = pytest.mark.core


@pytest.fixture
def store(file_store: Store) -> Store:
    """These tests use a database file (WAL), as the app does."""
    return file_store


@pytest.fixture
def deck(store: Store) -> Deck:
    return Deck(store, clock=Clock())


def keys(entries: list) -> list[str]:
    return [entry.key for entry in entries]


# -- adding ---------------------------------------------------------------------------------------------------------


def test_add_stores_every_field(deck: Deck) -> None:
    added = deck.add(
        "银行",
        "yínháng",
        traditional="銀行",
        definition="bank",
        sentence="我去银行。",
        sentence_translation="I go to the bank.",
        position=12,
        tags=["HSK 3", "money"],
        note="mine",
    )
    assert deck.get(added.id) == added
    assert (added.pinyin, added.pinyin_marks, added.key) == ("yin2 hang2", "yín háng", "银行[yin2 hang2]")
    assert added.tags == ("HSK_3", "money")
    assert added.sentence_offset == 2
    assert added.status is WordStatus.NEW


@pytest.mark.parametrize(
    ("sentence", "offset", "expected"),
    [
        ("他在银行工作，一行一行地写。", 8, 8),  # the occurrence the learner clicked
        ("他在银行工作，一行一行地写。", None, 3),  # not given: the first occurrence (here inside 银行)
        ("  一行字", 3, 1),  # counted in the sentence as given, before its spaces are trimmed
        ("一行字", 2, 1),  # a wrong offset falls back to the first occurrence
        ("没有", None, None),  # the word is not in the sentence
    ],
)
def test_sentence_offset(deck: Deck, sentence: str, offset: int | None, expected: int | None) -> None:
    assert deck.add("行", "hang2", sentence=sentence, sentence_offset=offset).sentence_offset == expected


def test_editing_the_sentence_finds_the_word_in_it_again(deck: Deck) -> None:
    entry = deck.add("行", "hang2", sentence="一行字", sentence_offset=1)
    assert deck.update(entry.id, sentence="第三行").after.sentence_offset == 2


def test_two_readings_of_one_word_are_two_entries(deck: Deck) -> None:
    deck.add("行", "háng")
    deck.add("行", "xing2")
    assert sorted(entry.pinyin for entry in deck.find("行")) == ["hang2", "xing2"]


def test_same_word_and_reading_twice_is_refused(deck: Deck) -> None:
    deck.add("行", "háng")
    with pytest.raises(DuplicateEntryError, match="already in the deck"):
        deck.add("行", "hang2")


@pytest.mark.parametrize(
    ("word", "reading"),
    [
        ("", "hao3"),  # empty word
        ("hello", "hao3"),  # no Chinese character
        ("你 好", "ni3 hao3"),  # two words
        ("银行", "yin2"),  # one syllable for two characters
        ("银行", "bank"),  # not pinyin
        ("银行", ""),  # no reading
    ],
)
def test_bad_word_or_reading_is_refused_with_a_sentence(deck: Deck, word: str, reading: str) -> None:
    with pytest.raises(InputError):
        deck.add(word, reading)


def test_article_link_keeps_title_when_the_article_is_deleted(store: Store, deck: Deck) -> None:
    library = Library(store)
    article_id = library.add_article(make_article())
    entry = deck.add("学习", "xue2 xi2", article_id=article_id, article_title="学习中文")
    assert library.delete_article(article_id) is True  # deck entries do not keep an article alive
    after = deck.get(entry.id)
    assert (after.article_id, after.article_title) == (None, "学习中文")


def test_link_to_a_missing_article_is_dropped(deck: Deck) -> None:
    entry = deck.add("学习", "xue2 xi2", article_id=999, article_title="gone")
    assert (entry.article_id, entry.article_title) == (None, "gone")


# -- changing, deleting, undo ---------------------------------------------------------------------------------------


def test_update_returns_before_and_after(deck: Deck) -> None:
    entry = deck.add("行", "háng", definition="row")
    edit = deck.update(entry.id, definition="line", tags=["a"])
    assert (edit.before.definition, edit.after.definition) == ("row", "line")
    assert deck.get(entry.id) == edit.after
    assert edit.after.updated_at > edit.before.updated_at


def test_restore_undoes_an_update(deck: Deck) -> None:
    entry = deck.add("行", "háng", definition="row")
    edit = deck.update(entry.id, definition="line", status="learning")
    deck.restore([edit.before])
    restored = deck.get(entry.id)
    assert (restored.definition, restored.status) == ("row", WordStatus.NEW)


def test_update_refuses_unknown_fields(deck: Deck) -> None:
    entry = deck.add("行", "háng")
    with pytest.raises(TypeError):
        deck.update(entry.id, id=5)


def test_update_to_an_existing_reading_is_refused(deck: Deck) -> None:
    deck.add("行", "háng")
    other = deck.add("行", "xíng")
    with pytest.raises(DuplicateEntryError):
        deck.update(other.id, pinyin="hang2")


def test_update_of_a_deleted_entry_says_so(deck: Deck) -> None:
    entry = deck.add("行", "háng")
    deck.delete([entry.id])
    with pytest.raises(EntryNotFoundError):
        deck.update(entry.id, note="x")


def test_delete_returns_entries_that_restore_brings_back(deck: Deck) -> None:
    entries = add_awkward(deck)
    deleted = deck.delete([entries[0].id, entries[2].id, 12345])
    assert keys(deleted) == [entries[0].key, entries[2].key]
    assert deck.count() == len(entries) - 2
    deck.restore(deleted)
    assert deck.count() == len(entries)
    back = deck.get(entries[2].id)
    assert (back.definition, back.note, back.tags) == (entries[2].definition, entries[2].note, entries[2].tags)


def test_restore_refuses_a_word_taken_in_the_meantime(deck: Deck) -> None:
    entry = deck.add("行", "háng")
    deleted = deck.delete([entry.id])
    deck.add("行", "háng")
    with pytest.raises(DuplicateEntryError):
        deck.restore(deleted)


def test_set_status_of_several_entries_returns_them_for_undo(deck: Deck) -> None:
    a = deck.add("行", "háng")
    b = deck.add("银行", "yin2 hang2")
    before = deck.set_status([a.id, b.id], WordStatus.LEARNING)
    assert {e.status for e in deck.get_many([a.id, b.id])} == {WordStatus.LEARNING}
    deck.restore(before)
    assert {e.status for e in deck.get_many([a.id, b.id])} == {WordStatus.NEW}


def test_an_entry_cannot_be_unknown(deck: Deck) -> None:
    entry = deck.add("行", "háng")
    with pytest.raises(InputError):
        deck.update(entry.id, status="unknown")


def test_tag_adds_and_removes_tags(deck: Deck) -> None:
    entry = deck.add("行", "háng", tags=["old", "keep"])
    deck.tag([entry.id], add=["new"], remove=["OLD"])
    assert deck.get(entry.id).tags == ("keep", "new")


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["b", "a"], ("a", "b")),  # sorted
        (["HSK 1"], ("HSK_1",)),  # spaces are not allowed in Anki tags
        (["Tag", "tag"], ("Tag",)),  # duplicates regardless of case: the first spelling wins
        (["", "  "], ()),  # blank tags dropped
    ],
)
def test_normalize_tags(tags: list[str], expected: tuple[str, ...]) -> None:
    assert normalize_tags(tags) == expected


# -- word status follows the deck -----------------------------------------------------------------------------------


def test_adding_a_word_makes_it_new_and_deleting_it_unknown_again(store: Store, deck: Deck) -> None:
    statuses = WordStatuses(store)
    entry = deck.add("银行", "yin2 hang2")
    assert statuses.status("银行") is WordStatus.NEW
    deck.delete([entry.id])
    assert statuses.status("银行") is WordStatus.UNKNOWN


def test_a_word_has_the_status_of_its_least_advanced_entry(store: Store, deck: Deck) -> None:
    statuses = WordStatuses(store)
    hang = deck.add("行", "háng")
    xing = deck.add("行", "xíng")
    deck.set_status([hang.id], "known")
    assert statuses.status("行") is WordStatus.NEW
    deck.set_status([xing.id], "learning")
    assert statuses.status("行") is WordStatus.LEARNING
    deck.set_status([xing.id], "known")
    assert statuses.status("行") is WordStatus.KNOWN


# -- queries --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("银行", ["银行[yin2 hang2]"]),  # hanzi
        ("銀", ["银行[yin2 hang2]"]),  # traditional
        ("行", ["银行[yin2 hang2]", "行[hang2]", "行[xing2]"]),  # substring of hanzi
        ("yin2hang2", ["银行[yin2 hang2]"]),  # tone numbers
        ("yin hang", ["银行[yin2 hang2]"]),  # no tones, spaces
        ("yínháng", ["银行[yin2 hang2]"]),  # tone marks
        ("xing2", ["行[xing2]"]),  # tone numbers pick one reading
        ("lü", ["绿[lv4]"]),  # ü
        ("lu4", ["绿[lv4]"]),  # ü typed as u
        ("BANK", ["银行[yin2 hang2]"]),  # English, any case
        ("karaoke", ["卡拉OK[ka3 la1]"]),  # English inside a definition
        ("50%", []),  # LIKE wildcards are literal
        ("zzz", []),  # nothing
    ],
)
def test_search(deck: Deck, search: str, expected: list[str]) -> None:
    add_awkward(deck)
    found = deck.query(DeckQuery(search=search, sort=SortField.ADDED, descending=False))
    assert keys(found) == expected


def test_filter_by_status_tag_and_article(store: Store, deck: Deck) -> None:
    article_id = Library(store).add_article(make_article())
    deck.add("学习", "xue2 xi2", article_id=article_id, tags=["hsk1"])
    deck.add("中文", "zhong1 wen2", article_id=article_id, tags=["hsk"], status="learning")
    deck.add("银行", "yin2 hang2", tags=["hsk"])
    assert keys(deck.query(DeckQuery(tags=("HSK",)))) == ["银行[yin2 hang2]", "中文[zhong1 wen2]"]
    assert keys(deck.query(DeckQuery(article_id=article_id, statuses=(WordStatus.NEW,)))) == ["学习[xue2 xi2]"]
    assert deck.count(DeckQuery(article_id=article_id)) == 2


@pytest.mark.parametrize(
    ("sort", "descending", "expected"),
    [
        (SortField.ADDED, True, ["中文", "阿姨", "银行"]),
        (SortField.PINYIN, False, ["阿姨", "银行", "中文"]),
        (SortField.DEFINITION, False, ["阿姨", "银行", "中文"]),
        (SortField.STATUS, True, ["阿姨", "中文", "银行"]),
    ],
)
def test_sort(deck: Deck, sort: SortField, descending: bool, expected: list[str]) -> None:
    deck.add("银行", "yin2 hang2", definition="bank (n)")
    deck.add("阿姨", "a1 yi2", definition="aunt (n)", status="known")
    deck.add("中文", "zhong1 wen2", definition="Chinese (n)", status="learning")
    for search in ("", "(n)"):  # without a filter the sort index is used; with one, the matches are sorted
        found = deck.query(DeckQuery(search=search, sort=sort, descending=descending))
        assert [entry.simplified for entry in found] == expected


@pytest.mark.parametrize("sort", list(SortField))
@pytest.mark.parametrize("search", ["", "行", "hang", "zzz"])
def test_page_agrees_with_query_and_count(deck: Deck, sort: SortField, search: str) -> None:
    """The deck window's page (indexes without a filter, one scan with one) shows what query and count say."""
    entries = add_awkward(deck)
    deck.set_status([entries[0].id, entries[3].id], "known")
    query = DeckQuery(search=search, sort=sort, descending=False, limit=2, offset=1)
    page = deck.page(query)
    assert page.entries == deck.query(query)
    assert page.total == deck.count(query) == len(deck.ids(query))


def test_paging_and_ids_follow_the_query_order(deck: Deck) -> None:
    entries = add_awkward(deck)
    query = DeckQuery(sort=SortField.ADDED, descending=False, limit=2, offset=1)
    assert [e.id for e in deck.query(query)] == [e.id for e in entries[1:3]]
    assert deck.ids(DeckQuery(sort=SortField.ADDED, descending=False)) == [e.id for e in entries]


def test_words_in_deck_looks_up_a_whole_article_at_once(deck: Deck) -> None:
    add_awkward(deck)
    found = deck.words_in_deck(["我", "行", "银行", "行"])
    assert sorted(found) == ["行", "银行"]
    assert len(found["行"]) == 2


def test_all_tags_and_sources_list_what_filters_offer(deck: Deck) -> None:
    add_awkward(deck)
    assert deck.all_tags() == [("finance", 1), ("hsk3", 1), ("polyphone", 2)]
    assert deck.sources() == [(None, "", 5), (None, "News, today", 1)]


def test_changed_since_selects_entries_added_or_edited_later(deck: Deck) -> None:
    old = deck.add("银行", "yin2 hang2")
    edited = deck.add("行", "háng")
    cut = deck.now()
    deck.update(edited.id, definition="row")
    new = deck.add("行", "xíng")
    found = deck.query(DeckQuery(changed_since=cut, sort=SortField.ADDED, descending=False))
    assert [e.id for e in found] == [edited.id, new.id]
    assert old.id not in [e.id for e in found]


# -- several writers ------------------------------------------------------------------------------------------------


def test_concurrent_writers_never_see_a_locked_database(tmp_path: Path) -> None:
    """Two connections (the GUI and the CLI) and two threads on each add entries at the same time."""
    path = tmp_path / "reader.sqlite"
    stores = [open_store(path), open_store(path)]
    errors: list[BaseException] = []

    def writer(store: Store, prefix: int) -> None:
        deck = Deck(store)
        try:
            for i in range(60):
                deck.add(f"词-{prefix}-{i}", "ci2")
        except BaseException as exc:  # collected and reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(stores[n % 2], n)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert errors == []
        assert Deck(stores[0]).count() == 240
    finally:
        for store in stores:
            store.close()
