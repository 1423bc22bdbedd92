"""The monthly progress report (工作方案七(三): 每月5日前报送): per lead unit, what
changed in the month, completion, overdue items and open problems.

What changed comes from Git: the site as committed before the month began is compared
with the site as committed before the next month began (or with the working tree
while the month is still running). Without Git history the report says so and gives
the current state. Figures come from `progress`, like the site's own dashboards.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from evidencesite.evidence_index import EvidenceIndex
from evidencesite.exports import Table, xlsx_bytes
from evidencesite.history import CHINA, commit_before, git, site_at
from evidencesite.loader import Site, load_site
from evidencesite.model import Framework, Indicator
from evidencesite.phases import Phases
from evidencesite.progress import Board, Tally, Unit, days_overdue, unit_key
from evidencesite.settings import Settings

MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


@dataclass(frozen=True)
class Change:
    """One thing that changed on one indicator page during the month."""

    indicator: Indicator
    kind: str
    """新建页面 / 状态变化 / 新增证据 / 新增说明 / 问题销号 / 新增问题 / 删除页面"""
    detail: str


@dataclass
class Report:
    month: dt.date
    """The first day of the month reported on."""
    reference: dt.date
    """The day figures are taken at: the day after the month, or today while it runs."""
    board: Board
    """The site at the end of the month (or now)."""
    before: Board | None
    """The site at the start of the month; None when Git cannot say."""
    basis: list[str] = field(default_factory=list)
    """Sentences saying what was compared with what, or why nothing could be."""
    changes: list[Change] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"创建工作月报({self.month.year}年{self.month.month}月)"

    def changes_of(self, unit: Unit) -> list[Change]:
        return [c for c in self.changes if unit_key(c.indicator.lead) == unit_key(unit.name)]


def parse_month(text: str) -> dt.date | None:
    """'2021-04' -> 2021-04-01, or None when it is not a month."""
    m = MONTH.match(text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        return None
    return dt.date(int(m.group(1)), int(m.group(2)), 1)


def next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def build_report(root: Path, settings: Settings, month: dt.date, today: dt.date, phases: Phases) -> Report:
    """Compare the site before `month` with the site after it (see the module docstring)."""
    end = next_month(month)
    running = end > today
    reference = today if running else end
    at = lambda day: dt.datetime.combine(day, dt.time(), CHINA)  # noqa: E731  (midnight, China time)
    if git(root, "rev-parse", "--verify", "-q", "HEAD") is None:
        return Report(month, reference, Board(load_site(root, settings), reference, phases), None,
                      ["没有 Git 版本记录(网站目录不在 Git 仓库中、还没有提交,或本机没有安装 Git),无法列出本月变化;"
                       "以下为当前状态。"])
    basis: list[str] = []
    if running:
        after, end_label = load_site(root, settings), f"当前文件(截至 {today.isoformat()},含尚未提交的修改)"
    else:
        last = commit_before(root, at(end))
        if last is None:
            return Report(month, today, Board(load_site(root, settings), today, phases), None,
                          [f"{month.year}年{month.month}月底之前没有版本记录,无法列出本月变化;以下为当前状态。"])
        after, end_label = site_at(root, settings, last), f"{(end - dt.timedelta(days=1)).isoformat()} 的版本(提交 {last[:7]})"
    first = commit_before(root, at(month))
    if first is None:
        before = Site(root, settings, Framework(), {}, EvidenceIndex(root / settings.evidence_dir))
        basis.append(f"{month.isoformat()} 之前没有版本记录:本月变化从第一次提交算起,其间建立的页面都算作新建。")
        start_label = "空白(尚无提交)"
    else:
        before, start_label = site_at(root, settings, first), f"{(month - dt.timedelta(days=1)).isoformat()} 的版本(提交 {first[:7]})"
    basis.insert(0, f"比较基准:上月末为{start_label},本月末为{end_label}。")
    report = Report(month, reference, Board(after, reference, phases), Board(before, month, phases), basis)
    report.changes = diff(before, after)
    return report


def diff(before: Site, after: Site) -> list[Change]:
    """Every change from `before` to `after`, page by page in the order of `after`."""
    audience = after.settings.audience
    out: list[Change] = []
    for ind in after.indicators.values():
        old = before.indicators.get(ind.id)
        if old is None:
            out.append(Change(ind, "新建页面", f"状态 {_status(ind)}"))
        elif old.status != ind.status:
            out.append(Change(ind, "状态变化", f"{_status(old)} → {_status(ind)}"))
        known = {e.file or e.url for e in (old.evidence if old else [])}
        for item in ind.evidence:
            if (item.file or item.url) not in known:
                title = item.title if item.is_published(audience) else "不公开材料(实地核查时提供)"
                out.append(Change(ind, "新增证据", f"{item.type.value}:{title}"))
        for key, label in (("on_site", "实地核查说明"), ("none", "无材料说明")):
            if getattr(ind, key) and not (old and getattr(old, key)):
                out.append(Change(ind, "新增说明", f"{label}:{getattr(ind, key)}"))
        earlier = {p.problem: p for p in (old.problems if old else [])}
        for p in ind.problems:
            was = earlier.get(p.problem)
            if p.closed and (was is None or was.closed is None):
                out.append(Change(ind, "问题销号", f"{p.problem}(销号 {p.closed.isoformat()})"))
            elif p.is_open and was is None:
                out.append(Change(ind, "新增问题", p.problem))
    out += [Change(old, "删除页面", old.title) for old in before.indicators.values() if old.id not in after.indicators]
    return out


# ---------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------


def markdown(report: Report, site_name: str) -> str:
    board, ref = report.board, report.reference
    last_day = next_month(report.month) - dt.timedelta(days=1)
    lines = [f"# {site_name} {report.title}", "",
             f"- 统计期:{report.month.isoformat()} 至 {last_day.isoformat()};"
             f"逾期按 {ref.isoformat()} 计(时间节点在此之前且未完成)。"]
    if board.phases.report_day:
        due = next_month(report.month).replace(day=board.phases.report_day)
        lines.append(f"- 报送时限:{due.isoformat()} 前报送市法治政府建设领导小组办公室(工作方案七(三))。")
    lines += [f"- {sentence}" for sentence in report.basis] + ["", "## 总体情况", ""]
    lines += _overall(report) + ["", "## 牵头单位排名", ""]
    lines += _table(["名次", "牵头单位", "牵头指标", "已完成", "完成率", "逾期", "未销号问题", "本月变化"],
                    [[r.rank, r.unit.name, r.tally.total, r.tally.done, f"{r.tally.percent}%", r.tally.overdue,
                      r.tally.open_problems, len(report.changes_of(r.unit))] for r in board.ranking])
    lines += ["", "排名依据:牵头指标的完成率从高到低,完成率相同时逾期少的在前;两项都相同的名次并列。", "", "## 各单位情况", ""]
    for r in board.ranking:
        lines += _unit_section(report, r.rank, r.unit, r.tally)
    return "\n".join(lines).rstrip() + "\n"


def _overall(report: Report) -> list[str]:
    now = report.board.overall
    rows = [("应有指标", "base"), ("已建页面", "total"), ("已完成", "done"), ("推进中", "in_progress"), ("未启动", "not_started"), ("缺口", "gaps"),
            ("逾期", "overdue"), ("未销号问题", "open_problems")]
    if report.before is None:
        return _table(["项目", "本月末"], [[name, getattr(now, key)] for name, key in rows] +
                      [["完成率", f"{now.percent}%"]])
    was = report.before.overall
    body = [[name, getattr(was, key), getattr(now, key), _delta(getattr(now, key) - getattr(was, key))]
            for name, key in rows]
    body.append(["完成率", f"{was.percent}%", f"{now.percent}%", _delta(now.percent - was.percent, " 个百分点")])
    kinds = sorted({c.kind for c in report.changes})
    summary = "、".join(f"{k} {sum(1 for c in report.changes if c.kind == k)} 项" for k in kinds) or "没有变化"
    return _table(["项目", "上月末", "本月末", "变化"], body) + ["", f"本月变化:{summary}。"]


def _unit_section(report: Report, rank: int, unit: Unit, t: Tally) -> list[str]:
    ref = report.reference
    lines = [f"### {rank}. {unit.name}", "",
             f"牵头指标 {t.total} 项,已完成 {t.done} 项(完成率 {t.percent}%),推进中 {t.in_progress} 项,"
             f"未启动 {t.not_started} 项;逾期 {t.overdue} 项;未销号问题 {t.open_problems} 个。", "", "**本月变化**", ""]
    changes = report.changes_of(unit)
    lines += _table(["编号", "指标", "变化", "内容"], [[c.indicator.id, c.indicator.title, c.kind, c.detail] for c in changes]) \
        if changes else ["本月没有变化。" if report.before else "(没有版本记录,无法列出。)"]
    late = [i for i in unit.lead if i.is_overdue(ref)]
    lines += ["", "**逾期事项**", ""]
    lines += _table(["编号", "指标", "时间节点", "逾期天数", "状态"],
                    [[i.id, i.title, i.due.isoformat(), days_overdue(i, ref), _status(i)] for i in late]) if late else ["没有逾期事项。"]
    problems = unit.open_problems()
    lines += ["", "**未销号问题**", ""]
    lines += _table(["编号", "问题", "整改措施", "整改时限"],
                    [[i.id, p.problem, p.measure, p.due.isoformat() if p.due else "—"] for i, p in problems]) \
        if problems else ["没有未销号的问题。"]
    return lines + [""]


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    cell = lambda v: str(v).replace("|", "\\|").replace("\n", " ")  # noqa: E731
    return (["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)] +
            ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows])


def _delta(value: int, unit: str = "") -> str:
    return f"+{value}{unit}" if value > 0 else f"{value}{unit}" if value else "—"


def _status(ind: Indicator) -> str:
    return ind.status.value if ind.status else "未填写"


# ---------------------------------------------------------------------------
# xlsx
# ---------------------------------------------------------------------------


def workbook(report: Report) -> bytes:
    """The same report as four sheets: 汇总, 本月变化, 逾期事项, 未销号问题."""
    board, ref = report.board, report.reference
    summary = Table("汇总", ["名次", "牵头单位", "牵头指标", "已完成", "推进中", "未启动", "完成率(%)", "逾期", "缺口",
                           "未销号问题", "本月变化"],
                    [[r.rank, r.unit.name, r.tally.total, r.tally.done, r.tally.in_progress, r.tally.not_started,
                      r.tally.percent, r.tally.overdue, r.tally.gaps, r.tally.open_problems,
                      len(report.changes_of(r.unit))] for r in board.ranking])
    changes = Table("本月变化", ["牵头单位", "编号", "指标名称", "变化", "内容"],
                    [[c.indicator.lead, c.indicator.id, c.indicator.title, c.kind, c.detail] for c in report.changes])
    overdue = Table("逾期事项", ["牵头单位", "编号", "指标名称", "时间节点", "逾期天数", "状态"],
                    [[i.lead, i.id, i.title, i.due, days_overdue(i, ref), _status(i)] for i in board.overdue])
    problems = Table("未销号问题", ["牵头单位", "编号", "指标名称", "问题", "整改措施", "整改时限"],
                     [[r.indicator.lead, r.indicator.id, r.indicator.title, r.problem.problem, r.problem.measure,
                       r.problem.due] for r in board.ledger if r.problem.is_open])
    return xlsx_bytes([summary, changes, overdue, problems], ref)
