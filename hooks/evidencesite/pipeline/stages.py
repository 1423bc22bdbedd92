"""The build in stages, as plain functions any engine (or none) can call.

- **read**: the site's files into the model, with every rule of the page contract
  (`loader.load_site`), and the campaign's phases, which set the date figures count at;
- **check**: what needs more than the files (the braces in pages against the macros
  this build has, the footer settings, the scripts the build serves, page bodies that
  would fetch from other hosts). After it the site model is complete: nothing appends
  to `site.findings` any more;
- **plan** (pipeline/plan.py): from the complete model, the generated pages with their
  Markdown, the indicator tree of the navigation and the downloads, as plain data;
- **render**: each page's own block (presentation/render.py) and the engine's theme; the
  MkDocs adapter hands the plan and the pages to MkDocs, `scripts/stage.py` writes them
  out for any engine;
- **finish**: what runs on the built HTML (search terms, masking, the off-site scan,
  checksums); its findings are about the output and are reported beside the site's.

`scripts/check.py` is read + check without an engine; the build is the same two stages
followed by the others, so both report the same findings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from evidencesite.catalogue.messages import finding
from evidencesite.checks import body_resources, page_macros
from evidencesite.model import Finding, asof
from evidencesite.model.settings import Settings
from evidencesite.figures.progress import Board
from evidencesite.loading.loader import Site, load_site
from evidencesite.pipeline.plan import Plan
from evidencesite.presentation import portal, webassets
from evidencesite.reading.phases import Phases, load_phases


@dataclass
class Reading:
    """What the read stage returns: the site, its phases and the date its figures count at."""

    site: Site
    phases: Phases
    today: dt.date


def read(root: Path, settings: Settings, today: dt.date) -> Reading:
    site = load_site(root, settings)
    phases, phase_findings = load_phases(root, settings)
    site.findings.extend(phase_findings)
    return Reading(site, phases, asof.reference_date(today, phases, settings.as_of))


@dataclass(frozen=True)
class EngineFacts:
    """What the check stage needs to know about the engine that will render the site."""

    macro_names: Collection[str] = page_macros.known_names()
    """The macros a page may call (the project's, as the macros plugin registered them)."""
    own_hosts: tuple[str, ...] = ()
    """The site's own host names (from site_url): not another host."""
    portal: Mapping[str, Any] | None = None
    """`extra.portal`, the footer settings."""
    config_file: str = "mkdocs.yml"
    offline: bool | None = None
    """Whether the build serves the offline bundle's scripts; None: not a build (check.py)."""
    page_bodies: bool = True
    """Look for other hosts in page bodies; a build scans its own output instead (finish)."""


@dataclass
class Checked:
    findings: list[Finding] = field(default_factory=list)
    unrendered: set[str] = field(default_factory=set)
    """Pages (paths under docs/) whose braces cannot be rendered: they show as written."""


def check(site: Site, board: Board, engine: EngineFacts) -> Checked:
    """Complete the site's findings; the pages whose macros must not be rendered."""
    out = Checked()
    if engine.offline is not None:
        for script in webassets.scripts_for(engine.offline):
            if not script.available:
                out.findings.append(finding("asset-missing", path=script.path.relative_to(webassets.REPO).as_posix(),
                                            package=script.package, consequence=script.consequence))
    macros = page_macros.findings(site, board, engine.macro_names)
    prefix = site.settings.docs_dir + "/"  # every finding here names a page under docs/
    out.unrendered = {f.path.removeprefix(prefix) for f in macros}
    out.findings.extend(macros)
    if engine.page_bodies:
        out.findings.extend(body_resources.findings(site.page_texts, list(engine.own_hosts)))
    out.findings.extend(portal.findings(engine.portal, engine.config_file))
    site.findings.extend(out.findings)
    return out


def own_hosts(site_url: Any) -> tuple[str, ...]:
    host = urlsplit(site_url).hostname if isinstance(site_url, str) and site_url else None
    return (host,) if host else ()


def plan(board: Board, today: dt.date, site_url: str = "") -> Plan:
    """The plan stage over the checked site (its parts are made on first use)."""
    return Plan(board, today, site_url)


def reported(site: Site, output_findings: list[Finding]) -> Site:
    """The site as the end-of-build report sees it: its findings and the finish stage's."""
    return replace(site, findings=[*site.findings, *output_findings]) if output_findings else site
