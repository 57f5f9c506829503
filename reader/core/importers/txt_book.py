"""Books in plain text: find the chapters of a txt novel, its front matter, and the site lines to leave out.

A txt novel as learners get it is one file of hundreds of chapters, wrapped in what the download site added.
The file is read line by line (fast: a 4 MB novel is about 100,000 lines):

1. **Site lines** are left out and logged (:class:`~.source.DroppedLine`): lines with a web address or an
   obfuscated one (``w w w.x iaoshu otx t.nett.xt.小..说...天.堂``), lines of download and copyright notices
   (``更多TXT电子书下载``, ``版权声明``, ``最新章节``, ``（本章完）``), whole notices fenced by ``----``/``====`` rules,
   the rules themselves and ``----- Page 12 -----`` markers left by a PDF conversion.
2. **Headings** are short lines such as ``第一章 出发``, ``第097章``, ``第十一回　…``, ``第三节``, with Chinese,
   Arabic or full-width numerals, perhaps after a site prefix (``正文``, ``章节目录``, ``VIP章节``) or an indent;
   volumes (``第一卷 …``, ``卷二``, ``上部``) sit above chapters; ``序章``, ``楔子``, ``引子``, ``番外``, ``后记`` …
   are chapters without a number when they come before the first or after the last numbered chapter (between two
   numbered chapters, a ``尾声`` ends a story inside a chapter, so it is a subheading). A line naming two chapters
   is a line of a two-column table of contents.
3. **A table of contents** is a run of three or more headings with no text between them (or any such run right
   after a ``目录`` line): it repeats the chapters, so it is logged and left out, not made into empty chapters.
4. **Front matter** is what comes before the first chapter: the book's title (``《书名》``), author (``作者：…``)
   and blurb (after ``简介``/``内容简介``).
5. **Chapters**: each heading with the text up to the next heading; the text goes through the usual text repair
   (:func:`reader.core.repair.repair_text`) chapter by chapter, so memory stays at the size of one chapter.

Volumes become the ``part`` of their chapters; a book whose only numbered headings are volumes (浮生六記's
卷一–卷四) has its volumes as chapters. A text with fewer than :data:`MIN_CHAPTERS` chapters is not a book.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum

from reader.core.chars import count_han, has_han
from reader.core.model import BlockKind, BlockRole
from reader.core.repair import ends_sentence, repair_text

from .blocks import clean_heading_text
from .source import BookInfo, DroppedLine, SourceBlock, SourceSection

#: A text needs this many chapters (numbered or not, or volumes when it has no chapters) to become a book.
MIN_CHAPTERS = 3
#: Headings are at most this many characters (a long 回 title with its couplet is about 30).
MAX_HEADING_CHARS = 50
#: A run of this many headings with no text between them is a table of contents.
MIN_TOC_RUN = 3
#: A line with a web address and at most this many Chinese characters (and no sentence) is a watermark.
WATERMARK_HAN = 12
#: A site notice fenced by rules is dropped whole only if it is at most this many lines long.
MAX_NOTICE_LINES = 15

_NUM = r"[0-9０-９零〇○一二三四五六七八九十百千万萬两兩壹贰貳叁參肆伍陆陸柒捌玖拾佰仟]+"
_PREFIX = r"(?:(?:正文|章节目录|章節目錄|VIP章节|VIP章節|VIP卷|最新章节|最新章節)\s*[:：]?\s*)?"
#: What may follow a heading's marker: nothing, or a separator and a title without sentence punctuation inside.
_TITLE_AFTER_SEPARATOR = r"(?:[\s:：、.．·—-]+[^。；;]{0,45})?"
_CHAPTER = re.compile(
    rf"^{_PREFIX}(?P<volume>第\s*{_NUM}\s*[卷部集]\s*\S{{0,15}}?\s+)?"
    rf"(?P<marker>第\s*{_NUM}\s*[章回节節篇话話折幕])(?P<rest>.*)$",
    re.IGNORECASE,
)
_VOLUME = re.compile(
    rf"^{_PREFIX}(?P<marker>第\s*{_NUM}\s*[卷部集]|卷[之]?{_NUM}|[上中下][卷部]|[上中下]篇)(?P<rest>{_TITLE_AFTER_SEPARATOR})$",
    re.IGNORECASE,
)
_SPECIAL = re.compile(
    rf"^{_PREFIX}(?P<marker>序章|序言|序幕|序|楔子|引子|引言|前言|番外\S{{0,8}}|后记|後記|尾声|尾聲|终章|終章|"
    rf"完本感言|后序|後序|跋|附录|附錄)(?P<rest>{_TITLE_AFTER_SEPARATOR})$"
)
#: A site's address glued to a heading: "第一章 出发 www.xbiquge.la" (a site name before it cannot be told from
#: the title, so it stays).
_SITE_TAIL = re.compile(r"\s*[(（【\[]?\s*(?:https?://|www\.)[^\s)）】\]]*[)）】\]]?\s*$", re.IGNORECASE)
_TWO_CHAPTERS = re.compile(rf"第\s*{_NUM}\s*[章回节節].*第\s*{_NUM}\s*[章回节節]")
_CONTENTS = re.compile(r"^(?:目\s*[录錄次]|章节目录|章節目錄|总目录|總目錄)\s*[:：]?$")
_SENTENCE_PUNCT = frozenset("。；;，,")
#: Words that start with a chapter marker's last character: ``第三回合`` is a round, ``第一节课`` a lesson.
_MARKER_WORDS = frozenset({"回合", "回来", "回去", "回家", "节课", "节目", "章程", "篇幅", "话题", "幕后"})

_RULE = re.compile(r"^[-=_~＝－—━─*＊·•.]{5,}$")
_PAGE_MARKER = re.compile(r"^-*\s*Page\s*\d+\s*-*$", re.IGNORECASE)
#: A web address, also when spaces, full-width letters or odd punctuation were put into it to defeat filters.
_ADDRESS = re.compile(r"https?[:：]|www[.。、/:：,，=_\-]|ww[.。、]?w|\.(?:com|net|org|cn|cc|tw|me|la|info)\b")
_SITE_WORDS = re.compile(
    r"下载|下載|访问|訪問|网址|網址|网站|網站|小说|小說|电子书|電子書|阅读|閱讀|书评|書評|专题|本站|手机|手機|"
    r"更新|免费|免費|收藏|推荐|推薦|txt|天堂|书城|書城|书屋|書屋"
)
#: Phrases that make a short line a site notice even without an address (matched on lines of at most 80 chars).
_NOTICE = re.compile(
    r"版权声明|版權聲明|版权归|版權歸|仅供.{0,12}(?:学习|學習|交流|研究|参考)|不得用[作于].{0,4}商业|购买正版|購買正版|"
    r"支持正版|侵犯了?您的版权|如有侵权|如有侵權|本书由.{0,20}(?:整理|收集|制作|首发|提供)|"
    r"更多.{0,12}(?:小说|电子书|精彩|好书).{0,12}(?:请|請|访问|尽在|下载)|txt.{0,8}(?:下载|下載|电子书)|"
    r"电子书下载|最新章节|最新章節|免费阅读|全文阅读|手机阅读|手机用户|百度搜索|本章完|本章未完|"
    r"求(?:月票|推荐票|收藏|订阅|打赏)|网友上传|網友上傳|整理制作|本站",
    re.IGNORECASE,
)


#: What every site line has at least one of (a quick filter before the slower checks).
_MAYBE_SITE = re.compile(
    r"[A-Za-zＡ-Ｚａ-ｚ]|[-=_~＝－—━─*＊·•.]{5,}|版[权權]|[仅僅]供|正版|侵[权權]|本[书書]由|更多|最新章|免[费費]|"
    r"全文[阅閱]|手[机機]|百度|本章|求(?:月票|推荐|收藏|订阅|打赏)|网友|網友|整理|本站|下[载載]|[电電]子[书書]"
)
#: Any Chinese character (a line under a heading with one is text of the chapter).
_ANY_HAN = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0003134f\uf900-\ufaff\u3007]")


class Level(IntEnum):
    """How high a heading stands: a volume holds chapters."""

    CHAPTER = 1
    VOLUME = 2


@dataclass(slots=True)
class _Heading:
    line: int  # index into the book's lines
    title: str
    level: Level
    numbered: bool
    volume: str | None = None  # a volume named on the chapter's own line (第一卷 风起 第一章 少年)
    body_chars: int = 0  # lines with Chinese text between this heading and the next
    contents: bool = False  # a 目录 line: not a heading, it says a table of contents follows
    inside: bool = False  # an unnumbered heading between numbered chapters: a subheading of the chapter before


@dataclass(slots=True)
class TxtBook:
    """A txt file read as a book: its metadata, chapters in order, and every line left out."""

    book: BookInfo
    chapters: list[SourceSection]
    dropped: list[DroppedLine]


def _key(line: str) -> str:
    """The line folded for matching site lines: compatibility forms, lower case, no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", line)).lower()


def site_line_reason(line: str) -> str | None:
    """Why ``line`` is download-site furniture rather than text of the book, or ``None`` if it is text."""
    stripped = line.strip()
    if not stripped or not _MAYBE_SITE.search(stripped):
        return None  # most lines of a book: no Latin letter, rule or notice word (checked in one fast search)
    if _PAGE_MARKER.match(stripped):
        return "page marker"
    if _RULE.match(stripped.replace(" ", "")) and not has_han(stripped):
        return "rule"
    key = _key(stripped)
    han = count_han(stripped)
    if _ADDRESS.search(key):
        # A watermark is a short line that is no sentence; an address in a sentence of the story stays unless the
        # line talks like a site (下载, 访问, 小说, 阅读…).
        if han <= WATERMARK_HAN and not ends_sentence(stripped) and not _NOTICE.search(key):
            return "watermark"
        if _SITE_WORDS.search(key):
            return "site line"
    if len(stripped) <= 80 and _NOTICE.search(key):
        return "site notice"
    return None


def _heading(line: str) -> tuple[str, Level, bool, str | None] | None:
    """Return (title, level, numbered, volume on the same line) if ``line`` is a chapter or volume heading."""
    stripped = _SITE_TAIL.sub("", line).strip().strip("\u3000").strip()
    if not stripped or len(stripped) > MAX_HEADING_CHARS or stripped[-1] in "。，,；;":
        return None
    match = _CHAPTER.match(stripped)
    if match:
        rest = match.group("rest")
        if rest and not _title_rest_ok(match.group("marker"), rest):
            return None
        volume = match.group("volume")
        title = clean_heading_text(stripped[match.start("marker") :])
        return title, Level.CHAPTER, True, clean_heading_text(volume) if volume else None
    for pattern, level, numbered in ((_VOLUME, Level.VOLUME, True), (_SPECIAL, Level.CHAPTER, False)):
        match = pattern.match(stripped)
        if match:
            return clean_heading_text(stripped[match.start("marker") :]), level, numbered, None
    return None


def _title_rest_ok(marker: str, rest: str) -> bool:
    """True if what follows ``第N章`` is a title: after a separator, or short and without a comma or full stop."""
    if rest[0] in " \u3000:：、.．·—-":
        return not any(char in "。；;" for char in rest)
    if marker[-1] + rest[0] in _MARKER_WORDS:  # 第三回合, 第一节课: the marker is part of a word
        return False
    return len(rest) <= 24 and not any(char in _SENTENCE_PUNCT for char in rest)


def read_txt_book(text: str, fallback_title: str, progress: Callable[[float], None] | None = None) -> TxtBook | None:
    """Read normalised ``text`` as a book, or return ``None`` if it has fewer than :data:`MIN_CHAPTERS` chapters.

    ``progress`` receives the share of chapters repaired so far (it may raise to cancel the import).
    """
    lines = text.split("\n")
    dropped: dict[int, tuple[str, str]] = {}
    _mark_site_lines(lines, dropped)
    headings = _outline(lines, dropped)
    if headings is None:
        return None
    first = headings[0].line if headings else len(lines)
    book = _front_matter(lines[:first], dropped, fallback_title)
    repeated: list[str] = []
    chapters = _chapters(lines, headings, dropped, repeated, progress)
    log = [DroppedLine(index + 1, text, reason) for index, (text, reason) in sorted(dropped.items())]
    log.extend(DroppedLine(0, text, "repeated byline") for text in repeated)
    return TxtBook(book, chapters, log)


def split_blocks(
    blocks: list[SourceBlock],
) -> tuple[list[SourceBlock], list[SourceSection], list[DroppedLine]] | None:
    """Cut a book's blocks (an EPUB without a useful table of contents) into chapters at their headings.

    Returns the front matter, the chapters and the table-of-contents blocks left out, or ``None`` if the blocks
    hold fewer than :data:`MIN_CHAPTERS` chapter headings. Block texts are kept as they are.
    """
    texts = [block.text for block in blocks]
    dropped: dict[int, tuple[str, str]] = {}
    headings = _outline(texts, dropped)
    if headings is None:
        return None
    chapters: list[SourceSection] = []
    volume: str | None = None
    bounds = [h.line for h in headings] + [len(blocks)]
    for heading, end in zip(headings, bounds[1:], strict=True):
        body = [
            block
            for index, block in enumerate(blocks[heading.line + 1 : end], heading.line + 1)
            if index not in dropped
        ]
        title_block = SourceBlock(BlockKind.HEADING, blocks[heading.line].text, BlockRole.TITLE)
        if heading.level is Level.VOLUME:
            volume = heading.title
            if not body:
                continue
        if heading.inside and chapters:
            title_block.role = BlockRole.SUBHEADING
            chapters[-1].blocks.extend([title_block, *body])
            continue
        part = volume if heading.level is Level.CHAPTER else None
        chapters.append(SourceSection(heading.title, [title_block, *body], part=part))
    front = [block for index, block in enumerate(blocks[: headings[0].line]) if index not in dropped]
    log = [DroppedLine(0, text, reason) for _, (text, reason) in sorted(dropped.items())]
    return front, chapters, log


def _outline(lines: list[str], dropped: dict[int, tuple[str, str]]) -> list[_Heading] | None:
    """The book's chapter and volume headings in order, or ``None`` if there are too few chapters for a book."""
    headings = _find_headings(lines, dropped)
    headings = _drop_contents(lines, headings, dropped)
    chapters_found = [h for h in headings if h.level is Level.CHAPTER]
    if sum(h.numbered for h in chapters_found) < MIN_CHAPTERS:
        # No numbered chapters: volumes (卷一…卷四) are the chapters.
        if sum(h.level is Level.VOLUME for h in headings) + len(chapters_found) < MIN_CHAPTERS:
            return None
        for heading in headings:
            heading.level = Level.CHAPTER
    _mark_inner_specials(headings)
    return headings


def drop_site_lines(text: str) -> tuple[str, list[DroppedLine]]:
    """Remove site lines from a txt that is not a book; return the text and the log of what was removed."""
    lines = text.split("\n")
    dropped: dict[int, tuple[str, str]] = {}
    _mark_site_lines(lines, dropped)
    if not dropped:
        return text, []
    kept = "\n".join(line for index, line in enumerate(lines) if index not in dropped)
    return kept, [DroppedLine(index + 1, line, reason) for index, (line, reason) in sorted(dropped.items())]


def _mark_site_lines(lines: list[str], dropped: dict[int, tuple[str, str]]) -> None:
    """Mark site lines, whole notices between rules, and the blank lines around page markers."""
    rules: list[int] = []
    for index, line in enumerate(lines):
        if len(line) > 400:  # a paragraph, not furniture (and keeps the scan fast)
            continue
        reason = site_line_reason(line)
        if reason is not None and reason not in ("rule", "page marker") and _heading(line) is not None:
            continue  # a chapter heading with the site's address in it stays a heading (the address is cut)
        if reason is not None:
            dropped[index] = (line, reason)
            if reason == "rule":
                rules.append(index)
    # A notice fenced by two rules goes whole when a line of it is a site line ("均由网友提供并更新，").
    for start, end in itertools.pairwise(rules):
        inside = range(start + 1, end)
        if 0 < len(inside) <= MAX_NOTICE_LINES and any(
            index in dropped and dropped[index][1] != "rule" for index in inside
        ):
            for index in inside:
                if index not in dropped and lines[index].strip():
                    dropped[index] = (lines[index], "site notice")
    # A page marker splits a paragraph in two: its blank lines go with it, so the halves join again.
    for index, (_line, reason) in list(dropped.items()):
        if reason == "page marker":
            for step in (-1, 1):
                near = index + step
                while 0 <= near < len(lines) and not lines[near].strip() and near not in dropped:
                    dropped[near] = (lines[near], "page marker")
                    near += step


def _find_headings(lines: list[str], dropped: dict[int, tuple[str, str]]) -> list[_Heading]:
    """Find the heading lines and count the Han characters of text under each."""
    headings: list[_Heading] = []
    for index, line in enumerate(lines):
        if index in dropped:
            continue
        if len(line) <= MAX_HEADING_CHARS * 2:
            stripped = line.strip()
            if _TWO_CHAPTERS.search(stripped) and len(stripped) <= MAX_HEADING_CHARS * 3:
                dropped[index] = (line, "table of contents")
                continue
            if _CONTENTS.match(stripped):
                dropped[index] = (line, "table of contents")
                headings.append(_Heading(index, "", Level.CHAPTER, False, contents=True))  # removed below
                continue
            found = _heading(line)
            if found is not None:
                headings.append(_Heading(index, *found))
                continue
        if headings and _ANY_HAN.search(line):
            headings[-1].body_chars += 1  # lines with Chinese text: only "none or some" matters
    return headings


def _drop_contents(lines: list[str], headings: list[_Heading], dropped: dict[int, tuple[str, str]]) -> list[_Heading]:
    """Remove tables of contents: runs of headings without text, and what follows a ``目录`` line."""
    kept: list[_Heading] = []
    run: list[_Heading] = []
    after_contents = False

    def close_run(final: _Heading | None) -> None:
        nonlocal after_contents
        is_toc = len(run) >= MIN_TOC_RUN or (after_contents and run)
        tail: list[_Heading] = []
        if is_toc and final is not None and final.level is Level.CHAPTER:
            # The volume heading right above the first chapter belongs to the book, not to the contents.
            while run and run[-1].level is Level.VOLUME:
                tail.insert(0, run.pop())
        if is_toc:
            for heading in run:
                dropped[heading.line] = (lines[heading.line], "table of contents")
        else:
            kept.extend(run)
        run.clear()
        kept.extend(tail)
        after_contents = False
        if final is not None:
            kept.append(final)

    for index, heading in enumerate(headings):
        if heading.contents:
            close_run(None)
            after_contents = True
            continue
        following = headings[index + 1] if index + 1 < len(headings) else None
        if heading.body_chars == 0 and following is not None and following.title == heading.title:
            dropped[heading.line] = (lines[heading.line], "repeated heading")  # sites print the title twice
            continue
        if heading.body_chars == 0:
            run.append(heading)
            continue
        close_run(heading)
    close_run(None)
    return kept


def _mark_inner_specials(headings: list[_Heading]) -> None:
    """Mark unnumbered headings (尾声, 附录) between numbered chapters as subheadings; 番外 stay chapters."""
    numbered = [index for index, heading in enumerate(headings) if heading.numbered]
    if not numbered:
        return
    for heading in headings[numbered[0] + 1 : numbered[-1]]:
        if not heading.numbered and not heading.title.startswith("番外"):
            heading.inside = True


def _front_matter(lines: list[str], dropped: dict[int, tuple[str, str]], fallback_title: str) -> BookInfo:
    """The book's title, author and blurb from the lines before its first chapter."""
    kept = [line for index, line in enumerate(lines) if index not in dropped]
    stripped = [line.strip().strip("\u3000").strip() for line in kept]
    nonblank = [line for line in stripped if line]
    title = _book_title(nonblank) or _book_title([text for text, _ in dropped.values()]) or fallback_title
    author = None
    for line in nonblank[:8]:
        match = re.search(r"(?:作者|著者|作\s*者)\s*[:：]\s*(.+)$", line) or re.match(
            r"^《[^》]+》\s*(\S{2,12})$", line
        )
        if match:
            author = match.group(1).strip()
            break
    blurb = _blurb(nonblank)
    repaired = repair_text("\n".join(kept)) if nonblank else None
    blocks = [block for article in repaired.articles for block in article.blocks] if repaired else []
    return BookInfo(title, author, blurb, blocks)


def _book_title(lines: list[str]) -> str | None:
    for line in lines[:10]:
        match = re.search(r"《([^》]{1,30})》", line)
        if match:
            return match.group(1).strip()
    for line in lines[:3]:
        if len(line) <= 30 and has_han(line) and not re.search(r"作者|[:：]", line):
            return clean_heading_text(line)
    return None


def _blurb(lines: list[str]) -> str | None:
    """The paragraphs after a 简介 line (or on it, after its colon)."""
    for index, line in enumerate(lines):
        match = re.match(r"^(?:内容|內容|作品|图书|圖書)?(?:简介|簡介|提要|介绍|介紹)\s*[:：]?\s*(.*)$", line)
        if match:
            parts = [match.group(1)] if match.group(1) else []
            parts.extend(lines[index + 1 :])
            text = "\n".join(part for part in parts if part)
            return text or None
    return None


def _chapters(
    lines: list[str],
    headings: list[_Heading],
    dropped: dict[int, tuple[str, str]],
    repeated: list[str],
    progress: Callable[[float], None] | None = None,
) -> list[SourceSection]:
    """One section per chapter heading, its text repaired; volumes become the ``part`` of their chapters.

    ``repeated`` receives what repair left out (a byline printed twice).
    """
    chapters: list[SourceSection] = []
    volume: str | None = None
    bounds = [h.line for h in headings] + [len(lines)]
    for number, (heading, end) in enumerate(zip(headings, bounds[1:], strict=True)):
        if progress is not None:
            progress(number / len(headings))
        body = "\n".join(
            line for index, line in enumerate(lines[heading.line + 1 : end], heading.line + 1) if index not in dropped
        )
        if heading.level is Level.VOLUME:
            volume = heading.title
            if not count_han(body):
                continue
        if heading.volume:
            volume = heading.volume
        inside = heading.inside and bool(chapters)
        role = BlockRole.SUBHEADING if inside else BlockRole.TITLE
        blocks = chapters[-1].blocks if inside else []
        blocks.append(SourceBlock(BlockKind.HEADING, heading.title, role))
        repaired = repair_text(body)
        for article in repaired.articles:
            for block in article.blocks:
                if block.role is BlockRole.TITLE:
                    block.role = BlockRole.SUBHEADING
                blocks.append(block)
        repeated.extend(repaired.dropped)
        if not inside:
            part = volume if heading.level is Level.CHAPTER else None
            chapters.append(SourceSection(heading.title, blocks, part=part))
    return chapters
