"""The loaded site: everything the build knows, in one object every layer above the model
names (`loading.loader.load_site` makes it).

Besides the framework, the indicators and the evidence it carries what the reviews found
when the site was loaded (personal data, photos, the on-site record): plain records here,
made by the checks that fill them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from evidencesite.files.cache import Cache
from evidencesite.model import Finding, Framework, Indicator
from evidencesite.model.evidence_index import EvidenceIndex
from evidencesite.model.settings import Settings


@dataclass(frozen=True)
class OnsiteCheck:
    """One line of the 核查记录: an item of an indicator, shown or not, on a day."""

    indicator_id: str
    item: int | None
    """The evidence item's number (from 1), or None for the on_site note."""
    what: str
    """The item's title, or the on_site note, as the record names it."""
    shown: bool
    note: str
    date: dt.date


@dataclass
class DocsFiles:
    """What the review of the files under docs/ that are not pages decided (checks/docs_files.py)."""

    copies: dict[str, Path] = field(default_factory=dict)
    """docs-relative path -> the photo's clean copy in the build cache."""
    withheld: dict[str, str] = field(default_factory=dict)
    """docs-relative path -> why the public build leaves it out."""
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Disclosure:
    """What the personal-data review of the whole site found and decided (checks/disclosure.py)."""

    allowed: frozenset[str] = frozenset()
    """Numbers reviewed as not personal data wherever the pages carry them: left unmasked."""
    withheld: dict[str, str] = field(default_factory=dict)
    """Evidence path -> why the public build leaves the file out."""
    findings: list[Finding] = field(default_factory=list)
    docs_files: DocsFiles = field(default_factory=DocsFiles)
    """The files under docs/ that are not pages: clean photo copies, and those withheld."""


@dataclass
class PhotoReview:
    """The photos a build of this audience publishes: their clean copies, and the findings
    about those that cannot be decoded (left out of the build)."""

    copies: dict[str, Path] = field(default_factory=dict)
    """evidence path -> the clean copy in the build cache."""
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Site:
    """Everything the build knows: the framework, every indicator, the evidence, the findings."""

    root: Path
    settings: Settings
    framework: Framework
    indicators: dict[str, Indicator]
    evidence: EvidenceIndex
    findings: list[Finding] = field(default_factory=list)
    disclosure: Disclosure | None = None
    """What the personal-data review found and decided (checks/disclosure.py)."""
    photos: PhotoReview = field(default_factory=PhotoReview)
    """The clean copies of the photos this audience publishes (checks/images.py)."""
    onsite_checks: dict[str, list[OnsiteCheck]] = field(default_factory=dict)
    """ID -> what the on-site verification recorded for it (核查记录; shown to assessors only)."""
    page_texts: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    """path -> text of every page under docs/ as read, so later checks do not read it again."""

    _index: tuple = field(default=(None, 0, {}, {}), init=False, repr=False, compare=False)
    """(the findings list indexed, how many of it, indicator -> findings, path -> findings)."""

    _cache: Cache | None = field(default=None, init=False, repr=False, compare=False)

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

    _placement: tuple = field(default=(None, 0, {}, {}, {}), init=False, repr=False, compare=False)

    def in_area(self, code: str) -> list[Indicator]:
        """The indicators placed in a level-1 area, in site order."""
        return self._placed()[0].get(code, [])

    def in_group(self, code: str) -> list[Indicator]:
        """The indicators placed in a level-2 group, in site order."""
        return self._placed()[1].get(code, [])

    def indicator_at(self, path: str) -> Indicator | None:
        """The indicator whose page is `path` (relative to the site root, as findings name it:
        docs/indicators/N001.md), or None: the one answer to "is this an indicator page?"."""
        return self._placed()[2].get(path)

    def _placed(self) -> tuple[dict[str, list[Indicator]], dict[str, list[Indicator]], dict[str, Indicator]]:
        """Area and group members and pages, made once: every generated page and the navigation
        ask, and scanning all indicators for each of thousands of groups would be quadratic.
        An indicator's area, group and page are set when it is loaded and never change."""
        made_from, count, areas, groups, pages = self._placement
        if made_from is not self.indicators or count != len(self.indicators):
            areas, groups, pages = {}, {}, {}
            for indicator in self.indicators.values():
                areas.setdefault(indicator.area, []).append(indicator)
                groups.setdefault(indicator.group, []).append(indicator)
                pages[indicator.path] = indicator
            self._placement = (self.indicators, len(self.indicators), areas, groups, pages)
        return areas, groups, pages

    @property
    def cache(self) -> Cache:
        """The site's build cache (`cache_dir`), one object for the whole build: every stage
        then shares the file hashes the others have learnt, instead of each reading and
        saving its own copy of them."""
        if self._cache is None:
            self._cache = Cache(self.root / self.settings.cache_dir)
        return self._cache

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
