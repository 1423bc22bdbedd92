"""The office's progress reports (工作方案七(三): 每月5日前报送, 双月检查, 季度点评):
per lead unit, what was done in the period (主要工作), what is wrong (存在问题) and what
comes next (下步打算), with the unit ranking at the period's end.

What changed comes from Git: the site as committed before the period began is compared
with the site as committed before it ended (or with the working tree while it is still
running). Without Git history the report says so and gives the current state. Figures
come from `progress`, like the site's own dashboards. The document itself names no
commit: the hashes are for the person running the command (`Report.commits`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from evidencesite.figures import review_figures
from evidencesite.publishing.document import Document, to_markdown
from evidencesite.model.evidence_index import EvidenceIndex
from evidencesite.files.workbook import Table, xlsx_bytes
from evidencesite.reading.history import CHINA, History, commit_before, git, read_history
from evidencesite.loading.loader import load_site, site_at
from evidencesite.model.site import Site
from evidencesite.model import Framework, Indicator, Status
from evidencesite.model.periods import Period, PeriodKind, parse_period
from evidencesite.model.phases import Phases
from evidencesite.figures.progress import Board, Tally, Unit, days_overdue, recurring_unjudged, unit_key
from evidencesite.figures.review_figures import ReturnedItem
from evidencesite.model.settings import Settings

__all__ = ["Change", "Report", "ReturnedItem", "build_report", "diff", "markdown", "parse_period", "report_document",
           "returned_items", "workbook"]


@dataclass(frozen=True)
class Change:
    """One thing that changed on one indicator page during the period."""

    indicator: Indicator
    kind: str
    """新建页面 / 状态变化 / 新增证据 / 新增说明 / 情况说明更新 / 牵头单位变化 / 时间节点调整 / 问题销号 /
    新增问题 / 删除页面"""
    detail: str


@dataclass
class Report:
    period: Period
    reference: dt.date
    """The day figures are taken at: the day after the period, or today while it runs."""
    board: Board
    """The site at the end of the period (or now)."""
    before: Board | None
    """The site at the start of the period; None when Git cannot say."""
    basis: list[str] = field(default_factory=list)
    """Sentences saying what was compared with what, or why nothing could be (no commit hashes)."""
    commits: list[str] = field(default_factory=list)
    """Which commits were compared, for the person running the command (never in the document)."""
    changes: list[Change] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.period.title

    def changes_of(self, unit: Unit) -> list[Change]:
        key = unit_key(unit.name)
        return [c for c in self.changes if key in {unit_key(n) for n in c.indicator.leads}]


def build_report(root: Path, settings: Settings, period: Period, today: dt.date, phases: Phases) -> Report:
    """Compare the site before `period` with the site after it (see the module docstring)."""
    kind = period.kind
    running = period.end > today
    reference = today if running else period.end
    at = lambda day: dt.datetime.combine(day, dt.time(), CHINA)  # noqa: E731  (midnight, China time)
    if git(root, "rev-parse", "--verify", "-q", "HEAD") is None:
        return Report(period, reference, Board(load_site(root, settings), reference, phases), None,
                      [f"没有 Git 版本记录(网站目录不在 Git 仓库中、还没有提交,或本机没有安装 Git),无法列出{kind.this}变化;"
                       "以下为当前状态。"])
    basis: list[str] = []
    commits: list[str] = []
    if running:
        after, end_label = load_site(root, settings), f"当前文件(截至 {today.isoformat()},含尚未提交的修改)"
        after_history = read_history(root, settings)
    else:
        last = commit_before(root, at(period.end))
        if last is None:
            return Report(period, today, Board(load_site(root, settings), today, phases, read_history(root, settings)), None,
                          [f"{period.label}底之前没有版本记录,无法列出{kind.this}变化;以下为当前状态。"])
        after, end_label = site_at(root, settings, last), f"{period.last_day.isoformat()} 的版本"
        after_history = read_history(root, settings, last)  # recurring deadlines judged as the site stood then
        commits.append(f"{kind.this_end}:提交 {last[:7]}")
    first = commit_before(root, at(period.start))
    if first is None:
        before = Site(root, settings, Framework(), {}, EvidenceIndex(root / settings.evidence_dir))
        before_history = History()
        basis.append(f"{period.start.isoformat()} 之前没有版本记录:{kind.this}变化从第一次提交算起,其间建立的页面都算作新建。")
        start_label = "空白(尚无提交)"
    else:
        before, start_label = site_at(root, settings, first), f"{(period.start - dt.timedelta(days=1)).isoformat()} 的版本"
        before_history = read_history(root, settings, first)
        commits.insert(0, f"{kind.previous_end}:提交 {first[:7]}")
    basis.insert(0, f"比较基准:{kind.previous_end}为{start_label},{kind.this_end}为{end_label}。")
    report = Report(period, reference, Board(after, reference, phases, after_history),
                    Board(before, period.start, phases, before_history), basis, commits)
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
        if old is not None and {unit_key(n) for n in old.leads} != {unit_key(n) for n in ind.leads}:
            out.append(Change(ind, "牵头单位变化", f"{old.lead or '未填写'} → {ind.lead or '未填写'}"))
        if old is not None and old.due != ind.due:
            out.append(Change(ind, "时间节点调整", f"{_day(old.due)} → {_day(ind.due)}"))
        known = {e.file or e.url for e in (old.evidence if old else [])}
        for item in ind.evidence:
            if (item.file or item.url) not in known:
                title = item.title if item.is_published(audience) else "不公开材料(实地核查时提供)"
                out.append(Change(ind, "新增证据", f"{item.type.value}:{title}"))
        for key, label in (("on_site", "实地核查说明"), ("none", "无材料说明")):
            if getattr(ind, key) and not (old and getattr(old, key)):
                out.append(Change(ind, "新增说明", f"{label}:{getattr(ind, key)}"))
        if old is not None and _prose(old.body) != _prose(ind.body) and _prose(ind.body):
            # A page whose only edit is its 情况说明 still reports work done in the period.
            out.append(Change(ind, "情况说明更新", _excerpt(ind.body)))
        earlier = {p.problem: p for p in (old.problems if old else [])}
        for p in ind.problems:
            was = earlier.get(p.problem)
            if p.closed and (was is None or was.closed is None):
                out.append(Change(ind, "问题销号", f"{p.problem}(销号 {p.closed.isoformat()})"))
            elif p.is_open and was is None:
                out.append(Change(ind, "新增问题", p.problem))
    out += [Change(old, "删除页面", old.title) for old in before.indicators.values() if old.id not in after.indicators]
    return out


def returned_items(site: Site, unit: Unit) -> list[ReturnedItem]:
    """The unit's packages the preliminary review (市级初评) returned (退回修改) and not yet
    passed, for 存在问题: the review records of `review_figures`, oldest return first."""
    return [r for r in review_figures.returned_items(site) if r.indicator in unit.lead]


def _prose(body: str) -> str:
    return re.sub(r"\s+", "", body or "")


def _excerpt(body: str, limit: int = 60) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"[#>*`|]", "", body or "")).strip()
    return text if len(text) <= limit else text[:limit] + "……"


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else "未填写"


# ---------------------------------------------------------------------------
# The document (Markdown and Word come from the same blocks)
# ---------------------------------------------------------------------------

COUNTY_MARKS = ("各县", "县(区)", "县区", "县市区")
"""A unit name containing one of these means the counties and districts (各县(区)政府 …)."""


def is_county(name: str) -> bool:
    return any(mark in unit_key(name) for mark in COUNTY_MARKS)


def markdown(report: Report, site_name: str) -> str:
    return to_markdown(report_document(report, site_name))


def report_document(report: Report, site_name: str) -> Document:
    board, period, kind = report.board, report.period, report.period.kind
    doc = Document(f"{site_name} {report.title}".strip())
    facts = [f"统计期:{period.start.isoformat()} 至 {period.last_day.isoformat()};"
             f"逾期按 {report.reference.isoformat()} 计(时间节点在此之前且未完成)。"]
    if kind is PeriodKind.MONTH and board.phases.report_day:
        due = period.end.replace(day=board.phases.report_day)
        facts.append(f"报送时限:{due.isoformat()} 前报送市法治政府建设领导小组办公室(工作方案七(三))。")
    unjudged = recurring_unjudged(board.site, board.history)
    if unjudged:
        facts.append(f"{unjudged} 项未完成指标的时间节点是周期性的(如“每月5日前”),没有版本记录,无法判断上次时间节点以来"
                     "是否更新过,没有计入逾期。")
    doc.bullets(facts + report.basis)
    doc.heading("总体情况")
    _overall(doc, report)
    doc.heading("牵头单位排名")
    doc.table(["名次", "牵头单位", "牵头指标", "已完成", "完成率", "逾期", "未销号问题", f"{kind.this}变化"],
              [[r.rank, r.unit.name, r.tally.total, r.tally.done, f"{r.tally.percent}%", r.tally.overdue,
                r.tally.open_problems, len(report.changes_of(r.unit))] for r in board.ranking])
    doc.para(f"排名依据:{kind.this_end}牵头指标的完成率从高到低,完成率相同时逾期少的在前;两项都相同的名次并列。")
    doc.heading("各单位情况")
    for r in board.ranking:
        _unit_section(doc, report, r.rank, r.unit, r.tally)
    counties = _county_rows(report)
    if counties:
        doc.heading("各县(区)工作")
        doc.para(f"以下指标由各县(区)牵头或配合,{kind.this_end}情况如下:")
        doc.table(["编号", "指标", "单位", "分工", "状态", "时间节点", "是否逾期"], counties)
    return doc


def _overall(doc: Document, report: Report) -> None:
    now, kind = report.board.overall, report.period.kind
    rows = [("应有指标", "base"), ("已建页面", "total"), ("已完成", "done"), ("推进中", "in_progress"), ("未启动", "not_started"),
            ("缺口", "gaps"), ("逾期", "overdue"), ("未销号问题", "open_problems")]
    if report.before is None:
        doc.table(["项目", kind.this_end], [[name, getattr(now, key)] for name, key in rows] + [["完成率", f"{now.percent}%"]])
        return
    was = report.before.overall
    body = [[name, getattr(was, key), getattr(now, key), _delta(getattr(now, key) - getattr(was, key))] for name, key in rows]
    body.append(["完成率", f"{was.percent}%", f"{now.percent}%", _delta(now.percent - was.percent, " 个百分点")])
    doc.table(["项目", kind.previous_end, kind.this_end, "变化"], body)
    kinds = sorted({c.kind for c in report.changes})
    summary = "、".join(f"{k} {sum(1 for c in report.changes if c.kind == k)} 项" for k in kinds) or "没有变化"
    doc.para(f"{kind.this}变化:{summary}。")


def _unit_section(doc: Document, report: Report, rank: int, unit: Unit, t: Tally) -> None:
    ref, kind = report.reference, report.period.kind
    doc.heading(f"{rank}. {unit.name}", 3)
    doc.para(f"牵头指标 {t.total} 项,已完成 {t.done} 项(完成率 {t.percent}%),推进中 {t.in_progress} 项,"
             f"未启动 {t.not_started} 项;逾期 {t.overdue} 项;未销号问题 {t.open_problems} 个。")
    doc.para("(一)主要工作", bold=True)
    changes = report.changes_of(unit)
    if changes:
        doc.table(["编号", "指标", "变化", "内容"], [[c.indicator.id, c.indicator.title, c.kind, c.detail] for c in changes])
    else:
        doc.para(f"{kind.this}没有变化。" if report.before else "(没有版本记录,无法列出。)")
    doc.para("(二)存在问题", bold=True)
    late = [i for i in unit.lead if i.is_overdue(ref)]
    problems = unit.open_problems()
    gaps = [i for i in unit.lead if not i.meets_evidence_rule]
    returned = returned_items(report.board.site, unit)
    if not (late or problems or gaps or returned):
        doc.para("没有逾期事项、未销号问题和缺少证据的指标。")
    if late:
        doc.para(f"逾期事项 {len(late)} 项:")
        doc.table(["编号", "指标", "时间节点", "逾期天数", "状态"],
                  [[i.id, i.title, _node(i, ref), days_overdue(i, ref), _status(i)] for i in late])
    if problems:
        doc.para(f"未销号问题 {len(problems)} 个:")
        doc.table(["编号", "问题", "整改措施", "整改时限"], [[i.id, p.problem, p.measure, p.due] for i, p in problems])
    if gaps:
        doc.para(f"尚无证据材料(也没有实地核查说明或无材料说明)的指标 {len(gaps)} 项:"
                 + "、".join(i.display_title for i in gaps) + "。")
    if returned:
        doc.para(f"市级初评退回修改 {len(returned)} 项:")
        doc.table(["编号", "指标", "退回日期", "初评单位", "意见", "现状"],
                  [[r.indicator.id, r.indicator.title, r.date, r.by, r.comment, "已修改,待复核" if r.reworked else "待修改"]
                   for r in returned])
    doc.para("(三)下步打算", bold=True)
    doc.bullets(_next_steps(report, unit) or [f"{report.period.following().label}没有到期的时间节点;继续推进未完成的指标。"])


def _next_steps(report: Report, unit: Unit) -> list[str]:
    """What falls due for the unit in the next period of the same kind, and what is already late."""
    nxt, ref = report.period.following(), report.reference
    steps = [f"{i.due.isoformat()} 前完成 {i.display_title}(时间节点,现{_status(i)})"
             for i in sorted(unit.lead, key=lambda i: (i.due or dt.date.max, i.id))
             if i.due and nxt.start <= i.due < nxt.end and not i.is_overdue(ref) and i.due >= ref
             and i.status is not Status.DONE]
    steps += [f"{p.due.isoformat()} 前完成整改:{p.problem}({i.id})" for i, p in unit.open_problems()
              if p.due and ref <= p.due < nxt.end]
    late = [i for i in unit.lead if i.is_overdue(ref)]
    if late:
        steps.append(f"尽快完成已逾期的 {len(late)} 项指标:" + "、".join(i.id for i in late) + "。")
    return steps


def _county_rows(report: Report) -> list[list[object]]:
    ref = report.reference
    rows = []
    for ind in report.board.site.indicators.values():
        for role, names in (("牵头", ind.leads), ("配合", ind.partners)):
            for name in names:
                if name and is_county(name):
                    rows.append([ind.id, ind.title, name, role, _status(ind), ind.due,
                                 "是" if ind.is_overdue(ref) else "否"])
    return rows


def _delta(value: int, unit: str = "") -> str:
    return f"+{value}{unit}" if value > 0 else f"{value}{unit}" if value else "—"


def _node(ind: Indicator, ref: dt.date) -> dt.date | str:
    """The time node an overdue indicator missed: its date, or for a recurring deadline
    the node with the rule and the reason (上次时间节点 … 已过,… 以来页面和证据未更新)."""
    reason = ind.overdue_reason(ref)
    node = ind.overdue_node(ref)
    return f"{node.isoformat()}({ind.due_text};{reason})" if reason and node else node


def _status(ind: Indicator) -> str:
    return ind.status.value if ind.status else "未填写"


# ---------------------------------------------------------------------------
# xlsx
# ---------------------------------------------------------------------------


def workbook(report: Report) -> bytes:
    """The same report as four sheets: 汇总, 本月变化 (本期变化), 逾期事项, 未销号问题."""
    board, ref, this = report.board, report.reference, report.period.kind.this
    summary = Table("汇总", ["名次", "牵头单位", "牵头指标", "已完成", "推进中", "未启动", "完成率(%)", "逾期", "缺口",
                           "未销号问题", f"{this}变化"],
                    [[r.rank, r.unit.name, r.tally.total, r.tally.done, r.tally.in_progress, r.tally.not_started,
                      r.tally.percent, r.tally.overdue, r.tally.gaps, r.tally.open_problems,
                      len(report.changes_of(r.unit))] for r in board.ranking])
    changes = Table(f"{this}变化", ["牵头单位", "编号", "指标名称", "变化", "内容"],
                    [[c.indicator.lead, c.indicator.id, c.indicator.title, c.kind, c.detail] for c in report.changes])
    overdue = Table("逾期事项", ["牵头单位", "编号", "指标名称", "时间节点", "逾期天数", "状态"],
                    [[i.lead, i.id, i.title, _node(i, ref), days_overdue(i, ref), _status(i)] for i in board.overdue])
    problems = Table("未销号问题", ["牵头单位", "编号", "指标名称", "问题", "整改措施", "整改时限"],
                     [[r.indicator.lead, r.indicator.id, r.indicator.title, r.problem.problem, r.problem.measure,
                       r.problem.due] for r in board.ledger if r.problem.is_open])
    return xlsx_bytes([summary, changes, overdue, problems], ref, title=report.title)
