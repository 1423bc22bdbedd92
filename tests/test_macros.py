"""Macros on any page, their errors in staff's words, the staff guide's list of them,
the phases file, and the charts' drawing rules."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import REPO, build, load, run_script
from evidencesite.presentation import macros, svg
from evidencesite.reading.phases import Phase, Phases, load_phases
from evidencesite.figures.progress import Board, time_nodes, unit_slug

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def mkdocs(site: Path, out: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(site / "mkdocs.yml"), "-d", str(out), *args],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=300)


def with_phases(site: Path) -> Path:
    shutil.copy(REPO / "docs" / "indicators" / "phases.yml", site / "docs" / "indicators")
    return site


# ---------------------------------------------------------------------------
# Macros on pages
# ---------------------------------------------------------------------------


def test_macros_work_on_any_page(base_site: Path, tmp_path: Path) -> None:
    with_phases(base_site)
    (base_site / "docs" / "about").mkdir()
    every = "\n\n".join("{{ %s() }}" % name for name in macros.MACROS)
    (base_site / "docs" / "about" / "overview.md").write_text(
        f"# 概览\n\n{{{{ unit_ranking(2) }}}}\n\n{{{{ rectification_ledger(\"all\") }}}}\n\n{every}\n", encoding="utf-8")
    page = base_site / "docs" / "indicators" / "N002.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ campaign_phases() }}\n", encoding="utf-8")
    gap = base_site / "docs" / "indicators" / "P001.md"  # so that every list has a row
    gap.write_text(re.sub(r"on_site: .*\n", "due: 2021-03-31\n", gap.read_text(encoding="utf-8")), encoding="utf-8")
    result = build(base_site, tmp_path / "out")
    assert result.ok, result.error
    assert result.warnings == []  # every link the blocks make resolves (MkDocs checks them)
    html = result.page("about/overview/index.html")
    assert html.count("<tr>") >= 10 and "市委编办" in html
    assert 'href="../../indicators/P001/">规范性文件备案审查</a>' in html  # in the gap and overdue lists
    for href in re.findall(r'<a href="(\.\./[^"#]+)"', html.split('class="md-content"')[1]):
        target = (tmp_path / "out" / "about" / "overview" / unquote(href)).resolve()
        assert target.exists(), href
    assert "深入整改阶段" in result.page("indicators/N002/index.html"), "macros run in indicator pages' prose too"


def test_unknown_macro_is_an_error_with_file_line_and_fix(base_site: Path, tmp_path: Path) -> None:
    """Like any error: a draft build goes on and the page says what is wrong; a strict build fails."""
    index = base_site / "docs" / "index.md"
    index.write_text("---\ntitle: 首页\n---\n# 测试站点\n\n{{ unit_rankin() }}\n", encoding="utf-8")
    done = mkdocs(base_site, tmp_path / "out")
    assert done.returncode == 0
    message = "【错误】docs/index.md 第6行:页面中写了 {{ unit_rankin(…) }},但没有名为 unit_rankin 的宏或变量。"
    assert message in done.stderr and "您是不是要写 unit_ranking?" in done.stderr and "Traceback" not in done.stderr
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "没有名为 unit_rankin 的宏或变量" in page and "{{ unit_rankin() }}" in page, "shown as written, with the error"
    strict = mkdocs(base_site, tmp_path / "strict", "--strict")
    assert strict.returncode != 0 and message in strict.stderr


@pytest.mark.parametrize("call, words", [("{{ unit_ranking(\"十\") }}", "不是个数"),
                                         ("{{ rectification_ledger(\"open\", 3) }}", "参数个数或名称不对"),
                                         ("{{ rectification_ledger(\"未整改\") }}", "只能是 open、closed 或 all")])
def test_wrong_macro_arguments_are_errors(base_site: Path, tmp_path: Path, call: str, words: str) -> None:
    (base_site / "docs" / "index.md").write_text(f"# 首页\n\n{call}\n", encoding="utf-8")
    done = run_script("check.py", base_site)
    assert done.returncode == 1
    assert "【错误】docs/index.md 第3行" in done.stdout and words in done.stdout and "修改方法" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    built = build(base_site, tmp_path / "out")
    assert built.ok and [w for w in built.warnings if "docs/index.md 第3行" in w and words in w]


def test_broken_braces_are_an_error(base_site: Path, tmp_path: Path) -> None:
    (base_site / "docs" / "index.md").write_text("# 首页\n\n{{ overall_progress( }}\n", encoding="utf-8")
    done = mkdocs(base_site, tmp_path / "out")
    assert done.returncode == 0
    assert "【错误】docs/index.md 第3行:页面中的花括号写法无法解析" in done.stderr and "Traceback" not in done.stderr


def test_staff_guide_lists_every_macro_from_its_docstring(base_site: Path, tmp_path: Path) -> None:
    (base_site / "docs" / "guide").mkdir()
    shutil.copy(REPO / "docs" / "guide" / "macros.md", base_site / "docs" / "guide")
    result = build(base_site, tmp_path / "out", strict=True)
    assert result.ok, result.error
    html = result.page("guide/macros/index.html")
    listed = re.findall(r"<code>\{\{ (\w+)\(.*?\) \}\}</code>", html)
    assert sorted(set(listed) & set(macros.MACROS)) == sorted(macros.MACROS)
    for name, function in macros.MACROS.items():
        first = function.__doc__.split(":")[0].split("(")[0]
        assert first in html, name
    assert "{{ progress_by_area() }}" in html, "the examples in {% raw %} are shown as written"


# ---------------------------------------------------------------------------
# Phases and time nodes
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("day, words", [
    (dt.date(2020, 12, 1), "创建工作将于 2020-12-21 进入第1阶段 **动员部署阶段**"),
    (dt.date(2021, 3, 1), "当前处于第3阶段 **深入整改阶段**(2021-03-01 至 2021-04-30),距本阶段结束还有 60 天"),
    (dt.date(2021, 2, 28), "当前处于第2阶段 **全面自查阶段**"),
    # issue 14: a closed campaign says so and counts at its end (the board's date is that end, asof.py)
    (dt.date(2021, 12, 31), "创建工作的 7 个阶段已于 2021-12-31 全部结束,本站的统计截至 2021-12-31"),
])
def test_current_phase_by_build_date(base_site: Path, day: dt.date, words: str) -> None:
    site = load(with_phases(base_site))
    phases, findings = load_phases(base_site, site.settings)
    assert findings == [] and len(phases.phases) == 7
    assert words in macros.call("current_phase", macros.Context(Board(site, day, phases), "index.md"))


def test_between_phases(base_site: Path) -> None:
    phases = Phases(present=True, phases=[Phase(1, "甲", dt.date(2021, 1, 1), dt.date(2021, 1, 31)),
                                          Phase(2, "乙", dt.date(2021, 3, 1), dt.date(2021, 3, 31))])
    assert phases.current(dt.date(2021, 2, 10)) is None
    board = Board(load(base_site), dt.date(2021, 2, 10), phases)
    assert "第1阶段已结束,第2阶段 **乙** 将于 2021-03-01 开始" in macros.call("current_phase", macros.Context(board, "index.md"))


def test_time_nodes_merge_plan_and_indicators(base_site: Path) -> None:
    page = base_site / "docs" / "indicators" / "N002.md"
    page.write_text(page.read_text(encoding="utf-8").replace("status: 推进中", "due: 2021-04-20\nstatus: 推进中"),
                    encoding="utf-8")
    site = load(with_phases(base_site))
    phases, _ = load_phases(base_site, site.settings)
    nodes = time_nodes(site, phases, dt.date(2021, 4, 9), limit=None)
    by_date = {n.date: n for n in nodes}
    assert by_date[dt.date(2021, 4, 20)].what == "1 项指标到期"
    assert [i.id for i in by_date[dt.date(2021, 4, 20)].indicators] == ["N002"]
    assert dt.date(2021, 4, 30) not in by_date, "N001 falls due then, but it is done"
    assert "报送上月创建任务完成情况" in by_date[dt.date(2021, 5, 5)].what
    assert by_date[dt.date(2021, 5, 1)].what == "进入第4阶段:完善提升阶段"
    assert by_date[dt.date(2021, 8, 31)].what.startswith("提交自评报告")
    assert [n.date for n in nodes] == sorted(n.date for n in nodes) and nodes[0].date >= dt.date(2021, 4, 9)


PHASES_BAD = """plan: 测试
report_day: 31
phases:
  - name: 第一阶段
    start: 2021-01-01
    end: 2021-01-31
  - name: 第二阶段
    start: 2021-01-20
    end: 2021-02-28
  - name: 第三阶段
    start: 2021-03-31
    end: 2021-03-01
  - name: 第四阶段
    start: 2021-02-30
    end: 2021-04-30
    owner: 市司法局
"""


def test_phases_file_errors_name_file_line_and_fix(base_site: Path, tmp_path: Path) -> None:
    (base_site / "docs" / "indicators" / "phases.yml").write_text(PHASES_BAD, encoding="utf-8")
    done = run_script("check.py", base_site)
    assert done.returncode == 1
    lines = [line for line in done.stdout.splitlines() if "phases.yml" in line]
    assert any("第7行 字段 phases 第2项" in l and "上一阶段“第一阶段”到 2021-01-31 才结束" in l for l in lines)
    assert any("第10行 字段 phases 第3项" in l and "结束日期 2021-03-01 早于开始日期 2021-03-31" in l for l in lines)
    assert any("第14行 字段 phases 第4项 start" in l and "不是真实存在的日期" in l for l in lines)
    assert any("第16行 字段 phases 第4项 owner" in l and "不认识的字段 owner" in l for l in lines)
    assert any("字段 report_day" in l for l in lines)
    assert all(l.startswith("【错误】docs/indicators/phases.yml") and "修改方法" in l for l in lines)
    result = build(base_site, tmp_path / "out")
    assert result.ok and sum("phases.yml" in w for w in result.warnings) == len(lines)
    assert not (tmp_path / "out" / "indicators" / "phases.yml").exists()


# ---------------------------------------------------------------------------
# Drawing rules
# ---------------------------------------------------------------------------


def luminance(colour: str) -> float:
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_series_stay_apart_in_greyscale() -> None:
    solid = {k: luminance(s.fill) for k, s in svg.SERIES.items() if s.fill.startswith("#")}
    assert set(solid) == {"done", "not-started", "missing"}
    values = sorted(solid.values())
    assert all(b - a > 0.15 for a, b in zip(values, values[1:]))
    assert svg.SERIES["in-progress"].fill.startswith("url(#"), "the middle series is told apart by its stripes"


def test_long_labels_wrap_and_text_is_escaped() -> None:
    label = "<b>很长的一级指标名称</b>" * 3
    drawing = svg.stacked_bars("t", "标题{x}", "说明", [svg.Bar(label, [1, 2, 3, 0], "17%(1/6)")],
                               ["done", "in-progress", "not-started", "missing"])
    texts = re.findall(r'<text x="0" y="\d+">([^<]*)</text>', drawing)
    assert len(texts) == 2 and "<b>" not in drawing and "&lt;b&gt;" in drawing
    assert "{x}" not in drawing and "&#123;x&#125;" in drawing
    assert "未建页面" not in drawing, "a series no bar has stays out of the legend"


def test_unit_slug_is_ascii_and_stable() -> None:
    slug = unit_slug("市司法局")
    assert re.fullmatch(r"[0-9a-f]{8}", slug)
    assert unit_slug(" 市司法局") == unit_slug("市 司法局") == slug
    assert unit_slug("市司法局(市政府法制办)") != slug
