"""Several files that belong together (a report's .md, .xlsx and .docx) replaced as one
set: after a failure the folder holds the old set or the new one, never a mix.

Every new file is written to a temporary name first; only when all are complete are
the old files moved aside and the new ones renamed into place. If a rename fails (a
file open in Excel or Word on Windows, a read-only file), the files already renamed are
put back and the old ones restored. A run killed half-way leaves only dot-named
temporary files, which the next run in the same folder removes (`stale_temporaries`).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from evidencesite.catalogue.reading import say

PREFIX = ".fileset-"
"""Every temporary name starts with this, so a later run knows what it may remove."""


class SetNotWritten(OSError):
    """Nothing of the new set is in place; the old set (if any) is untouched."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason


def stale_temporaries(folder: Path) -> list[Path]:
    """Temporary files an interrupted run left in `folder`."""
    try:
        return sorted(p for p in folder.iterdir() if p.name.startswith(PREFIX) and p.name.endswith(".tmp"))
    except OSError:
        return []


def write_set(writes: dict[Path, bytes]) -> list[Path]:
    """Write every file of `writes` (all in one folder) as one set; returns the stale
    temporary files of an earlier, interrupted run that were removed. Raises
    `SetNotWritten` naming the file that could not be written."""
    folders = {path.parent for path in writes}
    if len(folders) != 1:
        raise ValueError("write_set writes into one folder")
    folder = folders.pop()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SetNotWritten(folder, exc.strerror or str(exc)) from exc
    for target in writes:
        if target.is_dir():
            raise SetNotWritten(target, say("fileset.name-taken-by-folder"))
    cleaned = []
    for stale in stale_temporaries(folder):
        try:
            stale.unlink()
            cleaned.append(stale)
        except OSError:
            pass
    staged: dict[Path, Path] = {}
    try:
        for target, data in writes.items():
            fd, temp = tempfile.mkstemp(prefix=f"{PREFIX}new-", suffix=".tmp", dir=folder)
            os.close(fd)
            staged[target] = Path(temp)
            with open(temp, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, 0o666 & ~_umask())
    except BaseException as exc:  # also Ctrl-C: no temporary file is left for the next run to find
        _remove(staged.values())
        if isinstance(exc, OSError):
            raise SetNotWritten(target, exc.strerror or str(exc)) from exc
        raise
    _swap(staged)
    return cleaned


def _swap(staged: dict[Path, Path]) -> None:
    """Move the old files aside, the new ones in; undo everything on the first failure."""
    moved_aside: dict[Path, Path] = {}
    placed: list[Path] = []
    try:
        for target, temp in staged.items():
            if target.exists():
                # On Windows a file open in Excel cannot be renamed: this fails before anything changed.
                aside = target.parent / f"{PREFIX}old-{os.getpid()}-{len(moved_aside)}.tmp"
                os.replace(target, aside)
                moved_aside[target] = aside
            os.replace(temp, target)
            placed.append(target)
    except BaseException as exc:
        failed = target
        for placed_target in placed:
            placed_target.unlink(missing_ok=True)
        for old_target, aside in moved_aside.items():
            os.replace(aside, old_target)
        _remove(staged.values())
        if isinstance(exc, OSError):
            raise SetNotWritten(failed, exc.strerror or str(exc)) from exc
        raise
    _remove(moved_aside.values())


def _remove(paths) -> None:
    for path in paths:
        try:
            Path(path).unlink(missing_ok=True)
        except OSError:
            pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
