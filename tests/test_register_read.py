"""Reading registers as offices keep them: where the header is, which column means what,
heading and note rows, numbers, dates and sources; and the notices for what cannot be read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from evidencesite.model import Framework, Source
from evidencesite.intake.register import read_register
from evidencesite.intake.register_cells import DueError, parse_due, parse_heading
from evidencesite.catalogue.register_messages import Level
from registers import workbook

FRAMEWORK = Framework(sources={"N": Source("N", "国家指标", 100), "P": Source("P", "省定特色指标", 25, False),
                               "C": Source("C", "市定特色指标", 5, False), "W": Source("W", "工作方案任务", 50)})
HEADER = ["序号", "一级指标", "二级指标", "三级指标", "牵头单位"]


def read(path: Path):
    register = read_register(path, FRAMEWORK)
    return register, [n.format() for n in register.notices]


def ids(register) -> list[str]:
    return [r.id for r in register.rows]


@pytest.mark.parametrize("text, title, code, ordinal", [
    ("一、依法全面履行政府职能(135分)", "依法全面履行政府职能", "", 1),
    ("\uff08\u4e8c\uff09优化法治化营商环境", "优化法治化营商环境", "", 2),
    ("十二、其他", "其他", "", 12),
    ("3、推进行政决策", "推进行政决策", "", 3),
    ("1 依法全面履行政府职能", "依法全面履行政府职能", "", 1),
    ("1.2 政府职能", "政府职能", "1.2", None),
    ("W4.4 “互联网+行政执法”", "“互联网+行政执法”", "W4.4", None),
    ("12345热线", "12345热线", "", None),
    ("依法全面履行政府职能", "依法全面履行政府职能", "", None),
])
def test_heading_numbering(text, title, code, ordinal):
    heading = parse_heading(text)
    assert (heading.title, heading.code, heading.ordinal) == (title, code, ordinal)


@pytest.mark.parametrize("text, points", [
    ("一、依法全面履行政府职能(135分)", 135.0), ("一、依法全面履行政府职能（１８０分）", 180.0),
    ("(一)政府机构职能 (12.5 分)", 12.5), ("二、完善依法行政制度体系(共25项)", None), ("12345热线", None)])
def test_heading_points_are_kept_apart_from_the_title(text, points):
    heading = parse_heading(text)
    assert heading.points == points and "分" not in heading.title and "项)" not in heading.title


@pytest.mark.parametrize("value, expected", [
    (dt.datetime(2021, 4, 30, 0, 0), dt.date(2021, 4, 30)),
    (44316, dt.date(2021, 4, 30)),
    ("44316", dt.date(2021, 4, 30)),
    ("2021年4月30日", dt.date(2021, 4, 30)),
    ("2021年4月30日前", dt.date(2021, 4, 30)),
    ("２０２１/4/30", dt.date(2021, 4, 30)),
    ("2021.4.30", dt.date(2021, 4, 30)),
    ("2021年4月底", dt.date(2021, 4, 30)),
    ("2021年2月", dt.date(2021, 2, 28)),
    ("2021年上半年", dt.date(2021, 6, 30)),
    ("2021年第三季度", dt.date(2021, 9, 30)),
    ("2021年底", dt.date(2021, 12, 31)),
    ("长期坚持", None),
    ("持续推进", None),
])
def test_due_dates_as_offices_write_them(value, expected):
    assert parse_due(value) == expected


@pytest.mark.parametrize("value, code", [("2021-02-30", "date-invalid"), ("4月底", "date-unreadable"),
                                         ("2021年13月", "date-unreadable"), (12, "date-unreadable")])
def test_due_dates_that_are_not_dates(value, code):
    with pytest.raises(DueError) as error:
        parse_due(value)
    assert error.value.code == code


def test_two_row_header_heading_rows_notes_and_repeated_header(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "国家指标"
    sheet.append(["濮阳市法治政府建设示范市创建指标体系"])
    sheet.append(["序号", "指标体系", None, None, "责任分工", None])
    sheet.append([None, "一级指标", "二级指标", "三级指标", "牵头 单位", "配合\n单位"])
    sheet.append(["一、依法全面履行政府职能"] * 6)                       # a heading merged across the table
    sheet.append([None, None, "(一)政府职能", None, None, None])        # a level-2 heading row
    sheet.append([1, None, None, "权责清单动态管理", "市委编办", None])
    sheet.append(["序号", "一级指标", "二级指标", "三级指标", "牵头单位", "配合单位"])  # printed header repeated
    sheet.append([2, None, None, "优化营商环境", "市发展改革委", "市司法局"])
    sheet.append([])
    sheet.append(["注:本表由市法治政府建设领导小组办公室制定。"])
    for cells in ("A1:F1", "B2:D2", "E2:F2", "A2:A3", "A4:F4"):
        sheet.merge_cells(cells)
    book.save(tmp_path / "r.xlsx")
    register, notices = read(tmp_path / "r.xlsx")
    assert register.errors == [], notices
    assert ids(register) == ["N001", "N002"]
    assert [(r.area.title, r.group.code, r.group.ordinal) for r in register.rows] == [("依法全面履行政府职能", "", 1)] * 2
    assert register.rows[1].partners == ["市司法局"]
    assert any("第10行" in n and "说明或标题行,已跳过" in n for n in notices)


def test_sources_from_banner_rows_and_numbers_from_the_text(tmp_path):
    header = ["一级指标", "三级指标", "牵头单位"]
    rows = [["国家指标(100项)"] * 3,
            ["一、依法全面履行政府职能", "1.权责清单动态管理", "市委编办"],
            [None, "2.优化营商环境", "市发展改革委"],
            ["省定特色指标"] * 3,
            ["二、完善依法行政制度体系", "(1)规范性文件备案审查", "市司法局"]]
    register, notices = read(workbook(tmp_path / "r.xlsx", {"Sheet1": (header, rows)}, {"Sheet1": ["A4:A5"]}))
    assert register.errors == [], notices
    assert ids(register) == ["N001", "N002", "P001"]
    assert [r.title for r in register.rows] == ["权责清单动态管理", "优化营商环境", "规范性文件备案审查"]


def test_rows_without_any_number_are_numbered_in_order(tmp_path):
    header = ["一级指标", "指标名称", "牵头单位"]
    rows = [["一、甲", "甲一", "市司法局"], ["一、甲", "甲二", "市司法局"]]
    register, notices = read(workbook(tmp_path / "省定.xlsx", {"省定": (header, rows)}))
    assert ids(register) == ["P001", "P002"]
    assert any("按行的顺序编为 P001–P002" in n for n in notices)


def test_skipped_sheets_are_reported(tmp_path):
    path = workbook(tmp_path / "r.xlsx", {"说明": (["填表说明"], [["请按要求填写"]]),
                                          "国家指标": (HEADER, [[1, "一、甲", "(一)乙", "丙", "市司法局"]])})
    from openpyxl import load_workbook
    book = load_workbook(path)
    book.create_sheet("隐藏").sheet_state = "hidden"
    book.save(path)
    register, notices = read(path)
    assert ids(register) == ["N001"]
    assert "【提示】r.xlsx 工作表“说明”:没有找到表头,已跳过。" in notices
    assert "【提示】r.xlsx 工作表“隐藏”:这是隐藏的工作表,已跳过。" in notices


@pytest.mark.parametrize("sheets, message", [
    ({"Sheet1": (["名称", "单位"], [["甲", "乙"]])}, "【错误】r.xlsx:在任何工作表的前 20 行中都找不到表头。"),
    ({"Sheet1": (["序号", "三级指标", "牵头单位", "责任单位", "牵头部门"], [[1, "甲", "乙", "丙", "丁"]])},
     "【错误】r.xlsx 工作表“Sheet1” 第1行:C列和E列都表示“牵头单位”"),
    ({"Sheet1": (["来源", "编号", "一级指标", "三级指标", "牵头单位"], [["国家指标", "P003", "一、甲", "丙", "乙"]])},
     "【错误】r.xlsx 工作表“Sheet1” 第2行 A列(来源):来源是“国家指标”,编号 P003 的字母却是 P。"),
    ({"Sheet1": (["来源", "序号", "一级指标", "三级指标", "牵头单位"], [["部门指标", 1, "一、甲", "丙", "乙"]])},
     "【错误】r.xlsx 工作表“Sheet1” 第2行 A列(来源):来源“部门指标”不是已知的指标来源。"),
    ({"国家指标": (HEADER, [[1, "一、甲", "(一)乙", "丙", "丁"], [1, "一、甲", "(一)乙", "戊", "丁"]])},
     "【错误】r.xlsx 工作表“国家指标” 第3行:编号 N001 出现了两次,另一处在r.xlsx 工作表“国家指标” 第2行。"),
    ({"国家指标": (HEADER, [[1, "一、甲", "(一)乙", "丙", "丁"], [3, "一、甲", "(一)乙", "戊", "丁"]])},
     "【错误】r.xlsx:国家指标共 2 行,编号应为 N001–N002,但缺少 N002,有超出范围的 N003。"),
    ({"国家指标": (HEADER, [[1, "一、甲", None, "丙", "丁"]])},
     "【错误】r.xlsx 工作表“国家指标” 第2行 C列(二级指标):国家指标必须有二级指标,这一行没有。"),
    ({"国家指标": (HEADER, [[1, None, "(一)乙", "丙", "丁"]])},
     "【错误】r.xlsx 工作表“国家指标” 第2行 B列(一级指标):这一行没有一级指标"),
    ({"国家指标": (HEADER, [[1, "一、甲", "(一)乙", None, "丁"]])},
     "【错误】r.xlsx 工作表“国家指标” 第2行 D列(三级指标):这一行填了内容,但指标名称为空。"),
])
def test_what_cannot_be_read_is_an_error_naming_sheet_row_and_column(tmp_path, sheets, message):
    register, notices = read(workbook(tmp_path / "r.xlsx", sheets, title=None))
    assert any(n.startswith(message) for n in notices), notices
    assert register.errors and all(n.level is Level.ERROR for n in register.errors)


def test_files_that_cannot_be_opened(tmp_path):
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip file")
    (tmp_path / "latin.csv").write_bytes(b"\x80\x80\xff,a\n")
    assert read(tmp_path / "broken.xlsx")[1][0].startswith("【错误】broken.xlsx:文件无法打开")
    assert read(tmp_path / "latin.csv")[1][0].startswith("【错误】latin.csv:CSV 文件既不是 UTF-8,也不是 GBK 编码。")


@pytest.mark.parametrize("sheet, source", [("国家指标", "N"), ("省定特色指标", "P"), ("省", "P"), ("市特色指标", "C"),
                                           ("工作方案任务", "W"), ("Sheet1", "N"), ("濮阳市指标体系", "N")])
def test_without_a_source_column_the_sheet_name_says_which_source(tmp_path, sheet, source):
    register, notices = read(workbook(tmp_path / "r.xlsx", {sheet: (HEADER, [[1, "一、甲", "(一)乙", "丙", "丁"]])}))
    assert register.errors == [], notices
    assert ids(register) == [f"{source}001"]


def test_an_empty_id_column_leaves_numbering_to_the_serial_column(tmp_path):
    header = ["序号", "编号", "一级指标", "二级指标", "三级指标", "牵头单位"]
    register, notices = read(workbook(tmp_path / "r.xlsx", {"国家指标": (header, [[1, None, "一、甲", "(一)乙", "丙", "丁"]])}))
    assert ids(register) == ["N001"], notices
    assert any("“编号”这一列是空的,编号取自“序号”列" in n for n in notices)


def test_zero_width_spaces_pasted_into_a_cell_are_dropped():
    """A lead of one pasted U+200B read as a unit nobody can see; the page editor then refused it."""
    from evidencesite.intake.register_cells import cell_text

    assert cell_text("\u200b") == ""
    assert cell_text("市司法局\u200b ") == "市司法局"
    assert cell_text("市\u2060司法局") == "市司法局"
