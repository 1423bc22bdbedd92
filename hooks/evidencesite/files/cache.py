"""The build cache: a folder at the site root (`.cache/evidence-site/` by default, set by
`cache_dir` in `extra.evidence_site`) that is always safe to delete.

Entries are keyed by the SHA-256 of the content they were made from, so an unchanged
file is never processed twice and a changed one never gets a stale result. The hash of
an evidence file itself is remembered by (path, size, modification time), so a build
reads an unchanged file once to copy it, not again to hash it. Every write goes to a
temporary file that is then renamed, so an interrupted build leaves no half entry.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from evidencesite.files.atomicwrite import write_atomic

_HASHES = "hashes"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Cache:
    """One site's cache folder. Unusable folders (read-only checkout) make it a no-op."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._hashes: dict[str, list] | None = None
        self._hashes_changed = False

    def path(self, kind: str, key: str, suffix: str = "") -> Path:
        return self.folder / kind / f"{key}{suffix}"

    def read_json(self, kind: str, key: str) -> Any:
        try:
            return json.loads(self.path(kind, key, ".json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def write_json(self, kind: str, key: str, value: Any) -> None:
        self.write(self.path(kind, key, ".json"), json.dumps(value, ensure_ascii=False).encode("utf-8"))

    def write(self, path: Path, data: bytes) -> bool:
        try:
            write_atomic(path, data, durable=False)  # a cache: losing it on power loss costs a rebuild
            return True
        except OSError:
            return False

    def content_hash(self, file: Path) -> str:
        """SHA-256 of a file, remembered while its size and modification time stay the same."""
        if self._hashes is None:
            self._hashes = self.read_json("", _HASHES) or {}
        stat = file.stat()
        key = str(Path(file).resolve())
        known = self._hashes.get(key)
        if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            return known[2]
        digest = sha256_file(file)
        self._hashes[key] = [stat.st_size, stat.st_mtime_ns, digest]
        self._hashes_changed = True
        return digest

    def save(self) -> None:
        """Persist what `content_hash` learnt (call once at the end of a pass)."""
        if self._hashes_changed and self._hashes is not None:
            self.write_json("", _HASHES, self._hashes)
            self._hashes_changed = False
