"""News-link snapshots: scripts/snapshot_links.py against news sites served on 127.0.0.1
(a moved page, a 404, a slow page, a huge page, a GBK page, a PDF), the `snapshot` field
as the site reads, checks, publishes and withholds it, and the page edit that records it.

Every server here is loopback-only and every wait is bounded by the script's --timeout.
"""

from __future__ import annotations

import argparse
import hashlib
import http.server
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from browser_support import missing_browser_reason, serve_with
from conftest import build, load, run_script, tree_hash
from evidencesite.checks import offsite
from evidencesite.editing import snapshot_edit, yamledit
from evidencesite.model import Audience

NEWS = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>我市召开优化营商环境推进会</title>"
        "<link rel=\"stylesheet\" href=\"/style.css\"><script src=\"http://cdn.example.com/track.js\"></script>"
        "<link rel=\"icon\" href=\"http://cdn.example.com/favicon.ico\"></head>"
        "<body><h1>我市召开优化营商环境推进会</h1><p>3月15日,市政府召开优化营商环境推进会。</p>"
        "<img src=\"/photo.png\" alt=\"会议现场\"><img src=\"/loading.gif\" data-original=\"/photo.png\" alt=\"懒加载\">"
        "<iframe src=\"http://video.example.com/player\"></iframe><a href=\"/news/2.html\">下一篇</a>"
        "<script>document.write('x')</script></body></html>")
GBK_PAGE = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
            "<title>依法行政工作会议</title></head><body><p>市司法局召开依法行政工作会议,部署年度重点任务。</p></body></html>")
PHONE_PAGE = "<html><body><p>联系人:王五,手机 13770810004。</p></body></html>"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cf"
                    "c0f01f0005000201a1d8f5f80000000049454e44ae426082")


class _News(http.server.BaseHTTPRequestHandler):
    """A small news site with the failures real ones have."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        path = self.path.split("?")[0]
        if path == "/news.html":
            self._send(200, NEWS.encode("utf-8"), "text/html; charset=utf-8")
        elif path == "/style.css":
            self._send(200, b"h1{color:#a00;background:url(/photo.png)}@font-face{src:url(http://f.example.com/a.woff2)}",
                       "text/css")
        elif path == "/photo.png":
            self._send(200, PNG, "image/png")
        elif path == "/gbk.html":
            self._send(200, GBK_PAGE.encode("gbk"), "text/html")  # charset only in the page, as older sites do
        elif path == "/phone.html":
            self._send(200, PHONE_PAGE.encode("utf-8"), "text/html; charset=utf-8")
        elif path == "/old.html":
            self._redirect(301, "/news.html")
        elif path == "/gone-after-move.html":
            self._redirect(302, "/gone.html")
        elif path == "/loop.html":
            self._redirect(302, "/loop.html")
        elif path == "/slow.html":
            time.sleep(3)
            self._send(200, b"<html><body>late</body></html>", "text/html")
        elif path == "/huge.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()  # no length: the size shows only while reading
            chunk = ("<p>" + "新闻" * 5000 + "</p>").encode("utf-8")
            try:
                for _ in range(200):
                    self.wfile.write(chunk)
            except OSError:
                pass
        elif path == "/report.pdf":
            self._send(200, b"%PDF-1.4 not really", "application/pdf")
        else:
            self._send(404, "<html><body>页面不存在</body></html>".encode("utf-8"), "text/html; charset=utf-8")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, status: int, target: str) -> None:
        self.send_response(status)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def news_site():
    return serve_with(_News)


@pytest.fixture
def news() -> Iterator[str]:
    with news_site() as base:
        yield base


def link_page(site: Path, *urls: str, public: bool = True, ident: str = "N002") -> Path:
    """Make N002's evidence the given links (one item each)."""
    page = site / "docs/indicators" / f"{ident}.md"
    text = page.read_text(encoding="utf-8")
    head, _, rest = text.partition("evidence:\n")
    body = rest.split("---\n", 1)[1]
    items = "".join(f"  - title: 新闻{i + 1}\n    type: 新闻链接\n    url: {url}\n" + ("" if public else "    public: false\n")
                    for i, url in enumerate(urls))
    page.write_text(f"{head}evidence:\n{items}---\n{body}", encoding="utf-8")
    return page


NO_BROWSER = {"CHROMIUM": ""}
"""Chromium hidden from the script: the snapshot is the single HTML file."""


def snapshot(site: Path, *args: str, browser: bool = False):
    return run_script("snapshot_links.py", "--site", site, "--timeout", "1", *args, env=None if browser else NO_BROWSER)


def only_snapshot(site: Path, ident: str = "N002") -> Path:
    [file] = sorted((site / "evidence" / ident).glob("网页快照-*"))
    return file


# ---------------------------------------------------------------------------
# Saving
# ---------------------------------------------------------------------------


def test_a_news_page_is_kept_as_one_file_needing_no_other_host_and_recorded_on_its_item(base_site, news):
    page = link_page(base_site, f"{news}/news.html")
    before = page.read_bytes()
    result = snapshot(base_site)
    assert result.returncode == 0, result.stdout + result.stderr
    file = only_snapshot(base_site)
    assert re.fullmatch(r"网页快照-1-\d{8}-\d{6}\.html", file.name)
    rel = f"N002/{file.name}"
    assert f"【已保存】docs/indicators/N002.md evidence 第1项“新闻1”:网页快照 evidence/{rel}(网页文件," in result.stdout
    assert "没有找到可用的浏览器" in result.stdout
    html = file.read_text(encoding="utf-8")
    assert "我市召开优化营商环境推进会" in html and "3月15日,市政府召开优化营商环境推进会。" in html
    assert html.count("data:image/png;base64,") == 3  # two images and the style sheet's background
    assert "<script" not in html and "<iframe" not in html and "track.js" not in html and "a.woff2" not in html
    assert [u for u in offsite.parsed_html_urls(html) if offsite.is_offsite(u)] == []
    assert f'href="{news}/news/2.html"' in html  # a link to click stays, made absolute
    assert f"原网址 <a href=\"{news}/news.html\">" in html
    # the page: the snapshot lines inserted after the item, every other byte as it was
    after = page.read_bytes()
    digest = hashlib.sha256(file.read_bytes()).hexdigest()
    lines = after.decode("utf-8").split("\n")
    at = lines.index("    snapshot:")
    assert lines[at + 1] == f"      file: {rel}"
    assert re.fullmatch(r'      captured: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d"', lines[at + 2])
    assert lines[at + 3] == f"      sha256: {digest}"
    assert "\n".join(lines[:at] + lines[at + 4:]).encode("utf-8") == before
    item = load(base_site).indicators["N002"].evidence[0]
    assert item.snapshot.file == rel and item.snapshot.sha256 == digest and item.snapshot.captured.tzinfo
    check = run_script("check.py", base_site, "--strict")
    assert check.returncode == 0, check.stdout  # the snapshot is cited: no "uncited" advice


def test_a_page_in_gbk_is_kept_as_utf8_text(base_site, news):
    link_page(base_site, f"{news}/gbk.html")
    assert snapshot(base_site).returncode == 0
    html = only_snapshot(base_site).read_text(encoding="utf-8")
    assert "市司法局召开依法行政工作会议,部署年度重点任务。" in html and "<title>依法行政工作会议</title>" in html
    assert html.count("charset") == 1 and '<meta charset="utf-8">' in html  # the gb2312 declaration is gone


def test_a_moved_link_is_kept_from_where_it_leads_and_reported(base_site, news):
    link_page(base_site, f"{news}/old.html")
    result = snapshot(base_site)
    assert result.returncode == 1
    assert (f"【建议】docs/indicators/N002.md 字段 evidence 第1项 url:{news}/old.html 跳转到了 {news}/news.html"
            "(301 永久跳转)。") in result.stdout
    assert "我市召开优化营商环境推进会" in only_snapshot(base_site).read_text(encoding="utf-8")


@pytest.mark.parametrize("path, args, message", [
    ("/gone.html", (), "【错误】docs/indicators/N002.md 字段 evidence 第1项 url:{base}/gone.html 已失效:网站回答 404(页面不存在)。"),
    ("/gone-after-move.html", (), "【错误】docs/indicators/N002.md 字段 evidence 第1项 url:{base}/gone-after-move.html 已失效:"
                                  "网站回答 302 临时跳转到 {base}/gone.html 后,404(页面不存在)。"),
    ("/slow.html", (), "【错误】docs/indicators/N002.md 字段 evidence 第1项 url:{base}/slow.html 在 1 秒内没有打开(网站太慢或没有响应)。"),
    ("/huge.html", ("--max-mb", "1"), "【错误】docs/indicators/N002.md 字段 evidence 第1项 url:{base}/huge.html 的网页及其图片超过 1 MB,没有保存快照。"),
    ("/report.pdf", (), "【错误】docs/indicators/N002.md 字段 evidence 第1项 url:{base}/report.pdf 打开的不是网页,而是 PDF 文件,没有保存快照。"),
    ("/loop.html", (), "【错误】docs/indicators/N002.md 字段 evidence 第1项 url:打不开 {base}/loop.html:跳转超过 5 次(可能是循环跳转)。"),
], ids=["404", "moved-then-404", "slow", "huge", "pdf", "redirect-loop"])
def test_a_link_that_cannot_be_kept_says_why_and_nothing_is_written(base_site, news, path, args, message):
    link_page(base_site, news + path)
    before = tree_hash(base_site / "docs", base_site / "evidence")
    result = snapshot(base_site, *args)
    assert result.returncode == 1
    assert any(line.startswith(message.format(base=news) + " 修改方法:") for line in result.stdout.splitlines())
    assert "修改方法:" in result.stdout and "Traceback" not in result.stdout + result.stderr
    assert tree_hash(base_site / "docs", base_site / "evidence") == before
    assert "共 1 条新闻链接:新保存 0 份快照,1 条有问题。" in result.stdout


def test_a_server_that_refuses_is_reported_in_words(base_site):
    with news_site() as base:
        pass  # the port is closed again: connections are refused
    link_page(base_site, f"{base}/news.html")
    result = snapshot(base_site)
    assert result.returncode == 1
    assert f"url:打不开 {base}/news.html:网站拒绝连接(服务器没有开放或已关闭)。" in result.stdout


def test_items_with_a_snapshot_are_kept_unless_refreshed_and_the_old_copy_goes(base_site, news):
    link_page(base_site, f"{news}/news.html")
    assert snapshot(base_site).returncode == 0
    first = only_snapshot(base_site)
    again = snapshot(base_site)
    assert "【已有快照】docs/indicators/N002.md evidence 第1项“新闻1”:已有 " in again.stdout and again.returncode == 0
    assert only_snapshot(base_site) == first
    time.sleep(1.1)  # the file name carries the second of capture
    refreshed = snapshot(base_site, "--refresh")
    assert refreshed.returncode == 0
    second = only_snapshot(base_site)  # exactly one: the replaced copy was deleted
    assert second != first and second.name in (base_site / "docs/indicators/N002.md").read_text(encoding="utf-8")


def test_a_page_the_editor_cannot_change_keeps_its_bytes_and_gets_no_file(base_site, news):
    page = base_site / "docs/indicators/N002.md"
    text = page.read_text(encoding="utf-8")
    head, _, rest = text.partition("evidence:\n")
    page.write_text(f"{head}evidence: [{{title: 新闻, type: 新闻链接, url: \"{news}/news.html\"}}]\n---\n"
                    f"{rest.split('---', 1)[1].lstrip()}", encoding="utf-8")
    before = tree_hash(base_site / "docs", base_site / "evidence")
    result = snapshot(base_site)
    assert result.returncode == 1
    assert ("【错误】docs/indicators/N002.md 字段 evidence 第1项 url:网页已抓取,但快照无法记入页面:evidence 不是逐行书写的列表。"
            "快照没有保存,页面没有改动。 修改方法:") in result.stdout
    assert tree_hash(base_site / "docs", base_site / "evidence") == before


def test_a_page_the_browser_cannot_print_is_kept_as_html(base_site, news, capsys):
    import snapshot_links

    class BrokenPrinter:
        def pdf(self, html: str) -> bytes:
            raise RuntimeError("crashed")

    link_page(base_site, f"{news}/news.html")
    [link] = snapshot_links._links(load(base_site).indicators["N002"])
    args = argparse.Namespace(timeout=5, max_mb=20, refresh=False)
    assert snapshot_links.snapshot_one(load(base_site), link, args, BrokenPrinter()) == []
    out = capsys.readouterr().out
    assert f"【提示】{news}/news.html 无法打印为 PDF(RuntimeError),这一份快照改为保存单个网页文件(.html)。" in out
    assert only_snapshot(base_site).suffix == ".html" and "【已保存】" in out


# ---------------------------------------------------------------------------
# --check
# ---------------------------------------------------------------------------


def test_check_reports_dead_and_moved_links_and_changes_nothing(base_site, news):
    link_page(base_site, f"{news}/news.html", f"{news}/old.html", f"{news}/gone.html")
    before = tree_hash(base_site / "docs", base_site / "evidence")
    result = snapshot(base_site, "--check")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"【正常】docs/indicators/N002.md evidence 第1项“新闻1”:{news}/news.html 可以打开。",
        f"【建议】docs/indicators/N002.md 字段 evidence 第2项 url:{news}/old.html 跳转到了 {news}/news.html(301 永久跳转)。"
        " 修改方法:打开新网址核对是不是同一篇新闻:是的,把 url 改成新网址;跳到了网站首页或“页面不存在”的,"
        "说明原新闻已删除,按“新闻链接已失效”处理。",
        f"【错误】docs/indicators/N002.md 字段 evidence 第3项 url:{news}/gone.html 已失效:网站回答 404(页面不存在)。"
        " 修改方法:在网站上搜索这条新闻的新网址并改写 url;已被删除的,找到转载页面,或把留存的材料改为文件证据"
        "(已有网页快照的,快照仍然有效)。",
        "共 3 条新闻链接:1 条正常,2 条有问题。",
    ]
    assert tree_hash(base_site / "docs", base_site / "evidence") == before


def test_check_of_live_links_exits_0(base_site, news):
    link_page(base_site, f"{news}/news.html")
    result = snapshot(base_site, "--check", "--only", "N002")
    assert result.returncode == 0 and "1 条正常,0 条有问题" in result.stdout


# ---------------------------------------------------------------------------
# Usage
# ---------------------------------------------------------------------------


def test_help_is_chinese_and_usage_errors_exit_2(base_site, tmp_path):
    helped = run_script("snapshot_links.py", "--help")
    assert helped.returncode == 0 and "网页快照" in helped.stdout and "退出码" in helped.stdout
    unknown = run_script("snapshot_links.py", "--site", base_site, "--only", "N099")
    assert unknown.returncode == 2 and "没有这些编号的指标页面:N099" in unknown.stderr
    not_site = run_script("snapshot_links.py", "--site", tmp_path)
    assert not_site.returncode == 2 and "不是证据站目录" in not_site.stderr
    mixed = run_script("snapshot_links.py", "--site", base_site, "--check", "--refresh")
    assert mixed.returncode == 2 and "--check 只检查链接" in mixed.stderr
    no_pdf = run_script("snapshot_links.py", "--site", base_site, "--format", "pdf", env=NO_BROWSER)
    assert no_pdf.returncode == 2 and "--format pdf 需要 chromium" in no_pdf.stderr


def test_a_site_without_links_has_nothing_to_do(base_site):
    result = run_script("snapshot_links.py", "--site", base_site, "--only", "N001")
    assert result.returncode == 0 and "没有需要处理的新闻链接" in result.stdout


# ---------------------------------------------------------------------------
# PDF through chromium
# ---------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.skipif(missing_browser_reason() is not None, reason=missing_browser_reason() or "")
def test_with_chromium_the_snapshot_is_a_pdf_of_the_same_page(base_site, news):
    link_page(base_site, f"{news}/news.html")
    result = snapshot(base_site, "--timeout", "60", browser=True)
    assert result.returncode == 0, result.stdout + result.stderr
    file = only_snapshot(base_site)
    assert file.suffix == ".pdf" and "(PDF," in result.stdout
    text = "".join(p.extract_text() for p in PdfReader(file).pages).replace(" ", "")
    assert "我市召开优化营商环境推进会" in text and "网页快照" in text
    assert "sha256: " + hashlib.sha256(file.read_bytes()).hexdigest() in (base_site / "docs/indicators/N002.md").read_text(
        encoding="utf-8")


# ---------------------------------------------------------------------------
# The site: checks, pages, audiences, personal data
# ---------------------------------------------------------------------------


def _snapshotted(site: Path, news: str, path: str = "/news.html", public: bool = True) -> Path:
    link_page(site, news + path, public=public)
    result = snapshot(site)
    assert "【已保存】" in result.stdout, result.stdout + result.stderr
    return only_snapshot(site)


def test_the_page_shows_the_snapshot_beside_its_link_and_the_build_publishes_it(base_site, news, tmp_path):
    file = _snapshotted(base_site, news)
    built = build(base_site, tmp_path / "out", strict=False)
    html = built.page("indicators/N002/index.html")
    day = load(base_site).indicators["N002"].evidence[0].snapshot.captured.date().isoformat()
    m = re.search(r'<a class="es-snapshot" href="([^"]+)"[^>]*>网页快照\(<time datetime="[^"]+">([^<]+)</time>\)</a>', html)
    assert m and m.group(2) == day
    assert (tmp_path / "out/evidence/N002" / file.name).read_bytes() == file.read_bytes()
    assert m.group(1).startswith("../../evidence/N002/")
    manifest = (tmp_path / "out/exports/evidence-manifest.json").read_text(encoding="utf-8")
    assert f"evidence/N002/{file.name}" in manifest
    model = json.loads((tmp_path / "out/exports/indicators.json").read_text(encoding="utf-8"))
    [n002] = [i for i in model["indicators"] if i["id"] == "N002"]
    assert n002["evidence"][0]["snapshot"]["file"] == f"evidence/N002/{file.name}"


def test_a_private_items_snapshot_reaches_only_the_assessors(base_site, news, tmp_path):
    file = _snapshotted(base_site, news, public=False)
    public = build(base_site, tmp_path / "public")
    assert not (tmp_path / "public/evidence/N002").exists()
    assert "网页快照" not in public.page("indicators/N002/index.html").split('id="evidence"')[1].split("</section>")[0]
    assert file.name not in (tmp_path / "public/exports/indicators.json").read_text(encoding="utf-8")
    assessor = build(base_site, tmp_path / "assessor", audience="assessor")
    assert (tmp_path / "assessor/evidence/N002" / file.name).is_file()
    assert "es-snapshot" in assessor.page("indicators/N002/index.html")


def test_a_snapshot_with_personal_data_is_withheld_from_the_public_like_any_file(base_site, news, tmp_path):
    file = _snapshotted(base_site, news, "/phone.html")
    site = load(base_site)
    [message] = [f.format() for f in site.findings if f.code == "pii-evidence"]
    assert message.startswith(f"【建议】evidence/N002/{file.name}:证据文件中有 1 处疑似个人信息(正文:手机号码 137****0004)")
    item = site.indicators["N002"].evidence[0]
    assert item.is_published(Audience.PUBLIC)  # the link itself stays public
    assert item.published_snapshot(Audience.PUBLIC) is None and item.published_snapshot(Audience.ASSESSOR)
    build(base_site, tmp_path / "public")
    assert not (tmp_path / "public/evidence/N002").exists()
    assert "es-snapshot" not in (tmp_path / "public/indicators/N002/index.html").read_text(encoding="utf-8")
    build(base_site, tmp_path / "assessor", audience="assessor")
    assert (tmp_path / "assessor/evidence/N002" / file.name).is_file()


def test_a_snapshot_changed_after_capture_is_an_error_and_not_published(base_site, news, tmp_path):
    file = _snapshotted(base_site, news)
    file.write_text(file.read_text(encoding="utf-8").replace("推进会", "表彰会"), encoding="utf-8")
    recorded = re.search(r"sha256: ([0-9a-f]{64})", (base_site / "docs/indicators/N002.md").read_text(encoding="utf-8"))[1]
    check = run_script("check.py", base_site)
    assert check.returncode == 1
    assert (f"【错误】docs/indicators/N002.md 字段 evidence 第1项 snapshot sha256:网页快照 evidence/N002/{file.name} "
            f"的内容与页面记录的校验和 {recorded} 不一致:快照抓取后被改动或替换过,不再发布。") in check.stdout
    build(base_site, tmp_path / "out", audience="assessor")
    assert not (tmp_path / "out/evidence/N002").exists()


# ---------------------------------------------------------------------------
# The page edit
# ---------------------------------------------------------------------------

VALUE = snapshot_edit.snapshot_value("N002/网页快照-1-20261206-093000.pdf", "2026-12-06T09:30:00+08:00", "a" * 64)


def test_the_edit_keeps_crlf_bom_comments_and_replaces_an_old_snapshot_in_place():
    page = ("\ufeff---\r\nid: N002  # 编号\r\nevidence:\r\n  # 新闻\r\n  -   title: 新闻\r\n      url: https://a.example/1.html\r\n"
            "      snapshot: {file: old.pdf, captured: \"2020-01-01T00:00:00+08:00\", sha256: \"" + "b" * 64 + "\"}\r\n"
            "      type: 新闻链接   # 类型\r\n  - title: 文件\r\n    type: 文件\r\n    file: N002/a.pdf\r\n---\r\n正文\r\n")
    edited = snapshot_edit.record_snapshot(page.encode("utf-8"), "p.md", 0,
                                           "https://a.example/1.html", VALUE).decode("utf-8")
    assert edited == page.replace(
        "      snapshot: {file: old.pdf, captured: \"2020-01-01T00:00:00+08:00\", sha256: \"" + "b" * 64 + "\"}\r\n",
        "      snapshot:\r\n        file: N002/网页快照-1-20261206-093000.pdf\r\n"
        "        captured: \"2026-12-06T09:30:00+08:00\"\r\n        sha256: " + "a" * 64 + "\r\n")


def test_the_edit_refuses_an_item_whose_url_changed_meanwhile():
    page = "---\nevidence:\n  - title: 新闻\n    type: 新闻链接\n    url: https://a.example/2.html\n---\n"
    with pytest.raises(yamledit.EditError, match="url 已被改动"):
        snapshot_edit.record_snapshot(page.encode("utf-8"), "p.md", 0, "https://a.example/1.html", VALUE)
