"""市级初评 on a generated site: record a review, change the package, see it go stale,
review it again; what the assessor build shows (page, unit page, dashboard, workbook);
review.py's usage errors and its all-or-nothing writes; the not_applicable note."""

from __future__ import annotations

import codecs
import io
import re

import pytest
from openpyxl import load_workbook

from conftest import build, load, run_script, tree_hash
from evidencesite.checks import reviews
from evidencesite.figures import review_figures
from evidencesite.model import ReviewResult, ReviewState

STALE = "初评后材料有变动,需复核"


def review(site, *args):
    return run_script("review.py", *args, "--site", site)


def pass_n001(site, date="2021-07-15"):
    done = review(site, "N001", "--result", "通过", "--by", "市委依法治市办", "--date", date)
    assert done.returncode == 0, done.stderr
    return done


# ---------------------------------------------------------------------------
# Recording
# ---------------------------------------------------------------------------


def test_review_is_recorded_in_the_front_matter_and_nothing_else_changes(base_site):
    page = base_site / "docs/indicators/N001.md"
    # what staff leave in a page: a BOM, CRLF, comments, quoting
    original = page.read_text(encoding="utf-8").replace("lead: 市委编办", 'lead: "市委编办"  # 牵头\n# 备注:材料齐全')
    raw = codecs.BOM_UTF8 + original.replace("\n", "\r\n").encode("utf-8")
    page.write_bytes(raw)
    done = pass_n001(base_site)
    assert done.stdout.splitlines()[0] == "已记录初评:N001 权责清单动态管理 —— 通过(市委依法治市办,2021-07-15)"
    new = page.read_bytes()
    head, tail = raw.split(b"\r\n---\r\n")
    assert new.startswith(head + b"\r\nreview:\r\n  result: \xe9\x80\x9a\xe8\xbf\x87\r\n")
    assert new.endswith(b"\r\n---\r\n" + tail)
    fingerprint = reviews.current_fingerprint(load(base_site).indicators["N001"], base_site / "evidence")
    assert new.split(b"\r\n---\r\n")[0][len(head):].decode("utf-8") == (
        "\r\nreview:\r\n  result: 通过\r\n  by: 市委依法治市办\r\n  date: 2021-07-15\r\n"
        f"  fingerprint: {fingerprint}")
    site = load(base_site)
    ind = site.indicators["N001"]
    assert ind.review.result is ReviewResult.PASSED and ind.review_state is ReviewState.PASSED
    assert [f for f in site.findings if f.severity.label != "建议"] == []


def test_a_second_review_replaces_the_first_in_place(base_site):
    pass_n001(base_site)
    again = review(base_site, "N001", "--result", "退回修改", "--by", "市委依法治市办", "--comment", "缺少动态调整的会议纪要",
                   "--date", "2021-07-20")
    assert again.returncode == 0
    assert "替换了 2021-07-15 的初评(通过)" in again.stdout
    text = (base_site / "docs/indicators/N001.md").read_text(encoding="utf-8")
    assert text.count("review:") == 1 and "comment: 缺少动态调整的会议纪要" in text
    ind = load(base_site).indicators["N001"]
    assert ind.review_state is ReviewState.RETURNED


# ---------------------------------------------------------------------------
# Stale packages
# ---------------------------------------------------------------------------


def _change_file(site):
    with open(site / "evidence/N001/权责清单通知.pdf", "ab") as handle:
        handle.write(b"%changed")


def _add_item(site):
    page = site / "docs/indicators/N001.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "review:", "  - title: 新闻\n    type: 新闻链接\n    url: https://example.gov.cn/a.html\nreview:"), encoding="utf-8")


def _remove_item(site):
    page = site / "docs/indicators/N001.md"
    text = page.read_text(encoding="utf-8")
    start = text.index("evidence:")
    page.write_text(text[:start] + "on_site: 原件存市委编办档案室,由综合科提供\n" + text[text.index("review:"):], encoding="utf-8")
    (site / "evidence/N001/权责清单通知.pdf").unlink()  # else an uncited file (advice) fails the strict check


def _edit_note(site):
    page = site / "docs/indicators/P001.md"
    page.write_text(page.read_text(encoding="utf-8").replace("on_site: ", "on_site: 另:"), encoding="utf-8")


@pytest.mark.parametrize("change, ident", [(_change_file, "N001"), (_add_item, "N001"), (_remove_item, "N001"),
                                           (_edit_note, "P001")],
                         ids=["file-bytes", "item-added", "item-removed", "note-edited"])
def test_a_package_changed_after_review_is_stale_in_check_and_build(base_site, tmp_path, change, ident):
    assert review(base_site, ident, "--result", "通过", "--by", "市委依法治市办", "--date", "2021-07-15").returncode == 0
    clean = run_script("check.py", base_site, "--strict")
    assert clean.returncode == 0, clean.stdout
    change(base_site)
    line = (f"【缺口】docs/indicators/{ident}.md 字段 review:{STALE}:{ident} 于 2021-07-15 初评后,"
            "证据清单、说明或所引用文件的内容改动过。 修改方法:牵头单位确认改动无误后,请市级初评单位复核并重新记录:"
            f"python scripts/review.py {ident} --result 通过 --by 初评单位(或 --result 退回修改 --comment 意见)。")
    draft = run_script("check.py", base_site)
    assert draft.returncode == 0 and line in draft.stdout.splitlines()
    assert run_script("check.py", base_site, "--strict").returncode == 1
    strict = build(base_site, tmp_path / "strict", strict=True, audience="assessor")
    assert not strict.ok and line in strict.messages()
    assessor = build(base_site, tmp_path / "out", audience="assessor")
    assert STALE in assessor.page(f"indicators/{ident}/index.html")
    # reviewed again: no longer stale
    again = review(base_site, ident, "--result", "通过", "--by", "市委依法治市办", "--date", "2021-07-30")
    assert "此前的初评因材料变动需复核,现已复核" in again.stdout
    assert run_script("check.py", base_site, "--strict").returncode == 0


def test_recording_a_review_does_not_make_it_stale_and_the_build_never_writes_it(base_site, tmp_path):
    pass_n001(base_site)
    before = tree_hash(base_site / "docs", base_site / "evidence")
    assert build(base_site, tmp_path / "out", audience="assessor").ok
    assert tree_hash(base_site / "docs", base_site / "evidence") == before
    assert load(base_site).indicators["N001"].review_stale is False


def test_a_hand_edited_fingerprint_is_an_error_with_the_field_named(base_site):
    pass_n001(base_site)
    page = base_site / "docs/indicators/N001.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("  result: 通过", "  result: 合格").replace("fingerprint: ", "fingerprint: X"), encoding="utf-8")
    out = run_script("check.py", base_site).stdout
    assert "docs/indicators/N001.md 第21行 字段 review fingerprint:这里应当是64 位小写十六进制数字" in out
    assert "字段 review result:“合格”不是允许的取值。" in out


# ---------------------------------------------------------------------------
# Usage errors and all-or-nothing
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("args, message", [
    (["N009", "--result", "通过", "--by", "市委依法治市办"],
     "参数有误:找不到指标 N009(docs/indicators/N009.md 不存在)。请核对编号,编号写法如 N012。"),
    (["N001", "--result", "退回", "--by", "市委依法治市办"],
     "参数有误:--result “退回”不是初评结果。您是不是要写 退回修改?只能写 通过 或 退回修改。"),
    (["N001", "--result", "退回修改", "--by", "市委依法治市办"],
     "参数有误:退回修改必须写明意见:加 --comment “需要修改什么”,例如 --comment \"缺少2021年度会议纪要\"。"),
    (["N001", "--result", "通过", "--by", "  "], "参数有误:--by 没有写初评单位。请写单位全称,例如 --by 市委依法治市办。"),
    (["N001", "--result", "通过", "--by", "N001"],
     "参数有误:--by “N001”不是单位名称(看起来是指标编号)。请写单位全称,例如 --by 市委依法治市办。"),
    (["N001", "--result", "通过", "--by", "市委依法治市办", "--date", "2021-13-01"],
     "参数有误:--date “2021-13-01”不是日期。写成 年-月-日,例如 --date 2021-07-15;不写则为今天。"),
], ids=["unknown-id", "result", "return-without-comment", "unit-empty", "unit-is-an-id", "date"])
def test_usage_errors_say_what_to_write_and_exit_2(base_site, args, message):
    before = tree_hash(base_site / "docs")
    done = review(base_site, *args)
    assert done.returncode == 2
    assert message in done.stderr.splitlines()
    assert "Traceback" not in done.stderr
    assert tree_hash(base_site / "docs") == before


def test_several_ids_are_all_or_nothing(base_site):
    page = base_site / "docs/indicators/N002.md"
    page.write_text(page.read_text(encoding="utf-8").replace("status: 推进中", "status: 推进"), encoding="utf-8")
    before = tree_hash(base_site / "docs")
    done = review(base_site, "N001", "N002", "P001", "--result", "通过", "--by", "市委依法治市办")
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "【错误】docs/indicators/N002.md:页面有 1 处错误(运行 python scripts/check.py 查看),不能记为“通过”。"
        "修改方法:先改正页面错误再初评;或用 --result 退回修改 说明需要改什么。",
        "有 1 个指标无法记录初评,没有写入任何文件(几个编号要么全部记录,要么都不记录)。请按上面的提示处理后重新运行。"]
    assert tree_hash(base_site / "docs") == before
    returned = review(base_site, "N001", "N002", "--result", "退回修改", "--by", "市委依法治市办", "--comment", "状态写法不规范,请改正")
    assert returned.returncode == 0 and returned.stdout.count("已记录初评") == 2


# ---------------------------------------------------------------------------
# What the assessor build shows, and the public build does not
# ---------------------------------------------------------------------------


@pytest.fixture
def reviewed(base_site):
    pass_n001(base_site)
    assert review(base_site, "N002", "--result", "退回修改", "--by", "市委依法治市办", "--comment", "缺少推进会会议纪要",
                  "--date", "2021-07-20").returncode == 0
    _change_file(base_site)
    return base_site


def test_returned_items_for_the_monthly_report(reviewed):
    site = load(reviewed)
    [item] = review_figures.returned_items(site, "市发展改革委")
    assert (item.indicator.id, item.comment, item.date.isoformat(), item.by, item.reworked) == (
        "N002", "缺少推进会会议纪要", "2021-07-20", "市委依法治市办", False)
    assert review_figures.returned_items(site, "市委编办") == []
    assert review_figures.tally(site.indicators.values()) == review_figures.ReviewTally(3, 1, 0, 1, 1)


def test_assessor_build_shows_reviews_on_pages_units_dashboard_and_workbook(reviewed, tmp_path):
    out = build(reviewed, tmp_path / "out", audience="assessor")
    assert out.ok, out.error
    n002 = out.page("indicators/N002/index.html")
    assert "退回修改(市委依法治市办,2021-07-20)。意见:缺少推进会会议纪要" in n002
    assert "尚未初评。" in out.page("indicators/P001/index.html")
    dashboard = out.page("review/index.html")
    assert "共 3 项:未初评 <strong>1</strong>,通过 <strong>0</strong>,退回修改 <strong>1</strong>,初评后材料有变动需复核 <strong>1</strong>。" in dashboard
    assert "缺少推进会会议纪要" in dashboard
    units = [p.read_text(encoding="utf-8") for p in (out.site_dir / "units").rglob("index.html")]
    [unit] = [u for u in units if "缺少推进会会议纪要" in u]
    assert "<title>市发展改革委" in unit and "待修改" in unit
    book = load_workbook(io.BytesIO((out.site_dir / "exports/初评意见表.xlsx").read_bytes()))
    sheet = book["初评意见表"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["序号", "编号", "指标名称", "一级指标", "牵头单位", "初评结果", "初评单位", "初评日期", "初评意见", "是否需复核"]
    assert [r[1] for r in rows[1:]] == ["N001", "N002", "P001"]
    assert rows[1][5:] == ["通过", "市委依法治市办", rows[1][7], None, "是"] and rows[1][7].date().isoformat() == "2021-07-15"
    assert rows[2][5] == "退回修改" and rows[2][8] == "缺少推进会会议纪要" and rows[2][9] == "否"
    assert rows[3][5] == "未初评"
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$1"


def test_public_build_has_no_review_page_workbook_or_section(reviewed, tmp_path):
    out = build(reviewed, tmp_path / "out")
    assert out.ok
    assert not (out.site_dir / "review").exists() and not (out.site_dir / "exports/初评意见表.xlsx").exists()
    for path in out.site_dir.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".csv", ".js"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "初评" not in text and "缺少推进会会议纪要" not in text and "市委依法治市办" not in text, path


# ---------------------------------------------------------------------------
# not_applicable
# ---------------------------------------------------------------------------


def _not_applicable(site, note="本指标针对设区的市政府,县级政府不适用", extra=""):
    page = site / "docs/indicators/N002.md"
    text = page.read_text(encoding="utf-8")
    start, end = text.index("evidence:"), text.index("\n---", 4)
    page.write_text(text[:start] + f"not_applicable: {note}\n{extra}" + text[end + 1:], encoding="utf-8")


def test_not_applicable_note_meets_the_evidence_rule_with_its_own_label(base_site, tmp_path):
    _not_applicable(base_site)
    assert run_script("check.py", base_site, "--strict").returncode == 0
    out = build(base_site, tmp_path / "out")
    assert out.ok
    page = out.page("indicators/N002/index.html")
    assert '<p class="admonition-title">本指标不适用</p><p>本指标针对设区的市政府,县级政府不适用</p>' in page
    assert re.search(r"<td[^>]*>不适用</td>", out.page("groups/1.2/index.html"))
    assert "满足证据要求 <strong>2</strong> 项(其中不适用 <strong>1</strong> 项)" in out.page("areas/1/index.html")
    (base_site / "docs" / "index.md").write_text("# 首页\n\n{{ overall_progress() }}\n", encoding="utf-8")
    home = build(base_site, tmp_path / "home").page("index.html")
    assert "<div><dt>不适用</dt><dd>1</dd></div>" in home and ",不适用 1 项。" in home


@pytest.mark.parametrize("note, extra, message", [
    ("暂无", "", "【错误】docs/indicators/N002.md 第8行 字段 not_applicable:not_applicable 写的是“暂无”,没有说明实际情况。"),
    ("本指标针对设区的市政府,县级政府不适用", "none: 本县未作出此类决策,无相关材料\n",
     "【错误】docs/indicators/N002.md 第8行 字段 not_applicable:同时写了 not_applicable(本指标不适用)和 none(没有相关材料)。"),
], ids=["placeholder", "with-none"])
def test_not_applicable_placeholder_and_contradiction(base_site, note, extra, message):
    _not_applicable(base_site, note, extra)
    done = run_script("check.py", base_site)
    assert done.returncode == 1
    assert any(line.startswith(message) for line in done.stdout.splitlines()), done.stdout
