"""The 通报 draft for a quarter (工作方案七(三): 定期通报): overall progress, the units at
the top and at the bottom of the period's ranking with their figures, and what falls due
next. A draft (代拟稿): the office reads it, edits the wording and issues it; every
figure in it comes from the same `Report` as the quarterly report, so the two agree.
"""

from __future__ import annotations

from evidencesite.publishing.document import Document
from evidencesite.model import Status
from evidencesite.publishing.monthly import Report
from evidencesite.figures.progress import Ranked

SHOWN = 3
"""How many units the draft names at each end of the ranking."""


def ends_of_ranking(ranking: list[Ranked], count: int = SHOWN) -> tuple[list[Ranked], list[Ranked]]:
    """(top, bottom): about `count` units at each end of the ranking, with every unit that
    shares the rank of the last one named (a tie is never split), and never a unit at both
    ends; with fewer than two distinct ranks there is no bottom."""
    if not ranking:
        return [], []
    n = max(1, min(count, len(ranking) // 2))
    top_cut = ranking[n - 1].rank
    bottom_cut = ranking[-n].rank
    top = [r for r in ranking if r.rank <= top_cut]
    bottom = [r for r in ranking if r.rank >= bottom_cut and r.rank > top_cut]
    return top, bottom


def notice_document(report: Report, site_name: str) -> Document:
    period, board = report.period, report.board
    now = board.overall
    doc = Document(f"关于{period.label}法治政府建设示范创建工作进展情况的通报(代拟稿)")
    doc.para(f"(本稿由{site_name or '证据站'}根据 {report.reference.isoformat()} 的数据生成,印发前请核对数字、修改文字。)")
    doc.para("各有关单位:")
    day = min(period.last_day, report.reference)
    progress = f"截至{day.month}月{day.day}日,{now.base} 项创建指标已完成 {now.done} 项,完成率 {now.percent}%"
    if report.before is not None:
        was = report.before.overall
        change = now.percent - was.percent
        progress += (f"(较{period.kind.previous_end}提高 {change} 个百分点)" if change > 0 else
                     f"(较{period.kind.previous_end}下降 {-change} 个百分点)" if change < 0 else f"(与{period.kind.previous_end}持平)")
    progress += f";逾期未完成 {now.overdue} 项,未销号问题 {now.open_problems} 个。现将{period.label}创建工作进展情况通报如下。"
    doc.para(progress)
    top, bottom = ends_of_ranking(board.ranking)
    doc.heading("一、进展较快的单位")
    doc.table(["名次", "单位", "牵头指标", "已完成", "完成率", "逾期", f"{period.kind.this}变化"], [_row(report, r) for r in top])
    if top:
        doc.para("、".join(r.unit.name for r in top) + "工作推进有力,予以通报表扬。")
    doc.heading("二、进展较慢的单位")
    if bottom:
        doc.table(["名次", "单位", "牵头指标", "已完成", "完成率", "逾期", f"{period.kind.this}变化"], [_row(report, r) for r in bottom])
        doc.para("请" + "、".join(r.unit.name for r in bottom) + "认真分析原因,加快工作进度,逾期事项限期完成。")
    else:
        doc.para("本期参加排名的单位较少,不作后进通报。")
    doc.heading("三、下步要求")
    following = period.following()
    due_next = [i for i in board.site.indicators.values()
                if i.due and following.start <= i.due < following.end and not i.is_overdue(report.reference)
                and i.status is not Status.DONE]
    asks = []
    if due_next:
        asks.append(f"{following.label}到期的指标 {len(due_next)} 项,各牵头单位要按时间节点完成并及时上传证据材料。")
    if now.overdue:
        asks.append(f"已逾期的 {now.overdue} 项指标,牵头单位要说明原因、限期完成。")
    if now.open_problems:
        asks.append(f"未销号的 {now.open_problems} 个问题,要逐项整改、按期销号。")
    asks.append("各单位要按照工作方案要求,每月5日前报送上月创建任务完成情况。")
    doc.bullets(asks)
    return doc


def _row(report: Report, r: Ranked) -> list[object]:
    t = r.tally
    return [r.rank, r.unit.name, t.total, t.done, f"{t.percent}%", t.overdue, len(report.changes_of(r.unit))]
