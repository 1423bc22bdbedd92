"""The city's preliminary review (市级初评): fingerprints of indicator packages and stale
reviews. Who may see a review, and the figures the dashboard, the unit pages and the
monthly report show, are in `figures/review_figures.py`.

A review is the `review` block of an indicator page's front matter (written by
scripts/review.py, see review_edit.py). It carries a fingerprint of the package as it was
reviewed: the evidence list and notes as staff wrote them, plus the bytes of every cited
file. When the package changes, the fingerprint no longer matches and the review is stale.
The review block itself is outside the fingerprint, so recording a review never makes it stale.

Reviews are internal: `shown()` (review_figures.py) is the one gate every channel asks
before it prints any part of one (the public build carries no result, comment, reviewer or
fingerprint).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from evidencesite.files.cache import sha256_file
from evidencesite.catalogue.messages import finding
from evidencesite.model import Finding, Indicator, ReviewResult
from evidencesite.catalogue.checks import say
# The gate lives with the figures, where the pages (presentation, below the checks) reach it;
# hooks/exports.py still asks it here.
from evidencesite.figures.review_figures import shown

PACKAGE_FIELDS = ("evidence", "on_site", "none", "not_applicable")
"""The front-matter fields that make up the package a review covers."""
_ABSENT = "absent"


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
