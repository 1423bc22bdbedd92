"""A document the office sends (report, 通报 draft) as a list of blocks, written two ways
from the same blocks: Markdown (kept in Git, read on screen) and Word (.docx: A4,
styled headings, tables with a repeated header row, page numbers in the footer), so the
two can never say different things.

Word's fonts are the ones every Chinese Windows has (黑体 for headings, 宋体 for text);
python-docx is imported only when a .docx is made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from evidencesite.publishing import worddocs


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2
    """1 is the document title."""


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class TableBlock:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Paragraph | Bullets | TableBlock


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)

    def heading(self, text: str, level: int = 2) -> None:
        self.blocks.append(Heading(text, level))

    def para(self, text: str, bold: bool = False) -> None:
        self.blocks.append(Paragraph(text, bold))

    def bullets(self, items: list[str]) -> None:
        if items:
            self.blocks.append(Bullets(tuple(items)))

    def table(self, header: list[str], rows: list[list[object]]) -> None:
        self.blocks.append(TableBlock(tuple(header), tuple(tuple(_text(v) for v in row) for row in rows)))


def _text(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# ---------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------


def to_markdown(doc: Document) -> str:
    lines = [f"# {doc.title}", ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            lines += ["#" * max(block.level, 2) + " " + block.text, ""]
        elif isinstance(block, Paragraph):
            lines += [f"**{block.text}**" if block.bold else block.text, ""]
        elif isinstance(block, Bullets):
            lines += [f"- {item}" for item in block.items] + [""]
        else:
            cell = lambda v: v.replace("|", "\\|").replace("\n", " ")  # noqa: E731
            lines += ["| " + " | ".join(block.header) + " |", "|" + " --- |" * len(block.header)]
            lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in block.rows] + [""]
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------------------
# Word
# ---------------------------------------------------------------------------

HEADING_FONT, BODY_FONT = "黑体", "宋体"


def to_docx(doc: Document, day: dt.date, author: str = "") -> bytes:
    """The document as .docx: A4 portrait, 2.5 cm margins, 第 X 页 共 Y 页 in the footer."""
    from docx import Document as WordDocument
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    word = WordDocument()
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    _style_fonts(word, Pt)
    word.core_properties.title = doc.title
    word.core_properties.author = author
    moment = dt.datetime.combine(day, dt.time())
    word.core_properties.created = word.core_properties.modified = moment
    word.core_properties.last_modified_by = author
    title = word.add_heading(doc.title, level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for block in doc.blocks:
        if isinstance(block, Heading):
            word.add_heading(block.text, level=min(max(block.level - 1, 1), 3))
        elif isinstance(block, Paragraph):
            word.add_paragraph().add_run(block.text).bold = block.bold
        elif isinstance(block, Bullets):
            for item in block.items:
                word.add_paragraph(item, style="List Bullet")
        else:
            _table(word, block, Pt)
    _page_numbers(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.CENTER)
    return worddocs.to_bytes(word, day)  # every zip entry dated `day`: the same report, the same bytes


def _style_fonts(word, Pt) -> None:
    """Latin and East Asian fonts on the styles used, so Chinese text does not fall back
    to whatever Word picks for 'Calibri'."""
    from docx.oxml.ns import qn

    for name, font, size in (("Normal", BODY_FONT, 11), ("Title", HEADING_FONT, 18), ("Heading 1", HEADING_FONT, 15),
                             ("Heading 2", HEADING_FONT, 13), ("Heading 3", HEADING_FONT, 12),
                             ("List Bullet", BODY_FONT, 11)):
        style = word.styles[name]
        style.font.name, style.font.size = font, Pt(size)
        if name != "Normal":
            style.font.color.rgb = None
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), font)


def _table(word, block: TableBlock, Pt) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = word.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    header = table.rows[0]
    properties = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page the table spans
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)
    for cell, text in zip(header.cells, block.header):
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, Pt(10)
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.paragraphs[0].add_run(text).font.size = Pt(10)
    word.add_paragraph()


def _page_numbers(paragraph, center) -> None:
    """第 PAGE 页 共 NUMPAGES 页 as Word fields, so the numbers are Word's own."""
    paragraph.alignment = center
    paragraph.add_run("第 ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" 页 共 ")
    _field(paragraph, "NUMPAGES")
    paragraph.add_run(" 页")


def _field(paragraph, code: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == code:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {code} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)
