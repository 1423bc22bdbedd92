"""Where the campaign stands: counts by source, area and unit, the unit ranking, the
overdue list, the rectification ledger and the coming time nodes.

Plain functions over a `Site` and a date; the dashboards, the unit pages, the exports
and `scripts/report.py` all call these, so a number is computed one way everywhere.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from evidencesite.model.deadlines import recurrence
from evidencesite.reading.history import History
from evidencesite.model.site import Site
from evidencesite.model import Indicator, Problem, Source, Status, unit_key
from evidencesite.model.phases import Phases


@dataclass(frozen=True)
class Tally:
    """Counts over a set of indicators. `expected` is the number the framework asks for
    (sources only); pages not yet written count as not done."""

    total: int = 0
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    unknown: int = 0
    """Pages whose status is missing or invalid (an error on the page)."""
    ready: int = 0
    """Pages meeting the evidence rule."""
    not_applicable: int = 0
    """Of those, pages meeting it only by a not_applicable note: counted apart wherever
    counts are shown (issue 16), since they are not work done."""
    overdue: int = 0
    open_problems: int = 0
    closed_problems: int = 0
    expected: int = 0

    @property
    def gaps(self) -> int:
        return self.total - self.ready

    @property
    def missing(self) -> int:
        """Pages the framework expects that do not exist yet."""
        return max(0, self.expected - self.total)

    @property
    def base(self) -> int:
        """What completion is measured against: the expected count or the pages, whichever is larger."""
        return max(self.expected, self.total)

    @property
    def percent(self) -> int:
        """Completion in whole percent (已完成 / base), rounded half up."""
        return (200 * self.done + self.base) // (2 * self.base) if self.base else 0


def tally(indicators: Iterable[Indicator], today: dt.date, expected: int = 0) -> Tally:
    items = list(indicators)
    statuses = [i.status for i in items]
    problems = [p for i in items for p in i.problems]
    return Tally(total=len(items), done=statuses.count(Status.DONE), in_progress=statuses.count(Status.IN_PROGRESS),
                 not_started=statuses.count(Status.NOT_STARTED), unknown=statuses.count(None),
                 ready=sum(1 for i in items if i.meets_evidence_rule),
                 not_applicable=sum(1 for i in items if i.not_applicable and not i.evidence),
                 overdue=sum(1 for i in items if i.is_overdue(today)),
                 open_problems=sum(1 for p in problems if p.is_open),
                 closed_problems=sum(1 for p in problems if not p.is_open), expected=expected)


def overall(site: Site, today: dt.date) -> Tally:
    """The whole site; pages the framework expects but nobody has written count as not done."""
    expected = sum(max(t.expected, t.total) for _, t in by_source(site, today))
    return tally(site.indicators.values(), today, expected)


def by_source(site: Site, today: dt.date) -> list[tuple[Source, Tally]]:
    """Each source of the framework (and any undeclared letter, with expected 0)."""
    out = [(s, tally(site.by_source(s.code), today, s.expected)) for s in site.framework.sources.values()]
    strays = sorted({i.source for i in site.indicators.values()} - set(site.framework.sources))
    out += [(Source(code, "未声明的来源", 0), tally(site.by_source(code), today)) for code in strays]
    return out


def by_area(site: Site, today: dt.date) -> list[tuple[str, str, Tally]]:
    """(code, title, tally) for each level-1 area, in framework order."""
    return [(a.code, a.title, tally(site.in_area(a.code), today))
            for a in site.framework.areas.values()]


# ---------------------------------------------------------------------------
# Units (责任分工)
# ---------------------------------------------------------------------------


def unit_slug(name: str, length: int = 8) -> str:
    """The unit's URL segment: the first `length` hex digits of SHA-256 of its key.
    ASCII, stable for as long as the name is, and the same on every machine."""
    return hashlib.sha256(unit_key(name).encode("utf-8")).hexdigest()[:length]


@dataclass
class Unit:
    name: str
    slug: str
    lead: list[Indicator] = field(default_factory=list)
    partner: list[Indicator] = field(default_factory=list)

    @property
    def page(self) -> str:
        return f"units/{self.slug}/index.md"

    def tally(self, today: dt.date) -> Tally:
        """Over the indicators this unit leads: what it answers for."""
        return tally(self.lead, today)

    def overdue(self, today: dt.date) -> list[tuple[Indicator, str]]:
        """(indicator, 牵头/配合) for every overdue indicator the unit leads or supports."""
        return [(i, "牵头") for i in self.lead if i.is_overdue(today)] + \
               [(i, "配合") for i in self.partner if i.is_overdue(today)]

    def open_problems(self) -> list[tuple[Indicator, Problem]]:
        return [(i, p) for i in self.lead for p in i.open_problems]


def units(site: Site) -> list[Unit]:
    """Every lead and partner unit, in order of first appearance (framework order of pages).
    Two names with the same slug prefix (never seen at 8 digits, but possible) both get 16."""
    found: dict[str, Unit] = {}
    listed: set[tuple[str, str, str]] = set()  # (unit, role, indicator): a set, not a scan of the members
    for ind in site.indicators.values():
        leads = ind.leads
        lead_keys = {unit_key(n) for n in leads}
        # A unit both leading and supporting an indicator counts once, as its lead.
        partners = [n for n in ind.partners if unit_key(n) not in lead_keys]
        for role, names in (("lead", leads), ("partner", partners)):
            for name in names:
                key = unit_key(name)
                if not key:
                    continue
                unit = found.setdefault(key, Unit(name.strip(), unit_slug(name)))
                if (key, role, ind.id) not in listed:
                    listed.add((key, role, ind.id))
                    getattr(unit, role).append(ind)
    clashes = [u for u in found.values() if sum(1 for v in found.values() if v.slug == u.slug) > 1]
    for unit in clashes:
        unit.slug = unit_slug(unit.name, 16)
    return list(found.values())


@dataclass(frozen=True)
class Ranked:
    rank: int
    unit: Unit
    tally: Tally


def ranking(all_units: Iterable[Unit], today: dt.date) -> list[Ranked]:
    """Lead units by completion (highest first), then overdue count (fewest first); units
    equal on both share a rank (1, 2, 2, 4). Units that only support others are not ranked."""
    rows = [(u, u.tally(today)) for u in all_units if u.lead]
    rows.sort(key=lambda r: (-r[1].percent, r[1].overdue, -r[1].done, r[0].name))
    out: list[Ranked] = []
    for n, (unit, t) in enumerate(rows, start=1):
        same = out and (out[-1].tally.percent, out[-1].tally.overdue) == (t.percent, t.overdue)
        out.append(Ranked(out[-1].rank if same else n, unit, t))
    return out


# ---------------------------------------------------------------------------
# Lists
# ---------------------------------------------------------------------------


def overdue(site: Site, today: dt.date) -> list[Indicator]:
    """Indicators whose time node has passed and that are not 已完成, longest overdue first
    (a recurring deadline by the node its page missed)."""
    late = [(node, i) for i in site.indicators.values() if (node := i.overdue_node(today))]
    return [i for _, i in sorted(late, key=lambda pair: pair[0])]


def days_overdue(indicator: Indicator, today: dt.date) -> int:
    node = indicator.overdue_node(today)
    return (today - node).days if node else 0


def recurring_unjudged(site: Site, history: History) -> int:
    """How many indicators not yet done have a recurring deadline that cannot be judged
    for lack of a version record (they are not counted as overdue)."""
    if history.available:
        return 0
    return sum(1 for i in site.indicators.values()
               if i.status is not Status.DONE and i.due is None and i.due_text and recurrence(i.due_text))


@dataclass(frozen=True)
class LedgerRow:
    """One problem of the rectification ledger with the indicator it belongs to."""

    indicator: Indicator
    problem: Problem

    def is_overdue(self, today: dt.date) -> bool:
        return self.problem.is_open and self.problem.due is not None and self.problem.due < today

    @property
    def state(self) -> str:
        return "整改中" if self.problem.is_open else "已销号"


def ledger(site: Site) -> list[LedgerRow]:
    """Every problem of every page, in page order: open and closed (销号) alike."""
    return [LedgerRow(i, p) for i in site.indicators.values() for p in i.problems]


@dataclass(frozen=True)
class TimeNode:
    date: dt.date
    what: str
    indicators: tuple[Indicator, ...] = ()


def time_nodes(site: Site, phases: Phases, today: dt.date, limit: int | None = 5) -> list[TimeNode]:
    """The next `limit` dates from today on: phase starts, the plan's milestones, the
    monthly report deadline, and the dates indicators fall due (grouped by date)."""
    nodes = [TimeNode(p.start, f"进入第{p.number}阶段:{p.name}") for p in phases.phases]
    nodes += [TimeNode(m.date, m.what) for m in phases.milestones]
    if phases.phases:
        nodes += [TimeNode(d, f"报送上月创建任务完成情况(每月{phases.report_day}日前)")
                  for d in phases.report_dates(today, phases.phases[-1].end)]
    due: dict[dt.date, list[Indicator]] = {}
    for ind in site.indicators.values():
        if ind.status is Status.DONE:
            continue
        if ind.due:
            due.setdefault(ind.due, []).append(ind)
        elif ind.due_text and (rule := recurrence(ind.due_text)):  # 每月5日前: its next occurrence
            due.setdefault(rule.next_on_or_after(today), []).append(ind)
    nodes += [TimeNode(d, f"{len(inds)} 项指标到期", tuple(inds)) for d, inds in due.items()]
    upcoming = sorted((n for n in nodes if n.date >= today), key=lambda n: (n.date, bool(n.indicators), n.what))
    return upcoming[:limit]


# ---------------------------------------------------------------------------
# Once per build
# ---------------------------------------------------------------------------


@dataclass
class Board:
    """The site with its date, phases and Git history; every figure computed at most once."""

    site: Site
    today: dt.date
    phases: Phases = field(default_factory=Phases)
    history: History = field(default_factory=History)
    internal: bool = True
    """Whether the internal pages (gaps, units, overdue, ledger) exist in this build: blocks
    link to them and show their counters only then (evidencesite/presentation/internal.py)."""
    chart_ids: dict[tuple[str, str], int] = field(default_factory=dict, repr=False)
    """Charts handed out per (page, kind), so two charts on one page never share an id."""

    def __post_init__(self) -> None:
        if self.history.available:  # recurring deadlines are judged by Git's dates (Indicator.changed)
            self.history.stamp(self.site, self.today)

    @cached_property
    def overall(self) -> Tally:
        return overall(self.site, self.today)

    @cached_property
    def sources(self) -> list[tuple[Source, Tally]]:
        return by_source(self.site, self.today)

    @cached_property
    def areas(self) -> list[tuple[str, str, Tally]]:
        return by_area(self.site, self.today)

    @cached_property
    def units(self) -> list[Unit]:
        return units(self.site)

    @cached_property
    def ranking(self) -> list[Ranked]:
        return ranking(self.units, self.today)

    @cached_property
    def overdue(self) -> list[Indicator]:
        return overdue(self.site, self.today)

    @cached_property
    def ledger(self) -> list[LedgerRow]:
        return ledger(self.site)

    def unit(self, name: str) -> Unit | None:
        key = unit_key(name)
        return next((u for u in self.units if unit_key(u.name) == key), None)
