"""What `scripts/check.py` checks: the build's read and check stages (pipeline/stages.py)
without an engine, so the checker and the build report the same findings. The build
finds page bodies that fetch from other hosts in its output; here they are found in the
page sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from evidencesite.figures.progress import Board
from evidencesite.model.settings import Settings
from evidencesite.pipeline import stages
from evidencesite.pipeline.buildstate import build_date
from evidencesite.loading.loader import Site


def check_site(root: Path, settings: Settings, today: dt.date | None = None) -> Site:
    """The site at `root` with every finding a draft build of it would report."""
    today = today or build_date()
    reading = stages.read(root, settings, today)
    config = settings.engine_config(root)
    extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
    engine = stages.EngineFacts(own_hosts=stages.own_hosts(config.get("site_url")), portal=extra.get("portal"),
                                config_file=settings.engine.file)
    # The phases' reference date is for figures; the braces are checked against the day itself, as before.
    stages.check(reading.site, Board(reading.site, today, reading.phases), engine)
    return reading.site
