"""Workbooks meant for paper: one sheet, laid out like the exports (bold frozen header,
filters, dates as dates) and set up to print on A4 landscape, one page wide, the header
row on every page, a title in the page header and page numbers in the footer.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from evidencesite import exports


def printable_xlsx(table: exports.Table, day: dt.date, header: str) -> bytes:
    """`table` as xlsx whose timestamps are `day` (the bytes repeat), printed with `header` on top."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    sheet = book.active
    sheet.title = table.title[:31]
    moment = dt.datetime.combine(day, dt.time())
    book.properties.creator = book.properties.lastModifiedBy = "evidence site"
    book.properties.created = book.properties.modified = moment
    exports._fill_sheet(sheet, table)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = True
    sheet.oddHeader.center.text = header
    sheet.oddFooter.center.text = "第 &P 页,共 &N 页"
    buffer = io.BytesIO()
    with exports._FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED, moment) as archive:
        ExcelWriter(book, archive).write_data()
    return buffer.getvalue()
