"""The city's preliminary review (市级初评): fingerprints of indicator packages, stale
reviews, and the figures the dashboard, the unit pages and the monthly report show.

A review is the `review` block of an indicator page's front matter (written by
scripts/review.py, see review_edit.py). It carries a fingerprint of the package as it was
reviewed: the evidence list and notes as staff wrote them, plus the bytes of every cited
file. When the package changes, the fingerprint no longer matches and the review is stale.
The review block itself is outside the fingerprint, so recording a review never makes it stale.

Reviews are internal: `shown()` is the one gate every channel asks before it prints any
part of one (the public build carries no result, comment, reviewer or fingerprint).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from evidencesite.files.cache import sha256_file
from evidencesite.catalogue.messages import finding
from evidencesite.model import Audience, Finding, Indicator, ReviewResult, ReviewState
from evidencesite.catalogue.checks import say

PACKAGE_FIELDS = ("evidence", "on_site", "none", "not_applicable")
"""The front-matter fields that make up the package a review covers."""
_ABSENT = "absent"


# ---------------------------------------------------------------------------
# The gate
# ---------------------------------------------------------------------------


def shown(audience: Audience) -> bool:
    """Whether a build for `audience` may show anything of a review. Internal data: the
    assessor build (the leading office's and the assessors' copy) only."""
    return audience is Audience.ASSESSOR


# ---------------------------------------------------------------------------
# Fingerprints and stale reviews
# ---------------------------------------------------------------------------


def fingerprint(front_matter: Mapping[str, Any], evidence_root: Path) -> str:
    """SHA-256 (hex) of the package in `front_matter` (as parsed, before any normalising:
    a note edited by one character is a changed package) and the bytes of each cited file."""
    package = {key: front_matter[key] for key in PACKAGE_FIELDS if front_matter.get(key) is not None}
    digest = hashlib.sha256(json.dumps(package, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8"))
    for path in cited_paths(package.get("evidence")):
        digest.update(b"\0" + path.encode("utf-8") + b"\0" + _file_digest(evidence_root, path).encode("ascii"))
    return digest.hexdigest()


def cited_paths(evidence: Any) -> list[str]:
    """The `file` values of an evidence list as written, in order."""
    if not isinstance(evidence, list):
        return []
    return [item["file"] for item in evidence if isinstance(item, dict) and isinstance(item.get("file"), str)]


def _file_digest(evidence_root: Path, path: str) -> str:
    """The file's SHA-256, or 'absent' when it is missing or lies outside evidence/ (the
    page's own findings say so; the fingerprint only needs to differ from the file's)."""
    root = evidence_root.resolve()
    try:
        target = (root / path).resolve()
        if not target.is_relative_to(root) or not target.is_file():
            return _ABSENT
        return sha256_file(target)
    except OSError:
        return _ABSENT


def current_fingerprint(indicator: Indicator, evidence_root: Path) -> str | None:
    """The fingerprint of the indicator's package now (None when its page could not be read)."""
    if indicator.front_matter is None:
        return None
    return fingerprint(indicator.front_matter, evidence_root)


def review_findings(indicators: Iterable[Indicator], evidence_root: Path) -> list[Finding]:
    """Mark stale reviews on the indicators, and return a gap for each stale or returned one.

    The findings are not public: in the public build they never reach a page."""
    out: list[Finding] = []
    for ind in indicators:
        review = ind.review
        if review is None:
            continue
        ind.review_stale = current_fingerprint(ind, evidence_root) != review.fingerprint
        common = {"path": ind.path, "field": "review", "indicator": ind.id, "source": ind.source}
        if ind.review_stale:
            out.append(finding("review-stale", value=ind.id, date=review.date.isoformat(), **common))
        elif review.result is ReviewResult.RETURNED:
            out.append(finding("review-returned", value=ind.id, date=review.date.isoformat(),
                               comment=review.comment or say("reviews.no-comment"), **common))
    return [replace(f, public=False) for f in out]


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
