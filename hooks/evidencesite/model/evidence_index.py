"""The evidence/ folder, walked once per build: which files exist, their sizes, and
the strict resolution of a page's `file:` value to one of them.

A path resolves only if it is relative, uses forward slashes, has no `..`, matches a
file's name case-exactly (the web server is case-sensitive even when Windows is not)
and, through any symlinks, stays inside evidence/. A path that misses says which file
was evidently meant: the same name in other letter case, or written with full-width
characters, spaces or invisible characters where the file has none.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from evidencesite.model import loose_name
from evidencesite.catalogue.reading import say

# Files that editors and operating systems leave behind; never evidence.
IGNORED_NAMES = frozenset({"Thumbs.db", "desktop.ini", ".DS_Store"})


@dataclass(frozen=True)
class EvidenceFile:
    path: str
    """Path relative to evidence/, forward slashes."""
    size: int
    abs_path: Path


@dataclass
class Resolution:
    """What a `file:` value points at: a file, or a finding code with its details."""

    file: EvidenceFile | None = None
    problem: str = ""
    details: dict[str, str] = field(default_factory=dict)


@dataclass
class EvidenceIndex:
    root: Path
    files: dict[str, EvidenceFile] = field(default_factory=dict)
    folders: set[str] = field(default_factory=set)
    special: dict[str, str] = field(default_factory=dict)
    """Path -> what it is, for entries that are no regular file (a FIFO, a device, a socket):
    reading one would block or never end, so they are reported and never read."""
    _lower: dict[str, str] = field(default_factory=dict)
    _loose: dict[str, str] | None = None

    @classmethod
    def scan(cls, root: Path) -> "EvidenceIndex":
        index = cls(root=root)
        if not root.is_dir():
            return index
        real_root = os.path.realpath(root)
        for folder, dirs, names in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            rel_folder = os.path.relpath(folder, root)
            if rel_folder != ".":
                index.folders.add(PurePosixPath(*Path(rel_folder).parts).as_posix())
            for name in sorted(names):
                if name.startswith(".") or name in IGNORED_NAMES:
                    continue
                abs_path = Path(folder, name)
                if not _inside(os.path.realpath(abs_path), real_root):
                    continue  # a symlink leading out of evidence/ is never published
                try:
                    st = abs_path.stat()
                except OSError:
                    continue
                size = st.st_size
                rel = PurePosixPath(*abs_path.relative_to(root).parts).as_posix()
                if not stat.S_ISREG(st.st_mode):
                    index.special[rel] = special_kind(st.st_mode)
                    continue
                index.files[rel] = EvidenceFile(rel, size, abs_path)
                index._lower[rel.lower()] = rel
        return index

    def add(self, rel: str, size: int) -> None:
        """Record a file known from a listing (Git's, for an earlier commit) rather than a walk."""
        self.files[rel] = EvidenceFile(rel, size, self.root / rel)
        self._lower[rel.lower()] = rel
        parts = rel.split("/")[:-1]
        self.folders.update("/".join(parts[:k]) for k in range(1, len(parts) + 1))

    def resolve(self, value: str) -> Resolution:
        """The file `value` names, or a problem; `details["actual"]`, when present, is the
        file a wrongly written value evidently means (so it is not reported as uncited)."""
        if value.startswith(("/", "\\")) or (len(value) > 1 and value[1] == ":"):
            return Resolution(problem="file-absolute", details={"name": PureWindowsPath(value).name})
        if "\\" in value:
            meant = self.resolve(value.replace("\\", "/")).file
            return Resolution(problem="file-backslash", details={"example": value.replace("\\", "/"),
                                                                 **({"actual": meant.path} if meant else {})})
        parts = PurePosixPath(value).parts
        if ".." in parts:
            return Resolution(problem="file-outside")
        rel = PurePosixPath(*parts).as_posix() if parts else ""
        if rel in self.files:
            return Resolution(file=self.files[rel])
        if rel in self.folders:
            return Resolution(problem="file-is-folder")
        if rel in self.special:
            return Resolution(problem="file-special", details={"kind": self.special[rel], "actual": rel})
        candidate = self.root / rel
        if candidate.is_symlink() and not candidate.exists():
            return Resolution(problem="file-broken-link")
        if candidate.is_symlink() or _escapes(candidate, self.root):
            return Resolution(problem="file-outside")
        if rel.lower() in self._lower:
            return Resolution(problem="file-case", details={"actual": self._lower[rel.lower()]})
        if self._loose is None:
            self._loose = {loose_name(path).lower(): path for path in self.files}
        near = self._loose.get(loose_name(rel).lower())
        if near:
            return Resolution(problem="file-near", details={"actual": near})
        prefix = self.root.name + "/"
        if rel.startswith(prefix) and rel[len(prefix):] in self.files:
            return Resolution(problem="file-evidence-prefix", details={"actual": rel[len(prefix):]})
        folder = PurePosixPath(rel).parent.as_posix()
        return Resolution(problem="file-missing", details={"folder": folder} if folder != "." else {})


def special_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words staff can look up."""
    if stat.S_ISFIFO(mode):
        return say("evidence_index.kind-fifo")
    if stat.S_ISSOCK(mode):
        return say("evidence_index.kind-socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return say("evidence_index.kind-device")
    return say("evidence_index.kind-special")


def _inside(real_path: str, real_root: str) -> bool:
    return real_path == real_root or real_path.startswith(real_root.rstrip(os.sep) + os.sep)


def _escapes(candidate: Path, root: Path) -> bool:
    try:
        return not _inside(os.path.realpath(candidate), os.path.realpath(root)) and os.path.lexists(candidate)
    except OSError:
        return False
