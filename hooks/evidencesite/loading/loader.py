"""Load a whole site (framework, pages, evidence folder) into the model and check it.

`load_site()` is the one entry point: the build, `scripts/check.py`, the exports and
the tests all call it, and all see the same `Site` with the same findings. Every rule
of the page contract is applied here or in the modules it calls (`pages` for one page,
`site_rules` for the whole site, `schema` for field types); nothing stops at the first
problem.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from evidencesite.checks import disclosure, images, reviews, self_assessment
from evidencesite.reading import history, onsite_record, published_files, schema, snapshots, units
from evidencesite.presentation import publicity
from evidencesite.model.evidence_index import EvidenceIndex
from evidencesite.catalogue.messages import finding
from evidencesite.model import Area, Finding, Framework, Group, Indicator, Source, field_label, normalise_code
from evidencesite.reading.pages import (
    indicator_pages as _indicator_pages, points_of, read_indicator, rel_path as _rel, text_of as _text,
    unreadable_other_pages,
)
from evidencesite.model.settings import Settings
from evidencesite.model.site import Site
from evidencesite.checks.site_rules import site_findings as _site_findings
from evidencesite.reading.sourcefile import SourceError, parse_yaml, read_text
from evidencesite.catalogue.reading import say
from evidencesite.files import filetransaction

__all__ = ["Site", "load_site", "site_at", "load_framework", "read_indicator"]
"""`Site` is the model's (model/site.py); callers that load a site find it here too."""


def load_site(root: Path, settings: Settings | None = None, evidence: EvidenceIndex | None = None,
              read_evidence: bool = True) -> Site:
    """The site at `root`; `evidence` replaces the walk of evidence/ (history passes Git's listing).
    `read_evidence=False` is for a site whose evidence is known by path and size only (an
    earlier commit): the reviews that open evidence files (personal data, photos) are skipped."""
    root = Path(root)
    settings = settings or Settings()
    findings: list[Finding] = []
    if filetransaction.pending(root):  # a killed import: the site may be half old, half new
        findings.append(finding("import-interrupted", path=filetransaction.JOURNAL, docs=settings.docs_dir,
                                journal=filetransaction.JOURNAL))
    framework = load_framework(root, settings, findings)
    evidence = evidence or EvidenceIndex.scan(root / settings.evidence_dir)
    indicators: dict[str, Indicator] = {}
    pages = _indicator_pages(root, settings, findings)
    taken = {page.stem: _rel(page, root) for page in pages}
    texts: dict[str, str] = {}
    for page in pages:
        indicator, page_findings = read_indicator(page, root, settings, framework, evidence, taken, texts)
        indicators[indicator.id] = indicator
        findings.extend(page_findings)
    unit_list, unit_findings = units.load_units(root, settings)
    findings.extend(unit_findings + units.apply(indicators, unit_list))
    site = Site(root, settings, framework, _ordered(indicators, framework), evidence, findings, page_texts=texts)
    findings.extend(_site_findings(site))
    findings.extend(reviews.review_findings(site.indicators.values(), root / settings.evidence_dir))
    site.onsite_checks, record_findings = onsite_record.load_record(root, settings.onsite_record, site.indicators)
    findings.extend(record_findings)
    findings.extend(snapshots.findings(site))
    findings.extend(self_assessment.findings(root, settings) + publicity.post_findings(root, settings))
    findings.extend(published_files.outside_links(root, settings))
    said = {(f.path, f.code) for f in findings}
    findings.extend(f for f in unreadable_other_pages(root, settings, set(taken.values()), texts) if (f.path, f.code) not in said)
    if not read_evidence:
        return site
    site.disclosure = disclosure.review(site)
    findings.extend(site.disclosure.findings)
    site.photos = images.review(site)
    findings.extend(site.photos.findings)
    return site


def site_at(root: Path, settings: Settings, commit: str) -> Site:
    """The site as committed in `commit` (for the monthly report): its pages and framework
    read from Git, its evidence folder known by path and size only."""
    with tempfile.TemporaryDirectory(prefix="evidence-site-history-") as tmp:
        folder = Path(tmp)
        evidence = history.committed_site(root, settings, commit, folder)
        return load_site(folder, settings, evidence=evidence, read_evidence=False)


# ---------------------------------------------------------------------------
# Framework
# ---------------------------------------------------------------------------


def load_framework(root: Path, settings: Settings, findings: list[Finding]) -> Framework:
    path = settings.framework
    file = root / path
    if file.is_dir():
        findings.append(finding("path-is-folder", path=path, value=path, expected=say("loader.what-framework")))
        return Framework()
    if not file.is_file():
        findings.append(finding("framework-missing", path=path, framework=path))
        return Framework()
    try:
        parsed = parse_yaml(read_text(file, path), path)
    except SourceError as exc:
        findings.append(exc.finding)
        return Framework()
    findings.extend(parsed.findings)
    if parsed.data is None:
        findings.append(finding("framework-empty", path=path, line=1))
        return Framework()
    data = parsed.data if isinstance(parsed.data, dict) else {}
    errors = schema.validate(parsed.data, schema.FRAMEWORK_SCHEMA, parsed, path)
    findings.extend(errors)
    framework = Framework(edition=_text(data.get("edition")))
    for i, raw in enumerate(_dicts(data.get("sources"))):
        code, name, expected = _text(raw.get("code")), _text(raw.get("name")), _text(raw.get("expected"))
        if not (len(code) == 1 and code.isupper() and expected.isdigit()):
            continue
        if code in framework.sources:
            findings.append(finding("framework-duplicate", path=path, line=parsed.line(("sources", i)),
                                    field=field_label(("sources", i,
                                                       "code")), kind=say("loader.field-source"), value=code))
            continue
        framework.sources[code] = Source(code, name, int(expected), raw.get("group_required") is not False)
    seen_groups: set[str] = set()
    for i, raw in enumerate(_dicts(data.get("areas"))):
        code = normalise_code(_text(raw.get("code")))
        if not code:
            continue
        if code in framework.areas:
            findings.append(finding("framework-duplicate", path=path, line=parsed.line(("areas", i)),
                                    field=field_label(("areas", i, "code")), kind=say("loader.field-area"), value=code))
            continue
        groups = []
        for j, g in enumerate(_dicts(raw.get("groups"))):
            g_code = normalise_code(_text(g.get("code")))
            if not g_code:
                continue
            if g_code in seen_groups:
                findings.append(finding("framework-duplicate", path=path, line=parsed.line(("areas", i, "groups", j)),
                                        field=field_label(("areas", i, "groups", j,
                                                           "code")), kind=say("loader.field-group"), value=g_code))
                continue
            seen_groups.add(g_code)
            groups.append(Group(g_code, _text(g.get("title")), code, points_of(g.get("points"))))
        framework.areas[code] = Area(code, _text(raw.get("title")), tuple(groups), points_of(raw.get("points")))
    return framework


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _ordered(indicators: dict[str, Indicator], framework: Framework) -> dict[str, Indicator]:
    order = {code: i for i, code in enumerate(framework.sources)}
    return dict(sorted(indicators.items(), key=lambda kv: (order.get(kv[1].source, len(order)), kv[1].source,
                                                           kv[1].number, kv[0])))


def _dicts(value: Any) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
