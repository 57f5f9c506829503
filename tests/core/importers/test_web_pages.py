"""Web pages: the main text (readability), the headline as title, the byline's author and date."""

from __future__ import annotations

import pytest

from reader.core.importers.html_page import extract_html
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
