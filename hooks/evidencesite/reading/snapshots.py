"""Snapshots of news-link pages (the `snapshot` field) as the site sees them: the check
that each copy is still the one recorded, and which copies a build publishes.

The copies themselves are made by scripts/snapshot_links.py (see `webcapture`); here
nothing is fetched. A snapshot file is cited by its page (pages.py adds it to `cites`),
reviewed for personal data with the public evidence files (disclosure.py), and
published exactly when its item is (`EvidenceItem.published_snapshot`).
"""

from __future__ import annotations

from dataclasses import replace

from evidencesite.catalogue.messages import finding
from evidencesite.model import Audience, EvidenceItem, Finding, Indicator, field_label
from evidencesite.model.site import Site


def findings(site: Site) -> list[Finding]:
    """A snapshot whose file no longer has the recorded checksum is an error, and the item
    loses it: a copy changed after capture proves nothing, so no build publishes it."""
    out: list[Finding] = []
    items = [(ind, i, item) for ind in site.indicators.values() for i, item in enumerate(ind.evidence) if item.snapshot]
    if not items:
        return out
    cache = site.cache
    for ind, i, item in items:
        snap = item.snapshot
        if cache.content_hash(site.evidence.files[snap.file].abs_path) != snap.sha256:
            f = finding("snapshot-sha256", path=ind.path, field=_field(ind, item, i), indicator=ind.id,
                        source=ind.source, value=snap.file, hash=snap.sha256)
            out.append(replace(f, public=item.public))  # a private item's file name stays out of public pages
            item.snapshot = None
    cache.save()
    return out


def published_files(site: Site, audience: Audience) -> set[str]:
    """evidence/ paths of the snapshots this audience's build publishes."""
    return {snap.file for ind in site.indicators.values() for item in ind.evidence
            if (snap := item.published_snapshot(audience))}


def public_files(site: Site) -> set[str]:
    """Snapshots of public items: what the personal-data review must read."""
    return {item.snapshot.file for ind in site.indicators.values() for item in ind.evidence
            if item.snapshot and item.public}


def mark_withheld(site: Site, withheld: dict[str, str]) -> None:
    for ind in site.indicators.values():
        for item in ind.evidence:
            if item.snapshot and item.snapshot.file in withheld:
                item.snapshot.withheld = withheld[item.snapshot.file]


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _raw_index(ind: Indicator, item: EvidenceItem, fallback: int) -> int:
    """The item's place in the page's own list (the model drops invalid items, so its index may differ)."""
    raw = (ind.front_matter or {}).get("evidence")
    if isinstance(raw, list):
        for n, entry in enumerate(raw):
            snap = entry.get("snapshot") if isinstance(entry, dict) else None
            if isinstance(snap, dict) and snap.get("sha256") == item.snapshot.sha256 \
                    and str(entry.get("url", "")).strip() == (item.url or ""):
                return n
    return fallback


def _field(ind: Indicator, item: EvidenceItem, fallback: int) -> str:
    return field_label(("evidence", _raw_index(ind, item, fallback), "snapshot", "sha256"))
