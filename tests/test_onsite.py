"""实地核查准备清单: items with a `location` grouped by place and box, the on_site notes
after them; as a workbook in the assessor build only, and as an A4 PDF with QR codes."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from conftest import build, load, run_script
from evidencesite.publishing import onsite


@pytest.mark.parametrize("location, expected", [
    ("市司法局档案室 第3盒", ("市司法局档案室", "第3盒")),
    ("市司法局档案室第12卷", ("市司法局档案室", "第12卷")),
    ("市政府办公室 机要室,第二柜", ("市政府办公室 机要室", "第二柜")),
    ("市委编办档案室", ("市委编办档案室", "")),
    ("  市委编办   档案室  3号柜 ", ("市委编办 档案室", "3号柜")),
    ("市一号楼档案室", ("市一号楼档案室", "")),
], ids=["space-box", "joined-volume", "chinese-number", "no-box", "spaces", "number-inside-place"])
def test_locations_split_into_place_and_box(location, expected):
    assert onsite.split_location(location) == expected


def _locate(site):
    page = site / "docs/indicators/N002.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("    url: https://www.puyang.gov.cn/news/2021/0315.html",
                                 "    url: https://www.puyang.gov.cn/news/2021/0315.html\n    location: 市委编办档案室 第1盒\n"
                                 "  - title: 营商环境内部通报\n    type: 文件\n    file: N002/通报.pdf\n    public: false\n"
                                 "    location: 市发展改革委档案室 第10盒"), encoding="utf-8")
    (site / "evidence/N002").mkdir(parents=True, exist_ok=True)
    shutil.copy(site / "evidence/N001/权责清单通知.pdf", site / "evidence/N002/通报.pdf")
    return site


def test_rows_are_grouped_by_place_then_box_and_on_site_notes_come_last(base_site):
    rows = onsite.rows(load(_locate(base_site)))
    assert [(r.place, r.box, r.indicator_id) for r in rows] == [
        ("市发展改革委档案室", "第10盒", "N002"), ("市委编办档案室", "第1盒", "N002"), ("市委编办档案室", "第3盒", "N001"),
        (onsite.ON_SITE_PLACE, "", "P001")]


def test_workbook_is_in_the_assessor_build_only(base_site, tmp_path):
    _locate(base_site)
    assessor = build(base_site, tmp_path / "a", audience="assessor")
    assert assessor.ok
    book = load_workbook(io.BytesIO((assessor.site_dir / onsite.WORKBOOK).read_bytes()))
    sheet = book["实地核查准备清单"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == list(onsite.COLUMNS)
    assert [r[1:4] for r in rows[1:]] == [["市发展改革委档案室", "第10盒", "N002"], ["市委编办档案室", "第1盒", "N002"],
                                          ["市委编办档案室", "第3盒", "N001"], [onsite.ON_SITE_PLACE, None, "P001"]]
    assert sheet.print_title_rows == "$1:$1" and int(sheet.page_setup.paperSize) == 9  # A4
    public = build(base_site, tmp_path / "p")
    assert public.ok and not (public.site_dir / onsite.WORKBOOK).exists()


def test_pdf_lists_places_in_order_with_a_qr_code_per_item(base_site, tmp_path):
    _locate(base_site)
    out = tmp_path / "清单.pdf"
    done = run_script("onsite_checklist.py", "--site", base_site, "-o", out, env={"SITE_URL": "https://example.gov.cn/fz/"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == f"已生成 {out}:3 个地点,3 项原件,1 个实地核查说明,共 1 页(A4)。"
    text = PdfReader(out).pages[0].extract_text()
    order = [text.index(p) for p in ("市发展改革委档案室(1 项)", "市委编办档案室(2 项)", "实地核查说明(on_site)(1 项)")]
    assert order == sorted(order)
    if shutil.which("zbarimg") and shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "200", "-png", str(out), str(tmp_path / "page")], check=True)
        decoded = subprocess.run(["zbarimg", "-q", "--raw", *map(str, sorted(tmp_path.glob("page*.png")))],
                                 capture_output=True, text=True).stdout.split()
        assert sorted(decoded) == sorted(["https://example.gov.cn/fz/indicators/N002/"] * 2 +
                                         ["https://example.gov.cn/fz/indicators/N001/", "https://example.gov.cn/fz/indicators/P001/"])


def test_pdf_without_site_url_says_the_qr_codes_are_missing(base_site, tmp_path):
    done = run_script("onsite_checklist.py", "--site", base_site, "-o", tmp_path / "a.pdf", env={"SITE_URL": ""})
    assert done.returncode == 0
    assert "清单中没有二维码" in done.stdout


def test_nothing_to_list_is_a_usage_error(base_site, tmp_path):
    for page in (base_site / "docs/indicators").glob("*.md"):
        page.write_text(page.read_text(encoding="utf-8").replace("location:", "# location:").replace("on_site:", "none:"),
                        encoding="utf-8")
    done = run_script("onsite_checklist.py", "--site", base_site, "-o", tmp_path / "a.pdf")
    assert done.returncode == 2 and "没有可列入清单的材料" in done.stderr
    assert not (tmp_path / "a.pdf").exists()


# ---------------------------------------------------------------------------
# 核查记录 (onsite-record.yml)
# ---------------------------------------------------------------------------

RECORD = """# 实地核查记录
date: 2021/9/10
records:
  - id: N001
    item: 1
    shown: 是
    note: 原件3盒已查看 MKRCHECKNOTE
  - id: P001
    item: on_site
    shown: 否
"""


def test_record_is_shown_on_assessor_pages_only(base_site, tmp_path):
    (base_site / "onsite-record.yml").write_text(RECORD, encoding="utf-8")
    assert run_script("check.py", base_site, "--strict").returncode == 0
    assessor = build(base_site, tmp_path / "a", audience="assessor")
    n001 = assessor.page("indicators/N001/index.html")
    assert ('<tr><td>第1项</td><td>关于公布市级权责清单的通知</td><td><span class="es-tag es-tag--closed">已出示</span></td>'
            "<td>原件3盒已查看 MKRCHECKNOTE</td><td>2021-09-10</td></tr>") in n001
    assert '<td>实地核查说明</td>' in assessor.page("indicators/P001/index.html") and "未出示" in assessor.page("indicators/P001/index.html")
    public = build(base_site, tmp_path / "p")
    for path in public.site_dir.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".csv", ".js", ".yml"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "MKRCHECKNOTE" not in text and "实地核查记录" not in text, path


@pytest.mark.parametrize("records, message", [
    ("  - id: N009\n    item: 1\n    shown: 是\n",
     "【错误】onsite-record.yml 第3行 字段 records 第1项:核查记录写的指标 N009 没有页面。"),
    ("  - id: N001\n    item: 2\n    shown: 是\n",
     "【错误】onsite-record.yml 第3行 字段 records 第1项:指标 N001 没有第“2”项材料(共 1 项证据)。"),
    ("  - id: P001\n    item: 1\n    shown: 是\n",
     "【错误】onsite-record.yml 第3行 字段 records 第1项:指标 P001 没有第“1”项材料(共 0 项证据,另有实地核查说明 on_site)。"),
    ("  - id: N001\n    item: 1\n    shown: 可能\n",
     "【错误】onsite-record.yml 第5行 字段 records 第1项 shown:“可能”不是允许的取值。"),
], ids=["unknown-id", "item-out-of-range", "item-without-evidence", "shown-vocabulary"])
def test_record_problems_name_file_line_and_fix(base_site, records, message):
    (base_site / "onsite-record.yml").write_text("date: 2021-09-10\nrecords:\n" + records, encoding="utf-8")
    done = run_script("check.py", base_site)
    assert done.returncode == 1
    assert any(line.startswith(message) for line in done.stdout.splitlines()), done.stdout
