"""Publishing: the site works under a sub-path of the city portal (links followed from
the home page all resolve), and the 404 page keeps its style there once SITE_URL is set."""

from __future__ import annotations

from pathlib import Path

from browser_support import crawl, serve
from conftest import build, make_site

SUB_PATH = "/ztzl/fzzf/"


def test_every_link_resolves_under_a_sub_path(tmp_path):
    site = make_site(tmp_path / "site", "base-site", "browser-site")
    assert build(site, tmp_path / "out").ok
    with serve(tmp_path / "out", SUB_PATH) as base:
        status = crawl(base)
    broken = {url: code for url, code in status.items() if code != 200}
    assert broken == {}
    pages = {url[len(base):] for url in status}
    for expected in ("", "indicators/N003/", "areas/1/", "groups/1.1/", "gaps/",
                     "evidence/N003/%E7%8E%AF%E5%A2%83%E7%9B%91%E6%B5%8B%E5%B9%B4%E6%8A%A5.xlsx",
                     "assets/evidence-site/head.js"):
        assert expected in pages, expected


def test_404_page_uses_the_sub_path_from_site_url(tmp_path, monkeypatch):
    site = make_site(tmp_path / "site", "base-site")
    monkeypatch.setenv("SITE_URL", "https://www.example.gov.cn/ztzl/fzzf/")
    assert build(site, tmp_path / "out").ok
    page = (tmp_path / "out" / "404.html").read_text(encoding="utf-8")
    assert 'href="/ztzl/fzzf/assets/stylesheets/' in page
    assert 'src="/ztzl/fzzf/assets/evidence-site/head.js"' in page


def test_shipped_nginx_config_names_the_documented_placeholders():
    conf = (Path(__file__).resolve().parents[1] / "deploy" / "nginx" / "evidence-site.conf").read_text(encoding="utf-8")
    assert "location ^~ /ztzl/fzzf/" in conf and "alias /var/www/evidence-site/site/;" in conf
