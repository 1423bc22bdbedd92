"""The registers as files staff open in Excel or WPS, and the whole model as JSON.

`工作台账` (one row per indicator, the columns the register importer reads back) and
`整改台账` (one row per problem) as xlsx and CSV, and `indicators.json` for other tools.
Rows are built once as typed values (dates stay dates) and written three ways. The
bytes are reproducible: the xlsx carries the build date, not the clock; hooks/mkdocs_adapter/exports.py
writes them through atomicwrite, so a failure never leaves half a file.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import functools
import importlib.metadata

from evidencesite.files.cache import Cache
from evidencesite.editing.page_edit import points_text
from evidencesite.figures.progress import Board, LedgerRow
from evidencesite.model import Area, Group

EXPORTS_DIR = "exports"
REGISTER = "工作台账"
LEDGER = "整改台账"
MODEL_JSON = f"{EXPORTS_DIR}/indicators.json"
REGISTER_COLUMNS = ("序号", "编号", "来源", "一级指标", "二级指标", "指标名称", "牵头单位", "配合单位", "时间节点",
                    "时限说明", "分值", "状态", "证据数", "实地核查说明", "无材料说明", "是否逾期", "最后更新")
LEDGER_COLUMNS = ("序号", "编号", "指标名称", "牵头单位", "问题", "整改措施", "整改时限", "状态", "销号日期", "是否逾期")
YES, NO = "是", "否"


@dataclass(frozen=True)
class Table:
    """One sheet: a title (the sheet name), column names and rows of plain values."""

    title: str
    columns: Sequence[str]
    rows: list[list[Any]]


def export_paths() -> dict[str, str]:
    """Site path of every export -> what it is, in the order the home page lists them."""
    return {f"{EXPORTS_DIR}/{REGISTER}.xlsx": "工作台账(Excel)", f"{EXPORTS_DIR}/{REGISTER}.csv": "工作台账(CSV)",
            f"{EXPORTS_DIR}/{LEDGER}.xlsx": "整改台账(Excel)", f"{EXPORTS_DIR}/{LEDGER}.csv": "整改台账(CSV)",
            MODEL_JSON: "全部指标数据(JSON,供其他系统使用)"}


# ---------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------


def heading_cell(node: Area | Group | None) -> str:
    """An area or group as 工作台账 names it: "1 依法全面履行政府职能(180分)", its 分值 written
    the way registers write it, so that importing the export back keeps the points."""
    if node is None:
        return ""
    return f"{node.code} {node.title}" + (f"({points_text(node.points)}分)" if node.points is not None else "")


def register_table(board: Board) -> Table:
    """工作台账: one row per indicator page, in framework order."""
    site, fw = board.site, board.site.framework
    rows = []
    for n, ind in enumerate(site.indicators.values(), start=1):
        source, area, group = fw.sources.get(ind.source), fw.areas.get(ind.area), fw.groups.get(ind.group)
        rows.append([n, ind.id, source.name if source else ind.source, heading_cell(area), heading_cell(group), ind.title, ind.lead, "、".join(ind.partners),
                     ind.due, ind.due_text, ind.points, ind.status.value if ind.status else "", len(ind.evidence), ind.on_site, ind.none,
                     YES if ind.is_overdue(board.today) else NO, board.history.last_updated(ind, site)])
    return Table(REGISTER, REGISTER_COLUMNS, rows)


def ledger_table(board: Board) -> Table:
    """整改台账: one row per problem, open and closed (销号)."""
    rows = [_ledger_row(n, row, board.today) for n, row in enumerate(board.ledger, start=1)]
    return Table(LEDGER, LEDGER_COLUMNS, rows)


def _ledger_row(n: int, row: LedgerRow, today: dt.date) -> list[Any]:
    ind, p = row.indicator, row.problem
    return [n, ind.id, ind.title, ind.lead, p.problem, p.measure, p.due, row.state, p.closed,
            YES if row.is_overdue(today) else NO]


# ---------------------------------------------------------------------------
# Formats
# ---------------------------------------------------------------------------


def csv_bytes(table: Table) -> bytes:
    """UTF-8 with a BOM and CRLF line ends: Excel and WPS open it without asking."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows([_csv_cell(v) for v in row] for row in table.rows)
    return buffer.getvalue().encode("utf-8-sig")


# Excel and WPS run a CSV cell that starts with one of these as a formula (CSV
# injection); a leading apostrophe makes it text, as spreadsheet users type it, and the
# register importer drops it again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> str:
    text = _plain(value)
    return "'" + text if isinstance(value, str) and text.startswith(FORMULA_STARTS) else text


def xlsx_bytes(tables: Sequence[Table], day: dt.date, title: str = "") -> bytes:
    """A workbook, one sheet per table: bold frozen header with filters, dates as date
    cells, widths fitted to the text, set up to print (see `_print_setup`; `title` goes
    before each sheet's name in the printed page header). Its timestamps are `day`, so
    the bytes repeat."""
    # openpyxl is imported when a workbook is made: with the build cache warm, none is.
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    book.remove(book.active)
    moment = dt.datetime.combine(day, dt.time())
    book.properties.creator = book.properties.lastModifiedBy = "evidence site"
    book.properties.created = book.properties.modified = moment
    for table in tables:
        sheet = book.create_sheet(table.title[:31])
        _fill_sheet(sheet, table)
        _print_setup(sheet, table, f"{title} {table.title}" if title else table.title)
    buffer = io.BytesIO()
    with _FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED, moment) as archive:
        ExcelWriter(book, archive).write_data()
    return buffer.getvalue()


MAX_COLUMN_WIDTH = 20
"""Wider text wraps: 工作台账 has 15 columns, and printed to the width of an A4 landscape
page every character of width makes all of it smaller (at 40 it printed at about 40%,
at 20 about 60%)."""


def _fill_sheet(sheet, table: Table) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet.append(list(table.columns))
    for row in table.rows:
        sheet.append(row)
    header_fill = PatternFill("solid", fgColor="DDDDDD")
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), header_fill
        cell.alignment = Alignment(vertical="center")
    wrap, top = Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")
    lines = [1] * len(table.rows)
    for column, name in enumerate(table.columns, start=1):
        values = [row[column - 1] for row in table.rows]
        width = max([_width(name), *(_width(_plain(v)) for v in values)]) + 2
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width, 6), MAX_COLUMN_WIDTH)
        for r, value in enumerate(values, start=2):
            cell = sheet.cell(row=r, column=column)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # openpyxl would store "=…" as a live formula
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            if width <= MAX_COLUMN_WIDTH or isinstance(value, dt.date):
                cell.alignment = top
            else:
                cell.alignment = wrap
                lines[r - 2] = max(lines[r - 2], -(-_width(_plain(value)) // (MAX_COLUMN_WIDTH - 2)))
    # Row heights for the wrapped lines: Excel grows a row on opening, LibreOffice and WPS
    # do not, and the lines would print over the next row.
    for r, count in enumerate(lines, start=2):
        if count > 1:
            sheet.row_dimensions[r].height = 14 * count
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(table.rows) + 1}"


def _print_setup(sheet, table: Table, title: str) -> None:
    """What an office expects when it presses Print: A4 landscape, every column on one
    page width (as many pages down as needed), the header row on every page, thin
    borders, the title in the page header and 第 N 页 共 M 页 in the footer. The title is
    printed, not written into row 1, so the sheet still reads back as data (the register
    importer and every reader take row 1 as the header)."""
    from openpyxl.styles import Border, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for row in sheet.iter_rows(min_row=1, max_row=len(table.rows) + 1, max_col=len(table.columns)):
        for cell in row:
            cell.border = border
    setup = sheet.page_setup
    setup.paperSize, setup.orientation = sheet.PAPERSIZE_A4, "landscape"
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_area = f"A1:{get_column_letter(max(len(table.columns), 1))}{len(table.rows) + 1}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddHeader.center.text = title.replace("&", "&&")
    sheet.oddHeader.center.size, sheet.oddHeader.center.font = 14, "宋体,Bold"
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"
    sheet.evenHeader.center.text, sheet.evenFooter.center.text = sheet.oddHeader.center.text, sheet.oddFooter.center.text


class _FixedTimeZip(zipfile.ZipFile):
    """A ZipFile whose members all carry one timestamp (openpyxl would use the clock)."""

    def __init__(self, file, mode, compression, moment: dt.datetime) -> None:
        super().__init__(file, mode, compression)
        self._moment = moment.timetuple()[:6]

    def writestr(self, name, data, *args, **kwargs) -> None:
        if isinstance(name, str):
            name = zipfile.ZipInfo(name, date_time=self._moment)
            name.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(name, data, *args, **kwargs)

    def write(self, filename, arcname=None, *args, **kwargs) -> None:
        """Worksheets arrive as temporary files, whose time would be the clock's."""
        self.writestr(arcname or os.path.basename(filename), Path(filename).read_bytes())


def model_json(board: Board) -> bytes:
    """The whole model for other tools. Non-public evidence appears only as
    `{"withheld": true}` in the public build, so counts stay true and nothing leaks."""
    site, audience = board.site, board.site.settings.audience
    fw = site.framework
    data = {
        "format": "evidence-site/indicators", "version": 1, "date": board.today.isoformat(),
        "audience": audience.value,
        "framework": {"edition": fw.edition,
                      "sources": [{"code": s.code, "name": s.name, "expected": s.expected,
                                   "group_required": s.group_required} for s in fw.sources.values()],
                      "areas": [{"code": a.code, "title": a.title, "points": a.points,
                                 "groups": [{"code": g.code, "title": g.title, "points": g.points} for g in a.groups]}
                                for a in fw.areas.values()]},
        "summary": _tally_json(board.overall),
        "indicators": [_indicator_json(ind, board) for ind in site.indicators.values()],
        "units": [{"name": u.name, "slug": u.slug,
                   "lead": [i.id for i in u.lead], "partner": [i.id for i in u.partner]} for u in board.units],
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _snapshot_json(snap) -> dict[str, str] | None:
    """A news link's kept copy as published (snapshot_links.py), or None."""
    return {"file": snap.href_path, "captured": snap.captured.isoformat(), "sha256": snap.sha256} if snap else None


def _indicator_json(ind, board: Board) -> dict[str, Any]:
    audience = board.site.settings.audience
    evidence = [{"title": e.title, "type": e.type.value, "file": e.href_path, "url": e.url, "public": e.public,
                 "date": _iso(e.date), "location": e.location, "snapshot": _snapshot_json(e.published_snapshot(audience))}
                if e.is_published(audience) else {"withheld": True} for e in ind.evidence]
    return {"id": ind.id, "path": ind.path, "source": ind.source, "title": ind.title,
            "requirement": ind.requirement, "area": ind.area, "group": ind.group, "lead": ind.lead,
            "partners": ind.partners, "due": _iso(ind.due), "due_text": ind.due_text or None, "points": ind.points, "status": ind.status.value if ind.status else None,
            "overdue": ind.is_overdue(board.today), "meets_evidence_rule": ind.meets_evidence_rule,
            "evidence_count": len(ind.evidence), "evidence": evidence, "on_site": ind.on_site, "none": ind.none,
            "not_applicable": ind.not_applicable,
            "problems": [{"problem": p.problem, "measure": p.measure, "due": _iso(p.due), "closed": _iso(p.closed)}
                         for p in ind.problems],
            "last_updated": _iso(board.history.last_updated(ind, board.site)), "has_errors": ind.has_errors}


def _tally_json(t) -> dict[str, int]:
    return {"expected": t.base, "pages": t.total, "done": t.done, "in_progress": t.in_progress,
            "not_started": t.not_started, "status_missing": t.unknown, "gaps": t.gaps, "overdue": t.overdue,
            "open_problems": t.open_problems, "closed_problems": t.closed_problems, "percent_done": t.percent}


def export_files(board: Board, cache: Cache | None = None) -> dict[str, bytes]:
    """Every export of this build: site path -> bytes (all made before any is written).
    With a build cache, a workbook whose rows did not change is not written again."""
    register, ledger = register_table(board), ledger_table(board)
    return {f"{EXPORTS_DIR}/{REGISTER}.xlsx": _cached_xlsx([register], board.today, cache),
            f"{EXPORTS_DIR}/{REGISTER}.csv": csv_bytes(register),
            f"{EXPORTS_DIR}/{LEDGER}.xlsx": _cached_xlsx([ledger], board.today, cache),
            f"{EXPORTS_DIR}/{LEDGER}.csv": csv_bytes(ledger),
            MODEL_JSON: model_json(board)}


XLSX_VERSION = 2
"""Bump when `xlsx_bytes` writes differently, so remembered workbooks are made again."""


@functools.cache
def _openpyxl_version() -> str:
    return importlib.metadata.version("openpyxl")


def _cached_xlsx(tables: Sequence[Table], day: dt.date, cache: Cache | None) -> bytes:
    """`xlsx_bytes`, remembered in the build cache by everything the bytes depend on
    (openpyxl takes a third of a second for a thousand rows; under `mkdocs serve` the
    rows rarely change)."""
    if cache is None:
        return xlsx_bytes(tables, day)
    recipe = json.dumps([XLSX_VERSION, _openpyxl_version(), day.isoformat(),
                         [[t.title, list(t.columns), t.rows] for t in tables]], ensure_ascii=False, default=repr)
    path = cache.path("xlsx", hashlib.sha256(recipe.encode("utf-8")).hexdigest(), ".xlsx")
    try:
        return path.read_bytes()
    except OSError:
        data = xlsx_bytes(tables, day)
        cache.write(path, data)
        return data


def _plain(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
