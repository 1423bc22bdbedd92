"""The downloads under exports/ of the demo build: the xlsx opened with openpyxl and
checked against the pages, the CSV's BOM, the JSON model, reproducible bytes, and
that a failed export leaves nothing half-written."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import DemoBuild, build, load
from evidencesite.files import atomicwrite, workbook
from evidencesite.publishing import exports
from evidencesite.model import Audience, Status
from evidencesite.figures.progress import Board
from evidencesite.intake.register_cells import cell_text
from htmlparts import definitions, table_after

REGISTER_COLUMNS = ["序号", "编号", "来源", "一级指标", "二级指标", "指标名称", "牵头单位", "配合单位", "时间节点", "时限说明", "分值", "状态",
                    "证据数", "实地核查说明", "无材料说明", "是否逾期", "最后更新"]


def sheet(demo: DemoBuild, name: str):
    book = openpyxl.load_workbook(demo.out / "exports" / name)
    assert len(book.worksheets) == 1
    return book.worksheets[0]


def test_register_xlsx_shape(demo_build: DemoBuild) -> None:
    ws = sheet(demo_build, "工作台账.xlsx")
    assert ws.title == "工作台账"
    assert [c.value for c in ws[1]] == REGISTER_COLUMNS
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:Q{len(demo_build.site.indicators) + 1}"
    widths = {c: ws.column_dimensions[c].width for c in "ABCDEFGHIJKLMNOPQ"}
    assert all(6 <= w <= 40 for w in widths.values())
    assert widths["F"] > widths["B"] >= widths["A"], "names are wider than IDs and row numbers"


def test_register_rows_match_the_model_and_the_pages(demo_build: DemoBuild) -> None:
    site, today = demo_build.site, demo_build.today
    rows = list(sheet(demo_build, "工作台账.xlsx").iter_rows(min_row=2))
    assert [r[1].value for r in rows] == list(site.indicators)
    for n, row in enumerate(rows, start=1):
        record = dict(zip(REGISTER_COLUMNS, (c.value for c in row)))
        ind = site.indicators[record["编号"]]
        source = site.framework.sources[ind.source]
        area = site.framework.areas[ind.area]
        assert record["序号"] == n and record["来源"] == source.name and record["指标名称"] == ind.title
        assert record["证据数"] == len(ind.evidence)
        assert (record["实地核查说明"] or "") == ind.on_site and (record["无材料说明"] or "") == ind.none
        html = demo_build.result.page(f"indicators/{ind.id}/index.html")
        facts = definitions(html, "es-facts")
        assert record["一级指标"] == facts["一级指标"] == f"{area.code} {area.title}"
        assert (record["二级指标"] or "") == facts.get("二级指标", "")
        assert record["牵头单位"] == facts["牵头单位"]
        assert (record["配合单位"] or "") == facts.get("配合单位", "") == "、".join(ind.partners)
        assert record["状态"] == facts["状态"] == ind.status.value
        due_cell = row[REGISTER_COLUMNS.index("时间节点")]
        if ind.due:
            assert due_cell.is_date and due_cell.number_format == "yyyy-mm-dd"
            assert due_cell.value.date() == ind.due and facts["时间节点"].startswith(ind.due.isoformat())
        else:
            assert due_cell.value is None and "时间节点" not in facts
        overdue = ind.due is not None and ind.due < today and ind.status is not Status.DONE
        assert record["是否逾期"] == ("是" if overdue else "否")
        assert ("已逾期" in facts.get("时间节点", "")) == overdue
        assert record["最后更新"] is None and facts["最后更新"] == "暂无版本记录"  # the demo is not a Git repository
        shown_items = html.count("<tr", html.index('class="es-evidence"'), html.index("</table>", html.index('class="es-evidence"'))) - 1 \
            if ind.evidence else 0
        assert shown_items == record["证据数"], "withheld items still count"


def test_ledger_xlsx_matches_the_ledger_page(demo_build: DemoBuild) -> None:
    ws = sheet(demo_build, "整改台账.xlsx")
    header = [c.value for c in ws[1]]
    assert header == ["序号", "编号", "指标名称", "牵头单位", "问题", "整改措施", "整改时限", "状态", "销号日期", "是否逾期"]
    rows = [dict(zip(header, (c.value for c in r))) for r in ws.iter_rows(min_row=2)]
    problems = [(i, p) for i in demo_build.site.indicators.values() for p in i.problems]
    assert len(rows) == len(problems)
    html = demo_build.result.page("ledger/index.html")
    n_open = sum(p.closed is None for _, p in problems)
    open_rows = table_after(html, f'整改中({n_open} 个)<a class="headerlink"').records()
    closed_rows = table_after(html, f'已销号({len(problems) - n_open} 个)<a class="headerlink"').records()
    assert [(r["编号"], r["问题"]) for r in rows if r["状态"] == "整改中"] == [(r["编号"], r["问题"]) for r in open_rows]
    assert [(r["编号"], r["问题"], f"已销号 {r['销号日期'].date().isoformat()}") for r in rows if r["状态"] == "已销号"] == \
        [(r["编号"], r["问题"], r["状态"]) for r in closed_rows]
    for r, (ind, p) in zip(rows, problems):
        assert (r["编号"], r["牵头单位"], r["整改措施"]) == (ind.id, ind.lead, p.measure)
        assert (r["整改时限"].date() if r["整改时限"] else None) == p.due
        assert r["是否逾期"] == ("是" if p.closed is None and p.due and p.due < demo_build.today else "否")


@pytest.mark.parametrize("name", ["工作台账", "整改台账"])
def test_csv_has_a_bom_and_the_same_rows_as_the_xlsx(demo_build: DemoBuild, name: str) -> None:
    raw = (demo_build.out / "exports" / f"{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    ws = sheet(demo_build, f"{name}.xlsx")
    expected = [["" if v is None else v.date().isoformat() if isinstance(v, dt.datetime) else str(v) for v in row]
                for row in ws.iter_rows(values_only=True)]
    assert rows == expected


def test_json_is_the_whole_model_and_withholds_non_public_items(demo_build: DemoBuild) -> None:
    data = json.loads((demo_build.out / "exports" / "indicators.json").read_text(encoding="utf-8"))
    site = demo_build.site
    assert data["audience"] == "public" and data["date"] == demo_build.today.isoformat()
    assert [i["id"] for i in data["indicators"]] == list(site.indicators)
    assert [s["code"] for s in data["framework"]["sources"]] == list(site.framework.sources)
    text = json.dumps(data, ensure_ascii=False)
    assert not [h for h in hidden_texts(demo_build) if h in text]
    for entry in data["indicators"]:
        ind = site.indicators[entry["id"]]
        assert entry["evidence_count"] == len(ind.evidence) == len(entry["evidence"])
        assert sum(e == {"withheld": True} for e in entry["evidence"]) == sum(not e.public for e in ind.evidence)
        assert entry["status"] == ind.status.value and entry["lead"] == ind.lead
    assert data["summary"]["done"] == sum(i.status is Status.DONE for i in site.indicators.values())


def test_assessor_json_names_every_item(demo_build: DemoBuild) -> None:
    site = load(demo_build.root, "assessor")
    data = json.loads(exports.model_json(Board(site, demo_build.today)))
    assert data["audience"] == Audience.ASSESSOR.value
    titles = {e["title"] for i in data["indicators"] for e in i["evidence"]}
    assert {e.title for i in site.indicators.values() for e in i.evidence} == titles


def hidden_texts(demo: DemoBuild) -> set[str]:
    """Titles, files and locations of non-public items that no public item shares (the
    demo draws titles from a small vocabulary, so a few repeat)."""
    items = [e for i in demo.site.indicators.values() for e in i.evidence]
    shown = {v for e in items if e.public for v in (e.title, e.file, e.location) if v}
    return {v for e in items if not e.public for v in (e.title, e.file, e.location) if v} - shown


def test_no_non_public_item_in_any_public_export(demo_build: DemoBuild) -> None:
    hidden = hidden_texts(demo_build)
    assert len(hidden) > 5
    for path in (demo_build.out / "exports").iterdir():
        texts = [path.read_bytes().decode("utf-8-sig")] if path.suffix != ".xlsx" else \
            [zipfile.ZipFile(path).read(n).decode("utf-8") for n in zipfile.ZipFile(path).namelist()]
        for text in texts:
            assert not [h for h in hidden if h in text], path.name


def test_exports_repeat_byte_for_byte(demo_build: DemoBuild) -> None:
    """Made again from the model minutes later: the same bytes (no clock in the xlsx)."""
    again = exports.export_files(Board(load(demo_build.root), demo_build.today))
    built = {f"exports/{p.name}": p.read_bytes() for p in (demo_build.out / "exports").iterdir()
             if f"exports/{p.name}" in again}  # SHA256SUMS and the manifest are the integrity hook's
    assert again == built


# ---------------------------------------------------------------------------
# Failures
# ---------------------------------------------------------------------------


def test_write_atomic_leaves_the_old_file_or_nothing(tmp_path, monkeypatch) -> None:
    target = tmp_path / "out" / "工作台账.csv"
    atomicwrite.write_atomic(target, b"old")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomicwrite.write_atomic(target, b"new")
    with pytest.raises(OSError):
        atomicwrite.write_atomic(tmp_path / "out" / "新文件.xlsx", b"new")
    assert [p.name for p in target.parent.iterdir()] == [target.name]
    assert target.read_bytes() == b"old"


def test_failed_export_fails_the_build_in_chinese(base_site, tmp_path, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise ValueError("模拟的失败")

    monkeypatch.setattr(workbook, "xlsx_bytes", broken)
    result = build(base_site, tmp_path / "out")
    assert not result.ok
    [message] = [m for m in result.messages() if "生成下载文件" in m]
    assert "模拟的失败" in message and "Traceback" not in message
    assert not (tmp_path / "out" / "exports").exists()


def test_exports_of_the_small_fixture(base_site, tmp_path) -> None:
    result = build(base_site, tmp_path / "out", strict=True)
    assert result.ok, result.error
    ws = openpyxl.load_workbook(tmp_path / "out" / "exports" / "工作台账.xlsx").active
    assert [r[1] for r in ws.iter_rows(min_row=2, values_only=True)] == ["N001", "N002", "P001"]
    partners = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[1] == "N001")[7]
    assert partners == "市司法局、各县(区)政府"
    assert ws.max_row == 4


def test_text_that_looks_like_a_formula_stays_text(base_site: Path, tmp_path: Path) -> None:
    """A title such as =HYPERLINK(…) must not become a live formula in Excel or WPS."""
    page = base_site / "docs" / "indicators" / "N002.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: 优化法治化营商环境",
                                                             "title: '=HYPERLINK(\"http://x.example\",\"点我\")'"),
                    encoding="utf-8")
    result = build(base_site, tmp_path / "out")
    assert result.ok
    book = openpyxl.load_workbook(tmp_path / "out" / "exports" / "工作台账.xlsx")
    cell = next(c for c in book.active["F"] if c.value and str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s"
    csv_text = (tmp_path / "out" / "exports" / "工作台账.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(" in csv_text
    assert cell_text("'=HYPERLINK(1)") == "=HYPERLINK(1)"
