"""Registers as offices keep them, made with openpyxl for the import tests: a title row,
merged level-1 and level-2 cells, blank rows, numbers as text, dates as Excel dates or
as Chinese text; and the site's own export (工作台账.xlsx) built from a loaded site."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from conftest import REPO, site_config_text
from evidencesite.publishing import exports
from evidencesite.loading.loader import Site
from evidencesite.figures.progress import Board

WIDE = str.maketrans("(),", "\uff08\uff09\uff0c")  # full-width punctuation, as Chinese Excel users type it
TITLE = "濮阳市法治政府建设示范市创建指标体系及责任分工"
NATIONAL_HEADER = ["一级指标", "二级指标", "序号", "三级指标", "牵头单位", "配合单位", "完成时限", "备注"]
# Rows as the register has them; None under a merged cell. Row 3 of the sheet is the first.
NATIONAL_ROWS: list[list[Any]] = [
    ["一、依法全面履行政府职能(135分)".translate(WIDE), "(一)政府机构职能优化协同高效".translate(WIDE), 1,
     "1.按照中央部署完成政府机构改革任务,推进政府职能优化协同高效,确保机构职能体系更加完善。".translate(WIDE),
     "市委编办", "市司法局、各县(区)政府", dt.datetime(2021, 4, 30), "重点"],
    [None, None, "2", "权责清单动态管理", "市委编办", None, "2021年4月30日", None],
    [None, None, None, None, None, None, None, None],
    [None, "(二)优化法治化营商环境", 3.0, "优化法治化营商环境", "市发展改革委", "市市场监管局 市政务服务和大数据管理局",
     "长期坚持", None],
    ["二、完善依法行政制度体系", "(一)加强规范性文件监督管理", "\uff14", "规范性文件备案审查", "市司法局",
     "各县(区)政府", 44377, None],
    [None, None, 5, "行政规范性文件合法性审核", "市司法局", None, "2021/6/30", None],
]
NATIONAL_MERGES = ["A3:A6", "B3:B4", "A7:A8", "B7:B8"]
PROVINCE_HEADER = ["序号", "指标内容", "牵头单位", "一级指标", "时间节点"]
PROVINCE_ROWS = [[1, "行政执法“三项制度”全面落实", "市司法局", "四、坚持严格规范公正文明执法", dt.date(2021, 5, 31)],
                 [2, "“双随机、一公开”监管全覆盖", "市市场监管局", "五、强化对行政权力的制约和监督", None]]
CITY_HEADER = ["编号", "三级指标", "牵头单位", "配合单位", "一级指标", "完成时限"]
CITY_ROWS = [["C001", "打造全省一流法治化营商环境", "市发展改革委", "市司法局", "一、依法全面履行政府职能", "2021年底"]]


def workbook(path: Path, sheets: dict[str, tuple[list[str], list[list[Any]]]],
             merges: dict[str, list[str]] | None = None, title: str | None = TITLE) -> Path:
    """A workbook with one sheet per entry: an optional merged title row, the header, the rows."""
    book = Workbook()
    book.remove(book.active)
    for name, (header, rows) in sheets.items():
        sheet = book.create_sheet(name)
        if title:
            sheet.append([title])
            sheet.merge_cells(f"A1:{get_column_letter(len(header))}1")
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        for cells in (merges or {}).get(name, []):
            sheet.merge_cells(cells)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def office_register(path: Path) -> Path:
    """The register in three sheets named for their sources, with every quirk offices have."""
    return workbook(path, {"国家指标": (NATIONAL_HEADER, NATIONAL_ROWS), "省定特色指标": (PROVINCE_HEADER, PROVINCE_ROWS),
                           "市定特色指标": (CITY_HEADER, CITY_ROWS)}, {"国家指标": NATIONAL_MERGES})


def csv_rows(header: list[str], rows: list[list[Any]]) -> list[list[str]]:
    """What Excel writes when it saves a sheet as CSV: merged cells keep their value only in
    the first row, dates as 2021/4/30, numbers as text, the title row padded with commas."""
    def text(value: Any) -> str:
        if isinstance(value, (dt.datetime, dt.date)):
            return f"{value.year}/{value.month}/{value.day}"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return "" if value is None else str(value)
    out = [[TITLE] + [""] * (len(header) - 1), header]
    return out + [[text(v) for v in row] for row in rows]


def shipped_site(dest: Path) -> Path:
    """The repository's own site content (framework, W pages, evidence) with its mkdocs.yml."""
    shutil.copytree(REPO / "docs", dest / "docs")
    shutil.copytree(REPO / "evidence", dest / "evidence")
    (dest / "mkdocs.yml").write_text(site_config_text(), encoding="utf-8")
    return dest


def export_workbook(site: Site, path: Path) -> Path:
    """工作台账.xlsx exactly as the build exports it (evidencesite.publishing.exports), for the round trip."""
    files = exports.export_files(Board(site, dt.date(2021, 5, 1)))
    path.write_bytes(files[f"{exports.EXPORTS_DIR}/{exports.REGISTER}.xlsx"])
    return path
