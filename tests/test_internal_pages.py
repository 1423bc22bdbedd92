"""Internal pages (gaps, units and ranking, overdue, ledger, staff guide): in the assessor
build, in `mkdocs serve` and, when publish_internal says so, in the public build; never
in the default public build: not as pages, navigation, search entries, sitemap lines,
links, counters or downloads."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import build, make_site
from evidencesite.presentation import blocks, internal, render
from evidencesite.presentation.downloads import export_paths

INTERNAL_OUTPUT = ["gaps/index.html", "units/index.html", "overdue/index.html", "ledger/index.html",
                   "guide/index.html", "exports/整改台账.xlsx", "exports/整改台账.csv"]
PUBLIC_OUTPUT = ["index.html", "indicators/N003/index.html", "areas/1/index.html", "exports/工作台账.xlsx"]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = make_site(tmp_path / "site", "base-site", "browser-site")
    (root / "docs" / "guide").mkdir()
    (root / "docs" / "guide" / "index.md").write_text("# 编辑指南\n\n怎样编辑指标页面。\n", encoding="utf-8")
    return root


def _build(site: Path, out: Path, publish: str, **kwargs):
    old = os.environ.get("SITE_PUBLISH_INTERNAL")
    os.environ["SITE_PUBLISH_INTERNAL"] = publish
    try:
        return build(site, out, strict=True, **kwargs)
    finally:
        os.environ["SITE_PUBLISH_INTERNAL"] = old if old is not None else "true"


def test_default_public_build_has_no_internal_page_link_counter_or_download(site, tmp_path):
    result = _build(site, tmp_path / "out", "false")
    out = result.site_dir
    assert result.ok and result.warnings == [], result.warnings  # strict: no link points to a missing page
    assert [p for p in INTERNAL_OUTPUT if (out / p).exists()] == []
    assert all((out / p).is_file() for p in PUBLIC_OUTPUT)
    locations = [d["location"] for d in json.loads((out / "search/search_index.json").read_text("utf-8"))["docs"]]
    assert [loc for loc in locations if loc.startswith(("gaps", "units", "overdue", "ledger", "guide"))] == []
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    home, charts = result.page("index.html"), result.page("progress/index.html")
    for text in (sitemap, home, charts):
        assert "gaps/" not in text and "units/" not in text and "ledger/" not in text and "guide/" not in text
    assert "<dt>缺口</dt>" not in charts and "<dt>未销号问题</dt>" not in charts and "<dt>已完成</dt>" in charts
    assert internal.NOT_PUBLIC in charts  # {{ unit_ranking() }} on a public page
    assert ">缺口清单<" not in home and ">工作进展<" not in home and ">编辑指南<" not in home


@pytest.mark.parametrize("how", ["assessor", "serve", "setting"])
def test_internal_pages_are_in_the_assessor_build_the_preview_and_when_the_setting_says_so(site, tmp_path, how):
    kwargs = {"assessor": {"audience": "assessor"}, "serve": {"command": "serve"}, "setting": {}}[how]
    result = _build(site, tmp_path / "out", "true" if how == "setting" else "false", **kwargs)
    assert result.ok and result.warnings == [], result.warnings
    assert [p for p in INTERNAL_OUTPUT if not (result.site_dir / p).exists()] == []
    assert "<dt>未销号问题</dt>" in result.page("progress/index.html")
    assert internal.NOT_PUBLIC not in result.page("progress/index.html")


def test_a_wrong_publish_internal_value_stops_the_build_with_the_fix(site, tmp_path):
    result = _build(site, tmp_path / "out", "maybe")
    assert not result.ok
    assert any(m.endswith("mkdocs.yml 的 extra 设置有误:evidence_site.publish_internal 的值“maybe”无效,只能是 true 或 false。")
               for m in result.messages()), result.messages()


def test_internal_paths_name_the_pages_the_site_generates():
    for path in (render.GAPS_PAGE, blocks.UNITS_PAGE, blocks.OVERDUE_PAGE, blocks.LEDGER_PAGE, "units/83cd9462.md",
                 "guide/index.md", *[p for p in export_paths() if "整改台账" in p]):
        assert internal.is_internal(path), path
    for path in ("index.md", "gaps-and-more.md", "indicators/N001.md", "unitsx.md", "exports/工作台账.xlsx",
                 "exports/indicators.json", "participation.md", "news/index.md"):
        assert not internal.is_internal(path), path


def test_pruned_navigation_drops_internal_entries_and_sections_left_empty():
    nav = ["index.md", {"指标体系": [{"1": "areas/1.md"}]}, {"缺口清单": "gaps.md"},
           {"工作进展": [{"逾期事项": "overdue.md"}, {"整改台账": "ledger.md"}, {"责任单位": "units.md"}]},
           {"编辑指南": ["guide/index.md", "guide/pc.md"]}, {"政策文件": "policy/"}]
    assert internal.prune_nav(nav) == ["index.md", {"指标体系": [{"1": "areas/1.md"}]}, {"政策文件": "policy/"}]


# ---------------------------------------------------------------------------
# The date figures are counted at (asof.py)
# ---------------------------------------------------------------------------


def _phases(site: Path) -> None:
    (site / "docs" / "indicators" / "phases.yml").write_text(
        "phases:\n  - name: 动员部署阶段\n    start: 2021-01-01\n    end: 2021-03-31\n"
        "  - name: 迎接验收阶段\n    start: 2021-04-01\n    end: 2021-12-31\n", encoding="utf-8")


def _build_on(site: Path, out: Path, day: str):
    from conftest import epoch
    import datetime as dt
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch(dt.date.fromisoformat(day))
    try:
        return _build(site, out, "true")
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH") if old is None else os.environ.update(SOURCE_DATE_EPOCH=old)


def test_a_closed_campaign_counts_at_the_end_of_its_last_phase(site, tmp_path):
    _phases(site)
    (site / "docs" / "index.md").write_text("# 首页\n\n{{ campaign_phases() }}\n\n{{ overall_progress() }}\n",
                                           encoding="utf-8")
    result = _build_on(site, tmp_path / "out", "2026-12-06")
    home, overdue = result.page("index.html"), result.page("overdue/index.html")
    assert result.ok and result.warnings == [], result.warnings
    assert "创建工作的 2 个阶段已于 2021-12-31 全部结束,本站的统计截至 2021-12-31。" in home
    assert "截至 2021-12-31," in home and "2026-12-06" not in home and "当前阶段" not in home
    assert "截至 2021-12-31,时间节点已过" in overdue
    assert "<td>2021-06-30</td>\n<td>184</td>" in overdue.replace(' data-label="时间节点" class="es-nowrap"', "").replace(
        ' data-label="逾期天数" class="es-nowrap"', "")  # N003 due 2021-06-30: 184 days at the end, not 1985
    assert json.loads((result.site_dir / "exports/evidence-manifest.json").read_text("utf-8"))["built"] == "2026-12-06"


def test_as_of_freezes_the_date_of_an_archived_site(site, tmp_path):
    _phases(site)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  evidence_site:\n", "  evidence_site:\n    as_of: 2021-09-30\n", 1),
                      encoding="utf-8")
    result = _build_on(site, tmp_path / "out", "2026-12-06")
    assert result.ok, result.messages()
    assert "截至 2021-09-30,时间节点已过" in result.page("overdue/index.html")
