"""The report staff read at the end of every build and check: the findings worth a
line, then one table of counts by severity and by source.

Errors are always listed one per line. Gaps and advice are listed one per line only
where they fail (strict); in a draft the table counts them and the gaps page lists
them, except the few that concern a whole source or file, which are listed so the
state of the site is plain (for example "国家指标还差 100 个").
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from evidencesite.model.site import Site
from evidencesite.catalogue.messages import NOTICES
from evidencesite.model import Finding, Severity, Status
from evidencesite.reading.pages import undated_evidence
from evidencesite.catalogue.checks import say

_SITE_WIDE = {"source-short", "source-surplus", "file-uncited", "file-large",
              "review-stale", "review-returned"}  # listed one by one even in drafts: each names its indicator's next step


def findings_to_list(site: Site, strict: bool) -> list[Finding]:
    """The findings that get a line of their own in this mode, errors first."""
    chosen = [f for f in site.findings
              if strict or f.severity is not Severity.GAP or f.code in _SITE_WIDE]
    rank = {Severity.ERROR: 0, Severity.GAP: 1, Severity.ADVICE: 2}
    return sorted(chosen, key=lambda f: rank[f.severity])


def summary_table(site: Site) -> str:
    """Counts by source (pages, done, errors, gaps, advice), plain text aligned for CJK."""
    header = [say("summary.column-source"), say("summary.column-pages"), say("summary.column-done"),
              say("summary.column-errors"), say("summary.column-gaps"), say("summary.column-advice")]
    rows = []
    by_source: dict[str, Counter] = {}
    for f in site.findings:
        by_source.setdefault(f.source or "", Counter())[f.severity] += 1
    codes = list(site.framework.sources) + sorted({i.source for i in site.indicators.values()} - set(site.framework.sources))
    for code in codes:
        source = site.framework.sources.get(code)
        pages = site.by_source(code)
        done = sum(1 for i in pages if i.status is Status.DONE)
        c = by_source.get(code, Counter())
        name = f"{code} {source.name}" if source else say("summary.source-undeclared", code=code or '?')
        rows.append([name, f"{len(pages)}/{source.expected if source else '-'}", str(done),
                     str(c[Severity.ERROR]), str(c[Severity.GAP]), str(c[Severity.ADVICE])])
    other = by_source.get("", Counter())
    if sum(other.values()):
        rows.append([say("summary.row-other"), "", "", str(other[Severity.ERROR]), str(other[Severity.GAP]),
                     str(other[Severity.ADVICE])])
    total = site.counts()
    rows.append([say("summary.row-total"),
                 f"{len(site.indicators)}/{sum(s.expected for s in site.framework.sources.values())}", 
                 str(sum(1 for i in site.indicators.values() if i.status is Status.DONE)),
                 str(total[Severity.ERROR]), str(total[Severity.GAP]), str(total[Severity.ADVICE])])
    return _table([header, *rows])


def verdict(site: Site, strict: bool) -> str:
    c = site.counts()
    failing = sum(n for sev, n in c.items() if sev.fails(strict))
    mode = say("summary.mode-strict") if strict else say("summary.mode-draft")
    errors, gaps, advice = c[Severity.ERROR], c[Severity.GAP], c[Severity.ADVICE]
    if not failing:
        return say("summary.passed", mode=mode, errors=errors, gaps=gaps, advice=advice)
    what = say("summary.must-fix-all") if strict else say("summary.must-fix-errors")
    return say("summary.failed", mode=mode, what=what, errors=errors, gaps=gaps, advice=advice)


def report_lines(site: Site, strict: bool) -> list[str]:
    """Everything check.py prints and the build logs, in order."""
    return [f.format() for f in findings_to_list(site, strict)] + tail_lines(site, strict)


def tail_lines(site: Site, strict: bool) -> list[str]:
    """What follows the findings: the count of unlisted gaps, the table, the verdict."""
    lines: list[str] = []
    hidden_gaps = 0 if strict else sum(1 for f in site.findings if f.severity is Severity.GAP and f.code not in _SITE_WIDE)
    if hidden_gaps:
        lines.append(say("summary.hidden-gaps", hidden_gaps=hidden_gaps))
    lines += window_lines(site)
    lines.append(say("summary.heading"))
    lines.extend(summary_table(site).splitlines())
    lines.append(verdict(site, strict))
    return lines


def window_lines(site: Site) -> list[str]:
    """With an evidence window set, one line counting and listing the undated evidence."""
    start, end = site.settings.evidence_window_start, site.settings.evidence_window_end
    if not (start or end):
        return []
    undated = undated_evidence(site.indicators.values())
    if not undated:
        return []
    shown = "、".join(undated[:_UNDATED_LISTED]) + (say("summary.undated-more",
                                                       undated_count=len(undated)) if len(undated) > _UNDATED_LISTED else "")
    return [NOTICES["evidence-undated"].format(start=start.isoformat() if start else say("summary.window-open"),
                                               end=end.isoformat() if end else say("summary.window-open"), count=len(undated), items=shown)]


_UNDATED_LISTED = 30


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(rows: list[list[str]]) -> str:
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for n, row in enumerate(rows):
        out.append("  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)
