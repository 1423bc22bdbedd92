"""Deadlines as offices write them (issue 12, section 1): never rejected, never dropped;
the text kept in `due_text` beside `due`, a date in the campaign year where one is meant,
recurring nodes in 近期时间节点, and the text on the page and in 工作台账."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from import_register import main

from conftest import build, load, run_script
from evidencesite.model.deadlines import Recurrence, date_in_year, recurrence
from evidencesite.reading.phases import Phases
from evidencesite.figures.progress import time_nodes
from htmlparts import definitions
from registers import shipped_site, workbook

HEADER = ["序号", "一级指标", "二级指标", "三级指标", "牵头单位", "完成时限"]
DEADLINES = ["每月5日前", "每季度末", "年底前", "4月底", "长期坚持", "持续推进", "2021年6月30日"]


@pytest.mark.parametrize(("text", "rule"), [
    ("每月5日前", Recurrence("month", 5)), ("每月底", Recurrence("month")), ("每季度末", Recurrence("quarter")),
    ("每半年", Recurrence("half-year")), ("每年3月底", Recurrence("year", 0, 3)), ("4月底", None), ("长期坚持", None)])
def test_recurring_deadlines(text, rule):
    assert recurrence(text) == rule


@pytest.mark.parametrize(("text", "date"), [
    ("4月底", "2021-04-30"), ("4月30日前", "2021-04-30"), ("年底前", "2021-12-31"), ("上半年", "2021-06-30"),
    ("第三季度末", "2021-09-30"), ("6月", "2021-06-30"), ("每月5日前", None), ("持续推进", None), ("2月30日", None)])
def test_deadlines_without_a_year_fall_in_the_campaign_year(text, date):
    found = date_in_year(text, 2021)
    assert (found.isoformat() if found else None) == date


def test_next_occurrences():
    assert Recurrence("month", 5).next_on_or_after(dt.date(2021, 5, 6)) == dt.date(2021, 6, 5)
    assert Recurrence("month", 31).dates(dt.date(2021, 2, 1), dt.date(2021, 3, 31)) == [dt.date(2021, 2, 28),
                                                                                       dt.date(2021, 3, 31)]
    assert Recurrence("quarter").next_on_or_after(dt.date(2021, 12, 31)) == dt.date(2021, 12, 31)


@pytest.fixture
def imported(tmp_path: Path, monkeypatch, capsys) -> tuple[Path, str]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2021, 5, 6, 12, tzinfo=dt.timezone.utc).timestamp())))
    site = shipped_site(tmp_path / "site")
    rows = [[n, "一、依法全面履行政府职能", "(一)职能优化", f"指标{n}", "市司法局", due]
            for n, due in enumerate(DEADLINES, start=1)]
    path = workbook(tmp_path / "指标体系.xlsx", {"国家指标": (HEADER, rows)})
    code = main([str(path), "--site", str(site)])
    out = capsys.readouterr().out
    assert code == 0, out
    return site, out


def test_every_deadline_office_style_is_imported_and_kept_as_written(imported):
    site, out = imported
    pages = {i.id: (i.due.isoformat() if i.due else None, i.due_text) for i in load(site).indicators.values()
             if i.source == "N"}
    assert pages == {"N001": (None, "每月5日前"), "N002": (None, "每季度末"), "N003": ("2021-12-31", "年底前"),
                     "N004": ("2021-04-30", "4月底"), "N005": (None, "长期坚持"), "N006": (None, "持续推进"),
                     "N007": ("2021-06-30", "")}
    assert "【提示】指标体系.xlsx 工作表“国家指标” 第6行 F列(完成时限):“4月底”没有写年份,按创建年度 2021 年记为 2021-04-30;" \
           "原文写入 due_text(时限说明)。" in out
    assert "“每月5日前”是周期性的时间节点(每月5日),页面不写 due" in out
    assert (site / "docs/indicators/N001.md").read_text(encoding="utf-8").count("due_text: 每月5日前\n") == 1
    assert run_script("check.py", site).returncode == 0


def test_recurring_nodes_come_next_in_the_time_nodes_and_pages_show_the_text(imported, tmp_path):
    site, _ = imported
    loaded = load(site)
    nodes = time_nodes(loaded, Phases(), dt.date(2021, 5, 6), limit=None)
    assert [(n.date.isoformat(), [i.id for i in n.indicators]) for n in nodes if n.indicators][:3] == [
        ("2021-06-05", ["N001"]), ("2021-06-30", ["N002", "N007"]), ("2021-12-31", ["N003"])]
    result = build(site)
    assert result.ok, result.error
    facts = {ident: definitions(result.page(f"indicators/{ident}/index.html"), "es-facts")["时间节点"]
             for ident in ("N001", "N004")}
    assert facts["N001"] == "每月5日前(下一次:2021-06-05)"
    assert facts["N004"].startswith("2021-04-30(4月底)") and "已逾期" in facts["N004"]
    sheet = openpyxl.load_workbook(result.site_dir / "exports" / "工作台账.xlsx").active
    header = [c.value for c in sheet[1]]
    values = {row[1]: row[header.index("时限说明")] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values["N001"] == "每月5日前" and values["N007"] is None
