"""Deadlines as offices write them (完成时限): `4月底`, `年底前`, `每月5日前`, `每季度末`,
`长期坚持`. The text is kept as written (the page field `due_text`); from it come a date
where one is meant (in the campaign year when the text names none) and, for work done
again and again, a recurring time node that the coming-dates list understands.

Pure functions on text; `register` reads cells with them, `pages` and `progress` use
`recurrence` on what a page says.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_QUARTER_ENDS = (3, 6, 9, 12)


@dataclass(frozen=True)
class Recurrence:
    """A time node that comes back: each month on `day` (0: the last day), each quarter's
    end, each half-year's end, or each year on `month`/`day`."""

    every: str
    """"month", "quarter", "half-year" or "year"."""
    day: int = 0
    month: int = 12

    def dates(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """Every occurrence from `start` to `end`, both included."""
        out = []
        for year in range(start.year, end.year + 1):
            months = {"month": range(1, 13), "quarter": _QUARTER_ENDS, "half-year": (6, 12)}.get(self.every, (self.month,))
            for month in months:
                last = calendar.monthrange(year, month)[1]
                day = min(self.day, last) if self.day else last
                date = dt.date(year, month, day)
                if start <= date <= end:
                    out.append(date)
        return out

    def next_on_or_after(self, today: dt.date) -> dt.date:
        return self.dates(today, dt.date(today.year + 1, 12, 31))[0]

    def passed(self, today: dt.date) -> tuple[dt.date, dt.date]:
        """The last occurrence before `today` and the one before that."""
        return _passed(self, today)

    def missed(self, changed: dt.date, today: dt.date) -> tuple[dt.date, dt.date] | None:
        """(the passed node, the node before it) when nothing changed between them, else None.

        The work of a node is done between the node before and the node itself: a monthly
        report due by the 5th is written from the 6th of the month before. So a page last
        changed on 3 June has not missed 5 June, and a page last changed on 5 May has.
        Counting only changes after the node itself would make every unit that reported
        early "overdue" the day after each node, until it edited the page again."""
        node, previous = self.passed(today)
        return (node, previous) if changed <= previous else None

    def describe(self) -> str:
        day = f"{self.day}日" if self.day else "底"
        return {"month": f"每月{day}", "quarter": "每季度末", "half-year": "每半年末"}.get(
            self.every, f"每年{self.month}月{day}")


@lru_cache(maxsize=256)  # every overdue count asks again for each page: one build has one today and few rules
def _passed(rule: Recurrence, today: dt.date) -> tuple[dt.date, dt.date]:
    past = rule.dates(dt.date(today.year - 2, 1, 1), today - dt.timedelta(days=1))  # two years hold two, even yearly
    return past[-1], past[-2]


def _flat(text: str) -> str:
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return re.sub(r"(?:之前|以前|前|止|完成|为止)$", "", text)


@lru_cache(maxsize=4096)  # asked for each page by every overdue count; the rules are few and frozen
def recurrence(text: str) -> Recurrence | None:
    """`每月5日前` -> each month on the 5th; `每季度末` -> each quarter's end; None when not recurring."""
    flat = _flat(text)
    m = re.fullmatch(r"每(?:个)?月(?:的)?(\d{1,2})[日号]", flat)
    if m and 1 <= int(m.group(1)) <= 31:
        return Recurrence("month", int(m.group(1)))
    if re.fullmatch(r"每(?:个)?月(?:底|末)?", flat):
        return Recurrence("month")
    if re.fullmatch(r"每(?:个)?季度(?:末|底)?", flat):
        return Recurrence("quarter")
    if re.fullmatch(r"每半年(?:末|底)?", flat):
        return Recurrence("half-year")
    m = re.fullmatch(r"每年(?:的)?(?:(\d{1,2})月(?:(\d{1,2})[日号]|底|末)?|年?底|年?末)", flat)
    if m:
        month = int(m.group(1)) if m.group(1) else 12
        if 1 <= month <= 12:
            return Recurrence("year", int(m.group(2)) if m.group(2) else 0, month)
    return None


def date_in_year(text: str, year: int) -> dt.date | None:
    """A deadline that names no year, in `year`: `4月底`, `4月30日前`, `年底前`, `上半年`, `第三季度末`."""
    flat = _flat(text)
    m = re.fullmatch(r"(\d{1,2})月(\d{1,2})[日号]", flat)
    if m:
        try:
            return dt.date(year, int(m.group(1)), int(m.group(2)))
        except ValueError:
            return None
    m = re.fullmatch(r"(\d{1,2})月(?:底|末|份|中旬|下旬)?", flat)
    month = int(m.group(1)) if m else 0
    if not m:
        if re.fullmatch(r"(?:今年)?(?:年底|年末|年内|全年)", flat):
            month = 12
        elif re.fullmatch(r"(?:今年)?上半年(?:末|底)?", flat):
            month = 6
        elif re.fullmatch(r"(?:今年)?下半年(?:末|底)?", flat):
            month = 12
        else:
            q = re.fullmatch(r"(?:今年)?第?([一二三四1-4])季度(?:末|底)?", flat)
            month = 3 * ("一二三四".index(q.group(1)) + 1 if q.group(1) in "一二三四" else int(q.group(1))) if q else 0
    if 1 <= month <= 12:
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return None
