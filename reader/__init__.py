"""Reader: read real Chinese texts offline with pinyin, translations and a vocabulary deck."""

__version__ = "0.1.0"
