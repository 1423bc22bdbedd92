"""What `scripts/check.py` checks: the loaded site, plus what the build finds in its own
hooks before rendering anything (the phases file, hooks/dashboards.py; the braces in
pages, hooks/page_macros.py; resources from other hosts in page bodies, which the build
finds in its output; the footer settings, hooks/portal.py), so the checker and the build report the same findings.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

from evidencesite.checks import body_resources, page_macros
from evidencesite.presentation import portal
from evidencesite.pipeline.buildstate import build_date
from evidencesite.model.site import Site
from evidencesite.pipeline.loader import load_site
from evidencesite.reading.phases import load_phases
from evidencesite.figures.progress import Board
from evidencesite.model.settings import Settings, read_mkdocs_config


def check_site(root: Path, settings: Settings, today: dt.date | None = None) -> Site:
    """The site at `root` with every finding a draft build of it would report."""
    site = load_site(root, settings)
    phases, phase_findings = load_phases(root, settings)
    site.findings.extend(phase_findings)
    config = read_mkdocs_config(root)
    names = page_macros.known_names(config.get("extra"))
    site.findings.extend(page_macros.findings(site, Board(site, today or build_date(), phases), names))
    site_url = config.get("site_url")
    own = [urlsplit(site_url).hostname] if isinstance(site_url, str) and site_url else []
    site.findings.extend(body_resources.findings(site.page_texts, own))
    site.findings.extend(portal.findings((config.get("extra") or {}).get("portal")))
    return site
