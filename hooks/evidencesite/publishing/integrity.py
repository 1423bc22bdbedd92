"""Integrity of a built site: what the build published, and a check that a copy still is that.

Every build writes two files:

- `exports/evidence-manifest.json`: each evidence file it published (path, size, sha256,
  the indicators citing it, the document's date), for assessors and for exports;
- `exports/SHA256SUMS`: the SHA-256 of every file of the site (pages, assets, search
  index, evidence, the manifest), in the format of GNU `sha256sum`, so
  `cd site && sha256sum -c exports/SHA256SUMS` checks it too.

`verify()` checks a built, copied or unzipped site against both and names every missing,
extra and changed file, and every symbolic link (a build makes none). An unzipped offline
bundle carries a second list beside index.html (archive.py) over every file, SUMS
included; both are checked. A file that only an operating system adds (Thumbs.db …) is
not counted as extra. The checksum list can be rewritten along with the files it lists:
the office's signature of it (signature.py, `check_signature`) cannot, and without one
whoever receives a site should record the list's own checksum (`fingerprint`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from evidencesite.publishing import signature
from evidencesite.files.atomicwrite import write_atomic
from evidencesite.files.cache import sha256_file
from evidencesite.model.evidence_index import IGNORED_NAMES
from evidencesite.catalogue.messages import finding
from evidencesite.catalogue.publishing import say
from evidencesite.model import Audience, Finding, evidence_href, served_evidence
from evidencesite.model.site import Site


SUMS = "exports/SHA256SUMS"
SIGNATURE = SUMS + ".sig"
"""The office's signature of SUMS (signature.py), added after the build."""
BUNDLE_SUMS = "SHA256SUMS"
"""The offline bundle's own list beside index.html (archive.py), over every file including SUMS."""
MANIFEST = "exports/evidence-manifest.json"
MANIFEST_VERSION = 1


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def write(site_dir: Path, site: Site, today: dt.date) -> str:
    """Write the manifest, then the checksum list over every file; return the list's fingerprint."""
    return write_cited(site_dir, citations(site), site.settings.audience, today)


def write_cited(site_dir: Path, cited: dict[str, dict[str, Any]], audience: Audience, today: dt.date) -> str:
    """`write` from the evidence each indicator cites (`citations`), without the site model:
    the finishing stage of a staged site (evidencesite/pipeline/finish.py) has only this.

    Every file is read and hashed once: the manifest takes the evidence files' digests
    from the same pass as the checksum list (a site's evidence can be gigabytes)."""
    digests = {path: sha256_file(site_dir / path) for path in site_files(site_dir) if path not in (SUMS, MANIFEST)}
    data = cited_manifest(site_dir, cited, audience, today, digests)
    write_atomic(site_dir / MANIFEST, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    digests[MANIFEST] = sha256_file(site_dir / MANIFEST)
    lines = [sums_line(digests[path], path) for path in sorted(digests)]
    write_atomic(site_dir / SUMS, ("\n".join(lines) + "\n").encode("utf-8"))
    return fingerprint(site_dir)


def manifest(site_dir: Path, site: Site, today: dt.date, digests: dict[str, str] | None = None) -> dict[str, Any]:
    """The evidence this build published: only items its audience may see, only files it wrote.
    `digests` (site path -> SHA-256) saves hashing files already hashed."""
    return cited_manifest(site_dir, citations(site), site.settings.audience, today, digests)


def citations(site: Site) -> dict[str, dict[str, Any]]:
    """Evidence path -> {"indicators": the indicators citing it for this audience, in page
    order; "date": its earliest date (ISO) or None}: plain data, so it can be saved."""
    audience = site.settings.audience
    citing: dict[str, list[str]] = {}
    dates: dict[str, set[dt.date]] = {}
    for indicator in site.indicators.values():
        for item in indicator.evidence:
            if item.file and item.is_published(audience):
                citing.setdefault(item.file, [])
                if indicator.id not in citing[item.file]:
                    citing[item.file].append(indicator.id)
                if item.date:
                    dates.setdefault(item.file, set()).add(item.date)
            snap = item.published_snapshot(audience)
            if snap and indicator.id not in citing.setdefault(snap.file, []):
                citing[snap.file].append(indicator.id)
    return {path: {"indicators": ids, "date": min(dates[path]).isoformat() if path in dates else None}
            for path, ids in citing.items()}


def cited_manifest(site_dir: Path, cited: dict[str, dict[str, Any]], audience: Audience, today: dt.date,
                   digests: dict[str, str] | None = None) -> dict[str, Any]:
    """The manifest of the evidence files in `cited` that the site holds."""
    files = []
    for path in sorted(cited):
        href = evidence_href(path)
        published = site_dir / href
        if not published.is_file():
            continue  # not written (an image that could not be read)
        digest = (digests or {}).get(href) or sha256_file(published)
        files.append({"path": href, "size": published.stat().st_size, "sha256": digest,
                      "indicators": list(cited[path]["indicators"]), "date": cited[path]["date"]})
    return {"version": MANIFEST_VERSION, "audience": Audience(audience).value, "built": today.isoformat(), "files": files}


def site_files(site_dir: Path) -> list[str]:
    """Every file under site_dir, as sorted relative paths with forward slashes."""
    found = []
    for folder, dirs, names in os.walk(site_dir):
        dirs.sort()
        for name in names:
            found.append(_rel(site_dir, folder, name))
    return sorted(found)


def site_links(site_dir: Path) -> list[str]:
    """Every symbolic link under site_dir, to a file or a folder (os.walk does not enter
    linked folders, so what they hold is in no other list)."""
    found = []
    for folder, dirs, names in os.walk(site_dir):
        found += [_rel(site_dir, folder, name) for name in dirs + names if Path(folder, name).is_symlink()]
    return sorted(found)


def _rel(site_dir: Path, folder: str, name: str) -> str:
    return PurePosixPath(*Path(folder, name).relative_to(site_dir).parts).as_posix()


def sums_line(digest: str, path: str) -> str:
    """One line as GNU sha256sum writes it (names with a backslash or newline escaped)."""
    if any(c in path for c in "\\\n\r"):
        return "\\" + digest + "  " + path.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
    return f"{digest}  {path}"


def parse_sums(text: str) -> dict[str, str]:
    """path -> sha256 from a sha256sum list; a line that is not one raises ValueError."""
    out: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        escaped = line.startswith("\\")
        body = line[1:] if escaped else line
        digest, sep, name = body[:64], body[64:66], body[66:]
        if len(digest) != 64 or sep not in ("  ", " *") or not name or any(c not in "0123456789abcdef" for c in digest):
            raise ValueError(say("integrity.line-malformed", number=number))
        if escaped:
            name = name.replace("\\\\", "\0").replace("\\n", "\n").replace("\\r", "\r").replace("\0", "\\")
        if name.startswith("/") or ".." in PurePosixPath(name).parts:
            raise ValueError(say("integrity.line-outside", number=number))
        out[name] = digest
    return out


def fingerprint(site_dir: Path) -> str:
    return sha256_file(site_dir / SUMS)


# ---------------------------------------------------------------------------
# Checking
# ---------------------------------------------------------------------------


@dataclass
class Verification:
    checked: int = 0
    findings: list[Finding] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    """Files an operating system adds (Thumbs.db …), not counted as extra."""

    @property
    def ok(self) -> bool:
        return not self.findings


def verify(site_dir: Path) -> Verification:
    """Check every file of site_dir against exports/SHA256SUMS and the evidence manifest,
    and against the offline bundle's SHA256SUMS when there is one.

    Raises FileNotFoundError when there is no checksum list and ValueError when it
    cannot be read: those are not findings about the site but a wrong folder.
    """
    listed = parse_sums((site_dir / SUMS).read_text(encoding="utf-8"))
    result = Verification()
    actual: dict[str, str] = {}
    links = site_links(site_dir)
    for path in links:
        result.findings.append(finding("verify-symlink", path=path, target=os.readlink(site_dir / path)))
    for path in listed:
        file = site_dir / path
        if not file.is_file() or path in links:
            if path not in links:
                result.findings.append(finding("verify-missing", path=path))
            continue
        actual[path] = sha256_file(file)
        result.checked += 1
        if actual[path] != listed[path]:
            result.findings.append(finding("verify-changed", path=path, detail=_difference(file, listed[path])))
    bundle = _bundle_sums(site_dir, result)
    for path in site_files(site_dir):
        if path in listed or path in (SUMS, SIGNATURE) or path in links or (path == BUNDLE_SUMS and bundle is not None):
            continue
        if PurePosixPath(path).name in IGNORED_NAMES:
            result.ignored.append(path)
        else:
            result.findings.append(finding("verify-extra", path=path))
    if bundle is not None:
        result.findings += _check_bundle(site_dir, bundle, listed, actual, links)
    result.findings += _check_manifest(site_dir, listed, actual)
    return result


def _bundle_sums(site_dir: Path, result: Verification) -> dict[str, str] | None:
    """The offline bundle's list, or None when there is none (or it is unreadable: a finding)."""
    file = site_dir / BUNDLE_SUMS
    if not file.is_file() or file.is_symlink():
        return None
    try:
        return parse_sums(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        detail = say("integrity.not-utf8") if isinstance(exc, UnicodeDecodeError) else str(exc)
        result.findings.append(finding("verify-bundle-sums", path=BUNDLE_SUMS, detail=detail))
        return None


def _check_bundle(site_dir: Path, bundle: dict[str, str], listed: dict[str, str], actual: dict[str, str],
                  links: list[str]) -> list[Finding]:
    """The bundle's list covers the same files plus SUMS (and its signature), each as it is now.
    A file the site's own list already reports is not reported twice."""
    out = []
    own = {SUMS, SIGNATURE}
    for path, digest in bundle.items():
        file = site_dir / path
        if path not in listed and path not in own:
            out.append(finding("verify-bundle-sums", path=path, detail=say("integrity.bundle-extra")))
        elif path in own and file.is_file() and path not in links and sha256_file(file) != digest:
            out.append(finding("verify-changed", path=path,
                               detail=_difference(file, digest) + say("integrity.bundle-sums-name")))
        elif path in listed and actual.get(path) == listed[path] and digest != listed[path]:
            out.append(finding("verify-bundle-sums", path=path, detail=say("integrity.bundle-sum-differs")))
    for path in sorted((set(listed) | {SUMS}) - set(bundle)):
        out.append(finding("verify-bundle-sums", path=path, detail=say("integrity.bundle-missing")))
    return out


def check_signature(site_dir: Path, public_key: Path) -> list[Finding]:
    """The verify-signature finding when SUMS is not signed by `public_key`'s holder.
    Raises signature.SignatureError when the key itself cannot be used (a usage error)."""
    problem = signature.check(site_dir / SUMS, public_key)
    return [finding("verify-signature", path=SIGNATURE, detail=problem)] if problem else []


def _difference(file: Path, expected: str) -> str:
    return say("integrity.changed-detail", size=file.stat().st_size, actual=sha256_file(file)[:16],
               expected=expected[:16])


def _check_manifest(site_dir: Path, listed: dict[str, str], actual: dict[str, str]) -> list[Finding]:
    if MANIFEST not in listed:
        return [finding("verify-manifest", path=MANIFEST, detail=say("integrity.manifest-missing"))]
    try:
        data = json.loads((site_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return []  # missing or changed: already reported against the checksum list
    entries = data.get("files") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        return [finding("verify-manifest", path=MANIFEST, detail=say("integrity.manifest-malformed"))]
    out = []
    named = set()
    for entry in entries:
        path = str(entry.get("path", ""))
        named.add(path)
        if listed.get(path) != entry.get("sha256"):
            out.append(finding("verify-manifest", path=path, detail=say("integrity.manifest-sum-differs")))
        elif path in actual and (site_dir / path).stat().st_size != entry.get("size"):
            out.append(finding("verify-manifest", path=path, detail=say("integrity.manifest-size-differs")))
    for path in listed:
        if served_evidence(path) is not None and path not in named:
            out.append(finding("verify-manifest", path=path, detail=say("integrity.not-in-manifest")))
    return out
