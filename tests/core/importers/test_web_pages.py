"""Web pages: the main text (readability), the headline as title, the byline's author and date."""

from __future__ import annotations

import pytest

from reader.core.importers import html_page
from reader.core.importers.html_page import extract_html, is_furniture, is_stamp
from reader.core.importers.source import SourceBlock
from reader.core.model import BlockKind
from tests.core.importer_helpers import PARAGRAPHS

pytestmark = pytest.mark.core

SIDEBAR = "".join(f'<li><a href="/n{i}">热门文章标题第{i}篇很长很长的链接</a></li>' for i in range(20))


def page(head: str, article: str) -> str:
    """A news page: site header, a sidebar of links, the article, share buttons and a footer."""
    return (
        f"<html><head>{head}</head><body>"
        '<div class="header"><a href="/">新闻首页</a> | <a href="/tech">科技</a></div>'
        f'<div class="side"><h3>相关报道：</h3><ul>{SIDEBAR}</ul></div>'
        f'<div class="content">{article}</div>'
        '<div class="share">分享到：微博 微信 您此时的心情 1 2 3</div>'
        '<div class="copyright">版权所有 © 2024 示例新闻网</div></body></html>'
    )


ARTICLE = "<h1>工业互联网发展迈上新台阶</h1><p>2024年3月5日 10:30 来源：新华网 作者：李明</p>" + "".join(
    f"<p>{text}</p>" for text in PARAGRAPHS
)


def test_main_text_leaves_out_the_furniture() -> None:
    result = extract_html(page("<title>工业互联网发展迈上新台阶_示例新闻网</title>", ARTICLE), name="x", page=True)
    texts = [block.text for block in result.blocks.blocks]
    assert all(paragraph in texts for paragraph in PARAGRAPHS)
    assert not any("心情" in text or "版权所有" in text or "热门文章" in text for text in texts)


@pytest.mark.parametrize(
    ("head", "title"),
    [
        ("<title>工业互联网发展迈上新台阶_示例新闻网</title>", "工业互联网发展迈上新台阶"),  # site name after
        ("<title>示例新闻网 | 工业互联网发展迈上新台阶</title>", "工业互联网发展迈上新台阶"),  # site name first
        ("<title>示例新闻网</title>", "示例新闻网"),  # no headline in <title>: the sidebar's 相关报道 is not taken
    ],
)
def test_title_is_the_headline(head: str, title: str) -> None:
    assert extract_html(page(head, ARTICLE), name="x", page=True).title == title


@pytest.mark.parametrize(
    ("byline", "author", "date"),
    [
        ("<p>2024年3月5日 10:30 来源：新华网 作者：李明</p>", "李明", "2024年3月5日 10:30"),
        ("<p>（中央社記者邱俊欽桃園19日電）2016/03/19 10:48</p>", "邱俊欽", "2016/03/19 10:48"),
        ("<p>新华社记者王强北京12日电 2024-03-12</p>", "王强", "2024-03-12"),
    ],
)
def test_byline(byline: str, author: str, date: str) -> None:
    article = "<h1>工业互联网发展迈上新台阶</h1>" + byline + "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    result = extract_html(page("<title>工业互联网发展迈上新台阶</title>", article), name="x", page=True)
    assert (result.author, result.date) == (author, date)


def test_author_meta_that_is_a_link_is_not_an_author() -> None:
    head = '<title>工业互联网发展迈上新台阶</title><meta name="author" content="https://www.facebook.com/news">'
    assert extract_html(page(head, ARTICLE), name="x", page=True).author == "李明"


@pytest.mark.parametrize(
    ("line", "stamp"),
    [
        ("2005-03-21 01:20:44", True),  # a blog post's date and time on a line of its own
        ("〓网易娱乐明星话题发布时间2005/03/15 22:36:13 by duscha〓", True),  # a forum reply's footer
        ("旅行中，谁忽悠了你？【新闻频道版主】08-11 16:06 298字[4321/87]", True),  # a listed reply: month-day only
        ("海姑娘写于2005年3月16日 10:30", True),  # 年月日 and a time
        ("发表时间：2004-12-11 9:51:00", True),  # a one-digit hour
        ("第三场(c)：12月12日上午8:00-10:00", False),  # a programme's time range, not a stamp
        ("第四场：12月12日 10:15-12:15", False),  # a range right after the date
        ("2017年2月17日，山东省聊城市中级法院一审以故意伤害罪判处于欢无期徒刑。", False),  # a sentence, no time
        ("2016年4月14日晚10:30，苏银霞在工厂接待室被高利贷催债人员侮辱。", False),  # a sentence that ends
        ("2005年3月16日", False),  # a date without a time of day (a diary's heading)
        ("比分 3-2 10:15 开球" * 8, False),  # too long for a stamp line
    ],
)
def test_stamp_lines(line: str, stamp: bool) -> None:
    assert is_stamp(SourceBlock(BlockKind.PARAGRAPH, line)) is stamp


def _listing(posts: list[str], *, stamp_first: bool) -> str:
    """A page listing posts, each stamped with a date and time above it (a blog) or below it (a forum)."""
    parts = []
    for number, text in enumerate(posts):
        stamp = f'<div class="date">2005-03-{21 - number:02d} 01:20:44</div>'
        title = f"<div class='title'>第{number + 1}篇日记</div>"
        body = f"<div class='body'><p>{text}</p></div>"
        parts.append(title + stamp + body if stamp_first else body + stamp)
    return f"<html><head><title>海姑娘的博客</title></head><body>{''.join(parts)}</body></html>"


POSTS = [PARAGRAPHS[0] + PARAGRAPHS[1], PARAGRAPHS[3] * 4, PARAGRAPHS[4] * 2, PARAGRAPHS[5] * 2]


@pytest.mark.parametrize("stamp_first", [True, False])
def test_a_listing_of_posts_keeps_its_first_post(stamp_first: bool) -> None:
    # Readability picks the longest post; the page is about its first (newest) post, or the thread's question.
    texts = [b.text for b in extract_html(_listing(POSTS, stamp_first=stamp_first), name="x", page=True).blocks.blocks]
    assert PARAGRAPHS[0] + PARAGRAPHS[1] in texts
    assert not any(PARAGRAPHS[3] in text or PARAGRAPHS[5] in text for text in texts)
    assert not any("2005-03" in text for text in texts)


def test_an_article_with_comments_keeps_the_article_without_its_byline_stamp() -> None:
    comments = "".join(
        f"<div class='c'><span>网友{i}</span> 2024-03-0{i} 12:0{i}</div><p>说得好{i}</p>" for i in range(1, 5)
    )
    # A lead above the byline: the byline's stamp names the source, so it does not end a "post".
    article = (
        "<h1>工业互联网发展迈上新台阶</h1><p>核心提示：" + PARAGRAPHS[2] + PARAGRAPHS[1] + "</p>"
        "<p>2024-03-05 10:30 来源：新华网</p>" + "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    )
    html = f"<html><head><title>工业互联网</title></head><body><div>{article}</div><div>{comments}</div></body></html>"
    texts = [b.text for b in extract_html(html, name="x", page=True).blocks.blocks]
    assert all(paragraph in texts for paragraph in PARAGRAPHS)
    assert not any("说得好" in text or "来源" in text for text in texts)


def test_a_news_page_with_one_dated_byline_is_not_a_listing() -> None:
    texts = [b.text for b in extract_html(page("<title>x</title>", ARTICLE), name="x", page=True).blocks.blocks]
    assert all(paragraph in texts for paragraph in PARAGRAPHS)


def test_an_unclosed_bookmark_anchor_is_not_a_link(monkeypatch: pytest.MonkeyPatch) -> None:
    # An old forum page leaves <a name=top1> open; the parser reopens it in every later block, so the post's
    # text sits inside an anchor that links nowhere and must not be dropped as navigation. Readability fails
    # on some pages: the page's own structure must then keep the post.
    monkeypatch.setattr(html_page, "_readability_blocks", lambda html: None)
    post = "".join(f"<div><p>{text}<br>◎导演 韦廉</p></div>" for text in PARAGRAPHS)  # a block ending unfinished
    html = f"<html><head><title>论坛</title></head><body><div><a name=top1>第 1 楼</div>{post}</body></html>"
    texts = " ".join(b.text for b in extract_html(html, name="x", page=True).blocks.blocks)
    assert all(paragraph in texts for paragraph in PARAGRAPHS)


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("云南日报报业集团版权所有，未经许可不得转载", True),  # a copyright line
        ("云南日报网滇ICP备11000491号-1 ® yndaily.com All Rights Reserved since 1999.", True),  # a licence line
        ("Copyright © 2024 示例新闻网", True),  # Latin copyright
        ("中央社版權所有，非經同意嚴禁轉載", True),  # traditional characters
        ("举报电话：0871-64166935；举报邮箱：jubao@yunnan.cn", True),  # the complaints line
        ("分享到：", True),  # a share bar's label, its buttons gone with the images
        ("相关新闻", True),  # the heading of a list of links
        ("上一篇：工业互联网发展迈上新台阶", True),  # the previous-article link line
        ("著作权法规定，作者对其作品版权所有，他人不得转载。", False),  # a sentence of the article
        ("相关部门表示将加强监管", False),  # 相关 starting a line of text
        ("分享经济在中国", False),  # 分享 starting a headline
    ],
)
def test_furniture_lines(line: str, furniture: bool) -> None:
    assert is_furniture(SourceBlock(BlockKind.PARAGRAPH, line)) is furniture
