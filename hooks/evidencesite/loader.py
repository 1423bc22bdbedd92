"""Load a whole site (framework, pages, evidence folder) into the model and check it.

`load_site()` is the one entry point: the build, `scripts/check.py`, the exports and
the tests all call it, and all see the same `Site` with the same findings. Every rule
of the page contract is applied here or in `schema`; nothing stops at the first
problem.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from evidencesite import disclosure, publicity, schema, self_assessment
from evidencesite.evidence_index import EvidenceIndex
from evidencesite.messages import finding
from evidencesite.model import (
    ID_PATTERN, Area, EvidenceItem, EvidenceType, Finding, Framework, Group, Indicator, Problem,
    Severity, Source, Status, canonical_id, field_label, normalise_code, note_says_something,
)
from evidencesite.settings import Settings
from evidencesite.sourcefile import PageSource, SourceError, YamlData, parse_yaml, read_text, split_page

_CODE_FIELDS = ("id", "area", "group")
_DATE_FIELDS = ("due", "date", "closed")


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
    page_texts: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    """path -> text of every indicator page as read, so the review does not read it again."""

    _index: tuple = field(default=(None, 0, {}), init=False, repr=False, compare=False)
    """(the findings list indexed, how many of it, indicator -> findings), for findings_for."""

    def findings_for(self, indicator_id: str) -> list[Finding]:
        """The findings about one indicator. Asked for by every page, so the findings are
        indexed once; hooks only ever append to `findings`, and what they append later is
        added to the index on the next question."""
        indexed, count, by_indicator = self._index
        if indexed is not self.findings or count > len(self.findings):
            indexed, count, by_indicator = self.findings, 0, {}
        for f in self.findings[count:]:
            by_indicator.setdefault(f.indicator, []).append(f)
        self._index = (indexed, len(self.findings), by_indicator)
        return list(by_indicator.get(indicator_id, ()))

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


def load_site(root: Path, settings: Settings | None = None, evidence: EvidenceIndex | None = None) -> Site:
    """The site at `root`; `evidence` replaces the walk of evidence/ (history passes Git's listing)."""
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
    site = Site(root, settings, framework, _ordered(indicators, framework), evidence, findings, page_texts=texts)
    findings.extend(_site_findings(site))
    findings.extend(self_assessment.findings(root, settings) + publicity.post_findings(root, settings))
    site.disclosure = disclosure.review(site)
    findings.extend(site.disclosure.findings)
    return site


# ---------------------------------------------------------------------------
# Framework
# ---------------------------------------------------------------------------


def load_framework(root: Path, settings: Settings, findings: list[Finding]) -> Framework:
    path = settings.framework
    file = root / path
    if not file.is_file():
        findings.append(finding("framework-missing", path=path, framework=path))
        return Framework()
    try:
        parsed = parse_yaml(read_text(file, path), path)
    except SourceError as exc:
        findings.append(exc.finding)
        return Framework()
    findings.extend(parsed.findings)
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
                                    field=field_label(("sources", i, "code")), kind="来源", value=code))
            continue
        framework.sources[code] = Source(code, name, int(expected), raw.get("group_required") is not False)
    seen_groups: set[str] = set()
    for i, raw in enumerate(_dicts(data.get("areas"))):
        code = normalise_code(_text(raw.get("code")))
        if not code:
            continue
        if code in framework.areas:
            findings.append(finding("framework-duplicate", path=path, line=parsed.line(("areas", i)),
                                    field=field_label(("areas", i, "code")), kind="一级指标", value=code))
            continue
        groups = []
        for j, g in enumerate(_dicts(raw.get("groups"))):
            g_code = normalise_code(_text(g.get("code")))
            if not g_code:
                continue
            if g_code in seen_groups:
                findings.append(finding("framework-duplicate", path=path, line=parsed.line(("areas", i, "groups", j)),
                                        field=field_label(("areas", i, "groups", j, "code")), kind="二级指标", value=g_code))
                continue
            seen_groups.add(g_code)
            groups.append(Group(g_code, _text(g.get("title")), code))
        framework.areas[code] = Area(code, _text(raw.get("title")), tuple(groups))
    return framework


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


def _indicator_pages(root: Path, settings: Settings, findings: list[Finding]) -> list[Path]:
    folder = root / settings.indicators_dir
    if not folder.is_dir():
        return []
    pages = []
    for dirpath, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.lower().endswith(".md"):
                continue
            file = Path(dirpath, name)
            if Path(dirpath) != folder:
                rel = _rel(file, root)
                findings.append(finding("id-subfolder", path=rel, folder=_rel(Path(dirpath), root)))
                continue
            pages.append(file)
    return pages


def read_indicator(file: Path, root: Path, settings: Settings, framework: Framework, evidence: EvidenceIndex,
                   taken: dict[str, str] | None = None, texts: dict[str, str] | None = None) -> tuple[Indicator, list[Finding]]:
    """One page to an Indicator and its findings (the Indicator holds only valid values).

    `taken` maps the IDs of the site's pages to their paths, for duplicate IDs; the
    page's text is added to `texts` when it can be read."""
    path = _rel(file, root)
    stem = file.stem
    indicator = Indicator(id=stem, path=path)
    m = ID_PATTERN.match(stem)
    if m:
        indicator.source, indicator.number = m.group(1), int(m.group(2))
    ctx = _PageContext(path, indicator, settings.framework, taken=taken or {})
    if not m:
        ctx.add("id-filename", name=file.name)
    try:
        text = read_text(file, path)
        if texts is not None:
            texts[path] = text
        page, data, schema_findings = _front_matter(text, path, indicator.id, indicator.source)
    except SourceError as exc:
        ctx.findings.append(_for(exc.finding, indicator))
        indicator.has_errors = True
        indicator.cites = _own_folder(evidence, stem)
        return indicator, ctx.findings
    indicator.body = page.body
    parsed = page.front_matter
    ctx.parsed = parsed
    indicator.front_matter = parsed.data if isinstance(parsed.data, dict) else None
    ctx.findings.extend(_for(f, indicator) for f in parsed.findings)
    if data is None:
        kind = "空内容" if parsed.data is None else "列表" if isinstance(parsed.data, list) else "一行文字"
        ctx.add("yaml-not-mapping", line=2, kind=kind)
        indicator.has_errors = True
        indicator.cites = _own_folder(evidence, stem)
        return indicator, ctx.findings
    ctx.findings.extend(schema_findings)
    _fill(indicator, data, ctx, framework, evidence)
    ctx.findings = disclosure.mark_private_findings(ctx.findings, data.get("evidence"))
    indicator.has_errors = any(f.severity is Severity.ERROR for f in ctx.findings)
    return indicator, ctx.findings


@functools.lru_cache(maxsize=16384)
def _front_matter(text: str, path: str, indicator_id: str, source: str) -> tuple[PageSource, dict | None, list[Finding]]:
    """A page's text parsed, normalised and checked against the schema: what depends on
    the text alone. Remembered by the text itself, so `mkdocs serve` parses again only the
    pages that changed; a changed page is a different key, so nothing can go stale.
    What is returned is shared by every build that reads the same text: never modify it."""
    page = split_page(text, path)
    parsed = page.front_matter
    if not isinstance(parsed.data, dict):
        return page, None, []
    data = _normalise(parsed.data)
    return page, data, schema.validate(data, schema.PAGE_SCHEMA, parsed, path, indicator=indicator_id, source=source)


@dataclass
class _PageContext:
    path: str
    indicator: Indicator
    framework_path: str = ""
    taken: dict[str, str] = field(default_factory=dict)
    """ID -> path of every indicator page of the site."""
    parsed: YamlData | None = None
    findings: list[Finding] = field(default_factory=list)

    def add(self, code: str, where: tuple = (), line: int | None = None, **params: Any) -> None:
        if line is None and self.parsed is not None:
            line = self.parsed.line(where)
        self.findings.append(finding(code, path=self.path, line=line, field=field_label(where),
                                     indicator=self.indicator.id, source=self.indicator.source, **params))


def _normalise(data: dict[str, Any]) -> dict[str, Any]:
    """Accept what staff mean: full-width codes, other date spellings, one partner as text,
    and an optional field left empty as if it were absent."""
    out = {k: v for k, v in data.items() if v is not None or k in ("id", "title", "area", "lead", "status")}
    for key in _CODE_FIELDS:
        if isinstance(out.get(key), str):
            out[key] = normalise_code(out[key])
    if isinstance(out.get("partners"), str):
        out["partners"] = [p.strip() for p in out["partners"].replace("、", ",").replace(",", ",").split(",") if p.strip()]
    if "due" in out:
        out["due"] = schema.normalise_date_text(out["due"])
    for list_key in ("evidence", "problems"):
        if isinstance(out.get(list_key), list):
            out[list_key] = [
                {k: schema.normalise_date_text(v) if k in _DATE_FIELDS else v for k, v in item.items() if v is not None}
                if isinstance(item, dict) else item for item in out[list_key]
            ]
    return out


def _fill(ind: Indicator, data: dict[str, Any], ctx: _PageContext, framework: Framework, evidence: EvidenceIndex) -> None:
    _check_identity(ind, data, ctx, framework)
    ind.title = _text(data.get("title"))
    ind.requirement = _text(data.get("requirement"))
    ind.lead = _text(data.get("lead"))
    ind.partners = [p for p in data.get("partners") or [] if isinstance(p, str)] if isinstance(data.get("partners"), list) else []
    ind.due = _date(data.get("due"), ("due",), ctx)
    status = data.get("status")
    ind.status = Status(status) if status in Status._value2member_map_ else None
    _check_placement(ind, data, ctx, framework)
    items = data.get("evidence") if isinstance(data.get("evidence"), list) else []
    for i, raw in enumerate(items):
        item = _evidence_item(raw, ("evidence", i), ctx, evidence)
        if item:
            ind.evidence.append(item)
    if len(items) > 3:
        ctx.add("evidence-too-many", ("evidence",), count=len(items))
    for key, fix in (("on_site", "写明材料存放在哪里、由谁在实地核查时提供,例如“原始卷宗12卷存市司法局档案室,由法治督察科提供”。"),
                     ("none", "写明为什么没有材料,例如“本市本年度未作出此类决策,无相关材料”。")):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            if note_says_something(value):
                setattr(ind, key, value.strip())
            else:
                ctx.add("note-placeholder", (key,), key=key, value=value.strip(), key_fix=fix + "(至少 6 个字,不能只写“无”“暂无”“待补充”等)")
    if ind.none and items:
        ctx.add("note-contradiction", ("none",), problem="写了 none(没有相关材料),同时又列了证据。",
                fix="有材料就删除 none;确实没有材料就删除 evidence。")
    if ind.none and ind.on_site:
        ctx.add("note-contradiction", ("none",), problem="同时写了 on_site(实地核查时提供材料)和 none(没有相关材料)。",
                fix="只保留符合实际的一个。")
    for i, raw in enumerate(data.get("problems") if isinstance(data.get("problems"), list) else []):
        if isinstance(raw, dict) and isinstance(raw.get("problem"), str) and isinstance(raw.get("measure"), str):
            ind.problems.append(Problem(raw["problem"], raw["measure"],
                                        _date(raw.get("due"), ("problems", i, "due"), ctx),
                                        _date(raw.get("closed"), ("problems", i, "closed"), ctx)))
    if not ind.meets_evidence_rule:
        if ind.status is Status.DONE:
            ctx.add("done-without-evidence", ("status",))
        else:
            ctx.add("evidence-gap", ("evidence",))


def _check_identity(ind: Indicator, data: dict[str, Any], ctx: _PageContext, framework: Framework) -> None:
    value = data.get("id")
    stem = ind.id
    if isinstance(value, str) and value and value != stem:
        ctx.add("id-mismatch", ("id",), value=value, stem=stem)
        if value in ctx.taken:
            ctx.add("id-duplicate", ("id",), value=value, other=ctx.taken[value])
    if not ind.source:
        return
    canonical = canonical_id(ind.source, ind.number)
    if canonical != stem:
        ctx.add("id-noncanonical", ("id",), value=stem, canonical=canonical)
    source = framework.sources.get(ind.source)
    if framework.sources and source is None:
        ctx.add("source-unknown", ("id",), value=stem, letter=ind.source, known="、".join(framework.sources),
                framework=ctx.framework_path)
    elif source and not 1 <= ind.number <= source.expected:
        ctx.add("source-out-of-range", ("id",), value=stem, source_name=source.name, expected=source.expected,
                framework=ctx.framework_path)


def _check_placement(ind: Indicator, data: dict[str, Any], ctx: _PageContext, framework: Framework) -> None:
    area, group = data.get("area"), data.get("group")
    if not framework.areas:
        return
    if isinstance(area, str) and area:
        if area in framework.areas:
            ind.area = area
        else:
            ctx.add("area-unknown", ("area",), value=area, known="、".join(framework.areas),
                    suggestion=schema.did_you_mean(area, list(framework.areas), {}))
    group_codes = [g.code for g in framework.areas[ind.area].groups] if ind.area else []
    known = "、".join(group_codes) or "(该一级指标下尚未定义二级指标)"
    if isinstance(group, str) and group:
        owner = framework.groups.get(group)
        if owner is None:
            ctx.add("group-unknown", ("group",), value=group, area=ind.area or area, known=known,
                    suggestion=schema.did_you_mean(group, group_codes or list(framework.groups), {}))
        elif ind.area and owner.area_code != ind.area:
            ctx.add("group-wrong-area", ("group",), value=group, actual=owner.area_code, area=ind.area, known=known)
        else:
            ind.group = group
            ind.area = ind.area or owner.area_code
    elif "group" not in data:
        source = framework.sources.get(ind.source)
        if source and source.group_required:
            ctx.add("group-missing", ("group",), line=ctx.parsed.line(()) if ctx.parsed else None,
                    source_name=source.name, known=known)


def _evidence_item(raw: Any, where: tuple, ctx: _PageContext, evidence: EvidenceIndex) -> EvidenceItem | None:
    if not isinstance(raw, dict):
        return None
    title, kind = raw.get("title"), raw.get("type")
    file, url = raw.get("file"), raw.get("url")
    ok = isinstance(title, str) and title.strip() and kind in EvidenceType._value2member_map_
    found = evidence.resolve(file) if isinstance(file, str) and file else None
    meant = found and (found.file.path if found.file else found.details.get("actual"))
    if meant:
        ctx.indicator.cites.append(meant)
    if file is not None and url is not None:
        ctx.add("evidence-file-and-url", where)
        return None
    if file is None and url is None:
        ctx.add("evidence-no-target", where)
        return None
    item = EvidenceItem(title=str(title).strip() if ok else "", type=EvidenceType(kind) if ok else EvidenceType.DOCUMENT,
                        public=raw.get("public", True) is True,  # a wrong value is never public
                        date=_date(raw.get("date"), (*where, "date"), ctx),
                        location=raw.get("location") if isinstance(raw.get("location"), str) else None)
    if found:
        if found.problem:
            ctx.add(found.problem, (*where, "file"), value=file,
                    **{"folder": ctx.indicator.id or "编号", **found.details})
            return None
        if found.file.size == 0:
            ctx.add("file-empty", (*where, "file"), value=found.file.path)
            return None
        item.file, item.size = found.file.path, found.file.size
    elif isinstance(url, str) and url:
        parts = urlsplit(url.strip())
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            ctx.add("url-scheme", (*where, "url"), value=url)
            return None
        item.url = url.strip()
    else:
        return None  # wrong type: the schema said so
    return item if ok else None


def _date(value: Any, where: tuple, ctx: _PageContext) -> dt.date | None:
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        if value[4] == "-" and value[7] == "-":
            ctx.add("date-invalid", where, value=_written(ctx, where, value))
        return None


def _written(ctx: _PageContext, where: tuple, default: str) -> str:
    """The value at `where` as staff wrote it, before `_normalise` (for messages)."""
    value: Any = ctx.parsed.data if ctx.parsed else None
    for part in where:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return default
    return value if isinstance(value, str) else default


# ---------------------------------------------------------------------------
# Whole-site rules
# ---------------------------------------------------------------------------


def _site_findings(site: Site) -> list[Finding]:
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
            out.append(finding("file-large", path=f"{site.settings.evidence_dir}/{path}", value=path,
                               size=_human_size(file.size), limit=_human_size(limit),
                               indicator=citing[0] if citing else "",
                               source=citing[0][0] if citing else ""))
        if path not in cited:
            out.append(finding("file-uncited", path=f"{site.settings.evidence_dir}/{path}", value=path))
    return out


def _human_size(size: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"


human_size = _human_size


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _ordered(indicators: dict[str, Indicator], framework: Framework) -> dict[str, Indicator]:
    order = {code: i for i, code in enumerate(framework.sources)}
    return dict(sorted(indicators.items(), key=lambda kv: (order.get(kv[1].source, len(order)), kv[1].source,
                                                           kv[1].number, kv[0])))


def _for(f: Finding, indicator: Indicator) -> Finding:
    from dataclasses import replace
    return replace(f, indicator=indicator.id, source=indicator.source)


def _own_folder(evidence: EvidenceIndex, indicator_id: str) -> list[str]:
    """The files under evidence/<ID>/: what a page that cannot be read may cite."""
    return [path for path in evidence.files if path.startswith(indicator_id + "/")]


def _rel(file: Path, root: Path) -> str:
    return PurePosixPath(*Path(os.path.relpath(file, root)).parts).as_posix()


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _dicts(value: Any) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
