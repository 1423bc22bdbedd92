"""Every file a command writes goes through here: to a temporary file beside its target
first, renamed into place only when complete (a rename within a folder is atomic). An
interrupted export, import, report or bundle leaves the old file or the new one, never
half of one, and a failure removes the temporary file.

The temporary names start with "." and end in ".tmp", so a crash cannot leave
something the site would read as a page. Targets keep their permissions; new files get
the ones the user's umask gives (mkstemp alone would make them private to the writer,
and the web server could not read them).

- `write_atomic(path, data)`: one file from bytes;
- `atomic_output(path)`: a temporary path for writers that stream (zip, PDF), renamed
  when the `with` block ends without an exception;
- `write_files(writes, deletes)`: several files as nearly all-or-nothing as a file
  system allows (the importer): all written first, then all renamed, then deletions.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Replace or create `path` with `data`; `durable=False` skips the fsync (caches)."""
    with atomic_output(path, durable) as temp:
        with open(temp, "wb") as handle:
            handle.write(data)


@contextmanager
def atomic_output(path: Path, durable: bool = True) -> Iterator[Path]:
    """A temporary file beside `path` to write; renamed to `path` when the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name[:60]}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(temp)
        if durable:
            _fsync(temp)
        os.chmod(temp, _mode_for(path))
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_files(writes: dict[Path, bytes], deletes: Iterable[Path] = ()) -> None:
    """Replace or create every file in `writes`, then delete `deletes`."""
    staged: list[tuple[str, Path]] = []
    try:
        for target, data in writes.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=f".{target.name[:60]}.", suffix=".tmp", dir=target.parent)
            staged.append((temp, target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, _mode_for(target))
    except BaseException:
        for temp, _ in staged:
            Path(temp).unlink(missing_ok=True)
        raise
    for temp, target in staged:
        os.replace(temp, target)
    for path in deletes:
        if path not in writes:
            path.unlink(missing_ok=True)


def _fsync(path: str) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _mode_for(target: Path) -> int:
    """The target's own permissions, or what a newly created file would get."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
