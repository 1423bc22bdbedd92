"""The public home for residents (issue 14): latest news, how to take part, and no
participation page that gives readers nobody to reach."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import build, make_site
from evidencesite.presentation import residents
from evidencesite.catalogue.messages import NOTICES

PARTICIPATION = "# 群众参与\n\n## 反映问题\n\n对行政执法行为的意见,可以向市法治政府建设领导小组办公室反映。\n"


@pytest.mark.parametrize("text, reachable", [
    (PARTICIPATION, False),
    (PARTICIPATION + "<!-- 电话 0393-1234567 确认后写上 -->\n", False),  # a comment reaches no one
    (PARTICIPATION + "受理电话:0393-1234567\n", True),
    (PARTICIPATION + "也可以拨打 12345 政务服务便民热线。\n", True),
    (PARTICIPATION + "电子邮箱 fzb@puyang.gov.cn\n", True),
    (PARTICIPATION + "通信地址:濮阳市华龙区…\n", True),
])
def test_participation_page_is_reachable_only_with_a_way_to_reach_someone(text, reachable):
    assert residents.reachable(text, {}) is reachable
    assert residents.reachable(text, {"contact": "电话 0393-0000000"}) is True


def test_latest_news_newest_first_without_drafts_linked_from_the_page():
    pages = [("news/posts/a.md", "---\ndate: 2021-01-02\n---\n# 解读:申报材料\n"),
             ("news/posts/b.md", "---\ndate: 2020-12-22\n---\n# 工作方案印发\n"),
             ("news/posts/c.md", "---\ndate: 2021-03-01\ndraft: true\n---\n# 草稿\n"),
             ("news/index.md", "# 创建动态\n")]
    posts = residents.posts(pages)
    assert [(p.date, p.title) for p in posts] == [(dt.date(2021, 1, 2), "解读:申报材料"), (dt.date(2020, 12, 22), "工作方案印发")]
    assert residents.latest_news(posts, "index.md", 1) == (
        '- <time datetime="2021-01-02">2021-01-02</time> [解读:申报材料](news/posts/a.md)\n')
    assert residents.latest_news([], "index.md") == "暂无创建动态。\n"


def test_take_part_gives_the_contact_the_participation_page_and_corrections():
    portal = {"sponsor": "濮阳市法治政府建设领导小组办公室", "contact": "电话 0393-0000000",
              "corrections_url": "https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?id=X"}
    text = residents.take_part(portal, "index.md", True)
    assert text.splitlines() == [
        "- 联系濮阳市法治政府建设领导小组办公室:电话 0393-0000000",
        "- [群众参与](participation.md):满意度测评怎样进行,意见、投诉和举报向谁反映",
        f"- 发现本站内容有误,请通过[网站纠错]({portal['corrections_url']})告诉我们"]
    assert residents.take_part({}, "index.md", False) == "联系方式将在这里公布。\n"


def test_unreachable_participation_page_is_not_published_and_the_log_says_how_to_fix_it(tmp_path: Path):
    site = make_site(tmp_path / "site", "base-site")
    (site / "docs" / "participation.md").write_text(PARTICIPATION, encoding="utf-8")
    (site / "docs" / "index.md").write_text("# 首页\n\n{{ take_part() }}\n", encoding="utf-8")
    result = build(site, tmp_path / "out", strict=True)
    assert result.ok and result.warnings == [], result.warnings
    assert not (tmp_path / "out" / "participation").exists()
    assert NOTICES["participation-unreachable"].format(path="docs/participation.md") in result.messages()
    assert "participation/" not in result.page("index.html") and "联系方式将在这里公布。" in result.page("index.html")

    config = site / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("    contact:  ", "    contact: 电话 0393-1234567  ", 1), "utf-8")
    result = build(site, tmp_path / "out2", strict=True)
    assert (tmp_path / "out2" / "participation" / "index.html").is_file()
    assert "电话 0393-1234567" in result.page("index.html") and 'href="participation/"' in result.page("index.html")
