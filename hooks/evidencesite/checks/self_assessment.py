"""The self-assessment report (自评报告): its length as readers see it, against the limit.

Work plan 六(六): 提交自评报告,简要介绍主要举措、重要成效和突出亮点,篇幅不超过2000字.
The page is `Settings.self_assessment` (default docs/self-assessment.md), the limit
`Settings.self_assessment_max_chars` (default 2000); how characters are counted is
`textcount.count_characters`. The build and `scripts/check.py` both use `measure()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evidencesite.catalogue.messages import finding
from evidencesite.model import Finding
from evidencesite.model.settings import Settings
from evidencesite.reading.sourcefile import SourceError, read_text
from evidencesite.text.textcount import count_markdown, extensions_from_config
from evidencesite.catalogue.checks import say


@dataclass(frozen=True)
class ReportLength:
    path: str
    """The page, relative to the site root."""
    count: int
    limit: int

    @property
    def excess(self) -> int:
        return max(0, self.count - self.limit)


def measure(root: Path, settings: Settings) -> ReportLength | None:
    """The report's length, or None when the site has no report page (or it cannot be read;
    the page's own encoding message says why)."""
    file = Path(root) / settings.self_assessment
    if not file.is_file():
        return None
    try:
        text = read_text(file, settings.self_assessment)
    except SourceError:
        return None
    config = settings.engine_config(Path(root))
    names, configs = extensions_from_config(config.get("markdown_extensions"))
    return ReportLength(settings.self_assessment, count_markdown(text, names or None, configs),
                        settings.self_assessment_max_chars)


def findings(root: Path, settings: Settings) -> list[Finding]:
    """An error when the report is longer than the limit."""
    length = measure(root, settings)
    if length is None or not length.excess:
        return []
    return [finding("self-assessment-too-long", path=length.path, count=length.count,
                    limit=length.limit, excess=length.excess)]


def count_banner(length: ReportLength) -> str:
    """The note shown above the report in draft builds: the count against the limit."""
    if length.excess:
        kind, title = "danger", say("self_assessment.count-over", count=length.count, limit=length.limit,
                                    excess=length.excess)
    else:
        kind, title = "info", say("self_assessment.count-left", count=length.count, limit=length.limit,
                                  left=length.limit - length.count)
    rule = (say("self_assessment.count-rule"))
    return (f'<div class="admonition {kind} es-char-count" data-count="{length.count}" data-limit="{length.limit}">'
            f'<p class="admonition-title">{title}</p><p>{rule}</p></div>')
