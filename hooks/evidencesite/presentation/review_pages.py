"""What the 市级初评 looks like to people: the 初评情况 dashboard (per area and per unit:
not reviewed, passed, returned, stale), the returned items on a unit's page, and the
初评意见表 workbook. Internal only: the hooks add them when `review_figures.shown()` allows.
"""

from __future__ import annotations

from evidencesite.presentation import blocks, render
from evidencesite.files.workbook import NO, YES, Table, xlsx_bytes
from evidencesite.presentation.downloads import EXPORTS_DIR
from evidencesite.figures import review_figures
from evidencesite.model import Indicator, ReviewState
from evidencesite.figures.progress import Board, Unit

REVIEW_PAGE = "review.md"
WORKBOOK = f"{EXPORTS_DIR}/初评意见表.xlsx"
COLUMNS = ("序号", "编号", "指标名称", "一级指标", "牵头单位", "初评结果", "初评单位", "初评日期", "初评意见", "是否需复核")
_md = render._md


def _link(page: str, ind: Indicator, text: str = "") -> str:
    return f"[{_md(text or ind.title or ind.id)}]({render._rel(page, render.indicator_page(ind.id))})"


def _counts_row(label: str, t: review_figures.ReviewTally) -> list[str]:
    return [label, str(t.total), str(t.not_reviewed), str(t.passed), str(t.returned), str(t.stale)]


_COUNT_HEADER = ["", "指标数", "未初评", "通过", "退回修改", "需复核"]


def review_page(board: Board) -> str:
    """The 初评情况 dashboard."""
    site, page = board.site, REVIEW_PAGE
    indicators = list(site.indicators.values())
    overall = review_figures.tally(indicators)
    lines = ["# 初评情况", "",
             "市级初评(工作方案第五阶段)逐项审核各指标的证明材料。本页只在评审版中生成,公开版没有任何初评信息。"
             f"共 {overall.total} 项:未初评 **{overall.not_reviewed}**,通过 **{overall.passed}**,"
             f"退回修改 **{overall.returned}**,初评后材料有变动需复核 **{overall.stale}**。", "",
             f"下载:[初评意见表(Excel)]({render._rel(page, WORKBOOK)})", "",
             "## 按一级指标", ""]
    rows = [_counts_row(f"{area.code} {_md(area.title)}", review_figures.tally(site.in_area(code)))
            for code, area in site.framework.areas.items() if site.in_area(code)]
    lines += [blocks.table(["一级指标", *_COUNT_HEADER[1:]], rows) if rows else "(暂无指标)", "",
              "## 按牵头单位", ""]
    rows = [_counts_row(f"[{_md(u.name)}]({render._rel(page, u.page)})", review_figures.tally(u.lead)) for u in board.units if u.lead]
    lines += [blocks.table(["牵头单位", *_COUNT_HEADER[1:]], rows) if rows else "(暂无指标)", ""]
    returned = review_figures.returned_items(site)
    lines += [f"## 退回修改({len(returned)} 项)", ""]
    lines.append(blocks.table(["编号", "指标", "牵头单位", "退回日期", "意见", "进展"],
                              [[r.indicator.id, _link(page, r.indicator), _md(r.indicator.lead), r.date.isoformat(),
                                _md(r.comment), "已修改,待复核" if r.reworked else "待修改"] for r in returned])
                 if returned else "没有退回修改的指标。")
    stale = [i for i in indicators if i.review_state is ReviewState.STALE]
    lines += ["", f"## 初评后材料有变动,需复核({len(stale)} 项)", ""]
    lines.append(blocks.table(["编号", "指标", "牵头单位", "上次初评", "上次结果"],
                              [[i.id, _link(page, i), _md(i.lead), i.review.date.isoformat(), i.review.result.value]
                               for i in stale]) if stale else "没有需要复核的指标。")
    waiting = [i for i in indicators if i.review_state is ReviewState.NOT_REVIEWED]
    lines += ["", f"## 未初评({len(waiting)} 项)", ""]
    lines.append(blocks.table(["编号", "指标", "牵头单位", "证据"],
                              [[i.id, _link(page, i), _md(i.lead), render.evidence_label(i)] for i in waiting])
                 if waiting else "所有指标都已初评。")
    return "\n".join(lines) + "\n"


def unit_section(board: Board, unit: Unit) -> list[str]:
    """The returned items on a unit's page: what the 初评 asks this unit to rework."""
    page = unit.page
    returned = [r for r in review_figures.returned_items(board.site) if r.indicator in unit.lead]
    t = review_figures.tally(unit.lead)
    lines = ["", "## 市级初评", "",
             f"牵头指标 {t.total} 项:未初评 {t.not_reviewed} 项,通过 {t.passed} 项,退回修改 {t.returned} 项,"
             f"需复核 {t.stale} 项。", ""]
    if returned:
        lines.append(blocks.table(["编号", "指标", "退回日期", "初评单位", "意见", "进展"],
                                  [[r.indicator.id, _link(page, r.indicator), r.date.isoformat(), _md(r.by), _md(r.comment),
                                    "已修改,待复核" if r.reworked else "待修改"] for r in returned]))
    else:
        lines.append("没有退回修改的指标。")
    return lines


def review_table(board: Board) -> Table:
    rows = []
    for n, ind in enumerate(board.site.indicators.values(), start=1):
        review = ind.review
        rows.append([n, ind.id, ind.title, ind.area, ind.lead,
                     review.result.value if review else ReviewState.NOT_REVIEWED.value, review.by if review else "",
                     review.date if review else None, review.comment if review else "",
                     YES if ind.review_state is ReviewState.STALE else NO])
    return Table("初评意见表", COLUMNS, rows)


def review_workbook(board: Board) -> bytes:
    """初评意见表 as xlsx, set up to print like the ledgers."""
    return xlsx_bytes([review_table(board)], board.today, title="评审专用")
