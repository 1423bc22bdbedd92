"""Files under docs/ that are not pages (news images, attachments linked from a page,
.txt/.csv/.pdf placed beside it): MkDocs publishes them as they are, so they get the
review evidence files get.

- Photos MkDocs would copy are rebuilt from their pixels (images.py) for both audiences.
- Every other image type, video, audio and SVG is withheld from the public build.
- Other files are read (evidence_text.py, hidden parts included) and withheld from the
  public build when they hold personal data, or while a part of them cannot be read and
  no person has recorded a review in `pii_allow_file` (scanned:, by content hash).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from evidencesite.reading import evidence_text
from evidencesite.checks import images
from evidencesite.text import personal_data
from evidencesite.files.cache import Cache
from evidencesite.catalogue.messages import finding
from evidencesite.model import Finding
from evidencesite.catalogue.reading import say
from evidencesite.model.site import DocsFiles, Site


@dataclass
class AllowList:
    """What a person has reviewed (`pii_allow_file`, read by disclosure.py): numbers that are
    not personal data, and scans looked at, by checksum."""

    numbers: set[str] = field(default_factory=set)
    scanned: dict[str, set[str]] = field(default_factory=dict)
    """file -> checksums of the versions a person has looked at."""


def review(site: Site, allow: AllowList, cache: Cache, withheld_types: dict[str, str]) -> DocsFiles:
    """`withheld_types`: suffix -> what it is, for types never public (video, SVG, other images)."""
    settings = site.settings
    result = DocsFiles()
    docs = site.root / settings.docs_dir
    data_files = {settings.framework, settings.phases}
    for rel, path in _static_files(docs):
        shown = f"{settings.docs_dir}/{rel}"
        if shown in data_files:
            continue  # read by the build, never published
        suffix = PurePosixPath(rel).suffix.lower()
        where = dict(path=shown, docs=settings.docs_dir, allow_file=settings.pii_allow_file)
        if images.is_photo(rel):
            try:
                result.copies[rel] = images.published_copy(path, settings.image_max_px, cache, settings.image_max_megapixels)
            except images.PhotoError as exc:
                result.withheld[rel] = "photo-unreadable"
                result.findings.append(finding("docs-file-format", what=say("docs_files.image-unopenable", exc=exc),
                                               **where))
            else:
                continue
        if suffix in withheld_types:
            result.withheld[rel] = "format"
            result.findings.append(finding("docs-file-format",
                                           what=say("docs_files.withheld-type", suffix=suffix,
                                                    withheld_types=withheld_types[suffix]),
                                           **where))
            continue
        reason = _review_text(shown, path, allow, cache, settings.text_scan_max_mb * 1024 * 1024, result.findings, where)
        if reason:
            result.withheld[rel] = reason
    return result


def _review_text(shown: str, path: Path, allow: AllowList, cache: Cache, max_bytes: float,
                 findings: list[Finding], where: dict) -> str:
    try:
        text = evidence_text.extract(path, cache, max_bytes)
    except OSError as exc:
        findings.append(finding("docs-file-unscanned", what=say("docs_files.unreadable-file", strerror=exc.strerror),
                                hash=say("docs_files.rescan-later"), **where))
        return "unscanned"
    parts = [(say("docs_files.column-file-name"), shown), *(text.parts if text else [])]
    hits = [(part, m) for part, content in parts for m in personal_data.find(content)
            if personal_data.allow_hash(shown, m.value) not in allow.numbers]
    if hits:
        examples = "、".join(f"{part}:{m.kind} {m.masked}" for part,
                            m in hits[:3]) + (say("docs_files.word-etc") if len(hits) > 3 else "")
        findings.append(finding("docs-file-pii", count=len(hits), examples=examples, **where))
        return "pii"
    if text and (text.problem or text.unscanned_pages):
        digest = cache.content_hash(path)
        if digest not in allow.scanned.get(shown, set()):
            what = text.problem or say("docs_files.scanned-pages", pages='、'.join(map(str, text.unscanned_pages[:10])))
            findings.append(finding("docs-file-unscanned", what=what, hash=digest, **where))
            return "unscanned"
    return ""


def _static_files(docs: Path) -> list[tuple[str, Path]]:
    """(path relative to docs/, path) of every file MkDocs would copy as it is: not a page,
    not hidden (MkDocs leaves dot-files out), not behind a link leading elsewhere."""
    found: list[tuple[str, Path]] = []
    if not docs.is_dir():
        return found
    for folder, dirs, names in os.walk(docs):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not Path(folder, d).is_symlink())
        for name in sorted(names):
            path = Path(folder, name)
            if name.startswith(".") or name.lower().endswith(".md") or path.is_symlink() or not path.is_file():
                continue
            found.append((PurePosixPath(*path.relative_to(docs).parts).as_posix(), path))
    return found
