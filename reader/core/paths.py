"""Where Reader keeps user data, resolved once and passed around explicitly.

Order of precedence: an explicit folder (the ``--data-dir`` flag), the ``READER_HOME`` environment variable,
then the platform's data folder (platformdirs). Everything Reader writes lives below that one folder, so a test
(or a portable install) can point it anywhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from reader.core.errors import StoreError

APP_NAME = "Reader"
ENV_VAR = "READER_HOME"

#: Bundled, read-only resources (the sample article, reference translations, icons).
REPO_ROOT = Path(__file__).resolve().parents[2]
RESOURCES_DIR = REPO_ROOT / "resources"
TRANSLATIONS_CACHE_DIR = REPO_ROOT / "translations_cache"
SAMPLE_ARTICLE = RESOURCES_DIR / "sample_article.txt"


@dataclass(frozen=True)
class UserPaths:
    """The folders Reader writes to, all below :attr:`home`."""

    home: Path

    @property
    def database(self) -> Path:
        """The library/deck SQLite database."""
        return self.home / "reader.sqlite"

    @property
    def cache(self) -> Path:
        """Derived data that can be rebuilt (jieba's prefix cache, the translation cache, compiled indexes)."""
        return self.home / "cache"

    @property
    def backups(self) -> Path:
        """Daily copies of the database."""
        return self.home / "backups"

    @property
    def logs(self) -> Path:
        """Log files and crash reports."""
        return self.home / "logs"

    @property
    def settings(self) -> Path:
        """The settings file of the non-GUI parts."""
        return self.home / "settings.json"

    def ensure(self) -> UserPaths:
        """Create the folders if they are missing and return ``self``.

        Raises :class:`~reader.core.errors.StoreError` with one sentence if the data folder cannot be used (it is
        a file, it or a folder inside it cannot be created or written).
        """
        for folder in (self.home, self.cache, self.backups, self.logs):
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(unusable_folder(folder, exc)) from exc
        return self


def unusable_folder(folder: Path, exc: OSError) -> str:
    """The sentence saying that a data folder cannot be used, and why."""
    if folder.exists() and not folder.is_dir():
        return f"The data folder {folder} cannot be used: it is a file, not a folder."
    for parent in folder.parents:
        if parent.exists() and not parent.is_dir():
            return f"The data folder {folder} cannot be used: {parent} is a file, not a folder."
    return f"The data folder {folder} cannot be used ({exc.strerror or exc})."


def resolve_user_paths(data_dir: str | os.PathLike[str] | None = None) -> UserPaths:
    """Return the user folders, honouring ``data_dir`` first, then ``READER_HOME``, then the platform default."""
    if data_dir:
        home = Path(data_dir)
    elif os.environ.get(ENV_VAR):
        home = Path(os.environ[ENV_VAR])
    else:
        home = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return UserPaths(home.expanduser().resolve())
