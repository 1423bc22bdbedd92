"""A navigation whose every page carries a bounded part of it, whatever the site's size.

With `navigation.prune`, Material writes into each page the top level and, along the
way to the page, every sibling of every open section. An area of a province-wide
framework holds hundreds of groups, so every page in it would carry hundreds of links:
183 KB of HTML per page at 5,000 indicators, and a build that grows with the square of
the site. Here a list of more than WIDTH entries is split into consecutive ranges
named by their first and last codes ("1.1–1.25"), and ranges of ranges when needed,
so no page shows more than about WIDTH entries per level. A site of the real size (the
national framework: at most 6 groups to an area) is never split.
"""

from __future__ import annotations

import math
from typing import Any

WIDTH = 25
"""At most this many entries side by side in one section of the navigation."""


def bounded(entries: list[tuple[str, Any]], width: int | None = None) -> list[Any]:
    """`entries` as (code, nav entry) in order; the nav entries, split into named ranges
    while there are more than `width` (default WIDTH) of them."""
    width = max(2, width or WIDTH)  # ranges of one entry would never end
    spans = [(code, code, entry) for code, entry in entries]
    while len(spans) > width:
        parts = math.ceil(len(spans) / width)
        cuts = [len(spans) * k // parts for k in range(parts + 1)]  # even parts: 26 become 13 + 13
        chunks = [spans[a:b] for a, b in zip(cuts, cuts[1:])]
        spans = [(c[0][0], c[-1][1], {_label(c[0][0], c[-1][1]): [e for _, _, e in c]}) for c in chunks]
    return [entry for _, _, entry in spans]


def _label(first: str, last: str) -> str:
    return first if first == last else f"{first}–{last}"
