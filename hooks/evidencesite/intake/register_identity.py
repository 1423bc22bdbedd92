"""Which existing page each register row is, by what it says rather than by its number.

Offices delete a row and number 1..n again; an import that followed the numbers alone
would write every later title over another indicator's evidence, status and prose. So
rows and pages of each source are paired by title: equal titles first (after
`match_key`), then the most similar remaining pairs (difflib's ratio, at least
SIMILAR), greedily from the best. A pair whose page has another number is a move the
import must be told about (`--rename old=new`); a page paired with nothing whose
number a move needs is an indicator the register dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from evidencesite.intake.register_cells import match_key

SIMILAR = 0.75
"""Below this two titles are different indicators: "规范性文件备案审查" and "行政规范性文件合法性审核"
(0.57) are; "推进政务公开" and "全面推进政务公开" (0.86) are one, reworded."""


@dataclass
class Identity:
    moves: dict[str, str] = field(default_factory=dict)
    """Page ID -> the register ID its indicator has now, in register order."""
    dropped: list[str] = field(default_factory=list)
    """Pages of indicators the register no longer has, whose numbers moves need."""


def pair(rows: dict[str, str], pages: dict[str, str]) -> dict[str, str]:
    """Row ID -> page ID for the rows and pages (ID -> title) that are the same indicator."""
    row_keys = {i: match_key(t) for i, t in rows.items() if match_key(t)}
    page_keys = {i: match_key(t) for i, t in pages.items() if match_key(t)}
    paired: dict[str, str] = {}
    by_key: dict[str, list[str]] = {}
    for page_id, key in page_keys.items():
        by_key.setdefault(key, []).append(page_id)
    for row_id, key in row_keys.items():  # equal titles; with duplicates, the same number first
        candidates = by_key.get(key, [])
        if candidates:
            page_id = row_id if row_id in candidates else candidates[0]
            candidates.remove(page_id)
            paired[row_id] = page_id
    free_rows = [i for i in row_keys if i not in paired]
    taken = set(paired.values())
    free_pages = [i for i in page_keys if i not in taken]
    scored = []
    for row_id in free_rows:
        for page_id in free_pages:
            ratio = SequenceMatcher(None, row_keys[row_id], page_keys[page_id], autojunk=False).ratio()
            if ratio >= SIMILAR:
                scored.append((-ratio, row_id != page_id, row_id, page_id))
    for _, _, row_id, page_id in sorted(scored):
        if row_id not in paired and page_id not in taken:
            paired[row_id] = page_id
            taken.add(page_id)
    return paired


def identify(rows: dict[str, str], pages: dict[str, str]) -> Identity:
    """Moves and dropped indicators among one source's rows and pages (ID -> title)."""
    paired = pair(rows, pages)
    identity = Identity()
    for row_id in rows:
        page_id = paired.get(row_id)
        if page_id and page_id != row_id:
            identity.moves[page_id] = row_id
    staying = set(paired.values())
    for page_id, row_id in identity.moves.items():
        if row_id in pages and row_id not in identity.moves and row_id not in staying:
            identity.dropped.append(row_id)
    return identity
