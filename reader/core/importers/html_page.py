"""Extract the readable text of a web page, an EPUB chapter or rendered Markdown as headings and paragraphs.

Parsing uses selectolax's Lexbor HTML5 parser, which never runs scripts, fetches nothing and expands no custom
entities. The tree is walked without recursion (a page may nest thousands of elements) and without changing it.

* Always dropped: scripts, styles, ``<template>``, embedded objects, form controls, ruby annotations
  (``<rt>``/``<rp>``: the pinyin a page puts over characters would otherwise land inside the text) and ``<nav>``.
* In a whole web page (``page=True``) the main text is chosen too. readability-lxml (Mozilla Readability's
  scoring) picks the article's element; its blocks are used unless they are a scrap of the page (under 30 % and
  under 200 Chinese characters of what the page's own structure gives, and not led by the headline), when the
  page's own structure serves: the largest ``<article>``/``<main>`` if it holds at least half of the page's
  Chinese, else the body. Either way headers, footers, asides, forms and elements whose class or id names them as
  navigation, menus, comments, sharing or adverts are skipped unless they hold most of the text, and lines that are
  mostly link text and do not end a sentence (menus, "上一章 目录 下一章") are dropped. A page that stamps several
  posts with a date and time (a blog's home page, a forum thread, an article with its comments) keeps its first
  post only, and short stamp lines are dropped (see :func:`first_post`), as are short furniture lines (copyright
  and licence lines, a share bar's label, "相关新闻" over a list of links: :func:`is_furniture`). An ``<a>``
  without ``href`` is a bookmark, not a link. readability-lxml was chosen
  over trafilatura by measuring both on 69 hand-marked Chinese pages (bench/RESULTS.md, "Web pages").
* The title is the article's headline: the heading (or title-named element) nearest above the article that
  shares most of its character pairs with ``<title>`` (which adds the site's name); the author and date come
  from ``<meta>`` tags, else from a byline (``作者：``, ``记者…电``) and the first date on the page.
* Every block element (``<p>``, ``<div>``, ``<li>``, table cells…) ends a paragraph, and so do ``<br><br>``
  (Chinese pages often hold a whole chapter in one ``<div>`` with ``<br><br>`` between paragraphs) and a single
  ``<br>`` after a sentence or a short line (verse, addresses); a single ``<br>`` in the middle of a long
  sentence is a hard wrap and is joined (see :meth:`.blocks.BlockList.add_lines`). ``<h1>``–``<h6>`` become
  headings; lines of ``<pre>`` become paragraphs.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from readability import Document as ReadabilityDocument
from selectolax.lexbor import LexborHTMLParser, LexborNode

from reader.core.errors import InputError
from reader.core.model import BlockKind
from reader.core.repair import ends_sentence

from .blocks import BlockList, clean_block_text, clean_heading_text, clean_title
from .source import SourceBlock

#: Deeper nesting than this is refused: Lexbor's tree building slows down with the square of the depth
#: (40,000 nested ``<div>`` take 1.6 s, 100,000 take 14 s) and browsers stop nesting at a few hundred levels.
MAX_NESTING = 10_000
#: A block whose text is at least this share link text, and that does not end a sentence, is navigation.
LINK_DENSITY = 0.5

_DROP_ALWAYS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "canvas",
        "head",
        "rt",
        "rp",
        "audio",
        "video",
        "img",
        "picture",
        "input",
        "textarea",
        "select",
        "button",
        "option",
        "datalist",
        "meta",
        "link",
        "map",
        "area",
        "nav",
        "noembed",
        "noframes",
        "xmp",
    ]
)
_DROP_IN_PAGE = frozenset(["aside", "footer", "form", "dialog", "menu", "header"])
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "ul",
    ]
)
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_BOILERPLATE_WORD = re.compile(
    r"^(nav|navbar|navigation|menu|sidebar|breadcrumbs?|crumbs?|comments?|share|sharing|social|ads?|advert|"
    r"advertisement|banner|related|recommend|pagination|pager|copyright|footer|toolbar|cookies?|login|"
    r"subscribe|popup|modal)$"
)
_CONTAINERS = re.compile(
    r"<(/?)(div|section|article|aside|main|nav|header|footer|blockquote|ul|ol|dl|fieldset|figure|details|"
    r"address|center|menu|dir|form|table)\b",
    re.IGNORECASE,
)
#: XHTML writes empty raw-text elements as ``<title/>``; an HTML parser would read the rest of the file into them.
_SELF_CLOSED_RAW = re.compile(
    r"<(title|script|style|textarea|iframe|noscript|xmp|noembed|noframes)(\s[^<>]*)?/>", re.IGNORECASE
)
_SOURCE_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TITLE_SEPARATORS = re.compile(r"\s*(?:[|｜_]|\s[-–—]\s|——|－)\s*")
_MAIN_SELECTORS = ("article", "main", "[role=main]", "[itemprop=articleBody]")
#: Readability's main text is used if it holds at least this share of the Chinese the page's structure gives.
READABILITY_MIN_SHARE = 0.3
#: …or at least this many Chinese characters (a whole article, even on a page full of other text).
READABILITY_ENOUGH = 200
#: A headline is at most this long, and at most this many characters (without spaces) above the article.
MAX_HEADLINE_CHARS = 80
HEADLINE_REACH = 3000
HEADLINE_TITLE_OVERLAP = 0.6
_HEADLINE_SELECTORS = "h1, h2, h3, [class*=title], [id*=title], [class*=Title], [id*=Title], strong, b, font"
_DATE = re.compile(
    r"(?:19|20)\d{2}(?:\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|([-/.])\d{1,2}\1\d{1,2}(?![\d/]))"
    r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
)
#: A news dateline names its reporter: "（中央社記者邱俊欽桃園19日電）", "新华社记者王强北京12日电".
_DATELINE = re.compile(r"[记記]者([\u4e00-\u9fff]{2,3})[\u4e00-\u9fff]{2,4}\d{1,2}日[电電]")
_AUTHOR = re.compile(r"(?:作者|文|记者|記者|撰文|編輯|编辑|责任编辑|責任編輯)\s*[:：/]\s*([\u4e00-\u9fff·]{2,8})")


@dataclass(slots=True)
class HtmlText:
    """What :func:`extract_html` found: the page title (``None`` if it has none) and the blocks of its text."""

    title: str | None
    blocks: BlockList = field(default_factory=BlockList)
    author: str | None = None
    date: str | None = None


def extract_html(html: str, *, name: str, page: bool) -> HtmlText:
    """Return the title and the headings and paragraphs of ``html``.

    ``page`` selects web-page mode (main text only, navigation dropped); without it every text of the body is
    kept (EPUB chapters, rendered Markdown). Raises :class:`InputError` for absurdly deep nesting.
    """
    check_nesting(html, name)
    html = _SELF_CLOSED_RAW.sub(r"<\1\2></\1>", html)
    tree = LexborHTMLParser(html)
    title = page_title(tree)
    body = tree.body
    result = HtmlText(title)
    if body is None:
        return result
    root = _main_root(tree, body) if page else body
    walker = _Walker(result.blocks, page, _han_count(_visible_text(root)), root)
    walker.walk(root)
    if page:
        result.blocks = _main_blocks(tree, html, result.blocks)
        result.title = headline(tree, result.blocks) or result.title
        result.author, result.date = page_byline(tree, result.blocks)
    return result


def _main_blocks(tree: LexborHTMLParser, html: str, own: BlockList) -> BlockList:
    """The page's main text: readability's article unless it is a scrap, cut to the first post of a listing."""
    readable = _readability_blocks(html)
    own_han = sum(_han_count(block.text) for block in own.blocks)
    found = sum(_han_count(block.text) for block in readable.blocks) if readable else 0
    # Readability finds the article more precisely; when it keeps only a scrap of what the page's own
    # structure gives (it picked a caption or one comment), the page's own main text is the safer choice.
    # Measured on 69 hand-marked pages (bench/RESULTS.md, "Web pages").
    chosen = own
    if readable is not None and (
        found >= READABILITY_MIN_SHARE * own_han or found >= READABILITY_ENOUGH or _tells_title(tree, readable)
    ):
        chosen = readable
    first = first_post(chosen)
    if first is not None:
        return first
    own_first = first_post(own)
    # Readability takes the longest post of a blog's home page; the page's subject is its first (newest) post.
    if own_first is not None and not _within(chosen, own_first):
        return own_first
    return without_stamps(chosen)


#: A site's furniture line: a copyright or licence line, a share bar's label, the heading of a list of links.
_FURNITURE_LINE = re.compile(
    r"ICP[备備证證]|[版著]权所有|[版著]權所有|[Cc]opyright|©|All Rights Reserved|许可证编号|許可證編號|公网安备|"
    r"公網安備|举报(?:电话|邮箱)|檢舉(?:電話|信箱)|(?:不得|禁止|严禁|嚴禁)(?:转载|轉載)|"
    r"^(?:分享(?:到|至)?|相关(?:阅读|新闻|文章|报道|链接)|相關(?:閱讀|新聞|文章|報導|連結)|热门推荐|熱門推薦|"
    r"推荐(?:阅读|文章)|推薦(?:閱讀|文章)|延伸(?:阅读|閱讀)|猜你喜欢|更多精彩内容|上一篇|下一篇)\s*(?:[:：]|$)"
)
#: Furniture lines are short; a longer paragraph that mentions copyright is the article's text.
MAX_FURNITURE_CHARS = 100


def is_furniture(block: SourceBlock) -> bool:
    """True if ``block`` is a short line of the site's furniture (copyright, licence, share bar, list heading)."""
    text = block.text
    return (
        len(_squash_text(text)) <= MAX_FURNITURE_CHARS
        and not ends_sentence(text)
        and _FURNITURE_LINE.search(text) is not None
    )


def _within(inner: BlockList, outer: BlockList) -> bool:
    """True if most of the Chinese characters of ``inner`` are found in ``outer``."""
    inner_han = Counter(_HAN.findall("".join(block.text for block in inner.blocks)))
    outer_han = Counter(_HAN.findall("".join(block.text for block in outer.blocks)))
    return sum((inner_han & outer_han).values()) >= 0.8 * sum(inner_han.values())


#: A date with a time of day, as a post, a comment or a listed teaser is stamped ("2005-03-21 01:20:44",
#: "08-11 16:06", "2005年3月16日 10:30"); a time range ("8:00-10:00") is a programme, not a stamp.
_STAMP = re.compile(
    r"(?:(?:19|20)\d{2}\s*(?:[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}|年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)"
    r"|\d{1,2}\s*月\s*\d{1,2}\s*日|(?<![\d/.:-])\d{1,2}-\d{1,2}(?=\s))\s*\d{1,2}[:：]\d{2}(?!\d)"
    r"(?!\s*[-–—~～至到]\s*\d)"
)
#: A stamp that names the article's source or reporter is the article's byline: it does not end a post.
_BYLINE = re.compile(r"来源|來源|稿源|出处|出處|记者|記者|编辑|編輯|责编|責編|通讯员|通訊員")
#: A stamp line is short: the stamp with a name, a title or a reply count around it.
MAX_STAMP_CHARS = 60
#: A page with this many stamp lines lists posts (a blog's home page, a forum thread, an article's comments).
MIN_LISTING_STAMPS = 3
#: A post worth reading as the page's main text holds at least this many Chinese characters.
MIN_POST_HAN = 100


def is_stamp(block: SourceBlock) -> bool:
    """True if ``block`` is a short line that dates a post, a comment or a listed teaser (and says nothing else)."""
    text = block.text
    return (
        block.kind is BlockKind.PARAGRAPH
        and len(_squash_text(text)) <= MAX_STAMP_CHARS
        and not ends_sentence(text)
        and _STAMP.search(text) is not None
    )


def without_stamps(blocks: BlockList) -> BlockList:
    """Return ``blocks`` without their stamp lines (see :func:`is_stamp`) and furniture lines (:func:`is_furniture`)."""
    kept = BlockList()
    kept.blocks = [block for block in blocks.blocks if not is_stamp(block) and not is_furniture(block)]
    return kept


def first_post(blocks: BlockList) -> BlockList | None:
    """The first post of a page that lists posts, or ``None`` if ``blocks`` do not list posts.

    A blog's home page, a forum thread and an article followed by its comments stamp every post with a date and
    time, above it (blogs) or below it (many forums). The stamps cut the text into segments; the first segment
    with at least :data:`MIN_POST_HAN` Chinese characters is the post the page is about (the newest post, the
    thread's question, the article). Stamp lines that name a source or a reporter are bylines and cut nothing.
    """
    segments: list[list[SourceBlock]] = [[]]
    stamps = 0
    for block in blocks.blocks:
        if not is_stamp(block):
            segments[-1].append(block)
            continue
        stamps += 1
        if not _BYLINE.search(block.text):
            segments.append([])
    if stamps < MIN_LISTING_STAMPS:
        return None
    post = next((s for s in segments if sum(_han_count(b.text) for b in s) >= MIN_POST_HAN), None)
    if post is None:
        return None
    kept = BlockList()
    kept.blocks = [block for block in post if not is_furniture(block)]
    return kept


def _tells_title(tree: LexborHTMLParser, blocks: BlockList) -> bool:
    """True if ``blocks`` start with the page's headline (a heading named in its ``<title>``): a short news item."""
    if not blocks.blocks or blocks.blocks[0].kind is not BlockKind.HEADING:
        return False
    first = _pairs(blocks.blocks[0].text)
    return bool(first) and len(first & _pairs(_named_title(tree))) >= HEADLINE_TITLE_OVERLAP * len(first)


def _named_title(tree: LexborHTMLParser) -> str:
    """The page's ``<title>`` and ``og:title`` texts."""
    title_node = tree.css_first("title")
    og = tree.css_first('meta[property="og:title"]')
    named = (title_node.text(deep=True) if title_node is not None else "") or ""
    return named + ((og.attributes.get("content") or "") if og is not None else "")


def headline(tree: LexborHTMLParser, blocks: BlockList) -> str | None:
    """The article's headline: the last heading (or element named as a title) before its first paragraph.

    A page's ``<title>`` often carries the site or section name instead (``网易娱乐``, ``世艺网>艺术教育``); the
    headline is what the page shows above the article.
    """
    if tree.body is None:
        return None
    first = next((b.text for b in blocks.blocks if b.kind is BlockKind.PARAGRAPH and _han_count(b.text) >= 10), None)
    if first is None:
        return None
    page = _squash_text(tree.body.text(deep=True) or "")  # in document order (scripts included: harmless)
    start = page.find(_squash_text(first)[:20])
    if start < 0:
        return None
    named_pairs = _pairs(_named_title(tree))
    best: tuple[tuple[int, int], str] | None = None
    for node in tree.css(_HEADLINE_SELECTORS):
        text = clean_heading_text(node.text(deep=True) or "")
        if not (4 <= len(text) <= MAX_HEADLINE_CHARS) or not _han_count(text) or text[-1] in "。；，,":
            continue
        pairs = _pairs(text)
        # The page names its article in <title> (with the site's name): a heading that shares most of its
        # character pairs with it is the headline, not a sidebar's "相关报道".
        if not pairs or len(pairs & named_pairs) < HEADLINE_TITLE_OVERLAP * len(pairs):
            continue
        position = page.rfind(_squash_text(text), max(0, start - HEADLINE_REACH), start + 1)
        # The fullest match wins ("房产投资", a section name, shares all its pairs too), then the nearest.
        score = (len(pairs & named_pairs), position)
        if position >= 0 and (best is None or score > best[0]):
            best = (score, text)
    return clean_title(best[1]) if best else None


def _pairs(text: str) -> set[str]:
    han = _HAN.findall(text)
    return {a + b for a, b in itertools.pairwise(han)}


def _squash_text(text: str) -> str:
    return "".join(text.split())


def _readability_blocks(html: str) -> BlockList | None:
    """The main text as readability-lxml (Mozilla Readability's scoring) finds it, or ``None`` if it fails."""
    try:
        summary = ReadabilityDocument(html).summary(html_partial=True)
    except Exception:  # readability raises lxml and its own errors on odd pages: the page's structure serves
        return None
    tree = LexborHTMLParser(summary)
    root = tree.body
    if root is None:
        return None
    blocks = BlockList()
    _Walker(blocks, True, _han_count(_visible_text(root)), root).walk(root)
    return blocks


def page_byline(tree: LexborHTMLParser, blocks: BlockList) -> tuple[str | None, str | None]:
    """The article's author and date from the page's metadata, else from the lines around its headline."""
    author = _meta(tree, ("author", "article:author", "byl", "dc.creator"))
    date = _meta(tree, ("article:published_time", "pubdate", "publishdate", "date", "dc.date", "og:pubdate"))
    body = tree.body
    head = " ".join((body.text(deep=True, separator=" ") or "").split())[:20000] if body is not None else ""
    if date is None:
        match = _DATE.search(head)
        date = match.group(0) if match else None
    if author is not None and (re.search(r"https?:|www\.|\.com|/", author) or not _han_count(author)):
        author = None  # a profile link or the site software's credit ("Discuz! Team"), not the article's author
    if author is None:
        match = _AUTHOR.search(head) or _DATELINE.search(head)
        author = match.group(1) if match else None
    return (author.strip() if author else None), (date.strip() if date else None)


def _meta(tree: LexborHTMLParser, names: tuple[str, ...]) -> str | None:
    for node in tree.css("meta"):
        key = (node.attributes.get("name") or node.attributes.get("property") or "").lower()
        content = node.attributes.get("content")
        if key in names and content and content.strip():
            return content
    return None


def check_nesting(html: str, name: str) -> None:
    """Refuse markup whose container elements nest deeper than :data:`MAX_NESTING` (counted naively)."""
    depth = deepest = 0
    for match in _CONTAINERS.finditer(html):
        depth = max(0, depth - 1) if match.group(1) else depth + 1
        deepest = max(deepest, depth)
        if deepest > MAX_NESTING:
            raise InputError(f"{name} nests its elements over {MAX_NESTING:,} levels deep; Reader refuses it.")


def page_title(tree: LexborHTMLParser) -> str | None:
    """The page's title: an ``<h1>`` repeated in ``<title>``, ``og:title``, or ``<title>`` without the site name."""
    title_node = tree.css_first("title")
    title = clean_heading_text(title_node.text(deep=True) or "") if title_node is not None else ""
    for heading in tree.css("h1")[:5]:
        text = clean_heading_text(heading.text(deep=True) or "")
        if text and title and text in title:
            return clean_title(text)
    og = tree.css_first('meta[property="og:title"]')
    og_title = og.attributes.get("content") if og is not None else None
    if og_title and og_title.strip():
        return clean_title(og_title)
    if title:
        parts = [part for part in _TITLE_SEPARATORS.split(title) if part.strip()]
        return clean_title(parts[0] if parts and len(parts[0]) >= 2 else title)
    return None


def _han_count(text: str) -> int:
    return len(_HAN.findall(text))


def _main_root(tree: LexborHTMLParser, body: LexborNode) -> LexborNode:
    """The element holding the page's main text: the largest article/main element if it holds enough of it."""
    body_han = _han_count(_visible_text(body))
    best, best_han = body, 0
    for selector in _MAIN_SELECTORS:
        for node in tree.css(selector):
            han = _han_count(_visible_text(node))
            if han > best_han:
                best, best_han = node, han
    return best if best_han >= 0.5 * body_han and best_han > 0 else body


def _visible_text(node: LexborNode) -> str:
    """The text of ``node`` without the text of scripts and styles (good enough for comparing sizes)."""
    parts: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.tag == "-text":
            parts.append(current.text_content or "")
        elif current.tag not in _DROP_ALWAYS:
            stack.extend(current.iter(include_text=True))
    return "".join(parts)


def _is_link(tag: str, node: LexborNode) -> bool:
    """True if ``node`` is a link: an ``<a>`` with an ``href``.

    An anchor without one is a bookmark (``<a name=top1>``); left unclosed on an old forum page, the HTML parser
    reopens it in every later block, and counting it as a link dropped the whole thread as navigation.
    """
    return tag == "a" and "href" in node.attributes


class _Walker:
    """Walks a tree depth-first (with an explicit stack) and collects blocks of text."""

    def __init__(self, blocks: BlockList, page: bool, root_han: int, root: LexborNode) -> None:
        self.blocks = blocks
        self.page = page
        self.root_han = root_han
        self.root = root
        self.parts: list[str] = []
        self.link_chars = 0
        self.depth = {"a": 0, "pre": 0, "heading": 0}

    def walk(self, root: LexborNode) -> None:
        """Collect the blocks of ``root`` and everything under it."""
        stack: list[tuple[LexborNode, bool]] = [(root, False)]
        while stack:
            node, leaving = stack.pop()
            tag = node.tag or ""
            if leaving:
                self._leave(tag, node)
                continue
            if tag == "-text":
                self._text(node.text_content or "")
                continue
            if tag.startswith("-") or self._skipped(node, tag):
                continue
            if tag == "br":
                self.parts.append("\n")
                continue
            if tag == "hr":
                self.flush()
                continue
            self._enter(tag, node)
            stack.append((node, True))
            children = list(node.iter(include_text=True))
            stack.extend((child, False) for child in reversed(children))
        self.flush()

    def _skipped(self, node: LexborNode, tag: str) -> bool:
        """True if ``node`` and everything under it is left out."""
        if tag in _DROP_ALWAYS:
            return True
        if not self.page or node is self.root:
            return False
        if tag not in _DROP_IN_PAGE and not self._named_boilerplate(node):
            return False
        # A page that wraps its whole text in <div class="content sidebar-layout"> must not lose it.
        return _han_count(_visible_text(node)) < 0.5 * self.root_han or self.root_han == 0

    @staticmethod
    def _named_boilerplate(node: LexborNode) -> bool:
        attributes = node.attributes
        names = f"{attributes.get('class') or ''} {attributes.get('id') or ''} {attributes.get('role') or ''}"
        return any(_BOILERPLATE_WORD.match(word) for word in re.split(r"[\s_-]+", names.lower()) if word)

    def _enter(self, tag: str, node: LexborNode) -> None:
        if tag in _BLOCK_TAGS:
            self.flush()
        if _is_link(tag, node):
            self.depth["a"] += 1
        elif tag == "pre":
            self.depth["pre"] += 1
        elif tag in _HEADINGS:
            self.depth["heading"] += 1

    def _leave(self, tag: str, node: LexborNode) -> None:
        if tag in _BLOCK_TAGS:
            self.flush()
        if _is_link(tag, node):
            self.depth["a"] -= 1
        elif tag == "pre":
            self.depth["pre"] -= 1
        elif tag in _HEADINGS:
            self.depth["heading"] -= 1

    def _text(self, text: str) -> None:
        if self.depth["pre"]:
            lines = text.split("\n")
            for line in lines[:-1]:
                self._append(line)
                self.flush()
            self._append(lines[-1])
        else:
            self._append(text)

    def _append(self, text: str) -> None:
        # Line breaks in the HTML source are spaces; only <br> breaks a line.
        self.parts.append(_SOURCE_WHITESPACE.sub(" ", text))
        if self.depth["a"]:
            self.link_chars += len(text.strip())

    def flush(self) -> None:
        """End the current block: add its text as a heading or paragraph unless it is navigation."""
        text = "".join(self.parts)
        link_chars, self.parts, self.link_chars = self.link_chars, [], 0
        heading = self.depth["heading"] > 0
        cleaned = clean_block_text(text)
        if not cleaned:
            return
        if self.page and not heading and link_chars >= LINK_DENSITY * len(cleaned) and not ends_sentence(cleaned):
            return
        if heading:
            self.blocks.add(text, heading=True)
        else:
            self.blocks.add_lines(text)
