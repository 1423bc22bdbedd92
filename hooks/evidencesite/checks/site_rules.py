"""The rules that need the whole site at once: each source's page count against the
framework, and the evidence folder as a whole (very large files, files no page cites,
paths too long for Windows, names that differ only in letter case).
"""

from __future__ import annotations

import math

from evidencesite.catalogue.checks import say
from evidencesite.catalogue.messages import finding
from evidencesite.editing.page_edit import points_text
from evidencesite.model import Finding, field_label
from evidencesite.model.site import Site
from evidencesite.reading.pages import case_clashes
from evidencesite.text.sizes import human_size


def site_findings(site: Site) -> list[Finding]:
    """The rules that need every page and every evidence file at once."""
    out: list[Finding] = []
    framework_path = site.settings.framework
    for source in site.framework.sources.values():
        pages = site.by_source(source.code)
        actual = len(pages)
        params = dict(source=source.code, source_name=source.name, actual=actual, expected=source.expected,
                      missing=source.expected - actual, framework=framework_path)
        if actual < source.expected:
            out.append(finding("source-short", path=framework_path, **params))
        elif actual > source.expected:
            out.append(finding("source-surplus", path=framework_path, **params))
    limit = site.settings.large_file_mb * 1024 * 1024
    cited = site.cited_files()
    for path, file in site.evidence.files.items():
        if file.size > limit:
            citing = cited.get(path, [])
            out.append(finding("file-large", path=site.settings.evidence_path(path), value=path,
                               size=human_size(file.size), limit=human_size(limit),
                               indicator=citing[0] if citing else "",
                               source=citing[0][0] if citing else ""))
        if path not in cited:
            out.append(finding("file-uncited", path=site.settings.evidence_path(path), value=path))
        if len(path) > site.settings.evidence_path_max_chars:
            out.append(finding("file-path-long", path=site.settings.evidence_path(path), value=path, count=len(path),
                               limit=site.settings.evidence_path_max_chars))
    for path, kind in site.evidence.special.items():
        if path not in cited:
            out.append(finding("file-special", path=site.settings.evidence_path(path), value=path, kind=kind))
    out.extend(case_clashes([site.settings.evidence_path(path) for path in site.evidence.files]))
    out.extend(points_sums(site))
    return out


def points_sums(site: Site) -> list[Finding]:
    """An area's or group's 分值 against the sum of its indicators' (advice): only where
    the framework gives it and every page placed there gives its own, since a sum over
    some of the pages says nothing."""
    out: list[Finding] = []
    for i, area in enumerate(site.framework.areas.values()):
        nodes = [(say("site.level-area"), ("areas", i), area, site.in_area(area.code))]
        nodes += [(say("site.level-group"), ("areas", i, "groups", j), g, site.in_group(g.code))
                  for j, g in enumerate(area.groups)]
        for kind, where, node, members in nodes:
            if node.points is None or not members or any(m.points is None for m in members):
                continue
            total = sum(m.points for m in members)
            if not math.isclose(total, node.points, abs_tol=1e-6):
                out.append(finding("points-sum", path=site.settings.framework, field=field_label((*where, "points")),
                                   kind=kind, value=f"{node.code} {node.title}", points=points_text(node.points),
                                   count=len(members), total=points_text(round(total, 6)),
                                   framework=site.settings.framework))
    return out
