"""Tables that fit a phone and a desk (issue 14).

Python-Markdown writes every Markdown table as plain `<table><thead>…<tbody>…`. A table
that has no class of its own (the generated statistics, ranking, ledger, unit, overdue,
gaps and area tables, and any table staff write) is prepared here so the stylesheet
(assets/reading.css) can lay it out for the screen it is on:

- every body cell carries its column's heading in `data-label`, so on a phone each row
  becomes a card whose cells say what they are (the heading row is kept for screen
  readers and for the desk);
- a cell that holds one date, ID or figure is marked `es-nowrap`: it never breaks inside;
- a table with many columns is marked `data-es-wide`: on a desk its page gives it the
  width of the table of contents.

Tables with a class of their own (the evidence list, the phases) have their own layout
and are left alone. The function is pure and idempotent: HTML in, HTML out.
"""

from __future__ import annotations

import html
import re

WIDE_COLUMNS = 6
"""From this many columns a table asks for the page's full width on a desk."""

_TABLE = re.compile(r"<table>(.*?)</table>", re.S)  # only class-less tables: `<table>` exactly
_HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_TH = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_BODY = re.compile(r"<tbody>(.*?)</tbody>", re.S)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
_TD = re.compile(r"<td\b([^>]*)>(.*?)</td>", re.S)
_TAG = re.compile(r"<[^>]+>")
_PARTS = re.compile(r"(<[^>]+>)")  # a cell's HTML split into tags and the text between them
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
# One date (2021-04-30, 2021年4月30日), an indicator ID (N012, W1.1), a number, a percentage,
# a fraction or a size (12/100, 3.2 MB): short tokens a line break would make unreadable.
_UNBREAKABLE = re.compile(
    r"(\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月(\d{1,2}日)?|[A-Z]{1,2}\d[\d.]*|[-+]?\d[\d,.]*\s?(%|项|个|天|名|[KMG]?B)?"
    r"|\d+/\d+|—)")


def fit(page_html: str) -> str:
    """The page's HTML with its class-less tables prepared for phone cards and desk width."""
    return _TABLE.sub(_prepare, page_html)


def _prepare(match: re.Match) -> str:
    inner = match.group(1)
    head = _HEAD.search(inner)
    labels = [_text(cell) for cell in _TH.findall(head.group(1))] if head else []
    if not labels:
        return match.group(0)
    body = _BODY.search(inner)
    if body:
        rows = _ROW.sub(lambda row: _label_row(row, labels), body.group(1))
        inner = inner[:body.start(1)] + rows + inner[body.end(1):]
    wide = ' data-es-wide=""' if len(labels) >= WIDE_COLUMNS else ""
    return f'<table data-es-cards=""{wide}>{inner}</table>'


def _label_row(row: re.Match, labels: list[str]) -> str:
    cells = iter(labels)

    def label(cell: re.Match) -> str:
        attrs, content = cell.group(1), cell.group(2)
        if "data-label=" in attrs:
            return cell.group(0)
        name = next(cells, "")
        extra = f' data-label="{html.escape(name)}"'
        if _UNBREAKABLE.fullmatch(_text(content)):
            extra += ' class="es-nowrap"'
        else:  # a date inside other words (已销号 2021-03-20) still never breaks
            content = "".join(part if part.startswith("<") else _DATE.sub(r'<span class="es-nobreak">\1</span>', part)
                              for part in _PARTS.split(content))
        return f"<td{attrs}{extra}>{content}</td>"

    start = row.group(0)[:row.start(1) - row.start(0)]
    return start + _TD.sub(label, row.group(1)) + "</tr>"


def _text(fragment: str) -> str:
    return html.unescape(_TAG.sub("", fragment)).strip()
