"""The domain model: one place for every value staff may write and every invariant.

`Framework` (sources, areas, groups), `Indicator` (one third-level indicator page),
`EvidenceItem`, `Problem`; the vocabularies `Status`, `EvidenceType`, `Audience`; `Finding`
and `Severity` (defined in the catalogue, a lower layer). Beside it: `settings` (what
mkdocs.yml sets), `site` (the loaded `Site` every layer above names, with what the reviews
found), `evidence_index` (the evidence folder), `phases`, `periods`, `deadlines`, `asof`.
Nothing in this module reads files or knows about MkDocs.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from types import MappingProxyType
from evidencesite.catalogue.checks import say

from evidencesite.model.deadlines import recurrence

# A finding is a sentence from the catalogue, a layer below this one (see evidencesite.LAYERS);
# every reader of the model meets it, so the model names it too.
from evidencesite.catalogue.finding import Finding, Severity


# ---------------------------------------------------------------------------
# Vocabularies
# ---------------------------------------------------------------------------


class Status(enum.StrEnum):
    """Where work on an indicator stands (the status field)."""

    NOT_STARTED = "未启动"
    """Nothing done yet."""
    IN_PROGRESS = "推进中"
    """Work under way; evidence may be incomplete."""
    DONE = "已完成"
    """Finished: the evidence rule must be met."""

    @property
    def css_class(self) -> str:
        return {"未启动": "not-started", "推进中": "in-progress", "已完成": "done"}[self.value]


class EvidenceType(enum.StrEnum):
    """The four kinds of material the work plan (六(六)) names."""

    DOCUMENT = "文件"
    PHOTO = "图片"
    NEWS_LINK = "新闻链接"
    SUMMARY = "情况简介"


class Audience(enum.StrEnum):
    """Who a build is for (SITE_AUDIENCE)."""

    PUBLIC = "public"
    """The publicity site: non-public items are left out."""
    ASSESSOR = "assessor"
    """The assessors' site: everything, marked 评审专用."""

    @property
    def banner(self) -> str:
        """What every page of this audience's site says at its top ('' for the public)."""
        return "评审专用,请勿公开" if self is Audience.ASSESSOR else ""


class ReviewResult(enum.StrEnum):
    """What the city's preliminary review (市级初评) decided about one indicator."""

    PASSED = "通过"
    """The package may go into the declaration as it is."""
    RETURNED = "退回修改"
    """The lead unit must rework the package; the comment says what."""


# What staff type for a result instead of its label, for the "did you mean" of review.py.
REVIEW_RESULT_ALIASES = {"退回": "退回修改", "退回整改": "退回修改", "不通过": "退回修改", "通过了": "通过", "合格": "通过",
                         "pass": "通过", "passed": "通过", "return": "退回修改", "returned": "退回修改"}


class ReviewState(enum.StrEnum):
    """Where an indicator stands in the 初评, for counts and dashboards."""

    NOT_REVIEWED = "未初评"
    PASSED = "已通过"
    RETURNED = "已退回"
    STALE = "需复核"
    """Reviewed, but the package changed since: the review no longer covers it."""


# Values that look like a note but say nothing (compared after `normalise_note`).
PLACEHOLDER_NOTES = frozenset(
    {"无", "暂无", "没有", "待补充", "待补", "待完善", "待定", "待填", "略", "空", "同上", "见附件",
     "todo", "tbd", "na", "n/a", "none", "null", "-", "--", "/", "xxx", "无材料", "暂无材料"}
)
NOTE_MIN_CHARS = 6

ID_PATTERN = re.compile(r"^([A-Z])(\d{3,})$")
SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
"""Zero-width characters that editors and web pages leave in text: nobody can see them,
so nobody could mean them (zero-width space, non-joiner, joiner, word joiner, BOM)."""
_INVISIBLE = str.maketrans("", "", INVISIBLE)


def strip_invisible(value: str) -> str:
    return value.translate(_INVISIBLE)


def has_invisible(value: str) -> bool:
    return any(ch in INVISIBLE for ch in value)


def normalise_code(value: str) -> str:
    """Full-width letters and digits, stray spaces: 'Ｎ００７ ' reads as 'N007'."""
    return strip_invisible(unicodedata.normalize("NFKC", value)).strip()


def loose_name(value: str) -> str:
    """A file name as a person reads it: full-width and half-width alike, no invisible
    characters, no spaces (for "did you mean this file?")."""
    return re.sub(r"\s+", "", normalise_code(value))


def meant_id(name: str) -> str:
    """The ID a page's file name evidently means ('Ｎ００２.md', 'n002 .md', 'N002\u200b.md'
    -> 'N002'), or '' when it means none."""
    stem = loose_name(name).split(".")[0].upper()
    m = ID_PATTERN.match(stem)
    return canonical_id(m.group(1), int(m.group(2))) if m else ""


def normalise_note(value: str) -> str:
    """The text of a note with spacing and trailing punctuation removed, lower-cased."""
    text = unicodedata.normalize("NFKC", value).strip().lower()
    return re.sub(r"[\s。.,,;;!!…]+$", "", re.sub(r"\s+", "", text))


def note_says_something(value: str) -> bool:
    """A note must be at least NOTE_MIN_CHARS characters and not a placeholder.

    Length alone is easy to reach with nothing: `------`, `xxxxxxxx`, `待补充待补充`. So a
    note also fails when its letters and digits are one character repeated, or nothing
    but placeholders one after another."""
    text = normalise_note(value)
    if len(text) < NOTE_MIN_CHARS or text in PLACEHOLDER_NOTES:
        return False
    content = "".join(ch for ch in strip_invisible(text) if unicodedata.category(ch)[0] not in "PSZC")
    return len(set(content)) > 1 and not _ONLY_PLACEHOLDERS.fullmatch(content)


def _placeholder_run() -> re.Pattern[str]:
    words = {"".join(ch for ch in w if unicodedata.category(ch)[0] not in "PSZC") for w in PLACEHOLDER_NOTES}
    return re.compile("(?:" + "|".join(re.escape(w) for w in sorted(words - {""}, key=len, reverse=True)) + ")+")


_ONLY_PLACEHOLDERS = _placeholder_run()


UNIT_SEPARATORS = re.compile(r"[、,\uff0c;\uff1b/\n]+")
"""What separates units written in one cell or field: 市司法局、市委编办 are two units."""


def unit_key(name: str) -> str:
    """The form of a unit name that identifies it: NFKC, no surrounding or inner spaces."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def split_units(text: str) -> list[str]:
    """'市司法局、市委编办 ' -> ['市司法局', '市委编办']: trimmed, empty parts dropped, each once."""
    return list(dict.fromkeys(part.strip() for part in UNIT_SEPARATORS.split(text or "") if part.strip()))


def canonical_id(source: str, number: int) -> str:
    return f"{source}{number:03d}"


# ---------------------------------------------------------------------------
# Framework
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """A source of indicators (国家指标, 省定特色指标 …) with its expected page count."""

    code: str
    name: str
    expected: int
    group_required: bool = True


@dataclass(frozen=True)
class Group:
    """A level-2 indicator (二级指标) inside one area."""

    code: str
    title: str
    area_code: str
    points: float | None = None
    """分值 of the whole group, as the register writes it after the title ((30分)); None: not given."""


@dataclass(frozen=True)
class Area:
    """A level-1 indicator (一级指标)."""

    code: str
    title: str
    groups: tuple[Group, ...] = ()
    points: float | None = None
    """分值 of the whole area, as the register writes it after the title ((180分)); None: not given."""


@dataclass
class Framework:
    """Sources, areas and groups, in the order the framework file gives them."""

    edition: str = ""
    sources: dict[str, Source] = field(default_factory=dict)
    areas: dict[str, Area] = field(default_factory=dict)

    _groups: tuple = field(default=((), {}), init=False, repr=False, compare=False)
    """(the areas the map was made from, code -> group): made again only when an area changes."""

    @property
    def groups(self) -> Mapping[str, Group]:
        """Every group by code, read-only. Asked for once per page and per indicator, so it
        is kept until the areas change (areas are frozen: comparing them by identity is enough)."""
        areas = tuple(self.areas.values())
        made_from, groups = self._groups
        if len(made_from) != len(areas) or any(a is not b for a, b in zip(made_from, areas)):
            groups = MappingProxyType({g.code: g for a in areas for g in a.groups})
            self._groups = (areas, groups)
        return groups


# ---------------------------------------------------------------------------
# Indicator pages
# ---------------------------------------------------------------------------


EVIDENCE_URL = "evidence/"
"""Where the built site serves evidence files (evidence/<path>), whatever folder they are
read from (`evidence_dir`): the site path every page, export and manifest uses."""


def evidence_href(path: str) -> str:
    """The site path an evidence file (a path relative to the evidence folder) is served at."""
    return str(PurePosixPath(EVIDENCE_URL) / path)


def served_evidence(site_path: str) -> str | None:
    """The evidence file a site path serves (its path relative to the evidence folder), or
    None for any other file of the site."""
    return site_path[len(EVIDENCE_URL):] if site_path.startswith(EVIDENCE_URL) else None


@dataclass
class EvidenceSnapshot:
    """A copy of the page behind a news link, kept under evidence/ (scripts/snapshot_links.py):
    the `snapshot` field of a link item."""

    file: str
    """Path under evidence/, as `EvidenceItem.file`."""
    captured: dt.datetime
    """When the page was fetched (with its UTC offset)."""
    sha256: str
    """Checksum recorded when the copy was made; the check compares the file against it."""
    withheld: str = ""
    """Why the public build leaves the copy out although its item is public (personal data
    in its text); empty when nothing stops it."""

    @property
    def href_path(self) -> str:
        return evidence_href(self.file)


@dataclass
class EvidenceItem:
    """One piece of evidence: a file under evidence/ or an http(s) link."""

    title: str
    type: EvidenceType
    file: str | None = None
    url: str | None = None
    public: bool = True
    date: dt.date | None = None
    location: str | None = None
    size: int | None = None
    """Bytes, for files; filled by the loader (for photos, the published copy's size)."""
    withheld: str = ""
    """Why the public build leaves this public item out (personal data in the file, a photo
    format that cannot be cleaned); empty when nothing stops it."""
    sha256: str = ""
    """Checksum of the file as published, filled by the build for the items it publishes."""
    snapshot: EvidenceSnapshot | None = None
    """The kept copy of a news link's page, or None (no copy, or one that failed its check)."""

    @property
    def href_path(self) -> str | None:
        """Where the file is served, relative to the site root (evidence/<file>)."""
        return evidence_href(self.file) if self.file else None

    def is_published(self, audience: Audience) -> bool:
        return audience is Audience.ASSESSOR or (self.public and not self.withheld)

    def published_snapshot(self, audience: Audience) -> EvidenceSnapshot | None:
        """The snapshot this audience's build publishes: only with its item, and for the
        public only when its own text passed the personal-data review."""
        snap = self.snapshot
        if snap is None or not self.is_published(audience):
            return None
        return snap if audience is Audience.ASSESSOR or not snap.withheld else None


@dataclass
class Problem:
    """A row of the rectification ledger (问题清单/整改台账)."""

    problem: str
    measure: str
    due: dt.date | None = None
    closed: dt.date | None = None

    @property
    def is_open(self) -> bool:
        return self.closed is None


@dataclass(frozen=True)
class Review:
    """The 市级初评 record of one indicator (its front matter's `review` block)."""

    result: ReviewResult
    by: str
    """The reviewing unit."""
    date: dt.date
    fingerprint: str
    """SHA-256 of the package as reviewed (evidence list, notes, cited files' bytes)."""
    comment: str = ""


@dataclass
class Indicator:
    """One third-level indicator (三级指标): one page under docs/indicators/.

    Fields that failed validation are left at their defaults; the findings say why.
    """

    id: str
    path: str
    """The page's path relative to the site root, with forward slashes."""
    source: str = ""
    number: int = 0
    title: str = ""
    requirement: str = ""
    area: str = ""
    group: str = ""
    lead: str = ""
    partners: list[str] = field(default_factory=list)
    due: dt.date | None = None
    due_text: str = ""
    """The deadline as the register writes it (`每月5日前`, `4月底`, `长期坚持`), beside `due`."""
    points: float | None = None
    """分值: what the indicator counts for in the assessment, from the register."""
    changed: dt.date | None = field(default=None, compare=False)
    """When the page or an evidence file it cites last changed, from Git (a change not yet
    committed counts as the build day); None without a version record. Set by
    `History.stamp`; only a recurring deadline is judged by it."""
    status: Status | None = None
    evidence: list[EvidenceItem] = field(default_factory=list)
    on_site: str = ""
    none: str = ""
    not_applicable: str = ""
    """Why the indicator does not apply to this filer (e.g. a county and a 设区的市 duty):
    satisfies the evidence rule, counted apart from evidence and the other notes."""
    problems: list[Problem] = field(default_factory=list)
    body: str = ""
    has_errors: bool = False
    cites: list[str] = field(default_factory=list)
    """evidence/ paths this page means in its `file:` values, valid items or not (for file-uncited)."""
    review: Review | None = None
    review_stale: bool = False
    """The package changed after the review (set when the site loads)."""
    front_matter: dict | None = field(default=None, repr=False, compare=False)
    """The front matter as parsed (a mapping), or None when it could not be read; shared
    with the loader's memory of the page's text, so never modified."""

    @property
    def display_title(self) -> str:
        return f"{self.id} {self.title}".strip()

    @property
    def meets_evidence_rule(self) -> bool:
        """1–3 main pieces of evidence (more is advice), or an on_site, none or not_applicable note."""
        return bool(self.evidence) or bool(self.on_site) or bool(self.none) or bool(self.not_applicable)

    @property
    def review_state(self) -> ReviewState:
        if self.review is None:
            return ReviewState.NOT_REVIEWED
        if self.review_stale:
            return ReviewState.STALE
        return ReviewState.PASSED if self.review.result is ReviewResult.PASSED else ReviewState.RETURNED

    def is_overdue(self, today: dt.date) -> bool:
        return self.overdue_node(today) is not None

    def overdue_node(self, today: dt.date) -> dt.date | None:
        """The passed time node that makes the indicator overdue, or None: its `due` once
        past; for a recurring deadline (`每月5日前`) the last node its page and evidence
        missed (`Recurrence.missed`), known only where Git says when they last changed."""
        if self.status is Status.DONE:
            return None
        if self.due is not None:
            return self.due if self.due < today else None
        missed = self._missed(today)
        return missed[0] if missed else None

    def overdue_reason(self, today: dt.date) -> str:
        """Why a recurring deadline counts as overdue, in staff's words ('' otherwise)."""
        missed = self._missed(today) if self.due is None and self.status is not Status.DONE else None
        if missed is None:
            return ""
        node, previous = missed
        return f"上次时间节点 {node.isoformat()} 已过,{previous.isoformat()} 以来页面和证据未更新"

    def _missed(self, today: dt.date) -> tuple[dt.date, dt.date] | None:
        rule = recurrence(self.due_text) if self.due_text and self.changed is not None else None
        return rule.missed(self.changed, today) if rule else None

    @property
    def open_problems(self) -> list[Problem]:
        return [p for p in self.problems if p.is_open]

    @property
    def leads(self) -> list[str]:
        """The lead units: `lead: 市司法局、市委编办` is a joint lead of two units."""
        return split_units(self.lead)

    def units(self) -> list[str]:
        """Lead units first, then partners, without repeats."""
        return list(dict.fromkeys([u for u in [*self.leads, *self.partners] if u]))


# ---------------------------------------------------------------------------
# Field paths, as findings name them
# ---------------------------------------------------------------------------


def field_label(path: tuple[str | int, ...]) -> str:
    """('evidence', 1, 'file') -> 'evidence 第2项 file' (items counted from 1, as staff count)."""
    parts: list[str] = []
    for part in path:
        parts.append(say("finding.item-number", number=part + 1) if isinstance(part, int) else str(part))
    return " ".join(parts)
