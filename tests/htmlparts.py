"""Reading built pages the way a reader does: tables as rows of cell text (with the
links in them) and definition lists as name -> value."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser


@dataclass
class Cell:
    text: str
    hrefs: list[str] = field(default_factory=list)


@dataclass
class Table:
    rows: list[list[Cell]] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)

    @property
    def header(self) -> list[str]:
        return [c.text for c in self.rows[0]]

    def body(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows[1:]]

    def records(self) -> list[dict[str, str]]:
        return [dict(zip(self.header, row)) for row in self.body()]


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[Table] = []
        self.stack: list[Table] = []
        self.cell: Cell | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.stack.append(Table(attrs=dict(attrs)))
        elif tag == "tr" and self.stack:
            self.stack[-1].rows.append([])
        elif tag in ("td", "th") and self.stack:
            self.cell = Cell("")
        elif tag == "a" and self.cell is not None:
            self.cell.hrefs.append(dict(attrs).get("href", ""))

    def handle_endtag(self, tag):
        if tag == "table" and self.stack:
            self.tables.append(self.stack.pop())
        elif tag in ("td", "th") and self.cell is not None and self.stack:
            self.cell.text = " ".join(self.cell.text.split())
            self.stack[-1].rows[-1].append(self.cell)
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.text += data


def tables(html: str) -> list[Table]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def table_after(html: str, marker: str) -> Table:
    """The first table after the first occurrence of `marker` (a heading's text, an id …)."""
    start = html.index(marker)
    return tables(html[start:])[0]


def definitions(html: str, css_class: str) -> dict[str, str]:
    """<dl class="css_class"> as {dt text: dd text}."""
    block = re.search(rf'<dl class="{css_class}">(.*?)</dl>', html, re.S).group(1)
    pairs = re.findall(r"<dt[^>]*>(.*?)</dt>\s*<dd[^>]*>(.*?)</dd>", block, re.S)
    return {_text(k): _text(v) for k, v in pairs}


def _text(fragment: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", fragment)).split())
