"""The reports the office sends (scripts/report.py): a month, two months and a quarter,
on a site whose history holds every kind of evidence (photos among them), as Word,
Markdown and Excel written as one set, the quarter's 通报 draft, and the print setup of
every workbook. Documents are opened with independent readers (python-docx, openpyxl,
LibreOffice and pypdf where LibreOffice is installed)."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import openpyxl
import pytest

from conftest import REPO, epoch, make_site, run_script
from evidence_samples import docx as docx_file, photo, scanned_pdf, text_pdf
from test_history import commit, edit, git

from evidencesite.model.periods import PeriodKind, parse_period

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

EVERY_KIND = """evidence:
  - title: 推进会现场照片
    type: 图片
    file: N002/推进会.jpg
  - title: 政务服务大厅照片
    type: 图片
    file: N002/大厅.png
  - title: 优化营商环境实施方案
    type: 文件
    file: N002/实施方案.pdf
  - title: 工作情况简介
    type: 情况简介
    file: N002/情况简介.docx
  - title: 扫描版会议纪要
    type: 文件
    file: N002/会议纪要.pdf
    public: false
  - title: 内部照片
    type: 图片
    file: N002/内部.jpg
    public: false
  - title: 我市召开优化营商环境推进会
    type: 新闻链接
    url: https://www.puyang.gov.cn/news/2021/0315.html
  - title: 市政府常务会议研究营商环境工作
    type: 新闻链接
    url: https://www.puyang.gov.cn/news/2021/0409.html
"""


@pytest.fixture(scope="module")
def photo_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository whose March commit already holds photos, and whose April and May
    commits add evidence of every kind, change a lead, a due date and only the prose."""
    repo = tmp_path_factory.mktemp("photos")
    site = make_site(repo / "网站", "base-site")
    shutil.copy(REPO / "docs" / "indicators" / "phases.yml", site / "docs" / "indicators")
    pages, evidence = site / "docs" / "indicators", site / "evidence" / "N002"
    evidence.mkdir()
    (evidence / "推进会.jpg").write_bytes(photo(comment="张三 13812345678"))
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    edit(pages / "N002.md", "evidence:\n", "evidence:\n  - title: 推进会现场照片\n    type: 图片\n    file: N002/推进会.jpg\n")
    commit(repo, "2021-03-10T10:00:00+08:00", "三月:一张照片")
    (evidence / "大厅.png").write_bytes(photo("PNG"))
    (evidence / "内部.jpg").write_bytes(photo())
    (evidence / "实施方案.pdf").write_bytes(text_pdf("Implementation plan"))
    (evidence / "会议纪要.pdf").write_bytes(scanned_pdf())
    (evidence / "情况简介.docx").write_bytes(docx_file(["优化营商环境工作情况简介"]))
    text = (pages / "N002.md").read_text(encoding="utf-8")
    text = re.sub(r"evidence:\n(?:  .*\n|    .*\n)+", EVERY_KIND, text)
    (pages / "N002.md").write_text(text, encoding="utf-8")
    edit(pages / "N001.md", "due: 2021-04-30", "due: 2021-05-31")
    edit(pages / "P001.md", "lead: 市司法局", "lead: 市委编办")
    commit(repo, "2021-04-12T16:30:00+08:00", "四月:各种证据")
    edit(pages / "N002.md", "正在推进。", "已召开推进会两次,印发实施方案,政务服务大厅完成改造。")
    commit(repo, "2021-05-06T09:00:00+08:00", "五月:只改了情况说明")
    return site


def run_report(site: Path, period: str, day: dt.date, *extra: str, out: Path | None = None,
               env: dict | None = None) -> tuple[subprocess.CompletedProcess, Path]:
    out = out or site.parent / f"reports-{period}-{day.isoformat()}"
    done = run_script("report.py", period, "--site", site, "-o", out, *extra,
                      env={"SOURCE_DATE_EPOCH": epoch(day), **(env or {})})
    return done, out


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def commits_of(site: Path) -> list[str]:
    out = subprocess.run(["git", "-C", str(site), "log", "--format=%H"], capture_output=True, text=True, check=True)
    return out.stdout.split()


# ---------------------------------------------------------------------------
# A history with photos (the traceback of issue 12)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("audience", ["public", "assessor"])
def test_report_on_a_history_holding_photos_and_every_evidence_kind(photo_history: Path, audience: str) -> None:
    done, out = run_report(photo_history, "2021-04", dt.date(2021, 6, 20), env={"SITE_AUDIENCE": audience})
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    md = (out / "创建工作月报-2021-04.md").read_text(encoding="utf-8")
    for line in ("| N002 | 优化法治化营商环境 | 新增证据 | 图片:政务服务大厅照片 |",
                 "| N002 | 优化法治化营商环境 | 新增证据 | 文件:优化营商环境实施方案 |",
                 "| N002 | 优化法治化营商环境 | 新增证据 | 情况简介:工作情况简介 |",
                 "| N002 | 优化法治化营商环境 | 新增证据 | 新闻链接:市政府常务会议研究营商环境工作 |"):
        assert line in md
    assert "图片:推进会现场照片" not in md and "我市召开优化营商环境推进会" not in md, "both were there in March"
    if audience == "public":
        assert "内部照片" not in md and "扫描版会议纪要" not in md
        assert "| 新增证据 | 文件:不公开材料(实地核查时提供) |" in md and "| 新增证据 | 图片:不公开材料(实地核查时提供) |" in md
    else:
        assert "新增证据 | 图片:内部照片" in md and "新增证据 | 文件:扫描版会议纪要" in md


def test_lead_and_due_changes_are_work_of_the_period(photo_history: Path) -> None:
    done, out = run_report(photo_history, "2021-04", dt.date(2021, 6, 20))
    md = (out / "创建工作月报-2021-04.md").read_text(encoding="utf-8")
    assert "| N001 | 权责清单动态管理 | 时间节点调整 | 2021-04-30 → 2021-05-31 |" in md
    assert "| P001 | 规范性文件备案审查 | 牵头单位变化 | 市司法局 → 市委编办 |" in md


def test_a_prose_only_update_is_a_change(photo_history: Path) -> None:
    done, out = run_report(photo_history, "2021-05", dt.date(2021, 6, 20))
    assert done.returncode == 0, done.stderr
    md = (out / "创建工作月报-2021-05.md").read_text(encoding="utf-8")
    assert "| N002 | 优化法治化营商环境 | 情况说明更新 | 已召开推进会两次,印发实施方案,政务服务大厅完成改造。 |" in md
    assert "本月变化:情况说明更新 1 项。" in md


def test_sendable_documents_name_no_commit(photo_history: Path) -> None:
    done, out = run_report(photo_history, "2021-04", dt.date(2021, 6, 20))
    hashes = commits_of(photo_history)
    sent = (out / "创建工作月报-2021-04.md").read_text(encoding="utf-8") + docx_text(out / "创建工作月报-2021-04.docx")
    assert "提交" not in sent and not any(h[:7] in sent for h in hashes)
    assert "比较基准:上月末为2021-03-31 的版本,本月末为2021-04-30 的版本。" in sent
    # The person running the command still sees which versions were compared.
    assert re.search(re.escape("比较的版本(仅供核对,不写入报告):") + r"上月末:提交 [0-9a-f]{7};本月末:提交 [0-9a-f]{7}",
                     done.stdout)


# ---------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, kind, start, end, stem", [
    ("2021-04", PeriodKind.MONTH, "2021-04-01", "2021-05-01", "创建工作月报-2021-04"),
    ("2021-12", PeriodKind.MONTH, "2021-12-01", "2022-01-01", "创建工作月报-2021-12"),
    ("2021-04~05", PeriodKind.TWO_MONTHS, "2021-04-01", "2021-06-01", "双月检查情况报告-2021-04至05"),
    ("2021-04至05", PeriodKind.TWO_MONTHS, "2021-04-01", "2021-06-01", "双月检查情况报告-2021-04至05"),
    ("2021-11～12", PeriodKind.TWO_MONTHS, "2021-11-01", "2022-01-01", "双月检查情况报告-2021-11至12"),
    ("2021-Q2", PeriodKind.QUARTER, "2021-04-01", "2021-07-01", "季度点评报告-2021-Q2"),
    ("2021q4", PeriodKind.QUARTER, "2021-10-01", "2022-01-01", "季度点评报告-2021-Q4"),
    ("２０２１－Ｑ１", PeriodKind.QUARTER, "2021-01-01", "2021-04-01", "季度点评报告-2021-Q1"),
])
def test_periods_as_staff_type_them(text, kind, start, end, stem) -> None:
    period = parse_period(text)
    assert period is not None
    assert (period.kind, period.start.isoformat(), period.end.isoformat(), period.stem) == (kind, start, end, stem)


@pytest.mark.parametrize("text", ["2021-04~06", "2021-12~13", "2021-Q5", "2021-05~04", "第二季度", "2021-00", "2021-04-05"])
def test_periods_that_are_not_periods(text) -> None:
    assert parse_period(text) is None


def test_two_month_inspection_report(photo_history: Path) -> None:
    done, out = run_report(photo_history, "2021-04~05", dt.date(2021, 6, 20))
    assert done.returncode == 0, done.stderr
    md = (out / "双月检查情况报告-2021-04至05.md").read_text(encoding="utf-8")
    assert md.startswith("# 测试站点 双月检查情况报告(2021年4—5月)")
    assert "比较基准:上期末为2021-03-31 的版本,本期末为2021-05-31 的版本。" in md
    assert "情况说明更新" in md and "时间节点调整" in md, "both months' changes are in the period"
    assert "报送时限" not in md, "the 5th-of-the-month deadline is for monthly reports"
    assert openpyxl.load_workbook(out / "双月检查情况报告-2021-04至05.xlsx").sheetnames == ["汇总", "本期变化", "逾期事项", "未销号问题"]


def test_quarter_report_with_per_unit_content(photo_history: Path) -> None:
    done, out = run_report(photo_history, "2021-Q2", dt.date(2021, 7, 10))
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == ["创建工作通报-2021-Q2.docx", "创建工作通报-2021-Q2.md", "季度点评报告-2021-Q2.docx",
                     "季度点评报告-2021-Q2.md", "季度点评报告-2021-Q2.xlsx"]
    md = (out / "季度点评报告-2021-Q2.md").read_text(encoding="utf-8")
    unit = md[md.index("### 1. 市委编办"):]
    unit = unit[:unit.find("\n### ", 5)]
    assert "**(一)主要工作**" in unit and "**(二)存在问题**" in unit and "**(三)下步打算**" in unit
    # N001 fell due on 2021-05-31 and is done; P001 (now led by 市委编办) has no due date.
    assert "| P001 | 规范性文件备案审查 | 牵头单位变化 | 市司法局 → 市委编办 |" in unit
    assert "## 各县(区)工作" in md
    assert "| N001 | 权责清单动态管理 | 各县(区)政府 | 配合 | 已完成 | 2021-05-31 | 否 |" in md


def test_problems_and_next_steps_of_a_unit(base_site: Path) -> None:
    page = base_site / "docs" / "indicators" / "N002.md"
    edit(page, "status: 推进中", "due: 2021-03-31\nstatus: 推进中\nproblems:\n  - problem: 大厅窗口未整合\n"
                                 "    measure: 整合为综合窗口\n    due: 2021-05-20")
    edit(base_site / "docs" / "indicators" / "P001.md", "status: 推进中", "due: 2021-05-15\nstatus: 推进中")
    done, out = run_report(base_site, "2021-04", dt.date(2021, 5, 2))
    assert done.returncode == 0, done.stderr
    md = (out / "创建工作月报-2021-04.md").read_text(encoding="utf-8")
    reform = md[md.index(". 市发展改革委"):]
    reform = reform[:reform.find("\n### ")]
    assert "逾期事项 1 项:" in reform and "| N002 | 优化法治化营商环境 | 2021-03-31 | 31 | 推进中 |" in reform
    assert "| N002 | 大厅窗口未整合 | 整合为综合窗口 | 2021-05-20 |" in reform
    assert "- 2021-05-20 前完成整改:大厅窗口未整合(N002)" in reform
    assert "- 尽快完成已逾期的 1 项指标:N002。" in reform
    justice = md[md.index(". 市司法局"):]
    assert "- 2021-05-15 前完成 P001 规范性文件备案审查(时间节点,现推进中)" in justice


def test_returned_items_reach_the_unit_report(base_site: Path) -> None:
    """A package the 市级初评 returned is 存在问题 of its lead unit, with the comment, until passed."""
    done = run_script("review.py", "N002", "--result", "退回修改", "--by", "市委依法治市办",
                      "--comment", "缺少推进会会议纪要", "--date", "2021-04-20", "--site", base_site)
    assert done.returncode == 0, done.stderr
    done, out = run_report(base_site, "2021-04", dt.date(2021, 5, 3))
    assert done.returncode == 0, done.stderr
    md = (out / "创建工作月报-2021-04.md").read_text(encoding="utf-8")
    reform = md[md.index(". 市发展改革委"):]
    reform = reform[:reform.find("\n### ")]
    assert "市级初评退回修改 1 项:" in reform
    assert "| N002 | 优化法治化营商环境 | 2021-04-20 | 市委依法治市办 | 缺少推进会会议纪要 | 待修改 |" in reform
    assert "市级初评退回修改" not in md[md.index(". 市司法局"):]


# ---------------------------------------------------------------------------
# Word
# ---------------------------------------------------------------------------


def test_word_report_is_a4_styled_with_page_numbers(photo_history: Path) -> None:
    done, out = run_report(photo_history, "2021-04", dt.date(2021, 6, 20))
    document = docx.Document(str(out / "创建工作月报-2021-04.docx"))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    styles = [p.style.name for p in document.paragraphs]
    assert styles[0] == "Title" and document.paragraphs[0].text == "测试站点 创建工作月报(2021年4月)"
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["总体情况", "牵头单位排名", "各单位情况"]
    assert "1. 市委编办" in headings
    footer = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer and section.footer.paragraphs[0].text.startswith("第 ")
    ranking = next(t for t in document.tables if t.rows[0].cells[1].text == "牵头单位")
    assert "w:tblHeader" in ranking.rows[0]._tr.xml, "the header row repeats on every page"
    assert ranking.style.name == "Table Grid"
    assert document.core_properties.title == "测试站点 创建工作月报(2021年4月)"
    md = (out / "创建工作月报-2021-04.md").read_text(encoding="utf-8")
    for row in ranking.rows[1:]:
        assert "| " + " | ".join(c.text for c in row.cells) + " |" in md, "Word and Markdown say the same"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_word_report_opens_in_libreoffice(photo_history: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    done, out = run_report(photo_history, "2021-04", dt.date(2021, 6, 20))
    pdf = convert_to_pdf(out / "创建工作月报-2021-04.docx", tmp_path)
    reader = PdfReader(pdf)
    first = reader.pages[0]
    assert abs(float(first.mediabox.width) - 595) < 3 and abs(float(first.mediabox.height) - 842) < 3  # A4 points
    last = re.sub(r"\s+", "", reader.pages[-1].extract_text())
    assert f"第{len(reader.pages)}页共{len(reader.pages)}页" in last


# ---------------------------------------------------------------------------
# 通报 draft
# ---------------------------------------------------------------------------


def test_quarter_notice_names_top_and_bottom_units_with_figures(photo_history: Path) -> None:
    done, out = run_report(photo_history, "2021-Q2", dt.date(2021, 7, 10))
    md = (out / "创建工作通报-2021-Q2.md").read_text(encoding="utf-8")
    assert md.startswith("# 关于2021年第二季度法治政府建设示范创建工作进展情况的通报(代拟稿)")
    assert "截至6月30日,3 项创建指标已完成 1 项,完成率 33%(与上期末持平)" in md
    top = md[md.index("## 一、进展较快的单位"):md.index("## 二、进展较慢的单位")]
    bottom = md[md.index("## 二、进展较慢的单位"):md.index("## 三、下步要求")]
    assert "| 1 | 市委编办 | 2 | 1 | 50% | 0 |" in top and "市委编办工作推进有力" in top
    assert "| 2 | 市发展改革委 | 1 | 0 | 0% | 0 |" in bottom
    assert "市委编办" not in bottom
    assert docx_text(out / "创建工作通报-2021-Q2.docx").count("市发展改革委") == md.count("市发展改革委")


def test_ends_of_ranking_never_split_a_tie() -> None:
    from evidencesite.publishing.notice import ends_of_ranking
    from evidencesite.figures.progress import Ranked, Tally, Unit

    def ranked(*ranks: int) -> list[Ranked]:
        return [Ranked(r, Unit(f"单位{i}", str(i)), Tally()) for i, r in enumerate(ranks)]

    top, bottom = ends_of_ranking(ranked(1, 2, 2, 4, 5, 5, 5))
    assert [r.rank for r in top] == [1, 2, 2] and [r.rank for r in bottom] == [5, 5, 5]
    top, bottom = ends_of_ranking(ranked(1, 1, 1))
    assert len(top) == 3 and bottom == []
    assert ends_of_ranking([]) == ([], [])


# ---------------------------------------------------------------------------
# One set: all or nothing
# ---------------------------------------------------------------------------


def test_report_set_is_all_or_nothing(base_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    done, _ = run_report(base_site, "2021-04", dt.date(2021, 5, 3), out=out)
    assert done.returncode == 0, done.stderr
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    edit(base_site / "docs" / "indicators" / "P001.md", "status: 推进中", "status: 已完成")
    (out / "创建工作月报-2021-04.xlsx").unlink()
    (out / "创建工作月报-2021-04.xlsx").mkdir()  # a folder where the workbook should go: it cannot be replaced
    done, _ = run_report(base_site, "2021-04", dt.date(2021, 5, 3), out=out)
    assert done.returncode == 2
    assert "无法写入" in done.stderr and "创建工作月报-2021-04.xlsx" in done.stderr
    assert "一个文件也没有写入(原有文件保持不变)" in done.stderr and "Traceback" not in done.stderr
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == {k: v for k, v in before.items() if not k.endswith(".xlsx")}, "the old .md and .docx are intact"
    assert sorted(p.name for p in out.iterdir()) == sorted(before), "no temporary file is left"


def test_temporaries_of_an_interrupted_run_are_cleaned(base_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    (out / ".fileset-new-abc123.tmp").write_bytes(b"half a workbook")
    (out / ".fileset-old-99-0.tmp").write_bytes(b"an old report")
    (out / "说明.txt").write_text("staff's own file", encoding="utf-8")
    done, _ = run_report(base_site, "2021-04", dt.date(2021, 5, 3), out=out)
    assert done.returncode == 0, done.stderr
    assert "已清理上次中断时留下的 2 个临时文件。" in done.stdout
    assert sorted(p.name for p in out.iterdir()) == ["创建工作月报-2021-04.docx", "创建工作月报-2021-04.md",
                                                     "创建工作月报-2021-04.xlsx", "说明.txt"]


def test_a_file_that_cannot_be_replaced_puts_the_old_set_back(tmp_path: Path, monkeypatch) -> None:
    """As on Windows when Word holds the .docx open: the rename of the last file fails
    after the others were replaced, and every file is put back as it was."""
    import os

    from evidencesite.files import fileset

    names = ["报告.md", "报告.xlsx", "报告.docx"]
    for name in names:
        (tmp_path / name).write_text(f"old {name}", encoding="utf-8")
    real = os.replace

    def locked(src, dst):
        if Path(dst).name == "报告.docx" and Path(src).name.startswith(".fileset-new-"):
            raise PermissionError(13, "另一个程序正在使用此文件")
        return real(src, dst)

    monkeypatch.setattr(fileset.os, "replace", locked)
    with pytest.raises(fileset.SetNotWritten) as caught:
        fileset.write_set({tmp_path / name: f"new {name}".encode() for name in names})
    assert caught.value.path.name == "报告.docx" and caught.value.reason == "另一个程序正在使用此文件"
    assert {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()} == {n: f"old {n}" for n in names}


@pytest.mark.parametrize("args", [["2021-04~06"], ["2021-Q5"], ["2099-Q1"]])
def test_period_usage_errors(base_site: Path, args: list[str]) -> None:
    done = run_script("report.py", *args, cwd=base_site)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "2021-04~05" in done.stderr or "还没有开始" in done.stderr
    assert not (base_site / "reports").exists()


# ---------------------------------------------------------------------------
# Printing the workbooks
# ---------------------------------------------------------------------------


def assert_prints_like_a_ledger(sheet, title: str) -> None:
    setup = sheet.page_setup
    assert (str(setup.paperSize), setup.orientation) == (str(sheet.PAPERSIZE_A4), "landscape")
    assert (setup.fitToWidth, setup.fitToHeight, sheet.sheet_properties.pageSetUpPr.fitToPage) == (1, 0, True)
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.oddHeader.center.text == title and sheet.oddFooter.center.text == "第 &P 页 共 &N 页"
    corner = sheet.cell(row=sheet.max_row, column=sheet.max_column)
    assert all(getattr(corner.border, side).style == "thin" for side in ("left", "right", "top", "bottom"))
    assert sheet["A1"].border.top.style == "thin"


def test_report_workbook_prints_as_ledgers(base_site: Path, tmp_path: Path) -> None:
    done, out = run_report(base_site, "2021-04", dt.date(2021, 5, 3), out=tmp_path / "r")
    book = openpyxl.load_workbook(out / "创建工作月报-2021-04.xlsx")
    for sheet in book.worksheets:
        assert_prints_like_a_ledger(sheet, f"创建工作月报(2021年4月) {sheet.title}")


def test_site_exports_print_as_ledgers(demo_build) -> None:
    for name in ("工作台账", "整改台账"):
        book = openpyxl.load_workbook(demo_build.out / "exports" / f"{name}.xlsx")
        assert_prints_like_a_ledger(book.active, name)
        assert book.active["A1"].value == "序号", "row 1 stays the header: the register reads back"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_register_prints_landscape_with_every_column_on_each_page(demo_build, tmp_path: Path) -> None:
    """The defect: 工作台账 printed as 28 portrait pages with its columns split."""
    from pypdf import PdfReader

    reader = PdfReader(convert_to_pdf(demo_build.out / "exports" / "工作台账.xlsx", tmp_path))
    pages = reader.pages
    assert 1 < len(pages) < 28
    for page in pages:
        assert float(page.mediabox.width) > float(page.mediabox.height), "landscape"
        text = page.extract_text()
        # First and last column on every page: no column is split onto pages of its own.
        assert "序号" in text and "最后更新" in text and "工作台账" in text
    assert f"第{len(pages)}页共{len(pages)}页" in re.sub(r"\s+", "", pages[-1].extract_text())


def convert_to_pdf(source: Path, folder: Path) -> Path:
    profile = folder / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=300)
    return folder / (source.stem + ".pdf")


def test_the_word_report_is_the_same_bytes_whenever_it_is_made(monkeypatch):
    """python-docx dates every zip entry with the clock; the report is dated by its period,
    so making it again later (or on another machine) gives the same file."""
    import time

    from evidencesite.publishing.document import Document, Heading, Paragraph, to_docx

    report = Document("濮阳市法治政府建设示范创建工作月报(2021年4月)", [Heading("一、主要工作"), Paragraph("完成 3 项。")])
    made = []
    for clock in (1_618_000_000, 1_700_000_000):
        monkeypatch.setattr(time, "time", lambda clock=clock: clock)
        made.append(to_docx(report, dt.date(2021, 4, 30)))
    assert made[0] == made[1]
    assert docx.Document(io.BytesIO(made[0])).paragraphs[0].text.startswith("濮阳市")
