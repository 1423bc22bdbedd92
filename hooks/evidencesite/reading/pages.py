"""One indicator page to the model: which files in docs/indicators/ are pages, and each
page's front matter read, normalised and checked field by field.

`read_indicator` returns the Indicator (holding only valid values) and every finding
about the page; the rules that need the whole site (counts per source, evidence files
no page cites) are in `site_rules`.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from evidencesite.reading import schema
from evidencesite.model.evidence_index import EvidenceIndex
from evidencesite.catalogue.messages import finding
from evidencesite.model import (
    ID_PATTERN, SHA256_HEX, EvidenceItem, EvidenceSnapshot, EvidenceType, Finding, Framework, Indicator, Problem, Review,
    ReviewResult, Severity, Status, canonical_id, field_label, has_invisible, meant_id, normalise_code, note_says_something,
)
from evidencesite.model.settings import Settings
from evidencesite.reading.sourcefile import PageSource, SourceError, YamlData, front_matter_alias, read_text, split_page
from evidencesite.text.textsafety import first_control_line, web_url_problem, without_control
from evidencesite.catalogue.reading import say

_CODE_FIELDS = ("id", "area", "group")
_DATE_FIELDS = ("due", "date", "closed")


# ---------------------------------------------------------------------------
# Which files are indicator pages
# ---------------------------------------------------------------------------


def indicator_pages(root: Path, settings: Settings, findings: list[Finding]) -> list[Path]:
    """The pages directly in docs/indicators/ (named exactly *.md, as MkDocs reads them);
    findings for what looks like a page but is not one."""
    folder = root / settings.indicators_dir
    if not folder.is_dir():
        return []
    pages = []
    for dirpath, dirs, names in os.walk(folder):
        here = Path(dirpath)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if here == folder:
            for d in dirs:
                if d.lower().endswith(".md") or meant_id(d):
                    findings.append(finding("path-is-folder", path=rel_path(here / d, root), value=rel_path(here / d, root),
                                            expected=say("pages.expected-page-file")))
        for name in sorted(names):
            file = here / name
            if here != folder:
                if name.endswith(".md"):
                    findings.append(finding("id-subfolder", path=rel_path(file, root), folder=rel_path(here, root)))
            elif name.endswith(".md"):
                pages.append(file)
            elif not name.startswith(".") and (name.lower().endswith(".md") or meant_id(name)):
                findings.append(finding("page-extension", path=rel_path(file, root), name=name,
                                        value=meant_id(name) or name.split(".")[0]))
    findings.extend(case_clashes([rel_path(p, root) for p in pages]))
    return pages


def case_clashes(paths: list[str]) -> list[Finding]:
    """Paths that differ only in letter case: one file on Windows and macOS."""
    first: dict[str, str] = {}
    out = []
    for path in paths:
        other = first.setdefault(path.lower(), path)
        if other != path:
            out.append(finding("name-case-clash", path=path, value=path, other=other))
    return out


def unreadable_other_pages(root: Path, settings: Settings, indicator_pages: set[str],
                           texts: dict[str, str]) -> list[Finding]:
    """Pages under docs/ other than indicator pages that cannot be read as UTF-8 text
    (MkDocs would stop with a traceback on them; the build gives them an empty body).
    The text of each readable one goes into `texts`, so later checks need not read it again."""
    out = []
    for dirpath, dirs, names in os.walk(root / settings.docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(n for n in names if n.endswith(".md") and not n.startswith(".")):
            path = rel_path(Path(dirpath, name), root)
            if path not in indicator_pages:
                try:
                    texts[path] = read_text(Path(dirpath, name), path)
                except SourceError as exc:
                    out.append(exc.finding)
                    continue
                alias = front_matter_alias(texts[path], path)
                if alias:
                    out.append(alias)
                control = first_control_line(texts[path])
                if control:
                    out.append(finding("text-control-char", path=path, line=control[0], code_point=control[1]))
    return out


# ---------------------------------------------------------------------------
# One page
# ---------------------------------------------------------------------------


def read_indicator(file: Path, root: Path, settings: Settings, framework: Framework, evidence: EvidenceIndex,
                   taken: dict[str, str] | None = None, texts: dict[str, str] | None = None) -> tuple[Indicator, list[Finding]]:
    """One page to an Indicator and its findings (the Indicator holds only valid values).

    `taken` maps the IDs of the site's pages to their paths, for duplicate IDs; the
    page's text is added to `texts` when it can be read."""
    path = rel_path(file, root)
    stem = file.stem
    indicator = Indicator(id=stem, path=path)
    m = ID_PATTERN.match(stem)
    if m:
        indicator.source, indicator.number = m.group(1), int(m.group(2))
    ctx = _PageContext(path, indicator, settings, taken=taken or {})
    if not m:
        meant = meant_id(file.name)
        hint = say("pages.name-invisible-chars") if has_invisible(file.name) else ""
        ctx.add("id-filename", name=file.name, hint=hint + (say("pages.name-meant", meant=meant) if meant else ""),
                example=f"{meant}.md" if meant else "N007.md")
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
    control = first_control_line(page.body, page.body_line)
    if control:
        ctx.add("text-control-char", (), line=control[0], code_point=control[1])
        indicator.body = without_control(page.body)
    parsed = page.front_matter
    ctx.parsed = parsed
    indicator.front_matter = parsed.data if isinstance(parsed.data, dict) else None
    ctx.findings.extend(_for(f, indicator) for f in parsed.findings)
    if data is None:
        kind = say("pages.kind-empty") if parsed.data is None else say("pages.kind-list") if isinstance(parsed.data, list) else say("pages.kind-line")
        ctx.add("yaml-not-mapping", line=2, kind=kind)
        indicator.has_errors = True
        indicator.cites = _own_folder(evidence, stem)
        return indicator, ctx.findings
    ctx.findings.extend(schema_findings)
    _fill(indicator, data, ctx, framework, evidence)
    ctx.findings = mark_private_findings(ctx.findings, data.get("evidence"))
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
    settings: Settings
    taken: dict[str, str] = field(default_factory=dict)
    """ID -> path of every indicator page of the site."""
    parsed: YamlData | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def framework_path(self) -> str:
        return self.settings.framework

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
    if isinstance(out.get("review"), dict):
        out["review"] = {k: schema.normalise_date_text(v) if k == "date" else v
                         for k, v in out["review"].items() if v is not None}
    for list_key in ("evidence", "problems"):
        if isinstance(out.get(list_key), list):
            out[list_key] = [
                {k: schema.normalise_date_text(v) if k in _DATE_FIELDS else v for k, v in item.items() if v is not None}
                if isinstance(item, dict) else item for item in out[list_key]
            ]
    return out


def _fill(ind: Indicator, data: dict[str, Any], ctx: _PageContext, framework: Framework, evidence: EvidenceIndex) -> None:
    _check_identity(ind, data, ctx, framework)
    ind.title = text_of(data.get("title"))
    ind.requirement = text_of(data.get("requirement"))
    ind.lead = text_of(data.get("lead"))
    ind.partners = [p for p in data.get("partners") or [] if isinstance(p, str)] if isinstance(data.get("partners"), list) else []
    ind.due = _date(data.get("due"), ("due",), ctx)
    ind.due_text = text_of(data.get("due_text"))
    ind.points = points_of(data.get("points"))
    status = data.get("status")
    ind.status = Status(status) if isinstance(status, str) and status in Status._value2member_map_ else None
    _check_placement(ind, data, ctx, framework)
    items = data.get("evidence") if isinstance(data.get("evidence"), list) else []
    for i, raw in enumerate(items):
        item = _evidence_item(raw, ("evidence", i), ctx, evidence)
        if item:
            ind.evidence.append(item)
    if len(items) > 3:
        ctx.add("evidence-too-many", ("evidence",), count=len(items))
    for key, fix in (("on_site", say("pages.hint-on-site")),
                     ("none", say("pages.hint-none")),
                     ("not_applicable", say("pages.hint-not-applicable"))):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            if note_says_something(value):
                setattr(ind, key, value.strip())
                if len(value.strip()) > ctx.settings.note_max_chars:
                    ctx.add("note-long", (key,), key=key, count=len(value.strip()), limit=ctx.settings.note_max_chars)
            else:
                ctx.add("note-placeholder", (key,), key=key, value=value.strip(),
                        key_fix=fix + say("pages.hint-note-length"))
    if ind.none and items:
        ctx.add("note-contradiction", ("none",), problem=say("pages.none-with-evidence"),
                fix=say("pages.none-with-evidence-fix"))
    if ind.none and ind.on_site:
        ctx.add("note-contradiction", ("none",), problem=say("pages.on-site-and-none"),
                fix=say("pages.on-site-and-none-fix"))
    for other, label in (("on_site", say("pages.label-on-site")), ("none", say("pages.label-none"))):
        if ind.not_applicable and getattr(ind, other):
            ctx.add("note-contradiction", ("not_applicable",),
                    problem=say("pages.not-applicable-and", label=label),
                    fix=say("pages.not-applicable-and-fix"))
    ind.review = _review(data.get("review"), ctx)
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


def _review(raw: Any, ctx: _PageContext) -> Review | None:
    """The review block when every part of it is valid (the schema reports what is not)."""
    if not isinstance(raw, dict):
        return None
    result, by, comment, fingerprint = raw.get("result"), raw.get("by"), raw.get("comment", ""), raw.get("fingerprint")
    day = _date(raw.get("date"), ("review", "date"), ctx)
    if (result not in ReviewResult._value2member_map_ or not isinstance(by, str) or not by.strip() or day is None
            or not isinstance(comment, str) or not isinstance(fingerprint, str)
            or not re.fullmatch(r"[0-9a-f]{64}", fingerprint)):
        return None
    return Review(ReviewResult(result), by.strip(), day, fingerprint, comment.strip())


def _check_identity(ind: Indicator, data: dict[str, Any], ctx: _PageContext, framework: Framework) -> None:
    value = data.get("id")
    stem = ind.id
    if isinstance(value, str) and value and value != stem:
        if ind.source:  # a file name that is no ID has its own message, which says how to rename it
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
    known = "、".join(group_codes) or say("pages.no-groups")
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
    ok = isinstance(title, str) and title.strip() and isinstance(kind, str) and kind in EvidenceType._value2member_map_
    found = _cited(file, ctx, evidence)
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
    _check_window(item, where, ctx)
    if found:
        usable = _usable(found, file, where, ctx)
        if usable is None:
            return None
        item.file, item.size = usable.path, usable.size
    elif isinstance(url, str) and url:
        problem = web_url_problem(url)
        if problem:
            ctx.add(problem[0], (*where, "url"), value=url, reason=problem[1])
            return None
        item.url = url.strip()
    else:
        return None  # wrong type: the schema said so
    snapshot = raw.get("snapshot")
    if isinstance(snapshot, dict):
        item.snapshot = _snapshot(snapshot, (*where, "snapshot"), ctx, evidence)
        if item.snapshot and item.file:
            ctx.add("snapshot-not-link", (*where, "snapshot"), value=item.snapshot.file)
            item.snapshot = None
    return item if ok else None


def _cited(file: Any, ctx: _PageContext, evidence: EvidenceIndex):
    """What the evidence path `file` resolves to (None when it is no path). The file it
    means is cited by the page even when it cannot serve, so it is never also "uncited"."""
    found = evidence.resolve(file) if isinstance(file, str) and file else None
    meant = found and (found.file.path if found.file else found.details.get("actual"))
    if meant:
        ctx.indicator.cites.append(meant)
    return found


def _usable(found: Any, file: str, where: tuple, ctx: _PageContext):
    """The evidence file `found` names, or None after saying why it cannot serve."""
    if found.problem:
        ctx.add(found.problem, (*where, "file"), value=file,
                **{"folder": ctx.indicator.id or say("pages.placeholder-id"), **found.details})
        return None
    if found.file.size == 0:
        ctx.add("file-empty", (*where, "file"), value=found.file.path)
        return None
    return found.file


def _check_window(item: EvidenceItem, where: tuple, ctx: _PageContext) -> None:
    """Advice for evidence dated outside the settings' evidence window (undated items are
    counted site-wide, see `undated_evidence`)."""
    start, end = ctx.settings.evidence_window_start, ctx.settings.evidence_window_end
    if item.date is None or not (start and item.date < start or end and item.date > end):
        return
    ctx.add("evidence-date-outside", (*where, "date"), value=item.date.isoformat(),
            title=item.title or say("pages.no-title"),
            start=start.isoformat() if start else say("pages.window-open"), end=end.isoformat() if end else say("pages.window-open"))


def undated_evidence(indicators: Any) -> list[str]:
    """'N001 第2项' for every evidence item without a date, in site order."""
    return [say("pages.undated-item", indicator=ind.id, number=n) for ind in indicators for n,
            item in enumerate(ind.evidence, start=1) if item.date is None]


def _snapshot(raw: dict, where: tuple, ctx: _PageContext, evidence: EvidenceIndex) -> EvidenceSnapshot | None:
    """The `snapshot` of a link item: its file resolved as any evidence file is (and cited,
    so it is never "uncited"); its checksum is compared with the file by `snapshots.findings`."""
    file, captured, digest = raw.get("file"), raw.get("captured"), raw.get("sha256")
    found = _cited(file, ctx, evidence)
    if found is None:
        return None  # missing or wrong type: the schema said so
    if _usable(found, file, where, ctx) is None:
        return None
    if not isinstance(captured, str) or not isinstance(digest, str) or not SHA256_HEX.match(digest):
        return None  # the schema said so
    try:
        when = dt.datetime.fromisoformat(captured)
    except ValueError:
        if schema.DATETIME_FORM.match(captured):  # the right shape, an impossible value (month 13)
            ctx.add("date-invalid", (*where, "captured"), value=captured)
        return None
    if when.tzinfo is None:
        return None  # the schema asks for the offset
    return EvidenceSnapshot(found.file.path, when, digest)


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


def mark_private_findings(findings: list[Finding], raw_evidence: Any) -> list[Finding]:
    """Mark the findings about `public: false` evidence items, so the public build's pages
    do not repeat their titles, file names or other values."""
    if not isinstance(raw_evidence, list):
        return findings
    labels = [field_label(("evidence", i)) for i, raw in enumerate(raw_evidence)
              if isinstance(raw, dict) and raw.get("public", True) is not True]
    return [replace(f, public=False) if any(f.field == lb or f.field.startswith(lb + " ") for lb in labels) else f
            for f in findings]


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _for(f: Finding, indicator: Indicator) -> Finding:
    return replace(f, indicator=indicator.id, source=indicator.source)


def _own_folder(evidence: EvidenceIndex, indicator_id: str) -> list[str]:
    """The files under evidence/<ID>/: what a page that cannot be read may cite."""
    return [path for path in evidence.files if path.startswith(indicator_id + "/")]


def rel_path(file: Path, root: Path) -> str:
    """`file` relative to `root`, with forward slashes (as every finding names files)."""
    relative = os.path.relpath(file, root)  # plain strings: pathlib costs ~50 µs a call, four calls a page
    return relative if os.sep == "/" else relative.replace(os.sep, "/")


def text_of(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def points_of(value: Any) -> float | None:
    """A `points` (分值) value as read (text; the schema says when it is wrong), or None when missing or invalid."""
    return float(value) if isinstance(value, str) and re.fullmatch(r"\d+(?:\.\d+)?", value.strip()) else None
