"""Reader's database: library, deck, word status, highlights, bookmarks (one SQLite file, sqlite-utils)."""
