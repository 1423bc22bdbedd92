"""Writing several files as nearly all-or-nothing as a file system allows.

Every new content goes to a temporary file beside its target first; only when all of
them are written are they renamed into place (a rename within a folder is atomic), and
only then are files deleted. A failure while writing leaves the targets untouched and
removes the temporary files. The temporary names start with "." and end in ".tmp", so
a crash cannot leave something the site would read as a page.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_files(writes: dict[Path, bytes], deletes: Iterable[Path] = ()) -> None:
    """Replace or create every file in `writes`, then delete `deletes`."""
    staged: list[tuple[str, Path]] = []
    try:
        for target, data in writes.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
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


def _mode_for(target: Path) -> int:
    """The target's own permissions, or what a newly created file would get."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
