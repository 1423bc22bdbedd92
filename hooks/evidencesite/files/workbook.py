"""Tables as files staff open in Excel or WPS: xlsx and CSV, with reproducible bytes.

A `Table` is built once as typed values (dates stay dates) and written either way. The
xlsx carries the day it is given, not the clock, so the same rows give the same bytes;
`cached_xlsx` remembers workbooks in the build cache. What the tables hold is decided by
their callers (publishing/exports.py, the review and on-site workbooks, the reports).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import importlib.metadata
import io
import json
import os
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evidencesite.files.cache import Cache

YES, NO = "是", "否"
"""What a yes/no cell holds."""


@dataclass(frozen=True)
class Table:
    """One sheet: a title (the sheet name), column names and rows of plain values."""

    title: str
    columns: Sequence[str]
    rows: list[list[Any]]


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


XLSX_VERSION = 2
"""Bump when `xlsx_bytes` writes differently, so remembered workbooks are made again."""


@functools.cache
def _openpyxl_version() -> str:
    return importlib.metadata.version("openpyxl")


def cached_xlsx(tables: Sequence[Table], day: dt.date, cache: Cache | None) -> bytes:
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


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
