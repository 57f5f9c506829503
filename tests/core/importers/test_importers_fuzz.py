"""Damaged files of every format give a ReaderError or an import, never another exception; markup loses no text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.errors import ReaderError
from reader.core.importers import import_path
from reader.core.importers.html_page import extract_html
from tests.core.importer_helpers import PARAGRAPHS, simple_epub, write_docx

pytestmark = pytest.mark.core

_FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _import_or_refuse(path: Path) -> None:
    try:
        import_path(path)
    except ReaderError as error:
        message = str(error)
        assert message and "\n" not in message and message.endswith("."), message


@pytest.fixture(scope="module")
def real_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Real, valid files to damage: an EPUB, a DOCX, an HTML page and an SRT file."""
    folder = tmp_path_factory.mktemp("real")
    html = f"<html><head><title>标题</title></head><body><h1>标题</h1><p>{PARAGRAPHS[0]}</p></body></html>"
    srt = f"1\n00:00:01,000 --> 00:00:02,000\n{PARAGRAPHS[1][:20]}\n"
    return {
        ".epub": simple_epub(folder / "b.epub", chapters=2).read_bytes(),
        ".docx": write_docx(folder / "d.docx").read_bytes(),
        ".html": html.encode("utf-8"),
        ".srt": srt.encode("utf-8"),
    }


@pytest.mark.parametrize("suffix", [".txt", ".epub", ".pdf", ".docx", ".html", ".md", ".srt", ".vtt"])
@_FUZZ
@given(data=st.binary(max_size=4096))
def test_random_bytes(tmp_path: Path, suffix: str, data: bytes) -> None:
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    _import_or_refuse(path)


@pytest.mark.parametrize("suffix", [".epub", ".docx", ".html", ".srt"])
@_FUZZ
@given(spots=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=8))
def test_damaged_real_file(
    tmp_path: Path, real_files: dict[str, bytes], suffix: str, spots: list[tuple[float, int]]
) -> None:
    data = bytearray(real_files[suffix])
    for where, value in spots:
        data[int(where * len(data))] = value
    path = tmp_path / f"damaged{suffix}"
    path.write_bytes(bytes(data))
    _import_or_refuse(path)


@pytest.mark.parametrize("suffix", [".epub", ".docx"])
@_FUZZ
@given(share=st.floats(0.0, 1.0, exclude_max=True))
def test_truncated_real_file(tmp_path: Path, real_files: dict[str, bytes], suffix: str, share: float) -> None:
    data = real_files[suffix]
    path = tmp_path / f"cut{suffix}"
    path.write_bytes(data[: int(len(data) * share)])
    _import_or_refuse(path)


_INLINE = st.sampled_from(["", "<b>", "</b>", "<i>", "</i>", "<span class='x'>", "</span>", "\n", "  ", "<!-- 注 -->"])


@_FUZZ
@given(
    pieces=st.lists(
        st.tuples(st.sampled_from(PARAGRAPHS), st.integers(0, 120), st.integers(0, 120)), min_size=1, max_size=6
    ),
    noise=st.lists(_INLINE, min_size=1, max_size=30),
)
def test_markup_loses_no_text(pieces: list[tuple[str, int, int]], noise: list[str]) -> None:
    # Paragraphs with inline tags, comments and source line breaks anywhere: every character comes out, in order.
    paragraphs = [text[min(a, b) : max(a, b)] or text for text, a, b in pieces]
    html_parts = []
    for index, text in enumerate(paragraphs):
        cut = (index * 7) % len(text)
        html_parts.append(f"<p>{text[:cut]}{noise[index % len(noise)]}{text[cut:]}</p>")
    blocks = extract_html("".join(html_parts), name="x.html", page=False).blocks.blocks
    assert re.sub(r"\s", "", "".join(b.text for b in blocks)) == re.sub(r"\s", "", "".join(paragraphs))
