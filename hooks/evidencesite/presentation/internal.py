"""Internal pages: what the office and the assessors read, not the public.

The gaps list, the unit ranking and every unit's page, the overdue list, the
rectification ledger (page and downloads) and the staff guide are instruments of the
office (通报 and rankings are internal). They are built

- in the assessor build (`SITE_AUDIENCE=assessor`),
- in `mkdocs serve` (staff previewing on their own computer),
- in the public build only when `extra.evidence_site.publish_internal` is true
  (`SITE_PUBLISH_INTERNAL=true`); the default is false.

Everything else asks this module: `shown(...)` decides once per build (the result is
`BuildState.internal` and `Board.internal`), `is_internal(path)` says whether a page or
file belongs to the internal part, and `MACROS` names the dashboard macros whose output
is internal. A feature that adds an internal page adds its path to `PATHS`.
"""

from __future__ import annotations

from evidencesite.model import Audience

PATHS: tuple[str, ...] = (
    "gaps.md",          # render.GAPS_PAGE
    "overdue.md",       # blocks.OVERDUE_PAGE
    "ledger.md",        # blocks.LEDGER_PAGE
    "units.md",         # blocks.UNITS_PAGE
    "units/",           # every unit's page
    "guide/",           # the staff guide
    "exports/整改台账.",  # the rectification ledger as xlsx and CSV
)
"""Paths under docs/ (and generated files) of the internal part; a path ending in "/" or
"." covers everything that starts with it."""

MACROS = frozenset({"unit_ranking", "lagging_units", "unit_list", "overdue_list", "rectification_ledger", "gap_list"})
"""Dashboard macros that show internal instruments: in a build without internal pages they
show `NOT_PUBLIC` instead."""

NOT_PUBLIC = "(本部分为内部工作资料,只在评审版和本机预览中显示。)"


def shown(audience: Audience, serving: bool, publish_internal: bool) -> bool:
    """Whether this build includes the internal pages."""
    return audience is Audience.ASSESSOR or serving or publish_internal


def is_internal(path: str) -> bool:
    """Whether `path` (under docs/ or of a generated file, forward slashes) is internal."""
    return any(path.startswith(p) if p.endswith(("/", ".")) else path == p for p in PATHS)


def prune_nav(nav: list) -> list:
    """The navigation without internal pages; a section left empty goes too."""
    out = []
    for entry in nav:
        if isinstance(entry, str):
            if not is_internal(entry):
                out.append(entry)
        elif isinstance(entry, dict):
            kept = {}
            for title, value in entry.items():
                if isinstance(value, list):
                    value = prune_nav(value)
                    if value:
                        kept[title] = value
                elif not (isinstance(value, str) and is_internal(value)):
                    kept[title] = value
            if kept:
                out.append(kept)
        else:
            out.append(entry)
    return out
