"""The periods the office reports on (工作方案七(三)): a month (每月5日前报送), two
consecutive months (双月检查) and a quarter (季度点评), each named the way staff type it
on the command line: `2021-04`, `2021-04~05`, `2021-Q2`.

A period is [start, end): `end` is the first day after it, so "committed before the end"
is one comparison and a running period is `end > today`.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
from dataclasses import dataclass


class PeriodKind(enum.Enum):
    """What the report for a period is called and how it names its two ends."""

    MONTH = "月"
    TWO_MONTHS = "双月"
    QUARTER = "季度"

    @property
    def document(self) -> str:
        return {"月": "创建工作月报", "双月": "双月检查情况报告", "季度": "季度点评报告"}[self.value]

    @property
    def this(self) -> str:
        """How the report says "in this period" (本月 / 本期)."""
        return "本月" if self is PeriodKind.MONTH else "本期"

    @property
    def previous_end(self) -> str:
        return "上月末" if self is PeriodKind.MONTH else "上期末"

    @property
    def this_end(self) -> str:
        return "本月末" if self is PeriodKind.MONTH else "本期末"


_QUARTER_NAMES = "一二三四"
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_TWO_MONTHS = re.compile(r"^(\d{4})-(\d{1,2})(?:~|至|到)(\d{1,2})$")
"""Not "-" between the months: 2021-04-05 reads as a date (5 April), not as April and May."""
_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.I)


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    start: dt.date
    end: dt.date
    """The first day after the period."""

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)

    @property
    def code(self) -> str:
        """The period as written on the command line and in file names (ASCII but for 至)."""
        if self.kind is PeriodKind.QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind is PeriodKind.TWO_MONTHS:
            return f"{self.start.year}-{self.start.month:02d}至{self.last_day.month:02d}"
        return f"{self.start.year}-{self.start.month:02d}"

    @property
    def label(self) -> str:
        """2021年4月 / 2021年4—5月 / 2021年第二季度."""
        if self.kind is PeriodKind.QUARTER:
            return f"{self.start.year}年第{_QUARTER_NAMES[(self.start.month - 1) // 3]}季度"
        if self.kind is PeriodKind.TWO_MONTHS:
            return f"{self.start.year}年{self.start.month}—{self.last_day.month}月"
        return f"{self.start.year}年{self.start.month}月"

    @property
    def title(self) -> str:
        return f"{self.kind.document}({self.label})"

    @property
    def stem(self) -> str:
        """The file name of the report without its suffix."""
        return f"{self.kind.document}-{self.code}"

    def following(self) -> Period:
        """The period of the same kind right after this one (下步打算 looks that far ahead)."""
        months = {PeriodKind.MONTH: 1, PeriodKind.TWO_MONTHS: 2, PeriodKind.QUARTER: 3}[self.kind]
        return Period(self.kind, self.end, add_months(self.end, months))


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def parse_period(text: str) -> Period | None:
    """'2021-04', '2021-04~05' (or 至, 到; full-width forms too) or '2021-Q2'; None otherwise."""
    value = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    if m := _MONTH.match(value):
        year, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            start = dt.date(year, month, 1)
            return Period(PeriodKind.MONTH, start, add_months(start, 1))
    elif m := _TWO_MONTHS.match(value):
        year, first, second = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= first <= 11 and second == first + 1:
            start = dt.date(year, first, 1)
            return Period(PeriodKind.TWO_MONTHS, start, add_months(start, 2))
    elif m := _QUARTER.match(value):
        start = dt.date(int(m.group(1)), 3 * int(m.group(2)) - 2, 1)
        return Period(PeriodKind.QUARTER, start, add_months(start, 3))
    return None
