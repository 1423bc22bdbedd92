"""File and folder names that Windows can create, copy and unzip.

The declaration package is unzipped on office PCs, often into a deep folder such as
C:\\Users\\<name>\\Desktop\\<zip name>\\, and Windows Explorer fails on paths over
260 characters, on the characters < > : " / \\ | ? * and control characters, on the
device names CON, PRN, AUX, NUL, COM1–9 and LPT1–9 (with any extension), and on names
ending in a dot or a space. Names here are cut by characters, keeping the extension,
and a cut name ends in "…" so a reader sees it was shortened.
"""

from __future__ import annotations

import re
import unicodedata

FOLDER_MAX_CHARS = 40
"""A folder `ID 标题`: the ID and the start of the title (IDs stay whole)."""
FILE_MAX_CHARS = 60
"""A file `1-标题.ext`, extension included. Root (≤ 40) + folder + file stays under 150,
leaving 110 characters for wherever staff unzip it."""

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$", re.IGNORECASE)
ELLIPSIS = "…"


def safe_name(text: str, max_chars: int = FILE_MAX_CHARS, suffix: str = "") -> str:
    """`text` + `suffix` as a name Windows accepts, at most `max_chars` characters."""
    stem = unicodedata.normalize("NFC", text)
    stem = re.sub(r"\s+", " ", stem)  # a line break in a title reads as a space, not a mark
    stem = _FORBIDDEN.sub("_", stem).strip().rstrip(". ")
    suffix = _FORBIDDEN.sub("_", suffix)
    room = max(1, max_chars - len(suffix))
    if len(stem) > room:
        stem = stem[:room - 1].rstrip(". ") + ELLIPSIS
    stem = stem or "_"
    if _RESERVED.match(stem + suffix) or _RESERVED.match(stem):
        stem = "_" + stem
    return stem + suffix


def folder_name(indicator_id: str, title: str) -> str:
    """`N012 重大行政决策…`: the ID always whole, the title cut to fit."""
    return safe_name(f"{indicator_id} {title}".strip(), FOLDER_MAX_CHARS)


def numbered_file(number: int, title: str, suffix: str) -> str:
    """`1-标题.pdf`: the item's place in the page's list, then its title."""
    return safe_name(f"{number}-{title}", FILE_MAX_CHARS, suffix.lower())
