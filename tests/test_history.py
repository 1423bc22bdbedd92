"""Git's record: 最后更新 on the pages and in the register, and the monthly report
(scripts/report.py), checked against a scripted history in a temporary repository
whose site sits in a sub-folder with a Chinese name."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

import evidence_samples as samples
from conftest import REPO, build, epoch, make_site, run_script
from htmlparts import definitions

GIT_ENV = {"GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "测试",
           "GIT_COMMITTER_EMAIL": "t@example.invalid", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, **GIT_ENV, **({"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when} if when else {})}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def commit(repo: Path, when: str, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


PROBLEM_OPEN = """problems:
  - problem: 部分县区权责清单未及时调整
    measure: 督促各县区完成调整
    due: 2021-04-15
---"""
PROBLEM_CLOSED = """problems:
  - problem: 部分县区权责清单未及时调整
    measure: 督促各县区完成调整
    due: 2021-04-15
    closed: 2021-04-10
  - problem: 动态调整机制未覆盖乡镇
    measure: 印发乡镇权责清单管理办法
    due: 2021-06-30
---"""
NEW_EVIDENCE = """on_site: 备案审查台账共3册存市司法局,实地核查时由规范性文件备案审查科提供
evidence:
  - title: 规范性文件备案审查台账
    type: 文件
    file: P001/备案审查台账.pdf
  - title: 内部审查意见汇编
    type: 文件
    file: P001/内部审查意见.pdf
    public: false
---"""


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository whose site (in 网站/) has commits in March, April, May and June 2021."""
    repo = tmp_path_factory.mktemp("repo")
    site = make_site(repo / "网站", "base-site")
    shutil.copy(REPO / "docs" / "indicators" / "phases.yml", site / "docs" / "indicators")
    pages = site / "docs" / "indicators"
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    edit(pages / "N001.md", "\n---\n市级", "\n" + PROBLEM_OPEN + "\n市级")
    commit(repo, "2021-03-10T10:00:00+08:00", "三月:初始内容")
    edit(pages / "N002.md", "status: 推进中", "status: 已完成")
    edit(pages / "N001.md", PROBLEM_OPEN, PROBLEM_CLOSED)
    (site / "evidence" / "P001").mkdir()
    (site / "evidence" / "P001" / "备案审查台账.pdf").write_bytes(samples.text_pdf("ledger"))  # readable: see issue 13A
    (site / "evidence" / "P001" / "内部审查意见.pdf").write_bytes(b"%PDF-1.4 internal\n")
    edit(pages / "P001.md", "on_site: 备案审查台账共3册存市司法局,实地核查时由规范性文件备案审查科提供\n---", NEW_EVIDENCE)
    commit(repo, "2021-04-12T16:30:00+08:00", "四月:状态、证据、销号")
    edit(pages / "P001.md", "status: 推进中", "status: 已完成")
    commit(repo, "2021-05-03T09:00:00+08:00", "五月:P001 完成")
    (site / "evidence" / "P001" / "备案审查台账.pdf").write_bytes(samples.text_pdf("ledger, rescanned"))
    commit(repo, "2021-06-08T09:00:00+08:00", "六月:只换了证据文件")
    return site


def report(site: Path, month: str, day: dt.date, *extra: str) -> tuple[subprocess.CompletedProcess, str, Path]:
    out = site.parent / f"reports-{month}-{day.isoformat()}"
    done = run_script("report.py", month, "--site", site, "-o", out, *extra, env={"SOURCE_DATE_EPOCH": epoch(day)})
    md = out / f"创建工作月报-{month}.md"
    return done, md.read_text(encoding="utf-8") if md.exists() else "", out / f"创建工作月报-{month}.xlsx"


def section(markdown: str, unit: str) -> str:
    """The report's section for one unit."""
    start = re.search(rf"^### \d+\. {re.escape(unit)}$", markdown, re.M).end()
    end = markdown.find("\n### ", start)
    return markdown[start:end if end > 0 else None]


# ---------------------------------------------------------------------------
# 最后更新
# ---------------------------------------------------------------------------


def test_last_updated_on_pages_and_in_the_register(history: Path, tmp_path: Path) -> None:
    result = build(history, tmp_path / "out")
    assert result.ok, result.error
    shown = {i: definitions(result.page(f"indicators/{i}/index.html"), "es-facts")["最后更新"] for i in ("N001", "N002", "P001")}
    # P001's page last changed in May; one of the files it cites was replaced in June.
    assert shown == {"N001": "2021-04-12", "N002": "2021-04-12", "P001": "2021-06-08"}
    ws = openpyxl.load_workbook(tmp_path / "out" / "exports" / "工作台账.xlsx").active
    column = [c.value for c in ws[1]].index("最后更新")
    dates = {r[1].value: r[column] for r in ws.iter_rows(min_row=2)}
    assert {k: c.value.date().isoformat() for k, c in dates.items()} == shown and all(c.is_date for c in dates.values())


def test_page_without_history_says_so(history: Path, tmp_path: Path) -> None:
    site = tmp_path / "copy"
    shutil.copytree(history, site)  # the same site outside the repository
    result = build(site, tmp_path / "out")
    facts = definitions(result.page("indicators/N001/index.html"), "es-facts")
    assert facts["最后更新"] == "暂无版本记录" and facts["状态"] == "已完成"
    assert any("最后更新日期:网站目录不在 Git 仓库中" in m for m in result.messages())


# ---------------------------------------------------------------------------
# The monthly report
# ---------------------------------------------------------------------------


def test_april_report_lists_what_changed_in_april(history: Path) -> None:
    done, md, xlsx = report(history, "2021-04", dt.date(2021, 6, 20))
    assert done.returncode == 0, done.stderr
    assert "比较基准:上月末为2021-03-31 的版本" in md and "本月末为2021-04-30 的版本" in md
    assert "| 已完成 | 1 | 2 | +1 |" in md
    assert "| N002 | 优化法治化营商环境 | 状态变化 | 推进中 → 已完成 |" in section(md, "市发展改革委")
    ownership = section(md, "市司法局")
    assert "| P001 | 规范性文件备案审查 | 新增证据 | 文件:规范性文件备案审查台账 |" in ownership
    assert "新增证据 | 文件:不公开材料(实地核查时提供)" in ownership
    assert "内部审查意见" not in md, "a non-public title stays out of the default (public) report"
    assert "状态变化" not in ownership, "P001 was completed in May, not April"
    lists = section(md, "市委编办")
    assert "问题销号 | 部分县区权责清单未及时调整(销号 2021-04-10)" in lists
    assert "新增问题 | 动态调整机制未覆盖乡镇" in lists
    assert "| N001 | 动态调整机制未覆盖乡镇 | 印发乡镇权责清单管理办法 | 2021-06-30 |" in lists
    assert "报送时限:2021-05-05 前" in md
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["汇总", "本月变化", "逾期事项", "未销号问题"]
    changes = [r for r in book["本月变化"].iter_rows(min_row=2, values_only=True)]
    assert sorted((r[1], r[3]) for r in changes) == sorted([("N001", "问题销号"), ("N001", "新增问题"), ("N002", "状态变化"),
                                                            ("P001", "新增证据"), ("P001", "新增证据")])
    summary = {r[1]: r for r in book["汇总"].iter_rows(min_row=2, values_only=True)}
    assert summary["市发展改革委"][3] == 1 and summary["市发展改革委"][10] == 1  # 已完成, 本月变化


def test_assessor_report_names_non_public_evidence(history: Path) -> None:
    out = history.parent / "reports-assessor"
    done = run_script("report.py", "2021-04", "--site", history, "-o", out,
                      env={"SOURCE_DATE_EPOCH": epoch(dt.date(2021, 6, 20)), "SITE_AUDIENCE": "assessor"})
    assert done.returncode == 0, done.stderr
    assert "文件:内部审查意见汇编" in (out / "创建工作月报-2021-04.md").read_text(encoding="utf-8")


def test_running_month_compares_with_the_working_tree(history: Path) -> None:
    done, md, _ = report(history, "2021-06", dt.date(2021, 6, 20))
    assert done.returncode == 0, done.stderr
    assert "本月末为当前文件(截至 2021-06-20" in md
    assert "本月变化:没有变化" in md  # June replaced a file no page change shows


def test_may_report(history: Path) -> None:
    _, md, _ = report(history, "2021-05", dt.date(2021, 6, 20))
    assert "| P001 | 规范性文件备案审查 | 状态变化 | 推进中 → 已完成 |" in section(md, "市司法局")
    assert "本月变化:状态变化 1 项。" in md


def test_month_before_any_commit(history: Path) -> None:
    done, md, _ = report(history, "2021-02", dt.date(2021, 6, 20))
    assert done.returncode == 0
    assert "2021年2月底之前没有版本记录,无法列出本月变化;以下为当前状态。" in md


def test_report_without_git_says_so(base_site: Path) -> None:
    done, md, xlsx = report(base_site, "2021-04", dt.date(2021, 5, 3))
    assert done.returncode == 0, done.stderr
    assert "没有 Git 版本记录" in done.stdout and "没有 Git 版本记录" in md
    assert "| 已完成 | 1 |" in md and "## 牵头单位排名" in md and xlsx.is_file()


@pytest.mark.parametrize("args", [["2021-13"], ["四月"], [], ["2021-04", "--bogus"], ["2099-01"]])
def test_report_usage_errors(base_site: Path, args: list[str]) -> None:
    done = run_script("report.py", *args, cwd=base_site)
    assert done.returncode == 2
    assert re.search(r"[\u4e00-\u9fff]", done.stderr) and "Traceback" not in done.stderr
    assert not (base_site / "reports").exists()


def test_report_refuses_a_folder_that_is_not_a_site(tmp_path: Path) -> None:
    done = run_script("report.py", "2021-04", "--site", tmp_path)
    assert done.returncode == 2 and "不是证据站目录" in done.stderr
