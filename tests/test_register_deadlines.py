"""Deadlines as offices write them (issue 12, section 1): never rejected, never dropped;
the text kept in `due_text` beside `due`, a date in the campaign year where one is meant,
recurring nodes in 近期时间节点, and the text on the page and in 工作台账."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from import_register import main

from conftest import build, epoch, load, make_site, run_script
from evidencesite.model.deadlines import Recurrence, date_in_year, recurrence
from evidencesite.reading.history import read_history
from evidencesite.reading.phases import Phases
from evidencesite.figures.progress import Board, overdue, time_nodes
from htmlparts import definitions, table_after
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


@pytest.mark.parametrize(("rule", "changed", "today", "missed"), [
    (Recurrence("month", 5), "2021-05-03", "2021-06-07", ("2021-06-05", "2021-05-05")),
    (Recurrence("month", 5), "2021-05-05", "2021-06-06", ("2021-06-05", "2021-05-05")),
    (Recurrence("month", 5), "2021-05-06", "2021-06-07", None),  # work for 5 June done after 5 May
    (Recurrence("month", 5), "2021-05-03", "2021-06-05", None),  # 5 June not passed: the node before is 5 May
    (Recurrence("quarter"), "2021-03-31", "2021-07-01", ("2021-06-30", "2021-03-31")),
    (Recurrence("year", 0, 3), "2020-04-01", "2021-04-01", None),
    (Recurrence("year", 0, 3), "2020-03-31", "2021-04-01", ("2021-03-31", "2020-03-31"))])
def test_a_recurring_node_is_missed_when_nothing_changed_since_the_node_before(rule, changed, today, missed):
    found = rule.missed(dt.date.fromisoformat(changed), dt.date.fromisoformat(today))
    assert (tuple(d.isoformat() for d in found) if found else None) == missed


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


# ---------------------------------------------------------------------------
# Recurring deadlines count as overdue (issue 12, remaining point 2)
# ---------------------------------------------------------------------------

GIT_ENV = {"GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "测试",
           "GIT_COMMITTER_EMAIL": "t@example.invalid", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
JUNE_7 = dt.date(2021, 6, 7)


def _git(repo: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, **GIT_ENV, **({"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when} if when else {})}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def _commit(repo: Path, when: str) -> None:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", when, when=when)


def _monthly(page: Path) -> None:
    """The page's deadline becomes 每月5日前 (no due date), its status not done."""
    text = page.read_text(encoding="utf-8")
    text = text.replace("due: 2021-04-30\n", "").replace("status: 已完成", "status: 推进中")
    page.write_text(text.replace("\nstatus:", "\ndue_text: 每月5日前\nstatus:", 1), encoding="utf-8")


@pytest.fixture
def recurring(tmp_path: Path, monkeypatch) -> Path:
    """A site in Git whose N002 (市发展改革委) last changed on 3 May and P001 (市司法局) on
    20 May, both due 每月5日前; built on 7 June 2021."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(JUNE_7))
    repo = tmp_path / "repo"
    site = make_site(repo / "网站", "base-site")
    pages = site / "docs" / "indicators"
    for ident in ("N002", "P001"):
        _monthly(pages / f"{ident}.md")
    _git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    _commit(repo, "2021-05-03T10:00:00+08:00")
    (pages / "P001.md").write_text((pages / "P001.md").read_text(encoding="utf-8") + "\n五月报送了本月进展。\n",
                                   encoding="utf-8")
    _commit(repo, "2021-05-20T10:00:00+08:00")
    return site


def test_a_recurring_node_missed_counts_as_overdue_with_its_reason(recurring: Path, tmp_path: Path) -> None:
    """每月5日前, built 7 June: the node of 5 June has passed. N002 last changed on 3 May,
    before the node of 5 May, so nothing was done for 5 June: overdue since 5 June. P001
    changed on 20 May, between the two nodes: the work of 5 June is there, not overdue."""
    loaded = load(recurring)
    Board(loaded, JUNE_7, history=read_history(recurring, loaded.settings))
    assert [i.id for i in overdue(loaded, JUNE_7)] == ["N002"]
    assert loaded.indicators["N002"].overdue_node(JUNE_7) == dt.date(2021, 6, 5)
    assert loaded.indicators["N002"].overdue_reason(JUNE_7) == "上次时间节点 2021-06-05 已过,2021-05-05 以来页面和证据未更新"
    assert not loaded.indicators["P001"].is_overdue(JUNE_7)

    result = build(recurring, tmp_path / "out", audience="assessor")
    assert result.ok, result.error
    fact = definitions(result.page("indicators/N002/index.html"), "es-facts")["时间节点"]
    assert fact == "每月5日前(下一次:2021-07-05) 已逾期上次时间节点 2021-06-05 已过,2021-05-05 以来页面和证据未更新"
    assert "已逾期" not in definitions(result.page("indicators/P001/index.html"), "es-facts")["时间节点"]
    rows = table_after(result.page("overdue/index.html"), "<h1").records()
    assert [(r["编号"], r["时间节点"], r["逾期天数"]) for r in rows] == [
        ("N002", "2021-06-05(每月5日前)上次时间节点 2021-06-05 已过,2021-05-05 以来页面和证据未更新", "2")]
    assert "周期性时间节点(如“每月5日前”)以版本记录为准" in result.page("overdue/index.html")
    ranking = {r["牵头单位"]: r["逾期"] for r in table_after(result.page("units/index.html"), "牵头单位排名").records()}
    assert ranking["市发展改革委"] == "1" and ranking["市司法局"] == "0"
    sheet = openpyxl.load_workbook(result.site_dir / "exports" / "工作台账.xlsx").active
    header = [c.value for c in sheet[1]]
    late = {row[1]: row[header.index("是否逾期")] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert late["N002"] == "是" and late["P001"] == "否"


def test_an_edit_not_yet_committed_counts_as_a_change_today(recurring: Path) -> None:
    page = recurring / "docs" / "indicators" / "N002.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n六月的进展已整理,待提交。\n", encoding="utf-8")
    loaded = load(recurring)
    Board(loaded, JUNE_7, history=read_history(recurring, loaded.settings))
    assert loaded.indicators["N002"].changed == JUNE_7 and overdue(loaded, JUNE_7) == []


def test_without_git_a_recurring_node_is_not_judged_and_the_page_says_so(recurring: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(recurring, copy)  # the same site outside the repository
    result = build(copy, tmp_path / "out", audience="assessor")
    assert result.ok, result.error
    html = result.page("overdue/index.html")
    assert "目前没有逾期事项" in html
    assert "有 2 项未完成指标的时间节点是周期性的(如“每月5日前”):网站目录不在 Git 仓库中(或本机没有安装 Git)," \
           "无法判断上次时间节点以来是否更新过,没有计入逾期。" in html


def test_the_monthly_report_lists_a_missed_recurring_node(recurring: Path) -> None:
    out = recurring.parent / "reports"
    done = run_script("report.py", "2021-06", "--site", recurring, "-o", out, env={"SOURCE_DATE_EPOCH": epoch(JUNE_7)})
    assert done.returncode == 0, done.stderr
    md = (out / "创建工作月报-2021-06.md").read_text(encoding="utf-8")
    assert "| N002 | 优化法治化营商环境 | 2021-06-05(每月5日前;上次时间节点 2021-06-05 已过,2021-05-05 以来页面和证据未更新) | 2 | 推进中 |" in md
    overdue_sheet = openpyxl.load_workbook(out / "创建工作月报-2021-06.xlsx")["逾期事项"]
    assert [r[1] for r in overdue_sheet.iter_rows(min_row=2, values_only=True)] == ["N002"]
