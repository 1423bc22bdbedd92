"""The registers as files staff open in Excel or WPS, and the whole model as JSON.

`工作台账` (one row per indicator, the columns the register importer reads back) and
`整改台账` (one row per problem) as xlsx and CSV, and `indicators.json` for other tools.
Rows are built once as typed values (dates stay dates) and written three ways. The
bytes are reproducible: the xlsx carries the build date, not the clock; hooks/mkdocs_adapter/exports.py
writes them through atomicwrite, so a failure never leaves half a file.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from evidencesite.files.cache import Cache
from evidencesite.editing.page_edit import points_text
from evidencesite.files.workbook import NO, YES, Table, cached_xlsx, csv_bytes
from evidencesite.figures.progress import Board, LedgerRow
from evidencesite.presentation.downloads import EXPORTS_DIR, LEDGER, MODEL_JSON, REGISTER
from evidencesite.model import Area, Group

REGISTER_COLUMNS = ("序号", "编号", "来源", "一级指标", "二级指标", "指标名称", "牵头单位", "配合单位", "时间节点",
                    "时限说明", "分值", "状态", "证据数", "实地核查说明", "无材料说明", "是否逾期", "最后更新")
LEDGER_COLUMNS = ("序号", "编号", "指标名称", "牵头单位", "问题", "整改措施", "整改时限", "状态", "销号日期", "是否逾期")


# ---------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------


def heading_cell(node: Area | Group | None) -> str:
    """An area or group as 工作台账 names it: "1 依法全面履行政府职能(180分)", its 分值 written
    the way registers write it, so that importing the export back keeps the points."""
    if node is None:
        return ""
    return f"{node.code} {node.title}" + (f"({points_text(node.points)}分)" if node.points is not None else "")


def register_table(board: Board) -> Table:
    """工作台账: one row per indicator page, in framework order."""
    site, fw = board.site, board.site.framework
    rows = []
    for n, ind in enumerate(site.indicators.values(), start=1):
        source, area, group = fw.sources.get(ind.source), fw.areas.get(ind.area), fw.groups.get(ind.group)
        rows.append([n, ind.id, source.name if source else ind.source, heading_cell(area), heading_cell(group), ind.title, ind.lead, "、".join(ind.partners),
                     ind.due, ind.due_text, ind.points, ind.status.value if ind.status else "", len(ind.evidence), ind.on_site, ind.none,
                     YES if ind.is_overdue(board.today) else NO, board.history.last_updated(ind, site)])
    return Table(REGISTER, REGISTER_COLUMNS, rows)


def ledger_table(board: Board) -> Table:
    """整改台账: one row per problem, open and closed (销号)."""
    rows = [_ledger_row(n, row, board.today) for n, row in enumerate(board.ledger, start=1)]
    return Table(LEDGER, LEDGER_COLUMNS, rows)


def _ledger_row(n: int, row: LedgerRow, today: dt.date) -> list[Any]:
    ind, p = row.indicator, row.problem
    return [n, ind.id, ind.title, ind.lead, p.problem, p.measure, p.due, row.state, p.closed,
            YES if row.is_overdue(today) else NO]


def model_json(board: Board) -> bytes:
    """The whole model for other tools. Non-public evidence appears only as
    `{"withheld": true}` in the public build, so counts stay true and nothing leaks."""
    site, audience = board.site, board.site.settings.audience
    fw = site.framework
    data = {
        "format": "evidence-site/indicators", "version": 1, "date": board.today.isoformat(),
        "audience": audience.value,
        "framework": {"edition": fw.edition,
                      "sources": [{"code": s.code, "name": s.name, "expected": s.expected,
                                   "group_required": s.group_required} for s in fw.sources.values()],
                      "areas": [{"code": a.code, "title": a.title, "points": a.points,
                                 "groups": [{"code": g.code, "title": g.title, "points": g.points} for g in a.groups]}
                                for a in fw.areas.values()]},
        "summary": _tally_json(board.overall),
        "indicators": [_indicator_json(ind, board) for ind in site.indicators.values()],
        "units": [{"name": u.name, "slug": u.slug,
                   "lead": [i.id for i in u.lead], "partner": [i.id for i in u.partner]} for u in board.units],
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _snapshot_json(snap) -> dict[str, str] | None:
    """A news link's kept copy as published (snapshot_links.py), or None."""
    return {"file": snap.href_path, "captured": snap.captured.isoformat(), "sha256": snap.sha256} if snap else None


def _indicator_json(ind, board: Board) -> dict[str, Any]:
    audience = board.site.settings.audience
    evidence = [{"title": e.title, "type": e.type.value, "file": e.href_path, "url": e.url, "public": e.public,
                 "date": _iso(e.date), "location": e.location, "snapshot": _snapshot_json(e.published_snapshot(audience))}
                if e.is_published(audience) else {"withheld": True} for e in ind.evidence]
    return {"id": ind.id, "path": ind.path, "source": ind.source, "title": ind.title,
            "requirement": ind.requirement, "area": ind.area, "group": ind.group, "lead": ind.lead,
            "partners": ind.partners, "due": _iso(ind.due), "due_text": ind.due_text or None, "points": ind.points, "status": ind.status.value if ind.status else None,
            "overdue": ind.is_overdue(board.today), "meets_evidence_rule": ind.meets_evidence_rule,
            "evidence_count": len(ind.evidence), "evidence": evidence, "on_site": ind.on_site, "none": ind.none,
            "not_applicable": ind.not_applicable,
            "problems": [{"problem": p.problem, "measure": p.measure, "due": _iso(p.due), "closed": _iso(p.closed)}
                         for p in ind.problems],
            "last_updated": _iso(board.history.last_updated(ind, board.site)), "has_errors": ind.has_errors}


def _tally_json(t) -> dict[str, int]:
    return {"expected": t.base, "pages": t.total, "done": t.done, "in_progress": t.in_progress,
            "not_started": t.not_started, "status_missing": t.unknown, "gaps": t.gaps, "overdue": t.overdue,
            "open_problems": t.open_problems, "closed_problems": t.closed_problems, "percent_done": t.percent}


def export_files(board: Board, cache: Cache | None = None) -> dict[str, bytes]:
    """Every export of this build: site path -> bytes (all made before any is written).
    With a build cache, a workbook whose rows did not change is not written again."""
    register, ledger = register_table(board), ledger_table(board)
    return {f"{EXPORTS_DIR}/{REGISTER}.xlsx": cached_xlsx([register], board.today, cache),
            f"{EXPORTS_DIR}/{REGISTER}.csv": csv_bytes(register),
            f"{EXPORTS_DIR}/{LEDGER}.xlsx": cached_xlsx([ledger], board.today, cache),
            f"{EXPORTS_DIR}/{LEDGER}.csv": csv_bytes(ledger),
            MODEL_JSON: model_json(board)}


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


