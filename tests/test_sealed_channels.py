"""Every output channel of the public build goes through the same masking (issue 13, part A).

A hostile corpus (tests/fixtures/hostile-channels over the audience-marker site): numbers
in framework titles (areas, groups, sources), in a news post's title (its slug), in a
post's own `slug:` and in a page's file name. None of them may reach any byte or any
file name of the public build (feeds, sitemap and its gzip, exports and the parts inside
the .xlsx, indicators.json); the assessor build keeps them as written.
"""

from __future__ import annotations

import gzip
import io
import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest

import evidence_samples as samples
from conftest import build, make_site, run_script
from evidencesite.publishing import sealing
from staffsite import SITE_URL, configure
from test_audiences import found

FRAMEWORK_NUMBERS = ["13970810021", "13970810022", "13970810023"]
POST_NUMBERS = ["13970810024", "13970810025", "410923198503172020"]
PATH_NUMBERS = ["13970810026", "13970810027"]
RAW = FRAMEWORK_NUMBERS + POST_NUMBERS + PATH_NUMBERS


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    site = make_site(tmp_path_factory.mktemp("channels") / "site", "base-site", "audience-markers", "hostile-channels")
    (site / "evidence/N002").mkdir(parents=True, exist_ok=True)
    (site / "evidence/N002/现场照片.jpg").write_bytes(samples.photo())
    return configure(site, f"site_url: {SITE_URL}")


@pytest.fixture(scope="module")
def public(hostile_site, tmp_path_factory):
    result = build(hostile_site, tmp_path_factory.mktemp("public") / "out")
    assert result.ok, result.error
    return result


@pytest.fixture(scope="module")
def assessor(hostile_site, tmp_path_factory):
    result = build(hostile_site, tmp_path_factory.mktemp("assessor") / "out", audience="assessor")
    assert result.ok, result.error
    return result


def test_numbers_in_titles_reach_no_byte_of_the_public_build(public):
    assert (public.site_dir / "feed_rss_created.xml").is_file() and (public.site_dir / "sitemap.xml.gz").is_file()
    assert found(public.site_dir, RAW) == {}


def test_numbers_in_titles_reach_no_file_name_of_the_public_build(public):
    names = [p.relative_to(public.site_dir).as_posix() for p in public.site_dir.rglob("*")]
    assert [n for n in names if any(raw in n for raw in RAW)] == []
    for folder in ("news/2021/03/01/创建热线-139xxxx0024-开通", "news/2021/03/02/call-139xxxx0026",
                   "policy/hotline-139xxxx0027"):
        assert (public.site_dir / folder / "index.html").is_file(), folder


def test_feed_links_follow_the_masked_post_urls(public):
    feed = ET.parse(public.site_dir / "feed_rss_created.xml").getroot()
    links = sorted(unquote(item.findtext("link")) for item in feed.iter("item"))
    assert links == [f"{SITE_URL}news/2021/03/01/创建热线-139xxxx0024-开通/", f"{SITE_URL}news/2021/03/02/call-139xxxx0026/"]
    assert "139****0025" in (public.site_dir / "feed_rss_created.xml").read_text(encoding="utf-8")
    sitemap = gzip.decompress((public.site_dir / "sitemap.xml.gz").read_bytes()).decode("utf-8")
    assert f"{SITE_URL}policy/hotline-139xxxx0027/" in sitemap


def test_framework_titles_are_masked_in_the_ledger_and_indicators_json(public):
    with zipfile.ZipFile(public.site_dir / "exports/工作台账.xlsx") as book:
        strings = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "139****0021" in strings  # openpyxl writes Chinese as character references
    assert "营商环境 专线139****0022" in (public.site_dir / "exports/工作台账.csv").read_text(encoding="utf-8-sig")
    data = json.loads((public.site_dir / "exports/indicators.json").read_text(encoding="utf-8"))
    assert "139****0023" in json.dumps(data, ensure_ascii=False)


def test_assessor_build_keeps_titles_and_urls_as_written(assessor):
    assert sorted(found(assessor.site_dir, RAW)) == sorted(RAW)
    assert (assessor.site_dir / "news/2021/03/01/创建热线-13970810024-开通/index.html").is_file()


def test_public_offline_bundle_has_no_raw_number_in_any_member(tmp_path):
    site = configure(make_site(tmp_path / "site", "base-site", "hostile-channels"), f"site_url: {SITE_URL}")
    bundle = tmp_path / "公开版.zip"
    result = run_script("bundle.py", "-o", bundle, cwd=site)
    assert result.returncode == 0, result.stderr[-2000:]
    (tmp_path / "zip").mkdir()
    (tmp_path / "zip" / bundle.name).write_bytes(bundle.read_bytes())
    assert found(tmp_path / "zip", RAW) == {}
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
    assert any(n.endswith("search/search_index.js") for n in names)
    assert [n for n in names if any(raw in n for raw in RAW)] == []


# ---------------------------------------------------------------------------
# The sealing pass on its own
# ---------------------------------------------------------------------------


def test_feed_html_inside_cdata_is_masked():
    feed = b"<rss><item><description><![CDATA[\xe7\x94\xb5\xe8\xaf\x9d13970810024<br>]]></description></item></rss>"
    assert b"139****0024" in sealing.seal_bytes("feed_rss_created.xml", feed)


def test_gzip_is_masked_inside_and_stays_gzip():
    sealed = sealing.seal_bytes("sitemap.xml.gz", gzip.compress(b"<loc>x/13970810024/</loc>"))
    assert gzip.decompress(sealed) == b"<loc>x/139****0024/</loc>"


def test_json_numbers_and_links_keep_their_shape():
    text = json.dumps({"size": 13970810024, "title": "热线13970810024", "url": "https://e.gov.cn/13970810024#13970810024"})
    sealed = json.loads(sealing.seal_bytes("indicators.json", text.encode("utf-8")))
    assert sealed == {"size": 13970810024, "title": "热线139****0024", "url": "https://e.gov.cn/13970810024#139****0024"}


def test_office_parts_are_masked_and_other_members_kept():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/sharedStrings.xml", "<sst><si><t>13970810024</t></si></sst>")
        book.writestr("xl/media/image1.png", b"\x89PNG13970810024")
    with zipfile.ZipFile(io.BytesIO(sealing.seal_bytes("a.xlsx", buffer.getvalue()))) as book:
        assert book.read("xl/sharedStrings.xml") == b"<sst><si><t>139****0024</t></si></sst>"
        assert book.read("xl/media/image1.png") == b"\x89PNG13970810024"


def test_untouched_output_is_returned_byte_identical():
    data = b"<html><body>\xe6\x97\xa0\xe5\x8f\xb7\xe7\xa0\x81</body></html>"
    assert sealing.seal_bytes("index.html", data) is data


def test_safe_uri_has_no_character_windows_refuses():
    assert sealing.safe_uri("news/热线-13970810024/index.html") == "news/热线-139xxxx0024/index.html"
    assert sealing.safe_uri("a/410923198503172020.md") == "a/4109xxxxxxxxxx2020.md"


def test_a_page_changed_after_it_was_masked_is_masked_again_by_the_seal(tmp_path):
    """Pages masked when rendered are not masked twice (the seal compares digests), but
    one a later plugin changed is a different file, and the seal masks it after all."""
    from mkdocs.plugins import BasePlugin, event_priority

    class Appends(BasePlugin):
        @event_priority(-50)  # after the site's own masking of the page (priority 0)
        def on_post_page(self, output, page, config):
            return output.replace("</body>", "<p>联系电话 13970810099</p></body>") if page.file.src_uri == "index.md" \
                else output

    site = make_site(tmp_path / "site", "base-site")
    result = build(site, tmp_path / "out", extra_plugins={"appends": Appends()})
    assert result.ok, result.error
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "13970810099" not in home and "联系电话 139" in home
