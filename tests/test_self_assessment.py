"""The self-assessment report (自评报告): at most 2000 characters as readers see them.

Counted: Chinese characters, letters, digits and punctuation; not counted: spaces,
line breaks, invisible characters and markup. Checked at 1999, 2000 and 2001 by
the checker and by draft and strict builds."""

from __future__ import annotations

import re

import pytest
from conftest import REPO, build, run_script
from staffsite import add_docs, set_evidence_setting

from evidencesite.text.textcount import count_characters, count_markdown

# Markup, a comment and spaces around 25 counted characters: 自评报告 (4) + 一、主要举措 (6)
# + 我市在2021年完成A4任务。 (15). Headings get a permalink sign (¶) that is not counted either.
PREFIX = ("---\ntitle: 自评报告\n---\n# 自评报告\n\n<!-- 编辑说明:注释不计入字数 -->\n\n## 一、主要举措\n\n"
          "**我市**在 2021 年完成 [A4 任务](https://www.example.com/很长的网址/a.html)。\n\n")
PREFIX_COUNT = 25


def report(chars: int) -> str:
    """A report of exactly `chars` counted characters, filler broken by spaces and blank lines."""
    filler = "法治政府建设示范创建。" * (chars // 11 + 1)
    filler = filler[:chars - PREFIX_COUNT]
    lines = [filler[i:i + 40] for i in range(0, len(filler), 40)]
    return PREFIX + "\n\n".join(" ".join([line[:20], "\u3000" + line[20:]]) for line in lines) + "\n"


def with_report(site, chars: int):
    (site / "docs" / "self-assessment.md").write_text(report(chars), encoding="utf-8")
    return site


@pytest.mark.parametrize(("text", "expected"), [
    ("我市2021年完成A4任务。", 14),
    ("依法 行政\u3000依规\t治理\n", 8),
    ("零宽\u200b空格\ufeff不计", 6),
    ("“问号”?!,。、;:()《》", 15),
    ("Rule of law, 2021.", 15),
    ("", 0),
])
def test_characters_that_count(text, expected):
    assert count_characters(text) == expected


@pytest.mark.parametrize(("markdown", "expected"), [
    ("**重点**和*强调*", 5),
    ("[链接文字](https://www.example.com/很长的网址)", 4),
    ("![图片说明](a.png)", 0),
    ("<!-- 注释 -->\n\n正文", 2),
    ("## 标题 {#anchor}", 2),
    ("- 列表一\n- 列表二\n\n1. 编号", 8),
    ("| 表头 | 列 |\n| --- | --- |\n| 单元 | 格 |", 6),
    ('!!! note "说明"\n    内容', 4),
    ("---\ntitle: 页首不计\n---\n正文", 2),
    ("A &amp; B", 3),
])
def test_markup_does_not_count(markdown, expected):
    assert count_markdown(markdown, ["admonition", "attr_list", "tables", "toc"], {"toc": {"permalink": True}}) == expected


def test_the_guides_examples_are_what_the_code_counts():
    guide = (REPO / "docs/guide/publishing.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(.+?)` \| .+? \| (\d+) \|$", guide, flags=re.MULTILINE)
    assert len(rows) >= 5
    for source, stated in rows:
        assert count_markdown(source) == int(stated), source


def test_report_helper_counts_what_it_says():
    for n in (1999, 2000, 2001):
        assert count_markdown(report(n), ["toc"], {"toc": {"permalink": True}}) == n


@pytest.mark.parametrize(("chars", "status"), [(1999, 0), (2000, 0), (2001, 1)])
def test_check_at_the_limit(base_site, chars, status):
    result = run_script("check.py", with_report(base_site, chars))
    assert result.returncode == status, result.stdout
    errors = [line for line in result.stdout.splitlines() if line.startswith("【错误】")]
    if chars > 2000:
        assert errors == ["【错误】docs/self-assessment.md:自评报告有 2001 字,超过上限 2000 字(多 1 字)。 修改方法:"
                          "删减到 2000 字以内。汉字、字母、数字和标点每个算 1 字,空格、换行和排版符号(#、**、链接网址等)"
                          "不算;草稿构建时自评报告页面顶部显示当前字数。"]
    else:
        assert errors == []


@pytest.mark.parametrize("chars", [2000, 2001])
def test_draft_build_shows_the_count_and_strict_build_enforces_the_limit(base_site, tmp_path, chars):
    with_report(base_site, chars)
    draft = build(base_site, tmp_path / "draft")
    assert draft.ok
    page = draft.page("self-assessment/index.html")
    assert f'data-count="{chars}" data-limit="2000"' in page
    assert f"字数 {chars} / 2000" in page
    over = [w for w in draft.warnings if "自评报告有" in w]
    assert len(over) == (chars > 2000)
    strict = build(base_site, tmp_path / "strict", strict=True)
    assert strict.ok is (chars <= 2000), strict.error
    if strict.ok:
        assert "es-char-count" not in strict.page("self-assessment/index.html"), "published report shows no count"


def test_the_limit_is_configurable(base_site):
    set_evidence_setting(with_report(base_site, 101), "self_assessment_max_chars", "100")
    result = run_script("check.py", base_site)
    assert result.returncode == 1 and "自评报告有 101 字,超过上限 100 字(多 1 字)" in result.stdout
    set_evidence_setting(base_site, "self_assessment_max_chars", "101")
    assert run_script("check.py", base_site).returncode == 0


def test_shipped_report_page_is_empty_so_not_published(base_site, tmp_path):
    add_docs(base_site, "self-assessment.md")
    result = build(base_site, tmp_path / "out", strict=True)
    assert result.ok, result.error
    assert not (tmp_path / "out" / "self-assessment").exists()
    assert any("栏目“自评报告”(docs/self-assessment.md)还没有内容,本次构建不发布" in m for m in result.messages())
