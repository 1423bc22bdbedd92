"""The generated pages of the 工作进展 section: 责任单位 (the ranking and every unit's
own page), 逾期事项 and 整改台账, as Markdown built from the dashboard blocks.

A unit's page lives at `units/<slug>/`, the slug being the first 8 hex digits of
SHA-256 of the unit's name (`progress.unit_slug`): ASCII, and the same for as long as
the name is written the same way.
"""

from __future__ import annotations

from typing import Any

from evidencesite.presentation import blocks, render, review_pages
from evidencesite.figures import review_figures
from evidencesite.model import Audience, Indicator
from evidencesite.figures.progress import Board, LedgerRow, Unit, days_overdue

_md = render._md


def pages(board: Board) -> dict[str, str]:
    """Every generated page of the section: path under docs/ -> Markdown."""
    out = {blocks.UNITS_PAGE: units_index(board), blocks.OVERDUE_PAGE: overdue_page(board),
           blocks.LEDGER_PAGE: ledger_page(board)}
    out.update({u.page: unit_page(board, u) for u in board.units})
    if review_figures.shown(board.site.settings.audience):
        out[review_pages.REVIEW_PAGE] = review_pages.review_page(board)
    return out


def nav_section(audience: Audience = Audience.PUBLIC) -> dict[str, list[Any]]:
    """The 工作进展 navigation entry (unit pages are reached from 责任单位, not listed)."""
    entries = [{"逾期事项": blocks.OVERDUE_PAGE}, {"整改台账": blocks.LEDGER_PAGE}, {"责任单位": blocks.UNITS_PAGE}]
    if review_figures.shown(audience):
        entries.append({"初评情况": review_pages.REVIEW_PAGE})
    return {"工作进展": entries}


def units_index(board: Board) -> str:
    page = blocks.UNITS_PAGE
    return "\n".join([
        "# 责任单位", "",
        "每个牵头单位和配合单位都有自己的页面,列出承担的指标、完成情况、逾期事项和未销号的问题。", "",
        "## 牵头单位排名", "", blocks.unit_ranking(board, page), "",
        "## 全部单位", "", blocks.unit_list(board, page), ""])


def unit_page(board: Board, unit: Unit) -> str:
    page, today = unit.page, board.today
    t = unit.tally(today)
    rank = next((r for r in board.ranking if r.unit is unit), None)
    standing = (f"在 {len(board.ranking)} 个牵头单位中排第 **{rank.rank}** 名。" if rank
                else "只承担配合任务,不参加牵头单位排名。")
    lines = [f"# {_md(unit.name)}", "",
             f"牵头指标 **{len(unit.lead)}** 项,配合指标 **{len(unit.partner)}** 项。{standing}", ""]
    if unit.lead:
        lines += [f"牵头指标已完成 **{t.done}** 项(完成率 {t.percent}%),推进中 {t.in_progress} 项,"
                  f"未启动 {t.not_started} 项;缺口 {t.gaps} 项,逾期 {t.overdue} 项,未销号问题 {t.open_problems} 个。", "",
                  "## 牵头的指标", "", render.indicator_table(unit.lead, page, today), ""]
    if unit.partner:
        lines += ["## 配合的指标", "", render.indicator_table(unit.partner, page, today), ""]
    late = unit.overdue(today)
    lines += ["## 逾期事项", ""]
    if late:
        lines.append(blocks.table(["编号", "指标", "分工", "时间节点", "逾期天数", "状态"],
                                  [[i.id, _link(page, i), role, blocks.overdue_cell(i, today), str(days_overdue(i, today)),
                                    i.status.value if i.status else "未填写"] for i, role in late]))
    else:
        lines.append("没有逾期事项。")
    lines += ["", "## 未销号的问题", ""]
    problems = unit.open_problems()
    if problems:
        lines.append(blocks.table(["编号", "问题", "整改措施", "整改时限"],
                                  [[_link(page, i, i.id), _md(p.problem), _md(p.measure), p.due.isoformat() if p.due else "—"]
                                   for i, p in problems]))
    else:
        lines.append("牵头的指标没有未销号的问题。")
    if review_figures.shown(board.site.settings.audience):
        lines += review_pages.unit_section(board, unit)
    return "\n".join(lines) + "\n"


def overdue_page(board: Board) -> str:
    page = blocks.OVERDUE_PAGE
    late_problems = [r for r in board.ledger if r.is_overdue(board.today)]
    return "\n".join([
        "# 逾期事项", "",
        f"截至 {board.today.isoformat()},时间节点已过、状态还不是“已完成”的指标共 **{len(board.overdue)}** 项,"
        "按时间节点先后排列。", "",
        blocks.recurring_note(board),
        blocks.overdue_list(board, page), "",
        f"## 超过整改时限仍未销号的问题({len(late_problems)} 个)", "",
        _late_problems(late_problems, page), ""])


def _late_problems(rows: list[LedgerRow], page: str) -> str:
    if not rows:
        return "没有超过整改时限仍未销号的问题。"
    return blocks.table(["编号", "牵头单位", "问题", "整改时限"],
                        [[_link(page, r.indicator, r.indicator.id), _md(r.indicator.lead), _md(r.problem.problem),
                          r.problem.due.isoformat()] for r in rows])


def _link(page: str, ind: Indicator, text: str = "") -> str:
    """A link from `page` to the indicator's page, labelled with its title (or `text`)."""
    return f"[{_md(text or ind.title or ind.id)}]({render._rel(page, render.indicator_page(ind.id))})"


def ledger_page(board: Board) -> str:
    page = blocks.LEDGER_PAGE
    t = board.overall
    return "\n".join([
        "# 整改台账", "",
        "按照工作方案六(三),对自查中发现的问题建立问题清单和整改台账,逐项销号。"
        f"共 {t.open_problems + t.closed_problems} 个问题,已销号 **{t.closed_problems}** 个,"
        f"整改中 **{t.open_problems}** 个。", "",
        f"## 整改中({t.open_problems} 个)", "", blocks.ledger_list(board, page, "open"), "",
        f"## 已销号({t.closed_problems} 个)", "", blocks.ledger_list(board, page, "closed"), ""])
