"""Every file the public build publishes is reviewed, and a file that is non-public
anywhere is non-public everywhere (issue 13, part A). Cases are named after their defect."""

from __future__ import annotations

import io
import zipfile

import pytest

import evidence_samples as samples
from conftest import build, load, run_script
from evidencesite.checks import disclosure
from evidencesite.model import Audience
from test_disclosure import _cite as _cite_file
from test_disclosure import _pii

CONFLICT = ("【错误】docs/indicators/N001.md 字段 evidence 第1项 public:证据文件 evidence/N001/权责清单通知.pdf 在 "
            "docs/indicators/N002.md 中标为不公开(public: false),这里却公开引用;公开版两处都不发布这个文件。")


def _cite(site, page: str, item: str) -> None:
    path = site / "docs/indicators" / page
    text = path.read_text(encoding="utf-8")
    head, _, body = text[4:].partition("\n---\n")
    if "\nevidence:" in "\n" + head:
        head = head.replace("evidence:\n", "evidence:\n" + item, 1)
    else:
        head += "\nevidence:\n" + item.rstrip("\n")
    path.write_text("---\n" + head + "\n---\n" + body, encoding="utf-8")


def test_file_private_on_one_page_and_public_on_another_is_an_error_and_never_public(base_site, tmp_path):
    _cite(base_site, "N002.md", "  - title: MKRCONFLICTTITLE\n    type: 文件\n    file: N001/权责清单通知.pdf\n"
                                "    public: false\n")
    result = build(base_site, tmp_path / "public")
    assert result.ok
    assert CONFLICT + " 修改方法:一个文件只要有一处不公开,就处处不公开:确实不能公开的,这里也写 public: false;" \
                      "可以公开的,改正 docs/indicators/N002.md 中的 public: false。" in result.warnings
    assert not (tmp_path / "public/evidence/N001/权责清单通知.pdf").exists()
    n001 = result.page("indicators/N001/index.html")
    assert "该材料不在网上公开,实地核查时提供。" in n001
    assert "evidence 第1项 public:不公开材料有错误" in n001 and "docs/indicators/N002.md" not in n001
    assessor = build(base_site, tmp_path / "assessor", audience="assessor")
    assert (tmp_path / "assessor/evidence/N001/权责清单通知.pdf").is_file()
    assert CONFLICT.removeprefix("【错误】") in assessor.page("indicators/N001/index.html")
    checked = run_script("check.py", base_site)
    assert checked.returncode == 1 and CONFLICT in checked.stdout


def test_every_image_type_pillow_opens_is_rebuilt_or_withheld():
    from PIL import Image

    Image.init()
    kinds = set(Image.registered_extensions()) - {".pdf", ".mpeg", ".mpg"}  # documents and video are reviewed as such
    assert kinds - disclosure.PHOTO_SUFFIXES_KEPT - disclosure.PHOTO_SUFFIXES_WITHHELD == set()
    assert disclosure.PHOTO_SUFFIXES_KEPT & disclosure.PHOTO_SUFFIXES_WITHHELD == set()


@pytest.mark.parametrize(("name", "data", "message"), [
    ("现场.jfif", None, None),
    ("现场.avif", b"\x00\x00\x00\x1cftypavif", "photo-format"),
    ("采访.mp4", b"\x00\x00\x00\x18ftypmp42MKRVIDEOATOM", "是 .mp4 格式的视频"),
    ("录音.m4a", b"\x00\x00\x00\x18ftypM4A MKRVIDEOATOM", "是 .m4a 格式的音频"),
    ("示意图.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>MKRSVGSCRIPT</script></svg>', "是 .svg 格式的矢量图(SVG)"),
])
def test_photo_video_audio_and_svg_types_are_cleaned_or_withheld(base_site, tmp_path, name, data, message):
    (base_site / "evidence/N001" / name).write_bytes(data or samples.photo(comment="MKRJFIFCOMMENT"))
    _cite(base_site, "N002.md", f"  - title: 现场材料\n    type: 图片\n    file: N001/{name}\n")
    result = build(base_site, tmp_path / "public")
    assert result.ok
    published = tmp_path / "public/evidence/N001" / name
    if message is None:  # a JPEG under another name: rebuilt from its pixels
        assert published.is_file() and b"MKRJFIFCOMMENT" not in published.read_bytes()
        return
    assert not published.exists()
    advice = [m for m in result.messages() if f"evidence/N001/{name}" in m]
    assert advice and (message == "photo-format" or message in advice[0]), advice
    assert "公开版不发布这个文件" in advice[0]
    assert build(base_site, tmp_path / "assessor", audience="assessor").ok
    assert (tmp_path / "assessor/evidence/N001" / name).is_file()


# ---------------------------------------------------------------------------
# Hidden parts of documents (no build: the site review the build and check.py share)
# ---------------------------------------------------------------------------

NUMBER = "13770810004"


def _with_parts(data: bytes, parts: dict[str, bytes]) -> bytes:
    """An Office file with parts added or replaced, as an editor leaves them."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename not in parts:
                target.writestr(info, source.read(info))
        for name, body in parts.items():
            target.writestr(name, body)
    return out.getvalue()


def _docx_comment_author() -> bytes:
    comments = (b'<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                b'<w:comment w:id="0" w:author="\xe7\x8e\x8b\xe4\xba\x94 ' + NUMBER.encode() + b'"><w:p><w:r>'
                b'<w:t>ok</w:t></w:r></w:p></w:comment></w:comments>')
    return _with_parts(samples.docx(["正文"]), {"word/comments.xml": comments})


def _docx_alt_text() -> bytes:
    document = zipfile.ZipFile(io.BytesIO(samples.docx(["正文"]))).read("word/document.xml")
    document = document.replace(b"<w:body>", b'<w:body><w:p><w:r><w:drawing><wp:docPr xmlns:wp="http://schemas.'
                                b'openxmlformats.org/drawingml/2006/wordprocessingDrawing" id="1" name="p" descr="'
                                b'\xe7\x8e\x8b\xe4\xba\x94\xe7\x94\xb5\xe8\xaf\x9d' + NUMBER.encode() + b'"/></w:drawing></w:r></w:p>', 1)
    return _with_parts(samples.docx(["正文"]), {"word/document.xml": document})


def _docx_hyperlink() -> bytes:
    rels = zipfile.ZipFile(io.BytesIO(samples.docx(["正文"]))).read("word/_rels/document.xml.rels")
    rels = rels.replace(b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/'
                        b'officeDocument/2006/relationships/hyperlink" Target="tel:' + NUMBER.encode()
                        + b'" TargetMode="External"/></Relationships>')
    return _with_parts(samples.docx(["正文"]), {"word/_rels/document.xml.rels": rels})


def _docx_custom_xml() -> bytes:
    return _with_parts(samples.docx(["正文"]), {"customXml/item1.xml": b"<root><phone>" + NUMBER.encode() + b"</phone></root>"})


def _docx_embedded() -> bytes:
    return _with_parts(samples.docx(["正文"]), {"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0 MKROLE"})


def _xlsx(build_book) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    build_book(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_comment(book) -> None:
    from openpyxl.comments import Comment

    book.active["A1"] = "名单"
    book.active["A1"].comment = Comment(f"联系 {NUMBER}", "王五")


def _xlsx_footer(book) -> None:
    book.active["A1"] = "名单"
    book.active.oddFooter.center.text = f"经办人 {NUMBER}"


def _xlsx_sheet_name(book) -> None:
    book.active.title = f"王五{NUMBER}"


def _xlsx_defined_name(book) -> None:
    from openpyxl.workbook.defined_name import DefinedName

    book.defined_names["联系"] = DefinedName("联系", attr_text=f'"{NUMBER}"')


def _xlsx_hidden_sheet(book) -> None:
    sheet = book.create_sheet("备用")
    sheet["A1"] = f"电话 {NUMBER}"
    sheet.sheet_state = "hidden"


def _xlsx_formula(book) -> None:
    book.active["A1"] = f'="{NUMBER[:5]}"&"{NUMBER[5:]}"&""'  # no cached value: openpyxl writes none
    book.active["B1"] = f'=CONCAT("{NUMBER}")'


def _pdf(edit) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(samples.text_pdf("plain notice"))))
    edit(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf_bookmark(writer) -> None:
    writer.add_outline_item(title=f"王五 {NUMBER}", page_number=0)


def _pdf_link(writer) -> None:
    from pypdf.annotations import Link

    writer.add_annotation(0, Link(rect=(10, 10, 50, 50), url=f"https://example.gov.cn/?tel={NUMBER}"))


def _pdf_attachment(writer) -> None:
    writer.add_attachment("名单.txt", b"MKRATTACHED")


HIDDEN = [
    ("docx_comment_author.docx", _docx_comment_author, "隐藏部分:手机号码 137****0004"),
    ("docx_alt_text.docx", _docx_alt_text, "隐藏部分:手机号码 137****0004"),
    ("docx_hyperlink.docx", _docx_hyperlink, "隐藏部分:手机号码 137****0004"),
    ("docx_custom_xml.docx", _docx_custom_xml, "隐藏部分:手机号码 137****0004"),
    ("xlsx_comment.xlsx", lambda: _xlsx(_xlsx_comment), "隐藏部分:手机号码 137****0004"),
    ("xlsx_footer.xlsx", lambda: _xlsx(_xlsx_footer), "隐藏部分:手机号码 137****0004"),
    ("xlsx_sheet_name.xlsx", lambda: _xlsx(_xlsx_sheet_name), "隐藏部分:手机号码 137****0004"),
    ("xlsx_defined_name.xlsx", lambda: _xlsx(_xlsx_defined_name), "隐藏部分:手机号码 137****0004"),
    ("xlsx_hidden_sheet.xlsx", lambda: _xlsx(_xlsx_hidden_sheet), "工作表 备用:手机号码 137****0004"),
    ("xlsx_formula_without_cached_value.xlsx", lambda: _xlsx(_xlsx_formula), "隐藏部分:手机号码 137****0004"),
    ("pdf_bookmark.pdf", lambda: _pdf(_pdf_bookmark), "隐藏部分:手机号码 137****0004"),
    ("pdf_link_uri.pdf", lambda: _pdf(_pdf_link), "隐藏部分:手机号码 137****0004"),
    ("html_entities.html", lambda: "电话 ".encode() + "".join(f"&#{ord(c)};" for c in NUMBER).encode(),
     "正文:手机号码 137****0004"),
    ("utf16_without_bom.txt", lambda: f"电话 {NUMBER}".encode("utf-16-le"), "正文:手机号码 137****0004"),
    ("gbk_text.txt", lambda: f"电话 {NUMBER}".encode("gbk"), "正文:手机号码 137****0004"),
]


@pytest.mark.parametrize(("name", "make", "where"), HIDDEN, ids=[h[0].split(".")[0] for h in HIDDEN])
def test_personal_data_in_hidden_parts_is_found_and_the_file_withheld(base_site, name, make, where):
    site = load(_cite_file(base_site, name, make()))
    [message] = [m for m in _pii(site) if m.startswith("【建议】evidence/")]
    assert message.startswith(f"【建议】evidence/N002/{name}:证据文件中有 1 处疑似个人信息({where})"), message
    [item] = site.indicators["N002"].evidence
    assert not item.is_published(Audience.PUBLIC) and item.is_published(Audience.ASSESSOR)


@pytest.mark.parametrize(("name", "make", "what"), [
    ("docx_embedded_object.docx", _docx_embedded, "文件中嵌入了其他文件或对象(oleObject1.bin),其内容无法自动检查"),
    ("pdf_attachment.pdf", lambda: _pdf(_pdf_attachment), "PDF 带有附件(名单.txt),附件内容无法自动检查"),
    ("scan_only.pdf", samples.scanned_pdf, "第 1、2 页是图片(扫描件),没有可读取的文字"),
])
def test_a_file_whose_parts_cannot_all_be_read_is_withheld_until_reviewed(base_site, name, make, what):
    root = _cite_file(base_site, name, make())
    [message] = _pii(load(root))
    assert message.startswith(f"【建议】evidence/N002/{name}:无法自动检查个人信息:{what}。人工查看前,公开版不发布这个文件。")
    assert not load(root).indicators["N002"].evidence[0].is_published(Audience.PUBLIC)
    digest = message.split("sha256: ")[1][:64]
    (root / "pii-allow.yml").write_text(f"scanned:\n  - file: evidence/N002/{name}\n    sha256: {digest}\n",
                                        encoding="utf-8")
    reviewed = load(root)
    assert _pii(reviewed) == [] and reviewed.indicators["N002"].evidence[0].is_published(Audience.PUBLIC)


# ---------------------------------------------------------------------------
# Settings and links that would publish private files
# ---------------------------------------------------------------------------

LINK_OUTSIDE = ("【错误】docs/notes.md:这是一个符号链接(快捷方式),指向 docs/ 以外的位置;它指向的内容不会发布。 "
                "修改方法:把需要发布的页面复制到 docs/ 里,再删除这个链接;证据文件放在 evidence/ 下,在页面中用 file 引用。")


def test_page_symlink_leading_outside_docs_is_an_error_and_not_published(base_site, tmp_path):
    secret = tmp_path / "outside.md"
    secret.write_text("# 内部\n\nMKRSYMLINKSECRET\n", encoding="utf-8")
    (base_site / "docs/notes.md").symlink_to(secret)
    (base_site / "docs/private").symlink_to(base_site / "evidence", target_is_directory=True)
    (base_site / "docs/inside.md").symlink_to(base_site / "docs/index.md")
    checked = run_script("check.py", base_site)
    assert checked.returncode == 1 and LINK_OUTSIDE in checked.stdout
    assert "【错误】docs/private:这是一个符号链接" in checked.stdout and "docs/inside.md" not in checked.stdout
    for audience in ("public", "assessor"):
        result = build(base_site, tmp_path / audience, audience=audience)
        assert LINK_OUTSIDE in result.warnings
        out = tmp_path / audience
        assert not (out / "notes").exists() and not (out / "private").exists()
        assert (out / "inside/index.html").is_file()
        assert all("MKRSYMLINKSECRET" not in p.read_text(encoding="utf-8", errors="replace")
                   for p in out.rglob("*") if p.is_file())


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "//evil.example/x"])
def test_portal_corrections_url_other_than_http_is_refused(base_site, tmp_path, url):
    config = base_site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("corrections_url:", f'corrections_url: "{url}"', 1)
                      if "corrections_url:" in config.read_text(encoding="utf-8") else
                      config.read_text(encoding="utf-8") + f'\nextra:\n  portal:\n    corrections_url: "{url}"\n', encoding="utf-8")
    result = build(base_site, tmp_path / "out")
    said = "【错误】mkdocs.yml 字段 extra.portal.corrections_url:extra.portal.corrections_url 不是以 http:// 或 https:// 开头的网址"
    assert any(said in m for m in result.warnings)
    checked = run_script("check.py", base_site)
    assert checked.returncode == 1 and said in checked.stdout, "check.py reports what the build reports"
    assert url not in result.page("index.html") and "网站纠错" not in result.page("index.html")


# ---------------------------------------------------------------------------
# Page bodies reach the project's macros only (an allow-list), titles are never templates
# ---------------------------------------------------------------------------

NOT_ALLOWED = "页面正文只能调用本站的宏,不能读取页首信息、网站设置或构建环境(其中有不公开的材料、本机路径和提交人信息)。"


@pytest.mark.parametrize(("body", "name"), [
    ("{{ page.meta.evidence }}", "page"),
    ("{{ config }}", "config"),
    ("{{ git }}", "git"),
    ("{{ environment }}", "environment"),
    ("{{ macros_info() }}", "macros_info"),
    ("{{ context() }}", "context"),
    ("{{ extra.evidence_site }}", "extra"),
    ("{{ evidence }}", "evidence"),  # a front-matter field of the page itself
])
def test_page_body_cannot_reach_front_matter_config_or_environment(base_site, tmp_path, body, name):
    (base_site / "evidence/N002").mkdir()
    (base_site / "evidence/N002/内部.pdf").write_bytes(samples.text_pdf("internal"))
    _cite(base_site, "N002.md", "  - title: MKRMACROPRIVATE\n    type: 文件\n    file: N002/内部.pdf\n"
                                "    public: false\n")
    page = base_site / "docs/indicators/N001.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n泄露:{body}\n", encoding="utf-8")
    checked = run_script("check.py", base_site)
    expected = f"【错误】docs/indicators/N001.md 第20行:页面中写了 {{{{ {name} … }}}}:{NOT_ALLOWED}"
    assert checked.returncode == 1 and expected in checked.stdout, checked.stdout
    result = build(base_site, tmp_path / "out", audience="assessor")
    assert result.ok and any(m.startswith(expected) for m in result.warnings)
    html = result.page("indicators/N001/index.html")
    assert f"泄露:{body}" in html, "the braces are shown as written"
    assert "MKRMACROPRIVATE" not in html, "N002's private item stays on N002's assessor page"
    outputs = "".join(p.read_text(encoding="utf-8", errors="replace") for p in (tmp_path / "out").rglob("*.html"))
    assert str(base_site) not in outputs, "no path of the build machine"


def test_macro_sandbox_refuses_attribute_escapes(base_site, tmp_path):
    page = base_site / "docs/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ overall_progress.__globals__ }}\n", encoding="utf-8")
    checked = run_script("check.py", base_site)
    assert checked.returncode == 1 and "【错误】docs/index.md 第5行:页面中写了 {{ .__globals__ … }}:" + NOT_ALLOWED in checked.stdout, checked.stdout


def test_front_matter_title_is_never_rendered_as_a_template(base_site, tmp_path):
    page = base_site / "docs/indicators/N001.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: 权责清单动态管理", 'title: "权责清单 {{ 7*7 }}"'),
                    encoding="utf-8")
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ overall_progress() }}\n", encoding="utf-8")
    result = build(base_site, tmp_path / "out")
    assert result.ok
    html = result.page("indicators/N001/index.html")
    assert "权责清单 {{ 7*7 }}" in html and "权责清单 49" not in html


# ---------------------------------------------------------------------------
# Files under docs/ that are not pages
# ---------------------------------------------------------------------------


def test_files_under_docs_are_reviewed_like_evidence(base_site, tmp_path):
    from test_audiences import found

    files = base_site / "docs/files"
    files.mkdir()
    (files / "会场.jpg").write_bytes(samples.photo(comment="MKRDOCSJPEGCOMMENT", artist="MKRDOCSARTIST", xmp="MKRDOCSXMP"))
    (files / "名单.csv").write_text("姓名,电话\n王五,13770810041\n", encoding="utf-8")
    (files / "说明.txt").write_text("会议纪要 MKRDOCSPLAIN\n", encoding="utf-8")
    (files / "扫描.pdf").write_bytes(samples.scanned_pdf(1))
    (files / "采访.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42MKRDOCSVIDEO")
    (files / "示意.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"><script>MKRDOCSSVG</script></svg>')
    index = base_site / "docs/index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n![会场](files/会场.jpg)\n[说明](files/说明.txt)\n",
                     encoding="utf-8")
    checked = run_script("check.py", base_site)
    for line in ("【建议】docs/files/名单.csv:这个文件放在 docs/ 中,会原样发布;其中有 1 处疑似个人信息(正文:手机号码 137****0041),"
                 "公开版不发布这个文件。",
                 "【建议】docs/files/扫描.pdf:这个文件放在 docs/ 中,会原样发布;第 1 页是图片(扫描件),没有可读取的文字,"
                 "人工查看前公开版不发布这个文件。",
                 "【建议】docs/files/采访.mp4:这个文件放在 docs/ 中:是 .mp4 格式的视频,其中可能带有拍摄位置等信息,构建无法清除,"
                 "公开版不发布这个文件。",
                 "【建议】docs/files/示意.svg:这个文件放在 docs/ 中:是 .svg 格式的矢量图(SVG)"):
        assert line in checked.stdout, line
    assert "说明.txt" not in checked.stdout and "会场.jpg" not in checked.stdout
    public = build(base_site, tmp_path / "public")
    assert public.ok
    out = tmp_path / "public/files"
    assert sorted(p.name for p in out.iterdir()) == ["会场.jpg", "说明.txt"]
    assert (out / "说明.txt").read_bytes() == (files / "说明.txt").read_bytes()
    assert found(tmp_path / "public", ["MKRDOCSJPEGCOMMENT", "MKRDOCSARTIST", "MKRDOCSXMP", "13770810041", "MKRDOCSVIDEO",
                                        "MKRDOCSSVG"]) == {}
    assessor = build(base_site, tmp_path / "assessor", audience="assessor")
    assert assessor.ok
    assert sorted(p.name for p in (tmp_path / "assessor/files").iterdir()) == sorted(p.name for p in files.iterdir())
    assert found(tmp_path / "assessor", ["MKRDOCSJPEGCOMMENT", "MKRDOCSARTIST", "MKRDOCSXMP"]) == {}, "photos cleaned for both"
