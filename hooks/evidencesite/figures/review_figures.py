"""The city's preliminary review (市级初评) as the pages, the exports and the reports show
it: who may see any of it (the gate), how many indicators stand where, and the packages
sent back.

Reviews are internal: `shown()` is the one gate every channel asks before it prints any
part of one (the public build carries no result, comment, reviewer or fingerprint). The
fingerprints and stale reviews are checked in `checks/reviews.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from evidencesite.model import Audience, Indicator, ReviewResult, ReviewState


# ---------------------------------------------------------------------------
# The gate
# ---------------------------------------------------------------------------


def shown(audience: Audience) -> bool:
    """Whether a build for `audience` may show anything of a review. Internal data: the
    assessor build (the leading office's and the assessors' copy) only."""
    return audience is Audience.ASSESSOR


# ---------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewTally:
    """How many indicators stand where in the 初评."""

    total: int
    not_reviewed: int
    passed: int
    returned: int
    stale: int


def tally(indicators: Iterable[Indicator]) -> ReviewTally:
    states = [i.review_state for i in indicators]
    return ReviewTally(len(states), states.count(ReviewState.NOT_REVIEWED), states.count(ReviewState.PASSED),
                       states.count(ReviewState.RETURNED), states.count(ReviewState.STALE))


@dataclass(frozen=True)
class ReturnedItem:
    """A package the 初评 sent back to its lead unit, with what the reviewer said."""

    indicator: Indicator
    comment: str
    date: dt.date
    by: str
    reworked: bool
    """The package changed since it was returned: it waits for the re-review."""


def returned_items(site: Any, unit: str | None = None) -> list[ReturnedItem]:
    """The returned packages of a loaded site (of the indicators `unit` leads, when given),
    oldest return first. For the unit's monthly report: `returned_items(site, "市司法局")`."""
    out = [ReturnedItem(i, i.review.comment, i.review.date, i.review.by, i.review_stale)
           for i in site.indicators.values()
           if i.review is not None and i.review.result is ReviewResult.RETURNED and (unit is None or i.lead == unit)]
    return sorted(out, key=lambda r: (r.date, r.indicator.id))
