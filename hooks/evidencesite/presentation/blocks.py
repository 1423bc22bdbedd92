"""The dashboard blocks as Markdown (with HTML where Markdown has no form): key figures,
charts with their tables, the ranking, phases, time nodes and the lists.

Every block takes a `Board` and the page it is placed on (its path under docs/, e.g.
'index.md' or 'units/3fa2b1c9/index.md') and links with paths relative to that page,
so MkDocs checks every link and rewrites it for directory or plain URLs. Text from
pages is escaped, braces included: the macros plugin renders generated pages as
templates too.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from evidencesite.model import asof
from evidencesite.presentation import internal, render, svg
from evidencesite.presentation.downloads import export_paths
from evidencesite.model import Indicator
from evidencesite.figures.progress import Board, Tally, days_overdue, recurring_unjudged, time_nodes
from evidencesite.model.deadlines import recurrence

UNITS_PAGE = "units.md"  # not units/index.md: Material would make it the section's index page
OVERDUE_PAGE = "overdue.md"
LEDGER_PAGE = "ledger.md"
_SERIES = ["done", "in-progress", "not-started", "missing"]

_md, _rel = render._md, render._rel  # the escaping and relative links of the generated pages


def _x(text: str) -> str:
    """Text safe in raw HTML that the macros plugin will render as a template."""
    return escape(text).replace("{", "&#123;").replace("}", "&#125;")


def _link(page: str, target: str, text: str) -> str:
    return f"[{_md(text)}]({_rel(page, target)})"


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells are already escaped."""
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(str(c) for c in row) + " |" for row in rows])


def _chart_id(board: Board, page: str, base: str) -> str:
    """A chart id unique on its page, however often a block is placed there."""
    n = board.chart_ids.get((page, base), 0) + 1
    board.chart_ids[(page, base)] = n
    return f"es-chart-{base}" + (f"-{n}" if n > 1 else "")


def _chart(chart_id: str, title: str, description: str, bars: list[svg.Bar], data: str) -> str:
    drawing = svg.stacked_bars(chart_id, title, description, bars, _SERIES)
    return (f'<div class="es-chart" markdown>\n<figure class="es-chart__figure" aria-describedby="{chart_id}-caption">'
            f'<figcaption id="{chart_id}-caption"><strong>{_x(title)}</strong><br>{_x(description)}</figcaption>'
            # The table may scroll sideways on a phone: keyboard users reach it (tabindex) and
            # screen readers hear what it is (role, label).
            f'{drawing}</figure>\n<div class="es-chart__table" tabindex="0" role="region" aria-label="{_x(title)}(数据表)" markdown>'
            f"\n\n{data}\n\n</div>\n</div>\n")


def _bar(label: str, t: Tally) -> svg.Bar:
    rest = t.base - t.done - t.in_progress - t.not_started
    return svg.Bar(label, [t.done, t.in_progress, t.not_started, rest], f"{t.percent}%({t.done}/{t.base})")


def _counts(t: Tally, internal: bool = True) -> list[str]:
    if not internal:  # gaps and overdue are the office's counters
        return [str(t.done), str(t.in_progress), str(t.not_started), f"{t.percent}%"]
    return [str(t.done), str(t.in_progress), str(t.not_started), str(t.gaps), str(t.overdue), f"{t.percent}%"]


_COUNT_HEADER = ["已完成", "推进中", "未启动", "缺口", "逾期", "完成率"]


def _count_header(internal: bool = True) -> list[str]:
    return _COUNT_HEADER if internal else ["已完成", "推进中", "未启动", "完成率"]


# ---------------------------------------------------------------------------
# Figures and charts
# ---------------------------------------------------------------------------


def overall_progress(board: Board, page: str) -> str:
    t = board.overall
    figures = [("应有指标", t.base), ("已建页面", t.total), ("已完成", t.done), ("推进中", t.in_progress),
               ("未启动", t.not_started), ("缺口", t.gaps), ("逾期", t.overdue), ("未销号问题", t.open_problems)]
    if not board.internal:  # residents read what is done; gaps, overdue and open problems are the office's
        figures = figures[:5]
    if t.not_applicable:
        figures.insert(5, ("不适用", t.not_applicable))
    items = "".join(f"<div><dt>{name}</dt><dd>{value}</dd></div>" for name, value in figures)
    missing = f",还有 {t.missing} 项尚未建立页面" if t.missing else ""
    unknown = f",{t.unknown} 项状态未填写" if t.unknown else ""
    unknown += f",不适用 {t.not_applicable} 项" if t.not_applicable else ""
    return (f'<div class="es-progress" role="img" aria-label="完成率 {t.percent}%">'
            f'<div class="es-progress__bar" style="width: {t.percent}%"></div></div>\n'
            f'<dl class="es-stats">{items}</dl>\n\n'
            f"截至 {board.today.isoformat()},应有指标 {t.base} 项{missing};已完成 **{t.done}** 项,"
            f"完成率 **{t.percent}%**,推进中 {t.in_progress} 项,未启动 {t.not_started} 项{unknown}。"
            + (f"{_link(page, render.GAPS_PAGE, '缺口')} {t.gaps} 项,{_link(page, OVERDUE_PAGE, '逾期')} {t.overdue} 项,"
               f"{_link(page, LEDGER_PAGE, '未销号问题')} {t.open_problems} 个。" if board.internal else "") + "\n")


def progress_by_source(board: Board, page: str) -> str:
    rows, bars = [], []
    for source, t in board.sources:
        name = f"{source.code} {source.name}"
        rows.append([_md(name), str(t.base), str(t.total), *_counts(t, board.internal)])
        bars.append(_bar(name, t))
    description = ";".join(f"{s.name}应有 {t.base} 项,已完成 {t.done} 项({t.percent}%)" for s, t in board.sources)
    data = table(["来源", "应有", "已建页面", *_count_header(board.internal)], rows)
    return _chart(_chart_id(board, page, "source"), "按来源统计的完成情况", (description or "尚无来源") + "。", bars, data)


def progress_by_area(board: Board, page: str) -> str:
    rows, bars = [], []
    areas = board.site.framework.areas
    scored = any(a.points is not None for a in areas.values())  # a 分值 column only where the framework gives some
    for code, title, t in board.areas:
        label = f"{code} {title}"
        cell = _link(page, render.area_page(code), label) if t.total else _md(label)
        points = [render.points_text(areas[code].points) if areas[code].points is not None else "—"] if scored else []
        rows.append([cell, *points, str(t.total), *_counts(t, board.internal)])
        bars.append(_bar(label, t))
    populated = [(f"{c} {title}", t) for c, title, t in board.areas if t.total]
    description = f"共 {len(board.areas)} 个一级指标。"
    if populated:
        best = max(populated, key=lambda r: r[1].percent)
        worst = min(populated, key=lambda r: r[1].percent)
        description += f"完成率最高的是“{best[0]}”({best[1].percent}%),最低的是“{worst[0]}”({worst[1].percent}%)。"
    data = table(["一级指标", *(["分值"] if scored else []), "指标数", *_count_header(board.internal)], rows)
    return _chart(_chart_id(board, page, "area"), "按一级指标统计的完成情况", description, bars, data)


# ---------------------------------------------------------------------------
# Units
# ---------------------------------------------------------------------------


def unit_ranking(board: Board, page: str, limit: int = 0, lagging: bool = False) -> str:
    ranked = board.ranking[::-1] if lagging else board.ranking
    ranked = ranked[:limit] if limit else ranked
    if not ranked:
        return "(暂无牵头单位)\n"
    rows = [[str(r.rank), _link(page, r.unit.page, r.unit.name), str(r.tally.total), str(r.tally.done),
             f"{r.tally.percent}%", str(r.tally.overdue), str(r.tally.gaps), str(r.tally.open_problems),
             str(len(r.unit.partner))] for r in ranked]
    header = ["名次", "牵头单位", "牵头指标", "已完成", "完成率", "逾期", "缺口", "未销号问题", "配合指标"]
    return table(header, rows) + "\n\n排名依据:牵头指标的完成率从高到低,完成率相同时逾期少的在前;两项都相同的名次并列。\n"


def unit_list(board: Board, page: str) -> str:
    rows = [[_link(page, u.page, u.name), str(len(u.lead)), str(len(u.partner)), f"`units/{u.slug}/`"]
            for u in sorted(board.units, key=lambda u: (not u.lead, u.name))]
    return table(["单位", "牵头指标", "配合指标", "网址"], rows) if rows else "(暂无责任单位)\n"


# ---------------------------------------------------------------------------
# Phases and time nodes
# ---------------------------------------------------------------------------


def current_phase(board: Board, page: str) -> str:
    phases, today = board.phases, board.today
    if not phases.phases:
        return ""
    if asof.campaign_ended(today, phases):  # a closed campaign: its record, counted at its end
        last = phases.phases[-1]
        return (f"创建工作的 {len(phases.phases)} 个阶段已于 {last.end.isoformat()} 全部结束,"
                f"本站的统计截至 {today.isoformat()}。\n")
    now = phases.current(today)
    if now:
        left = (now.end - today).days
        return (f"当前处于第{now.number}阶段 **{_md(now.name)}**({now.start.isoformat()} 至 {now.end.isoformat()}),"
                f"距本阶段结束还有 {left} 天。\n")
    first, last = phases.phases[0], phases.phases[-1]
    if today < first.start:
        return f"创建工作将于 {first.start.isoformat()} 进入第1阶段 **{_md(first.name)}**。\n"
    if today > last.end:
        return f"{len(phases.phases)} 个创建阶段已于 {last.end.isoformat()} 全部结束。\n"
    after = next(p for p in phases.phases if p.start > today)
    return f"第{after.number - 1}阶段已结束,第{after.number}阶段 **{_md(after.name)}** 将于 {after.start.isoformat()} 开始。\n"


def campaign_phases(board: Board, page: str) -> str:
    phases, today = board.phases, board.today
    if not phases.phases:
        return ""
    rows = []
    ended = asof.campaign_ended(today, phases)
    for p in phases.phases:
        state = "已结束" if ended else phases.state(p, today)
        current = p.contains(today) and not ended
        attrs = ' class="es-phase es-phase--current" aria-current="step"' if current else ' class="es-phase"'
        mark = '<span class="es-tag es-tag--now">当前阶段</span>' if current else _x(state)
        rows.append(f"<tr{attrs}><td>{p.number} {_x(p.name)}</td><td><time datetime=\"{p.start.isoformat()}\">"
                    f"{p.start.isoformat()}</time> 至 <time datetime=\"{p.end.isoformat()}\">{p.end.isoformat()}</time>"
                    f"</td><td>{_x(p.tasks) or '—'}</td><td>{mark}</td></tr>")
    source = f'<caption>{_x(phases.plan)}</caption>' if phases.plan else ""
    return (current_phase(board, page) + '\n<table class="es-phases">' + source +
            "<thead><tr><th>阶段</th><th>时间</th><th>主要任务</th><th>进度</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>\n")


def next_time_nodes(board: Board, page: str, count: int = 5) -> str:
    nodes = time_nodes(board.site, board.phases, board.today, count or None)
    if not nodes:
        return "近期没有时间节点。\n"
    rows = []
    for node in nodes:
        what = _md(node.what)
        if node.indicators:
            shown = "、".join(_link(page, render.indicator_page(i.id), i.id) for i in node.indicators[:5])
            what += ":" + shown + ("等" if len(node.indicators) > 5 else "")
        days = (node.date - board.today).days
        rows.append([node.date.isoformat(), "今天" if days == 0 else f"{days} 天后", what])
    return table(["日期", "距今", "事项"], rows) + "\n"


# ---------------------------------------------------------------------------
# Lists
# ---------------------------------------------------------------------------


def overdue_list(board: Board, page: str) -> str:
    if not board.overdue:
        return "目前没有逾期事项。\n"
    rows = [[i.id, _link(page, render.indicator_page(i.id), i.title or i.id), _md(i.lead), overdue_cell(i, board.today),
             str(days_overdue(i, board.today)), _status(i)] for i in board.overdue]
    return table(["编号", "指标", "牵头单位", "时间节点", "逾期天数", "状态"], rows) + "\n"


def overdue_cell(ind: Indicator, today: dt.date) -> str:
    """The node missed: the due date, or for a recurring deadline the node with its rule and why."""
    node = ind.overdue_node(today)
    reason = ind.overdue_reason(today)
    return f"{node.isoformat()}({_md(ind.due_text)})<br>{_md(reason)}" if reason else node.isoformat()


def recurring_note(board: Board) -> str:
    """How recurring deadlines (每月5日前) count, or why they could not be judged; '' when the site has none."""
    if not any(i.due is None and i.due_text and recurrence(i.due_text) for i in board.site.indicators.values()):
        return ""
    unjudged = recurring_unjudged(board.site, board.history)
    if unjudged:
        return (f"有 {unjudged} 项未完成指标的时间节点是周期性的(如“每月5日前”):{_md(board.history.reason)},"
                "无法判断上次时间节点以来是否更新过,没有计入逾期。\n")
    return ("周期性时间节点(如“每月5日前”)以版本记录为准:上一个时间节点已过,而在它之前的那个节点之后页面和引用的证据都没有"
            "更新的,算作逾期(尚未提交的修改算作今天更新)。\n")


def ledger_list(board: Board, page: str, which: str = "open") -> str:
    chosen = [r for r in board.ledger if which == "all" or (r.problem.is_open == (which == "open"))]
    if not chosen:
        return {"open": "目前没有未销号的问题。", "closed": "目前还没有销号的问题。"}.get(which, "问题清单为空。") + "\n"
    rows = []
    for r in chosen:
        p = r.problem
        state = f"已销号 {p.closed.isoformat()}" if p.closed else "整改中" + ("(已超期)" if r.is_overdue(board.today) else "")
        rows.append([r.indicator.id, _link(page, render.indicator_page(r.indicator.id), r.indicator.title or r.indicator.id),
                     _md(r.indicator.lead), _md(p.problem), _md(p.measure), p.due.isoformat() if p.due else "—", state])
    return table(["编号", "指标", "牵头单位", "问题", "整改措施", "整改时限", "状态"], rows) + "\n"


def gap_list(board: Board, page: str) -> str:
    gaps = board.site.evidence_gaps()
    return render.indicator_table(gaps, page, board.today) + "\n" if gaps else "所有已建立页面的指标都已满足证据要求。\n"


def lists_and_exports(board: Board, page: str) -> str:
    t = board.overall
    if not board.internal:  # the lists are the office's; the public gets the register and the data
        downloads = {p: label for p, label in export_paths().items() if not internal.is_internal(p)}
        return "- 下载:" + ",".join(_link(page, path, label) for path, label in downloads.items()) + "\n"
    lines = [f"- {_link(page, render.GAPS_PAGE, '缺口清单')}:未满足证据要求的指标 {t.gaps} 项",
             f"- {_link(page, OVERDUE_PAGE, '逾期事项')}:时间节点已过、尚未完成的指标 {t.overdue} 项",
             f"- {_link(page, LEDGER_PAGE, '整改台账')}:问题 {t.open_problems + t.closed_problems} 个,"
             f"其中未销号 {t.open_problems} 个",
             f"- {_link(page, UNITS_PAGE, '责任单位')}:{len(board.units)} 个单位的分工、进展和排名",
             "- 下载:" + ",".join(_link(page, path, label) for path, label in export_paths().items())]
    return "\n".join(lines) + "\n"


def _status(ind: Indicator) -> str:
    return ind.status.value if ind.status else "未填写"
