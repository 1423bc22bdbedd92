"""Reading the city's indicator register (指标体系及责任分工) from .xlsx or .csv into rows.

Offices keep the register by hand in Excel or WPS, so the reader takes it as it is:
a title row above the header; Chinese headers in any order, under any of their usual
names; level-1 and level-2 cells merged over many rows (or left blank under the first
row, as a CSV saved from merged cells has them); blank rows and note rows; numbers
stored as numbers or as text; dates as Excel dates or as text such as 2021年4月30日;
CSV files in GBK (the default on Chinese Windows) or UTF-8 with or without BOM.

Every row it cannot read becomes an error notice naming file, sheet, row and column;
the caller writes nothing while there is one. Which source a row belongs to, its
number and ID are settled here; how areas and groups get their codes, and what the
rows change on the site, is `register_import`'s business.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from evidencesite.model.deadlines import date_in_year, recurrence
from evidencesite.model import Framework, Source, canonical_id
from evidencesite.intake.register_cells import (
    TITLE_MAX, DueError, Heading, cell_text, header_key, is_area_numbering, leading_number, match_key, one_line,
    parse_due, parse_heading, parse_number, split_title, split_units, strip_score,
)
from evidencesite.catalogue.register_messages import Level, Notice, notice
from evidencesite.files.zipguard import package_problem
from evidencesite.catalogue.intake import say

SUFFIXES = (".xlsx", ".xlsm", ".csv")
HEADER_SCAN_ROWS = 20
# Header text (after `header_key`) -> the field it fills. Order within a field is priority.
HEADERS: dict[str, tuple[str, ...]] = {
    "source": ("来源", "类别", "指标来源", "指标类别"),
    "area": ("一级指标",),
    "group": ("二级指标",),
    "id": ("编号", "指标编号"),
    "number": ("序号",),
    "name": ("指标名称", "三级指标名称"),
    "level3": ("三级指标",),
    "content": ("指标内容", "三级指标内容", "具体内容"),
    "lead": ("牵头单位", "牵头部门"),
    "partners": ("配合单位", "配合部门", "协办单位"),
    "responsible": ("责任单位", "责任部门"),
    "due": ("完成时限", "时间节点", "完成时间", "时限要求"),
    "due_text": ("时限说明",),
    "points": ("分值", "分数", "指标分值"),
}
FIELD_MEANINGS = {"source": "来源", "area": "一级指标", "group": "二级指标", "id": "编号", "number": "序号",
                  "name": "指标名称", "level3": "三级指标", "content": "指标内容", "lead": "牵头单位",
                  "partners": "配合单位", "responsible": "责任单位", "due": "时间节点", "due_text": "时限说明",
                  "points": "分值"}
# Columns the register (or the site's own export) has that are kept on the pages, not imported.
KEPT_ON_PAGES = ("状态", "证据数", "实地核查说明", "无材料说明", "是否逾期", "最后更新", "工作进展", "完成情况")
REGISTER_ONLY = ("备注", "评分标准", "评分细则", "考核方式")
TITLE_FIELDS = ("name", "level3", "content")

# What staff write for a source, besides the framework's own names and letters.
SOURCE_ALIASES: dict[str, str] = {
    "国家": "N", "国家级": "N", "国家指标": "N", "全国": "N", "全国指标": "N", "国家示范创建指标": "N",
    "省": "P", "省级": "P", "省定": "P", "省定指标": "P", "省特色指标": "P", "省定特色指标": "P", "省级特色指标": "P",
    "市": "C", "市级": "C", "市定": "C", "市定指标": "C", "市特色指标": "C", "市定特色指标": "C", "我市特色指标": "C",
    "市级特色指标": "C", "本市特色指标": "C",
}
DEFAULT_SOURCES: dict[str, tuple[str, bool]] = {"N": ("国家指标", True), "P": ("省定特色指标", False),
                                                "C": ("市定特色指标", False)}
DEFAULT_SOURCE = "N"
NOTE_STARTS = ("注", "说明", "备注", "填表", "附", "制表")
_TITLE_POINTS = re.compile(r"\s*[(\uff08]\s*([0-9]+(?:\.[0-9]+)?)\s*分\s*[)\uff09]\s*$")
_NOTE_POINTS = re.compile(r"分值\s*[::]?\s*([0-9]+(?:\.[0-9]+)?)\s*分")
_COMPLETE_DATE = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?")


# ---------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------


@dataclass
class RegisterRow:
    """One third-level indicator as the register states it."""

    where: str
    """File, sheet and row, as staff locate it."""
    sheet: str
    """File and sheet."""
    row: int
    source: str = ""
    number: int | None = None
    numbered_by: str = ""
    """Where the number came from: "id" (编号 with its letter), "number", "title" or "order"."""
    title: str = ""
    requirement: str | None = None
    """The official wording, when the register has text beyond the title; None leaves a page's own."""
    area: Heading | None = None
    group: Heading | None = None
    lead: str = ""
    partners: list[str] = field(default_factory=list)
    due: dt.date | None = None
    points: float | None = None
    """分值: from its column, a "(3分)" ending the title, or "分值3分" in 备注."""
    due_text: str | None = None
    """The deadline as written when it is not a complete date (`每月5日前`, `4月底`); None: no such text."""
    provided: set[str] = field(default_factory=set)
    """The page fields this register states (its columns); the others stay as the pages have them."""
    shortened: bool = False

    @property
    def id(self) -> str:
        return canonical_id(self.source, self.number) if self.number else ""


@dataclass
class Register:
    path: Path
    rows: list[RegisterRow] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    source_names: dict[str, str] = field(default_factory=dict)
    """Every source letter the rows use, with its name (the framework's, or the default)."""

    @property
    def errors(self) -> list[Notice]:
        return [n for n in self.notices if n.level is Level.ERROR]


@dataclass
class Table:
    """One sheet (or the CSV file) as a grid of cell values, merged cells filled in."""

    name: str
    cells: list[list[Any]]
    is_csv: bool = False
    hidden: bool = False

    def value(self, row: int, col: int) -> Any:
        """The value at 1-based row and column."""
        if row - 1 < len(self.cells) and col - 1 < len(self.cells[row - 1]):
            return self.cells[row - 1][col - 1]
        return None


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------


def read_register(path: Path, framework: Framework, year: int | None = None) -> Register:
    """Every row of every sheet that has a header; notices for whatever could not be read.
    `year` is the campaign year, for deadlines that name none (`4月底`)."""
    register = Register(path)
    try:
        tables = _read_tables(path)
    except _Unreadable as exc:
        register.notices.append(exc.notice)
        return register
    sources = _Sources(framework)
    readers = []
    for table in tables:
        reader = _TableReader(table, path.name, sources, register.notices, year or dt.date.today().year)
        if reader.find_header():
            readers.append(reader)
    if not readers:
        if not any(n.code == "title-column-missing" for n in register.notices):  # that one says which column
            register.notices.append(notice("no-header", path.name, rows=HEADER_SCAN_ROWS))
        return register
    for reader in readers:
        register.rows.extend(reader.rows())
    _settle_numbers(register, sources)
    shortened = sum(1 for r in register.rows if r.shortened)
    if shortened:
        register.notices.append(notice("titles-shortened", path.name, count=shortened, limit=TITLE_MAX))
    register.source_names = {code: sources.name(code) for code in dict.fromkeys(r.source for r in register.rows)}
    return register


class _Unreadable(Exception):
    def __init__(self, notice: Notice) -> None:
        super().__init__(notice.format())
        self.notice = notice


# ---------------------------------------------------------------------------
# Files to tables
# ---------------------------------------------------------------------------


def _read_tables(path: Path) -> list[Table]:
    if path.suffix.lower() == ".csv":
        return [_csv_table(path)]
    unsafe = package_problem(path)
    if unsafe:
        raise _Unreadable(notice("file-unopenable", path.name, reason=unsafe))
    try:
        book = load_workbook(path, data_only=True)
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or say("register.not-a-workbook")
        raise _Unreadable(notice("file-unopenable", path.name, reason=reason)) from None
    tables = []
    for sheet in book.worksheets:
        if not isinstance(sheet, Worksheet):
            continue
        if sheet.sheet_state != "visible":  # kept, so that skipping it is reported
            tables.append(Table(sheet.title, [], hidden=True))
            continue
        tables.append(Table(sheet.title, _sheet_cells(sheet)))
    return tables


def _sheet_cells(sheet: Worksheet) -> list[list[Any]]:
    cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        top = cells[merged.min_row - 1][merged.min_col - 1] if merged.min_row - 1 < len(cells) else None
        for r in range(merged.min_row, min(merged.max_row, len(cells)) + 1):
            row = cells[r - 1]
            row.extend([None] * (merged.max_col - len(row)))
            for c in range(merged.min_col, merged.max_col + 1):
                row[c - 1] = top
    return cells


def _csv_table(path: Path) -> Table:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _Unreadable(notice("file-unopenable", path.name, reason=exc.strerror or type(exc).__name__)) from None
    text = _decode_csv(raw, path.name)
    head = text[:4096]
    delimiter = "\t" if head.count("\t") > head.count(",") else ","  # Excel's "Unicode text" is tab-separated
    return Table(path.stem, list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)), is_csv=True)


def _decode_csv(raw: bytes, name: str) -> str:
    """UTF-8 with or without BOM, UTF-16 (Excel's "Unicode text"), else GBK (read as GB18030, its superset)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    elif raw.startswith(codecs.BOM_UTF8):
        encodings = ("utf-8-sig",)
    else:
        encodings = ("utf-8", "gb18030")
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _Unreadable(notice("csv-encoding", name))


# ---------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------


def source_of(framework: Framework, code: str) -> Source:
    """The framework's source `code`, or else the usual one for N, P and C (its count still unknown: 0)."""
    if code in framework.sources:
        return framework.sources[code]
    name, group_required = DEFAULT_SOURCES.get(code, (code, True))
    return Source(code, name, 0, group_required)


class _Sources:
    """Source letters and names: the framework's first, then the usual N/P/C."""

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.by_word: dict[str, str] = {}
        for code, (name, _) in DEFAULT_SOURCES.items():
            self.by_word[match_key(name)] = code
        self.by_word.update({match_key(k): v for k, v in SOURCE_ALIASES.items()})
        for source in framework.sources.values():
            self.by_word[match_key(source.name)] = source.code
        self.letters = set(DEFAULT_SOURCES) | set(framework.sources)

    def lookup(self, text: str) -> str:
        """A source letter for a name, alias or letter; "" when unknown."""
        word = match_key(strip_score(one_line(text)))
        word = re.sub(r"\(.*?\)$", "", word)
        if word.upper() in self.letters and len(word) == 1:
            return word.upper()
        return self.by_word.get(word, "")

    def name(self, code: str) -> str:
        return source_of(self.framework, code).name

    def group_required(self, code: str) -> bool:
        return source_of(self.framework, code).group_required

    def known(self) -> str:
        names = [self.name(c) for c in dict.fromkeys([*self.framework.sources, *DEFAULT_SOURCES])]
        return "、".join(names)

    def known_letters(self) -> str:
        return "、".join(dict.fromkeys([*self.framework.sources, *DEFAULT_SOURCES]))


# ---------------------------------------------------------------------------
# One table
# ---------------------------------------------------------------------------


class _TableReader:
    """Finds a table's header, then reads its rows with fill-down for merged headings."""

    def __init__(self, table: Table, file_name: str, sources: _Sources, notices: list[Notice], year: int) -> None:
        self.year = year
        self.table = table
        self.file_name = file_name
        self.sources = sources
        self.notices = notices
        self.header_row = 0
        self.note_col = 0
        self.header_rows: list[int] = []
        """The header's rows: one, or two when group cells stand over sub-headers."""
        self.header_keys: list[list[str]] = []
        """Each header row's keys, to skip the header where a printed register repeats it."""
        self.columns: dict[str, int] = {}
        self.headers: dict[int, str] = {}
        self.sheet_source = sources.lookup(table.name)

    # --- where --------------------------------------------------------------------

    def where(self, row: int | None = None, col: int | None = None) -> str:
        place = self.file_name if self.table.is_csv else say("register.where-sheet", file_name=self.file_name,
                                                             table_name=self.table.name)
        if row:
            place += say("register.where-row", row=row)
        if col:
            header = self.headers.get(col, "")
            place += say("register.where-column",
                         column=get_column_letter(col)) + (f"({header})" if header else "")
        return place

    def add(self, code: str, row: int | None = None, col: int | None = None, **params: Any) -> None:
        self.notices.append(notice(code, self.where(row, col), **params))

    # --- header -------------------------------------------------------------------

    def find_header(self) -> bool:
        if self.table.hidden:
            self.add("sheet-skipped", reason=say("register.sheet-hidden"))
            return False
        fields = {name: f for f, names in HEADERS.items() for name in names}
        untitled = 0  # a row naming known columns but no title column: the one error to give
        for r in range(1, min(HEADER_SCAN_ROWS, len(self.table.cells)) + 1):
            cells = self._header_cells(r, fields)
            found = {fields[k] for k in map(header_key, cells) if k in fields}
            if len(found) >= 2 and found & set(TITLE_FIELDS):
                self.header_row = self.header_rows[-1]
                break
            if len(found) >= 3 and not untitled:
                untitled = r
        else:
            if untitled:
                self.add("title-column-missing", untitled)
                return False
            has_data = any(cell_text(v) for row in self.table.cells for v in row)
            self.add("sheet-skipped", reason=say("register.no-header") if has_data else say("register.sheet-blank"))
            return False
        for c, value in enumerate(cells, start=1):
            key = header_key(value)
            if not key:
                continue
            self.headers[c] = one_line(cell_text(value))
            if key == "备注" and not self.note_col:
                self.note_col = c  # ignored as a column, read for "分值3分"
            meaning = fields.get(key)
            if meaning is None:
                reason = (say("register.kept-on-pages") if key in KEPT_ON_PAGES else
                          say("register.register-only") if key in REGISTER_ONLY else say("register.not-imported"))
                self.add("column-ignored", self.header_row, c, header=self.headers[c], reason=reason)
            elif meaning in self.columns:
                self.add("header-duplicate", self.header_row, first=get_column_letter(self.columns[meaning]),
                         second=get_column_letter(c), meaning=FIELD_MEANINGS[meaning])
            else:
                self.columns[meaning] = c
        self._settle_columns()
        return True

    def _header_cells(self, r: int, fields: dict[str, str]) -> list[Any]:
        """Row r as a header, joined with the row below or above when the two are one header:
        a group cell (责任分工) over its sub-headers (牵头单位、配合单位), and cells such as 序号
        merged down both rows (in a CSV, written in the upper row only)."""
        rows = self.table.cells
        self.header_rows, self.header_keys = [r], []
        for upper, lower in ((r, r + 1), (r - 1, r)):
            if upper < 1 or lower > len(rows) or not (_header_half(rows[upper - 1]) and _header_half(rows[lower - 1])):
                continue
            width = max(len(rows[upper - 1]), len(rows[lower - 1]))
            up, low = ([*rows[i - 1], *[None] * (width - len(rows[i - 1]))] for i in (upper, lower))
            ku, kl = [header_key(v) for v in up], [header_key(v) for v in low]
            other = kl if upper == r else ku
            mine = ku if upper == r else kl
            # The other row must add a known column where this one names none, and where
            # both name one they must agree: a data row below the header adds nothing.
            if not any(k in fields and m not in fields for k, m in zip(other, mine)):
                continue
            if any(a in fields and b in fields and fields[a] != fields[b] for a, b in zip(ku, kl)):
                continue
            self.header_rows, self.header_keys = [upper, lower], [ku, kl]
            return [low[c] if kl[c] in fields else up[c] if ku[c] in fields else low[c] if kl[c] else up[c]
                    for c in range(width)]
        return list(rows[r - 1])

    def _settle_columns(self) -> None:
        """Which column serves which field when the register has several candidates."""
        cols = self.columns
        if "id" in cols and "number" in cols:
            if any(cell_text(self.table.value(r, cols["id"])) for r in range(self.header_row + 1, len(self.table.cells) + 1)):
                self._ignore("number", say("register.number-beside-id"))
            else:
                self._ignore("id", say("register.id-column-empty"))
        if "lead" in cols and "partners" in cols and "responsible" in cols:
            self._ignore("responsible", say("register.units-beside-lead-partners"))
        if "name" in cols and "level3" in cols:
            if "content" in cols:
                self._ignore("level3", say("register.title-beside-requirement"))
            else:
                cols["content"] = cols.pop("level3")

    def _ignore(self, meaning: str, reason: str) -> None:
        c = self.columns.pop(meaning)
        self.add("column-ignored", self.header_row, c, header=self.headers[c], reason=reason)

    # --- rows -----------------------------------------------------------------------

    def rows(self) -> list[RegisterRow]:
        out: list[RegisterRow] = []
        carry = {"source": "", "area": "", "group": ""}
        header_keys = [header_key(v) for v in self.table.cells[self.header_row - 1]]
        repeated = [header_keys, *self.header_keys, *([header_key(v) for v in self.table.cells[h - 1]]
                                                      for h in self.header_rows)]
        title_col = next(self.columns[f] for f in TITLE_FIELDS if f in self.columns)
        for r in range(self.header_row + 1, len(self.table.cells) + 1):
            cells = self.table.cells[r - 1]
            if not any(cell_text(v) for v in cells):
                continue
            if [header_key(v) for v in cells] in repeated:
                continue  # the header repeated (a printed register repeats it on every page)
            if self._banner(r, cells, carry):
                continue
            texts = {f: cell_text(self.table.value(r, c)) for f, c in self.columns.items()}
            if not any(texts.get(f) for f in TITLE_FIELDS):
                headings = {f for f in ("area", "group", "source") if texts.get(f)}
                if headings and not any(v for f, v in texts.items() if f not in headings):
                    self._carry(texts, carry)  # a heading row: says what the rows below belong to
                    continue
                first = next(cell_text(v) for v in cells if cell_text(v))
                if first.startswith(NOTE_STARTS):
                    self.add("row-skipped", r, value=one_line(first)[:20])
                else:
                    self.add("title-missing", r, title_col, column=get_column_letter(title_col))
                continue
            out.append(self._row(r, texts, carry))
        return out

    def _banner(self, r: int, cells: list[Any], carry: dict[str, str]) -> bool:
        """A row whose cells all say the same (one cell merged across the table): a source,
        a level-1 or level-2 heading, a title or a note."""
        filled = [cell_text(v) for v in cells if cell_text(v)]
        if len(filled) < 2 or len(set(filled)) != 1:
            return False
        text = filled[0]
        heading = parse_heading(text)
        if self.sources.lookup(text):
            carry.update(source=text, area="", group="")
        elif heading.ordinal is not None and is_area_numbering(text):
            carry.update(area=text, group="")
        elif heading.ordinal is not None or heading.code:
            carry["group"] = text
        else:
            self.add("row-skipped", r, value=one_line(text)[:20])
        return True

    @staticmethod
    def _carry(texts: dict[str, str], carry: dict[str, str]) -> None:
        if texts.get("source") and texts["source"] != carry["source"]:
            carry.update(source=texts["source"], area="", group="")
        if texts.get("area") and texts["area"] != carry["area"]:
            carry.update(area=texts["area"], group="")
        if texts.get("group"):
            carry["group"] = texts["group"]

    def _row(self, r: int, texts: dict[str, str], carry: dict[str, str]) -> RegisterRow:
        row = RegisterRow(where=self.where(r), sheet=self.where(), row=r)
        previous = (carry["source"], carry["area"])
        self._carry(texts, carry)
        letter, number = self._number(row, r)
        title_number = self._texts(row, texts)
        if number is None and not row.numbered_by:
            number = title_number
            row.numbered_by = "title" if number else "order"
        row.number = number
        self._source(row, r, letter, carry)
        if "area" in self.columns:
            row.provided.add("area")
            if carry["area"]:
                row.area = parse_heading(carry["area"])
            else:
                self.add("area-missing", r, self.columns["area"])
        if "group" in self.columns:
            row.provided.add("group")
            required = self.sources.group_required(row.source)
            text = texts.get("group", "")
            if not text and required and previous == (carry["source"], carry["area"]):
                text = carry["group"]  # blank under a heading: what a CSV saved from merged cells looks like
            carry["group"] = text
            if text:
                row.group = parse_heading(text)
            elif required:
                self.add("group-missing", r, self.columns["group"], source_name=self.sources.name(row.source))
        self._units(row, texts, r)
        self._due(row, r)
        self._points(row, texts, r)
        return row

    def _points(self, row: RegisterRow, texts: dict[str, str], r: int) -> None:
        """分值 as data: its column, else "(3分)" at the end of the title, else "分值3分" in 备注."""
        m = _TITLE_POINTS.search(row.title)
        if m:
            row.title = row.title[:m.start()].rstrip()
        note = cell_text(self.table.value(r, self.note_col)) if self.note_col else ""
        n = _NOTE_POINTS.search(unicodedata.normalize("NFKC", note))
        if "points" in self.columns:
            row.provided.add("points")
            text = unicodedata.normalize("NFKC", texts.get("points", "")).strip().removesuffix("分").strip()
            if text:
                try:
                    row.points = float(text)
                except ValueError:
                    self.add("points-invalid", r, self.columns["points"], value=texts["points"])
                return
        if m or n:
            row.provided.add("points")
            row.points = float((m or n).group(1))

    def _number(self, row: RegisterRow, r: int) -> tuple[str, int | None]:
        column = self.columns.get("id") or self.columns.get("number")
        if not column:
            return "", None
        raw = self.table.value(r, column)
        row.numbered_by = "invalid"
        if not cell_text(raw):
            self.add("number-missing", r, column)
            return "", None
        parsed = parse_number(raw)
        if parsed is None or (parsed[0] and parsed[0] not in self.sources.letters):
            self.add("number-invalid", r, column, value=cell_text(raw))
            return "", None
        row.numbered_by = "id" if parsed[0] else "number"
        return parsed

    def _source(self, row: RegisterRow, r: int, letter: str, carry: dict[str, str]) -> None:
        """From the 来源 column, else the 编号's letter, else a heading row, else the sheet's name."""
        text = carry["source"]
        source = self.sources.lookup(text) if text else ""
        if text and not source:
            self.add("source-unknown", r, self.columns.get("source"), value=one_line(text),
                     known=self.sources.known(), letters=self.sources.known_letters())
        if letter and source and letter != source:
            self.add("source-conflict", r, self.columns.get("source"), name=self.sources.name(source),
                     value=canonical_id(letter, row.number or 0), letter=letter, expected=source)
        row.source = source or letter or self.sheet_source or DEFAULT_SOURCE

    def _texts(self, row: RegisterRow, texts: dict[str, str]) -> int | None:
        """Title and requirement; returns a number the text began with ("7.按照…")."""
        row.provided.add("title")
        if texts.get("name"):
            row.title = one_line(texts["name"])
            if "content" in self.columns:
                row.provided.add("requirement")
                row.requirement = leading_number(texts["content"])[1] or None if texts.get("content") else None
            return None
        if "level3" in self.columns and "content" in self.columns and texts.get("level3"):
            number, title = leading_number(texts["level3"])
            row.title = one_line(title)
            row.provided.add("requirement")
            row.requirement = leading_number(texts["content"])[1] if texts.get("content") else None
            return number
        number, text = leading_number(texts.get("level3") or texts.get("content") or "")
        row.title, row.requirement, row.shortened = split_title(text)
        if row.requirement is not None:
            row.provided.add("requirement")
        return number

    def _units(self, row: RegisterRow, texts: dict[str, str], r: int) -> None:
        """牵头单位 is the lead as written; 配合单位 (or 责任单位) are split into partners.
        With 责任单位 and no 牵头单位, the first responsible unit leads."""
        lead_col = self.columns.get("lead")
        if lead_col:
            row.provided.add("lead")
            row.lead = one_line(texts.get("lead", ""), "、")
            partners = "partners" if "partners" in self.columns else "responsible"
            if partners in self.columns:
                row.provided.add("partners")
                row.partners = split_units(texts.get(partners, ""))
        elif "responsible" in self.columns:
            row.provided.update({"lead", "partners"})
            units = split_units(texts.get("responsible", ""))
            row.lead, row.partners = (units[0], units[1:]) if units else ("", [])
            lead_col = self.columns["responsible"]
        elif "partners" in self.columns:
            row.provided.add("partners")
            row.partners = split_units(texts.get("partners", ""))
        if "lead" in row.provided and not row.lead:
            self.add("lead-missing", r, lead_col)

    def _due(self, row: RegisterRow, r: int) -> None:
        """The date, and the text as written unless it is a complete date; a 时限说明 column
        (the site's own export has one) gives the text instead."""
        if "due_text" in self.columns:
            row.provided.add("due_text")
            row.due_text = one_line(cell_text(self.table.value(r, self.columns["due_text"]))) or None
        column = self.columns.get("due")
        if not column:
            return
        row.provided.add("due")
        row.provided.add("due_text")
        raw = self.table.value(r, column)
        text = one_line(cell_text(raw))
        if not text:
            return
        if "due_text" not in self.columns and not isinstance(raw, (dt.date, int, float)) and not _COMPLETE_DATE.fullmatch(
                re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))):
            row.due_text = text
        try:
            row.due = parse_due(raw)
        except DueError as exc:
            row.due = date_in_year(text, self.year)
            if row.due:
                self.add("due-this-year", r, column, value=text, date=row.due.isoformat(), year=self.year)
            elif recurrence(text):
                self.add("due-recurring", r, column, value=text, node=recurrence(text).describe())
            else:
                row.due_text = None
                self.add(exc.code, r, column, value=text)
            return
        if row.due is None and recurrence(text):  # 每年3月底: parse_due takes 每年 for ongoing work
            self.add("due-recurring", r, column, value=text, node=recurrence(text).describe())
        elif row.due is None:
            self.add("due-ongoing", r, column, value=text)


# ---------------------------------------------------------------------------
# Numbers across the register
# ---------------------------------------------------------------------------


def _settle_numbers(register: Register, sources: _Sources) -> None:
    """Running numbers become per-source numbers; rows without numbers are numbered in
    order; then duplicates and gaps are errors (the framework's counts and the pages'
    IDs rely on each source being numbered 1..n)."""
    rows = register.rows
    for sheet in dict.fromkeys(r.sheet for r in rows):
        in_sheet = [r for r in rows if r.sheet == sheet]
        codes = list(dict.fromkeys(r.source for r in in_sheet))
        for code in codes if len(codes) > 1 else ():
            mine = [r for r in in_sheet if r.source == code]
            if any(r.numbered_by not in ("number", "title") for r in mine):
                continue
            first = mine[0].number
            if first > 1 and [r.number for r in mine] == list(range(first, first + len(mine))):
                for r in mine:
                    r.number -= first - 1
                register.notices.append(notice("numbers-shifted", sheet, source_name=sources.name(code), first=first,
                                               last=first + len(mine) - 1, id_first=mine[0].id, id_last=mine[-1].id))
    for code in dict.fromkeys(r.source for r in rows):
        mine = [r for r in rows if r.source == code]
        restarts = _restarts(mine)
        if restarts:  # 序号 begins at 1 again under each 一级/二级指标: the register's order is the numbering
            for n, r in enumerate(mine, start=1):
                r.number = n
            register.notices.append(notice("numbers-restarted", register.path.name, source_name=sources.name(code),
                                           blocks=restarts + 1, id_first=mine[0].id, id_last=mine[-1].id))
    for code in dict.fromkeys(r.source for r in rows if r.numbered_by == "order"):
        mine = [r for r in rows if r.source == code]
        if any(r.numbered_by != "order" for r in mine):
            register.notices.extend(notice("number-unknown", r.where) for r in mine if r.numbered_by == "order")
            continue
        for n, r in enumerate(mine, start=1):
            r.number = n
        register.notices.append(notice("numbers-by-order", register.path.name, source_name=sources.name(code),
                                       id_first=mine[0].id, id_last=mine[-1].id))
    seen: dict[str, RegisterRow] = {}
    for r in rows:
        if r.number and r.id in seen:
            register.notices.append(notice("id-duplicate", r.where, value=r.id, other=seen[r.id].where))
        elif r.number:
            seen[r.id] = r
    for code in dict.fromkeys(r.source for r in rows):
        mine = [r for r in rows if r.source == code]
        if any(not r.number for r in mine):
            continue  # those rows already have their error
        count, numbers = len(mine), {r.number for r in mine}
        missing = [canonical_id(code, n) for n in range(1, count + 1) if n not in numbers]
        beyond = [canonical_id(code, n) for n in sorted(numbers) if n > count]
        detail = [f"{label} {_some(ids)}" for label,
                  ids in ((say("register.missing"), missing), (say("register.beyond"), beyond)) if ids]
        if detail:
            register.notices.append(notice("id-gap", register.path.name, source_name=sources.name(code), count=count,
                                           first=canonical_id(code, 1), last=canonical_id(code, count),
                                           detail=",".join(detail)))


def _restarts(rows: list[RegisterRow]) -> int:
    """How many times the 序号 of one source's rows begin again at 1 where a new 一级 or
    二级指标 begins, when that is the only way they break from 1, 2, 3 …; 0 otherwise (an
    ordinary or a faulty numbering, which the checks below judge)."""
    if not rows or any(r.numbered_by not in ("number", "title") or not r.number for r in rows) or rows[0].number != 1:
        return 0
    restarts = 0
    for before, row in zip(rows, rows[1:]):
        if row.number == before.number + 1:
            continue
        if row.number == 1 and (row.area, row.group) != (before.area, before.group):
            restarts += 1
            continue
        return 0
    return restarts


def _header_half(cells: list[Any]) -> bool:
    """Whether a row can be half of a header: at least two different texts (a title merged
    across the table, or a note, has one)."""
    return len({cell_text(v) for v in cells if cell_text(v)}) >= 2


def _some(ids: list[str], limit: int = 5) -> str:
    return "、".join(ids[:limit]) + (say("register.word-etc") if len(ids) > limit else "")
