"""Publicity: news posts (Material's blog) with categories and an RSS feed, the policy
section with the work plan, the participation page; sections with no content are
left out of the build and the log says so; a bad post is reported, not published."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from conftest import build, run_script, tree_hash
from staffsite import SITE_URL, add_docs, configure

GOOD_POST = "---\ndate: 2021-03-15\ncategories:\n  - 工作进展\nslug: progress\n---\n\n# 测试动态\n\n正文。\n"


def _nav(html: str) -> list[str]:
    return re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', html)


def _reachable(site) -> None:
    """The shipped participation page names no one to contact yet; issue 14 publishes it only with a contact."""
    page = site / "docs" / "participation.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n受理电话:0393-1234567\n", encoding="utf-8")


def test_shipped_sections_publish_news_with_categories_and_feed(base_site, tmp_path):
    add_docs(base_site, "news", "policy", "participation.md", "self-assessment.md")
    _reachable(base_site)
    configure(base_site, f"site_url: {SITE_URL}")
    before = tree_hash(base_site / "docs")
    result = build(base_site, tmp_path / "out", strict=True)
    assert result.ok, result.error
    out = tmp_path / "out"
    news = result.page("news/index.html")
    assert "市法治政府建设领导小组印发《濮阳市法治政府建设示范市创建工作方案》" in news
    assert "解读:创建申报要交哪些材料" in news
    assert (out / "news/2020/12/22/work-plan-issued/index.html").is_file()
    assert (out / "news/category/工作部署/index.html").is_file() and (out / "news/category/政策解读/index.html").is_file()
    feed = ET.parse(out / "feed_rss_created.xml").getroot()
    items = {i.findtext("title"): i for i in feed.iter("item")}
    assert len(items) == 2
    issued = items["市法治政府建设领导小组印发《濮阳市法治政府建设示范市创建工作方案》"]
    assert issued.findtext("link") == f"{SITE_URL}news/2020/12/22/work-plan-issued/"
    assert "22 Dec 2020" in issued.findtext("pubDate") and issued.findtext("category") == "工作部署"
    assert 'href="../feed_rss_created.xml"' in news, "the news page links to its feed"
    assert "濮法政〔2020〕6号" in result.page("policy/work-plan/index.html")
    assert "满意度测评" in result.page("participation/index.html")
    nav = _nav(result.page("index.html"))
    assert [n for n in nav if n in ("创建动态", "政策文件", "群众参与", "自评报告")] == ["创建动态", "政策文件", "群众参与"]
    assert tree_hash(base_site / "docs") == before, "the blog wrote nothing into docs/"


def test_news_without_site_url_builds_without_feed(base_site, tmp_path):
    add_docs(base_site, "news")
    result = build(base_site, tmp_path / "out", strict=True)
    assert result.ok, result.error
    assert (tmp_path / "out/news/index.html").is_file()
    assert not (tmp_path / "out/feed_rss_created.xml").exists()
    assert "feed_rss_created.xml" not in result.page("news/index.html")


def test_sections_with_no_content_are_not_published(base_site, tmp_path):
    docs = base_site / "docs"
    (docs / "news" / "posts").mkdir(parents=True)
    (docs / "news" / "index.md").write_text("# 创建动态\n\n本栏目介绍创建工作的进展。\n", encoding="utf-8")
    (docs / "news" / "posts" / "draft.md").write_text(GOOD_POST.replace("---\n\n", "draft: true\n---\n\n"), encoding="utf-8")
    (docs / "participation.md").write_text("# 群众参与\n\n<!-- 待写 -->\n\n## 反映问题\n", encoding="utf-8")
    add_docs(base_site, "policy")
    configure(base_site, f"site_url: {SITE_URL}")
    before = tree_hash(docs)
    result = build(base_site, tmp_path / "out", strict=True)
    assert result.ok, result.error
    out = tmp_path / "out"
    assert not (out / "news").exists() and not (out / "participation").exists()
    assert not (out / "feed_rss_created.xml").exists()
    assert (out / "policy/work-plan/index.html").is_file()
    nav = _nav(result.page("index.html"))
    assert "政策文件" in nav and "创建动态" not in nav and "群众参与" not in nav
    infos = [m for m in result.messages() if "还没有内容,本次构建不发布" in m]
    assert len(infos) == 2
    assert any("栏目“创建动态”(docs/news/)" in m for m in infos)
    assert any("栏目“群众参与”(docs/participation.md)" in m for m in infos)
    assert "news/posts" not in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert tree_hash(docs) == before


def test_a_post_with_an_unknown_category_is_reported_and_left_out(base_site, tmp_path):
    add_docs(base_site, "news")
    bad = base_site / "docs/news/posts/bad.md"
    bad.write_text(GOOD_POST.replace("工作进展", "工作动态").replace("progress", "bad"), encoding="utf-8")
    check = run_script("check.py", base_site)
    assert check.returncode == 1
    [line] = [x for x in check.stdout.splitlines() if x.startswith("【错误】")]
    assert line.startswith("【错误】docs/news/posts/bad.md 第4行 字段 categories 第1项:分类“工作动态”不是规定的分类")
    assert "工作部署、政策解读、工作进展、成效经验" in line
    draft = build(base_site, tmp_path / "out")
    assert draft.ok, draft.error
    assert any("docs/news/posts/bad.md" in w for w in draft.warnings)
    assert "测试动态" not in draft.page("news/index.html"), "the bad post is not published"
    assert "解读:创建申报要交哪些材料" in draft.page("news/index.html"), "the good ones are"
    assert not build(base_site, tmp_path / "strict", strict=True).ok


def test_a_post_without_a_usable_date_is_reported(base_site, tmp_path):
    add_docs(base_site, "news")
    posts = base_site / "docs/news/posts"
    (posts / "nodate.md").write_text(GOOD_POST.replace("date: 2021-03-15\n", ""), encoding="utf-8")
    (posts / "baddate.md").write_text(GOOD_POST.replace("2021-03-15", "2021/3/15"), encoding="utf-8")
    check = run_script("check.py", base_site)
    errors = [x for x in check.stdout.splitlines() if x.startswith("【错误】")]
    assert any(x.startswith("【错误】docs/news/posts/nodate.md") and "没有写发布日期 date" in x for x in errors)
    assert any(x.startswith("【错误】docs/news/posts/baddate.md 第2行 字段 date:“2021/3/15”不是“年-月-日”格式") for x in errors)
    result = build(base_site, tmp_path / "out")
    assert result.ok, result.error
    assert "Traceback" not in result.error


def test_sections_come_last_in_the_configured_order(base_site, tmp_path):
    add_docs(base_site, "guide", "news", "policy", "participation.md")
    _reachable(base_site)
    (base_site / "docs" / "about.md").write_text("# 关于本站\n\n说明。\n", encoding="utf-8")
    result = build(base_site, tmp_path / "out", strict=True)
    assert result.ok, result.error
    nav = _nav(result.page("index.html"))
    tail = nav[nav.index("缺口清单") + 1:]
    assert tail == ["工作进展", "关于本站", "创建动态", "政策文件", "群众参与", "编辑指南"]
