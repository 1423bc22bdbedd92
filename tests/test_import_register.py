"""scripts/import_register.py end to end: registers with the quirks offices have, the dry
run, re-import over staff edits, rows that block the import, renames, and the round trip
through the site's own export."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest
from import_register import main
from openpyxl import load_workbook

from conftest import REPO, load, run_script, tree_hash
from evidencesite.catalogue.register_messages import CATALOGUE
from registers import (
    NATIONAL_HEADER, NATIONAL_MERGES, NATIONAL_ROWS, WIDE, csv_rows, export_workbook, office_register, shipped_site,
    workbook,
)

TODAY = "2021-05-01"
REGISTER_FIELDS = ("title", "requirement", "area", "group", "lead", "partners", "due")

N001 = f"""---
id: N001
title: 按照中央部署完成政府机构改革任务
requirement: >
  {"按照中央部署完成政府机构改革任务,推进政府职能优化协同高效,确保机构职能体系更加完善。".translate(WIDE)}
area: "1"
group: "1.1"
lead: 市委编办
partners: [市司法局, 各县(区)政府]
due: 2021-04-30
status: 未启动
---
本页由 scripts/import_register.py 于 {TODAY} 根据指标体系登记表《指标体系.xlsx》创建。
"""


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2021, 5, 1, 12, tzinfo=dt.timezone.utc).timestamp())))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return shipped_site(tmp_path / "site")


def run(capsys, register: Path, site: Path, *args: str) -> tuple[int, str]:
    code = main([str(register), "--site", str(site), *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def register_values(site: Path) -> dict[str, tuple]:
    """Each indicator's register fields as the site loads them."""
    return {i.id: tuple(getattr(i, f) for f in REGISTER_FIELDS) for i in load(site).indicators.values()}


# ---------------------------------------------------------------------------
# First import
# ---------------------------------------------------------------------------


def test_office_register_becomes_framework_and_pages(site, tmp_path, capsys):
    code, out = run(capsys, office_register(tmp_path / "指标体系.xlsx"), site)
    assert code == 0, out
    assert (site / "docs/indicators/N001.md").read_text(encoding="utf-8") == N001
    values = register_values(site)
    assert values["N002"] == ("权责清单动态管理", "", "1", "1.1", "市委编办", [], dt.date(2021, 4, 30))
    assert values["N003"] == ("优化法治化营商环境", "", "1", "1.2", "市发展改革委",
                              ["市市场监管局", "市政务服务和大数据管理局"], None)
    assert values["N004"] == ("规范性文件备案审查", "", "2", "2.1", "市司法局", ["各县(区)政府"], dt.date(2021, 6, 30))
    assert values["N005"][2:] == ("2", "2.1", "市司法局", [], dt.date(2021, 6, 30))
    assert values["P001"] == ("行政执法“三项制度”全面落实", "", "4", "", "市司法局", [], dt.date(2021, 5, 31))
    assert values["P002"][2:] == ("5", "", "市市场监管局", [], None)
    assert values["C001"] == ("打造全省一流法治化营商环境", "", "1", "", "市发展改革委", ["市司法局"], dt.date(2021, 12, 31))
    framework = load(site).framework
    assert {c: s.expected for c, s in framework.sources.items()} == {"N": 5, "P": 2, "C": 1, "W": 50}
    assert list(framework.areas) == [str(n) for n in range(1, 9)], "the shipped eight areas are reused, not duplicated"
    assert [g.code for g in framework.areas["1"].groups] == ["W1.1", "W1.2", "W1.3", "1.1", "1.2"]
    assert framework.groups["1.1"].title == "政府机构职能优化协同高效"
    assert framework.groups["2.1"].title == "加强规范性文件监督管理"
    assert "“长期坚持”不是具体日期" in out and "第6行 G列(完成时限)" in out
    assert "“备注”只留在登记表中" in out
    assert "  - 新增二级指标 1.1 政府机构职能优化协同高效" in out and "  - 国家指标(N)应有数量 100 → 5" in out


def test_imported_site_passes_check_with_only_gaps(site, tmp_path, capsys):
    assert run(capsys, office_register(tmp_path / "指标体系.xlsx"), site)[0] == 0
    result = run_script("check.py", site)
    assert result.returncode == 0, result.stdout
    assert "【错误】" not in result.stdout
    assert "错误 0" in result.stdout


def test_framework_keeps_its_comments_and_unknown_sources(site, tmp_path, capsys):
    before = (site / "docs/indicators/framework.yml").read_text(encoding="utf-8")
    run(capsys, office_register(tmp_path / "指标体系.xlsx"), site)
    after = (site / "docs/indicators/framework.yml").read_text(encoding="utf-8")
    kept = [line for line in before.splitlines() if "expected" not in line]
    assert [line for line in after.splitlines() if line in kept] == kept, "only expected lines change; the rest stays in order"
    assert after.startswith(before.split("\n", 1)[0])
    assert '  - code: "W"\n    name: 工作方案任务\n    expected: 50\n' in after


def test_headers_in_any_order_one_sheet_with_source_column_and_running_numbers(site, tmp_path, capsys):
    header = ["时间节点", "类别", "序号", "责任单位", "指标内容", "二级指标", "一级指标"]
    rows = [["2021-04-30", "国家指标", 1, "市委编办、市司法局", "权责清单动态管理", "(一)政府职能", "一、依法全面履行政府职能"],
            [None, "国家指标", 2, "市发展改革委", "优化法治化营商环境", "(一)政府职能", "一、依法全面履行政府职能"],
            [None, "省定特色指标", 3, "市司法局", "行政执法三项制度", None, "四、坚持严格规范公正文明执法"],
            [None, "省定特色指标", 4, "市司法局", "规范性文件合法性审核", None, "二、完善依法行政制度体系"],
            [None, "市定", 5, "市发展改革委", "一流法治化营商环境", None, "一、依法全面履行政府职能"]]
    code, out = run(capsys, workbook(tmp_path / "r.xlsx", {"Sheet1": (header, rows)}, title=None), site)
    assert code == 0, out
    values = register_values(site)
    assert values["N001"] == ("权责清单动态管理", "", "1", "1.1", "市委编办", ["市司法局"], dt.date(2021, 4, 30))
    assert values["P002"][:4] == ("规范性文件合法性审核", "", "2", "")
    assert values["C001"][0] == "一流法治化营商环境"
    assert "省定特色指标的序号是全表连续的 3–4,按本来源内的顺序编为 P001–P002" in out


@pytest.mark.parametrize("encoding, delimiter", [("gbk", ","), ("utf-8-sig", ","), ("utf-8", ","), ("utf-16", "\t")])
def test_csv_saved_by_excel_or_wps_reads_like_the_workbook(encoding, delimiter, site, tmp_path, capsys):
    reference = shipped_site(tmp_path / "reference")
    run(capsys, workbook(tmp_path / "国家指标.xlsx", {"国家指标": (NATIONAL_HEADER, NATIONAL_ROWS)},
                         {"国家指标": NATIONAL_MERGES}), reference)
    path = tmp_path / "国家指标.csv"  # the file's name says which source, as a sheet's name would
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(csv_rows(NATIONAL_HEADER, NATIONAL_ROWS))
    code, out = run(capsys, path, site)
    assert code == 0, out
    assert register_values(site) == register_values(reference)


# ---------------------------------------------------------------------------
# Dry run, re-import, blocked imports
# ---------------------------------------------------------------------------


def test_dry_run_prints_changes_and_writes_nothing(site, tmp_path, capsys):
    before = tree_hash(site)
    code, out = run(capsys, office_register(tmp_path / "指标体系.xlsx"), site, "--dry-run")
    assert code == 0
    assert tree_hash(site) == before
    assert "新建 docs/indicators/N001.md:N001 按照中央部署完成政府机构改革任务" in out
    assert "试运行" in out and "没有写入任何文件" in out


STAFF_N001 = ("\ufeff---\r\nid: N001\r\n# 标题与登记表一致\r\ntitle: 按照中央部署完成政府机构改革任务   # 简称\r\n"
              "requirement: >\r\n  {requirement}\r\narea: \"1\"\r\ngroup: '1.1'\r\nlead: 市委编办\r\npartners:\r\n"
              "  - 市司法局\r\n  - 各县(区)政府\r\ndue: 2021-04-30\r\nstatus: 推进中\r\nevidence:\r\n"
              "  - title: 机构改革方案\r\n    type: 文件\r\n    url: https://www.puyang.gov.cn/a.html\r\n"
              "on_site: 原始卷宗存市委编办档案室,由综合科提供\r\n---\r\n正文第一段。\r\n\r\n第二段。\r\n")
STAFF_N002 = ("---\nid: N002\ntitle: 权责清单动态管理\narea: \"1\"\ngroup: \"1.1\"\nlead: 市委编办  # 牵头\n\n"
              "# 以下由办公室填写\nstatus: 已完成\nnone: 本市已于2020年完成,无新增材料\n---\n情况说明。\n")


def test_reimport_changes_only_register_fields_byte_for_byte(site, tmp_path, capsys):
    run(capsys, office_register(tmp_path / "v1.xlsx"), site)
    requirement = "按照中央部署完成政府机构改革任务,推进政府职能优化协同高效,确保机构职能体系更加完善。".translate(WIDE)
    n001 = STAFF_N001.format(requirement=requirement)
    (site / "docs/indicators/N001.md").write_bytes(n001.encode("utf-8"))
    (site / "docs/indicators/N002.md").write_bytes(STAFF_N002.encode("utf-8"))
    rows = [list(r) for r in NATIONAL_ROWS]
    rows[0][4:7] = ["市委组织部", "市司法局", "2021年5月31日"]   # N001: lead, partners, due change
    rows[1][6] = dt.datetime(2021, 6, 30)                            # N002: gets a due date
    rows[1][5] = "市政务服务和大数据管理局"                           # N002: gets partners
    del rows[5]                                                        # N005 leaves the register
    code, out = run(capsys, workbook(tmp_path / "v2.xlsx", {"国家指标": (NATIONAL_HEADER, rows)},
                                     {"国家指标": NATIONAL_MERGES}), site)
    assert code == 0, out
    expected_n001 = (n001.replace("lead: 市委编办\r\n", "lead: 市委组织部\r\n")
                     .replace("partners:\r\n  - 市司法局\r\n  - 各县(区)政府\r\n", "partners: [市司法局]\r\n")
                     .replace("due: 2021-04-30\r\n", "due: 2021-05-31\r\n"))
    assert (site / "docs/indicators/N001.md").read_bytes() == expected_n001.encode("utf-8")
    expected_n002 = STAFF_N002.replace("lead: 市委编办  # 牵头\n",
                                       "lead: 市委编办  # 牵头\npartners: [市政务服务和大数据管理局]\ndue: 2021-06-30\n")
    assert (site / "docs/indicators/N002.md").read_text(encoding="utf-8") == expected_n002
    assert "lead(牵头单位) “市委编办” → “市委组织部”" in out
    assert (site / "docs/indicators/N005.md").is_file(), "a page missing from the register is never deleted"
    assert "【注意】docs/indicators/N005.md:docs/indicators/N005.md(N005 行政规范性文件合法性审核)不在登记表中,没有删除" in out


def test_reimport_removes_a_field_the_register_left_blank(site, tmp_path, capsys):
    run(capsys, office_register(tmp_path / "v1.xlsx"), site)
    rows = [list(r) for r in NATIONAL_ROWS]
    rows[0][5] = None
    rows[0][6] = None
    run(capsys, workbook(tmp_path / "v2.xlsx", {"国家指标": (NATIONAL_HEADER, rows)}, {"国家指标": NATIONAL_MERGES}), site)
    text = (site / "docs/indicators/N001.md").read_text(encoding="utf-8")
    assert text == (N001.replace("partners: [市司法局, 各县(区)政府]\n", "").replace("due: 2021-04-30\n", "")
                    .replace("《指标体系.xlsx》", "《v1.xlsx》"))


def test_second_import_of_the_same_register_changes_nothing(site, tmp_path, capsys):
    register = office_register(tmp_path / "指标体系.xlsx")
    run(capsys, register, site)
    before = tree_hash(site)
    code, out = run(capsys, register, site)
    assert code == 0 and tree_hash(site) == before
    assert "登记表与网站一致,没有需要修改的内容。" in out


def test_unreadable_rows_are_reported_and_block_the_import(site, tmp_path, capsys):
    rows = [list(r) for r in NATIONAL_ROWS]
    rows[1][6] = "2021年13月"    # sheet row 4
    rows[3][4] = None            # row 6: no lead
    rows[4][6] = "2021-02-30"    # row 7: no such day
    rows[5][2] = "五"            # row 8: not a number
    register = workbook(tmp_path / "指标体系.xlsx", {"国家指标": (NATIONAL_HEADER, rows)}, {"国家指标": NATIONAL_MERGES})
    before = tree_hash(site)
    code, out = run(capsys, register, site)
    assert code == 1
    assert tree_hash(site) == before
    sheet = "指标体系.xlsx 工作表“国家指标”"
    assert f"【错误】{sheet} 第4行 G列(完成时限):“2021年13月”不是日期。 修改方法:写成 2021-04-30" in out
    assert f"【错误】{sheet} 第6行 E列(牵头单位):这一行没有牵头单位。" in out
    assert f"【错误】{sheet} 第7行 G列(完成时限):“2021-02-30”不是真实存在的日期。" in out
    assert f"【错误】{sheet} 第8行 C列(序号):“五”不是指标序号。" in out
    assert "登记表有 4 处错误,没有写入任何文件" in out
    assert "Traceback" not in out


def test_unreadable_rows_exit_1_from_the_command_line(site, tmp_path):
    rows = [list(r) for r in NATIONAL_ROWS]
    rows[0][4] = None
    register = workbook(tmp_path / "指标体系.xlsx", {"国家指标": (NATIONAL_HEADER, rows)}, {"国家指标": NATIONAL_MERGES})
    before = tree_hash(site)
    result = run_script("import_register.py", register, "--site", site)
    assert result.returncode == 1
    assert "第3行 E列(牵头单位):这一行没有牵头单位" in result.stdout
    assert tree_hash(site) == before


@pytest.mark.parametrize("args, message", [
    (["不存在.xlsx"], "找不到登记表文件"),
    (["register.xls"], "只接受 .xlsx 或 .csv 文件"),
    (["register.xlsx", "--rename", "N001"], "--rename 的写法是 旧编号=新编号"),
    (["register.xlsx", "--rename", "N1=N002"], "“N1”不是规范的指标编号"),
    (["register.xlsx", "--bogus"], "不认识的参数"),
])
def test_usage_errors_exit_2(args, message, site, tmp_path):
    (tmp_path / "register.xls").write_bytes(b"old")
    office_register(tmp_path / "register.xlsx")
    result = run_script("import_register.py", *args, "--site", site, cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_not_a_site_is_a_usage_error(tmp_path):
    result = run_script("import_register.py", office_register(tmp_path / "r.xlsx"), "--site", tmp_path / "nowhere")
    assert result.returncode == 2 and "不是证据站目录" in result.stderr


# ---------------------------------------------------------------------------
# Renamed IDs
# ---------------------------------------------------------------------------


def test_renamed_id_needs_a_mapping_and_moves_the_page(site, tmp_path, capsys):
    run(capsys, office_register(tmp_path / "v1.xlsx"), site)
    page = site / "docs/indicators/N005.md"
    page.write_text(page.read_text(encoding="utf-8").replace("status: 未启动", "status: 推进中\non_site: 审核台账存市司法局,实地核查时提供"),
                    encoding="utf-8")
    rows = [list(r) for r in NATIONAL_ROWS]
    del rows[4]            # N004 is dropped; N005 becomes N004
    rows[4][0:3] = ["二、完善依法行政制度体系", "(一)加强规范性文件监督管理", 4]
    v2 = workbook(tmp_path / "v2.xlsx", {"国家指标": (NATIONAL_HEADER, rows)}, {"国家指标": ["A3:A6", "B3:B4"]})
    before = tree_hash(site)
    code, out = run(capsys, v2, site, "--dry-run")
    assert code == 1 and tree_hash(site) == before
    assert ("【错误】docs/indicators/N004.md:docs/indicators/N004.md(N004 规范性文件备案审查)在登记表中找不到了,"
            "它的编号 N004 现在属于“行政规范性文件合法性审核”。 修改方法:登记表已删去这一指标的,删除页面 "
            "docs/indicators/N004.md(它引用的证据文件留在 evidence/ 中,不会删除);然后重新导入。") in out
    assert "N005“行政规范性文件合法性审核” → N004" in out and "(等同于写 --rename N005=N004)" in out
    code, out = run(capsys, v2, site, "--rename", "N005=N004")
    assert code == 2 and "页面 docs/indicators/N004.md 已经存在" in out and tree_hash(site) == before
    (site / "docs/indicators/N004.md").unlink()   # staff remove the dropped indicator's page
    code, out = run(capsys, v2, site, "--rename", "N005=N004")
    assert code == 0, out
    assert not page.exists()
    moved = (site / "docs/indicators/N004.md").read_text(encoding="utf-8")
    assert moved.startswith("---\nid: N004\ntitle: 行政规范性文件合法性审核\n")
    assert "on_site: 审核台账存市司法局,实地核查时提供" in moved
    assert "改编号 N005 → N004" in out
    assert run_script("check.py", site).returncode == 0


# ---------------------------------------------------------------------------
# Round trip through the export
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("content", ["shipped", "after-import", "demo"])
def test_round_trip_through_the_export_changes_nothing(content, site, tmp_path, capsys):
    if content == "after-import":
        run(capsys, office_register(tmp_path / "指标体系.xlsx"), site)
    elif content == "demo":  # 130 synthetic indicators of every shape
        from make_demo import generate
        generate(site, 130, 1)
    export = export_workbook(load(site), tmp_path / "工作台账.xlsx")
    before = tree_hash(site)
    code, out = run(capsys, export, site)
    assert code == 0, out
    assert tree_hash(site) == before
    assert "登记表与网站一致,没有需要修改的内容。" in out
    for column in ("状态", "证据数", "实地核查说明", "无材料说明", "是否逾期", "最后更新"):
        assert f"“{column}”由各指标页面维护,不从登记表导入,已忽略" in out


def test_an_edited_export_changes_just_what_was_edited(site, tmp_path, capsys):
    run(capsys, office_register(tmp_path / "指标体系.xlsx"), site)
    export = export_workbook(load(site), tmp_path / "工作台账.xlsx")
    book = load_workbook(export)
    sheet = book.active
    header_row = next(r for r in sheet.iter_rows() if any(c.value == "编号" for c in r))
    header = [c.value for c in header_row]
    row = next(r for r in sheet.iter_rows(min_row=header_row[0].row + 1) if r[header.index("编号")].value == "N002")
    row[header.index("牵头单位")].value = "市委组织部"
    row[header.index("时间节点")].value = dt.datetime(2021, 7, 31)
    book.save(export)
    before = {p.name: p.read_bytes() for p in (site / "docs/indicators").iterdir()}
    code, out = run(capsys, export, site)
    assert code == 0, out
    after = {p.name: p.read_bytes() for p in (site / "docs/indicators").iterdir()}
    assert [name for name in after if after[name] != before[name]] == ["N002.md"]
    assert after["N002.md"] == before["N002.md"].replace("lead: 市委编办".encode(), "lead: 市委组织部".encode()).replace(
        b"due: 2021-04-30", b"due: 2021-07-31")


# ---------------------------------------------------------------------------
# The staff guide documents every message
# ---------------------------------------------------------------------------


def test_staff_guide_documents_every_import_message():
    guide = (REPO / "docs/guide/import.md").read_text(encoding="utf-8")
    missing = [m.title for m in CATALOGUE.values() if m.title not in guide]
    assert missing == []
    assert re.search(r"python scripts/import_register\.py .*--dry-run", guide)


# ---------------------------------------------------------------------------
# Codes for areas and groups; what stops an import on the site's side
# ---------------------------------------------------------------------------

PLAIN_HEADER = ["序号", "一级指标", "二级指标", "三级指标", "牵头单位"]


def test_unnumbered_headings_get_codes_by_position_and_a_new_site_gets_a_framework(tmp_path, capsys):
    site = tmp_path / "site"
    (site / "docs").mkdir(parents=True)
    rows = [[1, "政府职能", "机构改革", "甲", "市委编办"], [2, "政府职能", "营商环境", "乙", "市发展改革委"],
            [3, "制度建设", "规范性文件", "丙", "市司法局"]]
    code, out = run(capsys, workbook(tmp_path / "r.xlsx", {"国家指标": (PLAIN_HEADER, rows)}), site)
    assert code == 0, out
    framework = load(site).framework
    assert {a.code: (a.title, [(g.code, g.title) for g in a.groups]) for a in framework.areas.values()} == {
        "1": ("政府职能", [("1.1", "机构改革"), ("1.2", "营商环境")]), "2": ("制度建设", [("2.1", "规范性文件")])}
    assert framework.sources["N"].expected == 3
    assert "新建 docs/indicators/framework.yml:" in out
    assert run_script("check.py", site).returncode == 0
    rows.append([4, "新领域", "新分组", "丁", "市司法局"])   # the shipped codes are taken: the next free ones
    run(capsys, workbook(tmp_path / "r2.xlsx", {"国家指标": (PLAIN_HEADER, rows)}), site)
    assert load(site).framework.areas["3"].groups[0].code == "3.1"


def test_a_numbered_heading_with_a_new_title_renames_the_area(site, tmp_path, capsys):
    rows = [[1, "一、全面依法履行政府职能", "W1.1 政府职能与营商环境", "甲", "市司法局"]]
    code, out = run(capsys, workbook(tmp_path / "r.xlsx", {"国家指标": (PLAIN_HEADER, rows)}), site)
    assert code == 0, out
    assert "  - 一级指标 1 名称 “依法全面履行政府职能” → “全面依法履行政府职能”" in out
    framework = load(site).framework
    assert framework.areas["1"].title == "全面依法履行政府职能"
    assert load(site).indicators["N001"].group == "W1.1"


@pytest.mark.parametrize("rows, message", [
    ([[1, "一、新领域甲", "(一)乙", "丙", "丁"], [2, "一、新领域戊", "(一)乙", "己", "丁"]],
     "第4行:一级指标编号“1”对应两个不同的名称:“新领域甲”(r.xlsx 工作表“国家指标” 第3行)和“新领域戊”。"),
    ([[1, "二、完善依法行政制度体系", "W1.1 政府职能与营商环境", "丙", "丁"]],
     "第3行:二级指标“W1.1”属于一级指标 1,登记表中这一行却在一级指标 2 下。"),
    ([[1, "一、依法全面履行政府职能", "(一)甲", "丙", "丁"], [2, "一、依法全面履行政府职能", "(一)乙", "戊", "丁"]],
     "第4行:二级指标编号“1.1”对应两个不同的名称:“甲”(r.xlsx 工作表“国家指标” 第3行)和“乙”。"),
])
def test_codes_that_contradict_each_other_block_the_import(rows, message, site, tmp_path, capsys):
    before = tree_hash(site)
    code, out = run(capsys, workbook(tmp_path / "r.xlsx", {"国家指标": (PLAIN_HEADER, rows)}), site)
    assert code == 1 and tree_hash(site) == before
    assert f"【错误】r.xlsx 工作表“国家指标” {message}" in out


def test_a_page_that_cannot_be_read_blocks_the_import(site, tmp_path, capsys):
    register = office_register(tmp_path / "指标体系.xlsx")
    run(capsys, register, site)
    page = site / "docs/indicators/N002.md"
    page.write_bytes(page.read_text(encoding="utf-8").encode("gbk"))
    before = tree_hash(site)
    rows = [list(r) for r in NATIONAL_ROWS]
    rows[0][4] = "市委组织部"
    code, out = run(capsys, workbook(tmp_path / "v2.xlsx", {"国家指标": (NATIONAL_HEADER, rows)},
                                     {"国家指标": NATIONAL_MERGES}), site)
    assert code == 1 and tree_hash(site) == before
    assert re.search(r"【错误】docs/indicators/N002.md 第\d+行:文件不是 UTF-8 编码.*修好这个页面后再重新导入", out)


def test_a_broken_framework_blocks_the_import(site, tmp_path, capsys):
    framework = site / "docs/indicators/framework.yml"
    framework.write_text(framework.read_text(encoding="utf-8").replace("    expected: 100", "\texpected: 100"),
                         encoding="utf-8")
    before = tree_hash(site)
    code, out = run(capsys, office_register(tmp_path / "指标体系.xlsx"), site)
    assert code == 1 and tree_hash(site) == before
    assert "【错误】docs/indicators/framework.yml 第7行:第7行用 Tab 键缩进" in out


def test_new_indicators_need_the_columns_a_page_requires(site, tmp_path, capsys):
    header = ["序号", "一级指标", "二级指标", "三级指标"]
    code, out = run(capsys, workbook(tmp_path / "r.xlsx", {"国家指标": (header, [[1, "一、甲", "(一)乙", "丙"]])}), site)
    assert code == 1
    assert "第3行:N001 是新指标,但登记表没有“牵头单位”列,无法新建页面。" in out
