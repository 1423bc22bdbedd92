"""QR codes for on-site verification: each indicator's stable address, drawn with segno.

An indicator lives at `<site_url>indicators/<ID>/` whatever group it moves to (the
page contract), so a code printed on a binder keeps working. The page shows the code
as an SVG data URI (no request to any host, works from file:// too); the label sheet
(`labels.py`) draws the same matrix as vector squares.
"""

from __future__ import annotations

import functools
from html import escape

import segno

ERROR_LEVEL = "m"
"""Medium error correction: still reads with a crease or a smudge on a printed label."""
QUIET_ZONE = 4
"""Modules of white border the QR standard asks for."""


def is_public_address(site_url: str | None) -> bool:
    """Whether `site_url` is an address a printed code can lead anyone to: http(s) on a
    named or routable host, not the preview's 127.0.0.1 / localhost (`mkdocs serve` sets
    site_url to its own address) nor a private network address."""
    import ipaddress
    from urllib.parse import urlsplit

    parts = urlsplit(site_url or "")
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host or host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return "." in host  # a bare machine name is not a public address
    return address.is_global


def indicator_url(site_url: str, indicator_id: str) -> str:
    """The indicator page's address on the published site (directory URL, as the contract fixes)."""
    return site_url.rstrip("/") + f"/indicators/{indicator_id}/"


def make(url: str) -> segno.QRCode:
    return segno.make(url, error=ERROR_LEVEL, micro=False)


_SCALE = 4


@functools.lru_cache(maxsize=8192)
def _drawn(url: str) -> tuple[str, int]:
    """The data URI and its size in pixels. Drawing takes segno about 6 ms; a page's code
    depends on its address alone, so `mkdocs serve` draws each one once per session
    (the cache holds values computed from the key only: it cannot go stale)."""
    code = make(url)
    size, _ = code.symbol_size(scale=_SCALE, border=QUIET_ZONE)
    return code.svg_data_uri(scale=_SCALE, border=QUIET_ZONE, dark="#000", light="#fff"), size


def figure(url: str, indicator_id: str) -> str:
    """The block shown on an indicator page: the code, and what it is for."""
    uri, size = _drawn(url)
    src = escape(uri, quote=True)
    return (f'<figure class="es-qr" data-search-exclude><img class="es-qr__code" src="{src}" width="{size}" height="{size}" '
            f'alt="{escape(indicator_id)} 本页网址的二维码:{escape(url)}">'
            f"<figcaption>扫码核验本页<br><small>{escape(url)}</small></figcaption></figure>")
