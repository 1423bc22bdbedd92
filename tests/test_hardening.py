"""Hostile or careless front matter: markup shows as text wherever it reaches HTML or
JSON, only http and https URLs become links, evidence paths stay inside evidence/, and
a large file is advice (with a configurable limit)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import build

HOSTILE = """---
id: N001
title: "<script>alert('MKRTITLE')</script>权责清单"
requirement: "要求 <b onmouseover=alert(1)>MKRREQ</b>"
area: "1"
group: "1.1"
lead: "<img src=x onerror=alert('MKRLEAD')>"
partners: ["<i>MKRPARTNER</i>", "市司法局"]
status: 已完成
evidence:
  - title: "<script>alert('MKREVIDENCE')</script>"
    type: 文件
    file: N001/权责清单通知.pdf
    location: "<iframe src=//x>MKRLOC"
  - title: 新闻
    type: 新闻链接
    url: "https://example.gov.cn/a?x=\\"><script>alert('MKRURL')</script>"
on_site: "<script>alert('MKRNOTE')</script>原件存市委编办档案室"
problems:
  - problem: "<script>alert('MKRPROBLEM')</script>"
    measure: "<u>MKRMEASURE</u>"
---
正文。
"""
MARKERS = ["MKRTITLE", "MKRREQ", "MKRLEAD", "MKRPARTNER", "MKREVIDENCE", "MKRLOC", "MKRURL", "MKRNOTE", "MKRPROBLEM",
           "MKRMEASURE"]
RAW_TAGS = ["<script>alert", "<img src=x", "<b onmouseover", "<i>MKR", "<iframe", "<u>MKR"]


def _write(site: Path, name: str, text: str) -> None:
    (site / "docs" / "indicators" / name).write_text(text, encoding="utf-8")


def _texts(folder: Path):
    """Every file a browser renders as markup (pages, sitemap, the search index Material
    turns into HTML); exports/ holds data for other tools and keeps text as written."""
    for path in folder.rglob("*"):
        if path.suffix in (".html", ".json", ".xml") and path.parent.name != "exports":
            text = path.read_text(encoding="utf-8")
            yield path, text
            if path.suffix == ".json":
                yield path, json.dumps(json.loads(text), ensure_ascii=False)


@pytest.mark.parametrize("audience", ["public", "assessor"])
def test_front_matter_markup_shows_as_text_everywhere(base_site, tmp_path, audience):
    _write(base_site, "N001.md", HOSTILE)
    result = build(base_site, tmp_path / "out", audience=audience)
    assert result.ok
    seen = set()
    for path, text in _texts(tmp_path / "out"):
        for tag in RAW_TAGS:
            assert tag not in text, f"{tag} raw in {path}"
        seen.update(m for m in MARKERS if m in text)
    assert seen == set(MARKERS), "every field did reach the output, escaped"
    page = result.page("indicators/N001/index.html")
    assert "<title>N001 &lt;script&gt;alert(&#x27;MKRTITLE&#x27;)&lt;/script&gt;权责清单" in page
    assert 'href="https://example.gov.cn/a?x=&quot;&gt;&lt;script&gt;' in page


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,hi", "ftp://x.gov.cn/a",
                                 "//example.gov.cn/a", "example.gov.cn/a"])
def test_only_http_and_https_urls_become_links(base_site, tmp_path, url):
    text = (base_site / "docs/indicators/N002.md").read_text(encoding="utf-8")
    _write(base_site, "N002.md", text.replace("https://www.puyang.gov.cn/news/2021/0315.html", url))
    result = build(base_site, tmp_path / "out")
    assert any("不是 http 或 https 网址" in w and "N002.md" in w for w in result.warnings)
    page = result.page("indicators/N002/index.html")
    assert f'href="{url}' not in page and "我市召开优化营商环境推进会</a>" not in page


def test_evidence_paths_resolve_only_inside_evidence(base_site, tmp_path):
    outside = tmp_path / "secret.pdf"
    outside.write_bytes(b"%PDF-1.4 MKRSECRET")
    os.symlink(outside, base_site / "evidence/N001/link.pdf")
    text = (base_site / "docs/indicators/N001.md").read_text(encoding="utf-8")
    for n, value in enumerate(["N001/link.pdf", "../mkdocs.yml", "/etc/passwd", "N001/../../mkdocs.yml"]):
        _write(base_site, "N001.md", text.replace("N001/权责清单通知.pdf", value))
        result = build(base_site, tmp_path / f"out{n}")
        assert any("evidence 第1项 file" in w and "【错误】" in w for w in result.warnings), value
        assert not any(b"MKRSECRET" in p.read_bytes() for p in (tmp_path / f"out{n}").rglob("*") if p.is_file())
        assert not (tmp_path / f"out{n}" / "mkdocs.yml").exists()


def test_large_file_limit_is_configurable_advice(base_site, tmp_path):
    config = base_site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("large_file_mb: 50", "large_file_mb: 0.0001"),
                      encoding="utf-8")
    result = build(base_site, tmp_path / "draft")
    assert result.ok and result.warnings == []
    assert any(m.startswith("【建议】evidence/N001/权责清单通知.pdf:证据文件 evidence/N001/权责清单通知.pdf 有") and "超过 105 B" in m
               for m in result.messages())
    assert not build(base_site, tmp_path / "strict", strict=True).ok


def test_a_bad_setting_is_a_chinese_message(base_site, tmp_path):
    config = base_site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("image_max_px: 2000", "image_max_px: 大"),
                      encoding="utf-8")
    result = build(base_site, tmp_path / "out")
    assert not result.ok
    assert "mkdocs.yml 的 extra 设置有误:evidence_site.image_max_px 的值“大”无效,应当是大于 0 的整数。" in result.messages()
