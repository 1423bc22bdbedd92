"""The one object a build's hooks share: the loaded site and how the build was asked to run.

It lives on the MkDocs config object, which MkDocs recreates for every build (serve
rebuilds included), so nothing survives from one build to the next in module globals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from evidencesite.reading.history import History
from evidencesite.model.site import Site
from evidencesite.model.phases import Phases
from evidencesite.figures.progress import Board
from evidencesite.pipeline import stages
from evidencesite.pipeline.plan import Plan
from evidencesite.model.asof import build_date  # noqa: F401 (the build's date; scripts and tests ask it here)

_ATTRIBUTE = "evidence_site_build"


@dataclass
class BuildState:
    site: Site
    strict: bool
    today: dt.date
    history: History = field(default_factory=History)
    """Git's record of the pages and evidence (hooks/mkdocs_adapter/last_updated.py); empty without Git."""
    phases: Phases = field(default_factory=Phases)
    """The campaign's phases (hooks/mkdocs_adapter/dashboards.py); empty without a phases file."""
    internal: bool = True
    """Whether this build includes the internal pages (evidencesite/presentation/internal.py)."""
    unrendered: set[str] = field(default_factory=set)
    """Pages (paths under docs/) whose macros cannot be rendered: left as written (the check stage)."""
    masked_outputs: dict[str, bytes] = field(default_factory=dict)
    """Output path -> digest of the page as masked when rendered (mkdocs_adapter/privacy.py)."""
    output_findings: list = field(default_factory=list)
    """What the finish stage found in the built output (reported beside the site's findings)."""
    copied: frozenset[str] = frozenset()
    """Output paths copied from their sources as they are (theme assets, evidence files):
    the public build's last masking pass leaves them alone (hooks/mkdocs_adapter/privacy.py)."""

    site_url: str = ""

    @cached_property
    def board(self) -> Board:
        """The figures of this build, computed on first use (after on_config) and kept."""
        return Board(self.site, self.today, self.phases, self.history, internal=self.internal)

    @cached_property
    def plan(self) -> Plan:
        """The plan stage (pipeline/plan.py), on first use: after the check stage (on_files)."""
        return stages.plan(self.board, self.today, self.site_url)


def attach(config: Any, state: BuildState) -> None:
    setattr(config, _ATTRIBUTE, state)


def state_of(config: Any) -> BuildState:
    state = getattr(config, _ATTRIBUTE, None)
    if state is None:
        raise RuntimeError("the build state is attached by hooks/mkdocs_adapter/site_model.py: list hooks/evidence_site.py under `hooks:`")
    return state


def switch_off_plugin(config: Any, name: str) -> None:
    """Turn the plugin `name` off for this build: its events return early and templates no
    longer see it (Material links the RSS feed from every page while "rss" is in config.plugins)."""
    plugin = config.plugins.get(name)
    if plugin is not None:
        plugin.config.enabled = False
        del config.plugins[name]
