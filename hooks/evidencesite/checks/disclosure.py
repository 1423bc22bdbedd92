"""What may be disclosed to the public: the personal-data review of a whole site.

`review()` scans every page under docs/ (front matter and prose, line by line) and the
text of every evidence file a public item cites; it reports what it finds, marks files
with personal data as withheld from the public build, and lists the numbers that a
person has reviewed as not personal data. `mask_indicators()` masks the front-matter
text of the model for the public build, so navigation, titles, generated pages and
exports all see masked values.

Reviewed false positives live in one file (`pii_allow_file`, default `pii-allow.yml`
at the site root, never published), by file and hash, never the raw number:

    numbers:            # numbers that are not personal data (a document number, say)
      - file: docs/indicators/N012.md
        sha256: <from the build message>
        note: 这是文号
    scanned:            # scans (image-only PDF pages) a person has looked at
      - file: evidence/N012/扫描件.pdf
        sha256: <the file's checksum, from the build message>
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path, PurePosixPath

from evidencesite.checks import docs_files
from evidencesite.checks.docs_files import AllowList
from evidencesite.reading import evidence_text, snapshots
from evidencesite.text import personal_data
from evidencesite.files.cache import Cache
from evidencesite.catalogue.messages import finding
from evidencesite.model import Finding, Framework, Indicator, field_label
from evidencesite.model.site import Disclosure, Site
from evidencesite.reading.sourcefile import SourceError, parse_yaml, read_text
from evidencesite.catalogue.checks import say

PHOTO_SUFFIXES_KEPT = frozenset({".jpg", ".jpeg", ".jfif", ".jpe", ".png"})
"""Photo formats the build re-encodes without metadata (see images.py)."""
PHOTO_SUFFIXES_WITHHELD = frozenset({
    ".apng", ".avif", ".avifs", ".blp", ".bmp", ".bufr", ".bw", ".cur", ".dcx", ".dds", ".dib", ".emf", ".eps",
    ".fit", ".fits", ".flc", ".fli", ".ftc", ".ftu", ".gbr", ".gif", ".grib", ".h5", ".hdf", ".heic", ".heif",
    ".icb", ".icns", ".ico", ".iim", ".im", ".j2c", ".j2k", ".jp2", ".jpc", ".jpf", ".jpx", ".mpo", ".msp",
    ".palm", ".pbm", ".pcd", ".pcx", ".pfm", ".pgm", ".pnm", ".ppm", ".ps", ".psd", ".pxr", ".qoi", ".ras",
    ".rgb", ".rgba", ".sgi", ".tga", ".tif", ".tiff", ".vda", ".vst", ".webp", ".wmf", ".xbm", ".xpm",
})
"""Every other image type Pillow opens (and HEIC): they can carry location data and are
not re-encoded, so never public (tests compare this with Pillow's own list)."""
MEDIA_SUFFIXES_WITHHELD = {
    **dict.fromkeys((".mp4", ".m4v", ".mov", ".qt", ".3gp", ".3g2", ".avi", ".mkv", ".webm", ".wmv", ".flv",
                     ".mpg", ".mpeg", ".ts", ".mts", ".m2ts", ".vob", ".rm", ".rmvb", ".ogv", ".asf"), say("disclosure.kind-video")),
    **dict.fromkeys((".m4a", ".mp3", ".wav", ".aac", ".flac", ".ogg", ".oga", ".opus", ".amr", ".wma", ".aif",
                     ".aiff", ".caf", ".mid", ".midi"), say("disclosure.kind-audio")),
    **dict.fromkeys((".svg", ".svgz"), say("disclosure.kind-svg")),
}
"""Video and audio carry location and device atoms no maintained library here removes;
SVG can carry scripts and hidden text: never public (the assessor build has them)."""
_HASHES_IN_MESSAGE = 5
"""A file with more unreviewed numbers than this plainly holds personal data: no hashes offered."""


def review(site: Site) -> Disclosure:
    settings = site.settings
    result = Disclosure()
    allow = _read_allow_list(site.root, settings.pii_allow_file, result.findings)
    cache = site.cache
    result.allowed = frozenset(_review_pages(site, allow, result.findings))
    for path in _private_somewhere(site, result.findings):
        result.withheld[path] = "private-elsewhere"
    public_files = sorted(({i.file for ind in site.indicators.values() for i in ind.evidence if i.file and i.public}
                           | snapshots.public_files(site)) - set(result.withheld))
    cited = site.cited_files()
    for path in public_files:
        reason = _review_file(site, path, cited[path], allow, cache, result.findings)
        if reason:
            result.withheld[path] = reason
    withheld_types = {**dict.fromkeys(PHOTO_SUFFIXES_WITHHELD, say("disclosure.kind-image")), **MEDIA_SUFFIXES_WITHHELD}
    result.docs_files = docs_files.review(site, allow, cache, withheld_types)
    result.findings += result.docs_files.findings
    cache.save()
    for indicator in site.indicators.values():
        for item in indicator.evidence:
            if item.file in result.withheld:
                item.withheld = result.withheld[item.file]
    snapshots.mark_withheld(site, result.withheld)
    return result


def mask_indicators(indicators: dict[str, Indicator], allowed: frozenset[str]) -> None:
    """Mask personal data in every front-matter text of the model (public build only)."""
    def m(text: str) -> str:
        return personal_data.mask(text, allowed) if text else text

    for ind in indicators.values():
        for name in ("title", "requirement", "lead", "on_site", "none", "not_applicable"):
            setattr(ind, name, m(getattr(ind, name)))
        ind.partners = [m(p) for p in ind.partners]
        for item in ind.evidence:
            item.title, item.location = m(item.title), m(item.location or "") or item.location
        for problem in ind.problems:
            problem.problem, problem.measure = m(problem.problem), m(problem.measure)


def mask_framework(framework: Framework, allowed: frozenset[str]) -> None:
    """Mask personal data in the framework's titles (public build only): they reach the
    navigation, the area and group pages and every export."""
    def m(text: str) -> str:
        return personal_data.mask(text, allowed) if text else text

    framework.edition = m(framework.edition)
    framework.sources = {code: replace(s, name=m(s.name)) for code, s in framework.sources.items()}
    framework.areas = {code: replace(a, title=m(a.title), groups=tuple(replace(g, title=m(g.title)) for g in a.groups))
                       for code, a in framework.areas.items()}


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


def _review_pages(site: Site, allow: AllowList, findings: list[Finding]) -> set[str]:
    """Report every unreviewed number in the pages; return the numbers reviewed everywhere they occur."""
    reviewed: dict[str, bool] = {}
    for path in _page_sources(site):
        text = site.page_texts.get(path)
        try:
            text = text if text is not None else read_text(site.root / path, path)
        except SourceError:
            continue  # the loader reports unreadable pages
        ind = site.indicator_at(path)
        for line, match in personal_data.iter_lines(text):
            digest = personal_data.allow_hash(path, match.value)
            ok = digest in allow.numbers
            reviewed[match.value] = reviewed.get(match.value, True) and ok
            if not ok:
                findings.append(finding("pii-page", path=path, line=line, indicator=ind.id if ind else "",
                                        source=ind.source if ind else "", kind=match.kind, masked=match.masked,
                                        hash=digest, allow_file=site.settings.pii_allow_file))
    return {value for value, ok in reviewed.items() if ok}


def _page_sources(site: Site) -> list[str]:
    docs = site.root / site.settings.docs_dir
    found = [site.settings.framework] if (site.root / site.settings.framework).is_file() else []
    for folder, dirs, names in os.walk(docs):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [_rel(Path(folder, n), site.root) for n in sorted(names) if n.lower().endswith(".md")]
    return found


# ---------------------------------------------------------------------------
# Evidence files
# ---------------------------------------------------------------------------


def _review_file(site: Site, path: str, citing: list[str], allow: AllowList, cache: Cache,
                 findings: list[Finding]) -> str:
    """Report what one public evidence file holds; return why it is withheld, or ''."""
    settings = site.settings
    rel = settings.evidence_path(path)
    where = dict(path=rel, indicator=citing[0], source=site.indicators[citing[0]].source,
                 allow_file=settings.pii_allow_file)
    suffix = PurePosixPath(path).suffix.lower()
    if suffix in PHOTO_SUFFIXES_WITHHELD:
        findings.append(finding("photo-format", value=path, suffix=suffix, **where))
        return "photo-format"
    if suffix in MEDIA_SUFFIXES_WITHHELD:
        findings.append(finding("media-format", value=path, suffix=suffix, kind=MEDIA_SUFFIXES_WITHHELD[suffix], **where))
        return "media-format"
    file = site.evidence.files[path]
    try:
        text = evidence_text.extract(file.abs_path, cache, settings.text_scan_max_mb * 1024 * 1024)
    except OSError as exc:
        findings.append(finding("pii-unscanned", what=say("disclosure.unreadable-file", strerror=exc.strerror),
                                hash=say("disclosure.rescan-later"), **where))
        # Not marked withheld: a file that cannot be read is not copied either, and a past
        # version (history.py, files listed from Git) has no file on disk to read.
        return ""
    parts = [(say("disclosure.column-file-name"), path),
             *(text.parts if text else [])]  # a name shows in every link to the file
    hits = [(part, m) for part, content in parts for m in personal_data.find(content)
            if personal_data.allow_hash(rel, m.value) not in allow.numbers]
    unreviewed = False
    if text and (text.problem or text.unscanned_pages):
        digest = cache.content_hash(file.abs_path)
        if digest not in allow.scanned.get(rel, set()):
            what = text.problem or say("disclosure.scanned-pages", page_list=_page_list(text.unscanned_pages))
            findings.append(finding("pii-unscanned", what=what, hash=digest, **where))
            unreviewed = True
    if not hits:
        # What could not be read may hold anything: out of the public build until a person has looked.
        return "pii-unscanned" if unreviewed else ""
    values = list(dict.fromkeys(m.value for _, m in hits))
    examples = "、".join(f"{part}:{m.kind} {m.masked}" for part,
                        m in hits[:3]) + (say("disclosure.word-etc") if len(hits) > 3 else "")
    hint = ""
    if len(values) <= _HASHES_IN_MESSAGE:
        hashes = ";".join(personal_data.allow_hash(rel, v) for v in values)
        hint = (say("disclosure.allow-hint", pii_allow_file=settings.pii_allow_file, rel=rel, hashes=hashes))
    findings.append(finding("pii-evidence", count=len(hits), examples=examples, allow_hint=hint, **where))
    return "pii-evidence"


def _private_somewhere(site: Site, findings: list[Finding]) -> list[str]:
    """Files one item cites with `public: false` and another publicly: an error at every
    public citation, naming the pages that keep the file private; the file stays out of
    the public build everywhere (a file is non-public if any page says so)."""
    private: dict[str, list[str]] = {}
    public: dict[str, list[tuple[Indicator, int]]] = {}
    for ind in site.indicators.values():
        raw = ind.front_matter.get("evidence") if isinstance(ind.front_matter, dict) else None
        raw = raw if isinstance(raw, list) else []
        for item in ind.evidence:
            if not item.file:
                continue
            if not item.public:
                private.setdefault(item.file, []).append(ind.path)
                continue
            index = next((i for i, r in enumerate(raw) if isinstance(r, dict) and r.get("file") == item.file
                          and r.get("public", True) is True), None)
            public.setdefault(item.file, []).append((ind, index))
    conflicting = sorted(set(private) & set(public))
    for path in conflicting:
        pages = "、".join(dict.fromkeys(private[path]))
        for ind, index in public[path]:
            label = field_label(("evidence", index, "public")) if index is not None else "evidence"
            # public=False: the public build's page must not name the file or the other page
            findings.append(replace(finding("evidence-public-conflict", path=ind.path, field=label, indicator=ind.id,
                                            source=ind.source, value=site.settings.evidence_path(path),
                                            private_pages=pages), public=False))
    return conflicting


def _page_list(pages: list[int]) -> str:
    shown = "、".join(str(p) for p in pages[:10])
    return shown + (say("disclosure.more-pages", page_count=len(pages)) if len(pages) > 10 else "")


# ---------------------------------------------------------------------------
# The allow-list
# ---------------------------------------------------------------------------

_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def _read_allow_list(root: Path, path: str, findings: list[Finding]) -> AllowList:
    allow = AllowList()
    file = root / path
    if not file.is_file():
        return allow
    try:
        parsed = parse_yaml(read_text(file, path), path)
    except SourceError as exc:
        findings.append(exc.finding)
        return allow
    findings.extend(parsed.findings)
    data = parsed.data if parsed.data is not None else {}
    if not isinstance(data, dict) or set(data) - {"numbers", "scanned"}:
        findings.append(finding("pii-allow-invalid", path=path, line=1, detail=say("disclosure.allow-file-top")))
        return allow
    for key in ("numbers", "scanned"):
        entries = data.get(key) or []
        for i, entry in enumerate(entries if isinstance(entries, list) else [entries]):
            ok = (isinstance(entry, dict) and set(entry) <= {"file", "sha256", "note"}
                  and isinstance(entry.get("file"), str) and _HEX64.match(str(entry.get("sha256", "")).lower()))
            if not ok:
                findings.append(finding("pii-allow-invalid", path=path, line=parsed.line((key, i)),
                                        field=field_label((key, i)), detail=say("disclosure.allow-file-item")))
                continue
            digest = entry["sha256"].lower()
            if key == "numbers":
                allow.numbers.add(digest)
            else:
                allow.scanned.setdefault(entry["file"].strip(), set()).add(digest)
    return allow


def _rel(file: Path, root: Path) -> str:
    return PurePosixPath(*Path(os.path.relpath(file, root)).parts).as_posix()
