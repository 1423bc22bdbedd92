"""Values staff type that the rest of the system cannot take as they are: control
characters in text, and web addresses no browser can open.

Control characters (a bell, a NUL, an escape pasted from a terminal or a Word field) are
invisible, break XML and spreadsheet exports (openpyxl refuses them) and in a path end
the operating system's string. The loader reports each one with its file, field and
line, and keeps the text without it, so a draft build and its exports still go on.
"""

from __future__ import annotations

import os
import re
import stat
from urllib.parse import urlsplit
from evidencesite.catalogue.reading import say

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""C0 and C1 control characters and DEL; tab and line breaks are text."""


def first_control(value: str) -> str | None:
    """"U+0007" for the first control character in value, or None."""
    m = CONTROL.search(value)
    return f"U+{ord(m.group()):04X}" if m else None


def without_control(value: str) -> str:
    return CONTROL.sub("", value)


def first_control_line(text: str, first_line: int = 1) -> tuple[int, str] | None:
    """(line, "U+0007") of the first control character in a multi-line text, or None."""
    m = CONTROL.search(text)
    return (first_line + text.count("\n", 0, m.start()), f"U+{ord(m.group()):04X}") if m else None


def web_url_problem(url: str) -> tuple[str, str] | None:
    """None for an http(s) URL a browser opens; else (code, reason): url-scheme for another
    scheme or none, url-invalid (with the reason in Chinese) for one that cannot be read."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            return "url-scheme", ""
        parts.port  # noqa: B018 - reading it checks it (a port that is no number raises)
        host = parts.hostname
    except ValueError as exc:
        reason = say("textsafety.unpaired-bracket") if "IPv6" in str(exc) else say("textsafety.bad-port")
        return "url-invalid", reason
    if not host:
        return "url-invalid", say("textsafety.no-host")
    return None


def is_special(path: str | os.PathLike) -> bool:
    """A path that exists and is neither a regular file nor a folder (FIFO, socket, device):
    opening one can block forever."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))
