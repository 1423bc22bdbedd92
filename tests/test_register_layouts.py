"""Registers laid out the way offices lay them out (issue 12, section 1): group headers
merged over sub-headers, 序号 and 完成时限 merged down both header rows, the same sheet
saved as CSV (merged cells then keep their text in the first cell only), and every
workbook also saved through LibreOffice, as offices using WPS or LibreOffice save it."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook

from evidencesite.model import Framework
from evidencesite.intake.register import read_register

FRAMEWORK = Framework("", {}, {})
TITLE = "濮阳市法治政府建设示范市创建指标体系及责任分工"
ROWS = [[1, "一、依法全面履行政府职能", "(一)政府机构职能", "推进政府机构改革", "市委编办", "市司法局、各县(区)政府", "2021年6月30日", None],
        [2, None, None, "权责清单动态管理", "市委编办", None, "2021年4月30日", "重点"],
        [3, "二、完善依法行政制度体系", "(一)规范性文件", "规范性文件备案审查", "市司法局", "市政府办公室", "2021年12月31日", None]]
ROW_MERGES = ["B4:B5", "C4:C5"]  # sheet rows: the title is row 1, the header rows 2 and 3

# Each layout: the two header rows and the merged ranges of the header.
LAYOUTS = {
    # 责任分工 over 牵头单位/配合单位; the other headers merged down both rows: today row 2 alone
    # was taken as the header and row 3 read as an indicator.
    "group-over-units": ([["序号", "一级指标", "二级指标", "三级指标", "责任分工", None, "完成时限", "备注"],
                          [None, None, None, None, "牵头单位", "配合单位", None, None]],
                         ["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:F1", "G1:G2", "H1:H2"]),
    # 指标体系 over the three levels and 责任分工 over the units.
    "groups-over-levels-and-units": ([["序号", "指标体系", None, None, "责任分工", None, "完成时限", "备注"],
                                      [None, "一级指标", "二级指标", "三级指标", "牵头单位", "配合单位", None, None]],
                                     ["A1:A2", "B1:D1", "E1:F1", "G1:G2", "H1:H2"]),
}


def office_workbook(path: Path, layout: str) -> Path:
    header, merges = LAYOUTS[layout]
    book = Workbook()
    sheet = book.active
    sheet.title = "国家指标"
    sheet.append([TITLE])
    sheet.merge_cells("A1:H1")
    for row in [*header, *ROWS]:
        sheet.append(row)
    for cells in merges:  # header merges are written relative to the header's first row (2)
        first, last = cells.split(":")
        sheet.merge_cells(f"{first[0]}{int(first[1:]) + 1}:{last[0]}{int(last[1:]) + 1}")
    for cells in ROW_MERGES:
        sheet.merge_cells(cells)
    book.save(path)
    return path


def office_csv(path: Path, layout: str) -> Path:
    """The same sheet as Excel saves it to CSV: a merged cell's text in its first cell only."""
    header, _ = LAYOUTS[layout]
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([TITLE] + [""] * 7)
        for row in [*header, *ROWS]:
            writer.writerow(["" if v is None else v for v in row])
    return path


def through_libreoffice(path: Path, tmp_path: Path) -> Path:
    """The workbook opened and saved again by LibreOffice (a profile of its own, so parallel runs do not clash)."""
    out = tmp_path / "lo"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=180)
    return out / path.name


def read(path: Path):
    register = read_register(path, FRAMEWORK)
    return register, [n.format() for n in register.notices]


SAVERS = ["openpyxl", "csv", pytest.param("libreoffice", marks=pytest.mark.skipif(
    not shutil.which("soffice"), reason="LibreOffice (soffice) 未安装"))]


@pytest.mark.parametrize("saver", SAVERS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_two_row_headers_are_one_header(layout, saver, tmp_path):
    if saver == "csv":
        path = office_csv(tmp_path / "国家指标.csv", layout)
    else:
        path = office_workbook(tmp_path / "指标体系.xlsx", layout)
        if saver == "libreoffice":
            path = through_libreoffice(path, tmp_path)
    register, notices = read(path)
    assert register.errors == [], notices
    assert [(r.id, r.title, r.lead, r.partners, r.due.isoformat()) for r in register.rows] == [
        ("N001", "推进政府机构改革", "市委编办", ["市司法局", "各县(区)政府"], "2021-06-30"),
        ("N002", "权责清单动态管理", "市委编办", [], "2021-04-30"),
        ("N003", "规范性文件备案审查", "市司法局", ["市政府办公室"], "2021-12-31")]
    assert [(r.area.title, r.group.ordinal) for r in register.rows] == [
        ("依法全面履行政府职能", 1), ("依法全面履行政府职能", 1), ("完善依法行政制度体系", 1)]
    where = "国家指标.csv" if saver == "csv" else "指标体系.xlsx 工作表“国家指标”"
    assert notices == [f"【提示】{where} 第3行 H列(备注):“备注”只留在登记表中,不写入页面,已忽略。"]


def test_a_header_without_a_title_column_is_one_error_that_says_which(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "国家指标"
    sheet.append(["序号", "一级指标", "工作任务", "牵头单位", "配合单位"])
    sheet.append([1, "一、依法全面履行政府职能", "推进政府机构改革", "市委编办", None])
    book.save(tmp_path / "r.xlsx")
    register, notices = read(tmp_path / "r.xlsx")
    assert notices == ["【错误】r.xlsx 工作表“国家指标” 第1行:这一行像是表头(有序号、牵头单位等列),但没有“三级指标”“指标内容”或"
                       "“指标名称”列,这张工作表无法导入。 修改方法:把写指标名称的那一列的表头改为“三级指标”(两行表头时写在下一行),"
                       "再重新导入。"]


# ---------------------------------------------------------------------------
# Numbering that starts again on each sheet: areas belong to their source
# ---------------------------------------------------------------------------


def test_provincial_and_city_sheets_numbering_again_get_areas_of_their_own(tmp_path, capsys, monkeypatch):
    from import_register import main

    from conftest import load
    from registers import shipped_site, workbook
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1619870400")
    site = shipped_site(tmp_path / "site")
    national = load(site).framework.areas["1"].title
    header = ["序号", "一级指标", "三级指标", "牵头单位"]
    path = workbook(tmp_path / "指标体系.xlsx", {
        "国家指标": (["序号", "一级指标", "二级指标", "三级指标", "牵头单位"],
                 [[1, f"一、{national}(180分)", "(一)政府机构职能", "推进政府机构改革", "市委编办"]]),
        "省定特色指标": (header, [[1, "一、法治化营商环境(40分)", "营商环境评价", "市发展改革委"],
                           [2, "二、基层法治建设", "乡镇(街道)法治建设", "市司法局"],
                           [3, "四、坚持严格规范公正文明执法", "行政执法三项制度", "市司法局"]]),
        "市定特色指标": (header, [[1, "一、法治宣传教育", "“八五”普法", "市委宣传部"]])})
    assert main([str(path), "--site", str(site)]) == 0, capsys.readouterr().out
    out = capsys.readouterr().out
    areas = load(site).framework.areas
    assert (areas["P1"].title, areas["P2"].title, areas["C1"].title) == ("法治化营商环境", "基层法治建设", "法治宣传教育")
    assert areas["1"].title == national and "一级指标 1 名称" not in out
    assert {i.id: i.area for i in load(site).indicators.values() if i.source in "NPC"} == {
        "N001": "1", "P001": "P1", "P002": "P2", "P003": "4", "C001": "C1"}
    assert "新增一级指标 P1 法治化营商环境" in out
    assert main([str(path), "--site", str(site)]) == 0
    assert capsys.readouterr().out.startswith("登记表与网站一致")


# ---------------------------------------------------------------------------
# Points (分值) are data, not part of a title
# ---------------------------------------------------------------------------


def test_points_from_title_note_or_column_become_the_points_field(tmp_path, capsys, monkeypatch):
    from import_register import main

    from conftest import load, run_script
    from registers import shipped_site, workbook
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1619870400")
    site = shipped_site(tmp_path / "site")
    header = ["序号", "一级指标", "二级指标", "三级指标", "牵头单位", "备注"]
    rows = [[1, "一、政府职能依法全面履行(180分)", "(一)机构职能", "推进政府机构改革(3分)", "市委编办", None],
            [2, None, None, "权责清单动态管理", "市委编办", "分值2.5分,重点"],
            [3, None, None, "优化营商环境", "市发展改革委", None]]
    path = workbook(tmp_path / "指标体系.xlsx", {"国家指标": (header, rows)}, {"国家指标": ["B3:B5", "C3:C5"]})
    assert main([str(path), "--site", str(site)]) == 0, capsys.readouterr().out
    capsys.readouterr()
    pages = {i.id: (i.title, i.points) for i in load(site).indicators.values() if i.source == "N"}
    assert pages == {"N001": ("推进政府机构改革", 3.0), "N002": ("权责清单动态管理", 2.5), "N003": ("优化营商环境", None)}
    assert "points: 3\n" in (site / "docs/indicators/N001.md").read_text(encoding="utf-8")
    with_column = workbook(tmp_path / "v2.xlsx", {"国家指标": ([*header[:5], "分值"], [
        [*r[:5], p] for r, p in zip(rows, ["3分", 2.5, "4"])])}, {"国家指标": ["B3:B5", "C3:C5"]})
    assert main([str(with_column), "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert "修改 docs/indicators/N003.md:增加 points(分值) “4”" in out and "N001.md" not in out
    assert run_script("check.py", site).returncode == 0


@pytest.mark.parametrize("saver", SAVERS)
def test_numbering_that_begins_again_under_each_area_is_numbered_in_order(saver, tmp_path):
    """Offices often number 1, 2 under 一、 and 1 again under 二、: one run per area, not
    duplicate IDs. The register's order numbers the source; a restart anywhere else, or
    a number missing within an area, is still the error it was."""
    rows = [[1, "一、依法全面履行政府职能", "(一)政府机构职能", "推进政府机构改革", "市委编办", None, None, None],
            [2, None, None, "权责清单动态管理", "市委编办", None, None, None],
            [1, "二、完善依法行政制度体系", "(一)规范性文件", "规范性文件备案审查", "市司法局", None, None, None],
            [2, None, None, "规章清理", "市司法局", None, None, None],
            [3, None, "(二)重大行政决策", "决策程序", "市司法局", None, None, None]]
    path = office_workbook(tmp_path / "指标体系.xlsx", "group-over-units")
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book.active
    sheet.unmerge_cells("B4:B5")
    sheet.unmerge_cells("C4:C5")
    sheet.delete_rows(4, 3)
    for row in rows:
        sheet.append(row)
    book.save(path)
    if saver == "csv":
        out = tmp_path / "国家指标.csv"
        with open(out, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerows([["" if v is None else v for v in r] for r in sheet.iter_rows(values_only=True)])
        path = out
    elif saver == "libreoffice":
        path = through_libreoffice(path, tmp_path)
    register, notices = read(path)
    assert register.errors == [], notices
    assert [(r.id, r.title) for r in register.rows] == [
        ("N001", "推进政府机构改革"), ("N002", "权责清单动态管理"), ("N003", "规范性文件备案审查"),
        ("N004", "规章清理"), ("N005", "决策程序")]
    assert any("国家指标的序号在每个一级(或二级)指标下从 1 重新编起(共 2 段),按登记表中的顺序连续编为 N001–N005。" in n
               for n in notices), notices


def test_a_restart_inside_an_area_is_still_a_duplicate(tmp_path):
    path = tmp_path / "国家指标.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerows([["序号", "一级指标", "二级指标", "三级指标", "牵头单位"],
                          [1, "一、依法全面履行政府职能", "(一)政府机构职能", "推进政府机构改革", "市委编办"],
                          [2, "", "", "权责清单动态管理", "市委编办"],
                          [1, "", "", "规范性文件备案审查", "市司法局"]])
    register, notices = read(path)
    assert any("编号 N001 出现了两次" in n for n in notices), notices
