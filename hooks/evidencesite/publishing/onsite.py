"""实地核查准备清单: every piece of evidence whose original is kept somewhere (`location`),
grouped by place (archive room, then box), so staff can fetch binders room by room before
the assessors arrive; and the indicators whose material is shown only on site (`on_site`).

Rows are computed here once and written two ways: a workbook (exports, assessor build) and
an A4 PDF with each page's QR code (scripts/onsite_checklist.py, drawn as labels.py draws
the binder labels). Internal: locations of non-public items are listed, so only the
assessor build and staff get it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from evidencesite.files.workbook import Table, xlsx_bytes
from evidencesite.presentation.downloads import EXPORTS_DIR
from evidencesite.publishing import qrcodes
from evidencesite.files.atomicwrite import atomic_output

WORKBOOK = f"{EXPORTS_DIR}/实地核查准备清单.xlsx"
COLUMNS = ("序号", "存放地点", "盒/卷", "编号", "指标名称", "材料", "牵头单位", "本页网址", "取出", "备注")
ON_SITE_PLACE = "实地核查说明(on_site)"
"""The group of indicators that name no item's location but say where material is shown."""
_BOX = re.compile(r"^(.*?)(?:[\s,,、]+|(?=第))(第?\s*[0-9一二三四五六七八九十百]+\s*[盒卷册箱柜号]\S*)$")
"""A box, volume or cabinet at the end, after a separator or starting with 第 ('…档案室第12卷');
'一号楼档案室' inside a place name is not one."""


@dataclass(frozen=True)
class Row:
    place: str
    box: str
    indicator_id: str
    indicator_title: str
    item: str
    lead: str


def split_location(location: str) -> tuple[str, str]:
    """'市司法局档案室 第3盒' -> ('市司法局档案室', '第3盒'); a location with no box stays whole."""
    text = " ".join(location.split())
    m = _BOX.match(text)
    if m and m.group(1).strip():
        return m.group(1).strip(), m.group(2).strip()
    return text, ""


def _box_key(box: str) -> tuple:
    digits = re.search(r"\d+", box)
    return (int(digits.group()) if digits else 10**9, box)


def rows(site) -> list[Row]:
    """Every located item, by place, box and indicator; then the on_site notes."""
    located, on_site = [], []
    for ind in site.indicators.values():
        for item in ind.evidence:
            if item.location:
                place, box = split_location(item.location)
                located.append(Row(place, box, ind.id, ind.title, item.title, ind.lead))
        if ind.on_site:
            on_site.append(Row(ON_SITE_PLACE, "", ind.id, ind.title, ind.on_site, ind.lead))
    order = {ident: n for n, ident in enumerate(site.indicators)}
    located.sort(key=lambda r: (r.place, _box_key(r.box), order[r.indicator_id]))
    return located + on_site


def places(checklist: Sequence[Row]) -> list[tuple[str, list[Row]]]:
    out: dict[str, list[Row]] = {}
    for row in checklist:
        out.setdefault(row.place, []).append(row)
    return list(out.items())


def table(checklist: Sequence[Row], site_url: str) -> Table:
    return Table("实地核查准备清单", COLUMNS, [
        [n, r.place, r.box, r.indicator_id, r.indicator_title, r.item, r.lead,
         qrcodes.indicator_url(site_url, r.indicator_id) if site_url else "", "", ""]
        for n, r in enumerate(checklist, start=1)])


def workbook(checklist: Sequence[Row], site_url: str, day: dt.date) -> bytes:
    """The checklist as xlsx, set up to print on A4 landscape with the header on every page."""
    return xlsx_bytes([table(checklist, site_url)], day, title="评审专用")


# ---------------------------------------------------------------------------
# The printable PDF: one block per place, one row per item with its page's QR code
# ---------------------------------------------------------------------------

mm = 72 / 25.4
"""Points per millimetre (reportlab's `mm`): reportlab is imported only when a PDF is drawn,
so a site build that makes only the workbook does not load it."""
_PAGE_W, _PAGE_H = 210 * mm, 297 * mm
_MARGIN = 15 * mm
_ROW_H = 24 * mm
_QR = 20 * mm
_HEAD_H = 12 * mm


def write_pdf(checklist: Sequence[Row], site_url: str, out: Path, font: str, day: dt.date) -> int:
    """Write the A4 checklist to `out` (through a temporary file); the page count."""
    from reportlab.pdfgen import canvas

    width, height = _PAGE_W, _PAGE_H
    pages = 1
    with atomic_output(Path(out)) as tmp:
        pdf = canvas.Canvas(str(tmp), pagesize=(width, height), pageCompression=1, invariant=1)
        pdf.setTitle("实地核查准备清单")
        y = _page_top(pdf, font, day, pages)
        for place, members in places(checklist):
            if y - _HEAD_H - _ROW_H < _MARGIN:
                pdf.showPage()
                pages += 1
                y = _page_top(pdf, font, day, pages)
            pdf.setFont(font, 12)
            pdf.setFillGray(0)
            pdf.drawString(_MARGIN, y - 8 * mm, f"{place}({len(members)} 项)")
            y -= _HEAD_H
            for row in members:
                if y - _ROW_H < _MARGIN:
                    pdf.showPage()
                    pages += 1
                    y = _page_top(pdf, font, day, pages)
                _draw_row(pdf, row, site_url, y, font, width)
                y -= _ROW_H
        pdf.showPage()
        pdf.save()
    return pages


def _page_top(pdf, font: str, day: dt.date, page: int) -> float:
    height = _PAGE_H
    pdf.setFont(font, 15)
    pdf.setFillGray(0)
    pdf.drawString(_MARGIN, height - _MARGIN - 5 * mm, "实地核查准备清单")
    pdf.setFont(font, 8)
    pdf.setFillGray(0.35)
    pdf.drawRightString(_PAGE_W - _MARGIN, height - _MARGIN - 5 * mm,
                        f"评审专用 · {day.isoformat()} · 第 {page} 页")
    return height - _MARGIN - 10 * mm


def _draw_row(pdf, row: Row, site_url: str, top: float, font: str, width: float) -> None:
    from evidencesite.publishing import labels

    y = top - _ROW_H
    pdf.setLineWidth(0.2)
    pdf.setStrokeGray(0.75)
    pdf.line(_MARGIN, y, width - _MARGIN, y)
    text_x = _MARGIN
    if site_url:
        labels._draw_qr(pdf, qrcodes.indicator_url(site_url, row.indicator_id), _MARGIN, y + 2 * mm, _QR)
        text_x += _QR + 3 * mm
    box_w = 14 * mm
    text_w = width - _MARGIN - box_w - 3 * mm - text_x
    pdf.setFillGray(0)
    pdf.setFont(font, 11)
    pdf.drawString(text_x, top - 6 * mm, f"{row.indicator_id}  {row.box}".strip())
    pdf.setFont(font, 8.5)
    lines = labels._wrap(f"{row.indicator_title} · {row.lead}", font, 8.5, text_w, 1)
    lines += labels._wrap(f"材料:{row.item}", font, 8.5, text_w, 2)
    for n, line in enumerate(lines):
        pdf.drawString(text_x, top - 11 * mm - n * 4 * mm, line)
    # a tick box for the person fetching the binder
    pdf.setStrokeGray(0)
    pdf.rect(width - _MARGIN - box_w, top - 12 * mm, 6 * mm, 6 * mm)
    pdf.setFont(font, 7)
    pdf.drawString(width - _MARGIN - box_w, top - 16 * mm, "已取出")
