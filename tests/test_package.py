"""scripts/package.py: the declaration package (zip) and the compiled materials PDF, opened
with independent readers (zipfile, openpyxl, python-docx, pypdf, PDFium + zxing for the
QR codes). A fixture site carries every kind of material: a public PDF, a private PDF, a
photo with GPS data, Word and Excel files, a text 情况简介, a news link, an on_site note."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import shutil
import types
import zipfile
from pathlib import Path

import pytest
from conftest import load, make_site, run_script
from evidence_samples import docx as docx_bytes, photo, text_pdf
from staffsite import set_evidence_setting

from evidencesite.publishing import compilation, declaration, labels
from evidencesite.files import office
from evidencesite.text import winnames
from evidencesite.publishing.declaration import CHECKLIST_COLUMNS, WITHHELD_REMARK
from evidencesite.catalogue.messages import finding

SITE_URL = "https://fzzf.example.gov.cn/"
TOP = "申报包"
N001 = "N001 权责清单动态管理"
N002 = "N002 优化法治化营商环境"
P001 = "P001 规范性文件备案审查"
PRIVATE_TITLE = "内部评查记录甲乙丙"
REPORT_TEXT = "我市坚持把法治政府建设作为全局性工作来抓,示范创建取得明显成效。"
DAY = dt.date(2021, 8, 2)


def _add_items(page: Path, items: str) -> None:
    text = page.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n---\n")
    if "evidence:" not in head:
        head += "\nevidence:"
    page.write_text(head + items.rstrip() + sep + body, encoding="utf-8")


def _xlsx(marker: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["统计项", marker])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = make_site(tmp_path / "site", "base-site")
    pages, evidence = root / "docs" / "indicators", root / "evidence"
    _add_items(pages / "N001.md", f"""
  - title: {PRIVATE_TITLE}
    type: 文件
    file: N001/内部评查.pdf
    public: false
  - title: 推进会现场照片
    type: 图片
    file: N001/现场.jpg
""")
    _add_items(pages / "N002.md", """
  - title: 工作方案
    type: 文件
    file: N002/工作方案.docx
  - title: 台账统计
    type: 文件
    file: N002/台账.xlsx
""")
    _add_items(pages / "P001.md", """
  - title: 备案审查工作简介
    type: 情况简介
    file: P001/简介.txt
""")
    (evidence / "N002").mkdir()
    (evidence / "P001").mkdir()
    (evidence / "N001" / "内部评查.pdf").write_bytes(text_pdf("INTERNAL-REVIEW-SECRET"))
    (evidence / "N001" / "现场.jpg").write_bytes(photo(gps=True, comment="camera owner note"))
    (evidence / "N002" / "工作方案.docx").write_bytes(docx_bytes(["WORDMARKER2021 工作方案正文"]))
    (evidence / "N002" / "台账.xlsx").write_bytes(_xlsx("XLSXMARKER2021"))
    (evidence / "P001" / "简介.txt").write_text("备案审查工作简介\n\n已建立备案审查台账。\n", encoding="utf-8")
    (root / "docs" / "self-assessment.md").write_text(f"# 自评报告\n\n{REPORT_TEXT}\n", encoding="utf-8")
    return root


def _package(root: Path, out: Path, *args: str) -> tuple:
    result = run_script("package.py", "-o", out, *args, cwd=root,
                        env={"SITE_URL": SITE_URL, "SOURCE_DATE_EPOCH": str(int(dt.datetime(2021, 8, 2, tzinfo=dt.timezone.utc).timestamp()))})
    return result


def _docx_text(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _sheet_rows(data: bytes) -> list[tuple]:
    from openpyxl import load_workbook

    return list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))


def _pdf_text(reader) -> str:
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _outline(reader) -> list:
    """[(title, page number, [children…])] from pypdf's nested outline lists."""
    def walk(items):
        out = []
        for entry in items:
            if isinstance(entry, list):
                out[-1][2].extend(walk(entry))
            else:
                out.append((entry.title, reader.get_destination_page_number(entry) + 1, []))
        return out
    return walk(reader.outline)


def _everything_readable(archive: zipfile.ZipFile) -> str:
    """All text a person could read in the package: names, workbooks, Word files, PDFs, text files."""
    from pypdf import PdfReader

    parts = list(archive.namelist())
    for name in archive.namelist():
        data = archive.read(name)
        if name.endswith(".xlsx"):
            parts += [str(v) for row in _sheet_rows(data) for v in row if v is not None]
        elif name.endswith(".docx"):
            parts.append(_docx_text(data))
        elif name.endswith(".pdf"):
            parts.append(_pdf_text(PdfReader(io.BytesIO(data))))
        elif name.endswith(".txt"):
            parts.append(data.decode("utf-8-sig"))
    return "\n".join(parts)


# ---------------------------------------------------------------------------
# The public package, end to end
# ---------------------------------------------------------------------------


@pytest.mark.skipif(office.soffice() is None and os.environ.get("CI") != "true", reason="LibreOffice 未安装")
def test_public_package_folders_checklist_word_and_compiled_pdf(site, tmp_path):
    from PIL import Image
    from pypdf import PdfReader

    out = tmp_path / "out" / f"{TOP}.zip"
    result = _package(site, out)
    assert result.returncode == 0, result.stdout + result.stderr
    snapshot_advice = finding("package-no-snapshot", path="docs/indicators/N002.md", field="evidence 第1项", value="我市召开优化营商环境推进会")
    assert snapshot_advice.format() in result.stdout
    assert f"已生成申报包(公开版):{out}" in result.stdout
    assert list(out.parent.glob("*.tmp")) == [] and list(out.parent.glob(".*")) == []

    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        expected = {f"{TOP}/申报材料清单.xlsx", f"{TOP}/自评报告.docx", f"{TOP}/材料汇编.pdf",
                    f"{TOP}/{N001}/1-关于公布市级权责清单的通知.pdf", f"{TOP}/{N001}/3-推进会现场照片.jpg",
                    f"{TOP}/{N001}/情况说明.docx",
                    f"{TOP}/{N002}/1-我市召开优化营商环境推进会(网址).txt", f"{TOP}/{N002}/2-工作方案.docx",
                    f"{TOP}/{N002}/3-台账统计.xlsx", f"{TOP}/{N002}/情况说明.docx",
                    f"{TOP}/{P001}/1-备案审查工作简介.docx", f"{TOP}/{P001}/情况说明.docx"}
        assert set(names) == expected, "item 2 of N001 is not public: its number stays unused"
        readable = _everything_readable(archive)
        assert PRIVATE_TITLE not in readable and "INTERNAL-REVIEW-SECRET" not in readable and "内部评查" not in readable

        photo_copy = Image.open(io.BytesIO(archive.read(f"{TOP}/{N001}/3-推进会现场照片.jpg")))
        assert not photo_copy.getexif() and "comment" not in photo_copy.info, "the published copy: no GPS, no comment"

        rows = _sheet_rows(archive.read(f"{TOP}/申报材料清单.xlsx"))
        assert rows[0] == CHECKLIST_COLUMNS
        by_file = {r[8]: r for r in rows[1:] if r[8]}
        first = by_file[f"{TOP}/{N001}/1-关于公布市级权责清单的通知.pdf"]
        data = archive.read(f"{TOP}/{N001}/1-关于公布市级权责清单的通知.pdf")
        assert first[1:8] == ("N001", "权责清单动态管理", "市委编办", "已完成", 1, "文件", "关于公布市级权责清单的通知")
        assert first[10] == hashlib.sha256(data).hexdigest() and first[9] == round(len(data) / 1024, 1)
        withheld = [r for r in rows if r[1] == "N001" and r[5] == 2]
        assert [(r[7], r[8], r[11]) for r in withheld] == [("(不公开材料)", None, WITHHELD_REMARK)]
        news = [r for r in rows if r[1] == "N002" and r[5] == 1]
        assert news[0][11] == "尚无网页快照,只有网址。"
        compiled_row = [r for r in rows if r[7] == "材料汇编"][0]
        assert compiled_row[10] == hashlib.sha256(archive.read(f"{TOP}/材料汇编.pdf")).hexdigest()

        note = _docx_text(archive.read(f"{TOP}/{P001}/情况说明.docx"))
        assert "实地核查时提供" in note and "备案审查台账共3册存市司法局" in note
        assert "网址:https://www.puyang.gov.cn/news/2021/0315.html" in _docx_text(archive.read(f"{TOP}/{N002}/情况说明.docx"))
        assert "已建立备案审查台账。" in _docx_text(archive.read(f"{TOP}/{P001}/1-备案审查工作简介.docx"))
        report = _docx_text(archive.read(f"{TOP}/自评报告.docx"))
        assert REPORT_TEXT in report and f"全文 {len('自评报告' + REPORT_TEXT)} 字,上限 2000 字" in report
        address = archive.read(f"{TOP}/{N002}/1-我市召开优化营商环境推进会(网址).txt").decode("utf-8-sig")
        assert "网址:https://www.puyang.gov.cn/news/2021/0315.html\r\n尚无网页快照。" in address

        pdf_path = tmp_path / "compiled.pdf"
        pdf_path.write_bytes(archive.read(f"{TOP}/材料汇编.pdf"))
    reader = PdfReader(str(pdf_path))
    total = len(reader.pages)
    assert f"材料汇编 {total} 页" in result.stdout
    footers = [re.findall(r"第 (\d+) 页 / 共 (\d+) 页", page.extract_text()) for page in reader.pages]
    assert footers == [[(str(n), str(total))] for n in range(1, total + 1)], "every page, appended ones too"
    outline = _outline(reader)
    assert [t for t, _, _ in outline] == ["目录", "1 依法全面履行政府职能", "2 完善依法行政制度体系"]
    area1 = outline[1][2]
    assert [t for t, _, _ in area1] == ["N001 权责清单动态管理", "N002 优化法治化营商环境"]
    assert [t for t, _, _ in area1[0][2]] == ["1. 关于公布市级权责清单的通知", "3. 推进会现场照片"]
    assert [t for t, _, _ in area1[1][2]] == ["1. 我市召开优化营商环境推进会", "2. 工作方案", "3. 台账统计"]
    toc = reader.pages[1].extract_text()
    for title, page, _ in area1:
        assert re.search(rf"{title}\W*{page}\b", toc), (title, page)
    n001_page = area1[0][1]
    sheet = reader.pages[n001_page - 1].extract_text()
    assert "牵头单位" in sheet and "市委编办" in sheet and f"见第 {n001_page + 1} 页" in sheet
    text = _pdf_text(reader)
    assert "WORDMARKER2021" in text and "XLSXMARKER2021" in text, "Word and Excel converted by LibreOffice"
    assert "已建立备案审查台账。" in text and PRIVATE_TITLE not in text
    photo_page = reader.pages[area1[0][2][1][1] - 1]
    assert list(photo_page.images), "the photo is placed on its page"
    first_pdf = reader.pages[area1[0][2][0][1] - 1].extract_text()
    assert f"N001 材料1    第 {n001_page + 1} 页 / 共 {total} 页" in first_pdf, "an appended page says whose it is"
    fonts = [f.get_object() for p in reader.pages[:2] for f in p["/Resources"]["/Font"].values()]
    embedded = [f for f in fonts if "WenQuanYi" in f["/BaseFont"] or "EvidenceSite" in f["/BaseFont"]
                or "/DescendantFonts" in f or "/FontDescriptor" in f]
    assert any("/FontFile2" in (f.get("/FontDescriptor") or {}) for f in embedded), "the Chinese font is embedded"

    import pypdfium2
    import zxingcpp
    rendered = pypdfium2.PdfDocument(str(pdf_path))[n001_page - 1].render(scale=3).to_pil()
    assert [r.text for r in zxingcpp.read_barcodes(rendered)] == [f"{SITE_URL}indicators/N001/"]


def test_assessor_package_carries_private_items_and_says_so_on_every_page(site, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "评审.zip"
    result = _package(site, out, "--audience", "assessor")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "已生成申报包(评审专用版)" in result.stdout
    with zipfile.ZipFile(out) as archive:
        assert f"评审/{N001}/2-{PRIVATE_TITLE}.pdf" in archive.namelist()
        rows = _sheet_rows(archive.read("评审/申报材料清单.xlsx"))
        assert [r[7] for r in rows if r[1] == "N001" and r[5] == 2] == [PRIVATE_TITLE]
        reader = PdfReader(io.BytesIO(archive.read("评审/材料汇编.pdf")))
    text = _pdf_text(reader)
    assert "INTERNAL-REVIEW-SECRET" in text
    assert all("评审专用,请勿公开" in (p.extract_text() or "") for p in reader.pages), "appended pages are stamped too"


def test_pdf_only_writes_just_the_compilation(site, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "out" / "材料汇编.pdf"
    result = _package(site, out, "--pdf-only")
    assert result.returncode == 0, result.stdout + result.stderr
    assert list(out.parent.iterdir()) == [out]
    pages = len(PdfReader(str(out)).pages)
    assert f"已生成材料汇编(公开版):{out}({pages} 页" in result.stdout


# ---------------------------------------------------------------------------
# Pieces, in process
# ---------------------------------------------------------------------------


def _plan(root: Path, audience: str = "public") -> tuple:
    site = load(root, audience)
    return site, declaration.plan(site, TOP, DAY, "测试站点", SITE_URL)


def test_without_libreoffice_a_page_says_where_the_original_is(site, tmp_path, monkeypatch):
    from pypdf import PdfReader

    monkeypatch.setattr(office, "soffice", lambda: None)
    loaded, package = _plan(site)
    font, _ = labels.register_font()
    out = tmp_path / "汇编.pdf"
    compiled = compilation.compile_pdf(package, loaded, out, font)
    messages = [f.format() for f in compiled.findings]
    assert finding("package-unconverted", path=f"{TOP}/{N002}/2-工作方案.docx", value=f"{N002}/2-工作方案.docx",
                   reason=office.NOT_INSTALLED).format() in messages
    text = _pdf_text(PdfReader(str(out)))
    assert f"原件见申报包:{TOP}/{N002}/2-工作方案.docx" in text and "WORDMARKER2021" not in text
    assert len(PdfReader(str(out)).pages) == compiled.pages


def test_damaged_and_password_protected_pdfs_get_a_page_and_advice(site, tmp_path):
    from pypdf import PdfReader, PdfWriter

    (site / "evidence" / "N001" / "权责清单通知.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <</Type /Catalog>> garbage")
    locked = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf("LOCKED"))))
    locked.encrypt(user_password="secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    locked.write(buffer)
    (site / "evidence" / "N002" / "锁定.pdf").write_bytes(buffer.getvalue())
    _add_items(site / "docs" / "indicators" / "N002.md", """
  - title: 加密文件
    type: 文件
    file: N002/锁定.pdf
""")
    # The assessor package: the public one withholds a file it cannot read whole until a
    # person has reviewed it (issue 13), so neither PDF would be in it.
    loaded, package = _plan(site, "assessor")
    font, _ = labels.register_font()
    out = tmp_path / "汇编.pdf"
    compiled = compilation.compile_pdf(package, loaded, out, font)
    messages = [f.format() for f in compiled.findings]
    damaged = f"{N001}/1-关于公布市级权责清单的通知.pdf"
    assert finding("package-unreadable-pdf", path=f"{TOP}/{damaged}", value=damaged,
                   reason="文件已损坏或格式不对").format() in messages
    assert finding("package-unreadable-pdf", path=f"{TOP}/{N002}/4-加密文件.pdf", value=f"{N002}/4-加密文件.pdf",
                   reason="有打开密码").format() in messages
    text = _pdf_text(PdfReader(str(out)))
    assert f"原件见申报包:{TOP}/{damaged}" in text and f"原件见申报包:{TOP}/{N002}/4-加密文件.pdf" in text
    assert len(PdfReader(str(out)).pages) == compiled.pages


def test_a_news_link_with_a_snapshot_is_packed_as_the_snapshot(site):
    """Issue 17b's `snapshot` field (read with getattr, so this branch works before it lands)."""
    snapshot_pdf = text_pdf("SNAPSHOT-OF-THE-NEWS-PAGE")
    (site / "evidence" / "N002" / "网页快照.pdf").write_bytes(snapshot_pdf)
    loaded = load(site, "public")
    item = loaded.indicators["N002"].evidence[0]
    item.snapshot = types.SimpleNamespace(file="N002/网页快照.pdf", captured="2021-08-01T10:00:00+08:00",
                                          sha256=hashlib.sha256(snapshot_pdf).hexdigest())
    package = declaration.plan(loaded, TOP, DAY)
    plan = package.sections[1].items[0]
    assert plan.material.name == f"{N002}/1-我市召开优化营商环境推进会.pdf" and plan.material.role == "网页快照"
    assert plan.material.sha256 == item.snapshot.sha256 and plan.remarks == []
    assert "网页快照保存时间:2021-08-01T10:00:00+08:00" in plan.address.content().decode("utf-8-sig")
    assert not [f for f in package.findings if f.code == "package-no-snapshot"]

    item.snapshot.sha256 = "0" * 64
    changed = declaration.plan(loaded, TOP, DAY).sections[1].items[0]
    assert changed.remarks == ["网页快照文件与记录的校验值不一致,可能被改动过,请重新保存快照。"]


def test_notes_from_issue_16_not_applicable_get_a_word_note(site):
    loaded = load(site, "public")
    indicator = loaded.indicators["N002"]
    indicator.evidence, indicator.not_applicable = [], "本市未设立此类机构,本指标不适用"
    section = declaration.plan(loaded, TOP, DAY).sections[1]
    assert section.notes == [("不适用", "本市未设立此类机构,本指标不适用")] and not section.missing
    assert "本市未设立此类机构,本指标不适用" in _docx_text(section.note_doc.content())


def test_upload_limits_give_advice_for_each_file_over_them(site):
    _, package = _plan(site)
    found = declaration.limit_findings(package, 0.0004, 0.01, ("pdf", "docx"))
    messages = [f.format() for f in found]
    photo_entry = package.sections[0].items[2].material
    assert finding("package-file-too-large", path=f"{TOP}/{N001}/3-推进会现场照片.jpg", value=f"{N001}/3-推进会现场照片.jpg",
                   size=declaration.human_size(photo_entry.size),
                   limit=declaration.human_size(0.0004 * 1024 * 1024)).format() in messages
    assert finding("package-type-not-accepted", path=f"{TOP}/{N002}/3-台账统计.xlsx", value=f"{N002}/3-台账统计.xlsx",
                   suffix=".xlsx", allowed="pdf、docx").format() in messages
    assert sum(f.code == "package-total-too-large" for f in found) == 1
    assert "申报系统不接受 .jpg 文件" in package.sections[0].items[2].remarks
    assert not any(f.path.endswith("情况说明.docx") and f.code == "package-type-not-accepted" for f in found)


def test_upload_types_setting_is_read_from_mkdocs_yml(site):
    set_evidence_setting(site, "upload_types", "[PDF, .Docx]")
    assert load(site).settings.upload_types == ("pdf", "docx")
    set_evidence_setting(site, "upload_types", "pdf")
    with pytest.raises(ValueError, match="upload_types 应当是文件扩展名的列表"):
        load(site)


def test_no_package_when_the_self_assessment_is_too_long(site, tmp_path):
    (site / "docs" / "self-assessment.md").write_text("# 自评报告\n\n" + "字" * 2010 + "\n", encoding="utf-8")  # + 4 of the heading
    out = tmp_path / "申报包.zip"
    result = _package(site, out)
    assert result.returncode == 1
    expected = finding("self-assessment-too-long", path="docs/self-assessment.md", count=2014, limit=2000, excess=14)
    assert expected.format() in result.stdout
    assert "没有生成申报包" in result.stderr
    assert not out.exists() and list(tmp_path.glob("*.tmp")) == []


def test_an_output_folder_that_cannot_be_made_is_a_usage_error_with_nothing_written(site, tmp_path):
    blocker = tmp_path / "不是文件夹.txt"
    blocker.write_text("x", encoding="utf-8")
    result = _package(site, blocker / "申报包.zip")
    assert result.returncode == 2 and f"无法写入 {blocker / '申报包.zip'}" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "不是文件夹.txt"]


def test_usage_errors_exit_2_and_help_is_chinese(site, tmp_path):
    wrong = run_script("package.py", "-o", tmp_path / "a.pdf", cwd=site)
    assert wrong.returncode == 2 and "输出文件名要以 .zip 结尾" in wrong.stderr
    pdf_only = run_script("package.py", "--pdf-only", "-o", tmp_path / "a.zip", cwd=site)
    assert pdf_only.returncode == 2 and "输出文件名要以 .pdf 结尾" in pdf_only.stderr
    inside = run_script("package.py", "-o", site / "evidence" / "a.zip", cwd=site)
    assert inside.returncode == 2 and "不能把申报包写进 evidence/ 文件夹" in inside.stderr
    assert not (site / "evidence" / "a.zip").exists()
    nowhere = run_script("package.py", "-o", tmp_path / "a.zip", "--site", tmp_path / "nothing")
    assert nowhere.returncode == 2 and "不是证据站目录" in nowhere.stderr
    shown = run_script("package.py", "--help")
    assert shown.returncode == 0 and "生成集中申报用的申报包" in shown.stdout and "退出码" in shown.stdout


# ---------------------------------------------------------------------------
# Windows names
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("title", "expected"), [
    ("关于印发《办法》的通知", "1-关于印发《办法》的通知.pdf"),
    ('a:b*c?"d"<e>|f/g\\h', "1-a_b_c__d__e__f_g_h.pdf"),
    ("结尾有点和空格. . ", "1-结尾有点和空格.pdf"),
    ("\t换行\n标题", "1- 换行 标题.pdf"),
])
def test_file_names_windows_accepts(title, expected):
    assert winnames.numbered_file(1, title, ".PDF") == expected


def test_long_titles_and_device_names_are_made_safe():
    long = winnames.numbered_file(2, "关于" + "很长的标题" * 30, ".docx")
    assert len(long) == winnames.FILE_MAX_CHARS and long.endswith("….docx") and long.startswith("2-关于很长的标题")
    folder = winnames.folder_name("N1234", "重大行政决策" * 20)
    assert len(folder) == winnames.FOLDER_MAX_CHARS and folder.startswith("N1234 重大行政决策")
    assert winnames.safe_name("CON") == "_CON" and winnames.safe_name("nul", suffix=".txt") == "_nul.txt"
    assert winnames.safe_name("com1.backup") == "_com1.backup" and winnames.safe_name("console") == "console"
    assert winnames.safe_name("...") == "_"


# ---------------------------------------------------------------------------
# A generated site, both audiences
# ---------------------------------------------------------------------------


def test_generated_site_packages_exactly_what_each_audience_publishes(tmp_path):
    from pypdf import PdfReader

    root = tmp_path / "demo"
    assert run_script("make_demo.py", root, "--indicators", "16").returncode == 0
    for audience in ("public", "assessor"):
        site = load(root, audience)
        published = sum(1 for i in site.indicators.values() for e in i.evidence if e.is_published(site.settings.audience))
        hidden = sum(1 for i in site.indicators.values() for e in i.evidence if not e.is_published(site.settings.audience))
        out = tmp_path / f"{audience}.zip"
        result = run_script("package.py", "-o", out, "--audience", audience, cwd=root)
        assert result.returncode == 0, result.stdout + result.stderr
        with zipfile.ZipFile(out) as archive:
            folders = {n.split("/")[1] for n in archive.namelist() if n.count("/") == 2}
            assert len(folders) == len(site.indicators) == 16
            rows = _sheet_rows(archive.read(f"{audience}/申报材料清单.xlsx"))[1:]
            items = {(r[1], r[5]) for r in rows if r[5]}
            assert len(items) == published + hidden
            assert sum(1 for r in rows if r[7] == "(不公开材料)") == hidden
            reader = PdfReader(io.BytesIO(archive.read(f"{audience}/材料汇编.pdf")))
            assert f"材料汇编 {len(reader.pages)} 页" in result.stdout
            assert len([e for e in _outline(reader)[1:] for _ in e[2]]) == 16
        if audience == "public":
            assert hidden > 0, "the demo has private items: the public package must leave them out"
