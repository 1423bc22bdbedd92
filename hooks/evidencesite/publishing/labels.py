"""QR labels for the binders of original material: an A4 PDF of 3 × 8 labels, 70 × 37 mm
(the common A4 sheet of 24 self-adhesive labels), each with the indicator's ID, its
short title and the QR code of its page.

The QR matrix comes from segno (`qrcodes.make`) and is drawn as vector squares, so it
prints sharp at any size. Chinese text needs a font the PDF can embed: the first
TrueType font found among the usual Windows and Linux CJK fonts (or the one given),
subset into the file so any reader shows it; without one, the standard Adobe
Chinese font STSong-Light is named instead, which readers substitute.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from evidencesite.publishing import qrcodes
from evidencesite.files.atomicwrite import atomic_output
from evidencesite.catalogue.publishing import say

PAGE_W, PAGE_H = 210 * mm, 297 * mm
COLUMNS, ROWS = 3, 8
LABEL_W, LABEL_H = 70 * mm, 37 * mm
PADDING = 3 * mm
QR_SIZE = LABEL_H - 2 * PADDING
_TOP = (PAGE_H - ROWS * LABEL_H) / 2

# Fonts with TrueType outlines (reportlab cannot embed CFF-based OpenType such as Noto CJK).
FONT_CANDIDATES = (
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)
FALLBACK_FONT = "STSong-Light"


@dataclass(frozen=True)
class Label:
    indicator_id: str
    title: str
    url: str


def labels_for(site_url: str, indicators: Iterable[tuple[str, str]]) -> list[Label]:
    """One label per (ID, title), pointing at the indicator's page on the published site."""
    return [Label(i, t, qrcodes.indicator_url(site_url, i)) for i, t in indicators]


def register_font(path: str | None = None) -> tuple[str, str | None]:
    """Register a CJK font and return (font name, file embedded or None for the fallback).

    `path` chosen by the user must work; otherwise the first candidate that loads is used."""
    for candidate in ([path] if path else [p for p in FONT_CANDIDATES if Path(p).is_file()]):
        try:
            pdfmetrics.registerFont(TTFont("EvidenceSiteCJK", candidate, subfontIndex=0))
            return "EvidenceSiteCJK", candidate
        except Exception as exc:  # a TTC without TrueType outlines, a damaged file
            if path:
                raise ValueError(say("labels.font-unusable", path=path, exc=exc)) from None
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
    return FALLBACK_FONT, None


def write_pdf(labels: Sequence[Label], out: Path, font: str) -> int:
    """Write the sheets to `out` (via a temporary file, renamed when complete); the page count."""
    with atomic_output(Path(out)) as tmp:
        pdf = canvas.Canvas(str(tmp), pagesize=(PAGE_W, PAGE_H), pageCompression=1)
        pdf.setTitle("指标二维码标签")
        per_page = COLUMNS * ROWS
        pages = max(1, -(-len(labels) // per_page))
        for n in range(pages):
            for slot, label in enumerate(labels[n * per_page:(n + 1) * per_page]):
                row, col = divmod(slot, COLUMNS)
                _draw_label(pdf, label, col * LABEL_W, PAGE_H - (row + 1) * LABEL_H - _TOP, font)
            pdf.showPage()
        pdf.save()
    return pages



def _draw_label(pdf: canvas.Canvas, label: Label, x: float, y: float, font: str) -> None:
    pdf.setLineWidth(0.2)
    pdf.setStrokeGray(0.75)
    pdf.rect(x, y, LABEL_W, LABEL_H)  # a cutting guide on plain paper
    _draw_qr(pdf, label.url, x + PADDING, y + PADDING, QR_SIZE)
    text_x = x + PADDING + QR_SIZE + 2 * mm
    width = x + LABEL_W - PADDING - text_x
    pdf.setFillGray(0)
    pdf.setFont(font, 15)
    pdf.drawString(text_x, y + LABEL_H - PADDING - 13, label.indicator_id)
    pdf.setFont(font, 8.5)
    for n, line in enumerate(_wrap(label.title, font, 8.5, width, 4)):
        pdf.drawString(text_x, y + LABEL_H - PADDING - 28 - n * 11, line)
    pdf.setFont(font, 5.5)
    pdf.setFillGray(0.35)
    pdf.drawString(text_x, y + PADDING + 1, "扫码打开本指标页面")


def _draw_qr(pdf: canvas.Canvas, url: str, x: float, y: float, size: float) -> None:
    matrix = [list(row) for row in qrcodes.make(url).matrix_iter(scale=1, border=qrcodes.QUIET_ZONE)]
    module = size / len(matrix)
    pdf.setFillGray(0)
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):  # one rectangle per run of dark modules: fewer, cleaner shapes
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                pdf.rect(x + start * module, y + size - (r + 1) * module, (c - start) * module, module,
                         stroke=0, fill=1)
            else:
                c += 1


def _wrap(text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    """Break text into lines that fit `width` (character by character, as Chinese wraps);
    the last line ends in … when the text does not fit."""
    lines, line = [], ""
    for ch in text:
        if pdfmetrics.stringWidth(line + ch, font, size) > width:
            lines.append(line)
            line = ""
        line += ch
    lines.append(line)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and pdfmetrics.stringWidth(last + "…", font, size) > width:
            last = last[:-1]
        lines = lines[:max_lines - 1] + [last + "…"]
    return lines


# The compiled materials (compilation.py) draw the same codes and wrap text the same way.
draw_qr = _draw_qr
wrap = _wrap
