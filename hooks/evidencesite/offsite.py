"""Find what a built site would fetch from another host: the static half of the rule
"no request leaves the site's origin" (the browser tests are the other half).

A reference is a URL the browser loads by itself: a script, stylesheet, image, font,
frame, preconnect … in HTML; url() and @import in CSS; a URL string literal in
JavaScript. Links a person clicks (<a href>, news-link evidence) are not references.

Material's JavaScript bundle carries a few CDN URLs it only fetches in situations this
site never creates. Each is accepted only while its condition is checked true on the
built pages (INERT_SCRIPT_URLS); otherwise it is reported like any other reference.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from evidencesite.webassets import HEAD_SCRIPT


@dataclass(frozen=True)
class Reference:
    path: str
    """The file (relative to the site folder, with forward slashes) that holds it."""
    url: str


# ---------------------------------------------------------------------------
# Material's conditional CDN URLs
# ---------------------------------------------------------------------------

PageCheck = Callable[[list[str]], bool]


def _no_page_contains(marker: str) -> PageCheck:
    return lambda pages: not any(marker in html for html in pages)


def _every_page_contains(marker: str) -> PageCheck:
    return lambda pages: all(marker in html for html in pages)


INERT_SCRIPT_URLS: dict[str, tuple[str, PageCheck]] = {
    "https://unpkg.com/mermaid@": (
        "fetched only on a page with a Mermaid diagram; this site draws charts at build time",
        _no_page_contains('class="mermaid"')),
    "https://unpkg.com/resize-observer-polyfill": (
        "fetched only where no ResizeObserver exists; head.js loads the local copy first on every page",
        _every_page_contains(HEAD_SCRIPT.rsplit("/", 1)[-1])),
    "https://api.github.com/": (
        "fetched only when mkdocs.yml sets repo_url (the repository widget)",
        _no_page_contains('data-md-component="source"')),
}


# ---------------------------------------------------------------------------
# Scanning
# ---------------------------------------------------------------------------

_DATA_FILES = {"search_index.js"}  # the offline plugin's copy of the search index: page text, not code
_FETCHING_RELS = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload",
                  "icon", "shortcut", "apple-touch-icon", "manifest", "mask-icon", "prerender"}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.I)
_JS_URL = re.compile(r"""["'`](https?://[A-Za-z0-9.-]+[^"'`\s]*)""")


def is_offsite(url: str, own_hosts: Iterable[str] = ()) -> bool:
    """An absolute http(s) or protocol-relative URL to a host other than the site's own."""
    url = url.strip()
    if not re.match(r"(?i)(https?:)?//", url):
        return False
    host = (urlsplit(url if ":" in url.split("/")[0] else "http:" + url).hostname or "").lower()
    return host not in {h.lower() for h in own_hosts}


def css_urls(text: str) -> Iterator[str]:
    for m in _CSS_URL.finditer(text):
        yield m.group(2) if m.group(2) is not None else m.group(4)


class _Resources(HTMLParser):
    """Collects the URLs an HTML page makes the browser fetch."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        for name in ("src", "poster", "data", "background"):
            if name in a and tag != "a":
                self.urls.append(a[name])
        for name in ("srcset", "imagesrcset"):
            if name in a:
                self.urls += [part.strip().split(" ")[0] for part in a[name].split(",") if part.strip()]
        if tag == "link" and _FETCHING_RELS & set(a.get("rel", "").lower().split()):
            self.urls.append(a.get("href", ""))
        if tag == "form" and "action" in a:
            self.urls.append(a["action"])
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            self.urls.append(a.get("content", "").partition("url=")[2])
        if "style" in a:
            self.urls += list(css_urls(a["style"]))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls += list(css_urls(data))


def html_urls(text: str) -> list[str]:
    parser = _Resources()
    parser.feed(text)
    parser.close()
    return parser.urls


def scan_site(site_dir: Path, own_hosts: Iterable[str] = ()) -> list[Reference]:
    """Every reference to another host in the site's HTML, CSS and JavaScript."""
    own = list(own_hosts)
    found: list[Reference] = []
    pages: list[str] = []
    for path in sorted(site_dir.rglob("*")):
        suffix = path.suffix.lower()
        if suffix not in (".html", ".htm", ".css", ".js", ".mjs") or not path.is_file() or path.name in _DATA_FILES:
            continue
        rel = path.relative_to(site_dir).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        if suffix in (".html", ".htm"):
            pages.append(text)
            urls = html_urls(text)
        elif suffix == ".css":
            urls = list(css_urls(text))
        else:
            urls = [m.group(1) for m in _JS_URL.finditer(text)]
        found += [Reference(rel, u.strip()) for u in urls if is_offsite(u, own)]
    return [r for r in found if not _inert(r, pages)]


def _inert(ref: Reference, pages: list[str]) -> bool:
    if not ref.path.endswith((".js", ".mjs")):
        return False
    for prefix, (_reason, holds) in INERT_SCRIPT_URLS.items():
        if ref.url.startswith(prefix):
            return holds(pages)
    return False
