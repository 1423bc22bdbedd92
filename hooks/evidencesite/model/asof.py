"""The date the site's figures are counted at ("截至 …").

A running campaign counts as of the build date. Once its last phase has ended the site
is a record of what was done: overdue days and "截至" stop at that end, so a closed
campaign never reads "逾期 2144 天". An archived site can freeze the date explicitly
(`extra.evidence_site.as_of`), earlier or later than the phases say.
"""

from __future__ import annotations

import datetime as dt
import os

from evidencesite.model.phases import Phases


def reference_date(today: dt.date, phases: Phases, as_of: dt.date | None = None) -> dt.date:
    """`as_of` when set; else the end of the last phase once it has passed; else today."""
    if as_of is not None:
        return as_of
    if phases.phases and today > phases.phases[-1].end:
        return phases.phases[-1].end
    return today


def campaign_ended(today: dt.date, phases: Phases) -> bool:
    return bool(phases.phases) and today >= phases.phases[-1].end


def build_date() -> dt.date:
    """Today, or the date in SOURCE_DATE_EPOCH so that builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()
