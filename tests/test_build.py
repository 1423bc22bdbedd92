"""Building real sites: severities in draft and strict builds, the summary, the
generated pages, the evidence files, and that docs/ and evidence/ stay untouched."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

from conftest import REPO, build, make_site, tree_hash

MISSING_FILE_PAGE = """---
id: N001
title: 权责清单动态管理
area: "1"
group: "1.1"
lead: 市委编办
status: 推进中
evidence:
  - title: 不存在的通知
    type: 文件
    file: N001/缺失.pdf
---
正文。
"""


def _with_page(site: Path, name: str, text: str) -> Path:
    (site / "docs" / "indicators" / name).write_text(text, encoding="utf-8")
    return site


def test_draft_build_warns_and_succeeds_and_page_shows_error(base_site, tmp_path):
    _with_page(base_site, "N001.md", MISSING_FILE_PAGE)
    result = build(base_site, tmp_path / "out")
    assert result.ok
    [warning] = [w for w in result.warnings if "【错误】" in w]
    assert "docs/indicators/N001.md 第11行 字段 evidence 第1项 file" in warning
    assert "找不到证据文件 evidence/N001/缺失.pdf" in warning and "修改方法" in warning
    html = result.page("indicators/N001/index.html")
    assert "本页有 1 处错误" in html and "找不到证据文件 evidence/N001/缺失.pdf" in html


def test_strict_build_fails_on_error(base_site, tmp_path):
    _with_page(base_site, "N001.md", MISSING_FILE_PAGE)
    result = build(base_site, tmp_path / "out", strict=True)
    assert not result.ok
    assert "strict" in result.error


def test_gap_is_counted_in_draft_and_fails_strict(base_site, tmp_path):
    text = (base_site / "docs/indicators/N002.md").read_text(encoding="utf-8")
    _with_page(base_site, "N002.md", re.sub(r"evidence:.*?---", "---", text, flags=re.S))
    draft = build(base_site, tmp_path / "draft")
    assert draft.ok and draft.warnings == []
    assert any("另有 1 个指标尚未满足证据要求" in m for m in draft.messages())
    gaps_page = draft.page("gaps/index.html")
    assert "N002" in gaps_page and "N001" not in gaps_page
    strict = build(base_site, tmp_path / "strict", strict=True)
    assert not strict.ok
    assert any("【缺口】docs/indicators/N002.md" in w for w in strict.warnings)


def test_advice_is_listed_in_draft_and_fails_strict(base_site, tmp_path):
    (base_site / "evidence" / "N001" / "多余.pdf").write_bytes(b"%PDF-1.4\n")
    draft = build(base_site, tmp_path / "draft")
    assert draft.ok and draft.warnings == []
    assert any("【建议】evidence/N001/多余.pdf" in m for m in draft.messages())
    assert not (tmp_path / "draft" / "evidence" / "N001" / "多余.pdf").exists(), "uncited files are not published"
    assert not build(base_site, tmp_path / "strict", strict=True).ok


def test_summary_table_ends_every_build(base_site, tmp_path):
    messages = build(base_site, tmp_path / "out").messages()
    start = messages.index("检查汇总:")
    table = messages[start + 1:]
    assert table[0].split() == ["来源", "页面/应有", "已完成", "错误", "缺口", "建议"]
    assert table[2].split() == ["N", "国家指标", "2/2", "1", "0", "0", "0"]
    assert table[3].split() == ["P", "省定特色指标", "1/1", "0", "0", "0", "0"]
    assert table[5].startswith("草稿检查通过")  # then only MkDocs' own "Documentation built" line
    assert len(table) == 7


def test_navigation_areas_groups_indicators(base_site, tmp_path):
    result = build(base_site, tmp_path / "out")
    area = result.page("areas/1/index.html")
    assert "1.1 政府职能" in area and "权责清单动态管理" in area
    group = result.page("groups/1.1/index.html")
    assert 'href="../../indicators/N001/"' in group
    home = result.page("index.html")
    nav_labels = re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', home)
    assert nav_labels.index("指标体系") < nav_labels.index("缺口清单")
    assert not (tmp_path / "out" / "indicators" / "framework.yml").exists()


def test_indicator_header_and_evidence_link(base_site, tmp_path):
    result = build(base_site, tmp_path / "out")
    html = result.page("indicators/N001/index.html")
    for text in ("N001 · 国家指标", "市委编办", "市司法局", "2021-04-30", "已完成", "市委编办档案室 第3盒", "2021-03-15"):
        assert text in html
    href = re.search(r'<a href="([^"]+)">关于公布市级权责清单的通知</a>', html).group(1)
    target = (tmp_path / "out" / "indicators" / "N001" / unquote(href)).resolve()
    assert target.is_file() and target.name == "权责清单通知.pdf"
    assert "实地核查时提供" in result.page("indicators/P001/index.html")


def test_front_matter_text_is_escaped(base_site, tmp_path):
    text = MISSING_FILE_PAGE.replace("title: 权责清单动态管理", 'title: "<script>alert(1)</script>"')
    text = text.replace("file: N001/缺失.pdf", "file: N001/权责清单通知.pdf")
    _with_page(base_site, "N001.md", text)
    result = build(base_site, tmp_path / "out")
    for page in ("indicators/N001/index.html", "areas/1/index.html", "groups/1.1/index.html"):
        assert "<script>alert(1)" not in result.page(page)
        assert "&lt;script&gt;alert(1)" in result.page(page)


def test_undecodable_page_builds_with_its_message(base_site, tmp_path):
    (base_site / "docs/indicators/N002.md").write_bytes(MISSING_FILE_PAGE.replace("N001", "N002").encode("gbk"))
    result = build(base_site, tmp_path / "out")
    assert result.ok
    assert any("GBK" in w and "docs/indicators/N002.md" in w for w in result.warnings)
    assert "另存为" in result.page("indicators/N002/index.html")


def test_build_never_writes_into_docs_or_evidence(tmp_path):
    site = make_site(tmp_path / "site", REPO / "docs" / "..")  # the shipped content, whole
    before = tree_hash(site / "docs", site / "evidence")
    assert build(site, tmp_path / "out").ok
    build(site, tmp_path / "strict", strict=True)
    assert tree_hash(site / "docs", site / "evidence") == before


def test_shipped_site_draft_builds_and_strict_fails_for_unimported_sources(tmp_path):
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin"}
    draft = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "d")], cwd=REPO,
                           capture_output=True, text=True, env=env)
    assert draft.returncode == 0, draft.stderr
    assert "Traceback" not in draft.stderr
    shortfalls = [line for line in draft.stderr.splitlines() if "框架应有" in line and "还差" in line]
    assert len(shortfalls) == 3  # one line per source N, P, C; not 130 lines
    assert (tmp_path / "d" / "indicators" / "W001" / "index.html").is_file()
    strict = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "s")],
                            cwd=REPO, capture_output=True, text=True, env=env)
    assert strict.returncode != 0
    assert "国家指标(N)有 0 个页面,框架应有 100 个" in strict.stderr


def test_no_reference_to_other_hosts(base_site, tmp_path):
    result = build(base_site, tmp_path / "out")
    for page in (tmp_path / "out").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        for src in re.findall(r'(?:src|href)="(https?://[^"]+)"', html):
            assert "puyang.gov.cn/news" in src or "squidfunk" in src or "mkdocs" in src, src
