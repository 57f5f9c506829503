"""Everything about pinyin, in one package (laid out like python-pinyin's ``pypinyin/``).

- :mod:`~reader.core.pinyin.engine`: the context-aware reading engine (``PinyinEngine``).
- :mod:`~reader.core.pinyin.source`: what the engine asks a dictionary (``ReadingSource``, ``PypinyinReadings``).
- :mod:`~reader.core.pinyin.rules`: context rules for polyphonic characters; :mod:`~reader.core.pinyin.wordlists`:
  the character and word lists the engine, the rules and the tone display options share.
- :mod:`~reader.core.pinyin.model`: the small neural model the engine asks about what the rules leave open.
- :mod:`~reader.core.pinyin.styles`: the one writer of stored tone-number syllables for display (tone marks, tone
  numbers, zhuyin) and the tone display options (citation tones, tone sandhi).
- :mod:`~reader.core.pinyin.query`: the one parser of pinyin a learner types (search boxes, Find, a corrected reading).
- :mod:`~reader.core.pinyin.readings`: stored readings (``yin2 hang2``) and the forms the deck's search matches.

The package ``__init__`` imports nothing, so importing :mod:`~reader.core.pinyin.styles` stays cheap.
"""
