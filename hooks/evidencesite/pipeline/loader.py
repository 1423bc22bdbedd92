"""Load a whole site (framework, pages, evidence folder) into the model and check it.

`load_site()` is the one entry point: the build, `scripts/check.py`, the exports and
the tests all call it, and all see the same `Site` with the same findings. Every rule
of the page contract is applied here or in the modules it calls (`pages` for one page,
`site_rules` for the whole site, `schema` for field types); nothing stops at the first
problem.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evidencesite.checks import disclosure, images, reviews, self_assessment
from evidencesite.reading import onsite_record, published_files, schema, snapshots, units
from evidencesite.presentation import publicity
from evidencesite.reading.evidence_index import EvidenceIndex
from evidencesite.catalogue.messages import finding
from evidencesite.model import Area, Finding, Framework, Group, Indicator, Source, field_label, normalise_code
from evidencesite.reading.pages import (
    indicator_pages as _indicator_pages, points_of, read_indicator, rel_path as _rel, text_of as _text,
    unreadable_other_pages,
)
from evidencesite.model.settings import Settings
from evidencesite.checks.site_rules import human_size, site_findings as _site_findings
from evidencesite.reading.sourcefile import SourceError, parse_yaml, read_text
from evidencesite.catalogue.reading import say

__all__ = ["Site", "load_site", "load_framework", "read_indicator", "human_size"]


@dataclass
class Site:
    """Everything the build knows: the framework, every indicator, the evidence, the findings."""

    root: Path
    settings: Settings
    framework: Framework
    indicators: dict[str, Indicator]
    evidence: EvidenceIndex
    findings: list[Finding] = field(default_factory=list)
    disclosure: disclosure.Disclosure | None = None
    """What the personal-data review found and decided (see disclosure.py)."""
    photos: images.PhotoReview = field(default_factory=images.PhotoReview)
    """The clean copies of the photos this audience publishes (see images.py)."""
    onsite_checks: dict[str, list[onsite_record.Check]] = field(default_factory=dict)
    """ID -> what the on-site verification recorded for it (核查记录; shown to assessors only)."""
    page_texts: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    """path -> text of every page under docs/ as read, so later checks do not read it again."""

    _index: tuple = field(default=(None, 0, {}, {}), init=False, repr=False, compare=False)
    """(the findings list indexed, how many of it, indicator -> findings, path -> findings)."""

    def findings_for(self, indicator_id: str) -> list[Finding]:
        """The findings about one indicator."""
        return list(self._indexed()[0].get(indicator_id, ()))

    def findings_in(self, path: str) -> list[Finding]:
        """The findings about one file (a path relative to the site root)."""
        return list(self._indexed()[1].get(path, ()))

    def _indexed(self) -> tuple[dict[str, list[Finding]], dict[str, list[Finding]]]:
        """Every page asks for its findings, so they are indexed once, not scanned per page;
        hooks only ever append to `findings`, and what they append later is added to the
        index on the next question."""
        indexed, count, by_indicator, by_path = self._index
        if indexed is not self.findings or count > len(self.findings):
            indexed, count, by_indicator, by_path = self.findings, 0, {}, {}
        for f in self.findings[count:]:
            by_indicator.setdefault(f.indicator, []).append(f)
            by_path.setdefault(f.path, []).append(f)
        self._index = (indexed, len(self.findings), by_indicator, by_path)
        return by_indicator, by_path

    _placement: tuple = field(default=(None, 0, {}, {}), init=False, repr=False, compare=False)

    def in_area(self, code: str) -> list[Indicator]:
        """The indicators placed in a level-1 area, in site order."""
        return self._placed()[0].get(code, [])

    def in_group(self, code: str) -> list[Indicator]:
        """The indicators placed in a level-2 group, in site order."""
        return self._placed()[1].get(code, [])

    def _placed(self) -> tuple[dict[str, list[Indicator]], dict[str, list[Indicator]]]:
        """Area and group members, made once: every generated page and the navigation ask,
        and scanning all indicators for each of thousands of groups would be quadratic.
        An indicator's area and group are set when it is loaded and never change."""
        made_from, count, areas, groups = self._placement
        if made_from is not self.indicators or count != len(self.indicators):
            areas, groups = {}, {}
            for indicator in self.indicators.values():
                areas.setdefault(indicator.area, []).append(indicator)
                groups.setdefault(indicator.group, []).append(indicator)
            self._placement = (self.indicators, len(self.indicators), areas, groups)
        return areas, groups

    def evidence_gaps(self) -> list[Indicator]:
        """Indicators that do not yet meet the evidence rule."""
        return [i for i in self.indicators.values() if not i.meets_evidence_rule]

    def by_source(self, code: str) -> list[Indicator]:
        return [i for i in self.indicators.values() if i.source == code]

    def cited_files(self) -> dict[str, list[str]]:
        """evidence path -> IDs of the indicators citing it."""
        cited: dict[str, list[str]] = {}
        for indicator in self.indicators.values():
            for path in dict.fromkeys(indicator.cites):
                cited.setdefault(path, []).append(indicator.id)
        return cited

    def counts(self) -> Counter:
        return Counter(f.severity for f in self.findings)


def load_site(root: Path, settings: Settings | None = None, evidence: EvidenceIndex | None = None,
              read_evidence: bool = True) -> Site:
    """The site at `root`; `evidence` replaces the walk of evidence/ (history passes Git's listing).
    `read_evidence=False` is for a site whose evidence is known by path and size only (an
    earlier commit): the reviews that open evidence files (personal data, photos) are skipped."""
    root = Path(root)
    settings = settings or Settings()
    findings: list[Finding] = []
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
