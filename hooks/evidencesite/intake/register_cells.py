"""Cell values of the indicator register as offices type them, read into what the site
stores: headings with their numbering, indicator titles, units, numbers and dates.

Pure functions on single values, no files: `register` applies them to every row.
Punctuation may be half- or full-width (（一）, 1., ７), numbers may be numbers or text,
dates Excel dates, Excel serials or Chinese text such as 2021年4月底.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from openpyxl.utils.datetime import from_excel

from evidencesite.model import strip_invisible

TITLE_MAX = 30
"""A title longer than this is shortened to its first sentence; the full text becomes the requirement."""
ONGOING_WORDS = ("长期", "持续", "常态", "经常", "每年", "定期")

_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_CN_NUMERAL = "[一二三四五六七八九十]+"
_D = "[0-9０-９]"  # digits as typed, half- or full-width (int() reads both)
_SCORE = re.compile(r"\s*[(\uff08]\s*(?:[0-9０-９.．]+\s*分|共?\s*[0-9０-９]+\s*项)\s*[)\uff09]\s*$")
_POINTS = re.compile(r"[(]\s*(\d+(?:\.\d+)?)\s*分\s*[)]\s*$")
"""The 分值 at the end of a heading, after NFKC ((180分) -> 180)."""
_DOTTED = re.compile(rf"^([A-Za-zＡ-Ｚａ-ｚ]{{0,3}}{_D}+(?:[.．]{_D}+)+)(?:\s+|[、.．]\s*|(?=\D)|$)(.*)$", re.S)
_ORDINALS = [
    re.compile(rf"^第?({_CN_NUMERAL})[、.．,，:：\s]\s*(.*)$", re.S),
    re.compile(rf"^[(（]\s*({_CN_NUMERAL}|{_D}+)\s*[)）]\s*(.*)$", re.S),
    re.compile(rf"^({_D}+)(?:[、.．)）,，]|\s)\s*(?!{_D})(.*)$", re.S),
]
_SENTENCE_END = re.compile(r"[。;\uff1b!\uff01?\uff1f\n]")
_CLAUSE_END = re.compile(r"[,\uff0c:\uff1a]")
_UNIT_SPLIT = re.compile(r"[、,\uff0c;\uff1b/\n]+|\s+")


@dataclass(frozen=True)
class Heading:
    """A level-1 or level-2 cell: its title and the numbering it was written with."""

    text: str
    """As written (merged and filled down)."""
    title: str
    """Without numbering and score: what the framework calls it."""
    code: str = ""
    """An explicit code such as "1.2" or "W1.1", when the text begins with one."""
    ordinal: int | None = None
    """The number of 一、 / (二) / 3、 numbering."""
    points: float | None = None
    """The 分值 written after the title ((180分)); None when the heading gives none."""

    @property
    def key(self) -> str:
        return match_key(self.title)


def header_key(value: Any) -> str:
    """A header cell as compared: no spaces or line breaks, no (…) remark, no required-marker *."""
    text = unicodedata.normalize("NFKC", cell_text(value))
    text = re.sub(r"\s+|\*", "", text)
    return re.sub(r"\(.*?\)$", "", text)


def cell_text(value: Any) -> str:
    """A cell as text: numbers without a spurious .0, dates as ISO, line breaks as \\n, no control characters."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        text = text[1:]  # our CSV export's guard against formulas (exports.FORMULA_STARTS)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\t", " ")
    text = text.replace("\u00a0", " ").replace("_x000D_", "")
    text = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) != "Cc")
    text = strip_invisible(text)  # pasted zero-width spaces: nobody can see, so nobody means them
    return "\n".join(line.strip() for line in text.strip().split("\n"))


def one_line(text: str, joiner: str = "") -> str:
    return joiner.join(part for part in text.split("\n") if part)


def match_key(title: str) -> str:
    """What two titles must share to be the same area or group: no spacing, width or end punctuation."""
    text = unicodedata.normalize("NFKC", title)
    return re.sub(r"[\s。.;;]+", "", text)


def parse_heading(text: str) -> Heading:
    """"一、依法全面履行政府职能(135分)" -> ordinal 1, title "依法全面履行政府职能"; "1.2 …" -> code "1.2"."""
    flat = one_line(text)
    title, code, ordinal = flat, "", None
    m = _DOTTED.match(flat)
    if m:
        code, title = unicodedata.normalize("NFKC", m.group(1)).upper(), m.group(2)
    else:
        for pattern in _ORDINALS:
            m = pattern.match(flat)
            if m and m.group(2).strip():
                ordinal, title = _number_word(m.group(1)), m.group(2)
                break
    return Heading(text=flat, title=strip_score(title), code=code, ordinal=ordinal, points=heading_points(title))


def heading_points(text: str) -> float | None:
    """"依法全面履行政府职能(135分)" -> 135.0; None without a (…分) at the end ((共25项) is a count, not points)."""
    m = _POINTS.search(unicodedata.normalize("NFKC", text))
    return float(m.group(1)) if m else None


def strip_score(text: str) -> str:
    """"依法全面履行政府职能(135分)" -> "依法全面履行政府职能"; also "(共25项)"."""
    return _SCORE.sub("", text).strip()


def is_area_numbering(text: str) -> bool:
    """Whether a heading is numbered the way level-1 headings are (一、 二、 …)."""
    return bool(re.match(rf"^第?{_CN_NUMERAL}[、.．]", unicodedata.normalize("NFKC", text)))


def _number_word(word: str) -> int | None:
    if word.isdecimal():
        return int(word)
    if word == "十":
        return 10
    if "十" in word:
        tens, _, ones = word.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            return None
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return _CN_DIGITS[word] if len(word) == 1 else None


def leading_number(text: str) -> tuple[int | None, str]:
    """"7.按照中央部署…" -> (7, "按照中央部署…"); text without numbering -> (None, text)."""
    for pattern in _ORDINALS[1:]:
        m = pattern.match(text)
        if m and m.group(2).strip():
            return _number_word(m.group(1)), m.group(2)
    return None, text


def split_title(text: str) -> tuple[str, str | None, bool]:
    """A long indicator text -> (title, full text as requirement, shortened?).

    The title is the first sentence; if that is longer than TITLE_MAX, its first clause;
    if that is still longer, the first TITLE_MAX characters and "…"."""
    flat = one_line(text)
    first = _SENTENCE_END.split(text, maxsplit=1)[0].strip()
    if len(flat) <= TITLE_MAX and first == flat.rstrip("。;\uff1b"):
        return first, None, False
    title = first
    if len(title) > TITLE_MAX:
        clause = _CLAUSE_END.split(title, maxsplit=1)[0].strip()
        title = clause if 4 <= len(clause) <= TITLE_MAX else title[:TITLE_MAX].rstrip() + "…"
    return title, text, True


def split_units(text: str) -> list[str]:
    return list(dict.fromkeys(u for u in _UNIT_SPLIT.split(text) if u))


def parse_number(value: Any) -> tuple[str, int] | None:
    """A 序号 or 编号 cell -> (source letter or "", number); None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return ("", value) if value > 0 else None
    if isinstance(value, float):
        return ("", int(value)) if value.is_integer() and value > 0 else None
    text = unicodedata.normalize("NFKC", cell_text(value)).strip()
    m = re.fullmatch(r"([A-Za-z])?\s*0*(\d+)\s*[.、]?", text)
    if not m or int(m.group(2)) == 0:
        return None
    return (m.group(1) or "").upper(), int(m.group(2))


class DueError(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def parse_due(value: Any) -> dt.date | None:
    """A 完成时限 cell -> a date; None for ongoing work (长期坚持); DueError otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", cell_text(value)))
    if isinstance(value, (int, float)) and not isinstance(value, bool) or re.fullmatch(r"\d{5}(?:\.0+)?", text):
        serial = float(text)
        if 20000 <= serial <= 80000:  # an Excel date serial: a cell not formatted as a date, or its CSV
            return from_excel(serial).date()
        raise DueError("date-unreadable")
    text = re.sub(r"(?:\d{1,2}:\d{2}(?::\d{2})?)$", "", text)
    text = re.sub(r"(?:之前|以前|前|止|完成)$", "", text)
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            raise DueError("date-invalid") from None
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})月?(?:底|末|份|中旬|下旬)?", text)
    if m and 1 <= int(m.group(2)) <= 12:
        year, month = int(m.group(1)), int(m.group(2))
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    m = re.fullmatch(r"(\d{4})年?(上半年|下半年|年底|年末|底|末|第?[一二三四1-4]季度)?", text)
    if m and (m.group(2) or text.endswith("年")):
        year, part = int(m.group(1)), m.group(2) or ""
        month = 6 if part == "上半年" else 12
        quarter = re.search(r"[一二三四1-4]", part) if "季度" in part else None
        if quarter:
            month = 3 * ("一二三四".find(quarter.group()) + 1 if quarter.group() in "一二三四" else int(quarter.group()))
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    if any(word in text for word in ONGOING_WORDS):
        return None
    raise DueError("date-unreadable")
