"""QR codes for on-site verification: what the pages embed and what the label sheet
prints both decode to the indicator's own URL.

The page embeds an SVG data URI; the test renders exactly that SVG with resvg (a
Rust renderer shipped in the resvg-py wheel, no system library) and decodes the
pixels with zxing-cpp. The label PDF is rendered with PDFium (pypdfium2) and
decoded the same way, so a code that only looks right cannot pass.
"""

from __future__ import annotations

import io
import re
import subprocess
from html import unescape
from urllib.parse import unquote

import pypdfium2
import pytest
import resvg_py
import zxingcpp
from conftest import REPO, build, load, run_script
from PIL import Image
from pypdf import PdfReader
from staffsite import SITE_URL, configure

from evidencesite.publishing import labels, qrcodes


def decode_png(png: bytes) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def embedded_qr(html: str) -> str:
    """The SVG of the page's QR code, as the browser gets it from the data URI."""
    src = unescape(re.search(r'<img class="es-qr__code" src="([^"]+)"', html).group(1))
    header, _, data = src.partition(",")
    assert header == "data:image/svg+xml;charset=utf-8"
    return unquote(data)


def decode_pdf(path) -> list[str]:
    texts = []
    for page in pypdfium2.PdfDocument(str(path)):
        texts += [r.text for r in zxingcpp.read_barcodes(page.render(scale=3).to_pil())]
    return texts


def test_each_indicator_page_carries_the_qr_code_of_its_own_url(base_site, tmp_path):
    configure(base_site, f"site_url: {SITE_URL}")
    result = build(base_site, tmp_path / "out", strict=True)
    assert result.ok, result.error
    for indicator in ("N001", "N002", "P001"):
        html = result.page(f"indicators/{indicator}/index.html")
        svg = embedded_qr(html)
        assert decode_png(bytes(resvg_py.svg_to_bytes(svg_string=svg))) == [f"{SITE_URL}indicators/{indicator}/"]
        assert f'<link rel="canonical" href="{SITE_URL}indicators/{indicator}/">' in html, "the URL MkDocs publishes"
    assert 'class="es-qr' not in result.page("gaps/index.html"), "only indicator pages carry a code"
    assert "扫码核验" not in result.page("search/search_index.json"), "the caption is not search text"
    assert not [m for m in result.messages() if "没有设置 site_url" in m]


def test_without_site_url_no_code_and_one_line_saying_what_to_set(base_site, tmp_path):
    result = build(base_site, tmp_path / "out", strict=True)
    assert result.ok, result.error
    assert 'class="es-qr' not in result.page("indicators/N001/index.html")
    [line] = [m for m in result.messages() if "没有设置 site_url" in m]
    assert "site_url: https://" in line


def test_label_sheet_decodes_to_every_indicator_url(base_site, tmp_path):
    configure(base_site, f"site_url: {SITE_URL}")
    out = tmp_path / "标签.pdf"
    result = run_script("qr_labels.py", base_site, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "3 个标签,共 1 页" in result.stdout
    assert sorted(decode_pdf(out)) == [f"{SITE_URL}indicators/{i}/" for i in ("N001", "N002", "P001")]
    text = PdfReader(out).pages[0].extract_text()
    for indicator in load(base_site).indicators.values():
        assert indicator.id in text and indicator.title in text
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".qr-labels-")] == [], "no temporary file left"


def test_labels_fill_a4_sheets_of_24_and_wrap_long_titles(tmp_path):
    font, _ = labels.register_font()
    sheet = labels.labels_for(SITE_URL, [(f"N{n:03d}", "重大行政决策履行公众参与专家论证风险评估合法性审查集体讨论决定等法定程序" * 2)
                                         for n in range(1, 27)])
    assert labels.write_pdf(sheet, tmp_path / "l.pdf", font) == 2
    reader = PdfReader(tmp_path / "l.pdf")
    width, height = (float(v) * 25.4 / 72 for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (210, 297)
    assert len(reader.pages) == 2
    assert sorted(decode_pdf(tmp_path / "l.pdf")) == [label.url for label in sheet]
    assert "…" in reader.pages[0].extract_text(), "a title too long for the label is cut with …"


def test_labels_embed_a_chinese_font_when_one_is_installed(tmp_path):
    font, embedded = labels.register_font()
    if embedded is None:
        pytest.skip("no TrueType CJK font on this machine: the standard STSong-Light is named instead")
    labels.write_pdf(labels.labels_for(SITE_URL, [("N001", "权责清单动态管理")]), tmp_path / "l.pdf", font)
    fonts = PdfReader(tmp_path / "l.pdf").pages[0]["/Resources"]["/Font"]
    descriptors = [f.get_object()["/FontDescriptor"] for f in fonts.values() if "/FontDescriptor" in f.get_object()]
    assert any("/FontFile2" in d for d in descriptors), "the subset font travels inside the PDF"


def test_label_script_without_site_url_says_what_to_set(base_site, tmp_path):
    result = run_script("qr_labels.py", base_site, "-o", tmp_path / "l.pdf")
    assert result.returncode == 2
    assert "没有设置 site_url" in result.stderr and "site_url: https://" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "l.pdf").exists()


def test_label_script_prints_only_the_ids_asked_for(base_site, tmp_path):
    configure(base_site, f"site_url: {SITE_URL}")
    out = tmp_path / "l.pdf"
    assert run_script("qr_labels.py", base_site, "-o", out, "--only", "p001,N002").returncode == 0
    assert sorted(decode_pdf(out)) == [f"{SITE_URL}indicators/N002/", f"{SITE_URL}indicators/P001/"]
    unknown = run_script("qr_labels.py", base_site, "-o", out, "--only", "N099")
    assert unknown.returncode == 2 and "N099" in unknown.stderr


def test_indicator_url_is_the_stable_directory_url():
    assert qrcodes.indicator_url("https://a.gov.cn/x", "N007") == "https://a.gov.cn/x/indicators/N007/"
    assert qrcodes.indicator_url("https://a.gov.cn/x/", "N007") == "https://a.gov.cn/x/indicators/N007/"


def test_labels_fall_back_to_the_standard_chinese_font(tmp_path, monkeypatch):
    monkeypatch.setattr(labels, "FONT_CANDIDATES", ())
    font, embedded = labels.register_font()
    assert (font, embedded) == (labels.FALLBACK_FONT, None)
    labels.write_pdf(labels.labels_for(SITE_URL, [("N001", "权责清单动态管理")]), tmp_path / "l.pdf", font)
    assert "权责清单动态管理" in PdfReader(tmp_path / "l.pdf").pages[0].extract_text()
    assert decode_pdf(tmp_path / "l.pdf") == [f"{SITE_URL}indicators/N001/"]


def test_label_script_refuses_a_font_it_cannot_use(base_site, tmp_path):
    configure(base_site, f"site_url: {SITE_URL}")
    bad = tmp_path / "不是字体.ttf"
    bad.write_bytes(b"not a font")
    result = run_script("qr_labels.py", base_site, "-o", tmp_path / "l.pdf", "--font", bad)
    assert result.returncode == 2 and "无法使用字体文件" in result.stderr and "Traceback" not in result.stderr


def test_label_script_only_takes_ids_as_staff_type_them(base_site, tmp_path):
    """A Chinese input method types ',' and '、'; the IDs were then read as one unknown ID."""
    configure(base_site, f"site_url: {SITE_URL}")
    out = tmp_path / "l.pdf"
    done = run_script("qr_labels.py", base_site, "-o", out, "--only", "ｎ００２，P001、n002")
    assert done.returncode == 0, done.stderr
    assert sorted(decode_pdf(out)) == [f"{SITE_URL}indicators/N002/", f"{SITE_URL}indicators/P001/"]


def test_shell_scripts_keep_lf_on_windows_checkouts():
    """With core.autocrlf=true Git writes CRLF, and bash stops at the first '\\r'."""
    done = subprocess.run(["git", "-C", str(REPO), "check-attr", "eol", "text", "--", "scripts/setup_test_env.sh",
                           "deploy/x.sh", "tests/fixtures/base-site/docs/index.md"], capture_output=True, text=True)
    assert "scripts/setup_test_env.sh: eol: lf" in done.stdout and "deploy/x.sh: eol: lf" in done.stdout
    assert "tests/fixtures/base-site/docs/index.md: text: unset" in done.stdout, "fixtures stay byte-exact"
@pytest.mark.parametrize("url, public", [
    ("https://www.puyang.gov.cn/ztzl/fzzf/", True), ("http://fzzf.example.gov.cn/", True), ("http://8.8.8.8/", True),
    ("http://127.0.0.1:8000/", False), ("http://localhost:8000/", False), ("http://192.168.1.20/", False),
    ("http://intranet/", False), ("ftp://www.puyang.gov.cn/", False), ("", False), (None, False)])
def test_qr_code_only_for_a_real_public_address(url, public):
    """Issue 14: `mkdocs serve` sets site_url to 127.0.0.1: no QR code then."""
    from evidencesite.publishing import qrcodes
    assert qrcodes.is_public_address(url) is public
