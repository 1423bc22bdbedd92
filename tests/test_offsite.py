"""No third-party resource in the built site: the static scan of HTML, CSS and
JavaScript, as the build runs it (an error) and on a whole built site."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, build, make_site
from evidencesite.offsite import css_urls, html_urls, is_offsite, scan_site


def test_what_counts_as_a_reference():
    html = ('<link rel="preconnect" href="https://fonts.gstatic.com"><link rel="canonical" href="https://a.example/">'
            '<script src="//cdn.example/x.js"></script><img srcset="https://img.example/a.png 2x, b.png 1x">'
            '<a href="https://news.example/1.html">新闻</a><div style="background:url(https://bg.example/b.png)"></div>'
            '<style>@import "https://css.example/c.css";</style>')
    found = [u for u in html_urls(html) if is_offsite(u)]
    assert found == ["https://fonts.gstatic.com", "//cdn.example/x.js", "https://img.example/a.png",
                     "https://bg.example/b.png", "https://css.example/c.css"]
    assert list(css_urls("a{mask:url('data:image/svg+xml;x')} b{background:url(\"https://x.example/i.png\")}")) == [
        "data:image/svg+xml;x", "https://x.example/i.png"]
    assert not is_offsite("https://www.example.gov.cn/ztzl/", ["www.example.gov.cn"])


def test_built_site_references_no_other_host(tmp_path):
    site = make_site(tmp_path / "site", "base-site", "browser-site")
    result = build(site, tmp_path / "out", strict=True)
    assert result.ok, result.warnings
    assert scan_site(tmp_path / "out") == []
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "<script>" not in html, "no Google Fonts, no inline script"


def test_shipped_site_and_offline_build_reference_no_other_host(tmp_path, monkeypatch):
    site = make_site(tmp_path / "site", REPO / "docs" / "..")
    monkeypatch.setenv("SITE_OFFLINE", "true")
    assert build(site, tmp_path / "out").ok
    assert scan_site(tmp_path / "out") == []
    shim = tmp_path / "out" / "assets" / "vendor" / "iframe-worker" / "shim.js"
    assert shim.is_file(), "the polyfill named in extra.polyfills is really there"
    assert 'src="assets/vendor/iframe-worker/shim.js"' in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_image_from_another_site_is_an_error(base_site, tmp_path):
    page = base_site / "docs" / "indicators" / "N002.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n![现场照片](https://img.example.com/photo.jpg)\n', encoding="utf-8")
    draft = build(base_site, tmp_path / "draft")
    assert draft.ok
    [warning] = draft.warnings
    assert warning.startswith("【错误】docs/indicators/N002.md:网页会向其他网站请求 https://img.example.com/photo.jpg(共 1 个文件)")
    assert not build(base_site, tmp_path / "strict", strict=True).ok


def test_conditional_cdn_url_counts_once_its_condition_fails(tmp_path):
    site = Path(tmp_path)
    (site / "index.html").write_text('<div class="mermaid">graph</div>', encoding="utf-8")
    (site / "bundle.js").write_text('x=()=>load("https://unpkg.com/mermaid@11/dist/mermaid.min.js")', encoding="utf-8")
    assert [r.url for r in scan_site(site)] == ["https://unpkg.com/mermaid@11/dist/mermaid.min.js"]
    (site / "index.html").write_text("<p>no diagram</p>", encoding="utf-8")
    assert scan_site(site) == []
