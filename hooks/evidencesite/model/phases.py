"""The campaign's phases and fixed time nodes, and where a date falls in them.

Read from the phases file by `reading.phases.load_phases`; the date figures are counted
at (`asof`), the dashboards and the reports ask these.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Phase:
    number: int
    """1-based, in the order of the file (一、二 … in the work plan)."""
    name: str
    start: dt.date
    end: dt.date
    tasks: str = ""

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Milestone:
    date: dt.date
    what: str


@dataclass
class Phases:
    path: str = ""
    present: bool = False
    """Whether the site has a phases file at all."""
    plan: str = ""
    report_day: int | None = None
    phases: list[Phase] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)

    def current(self, today: dt.date) -> Phase | None:
        return next((p for p in self.phases if p.contains(today)), None)

    def state(self, phase: Phase, today: dt.date) -> str:
        """已结束 / 进行中 / 未开始, for the timeline."""
        return "已结束" if phase.end < today else "进行中" if phase.start <= today else "未开始"

    def report_dates(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """Every monthly report deadline from `start` to `end` (both included)."""
        if not self.report_day:
            return []
        out, year, month = [], start.year, start.month
        while (year, month) <= (end.year, end.month):
            day = dt.date(year, month, self.report_day)
            if start <= day <= end:
                out.append(day)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out
