"""Word documents for the declaration package (python-docx): a page's 情况说明, a
情况简介 written as text, and the 自评报告.

Markdown is rendered the way the site renders it (textcount.markdown_to_html) and the
HTML mapped onto Word's own structures: headings to Heading styles, lists to List
styles, tables to Word tables, so an office can edit the document in WPS or Word
before it uploads it. Body text is set in 仿宋 with 宋体/黑体 headings, the fonts of
government documents, which every Chinese Windows has. The bytes repeat for the same
input: the zip entries and the core properties carry the build date, not the clock.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser

from evidencesite.text.textcount import markdown_to_html

BODY_FONT, HEADING_FONT = "仿宋", "黑体"


@dataclass
class Block:
    """One paragraph-level piece of rendered Markdown."""

    kind: str
    """"h1".."h6", "p", "ul", "ol" (a list item) or "table"."""
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)


def markdown_blocks(markdown_text: str) -> list[Block]:
    parser = _BlockParser()
    parser.feed(markdown_to_html(markdown_text))
    parser.close()
    return [b for b in parser.blocks if b.text.strip() or b.rows]


def new_document(title: str, day: dt.date):
    """A document with the house styles and `title` as its heading, dated `day`."""
    from docx import Document

    doc = Document(io.BytesIO(_template()))
    props = doc.core_properties
    moment = dt.datetime.combine(day, dt.time())
    props.title = title
    props.created = props.modified = props.last_printed = moment
    doc.add_heading(title, level=0)
    return doc


@functools.cache
def _template() -> bytes:
    """python-docx's default document with the fonts set, made once per run: setting
    styles on each of a thousand documents took most of a package's time."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.author = doc.core_properties.last_modified_by = "evidence site"
    for name, font, size in (("Normal", BODY_FONT, 14), ("Title", HEADING_FONT, 20),
                             *((f"Heading {n}", HEADING_FONT, 16 - n) for n in range(1, 4))):
        style = doc.styles[name]
        style.font.name, style.font.size = font, Pt(size)
        rpr = style.element.get_or_add_rPr()
        rpr.get_or_add_rFonts().set(qn("w:eastAsia"), font)  # Word picks Chinese glyphs from eastAsia only
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def add_markdown(doc, markdown_text: str) -> None:
    for block in markdown_blocks(markdown_text):
        add_block(doc, block)


def add_block(doc, block: Block) -> None:
    if block.kind.startswith("h"):
        doc.add_heading(block.text, level=min(int(block.kind[1]), 3))
    elif block.kind in ("ul", "ol"):
        doc.add_paragraph(block.text, style="List Bullet" if block.kind == "ul" else "List Number")
    elif block.kind == "table":
        width = max(len(r) for r in block.rows)
        table = doc.add_table(rows=len(block.rows), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(block.rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    else:
        doc.add_paragraph(block.text)


def add_facts(doc, facts: list[tuple[str, str]]) -> None:
    """A two-column table of label and value (牵头单位, 状态 …)."""
    table = doc.add_table(rows=len(facts), cols=2)
    table.style = "Table Grid"
    for r, (label, value) in enumerate(facts):
        table.cell(r, 0).text, table.cell(r, 1).text = label, value


def to_bytes(doc, day: dt.date) -> bytes:
    """The .docx, with every zip entry dated `day` (python-docx would stamp the clock)."""
    raw = io.BytesIO()
    doc.save(raw)
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


class _BlockParser(HTMLParser):
    """Flattens rendered Markdown into blocks; inline markup keeps only its text."""

    _BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "pre"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._lists: list[str] = []
        self._current: Block | None = None
        self._table: Block | None = None
        self._cell: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in ("script", "style") or (tag == "a" and "headerlink" in classes):
            self._skip += 1
        elif tag in ("ul", "ol"):
            self._flush()
            self._lists.append(tag)
        elif tag == "table":
            self._flush()
            self._table = Block("table")
        elif tag == "tr" and self._table is not None:
            self._table.rows.append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell = []
        elif tag in self._BLOCKS and self._table is None:
            self._flush()
            # a loose list wraps each item in <p>: it stays a list item
            kind = (self._lists[-1] if self._lists else "p") if tag in ("li", "p") else ("p" if tag == "pre" else tag)
            self._current = Block(kind)
        elif tag == "br" and self._current is not None:
            self._current.text += "\n"

    def handle_endtag(self, tag: str) -> None:
        if self._skip and (tag in ("script", "style", "a")):
            self._skip -= 1
        elif tag in ("ul", "ol") and self._lists:
            self._flush()
            self._lists.pop()
        elif tag in ("td", "th") and self._table is not None and self._cell is not None:
            self._table.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table" and self._table is not None:
            self.blocks.append(self._table)
            self._table = None
        elif tag in self._BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        elif self._table is not None:
            return
        elif self._current is not None:
            self._current.text += data
        elif data.strip():
            self._current = Block(self._lists[-1] if self._lists else "p", data)

    def _flush(self) -> None:
        if self._current is not None:
            self._current.text = self._current.text.strip()
            self.blocks.append(self._current)
            self._current = None

    def close(self) -> None:
        super().close()
        self._flush()
