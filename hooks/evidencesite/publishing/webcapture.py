"""A news page made into one self-contained file: the snapshot that outlives the link.

`single_file_html` rewrites the fetched page so that it needs nothing from any other
host: images and style sheets inlined as data: URLs, scripts, frames, forms' targets,
fonts and every other fetching reference removed, links made absolute (a link a reader
clicks is no request), and a banner saying where and when the page was taken. The public
site may publish it (no request to any other host, works from file://).

`Printer` prints that same file to PDF with headless chromium (through playwright,
never downloading a browser), with all network access blocked: what the PDF shows is
exactly what the HTML holds. Without chromium or playwright the HTML is the snapshot.
"""

from __future__ import annotations

import base64
import datetime as dt
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

Fetch = Callable[[str], "tuple[bytes, str] | None"]
"""url -> (bytes, media type), or None when the resource cannot be had."""

_DROP_ELEMENTS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "noscript", "template",
                            "applet", "portal"})
"""Elements dropped with their content: they run code or load other documents."""
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
                   "param"})
_FETCHING_ATTRS = frozenset({"src", "srcset", "imagesrcset", "poster", "data", "background", "action", "formaction",
                             "ping", "lowsrc", "longdesc", "manifest", "codebase", "archive", "xlink:href"})
_LAZY_SRC = ("data-original", "data-src", "data-lazy-src", "data-url", "original")
"""Where lazy-loading scripts keep the real image address (the scripts themselves are dropped)."""
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""", re.I)
_CSS_IMPORT = re.compile(r"""@import\s+[^;]+;?""", re.I)
_IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml", "image/bmp", "image/x-icon",
                "image/vnd.microsoft.icon", "image/avif")
_EMPTY = "data:,"


@dataclass
class Capture:
    html: str
    images: int = 0
    """Images inlined."""
    missing: list[str] = field(default_factory=list)
    """Addresses of images and style sheets that could not be fetched or did not fit."""


def single_file_html(text: str, page_url: str, captured: dt.datetime, fetch: Fetch, budget: int) -> Capture:
    """The page `text` (fetched from `page_url`) as one file; `budget` bytes for its images
    and style sheets together (what does not fit is left out and counted)."""
    rewriter = _Rewriter(page_url, fetch, budget)
    rewriter.feed(text)
    rewriter.close()
    return Capture(rewriter.result(captured), rewriter.images, rewriter.missing)


class _Rewriter(HTMLParser):
    def __init__(self, page_url: str, fetch: Fetch, budget: int) -> None:
        super().__init__(convert_charrefs=True)
        self.base = page_url
        self.page_url = page_url
        self.fetch = fetch
        self.budget = budget
        self.out: list[str] = []
        self.skip = 0
        """Depth inside dropped elements."""
        self.in_style = False
        self.head_at: int | None = None
        self.body_at: int | None = None
        self.images = 0
        self.missing: list[str] = []
        self._seen: dict[str, str] = {}

    # --- parser events --------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_ELEMENTS:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag == "style":
            self.in_style = False
        if tag not in _VOID:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        self.out.append(self._css(data, self.base) if self.in_style else escape(data, quote=False))

    def handle_decl(self, decl: str) -> None:
        if decl.lower().startswith("doctype"):
            self.out.append(f"<!{decl}>")

    # comments, processing instructions: dropped (conditional comments load style sheets)

    # --- elements ----------------------------------------------------------

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if tag in _DROP_ELEMENTS:
            if not closed and tag not in _VOID:
                self.skip += 1
            return
        if self.skip:
            return
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "base":
            if a.get("href"):
                self.base = urljoin(self.page_url, a["href"].strip())
            return
        if tag == "meta" and ("charset" in a or a.get("http-equiv", "").lower() in ("content-type", "refresh",
                                                                                    "content-security-policy")):
            return
        if tag == "link":
            rel = set(a.get("rel", "").lower().split())
            if "stylesheet" in rel and a.get("href"):
                css = self._inline_text(urljoin(self.base, a["href"].strip()))
                if css is not None:
                    media = f' media="{escape(a["media"])}"' if a.get("media") else ""
                    self.out.append(f"<style{media}>{css}</style>")
            return  # icons, preloads, prefetches, manifests: nothing a reader needs
        kept: list[tuple[str, str]] = []
        lazy = next((a[k] for k in _LAZY_SRC if a.get(k, "").strip()), "")
        for name, value in attrs:
            name = name.lower()
            value = value or ""
            if name.startswith("on") or name in ("integrity", "nonce", "crossorigin"):
                continue
            if name == "style":
                kept.append((name, self._css(value, self.base)))
            elif name == "href" and tag in ("a", "area"):
                kept.append((name, self._absolute(value)))
            elif name == "src" and tag == "img":
                continue  # set below, from src or the lazy-loading attribute
            elif name in _FETCHING_ATTRS or name in _LAZY_SRC or (name == "href" and tag not in ("a", "area")):
                continue
            else:
                kept.append((name, value))
        if tag == "img":
            inlined = self._inline_image(lazy or a.get("src", ""))  # a lazy-loaded page's src is a placeholder
            if inlined:
                kept.insert(0, ("src", inlined))
        if tag == "form":
            kept = [(k, v) for k, v in kept if k != "method"]
        attributes = "".join(f' {k}="{escape(v, quote=True)}"' for k, v in kept)
        self.out.append(f"<{tag}{attributes}{' /' if closed and tag in _VOID else ''}>")
        if tag == "head" and self.head_at is None:
            self.head_at = len(self.out)
        if tag == "body" and self.body_at is None:
            self.body_at = len(self.out)
        if tag == "style" and not closed:
            self.in_style = True

    # --- resources ---------------------------------------------------------

    def _absolute(self, href: str) -> str:
        href = href.strip()
        if not href or href.startswith("#") or re.match(r"(?i)(javascript|data|vbscript):", href):
            return "#" if href.lower().startswith(("javascript", "vbscript")) else href
        return urljoin(self.base, href)

    def _get(self, url: str) -> tuple[bytes, str] | None:
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            return None
        got = self.fetch(url)
        if got is None:
            return None
        data, kind = got
        if len(data) > self.budget:
            return None
        self.budget -= len(data)
        return data, kind

    def _inline_image(self, src: str) -> str:
        src = src.strip()
        if not src:
            return ""
        if src.startswith("data:image/"):
            return src
        url = urljoin(self.base, src)
        if url in self._seen:
            return self._seen[url]
        got = self._get(url)
        kind = _image_type(got) if got else ""
        if not kind:
            self.missing.append(url)
            self._seen[url] = ""
            return ""
        self.images += 1
        self._seen[url] = f"data:{kind};base64," + base64.b64encode(got[0]).decode("ascii")
        return self._seen[url]

    def _inline_text(self, url: str) -> str | None:
        got = self._get(url)
        if got is None:
            self.missing.append(url)
            return None
        text = got[0].decode("utf-8", errors="replace")
        return self._css(text, url).replace("</", "<\\/")

    def _css(self, css: str, base: str) -> str:
        """A style sheet with its images inlined and every other reference (fonts, imports) emptied."""
        css = _CSS_IMPORT.sub("", css)

        def one(m: re.Match) -> str:
            target = next((g for g in m.groups() if g is not None), "").strip()
            if not target or target.startswith("#"):
                return m.group(0)
            if target.startswith("data:"):
                return m.group(0)
            inlined = self._inline_image(urljoin(base, target)) if _looks_like_image(target) else ""
            return f'url("{inlined or _EMPTY}")'
        return _CSS_URL.sub(one, css)

    # --- result ------------------------------------------------------------

    def result(self, captured: dt.datetime) -> str:
        head = ('<meta charset="utf-8">'
                f'<meta name="evidence-snapshot-source" content="{escape(self.page_url, quote=True)}">'
                f'<meta name="evidence-snapshot-captured" content="{captured.isoformat()}">')
        shown = captured.strftime("%Y-%m-%d %H:%M:%S") + _offset_words(captured)
        missing = f";{len(self.missing)} 个图片或样式文件未能保存" if self.missing else ""
        banner = ('<div style="all:initial;display:block;font:14px/1.6 sans-serif;color:#222;background:#fff8e1;'
                  'border-bottom:1px solid #e0c070;padding:6px 12px">'
                  f'<strong>网页快照</strong>:原网址 <a href="{escape(self.page_url, quote=True)}">{escape(self.page_url)}</a>,'
                  f"抓取时间 {escape(shown)}{escape(missing)}。本页为当时网页的副本,脚本和外部资源已去除。</div>")
        out = list(self.out)
        if self.body_at is not None:
            at = self.body_at
        else:
            at = next((i + 1 for i, piece in enumerate(out) if piece == "</head>"), 0)
        out.insert(at, banner)
        if self.head_at is not None and self.head_at <= at:
            out.insert(self.head_at, head)
        else:
            out.insert(1 if out and out[0].startswith("<!") else 0, f"<head>{head}</head>")
        return "".join(out)


def _offset_words(when: dt.datetime) -> str:
    offset = when.utcoffset()
    if offset is None:
        return ""
    if offset == dt.timedelta(hours=8):
        return "(北京时间)"
    minutes = int(offset.total_seconds() // 60)
    return f"(UTC{'+' if minutes >= 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d})"


def _looks_like_image(target: str) -> bool:
    return not re.search(r"(?i)\.(woff2?|ttf|otf|eot|css)(\?|#|$)", target)


def _image_type(got: tuple[bytes, str]) -> str:
    data, kind = got
    if kind in _IMAGE_TYPES:
        return kind
    for magic, sniffed in ((b"\x89PNG", "image/png"), (b"\xff\xd8\xff", "image/jpeg"), (b"GIF8", "image/gif"),
                           (b"RIFF", "image/webp")):
        if data.startswith(magic):
            return sniffed
    return ""


# ---------------------------------------------------------------------------
# Printing to PDF
# ---------------------------------------------------------------------------

BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--host-resolver-rules=MAP * ~NOTFOUND"]
"""As tests/browser_support.py launches chromium, and with every host unresolvable: the
page printed is the self-contained file, so nothing may be fetched."""

_WINDOWS_BROWSERS = (r"C:\Program Files\Google\Chrome\Application\chrome.exe",
                     r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
                     r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
                     r"C:\Program Files\Microsoft\Edge\Application\msedge.exe")


def chromium_path() -> str | None:
    """$CHROMIUM if set (an empty value: none), else Debian's chromium, else Chrome or Edge on Windows."""
    if "CHROMIUM" in os.environ:
        chosen = os.environ["CHROMIUM"]
        return chosen if chosen and Path(chosen).is_file() else None
    for name in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser"),
                 shutil.which("google-chrome"), *_WINDOWS_BROWSERS):
        if name and Path(name).is_file():
            return name
    return None


def printing_available() -> bool:
    if chromium_path() is None:
        return False
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


class Printer:
    """One headless chromium for a run; `pdf(html)` prints a self-contained page to A4."""

    def __init__(self, timeout_s: float = 60) -> None:
        self.timeout_ms = timeout_s * 1000
        self._playwright = None
        self._browser = None

    def __enter__(self) -> Printer:
        from playwright.sync_api import sync_playwright
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(executable_path=chromium_path(), args=BROWSER_ARGS)
        except Exception:
            self._playwright.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self._browser:
                self._browser.close()
        finally:
            self._playwright.stop()

    def pdf(self, html: str) -> bytes:
        context = self._browser.new_context(java_script_enabled=False, offline=True)
        try:
            page = context.new_page()
            page.route("**/*", lambda route: route.abort())
            page.set_content(html, wait_until="load", timeout=self.timeout_ms)
            return page.pdf(format="A4", print_background=True,
                            margin={"top": "12mm", "bottom": "12mm", "left": "10mm", "right": "10mm"})
        finally:
            context.close()
