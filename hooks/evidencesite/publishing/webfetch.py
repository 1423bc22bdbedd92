"""Fetching a news link as the snapshot tool needs it: every redirect seen (not followed
blindly), a deadline for the whole answer (not only per read), a size cap, and the
page's text decoded whatever its charset. Failures are `LinkProblem`s carrying a
message code from the catalogue, never a traceback.

Plain urllib: one GET per address, no cookies, no scripts run. Proxies configured in the
environment (http_proxy, https_proxy, no_proxy) are honoured, as an office network may need.
"""

from __future__ import annotations

import email.message
import http.client
import re
import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from evidencesite.catalogue.publishing import say

USER_AGENT = "Mozilla/5.0 (evidence-site snapshot_links.py)"
MAX_REDIRECTS = 5
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})

STATUS_WORDS = {
    400: say("webfetch.status-400"), 401: say("webfetch.status-401"), 403: say("webfetch.status-403"), 404: say("webfetch.status-404"),
    410: say("webfetch.status-410"), 429: say("webfetch.status-429"), 500: say("webfetch.status-500"), 502: say("webfetch.status-502"),
    503: say("webfetch.status-503"), 504: say("webfetch.status-504"),
}
REDIRECT_WORDS = {301: say("webfetch.redirect-301"), 302: say("webfetch.redirect-302"), 303: say("webfetch.redirect-other"),
                  307: say("webfetch.redirect-302"), 308: say("webfetch.redirect-301")}


@dataclass
class Answer:
    """What a server answered for one address, after any redirects."""

    url: str
    """The address asked for."""
    final_url: str
    status: int
    hops: list[tuple[int, str]] = field(default_factory=list)
    """(status, target) of every redirect on the way, in order."""
    content_type: str = ""
    """The media type, lower-cased, without parameters ('' when the server named none)."""
    charset: str = ""
    body: bytes = b""

    @property
    def moved(self) -> bool:
        return bool(self.hops)

    def looks_like_html(self) -> bool:
        if self.content_type:
            return self.content_type in HTML_TYPES
        head = self.body[:512].lstrip().lower()
        return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title"))


class LinkProblem(Exception):
    """A link that could not be fetched; `code` is a catalogue code, `params` its fields."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def status_words(status: int) -> str:
    words = STATUS_WORDS.get(status) or REDIRECT_WORDS.get(status)
    return f"{status}({words})" if words else str(status)


def hops_words(hops: list[tuple[int, str]]) -> str:
    """'301 永久跳转' or '经过 2 次跳转:301 永久跳转、302 临时跳转'."""
    parts = [f"{status} {REDIRECT_WORDS.get(status, say('webfetch.redirect-other'))}" for status, _ in hops]
    return parts[0] if len(parts) == 1 else say("webfetch.redirects-count", part_count=len(parts)) + "、".join(parts)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001 - urllib's signature
        return None  # every hop is followed by `fetch`, which records it


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, *, timeout: float, max_bytes: int, follow: bool = True, read: bool = True) -> Answer:
    """GET `url`, following up to MAX_REDIRECTS redirects (when `follow`), within `timeout`
    seconds in all. An answer with an error status is returned, not raised; a body over
    `max_bytes` raises link-too-large; `read=False` asks for the status only."""
    deadline = time.monotonic() + timeout
    hops: list[tuple[int, str]] = []
    current = url
    while True:
        status, headers, response = _open(current, deadline, timeout, url)
        location = headers.get("Location") if 300 <= status < 400 else None
        if location and follow and len(hops) < MAX_REDIRECTS:
            hops.append((status, urljoin(current, location.strip())))
            response.close()
            current = hops[-1][1]
            if urlsplit(current).scheme.lower() not in ("http", "https"):
                raise LinkProblem("link-unreachable", url=url,
                                  reason=say("webfetch.redirect-not-http", current=current))
            continue
        if location and follow:
            response.close()
            raise LinkProblem("link-unreachable", url=url,
                              reason=say("webfetch.too-many-redirects", max_redirects=MAX_REDIRECTS))
        if location:
            hops.append((status, urljoin(current, location.strip())))
        content_type, charset = _media_type(headers)
        body = _read(response, deadline, timeout, max_bytes, url, headers) if status < 300 and read else b""
        response.close()
        return Answer(url, current, status, hops, content_type, charset, body)


def fetch_resource(url: str, *, timeout: float, max_bytes: int) -> tuple[bytes, str] | None:
    """An image or style sheet of a page: (bytes, media type), or None when it cannot be had."""
    try:
        answer = fetch(url, timeout=timeout, max_bytes=max_bytes)
    except LinkProblem:
        return None
    return (answer.body, answer.content_type) if answer.status == 200 and answer.body else None


def _open(url: str, deadline: float, timeout: float, asked: str):
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.8",
                                                   "Accept-Language": "zh-CN,zh;q=0.9"})
    try:
        response = _OPENER.open(request, timeout=_left(deadline, timeout, asked))
        return response.status, response.headers, response
    except urllib.error.HTTPError as exc:  # 3xx not followed by urllib, 4xx and 5xx: answers, not failures
        return exc.code, exc.headers or email.message.Message(), exc
    except urllib.error.URLError as exc:
        raise _network_problem(exc.reason, asked, timeout) from None
    except (OSError, ValueError, http.client.HTTPException) as exc:
        raise _network_problem(exc, asked, timeout) from None


def _network_problem(reason: object, url: str, timeout: float) -> LinkProblem:
    if isinstance(reason, (socket.timeout, TimeoutError)) or "timed out" in str(reason):
        return LinkProblem("link-timeout", url=url, limit=_seconds(timeout))
    if isinstance(reason, socket.gaierror):
        return LinkProblem("link-unreachable", url=url, reason=say("webfetch.host-unknown"))
    if isinstance(reason, ConnectionRefusedError):
        return LinkProblem("link-unreachable", url=url, reason=say("webfetch.refused"))
    if isinstance(reason, ssl.SSLError):
        return LinkProblem("link-unreachable", url=url, reason=say("webfetch.certificate"))
    if isinstance(reason, ConnectionError):
        return LinkProblem("link-unreachable", url=url, reason=say("webfetch.connection-reset"))
    return LinkProblem("link-unreachable", url=url, reason=say("webfetch.network-error", error=type(reason).__name__))


def _left(deadline: float, timeout: float, url: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise LinkProblem("link-timeout", url=url, limit=_seconds(timeout))
    return left


def _seconds(value: float) -> str:
    return f"{value:g}"


def _read(response, deadline: float, timeout: float, max_bytes: int, url: str, headers) -> bytes:
    length = headers.get("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        response.close()
        raise LinkProblem("link-too-large", url=url, limit=_megabytes(max_bytes))
    chunks: list[bytes] = []
    total = 0
    try:
        while True:
            sock = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)
            if sock is not None:
                sock.settimeout(_left(deadline, timeout, url))
            chunk = response.read1(65536) if hasattr(response, "read1") else response.read(65536)
            if not chunk:
                break
            total += len(chunk)
            if total > max_bytes:
                raise LinkProblem("link-too-large", url=url, limit=_megabytes(max_bytes))
            chunks.append(chunk)
            _left(deadline, timeout, url)
    except LinkProblem:
        response.close()
        raise
    except (OSError, http.client.HTTPException) as exc:
        response.close()
        raise _network_problem(exc, url, timeout) from None
    response.close()
    return b"".join(chunks)


def _megabytes(size: int) -> str:
    return f"{size / 1024 ** 2:g} MB"


def _media_type(headers) -> tuple[str, str]:
    raw = headers.get("Content-Type", "") or ""
    kind, _, params = raw.partition(";")
    m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", params, re.I)
    return kind.strip().lower(), (m.group(1).lower() if m else "")


# ---------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "cp936": "gb18030"}
"""GB 18030 is a superset of GBK and GB 2312, which pages often declare while using characters beyond them."""


def decode_page(answer: Answer) -> str:
    """The page's text: the charset the server names, else the one the page declares, else
    UTF-8 when it decodes, else GB 18030 (the usual encoding of older Chinese sites)."""
    body = answer.body
    declared = answer.charset or _meta_charset(body)
    for name in ([declared] if declared else []) + ["utf-8"]:
        try:
            return body.decode(_ALIASES.get(name, name))
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("gb18030", errors="replace")


def _meta_charset(body: bytes) -> str:
    m = _META_CHARSET.search(body[:4096])
    return m.group(1).decode("ascii", "replace").lower() if m else ""


def kind_words(content_type: str) -> str:
    """What a non-HTML answer is, as staff would say it."""
    if content_type == "application/pdf":
        return say("webfetch.kind-pdf")
    if content_type.startswith("image/"):
        return say("webfetch.kind-image")
    if content_type.startswith(("video/", "audio/")):
        return say("webfetch.kind-media")
    if "word" in content_type or "officedocument" in content_type or "excel" in content_type:
        return say("webfetch.kind-office")
    if content_type in ("application/zip", "application/x-rar-compressed", "application/octet-stream"):
        return say("webfetch.kind-download")
    return say("webfetch.kind-other", content_type=content_type or say("webfetch.kind-unknown"))
