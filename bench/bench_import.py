"""Issue 8 figure: importing a 5 MB novel ≤ 5 s including repair, with progress and cancel.

Run: ``.venv/bin/python -m bench.bench_import``. The novel is generated from the real paragraphs of the bundled
sample: chapters of twelve paragraphs under ``第N章`` headings, as txt novels are written (one paragraph a line,
indented with two ideographic spaces, UTF-8), as an old hard-wrapped txt (GB18030, 30 characters a line, blank
lines between paragraphs) and as an EPUB with a chapter per spine document. Each is timed from the file on disk to
a structured :class:`~reader.core.model.Document` (``import_path`` + ``structure_source``: decoding, normalising,
repair, sentence splitting); word segmentation is not part of importing (the reading view tokenizes what it shows).
"""

from __future__ import annotations

import itertools
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from reader.core.importers import import_path
from reader.core.paths import SAMPLE_ARTICLE
from reader.core.pipeline import structure, structure_source

TARGET_BYTES = 5 * 1024 * 1024
RUNS = 3


def _paragraphs() -> list[str]:
    document = structure(SAMPLE_ARTICLE.read_text(encoding="utf-8"))
    return [block.text for article in document.articles for block in article.blocks if block.kind == "paragraph"]


def _chapters(paragraphs: list[str], encoding: str) -> list[tuple[str, list[str]]]:
    """Chapters of twelve paragraphs, enough to fill :data:`TARGET_BYTES` in ``encoding``."""
    chapters: list[tuple[str, list[str]]] = []
    size = 0
    while size < TARGET_BYTES:
        number = len(chapters) + 1
        body = [paragraphs[(number * 7 + index) % len(paragraphs)] for index in range(12)]
        chapters.append((f"第{number}章 新的开始", body))
        size += sum(len(text.encode(encoding)) + 7 for text in body) + 20
    return chapters


def write_txt(path: Path, chapters: list[tuple[str, list[str]]]) -> Path:
    """A web-novel txt: a heading line per chapter, one indented paragraph a line."""
    lines = [line for title, body in chapters for line in [title, *(f"\u3000\u3000{text}" for text in body)]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_wrapped_gbk(path: Path, chapters: list[tuple[str, list[str]]], width: int = 30) -> Path:
    """An old-style txt: GB18030, lines broken every ``width`` characters, blank lines between paragraphs."""
    out: list[str] = []
    for title, body in chapters:
        out += [title, ""]
        for text in body:
            out += [text[start : start + width] for start in range(0, len(text), width)] + [""]
    path.write_bytes("\n".join(out).encode("gb18030"))
    return path


def write_epub(path: Path, chapters: list[tuple[str, list[str]]]) -> Path:
    """An EPUB 3 book with one spine document per chapter and a navigation document."""
    manifest, spine, nav = [], [], []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
            '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        for number, (title, body) in enumerate(chapters, start=1):
            paragraphs = "".join(f"<p>{text}</p>" for text in body)
            archive.writestr(
                f"OEBPS/c{number}.xhtml",
                f'<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>'
                f"{title}</title></head><body><h1>{title}</h1>{paragraphs}</body></html>",
            )
            manifest.append(f'<item id="c{number}" href="c{number}.xhtml" media-type="application/xhtml+xml"/>')
            spine.append(f'<itemref idref="c{number}"/>')
            nav.append(f'<li><a href="c{number}.xhtml">{title}</a></li>')
        archive.writestr(
            "OEBPS/nav.xhtml",
            '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" '
            'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>目录</title></head><body>'
            f'<nav epub:type="toc"><ol>{"".join(nav)}</ol></nav></body></html>',
        )
        manifest.append('<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>')
        archive.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0" encoding="utf-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" '
            'unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">'
            "bench</dc:identifier><dc:title>基准小说</dc:title><dc:language>zh</dc:language></metadata>"
            f"<manifest>{''.join(manifest)}</manifest><spine>{''.join(spine)}</spine></package>",
        )
    return path


def time_import(path: Path) -> dict[str, float]:
    """Median seconds of ``import_path`` and of ``structure_source`` over :data:`RUNS` runs, and what came out."""
    imports, structures, reports = [], [], 0
    articles = blocks = 0
    for _ in range(RUNS):
        progress: list[float] = []
        started = time.perf_counter()
        source = import_path(path, progress=progress.append)
        imported = time.perf_counter()
        document = structure_source(source)
        done = time.perf_counter()
        imports.append(imported - started)
        structures.append(done - imported)
        reports = len(progress)
        articles = len(document.articles)
        blocks = sum(len(article.blocks) for article in document.articles)
    return {
        "import": statistics.median(imports),
        "structure": statistics.median(structures),
        "total": statistics.median(i + s for i, s in zip(imports, structures, strict=True)),
        "progress_reports": reports,
        "articles": articles,
        "blocks": blocks,
    }


def cancel_polls(path: Path) -> tuple[int, float]:
    """How often ``import_path`` polls ``cancelled()``, and the longest wait in seconds between two polls.

    The longest wait is how long a press of Cancel can go unnoticed; ``structure_source`` afterwards is not
    interruptible (its time is in the table).
    """
    polls: list[float] = []

    def cancelled() -> bool:
        polls.append(time.perf_counter())
        return False

    started = time.perf_counter()
    import_path(path, cancelled=cancelled)
    moments = [started, *polls, time.perf_counter()]
    return len(polls), max(later - earlier for earlier, later in itertools.pairwise(moments))


def main() -> int:
    """Print the figures as Markdown table rows."""
    paragraphs = _paragraphs()
    with tempfile.TemporaryDirectory() as folder:
        files = {
            "txt, UTF-8, a paragraph a line": write_txt(Path(folder) / "novel.txt", _chapters(paragraphs, "utf-8")),
            "txt, GB18030, hard-wrapped at 30": write_wrapped_gbk(
                Path(folder) / "novel_gbk.txt", _chapters(paragraphs, "gb18030")
            ),
            "EPUB, a chapter per document": write_epub(Path(folder) / "novel.epub", _chapters(paragraphs, "utf-8")),
        }
        print(f"RUNS={RUNS}, medians")
        print("| file | size | import_path | structure_source | total | articles / blocks | progress reports |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for label, path in files.items():
            figures = time_import(path)
            size = path.stat().st_size / (1024 * 1024)
            print(
                f"| {label} | {size:.1f} MB | {figures['import']:.2f} s | {figures['structure']:.2f} s | "
                f"**{figures['total']:.2f} s** | {figures['articles']:,} / {figures['blocks']:,} | "
                f"{figures['progress_reports']} |"
            )
        print()
        for label, path in files.items():
            count, gap = cancel_polls(path)
            print(f"- {label}: import_path polls cancelled() {count} times, longest wait {gap * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
