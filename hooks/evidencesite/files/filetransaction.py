"""Several files replaced as one change: after a failure, a locked file, a full disk or a
`kill -9`, the files are exactly as before or exactly as after, never half.

`atomicwrite.write_files` makes each file whole but not the set: a rename that fails
halfway (a page open in an editor on Windows, a read-only file) left the first pages
replaced and the rest old. Here every step is recorded first in a journal beside the
site, so whoever runs next can undo (or finish) what a killed process left:

1. the journal is written (phase "staging"), naming every temporary file and backup;
2. each new text goes to its temporary file beside its target (fsync); each file to be
   replaced or deleted gets a backup, a hard link (a copy where links are impossible);
3. the journal moves to phase "committing": from here the change is underway;
4. temporary files are renamed over their targets, deletions done;
5. the journal moves to phase "done", backups are removed, the journal last.

A failure in 2 or 4 is rolled back at once. A journal found later (the process was
killed) is rolled back when its phase is "staging" or "committing" and tidied when it
is "done"; either way the site is whole again before anything else happens.
Temporary and backup names start with "." so that no build or checker reads them.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from evidencesite.files.atomicwrite import _mode_for, write_atomic

JOURNAL = ".import-journal.json"
"""At the site root, so one place says whether a change was interrupted."""

STAGING, COMMITTING, DONE = "staging", "committing", "done"


@dataclass
class Recovery:
    """What the next run found of an interrupted change and did about it."""

    phase: str
    restored: int = 0
    """Files put back as they were before the interrupted change."""
    removed: int = 0
    """Temporary files and backups deleted."""


@dataclass
class CommitFailed(Exception):
    """A change that could not be made; `restored` says whether the files are as before."""

    path: str
    reason: str
    restored: bool
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class _Entry:
    target: str
    temp: str
    backup: str | None
    """None: the target did not exist before (a new file)."""


@dataclass
class _Journal:
    root: Path
    phase: str = STAGING
    writes: list[_Entry] = field(default_factory=list)
    deletes: list[_Entry] = field(default_factory=list)

    def save(self, phase: str) -> None:
        self.phase = phase
        data = {"version": 1, "phase": phase,
                "writes": [vars(e) for e in self.writes], "deletes": [vars(e) for e in self.deletes]}
        write_atomic(self.root / JOURNAL, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))

    @classmethod
    def load(cls, root: Path) -> _Journal | None:
        try:
            data = json.loads((root / JOURNAL).read_text(encoding="utf-8"))
            return cls(root, data["phase"], [_Entry(**e) for e in data["writes"]],
                       [_Entry(**e) for e in data["deletes"]])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            # A journal cut short by the kill itself: its own temporary file was never
            # renamed, so a readable journal always exists once step 1 finished.
            return cls(root, STAGING)

    def path(self, rel: str) -> Path:
        return self.root / rel


def pending(root: Path) -> bool:
    """Whether an interrupted change waits to be undone."""
    return (root / JOURNAL).exists()


def read_only(paths: Iterable[Path]) -> list[Path]:
    """Existing files nobody may write: Windows' read-only attribute shows as a mode
    without write bits, and there a rename over the file fails halfway through a change."""
    return [p for p in paths if p.is_file() and not p.stat().st_mode & 0o222]


def recover(root: Path) -> Recovery | None:
    """Undo (or tidy up after) a change whose process was killed; None when there was none."""
    journal = _Journal.load(root)
    if journal is None:
        return None
    recovery = Recovery(journal.phase)
    if journal.phase == DONE:
        recovery.removed = _tidy(journal)
    else:
        recovery.restored, recovery.removed = _roll_back(journal)
    (root / JOURNAL).unlink(missing_ok=True)
    return recovery


def commit(root: Path, writes: dict[Path, bytes], deletes: Iterable[Path] = ()) -> None:
    """Replace or create every file in `writes` and delete `deletes`, all or nothing.

    Raises CommitFailed; its `restored` is False only when undoing failed too, and then
    the journal stays for the next run to finish the undo."""
    root = Path(root)
    token = secrets.token_hex(4)
    journal = _Journal(root)
    rel = lambda p: Path(p).resolve().relative_to(root.resolve()).as_posix()  # noqa: E731
    for target in writes:
        base = f".{target.name[:60]}.{token}"
        journal.writes.append(_Entry(rel(target), rel(target.parent / f"{base}.tmp"),
                                     rel(target.parent / f"{base}.bak") if target.exists() else None))
    for target in deletes:
        if target not in writes and target.exists():
            journal.deletes.append(_Entry(rel(target), "", rel(target.parent / f".{target.name[:60]}.{token}.bak")))
    try:
        journal.save(STAGING)
    except OSError as exc:
        raise CommitFailed(rel(root / JOURNAL), _reason(exc), restored=True) from None
    current = ""
    try:
        for entry, data in zip(journal.writes, writes.values()):
            current = entry.target
            _stage(journal.path(entry.temp), journal.path(entry.target), data)
            if entry.backup:
                _backup(journal.path(entry.target), journal.path(entry.backup))
        for entry in journal.deletes:
            current = entry.target
            _backup(journal.path(entry.target), journal.path(entry.backup))
        journal.save(COMMITTING)
        for entry in journal.writes:
            current = entry.target
            os.replace(journal.path(entry.temp), journal.path(entry.target))
        for entry in journal.deletes:
            current = entry.target
            journal.path(entry.target).unlink()
        journal.save(DONE)
    except OSError as exc:
        _undo_after(journal, current, exc)
    except BaseException:  # Ctrl+C: undo now rather than leave it to the next run
        try:
            _roll_back(journal)
            (root / JOURNAL).unlink(missing_ok=True)
        finally:
            raise
    _tidy(journal)
    (root / JOURNAL).unlink(missing_ok=True)


def _undo_after(journal: _Journal, current: str, exc: OSError) -> None:
    try:
        _roll_back(journal)
        (journal.root / JOURNAL).unlink(missing_ok=True)
    except OSError as undo:
        raise CommitFailed(current, _reason(exc), restored=False, detail=_reason(undo)) from None
    raise CommitFailed(current, _reason(exc), restored=True) from None


def _stage(temp: Path, target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(temp, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(temp, _mode_for(target))


def _backup(target: Path, backup: Path) -> None:
    try:
        os.link(target, backup)
    except OSError:  # a file system without hard links (FAT on a USB stick)
        shutil.copy2(target, backup)


def _roll_back(journal: _Journal) -> tuple[int, int]:
    """Every target as before the change; returns (files restored, leftovers removed)."""
    restored = removed = 0
    underway = journal.phase == COMMITTING
    for entry in journal.writes:
        temp = journal.path(entry.temp)
        if temp.exists():  # never renamed: the target is still the old one
            temp.unlink()
            removed += 1
            if entry.backup:
                removed += _unlink(journal.path(entry.backup))
        elif entry.backup:
            backup = journal.path(entry.backup)
            if backup.exists():
                # Put back even when it may be the same file (a link to the unchanged
                # target): rename is then a no-op and the backup is removed below.
                os.replace(backup, journal.path(entry.target))
                _unlink(backup)
                restored += 1
        elif underway:  # a new file already renamed into place
            restored += _unlink(journal.path(entry.target))
    for entry in journal.deletes:
        backup, target = journal.path(entry.backup), journal.path(entry.target)
        if backup.exists():
            deleted = not target.exists()  # else the kill came before this deletion: nothing to restore
            os.replace(backup, target)
            _unlink(backup)
            restored += deleted
    return restored, removed


def _tidy(journal: _Journal) -> int:
    """After a complete change: the backups and any temporary file go."""
    removed = 0
    for entry in [*journal.writes, *journal.deletes]:
        for name in (entry.temp, entry.backup):
            if name:
                removed += _unlink(journal.path(name))
    return removed


def _unlink(path: Path) -> int:
    if path.exists() or path.is_symlink():
        path.unlink()
        return 1
    return 0


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__
