"""No third-party resource in the built site: the static scan of HTML, CSS and
JavaScript, as the build runs it (an error) and on a whole built site."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, build, make_site
from evidencesite.checks.offsite import browser_host, css_urls, html_urls, is_offsite, parsed_html_urls, scan_site


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


# ---------------------------------------------------------------------------
# Spellings a browser still follows (issue 13 §6): the URL Standard's rules, not a regex
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("defect, url, host", [
    ("backslash_after_scheme", "https:/\\evil.example/x.png", "evil.example"),
    ("backslashes_only", "https:\\\\evil.example/x.png", "evil.example"),
    ("no_slashes_after_scheme", "https:evil.example/x.png", "evil.example"),
    ("three_slashes", "https:///evil.example/x.png", "evil.example"),
    ("protocol_relative_backslashes", "\\\\evil.example/x.png", "evil.example"),
    ("slash_backslash", "/\\evil.example/x.png", "evil.example"),
    ("tab_inside_slashes", "/\t/evil.example/x.png", "evil.example"),
    ("newline_inside_scheme", "ht\ntps://evil.example/x.png", "evil.example"),
    ("leading_control_characters", "\x01 https://evil.example/x.png", "evil.example"),
    ("uppercase_scheme_and_host", "HTTPS://EVIL.example./x.png", "evil.example"),
    ("user_name_before_host", "https://www.example.gov.cn@evil.example/x.png", "evil.example"),
    ("port_and_percent_encoding", "https://%65vil.example:8443/x.png", "evil.example"),
    ("websocket", "wss://evil.example/socket", "evil.example"),
    ("relative_path_stays", "assets/x.png", None),
    ("root_relative_stays", "/assets/x.png", None),
    ("data_url_stays", "data:image/png;base64,AAAA", None),
    ("javascript_scheme_stays", "javascript:void(0)", None),
])
def test_browser_url_rules(defect, url, host):
    assert browser_host(url) == host, defect


@pytest.mark.parametrize("defect, html, url", [
    ("svg_image_href", '<svg><image href="https://evil.example/a.png"/></svg>', "https://evil.example/a.png"),
    ("svg_image_xlink_href", '<svg><image xlink:href="//evil.example/a.png"/></svg>', "//evil.example/a.png"),
    ("svg_use_href", '<svg><use href="https://evil.example/s.svg#i"/></svg>', "https://evil.example/s.svg#i"),
    ("svg_feimage_href", '<svg><filter><feImage href="https://evil.example/f.png"/></filter></svg>',
     "https://evil.example/f.png"),
    ("img_src_backslash", '<img src="https:/\\evil.example/a.png">', "https:/\\evil.example/a.png"),
    ("img_src_no_slashes", '<img src="https:evil.example/a.png">', "https:evil.example/a.png"),
    ("img_src_entity_slashes", '<img src="https:&#x2F;&#x2F;evil.example/a.png">', "https://evil.example/a.png"),
    ("img_src_newline_in_slashes", '<img src="/\n/evil.example/a.png">', "/\n/evil.example/a.png"),
    ("base_href", '<base href="https://evil.example/"><img src="a.png">', "https://evil.example/"),
    ("meta_refresh_uppercase", '<meta http-equiv="refresh" content="0; URL=https://evil.example/">',
     "https://evil.example/"),
])
def test_references_a_browser_follows_are_found(defect, html, url):
    found = [u for u in html_urls("<p>正文</p>" * 50 + html) if is_offsite(u)]
    assert found == [url], defect
    assert [u for u in parsed_html_urls(html) if is_offsite(u)] == [url], "the fast scan agrees with the full parse"


def test_links_people_click_are_not_references():
    html = '<a href="https:/\\news.example/1.html">新闻</a><svg><a href="https://news.example/2.html">图</a></svg>'
    assert [u for u in html_urls(html) if is_offsite(u)] == []
