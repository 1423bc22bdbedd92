"""One source, two audiences: nothing of a non-public item and no raw personal data in any
byte of the public build (pages, search index, sitemap, exports, manifests, copied files,
zipped files such as .xlsx inside it); everything in the assessor build, with its banner
on every page. The fixture's markers are unique ASCII strings and synthetic numbers."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import evidence_samples as samples
from conftest import REPO, build, make_site, run_script, tree_hash
from evidencesite.model import Audience

# Never in the public build; all in the assessor build.
PRIVATE = ["MKRPRIVTITLE", "MKRPRIVFILE", "MKRPRIVLOC", "1991-07-13", "MKRPRIVURL", "MKRPRIVPHOTO",
           "MKRPRIVCONTENT", "MKRBROKEN"]
RAW_NUMBERS = ["13970810001", "158-7081-0002", "13870810003", "18970810007", "41092319850317101X",
               "410928197909231024", "１３６７０８１０００６"]
WITHHELD_CONTENT = ["MKRPIIFILEBODY", "MKRPIIPDFBODY", "MKRPIIDOCXBODY", "13770810004", "17770810005",
                    "410901199202291030"]
# The 市级初评 (review) record: internal, in the assessor build only.
REVIEW = ["MKRREVIEWUNIT", "MKRREVIEWCOMMENT", "0123456789abcdef0123456789abcdef", "2021-07-20", "退回修改", "初评"]
# Never in either build: photo metadata.
PHOTO_METADATA = ["MKREXIFCOMMENT", "MKREXIFARTIST", "MKRXMP"]
MASKED = ["139****0001", "158****0002", "138****0003", "189****0007", "4109**********101X", "4109**********1024",
          "136****0006"]
KEPT = ["139708100079999", "13970819999"]  # a longer digit run, and a reviewed false positive


@pytest.fixture(scope="module")
def marker_site(tmp_path_factory) -> Path:
    site = make_site(tmp_path_factory.mktemp("markers") / "site", "base-site", "audience-markers")
    evidence = site / "evidence"
    for folder in ("N001", "N002", "P001"):
        (evidence / folder).mkdir(parents=True, exist_ok=True)
    (evidence / "N001" / "MKRPRIVFILE.pdf").write_bytes(samples.text_pdf("MKRPRIVCONTENT minutes"))
    (evidence / "N001" / "MKRPRIVPHOTO.jpg").write_bytes(samples.photo(gps=False))
    (evidence / "N002" / "现场照片.jpg").write_bytes(
        samples.photo(comment="MKREXIFCOMMENT 13570810008", artist="MKREXIFARTIST", xmp="MKRXMP"))
    (evidence / "N002" / "MKRPIIMETA.pdf").write_bytes(
        samples.text_pdf("MKRPIIPDFBODY notice", {"/Author": "MKRAUTHOR 410901199202291030"}))
    (evidence / "P001" / "MKRPIIDOCX.docx").write_bytes(samples.docx(["MKRPIIDOCXBODY", "联系电话 17770810005"]))
    (evidence / "P001" / "扫描件.pdf").write_bytes(samples.scanned_pdf())
    return site


@pytest.fixture(scope="module")
def public(marker_site, tmp_path_factory):
    result = build(marker_site, tmp_path_factory.mktemp("public") / "out")
    assert result.ok, result.error
    return result


@pytest.fixture(scope="module")
def assessor(marker_site, tmp_path_factory):
    result = build(marker_site, tmp_path_factory.mktemp("assessor") / "out", audience="assessor")
    assert result.ok, result.error
    return result


# ---------------------------------------------------------------------------
# Searching every byte
# ---------------------------------------------------------------------------


def output_texts(folder: Path) -> Iterator[tuple[str, str]]:
    """(name, text) for every file under folder, opening zip files (.xlsx, .docx, .zip) and
    gzip files (sitemap.xml.gz) inside; JSON also decoded (its \\u escapes) and URLs unquoted."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield from _texts(str(path.relative_to(folder)), path.read_bytes())


def _texts(name: str, data: bytes) -> Iterator[tuple[str, str]]:
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                yield from _texts(f"{name}!{member}", archive.read(member))
        return
    if data[:2] == b"\x1f\x8b":
        yield from _texts(name + "!gunzip", gzip.decompress(data))
        return
    text = data.decode("utf-8", "replace")
    yield name, text
    from urllib.parse import unquote
    yield name + "(unquoted)", unquote(text)
    if name.endswith((".json", ".js")):
        try:
            yield name + "(decoded)", json.dumps(json.loads(text[text.index("{"):].rstrip(";\n ")), ensure_ascii=False)
        except ValueError:
            pass


def found(folder: Path, markers: list[str]) -> dict[str, list[str]]:
    """marker -> files holding it (its NFKC form too, and with separators removed)."""
    hits: dict[str, list[str]] = {}
    forms = {m: {m, unicodedata.normalize("NFKC", m), m.replace("-", "")} for m in markers}
    for name, text in output_texts(folder):
        for marker, variants in forms.items():
            if any(v in text for v in variants):
                hits.setdefault(marker, []).append(name)
    return hits


def test_the_scan_looks_inside_zipped_and_gzipped_files(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr("xl/sharedStrings.xml", "<sst><si><t>MKRINXLSX</t></si></sst>")
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "a.xlsx").write_bytes(buffer.getvalue())
    (tmp_path / "sitemap.xml.gz").write_bytes(gzip.compress(b"<loc>MKRINGZ</loc>"))
    (tmp_path / "index.json").write_text(json.dumps({"t": "\u5185MKRJSON\u5185"}), encoding="utf-8")
    assert set(found(tmp_path, ["MKRINXLSX", "MKRINGZ", "内MKRJSON内", "MKRABSENT"])) == {"MKRINXLSX", "MKRINGZ", "内MKRJSON内"}


# ---------------------------------------------------------------------------
# Public build
# ---------------------------------------------------------------------------


def test_public_build_has_no_trace_of_private_items_or_raw_personal_data(public, marker_site):
    private_digest = hashlib.sha256((marker_site / "evidence/N001/MKRPRIVFILE.pdf").read_bytes()).hexdigest()
    leaks = found(public.site_dir, PRIVATE + RAW_NUMBERS + WITHHELD_CONTENT + PHOTO_METADATA + REVIEW + [private_digest])
    assert leaks == {}


def test_public_build_masks_page_text_and_keeps_what_is_not_personal_data(public):
    assert set(found(public.site_dir, MASKED)) == set(MASKED)
    page = public.page("indicators/N002/index.html")
    for text in MASKED[:2] + KEPT[:1]:
        assert text in page
    assert "13970819999" in public.page("indicators/P001/index.html")
    title = re.search(r"<title>(.*?)</title>", page).group(1)
    assert "139****0001" in title
    index = json.loads((public.site_dir / "search/search_index.json").read_text(encoding="utf-8"))
    assert any("138****0003" in doc["title"] for doc in index["docs"])


def test_public_build_withholds_private_items_and_files_with_personal_data(public):
    out = public.site_dir / "evidence"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "N001/权责清单通知.pdf", "N002/现场照片.jpg"]  # the scan: withheld until a person has looked
    n001 = public.page("indicators/N001/index.html")
    assert n001.count("该材料不在网上公开,实地核查时提供。") == 3
    assert "evidence 第5项 file:不公开材料有错误" in n001
    n002 = public.page("indicators/N002/index.html")
    assert n002.count("该材料不在网上公开,实地核查时提供。") == 2
    assert public.page("indicators/P001/index.html").count("该材料不在网上公开,实地核查时提供。") == 2


def test_public_build_reports_what_it_masked_and_withheld(public):
    advice = [m for m in public.messages() if m.startswith("【建议】") and "个人信息" in m]
    pages = [m for m in advice if "疑似" in m and m.startswith("【建议】docs/")]
    assert len(pages) == 7  # 7 numbers in pages; the reviewed one is not reported
    assert any(m.startswith("【建议】docs/indicators/N002.md 第23行:有疑似身份证号码(4109**********101X)") for m in pages)
    assert any(m.startswith("【建议】docs/index.md 第3行:有疑似手机号码(138****0003)") for m in pages)
    for name in ("N002/MKRPIITXT.txt", "N002/MKRPIIMETA.pdf", "P001/MKRPIIDOCX.docx"):
        assert any(m.startswith(f"【建议】evidence/{name}:证据文件中有") and "公开版不发布" in m for m in advice), name
    assert any("evidence/N002/MKRPIIMETA.pdf" in m and "文档属性:身份证号码 4109**********1030" in m for m in advice)
    [scan] = [m for m in advice if "无法自动检查" in m]
    assert scan.startswith("【建议】evidence/P001/扫描件.pdf:无法自动检查个人信息:第 1、2 页是图片")
    for message in public.messages():
        for raw in RAW_NUMBERS + WITHHELD_CONTENT[3:]:
            assert raw not in message, "the build log names numbers only masked"


def test_counts_are_the_same_for_both_audiences(public, assessor):
    for page in ("areas/1/index.html", "areas/2/index.html", "groups/1.1/index.html", "groups/1.2/index.html"):
        counts = [re.findall(r"<td[^>]*>(\d+(?: 项)?|实地核查|无材料|缺口)</td>", r.page(page)) for r in (public, assessor)]
        assert counts[0] == counts[1] and counts[0]
    assert "共 2 项:已完成 <strong>1</strong>" in public.page("areas/1/index.html")
    assert re.search(r"<td[^>]*>4 项</td>", public.page("groups/1.1/index.html")), "N001's private items are counted"


def test_public_build_has_no_assessor_banner(public):
    assert Audience.ASSESSOR.banner not in "".join(p.read_text(encoding="utf-8") for p in public.site_dir.rglob("*.html"))


# ---------------------------------------------------------------------------
# Assessor build
# ---------------------------------------------------------------------------


def test_assessor_build_shows_everything(assessor, marker_site):
    private_digest = hashlib.sha256((marker_site / "evidence/N001/MKRPRIVFILE.pdf").read_bytes()).hexdigest()
    expected = PRIVATE + [n for n in RAW_NUMBERS if not n.startswith("１")] + WITHHELD_CONTENT + REVIEW[:2] + REVIEW[3:] + [private_digest]
    assert sorted(set(expected) - set(found(assessor.site_dir, expected))) == []
    assert found(assessor.site_dir, PHOTO_METADATA) == {}, "photos are cleaned for assessors too"
    assert (assessor.site_dir / "evidence/N001/MKRPRIVFILE.pdf").is_file()


def test_assessor_build_has_its_banner_on_every_page(assessor):
    pages = sorted(assessor.site_dir.rglob("*.html"))
    assert len(pages) > 8 and any(p.name == "404.html" for p in pages)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert f'<aside class="es-audience-banner" aria-label="版本">{Audience.ASSESSOR.banner}</aside>' in html, page
        assert '<meta name="robots" content="noindex, nofollow">' in html


def test_assessor_page_shows_each_files_checksum(assessor):
    html = assessor.page("indicators/N001/index.html")
    for name in ("权责清单通知.pdf", "MKRPRIVFILE.pdf", "MKRPRIVPHOTO.jpg"):
        digest = hashlib.sha256((assessor.site_dir / "evidence/N001" / name).read_bytes()).hexdigest()
        assert f"SHA-256 {digest}" in html, name


def test_public_page_shows_no_checksum(public):
    assert "SHA-256 " not in public.page("indicators/N001/index.html")


# ---------------------------------------------------------------------------
# The checker and the sources
# ---------------------------------------------------------------------------


def test_check_reports_personal_data_like_the_build(marker_site):
    draft = run_script("check.py", marker_site)
    assert draft.returncode == 1  # the broken private item is an error
    assert draft.stdout.count("疑似") == 10  # 7 page numbers, 3 evidence files
    assert "无法自动检查个人信息" in draft.stdout


def test_builds_leave_sources_untouched_and_cache_outside_them(marker_site, tmp_path):
    before = tree_hash(marker_site / "docs", marker_site / "evidence")
    assert build(marker_site, tmp_path / "again").ok
    assert tree_hash(marker_site / "docs", marker_site / "evidence") == before
    assert (marker_site / ".cache" / "evidence-site" / "photos").is_dir()


def test_repository_build_config_lists_the_hooks_in_working_order():
    from evidence_site import FEATURES  # the one hook's order of features (was the `hooks:` list)

    hooks = [feature.module.__name__.rpartition(".")[2] for feature in FEATURES]
    assert hooks.index("evidence_files") < hooks.index("photos") < hooks.index("integrity")
    assert hooks.index("indicator_pages") < hooks.index("privacy")
    assert hooks[-1] == "integrity"


@pytest.mark.parametrize("value", ["no", "否", '"false"', "0"])
def test_a_misspelt_public_flag_keeps_the_item_private(base_site, tmp_path, value):
    page = base_site / "docs/indicators/N001.md"
    page.write_text(page.read_text(encoding="utf-8").replace("    date: 2021-03-15", f"    public: {value}\n    date: 2021-03-15"),
                    encoding="utf-8")
    result = build(base_site, tmp_path / "out")
    assert any("【错误】docs/indicators/N001.md" in w and "evidence 第1项 public" in w for w in result.warnings)
    assert not (tmp_path / "out/evidence/N001/权责清单通知.pdf").exists()
    html = result.page("indicators/N001/index.html")
    assert "关于公布市级权责清单的通知" not in html and "evidence 第1项 public:不公开材料有错误" in html
