"""The public build sealed on what it finally writes: personal data masked in every
generated output (pages, feeds, sitemap and its gzip, search index, exports and the
parts inside an .xlsx/.docx), and in every URL and file name the build makes.

Masking earlier (front matter, page HTML, the search index) covers the paths those
steps were built for; plugins write more after them (the RSS feeds, the sitemap, the
offline search script), and titles reach file names through slugs. This pass runs on
the output folder itself, last before the checksums, so no channel is missed. Files
copied as they are (theme assets, evidence files, photos) are not touched here: they
are reviewed before the build and withheld when they hold personal data.

Nothing here knows about MkDocs; `personal_data` does the matching.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import zipfile
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from evidencesite.text import personal_data
from evidencesite.files.atomicwrite import write_atomic

_HTML = frozenset({".html", ".htm"})
# Feeds carry HTML inside CDATA, where the HTML masker would take text for a tag: the
# whole text is masked (a link in a feed that holds a number loses it).
_TEXT = frozenset({".xml", ".xsl", ".svg", ".rss", ".atom", ".rels", ".vml", ".txt", ".csv", ".js", ".md",
                   ".webmanifest"})
_ZIPPED = frozenset({".xlsx", ".docx", ".pptx", ".zip"})
_ZIP_TEXT_MEMBERS = (".xml", ".rels", ".txt", ".csv", ".json", ".html", ".vml")


def safe_uri(uri: str, allowed: Collection[str] = ()) -> str:
    """A URL path or file name with every number masked in a form every file system
    accepts (no "*", which Windows refuses): 139xxxx0001."""
    return personal_data.mask(uri, allowed).replace("*", "x")


def seal_bytes(name: str, data: bytes, allowed: Collection[str] = ()) -> bytes:
    """`data` (the file `name`) with personal data masked; the same bytes when there is
    none, or when the type is one this pass does not rewrite."""
    suffix = os.path.splitext(name)[1].lower()
    if suffix == ".gz":
        inner = gzip.decompress(data)
        sealed = seal_bytes(name[:-3], inner, allowed)
        return data if sealed == inner else gzip.compress(sealed, mtime=0)
    if suffix in _ZIPPED:
        return _seal_zip(data, allowed)
    if suffix not in _HTML | _TEXT | {".json"}:
        return data
    try:
        text = data.decode("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError:
        return data
    if not personal_data.might_hold(text):
        return data
    bom = data[:3] if data.startswith(b"\xef\xbb\xbf") else b""
    if suffix in _HTML:
        sealed = personal_data.mask_html(text, allowed)
    elif suffix == ".json":
        sealed = _seal_json(text, allowed)
    else:
        sealed = personal_data.mask(text, allowed)
    return data if sealed == text else bom + sealed.encode("utf-8")


def digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def seal_tree(site_dir: Path, copied: Collection[str], allowed: Collection[str] = (),
              masked: Mapping[str, bytes] | None = None) -> list[str]:
    """Mask every output under `site_dir` except the files in `copied` (paths relative to
    it, copied from sources as they are); return the files that changed. `masked` (path ->
    `digest`) names files already masked as a whole when rendered: one still holding
    exactly those bytes is not masked again (masking is idempotent), one changed since is."""
    changed: list[str] = []
    skip = set(copied)
    masked = masked or {}
    for folder, dirs, names in os.walk(site_dir):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder, name)
            rel = path.relative_to(site_dir).as_posix()
            if rel in skip or path.is_symlink():
                continue
            data = path.read_bytes()
            if rel in masked and digest(data) == masked[rel]:
                continue
            sealed = seal_bytes(name, data, allowed)
            if sealed != data:
                write_atomic(path, sealed)
                changed.append(rel)
    return changed


def _seal_json(text: str, allowed: Collection[str]) -> str:
    """Masked string values; numbers and the document's shape stay as they are. A link
    keeps its URL (only its #fragment is masked), as in the pages."""
    try:
        data = json.loads(text)
    except ValueError:
        return personal_data.mask(text, allowed)

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            if value.startswith(("http://", "https://")):
                return personal_data.mask_url(value, lambda part: personal_data.mask(part, allowed))
            return personal_data.mask(value, allowed)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {walk(k): walk(v) for k, v in value.items()}
        return value

    sealed = walk(data)
    if sealed == data:
        return text
    compact = "\n" not in text.strip()
    return json.dumps(sealed, ensure_ascii=False, separators=(",", ":") if compact else None,
                      indent=None if compact else 2)


def _seal_zip(data: bytes, allowed: Collection[str]) -> bytes:
    """An Office file or zip with its text parts masked; members, order, dates and
    compression kept. A file that is not a readable zip is returned unchanged."""
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return data
    with source:
        members = [(info, source.read(info)) for info in source.infolist()]
    sealed = [(info, seal_bytes(info.filename, body, allowed) if info.filename.lower().endswith(_ZIP_TEXT_MEMBERS)
               else body) for info, body in members]
    if all(a[1] is b[1] or a[1] == b[1] for a, b in zip(members, sealed)):
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info, body in sealed:
            target.writestr(info, body, compress_type=info.compress_type)
    return out.getvalue()
