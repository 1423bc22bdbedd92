"""What the build may publish from docs/: only what really lies inside it.

MkDocs follows links when it collects docs/, so a page or folder that is a symbolic link
to somewhere else (a home folder, the evidence folder with its non-public files, the
build machine's configuration) would be published as if it were a page. Such links are
an error that check.py and the build report alike, and the build leaves what they lead
to out.
"""

from __future__ import annotations

import os
from pathlib import Path

from evidencesite.catalogue.messages import finding
from evidencesite.model import Finding
from evidencesite.model.settings import Settings


def outside_links(root: Path, settings: Settings) -> list[Finding]:
    """Every link under docs/ that leads to something outside docs/."""
    docs = root / settings.docs_dir
    if not docs.is_dir():
        return []
    real_docs = docs.resolve()
    found: list[Finding] = []
    for folder, dirs, names in os.walk(docs):
        dirs.sort()
        for name in sorted(dirs + names):
            path = Path(folder, name)
            # A broken link publishes nothing (a page that is one is reported as unreadable).
            if path.is_symlink() and path.exists() and not leads_inside(path, real_docs):
                found.append(finding("docs-link-outside", path=Path(os.path.relpath(path, root)).as_posix(),
                                     docs=settings.docs_dir))
        dirs[:] = [d for d in dirs if not Path(folder, d).is_symlink()]
    return found


def leads_inside(path: Path | str, real_docs: Path) -> bool:
    """Whether `path`, links followed, is inside the (resolved) docs folder."""
    try:
        return Path(path).resolve(strict=True).is_relative_to(real_docs)
    except (OSError, RuntimeError):  # a broken link or a loop
        return False
