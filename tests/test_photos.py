"""Published photos: re-encoded copies with no metadata, upright, scaled down to the
configured longest edge, cached between builds; originals untouched."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

import evidence_samples as samples
from conftest import build, make_site, tree_hash
from evidencesite.checks import images

PHOTO_PAGE = """---
id: N002
title: 优化法治化营商环境
area: "1"
group: "1.2"
lead: 市发展改革委
status: 推进中
evidence:
  - title: 推进会现场照片
    type: 图片
    file: N002/现场.JPG
  - title: 宣传展板照片
    type: 图片
    file: N002/展板.png
---
正在推进。
"""


@pytest.fixture
def photo_site(base_site: Path) -> Path:
    (base_site / "docs/indicators/N002.md").write_text(PHOTO_PAGE, encoding="utf-8")
    folder = base_site / "evidence/N002"
    folder.mkdir()
    # 3000×1000 as stored, turned on its side by the camera (orientation 6 = rotate 90°).
    (folder / "现场.JPG").write_bytes(samples.photo(size=(3000, 1000), orientation=6, comment="MKRCOMMENT 13812345678",
                                                   artist="MKRARTIST", xmp="MKRXMP"))
    (folder / "展板.png").write_bytes(samples.photo("PNG", size=(400, 300), comment="MKRPNGTEXT", artist="MKRARTIST"))
    return base_site


def _opened(path: Path) -> Image.Image:
    image = Image.open(path)
    image.load()
    return image


def test_published_jpeg_has_no_metadata_and_is_upright_and_downscaled(photo_site, tmp_path):
    before = tree_hash(photo_site / "evidence")
    result = build(photo_site, tmp_path / "out")
    assert result.ok
    published = tmp_path / "out/evidence/N002/现场.JPG"
    data = published.read_bytes()
    for marker in (b"MKRCOMMENT", b"MKRARTIST", b"MKRXMP", b"13812345678", b"Exif", b"GPS", b"http://ns.adobe.com"):
        assert marker not in data
    image = _opened(published)
    assert image.format == "JPEG"
    assert image.size == (667, 2000)  # rotated upright, longest edge 2000 by default
    assert dict(image.getexif()) == {} and image.getexif().get_ifd(samples.GPS_IFD) == {}
    assert not {"exif", "xmp", "comment", "icc_profile"} & set(image.info)
    assert tree_hash(photo_site / "evidence") == before, "the original stays as it was"
    original = _opened(photo_site / "evidence/N002/现场.JPG")
    assert original.getexif().get_ifd(samples.GPS_IFD), "the fixture really carries GPS"


def test_published_png_has_no_text_chunks(photo_site, tmp_path):
    assert build(photo_site, tmp_path / "out").ok
    published = tmp_path / "out/evidence/N002/展板.png"
    assert b"MKRPNGTEXT" not in published.read_bytes() and b"MKRARTIST" not in published.read_bytes()
    image = _opened(published)
    assert image.size == (400, 300) and image.format == "PNG"
    assert not {"exif", "Comment", "xmp"} & set(image.info)


def test_longest_edge_is_configurable_and_the_page_shows_the_published_size(photo_site, tmp_path):
    config = photo_site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("image_max_px: 2000", "image_max_px: 300"),
                      encoding="utf-8")
    result = build(photo_site, tmp_path / "out")
    published = tmp_path / "out/evidence/N002/现场.JPG"
    assert _opened(published).size == (100, 300)
    size = published.stat().st_size
    assert re.search(rf"<td[^>]*>{size} B</td>|<td[^>]*>{size / 1024:.1f} KB</td>", result.page("indicators/N002/index.html"))


def test_unchanged_photos_are_not_re_encoded(photo_site, tmp_path, monkeypatch):
    assert build(photo_site, tmp_path / "first").ok
    first = (tmp_path / "first/evidence/N002/现场.JPG").read_bytes()

    def fail(*args, **kwargs):
        raise AssertionError("re-encoded although the photo did not change")

    monkeypatch.setattr(images, "clean", fail)
    assert build(photo_site, tmp_path / "second").ok
    assert (tmp_path / "second/evidence/N002/现场.JPG").read_bytes() == first
    monkeypatch.undo()
    (photo_site / "evidence/N002/现场.JPG").write_bytes(samples.photo(size=(50, 40)))
    assert build(photo_site, tmp_path / "third").ok
    assert _opened(tmp_path / "third/evidence/N002/现场.JPG").size == (50, 40)


def test_an_image_that_cannot_be_read_is_not_published(photo_site, tmp_path):
    (photo_site / "evidence/N002/展板.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    result = build(photo_site, tmp_path / "out")
    assert result.ok
    [error] = [w for w in result.warnings if "无法打开" in w]
    assert error.startswith("【错误】evidence/N002/展板.png:图片 evidence/N002/展板.png 无法打开")
    assert not (tmp_path / "out/evidence/N002/展板.png").exists()
    assert "图片 evidence/N002/展板.png 无法打开" in result.page("indicators/N002/index.html")


def test_photo_formats_that_cannot_be_cleaned_stay_out_of_the_public_build(photo_site, tmp_path):
    text = PHOTO_PAGE.replace("N002/展板.png", "N002/展板.webp")
    (photo_site / "docs/indicators/N002.md").write_text(text, encoding="utf-8")
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, "WEBP")
    (photo_site / "evidence/N002/展板.webp").write_bytes(buffer.getvalue())
    public = build(photo_site, tmp_path / "public")
    assert any(m.startswith("【建议】evidence/N002/展板.webp:照片 evidence/N002/展板.webp 是 .webp 格式") for m in public.messages())
    assert not (tmp_path / "public/evidence/N002/展板.webp").exists()
    assert "该材料不在网上公开" in public.page("indicators/N002/index.html")
    assessor = build(photo_site, tmp_path / "assessor", audience="assessor")
    assert (tmp_path / "assessor/evidence/N002/展板.webp").exists()
