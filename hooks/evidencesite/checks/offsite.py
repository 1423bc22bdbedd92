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

import bisect
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

from evidencesite.model import served_evidence
from evidencesite.presentation.webassets import HEAD_SCRIPT


SCANNER_VERSION = 2
"""Bump when what `html_urls` finds changes, so remembered results are not reused."""


@dataclass(frozen=True)
class Reference:
    path: str
    """The file (relative to the site folder, with forward slashes) that holds it."""
    url: str


# ---------------------------------------------------------------------------
# Material's conditional CDN URLs
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class PageCheck:
    """A condition on the site's HTML pages, counted page by page (no page kept in memory)."""

    marker: str
    every: bool
    """True: every page must contain the marker; False: no page may."""

    def holds(self, pages: int, containing: int) -> bool:
        return containing == pages if self.every else containing == 0


INERT_SCRIPT_URLS: dict[str, tuple[str, PageCheck]] = {
    "https://unpkg.com/mermaid@": (
        "fetched only on a page with a Mermaid diagram; this site draws charts at build time",
        PageCheck('class="mermaid"', every=False)),
    "https://unpkg.com/resize-observer-polyfill": (
        "fetched only where no ResizeObserver exists; head.js loads the local copy first on every page",
        PageCheck(HEAD_SCRIPT.rsplit("/", 1)[-1], every=True)),
    "https://api.github.com/": (
        "fetched only when mkdocs.yml sets repo_url (the repository widget)",
        PageCheck('data-md-component="source"', every=False)),
}


# ---------------------------------------------------------------------------
# Scanning
# ---------------------------------------------------------------------------

_DATA_FILES = {"search_index.js"}  # the offline plugin's copy of the search index: page text, not code
_FETCHING_RELS = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload",
                  "icon", "shortcut", "apple-touch-icon", "manifest", "mask-icon", "prerender"}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.I)
# SVG elements that fetch their href (an <a> is clicked, not fetched).
_SVG_FETCHING = frozenset({"image", "use", "feimage", "script", "pattern", "filter", "lineargradient", "radialgradient",
                           "textpath", "tref", "mpath", "cursor", "font-face-uri"})
_JS_URL = re.compile(r"""["'`](https?://[A-Za-z0-9.-]+[^"'`\s]*)""")


_SPECIAL_SCHEMES = frozenset({"http", "https", "ws", "wss", "ftp"})
_C0_AND_SPACE = "".join(chr(i) for i in range(0x21))
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def browser_host(url: str) -> str | None:
    """The host a browser contacts for `url` on one of this site's pages, by the URL
    Standard's rules, or None when the URL stays on the site or reaches no network.

    What a browser forgives, this forgives too: spaces and control characters around
    the URL, tabs and line breaks inside it, backslashes for slashes (`https:/\\host`,
    `\\\\host`), any number of slashes, no slashes at all (`https:host` leaves a page
    opened from file:// or over plain http), user names before the host."""
    url = re.sub(r"[\t\n\r]", "", url.strip(_C0_AND_SPACE))
    scheme = _SCHEME.match(url)
    if scheme:
        if scheme.group(1).lower() not in _SPECIAL_SCHEMES:
            return None  # data:, javascript:, mailto:, tel:, file: … fetch from no other host
        rest = url[scheme.end():]
    elif re.match(r"[/\\]{2}", url):
        rest = url
    else:
        return None  # relative: the site's own
    authority = re.split(r"[/\\?#]", rest.lstrip("/\\"), maxsplit=1)[0].rpartition("@")[2]
    if authority.startswith("["):
        host = authority[:authority.find("]") + 1] if "]" in authority else authority
    else:
        host = authority.split(":", 1)[0]
    host = unquote(host).lower().rstrip(".")
    return host or None


def is_offsite(url: str, own_hosts: Iterable[str] = ()) -> bool:
    """A URL that makes the browser contact a host other than the site's own."""
    host = browser_host(url)
    return host is not None and host not in {h.lower().rstrip(".") for h in own_hosts}


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
        if tag in _SVG_FETCHING or (tag != "a" and "xlink:href" in a):
            self.urls += [a[name] for name in ("href", "xlink:href") if name in a]
        if tag == "base" and "href" in a:
            self.urls.append(a["href"])  # every relative URL of the page then points there
        for name in ("srcset", "imagesrcset"):
            if name in a:
                self.urls += [part.strip().split(" ")[0] for part in a[name].split(",") if part.strip()]
        if tag == "link" and _FETCHING_RELS & set(a.get("rel", "").lower().split()):
            self.urls.append(a.get("href", ""))
        if tag == "form" and "action" in a:
            self.urls.append(a["action"])
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            content = a.get("content", "")
            self.urls.append(content[content.lower().find("url=") + 4:] if "url=" in content.lower() else "")
        if "style" in a:
            self.urls += list(css_urls(a["style"]))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls += list(css_urls(data))


def parsed_html_urls(text: str) -> list[str]:
    """The URLs an HTML page makes the browser fetch, by parsing all of it (the reference
    that `html_urls` must agree with)."""
    parser = _Resources()
    parser.feed(text)
    parser.close()
    return parser.urls


# Comments, scripts and style sheets: their text is not tags.
_RAW = re.compile(r"""<(?:!--.*?-->|(?P<name>script|style)\b(?:[^>"']++|"[^"]*+"|'[^']*+')*+>.*?</(?P=name)\s*>)""",
                  re.S | re.I)
_TAG = re.compile(r"""<[a-zA-Z](?:[^>"']++|"[^"]*+"|'[^']*+')*+>""")
# The attributes _Resources reads a URL from; a tag with none of them fetches nothing.
_FETCHING = re.compile(r"""[\s"'](?:src|poster|data|background|srcset|imagesrcset|(?:xlink:)?href|action|content|style)\s*=""", re.I)
# What could start a URL to another host: two slashes in any spelling a browser reads as
# two, a character reference (which could spell them), or a network scheme's colon.
# The lookahead names every character a needle can start with, so the scan skips the rest of
# a page without trying each alternative at each position: a third of the time.
_NEEDLE = re.compile(r"(?=[/\\&hHwWfF])(?:[/\\][\t\n\r]*[/\\]|&|(?i:https?|wss?|ftp):)")
# An attribute value holding < or >: "the last < before here starts the tag" no longer holds.
_UNUSUAL = re.compile(r"""=\s*+(?:"[^"<>]*+[<>]|'[^'<>]*+[<>]|[^\s"'=<>`]*+<)""")


def html_urls(text: str) -> list[str]:
    """The URLs an HTML page makes the browser fetch that could lead to another host.

    Only a tag holding two slashes (in a spelling a browser reads as two), a network
    scheme's colon or a character reference (which could spell either) can name another
    host, and a page has a handful among its thousand tags; so instead of parsing the
    page, each of those is traced back to the tag around it and only
    those tags (and any script or style element holding one) are parsed. A page where
    that tracing cannot be trusted (an attribute value holding < or >, a tag that does
    not close) is parsed whole. Same answer as `parsed_html_urls` for every URL that
    can name another host, in a few per cent of its time."""
    if not _NEEDLE.search(text):
        return []
    if _UNUSUAL.search(text):
        return parsed_html_urls(text)
    raw = [(m.start(), m.end()) for m in _RAW.finditer(text)]
    starts = [start for start, _ in raw]
    chosen: dict[int, str] = {}
    for start, end in raw:
        element = text[start:end]
        if not element.startswith("<!--") and _NEEDLE.search(element):
            chosen[start] = element
    for needle in _NEEDLE.finditer(text):
        at = needle.start()
        inside = bisect.bisect_right(starts, at) - 1
        if inside < 0 or at >= raw[inside][1]:  # not in a comment, script or style sheet
            tag = text.rfind("<", 0, at)
            if tag >= 0 and tag not in chosen and text[tag + 1:tag + 2].isascii() and text[tag + 1:tag + 2].isalpha():
                m = _TAG.match(text, tag)
                if m is None or (0 <= (i := bisect.bisect_right(starts, tag) - 1) and tag < raw[i][1]):
                    return parsed_html_urls(text)
                if m.end() > at and _FETCHING.search(m.group()):
                    chosen[tag] = m.group()
    return parsed_html_urls("".join(chosen[k] for k in sorted(chosen))) if chosen else []


def scan_site(site_dir: Path, own_hosts: Iterable[str] = (), memo: dict[str, list[str]] | None = None) -> list[Reference]:
    """Every reference to another host in the site's HTML, CSS and JavaScript.

    `memo` maps the SHA-256 of a page's bytes to what `html_urls` found in it: pages
    that did not change since the last build are not scanned again. On return it holds
    the entries of this site's pages only."""
    own = list(own_hosts)
    found: list[Reference] = []
    pages = 0
    containing = dict.fromkeys((check.marker for _, check in INERT_SCRIPT_URLS.values()), 0)
    known, seen = memo if memo is not None else {}, {}
    for path in sorted(site_dir.rglob("*")):
        suffix = path.suffix.lower()
        if suffix not in (".html", ".htm", ".css", ".js", ".mjs") or not path.is_file() or path.name in _DATA_FILES:
            continue
        rel = path.relative_to(site_dir).as_posix()
        data = path.read_bytes()
        if suffix in (".html", ".htm"):
            if served_evidence(rel) is None:  # an evidence file (a news-page snapshot) loads no Material script
                pages += 1
                for marker in containing:
                    containing[marker] += marker.encode("utf-8") in data
            digest = hashlib.sha256(data).hexdigest()
            urls = known.get(digest)
            if urls is None:
                urls = html_urls(data.decode("utf-8", errors="replace"))
            seen[digest] = urls
        elif suffix == ".css":
            urls = list(css_urls(data.decode("utf-8", errors="replace")))
        else:
            urls = [m.group(1) for m in _JS_URL.finditer(data.decode("utf-8", errors="replace"))]
        found += [Reference(rel, u.strip()) for u in urls if is_offsite(u, own)]
    if memo is not None:
        memo.clear()
        memo.update(seen)
    return [r for r in found if not _inert(r, pages, containing)]


def _inert(ref: Reference, pages: int, containing: dict[str, int]) -> bool:
    if not ref.path.endswith((".js", ".mjs")):
        return False
    for prefix, (_reason, check) in INERT_SCRIPT_URLS.items():
        if ref.url.startswith(prefix):
            return check.holds(pages, containing[check.marker])
    return False
