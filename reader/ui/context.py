"""Everything the windows share, built once by the application and passed to each window and panel."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QSettings

from reader.core.paths import UserPaths
from reader.core.services import Services
from reader.core.store.annotations import Annotations
from reader.core.store.db import Store
from reader.core.store.deck import Deck
from reader.core.store.library import Library
from reader.core.store.search import Search
from reader.core.store.words import WordStatuses
from reader.ui.hub import Hub
from reader.ui.settings import ViewSettings
from reader.ui.workers import Dispatcher


@dataclass
class AppContext:
    """The services, the store's parts, the settings, the signal hub and the background dispatcher."""

    paths: UserPaths
    services: Services
    store: Store
    settings: QSettings
    view_settings: ViewSettings
    hub: Hub = field(default_factory=Hub)
    dispatcher: Dispatcher = field(default_factory=Dispatcher)
    library: Library = field(init=False)
    annotations: Annotations = field(init=False)
    deck: Deck = field(init=False)
    words: WordStatuses = field(init=False)
    search: Search = field(init=False)

    def __post_init__(self) -> None:
        self.library = Library(self.store)
        self.annotations = Annotations(self.store)
        self.deck = Deck(self.store)
        self.words = WordStatuses(self.store)
        self.search = Search(self.store)
