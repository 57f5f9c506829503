"""Subtitles (SRT, WebVTT, ASS/SSA) via pysubs2: one paragraph per cue, timestamps and styling dropped.

The lines of a cue are joined like wrapped lines (no space between Chinese characters). A cue that repeats the
cue before it word for word (rolling captions) is kept once.
"""

from __future__ import annotations

import pysubs2

from reader.core.errors import InputError
from reader.core.textio import decode_text

from .blocks import BlockList, clean_block_text
from .progress import ImportMonitor
from .source import FileInput, ImportedSource, SourceKind

#: pysubs2's format names for the suffixes Reader accepts.
FORMATS = {".srt": "srt", ".vtt": "vtt", ".ass": "ass", ".ssa": "ssa"}


def import_subtitles(file: FileInput, monitor: ImportMonitor) -> ImportedSource:
    """Read a subtitle file into one section with a paragraph per cue."""
    text = decode_text(file.data, name=file.name)
    try:
        subtitles = pysubs2.SSAFile.from_string(text, format_=FORMATS.get(file.suffix))
    except Exception as error:  # pysubs2 raises its own and ValueError/KeyError on malformed files
        raise InputError(f"{file.name} is not a valid subtitle file.") from error
    monitor.advance(0.5)
    blocks = BlockList()
    previous = ""
    for event in subtitles:
        if event.is_comment:
            continue
        cue = clean_block_text(" ".join(event.plaintext.split("\n")))
        if cue and cue != previous:
            blocks.add(cue)
            previous = cue
    if not blocks.blocks:
        raise InputError(f"{file.name} contains no subtitles.")
    return ImportedSource(file.stem, SourceKind.SUBTITLES, sections=[blocks.section(file.stem)])
