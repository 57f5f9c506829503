"""Everything that is not GUI: import, repair, segmentation, pinyin, dictionary, translation, storage, export.

Nothing in this package may import Qt (tests/test_architecture.py and ruff's banned-api rule check it).
"""
